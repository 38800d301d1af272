"""Scale-out check: N concurrent browser sessions through the proxy, one replica killed mid-run.

Each session (its own browser context, so its own affinity cookie) opens the Compare page from
a link, waits for the chart, switches to Topics and back. Then one replica is killed (SIGKILL,
like a crash), every session reloads, and must show the chart again with the same view: the view
lives in the URL, so a fresh session on the surviving replica rebuilds it.

    deploy/scale_out.sh start
    .venv/bin/python deploy/load.py --sessions 4
    deploy/scale_out.sh stop

Loopback only and bounded (at most 8 sessions, a deadline for the whole run). Uses Debian's
Chromium; never downloads a browser.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.async_api import Page, async_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LINK_PLACES = ["CN-440100", "CN-110000"]
START = "/compare?places=" + ",".join(LINK_PLACES)
CHART = '[data-testid="stPlotlyChart"] .main-svg'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAX_SESSIONS = 8
REPLICA_PORTS = ("8601", "8602")  # as started by deploy/scale_out.sh
# The parts of the URL that make up the view (see src/dashboard/state.py).
VIEW_PARAMS = ("places", "indicator", "year", "from", "to", "mode", "lang")


@dataclass
class Session:
    n: int
    page: Page | None = None
    replica: str = "?"
    after: str = "?"
    view: dict[str, list[str]] = field(default_factory=dict)
    times: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    held: bool = False
    link_kept: bool = False


def loopback(url: str) -> str:
    """Refuse anything but an http://127.x.y.z target: this drives real browsers."""
    parts = urlsplit(url)
    try:
        address = ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        address = None
    if parts.scheme != "http" or address is None or address.version != 4 or not address.is_loopback:
        raise SystemExit(f"refusing {url!r}: only http://127.x.y.z targets are allowed")
    return url.rstrip("/")


def view_of(url: str) -> dict[str, list[str]]:
    query = parse_qs(urlsplit(url).query)
    return {k: query[k] for k in VIEW_PARAMS if k in query}


async def settle(page: Page, timeout_ms: float) -> None:
    """Wait until the script run is over, so the URL holds the final view."""
    await page.locator(IDLE).wait_for(timeout=timeout_ms)


async def timed(s: Session, step: str, action) -> None:
    start = time.perf_counter()
    await action
    s.times[step] = time.perf_counter() - start


async def journey(s: Session, browser, base: str, timeout_ms: float) -> None:
    """Open Compare from a link, wait for the chart, switch to Topics and back."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    s.page = page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    page.on("pageerror", lambda exc: s.errors.append(f"page error: {exc}"))

    async def open_compare():
        response = await page.goto(base + START, wait_until="domcontentloaded")
        s.replica = response.headers.get("x-atlas-replica", "?") if response else "?"
        await page.locator(CHART).first.wait_for()
        await settle(page, timeout_ms)

    async def go(url_path: str, wait_chart: bool):
        await page.locator(f'[data-testid="stSidebarNav"] a[href$="/{url_path}"]').first.click()
        await page.wait_for_url(f"**/{url_path}**")
        if wait_chart:
            await page.locator(CHART).first.wait_for()
        await settle(page, timeout_ms)

    try:
        await timed(s, "open", open_compare())
        # The places in the link must be the ones shown (order aside): the view is the URL.
        opened = view_of(page.url).get("places", [""])[0].split(",")
        s.link_kept = sorted(opened) == sorted(LINK_PLACES)
        if not s.link_kept:
            s.errors.append(f"link not honoured: opened with places {opened}")
        await timed(s, "switch", go("topics", wait_chart=False))
        await timed(s, "back", go("compare", wait_chart=True))
        s.view = view_of(page.url)
    except Exception as exc:  # one failed session is a result, not a crash of the run
        s.errors.append(f"journey: {type(exc).__name__}: {str(exc).splitlines()[0]}")


async def recover(s: Session, timeout_ms: float) -> None:
    """Reload; the chart and the view must come back (possibly from the other replica)."""
    if s.page is None or not s.view:
        return
    page = s.page

    async def reload():
        response = await page.reload(wait_until="domcontentloaded")
        s.after = response.headers.get("x-atlas-replica", "?") if response else "?"
        await page.locator(CHART).first.wait_for()
        await settle(page, timeout_ms)

    try:
        await timed(s, "reload", reload())
        if view_of(page.url) != s.view:
            s.errors.append(f"view changed: {s.view} -> {view_of(page.url)}")
        elif await page.locator('[data-testid="stException"]').count():
            s.errors.append("an exception is shown after reload")
        else:
            s.held = True
    except Exception as exc:
        s.errors.append(f"reload: {type(exc).__name__}: {str(exc).splitlines()[0]}")


async def warm(browser, base: str, timeout_ms: float) -> None:
    """Open / once on each replica, so app.py has run in every process before any deep link.

    Streamlit 1.67 resolves a deep link such as /compare against the pages/ folder (running
    pages/compare.py without app.py, so the URL view is not read) until the process has run
    app.py and its st.navigation once. --warm hides that to test the proxy alone."""
    host = urlsplit(base).hostname
    page = await browser.new_page()
    for port in REPLICA_PORTS:
        await page.goto(f"http://{host}:{port}/", wait_until="domcontentloaded")
        await page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=timeout_ms)
        await settle(page, timeout_ms)
    await page.close()


def kill_replica(pid_file: Path) -> int:
    """SIGKILL (a crash, not a clean shutdown) the replica scale_out.sh recorded, and only it."""
    pid = int(pid_file.read_text())
    if b"streamlit" not in Path(f"/proc/{pid}/cmdline").read_bytes():
        raise SystemExit(f"pid {pid} from {pid_file} is not a Streamlit replica; not killing")
    os.kill(pid, signal.SIGKILL)
    return pid


def percentiles(values: list[float]) -> str:
    """Nearest-rank p50/p90 and max, in seconds."""
    if not values:
        return "no samples"
    ordered = sorted(values)

    def rank(q: int) -> float:
        return ordered[max(0, -(-len(ordered) * q // 100) - 1)]

    return (f"p50 {rank(50):5.2f}s  p90 {rank(90):5.2f}s  max {ordered[-1]:5.2f}s"
            f"  (n={len(ordered)})")


async def run(args: argparse.Namespace) -> list[Session]:
    base = args.url
    sessions = [Session(n) for n in range(args.sessions)]
    timeout_ms = args.step_timeout * 1000
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            if args.warm:
                await warm(browser, base, timeout_ms)
            await asyncio.gather(*(journey(s, browser, base, timeout_ms) for s in sessions))
            pid = kill_replica(args.kill_pid_file)
            print(f"killed replica pid {pid} ({args.kill_pid_file.name}) with "
                  f"{sum(args.kill_port in s.replica for s in sessions)} of {len(sessions)} "
                  "sessions on it")
            await asyncio.sleep(args.pause)  # let browsers notice the dropped websocket
            await asyncio.gather(*(recover(s, timeout_ms) for s in sessions))
        finally:
            await browser.close()
    return sessions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8600", help="the proxy (127.x only)")
    parser.add_argument("--sessions", type=int, default=4, help=f"1..{MAX_SESSIONS}")
    parser.add_argument("--kill-port", default="8601", help="replica to kill mid-run")
    parser.add_argument("--run-dir", type=Path,
                        default=Path(os.environ.get("RUN_DIR", "/tmp/atlas-scale-out")))
    parser.add_argument("--step-timeout", type=float, default=60, help="seconds per step")
    parser.add_argument("--deadline", type=float, default=300, help="seconds for the whole run")
    parser.add_argument("--pause", type=float, default=3, help="seconds between kill and reload")
    parser.add_argument("--warm", action="store_true",
                        help="open / on each replica first (see warm())")
    args = parser.parse_args()
    args.url = loopback(args.url)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        raise SystemExit(f"--sessions must be 1..{MAX_SESSIONS}")
    args.kill_pid_file = args.run_dir / f"replica-{args.kill_port}.pid"

    print(f"{args.sessions} sessions via {args.url}{' (replicas warmed)' if args.warm else ''}")
    started = time.perf_counter()
    sessions = asyncio.run(asyncio.wait_for(run(args), args.deadline))
    elapsed = time.perf_counter() - started

    for s in sessions:
        status = "held" if s.held else "LOST"
        steps = " ".join(f"{k} {v:.2f}s" for k, v in s.times.items())
        print(f"session {s.n}: {status:4}  replica {s.replica} -> {s.after}  {steps}")
        for error in s.errors:
            print(f"    error: {error}")
    for view in {repr(s.view) for s in sessions if s.view}:
        print(f"view kept in the URL: {view}")
    print(f"sessions held: {sum(s.held for s in sessions)}/{len(sessions)}   "
          f"links honoured: {sum(s.link_kept for s in sessions)}/{len(sessions)}   "
          f"errors: {sum(len(s.errors) for s in sessions)}   run: {elapsed:.1f}s")
    for step in ("open", "switch", "back", "reload"):
        print(f"{step:7} {percentiles([s.times[step] for s in sessions if step in s.times])}")
    print(f"{'all':7} {percentiles([v for s in sessions for v in s.times.values()])}")
    raise SystemExit(0 if all(s.held and not s.errors for s in sessions) else 1)


if __name__ == "__main__":
    main()
