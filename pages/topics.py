"""Curated views per topic, built from the same chart components as every other page."""

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import view
from dashboard.ui.chrome import settings
from dashboard.ui.view import Form
from dashboard.views import topics

lang, present = settings()
st.title(t("topics", lang))
form = Form(topics.Spec)
topic = form("topic", st.segmented_control, label=t("topic", lang),
             format_func=lambda k: t(f"topic_{k}", lang), required=True)
st.markdown(t(f"topic_intro_{topic}", lang))
ui.indicator_picker(form, lang)
ui.hide_weak_toggle(form, lang)

shown = view(topics.build, form.spec(), lang, present)
if shown.problem:
    st.warning(t("boundaries_unavailable", lang, problem=shown.problem))
for key, chart in shown.charts.items():
    ui.chart_block(chart, key, lang, present, shown.note if key.endswith("-lines") else "")
