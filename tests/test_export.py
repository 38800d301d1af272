"""Exports are real files: PNG/SVG images, a citation bundle ZIP and the data package ZIP."""

import io
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
