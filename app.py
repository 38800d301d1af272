"""Innovation Atlas: navigation and the frame shared by every page."""

import streamlit as st

from dashboard.ui import chrome

# A bundled image: Material icons as page icons are fetched from a font CDN.
st.set_page_config(page_title="Innovation Atlas", page_icon=chrome.ICON, layout="wide")
page = chrome.navigation()
chrome.frame()
page.run()
chrome.footer()
