"""Curation tables beside the source modules are read strictly."""

from __future__ import annotations

import shutil

import pytest

from dashboard.etl import city_gdp_panel, curation, gii, nbs
from dashboard.etl.common import RawInputError, english_name


@pytest.fixture
def tables(tmp_path, monkeypatch):
    for name in ("units.csv", "city_facts_indicators.csv", "gii_fact_indicators.csv",
                 "qualifiers.csv", "city_facts_hosts.csv", "nbs_series.csv",
                 "nbs_yearbook_columns.csv", "economies.csv", "city_aliases.csv",
                 "naturalearth_countries.csv", "city_gdp_panel_codes.csv"):
        shutil.copy(curation.HERE / name, tmp_path / name)
    monkeypatch.setattr(curation, "HERE", tmp_path)
    return tmp_path


def test_units_convert_as_printed():
    units = curation.units()
    assert units["万元"] == ("CNY 100m", 0.0001)
    assert units["billion yuan"] == ("CNY 100m", 10)
    assert units["万人"] == ("persons", 10_000)


def test_unit_outside_the_catalogue_names_file_row_and_column(tables):
    path = tables / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("CNY 100m", "CNY 1m")  # CSV line 3
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"units.csv, row 3, column 'unit': 'CNY 1m'"):
        curation.units()


def test_raw_name_needs_an_indicator_or_a_reason(tables):
    path = tables / "city_facts_indicators.csv"
    path.write_text("raw_name,indicator_id,dropped_because,note\ngdp,,,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"row 2, column 'indicator_id': 'gdp' needs"):
        curation.name_map("city_facts_indicators.csv")
    path.write_text("raw_name,indicator_id,dropped_because,note\ngdp,gpd,,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"row 2, column 'indicator_id': unknown indicator"):
        curation.name_map("city_facts_indicators.csv")


def test_raw_name_listed_twice_is_named(tables):
    path = tables / "gii_fact_indicators.csv"
    path.write_text("raw_name,indicator_id,dropped_because,note\nrank,gii_cluster_rank,,\n"
                    "rank,,a name,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"row 3, column 'raw_name': 'rank' is listed twice"):
        curation.name_map("gii_fact_indicators.csv")


def test_qualifier_words_map_to_the_contract(tables):
    words = curation.qualifiers()
    assert words["超过"][0] == "at_least" and words["nearly"][0] == "at_most"
    assert words["左右"][0] == "about" and words["预计"][0] == "estimate"
    assert words[""] == (None, "") and words["preliminary"][0] is None
    (tables / "qualifiers.csv").write_text("printed,qualifier,note\n超过,above,\n",
                                           encoding="utf-8")
    with pytest.raises(RawInputError, match=r"qualifiers.csv, row 2, column 'qualifier': "
                                            r"'above' is not one of"):
        curation.qualifiers()


def test_host_grade_outside_the_contract_is_named(tables):
    (tables / "city_facts_hosts.csv").write_text("host,publisher,grade,note\nexample.org,,good,\n",
                                                 encoding="utf-8")
    with pytest.raises(RawInputError, match=r"city_facts_hosts.csv, row 2, column 'grade': "
                                            r"'good' is not one of"):
        curation.hosts("city_facts_hosts.csv")


def test_nbs_series_are_read_from_their_table():
    budget = next(s for s in nbs.series() if s.indicator_id == "budget_st_expenditure")
    assert (budget.file, budget.code, budget.unit) == ("PublicBudget.csv", "v6_cz_yszc_kxjs",
                                                       "亿元")
    number, _, columns = nbs.yearbook_tables()["incubator_table9-12"]
    assert number == "9-12" and columns[0].indicator_id == "incubators"


def test_nbs_series_with_an_unknown_indicator_or_scale_is_named(tables):
    path = tables / "nbs_series.csv"
    header = "file,code,indicator_id,unit,source_id,scale,note\n"
    path.write_text(header + "A.csv,v1,rd_spend,亿元,s,1,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"nbs_series.csv, row 2, column 'indicator_id': "
                                            r"unknown indicator 'rd_spend'"):
        nbs.series()
    path.write_text(header + "A.csv,v1,rd_expenditure,万元,s,0.5,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"row 2, column 'scale': '0.5' is not a whole"):
        nbs.series()


def test_a_yearbook_table_given_two_numbers_is_named(tables):
    path = tables / "nbs_yearbook_columns.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",9-12,", ",9-13,")  # CSV line 3
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"nbs_yearbook_columns.csv, row 3, column 'table'"):
        nbs.yearbook_tables()


def test_economy_spellings_and_non_economies():
    assert gii.economy_iso3("Bahamas, The") == "BHS"
    assert gii.economy_iso3("China / Hong Kong, China") == "CHN"
    assert not gii.is_economy("European Patent Office") and gii.is_economy("France")


def test_economy_rows_need_a_valid_code_or_a_reason(tables):
    path = tables / "economies.csv"
    header = "name,iso3,dropped_because,note\n"
    path.write_text(header + "Burma,MYN,,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"economies.csv, row 2, column 'iso3': 'MYN' is "
                                            r"not an ISO 3166"):
        curation.economies()
    path.write_text(header + "Asia,,a region,\nasia,,a continent,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"row 3, column 'name': 'asia' is listed twice"):
        curation.economies()


def test_place_name_fixes_are_read_from_their_tables():
    assert gii.economy_iso3("United States of America (USA)") == "USA"
    assert nbs.place_for("内蒙占", curation.HERE, 1, "x") == "CN-150000"  # OCR: 占 for 古
    assert english_name("呼和浩特市") == "Hohhot"


def test_a_place_name_table_names_file_row_and_column(tables):
    path = tables / "city_aliases.csv"
    header = "name,city_zh,dropped_because,note\n"
    path.write_text(header + "xian,西安市,not one city,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"city_aliases.csv, row 2, column 'city_zh': 'xian' "
                                            r"needs a city_zh or a reason"):
        curation.renames("city_aliases.csv", "name", "city_zh", droppable=True)
    path.write_text(header + "xian,西安市,,\nxian,,two cities,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"row 3, column 'name': 'xian' is listed twice"):
        curation.renames("city_aliases.csv", "name", "city_zh", droppable=True)
    (tables / "naturalearth_countries.csv").write_text("name,iso3,note\nFrance,FRN,\n",
                                                      encoding="utf-8")
    with pytest.raises(RawInputError, match=r"naturalearth_countries.csv, row 2, column 'iso3': "
                                            r"'FRN' is not an ISO 3166"):
        curation.renames("naturalearth_countries.csv", "name", "iso3", curation.iso3_problem)


def test_a_panel_code_is_recoded_or_abolished_not_both(tables):
    path = tables / "city_gdp_panel_codes.csv"
    header = "code,today,name_en,name_zh,parent_id,note\n"
    path.write_text(header + "341400,CN-340100,Chaohu,,,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"row 2, column 'today': a recoded city has"):
        city_gdp_panel.panel_codes()
    path.write_text(header + "341400,,Chaohu,巢湖市,CN-340000,\n", encoding="utf-8")
    with pytest.raises(RawInputError, match=r"city_gdp_panel_codes.csv, row 2, column 'note'"):
        city_gdp_panel.panel_codes()
