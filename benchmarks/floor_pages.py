"""The page-switch floor: a title page and a chart page (benchmarks/floor_app.py's chart), in
Streamlit's own navigation (benchmarks/run.py's browser phase)."""

from pathlib import Path

import streamlit as st


def title_page() -> None:
    st.title("Title page")


chart_page = st.Page(Path(__file__).with_name("floor_app.py"), title="Chart page",
                     url_path="chart")
st.navigation([st.Page(title_page, title="Title page", default=True), chart_page]).run()
