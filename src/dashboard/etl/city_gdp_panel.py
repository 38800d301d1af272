"""Prefecture-city GDP, 2000–2023 (city-gdp-panel/): one compiler's panel of yearbook and
bulletin figures, graded reprint.

Only the GDP column is read: the sector value added columns are stored as 32-bit floats
(79.300003), and the compiler's structure indices are calculations, not statistics. Cities
whose code changed when a prefecture (地区) became a city keep their figures under today's
place; cities abolished since (Chaohu 2011, Laiwu 2019) and the Ili prefecture of 2000 are
places of their own, named as the panel names them, with a note.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.etl import curation, meta
from dashboard.etl.common import Contribution, china_cities, fail, to_number

FILE = Path("city-gdp-panel") / "city_gdp_industry_2000_2023.xlsx"
SHEET = "面板数据2000-2023"
YEAR, NAME, CODE, GDP = "年度标识", "城市名称", "城市代码", "gdp（亿元人民币）"
SOURCE_ID = "city-gdp-panel"
META = meta.load(__file__)


def panel_codes() -> tuple[dict[str, str], dict[str, tuple[str, str, str, str]]]:
    """city_gdp_panel_codes.csv: panel codes no longer in use. Either only the code changed
    (地区 became 市, same territory): today's place; or the unit was abolished: a place of its
    own, with its names, parent and a note on what happened to it."""
    path = curation.HERE / "city_gdp_panel_codes.csv"
    recoded: dict[str, str] = {}
    abolished: dict[str, tuple[str, str, str, str]] = {}
    own = ("name_en", "name_zh", "parent_id", "note")
    for line, row in curation.read_table("city_gdp_panel_codes.csv", ("code",), ("today", *own)):
        if row["code"] in recoded or row["code"] in abolished:
            raise fail(path, line, "code", f"'{row['code']}' is listed twice")
        if row["today"]:
            if any(row[c] for c in own):
                raise fail(path, line, "today", "a recoded city has today's place only")
            recoded[row["code"]] = row["today"]
            continue
        for column in own:
            if not row[column]:
                raise fail(path, line, column, "an abolished unit needs names, parent and note")
        abolished[row["code"]] = (row["name_en"], row["name_zh"], row["parent_id"], row["note"])
    return recoded, abolished


RECODED, ABOLISHED = panel_codes()


def read_panel(raw: Path) -> pd.DataFrame:
    """The panel's rows; below them the sheet has blank rows and the compiler's advert."""
    panel = pd.read_excel(raw / FILE, sheet_name=SHEET, dtype=object,
                          usecols=[YEAR, NAME, CODE, GDP])
    return panel[panel[[YEAR, NAME, CODE]].notna().any(axis=1)]


def extract(raw: Path) -> Contribution:
    path = raw / FILE
    panel = read_panel(raw)
    known = set(china_cities(raw)["place_id"])
    places = {}
    observations = []
    for index, row in panel.iterrows():
        line = int(index) + 2  # spreadsheet row: the header is row 1
        code = str(int(to_number(row[CODE], path, line, CODE)))
        year = to_number(row[YEAR], path, line, YEAR)
        if not year.is_integer() or not 2000 <= year <= 2023:
            raise fail(path, line, YEAR, f"'{row[YEAR]}' is not a year of the panel")
        gdp = to_number(row[GDP], path, line, GDP)
        if gdp <= 0:
            raise fail(path, line, GDP, f"'{row[GDP]}' is not a GDP figure")
        notes = [META.texts["compiled"]]
        place_id = RECODED.get(code, f"CN-{code}")
        if code in RECODED:
            notes.append(f"panel code {code} ({row[NAME]}), today's city code differs")
        elif code in ABOLISHED:
            name_en, name_zh, parent, what = ABOLISHED[code]
            places[place_id] = {"place_id": place_id, "kind": "city", "name_en": name_en,
                                "name_zh": name_zh, "parent_id": parent, "lat": None,
                                "lon": None, "is_city": True}
            notes.append(what)
        elif place_id not in known:
            raise fail(path, line, CODE, f"city code {code} ({row[NAME]}) is not a known city")
        observations.append({"place_id": place_id, "indicator_id": "gdp", "year": int(year),
                             "value": gdp, "source_id": SOURCE_ID,
                             "note": "; ".join(notes)})
    return Contribution(sources=list(META.sources.values()), places=list(places.values()),
                        observations=observations)
