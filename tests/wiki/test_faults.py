"""Faults: kill -9 of the server mid-storm and of an import half-way, and a full disk. Afterwards the
database passes its integrity check, every page's facts equal a fresh compile of its current revision
(`tropebase doctor`), acknowledged saves are kept, and an interrupted import completes when run again.

Each test runs tropebase in subprocesses, on SQLite and (when the suite runs on PostgreSQL) on a
database of its own.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

from .faultkit import Storm, create_users, film_slice, kill_tree, on_postgres, serve, site, storm_page, wait_until

PORT = 8131
FILMS = 180  # films in the import slice: a few seconds of importing
PAGES = ["Main/UmbrellaLost", "Main/UmbrellaForgotten", "Main/UmbrellaBorrowed"]


def doctor_is_clean(s, *args: str) -> str:
    done = s.run("doctor", *args)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "integrity: ok" in done.stdout and " 0 drifting" in done.stdout, done.stdout
    return done.stdout


def test_kill_9_of_the_server_mid_storm(tmp_path):
    with site(tmp_path) as s:
        for name in PAGES:
            (tmp_path / f"{name.split('/')[1]}.txt").write_text(storm_page(name))
        done = s.run("import", *(str(tmp_path / f"{n.split('/')[1]}.txt") for n in PAGES))
        assert done.returncode == 0, done.stdout + done.stderr
        create_users(s, ["rainy", "sunny"])
        server = serve(s, PORT, tmp_path / "serve.log")
        storm = Storm(PORT, PAGES, clients=4, edits_per_client=60, seconds=20)
        threads = storm.start(["rainy", "sunny"])
        try:
            # mid-storm: once a dozen edits are in, with the clients still posting
            assert wait_until(lambda: storm.saved >= 12, 25), (storm.saved, storm.other, storm.errors)
        finally:
            killed = kill_tree(server)
            storm.stop(threads)
        assert killed == 3  # master and both workers
        saved = storm.saved
        revisions = s.scalar("SELECT count(*) FROM wiki_revision")
        assert revisions >= len(PAGES) + saved  # every acknowledged save survived the kill
        assert s.scalar("SELECT count(*) FROM wiki_example") > 0
        doctor_is_clean(s)


def test_kill_9_of_an_import_half_way_then_import_again(tmp_path):
    films = film_slice(tmp_path / "films.json", FILMS)
    with site(tmp_path) as s:
        assert s.run("demo").returncode == 0  # migrates; the import then adds to a catalog
        before = s.scalar("SELECT count(*) FROM wiki_page")
        importing = s.start("import", "--namespace", "Film", str(films), log=tmp_path / "import.log")
        try:
            half_way = wait_until(lambda: s.scalar("SELECT count(*) FROM wiki_page") - before >= FILMS // 3, 60)
        finally:
            kill_tree(importing)
        assert half_way and importing.returncode == -9
        stored = s.scalar("SELECT count(*) FROM wiki_page") - before
        assert FILMS // 3 <= stored < FILMS
        doctor_is_clean(s)
        again = s.run("import", "--namespace", "Film", str(films))
        assert again.returncode == 0, again.stdout + again.stderr
        assert f"imported: {FILMS - stored} created, 0 changed, {stored} unchanged, 0 failed" in again.stdout
        assert s.scalar("SELECT count(*) FROM wiki_page") - before == FILMS
        doctor_is_clean(s)
