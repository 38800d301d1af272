"""Phase interact: what a person waits for, in Chromium against floor apps in the same run.

From changing a page's main control to its chart showing the change (floor:
benchmarks/floor_app.py, one select box and one small plotly line chart), and from a click in
the sidebar to the page's first chart (floor: benchmarks/floor_pages.py, a title page and a
chart page); ×floor per page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.devtools.server import CHROMIUM, CHROMIUM_ARGS, ROOT, serve

from .browser import new_tab
from .common import pages

FLOOR_APP = ROOT / "benchmarks" / "floor_app.py"
FLOOR_PAGES = ROOT / "benchmarks" / "floor_pages.py"

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAIN = '[data-testid="stMain"]'
CAPTION = '[data-testid="stCaptionContainer"]'
# The first chart title on the page, or (a page whose control changes a table) its captions.
TITLE_JS = ("() => { const e = document.querySelector(" + repr(MAIN + " .js-plotly-plot .gtitle")
            + "); return e ? e.textContent : null }")
CAPTIONS_JS = ("() => [...document.querySelectorAll(" + repr(MAIN + " " + CAPTION)
               + ")].map(e => e.textContent).join('|')")
# A chart drawn by this run (Streamlit keeps the last page's elements, marked stale, until
# the new ones arrive).
FRESH = MAIN + ' [data-testid="stElementContainer"][data-stale="false"] '
FRESH_CHART = FRESH + '.js-plotly-plot .main-svg'
# Rankings is a table: its first drawn table counts as its first chart.
FRESH_TABLE = FRESH + '[data-testid="stDataFrame"] canvas'


@dataclass(frozen=True)
class Control:
    """A page's main control: how to change it, and what on the page shows the change."""

    page: str  # url path with query
    kind: str  # select | slider | segment | toggle
    label: str = ""  # the widget's label (select, toggle)
    shows: str = "title"  # title: the first chart's title; captions: the captions' text


FLOOR_CONTROL = Control("/", "select", "Series")
CONTROLS = {
    "compare": Control("/compare", "select", "Indicator"),
    "china_map": Control("/china_map?level=city", "slider"),
    "clusters": Control("/clusters", "slider"),
    "profile": Control("/place_profile", "segment", "Topic"),
    "data": Control("/data_sources", "toggle", "Include every source's figure", "captions"),
    "rankings": Control("/rankings", "select", "Indicator", "captions"),
    "relationships": Control("/relationships", "select", "Horizontal axis (x)"),
    "innovation_index": Control("/innovation_index", "segment", "Level"),
}
TARGET_INTERACT_X = 2  # median and p90 ≤ 2 × the floor's
TARGET_SWITCH_X = 3  # page switch ≤ 3 × the floor's


def _shown_js(control: Control) -> str:
    """The JavaScript function that reads what ``control`` changes on the page."""
    return TITLE_JS if control.shows == "title" else CAPTIONS_JS


def _signature(page: Any, control: Control) -> str | None:
    return page.evaluate(_shown_js(control))


def _change(page: Any, control: Control, i: int) -> float:
    """Change the control (alternating directions) and return the moment of the final click
    or key press, after any dropdown was opened."""
    main = page.locator(MAIN)
    if control.kind == "select":
        box = main.get_by_role("combobox", name=control.label)
        current = box.input_value().strip()
        box.click()
        options = page.get_by_role("option")
        options.first.wait_for()
        texts = [t.strip() for t in options.all_inner_texts()]
        choice = next(n for n in ([1, 0, 2] if i % 2 else [0, 1, 2])
                      if n < len(texts) and texts[n] != current)
        start = time.perf_counter()
        options.nth(choice).click()
        return start
    if control.kind == "slider":
        thumb = main.locator('[data-testid="stSlider"] input[type="range"]').first
        thumb.focus()
        start = time.perf_counter()
        thumb.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")
        return start
    if control.kind == "segment":
        other = main.get_by_role("radiogroup", name=control.label).get_by_role("radio",
                                                                             checked=False)
        target = other.nth(i % max(other.count(), 1))
        if target.evaluate("e => e.tagName") == "INPUT":  # st.radio: the input is hidden
            target = target.locator("xpath=ancestor::label[1]")
        start = time.perf_counter()
        target.click()
        return start
    toggle = main.locator('[data-testid="stCheckbox"]').filter(
        has=page.get_by_role("switch", name=control.label))
    start = time.perf_counter()
    toggle.locator("label").first.click()
    return start


def interaction_times(page: Any, base: str, control: Control, reps: int,
                      timeout_ms: int = 60000) -> list[float]:
    """Seconds from changing ``control`` to the page showing the change, ``reps`` times."""
    page.goto(base + control.page)
    drawn = FRESH_CHART if control.shows == "title" else FRESH + CAPTION
    page.wait_for_selector(IDLE + " " + drawn, timeout=timeout_ms)
    times = []
    for i in range(reps):
        before = _signature(page, control)
        start = _change(page, control, i)
        page.wait_for_function(f"old => ({_shown_js(control)})()"
                               " !== old", arg=before, timeout=timeout_ms, polling="raf")
        times.append(time.perf_counter() - start)
        page.wait_for_selector(IDLE, timeout=timeout_ms)
        page.wait_for_timeout(300)  # a person's pause; lets the chart settle
    return times


def switch_times(page: Any, base: str, home: str, target: str, reps: int,
                 timeout_ms: int = 60000, drawn: str = FRESH_CHART) -> list[float]:
    """Seconds from clicking ``target`` in the sidebar (on the ``home`` page) to its first
    chart drawn, ``reps`` times."""
    nav = page.locator('[data-testid="stSidebarNav"]')
    page.goto(base + home)
    page.wait_for_selector(IDLE + " h1", timeout=timeout_ms)
    home_title = page.locator("h1").first.inner_text()
    back_home = ("title => { const h = document.querySelector('h1');"
                 f" return !!h && h.innerText === title && !!document.querySelector({IDLE!r}) }}")
    times = []
    for _ in range(reps + 1):  # the first is reported apart: it fetches the page's code
        link = nav.locator(f'a[href$="/{target}"]').first
        start = time.perf_counter()
        link.click()
        page.wait_for_selector(drawn, timeout=timeout_ms)
        times.append(time.perf_counter() - start)
        page.wait_for_selector(IDLE, timeout=timeout_ms)
        nav.locator("a").first.click()
        page.wait_for_function(back_home, arg=home_title, timeout=timeout_ms)
        page.wait_for_timeout(300)
    return times


NO_CHART = {"present"}  # slides open on a title, not a chart
TABLE_FIRST = {"rankings"}


def interact_phase(data: Path, reps: int, log_dir: Path) -> dict[str, Any]:
    """The floor's and every page's interaction and page-switch times, in one browser."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"interact": {}, "switch": {}, "errors": []}
    env = {"ATLAS_DATA_DIR": str(data)}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def measure(store: dict, name: str, fn: Callable[[Any], list[float]]) -> None:
            context, page = new_tab(browser)
            try:
                store[name] = fn(page)
            except Exception as exc:  # report and go on: the other figures still count
                out["errors"].append(f"{name}: {type(exc).__name__}: {exc}".splitlines()[0][:300])
            finally:
                context.close()

        for script, name in ((FLOOR_APP, "floor"), (FLOOR_PAGES, "floor_pages")):
            with serve(script, log_dir / f"{name}.log", env) as floor:
                url = floor.url
                if name == "floor":
                    measure(out["interact"], "(floor)",
                            lambda p, u=url: interaction_times(p, u, FLOOR_CONTROL, reps))
                else:
                    measure(out["switch"], "(floor)",
                            lambda p, u=url: switch_times(p, u, "/", "chart", reps))
        with serve(None, log_dir / "interact.log", env) as server:
            # The first page drawn by the browser and the server: the bundle is fetched once,
            # every figure below is a warm one.
            measure(out, "warm_up", lambda p: interaction_times(p, server.url,
                                                                 CONTROLS["compare"], 1))
            for key, control in CONTROLS.items():
                measure(out["interact"], key,
                        lambda p, c=control: interaction_times(p, server.url, c, reps))
            for path, key in pages()[1:]:
                if key in NO_CHART:
                    continue
                drawn = FRESH_TABLE if key in TABLE_FIRST else FRESH_CHART
                measure(out["switch"], key, lambda p, path=path, drawn=drawn: switch_times(
                    p, server.url, "/", Path(path).stem, reps, drawn=drawn))
        browser.close()
    return out
