"""Any indicator on a map of China, by province or prefecture city, for one year; the figures
of a place clicked on it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import charts, levels, query, takeaways, url
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.registry import Page
from dashboard.url import Choice, Chosen, fixed, param
from dashboard.views import View, drawn

INDICATOR = "rd_intensity"


def _indicators(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str]:
    options = levels.indicators(atlas, chosen["level"])
    return options, INDICATOR if INDICATOR in options else options[0]


def _years(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int | None]:
    years, best = levels.years(atlas, chosen["level"], chosen["indicator"])
    return years, best if best in years else years[-1]


def _places(atlas: Atlas, chosen: Chosen) -> tuple[list[str], None]:
    return [p for p in atlas.places if p.startswith("CN-")], None


@dataclass(frozen=True)
class Spec(url.Spec):
    level: str = param(Choice(), fixed(levels.MAP_LEVELS, "province"))
    indicator: str = param(Choice(), _indicators)
    year: int = param(Choice(), _years)
    places: str | None = param(Choice(), _places)  # the place whose figures are listed


def china_map(atlas: Atlas, level: str, indicator: str, year: int, lang: str,
              present: bool) -> charts.Chart:
    rows = levels.level_rows(atlas, level, indicator)
    shown = rows[rows["year"] == year]
    title = t("map_title", lang).format(what=atlas.indicator_name(indicator, lang),
                                        level=t(f"in_level_{level}", lang), year=year)
    fig = charts.choropleth(shown, atlas.shapes(levels.LEVELS[level].layer), title, lang,
                            style=charts.Style.for_view(present))
    return charts.Chart.of(fig, shown, lang, takeaways.latest_comparison(
        shown, lang, atlas.higher_is_better(indicator)))


def latest_figures(atlas: Atlas, place_id: str, lang: str) -> pd.DataFrame:
    """A place's latest figure per indicator, with unit, year and source, for display."""
    latest = query.latest(query.select(atlas.facts, places=[place_id]))
    name_col = "indicator_zh" if lang == "zh" else "indicator_en"
    unit = "unit_zh" if lang == "zh" else "unit"
    latest = latest.assign(source_title=charts.public_titles(latest))
    return latest[[name_col, "value", unit, "year", "source_title", "grade"]].rename(columns={
        name_col: t("indicator", lang), "value": t("value", lang), unit: t("unit", lang),
        "year": t("year", lang), "source_title": t("source", lang), "grade": t("grade", lang)})


@dataclass(frozen=True, eq=False)
class MapView(View):
    latest: pd.DataFrame | None = None  # the listed place's figures


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> MapView:
    shown, problem = drawn("china-map", lambda: china_map(atlas, spec.level, spec.indicator,
                                                          spec.year, lang, present))
    latest = latest_figures(atlas, spec.places, lang) if spec.places else None
    return MapView(shown, problem, latest)


PAGE = Page("china_map", "pages/china_map.py", ":material/map:", 30, Spec, build)
