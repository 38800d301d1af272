"""Presentation decks: plain TOML files in ``decks/``, each slide a saved view."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DECK_DIR = Path(__file__).parent / "decks"


@dataclass(frozen=True)
class Slide:
    title_en: str
    title_zh: str
    page: str
    params: dict[str, str]
    notes_en: str = ""
    notes_zh: str = ""

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def notes(self, lang: str) -> str:
        return self.notes_zh if lang == "zh" else self.notes_en


@dataclass(frozen=True)
class Deck:
    deck_id: str
    title_en: str
    title_zh: str
    slides: tuple[Slide, ...]

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


def load_deck(path: Path) -> Deck:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    slides = tuple(Slide(**slide) for slide in spec["slides"])
    return Deck(path.stem, spec["title_en"], spec["title_zh"], slides)


def decks(deck_dir: Path = DECK_DIR) -> list[Deck]:
    return [load_deck(p) for p in sorted(deck_dir.glob("*.toml"))]


def slide_params(deck: Deck, number: int, lang: str) -> dict[str, str]:
    """URL parameters that open slide ``number`` (1-based) of ``deck`` in presenter mode."""
    params = {**deck.slides[number - 1].params, "present": "1", "deck": deck.deck_id,
              "slide": str(number)}
    if lang != "en":
        params["lang"] = lang
    return params
