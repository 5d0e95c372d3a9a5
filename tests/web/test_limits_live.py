"""The login limit under concurrent attempts, against a real server: gunicorn with several worker
processes and threads on a database of its own (SQLite file, or a scratch PostgreSQL database when
DATABASE_URL is set). Many wrong passwords arrive at once at each login door; the server's auth
backend notes every password check it makes, and no more than the limit may have happened."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import dj_database_url
import pytest

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from benchkit import free_port, wait_for_port

LIMIT = 5
BURST = 30
PASSWORD = "a long enough password"


def _free_port() -> int:
    if os.environ.get("TROPEBASE_TEST_PORT"):
        return int(os.environ["TROPEBASE_TEST_PORT"])
    return free_port()


@pytest.fixture(scope="module")
def scratch_database():
    """The DATABASE_URL the server uses: none (SQLite in its data folder), or a fresh PostgreSQL one."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_live_limits"
    admin = dict(host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
                 password=config["PASSWORD"] or None, dbname="postgres", autocommit=True)  # fmt: skip
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(tmp_path_factory, scratch_database):
    """gunicorn serving the wiki with the counting backend; yields (port, the password-check log)."""
    tmp_path = tmp_path_factory.mktemp("live")
    log = tmp_path / "auth.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        TROPEBASE_DATA=str(tmp_path / "data"),
        TROPEBASE_LOGIN_ATTEMPTS=str(LIMIT),
        TROPEBASE_TEST_AUTH_LOG=str(log),
        DJANGO_SETTINGS_MODULE="tests.web.live_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")]),
        TROPEBASE_ALLOWED_HOSTS="127.0.0.1",
    )
    if scratch_database:
        env["DATABASE_URL"] = scratch_database
    # migrates the new database; every attempt is checked (and logged) whether its user exists or not
    subprocess.run([sys.executable, "-m", "tropebase.cli", "createuser", "victim", "--password", PASSWORD],
                   env=env, check=True, capture_output=True)  # fmt: skip
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tropebase.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "10", "--worker-class", "gthread"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for_port(port, proc, timeout=30, name="gunicorn")
        yield port, log
    finally:
        proc.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        proc.wait(timeout=30)


def _csrf(port: int, path: str, source: str) -> tuple[str, str]:
    """A CSRF cookie and the form token that goes with it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    return cookie, token


def _burst(port: int, path: str, username: str, source: str) -> Counter:
    """BURST wrong-password posts released together from the loopback address `source`; their
    status codes."""
    cookie, token = _csrf(port, path, source)
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": "wrong guess"})
    headers = {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"}
    start = threading.Barrier(BURST)

    def post(_) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120, source_address=(source, 0))
        conn.connect()
        start.wait(timeout=60)
        conn.request("POST", path, body=body, headers=headers)
        status = conn.getresponse().status
        conn.close()
        return status

    with ThreadPoolExecutor(BURST) as pool:
        return Counter(pool.map(post, range(BURST)))


@pytest.mark.parametrize(
    "path, username, source",
    [("/_/login", "victim", "127.0.0.2"), ("/admin/login/", "boss", "127.0.0.3")],
    ids=["wiki", "admin"],
)
def test_concurrent_guesses_get_no_more_password_checks_than_the_limit(server, path, username, source):
    port, log = server
    statuses = _burst(port, path, username, source)
    checks = [line for line in Path(log).read_text().splitlines() if line == path]
    assert len(checks) == LIMIT
    assert statuses[429] == BURST - LIMIT
