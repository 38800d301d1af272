"""All Streamlit caching in one place: one-line wrappers around the plain data layer.

The dataset is shared by every session (cache_resource) and never mutated: query functions
return new frames. Loading stops the page with the validation message if the data is broken,
instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import export, i18n, query
from dashboard.data.load import Dataset, data_dir, load_dataset, load_geojson
from dashboard.data.validate import DataValidationError


@st.cache_resource(show_spinner=False)
def _dataset(directory: Path) -> Dataset:
    return load_dataset(directory)


def dataset() -> Dataset:
    try:
        return _dataset(data_dir())
    except DataValidationError as exc:
        st.error("The bundled data failed validation, so nothing can be shown. "
                 "Rebuild it with `python -m dashboard.etl.build`.\n\n" + str(exc))
        st.stop()


@st.cache_resource(show_spinner=False)
def _facts(directory: Path) -> pd.DataFrame:
    return query.facts(_dataset(directory))


def facts() -> pd.DataFrame:
    dataset()
    return _facts(data_dir())


@st.cache_resource(show_spinner=False)
def _lookups(directory: Path) -> query.Lookups:
    return query.lookups(_dataset(directory))


def lookups() -> query.Lookups:
    dataset()
    return _lookups(data_dir())


@st.cache_resource(show_spinner=False)
def _place_labels(directory: Path, lang: str) -> dict[str, str]:
    return i18n.place_labels(_dataset(directory).places, lang)


def place_labels(lang: str) -> dict[str, str]:
    """Picker labels, built once per language: format functions run once per option."""
    dataset()
    return _place_labels(data_dir(), lang)


@st.cache_resource(show_spinner=False)
def _indicators_by_place(directory: Path) -> dict[str, frozenset[str]]:
    return query.indicators_by_place(_dataset(directory).observations)


def indicators_by_place() -> dict[str, frozenset[str]]:
    dataset()
    return _indicators_by_place(data_dir())


def _rings_as_arrays(coords: list) -> list | np.ndarray:
    if coords and isinstance(coords[0][0], int | float):
        return np.asarray(coords, dtype=float)
    return [_rings_as_arrays(c) for c in coords]


@st.cache_resource(show_spinner=False)
def _places_with_data(directory: Path) -> list[str]:
    return query.places_in_order(_lookups(directory).places, _indicators_by_place(directory))


def places_with_data() -> list[str]:
    """Places that have at least one figure: cities first, then wider areas."""
    dataset()
    return _places_with_data(data_dir())


@st.cache_resource(show_spinner=False)
def _china_indicators(directory: Path, kinds: tuple[str, ...]) -> list[str]:
    rows = query.select(_facts(directory), kinds=kinds)
    chinese = rows[rows["place_id"].astype(str).str.startswith("CN-")]
    return query.ordered_indicators(chinese, _lookups(directory).indicators)


def china_indicators(kinds: tuple[str, ...]) -> list[str]:
    """Indicators with figures for Chinese places of these kinds (for the map's picker)."""
    dataset()
    return _china_indicators(data_dir(), kinds)


@st.cache_resource(show_spinner=False)
def _geojson(layer: str, directory: Path) -> dict:
    # Rings as numpy arrays: plotly deep-copies boundaries several times per map, and arrays
    # copy far faster than nested lists (the JSON sent to the browser is the same).
    shapes = load_geojson(layer, directory)
    for feature in shapes["features"]:
        geometry = feature["geometry"]
        geometry["coordinates"] = _rings_as_arrays(geometry["coordinates"])
    return shapes


def geojson(layer: str) -> dict | None:
    """A boundary layer, or None with a message on the page if the file is unusable."""
    try:
        return _geojson(layer, data_dir())
    except DataValidationError as exc:
        st.warning(f"Map boundaries unavailable: {exc}")
        return None


@st.cache_resource(show_spinner=False)
def _package_zip(directory: Path) -> bytes:
    return export.package_zip(directory)


def package_zip() -> bytes:
    return _package_zip(data_dir())
