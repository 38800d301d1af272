"""What surrounds every page: navigation, language and presenter switches, notices, footer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard import deck as saved
from dashboard import registry
from dashboard.deck import MY_DECK, Deck, Slide, decks, my_deck, slide_params
from dashboard.i18n import t
from dashboard.ui import embed, view
from dashboard.ui.cached import atlas
from dashboard.url import LANGS, Choice, Flag, Notice, notice, parse_slide

ICON = str(Path(__file__).resolve().parents[1] / "assets" / "icon.png")

# Captions (source lines, notes, their links) in the text colour at 80 %: Streamlit draws them
# at 60 % opacity, 4.2:1 on white and less for links, below WCAG AA's 4.5:1. In the ``color``
# property currentColor is the inherited text colour, so this holds in the light and dark theme.
LANG_KEY = "atlas-lang"
PAGE_CSS = f"""
<style>
[data-testid="stCaptionContainer"] {{
  opacity: 1; color: color-mix(in srgb, currentColor 80%, transparent)}}
.st-key-{LANG_KEY} {{position: fixed; top: 0.4rem; right: 1rem; z-index: 999990; width: auto}}
.st-key-{LANG_KEY} [data-testid="stWidgetLabel"] {{display: none}}
</style>
"""

# Presenter mode: no sidebar or toolbars, large type.
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stHeader"], [data-testid="stDecoration"] {display:none}
.stMainBlockContainer {padding-top: 1rem; max-width: 100%}
[data-testid="stMarkdownContainer"] p, [data-testid="stWidgetLabel"] p {font-size: 1.3rem}
h1 {font-size: 2.8rem}
</style>
"""


def settings() -> tuple[str, bool]:
    """The language and whether presenter mode is on, for a page script."""
    if view.page() is None:
        restart_through_app()
    return st.session_state["_lang"], st.session_state["present"]


def restart_through_app() -> None:
    """Streamlit treats a ``pages/`` folder as its legacy multipage mode until the process
    first calls ``st.navigation``, so on a fresh server a deep link such as ``/compare`` can
    run the page script alone, without app.py: no frame, and the link never read. Such a run
    is restarted through app.py, in navigation mode from then on."""
    PagesManager.uses_pages_directory = False
    st.rerun()


def navigation() -> st.navigation:
    """Draw the language and presenter switches, then declare the pages in the chosen language
    (switches first, so a language change renames the pages in the same run)."""
    view.begin()
    atlas(view.value("lang"))
    st.session_state["_embed"] = embed.read()
    # Presenting, the sidebar is hidden: the language switch moves to the slide's corner, so
    # a presenter can switch mid-deck (mode of the last run, or of the link on the first).
    presenting = st.session_state.get("present", view.value("present") == "1")
    with st.container(key=LANG_KEY) if presenting and not st.session_state["_embed"] \
            else st.sidebar:
        lang = view.kinded(Choice(pinned=False), st.segmented_control, "lang", "en",
                           list(LANGS), label=t("language_switch", "en"), required=True,
                           format_func={"en": "English", "zh": "中文"}.get)
    st.session_state["_lang"] = lang  # the widget's own state can be empty (see linked)
    with st.sidebar:
        view.kinded(Flag(), st.toggle, "present", False, label=t("present", lang))
    view.linked(None, MY_DECK, (), lambda raw: _my_deck(raw[-1]),
                lambda v: isinstance(v, tuple), lambda v: [saved.encode(my_deck(v))] if v else [])
    # URL paths equal file names: Streamlit matches a deep link against the pages/ folder
    # before app.py declares its pages, and warns "Page not found" where they differ.
    pages = {p.key: st.Page(p.script, title=t(p.key, lang), icon=p.icon, default=i == 0)
             for i, p in enumerate(registry.pages())}
    hidden = st.session_state["present"] or st.session_state["_embed"]
    page = st.navigation(list(pages.values()), position="hidden" if hidden else "sidebar")
    view.start(next(key for key, p in pages.items() if p.url_path == page.url_path))
    return page


def _my_deck(raw: str) -> tuple[tuple[Slide, ...], list[Notice]]:
    deck, notices = saved.decode(raw)
    return deck.slides, notices


def my_slides() -> tuple[Slide, ...]:
    """My deck's slides, as the link brought them or as edited since."""
    return st.session_state.get(MY_DECK, ())


def save_my_slides(slides: Sequence[Slide]) -> None:
    """Keep my deck for the session and in the URL (so the address shares it)."""
    st.session_state[MY_DECK] = tuple(slides)
    view.write(MY_DECK, [saved.encode(my_deck(slides))] if slides else [])


def save_if_fits(slides: Sequence[Slide]) -> bool:
    """:func:`save_my_slides` unless the deck would no longer fit in the link."""
    if len(slides) > saved.MAX_SLIDES or not saved.fits(my_deck(slides)):
        return False
    save_my_slides(slides)
    return True


def add_slide(page: str, params: dict[str, list[str]], chart: str, title: str,
              notes: str) -> int | None:
    """Add a view to my deck; its slide number, or None if the deck is full."""
    slides = [*my_slides(), saved.view_slide(page, params, title, chart).retitled(title, notes)]
    return len(slides) if save_if_fits(slides) else None


def all_decks() -> dict[str, Deck]:
    """The bundled decks, then my deck if it has slides, by id."""
    by_id = {deck.deck_id: deck for deck in decks()}
    if slides := my_slides():
        by_id[MY_DECK] = my_deck(slides)
    return by_id


def slide_link(slide: Slide, lang: str) -> str:
    """The address of a slide's view (outside presenter mode), from this page's address."""
    params = {**slide.link_params(), **({"lang": [lang]} if lang != "en" else {})}
    return view.page_address(registry.page(slide.page).path, params)


# Backslash before every character Markdown (and Streamlit's :color[] and :icon: syntax) reads.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def literal(text: str) -> str:
    """Text from a deck (anyone's words) for a Markdown element, shown exactly as typed."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def frame() -> AbstractContextManager:
    """Where notices about the link go, and presenter styling and controls; returns where the
    page draws (see ui.embed: an embed or a slide leads with one chart)."""
    view.notices_here()
    st.markdown(PAGE_CSS, unsafe_allow_html=True)
    lang, embedded = st.session_state["_lang"], st.session_state["_embed"]
    present = st.session_state["present"] and not embedded
    if present:
        st.markdown(PRESENTER_CSS, unsafe_allow_html=True)
        slide_bar(lang)
    return embed.frame(embedded, present and view.value("slide") is not None, lang)


def _exit_presentation() -> None:
    st.session_state["present"] = False


def current_slide() -> tuple[Deck, int | None]:
    """The deck (``deck=``, else the first) and slide number of the link, with a notice for
    either if it does not exist."""
    by_id = all_decks()
    wanted = view.value("deck")
    if wanted and wanted not in by_id:
        view.notice(notice("deck", value=wanted))
        view.drop("deck")
    deck = by_id.get(wanted or "", next(iter(by_id.values())))
    number, text = (None, None)
    if raw := view.value("slide"):
        number, text = parse_slide(raw, len(deck.slides))
    if text:
        view.notice(text)
        view.drop("slide")
    return deck, number


def slide_bar(lang: str) -> None:
    """Presenter controls: previous / next slide of the deck (arrow keys too), notes, exit."""
    deck, number = current_slide()
    left, middle, right, leave = st.columns([1, 6, 1, 1], vertical_alignment="center")
    if number:
        slide = deck.slides[number - 1]
        with middle:
            st.markdown(f"**{number}/{len(deck.slides)} · {literal(slide.title(lang))}**")
            if slide.notes(lang):
                with st.expander(t("speaker_notes", lang)):
                    st.text(slide.notes(lang))
        for column, target, label, key in ((left, number - 1, "◀", "left"),
                                           (right, number + 1, "▶", "right")):
            with column:
                if st.button(label, key=f"slide-{key}", shortcut=key,
                             disabled=not 1 <= target <= len(deck.slides)):
                    view.switch(deck.slides[target - 1].page,
                                slide_params(deck, target, lang))
    with leave:
        st.button(t("exit_present", lang), key="slide-exit", on_click=_exit_presentation)


def footer() -> None:
    """End of the run: parameters the page did not use are dropped, then the footer."""
    view.finish()
    if embed.finish(st.session_state["_lang"], view.permalink(leave_out=("chart",))):
        return
    st.divider()
    lang = st.session_state["_lang"]
    st.caption(f"{t('app_title', lang)} · {t('footer', lang)}")
