"""The current view, kept in the URL and in the session so it survives page switches.

``app.py`` calls :func:`load` once per run; pages read :func:`current`, create widgets through
:func:`bound` so they start from the view, and call :func:`save` with what the user picked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard.i18n import Notice
from dashboard.state import Selection, parse_params, to_params
from dashboard.ui.cached import dataset

_VIEW = "_view"
_PARAMS = "_params"
_FORCE = "_force_widgets"
_NOTICES = "_notices"
_FRAMED = "_framed"


def load() -> Selection:
    """Read the URL. A changed URL (a shared link, a hand edit) replaces the view; an empty one
    after a page switch keeps the session's view."""
    params = st.query_params.to_dict()
    last = st.session_state.get(_PARAMS)
    view = st.session_state.get(_VIEW, Selection())
    if params != last and (params or last is None):
        ds = dataset()
        parsed = parse_params(params, set(ds.places["place_id"]),
                              set(ds.indicators["indicator_id"]))
        view = parsed.selection
        st.session_state[_NOTICES] = parsed.notices
        st.session_state[_FORCE] = True
    st.session_state[_VIEW] = view
    st.session_state[_FRAMED] = True
    return view


def current() -> Selection:
    """The view, for a page script. Streamlit treats a ``pages/`` folder as its legacy
    multipage mode until the process first calls ``st.navigation``, so on a fresh server a deep
    link such as ``/compare`` can run the page script alone, without app.py: no frame, and the
    link's parameters never read. Such a run is detected here and restarted through app.py."""
    if not st.session_state.get(_FRAMED):
        PagesManager.uses_pages_directory = False
        st.rerun()
    return peek()


def peek() -> Selection:
    """The view, for app.py's frame (which runs around the page, before and after it)."""
    return st.session_state.get(_VIEW, Selection())


def update(selection: Selection) -> None:
    """Replace the view for the rest of this run (the URL is written by :func:`save`)."""
    st.session_state[_VIEW] = selection


def notices() -> Sequence[Notice]:
    return st.session_state.get(_NOTICES, ())


def _fits(current: Any, kwargs: dict[str, Any]) -> bool:
    """Whether a widget's kept value still fits its (possibly changed) options or bounds."""
    values = current if isinstance(current, list | tuple) else [current]
    if "options" in kwargs:
        return all(v in kwargs["options"] for v in values)
    lo, hi = kwargs.get("min_value"), kwargs.get("max_value")
    return all((lo is None or v >= lo) and (hi is None or v <= hi) for v in values)


def bound(widget: Callable[..., Any], key: str, value: Any, **kwargs: Any) -> Any:
    """Create a keyed widget that starts from ``value`` when the view came from the URL, the
    widget is new on this page, or its options no longer hold what the user had picked;
    otherwise it keeps what the user set."""
    if (st.session_state.get(_FORCE) or key not in st.session_state
            or not _fits(st.session_state[key], kwargs)):
        st.session_state[key] = value
    return widget(key=key, **kwargs)


def save(selection: Selection) -> None:
    """Make the URL reproduce ``selection``."""
    params = to_params(selection)
    st.session_state[_VIEW] = selection
    st.session_state[_FRAMED] = False
    st.session_state[_FORCE] = False
    st.session_state[_NOTICES] = ()
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    st.session_state[_PARAMS] = params
