"""Embed mode (``embed=1``) and the block a slide leads with, in AppTest: one chart of the view
the link names, its sources and a link back; bad values say so; every slide of the bundled deck
opens on what its title promises, with the rest of the page collapsed."""

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard import charts, query, registry
from dashboard.data.load import load_dataset
from dashboard.deck import decks, slide_params
from dashboard.i18n import t
from test_pages import figures, notices, open_page
from tests_support import PAGE_PATHS, SCRIPTS

# Pages whose charts carry source lines (Data's core grid is a map of this atlas's own coverage).
CHART_PAGES = [p.script for p in registry.with_charts().values() if p.key != "data"]


def back_link(at) -> str:
    labels = tuple(f"[{t('embed_full_view', lang)}" for lang in ("en", "zh"))
    links = [m.value for m in at.markdown if m.value.startswith(labels)]
    assert len(links) == 1, [m.value for m in at.markdown]
    return links[0].split("](", 1)[1].rstrip(")")


def first_chart_title(path: str, **params: str) -> str:
    return figures(open_page(path, **params))[0]["layout"]["title"]["text"]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_embed_shows_the_pages_main_chart_alone_with_sources_and_a_link_back(path):
    at = open_page(path, embed="1")
    shown = figures(at)
    assert len(shown) == 1
    assert shown[0]["layout"]["title"]["text"] == first_chart_title(path)
    assert not notices(at)
    assert any(c.value.startswith("Sources:") for c in at.caption)
    assert not at.get("download_button") and not [b for b in at.button if b.label == "Download"]
    link = back_link(at)
    assert "embed" not in parse_qs(urlsplit(link).query)


def test_embed_keeps_every_parameter_of_the_view():
    at = open_page("pages/compare.py", embed="1", places="CN-440100,CN-110000",
                   indicator="rd_intensity", mode="log", lang="zh")
    fig = figures(at)[0]
    assert fig["layout"]["yaxis"]["type"] == "log"
    assert len(fig["data"]) == 2 and "北京" in fig["layout"]["title"]["text"]
    back = parse_qs(urlsplit(back_link(at)).query)
    assert back["places"] == ["CN-440100,CN-110000"] and back["mode"] == ["log"]
    assert back["lang"] == ["zh"]


def test_chart_picks_another_chart_of_the_page():
    at = open_page("pages/compare.py", embed="1", chart="compare-bars")
    shown = figures(at)
    assert len(shown) == 1 and shown[0]["data"][0]["type"] == "bar"
    assert "chart" not in parse_qs(urlsplit(back_link(at)).query)


def test_an_unknown_chart_gives_a_notice_and_the_main_chart():
    at = open_page("pages/clusters.py", embed="1", chart="<b>nope</b>")
    assert any("chart=<b>nope</b>" in n and "clusters-map" in n for n in notices(at))
    assert figures(at)[0]["layout"]["title"]["text"] == first_chart_title("pages/clusters.py")
    assert "chart" not in at.query_params


def test_a_bad_embed_value_gives_a_notice_and_the_whole_page():
    at = open_page("pages/compare.py", embed="yes")
    assert any("embed=yes" in n for n in notices(at))
    assert len(figures(at)) == 2


@pytest.mark.parametrize("path", ["pages/overview.py", "pages/present.py"])
def test_a_page_without_charts_says_there_is_nothing_to_embed(path):
    at = open_page(path, embed="1")
    assert any(t("notice_no_chart") in n for n in notices(at))
    assert not figures(at)


def test_the_data_pages_core_grid_embeds():
    at = open_page("pages/data_sources.py", embed="1")
    assert not notices(at)
    assert [f["data"][0]["type"] for f in figures(at)] == ["heatmap"]


def test_chart_without_embed_or_slide_is_an_unused_parameter():
    at = open_page("pages/compare.py", chart="compare-bars")
    assert any("chart" in n for n in notices(at))
    assert len(figures(at)) == 2


# -- slides lead with what their title promises -------------------------------------------------

DECK = decks()[0]


def open_slide(number: int, lang: str = "en"):
    slide = DECK.slides[number - 1]
    return open_page(PAGE_PATHS[slide.page], **slide_params(DECK, number, lang))


@pytest.mark.parametrize("number", range(1, len(DECK.slides) + 1))
def test_every_slide_leads_with_its_block_and_collapses_the_rest(number):
    slide = DECK.slides[number - 1]
    at = open_slide(number)
    assert not notices(at)
    (rest,) = [e for e in at.expander if e.label == t("lead_rest")]
    # Every control of the page is in the collapsed expander, none above it.
    controls = ("selectbox", "multiselect", "radio", "slider", "select_slider")
    above = [w for kind in controls for w in getattr(at.main, kind) if w.key.startswith(
        slide.page + ".") and w not in getattr(rest, kind)]
    assert not above, [w.key for w in above]
    # The lead is drawn; the other charts wait for the expander.
    assert len(figures(at)) == (0 if slide.chart == "profile-facts" else 1)


def test_beijing_plan_slide_opens_on_the_plan_milestones():
    (lead,) = figures(open_slide(3))
    milestones = load_dataset().milestones
    planned = sorted(milestones.loc[milestones["place_id"] == "CN-110000", "year"].astype(int))
    assert sorted(lead["data"][0]["x"]) == planned
    for label in milestones.loc[milestones["place_id"] == "CN-110000", "label_en"]:
        assert any(label.split()[0] in text for text in lead["data"][0]["text"])


def test_guangzhou_2017_slide_opens_on_the_2017_facts():
    at = open_slide(4)
    facts = query.facts(load_dataset())
    quoted = facts[(facts["place_id"] == "CN-440100") & facts["evidence"].notna()
                   & (facts["year"] == 2017)]
    headlines = [m.value for m in at.markdown if m.value.startswith("**") and ", 2017: " in m.value]
    assert len(headlines) == len(quoted) > 0
    assert any(", 2017: 280" in h for h in headlines)
    assert not [m for m in at.markdown if m.value.startswith("**") and ", 202" in m.value]
    assert at.subheader[0].value.endswith("2017")


def test_opening_the_rest_of_a_slide_draws_its_other_charts():
    at = open_slide(1)
    at.session_state["atlas-rest"] = True
    at.run()
    assert len(figures(at)) == 2


@pytest.mark.parametrize("path", SCRIPTS)
def test_pages_open_in_presenter_mode_without_a_slide_as_before(path):
    at = open_page(path, present="1")
    assert not at.expander or all(e.label != t("lead_rest") for e in at.expander)


# -- large type fits ----------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, len(DECK.slides) + 1))
def test_slide_chart_titles_have_room_in_large_type(number):
    for fig in figures(open_slide(number)):
        title = fig["layout"]["title"]
        lines = title["text"].split("<br>")
        assert all(charts._columns(line.strip()) <= charts.Style.for_view(True).title_columns
                   for line in lines), lines
        size, legend = title["font"]["size"], fig["layout"]["legend"]["font"]["size"]
        # Every title line and the legend under it fit above the plot.
        assert fig["layout"]["margin"]["t"] >= title["pad"]["t"] + len(lines) * size + legend


def test_milestone_labels_stay_off_the_plot():
    at = open_page("pages/place_profile.py", places="CN-110000", present="1")
    for fig in figures(at):
        if not fig["layout"].get("shapes"):
            continue
        in_plot = [a for a in fig["layout"].get("annotations", []) if a.get("y", -1) > 0]
        assert not in_plot, in_plot
        names = [tr.get("name") for tr in fig["data"]]
        assert t("milestone_lines") in names
