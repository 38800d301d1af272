"""The indicator catalogue is checked against the contract."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.validate import DataValidationError
from dashboard.etl import catalog


def test_catalogue_ids_are_unique_and_units_known():
    frame = catalog.indicators()
    assert frame["indicator_id"].is_unique
    assert catalog.units()["rd_expenditure"] == "CNY 100m"
    assert catalog.units()["gihi_rank"] == "rank"


def test_malformed_catalogue_row_names_file_row_and_column(tmp_path):
    rows = pd.read_csv(catalog.CATALOGUE, dtype=str, keep_default_na=False)
    rows.loc[2, "topic"] = "science"  # CSV line 4
    path = tmp_path / "indicators.csv"
    rows.to_csv(path, index=False)
    with pytest.raises(DataValidationError, match=r"indicators.csv, row 4, column 'topic': "
                                                  r"'science' is not one of"):
        catalog.indicators(path)
