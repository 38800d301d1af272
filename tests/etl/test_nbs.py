from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import nbs
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError, province_id

BEIJING, GUANGDONG, TIBET, SHANXI = "CN-110000", "CN-440000", "CN-540000", "CN-140000"


@pytest.fixture(scope="module")
def contribution(raw: Path) -> nbs.Contribution:
    return nbs.extract(raw)


@pytest.fixture(scope="module")
def obs(contribution: nbs.Contribution) -> pd.DataFrame:
    return pd.DataFrame(contribution.observations)


def value(obs: pd.DataFrame, place: str, indicator: str, year: int, source: str) -> float:
    hit = obs[(obs.place_id == place) & (obs.indicator_id == indicator) & (obs.year == year)
              & (obs.source_id == source)]
    assert len(hit) == 1, (place, indicator, year, source)
    return hit.value.iloc[0]


def test_bulletin_figures(obs: pd.DataFrame) -> None:
    assert value(obs, BEIJING, "rd_expenditure", 2023, "nbs-rd-bulletin-2023") == 2947.1
    assert value(obs, "CHN", "rd_expenditure", 2023, "nbs-rd-bulletin-2023") == 33357.1
    assert value(obs, BEIJING, "rd_intensity", 2023, "nbs-rd-bulletin-2023") == 6.73
    assert value(obs, "CHN", "rd_intensity", 2023, "nbs-rd-bulletin-2023") == 2.65


def _bulletin_table(page: Path) -> dict[str, tuple[float, float]]:
    """Place → (R&D expenditure, intensity) from the bulletin's own province table."""
    table = {}
    for row in re.findall(r"<tr.*?</tr>", page.read_text(encoding="utf-8"), flags=re.S | re.I):
        cells = [re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", cell)))
                 for cell in re.findall(r"<td.*?</td>", row, flags=re.S | re.I)]
        place = "CHN" if cells[:1] == ["全国"] else province_id(cells[0]) if cells else None
        if len(cells) == 3 and place:
            table[place] = (float(cells[1]), float(cells[2]))
    return table


@pytest.mark.parametrize("year", range(2018, 2024))
def test_rdintense_matches_the_bulletin_pages(raw: Path, obs: pd.DataFrame, year: int) -> None:
    page = raw / "nbs-st-yearbook" / "nbs_rd_bulletin_html" / f"{year}.html"
    table = _bulletin_table(page)
    assert len(table) == 32
    ours = obs[obs.source_id == f"nbs-rd-bulletin-{year}"]
    for indicator, i in (("rd_expenditure", 0), ("rd_intensity", 1)):
        got = ours[ours.indicator_id == indicator].set_index("place_id").value
        assert got.to_dict() == {place: pair[i] for place, pair in table.items()}


def test_yearbook_rd_activity_agrees_with_bulletin_for_beijing(obs: pd.DataFrame) -> None:
    # PROVENANCE-china.md: RDActivity 合计 and the bulletins agree within 1% (Tibet aside).
    for year in range(2011, 2024):
        bulletin = value(obs, BEIJING, "rd_expenditure", year, f"nbs-rd-bulletin-{year}")
        yearbook = value(obs, BEIJING, "rd_expenditure", year, "nbs-styb-rdactivity")
        assert abs(yearbook / bulletin - 1) < 0.01, year
    # 10k CNY → CNY 100m: 29,470,733 万元 in the yearbook.
    assert value(obs, BEIJING, "rd_expenditure", 2023, "nbs-styb-rdactivity") == 2947.0733


def test_bulletin_sources(contribution: nbs.Contribution) -> None:
    sources = {s["source_id"]: s for s in contribution.sources}
    latest = sources["nbs-rd-bulletin-2023"]
    assert latest["title"] == "2023年全国科技经费投入统计公报"
    assert latest["published"] == "2024-10-02"
    assert latest["url"] == "https://www.stats.gov.cn/sj/zxfb/202410/t20241002_1956810.html"
    assert sources["nbs-rd-bulletin-2018"]["published"] == "2019-08-30"
    # No saved page for 2011–2017: publication year = data year + 1, no invented address.
    assert sources["nbs-rd-bulletin-2012"]["published"] == "2013"
    assert sources["nbs-rd-bulletin-2012"]["url"].endswith("/data/RDIntense.rda")
    assert sources["nbs-innocom-hitech-recognitions"]["grade"] == "reprint"


def test_yearbook_panels(obs: pd.DataFrame) -> None:
    assert value(obs, "CHN", "rd_personnel_fte", 2023, "nbs-styb-rdlaborhour") == 7240582
    assert value(obs, "CHN", "researchers_fte", 2023, "nbs-styb-rdlaborhour") == 3001302
    assert value(obs, "CHN", "patent_applications", 2023, "nbs-styb-rdpatentaccept") == 5383449
    assert value(obs, "CHN", "patent_grants", 2023, "nbs-styb-rdpatentauthority") == 3532282
    assert value(obs, "CHN", "invention_patent_grants", 2023,
                 "nbs-styb-rdpatentauthority") == 819234
    assert value(obs, "CHN", "valid_invention_patents", 2023, "nbs-styb-rdpatentvalid") == 4088695
    assert value(obs, "CHN", "hightech_industry_enterprises", 2023,
                 "nbs-styb-industryoperation") == 52878
    assert value(obs, "CHN", "sci_papers", 2022, "nbs-styb-rdpaperinternational") == 681884
    # Technology contracts: 85,369,394 万元 sold by Beijing in 2023.
    assert value(obs, BEIJING, "tech_contract_turnover_outflow", 2023,
                 "nbs-styb-marketpush") == 8536.9394
    assert value(obs, BEIJING, "budget_st_expenditure", 2023, "nbs-csy-publicbudget") == \
        pytest.approx(522, abs=1)
    national = obs[(obs.place_id == "CHN") & (obs.indicator_id == "budget_st_expenditure")]
    assert national.note.str.contains("local governments").all()
    assert value(obs, BEIJING, "hightech_enterprises_recognised", 2024,
                 "nbs-innocom-hitech-recognitions") == 10226


def test_province_name_defects(obs: pd.DataFrame) -> None:
    # 2012 patent grants print 西藏 as 两藏 and 山西 as 山两; 尔部地区 (东部地区) is an aggregate.
    assert value(obs, TIBET, "patent_grants", 2012, "nbs-styb-rdpatentauthority") == 133
    assert value(obs, SHANXI, "patent_grants", 2012, "nbs-styb-rdpatentauthority") == 7196
    valid_2014 = obs[(obs.indicator_id == "valid_invention_patents") & (obs.year == 2014)]
    assert len(valid_2014) == 32
    assert obs.place_id.str.fullmatch(r"CHN|CN-\d{6}").all()


def test_incubator_and_makerspace_tables(obs: pd.DataFrame) -> None:
    # The sheet titles say (2022年) and (2023年): the reference year, not the edition.
    published = {
        (2022, "incubators"): 1066, (2022, "incubatees"): 32810, (2022, "makerspaces"): 1034,
        (2023, "incubators"): 1064, (2023, "incubatees"): 31995, (2023, "makerspaces"): 1014,
    }
    for (year, indicator), expected in published.items():
        table = "9-12" if indicator != "makerspaces" else "9-14"
        assert value(obs, GUANGDONG, indicator, year, f"nbs-styb-table-{table}-{year}") == expected
    # 2,232,494 万元 of investment raised by Guangdong's incubatees in 2022.
    assert value(obs, GUANGDONG, "incubatee_investment_raised", 2022,
                 "nbs-styb-table-9-12-2022") == 223.2494
    assert value(obs, "CHN", "incubators", 2022, "nbs-styb-table-9-12-2022") == 6659
    assert value(obs, "CN-650000", "makerspace_fiscal_support", 2023,
                 "nbs-styb-table-9-14-2023") == 0.268576


def test_package_validates(raw: Path, tmp_path: Path) -> None:
    data = build_package(raw, ("nbs",), tmp_path)
    obs = data.observations
    chosen = obs[(obs.place_id == BEIJING) & (obs.indicator_id == "rd_expenditure")
                 & (obs.year == 2023) & obs.preferred]
    assert chosen.source_id.tolist() == ["nbs-rd-bulletin-2023"]
    units = data.indicators.set_index("indicator_id").unit
    assert units["tech_contract_turnover_outflow"] == "CNY 100m"
    assert units["incubatee_investment_raised"] == "CNY 100m"
    assert units["researchers_fte"] == "person-years"


def _raw_with(raw: Path, tmp_path: Path, line: int, old: str, new: str) -> Path:
    """A raw folder where line `line` of RDIntense.csv has `old` replaced by `new`."""
    source = raw / "nbs-st-yearbook"
    target = tmp_path / "nbs-st-yearbook"
    (target / "csv").mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name != "csv":
            (target / entry.name).symlink_to(entry)
    for entry in (source / "csv").iterdir():
        if entry.name != "RDIntense.csv":
            (target / "csv" / entry.name).symlink_to(entry)
    lines = (source / "csv" / "RDIntense.csv").read_text(encoding="utf-8").splitlines(True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    (target / "csv" / "RDIntense.csv").write_text("".join(lines), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("old", "new", "column", "message"), [
    ("2947.1", "29x7.1", "value", "'29x7.1' is not a number"),
    ("北京", "北平", "province", "unknown province '北平'"),
    ("亿元", "万元", "units", "expected '亿元'"),
])
def test_malformed_cell_names_file_row_and_column(raw: Path, tmp_path: Path, old: str, new: str,
                                                  column: str, message: str) -> None:
    with pytest.raises(RawInputError) as caught:
        nbs.extract(_raw_with(raw, tmp_path, 3, old, new))
    text = str(caught.value)
    assert "RDIntense.csv, row 3, column '" + column + "'" in text
    assert message in text


def test_malformed_xls_cell_names_file_row_and_column(raw: Path, monkeypatch) -> None:
    opened = nbs._open_sheet

    def corrupted(path: Path):  # Guangdong's incubator count (sheet row 23) becomes text
        sheet = opened(path)
        cell = sheet.cell_value
        sheet.cell_value = lambda r, c: "10x6" if (r, c) == (22, 2) else cell(r, c)
        return sheet

    monkeypatch.setattr(nbs, "_open_sheet", corrupted)
    with pytest.raises(RawInputError) as caught:
        nbs.extract(raw)
    assert "incubator_table9-12_2022.xls, row 23, column '在统孵化器数量'" in str(caught.value)


def test_jumps_over_half_are_flagged_with_the_raw_values(raw: Path, obs: pd.DataFrame) -> None:
    # Jilin's high-tech industry revenue: 2067.83677 in 2016, 653 in 2018 (no 2017 row),
    # as IndustryOperation.csv states them.
    rows = obs[(obs.place_id == "CN-220000") & (obs.indicator_id == "hightech_industry_revenue")]
    rows = rows.set_index("year")
    text = (raw / nbs.FOLDER / "csv" / "IndustryOperation.csv").read_text(encoding="utf-8")
    assert "吉林,2016,主营业务收入,2067.83677," in text and "吉林,2018,主营业务收入,653.0," in text
    assert rows.loc[2018, "value"] == 653
    assert "Series break? -68% on 2016 (2067.84)" in rows.loc[2018, "note"]
    assert "Series break" not in (rows.loc[2016, "note"] or "")
