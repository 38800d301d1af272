"""Relationships: two indicators against each other across the places of one level, a third as
bubble size, for one year. Pure logic and the builder; no Streamlit.

Figures of different years are paired only within a stated tolerance, and the chart says how
many points used a nearby year: a place's 2022 R&D set against its 2023 patents is a fair
pairing within ±1 year, a 2015 one is not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import charts, peer_groups, query
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.levels import LEVELS, level_rows

TOLERANCES = (0, 1, 2, 3)
DEFAULTS = {"province": ("rd_intensity", "invention_patent_grants"),
            "city": ("universities", "gdp"),
            "cluster": ("gii_cluster_pct_applications", "gii_cluster_publications"),
            "country": ("rd_intensity", "researchers_per_million")}
SIZE_DEFAULT = query.POPULATION
# Pearson's r of the logarithms (log axes), Spearman's rank correlation (linear axes).
CORRELATIONS = ("pearson_log", "spearman")


def level_indicators(atlas: Atlas, level: str, least: int = 3) -> list[str]:
    """Indicators with a figure for at least ``least`` places of the level in some year (fewer
    points make no relationship)."""
    rows = level_rows(atlas, level)
    counts = rows.groupby(["indicator_id", "year"], observed=True)["place_id"].nunique()
    found = {str(i) for (i, _), n in counts.items() if n >= least}
    return query.in_topic_order(atlas.lookups.indicators, found)


def default_axes(level: str, options: Sequence[str]) -> tuple[str, str, str]:
    """The level's default x, y and bubble size among ``options`` (the page's and a slide's)."""
    x, y = (d if d in options else options[min(i, len(options) - 1)]
            for i, d in enumerate(DEFAULTS[level]))
    return x, y, SIZE_DEFAULT if SIZE_DEFAULT in options else ""


def nearest(rows: pd.DataFrame, year: int, tolerance: int) -> pd.DataFrame:
    """Each place's figure for ``year``, else from the closest year within ``tolerance`` (the
    earlier on a tie); places with none that close are left out."""
    near = rows[(rows["year"] - year).abs() <= tolerance]
    order = near.assign(_gap=(near["year"] - year).abs(), _later=near["year"] > year)
    order = order.sort_values(["_gap", "_later"], kind="stable")
    return order.drop_duplicates("place_id").drop(columns=["_gap", "_later"])


def pair(x: pd.DataFrame, y: pd.DataFrame, size: pd.DataFrame | None, year: int,
         tolerance: int) -> pd.DataFrame:
    """One row per place with both an x and a y figure within ``tolerance`` of ``year``:
    ``x``, ``y``, ``size`` (NaN where the place has none), each value's year and source id,
    and ``nearby`` True where any of them is not of ``year``."""
    def found(rows: pd.DataFrame, axis: str) -> pd.DataFrame:
        # Only the columns kept: the year control pairs every year of the data.
        near = nearest(rows[["place_id", "value", "year", "source_id"]], year, tolerance)
        return near.assign(place_id=near["place_id"].astype(str)).rename(columns={
            "value": axis, "year": f"{axis}_year", "source_id": f"{axis}_source"})

    out = found(x, "x").merge(found(y, "y"), on="place_id")
    if size is None:
        out["size"] = np.nan
    else:
        out = out.merge(found(size, "size"), on="place_id", how="left")
    years = out[[c for c in ("x_year", "y_year", "size_year") if c in out]]
    out["nearby"] = (years.notna() & (years != year)).any(axis=1)
    return out.sort_values("place_id", ignore_index=True)


@dataclass(frozen=True)
class Correlation:
    method: str  # one of CORRELATIONS
    r: float | None
    n: int


def correlation(points: pd.DataFrame, log: bool) -> Correlation:
    """Pearson's r of the logarithms on log axes (only positive pairs can be drawn there),
    else Spearman's rank correlation; None with fewer than 3 places."""
    if log:
        usable = points[(points["x"] > 0) & (points["y"] > 0)]
        x, y = np.log10(usable["x"].astype(float)), np.log10(usable["y"].astype(float))
        method = CORRELATIONS[0]
    else:
        usable = points
        x, y = usable["x"].astype(float), usable["y"].astype(float)
        method = CORRELATIONS[1]
    n = len(usable)
    if n < 3 or x.nunique() < 2 or y.nunique() < 2:
        return Correlation(method, None, n)
    if not log:  # Spearman's rho is Pearson's r of the ranks (ties share their average rank)
        x, y = x.rank(), y.rank()
    return Correlation(method, float(x.corr(y)), n)


def parent_region(atlas: Atlas, place_ids: Sequence[str], lang: str) -> list[str]:
    """The place each one belongs to in the package (a city's province, a province's country,
    a cluster's economy); 'no parent region' for a place with none (countries)."""
    out = []
    for place_id in place_ids:
        parent = atlas.lookups.places[place_id].get("parent_id")
        out.append(atlas.place_name(parent, lang) if isinstance(parent, str) and parent
                   else t("no_region", lang))
    return out


def peer_group(atlas: Atlas, place_ids: Sequence[str], lang: str) -> list[str]:
    """The peer group each place belongs to: the first in the groups table that lists it, as
    groups overlap (Shanghai is in the Yangtze River Delta's core and among the
    municipalities); 'in no peer group' for the others."""
    first: dict[str, str] = {}
    for group in peer_groups.by_id(atlas.data.groups).values():
        for member in peer_groups.members(group):
            first.setdefault(member, peer_groups.label(group, lang))
    return [first.get(place_id, t("in_no_group", lang)) for place_id in place_ids]


# How points are coloured: each option names the group of every place.
COLOURS: dict[str, Callable[[Atlas, Sequence[str], str], list[str]]] = {
    "region": parent_region,
    "group": peer_group,
}


def years(atlas: Atlas, level: str, x: str, y: str, tolerance: int) -> tuple[list[int], int]:
    """Years in which at least 3 places pair an x and a y figure, and the one the page opens
    on: the most places with both figures of that very year, then the most pairs within the
    tolerance, then the latest; ([], 0) if none."""
    def by_year(indicator: str) -> dict[int, set[str]]:
        rows = level_rows(atlas, level, indicator)
        return {int(yr): set(group.astype(str))
                for yr, group in rows.groupby("year")["place_id"]}

    xs, ys = by_year(x), by_year(y)

    def paired(year: int, tol: int) -> int:
        near = range(year - tol, year + tol + 1)
        return len(set().union(*(xs.get(yr, set()) for yr in near))
                   & set().union(*(ys.get(yr, set()) for yr in near)))

    counts = {year: paired(year, tolerance) for year in sorted(xs.keys() | ys.keys())}
    usable = [year for year, n in counts.items() if n >= 3]
    if not usable:
        return [], 0
    return usable, max(usable, key=lambda year: (paired(year, 0), counts[year], year))


def build(atlas: Atlas, level: str, x: str, y: str, size: str, year: int, tolerance: int,
          log: bool, colour: str, picked: tuple[str, ...], lang: str,
          present: bool) -> charts.Chart:
    """The scatter of ``y`` against ``x`` in ``year``: bubbles sized by ``size`` ('' for none),
    coloured by ``colour``, picked places labelled; its rows are every figure drawn, with
    their sources."""
    xr, yr = level_rows(atlas, level, x), level_rows(atlas, level, y)
    sr = level_rows(atlas, level, size) if size else None
    points = pair(xr, yr, sr, year, tolerance)
    dropped = 0
    if log:
        drawable = (points["x"] > 0) & (points["y"] > 0)
        dropped = int((~drawable).sum())
        points = points[drawable]
    points = points.assign(
        label=[atlas.place_name(p, lang) for p in points["place_id"]],
        group=COLOURS[colour](atlas, list(points["place_id"]), lang))
    drawn = pd.concat([_figures(rows, points, axis) for axis, rows in
                       (("x", xr), ("y", yr), ("size", sr)) if rows is not None])
    where = t(LEVELS[level].label, lang)
    title = t("rel_title", lang, y=atlas.indicator_name(y, lang),
              x=atlas.indicator_name(x, lang), where=where, year=year)
    fig = charts.scatter(points, title, lang, x_title=atlas.indicator_label(x, lang),
                         y_title=atlas.indicator_label(y, lang), log=log, picked=picked,
                         # Fixed over every year: playing the years moves points, not axes.
                         ranges=_ranges(xr, yr, log), sources=drawn,
                         size_title=atlas.indicator_label(size, lang) if size else "",
                         style=charts.Style.for_view(present))
    corr = correlation(points, log)
    return charts.Chart.of(fig, drawn, lang, takeaway(corr, points, tolerance, year, dropped,
                                                      bool(size), lang))


def _figures(rows: pd.DataFrame, points: pd.DataFrame, axis: str) -> pd.DataFrame:
    """The facts rows behind one axis of the points drawn."""
    keys = points[["place_id", f"{axis}_year"]].dropna().rename(columns={f"{axis}_year": "year"})
    keys = keys.astype({"year": int})
    return rows.assign(place_id=rows["place_id"].astype(str)).merge(keys, on=["place_id", "year"])


def _ranges(xr: pd.DataFrame, yr: pd.DataFrame, log: bool) -> tuple[list[float], list[float]]:
    def span(rows: pd.DataFrame) -> list[float]:
        values = rows["value"].astype(float)
        if log:
            values = np.log10(values[values > 0])
        if values.empty:
            return [0.0, 1.0]
        lo, hi = float(values.min()), float(values.max())
        pad = (hi - lo) * 0.06 or 0.5
        return [lo - pad, hi + pad]

    return span(xr), span(yr)


def takeaway(corr: Correlation, points: pd.DataFrame, tolerance: int, year: int, dropped: int,
             sized: bool, lang: str) -> str:
    """The correlation and what it rests on: its method, the places, nearby years used, points
    a log axis cannot draw, bubbles without a size figure."""
    if corr.r is None:
        text = t("rel_too_few", lang, n=corr.n)
    else:
        text = t(f"rel_corr_{corr.method}", lang, r=f"{corr.r:+.2f}", n=corr.n)
    nearby = int(points["nearby"].sum()) if not points.empty else 0
    text += " " + t("rel_tolerance", lang, tol=tolerance, year=year, n=nearby)
    if dropped:
        text += " " + t("rel_log_dropped", lang, n=dropped)
    if sized and (unsized := int(points["size"].isna().sum())):
        text += " " + t("rel_size_missing", lang, n=unsized, total=len(points))
    return text
