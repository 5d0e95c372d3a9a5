"""What a request asked the database, and how the database would answer it: every statement captured
(`connection.execute_wrapper`), each SELECT explained (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN (FORMAT
JSON)` on PostgreSQL), and the ways a read may go wrong named — a full scan of a big table, a write to
a wiki table.

The rule for a full scan, per database:

* SQLite — a `SCAN` of a watched table (bare, or through an index with no constraint) is a full scan,
  unless the statement is ordered, ends in `LIMIT n`, and the scan gives the order asked for (no temp
  B-tree for ORDER BY): a walk that stops after n rows, like "the 12 newest revisions". The caller
  gives SQLite the statistics of a full-size catalog (see `test_query_plans._analyse`).
* PostgreSQL — the same for a `Seq Scan`, or an index scan with no index condition outside a Limit.
  On a catalog of a few thousand rows PostgreSQL rightly reads a small table whole (a sequential scan,
  one side of a hash join, every row sorted for an OFFSET) rather than look rows up or walk an index,
  so such a statement is planned again with those plans priced out (`SMALL_TABLE_PLANS`, for that one
  EXPLAIN, a set at a time), as they are when the tables are large and a few rows of each are wanted:
  if a plan then reaches every watched table through an index condition (or an ordered walk that LIMIT
  stops), an index serves the statement; if every plan still reads one whole, no index can, and that
  fails.

Aggregates are judged apart: a COUNT or GROUP BY over examples, links or appearances counts rows a
listing could precompute — the read layer must not.
"""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection

#: tables a read must never scan whole
WATCHED = ("wiki_page", "wiki_example", "wiki_link", "wiki_revision", "wiki_appearance")
#: tables whose rows a read must never count (their numbers are kept by `wiki.counts`)
NOT_COUNTED = ("wiki_example", "wiki_link", "wiki_appearance")
#: tables a GET may write: the shared cache, the login/API limits, sessions
WRITABLE = ("tropebase_cache", "tropebase_pages", "tropebase_limits", "django_session")

#: PostgreSQL plans that read a small table whole — a sequential scan, a hash or merge join that reads
#: all of one side; then also a sort of every row rather than a walk in index order that LIMIT stops —
#: priced out, one set after the other, when a statement is planned again as for a full-size catalog
SMALL_TABLE_PLANS = (("enable_seqscan", "enable_hashjoin", "enable_mergejoin"), ("enable_sort",))

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
_ALIAS = re.compile(r'"(\w+)"\s+(?:AS\s+)?"?([A-Z]\d+)"?(?=[\s,)])')
_LIMIT_AT_END = re.compile(r"\bLIMIT\s+\d+(?:\s+OFFSET\s+\d+)?\s*$", re.I)


@dataclass(slots=True)
class Statement:
    sql: str
    params: tuple
    url: str
    origin: str = ""  # the innermost tropebase module that ran it (`wiki/similar.py`)


@dataclass
class Captured:
    """Every statement run while capturing, with the URL being requested at the time."""

    url: str = ""
    statements: list[Statement] = field(default_factory=list)

    def selects(self) -> list[Statement]:
        return [s for s in self.statements if s.sql.lstrip().upper().startswith(("SELECT", "WITH"))]

    def writes(self) -> list[tuple[str, Statement]]:
        """(table, statement) for each INSERT, UPDATE or DELETE outside the tables a GET may write."""
        found = []
        for s in self.statements:
            match = _WRITE.match(s.sql)
            if match and match.group(1) not in WRITABLE:
                found.append((match.group(1), s))
        return found


@contextmanager
def capture() -> Iterator[Captured]:
    """Record every statement the default connection runs inside the block."""
    captured = Captured()

    def wrapper(execute, sql, params, many, context):
        captured.statements.append(Statement(sql, tuple(params or ()), captured.url, _origin()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield captured


def _origin() -> str:
    for frame in reversed(traceback.extract_stack()):
        if "/tropebase/" in frame.filename:
            return frame.filename.rsplit("/tropebase/", 1)[1]
    return ""


@dataclass(slots=True)
class Finding:
    statement: Statement
    problem: str
    plan: str

    def __str__(self) -> str:
        where = f"{self.statement.url} ({self.statement.origin})"
        return f"{where}: {self.problem}\n  {self.statement.sql}\n  plan: {self.plan}"


def problems(statement: Statement) -> list[Finding]:
    """What is wrong with how the database would run this SELECT (nothing, usually)."""
    found = [Finding(statement, f"counts rows of {t}", "") for t in _counted(statement.sql)]
    if connection.vendor == "sqlite":
        return found + _sqlite_problems(statement)
    return found + _postgres_problems(statement)


def _counted(sql: str) -> list[str]:
    upper = sql.upper()
    if "COUNT(" not in upper and "GROUP BY" not in upper:
        return []
    return [t for t in NOT_COUNTED if f'"{t}"' in sql]


def _tables_by_alias(sql: str) -> dict[str, str]:
    names = {t: t for t in re.findall(r'"(wiki_\w+)"', sql)}
    names.update({alias: table for table, alias in _ALIAS.findall(sql) if table.startswith("wiki_")})
    return names


def _explain(sql: str, params: tuple, prefix: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return cursor.fetchall()


def _sqlite_problems(statement: Statement) -> list[Finding]:
    rows = _explain(statement.sql, statement.params, "EXPLAIN QUERY PLAN ")
    details = [row[3] for row in rows]
    plan = " | ".join(details)
    tables = _tables_by_alias(statement.sql)
    sorted_apart = any(d.startswith("USE TEMP B-TREE FOR ORDER BY") for d in details)
    limited = bool(_LIMIT_AT_END.search(statement.sql.strip()))
    ordered = " ORDER BY " in statement.sql.upper()
    found = []
    for detail in details:
        match = re.match(r"SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?", detail)
        if not match or tables.get(match.group(1)) not in WATCHED:
            continue
        if limited and ordered and not sorted_apart:
            continue  # a walk in the order asked for (the table's or an index's), stopped by LIMIT
        found.append(Finding(statement, f"full scan of {tables[match.group(1)]}", plan))
    return found


def _postgres_problems(statement: Statement) -> list[Finding]:
    plan = _pg_plan(statement)
    scans = _pg_full_scans(plan)
    priced_out: list[str] = []
    try:
        for settings in SMALL_TABLE_PLANS:
            if not scans:
                break
            with connection.cursor() as cursor:
                for setting in settings:
                    cursor.execute(f"SET {setting} = off")
            priced_out += settings
            plan = _pg_plan(statement)
            scans = _pg_full_scans(plan)
    finally:
        with connection.cursor() as cursor:
            for setting in priced_out:
                cursor.execute(f"RESET {setting}")
    shown = json.dumps(plan)[:2000]
    return [Finding(statement, f"full scan of {table} ({kind})", shown) for kind, table in scans]


def _pg_plan(statement: Statement) -> dict:
    rows = _explain(statement.sql, statement.params, "EXPLAIN (FORMAT JSON) ")
    value = rows[0][0]
    return (json.loads(value) if isinstance(value, str) else value)[0]["Plan"]


def _pg_full_scans(node: dict, limited: bool = False) -> list[tuple[str, str]]:
    """(node type, table) of each scan of a watched table that reads it whole."""
    found = []
    kind, table = node.get("Node Type", ""), node.get("Relation Name", "")
    unbounded = kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node and not limited
    if table in WATCHED and (kind == "Seq Scan" or unbounded):
        found.append((kind, table))
    if kind == "Limit":
        limited = True
    elif kind in ("Sort", "Aggregate", "Hash", "Materialize", "SetOp", "WindowAgg"):
        limited = False
    for child in node.get("Plans", []):
        found += _pg_full_scans(child, limited)
    return found
