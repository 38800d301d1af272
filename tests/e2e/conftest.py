"""Browser journeys: one real `streamlit run` for the session, driven by Debian's Chromium.

The server uses the default data package (data/), exactly as a user starts the app. Every test
gets a fresh browser context and leaves a full-page screenshot in test-artifacts/e2e/.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.devtools.server import CHROMIUM, CHROMIUM_ARGS, Server, ServerError

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
STARTUP_TIMEOUT = 60
VIEWPORT = {"width": 1400, "height": 900}
MAX_SCREENSHOT_HEIGHT = 12_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip (not fail) the browser journeys on a machine without Chromium."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@contextlib.contextmanager
def streamlit_server(log_name: str = "server.log") -> Iterator[str]:
    """The app as `make run` starts it (`python -m dashboard.serve`, i.e. `streamlit run
    app.py` with the data loaded ahead), on a free port from the repo root; yields its URL.
    Others edit src/ while tests run: the server has no file watcher, so no "Rerun" prompt."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = Server(log=ARTIFACTS / log_name)
    try:
        try:
            server.wait_healthy(STARTUP_TIMEOUT)
        except ServerError as exc:
            pytest.fail(str(exc))
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_url(browser) -> Iterator[str]:
    """One dashboard for the whole session, warmed up by one visit to the home page.

    The warm-up loads the data caches, and it also makes Streamlit switch from its legacy
    pages/ folder mode to st.navigation (see test_deep_link_on_a_fresh_server), so every
    other journey sees the app as a returning visitor would, whatever order tests run in.
    """
    with streamlit_server() as url:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            page.goto(url + "/")
            page.wait_for_selector(
                '[data-testid="stApp"][data-test-script-state="notRunning"]',
                timeout=STARTUP_TIMEOUT * 1000,
            )
        finally:
            context.close()
        yield url


@pytest.fixture
def fresh_app_url() -> Iterator[str]:
    """A second dashboard that nobody has visited yet (costs one more server start)."""
    with streamlit_server("fresh-server.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _artifact_name(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", node_name).strip("-")


def full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside <main>, so grow the viewport to the content before the shot."""
    with contextlib.suppress(Exception):  # a rerun may still be running (e.g. after a download)
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=5_000
        )
    height = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const side = document.querySelector('[data-testid="stSidebarContent"]');
            return Math.max(main ? main.scrollHeight : 0, side ? side.scrollHeight : 0,
                            document.documentElement.scrollHeight);
        }"""
    )
    height = min(max(int(height), VIEWPORT["height"]), MAX_SCREENSHOT_HEIGHT)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.wait_for_timeout(400)  # let plotly and the maps redraw at the new size
    page.screenshot(path=str(path), full_page=True)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="en-US")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, request):
    """A fresh page; JS errors and dialogs are recorded on it; a screenshot is saved after."""
    page = context.new_page()
    page.js_errors = []
    page.dialogs = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))

    def on_dialog(dialog) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    with contextlib.suppress(Exception):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        full_page_screenshot(page, ARTIFACTS / f"{_artifact_name(request.node.name)}.png")
