"""Reading a link's parameters: values, older formats and notices. Pure: no Streamlit.

Anything that does not fit is dropped with a notice rather than an error, because links get
truncated and edited by hand. Notices quote at most a little of the link, printable characters
only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.i18n import t
from dashboard.topics import TOPICS

LANGS = ("en", "zh")
MODES = ("absolute", "per_capita", "indexed", "log")
MAX_PLACES = 8
# Echoing user input back would let a crafted link inject text; notices quote at most this much,
# and the frame shows them as plain text.
MAX_ECHO = 40
# Read on every page (presenter mode, embedding, the language and my deck apply everywhere).
GLOBAL = ("lang", "present", "slide", "deck", "mydeck", "embed")


def echo(text: str) -> str:
    cleaned = "".join(ch for ch in text if ch.isprintable())
    return cleaned if len(cleaned) <= MAX_ECHO else cleaned[:MAX_ECHO] + "…"


def ids(values: Sequence[str]) -> list[str]:
    """Ids from a parameter in either form, ``a,b`` or repeated ``x=a&x=b``; duplicates and
    empty entries dropped, order kept."""
    return list(dict.fromkeys(p.strip() for v in values for p in v.split(",") if p.strip()))


def upgrade(params: Mapping[str, list[str]], page: str) -> dict[str, list[str]] | None:
    """Today's parameters for a link in an older format, or None if it is current. Older links
    gave a range as ``from`` and ``to``, Data's indicators as ``indicator``, and opened Topics
    by indicator alone."""
    out = dict(params)
    if "from" in out or "to" in out:
        out["years"] = [out.pop("from", ["min"])[-1], out.pop("to", ["max"])[-1]]
    if page == "data" and "indicator" in out:
        out["indicators"] = out.pop("indicator")
    if page == "topics" and "indicator" in out and "topic" not in out:
        indicator = out["indicator"][-1]
        for topic, spec in TOPICS.items():
            if indicator in spec.indicators:
                out["topic"] = [topic]
    return None if out == dict(params) else out


@dataclass(frozen=True)
class Notice:
    """Something a link got wrong: a catalogue key and the values it quotes, each cut short
    and stripped of control characters."""

    key: str
    args: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        return t(self.key, lang).format(**dict(self.args))


def notice(key: str, **args: object) -> Notice:
    return Notice(f"notice_{key}", tuple((k, echo(str(v))) for k, v in args.items()))


def parse_span(raw: Sequence[str], name: str, lo: int, hi: int
               ) -> tuple[tuple[int, int] | None, Notice | None]:
    """A year range from a link (two values; ``min``/``max`` stand for the data's ends), kept
    within lo–hi; reversed ends are swapped."""
    ends: list[int] = []
    for value in raw[:2]:
        if value in ("min", "max"):
            ends.append(lo if value == "min" else hi)
            continue
        try:
            ends.append(int(value))
        except ValueError:
            return None, notice("not_year", name=name, value=value)
    if len(ends) != 2:
        return None, notice("two_years", name=name)
    first, last = sorted(ends)
    if last < lo or first > hi:
        return None, notice("outside", name=name, value=f"{first}–{last}", lo=lo, hi=hi)
    span = (max(first, lo), min(last, hi))
    if span != (first, last) or ends != [first, last]:
        return span, notice("read_as", name=name, value=f"{span[0]}–{span[1]}", lo=lo, hi=hi)
    return span, None


def parse_ids(raw: Sequence[str], offered: Mapping[str, object], most: int | None,
              name: str) -> tuple[list[str], list[Notice]]:
    """Ids from a link that this page offers, at most ``most``; and the notices."""
    wanted = ids(raw)
    kept = [p for p in wanted if p in offered]
    notices = []
    if ignored := [p for p in wanted if p not in offered]:
        notices.append(notice("not_offered", name=name, value=", ".join(ignored[:5])))
    if most is not None and len(kept) > most:
        notices.append(notice("kept_first", name=name, most=most))
        kept = kept[:most]
    return kept, notices


def parse_choice(raw: str, name: str, allowed: Sequence[str]
                 ) -> tuple[str | None, Notice | None]:
    """One of ``allowed``, or None and the notice."""
    if raw in allowed:
        return raw, None
    return None, notice("not_a_choice", name=name, value=raw)


def parse_flag(raw: str, name: str) -> tuple[bool | None, Notice | None]:
    """``1`` or ``0``; None and the notice for anything else."""
    if raw in ("0", "1"):
        return raw == "1", None
    return None, notice("flag", name=name, value=raw, allowed="0, 1")


def parse_slide(raw: str, slides: int) -> tuple[int | None, Notice | None]:
    try:
        number = int(raw)
    except ValueError:
        return None, notice("not_a_choice", name="slide", value=raw)
    if not 1 <= number <= slides:
        return None, notice("slide", value=number, slides=slides)
    return number, None
