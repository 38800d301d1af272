"""GII 2023's appendix table of the top S&T clusters, ranks 1–34 (gii-clusters/).

One page of the report (p. 248) read whole from a mirror: each cluster's rank, its PCT
applications and scientific publications over the edition's window, their shares of the world
totals and the change of rank against GII 2022. Clusters are the same places as in the gii
module (GII-<slug of the name>), with the US state suffix (", CA") dropped as the other GII
pages write them.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from dashboard.etl import curation, meta
from dashboard.etl.common import Contribution, fail, to_number
from dashboard.etl.gii import (
    _METHOD_NOTE,
    _iso3_or_fail,
    city_point,
    cluster_place_id,
)

FILE = Path("gii-clusters") / "gii2023_appendix_table3_top35.csv"
EDITION = 2023
SOURCE_ID = "gii-2023-appendix-table3"
META = meta.load(__file__)


# Column of the table → indicator id.
COLUMNS = {
    "rank": "gii_cluster_rank",
    "pct_applications": "gii_cluster_pct_applications",
    "scientific_publications": "gii_cluster_publications",
    "share_pct_filings_pct": "gii_cluster_pct_share",
    "share_pubs_pct": "gii_cluster_publications_share",
    "rank_change": "gii_cluster_rank_change",
}
# The table's names for clusters other GII pages name differently.
_SAME_CLUSTER, _ = curation.renames("gii_cluster_aliases.csv", "printed", "name")


def cluster_name(printed: str) -> str:
    """'San Jose–San Francisco, CA' → 'San Jose–San Francisco'; 'Washington, DC–Baltimore' →
    'Washington–Baltimore'."""
    name = re.sub(r", [A-Z]{2}\b", "", printed).strip()
    return _SAME_CLUSTER.get(name, name)


def extract(raw: Path) -> Contribution:
    path = raw / FILE
    out = Contribution(sources=list(META.sources.values()))
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            economy = row["economy"].strip()
            iso3 = _iso3_or_fail(economy.split("/")[0], path, line, "economy")
            name = cluster_name(row["cluster"])
            if not name:
                raise fail(path, line, "cluster", "cluster name is missing")
            place_id = cluster_place_id(name)
            point = city_point(name.split("–")[0], iso3)
            out.places.append({
                "place_id": place_id, "kind": "cluster", "name_en": name, "name_zh": "",
                "parent_id": iso3, "lat": point[0] if point else None,
                "lon": point[1] if point else None, "is_city": False})
            evidence = ", ".join(f"{c}={row[c]}" for c in ("rank", "cluster", "economy",
                                                            *list(COLUMNS)[1:]))
            # Cross-border clusters ("CN/HK", "SG/MY") go under their first economy, as in gii.
            notes = [f"GII {EDITION} edition.", META.texts.get(economy, "")]
            for column, indicator_id in COLUMNS.items():
                value = to_number(row[column], path, line, column)
                note = " ".join([*notes, _METHOD_NOTE if "rank" in column else ""]).strip()
                out.observations.append({
                    "place_id": place_id, "indicator_id": indicator_id, "year": EDITION,
                    "value": value, "source_id": SOURCE_ID, "evidence": f"Table row: {evidence}",
                    "note": note or None})
    return out
