"""The shared caches: memo keys and what they hold."""

from dashboard.ui.cached import filter_key, memo


def test_filter_key_ignores_order_of_wanted_values_but_not_the_values():
    a = filter_key({"places": ["CN-110000", "CN-440100"], "include_weak": False})
    b = filter_key({"include_weak": False, "places": ("CN-440100", "CN-110000")})
    assert a == b
    assert a != filter_key({"places": ["CN-110000"], "include_weak": False})
    assert a != filter_key({"places": ["CN-110000", "CN-440100"], "include_weak": True})
    assert filter_key({"years": (2010, 2020)}) != filter_key({"years": (2010, 2021)})


def test_memo_builds_once_per_key():
    calls = []

    def build(tag: str) -> list[str]:
        calls.append(tag)
        return [tag]

    first = memo(("test-memo", "a"), lambda: build("a"))
    assert memo(("test-memo", "a"), lambda: build("again")) is first
    assert memo(("test-memo", "b"), lambda: build("b")) == ["b"]
    assert calls == ["a", "b"]
