"""Simplified boundary layers for the maps, written into the package as GeoJSON.

Each feature's ``id`` and ``properties.place_id`` is a place id, so maps join figures to shapes
by id. Shapes are simplified as a coverage (neighbours keep shared edges), snapped to a grid
and oriented with exterior rings clockwise, which plotly's geo traces
need (MapLibre ignores orientation). Output is byte-deterministic: features sorted by id, keys
sorted, no whitespace.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from dashboard.etl import curation, meta
from dashboard.etl.catalog import PROVINCES
from dashboard.etl.census import census_table, city_places
from dashboard.etl.common import Contribution, country_place, fail

PROVINCES_FILE = Path("geo") / "china-provinces-datav" / "100000_full.json"
WORLD_FILE = Path("geo") / "naturalearth-110m" / "naturalearth_lowres.shp"
# Per layer: coverage-simplification tolerance in degrees, and the decimals of the snapping grid.
# Every China map is drawn at the national zoom (2.9), where a pixel is about 0.09°, and each
# rerun sends its layer to the browser: detail below a pixel cost every session time and bytes
# (issue 15: the city map was 1 MB a rerun). Natural Earth 1:110m is already generalised.
DETAIL = {"china_provinces": (0.03, 2), "china_cities": (0.05, 2)}
WORLD_DETAIL = (0.0, 3)

# Natural Earth units whose iso_a3 is "-99" but which stand for an ISO country all the same;
# the other "-99" units (N. Cyprus, Somaliland, Kosovo) have no ISO 3166 code: not drawn.
_NE_ISO3, _ = curation.renames("naturalearth_countries.csv", "name", "iso3",
                               curation.iso3_problem)

META = meta.load(__file__)


def _clean(geoms: np.ndarray, detail: tuple[float, int]) -> np.ndarray:
    tolerance, decimals = detail
    polygons = shapely.make_valid(geoms, method="structure", keep_collapsed=False)
    if tolerance:
        polygons = shapely.coverage_simplify(polygons, tolerance)
    snapped = shapely.set_precision(polygons, 10.0 ** -decimals)
    # set_precision leaves binary noise (116.40499999999999); rounding keeps the JSON short.
    rounded = shapely.transform(snapped, lambda xy: np.round(xy, decimals))
    return shapely.orient_polygons(rounded, exterior_cw=True)


def _layer(ids: list[str], names: list[str], geoms: np.ndarray,
           detail: tuple[float, int]) -> bytes:
    features = [
        {"type": "Feature", "id": pid, "properties": {"place_id": pid, "name": name},
         "geometry": shapely.geometry.mapping(geom)}
        for pid, name, geom in sorted(zip(ids, names, _clean(geoms, detail), strict=True),
                                       key=lambda t: t[0])
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


@functools.cache
def world_countries(raw: Path) -> dict[str, shapely.Geometry]:
    """Natural Earth 110m outlines by ISO3, for the countries ISO 3166 (pycountry) knows."""
    frame = gpd.read_file(raw / WORLD_FILE, engine="pyogrio")
    shapes = {}
    # Shapefiles have no lines: "row" is the record number (first = 1).
    for line, (name, iso3, geom) in enumerate(
            zip(frame["name"], frame["iso_a3"], frame.geometry, strict=True), start=1):
        iso3 = _NE_ISO3.get(name, iso3)
        if iso3 == "-99":
            continue
        try:
            country_place(iso3)
        except KeyError:
            raise fail(raw / WORLD_FILE, line, "iso_a3", f"'{iso3}' is not an ISO 3166 "
                       "country; map or drop it explicitly") from None
        if iso3 in shapes:
            raise fail(raw / WORLD_FILE, line, "iso_a3", f"'{iso3}' appears twice")
        shapes[iso3] = geom
    return shapes


def _provinces(raw: Path) -> tuple[list[dict], list[dict]]:
    """DataV features split into the 34 provincial units and the South China Sea line."""
    path = raw / PROVINCES_FILE
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    known = {adcode for adcode, *_ in PROVINCES}
    units = [f for f in features if str(f["properties"]["adcode"]) in known]
    line = [f for f in features if f["properties"].get("adchar") == "JD"]
    if len(units) != len(known) or len(line) != 1:
        raise fail(path, None, "adcode", f"expected {len(known)} provincial units and one "
                   f"South China Sea line, found {len(units)} and {len(line)}")
    return units, line


def extract(raw: Path) -> Contribution:
    files: dict[str, bytes] = {}
    layers: list[dict] = []
    drawn: list[str] = []

    def add(layer: str, kind: str, source_id: str, ids: list[str], names: list[str],
            geoms: list) -> None:
        path = f"geo/{layer}.geojson"
        files[path] = _layer(ids, names, np.array(geoms, dtype=object),
                             DETAIL.get(layer, WORLD_DETAIL))
        layers.append({"layer": layer, "path": path, "kind": kind, "features": len(ids),
                       "source_id": source_id})
        drawn.extend(ids)

    province_name = {f"CN-{adcode}": en for adcode, _, en, _ in PROVINCES}
    units, line = _provinces(raw)
    add("china_provinces", "province", "geo-datav-provinces",
        [f"CN-{f['properties']['adcode']}" for f in units],
        [province_name[f"CN-{f['properties']['adcode']}"] for f in units],
        [shapely.geometry.shape(f["geometry"]) for f in units])
    add("china_nine_dash", "country", "geo-datav-provinces", ["CHN"],
        ["China: South China Sea dashed line"], [shapely.geometry.shape(line[0]["geometry"])])

    # Municipalities' and SARs' census rows carry their province id.
    city_name = province_name | {p["place_id"]: p["name_en"] for p in city_places(raw)}
    table = census_table(raw)
    add("china_cities", "city", "geo-census-cities", list(table["place_id"]),
        [city_name[pid] for pid in table["place_id"]], list(table["geometry"]))

    countries = world_countries(raw)
    places = [country_place(iso3) for iso3 in sorted(countries)]
    add("world_countries", "country", "geo-naturalearth-110m", sorted(countries),
        [p["name_en"] for p in places], [countries[iso3] for iso3 in sorted(countries)])

    return Contribution(sources=list(META.sources.values()), places=places, geo_layers=layers,
                        files=files, geo_place_ids=sorted(set(drawn)))
