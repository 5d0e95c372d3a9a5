"""Page names: namespaces, WikiWord targets and the fallback display title.

A page is keyed by `(Namespace, Name)`; Name is a WikiWord with the punctuation removed, compared
case-insensitively, and Main is the namespace when none is written. These rules are shared by the
markup (to resolve links) and the catalog (to name pages), so they live here, free of Django.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Namespaces TV Tropes uses, in their canonical spelling. Media namespaces first.
MEDIA_NAMESPACES: tuple[str, ...] = (
    "Advertising", "Animation", "Anime", "ARG", "Art", "AudioPlay", "Blog", "Bollywood", "ComicBook",
    "ComicStrip", "Creator", "FanFic", "Film", "Franchise", "LetsPlay", "LightNovel", "Literature",
    "Manga", "Manhua", "Manhwa", "Music", "Myth", "Podcast", "Radio", "Ride", "Roleplay", "Series",
    "TabletopGame", "Theatre", "Toys", "VideoGame", "VisualNovel", "WebAnimation", "Webcomic",
    "WebOriginal", "Website", "WebVideo", "WesternAnimation", "Wrestling", "Pinball", "Magazine",
    "Newspaper", "Opera", "Poetry", "Puppetry", "Religion", "TheatreMusical", "ProWrestling",
)  # fmt: skip
SUBPAGE_NAMESPACES: tuple[str, ...] = (
    "YMMV", "Trivia", "Laconic", "Quotes", "Characters", "Awesome", "Funny", "Fridge", "Headscratchers",
    "WMG", "Analysis", "Recap", "PlayingWith", "ImageLinks", "FanficRecs", "FanWorks", "Haiku",
    "ReferencedBy", "Synopsis", "Timeline", "VideoExamples", "Tearjerker", "Heartwarming", "NightmareFuel",
    "SoYouWantTo", "AwesomeMusic", "ShoutOut",
)  # fmt: skip
OTHER_NAMESPACES: tuple[str, ...] = (
    "Main", "Administrivia", "UsefulNotes", "Tropers", "JustForFun", "DarthWiki", "SugarWiki", "Sandbox",
    "Ptitle", "Platform", "Disney",
)  # fmt: skip

#: Names of the pages a big page is split into, by letter range (TropesAToD) or medium (VideoGames).
#: `Page/TropesAToD` is read as one link to a split page; other `WikiWord/WikiWord` pairs are two links.
SPLIT_PAGE_NAMES: tuple[str, ...] = (
    "AnimeAndManga", "ComicBooks", "ComicStrips", "FanWorks", "FanFic", "Film", "FilmsAnimated", "FilmsLiveAction",
    "Literature", "LiveActionTV", "Music", "Myths", "Podcasts", "Radio", "TabletopGames", "Theatre",
    "VideoGames", "VisualNovels", "WebAnimation", "Webcomics", "WebOriginal", "WebVideos", "WesternAnimation",
    "Wrestling", "RealLife", "OtherMedia", "Advertising", "Pinball", "Toys",
)  # fmt: skip

NAMESPACES: tuple[str, ...] = tuple(dict.fromkeys(MEDIA_NAMESPACES + SUBPAGE_NAMESPACES + OTHER_NAMESPACES))
_CANONICAL_NS: dict[str, str] = {ns.lower(): ns for ns in NAMESPACES}

DEFAULT_NAMESPACE = "Main"

#: A WikiWord after its first capital, as PmWiki (and so TV Tropes) defines it: somewhere a capital
#: followed by a lower-case letter or digit (AIBreaker, NPCs), or a lower-case letter or digit followed
#: by a capital (ChekhovsGun, McDonald). "Hero" and "NASA" are not WikiWords.
#: TV Tropes adds a capitalised word followed by digits (Room101, Area51), which PmWiki alone does not link.
WIKIWORD_TAIL = r"(?:[A-Za-z0-9]*?(?:[A-Z][a-z0-9]|[a-z0-9][A-Z])[A-Za-z0-9]*|[a-z]+[0-9][A-Za-z0-9]*)"
WIKIWORD = "[A-Z]" + WIKIWORD_TAIL

_NON_NAME = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile(r"['’]")
_CAMEL_SPLIT = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])")
#: a work's title also breaks after a number that ends a title before its subtitle (Street4TheDream);
#: link text does not (TV Tropes shows TopTen2Go as "Top Ten 2Go")
_TITLE_SPLIT = re.compile(_CAMEL_SPLIT.pattern + r"|(?<=[0-9])(?=[A-Z][a-z])")
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "vs",
        "into",
        "onto",
        "per",
        "via",
    ]
)


def canonical_namespace(name: str) -> str | None:
    """The canonical spelling of a known namespace (`film` → `Film`), or None if unknown."""
    return _CANONICAL_NS.get(name.lower())


def to_wikiword(text: str) -> str:
    """Free text to a page Name: apostrophes dropped, each word capitalised, punctuation removed.

    `wiki word` → `WikiWord`, `Achilles' Heel` → `AchillesHeel`, `Don't Panic` → `DontPanic`.
    """
    words = _NON_NAME.split(_APOSTROPHES.sub("", text))
    return "".join(w[:1].upper() + w[1:] for w in words if w)


def normalise_target(raw: str) -> tuple[str, str | None]:
    """A link target as written → (`Namespace/Name`, anchor or None).

    Accepts `Name`, `Ns/Name`, `Ns.Name` (known namespaces only in the dot form), `Name#anchor`, and a
    split page's pseudo-namespace (`TheAvengers/TropesAToD`).
    """
    anchor = None
    if "#" in raw:
        raw, anchor = raw.split("#", 1)
        anchor = anchor or None
    ns = DEFAULT_NAMESPACE
    for sep in ("/", "."):
        head, found, tail = raw.partition(sep)
        if not found:
            continue
        known = canonical_namespace(head)
        if known:
            ns, raw = known, tail
            break
        if sep == "/" and head[:1].isalpha():
            ns, raw = to_wikiword(head), tail
            break
    name = to_wikiword(raw)
    return f"{ns}/{name}", anchor


@lru_cache(maxsize=1 << 17)
def title_from_name(name: str, *, work: bool = False) -> str:
    """Fallback display title from a Name: `NetorareGenre` → "Netorare Genre".

    TV Tropes stores each page's real title separately; this is only for pages we have no title for.
    With `work`, a number is also split from the subtitle after it ("Elm Street 4 The Dream Master").
    """
    words = (_TITLE_SPLIT if work else _CAMEL_SPLIT).split(name)
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        letter_range = len(word) == 1 and i + 1 < len(words) and words[i + 1] == "To"  # Tropes A to D
        subtitle = i and words[i - 1].isdigit()  # Elm Street 4 The Dream Master
        out.append(low if i and low in SMALL_WORDS and not letter_range and not subtitle else word)
    return " ".join(out)


def spells(text: str, target: str) -> bool:
    """Whether `text` is a way of writing the name of `target` ("Chekhov's Gun" for Main/ChekhovsGun):
    link text that spells the name is the page's title; other text is a pothole's own words."""
    return to_wikiword(text).lower() == split_target(target)[1].lower()


def split_target(target: str) -> tuple[str, str]:
    """`Namespace/Name` → (Namespace, Name)."""
    ns, _, name = target.partition("/")
    return ns, name
