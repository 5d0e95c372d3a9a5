"""Appearances: one row per (work, trope), summing up every example that states it, on any page.

A trope page and a work page may both say that a work plays a trope; they are two statements of one
appearance. The write layer calls `refresh(pairs)` after a save for the pairs whose statements may have
changed; everything else (search, queries, avoid lists, exports) reads appearances.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from . import models
from .models import Appearance, Page
from .resolve import chunked

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


def refresh(pairs: set[Pair]) -> None:
    """Bring the appearances of these (work_key, trope_key) pairs up to date with their examples."""
    by_work: dict[str, set[str]] = defaultdict(set)
    for work, trope in pairs:
        if work and trope:
            by_work[work].add(trope)
    for works in chunked(by_work):
        tropes = {t for w in works for t in by_work[w]}
        wanted = {(w, t) for w in works for t in by_work[w]}
        for trope_chunk in chunked(tropes):
            _refresh_some(works, trope_chunk, wanted)


def _refresh_some(works: list[str], tropes: list[str], wanted: set[Pair]) -> None:
    statements: dict[Pair, list[dict]] = defaultdict(list)
    rows = models.Example.objects.filter(work_key__in=works, trope_key__in=tropes).order_by("id")
    fields = ("work_key", "trope_key", "work_title", "trope", "play", "uncertain", "medium", "spoilers")
    for row in rows.values(*fields, "page__content_rating", "page__kind"):
        pair = (row["work_key"], row["trope_key"])
        if pair in wanted:
            statements[pair].append(row)
    existing = {
        (a.work_key, a.trope_key): a
        for a in Appearance.objects.filter(work_key__in=works, trope_key__in=tropes)
        if (a.work_key, a.trope_key) in wanted
    }
    gone = [a.id for pair, a in existing.items() if pair not in statements]
    if gone:
        Appearance.objects.filter(id__in=gone).delete()
    changed, new = [], []
    for pair, said in statements.items():
        values = _summarise(said)
        appearance = existing.get(pair)
        if appearance is None:
            new.append(Appearance(work_key=pair[0], trope_key=pair[1], **values))
        elif any(getattr(appearance, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(appearance, k, v)
            changed.append(appearance)
    Appearance.objects.bulk_create(new, batch_size=500)
    if changed:
        Appearance.objects.bulk_update(changed, SUMMARY_FIELDS, batch_size=200)


SUMMARY_FIELDS = ["work_title", "trope", "play", "plays", "medium", "spoiler", "adult_only", "statements"]


def _summarise(said: list[dict]) -> dict:
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
