"""Finding the work an example is about when its title is plain text (a plain-text copy lost the
italics and links that marked it).

Titles are runs of capitalised words, allowing small words inside ("Darling in the FRANXX"), particles
of romanised Japanese ("Seijo wa Hakudaku ni Somaru") and punctuation that belongs to a title ("Ah! My
Goddess", "JoJo's"). Which run is the title comes from a fixed order of rules, each named in the
result so an import report can say why it guessed what it guessed.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from ..markup.names import to_wikiword

_SMALL = frozenset(
    "the of in a an and to on at for with de la el le les du des del da von van y e no ni wa ga wo na".split()
)
_LEAD_WORDS = frozenset("ditto also various similarly likewise even both".split())
_STOP_FIRST = frozenset(
    "a an if in while there there's this that it its it's one some many most several on at for as".split()
)
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Vol|No)\.$")
_TOKEN = re.compile(r"\S+")
_OPEN_PUNCT = "(\"“'‘["
_CLOSE_PUNCT = ',;)"”’]'
_OPEN, _CLOSE = tuple(_OPEN_PUNCT), tuple(_CLOSE_PUNCT)
_NOUNS = (
    "short story|story|novel|novella|fanfic|fan fic|fic|ballad|song|series|anime|manga|film|movie|game|OVA|"
    "play|book|comic|version|episode|album|webcomic|sitcom|poem|opera|musical|visual novel|doujin"
)
_NOUN_THEN = re.compile(rf"\b(?:{_NOUNS})\s+(?=[\"“A-Z0-9])", re.I)
_THE = re.compile(r"\bthe\s+(?=[A-Z0-9])", re.I)
_NOUN_AFTER = re.compile(rf"\s+(?:{_NOUNS})\b", re.I)
_NOUN_INSIDE = re.compile(r"\s+(?:OVA|Anime|Manga|Movie|Film|Series|Game|Novel|Song)\b")
_IN = re.compile(r"\b[Ii]n\s+(?:the\s+)?(?=[A-Z0-9])")
_QUOTED_START = re.compile(r"^\W{0,2}[\"“]([^\"”]{1,80})[\"”]")
_ARTIST_SONG = re.compile(r"^([^,\"“:]{1,60}),\s*[\"“]([^\"”]{1,80})[\"”]")
_QUOTED = re.compile(r"[\"“]([^\"”]{1,80})[\"”]")
# "Various Tsukino Jyogi works, including b 37°C and …": the works are the ones listed, not their maker
_INCLUDING = re.compile(
    r"^\W{0,2}(?:various|several|many|some|most|all|two|three)\b[^.:;]{1,80}?\b(?:works|titles|series|books|"
    r"stories|games|films|movies|fics|doujins?|comics|manga)\b,?\s+(?:including|such as|like|e\.g\.,?)\s+",
    re.I,
)
_LIST_ITEM_END = re.compile(r",|\s+(?:and|or)\s+|\.(?:\s|$)|;|$")
# "H-Doujin of Ah My Goddess", "fan fics about Hetalia": derivative works named by what they derive from
_WORKS_OF = re.compile(
    r"\b(?:H-)?(?:doujin(?:shi)?s?|fan ?fics?|fan ?fictions?|fan ?works|fan ?comics?|parod(?:y|ies))"
    r"\s+(?:of|about|for|based on)\s+(?:the\s+)?(?=[A-Z0-9])",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Found:
    """A title found in text: the title, where it stands in the text, and the rule that found it."""

    title: str
    start: int
    end: int
    rule: str


def _is_capital(word: str) -> bool:
    ch = word.lstrip(_OPEN_PUNCT)[:1]
    return bool(ch) and (ch.isupper() or ch.isdigit())


def cap_run(text: str, start: int, allow_colon: bool = True, max_words: int = 12) -> tuple[int, int] | None:
    """The span of the run of title words starting at `start`, or None if the word there is not one."""
    tokens = [
        (m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, min(len(text), start + 400))
    ]
    if not tokens or tokens[0][0] != start or not _is_capital(tokens[0][2]):
        return None
    end = start
    count = 0
    i = 0
    while i < len(tokens) and count < max_words:
        s, _e, word = tokens[i]
        core = word
        if count and word in _SMALL:
            # small words belong to the title only when a capitalised word follows them
            j = i
            while j < len(tokens) and tokens[j][2] in _SMALL:
                j += 1
            if j < len(tokens) and j - i <= 2 and _is_capital(tokens[j][2]):
                i = j
                continue
            break
        if not _is_capital(word) or (count and word.startswith(_OPEN)):
            break
        stop = False
        if word.endswith(_CLOSE) or (word.endswith(".") and not _ABBREVIATION.match(word)):
            core = word.rstrip(_CLOSE_PUNCT + ".")
            stop = True
        if word.endswith(":"):
            core = word[:-1]
            stop = not allow_colon or i + 1 >= len(tokens) or not _is_capital(tokens[i + 1][2])
        if count and re.search(r"['’]s$", core):  # "Adventure's Part 1": the title ends before the 's
            core = core[:-2]
            stop = True
        if count == 0 and core.startswith(_OPEN):
            return None
        if core:
            end = s + len(core)
            count += 1
        i += 1
        if stop:
            break
    return (start, end) if count else None


def _title(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]].strip(" -—")


def find_work(text: str, exclude: Container[str] = ()) -> Found | None:
    """The work a trope-page example names in plain text, or None.

    `exclude` holds lower-case WikiWords of names that are not works here (the page's own title, known
    tropes); it is not applied to a title standing alone at the start of the example.
    """

    def ok(title: str) -> bool:
        return bool(title) and to_wikiword(title).lower() not in exclude

    m = _QUOTED_START.match(text)
    if m:
        return Found(m.group(1).strip(), m.start(1), m.end(1), "quoted title")
    m = _ARTIST_SONG.match(text)
    if m:
        return Found(m.group(2).strip(), m.start(2), m.end(2), 'artist, "song"')
    m = _INCLUDING.match(text)
    if m:
        end = _LIST_ITEM_END.search(text, m.end(), m.end() + 100)
        stop = end.start() if end else min(len(text), m.end() + 100)
        title = text[m.end() : stop].strip()
        if title and ok(title):
            return Found(title, m.end(), m.end() + len(title), "first work after 'including'")
    m = _WORKS_OF.search(text, 0, 200)
    if m:
        span = cap_run(text, m.end())
        if span and ok(_title(text, span)):
            return Found(_title(text, span), span[0], span[1], f"title after {m.group(0).strip()!r}")
    lead = _strip_lead(text)
    first = text[lead:].split(None, 1)[0].lower() if text[lead:].strip() else ""
    colon = text.find(":", lead)
    if 0 < colon - lead <= 80 and first.strip(_OPEN_PUNCT) not in _STOP_FIRST:
        span = cap_run(text, lead, allow_colon=False)
        if span and span[1] == colon:
            return Found(_title(text, span), span[0], span[1], "title before a colon")
    for m in _NOUN_THEN.finditer(text):
        quoted = _QUOTED.match(text, m.end())
        if quoted:
            return Found(quoted.group(1), quoted.start(1), quoted.end(1), "quoted title after a kind of work")
        span = cap_run(text, m.end())
        if span and ok(_title(text, span)):
            return Found(_title(text, span), span[0], span[1], f"title after {m.group(0).strip()!r}")
    for m in _IN.finditer(text):
        span = cap_run(text, m.end())
        if span and ok(_title(text, span)):
            return Found(_title(text, span), span[0], span[1], "title after 'in'")
    for m in _THE.finditer(text):
        span = cap_run(text, m.end(), allow_colon=True)
        if not span:
            continue
        kind = _NOUN_INSIDE.search(text, span[0] + 1, span[1])  # "the Gibo OVA has": the run took "OVA"
        if kind:
            span = (span[0], kind.start())
        elif not _NOUN_AFTER.match(text, span[1]):
            continue
        if ok(_title(text, span)):
            return Found(_title(text, span), span[0], span[1], "'the TITLE <kind of work>'")
    span = cap_run(text, lead)
    if span and first not in _STOP_FIRST:
        title = _title(text, span)
        rest = text[span[1] :].lstrip()
        if " " in title or not rest or rest[0] in ".:!-—(" or rest.startswith(("...", "…")):
            return Found(title, span[0], span[1], "title at the start")
    for m in _TOKEN.finditer(text):
        if not _is_capital(m.group()) or m.group().lower().strip(_OPEN_PUNCT) in _STOP_FIRST:
            continue
        span = cap_run(text, m.start())
        if span:
            title = _title(text, span)
            if " " in title and ok(title):
                return Found(title, span[0], span[1], "first multi-word title")
    return None


# "There's also a kinkmeme fill in which …": a nested bullet about another work than its parent's
_OTHER_WORK = re.compile(
    r"^\W{0,2}(?:there(?:'s|’s| is| are| was)\s+(?:also\s+)?(?:a|an|another|one|some)|another|a different|"
    r"also a)\b[^.:;]{0,40}?\b(?:fic|fics|fanfic|fill|story|stories|doujin(?:shi)?|one-?shot|comic|parody|"
    r"spin-?off|sequel|remake|adaptation|version|work)\b",
    re.I,
)


def introduces_other_work(text: str) -> bool:
    """True for a bullet that opens by introducing a work of its own ("There's also a fic where…"): it
    is not about its parent bullet's work, though it does not name its own."""
    return bool(_OTHER_WORK.match(text))


def _strip_lead(text: str) -> int:
    """Where the example proper starts, after lead words like "Ditto" or "Various"."""
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.group().lower().strip(",") in _LEAD_WORDS:
            pos = m.end()
            while pos < len(text) and text[pos] == " ":
                pos += 1
        else:
            break
    return pos
