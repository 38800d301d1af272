"""Filter the observations, preview them, download exactly those rows; list every source."""

import pandas as pd
import streamlit as st

from dashboard import export, grid, query
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view
from dashboard.ui.cached import dataset, facts, filter_key, memo, places_with_data

sel = view.current()
lang = sel.lang
st.title(t("data", lang))
all_facts = facts()

PREVIEW_ROWS = 2000

# 1/ select
left, right = st.columns(2)
with left:
    places = ui.place_picker("data.places", places_with_data(), sel.places, lang,
                             max_selections=None)
    topics = view.bound(st.multiselect, "data.topics", [], label=t("topic", lang),
                        options=list(ui.TOPIC_ORDER),
                        format_func=lambda k: t(f"topic_{k}", lang))
with right:
    chosen = [sel.indicator] if sel.indicator else []
    indicator_ids = ui.indicators_for(places)
    indicators = view.bound(st.multiselect, "data.indicators", chosen,
                            label=t("indicator", lang), options=indicator_ids,
                            format_func=ui.indicator_labels(indicator_ids, lang).__getitem__)
    source_ids = view.bound(st.multiselect, "data.sources", [], label=t("sources", lang),
                            options=dataset().sources["source_id"].tolist(),
                            format_func=ui.source_labels().__getitem__)
lo_all, hi_all = memo(("year-span",), lambda: (int(all_facts["year"].min()),
                                                int(all_facts["year"].max())))
years = view.bound(st.slider, "data.years",
                   (sel.year_from or lo_all, sel.year_to or hi_all),
                   label=t("years", lang), min_value=lo_all, max_value=hi_all)
hide_weak = ui.hide_weak_toggle("data.weak", lang)
every_source = view.bound(st.toggle, "data.all", False, label=t("all_rows", lang),
                          help=t("all_rows_help", lang))

# 2/ query: the count and a preview, memoised per filters; the full CSV is built when clicked.
filters = dict(places=places or None, indicators=indicators or None, topics=topics or None,
               sources=source_ids or None, years=years, include_weak=not hide_weak,
               preferred_only=not every_source)


def preview() -> tuple[int, pd.DataFrame]:
    rows = query.select(all_facts, **filters)
    return len(rows), query.download_table(rows.head(PREVIEW_ROWS), lang)


count, table = memo(("data-preview", lang, *filter_key(filters)), preview)

# 3/ show
st.caption(t("rows_shown", lang).format(n=count))
st.dataframe(table, hide_index=True,
             column_config={query.csv_header("source_url", lang): st.column_config.LinkColumn()})
st.download_button(t("download_csv", lang),
                   lambda: query.rows_csv(query.select(all_facts, **filters), lang),
                   file_name="innovation-atlas-selection.csv", mime="text/csv",
                   key="data-csv", disabled=count == 0)
# Built when clicked: the whole package is a few MB.
st.download_button(t("download_package", lang), export.package_zip,
                   file_name="innovation-atlas-data.zip", mime="application/zip",
                   key="data-zip")

st.header(t("core_grid", lang))
grid_figure, grid_caption, grid_notes = memo(("core-grid", lang),
                                             lambda: grid.panel(dataset(), lang))
st.caption(grid_caption)
st.plotly_chart(grid_figure, key="core-grid")
for note in grid_notes:
    st.info(note)

st.header(t("sources", lang))
st.dataframe(memo(("sources", lang), lambda: ui.sources_frame(lang)), hide_index=True,
             column_config={"url": st.column_config.LinkColumn()})
view.save(sel.with_(places=tuple(places), indicator=indicators[0] if indicators else None,
                    year_from=years[0], year_to=years[1]))
