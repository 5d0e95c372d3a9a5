"""Search speed: p50 and p99 of searches through `tropebase.wiki.search.search` (ranking, adult filter,
snippets: what the search page does), on the database the environment names (SQLite under
TROPEBASE_DATA, or DATABASE_URL for PostgreSQL).

Load the data first, e.g.:
    tropebase demo && tropebase import --namespace Film ../shared/corpus/films-tropes/films_tropes_20190501.json.bz2
Run: python bench/search_bench.py [--rounds 50]
Goal: p99 ≤ 100 ms for every kind of query.
"""

from __future__ import annotations

import argparse
import statistics
import time

#: kind → queries; each is run `rounds` times (the first round warms the caches and is not counted)
QUERIES = {
    "common word": ["hero", "love", "death"],
    "rare word": ["zeppelin", "taxidermy", "harpoon"],
    "prefix": ["chekh", "vill", "mentor"],
    "two words": ["big bad", "love triangle"],
    "Japanese, 2 characters": ["恋愛", "三角"],
    "Japanese, 4 characters": ["寝取られ", "三角関係"],
    "substring": ["mbrell", "eroic sacr"],
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=50)
    args = ap.parse_args()
    from tropebase.wiki.setup import prepare_database, setup_django

    setup_django()
    prepare_database()
    from django.db import connection

    from tropebase.wiki.models import SearchEntry
    from tropebase.wiki.search import search
    from tropebase.wiki.visibility import Reader

    reader = Reader()
    print(f"{connection.vendor}: {SearchEntry.objects.count()} pages indexed")
    every: list[float] = []
    for kind, queries in QUERIES.items():
        times: list[float] = []
        found = []
        for query in queries:
            search(reader, query)  # warm-up
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                results = search(reader, query)
                times.append((time.perf_counter() - t0) * 1000)
            found.append(f"{query}={results.total}")
        every += times
        print(f"{kind:24} p50 {statistics.median(times):7.1f} ms  p99 {percentile(times, 99):7.1f} ms"
              f"  ({len(times)} searches; found {', '.join(found)})")  # fmt: skip
    print(f"{'all':24} p50 {statistics.median(every):7.1f} ms  p99 {percentile(every, 99):7.1f} ms"
          f"  ({len(every)} searches)")  # fmt: skip


if __name__ == "__main__":
    main()
