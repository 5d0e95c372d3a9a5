"""The write layer: every change to pages goes through here — save (an edit, an import, a merge),
revert, rate, protect, hide a revision, move — and each drops exactly the cached pages it affects.

A save parses and compiles the text before the transaction; inside it, the new revision is written with
its rendered HTML and its compiled facts (the `check --format json` object), the page's facts rows are
derived from those facts (`wiki.rows`), the appearances they state are brought up to date
(`wiki.appearances`), examples on other pages that name this page under a name it just gained or lost
are re-keyed, pages whose HTML shows this page (a red link turned blue, a title) are rendered again,
and the page's search entry is rewritten (`wiki.search`).
So a reader's request never parses or compiles anything. A save based on a revision that is no longer
current is refused with StaleBase, so the caller can merge (`wiki.edits`) — text is never silently
overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from ..catalog import compile_page
from ..catalog.export import facts_json
from ..catalog.facts import PageFacts
from ..catalog.rating import suggest_rating
from ..markup import parse, to_html
from ..markup.names import split_target, title_from_name
from ..textmerge import merge3
from . import appearances, counts, hierarchy, models, pagecache, rows, search
from .limits import PageRefused, check_page, check_size, fit_facts
from .models import Page, Revision, page_key, text_digest
from .resolve import canonical, chunked, key_of, names_of, namesake_keys, redirects_to
from .titles import Titles, titles_for


class StaleBase(Exception):
    """The edit was based on a revision that is no longer the page's current one."""

    def __init__(self, current: Revision) -> None:
        super().__init__(f"{current.page} has changed since (now revision {current.number})")
        self.current = current


class ProtectedPage(Exception):
    """Only moderators may edit this page."""


@dataclass(slots=True)
class SaveResult:
    page: Page
    revision: Revision
    created: bool  # the page did not exist before
    changed: bool  # a new revision was written (False when the text was already current)
    facts: PageFacts


def save_page(
    target: str,
    text: str,
    *,
    author=None,
    summary: str = "",
    base: int | None = None,
    title: str | None = None,
    rating: str | None = None,
    moderator: bool = False,
    force: bool = False,
) -> SaveResult:
    """Write `text` as the new revision of the page `target` (`Namespace/Name`) and replace its facts.

    `base` is the revision number the edit started from (None: don't check; 0: the editor saw no
    page). `title` sets the page's display title (imports know it); `rating` its content rating
    ("general"/"adult"); `force` writes a revision even when the text is already current (a restore
    replaying a history where only the title changed). Raises StaleBase when `base` is not current — also when another editor created
    the page meanwhile — ProtectedPage when a protected page is edited by a non-moderator,
    PageTooLarge over the size limit, and limits.PageRefused when the name or text cannot be stored
    (the same on every database).
    """
    target = canonical(target)
    text = text.replace("\r\n", "\n")
    check_size(text)
    check_page(target, text, title)
    key = page_key(target)
    doc = parse(text)
    # an edit keeps the page's title: a work page's examples are about the work under that title
    known_title = title or Page.objects.filter(key=key).values_list("title", flat=True).first()
    facts = compile_page(doc, target, title=known_title)
    fit_facts(facts)
    with transaction.atomic():
        page = _locked_page(key)
        created = page is None
        if created:
            ns, name = target.split("/", 1)
            page = Page(key=key, namespace=ns, name=name, title=title or facts.title)
            page.content_rating = rating or suggest_rating(facts)
            try:
                with transaction.atomic():  # a savepoint: another editor may create it at the same time
                    page.save()
            except IntegrityError:
                page = _locked_page(key)
                created = False
                if page is None:
                    raise
        retitled = False
        if not created:
            current = page.current
            if page.protected and not moderator:
                raise ProtectedPage(f"{page} is protected")
            if base is not None and current is not None and current.number != base:
                raise StaleBase(current)
            unchanged = current is not None and current.text == text
            if unchanged and not force and (title is None or title == page.title):
                if rating is not None and rating != page.content_rating:
                    _rate(page, rating)
                return SaveResult(page, current, False, False, facts)
            retitled = bool(title) and title != page.title
            if title:
                page.title = title
            if rating and rating != page.content_rating:
                _rate(page, rating)
        names_before = set() if created else _names(page)
        revision, names = _write_revision(page, text, doc, facts, author, summary, names_before, created)
        if retitled:  # links to it show its title
            _rerender_linkers(names)
    return SaveResult(page, revision, created, True, facts)


def _write_revision(
    page, text, doc, facts, author, summary, names_before, created
) -> tuple[Revision, set[str]]:
    """Inside a save's transaction: the page's new current revision and all that follows from it.
    Returns the revision and the names that lead to the page now."""
    redirected = _take_kind(page, facts)
    previous = page.current
    memo: dict = {}  # name lookups shared by the render and the rows of this save
    revision = Revision.objects.create(
        page=page,
        number=(previous.number + 1) if previous else 1,
        parent=previous,
        text=text,
        author=author,
        summary=summary[:500],
        size=len(text.encode()),
        html=_render(doc, facts, memo),
        facts=facts_json(facts),
        digest=text_digest(text),
    )
    page.current = revision
    page.save(update_fields=["current", "updated"])
    if created:
        _adopt_redirects(page)
        # its namesakes in other namespaces show it among their subpage tabs now
        drop_after_commit(set(namesake_keys(page)))
    return revision, _follow_facts(page, doc, facts, names_before, created or redirected, memo)


def _take_kind(page: Page, facts: PageFacts, update_fields: list[str] | None = None) -> bool:
    """The page's kind and redirect as its facts state them, saved (before the render: links to itself
    show what it is now). True when its redirect changed."""
    redirect_before = page.redirect_to
    page.kind = facts.kind
    page.redirect_to = facts.redirect or ""
    page.save(update_fields=update_fields)
    return redirect_before != page.redirect_to


def _render(doc, facts: PageFacts, memo: dict | None = None, titles: Titles | None = None) -> str:
    """The HTML of a compiled text: today's link titles and red links (`titles`, when the caller has
    them for a batch of pages), its play badges, and the lines of the examples naming other works on
    their items."""
    works = work_lines(facts.page, ((e.work, e.work_page, e.line) for e in facts.examples))
    return to_html(
        doc, titles if titles is not None else titles_for(facts.links, memo), play_badges(facts), works
    )


def _follow_facts(
    page: Page, doc, facts: PageFacts, names_before: set[str], renamed: bool, memo: dict | None = None
) -> set[str]:
    """Inside a save's transaction, once the current revision holds `facts`: the page's rows and all that
    follows from them (`_replace_facts`), and its search entry and those of the pages it names. Returns
    the names that lead to the page now."""
    named_before = search.named_by(page)
    names = _replace_facts(page, facts, names_before, renamed, memo)
    search.index(page, doc, also=named_before)
    return names


class MoveRefused(PageRefused):
    """A page cannot be moved to that name."""


def move_page(page: Page, new_target: str, *, author=None, leave_redirect: bool = True) -> Page:
    """Rename a page (moderators). Its history moves with it, a revision "Moved from …" records the move,
    and a redirect is left at the old name (unless `leave_redirect` is false), so links and examples
    written under the old name still lead to it. Moving onto a page that only redirects here replaces
    that redirect; any other page in the way refuses the move."""
    new_target = canonical(new_target)
    check_page(new_target, page.current.text if page.current else "", None)
    new_key = page_key(new_target)
    old_target = page.target
    with transaction.atomic():
        page = _locked_page(page.key)
        in_the_way = _locked_page(new_key)
        if in_the_way is not None and in_the_way.id != page.id:
            if key_of(in_the_way.redirect_to or "") != page.key:
                raise MoveRefused(f"{new_target} already exists: move or rename that page first.")
            in_the_way.delete()  # only a redirect to this page: the move takes its name
        if new_target == old_target:
            raise MoveRefused(f"{old_target} already has that name.")
        names_before = _names(page)
        pagecache.drop({page.key})
        page.key, page.namespace, page.name = new_key, *new_target.split("/", 1)
        page.save(update_fields=["key", "namespace", "name", "updated"])
        text = page.current.text
        doc = parse(text)
        facts = compile_page(doc, new_target, title=page.title)
        fit_facts(facts)
        _write_revision(page, text, doc, facts, author, f"Moved from {old_target}", names_before, True)
        if leave_redirect:
            save_page(old_target, f"[[redirect:{new_target}]]\n", author=author, summary=f"Moved to {new_target}",
                      moderator=True)  # fmt: skip
        drop_after_commit({page.key, page_key(old_target), pagecache.HOME})
    return page


def _locked_page(key: str) -> Page | None:
    return Page.objects.select_for_update().filter(key=key).first()


def _names(page: Page) -> set[str]:
    """Every key that leads to the page, its own and its plurals included."""
    return set(names_of(page))


def _replace_facts(
    page: Page, facts: PageFacts, names_before: set[str], renamed: bool, memo: dict | None
) -> set[str]:
    """Everything that follows from the page's current facts: its rows, the appearances they state,
    examples elsewhere that name it, pages that show a link to it, and cached pages. Returns the names
    that lead to the page now."""
    stale = _mentioned(page) | {page.key}
    pagecache.drop(stale)  # now, and again once committed: a reader in between may have cached the old page
    edges_before = hierarchy.stated_edges(page)
    counted = counts.before(page)
    pairs = rows.replace_rows(page, facts, memo)
    names_after = _names(page)
    renamed = renamed or names_after != names_before
    if edges_before != hierarchy.stated_edges(page) or (
        renamed and models.Relation.objects.filter(target_key__in=list(names_before | names_after)).exists()
    ):
        hierarchy.changed()
    rekeyed: set[rows.Pair] = set()
    if renamed:
        rekeyed = rows.rekey(names_before | names_after)
        pairs |= rekeyed
        _rerender_linkers(names_after ^ names_before)
    appearances.refresh(pairs)
    counts.after(page, counted, {k for pair in rekeyed for k in pair})
    # the pages its old examples were about (`stale`) and those its new ones are about
    drop_after_commit(stale | _mentioned(page) | {k for pair in pairs for k in pair})
    return names_after


def drop_after_commit(keys: set[str]) -> None:
    """Drop cached pages now and again once committed (a reader in between may have cached the old
    page). After the commit a failing drop is logged, not raised: the change is saved, and saying it
    failed would be false."""
    pagecache.drop(keys)
    transaction.on_commit(lambda: pagecache.drop(keys), robust=True)


def _mentioned(page: Page) -> set[str]:
    """The tropes and works this page's examples are about: their pages list these examples."""
    pairs = models.Example.objects.filter(page=page).values_list("trope_key", "work_key")
    return {key for pair in pairs for key in pair if key}


def _rerender_linkers(names: set[str]) -> None:
    """Pages linking to any of these names show that link differently now (red turned blue, a title):
    render them again, here in the write path, and drop their cached copies."""
    linking: set[int] = set()
    for chunk in chunked(names):
        linking |= set(Page.objects.filter(links__target_key__in=chunk).values_list("id", flat=True))
    rerender(linking)


def rerender(page_ids: set[int]) -> None:
    """Render the current revisions of these pages again, from their text and stored facts."""
    keys = set()
    for chunk in chunked(sorted(page_ids), 200):
        for revision in Revision.objects.filter(page__current=F("id"), page_id__in=chunk).select_related(
            "page"
        ):
            revision.html = render_revision(revision)
            Revision.objects.filter(id=revision.id).update(html=revision.html)
            keys.add(revision.page.key)
    drop_after_commit(keys)


def remember_titles(titles: Mapping[str, str], source: str = "") -> int:
    """Keep the titles a source showed for link targets (`Main/ChekhovsGun` → "Chekhov's Gun"), so links
    to pages that do not exist yet show them. A title the name already spells is not kept; a new or
    changed title re-renders the pages that link to it. Returns how many titles were new or changed."""
    wanted: dict[str, str] = {}
    for target, title in titles.items():
        title = " ".join(title.split())[:300]
        if title and title != title_from_name(split_target(canonical(target))[1]):
            wanted.setdefault(key_of(target), title)
    if not wanted:
        return 0
    with transaction.atomic():
        have: dict[str, models.KnownTitle] = {}
        for chunk in chunked(wanted):
            have |= {known.key: known for known in models.KnownTitle.objects.filter(key__in=chunk)}
        new = [
            models.KnownTitle(key=k, title=t, source=source[:300]) for k, t in wanted.items() if k not in have
        ]
        changed = [have[k] for k, t in wanted.items() if k in have and have[k].title != t]
        for known in changed:
            known.title, known.source = wanted[known.key], source[:300]
        models.KnownTitle.objects.bulk_create(new, batch_size=500)
        models.KnownTitle.objects.bulk_update(changed, ["title", "source"], batch_size=500)
        touched = {known.key for known in (*new, *changed)}
        if touched:
            _rerender_linkers(touched)
    return len(touched)


def render_revision(revision: Revision) -> str:
    """A revision's HTML with today's link titles and red links, from its text and stored facts."""
    facts = revision.facts
    if facts is None:  # written before revisions kept their facts
        compiled = compile_page(parse(revision.text), revision.page.target, title=revision.page.title)
        facts = facts_json(compiled)
    badges = {e["line"]: e["play"] for e in facts["examples"] if e["play"] != "straight"}
    works = work_lines(facts["page"], ((e["work"], e["work_page"], e["line"]) for e in facts["examples"]))
    return to_html(parse(revision.text), titles_for(facts["links"]), badges, works)


def preview(target: str, text: str) -> str:
    """The HTML `text` would be saved with as the page `target`: the same compile, titles, red links and
    play badges as a save, written nowhere."""
    target = canonical(target)
    doc = parse(text.replace("\r\n", "\n"))
    title = Page.objects.filter(key=page_key(target)).values_list("title", flat=True).first()
    return _render(doc, compile_page(doc, target, title=title))


def revert(page: Page, number: int, *, author=None, reason: str = "", moderator: bool = True) -> SaveResult:
    """Make revision `number`'s text current again, as a new revision. Any editor may revert an
    unprotected page (`moderator=False` refuses a protected one with ProtectedPage)."""
    old = Revision.objects.get(page=page, number=number)
    return save_page(page.target, old.text, author=author, moderator=moderator,
                     summary=_with_reason(f"Reverted to revision {number}", reason))  # fmt: skip


class UndoConflict(Exception):
    """The change cannot be undone by itself: later revisions changed the same lines."""


def undo(page: Page, number: int, *, author=None, reason: str = "", moderator: bool = False) -> SaveResult:
    """Take back what revision `number` changed and keep every later change: a three-way merge of the
    current text with the revision before it, based on the revision itself. UndoConflict when later
    revisions changed the same lines (the editor can still revert, or edit by hand)."""
    undone = Revision.objects.get(page=page, number=number)
    before = Revision.objects.filter(page=page, number__lt=number).order_by("-number").first()
    current = Page.objects.select_related("current").get(id=page.id).current
    merge = merge3(undone.text, before.text if before else "", current.text)
    if not merge.clean:
        raise UndoConflict(f"Later revisions changed the lines revision {number} changed.")
    return save_page(page.target, merge.text(), author=author, base=current.number, moderator=moderator,
                     summary=_with_reason(f"Undid revision {number}", reason))  # fmt: skip


def _with_reason(summary: str, reason: str) -> str:
    reason = " ".join(reason.split())
    return f"{summary}: {reason}"[:500] if reason else summary


def set_rating(page: Page, rating: str) -> None:
    """Rate a page general or adult. What a reader may see of it changes: its appearances, the pages
    linking to it (link texts show its title only while it is general) and every cached page that shows
    its title or its examples."""
    if rating not in (Page.GENERAL, Page.ADULT):
        raise ValueError(f"a content rating is {Page.GENERAL} or {Page.ADULT}, not {rating!r}")
    with transaction.atomic():
        page = _locked_page(page.key)
        if page.content_rating != rating:
            _rate(page, rating)


def _rate(page: Page, rating: str) -> None:
    """Inside a save's transaction: the new rating, and all that follows from it."""
    counted = counts.before(page)
    Page.objects.filter(id=page.id).update(content_rating=rating)
    page.content_rating = rating
    names = _names(page)
    _rerender_linkers(names)
    appearances.refresh(appearances.pairs_on(page))
    counts.after(page, counted)
    stale = {page.key, pagecache.HOME} | _mentioned(page)
    for chunk in chunked(names):
        stale |= set(models.Example.objects.filter(work_key__in=chunk).values_list("page__key", flat=True))
        stale |= set(models.Example.objects.filter(trope_key__in=chunk).values_list("page__key", flat=True))
    drop_after_commit(stale)


def set_protected(page: Page, protected: bool) -> None:
    """Protect a page (only moderators may edit it) or lift that."""
    Page.objects.filter(id=page.id).update(protected=protected)
    page.protected = protected
    drop_after_commit({page.key})


def set_hidden(revision: Revision, hidden: bool) -> None:
    """Hide a revision from readers (or show it again). The current revision cannot be hidden."""
    if hidden and revision.page.current_id == revision.id:
        raise ValueError("The current revision cannot be hidden: revert first.")
    Revision.objects.filter(id=revision.id).update(hidden=hidden)
    revision.hidden = hidden
    drop_after_commit({revision.page.key, pagecache.HOME})


def restamp(revision: Revision, created, hidden: bool) -> None:
    """A restored revision gets back the time it was written and its hidden flag (`wiki.restore`): the
    dump's history, not the moment of the restore. Cached pages are dropped by the save before it."""
    Revision.objects.filter(id=revision.id).update(created=created, hidden=hidden)


def restamp_many(stamps: list[tuple[int, object, bool]]) -> None:
    """`restamp` for many revisions at once: (revision id, time written, hidden)."""
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE wiki_revision SET created = %s, hidden = %s WHERE id = %s",
            [(adapt(created), hidden, rid) for rid, created, hidden in stamps],
        )


def _adopt_redirects(page: Page) -> None:
    """Redirect pages written before their target existed become its other names now."""
    pointing = Page.objects.filter(key__in=redirects_to(page.key)).exclude(id=page.id)
    for source in pointing:
        models.Alias.objects.filter(source="redirect", key=source.key).delete()
        rows.redirect_alias(source, page)


def work_lines(page: str, examples: Iterable[tuple[str | None, str | None, int]]) -> set[int]:
    """Source lines of the examples (work title, work page, line) that name a work other than `page`:
    their items carry their line, so a reader's avoid list marks or hides them in place on read
    (`web.find`) without parsing anything."""
    return {line for work, work_page, line in examples if (work or work_page) and work_page != page}


def play_badges(facts: PageFacts) -> dict[int, str]:
    """Source line → play type, for the examples that are not played straight."""
    return {e.line: e.play for e in facts.examples if e.play != "straight"}


def rebuild_facts(page: Page) -> bool:
    """Compile the page's current revision again and replace its facts: how `tropebase doctor --repair`
    mends a page whose facts no longer match its text. Returns False when there was nothing to rebuild
    (no current revision, or a save replaced the facts meanwhile — from a fresh compile, like this one).
    """
    revision = Revision.objects.filter(id=page.current_id).only("id", "text").first()
    if revision is None:
        return False
    doc = parse(revision.text)
    facts = compile_page(doc, page.target, title=page.title)  # outside the transaction
    fit_facts(facts)
    with transaction.atomic():
        page = Page.objects.select_for_update().get(id=page.id)
        if page.current_id != revision.id:
            return False
        names_before = _names(page)
        redirected = _take_kind(page, facts, ["kind", "redirect_to", "updated"])
        html = _render(doc, facts)
        Revision.objects.filter(id=revision.id).update(facts=facts_json(facts), html=html)
        _follow_facts(page, doc, facts, names_before, redirected)
    return True


def upgrade_stored_facts() -> int:
    """Pages saved before revisions kept their compiled facts get them now (rows, appearances and HTML
    with them), so reads never need to compile. Runs at every start; a no-op once done."""
    stale = Page.objects.filter(current__isnull=False, current__facts__isnull=True)
    done = 0
    for page in stale.iterator():
        done += rebuild_facts(page)
    return done
