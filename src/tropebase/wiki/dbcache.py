"""Django's database cache, made to hold a whole site's pages: one statement per read or write, a size
bound kept by a rare check instead of on every write, and an atomic `incr` for counters.

Django's `DatabaseCache` counts the table on every `set`, culls a third of it by key order when it is
past MAX_ENTRIES (300 by default), then reads the row and updates or inserts it in a transaction: five
statements a write, and a large cache spends its time culling. Here:

* `set` is one UPSERT (`INSERT … ON CONFLICT (cache_key) DO UPDATE`, SQLite ≥ 3.24 and PostgreSQL),
  `add` the same with `WHERE` the old entry has expired, `touch` one UPDATE, `get` one SELECT that
  leaves expired rows alone (the next write overwrites them, the next check deletes them);
* every CHECK_EVERY writes (OPTIONS; default MAX_ENTRIES / 100, counted per process from a random
  start so short-lived processes check too) the table loses its expired rows and, when still past
  MAX_ENTRIES, the entries closest to expiry: the table stays under MAX_ENTRIES plus the writes made
  since each process's last check;
* `incr` locks the row first (a no-op UPDATE: a row lock on PostgreSQL, the database write lock on
  SQLite), then reads and writes it in one transaction and keeps the entry's expiry — Django's is a
  `get` then a `set`, so concurrent attempts would all count one.

The table is Django's own (`createcachetable` makes it), values pickled and base64-encoded as Django
stores them, so a table written by either backend reads in the other.
"""

from __future__ import annotations

import base64
import hashlib
import pickle
import random
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends import db
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now

#: the cache_key column is a varchar(255): longer keys are shortened with a digest of the whole
KEY_MAX = 250


class DatabaseCache(db.DatabaseCache):
    def __init__(self, table: str, params: dict) -> None:
        super().__init__(table, params)
        options = params.get("OPTIONS", {})
        self._check_every = max(1, int(options.get("CHECK_EVERY", self._max_entries // 100)))
        self._until_check = random.randint(1, self._check_every)

    # -- keys and values ---------------------------------------------------------------------------

    def make_key(self, key, version=None) -> str:
        made = super().make_key(key, version)
        if len(made) <= KEY_MAX:
            return made
        return f"{made[:200]}#{hashlib.sha256(made.encode()).hexdigest()[:40]}"

    def _encode(self, value) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    @staticmethod
    def _decode(connection, stored):
        return pickle.loads(base64.b64decode(connection.ops.process_clob(stored).encode()))

    def _sql(self, connection) -> tuple[str, str, str, str]:
        quote = connection.ops.quote_name
        return tuple(quote(n) for n in (self._table, "cache_key", "value", "expires"))

    @staticmethod
    def _now(connection):
        return connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))

    def _expires(self, connection, timeout):
        """The expiry column's value for a Django timeout (as `DatabaseCache._base_set` stores it)."""
        when = self.get_backend_timeout(timeout)
        if when is None:
            exp = datetime.max
        else:
            exp = datetime.fromtimestamp(when, tz=UTC if settings.USE_TZ else None)
        return connection.ops.adapt_datetimefield_value(exp.replace(microsecond=0))

    # -- one statement each -----------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        connection = connections[router.db_for_read(self.cache_model_class)]
        table, key_col, value_col, expires_col = self._sql(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_col} FROM {table} WHERE {key_col} = %s AND {expires_col} > %s",
                [key, self._now(connection)],
            )
            row = cursor.fetchone()
        return default if row is None else self._decode(connection, row[0])

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self._upsert(self.make_and_validate_key(key, version=version), value, timeout, only_expired=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._upsert(key, value, timeout, only_expired=True)

    def _upsert(self, key: str, value, timeout, only_expired: bool) -> bool:
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        table, key_col, value_col, expires_col = self._sql(connection)
        sql = (
            f"INSERT INTO {table} ({key_col}, {value_col}, {expires_col}) VALUES (%s, %s, %s) "
            f"ON CONFLICT ({key_col}) DO UPDATE SET {value_col} = EXCLUDED.{value_col}, "
            f"{expires_col} = EXCLUDED.{expires_col}"
        )
        params = [key, self._encode(value), self._expires(connection, timeout)]
        if only_expired:
            sql += f" WHERE {table}.{expires_col} < %s"
            params.append(self._now(connection))
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                written = cursor.rowcount > 0
        except DatabaseError:
            if connection.in_atomic_block:
                raise  # the caller's transaction is spoilt on PostgreSQL: it must know
            return False  # a cache write that fails (SQLite busy past its timeout) costs a miss, not a 500
        if written:
            self._count_write(alias)
        return written

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        connection = connections[router.db_for_write(self.cache_model_class)]
        table, key_col, _, expires_col = self._sql(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {expires_col} = %s WHERE {key_col} = %s AND {expires_col} > %s",
                [self._expires(connection, timeout), key, self._now(connection)],
            )
            return cursor.rowcount > 0

    # -- the size bound -----------------------------------------------------------------------------

    def _count_write(self, alias: str) -> None:
        self._until_check -= 1
        if self._until_check <= 0:
            self._until_check = self._check_every
            self.check_size(alias)

    def check_size(self, alias: str | None = None) -> int:
        """Delete expired entries, then the ones closest to expiry past MAX_ENTRIES; how many are left.
        Every page gets the same timeout, so "closest to expiry" is "written longest ago"."""
        alias = alias or router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        table, key_col, _, expires_col = self._sql(connection)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {expires_col} < %s", [self._now(connection)])
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            count = cursor.fetchone()[0]
            excess = count - self._max_entries
            if excess > 0:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {key_col} IN "
                    f"(SELECT {key_col} FROM {table} ORDER BY {expires_col} LIMIT %s)",
                    [excess],
                )
                count -= cursor.rowcount
        return count

    # -- counters -----------------------------------------------------------------------------------

    def incr(self, key, delta: int = 1, version=None) -> int:
        key_made = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        table, key_col, value_col, expires_col = self._sql(connection)
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {expires_col} = {expires_col} WHERE {key_col} = %s", [key_made]
            )
            cursor.execute(
                f"SELECT {value_col} FROM {table} WHERE {key_col} = %s AND {expires_col} > %s",
                [key_made, self._now(connection)],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = self._decode(connection, row[0]) + delta
            cursor.execute(
                f"UPDATE {table} SET {value_col} = %s WHERE {key_col} = %s", [self._encode(value), key_made]
            )
        return value
