"""What the atlas covers, headline figures for Beijing and Guangzhou, where to go next."""

import streamlit as st

from dashboard import query
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view
from dashboard.ui.cached import dataset, memo, select

HEADLINE_PLACES = ("CN-110000", "CN-440100")
HEADLINE_INDICATORS = ("rd_expenditure", "rd_intensity", "hightech_enterprises_stock",
                       "incubators", "universities", "population")

sel = view.current()
lang = sel.lang
st.title(t("app_title", lang))
st.markdown(t("overview_intro", lang))

# Headline figures: the latest preferred figure of a year both places have, with its source.
headline = query.latest_shared(select(places=HEADLINE_PLACES, indicators=HEADLINE_INDICATORS))
columns = st.columns(len(HEADLINE_PLACES))
for column, place in zip(columns, HEADLINE_PLACES, strict=True):
    with column:
        st.subheader(ui.place_label(place, lang).split(" (")[0])
        ui.headline_metrics(headline[headline["place_id"] == place], HEADLINE_INDICATORS, lang)
if not headline["same_year"].all():
    st.caption(t("years_differ", lang))

st.header(t("coverage", lang))
st.caption(t("coverage_caption", lang))
st.dataframe(memo(("coverage", lang), lambda: ui.coverage_frame(dataset(), lang)),
             hide_index=True)
st.caption(t("vintage", lang).format(**query.vintage(dataset().observations)))

st.header(t("next", lang))
for path, key, icon in ui.NEXT_STEPS:
    st.page_link(path, label=t(key, lang), icon=icon)
view.save(sel)
