"""The catalog as open data: CSV of examples and of appearances, and RDF Turtle in DBTropes' vocabulary.

Only what a reader may see is exported (`wiki.visibility`: adult pages only with `Reader(show_adult=
True)`). Rows are read with `.iterator()` and written as they come, so memory stays flat.

Turtle: a work is a `dbtont:TVTItem` with `rdfs:label` and `rdfs:seeAlso` (its page here); each example
is a node named by its stable id (the API's URL of the example), typed with its trope, with the
example's text as `rdfs:comment`, and the work `skipinions:hasFeature` it; a trope is a class
(`rdfs:subClassOf` its supertropes) with a label and its page. Terms are written by rdflib, one triple a
line, so the output streams and any Turtle reader takes it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO
from urllib.parse import quote

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import NamespaceManager

from ..markup.names import split_target, title_from_name
from .models import Appearance, Example, Page, Relation
from .resolve import chunked
from .visibility import Reader, visible_by_page, visible_pages

DBTR = Namespace("http://dbtropes.org/resource/")
DBTONT = Namespace("http://dbtropes.org/ont/")
SKIPINIONS = Namespace("http://skipforward.net/skipforward/resource/seeder/skipinion/")

EXAMPLE_COLUMNS = ["id", "page", "trope", "trope_key", "work", "work_key", "work_title", "medium", "play",
                   "depth", "spoiler", "section", "text"]  # fmt: skip
APPEARANCE_COLUMNS = ["work_key", "trope_key", "work_title", "trope", "medium", "play", "plays", "spoiler",
                      "statements"]  # fmt: skip


def example_rows(reader: Reader):
    return visible_by_page(reader, Example.objects.all()).select_related("page").order_by("id")


def appearance_rows(reader: Reader):
    rows = Appearance.objects.all() if reader.show_adult else Appearance.objects.filter(adult_only=False)
    return rows.order_by("work_key", "trope_key")


def write_examples_csv(out: TextIO, reader: Reader) -> Iterator[int]:
    """Write the examples as CSV; yields once per row written (for a progress bar)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXAMPLE_COLUMNS)
    for e in example_rows(reader).iterator(chunk_size=2000):
        writer.writerow([e.id, e.page.target, e.trope, e.trope_key, e.work_target, e.work_key, e.work_title,
                         e.medium, e.play, e.depth, int(bool(e.spoilers)), e.section, e.text])  # fmt: skip
        yield 1


def write_appearances_csv(out: TextIO, reader: Reader) -> Iterator[int]:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(APPEARANCE_COLUMNS)
    for a in appearance_rows(reader).iterator(chunk_size=2000):
        writer.writerow([a.work_key, a.trope_key, a.work_title, a.trope, a.medium, a.play, " ".join(a.plays),
                         int(a.spoiler), a.statements])  # fmt: skip
        yield 1


def _namespaces() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in (("rdf", RDF), ("rdfs", RDFS), ("dbtr", DBTR), ("dbtont", DBTONT),
                              ("skipinions", SKIPINIONS)):  # fmt: skip
        manager.bind(prefix, namespace)
    return manager


def _resource(target: str) -> URIRef:
    """DBTropes' resource for a page target (`Main/ChekhovsGun`), any odd character percent-encoded."""
    return URIRef(DBTR + quote(target, safe="/()!*,;=-._~'"))


def write_turtle(out: TextIO, reader: Reader, site: str) -> Iterator[int]:
    """Write the catalog as Turtle; yields once per example written. `site` is this wiki's base URL:
    pages are `rdfs:seeAlso` their page there, examples are named by their API URL there."""
    site = site.rstrip("/")
    names = _namespaces()
    for prefix, namespace in names.namespaces():
        out.write(f"@prefix {prefix}: <{namespace}> .\n")
    out.write("\n")

    def triple(s, p, o) -> None:
        out.write(f"{s.n3(names)} {p.n3(names)} {o.n3(names)} .\n")

    pages = visible_pages(reader).filter(redirect_to="", kind__in=("trope", "work")).order_by("key")
    for page in pages.iterator(chunk_size=2000):
        node = _resource(page.target)
        triple(node, RDF.type, DBTONT.TVTItem if page.kind == "work" else RDFS.Class)
        triple(node, RDFS.label, Literal(page.title))
        triple(node, RDFS.seeAlso, URIRef(f"{site}/{page.target}"))
    relations = visible_by_page(reader, Relation.objects.filter(kind__in=("supertrope", "subtrope")))
    for r in relations.select_related("page").order_by("page__key", "id").iterator(chunk_size=2000):
        own, other = _resource(r.page.target), _resource(r.target)
        sub, sup = (own, other) if r.kind == "supertrope" else (other, own)
        triple(sub, RDFS.subClassOf, sup)
    examples = example_rows(reader).exclude(trope_key="").exclude(work_key="")
    batch: list[Example] = []
    for row in examples.iterator(chunk_size=2000):
        batch.append(row)
        if len(batch) == 2000:
            yield from _examples(batch, triple, site)
            batch = []
    yield from _examples(batch, triple, site)


def _examples(rows: list[Example], triple, site: str) -> Iterator[int]:
    """Examples of one batch: their tropes and works named by the pages their keys lead to."""
    keys = {r.trope_key for r in rows} | {r.work_key for r in rows}
    found = {}
    for chunk in chunked(keys):
        for key, ns, name in Page.objects.filter(key__in=chunk).values_list("key", "namespace", "name"):
            found[key] = f"{ns}/{name}"
    for row in rows:
        trope = found.get(row.trope_key) or row.trope or row.trope_key
        work = found.get(row.work_key) or row.work_target or row.work_key
        node = URIRef(f"{site}/api/v1/examples/{row.id}")
        triple(_resource(work), SKIPINIONS.hasFeature, node)
        triple(node, RDF.type, _resource(trope))
        triple(node, RDFS.comment, Literal(row.text))
        if row.work_key not in found:  # a work no page describes: still a TVTItem, titled by the example
            triple(_resource(work), RDF.type, DBTONT.TVTItem)
            title = row.work_title or title_from_name(split_target(work)[1])
            triple(_resource(work), RDFS.label, Literal(title))
        yield 1
