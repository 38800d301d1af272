"""Compare 2–8 places on one indicator: lines, one-year bars and a ranking table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard import charts, query, rankings, takeaways, url
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.peer_groups import group_choices, place_choices
from dashboard.registry import Page
from dashboard.url import MODES, Choice, Chosen, Flag, Ids, Span, fixed, param
from dashboard.views import Panel, View

PLACES = ("CN-110000", "CN-440100", "CN-440300")
INDICATOR = "rd_expenditure"


def _all_places(atlas: Atlas, chosen: Chosen) -> list[str]:
    return atlas.places


def _indicators(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str]:
    options = atlas.indicators_for(chosen["places"])
    return options, INDICATOR if INDICATOR in options else options[0]


def _span(atlas: Atlas, chosen: Chosen) -> tuple[list[int], tuple[int, int] | None]:
    years = compare_years(atlas, chosen["places"], chosen["indicator"], chosen["weak"])
    return (years, (years[0], years[-1])) if len(years) > 1 else ([], None)


def _base(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int | None]:
    if chosen["mode"] != "indexed":
        return [], None
    span = chosen["years"]
    years = compare_years(atlas, chosen["places"], chosen["indicator"], chosen["weak"])
    in_span = [y for y in years if span is None or span[0] <= y <= span[1]]
    return in_span, in_span[0] if in_span else None


def _bar_year(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int | None]:
    years, best = bar_years(atlas, chosen["places"], chosen["indicator"], chosen["mode"],
                            chosen["years"], chosen["base"], chosen["weak"])
    return years, best if best in years else (years[-1] if years else None)


@dataclass(frozen=True)
class Spec(url.Spec):
    group: str | None = param(Choice(pinned=False), group_choices(_all_places))
    places: tuple[str, ...] = param(Ids(), place_choices(_all_places, PLACES))
    indicator: str = param(Choice(), _indicators)
    mode: str = param(Choice(), fixed(MODES))
    weak: bool = param(Flag())
    years: tuple[int, int] | None = param(Span(), _span)
    base: int | None = param(Choice(), _base)
    year: int | None = param(Choice(), _bar_year)


def compare_rows(atlas: Atlas, places: tuple[str, ...], indicator: str,
                 hide_weak: bool) -> pd.DataFrame:
    return query.select(atlas.facts, places=places, indicators=[indicator],
                        include_weak=not hide_weak)


@lru_cache(maxsize=64)
def compare_years(atlas: Atlas, places: tuple[str, ...], indicator: str,
                  hide_weak: bool) -> list[int]:
    return sorted(int(y) for y in compare_rows(atlas, places, indicator, hide_weak)["year"]
                  .unique())


def _compared(atlas: Atlas, places: tuple[str, ...], indicator: str, mode: str,
              span: tuple[int, int] | None, base: int | None,
              hide_weak: bool) -> tuple[pd.DataFrame, list[str]]:
    """The rows a comparison shows, and the places indexing left out (no base-year figure)."""
    rows = compare_rows(atlas, places, indicator, hide_weak)
    if span is not None:
        rows = rows[rows["year"].between(*span)]
    if mode == "per_capita" and atlas.lookups.indicators[indicator]["per_capita"]:
        return query.per_capita(rows, atlas.facts), []
    if mode == "indexed" and base is not None:
        return query.index_to_base(rows, base)
    return rows, []


@lru_cache(maxsize=64)
def bar_years(atlas: Atlas, places: tuple[str, ...], indicator: str, mode: str,
              span: tuple[int, int] | None, base: int | None,
              hide_weak: bool) -> tuple[list[int], int | None]:
    """The years the comparison shows (those a one-year view can show), and the one it starts
    on: the year with figures for the most places."""
    shown, _ = _compared(atlas, places, indicator, mode, span, base, hide_weak)
    return (sorted(int(y) for y in shown["year"].unique()),
            None if shown.empty else query.best_year(shown))


@lru_cache(maxsize=64)
def lines(atlas: Atlas, places: tuple[str, ...], indicator: str, mode: str,
          span: tuple[int, int] | None, base: int | None, hide_weak: bool, lang: str,
          present: bool) -> tuple[Panel, list[int], int | None]:
    """The places over time, the years a one-year view can show, and the one it starts on
    (the year with figures for the most places)."""
    shown, unindexed = _compared(atlas, places, indicator, mode, span, base, hide_weak)
    fig = charts.line_chart(shown, atlas.title(indicator, places, shown, lang), lang,
                            log=mode == "log", style=charts.Style.for_view(present),
                            order=places)
    chart = charts.Chart.of(fig, shown, lang, takeaways.describe(
        shown, lang, atlas.higher_is_better(indicator)))
    notes = [t("index_missing", lang).format(
        names=", ".join(atlas.place_name(p, lang) for p in unindexed))] if unindexed else []
    if note := atlas.absent([p for p in places if p not in unindexed], shown, lang):
        notes.append(note)
    return (Panel(chart, "  \n".join(notes)),
            *bar_years(atlas, places, indicator, mode, span, base, hide_weak))


def bars(atlas: Atlas, places: tuple[str, ...], indicator: str, mode: str,
         span: tuple[int, int] | None, base: int | None, hide_weak: bool, year: int,
         lang: str, present: bool) -> tuple[charts.Chart, pd.DataFrame]:
    """One year as bars (places without a figure named), and the ranking against the
    earliest year shown."""
    shown, _ = _compared(atlas, places, indicator, mode, span, base, hide_weak)
    higher = atlas.higher_is_better(indicator)
    one_year = shown[shown["year"] == year]
    have = set(one_year["place_id"].astype(str))
    fig = charts.bar_chart(one_year, atlas.title(indicator, places, one_year, lang), lang,
                           missing=[atlas.place_name(p, lang) for p in places if p not in have],
                           style=charts.Style.for_view(present))
    first = int(shown["year"].min())
    table = query.rank_table(shown, year, higher, first if first < year else None)
    return (charts.Chart.of(fig, one_year, lang,
                            takeaways.latest_comparison(one_year, lang, higher)),
            rank_frame(table, lang))


def rank_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A rank table with translated headers for display."""
    name_col = "place_zh" if lang == "zh" else "place_en"
    out = table[["rank", name_col, "value", "unit"]].rename(columns={
        "rank": t("rank", lang), name_col: t("place", lang), "value": t("value", lang),
        "unit": t("unit", lang)})
    if "rank_change" in table:
        # Signed text: "+2" moved up, "–" where the place had no rank in the earlier year.
        out[t("rank_change", lang)] = table["rank_change"].map(
            lambda c: "–" if pd.isna(c) else f"{int(c):+d}")
    return out


@dataclass(frozen=True, eq=False)
class CompareView(View):
    note: str = ""
    table: pd.DataFrame | None = None  # the one-year ranking, when there are bars
    group_summary: str = ""


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> CompareView:
    panel, _, _ = lines(atlas, spec.places, spec.indicator, spec.mode, spec.years, spec.base,
                        spec.weak, lang, present)
    shown = {"compare-lines": panel.chart}
    if spec.year is None:
        return CompareView(shown, note=panel.note)
    chart, table = bars(atlas, spec.places, spec.indicator, spec.mode, spec.years, spec.base,
                        spec.weak, spec.year, lang, present)
    summary = (rankings.group_summary(atlas, spec.group, spec.indicator, spec.year, spec.weak,
                                      lang) if spec.group else "")
    return CompareView({**shown, "compare-bars": chart}, "", panel.note, table, summary)


PAGE = Page("compare", "pages/compare.py", ":material/compare_arrows:", 50, Spec, build)
