"""One place: its indicators as small multiples, quoted facts, plan milestones and peers."""

import streamlit as st

from dashboard import views
from dashboard.i18n import t
from dashboard.slides import PROFILE_PLACE
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings

lang, present = settings()
st.title(t("profile", lang))
place = ui.single_place_picker(atlas().places, PROFILE_PLACE, lang)

# Small multiples, one topic at a time so the page stays quick.
topics = view(views.profile_topics, place)
topic = link.choice(st.segmented_control, "topic", topics[0], topics, label=t("topic", lang),
                    format_func=lambda k: t(f"topic_{k}", lang),
                    required=True) if topics else None
shown = view(views.profile, place, topic, lang, present)
grid = st.columns(2)
for i, (indicator, chart) in enumerate(shown.multiples):
    with grid[i % 2]:
        ui.chart_block(chart, f"profile-{indicator}", lang, present)

if shown.milestones:
    st.subheader(t("milestones", lang))
    ui.cards(shown.milestones)
if shown.facts:
    st.subheader(t("facts", lang))
    ui.cards(shown.facts, columns=3)
if shown.peers:
    st.subheader(t("peers", lang))
    ui.chart_block(shown.peers, "profile-peers", lang, present)
