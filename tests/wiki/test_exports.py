"""CSV and RDF Turtle exports: read back with csv and rdflib, in DBTropes' vocabulary."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from tropebase.cli import load_demo
from tropebase.wiki.exports import (
    APPEARANCE_COLUMNS,
    DBTONT,
    DBTR,
    EXAMPLE_COLUMNS,
    SKIPINIONS,
    write_appearances_csv,
    write_examples_csv,
    write_turtle,
)
from tropebase.wiki.models import Appearance, Example
from tropebase.wiki.visibility import Reader

pytestmark = pytest.mark.django_db
SITE = "http://wiki.test"


def written(writer, *args) -> str:
    out = io.StringIO()
    for _ in writer(out, *args):
        pass
    return out.getvalue()


def test_examples_and_appearances_csv():
    load_demo()
    rows = list(csv.DictReader(io.StringIO(written(write_examples_csv, Reader()))))
    general = Example.objects.exclude(page__content_rating="adult")
    assert list(rows[0]) == EXAMPLE_COLUMNS and len(rows) == general.count()
    first = general.order_by("id").first()
    assert (
        rows[0]["id"] == str(first.id)
        and rows[0]["text"] == first.text
        and rows[0]["page"] == first.page.target
    )
    assert all(r["page"] != "Literature/TheVelvetLedger" for r in rows)
    adult = list(csv.DictReader(io.StringIO(written(write_examples_csv, Reader(show_adult=True)))))
    assert len(adult) == Example.objects.count() > len(rows)
    shown = list(csv.DictReader(io.StringIO(written(write_appearances_csv, Reader()))))
    assert (
        list(shown[0]) == APPEARANCE_COLUMNS
        and len(shown) == Appearance.objects.filter(adult_only=False).count()
    )


def test_turtle_in_dbtropes_vocabulary_reads_back_with_rdflib():
    load_demo()
    graph = Graph().parse(data=written(write_turtle, Reader(), SITE), format="turtle")
    example = (
        Example.objects.filter(trope_key="main/chekhovsgun", page__kind="trope").exclude(work_key="").first()
    )
    node = URIRef(f"{SITE}/api/v1/examples/{example.id}")  # named by its stable id
    works = list(graph.subjects(SKIPINIONS.hasFeature, node))
    assert len(works) == 1 and (works[0], RDF.type, DBTONT.TVTItem) in graph
    assert (node, RDF.type, DBTR["Main/ChekhovsGun"]) in graph
    assert (node, RDFS.comment, Literal(example.text)) in graph
    assert (DBTR["Main/ChekhovsGun"], RDFS.label, Literal("Chekhov's Gun")) in graph
    assert (DBTR["Main/ChekhovsGun"], RDFS.seeAlso, URIRef(f"{SITE}/Main/ChekhovsGun")) in graph
    assert (DBTR["Main/WiseOldTree"], RDFS.subClassOf, DBTR["Main/TheMentor"]) in graph
    features = set(graph.objects(None, SKIPINIONS.hasFeature))
    visible = Example.objects.exclude(page__content_rating="adult").exclude(trope_key="").exclude(work_key="")
    assert len(features) == visible.count()
    assert (DBTR["Literature/TheVelvetLedger"], None, None) not in graph
