"""City facts hand-collected from public web pages (city-facts/).

Two files: ``city_facts.csv`` (no grade column: graded by host from the per-source quality list
in city-facts/PROVENANCE.md) and ``city_series_facts.csv`` (graded per row by its collector,
with a note column). Every row states one figure with its page URL and the exact phrase; each
page becomes one source. Values are converted to the indicator's unit and any qualifier the
collector put in the unit column ("超过", "over", "expected"...) is spelled out in ``note``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.data.contract import GRADES
from dashboard.etl import curation, meta
from dashboard.etl.catalog import units as catalogue_units
from dashboard.etl.common import Contribution, city_id, fail, leading_date, page_id, to_number

FOLDER = "city-facts"
# The series file goes first: it carries publication dates and its collector's grades.
FILES = ("city_series_facts.csv", "city_facts.csv")
NO_ADDRESS = "(no address available"


# Raw indicator names → catalogue ids (only where the definitions truly match) or the reason
# they are dropped; notes say what a raw name tells about the figure (city_facts.csv has no
# note column). Nothing else is skipped.
INDICATOR_MAP, DROPPED, RAW_NOTES = curation.name_map("city_facts_indicators.csv")
# Units as printed, shared with the harvest module, whose units are printed the same ways.
UNITS = curation.units()


# Pages another module reads whole (cnipa-monthly/, module cnipa): rows copied from them here
# would repeat its figures under a second source.
READ_WHOLE_ELSEWHERE = {
    "http://english.sipo.gov.cn/statistics/2016/12/201704/t20170407_1309326.html",
    "http://english.sipo.gov.cn/statistics/2016s/201612/1067778.htm",
}


def converted(stated: float, factor: float) -> float:
    """A printed figure in the indicator's unit, without float noise from the factor."""
    return round(stated * factor, 6)


# Bracketed qualifiers of the unit column → (qualifier column, note template). A preliminary
# bulletin figure is the published figure of its time, so exact.
QUALIFIERS = curation.qualifiers()

# Per host: its operator where recognisable (other pages name only their host), its grade
# (city_facts.csv has no grade column: grades follow PROVENANCE.md's per-source quality list)
# and any caveat PROVENANCE.md attaches to its pages.
PUBLISHERS, FACTS_GRADE_BY_HOST, HOST_NOTES = curation.hosts("city_facts_hosts.csv")

META = meta.load(__file__)


def source_id(url: str) -> str:
    """One stable id per page address, shared by every collection quoting web pages for
    cities (this one and the harvests): a page is one source."""
    return page_id("web", url)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "") if url.startswith("http") else ""


def _split_unit(unit: str) -> tuple[str, str]:
    """'万家 (超过)' → ('万家', '超过')."""
    base, _, qualifier = unit.partition("(")
    return base.strip(), qualifier.strip().removesuffix(")")


def _rows(raw: Path) -> Iterator[tuple[Path, int, dict[str, str]]]:
    """Every row of both files with its CSV line number (header = 1)."""
    for name in FILES:
        path = raw / FOLDER / name
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                yield path, line, row


def _row_grade(path: Path, line: int, row: dict[str, str]) -> str:
    url = row["source_url"].strip()
    if "grade" in row:
        grade = row["grade"].strip()
        if grade not in GRADES:
            raise fail(path, line, "grade", f"'{grade}' is not one of {', '.join(GRADES)}")
        return grade
    if url.startswith(NO_ADDRESS):
        return "weak"
    grade = curation.for_host(FACTS_GRADE_BY_HOST, _host(url))
    if grade is None:
        raise fail(path, line, "source_url", f"no grade known for host '{_host(url)}'")
    return grade


def _observation(raw: Path, path: Path, line: int, row: dict[str, str],
                 units: dict[str, str]) -> dict:
    name = row["indicator"].strip()
    indicator_id = INDICATOR_MAP.get(name)
    if indicator_id is None:
        raise fail(path, line, "indicator", f"'{name}' is neither mapped nor dropped")
    place = city_id(row["city"], raw)
    if place is None:
        raise fail(path, line, "city", f"unknown city '{row['city']}'")
    year_text = row["year"].strip()
    if not re.fullmatch(r"\d{4}", year_text):
        raise fail(path, line, "year", f"'{year_text}' is not a year")
    stated = to_number(row["value"], path, line, "value")
    base, qualifier = _split_unit(row["unit"])
    unit, factor = UNITS.get(base, (None, 1))
    if unit != units[indicator_id]:
        raise fail(path, line, "unit", f"'{row['unit']}' cannot be stored as "
                                       f"{units[indicator_id]} ({indicator_id})")
    if qualifier not in QUALIFIERS:
        raise fail(path, line, "unit", f"unknown qualifier '({qualifier})'")
    figure = f"{row['value'].strip()} {base}"
    url = row["source_url"].strip()
    bound, qualifier_note = QUALIFIERS[qualifier]
    if bound is None and row.get("note", "").strip().lower().startswith("rounded"):
        bound = "about"
    notes = [RAW_NOTES.get(name, ""), qualifier_note.format(stated=figure),
             f"converted from {figure} (×{factor:,g})" if factor != 1 else "",
             row.get("note", "").strip(), curation.for_host(HOST_NOTES, _host(url)) or ""]
    return {"place_id": place, "indicator_id": indicator_id, "year": int(year_text),
            "value": converted(stated, factor), "qualifier": bound, "source_id": source_id(url),
            "evidence": row["evidence"].strip(),
            "note": "; ".join(n for n in notes if n) or None}


def extract(raw: Path) -> Contribution:
    units = catalogue_units()
    sources: dict[str, dict] = {}
    kept: dict[tuple, dict] = {}
    for path, line, row in _rows(raw):
        if row["indicator"].strip() in DROPPED or row["source_url"] in READ_WHOLE_ELSEWHERE:
            continue
        url = row["source_url"].strip()
        if not url.startswith(("http://", "https://", NO_ADDRESS)):
            raise fail(path, line, "source_url", f"'{url}' is not a web address")
        grade = _row_grade(path, line, row)
        sid = source_id(url)
        source = sources.setdefault(sid, {
            "source_id": sid, "title": row["source_title"].strip(),
            "publisher": curation.for_host(PUBLISHERS, _host(url)) or _host(url) or "not named",
            "url": url, "published": "", "grade": grade})
        source["published"] = source["published"] or leading_date(row.get("source_date", ""))
        # A page graded differently by the two collections gets the more cautious grade.
        source["grade"] = max(source["grade"], grade, key=GRADES.index)
        obs = _observation(raw, path, line, row, units)
        key = (obs["place_id"], obs["indicator_id"], obs["year"], obs["source_id"])
        prior = kept.setdefault(key, obs)
        # The same page quoted twice (in one file or both) is one figure; a page stating two
        # different values for one key would need a rule, so it stops the build.
        if prior is not obs and prior["value"] != obs["value"]:
            raise fail(path, line, "value", f"{'/'.join(map(str, key))} is also "
                                            f"{prior['value']:g} on the same page")
    cited = [META.source("page", **source, date=source["published"] or "undated")
             for source in sources.values()]
    return Contribution(sources=cited,
                        observations=list(kept.values()))
