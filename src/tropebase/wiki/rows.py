"""A page's facts as rows: the tables derived from the compiled facts its current revision keeps.

Only the write layer (`wiki.store`) calls this, inside a save's transaction. The rows are replaced as a
whole, except that an example keeps its id while its text is unchanged (API links and RDF subjects
name examples by id). Example rows carry two keys for their trope and their work: the page as the text
names it (`trope_named`, `work_named`) and the page that name leads to (`trope_key`, `work_key`), so a
page or alias created later can take over the examples that name it (see `rekey`).
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from ..catalog.facts import PageFacts
from ..catalog.media import MEDIA
from ..markup.names import to_wikiword
from . import models
from .models import Page, page_key
from .resolve import alias_key, chunked, key_of, resolve, resolve_many
from .tablewrite import rows_in

Pair = tuple[str, str]  # (work_key, trope_key)
KEY_WIDTH = Page._meta.get_field("key").max_length


def replace_rows(page: Page, facts: PageFacts, memo: dict | None = None) -> set[Pair]:
    """Replace the page's facts rows with those of `facts`; returns the (work, trope) pairs its old and
    new examples state, whose appearances must be brought up to date."""
    old_examples = list(
        models.Example.objects.filter(page=page).values_list("id", "text", "work_key", "trope_key")
    )
    pairs = {(w, t) for _, _, w, t in old_examples if w and t}
    for model in (models.Footnote, models.Relation, models.Link, models.Quote):
        model.objects.filter(page=page).delete()
    _aliases(page, facts)
    models.Relation.objects.bulk_create(
        models.Relation(page=page, kind=r.kind, target=r.target, target_key=page_key(r.target))
        for r in facts.relations
    )
    models.Link.objects.bulk_create(models.Link(page=page, target_key=page_key(t)) for t in set(facts.links))
    models.Quote.objects.bulk_create(
        models.Quote(page=page, text=q.text, source=q.source or "", line=q.line,
                     section=(facts.sections[q.section].label or "") if q.section is not None else "")
        for q in facts.quotes
    )  # fmt: skip
    rows = _example_rows(page, facts, old_examples, memo)
    pairs |= {(r.work_key, r.trope_key) for r in rows if r.work_key and r.trope_key}
    models.Footnote.objects.bulk_create(
        models.Footnote(page=page, number=f.number, label=f.label or "", text=f.text, line=f.line,
                        example=rows[f.example] if f.example is not None else None)
        for f in facts.footnotes
    )  # fmt: skip
    return pairs


def _aliases(page: Page, facts: PageFacts) -> None:
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
        target = resolve(facts.redirect)
        if target is not None and target.id != page.id:
            redirect_alias(page, target)


def redirect_alias(source: Page, target: Page) -> None:
    """The redirect page `source` is another name of `target`, keyed with its own namespace."""
    _, word = alias_key(source.namespace, source.name)
    models.Alias.objects.create(page=target, name=source.name, key=source.key, word=word, source="redirect")


@dataclass(slots=True)
class PlannedExample:
    """An example row before it is written: the fields of `models.Example` but its page (cheap to make a
    million of in a bulk import; `model` makes the ORM row)."""

    position: int
    trope: str
    trope_named: str
    trope_key: str
    work_title: str
    work_target: str
    work_named: str
    work_key: str
    medium: str
    section: str
    depth: int
    play: str
    uncertain: bool
    text: str
    spoilers: list
    line: int
    id: int | None = None
    parent_id: int | None = None

    def model(self, page: Page) -> models.Example:
        return models.Example(page=page, **{f: getattr(self, f) for f in self.__slots__})


def planned_examples(
    page: Page, facts: PageFacts, memo: dict | None = None, by_title: dict[str, str] | None = None
) -> list[PlannedExample]:
    """The example rows `facts` make for `page`, unsaved: their named and resolved keys as of now, no
    parents (the caller links them once ids are known). The doctor compares stored rows with these. A
    batch of saves (`wiki.bulk`) passes the work pages by title and a memo it has filled for all its
    pages."""
    works = example_works(facts, by_title)
    leads_to = resolve_many(example_names(facts, works), follow_redirects=True, memo=memo)
    rows = []
    for i, e in enumerate(facts.examples):
        section = facts.sections[e.section] if e.section is not None else None
        work_named = key_of(works[i]) if works[i] and len(works[i]) <= KEY_WIDTH else ""
        trope_named = key_of(e.trope) if e.trope and len(e.trope) <= KEY_WIDTH else ""
        rows.append(PlannedExample(
            i, e.trope or "", trope_named, _led_to(leads_to, trope_named), e.work or "",
            (work_named and works[i]) or "", work_named, _led_to(leads_to, work_named), e.medium or "",
            (section.label or "") if section else "", e.depth, e.play, e.uncertain, e.text, e.spoilers, e.line,
        ))  # fmt: skip
    return rows


def titled_works(facts: PageFacts) -> set[str]:
    """Works the examples name only by a title: a work page with that title is what they are about."""
    return {e.work for e in facts.examples if e.work and not e.work_page}


def example_works(facts: PageFacts, by_title: dict[str, str] | None = None) -> list[str | None]:
    """The target each example's work is, in order (None: no work)."""
    if by_title is None:
        by_title = work_pages_by_title(titled_works(facts))
    return [by_title.get(e.work or "") or _work_target(e.work, e.work_page, e.medium) for e in facts.examples]


def example_names(facts: PageFacts, works: list[str | None]) -> set[str]:
    """Every name the examples give for a work or a trope: what their rows must resolve."""
    return {t for t in works if t} | {e.trope for e in facts.examples if e.trope}


def _example_rows(page: Page, facts: PageFacts, old: list[tuple], memo: dict | None) -> list[models.Example]:
    """Write the example rows; an example whose text was already on the page keeps that row's id."""
    ids_by_text: dict[str, deque[int]] = defaultdict(deque)
    for row_id, text, _, _ in old:
        ids_by_text[text].append(row_id)
    rows = [planned.model(page) for planned in planned_examples(page, facts, memo)]
    for row in rows:
        if ids_by_text.get(row.text):
            row.id = ids_by_text[row.text].popleft()
    # parents first cleared, so deleting a row does not take a kept child with it
    models.Example.objects.filter(page=page).update(parent=None)
    models.Example.objects.filter(page=page).delete()
    models.Example.objects.bulk_create(rows)
    children = []
    for i, e in enumerate(facts.examples):
        if e.parent is not None:
            rows[i].parent = rows[e.parent]
            children.append(rows[i])
    if children:
        models.Example.objects.bulk_update(children, ["parent"], batch_size=500)
    return rows


def _led_to(leads_to: dict[str, Page], named: str) -> str:
    page = leads_to.get(named)
    return page.key if page is not None else named


def work_pages_by_title(titles: set[str]) -> dict[str, str]:
    """Work pages with these titles: an example naming a work only by its title is about that page."""
    found: dict[str, str] = {}
    for chunk in chunked(titles):
        for page in Page.objects.filter(kind="work", title__in=chunk).order_by("id"):
            found.setdefault(page.title, page.target)
    return found


def _work_target(title: str | None, work_page: str | None, medium: str | None) -> str | None:
    """The page an example's work is, as named: its link; else a target made from its title in the
    namespace of its medium (`Anime/AhMyGoddess`), so the work is queryable before its page exists."""
    if work_page:
        return work_page
    if not title or not to_wikiword(title):
        return None
    namespaces = MEDIA[medium][2] if medium in MEDIA else ()
    target = f"{namespaces[0] if namespaces else 'Main'}/{to_wikiword(title)}"
    return target if len(target) <= KEY_WIDTH else None  # no page could have that name


def rekey(names: set[str]) -> set[Pair]:
    """Examples naming any of `names` (keys) lead to the page those names now resolve to: after a page is
    created, moved, or gains or loses another name. Returns the pairs whose appearances changed."""
    columns = ["id", "trope_named", "trope_key", "work_key"]
    pairs = _rekey_column(rows_in(models.Example, columns, "trope_named", names), "trope_key",
                          lambda new, row: (row[3], new))  # fmt: skip
    columns = ["id", "work_named", "work_key", "trope_key"]
    pairs |= _rekey_column(rows_in(models.Example, columns, "work_named", names), "work_key",
                           lambda new, row: (new, row[3]))  # fmt: skip
    return pairs


def _rekey_column(rows: list[tuple], column: str, pair_of) -> set[Pair]:
    leads_to = resolve_many({named for _, named, _, _ in rows}, follow_redirects=True)
    pairs: set[Pair] = set()
    moved: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        row_id, named, current, _ = row
        new = _led_to(leads_to, named)
        if new != current:
            moved[new].append(row_id)
            pairs.add(pair_of(current, row))
            pairs.add(pair_of(new, row))
    for new, ids in moved.items():
        for chunk in chunked(ids):
            models.Example.objects.filter(id__in=chunk).update(**{column: new})
    return {p for p in pairs if p[0] and p[1]}
