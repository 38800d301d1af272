"""Widgets and blocks shared by the pages: pickers kept in the URL, a chart with its sources,
downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, export, peer_groups, query, registry
from dashboard.deck import MAX_ENCODED, MAX_NOTES, MAX_SLIDES, MAX_TITLE
from dashboard.i18n import t
from dashboard.levels import LEVELS
from dashboard.ui import chrome, embed, view
from dashboard.ui.cached import atlas

# Typing a name and pressing Enter adds one place, the best match (fuzzy matches are sorted by
# score): without "select all matches" Enter cannot add every match at once. Options run
# cities first, then wider areas, each labelled with its level.
PICKER = {"select_all": False}


def id_picker(form: view.Form, param: str, label: str,
              format_func: Callable[[str], str]) -> tuple[str, ...]:
    """Several ids, in the URL as ``param=a,b`` (repeated ``param=`` is read too); an empty
    ``param=`` clears a picker that has a default."""
    most = form.params[param].kind.most
    return form(param, st.multiselect, label=label, format_func=format_func,
                max_selections=most, **PICKER)


def place_picker(form: view.Form, lang: str) -> tuple[str, ...]:
    """Several places, and the peer group offered beside them (``group=``): choosing a group,
    or a link naming one, selects its members among the places offered (the first ``most``);
    the group stays chosen until another is."""
    groups = peer_groups.by_id(atlas().data.groups)
    group = form("group", st.selectbox, label=t("peer_group", lang),
                 placeholder=t("no_group", lang), format_func=lambda g: group_label(g, lang))
    applied = f"{view.page()}.group_applied"
    if group != st.session_state.get(applied):
        st.session_state[applied] = group
        # A link that names the places too was written with them: its places win.
        if group is not None and view.arrived("places") is None:
            view.preset("places", list(form.options("places")[1]))
    picked = id_picker(form, "places", t("places", lang), atlas().labels[lang].__getitem__)
    most = form.params["places"].kind.most
    if group is not None and most is not None:
        offered = set(form.options("places")[0] or ())
        members = [p for p in peer_groups.members(groups[group]) if p in offered]
        if len(members) > most:
            st.caption(t("group_first_members", lang, most=most, n=len(members)))
    return picked


def group_label(group: str | None, lang: str) -> str:
    groups = peer_groups.by_id(atlas().data.groups)
    return t("no_group", lang) if group is None else peer_groups.label(groups[group], lang)


def single_place_picker(form: view.Form, lang: str) -> str:
    return form("places", st.selectbox, label=t("place", lang),
                format_func=atlas().labels[lang].__getitem__)


def level_picker(form: view.Form, lang: str) -> str:
    """The geography level of a page (provinces first), in the URL as ``level=``."""
    return form("level", st.radio, label=t("level", lang),
                format_func=lambda k: t(LEVELS[k].label, lang), horizontal=True)


def indicator_picker(form: view.Form, lang: str, param: str = "indicator",
                     label: str = "indicator") -> str:
    return form(param, st.selectbox, label=t(label, lang),
                format_func=partial(atlas().indicator_label, lang=lang))


def year_slider(form: view.Form, lang: str, param: str = "year") -> int | None:
    """One year (the latest with most figures by default), always in the URL: the default
    moves with the data."""
    years, _ = form.options(param)
    if years is not None and len(years) == 1:
        st.caption(f"{t('year', lang)}: {years[0]}")
        return form(param)
    return form(param, st.select_slider, label=t("year", lang))


def span_slider(form: view.Form, lang: str, param: str = "years") -> tuple[int, int] | None:
    """A range of years (all by default), in the URL as two ``years=`` values."""
    return form(param, st.slider, label=t("years", lang))


def hide_weak_toggle(form: view.Form, lang: str) -> bool:
    """One switch for every page (a preference, the same wherever it shows)."""
    return form("weak", st.toggle, label=t("hide_weak", lang), help=t("hide_weak_help", lang))


def toggle(form: view.Form, param: str, label: str, **kwargs: Any) -> bool:
    return form(param, st.toggle, label=label, **kwargs)


def chart_block(chart: charts.Chart, key: str, lang: str, present: bool, note: str = "",
                on_select: str = "ignore", main: bool = True) -> object:
    """A chart, its takeaway, what it leaves out, its sources and a download of its rows (an
    embed: the chart and its sources only; it may lead the page, see ui.embed)."""
    def draw(embedded: bool) -> object:
        event = st.plotly_chart(chart.figure, key=key, on_select=on_select,
                                config={"displaylogo": False}, alt=chart.takeaway or None)
        if chart.takeaway and not embedded:
            st.markdown(chart.takeaway)
        if note and not embedded:
            st.caption(note)
        if chart.breaks:
            st.caption(chart.breaks)
        if chart.sources:
            st.caption(chart.sources)
        if chart.downloadable and not chart.rows.empty and not (present or embedded):
            downloads(chart.figure, chart.rows, key, lang)
        return event

    return block(key, draw, main)


def block(key: str, draw: Callable[[bool], object], main: bool = True) -> object:
    """Draw a block of the page (``draw(embedded)``), unless it leads the page or is left out
    of an embed (see ui.embed); what ``draw`` returned, or None."""
    return None if embed.handled(key, draw, main) else draw(False)


def selected_locations(event: object) -> list[str]:
    """Place ids picked on a map (plotly selection event); empty if none."""
    try:
        points = event.selection.points  # type: ignore[attr-defined]
    except AttributeError:
        return []
    return [str(p["location"]) for p in points if p.get("location")]


def downloads(fig: go.Figure, rows: pd.DataFrame, key: str, lang: str) -> None:
    """One button per chart opening a dialog with the chart's CSV, PNG, SVG and citation
    bundle. The dialog's buttons exist only while it is open (a page has up to ~20 charts, and
    a menu of four buttons under each was most of the profile page's rerun), and each file is
    made only when clicked: images take a browser round trip."""
    if st.button(t("download", lang), key=f"{key}-download", icon=":material/download:"):
        # The view as it is now: the dialog's own reruns happen outside the page's run.
        page = view.page()
        params = view.current()
        st.dialog(t("download", lang))(_download_choices)(fig, rows, key, lang, page, params)


def _download_choices(fig: go.Figure, rows: pd.DataFrame, key: str, lang: str, page: str,
                      params: dict[str, list[str]]) -> None:
    link = view.permalink()

    def bundle() -> bytes:
        sources = atlas().data.sources
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
    if page in registry.with_charts():  # a deck rebuilds this page's charts from its link
        _add_to_deck(fig, key, lang, page, params)


def _add_to_deck(fig: go.Figure, key: str, lang: str, page: str,
                 params: dict[str, list[str]]) -> None:
    """This view as a slide of my deck, with a title and notes of the user's own."""
    with st.form(f"{key}-deck", border=False):
        title = st.text_input(t("slide_title", lang), charts.plain_title(fig),
                              max_chars=MAX_TITLE, key=f"{key}-deck-title")
        notes = st.text_area(t("slide_notes", lang), max_chars=MAX_NOTES,
                             key=f"{key}-deck-notes")
        if st.form_submit_button(t("add_to_deck", lang), icon=":material/playlist_add:"):
            number = chrome.add_slide(page, params, key, title, notes)
            if number is None:
                st.warning(t("deck_full", lang, most=MAX_SLIDES, length=MAX_ENCODED))
            else:
                st.success(t("added_to_deck", lang, number=number))


def comparability_note(place_ids: Sequence[str], lang: str) -> None:
    levels = query.kinds_note(atlas().lookups.places, place_ids)
    if len(levels) > 1:
        names = ", ".join(t("kind_" + k, lang) for k in levels)
        st.info(t("comparability_mixed", lang).format(names=names))


def headline_metrics(latest: pd.DataFrame, indicator_ids: Sequence[str], lang: str) -> None:
    """One metric per indicator: figure, unit, year and source, the year marked ≠ where the
    places beside it show another year; 'No data' if none."""
    by_indicator = latest.set_index("indicator_id")
    for indicator_id in indicator_ids:
        label = atlas().indicator_name(indicator_id, lang)
        if indicator_id not in by_indicator.index:
            st.metric(label, t("no_data", lang))
            continue
        row = by_indicator.loc[indicator_id]
        unit = row["unit_zh"] if lang == "zh" else row["unit"]
        year = f"{int(row['year'])}" + ("" if row["same_year"] else " ≠")
        note = "" if row["same_year"] else f"  \n{t('years_differ', lang)}"
        st.metric(f"{label} ({year})", charts.value_with_unit(row["value"], unit, lang),
                  help=f"{t('source', lang)}: "
                  f"{charts.public_label(row['source_title'], row['source_url'], row['grade'])} "
                  f"({row['grade']}){note}")


def cards(items: Sequence[tuple[str, str]], columns: int = 1) -> None:
    """Bordered cards of a headline and a caption (milestones, quoted facts)."""
    grid = st.columns(columns)
    for i, (headline, quote) in enumerate(items):
        with grid[i % columns], st.container(border=True):
            st.markdown(headline)
            st.caption(quote)


def ranking_table(table: pd.DataFrame, headers: dict[str, str], lang: str) -> None:
    """A ranking (``rankings.Ranking.table``): searchable as any dataframe, figures as text
    (a bound keeps its ≥, a gap shows a dash), each place's series as a sparkline and a link
    to its profile."""
    config = {headers["series"]: st.column_config.LineChartColumn(headers["series"]),
              headers["profile"]: st.column_config.LinkColumn(
                  headers["profile"], display_text=t("open_profile", lang))}
    st.dataframe(table, hide_index=True, column_config=config)
