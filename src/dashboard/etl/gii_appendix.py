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
SOURCE = {
    "source_id": SOURCE_ID,
    "title": "Global Innovation Index 2023, 16th edition: Top 100 science and technology "
             "clusters (appendix table, report p. 248), ranks 1–34",
    "publisher": "WIPO",
    "carrier": "FlipHTML5 (fliphtml5.com) page-by-page mirror of the report",
    "url": "https://fliphtml5.com/hspgv/oyls/wipo-pub-2000-2023-en-main-report-global-"
           "innovation-index-2023-16th-edition_%281%29/245",
    "published": "2023-09",
    "licence": "CC BY 4.0 (WIPO, GII 2023); attribute WIPO",
    "citation": "WIPO (2023), Global Innovation Index 2023, 16th edition, Top 100 science and "
                "technology clusters, report p. 248; read from the FlipHTML5 mirror, ranks 1–34.",
    "kind": "web_page", "grade": "reprint",
}


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
_SAME_CLUSTER = {"New York City": "New York"}
# Cross-border clusters ("CN/HK", "SG/MY") are filed under their first economy, as in gii.
_NOTES = {"CN/HK": "Cross-border cluster (China / Hong Kong, China), filed under China.",
          "SG/MY": "Cross-border cluster (Singapore / Malaysia), filed under Singapore.",
          "TW*": "Economy printed as 'TW*' in the table."}


def cluster_name(printed: str) -> str:
    """'San Jose–San Francisco, CA' → 'San Jose–San Francisco'; 'Washington, DC–Baltimore' →
    'Washington–Baltimore'."""
    name = re.sub(r", [A-Z]{2}\b", "", printed).strip()
    return _SAME_CLUSTER.get(name, name)


def extract(raw: Path) -> Contribution:
    path = raw / FILE
    out = Contribution(sources=[SOURCE])
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
            notes = [f"GII {EDITION} edition.", _NOTES.get(economy, "")]
            for column, indicator_id in COLUMNS.items():
                value = to_number(row[column], path, line, column)
                note = " ".join([*notes, _METHOD_NOTE if "rank" in column else ""]).strip()
                out.observations.append({
                    "place_id": place_id, "indicator_id": indicator_id, "year": EDITION,
                    "value": value, "source_id": SOURCE_ID, "evidence": f"Table row: {evidence}",
                    "note": note or None})
    return out
