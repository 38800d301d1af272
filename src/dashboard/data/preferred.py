"""The one rule choosing the preferred row among figures for the same place, indicator and year.

In order:

1. **not flagged**: a figure the build's checks flag (``checks.csv``: probably filed under the
   wrong year or indicator, or an R&D figure not yet final) never beats an unflagged one;
2. **year end**: a year-end or annual figure beats a count at another date (``as_of``); a
   preliminary R&D figure is flagged, so a final one already beats it on 1;
3. **exact**: an exact figure beats a bound or estimate;
4. **published**: a published figure beats one derived by the project;
5. **primary source**: a statistical bulletin, yearbook or the publisher's own table beats a
   work report or a news page quoting it. A source is primary when it is a dataset, or a
   page graded official or reprint (a weak copy is no proof of the original's text) whose title
   or publisher names a bulletin, communiqué, yearbook, statistics table or appendix, or whose
   publisher is a statistics bureau, and which neither is a work report nor says it quotes or
   reports on one ("citing", "显示", "发布"…);
6. **grade**: official > reprint > weak;
7. **newer source**: the most recently published (a revision supersedes what it revises);
8. then source id and value, so the choice never depends on row order.

The build marks rows with it and the validator checks ``data/`` against it. Both pass the
observations with a boolean ``flagged`` column (from ``checks.csv``); rows without it count as
unflagged.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.data.contract import GRADES, TABLES_BY_NAME

GROUP = ["place_id", "indicator_id", "year"]
# Why a row ranks where it does, in the order the rule compares them.
CRITERIA = ("not flagged", "year end", "exact", "published", "primary source", "grade",
            "newer source", "source id", "value")

_PRIMARY = re.compile(r"统计公报|公报|年鉴|统计局|bulletin|communiqu|yearbook|statistic|table|"
                      r"appendix|^表|^\d+[-—–]\d+ ", re.IGNORECASE)
_NOT_PRIMARY = re.compile(r"工作报告|work report|citing|quoting|显示|发布|解读|报道|news",
                          re.IGNORECASE)


def _present(column: pd.Series) -> pd.Series:
    return column.notna() & (column.astype("string").fillna("") != "")


def mid_year(as_of: str | None, year: int) -> bool:
    """Whether a figure of ``year`` counted at ``as_of`` is not a year-end figure."""
    return bool(as_of) and not str(as_of).startswith(f"{year}-12")


def primary_sources(sources: pd.DataFrame) -> pd.Series:
    """True for each source (indexed by source_id) that is primary by rule 5 above."""
    sources = sources.set_index("source_id")
    text = (sources.get("title", pd.Series("", index=sources.index)).fillna("") + " | "
            + sources.get("publisher", pd.Series("", index=sources.index)).fillna(""))
    page = (text.str.contains(_PRIMARY) & ~text.str.contains(_NOT_PRIMARY)
            & sources.get("grade", pd.Series("weak", index=sources.index)).isin(GRADES[:2]))
    return sources.get("kind", pd.Series("", index=sources.index)).eq("dataset") | page


def flagged(obs: pd.DataFrame, checks: pd.DataFrame) -> pd.Series:
    """True for each observation a row of ``checks`` names (by the observations' key)."""
    key = list(TABLES_BY_NAME["observations"].primary_key)
    named = pd.MultiIndex.from_frame(checks[key].drop_duplicates())
    return pd.Series(pd.MultiIndex.from_frame(obs[key]).isin(named), index=obs.index)


def rank_keys(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Sort keys (one column per criterion, lower = better) for each observation; ``sources``
    is the sources table (source_id, published and, for rule 5, title, publisher, kind, grade)."""
    def column(name: str) -> pd.Series:
        return obs.get(name, pd.Series(None, index=obs.index, dtype="object"))

    published = sources.set_index("source_id")["published"]
    dates = obs["source_id"].map(published).fillna("").astype(str)
    # Dates are YYYY[-MM[-DD]] text: ranking them descending needs their order negated.
    date_rank = dates.rank(method="dense", ascending=False)
    as_of = column("as_of")
    return pd.DataFrame({
        "not flagged": column("flagged").fillna(False).astype(bool).astype(int),
        "year end": [int(mid_year(a if isinstance(a, str) else None, y))
                     for a, y in zip(as_of, obs["year"], strict=True)],
        "exact": _present(column("qualifier")).astype(int),
        "published": _present(column("derived_from")).astype(int),
        "primary source": (~obs["source_id"].map(primary_sources(sources))
                           .fillna(False).astype(bool)).astype(int),
        "grade": obs["grade"].map({g: i for i, g in enumerate(GRADES)}),
        "newer source": date_rank,
        "source id": obs["source_id"].astype(str),
        "value": obs["value"].astype(float),
    }, index=obs.index)


def best_first(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The observations' group columns and rank keys, best row of each group first."""
    keys = rank_keys(obs, sources)
    return pd.concat([obs[GROUP], keys], axis=1).sort_values(
        [*GROUP, *CRITERIA], kind="stable")


def preferred_mask(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """True for exactly one row per place, indicator and year: the best by the rule above."""
    ranked = best_first(obs, sources)
    return (~ranked.duplicated(GROUP, keep="first")).reindex(obs.index)


def reason(better: pd.Series, worse: pd.Series) -> str:
    """The first criterion on which ``better`` (a row of rank_keys) beats ``worse``."""
    return next((c for c in CRITERIA if better[c] != worse[c]), "identical")
