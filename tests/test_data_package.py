"""The bundled data package meets its contract, and broken copies fail with precise messages."""

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.load import DATA_DIR, load_dataset
from dashboard.data.preferred import (
    CRITERIA,
    flagged,
    preferred_mask,
    primary_sources,
    rank_keys,
    reason,
)
from dashboard.data.validate import DataValidationError
from dashboard.etl import build


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` is the file's line number (header = 1)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[row - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataValidationError) as err:
        load_dataset(data_dir)
    return [str(p) for p in err.value.problems]


def test_bundled_package_is_valid(dataset):
    assert len(dataset.observations) > 1000
    assert set(dataset.observations["grade"]) <= {"official", "reprint", "weak"}


def test_required_places_and_indicators_exist(dataset):
    place_ids = set(dataset.places["place_id"])
    assert {"CHN", "USA", "CN-110000", "CN-440000", "CN-440100", "CN-440300",
            "GII-shenzhen-hong-kong-guangzhou", "GII-beijing"} <= place_ids
    required = {"rd_expenditure", "rd_intensity", "rd_personnel_fte", "patent_applications",
                "patent_grants", "hightech_enterprises_recognised", "hightech_industry_revenue",
                "incubators", "incubatees", "makerspaces", "universities", "population",
                "researchers_per_million", "gii_score", "gii_cluster_rank",
                "gii_clusters_in_top100"}
    used = set(dataset.observations["indicator_id"])
    assert required <= used, required - used


def test_every_indicator_has_figures_and_units(dataset):
    assert dataset.indicators["unit"].str.len().min() > 0
    assert set(dataset.indicators["indicator_id"]) == set(dataset.observations["indicator_id"])


def test_one_preferred_row_per_place_indicator_year(dataset):
    obs = dataset.observations
    preferred = obs[obs["preferred"]].groupby(["place_id", "indicator_id", "year"]).size()
    assert preferred.max() == 1
    assert len(preferred) == len(obs.groupby(["place_id", "indicator_id", "year"]))


def test_no_zero_filled_or_missing_values(dataset):
    assert dataset.observations["value"].notna().all()


def test_coverage_matches_observations(dataset):
    cov = dataset.coverage
    assert cov["observations"].sum() == len(dataset.observations)
    assert cov["flagged"].sum() == flagged(dataset.observations, dataset.checks).sum()


def test_geo_layers_are_small_and_keyed_by_places(dataset):
    total = sum((DATA_DIR / p).stat().st_size for p in dataset.geo_layers["path"])
    assert total < 3 * 1024 * 1024
    assert {"china_provinces", "china_cities", "world_countries"} <= set(
        dataset.geo_layers["layer"])


def test_bad_number_names_file_row_and_column(copy):
    edit_cell(copy / "observations.csv", 5, "value", "12,3x")
    assert "observations.csv, row 5, column 'value': '12,3x' is not a number" in problems(copy)


def test_unknown_id_names_file_row_and_column(copy):
    edit_cell(copy / "observations.csv", 7, "place_id", "CN-999999")
    assert ("observations.csv, row 7, column 'place_id': unknown places id 'CN-999999'"
            in problems(copy))


def test_duplicate_key_is_reported(copy):
    edit_cell(copy / "places.csv", 3, "place_id", load_dataset(copy).places["place_id"].iloc[0])
    found = problems(copy)
    assert any(p.startswith("places.csv, row 3, column 'place_id': duplicate value") for p in found)


def test_missing_column_is_reported(copy):
    path = copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(",".join(line.split(",")[:-1]) for line in lines) + "\n",
                    encoding="utf-8")
    assert any("sources.csv, column 'grade': required column is missing" in p
               for p in problems(copy))


def test_missing_file_is_reported(copy):
    (copy / "places.csv").unlink()
    assert "places.csv: file is missing" in problems(copy)


def test_failed_build_leaves_previous_data_untouched(copy, monkeypatch):
    before = {p.name: p.read_bytes() for p in copy.glob("*.csv")}

    def broken(raw):
        raise DataValidationError([])

    monkeypatch.setattr(build, "collect", broken)
    with pytest.raises(DataValidationError):
        build.build(copy.parent, copy)
    assert {p.name: p.read_bytes() for p in copy.glob("*.csv")} == before
    assert not (copy.parent / "data.new").exists()


def _obs(*rows: tuple) -> pd.DataFrame:
    """Rows for one place/indicator/year: (source_id, value, grade, qualifier, derived_from)."""
    return pd.DataFrame([{"place_id": "CN-440300", "indicator_id": "rd_expenditure",
                          "year": 2016, "source_id": s, "value": v, "grade": g, "qualifier": q,
                          "derived_from": d} for s, v, g, q, d in rows])


SOURCES = pd.DataFrame({"source_id": ["a", "b", "c", "d"],
                        "published": ["2017", "2018-03", "2016", ""]})


def preferred_source(frame: pd.DataFrame, sources: pd.DataFrame = SOURCES) -> str:
    (chosen,) = frame.loc[preferred_mask(frame, sources), "source_id"]
    # The choice must not depend on row order.
    reversed_frame = frame.iloc[::-1]
    (again,) = reversed_frame.loc[preferred_mask(reversed_frame, sources), "source_id"]
    assert again == chosen
    return chosen


def test_exact_weak_figure_beats_official_bound():
    assert preferred_source(_obs(("a", 800, "official", "at_least", None),
                                 ("b", 842.97, "weak", None, None))) == "b"


def test_published_figure_beats_derived_one():
    assert preferred_source(_obs(("a", 4.1, "weak", None, None),
                                 ("c", 4.2, "official", None, "a b"))) == "a"


def test_grade_then_newer_source_then_source_id():
    assert preferred_source(_obs(("a", 1, "reprint", None, None),
                                 ("c", 2, "official", None, None))) == "c"
    assert preferred_source(_obs(("a", 1, "official", None, None),
                                 ("b", 2, "official", None, None))) == "b"
    assert preferred_source(_obs(("d", 1, "weak", None, None),
                                 ("c", 2, "weak", None, None))) == "c"


def test_flagged_figure_never_beats_an_unflagged_one():
    frame = _obs(("a", 800, "weak", "at_least", None), ("b", 842.97, "official", None, None))
    assert preferred_source(frame.assign(flagged=[False, True])) == "a"
    assert preferred_source(frame.assign(flagged=[True, True])) == "b"


def test_year_end_figure_beats_a_count_at_another_date():
    frame = _obs(("a", 800, "weak", "at_least", None), ("b", 842.97, "official", None, None))
    assert preferred_source(frame.assign(as_of=[None, "2016-06-30"])) == "a"
    # A count dated in December of its year is a year-end figure.
    assert preferred_source(frame.assign(as_of=[None, "2016-12-31"])) == "b"


PAGES = pd.DataFrame({
    "source_id": ["bulletin", "report", "news", "copy"],
    "title": ["深圳市2016年国民经济和社会发展统计公报", "深圳市政府工作报告",
              "深圳GDP (新快报, citing 深圳市2016年统计公报)", "深圳市2016年统计公报 (copy)"],
    "publisher": ["深圳市统计局", "深圳市人民政府", "新快报", "blog"],
    "published": ["2017-04", "2018-01", "2018-02", "2019"],
    "kind": "web_page", "grade": ["reprint", "official", "official", "weak"],
})


@pytest.mark.parametrize("other", ["report", "news"])
def test_bulletin_beats_a_work_report_or_news_page_quoting_it(other):
    frame = _obs(("bulletin", 1, "reprint", None, None), (other, 2, "official", None, None))
    assert preferred_source(frame, PAGES) == "bulletin"
    keys = rank_keys(frame, PAGES)
    assert reason(keys.iloc[0], keys.iloc[1]) == "primary source"


def test_weak_copy_of_a_bulletin_is_not_a_primary_source():
    assert list(primary_sources(PAGES)) == [True, False, False, False]
    datasets = PAGES.assign(kind="dataset", grade="weak")
    assert primary_sources(datasets).all()


def test_reason_names_each_criterion():
    best = rank_keys(_obs(("a", 1, "official", None, None)), SOURCES).iloc[0]
    for criterion in CRITERIA:
        worse = best.copy()
        worse[criterion] = (best[criterion] + "z" if isinstance(best[criterion], str)
                            else best[criterion] + 1)
        assert reason(best, worse) == criterion


def test_a_check_naming_no_figure_is_reported(copy):
    edit_cell(copy / "checks.csv", 2, "value", "123456789")
    assert any(p.startswith("checks.csv, row 2: names no observation") for p in problems(copy))


def test_validator_applies_the_checks_flags(copy):
    # Without its checks, some flagged figure outranks the preferred one of its cell.
    data = load_dataset(copy)
    obs = data.observations.assign(flagged=flagged(data.observations, data.checks))
    assert (preferred_mask(obs, data.sources) == obs["preferred"]).all()
    unflagged = preferred_mask(data.observations, data.sources)
    assert (unflagged != obs["preferred"]).any()
    header = (copy / "checks.csv").read_text(encoding="utf-8").splitlines()[0]
    (copy / "checks.csv").write_text(header + "\n", encoding="utf-8")
    assert any("must be the preferred one" in p for p in problems(copy))


def test_validator_names_the_row_that_outranks_the_preferred_one(copy):
    data = load_dataset(copy)
    obs = data.observations.assign(flagged=flagged(data.observations, data.checks))
    # A bound that loses on "exact" only: unflagged, at year end.
    bounds = obs[obs["qualifier"].notna() & ~obs["flagged"] & obs["as_of"].isna()]
    groups = obs.merge(bounds[["place_id", "indicator_id", "year"]].drop_duplicates())
    exact_preferred = groups[groups["preferred"] & groups["qualifier"].isna()]
    place, indicator, year = exact_preferred.iloc[0][["place_id", "indicator_id", "year"]]
    in_group = obs.index[(obs["place_id"] == place) & (obs["indicator_id"] == indicator)
                         & (obs["year"] == year)]
    best = in_group[preferred_mask(obs.loc[in_group], data.sources)][0]
    bound = next(i for i in in_group if i in bounds.index)
    edit_cell(copy / "observations.csv", best + 2, "preferred", "false")
    edit_cell(copy / "observations.csv", bound + 2, "preferred", "true")
    assert (f"observations.csv, row {best + 2}, column 'preferred': outranks the preferred row "
            f"{bound + 2} (exact) and must be the preferred one") in problems(copy)


def test_unknown_derivation_input_is_named(copy):
    edit_cell(copy / "observations.csv", 4, "derived_from", "no-such-source")
    assert ("observations.csv, row 4, column 'derived_from': unknown sources id "
            "'no-such-source'") in problems(copy)


def test_a_page_quoted_by_two_collections_is_one_source(dataset):
    # City facts and the harvests quote some of the same pages.
    pages = dataset.sources[dataset.sources["source_id"].str.startswith("web-")]
    assert pages["url"].is_unique
    obs = dataset.observations
    key = ["place_id", "indicator_id", "year", "source_id", "value"]
    assert not obs.duplicated(key).any()


def test_merged_source_takes_the_more_cautious_grade():
    merged = build.merge_sources([
        {"source_id": "web-1", "url": "https://e.org", "title": "A", "grade": "reprint",
         "published": ""},
        {"source_id": "web-1", "url": "https://e.org", "title": "B", "grade": "weak",
         "published": "2020"}])
    (row,) = merged.to_dict("records")
    assert (row["title"], row["grade"], row["published"]) == ("A", "weak", "2020")
    with pytest.raises(DataValidationError, match="names two addresses"):
        build.merge_sources([{"source_id": "web-1", "url": "https://e.org", "grade": "weak"},
                             {"source_id": "web-1", "url": "https://f.org", "grade": "weak"}])
