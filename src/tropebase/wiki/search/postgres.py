"""Search on PostgreSQL: the columns and GIN indexes of migration 0004 on `wiki_searchentry`.

Word terms are prefix lexemes of the weighted `words` tsvector (title A, other names B, text D) and are
ranked by ts_rank; 1–2 character CJK terms are lexemes of `gram_set`; substrings are ILIKE on title,
names and text, which the pg_trgm index answers.
"""

from __future__ import annotations

from django.db import connection

from .text import GRAM, SUBSTRING, WORD, Term, like_pattern

HAYSTACK = "(e.title || ' ' || e.names || ' ' || e.body)"


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def find(
    terms: list[Term], show_adult: bool, limit: int, offset: int, skip: list[int]
) -> tuple[list[int], int]:
    """Page ids matching every term, best first, from `offset`; and how many match in all."""
    if not terms:
        return [], 0
    words = [t for t in terms if t.kind == WORD]
    where: list[str] = []
    params: list = []
    tier_parts: list[str] = []
    tier_params: list = []
    score = "0"
    if words:
        tsquery = " & ".join(f"{_lexeme(t.text)}:*" for t in words)
        where.append("e.words @@ to_tsquery('simple', %s)")
        params.append(tsquery)
        tier_parts.append("ts_filter(e.words, '{a,b}') @@ to_tsquery('simple', %s)")
        tier_params.append(tsquery)
        score = "ts_rank(e.words, to_tsquery('simple', %s))"
    for t in terms:
        if t.kind == GRAM:
            where.append("e.gram_set @@ %s::tsquery")
            params.append(_lexeme(t.text))
        elif t.kind == SUBSTRING:
            where.append(f"{HAYSTACK} ILIKE %s")
            params.append(like_pattern(t.text))
        if t.kind != WORD:
            tier_parts.append("strpos(lower(e.title || ' ' || e.names), %s) > 0")
            tier_params.append(t.text)
    if not show_adult:
        where.append("p.content_rating != 'adult'")
    if skip:
        where.append(f"e.page_id NOT IN ({', '.join(['%s'] * len(skip))})")
        params.extend(skip)
    tier = f"CASE WHEN {' AND '.join(tier_parts)} THEN 1 ELSE 2 END"
    score_params = [tier_params[0]] if words else []
    base = f" FROM wiki_searchentry e JOIN wiki_page p ON p.id = e.page_id WHERE {' AND '.join(where)}"
    sql = (
        f"SELECT e.page_id, {tier} AS tier, {score} AS score, count(*) OVER ()"
        f"{base} ORDER BY tier, score DESC, p.title, p.id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*tier_params, *score_params, *params, limit, offset])
        rows = cursor.fetchall()
        if rows or offset == 0:
            return [r[0] for r in rows], (rows[0][3] if rows else 0)
        cursor.execute(f"SELECT count(*){base}", params)
        return [], cursor.fetchone()[0]
