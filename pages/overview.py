"""What the atlas covers, headline figures for Beijing and Guangzhou, where to go next."""

import streamlit as st

from dashboard import query, views
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings

HEADLINE_PLACES = ("CN-110000", "CN-440100")
HEADLINE_INDICATORS = ("rd_expenditure", "rd_intensity", "hightech_enterprises_stock",
                       "incubators", "universities", "population")

lang, _ = settings()
st.title(t("app_title", lang))
st.markdown(t("overview_intro", lang))

# Headline figures side by side, from a year both places have where there is one.
figures = view(views.headlines, HEADLINE_PLACES, HEADLINE_INDICATORS)
for column, place in zip(st.columns(len(HEADLINE_PLACES)), HEADLINE_PLACES, strict=True):
    with column:
        st.subheader(atlas().place_name(place, lang))
        ui.headline_metrics(figures[figures["place_id"] == place], HEADLINE_INDICATORS, lang)

st.header(t("coverage", lang))
st.caption(t("coverage_caption", lang))
st.dataframe(view(views.coverage, lang), hide_index=True)
st.caption(t("vintage", lang).format(**query.vintage(atlas().data.observations)))

st.header(t("next", lang))
for path, key, icon in ui.NEXT_STEPS:
    st.page_link(path, label=t(key, lang), icon=icon)
