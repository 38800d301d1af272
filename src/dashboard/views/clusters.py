"""WIPO GII science & technology clusters: map, rank history, top-100 counts by economy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard import charts, query, takeaways, url
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.peer_groups import group_choices, place_choices
from dashboard.registry import Page
from dashboard.url import Choice, Chosen, Flag, Ids, param
from dashboard.views import Panel, View, drawn

CLUSTERS = ("GII-shenzhen-hong-kong-guangzhou", "GII-beijing", "GII-shanghai-suzhou",
            "GII-tokyo-yokohama")
ECONOMIES = ("CHN", "USA", "DEU", "JPN", "KOR")


def ranked(atlas: Atlas, indicator: str, kind: str, hide_weak: bool) -> pd.DataFrame:
    return query.select(atlas.facts, indicators=[indicator], kinds=[kind],
                        include_weak=not hide_weak)


def by_name(rows: pd.DataFrame) -> list[str]:
    """The places in ``rows``, by English name."""
    names = rows.drop_duplicates("place_id").sort_values("place_en", kind="stable")
    return names["place_id"].astype(str).tolist()


@lru_cache(maxsize=4)
def options(atlas: Atlas, hide_weak: bool) -> tuple[list[int], list[str], list[str]]:
    """Editions, ranked clusters and economies with counts."""
    ranks = ranked(atlas, "gii_cluster_rank", "cluster", hide_weak)
    counts = ranked(atlas, "gii_clusters_in_top100", "country", hide_weak)
    return (sorted(int(y) for y in ranks["year"].unique()), by_name(ranks), by_name(counts))


def _editions(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int | None]:
    editions = options(atlas, chosen["weak"])[0]
    return editions, editions[-1] if editions else None


def _clusters(atlas: Atlas, chosen: Chosen) -> list[str]:
    return options(atlas, chosen["weak"])[1]


def _economies(atlas: Atlas, chosen: Chosen) -> tuple[list[str], tuple[str, ...]]:
    offered = options(atlas, chosen["weak"])[2]
    return offered, tuple(e for e in ECONOMIES if e in set(offered))


@dataclass(frozen=True)
class Spec(url.Spec):
    weak: bool = param(Flag())
    year: int | None = param(Choice(), _editions)
    group: str | None = param(Choice(pinned=False), group_choices(_clusters))
    places: tuple[str, ...] = param(Ids(), place_choices(_clusters, CLUSTERS))
    economies: tuple[str, ...] = param(Ids(), _economies)


def cluster_map(atlas: Atlas, edition: int, hide_weak: bool, lang: str,
                present: bool) -> charts.Chart:
    ranks = ranked(atlas, "gii_cluster_rank", "cluster", hide_weak)
    coords = atlas.data.places[["place_id", "lat", "lon"]]
    shown = ranks[ranks["year"] == edition]
    on_map = shown.assign(place_id=shown["place_id"].astype(str)).merge(
        coords, on="place_id").dropna(subset=["lat", "lon"])
    fig = charts.marker_map(on_map, atlas.shapes("world_countries"),
                            t("clusters_map_title", lang).format(year=edition, n=len(on_map)),
                            lang, style=charts.Style.for_view(present))
    return charts.Chart.of(fig, on_map, lang,
                           takeaways.latest_comparison(on_map, lang, higher_is_better=False))


def cluster_series(atlas: Atlas, indicator: str, kind: str, chosen: tuple[str, ...],
                   hide_weak: bool, lang: str, present: bool) -> Panel:
    """Rank history (lines, rank 1 on top) or top-100 counts (bars) of the chosen places."""
    rows = ranked(atlas, indicator, kind, hide_weak)
    shown = rows[rows["place_id"].isin(chosen)]
    title = atlas.title(indicator, chosen, shown, lang)
    style = charts.Style.for_view(present)
    if kind == "cluster":
        fig = charts.line_chart(shown, title, lang, style=style, reverse=True, order=chosen)
    else:
        fig = charts.grouped_bars(shown, title, lang, style=style)
    return Panel(charts.Chart.of(fig, shown, lang, takeaways.describe(
        shown, lang, atlas.higher_is_better(indicator))), atlas.absent(chosen, shown, lang))


@dataclass(frozen=True, eq=False)
class ClustersView(View):
    notes: dict[str, str] | None = None  # under each chart


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> ClustersView:
    shown, problem = (drawn("clusters-map", lambda: cluster_map(atlas, spec.year, spec.weak,
                                                                lang, present))
                      if spec.year is not None else ({}, ""))
    history = cluster_series(atlas, "gii_cluster_rank", "cluster", spec.places, spec.weak,
                             lang, present)
    counts = cluster_series(atlas, "gii_clusters_in_top100", "country", spec.economies,
                            spec.weak, lang, present)
    return ClustersView({**shown, "clusters-history": history.chart,
                         "clusters-counts": counts.chart},
                        problem, {"clusters-history": history.note,
                                  "clusters-counts": counts.note})


PAGE = Page("clusters", "pages/clusters.py", ":material/hub:", 20, Spec, build)
