"""The one cache: a view is built once per package and arguments, and every argument counts."""

from dashboard import views
from dashboard.ui.cached import atlas, view


def test_a_view_is_built_once_per_arguments_and_again_for_others():
    first = view(views.cluster_options, False)
    assert view(views.cluster_options, False) is first
    assert view(views.cluster_options, True) is not first
    assert view(views.coverage, "en") is not view(views.coverage, "zh")


def test_the_package_is_loaded_once():
    assert atlas() is atlas()
