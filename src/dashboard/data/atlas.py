"""The data package with the lookups every view needs (:class:`Atlas`), built once per
package and shared by every view, page and export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import charts, i18n, query
from dashboard.data.load import Dataset, load_dataset, load_geojson
from dashboard.i18n import t


def _rings_as_arrays(coords: list) -> list | np.ndarray:
    if coords and isinstance(coords[0][0], int | float):
        return np.asarray(coords, dtype=float)
    return [_rings_as_arrays(c) for c in coords]


@dataclass(eq=False)
class Atlas:
    """The data package with the lookups every view needs, built once per package."""

    directory: Path
    data: Dataset
    facts: pd.DataFrame
    lookups: query.Lookups
    by_place: dict[str, frozenset[str]]  # indicators with a figure, per place
    places: list[str]  # places with a figure: cities first, then wider areas
    labels: dict[str, dict[str, str]]  # per language: 'Guangzhou (city)'
    _shapes: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> Atlas:
        data = load_dataset(directory)
        lookups = query.lookups(data)
        by_place = query.indicators_by_place(data.observations)
        return cls(directory, data, query.facts(data), lookups, by_place,
                   query.places_in_order(lookups.places, by_place),
                   {lang: i18n.place_labels(data.places, lang) for lang in ("en", "zh")})

    def shapes(self, layer: str) -> dict:
        """A boundary layer, rings as numpy arrays: plotly deep-copies boundaries several
        times per map, and arrays copy far faster than nested lists (the JSON is the same).
        Raises DataValidationError if the file is unusable."""
        if layer not in self._shapes:
            shapes = load_geojson(layer, self.directory)
            for feature in shapes["features"]:
                geometry = feature["geometry"]
                geometry["coordinates"] = _rings_as_arrays(geometry["coordinates"])
            self._shapes[layer] = shapes
        return self._shapes[layer]

    def place_name(self, place_id: str, lang: str) -> str:
        row = self.lookups.places.get(place_id)
        return place_id if row is None else i18n.name(row, "name", lang)

    def place_label(self, place_id: str, lang: str) -> str:
        return self.labels[lang].get(place_id, place_id)

    def indicator_name(self, indicator_id: str, lang: str) -> str:
        return i18n.name(self.lookups.indicators[indicator_id], "name", lang)

    def indicator_label(self, indicator_id: str, lang: str) -> str:
        """'R&D expenditure (CNY 100m)', as pickers show indicators."""
        spec = self.lookups.indicators[indicator_id]
        if lang == "zh":
            return f"{spec['name_zh']}({spec['unit_zh']})"
        return f"{spec['name_en']} ({spec['unit']})"

    def higher_is_better(self, indicator_id: str) -> bool:
        return bool(self.lookups.indicators[indicator_id]["higher_is_better"])

    def indicators_for(self, place_ids: Sequence[str]) -> list[str]:
        """Indicators with a figure for any of the places (all indicators if none)."""
        found = set().union(*(self.by_place.get(p, frozenset())
                              for p in place_ids or self.by_place))
        return query.in_topic_order(self.lookups.indicators, found)

    def title(self, indicator_id: str, place_ids: Sequence[str], rows: pd.DataFrame,
              lang: str) -> str:
        """What, where and when: 'R&D expenditure · Beijing, Guangzhou · 2010–2023'."""
        return charts.chart_title(self.indicator_name(indicator_id, lang),
                                  [self.place_name(p, lang) for p in place_ids], rows)

    def absent(self, place_ids: Sequence[str], rows: pd.DataFrame, lang: str) -> str:
        """'No figures for: Hangzhou' for the places without a row, or ''."""
        have = set(rows["place_id"].astype(str))
        names = [self.place_name(p, lang) for p in place_ids if p not in have]
        return t("no_figures_for", lang).format(names=", ".join(names)) if names else ""
