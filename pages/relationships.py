"""Two indicators against each other across the places of one level, bubbles sized by a third,
one year at a time (play steps through the years)."""

from functools import partial

import streamlit as st

from dashboard import relationships as rel
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings
from dashboard.ui.play import year_player
from dashboard.ui.view import Form
from dashboard.views import relationships

lang, present = settings()
st.title(t("relationships", lang))
indicator_label = partial(atlas().indicator_label, lang=lang)
form = Form(relationships.Spec)

top = st.columns([3, 2])
with top[0]:
    ui.level_picker(form, lang)
with top[1]:
    # A choice only once there is more than one way to colour; the link names it either way.
    several = len(rel.COLOURS) > 1
    colour = form("colour", st.radio if several else None, label=t("rel_colour", lang),
                  format_func=lambda c: t(f"colour_{c}", lang))
    if not several:
        st.caption(f"{t('rel_colour', lang)}: {t(f'colour_{colour}', lang)}")
axes = st.columns(3)
with axes[0]:
    ui.indicator_picker(form, lang, "x", "rel_x")
with axes[1]:
    ui.indicator_picker(form, lang, "y", "rel_y")
with axes[2]:
    form("size", st.selectbox, label=t("rel_size", lang),
         format_func=lambda i: indicator_label(i) if i else t("rel_size_none", lang))
knobs = st.columns([2, 1])
with knobs[0]:
    form("tol", st.select_slider, label=t("rel_tolerance_label", lang))
with knobs[1]:
    ui.toggle(form, "log", t("rel_log", lang))
picked = ui.place_picker(form, lang)

if form.options("year")[0] is None:
    st.info(t("rel_no_years", lang))
else:
    with year_player(form, lang):
        shown = view(relationships.build, form.spec(), lang, present)
        chart = shown.charts["relationships"]
        ui.chart_block(chart, "relationships", lang, present,
                       atlas().absent(picked, chart.rows, lang))
