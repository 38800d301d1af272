"""The curated topic pages: which indicators each shows and which places it follows."""

from __future__ import annotations

from dataclasses import dataclass

FOCUS = ("CN-110000", "CN-440100", "CN-440300", "CN-310000", "CN-440000")


@dataclass(frozen=True)
class Topic:
    indicators: tuple[str, ...]
    focus_places: tuple[str, ...] = FOCUS


TOPICS: dict[str, Topic] = {
    "incubators": Topic(("incubators", "incubatees", "makerspaces")),
    "high_tech": Topic(("hightech_enterprises_recognised", "hightech_enterprises_stock",
                        "hightech_industry_revenue")),
    "talent": Topic(("rd_personnel_fte", "universities", "researchers_per_million")),
}
