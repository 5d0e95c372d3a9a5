"""Running tropebase in subprocesses and killing it: what the fault tests and `bench/fault_bench.py` share.

Everything listens on 127.0.0.1 and every loop is bounded in count and time. On PostgreSQL each run gets
a database of its own (made and dropped here), so it never meets pytest-django's test database.
"""

from __future__ import annotations

import bz2
import http.client
import itertools
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
FILMS = CORPUS / "films-tropes" / "films_tropes_20190501.json.bz2"
PASSWORD = "a long enough password"
_names = itertools.count()


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


@dataclass
class Site:
    """A data folder and (on PostgreSQL) a database of its own, with the environment to reach them."""

    data: Path
    env: dict[str, str]
    database_url: str | None = None

    def run(self, *args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "tropebase.cli", *args],
            env=self.env, capture_output=True, text=True, timeout=timeout, **kwargs,
        )  # fmt: skip

    def start(self, *args: str, log: Path) -> subprocess.Popen:
        with open(log, "wb") as out:
            return subprocess.Popen(
                [sys.executable, "-m", "tropebase.cli", *args],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def query(self, sql: str) -> list[tuple]:
        """Read the database directly (no Django), as another process would."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                return conn.execute(sql).fetchall()
        conn = sqlite3.connect(self.data / "tropebase.sqlite3", timeout=30)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def scalar(self, sql: str) -> int:
        return self.query(sql)[0][0]


def _admin_url(url: str) -> str:
    return urlsplit(url)._replace(path="/postgres").geturl()


@contextmanager
def site(base: Path):
    """A fresh site under `base`: its own data folder, and its own PostgreSQL database when the suite runs
    on PostgreSQL (dropped afterwards)."""
    data = base / "data"
    env = {**os.environ, "TROPEBASE_DATA": str(data), "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p
    )}  # fmt: skip
    env.pop("DATABASE_URL", None)
    if not on_postgres():
        yield Site(data, env)
        return
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = f"tb_fault_{os.getpid()}_{next(_names)}"
    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    own = urlsplit(url)._replace(path=f"/{name}").geturl()
    env["DATABASE_URL"] = own
    try:
        yield Site(data, env, own)
    finally:
        with psycopg.connect(_admin_url(url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- processes -------------------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (gunicorn's workers), read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def kill_tree(proc: subprocess.Popen) -> int:
    """kill -9 a process and its children at once (workers first, so the master cannot replace them).
    Returns how many processes were killed."""
    pids = [*children(proc.pid), proc.pid]
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    proc.wait(10)
    return len(pids)


def wait_until(check, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


# -- the edit storm --------------------------------------------------------------------------------------


class Browser:
    """A signed-in editor over plain HTTP/1.1: cookies and the CSRF token, nothing else."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            body = None
            if form is not None:
                body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.read().decode()
        finally:
            conn.close()

    def log_in(self, username: str) -> None:
        self.request("GET", "/_/login")
        status, _ = self.request("POST", "/_/login", {"username": username, "password": PASSWORD})
        assert status == 302, f"log in as {username}: HTTP {status}"


def storm_page(name: str) -> str:
    """The page every storm client edits: one line per client, so their edits merge."""
    lines = ["A trope about umbrellas that are never there when it rains.", "", "!!Examples"]
    lines += [f"* ''Film/Umbrella{c}'': placeholder line {c}." for c in range(8)]
    return f"%% {name}\n" + "\n".join(lines) + "\n"


def _edited(text: str, client: int, n: int) -> str:
    """Change this client's line: a different work, link and number of spoilers each time."""
    spoilers = " ".join("[[spoiler:it rains]]" for _ in range(n % 3))
    line = f"* ''Film/Umbrella{client}V{n % 4}'': edit {n} by client {client}. {spoilers}".rstrip()
    return re.sub(rf"(?m)^\* ''Film/Umbrella{client}(V\d)?'':.*$", line, text, count=1)


@dataclass
class Storm:
    """Signed-in clients posting the edit form of a few pages, until stopped or out of edits."""

    port: int
    pages: list[str]
    clients: int = 4
    edits_per_client: int = 60
    seconds: float = 20
    saved: int = 0  # edits answered with a redirect: saved (a merge included)
    other: dict[int, int] = field(default_factory=dict)  # other answers by status: 409 conflicts, …
    errors: int = 0  # connections refused or cut: the server was killed
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def run_client(self, client: int, username: str) -> None:
        browser = Browser(self.port)
        try:
            browser.log_in(username)
        except (OSError, http.client.HTTPException):
            with self._lock:
                self.errors += 1
            return
        deadline = time.monotonic() + self.seconds
        for n in range(self.edits_per_client):
            if self._stop.is_set() or time.monotonic() > deadline:
                return
            path = f"/{self.pages[(client + n) % len(self.pages)]}/edit"
            try:
                status, html = browser.request("GET", path)
                base = re.search(r'name="base" value="(\d+)"', html)
                text = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S)
                if status != 200 or not base or not text:
                    raise http.client.HTTPException(f"edit form: HTTP {status}")
                current = _unescape(text.group(1)).lstrip("\n")
                status, _ = browser.request(
                    "POST",
                    path,
                    {"text": _edited(current, client, n), "base": base.group(1), "summary": "storm"},
                )
            except (OSError, http.client.HTTPException):
                with self._lock:
                    self.errors += 1
                return
            with self._lock:
                if status == 302:
                    self.saved += 1
                else:
                    self.other[status] = self.other.get(status, 0) + 1

    def start(self, usernames: list[str]) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self.run_client, args=(c, usernames[c % len(usernames)]), daemon=True)
            for c in range(self.clients)
        ]
        for thread in threads:
            thread.start()
        return threads

    def stop(self, threads: list[threading.Thread]) -> None:
        self._stop.set()
        for thread in threads:
            thread.join(30)


def _unescape(html: str) -> str:
    import html as html_module

    return html_module.unescape(html)


def create_users(s: Site, names: list[str]) -> None:
    for name in names:
        done = s.run("createuser", name, "--password", PASSWORD)
        assert done.returncode == 0, done.stderr


def serve(s: Site, port: int, log: Path, workers: int = 2) -> subprocess.Popen:
    proc = s.start("serve", "--port", str(port), "--workers", str(workers), log=log)

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"tropebase serve exited: {log.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/")
            return conn.getresponse().status == 200
        except OSError:
            return False

    if not wait_until(up, 60, 0.1):
        kill_tree(proc)
        raise AssertionError(f"tropebase serve did not answer on port {port}")
    return proc


# -- the import slice ------------------------------------------------------------------------------------


def film_slice(path: Path, count: int, skip: int = 0) -> Path:
    """`count` films of the shared trope lists, as a trope-list file of their own."""
    with bz2.open(FILMS, "rt", encoding="utf-8") as f:
        films = json.load(f)
    path.write_text(json.dumps(dict(itertools.islice(films.items(), skip, skip + count))))
    return path
