"""The only modules that import Streamlit: caching, the view in the URL, widgets, page chrome.

Streamlit still treats a ``pages/`` folder as its legacy multipage mode until the first
``st.navigation`` call in the process. So the very first run of a fresh server, if it is for a
deep link such as ``/compare``, executes that page script directly, without app.py's frame.
When that happens the page's first import lands here: switch legacy mode off and rerun, so
app.py builds the page as for every later visitor.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
    PagesManager.uses_pages_directory = False
    st.rerun()
