"""Uncached reads: p50 and p99 of single requests, each with the page cache emptied first, over the mix
a reader makes — the most-listed trope pages, random work pages, namespace indexes (A–Z and paging),
the home page, a random page, recent changes — beside the floor: a constant 20 KB response through the
same middleware.

Run on a catalog already loaded (SQLite under TROPEBASE_DATA, or DATABASE_URL for PostgreSQL):
    python bench/read_bench.py [--tropes-shown 100] [--works-shown 1000] [--rounds 1]
or build one first (bench/gen_catalog.py, imported with `tropebase import`) into --data, kept there so
the next run reuses it:
    python bench/read_bench.py --data DIR --generated 4000 [--tropes 400] [--per-work 25] [--postgres URL]
Requests go through Django's test client in this process (no network, no server), so a figure is the
server's own time for one request; `cpu` is this process's CPU time for it (on PostgreSQL the database
server's is not in it). `--without-similar` leaves "works like this" and "tropes that go with this"
out of the pages, to show what the rest of a page costs. Goal (issue 9): p50 ≤ 25 ms, p99 ≤ 60 ms
over the whole mix.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def build(data: Path, postgres: str | None, works: int, tropes: int, per_work: int) -> None:
    """A generated catalog imported into `data` (or the PostgreSQL database), unless it is there."""
    marker = data / "read_bench_catalog"
    wanted = f"{works} {tropes} {per_work} {postgres or 'sqlite'}"
    if marker.exists() and marker.read_text() == wanted:
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from gen_catalog import generate

    pages = generate(data / "catalog", tropes, works, per_work)
    print(f"building: {pages} generated pages ({works} works, {tropes} tropes, {per_work} examples a work)")
    t0 = time.perf_counter()
    cli = [sys.executable, "-c", "from tropebase.cli import main; main()"]
    subprocess.run([*cli, "import", str(data / "catalog")], check=True, stdout=subprocess.DEVNULL)
    print(f"  imported in {time.perf_counter() - t0:.0f} s")
    marker.write_text(wanted)


def mix(args) -> list[tuple[str, str]]:
    """(kind, URL) of every request, shuffled."""
    from django.db.models import Count

    from tropebase.wiki.models import Example, Page
    from tropebase.wiki.read import LETTERS

    top = (
        Example.objects.exclude(trope_key="")
        .values("trope_key")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("trope_key", flat=True)[: args.tropes_shown]
    )
    tropes = Page.objects.filter(key__in=list(top), kind="trope").values_list("namespace", "name")
    works = list(Page.objects.filter(kind="work", redirect_to="").values_list("namespace", "name"))
    rng = random.Random(args.seed)
    works = rng.sample(works, min(args.works_shown, len(works)))
    namespaces = sorted({ns for ns, _ in works} | {"Main"})
    urls = [("trope", f"/{ns}/{name}") for ns, name in tropes]
    urls += [("work", f"/{ns}/{name}") for ns, name in works]
    for ns in namespaces:
        urls += [("namespace", f"/_/ns/{ns}"), ("namespace", f"/_/ns/{ns}?page=2")]
        urls += [("namespace", f"/_/ns/{ns}?letter={rng.choice(LETTERS[:-1])}") for _ in range(3)]
    urls += [("home", "/")] * 20 + [("random", "/_/random")] * 20
    urls += [("recent", "/_/recent")] * 10 + [("recent", "/_/recent?page=2")] * 10
    urls *= args.rounds
    rng.shuffle(urls)
    return urls


def timed(client, url: str) -> tuple[float, float, int]:
    """(wall ms, CPU ms, status) of one request, the page cache emptied first."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        if cache is not caches["limits"]:
            cache.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    response = client.get(url)
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000, response.status_code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="data folder (TROPEBASE_DATA) to build the catalog in or reuse")
    ap.add_argument("--postgres", help="postgres://… database to build or read (instead of SQLite)")
    ap.add_argument("--generated", type=int, default=0, help="works of a generated catalog to build")
    ap.add_argument("--tropes", type=int, default=400, help="tropes of the generated catalog")
    ap.add_argument("--per-work", type=int, default=25, help="examples per generated work")
    ap.add_argument("--tropes-shown", type=int, default=100, help="most-listed trope pages requested")
    ap.add_argument("--works-shown", type=int, default=1000, help="random work pages requested")
    ap.add_argument("--rounds", type=int, default=1, help="times the whole mix is requested")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument(
        "--without-similar",
        action="store_true",
        help="pages without 'works like this' and 'tropes that go with this' (what the rest costs)",
    )
    args = ap.parse_args()
    if args.data:
        args.data.mkdir(parents=True, exist_ok=True)
        os.environ["TROPEBASE_DATA"] = str(args.data.resolve())
    if args.postgres:
        os.environ["DATABASE_URL"] = args.postgres
    os.environ["TROPEBASE_BENCH"] = "1"  # the static floor's URL
    if args.generated:
        if not args.data:
            ap.error("--generated needs --data (where the catalog is built and kept)")
        build(args.data, args.postgres, args.generated, args.tropes, args.per_work)
    from tropebase.wiki.setup import prepare_database, setup_django

    setup_django()
    prepare_database()
    from django.db import connection
    from django.test import Client

    from tropebase.wiki.models import Example, Page

    if args.without_similar:
        from tropebase.wiki import similar

        for name in ("works_like", "tropes_with", "tropes_for"):
            if hasattr(similar, name):
                setattr(similar, name, lambda *a, **k: [])
        if hasattr(similar, "for_work"):
            similar.for_work = lambda *a, **k: ([], [])
    client = Client()
    requests = mix(args)
    print(f"{connection.vendor}: {Page.objects.count()} pages, {Example.objects.count()} examples; "
          f"{len(requests)} requests")  # fmt: skip
    for _, url in requests[:30]:  # warm-up: templates compiled, connections open
        timed(client, url)
    gc.freeze()  # what is loaded stays out of the collector's sight, as in a server worker (tropebase.wsgi)
    times: dict[str, list[tuple[float, float]]] = defaultdict(list)
    statuses: dict[str, set[int]] = defaultdict(set)
    for kind, url in requests:
        wall, cpu, status = timed(client, url)
        times[kind].append((wall, cpu))
        statuses[kind].add(status)
    floor = [timed(client, "/_/bench/static20k")[:2] for _ in range(200)]
    print(
        f"{'kind':10} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'cpu p50':>8} {'cpu p99':>8}"
    )
    every = [t for kind in times for t in times[kind]]
    for kind, found in [*sorted(times.items()), ("all", every), ("floor", floor)]:
        wall, cpu = [w for w, _ in found], [c for _, c in found]
        print(f"{kind:10} {len(found):8} {statistics.median(wall):8.1f} {percentile(wall, 99):8.1f} "
              f"{max(wall):8.1f} {statistics.median(cpu):8.1f} {percentile(cpu, 99):8.1f}"
              + (f"  status {sorted(statuses[kind])}" if kind in statuses else ""))  # fmt: skip


if __name__ == "__main__":
    main()
