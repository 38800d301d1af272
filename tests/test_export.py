"""Exports are real files: PNG/SVG images, a citation bundle ZIP and the data package ZIP."""

import io
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard import charts, export

needs_chromium = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                    reason="kaleido needs the system Chromium")


@pytest.fixture(scope="module")
def figure():
    rows = pd.DataFrame({
        "place_id": ["CN-110000", "CN-440100"], "place_en": ["Beijing", "Guangzhou"],
        "place_zh": ["北京市", "广州市"], "year": [2020, 2020], "value": [2326.6, 774.8],
        "unit": ["CNY 100m"] * 2, "unit_zh": ["亿元"] * 2, "source_title": ["NBS bulletin"] * 2,
        "source_id": ["nbs-x"] * 2,
    })
    return charts.bar_chart(rows, "研发经费 · 北京, 广州 · 2020", "zh"), rows


@needs_chromium
def test_png_and_svg(figure):
    fig, _ = figure
    png = export.figure_image(fig, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = export.figure_image(fig, "svg").decode("utf-8")
    assert svg.startswith("<svg") and "研发经费" in svg and "北京市" in svg
    with pytest.raises(ValueError):
        export.figure_image(fig, "gif")


@needs_chromium
def test_citation_bundle_contents(figure):
    fig, rows = figure
    sources = pd.DataFrame({"source_id": ["nbs-x"], "title": ["NBS bulletin"],
                            "citation": ["National Bureau of Statistics (2021). Bulletin."]})
    data = export.citation_bundle(fig, rows, sources, "http://host/compare?places=CN-110000",
                                  date(2026, 11, 24), "compare")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["CITATION.txt", "compare.csv", "compare.png",
                                          "sources.csv"]
    citation = archive.read("CITATION.txt").decode()
    assert "http://host/compare?places=CN-110000" in citation
    assert "Accessed: 2026-11-24" in citation
    assert "National Bureau of Statistics (2021). Bulletin." in citation
    assert archive.read("compare.png").startswith(b"\x89PNG")
    csv = pd.read_csv(io.BytesIO(archive.read("compare.csv")), encoding="utf-8-sig")
    assert csv["value"].tolist() == [2326.6, 774.8]


def test_package_zip_holds_every_file():
    archive = zipfile.ZipFile(io.BytesIO(export.package_zip()))
    names = set(archive.namelist())
    assert {"innovation-atlas/datapackage.json", "innovation-atlas/observations.csv",
            "innovation-atlas/geo/china_provinces.geojson"} <= names
    assert export.package_zip() == export.package_zip()


# Chinese glyphs: two titles of four different characters each. Drawn with a CJK font they
# differ; without one every character is the same empty box ("tofu"), so the images match.
GLYPH_CHECK = """
import io, sys
import plotly.graph_objects as go
from PIL import Image, ImageChops
from dashboard import export

def drawn(text):
    fig = go.Figure(layout={"title": {"text": text, "font": {"size": 48}},
                            "xaxis": {"visible": False}, "yaxis": {"visible": False}})
    png = export.figure_image(fig, "png", 600, 200)
    return Image.open(io.BytesIO(png)).convert("L")

first, second = drawn("北京广州"), drawn("研发投入")
inked = first.point(lambda p: 255 if p < 128 else 0).getbbox() is not None
same = ImageChops.difference(first, second).getbbox() is None
print("ink" if inked else "blank", "same" if same else "different")
"""
LATIN_ONLY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""


def glyph_check(env: dict[str, str] | None = None) -> str:
    """Run in a fresh process: the browser kaleido starts reads the fonts of that process."""
    done = subprocess.run([sys.executable, "-c", GLYPH_CHECK], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120, check=True)
    return done.stdout.split("\n")[-2]


@needs_chromium
def test_chinese_chart_text_is_drawn_with_real_glyphs():
    assert glyph_check() == "ink different"


@needs_chromium
@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/dejavu").is_dir(),
                    reason="needs DejaVu to stand for a machine without a CJK font")
def test_the_glyph_check_sees_boxes_without_a_cjk_font(tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text(LATIN_ONLY.format(cache=tmp_path / "cache"))
    assert glyph_check({"FONTCONFIG_FILE": str(config)}) == "ink same"
