"""Figures hand-picked from the five seed documents (../seeds/*.txt, beside the raw folder).

Each seed is one source. The facts are typed below with the exact phrase that states them;
extract() checks every phrase against the seed text, so a typo cannot slip in.

Seeds 000 (an interview about one organisation) and 001 (a programme's pilot-city count) state
no figure that fits a place indicator. Seed 003's plan goals are targets, not observations:
they become milestones rows (beijing_hub_milestones), drawn on Beijing's time axis.
"""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.etl.common import Contribution, fail

GUANGZHOU = "CN-440100"
BEIJING = "CN-110000"

# file, title, publisher, published, grade, licence — as the seed README and texts give them.
# Grades: 003 is the State Council's own English portal announcing its own plan (official);
# the others are news or magazine pages reporting what others said or counted (reprint).
SEEDS: list[tuple[str, str, str, str, str, str]] = [
    ("000_34ec7b82b8489b4d.txt",
     "The Future of China’s Global Innovation Center: An Interview with Zhao Gang, Director "
     "General", "Smart Cities Connect (interview by Laura Benold)", "", "reprint",
     "Publisher's terms; quoted with attribution"),
    ("001_f33f5544ce3a0e75.txt",
     "Innovation China Programme to Integrate Science, Technology and Economy", "OpenGov Asia",
     "", "reprint", "Publisher's terms; quoted with attribution"),
    ("002_f5a4ff2763628414.txt",
     "Global Science and Technology Cluster Innovation Forum, 2024 ZGC Forum",
     "Not named in the text (news item on the 2024 Zhongguancun Forum)", "2024-04-29", "reprint",
     "Publisher's terms; quoted with attribution"),
    ("003_ddf156dd53669f2f.txt",
     "Beijing to intensify efforts to build national sci-tech innovation hub",
     "State Council of the People's Republic of China (english.gov.cn)", "2016-09-18",
     "official", "State Council website terms; quoted with attribution"),
    ("004_11b16cb614225836.txt", "Guangzhou's innovative ecosphere gaining momentum",
     "Guangzhou International (English.gz.gov.cn, Guangzhou municipal portal), from "
     "lifeofguangzhou.com", "2017-09-26", "reprint",
     "© Guangzhou International; figures quoted with attribution"),
]


_GZ_2016 = ("By the end of 2016, Guangzhou is home to a majority of Guangdong's R&D institutes, "
            "including 83 institutions of higher learning, 44 province-level R&D institutes and "
            "19 key national labs.")
_GZ_TALENT = ("Currently, six Nobel laureates, 79 Chinese academicians and 267 people included "
              "in the \"Thousand Talents Program\" are working in Guangzhou.")
# The page states two incubator counts for the same time; both are kept as stated.
_TWO_COUNTS = ("The page gives two counts: 280 'incubators' (scope not defined, possibly every "
               "kind of incubator) and 215 'high-tech incubators' (technology business "
               "incubators, the indicator's definition); they differ in scope, not in date.")
_CURRENTLY = "'currently' in an article of September 2017 whose figures run to July 2017"

# seed, place, indicator, year, value, the figure as written, evidence, note
FACTS: list[tuple[int, str, str, int, float, str, str, str]] = [
    (2, "CHN", "gii_clusters_in_top100", 2023, 24, "24",
     "The top 100 S&T clusters are concentrated in ten countries, with China hosting 24 as the "
     "country boasting the greatest number of clusters.",
     "said at the 2024 ZGC Forum (26 April 2024), before the GII 2024 edition appeared in "
     "September 2024, so the count is the GII 2023 edition's. The text does not say whether "
     "clusters in Hong Kong and Taiwan are included."),
    (4, GUANGZHOU, "universities", 2016, 83, "83", _GZ_2016,
     "'institutions of higher learning' as stated; the page does not say whether it counts "
     "regular institutions only"),
    (4, GUANGZHOU, "rd_institutes_provincial", 2016, 44, "44", _GZ_2016, ""),
    (4, GUANGZHOU, "national_key_labs", 2016, 19, "19", _GZ_2016, ""),
    (4, GUANGZHOU, "rd_institutes_provincial", 2017, 44, "44",
     "By July 2017, Guangzhou is home to 44 province-level R&D institutes, the biggest number "
     "among Guangdong cities.", "as of July 2017"),
    (4, GUANGZHOU, "incubators", 2017, 215, "215",
     "A total of 23 new high-tech incubators were set up, bringing the total number to 215.",
     "high-tech (technology business) incubators; the sentence follows the page's 'By July "
     "2017' figures. " + _TWO_COUNTS),
    (4, GUANGZHOU, "incubators", 2017, 280, "280", "By July 2017, Guangzhou has 280 incubators",
     "'incubators' without a definition, as of July 2017. " + _TWO_COUNTS),
    (4, GUANGZHOU, "incubators_new", 2017, 23, "23",
     "A total of 23 new high-tech incubators were set up, bringing the total number to 215.",
     "high-tech (technology business) incubators added; the page does not say over which "
     "period (the sentence follows its 'By July 2017' figures)"),
    (4, GUANGZHOU, "makerspaces", 2017, 138, "138",
     "With an addition of 23 newcomers, the city now has 138 makerspaces.",
     "'now' in an article of September 2017 whose figures run to July 2017"),
    (4, GUANGZHOU, "hightech_enterprises_provincial", 2017, 2995, "2,995",
     "By July 2017, Guangzhou is home to 2,995 province-certified high-tech enterprises.",
     "as of July 2017"),
    (4, GUANGZHOU, "nobel_laureates", 2017, 6, "six", _GZ_TALENT, _CURRENTLY),
    (4, GUANGZHOU, "academicians", 2017, 79, "79", _GZ_TALENT,
     "'Chinese academicians'; " + _CURRENTLY),
    (4, GUANGZHOU, "thousand_talents_experts", 2017, 267, "267", _GZ_TALENT, _CURRENTLY),
    (4, GUANGZHOU, "talent_green_cards", 2017, 2515, "2,515",
     "Guangzhou has issued 2,515 green cards for talents by the first half of this year.",
     "cumulative, as of the first half of 2017"),
]

_WORDS = {"six": 6.0}


def seeds_dir(raw: Path) -> Path:
    return raw.parent / "seeds"


def source_id(seed: int) -> str:
    return f"seed-{seed:03d}"


def stated_value(text: str) -> float:
    """The number a figure is written as: digits with thousands separators, or a number word."""
    return _WORDS[text] if text in _WORDS else float(text.replace(",", ""))


def _text(raw: Path, seed: int) -> tuple[Path, str]:
    path = seeds_dir(raw) / SEEDS[seed][0]
    return path, path.read_text(encoding="utf-8")


# Short labels for the plan's goals (ours; the evidence column keeps the plan's own words).
_HUB_LABELS = {
    2017: ("Primary innovation hub set up", "初步建成创新中心"),
    2020: ("Complete sci-tech innovation system", "建成完善的科技创新体系"),
    2030: ("Important force in the global innovation network", "成为全球创新网络的重要力量"),
}


def beijing_hub_milestones(raw: Path) -> list[dict]:
    """The State Council plan's goals for Beijing's innovation hub (seed 003) as milestones
    rows: targets, not observations, one per 'By <year>, ...' sentence of the plan."""
    path, text = _text(raw, 3)
    goals = {int(year): sentence for sentence, year in re.findall(r"(By (\d{4}), [^.]+\.)", text)}
    if set(goals) != set(_HUB_LABELS):
        raise fail(path, None, "evidence", f"plan goals for {sorted(goals)}, expected "
                                           f"{sorted(_HUB_LABELS)}")
    return [{"place_id": BEIJING, "year": year, "label_en": label_en, "label_zh": label_zh,
             "source_id": source_id(3), "evidence": goals[year]}
            for year, (label_en, label_zh) in _HUB_LABELS.items()]


def extract(raw: Path) -> Contribution:
    sources = [{"source_id": source_id(i), "title": title, "publisher": publisher, "url": file,
                "published": published, "licence": licence, "kind": "seed_document",
                "grade": grade, "citation": f"{title}. {publisher}, {published or 'undated'}. "
                                            f"Seed document {file}."}
               for i, (file, title, publisher, published, grade, licence) in enumerate(SEEDS)]
    observations = []
    for seed, place, indicator_id, year, value, stated, evidence, note in FACTS:
        path, text = _text(raw, seed)
        if evidence not in text:
            raise fail(path, None, "evidence", f"phrase for {indicator_id} {year} not found "
                                               f"verbatim: '{evidence}'")
        if stated not in evidence or stated_value(stated) != value:
            raise fail(path, None, "evidence", f"'{stated}' in the phrase for {indicator_id} "
                                               f"{year} does not state {value:g}")
        observations.append({"place_id": place, "indicator_id": indicator_id, "year": year,
                             "value": float(value), "source_id": source_id(seed),
                             "evidence": evidence, "note": note or None})
    return Contribution(sources=sources,
                        observations=observations, milestones=beijing_hub_milestones(raw))
