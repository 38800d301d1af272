"""Nature Index 2021 annual tables: the top 500 academic institutions (lyner96/nature-index-map).

Institution places (INST-<slug>) under their country, and their Share (fractional count) for
2019 and 2020 and Count (article count) for 2020. Grade reprint: a third party's copy of the
Nature Index tables. The coordinates were geocoded by the repo author (Google Geocoding API),
not published by Nature; a dozen are in the wrong country (e.g. Northeastern University,
Shenyang, geocoded to Boston), so coordinates far from the country's outline are left empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pycountry
import shapely

from dashboard.etl import curation, meta
from dashboard.etl.common import Contribution, country_place, fail, slug, to_number
from dashboard.etl.geo import world_countries

FILE = Path("nature-index") / "nature_index_2021_academic_top500_with_coords_lyner96.csv"
SOURCE_ID = "natureindex-2021"

# Country labels pycountry's lookup and fuzzy search cannot resolve (economies.csv, by
# lowercased name).
_COUNTRY_ISO3, _, _ = curation.economies()
# Degrees from the country's 1:110m outline beyond which a geocode is wrong: correct ones sit
# within 6° (islands missing at that scale, e.g. Okinawa), wrong ones 50° or more away.
_MAX_OFFSET = 10.0

META = meta.load(__file__)

_MEASURES = [  # column, indicator, year
    ("Share 2019", "nature_index_share", 2019),
    ("Share 2020", "nature_index_share", 2020),
    ("Count 2020", "nature_index_count", 2020),
]


def _iso3(country: str, path: Path, line: int) -> str:
    if country.lower() in _COUNTRY_ISO3:
        return _COUNTRY_ISO3[country.lower()]
    try:
        return pycountry.countries.lookup(country).alpha_3
    except LookupError:
        matches = _fuzzy(country)
    if len(matches) != 1:
        raise fail(path, line, "Country", f"'{country}' does not name one country")
    return matches[0]


def _fuzzy(country: str) -> list[str]:
    try:
        return [c.alpha_3 for c in pycountry.countries.search_fuzzy(country)]
    except LookupError:
        return []


def _institution_id(name: str) -> str:
    """Slug of the name without its trailing abbreviation: 'Peking University (PKU)' →
    'peking-university'."""
    return slug(re.sub(r"\s*\([^)]*\)\s*$", "", name))


def extract(raw: Path) -> Contribution:
    path = raw / FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.index = range(2, len(frame) + 2)
    frame["iso3"] = [_iso3(c.strip(), path, line) for line, c in frame["Country"].items()]
    frame["slug"] = frame["Institution"].map(_institution_id)
    # Two institutions share a name (Northeastern University, USA and China): add the country.
    clash = frame["slug"].duplicated(keep=False)
    frame.loc[clash, "slug"] += "-" + frame.loc[clash, "iso3"].str.lower()

    outlines = world_countries(raw)
    places, observations = [], []
    for line, row in frame.iterrows():
        place_id = f"INST-{row['slug']}"
        lat = to_number(row["lat"], path, line, "lat")
        lon = to_number(row["lng"], path, line, "lng")
        outline = outlines.get(row["iso3"])
        if outline is not None and outline.distance(shapely.Point(lon, lat)) > _MAX_OFFSET:
            lat = lon = None
        places.append({"place_id": place_id, "kind": "institution",
                       "name_en": row["Institution"].strip(), "name_zh": None,
                       "parent_id": row["iso3"],
                       "lat": None if lat is None else round(lat, 4),
                       "lon": None if lon is None else round(lon, 4), "is_city": False})
        for column, indicator_id, year in _MEASURES:
            observations.append({
                "place_id": place_id, "indicator_id": indicator_id, "year": year,
                "value": to_number(row[column], path, line, column), "source_id": SOURCE_ID,
                "note": META.texts["listed"].format(year=year)})
    countries = [country_place(iso3) for iso3 in sorted(set(frame["iso3"]))]
    return Contribution(sources=list(META.sources.values()),
                        places=countries + places, observations=observations)
