"""Pure selections over the dataset: DataFrame in, DataFrame out. No Streamlit here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data.load import Dataset
from dashboard.i18n import t

POPULATION = "population"
# How the data's notes flag a figure at a break in its series (etl: ccsy_gba.BREAKS,
# harvest.SERIES_NOTES, nbs.flag_jumps). "Series break: <which series>" names the stretch the
# figure belongs to (before 2007; the original or the revised population); "Series break?
# <jump>" flags the figure a jump the source does not explain leads to.
SERIES_BREAK = re.compile(r"series break(\?)?.*", re.IGNORECASE | re.DOTALL)

FACT_COLUMNS = [
    "place_id", "place_en", "place_zh", "kind", "is_city", "indicator_id", "indicator_en",
    "indicator_zh", "topic", "unit", "unit_zh", "year", "value", "preferred", "grade",
    "source_id", "source_title", "source_publisher", "source_url", "evidence", "note",
    "qualifier", "derived_from", "verified", "as_of", "check",
]
CHECK_KEY = ["place_id", "indicator_id", "year", "source_id", "value"]


@dataclass(frozen=True)
class Lookups:
    """Rows of the small tables by id, for labels and specs looked up once per option."""

    places: dict[str, dict]
    indicators: dict[str, dict]
    sources: dict[str, dict]


def lookups(ds: Dataset) -> Lookups:
    def by_id(frame: pd.DataFrame, key: str) -> dict[str, dict]:
        return {row[key]: row for row in frame.to_dict("records")}

    return Lookups(by_id(ds.places, "place_id"), by_id(ds.indicators, "indicator_id"),
                   by_id(ds.sources, "source_id"))


def indicators_by_place(observations: pd.DataFrame) -> dict[str, frozenset[str]]:
    """Which indicators have at least one figure for each place."""
    pairs = observations[["place_id", "indicator_id"]].drop_duplicates()
    found: dict[str, set[str]] = {}
    for place, indicator in zip(pairs["place_id"].tolist(), pairs["indicator_id"].tolist(),
                                strict=True):
        found.setdefault(place, set()).add(indicator)
    return {place: frozenset(found[place]) for place in sorted(found)}


KIND_ORDER = {"municipality": 0, "city": 1, "province": 2, "country": 3, "cluster": 4,
              "institution": 5}


def places_in_order(places: dict[str, dict], used: dict[str, frozenset[str]]) -> list[str]:
    """Ids of the places in ``used``: cities first, then wider areas, by name."""
    rows = [row for pid, row in places.items() if pid in used]
    rows.sort(key=lambda row: (KIND_ORDER[row["kind"]], row["name_en"]))
    return [row["place_id"] for row in rows]


def in_topic_order(specs: dict[str, dict], wanted: set[str]) -> list[str]:
    """The ``wanted`` indicator ids, by topic then name."""
    ordered = sorted(specs.values(), key=lambda row: (row["topic"], row["name_en"]))
    return [row["indicator_id"] for row in ordered if row["indicator_id"] in wanted]


def ordered_indicators(rows: pd.DataFrame, specs: dict[str, dict]) -> list[str]:
    """Indicators present in ``rows``, by topic then name."""
    return in_topic_order(specs, {str(i) for i in rows["indicator_id"].unique()})


def facts(ds: Dataset) -> pd.DataFrame:
    """Observations with the names, units and source of each row, ready to filter and show,
    sorted by indicator, place and year (rows that tie keep the file's order)."""
    places = ds.places[["place_id", "name_en", "name_zh", "kind", "is_city"]].rename(
        columns={"name_en": "place_en", "name_zh": "place_zh"})
    places["place_zh"] = places["place_zh"].fillna(places["place_en"])
    indicators = ds.indicators[["indicator_id", "name_en", "name_zh", "topic", "unit",
                                "unit_zh"]].rename(columns={"name_en": "indicator_en",
                                                            "name_zh": "indicator_zh"})
    sources = ds.sources[["source_id", "title", "publisher", "url"]].rename(columns={
        "title": "source_title", "publisher": "source_publisher", "url": "source_url"})
    joined = (ds.observations.merge(places, on="place_id").merge(indicators, on="indicator_id")
              .merge(sources, on="source_id").merge(checks(ds), on=CHECK_KEY, how="left"))
    # A sort on several columns is stable.
    return joined.sort_values(["indicator_id", "place_id", "year"], ignore_index=True)[FACT_COLUMNS]


def checks(ds: Dataset) -> pd.DataFrame:
    """What the build's checks say of each flagged figure ('rule: reason', several joined)."""
    flagged = ds.checks.assign(check=ds.checks["rule"] + ": " + ds.checks["reason"])
    return (flagged.groupby(CHECK_KEY, as_index=False, observed=True, sort=False)["check"]
            .agg("; ".join))


def select(rows: pd.DataFrame, *, places: Iterable[str] | None = None,
           indicators: Iterable[str] | None = None, topics: Iterable[str] | None = None,
           sources: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
           years: tuple[int, int] | None = None, year: int | None = None,
           include_weak: bool = True, preferred_only: bool = True) -> pd.DataFrame:
    """Filter facts. With ``preferred_only`` each place/indicator/year keeps its one
    preferred row (the package's rule, enforced when it is loaded); ``include_weak=False``
    drops weakly sourced rows, so a figure only a weak source gives is left out."""
    mask = pd.Series(True, index=rows.index)
    for column, values in (("place_id", places), ("indicator_id", indicators),
                           ("topic", topics), ("source_id", sources), ("kind", kinds)):
        if values is not None:
            mask &= rows[column].isin(list(values))
    if years is not None:
        mask &= rows["year"].between(*years)
    if year is not None:
        mask &= rows["year"] == year
    if not include_weak:
        mask &= rows["grade"] != "weak"
    if preferred_only:
        mask &= rows["preferred"]
    return rows[mask.fillna(False).astype(bool)]


def divided_by(rows: pd.DataFrame, all_facts: pd.DataFrame, indicator: str,
               factor: float) -> np.ndarray:
    """Each row's value ÷ the same place's ``indicator`` figure of the same year × ``factor``;
    NaN where that figure is not published (none is estimated)."""
    other = select(all_facts, indicators=[indicator], places=rows["place_id"].unique())
    other = other.set_index(["place_id", "year"])["value"]
    key = pd.MultiIndex.from_arrays([rows["place_id"].astype(str), rows["year"]])
    return rows["value"].to_numpy(dtype=float) / other.reindex(key).to_numpy() * factor


def per_capita(rows: pd.DataFrame, all_facts: pd.DataFrame, per: float = 1e6) -> pd.DataFrame:
    """Values per ``per`` residents, only where population is published for that place and
    year; other years become gaps (no population is estimated)."""
    out = rows.copy()
    out["value"] = divided_by(rows, all_facts, POPULATION, per)
    out["unit"] = rows["unit"].map(lambda unit: t("unit_per_million", "en", unit=unit))
    out["unit_zh"] = rows["unit_zh"].map(lambda unit: t("unit_per_million", "zh", unit=unit))
    return out[np.isfinite(out["value"])]


def index_to_base(rows: pd.DataFrame, base_year: int) -> tuple[pd.DataFrame, list[str]]:
    """Each place's series divided by its own base-year value (= 100). Places without a
    base-year figure are left out and returned by id so the page can say so."""
    base = rows[rows["year"] == base_year].set_index("place_id")["value"]
    base = base[base != 0]
    missing = sorted(set(rows["place_id"].astype(str)) - set(base.index.astype(str)))
    out = rows[rows["place_id"].isin(base.index)].copy()
    out["value"] = out["value"] / out["place_id"].map(base).astype(float) * 100
    out["unit"] = t("unit_index", "en", year=base_year)
    out["unit_zh"] = t("unit_index", "zh", year=base_year)
    return out, missing


def best_year(rows: pd.DataFrame) -> int:
    """The year with figures for the most places (the latest such year on a tie)."""
    counts = rows.groupby("year")["place_id"].nunique()
    return int(counts[counts == counts.max()].index.max())


def competition_ranks(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """Ranks of ``values`` (1 = best): equal figures share the better rank and the ranks
    after them are skipped (1, 1, 3), as published rankings count."""
    return values.rank(ascending=not higher_is_better, method="min").astype("Int64")


def rank_table(rows: pd.DataFrame, year: int, higher_is_better: bool,
               previous_year: int | None = None) -> pd.DataFrame:
    """Places ranked in ``year`` (1 = best), with ``rank_change``: places moved since
    ``previous_year``, any earlier year (Compare passes the earliest year shown), ranked among
    the same places (positive = moved up). Places without a figure are not ranked."""
    def ranks(y: int) -> pd.Series:
        return competition_ranks(rows[rows["year"] == y].set_index("place_id")["value"],
                                 higher_is_better)

    now = rows[rows["year"] == year][["place_id", "place_en", "place_zh", "value", "unit",
                                      "source_id"]]
    now["rank"] = now["place_id"].map(ranks(year)).astype("Int64")
    if previous_year is not None:
        before = ranks(previous_year)
        now["rank_change"] = (now["place_id"].map(before).astype("Int64") - now["rank"])
    return now.sort_values("rank", ignore_index=True)


def latest(rows: pd.DataFrame) -> pd.DataFrame:
    """The most recent preferred row per place and indicator."""
    ordered = rows.sort_values("year")
    return ordered.drop_duplicates(["place_id", "indicator_id"], keep="last")


def latest_shared(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per place and indicator for side-by-side figures: the latest year in which
    every place with a figure for the indicator has one, so the figures set side by side are of
    one year. Where the places share no year, each keeps its own latest and ``same_year`` is
    False, for the page to flag."""
    places = rows.groupby("indicator_id")["place_id"].nunique()
    per_year = rows.groupby(["indicator_id", "year"])["place_id"].nunique().reset_index()
    shared = per_year[per_year["place_id"] == per_year["indicator_id"].map(places)]
    shared_year = shared.groupby("indicator_id")["year"].max()
    at_shared = rows["year"] == rows["indicator_id"].map(shared_year)
    unshared = ~rows["indicator_id"].isin(shared_year.index)
    out = pd.concat([rows[at_shared.fillna(False).astype(bool)], latest(rows[unshared])])
    return out.assign(same_year=~out["indicator_id"].isin(rows.loc[unshared, "indicator_id"]))


def peers(all_facts: pd.DataFrame, place_id: str, indicator_id: str, places: pd.DataFrame,
          n: int = 5) -> pd.DataFrame:
    """The place and the ``n`` places of the same level whose figure for ``indicator_id`` is
    closest to its own in its latest year with a figure."""
    level = places.set_index("place_id")["kind"].replace({"municipality": "city"})
    if place_id not in level.index:
        return all_facts.iloc[0:0]
    own = select(all_facts, places=[place_id], indicators=[indicator_id])
    if own.empty:
        return own
    year = int(own["year"].max())
    same_level = level[level == level[place_id]].index
    pool = select(all_facts, places=same_level, indicators=[indicator_id], year=year)
    target = float(own[own["year"] == year]["value"].iloc[0])
    distance = (pool["value"] - target).abs()
    return pool.loc[distance.sort_values().index[: n + 1]]


def milestones_for(milestones: pd.DataFrame, place_id: str, lang: str) -> list[tuple[int, str]]:
    """(year, label) pairs of plan goals for a place's time axis."""
    rows = milestones[milestones["place_id"] == place_id]
    label = "label_zh" if lang == "zh" else "label_en"
    return [(int(year), str(text)) for year, text in zip(rows["year"], rows[label], strict=True)]


def vintage(observations: pd.DataFrame) -> dict[str, int]:
    """The span of reference years in the data, for a 'data vintage' line."""
    return {"first": int(observations["year"].min()), "last": int(observations["year"].max()),
            "count": len(observations)}


def kinds_note(places: dict[str, dict], place_ids: Iterable[str]) -> list[str]:
    """The distinct geography levels among the chosen places (``places``: rows by id, as in
    ``Lookups``), for a comparability note."""
    kinds = {str(places[p]["kind"]) for p in place_ids if p in places}
    return sorted({"city" if k == "municipality" else k for k in kinds})


def csv_header(column: str, lang: str) -> str:
    """A downloaded CSV's header for ``column`` (the column id in English)."""
    return t(f"csv_{column}", lang)


def at_break(rows: pd.DataFrame) -> pd.Series:
    """Whether each row's note flags a break in its series."""
    if "note" not in rows:
        return pd.Series(False, rows.index)
    return rows["note"].fillna("").astype(str).map(lambda n: SERIES_BREAK.search(n) is not None)


def series_runs(rows: pd.DataFrame) -> pd.Series:
    """Which unbroken run of its place's series each row is in (0, 1, … by year): a new run
    starts where the stretch a note names changes (or ends) and at a flagged jump. A change
    is only ever computed within one run."""
    order = rows.sort_values("year").index
    place = rows.loc[order, "place_id"].astype(str)
    notes = (rows.loc[order, "note"] if "note" in rows else pd.Series("", order)).fillna("")
    found = [SERIES_BREAK.search(str(n)) for n in notes]
    jump = pd.Series([bool(m and m.group(1)) for m in found], order)
    stretch = pd.Series([m.group(0) if m and not m.group(1) else "" for m in found], order)
    starts = ((stretch != stretch.groupby(place).shift()) | jump) & place.duplicated()
    return starts.astype(int).groupby(place).cumsum().reindex(rows.index)


def qualifier_signs(qualifiers: pd.Series, lang: str) -> pd.Series:
    """'≥', '≤', '≈' or 'est.' for a figure that is a bound or an estimate, '' for an exact one."""
    return qualifiers.map(lambda q: t(f"qualifier_{q}", lang) if isinstance(q, str) and q
                          else "")


def download_table(rows: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The rows behind a view as an analyst wants them: names, unit and source on every row,
    headers in the chosen language."""
    zh = lang == "zh"
    columns = {
        "place_id": "place_id",
        "place_zh" if zh else "place_en": "place",
        "indicator_id": "indicator_id",
        "indicator_zh" if zh else "indicator_en": "indicator",
        "year": "year",
        "qualifier": "qualifier",
        "value": "value",
        "unit_zh" if zh else "unit": "unit",
        "grade": "grade",
        "source_id": "source_id",
        "source_title": "source_title",
        "source_publisher": "source_publisher",
        "source_url": "source_url",
        "evidence": "evidence",
        "note": "note",
        "derived_from": "derived_from",
        "verified": "read_twice",
        "as_of": "as_of",
        "check": "build_check",
    }
    out = rows[list(columns)].rename(columns=columns).reset_index(drop=True)
    out["qualifier"] = qualifier_signs(out["qualifier"], lang)
    return out.rename(columns=lambda column: csv_header(column, lang))


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel opens Chinese names correctly."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def rows_csv(rows: pd.DataFrame, lang: str = "en") -> bytes:
    """The download of a chart's rows."""
    return to_csv_bytes(download_table(rows, lang))
