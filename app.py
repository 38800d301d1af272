"""Innovation Atlas: navigation and the frame shared by every page."""

import streamlit as st

from dashboard.ui import chrome

st.set_page_config(page_title="Innovation Atlas", page_icon=":material/insights:", layout="wide")
page = chrome.navigation()
chrome.frame()
page.run()
chrome.footer()
