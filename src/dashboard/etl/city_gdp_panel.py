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

from dashboard.etl import meta
from dashboard.etl.common import Contribution, china_cities, fail, to_number

FILE = Path("city-gdp-panel") / "city_gdp_industry_2000_2023.xlsx"
SHEET = "面板数据2000-2023"
YEAR, NAME, CODE, GDP = "年度标识", "城市名称", "城市代码", "gdp（亿元人民币）"
SOURCE_ID = "city-gdp-panel"
META = meta.load(__file__)

# Panel code → today's place, where only the code changed (地区 became 市, same territory).
RECODED = {"469003": "CN-460400", "542400": "CN-540600", "652100": "CN-650400",
           "652200": "CN-650500"}
# Codes no longer in use: their own places, with what happened to them.
ABOLISHED = {
    "341400": ("Chaohu", "巢湖市", "CN-340000", "Chaohu prefecture-level city, abolished in "
                                                "2011 and split between Hefei, Wuhu and "
                                                "Ma'anshan"),
    "371200": ("Laiwu", "莱芜市", "CN-370000", "Laiwu, merged into Jinan in 2019"),
    "654100": ("Ili Prefecture", "伊犁地区", "CN-650000", "Ili Prefecture (伊犁地区), "
                                                       "abolished in 2001 within the Ili Kazakh "
                                                       "Autonomous Prefecture"),
}


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
