"""Harvested web figures: units converted as printed, bounds marked, provincial averages kept
out, both population series kept, and malformed rows named by file, row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import harvest
from dashboard.etl.common import RawInputError

GUANGZHOU, SANMING, NANJING, LESHAN = "CN-440100", "CN-350400", "CN-320100", "CN-511100"
SANMING_URL = "http://tjj.sm.gov.cn/xxgk/tjnj/2020tjnj/cn/html/1301.html"


@pytest.fixture(scope="module")
def part(raw: Path):
    # The project's own harvests are read too, but the spot values below are the raw ones.
    return harvest.extract(raw, project=raw / "no-project-sources")


@pytest.fixture(scope="module")
def obs(part) -> pd.DataFrame:
    return pd.DataFrame(part.observations)


def rows(obs, place, indicator, year) -> pd.DataFrame:
    return obs[(obs.place_id == place) & (obs.indicator_id == indicator) & (obs.year == year)]


def test_wan_yuan_become_yi_yuan(obs):
    (value,) = rows(obs, SANMING, "rd_expenditure", 2010)["value"]
    assert value == pytest.approx(7.0209)  # printed 70209 万元


def test_original_and_census_revised_population_both_kept(obs):
    got = rows(obs, GUANGZHOU, "population", 2019).set_index("value")
    assert {15_305_900, 18_312_100} <= set(got.index)
    assert "revised" in got.loc[18_312_100, "note"]


def test_bounds_are_marked(obs):
    (leshan,) = rows(obs, LESHAN, "rd_expenditure", 2018).itertuples()
    assert (leshan.value, leshan.qualifier) == (10, "at_least")
    exact = rows(obs, SANMING, "rd_expenditure", 2011)
    assert exact["qualifier"].isna().all()


def test_provincial_average_is_not_stored_as_the_citys_figure(obs):
    # 2.95 % is Jiangsu's average that Nanjing exceeds, not Nanjing's intensity.
    assert 2.95 not in set(rows(obs, NANJING, "rd_intensity", 2021)["value"])


def test_one_source_per_page(part):
    ids = [s["source_id"] for s in part.sources]
    assert len(ids) == len(set(ids))
    (sanming,) = [s for s in part.sources if s["url"] == SANMING_URL]
    assert (sanming["publisher"], sanming["grade"]) == ("三明市统计局", "official")


def _project(tmp_path: Path, **changes: str) -> Path:
    """A project sources folder with one harvest file of one good row, changed as given."""
    row = {"city": "广州", "year": "2020", "indicator": "rd_expenditure", "value": "774.84",
           "unit": "亿元", "qualifier": "", "url": "https://example.org/a", "page_title": "t",
           "page_date": "2021-01-01", "publisher": "p", "grade": "official", "evidence": "e",
           "note": ""} | changes
    folder = tmp_path / "sources" / "test-harvest"
    folder.mkdir(parents=True)
    with (folder / "facts.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return tmp_path / "sources"


def test_project_harvest_is_read(raw, tmp_path):
    part = harvest.extract(raw, project=_project(tmp_path))
    assert any(o["value"] == 774.84 and o["place_id"] == GUANGZHOU for o in part.observations)


@pytest.mark.parametrize(("column", "bad", "message"), [
    ("unit", "kg", "'kg' cannot be stored as CNY 100m"),
    ("city", "不存在", "unknown city"),
    ("value", "77x", "is not a number"),
    ("qualifier", "maybe", "unknown qualifier"),
    ("grade", "good", "is not one of"),
])
def test_malformed_row_names_file_row_and_column(raw, tmp_path, column, bad, message):
    project = _project(tmp_path, **{column: bad})
    with pytest.raises(RawInputError, match=rf"test-harvest/facts.csv, row 2, column "
                                            rf"'{column}': .*{message}"):
        harvest.extract(raw, project=project)


def test_population_rows_say_which_series_they_belong_to(obs):
    got = rows(obs, GUANGZHOU, "population", 2019).set_index("value")["note"]
    assert got[18_312_100].endswith(harvest.SERIES_NOTES["revised"])
    assert harvest.population_series("gxscse.com (aggregator; pre-census basis)") == "original"
    assert harvest.population_series("maigoo.com (table; revised series)") == "revised"
    assert harvest.population_series("maigoo.com (七普 2020-11-01)") is None


SHARED = harvest.RAW_FILES[0]


def _shared_row(raw: Path, line: int) -> dict[str, str]:
    """Line ``line`` of the first shared harvest (header = 1), as the csv module counts."""
    with (raw / SHARED).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))[line - 2]


def _reread(tmp_path: Path, raw: Path, **changes: str) -> Path:
    """A project folder whose one override table re-reads line 2 of the first shared harvest
    with the row's own city, year, indicator and value, changed as given."""
    shared = _shared_row(raw, 2)
    row = dict.fromkeys(harvest.REREAD_COLUMNS, "") | {
        "file": SHARED, "line": "2", "verified": "2026-12-07 ok: re-read"} | {
        c: shared[c] for c in harvest.REREAD_MATCH} | changes
    folder = tmp_path / "sources" / harvest.REREADS
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "shared.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return tmp_path / "sources"


def _figures(part, row: dict[str, str]) -> pd.DataFrame:
    obs = pd.DataFrame(part.observations)
    url = harvest.source_id(row["url"])
    return obs[(obs["source_id"] == url) & (obs["indicator_id"] == row["indicator"])]


def test_override_carries_verified_and_replaces_the_year(raw, tmp_path):
    shared = _shared_row(raw, 2)
    year = str(int(shared["year"]) - 1)
    part = harvest.extract(raw, project=_reread(tmp_path, raw, year_new=year,
                                                as_of=f"{year}-06-30",
                                                verified="2026-12-07 fixed: year"))
    figures = _figures(part, shared)
    moved = figures[figures["verified"] == "2026-12-07 fixed: year"]
    assert list(moved["year"]) == [int(year)]
    assert list(moved["as_of"]) == [f"{year}-06-30"]
    assert f"count as of {year}-06-30, not at year end" in moved["note"].iloc[0]
    # The other rows of the harvest were never re-read.
    assert figures["verified"].isna().sum() == len(figures) - 1


def test_override_drops_the_figure(raw, tmp_path):
    shared = _shared_row(raw, 2)
    kept = _figures(harvest.extract(raw, project=_reread(tmp_path, raw)), shared)
    dropped = _figures(harvest.extract(raw, project=_reread(tmp_path, raw, drop="yes")), shared)
    assert len(dropped) == len(kept) - 1
    assert int(shared["year"]) not in set(dropped["year"])


@pytest.mark.parametrize(("changes", "column", "message"), [
    ({"city": "不存在"}, "city", "does not match line 2 of"),
    ({"year": "1900"}, "year", "does not match line 2 of"),
    ({"indicator": "gdp"}, "indicator", "does not match line 2 of"),
    ({"value": "1"}, "value", "does not match line 2 of"),
    ({"line": "999999"}, "line", "has no data row at line 999999"),
    ({"line": "1"}, "line", "is not a data row's line number"),
    ({"file": "other/file.csv"}, "file", "is not one of"),
    ({"drop": "y"}, "drop", "is neither empty nor 'yes'"),
    ({"year_new": "20x0"}, "year_new", "is not a year"),
    ({"indicator_new": "nope"}, "indicator_new", "unknown indicator"),
    ({"qualifier_new": "maybe"}, "qualifier_new", "unknown qualifier"),
    ({"url_new": "example.org"}, "url_new", "is not a web address"),
    ({"as_of": "mid-2020"}, "as_of", "is not a date"),
    ({"verified": "yes"}, "verified", "does not start"),
])
def test_bad_override_names_table_row_and_column(raw, tmp_path, changes, column, message):
    project = _reread(tmp_path, raw, **changes)
    # as_of and verified are checked where the row is read: the shared file is named.
    table = f"{SHARED}, row 2" if column in ("as_of", "verified") else "shared.csv, row 2"
    with pytest.raises(RawInputError, match=rf"{table}, column '{column}': .*{message}"):
        harvest.extract(raw, project=project)


def test_a_line_re_read_twice_is_refused(raw, tmp_path):
    project = _reread(tmp_path, raw)
    table = project / harvest.REREADS / "shared.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"shared.csv, row 3, column 'line': .*re-read twice"):
        harvest.extract(raw, project=project)


def test_project_rows_carry_verified_and_as_of(raw, tmp_path):
    project = _project(tmp_path, verified="2026-12-07 ok: q1", as_of="2020-06-30")
    (row,) = [o for o in harvest.extract(raw, project=project).observations
              if o["place_id"] == GUANGZHOU and o["value"] == 774.84]
    assert (row["verified"], row["as_of"]) == ("2026-12-07 ok: q1", "2020-06-30")
    assert "count as of 2020-06-30, not at year end" in row["note"]
    year_end = _project(tmp_path / "b", as_of="2020-12")
    (row,) = [o for o in harvest.extract(raw, project=year_end).observations
              if o["place_id"] == GUANGZHOU and o["value"] == 774.84]
    assert "as of" not in (row["note"] or "")
