"""The page views as plain functions of the data package: no Streamlit, no AppTest."""

from dataclasses import replace

import pytest

from dashboard import charts, levels, query
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir
from dashboard.i18n import t
from dashboard.topics import TOPICS
from dashboard.views import china_map, clusters, compare, data, overview, profile, topics

BEIJING, GUANGZHOU, SHENZHEN = "CN-110000", "CN-440100", "CN-440300"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def lines_of(chart) -> set[str]:
    return {trace.name for trace in chart.figure.data}


def test_compare_lines_show_the_places_and_name_those_without_figures(atlas):
    with_figures = [p for p in atlas.places if "rd_intensity" in atlas.by_place[p]]
    without = next(p for p in atlas.places if p.startswith("CN-")
                   and "rd_intensity" not in atlas.by_place[p])
    places = (BEIJING, GUANGZHOU, without)
    assert BEIJING in with_figures
    panel, years, _ = compare.lines(atlas, places, "rd_intensity", "absolute", None, None,
                                       False, "en", False)
    assert {"Beijing", "Guangzhou"} <= lines_of(panel.chart)
    assert panel.note == f"No figures for: {atlas.place_name(without, 'en')}"
    assert years == sorted(set(panel.chart.rows["year"].astype(int)))
    assert set(panel.chart.rows["indicator_id"]) == {"rd_intensity"}


def test_compare_span_and_log_mode(atlas):
    panel, years, _ = compare.lines(atlas, (BEIJING, GUANGZHOU), "rd_expenditure", "log",
                                       (2015, 2018), None, False, "zh", True)
    assert years and min(years) >= 2015 and max(years) <= 2018
    assert panel.chart.figure.layout.yaxis.type == "log"
    assert panel.chart.figure.layout.title.text.startswith("R&D经费")


def test_indexing_names_the_places_without_a_base_year_figure(atlas):
    years = compare.compare_years(atlas, (BEIJING, GUANGZHOU), "rd_expenditure", False)
    panel, _, _ = compare.lines(atlas, (BEIJING, GUANGZHOU), "rd_expenditure", "indexed",
                                   None, years[0], False, "en", False)
    indexed = set(panel.chart.rows["place_id"])
    for place, name in ((BEIJING, "Beijing"), (GUANGZHOU, "Guangzhou")):
        assert (place in indexed) != (name in panel.note)


def test_compare_bars_rank_against_the_earliest_year_shown(atlas):
    places = (BEIJING, GUANGZHOU, SHENZHEN)
    _, years, best = compare.lines(atlas, places, "rd_expenditure", "absolute", None,
                                         None, False, "en", False)
    assert best in years
    chart, table = compare.bars(atlas, places, "rd_expenditure", "absolute", None, None,
                                      False, years[-1], "en", False)
    assert set(chart.rows["year"]) == {years[-1]}
    assert "Rank" in table.columns[0]
    assert len(table) == chart.rows["place_id"].nunique()


def test_cluster_history_names_clusters_without_a_rank(atlas):
    _, ranked, _ = clusters.options(atlas, False)
    panel = clusters.cluster_series(atlas, "gii_cluster_rank", "cluster",
                                 ("GII-beijing", "CN-440100"), False, "en", False)
    assert "GII-beijing" in ranked
    assert set(panel.chart.rows["place_id"]) == {"GII-beijing"}
    assert panel.note.startswith("No figures for: Guangzhou")
    assert panel.chart.figure.layout.yaxis.autorange == "reversed"  # rank 1 on top


def test_china_map_level_changes_the_regions(atlas):
    years, year = levels.years(atlas, "province", "rd_intensity")
    assert year in years
    provinces = china_map.china_map(atlas, "province", "rd_intensity", year, "en", False)
    assert str(year) in provinces.figure.layout.title.text
    assert provinces.rows["place_id"].str.startswith("CN-").all()
    assert set(provinces.rows["kind"]) <= {"province", "municipality"}
    assert "gii_cluster_rank" not in levels.indicators(atlas, "province")


def test_profile_follows_the_topic(atlas):
    topics = profile.profile_topics(atlas, GUANGZHOU)
    assert len(topics) > 1
    for topic in topics[:2]:
        shown = profile.profile(atlas, GUANGZHOU, topic, "en", False)
        assert shown.multiples
        assert all(set(chart.rows["topic"]) == {topic} for _, chart in shown.multiples)


def test_data_preview_counts_what_the_download_holds(atlas):
    spec = data.Spec(None, (GUANGZHOU,), (), ("population",), (), data.year_span(atlas), False,
                     False)
    shown = data.build(atlas, spec, "en", False)
    rows = data.rows(atlas, spec)
    assert shown.count == len(rows) == len(shown.preview) > 0
    assert set(rows["place_id"]) == {GUANGZHOU} and set(rows["indicator_id"]) == {"population"}
    every = data.build(atlas, replace(spec, all_sources=True), "en", False).count
    assert every >= shown.count


def test_topic_view_names_focus_places_without_figures(atlas):
    for topic in TOPICS:
        indicator = topics.topic_indicators(atlas, topic)[0]
        view = topics.build(atlas, topics.Spec(topic, indicator, False), "en", False)
        shown = set(view.charts[f"topic-{topic}-lines"].rows["place_id"])
        for place in TOPICS[topic].focus_places:
            assert (place in shown) != (atlas.place_name(place, "en") in view.note)


def test_headline_figures_side_by_side_share_a_year_where_one_exists(atlas):
    indicators = ("rd_expenditure", "hightech_enterprises_stock", "incubators", "population")
    shown = overview.headlines(atlas, (BEIJING, GUANGZHOU), indicators)
    for indicator, group in shown.groupby("indicator_id"):
        rows = query.select(atlas.facts, places=[BEIJING, GUANGZHOU],
                            indicators=[indicator], include_weak=False)
        common = set(rows[rows["place_id"] == BEIJING]["year"]) & set(
            rows[rows["place_id"] == GUANGZHOU]["year"])
        assert len(group) == group["place_id"].nunique()
        if common:
            assert set(group["year"]) == {max(common)} and group["same_year"].all()
        else:
            assert (~group["same_year"]).all() == (group["year"].nunique() > 1)


def test_the_core_grid_is_a_chart_of_the_cited_figures_it_counts(atlas):
    """So it downloads, cites and goes into a deck like every other chart."""
    from dashboard import charts, deck, grid, registry
    from dashboard.i18n import t

    chart, notes = data.core_grid(atlas, "en")
    assert charts.plain_title(chart.figure) == t("core_grid_title", "en") and notes
    filled = grid.core_grid(atlas.data.observations)["state"].notna().sum()
    assert len(chart.rows) == filled  # one cited figure per filled cell
    assert set(chart.rows["place_id"]) <= set(grid.CITIES)
    assert chart.rows["source_id"].astype(str).str.strip().all()
    assert "core-grid" in registry.charts_for(atlas, "data", {}, "en", False)
    slide = deck.view_slide("data", {"places": ["CN-440100"]}, "Grid", "core-grid")
    assert slide.params == {}  # the page's filters shape its table, not the grid


def test_downloads_say_whether_a_figure_was_read_twice_and_what_the_checks_say(atlas):
    flagged = atlas.data.checks.iloc[0]
    rows = query.select(atlas.facts, places=[flagged["place_id"]],
                        indicators=[flagged["indicator_id"]], preferred_only=False)
    table = query.download_table(rows, "en")
    assert {"read_twice", "as_of", "build_check"} <= set(table.columns)
    hit = table[(table["year"] == flagged["year"]) & (table["source_id"] == flagged["source_id"])]
    assert hit["build_check"].str.startswith(flagged["rule"]).all() and len(hit)
    verified = query.download_table(atlas.facts[atlas.facts["verified"].notna()].head(5), "zh")
    assert verified["二次核对"].str.match(r"\d{4}-\d{2}-\d{2} (ok|fixed|unconfirmed): ").all()


def test_the_coverage_table_counts_flagged_figures(atlas):
    cov = atlas.data.coverage
    row = cov[cov["flagged"] > 0].iloc[0]
    name = atlas.indicator_name(row["indicator_id"], "en")
    table = overview.coverage(atlas, "en").set_index("Indicator")
    assert f"{row['flagged']} flagged" in table.loc[name, t("kind_" + row["kind"], "en")]


def test_no_public_source_label_uses_curation_words(atlas):
    table = data.sources_table(atlas, "en")
    for column in ("title", "publisher", "carrier"):
        assert not table[column].str.contains(charts.CURATION_WORDS).any(), column
    grades = table["grade"].map({"official": 0, "reprint": 1, "weak": 2})
    assert grades.is_monotonic_increasing
    raw = atlas.data.sources  # the data package keeps the curators' text
    assert raw["title"].str.contains(charts.CURATION_WORDS).any()


def test_headline_figures_are_never_weak(atlas):
    shown = overview.headlines(atlas, overview.HEADLINE_PLACES, overview.HEADLINE_INDICATORS)
    assert not shown.empty and (shown["grade"] != "weak").all()
