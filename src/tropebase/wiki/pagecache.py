"""Whole reader pages kept in the shared cache (the database table, or Redis on a cluster).

A page's HTML depends on its own text and on the examples other pages state about it, so a save drops
the cached copies of the page itself and of every trope and work its old and new examples mention.
The cache is shared by all app servers, so a drop is seen everywhere at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache

TIMEOUT = 3600  # a safety net: titles shown in other pages' listings may change without a drop


def cache_key(page_key: str, show_adult: bool) -> str:
    return f"tropebase:page:{int(show_adult)}:{page_key}"


def get(page_key: str, show_adult: bool) -> str | None:
    return cache.get(cache_key(page_key, show_adult))


def put(page_key: str, show_adult: bool, html: str, timeout: int = TIMEOUT) -> None:
    cache.set(cache_key(page_key, show_adult), html, timeout)


#: the front page lists recent changes from every page: it is kept briefly instead of being dropped
HOME, HOME_TIMEOUT = "_home", 15


#: cache keys per delete: a page naming 130,000 tropes must not exceed a statement's variables
DROP_BATCH = 1000


def drop(page_keys: Iterable[str]) -> None:
    """Drop the cached copies of these pages, for every kind of reader, in batches."""
    keys = sorted({k for k in page_keys if k})
    for start in range(0, len(keys), DROP_BATCH):
        batch = keys[start : start + DROP_BATCH]
        cache.delete_many([cache_key(k, adult) for k in batch for adult in (False, True)])
