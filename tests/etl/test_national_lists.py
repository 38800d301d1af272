"""Counts from complete national lists: each place's count is the list's rows seated there, a
list is used only whole, and a malformed row names file, row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import national_lists
from dashboard.etl.build import build_package
from dashboard.etl.common import PROJECT_SOURCES, RawInputError, china_cities, city_id

(SPEC,) = national_lists.LISTS
LIST_FILE = PROJECT_SOURCES / national_lists.FOLDER / SPEC.file


@pytest.fixture(scope="module")
def listed() -> pd.DataFrame:
    return pd.read_csv(LIST_FILE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def counts(raw: Path) -> pd.Series:
    part = national_lists.extract(raw)
    obs = pd.DataFrame(part.observations)
    assert obs["place_id"].is_unique
    return obs.set_index("place_id")["value"]


def test_each_city_counts_its_rows(raw, listed, counts):
    seats = listed["city"].map(lambda name: city_id(name, raw))
    expected = seats.value_counts()
    assert (counts[expected.index] == expected).all()
    cities = set(china_cities(raw)["place_id"]) - national_lists._OUTSIDE
    assert counts[sorted(cities - set(expected.index))].eq(0).all()
    assert counts["CHN"] == len(listed) == SPEC.length


def test_provinces_sum_their_cities(raw, listed, counts):
    parent = china_cities(raw).set_index("place_id")["parent_id"]
    by_province = listed["city"].map(lambda name: parent[city_id(name, raw)]).value_counts()
    assert (counts[by_province.index] == by_province).all()
    assert counts["CN-130000"] == 0  # Hebei: none seated there
    assert not {"CN-710000", "CN-810000", "CN-820000"} & set(counts.index)


def test_package_validates(raw, tmp_path):
    data = build_package(raw, ("census", "universities", "national_lists"), tmp_path)
    obs = data.observations[data.observations["indicator_id"] == SPEC.indicator]
    assert set(obs["year"]) == {2017}
    assert obs["preferred"].all()
    (source,) = set(obs["source_id"])
    assert data.sources.set_index("source_id").loc[source, "kind"] == "web_page"


def _project(tmp_path: Path, line: int | None = None, drop: bool = False,
             **changes: str) -> Path:
    """A project sources folder holding a copy of the list, with CSV line ``line`` changed
    as given (or dropped)."""
    with LIST_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if line is not None:
        rows[line - 2] |= changes
        if drop:
            del rows[line - 2]
    target = tmp_path / "sources" / national_lists.FOLDER / SPEC.file
    target.parent.mkdir(parents=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path / "sources"


@pytest.mark.parametrize(("line", "changes", "column", "message"), [
    (2, {"city": "不存在市"}, "city", "unknown city"),
    (2, {"province": "广东"}, "province", "is not the province of"),
    (2, {"evidence": "1 | | |"}, "evidence", "does not hold the entry"),
    (3, {"entry": "北京大学", "evidence": "2 | 北京大学 | |"}, "entry", "listed twice"),
    (2, {"year": "2017年"}, "year", "is not a year"),
    (2, {"grade": "good"}, "grade", "is not one of"),
    (2, {"url": "sltbs.com"}, "url", "is not a web address"),
    (5, {"url": "https://example.org/another-page"}, "url", "read from one page"),
])
def test_malformed_row_names_file_row_and_column(raw, tmp_path, line, changes, column, message):
    project = _project(tmp_path, line, **changes)
    with pytest.raises(RawInputError, match=rf"{SPEC.file}, row {line}, column '{column}': "
                                            rf".*{message}"):
        national_lists.extract(raw, project=project)


def test_city_disagreeing_with_the_moe_list_stops_the_build(raw, tmp_path):
    # 北京大学 moved to Tianjin with a matching province: only the MoE cross-check catches it.
    project = _project(tmp_path, 2, city="天津市", province="天津")
    with pytest.raises(RawInputError, match=r"row 2, column 'city': the MoE list does not seat"):
        national_lists.extract(raw, project=project)


def test_a_partial_list_is_not_counted(raw, tmp_path):
    project = _project(tmp_path, 43, drop=True)
    with pytest.raises(RawInputError, match=rf"{SPEC.file}: 41 entries, but the list states 42"):
        national_lists.extract(raw, project=project)


def test_missing_column_is_named(raw, tmp_path):
    project = _project(tmp_path)
    target = project / national_lists.FOLDER / SPEC.file
    frame = pd.read_csv(target, dtype=str, keep_default_na=False).drop(columns="city_url")
    frame.to_csv(target, index=False)
    with pytest.raises(RawInputError, match=r"row 1, column 'city_url': required column"):
        national_lists.extract(raw, project=project)
