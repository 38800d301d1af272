"""Every place of one level ranked on one indicator in one year."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import levels, rankings, url
from dashboard.data.atlas import Atlas
from dashboard.registry import Page
from dashboard.url import Choice, Chosen, Flag, fixed, param
from dashboard.views import View

# What each level is best known for being ranked on.
DEFAULT_INDICATORS = {"province": "rd_intensity", "city": "rd_intensity",
                      "cluster": "gii_cluster_rank", "country": "gii_rank"}


def _indicators(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str]:
    options = levels.indicators(atlas, chosen["level"])
    default = DEFAULT_INDICATORS[chosen["level"]]
    return options, default if default in options else options[0]


def _years(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int | None]:
    years, best = levels.years(atlas, chosen["level"], chosen["indicator"], chosen["weak"])
    return years, best if best in years else (years[-1] if years else None)


def _since(atlas: Atlas, chosen: Chosen) -> tuple[list[int], int | None]:
    years, _ = levels.years(atlas, chosen["level"], chosen["indicator"], chosen["weak"])
    earlier = [y for y in years if chosen["year"] is not None and y < chosen["year"]]
    return earlier, earlier[-1] if earlier else None


def _groups(atlas: Atlas, chosen: Chosen) -> tuple[list, None]:
    return [None, *rankings.filters(atlas, chosen["level"])[1]], None


def _parents(atlas: Atlas, chosen: Chosen) -> tuple[list, None]:
    parents = rankings.filters(atlas, chosen["level"])[0]
    return ([None, *parents] if parents else []), None  # cities by province, clusters by economy


@dataclass(frozen=True)
class Spec(url.Spec):
    level: str = param(Choice(), fixed(list(levels.LEVELS), "province"))
    indicator: str = param(Choice(), _indicators)
    weak: bool = param(Flag())
    year: int | None = param(Choice(), _years)
    since: int | None = param(Choice(), _since)
    group: str | None = param(Choice(pinned=False), _groups)
    parent: str | None = param(Choice(pinned=False), _parents)


@dataclass(frozen=True, eq=False)
class RankingView(View):
    ranking: rankings.Ranking | None = None  # None: no year has figures


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> RankingView:
    if spec.year is None:
        return RankingView()
    return RankingView(ranking=rankings.build(atlas, spec.level, spec.indicator, spec.year,
                                              spec.since, spec.parent, spec.group, spec.weak,
                                              lang))


# A table, not a chart: nothing for a slide or an embed to show.
PAGE = Page("rankings", "pages/rankings.py", ":material/format_list_numbered:", 60, Spec, build,
            charts=False)
