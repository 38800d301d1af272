"""Phase data: the data layer in a fresh subprocess (``run.py --child data``): import time,
``load_dataset()`` cold, ``query.facts()``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .common import repeat, timed, write_json


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
    result["facts_s"] = repeat(lambda _: timed(lambda: query.facts(ds)), 5, 5, 10)
    write_json(out, result)
