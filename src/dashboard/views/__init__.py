"""What each page shows, one module per page: its parameters (a :class:`dashboard.url.Spec`),
the view built from them (``build(atlas, spec, lang, present)``, pure: no Streamlit, cached by
``ui.cached`` and rebuilt by slides and embeds) and its entry in the page registry (``PAGE``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dashboard import charts
from dashboard.data.validate import DataValidationError


@dataclass(frozen=True, eq=False)
class Panel:
    """A chart and the note under it (places without figures, what was left out)."""

    chart: charts.Chart
    note: str = ""


@dataclass(frozen=True, eq=False)
class View:
    """A page's charts by key, the main one first (what a slide or an embed shows)."""

    charts: dict[str, charts.Chart] = field(default_factory=dict)
    problem: str = ""  # why a map is missing (an unusable boundary file), for the page to say


def drawn(key: str, draw: Callable[[], charts.Chart]) -> tuple[dict[str, charts.Chart], str]:
    """``{key: draw()}``, or nothing and the problem when a boundary file is unusable: the rest
    of the page still shows."""
    try:
        return {key: draw()}, ""
    except DataValidationError as exc:
        return {}, str(exc)
