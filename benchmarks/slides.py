"""Slide changes in presenter mode, timed in Chromium (not a test; docs/performance.md).

    .venv/bin/python benchmarks/slides.py URL [--rounds N] [--lang zh]

URL is a running dashboard (e.g. ``make run``'s http://localhost:8501). The bundled deck is
walked once to warm the server's caches, then ``--rounds`` times with ▶: each step times the
click to the moment the next slide's title is shown and the block it leads with is drawn
(its chart's lines, markers, bars or map; quoted facts as text), and the click to the end of
the run. The warm-up names any slide whose lead starts below the fold. Prints the median and
the range per slide.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

from dashboard import registry
from dashboard.deck import decks, slide_params
from dashboard.devtools.server import CHROMIUM, CHROMIUM_ARGS

URLS = {p.key: "/" if i == 0 else f"/{p.path}" for i, p in enumerate(registry.pages())}
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# The slide's lead block (ui.embed) drawn: its chart's lines, markers, bars or map canvas, or
# its text when it leads with quoted facts; and whether it starts above the fold.
LEAD = '[data-testid="stMain"] .st-key-atlas-lead'
LEAD_DRAWN = """
lead => {
    // Before slides had a lead (the first commits of docs/performance.md): the first chart.
    const box = document.querySelector(lead) || document.querySelector(
        '[data-testid="stMain"] [data-testid="stPlotlyChart"]')?.parentElement;
    if (!box) return false;
    if (box.querySelector('[data-testid="stPlotlyChart"]'))
        return Boolean(box.querySelector(
            'path.js-line, .point, .bars path, canvas.maplibregl-canvas'));
    return Boolean(box.querySelector('[data-testid="stMarkdownContainer"]'));
}
"""
ABOVE_THE_FOLD = """
lead => (document.querySelector(lead) || document.querySelector(
    '[data-testid="stMain"] [data-testid="stPlotlyChart"]'))
    .getBoundingClientRect().top < window.innerHeight - 300
"""


def walk(page, base: str, lang: str, rounds: int) -> dict[int, list[tuple[float, float]]]:
    deck = decks()[0]
    times: dict[int, list[tuple[float, float]]] = {n: [] for n in range(2, len(deck.slides) + 1)}
    for round_ in range(rounds + 1):  # round 0 warms the server's caches
        page.goto(f"{base}{URLS[deck.slides[0].page]}?"
                  + urlencode(slide_params(deck, 1, lang)))
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_function(LEAD_DRAWN, arg=LEAD, timeout=60_000)
        for number in range(2, len(deck.slides) + 1):
            title = deck.slides[number - 1].title(lang)
            start = time.perf_counter()
            page.get_by_role("button", name="▶").click()
            page.get_by_text(f"{number}/{len(deck.slides)} · {title}").wait_for(timeout=60_000)
            page.wait_for_function(LEAD_DRAWN, arg=LEAD, timeout=60_000, polling=16)
            shown = time.perf_counter() - start
            page.wait_for_selector(IDLE, timeout=60_000)
            done = time.perf_counter() - start
            if round_:
                times[number].append((shown, done))
            elif not page.evaluate(ABOVE_THE_FOLD, LEAD):
                print(f"slide {number}: the lead starts below the fold")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        times = walk(page, args.url.rstrip("/"), args.lang, args.rounds)
        browser.close()
    print("slide  lead shown: median (min–max) s    run finished: median (min–max) s")
    for number, runs in times.items():
        shown, done = [r[0] for r in runs], [r[1] for r in runs]
        print(f"{number:>5}  {statistics.median(shown):.2f} ({min(shown):.2f}–{max(shown):.2f})"
              f"{'':17}{statistics.median(done):.2f} ({min(done):.2f}–{max(done):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
