"""Faults: kill -9 of the server mid-storm and of an import half-way, and a full disk. Afterwards the
database passes its integrity check, every page's facts equal a fresh compile of its current revision
(`tropebase doctor`), acknowledged saves are kept, and an interrupted import completes when run again.

Each test runs tropebase in subprocesses, on SQLite and (when the suite runs on PostgreSQL) on a
database of its own.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys

import pytest

from .faultkit import (
    Storm,
    create_users,
    film_slice,
    kill_tree,
    on_postgres,
    serve,
    site,
    storm_page,
    wait_until,
)

PORT = 8131
FILMS = 120  # films in the import slice: a few seconds of importing
BATCH = 5  # pages per transaction of that import
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
        create_users(s, ["rainy"])
        server = serve(s, PORT, tmp_path / "serve.log")
        storm = Storm(PORT, PAGES, clients=3, edits_per_client=60, seconds=20)
        threads = storm.start(["rainy"])
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
        assert (
            s.run("createuser", "rainy", "--password", "a long enough password").returncode == 0
        )  # migrates
        before = s.scalar("SELECT count(*) FROM wiki_page")
        importing = s.start("import", "--namespace", "Film", "--batch-size", str(BATCH), str(films),
                            log=tmp_path / "import.log")  # fmt: skip
        try:
            half_way = wait_until(
                lambda: s.scalar("SELECT count(*) FROM wiki_page") - before >= FILMS // 3, 60
            )
        finally:
            kill_tree(importing)
        assert half_way and importing.returncode == -9
        stored = s.scalar("SELECT count(*) FROM wiki_page") - before
        assert FILMS // 3 <= stored < FILMS
        assert stored % BATCH == 0  # whole batches, each in its own transaction
        doctor_is_clean(s)
        again = s.run("import", "--namespace", "Film", str(films))
        assert again.returncode == 0, again.stdout + again.stderr
        assert f"imported: {FILMS - stored} created, 0 changed, {stored} unchanged, 0 failed" in again.stdout
        assert s.scalar("SELECT count(*) FROM wiki_page") - before == FILMS
        doctor_is_clean(s)


# -- a full disk -----------------------------------------------------------------------------------------


def big_page(examples: int = 2000) -> str:
    """A trope page far bigger than the room left: thousands of examples of invented works."""
    lines = ["A trope about umbrellas left on trains.", "", "!!Examples"]
    lines += [f"* ''Film/LostProperty{i}'': the umbrella {i} stays on the train. [[spoiler:It was hers.]]"
              for i in range(examples)]  # fmt: skip
    return "\n".join(lines) + "\n"


def _one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, done.stderr
    return errors[0]


def _import_one_small_page(s, folder) -> None:
    """A one-example page, imported and checkpointed into the database file, before the disk fills."""
    small = folder / "UmbrellaLeftBehind.txt"
    small.write_text(
        "A trope about umbrellas.\n\n!!Examples\n* ''Film/DayOfRest'': the umbrella stays home.\n"
    )
    assert s.run("import", str(small)).returncode == 0
    s.query("PRAGMA wal_checkpoint(TRUNCATE)")


def _limited(limit: int):
    def set_limit() -> None:  # in the child: writes past `limit` bytes fail with EFBIG (SIGXFSZ is ignored)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return set_limit


@pytest.mark.skipif(on_postgres(), reason="PostgreSQL's disk is the server's, not the data folder's")
def test_file_size_limit_on_the_data_folder(tmp_path):
    """Portable: a file size limit (ulimit -f) on the import makes the database's files unable to grow."""
    with site(tmp_path) as s:
        _import_one_small_page(s, tmp_path)
        room = max(p.stat().st_size for p in s.data.iterdir() if p.is_file()) + 64 * 1024

        def run_full(*args):
            return s.run(*args, preexec_fn=_limited(room))

        (tmp_path / "big").mkdir()
        big = tmp_path / "big" / "UmbrellaLeftBehind.txt"
        big.write_text(big_page())
        error = _one_line_error(run_full("import", str(big)))
        assert f"could not write {s.data / 'tropebase.sqlite3'} in the data folder {s.data}" in error
        assert "nothing was half-written" in error
        page = "(SELECT id FROM wiki_page WHERE key = 'main/umbrellaleftbehind')"
        assert s.scalar(f"SELECT count(*) FROM wiki_revision WHERE page_id = {page}") == 1
        assert s.scalar(f"SELECT count(*) FROM wiki_example WHERE page_id = {page}") == 1
        assert s.scalar("SELECT count(*) FROM wiki_page") == 1
        doctor_is_clean(s)
        again = s.run("import", str(big))  # with room again, the same import goes through
        assert again.returncode == 0 and "0 created, 1 changed" in again.stdout
        assert s.scalar(f"SELECT count(*) FROM wiki_example WHERE page_id = {page}") == 2000
        doctor_is_clean(s)


def _can_mount() -> bool:
    return sys.platform == "linux" and os.geteuid() == 0


@pytest.mark.skipif(on_postgres(), reason="PostgreSQL's disk is the server's, not the data folder's")
@pytest.mark.skipif(not _can_mount(), reason="mounting a small tmpfs needs root")
def test_full_disk_under_the_data_folder(tmp_path):
    """A real full disk (ENOSPC): the data folder on a small tmpfs, filled but for 64 KB."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        with site(mount) as s:
            _import_one_small_page(s, tmp_path)
            filler = mount / "filler"  # everything but 64 KB
            filler.write_bytes(b"\0" * (shutil.disk_usage(mount).free - 64 * 1024))
            (tmp_path / "big").mkdir()
            big = tmp_path / "big" / "UmbrellaLeftBehind.txt"
            big.write_text(big_page())
            newer = tmp_path / "big" / "UmbrellaOnTheTrain.txt"
            newer.write_text(big_page())
            error = _one_line_error(s.run("import", str(big), str(newer)))
            assert error == (
                f"Error: the disk holding the data folder {s.data} is full: could not write "
                f"{s.data / 'tropebase.sqlite3'}; nothing was half-written — free some space and run it again"
            )
            assert s.scalar("SELECT count(*) FROM wiki_page") == 1
            assert s.scalar("SELECT count(*) FROM wiki_revision") == 1
            assert s.scalar("SELECT count(*) FROM wiki_example") == 1
            doctor_is_clean(s)
            filler.unlink()  # space freed: the same import goes through
            again = s.run("import", str(big), str(newer))
            assert again.returncode == 0 and "1 created, 1 changed" in again.stdout, (
                again.stdout + again.stderr
            )
            doctor_is_clean(s)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
