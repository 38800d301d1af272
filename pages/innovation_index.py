"""A composite index of the user's making: indicators, weights, direction and normalisation
for one level and year, ranked, mapped, decomposed and tested against its weights."""

import streamlit as st

from dashboard import composite
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import index_inputs as inputs
from dashboard.ui.cached import atlas, shown, view
from dashboard.ui.chrome import settings
from dashboard.ui.view import Form
from dashboard.views import innovation_index as index

lang, present = settings()
st.title(t("innovation_index", lang))
try:
    composite.presets(atlas())
except composite.PresetError as exc:
    st.warning(f"{t('index_presets_unusable', lang)} {exc}")
form = Form(index.Spec)
# Drawn above the inputs, filled in once they are known: it shows the preset they match.
preset_box = st.container()
inputs.preset_from_link(form)
level = ui.level_picker(form, lang)
year = ui.year_slider(form, lang)
parts = ()
if year is None:
    st.info(t("index_no_years", lang))
else:
    # Above the indicators: a control that moves when the rows above it change loses its
    # state.
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    with left:
        form("norm", st.radio, label=t("index_norm", lang), horizontal=True,
             format_func=lambda n: t(f"norm_{n}", lang))
    with right:
        ui.toggle(form, "gaps", t("index_gaps_toggle", lang))
    places = view(composite.places_with_figures, level, year)
    st.caption(t("index_enough", lang, year=year, least=composite.MIN_PLACES, n=places))
    parts = form("ind", inputs.editor, lang=lang) or ()
    if not parts:
        st.info(t("index_pick_one", lang))
    elif out := shown(index.build, form.spec(), lang, present):
        out = out.index
        if out.note:
            st.info(out.note)
        st.dataframe(out.table, hide_index=True)
        for key in ("index-map", "index-bars", "index-ranges"):
            ui.chart_block(getattr(out, key.removeprefix("index-")), key, lang, present)
        st.subheader(t("index_method_heading", lang))
        st.markdown(out.method)
with preset_box:
    inputs.preset_picker(lang, level, parts)
