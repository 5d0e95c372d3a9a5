"""Small helpers the benches (and the tests that run them) share: a free loopback port, waiting for a
server to listen, and which database a bench runs on. Standard library only, so any bench or test can
import it (`sys.path` holds `bench/` when a bench runs as `python bench/NAME.py`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    """A loopback port nothing listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(
    port: int, proc: subprocess.Popen, timeout: float = 60, name: str = "tropebase serve"
) -> None:
    """Return once `proc` accepts connections on `port`; raise if it exits or `timeout` seconds pass.
    `proc` must have been started with `stderr=subprocess.PIPE`, so that its last words can be shown."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on port {port} in {timeout} s")


def use_database(postgres: str | None) -> str:
    """Point this process (and the children it starts) at `postgres`, or at SQLite when it is None;
    returns the database's name for the report."""
    if postgres:
        os.environ["DATABASE_URL"] = postgres
        return "PostgreSQL"
    os.environ.pop("DATABASE_URL", None)
    return "SQLite"


STEP = """
import resource, sys, time
from tropebase.cli import main
t0 = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"@@ {time.perf_counter() - t0:.2f} {peak:.0f}", file=sys.stderr)
"""


def step(env: dict, *args: str) -> tuple[float, float]:
    """Run `tropebase ARGS` in its own process: (seconds, peak RSS in MB) of that process alone."""
    done = subprocess.run([sys.executable, "-c", STEP, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"tropebase {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    seconds, peak = next(line for line in done.stderr.splitlines() if line.startswith("@@")).split()[1:]
    return float(seconds), float(peak)


def site_env(folder: Path, postgres: str | None, name: str, prefix: str = "tb_dumpbench") -> dict:
    """A fresh site for a bench: its own data folder, and with `postgres` its own database (made again)."""
    env = {**os.environ, "TROPEBASE_DATA": str(folder / name)}
    env.pop("DATABASE_URL", None)
    if postgres:
        import psycopg

        base, _, _ = postgres.rpartition("/")
        db = f"{prefix}_{name}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {db}")
            c.execute(f"CREATE DATABASE {db}")
        env["DATABASE_URL"] = f"{base}/{db}"
    return env
