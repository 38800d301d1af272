"""What surrounds every page: navigation, language and presenter switches, notices, footer."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.deck import decks, slide_params
from dashboard.i18n import t
from dashboard.state import LANGS, Selection
from dashboard.ui import view
from dashboard.ui.cached import dataset

ICON = str(Path(__file__).resolve().parents[1] / "assets" / "icon.png")

PAGES = (
    ("pages/overview.py", "overview", ":material/home:"),
    ("pages/clusters.py", "clusters", ":material/hub:"),
    ("pages/china_map.py", "china_map", ":material/map:"),
    ("pages/place_profile.py", "profile", ":material/location_city:"),
    ("pages/compare.py", "compare", ":material/compare_arrows:"),
    ("pages/topics.py", "topics", ":material/category:"),
    ("pages/data_sources.py", "data", ":material/table:"),
    ("pages/present.py", "present", ":material/slideshow:"),
)
PAGE_PATHS = {key: path for path, key, _ in PAGES}

# Captions (source lines, notes, their links) in the text colour at 80 %: Streamlit draws them
# at 60 % opacity, 4.2:1 on white and less for links, below WCAG AA's 4.5:1. In the ``color``
# property currentColor is the inherited text colour, so this holds in the light and dark theme.
PAGE_CSS = """
<style>
[data-testid="stCaptionContainer"] {
  opacity: 1; color: color-mix(in srgb, currentColor 80%, transparent)}
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


def plain(text: str) -> str:
    """Text taken from a link, as an inline code span: Markdown, HTML and bare addresses in it
    are shown as typed, never interpreted or turned into links."""
    return "`" + text.replace("`", "'") + "`"


def navigation() -> st.navigation:
    """Read the view, draw the sidebar switches, then declare the pages in the chosen
    language (switches first, so a language change renames the pages in the same run)."""
    selection = view.load()
    dataset()
    with st.sidebar:
        lang = view.bound(st.segmented_control, "lang", selection.lang,
                          label=t("language_switch", selection.lang),
                          options=list(LANGS), format_func={"en": "English", "zh": "中文"}.get,
                          required=True) or selection.lang
        present = view.bound(st.toggle, "present", selection.present, label=t("present", lang))
    view.update(selection.with_(lang=lang, present=present))
    # URL paths equal file names: Streamlit matches a deep link against the pages/ folder
    # before app.py declares its pages, and warns "Page not found" where they differ.
    pages = [st.Page(path, title=t(key, lang), icon=icon, default=i == 0)
             for i, (path, key, icon) in enumerate(PAGES)]
    return st.navigation(pages, position="hidden" if present else "sidebar")


def frame() -> None:
    """Presenter styling and controls, and any notice about the link that was opened."""
    selection = view.peek()
    st.markdown(PAGE_CSS, unsafe_allow_html=True)
    if selection.present:
        st.markdown(PRESENTER_CSS, unsafe_allow_html=True)
        slide_bar(selection)
    for notice in view.notices():
        st.caption(f"⚠ {t('notice', selection.lang)}: {plain(notice.text(selection.lang))}")


def _exit_presentation() -> None:
    st.session_state["present"] = False


def slide_bar(selection: Selection) -> None:
    """Presenter controls: previous / next slide of the deck (arrow keys too), notes, exit."""
    deck = decks()[0]
    lang = selection.lang
    number = selection.slide
    left, middle, right, leave = st.columns([1, 6, 1, 1], vertical_alignment="center")
    if number and 1 <= number <= len(deck.slides):
        slide = deck.slides[number - 1]
        with middle:
            st.markdown(f"**{number}/{len(deck.slides)} · {slide.title(lang)}**")
            if slide.notes(lang):
                with st.expander(t("speaker_notes", lang)):
                    st.markdown(slide.notes(lang))
        for column, target, label, key in ((left, number - 1, "◀", "left"),
                                           (right, number + 1, "▶", "right")):
            with column:
                if st.button(label, key=f"slide-{key}", shortcut=key,
                             disabled=not 1 <= target <= len(deck.slides)):
                    goto = deck.slides[target - 1]
                    st.switch_page(PAGE_PATHS[goto.page],
                                   query_params=slide_params(goto, target, lang))
    with leave:
        st.button(t("exit_present", lang), key="slide-exit", on_click=_exit_presentation)


def footer() -> None:
    lang = view.peek().lang
    st.divider()
    st.caption(f"{t('app_title', lang)} · {t('footer', lang)}")
