"""Country comparisons: World Bank WDI indicators and NSF/NCSES Science & Engineering Indicators."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from dashboard.etl import curation, meta
from dashboard.etl.common import Contribution, country_place, fail, to_number
from dashboard.etl.gii import economy_iso3, is_economy

WDI_DIR = Path("world-bank-wdi")
NCSES_DIR = Path("ncses")
META = meta.load(__file__)


# --- World Bank WDI --------------------------------------------------------------------------

# WDI code → (file, indicator id, GitHub repo and commit the file was copied from).
_WDI_FILES = {row["code"]: (row["file"], row["indicator_id"], row["repo"], row["commit"])
              for _, row in curation.read_table("wdi_files.csv", ("code", "file", "indicator_id",
                                                                  "repo", "commit"))}
_YEAR = re.compile(r"^\d{4}$")


def _wdi(raw: Path, code: str) -> tuple[dict, list[dict]]:
    import pycountry

    name, indicator_id, repo, commit = _WDI_FILES[code]
    file = raw / WDI_DIR / name
    source_id = f"wb-{code}".lower()
    with file.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    if lines[2][:1] != ["Last Updated Date"]:
        raise fail(file, 3, None, "expected the 'Last Updated Date' line of a WDI file")
    updated = lines[2][1]
    header = lines[4]
    years = [(i, col) for i, col in enumerate(header) if _YEAR.match(col)]
    title = None
    rows = []
    for line, row in enumerate(lines[5:], start=6):
        if not row:
            continue
        cells = dict(zip(header, row, strict=False))
        if cells["Indicator Code"] != code:
            raise fail(file, line, "Indicator Code", f"expected {code}")
        title = cells["Indicator Name"]
        iso3 = cells["Country Code"]
        # Countries only: aggregates (WLD, HIC, EAS…) and codes outside ISO 3166 (XKX Kosovo,
        # CHI Channel Islands) are whatever pycountry does not know as a country.
        if pycountry.countries.get(alpha_3=iso3) is None:
            continue
        for i, year in years:
            cell = row[i] if i < len(row) else ""
            if cell == "":  # WDI leaves unavailable years blank
                continue
            rows.append({"place_id": iso3, "indicator_id": indicator_id, "year": int(year),
                         "value": to_number(cell, file, line, year), "source_id": source_id})
    return META.source("wdi", source_id=source_id, name=title, code=code, updated=updated,
                       repo=repo, commit=commit), rows


# --- NCSES -----------------------------------------------------------------------------------


def _entity(name: str, file: Path, line: int, column: str) -> str | None:
    """ISO3 of an NCSES entity, None for a listed non-economy; fails on anything else."""
    if not is_economy(name):
        return None
    iso3 = economy_iso3(name)
    if iso3 is None:
        raise fail(file, line, column, f"'{name}' is neither a mapped country nor listed as "
                                       "a non-economy")
    return iso3


def _add(rows: dict, obs: dict, file: Path, line: int) -> None:
    key = (obs["place_id"], obs["indicator_id"], obs["year"])
    if key in rows:
        raise fail(file, line, None, f"a second row for {key}")
    rows[key] = obs


def _ncses_series(raw: Path, name: str, table: str, indicator_id: str, value_column: str,
                  note: str) -> list[dict]:
    """Tidy time series (entity, year, value), the years restored by position."""
    file = raw / NCSES_DIR / name
    rows: dict = {}
    with file.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            iso3 = _entity(row["entity"], file, line, "entity")
            if iso3 is None:
                continue
            value = to_number(row[value_column], file, line, value_column)
            _add(rows, {"place_id": iso3, "indicator_id": indicator_id,
                        "year": int(to_number(row["year"], file, line, "year")), "value": value,
                        "source_id": f"ncses-{table.lower()}",
                        "note": note + (" China includes Hong Kong." if iso3 == "CHN"
                                        and table == "SINV-11" else "")}, file, line)
    return list(rows.values())


def _gerd(raw: Path) -> list[dict]:
    file = raw / NCSES_DIR / "ncses_RD-5_gerd_and_rd_intensity_2019_or_latest_tidy.csv"
    rows: dict = {}
    with file.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            iso3 = _entity(row["country"], file, line, "country")
            if iso3 is None:
                continue
            notes = ["2019 or the latest year available; the year is the data year NCSES "
                     "states for the country."]
            if iso3 == "ISR":
                notes.append("Civilian R&D only.")
            if row["footnote"]:
                notes.append(f"NCSES footnote '{row['footnote']}' (its text is not in the copy).")
            _add(rows, {"place_id": iso3, "indicator_id": "gerd_ppp",
                        "year": int(to_number(row["data_year"], file, line, "data_year")),
                        "value": to_number(row["gerd_ppp_usd_millions"], file, line,
                                           "gerd_ppp_usd_millions"),
                        "source_id": "ncses-rd-5",
                        "note": " ".join(notes)}, file, line)
    return list(rows.values())


def _venture_capital(raw: Path) -> list[dict]:
    file = raw / NCSES_DIR / "ncses_SINV-98_venture_capital_by_region_2000_2020.csv"
    rows: dict = {}
    with file.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            iso3 = _entity(row["region_country_or_economy"], file, line,
                           "region_country_or_economy")
            if iso3 is None:
                continue
            for year in (c for c in row if _YEAR.match(c)):
                if row[year] == "NA":  # NCSES marks years without data "NA"
                    continue
                _add(rows, {"place_id": iso3, "indicator_id": "venture_capital",
                            "year": int(year), "value": to_number(row[year], file, line, year),
                            "source_id": "ncses-sinv-98",
                            "note": "By location of the investor's headquarters."
                                    + (" China includes Hong Kong." if iso3 == "CHN" else "")},
                     file, line)
    return list(rows.values())


def extract(raw: Path) -> Contribution:
    out = Contribution(sources=list(META.sources.values()))
    positional = META.texts["positional_years"]
    for code in _WDI_FILES:
        source, rows = _wdi(raw, code)
        out.sources.append(source)
        out.observations += rows
    out.observations += _ncses_series(
        raw, "ncses_SPBS-2_se_articles_fractional_by_country_2003_2022_tidy.csv", "SPBS-2",
        "se_articles_fractional", "articles_fractional", positional + ".")
    out.observations += _ncses_series(
        raw, "ncses_SINV-11_pct_applications_by_country_2000_2022_tidy.csv", "SINV-11",
        "pct_applications_receiving_office", "pct_applications",
        positional + "; each entity's total equals the sum of its year rows. By receiving "
        "office and publication year, not by origin.")
    out.observations += _gerd(raw)
    out.observations += _venture_capital(raw)
    out.places = [country_place(iso3) for iso3 in sorted({o["place_id"]
                                                          for o in out.observations})]
    return out
