"""What a person sees in a real browser: every page draws, and the main journeys work end to end.

One `streamlit run` serves the whole session (see conftest.py); each test opens a fresh browser
context and leaves a full-page screenshot in test-artifacts/e2e/<test-name>.png.
"""

from __future__ import annotations

import csv
import io
import re
import time
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from dashboard import composite, levels, peer_groups
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir
from dashboard.deck import decks, slide_params
from dashboard.i18n import t
from dashboard.views import clusters, compare, profile, topics
from tests_support import URLS

pytestmark = pytest.mark.e2e
expect.set_options(timeout=10_000)  # a rerun on a busy 2-core machine can take a few seconds

APP = '[data-testid="stApp"]'
IDLE = f'{APP}[data-test-script-state="notRunning"]'
CHART = '[data-testid="stPlotlyChart"]'
FIRST_RUN_TIMEOUT = 60_000  # the first visit loads and validates the data package
RUN_TIMEOUT = 30_000
MAP_TIMEOUT = 15.0

# page key → url path: st.Page's default, the script's file name; "/" is the default page
# (Overview, titled with the app's name).
COMPARE = URLS["compare"]
HEADINGS = {"overview": "app_title"}

GUANGZHOU, BEIJING = "CN-440100", "CN-110000"
LANG_ZH = re.compile(r"[?&]lang=zh(&|$)")

# Counts runs that have finished, so an interaction can wait for *its* rerun, not a stale one.
# Counts finished script runs as the websocket delivers them. Watching the app's
# data-test-script-state attribute missed runs: on a busy machine React can batch "running" and
# "not running" into one render, so the attribute never changes. ForwardMsg's script_finished is
# field 6 (a varint); FINISHED_EARLY_FOR_RERUN (2) is not a finished run, a rerun follows it.
RUN_COUNTER = """
window.__atlasRuns = 0;
const varint = (b, i) => {
    let v = 0, s = 0, c;
    do { c = b[i++]; v += (c & 127) * 2 ** s; s += 7; } while (c & 128);
    return [v, i];
};
const finishedRun = data => {
    const b = new Uint8Array(data);
    let i = 0, tag, v;
    while (i < b.length) {
        [tag, i] = varint(b, i);
        const wire = tag % 8;
        if (wire === 0) { [v, i] = varint(b, i); if (tag >> 3 === 6) return v !== 2; }
        else if (wire === 2) { [v, i] = varint(b, i); i += v; }
        else if (wire === 1) i += 8;
        else if (wire === 5) i += 4;
        else return false;
    }
    return false;
};
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
        super(...args);
        this.addEventListener('message', e => {
            if (e.data instanceof ArrayBuffer && finishedRun(e.data)) window.__atlasRuns += 1;
        });
    }
};
"""

NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

# Per chart: is it drawn, and with what (lines, markers, bars, heatmap cells, a map canvas)?
CHART_SUMMARY = """
charts => charts.map(chart => {
    const drawn = d => d && d.length > 8 && !/^M0,0Z?$/.test(d);
    const paths = sel => [...chart.querySelectorAll(sel)]
        .filter(p => drawn(p.getAttribute('d'))).length;
    const title = chart.querySelector('.gtitle');
    return {
        title: title ? title.textContent : '',
        svg: chart.querySelectorAll('.js-plotly-plot .main-svg').length,
        lines: paths('path.js-line'),
        points: paths('.point'),
        bars: paths('.bars path'),
        heatmaps: chart.querySelectorAll('.hm image').length,
        maps: chart.querySelectorAll('canvas.maplibregl-canvas').length,
        annotations: [...chart.querySelectorAll('.annotation-text')].map(a => a.textContent),
    };
})
"""


# -- helpers -------------------------------------------------------------------------------------


def runs(page: Page) -> int:
    return page.evaluate("window.__atlasRuns || 0")


def wait_for_app(page: Page, after: int | None = None, timeout: int = RUN_TIMEOUT) -> None:
    """Wait until Streamlit has finished running (the run after ``after`` finished runs, if
    given) and every plotly chart on the page is drawn."""
    if after is not None:
        page.wait_for_function("n => (window.__atlasRuns || 0) > n", arg=after, timeout=timeout)
        # The run's last message has arrived; let the app render it before reading the page.
        page.evaluate(NEXT_FRAMES)
    page.wait_for_selector(IDLE, timeout=timeout)
    # Lazily loaded elements (plotly, dataframes) show a skeleton until their code has loaded,
    # which on a busy 2-core machine can take longer than expect()'s default 10 s.
    expect(page.locator('[data-testid="stStatusWidgetRunningIcon"]')).to_have_count(
        0, timeout=timeout)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=timeout)
    page.wait_for_function(
        """sel => [...document.querySelectorAll(sel)]
                    .every(c => c.querySelector('.js-plotly-plot .main-svg'))""",
        arg=CHART,
        timeout=timeout,
    )


def visit(page: Page, base: str, path: str) -> None:
    page.context.add_init_script(RUN_COUNTER)
    page.goto(base + path)
    wait_for_app(page, after=0, timeout=FIRST_RUN_TIMEOUT)


def rerun(page: Page, action) -> None:
    """Do something that reruns the script, then wait for that run to finish."""
    before = runs(page)
    action()
    wait_for_app(page, after=before)


def query(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def heading(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"] h1').first


def errors_on(page: Page) -> list[str]:
    boxes = page.locator(
        '[data-testid="stException"], [data-testid="stAlertContentError"], '
        '[data-testid="stAlertContentWarning"]'
    )
    return [boxes.nth(i).inner_text() for i in range(boxes.count())]


def chart_summaries(page: Page) -> list[dict]:
    return page.locator(CHART).evaluate_all(CHART_SUMMARY)


def is_blank(png: bytes) -> tuple[bool, str]:
    """A map that failed to draw is one flat colour (or nearly): report why it looks blank."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail((400, 400))
    colours = image.getcolors(maxcolors=1 << 16) or []
    total = image.width * image.height
    dominant = max(count for count, _ in colours) if colours else total
    share = dominant / total
    return (
        len(colours) < 4 or share > 0.97,
        f"{len(colours)} colours, dominant colour covers {share:.0%}",
    )


def assert_map_drawn(chart: Locator) -> None:
    canvas = chart.locator("canvas.maplibregl-canvas").first
    expect(canvas).to_be_visible()
    deadline = time.monotonic() + MAP_TIMEOUT
    while True:  # MapLibre draws its layers asynchronously after the chart appears
        blank, why = is_blank(canvas.screenshot())
        if not blank:
            return
        assert time.monotonic() < deadline, f"map canvas looks blank: {why}"
        time.sleep(0.5)


def assert_page_drawn(page: Page, path: str) -> list[dict]:
    assert not errors_on(page), f"{path}: error or warning boxes: {errors_on(page)}"
    dialogs = page.get_by_role("dialog").all_inner_texts()
    assert not dialogs, f"{path}: dialog shown: {dialogs}"
    charts = chart_summaries(page)
    for i, chart in enumerate(charts):
        name = f"{path} chart {i + 1} {chart['title']!r}"
        assert chart["svg"], f"{name}: plotly did not draw"
        assert "No data" not in chart["annotations"], f"{name}: shows 'No data'"
        if chart["maps"]:
            assert_map_drawn(page.locator(CHART).nth(i))
        else:
            assert chart["lines"] + chart["points"] + chart["bars"] + chart["heatmaps"] > 0, (
                f"{name}: axes but no lines, markers, bars or heatmap: {chart}"
            )
    assert not page.js_errors, f"{path}: JavaScript errors: {page.js_errors}"
    return charts


def multiselect(page: Page, label: str) -> Locator:
    return page.locator('[data-testid="stMultiSelect"]').filter(
        has=page.get_by_role("combobox", name=label, exact=True)
    )


def chips(widget: Locator) -> list[str]:
    return widget.locator("[data-tag]").evaluate_all("tags => tags.map(t => t.ariaLabel)")


def expect_chips(widget: Locator, labels: list[str]) -> None:
    """The multiselect shows exactly these chips, in order (retried while the app settles)."""
    tags = widget.locator("[data-tag] > span[title]")
    if labels:
        expect(tags).to_have_text(labels)
    else:
        expect(tags).to_have_count(0)


def pick(page: Page, widget: Locator, text: str, option: str) -> None:
    """Type into a multiselect or selectbox and choose an option, as a person would."""
    box = widget.get_by_role("combobox")
    box.click()
    box.fill(text)

    several = widget.get_attribute("data-testid") == "stMultiSelect"

    def choose() -> None:
        page.get_by_role("option", name=option, exact=True).click()
        # A multiselect stays open for the next pick (hiding the rest of the page from the
        # accessibility tree): close it, as a person clicking elsewhere would. Not a select
        # box: it closes by itself, and Escape on a closed one that may be empty clears it.
        if several:
            box.press("Escape")

    rerun(page, choose)
    expect(page.get_by_role("listbox")).to_have_count(0)


def legend(page: Page, chart: int = 0) -> list[str]:
    return page.locator(CHART).nth(chart).locator(".legendtext").all_text_contents()


def y_axis_type(page: Page, chart: int = 0) -> str:
    return (
        page.locator(f"{CHART} .js-plotly-plot")
        .nth(chart)
        .evaluate("gd => gd._fullLayout.yaxis.type")
    )


# -- journeys ------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(URLS))
def test_every_page_draws(page: Page, app_url: str, key: str) -> None:
    path = URLS[key]
    visit(page, app_url, path)
    expect(heading(page)).to_have_text(t(HEADINGS.get(key, key), "en"))
    # The sidebar lists every page, linked to the same addresses.
    nav = page.locator('[data-testid="stSidebarNav"]')
    for other, url in URLS.items():
        link = nav.get_by_role("link", name=t(other, "en"), exact=True)
        expect(link).to_be_visible()
        assert urlsplit(link.get_attribute("href")).path == url, (other, link.get_attribute("href"))
    charts = assert_page_drawn(page, path)
    if key in {"clusters", "china_map", "profile", "compare", "topics"}:
        assert charts, f"{path}: no charts"
    if key in {"clusters", "china_map", "topics"}:
        assert any(c["maps"] for c in charts), f"{path}: no map"


def test_compare_guangzhou_with_beijing(page: Page, app_url: str) -> None:
    visit(page, app_url, COMPARE)
    places = multiselect(page, t("places", "en"))
    rerun(page, lambda: places.get_by_role("button", name="Clear all").click())
    expect_chips(places, [])
    pick(page, places, "Guangzhou", "Guangzhou (city)")
    pick(page, places, "Beijing", "Beijing (municipality)")
    expect_chips(places, ["Guangzhou (city)", "Beijing (municipality)"])

    indicator = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.get_by_role("combobox", name=t("indicator", "en"), exact=True)
    )
    pick(page, indicator, "R&D intensity", "R&D intensity (% of GDP)")
    expect(indicator.get_by_role("combobox")).to_have_value("R&D intensity (% of GDP)")

    assert_page_drawn(page, COMPARE)
    assert {"Guangzhou", "Beijing"} <= set(legend(page)), legend(page)
    assert "R&D intensity" in chart_summaries(page)[0]["title"]
    params = query(page)
    assert params["places"] == f"{GUANGZHOU},{BEIJING}", page.url
    assert params["indicator"] == "rd_intensity", page.url


def compare_view(page: Page) -> dict:
    return {
        "places": chips(multiselect(page, t("places", "en"))),
        "indicator": page.get_by_role(
            "combobox", name=t("indicator", "en"), exact=True
        ).input_value(),
        "mode": page.get_by_role("radiogroup", name=t("mode", "en"))
        .locator('[data-selected="true"] [data-testid="stMarkdownContainer"]')
        .first.inner_text(),
        "legend": sorted(legend(page)),
        "title": chart_summaries(page)[0]["title"],
        "y_axis": y_axis_type(page),
    }


def test_shared_link_reopens_the_same_view(page: Page, app_url: str, browser) -> None:
    link = f"{COMPARE}?places={GUANGZHOU},{BEIJING}&indicator=rd_intensity&mode=log"
    visit(page, app_url, link)
    chosen = ["Guangzhou (city)", "Beijing (municipality)"]
    expect_chips(multiselect(page, t("places", "en")), chosen)
    view = compare_view(page)
    assert view["places"] == chosen
    assert view["indicator"] == "R&D intensity (% of GDP)"
    assert view["mode"] == t("mode_log", "en")
    assert view["y_axis"] == "log"
    assert {"Guangzhou", "Beijing"} <= set(view["legend"])
    assert (
        not page.locator('[data-testid="stCaptionContainer"]')
        .filter(has_text=t("notice", "en"))
        .count()
    ), "a valid link should not give a notice"

    # Whoever receives the address the app now shows sees exactly the same.
    shared = page.url
    assert query(page)["mode"] == "log"
    other = browser.new_context(viewport=page.viewport_size, locale="en-US")
    try:
        friend = other.new_page()
        visit(friend, "", shared)
        expect_chips(multiselect(friend, t("places", "en")), chosen)
        assert compare_view(friend) == view
        assert query(friend) == query(page)
    finally:
        other.close()


def test_download_filtered_csv(page: Page, app_url: str) -> None:
    visit(page, app_url, f"{URLS['data']}?places={GUANGZHOU}&indicator=population")
    assert_page_drawn(page, URLS["data"])
    shown = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="rows match")
    expect(shown).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=t("download_csv", "en")).click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows, "the download is empty"
    assert f"{len(rows):,} rows match" in shown.inner_text()
    for row in rows:
        assert row["place_id"] == GUANGZHOU, row
        assert row["indicator_id"] == "population", row
        for column in ("source_id", "source_title", "source_url"):
            assert row[column].strip(), f"empty {column}: {row}"
        assert row["value"].strip(), row


def test_chart_download_dialog_gives_the_charts_rows(page: Page, app_url: str) -> None:
    visit(page, app_url, f"{URLS['compare']}?places={GUANGZHOU},CN-110000"
                         "&indicator=rd_intensity")
    assert_page_drawn(page, URLS["compare"])
    chart_title = page.locator(".js-plotly-plot .gtitle").first.text_content()
    assert chart_title and "R&D" in chart_title, chart_title
    page.get_by_role("button", name=t("download", "en"), exact=True).first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(chart_title)  # says which chart it downloads
    for label in ("download_csv", "download_png", "download_svg", "download_bundle"):
        expect(dialog.get_by_role("button", name=t(label, "en"))).to_be_visible()
    with page.expect_download() as download:
        dialog.get_by_role("button", name=t("download_csv", "en")).click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(
        encoding="utf-8-sig"))))
    assert {row["place_id"] for row in rows} == {GUANGZHOU, "CN-110000"}
    assert {row["indicator_id"] for row in rows} == {"rd_intensity"}
    assert all(row["source_id"].strip() and row["value"].strip() for row in rows)
    expect(dialog).to_be_visible()  # a download does not close it


def switch_to_chinese(page: Page, app_url: str) -> Locator:
    """Open the home page in English and click 中文 in the sidebar; returns the sidebar."""
    visit(page, app_url, "/")
    expect(heading(page)).to_have_text(t("app_title", "en"))
    sidebar = page.locator('[data-testid="stSidebar"]')
    rerun(page, lambda: sidebar.get_by_role("radio", name="中文").click())
    return sidebar


def test_language_switch(page: Page, app_url: str) -> None:
    sidebar = switch_to_chinese(page, app_url)
    expect(heading(page)).to_have_text(t("app_title", "zh"))
    expect(page).to_have_url(LANG_ZH)
    assert not errors_on(page)
    expect(sidebar.get_by_role("radio", name="中文")).to_be_checked()
    # The language stays when moving to another page through the sidebar.
    rerun(
        page, lambda: sidebar.locator(f'[data-testid="stSidebarNav"] a[href$="{COMPARE}"]').click()
    )
    expect(heading(page)).to_have_text(t("compare", "zh"))
    expect(page).to_have_url(LANG_ZH)
    assert_page_drawn(page, f"{COMPARE}?lang=zh")
    expect(page.get_by_role("combobox", name=t("indicator", "zh"), exact=True)).to_be_visible()


def test_language_switch_translates_the_sidebar(page: Page, app_url: str) -> None:
    sidebar = switch_to_chinese(page, app_url)
    nav = sidebar.locator('[data-testid="stSidebarNav"]')
    expect(nav.get_by_role("link", name=t("compare", "zh"), exact=True)).to_be_visible(
        timeout=5_000
    )
    expect(sidebar.get_by_text(t("present", "zh"), exact=True).first).to_be_visible(timeout=1_000)


def test_unknown_parameter_gives_notice_and_no_injection(page: Page, app_url: str) -> None:
    visit(page, app_url, f"{COMPARE}?foo=" + quote("<script>x</script>"))
    notice = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=t("notice", "en"))
    expect(notice).to_contain_text("foo")
    assert (
        page.evaluate(
            "() => [...document.scripts].filter(s => s.textContent.trim() === 'x').length"
        )
        == 0
    )
    assert not page.dialogs
    assert_page_drawn(page, COMPARE)
    assert "foo" not in query(page), "the unknown parameter is dropped from the URL"

    # A parameter *name* that is HTML is shown as text, never as markup.
    visit(page, app_url, f"{COMPARE}?" + quote("<img src=x onerror=alert(1)>") + "=1")
    expect(
        page.locator('[data-testid="stCaptionContainer"]').filter(has_text=t("notice", "en"))
    ).to_be_visible()
    assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0
    page.wait_for_timeout(300)
    assert not page.dialogs


def test_notice_does_not_render_links_from_the_url(page: Page, app_url: str) -> None:
    """Notices quote the link; Markdown in it must not become a clickable link or bold text."""
    visit(page, app_url, f"{COMPARE}?places=" + quote("**Log in** [here](https://example.com/a)"))
    notice = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=t("notice", "en"))
    expect(notice).to_contain_text("**Log in**")
    assert notice.locator("strong, em").count() == 0, notice.inner_html()
    assert notice.locator("a").count() == 0, notice.inner_html()
    # A bare address is not turned into a link either.
    visit(page, app_url, f"{COMPARE}?places=" + quote("www.example.com/login"))
    notice = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=t("notice", "en"))
    expect(notice).to_contain_text("www.example.com/login")
    assert notice.locator("a").count() == 0, notice.inner_html()


def test_deep_link_on_a_fresh_server(fresh_app_url: str, page: Page) -> None:
    """The first visitor after a (re)start arrives through a shared link. (Streamlit treats a
    pages/ folder as its legacy multipage mode until the first st.navigation call, and then ran
    pages/compare.py alone: no app.py, so the link's view, sidebar and notices were lost.)"""
    # fresh_app_url comes first in the signature so the screenshot is taken before it stops.
    visit(page, fresh_app_url, f"{COMPARE}?places={GUANGZHOU},{BEIJING}&indicator=rd_intensity")
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Language / 语言")).to_be_visible(
        timeout=5_000
    )
    expect_chips(
        multiselect(page, t("places", "en")), ["Guangzhou (city)", "Beijing (municipality)"]
    )
    assert query(page)["indicator"] == "rd_intensity", page.url


def test_presenter_mode_next_and_previous(page: Page, app_url: str) -> None:
    """A deck opens full-screen (no sidebar); ▶ and the left arrow key move between its views."""
    deck = decks()[0]
    first, second = deck.slides[0], deck.slides[1]
    visit(page, app_url, URLS[first.page] + "?" + urlencode(slide_params(deck, 1, "en")))
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.get_by_text(f"1/{len(deck.slides)} · {first.title_en}")).to_be_visible()
    assert_page_drawn(page, URLS[first.page])

    rerun(page, lambda: page.get_by_role("button", name="▶").click())
    expect(page.get_by_text(f"2/{len(deck.slides)} · {second.title_en}")).to_be_visible()
    assert query(page)["slide"] == "2"
    assert query(page)["indicator"] == second.params["indicator"]
    assert_page_drawn(page, URLS[second.page])

    rerun(page, lambda: page.keyboard.press("ArrowLeft"))
    expect(page.get_by_text(f"1/{len(deck.slides)} · {first.title_en}")).to_be_visible()
    assert query(page)["slide"] == "1"


# -- every control in the URL --------------------------------------------------------------------

# Every control on the page (main area and sidebar) by its label (numbered when repeated), with
# the value it shows.
CONTROLS = """
() => {
    const out = {};
    const seen = {};
    const scope = '[data-testid="stMain"] [data-testid], [data-testid="stSidebar"] [data-testid]';
    for (const w of document.querySelectorAll(scope)) {
        const id = w.dataset.testid;
        let value;
        if (id === 'stMultiSelect') {
            value = [...w.querySelectorAll('[data-tag] span[title]')].map(s => s.textContent);
        } else if (id === 'stSelectbox') {
            value = w.querySelector('input').value;
        } else if (id === 'stRadio') {
            const checked = w.querySelector('input:checked');
            value = checked ? checked.closest('label').textContent : null;
        } else if (id === 'stSlider') {
            value = [...w.querySelectorAll('[data-testid="stSliderThumbValue"]')]
                .map(s => s.textContent);
        } else if (id === 'stCheckbox') {
            value = w.querySelector('input').checked;
        } else if (id === 'stButtonGroup') {
            value = [...w.querySelectorAll('[aria-checked="true"]')].map(b => b.textContent);
        } else {
            continue;
        }
        const label = w.querySelector('[data-testid="stWidgetLabel"]');
        let name = (label ? label.textContent : w.querySelector('input').ariaLabel).trim();
        seen[name] = (seen[name] || 0) + 1;
        if (seen[name] > 1) name += ' #' + seen[name];
        out[name] = value;
    }
    return out;
}
"""
SETTINGS = ("Language / 语言", t("present", "en"), t("present", "zh"))


def controls(page: Page) -> dict:
    return page.evaluate(CONTROLS)


def widget(page: Page, kind: str, label: str) -> Locator:
    return page.locator(f'[data-testid="{kind}"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=re.compile(
            f"^{re.escape(label)}$"))).first


def toggle(page: Page, label: str) -> None:
    switch = page.locator('[data-testid="stCheckbox"]').filter(has_text=label).locator("label")
    rerun(page, lambda: switch.click())


def choose(page: Page, label: str, option: str) -> None:
    """A radio button or a segment of a segmented control."""
    group = page.get_by_role("radiogroup", name=label, exact=True)
    rerun(page, lambda: group.get_by_text(option, exact=True).click())


def slide(page: Page, label: str, key: str, thumb: int = 0) -> None:
    """Move a slider's thumb with the keyboard."""
    handle = widget(page, "stSlider", label).locator('input[type="range"]').nth(thumb)
    rerun(page, lambda: handle.press(key))


def enter(page: Page, label: str, text: str, kind: str = "stMultiSelect") -> None:
    """Type into a picker and press Enter, as a person adding one item would."""
    box = widget(page, kind, label).get_by_role("combobox")
    box.click()
    box.fill(text)
    expect(page.get_by_role("option").first).to_be_visible()  # the matches are listed

    def add() -> None:
        box.press("Enter")
        box.press("Escape")

    rerun(page, add)


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def other(options: list[str], current: str) -> str:
    return next(o for o in options if o != current)


def change_every_control(page: Page, key: str, atlas: Atlas, lang: str = "en") -> None:
    """Set every control of a page to something other than its default."""
    def label(k: str) -> str:
        return t(k, lang)

    def indicator(option: str) -> None:
        name = atlas.indicator_label(option, lang)
        pick(page, widget(page, "stSelectbox", label("indicator")), name, name)

    def group(group_id: str) -> None:
        name = peer_groups.label(peer_groups.by_id(atlas.data.groups)[group_id], lang)
        pick(page, widget(page, "stSelectbox", label("peer_group")), name, name)

    if key == "clusters":
        group("gii_top10")  # fills the places picker with the group's first eight
        toggle(page, label("hide_weak"))
        slide(page, label("year"), "ArrowLeft")
        _, _, economies = clusters.options(atlas, True)
        shown = controls(page)
        enter(page, label("economies"), next(
            atlas.place_label(p, lang) for p in economies
            if atlas.place_label(p, lang) not in shown[label("economies")]))
    elif key == "china_map":
        choose(page, label("level"), label("level_city"))
        indicator(other(levels.indicators(atlas, "city"), "rd_intensity"))
        slide(page, label("year"), "ArrowLeft")
    elif key == "profile":
        place = atlas.place_label("CN-440300", lang)
        pick(page, widget(page, "stSelectbox", label("place")), place.split(" ")[0], place)
        offered = profile.profile_topics(atlas, "CN-440300")
        choose(page, label("topic"), label(f"topic_{offered[1]}"))
        year = str(profile.fact_years(atlas, "CN-440300")[-1])
        pick(page, widget(page, "stSelectbox", label("facts_year")), year, year)
    elif key == "compare":
        group("municipalities")
        enter(page, label("places"), atlas.place_name("CN-330100", lang))
        indicator("rd_intensity")
        choose(page, label("mode"), label("mode_indexed"))
        toggle(page, label("hide_weak"))
        slide(page, label("years"), "ArrowRight")
        base = widget(page, "stSelectbox", label("base_year"))
        municipalities = peer_groups.by_id(atlas.data.groups)["municipalities"]
        chosen = (*peer_groups.members(municipalities), "CN-330100")
        years = compare.compare_years(atlas, chosen, "rd_intensity", True)
        current = base.get_by_role("combobox").input_value()
        pick(page, base, "", other([str(y) for y in years if str(y) > current], current))
        slide(page, label("year"), "ArrowLeft")
    elif key == "topics":
        choose(page, label("topic"), label("topic_talent"))
        indicator(topics.topic_indicators(atlas, "talent")[1])
        toggle(page, label("hide_weak"))
    elif key == "relationships":
        # Cities: the level with peer groups (no group has a country as a member).
        choose(page, label("level"), label("level_city"))
        choose(page, label("rel_colour"), label("colour_group"))
        x = atlas.indicator_label("rd_expenditure", lang)
        pick(page, widget(page, "stSelectbox", label("rel_x")), x, x)
        y = atlas.indicator_label("patent_applications", lang)
        pick(page, widget(page, "stSelectbox", label("rel_y")), y, y)
        size = atlas.indicator_label("rd_personnel_fte", lang)
        pick(page, widget(page, "stSelectbox", label("rel_size")), size, size)
        slide(page, label("rel_tolerance_label"), "ArrowRight")
        toggle(page, label("rel_log"))
        group("science_centres")
        enter(page, label("places"), atlas.place_name("CN-330100", lang))
        slide(page, label("year"), "ArrowLeft")
    elif key == "innovation_index":
        choose(page, label("index_norm"), label("norm_rank"))
        toggle(page, label("index_gaps_toggle"))
        # Last: a preset sets the level, year and inputs (editing any of them leaves it).
        preset = composite.presets(atlas)["gii_clusters"].text("name", lang)
        pick(page, widget(page, "stSelectbox", label("index_preset")), "GII", preset)
    elif key == "data":
        group("municipalities")
        enter(page, label("places"), atlas.place_name("CN-440100", lang))
        enter(page, label("topic"), label("topic_context"))
        enter(page, label("indicator"), atlas.indicator_label("population", lang))
        enter(page, label("sources"), next(iter(atlas.lookups.sources.values()))["title"])
        slide(page, label("years"), "ArrowRight")
        toggle(page, label("hide_weak"))
        toggle(page, label("all_rows"))
    elif key == "rankings":
        choose(page, label("level"), label("level_city"))
        group("gba")
        indicator("rd_expenditure")
        toggle(page, label("hide_weak"))
        slide(page, label("year"), "ArrowLeft")
        years, _ = levels.years(atlas, "city", "rd_expenditure", True)
        year = int(controls(page)[label("year")][0])
        since = widget(page, "stSelectbox", label("since_year"))
        earlier = str([y for y in years if y < year][-2])
        pick(page, since, earlier, earlier)
        region = atlas.place_name("CN-440000", lang)
        pick(page, widget(page, "stSelectbox", label("parent_region")), region, region)


def reopened(browser, url: str) -> dict:
    """The controls a friend sees opening ``url`` in a fresh browser."""
    other_context = browser.new_context(viewport=VIEWPORT_SIZE, locale="en-US")
    try:
        friend = other_context.new_page()
        visit(friend, "", url)
        assert not friend.locator('[data-testid="stCaptionContainer"]').filter(
            has_text=t("notice", "en")).count(), f"{url}: a notice for our own link"
        return controls(friend)
    finally:
        other_context.close()


VIEWPORT_SIZE = {"width": 1400, "height": 900}


@pytest.mark.parametrize("key", [k for k in URLS if k not in ("overview", "present")])
def test_every_control_survives_a_copied_link(page: Page, app_url: str, browser, atlas,
                                              key: str) -> None:
    visit(page, app_url, URLS[key])
    before = controls(page)
    change_every_control(page, key, atlas)
    after = controls(page)
    assert_page_drawn(page, URLS[key])
    unchanged = [name for name in after if name not in SETTINGS
                 and before.get(name) == after[name]]
    assert not unchanged, f"controls the journey did not change: {unchanged}"
    assert reopened(browser, page.url) == after, page.url


def test_a_chinese_presentation_link_survives(page: Page, app_url: str, browser, atlas) -> None:
    """Language and presenter mode in the link, with the page's own controls."""
    visit(page, app_url, COMPARE)
    sidebar = page.locator('[data-testid="stSidebar"]')
    rerun(page, lambda: sidebar.get_by_role("radio", name="中文").click())
    toggle(page, t("present", "zh"))
    expect(sidebar).to_be_hidden()
    choose(page, t("mode", "zh"), t("mode_log", "zh"))
    enter(page, t("places", "zh"), atlas.place_name("CN-330100", "zh"))
    after = controls(page)
    assert after[t("mode", "zh")] == t("mode_log", "zh")
    friend = reopened(browser, page.url)
    assert friend == after, page.url


def test_enter_adds_one_place_the_best_match(page: Page, app_url: str, atlas) -> None:
    visit(page, app_url, COMPARE)
    places = multiselect(page, t("places", "en"))
    before = chips(places)
    enter(page, t("places", "en"), "Hangzhou")
    assert chips(places) == [*before, atlas.place_label("CN-330100", "en")]


def test_an_older_link_opens_the_same_view(page: Page, app_url: str, atlas) -> None:
    """Links shared before every control was in the URL: ranges as from/to, in a slide."""
    deck = decks()[0]
    visit(page, app_url, f"{COMPARE}?places={GUANGZHOU},{BEIJING}&indicator=rd_intensity"
                         "&from=2012&to=2020&lang=zh&present=1&slide=2")
    expect(page.get_by_text(f"2/{len(deck.slides)} · {deck.slides[1].title_zh}")).to_be_visible()
    shown = controls(page)
    assert shown[t("years", "zh")] == ["2012", "2020"]
    assert shown[t("places", "zh")] == [atlas.place_label(p, "zh") for p in (GUANGZHOU, BEIJING)]
    params = parse_qs(urlsplit(page.url).query)
    assert params["years"] == ["2012", "2020"] and "from" not in params, page.url
    assert params["places"] == [f"{GUANGZHOU},{BEIJING}"] and params["lang"] == ["zh"]
