"""The medium vocabulary: one key per kind of media folder, the labels people write for it, the
namespaces whose works belong to it, and cues for guessing it when a section lost its header."""

from __future__ import annotations

import re

from ..markup.names import to_wikiword

#: key → (display label, other labels people write, namespaces of its works)
MEDIA: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "anime_manga": ("Anime & Manga", ("Anime and Manga", "Anime", "Manga", "Manhwa", "Manhua", "Manga and Anime",
                                      "Anime & Manga", "Manhwa and Manhua"), ("Anime", "Manga", "Manhwa", "Manhua")),
    "comic_books": ("Comic Books", ("Comics", "Comic Book", "Comicbooks", "Comic Books"), ("ComicBook",)),
    "comic_strips": ("Comic Strips", ("Newspaper Comics", "Comic Strip", "Comic Strips"), ("ComicStrip",)),
    "fan_works": ("Fan Works", ("Fan Fic", "Fanfic", "Fan Fiction", "Fanfiction", "Fan Works", "Fan Fics",
                                "Fan Works: Fanfic"), ("FanFic", "FanWorks")),
    "film_animated": ("Films — Animation", ("Films - Animation", "Films — Animated", "Animated Films",
                                            "Film - Animated", "Animated Film", "Films -- Animation",
                                            "Films — Animation"), ()),
    "film": ("Film", ("Film", "Films", "Films — Live-Action", "Films - Live-Action", "Live-Action Films",
                      "Live Action Films", "Film - Live Action", "Films -- Live-Action", "Movies", "Film (Live Action)"),
             ("Film", "Bollywood")),
    "literature": ("Literature", ("Literature", "Books", "Novels", "Light Novels", "Poetry", "Short Stories",
                                  "Fairy Tales", "Literature and Light Novels"), ("Literature", "LightNovel")),
    "live_action_tv": ("Live-Action TV", ("Live Action TV", "Live-Action TV", "Television", "TV", "Live-Action Television",
                                          "Series"), ("Series",)),
    "music": ("Music", ("Music", "Songs"), ("Music",)),
    "mythology_religion": ("Mythology & Religion", ("Myths & Religion", "Mythology", "Religion", "Mythology and Religion",
                                                    "Myths and Religion", "Folklore", "Mythology & Religion",
                                                    "Religion and Mythology"), ("Myth", "Religion", "Mythology")),
    "podcasts": ("Podcasts", ("Podcast", "Podcasts"), ("Podcast",)),
    "radio": ("Radio", ("Radio", "Audio Plays", "Audio Play"), ("Radio", "AudioPlay")),
    "tabletop_games": ("Tabletop Games", ("Tabletop Games", "Tabletop Game", "Tabletop RPG", "Board Games",
                                          "Tabletop"), ("TabletopGame",)),
    "theatre": ("Theatre", ("Theatre", "Theater", "Musicals", "Opera", "Theatre and Opera"), ("Theatre", "Opera")),
    "video_games": ("Video Games", ("Video Games", "Video Game", "Games", "Videogames"), ("VideoGame",)),
    "visual_novels": ("Visual Novels", ("Visual Novel", "Visual Novels"), ("VisualNovel",)),
    "web_animation": ("Web Animation", ("Web Animation", "Web Animations"), ("WebAnimation",)),
    "webcomics": ("Webcomics", ("Webcomic", "Web Comics", "Web Comic", "Webcomics"), ("Webcomic",)),
    "web_original": ("Web Original", ("Web Original", "Web Fiction", "Web Serial", "Website", "Websites",
                                      "Web Serial Novel"), ("WebOriginal", "Website")),
    "web_video": ("Web Videos", ("Web Video", "Web Videos", "Web Series", "Let's Play"), ("WebVideo", "LetsPlay")),
    "western_animation": ("Western Animation", ("Western Animation", "Animation", "Cartoons", "Animated Series",
                                                "Western Animated Series"), ("WesternAnimation", "Animation")),
    "wrestling": ("Professional Wrestling", ("Wrestling", "Pro Wrestling", "Professional Wrestling"),
                  ("Wrestling", "ProWrestling")),
    "advertising": ("Advertising", ("Advertising", "Advertisements", "Commercials"), ("Advertising",)),
    "toys": ("Toys", ("Toys", "Toy Lines"), ("Toys",)),
    "pinball": ("Pinball", ("Pinball",), ("Pinball",)),
    "theme_parks": ("Theme Parks", ("Theme Parks", "Rides"), ("Ride",)),
    "roleplay": ("Roleplay", ("Roleplay", "Play-By-Post Games", "Play By Post Games"), ("Roleplay",)),
    "multiple_media": ("Multiple Media", ("Multiple Media", "Franchise", "Franchises", "Multimedia"), ("Franchise",)),
    "other_media": ("Other Media", ("Other Media", "Other", "Miscellaneous"), ()),
    "real_life": ("Real Life", ("Real Life", "Real-Life", "Real Life Examples"), ()),
}  # fmt: skip

_LABEL_KEY = re.compile(r"[^a-z0-9]+")


def _norm(label: str) -> str:
    return _LABEL_KEY.sub("", label.lower().replace("&", "and"))


_BY_LABEL: dict[str, str] = {}
_BY_NAMESPACE: dict[str, str] = {}
for _key, (_label, _others, _namespaces) in MEDIA.items():
    for _written in (_label, *_others):
        _BY_LABEL.setdefault(_norm(_written), _key)
    for _ns in _namespaces:
        _BY_NAMESPACE.setdefault(_ns.lower(), _key)


def medium_for_label(label: str) -> str | None:
    """The medium key a folder label means ("Anime and Manga", "Fan Fic", "Films — Live-Action"…)."""
    return _BY_LABEL.get(_norm(label))


def medium_for_namespace(namespace: str) -> str | None:
    """The medium of works in a namespace (`Film` → film, `Anime` → anime_manga)."""
    return _BY_NAMESPACE.get(namespace.lower())


def medium_label(key: str) -> str:
    return MEDIA[key][0]


# Cues for a section that lost its header: (pattern, medium), tried on each example's text.
_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r'^[^,"“]{1,60},\s*["“][^"”]+["”]'), "music"),  # Artist, "Song"
    (re.compile(r'^["“][^"”]+["”],?\s+by\s'), "music"),  # "Song" by Artist
    (re.compile(r"\b(song|ballad|album|single|band|singer|lyrics|sung)\b", re.I), "music"),
    (re.compile(r"\b(short story|novel|novella|book|poem)\b", re.I), "literature"),
    (re.compile(r"\b(fanfic|fan fic|fanfiction|fan fiction)\b", re.I), "fan_works"),
    (re.compile(r"\b(films?|movies?)\b", re.I), "film"),
    (re.compile(r"\b(video ?games?|visual novel)\b", re.I), "video_games"),
    (re.compile(r"\b(anime|manga|OVA|doujin(shi)?)\b", re.I), "anime_manga"),
    (re.compile(r"\b(episode|sitcom|tv series)\b", re.I), "live_action_tv"),
)


def infer_medium(texts: list[str], known_works: dict[str, str] | None = None, works: list[str] | None = None):
    """Guess the medium of a header-less section from its examples.

    Returns (medium or None, reason). Known works vote with their medium; otherwise each example votes
    for the first cue it matches. A medium needs more than half of the examples' votes.
    """
    votes: dict[str, int] = {}
    reasons: dict[str, str] = {}
    for i, text in enumerate(texts):
        work = works[i] if works and i < len(works) else None
        if known_works and work and to_wikiword(work).lower() in known_works:
            medium = known_works[to_wikiword(work).lower()]
            votes[medium] = votes.get(medium, 0) + 1
            reasons.setdefault(medium, f"known work {work!r}")
            continue
        for pattern, medium in _CUES:
            m = pattern.search(text)
            if m:
                votes[medium] = votes.get(medium, 0) + 1
                reasons.setdefault(medium, f"cue {m.group(0)!r}")
                break
    if not votes:
        return None, "no cue"
    medium, count = max(votes.items(), key=lambda kv: kv[1])
    if count * 2 <= len(texts):
        return None, f"too few cues ({count} of {len(texts)} for {medium})"
    return medium, f"{count} of {len(texts)} examples: {reasons[medium]}"


#: a medium and the narrower folder of it that sorts next to it: between two folders, both mean the one
_NARROWER = {"film_animated": "film"}


def medium_between(before: str, after: str) -> str | None:
    """The medium whose folder sorts between the folders labelled `before` and `after`, when there is
    one: TV Tropes sorts a page's media folders alphabetically, so a lost header between "Fan Fic" and
    "Literature" was "Film". None when the two are not in order, or several media could stand there."""
    low, high = _norm(before), _norm(after)
    if not low or not high or low >= high:
        return None
    ends = {medium_for_label(before), medium_for_label(after)}
    between = {
        _NARROWER.get(key, key)
        for key, (label, _, _) in MEDIA.items()
        if low < _norm(label) < high and key not in ends and _NARROWER.get(key, key) not in ends
    }
    return between.pop() if len(between) == 1 else None
