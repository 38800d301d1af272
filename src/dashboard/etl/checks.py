"""Checks that catch the filing errors a second reading of the harvests found most often.

Each check flags observations with a rule id (the contract's CHECK_RULES) and a plain reason;
the build writes them to ``data/checks.csv`` and the preferred rule never prefers a flagged
figure over an unflagged one. The checks:

- ``evidence_*``: the evidence phrase contradicts the indicator's definition (常住户籍 filed as
  户籍; 本专科 without 研究生 as university students; plain 认定 as newly recognised high-tech
  enterprises; 申请 or 有效/拥有量 as patent grants);
- ``rd_preliminary``: an R&D figure for year Y from a page published before September of Y+1,
  when the final R&D statistics for Y are not out yet (the page's own date must show it: an
  undated page, or one dated only "Y+1", is not flagged), unless the page says the figure is
  final;
- ``rd_intensity_lag``: an R&D intensity matching the previous year's R&D expenditure ÷ GDP
  (the dataset's own preferred exact figures) much better than its own year's: a figure
  published in Y+1 filed under Y+1 instead of Y;
- ``repeated_value``: the same value for one place and indicator in consecutive years from
  two different web pages, not both primary sources (a bulletin, yearbook or the publisher's
  table stating its own year is believed): one of them is probably filed under the wrong year,
  so both are flagged until a reading settles it. Ranks, scores and counts under
  REPEAT_MIN_COUNT repeat often and are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.data.contract import TABLES_BY_NAME
from dashboard.data.preferred import flagged, preferred_mask, primary_sources
from dashboard.etl.catalog import units as catalogue_units

KEY = list(TABLES_BY_NAME["observations"].primary_key)
COLUMNS = TABLES_BY_NAME["checks"].column_names


@dataclass(frozen=True)
class EvidenceRule:
    rule: str
    indicators: tuple[str, ...]
    says: re.Pattern[str]
    unless: re.Pattern[str] | None
    meaning: str


GRANTS = ("invention_patent_grants", "patent_grants")
# "received patent licenses": a translation of 授权.
_GRANTED = re.compile(r"授权|授權|grant|authori[sz]|licen[cs]e", re.IGNORECASE)
EVIDENCE_RULES = (
    EvidenceRule("evidence_resident_hukou", ("population_hukou",), re.compile("常住户籍"),
                 None, "residents holding local hukou: "
                 "population_resident_hukou, not all registered (hukou) population"),
    EvidenceRule("evidence_undergraduate", ("university_students",),
                 re.compile(r"本专科|本科生|undergraduate", re.IGNORECASE),
                 re.compile(r"研究生|硕士|博士|postgraduate|graduate student", re.IGNORECASE),
                 "undergraduate and college students only (no 研究生): undergraduate_students; "
                 "university_students includes postgraduates"),
    EvidenceRule("evidence_recognised", ("hightech_enterprises_new",),
                 re.compile(r"认定|recogni[sz]|certified", re.IGNORECASE),
                 re.compile(r"新认定|新增|净增|\bnew|\bnet\b", re.IGNORECASE),
                 "recognitions in the year, re-certified firms included: "
                 "hightech_enterprises_recognised, not newly added ones"),
    EvidenceRule("evidence_application", GRANTS,
                 re.compile(r"申请|申請|application", re.IGNORECASE), _GRANTED,
                 "applications, with no word of grants"),
    EvidenceRule("evidence_stock", GRANTS,
                 re.compile(r"有效|拥有|擁有|valid|in force", re.IGNORECASE), _GRANTED,
                 "patents in force (a stock: valid_invention_patents or valid_patents), with no "
                 "word of grants"),
)

# R&D statistics whose final figures for Y appear from autumn Y+1 (the R&D bulletins).
RD_FINAL_MONTH = 9
RD_INDICATORS = ("rd_expenditure", "rd_expenditure_enterprises", "basic_research_expenditure",
                 "rd_intensity")
# The R&D bulletins (科技经费投入统计公报) are the final release, whatever their date.
_FINAL = re.compile(r"最终|核实数|\bfinal\b|科技经费投入统计公报", re.IGNORECASE)

# Published intensities have two decimals; R&D and GDP figures are rounded too. An intensity
# "matches" a year's R&D ÷ GDP within LAG_MATCH points, and is flagged when its own year's
# ratio is at least LAG_MISS points away.
LAG_MATCH = 0.02
LAG_MISS = 0.1

REPEAT_UNITS_SKIPPED = ("rank", "positions", "score")
REPEAT_MIN_COUNT = 100


def _found(obs: pd.DataFrame, mask: pd.Series, rule: str, reasons: list[str]) -> pd.DataFrame:
    return obs.loc[mask, KEY].assign(rule=rule, reason=reasons)[COLUMNS]


def evidence(obs: pd.DataFrame) -> pd.DataFrame:
    """Rows whose evidence phrase contradicts their indicator."""
    text = obs["evidence"].fillna("").astype(str)
    found = []
    for rule in EVIDENCE_RULES:
        mask = obs["indicator_id"].isin(rule.indicators) & text.str.contains(rule.says)
        if rule.unless is not None:
            mask &= ~text.str.contains(rule.unless)
        words = text[mask].map(lambda t, says=rule.says: says.search(t).group(0))
        found.append(_found(obs, mask, rule.rule,
                            [f"the evidence says '{w}': {rule.meaning}" for w in words]))
    return pd.concat(found, ignore_index=True)


def preliminary(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """R&D figures from pages published before September of the following year."""
    src = sources.set_index("source_id")
    published = obs["source_id"].map(src["published"]).fillna("").astype(str)
    said = (obs["evidence"].fillna("").astype(str) + " "
            + obs["source_id"].map(src["title"]).fillna(""))
    # A date shows the page is early only to the precision it is stated in.
    deadline = (obs["year"].astype(int) + 1).astype(str)
    before_autumn = published.str[:7] < deadline + f"-{RD_FINAL_MONTH:02d}"
    early = (((published.str.len() >= 7) & before_autumn)
             | ((published.str.len() == 4) & (published < deadline)))
    mask = obs["indicator_id"].isin(RD_INDICATORS) & early & ~said.str.contains(_FINAL)
    reasons = [f"page published {p}, before the final R&D statistics for {y} (from September "
               f"{y + 1}): a preliminary figure" for p, y in zip(published[mask],
                                                                    obs.loc[mask, "year"],
                                                                    strict=True)]
    return _found(obs, mask, "rd_preliminary", reasons)


def repeated(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The same value in consecutive years of one place and indicator, from two web pages."""
    kind = obs["source_id"].map(sources.set_index("source_id")["kind"])
    unit = obs["indicator_id"].map(catalogue_units())
    pages = obs.loc[(kind == "web_page") & ~unit.isin(REPEAT_UNITS_SKIPPED)
                    & ((unit != "count") | (obs["value"] >= REPEAT_MIN_COUNT)), KEY]
    nxt = pages.assign(year=pages["year"] - 1)
    pairs = pages.merge(nxt, on=["place_id", "indicator_id", "year", "value"],
                        suffixes=("", "_next"))
    primary = primary_sources(sources)
    primary = primary.index[primary]
    pairs = pairs[(pairs["source_id"] != pairs["source_id_next"])
                  & ~(pairs["source_id"].isin(primary) & pairs["source_id_next"].isin(primary))]
    earlier = pairs[KEY].assign(
        reason=[f"the same value is filed for {y + 1} from another page ({s})"
                for y, s in zip(pairs["year"], pairs["source_id_next"], strict=True)])
    later = pairs.assign(year=pairs["year"] + 1, source_id=pairs["source_id_next"])[KEY].assign(
        reason=[f"the same value is filed for {y} from another page ({s})"
                for y, s in zip(pairs["year"], pairs["source_id"], strict=True)])
    both = pd.concat([earlier, later], ignore_index=True).drop_duplicates(KEY)
    return both.assign(rule="repeated_value")[COLUMNS]


def _ratios(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """R&D ÷ GDP × 100 per place and year, from the preferred exact figures of both."""
    inputs = obs[obs["indicator_id"].isin(("rd_expenditure", "gdp"))]
    best = inputs[preferred_mask(inputs, sources)]
    best = best[best["qualifier"].isna() & best["derived_from"].isna()]
    wide = best.pivot_table(index=["place_id", "year"], columns="indicator_id", values="value")
    wide = wide.reindex(columns=["rd_expenditure", "gdp"]).dropna()
    return (wide["rd_expenditure"] / wide["gdp"] * 100).rename("ratio").reset_index()


def intensity_lag(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Published R&D intensities that are the previous year's R&D ÷ GDP, not their own."""
    ratios = _ratios(obs, sources)
    stated = obs[(obs["indicator_id"] == "rd_intensity") & obs["derived_from"].isna()]
    own = stated.merge(ratios, on=["place_id", "year"], how="left")["ratio"]
    prior = stated.merge(ratios.assign(year=ratios["year"] + 1), on=["place_id", "year"],
                         how="left")["ratio"]
    value = stated["value"].to_numpy()
    mask = ((abs(value - prior.to_numpy()) <= LAG_MATCH)
            & (abs(value - own.to_numpy()) >= LAG_MISS))
    hits = stated[mask]
    reasons = [f"{v:g} % is R&D ÷ GDP of {y - 1} ({p:.2f} %), not of {y} ({o:.2f} %)"
               for v, y, p, o in zip(hits["value"], hits["year"], prior[mask], own[mask],
                                     strict=True)]
    return _found(stated, pd.Series(mask, index=stated.index), "rd_intensity_lag", reasons)


def run(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every check on the observations (with qualifier, derived_from, evidence and grade
    columns). The intensity check compares with the preferred R&D and GDP figures, which the
    other checks' flags decide."""
    found = pd.concat([evidence(obs), preliminary(obs, sources), repeated(obs, sources)],
                      ignore_index=True)
    found = pd.concat([found, intensity_lag(obs.assign(flagged=flagged(obs, found)), sources)],
                      ignore_index=True)
    return found.sort_values([*KEY, "rule"], kind="stable").reset_index(drop=True)
