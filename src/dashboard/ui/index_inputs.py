"""The Index builder's inputs: a preset, and per indicator a weight and a direction."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import streamlit as st

from dashboard import composite
from dashboard.composite import Part
from dashboard.i18n import t
from dashboard.ui import view
from dashboard.ui.cached import atlas
from dashboard.views import innovation_index


def editor(key: str, persist_state: str, options: list, lang: str) -> tuple[Part, ...]:
    """The specification's widgets: a pick of indicators, then a weight and a direction for
    each. A specification from a link (or the default) is shown in the widgets; after that the
    widgets are what counts, and the specification is written back from them."""
    offered: Mapping[str, bool] = dict(options)
    spec = tuple(p for p in st.session_state[key] if p.indicator in offered)
    outside = spec != st.session_state.get(f"{key}.made")
    pick = f"{key}.pick"
    if outside or pick not in st.session_state:
        st.session_state[pick] = [p.indicator for p in spec]
    st.session_state[pick] = [i for i in st.session_state[pick] if i in offered]
    chosen = st.multiselect(t("index_indicators", lang), list(offered), key=pick,
                            max_selections=composite.MAX_PARTS,
                            format_func=partial(atlas().indicator_label, lang=lang))
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
    st.session_state[key] = st.session_state[f"{key}.made"] = tuple(parts)
    return tuple(parts)


def _keys() -> dict[str, str]:
    # Taken during the page's run: a callback runs before it, when no page is known.
    return {param: view.key(param) for param in ("level", "year", "ind", "preset")}


def apply_preset(preset_id: str, keys: dict[str, str]) -> None:
    """Fill the level, year and inputs with the preset's; a link's own values for them, read
    after this, still win."""
    start = composite.preset_start(atlas(), preset_id)
    st.session_state[keys["level"]] = start.level
    if start.year is not None:
        st.session_state[keys["year"]] = start.year
    st.session_state[keys["ind"]] = tuple(start.parts)


def _chosen_preset(keys: dict[str, str]) -> None:
    if preset_id := st.session_state[keys["preset"]]:
        apply_preset(preset_id, keys)


def preset_from_link(form: view.Form) -> None:
    """A preset the link names fills in the inputs before they are drawn."""
    arrived = view.arrived("preset") is not None
    if (chosen := form("preset")) and arrived:
        apply_preset(chosen, _keys())


def preset_picker(lang: str, level: str, parts: tuple[Part, ...]) -> None:
    """The presets, showing the one the inputs are (if any), in the URL as ``preset=``."""
    presets = innovation_index.presets(atlas())
    if not presets:
        return
    matched = innovation_index.matched(atlas(), level, parts)
    st.session_state[view.key("preset")] = matched
    st.selectbox(t("index_preset", lang), ["", *presets], key=view.key("preset"),
                 format_func=lambda p: presets[p].text("name", lang) if p
                 else t("index_preset_none", lang), help=t("index_preset_help", lang),
                 on_change=_chosen_preset, args=(_keys(),))
    view.write("preset", [matched] if matched else [])
