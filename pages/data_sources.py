"""Filter the observations, preview them, download exactly those rows; list every source."""

from functools import partial

import streamlit as st

from dashboard import export, query, views
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings

lang, present = settings()
st.title(t("data", lang))
source_titles = {sid: f"{row['title']} [{sid}]" for sid, row in atlas().lookups.sources.items()}


# 1/ the filters
left, right = st.columns(2)
with left:
    places = tuple(ui.place_picker(atlas().places, (), lang, most=None))
    topics = tuple(ui.id_picker("topics", views.TOPIC_ORDER, (), t("topic", lang),
                                lambda k: t(f"topic_{k}", lang)))
with right:
    options = atlas().indicators_for(places)
    indicators = tuple(ui.id_picker("indicators", options, (), t("indicator", lang),
                                    partial(atlas().indicator_label, lang=lang)))
    sources = tuple(ui.id_picker("sources", list(source_titles), (), t("sources", lang),
                                 source_titles.__getitem__))
span = ui.span_slider(*view(views.year_span), lang)
hide_weak = ui.hide_weak_toggle(lang)
every_source = link.bound(st.toggle, "all_sources", label=t("all_rows", lang),
                          help=t("all_rows_help", lang))
filters = (places, indicators, topics, sources, span, hide_weak, every_source)

# 2/ the rows: a count and a preview; the full CSV is built when clicked.
count, table = view(views.data_preview, *filters, lang)
st.caption(t("rows_shown", lang).format(n=count))
st.dataframe(table, hide_index=True,
             column_config={query.csv_header("source_url", lang): st.column_config.LinkColumn()})
# Built when clicked (the whole package is a few MB); a download does not rerun the page.
st.download_button(t("download_csv", lang),
                   lambda: query.rows_csv(views.data_rows(atlas(), *filters), lang),
                   file_name="innovation-atlas-selection.csv", mime="text/csv",
                   key="data-csv", disabled=count == 0, on_click="ignore")
st.download_button(t("download_package", lang), export.package_zip,
                   file_name="innovation-atlas-data.zip", mime="application/zip",
                   key="data-zip", on_click="ignore")

st.header(t("core_grid", lang))
grid_chart, grid_notes = view(views.core_grid, lang)
ui.chart_block(grid_chart, "core-grid", lang, present)
for note in grid_notes:
    st.info(note)

st.header(t("sources", lang))
st.dataframe(view(views.sources_table, lang), hide_index=True,
             column_config={"url": st.column_config.LinkColumn()})
