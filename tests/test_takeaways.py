"""Takeaways stay true: within one run of a series, bounds as bounds, the latest year first."""

import pandas as pd
import pytest

from dashboard import query, takeaways
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir
from dashboard.views import compare

GUANGZHOU = "CN-440100"


def row(year: int, value: float, place: str = "GZ", qualifier: str = "", note: str = "",
        source: str = "s1") -> dict:
    return {"place_id": place, "place_en": {"GZ": "Guangzhou", "BJ": "Beijing"}[place],
            "place_zh": {"GZ": "广州", "BJ": "北京"}[place], "year": year, "value": value,
            "unit": "CNY 100m", "unit_zh": "亿元", "qualifier": qualifier or None,
            "note": note or None, "source_id": source}


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


BEFORE = "series break: before 2007 a narrower budget item"


def test_a_change_is_computed_within_the_latest_run_only():
    rows = frame(row(2003, 2, note=BEFORE), row(2006, 3, note=BEFORE), row(2007, 20),
                 row(2024, 40))
    assert query.series_runs(rows).tolist() == [0, 0, 1, 1]
    text = takeaways.change_since_first(rows, "en")
    assert text.startswith("Guangzhou rose 100% from 2007 to 2024")
    assert "breaks in 2007" in text and "1900%" not in text
    assert "2007年起序列口径有变" in takeaways.change_since_first(rows, "zh")


def test_a_flagged_jump_starts_a_new_run_and_one_point_after_it_gives_no_change():
    rows = frame(row(2010, 10), row(2011, 30, note="Series break? +200% on 2010 (10)"))
    assert query.series_runs(rows).tolist() == [0, 1]
    text = takeaways.change_since_first(rows, "en")
    assert "breaks in 2011" in text and "%" not in text


def test_no_change_is_never_a_rise_of_zero():
    same = takeaways.change_since_first(frame(row(2018, 5), row(2021, 5)), "en")
    assert same == "Guangzhou was unchanged from 2018 to 2021."
    tiny = takeaways.change_since_first(frame(row(2018, 1000), row(2021, 1001)), "en")
    assert "0%" not in tiny and "less than 1%" in tiny


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("", "at_least", "rose at least 100%"),
    ("at_most", "", "rose at least 100%"),
    ("about", "", "rose about 100%"),
    ("", "estimate", "rose about 100%"),
    ("at_least", "", None),  # the true rise may be smaller: left out
    ("", "at_most", None),
])
def test_a_bound_at_either_end_is_described_as_one(first, last, expected):
    text = takeaways.change_since_first(
        frame(row(2018, 2, qualifier=first), row(2021, 4, qualifier=last)), "en")
    if expected is None:
        assert text == ""
    else:
        assert expected in text and "rose 100%" not in text


def test_a_bound_reads_as_a_bound_in_the_lead():
    text = takeaways.latest_comparison(frame(row(2025, 4, qualifier="at_least")), "en")
    assert "at least 4 CNY 100m" in text
    assert "至少4" in takeaways.latest_comparison(frame(row(2025, 4, qualifier="at_least")),
                                                  "zh")


def test_the_lead_is_the_latest_year_shown():
    rows = frame(row(2020, 5, "BJ"), row(2024, 9, "BJ"), row(2020, 3), row(2022, 4))
    assert takeaways.describe(rows, "en").startswith("In 2024, Beijing stood at 9 CNY 100m.")


def test_ends_from_different_sources_say_so():
    text = takeaways.change_since_first(frame(row(2018, 2, source="web-a"),
                                              row(2021, 4, source="book-2021")), "en")
    assert "different sources" in text


def test_guangzhou_st_budget_on_compare_does_not_cross_the_2007_break():
    atlas = Atlas.load(data_dir())
    rows = query.select(atlas.facts, places=[GUANGZHOU], indicators=["budget_st_expenditure"])
    assert int(rows["year"].min()) < 2007  # the flagged narrower item is still shown
    panel, _, _ = compare.lines(atlas, (GUANGZHOU,), "budget_st_expenditure", "absolute", None,
                                None, False, "en", False)
    first = int(rows["year"].min())
    text = panel.chart.takeaway
    assert f"from {first} to" not in text
    assert "from 2007 to" in text and "breaks in 2007" in text
