"""One place: its indicators as small multiples, quoted facts, plan milestones and peers."""

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import view
from dashboard.ui.chrome import settings
from dashboard.ui.view import Form
from dashboard.views import profile

lang, present = settings()
st.title(t("profile", lang))
form = Form(profile.Spec)
ui.single_place_picker(form, lang)
# Small multiples, one topic at a time so the page stays quick.
form("topic", st.segmented_control, label=t("topic", lang),
     format_func=lambda k: t(f"topic_{k}", lang), required=True)
facts_year = form("year", st.selectbox, label=t("facts_year", lang),
                  format_func=lambda y: str(y) if y else t("facts_by_topic", lang))
shown = view(profile.build, form.spec(), lang, present).profile
# Drawn below in this order, but milestones and facts first: a slide that leads with them
# shows them before the small multiples are sent.
grid = st.columns(2)
# A topic can have 18 charts, and the browser draws each (~0.1-0.2 s apiece): the rest are
# built and drawn only once their expander is opened.
rest = shown.multiples[profile.FIRST_CHARTS:]
more = st.expander(t("more_charts", lang, n=len(rest)), key="profile.more",
                   on_change="rerun") if rest else None
if shown.milestones:
    st.subheader(t("milestones", lang))
    if shown.timeline:
        ui.chart_block(shown.timeline, "profile-milestones", lang, present, main=False)
    ui.cards(shown.milestones)


def facts(embedded: bool) -> None:
    st.subheader(t("facts", lang) + (f" · {facts_year}" if facts_year else ""))
    ui.cards(shown.facts, columns=3)


if shown.facts:
    ui.block("profile-facts", facts, main=False)


def multiples(charts: list, columns: list) -> None:
    for i, (indicator, chart) in enumerate(charts):
        with columns[i % 2]:
            ui.chart_block(chart, f"profile-{indicator}", lang, present)


multiples(shown.multiples[:profile.FIRST_CHARTS], grid)
if more is not None and more.open:
    with more:
        multiples(rest, st.columns(2))
if shown.peers:
    st.subheader(t("peers", lang))
    ui.chart_block(shown.peers, "profile-peers", lang, present)
