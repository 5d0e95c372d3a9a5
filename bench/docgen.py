"""Synthetic trope pages for benchmarks: the same page written as TV Tropes markup and as CommonMark.

Words are drawn from a fixed list with a seeded generator, so every run measures the same text.
"""

from __future__ import annotations

import random

WORDS = [
    "the",
    "hero",
    "finds",
    "a",
    "map",
    "under",
    "old",
    "bridge",
    "while",
    "rival",
    "waits",
    "near",
    "harbour",
    "with",
    "lantern",
    "and",
    "rope",
    "because",
    "storm",
    "breaks",
    "over",
    "quiet",
    "village",
    "so",
    "friends",
    "gather",
    "at",
    "inn",
    "to",
    "plan",
    "journey",
    "across",
    "mountain",
    "before",
    "winter",
    "ends",
    "letter",
    "arrives",
    "from",
    "king",
    "asking",
    "help",
    "against",
    "dragon",
    "that",
    "guards",
    "golden",
    "gate",
]
TROPES = [
    "ChekhovsGun", "RedHerring", "BigDamnHeroes", "TheMentor", "HeroicSacrifice", "LoveTriangle",
    "MacGuffin", "PlotTwist", "TheChosenOne", "BittersweetEnding", "CallToAdventure", "EvilTwin",
]  # fmt: skip
MEDIA = ["Anime and Manga", "Film", "Literature", "Live-Action TV", "Video Games", "Web Original"]


def _title(name: str) -> str:
    out = []
    for ch in name:
        if ch.isupper() and out:
            out.append(" ")
        out.append(ch)
    return "".join(out)


def _sentence(rng: random.Random, flavour: str) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        trope = rng.choice(TROPES)
        words[i] = trope if flavour == "tvt" else f"[{_title(trope)}](/Main/{trope})"
    if rng.random() < 0.5:
        i = rng.randrange(len(words))
        words[i] = f"''{words[i]}''" if flavour == "tvt" else f"*{words[i]}*"
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"'''{words[i]}'''" if flavour == "tvt" else f"**{words[i]}**"
    return " ".join(words).capitalize() + "."


def _work(rng: random.Random) -> str:
    return " ".join(w.capitalize() for w in rng.choices(WORDS, k=rng.randint(1, 3)))


def generate(size: int, flavour: str, seed: int = 7) -> str:
    """About `size` characters of pages; `flavour` is "tvt" or "commonmark"."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        page: list[str] = []
        quote = _sentence(rng, flavour)
        if flavour == "tvt":
            page += [f"->{quote}", "-->-- ''Somebody''", ""]
        else:
            page += [f"> {quote}", ">", "> — *Somebody*", ""]
        for _ in range(3):
            page += [" ".join(_sentence(rng, flavour) for _ in range(4)), ""]
        page += ["----", "!!Examples:" if flavour == "tvt" else "## Examples:", ""]
        for medium in rng.sample(MEDIA, 4):
            page.append(f"[[folder:{medium}]]" if flavour == "tvt" else f"### {medium}\n")
            for _ in range(rng.randint(4, 10)):
                work = _work(rng)
                lead = f"''{work}''" if flavour == "tvt" else f"*{work}*"
                page.append(("* " if flavour == "tvt" else "- ") + f"{lead}: {_sentence(rng, flavour)}")
                for depth in (2, 3):
                    if rng.random() < 0.3:
                        marker = "*" * depth + " " if flavour == "tvt" else "  " * (depth - 1) + "- "
                        page.append(marker + _sentence(rng, flavour))
            page.append("[[/folder]]" if flavour == "tvt" else "")
        text = "\n".join(page) + "\n\n"
        parts.append(text)
        total += len(text)
    return "".join(parts)
