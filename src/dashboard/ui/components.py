"""Widgets and blocks shared by the pages: pickers, a chart with its sources, downloads."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from functools import partial
from itertools import islice
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, export, query
from dashboard.data.load import Dataset
from dashboard.i18n import name, t
from dashboard.state import Selection, to_params
from dashboard.ui import view
from dashboard.ui.cached import (
    dataset,
    indicators_by_place,
    lookups,
    memo,
    place_labels,
    select,
)


def style(selection: Selection) -> charts.Style:
    return charts.Style.for_view(selection.present)


def place_name(place_id: str, lang: str) -> str:
    row = lookups().places.get(place_id)
    return place_id if row is None else name(row, "name", lang)


def place_label(place_id: str, lang: str) -> str:
    """Name with its geography level, as in pickers: 'Guangzhou (city)'."""
    return place_labels(lang).get(place_id, place_id)


def indicator_spec(indicator_id: str) -> dict:
    return lookups().indicators[indicator_id]


def indicator_labels(indicator_ids: Sequence[str], lang: str) -> dict[str, str]:
    """'R&D expenditure (CNY 100m)' per id, looked up once for a whole picker."""
    specs = lookups().indicators
    if lang == "zh":
        return {i: f"{specs[i]['name_zh']}({specs[i]['unit_zh']})" for i in indicator_ids}
    return {i: f"{specs[i]['name_en']} ({specs[i]['unit']})" for i in indicator_ids}


def indicators_for(place_ids: Sequence[str]) -> list[str]:
    """Indicators with a figure for any of the places (all indicators if none chosen)."""
    def build() -> list[str]:
        by_place = indicators_by_place()
        found = set().union(*(by_place.get(p, frozenset()) for p in place_ids or by_place))
        return query.in_topic_order(lookups().indicators, found)

    return memo(("indicators-for", *sorted(place_ids)), build)


def chart_title(indicator_id: str, place_ids: Sequence[str], rows: pd.DataFrame,
                lang: str) -> str:
    """What, where and when: 'R&D expenditure · Beijing, Guangzhou · 2010–2023'."""
    return charts.chart_title(indicator_name(indicator_id, lang),
                              [place_name(p, lang) for p in place_ids], rows)


def rank_frame(table: pd.DataFrame, lang: str, since: int | None = None) -> pd.DataFrame:
    """A rank table with translated headers for display; ``since``: the year its rank change
    is measured from."""
    name_col = "place_zh" if lang == "zh" else "place_en"
    out = table[["rank", name_col, "value", "unit"]].rename(columns={
        "rank": t("rank", lang), name_col: t("place", lang), "value": t("value", lang),
        "unit": t("unit", lang)})
    if "rank_change" in table:
        # Signed text: "+2" moved up, "–" where the place had no rank in the earlier year.
        out[t("rank_change_since", lang, year=since)] = table["rank_change"].map(
            lambda c: "–" if pd.isna(c) else f"{int(c):+d}")
    return out


NEXT_STEPS = (
    ("pages/compare.py", "next_compare", ":material/compare_arrows:"),
    ("pages/clusters.py", "next_clusters", ":material/hub:"),
    ("pages/china_map.py", "next_map", ":material/map:"),
    ("pages/data_sources.py", "next_data", ":material/table:"),
)


def headline_metrics(latest: pd.DataFrame, indicator_ids: Sequence[str], lang: str) -> None:
    """One metric per indicator: latest figure, unit, year and source; 'No data' if none;
    ⚠ after the year where the places set side by side share no year (``same_year``)."""
    by_indicator = latest.set_index("indicator_id")
    for indicator_id in indicator_ids:
        label = indicator_name(indicator_id, lang)
        if indicator_id not in by_indicator.index:
            st.metric(label, t("no_data", lang))
            continue
        row = by_indicator.loc[indicator_id]
        unit = row["unit_zh"] if lang == "zh" else row["unit"]
        flag = "" if row.get("same_year", True) else " ⚠"
        st.metric(f"{label} ({int(row['year'])}{flag})",
                  charts.value_with_unit(row["value"], unit, lang),
                  help=t("metric_help", lang, source=t("source", lang),
                         title=row["source_title"], grade=t(f"grade_{row['grade']}", lang)))


def coverage_frame(ds: Dataset, lang: str) -> pd.DataFrame:
    """Indicator × geography level: how many places, and which years."""
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


def ordered_places(rows: pd.DataFrame) -> list[str]:
    """The places in ``rows``, by English name."""
    names = rows.drop_duplicates("place_id").sort_values("place_en", kind="stable")
    return names["place_id"].astype(str).tolist()


def with_coordinates(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with the lat/lon of their place (rows of places without coordinates dropped)."""
    coords = dataset().places[["place_id", "lat", "lon"]]
    out = rows.assign(place_id=rows["place_id"].astype(str)).merge(coords, on="place_id")
    return out.dropna(subset=["lat", "lon"])


def indicator_name(indicator_id: str, lang: str) -> str:
    return name(indicator_spec(indicator_id), "name", lang)


def higher_is_better(indicator_id: str) -> bool:
    return bool(indicator_spec(indicator_id)["higher_is_better"])


def selected_locations(event: object) -> list[str]:
    """Place ids picked on a map (plotly selection event); empty if none."""
    try:
        points = event.selection.points  # type: ignore[attr-defined]
    except AttributeError:
        return []
    return [str(p["location"]) for p in points if p.get("location")]


def latest_table(latest: pd.DataFrame, lang: str) -> None:
    """A place's latest figure per indicator, with unit, year and source."""
    if latest.empty:
        st.caption(t("no_data_for", lang))
        return
    name_col = "indicator_zh" if lang == "zh" else "indicator_en"
    unit = "unit_zh" if lang == "zh" else "unit"
    table = latest[[name_col, "value", unit, "year", "source_title", "grade"]].rename(columns={
        name_col: t("indicator", lang), "value": t("value", lang), unit: t("unit", lang),
        "year": t("year", lang), "source_title": t("source", lang),
        "grade": t("grade", lang)})
    st.dataframe(table, hide_index=True)


TOPIC_ORDER = ("research", "high_tech", "incubators", "talent", "clusters", "context")


def _milestone_texts(place_id: str, lang: str) -> list[tuple[str, str]]:
    ms = dataset().milestones
    sources = lookups().sources
    label = "label_zh" if lang == "zh" else "label_en"
    rows = ms[ms["place_id"] == place_id].sort_values("year").to_dict("records")
    return [(f"**{int(row['year'])}** · {row[label]}",
             f"“{row['evidence']}” — {sources[row['source_id']]['title']}") for row in rows]


def milestone_cards(place_id: str, lang: str) -> None:
    """A place's plan goals, each with the phrase that states it and its source."""
    for headline, quote in memo(("milestones", place_id, lang),
                                lambda: _milestone_texts(place_id, lang)):
        with st.container(border=True):
            st.markdown(headline)
            st.caption(quote)


def _fact_texts(place_id: str, topic: str, lang: str) -> list[tuple[str, str]]:
    rows = select(places=[place_id], topics=[topic], preferred_only=False)
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


def fact_cards(place_id: str, topic: str, lang: str) -> None:
    """Hand-collected figures on one topic, with the exact phrase that states them, its source
    and grade."""
    cards = memo(("fact-cards", place_id, topic, lang), lambda: _fact_texts(place_id, topic, lang))
    if not cards:
        return
    st.subheader(t("facts", lang))
    grid = st.columns(3)
    for i, (headline, quote) in enumerate(cards):
        with grid[i % 3], st.container(border=True):
            st.markdown(headline)
            st.caption(quote)


def source_labels() -> dict[str, str]:
    return {sid: f"{row['title']} [{sid}]" for sid, row in lookups().sources.items()}


def sources_frame(lang: str) -> pd.DataFrame:
    """Every source with publisher, carrier (who republished it), link, licence and grade."""
    src = dataset().sources
    counts = dataset().observations.groupby("source_id").size()
    out = src[["source_id", "title", "publisher", "carrier", "published", "licence", "grade",
               "url"]].copy()
    out["figures"] = out["source_id"].map(counts).fillna(0).astype(int)
    out["grade"] = out["grade"].map(lambda g: t(f"grade_{g}", lang))
    return out.fillna("")


PICKER_LIMIT = 2000


def _offered(key: str, options: Collection[str], keep: Sequence[str], lang: str) -> list[str]:
    """A picker's options. Past PICKER_LIMIT places (a larger data package), a search box
    narrows them: the browser would receive every label on every rerun otherwise. Places
    already picked stay offered."""
    if len(options) <= PICKER_LIMIT:
        return list(options)
    labels = place_labels(lang)
    needle = st.text_input(t("find_place", lang).format(shown=PICKER_LIMIT, total=len(options)),
                           key=f"{key}.find").strip().lower()
    matches = (p for p in options if needle in labels[p].lower()) if needle else iter(options)
    current = st.session_state.get(key) or []
    current = [current] if isinstance(current, str) else list(current)
    offered = dict.fromkeys(p for p in (*keep, *current) if p in labels)
    offered.update(dict.fromkeys(islice(matches, PICKER_LIMIT)))
    return list(offered)


def place_picker(key: str, options: Collection[str], chosen: Sequence[str], lang: str,
                 max_selections: int | None = 8) -> list[str]:
    """Several places; ``options`` is best a dict or set when long (membership checks)."""
    valid = [p for p in chosen if p in options]
    return view.bound(st.multiselect, key, valid, label=t("places", lang),
                      options=_offered(key, options, valid, lang),
                      format_func=place_labels(lang).__getitem__, max_selections=max_selections)


def single_place_picker(key: str, options: Collection[str], chosen: str, lang: str) -> str:
    value = chosen if chosen in options else next(iter(options))
    return view.bound(st.selectbox, key, value, label=t("place", lang),
                      options=_offered(key, options, [value], lang),
                      format_func=place_labels(lang).__getitem__)


def indicator_picker(key: str, options: Sequence[str], chosen: str | None, lang: str) -> str:
    if not options:
        st.warning(t("no_data_for", lang))
        st.stop()
    value = chosen if chosen in set(options) else options[0]
    return view.bound(st.selectbox, key, value, label=t("indicator", lang),
                      options=list(options),
                      format_func=indicator_labels(options, lang).__getitem__)


def year_slider(key: str, years: Sequence[int], chosen: int | None, lang: str) -> int:
    years = sorted(set(years))
    value = chosen if chosen in years else years[-1]
    if len(years) == 1:
        st.caption(f"{t('year', lang)}: {years[0]}")
        return years[0]
    return view.bound(st.select_slider, key, value, label=t("year", lang), options=years)


def hide_weak_toggle(key: str, lang: str) -> bool:
    return view.bound(st.toggle, key, False, label=t("hide_weak", lang),
                      help=t("hide_weak_help", lang))


def chart_block(chart: charts.Chart, key: str, selection: Selection,
                on_select: str = "ignore") -> object:
    """A chart, its takeaway, its sources and a download of exactly its rows."""
    event = st.plotly_chart(chart.figure, key=key, on_select=on_select,
                            config={"displaylogo": False}, alt=chart.takeaway or None)
    if chart.takeaway:
        st.markdown(chart.takeaway)
    if chart.sources:
        st.caption(chart.sources)
    if not chart.rows.empty and not selection.present:
        downloads(chart.figure, chart.rows, key, selection)
    return event


def permalink(selection: Selection) -> str:
    """The address that reopens this view."""
    base = str(st.context.url or "").split("?")[0]
    params = urlencode(to_params(selection))
    return f"{base}?{params}" if params else base


def downloads(fig: go.Figure, rows: pd.DataFrame, key: str, selection: Selection) -> None:
    """One button per chart opening a dialog with the chart's CSV, PNG, SVG and citation
    bundle. The dialog's buttons exist only while it is open (a page has up to ~20 charts, and
    a menu of four buttons under each was most of the profile page's rerun), and each file is
    made only when clicked: images take a browser round trip."""
    lang = selection.lang
    if st.button(t("download", lang), key=f"{key}-download", icon=":material/download:"):
        st.dialog(t("download", lang))(_download_choices)(fig, rows, key, selection)


def _download_choices(fig: go.Figure, rows: pd.DataFrame, key: str,
                      selection: Selection) -> None:
    lang = selection.lang
    link = permalink(selection)

    def bundle() -> bytes:
        sources = dataset().sources
        cited = sources[sources["source_id"].isin(set(rows["source_id"].astype(str)))]
        return export.citation_bundle(fig, query.download_table(rows, lang), cited, link,
                                      date.today(), key)

    st.text(charts.plain_title(fig))  # which chart (plain text: names are not Markdown)
    # on_click="ignore": a download does not rerun the page, so the dialog stays open.
    st.download_button(t("download_csv", lang), partial(query.rows_csv, rows, lang),
                       file_name=f"{key}.csv", mime="text/csv", key=f"{key}-csv",
                       on_click="ignore")
    for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
        st.download_button(t(f"download_{fmt}", lang), partial(export.figure_image, fig, fmt),
                           file_name=f"{key}.{fmt}", mime=mime, key=f"{key}-{fmt}",
                           on_click="ignore")
    st.download_button(t("download_bundle", lang), bundle, file_name=f"{key}-citation.zip",
                       mime="application/zip", key=f"{key}-bundle", on_click="ignore")


def comparability_note(place_ids: Sequence[str], lang: str) -> None:
    levels = query.kinds_note(lookups().places, place_ids)
    if len(levels) > 1:
        names = ", ".join(t("kind_" + k, lang) for k in levels)
        st.info(t("comparability_mixed", lang).format(names=names))
