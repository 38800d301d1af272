from dashboard.state import MAX_PLACES, Selection, parse_params, to_params

PLACES = {"CN-110000", "CN-440100", "CN-440300", "CHN"}
INDICATORS = {"rd_expenditure", "population"}


def parse(params):
    return parse_params(params, PLACES, INDICATORS)


def test_round_trip_reproduces_the_view():
    sel = Selection(places=("CN-440100", "CN-110000"), indicator="rd_expenditure", year=2020,
                    year_from=2012, year_to=2022, mode="indexed", lang="zh", present=True)
    result = parse(to_params(sel))
    assert result.selection == sel
    assert result.notices == ()


def test_defaults_are_left_out_of_the_url():
    assert to_params(Selection()) == {}
    assert to_params(Selection(places=("CHN",))) == {"places": "CHN"}


def test_unknown_parameter_is_ignored_with_a_notice():
    result = parse({"foo": "bar", "indicator": "population"})
    assert result.selection.indicator == "population"
    assert result.notices == ("Ignored unknown parameter 'foo'.",)


def test_unknown_and_duplicate_places_are_dropped():
    result = parse({"places": "CN-110000,XXX,CN-110000,,CN-440100"})
    assert result.selection.places == ("CN-110000", "CN-440100")
    assert any("XXX" in n for n in result.notices)


def test_malformed_values_fall_back_to_defaults():
    result = parse({"year": "20x0", "mode": "3d", "lang": "fr", "present": "yes",
                    "indicator": "nope"})
    assert result.selection == Selection()
    assert len(result.notices) == 5


def test_out_of_range_year_and_reversed_range():
    result = parse({"year": "99999", "from": "2020", "to": "2010"})
    assert result.selection.year is None
    assert (result.selection.year_from, result.selection.year_to) == (2010, 2020)
    assert len(result.notices) == 2


def test_too_many_places_are_cut_to_the_limit():
    many = {f"CN-{i:06d}" for i in range(20)}
    result = parse_params({"places": ",".join(sorted(many))}, many, INDICATORS)
    assert len(result.selection.places) == MAX_PLACES


def test_notices_never_echo_long_or_control_text():
    result = parse({"<script>alert(1)</script>" * 5: "1", "lang": "\x00evil"})
    assert all(len(n) < 120 for n in result.notices)
    assert all("\x00" not in n for n in result.notices)
