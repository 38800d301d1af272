"""The geography levels the pages compare places at (Rankings, Relationships, the Index builder,
the China map and their slides): which places each holds, its name and the boundary layer
that draws it. The keys are the values of the ``level=`` URL parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import query
from dashboard.data.atlas import Atlas


@dataclass(frozen=True)
class Level:
    kinds: tuple[str, ...]  # the place kinds it holds
    # Every place id at the level starts with it: CN- keeps China's own provinces and cities;
    # GII- keeps the ranked GII clusters and leaves out the GIHI hubs, which are no GII cluster
    # and only have a hub rank.
    prefix: str
    label: str  # the text key of its name
    layer: str | None = None  # the boundary layer of the China map at this level


# Municipalities are compared both among provinces and among cities, as the China map draws them.
LEVELS: dict[str, Level] = {
    "province": Level(("province", "municipality"), "CN-", "level_province", "china_provinces"),
    "city": Level(("city", "municipality"), "CN-", "level_city", "china_cities"),
    "cluster": Level(("cluster",), "GII-", "level_cluster"),
    "country": Level(("country",), "", "level_country"),
}
# The China map offers the levels it has boundaries for.
MAP_LEVELS = tuple(key for key, level in LEVELS.items() if level.layer)


def at_level(rows: pd.DataFrame, level: str) -> pd.Series:
    """Which of ``rows`` (with ``place_id`` and ``kind``: places or facts) are of ``level``."""
    spec = LEVELS[level]
    return rows["kind"].isin(spec.kinds) & rows["place_id"].astype(str).str.startswith(
        spec.prefix)


def level_rows(atlas: Atlas, level: str, indicator: str | None = None,
               hide_weak: bool = False) -> pd.DataFrame:
    """The preferred figures of the places of ``level`` (of one indicator, if given)."""
    rows = query.select(atlas.facts, kinds=LEVELS[level].kinds, include_weak=not hide_weak,
                        indicators=None if indicator is None else [indicator])
    return rows[at_level(rows, level)]


def level_places(atlas: Atlas, level: str) -> list[str]:
    """The places of ``level`` with any figure, in the pickers' order."""
    places = atlas.data.places
    ids = set(places.loc[at_level(places, level), "place_id"].astype(str))
    return [p for p in atlas.places if p in ids]


def indicators(atlas: Atlas, level: str) -> list[str]:
    """The indicators with figures at ``level``, by topic then name."""
    return query.ordered_indicators(level_rows(atlas, level), atlas.lookups.indicators)


def years(atlas: Atlas, level: str, indicator: str,
          hide_weak: bool = False) -> tuple[list[int], int | None]:
    """The years with figures, and the one a page opens on: the year with figures for the
    most places (the latest such year on a tie), as a lone place's newer figure would leave a
    ranking or map almost empty."""
    rows = level_rows(atlas, level, indicator, hide_weak)
    return (sorted(int(y) for y in rows["year"].unique()),
            None if rows.empty else query.best_year(rows))
