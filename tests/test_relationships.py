"""Relationships: year matching within a tolerance, the correlation and its method, colours,
and the scatter built from the package with every point's sources in its download."""

import re

import pandas as pd
import pytest

from dashboard import relationships as rel
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir
from dashboard.levels import level_rows


def figures(*rows: tuple[str, int, float]) -> pd.DataFrame:
    return pd.DataFrame([{"place_id": p, "year": y, "value": v, "source_id": f"s-{p}-{y}"}
                         for p, y, v in rows])


def test_nearest_takes_the_year_itself_else_the_closest_within_the_tolerance():
    rows = figures(("A", 2020, 1.0), ("A", 2022, 2.0), ("B", 2019, 3.0), ("B", 2023, 4.0),
                   ("C", 2018, 5.0))
    found = rel.nearest(rows, 2021, 2).set_index("place_id")
    assert found.loc["A", "year"] == 2020  # 2020 and 2022 tie: the earlier
    assert found.loc["B", "year"] == 2019  # as above, two years off
    assert "C" not in found.index  # three years off
    assert rel.nearest(rows, 2020, 0)["place_id"].tolist() == ["A"]


def test_pair_needs_x_and_y_counts_nearby_years_and_leaves_size_missing():
    x = figures(("A", 2020, 1.0), ("B", 2020, 2.0), ("C", 2020, 3.0))
    y = figures(("A", 2020, 10.0), ("B", 2019, 20.0))
    size = figures(("A", 2021, 100.0))
    points = rel.pair(x, y, size, 2020, 1).set_index("place_id")
    assert list(points.index) == ["A", "B"]  # C has no y
    assert points.loc["A", "nearby"]  # its size is of 2021
    assert points.loc["B", "nearby"] and points.loc["B", "y_source"] == "s-B-2019"
    assert pd.isna(points.loc["B", "size"])
    exact = rel.pair(x, y, None, 2020, 0)
    assert exact["place_id"].tolist() == ["A"] and not exact["nearby"].any()


def test_spearman_on_linear_axes_by_hand():
    # Ranks of y: 1, 3, 2, 4 against 1, 2, 3, 4; Σd² = 2; ρ = 1 − 6·2 / (4·15) = 0.8
    points = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [5.0, 70.0, 60.0, 80.0]})
    corr = rel.correlation(points, log=False)
    assert corr.method == "spearman" and corr.n == 4 and corr.r == pytest.approx(0.8)


def test_pearson_of_the_logarithms_on_log_axes():
    # y = 2·x is a straight line on log axes; the non-positive pair cannot be drawn there.
    points = pd.DataFrame({"x": [1.0, 10.0, 1000.0, -5.0], "y": [2.0, 20.0, 2000.0, 3.0]})
    corr = rel.correlation(points, log=True)
    assert corr.method == "pearson_log" and corr.n == 3 and corr.r == pytest.approx(1.0)
    # log10: x 0, 1, 2 and y 0, 2, 3; their Pearson r, not that of the raw figures.
    skewed = pd.DataFrame({"x": [1.0, 10.0, 100.0], "y": [1.0, 100.0, 1000.0]})
    assert rel.correlation(skewed, log=True).r == pytest.approx(
        pd.Series([0.0, 1, 2]).corr(pd.Series([0.0, 2, 3])))


def test_too_few_places_give_no_correlation():
    corr = rel.correlation(pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 4.0]}), log=False)
    assert corr.r is None and corr.n == 2


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def test_cities_are_coloured_by_their_province(atlas):
    assert rel.parent_region(atlas, ["CN-440100", "CN-110000"], "en") == [
        "Guangdong", "China"]
    assert rel.COLOURS["region"] is rel.parent_region


def test_places_are_coloured_by_the_first_peer_group_that_lists_them(atlas):
    from dashboard import peer_groups

    groups = list(peer_groups.by_id(atlas.data.groups).values())
    listed = [set(peer_groups.members(g)) for g in groups]
    # A place two groups list (groups overlap): it takes the name of the earlier one.
    i, shared = next((i, sorted(listed[i] & listed[j])[0])
                        for i in range(len(groups)) for j in range(i + 1, len(groups))
                        if listed[i] & listed[j])
    outside = next(p for p in atlas.places if not any(p in m for m in listed))
    assert rel.peer_group(atlas, [shared, outside], "en") == [
        peer_groups.label(groups[i], "en"), "in no peer group"]
    assert rel.COLOURS["group"] is rel.peer_group


def test_the_scatter_of_provinces_carries_every_points_sources(atlas):
    years, year = rel.years(atlas, "province", "rd_intensity", "invention_patent_grants", 1)
    assert year in years
    chart = rel.build(atlas, "province", "rd_intensity", "invention_patent_grants", "", year, 1,
                      False, "region", ("CN-110000",), "en", False)
    points = sum(len(trace.x) for trace in chart.figure.data)
    rows = chart.rows
    # Each point has one x and one y figure in the download, each with its source.
    assert len(rows) == 2 * points
    assert set(rows["indicator_id"]) == {"rd_intensity", "invention_patent_grants"}
    assert rows["source_id"].notna().all()
    labels = [text for trace in chart.figure.data for text in trace.text if text]
    assert labels == ["Beijing"]
    assert f"Across {points} places" in chart.takeaway and "Spearman" in chart.takeaway
    assert "±1 years" in chart.takeaway


def test_log_axes_switch_the_correlation_and_the_axes(atlas):
    chart = rel.build(atlas, "country", "rd_intensity", "researchers_per_million",
                      "", 2019, 1, True, "region", (), "zh", False)
    assert chart.figure.layout.xaxis.type == "log" and chart.figure.layout.yaxis.type == "log"
    assert "皮尔逊" in chart.takeaway


def test_a_wider_tolerance_pairs_more_places_and_says_how_many_used_a_nearby_year(atlas):
    args = ("city", "universities", "gdp", "population", 2020)
    narrow = rel.build(atlas, *args, 0, False, "region", (), "en", False)
    wide = rel.build(atlas, *args, 1, False, "region", (), "en", False)
    count = [sum(len(tr.x) for tr in c.figure.data) for c in (narrow, wide)]
    assert count[1] > count[0]
    assert "0 points use a nearby year" in narrow.takeaway
    nearby = int(re.search(r"(\d+) points use a nearby year", wide.takeaway).group(1))
    assert nearby >= count[1] - count[0]


def test_the_year_control_offers_years_with_three_pairs_and_opens_on_the_best_matched(atlas):
    x, y = "rd_intensity", "researchers_per_million"
    xr, yr = level_rows(atlas, "country", x), level_rows(atlas, "country", y)
    years, start = rel.years(atlas, "country", x, y, 1)
    for year in years:
        assert len(rel.pair(xr, yr, None, year, 1)) >= 3
    exact = {year: len(rel.pair(xr, yr, None, year, 0)) for year in years}
    assert exact[start] == max(exact.values())
    left_out = sorted((set(xr["year"]) | set(yr["year"])) - set(years))
    assert all(len(rel.pair(xr, yr, None, int(year), 1)) < 3 for year in left_out)
