"""Curated views per topic, built from the same chart components as every other page."""

import streamlit as st

from dashboard import charts, takeaways
from dashboard.i18n import t
from dashboard.topics import TOPICS
from dashboard.ui import components as ui
from dashboard.ui import view
from dashboard.ui.cached import geojson, memo, select

sel = view.current()
lang = sel.lang
st.title(t("topics", lang))
topic_id = view.bound(st.segmented_control, "topics.topic", next(iter(TOPICS)),
                      label=t("topic", lang), options=list(TOPICS),
                      format_func=lambda k: t(f"topic_{k}", lang), required=True)
topic = TOPICS[topic_id]
st.markdown(t(f"topic_intro_{topic_id}", lang))
available = set(ui.indicators_for([]))
indicator = ui.indicator_picker(f"topics.{topic_id}.indicator",
                                [i for i in topic.indicators if i in available],
                                sel.indicator, lang)
hide_weak = ui.hide_weak_toggle("topics.weak", lang)
rows = select(indicators=[indicator], include_weak=not hide_weak)
higher = ui.higher_is_better(indicator)
look = (topic_id, indicator, hide_weak, lang, sel.present)


def province_map(shapes: dict) -> charts.Chart | None:
    """Provinces in the latest year with figures."""
    provinces = rows[rows["kind"].isin(["province", "municipality"])
                     & rows["place_id"].astype(str).str.startswith("CN-")]
    if provinces.empty:
        return None
    year = int(provinces["year"].max())
    latest = provinces[provinces["year"] == year]
    fig = charts.choropleth(latest, shapes, t("map_title", lang).format(
        what=ui.indicator_name(indicator, lang), level=t("in_level_province", lang), year=year),
        lang, style=ui.style(sel))
    return charts.Chart.of(fig, latest, lang, takeaways.latest_comparison(latest, lang, higher))


def focus_lines() -> tuple[list[str], charts.Chart]:
    """The topic's focus places over time, and which of them have figures."""
    focus = rows[rows["place_id"].isin(topic.focus_places)]
    present = [p for p in topic.focus_places if p in set(focus["place_id"].astype(str))]
    fig = charts.line_chart(focus, ui.chart_title(indicator, present, focus, lang), lang,
                            style=ui.style(sel), reverse=not higher, order=present)
    return present, charts.Chart.of(fig, focus, lang, takeaways.describe(focus, lang, higher))


shapes = geojson("china_provinces", lang)
if shapes is not None and (chart := memo(("topic-map", *look), lambda: province_map(shapes),
                                                is_map=True)):
    ui.chart_block(chart, f"topic-{topic_id}-map", sel)
present, chart = memo(("topic-lines", *look), focus_lines)
ui.chart_block(chart, f"topic-{topic_id}-lines", sel)
if absent := [ui.place_name(p, lang) for p in topic.focus_places if p not in present]:
    st.caption(t("no_figures_for", lang).format(names=", ".join(absent)))
view.save(sel.with_(indicator=indicator))
