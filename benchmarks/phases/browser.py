"""Phase browser: server cold start and RSS, in headless Chromium.

Cold start: ``streamlit run app.py`` on a free loopback port (file watcher off, as in the
Dockerfile) → /_stcore/health ok → Chromium shows the first page's title and its first
chart/table; the same for the empty app, whose title is the floor of the ratios. Then the
server's RSS with 1 and with 10 browser sessions (contexts) open on /compare.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from dashboard.devtools.server import CHROMIUM, CHROMIUM_ARGS, Server
from dashboard.devtools.stats import rss_mb

from .common import APP, EMPTY_APP

TARGET_MB_PER_SESSION = 10  # server RSS growth per extra browser session on /compare
SESSIONS = 10
TARGET_TITLE_X = 1.25  # cold start: title ≤ 1.25 × the empty app's
TARGET_FIGURES_X = 1.6  # cold start: headline figures ≤ 1.6 × the empty app's title

# A title is an <h1> with text; a "chart" is the first plotly SVG, data grid or table drawn.
TITLE_READY = "() => { const h = document.querySelector('h1');" \
              " return !!h && h.textContent.trim().length > 0 }"
FIGURE_SELECTOR = "[data-testid='stMetricValue']"  # the landing page's headline figures
CHART_SELECTOR = (".js-plotly-plot .main-svg, [data-testid='stDataFrame'] canvas, "
                  "[data-testid='stTable'] table, [data-testid='stArrowVegaLiteChart'] canvas")
PLOTLY_SELECTOR = ".js-plotly-plot .main-svg"


def new_tab(browser: Any) -> tuple[Any, Any]:
    """A fresh browser context (empty cache, no cookies) and its tab."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    return context, context.new_page()


FCP = ("() => { const e = performance.getEntriesByName('first-contentful-paint')[0];"
       " return e ? e.startTime : null }")


def first_paint(page: Any, server: Server, path: str = "/", chart: bool = True,
                timeout_ms: int = 60000) -> dict[str, Any]:
    """Open ``path`` in ``page``: seconds since server start to the browser's first contentful
    paint, the title, the headline figures and the first chart."""
    visit = server.since_start()
    page.goto(server.url + path, wait_until="commit")
    page.wait_for_function(TITLE_READY, timeout=timeout_ms)
    out: dict[str, Any] = {"visit_s": visit, "title_s": server.since_start()}
    if chart and path == "/":
        page.wait_for_selector(FIGURE_SELECTOR, timeout=timeout_ms)
        out["figures_s"] = server.since_start()
        element = page.wait_for_selector(CHART_SELECTOR, timeout=timeout_ms)
        out["chart_s"] = server.since_start()
        out["chart_kind"] = "plotly" if element.evaluate(
            "e => !!e.closest('.js-plotly-plot')") else "table"
    fcp_ms = page.evaluate(FCP)
    out["fcp_s"] = None if fcp_ms is None else visit + fcp_ms / 1000
    return out


# name: (script, draws figures, started by dashboard.serve as `make run` and the image do,
# seconds between the health check answering and the browser's visit)
VARIANTS = {"empty": (EMPTY_APP, False, False, 0.0), "app": (APP, True, False, 0.0),
            "served": (APP, True, True, 0.0), "settled": (APP, True, True, 2.0)}


def browser_phase(data: Path, reps: int, sessions: int, log_dir: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {name: [] for name in VARIANTS}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        result["chromium"] = browser.version
        for name, (script, chart, served, settle) in VARIANTS.items():
            for rep in range(reps):
                # The tab is open before the server starts, as a presenter's browser would be:
                # opening a context takes Chromium 0.1-0.2 s that is no part of the server's start.
                context, page = new_tab(browser)
                server = Server(None if served else script, log_dir / f"{name}-{rep}.log",
                                {"ATLAS_DATA_DIR": str(data)})
                keep = name == "served" and rep == reps - 1
                try:
                    health = server.wait_healthy()
                    time.sleep(settle)
                    paint = first_paint(page, server, chart=chart)
                    result[name].append({"health_s": health, **paint})
                    if keep:
                        context.close()  # as before: the RSS phase starts with no tab open
                        result["rss"] = rss_phase(browser, server, sessions)
                except Exception as exc:  # report and go on: the other figures still count
                    result[name].append({"error": f"{type(exc).__name__}: {exc}"[:300]})
                finally:
                    context.close()
                    server.stop()
        browser.close()
    return result


def _rss(server: Server) -> float:
    mb = rss_mb(server.proc.pid)
    if mb is None:
        raise RuntimeError(f"no RSS for pid {server.proc.pid}")
    return mb


def rss_phase(browser: Any, server: Server, sessions: int) -> dict[str, Any]:
    """RSS of the server process with one, then ``sessions`` browser sessions on /compare."""
    out: dict[str, Any] = {"rss_start_mb": _rss(server)}
    first, page = new_tab(browser)
    t0 = time.perf_counter()
    first_paint(page, server, "/compare", timeout_ms=120000)
    page.wait_for_selector(PLOTLY_SELECTOR, timeout=120000)
    out["compare_first_chart_s"] = time.perf_counter() - t0
    contexts = [first]
    time.sleep(1.5)
    out["rss_1_mb"] = _rss(server)
    t0 = time.perf_counter()
    tabs = []
    for _ in range(sessions - 1):
        context, page = new_tab(browser)
        page.goto(server.url + "/compare", wait_until="commit")
        contexts.append(context)
        tabs.append(page)
    for page in tabs:
        page.wait_for_selector(PLOTLY_SELECTOR, timeout=180000)
    out["all_sessions_drawn_s"] = time.perf_counter() - t0
    time.sleep(1.5)
    out[f"rss_{sessions}_mb"] = _rss(server)
    out["sessions"] = sessions
    out["mb_per_session"] = (out[f"rss_{sessions}_mb"] - out["rss_1_mb"]) / (sessions - 1)
    for context in contexts:
        context.close()
    return out
