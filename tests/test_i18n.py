"""The text catalogue is complete: every key the code asks for exists in English and Chinese,
including keys built at run time from the contract's enums and the app's choices."""

import ast
import copy
import string
from pathlib import Path

import pandas as pd
import pytest

from dashboard import composite, export, levels, peer_groups, query, relationships, url
from dashboard.data import contract
from dashboard.i18n import TEXT, t
from dashboard.topics import TOPICS
from dashboard.views import overview

ROOT = Path(__file__).resolve().parents[1]
CODE = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"),
               *(ROOT / "src" / "dashboard").rglob("*.py")])


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in CODE}


def _download_columns() -> list[str]:
    empty = pd.DataFrame(columns=query.FACT_COLUMNS)
    return list(query.download_table(empty, "en").columns)


# Every prefix the code builds keys from, and the values it is completed with.
DYNAMIC = {
    "kind_": lambda: contract.PLACE_KINDS,
    "topic_": lambda: contract.TOPICS,
    "grade_": lambda: contract.GRADES,
    "qualifier_": lambda: contract.QUALIFIERS,
    "bound_": lambda: contract.QUALIFIERS,
    "mode_": lambda: url.MODES,
    "topic_intro_": lambda: list(TOPICS),
    "in_level_": lambda: levels.MAP_LEVELS,
    "download_": lambda: export.IMAGE_FORMATS,
    "csv_": _download_columns,
    "colour_": lambda: list(relationships.COLOURS),
    "rel_corr_": lambda: relationships.CORRELATIONS,
    "norm_": lambda: composite.NORMS,
    "norm_explained_": lambda: composite.NORMS,
    "score_unit_": lambda: composite.NORMS,
    "group_": lambda: peer_groups.METHODS,
    "group_no_": lambda: peer_groups.METHODS,
    "next_": lambda: overview.NEXT,
}


def _keys(node: ast.expr) -> tuple[list[str], list[str]]:
    """Literal keys and key prefixes in the first argument of a ``t(...)`` call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value], []
    if isinstance(node, ast.IfExp):
        body, orelse = _keys(node.body), _keys(node.orelse)
        return body[0] + orelse[0], body[1] + orelse[1]
    if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
        return [], [node.values[0].value]
    if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)
            and isinstance(node.left, ast.Constant)):
        return [], [node.left.value]
    return [], []


def _used() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    literal, prefixes = set(), set()
    for path, tree in _trees().items():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t"
                    and node.args):
                keys, found = _keys(node.args[0])
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                literal.update((key, where) for key in keys)
                prefixes.update((prefix, where) for prefix in found)
    return literal, prefixes


def test_the_scan_finds_the_code_and_its_keys():
    literal, prefixes = _used()
    assert {key for key, _ in literal} >= {"app_title", "no_data", "takeaway_up_one",
                                            "takeaway_rose", "unit_per_million"}
    assert {p for p, _ in prefixes} >= {"kind_", "topic_", "grade_", "csv_"}


def test_every_literal_key_exists():
    literal, _ = _used()
    missing = sorted(f"{key} ({where})" for key, where in literal if key not in TEXT)
    assert not missing, "keys used but not in i18n.TEXT: " + ", ".join(missing)


def test_every_dynamic_key_exists_for_every_value_of_its_enum():
    _, prefixes = _used()
    unknown = sorted(f"{p} ({where})" for p, where in prefixes if p not in DYNAMIC)
    assert not unknown, "keys built from a prefix this test does not know: " + ", ".join(
        unknown) + ". Add the prefix and where its values come from to DYNAMIC."
    missing = sorted(f"{p}{value}" for p in {p for p, _ in prefixes}
                     for value in DYNAMIC[p]() if f"{p}{value}" not in TEXT)
    assert not missing, "missing keys: " + ", ".join(missing)


def test_every_level_is_named_in_both_languages():
    assert not [level.label for level in levels.LEVELS.values() if level.label not in TEXT]


def test_a_new_place_kind_would_fail_rather_than_raise_in_the_app(monkeypatch):
    monkeypatch.setattr(contract, "PLACE_KINDS", (*contract.PLACE_KINDS, "district"))
    with pytest.raises(AssertionError, match="kind_district"):
        test_every_dynamic_key_exists_for_every_value_of_its_enum()


@pytest.mark.parametrize("key", sorted(TEXT))
def test_both_languages_are_written_with_the_same_placeholders(key):
    en, zh = TEXT[key]
    assert en.strip() and zh.strip()

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert fields(en) == fields(zh)


def test_chinese_text_is_chinese():
    """A key whose Chinese is its English copied is untranslated (ids and symbols aside)."""
    same = [key for key, (en, zh) in TEXT.items()
            if en == zh and any(ch.isalpha() for ch in en) and key != "language_switch"]
    assert not same, same


def test_placeholders_are_filled():
    assert t("notice_outside", "zh", name="year", value=1900, lo=2010, hi=2024) == (
        "已忽略 year=1900:超出 2010–2024。")
    assert t("unit_per_million", "en", unit="count") == "count per million people"


def test_every_text_is_used():
    """Each key is written somewhere in the code (a call, or a table of pages or links) or is
    built from a prefix and its enum."""
    written = {node.value for tree in _trees().values() for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    built = {f"{prefix}{value}" for prefix, values in DYNAMIC.items() for value in values()}
    assert sorted(set(TEXT) - written - built) == []


def test_link_notices_are_shown_in_the_readers_language():
    notice = url.notice("deck", value="<b>x</b>")
    assert notice.text("en") == "Ignored deck=<b>x</b>: no such deck."
    assert notice.text("zh") == "已忽略 deck=<b>x</b>:没有此演示文稿。"
    assert copy.deepcopy(notice).text("zh") == notice.text("zh")
