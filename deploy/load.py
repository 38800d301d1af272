"""Load test of a hosted atlas: N sessions speaking Streamlit's own websocket protocol.

A browser is too heavy to open 100 sessions on two cores, so each session here is what the
frontend sends and receives, without drawing: it fetches the page (which picks the replica,
through the proxy's cookie), opens ``/_stcore/stream``, sends the ``BackMsg`` a browser sends
to run the page with the link's query string, and reads ``ForwardMsg`` messages until the
script has finished; an interaction sends the new value of one widget, as the frontend does
when a control changes. tests/test_load.py checks that the same URL gives the same charts,
chart titles and headings here and in Chromium.

    .venv/bin/python deploy/load.py --url http://127.0.0.1:8501 --sessions 3  # one server
    deploy/scale_out.sh start && .venv/bin/python deploy/load.py --scenario --sessions 100

``--scenario`` runs, against the replicas and the proxy that deploy/scale_out.sh started:
one session through the proxy (the reference), rising load on one replica (the knee: sessions
before p95 passes 1 s), the floor app (benchmarks/floor_app.py, one select box and one chart)
at the knee's top step on a server of its own, then ``--sessions`` through the proxy with one
replica SIGKILLed partway: its sessions reconnect and rebuild their view from the URL on the
survivor, as a browser does. Loopback only; every wait has a time limit, every loop a count.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import signal
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from dashboard.devtools.server import ROOT, serve
from dashboard.devtools.stats import pct, rss_mb

FLOOR_APP = ROOT / "benchmarks" / "floor_app.py"
REPLICA_PORTS = ("8601", "8602")  # as started by deploy/scale_out.sh
MAX_SESSIONS = 200
MAX_INTERACTIONS = 20
KNEE_P95_S = 1.0
FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
WIDGETS = ("selectbox", "radio", "slider", "multiselect", "checkbox",
           "button_group", "button", "toggle")


@dataclass(frozen=True)
class Link:
    """A shared link (page and query string) and the control its viewers change."""

    page: str
    query: str
    control: str  # the widget's key


# What a presenter hands a room: Compare, Clusters and the China map at city level. The load
# test's only list of pages: --page, the scenario and tests/test_load.py all read it.
LINKS = (
    Link("compare", "places=CN-440100,CN-110000,CN-310000&indicator=rd_expenditure",
         "compare.indicator"),
    Link("clusters", "", "clusters.year"),
    Link("china_map", "level=city&indicator=gdp", "china_map.year"),
)
FLOOR_LINK = Link("", "", "floor.choice")


class Lost(Exception):
    """The server went away (the websocket closed or could not open)."""


@dataclass
class Render:
    """What one script run showed."""

    seconds: float
    headings: list[str] = field(default_factory=list)
    chart_titles: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    query: str = ""  # the URL's query string once the run finished
    runs: int = 1  # script runs until the last one finished (a run may rerun itself)


def chart_title(spec: str) -> str:
    title = json.loads(spec).get("layout", {}).get("title", {})
    return title.get("text", "") if isinstance(title, dict) else str(title)


class Session:
    """One visitor's tab, at the protocol level: its cookie, websocket and widgets."""

    def __init__(self, base: str, link: Link, timeout: float):
        self.base = base
        self.page = link.page
        self.query = link.query
        self.timeout = timeout
        # The proxy's affinity cookie, chosen here as a browser keeps the one it was given.
        self.cookie = f"atlas_route={random.getrandbits(64):016x}"
        self.replica = "?"
        self.page_hash = ""
        # key → (id, kind, options, the option shown)
        self.widgets: dict[str, tuple[str, str, list[str], str]] = {}
        self.ws: websockets.ClientConnection | None = None

    async def connect(self) -> None:
        """GET the page (the proxy picks the replica), then open the session's websocket."""
        def get() -> str:
            request = urllib.request.Request(f"{self.base}/{self.page}",
                                             headers={"Cookie": self.cookie})
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
                return response.headers.get("X-Atlas-Replica", urlsplit(self.base).netloc)

        try:
            self.replica = await asyncio.to_thread(get)
            self.ws = await websockets.connect(
                self.base.replace("http://", "ws://") + "/_stcore/stream",
                subprotocols=[websockets.Subprotocol("streamlit")], origin=self.base,
                additional_headers={"Cookie": self.cookie}, max_size=None,
                open_timeout=self.timeout, ping_interval=None)
        except (OSError, websockets.InvalidHandshake, TimeoutError) as exc:
            raise Lost(f"connect: {type(exc).__name__}: {exc}") from exc

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def open(self) -> Render:
        """Run the page with the URL's query string, as a browser opening (or reloading) it."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_name = self.page
        return await self._run(msg)

    async def change(self, key: str, rng: random.Random) -> Render:
        """Give widget ``key`` another of its options, as a click on the control would."""
        widget_id, kind, options, current = self.widgets[key]
        value = rng.choice([o for o in options if o != current] or options)
        state = WidgetState(id=widget_id)
        if kind in ("selectbox", "radio"):
            state.string_value = value
        else:
            state.string_array_value.data.append(value)
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.page_name = self.page
        msg.rerun_script.widget_states.widgets.append(state)
        render = await self._run(msg)
        if key in self.widgets:  # the server echoes only values it set itself
            self.widgets[key] = (*self.widgets[key][:3], value)
        return render

    async def _run(self, msg: BackMsg) -> Render:
        if self.ws is None:
            raise Lost("not connected")
        start = time.perf_counter()
        render = Render(0.0, runs=0)
        try:
            await self.ws.send(msg.SerializeToString())
            async with asyncio.timeout(self.timeout):
                while True:
                    forward = ForwardMsg()
                    forward.ParseFromString(await self.ws.recv())
                    kind = forward.WhichOneof("type")
                    if kind == "new_session":
                        # a new run of the script starts: what the last one drew is replaced
                        render = Render(0.0, runs=render.runs + 1)
                        self.page_hash = forward.new_session.page_script_hash
                    elif kind == "delta":
                        self._element(forward, render)
                    elif kind == "page_info_changed":
                        self.query = forward.page_info_changed.query_string
                    elif kind == "navigation":
                        self.page_hash = forward.navigation.page_script_hash
                    elif kind == "script_finished" and forward.script_finished == FINISHED:
                        break
        except websockets.ConnectionClosed as exc:
            raise Lost(f"websocket closed: {exc}") from exc
        render.seconds = time.perf_counter() - start
        render.query = self.query
        return render

    def _element(self, forward: ForwardMsg, render: Render) -> None:
        delta = forward.delta
        if delta.WhichOneof("type") != "new_element":
            return
        kind = delta.new_element.WhichOneof("type")
        element = getattr(delta.new_element, kind)
        if kind == "heading":
            render.headings.append(element.body)
        elif kind == "plotly_chart":
            render.chart_titles.append(chart_title(element.spec))
        elif kind == "exception":
            render.exceptions.append(f"{element.type}: {element.message}"[:200])
        if kind in WIDGETS and element.id:
            key = element.id.split("-", 2)[-1]  # keyed widgets' ids end with their key
            # a segmented control's options are messages; its value is their text
            options = [getattr(o, "content", o) for o in getattr(element, "options", [])]
            self.widgets[key] = (element.id, kind, options, shown_option(kind, element, options))


def shown_option(kind: str, element: Any, options: list[str]) -> str:
    """The option a select box, radio or select slider shows: the value the server set (a
    keyed widget's state, a link's value), else its default."""
    if kind in ("selectbox", "radio"):
        if element.set_value and element.raw_value:
            return element.raw_value
        index = element.default if element.HasField("default") else None
    elif kind == "slider":
        if element.set_value and element.raw_value:
            return element.raw_value[0]
        index = next(iter(element.default), None)
    else:
        return ""
    return options[int(index)] if index is not None and 0 <= index < len(options) else ""


@dataclass
class Visitor:
    """One session's record in a load run."""

    n: int
    link: Link
    replica: str = "?"
    after: str = ""  # the replica it reconnected to
    first: list[float] = field(default_factory=list)
    interactions: list[float] = field(default_factory=list)
    recovered: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lost: bool = False


async def visit(v: Visitor, base: str, interactions: int, think: tuple[float, float],
                timeout: float, seed: int) -> None:
    """Open the link, then change its control ``interactions`` times with think time; if the
    server goes away, reconnect once and rebuild the view from the URL, as a browser does."""
    rng = random.Random(seed)
    session = Session(base, v.link, timeout)
    done = 0
    reconnected = False
    try:
        await session.connect()
        v.replica = session.replica
        render = await session.open()
        v.first.append(render.seconds)
        check(v, render)
        while done < interactions:
            await asyncio.sleep(rng.uniform(*think))
            try:
                if v.link.control not in session.widgets:
                    v.errors.append(f"no widget {v.link.control} on {v.link.page or 'floor'}")
                    return
                render = await session.change(v.link.control, rng)
                v.interactions.append(render.seconds)
                check(v, render)
                done += 1
            except Lost:
                if reconnected:
                    raise
                reconnected = True
                await session.close()
                t0 = time.perf_counter()
                # Back off as the frontend does before reconnecting, then a new session on
                # whichever replica the proxy now picks, from the URL the tab shows.
                await asyncio.sleep(rng.uniform(0.5, 1.5))
                session = Session(base, Link(v.link.page, session.query, v.link.control),
                                  timeout)
                await session.connect()
                v.after = session.replica
                render = await session.open()
                v.recovered.append(time.perf_counter() - t0)
                check(v, render)
    except (Lost, TimeoutError) as exc:
        v.lost = True
        v.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        await session.close()


def check(v: Visitor, render: Render) -> None:
    """A render counts as an error if it shows an exception or no chart."""
    v.errors += render.exceptions
    if not render.chart_titles:
        v.errors.append(f"no chart on {v.link.page or 'floor'}")


async def load(base: str, sessions: int, links: Sequence[Link], interactions: int,
               think: tuple[float, float], ramp: float, timeout: float,
               kill: tuple[Path, float] | None = None,
               peaks: dict[int, float] | None = None) -> list[Visitor]:
    """``sessions`` visitors arriving over ``ramp`` seconds; with ``kill`` = (pid file,
    seconds), that replica is SIGKILLed that long after the first arrival; ``peaks`` (pid →
    MB) collects the highest RSS of those processes, sampled every second."""
    visitors = [Visitor(n, links[n % len(links)]) for n in range(sessions)]

    async def arrive(v: Visitor) -> None:
        await asyncio.sleep(ramp * v.n / max(sessions, 1))
        await visit(v, base, interactions, think, timeout, seed=v.n)

    async def killer(pid_file: Path, after: float) -> None:
        await asyncio.sleep(after)
        pid = kill_replica(pid_file)
        print(f"  killed pid {pid} ({pid_file.stem}) at {after:.0f} s", file=sys.stderr)

    async def sample(done: asyncio.Event) -> None:
        while not done.is_set():
            for pid in peaks or {}:
                peaks[pid] = max(peaks[pid], rss_mb(pid) or 0.0)
            await asyncio.sleep(1)

    done = asyncio.Event()
    sampler = asyncio.create_task(sample(done))
    tasks = [arrive(v) for v in visitors]
    if kill:
        tasks.append(killer(*kill))
    await asyncio.gather(*tasks)
    done.set()
    await sampler
    return visitors


def kill_replica(pid_file: Path) -> int:
    """SIGKILL (a crash, not a clean shutdown) the replica scale_out.sh recorded, and only it."""
    pid = int(pid_file.read_text())
    if b"dashboard.serve" not in Path(f"/proc/{pid}/cmdline").read_bytes():
        raise SystemExit(f"pid {pid} from {pid_file} is not a replica; not killing")
    os.kill(pid, signal.SIGKILL)
    return pid


# ----------------------------------------------------------------------------------------------
# figures


@dataclass
class Summary:
    sessions: int
    first_p50: float | None
    first_p95: float | None
    p50: float | None
    p95: float | None
    interactions: int
    errors: int
    lost: int
    moved: int
    recovered_p95: float | None

    @classmethod
    def of(cls, visitors: Sequence[Visitor]) -> Summary:
        first = [t for v in visitors for t in v.first]
        inter = [t for v in visitors for t in v.interactions]
        rec = [t for v in visitors for t in v.recovered]
        return cls(len(visitors), pct(first, 50), pct(first, 95), pct(inter, 50),
                   pct(inter, 95), len(inter), sum(len(v.errors) for v in visitors),
                   sum(v.lost for v in visitors), len(rec), pct(rec, 95))

    def line(self, name: str) -> str:
        def s(x: float | None) -> str:
            return "—" if x is None else f"{x * 1000:,.0f}"

        return (f"{name:<34} {self.sessions:>4} {s(self.first_p50):>7} {s(self.first_p95):>7} "
                f"{s(self.p50):>7} {s(self.p95):>7} {self.interactions:>5} {self.errors:>4} "
                f"{self.lost:>4} {self.moved:>5} {s(self.recovered_p95):>8}")


HEADER = (f"{'run':<34} {'sess':>4} {'1st p50':>7} {'1st p95':>7} {'int p50':>7} "
          f"{'int p95':>7} {'n':>5} {'err':>4} {'lost':>4} {'moved':>5} {'rec p95':>8}"
          "   (ms)")


def print_errors(visitors: Sequence[Visitor], limit: int = 8) -> None:
    shown = 0
    for v in visitors:
        for error in v.errors:
            if shown < limit:
                print(f"    session {v.n} ({v.link.page or 'floor'}): {error}")
            shown += 1
    if shown > limit:
        print(f"    … and {shown - limit} more errors")


# ----------------------------------------------------------------------------------------------
# the scenario


def loopback(url: str) -> str:
    """Refuse anything but an http://127.x.y.z target."""
    parts = urlsplit(url)
    try:
        address = ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        address = None
    if parts.scheme != "http" or address is None or address.version != 4 or not address.is_loopback:
        raise SystemExit(f"refusing {url!r}: only http://127.x.y.z targets are allowed")
    return url.rstrip("/")


def scenario(args: argparse.Namespace) -> int:
    host = urlsplit(args.url).hostname
    replicas = {port: f"http://{host}:{port}" for port in REPLICA_PORTS}
    pids = {port: int((args.run_dir / f"replica-{port}.pid").read_text())
            for port in REPLICA_PORTS}
    kw = {"interactions": args.interactions, "think": args.think, "timeout": args.step_timeout}
    steps = [n for n in args.knee if n <= args.sessions] or [args.sessions]
    rows: list[tuple[str, Summary]] = []
    placed: dict[str, list[str]] = {}  # run → the replica each session first reached

    def run(name: str, base: str, n: int, links: Sequence[Link], **extra) -> Summary:
        print(f"  {name} …", file=sys.stderr, flush=True)
        visitors = asyncio.run(load(base, n, links, ramp=args.ramp, **kw, **extra))
        summary = Summary.of(visitors)
        rows.append((name, summary))
        placed.update({name: [v.replica for v in visitors]})
        print(summary.line(name), flush=True)
        print_errors(visitors)
        return summary

    print(HEADER)
    # Each replica runs every link once, so no figure below includes a process's first run.
    for url in replicas.values():
        asyncio.run(load(url, len(LINKS), LINKS, 0, (0, 0), 0, args.step_timeout))
    single = run("1 session via the proxy", args.url, 1, LINKS)
    knee = None
    for n in steps:
        step = run(f"{n} sessions on one replica", replicas[REPLICA_PORTS[1]], n, LINKS)
        if step.p95 is not None and step.p95 <= KNEE_P95_S:
            knee = n
    with serve(FLOOR_APP) as floor_server:
        floor_url = floor_server.url
        asyncio.run(load(floor_url, 1, [FLOOR_LINK], 0, (0, 0), 0, args.step_timeout))
        floor = run(f"floor app, {steps[-1]} sessions", floor_url, steps[-1], [FLOOR_LINK])
    rss_before = {port: rss_mb(pid) for port, pid in pids.items()}
    peaks = dict.fromkeys(pids.values(), 0.0)
    killed = args.run_dir / f"replica-{args.kill_port}.pid"
    main = run(f"{args.sessions} via the proxy, kill {args.kill_port}", args.url, args.sessions,
               LINKS, kill=(killed, args.kill_after), peaks=peaks)
    rss_after = {port: rss_mb(pid) for port, pid in pids.items()}

    print()
    print("RSS per replica (MB) before / highest during / after the main run: " + ", ".join(
        f"{port} {fmt_mb(rss_before[port])} / {fmt_mb(peaks[pid])} / {fmt_mb(rss_after[port])}"
        for port, pid in pids.items()))
    print(f"knee: {knee if knee else '< ' + str(steps[0])} sessions on one replica with "
          f"interaction p95 ≤ {KNEE_P95_S:g} s (steps {', '.join(map(str, steps))})")
    if step.p95 and floor.p95:  # the last step: as many sessions as the floor had
        print(f"atlas ÷ floor at {steps[-1]} sessions on one replica, interaction p95: "
              f"{step.p95 / floor.p95:.1f}× (target ≤ 3×)")
    if main.p95 and single.p95:
        print(f"main run ÷ one session, interaction p95: {main.p95 / single.p95:.1f}× "
              "(target ≤ 4×)")
    on_killed = sum(r.endswith(f":{args.kill_port}") for r in placed[rows[-1][0]])
    print(f"main run: {on_killed} of {main.sessions} sessions started on {args.kill_port}; "
          f"{main.errors} errors, {main.lost} sessions lost, {main.moved} moved to the survivor "
          "(targets: 0 and 0)")
    print(f"load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    return 0 if main.errors == 0 and main.lost == 0 else 1


def fmt_mb(value: float | None) -> str:
    return "gone" if value is None else f"{value:.0f}"


def parse_think(text: str) -> tuple[float, float]:
    low, _, high = text.partition(",")
    return float(low), float(high or low)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8600",
                        help="the server or proxy (127.x only)")
    parser.add_argument("--sessions", type=int, default=3, help=f"1..{MAX_SESSIONS}")
    parser.add_argument("--interactions", type=int, default=5, help="per session, after opening")
    parser.add_argument("--think", type=parse_think, default=(3.0, 8.0),
                        help="seconds between interactions, LOW,HIGH (default 3,8)")
    parser.add_argument("--ramp", type=float, default=5, help="seconds over which sessions arrive")
    parser.add_argument("--step-timeout", type=float, default=60, help="seconds per script run")
    parser.add_argument("--deadline", type=float, default=900, help="seconds for the whole run")
    parser.add_argument("--page", choices=[link.page for link in LINKS],
                        help="open only this link (default: all, round robin)")
    parser.add_argument("--scenario", action="store_true",
                        help="the replicas scenario (deploy/scale_out.sh start first)")
    parser.add_argument("--knee", type=lambda s: [int(n) for n in s.split(",")],
                        default=[10, 25, 50], help="scenario: sessions on one replica, in steps")
    parser.add_argument("--kill-port", default=REPLICA_PORTS[0], choices=REPLICA_PORTS)
    parser.add_argument("--kill-after", type=float, default=20,
                        help="scenario: seconds into the main run")
    parser.add_argument("--run-dir", type=Path,
                        default=Path(os.environ.get("RUN_DIR", "/tmp/atlas-scale-out")))
    parser.add_argument("--json", type=Path, help="write every session's record to this file")
    args = parser.parse_args(argv)
    args.url = loopback(args.url)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        raise SystemExit(f"--sessions must be 1..{MAX_SESSIONS}")
    if not 0 <= args.interactions <= MAX_INTERACTIONS:
        raise SystemExit(f"--interactions must be 0..{MAX_INTERACTIONS}")
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(f"deadline of {args.deadline:.0f} s hit"))
    signal.alarm(int(args.deadline))
    if args.scenario:
        return scenario(args)
    links = [link for link in LINKS if args.page in (None, link.page)]
    visitors = asyncio.run(load(args.url, args.sessions, links, args.interactions, args.think,
                                args.ramp, args.step_timeout))
    summary = Summary.of(visitors)
    print(HEADER)
    print(summary.line(f"{args.sessions} sessions"))
    print_errors(visitors)
    if args.json:
        args.json.write_text(json.dumps([v.__dict__ | {"link": v.link.__dict__}
                                         for v in visitors], indent=1))
    return 0 if summary.errors == 0 and summary.lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
