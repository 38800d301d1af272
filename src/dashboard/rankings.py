"""The Rankings page: every place of one level ranked on one indicator in one year. Ties share
a rank ("1="), places with figures in other years but none in this one are listed below as no
data (never ranked as zero), with the rank change since an earlier year, figures per resident
or per GDP where meaningful, each place's series, and a peer group's total or median.

Builders take the data package first (``build(atlas, ...)``) so pages call them through
``ui.cached.view``; no Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import charts, peer_groups, query, registry, url
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.levels import at_level, level_rows

GDP = "gdp"
# Fewer places than this with a figure in the year: listed by figure, not ranked.
MIN_RANKED = 5
DASH = "—"


def filters(atlas: Atlas, level: str) -> tuple[list[str], list[str]]:
    """The parent regions of the places at this level (none for provinces and countries,
    whose parent is the country or nothing), and the groups with a member at this level."""
    places = atlas.data.places
    here = places[at_level(places, level)]
    parents = here["parent_id"].dropna().astype(str)
    parents = sorted(set(parents) - {"CHN"}, key=lambda p: atlas.place_name(p, "en"))
    ids = set(here["place_id"])
    groups = [gid for gid, group in peer_groups.by_id(atlas.data.groups).items()
              if ids.intersection(peer_groups.members(group))]
    return parents, groups


# -- pure logic ----------------------------------------------------------------------------------


def tie_labels(ranks: pd.Series) -> pd.Series:
    """'3' for a place alone at its rank, '3=' for one sharing it."""
    shared = ranks.duplicated(keep=False)
    return ranks.astype(str) + shared.map({True: "=", False: ""})


def ranked(rows: pd.DataFrame, year: int, higher_is_better: bool,
           since: int | None = None) -> pd.DataFrame:
    """One row per place in ``rows`` (one indicator, preferred figures, every year): those
    with a figure in ``year`` ranked (``rank``, ``rank_label``), best first, then those without
    one, by name, with no rank and no value. ``rank_change``: places moved up since ``since``,
    ranked then among every place with a figure in that year (NA without one)."""
    now = rows[rows["year"] == year].set_index("place_id")
    ranks = query.competition_ranks(now["value"], higher_is_better)
    out = now.assign(rank=ranks, rank_label=tie_labels(ranks)).reset_index()
    out = out.sort_values(["rank", "place_en"], ignore_index=True)
    if since is not None:
        before = query.competition_ranks(
            rows[rows["year"] == since].set_index("place_id")["value"], higher_is_better)
        out["rank_change"] = out["place_id"].map(before).astype("Int64") - out["rank"]
    missing = rows[~rows["place_id"].isin(out["place_id"])].drop_duplicates("place_id")
    missing = missing[["place_id", "place_en", "place_zh"]].sort_values("place_en")
    return pd.concat([out, missing], ignore_index=True)


def relative(rows: pd.DataFrame, all_facts: pd.DataFrame, indicator: str,
             factor: float) -> pd.Series:
    """Each row's value ÷ the place's ``indicator`` figure of the same year × ``factor``, by
    place id; places without that figure are left out."""
    ratio = pd.Series(query.divided_by(rows, all_facts, indicator, factor),
                      index=rows["place_id"].astype(str).to_numpy())
    return ratio[np.isfinite(ratio)]


def relative_figures(atlas: Atlas, indicator: str, rows: pd.DataFrame) -> dict[str, pd.Series]:
    """Per million residents where dividing by population is meaningful (an amount, not a
    rate), and as a % of GDP for amounts in GDP's unit; keyed by the column's text key."""
    spec = atlas.lookups.indicators[indicator]
    out = {}
    if spec["per_capita"] and spec["additive"]:
        out["per_million_residents"] = relative(rows, atlas.facts, query.POPULATION, 1e6)
    gdp_unit = atlas.lookups.indicators.get(GDP, {}).get("unit")
    if indicator != GDP and spec["unit"] == gdp_unit:
        out["share_of_gdp"] = relative(rows, atlas.facts, GDP, 100)
    return {key: values for key, values in out.items() if not values.empty}


def series(rows: pd.DataFrame) -> pd.Series:
    """Each place's figures in year order, for a sparkline."""
    ordered = rows.sort_values("year")
    return ordered.groupby("place_id", observed=True)["value"].agg(list)


# -- the page's view -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Ranking:
    """The table as shown (translated headers), the rows behind its ranked places for the CSV
    (with their rank), which header plays which role (for the page's column formats), and the
    lines to show above and below it."""

    table: pd.DataFrame
    rows: pd.DataFrame
    headers: dict[str, str]
    summary: str
    note: str
    sources: str


def build(atlas: Atlas, level: str, indicator: str, year: int, since: int | None,
          parent: str | None, group: str | None, hide_weak: bool, lang: str) -> Ranking:
    """The ranking of every place at ``level``; ``parent`` and ``group`` only hide rows (the
    ranks stay those among all places), and a group is summed up by its total or median."""
    rows = level_rows(atlas, level, indicator, hide_weak)
    higher = atlas.higher_is_better(indicator)
    table = ranked(rows, year, higher, since)
    n = int(table["rank"].notna().sum())
    if n < MIN_RANKED:  # a "1st" of one or two places says nothing
        table = table.assign(rank_label=None).drop(columns="rank_change", errors="ignore")
    members = (peer_groups.members(peer_groups.by_id(atlas.data.groups)[group])
               if group else None)
    shown = table
    if parent:
        parents = atlas.data.places.set_index("place_id")["parent_id"]
        shown = shown[shown["place_id"].map(parents) == parent]
    if members is not None:
        shown = shown[shown["place_id"].isin(members)]
    in_year = rows[(rows["year"] == year) & rows["place_id"].isin(shown["place_id"])]
    rank_of = table.set_index("place_id")["rank_label"]
    csv_rows = in_year.assign(rank_label=in_year["place_id"].map(rank_of)).set_index(
        "place_id").loc[shown["place_id"][shown["rank"].notna()]].reset_index()
    note = t("rankings_note" if n >= MIN_RANKED else "rankings_too_few", lang, n=n, year=year,
             least=MIN_RANKED)
    if missing := int(table["rank"].isna().sum()):
        note += " " + t("rankings_missing", lang, missing=missing, year=year)
    summary = "" if members is None else group_line(atlas, group, level, indicator, year,
                                                    rows, lang)
    shown_table, headers = display(atlas, indicator, shown, in_year, rows, since, lang)
    return Ranking(shown_table, csv_rows, headers, summary, note,
                   charts.source_links(in_year, lang))


def display(atlas: Atlas, indicator: str, shown: pd.DataFrame, in_year: pd.DataFrame,
            rows: pd.DataFrame, since: int | None,
            lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """The table with translated headers, and which header plays which role."""
    zh = lang == "zh"
    headers = {"rank": t("rank", lang), "place": t("place", lang), "value": t("value", lang),
               "unit": t("unit", lang), "grade": t("grade", lang),
               "series": t("series", lang), "profile": t("profile", lang)}
    out = pd.DataFrame({
        headers["rank"]: [label if isinstance(label, str) else DASH if has
                          else t("no_data", lang)
                          for label, has in zip(shown["rank_label"], shown["value"].notna(),
                                                strict=True)],
        headers["place"]: shown["place_zh" if zh else "place_en"].fillna(
            shown["place_en"]).to_numpy(),
        headers["value"]: figures(shown, lang).to_numpy(),
        headers["unit"]: shown["unit_zh" if zh else "unit"].fillna(DASH).to_numpy(),
        headers["grade"]: shown["grade"].map(
            lambda g: t(f"grade_{g}", lang) if isinstance(g, str) else DASH).to_numpy(),
    })
    if "rank_change" in shown:
        headers["change"] = t("rank_change_since", lang, year=since)
        out[headers["change"]] = shown["rank_change"].map(
            lambda c: DASH if pd.isna(c) else f"{int(c):+d}" if c else "0").to_numpy()
    for key, values in relative_figures(atlas, indicator, in_year).items():
        headers[key] = t(key, lang)
        out[headers[key]] = shown["place_id"].map(values).map(
            lambda v: DASH if pd.isna(v) else f"{v:,.2f}").to_numpy()
    out[headers["series"]] = shown["place_id"].map(series(rows)).to_numpy()
    profile = registry.page("profile").path
    out[headers["profile"]] = [url.address(profile, {"places": [p]}) for p in shown["place_id"]]
    return out, headers


def figures(rows: pd.DataFrame, lang: str) -> pd.Series:
    """Each row's figure as shown: with its qualifier (≥ 4 for 'over 4'), marked when only a
    weak copy gives it, a dash without one."""
    signs = query.qualifier_signs(rows["qualifier"], lang)
    weak = " (" + t("grade_weak", lang) + ")"
    return pd.Series([DASH if pd.isna(value) else
                      f"{sign} {charts.format_value(value)}".lstrip() + (weak if grade == "weak"
                                                                          else "")
                      for value, sign, grade in zip(rows["value"], signs, rows["grade"],
                                                    strict=True)], index=rows.index)


def group_line(atlas: Atlas, group: str, level: str | None, indicator: str, year: int,
               rows: pd.DataFrame, lang: str) -> str:
    """'Greater Bay Area, 2022: total …, the sum of its 9 members at this level', or why
    there is no such figure; a median where the indicator does not add up. ``rows``: the
    indicator's figures; ``level`` None counts every member."""
    spec = peer_groups.by_id(atlas.data.groups)[group]
    everyone = peer_groups.members(spec)
    places = atlas.data.places
    here = (set(everyone) if level is None
            else set(places.loc[at_level(places, level), "place_id"]))
    counted = [p for p in everyone if p in here]
    values = rows[rows["year"] == year].set_index("place_id")["value"]
    summary = peer_groups.summarise(values, counted, bool(
        atlas.lookups.indicators[indicator]["additive"]))
    unit = atlas.lookups.indicators[indicator]["unit_zh" if lang == "zh" else "unit"]
    name = peer_groups.label(spec, lang)
    if summary.value is None:
        text = t(f"group_no_{summary.method}", lang, group=name, year=year, have=summary.have,
                 of=summary.of)
    else:
        text = t(f"group_{summary.method}", lang, group=name, year=year, have=summary.have,
                 of=summary.of, value=charts.value_with_unit(summary.value, unit, lang))
    if len(counted) < len(everyone):
        text += " " + t("group_other_levels", lang, n=len(everyone) - len(counted))
    return text


def group_summary(atlas: Atlas, group: str, indicator: str, year: int, hide_weak: bool,
                  lang: str) -> str:
    """A group's total or median over all its members (Compare, whose places mix levels)."""
    members = peer_groups.members(peer_groups.by_id(atlas.data.groups)[group])
    rows = query.select(atlas.facts, places=members, indicators=[indicator],
                        include_weak=not hide_weak)
    return group_line(atlas, group, None, indicator, year, rows, lang)


def csv_bytes(rows: pd.DataFrame, lang: str) -> bytes:
    """The ranked rows as a download: their rank, then names, unit, grade and source."""
    frame = query.download_table(rows, lang)
    frame.insert(0, query.csv_header("rank", lang), rows["rank_label"].to_numpy())
    return query.to_csv_bytes(frame)
