"""A year control with a play button that steps through the years, the way Gapminder and OWID's
charts do; one for every page that shows one year at a time."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import view
from dashboard.ui.components import year_slider

STEP_SECONDS = 1.2


@contextmanager
def year_player(form: view.Form, lang: str, param: str = "year") -> Iterator[int | None]:
    """The year slider with a play button; yields the year to draw. Playing, each run draws
    one year and, once the ``with`` block has drawn it, reruns on the next; play stops at the
    last year. The year is in the URL at every step, so pausing leaves the link showing what
    is on screen."""
    years = sorted(form.options(param)[0] or [])
    name = view.key(param)
    playing_key, step_key = f"{name}.playing", f"{name}.step"
    if st.session_state.pop(step_key, False) and years:
        later = [y for y in years if y > st.session_state.get(name, years[-1])]
        if later:
            st.session_state[name] = later[0]
        else:
            st.session_state[playing_key] = False

    def toggle() -> None:
        st.session_state[playing_key] = not st.session_state.get(playing_key, False)
        if st.session_state[playing_key] and st.session_state.get(name) == years[-1]:
            st.session_state[name] = years[0]  # play from the start, not a stop at once

    left, right = st.columns([5, 1], vertical_alignment="bottom")
    with left:
        year = year_slider(form, lang, param)
    playing = st.session_state.get(playing_key, False) and len(years) > 1
    with right:
        st.button(t("rel_pause" if playing else "rel_play", lang), key=f"{name}-play",
                  icon=":material/pause:" if playing else ":material/play_arrow:",
                  on_click=toggle, disabled=len(years) < 2)
    yield year
    if playing:
        time.sleep(STEP_SECONDS)
        st.session_state[step_key] = True
        st.rerun()
