"""The trope hierarchy: which tropes sit under which, from relations the pages state.

Three kinds of statement make an edge "A is over B":
* A's page says B is a subtrope ("Supertrope of B", a "Sub-tropes:" list) — relation `subtrope` on A;
* B's page says A is its supertrope ("Subtrope of A") — relation `supertrope` on B;
* A is an index page listing B (an index over its sub-indexes and tropes) — relation `indexes` on A.

Names in relations are resolved with `wiki.resolve` (aliases, redirects, plurals), so an edge stated
with any name of a page is an edge of that page; a name with no page stays its own key. The data has
cycles (an index listing itself, two indexes listing each other): every walk is breadth-first over keys
and stops at keys it has seen, so it ends, and each key is visited once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..markup.names import split_target, title_from_name
from .models import Alias, Page, Relation, Revision
from .resolve import chunked, key_of, plural_keys, resolve_many
from .visibility import Reader, may_read

#: relation kinds stated on the upper page, naming the lower one
DOWN_KINDS = ("subtrope", "indexes")
#: relation kind stated on the lower page, naming the upper one
UP_KIND = "supertrope"


def _names(keys: set[str]) -> dict[str, str]:
    """Every key that names one of these pages (its own, its aliases', their plurals) → the page's key."""
    out: dict[str, str] = {}
    for key in keys:
        out.setdefault(key, key)
    for chunk in chunked(keys):
        for alias, page in Alias.objects.filter(page__key__in=chunk).values_list("key", "page__key"):
            out.setdefault(alias, page)
    for name, key in list(out.items()):
        for plural in plural_keys(name):
            out.setdefault(plural, key)
    return out


def _resolved(targets: set[str]) -> dict[str, str]:
    """Each written target → the key of the page it leads to (redirects followed), or its own key."""
    pages = resolve_many(targets, follow_redirects=True)
    return {t: (pages[key_of(t)].key if key_of(t) in pages else key_of(t)) for t in targets}


def _step(keys: set[str], down: bool, spelled: dict[str, str] | None = None) -> dict[str, list[str]]:
    """One step from each key: its direct subtropes (`down`) or supertropes, in the order stated.
    `spelled`, when given, gets each reached key's name as written."""
    if not keys:
        return {}
    stated: dict[str, list[str]] = defaultdict(list)  # key → written targets
    other: dict[str, list[str]] = defaultdict(list)  # key → page keys stating the edge from their side
    names = _names(keys)
    own_kinds, their_kind = (DOWN_KINDS, (UP_KIND,)) if down else ((UP_KIND,), DOWN_KINDS)
    for chunk in chunked(keys):
        rows = Relation.objects.filter(page__key__in=chunk, kind__in=own_kinds).order_by("id")
        for page, target in rows.values_list("page__key", "target"):
            stated[page].append(target)
    for chunk in chunked(names):
        rows = Relation.objects.filter(target_key__in=chunk, kind__in=their_kind).order_by("id")
        for target_key, page in rows.values_list("target_key", "page__key"):
            other[names[target_key]].append(page)
    resolved = _resolved({t for targets in stated.values() for t in targets})
    if spelled is not None:
        for target, key in resolved.items():
            spelled.setdefault(key, target)
    out: dict[str, list[str]] = {}
    for key in keys:
        found = [resolved[t] for t in stated.get(key, ())] + other.get(key, [])
        out[key] = list(dict.fromkeys(k for k in found if k != key))
    return out


def _walk(
    keys: Iterable[str], down: bool, transitive: bool, spelled: dict[str, str] | None = None
) -> set[str]:
    start = set(keys)
    seen: set[str] = set(start)
    found: set[str] = set()
    frontier = start
    while frontier:
        step = _step(frontier, down, spelled)
        reached = {k for targets in step.values() for k in targets}
        found |= reached
        if not transitive:
            break
        frontier = reached - seen
        seen |= frontier
    return found


def subtropes_of(
    keys: Iterable[str], transitive: bool = True, spelled: dict[str, str] | None = None
) -> set[str]:
    """Keys of the tropes under these (page keys), to any depth when `transitive`. A key comes back
    itself only if a cycle leads back to it. `spelled`, when given, gets each key reached by a written
    name that name (a key with no page has no other spelling)."""
    return _walk(keys, True, transitive, spelled)


def supertropes_of(
    keys: Iterable[str], transitive: bool = True, spelled: dict[str, str] | None = None
) -> set[str]:
    """Keys of the tropes (and indexes) over these, to any depth when `transitive`."""
    return _walk(keys, False, transitive, spelled)


def with_subtropes(keys: Iterable[str]) -> set[str]:
    """These keys and every key under them: what "has this trope" matches."""
    keys = set(keys)
    return keys | subtropes_of(keys)


@dataclass(slots=True)
class Node:
    """One entry of an index tree: a page (or a name with no page yet) and, for an index, its entries."""

    key: str
    title: str
    url: str
    exists: bool
    is_index: bool
    children: list[Node] = field(default_factory=list)
    more: int = 0  # entries not expanded (depth reached, or already shown above)
    repeated: bool = False  # shown higher in the tree: not expanded again


def tree(page: Page, depth: int = 2, visible: set[str] | None = None) -> list[Node]:
    """The entries under a page, as a tree `depth` levels deep, breadth-first so that an entry reached
    twice (a cycle, or an index under two others) is expanded only where it is first met. `visible`:
    keys of adult pages the reader may see are in it; other adult pages are left out (None: no filter)."""
    roots: list[Node] = []
    level: list[tuple[str, list[Node], Node | None]] = [(page.key, roots, None)]
    seen = {page.key}
    spelled: dict[str, str] = {}
    for _ in range(depth):
        step = _step({k for k, _, _ in level}, True, spelled)
        keys = {k for targets in step.values() for k in targets}
        pages = {p.key: p for chunk in chunked(keys) for p in Page.objects.filter(key__in=chunk)}
        next_level: list[tuple[str, list[Node], Node | None]] = []
        for key, into, _ in level:
            for child in step.get(key, []):
                found = pages.get(child)
                if found is not None and found.is_adult and visible is not None and child not in visible:
                    continue
                written = found.target if found else spelled.get(child, child)
                node = Node(
                    key=child,
                    title=found.title if found else title_from_name(split_target(written)[1]),
                    url="/" + written,
                    exists=found is not None and found.current_id is not None,
                    is_index=found is not None and found.kind == "index",
                    repeated=child in seen,
                )
                into.append(node)
                if node.is_index and not node.repeated:
                    next_level.append((child, node.children, node))
                seen.add(child)
        level = next_level
        if not level:
            break
    if level:  # depth reached: count what is not shown
        step = _step({k for k, _, _ in level}, True)
        for key, _, node in level:
            if node is not None:
                node.more = len(step.get(key, []))
    return roots


#: closures by the wiki's latest revision id: every save that can change a relation adds a revision
_CACHE: dict[tuple[int, frozenset[str]], frozenset[str]] = {}
_CACHE_SIZE = 512


def _version() -> int:
    return Revision.objects.order_by("-id").values_list("id", flat=True).first() or 0


def with_subtropes_cached(keys: Iterable[str]) -> frozenset[str]:
    """`with_subtropes`, remembered in this process until the next save anywhere (queries and avoid
    lists expand the same few supertropes on every request)."""
    wanted = frozenset(keys)
    slot = (_version(), wanted)
    found = _CACHE.get(slot)
    if found is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        found = _CACHE[slot] = frozenset(with_subtropes(wanted))
    return found


@dataclass(slots=True)
class Entry:
    """A trope over or under a page, as a reader may see it."""

    key: str
    target: str
    title: str
    exists: bool
    kind: str  # the page's kind ("" when there is no page)


def around(reader: Reader, page: Page, transitive: bool = False) -> tuple[list[Entry], list[Entry]]:
    """(supertropes, subtropes) of a page, direct ones or to any depth, by title. Adult pages are left
    out for a reader who has not opted in — not even their names — as in an index page's tree."""
    spelled: dict[str, str] = {}
    up = supertropes_of({page.key}, transitive, spelled) - {page.key}
    down = subtropes_of({page.key}, transitive, spelled) - {page.key}
    pages = {p.key: p for chunk in chunked(up | down) for p in Page.objects.filter(key__in=chunk)}

    def entries(keys: set[str]) -> list[Entry]:
        out = []
        for key in keys:
            found = pages.get(key)
            if found is not None and not may_read(reader, found):
                continue
            if found is not None:
                out.append(Entry(key, found.target, found.title, found.current_id is not None, found.kind))
            else:
                written = spelled.get(key) or key
                ns, name = split_target(written)
                target = f"{ns[:1].upper()}{ns[1:]}/{name}"
                out.append(Entry(key, target, title_from_name(name), False, ""))
        return sorted(out, key=lambda e: (e.title.lower(), e.key))

    return entries(up), entries(down)
