"""The one cache: the data package, and every view builder keyed by its own arguments.

Shared by every session of the process, so nothing returned may be mutated: builders return
new frames and figures. A broken package stops the page with the validation message instead of
a traceback.

Plain functools caches, not ``st.cache_resource``: a page makes ten to twenty lookups a rerun,
and Streamlit's cache read each builder's signature and hashed every argument through its own
hasher on every lookup, about a quarter of a warm rerun (docs/performance.md). Arguments are
ids, tuples and flags, hashable as they are; the package is keyed by its directory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import TypeVar

import streamlit as st

from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir
from dashboard.data.validate import DataValidationError
from dashboard.i18n import t

T = TypeVar("T")


_LOADING = threading.Lock()


@cache
def _load(directory: Path) -> Atlas:
    return Atlas.load(directory)


def _atlas(directory: Path) -> Atlas:
    # One load per process even when the first sessions arrive together. A package that fails
    # validation is not cached: every run reports it until it is fixed.
    with _LOADING:
        return _load(directory)


def atlas(lang: str | None = None) -> Atlas:
    """The package; a broken one stops the page with the validation message (in ``lang``: the
    first call of a run comes before the language switch, and passes the link's)."""
    try:
        return _atlas(data_dir())
    except DataValidationError as exc:
        st.error(t("data_invalid", lang or st.session_state.get("_lang", "en")) + "\n\n"
                 + str(exc))
        st.stop()


@cache
def _cached(build: Callable[..., T]) -> Callable[..., T]:
    # Bounded, because keys hold view parameters (places, languages) that would otherwise grow
    # without limit on a long-running server, and a city map holds its boundaries.
    return lru_cache(maxsize=64)(build)


def view(build: Callable[..., T], *args: object) -> T:
    """``build(atlas, *args)``, once per package and arguments, for every session."""
    return _cached(build)(atlas(), *args)


def shown(build: Callable[..., T], *args: object) -> T | None:
    """:func:`view` for a builder that draws boundaries: None, with a note on the page, if a
    boundary file is unusable."""
    try:
        return view(build, *args)
    except DataValidationError as exc:
        st.warning(t("boundaries_unavailable", st.session_state.get("_lang", "en"),
                     problem=exc))
        return None


def warm() -> None:
    """Load the package before any session asks (see dashboard.serve). A broken package is
    left for the page to report."""
    try:
        _atlas(data_dir())
    except DataValidationError:
        return
