"""The only modules that import Streamlit: caching, the view in the URL, widgets, page chrome."""
