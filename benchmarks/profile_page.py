"""Profile one warm AppTest rerun of a page with cProfile (the script thread only).

    .venv/bin/python benchmarks/profile_page.py compare [--runs 1] [--top 30] [--sort tottime]

The page is named by its key in the page registry (overview, clusters, china_map, profile, compare,
topics, data, present) or by its file (pages/compare.py). The page is opened in a fresh
session and rendered once (warming the process caches), then the same filter change as
benchmarks/run.py is applied and that rerun is profiled. ATLAS_DATA_DIR selects the data
package, as for the app.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from phases.apptest import change_filter, open_page
from phases.common import APP, pages

_profiler: cProfile.Profile | None = None
_original_run_script = script_runner.ScriptRunner._run_script


def _profiled_run_script(self, rerun_data):  # runs in the script thread
    if _profiler is None:
        return _original_run_script(self, rerun_data)
    _profiler.enable()
    try:
        return _original_run_script(self, rerun_data)
    finally:
        _profiler.disable()


script_runner.ScriptRunner._run_script = _profiled_run_script


def main(argv: list[str] | None = None) -> int:
    global _profiler
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="page key (e.g. compare) or file (pages/compare.py)")
    parser.add_argument("--runs", type=int, default=1, help="profiled reruns")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--plain", action="store_true", help="plain rerun, no filter change")
    args = parser.parse_args(argv)

    warm = AppTest.from_file(str(APP), default_timeout=600)
    warm.run()  # load the dataset into the process cache
    path, key = next((p, k) for p, k in pages() if args.page in (p, k))
    at: AppTest = open_page(path)
    at.run()
    _profiler = cProfile.Profile()
    t0 = time.perf_counter()
    for i in range(args.runs):
        if not args.plain:
            change_filter(at, key, i)
        at.run()
    wall = time.perf_counter() - t0
    _profiler.disable()
    stats = pstats.Stats(_profiler)
    print(f"{args.page}: {args.runs} profiled rerun(s), {wall:.3f} s wall (with profiler)")
    if at.exception:
        print("exceptions:", [e.value for e in at.exception])
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
