"""Accessibility in the browser: axe-core on every page (both languages, presenter mode), and
the layout on a phone-sized screen.

axe-core comes from the npm registry (`make test` installs it under .venv/axe); it is injected
into the page as it stands after the script's run, and a serious or critical violation fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests_support import URLS

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stPlotlyChart"]'
PHONE = {"width": 390, "height": 844}

PATHS = list(URLS.values())
VIEWS = [*PATHS, "/?lang=zh", "/place_profile?lang=zh", "/compare?present=1",
         "/place_profile?present=1&lang=zh", "/compare?embed=1",
         "/place_profile?places=CN-440100&year=2017&chart=profile-facts&present=1&slide=4",
         "/rankings?lang=zh", "/rankings?present=1"]


def open_drawn(page: Page, url: str) -> None:
    """Open ``url`` and wait until the script has run and every chart is drawn. The page's
    title comes from the script, so once it is shown an idle app has finished its run."""
    page.goto(url)
    page.wait_for_selector("h1", state="attached", timeout=60_000)  # hidden in embeds, slides
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(
        "sel => [...document.querySelectorAll(sel)].every(c => c.querySelector('.main-svg'))",
        arg=CHART, timeout=30_000)
    page.wait_for_timeout(500)  # plotly lays out titles and colour bars after the first draw


def serious_violations(page: Page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: `make test` installs axe-core from the npm registry")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(" ".join(node["target"])[-120:] for node in v["nodes"][:5])
            for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", VIEWS)
def test_no_serious_accessibility_violation(page: Page, app_url: str, path: str) -> None:
    open_drawn(page, app_url + path)
    assert serious_violations(page) == []


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(viewport=PHONE, locale="en-US")
    yield context.new_page()
    context.close()


def boxes(page: Page, selector: str) -> list[dict]:
    """Bounding boxes of the elements matching ``selector`` inside each chart, with the
    chart's own box."""
    return page.evaluate(
        """([chart, sel]) => [...document.querySelectorAll(chart)].flatMap(c => {
            const frame = c.getBoundingClientRect();
            return [...c.querySelectorAll(sel)].map(e => {
                const b = e.getBoundingClientRect();
                return {text: e.textContent, left: b.left, right: b.right, top: b.top,
                        bottom: b.bottom, frameLeft: frame.left, frameRight: frame.right,
                        frameTop: frame.top};
            });
        })""",
        [CHART, selector])


def test_phone_china_map_has_its_colour_bar_under_the_map(phone: Page, app_url: str) -> None:
    open_drawn(phone, app_url + "/china_map")
    phone.wait_for_selector(f"{CHART} .colorbar")  # drawn once the map's style has loaded
    [bar] = boxes(phone, ".colorbar")
    maps = boxes(phone, "canvas.maplibregl-canvas")
    assert maps, "no map drawn"
    assert bar["top"] >= max(m["bottom"] for m in maps) - 1, (bar, maps)


@pytest.mark.parametrize("path", ["/compare", "/china_map", "/place_profile?lang=zh"])
def test_phone_chart_titles_are_not_cut_off(phone: Page, app_url: str, path: str) -> None:
    open_drawn(phone, app_url + path)
    phone.wait_for_selector(f"{CHART} .gtitle")
    titles = boxes(phone, ".gtitle")
    assert titles, "no chart titles"
    for title in titles:
        assert title["left"] >= title["frameLeft"] - 1, title
        assert title["right"] <= title["frameRight"] + 1, title
        assert title["top"] >= title["frameTop"] - 1, title
