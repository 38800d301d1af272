"""Global Innovation Hubs Index ranks (国际科技创新中心指数, Tsinghua CIDEG × Springer Nature), as
harvested from public pages into the project's ``sources/gii-ranks/gihi_ranks.csv``.

Only overall ranks were found (top 20 of the 2021–2023 editions, three of 2024), from report
mirrors and news pages; each page is one source with the harvester's grade. Beijing and
Shanghai are the municipalities; the other hubs (metropolitan areas and the Greater Bay Area, as
GIHI names them) are places of their own, kind "cluster", under their country.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from dashboard.data.contract import GRADES
from dashboard.etl import curation, meta
from dashboard.etl.common import (
    PROJECT_SOURCES,
    Contribution,
    fail,
    leading_date,
    page_id,
    slug,
    to_number,
)
from dashboard.etl.gii import _iso3_or_fail, city_point

FILE = Path("gii-ranks") / "gihi_ranks.csv"
# Hubs that are places the atlas already has.
KNOWN_PLACES, _ = curation.renames("gihi_places.csv", "hub", "place_id")
META = meta.load(__file__)


def source_id(url: str) -> str:
    return page_id("gihi", url)


def place_id(city_en: str) -> str:
    return KNOWN_PLACES.get(city_en) or "GIHI-" + slug(city_en)


def extract(raw: Path, project: Path = PROJECT_SOURCES) -> Contribution:
    path = project / FILE
    out = Contribution()
    if not path.exists():
        return out
    sources: dict[str, dict] = {}
    places: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["indicator"] != "rank":
                raise fail(path, line, "indicator", f"unknown indicator '{row['indicator']}'")
            if row["grade"] not in GRADES:
                raise fail(path, line, "grade", f"'{row['grade']}' is not one of "
                                                f"{', '.join(GRADES)}")
            url = row["url"].strip()
            if not url.startswith(("http://", "https://")):
                raise fail(path, line, "url", f"'{url}' is not a web address")
            iso3 = _iso3_or_fail(row["country"], path, line, "country")
            place = place_id(row["city_en"])
            if place.startswith("GIHI-") and place not in places:
                point = city_point(re.split(r"-(?=[A-Z])", row["city_en"])[0], iso3)
                places[place] = {"place_id": place, "kind": "cluster",
                                 "name_en": row["city_en"], "name_zh": row["city_zh"],
                                 "parent_id": iso3, "lat": point[0] if point else None,
                                 "lon": point[1] if point else None, "is_city": False}
            sid = source_id(url)
            source = sources.setdefault(sid, META.source(
                "page", source_id=sid, title=row["page_title"], carrier=row["publisher"],
                url=url, published=leading_date(row["page_date"]),
                date=row["page_date"] or "undated", grade=row["grade"]))
            source["grade"] = max(source["grade"], row["grade"], key=GRADES.index)
            out.observations.append({
                "place_id": place, "indicator_id": "gihi_rank",
                "year": int(to_number(row["edition"], path, line, "edition")),
                "value": to_number(row["value"], path, line, "value"), "source_id": sid,
                "evidence": row["evidence"], "note": f"GIHI {row['edition']} edition."})
    out.sources = list(sources.values())
    out.places = list(places.values())
    for obs in out.observations:
        obs["grade"] = sources[obs["source_id"]]["grade"]
    return out
