"""Reading links: both list forms, older formats, a notice for whatever does not fit, and every
page's spec read from and written to a link."""

import pytest

from dashboard import registry
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir
from dashboard.url import (
    MAX_ECHO,
    Flag,
    Spec,
    echo,
    ids,
    parse_choice,
    parse_ids,
    parse_slide,
    parse_span,
    upgrade,
)

PLACES = dict.fromkeys(["CN-110000", "CN-440100", "CN-440300", "CHN"])


def test_comma_and_repeated_forms_give_the_same_ids():
    assert ids(["CN-110000,CN-440100"]) == ids(["CN-110000", "CN-440100"]) == [
        "CN-110000", "CN-440100"]
    assert ids(["CN-110000,,CN-110000", " CN-440100 "]) == ["CN-110000", "CN-440100"]


def test_unknown_places_are_named_and_the_rest_kept_in_order():
    kept, notices = parse_ids(["CN-440300,XXX", "CN-110000"], PLACES, 8, "places")
    assert kept == ["CN-440300", "CN-110000"]
    assert len(notices) == 1 and "XXX" in notices[0].text("en") and "XXX" in notices[0].text("zh")


def test_places_beyond_the_limit_are_cut_with_a_notice():
    many = {f"CN-{i:06d}": None for i in range(20)}
    kept, notices = parse_ids([",".join(many)], many, 8, "places")
    assert kept == list(many)[:8]
    assert [n.text("en") for n in notices] == ["Kept the first 8 places."]
    assert parse_ids([",".join(many)], many, None, "places") == (list(many), [])


def test_a_choice_outside_the_options_is_refused_with_a_notice():
    assert parse_choice("city", "level", ["province", "city"]) == ("city", None)
    value, about = parse_choice("gii_cluster_rank", "indicator", ["rd_intensity"])
    assert value is None and "gii_cluster_rank" in about.text("en")


def test_year_ranges_are_read_swapped_clipped_or_refused():
    assert parse_span(["2012", "2018"], "years", 2010, 2020) == ((2012, 2018), None)
    span, about = parse_span(["2018", "2012"], "years", 2010, 2020)
    assert span == (2012, 2018) and "reversed" in about.text("en")
    span, about = parse_span(["2000", "max"], "years", 2010, 2020)
    assert span == (2010, 2020) and about
    assert parse_span(["min", "max"], "years", 2010, 2020) == ((2010, 2020), None)
    assert parse_span(["1900", "1950"], "years", 2010, 2020)[0] is None
    assert parse_span(["20x0", "2015"], "years", 2010, 2020)[0] is None
    assert parse_span(["2015"], "years", 2010, 2020)[0] is None


def test_slide_numbers_outside_the_deck_give_a_notice():
    assert parse_slide("3", 7) == (3, None)
    for raw in ("42", "0", "two"):
        number, about = parse_slide(raw, 7)
        assert number is None and raw in about.text("en")


def test_older_links_are_renamed_for_the_page_they_open():
    old = {"places": ["CN-110000,CN-440100"], "indicator": ["rd_intensity"], "from": ["2012"],
           "to": ["2020"], "lang": ["zh"], "present": ["1"], "slide": ["2"]}
    assert upgrade(old, "compare") == {
        "places": ["CN-110000,CN-440100"], "indicator": ["rd_intensity"],
        "years": ["2012", "2020"], "lang": ["zh"], "present": ["1"], "slide": ["2"]}
    assert upgrade({"from": ["2015"]}, "data") == {"years": ["2015", "max"]}
    assert upgrade({"indicator": ["population"]}, "data") == {"indicators": ["population"]}
    assert upgrade({"indicator": ["universities"]}, "topics") == {
        "indicator": ["universities"], "topic": ["talent"]}


def test_current_links_are_left_alone():
    assert upgrade({"places": ["CN-110000"], "indicator": ["rd_intensity"]}, "compare") is None
    assert upgrade({"indicator": ["incubators"], "topic": ["incubators"]}, "topics") is None


def test_echo_never_returns_long_or_control_text():
    assert echo("\x00evil\u202e") == "evil"
    assert len(echo("<script>alert(1)</script>" * 5)) == MAX_ECHO + 1
    _, about = parse_choice("\x00" + "x" * 100, "mode", ["log"])
    assert "\x00" not in about.text("zh") and len(about.text("en")) < 100


# -- Specs: every page's parameters, read from and written to a link ----------------------------

SPECS = [p for p in registry.pages() if p.spec]


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


@pytest.mark.parametrize("page", SPECS, ids=lambda p: p.key)
def test_a_spec_written_to_a_link_reads_back_the_same(atlas, page):
    default, notices = page.spec.from_params(atlas, {}, page.key)
    assert not notices
    assert page.spec.from_params(atlas, default.to_params(), page.key) == (default, [])


def test_a_link_changes_the_view_and_its_dependants_follow(atlas):
    compare = registry.page("compare").spec
    spec, _ = compare.from_params(atlas, {"places": ["CN-440100"], "indicator": ["gdp"],
                                          "mode": ["indexed"]}, "compare")
    assert spec.places == ("CN-440100",) and spec.indicator == "gdp"
    assert spec.base == spec.years[0]  # indexed to the first year shown
    plain, _ = compare.from_params(atlas, {"places": ["CN-440100"]}, "compare")
    assert plain.base is None  # no base year unless indexed


def test_flags_are_written_1_and_older_links_spelled_true_still_read(atlas):
    spec, notices = registry.page("data").spec.from_params(
        atlas, {"weak": ["true"], "all_sources": ["1"]}, "data")
    assert spec.weak and spec.all_sources and not notices
    assert spec.to_params()["weak"] == ["1"]
    _, notices = registry.page("data").spec.from_params(atlas, {"weak": ["yes"]}, "data")
    assert [n.text("en") for n in notices] and "weak" in notices[0].text("en")


def test_a_group_selects_its_members_unless_the_link_names_places(atlas):
    compare = registry.page("compare").spec
    grouped, _ = compare.from_params(atlas, {"group": ["municipalities"]}, "compare")
    assert set(grouped.places) == {"CN-110000", "CN-120000", "CN-310000", "CN-500000"}
    named, _ = compare.from_params(atlas, {"group": ["municipalities"],
                                           "places": ["CN-440100"]}, "compare")
    assert named.places == ("CN-440100",)


def test_every_spec_field_is_a_parameter_with_a_kind():
    for page in SPECS:
        assert all(p.kind is not None for p in page.spec.params())
        assert issubclass(page.spec, Spec)
    assert all(isinstance(p.kind, Flag) for p in registry.page("data").spec.params()
               if p.name in ("weak", "all_sources"))
