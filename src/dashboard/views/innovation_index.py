"""A composite index of the user's making: indicators, weights, direction and normalisation
for one level and year, ranked, mapped, decomposed and tested against its weights."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import composite, levels, url
from dashboard.data.atlas import Atlas
from dashboard.registry import Page
from dashboard.url import Choice, Chosen, Flag, fixed, param
from dashboard.views import View


def presets(atlas: Atlas) -> dict[str, composite.Preset]:
    """The presets; none if the presets file is unusable (the page says why)."""
    try:
        return composite.presets(atlas)
    except composite.PresetError:
        return {}


def _start(atlas: Atlas, chosen: Chosen) -> composite.Start | None:
    return composite.preset_start(atlas, chosen["preset"]) if chosen["preset"] else None


def _presets(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str]:
    found = presets(atlas)
    return ["", *found] if found else [], ""


def _levels(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str]:
    start = _start(atlas, chosen)
    return list(levels.LEVELS), start.level if start else "province"


def _years(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int]:
    years, best = composite.index_years(atlas, chosen["level"])
    start = _start(atlas, chosen)
    return years, start.year if start and start.year in years else best


def _inputs(atlas: Atlas, chosen: Chosen) -> tuple[list, tuple[composite.Part, ...]]:
    if chosen["year"] is None:
        return [], ()
    offered = composite.enough(atlas, chosen["level"], chosen["year"])
    start = _start(atlas, chosen)
    return (list(offered.items()),
            tuple(start.parts) if start else tuple(composite.default_parts(offered)))


@dataclass(frozen=True)
class Spec(url.Spec):
    # First: a preset fills in the level, year and inputs (a link's own values for them win).
    preset: str = param(Choice(pinned=False), _presets)
    level: str = param(Choice(), _levels)
    year: int | None = param(Choice(), _years)
    norm: str = param(Choice(), fixed(composite.NORMS))
    gaps: bool = param(Flag())
    ind: tuple[composite.Part, ...] = param(composite.Inputs(), _inputs)


def matched(atlas: Atlas, level: str, parts: tuple[composite.Part, ...]) -> str:
    """The preset whose inputs these are, if any."""
    return next((p for p, preset in presets(atlas).items() if preset.matches(level, parts)), "")


@dataclass(frozen=True, eq=False)
class IndexView(View):
    index: composite.IndexView | None = None  # None: no year or no inputs


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> IndexView:
    if spec.year is None or not spec.ind:
        return IndexView()
    out = composite.build(atlas, spec.level, spec.year, spec.ind, spec.norm, spec.gaps, lang,
                          present, matched(atlas, spec.level, spec.ind))
    return IndexView({"index-map": out.map, "index-bars": out.bars, "index-ranges": out.ranges},
                     "", out)


PAGE = Page("innovation_index", "pages/innovation_index.py", ":material/leaderboard:", 80,
            Spec, build)
