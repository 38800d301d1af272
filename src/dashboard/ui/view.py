"""Controls kept in the URL, and notices about the link that was opened.

Streamlit's ``bind="query-params"`` keeps toggles in the URL (:func:`bound`). Pickers are kept
by :func:`linked` instead: a bound picker writes its *label* to the URL (translated, and taken
from the data), so a link would change with the language and old links with ids would not
open; and a bound value equal to the widget's default is dropped, so a default that depends on
the data (the latest year) would not be pinned. :func:`linked` writes ids, always.

A parameter *arrives* when the URL holds a value this page did not write itself: a shared
link, a slide, a link from another page, Back. Sidebar navigation drops unbound parameters, so
each page then keeps its own selection (widget state persists for the session).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard import state
from dashboard.i18n import t

_PAGE = "_page"  # the page of this run
_WRITTEN = "_written"  # (page, parameter) → the values this page last wrote
_USED = "_used"  # parameters this run read or wrote
_NOTICES = "_notices"  # where this run's notices go

Reader = Callable[[list[str]], tuple[Any, list[state.Notice]]]


def begin() -> None:
    """Begin a run, before the page is known (the language names the pages)."""
    st.session_state[_PAGE] = None
    st.session_state.setdefault(_WRITTEN, {})
    st.session_state[_USED] = set(state.GLOBAL)
    st.session_state[_NOTICES] = []


def start(page: str) -> None:
    """Begin ``page``'s part of the run: an older link is renamed to today's parameters."""
    st.session_state[_PAGE] = page
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    if (renamed := state.upgrade(params, page)) is not None:
        for name in params.keys() - renamed.keys():
            del st.query_params[name]
        for name, values in renamed.items():
            if values != params.get(name):
                st.query_params[name] = values


def notices_here() -> None:
    """Where this run's notices appear (the top of the page), those so far included."""
    earlier = st.session_state[_NOTICES]
    st.session_state[_NOTICES] = st.container()
    for about in earlier:
        notice(about)


def notice(about: state.Notice) -> None:
    box = st.session_state[_NOTICES]
    if isinstance(box, list):  # before the page's top is drawn (the sidebar's switches)
        box.append(about)
        return
    # Link text is shown as an inline code span: Markdown, HTML and bare addresses in it are
    # shown as typed, never interpreted or turned into links.
    lang = st.session_state.get("_lang", "en")
    box.caption(f"⚠ {t('notice', lang)}: " + plain(about.text(lang)))


def plain(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def page() -> str | None:
    """The page of this run, once app.py has declared it (None in a page script run alone)."""
    return st.session_state.get(_PAGE)


def key(param: str) -> str:
    """The session key of ``param``'s control: each page keeps its own choice; the language and
    presenter mode are one for all."""
    return param if param in state.GLOBAL else f"{st.session_state[_PAGE]}.{param}"


def arrived(param: str) -> list[str] | None:
    """The URL's values for ``param`` if they are not what this page last wrote."""
    st.session_state[_USED].add(param)
    raw = st.query_params.get_all(param)
    return raw if raw and raw != st.session_state[_WRITTEN].get(key(param)) else None


def write(param: str, values: list[str]) -> None:
    """Put ``param`` in the URL (left out when empty)."""
    st.session_state[_WRITTEN][key(param)] = values
    if st.query_params.get_all(param) != values:
        if values:
            st.query_params[param] = values
        else:
            del st.query_params[param]


def preset(param: str, value: Any) -> None:
    """Give the control of ``param`` a value before it is drawn, as another control of the
    page does when its choice implies this one's (a peer group choosing its places)."""
    st.session_state[key(param)] = value


def linked(widget: Callable[..., Any] | None, param: str, default: Any, read: Reader,
           fits: Callable[[Any], bool], show: Callable[[Any], list[str]], **kwargs: Any) -> Any:
    """A widget that starts from the link's ``param`` if one arrived (read by ``read``, with
    its notices), else from what the user last chose on this page if it still ``fits``, else
    from ``default``; its value goes back to the URL as ``show`` writes it. Without a widget,
    the value is one the page sets itself (a place clicked on a map)."""
    name = key(param)
    if (raw := arrived(param)) is not None:
        value, notices = read(raw)
        for about in notices:
            notice(about)
        if value is not None:
            st.session_state[name] = value
    if name in st.session_state and not fits(last := st.session_state[name]):
        # Another control took this choice off the list (a map level without the indicator).
        if last is not None and last != default:
            notice(state.notice("replaced", name=param, value=",".join(show(last)),
                                default=",".join(show(default)) or "—"))
        del st.session_state[name]
    if name not in st.session_state:
        st.session_state[name] = default
    value = (st.session_state[name] if widget is None
             else widget(key=name, persist_state="session", **kwargs))
    if not fits(value):  # a required segmented control can come back empty on a page switch
        value = default
    write(param, show(value))
    return value


def listed(parsed: tuple[Any, state.Notice | None]) -> tuple[Any, list[state.Notice]]:
    """A parser's (value, notice or None) as a :data:`Reader` returns it."""
    value, about = parsed
    return value, [about] if about else []


def choice(widget: Callable[..., Any] | None, param: str, default: Any, options: list,
           pinned: bool = True, **kwargs: Any) -> Any:
    """:func:`linked` for one of ``options`` (ids or years); unless ``pinned``, the default
    is left out of the URL (for defaults that never change, like the language)."""
    by_text = {str(o): o for o in options}

    def read(raw: list[str]) -> tuple[Any, list[state.Notice]]:
        value, notices = listed(state.parse_choice(raw[-1], param, list(by_text)))
        return by_text.get(value or ""), notices

    return linked(widget, param, default, read, lambda v: v in options,
                  lambda v: [] if v is None or (v == default and not pinned) else [str(v)],
                  options=options, **kwargs)


def bound(widget: Callable[..., Any], key: str, **kwargs: Any) -> Any:
    """A widget Streamlit keeps in the URL under ``key`` (toggles: their value is the same in
    every language). A value it cannot read is dropped by Streamlit; this says so."""
    st.session_state[_USED].add(key)
    raw = st.query_params.get_all(key)
    if raw and raw[-1].lower() not in ("true", "false"):
        notice(state.notice("flag", name=key, value=raw[-1], allowed="true, false"))
    return widget(key=key, bind="query-params", **kwargs)


def finish() -> None:
    """End of a run: parameters nothing on this page read are dropped, with a notice."""
    st.session_state[_PAGE] = None
    for name in list(st.query_params):
        if name in st.session_state[_USED]:
            continue
        notice(state.notice("not_used", name=name))
        with suppress(StreamlitAPIException):  # bound to a widget of another page
            del st.query_params[name]
