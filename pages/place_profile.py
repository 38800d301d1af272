"""One place: its indicators as small multiples, quoted facts, plan milestones and peers."""

import streamlit as st

from dashboard import charts, query
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view
from dashboard.ui.cached import dataset, facts, memo, places_with_data, profile_charts, select

DEFAULT_PLACE = "CN-110000"
PEER_INDICATOR = "population"

sel = view.current()
lang = sel.lang
st.title(t("profile", lang))
options = places_with_data()
place = ui.single_place_picker("profile.place", options,
                               sel.places[0] if sel.places else DEFAULT_PLACE, lang)
rows = select(places=[place])
milestones = query.milestones_for(dataset().milestones, place, lang)

# Small multiples, one topic at a time so the page stays quick.
topics = [tp for tp in ui.TOPIC_ORDER if tp in set(rows["topic"].astype(str))]
topic = view.bound(st.segmented_control, "profile.topic", topics[0] if topics else None,
                   label=t("topic", lang), options=topics,
                   format_func=lambda k: t(f"topic_{k}", lang)) if topics else None
grid = st.columns(2)
multiples = profile_charts(place, topic, lang, sel.present) if topic else []
for i, (indicator, chart) in enumerate(multiples):
    with grid[i % 2]:
        ui.chart_block(chart, f"profile-{indicator}", sel)

if milestones:
    st.subheader(t("milestones", lang))
    ui.milestone_cards(place, lang)

if topic:
    ui.fact_cards(place, topic, lang)


def peer_chart() -> charts.Chart | None:
    peers = query.peers(facts(), place, PEER_INDICATOR, dataset().places)
    if peers.empty:
        return None
    fig = charts.bar_chart(peers, ui.chart_title(PEER_INDICATOR, peers["place_id"].tolist(),
                                                 peers, lang), lang, style=ui.style(sel))
    return charts.Chart.of(fig, peers, lang, t("peers_caption", lang))


if peers := memo(("profile-peers", place, lang, sel.present), peer_chart):
    st.subheader(t("peers", lang))
    ui.chart_block(peers, "profile-peers", sel)
view.save(sel.with_(places=(place,)))
