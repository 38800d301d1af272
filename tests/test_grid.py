"""The core city grid: cells take the preferred figure's grade; fill rates count them."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import grid
from dashboard.data.load import load_dataset

GUANGZHOU, SHENZHEN = "CN-440100", "CN-440300"


def obs(*rows: tuple) -> pd.DataFrame:
    """(place, indicator, year, grade, preferred, derived_from) rows."""
    return pd.DataFrame([{"place_id": p, "indicator_id": i, "year": y, "grade": g,
                          "preferred": pref, "derived_from": d} for p, i, y, g, pref, d in rows])


def test_cells_take_the_preferred_rows_grade_or_derived():
    cells = grid.core_grid(obs((GUANGZHOU, "gdp", 2020, "official", True, None),
                               (GUANGZHOU, "gdp", 2020, "weak", False, None),
                               (SHENZHEN, "rd_intensity", 2011, "reprint", True, "a b"),
                               (SHENZHEN, "gdp", 2009, "official", True, None),
                               ("CN-999999", "gdp", 2020, "official", True, None)))
    assert len(cells) == 20 * 9 * 15
    state = cells.set_index(["place_id", "indicator_id", "year"])["state"]
    assert state[(GUANGZHOU, "gdp", 2020)] == "official"
    assert state[(SHENZHEN, "rd_intensity", 2011)] == grid.DERIVED
    assert state.notna().sum() == 2  # 2009 and unknown cities lie outside the grid
    overall, per_city = grid.fill_rates(cells)
    assert overall == pytest.approx(2 / 2700)
    assert per_city[GUANGZHOU] == pytest.approx(1 / 135)
    assert per_city["CN-110000"] == 0


def test_data_page_panel_names_every_state_and_the_gaps():
    data = load_dataset()
    figure, caption, notes = grid.panel(data, "en")
    cells = grid.core_grid(data.observations)
    overall, per_city = grid.fill_rates(cells)
    assert f"{overall:.1%}" in caption
    assert len(figure.data[0].y) == 20 * 9
    assert f"({per_city[GUANGZHOU]:.0%})" in figure.data[0].y[4 * 9]
    assert any("incubators" in n for n in notes)
    _, _, notes_zh = grid.panel(data, "zh")
    assert any("孵化器" in n for n in notes_zh)


def test_guangzhou_and_shenzhen_reach_the_target_fill():
    _, per_city = grid.fill_rates(grid.core_grid(load_dataset().observations))
    assert per_city[GUANGZHOU] >= 0.55 and per_city[SHENZHEN] >= 0.55
