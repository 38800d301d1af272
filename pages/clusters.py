"""WIPO GII science & technology clusters: map, rank history, top-100 counts by economy."""

import streamlit as st

from dashboard import charts, query, takeaways
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view
from dashboard.ui.cached import facts, geojson

DEFAULT_CLUSTERS = ("GII-shenzhen-hong-kong-guangzhou", "GII-beijing", "GII-shanghai-suzhou",
                    "GII-tokyo-yokohama")
DEFAULT_ECONOMIES = ("CHN", "USA", "DEU", "JPN", "KOR")

sel = view.current()
lang = sel.lang
st.title(t("clusters", lang))
st.info(t("clusters_coverage", lang))
hide_weak = ui.hide_weak_toggle("clusters.weak", lang)
ranks = query.select(facts(), indicators=["gii_cluster_rank"], kinds=["cluster"],
                     include_weak=not hide_weak)

# 1/ where the ranked clusters are, in one edition
editions = sorted(ranks["year"].unique().tolist())
edition = ui.year_slider("clusters.edition", editions, sel.year, lang) if editions else None
on_map = ui.with_coordinates(ranks[ranks["year"] == edition])
backdrop = geojson("world_countries")
if backdrop is not None:
    fig = charts.marker_map(on_map, backdrop, t("clusters_map_title", lang).format(
        year=edition, n=len(on_map)), lang, style=ui.style(sel))
    ui.chart_block(fig, on_map, "clusters-map", sel,
                   takeaways.latest_comparison(on_map, lang, higher_is_better=False))

# 2/ rank history of chosen clusters
cluster_ids = ui.ordered_places(ranks)
chosen = ui.place_picker("clusters.places", cluster_ids,
                         [p for p in (sel.places or DEFAULT_CLUSTERS) if p in cluster_ids], lang)
history = ranks[ranks["place_id"].isin(chosen)]
fig = charts.line_chart(history, ui.chart_title("gii_cluster_rank", chosen, history, lang), lang,
                        style=ui.style(sel), reverse=True, order=chosen)
ui.chart_block(fig, history, "clusters-history", sel,
               takeaways.describe(history, lang, higher_is_better=False))

# 3/ how many top-100 clusters each economy hosts
counts = query.select(facts(), indicators=["gii_clusters_in_top100"], kinds=["country"],
                      include_weak=not hide_weak)
economy_ids = ui.ordered_places(counts)
economies = ui.place_picker("clusters.economies", economy_ids,
                            [p for p in DEFAULT_ECONOMIES if p in economy_ids], lang)
shown = counts[counts["place_id"].isin(economies)]
fig = charts.stacked_bars(shown, ui.chart_title("gii_clusters_in_top100", economies, shown, lang),
                          lang, style=ui.style(sel))
ui.chart_block(fig, shown, "clusters-counts", sel, takeaways.describe(shown, lang))
view.save(sel.with_(places=tuple(chosen), year=edition))
