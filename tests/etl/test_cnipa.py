"""CNIPA's December 2016 region tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import cnipa
from dashboard.etl.common import RawInputError
from tests_support import corrupted_raw


@pytest.fixture(scope="module")
def obs(raw: Path) -> pd.DataFrame:
    return pd.DataFrame(cnipa.extract(raw).observations).set_index(["place_id", "indicator_id"])


def test_published_yearly_totals(obs):
    # Cells as printed in the tables (evidence "Beijing | 13738 | 104643 | ...").
    assert obs.loc[("CN-110000", "invention_patent_applications"), "value"] == 104_643
    assert obs.loc[("CN-440300", "pct_applications_cnipa"), "value"] == 19_647
    assert obs.loc[("CHN", "pct_applications_cnipa"), "value"] == 42_173
    assert obs.loc[("CN-820000", "pct_applications_cnipa"), "value"] == 17  # Macau
    assert obs.loc[("CN-230100", "pct_applications_cnipa"), "value"] == 45  # Harbin


def test_every_sub_provincial_city_is_a_city(obs):
    cities = {p for p, _ in obs.index if not p.endswith("0000") and p != "CHN"}
    assert len(cities) == 15


def test_malformed_total_names_file_row_and_column(raw, tmp_path):
    # CSV line 4
    fake = corrupted_raw(raw, tmp_path, cnipa.FILE, 2, "yearly_total", "6,6x1")
    with pytest.raises(RawInputError, match=r"row 4, column 'yearly_total': '6,6x1'"):
        cnipa.extract(fake)
