"""What a reader may see: the one rule every view, listing and cache key uses.

Adult pages — their text, their title, the examples they state and their history — are shown only to
readers who opted in. Cached pages are kept per kind of reader (`Reader.cache_variant`), so a copy made
for one kind is never served to another.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Page


@dataclass(frozen=True, slots=True)
class Reader:
    show_adult: bool = False
    moderator: bool = False
    avoid: tuple[str, ...] = ()  # names of tropes to avoid (see wiki.avoid)
    avoid_hide: bool = False  # hide works playing them, rather than mark them

    @property
    def cache_variant(self) -> bool:
        """Which cached copy of a page this reader may be served."""
        return self.show_adult


def may_read(reader: Reader, page: Page) -> bool:
    """The reader may see this page's text, title and history."""
    return reader.show_adult or not page.is_adult


def visible_pages(reader: Reader) -> QuerySet:
    """Pages a reader may see listed."""
    pages = Page.objects.exclude(current=None)
    return pages if reader.show_adult else pages.exclude(content_rating=Page.ADULT)


def visible_by_page(reader: Reader, rows: QuerySet) -> QuerySet:
    """Rows of a model with a `page` (examples, revisions, links) that the reader may see."""
    return rows if reader.show_adult else rows.exclude(page__content_rating=Page.ADULT)
