"""The pages, listed once: navigation, decks, embeds, the tests, the benchmark and the load test
all read them here. Each page's module in :mod:`dashboard.views` declares its entry (``PAGE``)
beside its parameters and its view, so a new page is its script, that module, its texts and a
line of README.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dashboard.url import Spec


@dataclass(frozen=True)
class Page:
    key: str  # its name in decks and texts (the navigation title is t(key))
    script: str  # pages/<file>.py; its stem is the page's URL path
    icon: str
    order: int  # place in the navigation
    spec: type[Spec] | None = None  # its parameters, for pages that show a view
    build: Callable[..., Any] | None = None  # build(atlas, spec, lang, present) -> View
    charts: bool = True  # whether its view has charts (to embed, or put in a deck)
    slide_params: tuple[str, ...] | None = None  # what a slide keeps (None: every parameter)

    @property
    def path(self) -> str:
        return Path(self.script).stem

    @property
    def params(self) -> tuple[str, ...]:
        """The parameters a slide of this page keeps."""
        if self.slide_params is not None:
            return self.slide_params
        return self.spec.names() if self.spec else ()


@cache
def pages() -> tuple[Page, ...]:
    from dashboard import views

    found = [getattr(importlib.import_module(f"dashboard.views.{m.name}"), "PAGE", None)
             for m in pkgutil.iter_modules(views.__path__)]
    return tuple(sorted((p for p in found if p is not None), key=lambda p: p.order))


def page(key: str) -> Page:
    return next(p for p in pages() if p.key == key)


def with_charts() -> dict[str, Page]:
    """Pages whose charts a slide or an embed can rebuild from a link, by key."""
    return {p.key: p for p in pages() if p.build is not None and p.charts}


def charts_for(atlas: Any, key: str, params: Mapping[str, Sequence[str]], lang: str,
               present: bool) -> dict:
    """The charts page ``key`` draws for a link's ``params``, by the keys the page gives them
    (a value the page would drop with a notice falls back to its default here too)."""
    entry = page(key)
    spec, _ = entry.spec.from_params(atlas, params, key)
    return entry.build(atlas, spec, lang, present).charts
