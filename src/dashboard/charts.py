"""DataFrame → plotly Figure: the one set of chart builders every page uses.

Every figure gets a title that says what, where and when, the unit on its value axis, a source
line, and hover text with value, unit, year and source. Missing years stay gaps: lines are
broken, bars and map regions say "no data". Maps use MapLibre traces on a blank style with our
own boundaries, so nothing is fetched from a CDN.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pandas as pd
import plotly.graph_objects as go

from dashboard import query
from dashboard.i18n import t

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#17becf"]
NO_DATA_GREY = "#d9d9d9"
MILESTONE_GREY = "#888"
SOURCE_MAX = 3
# Plotly never wraps a title or an annotation; a phone (390 px) holds about 44 columns of title
# and 56 of source line, a CJK character taking two.
TITLE_COLUMNS = 44
SOURCE_COLUMNS = 56
SOURCE_LINES = 3  # what fits below the axis; the linked sources under the chart list them all
SOURCE_NAME = "source"  # the source line's annotation, found by name (see without_source)
SOURCE_PAD = 10  # px between what sits under the plot (axis title, colour bar) and the line
MILESTONE_COLUMNS = 24  # a milestone's label per line, under its year
DEFAULT_HEIGHT = 450  # px, plotly's and Streamlit's default
TITLE_PAD = 22  # px above the title
LINE_HEIGHT = 1.45  # a line of text (title, legend) in px per px of type, with its spacing


@dataclass(frozen=True)
class Style:
    """Presenter mode swaps in large type and high contrast."""

    font_size: int = 13
    title_size: int = 16
    line_width: float = 2.2
    # Columns of title per line: large type fits fewer in a half-width chart of a slide
    # (1280 px wide: ~560 px, 34 columns at 26 px).
    title_columns: int = TITLE_COLUMNS

    @classmethod
    def for_view(cls, present: bool) -> Style:
        return cls(font_size=20, title_size=26, line_width=4, title_columns=34) if present \
            else cls()


def format_value(value: float) -> str:
    """Thousands separators for large figures, four significant digits for small ones."""
    return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


def value_with_unit(value: float, unit: str, lang: str = "en") -> str:
    """'2,947 CNY 100m', '#3' for ranks, a bare number for counts."""
    if unit in ("rank", "名"):
        return t("rank_value", lang, rank=f"{value:.0f}")
    if unit in ("count", "个", "家", "件", "所", "篇"):
        return format_value(value) + (unit if lang == "zh" else "")
    # Chinese units follow the number directly (2947亿元, 6.73%); English ones after a space.
    joined = lang == "zh" and unit[:1] and (unit[0] == "%" or "\u4e00" <= unit[0] <= "\u9fff")
    return f"{format_value(value)}{'' if joined else ' '}{unit}"


def _label(rows: pd.DataFrame, prefix: str, lang: str) -> pd.Series:
    column = f"{prefix}_zh" if lang == "zh" else f"{prefix}_en"
    return rows[column].astype(str)


def year_span(rows: pd.DataFrame) -> str:
    if rows.empty:
        return ""
    lo, hi = int(rows["year"].min()), int(rows["year"].max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _columns(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1
               for ch in text)


def wrap(text: str, columns: int) -> str:
    """``text`` broken at spaces into lines of at most ``columns`` (a longer word stays whole),
    joined by plotly's <br>. Each break keeps its space, so the chart's text still reads as one
    line to a screen reader or a search."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and _columns(f"{lines[-1]} {word}") <= columns:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return " <br>".join(lines)


def plain_title(fig: go.Figure) -> str:
    """A figure's title as one line of text, for files and dialogs."""
    return str(fig.layout.title.text or "").replace("<br>", "")


def chart_title(what: str, where: Sequence[str], rows: pd.DataFrame) -> str:
    """What, where and when: 'R&D expenditure · Beijing, Guangzhou · 2010–2023'."""
    places = ", ".join(where[:4]) + (f" +{len(where) - 4}" if len(where) > 4 else "")
    return " · ".join(part for part in (what, places, year_span(rows)) if part)


# Sources are listed publisher's own copy first, then reprints, then weak copies.
GRADE_ORDER = {"official": 0, "reprint": 1, "weak": 2}
# Words the curators used in titles and publisher names to say why a copy is doubtful. They
# stay in the data package; a public label never shows them.
CURATION_WORDS = re.compile(
    r"spam|mirror|inject|wrapped|re-?post|\bcop(?:y|ies)\b|aggregat|machine-|spun|scrap|"
    r"unrelated site|weak source", re.IGNORECASE)
# Characters Markdown (and Streamlit's :color[] and $math$) would read as markup in link text.
# Kept as they are in a link's address; a space, brackets and non-ASCII text are encoded.
URL_SAFE = ":/?#&=%+@!$,;~*'"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$~|#:])")


def public_label(text: object, url: object, grade: object) -> str:
    """What a reader sees for a source's title or publisher: the text itself, or, for a weak
    copy or a text in the curators' words, the host name of the copy's address."""
    text = "" if pd.isna(text) else str(text)
    if str(grade) != "weak" and not CURATION_WORDS.search(text):
        return text
    host = urlsplit(str(url)).hostname if str(url).startswith("http") else None
    return host.removeprefix("www.") if host else CURATION_WORDS.sub("", text).strip(" ,;()")


def public_titles(rows: pd.DataFrame) -> pd.Series:
    """Each row's source as a reader sees it (``public_label`` of its title)."""
    blank = pd.Series("", index=rows.index)
    return pd.Series([public_label(*args) for args in zip(
        rows["source_title"], rows.get("source_url", blank), rows.get("grade", blank),
        strict=True)], index=rows.index, dtype=object)


def _cited(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per source behind ``rows``, best grade first, then most figures: its public
    label and address."""
    grade = rows.get("grade", pd.Series("", index=rows.index))
    cited = pd.DataFrame({"label": public_titles(rows),
                          "url": rows.get("source_url", pd.Series("", index=rows.index)),
                          "order": grade.map(GRADE_ORDER).fillna(len(GRADE_ORDER))})
    cited["figures"] = cited.groupby("label", sort=False)["label"].transform("size")
    cited = cited.sort_values(["order", "figures"], ascending=[True, False], kind="stable")
    return cited.drop_duplicates("label")


def source_line(rows: pd.DataFrame, lang: str = "en") -> str:
    """Short text naming the sources of the rows shown (best grade, then most rows first)."""
    if rows.empty:
        return ""
    labels = _cited(rows)["label"].tolist()
    more = len(labels) - SOURCE_MAX
    text = "; ".join(labels[:SOURCE_MAX])
    if more > 0:
        text += f" (+{more})"
    return f"{t('source', lang)}: {text}"


def markdown_text(text: object) -> str:
    """Text shown literally inside Markdown (a link's text)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def source_link(title: object, url: object) -> str:
    """A source's label as Markdown, linked when its address is a web one (archived seed
    documents are file names). The address is percent-encoded: a space or a bracket in it
    would otherwise end the link and show the Markdown raw."""
    if not str(url).startswith("http"):
        return markdown_text(title)
    return f"[{markdown_text(title)}]({quote(str(url), safe=URL_SAFE)})"


def source_links(rows: pd.DataFrame, lang: str = "en", most: int = 6) -> str:
    """Markdown line linking the distinct sources behind the rows, for under a chart: official
    ones first, then reprints, then weak copies."""
    if rows.empty:
        return ""
    links = [source_link(src.label, src.url) for src in _cited(rows).itertuples()]
    more = f" … +{len(links) - most}" if len(links) > most else ""
    return f"{t('sources', lang)}: " + " · ".join(links[:most]) + more


class Figure(go.Figure):
    """A finished figure. Views are cached and shared by every session, so a figure is never
    changed once built (code that restyles one copies it first). Streamlit asks for the figure's
    dict on every rerun, for which plotly deep-copies the whole figure: with a map's boundaries
    that was most of the rerun, repeated by every session. Here it is made once."""

    def to_dict(self) -> dict:
        if getattr(self, "_as_dict", None) is None:
            self._as_dict = super().to_dict()
        return self._as_dict


@dataclass(frozen=True, eq=False)
class Chart:
    """A figure with what travels with it: the rows behind it (its downloads and citations),
    a one-line takeaway (also its alt text) and the linked sources. ``downloadable`` is False
    for rows that are not figures (a plan's milestones): they are cited, not offered as data."""

    figure: go.Figure
    rows: pd.DataFrame
    takeaway: str = ""
    sources: str = ""
    breaks: str = ""
    downloadable: bool = True

    @classmethod
    def of(cls, figure: go.Figure, rows: pd.DataFrame, lang: str, takeaway: str = "") -> Chart:
        return cls(figure, rows, takeaway, source_links(rows, lang), series_breaks(rows, lang))


def series_breaks(rows: pd.DataFrame, lang: str) -> str:
    """Which shown figures sit at a break in their series (a census revision, a changed
    definition, a jump the source does not explain), as the data's notes flag them; '' if none.
    A reader must not take a step at such a year for a real change."""
    flagged = rows[query.at_break(rows)]
    if flagged.empty:
        return ""
    years = flagged.groupby(_label(flagged, "place", lang), sort=True)["year"].agg(
        lambda ys: ", ".join(str(int(y)) for y in sorted(set(ys))))
    return t("series_breaks", lang, where="; ".join(f"{p} ({y})" for p, y in years.items()))


def _with_gaps(rows: pd.DataFrame) -> pd.DataFrame:
    """Insert empty rows for years a place has no figure, so its line breaks there."""
    places = rows["place_id"].astype(str)
    span = rows.groupby(places, sort=False)["year"].agg(["min", "max"])
    if (span["max"] - span["min"] + 1).sum() == len(rows):
        return rows
    grid = pd.MultiIndex.from_tuples(
        [(p, y) for p, lo, hi in zip(span.index, span["min"], span["max"], strict=True)
         for y in range(int(lo), int(hi) + 1)], names=["place_id", "year"])
    keyed = rows.assign(place_id=places)
    full = keyed.set_index(["place_id", "year"]).reindex(grid).reset_index()
    first = keyed.drop_duplicates("place_id").set_index("place_id")
    for col in ("place_en", "place_zh", "unit", "unit_zh"):
        full[col] = full["place_id"].map(first[col])
    return full


def unit_label(rows: pd.DataFrame, lang: str) -> str:
    column = "unit_zh" if lang == "zh" else "unit"
    units = rows[column].dropna().astype(str).unique()
    return units[0] if len(units) else ""


def _span(years: list[int]) -> int:
    return max(years) - min(years)


def _merge(base: dict, extra: dict) -> dict:
    """Nested dict update: ``extra`` wins, sub-dicts are merged rather than replaced."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(
            out.get(key), dict) else value
    return out


def _figure(traces: list[dict], layout: dict, title: str, rows: pd.DataFrame, lang: str,
            style: Style, legend_rows: int = 1) -> go.Figure:
    """Build the figure once from plain dicts, adding the title, fonts and source line.
    (Every plotly update re-validates the whole figure; with many small charts on a page,
    incremental updates dominated the page's run time.) ``legend_rows``: the rows the legend
    above the plot needs, so it stays clear of the title."""
    # Explicit sizes: Streamlit's chart theme would otherwise keep its small defaults.
    axis = {"tickfont": {"size": style.font_size}, "title": {"font": {"size": style.font_size}}}
    # Anchored in pixels below the plot so it is never clipped, whatever the chart height.
    lines = wrap(source_line(rows, lang), SOURCE_COLUMNS).split(" <br>")
    if len(lines) > SOURCE_LINES:
        lines = [*lines[: SOURCE_LINES - 1], lines[SOURCE_LINES - 1] + " …"]
    source = {"text": " <br>".join(lines), "showarrow": False, "xref": "paper",
              "yref": "paper", "x": 0, "y": 0, "yshift": -62 if "map" not in layout else -80,
              "xanchor": "left", "yanchor": "top", "align": "left", "name": SOURCE_NAME,
              "font": {"size": max(style.font_size - 3, 10), "color": "#555"}}
    wrapped = wrap(title, style.title_columns)
    # Room above the plot for the title's lines and the legend under them, in any type size.
    top = TITLE_PAD + round(LINE_HEIGHT * (style.title_size * (wrapped.count("<br>") + 1)
                                           + style.font_size * legend_rows))
    common = {
        # Hung from the top, so a second line goes below the first, not above the figure.
        "title": {"text": wrapped, "font": {"size": style.title_size},
                  "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": TITLE_PAD}},
        "font": {"size": style.font_size, "family": "Noto Sans CJK SC, Noto Sans, sans-serif"},
        "margin": {"l": 10, "r": 10, "t": 90, "b": 110},
        # Legend between title and plot: its height then never pushes the source line off.
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom",
                   "font": {"size": style.font_size}},
        "xaxis": axis, "yaxis": axis,
        # A one-key template instead of plotly's default: the default is copied and serialised
        # with every chart (most of a small chart's cost), while every trace here sets its own
        # colours. The template must still have a layout, which Streamlit themes (light/dark).
        "template": {"layout": {"colorway": PALETTE}},
    }
    merged = _merge(common, layout)
    # A taller title (large type, long names) makes the figure taller, not the plot shorter.
    grown = max(0, top - merged["margin"]["t"])
    merged["margin"] = {**merged["margin"], "t": merged["margin"]["t"] + grown}
    merged["height"] = merged.get("height", DEFAULT_HEIGHT) + grown
    merged["annotations"] = [*layout.get("annotations", []), source]
    return Figure(data=traces, layout=merged)


def without_source(fig: go.Figure) -> go.Figure:
    """A copy without the source line under the plot, for a slide that prints its sources as
    text beneath the picture (in large type the line wrapped to three lines and was cut off).
    The bottom margin keeps only what sits above the line, and the figure shrinks by the same,
    so the plot keeps its size."""
    copy = go.Figure(fig)
    lines = [a for a in copy.layout.annotations if a.name == SOURCE_NAME]
    if not lines:
        return copy
    room = copy.layout.margin.b + lines[0].yshift - SOURCE_PAD  # yshift < 0: below the plot
    # Assigned, not passed to update_layout, which takes an empty list for "no change".
    copy.layout.annotations = [a for a in copy.layout.annotations if a.name != SOURCE_NAME]
    return copy.update_layout(margin={"b": copy.layout.margin.b - room},
                              height=copy.layout.height - room)


def empty_figure(title: str, lang: str, style: Style = Style()) -> go.Figure:
    message = {"text": t("no_data_for", lang), "showarrow": False, "x": 0.5, "y": 0.5,
               "xref": "paper", "yref": "paper", "font": {"size": style.font_size + 4}}
    return _figure([], {"annotations": [message], "xaxis": {"visible": False},
                        "yaxis": {"visible": False}},
                   title, pd.DataFrame(columns=["source_title"]), lang, style)


def line_chart(rows: pd.DataFrame, title: str, lang: str = "en", *, log: bool = False,
               style: Style = Style(), milestones: Sequence[tuple[int, str]] = (),
               reverse: bool = False, order: Sequence[str] = ()) -> go.Figure:
    """One line per place over years; gaps where a year has no figure. ``reverse`` puts
    rank 1 at the top; ``order`` lists place ids in the order the legend should follow."""
    if rows.empty:
        return empty_figure(title, lang, style)
    unit = unit_label(rows, lang)
    filled = _with_gaps(rows.sort_values("year"))
    signs = query.qualifier_signs(filled.get("qualifier", pd.Series("", filled.index)), lang)
    rank = {p: i for i, p in enumerate(order)}
    groups = sorted(filled.groupby("place_id", observed=True, sort=False),
                    key=lambda item: rank.get(str(item[0]), len(rank)))
    traces = []
    for i, (_, group) in enumerate(groups):
        label = _label(group, "place", lang).iloc[0]
        traces.append({
            "type": "scatter", "x": group["year"].tolist(), "y": group["value"].tolist(),
            "name": label, "mode": "lines+markers", "connectgaps": False,
            "line": {"width": style.line_width, "color": PALETTE[i % len(PALETTE)]},
            # A bound or an estimate is an open marker, its sign ("≥") in the hover.
            "marker": {"symbol": ["circle-open" if s else "circle" for s in signs[group.index]]},
            "customdata": list(zip(public_titles(group),
                                   signs[group.index], strict=True)),
            "hovertemplate": f"<b>{label}</b><br>%{{x}}: %{{customdata[1]}}%{{y:,.4~g}} {unit}"
                             "<br>%{customdata[0]}<extra></extra>",
        })
    if milestones:
        # Labels written over the plot crossed the lines (and in large type ran off it): the
        # dotted lines are named once in the legend; the milestones chart carries the labels.
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines",
                       "name": t("milestone_lines", lang), "hoverinfo": "skip",
                       "line": {"dash": "dot", "color": MILESTONE_GREY}})
    layout = {
        "shapes": [{"type": "line", "x0": year, "x1": year, "xref": "x", "y0": 0, "y1": 1,
                    "yref": "paper", "line": {"dash": "dot", "color": MILESTONE_GREY}}
                   for year, _ in milestones],
        "xaxis": {"title": {"text": t("year", lang)}, "dtick": 1 if _span(
            filled["year"].tolist() + [y for y, _ in milestones]) < 12 else None},
        "yaxis": {"title": {"text": unit}, "type": "log" if log else "linear",
                  "autorange": "reversed" if reverse else True},
    }
    return _figure(traces, layout, title, rows, lang, style)


def bar_chart(rows: pd.DataFrame, title: str, lang: str = "en", *,
              missing: Sequence[str] = (), style: Style = Style()) -> go.Figure:
    """Horizontal bars for one year, largest on top; places without a figure are listed as
    'no data' rather than drawn as zero."""
    if rows.empty and not missing:
        return empty_figure(title, lang, style)
    unit = unit_label(rows, lang)
    ordered = rows.sort_values("value")
    labels = list(_label(ordered, "place", lang))
    traces = [{
        "type": "bar", "x": ordered["value"].tolist(), "y": labels, "orientation": "h",
        "marker": {"color": PALETTE[0]},
        "customdata": list(zip(ordered["year"], public_titles(ordered), strict=True)),
        "text": [format_value(v) for v in ordered["value"]], "textposition": "auto",
        "hovertemplate": f"<b>%{{y}}</b><br>%{{customdata[0]}}: %{{x:,.4~g}} {unit}"
                         "<br>%{customdata[1]}<extra></extra>",
    }]
    if missing:
        traces.append({"type": "bar", "x": [0] * len(missing), "y": list(missing),
                       "orientation": "h", "text": [t("no_data", lang)] * len(missing),
                       "textposition": "outside", "marker": {"color": NO_DATA_GREY},
                       "hoverinfo": "skip", "showlegend": False})
    layout = {"xaxis": {"title": {"text": unit}}, "showlegend": False,
              "height": max(300, 60 + 40 * (len(labels) + len(missing)))}
    return _figure(traces, layout, title, rows, lang, style)


def _colorbar(unit: str) -> dict:
    """A map's colour bar, horizontal under the map: at the side it covered east China (Beijing
    included) on a phone. The source line goes below it (see _figure)."""
    return {"title": {"text": unit, "side": "top"}, "orientation": "h", "thickness": 12,
            "len": 0.8, "x": 0.5, "xanchor": "center", "y": 0, "yanchor": "top"}


def _map_layout(center: dict, zoom: float) -> dict:
    return {"map": {"style": "white-bg", "center": center, "zoom": zoom},
            "margin": {"l": 0, "r": 0, "t": 60, "b": 150}, "height": 670}


def choropleth(rows: pd.DataFrame, geojson: dict, title: str, lang: str = "en", *,
               style: Style = Style(), center: dict | None = None,
               zoom: float = 2.9) -> go.Figure:
    """Regions coloured by value; regions without a figure drawn grey and hovered 'no data'."""
    unit = unit_label(rows, lang)
    # Rows of places without a boundary in this layer cannot be drawn; leaving them out keeps
    # the figure sent to the browser in proportion to the map, not to the data.
    shaped = {f["id"] for f in geojson["features"]}
    rows = rows[rows["place_id"].astype(str).isin(shaped)]
    have = set(rows["place_id"].astype(str))
    # Each trace gets only its own regions, so the boundaries are serialised once in all.
    blank = [f for f in geojson["features"] if f["id"] not in have]
    drawn = [f for f in geojson["features"] if f["id"] in have]
    traces = [{
        "type": "choroplethmap", "geojson": {"type": "FeatureCollection", "features": blank},
        "locations": [f["id"] for f in blank], "z": [0] * len(blank),
        "showscale": False, "colorscale": [[0, NO_DATA_GREY], [1, NO_DATA_GREY]],
        "marker": {"line": {"color": "white", "width": 0.6}},
        "text": [f"{f['properties'].get('name', f['id'])}: {t('no_data', lang)}" for f in blank],
        "hovertemplate": "%{text}<extra></extra>", "name": t("no_data", lang),
    }]
    if not rows.empty:
        traces.append({
            "type": "choroplethmap",
            "geojson": {"type": "FeatureCollection", "features": drawn},
            "locations": rows["place_id"].astype(str).tolist(), "z": rows["value"].tolist(),
            "colorscale": "Blues", "marker": {"line": {"color": "white", "width": 0.6}},
            "colorbar": _colorbar(unit),
            "customdata": list(zip(_label(rows, "place", lang), rows["year"].tolist(),
                                   public_titles(rows), strict=True)),
            "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}: %{z:,.4~g} "
                             f"{unit}<br>%{{customdata[2]}}<extra></extra>",
            "name": unit,
        })
    layout = _map_layout(center or {"lat": 36, "lon": 104}, zoom)
    return _figure(traces, layout, title, rows, lang, style)


def marker_map(rows: pd.DataFrame, backdrop: dict, title: str, lang: str = "en", *,
               size_by_rank: bool = True, style: Style = Style()) -> go.Figure:
    """Points (clusters, institutions) on a plain country backdrop. Rows need lat, lon."""
    unit = unit_label(rows, lang)
    ids = [f["id"] for f in backdrop["features"]]
    traces = [{
        "type": "choroplethmap", "geojson": backdrop, "locations": ids, "z": [0] * len(ids),
        "showscale": False, "colorscale": [[0, "#eeeeee"], [1, "#eeeeee"]],
        "marker": {"line": {"color": "#bbbbbb", "width": 0.4}}, "hoverinfo": "skip",
    }]
    if not rows.empty:
        values = rows["value"].astype(float)
        # Rank 1 is the biggest marker: size falls with rank.
        size = (110 - values.clip(upper=100)) / 6 + 4 if size_by_rank else values
        # Arrays, not lists: Streamlit deep-copies a figure on every rerun, and thousands of
        # markers as Python objects (100x data) made that most of the page's rerun.
        traces.append({
            "type": "scattermap", "lat": rows["lat"].to_numpy(float),
            "lon": rows["lon"].to_numpy(float), "mode": "markers",
            "marker": {"size": size.to_numpy(float), "color": values.to_numpy(float),
                       "colorscale": "Viridis_r" if size_by_rank else "Viridis",
                       "showscale": True, "colorbar": _colorbar(unit),
                       "opacity": 0.85},
            "text": _label(rows, "place", lang).to_numpy(object),
            "customdata": list(zip(rows["year"], public_titles(rows), strict=True)),
            "hovertemplate": "<b>%{text}</b><br>%{customdata[0]}: %{marker.color:,.4~g} "
                             f"{unit}<br>%{{customdata[1]}}<extra></extra>",
        })
    # Zoomed so the world is narrower than the frame: wider, and clusters repeat at both edges.
    return _figure(traces, _map_layout({"lat": 28, "lon": 40}, 0.95), title, rows, lang, style)


def grouped_bars(rows: pd.DataFrame, title: str, lang: str = "en", *,
                 style: Style = Style()) -> go.Figure:
    """Counts by place over years, one bar group per year (e.g. top-100 clusters by economy)."""
    if rows.empty:
        return empty_figure(title, lang, style)
    unit = unit_label(rows, lang)
    traces = []
    for i, (_, group) in enumerate(rows.groupby("place_id", observed=True, sort=False)):
        label = _label(group, "place", lang).iloc[0]
        traces.append({
            "type": "bar", "x": group["year"].tolist(), "y": group["value"].tolist(),
            "name": label, "marker": {"color": PALETTE[i % len(PALETTE)]},
            "customdata": [[label] for label in public_titles(group)],
            "hovertemplate": f"<b>{label}</b><br>%{{x}}: %{{y:,.4~g}} {unit}"
                             "<br>%{customdata[0]}<extra></extra>",
        })
    layout = {"barmode": "group", "xaxis": {"title": {"text": t("year", lang)}, "dtick": 1},
              "yaxis": {"title": {"text": unit}}}
    return _figure(traces, layout, title, rows, lang, style)


# -- Relationships and composite index -----------------------------------------------------------

BUBBLE_MIN, BUBBLE_MAX, BUBBLE_NONE = 6.0, 32.0, 7.0  # marker diameters in pixels
AXIS_COLUMNS = 40  # an axis title longer than the plot would run into the chart's title
LEGEND_ROWS = 8  # more colour groups than this are listed beside the plot, not above it


def _bubbles(size: pd.Series) -> list[float]:
    """Diameters with area proportional to ``size``; a place without a size figure gets a
    small fixed marker (its hover says so) rather than an invented size."""
    values = size.astype(float)
    top = values.max()
    if not values.notna().any() or top <= 0:
        return [BUBBLE_NONE] * len(values)
    return [BUBBLE_NONE if pd.isna(v) or v < 0
            else BUBBLE_MIN + (BUBBLE_MAX - BUBBLE_MIN) * (v / top) ** 0.5 for v in values]


def scatter(points: pd.DataFrame, title: str, lang: str = "en", *, x_title: str, y_title: str,
            size_title: str = "", log: bool = False, picked: Sequence[str] = (),
            ranges: tuple[list[float], list[float]] | None = None,
            sources: pd.DataFrame | None = None, style: Style = Style()) -> go.Figure:
    """One bubble per place (``points``: place_id, label, group, x, y, size and each value's
    year), one trace per colour group; ``picked`` places labelled and outlined, the others
    faded behind them."""
    if points.empty:
        return empty_figure(title, lang, style)
    no_size = t("no_size_figure", lang)
    traces = []
    groups = points["group"].value_counts(sort=True).index.tolist()
    for i, group in enumerate(groups):
        rows = points[points["group"] == group]
        is_picked = rows["place_id"].isin(list(picked))
        size_text = [no_size if pd.isna(v) else f"{format_value(v)} ({int(yr)})"
                     for v, yr in zip(rows["size"], rows.get("size_year", rows["size"]),
                                      strict=True)]
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": group,
            "x": rows["x"].to_numpy(float), "y": rows["y"].to_numpy(float),
            "text": [label if p else "" for label, p in zip(rows["label"], is_picked,
                                                             strict=True)],
            "textposition": "top center", "textfont": {"size": style.font_size},
            "marker": {"size": _bubbles(rows["size"]) if len(rows) else [],
                       "color": PALETTE[i % len(PALETTE)],
                       "opacity": [1.0 if p or not picked else 0.35 for p in is_picked],
                       "line": {"color": ["#000" if p else "#fff" for p in is_picked],
                                "width": [2.5 if p else 0.5 for p in is_picked]}},
            "customdata": list(zip(rows["label"], rows["x_year"].astype(int),
                                   rows["y_year"].astype(int), size_text, strict=True)),
            "hovertemplate": (f"<b>%{{customdata[0]}}</b> · {group}<br>{x_title}: %{{x:,.4~g}} "
                              f"(%{{customdata[1]}})<br>{y_title}: %{{y:,.4~g}} "
                              "(%{customdata[2]})"
                              + (f"<br>{size_title}: %{{customdata[3]}}" if size_title else "")
                              + "<extra></extra>"),
        })
    axis_type = "log" if log else "linear"
    xrange, yrange = ranges or (None, None)
    layout = {"xaxis": {"title": {"text": wrap(x_title, AXIS_COLUMNS)}, "type": axis_type,
                        "range": xrange},
              "yaxis": {"title": {"text": wrap(y_title, AXIS_COLUMNS)}, "type": axis_type,
                        "range": yrange},
              "showlegend": len(groups) > 1, "height": 560}
    beside = len(groups) > LEGEND_ROWS
    if beside:
        layout["legend"] = {"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top",
                            "font": {"size": max(style.font_size - 3, 10)}}
        layout["height"] = max(560, 80 + 20 * len(groups))
    # Above the plot, two groups' names to a row; beside it, none.
    legend_rows = 1 if beside else -(-len(groups) // 2)
    return _figure(traces, layout, title, points if sources is None else sources, lang, style,
                   legend_rows)


def stacked_bars(parts: pd.DataFrame, title: str, lang: str = "en", *, value_title: str,
                 sources: pd.DataFrame, style: Style = Style()) -> go.Figure:
    """Each place's total as the sum of its parts (``parts``: label, part, value, in the order
    to draw; negative parts go left of zero), best on top."""
    if parts.empty:
        return empty_figure(title, lang, style)
    places = list(dict.fromkeys(parts["label"]))[::-1]
    traces = []
    for i, (part, rows) in enumerate(parts.groupby("part", sort=False)):
        by_place = rows.set_index("label")["value"].reindex(places)
        traces.append({"type": "bar", "orientation": "h", "name": str(part),
                       "y": places, "x": by_place.to_numpy(float),
                       "marker": {"color": PALETTE[i % len(PALETTE)]},
                       "hovertemplate": f"<b>%{{y}}</b><br>{part}: %{{x:,.3f}}<extra></extra>"})
    # Room above the plot for the legend, which wraps to a row per two or three parts.
    top = 90 + (style.font_size + 10) * -(-len(traces) // 2)
    layout = {"barmode": "relative", "xaxis": {"title": {"text": value_title}},
              "yaxis": {"automargin": True}, "margin": {"t": top},
              "height": max(320, top + 60 + 22 * len(places))}
    return _figure(traces, layout, title, sources, lang, style)


def rank_ranges(ranges: pd.DataFrame, title: str, lang: str = "en", *,
                sources: pd.DataFrame, style: Style = Style()) -> go.Figure:
    """Each place's best-to-worst rank as a bar, its rank as a dot and its rank under equal
    weights as a cross (``ranges``: label, rank, best, worst, equal), rank 1 on top."""
    if ranges.empty:
        return empty_figure(title, lang, style)
    rows = ranges.sort_values("rank")
    labels = rows["label"].tolist()
    traces = [
        {"type": "bar", "orientation": "h", "y": labels,
         "x": (rows["worst"] - rows["best"]).to_numpy(float), "base": rows["best"].to_numpy(float),
         "width": 0.5, "name": t("index_rank_range", lang), "marker": {"color": "#9ecae1"},
         "customdata": rows[["best", "worst"]].to_numpy(int),
         "hovertemplate": "<b>%{y}</b><br>#%{customdata[0]}–#%{customdata[1]}<extra></extra>"},
        {"type": "scatter", "mode": "markers", "y": labels, "x": rows["rank"].to_numpy(float),
         "name": t("index_rank_now", lang), "marker": {"color": PALETTE[0], "size": 9},
         "hovertemplate": "<b>%{y}</b><br>#%{x}<extra></extra>"},
        {"type": "scatter", "mode": "markers", "y": labels, "x": rows["equal"].to_numpy(float),
         "name": t("index_rank_equal", lang),
         "marker": {"color": PALETTE[1], "symbol": "x", "size": 9},
         "hovertemplate": "<b>%{y}</b><br>#%{x}<extra></extra>"},
    ]
    top = 90 + (style.font_size + 10) * 2
    layout = {"xaxis": {"title": {"text": t("rank", lang)}, "rangemode": "tozero"},
              "yaxis": {"autorange": "reversed", "automargin": True}, "margin": {"t": top},
              "height": max(320, top + 60 + 22 * len(labels))}
    return _figure(traces, layout, title, sources, lang, style)


def milestone_timeline(rows: pd.DataFrame, title: str, lang: str = "en", *,
                       style: Style = Style()) -> go.Figure:
    """A plan's dated goals on one time line, each labelled (alternately above and below, so
    neighbours do not collide). Rows need year, label_en, label_zh and source_title."""
    ordered = rows.sort_values("year")
    labels = [wrap(str(text), MILESTONE_COLUMNS) for text in _label(ordered, "label", lang)]
    above = ["top center" if i % 2 == 0 else "bottom center" for i in range(len(labels))]
    years = ordered["year"].astype(int).tolist()
    traces = [{
        "type": "scatter", "x": years, "y": [0] * len(years), "mode": "lines+markers+text",
        "text": [f"<b>{year}</b><br>{label}" for year, label in zip(years, labels, strict=True)],
        "textposition": above, "cliponaxis": False,
        "line": {"width": style.line_width, "color": MILESTONE_GREY},
        "marker": {"size": style.font_size, "color": PALETTE[0]},
        "customdata": public_titles(ordered).tolist(),
        "hovertemplate": "%{text}<br>%{customdata}<extra></extra>", "showlegend": False,
    }]
    pad = max(1, (max(years) - min(years)) // 6)
    layout = {"xaxis": {"visible": False, "range": [min(years) - pad, max(years) + pad]},
              "yaxis": {"visible": False, "range": [-1, 1]},
              "height": 300 + 60 * style.font_size // Style.font_size}
    return _figure(traces, layout, title, ordered, lang, style)
