"""One or two plain sentences computed from the rows a chart shows; also its alt text and
slide text, so each must stay true: the first is about the latest year shown, a change is
computed only within one unbroken run of a place's series (query.series_runs), and a bound or an
estimate reads as one."""

from __future__ import annotations

import math

import pandas as pd

from dashboard import query
from dashboard.charts import value_with_unit
from dashboard.data.contract import source_family
from dashboard.i18n import name, t

# (first, last) qualifiers under which the computed change is a lower bound of the true one
# (the last figure is "at least", or the first "at most"), or an upper bound.
LOWER = {("", "at_least"), ("at_most", ""), ("at_most", "at_least")}
UPPER = {("", "at_most"), ("at_least", ""), ("at_least", "at_most")}
APPROXIMATE = {"about", "estimate"}


def _name(row: pd.Series, lang: str) -> str:
    return name(row, "place", lang)


def _qualifier(row: pd.Series) -> str:
    value = row.get("qualifier")
    return value if isinstance(value, str) else ""


def _value(row: pd.Series, lang: str) -> str:
    text = value_with_unit(row["value"], str(row["unit_zh"] if lang == "zh" else row["unit"]),
                           lang)
    bound = _qualifier(row)
    return t(f"bound_{bound}", lang, value=text) if bound else text


def latest_comparison(rows: pd.DataFrame, lang: str = "en",
                      higher_is_better: bool = True) -> str:
    """Highest and lowest among the places with a figure in the latest year shown."""
    if rows.empty:
        return ""
    year = int(rows["year"].max())
    at = rows[rows["year"] == year].sort_values("value", ascending=not higher_is_better)
    top = at.iloc[0]
    if len(at) == 1:
        return t("takeaway_one", lang, year=year, place=_name(top, lang),
                 value=_value(top, lang))
    low = at.iloc[-1]
    return t("takeaway_extremes" if higher_is_better else "takeaway_extremes_rank", lang,
             year=year, n=len(at), top=_name(top, lang), top_value=_value(top, lang),
             low=_name(low, lang), low_value=_value(low, lang))


def _change(first: pd.Series, last: pd.Series, lang: str, higher_is_better: bool) -> str:
    """A place's change from one row to a later one of the same run; '' where no true one
    can be said. Lower-is-better indicators are ranks: '#5 → #4' is a move up one place,
    never a fall of 20 %."""
    years = {"place": _name(last, lang), "first": int(first["year"]), "last": int(last["year"])}
    bounds = (_qualifier(first), _qualifier(last))
    if not higher_is_better:
        if any(bounds):
            return ""
        up = int(first["value"] - last["value"])
        ranks = {"before": _value(first, lang), "after": _value(last, lang)}
        if up > 0:
            return t("takeaway_up_one" if up == 1 else "takeaway_up", lang, n=up, **years,
                     **ranks)
        if up < 0:
            return t("takeaway_down_one" if up == -1 else "takeaway_down", lang, n=-up,
                     **years, **ranks)
        return t("takeaway_held", lang, **years, **ranks)
    if first["value"] == 0:
        return ""
    change = (last["value"] / first["value"] - 1) * 100
    rose = change > 0
    if not any(bounds):
        if change == 0:
            return t("takeaway_unchanged", lang, **years)
        pct = f"{abs(change):.0f}"
        if pct == "0":
            return t("takeaway_under_one", lang, **years)
        return t("takeaway_rose", lang, pct=pct, **years) if rose else \
            t("takeaway_fell", lang, pct=pct, **years)
    # A bound at an end: say only what the bound still guarantees, rounded towards it.
    if {b for b in bounds if b} <= APPROXIMATE:
        pct = f"{abs(change):.0f}"
        key = "takeaway_rose_about" if rose else "takeaway_fell_about"
        return t(key, lang, pct=pct, **years) if pct != "0" else ""
    guaranteed = (bounds in LOWER and change > 0) or (bounds in UPPER and change < 0)
    pct = str(math.floor(abs(change)))
    key = "takeaway_rose_at_least" if rose else "takeaway_fell_at_least"
    return t(key, lang, pct=pct, **years) if guaranteed and pct != "0" else ""


def _place_change(group: pd.DataFrame, lang: str, higher_is_better: bool) -> str:
    """A place's change over the latest unbroken run of its series shown, saying so when
    earlier figures lie across a break or the two ends come from different sources."""
    group = group.sort_values("year")
    runs = query.series_runs(group)
    run = group[runs == runs.iloc[-1]]
    first, last = run.iloc[0], run.iloc[-1]
    part = _change(first, last, lang, higher_is_better) if len(run) > 1 else ""
    if len(run) == len(group):
        mixed = source_family(str(first.get("source_id"))) != source_family(
            str(last.get("source_id")))
        return t("takeaway_mixed_sources", lang, change=part) if part and mixed else part
    year = int(first["year"])
    return t("takeaway_after_break", lang, change=part, year=year) if part else \
        t("takeaway_break_only", lang, place=_name(last, lang), year=year)


def change_since_first(rows: pd.DataFrame, lang: str = "en",
                       higher_is_better: bool = True) -> str:
    """How each place changed over the years shown (first two places)."""
    parts = [part for _, group in list(rows.groupby("place_id", observed=True, sort=False))[:2]
             if (part := _place_change(group, lang, higher_is_better))]
    if not parts:
        return ""
    return t("takeaway_join", lang).join(parts) + t("takeaway_end", lang)


def describe(rows: pd.DataFrame, lang: str = "en", higher_is_better: bool = True) -> str:
    """The takeaway for a time-series or one-year view."""
    return " ".join(s for s in (latest_comparison(rows, lang, higher_is_better),
                                change_since_first(rows, lang, higher_is_better)) if s)
