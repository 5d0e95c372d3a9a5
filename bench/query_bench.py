"""Query speed: p50 and p99 of mixed queries (2–4 includes, 1–3 excludes one of which is a supertrope
— an index page — a medium filter, play filters) over a catalog of films and the TV Tropes index tree.

Until the full-size synthetic catalog exists this imports a slice of the films corpus (`--films`) and
the index data into a fresh database (SQLite in a temporary directory, or `--postgres URL`, whose
database is emptied first), then times `wiki.query.run` — what the web page, the CLI and the API call.

    python bench/query_bench.py [--films 3000] [--queries 200] [--postgres postgres://postgres@127.0.0.1:5432/tb_query_bench]
        [--data DIR]   (keep the catalog there — and, with --postgres, in that database — and reuse it)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchkit import use_database

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def build(films: int) -> float:
    from tropebase.ingest.indexes import read_indexes
    from tropebase.ingest.sources import read_maybe_compressed
    from tropebase.ingest.tropelists import convert_lists, parse_lists
    from tropebase.wiki.imports import store_pages

    started = time.perf_counter()
    path = CORPUS / "films-tropes" / "films_tropes_20190501.json.bz2"
    lists = parse_lists(read_maybe_compressed(path), str(path))
    chosen = dict(sorted(lists.items())[:: max(1, len(lists) // films)][:films])
    for _ in store_pages(convert_lists(chosen, "Film", str(path))):
        pass
    for _ in store_pages(read_indexes(CORPUS / "indexes" / "tvtropes_indexes.json")):
        pass
    return time.perf_counter() - started


def queries(count: int, seed: int) -> list[str]:
    from tropebase.wiki.models import Appearance, Page

    rng = random.Random(seed)
    df = Counter(Appearance.objects.values_list("trope_key", flat=True))
    common = [k.split("/", 1)[1] for k, n in df.most_common(400) if n >= 20]
    indexes = list(Page.objects.filter(kind="index").values_list("name", flat=True))
    plays = ["", "", "play:any", "play:averted", "play:present,averted"]
    out = []
    for _ in range(count):
        # min(): a small --films catalog has few common tropes; at full size the same queries as before
        parts = rng.sample(common, min(len(common), rng.randint(2, 4)))
        excludes = [*rng.sample(common, min(len(common), rng.randint(0, 2))), rng.choice(indexes)]
        parts += [f"-{e}" for e in excludes if e not in parts]
        if rng.random() < 0.5:
            parts.append("medium:film")
        parts.append(rng.choice(plays))
        out.append(" ".join(p for p in parts if p))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--films", type=int, default=3000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--postgres", help="postgres://… database to fill (emptied first) instead of SQLite")
    ap.add_argument(
        "--data", help="data folder to keep the catalog in and reuse on the next run (built once)"
    )
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="tropebase-qbench-")
    os.environ["TROPEBASE_DATA"] = args.data or tmp.name
    use_database(args.postgres)
    from tropebase.wiki.setup import prepare_database, setup_django

    setup_django()
    prepare_database()
    from tropebase.wiki.models import Appearance, Page, Relation
    from tropebase.wiki.query import run
    from tropebase.wiki.visibility import Reader

    reuse = bool(args.data) and Page.objects.filter(kind="index").exists()
    if args.postgres and not reuse:
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)
    built = 0.0 if reuse else build(args.films)
    print(f"catalog: {args.films} films, {Appearance.objects.count()} appearances, "
          f"{Relation.objects.count()} relations; built in {built:.0f} s")  # fmt: skip
    qs = queries(args.queries, args.seed)
    for q in qs[:5]:  # warm the connection and the hierarchy cache the way a running server has it
        run(q, Reader())
    times, found = [], 0
    for q in qs:
        t0 = time.perf_counter()
        found += run(q, Reader(), limit=50).total
        times.append(1000 * (time.perf_counter() - t0))
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * len(times)) - 1)]
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{database}: {len(qs)} queries, p50 {statistics.median(times):.1f} ms, p99 {p99:.1f} ms, "
          f"max {times[-1]:.1f} ms; {found / len(qs):.0f} works found on average")  # fmt: skip
    print("example:", qs[0])


if __name__ == "__main__":
    main()
