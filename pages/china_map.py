"""Any indicator on a map of China, by province or prefecture city, for one year."""

import streamlit as st

from dashboard import levels, views
from dashboard.i18n import t
from dashboard.slides import MAP_INDICATOR
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, shown, view
from dashboard.ui.chrome import settings
from dashboard.ui.play import year_player

lang, present = settings()
st.title(t("china_map", lang))

left, right = st.columns([3, 2])
with right:
    level = ui.level_picker(lang, levels.MAP_LEVELS)
with left:
    indicator = ui.indicator_picker(view(levels.indicators, level), MAP_INDICATOR, lang)
with year_player(*view(levels.years, level, indicator), lang) as year:
    if chart := shown(views.china_map, level, indicator, year, lang, present):
        event = ui.chart_block(chart, "china-map", lang, present, on_select="rerun")
        st.caption(t("map_hint", lang))
        # A click picks the place shown below; a link names it as places=.
        if clicked := ui.selected_locations(event):
            st.session_state["china_map.places"] = clicked[0]

# The place whose figures are listed: clicked on the map, or named in a link as places=.
place = link.choice(None, "places", None, [p for p in atlas().places if p.startswith("CN-")])
if place:
    st.subheader(atlas().place_label(place, lang))
    latest = view(views.latest_figures, place, lang)
    if latest.empty:
        st.caption(t("no_data_for", lang))
    else:
        st.dataframe(latest, hide_index=True)
    st.page_link("pages/place_profile.py", label=t("open_profile", lang),
                 icon=":material/location_city:", query_params={"places": place})
