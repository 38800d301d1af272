"""The Present page's parts: a deck's slide links, its export to PowerPoint and PDF, and my
deck's editor and file."""

from __future__ import annotations

import subprocess
from datetime import date
from functools import partial

import streamlit as st

from dashboard import deck_export
from dashboard.deck import (
    MAX_NOTES,
    MAX_TITLE,
    MY_DECK,
    Deck,
    encode,
    read_file,
    slide_params,
)
from dashboard.i18n import t
from dashboard.ui import view
from dashboard.ui.cached import atlas
from dashboard.ui.chrome import (
    literal,
    my_slides,
    save_if_fits,
    save_my_slides,
    slide_link,
)

FILE_NOTICES = "_deck_file_notices"
TOO_LONG = "_deck_too_long"


def slide_links(deck: Deck, lang: str) -> None:
    view.page_link(deck.slides[0].page, slide_params(deck, 1, lang), t("start", lang),
                   ":material/play_arrow:")
    for number, slide in enumerate(deck.slides, start=1):
        view.page_link(slide.page, slide_params(deck, number, lang),
                       f"{number}. {literal(slide.title(lang))}")
        if slide.notes(lang) and deck.deck_id != MY_DECK:
            st.caption(literal(slide.notes(lang)))


def export(deck: Deck, lang: str) -> None:
    """Draw every slide (with progress), then offer the PowerPoint and PDF files; they are
    kept until the deck or the language changes."""
    stored = f"_export_{deck.deck_id}"
    signature = (encode(deck), lang)
    if st.button(t("export_deck", lang), key=f"export-{deck.deck_id}",
                 icon=":material/slideshow:"):
        bar = st.progress(0.0, text=t("exporting", lang, number=1, total=len(deck.slides)))
        contents = []
        try:
            for number, content in enumerate(deck_export.render(
                    atlas(), deck, lang, partial(slide_link, lang=lang)), start=1):
                contents.append(content)
                bar.progress(number / len(deck.slides), text=t(
                    "exporting", lang, number=min(number + 1, len(deck.slides)),
                    total=len(deck.slides)))
            accessed = date.today()
            st.session_state[stored] = (signature, deck_export.to_pptx(contents, accessed, lang),
                                        deck_export.to_pdf(contents, accessed, lang))
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            st.error(t("export_failed", lang, problem=exc))
        bar.empty()
    if (saved := st.session_state.get(stored)) and saved[0] == signature:
        _, pptx, pdf = saved
        st.caption(t("exported", lang, total=len(deck.slides)))
        left, right = st.columns(2)
        left.download_button(t("export_pptx", lang), pptx, file_name=f"{deck.deck_id}.pptx",
                             mime="application/vnd.openxmlformats-officedocument."
                                  "presentationml.presentation",
                             key=f"pptx-{deck.deck_id}", on_click="ignore")
        right.download_button(t("export_pdf", lang), pdf, file_name=f"{deck.deck_id}.pdf",
                              mime="application/pdf", key=f"pdf-{deck.deck_id}",
                              on_click="ignore")


def open_file() -> None:
    upload = st.session_state["deck-file"]
    if upload is not None:
        opened, notices = read_file(upload.getvalue(), upload.name)
        save_my_slides(opened.slides)  # what read_file keeps fits in the link
        st.session_state[FILE_NOTICES] = notices
        _forget_edits()


def _forget_edits() -> None:
    for key in [k for k in st.session_state if str(k).startswith("my-slide-")]:
        del st.session_state[key]


def _edit(number: int) -> None:
    slides = list(my_slides())
    slides[number - 1] = slides[number - 1].retitled(
        st.session_state[f"my-slide-title-{number}"], st.session_state[f"my-slide-notes-{number}"])
    _save_or_warn(slides)


def _save_or_warn(slides: list) -> None:
    if not save_if_fits(slides):
        st.session_state[TOO_LONG] = True
    _forget_edits()  # editor fields are keyed by position: they show the deck as it is kept


def _move(number: int, to: int | None) -> None:
    """Move slide ``number`` to position ``to``; remove it if ``to`` is None."""
    slides = list(my_slides())
    slide = slides.pop(number - 1)
    if to is not None:
        slides.insert(to - 1, slide)
    _save_or_warn(slides)  # a new order compresses differently


def editor(lang: str) -> None:
    slides = my_slides()
    for number, slide in enumerate(slides, start=1):
        with st.container(border=True):
            st.caption(f"{number} · {t(slide.page, lang)}")
            st.text_input(t("slide_title", lang), slide.title(lang), max_chars=MAX_TITLE,
                          key=f"my-slide-title-{number}", on_change=_edit, args=(number,))
            st.text_area(t("slide_notes", lang), slide.notes(lang), max_chars=MAX_NOTES,
                         key=f"my-slide-notes-{number}", on_change=_edit, args=(number,))
            up, down, remove = st.columns(3)
            up.button(t("move_up", lang), key=f"my-slide-up-{number}", on_click=_move,
                      args=(number, number - 1), disabled=number == 1,
                      icon=":material/arrow_upward:")
            down.button(t("move_down", lang), key=f"my-slide-down-{number}", on_click=_move,
                        args=(number, number + 1), disabled=number == len(slides),
                        icon=":material/arrow_downward:")
            remove.button(t("remove_slide", lang), key=f"my-slide-remove-{number}",
                          on_click=_move, args=(number, None), icon=":material/delete:")
