"""Appearances: one row per (work, trope), summing up every example that states it, on any page.

A trope page and a work page may both say that a work plays a trope; they are two statements of one
appearance. The write layer calls `refresh(pairs)` after a save for the pairs whose statements may have
changed; everything else (search, queries, avoid lists, exports) reads appearances.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from django.db import connection

from . import models
from .models import Appearance, Page
from .tablewrite import insert_rows

Pair = tuple[str, str]

#: statements that name a play type beat "straight", which is also what an unmarked example says
_UNMARKED = "straight"


def summary_play(plays: list[str], uncertain: list[bool]) -> tuple[str, list[str]]:
    """How an appearance is played, from its statements: the play type the certain statements name most
    (a marked type over "straight", which unmarked examples say by default); "uncertain" when every
    statement is hedged. Also every type stated, most stated first."""
    counts = Counter(p for p, hedged in zip(plays, uncertain, strict=True) if not hedged)
    every = [p for p, _ in Counter(plays).most_common()]
    if not counts:
        return "uncertain", every
    marked = [(n, p) for p, n in counts.items() if p != _UNMARKED]
    if marked:
        return max(marked, key=lambda np: (np[0], -every.index(np[1])))[1], every
    return _UNMARKED, every


#: pairs per statement: two bound values each, well inside every database's limit
PAIRS = 2000


def refresh(
    pairs: set[Pair], fresh: Mapping[Pair, list[dict]] | None = None, fresh_pages: Iterable[int] = ()
) -> None:
    """Bring the appearances of these (work_key, trope_key) pairs up to date with their examples.

    A batch of new pages (`wiki.bulk`) passes the statements its examples make (`statement`) as `fresh`,
    and its page ids as `fresh_pages`: their rows are not read back."""
    wanted = sorted(p for p in pairs if p[0] and p[1])
    for start in range(0, len(wanted), PAIRS):
        _refresh_some(wanted[start : start + PAIRS], fresh or {}, list(fresh_pages))


def _refresh_some(chunk: list[Pair], fresh: Mapping[Pair, list[dict]], fresh_pages: list[int]) -> None:
    statements: dict[Pair, list[dict]] = defaultdict(list)
    for row in _stated(chunk, fresh_pages):
        statements[(row["work_key"], row["trope_key"])].append(row)
    for pair in chunk:
        if pair in fresh:  # newer than every stored row: after them, as the order by id has it
            statements[pair].extend(fresh[pair])
    existing = _existing(chunk)
    gone = [a.id for pair, a in existing.items() if pair not in statements]
    if gone:
        Appearance.objects.filter(id__in=gone).delete()
    changed, new = [], []
    for pair, said in statements.items():
        values = _summarise(said)
        appearance = existing.get(pair)
        if appearance is None:
            new.append((*pair, *(values[k] for k in SUMMARY_FIELDS)))
        elif any(getattr(appearance, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(appearance, k, v)
            changed.append(appearance)
    # plain tuples at the driver's speed: a bulk import writes an appearance for nearly every example
    insert_rows(Appearance, ["work_key", "trope_key", *SUMMARY_FIELDS],
                ((*row[:5], json.dumps(row[5]), *row[6:]) for row in new))  # fmt: skip
    if changed:
        Appearance.objects.bulk_update(changed, SUMMARY_FIELDS, batch_size=200)


def _pairs_table(chunk: list[Pair]) -> tuple[str, list]:
    """A `WITH` clause naming the pairs as a table, and its values: joined on an index, one probe a pair
    (a row-value IN list is scanned whole by SQLite; PostgreSQL takes two arrays)."""
    if connection.vendor == "postgresql":
        return ("WITH wanted (work_key, trope_key) AS (SELECT * FROM unnest(%s::text[], %s::text[]))",
                [[w for w, _ in chunk], [t for _, t in chunk]])  # fmt: skip
    rows = ", ".join(["(%s, %s)"] * len(chunk))
    return f"WITH wanted (work_key, trope_key) AS (VALUES {rows})", [v for pair in chunk for v in pair]


def _stated(chunk: list[Pair], fresh_pages: list[int]) -> list[dict]:
    """The stored examples stating these pairs, oldest first, but those on `fresh_pages`."""
    with_pairs, params = _pairs_table(chunk)
    skip = f"AND e.page_id NOT IN ({', '.join(['%s'] * len(fresh_pages))})" if fresh_pages else ""
    # (a batch's own pages: at most a few hundred values)
    sql = (f"{with_pairs} SELECT e.work_key, e.trope_key, e.work_title, e.trope, e.play, e.uncertain, e.medium, "
           "e.spoilers, p.content_rating, p.kind FROM wanted w JOIN wiki_example e ON e.work_key = w.work_key "
           f"AND e.trope_key = w.trope_key JOIN wiki_page p ON p.id = e.page_id WHERE 1 = 1 {skip} ORDER BY e.id")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params + fresh_pages)
        rows = cursor.fetchall()
    return [
        dict(zip(STATEMENT_FIELDS, (*row[:7], json.loads(row[7]) if isinstance(row[7], str) else row[7], *row[8:]),
                 strict=True))
        for row in rows
    ]  # fmt: skip


def _existing(chunk: list[Pair]) -> dict[Pair, Appearance]:
    """The stored appearances of these pairs."""
    with_pairs, params = _pairs_table(chunk)
    found = Appearance.objects.raw(
        f"{with_pairs} SELECT a.* FROM wanted w JOIN wiki_appearance a ON a.work_key = w.work_key "
        "AND a.trope_key = w.trope_key",
        params,
    )
    return {(a.work_key, a.trope_key): a for a in found}


#: what `_summarise` reads of each example stating an appearance
STATEMENT_FIELDS = ("work_key", "trope_key", "work_title", "trope", "play", "uncertain", "medium", "spoilers",
                    "page__content_rating", "page__kind")  # fmt: skip


def statement(example: models.Example, page: Page) -> dict:
    """What `_summarise` reads of an example not yet read back from the database."""
    return {"work_key": example.work_key, "trope_key": example.trope_key, "work_title": example.work_title,
            "trope": example.trope, "play": example.play, "uncertain": example.uncertain,
            "medium": example.medium, "spoilers": example.spoilers, "page__content_rating": page.content_rating,
            "page__kind": page.kind}  # fmt: skip


SUMMARY_FIELDS = ["work_title", "trope", "play", "plays", "medium", "spoiler", "adult_only", "statements"]


def _summarise(said: list[dict]) -> dict:
    if len(said) == 1:  # most appearances: one statement says it all
        s = said[0]
        return {"work_title": s["work_title"], "trope": s["trope"],
                "play": "uncertain" if s["uncertain"] else s["play"], "plays": [s["play"]],
                "medium": s["medium"], "spoiler": bool(s["spoilers"]),
                "adult_only": s["page__content_rating"] == Page.ADULT, "statements": 1}  # fmt: skip
    play, plays = summary_play([s["play"] for s in said], [s["uncertain"] for s in said])
    # the work page's own statement names the work and its medium best — but a row that readers who
    # did not opt in see (not adult_only) takes its names from pages they may read: an adult page's
    # own title and spellings never show through a public statement of the same pair
    adult = [s["page__content_rating"] == Page.ADULT for s in said]
    public = [s for s, a in zip(said, adult, strict=True) if not a] or said
    ordered = sorted(public, key=lambda s: s["page__kind"] != "work")
    media = Counter(s["medium"] for s in sorted(said, key=lambda s: s["page__kind"] != "work") if s["medium"])
    return {
        "work_title": next((s["work_title"] for s in ordered if s["work_title"]), ""),
        "trope": next((s["trope"] for s in public if s["trope"]), ""),
        "play": play,
        "plays": plays,
        "medium": media.most_common(1)[0][0] if media else "",
        "spoiler": all(s["spoilers"] for s in said),
        "adult_only": all(adult),
        "statements": len(said),
    }


def pairs_on(page: Page) -> set[Pair]:
    """The pairs a page's examples state (their appearances change when its rating does)."""
    rows = models.Example.objects.filter(page=page).exclude(work_key="").exclude(trope_key="")
    return set(rows.values_list("work_key", "trope_key"))
