"""The tooling package the benchmark, the load test and the browser tests share."""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dashboard.devtools.server import Server, ServerError, free_port
from dashboard.devtools.stats import pct, rss_mb

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dashboard"


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1),
       st.integers(1, 100))
def test_pct_is_the_nearest_rank(values: list[float], q: int) -> None:
    p = pct(values, q)
    assert p in values
    # the smallest value with at least q % of the values at or below it
    assert 100 * sum(v <= p for v in values) >= q * len(values)
    assert 100 * sum(v < p for v in values) < q * len(values)


def test_pct_of_nothing_is_none() -> None:
    assert pct([], 50) is None


def test_rss_of_a_live_and_a_gone_process() -> None:
    assert rss_mb(os.getpid()) > 1
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert rss_mb(child.pid) is None


def test_free_port_can_be_bound() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", free_port()))


def test_a_server_that_exits_is_reported_with_its_log(tmp_path: Path) -> None:
    script = tmp_path / "missing.py"
    server = Server(script, tmp_path / "server.log")
    try:
        server.wait_healthy(timeout=60)
        raise AssertionError("a missing script served")
    except ServerError as exc:
        assert "exited" in str(exc) and "missing.py" in str(exc)
    finally:
        server.stop()


def test_the_app_never_imports_the_tooling() -> None:
    def imported(node: ast.AST) -> list[str]:
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        if isinstance(node, ast.ImportFrom):
            return [f"{node.module or ''}.{alias.name}" for alias in node.names]
        return []

    importers = [path.name for path in PACKAGE.rglob("*.py")
                 if "devtools" not in path.relative_to(PACKAGE).parts
                 for node in ast.walk(ast.parse(path.read_text()))
                 if any("devtools" in name.split(".") for name in imported(node))]
    assert importers == []
