"""Check tables against the contract; every problem names file, row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.data.contract import TABLES_BY_NAME, Table

# Row numbers in messages are line numbers in the CSV file: the header is line 1.
HEADER_LINES = 1
MAX_REPORTED = 20


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataValidationError(ValueError):
    """Raised when data does not meet the contract; ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:MAX_REPORTED])
        more = len(problems) - MAX_REPORTED
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"{len(problems)} data problem(s):\n{shown}{tail}")


_BOOL = {"true": True, "false": False}


def _line(index: int) -> int:
    return index + HEADER_LINES + 1


def coerce_table(table: Table, raw: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn an all-string frame into typed columns, reporting every cell that does not fit."""
    problems: list[Problem] = []
    missing = [c for c in table.column_names if c not in raw.columns]
    for name in missing:
        problems.append(Problem(file, None, name, "required column is missing"))
    extra = [c for c in raw.columns if c not in table.column_names]
    for name in extra:
        problems.append(Problem(file, None, name, "column is not in the contract"))
    if missing:
        return raw, problems

    out = pd.DataFrame(index=raw.index)
    for col in table.columns:
        cells = raw[col.name].fillna("").astype(str).str.strip()
        empty = cells == ""
        if col.required:
            for i in cells.index[empty]:
                problems.append(Problem(file, _line(i), col.name, "value is required"))
        if col.enum is not None:
            bad = ~empty & ~cells.isin(col.enum)
            for i in cells.index[bad]:
                problems.append(Problem(file, _line(i), col.name,
                                        f"'{cells[i]}' is not one of {', '.join(col.enum)}"))
        if col.pattern is not None:
            # Each distinct value is matched once, with Python's re (the contract's dialect).
            rx = re.compile(col.pattern)
            unmatched = [v for v in cells[~empty].unique() if not rx.match(v)]
            for i in cells.index[~empty & cells.isin(unmatched)]:
                problems.append(Problem(file, _line(i), col.name,
                                        f"'{cells[i]}' does not match {col.pattern}"))
        if col.type == "number":
            # Empty cells coerce to NaN like unparsable ones; only non-empty ones are reported.
            values = pd.to_numeric(cells, errors="coerce")
            bad = ~empty & ~np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan))
            for i in cells.index[bad]:
                problems.append(Problem(file, _line(i), col.name, f"'{cells[i]}' is not a number"))
            out[col.name] = values.astype("float64")
        elif col.type == "integer":
            # Years and counts repeat few values: parse each distinct one once.
            codes, distinct = pd.factorize(cells)
            parsed = pd.to_numeric(distinct, errors="coerce").to_numpy()
            values = pd.Series(parsed[codes], index=cells.index)
            bad = ~empty & (values.isna() | (values % 1 != 0))
            for i in cells.index[bad]:
                problems.append(Problem(file, _line(i), col.name,
                                        f"'{cells[i]}' is not a whole number"))
            out[col.name] = values.where(~bad).astype("Int64")
        elif col.type == "boolean":
            lowered = cells.str.lower()
            bad = ~empty & ~lowered.isin(_BOOL)
            for i in cells.index[bad]:
                problems.append(Problem(file, _line(i), col.name,
                                        f"'{cells[i]}' is not true or false"))
            # Vectorised lowered.map(_BOOL): True/False, <NA> for empty or invalid cells.
            out[col.name] = (lowered == "true").astype("boolean").where(~bad & ~empty)
        else:
            out[col.name] = cells.where(~empty, None).astype("string")
        if col.unique:
            dup = cells.duplicated(keep="first") & ~empty
            for i in cells.index[dup]:
                problems.append(Problem(file, _line(i), col.name,
                                        f"duplicate value '{cells[i]}'"))
    if len(table.primary_key) > 1:
        key = raw[list(table.primary_key)].astype(str)
        for i in key.index[key.duplicated(keep="first")]:
            problems.append(Problem(file, _line(i), ",".join(table.primary_key),
                                    "duplicate key " + "/".join(key.loc[i])))
    return out, problems


def check_foreign_keys(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every reference must point at an existing row of the referenced table."""
    problems: list[Problem] = []
    for name, frame in tables.items():
        table = TABLES_BY_NAME[name]
        for fk in table.foreign_keys:
            if fk.table not in tables:
                continue
            (col,), (ref,) = fk.columns, fk.ref_columns
            values = frame[col]
            bad = values.notna() & ~_isin(values, tables[fk.table][ref])
            for i in frame.index[bad]:
                problems.append(Problem(table.path, _line(i), col,
                                        f"unknown {fk.table} id '{values[i]}'"))
    return problems


def _isin(values: pd.Series, known: pd.Series) -> np.ndarray:
    """``values.isin(known)`` for text columns. pandas turns every known value into a pyarrow
    scalar in Python first (~0.4 s per check against 115k places); pyarrow's is_in does not."""
    column = pa.array(values, from_pandas=True)
    value_set = pa.array(known.dropna().unique(), from_pandas=True).cast(column.type)
    return pc.is_in(column, value_set=value_set, skip_nulls=True).to_numpy(zero_copy_only=False)


def _group_ids(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per row numbering the distinct combinations of ``columns`` in sorted
    order (as a sorted groupby would), -1 where any of them is missing. Factorising column by
    column is far faster than grouping by several text columns at once."""
    ids = np.zeros(len(frame), dtype=np.int64)
    missing = np.zeros(len(frame), dtype=bool)
    for column in columns:
        codes, distinct = pd.factorize(frame[column], sort=True)
        missing |= codes < 0
        # Re-factorised after each column so the combined number stays below len(frame)².
        ids = pd.factorize(ids * len(distinct) + codes, sort=True)[0]
    return np.where(missing, -1, ids)


def check_observations(obs: pd.DataFrame, indicators: pd.DataFrame) -> list[Problem]:
    """Rules the column types cannot express."""
    file = TABLES_BY_NAME["observations"].path
    problems: list[Problem] = []
    group = ["place_id", "indicator_id", "year"]
    ids = _group_ids(obs, group)
    grouped = ids >= 0
    preferred = obs["preferred"].fillna(False).to_numpy(dtype=bool)
    size = ids.max(initial=-1) + 1
    counts = np.bincount(ids[grouped & preferred], minlength=size)
    present = np.bincount(ids[grouped], minlength=size) > 0
    wrong = np.flatnonzero(present & (counts != 1))
    # Rows of the offending groups only (few in a broken file, none in a valid one); each
    # is reported at its first row, in key order.
    rows = np.flatnonzero(np.isin(ids, wrong))
    first_rows = pd.Series(obs.index[rows]).groupby(ids[rows]).min()
    for label in first_rows:
        key = obs.loc[label, group]
        problems.append(Problem(file, _line(label), "preferred",
                                f"{'/'.join(map(str, key))} needs exactly one preferred row"))
    shares = set(indicators.loc[indicators["unit"].str.startswith("%"), "indicator_id"])
    bad = obs["indicator_id"].isin(shares) & ((obs["value"] < 0) | (obs["value"] > 100))
    for i in obs.index[bad]:
        problems.append(Problem(file, _line(i), "value", "a percentage must lie in 0–100"))
    return problems
