"""Saying "the disk is full" in one line instead of a traceback, and stopping rather than going on.

A save that cannot be written is rolled back whole by its transaction (SQLite and PostgreSQL both), so
the page keeps its previous revision and facts; all the user needs is to know why and where.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

#: PostgreSQL's SQLSTATE for "disk_full"
PG_DISK_FULL = "53100"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _database_file() -> str:
    from django.db import connection

    return str(connection.settings_dict["NAME"])


def _data_dir() -> str:
    from django.conf import settings

    return str(settings.DATA_DIR)


def storage_failure(exc: BaseException) -> str | None:
    """A one-line explanation when `exc` is the database failing to write for lack of space; else None."""
    for e in _chain(exc):
        if isinstance(e, sqlite3.OperationalError):
            name = getattr(e, "sqlite_errorname", "")
            if name == "SQLITE_FULL" or str(e) == "database or disk is full":
                return (
                    f"the disk holding the data folder {_data_dir()} is full: could not write "
                    f"{_database_file()}; nothing was half-written — free some space and run it again"
                )
            if name.startswith("SQLITE_IOERR") and name != "SQLITE_IOERR_NOMEM":
                # also what a file size limit (ulimit -f, a quota) gives: SQLite reports EFBIG as I/O
                return (
                    f"could not write {_database_file()} in the data folder {_data_dir()} ({e}: the disk "
                    f"is full, over a size limit, or failing); nothing was half-written"
                )
        if getattr(e, "sqlstate", None) == PG_DISK_FULL:
            return (
                "the PostgreSQL server's disk is full (the database is not in the data folder: free space "
                f"on the server); nothing was half-written — {str(e).splitlines()[0]}"
            )
        # a file tropebase writes itself
        if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EFBIG):
            return f"the disk is full: could not write {e.filename or _data_dir()} ({e.strerror})"
    return None
