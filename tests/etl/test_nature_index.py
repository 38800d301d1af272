from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import nature_index
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError


@pytest.fixture(scope="module")
def part(raw: Path):
    return nature_index.extract(raw)


def _obs(part) -> pd.Series:
    frame = pd.DataFrame(part.observations)
    return frame.set_index(["place_id", "indicator_id", "year"])["value"]


def test_known_values(part):
    obs = _obs(part)
    assert obs["INST-peking-university", "nature_index_share", 2020] == 446.11
    assert obs["INST-peking-university", "nature_index_share", 2019] == 438.3
    assert obs["INST-peking-university", "nature_index_count", 2020] == 1634
    assert obs["INST-sun-yat-sen-university", "nature_index_share", 2020] == 269.22
    assert obs["INST-harvard-university", "nature_index_count", 2020] == 2569
    assert len(obs) == 500 * 3


def test_places(part):
    places = {p["place_id"]: p for p in part.places}
    pku = places["INST-peking-university"]
    assert (pku["kind"], pku["parent_id"], pku["name_en"], pku["name_zh"]) == (
        "institution", "CHN", "Peking University (PKU)", None)
    assert abs(pku["lat"] - 39.99) < 0.01 and abs(pku["lon"] - 116.31) < 0.01
    assert places["INST-university-of-oxford"]["parent_id"] == "GBR"
    assert places["INST-harvard-university"]["parent_id"] == "USA"
    # Same name in two countries; the Chinese one was geocoded to Boston, so no point.
    neu = places["INST-northeastern-university-chn"]
    assert neu["parent_id"] == "CHN" and neu["lat"] is None
    assert places["INST-northeastern-university-usa"]["lat"] is not None
    assert sum(p["kind"] == "institution" for p in places.values()) == 500


def test_package_validates(raw, tmp_path):
    data = build_package(raw, ("nature_index",), tmp_path)
    units = data.indicators.set_index("indicator_id")["unit"]
    assert units["nature_index_share"] == "share" and units["nature_index_count"] == "count"
    assert set(data.observations["grade"]) == {"reprint"}


def test_malformed_share(raw, tmp_path):
    fake = tmp_path / "raw"
    (fake / nature_index.FILE.parent).mkdir(parents=True)
    shutil.copytree(raw / "geo" / "naturalearth-110m", fake / "geo" / "naturalearth-110m")
    frame = pd.read_csv(raw / nature_index.FILE, dtype=str, keep_default_na=False)
    frame.loc[4, "Share 2020"] = "n/a"  # CSV line 6
    frame.to_csv(fake / nature_index.FILE, index=False)
    with pytest.raises(RawInputError, match=r"row 6, column 'Share 2020'"):
        nature_index.extract(fake)
