"""Avoid lists: tropes a reader never wants to meet, and the one rule every list of works applies.

A work "plays" an avoided trope when it has an appearance of that trope or of any trope under it (the
hierarchy, to any depth) with a play that means presence — the same test as a query's exclusion, so
`-Trope` and avoiding Trope leave out the same works. The test is conservative: spoiler-marked
appearances count, and so do appearances stated only on adult pages (a reader who has not opted in
never sees those pages, but is still warned about the works). A reader chooses to have such works
marked (the default) or hidden; a warning names the avoided trope, never an example's text. Tropes
suggested beside a page (tropes that go with this, tropes works like this play) are marked or hidden the
same way when the list covers them (`apply_to_tropes`).

The list itself lives on the `Reader` (`avoid`, `avoid_hide`), which the web layer fills from the
database for a signed-in reader and from a cookie for anyone else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..catalog.querylang import PRESENT_PLAYS
from ..markup.names import split_target, title_from_name
from .hierarchy import with_subtropes_cached
from .models import Appearance, AvoidedTrope, Profile
from .resolve import chunked, key_of, resolve_many
from .visibility import Reader, may_read

T = TypeVar("T")
#: how many tropes one reader may avoid (each costs a hierarchy walk)
MAX_AVOIDED = 100


def roots(names: Iterable[str], reader: Reader | None = None) -> dict[str, tuple[str, str]]:
    """Each avoided name → (key of the page it means, its title; an adult page's title only for a
    reader who opted in — the fallback split of its name for anyone else)."""
    names = [n for n in names if n.strip()]
    pages = resolve_many(names, follow_redirects=True)
    out = {}
    for name in names:
        page = pages.get(key_of(name))
        key = page.key if page else key_of(name)
        shown = page is not None and (reader is None or may_read(reader, page))
        out[name] = (
            key,
            page.title if shown else title_from_name(split_target(page.target if page else key_of(name))[1]),
        )
    return out


def _closures(reader: Reader) -> dict[str, frozenset[str]]:
    """Title of each avoided trope → the keys it covers (itself and everything under it)."""
    out: dict[str, frozenset[str]] = {}
    for key, title in roots(reader.avoid, reader).values():
        out[title] = out.get(title, frozenset()) | with_subtropes_cached({key})
    return out


def avoided_keys(reader: Reader) -> frozenset[str]:
    """Every trope key the reader's avoid list covers (empty for a reader who avoids nothing)."""
    if not reader.avoid:
        return frozenset()
    return frozenset().union(*_closures(reader).values())


def avoided_in(reader: Reader, work_keys: Iterable[str]) -> dict[str, list[str]]:
    """For these works, the ones playing an avoided trope → the titles of the avoided tropes (as the
    reader listed them, not the subtrope the work plays)."""
    work_keys = list(dict.fromkeys(work_keys))
    if not reader.avoid or not work_keys:
        return {}
    closures = _closures(reader)
    owner: dict[str, list[str]] = defaultdict(list)
    for title, keys in closures.items():
        for key in keys:
            owner[key].append(title)
    found: dict[str, set[str]] = defaultdict(set)
    # the works' own tropes, matched here: an avoided index covers thousands of keys, too many to send
    playing = Appearance.objects.filter(play__in=sorted(PRESENT_PLAYS))
    for chunk in chunked(work_keys):
        for work, trope in playing.filter(work_key__in=chunk).values_list("work_key", "trope_key"):
            if trope in owner:
                found[work].update(owner[trope])
    return {work: sorted(titles) for work, titles in found.items()}


def covered(reader: Reader, trope_keys: Iterable[str]) -> dict[str, list[str]]:
    """For these tropes, the ones the avoid list covers (an avoided trope or one under it) → the titles
    of the avoided tropes, as the reader listed them."""
    if not reader.avoid:
        return {}
    wanted = set(trope_keys)
    found: dict[str, set[str]] = defaultdict(set)
    for title, keys in _closures(reader).items():
        for key in wanted & keys:
            found[key].add(title)
    return {key: sorted(titles) for key, titles in found.items()}


def apply(
    reader: Reader, items: list[T], key: Callable[[T], str]
) -> tuple[list[T], dict[str, list[str]], int]:
    """A list of works as the reader wants it: (the items kept, work key → avoided titles for the
    items to mark, how many were hidden). Items whose key is not a work's are never touched."""
    return _marked_or_hidden(reader, items, key, avoided_in(reader, [key(i) for i in items]))


def apply_to_tropes(
    reader: Reader, items: list[T], key: Callable[[T], str]
) -> tuple[list[T], dict[str, list[str]], int]:
    """`apply` for a list of tropes: the ones the avoid list covers are marked or hidden."""
    return _marked_or_hidden(reader, items, key, covered(reader, [key(i) for i in items]))


def _marked_or_hidden(
    reader: Reader, items: list[T], key: Callable[[T], str], marks: dict[str, list[str]]
) -> tuple[list[T], dict[str, list[str]], int]:
    if not marks or not reader.avoid_hide:
        return items, marks, 0
    kept = [i for i in items if key(i) not in marks]
    return kept, {}, len(items) - len(kept)


def warning(reader: Reader, work_key: str) -> list[str]:
    """Titles of the avoided tropes a work plays: what its page warns about before its content."""
    return avoided_in(reader, [work_key]).get(work_key, [])


def saved_list(user) -> tuple[tuple[str, ...], bool]:
    """A signed-in reader's avoid list and whether they hide (rather than mark) such works."""
    names = tuple(AvoidedTrope.objects.filter(user=user).order_by("id").values_list("name", flat=True))
    hide = Profile.objects.filter(user=user, avoid_hide=True).exists()
    return names, hide


def save_list(user, names: Iterable[str], hide: bool) -> None:
    """Replace a signed-in reader's avoid list."""
    names = list(dict.fromkeys(n.strip() for n in names if n.strip()))[:MAX_AVOIDED]
    AvoidedTrope.objects.filter(user=user).delete()
    found = roots(names)
    AvoidedTrope.objects.bulk_create(AvoidedTrope(user=user, name=n, key=found[n][0]) for n in names)
    Profile.objects.update_or_create(user=user, defaults={"avoid_hide": hide})
