"""Writing many rows at the database's own speed: `executemany` on SQLite, `COPY` on PostgreSQL.

The ORM's `bulk_create` builds a model object and prepares every field of every row; a bulk import
writes millions of example rows, so the write layer's batched path (`wiki.bulk`) hands plain tuples to
the driver instead. Callers give values the way the column stores them: text, numbers, booleans, None,
JSON already dumped to text, aware datetimes. Ids are reserved up front (`reserve_ids`), so rows that
point at each other (an example's parent, a footnote's example) are written in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, models

#: SQLite's page cache while a bulk import runs (KiB): the indexes of a big table take random inserts,
#: and with the default 2 MB most of them read a page back from disk
IMPORT_CACHE_KIB = 256 * 1024


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh ids for rows of `model`, inside the caller's transaction. On SQLite the transaction
    already holds the database's write lock (the caller has written), so the largest id cannot move;
    on PostgreSQL the ids come from the table's sequence."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # ids of deleted rows are never given again (API links and RDF subjects name examples by id)
        cursor.execute(
            f'SELECT MAX(COALESCE((SELECT MAX(id) FROM "{table}"), 0), '
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert `rows` (tuples in the order of `columns`, database column names) into `model`'s table.
    Returns how many were written."""
    table = model._meta.db_table
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        rows = list(rows)
        adapt = connection.ops.adapt_datetimefield_value
        fields = {f.column: f for f in model._meta.fields}
        times = [i for i, c in enumerate(columns) if isinstance(fields[c], models.DateTimeField)]
        if times:  # SQLite stores times as text, the way Django writes them
            rows = [tuple(adapt(v) if i in times else v for i, v in enumerate(row)) for row in rows]
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        return len(rows)


#: values per IN (…) list of the reads below (SQLite allows 32,766 bound values a statement)
IN_CHUNK = 5000


def in_clause(column: str, chunk: list) -> tuple[str, list]:
    """`column IN (…)` for a chunk of values: one array on PostgreSQL (parsed and planned as one value),
    a list of bound values on SQLite."""
    quoted = connection.ops.quote_name(column)
    if connection.vendor == "postgresql":
        return f"{quoted} = ANY(%s)", [chunk]
    return f"{quoted} IN ({', '.join(['%s'] * len(chunk))})", chunk


def rows_in(model: type[models.Model], columns: Sequence[str], column: str, values: Iterable) -> list[tuple]:
    """`columns` of the rows of `model` whose `column` is one of `values`: a raw read, as the ORM spends
    more time preparing a long IN list than the database spends answering it."""
    values = list(dict.fromkeys(values))
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    out: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), IN_CHUNK):
            where, params = in_clause(column, values[start : start + IN_CHUNK])
            cursor.execute(f"SELECT {names} FROM {quote(model._meta.db_table)} WHERE {where}", params)
            out += cursor.fetchall()
    return out


def objects_in(model: type[models.Model], column: str, values: Iterable, order_by: str = "") -> list:
    """The model objects whose `column` is one of `values` (as `rows_in`, for whole objects)."""
    values = list(dict.fromkeys(values))
    quote = connection.ops.quote_name
    order = f" ORDER BY {quote(order_by)}" if order_by else ""
    out: list = []
    for start in range(0, len(values), IN_CHUNK):
        where, params = in_clause(column, values[start : start + IN_CHUNK])
        out += model.objects.raw(f"SELECT * FROM {quote(model._meta.db_table)} WHERE {where}{order}", params)
    return out


def refresh_statistics(tables: Sequence[str]) -> None:
    """Let PostgreSQL's planner see how big these tables have grown (a bulk import doubles them faster
    than autovacuum looks): with stale counts it joins a batch's names against a whole table."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(t) for t in tables)}")
