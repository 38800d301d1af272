"""Prefecture-city GDP panel, 2000–2023."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.etl import city_gdp_panel
from dashboard.etl.common import RawInputError


@pytest.fixture(scope="module")
def part(raw: Path):
    return city_gdp_panel.extract(raw)


@pytest.fixture(scope="module")
def gdp(part) -> pd.Series:
    return pd.DataFrame(part.observations).set_index(["place_id", "year"])["value"]


def test_values_checked_against_the_bulletins(gdp):
    # PROVENANCE.md: these match the cities' official bulletins, which print two decimals
    # (the panel holds Shenzhen's as 27670.2398).
    assert round(gdp[("CN-440300", 2020)], 2) == 27_670.24
    assert round(gdp[("CN-440100", 2020)], 2) == 25_019.11
    assert round(gdp[("CN-320500", 2020)], 2) == 20_170.5
    assert round(gdp[("CN-340100", 2020)], 2) == 10_045.72


def test_broad_city_coverage(gdp):
    cities = gdp.index.get_level_values("place_id")
    assert cities.nunique() >= 250
    assert gdp.index.is_unique


def test_recoded_and_abolished_cities_are_not_guessed(part, gdp):
    places = {p["place_id"]: p for p in part.places}
    assert places["CN-341400"]["name_zh"] == "巢湖市"
    assert ("CN-341400", 2012) not in gdp.index  # Chaohu was abolished in 2011
    turpan = [o for o in part.observations if o["place_id"] == "CN-650400"]
    assert turpan and all("652100" in o["note"] for o in turpan if o["year"] < 2023)


def test_malformed_gdp_names_file_row_and_column(raw, tmp_path):
    fake = tmp_path / "raw"
    (fake / city_gdp_panel.FILE).parent.mkdir(parents=True)
    shutil.copytree(raw / "census-cities", fake / "census-cities")
    book = openpyxl.load_workbook(raw / city_gdp_panel.FILE)
    sheet = book[city_gdp_panel.SHEET]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=10, column=header.index(city_gdp_panel.GDP) + 1, value="27670.2x")
    book.save(fake / city_gdp_panel.FILE)
    with pytest.raises(RawInputError, match=r"row 10, column 'gdp（亿元人民币）': '27670.2x'"):
        city_gdp_panel.extract(fake)
