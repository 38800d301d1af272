from __future__ import annotations

from pathlib import Path

from dashboard.data.load import Dataset, load_dataset
from dashboard.etl.build import assemble, collect, write_package


def build_only(raw: Path, modules: tuple[str, ...], out: Path) -> Dataset:
    """Build a package from a subset of source modules and load it back (validating it)."""
    frames, files = assemble(collect(raw, modules))
    write_package(frames, files, out)
    return load_dataset(out)
