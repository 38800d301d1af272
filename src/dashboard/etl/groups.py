"""Peer groups: named sets of places, each with the source that states its membership.

Cited groups are curated in ``groups.csv`` beside this module and their sources in
``group_sources.csv`` (both checked against the contract when the build reads them: a
malformed row names file, row and column). The GII top ten is derived from the data, the
clusters ranked 1–10 in the latest edition with cluster ranks, so it follows the data when a
new edition arrives.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.contract import GROUPS, MEMBER_SEPARATOR, SOURCES, Table
from dashboard.data.validate import DataValidationError, coerce_table

CURATED = Path(__file__).with_name("groups.csv")
SOURCES_FILE = Path(__file__).with_name("group_sources.csv")
GII_RANK = "gii_cluster_rank"
GII_TOP = 10
GII_GROUP = "gii_top10"
GII_SOURCE = "atlas-derived-gii-top10"


def _read(path: Path, table: Table) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    _, problems = coerce_table(table, raw, str(path))
    if problems:
        raise DataValidationError(problems)
    return raw


def sources(path: Path = SOURCES_FILE) -> list[dict]:
    """The sources of the groups' memberships, as rows for sources.csv."""
    return _read(path, SOURCES).to_dict("records")


def gii_top(obs: pd.DataFrame) -> dict | None:
    """The clusters ranked 1–10 in the latest edition with cluster ranks (preferred rows),
    best first; None without any ranks."""
    ranks = obs[(obs["indicator_id"] == GII_RANK) & obs["preferred"].astype(bool)]
    if ranks.empty:
        return None
    edition = int(ranks["year"].max())
    top = ranks[(ranks["year"] == edition) & (ranks["value"] <= GII_TOP)].sort_values(
        ["value", "place_id"])
    return {
        "group_id": GII_GROUP,
        "name_en": f"GII top {GII_TOP} science and technology clusters ({edition})",
        "name_zh": f"GII全球科技集群前{GII_TOP}名({edition}年版)",
        "members": MEMBER_SEPARATOR.join(top["place_id"].astype(str)),
        "source_id": GII_SOURCE,
        "note": f"Derived from the data: the clusters ranked 1–{GII_TOP} in the Global "
                f"Innovation Index {edition}, the latest edition with cluster ranks here "
                f"({len(top)} clusters). Each rank's own source is on its row of "
                f"observations.csv ({GII_RANK}, {edition}).",
    }


def table(obs: pd.DataFrame, curated: Path = CURATED) -> pd.DataFrame:
    """Every group: the curated ones, then the GII top ten."""
    rows = _read(curated, GROUPS).to_dict("records")
    if (top := gii_top(obs)) is not None:
        rows.append(top)
    return pd.DataFrame(rows, columns=GROUPS.column_names)


def member_ids(groups: pd.DataFrame) -> list[str]:
    """Every place id that is a member of some group."""
    return [p for members in groups["members"] for p in members.split(MEMBER_SEPARATOR)]
