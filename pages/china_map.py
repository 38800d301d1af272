"""Any indicator on a map of China, by province or prefecture city, for one year."""

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings
from dashboard.ui.play import year_player
from dashboard.views import china_map

lang, present = settings()
st.title(t("china_map", lang))
form = link.Form(china_map.Spec)
left, right = st.columns([3, 2])
with right:
    ui.level_picker(form, lang)
with left:
    ui.indicator_picker(form, lang)
with year_player(form, lang):
    map_box = st.container()
# A click on the map picks the place listed below; a link names it as places=.
clicked = ui.selected_locations(st.session_state.get("china-map"))
if clicked:
    link.preset("places", clicked[0])
spec = form.spec()
shown = view(china_map.build, spec, lang, present)
with map_box:
    if shown.problem:
        st.warning(t("boundaries_unavailable", lang, problem=shown.problem))
    if "china-map" in shown.charts:
        ui.chart_block(shown.charts["china-map"], "china-map", lang, present, on_select="rerun")
        st.caption(t("map_hint", lang))

if place := spec.places:
    st.subheader(atlas().place_label(place, lang))
    if shown.latest.empty:
        st.caption(t("no_data_for", lang))
    else:
        st.dataframe(shown.latest, hide_index=True)
    link.page_link("profile", {"places": [place]}, t("open_profile", lang),
                   ":material/location_city:")
