"""Every place of one level ranked on one indicator in one year."""

from functools import partial

import streamlit as st

from dashboard import levels, rankings
from dashboard.i18n import t
from dashboard.ui import components as ui
from dashboard.ui import view as link
from dashboard.ui.cached import atlas, view
from dashboard.ui.chrome import settings

# What each level is best known for being ranked on.
DEFAULT_INDICATORS = {"province": "rd_intensity", "city": "rd_intensity",
                      "cluster": "gii_cluster_rank", "country": "gii_rank"}

# 1/ the controls
lang, present = settings()
st.title(t("rankings", lang))
left, right = st.columns([3, 2])
with right:
    level = ui.level_picker(lang)
with left:
    indicator = ui.indicator_picker(view(levels.indicators, level), DEFAULT_INDICATORS[level],
                                    lang)
hide_weak = ui.hide_weak_toggle(lang)
years, best = view(levels.years, level, indicator, hide_weak)

if not years:
    st.info(t("no_data_for", lang))
else:
    year = ui.year_slider(years, best, lang)
    earlier = [y for y in years if y < year]
    parents, groups = view(rankings.filters, level)
    since_box, group_box, parent_box = st.columns(3)
    with since_box:
        since = (link.choice(st.selectbox, "since", earlier[-1], earlier,
                             label=t("since_year", lang)) if earlier else None)
    with group_box:
        group = ui.group_picker(groups, lang)
    parent = None
    if parents:  # cities by province, clusters by economy
        with parent_box:
            parent = link.choice(st.selectbox, "parent", None, [None, *parents], pinned=False,
                                 label=t("parent_region", lang),
                                 placeholder=t("all_regions", lang),
                                 format_func=lambda p: t("all_regions", lang) if p is None
                                 else atlas().place_name(p, lang))

    # 2/ the view
    ranking = view(rankings.build, level, indicator, year, since, parent, group, hide_weak,
                   lang)
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
