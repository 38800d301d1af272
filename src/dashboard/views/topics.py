"""Curated views per topic: the provinces on a map, the topic's focus places over time."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import charts, query, takeaways, url
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.levels import LEVELS, at_level
from dashboard.registry import Page
from dashboard.topics import TOPICS
from dashboard.url import Choice, Chosen, Flag, fixed, param
from dashboard.views import View, drawn


def topic_indicators(atlas: Atlas, topic: str) -> list[str]:
    available = set(atlas.lookups.indicators) & set().union(*atlas.by_place.values())
    return [i for i in TOPICS[topic].indicators if i in available]


def _indicators(atlas: Atlas, chosen: Chosen) -> tuple[list[str], str | None]:
    options = topic_indicators(atlas, chosen["topic"])
    return options, options[0] if options else None


@dataclass(frozen=True)
class Spec(url.Spec):
    topic: str = param(Choice(), fixed(list(TOPICS)))
    indicator: str = param(Choice(), _indicators)
    weak: bool = param(Flag())


@dataclass(frozen=True, eq=False)
class TopicView(View):
    note: str = ""  # under the lines


def build(atlas: Atlas, spec: Spec, lang: str, present: bool) -> TopicView:
    """Provinces in the latest year with figures (no map without any), and the topic's focus
    places over time."""
    rows = query.select(atlas.facts, indicators=[spec.indicator], include_weak=not spec.weak)
    higher = atlas.higher_is_better(spec.indicator)
    style = charts.Style.for_view(present)
    provinces = rows[at_level(rows, "province")]
    shown, problem = {}, ""
    if not provinces.empty:
        year = int(provinces["year"].max())
        latest = provinces[provinces["year"] == year]
        title = t("map_title", lang).format(what=atlas.indicator_name(spec.indicator, lang),
                                            level=t("in_level_province", lang), year=year)

        def province_map() -> charts.Chart:
            fig = charts.choropleth(latest, atlas.shapes(LEVELS["province"].layer), title,
                                    lang, style=style)
            return charts.Chart.of(fig, latest, lang,
                                   takeaways.latest_comparison(latest, lang, higher))

        shown, problem = drawn(f"topic-{spec.topic}-map", province_map)
    focus_places = TOPICS[spec.topic].focus_places
    focus = rows[rows["place_id"].isin(focus_places)]
    present_ids = [p for p in focus_places if p in set(focus["place_id"].astype(str))]
    fig = charts.line_chart(focus, atlas.title(spec.indicator, present_ids, focus, lang), lang,
                            style=style, reverse=not higher, order=present_ids)
    shown[f"topic-{spec.topic}-lines"] = charts.Chart.of(fig, focus, lang,
                                                         takeaways.describe(focus, lang, higher))
    return TopicView(shown, problem, atlas.absent(focus_places, focus, lang))


PAGE = Page("topics", "pages/topics.py", ":material/category:", 90, Spec, build)
