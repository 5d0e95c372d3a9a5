""" "Works like this" and "tropes that go with this": the read side of `catalog.similarity`, over
`Appearance`.

Only plays that mean presence count (`PRESENT_PLAYS`: a work that averts a trope is not like one that
plays it), and only what the reader may see (adult-only appearances and adult pages for readers who
opted in). A work page shows the works most like it and the tropes those works play that it does not
(both from one pass: `for_work`); a trope page the tropes played most often with it (`tropes_with`).
The results depend on every work's tropes, so they are computed when a page is rendered and kept with
the page in the shared page cache (dropped when the page itself changes, and after `pagecache.TIMEOUT`
at most); the avoid list is applied afterwards, for readers who have one.

Work per page: the work's tropes, the other works playing them (tropes played by more than
`catalog.similarity.COMMON` of all works left out), and the tropes of its NEIGHBOURS nearest works; how
many works play each trope and how many tropes each work plays are remembered (`counts`), not counted
per page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, QuerySet

from ..catalog.querylang import PRESENT_PLAYS
from ..catalog.similarity import lift, neighbours, suggest_tropes
from ..markup.names import split_target, title_from_name
from .models import Appearance, Page
from .resolve import chunked
from .visibility import Reader, may_read

#: how long the counts (works, works per trope, tropes per work) are remembered: they only scale the
#: weights, and a count below what the postings show is raised to it (`catalog.similarity.neighbours`)
COUNT_TIMEOUT = 600


@dataclass(slots=True)
class Related:
    """A work like this one, or a trope that goes with this one (or with this work)."""

    key: str
    title: str
    url: str
    score: float
    shared: int  # tropes in common (works), works in common (tropes), works like this playing it
    avoided: list[str] = field(default_factory=list)


def _present(reader: Reader) -> QuerySet:
    rows = Appearance.objects.filter(play__in=sorted(PRESENT_PLAYS))
    return rows if reader.show_adult else rows.filter(adult_only=False)


@dataclass(slots=True)
class Counts:
    """How many works play each trope and how many tropes each work plays (presence plays, what one kind
    of reader may see)."""

    per_trope: dict[str, int]
    per_work: dict[str, int]


def counts(reader: Reader) -> Counts:
    """The counts for this kind of reader (the number of works is how many play a trope): two grouped scans of the appearances, remembered for
    COUNT_TIMEOUT in the shared cache (a few hundred kilobytes at the films corpus's size) rather than
    asked per page — a work page would otherwise count the works of thousands of tropes."""
    slot = f"tropebase:similar:counts:{int(reader.show_adult)}"
    found = cache.get(slot)
    if found is None:
        present = _present(reader)
        found = (_grouped(present, "trope_key"), _grouped(present, "work_key"))
        cache.set(slot, found, COUNT_TIMEOUT)  # plain dictionaries: any version of this module reads them
    return Counts(*found)


def _grouped(rows: QuerySet, field_name: str) -> dict[str, int]:
    return dict(rows.values(field_name).annotate(c=Count("id")).values_list(field_name, "c"))


class AppearanceSource:
    """`catalog.similarity.Source` over the appearances this reader may see."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.present = _present(reader)
        self._counts = counts(reader)

    def works(self) -> int:
        return len(self._counts.per_work)

    def counts(self, tropes: Iterable[str]) -> dict[str, int]:
        every = self._counts.per_trope
        return {t: every[t] for t in tropes if t in every}

    def postings(self, tropes: Iterable[str], skip: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for chunk in chunked(tropes):
            rows = self.present.filter(trope_key__in=chunk).exclude(work_key=skip)
            for work, trope in rows.values_list("work_key", "trope_key"):
                out[trope].append(work)
        return out

    def sizes(self, works: Iterable[str]) -> dict[str, int]:
        every = self._counts.per_work
        return {w: every[w] for w in works if w in every}

    def tropes_of(self, works: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for chunk in chunked(works):
            for work, trope in self.present.filter(work_key__in=chunk).values_list("work_key", "trope_key"):
                out[work].append(trope)
        return out


def for_work(work_key: str, reader: Reader, k: int = 10) -> tuple[list[Related], list[Related]]:
    """The `k` works most like this one (sharing the most rarity-weighted tropes), and the `k` tropes
    those works play that this one does not, best first."""
    source = AppearanceSource(reader)
    found = neighbours(work_key, source)
    works = [(w, s, found.shared[w]) for w, s in found.ranked[:k]]
    tropes = suggest_tropes(found, source, k)
    return _shown(reader, works, "work_key", "work_title"), _shown(reader, tropes, "trope_key", "trope")


def works_like(work_key: str, reader: Reader, k: int = 10) -> list[Related]:
    """The `k` works most like this one, best first."""
    return for_work(work_key, reader, k)[0]


def tropes_for(work_key: str, reader: Reader, k: int = 10) -> list[Related]:
    """The `k` tropes that works like this one play and it does not, best first."""
    return for_work(work_key, reader, k)[1]


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
    every = counts(reader)
    df = {t: max(every.per_trope.get(t, 0), c) for t, c in co.items()}  # remembered counts may lag
    found = lift(co, df, df_a, max(len(every.per_work), df_a), min_co=min_co, k=k)
    return _shown(reader, found, "trope_key", "trope")


def _shown(
    reader: Reader, ranked: list[tuple[str, float, int]], field_name: str, named: str
) -> list[Related]:
    """Titles and addresses of the pages found; a page the reader may not see is left out. A key with no
    page is titled from one of its appearances (`named`: the work's title, or the trope's name as
    written), else from the key."""
    keys = [key for key, _, _ in ranked]
    pages = {p.key: p for p in Page.objects.filter(key__in=keys)}
    out = []
    for key, score, count in ranked:
        page = pages.get(key)
        if page is not None and not may_read(reader, page):
            continue
        ns, name = split_target(key)
        url = page.url if page else f"/{ns[:1].upper()}{ns[1:]}/{name}"
        title = page.title if page else _written(reader, key, field_name, named)
        out.append(Related(key, title, url, score, count))
    return out


def _written(reader: Reader, key: str, field_name: str, named: str) -> str:
    """The title one appearance gives a key that has no page (one row, through the key's index)."""
    rows = _present(reader).filter(**{field_name: key}).exclude(**{named: ""})
    written = next(iter(rows.values_list(named, flat=True)[:1]), "")
    if written and named == "work_title":
        return written
    return title_from_name(split_target(written or key)[1])
