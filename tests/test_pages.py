"""Every page in AppTest: renders without exceptions, its controls change the view and the URL,
and links (today's, older ones, bad ones) open the view they name or say what they ignored."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import query
from dashboard.data.load import load_dataset
from dashboard.deck import decks, slide_params
from tests_support import APP, PAGE_PATHS, SCRIPTS

TIMEOUT = 60
PAGE_KEYS_BY_PATH = {path: key for key, path in PAGE_PATHS.items()}


def open_page(path: str, **params: str) -> AppTest:
    """Open ``path`` through app.py with a link's parameters, as a browser would."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if path != SCRIPTS[0]:
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


@pytest.mark.parametrize("path", SCRIPTS)
def test_page_renders_by_default(path):
    at = open_page(path)
    assert at.title, "page has a title"
    assert not at.error
    assert not notices(at)


@pytest.mark.parametrize("path", SCRIPTS)
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


def test_a_level_without_the_chosen_indicator_says_it_shows_the_default():
    at = open_page("pages/china_map.py", level="city", indicator="academicians")
    assert not notices(at)
    at.radio(key="china_map.level").set_value("province").run()
    assert at.query_params["indicator"] == "rd_intensity"
    assert any("indicator=academicians" in n and "rd_intensity" in n for n in notices(at))


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


def test_profile_draws_a_topics_further_charts_only_when_asked():
    at = open_page("pages/place_profile.py", places="CN-110000", topic="research")
    titles = lambda: [fig["layout"]["title"]["text"] for fig in figures(at)]  # noqa: E731
    # the place's charts on the topic, each an indicator with figures (peers come last)
    facts = query.facts(load_dataset())
    rows = facts[(facts["place_id"] == "CN-110000") & (facts["topic"] == "research")]
    expected = rows["indicator_id"].nunique()
    assert expected > 6, "Beijing's research topic should have more charts than drawn at once"
    first = titles()
    assert len(first) == 6 + 2  # with the plan's milestones on a time line, and peers
    assert at.expander[0].label.startswith(str(expected - 6))
    at.session_state["profile.more"] = True
    at.run()
    assert not at.exception
    assert titles()[:6] == first[:6] and len(titles()) == expected + 2


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
    at.toggle(key="data.all_sources").set_value(True).run()
    at.multiselect(key="data.topics").set_value(["context"]).run()
    assert url(at)["indicators"] == ["population,gdp"]
    assert url(at)["topics"] == ["context"]
    assert url(at)["all_sources"] == ["1"]
    again = open_page("pages/data_sources.py", **url_flat(at))
    assert again.multiselect(key="data.indicators").value == ["population", "gdp"]
    assert again.toggle(key="data.all_sources").value is True
    # Links from before flags were written 1 said true.
    older = open_page("pages/data_sources.py", all_sources="true")
    assert older.toggle(key="data.all_sources").value is True and not notices(older)


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


# -- Relationships and the index builder ---------------------------------------------------------


def test_relationships_default_plots_provinces_and_says_the_correlation():
    at = open_page("pages/relationships.py")
    fig = figures(at)[0]
    assert fig["layout"]["title"]["text"].startswith("Invention patents granted against")
    assert fig["layout"]["xaxis"]["type"] == "linear"
    takeaway = next(m.value for m in at.markdown if m.value.startswith("Across"))
    assert "Spearman" in takeaway and "±1 years" in takeaway
    params = url(at)
    assert params["level"] == ["province"] and params["size"] == ["population"]
    assert params["year"] and params["tol"] == ["1"]


def test_relationships_controls_change_the_scatter_and_the_url():
    at = open_page("pages/relationships.py")
    at.radio(key="relationships.level").set_value("country").run()
    at.selectbox(key="relationships.x").set_value("rd_intensity").run()
    at.selectbox(key="relationships.y").set_value("researchers_per_million").run()
    at.multiselect(key="relationships.places").set_value(["CHN", "DEU"]).run()
    at.toggle(key="relationships.log").set_value(True).run()
    assert not at.exception
    fig = figures(at)[0]
    assert fig["layout"]["xaxis"]["type"] == "log"
    labelled = {text for trace in fig["data"] for text in trace.get("text", []) if text}
    assert labelled == {"China", "Germany"}
    takeaway = next(m.value for m in at.markdown if m.value.startswith("Across"))
    assert "logarithms (Pearson)" in takeaway
    assert url(at)["places"] == ["CHN,DEU"] and url(at)["level"] == ["country"]
    # The link reopens the same view.
    again = open_page("pages/relationships.py", **{**url_flat(at), "log": "true"})
    assert figures(again)[0]["layout"]["title"] == fig["layout"]["title"]


@pytest.mark.parametrize("path, params", [
    ("pages/relationships.py", {"year": "2021"}),
    ("pages/china_map.py", {"indicator": "rd_expenditure", "year": "2015"}),
    ("pages/clusters.py", {"year": "2021"}),
])
def test_play_steps_to_the_next_year_with_data(path, params):
    at = open_page(path, **params)
    page = PAGE_KEYS_BY_PATH[path]
    years = [int(y) for y in at.select_slider(key=f"{page}.year").options]
    assert at.button(key=f"{page}.year-play").label == "Play years"
    at.session_state[f"{page}.year.step"] = True  # what a playing run leaves for the next
    at.run()
    after = years[years.index(int(params["year"])) + 1]
    assert url(at)["year"] == [str(after)]
    assert str(after) in figures(at)[0]["layout"]["title"]["text"]


def test_index_builder_default_ranks_provinces_with_its_method():
    at = open_page("pages/innovation_index.py")
    table = at.dataframe[0].value
    assert table.iloc[0]["Rank"] == 1 and len(figures(at)) == 3
    assert any(m.value.startswith("Places: Provinces") for m in at.markdown)
    assert url(at)["ind"] == ["rd_intensity:1:+,invention_patent_grants:1:+,"
                              "tech_contract_turnover_inflow:1:+"]


def test_index_builder_inputs_change_the_ranking_and_the_url():
    at = open_page("pages/innovation_index.py")
    at.multiselect(key="innovation_index.ind.pick").set_value(
        ["rd_intensity", "invention_patent_grants"]).run()
    at.number_input(key="innovation_index.ind.w.rd_intensity").set_value(3.0).run()
    at.radio(key="innovation_index.ind.d.invention_patent_grants").set_value("-").run()
    at.radio(key="innovation_index.norm").set_value("rank").run()
    assert not at.exception
    assert url(at)["ind"] == ["rd_intensity:3:+,invention_patent_grants:1:-"]
    assert url(at)["norm"] == ["rank"]
    table = at.dataframe[0].value
    # The shared link reproduces the ranking.
    again = open_page("pages/innovation_index.py", **url_flat(at))
    assert again.dataframe[0].value.equals(table)
    assert again.number_input(key="innovation_index.ind.w.rd_intensity").value == 3.0


def test_index_builder_link_with_an_unknown_indicator_keeps_the_rest_with_a_notice():
    at = open_page("pages/innovation_index.py", ind="rd_intensity:2:+,nope:1:+")
    assert any("nope:1:+" in n for n in notices(at))
    assert url(at)["ind"] == ["rd_intensity:2:+"]
def test_profile_facts_from_one_year_cover_every_topic_and_stay_in_the_link():
    at = open_page("pages/place_profile.py", places="CN-440100")
    facts = query.facts(load_dataset())
    quoted = facts[(facts["place_id"] == "CN-440100") & facts["evidence"].notna()]
    at.selectbox(key="profile.year").set_value(2017).run()
    shown = [c.value for c in at.caption if c.value.startswith("“")]
    assert len(shown) == (quoted["year"] == 2017).sum() > 0
    assert quoted.loc[quoted["year"] == 2017, "topic"].nunique() > 1
    assert at.query_params["year"] == "2017"
    at.selectbox(key="profile.year").set_value(0).run()
    assert "year" not in url(at)
    assert len([c for c in at.caption if c.value.startswith("“")]) == (
        quoted["topic"] == at.segmented_control(key="profile.topic").value).sum()


def test_profile_year_without_quoted_facts_gives_a_notice():
    at = open_page("pages/place_profile.py", places="CN-440100", year="1999")
    assert any("year=1999" in n for n in notices(at))
    assert at.selectbox(key="profile.year").value == 0


def test_index_preset_fills_the_inputs_which_stay_editable():
    at = open_page("pages/innovation_index.py")
    assert at.selectbox(key="innovation_index.preset").value == ""
    assert "preset" not in url(at)
    at.selectbox(key="innovation_index.preset").set_value("gii_clusters").run()
    assert not at.exception
    params = url(at)
    assert params["preset"] == ["gii_clusters"] and params["level"] == ["cluster"]
    assert params["ind"] == ["gii_cluster_pct_share:1:+,gii_cluster_publications_share:1:+"]
    assert at.multiselect(key="innovation_index.ind.pick").value == [
        "gii_cluster_pct_share", "gii_cluster_publications_share"]
    method = next(m.value for m in at.markdown if m.value.startswith("Preset:"))
    assert "using the 2 of its 2 indicators" in method and "wipo.int" in method
    assert "Equal weights (the framework's own are not used)." in method
    # The link opens the same preset and ranking.
    again = open_page("pages/innovation_index.py", **url_flat(at))
    assert again.selectbox(key="innovation_index.preset").value == "gii_clusters"
    assert again.dataframe[0].value.equals(at.dataframe[0].value)
    # Editing an input leaves the preset: the control and the link say so.
    at.number_input(key="innovation_index.ind.w.gii_cluster_pct_share").set_value(2.0).run()
    assert at.selectbox(key="innovation_index.preset").value == ""
    assert "preset" not in url(at) and url(at)["level"] == ["cluster"]
    assert not any(m.value.startswith("Preset:") for m in at.markdown)


def test_index_link_with_only_a_preset_opens_it_and_an_unknown_one_gives_a_notice():
    at = open_page("pages/innovation_index.py", preset="gii_economies")
    assert url(at)["level"] == ["country"] and url(at)["preset"] == ["gii_economies"]
    assert any(m.value.startswith("Preset: an approximation of the WIPO Global Innovation "
                                  "Index of economies") for m in at.markdown)
    bad = open_page("pages/innovation_index.py", preset="nope")
    assert any("preset=nope" in n for n in notices(bad))
    assert "preset" not in url(bad) and url(bad)["level"] == ["province"]


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
        "1", "Beijing", "6.73", "% of GDP")


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
    assert (ranking(at)["Value"].iloc[first_gap:] == "—").all()
    assert not ranking(at).isna().any().any()  # nothing shows as "None"


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
