"""What each page shows, from what its controls say: figures, tables, takeaways and source
lines. Pure functions of the data package (:class:`Atlas`) and plain values, no Streamlit, so
``ui.cached`` can cache each one by its arguments and tests can call them directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import charts, grid, i18n, query, takeaways
from dashboard.data.load import Dataset, load_dataset, load_geojson
from dashboard.i18n import t
from dashboard.levels import LEVELS, at_level, level_rows
from dashboard.topics import TOPICS

TOPIC_ORDER = ("research", "high_tech", "incubators", "talent", "clusters", "context")
PEER_INDICATOR = "population"
PREVIEW_ROWS = 2000


def _rings_as_arrays(coords: list) -> list | np.ndarray:
    if coords and isinstance(coords[0][0], int | float):
        return np.asarray(coords, dtype=float)
    return [_rings_as_arrays(c) for c in coords]


@dataclass(eq=False)
class Atlas:
    """The data package with the lookups every view needs, built once per package."""

    directory: Path
    data: Dataset
    facts: pd.DataFrame
    lookups: query.Lookups
    by_place: dict[str, frozenset[str]]  # indicators with a figure, per place
    places: list[str]  # places with a figure: cities first, then wider areas
    labels: dict[str, dict[str, str]]  # per language: 'Guangzhou (city)'
    _shapes: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> Atlas:
        data = load_dataset(directory)
        lookups = query.lookups(data)
        by_place = query.indicators_by_place(data.observations)
        return cls(directory, data, query.facts(data), lookups, by_place,
                   query.places_in_order(lookups.places, by_place),
                   {lang: i18n.place_labels(data.places, lang) for lang in ("en", "zh")})

    def shapes(self, layer: str) -> dict:
        """A boundary layer, rings as numpy arrays: plotly deep-copies boundaries several
        times per map, and arrays copy far faster than nested lists (the JSON is the same).
        Raises DataValidationError if the file is unusable."""
        if layer not in self._shapes:
            shapes = load_geojson(layer, self.directory)
            for feature in shapes["features"]:
                geometry = feature["geometry"]
                geometry["coordinates"] = _rings_as_arrays(geometry["coordinates"])
            self._shapes[layer] = shapes
        return self._shapes[layer]

    def place_name(self, place_id: str, lang: str) -> str:
        row = self.lookups.places.get(place_id)
        return place_id if row is None else i18n.name(row, "name", lang)

    def place_label(self, place_id: str, lang: str) -> str:
        return self.labels[lang].get(place_id, place_id)

    def indicator_name(self, indicator_id: str, lang: str) -> str:
        return i18n.name(self.lookups.indicators[indicator_id], "name", lang)

    def indicator_label(self, indicator_id: str, lang: str) -> str:
        """'R&D expenditure (CNY 100m)', as pickers show indicators."""
        spec = self.lookups.indicators[indicator_id]
        if lang == "zh":
            return f"{spec['name_zh']}({spec['unit_zh']})"
        return f"{spec['name_en']} ({spec['unit']})"

    def higher_is_better(self, indicator_id: str) -> bool:
        return bool(self.lookups.indicators[indicator_id]["higher_is_better"])

    def indicators_for(self, place_ids: Sequence[str]) -> list[str]:
        """Indicators with a figure for any of the places (all indicators if none)."""
        found = set().union(*(self.by_place.get(p, frozenset())
                              for p in place_ids or self.by_place))
        return query.in_topic_order(self.lookups.indicators, found)

    def title(self, indicator_id: str, place_ids: Sequence[str], rows: pd.DataFrame,
              lang: str) -> str:
        """What, where and when: 'R&D expenditure · Beijing, Guangzhou · 2010–2023'."""
        return charts.chart_title(self.indicator_name(indicator_id, lang),
                                  [self.place_name(p, lang) for p in place_ids], rows)

    def absent(self, place_ids: Sequence[str], rows: pd.DataFrame, lang: str) -> str:
        """'No figures for: Hangzhou' for the places without a row, or ''."""
        have = set(rows["place_id"].astype(str))
        names = [self.place_name(p, lang) for p in place_ids if p not in have]
        return t("no_figures_for", lang).format(names=", ".join(names)) if names else ""


@dataclass(frozen=True, eq=False)
class Panel:
    """A chart and the note under it (places without figures, what was left out)."""

    chart: charts.Chart
    note: str = ""


# -- Overview ------------------------------------------------------------------------------------


def headlines(atlas: Atlas, places: tuple[str, ...],
              indicators: tuple[str, ...]) -> pd.DataFrame:
    """The figure each place shows per indicator, side by side: from the latest year every
    place has a figure for, else each place's latest, with ``same_year`` False to flag it."""
    rows = query.select(atlas.facts, places=places, indicators=indicators)
    return query.latest_shared(rows)


def coverage(atlas: Atlas, lang: str) -> pd.DataFrame:
    """Indicator × geography level: how many places, and which years."""
    ds = atlas.data
    cov = ds.coverage.merge(ds.indicators[["indicator_id", "name_en", "name_zh", "topic"]],
                            on="indicator_id")
    cov["cell"] = (cov["places"].astype(str) + " · " + cov["first_year"].astype(str) + "–"
                   + cov["last_year"].astype(str))
    cov["name"] = cov["name_zh"] if lang == "zh" else cov["name_en"]
    cov["kind"] = cov["kind"].map(lambda k: t(f"kind_{k}", lang))
    table = cov.pivot_table(index=["topic", "name"], columns="kind", values="cell",
                            aggfunc="first").reset_index()
    table["topic"] = table["topic"].map(lambda k: t(f"topic_{k}", lang))
    return table.rename(columns={"topic": t("topic", lang),
                                 "name": t("indicator", lang)}).fillna("–")


# -- Clusters ------------------------------------------------------------------------------------


def ranked(atlas: Atlas, indicator: str, kind: str, hide_weak: bool) -> pd.DataFrame:
    return query.select(atlas.facts, indicators=[indicator], kinds=[kind],
                        include_weak=not hide_weak)


def by_name(rows: pd.DataFrame) -> list[str]:
    """The places in ``rows``, by English name."""
    names = rows.drop_duplicates("place_id").sort_values("place_en", kind="stable")
    return names["place_id"].astype(str).tolist()


def cluster_options(atlas: Atlas, hide_weak: bool) -> tuple[list[int], list[str], list[str]]:
    """Editions, ranked clusters and economies with counts."""
    ranks = ranked(atlas, "gii_cluster_rank", "cluster", hide_weak)
    counts = ranked(atlas, "gii_clusters_in_top100", "country", hide_weak)
    return (sorted(int(y) for y in ranks["year"].unique()), by_name(ranks), by_name(counts))


def cluster_map(atlas: Atlas, edition: int, hide_weak: bool, lang: str,
                present: bool) -> charts.Chart:
    ranks = ranked(atlas, "gii_cluster_rank", "cluster", hide_weak)
    coords = atlas.data.places[["place_id", "lat", "lon"]]
    shown = ranks[ranks["year"] == edition]
    on_map = shown.assign(place_id=shown["place_id"].astype(str)).merge(
        coords, on="place_id").dropna(subset=["lat", "lon"])
    fig = charts.marker_map(on_map, atlas.shapes("world_countries"),
                            t("clusters_map_title", lang).format(year=edition, n=len(on_map)),
                            lang, style=charts.Style.for_view(present))
    return charts.Chart.of(fig, on_map, lang,
                           takeaways.latest_comparison(on_map, lang, higher_is_better=False))


def cluster_series(atlas: Atlas, indicator: str, kind: str, chosen: tuple[str, ...],
                   hide_weak: bool, lang: str, present: bool) -> Panel:
    """Rank history (lines, rank 1 on top) or top-100 counts (bars) of the chosen places."""
    rows = ranked(atlas, indicator, kind, hide_weak)
    shown = rows[rows["place_id"].isin(chosen)]
    title = atlas.title(indicator, chosen, shown, lang)
    style = charts.Style.for_view(present)
    if kind == "cluster":
        fig = charts.line_chart(shown, title, lang, style=style, reverse=True, order=chosen)
    else:
        fig = charts.grouped_bars(shown, title, lang, style=style)
    return Panel(charts.Chart.of(fig, shown, lang, takeaways.describe(
        shown, lang, atlas.higher_is_better(indicator))), atlas.absent(chosen, shown, lang))


# -- China map -----------------------------------------------------------------------------------


def china_map(atlas: Atlas, level: str, indicator: str, year: int, lang: str,
              present: bool) -> charts.Chart:
    rows = level_rows(atlas, level, indicator)
    shown = rows[rows["year"] == year]
    title = t("map_title", lang).format(what=atlas.indicator_name(indicator, lang),
                                        level=t(f"in_level_{level}", lang), year=year)
    fig = charts.choropleth(shown, atlas.shapes(LEVELS[level].layer), title, lang,
                            style=charts.Style.for_view(present))
    return charts.Chart.of(fig, shown, lang, takeaways.latest_comparison(
        shown, lang, atlas.higher_is_better(indicator)))


def latest_figures(atlas: Atlas, place_id: str, lang: str) -> pd.DataFrame:
    """A place's latest figure per indicator, with unit, year and source, for display."""
    latest = query.latest(query.select(atlas.facts, places=[place_id]))
    name_col = "indicator_zh" if lang == "zh" else "indicator_en"
    unit = "unit_zh" if lang == "zh" else "unit"
    return latest[[name_col, "value", unit, "year", "source_title", "grade"]].rename(columns={
        name_col: t("indicator", lang), "value": t("value", lang), unit: t("unit", lang),
        "year": t("year", lang), "source_title": t("source", lang), "grade": t("grade", lang)})


# -- Place profile -------------------------------------------------------------------------------


def profile_topics(atlas: Atlas, place_id: str) -> list[str]:
    found = set(query.select(atlas.facts, places=[place_id])["topic"].astype(str))
    return [topic for topic in TOPIC_ORDER if topic in found]


@dataclass(frozen=True, eq=False)
class Profile:
    multiples: list[tuple[str, charts.Chart]]
    milestones: list[tuple[str, str]]  # (headline, quote with its source)
    facts: list[tuple[str, str]]
    peers: charts.Chart | None
    timeline: charts.Chart | None = None  # the plan milestones on one time line


def fact_years(atlas: Atlas, place_id: str) -> list[int]:
    """Years with a quoted figure for the place."""
    rows = query.select(atlas.facts, places=[place_id], preferred_only=False)
    return sorted(int(y) for y in rows.loc[rows["evidence"].notna(), "year"].unique())


def profile(atlas: Atlas, place_id: str, topic: str | None, lang: str,
            present: bool, facts_year: int | None = None) -> Profile:
    """A place's small multiples on one topic, its quoted facts on that topic (or, given
    ``facts_year``, from that year on every topic), its plan milestones and the places of its
    level closest in population."""
    specs = atlas.lookups.indicators
    style = charts.Style.for_view(present)
    marks = query.milestones_for(atlas.data.milestones, place_id, lang)
    rows = query.select(atlas.facts, places=[place_id], topics=[topic] if topic else [])
    multiples = []
    for indicator in query.ordered_indicators(rows, specs):
        series = rows[rows["indicator_id"] == indicator]
        fig = charts.line_chart(series, atlas.title(indicator, [place_id], series, lang), lang,
                                style=style, milestones=marks,
                                reverse=not specs[indicator]["higher_is_better"])
        multiples.append((indicator, charts.Chart.of(fig, series, lang,
                                                     takeaways.change_since_first(series, lang))))
    facts = (_fact_texts(atlas, place_id, None, lang, facts_year) if facts_year
             else _fact_texts(atlas, place_id, topic, lang) if topic else [])
    return Profile(multiples, _milestone_texts(atlas, place_id, lang), facts,
                   _peer_chart(atlas, place_id, lang, style),
                   _milestone_chart(atlas, place_id, lang, style))


def _milestone_chart(atlas: Atlas, place_id: str, lang: str,
                     style: charts.Style) -> charts.Chart | None:
    ms = atlas.data.milestones
    rows = ms[ms["place_id"] == place_id]
    if rows.empty:
        return None
    sources = atlas.data.sources[["source_id", "title", "url"]].rename(
        columns={"title": "source_title", "url": "source_url"})
    rows = rows.merge(sources, on="source_id")
    title = charts.chart_title(t("milestones", lang), [atlas.place_name(place_id, lang)], rows)
    fig = charts.milestone_timeline(rows, title, lang, style=style)
    # Not downloadable: milestones are goals, not figures (the Data page lists the package's
    # files); their rows still cite the plan wherever the chart goes.
    return charts.Chart(fig, rows, t("milestones_takeaway", lang, n=len(rows),
                                     span=charts.year_span(rows)),
                        charts.source_links(rows, lang), downloadable=False)


def _milestone_texts(atlas: Atlas, place_id: str, lang: str) -> list[tuple[str, str]]:
    ms = atlas.data.milestones
    label = "label_zh" if lang == "zh" else "label_en"
    rows = ms[ms["place_id"] == place_id].sort_values("year").to_dict("records")
    return [(f"**{int(row['year'])}** · {row[label]}",
             f"“{row['evidence']}” — {atlas.lookups.sources[row['source_id']]['title']}")
            for row in rows]


def _fact_texts(atlas: Atlas, place_id: str, topic: str | None, lang: str,
                year: int | None = None) -> list[tuple[str, str]]:
    """Hand-collected figures, each with the exact phrase that states it, its source, grade:
    on one topic, or from one year."""
    rows = query.select(atlas.facts, places=[place_id], topics=[topic] if topic else None,
                        year=year, preferred_only=False)
    rows = rows[rows["evidence"].notna()].sort_values(["year", "indicator_id"])
    name_col = "indicator_zh" if lang == "zh" else "indicator_en"
    unit = "unit_zh" if lang == "zh" else "unit"
    texts = []
    for row in rows.to_dict("records"):
        link = charts.source_link(row["source_title"], row["source_url"])
        # One caption for quote and source (a Markdown line break between them).
        texts.append((f"**{row[name_col]}**, {int(row['year'])}: "
                      f"{charts.value_with_unit(row['value'], row[unit], lang)}",
                      f"“{row['evidence']}”  \n{link} · {t('grade', lang)}: "
                      f"{t('grade_' + str(row['grade']), lang)}"))
    return texts


def _peer_chart(atlas: Atlas, place_id: str, lang: str,
                style: charts.Style) -> charts.Chart | None:
    peers = query.peers(atlas.facts, place_id, PEER_INDICATOR, atlas.data.places)
    if peers.empty:
        return None
    fig = charts.bar_chart(peers, atlas.title(PEER_INDICATOR, peers["place_id"].tolist(), peers,
                                              lang), lang, style=style)
    return charts.Chart.of(fig, peers, lang, t("peers_caption", lang))


# -- Compare -------------------------------------------------------------------------------------


def compare_rows(atlas: Atlas, places: tuple[str, ...], indicator: str,
                 hide_weak: bool) -> pd.DataFrame:
    return query.select(atlas.facts, places=places, indicators=[indicator],
                        include_weak=not hide_weak)


def compare_years(atlas: Atlas, places: tuple[str, ...], indicator: str,
                  hide_weak: bool) -> list[int]:
    return sorted(int(y) for y in compare_rows(atlas, places, indicator, hide_weak)["year"]
                  .unique())


def _compared(atlas: Atlas, places: tuple[str, ...], indicator: str, mode: str,
              span: tuple[int, int] | None, base: int | None,
              hide_weak: bool) -> tuple[pd.DataFrame, list[str]]:
    """The rows a comparison shows, and the places indexing left out (no base-year figure)."""
    rows = compare_rows(atlas, places, indicator, hide_weak)
    if span is not None:
        rows = rows[rows["year"].between(*span)]
    if mode == "per_capita" and atlas.lookups.indicators[indicator]["per_capita"]:
        return query.per_capita(rows, atlas.facts), []
    if mode == "indexed" and base is not None:
        return query.index_to_base(rows, base)
    return rows, []


def compare_lines(atlas: Atlas, places: tuple[str, ...], indicator: str, mode: str,
                  span: tuple[int, int] | None, base: int | None, hide_weak: bool, lang: str,
                  present: bool) -> tuple[Panel, list[int], int | None]:
    """The places over time, the years a one-year view can show, and the one it starts on
    (the year with figures for the most places)."""
    shown, unindexed = _compared(atlas, places, indicator, mode, span, base, hide_weak)
    fig = charts.line_chart(shown, atlas.title(indicator, places, shown, lang), lang,
                            log=mode == "log", style=charts.Style.for_view(present),
                            order=places)
    chart = charts.Chart.of(fig, shown, lang, takeaways.describe(
        shown, lang, atlas.higher_is_better(indicator)))
    notes = [t("index_missing", lang).format(
        names=", ".join(atlas.place_name(p, lang) for p in unindexed))] if unindexed else []
    if note := atlas.absent([p for p in places if p not in unindexed], shown, lang):
        notes.append(note)
    return (Panel(chart, "  \n".join(notes)), sorted(int(y) for y in shown["year"].unique()),
            None if shown.empty else query.best_year(shown))


def compare_bars(atlas: Atlas, places: tuple[str, ...], indicator: str, mode: str,
                 span: tuple[int, int] | None, base: int | None, hide_weak: bool, year: int,
                 lang: str, present: bool) -> tuple[charts.Chart, pd.DataFrame]:
    """One year as bars (places without a figure named), and the ranking against the
    earliest year shown."""
    shown, _ = _compared(atlas, places, indicator, mode, span, base, hide_weak)
    higher = atlas.higher_is_better(indicator)
    one_year = shown[shown["year"] == year]
    have = set(one_year["place_id"].astype(str))
    fig = charts.bar_chart(one_year, atlas.title(indicator, places, one_year, lang), lang,
                           missing=[atlas.place_name(p, lang) for p in places if p not in have],
                           style=charts.Style.for_view(present))
    first = int(shown["year"].min())
    table = query.rank_table(shown, year, higher, first if first < year else None)
    return (charts.Chart.of(fig, one_year, lang,
                            takeaways.latest_comparison(one_year, lang, higher)),
            rank_frame(table, lang))


def rank_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A rank table with translated headers for display."""
    name_col = "place_zh" if lang == "zh" else "place_en"
    out = table[["rank", name_col, "value", "unit"]].rename(columns={
        "rank": t("rank", lang), name_col: t("place", lang), "value": t("value", lang),
        "unit": t("unit", lang)})
    if "rank_change" in table:
        # Signed text: "+2" moved up, "–" where the place had no rank in the earlier year.
        out[t("rank_change", lang)] = table["rank_change"].map(
            lambda c: "–" if pd.isna(c) else f"{int(c):+d}")
    return out


# -- Topics --------------------------------------------------------------------------------------


def topic_indicators(atlas: Atlas, topic: str) -> list[str]:
    available = set(atlas.lookups.indicators) & set().union(*atlas.by_place.values())
    return [i for i in TOPICS[topic].indicators if i in available]


def topic_view(atlas: Atlas, topic: str, indicator: str, hide_weak: bool, lang: str,
               present: bool) -> tuple[charts.Chart | None, Panel]:
    """Provinces in the latest year with figures (None without any), and the topic's focus
    places over time."""
    rows = query.select(atlas.facts, indicators=[indicator], include_weak=not hide_weak)
    higher = atlas.higher_is_better(indicator)
    style = charts.Style.for_view(present)
    provinces = rows[at_level(rows, "province")]
    province_map = None
    if not provinces.empty:
        year = int(provinces["year"].max())
        latest = provinces[provinces["year"] == year]
        title = t("map_title", lang).format(what=atlas.indicator_name(indicator, lang),
                                            level=t("in_level_province", lang), year=year)
        fig = charts.choropleth(latest, atlas.shapes(LEVELS["province"].layer), title, lang,
                                style=style)
        province_map = charts.Chart.of(fig, latest, lang,
                                       takeaways.latest_comparison(latest, lang, higher))
    focus_places = TOPICS[topic].focus_places
    focus = rows[rows["place_id"].isin(focus_places)]
    present_ids = [p for p in focus_places if p in set(focus["place_id"].astype(str))]
    fig = charts.line_chart(focus, atlas.title(indicator, present_ids, focus, lang), lang,
                            style=style, reverse=not higher, order=present_ids)
    lines = charts.Chart.of(fig, focus, lang, takeaways.describe(focus, lang, higher))
    return province_map, Panel(lines, atlas.absent(focus_places, focus, lang))


# -- Data & sources ------------------------------------------------------------------------------


def year_span(atlas: Atlas) -> tuple[int, int]:
    return int(atlas.facts["year"].min()), int(atlas.facts["year"].max())


def data_rows(atlas: Atlas, places: tuple[str, ...], indicators: tuple[str, ...],
              topics: tuple[str, ...], sources: tuple[str, ...], span: tuple[int, int],
              hide_weak: bool, every_source: bool) -> pd.DataFrame:
    """The observations the filters match (an empty filter matches everything)."""
    return query.select(atlas.facts, places=places or None, indicators=indicators or None,
                        topics=topics or None, sources=sources or None, years=span,
                        include_weak=not hide_weak, preferred_only=not every_source)


def data_preview(atlas: Atlas, places: tuple[str, ...], indicators: tuple[str, ...],
                 topics: tuple[str, ...], sources: tuple[str, ...], span: tuple[int, int],
                 hide_weak: bool, every_source: bool, lang: str) -> tuple[int, pd.DataFrame]:
    """How many rows match, and the first PREVIEW_ROWS as the download shows them."""
    rows = data_rows(atlas, places, indicators, topics, sources, span, hide_weak, every_source)
    return len(rows), query.download_table(rows.head(PREVIEW_ROWS), lang)


def sources_table(atlas: Atlas, lang: str) -> pd.DataFrame:
    """Every source with publisher, carrier (who republished it), link, licence, grade and how
    many figures cite it."""
    src = atlas.data.sources
    counts = atlas.data.observations.groupby("source_id").size()
    out = src[["source_id", "title", "publisher", "carrier", "published", "licence", "grade",
               "url"]].copy()
    out["figures"] = out["source_id"].map(counts).fillna(0).astype(int)
    out["grade"] = out["grade"].map(lambda g: t(f"grade_{g}", lang))
    return out.fillna("")


def core_grid(atlas: Atlas, lang: str) -> tuple[charts.Chart, list[str]]:
    """The core city grid as a chart (heatmap, its caption as the takeaway, the grid's cited
    figures as its rows: what it downloads and cites) and the notes on series known not to
    exist."""
    fig, caption, notes = grid.panel(atlas.data, lang)
    rows = query.select(atlas.facts, places=grid.CITIES, indicators=grid.INDICATORS,
                        years=(grid.YEARS[0], grid.YEARS[-1]))
    return charts.Chart.of(fig, rows, lang, caption), notes
