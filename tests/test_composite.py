"""The composite index: normalisations, directions, weights, incomplete places, sensitivity and
the URL specification, on small tables worked out by hand; then the builder on the package."""

import math

import pandas as pd
import pytest

from dashboard import composite
from dashboard.composite import Part, normalise, score, sensitivity
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir
from dashboard.levels import level_rows

# Three places, two inputs. By hand, min–max: x → P 0, Q 0.5, R 1; y → P 1, Q 0, R 0.5.
TABLE = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [3.0, 1.0, 2.0]}, index=["P", "Q", "R"])


def test_min_max_runs_from_0_for_the_lowest_to_1_for_the_highest():
    assert normalise(pd.Series([1.0, 3.0, 5.0]), "minmax").tolist() == [0.0, 0.5, 1.0]


def test_z_score_uses_the_population_standard_deviation():
    # mean 3, variance (4 + 0 + 4) / 3, sd = sqrt(8/3)
    z = normalise(pd.Series([1.0, 3.0, 5.0]), "zscore").tolist()
    assert z == pytest.approx([-2 / math.sqrt(8 / 3), 0.0, 2 / math.sqrt(8 / 3)])


def test_rank_scales_positions_to_0_1_and_ties_share_their_average():
    assert normalise(pd.Series([10.0, 30.0, 20.0]), "rank").tolist() == [0.0, 1.0, 0.5]
    # positions 1.5, 1.5, 3 of 3 → 0.25, 0.25, 1
    assert normalise(pd.Series([1.0, 1.0, 3.0]), "rank").tolist() == [0.25, 0.25, 1.0]


@pytest.mark.parametrize("method, same", [("minmax", 0.5), ("zscore", 0.0), ("rank", 0.5)])
def test_identical_figures_separate_no_one(method, same):
    assert normalise(pd.Series([4.0, 4.0]), method).tolist() == [same, same]


def test_lower_is_better_flips_an_input():
    result = score(TABLE, [Part("x", 1.0, higher=False)], "minmax", False)
    assert result.score.to_dict() == pytest.approx({"P": 1.0, "Q": 0.5, "R": 0.0})
    assert result.rank.to_dict() == {"P": 1, "Q": 2, "R": 3}


def test_weights_make_a_weighted_mean_whose_parts_sum_to_the_score():
    # x weight 3, y weight 2: P (0·3 + 1·2)/5 = 0.4, Q (0.5·3 + 0)/5 = 0.3, R (3 + 1)/5 = 0.8
    result = score(TABLE, [Part("x", 3.0), Part("y", 2.0)], "minmax", False)
    assert result.score.to_dict() == pytest.approx({"P": 0.4, "Q": 0.3, "R": 0.8})
    assert result.rank.to_dict() == {"R": 1, "P": 2, "Q": 3}
    assert result.parts.loc["R"].to_dict() == pytest.approx({"x": 0.6, "y": 0.2})
    # Equal weights order them differently: P 0.5, Q 0.25, R 0.75.
    equal = score(TABLE, [Part("x"), Part("y")], "minmax", False)
    assert equal.score.to_dict() == pytest.approx({"P": 0.5, "Q": 0.25, "R": 0.75})


def test_ties_share_the_better_rank():
    table = pd.DataFrame({"x": [2.0, 2.0, 1.0]}, index=["A", "B", "C"])
    assert score(table, [Part("x")], "rank", False).rank.to_dict() == {"A": 1, "B": 1, "C": 3}


def test_a_place_missing_an_input_is_incomplete_and_not_scored():
    table = pd.concat([TABLE, pd.DataFrame({"x": [4.0], "y": [None]}, index=["S"])])
    result = score(table, [Part("x"), Part("y")], "minmax", False)
    assert result.incomplete == ["S"]
    assert "S" not in result.score.index
    # S does not stretch the scale of the places scored: the same scores as without it.
    assert result.score.to_dict() == pytest.approx({"P": 0.5, "Q": 0.25, "R": 0.75})


def test_with_gaps_allowed_a_place_is_scored_on_the_inputs_it_has():
    table = pd.concat([TABLE, pd.DataFrame({"x": [4.0], "y": [None]}, index=["S"])])
    result = score(table, [Part("x"), Part("y")], "minmax", True)
    # x over P..S: 0, 1/3, 2/3, 1. S has only x: its score is its x, with x's weight alone.
    assert result.score["S"] == pytest.approx(1.0)
    assert result.score["P"] == pytest.approx((0 + 1) / 2)
    assert result.gappy == ["S"] and result.incomplete == []


def test_sensitivity_gives_each_place_its_rank_range_and_equal_weight_rank():
    # Weights x 3, y 2 (ranks R, P, Q). Moving one weight by ±50 %, by hand:
    # x 1.5: P .571 Q .214 → R P Q;  x 4.5: P .308 Q .346 → R Q P;
    # y 1:   P .25  Q .375 → R Q P;  y 3:   P .5   Q .25  → R P Q;  equal: R P Q.
    ranges = sensitivity(TABLE, [Part("x", 3.0), Part("y", 2.0)], "minmax", False)
    assert ranges.loc["R"].tolist() == [1, 1, 1, 1]
    assert ranges.loc["P"].tolist() == [2, 2, 3, 2]
    assert ranges.loc["Q"].tolist() == [3, 2, 3, 3]
    assert list(ranges.columns) == ["rank", "best", "worst", "equal"]


OFFERED = {"rd_intensity": True, "gdp": True, "gii_cluster_rank": False}


def test_the_url_specification_reads_back_what_it_writes():
    parts = [Part("rd_intensity", 2.0, True), Part("gii_cluster_rank", 0.5, False)]
    text = composite.format_spec(parts)
    assert text == "rd_intensity:2:+,gii_cluster_rank:0.5:-"
    assert composite.parse_spec(text, OFFERED) == (parts, [])


def test_a_short_specification_takes_weight_1_and_the_indicators_own_direction():
    parts, notices = composite.parse_spec("gdp,gii_cluster_rank", OFFERED)
    assert parts == [Part("gdp", 1.0, True), Part("gii_cluster_rank", 1.0, False)]
    assert notices == []


@pytest.mark.parametrize("bad", ["nope:1:+", "gdp:0:+", "gdp:x:+", "gdp:1:*", "gdp:11:+",
                                 "gdp:1:+:9"])
def test_a_bad_part_is_dropped_with_a_notice(bad):
    parts, notices = composite.parse_spec(f"rd_intensity:1:+,{bad}", OFFERED)
    assert parts == [Part("rd_intensity", 1.0, True)]
    assert len(notices) == 1 and bad in notices[0].text("en")


def test_a_repeated_indicator_counts_once():
    parts, notices = composite.parse_spec("gdp:1:+,gdp:3:-", OFFERED)
    assert parts == [Part("gdp", 1.0, True)] and len(notices) == 1


# -- on the data package -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def test_offered_indicators_have_enough_coverage(atlas):
    years, year = composite.index_years(atlas, "province")
    assert year in years
    offered = composite.enough(atlas, "province", year)
    rows = level_rows(atlas, "province")
    rows = rows[rows["year"] == year]
    covered = rows.groupby("indicator_id", observed=True)["place_id"].nunique()
    least = max(composite.MIN_PLACES, composite.MIN_SHARE * rows["place_id"].nunique())
    assert composite.places_with_figures(atlas, "province", year) == rows["place_id"].nunique()
    assert offered and all(covered[i] >= least for i in offered)
    assert all(covered[i] < least for i in covered.index if i not in offered)
    assert len(offered) >= 2 and all(len(composite.enough(atlas, "province", y)) >= 2
                                     for y in years)


def test_the_index_ranks_complete_places_and_lists_the_rest_as_incomplete(atlas):
    year = 2019
    offered = composite.enough(atlas, "country", year)
    parts = (Part("rd_intensity"), Part("researchers_per_million"))
    assert all(p.indicator in offered for p in parts)
    out = composite.build(atlas, "country", year, parts, "zscore", False, "en", False)
    scored = out.table[out.table["Rank"].notna()]
    incomplete = out.table[out.table["Rank"].isna()]
    assert not incomplete.empty and (incomplete["Score"] == "incomplete").all()
    assert scored["Rank"].is_monotonic_increasing
    assert scored["Score"].astype(float).is_monotonic_decreasing
    # Every incomplete place misses one of the inputs, every scored one has both.
    inputs = out.table.iloc[:, 4:6]
    assert inputs.loc[incomplete.index].isna().any(axis=1).all()
    assert inputs.loc[scored.index].notna().all(axis=1).all()
    assert str(len(incomplete)) in out.note
    # The downloads carry every input figure with its source.
    rows = out.bars.rows
    assert set(rows["indicator_id"]) == {"rd_intensity", "researchers_per_million"}
    assert rows["source_id"].notna().all() and (rows["year"] == year).all()
    assert "z-scores" in out.method and "Research and development" in out.method


def test_allowing_gaps_scores_more_places_and_says_so(atlas):
    parts = (Part("rd_intensity"), Part("researchers_per_million"))
    strict = composite.build(atlas, "country", 2019, parts, "minmax", False, "en", False)
    loose = composite.build(atlas, "country", 2019, parts, "minmax", True, "en", False)
    assert loose.table["Rank"].notna().sum() > strict.table["Rank"].notna().sum()
    assert loose.note.startswith("Gaps allowed")
    assert all(loose.note in chart.takeaway for chart in (loose.map, loose.bars, loose.ranges))
    assert not any("Gaps allowed" in chart.takeaway
                   for chart in (strict.map, strict.bars, strict.ranges))


# -- presets -------------------------------------------------------------------------------------

VALID = """
[p]
level = "country"
name_en = "n"
name_zh = "n"
framework_en = "the F index"
framework_zh = "F"
left_out_en = "Left out: the rest."
left_out_zh = "其余"
framework_indicators = 3
stated_weights = false
parts = [{ indicator = "gdp", weight = 1, direction = "+" },
         { indicator = "rd_intensity", weight = 1, direction = "-" }]

[p.source]
title = "F method"
publisher = "F"
url = "https://example.org/f"
published = "2024"
grade = "official"
"""


def write_presets(tmp_path, text):
    path = tmp_path / "presets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_preset_is_read_with_its_parts(tmp_path):
    preset = composite.read_presets(write_presets(tmp_path, VALID), {"gdp", "rd_intensity"})["p"]
    assert preset.level == "country" and preset.framework_indicators == 3
    assert preset.parts == (Part("gdp", 1.0, True), Part("rd_intensity", 1.0, False))
    assert preset.matches("country", [Part("rd_intensity", 1.0, False), Part("gdp")])
    assert not preset.matches("country", [Part("gdp"), Part("rd_intensity", 2.0, False)])
    assert not preset.matches("province", list(preset.parts))


@pytest.mark.parametrize("old, new, field", [
    ('indicator = "gdp"', 'indicator = "nope"', "parts[0].indicator"),
    ('indicator = "rd_intensity"', 'indicator = "gdp"', "parts[1].indicator"),
    ('weight = 1, direction = "+"', 'weight = 0, direction = "+"', "parts[0].weight"),
    # The framework's weights are not used: a weight of 2 would be one nobody stated.
    ('weight = 1, direction = "+"', 'weight = 2, direction = "+"', "parts[0].weight"),
    ('direction = "-"', 'direction = "down"', "parts[1].direction"),
    ('level = "country"', 'level = "galaxy"', "level"),
    ("framework_indicators = 3", "framework_indicators = 1", "parts"),
    ('framework_zh = "F"', "", "framework_zh"),
    ('grade = "official"', 'grade = "great"', "source.grade"),
    ('url = "https://example.org/f"', 'url = "example.org"', "source.url"),
    ('publisher = "F"\n', "", "source.publisher"),
    ("stated_weights = false", "stated_weights = 0", "stated_weights"),
])
def test_a_bad_preset_is_refused_naming_file_preset_and_field(tmp_path, old, new, field):
    assert old in VALID
    path = write_presets(tmp_path, VALID.replace(old, new))
    with pytest.raises(composite.PresetError) as error:
        composite.read_presets(path, {"gdp", "rd_intensity"})
    assert str(error.value).startswith(f"presets.toml, preset p, {field}:")


def test_an_unreadable_presets_file_is_named(tmp_path):
    with pytest.raises(composite.PresetError, match=r"^presets\.toml: "):
        composite.read_presets(write_presets(tmp_path, "[p\nlevel ="))


def test_a_preset_starts_on_its_level_and_inputs_in_the_year_most_places_have_them_all(
        atlas, tmp_path, monkeypatch):
    text = VALID.replace("stated_weights = false", "stated_weights = true").replace(
        'indicator = "gdp", weight = 1', 'indicator = "gii_score", weight = 2').replace(
        'indicator = "rd_intensity"', 'indicator = "hightech_exports_share"')
    monkeypatch.setattr(composite, "PRESETS_FILE", write_presets(tmp_path, text))
    start = composite.preset_start(atlas, "p")
    assert start.level == "country"
    assert start.parts == (Part("gii_score", 2.0, True),
                           Part("hightech_exports_share", 1.0, False))
    inputs = {"gii_score", "hightech_exports_share"}
    offering = [y for y in composite.index_years(atlas, "country")[0]
                if inputs <= set(composite.enough(atlas, "country", y))]
    rows = level_rows(atlas, "country")

    def with_both(year: int) -> int:
        these = rows[(rows["year"] == year) & rows["indicator_id"].isin(inputs)]
        return int((these.groupby("place_id", observed=True)["indicator_id"].nunique() == 2).sum())

    # Not simply the latest year: fewer economies have both figures in the latest ones.
    most = max(with_both(y) for y in offering)
    assert start.year == max(y for y in offering if with_both(y) == most)


def test_a_preset_whose_inputs_no_year_offers_starts_without_a_year(atlas, tmp_path,
                                                                    monkeypatch):
    # GII clusters have neither GDP nor R&D intensity figures.
    text = VALID.replace('level = "country"', 'level = "cluster"')
    monkeypatch.setattr(composite, "PRESETS_FILE", write_presets(tmp_path, text))
    start = composite.preset_start(atlas, "p")
    assert start.level == "cluster" and start.year is None and len(start.parts) == 2


def test_the_shipped_presets_open_on_a_year_offering_every_input(atlas):
    found = composite.presets(atlas)
    assert len(found) >= 2
    for preset_id, preset in found.items():
        year = composite.preset_start(atlas, preset_id).year
        assert year is not None
        assert all(p.indicator in composite.enough(atlas, preset.level, year)
                   for p in preset.parts)
        text = composite.preset_text(preset, "en")
        assert f"using the {len(preset.parts)} of its {preset.framework_indicators}" in text
        assert preset.source["url"] in text
        if not preset.stated_weights:
            assert "equal weights (the framework's own are not used)" in text.lower()


def test_the_cluster_preset_tracks_the_published_cluster_ranking(atlas):
    # An approximation worth offering orders the clusters much as WIPO's own ranking does.
    preset = composite.presets(atlas)["gii_clusters"]
    year = composite.preset_start(atlas, "gii_clusters").year
    out = composite.build(atlas, preset.level, year, preset.parts, "minmax", False, "en", False,
                          "gii_clusters")
    ranked = out.table[out.table["Rank"].notna()].set_index("place_id")["Rank"]
    rows = level_rows(atlas, "cluster", "gii_cluster_rank")
    published = rows[rows["year"] == year].assign(place_id=lambda r: r["place_id"].astype(str))
    both = ranked.to_frame("ours").join(published.set_index("place_id")["value"], how="inner")
    assert len(both) >= 20
    # Spearman's rho: Pearson's r of the ranks.
    assert both["ours"].astype(float).rank().corr(both["value"].rank()) > 0.8


def test_the_method_names_the_framework_only_while_the_inputs_are_the_presets(atlas):
    preset = composite.presets(atlas)["gii_economies"]
    year = composite.preset_start(atlas, "gii_economies").year
    same = composite.build(atlas, "country", year, preset.parts, "zscore", False, "en", False,
                           "gii_economies")
    assert same.method.startswith("Preset: an approximation of the WIPO Global Innovation Index")
    assert "Left out:" in same.method
    moved = (Part(preset.parts[0].indicator, 2.0), *preset.parts[1:])
    edited = composite.build(atlas, "country", year, moved, "zscore", False, "en", False,
                             "gii_economies")
    assert not edited.method.startswith("Preset")
