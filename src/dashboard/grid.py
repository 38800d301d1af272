"""The core city grid: which of 20 cities × 9 indicators × 2010–2024 hold a cited figure.

Each cell shows the preferred figure's grade ("derived" for a figure the project computed from
cited inputs), or nothing. Fill rates count filled cells; no Streamlit here.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.contract import GRADES
from dashboard.data.load import Dataset
from dashboard.i18n import name, t

CITIES = ("CN-110000", "CN-310000", "CN-120000", "CN-500000", "CN-440100", "CN-440300",
          "CN-330100", "CN-320100", "CN-420100", "CN-510100", "CN-610100", "CN-320500",
          "CN-340100", "CN-430100", "CN-370200", "CN-330200", "CN-350200", "CN-370100",
          "CN-410100", "CN-441900")
INDICATORS = ("gdp", "population", "rd_expenditure", "rd_intensity", "budget_st_expenditure",
              "invention_patent_grants", "hightech_enterprises_stock", "incubators",
              "university_students")
YEARS = tuple(range(2010, 2025))
DERIVED = "derived"
# Cell states from best to empty, with their colours (grade colours as elsewhere: dark = trusted).
STATES = (*GRADES, DERIVED)
COLOURS = {"official": "#1b7837", "reprint": "#7fbf7b", "weak": "#fdb863", DERIVED: "#b2abd2"}


def core_grid(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per city, indicator and year of the grid: ``state`` is the preferred figure's
    grade, "derived", or missing."""
    obs = observations[observations["preferred"].astype(bool)
                       & observations["place_id"].isin(CITIES)
                       & observations["indicator_id"].isin(INDICATORS)
                       & observations["year"].isin(YEARS)]
    state = obs["grade"].astype(object).where(obs["derived_from"].isna(), DERIVED)
    filled = obs[["place_id", "indicator_id", "year"]].assign(state=state)
    cells = pd.MultiIndex.from_product([CITIES, INDICATORS, YEARS],
                                       names=["place_id", "indicator_id", "year"]).to_frame(
        index=False)
    cells["year"] = cells["year"].astype(filled["year"].dtype)
    return cells.merge(filled, how="left", on=["place_id", "indicator_id", "year"])


def fill_rates(grid: pd.DataFrame) -> tuple[float, pd.Series]:
    """Share of filled cells overall, and per city (in grid order)."""
    filled = grid["state"].notna()
    per_city = filled.groupby(grid["place_id"]).mean().reindex(list(CITIES))
    return float(filled.mean()), per_city


def figure(grid: pd.DataFrame, city_names: dict[str, str], indicator_names: dict[str, str],
           labels: dict[str, str], title: str = "") -> go.Figure:
    """Heatmap: a row per city and indicator, a column per year, coloured by state.
    ``labels`` names each state and "empty" in the reader's language."""
    codes = {s: i for i, s in enumerate(STATES)}
    rows = [(c, i) for c in CITIES for i in INDICATORS]
    table = grid.pivot_table(index=["place_id", "indicator_id"], columns="year", values="state",
                             aggfunc="first", dropna=False).reindex(rows)
    table = table.reindex(columns=list(YEARS))
    z = table.apply(lambda col: col.map(codes)).to_numpy(dtype=float)
    text = table.fillna(labels["empty"]).apply(lambda col: col.map(lambda s: labels.get(s, s)))
    y = [f"{city_names.get(c, c)} · {indicator_names.get(i, i)}" for c, i in rows]
    n = len(STATES)
    # Discrete colours: each state owns an equal band of the 0–1 scale.
    scale = [[edge / n, COLOURS[s]] for k, s in enumerate(STATES) for edge in (k, k + 1)]
    fig = go.Figure(go.Heatmap(
        z=z, x=[str(y) for y in YEARS], y=y, zmin=-0.5, zmax=n - 0.5, colorscale=scale,
        text=text.to_numpy(), hovertemplate="%{y}, %{x}: %{text}<extra></extra>", xgap=1, ygap=1,
        colorbar={"tickvals": list(range(n)), "ticktext": [labels[s] for s in STATES]}))
    # The title names the chart in its download dialog, in a deck and in its image files.
    fig.update_layout(title={"text": title}, height=18 * len(rows) + 150,
                      margin={"l": 10, "r": 10, "t": 60, "b": 10},
                      yaxis={"autorange": "reversed", "tickfont": {"size": 10}},
                      plot_bgcolor="#f0f0f0")
    return fig


def panel(dataset: Dataset, lang: str) -> tuple[go.Figure, str, list[str]]:
    """What the Data page shows: the heatmap (each city named with its fill rate), its caption,
    and the notes on series and lists known not to exist."""
    grid = core_grid(dataset.observations)
    overall, per_city = fill_rates(grid)
    places = dataset.places.set_index("place_id")
    cities = {c: f"{name(places.loc[c], 'name', lang)} ({per_city[c]:.0%})" for c in CITIES}
    indicators = {row.indicator_id: name(row._asdict(), "name", lang)
                  for row in dataset.indicators.itertuples()}
    labels = {s: t(f"grade_{s}", lang) for s in (*STATES, "empty")}
    caption = t("core_grid_caption", lang).format(overall=overall, cells=len(grid))
    notes = [(f"{indicators[g.indicator_id]}: " if isinstance(g.indicator_id, str) else "")
             + (g.note_zh if lang == "zh" else g.note_en) for g in dataset.gaps.itertuples()]
    return (figure(grid, cities, indicators, labels, t("core_grid_title", lang)), caption, notes)
