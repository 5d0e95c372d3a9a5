"""Fuzz run: generated junk to every URL pattern, many more examples than the suite sends.

Run: python bench/fuzz_bench.py [--examples 100]   (DATABASE_URL=postgres://… for PostgreSQL)
Runs tests/web/test_fuzz.py with TROPEBASE_FUZZ_EXAMPLES set, on this environment's database, and prints
how many requests were sent (a GET and a POST per example) and how many patterns answered a 5xx.
Bounded: the examples per pattern are fixed; every request goes to Django's test client in-process.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100, help="examples per URL pattern")
    args = parser.parse_args()
    env = dict(os.environ, TROPEBASE_FUZZ_EXAMPLES=str(args.examples), PYTHONPATH=str(ROOT / "src"))
    env.setdefault("TROPEBASE_DATA", tempfile.mkdtemp(prefix="tropebase-fuzz-"))
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/web/test_fuzz.py"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    passed = int(m.group(1)) if (m := re.search(r"(\d+) passed", done.stdout)) else 0
    failed = int(m.group(1)) if (m := re.search(r"(\d+) failed", done.stdout)) else 0
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    patterns = passed + failed
    print(f"{database}: {patterns} URL patterns x {args.examples} examples x GET+POST = "
          f"{patterns * args.examples * 2} requests in {elapsed:.0f} s; patterns with a 5xx: {failed}")  # fmt: skip
    if failed:
        print(done.stdout[-4000:])
        raise SystemExit(1)


if __name__ == "__main__":
    main()
