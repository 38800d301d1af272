"""The one cache: a view is built once per package and arguments, and every argument counts."""

from dashboard.ui.cached import atlas, view
from dashboard.views import clusters, overview


def test_a_view_is_built_once_per_arguments_and_again_for_others():
    first = view(clusters.options, False)
    assert view(clusters.options, False) is first
    assert view(clusters.options, True) is not first
    assert view(overview.coverage, "en") is not view(overview.coverage, "zh")


def test_the_package_is_loaded_once():
    assert atlas() is atlas()
