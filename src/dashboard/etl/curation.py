"""Curation tables: small CSV files beside the source modules that say how raw names, units
and the like map onto the catalogue. Read strictly: a malformed cell names file, row and
column, like any raw input."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from dashboard.data.contract import GRADES, QUALIFIERS
from dashboard.etl.catalog import units as catalogue_units
from dashboard.etl.common import fail, to_number

HERE = Path(__file__).parent


def read_table(name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[
        tuple[int, dict[str, str]]]:
    """Rows of ``HERE/name`` with their line numbers; required cells must not be empty."""
    path = HERE / name
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for column in (*required, *optional):
            if column not in (reader.fieldnames or []):
                raise fail(path, 1, column, "required column is missing")
        rows = []
        for line, row in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in row.items()}
            for column in required:
                if not row[column]:
                    raise fail(path, line, column, "value is required")
            rows.append((line, row))
    return rows


def renames(name: str, printed: str, meant: str, check: Callable[[str], str | None] | None = None,
            droppable: bool = False) -> tuple[dict[str, str], dict[str, str]]:
    """A table of place names as a source prints them (column ``printed``) and what they stand
    for (column ``meant``), each name once, with a note on why for people to read. With
    ``droppable`` a name may give instead the reason it stands for no place (column
    dropped_because). ``check`` says what is wrong with a value, if anything. Returns (meant,
    dropped), keyed by the printed name."""
    path = HERE / name
    mapped: dict[str, str] = {}
    dropped: dict[str, str] = {}
    optional = (meant, "dropped_because", "note") if droppable else ("note",)
    for line, row in read_table(name, (printed,) if droppable else (printed, meant), optional):
        key, value, why = row[printed], row[meant], row.get("dropped_because", "")
        if droppable and bool(value) == bool(why):
            raise fail(path, line, meant, f"'{key}' needs a {meant} or a reason to drop it, "
                                          "not both")
        if value and check and (problem := check(value)):
            raise fail(path, line, meant, problem)
        if key in mapped or key in dropped:
            raise fail(path, line, printed, f"'{key}' is listed twice")
        (mapped if value else dropped)[key] = value or why
    return mapped, dropped


def iso3_problem(code: str) -> str | None:
    """Why a code is no ISO 3166 alpha-3 code, or None."""
    import pycountry

    if pycountry.countries.get(alpha_3=code) is None:
        return f"'{code}' is not an ISO 3166 alpha-3 code"
    return None


def units() -> dict[str, tuple[str, float]]:
    """units.csv: a unit as printed → (the catalogue unit it converts to, the factor)."""
    known = set(catalogue_units().values())
    path = HERE / "units.csv"
    table: dict[str, tuple[str, float]] = {}
    for line, row in read_table("units.csv", ("printed", "unit", "factor")):
        if row["unit"] not in known:
            raise fail(path, line, "unit", f"'{row['unit']}' is no catalogue indicator's unit")
        if row["printed"] in table:
            raise fail(path, line, "printed", f"'{row['printed']}' is listed twice")
        table[row["printed"]] = (row["unit"], to_number(row["factor"], path, line, "factor"))
    return table


def name_map(name: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """A table of raw_name, indicator_id, dropped_because, note: each raw name maps to a
    catalogue id or is dropped with the reason. Returns (mapped, dropped, notes)."""
    path = HERE / name
    known = catalogue_units()
    mapped: dict[str, str] = {}
    dropped: dict[str, str] = {}
    notes: dict[str, str] = {}
    for line, row in read_table(name, ("raw_name",), ("indicator_id", "dropped_because",
                                                      "note")):
        raw, indicator_id, why = row["raw_name"], row["indicator_id"], row["dropped_because"]
        if bool(indicator_id) == bool(why):
            raise fail(path, line, "indicator_id", f"'{raw}' needs an indicator id or a reason "
                                                   "to drop it, not both")
        if indicator_id and indicator_id not in known:
            raise fail(path, line, "indicator_id", f"unknown indicator '{indicator_id}'")
        if raw in mapped or raw in dropped:
            raise fail(path, line, "raw_name", f"'{raw}' is listed twice")
        (mapped if indicator_id else dropped)[raw] = indicator_id or why
        if row["note"]:
            notes[raw] = row["note"]
    return mapped, dropped, notes


def qualifiers() -> dict[str, tuple[str | None, str]]:
    """qualifiers.csv: a bound or approximation word as printed → (the contract's qualifier,
    None when the words do not make the figure inexact; a note template where {stated} is the
    figure as published). An empty printed qualifier means an exact figure."""
    path = HERE / "qualifiers.csv"
    table: dict[str, tuple[str | None, str]] = {"": (None, "")}
    for line, row in read_table("qualifiers.csv", ("printed",), ("qualifier", "note")):
        if row["qualifier"] and row["qualifier"] not in QUALIFIERS:
            raise fail(path, line, "qualifier", f"'{row['qualifier']}' is not one of "
                                                f"{', '.join(QUALIFIERS)}")
        if row["printed"] in table:
            raise fail(path, line, "printed", f"'{row['printed']}' is listed twice")
        table[row["printed"]] = (row["qualifier"] or None, row["note"])
    return table


def hosts(name: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """A table of web hosts (a host stands for its subdomains too): the operator where
    recognisable, the grade of its pages, and any caveat on them. Returns (publishers, grades,
    notes), each holding only the hosts the column is filled for."""
    path = HERE / name
    publishers: dict[str, str] = {}
    grades: dict[str, str] = {}
    notes: dict[str, str] = {}
    for line, row in read_table(name, ("host",), ("publisher", "grade", "note")):
        if row["grade"] and row["grade"] not in GRADES:
            raise fail(path, line, "grade", f"'{row['grade']}' is not one of {', '.join(GRADES)}")
        for table, column in ((publishers, "publisher"), (grades, "grade"), (notes, "note")):
            if row[column]:
                table[row["host"]] = row[column]
    return publishers, grades, notes


def for_host(table: dict[str, str], host: str) -> str | None:
    """The value for a host or the nearest parent domain listed."""
    parts = host.split(".")
    return next((table[".".join(parts[i:])] for i in range(len(parts))
                 if ".".join(parts[i:]) in table), None)


def economies() -> tuple[dict[str, str], set[str], dict[str, str]]:
    """economies.csv: economy names as sources spell them (matched without case) that a name
    look-up does not resolve: the ISO 3166 alpha-3 code they stand for, or why the name is no
    economy (a region, a patent office, several economies). Returns (codes, not economies,
    notes), keyed by the lowercased name."""
    path = HERE / "economies.csv"
    codes: dict[str, str] = {}
    dropped: set[str] = set()
    notes: dict[str, str] = {}
    for line, row in read_table("economies.csv", ("name",), ("iso3", "dropped_because",
                                                             "note")):
        key = row["name"].lower()
        if bool(row["iso3"]) == bool(row["dropped_because"]):
            raise fail(path, line, "iso3", f"'{row['name']}' needs a code or a reason to drop "
                                           "it, not both")
        if row["iso3"] and (problem := iso3_problem(row["iso3"])):
            raise fail(path, line, "iso3", problem)
        if key in codes or key in dropped:
            raise fail(path, line, "name", f"'{row['name']}' is listed twice")
        if row["iso3"]:
            codes[key] = row["iso3"]
        else:
            dropped.add(key)
        if row["note"]:
            notes[key] = row["note"]
    return codes, dropped, notes
