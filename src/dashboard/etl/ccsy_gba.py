"""China City Statistical Yearbook figures for five Greater Bay Area cities, 1998–2024
(ccsy-gba-cities/), as a research repository copied them: graded reprint.

Columns are already by data year. Blank cells are figures the panel does not have: no row.
"""

from __future__ import annotations

import csv
from pathlib import Path

from dashboard.etl import meta
from dashboard.etl.city_facts import converted
from dashboard.etl.common import Contribution, china_cities, fail, to_number

FILE = Path("ccsy-gba-cities") / "ccsy_gba5_1998_2024.csv"
SOURCE_ID = "ccsy-gba5"
META = meta.load(__file__)
# The S&T budget line is 4–30× higher in 2007 than in 2006 in all five cities: China's
# government budget classification changed in 2007, so earlier years count a narrower item.
BREAKS = {"budget_st_expenditure": (
    2007, "series break: before 2007 a narrower budget item (4–30× below 2007 in every city of "
          "this extract; the government budget classification changed in 2007); not comparable "
          "with 2007 onward")}

# Column → (indicator id, factor to the indicator's unit, note).
COLUMNS: dict[str, tuple[str, float, str]] = {
    "地区生产总值_当年价格_亿元_全市": ("gdp", 1, "current prices"),
    "科学技术支出_万元_全市": ("budget_st_expenditure", 0.0001, "converted from 万元 (×0.0001); "
                                "local general public budget expenditure on S&T"),
    "发明专利授权数_件_全市": ("invention_patent_grants", 1, ""),
    "国家级高新技术企业数_个_全市": ("hightech_enterprises_stock", 1, "national high-tech "
                                                                 "enterprises"),
    "技术合同成交额_万元_全市": ("tech_contract_turnover_outflow", 0.0001,
                               "converted from 万元 (×0.0001); contracts registered in the city"),
    "常住人口_万人_全市": ("population", 10_000, "converted from 万人 (×10,000)"),
}


def extract(raw: Path) -> Contribution:
    path = raw / FILE
    cities = set(china_cities(raw)["place_id"])
    observations = []
    whole_city = META.texts["whole_city"]
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            place_id = f"CN-{row['地级市代码'].strip()}"
            if place_id not in cities:
                raise fail(path, line, "地级市代码", f"'{row['地级市代码']}' is not a known city")
            year = to_number(row["年份"], path, line, "年份")
            if not year.is_integer():
                raise fail(path, line, "年份", f"'{row['年份']}' is not a year")
            for column, (indicator_id, factor, note) in COLUMNS.items():
                if not row[column].strip():
                    continue
                value = to_number(row[column], path, line, column)
                since, caveat = BREAKS.get(indicator_id, (0, ""))
                observations.append({
                    "place_id": place_id, "indicator_id": indicator_id, "year": int(year),
                    "value": converted(value, factor), "source_id": SOURCE_ID,
                    "note": "; ".join(n for n in (note, whole_city, year < since and caveat) if n)})
    return Contribution(sources=list(META.sources.values()), observations=observations)
