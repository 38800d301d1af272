"""Derived R&D intensity: only where both inputs are exact and no intensity is published."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.load import load_dataset
from dashboard.etl import derived

SOURCES = pd.DataFrame({"source_id": ["rd", "gdp", "int"], "published": ["2020", "2021", ""]})


def obs(*rows: tuple) -> pd.DataFrame:
    """(place, indicator, year, value, source, grade, qualifier) rows."""
    return pd.DataFrame([{"place_id": p, "indicator_id": i, "year": y, "value": v,
                          "source_id": s, "grade": g, "qualifier": q, "derived_from": None}
                         for p, i, y, v, s, g, q in rows])


def test_intensity_is_rd_over_gdp_citing_both_inputs():
    got = derived.rd_intensity(obs(("A", "rd_expenditure", 2020, 50.0, "rd", "official", None),
                                   ("A", "gdp", 2020, 2000.0, "gdp", "reprint", None)), SOURCES)
    (row,) = got.itertuples()
    assert (row.value, row.derived_from, row.grade) == (2.5, "rd gdp", "reprint")
    assert row.source_id == derived.RD_INTENSITY_SOURCE["source_id"]


def test_no_derivation_over_a_published_intensity_or_from_a_bound():
    published = obs(("A", "rd_expenditure", 2020, 50.0, "rd", "official", None),
                    ("A", "gdp", 2020, 2000.0, "gdp", "official", None),
                    ("A", "rd_intensity", 2020, 2.4, "int", "weak", "at_least"))
    assert derived.rd_intensity(published, SOURCES).empty
    bound = obs(("A", "rd_expenditure", 2020, 50.0, "rd", "official", "at_least"),
                ("A", "gdp", 2020, 2000.0, "gdp", "official", None))
    assert derived.rd_intensity(bound, SOURCES).empty


def test_every_derived_row_in_data_recomputes_from_its_inputs():
    data = load_dataset()
    o = data.observations
    rows = o[o["derived_from"].notna()]
    assert len(rows) > 0
    for row in rows.itertuples():
        rd_source, gdp_source = row.derived_from.split()
        inputs = o[(o["place_id"] == row.place_id) & (o["year"] == row.year)]
        (rd,) = inputs.loc[(inputs["indicator_id"] == "rd_expenditure")
                           & (inputs["source_id"] == rd_source) & inputs["preferred"], "value"]
        (gdp,) = inputs.loc[(inputs["indicator_id"] == "gdp")
                            & (inputs["source_id"] == gdp_source) & inputs["preferred"], "value"]
        assert row.value == pytest.approx(rd / gdp * 100, abs=0.005)
        published = inputs[(inputs["indicator_id"] == "rd_intensity")
                           & inputs["derived_from"].isna()]
        assert published.empty
