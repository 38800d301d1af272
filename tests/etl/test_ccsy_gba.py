"""China City Statistical Yearbook figures for five Greater Bay Area cities."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import ccsy_gba
from dashboard.etl.common import RawInputError
from tests_support import corrupted_raw

GUANGZHOU, SHENZHEN = "CN-440100", "CN-440300"


@pytest.fixture(scope="module")
def obs(raw: Path) -> pd.Series:
    frame = pd.DataFrame(ccsy_gba.extract(raw).observations)
    return frame.set_index(["place_id", "indicator_id", "year"])["value"]


def test_invention_patents_granted_match_the_official_figures(obs):
    # PROVENANCE.md: checked against the official figures.
    for place, year, grants in [(SHENZHEN, 2017, 18_926), (SHENZHEN, 2019, 26_051),
                                (SHENZHEN, 2021, 45_202), (SHENZHEN, 2024, 74_675),
                                (GUANGZHOU, 2019, 12_222), (GUANGZHOU, 2021, 24_120)]:
        assert obs[(place, "invention_patent_grants", year)] == grants


def test_st_budget_is_converted_from_wan_yuan(obs):
    assert obs[(SHENZHEN, "budget_st_expenditure", 2019)] == pytest.approx(548.4249)


def test_blank_cells_are_not_figures(obs):
    assert (SHENZHEN, "invention_patent_grants", 2020) not in obs.index
    assert (obs > 0).all()


def test_malformed_cell_names_file_row_and_column(raw, tmp_path):
    # CSV line 7
    fake = corrupted_raw(raw, tmp_path, ccsy_gba.FILE, 5, "科学技术支出_万元_全市", "12x")
    with pytest.raises(RawInputError, match=r"row 7, column '科学技术支出_万元_全市': '12x'"):
        ccsy_gba.extract(fake)


def test_budget_before_2007_is_flagged_as_a_series_break(raw):
    rows = pd.DataFrame(ccsy_gba.extract(raw).observations)
    budget = rows[(rows["place_id"] == SHENZHEN)
                  & (rows["indicator_id"] == "budget_st_expenditure")].set_index("year")
    assert "series break" in budget.loc[2006, "note"]
    assert "series break" not in budget.loc[2007, "note"]
