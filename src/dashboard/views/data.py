"""Filter the observations, preview them, download exactly those rows; every source; the core
city grid."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import charts, grid, query, url
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.peer_groups import group_choices, place_choices
from dashboard.registry import Page
from dashboard.url import Chosen, Flag, Ids, Span, fixed, param
from dashboard.views import View
from dashboard.views.profile import TOPIC_ORDER

PREVIEW_ROWS = 2000


def _all_places(atlas: Atlas, chosen: Chosen) -> list[str]:
    return atlas.places


def _indicators(atlas: Atlas, chosen: Chosen) -> tuple[list[str], tuple]:
    return atlas.indicators_for(chosen["places"]), ()


def _sources(atlas: Atlas, chosen: Chosen) -> tuple[list[str], tuple]:
    return list(atlas.lookups.sources), ()


def _years(atlas: Atlas, chosen: Chosen) -> tuple[list[int], tuple[int, int]]:
    span = year_span(atlas)
    return list(span), span


@dataclass(frozen=True)
class Spec(url.Spec):
    group: str | None = url.param(url.Choice(pinned=False), group_choices(_all_places))
    places: tuple[str, ...] = param(Ids(most=None), place_choices(_all_places, (), None))
    topics: tuple[str, ...] = param(Ids(most=None), fixed(TOPIC_ORDER, ()))
    indicators: tuple[str, ...] = param(Ids(most=None), _indicators)
    sources: tuple[str, ...] = param(Ids(most=None), _sources)
    years: tuple[int, int] = param(Span(), _years)
    weak: bool = param(Flag())
    all_sources: bool = param(Flag())


def year_span(atlas: Atlas) -> tuple[int, int]:
    return int(atlas.facts["year"].min()), int(atlas.facts["year"].max())


def source_labels(atlas: Atlas) -> dict[str, str]:
    """Each source as the source picker names it: its public label and id."""
    return {sid: f"{charts.public_label(row['title'], row['url'], row['grade'])} [{sid}]"
            for sid, row in atlas.lookups.sources.items()}


def sources_table(atlas: Atlas, lang: str) -> pd.DataFrame:
    """Every source with publisher, carrier (who republished it), link, licence, grade and how
    many figures cite it."""
    src = atlas.data.sources
    counts = atlas.data.observations.groupby("source_id").size()
    out = src[["source_id", "title", "publisher", "carrier", "published", "licence", "grade",
               "url"]].copy()
    out["figures"] = out["source_id"].map(counts).fillna(0).astype(int)
    for column in ("title", "publisher", "carrier"):  # the data package keeps the raw text
        out[column] = [charts.public_label(*args) for args in zip(
            out[column], out["url"], out["grade"], strict=True)]
    out = out.sort_values("grade", key=lambda g: g.map(charts.GRADE_ORDER), kind="stable")
    out["grade"] = out["grade"].map(lambda g: t(f"grade_{g}", lang))
    return out.fillna("")


def core_grid(atlas: Atlas, lang: str) -> tuple[charts.Chart, list[str]]:
    """The core city grid as a chart (heatmap, its caption as the takeaway, the grid's cited
    figures as its rows: what it downloads and cites) and the notes on series known not to
    exist."""
    fig, caption, notes = grid.panel(atlas.data, lang)
    rows = query.select(atlas.facts, places=grid.CITIES, indicators=grid.INDICATORS,
                        years=(grid.YEARS[0], grid.YEARS[-1]))
    return charts.Chart.of(fig, rows, lang, caption), notes


@dataclass(frozen=True, eq=False)
class DataView(View):
    count: int = 0  # rows matching the filters
    preview: pd.DataFrame | None = None  # the first PREVIEW_ROWS, as the download shows them
    grid_notes: tuple[str, ...] = ()


def rows(atlas: Atlas, spec: Spec) -> pd.DataFrame:
    """The observations the filters match (an empty filter matches everything)."""
    return query.select(atlas.facts, places=spec.places or None,
                        indicators=spec.indicators or None, topics=spec.topics or None,
                        sources=spec.sources or None, years=spec.years,
                        include_weak=not spec.weak, preferred_only=not spec.all_sources)


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> DataView:
    matched = rows(atlas, spec)
    chart, notes = core_grid(atlas, lang)
    return DataView({"core-grid": chart}, "", len(matched),
                    query.download_table(matched.head(PREVIEW_ROWS), lang), tuple(notes))


# A slide of this page shows the core grid, which its filters do not shape.
PAGE = Page("data", "pages/data_sources.py", ":material/table:", 100, Spec, build,
            slide_params=())
