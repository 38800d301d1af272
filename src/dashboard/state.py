"""The view a user is looking at, and its round trip through the URL.

Every page reads the same parameters (``places``, ``indicator``, ``year``, ``from``, ``to``,
``mode``, ``lang``, ``present``); anything else, or any value that does not fit, is dropped with
a notice rather than an error, because links get truncated and edited by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from dashboard.i18n import Notice

MODES = ("absolute", "per_capita", "indexed", "log")
LANGS = ("en", "zh")
PARAMS = ("places", "indicator", "year", "from", "to", "mode", "lang", "present", "slide")
MAX_PLACES = 8
# Echoing user input back would let a crafted link inject text; notices quote at most this much,
# and Streamlit renders them as plain text.
MAX_ECHO = 40


@dataclass(frozen=True)
class Selection:
    places: tuple[str, ...] = ()
    indicator: str | None = None
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    mode: str = "absolute"
    lang: str = "en"
    present: bool = False
    slide: int | None = None

    def with_(self, **changes: object) -> Selection:
        return replace(self, **changes)


@dataclass(frozen=True)
class ParseResult:
    selection: Selection
    notices: tuple[Notice, ...] = field(default=())


def _echo(text: str) -> str:
    cleaned = "".join(ch for ch in text if ch.isprintable())
    return cleaned if len(cleaned) <= MAX_ECHO else cleaned[:MAX_ECHO] + "…"


def _int(value: str, name: str, lo: int, hi: int, notices: list[Notice]) -> int | None:
    try:
        number = int(value)
    except ValueError:
        notices.append(Notice("notice_not_whole", name=name, value=_echo(value)))
        return None
    if not lo <= number <= hi:
        notices.append(Notice("notice_out_of_range", name=name, value=number, lo=lo, hi=hi))
        return None
    return number


def parse_params(params: Mapping[str, str], known_places: set[str],
                 known_indicators: set[str]) -> ParseResult:
    """URL parameters → Selection, with a notice for every part that was ignored."""
    notices: list[Notice] = []
    values: dict[str, object] = {}
    for name in params:
        if name not in PARAMS:
            notices.append(Notice("notice_unknown_parameter", name=_echo(name)))
    if raw := params.get("places"):
        ids = [p.strip() for p in raw.split(",") if p.strip()]
        unknown = [p for p in ids if p not in known_places]
        if unknown:
            notices.append(Notice("notice_unknown_places",
                                  names=", ".join(_echo(p) for p in unknown[:5])))
        kept = list(dict.fromkeys(p for p in ids if p in known_places))
        if len(kept) > MAX_PLACES:
            notices.append(Notice("notice_max_places", n=MAX_PLACES))
        values["places"] = tuple(kept[:MAX_PLACES])
    if raw := params.get("indicator"):
        if raw in known_indicators:
            values["indicator"] = raw
        else:
            notices.append(Notice("notice_unknown_indicator", value=_echo(raw)))
    for name, attr in (("year", "year"), ("from", "year_from"), ("to", "year_to")):
        if raw := params.get(name):
            values[attr] = _int(raw, name, 1900, 2100, notices)
    if raw := params.get("slide"):
        values["slide"] = _int(raw, "slide", 1, 999, notices)
    for name, allowed in (("mode", MODES), ("lang", LANGS)):
        if raw := params.get(name):
            if raw in allowed:
                values[name] = raw
            else:
                notices.append(Notice("notice_choices", name=name, value=_echo(raw),
                                      choices=", ".join(allowed)))
    if raw := params.get("present"):
        if raw in ("0", "1"):
            values["present"] = raw == "1"
        else:
            notices.append(Notice("notice_present", value=_echo(raw)))
    lo, hi = values.get("year_from"), values.get("year_to")
    if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
        values["year_from"], values["year_to"] = hi, lo
        notices.append(Notice("notice_swapped"))
    return ParseResult(Selection(**{k: v for k, v in values.items() if v is not None}),
                       tuple(notices))


def to_params(selection: Selection) -> dict[str, str]:
    """Selection → the URL parameters that reproduce it (defaults are left out)."""
    default = Selection()
    params: dict[str, str] = {}
    if selection.places:
        params["places"] = ",".join(selection.places)
    if selection.indicator:
        params["indicator"] = selection.indicator
    for name, value in (("year", selection.year), ("from", selection.year_from),
                        ("to", selection.year_to), ("slide", selection.slide)):
        if value is not None:
            params[name] = str(value)
    if selection.mode != default.mode:
        params["mode"] = selection.mode
    if selection.lang != default.lang:
        params["lang"] = selection.lang
    if selection.present:
        params["present"] = "1"
    return params
