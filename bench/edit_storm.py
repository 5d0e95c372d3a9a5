"""Edit storm: many signed-in editors saving one page at once through the edit form, against
`tropebase serve`. Every submitted edit must end in history or in a conflict answer that gives the
editor's text back; anything else is lost.

Run: python bench/edit_storm.py [--clients 20] [--edits 10] [--workers 2] [--create 12]
On SQLite by default; with DATABASE_URL=postgres://…/any it serves a fresh database of its own on that
server (created and dropped). Loopback only; every loop is bounded in count and time.

Prints saved / merged / conflicts / lost and 5xx for the storm (half the clients append a line, half
change a line of their own), then the same for `--create` clients creating one new page at once.
The test suite runs a short version of both on each database (tests/web/test_edit_storm.py).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from benchkit import free_port, wait_for_port  # noqa: E402

REQUEST_TIMEOUT = 60  # seconds a single request may take before it counts as lost


@dataclass
class Served:
    host: str
    port: int
    env: dict

    def python(self, code: str) -> str:
        """Run `code` with Django set up against this wiki's database; returns what it printed."""
        script = "from tropebase.wiki.setup import setup_django\nsetup_django()\n" + code
        done = subprocess.run([sys.executable, "-c", script], env=self.env, capture_output=True, text=True,
                              timeout=120)  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"wiki script failed: {done.stderr[-2000:]}")
        return done.stdout


@contextmanager
def served_wiki(workers: int = 2, database_url: str | None = None):
    """`tropebase serve` on a free loopback port with its own data folder, and on PostgreSQL its own
    database (created here, dropped afterwards)."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="tropebase-storm-") as data:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(TROPEBASE_DATA=data, PYTHONPATH=str(ROOT / "src"))
        dbname = None
        if database_url:
            dbname = f"tb_storm_{port}"
            _admin_sql(database_url, f'DROP DATABASE IF EXISTS "{dbname}"', f'CREATE DATABASE "{dbname}"')
            env["DATABASE_URL"] = database_url.rsplit("/", 1)[0] + "/" + dbname
        proc = subprocess.Popen(
            [sys.executable, "-m", "tropebase.cli", "serve", "--port", str(port), "--workers", str(workers)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        try:
            wait_for_port(port, proc)
            yield Served("127.0.0.1", port, env)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            if proc.stderr:
                proc.stderr.close()
            if dbname:
                _admin_sql(database_url, f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def _admin_sql(database_url: str, *statements: str) -> None:
    import psycopg

    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def make_editors(served: Served, count: int) -> list[str]:
    """`count` accounts, each signed in: their session cookies (no login form, so no login limit)."""
    out = served.python(f"""
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
for i in range({count}):
    user, _ = User.objects.get_or_create(username=f"storm{{i}}")
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    print(store.session_key)
""")
    return out.split()


def revisions(served: Served, target: str) -> list[dict]:
    """Every revision of a page: number, summary and text."""
    out = served.python(f"""
import json
from tropebase.wiki.models import Revision
rows = Revision.objects.filter(page__key={target.lower()!r}).order_by("number")
print(json.dumps([{{"number": r.number, "summary": r.summary, "text": r.text}} for r in rows]))
""")
    return json.loads(out)


class Editor:
    """One signed-in browser: its cookies and the edit form's fields."""

    def __init__(self, served: Served, session: str) -> None:
        self.served, self.cookies = served, {"sessionid": session}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict, str]:
        conn = HTTPConnection(self.served.host, self.served.port, timeout=REQUEST_TIMEOUT)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.served.host}:{self.served.port}{path}"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.headers), text
        finally:
            conn.close()

    def open_form(self, target: str) -> tuple[str, int, str]:
        """(text, base, csrf token) of the edit form."""
        status, _, page = self.request("GET", f"/{target}/edit")
        if status != 200:
            raise RuntimeError(f"edit form of {target}: HTTP {status}")
        text = html.unescape(re.search(r'<textarea name="text"[^>]*>(.*?)</textarea>', page, re.S).group(1))
        base = int(re.search(r'name="base" value="(\d+)"', page).group(1))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return text, base, token

    def save(self, target: str, text: str, base: int, token: str, summary: str) -> tuple[int, str]:
        status, _, body = self.request("POST", f"/{target}/edit", {
            "csrfmiddlewaretoken": token, "text": text, "base": base, "summary": summary, "save": "1",
        })  # fmt: skip
        return status, body


@dataclass
class Tally:
    submitted: int = 0
    outcomes: Counter = field(default_factory=Counter)  # status code → count
    conflicts: int = 0  # 409: the editor's text was given back
    lost: list[str] = field(default_factory=list)
    saved_tokens: list[str] = field(default_factory=list)  # 302: must be in history afterwards
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, token: str, status: int, body: str) -> None:
        with self.lock:
            self.submitted += 1
            self.outcomes[status] += 1
            if status == 302:
                self.saved_tokens.append(token)
            elif status == 409 and token in html.unescape(body):
                self.conflicts += 1
            else:
                self.lost.append(f"{token}: HTTP {status}")

    def lose(self, token: str, exc: Exception) -> None:
        with self.lock:
            self.submitted += 1
            self.lost.append(f"{token}: {exc!r}")

    def attempt(self, token: str, edit: Callable[[], tuple[int, str]]) -> None:
        """Run one edit (`edit` answers status and body) and count how it ended."""
        try:
            status, body = edit()
        except Exception as exc:  # a dropped connection or a timeout: the edit is lost
            self.lose(token, exc)
            return
        self.record(token, status, body)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.outcomes.items() if status >= 500)


def storm(served: Served, target: str, clients: int, edits: int, deadline_s: float = 300) -> Tally:
    """`clients` editors each make `edits` edits to `target`: even ones append a line, odd ones change
    a line of their own. Bounded in count, and in time by `deadline_s`."""
    sessions = make_editors(served, clients)
    seed = "\n".join(
        ["A page many editors change at once.", *(f"Line of editor {i}: v0" for i in range(clients))]
    )
    first = Editor(served, sessions[0])
    _, base, token = first.open_form(target)
    first.save(target, seed, base, token, "storm seed")
    tally, start = Tally(), threading.Barrier(clients)
    stop_at = time.time() + deadline_s

    def run(i: int) -> None:
        editor = Editor(served, sessions[i])
        start.wait()
        for k in range(1, edits + 1):
            if time.time() > stop_at:
                return
            token = f"editor{i}edit{k}"

            def edit(token: str = token) -> tuple[int, str]:
                text, base, csrf = editor.open_form(target)
                if i % 2 == 0:
                    text = text.rstrip("\n") + f"\nAppended by {token}"
                else:
                    text = re.sub(
                        rf"^Line of editor {i}: .*$", f"Line of editor {i}: {token}", text, flags=re.M
                    )
                return editor.save(target, text, base, csrf, f"storm {token}")

            tally.attempt(token, edit)

    _run_threads(run, clients)
    check_history(served, target, tally)
    return tally


def create_race(served: Served, target: str, clients: int) -> Tally:
    """`clients` editors open the edit form of the same missing page and all save at once."""
    sessions = make_editors(served, clients)
    editors = [Editor(served, s) for s in sessions]
    forms = [e.open_form(target) for e in editors]
    tally, start = Tally(), threading.Barrier(clients)

    def run(i: int) -> None:
        _, base, csrf = forms[i]
        token = f"creator{i}"
        start.wait()
        tally.attempt(
            token,
            lambda: editors[i].save(target, f"A new page, first written by {token}.", base, csrf, token),
        )

    _run_threads(run, clients)
    check_history(served, target, tally)
    return tally


def _run_threads(run, count: int) -> None:
    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=REQUEST_TIMEOUT * 20)


def check_history(served: Served, target: str, tally: Tally) -> None:
    """An edit answered with a redirect counts as saved only if its text is in the page's history."""
    history = "\n".join(r["text"] for r in revisions(served, target))
    for token in tally.saved_tokens:
        if token not in history:
            tally.lost.append(f"{token}: answered 302 but not in history")


def merged_count(served: Served, target: str) -> int:
    return sum("merged with revision" in r["summary"] for r in revisions(served, target))


def report(name: str, tally: Tally, merged: int) -> str:
    saved = len(tally.saved_tokens)
    return (
        f"{name}: {tally.submitted} submitted — saved {saved} (of which merged {merged}), "
        f"conflicts {tally.conflicts}, lost {len(tally.lost)}, 5xx {tally.server_errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--create", type=int, default=12, help="clients creating one new page at once")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL")
    print(f"database: {'PostgreSQL' if database else 'SQLite'}; gunicorn workers: {args.workers}")
    with served_wiki(args.workers, database) as served:
        t0 = time.perf_counter()
        tally = storm(served, "Main/StormPage", args.clients, args.edits)
        elapsed = time.perf_counter() - t0
        print(report(f"storm ({args.clients} clients x {args.edits} edits, {elapsed:.1f} s)", tally,
                     merged_count(served, "Main/StormPage")))  # fmt: skip
        race = create_race(served, "Main/RacedNewPage", args.create)
        print(report(f"create race ({args.create} clients)", race, merged_count(served, "Main/RacedNewPage")))
        for line in (tally.lost + race.lost)[:20]:
            print("  lost:", line)
    if tally.lost or race.lost or tally.server_errors or race.server_errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
