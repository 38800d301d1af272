"""Innovation Atlas: navigation and the frame shared by every page."""

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import chrome

# A bundled image: Material icons as page icons are fetched from a font CDN.
st.set_page_config(page_title=t("app_title"), page_icon=chrome.ICON, layout="wide")
page = chrome.navigation()
with chrome.frame():
    page.run()
chrome.footer()
