"""Pure selections over the dataset: DataFrame in, DataFrame out. No Streamlit here."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data.load import Dataset

POPULATION = "population"

FACT_COLUMNS = [
    "place_id", "place_en", "place_zh", "kind", "is_city", "indicator_id", "indicator_en",
    "indicator_zh", "topic", "unit", "unit_zh", "year", "value", "preferred", "grade",
    "source_id", "source_title", "source_publisher", "source_url", "evidence", "note",
]


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
    # A plain loop over the pairs: a groupby pays per group, and there are ~1,000 (100k at 100×).
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


def as_text(rows: pd.DataFrame) -> pd.DataFrame:
    """The categorical columns of ``rows`` as plain strings, for tables a user sees or
    downloads. A slice of a categorical column keeps every category of the whole package (at
    100x, 115k place ids), which ``st.dataframe`` would send with each table."""
    return rows.astype({c: "string" for c, dtype in rows.dtypes.items()
                        if isinstance(dtype, pd.CategoricalDtype)})


def _positions(keys: pd.Series, table_keys: pd.Series) -> np.ndarray:
    """Row of ``table_keys`` (unique) holding each key, -1 where none does; each distinct key
    is looked up once."""
    codes, distinct = pd.factorize(keys)
    found = pd.Index(table_keys).get_indexer(distinct)
    return np.where(codes >= 0, found[codes], -1)


def _category(values: pd.Series, rows: np.ndarray) -> pd.Categorical:
    """``values[rows]`` as a categorical with the categories used, sorted (as
    ``astype("category")`` gives), built from integer codes: no text is copied per row."""
    codes, categories = pd.factorize(values, sort=True)
    picked = codes[rows]
    # Drop unused categories by counting, not by sorting every row's code.
    used = np.bincount(picked[picked >= 0], minlength=len(categories)) > 0
    renumbered = np.where(picked >= 0, (np.cumsum(used) - 1)[picked], -1)
    return pd.Categorical.from_codes(renumbered, categories[used])


def facts(ds: Dataset) -> pd.DataFrame:
    """Observations with the names, units and source of each row, ready to filter and show.
    Text columns are categorical: at 100× the package a text column of 3M rows took seconds
    to copy in each join and sort, and held most of the frame's memory."""
    obs, places, indicators, sources = ds.observations, ds.places, ds.indicators, ds.sources
    place = _positions(obs["place_id"], places["place_id"])
    indicator = _positions(obs["indicator_id"], indicators["indicator_id"])
    source = _positions(obs["source_id"], sources["source_id"])
    # An inner join, sorted by indicator, place and year; rows that tie (several sources for
    # one figure) keep the file's order, as the merges and stable sort did before.
    keep = np.flatnonzero((place >= 0) & (indicator >= 0) & (source >= 0))
    year = obs["year"].to_numpy(dtype="float64", na_value=np.nan)[keep]
    place_rank = pd.factorize(places["place_id"], sort=True)[0][place[keep]]
    indicator_rank = pd.factorize(indicators["indicator_id"], sort=True)[0][indicator[keep]]
    rows = keep[np.lexsort((year, place_rank, indicator_rank))]
    place, indicator, source = place[rows], indicator[rows], source[rows]
    columns = {
        "place_id": _category(places["place_id"], place),
        "place_en": _category(places["name_en"], place),
        "place_zh": _category(places["name_zh"].fillna(places["name_en"]), place),
        "kind": _category(places["kind"], place),
        "is_city": places["is_city"].array.take(place),
        "indicator_id": _category(indicators["indicator_id"], indicator),
        "indicator_en": _category(indicators["name_en"], indicator),
        "indicator_zh": _category(indicators["name_zh"], indicator),
        "topic": _category(indicators["topic"], indicator),
        "unit": _category(indicators["unit"], indicator),
        "unit_zh": _category(indicators["unit_zh"], indicator),
        "source_id": _category(sources["source_id"], source),
        "source_title": _category(sources["title"], source),
        "source_publisher": _category(sources["publisher"], source),
        "source_url": _category(sources["url"], source),
    }
    for col in ("year", "value", "preferred", "evidence", "note"):
        columns[col] = obs[col].array.take(rows)
    columns["grade"] = _category(obs["grade"], rows)
    return pd.DataFrame(columns)[FACT_COLUMNS]


# Frames at least this long are narrowed by an index before filtering (see _narrow).
NARROW_MIN_ROWS = 100_000


class _RowsByValue:
    """Row positions of every value of one column, grouped by value: the rows of group g are
    ``order[starts[g]:starts[g + 1]]``. Group 0 holds rows without a value."""

    def __init__(self, column: pd.Series):
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes, self.values = column.cat.codes.to_numpy(), column.cat.categories
        else:
            codes, uniques = pd.factorize(column)
            self.values = pd.Index(uniques)
        self.order = np.argsort(codes, kind="stable")
        self.starts = np.searchsorted(codes[self.order] + 1, np.arange(len(self.values) + 2))

    def groups(self, wanted: list) -> np.ndarray:
        """Groups of the wanted values. Unknown and missing values give group 0, so the rows
        found always include every row ``isin(wanted)`` would keep."""
        return np.unique(self.values.get_indexer_for(wanted) + 1)

    def count(self, groups: np.ndarray) -> int:
        return int((self.starts[groups + 1] - self.starts[groups]).sum())

    def positions(self, groups: np.ndarray) -> np.ndarray:
        """Sorted positions of the rows in ``groups``."""
        starts = self.starts[groups]
        sizes = self.starts[groups + 1] - starts
        # order[starts[i]:starts[i] + sizes[i]] for every i, without a Python loop.
        within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return np.sort(self.order[np.repeat(starts, sizes) + within])


# (id of frame, column) -> (weak reference to the frame, its index). select() runs on the one
# cached facts frame, which nobody modifies, so an index is built once per frame and column.
_indexes: dict[tuple[int, str], tuple[weakref.ref, _RowsByValue]] = {}


def _rows_by_value(rows: pd.DataFrame, column: str) -> _RowsByValue:
    key = (id(rows), column)
    if key not in _indexes:
        # Forgotten when the frame is freed, before its id can be reused by another frame.
        forget = weakref.ref(rows, lambda _: _indexes.pop(key, None))
        _indexes[key] = (forget, _RowsByValue(rows[column]))
    return _indexes[key][1]


def _narrow(rows: pd.DataFrame, wanted: dict[str, list]) -> np.ndarray | None:
    """Sorted positions of the only rows that can match, or None to filter every row. On a
    big frame these are the rows of the wanted places or of the wanted indicators, whichever
    are fewer, so the filters then run over thousands of rows, not millions. (Always using
    the indicators made one-place pages slower at 100×.)"""
    if len(rows) < NARROW_MIN_ROWS:
        return None
    choices = []
    for column in ("place_id", "indicator_id"):
        if column in wanted:
            index = _rows_by_value(rows, column)
            groups = index.groups(wanted[column])
            choices.append((index.count(groups), index, groups))
    if not choices:
        return None
    _, index, groups = min(choices, key=lambda choice: choice[0])
    return index.positions(groups)


def select(rows: pd.DataFrame, *, places: Iterable[str] | None = None,
           indicators: Iterable[str] | None = None, topics: Iterable[str] | None = None,
           sources: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
           years: tuple[int, int] | None = None, year: int | None = None,
           include_weak: bool = True, preferred_only: bool = True) -> pd.DataFrame:
    """Filter facts. With ``preferred_only`` each place/indicator/year keeps one row; hiding
    weak figures re-elects the best remaining row rather than leaving a hole."""
    wanted = {column: list(values) for column, values in (
        ("place_id", places), ("indicator_id", indicators), ("topic", topics),
        ("source_id", sources), ("kind", kinds)) if values is not None}
    positions = _narrow(rows, wanted)

    def col(name: str) -> pd.Series:
        # Only the columns filtered on are read at the candidate positions.
        return rows[name] if positions is None else rows[name].iloc[positions]

    def kept(keep: pd.Series) -> pd.DataFrame:
        # Taken from ``rows`` by position, so the index is the one ``rows[keep]`` would have
        # (a RangeIndex where the rows kept are evenly spaced).
        if positions is None:
            return rows[keep]
        return rows.iloc[positions[keep.to_numpy(dtype=bool, na_value=False)]]

    mask = pd.Series(True, index=rows.index if positions is None else rows.index[positions])
    for column, values in wanted.items():
        mask &= col(column).isin(values)
    if years is not None:
        mask &= col("year").between(*years)
    if year is not None:
        mask &= col("year") == year
    if not include_weak:
        mask &= col("grade") != "weak"
    if preferred_only and include_weak:
        return kept(mask & col("preferred"))
    out = kept(mask)
    return best_rows(out) if preferred_only else out


_GRADE_ORDER = {"official": 0, "reprint": 1, "weak": 2}


def best_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per place/indicator/year: the preferred one if present, else the best grade."""
    order = rows.assign(_p=~rows["preferred"].astype(bool),
                        _g=rows["grade"].astype(str).map(_GRADE_ORDER))
    order = order.sort_values(["_p", "_g", "source_id"])
    keep = ~order.duplicated(["place_id", "indicator_id", "year"])
    return rows.loc[order.index[keep]].sort_index()


def per_capita(rows: pd.DataFrame, all_facts: pd.DataFrame, per: float = 1e6) -> pd.DataFrame:
    """Values per ``per`` residents, only where population is published for that place and
    year; other years become gaps (no population is estimated)."""
    pop = select(all_facts, indicators=[POPULATION], places=rows["place_id"].unique())
    pop = pop.set_index(["place_id", "year"])["value"]
    key = pd.MultiIndex.from_arrays([rows["place_id"].astype(str), rows["year"]])
    denominator = pop.reindex(key).to_numpy()
    out = rows.copy()
    out["value"] = rows["value"].to_numpy() / denominator * per
    out["unit"] = rows["unit"].astype(str) + " per million people"
    out["unit_zh"] = rows["unit_zh"].astype(str) + "/百万人"
    return out[np.isfinite(out["value"])]


def index_to_base(rows: pd.DataFrame, base_year: int) -> tuple[pd.DataFrame, list[str]]:
    """Each place's series divided by its own base-year value (= 100). Places without a
    base-year figure are left out and returned by id so the page can say so."""
    base = rows[rows["year"] == base_year].set_index("place_id")["value"]
    base = base[base != 0]
    missing = sorted(set(rows["place_id"].astype(str)) - set(base.index.astype(str)))
    out = rows[rows["place_id"].isin(base.index)].copy()
    out["value"] = out["value"] / out["place_id"].map(base).astype(float) * 100
    out["unit"] = f"index, {base_year} = 100"
    out["unit_zh"] = f"指数,{base_year}年=100"
    return out, missing


def best_year(rows: pd.DataFrame) -> int:
    """The year with figures for the most places (the latest such year on a tie)."""
    counts = rows.groupby("year")["place_id"].nunique()
    return int(counts[counts == counts.max()].index.max())


def rank_table(rows: pd.DataFrame, year: int, higher_is_better: bool,
               previous_year: int | None = None) -> pd.DataFrame:
    """Places ranked in ``year`` (1 = best), with the rank change since ``previous_year``
    among the same places (positive = moved up). Places without a figure are not ranked."""
    def ranks(y: int) -> pd.Series:
        values = rows[rows["year"] == y].set_index("place_id")["value"]
        return values.rank(ascending=not higher_is_better, method="min").astype("Int64")

    now = as_text(rows[rows["year"] == year][["place_id", "place_en", "place_zh", "value",
                                              "unit", "source_id"]])
    now["rank"] = now["place_id"].map(ranks(year)).astype("Int64")
    if previous_year is not None:
        before = ranks(previous_year)
        now["rank_change"] = (now["place_id"].map(before).astype("Int64") - now["rank"])
    return now.sort_values("rank", ignore_index=True)


def latest(rows: pd.DataFrame) -> pd.DataFrame:
    """The most recent preferred row per place and indicator."""
    ordered = rows.sort_values("year")
    return as_text(ordered.drop_duplicates(["place_id", "indicator_id"], keep="last"))


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


CSV_HEADERS_ZH = {
    "place_id": "地区代码", "place": "地区", "indicator_id": "指标代码", "indicator": "指标",
    "year": "年份", "value": "数值", "unit": "单位", "grade": "来源等级", "source_id": "来源代码",
    "source_title": "来源标题", "source_publisher": "发布机构", "source_url": "来源链接",
    "evidence": "原文", "note": "注释",
}


def csv_header(column: str, lang: str) -> str:
    return CSV_HEADERS_ZH.get(column, column) if lang == "zh" else column


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
        "value": "value",
        "unit_zh" if zh else "unit": "unit",
        "grade": "grade",
        "source_id": "source_id",
        "source_title": "source_title",
        "source_publisher": "source_publisher",
        "source_url": "source_url",
        "evidence": "evidence",
        "note": "note",
    }
    out = as_text(rows[list(columns)]).rename(columns=columns).reset_index(drop=True)
    return out.rename(columns=CSV_HEADERS_ZH) if zh else out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel opens Chinese names correctly."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def rows_csv(rows: pd.DataFrame, lang: str = "en") -> bytes:
    """The download of a chart's rows."""
    return to_csv_bytes(download_table(rows, lang))
