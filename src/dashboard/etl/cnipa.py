"""CNIPA's December 2016 region tables (cnipa-monthly/): the year's domestic invention
applications (Table 2) and PCT applications received (Table 14), for provinces, Hong Kong,
Macao and Taiwan, the 15 sub-provincial cities and China as a whole.

Only the December tables are annual figures. The November 2014 tables and the harvester's
differences of cumulative totals (derived, not printed) are not read.
"""

from __future__ import annotations

import csv
from pathlib import Path

from dashboard.etl import curation, meta
from dashboard.etl.common import Contribution, city_id, fail, province_id, to_number

FILE = Path("cnipa-monthly") / "cnipa_december_tables.csv"
META = meta.load(__file__)
# Table number → (indicator id, source id, publication date as the page states it, note).
TABLES = {
    "2": ("invention_patent_applications", "cnipa-2016-12-t2", "2017-04-07",
          "the year's total (Yearly Total column of the December table), domestic applicants"),
    "14": ("pct_applications_cnipa", "cnipa-2016-12-t14", "2017-04-10",
           "the year's total (Yearly Total column of the December table)"),
}
# Regions the look-ups by name do not resolve: total rows, other spellings, no places.
REGION_PLACES, NOT_PLACES = curation.renames("cnipa_regions.csv", "region", "place_id",
                                            droppable=True)


def _place(path: Path, line: int, row: dict[str, str], raw: Path) -> str | None:
    region = row["region"].strip()
    if region in NOT_PLACES:
        return None
    if region in REGION_PLACES:
        return REGION_PLACES[region]
    if row["region_type"] == "total":
        raise fail(path, line, "region", f"unknown total row '{region}'")
    place = (city_id(region, raw) if row["region_type"] == "sub-provincial city"
             else province_id(region))
    if place is None:
        raise fail(path, line, "region", f"unknown region '{region}'")
    return place


def extract(raw: Path) -> Contribution:
    path = raw / FILE
    sources: dict[str, dict] = {}
    observations = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            table = row["table_no"].strip()
            if table not in TABLES:
                raise fail(path, line, "table_no", f"unknown table '{table}'")
            if row["month"].strip() != f"December {row['year'].strip()}":
                raise fail(path, line, "month", f"'{row['month']}' is not a December table")
            place = _place(path, line, row, raw)
            if place is None:
                continue
            indicator_id, source_id, published, note = TABLES[table]
            url = row["url"].strip()
            if source_id not in sources:
                sources[source_id] = META.source(
                    "table", source_id=source_id, url=url, published=published,
                    month=row["month"].strip(), table_title=row["table_title"].strip())
            observations.append({
                "place_id": place, "indicator_id": indicator_id,
                "year": int(to_number(row["year"], path, line, "year")),
                "value": to_number(row["yearly_total"], path, line, "yearly_total"),
                "source_id": source_id, "evidence": row["evidence"].strip(), "note": note})
    return Contribution(sources=list(sources.values()), observations=observations)
