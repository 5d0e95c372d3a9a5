"""Watchlists: the pages a user follows, and the changes made to them since.

Watching writes no page and no facts, so it lives beside the write layer rather than in it: a watch
is the user's own bookmark, not part of the wiki's text.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Page, Revision, Watch
from .visibility import Reader, visible_by_page


def watch(user, page: Page) -> None:
    Watch.objects.get_or_create(user=user, page=page)


def unwatch(user, page: Page) -> None:
    Watch.objects.filter(user=user, page=page).delete()


def is_watching(user, page: Page) -> bool:
    return bool(user.is_authenticated) and Watch.objects.filter(user=user, page=page).exists()


def watched_pages(reader: Reader, user) -> QuerySet:
    """The pages a user watches that the reader (the user) may see, by title."""
    pages = Page.objects.filter(watchers__user=user).exclude(current=None)
    if not reader.show_adult:
        pages = pages.exclude(content_rating=Page.ADULT)
    return pages.order_by("title")


def watched_changes(reader: Reader, user) -> QuerySet:
    """Revisions of watched pages, newest first (hidden ones left out)."""
    revisions = Revision.objects.select_related("page", "author").filter(
        page__watchers__user=user, hidden=False
    )
    return visible_by_page(reader, revisions).order_by("-created", "-id")
