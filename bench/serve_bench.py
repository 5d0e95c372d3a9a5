"""Serving speed: the wiki under load, beside a constant 20 KB response from the same server.

Run: python bench/serve_bench.py [--data DIR] [--seconds 10] [--connections 8] [--workers 2]
                                 [--generated N | --catalog DIR] [--only mix]
Loads the demo catalog, the seed page and the films trope lists into DIR (once: a later run with the
same DIR reuses them) — or, with `--generated N`, the demo and a catalog of N works from
bench/gen_catalog.py (400 tropes, 25 examples a work), or with `--catalog DIR` the demo and the pages
of DIR (`tropebase import DIR`) — starts `gunicorn` as `tropebase serve` does, and measures with wrk
(Debian's `wrk`): requests/s, p50 and p99 for the home page, a trope page, a work page, the same
uncached, a random mix over every work page of the site (each request picks one at random; every page
is requested once first, so the mix is measured with the page cache warm) and the static ceiling,
measured before and after each target (each ratio is against the mean of the two; `--rounds R`
measures everything R times and prints medians). Goals: the trope page and the random mix at >= 50%
of the ceiling's requests/s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))

from benchkit import free_port  # noqa: E402
from gen_catalog import generate  # noqa: E402

STATIC = "static 20 KB (ceiling)"
MIX = "random mix over all work pages"
FILMS_TARGETS = {
    "home page": "/",
    "trope page (Chekhov's Gun)": "/Main/ChekhovsGun",
    "work page (Thor: Ragnarok, 674 tropes)": "/Film/ThorRagnarok",
    # a query string keeps a page out of the page cache: what every cache miss costs
    "trope page, uncached": "/Main/ChekhovsGun?uncached=1",
    "work page, uncached": "/Film/ThorRagnarok?uncached=1",
}

#: wrk script: every request asks for a page picked at random from the file named after `--`
MIX_LUA = """
local paths = {}
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(tonumber(args[2]))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""

#: lists the site's work pages a reader without an account may see, one address a line
LIST_WORKS = """
from tropebase.wiki.setup import setup_django
setup_django()
from tropebase.wiki.models import Page
works = Page.objects.filter(kind="work", redirect_to="", current__isnull=False).exclude(content_rating="adult")
for namespace, name in works.order_by("key").values_list("namespace", "name"):
    print(f"/{namespace}/{name}")
"""


def tropebase(*args: str, env: dict) -> None:
    subprocess.run(
        [sys.executable, "-m", "tropebase.cli", *args], env=env, check=True, stdout=subprocess.DEVNULL
    )


def load(env: dict, data: Path, catalog: Path | None) -> None:
    database = env.get("DATABASE_URL", "").rsplit("/", 1)[-1]  # a PostgreSQL database is loaded apart
    marker = data / (f"bench-loaded-{database}" if database else "bench-loaded")
    if marker.exists():
        return
    t0 = time.perf_counter()
    tropebase("demo", env=env)
    if catalog is not None:
        tropebase("import", str(catalog), env=env)
        marker.write_text(f"loaded {catalog}\n")
        print(f"loaded demo + {catalog} in {time.perf_counter() - t0:.0f} s")
        return
    tropebase(
        "import",
        "--known",
        str(CORPUS / "laconic/trope_laconic.jsonl"),
        str(CORPUS / "seed/000_c6e4ab0f9e8c430f.txt"),
        env=env,
    )
    tropebase(
        "import", "--namespace", "Film", str(CORPUS / "films-tropes/films_tropes_20190501.json.bz2"), env=env
    )
    marker.write_text("loaded\n")
    print(f"loaded demo + seed + films in {time.perf_counter() - t0:.0f} s")


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def measure(url: str, seconds: int, connections: int, script: list[str] = ()) -> tuple[float, float, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", *script[:2], url, *script[2:]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if failed:
        raise SystemExit(f"{url}: {failed.group(1)} requests failed\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    return rps, p50, p99


def work_pages(env: dict) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", LIST_WORKS], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def warm(base: str, paths: list[str], threads: int) -> float:
    """Request every page once (the page cache then holds them all); seconds it took."""
    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for status in pool.map(lambda p: urllib.request.urlopen(base + p, timeout=60).status, paths):
            assert status == 200
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="data folder to (re)use; default: a new temporary one")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    source = ap.add_mutually_exclusive_group()
    source.add_argument("--generated", type=int, metavar="N", help="a generated catalog of N works")
    source.add_argument("--catalog", type=Path, metavar="DIR", help="a folder of pages to import")
    ap.add_argument("--postgres", metavar="URL", help="serve from this PostgreSQL database (default SQLite)")
    ap.add_argument(
        "--redis", metavar="URL", help="the caches in Redis (an otherwise unused database number)"
    )
    ap.add_argument("--only", choices=["mix"], help="only the ceiling and the random mix")
    ap.add_argument("--seed", type=int, default=1, help="of the random mix")
    ap.add_argument("--rounds", type=int, default=1, help="measure every target this many times")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk: apt-get install wrk")
    data = args.data or Path(tempfile.mkdtemp(prefix="tropebase-bench-"))
    env = {**os.environ, "TROPEBASE_DATA": str(data), "TROPEBASE_BENCH": "1"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
    if args.redis:
        env["REDIS_URL"] = args.redis
    catalog = args.catalog
    if args.generated:
        catalog = data / f"generated-{args.generated}"
        if not catalog.exists():
            generate(catalog, tropes=400, works=args.generated, per_work=25)
    load(env, data, catalog)
    paths = work_pages(env)
    if catalog is None and not args.only:
        targets = dict(FILMS_TARGETS)
    elif not args.only:
        hot = paths[len(paths) // 2]
        targets = {"home page": "/", f"one work page ({hot})": hot, "the same, uncached": f"{hot}?uncached=1"}
    else:
        targets = {}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tropebase.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/_/bench/static20k")
        for path in targets.values():
            wait_for(base + path)
        warmed = warm(base, paths, args.workers)
        print(f"{len(paths)} work pages, each requested once to warm the cache: {warmed:.0f} s")
        with tempfile.TemporaryDirectory() as tmp:
            script, listing = Path(tmp) / "mix.lua", Path(tmp) / "paths.txt"
            script.write_text(MIX_LUA)
            listing.write_text("\n".join(paths) + "\n")
            mix = ["-s", str(script), "--", str(listing), str(args.seed)]
            runs = {name: (base + path, ()) for name, path in targets.items()}
            runs[f"{MIX} ({len(paths)})"] = (base + "/", mix)
            rows = rounds(base + "/_/bench/static20k", runs, args)
    finally:
        server.terminate()
        server.wait(10)
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{database}, caches in {'Redis' if args.redis else 'the database'}; gunicorn, {args.workers} sync "
          f"workers; wrk 1 thread, {args.connections} connections, {args.seconds} s each, {args.rounds} round(s)")  # fmt: skip
    print(
        f"{'target (medians over the rounds)':52} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of ceiling':>11}"
    )
    for name, (rps, p50, p99, ratio) in rows.items():
        print(f"{name:52} {rps:8.0f} {p50:8.2f} {p99:8.2f} {ratio:10.0%}")
    for name, (_, _, _, ratio) in rows.items():
        if name.startswith(("trope page (", MIX)):
            print(f"{name} / ceiling: {ratio:.2f} (goal >= 0.50)")


def rounds(static: str, runs: dict[str, tuple[str, list[str]]], args) -> dict[str, tuple]:
    """Each target between two measurements of the ceiling, the whole list `args.rounds` times: on a
    shared machine the ceiling moves, so each figure is compared with the ceiling measured around it.
    Per target: median req/s, p50, p99 and ratio to the ceiling."""
    measured: dict[str, list[tuple]] = {name: [] for name in ["static 20 KB (ceiling)", *runs]}
    before = measure(static, args.seconds, args.connections)
    measured["static 20 KB (ceiling)"].append(before)
    for _ in range(args.rounds):
        for name, (url, script) in runs.items():
            rps, p50, p99 = measure(url, args.seconds, args.connections, script)
            after = measure(static, args.seconds, args.connections)
            measured["static 20 KB (ceiling)"].append(after)
            measured[name].append((rps, p50, p99, rps / ((before[0] + after[0]) / 2)))
            before = after
    ceiling = [(*m, 1.0) for m in measured["static 20 KB (ceiling)"]]
    measured["static 20 KB (ceiling)"] = ceiling
    return {
        name: tuple(statistics.median(col) for col in zip(*values, strict=True))
        for name, values in measured.items()
    }


if __name__ == "__main__":
    main()
