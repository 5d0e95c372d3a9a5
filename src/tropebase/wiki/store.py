"""save_page(): the one way text becomes a revision and facts. An edit and an import are the same call.

The page's text is parsed and compiled before the transaction; inside it, the new revision is written
and the page's facts are replaced as a whole. A save based on a revision that is no longer current is
refused with StaleBase, so the caller can merge (see textmerge) — text is never silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ..catalog import compile_page
from ..catalog.facts import PageFacts
from ..catalog.rating import suggest_rating
from ..markup import parse, to_html
from ..markup.names import normalise_target, to_wikiword
from . import models, pagecache
from .models import Page, Revision, page_key
from .titles import titles_for


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
) -> SaveResult:
    """Write `text` as the new revision of the page `target` (`Namespace/Name`) and replace its facts.

    `base` is the revision number the edit started from (None: don't check). `title` sets the page's
    display title (imports know it); `rating` its content rating ("general"/"adult"). Raises StaleBase
    when `base` is not current, ProtectedPage when a protected page is edited by a non-moderator.
    """
    target, _ = normalise_target(target)
    text = text.replace("\r\n", "\n")
    doc = parse(text)
    facts = compile_page(doc, target, title=title)
    key = page_key(target)
    with transaction.atomic():
        page = Page.objects.select_for_update().filter(key=key).first()
        created = page is None
        if created:
            ns, name = target.split("/", 1)
            page = Page(key=key, namespace=ns, name=name, title=title or facts.title)
            page.content_rating = rating or suggest_rating(facts)
        else:
            current = page.current
            if page.protected and not moderator:
                raise ProtectedPage(f"{page} is protected")
            if base is not None and current is not None and current.number != base:
                raise StaleBase(current)
            if current is not None and current.text == text and (title is None or title == page.title):
                if rating is not None and rating != page.content_rating:
                    page.content_rating = rating
                    page.save(update_fields=["content_rating", "updated"])
                return SaveResult(page, current, False, False, facts)
            if title:
                page.title = title
            if rating:
                page.content_rating = rating
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
            _rerender_linkers(page)
    return SaveResult(page, revision, created, True, facts)


def _mentioned(page: Page) -> set[str]:
    """The tropes and works this page's examples are about: their pages list these examples."""
    rows = models.Example.objects.filter(page=page).values_list("trope_key", "work_key")
    return {key for pair in rows for key in pair if key}


def _replace_facts(page: Page, facts: PageFacts) -> None:
    stale = _mentioned(page) | {page.key}
    pagecache.drop(stale)  # now, and again once committed: a reader in between may have cached the old page
    transaction.on_commit(lambda: pagecache.drop(stale | _mentioned(page)))
    for model in (models.Footnote, models.Example, models.Relation, models.Link, models.Quote):
        model.objects.filter(page=page).delete()
    models.Alias.objects.filter(page=page, source="description").delete()
    models.Alias.objects.bulk_create(
        models.Alias(page=page, name=name, key=to_wikiword(name).lower(), source="description")
        for name in facts.aliases
        if to_wikiword(name)
    )
    if facts.redirect:
        target_page = models.Page.objects.filter(key=page_key(facts.redirect)).first()
        if target_page is not None:
            models.Alias.objects.filter(page=target_page, source="redirect", key=page.name.lower()).delete()
            models.Alias.objects.create(
                page=target_page, name=page.name, key=page.name.lower(), source="redirect"
            )
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
    """A new page turns red links to it blue: drop the cached HTML of the pages that link to it."""
    keys = [page.key] + [f"{page.namespace.lower()}/{a}" for a in page.aliases.values_list("key", flat=True)]
    linking = Page.objects.filter(links__target_key__in=keys)
    Revision.objects.filter(id__in=linking.values("current_id")).update(html="")
    stale = list(linking.values_list("key", flat=True))
    pagecache.drop(stale)
    transaction.on_commit(lambda: pagecache.drop(stale))


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


def rebuild_facts(page: Page) -> bool:
    """Compile the page's current revision again and replace its facts: how `tropebase doctor --repair`
    mends a page whose facts no longer match its text. Returns False when there was nothing to rebuild
    (no current revision, or a save replaced the facts meanwhile — from a fresh compile, like this one).
    """
    revision = Revision.objects.filter(id=page.current_id).only("id", "text").first()
    if revision is None:
        return False
    facts = compile_page(parse(revision.text), page.target, title=page.title)  # outside the transaction
    with transaction.atomic():
        page = Page.objects.select_for_update().get(id=page.id)
        if page.current_id != revision.id:
            return False
        page.kind = facts.kind
        page.redirect_to = facts.redirect or ""
        page.save(update_fields=["kind", "redirect_to", "updated"])
        _replace_facts(page, facts)
    return True
