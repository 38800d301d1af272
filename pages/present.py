"""Presentation decks: start one, or open any of its slides."""

import streamlit as st

from dashboard.deck import decks, slide_params
from dashboard.i18n import t
from dashboard.ui import view
from dashboard.ui.chrome import PAGE_PATHS

sel = view.current()
lang = sel.lang
st.title(t("present", lang))
st.markdown(t("present_intro", lang))
for deck in decks():
    st.header(deck.title(lang))
    first = deck.slides[0]
    st.page_link(PAGE_PATHS[first.page], label=t("start", lang), icon=":material/play_arrow:",
                 query_params=slide_params(first, 1, lang))
    for number, slide in enumerate(deck.slides, start=1):
        st.page_link(PAGE_PATHS[slide.page], label=f"{number}. {slide.title(lang)}",
                     query_params=slide_params(slide, number, lang))
        if slide.notes(lang):
            st.caption(slide.notes(lang))
view.save(sel)
