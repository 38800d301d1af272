"""The index builder and the relationships page in a real browser: a shared index link gives a
friend the same ranking, and play steps the scatter (and the China map) through the years with
the URL following."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from test_journeys import (
    URLS,
    VIEWPORT_SIZE,
    assert_page_drawn,
    choose,
    query,
    rerun,
    visit,
)

from dashboard.i18n import t

pytestmark = pytest.mark.e2e

TABLE_ROWS = '[data-testid="stDataFrame"] table tr'


def ranked_rows(page: Page) -> list[list[str]]:
    """The ranked table as a screen reader reads it (the grid's accessible table)."""
    expect(page.locator(TABLE_ROWS).nth(5)).to_be_attached()
    return page.locator(TABLE_ROWS).evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.innerText.trim()))")


def test_a_shared_index_link_reproduces_the_ranking(page: Page, app_url: str, browser) -> None:
    visit(page, app_url, URLS["innovation_index"])
    first = t("index_weight", "en", what="R&D intensity")
    step_up = page.locator('[data-testid="stNumberInput"]').filter(has_text=first).get_by_test_id(
        "stNumberInputStepUp")
    rerun(page, lambda: step_up.click())
    rerun(page, lambda: step_up.click())
    choose(page, t("index_direction", "en", what="Invention patents granted"),
           t("index_lower", "en"))
    choose(page, t("index_norm", "en"), t("norm_zscore", "en"))
    params = query(page)
    assert params["ind"].startswith("rd_intensity:2:+,invention_patent_grants:1:-"), page.url
    assert params["norm"] == "zscore"
    assert_page_drawn(page, URLS["innovation_index"])
    mine = ranked_rows(page)
    assert mine[1][0] == "1" and len(mine) > 5

    friend_context = browser.new_context(viewport=VIEWPORT_SIZE, locale="en-US")
    try:
        friend = friend_context.new_page()
        visit(friend, "", page.url)
        assert ranked_rows(friend) == mine
        assert query(friend) == params
    finally:
        friend_context.close()


@pytest.mark.parametrize("where, start, later", [
    ("relationships", "?level=province&year=2019", "2021"),
    ("china_map", "?indicator=rd_expenditure&year=2015", "2017"),
])
def test_play_steps_through_the_years_and_pause_leaves_the_year_in_the_url(
        page: Page, app_url: str, where: str, start: str, later: str) -> None:
    visit(page, app_url, URLS[where] + start)
    first = query(page)["year"]
    page.get_by_role("button", name=t("rel_play", "en")).click()
    expect(page).to_have_url(re.compile(rf"year={later}"), timeout=30_000)
    rerun(page, lambda: page.get_by_role("button", name=t("rel_pause", "en")).click())
    year = query(page)["year"]
    assert int(year) > int(first)
    title = page.locator('[data-testid="stPlotlyChart"] .gtitle').first
    expect(title).to_contain_text(year)
    page.wait_for_timeout(2500)  # stopped: the year stays where it paused
    assert query(page)["year"] == year
