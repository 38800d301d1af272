"""Compare 2–8 places on one indicator: lines, one-year bars, a ranking table."""

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings
from dashboard.ui.view import Form
from dashboard.views import compare

# 1/ the controls
lang, present = settings()
st.title(t("compare", lang))
form = Form(compare.Spec)
left, right = st.columns([3, 2])
with left:
    places = ui.place_picker(form, lang)
with right:
    indicator = ui.indicator_picker(form, lang)
mode = form("mode", st.radio, label=t("mode", lang),
            format_func=lambda m: t(f"mode_{m}", lang), horizontal=True)
ui.hide_weak_toggle(form, lang)
ui.span_slider(form, lang)
ui.comparability_note(places, lang)
if mode == "per_capita":
    per_capita = atlas().lookups.indicators[indicator]["per_capita"]
    st.caption(t("per_capita_gaps" if per_capita else "per_capita_not_meaningful", lang))
form("base", st.selectbox, label=t("base_year", lang))

# 2/ the view: the one-year bars' year is chosen between the lines and the bars
lines_box = st.container()
ui.year_slider(form, lang)
shown = view(compare.build, form.spec(), lang, present)
with lines_box:
    ui.chart_block(shown.charts["compare-lines"], "compare-lines", lang, present, shown.note)
if "compare-bars" in shown.charts:
    ui.chart_block(shown.charts["compare-bars"], "compare-bars", lang, present)
    if shown.group_summary:
        st.markdown(shown.group_summary)
    st.dataframe(shown.table, hide_index=True)
