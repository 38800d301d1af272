"""Shared constants and helpers for the test modules."""

from pathlib import Path

import pandas as pd

from dashboard import registry

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")

# Every page (navigation order), its script by key, and its address on a server.
PAGES = registry.pages()
SCRIPTS = [p.script for p in PAGES]
PAGE_PATHS = {p.key: p.script for p in PAGES}
URLS = {p.key: "/" if i == 0 else f"/{p.path}" for i, p in enumerate(PAGES)}

CENSUS = Path("census-cities") / "census_city_2010-2020_v1.csv"


def corrupted_raw(raw: Path, tmp_path: Path, file: Path | str, index: int, column: str,
                  value: str) -> Path:
    """A copy of ``file`` (and the census list every city look-up needs) under a fresh raw
    folder, with one cell replaced: row ``index`` of the frame is CSV line ``index + 2``."""
    fake = tmp_path / "raw"
    for rel in (Path(file), CENSUS):
        (fake / rel).parent.mkdir(parents=True, exist_ok=True)
        (fake / rel).write_bytes((raw / rel).read_bytes())
    frame = pd.read_csv(fake / file, dtype=str, keep_default_na=False)
    frame.loc[index, column] = value
    frame.to_csv(fake / file, index=False)
    return fake
