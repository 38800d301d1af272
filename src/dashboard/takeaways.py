"""One or two plain sentences computed from the rows a chart shows; also its alt text."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import value_with_unit
from dashboard.i18n import name, t


def _name(row: pd.Series, lang: str) -> str:
    return name(row, "place", lang)


def _value(row: pd.Series, lang: str) -> str:
    return value_with_unit(row["value"], str(row["unit_zh"] if lang == "zh" else row["unit"]),
                           lang)


def latest_comparison(rows: pd.DataFrame, lang: str = "en",
                      higher_is_better: bool = True) -> str:
    """Highest and lowest among the places in their common latest year (else each's latest)."""
    if rows.empty:
        return ""
    per_place = rows.groupby("place_id", observed=True)["year"].max()
    year = int(per_place.min()) if per_place.nunique() > 1 else int(per_place.iloc[0])
    at = rows[rows["year"] == year].sort_values("value", ascending=not higher_is_better)
    if at.empty:
        return ""
    top = at.iloc[0]
    if len(at) == 1:
        return t("takeaway_one", lang, year=year, place=_name(top, lang),
                 value=_value(top, lang))
    low = at.iloc[-1]
    return t("takeaway_extremes" if higher_is_better else "takeaway_extremes_rank", lang,
             year=year, n=len(at), top=_name(top, lang), top_value=_value(top, lang),
             low=_name(low, lang), low_value=_value(low, lang))


def _change(first: pd.Series, last: pd.Series, lang: str, higher_is_better: bool) -> str:
    """A place's change from its first to its last row. Lower-is-better indicators are ranks:
    '#5 → #4' is a move up one place, never a fall of 20 %."""
    years = {"place": _name(last, lang), "first": int(first["year"]), "last": int(last["year"])}
    if not higher_is_better:
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
    return t("takeaway_rose" if change >= 0 else "takeaway_fell", lang,
             pct=f"{abs(change):.0f}", **years)


def change_since_first(rows: pd.DataFrame, lang: str = "en",
                       higher_is_better: bool = True) -> str:
    """How each place changed from its first to its last year shown (first two places)."""
    parts = []
    for _, group in list(rows.groupby("place_id", observed=True, sort=False))[:2]:
        group = group.sort_values("year")
        first, last = group.iloc[0], group.iloc[-1]
        if first["year"] != last["year"] and (part := _change(first, last, lang,
                                                              higher_is_better)):
            parts.append(part)
    if not parts:
        return ""
    return t("takeaway_join", lang).join(parts) + t("takeaway_end", lang)


def describe(rows: pd.DataFrame, lang: str = "en", higher_is_better: bool = True) -> str:
    """The takeaway for a time-series or one-year view."""
    return " ".join(s for s in (latest_comparison(rows, lang, higher_is_better),
                                change_since_first(rows, lang, higher_is_better)) if s)
