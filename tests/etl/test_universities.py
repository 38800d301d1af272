from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import universities
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError
from tests_support import corrupted_raw


@pytest.fixture(scope="module")
def counts(raw: Path) -> pd.Series:
    part = universities.extract(raw)
    return pd.DataFrame(part.observations).set_index("place_id")["value"]


def test_known_counts(counts):
    assert counts["CHN"] == 2756
    assert counts["CN-110000"] == 92  # Beijing
    assert counts["CN-440100"] == 83  # Guangzhou
    assert counts["CN-440300"] == 8  # Shenzhen
    assert counts["CN-440000"] == 160  # Guangdong


def test_every_institution_counted_once(counts):
    provincial = counts[counts.index.str.fullmatch(r"CN-\d\d0000")]
    assert provincial.sum() == 2756
    cities = counts[~counts.index.str.fullmatch(r"CN-\d\d0000") & (counts.index != "CHN")]
    municipalities = counts[["CN-110000", "CN-120000", "CN-310000", "CN-500000"]]
    assert cities.sum() + municipalities.sum() == 2756


def test_locations_below_prefecture_level_are_mapped(raw):
    frame = universities.located(raw)
    by_name = frame.set_index("name_zh")["place_id"]
    assert set(universities.LOCATION_FIXES) == {"梅河口市", "昆山市", "大理市", "神木市",
                                                "南昌市教育厅"}
    assert by_name["昆山杜克大学"] == "CN-320500"  # Kunshan → Suzhou
    assert by_name["南昌交通学院"] == "CN-360100"
    assert by_name["河北工业大学"] == "CN-120000"  # located in Tianjin, listed under Hebei


def test_package_validates(raw, tmp_path):
    data = build_package(raw, ("census", "universities"), tmp_path)
    obs = data.observations[data.observations["indicator_id"] == "universities"]
    assert set(obs["year"]) == {2021}
    assert set(obs["grade"]) == {"official"}
    assert data.indicators.set_index("indicator_id").loc["universities", "unit"] == "count"


def test_unknown_location_raises(raw, tmp_path):
    # CSV line 11
    fake = corrupted_raw(raw, tmp_path, universities.FILE, 9, "location_city", "不存在市")
    with pytest.raises(RawInputError, match=r"row 11, column 'location_city'.*不存在市"):
        universities.extract(fake)
