"""All Streamlit caching in one place: one-line wrappers around the plain data layer.

Everything is cached per data package (its directory is the key) and shared by every session
(cache_resource), so nothing here may be mutated: query functions return new frames. Loading
stops the page with the validation message if the data is broken, instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import charts, i18n, query, takeaways
from dashboard.data.load import Dataset, data_dir, load_dataset, load_geojson
from dashboard.data.validate import DataValidationError
from dashboard.i18n import t

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _dataset(directory: Path) -> Dataset:
    return load_dataset(directory)


def dataset() -> Dataset:
    try:
        return _dataset(data_dir())
    except DataValidationError as exc:
        # Runs before the view is read: the language comes from the address itself.
        st.error(t("data_invalid", st.query_params.get("lang", "en")) + "\n\n" + str(exc))
        st.stop()


def per_package(build: Callable[..., T] | None = None, *,
                max_entries: int = 256) -> Callable[..., T]:
    """Cache ``build(directory, *args)`` per data package; callers pass only ``*args``. A
    package that fails validation stops the page with the reason, and ``.of(directory, *args)``
    lets builders use each other. Bounded: keys with view parameters (languages, places) would
    otherwise grow without limit on a long-running server."""
    if build is None:
        return partial(per_package, max_entries=max_entries)  # type: ignore[return-value]
    cached = st.cache_resource(show_spinner=False, max_entries=max_entries)(build)

    @wraps(build)
    def call(*args: object) -> T:
        try:
            return cached(data_dir(), *args)
        except DataValidationError:
            dataset()  # shows why, and stops the page
            raise

    call.of = cached  # type: ignore[attr-defined]
    return call


@per_package
def _memo(directory: Path, key: tuple, _build: Callable[[], object]) -> object:
    return _build()


# Maps carry their boundaries (a city map is ~4 MB), so fewer of them are kept.
@per_package(max_entries=16)
def _memo_map(directory: Path, key: tuple, _build: Callable[[], object]) -> object:
    return _build()


def memo(key: tuple, build: Callable[[], T], *, is_map: bool = False) -> T:
    """``build()`` once per key and data package, shared by every session: for what a view
    shows (selections, figures, takeaways), which costs far more than the widgets around it.
    ``key`` must name everything ``build`` depends on besides the data; never mutate the
    result."""
    return (_memo_map if is_map else _memo)(key, build)  # type: ignore[return-value]


def filter_key(filters: dict[str, object]) -> tuple:
    """A memo key for ``query.select`` filters. The order of wanted values does not change the
    result, so it is not part of the key."""
    return tuple(sorted((name, tuple(sorted(map(str, value)))
                         if isinstance(value, list | tuple | set | frozenset) else value)
                        for name, value in filters.items()))


def select(**filters: object) -> pd.DataFrame:
    """``query.select`` over the facts, memoised per filter values."""
    return memo(("select", *filter_key(filters)), lambda: query.select(facts(), **filters))


@per_package
def facts(directory: Path) -> pd.DataFrame:
    return query.facts(_dataset(directory))


@per_package
def lookups(directory: Path) -> query.Lookups:
    return query.lookups(_dataset(directory))


@per_package
def place_labels(directory: Path, lang: str) -> dict[str, str]:
    """Picker labels, built once per language: format functions run once per option."""
    return i18n.place_labels(_dataset(directory).places, lang)


@per_package
def indicators_by_place(directory: Path) -> dict[str, frozenset[str]]:
    return query.indicators_by_place(_dataset(directory).observations)


@per_package
def places_with_data(directory: Path) -> dict[str, None]:
    """Places that have at least one figure: cities first, then wider areas. A dict, ordered
    like a list but with constant-time membership: pickers check the places in a link against
    every option (115k of them in a 100× package)."""
    return dict.fromkeys(query.places_in_order(lookups.of(directory).places,
                                               indicators_by_place.of(directory)))


@per_package
def china_indicators(directory: Path, kinds: tuple[str, ...]) -> list[str]:
    """Indicators with figures for Chinese places of these kinds (for the map's picker)."""
    rows = query.select(facts.of(directory), kinds=kinds)
    chinese = rows[rows["place_id"].astype(str).str.startswith("CN-")]
    return query.ordered_indicators(chinese, lookups.of(directory).indicators)


@per_package
def profile_charts(directory: Path, place: str, topic: str, lang: str,
                   present: bool) -> list[tuple[str, charts.Chart]]:
    """A place's small multiples for one topic, built once per view: the profile page draws
    up to ~20 charts, and building them dominated its reruns."""
    specs = lookups.of(directory).indicators
    rows = query.select(facts.of(directory), places=[place], topics=[topic])
    where = [i18n.name(lookups.of(directory).places[place], "name", lang)]
    milestones = query.milestones_for(_dataset(directory).milestones, place, lang)
    style = charts.Style.for_view(present)
    out = []
    for indicator in query.ordered_indicators(rows, specs):
        series = rows[rows["indicator_id"] == indicator]
        title = charts.chart_title(i18n.name(specs[indicator], "name", lang), where, series)
        higher = bool(specs[indicator]["higher_is_better"])
        fig = charts.line_chart(series, title, lang, style=style, milestones=milestones,
                                reverse=not higher)
        out.append((indicator, charts.Chart.of(
            fig, series, lang, takeaways.change_since_first(series, lang, higher))))
    return out


def _rings_as_arrays(coords: list) -> list | np.ndarray:
    if coords and isinstance(coords[0][0], int | float):
        return np.asarray(coords, dtype=float)
    return [_rings_as_arrays(c) for c in coords]


@st.cache_resource(show_spinner=False)
def _geojson(layer: str, directory: Path) -> dict:
    # Rings as numpy arrays: plotly deep-copies boundaries several times per map, and arrays
    # copy far faster than nested lists (the JSON sent to the browser is the same).
    shapes = load_geojson(layer, directory)
    for feature in shapes["features"]:
        geometry = feature["geometry"]
        geometry["coordinates"] = _rings_as_arrays(geometry["coordinates"])
    return shapes


def geojson(layer: str, lang: str) -> dict | None:
    """A boundary layer, or None with a message on the page if the file is unusable."""
    try:
        return _geojson(layer, data_dir())
    except DataValidationError as exc:
        st.warning(t("boundaries_unavailable", lang, problem=exc))
        return None


def warm() -> None:
    """Build what every first page needs, before any session asks (see dashboard.serve). A
    broken package is left for the page to report."""
    directory = data_dir()
    try:
        _dataset(directory)
    except DataValidationError:
        return
    facts.of(directory)
    lookups.of(directory)
    indicators_by_place.of(directory)
    places_with_data.of(directory)
    place_labels.of(directory, "en")

