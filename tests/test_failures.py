"""Broken or missing data files give a clear message in the app, never a traceback."""

import csv
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data.load import DATA_DIR
from tests_support import APP


@pytest.fixture
def broken(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(target))
    return target


def run(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_malformed_observation_stops_with_file_row_and_column(broken):
    path = broken / "observations.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[3][rows[0].index("value")] = "n/a"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    at = run()
    message = at.error[0].value
    assert "failed validation" in message
    assert "observations.csv, row 4, column 'value': 'n/a' is not a number" in message


def test_missing_table_is_named(broken):
    (broken / "sources.csv").unlink()
    assert "sources.csv: file is missing" in run().error[0].value


def test_missing_boundaries_leave_the_rest_of_the_page(broken):
    (broken / "geo" / "china_provinces.geojson").unlink()
    at = run("pages/china_map.py")
    assert "Map boundaries unavailable" in at.warning[0].value
    assert "china_provinces.geojson" in at.warning[0].value
    assert at.title[0].value == "China map"


def test_corrupt_boundaries_are_reported(broken):
    (broken / "geo" / "world_countries.geojson").write_text("{not json", encoding="utf-8")
    at = run("pages/clusters.py")
    assert any("world_countries.geojson" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 2


def test_warm_start_leaves_a_broken_package_for_the_page_to_report(broken):
    from dashboard.ui import cached

    (broken / "sources.csv").unlink()
    cached.warm()  # the launcher's head start must not crash the server
    assert "sources.csv: file is missing" in run().error[0].value
