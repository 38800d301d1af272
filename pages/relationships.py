"""Two indicators against each other across the places of one level, bubbles sized by a third,
one year at a time (play steps through the years)."""

from functools import partial

import streamlit as st

from dashboard import levels
from dashboard import relationships as rel
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings
from dashboard.ui.play import year_player

lang, present = settings()
st.title(t("relationships", lang))
indicator_label = partial(atlas().indicator_label, lang=lang)

top = st.columns([3, 2])
with top[0]:
    level = ui.level_picker(lang)
with top[1]:
    # A choice only once there is more than one way to colour; the link names it either way.
    colour = link.choice(st.radio if len(rel.COLOURS) > 1 else None, "colour", "region",
                         list(rel.COLOURS), label=t("rel_colour", lang),
                         format_func=lambda c: t(f"colour_{c}", lang))
    if len(rel.COLOURS) == 1:
        st.caption(f"{t('rel_colour', lang)}: {t(f'colour_{colour}', lang)}")
options = view(rel.level_indicators, level)
default_x, default_y, default_size = rel.default_axes(level, options)
axes = st.columns(3)
with axes[0]:
    x = link.choice(st.selectbox, "x", default_x, options, label=t("rel_x", lang),
                    format_func=indicator_label)
with axes[1]:
    y = link.choice(st.selectbox, "y", default_y, options, label=t("rel_y", lang),
                    format_func=indicator_label)
with axes[2]:
    sizes = ["", *options]
    size = link.choice(st.selectbox, "size", default_size, sizes, label=t("rel_size", lang),
                       format_func=lambda i: indicator_label(i) if i else t("rel_size_none",
                                                                             lang))
knobs = st.columns([2, 1])
with knobs[0]:
    tolerance = link.choice(st.select_slider, "tol", 1, list(rel.TOLERANCES),
                            label=t("rel_tolerance_label", lang))
with knobs[1]:
    log = link.bound(st.toggle, "log", label=t("rel_log", lang))
picked = tuple(ui.place_picker(view(levels.level_places, level), (), lang))

years, best = view(rel.years, level, x, y, tolerance)
if not years:
    st.info(t("rel_no_years", lang))
else:
    with year_player(years, best, lang) as year:
        chart = view(rel.build, level, x, y, size, year, tolerance, log, colour, picked, lang,
                     present)
        ui.chart_block(chart, "relationships", lang, present,
                       atlas().absent(picked, chart.rows, lang))
