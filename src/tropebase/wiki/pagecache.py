"""Whole reader pages kept in the shared cache "pages" (a database table of its own, or Redis on a
cluster: see settings.CACHES).

A page's HTML depends on its own text and on the examples other pages state about it, so a save drops
the cached copies of the page itself and of every trope and work its old and new examples mention.
The cache is shared by all app servers, so a drop is seen everywhere at once. Pages are kept
zlib-compressed (a 9 KB work page takes 2.5 KB), so the whole site's hot set fits on disk or in Redis.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from django.core.cache import caches
from django.utils.connection import ConnectionProxy

#: the page cache, apart from "default" and "limits" (its size is its own: TROPEBASE_CACHE_ENTRIES)
cache = ConnectionProxy(caches, "pages")

TIMEOUT = 3600  # a safety net: titles shown in other pages' listings may change without a drop
#: zlib level: a page is compressed once per render and read many times (inflating costs the same at
#: any level)
LEVEL = 6


def cache_key(page_key: str, show_adult: bool) -> str:
    return f"tropebase:page:{int(show_adult)}:{page_key}"


def get(page_key: str, show_adult: bool) -> str | None:
    stored = cache.get(cache_key(page_key, show_adult))
    return None if stored is None else zlib.decompress(stored).decode()


def put(page_key: str, show_adult: bool, html: str, timeout: int = TIMEOUT) -> None:
    cache.set(cache_key(page_key, show_adult), zlib.compress(html.encode(), LEVEL), timeout)


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
