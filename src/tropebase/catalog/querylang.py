"""The query language, parsed: `NetorareGenre +LoveTriangle -Rape medium:Anime,Manga play:any`.

One grammar for the web UI, the CLI and the API, so it lives here, free of Django; the wiki layer
(`wiki.query`) resolves the names and evaluates a parsed query over appearances.

* `Name` or `+Name` — works that have this trope (or one of its subtropes);
* `-Name` — leave out works that have it (or one of its subtropes);
* `"Two Words"` — a name with spaces, after `+`/`-` too;
* `medium:Anime,Manga` — works of these media (labels, namespaces or keys of `catalog.media`);
* `play:any`, `play:averted,subverted`, `play:present` (the default) — which plays count as having it;
* `spoilers:show` — example text in full.

Errors carry the 0-based position of what is wrong, so a message can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .media import MEDIA, medium_for_label, medium_for_namespace
from .play import PLAY_TYPES

#: plays that mean the work has the trope (`play:present`, the default); "uncertain" (every statement
#: hedged) does not
PRESENT_PLAYS: frozenset[str] = frozenset(p for p, present in PLAY_TYPES.items() if present)
#: every value `play:` takes besides `any` and `present`
PLAY_VALUES: frozenset[str] = frozenset(PLAY_TYPES) | {"uncertain"}
FILTERS = ("medium", "play", "spoilers")

_TOKEN = re.compile(r'(?P<sign>[+-]?)(?:"(?P<quoted>[^"]*)(?P<closed>"?)|(?P<bare>\S+))')
_FILTER = re.compile(r"(?P<key>[A-Za-z]+):(?P<value>.*)", re.S)
_NAME = re.compile(r"[^\s\"]+")


class QueryError(ValueError):
    """A malformed query: `message`, and where (`position`, `length`) in the query text."""

    def __init__(self, message: str, position: int = 0, length: int = 1):
        super().__init__(message)
        self.message, self.position, self.length = message, position, max(1, length)

    def pointer(self, text: str) -> str:
        """The query and a caret line under the part that is wrong."""
        return f"{text}\n{' ' * self.position}{'^' * self.length}"


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    position: int  # where the name starts in the query text


@dataclass(slots=True)
class Query:
    include: list[Term] = field(default_factory=list)
    exclude: list[Term] = field(default_factory=list)
    media: list[str] = field(default_factory=list)  # keys of catalog.media.MEDIA
    plays: frozenset[str] | None = PRESENT_PLAYS  # None: any play
    show_spoilers: bool = False

    def __str__(self) -> str:
        """The query written back in its canonical form."""
        out = [_quote(t.name, "+" if i else "") for i, t in enumerate(self.include)]
        out += [_quote(t.name, "-") for t in self.exclude]
        if self.media:
            out.append("medium:" + ",".join(self.media))
        if self.plays is None:
            out.append("play:any")
        elif self.plays != PRESENT_PLAYS:
            out.append("play:" + ",".join(sorted(self.plays)))
        if self.show_spoilers:
            out.append("spoilers:show")
        return " ".join(out)


def _quote(name: str, sign: str) -> str:
    return f'{sign}"{name}"' if re.search(r"\s", name) else sign + name


def looks_like_query(text: str) -> bool:
    """Whether a search box's text is meant as a query: a `+`/`-` term or a known filter. A plain word or
    phrase is a search (even a malformed query is a query, so its error can be shown)."""
    for m in re.finditer(r"\S+", text):
        token = m.group()
        if re.match(r'[+-](?:["\w])', token):
            return True
        f = _FILTER.fullmatch(token)
        if f and f.group("key").lower() in FILTERS:
            return True
    return False


def parse(text: str) -> Query:
    """Parse a query; raises QueryError pointing at the first thing wrong."""
    query = Query()
    seen_play = False
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        m = _TOKEN.match(text, pos)
        assert m is not None  # \S+ always matches here
        sign = m.group("sign")
        if m.group("quoted") is not None:
            if not m.group("closed"):
                raise QueryError("this quote is never closed", m.start("quoted") - 1, 1)
            name = " ".join(m.group("quoted").split())
            if not name:
                raise QueryError("empty name in quotes", m.start(), m.end() - m.start())
            _term(query, sign, Term(name, m.start("quoted")))
        else:
            bare = m.group("bare")
            start = m.start("bare")
            f = _FILTER.fullmatch(bare) if not sign else None
            if f:
                seen_play |= _filter(query, f.group("key").lower(), f.group("value"), start, bare, seen_play)
            else:
                if not sign and bare[:1] in "+-":
                    raise QueryError("a name must follow this sign", start, 1)
                if not _NAME.fullmatch(bare):
                    raise QueryError(
                        'a name with a quote in it must be written in quotes: "…"', start, len(bare)
                    )
                if not re.search(r"\w", bare):
                    raise QueryError(f"{bare!r} is not a name", start, len(bare))
                _term(query, sign, Term(bare, start))
        pos = m.end()
    if not query.include and not query.exclude and not query.media:
        raise QueryError("the query names no trope and no medium", 0, max(1, len(text)))
    return query


def _term(query: Query, sign: str, term: Term) -> None:
    (query.exclude if sign == "-" else query.include).append(term)


def _filter(query: Query, key: str, value: str, start: int, token: str, seen_play: bool) -> bool:
    """Apply `key:value`; returns whether it was a play filter."""
    vstart = start + len(key) + 1
    if key not in FILTERS:
        raise QueryError(f"unknown filter {key + ':'!r} (known: {', '.join(f + ':' for f in FILTERS)})",
                         start, len(key) + 1)  # fmt: skip
    if not value:
        raise QueryError(f"{key}: needs a value", start, len(token))
    parts = _parts(value, vstart)
    if key == "medium":
        for part, at in parts:
            medium = _medium(part)
            if medium is None:
                raise QueryError(f"unknown medium {part!r}", at, len(part))
            if medium not in query.media:
                query.media.append(medium)
        return False
    if key == "spoilers":
        if value.lower() not in ("show", "hide"):
            raise QueryError("spoilers: is show or hide", vstart, len(value))
        query.show_spoilers = value.lower() == "show"
        return False
    if seen_play:
        raise QueryError("play: is given twice", start, len(token))
    wanted: set[str] = set()
    for part, at in parts:
        word = part.lower()
        if word == "any":
            if len(parts) > 1:
                raise QueryError("play:any stands alone", at, len(part))
            query.plays = None
            return True
        if word == "present":
            wanted |= PRESENT_PLAYS
        elif word in PLAY_VALUES:
            wanted.add(word)
        else:
            known = ", ".join(["any", "present", *sorted(PLAY_VALUES)])
            raise QueryError(f"unknown play type {part!r} (one of {known})", at, len(part))
    query.plays = frozenset(wanted)
    return True


def _parts(value: str, start: int) -> list[tuple[str, int]]:
    out, at = [], start
    for part in value.split(","):
        if not part:
            raise QueryError("empty value between commas", at, 1)
        out.append((part, at))
        at += len(part) + 1
    return out


def _medium(text: str) -> str | None:
    if text.lower() in MEDIA:
        return text.lower()
    return medium_for_label(text) or medium_for_namespace(text) or medium_for_label(text.replace("_", " "))
