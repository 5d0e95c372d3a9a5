"""`tropebase doctor`: is the database whole, and does every page's facts match its text?

Facts are derived data: `save_page()` writes them in the same transaction as the revision, so after any
crash they should still equal a fresh compile of each page's current revision. This module checks that
(and the database's own integrity) after the fact — a kill -9, a full disk, a bug in an older version.
Pages are read in batches in id order, so a catalog of any size is checked in bounded memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Max

from ..catalog import compile_page
from ..catalog.export import facts_json
from ..catalog.facts import PageFacts
from ..markup import parse
from . import models, rows
from .limits import fit_facts
from .models import Page, Revision, page_key
from .resolve import alias_key

#: how many offending rows each check names before it only counts
SHOWN = 10


@dataclass(slots=True)
class Drift:
    """A page whose stored facts differ from a fresh compile of its current revision."""

    page: Page
    differences: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.page.target}: {'; '.join(self.differences)}"


def integrity_problems() -> list[str]:
    """The database engine's own check (SQLite), then checks of what the schema alone cannot promise."""
    problems: list[str] = []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            problems += [f"integrity_check: {row[0]}" for row in cursor.fetchall() if row[0] != "ok"]
            cursor.execute("PRAGMA foreign_key_check")
            problems += [f"{t} row {rowid}: its {parent} row is missing" for t, rowid, parent, _ in cursor]
    return problems + _consistency_problems()


def _named(rows, what: str) -> list[str]:
    rows = list(rows[: SHOWN + 1])
    named = [what.format(*row) for row in rows[:SHOWN]]
    if len(rows) > SHOWN:
        named.append(f"… and more like it: {what.split(':')[-1].strip().format(*rows[0])}")
    return named


def _consistency_problems() -> list[str]:
    """Revisions and facts rows that must agree with their pages; meaningful on any database."""
    pages = Page.objects.order_by("id")
    problems = _named(pages.filter(current__isnull=True).values_list("key"), "{}: no current revision")
    problems += _named(
        pages.exclude(current__isnull=True)
        .exclude(current__page_id=F("id"))
        .values_list("key", "current__page__key"),
        "{}: its current revision belongs to {}",
    )
    latest = pages.annotate(latest=Max("revisions__number"), count=Count("revisions"))
    problems += _named(
        latest.filter(latest__gt=F("current__number")).values_list("key", "current__number", "latest"),
        "{}: current revision {} is not the latest ({})",
    )
    problems += _named(
        latest.exclude(count=F("latest")).values_list("key", "count", "latest"),
        "{}: {} revisions numbered up to {}",
    )
    problems += _named(
        Revision.objects.values("page__key", "number")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("page__key", "number", "n"),
        "{}: revision {} appears {} times",
    )
    for model in (models.Example, models.Footnote, models.Relation, models.Link, models.Quote, models.Alias):
        orphans = model.objects.exclude(page_id__in=Page.objects.values("id")).values_list("id", "page_id")
        problems += _named(orphans, f"{model._meta.db_table} row {{}}: its page {{}} is missing")
    problems += _named(
        models.Example.objects.exclude(parent__isnull=True)
        .exclude(parent__page_id=F("page_id"))
        .values_list("id", "page__key"),
        "example {} on {}: its parent example is on another page",
    )
    problems += _named(
        models.Footnote.objects.exclude(example__isnull=True)
        .exclude(example__page_id=F("page_id"))
        .values_list("id", "page__key"),
        "footnote {} on {}: its example is on another page",
    )
    return problems


# Each facts table as comparable rows: what _replace_facts writes for `facts`, and what is stored.


def expected_rows(page: Page, facts: PageFacts) -> dict[str, object]:
    """The rows the write layer (`wiki.rows`) derives from these facts, in comparable form."""

    def label(index: int | None) -> str:
        return (facts.sections[index].label or "") if index is not None else ""

    planned = rows.planned_examples(page, facts)
    examples = [
        (r.trope, r.trope_named, r.trope_key, r.work_title, r.work_named, r.work_key, r.medium, r.section,
         r.depth, e.parent, r.play, r.uncertain, r.text, tuple(r.spoilers), r.line)
        for r, e in zip(planned, facts.examples, strict=True)
    ]  # fmt: skip
    aliases = Counter()
    for name in facts.aliases:
        key, word = alias_key(page.namespace, name)
        if word and key != page.key:
            aliases[(name, key)] = 1
    return {
        "kind": facts.kind,
        "redirect": facts.redirect or "",
        "facts": facts_json(facts),
        "examples": examples,
        "footnotes": Counter((f.number, f.label or "", f.text, f.line, f.example) for f in facts.footnotes),
        "relations": Counter((r.kind, r.target, page_key(r.target)) for r in facts.relations),
        "links": Counter(page_key(t) for t in set(facts.links)),
        "quotes": Counter((q.text, q.source or "", label(q.section), q.line) for q in facts.quotes),
        "aliases": aliases,
    }


def _stored_rows(pages: list[Page]) -> dict[int, dict[str, object]]:
    """The stored facts of a batch of pages, one query per table."""
    ids = [p.id for p in pages]
    rows = {
        p.id: {"kind": p.kind, "redirect": p.redirect_to, "facts": p.current.facts, "examples": [], "footnotes": Counter(),
               "relations": Counter(), "links": Counter(), "quotes": Counter(), "aliases": Counter()}
        for p in pages
    }  # fmt: skip
    position: dict[int, int] = {}
    examples = models.Example.objects.filter(page_id__in=ids).order_by("page_id", "position")
    for ex_id, page_id, pos, *values, parent_id, play, uncertain, text, spoilers, line in examples.values_list(
        "id", "page_id", "position", "trope", "trope_named", "trope_key", "work_title", "work_named", "work_key",
        "medium", "section", "depth", "parent_id", "play", "uncertain", "text", "spoilers", "line",
    ):  # fmt: skip
        position[ex_id] = pos
        rows[page_id]["examples"].append(
            (*values, parent_id, play, uncertain, text, tuple(spoilers or ()), line)
        )
    for page_rows in rows.values():  # parents as positions, like the compiled examples' indexes
        page_rows["examples"] = [
            (*r[:9], position.get(r[9]) if r[9] is not None else None, *r[10:]) for r in page_rows["examples"]
        ]
    footnotes = models.Footnote.objects.filter(page_id__in=ids)
    for page_id, number, label, text, line, example_id in footnotes.values_list(
        "page_id", "number", "label", "text", "line", "example_id"
    ):
        example = position.get(example_id) if example_id is not None else None
        rows[page_id]["footnotes"][(number, label, text, line, example)] += 1
    tables = {
        "relations": (models.Relation.objects, ("kind", "target", "target_key")),
        "links": (models.Link.objects, ("target_key",)),
        "quotes": (models.Quote.objects, ("text", "source", "section", "line")),
        "aliases": (models.Alias.objects.filter(source="description"), ("name", "key")),
    }
    for name, (queryset, columns) in tables.items():
        for page_id, *values in queryset.filter(page_id__in=ids).values_list("page_id", *columns):
            rows[page_id][name][values[0] if len(values) == 1 else tuple(values)] += 1
    return rows


def _differences(stored: dict[str, object], expected: dict[str, object]) -> list[str]:
    found = []
    for name in ("kind", "redirect"):
        if stored[name] != expected[name]:
            found.append(f"{name}: stored {stored[name]!r}, compiled {expected[name]!r}")
    if stored["facts"] != expected["facts"]:
        differ = sorted(
            k for k in expected["facts"] if (stored["facts"] or {}).get(k) != expected["facts"][k]
        )
        found.append(f"stored facts differ from a fresh compile in: {', '.join(differ)}")
    for name in ("examples", "footnotes", "relations", "links", "quotes", "aliases"):
        have, want = stored[name], expected[name]
        if have == want:
            continue
        if isinstance(have, Counter):
            n_have, n_want = have.total(), want.total()
            differ = (have - want).total() + (want - have).total()
        else:
            n_have, n_want = len(have), len(want)
            differ = sum(a != b for a, b in zip(have, want, strict=False)) + abs(n_have - n_want)
        found.append(f"{name}: {n_have} stored, {n_want} compiled, {differ} differ")
    return found


def find_drift(batch: int = 200) -> Iterator[Drift | int]:
    """Compare every page's facts with a fresh compile of its current revision. Yields a Drift for each
    page that differs, and after each batch the number of pages checked so far."""
    last, checked = 0, 0
    while True:
        pages = list(
            Page.objects.filter(id__gt=last, current__isnull=False)
            .select_related("current")
            .only(
                "id",
                "key",
                "namespace",
                "name",
                "title",
                "kind",
                "redirect_to",
                "current__text",
                "current__facts",
            )
            .order_by("id")[:batch]
        )
        if not pages:
            return
        stored = _stored_rows(pages)
        for page in pages:
            facts = compile_page(parse(page.current.text), page.target, title=page.title)
            fit_facts(facts)
            differences = _differences(stored[page.id], expected_rows(page, facts))
            if differences:
                yield Drift(page, differences)
        last = pages[-1].id
        checked += len(pages)
        yield checked
