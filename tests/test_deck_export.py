"""Deck exports are real files: a PowerPoint slide and a PDF page per view, each with the
chart, the title, the source line, the link and the access date, text kept as typed."""

import io
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from dashboard import deck, deck_export
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                reason="charts and the PDF are drawn by the system Chromium")

ACCESSED = date(2026, 11, 29)
NASTY = "<b>bold?</b> **not bold** [link](javascript:alert(1))"


def link(slide: deck.Slide) -> str:
    return f"http://atlas.example/{slide.page}?places={slide.params.get('places', '')}"


@pytest.fixture(scope="module")
def exported():
    """A bundled slide, a slide with a user's title and the map slide, in Chinese."""
    bundled = deck.decks()[0].slides
    mine = deck.view_slide("compare", {"places": ["CN-440100,CN-110000"], "mode": ["log"]},
                           NASTY, "compare-bars").retitled(NASTY, "notes " + NASTY)
    shown = deck.my_deck([bundled[0], mine, bundled[-1]])
    contents = list(deck_export.render(Atlas.load(data_dir()), shown, "zh", link))
    return (shown, contents, deck_export.to_pptx(contents, ACCESSED, "zh"),
            deck_export.to_pdf(contents, ACCESSED, "zh"))


def slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_pptx_has_a_picture_title_and_sources_on_every_slide(exported):
    shown, contents, pptx, _ = exported
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    assert len(slides) == len(shown.slides) == 3
    for slide, content, source in zip(slides, contents, shown.slides, strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].image.blob == content.image
        texts = slide_texts(slide)
        assert texts[0] == source.title("zh")
        assert any(x.startswith("来源: ") for x in texts), texts
        assert f"链接: {link(source)} · 访问日期: 2026-11-29" in "\n".join(texts)
    assert slide_texts(slides[1])[0] == NASTY  # as typed, no markup read
    assert slides[1].notes_slide.notes_text_frame.text == "notes " + NASTY
    assert "北京" in slides[0].notes_slide.notes_text_frame.text


def test_each_slide_shows_the_chart_it_names(exported):
    _, contents, _, _ = exported
    assert "北京" in contents[0].takeaway  # the bundled slide: compare's first chart (lines)
    # The user's slide names the one-year bars, whose takeaway names a single year.
    assert "年" in contents[1].takeaway and contents[1].image != contents[0].image


def test_pdf_has_a_page_per_slide_with_its_text(exported):
    shown, _, _, pdf = exported
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(shown.slides)
    second = reader.pages[1].extract_text()
    assert "<b>bold?</b> **not bold**" in second  # printed as typed, not as HTML
    assert "http://atlas.example/compare" in second and "2026-11-29" in second
    assert all(len(page.images) == 1 for page in reader.pages)  # the chart on each


def test_html_escapes_what_users_typed(exported):
    _, contents, _, _ = exported
    page = deck_export.to_html(contents, ACCESSED, "zh", ["a.png", "b.png", "c.png"])
    assert "<b>bold?</b>" not in page and "&lt;b&gt;bold?&lt;/b&gt;" in page
    assert page.count("<section>") == 3 and 'lang="zh-CN"' in page


def test_a_milestones_slide_cites_its_plan():
    """The plan's milestones are goals, not figures (no download), but a slide of them still
    names and cites the plan that sets them."""
    milestones = next(s for s in deck.decks()[0].slides if s.chart == "profile-milestones")
    [content] = deck_export.render(Atlas.load(data_dir()), deck.my_deck([milestones]), "en",
                                   link)
    assert content.source_line.startswith("Source: ") and content.citations
