"""Peer groups are data with a source: every member is a place, every group cites where its
membership is stated, and a broken groups.csv is reported by file, row and column."""

import pandas as pd
import pytest

from dashboard.data.contract import MEMBER_SEPARATOR
from dashboard.data.load import load_dataset
from dashboard.data.validate import DataValidationError
from dashboard.etl import groups
from test_data_package import copy, edit_cell, problems  # noqa: F401 (copy is a fixture)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def members(dataset, group_id: str) -> list[str]:
    row = dataset.groups.set_index("group_id").loc[group_id]
    return row["members"].split(MEMBER_SEPARATOR)


def english_names(dataset, place_ids: list[str]) -> set[str]:
    return set(dataset.places.set_index("place_id").loc[place_ids, "name_en"])


def test_the_issue_groups_exist_with_cited_sources(dataset):
    assert {"gba", "yrd_central", "jjj", "municipalities", "science_centres",
            "gii_top10"} <= set(dataset.groups["group_id"])
    cited = dataset.sources.set_index("source_id").loc[dataset.groups["source_id"]]
    for column in ("url", "title", "publisher", "grade", "citation"):
        assert cited[column].notna().all(), column


def test_greater_bay_area_is_nine_cities_and_two_sars(dataset):
    # As the Macao government's page lists them.
    assert english_names(dataset, members(dataset, "gba")) == {
        "Guangzhou", "Shenzhen", "Zhuhai", "Foshan", "Huizhou", "Dongguan", "Zhongshan",
        "Jiangmen", "Zhaoqing", "Hong Kong", "Macao"}


def test_yangtze_delta_central_area_has_27_cities_in_four_provinces(dataset):
    ids = members(dataset, "yrd_central")
    assert len(ids) == len(set(ids)) == 27
    parents = dataset.places.set_index("place_id").loc[ids, "parent_id"].fillna("")
    by_parent = parents.value_counts().to_dict()
    # Shanghai is a municipality (parent CHN); 9 Jiangsu, 9 Zhejiang, 8 Anhui cities.
    assert by_parent == {"CN-320000": 9, "CN-330000": 9, "CN-340000": 8, "CHN": 1}


def test_four_municipalities_are_the_places_of_that_kind(dataset):
    kinds = dataset.places.set_index("place_id")["kind"]
    assert set(members(dataset, "municipalities")) == set(kinds[kinds == "municipality"].index)


def test_gii_top_ten_is_the_latest_edition_ranks_one_to_ten(dataset):
    obs = dataset.observations
    ranks = obs[(obs["indicator_id"] == "gii_cluster_rank") & obs["preferred"]]
    edition = int(ranks["year"].max())
    top = members(dataset, "gii_top10")
    latest = ranks[ranks["year"] == edition].set_index("place_id")["value"]
    assert len(top) == 10
    assert sorted(latest[top]) == list(range(1, 11))
    assert str(edition) in dataset.groups.set_index("group_id").loc["gii_top10", "name_en"]


def _ranks(rows: list[tuple[str, int, float, bool]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["place_id", "year", "value", "preferred"]).assign(
        indicator_id="gii_cluster_rank")


def test_gii_top_takes_the_latest_edition_and_preferred_rows_only():
    obs = _ranks([("GII-a", 2024, 1, True), ("GII-b", 2025, 2, True), ("GII-c", 2025, 1, True),
                   ("GII-d", 2025, 11, True), ("GII-e", 2025, 3, False)])
    top = groups.gii_top(obs)
    assert top["members"] == "GII-c;GII-b"
    assert "2025" in top["name_en"]


def test_gii_top_is_left_out_without_ranks():
    assert groups.gii_top(_ranks([])) is None


def test_indicator_catalogue_says_which_indicators_add_up(dataset):
    additive = dataset.indicators.set_index("indicator_id")["additive"]
    assert additive["rd_expenditure"] and additive["population"]
    assert not additive["rd_intensity"] and not additive["gii_cluster_rank"]


def test_unknown_member_names_file_row_and_column(copy):  # noqa: F811
    path = copy / "groups.csv"
    edit_cell(path, 2, "members", "CN-110000;CN-999999")
    assert "groups.csv, row 2, column 'members': unknown places id 'CN-999999'" in problems(copy)


def test_repeated_member_is_reported(copy):  # noqa: F811
    edit_cell(copy / "groups.csv", 3, "members", "CN-110000;CN-110000")
    assert "groups.csv, row 3, column 'members': 'CN-110000' is listed twice" in problems(copy)


def test_members_in_another_format_are_reported(copy):  # noqa: F811
    edit_cell(copy / "groups.csv", 2, "members", "CN-110000,CN-120000")
    assert any(p.startswith("groups.csv, row 2, column 'members': 'CN-110000,CN-120000' does "
                            "not match") for p in problems(copy))


def test_unknown_source_is_reported(copy):  # noqa: F811
    edit_cell(copy / "groups.csv", 2, "source_id", "no-such-source")
    assert "groups.csv, row 2, column 'source_id': unknown sources id 'no-such-source'" in (
        problems(copy))


def test_malformed_curation_row_stops_the_build(tmp_path):
    curated = tmp_path / "groups.csv"
    text = groups.CURATED.read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1]
    curated.write_text(f"{header}\n{first.replace('gba,', 'Bad Id,', 1)}\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"groups.csv, row 2, column 'group_id'"):
        groups.table(_ranks([]), curated)
