"""Queries over appearances: "works with A and B but not C", exact about names, subtropes, plays,
spoilers and adult pages. The grammar is `catalog.querylang`; this module gives it meaning.

* A name means its page under every name (aliases, redirects, plurals: `wiki.resolve`), and the tropes
  under it (`wiki.hierarchy`), to any depth.
* Only plays that mean presence count (`play:` says otherwise): an averted, defied, discussed or
  alluded-to example, or one where every statement is hedged, does not give the work the trope.
* An exclusion is conservative: any appearance of the trope (or a subtrope) with a counted play leaves
  the work out — a spoiler-marked one, and one stated only on an adult page, too. Includes and the
  examples shown use only appearances the reader may see.
* The reader's avoid list (`wiki.avoid`) marks or hides the works found, as in every list of works.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet

from ..catalog.querylang import PRESENT_PLAYS, Query, QueryError, Term, looks_like_query, parse
from ..markup.names import split_target, title_from_name
from . import avoid, hierarchy
from .hierarchy import with_subtropes_cached
from .models import Appearance, Example, Page, Relation
from .resolve import chunked, key_of, plural_keys, resolve_many, singular_keys
from .visibility import Reader, may_read, visible_by_page, visible_pages

__all__ = ["QueryError", "QueryResult", "looks_like_query", "parse", "run"]

#: examples shown per work found
EXAMPLES_PER_WORK = 5
SPOILER_MASK = "[spoiler]"


@dataclass(slots=True)
class Shown:
    """One example that matched: the trope it is for and its text, spoiler passages listed apart."""

    trope_key: str
    trope_title: str
    play: str
    text: str
    spoilers: list[str]
    page_url: str

    def masked(self) -> str:
        """The text with its spoiler passages replaced by a mask."""
        text = self.text
        for spoiler in self.spoilers:
            if spoiler:
                text = text.replace(spoiler, SPOILER_MASK)
        return text


@dataclass(slots=True)
class WorkFound:
    key: str
    title: str
    url: str
    medium: str
    examples: list[Shown] = field(default_factory=list)
    avoided: list[str] = field(default_factory=list)  # titles of avoided tropes it plays (marked)


@dataclass(slots=True)
class QueryResult:
    query: Query
    works: list[WorkFound]
    total: int  # works found (after hiding avoided ones)
    hidden: int = 0  # works the reader's avoid list hid
    names: dict[str, str] = field(default_factory=dict)  # each name in the query → the title it means

    def to_dict(self, show_spoilers: bool | None = None) -> dict:
        full = self.query.show_spoilers if show_spoilers is None else show_spoilers
        return {
            "query": str(self.query),
            "total": self.total,
            "hidden_by_avoid_list": self.hidden,
            "names": self.names,
            "works": [
                {
                    "key": w.key,
                    "title": w.title,
                    "url": w.url,
                    "medium": w.medium,
                    "avoided": w.avoided,
                    "examples": [
                        {
                            "trope": e.trope_title,
                            "trope_key": e.trope_key,
                            "play": e.play,
                            "text": e.text if full else e.masked(),
                            "page": e.page_url,
                        }
                        for e in w.examples
                    ],
                }
                for w in self.works
            ],
        }


def _term_keys(terms: list[Term], reader: Reader) -> tuple[dict[Term, frozenset[str]], dict[str, str]]:
    """Each term → the trope keys it matches (its page under every name, and everything under it);
    also each name → the title it resolved to. An unknown name raises QueryError pointing at it."""
    pages = resolve_many([t.name for t in terms], follow_redirects=True)
    out: dict[Term, frozenset[str]] = {}
    names: dict[str, str] = {}
    for term in terms:
        key = key_of(term.name)
        page = pages.get(key)
        if page is not None:
            shown = page.title if may_read(reader, page) else title_from_name(split_target(page.target)[1])
            root, names[term.name] = page.key, shown
        else:
            variants = [key, *plural_keys(key), *singular_keys(key)]
            if not (
                Appearance.objects.filter(trope_key__in=variants).exists()
                or Relation.objects.filter(target_key__in=variants).exists()
            ):
                raise QueryError(f"no trope is called {term.name!r}", term.position, len(term.name))
            root, names[term.name] = key, title_from_name(split_target(key_of(term.name))[1])
        out[term] = _spelled_closure(root)
    return out, names


#: (hierarchy version, root) → its closure with spellings: an index's closure holds thousands of keys
_SPELLED: dict[tuple[str, str], frozenset[str]] = {}
_SPELLED_SIZE = 1024


def _spelled_closure(root: str) -> frozenset[str]:
    """The root and every trope under it, with `_with_spellings`; remembered while the hierarchy's
    version holds (a page made for a key a relation names changes the version)."""
    slot = (hierarchy.graph().version, root)
    found = _SPELLED.get(slot)
    if found is None:
        if len(_SPELLED) >= _SPELLED_SIZE:
            _SPELLED.clear()
        found = _SPELLED[slot] = _with_spellings(with_subtropes_cached({root}), hierarchy.graph())
    return found


def _with_spellings(keys: frozenset[str], known: hierarchy.Graph) -> frozenset[str]:
    """Keys with no page also match their plural and singular: a work page may name a trope that has
    no page yet in either number. The graph knows which of its keys have pages; others are looked up."""
    asked = keys - known.pages - known.nameless
    pages = {
        k
        for chunk in chunked(asked)
        for k in Page.objects.filter(key__in=chunk).values_list("key", flat=True)
    }
    pages |= keys & known.pages
    extra = {v for k in keys - pages for v in (*plural_keys(k), *singular_keys(k))}
    return keys | extra


#: exclusions over this many keys (an index's closure) are checked in Python against the appearances
#: of the works found, when those are at most CHECK_WORKS: a statement with 20,000 parameters costs
#: more to build and run than reading a few hundred works' tropes
FEW_KEYS, CHECK_WORKS = 500, 1000


def without(works: QuerySet, keys: frozenset[str], plays: frozenset[str] | None) -> QuerySet:
    """`works` (appearance rows) less the works with an appearance of one of `keys` in one of `plays`
    (None: any play) — spoiler-marked and adult-only appearances included."""
    if not keys:
        return works
    playing = Appearance.objects.all() if plays is None else Appearance.objects.filter(play__in=sorted(plays))
    if len(keys) > FEW_KEYS:
        found = list(works.values_list("work_key", flat=True).distinct()[: CHECK_WORKS + 1])
        if len(found) <= CHECK_WORKS:
            out = {
                work
                for chunk in chunked(found)
                for work, trope in playing.filter(work_key__in=chunk).values_list("work_key", "trope_key")
                if trope in keys
            }
            return works.filter(work_key__in=[w for w in found if w not in out])
    return works.exclude(work_key__in=playing.filter(trope_key__in=list(keys)).values("work_key"))


def _rows(keys: frozenset[str], query: Query, reader: Reader) -> QuerySet:
    rows = Appearance.objects.filter(trope_key__in=list(keys))
    if query.plays is not None:
        rows = rows.filter(play__in=sorted(query.plays))
    if not reader.show_adult:
        rows = rows.filter(adult_only=False)
    if query.media:
        rows = rows.filter(medium__in=query.media)
    return rows


def works_matching(
    query: Query, reader: Reader
) -> tuple[QuerySet, dict[Term, frozenset[str]], dict[str, str]]:
    """The appearance rows of the works a query finds (before the avoid list), the keys of each term,
    and the titles the names resolved to."""
    keys, names = _term_keys(query.include + query.exclude, reader)
    if query.include:
        works = _rows(keys[query.include[0]], query, reader)
        for term in query.include[1:]:
            works = works.filter(work_key__in=_rows(keys[term], query, reader).values("work_key"))
    else:
        works = Appearance.objects.all()
        if not reader.show_adult:
            works = works.filter(adult_only=False)
        if query.media:
            works = works.filter(medium__in=query.media)
    excluded = frozenset().union(*(keys[t] for t in query.exclude)) if query.exclude else frozenset()
    return without(works, excluded, query.plays), keys, names


def run(q: str | Query, reader: Reader, *, limit: int = 50, offset: int = 0) -> QueryResult:
    """Evaluate a query for a reader: a page of the works found, each with the examples that match.
    Raises QueryError for a malformed query or a name that means no trope."""
    query = parse(q) if isinstance(q, str) else q
    works, keys, names = works_matching(query, reader)
    hidden = 0
    avoided_keys = avoid.avoided_keys(reader)
    if avoided_keys and reader.avoid_hide:
        before = works.values("work_key").distinct().count()
        works = without(works, avoided_keys, PRESENT_PLAYS)
    grouped = works.values("work_key").annotate(title=Max("work_title"), medium=Max("medium"))
    page = list(grouped.order_by("title", "work_key")[offset : offset + max(0, limit)])
    # a page that is not full and not past the end says the total itself: one query fewer
    total = offset + len(page) if 0 < len(page) < limit or (not page and offset == 0) else grouped.count()
    if avoided_keys and reader.avoid_hide:
        hidden = before - total
    found = [WorkFound(r["work_key"], r["title"] or title_from_name(split_target(r["work_key"])[1]),
                       "", r["medium"]) for r in page]  # fmt: skip
    _fill(found, query, reader, keys)
    if avoided_keys and not reader.avoid_hide:
        marks = avoid.avoided_in(reader, [w.key for w in found])
        for work in found:
            work.avoided = marks.get(work.key, [])
    return QueryResult(query, found, total, hidden, names)


def _fill(found: list[WorkFound], query: Query, reader: Reader, keys: dict[Term, frozenset[str]]) -> None:
    """The URL of each work found and the examples that match it (of included tropes, counted plays)."""
    if not found:
        return
    work_keys = [w.key for w in found]
    pages = {p.key: p for p in Page.objects.filter(key__in=work_keys)}
    for work in found:
        page = pages.get(work.key)
        work.url = page.url if page else "/" + _spelled(work.key)
    included = frozenset().union(*(keys[t] for t in query.include)) if query.include else frozenset()
    if not included:
        return
    pairs = set(
        _rows(included, query, reader).filter(work_key__in=work_keys).values_list("work_key", "trope_key")
    )
    rows = visible_by_page(
        reader, Example.objects.filter(work_key__in=work_keys, trope_key__in=list(included))
    )
    by_work: dict[str, list[Shown]] = defaultdict(list)
    plays = query.plays or PRESENT_PLAYS
    for row in rows.select_related("page").order_by("work_key", "trope_key", "page_id", "position"):
        if (row.work_key, row.trope_key) not in pairs or len(by_work[row.work_key]) >= EXAMPLES_PER_WORK:
            continue
        if query.plays is not None and row.play not in plays and not row.uncertain:
            continue
        trope = row.trope or row.trope_key
        by_work[row.work_key].append(
            Shown(
                row.trope_key,
                title_from_name(split_target(trope)[1]),
                row.play,
                row.text,
                list(row.spoilers),
                row.page.url,
            )
        )
    wanted = {s.trope_key for v in by_work.values() for s in v}
    titles = dict(visible_pages(reader).filter(key__in=wanted).values_list("key", "title"))
    for work in found:
        work.examples = by_work.get(work.key, [])
        for shown in work.examples:
            shown.trope_title = titles.get(shown.trope_key, shown.trope_title)


def _spelled(key: str) -> str:
    ns, name = split_target(key)
    return f"{ns[:1].upper()}{ns[1:]}/{name}"
