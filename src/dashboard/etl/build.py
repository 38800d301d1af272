"""Rebuild ``data/`` from the raw sources.

Usage: ``python -m dashboard.etl.build [--raw DIR] [--out DIR]``.

Deterministic (sorted rows, fixed number formatting) so a rebuild leaves ``git status`` clean.
Everything is written to a sibling folder and validated there; only then does it replace
``data/``, so a failed build leaves the previous data untouched.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
from pathlib import Path

import pandas as pd

from dashboard.data.contract import (
    GRADES,
    MEMBER_SEPARATOR,
    SECOND_READING,
    TABLES,
    TABLES_BY_NAME,
    Table,
)
from dashboard.data.load import DATA_DIR, Dataset, load_dataset
from dashboard.data.preferred import flagged, preferred_mask
from dashboard.data.validate import DataValidationError, Problem
from dashboard.etl import checks, derived, groups
from dashboard.etl.catalog import indicators as catalogue
from dashboard.etl.common import Contribution, country_place, province_places

DEFAULT_RAW = DATA_DIR.parent.parent / "shared" / "sources"
# Curated notes on series known not to exist (the gaps table).
GAPS_FILE = Path(__file__).with_name("gaps.csv")

# One module per raw source folder; each exposes extract(raw: Path) -> Contribution.
SOURCE_MODULES = (
    "nbs",
    "census",
    "universities",
    "city_facts",
    "harvest",
    "city_gdp_panel",
    "ccsy_gba",
    "cnipa",
    "seeds",
    "gii",
    "gii_appendix",
    "gihi",
    "world",
    "nature_index",
    "national_lists",
    "geo",
)

def collect(raw: Path, modules: tuple[str, ...] = SOURCE_MODULES) -> list[Contribution]:
    base = Contribution(places=[country_place("CHN"), *province_places(raw)])
    parts = [base]
    for name in modules:
        module = importlib.import_module(f"dashboard.etl.{name}")
        parts.append(module.extract(raw))
    return parts


def _merge_unique(rows: list[dict], key: str, what: str, compare: tuple[str, ...]) -> pd.DataFrame:
    """Rows may repeat across modules only if they agree on the columns that matter."""
    seen: dict[str, dict] = {}
    for row in rows:
        prior = seen.setdefault(row[key], row)
        if prior is not row and any(prior.get(c) != row.get(c) for c in compare):
            raise DataValidationError([Problem(what, None, key,
                                               f"'{row[key]}' is defined twice, differently")])
    return pd.DataFrame(list(seen.values()))


def keep_used_places(places: pd.DataFrame, obs: pd.DataFrame, geo: pd.DataFrame,
                     named_places: list[str]) -> pd.DataFrame:
    """Places with figures or map shapes or named by a milestone or group, plus every
    ancestor, so names never dangle."""
    parent = places.set_index("place_id")["parent_id"]
    keep = set(obs["place_id"]) | set(geo.get("place_id", [])) | set(named_places)
    frontier = set(keep)
    while frontier:
        frontier = {parent.get(p) for p in frontier} - keep - {None}
        frontier = {p for p in frontier if isinstance(p, str)}
        keep |= frontier
    return places[places["place_id"].isin(keep)]


def coverage(obs: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Figures per place kind and indicator; ``obs`` may carry a boolean ``flagged`` column
    (rows without it count as unflagged)."""
    joined = obs.merge(places[["place_id", "kind"]], on="place_id")
    joined["flagged"] = joined.get("flagged", pd.Series(False, index=joined.index)).astype(bool)
    grouped = joined.groupby(["kind", "indicator_id"])
    return pd.DataFrame({
        "places": grouped["place_id"].nunique(),
        "observations": grouped.size(),
        "first_year": grouped["year"].min(),
        "last_year": grouped["year"].max(),
        "flagged": grouped["flagged"].sum(),
    }).reset_index()


def format_cell(value: object) -> str:
    """Stable text for a CSV cell: whole numbers without '.0', booleans lowercase."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def write_table(table: Table, frame: pd.DataFrame, out: Path) -> None:
    frame = frame.reindex(columns=table.column_names)
    text = frame.map(format_cell).sort_values(list(table.primary_key), kind="stable")
    path = out / table.path
    path.parent.mkdir(parents=True, exist_ok=True)
    text.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def datapackage(geo_layers: pd.DataFrame) -> dict:
    """Frictionless Data Package generated from the contract, so it cannot drift from it."""
    resources = []
    for table in TABLES:
        fields = []
        for col in table.columns:
            constraints: dict = {}
            if col.required:
                constraints["required"] = True
            if col.enum:
                constraints["enum"] = list(col.enum)
            if col.pattern:
                constraints["pattern"] = col.pattern.strip("^$")
            if col.unique:
                constraints["unique"] = True
            spec = {"name": col.name, "type": col.type, "description": col.description}
            if col.type == "boolean":
                spec |= {"trueValues": ["true"], "falseValues": ["false"]}
            if constraints:
                spec["constraints"] = constraints
            fields.append(spec)
        schema: dict = {"fields": fields, "primaryKey": list(table.primary_key),
                        "missingValues": [""]}
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.columns),
                 "reference": {"resource": "" if fk.table == table.name else fk.table,
                               "fields": list(fk.ref_columns)}}
                for fk in table.foreign_keys
            ]
        resources.append({"name": table.name, "path": table.path,
                          "profile": "tabular-data-resource", "description": table.description,
                          "format": "csv", "encoding": "utf-8", "schema": schema})
    return {
        "name": "innovation-atlas",
        "title": "Innovation Atlas: science & technology innovation in cities",
        "description": "Curated, cited observations on S&T clusters, incubators, high-tech "
                       "output and talent. Each observation names its source in sources.csv. "
                       "Map boundaries: " + ", ".join(sorted(geo_layers["path"])) + ".",
        "licenses": [{"name": "other-at", "title": "Each source's own terms; see sources.csv"}],
        "profile": "tabular-data-package",
        "resources": resources,
    }


def merge_sources(rows: list[dict]) -> pd.DataFrame:
    """One row per source id. A web page quoted by two collections is one source: it keeps
    the first collection's description, filled in from the other's, and the more cautious of
    their grades. The same id for two addresses stops the build."""
    merged: dict[str, dict] = {}
    for row in rows:
        prior = merged.setdefault(row["source_id"], dict(row))
        if prior is row or prior == row:
            continue
        if prior["url"] != row["url"]:
            raise DataValidationError([Problem("sources", None, "source_id",
                                               f"'{row['source_id']}' names two addresses")])
        prior["grade"] = max(prior["grade"], row["grade"], key=GRADES.index)
        for column, value in row.items():
            if value and not prior.get(column):
                prior[column] = value
    return pd.DataFrame(list(merged.values()))


def _observations(parts: list[Contribution]) -> pd.DataFrame:
    """Every module's observations. A figure two collections copied from the same page is one
    row (the first module's); a second reading recorded on either copy holds for it."""
    key = list(TABLES_BY_NAME["observations"].primary_key)
    obs = pd.DataFrame([r for p in parts for r in p.observations])
    obs = obs.reindex(columns=obs.columns.union(["qualifier", "derived_from", "evidence",
                                                 *SECOND_READING], sort=False))
    for column in SECOND_READING:
        obs[column] = obs.groupby(key, sort=False)[column].transform("first")
    return obs.drop_duplicates(key, ignore_index=True)


def assemble(parts: list[Contribution],
             partial: bool = False) -> tuple[dict[str, pd.DataFrame], dict[str, bytes]]:
    """The package's tables and files. A ``partial`` package (from some of the source modules)
    keeps only the peer groups whose members it has; a full one must have them all."""
    sources = merge_sources([r for p in parts for r in p.sources])
    indicators = catalogue()
    places = _merge_unique([r for p in parts for r in p.places], "place_id", "places", ("kind",))
    obs = _observations(parts)
    grade = obs["source_id"].map(sources.set_index("source_id")["grade"])
    obs["grade"] = obs["grade"].fillna(grade) if "grade" in obs else grade
    found = checks.run(obs, sources)
    obs["flagged"] = flagged(obs, found)
    obs = pd.concat([obs, derived.rd_intensity(obs, sources)], ignore_index=True)
    obs["flagged"] = obs["flagged"].fillna(False).astype(bool)
    sources = pd.concat([sources, pd.DataFrame([derived.RD_INTENSITY_SOURCE,
                                                *groups.sources()])], ignore_index=True)
    obs["preferred"] = preferred_mask(obs, sources)
    geo = pd.DataFrame([r for p in parts for r in p.geo_layers],
                       columns=TABLES_BY_NAME["geo_layers"].column_names)
    files = {path: data for p in parts for path, data in p.files.items()}
    geo_places = pd.DataFrame({"place_id": [pid for p in parts for pid in p.geo_place_ids]})
    peer_groups = groups.table(obs)
    if partial:
        known = set(places["place_id"])
        peer_groups = peer_groups[peer_groups["members"].map(
            lambda members: set(members.split(MEMBER_SEPARATOR)) <= known)]
    places = keep_used_places(places, obs, geo_places,
                              [r["place_id"] for p in parts for r in p.milestones]
                              + groups.member_ids(peer_groups))
    frames = {
        "sources": sources,
        "indicators": indicators,
        "places": places,
        "observations": obs,
        "coverage": coverage(obs, places),
        "checks": found,
        "geo_layers": geo,
        "milestones": pd.DataFrame([r for p in parts for r in p.milestones],
                                   columns=TABLES_BY_NAME["milestones"].column_names),
        "gaps": pd.read_csv(GAPS_FILE, dtype=str, keep_default_na=False, encoding="utf-8"),
        "groups": peer_groups,
    }
    return frames, files


def write_package(frames: dict[str, pd.DataFrame], files: dict[str, bytes], out: Path) -> None:
    for name, frame in frames.items():
        write_table(TABLES_BY_NAME[name], frame, out)
    for rel, data in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    package = datapackage(frames["geo_layers"])
    (out / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")


def build_package(raw: Path, modules: tuple[str, ...], out: Path) -> Dataset:
    """Write and load back a package from a subset of source modules (validating it)."""
    frames, files = assemble(collect(raw, modules), partial=True)
    write_package(frames, files, out)
    return load_dataset(out)


def build(raw: Path, out: Path) -> None:
    """Build into a sibling folder, validate it, then swap it in place of ``out``."""
    staging = out.with_name(out.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        frames, files = assemble(collect(raw))
        write_package(frames, files, staging)
        load_dataset(staging)
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = out.with_name(out.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if out.exists():
        out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild data/ from the raw sources.")
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw sources folder")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="data folder to replace")
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        print(f"error: raw sources folder not found: {args.raw}", file=sys.stderr)
        return 2
    try:
        build(args.raw.resolve(), args.out.resolve())
    except DataValidationError as exc:
        print(f"build failed, {args.out} left unchanged.\n{exc}", file=sys.stderr)
        return 1
    dataset = load_dataset(args.out)
    print(f"built {args.out}: {len(dataset.observations)} observations, "
          f"{len(dataset.places)} places, {len(dataset.indicators)} indicators, "
          f"{len(dataset.sources)} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
