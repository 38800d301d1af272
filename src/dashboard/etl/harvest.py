"""Figures harvested from public web pages: the raw harvest folders and the project's own
``sources/*/facts.csv``.

Every file has the columns city, year, indicator, value, unit, qualifier, url, page_title,
page_date, publisher, grade, evidence and optionally note. Cities are short Chinese names,
indicators are already the catalogue's ids, values and units are as printed (converted here),
qualifiers are the printed bound words (mapped to the contract's enum). Each page address is one
source. The publisher column carries the harvester's caveats in brackets (revised or original
population series, student basis, as-of dates); they go into the note.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from dashboard.data.contract import GRADES
from dashboard.etl import curation, meta
from dashboard.etl.catalog import units as catalogue_units
from dashboard.etl.city_facts import UNITS, converted, source_id
from dashboard.etl.common import (
    PROJECT_SOURCES,
    Contribution,
    city_id,
    fail,
    leading_date,
    to_number,
)

RAW_FILES = ("city-rd-harvest/city_rd_facts.csv", "city-bulletin-harvest/city_bulletin_facts.csv")
COLUMNS = ("city", "year", "indicator", "value", "unit", "qualifier", "url", "page_title",
           "page_date", "publisher", "grade", "evidence")

# The printed qualifier's leading words → the contract's qualifier (curation table).
QUALIFIER_WORDS = {words: bound for words, (bound, _) in curation.qualifiers().items()}
# "超过全省平均水平": the value printed is the province's average, not the city's figure.
PROVINCIAL_AVERAGE = "超过全省平均水平"

# After the 2020 census many cities revised their 2011–2019 resident population upward; the
# harvest keeps both series and says which in the publisher or note column.
_ORIGINAL = re.compile(r"pre-census|pre-七普|original|pre-2020", re.IGNORECASE)
_REVISED = re.compile(r"revised", re.IGNORECASE)
SERIES_NOTES = {
    "original": "Series break: original series, published before the 2020 census revision",
    "revised": "Series break: series revised after the 2020 census; not comparable with the "
               "original series published at the time",
}


def population_series(text: str) -> str | None:
    """Which population series a row's remarks say it belongs to, if any."""
    if _ORIGINAL.search(text):
        return "original"
    return "revised" if _REVISED.search(text) else None


META = meta.load(__file__)


def harvest_files(raw: Path, project: Path) -> list[Path]:
    return [raw / name for name in RAW_FILES] + sorted(project.glob("*/facts.csv"))


def _rows(files: list[Path]) -> Iterator[tuple[Path, int, dict[str, str]]]:
    for path in files:
        # utf-8-sig: spreadsheet programs save CSV with a byte-order mark.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise fail(path, 1, missing[0], "required column is missing")
            for line, row in enumerate(reader, start=2):
                if None in row or any(v is None for v in row.values()):
                    raise fail(path, line, None, "row has a different number of cells than "
                                                 "the header")
                yield path, line, {k: v.strip() for k, v in row.items()}


def qualifier(path: Path, line: int, printed: str) -> str | None:
    """The enum value for a printed qualifier ('预计(estimate)', 'estimated; may exceed')."""
    words = re.split(r"[(;（]", printed, maxsplit=1)[0].strip()
    if words not in QUALIFIER_WORDS:
        raise fail(path, line, "qualifier", f"unknown qualifier '{printed}'")
    return QUALIFIER_WORDS[words]


def _publisher(text: str) -> tuple[str, str]:
    """'maigoo.com (table … revised after 七普)' → ('maigoo.com', the whole text as a caveat):
    the name before any bracket, and the harvester's remarks kept whole for the note."""
    name = text.partition(" (")[0].strip()
    return name or "not named", f"page: {text}" if name != text else ""


def _observation(raw: Path, path: Path, line: int, row: dict[str, str],
                 units: dict[str, str]) -> dict:
    indicator_id = row["indicator"]
    if indicator_id not in units:
        raise fail(path, line, "indicator", f"unknown indicator '{indicator_id}'")
    place = city_id(row["city"], raw)
    if place is None:
        raise fail(path, line, "city", f"unknown city '{row['city']}'")
    if not re.fullmatch(r"\d{4}", row["year"]):
        raise fail(path, line, "year", f"'{row['year']}' is not a year")
    stated = to_number(row["value"], path, line, "value")
    unit, factor = UNITS.get(row["unit"], (None, 1))
    if unit != units[indicator_id]:
        raise fail(path, line, "unit", f"'{row['unit']}' cannot be stored as "
                                       f"{units[indicator_id]} ({indicator_id})")
    bound = qualifier(path, line, row["qualifier"])
    figure = f"{row['value']} {row['unit']}"
    _, caveat = _publisher(row["publisher"])
    series = (population_series(f"{caveat} {row.get('note') or ''}")
              if indicator_id == "population" else None)
    notes = [f"stated as '{row['qualifier']} {figure}'" if row["qualifier"] else "",
             f"converted from {figure} (×{factor:,g})" if factor != 1 else "",
             caveat, row.get("note") or "", SERIES_NOTES.get(series or "", "")]
    return {"place_id": place, "indicator_id": indicator_id, "year": int(row["year"]),
            "value": converted(stated, factor), "qualifier": bound,
            "source_id": source_id(row["url"]),
            "evidence": row["evidence"] or None,
            "note": "; ".join(n for n in notes if n) or None}


def extract(raw: Path, project: Path = PROJECT_SOURCES) -> Contribution:
    units = catalogue_units()
    sources: dict[str, dict] = {}
    kept: dict[tuple, dict] = {}
    for path, line, row in _rows(harvest_files(raw, project)):
        if row["qualifier"].startswith(PROVINCIAL_AVERAGE):
            continue
        url = row["url"]
        if not url.startswith(("http://", "https://")):
            raise fail(path, line, "url", f"'{url}' is not a web address")
        if row["grade"] not in GRADES:
            raise fail(path, line, "grade", f"'{row['grade']}' is not one of {', '.join(GRADES)}")
        sid = source_id(url)
        publisher, _ = _publisher(row["publisher"])
        source = sources.setdefault(sid, {
            "source_id": sid, "title": row["page_title"] or f"Page at {url}",
            "publisher": publisher, "url": url, "published": leading_date(row["page_date"]),
            "grade": row["grade"]})
        # A page graded differently by two harvests gets the more cautious grade.
        source["grade"] = max(source["grade"], row["grade"], key=GRADES.index)
        obs = _observation(raw, path, line, row, units)
        key = (obs["place_id"], obs["indicator_id"], obs["year"], sid, obs["value"])
        kept.setdefault(key, obs)
    cited = [META.source("page", **source, date=source["published"] or "undated")
             for source in sources.values()]
    return Contribution(sources=cited, observations=list(kept.values()))
