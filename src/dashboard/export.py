"""Files a user takes away: chart images, citation bundles, the whole data package."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts
from dashboard.data.load import data_dir

# Fixed timestamp: the same data gives the same ZIP bytes.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def package_zip(directory: Path | None = None) -> bytes:
    """Every file of the data package (tables, boundaries, datapackage.json) in one ZIP."""
    directory = directory or data_dir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"innovation-atlas/{path.relative_to(directory)}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


IMAGE_FORMATS = ("png", "svg")


def figure_image(fig: go.Figure, fmt: str, width: int = 1200, height: int | None = None) -> bytes:
    """A chart as PNG or SVG, drawn offline by kaleido in the system Chromium."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unsupported image format {fmt!r}")
    height = height or int(fig.layout.height or 600)
    # In the app Streamlit's theme styles charts; a file gets plotly's plain white theme.
    themed = go.Figure(fig).update_layout(template="plotly_white")
    return themed.to_image(format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1)


def citation_bundle(fig: go.Figure, table: pd.DataFrame, sources: pd.DataFrame, permalink: str,
                    accessed: date, name: str = "chart") -> bytes:
    """Everything needed to cite a chart: image, its rows, its sources, link and access date."""
    citation = (f"{charts.plain_title(fig)}\n\nLink: {permalink}\nAccessed: {accessed.isoformat()}"
                "\n\nSources:\n" + "\n".join(f"- {row.citation}" for row in
                                              sources.itertuples()) + "\n")
    files = {
        f"{name}.png": figure_image(fig, "png"),
        f"{name}.csv": table.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"),
        "sources.csv": sources.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"),
        "CITATION.txt": citation.encode("utf-8"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, data in files.items():
            archive.writestr(zipfile.ZipInfo(filename, ZIP_TIME), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
