"""save_page(): the one way text becomes a revision and facts. An edit and an import are the same call.

The page's text is parsed and compiled before the transaction; inside it, the new revision is written
and the page's facts are replaced as a whole. A save based on a revision that is no longer current is
refused with StaleBase, so the caller can merge (see textmerge) — text is never silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from ..catalog import compile_page
from ..catalog.facts import PageFacts
from ..catalog.rating import suggest_rating
from ..markup import parse, to_html
from . import models, pagecache
from .models import Page, Revision, page_key
from .resolve import alias_key, canonical, names_of, resolve
from .titles import titles_for


class StaleBase(Exception):
    """The edit was based on a revision that is no longer the page's current one."""

    def __init__(self, current: Revision) -> None:
        super().__init__(f"{current.page} has changed since (now revision {current.number})")
        self.current = current


class ProtectedPage(Exception):
    """Only moderators may edit this page."""


class PageTooLarge(ValueError):
    """The text is over the page size limit (settings.PAGE_MAX_BYTES)."""

    def __init__(self, size: int) -> None:
        limit = settings.PAGE_MAX_BYTES
        super().__init__(
            f"The page text is {size:,} bytes; a page may hold at most {limit:,} bytes "
            f"({limit / 1_000_000:g} MB). Split it into subpages."
        )


def check_size(text: str) -> None:
    """Refuse text over the page size limit: the bound that keeps every save's time bounded."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > settings.PAGE_MAX_BYTES:
        raise PageTooLarge(size)


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
) -> SaveResult:
    """Write `text` as the new revision of the page `target` (`Namespace/Name`) and replace its facts.

    `base` is the revision number the edit started from (None: don't check; 0: the editor saw no
    page). `title` sets the page's display title (imports know it); `rating` its content rating
    ("general"/"adult"). Raises StaleBase when `base` is not current — also when another editor created
    the page meanwhile — and ProtectedPage when a protected page is edited by a non-moderator.
    """
    target = canonical(target)
    text = text.replace("\r\n", "\n")
    check_size(text)
    doc = parse(text)
    facts = compile_page(doc, target, title=title)
    key = page_key(target)
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
        if not created:
            current = page.current
            if page.protected and not moderator:
                raise ProtectedPage(f"{page} is protected")
            if base is not None and current is not None and current.number != base:
                raise StaleBase(current)
            if current is not None and current.text == text and (title is None or title == page.title):
                if rating is not None and rating != page.content_rating:
                    _rate(page, rating)
                return SaveResult(page, current, False, False, facts)
            if title:
                page.title = title
            if rating and rating != page.content_rating:
                _rate(page, rating)
        page.kind = facts.kind
        page.redirect_to = facts.redirect or ""
        page.save()
        previous = page.current
        revision = Revision.objects.create(
            page=page,
            number=(previous.number + 1) if previous else 1,
            parent=previous,
            text=text,
            author=author,
            summary=summary[:500],
            size=len(text.encode()),
            html=to_html(doc, titles_for(facts.links), play_badges(facts)),
        )
        page.current = revision
        page.save(update_fields=["current", "updated"])
        _replace_facts(page, facts)
        if created:
            _adopt_redirects(page)
            _rerender_linkers(page)
    return SaveResult(page, revision, created, True, facts)


def _locked_page(key: str) -> Page | None:
    return Page.objects.select_for_update().filter(key=key).first()


def revert(page: Page, number: int, *, author=None) -> SaveResult:
    """Make revision `number`'s text current again, as a new revision (moderators)."""
    old = Revision.objects.get(page=page, number=number)
    return save_page(page.target, old.text, author=author, summary=f"Reverted to revision {number}",
                     moderator=True)  # fmt: skip


def set_rating(page: Page, rating: str) -> None:
    """Rate a page general or adult. Every cached page that shows its title or its examples is dropped:
    what a reader may see of it changes."""
    if rating not in (Page.GENERAL, Page.ADULT):
        raise ValueError(f"a content rating is {Page.GENERAL} or {Page.ADULT}, not {rating!r}")
    with transaction.atomic():
        page = _locked_page(page.key)
        if page.content_rating != rating:
            _rate(page, rating)


def _rate(page: Page, rating: str) -> None:
    """Inside a save's transaction: the new rating, and the drops it needs once committed."""
    Page.objects.filter(id=page.id).update(content_rating=rating)
    page.content_rating = rating
    linking = Page.objects.filter(links__target_key__in=names_of(page)).distinct()
    # link texts show a page's title only while it is general: render the linking pages again
    Revision.objects.filter(id__in=linking.values("current_id")).update(html="")
    stale = {page.key, pagecache.HOME} | _mentioned(page) | set(linking.values_list("key", flat=True))
    stale |= set(
        models.Example.objects.filter(work_key__in=names_of(page)).values_list("page__key", flat=True)
    )
    stale |= set(
        models.Example.objects.filter(trope_key__in=names_of(page)).values_list("page__key", flat=True)
    )
    _drop_after_commit(stale)


def set_protected(page: Page, protected: bool) -> None:
    """Protect a page (only moderators may edit it) or lift that."""
    Page.objects.filter(id=page.id).update(protected=protected)
    page.protected = protected
    _drop_after_commit({page.key})


def set_hidden(revision: Revision, hidden: bool) -> None:
    """Hide a revision from readers (or show it again). The current revision cannot be hidden."""
    if hidden and revision.page.current_id == revision.id:
        raise ValueError("The current revision cannot be hidden: revert first.")
    Revision.objects.filter(id=revision.id).update(hidden=hidden)
    revision.hidden = hidden
    _drop_after_commit({revision.page.key, pagecache.HOME})


def _drop_after_commit(keys: set[str]) -> None:
    """Drop cached pages now and again once committed (a reader in between may have cached the old
    page). After the commit a failing drop is logged, not raised: the change is saved, and saying it
    failed would be false."""
    pagecache.drop(keys)
    transaction.on_commit(lambda: pagecache.drop(keys), robust=True)


def _mentioned(page: Page) -> set[str]:
    """The tropes and works this page's examples are about: their pages list these examples."""
    rows = models.Example.objects.filter(page=page).values_list("trope_key", "work_key")
    return {key for pair in rows for key in pair if key}


def _replace_facts(page: Page, facts: PageFacts) -> None:
    stale = _mentioned(page) | {page.key}
    pagecache.drop(stale)
    transaction.on_commit(lambda: pagecache.drop(stale | _mentioned(page)), robust=True)
    for model in (models.Footnote, models.Example, models.Relation, models.Link, models.Quote):
        model.objects.filter(page=page).delete()
    models.Alias.objects.filter(page=page, source="description").delete()
    aliases = {}
    for name in facts.aliases:
        key, word = alias_key(page.namespace, name)
        if word and key != page.key:
            aliases.setdefault(
                key, models.Alias(page=page, name=name, key=key, word=word, source="description")
            )
    models.Alias.objects.bulk_create(aliases.values())
    models.Alias.objects.filter(source="redirect", key=page.key).delete()
    if facts.redirect:
        target_page = resolve(facts.redirect)
        if target_page is not None and target_page.id != page.id:
            _redirect_alias(page, target_page)
    models.Relation.objects.bulk_create(
        models.Relation(page=page, kind=r.kind, target=r.target, target_key=page_key(r.target))
        for r in facts.relations
    )
    models.Link.objects.bulk_create(models.Link(page=page, target_key=page_key(t)) for t in set(facts.links))
    models.Quote.objects.bulk_create(
        models.Quote(
            page=page,
            text=q.text,
            source=q.source or "",
            line=q.line,
            section=(facts.sections[q.section].label or "") if q.section is not None else "",
        )
        for q in facts.quotes
    )
    work_keys = _work_keys(facts)
    rows = []
    for i, e in enumerate(facts.examples):
        section = facts.sections[e.section] if e.section is not None else None
        rows.append(
            models.Example(
                page=page,
                position=i,
                trope=e.trope or "",
                trope_key=page_key(e.trope) if e.trope else "",
                work_title=e.work or "",
                work_key=work_keys[i],
                medium=e.medium or "",
                section=(section.label or "") if section else "",
                depth=e.depth,
                play=e.play,
                uncertain=e.uncertain,
                text=e.text,
                spoilers=e.spoilers,
                line=e.line,
            )
        )
    models.Example.objects.bulk_create(rows)
    parents = [(rows[i], rows[e.parent]) for i, e in enumerate(facts.examples) if e.parent is not None]
    for child, parent in parents:
        child.parent = parent
    if parents:
        models.Example.objects.bulk_update([c for c, _ in parents], ["parent"])
    models.Footnote.objects.bulk_create(
        models.Footnote(
            page=page,
            number=f.number,
            label=f.label or "",
            text=f.text,
            line=f.line,
            example=rows[f.example] if f.example is not None else None,
        )
        for f in facts.footnotes
    )


def _work_keys(facts: PageFacts) -> list[str]:
    """The page key of each example's work: its link, else an existing work page with that title."""
    unlinked = {e.work for e in facts.examples if e.work and not e.work_page}
    by_title = {}
    if unlinked:
        for key, title in Page.objects.filter(kind="work", title__in=unlinked).values_list("key", "title"):
            by_title.setdefault(title, key)
    return [page_key(e.work_page) if e.work_page else by_title.get(e.work or "", "") for e in facts.examples]


def _rerender_linkers(page: Page) -> None:
    """A new page turns red links to it blue: the pages that link to it, under any of its names, are
    rendered again and their cached copies dropped."""
    linking = Page.objects.filter(links__target_key__in=names_of(page)).distinct()
    Revision.objects.filter(id__in=linking.values("current_id")).update(html="")
    _drop_after_commit(set(linking.values_list("key", flat=True)))


def _redirect_alias(source: Page, target: Page) -> None:
    """The redirect page `source` is another name of `target`, keyed with its own namespace."""
    _, word = alias_key(source.namespace, source.name)
    models.Alias.objects.create(page=target, name=source.name, key=source.key, word=word, source="redirect")


def _adopt_redirects(page: Page) -> None:
    """Redirect pages written before their target existed become its other names now."""
    pointing = Page.objects.filter(redirect_to__iexact=page.target).exclude(id=page.id)
    for source in pointing:
        models.Alias.objects.filter(source="redirect", key=source.key).delete()
        _redirect_alias(source, page)


def play_badges(facts: PageFacts) -> dict[int, str]:
    """Source line → play type, for the examples that are not played straight."""
    return {e.line: e.play for e in facts.examples if e.play != "straight"}


def rendered_html(revision: Revision) -> str:
    """A revision's HTML, rendered again (and cached) when a link's target has appeared since."""
    if not revision.html:
        doc = parse(revision.text)
        page = revision.page
        facts = compile_page(doc, page.target, title=page.title)
        revision.html = to_html(doc, titles_for(facts.links), play_badges(facts))
        Revision.objects.filter(id=revision.id).update(html=revision.html)
    return revision.html
