"""WIPO GII science & technology clusters: map, rank history, top-100 counts by economy."""

from collections.abc import Callable
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, takeaways
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view
from dashboard.ui.cached import geojson, memo, select

DEFAULT_CLUSTERS = ("GII-shenzhen-hong-kong-guangzhou", "GII-beijing", "GII-shanghai-suzhou",
                    "GII-tokyo-yokohama")
DEFAULT_ECONOMIES = ("CHN", "USA", "DEU", "JPN", "KOR")

sel = view.current()
lang = sel.lang
st.title(t("clusters", lang))
st.info(t("clusters_coverage", lang))
hide_weak = ui.hide_weak_toggle("clusters.weak", lang)
ranks = select(indicators=["gii_cluster_rank"], kinds=["cluster"], include_weak=not hide_weak)
look = (hide_weak, lang, sel.present)

# 1/ where the ranked clusters are, in one edition
editions = sorted(ranks["year"].unique().tolist())
edition = ui.year_slider("clusters.edition", editions, sel.year, lang) if editions else None


def cluster_map(backdrop: dict) -> charts.Chart:
    on_map = ui.with_coordinates(ranks[ranks["year"] == edition])
    fig = charts.marker_map(on_map, backdrop, t("clusters_map_title", lang).format(
        year=edition, n=len(on_map)), lang, style=ui.style(sel))
    return charts.Chart.of(fig, on_map, lang,
                           takeaways.latest_comparison(on_map, lang, higher_is_better=False))


if (backdrop := geojson("world_countries", lang)) is not None:
    ui.chart_block(memo(("clusters-map", edition, *look), lambda: cluster_map(backdrop),
                        is_map=True), "clusters-map", sel)


def series_chart(rows: pd.DataFrame, indicator: str, chosen: list[str],
                 draw: Callable[..., go.Figure]) -> charts.Chart:
    shown = rows[rows["place_id"].isin(chosen)]
    fig = draw(shown, ui.chart_title(indicator, chosen, shown, lang), lang, style=ui.style(sel))
    return charts.Chart.of(fig, shown, lang,
                           takeaways.describe(shown, lang, ui.higher_is_better(indicator)))


# 2/ rank history of chosen clusters
cluster_ids = ui.ordered_places(ranks)
chosen = ui.place_picker("clusters.places", cluster_ids,
                         [p for p in (sel.places or DEFAULT_CLUSTERS) if p in cluster_ids], lang)
ui.chart_block(memo(("clusters-history", tuple(chosen), *look),
                    lambda: series_chart(ranks, "gii_cluster_rank", chosen, partial(
                        charts.line_chart, reverse=True, order=chosen))),
               "clusters-history", sel)

# 3/ how many top-100 clusters each economy hosts
counts = select(indicators=["gii_clusters_in_top100"], kinds=["country"],
                include_weak=not hide_weak)
economy_ids = ui.ordered_places(counts)
economies = ui.place_picker("clusters.economies", economy_ids,
                            [p for p in DEFAULT_ECONOMIES if p in economy_ids], lang)
ui.chart_block(memo(("clusters-counts", tuple(economies), *look),
                    lambda: series_chart(counts, "gii_clusters_in_top100", economies,
                                         charts.grouped_bars)),
               "clusters-counts", sel)
view.save(sel.with_(places=tuple(chosen), year=edition))
