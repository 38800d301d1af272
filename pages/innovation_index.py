"""A composite index of the user's making: indicators, weights, direction and normalisation
for one level and year, ranked, mapped, decomposed and tested against its weights."""

from functools import partial

import streamlit as st

from dashboard import composite, state
from dashboard.composite import Part
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, shown, view
from dashboard.ui.chrome import settings

lang, present = settings()
st.title(t("innovation_index", lang))
indicator_label = partial(atlas().indicator_label, lang=lang)


def spec_editor(key: str, persist_state: str, offered: dict[str, bool]) -> list[Part]:
    """The specification's widgets: a pick of indicators, then a weight and a direction for
    each. A specification from a link (or the default) is shown in the widgets; after that the
    widgets are what counts, and the specification is written back from them."""
    spec = [p for p in st.session_state[key] if p.indicator in offered]
    outside = spec != st.session_state.get(f"{key}.made")
    pick = f"{key}.pick"
    if outside or pick not in st.session_state:
        st.session_state[pick] = [p.indicator for p in spec]
    st.session_state[pick] = [i for i in st.session_state[pick] if i in offered]
    chosen = st.multiselect(t("index_indicators", lang), list(offered), key=pick,
                            max_selections=composite.MAX_PARTS, format_func=indicator_label)
    given = {p.indicator: p for p in spec}
    parts = []
    for indicator in chosen:
        weight_key, direction_key = f"{key}.w.{indicator}", f"{key}.d.{indicator}"
        part = given.get(indicator, Part(indicator, 1.0, offered[indicator]))
        if outside or weight_key not in st.session_state:
            st.session_state[weight_key] = part.weight
        if outside or direction_key not in st.session_state:
            st.session_state[direction_key] = "+" if part.higher else "-"
        name = atlas().indicator_name(indicator, lang)
        left, right = st.columns([1, 1], vertical_alignment="bottom")
        with left:
            weight = st.number_input(t("index_weight", lang, what=name), min_value=0.1,
                                     max_value=composite.MAX_WEIGHT, step=0.5, key=weight_key)
        with right:
            direction = st.radio(t("index_direction", lang, what=name), ["+", "-"],
                                 key=direction_key, horizontal=True,
                                 format_func=lambda d: t("index_higher" if d == "+"
                                                         else "index_lower", lang))
        parts.append(Part(indicator, float(weight), direction == "+"))
    st.session_state[key] = st.session_state[f"{key}.made"] = parts
    return parts


try:
    presets = view(composite.presets)
except composite.PresetError as exc:
    st.warning(f"{t('index_presets_unusable', lang)} {exc}")
    presets = {}
keys = {param: link.key(param) for param in ("level", "year", "ind", "preset")}


def apply_preset(preset_id: str) -> None:
    """Fill the level, year and inputs with the preset's; a link's own values for them, read
    after this, still win."""
    start = view(composite.preset_start, preset_id)
    st.session_state[keys["level"]] = start.level
    if start.year is not None:
        st.session_state[keys["year"]] = start.year
    st.session_state[keys["ind"]] = list(start.parts)


def chosen_preset() -> None:
    if preset_id := st.session_state[keys["preset"]]:
        apply_preset(preset_id)


# Drawn above the inputs, filled in once they are known: it shows the preset they match.
preset_box = st.container()
if presets and (raw := link.arrived("preset")) is not None:
    chosen, about = state.parse_choice(raw[-1], "preset", list(presets))
    if about:
        link.notice(about)
    if chosen:
        apply_preset(chosen)
matched = ""  # the preset the inputs are, if any
level = ui.level_picker(lang)
years, best = view(composite.index_years, level)
if not years:
    st.info(t("index_no_years", lang))
else:
    year = ui.year_slider(years, best, lang)
    # Above the indicators: a bound toggle that moves when the rows above it change stops
    # writing its parameter to the URL.
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    with left:
        norm = link.choice(st.radio, "norm", composite.NORMS[0], list(composite.NORMS),
                           label=t("index_norm", lang), horizontal=True,
                           format_func=lambda n: t(f"norm_{n}", lang))
    with right:
        gaps = link.bound(st.toggle, "gaps", label=t("index_gaps_toggle", lang))
    offered = view(composite.enough, level, year)
    places = view(composite.places_with_figures, level, year)
    st.caption(t("index_enough", lang, year=year, least=composite.MIN_PLACES, n=places))
    default = composite.default_parts(offered)

    def read(raw: list[str]) -> tuple[list[Part] | None, list]:
        parts, notices = composite.parse_spec(raw[-1], offered)
        return parts or None, notices

    parts = link.linked(spec_editor, "ind", default, read,
                        # Most of the inputs still offered, else the level's default.
                        lambda v: sum(p.indicator in offered for p in v) >= min(2, len(v)) > 0,
                        lambda v: [composite.format_spec(v)] if v else [], offered=offered)
    matched = next((p for p, preset in presets.items() if preset.matches(level, parts)), "")
    if not parts:
        st.info(t("index_pick_one", lang))
    elif out := shown(composite.build, level, year, tuple(parts), norm, gaps, lang, present,
                      matched):
        if out.note:
            st.info(out.note)
        st.dataframe(out.table, hide_index=True)
        ui.chart_block(out.map, "index-map", lang, present)
        ui.chart_block(out.bars, "index-bars", lang, present)
        ui.chart_block(out.ranges, "index-ranges", lang, present)
        st.subheader(t("index_method_heading", lang))
        st.markdown(out.method)


if presets:
    with preset_box:
        st.session_state[keys["preset"]] = matched
        st.selectbox(t("index_preset", lang), ["", *presets], key=keys["preset"],
                     format_func=lambda p: presets[p].text("name", lang) if p
                     else t("index_preset_none", lang), help=t("index_preset_help", lang),
                     on_change=chosen_preset)
        link.write("preset", [matched] if matched else [])
