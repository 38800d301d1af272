"""Compare 2–8 places on one indicator: lines, one-year bars, a ranking table."""

import pandas as pd
import streamlit as st

from dashboard import charts, query, takeaways
from dashboard.i18n import t
from dashboard.state import MODES
from dashboard.ui import components as ui
from dashboard.ui import view
from dashboard.ui.cached import facts, memo, places_with_data, select

DEFAULT_PLACES = ("CN-110000", "CN-440100", "CN-440300")
DEFAULT_INDICATOR = "rd_expenditure"

# 1/ select
sel = view.current()
lang = sel.lang
st.title(t("compare", lang))
left, right = st.columns([3, 2])
with left:
    places = ui.place_picker("compare.places", places_with_data(), sel.places or DEFAULT_PLACES,
                             lang)
with right:
    indicator = ui.indicator_picker("compare.indicator", ui.indicators_for(places),
                                    sel.indicator or DEFAULT_INDICATOR, lang)
mode = view.bound(st.radio, "compare.mode", sel.mode, label=t("mode", lang), options=MODES,
                  format_func=lambda m: t(f"mode_{m}", lang), horizontal=True)
hide_weak = ui.hide_weak_toggle("compare.weak", lang)

# 2/ query
rows = select(places=places, indicators=[indicator], include_weak=not hide_weak)
spec = ui.indicator_spec(indicator)
higher = ui.higher_is_better(indicator)
years = sorted(rows["year"].unique().tolist())
if len(years) > 1:
    lo, hi = view.bound(st.slider, "compare.years",
                        (max(sel.year_from or years[0], years[0]),
                         min(sel.year_to or years[-1], years[-1])),
                        label=t("years", lang), min_value=years[0], max_value=years[-1])
else:
    lo = hi = years[0] if years else None

# 3/ show
ui.comparability_note(places, lang)
base = None
if mode == "per_capita":
    st.caption(t("per_capita_gaps" if spec["per_capita"] else "per_capita_not_meaningful", lang))
elif mode == "indexed" and years:
    base = view.bound(st.selectbox, "compare.base", lo, label=t("base_year", lang),
                      options=[y for y in years if lo <= y <= hi])


def lines() -> tuple[pd.DataFrame, list[str], charts.Chart]:
    shown, missing = (rows if lo is None else rows[rows["year"].between(lo, hi)]), []
    if mode == "per_capita" and spec["per_capita"]:
        shown = query.per_capita(shown, facts())
    elif base is not None:
        shown, missing = query.index_to_base(shown, base)
    fig = charts.line_chart(shown, ui.chart_title(indicator, places, shown, lang), lang,
                            log=mode == "log", style=ui.style(sel), order=places)
    return shown, missing, charts.Chart.of(fig, shown, lang,
                                           takeaways.describe(shown, lang, higher))


view_key = (tuple(places), indicator, mode, lo, hi, base, hide_weak, lang, sel.present)
shown, missing, chart = memo(("compare-lines", *view_key), lines)
if missing:
    st.caption(t("index_missing", lang).format(
        names=", ".join(ui.place_label(p, lang) for p in missing)))
ui.chart_block(chart, "compare-lines", sel)


def bars(year: int) -> tuple[charts.Chart, pd.DataFrame]:
    one_year = shown[shown["year"] == year]
    absent = [ui.place_name(p, lang) for p in places if p not in set(one_year["place_id"])]
    fig = charts.bar_chart(one_year, ui.chart_title(indicator, places, one_year, lang), lang,
                           missing=absent, style=ui.style(sel))
    earlier = [y for y in bar_years if y < year]
    since = earlier[0] if earlier else None
    table = query.rank_table(shown, year, higher, since)
    return (charts.Chart.of(fig, one_year, lang,
                            takeaways.latest_comparison(one_year, lang, higher)),
            ui.rank_frame(table, lang, since))


bar_years = sorted(shown["year"].unique().tolist())
year = None
if bar_years:
    year = ui.year_slider("compare.year", bar_years, sel.year or query.best_year(shown), lang)
    chart, table = memo(("compare-bars", *view_key, year), lambda: bars(year))
    ui.chart_block(chart, "compare-bars", sel)
    st.dataframe(table, hide_index=True)

view.save(sel.with_(places=tuple(places), indicator=indicator, mode=mode, year=year,
                    year_from=lo, year_to=hi))
