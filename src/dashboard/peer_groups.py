"""Peer groups of the data package (``groups.csv``): their members, names, and one figure
summing up a group, a total where the indicator adds up, else a median. No Streamlit here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.data.contract import MEMBER_SEPARATOR
from dashboard.i18n import name
from dashboard.url import MAX_PLACES, Choices, Chosen

# How a group is summed up: a total where figures add up, else a median.
METHODS = ("total", "median")


def by_id(groups: pd.DataFrame) -> dict[str, dict]:
    """Each group's row by id, in the file's order."""
    return {row["group_id"]: row for row in groups.to_dict("records")}


def members(group: dict) -> list[str]:
    return str(group["members"]).split(MEMBER_SEPARATOR)


def label(group: dict, lang: str) -> str:
    return name(group, "name", lang)


@dataclass(frozen=True)
class Summary:
    """One figure for a group: ``method`` is one of METHODS; ``value`` is None when a
    total lacks a member's figure (a partial sum would read as the group's) or no member has
    one. ``have`` of ``of`` members have a figure."""

    method: str
    value: float | None
    have: int
    of: int


def summarise(values: pd.Series, member_ids: list[str], additive: bool) -> Summary:
    """``values``: one figure per place id (one year). A total needs every member's figure;
    a median is of the members that have one."""
    present = values[values.index.isin(member_ids)].dropna()
    have, of = len(present), len(member_ids)
    if additive:
        return Summary(METHODS[0], float(present.sum()) if have == of and of else None, have,
                       of)
    return Summary(METHODS[1], float(present.median()) if have else None, have, of)


# -- As link parameters: a page's group= and the places it selects ------------------------------

Offered = Callable[[Any, Chosen], Sequence[str]]


def group_choices(offered: Offered) -> Choices:
    """No group, or a group with members among the places ``offered``."""
    def choices(atlas: Any, chosen: Chosen) -> tuple[list, None]:
        places = set(offered(atlas, chosen))
        return [None, *(g for g, spec in by_id(atlas.data.groups).items()
                        if places.intersection(members(spec)))], None
    return choices


def place_choices(offered: Offered, default: Sequence[str], most: int | None = MAX_PLACES
                  ) -> Choices:
    """The places ``offered``; by default the chosen group's members among them (the first
    ``most``), else ``default``."""
    def choices(atlas: Any, chosen: Chosen) -> tuple[list[str], tuple[str, ...]]:
        places = list(offered(atlas, chosen))
        if (group := chosen.get("group")) is not None:
            picked = [p for p in members(by_id(atlas.data.groups)[group]) if p in set(places)]
            if picked:
                return places, tuple(picked[:most])
        return places, tuple(p for p in default if p in set(places))[:most]
    return choices
