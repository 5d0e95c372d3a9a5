"""The write layer's batched form of `store.save_page`, for imports: the same compile and the same rows,
written many pages per transaction at the database's own speed.

A batch is read in one query to sort its pages: a page whose current text has the same digest (and the
same title and rating) is left as it is without compiling it; a page that exists and changed is saved
by `save_page` itself (its edit semantics: kept example ids, re-keying, rendering); the new pages are
compiled, then created together in one transaction — pages, other names, revisions, rows (plain tuples
through `wiki.tablewrite`), appearances, search entries — with one cache drop after the commit. If the
batch cannot be written whole, each of its pages is saved on its own, so one bad page fails alone and
the report says why.

Pages elsewhere whose links change colour because a batch created what they name are recorded in
`PendingRender` inside the batch's transaction and rendered once at the end of the import
(`render_pending`; every start finishes what an interrupted import left), not once per batch.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from ..catalog.facts import PageFacts
from ..catalog.rating import suggest_rating
from ..markup import parse
from ..markup.names import title_from_name, to_wikiword
from . import appearances, counts, hierarchy, models, pagecache, rows, search
from .compiling import compiled, compiled_remote, worker_start
from .diskspace import storage_failure
from .limits import PageRefused, check_page, check_size
from .models import Alias, Page, PendingRender, Revision, page_key, text_digest
from .resolve import (
    alias_key,
    canonical,
    chunked,
    key_of,
    namesake_keys,
    plural_keys,
    redirect_pages,
    resolve_many,
)
from .search.text import grams
from .store import _render, drop_after_commit, rerender, save_page
from .tablewrite import IMPORT_CACHE_KIB, insert_rows, refresh_statistics, reserve_ids, rows_in
from .titles import titles_for

Pair = tuple[str, str]  # (work_key, trope_key)
log = logging.getLogger(__name__)

#: pages per transaction: big enough that statements are few, small enough that a failed batch is
#: cheap to save again page by page and that the import shows steady progress
BATCH = 500


@dataclass(slots=True)
class Incoming:
    """One page to save, as an importer gives it."""

    target: str
    text: str
    title: str | None = None
    rating: str | None = None
    summary: str = ""
    refused: str = ""  # the importer refused it already (an empty file): reported as failed, in order
    author: object = None  # who wrote it, when not the import's author (a restored dump's revision)


@dataclass(slots=True)
class Outcome:
    target: str
    status: str  # created, changed, unchanged, failed
    error: str = ""


@dataclass(slots=True)
class _New:
    """A page to create, compiled."""

    incoming: Incoming
    target: str
    key: str
    text: str
    doc: object
    facts: PageFacts
    facts_text: str  # the facts as the revision keeps them
    body: str  # the visible text search reads
    page: Page | None = None
    aliases: list[tuple[str, str, str, str]] = field(default_factory=list)  # (name, key, word, source)


def save_pages(
    items: Iterable[Incoming], *, author=None, batch_size: int = BATCH, workers: int | None = None
) -> Iterator[Outcome]:
    """Save each page as `save_page` would (moderator rights: an import may write protected pages);
    yields each page's outcome once its batch is written. A page named twice is saved twice, in order.

    While a batch is written, the next one is compiled in `workers` other processes (default: one
    fewer than the machine's cores, at most 4; 0 compiles here) — the compile is pure, so it gives the
    same facts anywhere."""
    workers = max(0, min(4, (os.cpu_count() or 1) - 1)) if workers is None else workers
    pool: ProcessPoolExecutor | None = None
    waiting: _Sorted | None = None
    room = _index_room()
    written = 0
    try:
        for batch in _batches(items, batch_size):
            sorted_ = _sort(batch)
            if pool is None and workers and len(sorted_.to_compile) >= POOL_FROM:
                pool = _pool(workers)
            sorted_.compiled = _compile(sorted_.to_compile, pool)
            if waiting is not None:
                yield from _finish(waiting, author)
                written += 1
                if written & (written - 1) == 0:  # after batch 1, 2, 4, 8…: the tables doubled
                    refresh_statistics(GROWING)
            waiting = sorted_
        if waiting is not None:
            yield from _finish(waiting, author)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        room()
    render_pending()


def _index_room():
    """Give this SQLite connection a page cache fit for bulk inserts; returns how to put it back."""
    if connection.vendor != "sqlite":
        return lambda: None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")

    def put_back() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")

    return put_back


def _pool(workers: int) -> ProcessPoolExecutor:
    """Processes that compile: forked where the system can (they start with Django set up and need
    no main module to import again), spawned elsewhere."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method), initializer=worker_start
    )


#: the tables a bulk import grows, whose statistics it refreshes as they double
GROWING = ["wiki_page", "wiki_alias", "wiki_example", "wiki_appearance", "wiki_link", "wiki_revision"]

#: new pages in a batch before compiling them in other processes pays for starting those
POOL_FROM = 100


def _batches(items: Iterable[Incoming], size: int) -> Iterator[list[Incoming]]:
    """Batches of `size` pages; a page named again starts a new batch (its two saves stay in order)."""
    batch: list[Incoming] = []
    keys: set[str] = set()
    for item in items:
        key = canonical(item.target).lower()
        if key in keys or len(batch) >= size:
            yield batch
            batch, keys = [], set()
        batch.append(item)
        keys.add(key)
    if batch:
        yield batch


@dataclass(slots=True)
class _Sorted:
    """A batch sorted by what it needs: outcomes known already, pages that exist, pages to create."""

    outcomes: dict[int, Outcome]
    edits: list[tuple[int, Incoming]]
    to_compile: list[tuple[int, Incoming, str, str]]  # (index, page, target, text)
    compiled: Iterator[tuple] | None = None


def _sort(batch: list[Incoming]) -> _Sorted:
    """One query for the batch's pages: unchanged ones are done; those that exist are edits."""
    sorted_ = _Sorted({}, [], [])
    checked: list[tuple[int, Incoming, str, str]] = []
    for i, item in enumerate(batch):
        target = canonical(item.target)
        text = item.text.replace("\r\n", "\n")
        if item.refused:
            sorted_.outcomes[i] = Outcome(target, "failed", item.refused)
            continue
        try:
            check_size(text)
            check_page(target, text, item.title)
        except PageRefused as exc:
            sorted_.outcomes[i] = Outcome(target, "failed", str(exc))
            continue
        checked.append((i, item, target, text))
    current = {
        key: (title, rating, digest)
        for key, title, rating, digest in Page.objects.filter(
            key__in=[page_key(t) for _, _, t, _ in checked]
        ).values_list("key", "title", "content_rating", "current__digest")
    }
    for i, item, target, text in checked:
        if page_key(target) not in current:
            sorted_.to_compile.append((i, item, target, text))
            continue
        title, rating, digest = current[page_key(target)]
        if (
            digest == text_digest(text)
            and (item.title is None or item.title == title)
            and (item.rating is None or item.rating == rating)
        ):
            sorted_.outcomes[i] = Outcome(target, "unchanged")
        else:
            sorted_.edits.append((i, item))
    return sorted_


def _compile(
    pages: list[tuple[int, Incoming, str, str]], pool: ProcessPoolExecutor | None
) -> Iterator[tuple]:
    """Each page compiled (`compiled`), in order: in the pool's processes while the caller goes on."""
    work = [(target, text, item.title) for _, item, target, text in pages]
    if pool is None:
        return iter([compiled(*w) for w in work])
    return pool.map(compiled_remote, work, chunksize=25)  # each item is one argument tuple


def _finish(sorted_: _Sorted, author) -> list[Outcome]:
    """Write the batch: its edits one by one (`save_page`), its new pages together."""
    outcomes = sorted_.outcomes
    for i, item in sorted_.edits:
        outcomes[i] = _save_one(item, item.author or author)
    new: list[tuple[int, _New]] = []
    for (i, item, target, text), (doc, facts, facts_text, body, error) in zip(
        sorted_.to_compile, sorted_.compiled or (), strict=True
    ):
        if error:
            outcomes[i] = Outcome(target, "failed", error)
            continue
        new.append(
            (i, _New(item, target, page_key(target), text, doc or parse(text), facts, facts_text, body))
        )
    if new:
        try:
            with transaction.atomic():
                _create([n for _, n in new], author)
        except Exception as exc:
            if storage_failure(exc):
                raise
            log.warning("a batch of %d new pages could not be written whole (%s): saving each on its own",
                        len(new), exc)  # fmt: skip
            for i, n in new:  # the batch is rolled back: each page on its own, failing alone
                outcomes[i] = _save_one(n.incoming, n.incoming.author or author)
        else:
            for i, n in new:
                outcomes[i] = Outcome(n.target, "created")
    return [outcomes[i] for i in sorted(outcomes)]


def _save_one(item: Incoming, author) -> Outcome:
    """A page saved by `save_page` alone, in its own transaction."""
    target = canonical(item.target)
    try:
        result = save_page(target, item.text, author=author, title=item.title, rating=item.rating,
                           summary=item.summary, moderator=True)  # fmt: skip
    except Exception as exc:
        if storage_failure(exc):
            raise
        return Outcome(target, "failed", str(exc))
    return Outcome(target, "created" if result.created else "changed" if result.changed else "unchanged")


def _create(new: list[_New], author) -> None:
    """Inside the batch's transaction: every page of `new` with all a save writes for it."""
    pages = [
        Page(key=n.key, namespace=n.target.split("/", 1)[0], name=n.target.split("/", 1)[1],
             title=n.incoming.title or n.facts.title, kind=n.facts.kind, redirect_to=n.facts.redirect or "",
             content_rating=n.incoming.rating or suggest_rating(n.facts))
        for n in new
    ]  # fmt: skip
    Page.objects.bulk_create(pages)
    for n, page in zip(new, pages, strict=True):
        n.page = page
    batch_ids = {p.id for p in pages}
    also = _other_names(new, batch_ids)
    memo: dict = {}  # no page is created or renamed from here on: lookups are shared by the batch
    _revisions(new, author, memo)
    pairs, fresh = _rows(new, memo)
    names = {k for n in new for key in (n.key, *(a[1] for a in n.aliases)) for k in (key, *plural_keys(key))}
    pairs |= rows.rekey(names)
    appearances.refresh(pairs, fresh, batch_ids)
    _search_entries(new, also)
    _pending_renders(names, batch_ids)
    if any(n.facts.relations for n in new) or any(
        models.Relation.objects.filter(target_key__in=chunk).exists() for chunk in chunked(names)
    ):
        hierarchy.changed()
    mentioned = {k for pair in pairs for k in pair}
    counts.refresh(names | mentioned | {page_key(t) for n in new for t in n.facts.links} | _keys_of(also))
    drop_after_commit({n.key for n in new} | mentioned | _namesakes(new) | {pagecache.HOME})


def _other_names(new: list[_New], batch_ids: set[int]) -> set[int]:
    """The batch's aliases: redirect pages already here that point at a new page, the aliases each
    description gives, and the new redirect pages, in the order a save writes them. Returns the pages
    outside the batch that gained a name (their search entries list it)."""
    by_key = {n.key: n for n in new}
    Alias.objects.filter(source="redirect", key__in=list(by_key)).delete()
    adopted = []
    for source in (p for p in redirect_pages(by_key) if p.id not in batch_ids):
        target = by_key[key_of(source.redirect_to)]
        Alias.objects.filter(source="redirect", key=source.key).delete()
        adopted.append((target, source.name, source.key, alias_key(source.namespace, source.name)[1]))
    for target, name, key, word in adopted:
        target.aliases.append((name, key, word, "redirect"))
    for n in new:
        seen: dict[str, tuple] = {}
        for name in n.facts.aliases:
            key, word = alias_key(n.page.namespace, name)
            if word and key != n.key:
                seen.setdefault(key, (name, key, word, "description"))
        n.aliases += seen.values()
    Alias.objects.bulk_create(
        [Alias(page=n.page, name=a[0], key=a[1], word=a[2], source=a[3]) for n in new for a in n.aliases],
        batch_size=1000,
    )
    redirecting = [n for n in new if n.facts.redirect]
    leads_to = resolve_many([n.facts.redirect for n in redirecting])
    outside: set[int] = set()
    made = []
    for n in redirecting:
        target = leads_to.get(canonical(n.facts.redirect).lower())
        if target is not None and target.id != n.page.id:
            word = alias_key(n.page.namespace, n.page.name)[1]
            made.append(Alias(page=target, name=n.page.name, key=n.key, word=word, source="redirect"))
            inside = next((m for m in new if m.page.id == target.id), None)
            if inside is not None:
                inside.aliases.append((n.page.name, n.key, word, "redirect"))
            else:
                outside.add(target.id)
    Alias.objects.bulk_create(made)
    return outside


def _revisions(new: list[_New], author, memo: dict) -> None:
    """Each page's first revision, rendered with the batch's link titles, made current."""
    titles = titles_for({t for n in new for t in n.facts.links}, memo)
    ids = reserve_ids(Revision, len(new))
    now = timezone.now()
    columns = ["id", "page_id", "number", "parent_id", "text", "author_id", "created", "summary", "size",
               "hidden", "html", "facts", "digest"]  # fmt: skip
    insert_rows(Revision, columns, (
        (rid, n.page.id, 1, None, n.text, _author_id(n.incoming.author or author), now, n.incoming.summary[:500],
         len(n.text.encode()), False, _render(n.doc, n.facts, titles=titles), n.facts_text,
         text_digest(n.text))
        for rid, n in zip(ids, new, strict=True)
    ))  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE wiki_page SET current_id = %s WHERE id = %s",
            [(rid, n.page.id) for rid, n in zip(ids, new, strict=True)],
        )
    for rid, n in zip(ids, new, strict=True):
        n.page.current_id = rid


def _author_id(author) -> int | None:
    return author.id if author is not None else None


def _rows(new: list[_New], memo: dict) -> tuple[set[Pair], dict[Pair, list[dict]]]:
    """The facts rows of every page (`wiki.rows`, planned for the whole batch at once); returns the
    (work, trope) pairs their examples state, and those statements (`appearances.statement`)."""
    by_title = rows.work_pages_by_title({w for n in new for w in rows.titled_works(n.facts)})
    works = [rows.example_works(n.facts, by_title) for n in new]
    resolve_many({name for n, w in zip(new, works, strict=True) for name in rows.example_names(n.facts, w)},
                 follow_redirects=True, memo=memo)  # fmt: skip
    insert_rows(models.Relation, ["page_id", "kind", "target_key", "target"],
                ((n.page.id, r.kind, page_key(r.target), r.target) for n in new for r in n.facts.relations))  # fmt: skip
    insert_rows(models.Link, ["page_id", "target_key"],
                ((n.page.id, page_key(t)) for n in new for t in set(n.facts.links)))  # fmt: skip
    insert_rows(models.Quote, ["page_id", "text", "source", "section", "line"], (
        (n.page.id, q.text, q.source or "",
         (n.facts.sections[q.section].label or "") if q.section is not None else "", q.line)
        for n in new for q in n.facts.quotes
    ))  # fmt: skip
    planned = [rows.planned_examples(n.page, n.facts, memo, by_title) for n in new]
    ids = reserve_ids(models.Example, sum(len(p) for p in planned))
    at = 0
    for n, examples in zip(new, planned, strict=True):
        for row in examples:
            row.id = ids[at]
            at += 1
        for row, e in zip(examples, n.facts.examples, strict=True):
            row.parent_id = examples[e.parent].id if e.parent is not None else None
    columns = ["id", "page_id", "position", "trope_key", "trope", "trope_named", "work_key", "work_target",
               "work_named", "work_title", "medium", "section", "depth", "parent_id", "play", "uncertain",
               "text", "spoilers", "line"]  # fmt: skip
    insert_rows(models.Example, columns, (
        (r.id, n.page.id, r.position, r.trope_key, r.trope, r.trope_named, r.work_key, r.work_target,
         r.work_named, r.work_title, r.medium, r.section, r.depth, r.parent_id, r.play, r.uncertain, r.text,
         json.dumps(list(r.spoilers)), r.line)
        for n, examples in zip(new, planned, strict=True) for r in examples
    ))  # fmt: skip
    insert_rows(models.Footnote, ["page_id", "number", "label", "text", "line", "example_id"], (
        (n.page.id, f.number, f.label or "", f.text, f.line, examples[f.example].id if f.example is not None else None)
        for n, examples in zip(new, planned, strict=True) for f in n.facts.footnotes
    ))  # fmt: skip
    fresh: dict[Pair, list[dict]] = defaultdict(list)
    for n, examples in zip(new, planned, strict=True):
        for r in examples:
            if r.work_key and r.trope_key:
                fresh[(r.work_key, r.trope_key)].append(appearances.statement(r, n.page))
    return set(fresh), fresh


def _search_entries(new: list[_New], also: set[int]) -> None:
    """Each new page's search entry (`wiki.search.entries`, from the parsed text and the names just
    written), and the other names of pages outside the batch that a new redirect points at."""
    entries = []
    for n in new:
        if n.page.redirect_to:
            continue
        title = n.page.title
        names = [n.page.name, title_from_name(n.page.name)]
        for name, *_ in n.aliases:
            names += [name, title_from_name(to_wikiword(name) or name)]
        names_text = " ".join(dict.fromkeys(x for x in names if x and x != title))
        body = n.body
        entries.append((n.page.id, title, to_wikiword(title).lower()[:300], names_text, body,
                        grams(" ".join((title, names_text, body)))))  # fmt: skip
    insert_rows(models.SearchEntry, ["page_id", "title", "word", "names", "body", "grams"], entries)
    if also:
        search.entries.refresh_names(also)


def _keys_of(page_ids: set[int]) -> set[str]:
    """Keys of these pages (outside the batch, they gained another name in it)."""
    return {key for (key,) in rows_in(Page, ["key"], "id", page_ids)}


def _pending_renders(names: set[str], batch_ids: set[int]) -> None:
    """Pages outside the batch linking to a name it created show that link differently now."""
    linking = {page_id for (page_id,) in rows_in(models.Link, ["page_id"], "target_key", names)}
    linking -= batch_ids
    PendingRender.objects.bulk_create(
        [PendingRender(page_id=i) for i in sorted(linking)], ignore_conflicts=True, batch_size=1000
    )


def _namesakes(new: list[_New]) -> set[str]:
    """Pages about the same subject as a new page (its subpages, or a subpage's namesakes): they show it
    among their tabs."""
    wanted = {key for n in new for key in namesake_keys(n.page)}
    return {key for (key,) in rows_in(Page, ["key"], "key", wanted)}


def render_pending(batch: int = 200) -> int:
    """Render again the pages a bulk import left waiting (`PendingRender`), a batch per transaction.
    Returns how many were rendered."""
    done = 0
    while True:
        with transaction.atomic():
            ids = list(PendingRender.objects.order_by("page_id").values_list("page_id", flat=True)[:batch])
            if not ids:
                return done
            rerender(set(ids))
            PendingRender.objects.filter(page_id__in=ids).delete()
        done += len(ids)
