"""The protocol-level load generator (deploy/load.py) against a real server on loopback.

A small run must open every shared link and change its control without an error (what a
session sees through the protocol is checked against Chromium in tests/e2e/test_load_protocol.py).
"""

from __future__ import annotations

import asyncio
import importlib.util
import random
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from dashboard.devtools.server import serve

ROOT = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location("load", ROOT / "deploy" / "load.py")
load = sys.modules["load"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve() as atlas:
        yield atlas.url


def run_async(coroutine, limit: float = 180):
    """``asyncio.run`` in a thread of its own: the browser tests' Playwright keeps an event
    loop running in the main thread for the whole test session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(coroutine, limit)).result()


def session(url: str, link, coroutine):
    """Run ``coroutine(session)`` on a connected session, within a time limit."""
    async def go():
        s = load.Session(url, link, timeout=60)
        await s.connect()
        try:
            return await coroutine(s)
        finally:
            await s.close()

    return run_async(go())


def test_small_load_opens_every_link_and_changes_its_control(server: str) -> None:
    visitors = run_async(load.load(server, 3, load.LINKS, interactions=2, think=(0.1, 0.3),
                                   ramp=0.5, timeout=60))
    assert {v.link.page for v in visitors} == {link.page for link in load.LINKS}
    for v in visitors:
        assert v.errors == [] and not v.lost
        assert len(v.first) == 1 and len(v.interactions) == 2
    summary = load.Summary.of(visitors)
    assert (summary.errors, summary.lost, summary.interactions) == (0, 0, 6)


@pytest.mark.parametrize("link", load.LINKS, ids=lambda link: link.page)
def test_a_control_change_reaches_the_url_and_the_chart(server: str, link) -> None:
    param = link.control.split(".")[-1]

    async def open_then_change(s):
        before = await s.open()
        after = await s.change(link.control, random.Random(0))
        return before, after, s.widgets[link.control][3]

    before, after, chosen = session(server, link, open_then_change)
    assert before.exceptions == [] and after.exceptions == []
    old, new = parse_qs(before.query)[param], parse_qs(after.query)[param]
    assert old != new  # the view is in the URL, so a reload rebuilds it
    assert after.chart_titles != before.chart_titles
    if param == "year":  # years are shown as they are written in the URL
        assert new == [chosen] and any(chosen in title for title in after.chart_titles)


def test_the_link_view_is_rebuilt_by_a_new_session(server: str) -> None:
    """What a reconnecting tab does after its replica died: a new session from the URL."""
    link = load.LINKS[0]

    async def changed(s):
        await s.open()
        return await s.change(link.control, random.Random(1))

    first = session(server, link, changed)
    again = session(server, load.Link(link.page, first.query, link.control),
                    lambda s: s.open())
    assert again.chart_titles == first.chart_titles
    assert parse_qs(again.query) == parse_qs(first.query)


def test_only_loopback_targets() -> None:
    with pytest.raises(SystemExit):
        load.loopback("http://example.org:8501")
    with pytest.raises(SystemExit):
        load.loopback("http://10.0.0.1:8501")
    assert load.loopback("http://127.0.0.1:8600/") == "http://127.0.0.1:8600"
