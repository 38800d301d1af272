"""The one rule choosing the preferred row among figures for the same place, indicator and year.

In order: an exact figure beats a bound or estimate; a published figure beats one derived by
the project; then the better grade (official > reprint > weak); then the most recently
published source (a revision supersedes what it revises); then source id and value, so the
choice never depends on row order. The build marks rows with it and the validator checks
``data/`` against it.
"""

from __future__ import annotations

import pandas as pd

from dashboard.data.contract import GRADES

GROUP = ["place_id", "indicator_id", "year"]
# Why a row ranks where it does, in the order the rule compares them.
CRITERIA = ("exact", "published", "grade", "newer source", "source id", "value")


def _present(column: pd.Series) -> pd.Series:
    return column.notna() & (column.astype("string").fillna("") != "")


def rank_keys(obs: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    """Sort keys (one column per criterion, lower = better) for each observation; ``published``
    maps source_id to its publication date text."""
    dates = obs["source_id"].map(published).fillna("").astype(str)
    # Dates are YYYY[-MM[-DD]] text: ranking them descending needs their order negated.
    date_rank = dates.rank(method="dense", ascending=False)
    return pd.DataFrame({
        "exact": _present(obs.get("qualifier", pd.Series(None, index=obs.index))).astype(int),
        "published": _present(obs.get("derived_from",
                                      pd.Series(None, index=obs.index))).astype(int),
        "grade": obs["grade"].map({g: i for i, g in enumerate(GRADES)}),
        "newer source": date_rank,
        "source id": obs["source_id"].astype(str),
        "value": obs["value"].astype(float),
    }, index=obs.index)


def best_first(obs: pd.DataFrame, published: pd.Series) -> pd.DataFrame:
    """The observations' group columns and rank keys, best row of each group first."""
    keys = rank_keys(obs, published)
    return pd.concat([obs[GROUP], keys], axis=1).sort_values(
        [*GROUP, *CRITERIA], kind="stable")


def preferred_mask(obs: pd.DataFrame, published: pd.Series) -> pd.Series:
    """True for exactly one row per place, indicator and year: the best by the rule above."""
    ranked = best_first(obs, published)
    return (~ranked.duplicated(GROUP, keep="first")).reindex(obs.index)


def reason(better: pd.Series, worse: pd.Series) -> str:
    """The first criterion on which ``better`` (a row of rank_keys) beats ``worse``."""
    return next((c for c in CRITERIA if better[c] != worse[c]), "identical")
