"""What every source module shares: its output shape, name look-ups and strict parsing."""

from __future__ import annotations

import csv
import functools
import gettext
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.data.load import DATA_DIR
from dashboard.data.validate import DataValidationError, Problem
from dashboard.etl.catalog import PROVINCES

# The project's own hand-collected figures (one folder per harvest), read beside the raw folder.
PROJECT_SOURCES = DATA_DIR.parent / "sources"


@dataclass
class Contribution:
    """Rows one source module adds. Observations may omit ``grade`` (taken from the source)
    and ``preferred`` (decided by the build across all sources). Boundary modules also add
    files (path under data/ → bytes), their geo_layers rows and the place ids they draw."""

    sources: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    observations: list[dict] = field(default_factory=list)
    geo_layers: list[dict] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    geo_place_ids: list[str] = field(default_factory=list)
    milestones: list[dict] = field(default_factory=list)


class RawInputError(DataValidationError):
    """A raw input file has a malformed cell; the message names file, row and column."""


def fail(file: str | Path, row: int | None, column: str | None, message: str) -> RawInputError:
    return RawInputError([Problem(str(file), row, column, message)])


def page_id(prefix: str, url: str) -> str:
    """One stable source id per page address within a collection ('<prefix>-' + hash)."""
    return f"{prefix}-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]


def leading_date(text: str) -> str:
    """The date a stated publication date starts with ('2021-01 (approx.)' → '2021-01'), or
    empty."""
    match = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", text.strip())
    return match.group(0) if match else ""


_NUM_CLEAN = re.compile(r"[,\s\u00a0]")


def to_number(text: object, file: str | Path, row: int, column: str) -> float:
    """Parse a published figure strictly: thousands separators are fine, anything else fails."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        if pd.isna(text):
            raise fail(file, row, column, "value is missing")
        return float(text)
    cleaned = _NUM_CLEAN.sub("", str(text))
    try:
        return float(cleaned)
    except ValueError:
        raise fail(file, row, column, f"'{text}' is not a number") from None


# The yearbook's regional aggregates: not places, skipped by the modules that meet them.
REGIONS = frozenset({"东部地区", "中部地区", "西部地区", "东北地区"})
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_PROVINCE_BY_ZH = {zh: adcode for adcode, zh, _, _ in PROVINCES}
_PROVINCE_BY_EN = {en.lower(): adcode for adcode, _, en, _ in PROVINCES}


def _province_or_region(name: str) -> str | None:
    return None if name in _PROVINCE_BY_ZH or name in REGIONS else f"'{name}' is no province"


@functools.cache
def _place_names() -> tuple[dict[str, str], dict[str, str], tuple[dict[str, str], dict[str, str]]]:
    """The curation tables of Chinese place names: OCR and spacing defects seen in the
    yearbook's province names (PROVENANCE-china.md); names whose English form is not what
    pypinyin makes of them (polyphonic characters; Mongolian, Uyghur, Tibetan and Kazakh place
    names); English spellings of cities that pinyin alone gets wrong or that name two cities."""
    from dashboard.etl import curation  # it reads its tables with this module's helpers

    spellings, _ = curation.renames("province_spellings.csv", "printed", "name",
                                    _province_or_region)
    english, _ = curation.renames("english_names.csv", "name_zh", "name_en")
    return spellings, english, curation.renames("city_aliases.csv", "name", "city_zh",
                                                droppable=True)


def normalise_province(name: str) -> str:
    """'北   京', '内蒙占', '广东省' → the short Chinese name used in the catalog."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name)))
    text = _place_names()[0].get(text, text)
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and text[: -len(suffix)] in _PROVINCE_BY_ZH:
            return text[: -len(suffix)]
    return text


def province_id(name: str) -> str | None:
    """Place id for a province name in Chinese (any spelling above) or English; None if unknown."""
    short = normalise_province(name)
    adcode = _PROVINCE_BY_ZH.get(short) or _PROVINCE_BY_EN.get(str(name).strip().lower())
    return f"CN-{adcode}" if adcode else None


def slug(text: str) -> str:
    """Lowercase ASCII slug: 'Shenzhen–Hong Kong–Guangzhou' → 'shenzhen-hong-kong-guangzhou'."""
    # Dashes of any kind separate words; NFKD+ASCII alone would delete them.
    dashed = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    ascii_text = unicodedata.normalize("NFKD", dashed).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@functools.cache
def _zh_countries() -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])


def country_place(iso3: str) -> dict:
    """A country row from ISO 3166 (names in English and Chinese); KeyError if not a country."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise KeyError(iso3)
    name_en = getattr(country, "common_name", None) or country.name
    return {"place_id": iso3, "kind": "country", "name_en": name_en,
            "name_zh": _zh_countries().gettext(country.name), "parent_id": None,
            "lat": None, "lon": None, "is_city": False}


def province_places(raw: Path) -> list[dict]:
    """China's provincial units with their DataV centroids."""
    path = raw / "geo" / "china-provinces-datav" / "100000_full.json"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    centroid = {str(f["properties"]["adcode"]): f["properties"].get("centroid")
                or f["properties"].get("center") for f in features}
    full_name = {str(f["properties"]["adcode"]): f["properties"]["name"] for f in features}
    rows = []
    for adcode, _, en, kind in PROVINCES:
        lon, lat = centroid[adcode]
        rows.append({"place_id": f"CN-{adcode}", "kind": kind, "name_en": en,
                     "name_zh": full_name[adcode], "parent_id": "CHN", "lat": round(lat, 4),
                     "lon": round(lon, 4), "is_city": kind == "municipality"})
    return rows


# Ethnic groups in the names of autonomous prefectures and counties, as their English names
# give them ("Enshi Tujia and Miao Autonomous Prefecture").
_ETHNIC = {"朝鲜族": "Korean", "土家族": "Tujia", "苗族": "Miao", "黎族": "Li", "藏族": "Tibetan",
           "羌族": "Qiang", "彝族": "Yi", "布依族": "Bouyei", "侗族": "Dong", "哈尼族": "Hani",
           "壮族": "Zhuang", "傣族": "Dai", "景颇族": "Jingpo", "白族": "Bai", "傈僳族": "Lisu",
           "回族": "Hui", "蒙古族": "Mongol", "蒙古": "Mongol", "柯尔克孜": "Kyrgyz",
           "哈萨克": "Kazakh"}
_UNITS = (("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"),
          ("地区", "Prefecture"), ("盟", "League"), ("林区", "Forestry District"),
          ("县", "County"), ("市", ""))


def _pinyin(core: str) -> str:
    """Pinyin written as one word, with the apostrophe before a syllable starting with a, o or e
    (Xi'an, Tai'an)."""
    from pypinyin import lazy_pinyin

    english = _place_names()[1]
    if core in english:
        return english[core]
    syllables = lazy_pinyin(core)
    word = syllables[0] + "".join(("'" if s[0] in "aoe" else "") + s for s in syllables[1:])
    return word.title().replace("'A", "'a").replace("'O", "'o").replace("'E", "'e")


def english_name(name_zh: str) -> str:
    """'昌吉回族自治州' → 'Changji Hui Autonomous Prefecture'; '西安市' → "Xi'an"."""
    english = _place_names()[1]
    if name_zh in english:
        return english[name_zh]
    suffix, unit = next(((zh, en) for zh, en in _UNITS
                         if name_zh.endswith(zh) and len(name_zh) > len(zh)), ("", ""))
    core = name_zh.removesuffix(suffix)
    groups: list[str] = []
    while suffix.startswith("自治"):
        group = next((zh for zh in _ETHNIC if core.endswith(zh) and len(core) > len(zh)), None)
        if group is None:
            break
        groups.insert(0, _ETHNIC[group])
        core = core[: -len(group)]
    ethnic = " and ".join(groups)
    return " ".join(part for part in (_pinyin(core), ethnic, unit) if part)


@functools.cache
def china_cities(raw: Path) -> pd.DataFrame:
    """Prefecture-level cities from the census table: place_id, name_zh, name_en, parent_id,
    is_municipality.

    The four municipalities are provinces here (one place each), so their census rows map to
    the province id and must not be added as city places again.
    """
    path = raw / "census-cities" / "census_city_2010-2020_v1.csv"
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", usecols=["city", "city_code",
                                                                         "province_code"])
    municipalities = {a for a, _, _, kind in PROVINCES if kind == "municipality"}
    frame["place_id"] = [f"CN-{p}" if p in municipalities else f"CN-{c}"
                         for c, p in zip(frame["city_code"], frame["province_code"], strict=True)]
    frame["is_municipality"] = frame["province_code"].isin(municipalities)
    frame["parent_id"] = "CN-" + frame["province_code"]
    frame["name_zh"] = frame["city"]
    frame["name_en"] = frame["city"].map(english_name)
    columns = ["place_id", "name_zh", "name_en", "parent_id", "is_municipality"]
    return frame[columns].reset_index(drop=True)


def city_id(name: str, raw: Path) -> str | None:
    """Place id for a Chinese prefecture city or municipality named in English or Chinese."""
    cities = china_cities(raw)
    text = str(name).strip().replace("\u2019", "'")
    aliases, not_one_city = _place_names()[2]
    if text.lower() in not_one_city:
        return None
    alias = aliases.get(text.lower(), text)
    zh = alias if alias.endswith("市") else alias + "市"
    hit = cities.loc[cities["name_zh"].isin([alias, zh]), "place_id"]
    if hit.empty:
        hit = cities.loc[cities["name_en"].str.lower().str.replace(" ", "")
                         == text.lower().replace(" ", ""), "place_id"]
    return hit.iloc[0] if len(hit) == 1 else None


def read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """A hand-made CSV's rows as (line number, cells stripped); a missing column or a row
    with more or fewer cells than the header stops the build naming file, row and column."""
    # utf-8-sig: spreadsheet programs save CSV with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise fail(path, 1, missing[0], "required column is missing")
        rows = []
        for line, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise fail(path, line, None, "row has a different number of cells than the "
                                             "header")
            rows.append((line, {k: v.strip() for k, v in row.items()}))
    return rows
