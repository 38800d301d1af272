"""Every place of one level ranked on one indicator in one year."""

from functools import partial

import streamlit as st

from dashboard import rankings
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings
from dashboard.ui.view import Form
from dashboard.views import rankings as page

# 1/ the controls
lang, present = settings()
st.title(t("rankings", lang))
form = Form(page.Spec)
left, right = st.columns([3, 2])
with right:
    level = ui.level_picker(form, lang)
with left:
    indicator = ui.indicator_picker(form, lang)
ui.hide_weak_toggle(form, lang)
year = ui.year_slider(form, lang)

if year is None:
    st.info(t("no_data_for", lang))
else:
    since_box, group_box, parent_box = st.columns(3)
    with since_box:
        form("since", st.selectbox, label=t("since_year", lang))
    with group_box:
        form("group", st.selectbox, label=t("peer_group", lang),
             placeholder=t("no_group", lang), format_func=lambda g: ui.group_label(g, lang))
    with parent_box:
        form("parent", st.selectbox, label=t("parent_region", lang),
             placeholder=t("all_regions", lang),
             format_func=lambda p: t("all_regions", lang) if p is None
             else atlas().place_name(p, lang))

    # 2/ the view
    ranking = view(page.build, form.spec(), lang, present).ranking
    if ranking.summary:
        st.markdown(ranking.summary)
    ui.ranking_table(ranking.table, ranking.headers, lang)
    st.caption(ranking.note)
    if ranking.sources:
        st.caption(ranking.sources)
    if not ranking.rows.empty and not present:
        st.download_button(t("download_csv", lang), partial(rankings.csv_bytes, ranking.rows,
                                                            lang),
                           file_name=f"ranking-{indicator}-{level}-{year}.csv", mime="text/csv",
                           icon=":material/download:", on_click="ignore")
