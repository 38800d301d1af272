"""Decks as data: the bundled files, my deck in the URL and in files, what bad input leaves."""

import base64
import json
import random
import string
import zlib

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dashboard import deck, registry
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
PARAM = st.sampled_from([("compare", "places", "CN-110000,CN-440100"),
                         ("compare", "years", ["2012", "2020"]),
                         ("profile", "topic", "research"), ("china_map", "level", "city"),
                         ("topics", "indicator", "incubators")])
SLIDES = st.lists(st.builds(lambda title, notes, p: deck.Slide(
    title, title, p[0], {p[1]: p[2]}, notes, notes, chart="compare-lines"),
    TEXT, TEXT, PARAM), max_size=10)


@pytest.fixture(scope="module")
def atlas():
    return Atlas.load(data_dir())


def test_bundled_decks_load_and_name_known_parameters():
    bundled = deck.decks()
    assert bundled and all(d.slides for d in bundled)
    for d in bundled:
        for slide in d.slides:
            assert set(slide.params) <= set(registry.page(slide.page).params), slide.title_en


def test_every_bundled_slide_rebuilds_its_chart_with_sources(atlas):
    for slide in deck.decks()[0].slides:
        shown = registry.charts_for(atlas, slide.page, slide.link_params(), "zh", True)
        chart = shown[slide.chart] if slide.chart in shown else next(iter(shown.values()))
        assert chart.figure.data and chart.sources, slide.title_en


@given(SLIDES)
@settings(max_examples=60, deadline=None)
def test_my_deck_survives_the_url_and_a_file(slides_):
    mine = deck.my_deck(slides_)
    assume(deck.fits(mine))
    text = deck.encode(mine)
    assert text.startswith("v1.") and set(text[3:]) <= set(string.ascii_letters + "0123456789-_")
    assert deck.decode(text) == (mine, [])
    assert deck.read_file(deck.to_toml(mine).encode(), "mine.toml") == (mine, [])
    as_json = json.dumps(deck.to_spec(mine)).encode()
    assert deck.read_file(as_json, "mine.json") == (mine, [])


def noted(count: int) -> list[deck.Slide]:
    """Slides with notes of random letters: text that barely compresses, the link's worst case."""
    rng = random.Random(7)
    notes = ["".join(rng.choices(string.ascii_letters, k=deck.MAX_NOTES)) for _ in range(count)]
    return [deck.view_slide("compare", {"places": ["CN-110000"]}, f"slide {i}", "compare-lines")
            .retitled(f"slide {i}", n) for i, n in enumerate(notes)]


def test_a_file_too_long_for_the_link_keeps_the_slides_that_fit():
    many = deck.my_deck(noted(deck.MAX_SLIDES))
    assert not deck.fits(many)
    mine, notices = deck.read_file(deck.to_toml(many).encode(), "many.toml")
    assert 0 < len(mine.slides) < deck.MAX_SLIDES
    assert mine.slides == many.slides[:len(mine.slides)]
    assert deck.fits(mine) and not deck.fits(deck.my_deck(many.slides[:len(mine.slides) + 1]))
    assert [n.text("en") for n in notices] == [
        f"Kept the file's first {len(mine.slides)} slides: the rest would make the link longer "
        f"than {deck.MAX_ENCODED} characters."]
    assert deck.decode(deck.encode(mine)) == (mine, [])


def _packed(spec: object) -> str:
    raw = zlib.compress(json.dumps(spec).encode())
    return "v1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_a_partly_broken_deck_keeps_what_it_can_and_names_each_slide():
    spec = {"slides": [
        {"page": "compare", "title_en": "Fine", "params": {"places": "CN-110000"}},
        {"page": "nowhere", "title_en": "Lost"},
        {"page": "profile", "title_en": "Half", "params": {"places": "CN-440100", "zoom": "9"}},
        {"page": "topics", "title_en": 42},
        "not a slide",
    ]}
    mine, notices = deck.decode(_packed(spec))
    assert [s.title_en for s in mine.slides] == ["Fine", "Half", ""]
    assert mine.slides[1].params == {"places": "CN-440100"}
    texts = [n.text("en") for n in notices]
    assert texts == ["Left out slide 2: no chart page nowhere.",
                     "Slide 3: ignored parameter zoom.",
                     "Slide 4: ignored title_en (not a deck field or not text).",
                     "Slide 5: ignored slide (not a deck field or not text)."]
    assert "第 3 页" in notices[1].text("zh")


def test_too_many_slides_keeps_the_first():
    spec = {"slides": [{"page": "compare", "title_en": str(i)}
                       for i in range(deck.MAX_SLIDES + 5)]}
    mine, notices = deck.decode(_packed(spec))
    assert [s.title_en for s in mine.slides] == [str(i) for i in range(deck.MAX_SLIDES)]
    assert [n.key for n in notices] == ["notice_mydeck_slides"]


def test_long_text_is_cut_with_a_notice():
    mine, notices = deck.decode(_packed({"slides": [
        {"page": "compare", "title_en": "x" * 5000, "notes_en": "y" * 5000}]}))
    assert len(mine.slides[0].title_en) == deck.MAX_TITLE
    assert len(mine.slides[0].notes_en) == deck.MAX_NOTES
    assert [n.key for n in notices] == ["notice_slide_cut"] * 2


@pytest.mark.parametrize("text", [
    "", "v2.abc", "v1.", "v1.!!!", "v1.AAAA", "v1." + "A" * 5000, "x" * (deck.MAX_ENCODED + 1),
    _packed([1, 2]), _packed({"slides": "no"}), _packed("str"),
    # a small link that inflates to megabytes
    "v1." + base64.urlsafe_b64encode(zlib.compress(b" " * 10_000_000)).decode(),
])
def test_an_unreadable_deck_is_empty_with_a_notice(text):
    mine, notices = deck.decode(text)
    assert mine.slides == ()
    assert len(notices) == 1 and notices[0].key.startswith("notice_mydeck")


@given(st.text(max_size=300) | st.binary(max_size=300).map(
    lambda b: "v1." + base64.urlsafe_b64encode(zlib.compress(b)).decode()))
@settings(max_examples=200, deadline=None)
def test_decoding_never_fails(text):
    mine, notices = deck.decode(text)
    assert isinstance(mine.slides, tuple)
    assert all(len(n.text("en")) < 200 for n in notices)


@pytest.mark.parametrize(("data", "name"), [
    (b"title_en = [unclosed", "x.toml"), (b"{not json", "x.json"), (b"\xff\xfe\x00", "x.toml"),
    (b"slides = 3", "x.toml"), (b"x" * (deck.MAX_JSON + 1), "x.json"),
])
def test_a_bad_file_gives_an_empty_deck_and_a_notice(data, name):
    mine, notices = deck.read_file(data, name)
    assert mine.slides == () and len(notices) == 1


def test_a_view_keeps_only_its_pages_parameters():
    slide = deck.view_slide("compare", {"places": ["CN-110000"], "years": ["2012", "2020"],
                                        "lang": ["zh"], "present": ["1"], "mydeck": ["v1.x"],
                                        "topic": ["research"]}, "T", "compare-lines")
    assert slide.params == {"places": "CN-110000", "years": ["2012", "2020"]}
    assert slide.link_params() == {"places": ["CN-110000"], "years": ["2012", "2020"]}


def test_a_broken_bundled_deck_stops_with_the_file_and_the_slide(tmp_path):
    path = tmp_path / "ours.toml"
    path.write_text('title_en = "A"\n\n[[slides]]\npage = "nowhere"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"ours\.toml: Left out slide 1: no chart page nowhere\."
                                         r"; The deck's title_en and title_zh must be text\."):
        deck.load_deck(path)


def test_bundled_slides_show_no_weak_figure(atlas):
    for slide in deck.decks()[0].slides:
        if "weak" in registry.page(slide.page).params:
            assert slide.params.get("weak") == "1", slide.title_en
        shown = registry.charts_for(atlas, slide.page, slide.link_params(), "en", True)
        # A slide of a block (the profile's quoted facts) shows no chart's rows.
        if slide.chart and slide.chart not in shown:
            continue
        chart = shown[slide.chart] if slide.chart else next(iter(shown.values()))
        if "grade" in chart.rows:
            assert (chart.rows["grade"] != "weak").all(), slide.title_en
