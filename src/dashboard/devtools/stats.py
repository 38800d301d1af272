"""Figures the benchmark and the load test report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def pct(values: Sequence[float], q: int) -> float | None:
    """Nearest-rank percentile: the smallest value with at least ``q`` % of values at or
    below it; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * q // 100) - 1)]


def rss_mb(pid: int) -> float | None:
    """Resident memory of process ``pid`` in MiB (Linux), None once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None
