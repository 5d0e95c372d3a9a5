"""Faults, repeated: kill -9 of the server mid-storm and of an import half-way, several times each.

Run: python bench/fault_bench.py [--runs 5] [--films 300] [--port 8135] [--postgres URL]
Each run uses a fresh data folder (and, with --postgres, a fresh database on that server). A storm run
imports three pages, starts `tropebase serve --workers 2`, lets four signed-in clients post the edit
form until 20 edits are saved, kills master and workers with SIGKILL, then checks that every
acknowledged save is there and runs `tropebase doctor`. An import run kills `tropebase import` of
--films films a third of the way, runs the doctor, imports again and runs the doctor once more. It
prints how many runs ended with integrity ok, with drift, and with the re-import complete. Loopback
only; every loop is bounded (60 edits per client, 30 s per phase).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.wiki.faultkit import (
    Storm,
    create_users,
    film_slice,
    kill_tree,
    serve,
    site,
    storm_page,
    wait_until,
)

from benchkit import use_database

PAGES = ["Main/UmbrellaLost", "Main/UmbrellaForgotten", "Main/UmbrellaBorrowed"]


def doctor(s) -> tuple[bool, bool]:
    """(integrity ok, drift found)"""
    out = s.run("doctor").stdout
    return "integrity: ok" in out, " 0 drifting" not in out


def storm_run(base: Path, port: int) -> dict:
    with site(base) as s:
        for name in PAGES:
            (base / f"{name.split('/')[1]}.txt").write_text(storm_page(name))
        s.run("import", *(str(base / f"{n.split('/')[1]}.txt") for n in PAGES))
        create_users(s, ["rainy"])
        server = serve(s, port, base / "serve.log")
        storm = Storm(port, PAGES, clients=4, edits_per_client=60, seconds=30)
        threads = storm.start(["rainy"])
        try:
            wait_until(lambda: storm.saved >= 20, 30)
        finally:
            kill_tree(server)
            storm.stop(threads)
        kept = s.scalar("SELECT count(*) FROM wiki_revision") - len(PAGES) >= storm.saved
        ok, drift = doctor(s)
        return {"integrity ok": ok, "drift": drift, "acknowledged saves kept": kept, "saved": storm.saved}


def import_run(base: Path, films: int) -> dict:
    data = film_slice(base / "films.json", films)
    with site(base) as s:
        s.run("createuser", "rainy", "--password", "a long enough password")
        importing = s.start("import", "--namespace", "Film", str(data), log=base / "import.log")
        try:
            wait_until(lambda: s.scalar("SELECT count(*) FROM wiki_page") >= films // 3, 60)
        finally:
            kill_tree(importing)
        stored = s.scalar("SELECT count(*) FROM wiki_page")
        ok, drift = doctor(s)
        again = s.run("import", "--namespace", "Film", str(data), timeout=600)
        complete = again.returncode == 0 and s.scalar("SELECT count(*) FROM wiki_page") == films
        ok2, drift2 = doctor(s)
        return {"integrity ok": ok and ok2, "drift": drift or drift2, "re-import complete": complete,
                "stored at kill": stored}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--films", type=int, default=300)
    ap.add_argument("--port", type=int, default=8135)
    ap.add_argument("--postgres", help="postgres://… server to run on instead of SQLite (a database per run)")
    args = ap.parse_args()
    database = use_database(args.postgres)
    for name, scenario in (("server mid-storm", lambda b: storm_run(b, args.port)),
                           ("import half-way", lambda b: import_run(b, args.films))):  # fmt: skip
        tally: dict[str, int] = {}
        extra: list[int] = []
        t0 = time.perf_counter()
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="tropebase-fault-") as tmp:
                result = scenario(Path(tmp))
            for key, value in result.items():
                if isinstance(value, bool):
                    tally[key] = tally.get(key, 0) + value
                else:
                    extra.append(value)
        figures = ", ".join(f"{key}: {count}/{args.runs}" for key, count in tally.items())
        what = (
            "saves acknowledged before the kill" if name == "server mid-storm" else "pages stored at the kill"
        )
        print(f"{database}, kill -9 of the {name}: {figures}; {what}: {min(extra)}–{max(extra)} "
              f"({time.perf_counter() - t0:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
