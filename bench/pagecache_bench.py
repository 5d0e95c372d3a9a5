"""The page cache at a site's size: a `tropebase_pages` table filled to N entries, then the cost of a
read, a write, a save's drop of 1,000 pages and one size check (`DatabaseCache.check_size`).

Run: python bench/pagecache_bench.py [--entries 500000] [--page-kb 9] [--postgres URL]
A fresh SQLite data folder (or the PostgreSQL database named, whose pages table is emptied first). The
table is filled with one INSERT per 10,000 entries, each a zlib-compressed page of about `--page-kb` KB
of HTML-like text, as `wiki.pagecache.put` stores it; then 2,000 reads of random pages, 2,000 writes,
a drop of 1,000 pages (2,000 keys) and a check with the table 1 % over its bound. Prints the table's
size on disk (SQLite) and the medians; removes the data folder (empties the table on PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from benchkit import use_database  # noqa: E402


def page(rng: random.Random, kb: float) -> str:
    """HTML-like text that compresses about as a rendered page does (3.5-4×): list items of links and
    words from a vocabulary of 400 made-up words."""
    vocabulary = [
        "".join(rng.choice("etaoinshrdlucmfwyp") for _ in range(rng.randint(3, 9))) for _ in range(300)
    ]
    items: list[str] = []
    while sum(map(len, items)) < kb * 1000:
        words = " ".join(rng.choice(vocabulary) for _ in range(10))
        name = "".join(w.title() for w in rng.sample(vocabulary, 2))
        items.append(f'<li><a class="wl" href="/Main/{name}">{name}</a>: {words}.</li>')
    return "<ul>" + "".join(items) + "</ul>"


def timed(action, count: int) -> float:
    """Median milliseconds of `count` calls of `action(i)`."""
    times = []
    for i in range(count):
        t0 = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=500_000)
    ap.add_argument("--page-kb", type=float, default=9)
    ap.add_argument("--postgres", metavar="URL")
    args = ap.parse_args()
    database = use_database(args.postgres)
    os.environ["TROPEBASE_DATA"] = tempfile.mkdtemp(prefix="tropebase-pagecache-")
    os.environ["TROPEBASE_CACHE_ENTRIES"] = str(args.entries)
    from tropebase.wiki.setup import prepare_database, setup_django

    setup_django()
    prepare_database()
    from django.conf import settings
    from django.db import connection, transaction

    from tropebase.wiki import pagecache

    cache = pagecache.cache
    cache._until_check = 10**12  # no size check but the one measured at the end
    rng = random.Random(1)
    samples = [page(rng, args.page_kb) for _ in range(50)]
    stored = [cache._encode(zlib.compress(s.encode(), pagecache.LEVEL)) for s in samples]
    expires = cache._expires(connection, pagecache.TIMEOUT)
    key = cache.make_key
    cache.clear()
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        for start in range(0, args.entries, 10_000):
            batch = range(start, min(start + 10_000, args.entries))
            with transaction.atomic():
                rows = [
                    (key(pagecache.cache_key(f"main/page{i}", False)), stored[i % 50], expires) for i in batch
                ]
                cursor.executemany(
                    "INSERT INTO tropebase_pages (cache_key, value, expires) VALUES (%s, %s, %s)", rows
                )
    filled = time.perf_counter() - t0
    html = sum(map(len, samples)) / len(samples)
    value = sum(map(len, stored)) / len(stored)
    print(f"{database}: {args.entries:,} pages of {html / 1000:.1f} KB HTML, {value / 1000:.1f} KB stored, "
          f"filled in {filled:.0f} s")  # fmt: skip
    if connection.vendor == "sqlite":
        size = sum(p.stat().st_size for p in Path(settings.DATA_DIR).glob("tropebase.sqlite3*"))
        print(f"database files: {size / 1e9:.2f} GB")
    picks = [rng.randrange(args.entries) for _ in range(2000)]
    get = timed(lambda i: pagecache.get(f"main/page{picks[i]}", False), 2000)
    put = timed(lambda i: pagecache.put(f"main/page{picks[i]}", False, samples[i % 50]), 2000)
    new = timed(lambda i: pagecache.put(f"main/new{i}", False, samples[i % 50]), 2000)
    drop = timed(lambda i: pagecache.drop(f"main/page{j}" for j in range(i * 1000, (i + 1) * 1000)), 5)
    over = args.entries // 100 - 2000 + 5000  # 1 % over the bound (after the drops above)
    for i in range(over):
        pagecache.put(f"main/over{i}", False, samples[i % 50])
    t0 = time.perf_counter()
    left = cache.check_size()
    check = (time.perf_counter() - t0) * 1000
    print(f"get {get:.2f} ms, put (overwrite) {put:.2f} ms, put (new) {new:.2f} ms (medians of 2,000); "
          f"drop of 1,000 pages {drop:.1f} ms; size check {check:.0f} ms ({left:,} left)")  # fmt: skip
    cache.clear()
    connection.close()
    shutil.rmtree(settings.DATA_DIR)


if __name__ == "__main__":
    main()
