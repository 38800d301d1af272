"""A composite index of the user's making: indicators, weights, normalisation and direction,
for one level and year, scored, ranked and tested for how much the ranking rests on the
weights. Pure logic and the builder; no Streamlit.

The specification is one URL parameter, ``ind=rd_intensity:2:+,patent_grants:1:-``
(indicator:weight:direction), so a shared link reproduces the ranking.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import charts, query, url
from dashboard.data.atlas import Atlas
from dashboard.data.contract import GRADES
from dashboard.i18n import t
from dashboard.levels import LEVELS, level_rows
from dashboard.relationships import parent_region

NORMS = ("minmax", "zscore", "rank")
WEIGHT_MOVE = 0.5  # sensitivity: each weight moved by ±50 %
MIN_PLACES = 10  # "enough coverage": at least this many places ...
MIN_SHARE = 1 / 3  # ... and this share of the level's places with any figure that year
MAX_PARTS = 8
MAX_WEIGHT = 10.0
BARS_SHOWN = 40
PRESETS_FILE = Path(__file__).with_name("presets.toml")
PRESET_SOURCE = ("title", "publisher", "url", "published", "grade")
DEFAULT_PARTS = ("rd_intensity", "invention_patent_grants", "tech_contract_turnover_inflow",
                 "researchers_per_million", "gii_score", "gii_cluster_rank",
                 "gii_cluster_pct_share", "gii_cluster_publications_share", "universities", "gdp")


@dataclass(frozen=True)
class Part:
    """One input: an indicator, its weight, and whether a higher figure scores higher."""

    indicator: str
    weight: float = 1.0
    higher: bool = True

    def text(self) -> str:
        return f"{self.indicator}:{self.weight:g}:{'+' if self.higher else '-'}"


def format_spec(parts: Sequence[Part]) -> str:
    return ",".join(part.text() for part in parts)


def parse_spec(raw: str, offered: Mapping[str, bool]) -> tuple[list[Part], list[url.Notice]]:
    """The parts of an ``ind=`` value that this level and year offer (``offered``: indicator →
    higher is better); the rest dropped with a notice. A missing weight is 1 and a missing
    direction the indicator's own; a weight must be within (0, MAX_WEIGHT]."""
    parts: list[Part] = []
    notices = []
    for item in (p.strip() for p in raw.split(",")):
        if not item:
            continue
        indicator, *rest = item.split(":")
        weight = rest[0] if rest else "1"
        direction = rest[1] if len(rest) > 1 else "+" if offered.get(indicator, True) else "-"
        try:
            value = float(weight)
        except ValueError:
            value = float("nan")
        if len(rest) > 2 or indicator not in offered or direction not in ("+", "-") or not (
                0 < value <= MAX_WEIGHT) or any(p.indicator == indicator for p in parts):
            notices.append(url.notice("not_offered", name="ind", value=item))
            continue
        parts.append(Part(indicator, value, direction == "+"))
    if len(parts) > MAX_PARTS:
        notices.append(url.notice("kept_first", name="ind", most=MAX_PARTS))
        parts = parts[:MAX_PARTS]
    return parts, notices


@dataclass(frozen=True)
class Inputs:
    """The ``ind=`` parameter's kind (see dashboard.url): its choices are (indicator, higher is
    better) pairs; a value is a tuple of parts, kept while most of them are still offered."""

    def parse(self, raw: list[str], name: str, options: Sequence) -> tuple[Any, list]:
        parts, notices = parse_spec(raw[-1], dict(options))
        return tuple(parts) or None, notices

    def fits(self, value: Any, options: Sequence) -> bool:
        offered = dict(options)
        return isinstance(value, tuple | list) and (
            sum(p.indicator in offered for p in value) >= min(2, len(value)) > 0)

    def format(self, value: Any, default: Any) -> list[str]:
        return [format_spec(value)] if value else []


# -- Scoring -------------------------------------------------------------------------------------


def normalise(values: pd.Series, method: str) -> pd.Series:
    """Figures on a common scale, higher = more. min–max: 0 (lowest) to 1 (highest); z-score:
    distance from the mean in standard deviations (population s.d.); rank: 0 (lowest) to 1
    (highest) by position, ties sharing their average position. Where every place has the same
    figure nothing separates them: 0.5 (0 as a z-score)."""
    values = values.astype(float)
    if method == "minmax":
        lo, hi = values.min(), values.max()
        return (values - lo) / (hi - lo) if hi > lo else values * 0 + 0.5
    if method == "zscore":
        sd = values.std(ddof=0)
        return (values - values.mean()) / sd if sd > 0 else values * 0
    if method == "rank":
        n = values.count()
        return (values.rank(method="average") - 1) / (n - 1) if values.nunique() > 1 else (
            values * 0 + 0.5)
    raise ValueError(method)


@dataclass(frozen=True, eq=False)
class Scores:
    """``parts``: each scored place's weighted contribution per indicator (they sum to its
    score); ``score`` and ``rank`` (1 = best, ties share the better rank); ``incomplete``: the
    places missing an input, not scored unless gaps are allowed; ``gappy``: places scored on
    fewer inputs."""

    parts: pd.DataFrame
    score: pd.Series
    rank: pd.Series
    incomplete: list[str]
    gappy: list[str]


def score(table: pd.DataFrame, parts: Sequence[Part], method: str,
          allow_gaps: bool) -> Scores:
    """Score the places (``table``: place × indicator figures, NaN where missing). Each input is
    normalised across the places scored (direction '-' flips it first), then the score is the
    weighted mean of the normalised inputs; with gaps allowed a place's weights are those of the
    inputs it has."""
    columns = [p.indicator for p in parts]
    table = table.reindex(columns=columns).astype(float)
    missing = table.isna().any(axis=1)
    incomplete = sorted(str(p) for p in table.index[missing])
    scored = table[table.notna().any(axis=1)] if allow_gaps else table[~missing]
    weights = pd.Series({p.indicator: p.weight for p in parts}, dtype=float)
    norm = pd.DataFrame({p.indicator: normalise(scored[p.indicator] * (1 if p.higher else -1),
                                                method) for p in parts}, index=scored.index)
    present = norm.notna()
    total = present.mul(weights, axis=1).sum(axis=1)
    contributions = norm.mul(weights, axis=1).div(total, axis=0)
    scores = contributions.sum(axis=1, min_count=1)
    ranks = scores.rank(ascending=False, method="min").astype(int)
    gappy = sorted(str(p) for p in scored.index[~present.all(axis=1)])
    return Scores(contributions, scores, ranks, incomplete if not allow_gaps else [], gappy)


def sensitivity(table: pd.DataFrame, parts: Sequence[Part], method: str,
                allow_gaps: bool) -> pd.DataFrame:
    """Per scored place: ``rank``, its ``best`` and ``worst`` rank over the scenarios where one
    weight at a time moves by ±WEIGHT_MOVE (and the ranking itself), and ``equal``: its rank
    with every weight equal."""
    base = score(table, parts, method, allow_gaps).rank
    runs = [base]
    for i, part in enumerate(parts):
        for factor in (1 - WEIGHT_MOVE, 1 + WEIGHT_MOVE):
            moved = [*parts[:i], Part(part.indicator, part.weight * factor, part.higher),
                     *parts[i + 1:]]
            runs.append(score(table, moved, method, allow_gaps).rank)
    equal = score(table, [Part(p.indicator, 1.0, p.higher) for p in parts], method,
                  allow_gaps).rank
    all_runs = pd.concat(runs, axis=1)
    return pd.DataFrame({"rank": base, "best": all_runs.min(axis=1),
                         "worst": all_runs.max(axis=1), "equal": equal})


# -- What the level and year offer ---------------------------------------------------------------


def coverage(atlas: Atlas, level: str) -> tuple[pd.Series, pd.Series]:
    """Places with a figure per (year, indicator), and places with any figure per year, at
    ``level``."""
    rows = level_rows(atlas, level)
    return (rows.groupby(["year", "indicator_id"], observed=True)["place_id"].nunique(),
            rows.groupby("year")["place_id"].nunique())


def _enough(atlas: Atlas, per_indicator: pd.Series, places: int) -> dict[str, bool]:
    least = max(MIN_PLACES, MIN_SHARE * places)
    found = {str(i) for i, n in per_indicator.items() if n >= least}
    return {i: atlas.higher_is_better(i)
            for i in query.in_topic_order(atlas.lookups.indicators, found)}


def places_with_figures(atlas: Atlas, level: str, year: int) -> int:
    """How many places of the level have any figure in ``year``."""
    return int(coverage(atlas, level)[1].get(year, 0))


def enough(atlas: Atlas, level: str, year: int) -> dict[str, bool]:
    """Indicators with enough coverage, each with whether higher is better: figures in ``year``
    for at least MIN_PLACES places and for at least MIN_SHARE of the places of the level with
    any figure that year."""
    per_indicator, places = coverage(atlas, level)
    if year not in places.index:
        return {}
    return _enough(atlas, per_indicator.loc[year], int(places[year]))


def index_years(atlas: Atlas, level: str) -> tuple[list[int], int]:
    """Years with at least two indicators of enough coverage, and the default: the latest of
    those with the most such indicators. ([], 0) if none."""
    per_indicator, places = coverage(atlas, level)
    found = {int(y): len(_enough(atlas, per_indicator.loc[y], int(n))) for y, n in places.items()}
    usable = sorted(y for y, n in found.items() if n >= 2)
    if not usable:
        return [], 0
    return usable, max(usable, key=lambda y: (found[y], y))


def default_parts(offered: Mapping[str, bool]) -> list[Part]:
    """Up to three of the indicators reports on innovation lean on, else the first offered,
    each weighted 1 in its own direction (``offered``: indicator → higher is better)."""
    chosen = [i for i in DEFAULT_PARTS if i in offered][:3] or list(offered)[:3]
    return [Part(i, 1.0, offered[i]) for i in chosen]


# -- Presets: published frameworks approximated with the indicators the atlas holds -------------


class PresetError(ValueError):
    """A preset that cannot be used, named with its file, preset and field."""


@dataclass(frozen=True, eq=False)
class Preset:
    """Ready-made inputs: the level, the parts, and what the method says about the framework
    (``texts``: name, framework and left_out, each by language; ``source``: PRESET_SOURCE)."""

    preset_id: str
    level: str
    parts: tuple[Part, ...]
    framework_indicators: int  # how many indicators the framework itself combines
    stated_weights: bool  # False: every weight is 1, the framework's own are not used
    texts: Mapping[str, Mapping[str, str]]
    source: Mapping[str, str]

    def text(self, what: str, lang: str) -> str:
        return self.texts[what][lang]

    def matches(self, level: str, parts: Sequence[Part]) -> bool:
        """Whether ``parts`` at ``level`` are this preset's inputs (in any order)."""
        return level == self.level and set(parts) == set(self.parts)


def read_presets(path: Path = PRESETS_FILE,
                 indicators: Collection[str] | None = None) -> dict[str, Preset]:
    """The presets in ``path``, checked: a known level; 1 to MAX_PARTS distinct parts, each an
    indicator of ``indicators`` (when given) with a weight within (0, MAX_WEIGHT] (all 1 when
    the framework's own weights are not used) and a direction + or -; no more parts than the
    framework has indicators; every text in both languages; a source with every field, a web
    address and a known grade."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PresetError(f"{path.name}: {exc}") from exc
    return {preset_id: _preset(path.name, preset_id, spec, indicators)
            for preset_id, spec in raw.items()}


def _preset(file: str, preset_id: str, spec: Mapping, indicators: Collection[str] | None
            ) -> Preset:
    def problem(field: str, what: str) -> PresetError:
        return PresetError(f"{file}, preset {preset_id}, {field}: {what}")

    def field(name: str, kind: type, within: Mapping = spec, where: str = "") -> object:
        value = within.get(name)
        # A bool is an int to Python: neither may stand for the other here.
        if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool) or (
                isinstance(value, str) and not value.strip()):
            raise problem(where + name, f"missing or not a {kind.__name__}")
        return value

    level = field("level", str)
    if level not in LEVELS:
        raise problem("level", f"{level!r} is not one of {', '.join(LEVELS)}")
    stated = field("stated_weights", bool)
    parts = []
    for i, item in enumerate(field("parts", list)):
        where = f"parts[{i}]."
        indicator = field("indicator", str, item, where)
        weight = item.get("weight")
        if indicators is not None and indicator not in indicators:
            raise problem(where + "indicator", f"{indicator!r} is not in the package")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not (
                0 < weight <= MAX_WEIGHT):
            raise problem(where + "weight", f"{weight!r} is not within (0, {MAX_WEIGHT:g}]")
        if not stated and weight != 1:
            raise problem(where + "weight", "must be 1: the framework's own weights are not used")
        if item.get("direction") not in ("+", "-"):
            raise problem(where + "direction", "must be + or -")
        if any(p.indicator == indicator for p in parts):
            raise problem(where + "indicator", f"{indicator!r} twice")
        parts.append(Part(indicator, float(weight), item["direction"] == "+"))
    total = field("framework_indicators", int)
    if not 0 < len(parts) <= min(total, MAX_PARTS):
        raise problem("parts", f"{len(parts)} parts for a framework of {total} indicators "
                               f"(at most {MAX_PARTS})")
    texts = {what: {lang: field(f"{what}_{lang}", str) for lang in ("en", "zh")}
             for what in ("name", "framework", "left_out")}
    source = field("source", dict)
    cited = {name: field(name, str, source, "source.") for name in PRESET_SOURCE}
    if not cited["url"].startswith("https://"):
        raise problem("source.url", "not a web address")
    if cited["grade"] not in GRADES:
        raise problem("source.grade", f"{cited['grade']!r} is not one of {', '.join(GRADES)}")
    return Preset(preset_id, level, tuple(parts), total, stated, texts, cited)


def presets(atlas: Atlas) -> dict[str, Preset]:
    """The presets, their indicators checked against the package."""
    return read_presets(PRESETS_FILE, atlas.lookups.indicators)


@dataclass(frozen=True)
class Start:
    """What a preset fills in: its level, the year it opens on (None where no year offers
    every input) and its inputs. A link's own level, year and inputs win over these."""

    level: str
    year: int | None
    parts: tuple[Part, ...]


def preset_start(atlas: Atlas, preset_id: str) -> Start:
    """The preset's level and inputs, and the year it opens on: of the years in which the
    level offers every input, the one with the most places that have them all (the latest on
    a tie)."""
    preset = presets(atlas)[preset_id]
    years, _ = index_years(atlas, preset.level)
    fits = [y for y in years
            if all(p.indicator in enough(atlas, preset.level, y) for p in preset.parts)]
    if not fits:
        return Start(preset.level, None, preset.parts)
    rows = level_rows(atlas, preset.level)
    rows = rows[rows["year"].isin(fits)
                & rows["indicator_id"].isin([p.indicator for p in preset.parts])]
    have = rows.groupby(["year", "place_id"], observed=True)["indicator_id"].nunique()
    complete = (have == len(preset.parts)).groupby(level="year").sum()
    return Start(preset.level, max(fits, key=lambda y: (int(complete.get(y, 0)), y)),
                 preset.parts)


def preset_text(preset: Preset, lang: str) -> str:
    """What the method says about a preset: the framework it approximates, with how many of
    its indicators, the weights, what is left out, and the framework's source."""
    src = preset.source
    return t("index_preset_method", lang, framework=preset.text("framework", lang),
             n=len(preset.parts), total=preset.framework_indicators,
             weights=t("index_preset_stated" if preset.stated_weights else "index_preset_equal",
                       lang),
             left_out=preset.text("left_out", lang),
             source=charts.source_link(charts.public_label(src["title"], src["url"], src["grade"]),
                                       src["url"]),
             publisher=charts.public_label(src["publisher"], src["url"], src["grade"]),
             published=src["published"], grade=t(f"grade_{src['grade']}", lang))


# -- The view ------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class IndexView:
    table: pd.DataFrame  # ranked places, then incomplete ones, for display
    map: charts.Chart
    bars: charts.Chart
    ranges: charts.Chart
    method: str  # the method in words, with every input's source
    note: str  # incomplete or gappy places, said once


def inputs(atlas: Atlas, level: str, year: int, parts: Sequence[Part]) -> pd.DataFrame:
    """The facts rows of the inputs in ``year``."""
    rows = level_rows(atlas, level)
    return rows[(rows["year"] == year) & rows["indicator_id"].isin([p.indicator for p in parts])]


def build(atlas: Atlas, level: str, year: int, parts: tuple[Part, ...], method: str,
          allow_gaps: bool, lang: str, present: bool, preset: str = "") -> IndexView:
    """The index of ``parts`` at ``level`` in ``year``: table, map, make-up, rank ranges and
    method (naming the framework of ``preset`` when its inputs are these); every chart's
    download is the input figures with their sources."""
    rows = inputs(atlas, level, year, parts)
    table = rows.assign(place_id=rows["place_id"].astype(str)).pivot_table(
        index="place_id", columns="indicator_id", values="value", aggfunc="first")
    scores = score(table, parts, method, allow_gaps)
    ranges = sensitivity(table, parts, method, allow_gaps)
    style = charts.Style.for_view(present)
    names = {p.indicator: atlas.indicator_name(p.indicator, lang) for p in parts}
    where = t(LEVELS[level].label, lang)
    order = scores.score.sort_values(ascending=False, kind="stable").index
    label = _labels(atlas, list(table.index), lang)

    unit = t(f"score_unit_{method}", lang)
    parts_long = scores.parts.loc[order].rename(columns=names).rename(index=label)
    parts_long = parts_long.reset_index(names="label").melt(
        id_vars="label", var_name="part", value_name="value").dropna(subset=["value"])
    shown = list(order[:BARS_SHOWN])
    parts_long = parts_long[parts_long["label"].isin([label[p] for p in shown])]
    cut = " " + t("index_top", lang, n=BARS_SHOWN) if len(order) > BARS_SHOWN else ""
    bars_title = t("index_bars_title", lang, where=where, year=year) + cut
    bars = charts.stacked_bars(parts_long, bars_title, lang, value_title=unit, sources=rows,
                               style=style)

    ranged = ranges.loc[shown].assign(label=[label[p] for p in shown])
    range_fig = charts.rank_ranges(ranged, t("index_ranges_title", lang, where=where, year=year,
                                             pct=int(WEIGHT_MOVE * 100)) + cut,
                                   lang, sources=rows, style=style)
    moved = ranges[ranges["best"] != ranges["worst"]]
    range_text = t("index_ranges_takeaway", lang, n=len(moved), total=len(ranges),
                   pct=int(WEIGHT_MOVE * 100))

    score_rows = _score_rows(atlas, scores, order, year, unit, lang)
    map_chart = _map(atlas, level, score_rows, t("index_map_title", lang, where=where,
                                                 year=year), lang, style)
    top = t("index_top_takeaway", lang, place=label[order[0]], n=len(order)) if len(order) else ""
    note = _note(atlas, scores, allow_gaps, lang)
    if allow_gaps and scores.gappy:  # said under every chart, not only above the table
        top, range_text = f"{top} {note}", f"{range_text} {note}"
    return IndexView(
        _table(atlas, scores, ranges, table, parts, order, lang),
        charts.Chart.of(map_chart, rows, lang, top),
        charts.Chart.of(bars, rows, lang, top),
        charts.Chart.of(range_fig, rows, lang, range_text),
        method_text(atlas, parts, method, allow_gaps, level, year, rows, lang,
                    presets(atlas).get(preset)), note)


def _labels(atlas: Atlas, ids: Sequence[str], lang: str) -> dict[str, str]:
    """Place names, with the parent region where two places share a name (bars and rows are
    told apart by their label)."""
    names = {p: atlas.place_name(p, lang) for p in ids}
    counts = pd.Series(list(names.values())).value_counts()
    return {p: name if counts[name] == 1 else f"{name} ({parent_region(atlas, [p], lang)[0]})"
            for p, name in names.items()}


def _score_rows(atlas: Atlas, scores: Scores, order: pd.Index, year: int, unit: str,
                lang: str) -> pd.DataFrame:
    """Scores in the shape the map builders draw (one row per place)."""
    places = atlas.lookups.places
    title = t("index_source", lang)
    return pd.DataFrame({
        "place_id": list(order), "value": scores.score.loc[order].to_numpy(float),
        "rank": scores.rank.loc[order].to_numpy(float),
        "place_en": [places[p]["name_en"] for p in order],
        "place_zh": [places[p]["name_zh"] or places[p]["name_en"] for p in order],
        "unit": unit, "unit_zh": unit, "year": year, "source_title": title,
        "lat": [places[p]["lat"] for p in order], "lon": [places[p]["lon"] for p in order]})


def _map(atlas: Atlas, level: str, score_rows: pd.DataFrame, title: str, lang: str,
         style: charts.Style):
    """The existing maps: China's provinces or cities and the world's countries as regions,
    clusters as points sized by rank."""
    if layer := LEVELS[level].layer:
        return charts.choropleth(score_rows, atlas.shapes(layer), title, lang, style=style)
    if level == "country":
        return charts.choropleth(score_rows, atlas.shapes("world_countries"), title, lang,
                                 style=style, center={"lat": 25, "lon": 20}, zoom=0.6)
    ranked = score_rows.assign(value=score_rows["rank"], unit=t("rank", lang),
                               unit_zh=t("rank", lang)).dropna(subset=["lat", "lon"])
    return charts.marker_map(ranked, atlas.shapes("world_countries"), title, lang, style=style)


def _table(atlas: Atlas, scores: Scores, ranges: pd.DataFrame, table: pd.DataFrame,
           parts: Sequence[Part], order: pd.Index, lang: str) -> pd.DataFrame:
    """Ranked places with score, rank range and each input's figure; incomplete places under
    them with no rank."""
    rest = [p for p in table.index if p not in set(order)]
    ids = [*order, *sorted(rest, key=lambda p: atlas.place_name(p, "en"))]
    out = pd.DataFrame({
        t("rank", lang): [int(scores.rank[p]) if p in scores.rank.index else None for p in ids],
        t("place", lang): [atlas.place_name(p, lang) for p in ids],
        # Text throughout: a column mixing numbers and words cannot be sent as a typed column.
        t("index_score", lang): [f"{scores.score[p]:.3f}" if p in scores.score.index
                                 else t("index_incomplete", lang) for p in ids],
        t("index_rank_range", lang): [
            f"{int(ranges.loc[p, 'best'])}–{int(ranges.loc[p, 'worst'])}"
            if p in ranges.index else "" for p in ids],
    })
    out[t("rank", lang)] = out[t("rank", lang)].astype("Int64")
    for part in parts:
        out[atlas.indicator_label(part.indicator, lang)] = table.reindex(ids)[
            part.indicator].to_numpy(float)
    out[t("csv_place_id", lang)] = ids
    return out


def _note(atlas: Atlas, scores: Scores, allow_gaps: bool, lang: str) -> str:
    if allow_gaps and scores.gappy:
        return t("index_gaps_allowed", lang, n=len(scores.gappy), names=_names(
            atlas, scores.gappy, lang))
    if scores.incomplete:
        return t("index_incomplete_note", lang, n=len(scores.incomplete), names=_names(
            atlas, scores.incomplete, lang))
    return ""


def _names(atlas: Atlas, ids: Sequence[str], lang: str, most: int = 12) -> str:
    names = [atlas.place_name(p, lang) for p in ids]
    return ", ".join(names[:most]) + (f" +{len(names) - most}" if len(names) > most else "")


def method_text(atlas: Atlas, parts: Sequence[Part], method: str, allow_gaps: bool, level: str,
                year: int, rows: pd.DataFrame, lang: str, preset: Preset | None = None) -> str:
    """The method in words (first the framework a preset approximates, when the inputs are
    the preset's), then each input with its weight, direction and sources."""
    total = sum(p.weight for p in parts)
    framework = ([preset_text(preset, lang) + "\n"]
                 if preset is not None and preset.matches(level, parts) else [])
    lines = [*framework, t("index_method", lang, where=t(LEVELS[level].label, lang), year=year,
               norm=t(f"norm_explained_{method}", lang),
               gaps=t("index_method_gaps" if allow_gaps else "index_method_no_gaps", lang),
               pct=int(WEIGHT_MOVE * 100))]
    for part in parts:
        these = rows[rows["indicator_id"] == part.indicator]
        sources = charts.source_links(these, lang).split(": ", 1)[-1]
        lines.append("- " + t("index_method_part", lang,
                              what=atlas.indicator_label(part.indicator, lang),
                              share=f"{part.weight / total:.0%}", weight=f"{part.weight:g}",
                              direction=t("index_higher" if part.higher else "index_lower",
                                          lang), n=these["place_id"].nunique(), sources=sources))
    return "\n".join(lines)

