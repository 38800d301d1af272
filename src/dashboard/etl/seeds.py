"""Figures hand-picked from the five seed documents (../seeds/*.txt, beside the raw folder).

Each seed is one source. The facts are typed in seed_facts.csv with the exact phrase that states
them; extract() checks every phrase against the seed text, so a typo cannot slip in.

Seeds 000 (an interview about one organisation) and 001 (a programme's pilot-city count) state
no figure that fits a place indicator. Seed 003's plan goals are targets, not observations:
they become milestones rows (beijing_hub_milestones), drawn on Beijing's time axis.
"""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.etl import curation, meta
from dashboard.etl.common import Contribution, fail, to_number

BEIJING = "CN-110000"
META = meta.load(__file__)

# seed_documents.csv: each seed's file, title, publisher, date, grade and licence, as the seed
# README and texts give them. Grades: 003 is the State Council's own English portal announcing
# its own plan (official); the others are news or magazine pages reporting what others said or
# counted (reprint). seed_facts.csv: seed, place, indicator, year, value, the figure as
# written, the phrase that states it, and a note.
SEEDS: list[tuple[str, ...]] = [
    tuple(row[c] for c in ("file", "title", "publisher", "published", "grade", "licence"))
    for _, row in curation.read_table("seed_documents.csv", (
        "seed", "file", "title", "publisher", "grade", "licence"), ("published",))]


def _facts() -> list[tuple[int, str, str, int, float, str, str, str]]:
    path = curation.HERE / "seed_facts.csv"
    facts = []
    for line, row in curation.read_table("seed_facts.csv", (
            "seed", "place_id", "indicator_id", "year", "value", "stated", "evidence"),
            ("note",)):
        seed, year = (int(to_number(row[c], path, line, c)) for c in ("seed", "year"))
        if not 0 <= seed < len(SEEDS):
            raise fail(path, line, "seed", f"no seed document {row['seed']}")
        facts.append((seed, row["place_id"], row["indicator_id"], year,
                      to_number(row["value"], path, line, "value"), row["stated"],
                      row["evidence"], row["note"]))
    return facts


FACTS = _facts()
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
    sources = [META.source("seed", source_id=source_id(i), title=title, publisher=publisher,
                           url=file, published=published, licence=licence, grade=grade,
                           date=published or "undated")
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
