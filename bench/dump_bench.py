"""Dump and restore on whatever catalog is at hand: time and peak memory of each step.

Run: python bench/dump_bench.py [--films 1500] [--corpus ../shared/corpus] [--postgres URL]
     python bench/dump_bench.py --data DIR   (an SQLite site already imported, e.g. bench/generate.py's)
     python bench/dump_bench.py --generated 3000 [--tropes 400] [--per-work 25]

Builds a catalog in a fresh data folder (the demo, the seed page and the first --films films of the
trope lists; 0 for the demo and seed only; or, with --generated N, the demo and a catalog of N works
made by bench/gen_catalog.py, imported with `tropebase import DIR`), then times, each in its own process so its peak RSS is its
own: export jsonl, csv (examples), csv (appearances), ttl; import of the dump into an empty site; export
jsonl again, compared byte for byte with the first. With --postgres, a database URL whose database is
dropped and made again for each site (default: SQLite files in a temporary folder).
"""

from __future__ import annotations

import argparse
import bz2
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

from benchkit import site_env, step


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--films", type=int, default=1500)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument(
        "--generated", type=int, default=0, help="works of a generated catalog (instead of films)"
    )
    ap.add_argument("--tropes", type=int, default=400, help="tropes of the generated catalog")
    ap.add_argument("--per-work", type=int, default=25, help="examples per generated work")
    ap.add_argument("--postgres", help="postgres://user@host:port/anything (databases are made per site)")
    ap.add_argument(
        "--data", type=Path, help="an SQLite site's data folder to export and restore (not built)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = site_env(folder, args.postgres, "source")
        engine = "PostgreSQL" if args.postgres else "SQLite"
        t0 = time.perf_counter()
        if args.data:  # a catalog already imported (SQLite): its exports and restore, nothing built
            source = {**source, "TROPEBASE_DATA": str(args.data.resolve())}
            print(f"catalog: the site in {args.data} ({engine})")
        elif args.generated:
            sys.path.insert(0, str(Path(__file__).parent))
            from gen_catalog import generate

            pages = generate(folder / "generated", args.tropes, args.generated, args.per_work)
            print(f"building: demo + {pages} generated pages ({args.generated} works, {args.tropes} tropes, "
                  f"{args.per_work} examples a work; {engine})")  # fmt: skip
            step(source, "demo")
            seconds, peak = step(source, "import", str(folder / "generated"))
            print(f"  import of the generated pages: {seconds:.1f} s, peak RSS {peak:.0f} MB")
        else:
            print(f"building: demo + seed + {args.films} films ({engine})")
            step(source, "demo")
            known = str(args.corpus / "laconic/trope_laconic.jsonl")
            step(source, "import", "--known", known, str(args.corpus / "seed/000_c6e4ab0f9e8c430f.txt"))
            if args.films:
                with bz2.open(args.corpus / "films-tropes/films_tropes_20190501.json.bz2", "rt") as f:
                    films = dict(itertools.islice(json.load(f).items(), args.films))
                (folder / "films.json").write_text(json.dumps(films))
                step(source, "import", "--namespace", "Film", str(folder / "films.json"))
        print(f"  built in {time.perf_counter() - t0:.1f} s")
        rows = []
        for label, fmt, extra, out in (
            ("export jsonl", "jsonl", [], "dump.jsonl"),
            ("export csv examples", "csv", [], "examples.csv"),
            ("export csv appearances", "csv", ["--table", "appearances"], "appearances.csv"),
            ("export ttl", "ttl", [], "catalog.ttl"),
        ):
            seconds, peak = step(source, "export", "--format", fmt, *extra, "-o", str(folder / out))
            rows.append((label, seconds, peak, (folder / out).stat().st_size))
        target = site_env(folder, args.postgres, "target")
        step(target, "doctor")  # migrate the empty site first: the restore is timed alone
        seconds, peak = step(target, "import", str(folder / "dump.jsonl"))
        rows.append(("import (restore)", seconds, peak, (folder / "dump.jsonl").stat().st_size))
        seconds, peak = step(target, "export", "-o", str(folder / "again.jsonl"))
        rows.append(("export jsonl again", seconds, peak, (folder / "again.jsonl").stat().st_size))
        same = (folder / "dump.jsonl").read_bytes() == (folder / "again.jsonl").read_bytes()
        dump_lines = (folder / "dump.jsonl").read_text(encoding="utf-8").count("\n")
        print(f"dump: {dump_lines} lines; export → import → export byte-identical: {same}")
        print(f"{'step':24} {'seconds':>8} {'peak RSS MB':>12} {'file MB':>8}")
        for label, seconds, peak, size in rows:
            print(f"{label:24} {seconds:8.2f} {peak:12.0f} {size / 1e6:8.2f}")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
