"""The numbers read pages show, kept by the write layer so that no read counts rows.

* Per page (`Tally`): the pages linking to it (its "wicks", and the count on its Related page) and, for
  a trope or work page, the examples other pages state about it that its cross-listing lists, by medium.
* Per namespace, kind and initial letter (`PageCount`): listed pages — not redirects, with a text —
  general and adult apart. The home page's totals, the Media page and a namespace index's count (with
  its A–Z and kind filters) add up a few of these rows.

Two ways to keep them, both inside the transaction that changed the rows:

* One save (`before(page)` as the save begins, `after(page, before, rekeyed_keys)` once its rows are
  replaced): the difference the page's rows make — examples and links gone and new — is added to the
  numbers of the pages they name, so an edit of a work naming 25 popular tropes does not count their
  thousands of examples again, and an edit that keeps its examples and links changes nobody else's.
  The page itself, examples elsewhere the save re-keyed, and whatever a redirect names (its target
  gains or loses a name) are counted again whole.
* A batch (`refresh(keys)`, what a bulk import calls once per batch; `named(*pages)` gives the keys a
  batch's rows name before they are replaced): every page these keys lead to is counted again whole
  from the rows, in chunks, with a constant number of queries a chunk.

Tally rows are locked (`SELECT … FOR UPDATE`, in page-id order) before they are counted or added to:
on PostgreSQL a concurrent save touching the same page waits, then works with the first one's rows
committed, so two saves never both write a number that misses the other's rows. A page's PageCount
moves by ±1 when what it is counted as (`Page.counted`) changes, so an ordinary edit writes no
shared row at all. `problems()` compares every number with a fresh count (`tropebase doctor`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Sum

from .models import Alias, Example, Link, Page, PageCount, Tally
from .resolve import chunked, plural_keys, singular_keys

ADULT = Page.ADULT
#: the letters a namespace index jumps to; "#" holds every title that starts with something else
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: what `bucket_of` and `initial_of` read of a page, and where it is counted now
COUNTED_FIELDS = ("id", "namespace", "kind", "title", "content_rating", "redirect_to", "current_id", "initial",
                  "counted")  # fmt: skip
#: pages whose numbers are counted again per round of queries
BATCH = 500


def initial_of(title: str) -> str:
    """The letter a title is listed under in a namespace index: A–Z, or "#"."""
    first = title[:1].upper()
    return first if first and first in LETTERS else "#"


def bucket_of(page: Page) -> str:
    """What a page is counted as (`Page.counted`): its namespace, kind, initial and rating, or "" when
    it is not listed (a redirect, or a page without a text)."""
    if page.redirect_to or page.current_id is None:
        return ""
    return "\t".join((page.namespace, page.kind, initial_of(page.title), "1" if page.is_adult else "0"))


def named(*pages: Page) -> set[str]:
    """The keys these pages' rows name: their link targets and their examples' tropes and works. Their
    pages' numbers change when these rows do: ask before the rows are replaced, and after (a bulk import
    asks for a whole batch at once)."""
    keys: set[str] = set()
    for chunk in chunked(sorted(p.id for p in pages), BATCH):
        keys.update(Link.objects.filter(page_id__in=chunk).values_list("target_key", flat=True))
        for trope, work in Example.objects.filter(page_id__in=chunk).values_list("trope_key", "work_key"):
            keys.update((trope, work))
    keys.discard("")
    return keys


def refresh(keys: Iterable[str]) -> set[int]:
    """Count again the numbers of every page these keys lead to (by its key, another name, or a
    plural), and move the pages with these keys to the PageCount rows they belong in now. Returns the
    ids of the pages counted again."""
    keys = {k for k in keys if k}
    ids: set[int] = set()
    if not keys:
        return ids
    with transaction.atomic():
        for chunk in chunked(sorted(keys), BATCH):
            _count_pages(chunk)
        for chunk in chunked(sorted(keys), BATCH):
            ids |= _pages_named(chunk)
        for chunk in chunked(sorted(ids), BATCH):
            _tally(chunk)
    return ids


@dataclass(slots=True)
class Before:
    """What one page's rows give other pages' numbers, taken before a save replaces them (`before`), so
    that `after` adds the difference rather than count every page they name again."""

    key: str
    linking: bool  # a listed page (with a text, not a redirect): its links count
    adult: bool  # its links and examples count for readers who opted in only
    name_of: frozenset[str]  # keys of the pages it is another name of (it redirects there)
    examples: Counter  # (trope_key, work_key, medium) → rows
    links: frozenset[str]  # target keys


def before(page: Page) -> Before:
    """The page's contribution to other pages' numbers as its rows were last counted: whether it links
    and is adult as `Page.counted` says (a save may have changed its redirect or rating already)."""
    return _contribution(page, live=False)


def _contribution(page: Page, live: bool) -> Before:
    row = Page.objects.only("id", "key", "redirect_to", "current_id", "content_rating", "counted").get(
        id=page.id
    )
    if live:
        linking, adult = not row.redirect_to and row.current_id is not None, row.is_adult
    else:
        linking, adult = row.counted != "", row.counted.endswith("\t1")
    rows = Example.objects.filter(page_id=page.id).order_by()
    return Before(
        key=row.key,
        linking=linking,
        adult=adult,
        name_of=frozenset(
            Alias.objects.filter(key=row.key, source="redirect").values_list("page__key", flat=True)
        ),
        examples=Counter(rows.values_list("trope_key", "work_key", "medium")),
        links=frozenset(Link.objects.filter(page_id=page.id).values_list("target_key", flat=True)),
    )


def after(page: Page, was: Before, keys: Iterable[str] = ()) -> None:
    """Inside a save's transaction, once the page's rows are replaced: the numbers its old rows (`was`)
    and its new ones give other pages, by difference — one save of a work naming 25 popular tropes
    does not count their thousands of examples again, and an edit that keeps its examples and links
    changes no other page's numbers. Counted again whole: the page itself (its own listing and names),
    `keys` (of the examples elsewhere the save re-keyed: their pages' own statements may have moved
    too), and the pages it redirects to, before and after (they gain or lose a name, and every link
    to it). The Tally rows are locked before the differences are worked out, as `refresh` does."""
    now = _contribution(page, live=True)
    whole = {now.key, was.key, *keys} | was.name_of | now.name_of
    same = (was.linking, was.adult) == (now.linking, now.adult)
    gone = was.examples - now.examples if same else was.examples
    new = now.examples - was.examples if same else now.examples
    links = was.links ^ now.links if same else was.links | now.links
    with transaction.atomic():
        counted = refresh(whole)
        named = {k for trope, work, _ in (*gone, *new) for k in (trope, work) if k and k != now.key}
        pages = dict(Page.objects.filter(key__in=named).values_list("key", "id"))
        kinds = dict(Page.objects.filter(id__in=pages.values()).values_list("id", "kind"))
        linked = {i: names for i, names in _names(links).items() if i != page.id}
        locked = _locked(sorted((set(pages.values()) | set(linked)) - counted))
        if locked:
            _add(_differences(was, now, gone, new, linked, pages, kinds), locked)


def _differences(was, now, gone, new, linked, pages, kinds) -> dict[int, list]:
    """Page id → [wicks, wicks on general pages, {medium: [examples, general examples]}] to add: −1 for
    what the old rows gave (as they were counted), +1 for what the new ones give. `linked`: page id →
    its names, for the pages whose links changed; `pages`, `kinds`: the pages the changed examples name."""
    out: dict[int, list] = defaultdict(lambda: [0, 0, defaultdict(lambda: [0, 0])])
    for page_id, names in linked.items():
        for side, sign in ((was, -1), (now, 1)):
            if side.linking and names & side.links:
                out[page_id][0] += sign
                out[page_id][1] += sign * (not side.adult)
    rows = [(was, -1, gone), (now, 1, new)]
    stated = _stated_by(pages, kinds, {(t, w) for _, _, found in rows for t, w, _ in found})
    for side, sign, found in rows:
        for (trope, work, medium), n in found.items():
            for key, other, kind in ((trope, work, "trope"), (work, trope, "work")):
                page_id = pages.get(key)
                if page_id is None or kinds.get(page_id) != kind or (key, other) in stated:
                    continue
                counted = out[page_id][2][medium]
                counted[0] += sign * n
                counted[1] += sign * n * (not side.adult)
    return out


def _names(targets: Iterable[str]) -> dict[int, set[str]]:
    """Page id → every key that leads to it (its own, its other names', their plurals), for the pages
    these link targets lead to."""
    ids: set[int] = set()
    for chunk in chunked(sorted(targets), BATCH):
        ids |= _pages_named(chunk)
    names: dict[int, set[str]] = defaultdict(set)
    for chunk in chunked(sorted(ids), BATCH):
        for page_id, key in Page.objects.filter(id__in=chunk).values_list("id", "key"):
            names[page_id].add(key)
        for page_id, key in Alias.objects.filter(page_id__in=chunk).values_list("page_id", "key"):
            names[page_id].add(key)
    return {i: {k for key in keys for k in (key, *plural_keys(key))} for i, keys in names.items()}


def _locked(ids: list[int]) -> dict[int, Tally]:
    """The Tally rows of these pages, locked in page-id order; pages never counted are counted whole
    (and left out)."""
    locked: dict[int, Tally] = {}
    for chunk in chunked(ids, BATCH):
        rows = Tally.objects.select_for_update().filter(page_id__in=chunk).order_by("page_id")
        locked |= {t.page_id: t for t in rows}
    missing = [i for i in ids if i not in locked]
    for chunk in chunked(missing, BATCH):
        _tally(chunk)
    return locked


def _stated_by(
    pages: dict[str, int], kinds: dict[int, str], pairs: set[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Of these (trope_key, work_key) pairs, each as (page key, the other key) when the trope's page
    (or the work's) states the pair itself: such rows elsewhere are not in its cross-listing."""
    found: set[tuple[str, str]] = set()
    key_of_page = {i: key for key, i in pages.items()}
    for kind, key_at, other_at in (("trope", 0, 1), ("work", 1, 0)):
        ids = [i for i in pages.values() if kinds.get(i) == kind]
        others = {pair[other_at] for pair in pairs if pair[key_at] in pages}
        if not ids or not others:
            continue
        other_field = "work_key" if kind == "trope" else "trope_key"
        for chunk in chunked(sorted(others), BATCH):
            rows = Example.objects.filter(page_id__in=ids, **{f"{other_field}__in": chunk}).order_by()
            for page_id, trope, work in rows.values_list("page_id", "trope_key", "work_key"):
                pair = (trope, work)
                if pair[key_at] == key_of_page[page_id] and (kind == "work" or work):
                    found.add((pair[key_at], pair[other_at]))
    return found


def _add(differences: dict[int, list], locked: dict[int, Tally]) -> None:
    """Add the differences to the locked Tally rows (others were just counted whole)."""
    for page_id, tally in locked.items():
        wicks, general, media = differences.get(page_id, (0, 0, {}))
        if not (wicks or general or any(n != [0, 0] for n in media.values())):
            continue
        listed = {m: list(n) for m, n in tally.listed.items()}
        for medium, (n, g) in media.items():
            total = listed.setdefault(medium, [0, 0])
            total[0] += n
            total[1] += g
        Tally.objects.filter(page_id=page_id).update(
            wicks=tally.wicks + wicks,
            wicks_general=tally.wicks_general + general,
            listed={m: n for m, n in listed.items() if n[0]},
        )


def refresh_all() -> None:
    """Every page's numbers counted again (a new database, `tropebase doctor --repair`)."""
    last = 0
    while True:
        keys = list(Page.objects.filter(id__gt=last).order_by("id").values_list("id", "key")[:BATCH])
        if not keys:
            return
        refresh(key for _, key in keys)
        last = keys[-1][0]


def count_missing() -> bool:
    """Pages saved before their numbers were kept get them now, every page's with them: run at every
    start (`prepare_database`), one query once done. True when it counted."""
    uncounted = Page.objects.filter(counted="", redirect_to="").exclude(current=None)
    if not uncounted.exists():
        return False
    rebuild()
    return True


def rebuild() -> None:
    """Every number counted again from the rows: the PageCount rows from scratch, then each page's
    Tally (`tropebase doctor --repair`, and a database that had none)."""
    with transaction.atomic():
        PageCount.objects.all().delete()
        Page.objects.exclude(counted="").update(counted="")
        refresh_all()


def problems() -> list[str]:
    """Numbers that differ from a fresh count (what `tropebase doctor` reports), checked in batches."""
    found = []
    have = Counter()
    for row in PageCount.objects.all():
        have["\t".join((row.namespace, row.kind, row.initial, "1" if row.adult else "0"))] += row.pages
    want = Counter()
    stale = 0
    for page in Page.objects.only(*COUNTED_FIELDS).iterator(chunk_size=2000):
        bucket = bucket_of(page)
        if bucket:
            want[bucket] += 1
        stale += bucket != page.counted or initial_of(page.title) != page.initial
    for bucket in sorted(set(have) | set(want)):
        if have[bucket] != want[bucket]:
            found.append(
                f"pages counted in {bucket.replace(chr(9), ' ')}: {have[bucket]}, not {want[bucket]}"
            )
    if stale:
        found.append(f"{stale} pages say they are counted where they do not belong")
    last = 0
    while True:
        pages = list(Page.objects.filter(id__gt=last).order_by("id").only("id", "key", "kind")[:BATCH])
        if not pages:
            break
        tallies = {t.page_id: t for t in Tally.objects.filter(page_id__in=[p.id for p in pages])}
        wicks = _wicks(pages)
        listed = _listed([p for p in pages if p.kind == "trope"], "trope_key", "work_key")
        listed |= _listed([p for p in pages if p.kind == "work"], "work_key", "trope_key")
        for page in pages:
            tally = tallies.get(page.id) or Tally(page_id=page.id)
            want_tally = (*wicks.get(page.id, (0, 0)), listed.get(page.key, {}))
            if (tally.wicks, tally.wicks_general, tally.listed) != want_tally:
                found.append(f"{page.key}: counted {tally.wicks} wicks {tally.listed}, not "
                             f"{want_tally[0]} wicks {want_tally[2]}")  # fmt: skip
        last = pages[-1].id
    return found


def _pages_named(keys: list[str]) -> set[int]:
    """Ids of the pages these keys lead to: as their own keys, other names, or plurals of either."""
    wanted = set(keys) | {s for k in keys for s in singular_keys(k)}
    ids = set(Page.objects.filter(key__in=wanted).values_list("id", flat=True))
    ids |= set(Alias.objects.filter(key__in=wanted).values_list("page_id", flat=True))
    return ids


def _count_pages(keys: list[str]) -> None:
    """Move each page with one of these keys into the PageCount row it belongs in now."""
    moves: Counter[str] = Counter()
    for page in Page.objects.filter(key__in=keys).only(*COUNTED_FIELDS):
        bucket, initial = bucket_of(page), initial_of(page.title)
        if bucket == page.counted and initial == page.initial:
            continue
        if bucket != page.counted:
            moves[page.counted] -= 1
            moves[bucket] += 1
        Page.objects.filter(id=page.id).update(counted=bucket, initial=initial)
    _move(moves)


def _move(moves: Counter[str]) -> None:
    """Add these changes to the PageCount rows, in one order (two saves never wait on each other's)."""
    changes = sorted((b, n) for b, n in moves.items() if b and n)
    if not changes:
        return
    rows = [_bucket_row(b) for b, _ in changes]
    PageCount.objects.bulk_create(rows, ignore_conflicts=True)
    for row, (_, n) in zip(rows, changes, strict=True):
        PageCount.objects.filter(
            namespace=row.namespace, kind=row.kind, initial=row.initial, adult=row.adult
        ).update(pages=F("pages") + n)


def _bucket_row(bucket: str) -> PageCount:
    namespace, kind, initial, adult = bucket.split("\t")
    return PageCount(namespace=namespace, kind=kind, initial=initial, adult=adult == "1", pages=0)


def _tally(ids: list[int]) -> None:
    """Count again the wicks and cross-listings of these pages, their Tally rows locked first."""
    have = set(Tally.objects.filter(page_id__in=ids).values_list("page_id", flat=True))
    if len(have) < len(ids):
        Tally.objects.bulk_create([Tally(page_id=i) for i in ids if i not in have], ignore_conflicts=True)
    locked = Tally.objects.select_for_update().filter(page_id__in=ids).order_by("page_id")
    tallies = {t.page_id: t for t in locked}
    pages = list(Page.objects.filter(id__in=ids).only("id", "key", "kind"))
    wicks = _wicks(pages)
    listed = _listed([p for p in pages if p.kind == "trope"], "trope_key", "work_key")
    listed |= _listed([p for p in pages if p.kind == "work"], "work_key", "trope_key")
    for page in pages:
        tally = tallies[page.id]
        every, general = wicks.get(page.id, (0, 0))
        media = listed.get(page.key, {})
        if (tally.wicks, tally.wicks_general, tally.listed) != (every, general, media):
            Tally.objects.filter(page_id=page.id).update(wicks=every, wicks_general=general, listed=media)


def _wicks(pages: list[Page]) -> dict[int, tuple[int, int]]:
    """Page id → (pages linking to it under any of its names, those of them that are general): pages
    other than itself, with a text, that are not redirects."""
    names: dict[str, set[int]] = defaultdict(set)
    for page in pages:
        names[page.key].add(page.id)
    for page_id, key in Alias.objects.filter(page_id__in=[p.id for p in pages]).values_list("page_id", "key"):
        names[key].add(page_id)
    for name, owners in list(names.items()):
        for plural in plural_keys(name):
            names[plural] |= owners
    linking: dict[int, dict[int, bool]] = defaultdict(dict)
    for chunk in chunked(names):
        links = Link.objects.filter(target_key__in=chunk, page__redirect_to="", page__current__isnull=False)
        for target, page_id, rating in links.values_list("target_key", "page_id", "page__content_rating"):
            for owner in names[target]:
                if owner != page_id:
                    linking[owner][page_id] = rating != ADULT
    return {owner: (len(by), sum(by.values())) for owner, by in linking.items()}


def _listed(pages: list[Page], key: str, other: str) -> dict[str, dict[str, list[int]]]:
    """Page key → medium → [examples, examples on general pages] of its cross-listing (`listing_rows`),
    for trope pages (`key` trope_key, `other` work_key) or work pages (the other way round): every row
    about it, counted from the index alone, less the rows on the page itself, the rows elsewhere naming
    a work (a trope) its own examples name, and — for general readers — the rows on adult pages."""
    if not pages:
        return {}
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    adult_pages = set(Page.objects.filter(content_rating=ADULT).values_list("id", flat=True))

    def less(this: str, medium: str, page_id: int) -> None:
        counted = out[this][medium]
        counted[0] -= 1
        counted[1] -= page_id not in adult_pages

    for chunk in chunked([p.key for p in pages], BATCH):
        about = Example.objects.filter(**{f"{key}__in": chunk}).order_by()
        for this, medium, n in about.values_list(key, "medium").annotate(n=Count("id")):
            out[this][medium] = [n, n]
        if adult_pages:
            for this, medium, n in (
                about.filter(page_id__in=adult_pages).values_list(key, "medium").annotate(n=Count("id"))
            ):
                out[this][medium][1] -= n
        own_page = dict(Page.objects.filter(key__in=chunk).values_list("id", "key"))
        stated: dict[str, set[str]] = defaultdict(set)
        own = Example.objects.filter(page_id__in=own_page).order_by()
        for page_id, this, that, medium in own.values_list("page_id", key, other, "medium"):
            if this == own_page[page_id]:
                less(this, medium, page_id)
                if that or key == "work_key":  # a trope page's example without a work names no work
                    stated[this].add(that)
        page_of = {k: i for i, k in own_page.items()}
        for those in chunked(sorted({that for them in stated.values() for that in them})):
            rows = about.filter(**{f"{key}__in": list(stated), f"{other}__in": those})
            for this, that, medium, page_id in rows.values_list(key, other, "medium", "page_id"):
                if that in stated[this] and page_id != page_of[this]:
                    less(this, medium, page_id)
    return {k: {m: n for m, n in media.items() if n[0]} for k, media in out.items()}


def listing_rows(page: Page):
    """The example rows a trope or work page's cross-listing lists (None for any other page): those
    other pages state about it, less those naming a work (on a trope page) or a trope (on a work page)
    that its own examples name. The read layer lists them; `refresh` counts them."""
    if page.kind == "trope":
        key, other = "trope_key", "work_key"
    elif page.kind == "work":
        key, other = "work_key", "trope_key"
    else:
        return None
    own = Example.objects.filter(page=page, **{key: page.key})
    if key == "trope_key":
        own = own.exclude(work_key="")
    return (
        Example.objects.filter(**{key: page.key})
        .exclude(page=page)
        .exclude(**{f"{other}__in": own.values(other)})
    )


# Reading the numbers back: one indexed lookup, or the sum of a few PageCount rows.


def tally(page: Page) -> Tally:
    """The page's numbers (all zero when none were counted)."""
    return Tally.objects.filter(page_id=page.id).first() or Tally(page_id=page.id)


def pages_counted(show_adult: bool, **where) -> int:
    """Listed pages in the PageCount rows matching `where` (namespace, kind, initial)."""
    rows = PageCount.objects.filter(**where)
    if not show_adult:
        rows = rows.filter(adult=False)
    return rows.aggregate(n=Sum("pages"))["n"] or 0


def pages_by(field: str, show_adult: bool) -> dict[str, int]:
    """Listed pages added up by `field` (namespace or kind)."""
    rows = PageCount.objects.all() if show_adult else PageCount.objects.filter(adult=False)
    grouped = rows.values(field).annotate(n=Sum("pages")).order_by()
    return {row[field]: row["n"] for row in grouped if row["n"]}
