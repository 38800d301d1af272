"""Curated views per topic, built from the same chart components as every other page."""

import streamlit as st

from dashboard import views
from dashboard.i18n import t
from dashboard.topics import TOPICS
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import shown, view
from dashboard.ui.chrome import settings

lang, present = settings()
st.title(t("topics", lang))
topic = link.choice(st.segmented_control, "topic", next(iter(TOPICS)), list(TOPICS),
                    label=t("topic", lang), format_func=lambda k: t(f"topic_{k}", lang),
                    required=True)
st.markdown(t(f"topic_intro_{topic}", lang))
options = view(views.topic_indicators, topic)
indicator = ui.indicator_picker(options, options[0], lang)
hide_weak = ui.hide_weak_toggle(lang)

if drawn := shown(views.topic_view, topic, indicator, hide_weak, lang, present):
    province_map, lines = drawn
    if province_map:
        ui.chart_block(province_map, f"topic-{topic}-map", lang, present)
    ui.chart_block(lines.chart, f"topic-{topic}-lines", lang, present, lines.note)
