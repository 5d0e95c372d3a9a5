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

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from ..markup.names import split_target, title_from_name
from .models import Alias, Page, Relation
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
    avoided: list[str] = field(default_factory=list)  # avoided tropes a listed work plays


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


#: the hierarchy's version, shared by every process: a fresh random token each time a save may change an
#: edge (relations stated or unstated, a name a relation uses gaining or losing its page). Kept in the
#: `limits` cache, which the page cache cannot cull; a token, not a counter, so that a rolled-back bump
#: can never be mistaken for a later one.
VERSION_KEY = "tropebase:hierarchy:version"
_CLOSURE_SIZE = 4096


@dataclass(slots=True)
class Graph:
    """Every edge of the hierarchy, resolved, in memory: key → the keys directly under it (in the order
    stated), loaded once per version. A closure is then a dictionary walk, not a query per level."""

    version: str
    down: dict[str, list[str]]
    pages: frozenset[str] = frozenset()  # keys in the graph that are pages' keys
    nameless: frozenset[str] = frozenset()  # keys in the graph no page has (names not yet written)
    closures: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)

    def under(self, keys: Iterable[str]) -> set[str]:
        """Every key under these, to any depth, breadth-first, stopping at keys seen (cycles end)."""
        start = set(keys)
        seen, found, frontier = set(start), set(), list(start)
        while frontier:
            reached = [k for key in frontier for k in self.down.get(key, ())]
            found.update(reached)
            frontier = [k for k in dict.fromkeys(reached) if k not in seen]
            seen.update(frontier)
        return found


def stated_edges(page: Page) -> set[tuple[str, str]]:
    """The hierarchy relations a page states, as (kind, target): the write layer compares them before
    and after a save to know whether the graph changed."""
    rows = Relation.objects.filter(page=page, kind__in=(*DOWN_KINDS, UP_KIND)).values_list("kind", "target")
    return set(rows)


def load_graph(version: str = "") -> Graph:
    """Read every relation once and resolve its names (`wiki.resolve`, redirects followed): the edges
    A over B of the three kinds, each stated name standing for the page it leads to."""
    rows = list(
        Relation.objects.filter(kind__in=(*DOWN_KINDS, UP_KIND))
        .order_by("id")
        .values_list("page__key", "kind", "target")
    )
    targets = {target for _, _, target in rows}
    pages = resolve_many(targets, follow_redirects=True)
    resolved = {t: (pages[key_of(t)].key if key_of(t) in pages else key_of(t)) for t in targets}
    down: dict[str, list[str]] = defaultdict(list)
    for page, kind, target in rows:
        upper, lower = (page, resolved[target]) if kind in DOWN_KINDS else (resolved[target], page)
        if upper != lower:
            down[upper].append(lower)
    paged = {p.key for p in pages.values()} | {page for page, _, _ in rows}
    nameless = set(resolved.values()) - paged
    return Graph(
        version, {k: list(dict.fromkeys(v)) for k, v in down.items()}, frozenset(paged), frozenset(nameless)
    )


def _cache():
    from django.core.cache import caches

    return caches["limits"]


def current_version() -> str:
    """The shared version token (made now if the cache has none)."""
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        # a cache that keeps nothing: a new token each time, so the graph is reloaded rather than stale
        version = cache.get(VERSION_KEY) or uuid.uuid4().hex
    return version


def changed() -> None:
    """Called by the write layer when a save may change an edge: every process reloads its graph. Bumped
    now and again once committed, so no process keeps a graph read before the commit."""
    _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: _cache().set(VERSION_KEY, uuid.uuid4().hex, None), robust=True)


_GRAPH: Graph | None = None


def graph() -> Graph:
    """This process's graph, reloaded when the shared version has moved."""
    global _GRAPH
    version = current_version()
    if _GRAPH is None or _GRAPH.version != version:
        _GRAPH = load_graph(version)
    return _GRAPH


def with_subtropes_cached(keys: Iterable[str]) -> frozenset[str]:
    """`with_subtropes` from the in-memory graph: one cache read per call while nothing changes (queries
    and avoid lists expand the same few supertropes on every request)."""
    wanted = frozenset(keys)
    current = graph()
    found = current.closures.get(wanted)
    if found is None:
        if len(current.closures) >= _CLOSURE_SIZE:
            current.closures.clear()
        found = current.closures[wanted] = frozenset(wanted | current.under(wanted))
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
