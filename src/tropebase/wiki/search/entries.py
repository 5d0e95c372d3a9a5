"""Keeping the search entries: one per page that is not a redirect, written in the write layer's
transaction (so search and the page never disagree) and read by the database's full-text indexes.

A page's entry holds its title, its other names (its own WikiWord name, the aliases its description
gives and the redirect pages pointing at it), and its visible text without spoiler passages — search
neither finds nor shows what a reader has not asked to see.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...markup import parse
from ...markup.names import title_from_name, to_wikiword
from ...markup.walk import to_text
from ..models import Alias, Page, Revision, SearchEntry
from .text import grams


def named_by(page: Page) -> set[int]:
    """The pages this page is another name of (the target of a redirect page): their names change when
    it is saved, so the caller asks before the save and passes them to `index`."""
    return set(Alias.objects.filter(key=page.key, source="redirect").values_list("page_id", flat=True))


def _names(page: Page) -> str:
    names = [page.name, title_from_name(page.name)]
    for name in page.aliases.values_list("name", flat=True):
        names += [name, title_from_name(to_wikiword(name) or name)]
    return " ".join(dict.fromkeys(n for n in names if n and n != page.title))


def index(page: Page, doc=None, also: Iterable[int] = ()) -> None:
    """Bring the page's entry up to date from its current text (`doc`, the parsed text, when the caller
    has it), and the other names of the pages in `also` and of the page it now redirects to."""
    if page.redirect_to or page.current_id is None:
        SearchEntry.objects.filter(page=page).delete()
    else:
        if doc is None:
            doc = parse(Revision.objects.values_list("text", flat=True).get(id=page.current_id))
        body = to_text(doc, spoilers=False)
        names = _names(page)
        SearchEntry.objects.update_or_create(
            page=page,
            defaults={"title": page.title, "word": to_wikiword(page.title).lower()[:300], "names": names,
                      "body": body, "grams": grams(" ".join((page.title, names, body)))},
        )  # fmt: skip
    refresh_names(set(also) | named_by(page))


def refresh_names(page_ids: Iterable[int]) -> None:
    """Other names changed (a redirect page made, changed or removed): rewrite them in these entries."""
    for entry in SearchEntry.objects.filter(page_id__in=list(page_ids)).select_related("page"):
        names = _names(entry.page)
        if names != entry.names:
            entry.names = names
            entry.grams = grams(" ".join((entry.title, names, entry.body)))
            entry.save(update_fields=["names", "grams"])


def index_missing(batch: int = 500) -> int:
    """Entries for pages that have none (saved before search existed): the step `prepare_database` runs
    at every start; a single query once done. Returns how many were written."""
    done = 0
    missing = Page.objects.filter(search_entry__isnull=True, redirect_to="").exclude(current=None)
    for page in missing.iterator(chunk_size=batch):
        index(page)
        done += 1
    return done
