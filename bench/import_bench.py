"""Bulk import beside its floors, measured in one run: compile time and an executemany of the rows.

Run: python bench/import_bench.py [--films N] [--postgres URL]
     python bench/import_bench.py --dir FOLDER [--postgres URL]   (a catalog from bench/generate.py)

Prints, for the films of the trope-list corpus (all 11,831 by default) or a folder of markup pages:
- compile: what `tropebase check` does to them — read, convert, parse, compile — in this process;
- floor: `executemany` of their example rows into the same table of a migrated, empty site (the
  database's own speed for the largest table; on PostgreSQL the same executemany, through psycopg);
- import: `tropebase import` into an empty, migrated site, in its own process (peak RSS too);
- re-import: the same import again (every page unchanged);
and the ratios the issue sets goals for: import ≤ 2× compile on SQLite (≤ 2.5× on PostgreSQL), re-import
≤ 0.5× compile. With --postgres, a database URL whose database is dropped and made again for the site.
"""

from __future__ import annotations

import argparse
import bz2
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from benchkit import site_env, step

ROOT = Path(__file__).resolve().parents[1]
FILMS = ROOT.parent / "shared" / "corpus" / "films-tropes" / "films_tropes_20190501.json.bz2"


def compile_all(sources: list[Path], namespace: str | None) -> tuple[float, list]:
    """Seconds to read, convert and compile every page (`tropebase check`'s work), and the facts."""
    from tropebase.catalog import compile_page
    from tropebase.ingest.load import load
    from tropebase.ingest.sources import expand_paths
    from tropebase.markup import parse

    t0 = time.perf_counter()
    compiled = []
    for path in expand_paths([str(s) for s in sources]):
        for converted in load(path, namespace=namespace, problems=[]):
            report = converted.report
            compiled.append(compile_page(parse(converted.markup), report.page, title=report.title))
    return time.perf_counter() - t0, compiled


def floor(env: dict, compiled: list) -> float:
    """Seconds for one executemany of the example rows into the migrated site's example table."""
    from tropebase.wiki.tablewrite import IMPORT_CACHE_KIB

    step(env, "doctor")  # migrates
    rows = [
        (i, 1, n, e.trope or "", e.trope or "", (e.trope or "").lower(), "", e.work or "", "", e.work or "",
         e.medium or "", "", e.depth, None, e.play, e.uncertain, e.text, json.dumps(list(e.spoilers)), e.line)
        for i, facts in enumerate(compiled, 1) for n, e in enumerate(facts.examples)
    ]  # fmt: skip
    columns = ("page_id, position, trope_key, trope, trope_named, work_key, work_target, work_named, "
               "work_title, medium, section, depth, parent_id, play, uncertain, text, spoilers, line")  # fmt: skip
    insert = f"INSERT INTO wiki_example ({columns}) VALUES ({', '.join(['%s'] * 18)})"
    pages = [
        (i, f"bench/p{i}", "Bench", f"P{i}", "P", "work", "general", "", False)
        for i in range(1, len(compiled) + 1)
    ]
    page_insert = ("INSERT INTO wiki_page (id, key, namespace, name, title, kind, content_rating, redirect_to, "
                   "protected, updated) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, CURRENT_TIMESTAMP)")  # fmt: skip
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as c, c.cursor() as cur:
            cur.executemany(page_insert, pages)
            c.commit()
            t0 = time.perf_counter()
            cur.executemany(insert, [r[1:] for r in rows])
            c.commit()
            return time.perf_counter() - t0
    import sqlite3

    db = sqlite3.connect(Path(env["TROPEBASE_DATA"]) / "tropebase.sqlite3")
    db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")  # as the import has it
    db.executemany(page_insert.replace("%s", "?"), pages)
    db.commit()
    t0 = time.perf_counter()
    db.executemany(insert.replace("%s", "?"), [r[1:] for r in rows])
    db.commit()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--films", type=int, default=0, help="the first N films (default: all)")
    ap.add_argument("--dir", type=Path, help="a folder of markup pages instead of the films")
    ap.add_argument("--postgres", help="postgres://user@host:port/anything (its database is made per site)")
    args = ap.parse_args()
    engine = "PostgreSQL" if args.postgres else "SQLite"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.dir:
            sources, namespace, what = [args.dir], None, f"the pages in {args.dir}"
        else:
            with bz2.open(FILMS, "rt") as f:
                films = json.load(f)
            if args.films:
                films = dict(itertools.islice(films.items(), args.films))
            (folder / "films.json").write_text(json.dumps(films))
            sources, namespace, what = [folder / "films.json"], "Film", f"{len(films)} films"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tropebase.settings")
        compile_s, compiled = compile_all(sources, namespace)
        examples = sum(len(f.examples) for f in compiled)
        print(f"{what}: {len(compiled)} pages, {examples} examples; {engine}; load {os.getloadavg()[0]:.2f}")
        floor_s = floor(site_env(folder, args.postgres, "floor", "tb_importbench"), compiled)
        del compiled
        env = site_env(folder, args.postgres, "site", "tb_importbench")
        step(env, "doctor")  # migrate the empty site first: the import is timed alone
        extra = ["--namespace", namespace] if namespace else []
        import_s, peak = step(env, "import", *extra, *map(str, sources))
        again_s, again_peak = step(env, "import", *extra, *map(str, sources))
        size = _size(env)
        print(f"{'step':12} {'seconds':>8} {'× compile':>10} {'× floor':>8} {'peak RSS MB':>12}")
        print(f"{'compile':12} {compile_s:8.2f} {1:10.2f} {compile_s / floor_s:8.2f} {'':>12}")
        print(f"{'floor':12} {floor_s:8.2f} {floor_s / compile_s:10.2f} {1:8.2f} {'':>12}")
        print(
            f"{'import':12} {import_s:8.2f} {import_s / compile_s:10.2f} {import_s / floor_s:8.2f} {peak:12.0f}"
        )
        print(
            f"{'re-import':12} {again_s:8.2f} {again_s / compile_s:10.2f} {again_s / floor_s:8.2f} {again_peak:12.0f}"
        )
        print(f"database size after the import: {size / 1e6:.0f} MB; load {os.getloadavg()[0]:.2f}")


def _size(env: dict) -> int:
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as c:
            return c.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return sum(f.stat().st_size for f in Path(env["TROPEBASE_DATA"]).glob("tropebase.sqlite3*"))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
