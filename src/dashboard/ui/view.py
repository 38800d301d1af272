"""The browser's URL: the one place that reads and writes it (``dashboard.url`` says what the
parameters mean). A page's controls are a :class:`Form` over its :class:`dashboard.url.Spec`:
each widget starts from the link, else from what the user last chose on this page, else from
the default, and writes its value back; notices about the link that was opened go to the top of
the page.

Streamlit's own ``bind="query-params"`` is not used: a bound picker writes its *label* to the
URL (translated, and taken from the data), so a link would change with the language and old
links with ids would not open; and a bound value equal to the widget's default is dropped, so a
default that depends on the data (the latest year) would not be pinned. :func:`linked` writes
ids, always.

A parameter *arrives* when the URL holds a value this page did not write itself: a shared
link, a slide, a link from another page, Back. Sidebar navigation drops unbound parameters, so
each page then keeps its own selection (widget state persists for the session).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from typing import Any
from urllib.parse import parse_qs

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import registry, url
from dashboard.i18n import t
from dashboard.ui.cached import atlas

_PAGE = "_page"  # the page of this run
_WRITTEN = "_written"  # (page, parameter) → the values this page last wrote
_USED = "_used"  # parameters this run read or wrote
_NOTICES = "_notices"  # where this run's notices go

Reader = Callable[[list[str]], tuple[Any, list[url.Notice]]]


def begin() -> None:
    """Begin a run, before the page is known (the language names the pages)."""
    st.session_state[_PAGE] = None
    st.session_state.setdefault(_WRITTEN, {})
    st.session_state[_USED] = set(url.GLOBAL)
    st.session_state[_NOTICES] = []


def start(page: str) -> None:
    """Begin ``page``'s part of the run: an older link is renamed to today's parameters."""
    st.session_state[_PAGE] = page
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    if (renamed := url.upgrade(params, page)) is not None:
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


def notice(about: url.Notice) -> None:
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
    shared = param in url.GLOBAL or param in url.Spec.SHARED
    return param if shared else f"{st.session_state[_PAGE]}.{param}"


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
            notice(url.notice("replaced", name=param, value=",".join(show(last)),
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


def kinded(kind: url.Kind, widget: Callable[..., Any] | None, param: str, default: Any,
           options: Sequence = (), **kwargs: Any) -> Any:
    """:func:`linked` for a parameter of ``kind`` among ``options``: the kind reads the link,
    checks a value still fits and writes it back."""
    if widget is not None and not isinstance(kind, url.Flag):
        kwargs |= ({"min_value": options[0], "max_value": options[-1]}
                   if isinstance(kind, url.Span) else {"options": options})
    # Widgets hold several ids as a list; a spec holds them as a (hashable) tuple.
    as_widget = list if isinstance(kind, url.Ids) else (lambda v: v)

    def read(raw: list[str]) -> tuple[Any, list[url.Notice]]:
        parsed, notices = kind.parse(raw, param, options)
        return (None if parsed is None else as_widget(parsed)), notices

    value = linked(widget, param, as_widget(default) if default is not None else None, read,
                   lambda v: kind.fits(v, options), lambda v: kind.format(v, default), **kwargs)
    return tuple(value) if isinstance(value, list) else value


class Form:
    """A page's controls over its spec: call it with each parameter in the order the spec
    declares them (a widget, or None for a value the page sets itself), then :meth:`spec`."""

    def __init__(self, spec: type[url.Spec]) -> None:
        self.cls = spec
        self.params = {p.name: p for p in spec.params()}
        self.chosen = url.Chosen()

    def options(self, name: str) -> tuple[Sequence | None, Any]:
        """The parameter's choices and default, given those chosen before it (None: it does
        not apply)."""
        return url.options_of(atlas(), self.params[name], self.chosen)

    def __call__(self, name: str, widget: Callable[..., Any] | None = None,
                 **kwargs: Any) -> Any:
        p = self.params[name]
        options, default = self.options(name)
        value = (None if options is None
                 else kinded(p.kind, widget, name, default, options, **kwargs))
        self.chosen = self.chosen.plus(name, value)
        return value

    def spec(self) -> url.Spec:
        """The view the controls show; parameters the page drew no control for keep the
        link's value or their default."""
        for name in self.params:
            if name not in dict(self.chosen.items):
                self(name)
        return self.cls(**dict(self.chosen.items))


def value(param: str) -> str | None:
    """The link's last value of a parameter read outside any page (the language of an error
    shown before the frame)."""
    return st.query_params.get(param)


def drop(param: str) -> None:
    """Remove a parameter the page could not use (its notice already given)."""
    del st.query_params[param]


def embed_flag() -> list[str]:
    """``embed=`` as the link gave it. Streamlit reserves the name for its own frontend mode:
    ``st.query_params`` hides it, so it is read from the run's query string."""
    ctx = get_script_run_ctx()
    return parse_qs(ctx.query_string if ctx else "", keep_blank_values=True).get("embed", [])


def current() -> dict[str, list[str]]:
    """The view's parameters as they are now."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def base() -> str:
    """This page's address without parameters."""
    return str(st.context.url or "").split("?")[0]


def permalink(leave_out: Sequence[str] = ()) -> str:
    """The address that reopens this view (without the parameters ``leave_out``)."""
    return url.address(base(), {k: v for k, v in current().items() if k not in leave_out})


def page_address(path: str, params: url.Params) -> str:
    """The address of another page of the app with ``params``."""
    return url.address(f"{base().rsplit('/', 1)[0]}/{path}", params)


def _values(params: Mapping[str, str | Sequence[str]]) -> dict[str, str | list[str]]:
    return {k: v if isinstance(v, str) else list(v) for k, v in params.items()}


def page_link(key: str, params: Mapping[str, str | Sequence[str]], label: str,
              icon: str | None = None) -> None:
    """A link to page ``key`` opening the view ``params`` name (a value or several each)."""
    st.page_link(registry.page(key).script, label=label, icon=icon,
                 query_params=_values(params))


def switch(key: str, params: Mapping[str, str | Sequence[str]]) -> None:
    """Go to page ``key`` with the view ``params`` name."""
    st.switch_page(registry.page(key).script, query_params=_values(params))


def finish() -> None:
    """End of a run: parameters nothing on this page read are dropped, with a notice."""
    st.session_state[_PAGE] = None
    for name in list(st.query_params):
        if name in st.session_state[_USED]:
            continue
        notice(url.notice("not_used", name=name))
        with suppress(StreamlitAPIException):  # bound to a widget of another page
            del st.query_params[name]
