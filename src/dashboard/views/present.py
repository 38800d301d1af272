"""Presentation decks (the page itself is in ui.decks: it shows no view of its own)."""

from dashboard.registry import Page

PAGE = Page("present", "pages/present.py", ":material/slideshow:", 110)
