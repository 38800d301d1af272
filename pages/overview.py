"""What the atlas covers, headline figures for Beijing and Guangzhou, where to go next."""

import streamlit as st

from dashboard import query, registry
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings
from dashboard.views import overview

lang, _ = settings()
st.title(t("app_title", lang))
st.markdown(t("overview_intro", lang))

# Headline figures side by side, from a year both places have where there is one.
places, indicators = overview.HEADLINE_PLACES, overview.HEADLINE_INDICATORS
figures = view(overview.headlines, places, indicators)
for column, place in zip(st.columns(len(places)), places, strict=True):
    with column:
        st.subheader(atlas().place_name(place, lang))
        ui.headline_metrics(figures[figures["place_id"] == place], indicators, lang)

st.header(t("coverage", lang))
st.caption(t("coverage_caption", lang))
st.dataframe(view(overview.coverage, lang), hide_index=True)
st.caption(t("vintage", lang).format(**query.vintage(atlas().data.observations)))

st.header(t("next", lang))
for key in overview.NEXT:
    page = registry.page(key)
    st.page_link(page.script, label=t(f"next_{key}", lang), icon=page.icon)
