"""In a real browser: a view embedded in another site's page, and slides at 1280×720 (the lead
above the fold, titles clear of the legend, the language switched mid-deck).

(Not named test_embed.py: tests/test_embed.py holds the AppTest side, and pytest's default
import mode needs distinct file names.)
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect
from test_journeys import CHART, IDLE, URLS, assert_page_drawn, query, rerun, visit

from dashboard.deck import decks, slide_params
from dashboard.i18n import t

pytestmark = pytest.mark.e2e
SLIDE_VIEWPORT = {"width": 1280, "height": 720}
LEAD = ".st-key-atlas-lead"
EMBEDDED = "/compare?places=CN-440100%2CCN-110000&indicator=rd_intensity&embed=1"


@contextlib.contextmanager
def host_page(directory: Path, app_url: str) -> Iterator[str]:
    """Another site (its own origin) whose page puts the dashboard in an iframe."""
    (directory / "index.html").write_text(
        "<!doctype html><html lang='en'><title>Host</title><h1>Host page</h1>"
        f"<iframe src='{app_url}{EMBEDDED}' width='800' height='640' "
        "title='Innovation Atlas chart' style='border:0'></iframe></html>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
        finally:
            server.shutdown()


def test_a_chart_embedded_in_another_sites_page(page: Page, app_url: str, tmp_path) -> None:
    with host_page(tmp_path, app_url) as url:
        page.goto(url)
        frame = page.frame_locator("iframe")
        frame.locator(IDLE).wait_for(timeout=60_000)
        chart = frame.locator(CHART)
        expect(chart).to_have_count(1)
        expect(chart.locator("path.js-line").first).to_be_visible()
        expect(chart.locator(".legendtext")).to_have_count(2)
        expect(frame.get_by_text("Sources:").first).to_be_visible()
        # No title bar, sidebar, page title or controls: only the chart and its sources.
        expect(frame.locator('[data-testid="stSidebar"]')).to_be_hidden()
        expect(frame.locator('[data-testid="stHeader"]')).to_be_hidden()
        expect(frame.locator("h1")).to_be_hidden()
        expect(frame.locator('[data-testid="stMultiSelect"]')).to_be_hidden()
        back = frame.get_by_role("link", name=t("embed_full_view", "en"))
        expect(back).to_be_visible()
        params = parse_qs(urlsplit(back.get_attribute("href")).query)
        assert params["places"] == ["CN-440100,CN-110000"] and "embed" not in params
        box = chart.bounding_box()
        assert box and box["width"] <= 800 and box["y"] + box["height"] <= page.locator(
            "iframe").bounding_box()["y"] + 640, "the chart fits the iframe"


DECK = decks()[0]


def slide_url(number: int, lang: str = "en") -> str:
    slide = DECK.slides[number - 1]
    return URLS[slide.page] + "?" + urlencode(slide_params(DECK, number, lang))


@pytest.mark.parametrize("number", range(1, len(DECK.slides) + 1))
def test_each_slide_opens_on_its_lead_above_the_fold(page: Page, app_url: str,
                                                     number: int) -> None:
    page.set_viewport_size(SLIDE_VIEWPORT)
    visit(page, app_url, slide_url(number))
    lead = page.locator(LEAD)
    expect(lead).to_be_visible()
    assert lead.bounding_box()["y"] < SLIDE_VIEWPORT["height"] / 2
    assert_page_drawn(page, slide_url(number))
    for i in range(lead.locator(CHART).count()):
        chart = lead.locator(CHART).nth(i)
        title, outer = chart.locator(".gtitle").bounding_box(), chart.bounding_box()
        # (a text box starts a few pixels above its glyphs: the line's ascent)
        assert title["y"] >= outer["y"] - 6 and title["x"] + title["width"] <= outer["x"] + outer[
            "width"], "the title is inside the chart"
        # Legend, else plot area, under the title (a map's canvas fills its whole frame).
        legend, plot = chart.locator(".legend"), chart.locator(".cartesianlayer .plot")
        below = legend if legend.count() else plot
        if below.count():
            assert title["y"] + title["height"] <= below.first.bounding_box()["y"] + 1, (
                "the title clears the legend and the plot")
    page.screenshot(path=str(Path("test-artifacts/e2e") / f"slide-{number}-1280x720.png"))


def test_switching_language_mid_deck_keeps_the_slide(page: Page, app_url: str) -> None:
    page.set_viewport_size(SLIDE_VIEWPORT)
    visit(page, app_url, slide_url(3))
    rerun(page, lambda: page.get_by_role("button", name="▶").click())
    expect(page.get_by_text(f"4/{len(DECK.slides)} · {DECK.slides[3].title_en}")).to_be_visible()
    switch = page.locator(".st-key-atlas-lang")
    expect(switch).to_be_visible()
    rerun(page, lambda: switch.get_by_text("中文").click())
    expect(page.get_by_text(f"4/{len(DECK.slides)} · {DECK.slides[3].title_zh}")).to_be_visible()
    assert query(page)["slide"] == "4" and query(page)["lang"] == "zh"
    assert query(page)["year"] == DECK.slides[3].params["year"]
    expect(page.locator(LEAD).get_by_text("2017").first).to_be_visible()
    rerun(page, lambda: page.get_by_role("button", name="▶").click())
    expect(page.get_by_text(f"5/{len(DECK.slides)} · {DECK.slides[4].title_zh}")).to_be_visible()
    assert query(page)["lang"] == "zh"
