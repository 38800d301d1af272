"""All Streamlit caching in one place: one-line wrappers around the plain data layer.

The dataset is shared by every session (cache_resource) and never mutated: query functions
return new frames. Loading stops the page with the validation message if the data is broken,
instead of a traceback.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import export, query
from dashboard.data.load import Dataset, load_dataset, load_geojson
from dashboard.data.validate import DataValidationError


@st.cache_resource(show_spinner=False)
def _dataset() -> Dataset:
    return load_dataset()


def dataset() -> Dataset:
    try:
        return _dataset()
    except DataValidationError as exc:
        st.error("The bundled data failed validation, so nothing can be shown. "
                 "Rebuild it with `python -m dashboard.etl.build`.\n\n" + str(exc))
        st.stop()


@st.cache_resource(show_spinner=False)
def _facts() -> pd.DataFrame:
    return query.facts(_dataset())


def facts() -> pd.DataFrame:
    dataset()
    return _facts()


@st.cache_resource(show_spinner=False)
def _geojson(layer: str) -> dict:
    return load_geojson(layer)


def geojson(layer: str) -> dict | None:
    """A boundary layer, or None with a message on the page if the file is unusable."""
    try:
        return _geojson(layer)
    except DataValidationError as exc:
        st.warning(f"Map boundaries unavailable: {exc}")
        return None


@st.cache_resource(show_spinner=False)
def package_zip() -> bytes:
    return export.package_zip()
