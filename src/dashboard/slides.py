"""A page's charts rebuilt from a link's parameters alone, without Streamlit: what a deck
exports. Each page's defaults are defined here and read by the page itself, so a slide and the
page it was saved from show the same view. Parameters are read by the same parsers as the
pages (:mod:`dashboard.state`); a value a page would drop with a notice falls back to its
default here too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from dashboard import composite, levels, peer_groups, views
from dashboard import relationships as rel
from dashboard.charts import Chart
from dashboard.state import MAX_PLACES, MODES, ids, parse_choice, parse_span, upgrade
from dashboard.topics import TOPICS
from dashboard.views import Atlas

Params = Mapping[str, Sequence[str]]

COMPARE_PLACES = ("CN-110000", "CN-440100", "CN-440300")
COMPARE_INDICATOR = "rd_expenditure"
MAP_INDICATOR = "rd_intensity"
PROFILE_PLACE = "CN-110000"
PROFILE_FIRST_CHARTS = 6  # a topic's further small multiples wait in an expander
CLUSTERS = ("GII-shenzhen-hong-kong-guangzhou", "GII-beijing", "GII-shanghai-suzhou",
            "GII-tokyo-yokohama")
ECONOMIES = ("CHN", "USA", "DEU", "JPN", "KOR")


def _ids(params: Params, name: str, offered: Sequence[str], default: Sequence[str],
         most: int | None = MAX_PLACES) -> tuple[str, ...]:
    wanted = [p for p in ids(params.get(name, [])) if p in set(offered)][:most]
    return tuple(wanted) if wanted else tuple(p for p in default if p in set(offered))[:most]


def _places(atlas: Atlas, params: Params, offered: Sequence[str],
            default: Sequence[str]) -> tuple[str, ...]:
    """``places=``, else the members of ``group=`` among ``offered`` (as the place picker
    reads a link: its places win over its group), else ``default``."""
    groups = peer_groups.by_id(atlas.data.groups)
    group = _one(params, "group", list(groups), None)
    if not params.get("places") and group is not None:
        members = [p for p in peer_groups.members(groups[group]) if p in set(offered)]
        if members:
            return tuple(members[:MAX_PLACES])
    return _ids(params, "places", offered, default)


def _one(params: Params, name: str, options: Sequence, default: object) -> object:
    """One of ``options`` (ids or years, compared as text); ``default`` if absent or not one."""
    by_text = {str(o): o for o in options}
    raw = params.get(name)
    value, _ = parse_choice(raw[-1], name, list(by_text)) if raw else (None, None)
    return by_text[value] if value is not None else default


def _flag(params: Params, name: str) -> bool:
    return bool(params.get(name)) and params[name][-1].lower() == "true"


def _span(params: Params, lo: int, hi: int) -> tuple[int, int]:
    span, _ = parse_span(params["years"], "years", lo, hi) if params.get("years") else (None, None)
    return span or (lo, hi)


def compare(atlas: Atlas, params: Params, lang: str, present: bool) -> dict[str, Chart]:
    places = _places(atlas, params, atlas.places, COMPARE_PLACES)
    options = atlas.indicators_for(places)
    indicator = _one(params, "indicator", options,
                     COMPARE_INDICATOR if COMPARE_INDICATOR in options else options[0])
    mode = _one(params, "mode", MODES, MODES[0])
    hide_weak = _flag(params, "weak")
    years = views.compare_years(atlas, places, indicator, hide_weak)
    span = _span(params, years[0], years[-1]) if len(years) > 1 else None
    base = None
    if mode == "indexed" and years:
        in_span = [y for y in years if span is None or span[0] <= y <= span[1]]
        base = _one(params, "base", in_span, in_span[0])
    lines, bar_years, best_year = views.compare_lines(atlas, places, indicator, mode, span,
                                                      base, hide_weak, lang, present)
    shown = {"compare-lines": lines.chart}
    if bar_years:
        year = _one(params, "year", bar_years, best_year if best_year in bar_years
                    else bar_years[-1])
        shown["compare-bars"] = views.compare_bars(atlas, places, indicator, mode, span, base,
                                                   hide_weak, year, lang, present)[0]
    return shown


def clusters(atlas: Atlas, params: Params, lang: str, present: bool) -> dict[str, Chart]:
    hide_weak = _flag(params, "weak")
    editions, cluster_ids, economy_ids = views.cluster_options(atlas, hide_weak)
    shown = {}
    if editions:
        edition = _one(params, "year", editions, editions[-1])
        shown["clusters-map"] = views.cluster_map(atlas, edition, hide_weak, lang, present)
    chosen = _places(atlas, params, cluster_ids, CLUSTERS)
    economies = _ids(params, "economies", economy_ids, ECONOMIES)
    shown["clusters-history"] = views.cluster_series(
        atlas, "gii_cluster_rank", "cluster", chosen, hide_weak, lang, present).chart
    shown["clusters-counts"] = views.cluster_series(
        atlas, "gii_clusters_in_top100", "country", economies, hide_weak, lang, present).chart
    return shown


def china_map(atlas: Atlas, params: Params, lang: str, present: bool) -> dict[str, Chart]:
    level = _one(params, "level", list(levels.MAP_LEVELS), "province")
    options = levels.indicators(atlas, level)
    indicator = _one(params, "indicator", options,
                     MAP_INDICATOR if MAP_INDICATOR in options else options[0])
    years, best = levels.years(atlas, level, indicator)
    year = _one(params, "year", years, best if best in years else years[-1])
    return {"china-map": views.china_map(atlas, level, indicator, year, lang, present)}


def profile(atlas: Atlas, params: Params, lang: str, present: bool) -> dict[str, Chart]:
    place = _one(params, "places", atlas.places, PROFILE_PLACE)
    topics = views.profile_topics(atlas, place)
    topic = _one(params, "topic", topics, topics[0]) if topics else None
    shown = views.profile(atlas, place, topic, lang, present,
                          _one(params, "year", views.fact_years(atlas, place), None))
    charts = {"profile-milestones": shown.timeline} if shown.timeline else {}
    charts |= {f"profile-{indicator}": chart
               for indicator, chart in shown.multiples[:PROFILE_FIRST_CHARTS]}
    if shown.peers:
        charts["profile-peers"] = shown.peers
    return charts


def topics(atlas: Atlas, params: Params, lang: str, present: bool) -> dict[str, Chart]:
    topic = _one(params, "topic", list(TOPICS), next(iter(TOPICS)))
    options = views.topic_indicators(atlas, topic)
    indicator = _one(params, "indicator", options, options[0])
    province_map, lines = views.topic_view(atlas, topic, indicator, _flag(params, "weak"), lang,
                                           present)
    shown = {f"topic-{topic}-map": province_map} if province_map else {}
    return {**shown, f"topic-{topic}-lines": lines.chart}


def relationships(atlas: Atlas, params: Params, lang: str, present: bool) -> dict[str, Chart]:
    level = _one(params, "level", list(levels.LEVELS), "province")
    options = rel.level_indicators(atlas, level)
    default_x, default_y, default_size = rel.default_axes(level, options)
    x, y = _one(params, "x", options, default_x), _one(params, "y", options, default_y)
    size = _one(params, "size", ["", *options], default_size)
    tolerance = _one(params, "tol", list(rel.TOLERANCES), 1)
    years, best = rel.years(atlas, level, x, y, tolerance)
    if not years:
        return {}
    picked = _places(atlas, params, levels.level_places(atlas, level), ())
    return {"relationships": rel.build(
        atlas, level, x, y, size, _one(params, "year", years, best), tolerance,
        _flag(params, "log"), _one(params, "colour", list(rel.COLOURS), "region"), picked, lang,
        present)}


def innovation_index(atlas: Atlas, params: Params, lang: str, present: bool) -> dict[str, Chart]:
    presets = composite.presets(atlas)
    preset_id = _one(params, "preset", list(presets), "")
    start = composite.preset_start(atlas, preset_id) if preset_id else None
    # A link's own level, year and inputs win over its preset's, as on the page.
    level = _one(params, "level", list(levels.LEVELS), start.level if start else "province")
    years, best = composite.index_years(atlas, level)
    if not years:
        return {}
    year = _one(params, "year", years, start.year if start and start.year in years else best)
    offered = composite.enough(atlas, level, year)
    parts = composite.parse_spec(params["ind"][-1], offered)[0] if params.get("ind") else []
    parts = parts or (list(start.parts) if start else composite.default_parts(offered))
    if not parts:
        return {}
    matched = next((p for p, known in presets.items() if known.matches(level, parts)), "")
    out = composite.build(atlas, level, year, tuple(parts),
                          _one(params, "norm", list(composite.NORMS), composite.NORMS[0]),
                          _flag(params, "gaps"), lang, present, matched)
    return {"index-map": out.map, "index-bars": out.bars, "index-ranges": out.ranges}


# page key → (its charts from a link, the parameters it reads besides the global ones)
def data(atlas: Atlas, params: Params, lang: str, present: bool) -> dict[str, Chart]:
    chart, _ = views.core_grid(atlas, lang)
    return {"core-grid": chart}


PAGES: dict[str, tuple[Callable[[Atlas, Params, str, bool], dict[str, Chart]],
                       tuple[str, ...]]] = {
    "clusters": (clusters, ("places", "group", "economies", "year", "weak")),
    "china_map": (china_map, ("level", "indicator", "year", "places")),
    "profile": (profile, ("places", "topic", "year")),
    "compare": (compare, ("places", "group", "indicator", "mode", "years", "base", "year",
                          "weak")),
    "topics": (topics, ("topic", "indicator", "weak")),
    "relationships": (relationships, ("level", "x", "y", "size", "tol", "log", "colour",
                                      "places", "group", "year")),
    "innovation_index": (innovation_index, ("level", "year", "norm", "gaps", "ind", "preset")),
    "data": (data, ()),  # the core grid: the page's filters shape its table, not the chart
}


def charts_for(atlas: Atlas, page: str, params: Params, lang: str,
               present: bool) -> dict[str, Chart]:
    """The charts ``page`` draws for ``params``, by the keys the page gives them."""
    build, _ = PAGES[page]
    return build(atlas, upgrade(params, page) or params, lang, present)
