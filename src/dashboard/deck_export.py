"""A deck as a PowerPoint file and a PDF: one slide per view, with its chart drawn offline, the
title, the takeaway, the source line, the full citations, the permalink and the access date.

Views are rebuilt from their parameters by :mod:`dashboard.slides`, in presenter styling.
PowerPoint is written by python-pptx; the PDF is printed by the system Chromium (the one kaleido
draws charts with) from an HTML page per slide, so Chinese text uses the system's CJK font in
both the charts and the text. Titles and notes are plain text in both files.
"""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from dashboard import charts, export, registry
from dashboard.data.atlas import Atlas
from dashboard.deck import Deck, Slide
from dashboard.i18n import t

IMAGE_HEIGHT = 600  # pixels at least (drawn at 2×); the chart's box on a 16:9 slide is 2:1
MAX_CITATIONS = 3  # fit on a slide; the rest are named by count (the link leads to them all)
PDF_TIMEOUT = 120  # seconds, for Chromium to print a whole deck on a busy machine


@dataclass(frozen=True)
class SlideContent:
    title: str
    notes: str
    image: bytes | None  # PNG; None where the view has no chart to show
    takeaway: str
    source_line: str
    citations: list[str]
    permalink: str


def chart_of(atlas: Atlas, slide: Slide, lang: str) -> charts.Chart | None:
    """The chart a slide shows, in presenter styling: the one it names, else its page's
    first; None if the view has none."""
    shown = registry.charts_for(atlas, slide.page, slide.link_params(), lang, present=True)
    return shown.get(slide.chart) or next(iter(shown.values()), None)


def _citations(atlas: Atlas, chart: charts.Chart, lang: str) -> list[str]:
    cited = atlas.data.sources[atlas.data.sources["source_id"].isin(
        set(chart.rows["source_id"].astype(str)))]
    texts = [str(c) for c in cited["citation"]]
    more = len(texts) - MAX_CITATIONS
    return texts[:MAX_CITATIONS] + ([t("more_sources", lang, n=more)] if more > 0 else [])


def _picture(fig: go.Figure) -> bytes:
    """The chart for a slide, without its own source line (the slide prints the sources
    beneath it), at its own height when that is taller (a map squeezed into less is cut off)."""
    picture = charts.without_source(fig)
    height = max(IMAGE_HEIGHT, int(picture.layout.height))
    return export.figure_image(picture, "png", 2 * height, height)


def render(atlas: Atlas, deck: Deck, lang: str, permalink: Callable[[Slide], str]
           ) -> Iterator[SlideContent]:
    """Each slide's content in turn (drawing a chart takes a second or two: the caller can
    show progress)."""
    for slide in deck.slides:
        chart = chart_of(atlas, slide, lang)
        has_rows = chart is not None and not chart.rows.empty
        yield SlideContent(
            title=slide.title(lang) or (charts.plain_title(chart.figure) if chart else ""),
            notes=slide.notes(lang),
            image=_picture(chart.figure) if chart else None,
            takeaway=chart.takeaway if chart else "",
            source_line=charts.source_line(chart.rows, lang) if has_rows else "",
            citations=_citations(atlas, chart, lang) if has_rows else [],
            permalink=permalink(slide))


def _footer(content: SlideContent, accessed: date, lang: str) -> str:
    return f"{t('slide_link', lang)}: {content.permalink} · {t('accessed', lang)}: " \
           f"{accessed.isoformat()}"


# -- PowerPoint ----------------------------------------------------------------------------------

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)


def _text_box(slide, left: float, top: float, width: float, height: float,
              paragraphs: list[tuple[str, int]], bold: bool = False) -> None:
    """Paragraphs of (text, point size) in one box, so longer text pushes the rest down
    instead of overlapping it."""
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for i, (text, size) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold


def to_pptx(contents: list[SlideContent], accessed: date, lang: str) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    for content in contents:
        slide = deck.slides.add_slide(blank)
        _text_box(slide, 0.5, 0.3, 12.3, 0.9, [(content.title, 28)], bold=True)
        if content.image:
            slide.shapes.add_picture(io.BytesIO(content.image), Inches(0.5), Inches(1.3),
                                     width=Inches(8.4), height=Inches(4.2))
        _text_box(slide, 9.2, 1.3, 3.6, 4.2, [(content.takeaway, 18)])
        _text_box(slide, 0.5, 5.6, 12.3, 1.7, [(content.source_line, 12),
                                                (_footer(content, accessed, lang), 9),
                                                *((c, 8) for c in content.citations)])
        if content.notes:
            slide.notes_slide.notes_text_frame.text = content.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# -- PDF -----------------------------------------------------------------------------------------

PAGE_CSS = """
@page { size: 13.333in 7.5in; margin: 0 }
body { margin: 0; font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; color: #111 }
section { width: 13.333in; height: 7.5in; box-sizing: border-box; padding: 0.3in 0.5in;
          page-break-after: always; overflow: hidden; display: flex; flex-direction: column }
section:last-child { page-break-after: auto }
h1 { font-size: 28pt; margin: 0 0 0.15in }
.body { display: flex; gap: 0.3in; flex: none }
.body img { width: 8.4in; height: 4.2in }
.takeaway { font-size: 18pt; margin: 0 }
.source { font-size: 12pt; margin: 0.15in 0 0.05in }
.small { font-size: 8pt; margin: 0; color: #333 }
"""


def to_html(contents: list[SlideContent], accessed: date, lang: str,
            images: list[str]) -> str:
    """One page per slide; ``images`` are the charts' file names, next to the page."""
    sections = []
    for content, image in zip(contents, images, strict=True):
        picture = f'<img src="{html.escape(image)}" alt="">' if content.image else ""
        small = "".join(f'<p class="small">{html.escape(c)}</p>'
                        for c in [_footer(content, accessed, lang), *content.citations])
        sections.append(
            f"<section><h1>{html.escape(content.title)}</h1><div class=body>{picture}"
            f'<p class="takeaway">{html.escape(content.takeaway)}</p></div>'
            f'<p class="source">{html.escape(content.source_line)}</p>{small}</section>')
    return (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f"<meta charset=utf-8><style>{PAGE_CSS}</style></head><body>"
            + "".join(sections) + "</body></html>")


def chromium() -> str:
    """The browser kaleido uses: ``BROWSER_PATH``, else ``chromium`` on the PATH."""
    found = os.environ.get("BROWSER_PATH") or shutil.which("chromium")
    if not found:
        raise RuntimeError("Chromium is not installed (apt-get install chromium)")
    return found


def to_pdf(contents: list[SlideContent], accessed: date, lang: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        images = [f"slide-{i}.png" for i in range(1, len(contents) + 1)]
        for content, name in zip(contents, images, strict=True):
            if content.image:
                (folder / name).write_bytes(content.image)
        page = folder / "deck.html"
        page.write_text(to_html(contents, accessed, lang, images), encoding="utf-8")
        out = folder / "deck.pdf"
        subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=PDF_TIMEOUT)
        return out.read_bytes()
