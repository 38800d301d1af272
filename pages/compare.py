"""Compare 2–8 places on one indicator: lines, one-year bars, a ranking table."""

import streamlit as st

from dashboard import rankings, views
from dashboard.i18n import t
from dashboard.slides import COMPARE_INDICATOR, COMPARE_PLACES
from dashboard.state import MODES
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings

# 1/ the controls
lang, present = settings()
st.title(t("compare", lang))
left, right = st.columns([3, 2])
with left:
    places = tuple(ui.place_picker(atlas().places, COMPARE_PLACES, lang))
with right:
    indicator = ui.indicator_picker(atlas().indicators_for(places), COMPARE_INDICATOR, lang)
mode = link.choice(st.radio, "mode", MODES[0], list(MODES), label=t("mode", lang),
                   format_func=lambda m: t(f"mode_{m}", lang), horizontal=True)
hide_weak = ui.hide_weak_toggle(lang)
years = view(views.compare_years, places, indicator, hide_weak)
span = ui.span_slider(years[0], years[-1], lang) if len(years) > 1 else None
ui.comparability_note(places, lang)
base = None
if mode == "per_capita":
    per_capita = atlas().lookups.indicators[indicator]["per_capita"]
    st.caption(t("per_capita_gaps" if per_capita else "per_capita_not_meaningful", lang))
elif mode == "indexed" and years:
    in_span = [y for y in years if span is None or span[0] <= y <= span[1]]
    base = link.choice(st.selectbox, "base", in_span[0], in_span, label=t("base_year", lang))

# 2/ the view
lines, bar_years, best_year = view(views.compare_lines, places, indicator, mode, span, base,
                                   hide_weak, lang, present)
ui.chart_block(lines.chart, "compare-lines", lang, present, lines.note)
if bar_years:
    year = ui.year_slider(bar_years, best_year, lang)
    bars, table = view(views.compare_bars, places, indicator, mode, span, base, hide_weak, year,
                       lang, present)
    ui.chart_block(bars, "compare-bars", lang, present)
    if group := ui.picked_group():
        st.markdown(view(rankings.group_summary, group, indicator, year, hide_weak, lang))
    st.dataframe(table, hide_index=True)
