"""The README documents exactly the pages and link parameters the registry and specs declare."""

import re

from dashboard import registry
from dashboard.i18n import t
from dashboard.url import GLOBAL
from tests_support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def table(heading: str) -> list[list[str]]:
    """The rows (cells) of the first Markdown table after ``heading``."""
    after = README.split(f"\n## {heading}\n", 1)[1]
    lines = [line for line in after.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def test_the_page_table_lists_every_page_once():
    documented = [row[0] for row in table("Pages")]
    assert sorted(documented) == sorted(t(p.key, "en") for p in registry.pages())


def test_the_url_table_lists_every_parameter_a_page_reads():
    documented = {name for row in table("URL parameters")
                  for name in re.findall(r"`([a-z_]+)`", row[0])}
    declared = {name for p in registry.pages() if p.spec for name in p.spec.names()}
    # chart= picks an embed's or a slide's block (ui.embed), on every page with charts.
    assert documented == declared | set(GLOBAL) | {"chart"}
