"""Files a user takes away: the whole data package as a ZIP."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from dashboard.data.load import DATA_DIR

# Fixed timestamp: the same data gives the same ZIP bytes.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def package_zip(data_dir: Path = DATA_DIR) -> bytes:
    """Every file of the data package (tables, boundaries, datapackage.json) in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"innovation-atlas/{path.relative_to(data_dir)}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
