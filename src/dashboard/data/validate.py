"""Check tables against the contract; every problem names file, row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data.contract import MEMBER_SEPARATOR, TABLES_BY_NAME, Table
from dashboard.data.preferred import GROUP, best_first, flagged, reason

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
            rx = re.compile(col.pattern)
            matched = cells.map(lambda v, rx=rx: bool(rx.match(v)))
            for i in cells.index[~empty & ~matched]:
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
            values = pd.to_numeric(cells, errors="coerce")
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
            bad = values.notna() & ~values.isin(set(tables[fk.table][ref].dropna()))
            for i in frame.index[bad]:
                problems.append(Problem(table.path, _line(i), col,
                                        f"unknown {fk.table} id '{values[i]}'"))
    return problems


def check_observations(obs: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame,
                       checks: pd.DataFrame) -> list[Problem]:
    """Rules the column types cannot express: the preferred rule (with the flags of
    ``checks``), derivation inputs, shares; and every check naming an observation."""
    file = TABLES_BY_NAME["observations"].path
    problems: list[Problem] = []
    obs_key = list(TABLES_BY_NAME["observations"].primary_key)
    # flagged() with the roles swapped: the checks rows whose key some observation has.
    for i in checks.index[~flagged(checks, obs)]:
        problems.append(Problem(TABLES_BY_NAME["checks"].path, _line(i), None,
                                "names no observation ("
                                + "/".join(map(str, checks.loc[i, obs_key])) + ")"))
    obs = obs.assign(flagged=flagged(obs, checks))
    preferred = obs["preferred"].fillna(False).astype(bool)
    counts = preferred.groupby([obs[c] for c in GROUP]).transform("sum")
    wrong = obs[counts != 1]
    for _, rows in wrong.groupby(GROUP, sort=True):
        key = rows.iloc[0][GROUP]
        problems.append(Problem(file, _line(rows.index.min()), "preferred",
                                f"{'/'.join(map(str, key))} needs exactly one preferred row"))
    ranked = best_first(obs[counts == 1], sources)
    best = ranked[~ranked.duplicated(GROUP, keep="first")]
    marked = ranked[preferred.reindex(ranked.index)]
    for label in best.index.difference(marked.index):
        chosen = marked.index[(marked[GROUP] == best.loc[label, GROUP]).all(axis=1)][0]
        why = reason(best.loc[label], marked.loc[chosen])
        problems.append(Problem(file, _line(label), "preferred",
                                f"outranks the preferred row {_line(chosen)} ({why}) and must "
                                "be the preferred one"))
    known = set(sources["source_id"])
    for i, inputs in obs["derived_from"].dropna().items():
        for unknown in sorted(set(inputs.split()) - known):
            problems.append(Problem(file, _line(i), "derived_from",
                                    f"unknown sources id '{unknown}'"))
    shares = set(indicators.loc[indicators["unit"].str.startswith("%"), "indicator_id"])
    bad = obs["indicator_id"].isin(shares) & ((obs["value"] < 0) | (obs["value"] > 100))
    for i in obs.index[bad]:
        problems.append(Problem(file, _line(i), "value", "a percentage must lie in 0–100"))
    return problems


def check_groups(groups: pd.DataFrame, places: pd.DataFrame) -> list[Problem]:
    """Every member of a group is a place of the package, named once."""
    file = TABLES_BY_NAME["groups"].path
    known = set(places["place_id"])
    problems: list[Problem] = []
    for i, members in groups["members"].dropna().items():
        ids = members.split(MEMBER_SEPARATOR)
        for unknown in sorted(set(ids) - known):
            problems.append(Problem(file, _line(i), "members", f"unknown places id '{unknown}'"))
        for repeated in sorted({p for p in ids if ids.count(p) > 1}):
            problems.append(Problem(file, _line(i), "members", f"'{repeated}' is listed twice"))
    return problems
