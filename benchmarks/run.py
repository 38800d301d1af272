"""Performance benchmark of the Innovation Atlas: one run, one printed table (not a test).

    .venv/bin/python benchmarks/run.py [--json FILE] [--quick] [--phases data,apptest,...]
        phases: data, apptest, browser (cold start, RSS), interact, scale
    make bench

One module a phase in benchmarks/phases/ says what it measures (docs/performance.md explains
the targets and today's figures): data_layer (import, load, facts), apptest (the empty app's
rerun as the floor, then every page's first render, warm rerun and switch; and the same on
10× data), browser (server cold start against the empty app, RSS per session), interact
(control changes and page switches in Chromium against floor apps of the same run); report
prints them. The data package is the app's: ``ATLAS_DATA_DIR`` if set, else ``data/``. Every
phase has a time limit so the whole run stays around five minutes even when a page is
pathologically slow; a phase that hits its limit is reported as "> N s" rather than stopping
the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from phases.apptest import SCALE_FACTOR, child_apptest, scaled_phase
from phases.browser import SESSIONS, browser_phase
from phases.common import data_dir, loadavg, machine, run_child, write_json
from phases.data_layer import child_data
from phases.interact import interact_phase
from phases.report import report

PHASES = ("data", "apptest", "browser", "interact", "scale")


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
        res["load_before"] = loadavg()
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
        res["load_after"] = loadavg()
        res["elapsed_s"] = time.perf_counter() - started
        step("done")
    print(report(res))
    if args.json:
        write_json(args.json, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
