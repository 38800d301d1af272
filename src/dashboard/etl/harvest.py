"""Figures harvested from public web pages: the raw harvest folders and the project's own
``sources/*/facts.csv``.

Every file has the columns city, year, indicator, value, unit, qualifier, url, page_title,
page_date, publisher, grade, evidence and optionally note, verified and as_of (a second reading
of the row: when and how; the date of a count not at year end). Cities are short Chinese names,
indicators are already the catalogue's ids, values and units are as printed (converted here),
qualifiers are the printed bound words (mapped to the contract's enum). Each page address is one
source. The publisher column carries the harvester's caveats in brackets (revised or original
population series, student basis, as-of dates); they go into the note.

The shared harvests are read-only: their second reading is in override tables
``sources/rereads/*.csv`` (one row per shared row, named by file and CSV line and checked
against the row's city, year, indicator and value), which carry verified and as_of, may
replace the row's year, indicator, qualifier or url, or drop the figure.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from dashboard.data.contract import AS_OF, GRADES, SECOND_READING
from dashboard.data.preferred import mid_year
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
REREADS = "rereads"
REREAD_COLUMNS = ("file", "line", "city", "year", "indicator", "value", "verified", "as_of",
                  "year_new", "indicator_new", "qualifier_new", "url_new", "drop")
# What an override checks against the shared row, and what it may replace.
REREAD_MATCH = ("city", "year", "indicator", "value")
REREAD_NEW = ("year", "indicator", "qualifier", "url")
VERIFIED = re.compile(r"\d{4}-\d{2}-\d{2} (ok|fixed|unconfirmed): \S")

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


def _rows(files: list[Path], columns: tuple[str, ...] = COLUMNS
          ) -> Iterator[tuple[Path, int, dict[str, str]]]:
    for path in files:
        # utf-8-sig: spreadsheet programs save CSV with a byte-order mark.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise fail(path, 1, missing[0], "required column is missing")
            for line, row in enumerate(reader, start=2):
                if None in row or any(v is None for v in row.values()):
                    raise fail(path, line, None, "row has a different number of cells than "
                                                 "the header")
                yield path, line, {k: v.strip() for k, v in row.items()}


Override = tuple[Path, int, dict[str, str]]


def _check_new(path: Path, line: int, row: dict[str, str], units: dict[str, str]) -> None:
    """Replacement values are checked here, so that a bad one names the override table."""
    if row["year_new"] and not re.fullmatch(r"\d{4}", row["year_new"]):
        raise fail(path, line, "year_new", f"'{row['year_new']}' is not a year")
    if row["indicator_new"] and row["indicator_new"] not in units:
        raise fail(path, line, "indicator_new", f"unknown indicator '{row['indicator_new']}'")
    if row["qualifier_new"]:
        qualifier(path, line, row["qualifier_new"], "qualifier_new")
    if row["url_new"] and not row["url_new"].startswith(("http://", "https://")):
        raise fail(path, line, "url_new", f"'{row['url_new']}' is not a web address")


def rereads(project: Path, units: dict[str, str]) -> dict[tuple[str, int], Override]:
    """The override tables' rows by the shared row they re-read: (file, line) → (table, row
    number, row)."""
    found: dict[tuple[str, int], Override] = {}
    for path, line, row in _rows(sorted((project / REREADS).glob("*.csv")), REREAD_COLUMNS):
        if row["file"] not in RAW_FILES:
            raise fail(path, line, "file", f"'{row['file']}' is not one of {', '.join(RAW_FILES)}")
        if not re.fullmatch(r"[1-9]\d*", row["line"]) or int(row["line"]) < 2:
            raise fail(path, line, "line", f"'{row['line']}' is not a data row's line number")
        if row["drop"] not in ("", "yes"):
            raise fail(path, line, "drop", f"'{row['drop']}' is neither empty nor 'yes'")
        _check_new(path, line, row, units)
        target = (row["file"], int(row["line"]))
        if target in found:
            prior, prior_line, _ = found[target]
            raise fail(path, line, "line", f"line {target[1]} of {target[0]} is re-read twice "
                                           f"(also {prior.name}, row {prior_line})")
        found[target] = (path, line, row)
    return found


def _apply(override: Override, shared: dict[str, str], shared_path: Path,
           shared_line: int) -> dict[str, str] | None:
    """The shared row as re-read (None when dropped); the override must name it exactly."""
    path, line, row = override
    for column in REREAD_MATCH:
        same = (to_number(row[column], path, line, column)
                == to_number(shared[column], shared_path, shared_line, column)
                if column == "value" else row[column] == shared[column])
        if not same:
            raise fail(path, line, column, f"'{row[column]}' does not match line {shared_line} "
                                           f"of {row['file']} ('{shared[column]}')")
    if row["drop"] == "yes":
        return None
    changed = {c: row[f"{c}_new"] for c in REREAD_NEW if row[f"{c}_new"]}
    return shared | changed | {c: row[c] for c in SECOND_READING}


def qualifier(path: Path, line: int, printed: str, column: str = "qualifier") -> str | None:
    """The enum value for a printed qualifier ('预计(estimate)', 'estimated; may exceed')."""
    words = re.split(r"[(;（]", printed, maxsplit=1)[0].strip()
    if words not in QUALIFIER_WORDS:
        raise fail(path, line, column, f"unknown qualifier '{printed}'")
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
    as_of, verified = row.get("as_of") or "", row.get("verified") or ""
    if as_of and not re.fullmatch(AS_OF, as_of):
        raise fail(path, line, "as_of", f"'{as_of}' is not a date (YYYY-MM-DD or YYYY-MM)")
    if verified and not VERIFIED.match(verified):
        raise fail(path, line, "verified", "does not start '<YYYY-MM-DD> ok|fixed|unconfirmed: '")
    notes = [f"stated as '{row['qualifier']} {figure}'" if row["qualifier"] else "",
             f"count as of {as_of}, not at year end" if mid_year(as_of, int(row["year"])) else "",
             f"converted from {figure} (×{factor:,g})" if factor != 1 else "",
             caveat, row.get("note") or "", SERIES_NOTES.get(series or "", "")]
    return {"place_id": place, "indicator_id": indicator_id, "year": int(row["year"]),
            "value": converted(stated, factor), "qualifier": bound,
            "source_id": source_id(row["url"]),
            "evidence": row["evidence"] or None,
            "note": "; ".join(n for n in notes if n) or None,
            "verified": verified or None, "as_of": as_of or None}


def extract(raw: Path, project: Path = PROJECT_SOURCES) -> Contribution:
    units = catalogue_units()
    sources: dict[str, dict] = {}
    kept: dict[tuple, dict] = {}
    overrides = rereads(project, units)
    for path, line, row in _rows(harvest_files(raw, project)):
        shared = path.relative_to(raw).as_posix() if path.is_relative_to(raw) else None
        if (shared, line) in overrides:
            row = _apply(overrides.pop((shared, line)), row, path, line)
            if row is None:
                continue
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
        prior = kept.setdefault(key, obs)
        for column in SECOND_READING:  # a second reading of either copy holds for both
            prior[column] = prior[column] or obs[column]
    for (name, target), (path, line, _) in overrides.items():  # the first left is named
        raise fail(path, line, "line", f"{name} has no data row at line {target}")
    cited = [META.source("page", **source, date=source["published"] or "undated")
             for source in sources.values()]
    return Contribution(sources=cited, observations=list(kept.values()))
