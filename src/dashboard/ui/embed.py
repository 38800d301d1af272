"""One block leads the page: the only one shown when embedded, the first one on a slide.

``embed=1`` shows one chart of any view (the page's first, or the one named by ``chart=``) with
its source lines and a link back to the full view: the page still runs with every parameter of
the link, but its title, controls and other blocks are hidden, so the iframe shows exactly the
view the link names. A slide in presenter mode (``present=1`` with ``slide=``) puts the block
its title promises (``chart=``, else the page's first chart) at the top, above the fold, and
collapses the rest of the page, controls included, under it; the other charts are drawn only
once that is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import url
from dashboard.i18n import t
from dashboard.ui import view

_LEAD = "_lead"  # this run's Lead, or None on an ordinary page
BODY_KEY = "atlas-embed-body"
LEAD_KEY = "atlas-lead"
REST_KEY = "atlas-rest"

# An iframe holds the chart alone: no sidebar, header, toolbar or page body, little padding.
EMBED_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stHeader"], [data-testid="stDecoration"],
.st-key-{BODY_KEY} {{display: none}}
.stMainBlockContainer {{padding: 0.5rem 1rem; max-width: 100%}}
</style>
"""

Draw = Callable[[bool], object]  # draws a block; True: embedded (no takeaway, no downloads)


@dataclass
class Lead:
    embedded: bool
    wanted: str | None  # chart= of the link
    slot: DeltaGenerator
    rest_shown: bool = False  # the other blocks are drawn (a slide's expander is open)
    seen: list[str] = field(default_factory=list)
    drawn: str | None = None
    first: Draw | None = None  # drawn at the end if chart= names no block of the page


def read() -> bool:
    """Whether the link asks for embed mode: ``embed=1``, or Streamlit's own ``embed=true``
    (whose frontend then also drops its toolbar); anything else is ignored with a notice.

    Streamlit reserves ``embed`` for that frontend mode: ``st.query_params`` hides it and
    cannot remove it, so it is read from the run's query string and stays in the address."""
    raw = view.embed_flag()
    if not raw or raw[-1].lower() == "true":
        return bool(raw)
    on, about = url.parse_flag(raw[-1], "embed")
    if about:
        view.notice(about)
    return bool(on)


def frame(embedded: bool, presenting: bool, lang: str) -> AbstractContextManager:
    """Where the page's own elements go: hidden when embedded, in a collapsed expander under the
    lead block on a slide, in place otherwise."""
    st.session_state[_LEAD] = None
    if not (embedded or presenting):
        return nullcontext()
    raw = view.arrived("chart")  # read only here: elsewhere chart= is dropped as unused
    if embedded:
        st.markdown(EMBED_CSS, unsafe_allow_html=True)
    lead = Lead(embedded, raw[-1] if raw else None, st.container(key=LEAD_KEY))
    st.session_state[_LEAD] = lead
    if embedded:
        return st.container(key=BODY_KEY)
    # Lazy: the other charts are made and sent only once the expander is opened (most of a
    # slide change was drawing a profile's dozen small multiples nobody saw).
    rest = st.expander(t("lead_rest", lang), icon=":material/tune:", key=REST_KEY,
                       on_change="rerun")
    lead.rest_shown = bool(rest.open)
    return rest


def handled(key: str, draw: Draw, main: bool = True) -> bool:
    """Offer the page's block ``key``: True if it was drawn as the lead or is left out (an embed
    shows one block; a slide's other blocks wait for its expander), False if the page draws it
    in place. Unless ``main``, the block leads
    only when ``chart=`` names it (a page may offer it before its main chart)."""
    lead: Lead | None = st.session_state.get(_LEAD)
    if lead is None:
        return False
    lead.seen.append(key)
    if lead.drawn is None and (lead.wanted == key or (main and lead.wanted is None)):
        with lead.slot:
            draw(lead.embedded)
        lead.drawn = key
        return True
    if lead.first is None and lead.drawn is None and main:
        lead.first = draw
    return not lead.rest_shown


def finish(lang: str, back: str) -> bool:
    """End of the run: a ``chart=`` the page does not have gets a notice (an embed then shows
    the first block), and an embed gets its link ``back`` to the full view. True if embedded."""
    lead: Lead | None = st.session_state.get(_LEAD)
    if lead is None:
        return False
    if lead.drawn is None and lead.wanted is not None:
        view.notice(url.notice("chart", value=lead.wanted,
                                 charts=", ".join(lead.seen) or "–"))
        view.drop("chart")
    if lead.embedded:
        with lead.slot:
            if lead.drawn is None and lead.first is not None:
                lead.first(True)
            elif lead.drawn is None:
                view.notice(url.notice("no_chart"))
            st.markdown(f"[{t('embed_full_view', lang)} ↗]({back})")
    return lead.embedded
