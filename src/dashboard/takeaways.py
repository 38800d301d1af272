"""One or two plain sentences computed from the rows a chart shows; also its alt text."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import value_with_unit
from dashboard.i18n import name


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
        if lang == "zh":
            return f"{year}年,{_name(top, lang)}为{_value(top, lang)}。"
        return f"In {year}, {_name(top, lang)} stood at {_value(top, lang)}."
    low = at.iloc[-1]
    if lang == "zh":
        best, worst = ("最高", "最低") if higher_is_better else ("最优", "最末")
        return (f"{year}年有数据的{len(at)}个地区中,{_name(top, lang)}{best}"
                f"({_value(top, lang)}),{_name(low, lang)}{worst}({_value(low, lang)})。")
    best, worst = ("highest", "lowest") if higher_is_better else ("best", "worst")
    return (f"In {year}, {_name(top, lang)} was {best} of the {len(at)} places with a figure "
            f"({_value(top, lang)}) and {_name(low, lang)} {worst} ({_value(low, lang)}).")


def change_since_first(rows: pd.DataFrame, lang: str = "en") -> str:
    """How each place changed from its first to its last year shown (first two places)."""
    parts = []
    for _, group in list(rows.groupby("place_id", observed=True, sort=False))[:2]:
        group = group.sort_values("year")
        first, last = group.iloc[0], group.iloc[-1]
        if first["year"] == last["year"] or first["value"] == 0:
            continue
        change = (last["value"] / first["value"] - 1) * 100
        if lang == "zh":
            parts.append(f"{_name(last, lang)}{int(first['year'])}–{int(last['year'])}年"
                         f"{'增长' if change >= 0 else '下降'}{abs(change):.0f}%")
        else:
            parts.append(f"{_name(last, lang)} {'rose' if change >= 0 else 'fell'} "
                         f"{abs(change):.0f}% from {int(first['year'])} to {int(last['year'])}")
    if not parts:
        return ""
    return ("," if lang == "zh" else "; ").join(parts) + ("。" if lang == "zh" else ".")


def describe(rows: pd.DataFrame, lang: str = "en", higher_is_better: bool = True) -> str:
    """The takeaway for a time-series or one-year view."""
    return " ".join(s for s in (latest_comparison(rows, lang, higher_is_better),
                                change_since_first(rows, lang)) if s)
