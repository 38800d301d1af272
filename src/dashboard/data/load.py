"""Load the curated data package as validated, typed DataFrames (no Streamlit here)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.contract import TABLES, TABLES_BY_NAME, Table
from dashboard.data.validate import (
    DataValidationError,
    Problem,
    check_foreign_keys,
    check_groups,
    check_observations,
    coerce_table,
)

# The bundled package. ATLAS_DATA_DIR points the app at another one (a scaled copy for
# benchmarks, a broken copy for failure tests); it is read at call time, see data_dir().
DATA_DIR = Path(__file__).resolve().parents[3] / "data"


def data_dir() -> Path:
    return Path(os.environ.get("ATLAS_DATA_DIR", DATA_DIR))


@dataclass(frozen=True)
class Dataset:
    sources: pd.DataFrame
    indicators: pd.DataFrame
    places: pd.DataFrame
    observations: pd.DataFrame
    coverage: pd.DataFrame
    checks: pd.DataFrame
    geo_layers: pd.DataFrame
    milestones: pd.DataFrame
    gaps: pd.DataFrame
    groups: pd.DataFrame


def _read_csv(path: Path) -> pd.DataFrame:
    """Every cell as text. pyarrow's reader is several times faster on a big package; any file
    it rejects (ragged rows, bad UTF-8, quoted newlines across its blocks, ...) is read again
    by pandas' C parser, whose result and error messages are the reference."""
    options = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    try:
        return pd.read_csv(path, engine="pyarrow", **options)
    except ValueError:
        return pd.read_csv(path, **options)


def read_table(table: Table, data_dir: Path) -> tuple[pd.DataFrame, list[Problem]]:
    path = data_dir / table.path
    if not path.exists():
        return pd.DataFrame(columns=table.column_names), [
            Problem(table.path, None, None, "file is missing")
        ]
    try:
        raw = _read_csv(path)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        return pd.DataFrame(columns=table.column_names), [
            Problem(table.path, None, None, f"cannot be read as UTF-8 CSV: {exc}")
        ]
    return coerce_table(table, raw, table.path)


def validate_frames(frames: dict[str, pd.DataFrame], problems: list[Problem]) -> None:
    """Cross-table checks; raises with every problem found so far."""
    if not problems:
        problems.extend(check_foreign_keys(frames))
        problems.extend(check_observations(frames["observations"], frames["indicators"],
                                             frames["sources"], frames["checks"]))
        problems.extend(check_groups(frames["groups"], frames["places"]))
    if problems:
        raise DataValidationError(problems)


def load_dataset(directory: Path | None = None) -> Dataset:
    """Read and validate every table; raises DataValidationError naming file, row and column."""
    directory = directory or data_dir()
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for table in TABLES:
        frames[table.name], found = read_table(table, directory)
        problems.extend(found)
    validate_frames(frames, problems)
    return Dataset(**frames)


def load_geojson(layer: str, directory: Path | None = None) -> dict:
    """One boundary layer as a GeoJSON dict whose features carry ``id`` = place_id."""
    directory = directory or data_dir()
    layers, problems = read_table(TABLES_BY_NAME["geo_layers"], directory)
    if problems:
        raise DataValidationError(problems)
    layers = layers.set_index("layer")
    if layer not in layers.index:
        raise DataValidationError([Problem("geo/layers.csv", None, "layer",
                                           f"no layer '{layer}'")])
    path = directory / layers.loc[layer, "path"]
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataValidationError([Problem(layers.loc[layer, "path"], None, None,
                                           f"cannot be read as GeoJSON: {exc}")]) from exc
