"""Links: what a page's parameters are, how each is read and written, and every address the
atlas builds. Pure: no Streamlit (``ui.view`` binds these to widgets and the browser's URL).

A page declares its parameters once, as a :class:`Spec`: a frozen dataclass whose fields are
:func:`param` s, each with a kind (ids, choice, span, flag) and a function giving its choices
and default from the data and the parameters before it. The page's widgets, a slide and an
embed all read a view through it, so they show the same thing.

Anything that does not fit is dropped with a notice rather than an error, because links get
truncated and edited by hand. Notices quote at most a little of the link, printable characters
only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar, Protocol, Self
from urllib.parse import urlencode

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


# Flags are written 1; links from before read true and false too.
FLAGS = {"1": True, "0": False, "true": True, "false": False}


def parse_flag(raw: str, name: str) -> tuple[bool | None, Notice | None]:
    """``1`` or ``0`` (``true``/``false`` in older links); None and the notice for anything
    else."""
    if raw.lower() in FLAGS:
        return FLAGS[raw.lower()], None
    return None, notice("flag", name=name, value=raw, allowed="0, 1")


def parse_slide(raw: str, slides: int) -> tuple[int | None, Notice | None]:
    try:
        number = int(raw)
    except ValueError:
        return None, notice("not_a_choice", name="slide", value=raw)
    if not 1 <= number <= slides:
        return None, notice("slide", value=number, slides=slides)
    return number, None


# -- Parameter kinds -----------------------------------------------------------------------------

Params = Mapping[str, Sequence[str]]


class Kind(Protocol):
    """How one parameter is read from a link, checked against its choices and written back."""

    def parse(self, raw: list[str], name: str, options: Sequence) -> tuple[Any, list[Notice]]:
        ...

    def fits(self, value: Any, options: Sequence) -> bool:
        ...

    def format(self, value: Any, default: Any) -> list[str]:
        ...


@dataclass(frozen=True)
class Ids:
    """Several ids among the choices, ``a,b`` or repeated; an empty value clears a parameter
    whose default is not empty."""

    most: int | None = MAX_PLACES

    def parse(self, raw: list[str], name: str, options: Sequence) -> tuple[Any, list[Notice]]:
        kept, notices = parse_ids(raw, dict.fromkeys(options), self.most, name)
        return (tuple(kept) if kept or not any(raw) else None), notices

    def fits(self, value: Any, options: Sequence) -> bool:
        return isinstance(value, tuple | list) and set(value) <= set(options)

    def format(self, value: Any, default: Any) -> list[str]:
        return [",".join(value)] if value or default else []


@dataclass(frozen=True)
class Choice:
    """One of the choices (ids or years, compared as text). Unless ``pinned``, the default is
    left out of the link (for defaults that never change)."""

    pinned: bool = True

    def parse(self, raw: list[str], name: str, options: Sequence) -> tuple[Any, list[Notice]]:
        by_text = {str(o): o for o in options}
        value, about = parse_choice(raw[-1], name, list(by_text))
        return by_text.get(value or ""), [about] if about else []

    def fits(self, value: Any, options: Sequence) -> bool:
        return value in options

    def format(self, value: Any, default: Any) -> list[str]:
        return [] if value is None or (value == default and not self.pinned) else [str(value)]


@dataclass(frozen=True)
class Span:
    """A range of years, two values, within the first and last of the choices."""

    def parse(self, raw: list[str], name: str, options: Sequence) -> tuple[Any, list[Notice]]:
        span, about = parse_span(raw, name, options[0], options[-1])
        return span, [about] if about else []

    def fits(self, value: Any, options: Sequence) -> bool:
        return (isinstance(value, tuple | list) and len(value) == 2
                and options[0] <= value[0] <= value[1] <= options[-1])

    def format(self, value: Any, default: Any) -> list[str]:
        return [str(value[0]), str(value[1])]


@dataclass(frozen=True)
class Flag:
    """On or off: ``1`` when on, left out when off."""

    def parse(self, raw: list[str], name: str, options: Sequence) -> tuple[Any, list[Notice]]:
        value, about = parse_flag(raw[-1], name)
        return value, [about] if about else []

    def fits(self, value: Any, options: Sequence) -> bool:
        return isinstance(value, bool)

    def format(self, value: Any, default: Any) -> list[str]:
        return ["1"] if value else []


# -- Specs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chosen:
    """The parameters resolved so far, hashable, so that choices can be cached by them."""

    items: tuple[tuple[str, Any], ...] = ()

    def __getitem__(self, name: str) -> Any:
        return dict(self.items)[name]

    def get(self, name: str, default: Any = None) -> Any:
        return dict(self.items).get(name, default)

    def plus(self, name: str, value: Any) -> Chosen:
        return Chosen((*self.items, (name, value)))


# (atlas, the parameters before this one) → (the choices, the default); no choices: the
# parameter does not apply to this view and its value is None.
Choices = Callable[[Any, Chosen], tuple[Sequence, Any]]


def fixed(options: Sequence, default: Any = None) -> Choices:
    """Choices that do not depend on the data; the first is the default unless given."""
    chosen_default = options[0] if default is None and options else default
    return lambda atlas, chosen: (options, chosen_default)


@dataclass(frozen=True)
class Param:
    name: str
    kind: Kind
    choices: Choices | None  # None: a flag, always on offer, off by default


def param(kind: Kind, choices: Choices | None = None) -> Any:
    """A field of a :class:`Spec`: its kind and choices (in declaration order: a parameter's
    choices may depend on those declared before it)."""
    return dataclasses.field(default=None, metadata={"kind": kind, "choices": choices})


@dataclass(frozen=True)
class Spec:
    """A page's parameters: subclasses declare them as :func:`param` fields. Frozen and
    hashable: view builders are cached by it."""

    SHARED: ClassVar[tuple[str, ...]] = ("weak",)  # the same switch on every page

    @classmethod
    def params(cls) -> tuple[Param, ...]:
        return tuple(Param(f.name, f.metadata["kind"], f.metadata["choices"])
                     for f in dataclasses.fields(cls))

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def from_params(cls, atlas: Any, raw: Params, page: str = "") -> tuple[Self, list[Notice]]:
        """The view a link names (older formats upgraded), and notices for what it got
        wrong; every value it lacks or gets wrong falls back to its default."""
        raw = upgrade(raw, page) or raw
        chosen, notices = Chosen(), []
        for p in cls.params():
            options, default = options_of(atlas, p, chosen)
            value = default
            if options is not None and raw.get(p.name):
                parsed, about = p.kind.parse(list(raw[p.name]), p.name, options)
                notices += about
                if parsed is not None and p.kind.fits(parsed, options):
                    value = parsed
            chosen = chosen.plus(p.name, value)
        return cls(**dict(chosen.items)), notices

    def to_params(self) -> dict[str, list[str]]:
        """The link's parameters for this view (each as its kind writes it)."""
        out = {}
        for p in self.params():
            if values := p.kind.format(getattr(self, p.name), None):
                out[p.name] = values
        return out


@lru_cache(maxsize=1024)
def options_of(atlas: Any, p: Param, chosen: Chosen) -> tuple[Sequence | None, Any]:
    """A parameter's choices and default; (None, None) when it does not apply. Cached: every
    rerun of a page asks again (the result is shared, never to be changed)."""
    if p.choices is None:
        return (), False
    options, default = p.choices(atlas, chosen)
    return (list(options), default) if len(options) else (None, None)


def address(base: str, params: Params) -> str:
    """The one way a link is written: ``base`` and its parameters, repeated names for several
    values."""
    query = urlencode([(k, v) for k, values in params.items() for v in values])
    return f"{base}?{query}" if query else base
