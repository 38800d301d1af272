"""Every page in AppTest: renders without exceptions, its controls change the view and the URL,
and links (today's, older ones, bad ones) open the view they name or say what they ignored."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import query
from dashboard.data.load import load_dataset
from dashboard.deck import decks, slide_params
from dashboard.ui.chrome import PAGE_PATHS, PAGES
from tests_support import APP

TIMEOUT = 60


def open_page(path: str, **params: str) -> AppTest:
    """Open ``path`` through app.py with a link's parameters, as a browser would."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if path != PAGES[0][0]:
        at.switch_page(path)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def trace_names(fig: dict) -> list[str]:
    return [tr.get("name") for tr in fig["data"]]


def notices(at: AppTest) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("⚠")]


def url(at: AppTest) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


@pytest.mark.parametrize("path", [p for p, _, _ in PAGES])
def test_page_renders_by_default(path):
    at = open_page(path)
    assert at.title, "page has a title"
    assert not at.error
    assert not notices(at)


@pytest.mark.parametrize("path", [p for p, _, _ in PAGES])
def test_page_renders_in_chinese(path):
    at = open_page(path, lang="zh")
    assert not at.error
    assert at.segmented_control(key="lang").value == "zh"


def test_compare_default_shows_beijing_guangzhou_shenzhen():
    at = open_page("pages/compare.py")
    lines = figures(at)[0]
    assert {"Beijing", "Guangzhou", "Shenzhen"} <= set(trace_names(lines))
    assert "R&D expenditure" in lines["layout"]["title"]["text"]


def test_compare_picking_places_and_indicator_changes_the_chart_and_the_url():
    at = open_page("pages/compare.py")
    at.multiselect(key="compare.places").set_value(["CN-440000", "CN-110000"]).run()
    at.selectbox(key="compare.indicator").set_value("rd_intensity").run()
    assert not at.exception
    fig = figures(at)[0]
    assert set(trace_names(fig)) == {"Guangdong", "Beijing"}
    assert fig["layout"]["yaxis"]["title"]["text"] == "% of GDP"
    assert at.query_params["places"] == "CN-440000,CN-110000"
    assert at.query_params["indicator"] == "rd_intensity"


def test_compare_modes():
    at = open_page("pages/compare.py", places="CN-110000,CN-440100", indicator="rd_expenditure")
    at.radio(key="compare.mode").set_value("indexed").run()
    assert not at.exception
    assert "index" in figures(at)[0]["layout"]["yaxis"]["title"]["text"]
    assert at.query_params["mode"] == "indexed"
    assert at.query_params["base"] == str(at.selectbox(key="compare.base").value)
    at.radio(key="compare.mode").set_value("log").run()
    assert figures(at)[0]["layout"]["yaxis"]["type"] == "log"
    at.radio(key="compare.mode").set_value("per_capita").run()
    assert not at.exception


def test_compare_mixed_levels_shows_comparability_note():
    at = open_page("pages/compare.py", places="CN-440100,CN-440000,CHN")
    assert any("Comparability" in i.value for i in at.info)


def test_an_older_link_opens_the_same_view():
    at = open_page("pages/compare.py", places="CN-440100,CN-110000", indicator="rd_intensity",
                   mode="log", lang="zh", **{"from": "2012", "to": "2020"})
    assert not notices(at)
    assert at.multiselect(key="compare.places").value == ["CN-440100", "CN-110000"]
    assert at.selectbox(key="compare.indicator").value == "rd_intensity"
    assert at.radio(key="compare.mode").value == "log"
    assert at.slider(key="compare.years").value == (2012, 2020)
    assert at.segmented_control(key="lang").value == "zh"
    assert url(at)["years"] == ["2012", "2020"] and "from" not in url(at)


def test_a_cleared_picker_stays_cleared_in_the_link():
    at = open_page("pages/compare.py")
    at.multiselect(key="compare.places").set_value([]).run()
    assert url(at)["places"] == [""]
    again = open_page("pages/compare.py", **url_flat(at))
    assert again.multiselect(key="compare.places").value == []
    assert not notices(again)


def test_repeated_and_comma_forms_open_the_same_places():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.switch_page("pages/compare.py")
    at.query_params["places"] = ["CN-440100", "CN-110000"]
    at.run()
    assert at.multiselect(key="compare.places").value == ["CN-440100", "CN-110000"]


def test_bad_parameters_give_a_notice_and_are_dropped():
    at = open_page("pages/compare.py", places="CN-440100,BOGUS", indicator="rd_intensity",
                   color="red", mode="3d")
    shown = " ".join(notices(at))
    assert "BOGUS" in shown and "color" in shown and "3d" in shown
    assert at.multiselect(key="compare.places").value == ["CN-440100"]
    assert at.radio(key="compare.mode").value == "absolute"
    assert "color" not in url(at) and url(at)["places"] == ["CN-440100"]
    at.radio(key="compare.mode").set_value("log").run()
    assert not notices(at), "a notice is about the link that was opened, once"


def regions(fig: dict) -> list[str]:
    return [f["id"] for trace in fig["data"] for f in trace["geojson"]["features"]]


def test_china_map_draws_provinces_and_switches_to_cities():
    at = open_page("pages/china_map.py")
    fig = figures(at)[0]
    assert len(regions(fig)) == 34
    coloured = fig["data"][1]
    assert len(coloured["locations"]) == 31
    assert "CN-710000" in fig["data"][0]["locations"]  # no figure: drawn grey, not as zero
    at.radio(key="china_map.level").set_value("city").run()
    assert not at.exception
    assert len(regions(figures(at)[0])) == 369
    assert at.query_params["level"] == "city"


def test_china_map_year_slider_changes_year_and_the_url():
    at = open_page("pages/china_map.py", indicator="rd_expenditure")
    slider = at.select_slider(key="china_map.year")
    assert slider.value == max(int(y) for y in slider.options)
    at.select_slider(key="china_map.year").set_value(2015).run()
    assert "2015" in figures(at)[0]["layout"]["title"]["text"]
    assert at.query_params["year"] == "2015"
    assert open_page("pages/china_map.py", **url_flat(at)).select_slider(
        key="china_map.year").value == 2015


def url_flat(at: AppTest) -> dict[str, str]:
    return {k: ",".join(v) for k, v in url(at).items()}


def test_an_indicator_the_map_cannot_show_gives_a_notice():
    at = open_page("pages/china_map.py", indicator="gii_cluster_rank")
    assert any("gii_cluster_rank" in n for n in notices(at))


def test_profile_of_guangzhou_has_facts_and_charts():
    at = open_page("pages/place_profile.py", places="CN-440100")
    assert at.selectbox(key="profile.places").value == "CN-440100"
    assert figures(at)
    assert "Guangzhou" in figures(at)[0]["layout"]["title"]["text"]
    # Quoted facts follow the chosen topic: research by default, then incubators.
    assert at.subheader[-2].value == "Facts from the seed documents"  # the last is peers
    facts = query.facts(load_dataset())
    quoted = facts[(facts["place_id"] == "CN-440100") & facts["evidence"].notna()]
    for topic in ("research", "incubators"):
        at.segmented_control(key="profile.topic").set_value(topic).run()
        shown = [c.value for c in at.caption if c.value.startswith("“")]
        assert len(shown) == (quoted["topic"] == topic).sum() > 0
        assert at.query_params["topic"] == topic


def test_profile_of_beijing_shows_hub_plan_milestones():
    at = open_page("pages/place_profile.py", places="CN-110000")
    fig = figures(at)[0]
    years = {shape["x0"] for shape in fig["layout"].get("shapes", [])}
    assert {2017, 2020, 2030} <= years


def test_clusters_page_has_map_history_and_counts():
    at = open_page("pages/clusters.py")
    figs = figures(at)
    assert len(figs) == 3
    assert any(tr["type"] == "scattermap" for tr in figs[0]["data"])
    assert any(i.value.startswith("Coverage is partial") for i in at.info)


def through_sidebar(at: AppTest, path: str) -> None:
    """A sidebar link: the page's own parameters stay behind (bound ones are Streamlit's)."""
    at.query_params.clear()
    at.switch_page(path)
    at.run()


def test_switching_pages_keeps_each_pages_own_selection():
    at = open_page("pages/compare.py", places="CN-440100,CN-110000")
    through_sidebar(at, "pages/clusters.py")
    history = figures(at)[1]
    assert len(trace_names(history)) == 4, "Clusters shows its own clusters, not an empty chart"
    through_sidebar(at, "pages/place_profile.py")
    at.selectbox(key="profile.places").set_value("CN-440300").run()
    through_sidebar(at, "pages/compare.py")
    assert at.multiselect(key="compare.places").value == ["CN-440100", "CN-110000"]


def test_topics_switch():
    at = open_page("pages/topics.py")
    at.segmented_control(key="topics.topic").set_value("talent").run()
    assert not at.exception
    assert at.selectbox(key="topics.indicator").value in {
        "rd_personnel_fte", "universities", "researchers_per_million"}
    assert at.query_params["topic"] == "talent"


def test_data_page_filters_rows_and_keeps_every_filter_in_the_url():
    at = open_page("pages/data_sources.py", places="CN-440100")
    caption = next(c.value for c in at.caption if "rows match" in c.value)
    at.multiselect(key="data.indicators").set_value(["population", "gdp"]).run()
    narrowed = next(c.value for c in at.caption if "rows match" in c.value)
    assert narrowed != caption
    at.toggle(key="all_sources").set_value(True).run()
    at.multiselect(key="data.topics").set_value(["context"]).run()
    assert url(at)["indicators"] == ["population,gdp"]
    assert url(at)["topics"] == ["context"]
    # The toggle's parameter is written by the browser (Streamlit's binding), not in AppTest.
    again = open_page("pages/data_sources.py", **url_flat(at), all_sources="true")
    assert again.multiselect(key="data.indicators").value == ["population", "gdp"]
    assert again.toggle(key="all_sources").value is True


def test_a_slide_beyond_the_deck_or_an_unknown_deck_gives_a_notice():
    at = open_page("pages/compare.py", present="1", slide="42")
    assert any("slide=42" in n for n in notices(at))
    assert "slide" not in url(at)
    at = open_page("pages/compare.py", present="1", deck="nope", slide="1")
    assert any("deck=nope" in n for n in notices(at))
    assert any(m.value.startswith("**1/") for m in at.markdown), "the first deck instead"


@pytest.mark.parametrize("number", range(1, len(decks()[0].slides) + 1))
def test_every_slide_opens_an_existing_page_without_notices(number):
    deck = decks()[0]
    slide = deck.slides[number - 1]
    assert slide.page in PAGE_PATHS
    at = open_page(PAGE_PATHS[slide.page], **slide_params(deck, number, "en"))
    assert not notices(at), notices(at)
    assert any(m.value.startswith(f"**{number}/") for m in at.markdown)


def test_compare_chart_follows_language_and_presenter_mode():
    at = open_page("pages/compare.py", places="CN-110000,CN-440100", indicator="rd_intensity")
    title = figures(at)[0]["layout"]["title"]
    assert title["text"].startswith("R&D intensity") and title["font"]["size"] == 16
    at.segmented_control(key="lang").set_value("zh").run()
    assert figures(at)[0]["layout"]["title"]["text"].startswith("R&D经费投入强度 · 北京市")
    at.toggle(key="present").set_value(True).run()
    assert figures(at)[0]["layout"]["title"]["font"]["size"] == 26
    at.slider(key="compare.years").set_value((2015, 2020)).run()
    assert {min(figures(at)[0]["data"][0]["x"]), max(figures(at)[0]["data"][0]["x"])} <= set(
        range(2015, 2021))
    assert url(at)["years"] == ["2015", "2020"] and url(at)["present"] == ["1"]
    assert not at.exception


def ranking(at: AppTest):
    return at.dataframe[0].value


def test_rankings_default_ranks_provinces_with_a_rank_change_column():
    at = open_page("pages/rankings.py")
    table = ranking(at)
    assert at.radio(key="rankings.level").value == "province"
    assert table["Rank"].iloc[0] == "1"
    since = at.selectbox(key="rankings.since").value
    assert f"Rank change since {since}" in table.columns
    assert {"indicator", "year", "level", "since"} <= set(url(at))


def test_rankings_show_beijing_first_at_the_published_rd_intensity():
    # Published: Beijing's R&D intensity in 2023 was 6.73 %, the highest of any province.
    at = open_page("pages/rankings.py", indicator="rd_intensity", level="province", year="2023")
    first = ranking(at).iloc[0]
    assert (first["Rank"], first["Place"], first["Value"], first["Unit"]) == (
        "1", "Beijing", 6.73, "% of GDP")


def test_rankings_level_and_group_change_the_table_and_the_url():
    at = open_page("pages/rankings.py", indicator="rd_intensity", year="2023")
    at.selectbox(key="rankings.group").set_value("municipalities").run()
    assert set(ranking(at)["Place"]) == {"Beijing", "Shanghai", "Tianjin", "Chongqing"}
    assert any("median" in m.value for m in at.markdown)
    assert url(at)["group"] == ["municipalities"]
    at.radio(key="rankings.level").set_value("cluster").run()
    assert not at.exception
    assert url(at)["level"] == ["cluster"] and "group" not in url(at)


def test_rankings_list_places_without_a_figure_as_no_data_after_the_ranked():
    at = open_page("pages/rankings.py", indicator="rd_expenditure", level="city", year="2022")
    ranks = ranking(at)["Rank"].tolist()
    assert "No data" in ranks
    first_gap = ranks.index("No data")
    assert all(r == "No data" for r in ranks[first_gap:])
    assert ranking(at)["Value"].iloc[first_gap:].isna().all()


def test_rankings_unknown_group_gives_a_notice():
    at = open_page("pages/rankings.py", group="atlantis")
    assert any("group=atlantis" in n for n in notices(at))
    assert "group" not in url(at)


def test_a_group_link_selects_its_members_in_the_place_picker():
    at = open_page("pages/compare.py", group="municipalities", indicator="rd_intensity")
    assert set(at.multiselect(key="compare.places").value) == {
        "CN-110000", "CN-120000", "CN-310000", "CN-500000"}
    assert url(at)["group"] == ["municipalities"]
    assert any(m.value.startswith("**The four municipalities**") and "median" in m.value
               for m in at.markdown)


def test_clusters_group_fills_the_picker_and_says_it_took_the_first_eight():
    at = open_page("pages/clusters.py")
    at.selectbox(key="clusters.group").set_value("gii_top10").run()
    chosen = at.multiselect(key="clusters.places").value
    assert len(chosen) == 8 and chosen[0] == "GII-shenzhen-hong-kong-guangzhou"
    assert any("took the first 8" in c.value for c in at.caption)
    assert url(at)["group"] == ["gii_top10"]
