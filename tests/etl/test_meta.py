"""Source provenance lives in a meta file beside each source module, read strictly."""

from __future__ import annotations

import pytest

from dashboard.data.load import load_dataset
from dashboard.etl import build, meta
from dashboard.etl.common import RawInputError

SOURCE = """
[sources.s-1]
title = "A table"
publisher = "An office"
url = "https://example.org/t"
licence = "CC BY 4.0"
citation = "An office, {book}."
kind = "dataset"
grade = "official"
"""


def _meta(tmp_path, text: str) -> meta.Meta:
    (tmp_path / "mod.meta.toml").write_text(text, encoding="utf-8")
    return meta.load(tmp_path / "mod.py")


def test_every_source_module_cites_its_sources_from_its_meta_file():
    sources = load_dataset().sources.set_index("source_id")
    for name in build.SOURCE_MODULES:
        module = __import__(f"dashboard.etl.{name}", fromlist=["META"])
        for source_id, row in module.META.sources.items():
            assert sources.loc[source_id, "citation"] == row["citation"], source_id


def test_sources_quote_the_texts(tmp_path):
    got = _meta(tmp_path, '[texts]\nbook = "Yearbook 2020"\n' + SOURCE).sources["s-1"]
    assert got["citation"] == "An office, Yearbook 2020."
    assert "carrier" not in got


@pytest.mark.parametrize(("change", "message"), [
    (('grade = "official"', 'grade = "good"'), r"column 'sources.s-1.grade': 'good' is not one"),
    (('licence = "CC BY 4.0"\n', ""), r"column 'sources.s-1.licence': value is required"),
    (('title = "A table"', 'title = " "'), r"column 'sources.s-1.title': value is required"),
    (('kind = "dataset"', 'kind = "dataset"\nnotes = "x"'), r"column 'sources.s-1.notes': not a"),
    (('kind = "dataset"', "kind = 3"), r"column 'sources.s-1.kind': must be a text"),
    (("{book}", "{books}"), r"column 'sources.s-1.citation': nothing fills \{books\}"),
    (("[sources.s-1]", "[sources.S_1]"), r"column 'sources.S_1': not a source id"),
    (("[sources.s-1]", "[source.s-1]"), r"column 'source': unknown table"),
])
def test_a_bad_entry_names_file_and_key(tmp_path, change, message):
    text = '[texts]\nbook = "B"\n' + SOURCE.replace(*change)
    with pytest.raises(RawInputError, match=r"mod\.meta\.toml, " + message):
        _meta(tmp_path, text)


def test_templates_fill_in_from_values_texts_and_fields_above(tmp_path):
    made = _meta(tmp_path, """
[texts]
office = "An office"
[templates.page]
publisher = "{office}"
url = "https://example.org/{code}"
citation = "{publisher}: {title}. {url}"
kind = "web_page"
""")
    row = made.source("page", source_id="p-1", title="T", code="x1", grade="weak")
    assert row == {"source_id": "p-1", "title": "T", "grade": "weak", "publisher": "An office",
                   "url": "https://example.org/x1", "kind": "web_page",
                   "citation": "An office: T. https://example.org/x1"}
    with pytest.raises(RawInputError, match=r"column 'templates.page.url': nothing fills \{code\}"):
        made.source("page", source_id="p-2", title="T")


def test_a_template_with_a_bad_field_names_it(tmp_path):
    with pytest.raises(RawInputError, match=r"column 'templates.page.grade': 'good' is not"):
        _meta(tmp_path, '[templates.page]\ngrade = "good"\n')
    with pytest.raises(RawInputError, match=r"mod.meta.toml: not valid TOML"):
        _meta(tmp_path, "[templates.page\n")
