"""Province statistics on science and technology from NBS and MOST (folder nbs-st-yearbook/).

Three kinds of input, all official figures:
- csv/: the province panels of the techme R package (Hu Huaping, MIT), digitised from the NBS
  annual R&D bulletins (RDIntense), the China Statistical Yearbook on Science and Technology
  (R&D, patents, papers, high-tech industry, technology market), the China Statistical
  Yearbook (public budget) and the high-tech enterprise recognition lists (HitechFirmsPub).
- nbs_rd_bulletin_html/: the bulletin pages themselves, read for their titles, dates and
  addresses so that each bulletin year is cited as its own source.
- raw_official_xls/: the S&T yearbook's own incubator (9-12) and makerspace (9-14) tables,
  encrypted with Excel's default password.

Rows for 全国 go to CHN; region rows (东部地区 …) are aggregates and are skipped; any other
name that is not a province fails, so a new defect in the raw files is loud. Which variables,
datasets and yearbook columns are read, and as which indicator, is curated beside this module in
nbs_series.csv, nbs_datasets.csv and nbs_yearbook_columns.csv.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.data.contract import source_family
from dashboard.etl import curation, meta
from dashboard.etl.catalog import units as catalogue_units
from dashboard.etl.common import (
    REGIONS,
    Contribution,
    fail,
    normalise_province,
    province_id,
    to_number,
)

if TYPE_CHECKING:
    import xlrd

FOLDER = Path("nbs-st-yearbook")
META = meta.load(__file__)
TECHME = META.texts["techme"]
XLS_PASSWORD = "VelvetSweatshop"  # Excel's built-in default; the files are not secret

# OCR misreadings that common.normalise_province does not fix yet ('两' and '尔' for '西', '东').
_NOT_AVAILABLE = {"", "...", "…"}

TO_100M = "Converted from CNY 10k (万元) to CNY 100m (亿元): divided by 10,000."


@dataclass(frozen=True)
class Series:
    """One variable of a techme CSV panel and where it goes."""

    file: str
    code: str | None  # the `variables` code (varsList); None for files without one
    indicator_id: str
    unit: str | None  # what the file's `units` column must say; None if it has none
    source_id: str  # may contain {year}
    scale: int = 1  # stored value = raw value / scale
    note: str | None = None


# The national row of the budget table is the sum of the local budgets it lists.
NATIONAL_NOTES = {
    "budget_st_expenditure": "National row = all local governments (地方) together; "
                             "central-government S&T spending is not included.",
}

@dataclass(frozen=True)
class XlsColumn:
    label: str  # the Chinese header with spaces removed, up to its unit
    unit: str  # the unit in the header's brackets
    indicator_id: str
    scale: int = 1
    note: str | None = None


def series() -> list[Series]:
    """nbs_series.csv: which variable of which techme panel holds which indicator."""
    return [Series(row["file"], row["code"] or None, row["indicator_id"], row["unit"] or None,
                   row["source_id"], scale, row["note"] or None)
            for row, scale in _curated("nbs_series.csv", ("file", "source_id"), ("code", "unit"))]


def datasets() -> dict[str, tuple[str, str, str, str]]:
    """nbs_datasets.csv: techme dataset → (source id, what the table holds, publication,
    publisher)."""
    return {row["dataset"]: (row["source_id"], row["subject"], row["publication"],
                             row["publisher"])
            for _, row in curation.read_table("nbs_datasets.csv", (
                "dataset", "source_id", "subject", "publication", "publisher"))}


def yearbook_tables() -> dict[str, tuple[str, str, list[XlsColumn]]]:
    """nbs_yearbook_columns.csv: yearbook table file stem → (table number, techme folder,
    the columns read, by header label)."""
    tables: dict[str, tuple[str, str, list[XlsColumn]]] = {}
    path = curation.HERE / "nbs_yearbook_columns.csv"
    for row, scale in _curated("nbs_yearbook_columns.csv",
                               ("stem", "table", "folder", "label", "unit"), ()):
        number, folder, columns = tables.setdefault(row["stem"], (row["table"], row["folder"], []))
        if (number, folder) != (row["table"], row["folder"]):
            raise fail(path, row["line"], "table", f"{row['stem']} is given as table {number} "
                                                   f"in {folder} on an earlier line")
        columns.append(XlsColumn(row["label"], row["unit"], row["indicator_id"], scale,
                                 row["note"] or None))
    return tables


def _curated(name: str, required: tuple[str, ...], optional: tuple[str, ...]
             ) -> list[tuple[dict[str, str], int]]:
    """Rows of a curation table with a catalogue indicator and a whole-number scale."""
    path = curation.HERE / name
    known = catalogue_units()
    rows = []
    for line, row in curation.read_table(name, (*required, "indicator_id", "scale"),
                                         (*optional, "note")):
        if row["indicator_id"] not in known:
            raise fail(path, line, "indicator_id", f"unknown indicator '{row['indicator_id']}'")
        scale = to_number(row["scale"], path, line, "scale")
        if not scale.is_integer() or scale < 1:
            raise fail(path, line, "scale", f"'{row['scale']}' is not a whole number ≥ 1")
        rows.append(({**row, "line": line}, int(scale)))
    return rows


def place_for(name: str, file: Path, row: int, column: str) -> str | None:
    """CHN, a province id, or None for a regional aggregate; anything else fails."""
    short = normalise_province(name)
    if short == "全国":
        return "CHN"
    if short in REGIONS:
        return None
    place = province_id(short)
    if place is None:
        raise fail(file, row, column, f"unknown province '{name}'")
    return place


def _scaled(value: float, scale: int) -> float:
    # Rounding removes binary noise (3445442 / 10000 → 344.5442, not 344.54420000000005).
    return value if scale == 1 else round(value / scale, 8)


def _add(rows: dict, row: dict, file: Path, line: int) -> None:
    """Keep one row per key: exact repeats are dropped, conflicting ones fail."""
    key = (row["place_id"], row["indicator_id"], row["year"], row["source_id"])
    prior = rows.setdefault(key, row)
    if prior is not row and prior["value"] != row["value"]:
        raise fail(file, line, "value", f"{'/'.join(map(str, key))} is stated twice: "
                                        f"{prior['value']} and {row['value']}")


def read_series(path: Path, specs: list[Series], rows: dict) -> None:
    """Add the observations of every spec that reads this CSV file."""
    by_code = {s.code: s for s in specs}
    long_format = specs[0].code is not None  # else one count per row in `num` (HitechFirmsPub)
    value_column = "value" if long_format else "num"
    needed = ["province", "year", value_column] + (["variables", "units"] if long_format else [])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in needed if c not in (reader.fieldnames or [])]
        if missing:
            raise fail(path, 1, missing[0], "column is missing")
        for record in reader:
            line = reader.line_num
            spec = by_code.get(record["variables"] if long_format else None)
            if spec is None:
                continue
            text = record[value_column]
            if text.strip() in _NOT_AVAILABLE:
                continue
            if spec.unit is not None and record["units"] != spec.unit:
                raise fail(path, line, "units", f"expected '{spec.unit}', found "
                                                f"'{record['units']}'")
            year = to_number(record["year"], path, line, "year")
            if not year.is_integer():
                raise fail(path, line, "year", f"'{record['year']}' is not a year")
            place = place_for(record["province"], path, line, "province")
            if place is None:
                continue
            value = _scaled(to_number(text, path, line, value_column), spec.scale)
            notes = [spec.note, TO_100M if spec.scale != 1 else None,
                     NATIONAL_NOTES.get(spec.indicator_id) if place == "CHN" else None]
            _add(rows, {"place_id": place, "indicator_id": spec.indicator_id, "year": int(year),
                        "value": value, "source_id": spec.source_id.format(year=int(year)),
                        "note": " ".join(n for n in notes if n) or None}, path, line)


def bulletin_source(folder: Path, year: int) -> dict:
    """The R&D bulletin for a year: from its saved page if there is one, else as a series."""
    page = folder / "nbs_rd_bulletin_html" / f"{year}.html"
    if page.exists():
        text = page.read_text(encoding="utf-8")
        title = re.search(r"<title>\s*([^<]*?)\s*(?:-\s*国家统计局)?\s*</title>", text)
        if title is None or f"{year}年全国科技经费投入统计公报" not in title.group(1):
            raise fail(page, None, "title", f"not the {year} R&D bulletin")
        # The first date followed by a time is the release stamp in both page layouts.
        stamp = re.search(r"(20\d\d)[-/](\d\d)[-/](\d\d)(?:\s|&nbsp;)+\d\d:\d\d", text)
        if stamp is None:
            raise fail(page, None, "published", "no release date found")
        published = "-".join(stamp.groups())
        shared = re.search(r"share\.php\?url=(https?://www\.stats\.gov\.cn/[^&\"']+)", text)
        url = shared.group(1) if shared else (
            f"{TECHME}/data-raw/public-site/nbs-RD-bulletin/01-html/{year}.html")
        return _carried(META.source(
            "bulletin", source_id=f"nbs-rd-bulletin-{year}", title=title.group(1), url=url,
            published=published, year=year, where="" if shared else META.texts["no_address"]))
    return _carried(META.source("bulletin_unsaved", source_id=f"nbs-rd-bulletin-{year}",
                                published=str(year + 1), year=year))


def _carried(source: dict) -> dict:
    """Figures read from the techme repository reach us through it: it is their carrier."""
    carrier = META.texts["techme_carrier"] if source["url"].startswith(TECHME) else None
    return {**source, "carrier": carrier}


def dataset_sources() -> list[dict]:
    """One source per techme panel: its years come from successive yearbook editions."""
    sources = []
    for dataset, (source_id, subject, book, publisher) in datasets().items():
        sources.append(_carried(META.source("dataset", source_id=source_id, publisher=publisher,
                                            book=book, subject=subject, dataset=dataset)))
    return sources + [_carried(source) for source in META.sources.values()]


def _open_sheet(path: Path) -> xlrd.sheet.Sheet:
    import msoffcrypto
    import xlrd

    data = path.read_bytes()
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    if office.is_encrypted():
        office.load_key(password=XLS_PASSWORD)
        plain = io.BytesIO()
        office.decrypt(plain)
        data = plain.getvalue()
    return xlrd.open_workbook(file_contents=data).sheet_by_index(0)


def _header(text: str) -> tuple[str, str]:
    """'在孵企业\\n从业人员\\n(人)\\nNumber of…' → ('在孵企业从业人员', '人')."""
    label, _, rest = re.sub(r"\s+", "", str(text)).replace("（", "(").partition("(")
    return label, rest.split(")", 1)[0]


def read_xls(path: Path, table: tuple[str, str, list[XlsColumn]], rows: dict) -> dict:
    """Observations of one yearbook table; returns its source row."""
    number, techme_dir, columns = table
    sheet = _open_sheet(path)
    title_zh, title_en = (str(sheet.cell_value(r, 0)).strip() for r in (0, 1))
    match = re.search(r"[（(](\d{4})年[）)]", title_zh)
    if match is None:
        raise fail(path, 1, "A", f"no reference year in the title '{title_zh}'")
    year = int(match.group(1))
    header_row = next((r for r in range(sheet.nrows)
                       if re.sub(r"\s+", "", str(sheet.cell_value(r, 0))) == "地区"), None)
    if header_row is None:
        raise fail(path, None, "A", "no header row starting with 地区")
    headers = {_header(sheet.cell_value(header_row, c))[0]: c for c in range(sheet.ncols)}
    source_id = f"nbs-styb-table-{number}-{year}"
    for spec in columns:
        col = headers.get(spec.label)
        if col is None:
            raise fail(path, header_row + 1, spec.label, "column not found")
        unit = _header(sheet.cell_value(header_row, col))[1]
        if unit != spec.unit:
            raise fail(path, header_row + 1, spec.label, f"unit '{unit}', expected '{spec.unit}'")
        # Excel's row numbers (1-based) so a message points at the row one sees in the sheet.
        for r in range(header_row + 1, sheet.nrows):
            name = str(sheet.cell_value(r, 0))
            text = sheet.cell_value(r, col)
            if not name.strip() or str(text).strip() in _NOT_AVAILABLE:
                continue
            place = place_for(name, path, r + 1, "地区")
            if place is None:
                continue
            value = _scaled(to_number(text, path, r + 1, spec.label), spec.scale)
            notes = [f"Year = the reference year in the table title ({year}年).", spec.note,
                     TO_100M if spec.scale != 1 else None]
            note = " ".join(n for n in notes if n)
            _add(rows, {"place_id": place, "indicator_id": spec.indicator_id, "year": year,
                        "value": value, "source_id": source_id, "note": note}, path, r + 1)
    return _carried(META.source("yearbook_table", source_id=source_id, published=str(year + 1),
                                title_zh=title_zh, title_en=title_en, folder=techme_dir,
                                year=year))


# A year-on-year change beyond this share is flagged on the row: a definition change, a
# revision or a digitising error is more likely than real growth (issue: Jilin 2016→2018).
JUMP = 0.5


def flag_jumps(rows: list[dict]) -> None:
    """Note every figure that differs by more than ±50 % from the same series' previous
    figure (the year before, or the last year the series has). The value is kept as the
    source states it; the note says what to be wary of."""
    series: dict[tuple, list[dict]] = {}
    for row in rows:
        series.setdefault((row["place_id"], row["indicator_id"],
                           source_family(row["source_id"])), []).append(row)
    for figures in series.values():
        figures.sort(key=lambda r: r["year"])
        for before, row in itertools.pairwise(figures):
            if before["value"] <= 0:
                continue
            change = row["value"] / before["value"] - 1
            if abs(change) > JUMP:
                flag = (f"Series break? {change:+.0%} on {before['year']} ({before['value']:g}), "
                        "as the source states it: check definitions before comparing across it.")
                row["note"] = " ".join(n for n in (row.get("note"), flag) if n)


def extract(raw: Path) -> Contribution:
    folder = raw / FOLDER
    rows: dict = {}
    by_file: dict[str, list[Series]] = {}
    for spec in series():
        by_file.setdefault(spec.file, []).append(spec)
    for file, specs in by_file.items():
        read_series(folder / "csv" / file, specs, rows)
    sources = dataset_sources()
    tables = yearbook_tables()
    for path in sorted((folder / "raw_official_xls").glob("*.xls")):
        stem = path.stem.rsplit("_", 1)[0]
        if stem not in tables:
            raise fail(path, None, None, "unexpected table; add it to nbs_yearbook_columns.csv")
        sources.append(read_xls(path, tables[stem], rows))
    bulletin_years = sorted({year for (_, _, year, sid) in rows if sid.startswith("nbs-rd-")})
    sources += [bulletin_source(folder, year) for year in bulletin_years]
    observations = list(rows.values())
    flag_jumps(observations)
    return Contribution(sources=sources, observations=observations)
