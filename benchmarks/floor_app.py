"""The interaction floor: one select box and one small plotly line chart whose title names the
choice (benchmarks/run.py's browser phase, deploy/load.py)."""

import plotly.graph_objects as go
import streamlit as st

SERIES = {"Alpha": [1, 3, 2, 4], "Beta": [4, 2, 3, 1], "Gamma": [2, 2, 3, 3]}

choice = st.selectbox("Series", list(SERIES), key="floor.choice")
figure = go.Figure(go.Scatter(x=[2020, 2021, 2022, 2023], y=SERIES[choice], mode="lines"))
figure.update_layout(title=f"Series {choice}", height=300)
st.plotly_chart(figure, key="floor-chart")
