"""Geography levels on the package: which places each level holds, the China map's levels and
their boundary layers, and the ``level=`` values old links carry."""

import pytest

from dashboard import levels, registry, relationships
from dashboard.data.atlas import Atlas
from dashboard.data.load import data_dir


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.load(data_dir())


def test_links_keep_their_level_values():
    assert list(levels.LEVELS) == ["province", "city", "cluster", "country"]


def test_the_cluster_level_holds_the_gii_clusters_not_the_gihi_hubs(atlas):
    places = atlas.data.places
    hubs = set(places.loc[places["place_id"].str.startswith("GIHI-"), "place_id"])
    assert hubs and set(places.loc[places["place_id"].isin(hubs), "kind"]) == {"cluster"}
    picked = levels.level_places(atlas, "cluster")
    assert "GII-beijing" in picked and not hubs.intersection(picked)
    rows = levels.level_rows(atlas, "cluster")
    assert rows["place_id"].astype(str).str.startswith("GII-").all()
    chart = relationships.build(atlas, "cluster", "gii_cluster_pct_applications",
                                "gii_cluster_publications", "", int(rows["year"].max()), 3,
                                False, "region", (), "en", False)
    assert not hubs.intersection(chart.rows["place_id"].astype(str))


def test_chinese_levels_hold_only_chinese_places_and_municipalities_are_in_both(atlas):
    for level in ("province", "city"):
        rows = levels.level_rows(atlas, level)
        assert rows["place_id"].astype(str).str.startswith("CN-").all()
    beijing = "CN-110000"  # a municipality
    assert beijing in levels.level_places(atlas, "province")
    assert beijing in levels.level_places(atlas, "city")
    assert "CN-440100" not in levels.level_places(atlas, "province")  # Guangzhou, a city


def test_the_map_offers_the_levels_with_a_boundary_layer_in_the_package(atlas):
    assert levels.MAP_LEVELS == ("province", "city")
    layers = set(atlas.data.geo_layers["layer"])
    assert all(levels.LEVELS[level].layer in layers for level in levels.MAP_LEVELS)
    # A link asking the map for a level it cannot draw falls back to provinces.
    shown = registry.charts_for(atlas, "china_map", {"level": ["cluster"]}, "en", False)
    chart = shown["china-map"]
    assert set(chart.rows["kind"]) <= {"province", "municipality"}


def test_only_the_package_places_with_figures_are_offered_in_the_pickers_order(atlas):
    offered = levels.level_places(atlas, "country")
    assert offered == [p for p in atlas.places if p in set(offered)]
    with_figures = set(levels.level_rows(atlas, "country")["place_id"].astype(str))
    assert set(offered) == with_figures
