"""Search on SQLite: the FTS5 tables of migration 0004 over `wiki_searchentry`.

`search_words` (unicode61, prefix indexes) finds word terms and, in its `grams` column, 1–2 character CJK
terms; `search_trigram` finds substrings of 3+ characters. The table that finds the first kind of term
present drives the query and ranks it by bm25 (title weighs most, then other names, then text); terms of
the other table are an `IN` condition.
"""

from __future__ import annotations

from django.db import connection

from .text import GRAM, SUBSTRING, WORD, Term


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _words_match(terms: list[Term], columns: str = "") -> str:
    """An FTS5 expression for the word and gram terms (all required); `columns` limits the words to
    those columns (`{title names}`)."""
    parts = []
    for t in terms:
        if t.kind == WORD:
            parts.append(f"{columns} : ({_phrase(t.text)}*)" if columns else f"{_phrase(t.text)}*")
        elif t.kind == GRAM:
            parts.append(f"grams : {_phrase(t.text)}")
    return " AND ".join(parts)


def _trigram_match(terms: list[Term]) -> str:
    return " AND ".join(_phrase(t.text) for t in terms if t.kind == SUBSTRING)


def find(
    terms: list[Term], show_adult: bool, limit: int, offset: int, skip: list[int]
) -> tuple[list[int], int]:
    """Page ids matching every term, best first, from `offset`; and how many match in all."""
    words = [t for t in terms if t.kind in (WORD, GRAM)]
    substrings = [t for t in terms if t.kind == SUBSTRING]
    if not words and not substrings:
        return [], 0
    params: list = []
    if words:
        driver, score = "search_words", "bm25(search_words, 20.0, 10.0, 1.0, 0.0)"
        match = _words_match(words)
    else:
        driver, score = "search_trigram", "bm25(search_trigram, 20.0, 10.0, 1.0)"
        match = _trigram_match(substrings)
    # the title tier: every term found in the title or another name
    in_title: list[str] = []
    title_params: list = []
    title_words = [t for t in words if t.kind == WORD]
    if title_words:
        in_title.append("e.id IN (SELECT rowid FROM search_words WHERE search_words MATCH %s)")
        title_params.append(_words_match(title_words, "{title names}"))
    for t in [t for t in terms if t.kind != WORD]:
        in_title.append("instr(lower(e.title || ' ' || e.names), %s) > 0")
        title_params.append(t.text)
    tier = f"CASE WHEN {' AND '.join(in_title)} THEN 1 ELSE 2 END"
    where = [f"{driver} MATCH %s"]
    params = [*title_params, match]
    if words and substrings:
        where.append("e.id IN (SELECT rowid FROM search_trigram WHERE search_trigram MATCH %s)")
        params.append(_trigram_match(substrings))
    if not show_adult:
        where.append("p.content_rating != 'adult'")
    if skip:
        where.append(f"e.page_id NOT IN ({', '.join(['%s'] * len(skip))})")
        params.extend(skip)
    # bm25() may not share a SELECT with a window function: the ranking is a subquery
    sql = (
        f"SELECT page_id, tier, score, count(*) OVER () FROM (SELECT e.page_id, {tier} AS tier,"
        f" {score} AS score, p.title FROM {driver} JOIN wiki_searchentry e ON e.id = {driver}.rowid"
        f" JOIN wiki_page p ON p.id = e.page_id WHERE {' AND '.join(where)})"
        " ORDER BY tier, score, title, page_id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
        if rows or offset == 0:
            return [r[0] for r in rows], (rows[0][3] if rows else 0)
        count = f"SELECT count(*) FROM {driver} JOIN wiki_searchentry e ON e.id = {driver}.rowid"
        count += f" JOIN wiki_page p ON p.id = e.page_id WHERE {' AND '.join(where)}"
        cursor.execute(count, params[len(title_params) :])
        return [], cursor.fetchone()[0]
