"""Serving speed: the wiki under load, beside a constant 20 KB response from the same server.

Run: python bench/serve_bench.py [--data DIR] [--seconds 10] [--connections 8] [--workers 2]
Loads the demo catalog, the seed page and the films trope lists into DIR (once: a later run with the
same DIR reuses them), starts `gunicorn` as `tropebase serve` does, and measures with wrk (Debian's
`wrk`): requests/s, p50 and p99 for the home page, a trope page, a work page with ~700 tropes, and the
static ceiling. Goal: the trope page at >= 50% of the ceiling's requests/s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))

from benchkit import free_port  # noqa: E402

TARGETS = {
    "static 20 KB (ceiling)": "/_/bench/static20k",
    "home page": "/",
    "trope page (Chekhov's Gun)": "/Main/ChekhovsGun",
    "work page (Thor: Ragnarok, 674 tropes)": "/Film/ThorRagnarok",
    # a query string keeps a page out of the page cache: what every cache miss costs
    "trope page, uncached": "/Main/ChekhovsGun?uncached=1",
    "work page, uncached": "/Film/ThorRagnarok?uncached=1",
}


def tropebase(*args: str, env: dict) -> None:
    subprocess.run(
        [sys.executable, "-m", "tropebase.cli", *args], env=env, check=True, stdout=subprocess.DEVNULL
    )


def load(env: dict, data: Path) -> None:
    marker = data / "bench-loaded"
    if marker.exists():
        return
    t0 = time.perf_counter()
    tropebase("demo", env=env)
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


def measure(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    return rps, p50, p99


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, help="data folder to (re)use; default: a new temporary one")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk: apt-get install wrk")
    data = args.data or Path(tempfile.mkdtemp(prefix="tropebase-bench-"))
    env = {**os.environ, "TROPEBASE_DATA": str(data), "TROPEBASE_BENCH": "1"}
    env.pop("DATABASE_URL", None)
    load(env, data)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tropebase.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for path in TARGETS.values():
            wait_for(base + path)
        results = {
            name: measure(base + path, args.seconds, args.connections) for name, path in TARGETS.items()
        }
    finally:
        server.terminate()
        server.wait(10)
    ceiling = results["static 20 KB (ceiling)"][0]
    print(
        f"gunicorn, {args.workers} sync workers; wrk 1 thread, {args.connections} connections, {args.seconds} s each"
    )
    print(f"{'target':42} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of ceiling':>11}")
    for name, (rps, p50, p99) in results.items():
        print(f"{name:42} {rps:8.0f} {p50:8.2f} {p99:8.2f} {rps / ceiling:10.0%}")
    trope = results["trope page (Chekhov's Gun)"][0]
    print(f"trope page / ceiling: {trope / ceiling:.2f} (goal >= 0.50)")


if __name__ == "__main__":
    main()
