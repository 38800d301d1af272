"""Phases apptest and scale: AppTest in a subprocess (``run.py --child apptest``) that loads
the data once and then forks one clean process per page.

The floor (benchmarks/empty_app.py, one ``st.title``), and per page of the registry the
first render of a new session opening the page's URL, the warm rerun after a filter change
(compare: indicator; china_map: year; others: plain rerun) and the switch from another page.
Medians of several repetitions; warm rerun ÷ floor rerun is the ratio the target is set on.
The scale phase: benchmarks/scale_data.py writes a synthetic package 10× the real
observations; the same warm reruns run against it (fresh process, so caches are cold).
Also used by benchmarks/profile_page.py.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import APP, EMPTY_APP, ROOT, pages, read_json, repeat, run_child, timed, write_json

SCALE_SCRIPT = ROOT / "benchmarks" / "scale_data.py"
TARGET_RERUN_X_FLOOR = 25  # warm rerun ≤ 25 × the empty app's rerun
TARGET_SCALE_X = 2  # warm rerun on 10× data ≤ 2 × the same rerun on the real data
# The real package has ~31k rows and will stay well under 10× that; no larger case is served.
SCALE_FACTOR = 10
SCALED = f"{SCALE_FACTOR}×"


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


def measure_page(path: str, key: str, scaled: bool, out: Path) -> None:
    """One page in its own (forked) process; writes results after every measurement."""
    from streamlit.testing.v1 import AppTest
    res: dict[str, Any] = {"key": key, "first": [], "warm": [], "warm_cpu": [], "new": [],
                           "switch": [], "problems": []}

    def note(at: Any) -> None:
        for p in _problems(at):
            if p not in res["problems"]:
                res["problems"].append(p)
        write_json(out, res)

    at = None

    def first(_: int) -> float:
        nonlocal at
        res["stage"] = "first render"
        write_json(out, res)
        at = open_page(path)
        t = timed(at.run)
        res["first"].append(t)
        if not landed_on(at, path):
            res["problems"].append("AppTest rendered another page than " + path)
        note(at)
        return t

    repeat(first, 1, 1 if scaled else 3, 3)

    def warm(i: int) -> float:
        res["stage"] = "warm rerun"
        res["change"] = change_filter(at, key, i)
        t = timed(at.run, res["warm_cpu"])
        res["warm"].append(t)
        note(at)
        return t

    repeat(warm, 3, 7, 5)
    if scaled:
        return

    for i in range(5):
        if not new_view_change(at, key, i):
            break
        res["stage"] = "new view"
        res["new"].append(timed(at.run))
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
        t = timed(session.run)
        res["switch"].append(t)
        note(session)
        session.switch_page(other).run()
        return t

    repeat(switch, 3, 5, 4)


def child_apptest(out: Path, scaled: bool, page_limit: float) -> None:
    from streamlit.testing.v1 import AppTest

    from dashboard.ui import cached

    result: dict[str, Any] = {"pages": {}}
    # The app's own cached loaders, called outside a script run: later sessions reuse them.
    result["load_s"] = timed(cached.atlas)
    result["observations"] = len(cached.atlas().data.observations)
    write_json(out, result)

    if not scaled:
        empty = AppTest.from_file(str(EMPTY_APP), default_timeout=60)
        result["floor_first"] = timed(empty.run)
        result["floor_cpu"] = []
        result["floor_warm"] = repeat(lambda _: timed(empty.run, result["floor_cpu"]), 30, 30,
                                       5)
    warm_up = AppTest.from_file(str(APP), default_timeout=600)
    result["first_session_s"] = timed(warm_up.run)
    result["first_session_problems"] = _problems(warm_up)
    write_json(out, result)
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
            page = read_json(page_out) or {"key": key, "first": [], "warm": [], "switch": []}
            page["timed_out"] = timed_out
            page["limit_s"] = page_limit
            page["elapsed_s"] = time.perf_counter() - t0
            result["pages"][key] = page
            write_json(out, result)


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
