"""WIPO GII science & technology clusters: map, rank history, top-100 counts by economy."""

import streamlit as st

from dashboard import views
from dashboard.i18n import t
from dashboard.slides import CLUSTERS, ECONOMIES
from dashboard.state import MAX_PLACES
from dashboard.ui import components as ui
from dashboard.ui.cached import atlas, shown, view
from dashboard.ui.chrome import settings
from dashboard.ui.play import year_player

lang, present = settings()
st.title(t("clusters", lang))
st.info(t("clusters_coverage", lang))
hide_weak = ui.hide_weak_toggle(lang)
editions, cluster_ids, economy_ids = view(views.cluster_options, hide_weak)

# 1/ where the ranked clusters are, in one edition
if editions:
    with year_player(editions, None, lang) as edition:
        if chart := shown(views.cluster_map, edition, hide_weak, lang, present):
            ui.chart_block(chart, "clusters-map", lang, present)

# 2/ rank history of chosen clusters
chosen = ui.place_picker(cluster_ids, CLUSTERS, lang)
history = view(views.cluster_series, "gii_cluster_rank", "cluster", tuple(chosen), hide_weak,
               lang, present)
ui.chart_block(history.chart, "clusters-history", lang, present, history.note)

# 3/ how many top-100 clusters each economy hosts
economies = ui.id_picker("economies", economy_ids, ECONOMIES, t("economies", lang),
                         atlas().labels[lang].__getitem__, most=MAX_PLACES)
counts = view(views.cluster_series, "gii_clusters_in_top100", "country", tuple(economies),
              hide_weak, lang, present)
ui.chart_block(counts.chart, "clusters-counts", lang, present, counts.note)
