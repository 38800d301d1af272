"""WIPO GII science & technology clusters: map, rank history, top-100 counts by economy."""

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings
from dashboard.ui.play import year_player
from dashboard.ui.view import Form
from dashboard.views import clusters

lang, present = settings()
st.title(t("clusters", lang))
st.info(t("clusters_coverage", lang))
form = Form(clusters.Spec)
ui.hide_weak_toggle(form, lang)

# 1/ where the ranked clusters are, in one edition; 2/ rank history of chosen clusters;
# 3/ how many top-100 clusters each economy hosts
with year_player(form, lang):
    map_box = st.container()
history_box = st.container()
with history_box:
    ui.place_picker(form, lang)
ui.id_picker(form, "economies", t("economies", lang), atlas().labels[lang].__getitem__)
shown = view(clusters.build, form.spec(), lang, present)
with map_box:
    if shown.problem:
        st.warning(t("boundaries_unavailable", lang, problem=shown.problem))
for key, box in (("clusters-map", map_box), ("clusters-history", history_box),
                 ("clusters-counts", st.container())):
    if key in shown.charts:
        with box:
            ui.chart_block(shown.charts[key], key, lang, present, shown.notes.get(key, ""))
