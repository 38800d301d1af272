from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from dashboard.etl import gii
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError

SZ = "GII-shenzhen-hong-kong-guangzhou"


@pytest.fixture(scope="module")
def part(raw: Path):
    # The raw file alone: the project's own harvest (sources/) is tested separately below.
    return gii.extract(raw, project=raw / "no-project-sources")


def _values(part, place_id: str, indicator_id: str, year: int, source_id: str | None = None):
    return {o["value"] for o in part.observations
            if (o["place_id"], o["indicator_id"], o["year"]) == (place_id, indicator_id, year)
            and source_id in (None, o["source_id"])}


def test_gii_scores(part):
    panel, export = gii.PANEL_SOURCE["source_id"], gii.EXPORT_SOURCE["source_id"]
    assert _values(part, "CHN", "gii_score", 2019, panel) == {54.8}
    assert _values(part, "CHN", "gii_score", 2019, export) == {54.8}
    assert _values(part, "CHN", "gii_score", 2022) == {55.3}
    assert _values(part, "CHE", "gii_score", 2022) == {64.6}
    assert _values(part, "CHE", "gii_score", 2011) == {63.82}
    assert _values(part, "HKG", "gii_score", 2011) == {58.80}
    assert _values(part, "CHN", "gii_rank", 2019) == {14}
    assert _values(part, "HKG", "gii_rank", 2019) == {13}
    per_edition = {}
    for o in part.observations:
        if o["indicator_id"] == "gii_score" and o["source_id"] == panel:
            per_edition[o["year"]] = per_edition.get(o["year"], 0) + 1
    assert per_edition[2011] == 125 and per_edition[2014] == 143 and per_edition[2022] == 132


def test_unverified_2025_file_is_not_used(raw, part):
    with (raw / "gii-economies" / "gii_2025_pillars_UNVERIFIED_Sadullah4535.csv").open(
            encoding="utf-8") as handle:
        scores = {r["Country"]: r["Score"] for r in csv.DictReader(handle, delimiter=";")}
    assert scores["China"] == "56.6"
    assert not [o for o in part.observations
                if o["indicator_id"] in ("gii_score", "gii_rank") and o["year"] > 2022]


def test_cluster_ranks(part):
    assert _values(part, SZ, "gii_cluster_rank", 2025) == {1}
    assert _values(part, SZ, "gii_cluster_rank", 2024) == {2}
    assert _values(part, "GII-tokyo-yokohama", "gii_cluster_rank", 2024) == {1}
    assert _values(part, "GII-beijing", "gii_cluster_rank", 2023) == {4}
    assert _values(part, "GII-nanjing", "gii_cluster_rank", 2024) == {9}
    assert _values(part, "GII-shenzhen-hong-kong", "gii_cluster_rank", 2018) == {2}
    # 2017 ranked by PCT filings only, so Nikkei's PCT ranking is that edition's ranking.
    assert _values(part, "GII-nagoya", "gii_cluster_rank", 2017) == {9}
    assert _values(part, "GII-nagoya", "gii_cluster_rank_pct", 2018) == {6}
    assert _values(part, "CHN", "gii_clusters_in_top100", 2024) == {26}
    assert _values(part, "USA", "gii_clusters_in_top100", 2023) == {21}
    assert _values(part, "GII-cambridge", "gii_cluster_intensity_rank", 2024) == {1}
    assert _values(part, "GII-qingdao", "gii_cluster_rank_change", 2022) == {12}
    assert _values(part, "GII-tokyo-yokohama", "gii_cluster_pct_share", 2025) == {10.3}


def test_one_row_per_source_with_evidence(part):
    keys = [(o["place_id"], o["indicator_id"], o["year"], o["source_id"])
            for o in part.observations]
    assert len(keys) == len(set(keys))
    sz_2025 = [o for o in part.observations
               if (o["place_id"], o["indicator_id"], o["year"]) == (SZ, "gii_cluster_rank", 2025)]
    assert len(sz_2025) >= 15
    assert all(o["evidence"] and "venture-capital" in o["note"] for o in sz_2025)
    assert all("China / Hong Kong" in o["note"] for o in sz_2025)
    facts = [o for o in part.observations if o["source_id"].startswith("gii-web-")]
    assert all(o["evidence"] for o in facts)
    nagoya = [o for o in part.observations if o["place_id"] == "GII-nagoya" and o["year"] == 2017]
    assert "PCT applications only" in nagoya[0]["note"]


def test_approximate_figures_are_qualified_and_doubtful_ones_left_out(part):
    # 'about 4' (Digital Phablet) is an approximation of 4; Yicai's '4' is exact.
    beijing = [o for o in part.observations if o["place_id"] == "GII-beijing"
               and o["indicator_id"] == "gii_cluster_publications_share" and o["year"] == 2025]
    assert sorted((o["value"], o["qualifier"] or "") for o in beijing) == [
        (4.0, ""), (4.0, ""), (4.0, "about")]
    # Mint's garbled 'per capita' figures (PROVENANCE item 6).
    assert not _values(part, "GII-bengaluru", "gii_cluster_pct_per_million", 2020)
    assert _values(part, "GII-nanjing", "gii_cluster_pct_per_million", 2024) == {907}


def test_cluster_places(part):
    places = {p["place_id"]: p for p in part.places}
    sz = places[SZ]
    assert (sz["kind"], sz["parent_id"], sz["name_zh"]) == ("cluster", "CHN", "深圳—香港—广州")
    assert (sz["lat"], sz["lon"]) == (22.5455, 114.0683)  # Shenzhen
    tokyo = places["GII-tokyo-yokohama"]
    assert (tokyo["parent_id"], tokyo["name_zh"]) == ("JPN", "东京—横滨")
    assert places["GII-beijing"]["name_zh"] == "北京"
    assert places["GII-chengdu"]["name_zh"] == ""  # only English pages name Chengdu
    assert places["GII-taipei-hsinchu"]["parent_id"] == "TWN"
    assert round(places["GII-new-york"]["lat"]) == 41
    for iso3 in ("CHN", "USA", "JPN", "KOR", "DEU"):
        assert places[iso3]["kind"] == "country"


def test_source_grades(part):
    sources = {s["url"]: s for s in part.sources}
    # One source per page; the 2 of 98 pages that only name things (no figure kept) are left out.
    web = {s["source_id"] for s in part.sources if s["kind"] == "web_page"}
    assert len(web) == 96 and web == {o["source_id"] for o in part.observations
                                      if o["source_id"].startswith("gii-web-")}
    assert gii.grade_for_url("https://wipo.int/web-publications/x") == "official"
    assert sources["https://kjj.wuhan.gov.cn/xwzx_8/kjspxw/202408/t20240829_2447399.html"][
        "grade"] == "official"
    assert gii.grade_for_url("https://kjj.wuhan.gov.cn/x") == "official"
    assert gii.grade_for_url("https://www.jetro.go.jp/x") == "official"
    assert gii.grade_for_url("http://subsites.chinadaily.com.cn/x") == "reprint"
    assert gii.grade_for_url("https://nipcnews.blogspot.com/x") == "weak"
    assert gii.grade_for_url("https://aimweb.pl/x") == "weak"
    nikkei = next(s for u, s in sources.items() if "nikkei.com" in u)
    assert nikkei["published"] == "2018-07-10"
    assert nikkei["source_id"] == gii.web_source_id(nikkei["url"])
    olarte = next(s for u, s in sources.items() if "olartemoure" in u)
    assert olarte["published"] == ""  # "data 2012-2016" in the title is not a date


def test_package_validates(raw, tmp_path):
    data = build_package(raw, ("gii",), tmp_path)
    indicators = data.indicators.set_index("indicator_id")
    assert indicators.loc["gii_rank", "unit"] == "rank"
    assert not indicators.loc["gii_rank", "higher_is_better"]
    assert indicators.loc["gii_cluster_pct_share", "unit"] == "% of world"
    obs = data.observations
    preferred = obs[obs["preferred"]].set_index(["place_id", "indicator_id", "year"])
    assert preferred.loc[(SZ, "gii_cluster_rank", 2025), "value"] == 1
    assert set(data.places.loc[data.places["kind"] == "cluster", "parent_id"]) <= set(
        data.places["place_id"])


def _fake_raw(raw: Path, tmp_path: Path) -> Path:
    fake = tmp_path / "raw"
    for file in (gii.CLUSTER_FILE, gii.PANEL_FILE, gii.EXPORT_FILE):
        (fake / file.parent).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(raw / file, fake / file)
    return fake


@pytest.mark.parametrize(("file", "find", "replace", "column"), [
    (gii.PANEL_FILE, "China;2019;42;", None, "Global Innovation Index"),
    (gii.PANEL_FILE, "Albania;2011;", "Atlantis;2011;", "Economies"),
    (gii.CLUSTER_FILE, "2024,Wuhan,wuhan,China,rank,13,", "2024,Wuhan,wuhan,China,rank,13th,",
     "value"),
])
def test_malformed_input(raw, tmp_path, file, find, replace, column):
    fake = _fake_raw(raw, tmp_path)
    path = fake / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if find in text)
    if replace is None:  # corrupt the GII score: 54,8 → 54.8 (a decimal point, not a comma)
        lines[line] = lines[line].replace(";54,8;", ";54.8;")
    else:
        lines[line] = lines[line].replace(find, replace, 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(RawInputError, match=rf"{path.name}, row {line + 1}, column '{column}'"):
        gii.extract(fake)


def test_china_cluster_counts_say_whether_hong_kong_and_taiwan_are_in(raw):
    counts = [o for o in gii.extract(raw).observations  # with the project's harvest
              if (o["place_id"], o["indicator_id"]) == ("CHN", "gii_clusters_in_top100")]
    assert counts
    for row in counts:
        assert ("Hong Kong" in row["note"]) or ("mainland" in row["note"]), row


def test_project_harvest_of_cluster_facts_is_read_and_checked(raw, tmp_path):
    header = ("edition,cluster,cluster_key,economy,indicator,value,unit,period,source_url,"
              "source_title,evidence\n")
    row = ('2023,Philadelphia,philadelphia,United States,rank,35,rank,,https://example.org/p,'
           'GII 2023 table,"35 Philadelphia, PA US 5,390 32,309 0"\n')
    harvest = tmp_path / gii.PROJECT_CLUSTER_FILE
    harvest.parent.mkdir(parents=True)
    harvest.write_text(header + row, encoding="utf-8")
    part = gii.extract(raw, project=tmp_path)
    assert any(o["place_id"] == "GII-philadelphia" and o["value"] == 35
               for o in part.observations)
    harvest.write_text(header + row.replace("United States", "Atlantis"), encoding="utf-8")
    with pytest.raises(RawInputError, match=r"gii_cluster_facts.csv, row 2, column 'economy'"):
        gii.extract(raw, project=tmp_path)

