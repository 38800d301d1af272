from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.etl import seeds
from dashboard.etl.build import build_package
from dashboard.etl.common import RawInputError

GUANGZHOU = "CN-440100"


@pytest.fixture(scope="module")
def part(raw: Path) -> seeds.Contribution:
    return seeds.extract(raw)


def value(part, place: str, indicator: str, year: int) -> float:
    (hit,) = [o["value"] for o in part.observations
              if (o["place_id"], o["indicator_id"], o["year"]) == (place, indicator, year)]
    return hit


@pytest.mark.parametrize("fact", seeds.FACTS, ids=lambda f: f"{f[2]}-{f[3]}")
def test_evidence_is_verbatim_and_states_the_value(raw, fact):
    seed, _, _, _, number, stated, evidence, _ = fact
    text = (seeds.seeds_dir(raw) / seeds.SEEDS[seed][0]).read_text(encoding="utf-8")
    assert evidence in text
    assert stated in evidence
    assert seeds.stated_value(stated) == number


def test_guangzhou_figures(part):
    assert value(part, GUANGZHOU, "universities", 2016) == 83
    assert value(part, GUANGZHOU, "national_key_labs", 2016) == 19
    assert value(part, GUANGZHOU, "makerspaces", 2017) == 138
    assert value(part, GUANGZHOU, "hightech_enterprises_provincial", 2017) == 2995
    assert value(part, GUANGZHOU, "nobel_laureates", 2017) == 6
    assert value(part, GUANGZHOU, "talent_green_cards", 2017) == 2515


def test_both_incubator_counts_of_seed_004_are_kept_with_their_difference(raw, part):
    rows = [o for o in part.observations
            if (o["place_id"], o["indicator_id"], o["year"]) == (GUANGZHOU, "incubators", 2017)]
    assert sorted(o["value"] for o in rows) == [215, 280]  # the Present deck quotes 280
    assert all("differ in scope" in o["note"] for o in rows)


def test_gii_count_is_the_2023_edition(part):
    assert value(part, "CHN", "gii_clusters_in_top100", 2023) == 24


def test_sources(raw, part):
    ids = [s["source_id"] for s in part.sources]
    assert ids == [f"seed-{i:03d}" for i in range(5)]
    assert all((seeds.seeds_dir(raw) / s["url"]).is_file() for s in part.sources)
    assert {s["kind"] for s in part.sources} == {"seed_document"}
    grades = {s["source_id"]: s["grade"] for s in part.sources}
    assert grades["seed-003"] == "official" and grades["seed-004"] == "reprint"
    assert next(s for s in part.sources if s["source_id"] == "seed-004")["published"] == \
        "2017-09-26"


def test_beijing_milestones_are_not_observations(raw, part):
    milestones = seeds.beijing_hub_milestones(raw)
    assert [m["year"] for m in milestones] == [2017, 2020, 2030]
    text = (seeds.seeds_dir(raw) / seeds.SEEDS[3][0]).read_text(encoding="utf-8")
    assert all(m["evidence"] in text and m["place_id"] == "CN-110000" for m in milestones)
    assert not [o for o in part.observations if o["source_id"] == "seed-003"]
    assert part.milestones == milestones


def test_package_validates(raw, tmp_path):
    data = build_package(raw, ("census", "city_facts", "seeds"), tmp_path)
    seed_obs = data.observations[data.observations.source_id.str.startswith("seed-")]
    assert len(seed_obs) == len(seeds.FACTS)
    assert set(data.milestones.year) == {2017, 2020, 2030}


def test_phrase_missing_from_seed(raw, tmp_path):
    fake_seeds = tmp_path / "seeds"
    shutil.copytree(seeds.seeds_dir(raw), fake_seeds)
    path = fake_seeds / seeds.SEEDS[4][0]
    path.chmod(0o644)
    path.write_text(path.read_text(encoding="utf-8").replace("2,995", "2,959"), encoding="utf-8")
    with pytest.raises(RawInputError, match=r"004_11b16cb614225836\.txt, column 'evidence'"):
        seeds.extract(tmp_path / "sources")
