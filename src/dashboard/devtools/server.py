"""A Streamlit server of this checkout on a free loopback port, and the headless Chromium
that the benchmark and the browser tests drive."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

# The checkout (an editable install): servers start here, as `make run` does.
ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, as `make test` installs it
# No network: never let Chromium fetch anything of its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


class ServerError(RuntimeError):
    """The server exited, or did not answer its health check in time."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


class Server:
    """``script`` under ``streamlit run``, or with no script the atlas as `make run` and the
    Dockerfile start it (``python -m dashboard.serve``); the clock starts just before the
    process does. ``env`` is added to this process's environment."""

    def __init__(self, script: Path | None = None, log: Path | None = None,
                 env: Mapping[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        options = ["--server.headless", "true", "--server.port", str(self.port),
                   "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                   # as in the Dockerfile: code never changes under a running server
                   "--server.fileWatcherType", "none"]
        command = ([sys.executable, "-m", "dashboard.serve", *options] if script is None else
                   [sys.executable, "-m", "streamlit", "run", str(script), *options])
        # unbuffered, so the log's tail shown on a failure is complete
        env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"}
        out = log.open("w") if log else subprocess.DEVNULL
        self.t0 = time.perf_counter()
        try:
            self.proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                         stderr=subprocess.STDOUT)
        finally:
            if log:
                out.close()

    def since_start(self) -> float:
        return time.perf_counter() - self.t0

    def wait_healthy(self, timeout: float = 60) -> float:
        """Seconds since the start when /_stcore/health first answered ok."""
        while self.since_start() < timeout:
            if self.proc.poll() is not None:
                raise ServerError(f"streamlit exited with {self.proc.returncode}{self._tail()}")
            if _healthy(self.url):
                return self.since_start()
            time.sleep(0.02)
        raise ServerError(f"streamlit not healthy after {timeout:.0f} s{self._tail()}")

    def _tail(self) -> str:
        return f":\n{self.log.read_text()[-3000:]}" if self.log and self.log.exists() else ""

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@contextlib.contextmanager
def serve(script: Path | None = None, log: Path | None = None,
          env: Mapping[str, str] | None = None, timeout: float = 60) -> Iterator[Server]:
    """A started and healthy :class:`Server`, stopped after."""
    server = Server(script, log, env)
    try:
        server.wait_healthy(timeout)
        yield server
    finally:
        server.stop()
