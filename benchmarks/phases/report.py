"""The printed table: every phase's figures, and the ratios to the floors measured in the
same run."""

from __future__ import annotations

from typing import Any

from dashboard.devtools.stats import pct

from .apptest import SCALED, TARGET_RERUN_X_FLOOR, TARGET_SCALE_X
from .browser import TARGET_FIGURES_X, TARGET_MB_PER_SESSION, TARGET_TITLE_X, VARIANTS
from .common import median
from .interact import CONTROLS, TARGET_INTERACT_X, TARGET_SWITCH_X


def fmt(seconds: float | None, digits: int = 3) -> str:
    if seconds is None:
        return "—"
    if seconds >= 10:
        return f"{seconds:.1f}"
    return f"{seconds:.{digits}f}"


def page_cell(page: dict | None, field: str) -> str:
    if not page:
        return "—"
    value = median(page.get(field, []))
    if value is None:
        return f"> {page.get('limit_s', 0):.0f}" if page.get("timed_out") else "—"
    return fmt(value)


def timeout_note(page: dict | None, label: str) -> list[str]:
    if page and page.get("timed_out"):
        return [f"{label}stopped after {page['limit_s']:.0f} s in {page.get('stage', 'start')}"]
    return []


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "MISSED")


def times_x(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}×"


def interact_report(res: dict[str, Any]) -> list[str]:
    """What a person waits for, each page against its floor in the same run."""
    lines = []
    tables = (("interact", "control changed → the chart (data: the row count) shows it",
               TARGET_INTERACT_X, "; ".join(f"{k}: {c.kind} {c.label}".strip()
                                            for k, c in CONTROLS.items())),
              ("switch", "sidebar click → the page's first chart drawn (first = the page's "
               "first visit in the tab)", TARGET_SWITCH_X, "floor: a title page → a chart page"))
    for kind, what, target, how in tables:
        rows = res.get(kind, {})
        floor = rows.get("(floor)", [])
        floor = floor[1:] if kind == "switch" else floor
        f50, f90 = pct(floor, 50), pct(floor, 90)
        lines.append(f"Browser, {'interactions' if kind == 'interact' else 'page switches'}: "
                     f"{what}; seconds, median and p90 of {len(floor)}; target ≤ {target}× the "
                     f"floor ({how})")
        head = (f"{'page':<12} {'first':>7} {'median':>7} {'p90':>7} {'×floor':>7} "
                f"{'p90×':>7} {f'≤{target}×':>7}")
        lines.append(head)
        for name, times in rows.items():
            first = times[0] if kind == "switch" and times else None
            times = times[1:] if kind == "switch" else times
            m50, m90 = pct(times, 50), pct(times, 90)
            x50 = m50 / f50 if m50 and f50 else None
            x90 = m90 / f90 if m90 and f90 else None
            ok = None if x50 is None or x90 is None else max(x50, x90) <= target
            lines.append(f"{name:<12} {fmt(first):>7} {fmt(m50):>7} {fmt(m90):>7} "
                         f"{times_x(x50):>7} {times_x(x90):>7} "
                         f"{'(floor)' if name == '(floor)' else verdict(ok):>7}")
        lines.append("")
    for error in res.get("errors", []):
        lines.append(f"not measured: {error}")
    return lines


def report(res: dict[str, Any]) -> str:
    lines: list[str] = []
    add = lines.append
    m = res["machine"]
    add(f"Innovation Atlas benchmark · {res['when']} · data {res['data_dir']}")
    add(f"machine: {m.get('nproc')} cores (nproc), {m.get('ram_gib')} GiB RAM, {m.get('cpu')}, "
        f"Python {m.get('python')}, Streamlit {m.get('streamlit')}, pandas {m.get('pandas')}, "
        f"plotly {m.get('plotly')}, pyarrow {m.get('pyarrow')}"
        + (f", Chromium {res['browser']['chromium']}" if res.get("browser", {}).get("chromium")
           else ""))
    add("")
    data = res.get("data", {})
    app = res.get("apptest", {})
    scaled = res.get("scaled", {})
    add(f"Data layer (seconds)                      real                {SCALED}")
    add(f"  observations                            {data.get('observations', '—'):<19} "
        f"{scaled.get('observations', '—')}")
    add(f"  import dashboard (fresh process)        {fmt(data.get('import_s'))}")
    add(f"  load_dataset() cold (fresh process)     {fmt(data.get('load_s')):<19} "
        f"{fmt(scaled.get('load_s'))}")
    add(f"  query.facts() (median)                  {fmt(median(data.get('facts_s', []))):<19} "
        f"{fmt(scaled.get('facts_s'))}")
    if scaled.get("generate_s") is not None:
        add(f"  write the {SCALED} package (scale_data.py)                       "
            f"{fmt(scaled.get('generate_s'))}")
    add("")

    floor = median(app.get("floor_warm", []))
    add("AppTest, seconds (medians; first = new session opening the page's URL, warm = rerun "
        "after the change shown, cpu = its")
    add("CPU time, new = rerun after a change to a value not shown before in the process, so "
        "nothing memoised serves it;")
    add(f"switch = from another page). Floor = empty app rerun. Targets: warm ≤ "
        f"{TARGET_RERUN_X_FLOOR}× floor; {SCALED} warm ≤ {TARGET_SCALE_X}× real warm.")
    head = (f"{'page':<10} {'first':>7} {'warm':>7} {'cpu':>7} {'new':>7} {'switch':>7} "
            f"{'×floor':>7} "
            f"{'≤25×':>6} {SCALED + ' warm':>10} {'×real':>6} {'≤2×':>6}  change / problems")
    add(head)
    add("-" * len(head))
    add(f"{'(empty)':<10} {fmt(app.get('floor_first')):>7} {fmt(floor):>7} "
        f"{fmt(median(app.get('floor_cpu', []))):>7}")
    scaled_pages = scaled.get("pages", {})
    for key, page in app.get("pages", {}).items():
        warm = median(page.get("warm", []))
        ratio = warm / floor if warm and floor else None
        big = scaled_pages.get(key)
        big_warm = median(big.get("warm", [])) if big else None
        x_real = big_warm / warm if big_warm and warm else None
        if big and big_warm is None and big.get("timed_out"):
            scale_ok: bool | None = False
        else:
            scale_ok = None if x_real is None else x_real <= TARGET_SCALE_X
        notes = page.get("change", "")
        problems = (page.get("problems", []) + timeout_note(page, "")
                    + ([f"{SCALED}: {p}" for p in big.get("problems", [])] if big else [])
                    + timeout_note(big, f"{SCALED}: "))
        if problems:
            notes += " · " + " | ".join(problems[:2])
        add(f"{key:<10} {page_cell(page, 'first'):>7} {page_cell(page, 'warm'):>7} "
            f"{page_cell(page, 'warm_cpu'):>7} {page_cell(page, 'new'):>7} "
            f"{page_cell(page, 'switch'):>7} {fmt(ratio, 0) if ratio else '—':>7} "
            f"{verdict(None if ratio is None else ratio <= TARGET_RERUN_X_FLOOR):>6} "
            f"{page_cell(big, 'warm'):>10} {fmt(x_real, 1) if x_real else '—':>6} "
            f"{verdict(scale_ok):>6}  {notes}")
    add(f"first session of a process with the data cached (overview): "
        f"{fmt(app.get('first_session_s'))} s; {SCALED} data: "
        f"{fmt(scaled.get('first_session_s'))} s")
    if scaled.get("error"):
        add(f"{SCALED} data not measured: {scaled['error']}")
    add("")

    browser = res.get("browser", {})
    if browser:
        add(f"Server cold start, seconds since the server process started (median of "
            f"{len(browser.get('app', []))}); the tab is open before the server starts; "
            "paint = the browser's first contentful paint; ×empty = ÷ the empty app's title in "
            f"this run; targets: the landing page's title ≤ {TARGET_TITLE_X}× and its headline "
            f"figures ≤ {TARGET_FIGURES_X}× the empty app's title; "
            "visit→figures = from the browser opening the address")
        add(f"{'start':<10} {'health ok':>10} {'paint':>8} {'title':>8} {'figures':>8} "
            f"{'chart':>8} {'title×':>7} {'figs×':>7} {f'≤{TARGET_TITLE_X}×':>7} "
            f"{f'≤{TARGET_FIGURES_X}×':>7} {'visit→figures':>14}")
        empty_title = median([r["title_s"] for r in browser.get("empty", []) if "error" not in r])
        for name, (_, _, _, settle) in VARIANTS.items():
            runs = [r for r in browser.get(name, []) if "error" not in r]
            errors = [r["error"] for r in browser.get(name, []) if "error" in r]
            health = median([r["health_s"] for r in runs])
            paint = median([r["fcp_s"] for r in runs if r.get("fcp_s") is not None])
            title = median([r["title_s"] for r in runs])
            figures = median([r["figures_s"] for r in runs if "figures_s" in r])
            chart = median([r["chart_s"] for r in runs if "chart_s" in r])
            # the empty app has no figures: its title is its first paint
            from_visit = median([r.get("figures_s", r["title_s"]) - r["visit_s"] for r in runs])
            kind = next((r["chart_kind"] for r in runs if "chart_kind" in r), "")
            ratios = [None if v is None or not empty_title else v / empty_title
                      for v in (title, figures)]
            marks = ["(floor)" if name == "empty" else "—" if settle else verdict(
                None if ratio is None else ratio <= limit)
                for ratio, limit in zip(ratios, (TARGET_TITLE_X, TARGET_FIGURES_X), strict=True)]
            add(f"{name:<10} {fmt(health):>10} {fmt(paint):>8} {fmt(title):>8} {fmt(figures):>8} "
                f"{fmt(chart):>8} {times_x(ratios[0]):>7} {times_x(ratios[1]):>7} "
                f"{marks[0]:>7} {marks[1]:>7} {fmt(from_visit):>14}  {kind}"
                f"{' · ' + errors[0] if errors else ''}")
        add("(empty = a one-title app; app = `streamlit run app.py`; served = "
            "`python -m dashboard.serve`, as `make run` and the Dockerfile start it; settled = "
            f"served, first visit {VARIANTS['settled'][3]:.0f} s after the health check, as when "
            "a server is up before its audience arrives)")
        rss = browser.get("rss")
        if rss:
            n = rss["sessions"]
            add("")
            add(f"Server RSS on /compare: start {rss['rss_start_mb']:.0f} MB (one overview "
                f"session seen), 1 session {rss['rss_1_mb']:.0f} MB, {n} sessions "
                f"{rss[f'rss_{n}_mb']:.0f} MB → {rss['mb_per_session']:.1f} MB per extra "
                f"session (target ≤ {TARGET_MB_PER_SESSION}): "
                f"{verdict(rss['mb_per_session'] <= TARGET_MB_PER_SESSION)}")
            add(f"  first /compare session drawn in {fmt(rss['compare_first_chart_s'])} s on "
                f"the warm server; {n - 1} more sessions all drawn in "
                f"{fmt(rss['all_sessions_drawn_s'])} s")
    interact = res.get("interact")
    if interact:
        add("")
        lines.extend(interact_report(interact))
    add("")
    add(f"whole benchmark: {res['elapsed_s']:.0f} s; load average before {res['load_before']}, "
        f"after {res['load_after']} (other work on the machine inflates wall times; "
        "the cpu column is less affected)")
    return "\n".join(lines)
