""" "Works like this" and "tropes that go with this": the read side of `catalog.similarity`, over
`Appearance`.

Only plays that mean presence count (`PRESENT_PLAYS`: a work that averts a trope is not like one that
plays it), and only what the reader may see (adult-only appearances and adult pages for readers who
opted in). The result depends on every work's tropes, so it is computed when a page is rendered and
kept with the page in the shared page cache (dropped when the page itself changes, and after
`pagecache.TIMEOUT` at most); the avoid list is applied afterwards, for readers who have one.

Bounded work per page: tropes played by more than COMMON of all works are left out when gathering
neighbours (they say little, and their postings are the longest), and only the SHORTLIST best raw
scores are normalised.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, QuerySet

from ..catalog.querylang import PRESENT_PLAYS
from ..catalog.similarity import lift, rank_neighbours, raw_scores, shortlist
from ..markup.names import split_target, title_from_name
from .models import Appearance, Page
from .resolve import chunked
from .visibility import Reader, may_read

#: tropes played by more than this share of all works are not used to find neighbours
COMMON = 0.2
#: raw scores normalised per page
SHORTLIST = 1000
#: how long the number of works is remembered (it only scales the weights)
COUNT_TIMEOUT = 600


@dataclass(slots=True)
class Related:
    """A work like this one, or a trope that goes with this one."""

    key: str
    title: str
    url: str
    score: float
    shared: int  # tropes in common (works), or works in common (tropes)
    avoided: list[str] = field(default_factory=list)


def _present(reader: Reader) -> QuerySet:
    rows = Appearance.objects.filter(play__in=sorted(PRESENT_PLAYS))
    return rows if reader.show_adult else rows.filter(adult_only=False)


def work_count(reader: Reader) -> int:
    """Works with at least one trope played (what "rarity" is measured against), remembered briefly."""
    slot = f"tropebase:similar:works:{int(reader.show_adult)}"
    found = cache.get(slot)
    if found is None:
        found = _present(reader).values("work_key").distinct().count()
        cache.set(slot, found, COUNT_TIMEOUT)
    return found


def _counts(rows: QuerySet, field_name: str, keys: Iterable[str]) -> dict[str, int]:
    """How many rows each key has in `field_name` (chunked: a work may have thousands of tropes)."""
    out: dict[str, int] = {}
    for chunk in chunked(keys):
        grouped = rows.filter(**{f"{field_name}__in": chunk}).values(field_name).annotate(c=Count("id"))
        out.update(grouped.values_list(field_name, "c"))
    return out


def works_like(work_key: str, reader: Reader, k: int = 10) -> list[Related]:
    """The `k` works sharing the most (rarity-weighted) tropes with this one, best first."""
    present = _present(reader)
    own = set(present.filter(work_key=work_key).values_list("trope_key", flat=True))
    n = work_count(reader)
    if not own or n < 2:
        return []
    df = _counts(present, "trope_key", own)
    used = [t for t in own if df.get(t, 0) <= max(3, COMMON * n)]
    postings: dict[str, list[str]] = defaultdict(list)
    for chunk in chunked(used):
        rows = present.filter(trope_key__in=chunk).exclude(work_key=work_key)
        for work, trope in rows.values_list("work_key", "trope_key"):
            postings[trope].append(work)
    scores, shared = raw_scores(used, postings, df, n)
    top = shortlist(scores, SHORTLIST)
    sizes = _counts(present, "work_key", top)
    ranked = rank_neighbours({w: scores[w] for w in top}, sizes, len(own), k=k)
    titles = dict(
        present.filter(work_key__in=[w for w, _ in ranked]).values_list("work_key", "work_title").distinct()
    )
    return _shown(reader, [(w, s, shared[w]) for w, s in ranked], titles)


def tropes_with(trope_key: str, reader: Reader, k: int = 10, min_co: int = 3) -> list[Related]:
    """The tropes most often played together with this one, by lift (how much likelier a work playing
    this one plays the other than any work does), among those sharing at least `min_co` works."""
    present = _present(reader)
    works = present.filter(trope_key=trope_key).values("work_key")
    df_a = works.count()
    if df_a < min_co:
        return []
    co_rows = (
        present.filter(work_key__in=works)
        .exclude(trope_key=trope_key)
        .values("trope_key")
        .annotate(c=Count("id"))
        .filter(c__gte=min_co)
    )
    co = dict(co_rows.values_list("trope_key", "c"))
    df = _counts(present, "trope_key", co)
    found = lift(co, df, df_a, max(work_count(reader), df_a), min_co=min_co, k=k)
    written = present.filter(trope_key__in=[t for t, _, _ in found]).values_list("trope_key", "trope")
    titles = {key: title_from_name(split_target(name)[1]) for key, name in written if name}
    return _shown(reader, [(t, score, c) for t, score, c in found], titles)


def _shown(reader: Reader, ranked: list[tuple[str, float, int]], titles: dict[str, str]) -> list[Related]:
    """Titles and addresses of the pages found; a page the reader may not see is left out."""
    keys = [key for key, _, _ in ranked]
    pages = {p.key: p for p in Page.objects.filter(key__in=keys)}
    out = []
    for key, score, count in ranked:
        page = pages.get(key)
        if page is not None and not may_read(reader, page):
            continue
        ns, name = split_target(key)
        url = page.url if page else f"/{ns[:1].upper()}{ns[1:]}/{name}"
        title = page.title if page else (titles.get(key) or title_from_name(name))
        out.append(Related(key, title, url, score, count))
    return out
