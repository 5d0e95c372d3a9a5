"""Recall@10 of the tropes a work page suggests ("Tropes works like this play") against a popularity
baseline, on the films corpus; with `--wiki`, the same through `wiki.similar` on a database, timed.

Protocol, per seed: draw 1,000 films with at least 10 tropes and hide 20% of each one's tropes. The
hidden pairs are taken out of the catalog before anything is counted, so no count, posting, size or
neighbour the recommender sees contains them. For each drawn film, suggest 10 tropes with
`catalog.similarity.neighbours` + `suggest_tropes` — the code `wiki.similar.for_work` runs over the
appearances of a work page — and count the hidden tropes found, divided by min(10, hidden). Baseline:
the 10 tropes most played in that same catalog that the film does not show.

    python bench/recs_bench.py [--seeds 1-10] [--films 1000]
    python bench/recs_bench.py --wiki [--seeds 8] [--postgres URL] [--films 1000] [--tropes 200] [--data DIR]

`--wiki` loads the catalog of the first seed (the hidden pairs left out) into a fresh database as
appearances (bulk rows, not the import path: the read side reads only appearances; with `--data` the
database is kept there — and, with `--postgres`, in that database — and reused for the same seed and
`--films`), then calls
`wiki.similar.for_work` for every drawn film and `wiki.similar.tropes_with` for `--tropes` of its tropes,
reports their p50/p99, and checks that the page suggests what the in-memory run does.
"""

from __future__ import annotations

import argparse
import bz2
import json
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from tropebase.catalog.similarity import MemorySource, neighbours, suggest_tropes

CORPUS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "corpus"
    / "films-tropes"
    / "films_tropes_20190501.json.bz2"
)


def load() -> tuple[dict[str, set[str]], dict[str, str]]:
    """film key → its tropes' keys (lower case, as page keys compare), and trope key → a spelling."""
    with bz2.open(CORPUS) as f:
        data = json.loads(f.read())
    tropes_of: dict[str, set[str]] = {}
    spelling: dict[str, str] = {}
    for film, tropes in data.items():
        tropes_of.setdefault(film.lower(), set()).update(t.lower() for t in tropes)
        for t in tropes:
            spelling.setdefault(t.lower(), t)
    return tropes_of, spelling


def draw(tropes_of: dict[str, set[str]], seed: int, films: int) -> dict[str, set[str]]:
    """The drawn films → their hidden tropes (the same draw as the bench always made for a seed)."""
    rng = random.Random(seed)
    chosen = rng.sample(sorted(f for f, ts in tropes_of.items() if len(ts) >= 10), films)
    hidden = {}
    for film in chosen:
        ts = sorted(tropes_of[film])
        hidden[film] = set(rng.sample(ts, max(1, len(ts) // 5)))
    return hidden


def shown_catalog(tropes_of: dict[str, set[str]], hidden: dict[str, set[str]]) -> dict[str, set[str]]:
    return {f: ts - hidden.get(f, set()) for f, ts in tropes_of.items()}


def recall(found: list[str], hidden: set[str]) -> float:
    return len(hidden & set(found)) / min(10, len(hidden))


def popular(catalog: dict[str, set[str]]) -> list[str]:
    return [t for t, _ in Counter(t for ts in catalog.values() for t in ts).most_common(500)]


def in_memory(
    catalog: dict[str, set[str]], hidden: dict[str, set[str]]
) -> tuple[dict[str, list[str]], float]:
    """Each drawn film → its 10 suggestions; and milliseconds a film."""
    source = MemorySource(catalog)
    out = {}
    started = time.perf_counter()
    for film in hidden:
        out[film] = [t for t, _, _ in suggest_tropes(neighbours(film, source), source, k=10)]
    return out, 1000 * (time.perf_counter() - started) / len(hidden)


def seeds_of(text: str) -> list[int]:
    if "-" in text:
        first, last = text.split("-")
        return list(range(int(first), int(last) + 1))
    return [int(s) for s in text.split(",")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--films", type=int, default=1000)
    ap.add_argument("--seeds", default="1-10", help="e.g. 1-10 or 8 or 1,3,5")
    ap.add_argument("--wiki", action="store_true", help="through wiki.similar on a database, timed")
    ap.add_argument("--postgres", help="with --wiki: postgres://… database to use (emptied first)")
    ap.add_argument("--tropes", type=int, default=200, help="with --wiki: trope pages to time")
    ap.add_argument("--data", help="with --wiki: data folder to keep the database in and reuse")
    args = ap.parse_args()
    tropes_of, spelling = load()
    if args.wiki:
        wiki(tropes_of, spelling, seeds_of(args.seeds)[0], args)
        return
    ratios = []
    print("| seed | recall@10 ours | popularity | ratio | ms a film |")
    print("|---|---|---|---|---|")
    for seed in seeds_of(args.seeds):
        hidden = draw(tropes_of, seed, args.films)
        catalog = shown_catalog(tropes_of, hidden)
        suggested, ms = in_memory(catalog, hidden)
        top = popular(catalog)
        ours = sum(recall(suggested[f], h) for f, h in hidden.items()) / len(hidden)
        base = sum(recall([t for t in top if t not in catalog[f]][:10], h) for f, h in hidden.items())
        base /= len(hidden)
        ratios.append(ours / base)
        print(f"| {seed} | {ours:.4f} | {base:.4f} | {ours / base:.2f}× | {ms:.1f} |", flush=True)
    print(f"ratio over {len(ratios)} seeds: mean {statistics.mean(ratios):.2f}×, min {min(ratios):.2f}×, "
          f"max {max(ratios):.2f}×")  # fmt: skip


def wiki(tropes_of: dict[str, set[str]], spelling: dict[str, str], seed: int, args) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from benchkit import use_database

    tmp = tempfile.TemporaryDirectory(prefix="tropebase-recs-")
    os.environ["TROPEBASE_DATA"] = args.data or tmp.name
    database = use_database(args.postgres)
    from tropebase.wiki.setup import prepare_database, setup_django

    setup_django()
    prepare_database()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from tropebase.wiki.models import Appearance
    from tropebase.wiki.similar import COUNT_TIMEOUT, counts, for_work, tropes_with
    from tropebase.wiki.visibility import Reader

    hidden = draw(tropes_of, seed, args.films)
    catalog = shown_catalog(tropes_of, hidden)
    size = sum(len(ts) for ts in catalog.values())
    started = time.perf_counter()
    if not (args.data and Appearance.objects.count() == size):  # the same seed's catalog is kept
        call_command("flush", interactive=False, verbosity=0)
        rows = (
            Appearance(work_key=f"film/{film}", trope_key=f"main/{t}", work_title=film,
                       trope=f"Main/{spelling[t]}", play="straight", plays=["straight"], medium="film",
                       statements=1)
            for film, ts in catalog.items() for t in sorted(ts)
        )  # fmt: skip
        Appearance.objects.bulk_create(rows, batch_size=5000)
        if args.postgres:  # what autovacuum would do soon after such a load: the planner needs statistics
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Appearance._meta.db_table}")
    print(f"{database}: {Appearance.objects.count()} appearances of {len(catalog)} films, loaded in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    reader = Reader()
    expected, _ = in_memory(catalog, hidden)
    cache.clear()  # this bench's own database: the counts are taken afresh, as every COUNT_TIMEOUT
    t0 = time.perf_counter()
    counts(reader)
    print(f"counts (once per {COUNT_TIMEOUT} s and kind of reader): {time.perf_counter() - t0:.1f} s")
    for_work(f"film/{next(iter(hidden))}", reader)  # warm the connection
    work_ms, found, same = [], {}, 0
    for film in hidden:
        t0 = time.perf_counter()
        _, tropes = for_work(f"film/{film}", reader)
        work_ms.append(1000 * (time.perf_counter() - t0))
        found[film] = [t.key.split("/", 1)[1] for t in tropes]
        same += found[film] == expected[film]
    rng = random.Random(seed)
    tropes = rng.sample(sorted({t for f in hidden for t in catalog[f]}), args.tropes)
    trope_ms = []
    for trope in tropes:
        t0 = time.perf_counter()
        tropes_with(f"main/{trope}", reader)
        trope_ms.append(1000 * (time.perf_counter() - t0))
    ours = sum(recall(found[f], h) for f, h in hidden.items()) / len(hidden)
    print(f"seed {seed}: recall@10 through wiki.similar {ours:.4f}; the same 10 tropes as in memory for "
          f"{same} of {len(hidden)} films")  # fmt: skip
    for name, ms in (("for_work (works like this + their tropes)", work_ms), ("tropes_with", trope_ms)):
        ms.sort()
        p99 = ms[min(len(ms) - 1, round(0.99 * len(ms)) - 1)]
        print(f"{name}: {len(ms)} pages, p50 {statistics.median(ms):.0f} ms, p99 {p99:.0f} ms, "
              f"max {ms[-1]:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
