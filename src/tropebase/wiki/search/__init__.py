"""Search over titles, other names, descriptions, quotes and examples: one interface, a backend per database.

Reading: `search(reader, query)` ranks exact titles and other names first (`exact_pages`), then pages
whose title or other names hold every term, then pages whose text does; each hit has a highlighted
snippet. Adult pages are found only for readers who opted in: the rating is read from the page at query
time, so a rating change counts at once. Writing: the write layer calls `index` after a save (see
`wiki.search.entries`); pages saved before search existed get their entries at start (`index_missing`).
What the terms of a query mean is in `wiki.search.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from markupsafe import Markup

from ...markup.names import to_wikiword
from ..models import Page, SearchEntry
from ..resolve import resolve
from ..visibility import Reader, may_read
from . import postgres, sqlite
from .entries import index, index_missing, named_by
from .text import WORD, snippet, substring_term, terms_of

__all__ = ["Hit", "Results", "exact_pages", "index", "index_missing", "named_by", "search"]

PER_PAGE = 20


@dataclass(slots=True)
class Hit:
    page: Page
    snippet: Markup
    exact: bool = False


@dataclass(slots=True)
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    substring: bool = False  # no word matched, so the query was looked for as a substring

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def exact_pages(reader: Reader, query: str) -> list[Page]:
    """Pages the query names exactly — a title, or any name the resolver knows (an alias, a redirect,
    `Film/Puddles`) — that the reader may see, titles first."""
    query = " ".join(query.split())
    if not query:
        return []
    word = to_wikiword(query).lower()
    found = {}
    if word:
        titled = Page.objects.filter(search_entry__word=word, redirect_to="").exclude(current=None)
        found = {p.id: p for p in titled.order_by("namespace", "id")}
    target = query if "/" in query else f"Main/{word or query}"
    named = resolve(target)
    if named is not None and named.redirect_to:
        named = resolve(named.redirect_to)
    if named is not None and named.current_id is not None:
        found.setdefault(named.id, named)
    return [p for p in found.values() if may_read(reader, p)]


def search(
    reader: Reader, query: str, page: int = 1, per_page: int = PER_PAGE, *, start: int | None = None
) -> Results:
    """The pages matching every term of `query` the reader may see, ranked, one page of `per_page`;
    `start`, when given, is the rank to begin at instead of the page's first (the API's cursors)."""
    page = max(1, page)
    results = Results(query=query, page=page, per_page=per_page)
    terms = terms_of(query)
    if not terms:
        return results
    exact = exact_pages(reader, query)
    skip = [p.id for p in exact]
    start = (page - 1) * per_page if start is None else max(0, start)
    shown_exact = exact[start : start + per_page]
    offset = max(0, start - len(exact))
    limit = per_page - len(shown_exact)
    find = _backend().find
    ids, total = find(terms, reader.show_adult, limit, offset, skip)
    if total == 0 and not exact and all(t.kind == WORD for t in terms):
        whole = substring_term(query)
        if whole is not None:
            ids, total = find([whole], reader.show_adult, limit, offset, skip)
            results.substring = total > 0
            terms = [whole]
    results.total = len(exact) + total
    pages = Page.objects.in_bulk(ids)
    bodies = dict(
        SearchEntry.objects.filter(page_id__in=[*ids, *(p.id for p in shown_exact)]).values_list(
            "page_id", "body"
        )
    )
    results.hits = [Hit(p, snippet(bodies.get(p.id, ""), terms), exact=True) for p in shown_exact]
    results.hits += [Hit(pages[i], snippet(bodies.get(i, ""), terms)) for i in ids if i in pages]
    return results
