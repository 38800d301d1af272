"""Harvested web figures: units converted as printed, bounds marked, provincial averages kept
out, both population series kept, and malformed rows named by file, row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import harvest
from dashboard.etl.common import RawInputError

GUANGZHOU, SANMING, NANJING, LESHAN = "CN-440100", "CN-350400", "CN-320100", "CN-511100"
SANMING_URL = "http://tjj.sm.gov.cn/xxgk/tjnj/2020tjnj/cn/html/1301.html"


@pytest.fixture(scope="module")
def part(raw: Path):
    # The project's own harvests are read too, but the spot values below are the raw ones.
    return harvest.extract(raw, project=raw / "no-project-sources")


@pytest.fixture(scope="module")
def obs(part) -> pd.DataFrame:
    return pd.DataFrame(part.observations)


def rows(obs, place, indicator, year) -> pd.DataFrame:
    return obs[(obs.place_id == place) & (obs.indicator_id == indicator) & (obs.year == year)]


def test_wan_yuan_become_yi_yuan(obs):
    (value,) = rows(obs, SANMING, "rd_expenditure", 2010)["value"]
    assert value == pytest.approx(7.0209)  # printed 70209 万元


def test_original_and_census_revised_population_both_kept(obs):
    got = rows(obs, GUANGZHOU, "population", 2019).set_index("value")
    assert {15_305_900, 18_312_100} <= set(got.index)
    assert "revised" in got.loc[18_312_100, "note"]


def test_bounds_are_marked(obs):
    (leshan,) = rows(obs, LESHAN, "rd_expenditure", 2018).itertuples()
    assert (leshan.value, leshan.qualifier) == (10, "at_least")
    exact = rows(obs, SANMING, "rd_expenditure", 2011)
    assert exact["qualifier"].isna().all()


def test_provincial_average_is_not_stored_as_the_citys_figure(obs):
    # 2.95 % is Jiangsu's average that Nanjing exceeds, not Nanjing's intensity.
    assert 2.95 not in set(rows(obs, NANJING, "rd_intensity", 2021)["value"])


def test_one_source_per_page(part):
    ids = [s["source_id"] for s in part.sources]
    assert len(ids) == len(set(ids))
    (sanming,) = [s for s in part.sources if s["url"] == SANMING_URL]
    assert (sanming["publisher"], sanming["grade"]) == ("三明市统计局", "official")


def _project(tmp_path: Path, **changes: str) -> Path:
    """A project sources folder with one harvest file of one good row, changed as given."""
    row = {"city": "广州", "year": "2020", "indicator": "rd_expenditure", "value": "774.84",
           "unit": "亿元", "qualifier": "", "url": "https://example.org/a", "page_title": "t",
           "page_date": "2021-01-01", "publisher": "p", "grade": "official", "evidence": "e",
           "note": ""} | changes
    folder = tmp_path / "sources" / "test-harvest"
    folder.mkdir(parents=True)
    with (folder / "facts.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return tmp_path / "sources"


def test_project_harvest_is_read(raw, tmp_path):
    part = harvest.extract(raw, project=_project(tmp_path))
    assert any(o["value"] == 774.84 and o["place_id"] == GUANGZHOU for o in part.observations)


@pytest.mark.parametrize(("column", "bad", "message"), [
    ("unit", "kg", "'kg' cannot be stored as CNY 100m"),
    ("city", "不存在", "unknown city"),
    ("value", "77x", "is not a number"),
    ("qualifier", "maybe", "unknown qualifier"),
    ("grade", "good", "is not one of"),
])
def test_malformed_row_names_file_row_and_column(raw, tmp_path, column, bad, message):
    project = _project(tmp_path, **{column: bad})
    with pytest.raises(RawInputError, match=rf"test-harvest/facts.csv, row 2, column "
                                            rf"'{column}': .*{message}"):
        harvest.extract(raw, project=project)


def test_population_rows_say_which_series_they_belong_to(obs):
    got = rows(obs, GUANGZHOU, "population", 2019).set_index("value")["note"]
    assert got[18_312_100].endswith(harvest.SERIES_NOTES["revised"])
    assert harvest.population_series("gxscse.com (aggregator; pre-census basis)") == "original"
    assert harvest.population_series("maigoo.com (table; revised series)") == "revised"
    assert harvest.population_series("maigoo.com (七普 2020-11-01)") is None
