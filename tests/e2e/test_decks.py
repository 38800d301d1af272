"""My deck in a real browser: three views added from three pages, the deck reopened from the
copied address in a fresh browser, presented, exported to PowerPoint and PDF, saved as a file
and opened from it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader
from test_journeys import URLS, VIEWPORT_SIZE, assert_page_drawn, query, rerun, visit

from dashboard.i18n import t

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
EXPORT_TIMEOUT = 240_000  # three charts drawn by kaleido and a PDF printed, on a busy machine
# (page, the chart whose dialog adds it, the slide's title)
VIEWS = [("compare", "compare-lines", "Spending <b>compared</b>"),
         ("clusters", "clusters-history", "**Cluster** ranks"),
         ("china_map", "china-map", "研发投入强度地图")]


def add_to_deck(page: Page, chart: str, title: str, number: int) -> None:
    page.locator(f".st-key-{chart}-download button").click()
    dialog = page.get_by_role("dialog")
    field = dialog.locator(f".st-key-{chart}-deck-title input")
    expect(field).not_to_have_value("")  # the chart's own title, to edit
    field.fill(title)
    dialog.locator(f".st-key-{chart}-deck-notes textarea").fill(f"notes for {number}")
    dialog.get_by_role("button", name=t("add_to_deck", "en")).click()
    expect(dialog).to_contain_text(t("added_to_deck", "en", number=number))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def sidebar_to(page: Page, key: str) -> None:
    link = page.locator('[data-testid="stSidebarNav"]').get_by_role(
        "link", name=t(key, "en"), exact=True)
    rerun(page, link.click)
    page.wait_for_url(re.compile(re.escape(URLS[key]) + r"(\?|$)"))


def test_build_share_present_and_export_my_deck(page: Page, app_url: str, browser) -> None:
    visit(page, app_url, URLS["compare"] + "?places=CN-110000,CN-440100")
    for number, (key, chart, title) in enumerate(VIEWS, start=1):
        if number > 1:
            sidebar_to(page, key)
        assert_page_drawn(page, URLS[key])
        add_to_deck(page, chart, title, number)
    shared, built = page.url, query(page)["mydeck"]
    assert built.startswith("v1.")

    friend_context = browser.new_context(viewport=VIEWPORT_SIZE, locale="en-US",
                                         accept_downloads=True)
    try:
        friend = friend_context.new_page()
        friend.js_errors = []
        friend.on("pageerror", lambda error: friend.js_errors.append(str(error)))
        # The copied address reopens the same view, and its Present page lists the deck.
        visit(friend, "", shared)
        assert_page_drawn(friend, URLS["china_map"])
        sidebar_to(friend, "present")
        titles = friend.locator('[data-testid="stTextInput"] input')
        expect(titles).to_have_count(3)
        assert [titles.nth(i).input_value() for i in range(3)] == [v[2] for v in VIEWS]
        expect(friend.get_by_role("link", name="2. **Cluster** ranks")).to_be_visible()

        # Present: the last "Start" is my deck's; ▶ and the arrow keys move through it.
        rerun(friend, friend.get_by_role("link", name=t("start", "en")).last.click)
        expect(friend.get_by_text("1/3 · Spending <b>compared</b>")).to_be_visible()
        assert query(friend)["places"] == "CN-110000,CN-440100"
        assert_page_drawn(friend, URLS["compare"])
        rerun(friend, lambda: friend.keyboard.press("ArrowRight"))
        expect(friend.get_by_text("2/3 · **Cluster** ranks")).to_be_visible()
        assert query(friend)["deck"] == "mydeck" and query(friend)["slide"] == "2"
        rerun(friend, lambda: friend.get_by_role("button", name="▶").click())
        expect(friend.get_by_text("3/3 · 研发投入强度地图")).to_be_visible()

        rerun(friend, lambda: friend.get_by_role("button", name=t("exit_present", "en"))
              .click())
        sidebar_to(friend, "present")
        friend.locator(".st-key-export-mydeck button").click()
        pptx_button = friend.get_by_role("button", name=t("export_pptx", "en"))
        expect(pptx_button).to_be_visible(timeout=EXPORT_TIMEOUT)
        with friend.expect_download() as pptx_download:
            pptx_button.click()
        with friend.expect_download() as pdf_download:
            friend.get_by_role("button", name=t("export_pdf", "en")).click()
        for download in (pptx_download.value, pdf_download.value):  # to look at
            download.save_as(ARTIFACTS / f"my-deck-{download.suggested_filename}")
        pptx = Presentation(io.BytesIO(pptx_download.value.path().read_bytes()))
        pdf = PdfReader(io.BytesIO(pdf_download.value.path().read_bytes()))
        with friend.expect_download() as toml_download:
            friend.get_by_role("button", name=t("save_deck", "en")).click()
        saved = toml_download.value.path().read_bytes()
    finally:
        friend_context.close()

    # The saved file opens the same deck in a browser that never saw the link.
    visit(page, app_url, URLS["present"])
    expect(page.get_by_text(t("my_deck_empty", "en"))).to_be_visible()
    rerun(page, lambda: page.locator('[data-testid="stFileUploader"] input[type=file]')
          .set_input_files(files=[{"name": "my-deck.toml", "mimeType": "application/toml",
                                   "buffer": saved}]))
    titles = page.locator('[data-testid="stTextInput"] input')
    expect(titles).to_have_count(3)
    assert [titles.nth(i).input_value() for i in range(3)] == [v[2] for v in VIEWS]
    assert query(page)["mydeck"] == built

    assert len(pptx.slides) == len(pdf.pages) == 3
    for slide, (_, _, title) in zip(pptx.slides, VIEWS, strict=True):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert texts[0] == title
        assert any(x.startswith("Source: ") for x in texts), texts
    assert all(len(p.images) == 1 for p in pdf.pages)
