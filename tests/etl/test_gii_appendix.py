"""GII 2023's appendix table of the top clusters, ranks 1–34."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import gii_appendix
from dashboard.etl.common import RawInputError


@pytest.fixture(scope="module")
def part(raw: Path):
    return gii_appendix.extract(raw)


@pytest.fixture(scope="module")
def obs(part) -> pd.Series:
    frame = pd.DataFrame(part.observations)
    return frame.set_index(["place_id", "indicator_id"])["value"]


def test_counts_and_shares_as_printed(obs):
    assert obs[("GII-tokyo-yokohama", "gii_cluster_pct_applications")] == 127_418
    assert obs[("GII-tokyo-yokohama", "gii_cluster_publications")] == 115_020
    sz = "GII-shenzhen-hong-kong-guangzhou"
    assert obs[(sz, "gii_cluster_rank")] == 2
    assert obs[(sz, "gii_cluster_pct_share")] == 9.0
    assert obs[(sz, "gii_cluster_publications_share")] == 2.1
    assert obs[("GII-beijing", "gii_cluster_rank_change")] == -1


def test_clusters_are_the_gii_modules_places(part):
    ids = {p["place_id"] for p in part.places}
    assert {"GII-san-jose-san-francisco", "GII-new-york", "GII-washington-baltimore"} <= ids
    assert len(ids) == 34
    parents = {p["place_id"]: p["parent_id"] for p in part.places}
    assert parents["GII-singapore"] == "SGP"
    assert parents["GII-taipei-hsinchu"] == "TWN"


def test_malformed_count_names_file_row_and_column(raw, tmp_path):
    fake = tmp_path / "raw" / gii_appendix.FILE
    fake.parent.mkdir(parents=True)
    frame = pd.read_csv(raw / gii_appendix.FILE, dtype=str, keep_default_na=False)
    frame.loc[3, "pct_applications"] = "38,0x7"  # CSV line 5
    frame.to_csv(fake, index=False)
    with pytest.raises(RawInputError, match=r"row 5, column 'pct_applications': '38,0x7'"):
        gii_appendix.extract(tmp_path / "raw")
