"""Decks in the app (AppTest): a slide rebuilds what its page shows, Present edits my deck,
and a bad deck in a link gives a notice, never an error. AppTest does not open dialogs: "Add to
my deck" is driven in a browser (tests/e2e/test_decks.py)."""

import json
import random
import string

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import deck, registry
from dashboard.charts import plain_title
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir
from dashboard.url import GLOBAL
from test_pages import notices, open_page
from tests_support import PAGE_PATHS

NASTY = "**bold** <b>tag</b> [x](javascript:alert(1)) :red[red]"
# Views as a user leaves them: every control moved off its default.
VIEWS = [(s.page, s.link_params()) for s in deck.decks()[0].slides] + [
    ("compare", {"places": ["CN-440300,CN-310000"], "indicator": ["rd_intensity"],
                 "mode": ["indexed"], "years": ["2012", "2020"], "base": ["2014"],
                 "year": ["2016"], "weak": ["true"]}),
    ("china_map", {"level": ["city"], "indicator": ["gdp"], "year": ["2018"]}),
    ("profile", {"places": ["CN-440100"], "topic": ["talent"]}),
    ("clusters", {"year": ["2019"], "places": ["GII-beijing,GII-seoul"],
                  "economies": ["CHN,IND"]}),
    ("topics", {"topic": ["high_tech"], "indicator": ["hightech_enterprises_stock"]}),
    ("compare", {"group": ["municipalities"], "indicator": ["rd_intensity"]}),
    ("relationships", {}),
    ("relationships", {"level": ["country"], "x": ["rd_intensity"],
                       "y": ["researchers_per_million"], "places": ["CHN,DEU"], "log": ["true"],
                       "tol": ["2"]}),
    ("innovation_index", {}),
    ("innovation_index", {"preset": ["gii_clusters"]}),
    ("innovation_index", {"ind": ["rd_intensity:2:+,invention_patent_grants:1:-"],
                          "norm": ["rank"], "gaps": ["true"]}),
]


@pytest.fixture(scope="module")
def atlas():
    return Atlas.load(data_dir())


@pytest.mark.parametrize(("page", "params"), VIEWS)
def test_a_slide_rebuilds_the_charts_its_page_shows(atlas, page, params):
    at = open_page(PAGE_PATHS[page], **params)
    on_page = [json.loads(c.proto.spec)["layout"]["title"]["text"]
               for c in at.get("plotly_chart")]
    rebuilt = registry.charts_for(atlas, page, params, "en", present=False)
    # Sorted: a page lays its charts out in columns, which AppTest lists column by column.
    assert sorted(plain_title(c.figure) for c in rebuilt.values()) == sorted(
        t.replace("<br>", "") for t in on_page)
    read = set(at.session_state["_used"]) - set(GLOBAL)
    assert read <= set(registry.page(page).params), "the deck validator must know every parameter"


def my_link(*titles: str) -> str:
    return deck.encode(deck.my_deck([
        deck.view_slide("compare", {"places": [p]}, title, "compare-lines")
        for title, p in zip(titles, ("CN-110000", "CN-440100", "CN-440300"), strict=False)]))


def titles_in(at: AppTest) -> list[str]:
    return [s.title_en for s in deck.decode(at.query_params["mydeck"])[0].slides]


def test_present_edits_my_deck_and_keeps_it_in_the_link():
    at = open_page("pages/present.py", mydeck=my_link("one", "two", "three"))
    assert [h.value for h in at.header][-1] == "My deck"
    at.button(key="my-slide-down-1").click().run()
    assert titles_in(at) == ["two", "one", "three"]
    assert at.text_input(key="my-slide-title-1").value == "two"
    at.text_input(key="my-slide-title-3").input(NASTY).run()
    at.text_area(key="my-slide-notes-3").input("say this").run()
    at.button(key="my-slide-remove-1").click().run()
    assert titles_in(at) == ["one", NASTY]
    assert deck.decode(at.query_params["mydeck"])[0].slides[1].notes_en == "say this"
    assert not at.exception
    # Shown as typed wherever it appears: no bold, tag, link or colour made of it.
    labels = [str(link.proto.label) for link in at.get("page_link")]
    assert "2. \\*\\*bold\\*\\* \\<b\\>tag\\</b\\> \\[x\\]\\(javascript\\:alert\\(1\\)\\) " \
           "\\:red\\[red\\]" in labels
    at.button(key="my-slide-remove-1").click().run()
    at.button(key="my-slide-remove-1").click().run()
    assert "mydeck" not in at.query_params
    assert any("empty" in i.value for i in at.info)


def test_my_deck_is_presented_and_travels_with_every_page():
    link = my_link("first", NASTY)
    at = open_page("pages/compare.py", **{"mydeck": link, "present": "1", "deck": "mydeck",
                                  "slide": "2", "places": "CN-440100"})
    assert not notices(at)
    bar = next(m.value for m in at.markdown if m.value.startswith("**2/2"))
    assert "\\*\\*bold\\*\\*" in bar and "<b>" not in bar.replace("\\<b\\>", "")
    at.toggle(key="present").set_value(False).run()
    at.radio(key="compare.mode").set_value("log").run()
    assert at.query_params["mydeck"] == link and at.query_params["mode"] == "log"


def test_an_edit_that_would_not_fit_in_the_link_is_refused():
    slides = [deck.view_slide("compare", {"places": ["CN-110000"]}, f"s{i}", "compare-lines")
              .retitled(f"s{i}", "".join(random.Random(i).choices(string.ascii_letters, k=900)))
              for i in range(6)]
    slides.append(deck.view_slide("compare", {"places": ["CN-440100"]}, "last", "compare-lines"))
    link = deck.encode(deck.my_deck(slides))
    assert deck.fits(deck.my_deck(slides))
    at = open_page("pages/present.py", mydeck=link)
    at.text_area(key="my-slide-notes-7").input(
        "".join(random.Random(99).choices(string.ascii_letters, k=deck.MAX_NOTES))).run()
    assert not at.exception
    assert any("My deck is full" in w.value for w in at.warning)
    assert at.query_params["mydeck"] == link
    assert at.text_area(key="my-slide-notes-7").value == ""


@pytest.mark.parametrize("bad", ["v1.garbage!", "v9.x", "v1." + "A" * 20_000])
def test_a_bad_deck_in_the_link_gives_a_notice(bad):
    at = open_page("pages/present.py", **{"mydeck": bad})
    assert any("Ignored the deck" in n for n in notices(at))
    assert "mydeck" not in at.query_params
    assert any("empty" in i.value for i in at.info)
