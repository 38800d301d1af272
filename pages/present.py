"""Presentation decks: start one, open any of its slides, edit my deck, export a deck to
PowerPoint and PDF."""

import streamlit as st

from dashboard.deck import MAX_ENCODED, MAX_SLIDES, MY_DECK, to_toml
from dashboard.i18n import t
from dashboard.ui import decks, view
from dashboard.ui.chrome import all_decks, settings

lang, _ = settings()
st.title(t("present", lang))
st.markdown(t("present_intro", lang))
for about in st.session_state.pop(decks.FILE_NOTICES, []):
    view.notice(about)
if st.session_state.pop(decks.TOO_LONG, False):
    st.warning(t("deck_full", lang, most=MAX_SLIDES, length=MAX_ENCODED))

for deck in all_decks().values():
    if deck.deck_id == MY_DECK:
        continue
    st.header(deck.title(lang))
    decks.slide_links(deck, lang)
    decks.export(deck, lang)

st.header(t("my_deck", lang))
mine = all_decks().get(MY_DECK)
if mine is None:
    st.info(t("my_deck_empty", lang))
else:
    decks.slide_links(mine, lang)
    decks.editor(lang)
    decks.export(mine, lang)
    st.download_button(t("save_deck", lang), to_toml(mine), file_name="my-deck.toml",
                       mime="application/toml", key="save-deck", on_click="ignore",
                       icon=":material/save:")
st.file_uploader(t("open_deck", lang), type=["toml", "json"], key="deck-file",
                 on_change=decks.open_file)
