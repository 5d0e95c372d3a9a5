"""Django's database cache with an atomic `incr`, for counters that several processes bump at once.

Django's `DatabaseCache.incr` is a `get` then a `set` (and the `set` restarts the entry's timeout), so
concurrent attempts all read the same count and each write count + 1: an attempt limit checked on it
lets through as many attempts as arrive together. Here the increment locks the row first (a no-op
UPDATE: a row lock on PostgreSQL, the database write lock on SQLite), then reads and writes it in the
same transaction, and keeps the entry's expiry.
"""

from __future__ import annotations

import base64
import pickle

from django.core.cache.backends import db
from django.db import connections, router, transaction
from django.utils.timezone import now


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta: int = 1, version=None) -> int:
        cache_key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        quote = connection.ops.quote_name
        table, key_col, value_col, expires_col = (
            quote(n) for n in (self._table, "cache_key", "value", "expires")
        )
        current = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0, tzinfo=None))
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {expires_col} = {expires_col} WHERE {key_col} = %s", [cache_key]
            )
            cursor.execute(
                f"SELECT {value_col} FROM {table} WHERE {key_col} = %s AND {expires_col} > %s",
                [cache_key, current],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {value_col} = %s WHERE {key_col} = %s", [encoded, cache_key])
        return value
