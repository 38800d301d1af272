"""Provenance as data: each source module's sources and the notes it puts on their figures, in
``<module>.meta.toml`` beside it (as owid/etl keeps a ``.meta.yml`` beside each step).

A meta file has up to three tables:

- ``[sources.<source_id>]``: sources the module cites whole, each one row of sources.csv;
- ``[templates.<name>]``: fields of the sources a module makes from what it reads (one per web
  page, year or table); their texts may hold ``{placeholders}`` the module fills in;
- ``[texts]``: named texts: notes on the figures, and phrases the sources and templates quote
  as ``{name}``.

Read strictly: a bad entry stops the build naming the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.contract import SOURCE_ID, SOURCES, Column
from dashboard.etl.common import fail

COLUMNS = {column.name: column for column in SOURCES.columns if column.name != "source_id"}


@dataclass(frozen=True)
class Meta:
    path: Path
    sources: dict[str, dict[str, str]]
    templates: dict[str, dict[str, str]]
    texts: dict[str, str]

    def source(self, template: str, **values: str) -> dict[str, str]:
        """A source made from a template: the source columns given in ``values`` as they are,
        the template's fields filled in from the texts, ``values`` and its fields above."""
        row = {column: value for column, value in values.items()
               if column in COLUMNS or column == "source_id"}
        filled: dict[str, object] = {**self.texts, **values}
        for column, text in self.templates[template].items():
            key = f"templates.{template}.{column}"
            row[column] = filled[column] = _filled(self.path, key, text, filled)
            _check(self.path, key, COLUMNS[column], row[column])
        return row


def _filled(path: Path, key: str, text: str, values: dict[str, object]) -> str:
    try:
        return text.format_map(values)
    except KeyError as missing:
        raise fail(path, None, key, f"nothing fills {{{missing.args[0]}}}") from None
    except (IndexError, ValueError) as error:
        raise fail(path, None, key, f"not a text template: {error}") from None


def _check(path: Path, key: str, column: Column | None, value: object) -> None:
    """A field's value against the contract's column (None: no such column)."""
    if column is None:
        raise fail(path, None, key, f"not a sources column (one of {', '.join(COLUMNS)})")
    if not isinstance(value, str):
        raise fail(path, None, key, "must be a text")
    if column.required and not value.strip():
        raise fail(path, None, key, "value is required")
    if column.enum and "{" not in value and value not in column.enum:
        raise fail(path, None, key, f"'{value}' is not one of {', '.join(column.enum)}")


def _table(path: Path, value: object, key: str) -> dict:
    if not isinstance(value, dict):
        raise fail(path, None, key, "must be a table")
    return value


def load(module_file: str | Path) -> Meta:
    """The meta file beside a source module (pass the module's ``__file__``)."""
    path = Path(module_file).with_suffix(".meta.toml")
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise fail(path, None, None, f"not valid TOML: {error}") from None
    for name in data:
        if name not in ("sources", "templates", "texts"):
            raise fail(path, None, name, "unknown table (sources, templates or texts)")
    texts = _table(path, data.get("texts", {}), "texts")
    for name, text in texts.items():
        if not isinstance(text, str):
            raise fail(path, None, f"texts.{name}", "must be a text")
    templates = {}
    for name, fields in _table(path, data.get("templates", {}), "templates").items():
        for column, value in _table(path, fields, f"templates.{name}").items():
            _check(path, f"templates.{name}.{column}", COLUMNS.get(column), value)
        templates[name] = fields
    sources = {}
    for source_id, fields in _table(path, data.get("sources", {}), "sources").items():
        if not re.fullmatch(SOURCE_ID, source_id):
            raise fail(path, None, f"sources.{source_id}", "not a source id")
        row = {"source_id": source_id}
        for column in {**COLUMNS, **_table(path, fields, f"sources.{source_id}")}:
            key = f"sources.{source_id}.{column}"
            if column not in fields:
                if COLUMNS[column].required:
                    raise fail(path, None, key, "value is required")
                continue
            _check(path, key, COLUMNS.get(column), fields[column])
            row[column] = _filled(path, key, fields[column], texts)
        sources[source_id] = row
    return Meta(path, sources, templates, texts)
