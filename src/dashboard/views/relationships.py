"""Two indicators against each other across the places of one level, bubbles sized by a third,
one year at a time."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import levels, url
from dashboard import relationships as rel
from dashboard.data.atlas import Atlas
from dashboard.peer_groups import group_choices, place_choices
from dashboard.registry import Page
from dashboard.url import Choice, Choices, Chosen, Flag, Ids, fixed, param
from dashboard.views import View


def _level_places(atlas: Atlas, chosen: Chosen) -> list[str]:
    return levels.level_places(atlas, chosen["level"])


def _axis(which: int) -> Choices:
    def choices(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str]:
        options = rel.level_indicators(atlas, chosen["level"])
        default = rel.default_axes(chosen["level"], options)[which]
        return ([*([""] if which == 2 else []), *options]), default
    return choices


def _years(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int]:
    return rel.years(atlas, chosen["level"], chosen["x"], chosen["y"], chosen["tol"])


@dataclass(frozen=True)
class Spec(url.Spec):
    level: str = param(Choice(), fixed(list(levels.LEVELS), "province"))
    colour: str = param(Choice(), fixed(list(rel.COLOURS), "region"))
    x: str = param(Choice(), _axis(0))
    y: str = param(Choice(), _axis(1))
    size: str = param(Choice(), _axis(2))  # '': bubbles of one size
    tol: int = param(Choice(), fixed(list(rel.TOLERANCES), 1))
    log: bool = param(Flag())
    group: str | None = param(Choice(pinned=False), group_choices(_level_places))
    places: tuple[str, ...] = param(Ids(), place_choices(_level_places, ()))
    year: int | None = param(Choice(), _years)


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> View:
    if spec.year is None:  # no year pairs the two indicators
        return View()
    return View({"relationships": rel.build(
        atlas, spec.level, spec.x, spec.y, spec.size, spec.year, spec.tol, spec.log,
        spec.colour, spec.places, lang, present)})


PAGE = Page("relationships", "pages/relationships.py", ":material/scatter_plot:", 70, Spec,
            build)
