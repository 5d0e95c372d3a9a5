"""A generated catalog of markup pages: tropes with examples across works, deterministic for a seed.

Run: python bench/gen_catalog.py DIR [--tropes 400] [--works 2000] [--per-work 25] [--seed 1]
then: tropebase import DIR

Why: the full films corpus takes a long time to import on a small machine, and the dump, export and
restore benches need a catalog of a known, adjustable size. Every name and sentence is made from a
small list of everyday words (nothing is copied from any corpus). The pages are in the wiki's own
markup: a trope page has a description, sometimes "Subtrope of X" (a hierarchy to walk), and examples
in folders by medium; a work page has a title line, a description and "This work provides examples of:"
with one example per trope it plays (some averted, some with spoilers, a few nested).

Its word lists are also the vocabulary of bench/generate.py, the full-size (TV Tropes-size) catalog.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "amber anchor apple arrow attic autumn badge bakery banner barrel basket beacon bell bicycle blanket "
    "bottle bridge brook bucket button cabin candle canyon castle cellar chalk cherry chimney clock cloud "
    "comet compass copper corner cottage crayon crown curtain daisy desert diary dragon drum ember engine "
    "feather ferry fiddle forest fountain garden glacier glove harbor harvest hat hollow honey island "
    "ivory jacket jar kettle kite ladder lantern letter lighthouse marble meadow mirror mitten moon "
    "needle orchard paper parcel pebble pepper piano pillow pocket puddle quilt rabbit ribbon river rocket "
    "saddle sail scarf shadow shell silver sparrow spoon station stone storm sugar teapot thimble thunder "
    "timber tower train tulip umbrella valley velvet violin wagon whistle willow window winter"
).split()
#: more everyday nouns, for catalogs of hundreds of thousands of names (bench/generate.py)
MORE_NOUNS = (
    "acorn almond anvil apron atlas bamboo banjo barn basin beetle biscuit blossom boat bonnet boot "
    "bramble brick broom buckle cactus camel canal canoe cape carpet carriage carrot cart cedar chair "
    "cider cliff cloak clover coat coin comb cookie coral crane cricket crow cup dagger dock donkey dove "
    "dune eagle easel falcon fence fern fig flag flute fox frog gate goat goose grape gravel hammer hawk "
    "hazel hedge helmet heron hill hive horn horse inkwell jasmine jewel juniper kitten lace lake lamb "
    "lamp leaf lemon lily lion locket loom magnet maple mask mill mint moth mountain mule nest oak oar "
    "otter owl paddle palace parrot peach pear pearl pencil pine pipe plum pond poppy potato quarry raft "
    "raven reed rope rose ruby satchel shovel sleigh snail sock spider spire star straw swan sword table "
    "thistle tiger toad torch trumpet turnip vine walnut whale wheel wolf wreath yarn zebra"
).split()
ADJECTIVES = (
    "ancient blue brave bright broken busy calm clever crimson curious dusty eager early empty endless "
    "faded fierce final flying forgotten frozen gentle gilded golden grand green grey hidden honest humble "
    "hungry idle iron jolly kind lazy little lonely lost loud lucky merry midnight misty narrow nimble "
    "noble old pale patient polite proud purple quiet rapid restless rising rusty scarlet secret shy "
    "silent sleepy slow small smoky snowy soft stolen strange sudden sunny swift tall tiny violet "
    "wandering warm wild wise wooden yellow young"
).split()
VERBS = (
    "finds hides carries loses mends paints remembers returns sells steals trades wins borrows buries "
    "builds catches chases climbs counts drops feeds follows guards guides hunts polishes rescues shares "
    "swaps tames unlocks visits washes wraps"
).split()
PEOPLE = (
    "the baker|the captain|the clerk|the gardener|the heroine|the mayor|the rival|the twins|the ferryman|"
    "the librarian|the pilot|the tailor|the innkeeper|the detective|the nurse|the teacher|the fisherman|"
    "the shepherd|the prince|the queen|the knight|the miner|the painter|the cook|the drummer|"
    "the blacksmith|the courier|the inventor|the orphan|the stranger|the sheriff|the widow|the cousin|"
    "the apprentice|the hermit"
).split("|")
TIMES = (
    "every morning|every winter|at midnight|on market day|before dawn|after the storm|during the festival|"
    "on the last night|at the wedding|in the final act|on the long road home|after the harvest"
).split("|")
MEDIA = {"Film": "Film", "Literature": "Literature", "Series": "Live-Action TV", "VideoGame": "Video Games"}
PLAYS = ["", "", "", "", "", "{{Averted}}: ", "{{Subverted}}: ", "{{Played for Laughs}}: "]


def camel(words: list[str]) -> str:
    return "".join(w.capitalize() for w in words)


def names(rng: random.Random, count: int, parts: int, prefix: list[str] | None = None) -> list[list[str]]:
    """`count` distinct word lists of `parts` words (after an optional fixed prefix)."""
    seen: set[tuple[str, ...]] = set()
    out = []
    while len(out) < count:
        words = tuple((prefix or []) + rng.sample(WORDS, parts))
        if words not in seen:
            seen.add(words)
            out.append(list(words))
    return out


def sentence(rng: random.Random, spoiler: bool) -> str:
    thing = f"the {rng.choice(WORDS)} {rng.choice(WORDS)}"
    tail = f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} {thing}"
    first = f"{rng.choice(PEOPLE).capitalize()} {rng.choice(VERBS)} the {rng.choice(WORDS)} near the "
    first += rng.choice(WORDS)
    return f"{first}; [[spoiler:later {tail}]]." if spoiler else f"{first}, and {tail}."


def generate(folder: Path, tropes: int, works: int, per_work: int, seed: int = 1) -> int:
    """Write the pages into `folder` (Main.X.txt, Film.Y.txt, …); the number of pages written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    trope_names = [camel(w) for w in names(rng, tropes, 3)]
    namespaces = list(MEDIA)
    work_rows = []
    for i, words in enumerate(names(rng, works, 2, ["the"])):
        work_rows.append((namespaces[i % len(namespaces)], camel(words), " ".join(words).title()))
    listed: dict[str, list[tuple[str, str, str]]] = {t: [] for t in trope_names}
    for ns, name, title in work_rows:
        played = rng.sample(trope_names, min(per_work, len(trope_names)))
        lines = [f"''{title}'' is a story about {rng.choice(WORDS)}s and {rng.choice(WORDS)}s.", "----",
                 "!!This work provides examples of:"]  # fmt: skip
        for trope in sorted(played):
            text = rng.choice(PLAYS) + sentence(rng, rng.random() < 0.2)
            lines.append(f"* {trope}: {text}")
            if rng.random() < 0.05:
                lines.append(f"** {sentence(rng, False)}")
            if rng.random() < 0.3:  # a trope page lists this work too (its own words)
                listed[trope].append((ns, name, sentence(rng, rng.random() < 0.2)))
        (folder / f"{ns}.{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i, trope in enumerate(trope_names):
        words = " ".join(rng.sample(WORDS, 4))
        lines = [f"A story element about {words}, noticed by {rng.choice(PEOPLE)}."]
        if i >= 20 and rng.random() < 0.4:
            lines[0] += f" Subtrope of {trope_names[rng.randrange(i)]}."
        lines += ["----", "!!Examples:", "[[foldercontrol]]"]
        by_ns: dict[str, list[str]] = {}
        for ns, name, text in listed[trope]:
            by_ns.setdefault(ns, []).append(f"* ''{ns}/{name}'': {text}")
        for ns in sorted(by_ns):
            lines += [f"[[folder:{MEDIA[ns]}]]", *by_ns[ns], "[[/folder]]"]
        (folder / f"Main.{trope}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(trope_names) + len(work_rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--tropes", type=int, default=400)
    ap.add_argument("--works", type=int, default=2000)
    ap.add_argument("--per-work", type=int, default=25)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    count = generate(args.folder, args.tropes, args.works, args.per_work, args.seed)
    print(f"{count} pages written to {args.folder}")


if __name__ == "__main__":
    main()
