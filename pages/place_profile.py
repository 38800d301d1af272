"""One place: its indicators as small multiples, quoted facts, plan milestones and peers."""

import streamlit as st

from dashboard import views
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings

DEFAULT_PLACE = "CN-110000"
FIRST_CHARTS = 6

lang, present = settings()
st.title(t("profile", lang))
place = ui.single_place_picker(atlas().places, DEFAULT_PLACE, lang)

# Small multiples, one topic at a time so the page stays quick.
topics = view(views.profile_topics, place)
topic = link.choice(st.segmented_control, "topic", topics[0], topics, label=t("topic", lang),
                    format_func=lambda k: t(f"topic_{k}", lang),
                    required=True) if topics else None
shown = view(views.profile, place, topic, lang, present)


def multiples(charts: list) -> None:
    grid = st.columns(2)
    for i, (indicator, chart) in enumerate(charts):
        with grid[i % 2]:
            ui.chart_block(chart, f"profile-{indicator}", lang, present)


# A topic can have 18 charts, and the browser draws each (~0.1-0.2 s apiece): the rest are
# built and drawn only once their expander is opened.
multiples(shown.multiples[:FIRST_CHARTS])
if rest := shown.multiples[FIRST_CHARTS:]:
    more = st.expander(t("more_charts", lang, n=len(rest)), key="profile.more",
                       on_change="rerun")
    if more.open:
        with more:
            multiples(rest)

if shown.milestones:
    st.subheader(t("milestones", lang))
    ui.cards(shown.milestones)
if shown.facts:
    st.subheader(t("facts", lang))
    ui.cards(shown.facts, columns=3)
if shown.peers:
    st.subheader(t("peers", lang))
    ui.chart_block(shown.peers, "profile-peers", lang, present)
