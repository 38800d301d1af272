from __future__ import annotations

from pathlib import Path

import pytest

from tests_support import ROOT

RAW = (ROOT.parent / "shared" / "sources").resolve()


@pytest.fixture(scope="session")
def raw() -> Path:
    """The raw sources folder beside the checkout; tests that need it skip without it."""
    if not RAW.is_dir():
        pytest.skip("raw sources (../shared/sources) not present")
    return RAW
