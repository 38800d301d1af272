"""On big frames query.select narrows by an index first; its results equal the plain filter's."""

import gc

import pandas as pd
import pytest

from dashboard import query
from dashboard.data.load import load_dataset


@pytest.fixture(scope="module")
def facts():
    return query.facts(load_dataset())


@pytest.fixture(scope="module")
def big(facts):
    """The real facts four times over: past the size at which select narrows."""
    out = pd.concat([facts] * 4, ignore_index=True)
    assert len(out) >= query.NARROW_MIN_ROWS
    return out


CASES = [
    {"places": ["CN-440100"]},
    {"indicators": ["rd_expenditure"]},
    {"places": ["CN-110000", "CN-440100"], "indicators": ["rd_expenditure"]},
    # One row per copy, evenly spaced: the plain filter returns a RangeIndex.
    {"places": ["CN-440100"], "indicators": ["population"], "year": 2020},
    {"places": ["CN-440100"], "preferred_only": False},
    {"indicators": ["rd_expenditure", "population"], "include_weak": False},
    {"places": ["CN-110000"], "topics": ["research"], "years": (2012, 2020)},
    {"indicators": ["population"], "kinds": ["city"], "year": 2020},
    {"places": ["GII-beijing", "CN-440300"],
     "sources": ["gii-web-ee0b06e9f8", "gii-web-15539186cb"], "preferred_only": False,
     "include_weak": False},
    {"places": []},
    {"indicators": []},
    {"places": ["BOGUS"]},
    {"places": ["BOGUS"], "indicators": ["rd_expenditure"]},
    {"places": ["CN-440100", "BOGUS"], "indicators": ["no_such_indicator", "population"]},
    {"kinds": ["province"]},
    {},
]


def plain(rows: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, **filters) -> pd.DataFrame:
    with monkeypatch.context() as patch:
        patch.setattr(query, "NARROW_MIN_ROWS", len(rows) + 1)
        return query.select(rows, **filters)


def assert_same(narrowed: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(narrowed, expected, check_index_type=True, check_exact=True)
    assert type(narrowed.index) is type(expected.index)


@pytest.mark.parametrize("filters", CASES)
def test_narrowed_select_equals_plain_select(big, filters, monkeypatch):
    assert_same(query.select(big, **filters), plain(big, monkeypatch, **filters))


@pytest.mark.parametrize("filters", CASES[:8])
def test_same_on_shuffled_text_columns(big, filters, monkeypatch):
    """Rows in no particular order, ids as plain strings rather than categories."""
    rows = big.sample(frac=1, random_state=1).astype({"place_id": "string",
                                                      "indicator_id": "string"})
    assert_same(query.select(rows, **filters), plain(rows, monkeypatch, **filters))


def test_filters_may_be_one_shot_iterables(big, monkeypatch):
    expected = plain(big, monkeypatch, places=["CN-110000", "CN-440100"],
                     indicators=["population"])
    got = query.select(big, places=iter(["CN-110000", "CN-440100"]),
                       indicators=(i for i in ["population"]))
    assert_same(got, expected)


def test_narrowing_takes_the_smaller_candidate_set(big):
    one_place = query._narrow(big, {"place_id": ["CN-440100"],
                                    "indicator_id": ["population"]})
    one_indicator = query._narrow(big, {"place_id": list(big["place_id"].cat.categories),
                                        "indicator_id": ["rd_expenditure"]})
    assert one_place is not None and one_indicator is not None
    assert set(big["place_id"].iloc[one_place]) == {"CN-440100"}
    assert set(big["indicator_id"].iloc[one_indicator]) == {"rd_expenditure"}
    assert query._narrow(big, {"kind": ["city"]}) is None


def test_index_is_dropped_with_its_frame(big):
    rows = big.copy()
    query.select(rows, places=["CN-440100"])
    key = (id(rows), "place_id")
    assert key in query._indexes
    del rows
    gc.collect()
    assert key not in query._indexes


def test_small_frames_are_not_narrowed(facts):
    assert len(facts) < query.NARROW_MIN_ROWS
    assert query._narrow(facts, {"place_id": ["CN-440100"]}) is None
