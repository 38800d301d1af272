"""What the phases share: the checkout's paths, the pages, timing, JSON files and child
processes."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dashboard.devtools.server import ROOT

APP = ROOT / "app.py"
RUN = ROOT / "benchmarks" / "run.py"
EMPTY_APP = ROOT / "benchmarks" / "empty_app.py"  # the floor: one st.title


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def data_dir() -> Path:
    return Path(os.environ.get("ATLAS_DATA_DIR") or ROOT / "data").resolve()


def pages() -> list[tuple[str, str]]:
    """(script, key) of every page, in the navigation's order (the page registry)."""
    from dashboard import registry
    return [(p.script, p.key) for p in registry.pages()]


def write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, default=str))
    tmp.replace(path)


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return {}


def loadavg() -> str:
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
    cmd = [sys.executable, str(RUN), "--child", kind, "--out", str(out),
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
    return read_json(out), finished


def timed(fn: Callable[[], Any], cpu: list[float] | None = None) -> float:
    """Wall seconds of ``fn()``; with ``cpu``, also append this process's CPU seconds."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    wall = time.perf_counter() - t0
    if cpu is not None:
        cpu.append(time.process_time() - c0)
    return wall


def repeat(fn: Callable[[int], float], min_n: int, max_n: int, cap_s: float) -> list[float]:
    """At least ``min_n`` and at most ``max_n`` timings, stopping early past ``cap_s``."""
    times: list[float] = []
    spent = 0.0
    while len(times) < max_n and (len(times) < min_n or spent < cap_s):
        times.append(fn(len(times)))
        spent += times[-1]
    return times
