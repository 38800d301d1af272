from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.etl import census
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError


@pytest.fixture(scope="module")
def part(raw: Path):
    return census.extract(raw)


def _value(part, place_id: str, year: int) -> float:
    (row,) = [o for o in part.observations
              if o["place_id"] == place_id and o["year"] == year]
    return row["value"]


def test_spot_checks_2020(part):
    assert _value(part, "CN-110000", 2020) == 21_893_095  # Beijing (municipality = province id)
    assert _value(part, "CN-310000", 2020) == 24_870_895  # Shanghai
    assert _value(part, "CN-440100", 2020) == 18_676_605  # Guangzhou
    assert _value(part, "CN-440300", 2020) == 17_560_061  # Shenzhen
    assert _value(part, "CN-110000", 2010) == 19_612_368


def test_places(part):
    places = {p["place_id"]: p for p in part.places}
    assert len(places) == 369 - 4 - 2  # all census units but the municipalities and the SARs
    assert not {"CN-110000", "CN-120000", "CN-310000", "CN-500000", "CN-810000"} & set(places)
    gz = places["CN-440100"]
    assert (gz["kind"], gz["name_zh"], gz["name_en"], gz["parent_id"], gz["is_city"]) == (
        "city", "广州市", "Guangzhou", "CN-440000", True)
    assert 22.5 < gz["lat"] < 24 and 112.9 < gz["lon"] < 114.1
    assert places["CN-140400"]["name_en"] == "Changzhi"
    # County-level units under the province are places for the map, not cities.
    assert places["CN-469021"]["is_city"] is False


def test_observations(part):
    assert all(o["indicator_id"] == "population" for o in part.observations)
    assert all(o["source_id"] == census.SOURCE_ID for o in part.observations)
    ids = {o["place_id"] for o in part.observations}
    assert "CN-810000" not in ids and "CN-659001" not in ids  # SAR estimates; no XPCC data
    keys = [(o["place_id"], o["year"]) for o in part.observations]
    assert len(keys) == len(set(keys))
    assert "1 Nov 2020" in next(o["note"] for o in part.observations if o["year"] == 2020)


def test_package_validates(raw, tmp_path):
    data = build_package(raw, ("census",), tmp_path)
    obs = data.observations.set_index(["place_id", "year"])
    assert obs.loc[("CN-440300", 2020), "value"] == 17_560_061
    assert obs.loc[("CN-440300", 2020), "grade"] == "reprint"
    unit = data.indicators.set_index("indicator_id").loc["population", "unit"]
    assert unit == "persons"


def test_malformed_population(raw, tmp_path):
    src = raw / census.FILE
    fake = tmp_path / "raw"
    (fake / census.FILE.parent).mkdir(parents=True)
    lines = src.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    lines[3] = lines[3].replace('"11235086"', '"11,2350x6"', 1)  # Shijiazhuang, CSV line 4
    (fake / census.FILE).write_text("".join(lines), encoding="utf-8-sig")
    with pytest.raises(RawInputError, match=r"census_city_2010-2020_v1\.csv, row 4, "
                                            r"column 'popu_2020'"):
        census.extract(fake)
