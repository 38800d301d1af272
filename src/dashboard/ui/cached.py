"""All Streamlit caching in one place: one-line wrappers around the plain data layer.

The dataset is shared by every session (cache_resource) and never mutated: query functions
return new frames. Loading stops the page with the validation message if the data is broken,
instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

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


@st.cache_resource(show_spinner=False)
def _geojson(layer: str, directory: Path) -> dict:
    return load_geojson(layer, directory)


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
