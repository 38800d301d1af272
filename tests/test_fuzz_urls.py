"""Property-based fuzzing of URL parameters: any link opens a page, never a traceback, and
text from the link is never interpreted as HTML or Markdown."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import deck
from dashboard.composite import parse_spec
from dashboard.ui.view import plain
from dashboard.url import GLOBAL, MAX_PLACES, parse_choice, parse_ids, parse_span, upgrade
from tests_support import APP, PAGES, SCRIPTS

PARAMS = (*GLOBAL, "places", "indicator", "indicators", "year", "years", "from", "to", "mode",
          "level", "topic", "base", "weak", "all_sources", "economies", "sources", "topics",
          "x", "y", "size", "tol", "log", "colour", "ind", "norm", "gaps", "chart", "preset",
          "group", "since", "parent")
NASTY = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "**bold**", "CN-110000",
         "GII-beijing", "rd_expenditure", "2020", "rd_intensity:2:-,gdp", "zscore", "-1", "1e9",
         "zh", "1", "", ",,,", "%00", "gii_clusters", "\u202e", "北京", "a" * 300, "v1.",
         "v1.eJzLSM3JyQcABiwCFQ",
         # my deck: slides titled with markup, a slide on a page that has no charts
         deck.encode(deck.my_deck([deck.Slide("<script>alert(1)</script>", "**x**", "compare",
                                              {"places": "CN-110000"}, "[x](javascript:1)")])),
         deck.encode(deck.my_deck([deck.Slide("t", "t", "data", {})]))]
names = st.one_of(st.sampled_from(PARAMS), st.text(string.printable, min_size=1, max_size=12))
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60))
param_dicts = st.dictionaries(names, values, max_size=6)


@given(param_dicts)
@settings(max_examples=300, deadline=None)
def test_parse_never_fails_and_quotes_briefly(params):
    lists = {name: [value] for name, value in params.items()}
    for page in (p.key for p in PAGES):
        upgrade(lists, page)
    notices = []
    for name, value in params.items():
        notices += parse_ids([value], {"CN-110000": None}, MAX_PLACES, name)[1]
        notices.append(parse_choice(value, name, ["rd_expenditure"])[1])
        notices.append(parse_span([value, value], name, 2000, 2020)[1])
        notices += parse_spec(value, {"rd_intensity": True})[1]
        notices += deck.decode(value)[1]
    for notice in (n.text(lang) for n in filter(None, notices) for lang in ("en", "zh")):
        assert len(notice) < 200
        shown = plain(notice)
        assert shown.startswith("`") and shown.endswith("`") and shown.count("`") == 2


@given(page=st.sampled_from(SCRIPTS), params=param_dicts)
@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_link_opens_every_page_without_error(page, params):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "<script>" not in " ".join(str(m.value) for m in at.markdown)
    for caption in (c.value for c in at.caption if c.value.startswith("⚠")):
        quoted = caption.split(": ", 1)[1]  # the link's text, shown as a code span only
        assert quoted.startswith("`") and quoted.endswith("`") and quoted.count("`") == 2
