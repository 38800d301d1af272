"""Counts per city from complete national lists, copied whole into ``sources/national-lists/``.

Each list is one CSV, one row per entry: the entry as printed, its city and province, batch,
year, the page it is read from (url, page_title, page_date, grade, evidence: the exact text of
the entry's line) and where its city comes from (city_url, city_evidence). A list is used only
whole: its row count must equal the length the list states. Because it is complete for mainland
China, every prefecture city, county-level unit and province it does not name gets a count of
0, and China its length. Every count cites the list's page; the note says what the list covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.data.contract import GRADES
from dashboard.etl import meta, universities
from dashboard.etl.catalog import PROVINCES
from dashboard.etl.city_facts import source_id
from dashboard.etl.common import (
    PROJECT_SOURCES,
    Contribution,
    china_cities,
    city_id,
    fail,
    leading_date,
    province_id,
    read_rows,
)

FOLDER = "national-lists"
COLUMNS = ("entry", "city", "province", "batch", "year", "url", "page_title", "page_date",
           "grade", "evidence", "city_url", "city_evidence")
META = meta.load(__file__)
# Where a row's city is the seat the MoE list of institutions gives, that list must agree.
MOE_URL = universities.META.sources[universities.SOURCE_ID]["url"]
# The lists are of mainland institutions and places: Taiwan and the two SARs are not counted.
_OUTSIDE = {"CN-710000", "CN-810000", "CN-820000"}


@dataclass(frozen=True)
class NationalList:
    file: str
    indicator: str
    length: int  # as the list states it; a shorter or longer copy is not the list


LISTS = (NationalList("world_class_university_builders_2017.csv",
                      "world_class_university_builders", 42),)


def _place(raw: Path, path: Path, line: int, row: dict[str, str], seats: dict[str, str]) -> str:
    """The entry's place id, checked against its printed province and the MoE list."""
    place = city_id(universities.LOCATION_FIXES.get(row["city"], row["city"]), raw)
    if place is None:
        raise fail(path, line, "city", f"unknown city '{row['city']}'")
    parent = china_cities(raw).set_index("place_id")["parent_id"][place]
    if province_id(row["province"]) != parent:
        raise fail(path, line, "province", f"'{row['province']}' is not the province of "
                                           f"'{row['city']}'")
    if row["city_url"] == MOE_URL and seats.get(row["entry"]) != place:
        raise fail(path, line, "city", f"the MoE list does not seat '{row['entry']}' in "
                                       f"'{row['city']}'")
    return place


def entries(raw: Path, path: Path, spec: NationalList) -> list[dict[str, str]]:
    """The list's rows with their place ids, every cell checked."""
    seats = universities.located(raw).set_index("name_zh")["place_id"].to_dict()
    rows: list[dict[str, str]] = []
    for line, row in read_rows(path, COLUMNS):
        for column in ("url", "city_url"):
            if not row[column].startswith(("http://", "https://")):
                raise fail(path, line, column, f"'{row[column]}' is not a web address")
        if not row["entry"] or row["entry"] not in row["evidence"]:
            raise fail(path, line, "evidence", f"does not hold the entry '{row['entry']}'")
        if row["entry"] in {r["entry"] for r in rows}:
            raise fail(path, line, "entry", f"'{row['entry']}' is listed twice")
        if not re.fullmatch(r"\d{4}", row["year"]):
            raise fail(path, line, "year", f"'{row['year']}' is not a year")
        if row["grade"] not in GRADES:
            raise fail(path, line, "grade", f"'{row['grade']}' is not one of {', '.join(GRADES)}")
        if rows and (row["url"], row["year"]) != (rows[0]["url"], rows[0]["year"]):
            column = "url" if row["url"] != rows[0]["url"] else "year"
            raise fail(path, line, column, "a list is read from one page, for one year")
        rows.append(row | {"place_id": _place(raw, path, line, row, seats)})
    if len(rows) != spec.length:
        raise fail(path, None, None, f"{len(rows)} entries, but the list states {spec.length}")
    return rows


def _places(raw: Path) -> dict[str, str]:
    """Every mainland city place and province → its province (a municipality is its own)."""
    cities = china_cities(raw).set_index("place_id")["parent_id"].to_dict()
    provinces = {f"CN-{adcode}": f"CN-{adcode}" for adcode, *_ in PROVINCES}
    return {p: parent for p, parent in (cities | provinces).items() if parent not in _OUTSIDE}


def counts(raw: Path, spec: NationalList, rows: list[dict[str, str]]) -> list[dict]:
    """One observation per place: entries seated there (a province sums its cities)."""
    places = _places(raw)
    named: dict[str, list[str]] = {}
    for row in rows:
        for place in {row["place_id"], places[row["place_id"]]}:
            named.setdefault(place, []).append(row["entry"])
    scope, sid = META.texts[spec.indicator], source_id(rows[0]["url"])
    observations = [{"place_id": "CHN", "indicator_id": spec.indicator,
                     "year": int(rows[0]["year"]), "value": float(len(rows)), "source_id": sid,
                     "note": f"{scope} The list's length: {len(rows)}."}]
    for place in sorted(places):
        here = named.get(place, [])
        note = f"Here: {', '.join(here)}." if here else META.texts["none"]
        observations.append({"place_id": place, "indicator_id": spec.indicator,
                             "year": int(rows[0]["year"]), "value": float(len(here)),
                             "source_id": sid, "note": f"{scope} {note}"})
    return observations


def _source(rows: list[dict[str, str]]) -> dict[str, str]:
    first = rows[0]
    return META.source("page", source_id=source_id(first["url"]), url=first["url"],
                       title=first["page_title"] or f"Page at {first['url']}",
                       publisher=urlsplit(first["url"]).hostname or "not named",
                       published=leading_date(first["page_date"]),
                       date=leading_date(first["page_date"]) or "undated",
                       grade=max((r["grade"] for r in rows), key=GRADES.index))


def extract(raw: Path, project: Path = PROJECT_SOURCES) -> Contribution:
    sources, observations = [], []
    for spec in LISTS:
        rows = entries(raw, project / FOLDER / spec.file, spec)
        sources.append(_source(rows))
        observations += counts(raw, spec, rows)
    return Contribution(sources=sources, observations=observations)
