"""Rankings: ties share a rank, places without a figure are listed as no data (never as
zero), rank changes compare like with like, and groups are summed up only where that is
meaningful."""

import io

import numpy as np
import pandas as pd
import pytest

from dashboard import peer_groups, rankings
from dashboard.data.atlas import Atlas
from dashboard.data.load import DATA_DIR


def rows(*figures: tuple[str, int, float]) -> pd.DataFrame:
    frame = pd.DataFrame(figures, columns=["place_id", "year", "value"])
    return frame.assign(place_en=frame["place_id"], place_zh=frame["place_id"] + "市")


FIGURES = rows(("A", 2023, 10), ("B", 2023, 10), ("C", 2023, 5),
               ("A", 2022, 10), ("B", 2022, 5), ("C", 2022, 20), ("D", 2022, 1))


@pytest.fixture(scope="module")
def atlas():
    return Atlas.load(DATA_DIR)


def test_ties_share_the_better_rank_and_the_next_is_skipped():
    table = rankings.ranked(FIGURES, 2023, higher_is_better=True)
    assert table["place_id"].tolist()[:3] == ["A", "B", "C"]
    assert table["rank"].tolist()[:3] == [1, 1, 3]
    assert table["rank_label"].tolist()[:3] == ["1=", "1=", "3"]


def test_lower_is_better_reverses_the_order():
    table = rankings.ranked(FIGURES, 2023, higher_is_better=False)
    assert table["place_id"].tolist()[:3] == ["C", "A", "B"]
    assert table["rank_label"].tolist()[:3] == ["1", "2=", "2="]


def test_a_place_without_a_figure_is_listed_last_unranked_and_not_zero():
    table = rankings.ranked(FIGURES, 2023, higher_is_better=True)
    last = table.iloc[-1]
    assert last["place_id"] == "D"
    assert pd.isna(last["rank"]) and np.isnan(last["value"])


def test_rank_change_compares_with_every_place_ranked_in_the_earlier_year():
    table = rankings.ranked(FIGURES, 2023, higher_is_better=True, since=2022)
    change = table.set_index("place_id")["rank_change"]
    # 2022: C 1, A 2, B 3, D 4; 2023: A 1=, B 1=, C 3; D has no 2023 figure.
    assert change["A"] == 1 and change["B"] == 2 and change["C"] == -2
    assert pd.isna(change["D"])


def test_a_total_needs_every_member_and_a_median_says_how_many_it_used():
    values = pd.Series({"A": 1.0, "B": 2.0, "C": 6.0})
    assert peer_groups.summarise(values, ["A", "B", "C"], additive=True) == (
        peer_groups.Summary("total", 9.0, 3, 3))
    assert peer_groups.summarise(values, ["A", "B", "X"], additive=True).value is None
    assert peer_groups.summarise(values, ["A", "C", "X"], additive=False) == (
        peer_groups.Summary("median", 3.5, 2, 3))
    assert peer_groups.summarise(values, ["X"], additive=False).value is None


def test_share_of_gdp_only_where_gdp_is_published_that_year():
    facts = pd.DataFrame({"place_id": ["A", "A", "B"], "indicator_id": "gdp",
                          "year": [2023, 2022, 2022], "value": [200.0, 100.0, 50.0],
                          "preferred": True, "grade": "official", "kind": "city",
                          "topic": "context", "source_id": "s"})
    shares = rankings.relative(rows(("A", 2023, 5), ("B", 2023, 1)), facts, "gdp", 100)
    assert shares.to_dict() == {"A": 2.5}


def test_a_sparkline_runs_in_year_order():
    shuffled = rows(("A", 2023, 3), ("A", 2021, 1), ("A", 2022, 2))
    assert rankings.series(shuffled)["A"] == [1, 2, 3]


def test_the_published_leader_tops_the_provinces_on_rd_intensity(atlas):
    ranking = rankings.build(atlas, "province", "rd_intensity", 2023, 2022, None, None, False,
                             "en")
    top = ranking.table.iloc[0]
    assert (top["Rank"], top["Place"], top["Value"]) == ("1", "Beijing", "6.73")


def test_filters_hide_rows_but_keep_the_national_ranks(atlas):
    everyone = rankings.build(atlas, "city", "rd_expenditure", 2022, None, None, None, False,
                              "en").table.set_index("Place")["Rank"]
    in_gba = rankings.build(atlas, "city", "rd_expenditure", 2022, None, None, "gba", False,
                            "en")
    shown = in_gba.table.set_index("Place")["Rank"]
    assert set(shown.index) < set(everyone.index)
    assert (shown == everyone[shown.index]).all()
    assert "Greater Bay Area" in in_gba.summary


def test_additive_indicator_gets_a_total_line_and_a_rate_a_median(atlas):
    total = rankings.build(atlas, "province", "rd_expenditure", 2023, None, None, "jjj", False,
                           "en")
    assert "total" in total.summary
    median = rankings.build(atlas, "province", "rd_intensity", 2023, None, None, "jjj", False,
                            "en")
    assert "median" in median.summary


def test_download_has_the_rank_and_the_source_of_every_row(atlas):
    ranking = rankings.build(atlas, "province", "rd_intensity", 2023, None, None,
                             "municipalities", False, "en")
    csv = pd.read_csv(io.BytesIO(rankings.csv_bytes(ranking.rows, "en")), encoding="utf-8-sig",
                      dtype={"rank": str})
    assert csv.columns[0] == "rank"
    assert len(csv) == 4 and csv["source_url"].notna().all()
    beijing = csv.set_index("place").loc["Beijing"]
    assert (beijing["rank"], beijing["value"]) == ("1", 6.73)



def qualified(*figures: tuple[str, float, str, str]) -> pd.DataFrame:
    """Rows of one year: place, value, qualifier, grade."""
    frame = rows(*[(p, 2023, v) for p, v, _, _ in figures])
    return frame.assign(qualifier=[q for *_, q, _ in figures],
                        grade=[g for *_, g in figures])


def test_a_bound_keeps_its_sign_a_weak_figure_is_marked_and_a_gap_is_a_dash():
    shown = rankings.figures(qualified(("A", 4.0, "at_least", "weak"),
                                       ("B", 2.5, "", "official"),
                                       ("C", np.nan, None, None)), "en")
    assert shown.tolist() == ["≥ 4 (weak)", "2.5", "—"]
    assert rankings.figures(qualified(("A", 4.0, "about", "weak")), "zh").iloc[0] == "≈ 4 (较弱)"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_too_few_places_get_no_rank_numbers_and_a_sentence_why(atlas, lang):
    facts = atlas.facts
    counts = facts[(facts["indicator_id"] == "rd_intensity") & facts["preferred"]
                   & facts["kind"].isin(["city", "municipality"])].groupby("year").size()
    year = int(counts[counts < rankings.MIN_RANKED].index.max())
    ranking = rankings.build(atlas, "city", "rd_intensity", year, None, None, None, False, lang)
    ranks = ranking.table.iloc[:, 0]
    assert not ranks.str.fullmatch(r"\d+=?").any()
    assert str(year) in ranking.note and str(rankings.MIN_RANKED) in ranking.note
    assert ranking.rows["rank_label"].isna().all()
    enough = int(counts[counts >= rankings.MIN_RANKED].index.max())
    assert rankings.build(atlas, "city", "rd_intensity", enough, None, None, None, False,
                          lang).table.iloc[0, 0] == "1"


def test_the_csv_keeps_each_figures_qualifier(atlas):
    facts = atlas.facts
    bound = facts[(facts["qualifier"] == "at_least") & facts["preferred"]
                  & facts["kind"].isin(["city", "municipality"])].iloc[0]
    ranking = rankings.build(atlas, "city", bound["indicator_id"], int(bound["year"]), None,
                             None, None, False, "en")
    csv = pd.read_csv(io.BytesIO(rankings.csv_bytes(ranking.rows, "en")), encoding="utf-8-sig")
    assert csv.set_index("place_id").loc[bound["place_id"], "qualifier"] == "≥"
    shown = ranking.table.set_index("Place").loc[bound["place_en"], "Value"]
    assert shown.startswith("≥ ")
