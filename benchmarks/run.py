"""Performance benchmark of the Innovation Atlas: one run, one printed table (not a test).

    .venv/bin/python benchmarks/run.py [--json FILE] [--quick] [--phases data,apptest,...]
        phases: data, apptest, browser (cold start, RSS), interact, scale
    make bench

What it measures (docs/performance.md explains the targets and today's figures):

1. Data layer, in a fresh subprocess: import time, ``load_dataset()`` cold, ``query.facts()``.
2. AppTest, in a subprocess that loads the data once and then forks one clean process per page:
   the floor (benchmarks/empty_app.py, one ``st.title``), and per page of ``chrome.PAGES`` the
   first render of a new session opening the page's URL, the warm rerun after a filter change
   (compare: indicator; china_map: year; others: plain rerun) and the switch from another page.
   Medians of several repetitions; warm rerun ÷ floor rerun is the ratio the target is set on.
3. Server cold start: ``streamlit run app.py --server.headless true --server.port <free>
   --server.address 127.0.0.1`` (file watcher off, as in the Dockerfile) → /_stcore/health ok →
   headless Chromium shows the first page's title and its first chart/table. The same for the
   empty app.
4. Server RSS with 1 and with 10 browser sessions (contexts) open on /compare.
5. What a person waits for, in Chromium against floor apps in the same run: from changing a
   page's main control to its chart showing the change (floor: benchmarks/floor_app.py, one
   select box and one small plotly line chart), and from a click in the sidebar to the page's
   first chart (floor: benchmarks/floor_pages.py, a title page and a chart page); ×floor per
   page. Cold start (3.) is reported as a ratio to the empty app's title too.
6. 10× data: benchmarks/scale_data.py writes a synthetic package 10× the real observations;
   the same AppTest warm reruns run against it (fresh process, so caches are cold).

The data package is the app's: ``ATLAS_DATA_DIR`` if set, else ``data/``. Every phase has a
time limit so the whole run stays around five minutes even when a page is pathologically slow;
a phase that hits its limit is reported as "> N s" rather than stopping the run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
EMPTY_APP = ROOT / "benchmarks" / "empty_app.py"
FLOOR_APP = ROOT / "benchmarks" / "floor_app.py"
SCALE_SCRIPT = ROOT / "benchmarks" / "scale_data.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

TARGET_RERUN_X_FLOOR = 25  # warm rerun ≤ 25 × the empty app's rerun
TARGET_MB_PER_SESSION = 10  # server RSS growth per extra browser session on /compare
TARGET_SCALE_X = 2  # warm rerun on 10× data ≤ 2 × the same rerun on the real data
# The real package has ~31k rows and will stay well under 10× that; no larger case is served.
SCALE_FACTOR = 10
SCALED = f"{SCALE_FACTOR}×"
SESSIONS = 10
PHASES = ("data", "apptest", "browser", "interact", "scale")

# A title is an <h1> with text; a "chart" is the first plotly SVG, data grid or table drawn.
TITLE_READY = "() => { const h = document.querySelector('h1');" \
              " return !!h && h.textContent.trim().length > 0 }"
FIGURE_SELECTOR = "[data-testid='stMetricValue']"  # the landing page's headline figures
CHART_SELECTOR = (".js-plotly-plot .main-svg, [data-testid='stDataFrame'] canvas, "
                  "[data-testid='stTable'] table, [data-testid='stArrowVegaLiteChart'] canvas")
PLOTLY_SELECTOR = ".js-plotly-plot .main-svg"


# ----------------------------------------------------------------------------------------------
# helpers


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def data_dir() -> Path:
    return Path(os.environ.get("ATLAS_DATA_DIR") or ROOT / "data").resolve()


def pages() -> list[tuple[str, str]]:
    """(path, url key) of every page, in the navigation's order."""
    from dashboard.ui.chrome import PAGES
    return [(path, key) for path, key, _ in PAGES]


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, default=str))
    tmp.replace(path)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return {}


def rss_mb(pid: int) -> float:
    try:
        import psutil
        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no RSS for pid {pid}")


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"nproc": len(os.sched_getaffinity(0)),
                            "python": platform.python_version()}
    with contextlib.suppress(OSError):
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        info["ram_gib"] = round(int(mem.split()[1]) / 2**20, 1)
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        info["cpu"] = cpu.split(":", 1)[1].strip()
    from importlib.metadata import version
    for package in ("streamlit", "pandas", "plotly", "pyarrow"):
        with contextlib.suppress(Exception):
            info[package] = version(package)
    return info


def run_child(kind: str, env_data: Path, out: Path, timeout: float,
              extra: tuple[str, ...] = ()) -> tuple[dict, bool]:
    """Run ``run.py --child kind`` in a fresh interpreter; returns (results, finished)."""
    env = {**os.environ, "ATLAS_DATA_DIR": str(env_data), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--out", str(out),
           *extra]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        _, err = proc.communicate(timeout=timeout)
        finished = proc.returncode == 0
        if not finished:
            print(f"  ! child {kind} exited {proc.returncode}: {err.strip()[-800:]}",
                  file=sys.stderr)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        finished = False
        print(f"  ! child {kind} stopped after {timeout:.0f} s (time limit)", file=sys.stderr)
    return _read_json(out), finished


# ----------------------------------------------------------------------------------------------
# AppTest: used by the children and by profile_page.py


_PAGE_HASHES: dict[str, str] = {}


def page_hash(path: str) -> str:
    """The script hash st.navigation registers for ``path`` (resolved once per process by
    AppTest.switch_page itself, so it follows whatever url_path the app gives the page)."""
    if not _PAGE_HASHES:
        from streamlit.testing.v1 import AppTest
        probe = AppTest.from_file(str(APP), default_timeout=600)
        probe.run()
        for known, _ in pages():
            probe.switch_page(known)
            _PAGE_HASHES[known] = probe._page_hash
    return _PAGE_HASHES[path]


def open_page(path: str, timeout: float = 600) -> Any:
    """A new session whose first run lands on ``path``, as a browser opening the page's URL.

    AppTest has no public way to choose the landing page before the first run (switch_page
    needs a run to know the pages), so the registered page hash is set directly; after the
    run, :func:`landed_on` checks the right page was rendered."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at._page_hash = page_hash(path)
    return at


def landed_on(at: Any, path: str) -> bool:
    return getattr(at, "_finished_page_script_hash", page_hash(path)) == page_hash(path)


def change_filter(at: Any, key: str, i: int) -> str:
    """The filter change applied before warm rerun ``i`` (alternating between two values)."""
    try:
        if key == "compare":
            box = at.selectbox(key="compare.indicator")
            target = "rd_intensity" if box.value != "rd_intensity" else "rd_expenditure"
            box.set_value(target)
            return "compare.indicator"
        if key == "china_map":
            slider = at.select_slider(key="china_map.year")
            years = [int(y) for y in slider.options]
            target = years[-1] if slider.value != years[-1] else years[-2]
            slider.set_value(target)
            return "map.year"
    except (KeyError, IndexError, ValueError) as exc:
        return f"plain rerun ({type(exc).__name__}: widget missing)"
    return "plain rerun"


def new_view_change(at: Any, key: str, i: int) -> bool:
    """A filter change to a value this process has not shown yet, so nothing memoised serves it
    (compare: another indicator, china_map: an earlier year); False on other pages."""
    try:
        if key == "compare":
            from dashboard.ui import cached
            seen = {"rd_intensity", "rd_expenditure"}
            fresh = sorted(cached.atlas().by_place["CN-110000"] - seen)
            at.selectbox(key="compare.indicator").set_value(fresh[i])
            return True
        if key == "china_map":
            years = sorted(int(y) for y in at.select_slider(key="china_map.year").options)
            at.select_slider(key="china_map.year").set_value(years[-3 - i])
            return True
    except (KeyError, IndexError, ValueError):
        pass
    return False


def _problems(at: Any) -> list[str]:
    found = [f"exception: {e.value}" for e in at.exception]
    found += [f"error: {e.value}" for e in at.error]
    return [p.splitlines()[0][:160] for p in found]


def _timed(fn: Callable[[], Any], cpu: list[float] | None = None) -> float:
    """Wall seconds of ``fn()``; with ``cpu``, also append this process's CPU seconds."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    wall = time.perf_counter() - t0
    if cpu is not None:
        cpu.append(time.process_time() - c0)
    return wall


def _repeat(fn: Callable[[int], float], min_n: int, max_n: int, cap_s: float) -> list[float]:
    """At least ``min_n`` and at most ``max_n`` timings, stopping early past ``cap_s``."""
    times: list[float] = []
    spent = 0.0
    while len(times) < max_n and (len(times) < min_n or spent < cap_s):
        times.append(fn(len(times)))
        spent += times[-1]
    return times


def measure_page(path: str, key: str, scaled: bool, out: Path) -> None:
    """One page in its own (forked) process; writes results after every measurement."""
    from streamlit.testing.v1 import AppTest
    res: dict[str, Any] = {"key": key, "first": [], "warm": [], "warm_cpu": [], "new": [],
                           "switch": [], "problems": []}

    def note(at: Any) -> None:
        for p in _problems(at):
            if p not in res["problems"]:
                res["problems"].append(p)
        _write_json(out, res)

    at = None

    def first(_: int) -> float:
        nonlocal at
        res["stage"] = "first render"
        _write_json(out, res)
        at = open_page(path)
        t = _timed(at.run)
        res["first"].append(t)
        if not landed_on(at, path):
            res["problems"].append("AppTest rendered another page than " + path)
        note(at)
        return t

    _repeat(first, 1, 1 if scaled else 3, 3)

    def warm(i: int) -> float:
        res["stage"] = "warm rerun"
        res["change"] = change_filter(at, key, i)
        t = _timed(at.run, res["warm_cpu"])
        res["warm"].append(t)
        note(at)
        return t

    _repeat(warm, 3, 7, 5)
    if scaled:
        return

    for i in range(5):
        if not new_view_change(at, key, i):
            break
        res["stage"] = "new view"
        res["new"].append(_timed(at.run))
        note(at)

    all_paths = [p for p, _ in pages()]
    other = all_paths[0] if path != all_paths[0] else all_paths[-1]
    session = AppTest.from_file(str(APP), default_timeout=600)
    session.run()
    if other != all_paths[0]:
        session.switch_page(other).run()

    def switch(_: int) -> float:
        res["stage"] = "page switch"
        session.switch_page(path)
        t = _timed(session.run)
        res["switch"].append(t)
        note(session)
        session.switch_page(other).run()
        return t

    _repeat(switch, 3, 5, 4)


def child_apptest(out: Path, scaled: bool, page_limit: float) -> None:
    from streamlit.testing.v1 import AppTest

    from dashboard.ui import cached

    result: dict[str, Any] = {"pages": {}}
    # The app's own cached loaders, called outside a script run: later sessions reuse them.
    result["load_s"] = _timed(cached.atlas)
    result["observations"] = len(cached.atlas().data.observations)
    _write_json(out, result)

    if not scaled:
        empty = AppTest.from_file(str(EMPTY_APP), default_timeout=60)
        result["floor_first"] = _timed(empty.run)
        result["floor_cpu"] = []
        result["floor_warm"] = _repeat(lambda _: _timed(empty.run, result["floor_cpu"]), 30, 30,
                                       5)
    warm_up = AppTest.from_file(str(APP), default_timeout=600)
    result["first_session_s"] = _timed(warm_up.run)
    result["first_session_problems"] = _problems(warm_up)
    _write_json(out, result)
    page_hash(pages()[0][0])  # resolve the page hashes once, before forking

    ctx = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as tmp:
        for path, key in pages():
            page_out = Path(tmp) / f"{key}.json"
            proc = ctx.Process(target=measure_page, args=(path, key, scaled, page_out))
            t0 = time.perf_counter()
            proc.start()
            proc.join(page_limit)
            timed_out = proc.is_alive()
            if timed_out:
                proc.kill()
                proc.join()
            page = _read_json(page_out) or {"key": key, "first": [], "warm": [], "switch": []}
            page["timed_out"] = timed_out
            page["limit_s"] = page_limit
            page["elapsed_s"] = time.perf_counter() - t0
            result["pages"][key] = page
            _write_json(out, result)


def child_data(out: Path) -> None:
    t0 = time.perf_counter()
    from dashboard import query
    from dashboard.data.load import load_dataset
    result: dict[str, Any] = {"import_s": time.perf_counter() - t0}
    t0 = time.perf_counter()
    ds = load_dataset()
    result["load_s"] = time.perf_counter() - t0
    result["observations"] = len(ds.observations)
    result["places"] = len(ds.places)
    result["facts_s"] = _repeat(lambda _: _timed(lambda: query.facts(ds)), 5, 5, 10)
    _write_json(out, result)


# ----------------------------------------------------------------------------------------------
# real server and browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_cmd(script: Path, port: int, served: bool = False) -> list[str]:
    """``streamlit run script``, or with ``served`` the app's own launcher (dashboard.serve)."""
    options = ["--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1"]
    if served:
        return [sys.executable, "-m", "dashboard.serve", *options]
    exe = Path(sys.executable).parent / "streamlit"
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "streamlit"]
    return [*head, "run", str(script.relative_to(ROOT)), *options]


class Server:
    """``streamlit run`` of one script; the clock starts just before the process does."""

    def __init__(self, script: Path, data: Path, log: Path, served: bool = False):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "ATLAS_DATA_DIR": str(data),
               # as in the Dockerfile: code never changes under a running server
               "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
               "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        self.log = log.open("w")
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(streamlit_cmd(script, self.port, served), cwd=ROOT, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def since_start(self) -> float:
        return time.perf_counter() - self.t0

    def wait_healthy(self, timeout: float = 60) -> float:
        while self.since_start() < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return self.since_start()
            except OSError:
                pass
            time.sleep(0.02)
        raise TimeoutError("no /_stcore/health within the time limit")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


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
                server = Server(script, data, log_dir / f"{name}-{rep}.log", served)
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


def rss_phase(browser: Any, server: Server, sessions: int) -> dict[str, Any]:
    """RSS of the server process with one, then ``sessions`` browser sessions on /compare."""
    out: dict[str, Any] = {"rss_start_mb": rss_mb(server.proc.pid)}
    first, page = new_tab(browser)
    t0 = time.perf_counter()
    first_paint(page, server, "/compare", timeout_ms=120000)
    page.wait_for_selector(PLOTLY_SELECTOR, timeout=120000)
    out["compare_first_chart_s"] = time.perf_counter() - t0
    contexts = [first]
    time.sleep(1.5)
    out["rss_1_mb"] = rss_mb(server.proc.pid)
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
    out[f"rss_{sessions}_mb"] = rss_mb(server.proc.pid)
    out["sessions"] = sessions
    out["mb_per_session"] = (out[f"rss_{sessions}_mb"] - out["rss_1_mb"]) / (sessions - 1)
    for context in contexts:
        context.close()
    return out


# ----------------------------------------------------------------------------------------------
# what a person waits for: a control changed or a page switched, until the chart shows it

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
TARGET_TITLE_X = 1.25  # cold start: title ≤ 1.25 × the empty app's
TARGET_FIGURES_X = 1.6  # cold start: headline figures ≤ 1.6 × the empty app's title


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


FLOOR_PAGES = ROOT / "benchmarks" / "floor_pages.py"
NO_CHART = {"present"}  # slides open on a title, not a chart
TABLE_FIRST = {"rankings"}


def interact_phase(data: Path, reps: int, log_dir: Path) -> dict[str, Any]:
    """The floor's and every page's interaction and page-switch times, in one browser."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"interact": {}, "switch": {}, "errors": []}
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
            server = Server(script, data, log_dir / f"{name}.log")
            try:
                server.wait_healthy()
                url = server.url
                if name == "floor":
                    measure(out["interact"], "(floor)",
                            lambda p, u=url: interaction_times(p, u, FLOOR_CONTROL, reps))
                else:
                    measure(out["switch"], "(floor)",
                            lambda p, u=url: switch_times(p, u, "/", "chart", reps))
            finally:
                server.stop()
        server = Server(APP, data, log_dir / "interact.log", served=True)
        try:
            server.wait_healthy()
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
        finally:
            server.stop()
        browser.close()
    return out


# ----------------------------------------------------------------------------------------------
# SCALE_FACTOR× data


def scaled_phase(real: Path, work: Path, page_limit: float, total_limit: float) -> dict:
    env = {**os.environ, "ATLAS_DATA_DIR": str(real)}
    t0 = time.perf_counter()
    made = subprocess.run([sys.executable, str(SCALE_SCRIPT), "--factor", str(SCALE_FACTOR),
                           "--out", str(work / "data"), "--no-check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    if made.returncode != 0:
        return {"error": made.stderr.strip()[-800:]}
    info = json.loads(made.stdout.strip().splitlines()[-1])
    info["generate_s"] = time.perf_counter() - t0
    res, finished = run_child("apptest", work / "data", work / "scaled.json", total_limit,
                              ("--scaled", "--page-limit", str(page_limit)))
    return {**info, **res, "finished": finished}


# ----------------------------------------------------------------------------------------------
# report


def fmt(seconds: float | None, digits: int = 3) -> str:
    if seconds is None:
        return "—"
    if seconds >= 10:
        return f"{seconds:.1f}"
    return f"{seconds:.{digits}f}"


def page_cell(page: dict | None, field: str) -> str:
    if not page:
        return "—"
    value = median(page.get(field, []))
    if value is None:
        return f"> {page.get('limit_s', 0):.0f}" if page.get("timed_out") else "—"
    return fmt(value)


def timeout_note(page: dict | None, label: str) -> list[str]:
    if page and page.get("timed_out"):
        return [f"{label}stopped after {page['limit_s']:.0f} s in {page.get('stage', 'start')}"]
    return []


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "MISSED")


def times_x(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}×"


def interact_report(res: dict[str, Any]) -> list[str]:
    """What a person waits for, each page against its floor in the same run."""
    lines = []
    tables = (("interact", "control changed → the chart (data: the row count) shows it",
               TARGET_INTERACT_X, "; ".join(f"{k}: {c.kind} {c.label}".strip()
                                            for k, c in CONTROLS.items())),
              ("switch", "sidebar click → the page's first chart drawn (first = the page's "
               "first visit in the tab)", TARGET_SWITCH_X, "floor: a title page → a chart page"))
    for kind, what, target, how in tables:
        rows = res.get(kind, {})
        floor = rows.get("(floor)", [])
        floor = floor[1:] if kind == "switch" else floor
        f50, f90 = pct(floor, 50), pct(floor, 90)
        lines.append(f"Browser, {'interactions' if kind == 'interact' else 'page switches'}: "
                     f"{what}; seconds, median and p90 of {len(floor)}; target ≤ {target}× the "
                     f"floor ({how})")
        head = (f"{'page':<12} {'first':>7} {'median':>7} {'p90':>7} {'×floor':>7} "
                f"{'p90×':>7} {f'≤{target}×':>7}")
        lines.append(head)
        for name, times in rows.items():
            first = times[0] if kind == "switch" and times else None
            times = times[1:] if kind == "switch" else times
            m50, m90 = pct(times, 50), pct(times, 90)
            x50 = m50 / f50 if m50 and f50 else None
            x90 = m90 / f90 if m90 and f90 else None
            ok = None if x50 is None or x90 is None else max(x50, x90) <= target
            lines.append(f"{name:<12} {fmt(first):>7} {fmt(m50):>7} {fmt(m90):>7} "
                         f"{times_x(x50):>7} {times_x(x90):>7} "
                         f"{'(floor)' if name == '(floor)' else verdict(ok):>7}")
        lines.append("")
    for error in res.get("errors", []):
        lines.append(f"not measured: {error}")
    return lines


def pct(values: list[float], q: int) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * q // 100) - 1)]


def report(res: dict[str, Any]) -> str:
    lines: list[str] = []
    add = lines.append
    m = res["machine"]
    add(f"Innovation Atlas benchmark · {res['when']} · data {res['data_dir']}")
    add(f"machine: {m.get('nproc')} cores (nproc), {m.get('ram_gib')} GiB RAM, {m.get('cpu')}, "
        f"Python {m.get('python')}, Streamlit {m.get('streamlit')}, pandas {m.get('pandas')}, "
        f"plotly {m.get('plotly')}, pyarrow {m.get('pyarrow')}"
        + (f", Chromium {res['browser']['chromium']}" if res.get("browser", {}).get("chromium")
           else ""))
    add("")
    data = res.get("data", {})
    app = res.get("apptest", {})
    scaled = res.get("scaled", {})
    add(f"Data layer (seconds)                      real                {SCALED}")
    add(f"  observations                            {data.get('observations', '—'):<19} "
        f"{scaled.get('observations', '—')}")
    add(f"  import dashboard (fresh process)        {fmt(data.get('import_s'))}")
    add(f"  load_dataset() cold (fresh process)     {fmt(data.get('load_s')):<19} "
        f"{fmt(scaled.get('load_s'))}")
    add(f"  query.facts() (median)                  {fmt(median(data.get('facts_s', []))):<19} "
        f"{fmt(scaled.get('facts_s'))}")
    if scaled.get("generate_s") is not None:
        add(f"  write the {SCALED} package (scale_data.py)                       "
            f"{fmt(scaled.get('generate_s'))}")
    add("")

    floor = median(app.get("floor_warm", []))
    add("AppTest, seconds (medians; first = new session opening the page's URL, warm = rerun "
        "after the change shown, cpu = its")
    add("CPU time, new = rerun after a change to a value not shown before in the process, so "
        "nothing memoised serves it;")
    add(f"switch = from another page). Floor = empty app rerun. Targets: warm ≤ "
        f"{TARGET_RERUN_X_FLOOR}× floor; {SCALED} warm ≤ {TARGET_SCALE_X}× real warm.")
    head = (f"{'page':<10} {'first':>7} {'warm':>7} {'cpu':>7} {'new':>7} {'switch':>7} "
            f"{'×floor':>7} "
            f"{'≤25×':>6} {SCALED + ' warm':>10} {'×real':>6} {'≤2×':>6}  change / problems")
    add(head)
    add("-" * len(head))
    add(f"{'(empty)':<10} {fmt(app.get('floor_first')):>7} {fmt(floor):>7} "
        f"{fmt(median(app.get('floor_cpu', []))):>7}")
    scaled_pages = scaled.get("pages", {})
    for key, page in app.get("pages", {}).items():
        warm = median(page.get("warm", []))
        ratio = warm / floor if warm and floor else None
        big = scaled_pages.get(key)
        big_warm = median(big.get("warm", [])) if big else None
        x_real = big_warm / warm if big_warm and warm else None
        if big and big_warm is None and big.get("timed_out"):
            scale_ok: bool | None = False
        else:
            scale_ok = None if x_real is None else x_real <= TARGET_SCALE_X
        notes = page.get("change", "")
        problems = (page.get("problems", []) + timeout_note(page, "")
                    + ([f"{SCALED}: {p}" for p in big.get("problems", [])] if big else [])
                    + timeout_note(big, f"{SCALED}: "))
        if problems:
            notes += " · " + " | ".join(problems[:2])
        add(f"{key:<10} {page_cell(page, 'first'):>7} {page_cell(page, 'warm'):>7} "
            f"{page_cell(page, 'warm_cpu'):>7} {page_cell(page, 'new'):>7} "
            f"{page_cell(page, 'switch'):>7} {fmt(ratio, 0) if ratio else '—':>7} "
            f"{verdict(None if ratio is None else ratio <= TARGET_RERUN_X_FLOOR):>6} "
            f"{page_cell(big, 'warm'):>10} {fmt(x_real, 1) if x_real else '—':>6} "
            f"{verdict(scale_ok):>6}  {notes}")
    add(f"first session of a process with the data cached (overview): "
        f"{fmt(app.get('first_session_s'))} s; {SCALED} data: "
        f"{fmt(scaled.get('first_session_s'))} s")
    if scaled.get("error"):
        add(f"{SCALED} data not measured: {scaled['error']}")
    add("")

    browser = res.get("browser", {})
    if browser:
        add(f"Server cold start, seconds since the server process started (median of "
            f"{len(browser.get('app', []))}); the tab is open before the server starts; "
            "paint = the browser's first contentful paint; ×empty = ÷ the empty app's title in "
            f"this run; targets: the landing page's title ≤ {TARGET_TITLE_X}× and its headline "
            f"figures ≤ {TARGET_FIGURES_X}× the empty app's title; "
            "visit→figures = from the browser opening the address")
        add(f"{'start':<10} {'health ok':>10} {'paint':>8} {'title':>8} {'figures':>8} "
            f"{'chart':>8} {'title×':>7} {'figs×':>7} {f'≤{TARGET_TITLE_X}×':>7} "
            f"{f'≤{TARGET_FIGURES_X}×':>7} {'visit→figures':>14}")
        empty_title = median([r["title_s"] for r in browser.get("empty", []) if "error" not in r])
        for name, (_, _, _, settle) in VARIANTS.items():
            runs = [r for r in browser.get(name, []) if "error" not in r]
            errors = [r["error"] for r in browser.get(name, []) if "error" in r]
            health = median([r["health_s"] for r in runs])
            paint = median([r["fcp_s"] for r in runs if r.get("fcp_s") is not None])
            title = median([r["title_s"] for r in runs])
            figures = median([r["figures_s"] for r in runs if "figures_s" in r])
            chart = median([r["chart_s"] for r in runs if "chart_s" in r])
            # the empty app has no figures: its title is its first paint
            from_visit = median([r.get("figures_s", r["title_s"]) - r["visit_s"] for r in runs])
            kind = next((r["chart_kind"] for r in runs if "chart_kind" in r), "")
            ratios = [None if v is None or not empty_title else v / empty_title
                      for v in (title, figures)]
            marks = ["(floor)" if name == "empty" else "—" if settle else verdict(
                None if ratio is None else ratio <= limit)
                for ratio, limit in zip(ratios, (TARGET_TITLE_X, TARGET_FIGURES_X), strict=True)]
            add(f"{name:<10} {fmt(health):>10} {fmt(paint):>8} {fmt(title):>8} {fmt(figures):>8} "
                f"{fmt(chart):>8} {times_x(ratios[0]):>7} {times_x(ratios[1]):>7} "
                f"{marks[0]:>7} {marks[1]:>7} {fmt(from_visit):>14}  {kind}"
                f"{' · ' + errors[0] if errors else ''}")
        add("(empty = a one-title app; app = `streamlit run app.py`; served = "
            "`python -m dashboard.serve`, as `make run` and the Dockerfile start it; settled = "
            f"served, first visit {VARIANTS['settled'][3]:.0f} s after the health check, as when "
            "a server is up before its audience arrives)")
        rss = browser.get("rss")
        if rss:
            n = rss["sessions"]
            add("")
            add(f"Server RSS on /compare: start {rss['rss_start_mb']:.0f} MB (one overview "
                f"session seen), 1 session {rss['rss_1_mb']:.0f} MB, {n} sessions "
                f"{rss[f'rss_{n}_mb']:.0f} MB → {rss['mb_per_session']:.1f} MB per extra "
                f"session (target ≤ {TARGET_MB_PER_SESSION}): "
                f"{verdict(rss['mb_per_session'] <= TARGET_MB_PER_SESSION)}")
            add(f"  first /compare session drawn in {fmt(rss['compare_first_chart_s'])} s on "
                f"the warm server; {n - 1} more sessions all drawn in "
                f"{fmt(rss['all_sessions_drawn_s'])} s")
    interact = res.get("interact")
    if interact:
        add("")
        lines.extend(interact_report(interact))
    add("")
    add(f"whole benchmark: {res['elapsed_s']:.0f} s; load average before {res['load_before']}, "
        f"after {res['load_after']} (other work on the machine inflates wall times; "
        "the cpu column is less affected)")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write every raw timing to this file")
    parser.add_argument("--quick", action="store_true", help="one server repetition")
    parser.add_argument("--phases", default=",".join(PHASES),
                        help=f"comma-separated subset of {','.join(PHASES)}")
    parser.add_argument("--child", choices=("data", "apptest"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--scaled", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--page-limit", type=float, default=60, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "data":
        child_data(args.out)
        return 0
    if args.child == "apptest":
        child_apptest(args.out, args.scaled, args.page_limit)
        return 0

    real = data_dir()
    if not (real / "observations.csv").exists():
        print(f"No data package at {real} (observations.csv missing). Build it with "
              "`make data`, or point ATLAS_DATA_DIR at one.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    res: dict[str, Any] = {"when": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                           "data_dir": str(real), "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp_name:
        tmp = Path(tmp_name)
        step = lambda text: print(f"[{time.perf_counter() - started:5.0f} s] {text}",  # noqa: E731
                                  file=sys.stderr, flush=True)
        phases = set(args.phases.split(","))
        res["load_before"] = _loadavg()
        if "data" in phases:
            step("data layer")
            res["data"], _ = run_child("data", real, tmp / "data.json", 120)
        if "apptest" in phases:
            step("AppTest, real data")
            res["apptest"], _ = run_child("apptest", real, tmp / "apptest.json", 300,
                                          ("--page-limit", "40"))
        if "browser" in phases:
            step("server cold start and RSS")
            res["browser"] = browser_phase(real, 1 if args.quick else 3, SESSIONS, tmp)
        if "interact" in phases:
            step("interactions and page switches in the browser")
            res["interact"] = interact_phase(real, 3 if args.quick else 5, tmp)
        if "scale" in phases:
            step(f"{SCALE_FACTOR}× data")
            res["scaled"] = scaled_phase(real, tmp, page_limit=12, total_limit=200)
        res["load_after"] = _loadavg()
        res["elapsed_s"] = time.perf_counter() - started
        step("done")
    print(report(res))
    if args.json:
        _write_json(args.json, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
