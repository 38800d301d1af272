"""2010 and 2020 census population of China's prefecture cities (Dong, Du & Liu, leiii/census).

Defines the prefecture-level city places (with a point from the city's polygon) and their
census counts. The municipalities' rows go to their province ids; the two SARs' rows are not
used (see ``_SARS``). Grade reprint: the figures are the official census counts, but this copy
is a research group's hand transcription of the local gazettes, not an NBS publication.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import shapely

from dashboard.etl import meta
from dashboard.etl.catalog import PROVINCES
from dashboard.etl.common import Contribution, china_cities, fail, to_number

FILE = Path("census-cities") / "census_city_2010-2020_v1.csv"
SOURCE_ID = "census-cities-dong2022"
META = meta.load(__file__)

# The mainland census does not enumerate Hong Kong and Macao; their rows in this table are the
# SARs' own estimates with no stated source, so they are not census counts and are left out.
_SARS = {"CN-810000", "CN-820000"}
_PROVINCE_IDS = {f"CN-{adcode}" for adcode, *_ in PROVINCES}


@functools.cache
def census_table(raw: Path) -> pd.DataFrame:
    """The census rows with place ids and parsed polygons (shapely), in file order; the index
    is the CSV line number (header = 1)."""
    path = raw / FILE
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    frame.index = range(2, len(frame) + 2)
    cities = china_cities(raw)
    frame["place_id"] = cities["place_id"].to_numpy()
    frame["name_en"] = cities["name_en"].to_numpy()
    frame["parent_id"] = cities["parent_id"].to_numpy()
    geoms = shapely.from_wkt(frame["coord"].to_numpy(), on_invalid="ignore")
    for line, geom in zip(frame.index, geoms, strict=True):
        if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise fail(path, line, "coord", "not a WKT polygon")
    frame["geometry"] = geoms
    return frame


def city_places(raw: Path) -> list[dict]:
    """Prefecture cities, plus the county-level units the census lists beside them (Hainan's,
    Hubei's, Henan's and the Xinjiang Production Corps' cities under the province): those are
    places for the map but do not count as cities (is_city false)."""
    rows = []
    for _, row in census_table(raw).iterrows():
        if row["place_id"] in _PROVINCE_IDS:
            continue
        point = row["geometry"].representative_point()
        rows.append({"place_id": row["place_id"], "kind": "city",
                     "name_en": row["name_en"],
                     "name_zh": row["city"], "parent_id": row["parent_id"],
                     "lat": round(point.y, 4), "lon": round(point.x, 4),
                     "is_city": row["city_code"].endswith("00")})
    return rows


def extract(raw: Path) -> Contribution:
    path = raw / FILE
    observations = []
    for line, row in census_table(raw).iterrows():
        if row["place_id"] in _SARS:
            continue
        for year in (2010, 2020):
            column = f"popu_{year}"
            if row[column].strip() == "":  # not published for this unit (XPCC cities, Sansha)
                continue
            observations.append({"place_id": row["place_id"], "indicator_id": "population",
                                 "year": year, "value": to_number(row[column], path, line, column),
                                 "source_id": SOURCE_ID, "note": META.texts[str(year)]})
    return Contribution(sources=list(META.sources.values()), places=city_places(raw),
                        observations=observations)
