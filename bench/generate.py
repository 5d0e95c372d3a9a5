"""A full-size synthetic catalog: markup pages for ~30,000 tropes, 500,000 works and 3,000,000 examples.

Run: python bench/generate.py DIR [--scale 1] [--seed 1]   (--scale 0.1: 3,000 tropes, 50,000 works,
     300,000 examples; --tropes/--works/--examples set a count outright)
then: tropebase import DIR

Why: the films corpus (12k works, one medium, no hierarchy) is too small and too flat to show how the
wiki holds up at TV Tropes' size. Every name and sentence is made from the word lists of
bench/gen_catalog.py (nothing is copied from any corpus), in the markup the catalog compiler reads:

* trope pages (Main/AmberLantern): a description, sometimes with an alias ('Also called "X"',
  "Abbreviated as XYZ") and relations — "Subtrope of X." on the child, or "Supertrope of Y." or a
  "Sub-tropes:" list on the parent: a DAG, as each trope's supertropes are generated before it — then
  examples in one folder per medium (``''Film/TheQuietHarbor'': …``);
* work pages in 20 media namespaces (Film/TheQuietHarbor): a description, then "This work provides
  examples of:" with one bullet per trope (``* AmberLantern: …``), in letter folders on big pages;
* index pages (Main/LanternTropes): an ``[[index]]`` of sub-indexes and tropes, two levels deep;
* redirect pages (Main/SilverKettle → ``[[redirect:AmberLantern]]``) for some "also called" names.

How often each trope is played follows Zipf's law (the most played trope is in a large share of the
works, the median one in a few dozen); each (trope, work) pair is written on the work page, on the
trope page or on both (a popular trope's page lists only a sample, so no page outgrows the size limit);
5% of examples are not played straight (averted, subverted, defied, invoked, …), ~12% hide a spoiler,
~3% have a nested bullet. Same --seed, same bytes.

Memory stays flat: pages are written as they are made; what is kept is the names and, as arrays of
integers, which works each trope page lists. Files are sharded so no folder holds more than 1,000:
`1-works/Film/000/Film.TheQuietHarbor.txt`, `2-tropes/000/Main.AmberLantern.txt`, `3-indexes/…`,
`4-redirects/…` — `tropebase import DIR` walks subfolders in name order (works, then tropes, then
indexes, then redirects: each redirect's target exists when it is saved), and each file's name says
its page.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gen_catalog import ADJECTIVES, MORE_NOUNS, PEOPLE, TIMES, VERBS, WORDS
from tropebase.catalog.media import MEDIA, medium_for_namespace
from tropebase.markup.names import title_from_name

NOUNS = WORDS + MORE_NOUNS

#: full size; --scale multiplies all three
TROPES, WORKS, EXAMPLES = 30_000, 500_000, 3_000_000

#: work namespaces, with their share of the works and what a description calls such a work
NAMESPACES: dict[str, tuple[float, str]] = {
    "Film": (14, "film"), "Literature": (13, "novel"), "VideoGame": (13, "game"), "Series": (10, "series"),
    "Anime": (6, "anime"), "Manga": (6, "manga"), "ComicBook": (6, "comic"),
    "WesternAnimation": (5, "cartoon"), "Music": (5, "album"), "Webcomic": (4, "webcomic"),
    "LightNovel": (2, "light novel"), "VisualNovel": (2, "visual novel"), "TabletopGame": (2, "board game"),
    "Theatre": (2, "play"), "WebVideo": (2, "web series"), "WebOriginal": (2, "web serial"),
    "ComicStrip": (1.5, "comic strip"), "Podcast": (1.5, "podcast"), "Radio": (1, "radio drama"),
    "Myth": (1, "legend"),
}  # fmt: skip
NS_NAMES = list(NAMESPACES)
#: the folder label of each namespace's medium on a trope page (the label the compiler reads back)
FOLDER = {ns: MEDIA[medium_for_namespace(ns)][0] for ns in NS_NAMES}

#: how an example that is not played straight says so: the play-type page and its lead word
PLAYS = (
    ("Averted", "Averted", 30), ("Subverted", "Subverted", 22), ("Inverted", "Inverted", 8),
    ("Defied", "Defied", 7), ("Invoked", "Invoked", 7), ("Discussed", "Discussed", 5),
    ("Lampshaded", "Lampshaded", 5), ("Parodied", "Parodied", 4), ("Exaggerated", "Exaggerated", 4),
    ("Downplayed", "Downplayed", 4), ("ZigZagged", "Zig-zagged", 2), ("Deconstructed", "Deconstructed", 2),
)  # fmt: skip

ZIPF = 1.0  # exponent of trope popularity
NOT_STRAIGHT = 0.05
SPOILER = 0.12
NESTED = 0.03
ON_TROPE_PAGE = 0.45  # chance a (trope, work) pair is written on the trope page …
ALSO_ON_WORK_PAGE = 0.6  # … and, when it is, on the work page too (else always on the work page)
TROPE_PAGE_CAP = 1200  # about how many examples the most played tropes' pages list
PER_FOLDER = 40  # a work page with more tropes than this groups them in letter folders
SHARD = 1000


ROOTS = 1 / 40  # share of the tropes (the first generated) that have no supertrope by construction
HAS_SUPER = 0.7  # chance a later trope has a supertrope …
SECOND_SUPER = 0.12  # … and a second one (the hierarchy is a DAG, not a tree)
ALSO_CALLED = 0.08  # tropes whose description gives another name; 60% of those get a redirect page
REDIRECTED = 0.6
ABBREVIATED = 0.04
PER_INDEX = 60  # tropes per index page, about


@dataclass
class Summary:
    """What was written: the counts a compile of the pages must give back."""

    pages: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("trope", "work", "index", "redirect"), 0)
    )
    works_by_namespace: dict[str, int] = field(default_factory=dict)
    examples: int = 0  # every bullet compiled as an example, nested ones included
    on_trope_pages: int = 0
    on_work_pages: int = 0
    nested: int = 0
    not_straight: int = 0
    spoilers: int = 0
    pairs: int = 0  # distinct (trope, work) pairs
    most_played: int = 0  # works playing the most played trope
    median_played: float = 0  # … and the median trope
    supertrope_edges: int = 0  # child → parent, each written once (on one of the two pages)
    aliases: int = 0  # other names given in descriptions ("also called", "abbreviated as")
    bytes: int = 0
    files: int = 0

    def lines(self) -> list[str]:
        media = len({medium_for_namespace(ns) for ns in self.works_by_namespace})
        kinds = ", ".join(f"{kind} {n:,}" for kind, n in self.pages.items())
        return [
            f"pages: {self.files:,} ({kinds}), {self.bytes / 1e6:,.1f} MB",
            f"works: {self.pages['work']:,} in {len(self.works_by_namespace)} namespaces, {media} media ("
            + ", ".join(f"{ns} {n:,}" for ns, n in self.works_by_namespace.items())
            + ")",
            f"examples: {self.examples:,} ({self.on_work_pages:,} on work pages, {self.on_trope_pages:,} on "
            f"trope pages; {self.nested:,} nested, {self.not_straight:,} not played straight, "
            f"{self.spoilers:,} with spoilers); {self.pairs:,} distinct (trope, work) pairs",
            f"popularity: the most played trope is in {self.most_played:,} works, the median one in "
            f"{self.median_played:g}",
            f"hierarchy: {self.supertrope_edges:,} supertrope edges; {self.aliases:,} aliases in descriptions",
        ]


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


Pattern = Callable[[Callable[[list[str]], str]], list[str]]
TROPE_PATTERNS: list[tuple[float, Pattern]] = [
    (30, lambda w: [w(ADJECTIVES), w(NOUNS)]),
    (25, lambda w: [w(NOUNS), w(NOUNS)]),
    (25, lambda w: [w(ADJECTIVES), w(NOUNS), w(NOUNS)]),
    (10, lambda w: ["the", w(ADJECTIVES), w(NOUNS)]),
    (10, lambda w: [w(NOUNS), "of", w(NOUNS)]),
]
WORK_PATTERNS: list[tuple[float, Pattern]] = [
    (15, lambda w: ["the", w(ADJECTIVES), w(NOUNS)]),
    (15, lambda w: [w(NOUNS), "of", "the", w(NOUNS)]),
    (30, lambda w: ["the", w(ADJECTIVES), w(NOUNS), "of", w(NOUNS)]),
    (20, lambda w: [w(ADJECTIVES), w(NOUNS), "and", "the", w(NOUNS)]),
    (20, lambda w: ["the", w(NOUNS), w(NOUNS)]),
]
INDEX_PATTERNS: list[tuple[float, Pattern]] = [
    (50, lambda w: [w(NOUNS), "tropes"]),
    (50, lambda w: [w(ADJECTIVES), w(NOUNS), "tropes"]),
]


class Names:
    """Distinct page names (compared without case, across all namespaces) from the word lists."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def word(self, seq: list[str]) -> str:
        return seq[int(self.rng.random() * len(seq))]

    def make(self, patterns: list[tuple[float, Pattern]]) -> str:
        """A WikiWord name (AmberLantern): a pattern picked by weight, drawn again until the name is new."""
        weights = [w for w, _ in patterns]
        while True:
            name = "".join(map(_cap, self.rng.choices(patterns, weights)[0][1](self.word)))
            if name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name


class Prose:
    """Sentences from the word lists, drawn from one random stream (a few random() calls each)."""

    def __init__(self, rng: random.Random, counts: Summary) -> None:
        self.r = rng.random
        self.counts = counts

    def w(self, seq: list[str]) -> str:
        return seq[int(self.r() * len(seq))]

    def clause(self) -> str:
        """Lower case: who does what to which thing."""
        w = self.w
        return f"{w(PEOPLE)} {w(VERBS)} the {w(ADJECTIVES)} {w(NOUNS)}"

    def sentence(self, spoiler: bool) -> str:
        """An example's plain sentence. No colon: a nested bullet on a work page must not name a trope."""
        w, form = self.w, int(self.r() * 3)
        if form == 0:
            head = f"{_cap(w(PEOPLE))} {w(VERBS)} the {w(NOUNS)} near the {w(NOUNS)}"
        elif form == 1:
            head = f"When {self.clause()}, {w(PEOPLE)} {w(VERBS)} the {w(NOUNS)} {w(TIMES)}"
        else:
            head = f"{_cap(w(PEOPLE))} {w(VERBS)} {_a(w(ADJECTIVES))} {w(NOUNS)} {w(TIMES)}"
        if spoiler:
            return f"{head}; [[spoiler:later {self.clause()}]]."
        return f"{head}, and {self.clause()}."

    def example(self, nested: bool) -> str:
        """An example's text after its `Work:` or `Trope:` lead: played straight, or (5%) not."""
        r, counts = self.r, self.counts
        spoiler = r() < SPOILER
        counts.spoilers += spoiler
        text = self.sentence(spoiler)
        if r() >= NOT_STRAIGHT:
            return text
        counts.not_straight += 1
        target = r() * _PLAY_TOTAL
        page, word, _ = next(p for p, top in zip(PLAYS, _PLAY_TOPS, strict=True) if target < top)
        form = 2 if nested else int(r() * 3)  # a nested bullet must not open with a link or "Word:"
        if form == 0:
            return f"{{{{{page}}}}}: {text}"
        if form == 1:
            return f"{word}: {text}"
        return f"{word} here, as {text[:1].lower()}{text[1:]}"


_PLAY_TOPS = [sum(p[2] for p in PLAYS[: i + 1]) for i in range(len(PLAYS))]
_PLAY_TOTAL = _PLAY_TOPS[-1]


class Writer:
    """Writes pages into folders of at most SHARD files, counting files and bytes."""

    def __init__(self, root: Path, counts: Summary) -> None:
        self.root, self.counts = root, counts
        self.made: set[Path] = set()

    def write(self, folder: str, number: int, page: str, lines: list[str]) -> None:
        path = self.root / folder / f"{number // SHARD:03d}"
        if path not in self.made:
            path.mkdir(parents=True, exist_ok=True)
            self.made.add(path)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (path / f"{page.replace('/', '.')}.txt").write_bytes(data)
        self.counts.bytes += len(data)
        self.counts.files += 1


def counts_for(scale: float) -> tuple[int, int, int]:
    """(tropes, works, examples) at a scale of the full size."""
    return max(12, round(TROPES * scale)), max(20, round(WORKS * scale)), max(60, round(EXAMPLES * scale))


def generate(folder: Path, tropes: int, works: int, examples: int, seed: int = 1) -> Summary:
    """Write the catalog into `folder` (missing or empty); returns what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise SystemExit(
            f"{folder} is not empty: pages left there from another catalog would be imported too"
        )
    counts = Summary()
    out = Writer(folder, counts)
    names = Names(random.Random(f"{seed}:names"))
    trope_names = [names.make(TROPE_PATTERNS) for _ in range(tropes)]
    work_names = [names.make(WORK_PATTERNS) for _ in range(works)]

    plan = random.Random(f"{seed}:plan")
    work_ns = bytes(plan.choices(range(len(NS_NAMES)), [NAMESPACES[ns][0] for ns in NS_NAMES], k=works))
    ranks = list(range(tropes))  # popularity rank of each trope: Zipf over a random order
    plan.shuffle(ranks)
    weights = [1 / (rank + 1) ** ZIPF for rank in ranks]
    total = sum(weights)
    share = [w / total for w in weights]
    pairs, on_page = _calibrate(share, examples)
    per_work = _work_sizes(plan, works, pairs, max(1, min(tropes // 3, 1500)))
    by_name = sorted(range(tropes), key=lambda t: trope_names[t].lower())
    position = array("I", bytes(4 * tropes))
    for place, t in enumerate(by_name):
        position[t] = place
    listed = _work_pages(out, counts, seed, plan, trope_names, work_names, work_ns, share, per_work,
                         position, on_page)  # fmt: skip
    del per_work
    _trope_pages(out, counts, seed, names, trope_names, work_names, work_ns, listed)
    _index_pages(out, counts, seed, names, trope_names)
    counts.examples = counts.on_work_pages + counts.on_trope_pages
    return counts


def _calibrate(share: list[float], examples: int) -> tuple[int, list[float]]:
    """How many (trope, work) pairs give about `examples` bullets, and each trope's chance of being
    written on its trope page (capped for popular tropes: their pages list a sample)."""
    pairs = examples / (1 + NESTED)
    for _ in range(30):
        on_page = [min(ON_TROPE_PAGE, TROPE_PAGE_CAP / (pairs * s)) for s in share]
        mean = sum(s * q for s, q in zip(share, on_page, strict=True))
        pairs = examples / ((1 + NESTED) * (1 + ALSO_ON_WORK_PAGE * mean))
    return round(pairs), [min(ON_TROPE_PAGE, TROPE_PAGE_CAP / (pairs * s)) for s in share]


def _work_sizes(rng: random.Random, works: int, pairs: int, most: int) -> array:
    """How many tropes each work plays: heavy-tailed (most works a few, some hundreds), at least one,
    at most `most`, adding up to about `pairs`."""
    raw = array("d", (rng.paretovariate(1.5) for _ in range(works)))

    def total(c: float) -> int:
        return sum(min(most, max(1, int(c * r + 0.5))) for r in raw)

    low, high = 0.0, 1.0
    while total(high) < pairs and high < 1e6:
        high *= 2
    for _ in range(22):
        mid = (low + high) / 2
        low, high = (mid, high) if total(mid) < pairs else (low, mid)
    return array("I", (min(most, max(1, int(high * r + 0.5))) for r in raw))


def _work_pages(
    out, counts, seed, plan, trope_names, work_names, work_ns, share, per_work, position, on_page
):
    """Write every work page; returns the (trope, work) pairs the trope pages list, as two arrays."""
    cum: list[float] = []
    acc = 0.0
    for s in share:
        acc += s
        cum.append(acc)
    cum[-1] = max(cum[-1], 1.0)
    listed_trope, listed_work = array("I"), array("I")
    played_by = array("I", bytes(4 * len(trope_names)))
    prose = Prose(random.Random(f"{seed}:works"), counts)
    rnd, draw, trope_range = prose.r, plan.choices, range(len(trope_names))
    numbered = [0] * len(NS_NAMES)
    for work, name in enumerate(work_names):
        k = per_work[work]
        chosen: dict[int, None] = {}
        while len(chosen) < k:
            for t in draw(trope_range, cum_weights=cum, k=2 * (k - len(chosen)) + 1):
                chosen[t] = None
                if len(chosen) == k:
                    break
        played = sorted(chosen, key=position.__getitem__)
        here = []
        for t in played:
            if plan.random() < on_page[t]:
                listed_trope.append(t)
                listed_work.append(work)
                if plan.random() >= ALSO_ON_WORK_PAGE:
                    continue
            here.append(t)
        if not here:  # a work page lists at least one of its tropes
            here.append(played[0])
        counts.pairs += len(played)
        for t in played:
            played_by[t] += 1
        ns_index = work_ns[work]
        ns = NS_NAMES[ns_index]
        lines = [f"''{title_from_name(name)}'' is a {NAMESPACES[ns][1]} in which {prose.clause()}.", "----",
                 "!!This work provides examples of:"]  # fmt: skip
        step = PER_FOLDER if len(here) > PER_FOLDER else len(here)
        if step < len(here):
            lines.append("[[foldercontrol]]")
        for start in range(0, len(here), step):
            chunk = here[start : start + step]
            if step < len(here):
                lines.append(f"[[folder:Tropes {trope_names[chunk[0]][0]} to {trope_names[chunk[-1]][0]}]]")
            for t in chunk:
                lines.append(f"* {trope_names[t]}: {prose.example(False)}")
                if rnd() < NESTED:
                    lines.append(f"** {prose.example(True)}")
                    counts.nested += 1
                    counts.on_work_pages += 1
            counts.on_work_pages += len(chunk)
            if step < len(here):
                lines.append("[[/folder]]")
        out.write(f"1-works/{ns}", numbered[ns_index], f"{ns}/{name}", lines)
        numbered[ns_index] += 1
    counts.pages["work"] = len(work_names)
    counts.works_by_namespace = {ns: n for ns, n in zip(NS_NAMES, numbered, strict=True) if n}
    counts.most_played, counts.median_played = max(played_by), statistics.median(played_by)
    return listed_trope, listed_work


def _hierarchy(rng: random.Random, tropes: int):
    """Each trope's supertropes, each edge said on one page: (said on the child, said on the parent as
    "Supertrope of", said in the parent's "Sub-tropes:" list). Supertropes come earlier: a DAG."""
    up: list[list[int]] = [[] for _ in range(tropes)]
    down: list[list[int]] = [[] for _ in range(tropes)]
    listed: list[list[int]] = [[] for _ in range(tropes)]
    edges = 0
    for child in range(max(2, int(tropes * ROOTS)), tropes):
        if rng.random() >= HAS_SUPER:
            continue
        parents = {int(child * rng.random() ** 2)}
        if rng.random() < SECOND_SUPER:
            parents.add(int(child * rng.random()))
        for parent in sorted(parents):
            form = rng.random()
            if form < 0.5:
                up[child].append(parent)
            elif form < 0.75:
                down[parent].append(child)
            else:
                listed[parent].append(child)
            edges += 1
    return up, down, listed, edges


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _trope_pages(out, counts, seed, names, trope_names, work_names, work_ns, listed) -> None:
    """Every trope page (and the redirects of the other names some of them give)."""
    tropes = len(trope_names)
    rng = random.Random(f"{seed}:tropes")
    up, down, sub_list, counts.supertrope_edges = _hierarchy(random.Random(f"{seed}:hierarchy"), tropes)
    listed_trope, listed_work = listed
    starts = array("I", bytes(4 * (tropes + 1)))  # counting sort of the listed pairs by trope
    for t in listed_trope:
        starts[t + 1] += 1
    for t in range(tropes):
        starts[t + 1] += starts[t]
    fill = array("I", starts)
    works_of = array("I", bytes(4 * len(listed_work)))
    for t, work in zip(listed_trope, listed_work, strict=True):
        works_of[fill[t]] = work
        fill[t] += 1
    del fill, listed_trope, listed_work
    prose = Prose(rng, counts)
    abbreviations: set[str] = set()
    redirects: list[tuple[str, str]] = []
    for t, name in enumerate(trope_names):
        w = prose.w
        desc = [f"A story element where {prose.clause()}, noticed by {w(PEOPLE)} {w(TIMES)}."]
        if rng.random() < ALSO_CALLED:
            other = names.make(TROPE_PATTERNS)
            desc.append(f'Also called "{title_from_name(other)}".')
            counts.aliases += 1
            if rng.random() < REDIRECTED:
                redirects.append((other, name))
        title = title_from_name(name)
        initials = "".join(word[0] for word in title.split() if word[0].isupper())
        if len(initials) >= 3 and initials.lower() not in abbreviations and rng.random() < ABBREVIATED:
            abbreviations.add(initials.lower())
            desc.append(f"Abbreviated as {initials}.")
            counts.aliases += 1
        if up[t]:
            desc.append(f"Subtrope of {_and([trope_names[p] for p in up[t]])}.")
        if down[t]:
            desc.append(f"Supertrope of {_and([trope_names[c] for c in down[t]])}.")
        lines = [" ".join(desc)]
        if sub_list[t]:
            lines += ["", "Sub-tropes:", *(f"* {trope_names[c]}" for c in sub_list[t])]
        lines += ["----", "!!Examples:"]
        works = sorted(
            works_of[starts[t] : starts[t + 1]],
            key=lambda k: (FOLDER[NS_NAMES[work_ns[k]]], work_names[k].lower()),
        )
        if works:
            lines.append("[[foldercontrol]]")
        folder = None
        for work in works:
            ns = NS_NAMES[work_ns[work]]
            if FOLDER[ns] != folder:
                if folder is not None:
                    lines.append("[[/folder]]")
                folder = FOLDER[ns]
                lines.append(f"[[folder:{folder}]]")
            lines.append(f"* ''{ns}/{work_names[work]}'': {prose.example(False)}")
            counts.on_trope_pages += 1
            if prose.r() < NESTED:
                lines.append(f"** {prose.example(True)}")
                counts.nested += 1
                counts.on_trope_pages += 1
        if folder is not None:
            lines.append("[[/folder]]")
        out.write("2-tropes", t, f"Main/{name}", lines)
    counts.pages["trope"] = tropes
    for number, (other, target) in enumerate(redirects):
        out.write("4-redirects", number, f"Main/{other}", [f"[[redirect:{target}]]"])
    counts.pages["redirect"] = len(redirects)


def _index_pages(out, counts, seed, names, trope_names) -> None:
    """Index pages two levels deep: top indexes list sub-indexes, sub-indexes list tropes (a trope is
    on one or two of them)."""
    rng = random.Random(f"{seed}:indexes")
    total = max(3, len(trope_names) // PER_INDEX)
    tops = max(1, total // 12)
    index_names = [names.make(INDEX_PATTERNS) for _ in range(total)]
    members: list[list[int]] = [[] for _ in range(total - tops)]
    for t in range(len(trope_names)):
        first = int(rng.random() * len(members))
        members[first].append(t)
        if rng.random() < 0.25:
            second = int(rng.random() * len(members))
            if second != first:
                members[second].append(t)
    prose = Prose(rng, counts)
    for number, name in enumerate(index_names):
        lines = [
            f"An index of tropes about the {prose.w(NOUNS)}, kept by {prose.w(PEOPLE)}.",
            "",
            "[[index]]",
        ]
        if number < tops:
            subs = [index_names[tops + j] for j in range(number, total - tops, tops)]
            lines += ["!!Indexes", *(f"* {sub}" for sub in subs)]
        else:
            tropes = sorted(trope_names[t] for t in members[number - tops])
            lines += ["!!Tropes", *(f"* {trope}" for trope in tropes)]
        lines.append("[[/index]]")
        out.write("3-indexes", number, f"Main/{name}", lines)
    counts.pages["index"] = total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="where to write the pages (missing or empty)")
    ap.add_argument("--scale", type=float, default=1.0, help="share of the full size (default 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tropes", type=int, help="number of tropes (default 30,000 × scale)")
    ap.add_argument("--works", type=int, help="number of works (default 500,000 × scale)")
    ap.add_argument("--examples", type=int, help="examples to aim at (default 3,000,000 × scale)")
    args = ap.parse_args()
    tropes, works, examples = counts_for(args.scale)
    t0 = time.perf_counter()
    counts = generate(args.folder, args.tropes or tropes, args.works or works, args.examples or examples,
                      args.seed)  # fmt: skip
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in counts.lines():
        print(line)
    print(f"written to {args.folder} in {seconds:.1f} s, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
