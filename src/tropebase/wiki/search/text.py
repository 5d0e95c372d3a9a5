"""Search text without a database: a query split into terms, the CJK character pairs an index keeps, and
highlighted snippets as safe HTML. Both database backends use these, so they agree on what a query means.

A query's terms are ANDed. Each term is one of three kinds, by what can find it:
- `word`: letters and digits outside CJK scripts, found as a word or the start of one ("umbr" finds
  Umbrella) — FTS5 unicode61 on SQLite, a `simple` tsvector on PostgreSQL;
- `substring`: a run of 3+ CJK characters (Japanese has no spaces between words), found anywhere in the
  text — a trigram index on both;
- `gram`: a run of 1–2 CJK characters (恋愛), which a trigram index cannot find: every CJK character and
  pair of adjacent ones is stored as a token of its own (`grams`), and the term is looked up there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

#: Hiragana, Katakana, CJK ideographs (with extension A and compatibility), half-width Katakana, Hangul
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af"
_CJK_RUN = re.compile(f"[{CJK}]+")
_PIECE = re.compile(f"([{CJK}]+)|([^\\W_{CJK}]+)")
#: terms a query may have, and characters a term may have: longer input is cut, not refused
MAX_TERMS = 8
MAX_TERM = 64

WORD, SUBSTRING, GRAM = "word", "substring", "gram"


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # lower case
    kind: str  # WORD, SUBSTRING or GRAM


def terms_of(query: str) -> list[Term]:
    """The terms of a query, in order, each once."""
    found: dict[Term, None] = {}
    for cjk, word in _PIECE.findall(query.lower()):
        if cjk:
            cjk = cjk[:MAX_TERM]
            found.setdefault(Term(cjk, SUBSTRING if len(cjk) >= 3 else GRAM), None)
        else:
            found.setdefault(Term(word[:MAX_TERM], WORD), None)
    return list(found)[:MAX_TERMS]


def substring_term(query: str) -> Term | None:
    """The whole query as one substring (`mbrell` in Umbrella) when words found nothing; None when it
    is too short for a trigram index."""
    text = " ".join(query.lower().split())[:MAX_TERM]
    return Term(text, SUBSTRING) if len(text) >= 3 else None


def grams(text: str) -> str:
    """Every CJK character and pair of adjacent ones in `text`, each once, space-separated: the tokens a
    1–2 character query is looked up among."""
    found: dict[str, None] = {}
    for run in _CJK_RUN.findall(text.lower()):
        for i, char in enumerate(run):
            found.setdefault(char, None)
            if i + 1 < len(run):
                found.setdefault(run[i : i + 2], None)
    return " ".join(found)


def _pattern(terms: list[Term]) -> re.Pattern | None:
    parts = [
        rf"(?<![^\W_]){re.escape(t.text)}[^\W_]*" if t.kind == WORD else re.escape(t.text)
        for t in sorted(terms, key=lambda t: -len(t.text))
    ]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def snippet(text: str, terms: list[Term], width: int = 220) -> Markup:
    """A passage of `text` around the first place a term is found, every term in it marked: safe HTML
    (the text is escaped; only <mark> is added)."""
    text = " ".join(text.split())
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    start = 0
    if first is not None and first.start() > width // 3:
        start = text.rfind(" ", 0, first.start() - width // 3) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = max(text.rfind(" ", start, end), first.end() if first else start + 1)
    shown = text[start:end]
    out = ["…" if start else ""]
    pos = 0
    for m in pattern.finditer(shown) if pattern else ():
        out.append(escape(shown[pos : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    out.append(escape(shown[pos:]))
    out.append("…" if end < len(text) else "")
    return Markup("".join(out))


def like_pattern(term: str) -> str:
    """`%term%` for LIKE/ILIKE with `\\` as the escape character."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
