"""Figures the project derives from cited ones, where no published figure exists.

R&D intensity = R&D expenditure ÷ GDP, for a place and year with both figures published
exactly (the preferred rows, not bounds or estimates) and no published intensity at all. The
row names the derivation source as its source and both inputs' sources in ``derived_from``;
its grade is the weaker input's. The preferred rule ranks every published figure above it.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data.contract import GRADES
from dashboard.data.preferred import GROUP, preferred_mask
from dashboard.etl import meta

RD_INTENSITY_SOURCE = meta.load(__file__).sources["atlas-derived-rd-intensity"]


def _exact_preferred(obs: pd.DataFrame, sources: pd.DataFrame, indicator: str) -> pd.DataFrame:
    rows = obs[obs["indicator_id"] == indicator]
    best = rows[preferred_mask(rows, sources)]
    return best[best["qualifier"].isna() & best["derived_from"].isna()]


def rd_intensity(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Derived R&D intensity rows (observation columns, grade included)."""
    obs = obs.reindex(columns=[*obs.columns.union(["qualifier", "derived_from"], sort=False)])
    rd = _exact_preferred(obs, sources, "rd_expenditure")
    gdp = _exact_preferred(obs, sources, "gdp")
    pairs = rd.merge(gdp, on=["place_id", "year"], suffixes=("_rd", "_gdp"))
    stated = obs.loc[obs["indicator_id"] == "rd_intensity", ["place_id", "year"]]
    pairs = pairs.merge(stated.drop_duplicates(), how="left", indicator=True)
    pairs = pairs[(pairs["_merge"] == "left_only") & (pairs["value_gdp"] > 0)]
    weaker = [max(a, b, key=GRADES.index) for a, b in zip(pairs["grade_rd"], pairs["grade_gdp"],
                                                           strict=True)]
    return pd.DataFrame({
        "place_id": pairs["place_id"], "indicator_id": "rd_intensity", "year": pairs["year"],
        "value": (pairs["value_rd"] / pairs["value_gdp"] * 100).round(2),
        "qualifier": None, "source_id": RD_INTENSITY_SOURCE["source_id"],
        "derived_from": pairs["source_id_rd"] + " " + pairs["source_id_gdp"],
        "grade": weaker, "evidence": None,
        "note": [f"derived: R&D expenditure {r:g} ÷ GDP {g:g} (CNY 100m); no published "
                 "intensity for this year" for r, g in zip(pairs["value_rd"], pairs["value_gdp"],
                                                          strict=True)],
    }).sort_values(GROUP).reset_index(drop=True)
