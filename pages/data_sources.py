"""Filter the observations, preview them, download exactly those rows; list every source."""

from functools import partial

import streamlit as st

from dashboard import export, query
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings
from dashboard.ui.view import Form
from dashboard.views import data

lang, present = settings()
st.title(t("data", lang))
source_titles = view(data.source_labels)
form = Form(data.Spec)

# 1/ the filters
left, right = st.columns(2)
with left:
    ui.place_picker(form, lang)
    ui.id_picker(form, "topics", t("topic", lang), lambda k: t(f"topic_{k}", lang))
with right:
    ui.id_picker(form, "indicators", t("indicator", lang),
                 partial(atlas().indicator_label, lang=lang))
    ui.id_picker(form, "sources", t("sources", lang), source_titles.__getitem__)
ui.span_slider(form, lang)
ui.hide_weak_toggle(form, lang)
ui.toggle(form, "all_sources", t("all_rows", lang), help=t("all_rows_help", lang))
spec = form.spec()

# 2/ the rows: a count and a preview; the full CSV is built when clicked.
shown = view(data.build, spec, lang, present)
st.caption(t("rows_shown", lang).format(n=shown.count))
st.dataframe(shown.preview, hide_index=True,
             column_config={query.csv_header("source_url", lang): st.column_config.LinkColumn()})
# Built when clicked (the whole package is a few MB); a download does not rerun the page.
st.download_button(t("download_csv", lang),
                   lambda: query.rows_csv(data.rows(atlas(), spec), lang),
                   file_name="innovation-atlas-selection.csv", mime="text/csv",
                   key="data-csv", disabled=shown.count == 0, on_click="ignore")
st.download_button(t("download_package", lang), export.package_zip,
                   file_name="innovation-atlas-data.zip", mime="application/zip",
                   key="data-zip", on_click="ignore")

st.header(t("core_grid", lang))
ui.chart_block(shown.charts["core-grid"], "core-grid", lang, present)
for note in shown.grid_notes:
    st.info(note)

st.header(t("sources", lang))
st.dataframe(view(data.sources_table, lang), hide_index=True,
             column_config={"url": st.column_config.LinkColumn()})
