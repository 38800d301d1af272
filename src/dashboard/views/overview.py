"""What the atlas covers, headline figures for Beijing and Guangzhou, where to go next."""

from __future__ import annotations

import pandas as pd

from dashboard import query
from dashboard.data.atlas import Atlas
from dashboard.i18n import t
from dashboard.registry import Page

HEADLINE_PLACES = ("CN-110000", "CN-440100")
HEADLINE_INDICATORS = ("rd_expenditure", "rd_intensity", "hightech_enterprises_stock",
                       "incubators", "universities", "population")
# Where to go next: page keys, each with its own text (next_<key>).
NEXT = ("compare", "clusters", "china_map", "data")


def headlines(atlas: Atlas, places: tuple[str, ...],
              indicators: tuple[str, ...]) -> pd.DataFrame:
    """The figure each place shows per indicator, side by side: from the latest year every
    place has a figure for, else each place's latest, with ``same_year`` False to flag it.
    Official and reprinted figures only: a weak copy is no headline."""
    rows = query.select(atlas.facts, places=places, indicators=indicators, include_weak=False)
    return query.latest_shared(rows)


def coverage(atlas: Atlas, lang: str) -> pd.DataFrame:
    """Indicator × geography level: how many places, which years, and how many figures the
    build's checks flag."""
    ds = atlas.data
    cov = ds.coverage.merge(ds.indicators[["indicator_id", "name_en", "name_zh", "topic"]],
                            on="indicator_id")
    flagged = cov["flagged"].map(lambda n: f" · {t('flagged_n', lang, n=n)}" if n else "")
    cov["cell"] = (cov["places"].astype(str) + " · " + cov["first_year"].astype(str) + "–"
                   + cov["last_year"].astype(str) + flagged)
    cov["name"] = cov["name_zh"] if lang == "zh" else cov["name_en"]
    cov["kind"] = cov["kind"].map(lambda k: t(f"kind_{k}", lang))
    table = cov.pivot_table(index=["topic", "name"], columns="kind", values="cell",
                            aggfunc="first").reset_index()
    table["topic"] = table["topic"].map(lambda k: t(f"topic_{k}", lang))
    return table.rename(columns={"topic": t("topic", lang),
                                 "name": t("indicator", lang)}).fillna("–")


PAGE = Page("overview", "pages/overview.py", ":material/home:", 10)
