"""The build's checks: each flags a corrupted row with its rule and a reason, and leaves the
row alone once the corruption is undone."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data.load import load_dataset
from dashboard.data.preferred import flagged
from dashboard.etl import checks

PLACE = "CN-440300"
SOURCES = pd.DataFrame({
    "source_id": ["news-a", "news-b", "bulletin-a", "bulletin-b", "yearbook"],
    "title": ["深圳新闻", "深圳新闻 2", "深圳市2016年国民经济和社会发展统计公报",
              "深圳市2017年国民经济和社会发展统计公报", "深圳统计年鉴2018 (copy)"],
    "publisher": ["paper", "paper", "深圳市统计局", "深圳市统计局", "mirror"],
    "published": ["2017-03", "2018-03", "2017-04", "2018-04", "2018-12"],
    "kind": "web_page", "grade": ["reprint", "reprint", "official", "official", "reprint"],
})


def observations(*rows: dict) -> pd.DataFrame:
    """Observation rows for one place: given columns over defaults."""
    base = {"place_id": PLACE, "indicator_id": "gdp", "year": 2016, "value": 1.0,
            "qualifier": None, "source_id": "news-a", "derived_from": None, "grade": "reprint",
            "evidence": None}
    return pd.DataFrame([base | row for row in rows])


def rules(obs: pd.DataFrame, sources: pd.DataFrame = SOURCES) -> list[str]:
    return sorted(checks.run(obs, sources)["rule"])


@pytest.mark.parametrize(("indicator", "evidence", "fixed", "rule"), [
    ("population_hukou", "常住户籍人口454.70万人", None, "evidence_resident_hukou"),
    ("university_students", "普通本专科在校生53.62万人", "普通本专科在校生53.62万人,研究生3万人",
     "evidence_undergraduate"),
    ("hightech_enterprises_new", "认定高新技术企业716家", "新认定高新技术企业716家",
     "evidence_recognised"),
    ("invention_patent_grants", "发明专利申请36538件", "发明专利申请36538件,授权10267件",
     "evidence_application"),
    ("patent_grants", "有效发明专利2.45万件", "有效发明专利2.45万件,授权1万件", "evidence_stock"),
])
def test_evidence_contradicting_the_indicator_is_flagged(indicator, evidence, fixed, rule):
    row = {"indicator_id": indicator, "evidence": evidence}
    found = checks.run(observations(row), SOURCES)
    assert list(found["rule"]) == [rule]
    assert found["reason"].iloc[0].startswith("the evidence says")
    if fixed is not None:
        assert rules(observations(row | {"evidence": fixed})) == []
    # The same words under the indicator they describe are right.
    assert rules(observations(row | {"indicator_id": "gdp"})) == []


@pytest.mark.parametrize(("published", "flag"), [
    ("2017-03", True), ("2017-08-31", True), ("2016", True),
    ("2017-09", False), ("2017", False), ("", False),
])
def test_rd_figure_before_september_of_the_next_year_is_preliminary(published, flag):
    sources = SOURCES.assign(published=published)
    row = {"indicator_id": "rd_expenditure", "value": 800.0}
    assert rules(observations(row), sources) == (["rd_preliminary"] if flag else [])
    assert rules(observations(row | {"indicator_id": "gdp"}), sources) == []


def test_a_page_saying_final_or_an_rd_bulletin_is_not_preliminary():
    early = SOURCES.assign(published="2017-03")
    row = {"indicator_id": "rd_intensity", "value": 4.1}
    assert rules(observations(row | {"evidence": "R&D经费最终核实数"}), early) == []
    bulletin = early.assign(title="2016年深圳市科技经费投入统计公报")
    assert rules(observations(row), bulletin) == []


def _rd_and_gdp() -> list[dict]:
    # R&D ÷ GDP, final figures: 2016 = 800 ÷ 20000 = 4.00 %, 2017 = 900 ÷ 25000 = 3.60 %.
    return [{"indicator_id": indicator, "year": year, "value": value, "source_id": "yearbook"}
            for indicator, year, value in (("rd_expenditure", 2016, 800.0),
                                           ("gdp", 2016, 20000.0),
                                           ("rd_expenditure", 2017, 900.0),
                                           ("gdp", 2017, 25000.0))]


def test_intensity_matching_the_previous_years_ratio_is_flagged():
    lagged = {"indicator_id": "rd_intensity", "year": 2017, "value": 4.0, "source_id": "news-b"}
    found = checks.intensity_lag(observations(*_rd_and_gdp(), lagged), SOURCES)
    assert list(found["value"]) == [4.0]
    assert "of 2016 (4.00 %), not of 2017 (3.60 %)" in found["reason"].iloc[0]
    right = lagged | {"value": 3.6}
    assert checks.intensity_lag(observations(*_rd_and_gdp(), right), SOURCES).empty


def test_intensity_check_uses_the_preferred_unflagged_inputs():
    # The bulletin's preliminary 2016 R&D (flagged) would otherwise be preferred (official).
    early = {"indicator_id": "rd_expenditure", "year": 2016, "value": 720.0,
             "source_id": "bulletin-a", "grade": "official"}
    lagged = {"indicator_id": "rd_intensity", "year": 2017, "value": 4.0, "source_id": "news-b"}
    obs = observations(*_rd_and_gdp(), early, lagged)
    assert "rd_intensity_lag" in rules(obs)
    assert checks.intensity_lag(obs, SOURCES).empty


def test_same_value_in_consecutive_years_from_two_pages_is_flagged():
    pair = [{"indicator_id": "population", "year": 2017, "value": 4_110_000.0},
            {"indicator_id": "population", "year": 2018, "value": 4_110_000.0,
             "source_id": "news-b"}]
    found = checks.run(observations(*pair), SOURCES)
    assert list(found["rule"]) == ["repeated_value"] * 2
    assert list(found["year"]) == [2017, 2018]
    one_page = [pair[0], pair[1] | {"source_id": "news-a"}]
    assert rules(observations(*one_page)) == []
    bulletins = [pair[0] | {"source_id": "bulletin-a"}, pair[1] | {"source_id": "bulletin-b"}]
    assert rules(observations(*bulletins)) == []
    ranks = [row | {"indicator_id": "gii_cluster_rank", "value": 2.0} for row in pair]
    assert rules(observations(*ranks)) == []


def test_committed_checks_are_what_the_checks_find():
    # The package's observations, re-checked, give the package's checks.csv.
    data = load_dataset()
    found = checks.run(data.observations, data.sources)
    key = [*checks.KEY, "rule"]
    assert sorted(map(tuple, found[key].astype(str).to_numpy())) == sorted(
        map(tuple, data.checks[key].astype(str).to_numpy()))
    assert flagged(data.observations, data.checks).sum() == data.coverage["flagged"].sum()
