from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.etl import catalog, world
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError


@pytest.fixture(scope="module")
def part(raw: Path):
    return world.extract(raw)


@pytest.fixture(scope="module")
def values(part):
    table = {}
    for o in part.observations:
        key = (o["place_id"], o["indicator_id"], o["year"])
        assert key not in table  # one source per indicator, so one row per key
        table[key] = o
    return table


def test_world_bank_spot_checks(values):
    assert values[("CHN", "rd_intensity", 2023)]["value"] == 2.57729  # as in the file
    assert round(values[("KOR", "rd_intensity", 2023)]["value"], 3) == 4.944
    assert round(values[("USA", "rd_intensity", 2023)]["value"], 3) == 3.447
    assert round(values[("CHN", "researchers_per_million", 2023)]["value"], 1) == 2107.3
    assert round(values[("KOR", "researchers_per_million", 2023)]["value"], 1) == 9471.8
    assert values[("CHN", "patent_applications_resident", 2021)]["value"] == 1_426_644
    assert round(values[("CHN", "hightech_exports_share", 2021)]["value"], 2) == 29.96
    assert ("CHN", "rd_intensity", 2024) not in values  # blank in the file: no row
    assert values[("CHN", "rd_intensity", 2023)]["source_id"] == "wb-gb.xpd.rsdv.gd.zs"


def test_countries_only(part):
    places = {p["place_id"] for p in part.places}
    assert {"CHN", "USA", "KOR", "HKG", "TWN"} <= places
    assert not {"WLD", "HIC", "EAS", "EUU", "XKX", "CHI"} & places
    assert all(p["kind"] == "country" for p in part.places)


def test_world_bank_sources(part):
    sources = {s["source_id"]: s for s in part.sources}
    rd = sources["wb-gb.xpd.rsdv.gd.zs"]
    assert (rd["published"], rd["licence"], rd["grade"]) == ("2026-07-13", "CC BY 4.0", "official")
    assert "last updated 2026-07-13" in rd["citation"]
    assert "Research and development expenditure (% of GDP)" in rd["title"]
    assert sources["wb-tx.val.tech.mf.zs"]["published"] == "2022-12-22"
    assert sources["wb-ip.pat.resd"]["published"] == "2026-01-28"


def test_ncses(values, part):
    articles = values[("CHN", "se_articles_fractional", 2022)]
    assert round(articles["value"]) == 898_949
    assert "restored by position" in articles["note"]
    assert round(values[("USA", "se_articles_fractional", 2022)]["value"]) == 457_335
    pct = values[("CHN", "pct_applications_receiving_office", 2022)]
    assert pct["value"] == 68_558
    assert "receiving office" in pct["note"] and "Hong Kong" in pct["note"]
    gerd = values[("CHN", "gerd_ppp", 2019)]
    assert gerd["value"] == 525_693.4
    assert values[("AUS", "gerd_ppp", 2017)]["value"] == 22_376.2  # latest year is 2017
    assert "Civilian" in values[("ISR", "gerd_ppp", 2019)]["note"]
    assert values[("TWN", "gerd_ppp", 2019)]["value"] == 44_014.3
    vc = values[("CHN", "venture_capital", 2020)]
    assert vc["value"] == 60_197 and "Hong Kong" in vc["note"]
    assert ("CHN", "venture_capital", 2000) in values and ("IND", "venture_capital", 2020) in values
    ncses_places = {o["place_id"] for o in part.observations if o["source_id"].startswith("ncses")}
    assert "DEU" in ncses_places and len(ncses_places) > 190


def test_units():
    units = catalog.units()
    assert units["gerd_ppp"] == "US$ millions (PPP)"
    assert units["venture_capital"] == "US$ millions"
    assert units["hightech_exports_share"] == "% of manufactured exports"
    definitions = catalog.indicators().set_index("indicator_id")["definition"]
    assert "NOT by the applicant's origin" in definitions["pct_applications_receiving_office"]


def test_package_validates(raw, tmp_path):
    data = build_package(raw, ("world",), tmp_path)
    obs = data.observations.set_index(["place_id", "indicator_id", "year"])
    assert obs.loc[("KOR", "rd_intensity", 2023), "grade"] == "official"
    assert data.indicators.set_index("indicator_id").loc["rd_intensity", "unit"] == "% of GDP"


def _fake_raw(raw: Path, tmp_path: Path) -> Path:
    fake = tmp_path / "raw"
    for folder in (world.WDI_DIR, world.NCSES_DIR):
        (fake / folder).mkdir(parents=True)
        for file in (raw / folder).glob("*.csv"):
            shutil.copyfile(file, fake / folder / file.name)
    return fake


@pytest.mark.parametrize(("file", "find", "old", "new", "column"), [
    (world.WDI_DIR / "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv", '"China","CHN"',
     '"2.57729"', '"2.5x729"', "2023"),
    (world.NCSES_DIR / "ncses_SPBS-2_se_articles_fractional_by_country_2003_2022_tidy.csv",
     "China,2,2022,", "China,2,2022,", "Atlantis,2,2022,", "entity"),
])
def test_malformed_input(raw, tmp_path, file, find, old, new, column):
    fake = _fake_raw(raw, tmp_path)
    path = fake / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if find in text)
    lines[line] = lines[line].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(RawInputError, match=rf"{path.name}, row {line + 1}, column '{column}'"):
        world.extract(fake)
