"""Any indicator on a map of China, by province or prefecture city, for one year."""

import streamlit as st

from dashboard import charts, query, takeaways
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view
from dashboard.ui.cached import china_indicators, geojson, memo, select

LEVELS = {"province": ("china_provinces", ("province", "municipality")),
          "city": ("china_cities", ("city", "municipality"))}
DEFAULT_INDICATOR = "rd_intensity"

sel = view.current()
lang = sel.lang
st.title(t("china_map", lang))

left, right = st.columns([3, 2])
with right:
    level = view.bound(st.radio, "map.level", "province", label=t("level", lang),
                       options=list(LEVELS), format_func=lambda k: t(f"level_{k}", lang),
                       horizontal=True)
layer, kinds = LEVELS[level]
with left:
    indicator = ui.indicator_picker("map.indicator", china_indicators(kinds),
                                    sel.indicator or DEFAULT_INDICATOR, lang)
rows = select(kinds=kinds, indicators=[indicator])
rows = rows[rows["place_id"].astype(str).str.startswith("CN-")]
year = ui.year_slider("map.year", rows["year"].unique().tolist(), sel.year or query.best_year(rows),
                     lang)


def choropleth(shapes: dict) -> charts.Chart:
    shown = rows[rows["year"] == year]
    title = t("map_title", lang).format(what=ui.indicator_name(indicator, lang),
                                        level=t(f"in_level_{level}", lang), year=year)
    fig = charts.choropleth(shown, shapes, title, lang, style=ui.style(sel))
    return charts.Chart.of(fig, shown, lang, takeaways.latest_comparison(
        shown, lang, ui.higher_is_better(indicator)))


selected: list[str] = []
if (shapes := geojson(layer, lang)) is not None:
    chart = memo(("china-map", level, indicator, year, lang, sel.present),
                 lambda: choropleth(shapes), is_map=True)
    event = ui.chart_block(chart, "china-map", sel, on_select="rerun")
    selected = ui.selected_locations(event)
    st.caption(t("map_hint", lang))

place = selected[0] if selected else (sel.places[0] if sel.places else None)
if place:
    st.subheader(ui.place_label(place, lang))
    latest = query.latest(select(places=[place]))
    ui.latest_table(latest, lang)
    st.page_link("pages/place_profile.py", label=t("open_profile", lang),
                 icon=":material/location_city:", query_params={"places": place})
view.save(sel.with_(indicator=indicator, year=year, places=(place,) if place else ()))
