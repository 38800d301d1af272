from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.etl import catalog, city_facts
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError, city_id

GUANGZHOU, SHENZHEN, BEIJING, HANGZHOU = "CN-440100", "CN-440300", "CN-110000", "CN-330100"


@pytest.fixture(scope="module")
def part(raw: Path) -> city_facts.Contribution:
    return city_facts.extract(raw)


@pytest.fixture(scope="module")
def obs(part) -> pd.DataFrame:
    return pd.DataFrame(part.observations)


def row(obs: pd.DataFrame, place: str, indicator: str, year: int, url: str) -> pd.Series:
    hit = obs[(obs.place_id == place) & (obs.indicator_id == indicator) & (obs.year == year)
              & (obs.source_id == city_facts.source_id(url))]
    assert len(hit) == 1, (place, indicator, year, url)
    return hit.iloc[0]


def grade_of(part, url: str) -> str:
    (source,) = [s for s in part.sources if s["url"] == url]
    return source["grade"]


def test_guangzhou_census_count(obs):
    got = row(obs, GUANGZHOU, "population", 2020, "https://m.tftnews.com/news3620264")
    assert got.value == 18_676_605
    assert "census" in got.note
    assert got.evidence == "廣州市2020年常住人口數量達18676605人"


def test_one_series_example_per_grade(part, obs):
    official = "http://tjj.sz.gov.cn/gkmlpt/content/10/10577/post_10577661.html?jump=true"
    assert row(obs, SHENZHEN, "gdp", 2022, official).value == 32387.68
    assert grade_of(part, official) == "official"
    reprint = "http://solution.yktchina.com/zx/2022/1019/50132.html"
    assert row(obs, GUANGZHOU, "rd_expenditure", 2021, reprint).value == 881.72
    assert grade_of(part, reprint) == "reprint"
    weak = "https://internicdomainnames.com/blog-848699.html"
    assert row(obs, GUANGZHOU, "gdp", 2018, weak).value == 22859.35
    assert grade_of(part, weak) == "weak"


def test_city_facts_grades_follow_provenance(part):
    assert grade_of(part, "https://english.cnipa.gov.cn/jianbao/year2015/b/b4.html") == "official"
    assert grade_of(part, "http://www.yrdcpcn.com/c3330/20231018/i46715.phtml") == "reprint"
    assert grade_of(part, "https://mtoou.info/tubiao/1300429.html") == "weak"
    # Rated medium in PROVENANCE.md but weak (a repost) by the series collector: the cautious one.
    assert grade_of(part, "http://www.lcaj.net/fangchan/05216258.html") == "weak"


def test_units_are_converted_and_qualifiers_noted(obs):
    stock = row(obs, GUANGZHOU, "hightech_enterprises_stock", 2022,
                "https://fs0757.com/index.php/home/article/view/id/271724.html")
    assert stock.value == 12_300
    assert "stated as 'over 1.23 万家'" in stock.note
    hz = row(obs, HANGZHOU, "rd_expenditure", 2021,
             "https://en.hangzhou.com.cn/News/content/2022-09/21/content_8358608.html")
    assert hz.value == 667  # 66.7 billion yuan
    xiaze = "https://web.xiaze.org/tjgb/201102/30660-6.html"
    assert row(obs, BEIJING, "patent_applications", 2010, xiaze).value == 57_000
    assert row(obs, BEIJING, "tech_contract_turnover_outflow", 2010, xiaze).value == 1579.5
    table = "http://hbzqbyyxgs.com/news/4jgNMzcy.html"
    assert row(obs, GUANGZHOU, "population", 2021, table).value == 18_810_600
    assert row(obs, GUANGZHOU, "population_hukou", 2021, table).value == 10_115_306
    sh = "http://www.yrdcpcn.com/c3330/20231018/i46715.phtml"
    assert row(obs, "CN-310000", "budget_st_expenditure", 2009, sh).value == 215.31
    assert "2004" in row(obs, "CN-310000", "budget_st_expenditure", 2009, sh).note


def test_revision_keeps_both_rows(obs):
    bulletin = row(obs, BEIJING, "rd_intensity", 2010,
                   "https://web.xiaze.org/tjgb/201102/30660-6.html")
    yearbook = row(obs, BEIJING, "rd_intensity", 2010, "https://mtoou.info/tubiao/1300429.html")
    assert (bulletin.value, yearbook.value) == (5.5, 5.69)
    assert "revised later" in bulletin.note
    assert "revised figure" in yearbook.note


def test_nothing_is_lost(raw, obs):
    """Every input row is dropped by name (with a reason) or has its figure in the output."""
    assert not set(city_facts.INDICATOR_MAP) & set(city_facts.DROPPED)
    units = catalog.units()
    kept = {(o.place_id, o.indicator_id, o.year, o.source_id): o.value for o in obs.itertuples()}
    total = dropped = 0
    for name in city_facts.FILES:
        with (raw / "city-facts" / name).open(encoding="utf-8", newline="") as handle:
            for line, r in enumerate(csv.DictReader(handle), start=2):
                total += 1
                if r["indicator"] in city_facts.DROPPED:
                    dropped += 1
                    continue
                if r["source_url"] in city_facts.READ_WHOLE_ELSEWHERE:
                    continue
                indicator_id = city_facts.INDICATOR_MAP[r["indicator"]]
                key = (city_id(r["city"], raw), indicator_id, int(r["year"]),
                       city_facts.source_id(r["source_url"]))
                assert key in kept, (name, line)
                unit, factor = city_facts.UNITS[re.sub(r"\s*\(.*\)$", "", r["unit"])]
                assert unit == units[indicator_id], (name, line)
                assert kept[key] == pytest.approx(float(r["value"]) * factor), (name, line)
    assert total == 133 + 230
    assert dropped == 11


def test_sources_one_per_page(raw, part):
    urls = {r["source_url"] for name in city_facts.FILES
            for r in csv.DictReader((raw / "city-facts" / name).open(encoding="utf-8"))
            if r["indicator"] not in city_facts.DROPPED
            and r["source_url"] not in city_facts.READ_WHOLE_ELSEWHERE}
    assert {s["url"] for s in part.sources} == urls
    ids = [s["source_id"] for s in part.sources]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"web-[0-9a-f]{10}", i) for i in ids)
    cabos = next(s for s in part.sources if "cabos.cn" in s["url"])
    assert cabos["published"] == "2020-10-18"


def test_package_validates(raw, tmp_path):
    data = build_package(raw, ("census", "city_facts", "seeds"), tmp_path)
    obs = data.observations
    gz = obs[(obs.place_id == GUANGZHOU) & (obs.indicator_id == "population") & (obs.year == 2020)]
    assert 18_676_605 in set(gz.value)
    units = data.indicators.set_index("indicator_id")["unit"]
    assert units["gdp"] == "CNY 100m" and units["population_hukou"] == "persons"


@pytest.fixture
def fake_raw(raw: Path, tmp_path: Path) -> Path:
    """A raw folder with copies of the city-facts files (census table linked for city names)."""
    fake = tmp_path / "raw"
    (fake / "city-facts").mkdir(parents=True)
    (fake / "census-cities").symlink_to(raw / "census-cities")
    for name in city_facts.FILES:
        (fake / "city-facts" / name).write_bytes((raw / "city-facts" / name).read_bytes())
    return fake


def _corrupt(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_malformed_value(fake_raw):
    _corrupt(fake_raw / "city-facts" / "city_series_facts.csv", 59, ",774.84,", ",77a.84,")
    with pytest.raises(RawInputError, match=r"city_series_facts\.csv, row 59, column 'value'"):
        city_facts.extract(fake_raw)


def test_unknown_unit(fake_raw):
    _corrupt(fake_raw / "city-facts" / "city_facts.csv", 2, ",persons,", ",people,")
    with pytest.raises(RawInputError, match=r"city_facts\.csv, row 2, column 'unit'"):
        city_facts.extract(fake_raw)
