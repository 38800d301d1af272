"""deploy/load.py's protocol-level session sees what Chromium shows for the same URL."""

from __future__ import annotations

import asyncio
import importlib.util
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("load", ROOT / "deploy" / "load.py")
load = sys.modules["load"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load)

pytestmark = pytest.mark.e2e


def protocol_render(url: str, link):
    async def go():
        s = load.Session(url, link, timeout=60)
        await s.connect()
        try:
            return await s.open()
        finally:
            await s.close()

    # Playwright's sync API keeps an event loop running in this thread.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(go(), 120)).result()


def plain(text: str) -> str:
    """Chart titles break lines with <br>; the browser draws them as separate lines."""
    return re.sub(r"<br>|\s+", "", text)


@pytest.mark.parametrize("link", load.LINKS, ids=lambda link: link.page)
def test_protocol_session_sees_what_chromium_shows(page: Page, app_url: str, link) -> None:
    seen = protocol_render(app_url, link)
    page.goto(f"{app_url}/{link.page}?{link.query}")
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]'
                           ' .js-plotly-plot .main-svg', timeout=60_000)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .gtitle').length >= "
                           f"{len(seen.chart_titles)}", timeout=60_000)
    titles = page.locator(".js-plotly-plot .gtitle").all_text_contents()
    headings = [plain(h) for h in page.locator("h1, h2, h3").all_text_contents() if plain(h)]
    assert seen.chart_titles
    assert page.locator('[data-testid="stPlotlyChart"]').count() == len(seen.chart_titles)
    assert [plain(t) for t in titles] == [plain(t) for t in seen.chart_titles]
    assert [plain(h) for h in seen.headings] == headings[:len(seen.headings)]
