from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import shapely

from dashboard.etl import census, geo
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError

EXPECTED = {"china_provinces": 34, "china_nine_dash": 1, "china_cities": 369,
            "world_countries": 174}


@pytest.fixture(scope="module")
def part(raw: Path):
    return geo.extract(raw)


@pytest.fixture(scope="module")
def package(raw: Path, tmp_path_factory):
    out = tmp_path_factory.mktemp("geo")
    return out, build_package(raw, ("census", "geo"), out)


def test_layers_and_feature_counts(part):
    layers = {row["layer"]: row for row in part.geo_layers}
    assert {name: row["features"] for name, row in layers.items()} == EXPECTED
    for name, row in layers.items():
        features = json.loads(part.files[row["path"]])["features"]
        assert len(features) == EXPECTED[name]
        ids = [f["id"] for f in features]
        assert ids == sorted(set(ids))
        assert all(f["properties"]["place_id"] == f["id"] and f["properties"]["name"]
                   for f in features)
    assert layers["world_countries"]["source_id"] == "geo-naturalearth-110m"


def test_ids_are_places(package):
    out, data = package
    places = set(data.places["place_id"])
    for row in data.geo_layers.itertuples():
        features = json.loads((out / row.path).read_text(encoding="utf-8"))["features"]
        assert {f["id"] for f in features} <= places, row.layer
    kinds = data.places.set_index("place_id")["kind"]
    assert kinds["FRA"] == "country" and kinds["NOR"] == "country"  # Natural Earth's "-99"
    assert "CN-440300" in places and "CN-110000" in places


def test_world_keys(part):
    features = json.loads(part.files["geo/world_countries.geojson"])["features"]
    ids = {f["id"] for f in features}
    assert {"FRA", "NOR", "CHN", "USA"} <= ids
    assert "-99" not in ids and "XKX" not in ids


def test_polygons_valid_and_oriented(part):
    for path, data in part.files.items():
        for f in json.loads(data)["features"]:
            geom = shapely.geometry.shape(f["geometry"])
            assert geom.is_valid and not geom.is_empty, (path, f["id"])
            assert geom.geom_type in ("Polygon", "MultiPolygon")
            for poly in getattr(geom, "geoms", [geom]):
                assert not poly.exterior.is_ccw, (path, f["id"])  # exterior clockwise


def test_size_and_determinism(raw, part):
    assert sum(len(b) for b in part.files.values()) < 3_000_000
    again = geo.extract(raw)
    assert again.files == part.files


def test_malformed_wkt(raw, tmp_path):
    fake = tmp_path / "raw"
    for rel in (census.FILE, geo.PROVINCES_FILE):
        (fake / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(raw / rel, fake / rel)
    shutil.copytree(raw / geo.WORLD_FILE.parent, fake / geo.WORLD_FILE.parent)
    text = (fake / census.FILE).read_text(encoding="utf-8-sig").splitlines(keepends=True)
    text[2] = text[2].replace('"POLYGON((', '"POLYGON((x', 1)  # Tianjin, CSV line 3
    (fake / census.FILE).write_text("".join(text), encoding="utf-8-sig")
    with pytest.raises(RawInputError, match=r"census_city_2010-2020_v1\.csv, row 3, "
                                            r"column 'coord'"):
        geo.extract(fake)
