"""Presentation decks: start one, or open any of its slides."""

import streamlit as st

from dashboard.deck import decks, slide_params
from dashboard.i18n import t
from dashboard.ui.chrome import PAGE_PATHS, settings

lang, _ = settings()
st.title(t("present", lang))
st.markdown(t("present_intro", lang))
for deck in decks():
    st.header(deck.title(lang))
    st.page_link(PAGE_PATHS[deck.slides[0].page], label=t("start", lang),
                 icon=":material/play_arrow:", query_params=slide_params(deck, 1, lang))
    for number, slide in enumerate(deck.slides, start=1):
        st.page_link(PAGE_PATHS[slide.page], label=f"{number}. {slide.title(lang)}",
                     query_params=slide_params(deck, number, lang))
        if slide.notes(lang):
            st.caption(slide.notes(lang))
