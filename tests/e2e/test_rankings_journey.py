"""The Rankings page in a real browser: the published leader on top, a peer group kept in the
link, the download with sources, and a place's link to its profile."""

from __future__ import annotations

import csv
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect
from test_journeys import heading, pick, query, visit

from dashboard.i18n import t

pytestmark = pytest.mark.e2e

DONE_CHECK = "/rankings?indicator=rd_intensity&level=province&year=2023"


def cell(page: Page, column: int, row: int) -> Locator:
    """A cell of the ranking as the grid's accessible table gives it (the canvas draws it)."""
    return page.locator(f'[data-testid="stDataFrame"] [data-testid="glide-cell-{column}-{row}"]')


def test_rankings_show_beijing_first_at_the_published_figure(page: Page, app_url: str) -> None:
    visit(page, app_url, DONE_CHECK)
    # Published: Beijing's R&D intensity in 2023, 6.73 % of GDP, the highest of any province.
    for column, text in enumerate(["1", "Beijing", "6.73", "% of GDP"]):
        expect(cell(page, column, 0)).to_have_text(text)
    assert query(page)["since"] == "2022"
    headers = page.locator('[data-testid="stDataFrame"] th')
    expect(headers.filter(has_text="Rank change since 2022")).to_have_count(1)


def test_rankings_group_download_and_profile_link(page: Page, app_url: str) -> None:
    visit(page, app_url, DONE_CHECK)
    group = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.get_by_role("combobox", name=t("peer_group", "en"), exact=True))
    pick(page, group, "municipalities", "The four municipalities")
    assert query(page)["group"] == "municipalities"
    expect(page.get_by_text("The four municipalities", exact=False).first).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"] tbody tr')).to_have_count(4)

    with page.expect_download() as download:
        page.get_by_role("button", name=t("download_csv", "en")).click()
    with open(download.value.path(), encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert {r["place"] for r in rows} == {"Beijing", "Shanghai", "Tianjin", "Chongqing"}
    beijing = next(r for r in rows if r["place"] == "Beijing")
    assert (beijing["rank"], beijing["value"]) == ("1", "6.73")
    assert beijing["source_url"].startswith("http")

    # The link is relative to the page, as the browser resolves it when the cell is clicked.
    target = urlsplit(urljoin(page.url, cell(page, 7, 0).text_content()))
    visit(page, app_url, f"{target.path}?{target.query}")
    expect(heading(page)).to_have_text(t("profile", "en"))
    assert query(page)["places"] == "CN-110000"
