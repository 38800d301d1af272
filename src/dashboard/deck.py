"""Presentation decks, each slide a saved view: the bundled TOML files in ``decks/``, and a
user's own deck ("my deck"), carried in the URL as ``mydeck=`` and saved or opened as a file
in the same format.

Everything that reads a deck goes through :func:`from_spec`, which keeps what it can and says
what it dropped, naming the slide: a deck comes from links and files anyone can edit.
"""

from __future__ import annotations

import base64
import binascii
import json
import tomllib
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from dashboard import registry
from dashboard.i18n import t
from dashboard.url import Notice, notice

DECK_DIR = Path(__file__).parent / "decks"
MY_DECK = "mydeck"  # its deck id in ``deck=``, and the parameter that carries it
VERSION = "v1."
MAX_SLIDES = 30
MAX_TITLE = 200
MAX_NOTES = 1000
MAX_PARAM = 400  # one parameter's text: a long place list is ~100 characters
# My deck lives in the link: under the 8 KB request line nginx accepts by default, with room
# for the view's own parameters. Edits and files that would not fit are refused.
MAX_ENCODED = 6_000
MAX_JSON = 100_000
TEXT_FIELDS = {"title_en": MAX_TITLE, "title_zh": MAX_TITLE, "notes_en": MAX_NOTES,
               "notes_zh": MAX_NOTES}

ParamValue = str | list[str]


@dataclass(frozen=True)
class Slide:
    title_en: str
    title_zh: str
    page: str
    params: dict[str, ParamValue]
    notes_en: str = ""
    notes_zh: str = ""
    chart: str = ""  # the key of the chart it shows; the page's first chart if empty

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def notes(self, lang: str) -> str:
        return self.notes_zh if lang == "zh" else self.notes_en

    def link_params(self) -> dict[str, list[str]]:
        return {k: [v] if isinstance(v, str) else list(v) for k, v in self.params.items()}

    def retitled(self, title: str, notes: str) -> Slide:
        """The user's own words stand for both languages."""
        return replace(self, title_en=title[:MAX_TITLE], title_zh=title[:MAX_TITLE],
                       notes_en=notes[:MAX_NOTES], notes_zh=notes[:MAX_NOTES])


@dataclass(frozen=True)
class Deck:
    deck_id: str
    title_en: str
    title_zh: str
    slides: tuple[Slide, ...]

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


def my_deck(slides_: Sequence[Slide]) -> Deck:
    return Deck(MY_DECK, t("my_deck", "en"), t("my_deck", "zh"), tuple(slides_))


def view_slide(page: str, params: Mapping[str, Sequence[str]], title: str, chart: str) -> Slide:
    """A slide of the view on ``page`` with the URL's ``params`` (deck and language left out:
    a slide opens in the language it is shown in)."""
    known = registry.page(page).params
    kept = {k: v[0] if len(v) == 1 else list(v) for k, v in params.items() if k in known and v}
    return Slide(title[:MAX_TITLE], title[:MAX_TITLE], page, kept, chart=chart)


# -- reading -------------------------------------------------------------------------------------


def _text(spec: Mapping, field: str, number: int, notices: list[Notice]) -> str:
    value = spec.get(field, "")
    if not isinstance(value, str):
        notices.append(notice("slide_field", number=number, field=field))
        return ""
    most = TEXT_FIELDS.get(field, MAX_TITLE)
    if len(value) > most:
        notices.append(notice("slide_cut", number=number, field=field, most=most))
    return value[:most]


def _params(raw: object, page: str, number: int, notices: list[Notice]) -> dict[str, ParamValue]:
    if not isinstance(raw, Mapping):
        notices.append(notice("slide_field", number=number, field="params"))
        return {}
    known = registry.page(page).params
    kept: dict[str, ParamValue] = {}
    for name, value in raw.items():
        values = [value] if isinstance(value, str) else value
        if (name not in known or not isinstance(values, list) or not values
                or not all(isinstance(v, str) for v in values)
                or sum(map(len, values)) > MAX_PARAM):
            notices.append(notice("slide_param", number=number, name=name))
            continue
        kept[name] = value
    return kept


def _slide(spec: object, number: int, notices: list[Notice]) -> Slide | None:
    if not isinstance(spec, Mapping):
        notices.append(notice("slide_field", number=number, field="slide"))
        return None
    page = spec.get("page")
    if not isinstance(page, str) or page not in registry.with_charts():
        notices.append(notice("slide_page", number=number, page=page))
        return None
    for field in spec.keys() - {*TEXT_FIELDS, "page", "params", "chart"}:
        notices.append(notice("slide_field", number=number, field=field))
    texts = {field: _text(spec, field, number, notices) for field in TEXT_FIELDS}
    return Slide(page=page, params=_params(spec.get("params", {}), page, number, notices),
                 chart=_text(spec, "chart", number, notices), **texts)


def from_spec(spec: object, deck_id: str = MY_DECK) -> tuple[Deck, list[Notice]]:
    """A deck from its parsed TOML/JSON form: the slides that are usable, and a notice for
    everything left out (slides are numbered as in the file)."""
    notices: list[Notice] = []
    if not isinstance(spec, Mapping) or not isinstance(spec.get("slides", []), list):
        return my_deck(()), [notice("mydeck_format")]
    raw = spec.get("slides", [])
    if len(raw) > MAX_SLIDES:
        notices.append(notice("mydeck_slides", most=MAX_SLIDES))
    kept = [s for n, item in enumerate(raw[:MAX_SLIDES], start=1)
            if (s := _slide(item, n, notices)) is not None]
    if deck_id == MY_DECK:  # named by the app, whatever a file calls it
        return my_deck(kept), notices
    titles = [spec.get(f) for f in ("title_en", "title_zh")]
    if not all(isinstance(x, str) for x in titles):
        notices.append(notice("deck_titles"))
    return Deck(deck_id, *(x if isinstance(x, str) else deck_id for x in titles),
                tuple(kept)), notices


def decode(text: str) -> tuple[Deck, list[Notice]]:
    """My deck from its ``mydeck=`` text; empty, with a notice, if it cannot be read."""
    if len(text) > MAX_ENCODED:
        return my_deck(()), [notice("mydeck_size", most=MAX_ENCODED)]
    if not text.startswith(VERSION):
        return my_deck(()), [notice("mydeck_format")]
    try:
        payload = text[len(VERSION):]
        packed = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        unpacker = zlib.decompressobj()
        data = unpacker.decompress(packed, MAX_JSON)
        if unpacker.unconsumed_tail:
            return my_deck(()), [notice("mydeck_size", most=MAX_ENCODED)]
        spec = json.loads(data.decode("utf-8"))
    except (binascii.Error, ValueError, zlib.error):  # JSON and Unicode errors are ValueErrors
        return my_deck(()), [notice("mydeck_format")]
    return from_spec(spec)


def fits(deck: Deck) -> bool:
    """Whether my deck fits in the link."""
    return len(encode(deck)) <= MAX_ENCODED


def read_file(data: bytes, name: str) -> tuple[Deck, list[Notice]]:
    """My deck from an uploaded ``.toml`` or ``.json`` file: the slides that fit in the link."""
    if len(data) > MAX_JSON:
        return my_deck(()), [notice("mydeck_size", most=MAX_JSON)]
    try:
        text = data.decode("utf-8-sig")
        spec = json.loads(text) if name.lower().endswith(".json") else tomllib.loads(text)
    except ValueError:  # TOMLDecodeError, JSONDecodeError and UnicodeDecodeError
        return my_deck(()), [notice("mydeck_format")]
    deck, notices = from_spec(spec)
    kept = len(deck.slides)
    while not fits(my_deck(deck.slides[:kept])):
        kept -= 1
    if kept < len(deck.slides):
        notices.append(notice("mydeck_link", most=kept, length=MAX_ENCODED))
    return my_deck(deck.slides[:kept]), notices


def load_deck(path: Path) -> Deck:
    deck, notices = from_spec(tomllib.loads(path.read_text(encoding="utf-8")), path.stem)
    if notices:  # a bundled deck is ours: fail loudly rather than show half of it
        raise ValueError(f"{path}: " + "; ".join(n.text("en") for n in notices))
    return deck


def decks(deck_dir: Path = DECK_DIR) -> list[Deck]:
    return [load_deck(p) for p in sorted(deck_dir.glob("*.toml"))]


# -- writing -------------------------------------------------------------------------------------


def to_spec(deck: Deck) -> dict:
    """The TOML/JSON form, empty fields left out."""
    return {"title_en": deck.title_en, "title_zh": deck.title_zh,
            "slides": [{k: v for k, v in vars(s).items() if v} | {"page": s.page}
                       for s in deck.slides]}


def encode(deck: Deck) -> str:
    """My deck as its ``mydeck=`` text: versioned, compressed JSON of its slides."""
    spec = {"slides": to_spec(deck)["slides"]}
    packed = zlib.compress(json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
                           .encode("utf-8"), 9)
    return VERSION + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def _toml(value: object) -> str:
    # A JSON string or array of strings is a TOML basic string or array, once DEL (which
    # JSON leaves as it is and TOML forbids) is escaped.
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def to_toml(deck: Deck) -> str:
    """The deck as a file in the format of ``decks/*.toml``."""
    spec = to_spec(deck)
    lines = ["# An Innovation Atlas deck: each slide is a saved view (a page and its URL "
             "parameters).", f"title_en = {_toml(spec['title_en'])}",
             f"title_zh = {_toml(spec['title_zh'])}"]
    for slide in spec["slides"]:
        lines += ["", "[[slides]]"] + [f"{k} = {_toml(v)}" for k, v in slide.items()]
    return "\n".join(lines) + "\n"


def slide_params(deck: Deck, number: int, lang: str) -> dict[str, ParamValue]:
    """URL parameters that open slide ``number`` (1-based) of ``deck`` in presenter mode."""
    slide = deck.slides[number - 1]
    params = {**slide.params, **({"chart": slide.chart} if slide.chart else {}), "present": "1",
              "deck": deck.deck_id, "slide": str(number)}
    if lang != "en":
        params["lang"] = lang
    return params
