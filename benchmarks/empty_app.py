"""The floor: an empty Streamlit app, measured exactly like the dashboard (benchmarks/run.py)."""

import streamlit as st

st.title("Empty app")
