"""The read layer: what a reader may see of the wiki, as the web pages and the API both need it.

Every function takes the `Reader` (see `wiki.visibility`) and applies the one visibility rule, so no
caller filters adult pages by itself. Nothing here parses or compiles: pages are read as the write layer
left them (rendered HTML, facts rows, appearances).
"""

from __future__ import annotations

import difflib
import random
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Page as Paged
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet

from ..markup.names import SUBPAGE_NAMESPACES, canonical_namespace, split_target, title_from_name
from . import counts
from .models import Appearance, Example, Page, PageCount, Relation, Revision
from .resolve import (
    key_of,
    names_of,
    namesake_keys,
    plural_keys,
    redirects_to,
    resolve,
    resolve_many,
    singular_keys,
    url_target,
)
from .titles import titles_for
from .visibility import Reader, may_read, visible_by_page, visible_pages

__all__ = [
    "LISTED_PER_MEDIUM",
    "RELATION_LABELS",
    "appearances",
    "backlinks",
    "contributions",
    "cross_listing",
    "diff_rows",
    "example",
    "examples",
    "history",
    "home_counts",
    "listed_elsewhere",
    "listing",
    "lookup",
    "may_read",
    "namespace_pages",
    "namespaces",
    "pages",
    "paginate",
    "random_page",
    "recent_changes",
    "relation_targets",
    "relations",
    "resolve",
    "revision",
    "subpages",
    "wicks",
    "with_size_change",
]

#: cross-listed examples shown per medium; the rest are counted
LISTED_PER_MEDIUM = 100
RELATION_LABELS = {
    "see_also": "See also",
    "compare": "Compare",
    "contrast": "Contrast",
    "inverse": "Inverse",
    "supertrope": "Supertrope",
    "subtrope": "Subtropes",
}
#: a relation seen from its target's side
_INVERSE_KIND = {"supertrope": "subtrope", "subtrope": "supertrope"}


def lookup(namespace: str, name: str) -> tuple[str, Page | None]:
    """The canonical target a URL spells, and the page with exactly that key (None if there is none)."""
    target = url_target(namespace, name)
    return target, Page.objects.select_related("current").filter(key=target.lower()).first()


def home_counts(reader: Reader) -> dict[str, int]:
    """Pages a reader may see, by kind (redirects left out): kept by the write layer, never counted."""
    return counts.pages_by("kind", reader.show_adult)


class Counted:
    """A listing whose length the write layer keeps (`wiki.counts`): a pager slices the rows and asks
    the count, and the rows are never counted."""

    def __init__(self, rows: QuerySet, count: int) -> None:
        self.rows, self._count = rows, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self.rows[index]


def paginate(rows, number: str | int | None, per_page: int) -> Paged:
    """One page of a long list, counted in all: a number that is not one gives the first page, one
    past the end the last (so a listing is never silently cut off, and a stale link still lands).
    Give a `Counted` listing where rows would have to be counted: the pager then reads one page only."""
    return Paginator(rows, per_page).get_page(number)


@dataclass(slots=True)
class Window:
    """One page of a listing too long to count (recent changes): its rows, and whether there are
    pages before and after it."""

    rows: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


#: a page number past this is read as this (each page walks the index past the ones before)
MAX_WINDOW = 1000


def window(rows: QuerySet, number: str | int | None, per_page: int) -> Window:
    """Page `number` of an ordered listing, without counting it: one row more than a page is read,
    to know whether another page follows."""
    try:
        number = max(1, min(int(number or 1), MAX_WINDOW))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    found = list(rows[start : start + per_page + 1])
    return Window(found[:per_page], number, len(found) > per_page)


#: what a list of revisions never shows, and is the bulk of a revision: left unread
UNLISTED = ("text", "html", "facts")


def recent_changes(reader: Reader, limit: int | None = None) -> QuerySet:
    """Revisions readers may see, newest first (all of them, for a pager, when `limit` is None)."""
    revisions = Revision.objects.select_related("page", "author").defer(*UNLISTED).filter(hidden=False)
    revisions = visible_by_page(reader, revisions).order_by("-created", "-id")
    return revisions if limit is None else revisions[:limit]


def random_page(reader: Reader) -> Page | None:
    """A page picked at random among those listed: the first at or after a random id (then the first
    before it), found through the primary key, never by reading every page."""
    ids = Page.objects.order_by("id").values_list("id", flat=True)
    low, high = ids.first(), ids.last()  # each one step of the primary key's index
    if low is None:
        return None
    pick = random.randint(low, high)
    listed = visible_pages(reader).filter(redirect_to="")
    return (
        listed.filter(id__gte=pick).order_by("id").first()
        or listed.filter(id__lt=pick).order_by("-id").first()
    )


#: the A–Z jumps of a namespace index; "#" is every title that starts with something else
LETTERS = [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"]


def namespace_pages(reader: Reader, namespace: str, letter: str = "", kind: str = "") -> tuple[str, Counted]:
    """A namespace's pages by initial letter ("#" first: titles that start with no letter A–Z), then
    title; with `letter` (A–Z, or "#"), those listed under it; with `kind` (trope, work, index), only
    pages of that kind. Read through the index on (namespace, [kind,] initial, title), counted by the
    write layer."""
    ns = namespace_named(namespace)
    where = {"namespace": ns}
    if kind:
        where["kind"] = kind
    letter = letter.upper()
    if letter in LETTERS:
        where["initial"] = letter
    pages = visible_pages(reader).filter(redirect_to="", **where).order_by("initial", "title", "id")
    return ns, Counted(pages, counts.pages_counted(reader.show_adult, **where))


def namespace_named(namespace: str) -> str:
    """The namespace a URL names, as pages spell it: a known one's canonical spelling, else the
    spelling of a namespace that has pages (compared without case), else as typed."""
    known = canonical_namespace(namespace)
    if known:
        return known
    spelled = PageCount.objects.filter(namespace__iexact=namespace).values_list("namespace", flat=True)
    return next(iter(spelled), namespace)


def namespaces(reader: Reader) -> list[tuple[str, int]]:
    """Every namespace with how many pages (redirects left out) the reader may see in it, by name."""
    return sorted(counts.pages_by("namespace", reader.show_adult).items())


def history(reader: Reader, page: Page) -> QuerySet:
    """A page's revisions, newest first; hidden ones only for moderators."""
    revisions = page.revisions.select_related("author").defer(*UNLISTED)
    return revisions if reader.moderator else revisions.filter(hidden=False)


def with_size_change(revisions) -> list[Revision]:
    """The revisions (one page of a history or contributions list) with `size_change`: bytes gained or
    lost against the revision each was saved on top of (its whole size for a page's first)."""
    revisions = list(revisions)
    parents = {r.parent_id for r in revisions if r.parent_id}
    sizes = dict(Revision.objects.filter(id__in=parents).values_list("id", "size")) if parents else {}
    for r in revisions:
        r.size_change = r.size - sizes.get(r.parent_id, 0)
    return revisions


def contributions(reader: Reader, user) -> QuerySet:
    """A user's revisions the reader may see, newest first (hidden ones for moderators only)."""
    revisions = Revision.objects.select_related("page").defer(*UNLISTED).filter(author=user)
    if not reader.moderator:
        revisions = revisions.filter(hidden=False)
    return visible_by_page(reader, revisions).order_by("-created", "-id")


def subpages(reader: Reader, page: Page) -> list[tuple[str, Page]]:
    """The tabs a page shows, as (label, page), the page itself among them; none when it has no others.
    They are the pages about the same subject in the subpage namespaces (`YMMV/Work`, `Trivia/Work`, …)
    and the main page they belong to, then the split pages the page lists (`Work/TropesAToD`: its facts'
    `subpages`) — those that exist and the reader may see."""
    found = visible_pages(reader).filter(key__in=namesake_keys(page), redirect_to="").exclude(id=page.id)
    same = sorted([page, *found], key=lambda p: (p.namespace in SUBPAGE_NAMESPACES, p.namespace))
    tabs = [(p.namespace if p.namespace in SUBPAGE_NAMESPACES else "Main", p) for p in same]
    facts = page.current.facts if page.current is not None else None
    split = (facts or {}).get("subpages") or []
    if split:
        pages = resolve_many(split)
        for target in split:
            found_page = pages.get(key_of(target))
            if found_page is not None and found_page.id != page.id and may_read(reader, found_page):
                tabs.append((title_from_name(split_target(found_page.target)[1]), found_page))
    return tabs if len(tabs) > 1 else []


def backlinks(reader: Reader, target: str, page: Page | None) -> Counted | QuerySet:
    """Pages linking to `page` under any of its names (or to the missing `target`), that the reader may
    see, by title; other than itself, with a text, not redirects. Counted by the write layer when the
    page exists."""
    keys = names_of(page) if page is not None else [target.lower()]
    linking = visible_pages(reader).filter(links__target_key__in=keys, redirect_to="")
    if page is None:
        return linking.distinct().order_by("title", "id")
    linking = linking.exclude(id=page.id).distinct().order_by("title", "id")
    tally = counts.tally(page)
    return Counted(linking, tally.wicks if reader.show_adult else tally.wicks_general)


def wicks(page: Page) -> int:
    """How many pages link here (a count every reader may see: it names no page), kept by the write
    layer."""
    return counts.tally(page).wicks


def relation_targets(reader: Reader, page: Page) -> dict[str, list[str]]:
    """The page's typed relations both ways, kind → targets in the order found: those its text states,
    and those other pages (that the reader may see) state about it, seen from this side ("X is a
    supertrope of Y" is, on Y, a subtrope X)."""
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for r in page.relations.all():
        found[r.kind].setdefault(r.target, None)
    incoming = visible_by_page(
        reader, Relation.objects.filter(target_key__in=names_of(page)).exclude(page=page)
    )
    for r in incoming.select_related("page").order_by("page__key", "id"):
        found[_INVERSE_KIND.get(r.kind, r.kind)].setdefault(r.page.target, None)
    return {kind: list(found[kind]) for kind in RELATION_LABELS if found.get(kind)}


def relations(reader: Reader, page: Page) -> list[tuple[str, list[tuple[str, str]]]]:
    """The page's typed relations both ways (`relation_targets`), as (label, [(href, title)])."""
    found = relation_targets(reader, page)
    titles = titles_for({t for targets in found.values() for t in targets})
    return [
        (
            RELATION_LABELS[kind],
            [(f"/{t}", titles.get(t) or title_from_name(split_target(t)[1])) for t in targets],
        )
        for kind, targets in found.items()
    ]


def revision(reader: Reader, page: Page, number: int) -> Revision | None:
    """Revision `number` of the page, None when it has none or the reader may not see it (hidden)."""
    found = page.revisions.select_related("author").filter(number=number).first()
    if found is None or (found.hidden and not reader.moderator):
        return None
    return found


def diff_rows(old: str, new: str) -> list[tuple[str, str]]:
    """The lines that differ between two texts: (kind, line) with kind " " unchanged, "-" removed,
    "+" added, "@" a gap."""
    rows = []
    for line in difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        rows.append((line[0], line[1:]) if line[:1] in "+- " else ("@", line))
    return rows


def pages(reader: Reader, *, namespace: str | None = None, kind: str | None = None) -> QuerySet:
    """Pages the reader may see (redirects included: they are pages), by key."""
    found = visible_pages(reader).select_related("current")
    if namespace:  # a key starts with its namespace: a range of the key's index
        prefix = namespace_named(namespace).lower()
        found = found.filter(key__gte=f"{prefix}/", key__lt=f"{prefix}0")
    if kind:
        found = found.filter(kind=kind)
    return found.order_by("key")


def page_key_for(target: str) -> str:
    """The key of the page a name leads to (through aliases, plurals and redirects), or the name's own
    key when it leads nowhere: how example and appearance rows are keyed."""
    found = resolve_many([target], follow_redirects=True).get(key_of(target))
    return found.key if found is not None else key_of(target)


def examples(
    reader: Reader,
    *,
    trope: str | None = None,
    work: str | None = None,
    medium: str | None = None,
    play: str | None = None,
    page: Page | None = None,
) -> QuerySet:
    """Example rows the reader may see (those stated on pages it may read), filtered, by id."""
    rows = _about(visible_by_page(reader, Example.objects.select_related("page")), trope, work, medium, play)
    if page is not None:
        rows = rows.filter(page=page)
    return rows.order_by("id")


def example(reader: Reader, example_id: int) -> Example | None:
    """One example by its stable id, None when there is none or the reader may not see its page."""
    return examples(reader).filter(id=example_id).first()


def appearances(
    reader: Reader,
    *,
    trope: str | None = None,
    work: str | None = None,
    medium: str | None = None,
    play: str | None = None,
) -> QuerySet:
    """Appearances (a work playing a trope, however many pages state it), filtered, by id; those stated
    only on adult pages only for readers who opted in."""
    rows = Appearance.objects.all() if reader.show_adult else Appearance.objects.filter(adult_only=False)
    return _about(rows, trope, work, medium, play).order_by("id")


def _about(rows: QuerySet, trope: str | None, work: str | None, medium: str | None, play: str | None):
    """Example or appearance rows about a trope and a work (any spelling of their names), in a medium,
    played one way: the filters both listings take."""
    if trope:
        rows = rows.filter(trope_key=page_key_for(trope))
    if work:
        rows = rows.filter(work_key=page_key_for(work))
    if medium:
        rows = rows.filter(medium=medium)
    if play:
        rows = rows.filter(play=play)
    return rows


@dataclass(slots=True)
class Listed:
    """One cross-listed example: the row, and the title of the trope it names."""

    example: Example
    trope_title: str


def cross_listing(reader: Reader, page: Page) -> dict[str, tuple[list[Listed], int]]:
    """What other pages say about this one, by medium: a work's tropes from trope pages, a trope's works
    from work pages — each appearance once, so a trope the work page lists itself is not listed again.
    Each medium lists its first LISTED_PER_MEDIUM rows, read in order through the index, and shows how
    many there are as the write layer counted them (a popular trope is named on thousands of work pages)."""
    rows = _elsewhere(reader, page)
    if rows is None:
        return {}
    media = _listed_counts(reader, page)
    ordered = _ordered(rows)
    listed = [row for medium in sorted(media) for row in ordered.filter(medium=medium)[:LISTED_PER_MEDIUM]]
    groups: dict[str, list[Listed]] = defaultdict(list)
    for item in with_trope_titles(page, listed):
        groups[item.example.medium].append(item)
    return {medium: (groups[medium], media[medium]) for medium in groups}


def _listed_counts(reader: Reader, page: Page) -> dict[str, int]:
    """Medium → how many rows the page's cross-listing holds for this reader (kept by the write layer)."""
    which = 0 if reader.show_adult else 1
    return {medium: n[which] for medium, n in counts.tally(page).listed.items() if n[which]}


def _elsewhere(reader: Reader, page: Page) -> QuerySet | None:
    """The rows other pages state about this one that it does not state itself (None: not a work or a
    trope, so nothing is cross-listed)."""
    rows = counts.listing_rows(page)
    return None if rows is None else visible_by_page(reader, rows)


def _ordered(rows: QuerySet) -> QuerySet:
    """In the order of the index on (trope_key or work_key, medium, trope, work_title, page, position)."""
    return rows.select_related("page").order_by("trope", "work_title", "page_id", "position")


def with_trope_titles(page: Page, rows) -> list[Listed]:
    """Rows with the titles of the tropes they name (on a work page's listing; a trope page's rows name it)."""
    rows = list(rows)
    titles = titles_for({row.trope for row in rows if row.trope}) if page.kind == "work" else {}
    out = []
    for row in rows:
        name = split_target(row.trope)[1] if row.trope else ""
        out.append(Listed(row, (titles.get(row.trope) or title_from_name(name)) if row.trope else ""))
    return out


def listing(reader: Reader, page: Page, medium: str) -> Counted:
    """The whole cross-listing of one medium, for its own pager ("… and 617 more")."""
    rows = _elsewhere(reader, page)
    if rows is None:
        return Counted(Example.objects.none(), 0)
    return Counted(_ordered(rows.filter(medium=medium)), _listed_counts(reader, page).get(medium, 0))


@dataclass(slots=True)
class Listers:
    """What names a page that does not exist yet: examples naming it as a trope (works that list it), as
    a work (trope pages that list it), and how many pages link to it."""

    as_trope: list[tuple[str, int]]  # (medium, works)
    as_work: int
    linking: int


def listed_elsewhere(reader: Reader, target: str) -> Listers:
    """Who lists or links the missing page `target`, counted: what its "create it" page tells."""
    key = target.lower()
    trope_rows = visible_by_page(
        reader, Example.objects.filter(trope_key__in=_missing_keys(target))
    ).order_by()
    by_medium = trope_rows.values_list("medium").annotate(n=Count("work_key", distinct=True))
    as_work = visible_by_page(reader, Example.objects.filter(work_key=key)).values("page").distinct().count()
    linking = visible_pages(reader).filter(links__target_key=key, redirect_to="").distinct().count()
    return Listers(sorted(by_medium.values_list("medium", "n"), key=lambda m: -m[1]), as_work, linking)


def missing_listing(reader: Reader, target: str, medium: str) -> QuerySet:
    """The examples naming the missing page `target` as a trope, in one medium: the works that list it."""
    rows = visible_by_page(reader, Example.objects.filter(trope_key__in=_missing_keys(target), medium=medium))
    return _ordered(rows)


def _missing_keys(target: str) -> list[str]:
    """The keys examples give a page that does not exist yet: its own, its plural and singular
    spellings that lead to no other page, and redirect pages pointing at it (an example naming a
    redirect to a missing page keeps the redirect's key until the page is made)."""
    key = key_of(target)
    variants = {key, *plural_keys(key), *singular_keys(key)}
    taken = set(Page.objects.filter(key__in=variants - {key}).values_list("key", flat=True))
    return sorted((variants - taken) | set(redirects_to(key)))


#: revision numbers are PositiveIntegerFields: PostgreSQL's integer, the smaller of the two databases
MAX_REVISION = 2**31 - 1


def revisions_numbered(page: Page, numbers: list[int]) -> dict[int, Revision]:
    """The page's revisions with these numbers, hidden or not, by number: for actions (diff, undo,
    revert, hide) that check who may see or change them themselves."""
    return {r.number: r for r in page.revisions.filter(number__in=numbers)}


def edit_target(namespace: str, name: str) -> tuple[str, Page | None]:
    """The target an edit of `namespace/name` saves to, and its page: an alias, a redirect's name or a
    plural leads to the page it names when that page has a text; else the name as written."""
    target, page = lookup(namespace, name)
    if page is None:
        found = resolve(target)
        if found is not None and found.current is not None:
            return found.target, found
    return target, page


def user_named(username: str):
    """The account called `username`, or None."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).first()


def works_named(page: Page) -> dict[str, str]:
    """The works the page's own examples name: their keys and titles as written (a trope page's works)."""
    return dict(page.examples.exclude(work_key="").values_list("work_key", "work_title"))


def works_by_line(page: Page) -> dict[int, str]:
    """The page's own examples naming a work other than the page, by the source line their item starts
    on (which the stored HTML's items carry: `store.work_lines`) → the work's key. An example nested
    under one about the same work goes with it, so it is left out."""
    rows = page.examples.exclude(work_key="").exclude(work_key=page.key)
    found = rows.values_list("line", "work_key", "parent__work_key")
    return {line: work for line, work, parent in found if work != parent}


def described_aliases(page: Page) -> list[str]:
    """The other names the page's description gives it ("also called …"), as written."""
    return [a.name for a in page.aliases.all() if a.source == "description"]


def front_tropes(reader: Reader, count: int) -> QuerySet:
    """The first `count` trope pages by title that the reader may see: the front page's list."""
    return visible_pages(reader).filter(kind="trope", redirect_to="").order_by("title")[:count]
