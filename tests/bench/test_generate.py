"""bench/generate.py: the synthetic catalog compiles into what it says it wrote — counts, Zipf skew,
play types, a supertrope DAG with depth, aliases and redirects, index pages — and the same seed writes
the same bytes. Pages are read as `tropebase import DIR` reads them (the folder walk, the file name →
page mapping, format detection), then compiled; a tiny catalog is also imported into the database."""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tropebase.catalog import compile_page
from tropebase.ingest.load import load
from tropebase.ingest.sources import expand_paths
from tropebase.markup import parse

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import generate


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """(summary, facts by page) of a catalog at 1/500 of the full size."""
    folder = tmp_path_factory.mktemp("catalog")
    summary = generate.generate(folder, *generate.counts_for(0.002), seed=7)
    facts = {}
    files = expand_paths([str(folder)])
    assert len(files) == summary.files
    for path in files:
        [page] = load(path)
        assert page.report.format == "markup", path
        facts[page.report.page] = compile_page(parse(page.markup), page.report.page)
    return summary, facts


def _kind(f) -> str:
    return "redirect" if f.redirect else f.kind


def test_counts_match_what_generate_reports(catalog):
    summary, facts = catalog
    assert (summary.pages["trope"], summary.pages["work"]) == generate.counts_for(0.002)[:2] == (60, 1000)
    assert Counter(_kind(f) for f in facts.values()) == summary.pages
    examples = [e for f in facts.values() for e in f.examples]
    assert len(examples) == summary.examples
    assert summary.examples == pytest.approx(generate.counts_for(0.002)[2], rel=0.1)
    on_tropes = sum(len(f.examples) for f in facts.values() if f.kind == "trope")
    assert (on_tropes, summary.examples - on_tropes) == (summary.on_trope_pages, summary.on_work_pages)
    assert sum(e.parent is not None for e in examples) == summary.nested > 0
    assert sum(bool(e.spoilers) for e in examples) == summary.spoilers > 0
    assert all(not f.notices for f in facts.values())  # every folder label is a known medium
    works = {p for p, f in facts.items() if f.kind == "work"}
    tropes = {p for p, f in facts.items() if f.kind == "trope" and not f.redirect}
    assert all(e.trope in tropes and e.work_page in works and e.medium for e in examples)
    assert len({(e.trope, e.work_page) for e in examples}) == summary.pairs
    namespaces = Counter(p.split("/")[0] for p in works)
    assert namespaces == summary.works_by_namespace and len(namespaces) == 20


def test_trope_popularity_is_skewed(catalog):
    summary, facts = catalog
    pairs = {(e.trope, e.work_page) for f in facts.values() for e in f.examples}
    works_per_trope = Counter(trope for trope, _ in pairs)
    played = [works_per_trope.get(p, 0) for p, f in facts.items() if f.kind == "trope" and not f.redirect]
    assert max(played) >= 8 * statistics.median(played)
    assert (max(played), statistics.median(played)) == (summary.most_played, summary.median_played)


def test_about_one_example_in_twenty_is_not_played_straight(catalog):
    summary, facts = catalog
    plays = Counter(e.play for f in facts.values() for e in f.examples)
    not_straight = summary.examples - plays["straight"]
    assert not_straight == summary.not_straight
    assert 0.035 < not_straight / summary.examples < 0.065
    assert len(plays) >= 6 and plays["averted"] and plays["subverted"]


def test_supertropes_form_a_dag_with_depth(catalog):
    summary, facts = catalog
    supers: dict[str, set[str]] = {}
    for page, f in facts.items():
        for r in f.relations:
            if r.kind == "supertrope":  # said on the child
                supers.setdefault(page, set()).add(r.target)
            elif r.kind == "subtrope":  # said on the parent ("Supertrope of", "Sub-tropes:")
                supers.setdefault(r.target, set()).add(page)
    assert sum(map(len, supers.values())) == summary.supertrope_edges
    kinds = Counter(r.kind for f in facts.values() for r in f.relations)
    assert kinds["supertrope"] and kinds["subtrope"]
    assert any(len(parents) > 1 for parents in supers.values())  # a DAG, not only a tree
    trope_pages = {p for p, f in facts.items() if f.kind == "trope"}
    assert all(p in trope_pages for parents in supers.values() for p in parents)
    depth: dict[str, int] = {}

    def depth_of(page: str, path: frozenset[str] = frozenset()) -> int:
        assert page not in path, f"cycle through {page}"
        if page not in depth:
            depth[page] = 1 + max((depth_of(p, path | {page}) for p in supers.get(page, ())), default=0)
        return depth[page]

    assert max(depth_of(page) for page in supers) >= 4


def test_aliases_and_redirects(catalog):
    summary, facts = catalog
    assert sum(len(f.aliases) for f in facts.values()) == summary.aliases > 0
    redirects = {p: f.redirect for p, f in facts.items() if f.redirect}
    assert len(redirects) == summary.pages["redirect"] > 0
    for page, target in redirects.items():
        assert facts[target].kind == "trope" and not facts[target].redirect
        assert facts[page].title in facts[target].aliases  # the redirect is one of the names it gives


def test_index_pages_list_tropes_and_sub_indexes(catalog):
    summary, facts = catalog
    indexes = {p: f for p, f in facts.items() if f.kind == "index"}
    assert len(indexes) == summary.pages["index"] >= 3
    listed = {r.target for f in indexes.values() for r in f.relations if r.kind == "indexes"}
    tropes = {p for p, f in facts.items() if f.kind == "trope" and not f.redirect}
    assert tropes <= listed  # every trope is on an index
    assert any(r.target in indexes for f in indexes.values() for r in f.relations)  # and indexes on indexes
    assert all(p.endswith("Tropes") for p in indexes)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in expand_paths([str(folder)])}


def test_same_seed_same_bytes(tmp_path):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        generate.generate(tmp_path / name, 20, 60, 300, seed=seed)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_refuses_a_folder_with_pages_in_it(tmp_path):
    (tmp_path / "Main.Old.txt").write_text("An old page.")
    with pytest.raises(SystemExit, match="not empty"):
        generate.generate(tmp_path, 12, 20, 60)


@pytest.mark.django_db(transaction=True)
def test_a_tiny_catalog_imports_as_written(tmp_path):
    from tropebase.cli import main
    from tropebase.wiki.models import Appearance, Example, Page

    summary = generate.generate(tmp_path, 12, 20, 60, seed=2)
    result = CliRunner().invoke(main, ["import", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"imported: {summary.files} created, 0 changed, 0 unchanged, 0 failed" in result.output
    kinds = Counter(Page.objects.values_list("kind", flat=True))
    redirects = Page.objects.exclude(redirect_to="").count()
    assert redirects == summary.pages["redirect"]
    assert kinds["work"] == summary.pages["work"] and kinds["index"] == summary.pages["index"]
    assert kinds["trope"] == summary.pages["trope"] + redirects
    assert Example.objects.count() == summary.examples
    assert Appearance.objects.count() == summary.pairs
