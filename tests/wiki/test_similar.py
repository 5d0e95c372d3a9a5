"""Works like this, the tropes they play, and tropes that go with this: rarity, presence plays, adult
pages, avoid lists, and the same results as the bench's in-memory run."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tropebase.catalog.querylang import PRESENT_PLAYS
from tropebase.catalog.similarity import MemorySource, neighbours, suggest_tropes
from tropebase.web.find import page_extras
from tropebase.wiki.models import Appearance, Page
from tropebase.wiki.similar import for_work, tropes_for, tropes_with, works_like
from tropebase.wiki.store import save_page
from tropebase.wiki.visibility import Reader

pytestmark = pytest.mark.django_db
ANYONE, ADULT = Reader(), Reader(show_adult=True)


def film(name: str, *lines: str, rating: str | None = None) -> None:
    save_page(f"Film/{name}", "A film.\n----\n" + "".join(f"* {line}\n" for line in lines), title=name,
              rating=rating)  # fmt: skip


@pytest.fixture
def catalog(db):
    """RainyDay is everywhere; Puddles and Drizzle share the rarer SnowDay and LostKey; Fog shares
    only LostKey; Gale averts SnowDay and LostKey; the adult Secret shares them all."""
    for name in ("RainyDay", "SnowDay", "LostKey", "MissedTrain", "ForgottenUmbrella"):
        save_page(f"Main/{name}", "A trope.")
    film("Puddles", "RainyDay: wet.", "SnowDay: cold.", "LostKey: gone.", "MissedTrain: late.")
    film("Drizzle", "RainyDay: wet.", "SnowDay: colder.", "LostKey: lost.", "ForgottenUmbrella: again.")
    film("Fog", "RainyDay: damp.", "LostKey: somewhere.", "ForgottenUmbrella: again.")
    film("Gale", "RainyDay: windy.", "SnowDay: averted, it never snows.", "LostKey: averted, kept safe.")
    film("Hail", "RainyDay: ice.", "MissedTrain: again.", "ForgottenUmbrella: once.")
    film(
        "Secret", "SnowDay: hush.", "LostKey: hush.", "MissedTrain: hush.", "RainyDay: hush.", rating="adult"
    )


def test_works_sharing_rarer_tropes_come_first_and_averted_plays_do_not_count(catalog):
    found = [w.key for w in works_like("film/puddles", ANYONE)]
    assert found[0] == "film/drizzle"  # SnowDay and LostKey in common
    assert (
        "film/gale" not in found
    )  # shares only the everywhere RainyDay; its SnowDay and LostKey are averted
    assert "film/secret" not in found and "film/puddles" not in found
    first = works_like("film/puddles", ANYONE)[0]
    assert (first.title, first.url, first.shared) == ("Drizzle", "/Film/Drizzle", 2)


def test_adult_works_only_for_readers_who_opted_in(catalog):
    assert works_like("film/puddles", ADULT)[0].key == "film/secret"  # three rarer tropes in common


def test_tropes_that_go_with_this_by_lift(catalog):
    found = tropes_with("main/lostkey", ANYONE, min_co=2)
    # 5 works; LostKey in 3 (Gale averts it); SnowDay in 2 of them and 2 overall, ForgottenUmbrella in
    # 2 of them and 3 overall, RainyDay in all: lifts 5/3, 10/9, 1; MissedTrain shares only one work
    assert [t.key for t in found] == ["main/snowday", "main/forgottenumbrella", "main/rainyday"]
    assert found[0].shared == 2 and found[0].title == "Snow Day" and found[0].score == pytest.approx(5 / 3)
    assert tropes_with("main/lostkey", ANYONE, min_co=4) == []


def test_avoid_list_marks_or_hides_works_like_this(catalog):
    page = Page.objects.get(key="film/puddles")
    marked = page_extras(Reader(avoid=("SnowDay",)), page, {})["works_like"]
    assert {w.key: w.avoided for w in marked} == {
        "film/drizzle": ["Snow Day"],
        "film/fog": [],
        "film/hail": [],
    }
    hidden = page_extras(Reader(avoid=("SnowDay",), avoid_hide=True), page, {})["works_like"]
    assert sorted(w.key for w in hidden) == ["film/fog", "film/hail"]


def test_pages_show_both(client, catalog):
    work = client.get("/Film/Puddles").content.decode()
    assert "Works like this" in work and 'href="/Film/Drizzle"' in work.split("Works like this")[1]
    trope = client.get("/Main/LostKey").content.decode()
    assert "Tropes that go with this" in trope


def test_a_work_page_suggests_the_tropes_works_like_it_play(catalog):
    # Puddles' neighbours (Drizzle, Fog, Hail) all forget their umbrellas; RainyDay is its own already
    works, tropes = for_work("film/puddles", ANYONE)
    assert [w.key for w in works] == [w.key for w in works_like("film/puddles", ANYONE)]
    assert [(t.key, t.title, t.url, t.shared) for t in tropes] == [
        ("main/forgottenumbrella", "Forgotten Umbrella", "/Main/ForgottenUmbrella", 3)
    ]
    assert tropes_for("film/fog", ANYONE)[0].key == "main/snowday"  # from Drizzle, Fog's nearest


def test_a_trope_only_an_adult_work_plays_is_suggested_only_to_readers_who_opted_in(catalog):
    film("Siesta", "Yawning: wide.", "Pillow: soft.")
    film("Sleepover", "Yawning: hush.", "Pillow: hush.", "SleptIn: hush.", rating="adult")
    assert tropes_for("film/siesta", ANYONE) == []
    assert [t.key for t in tropes_for("film/siesta", ADULT)] == ["main/sleptin"]


@pytest.mark.parametrize("reader", [ANYONE, ADULT])
def test_the_page_suggests_what_the_bench_measures(catalog, reader):
    """`wiki.similar` over appearances and `catalog.similarity` over a mapping (what bench/recs_bench.py
    runs) give the same works and tropes with the same scores."""
    rows = Appearance.objects.filter(play__in=sorted(PRESENT_PLAYS))
    if not reader.show_adult:
        rows = rows.filter(adult_only=False)
    plays: dict[str, set[str]] = defaultdict(set)
    for work, trope in rows.values_list("work_key", "trope_key"):
        plays[work].add(trope)
    source = MemorySource(plays)
    for work in plays:
        found = neighbours(work, source)
        works, tropes = for_work(work, reader, k=50)
        assert [(w.key, w.shared) for w in works] == [(w, found.shared[w]) for w, _ in found.ranked]
        assert [w.score for w in works] == pytest.approx([s for _, s in found.ranked])
        expected = suggest_tropes(found, source, k=50)
        assert [(t.key, t.shared) for t in tropes] == [(t, n) for t, _, n in expected]
        assert [t.score for t in tropes] == pytest.approx([s for _, s, _ in expected])


def test_avoid_list_marks_or_hides_suggested_tropes(catalog):
    page = Page.objects.get(key="film/puddles")
    marked = page_extras(Reader(avoid=("ForgottenUmbrella",)), page, {})["tropes_for"]
    assert [(t.key, t.avoided) for t in marked] == [("main/forgottenumbrella", ["Forgotten Umbrella"])]
    hidden = page_extras(Reader(avoid=("ForgottenUmbrella",), avoid_hide=True), page, {})["tropes_for"]
    assert hidden == []


def test_avoid_list_marks_or_hides_tropes_that_go_with_this(catalog):
    film("Sleet", "LostKey: again.", "SnowDay: wet.")
    film("Frost", "LostKey: frozen in.", "SnowDay: white.")
    trope = Page.objects.get(key="main/lostkey")
    marked = page_extras(Reader(avoid=("SnowDay",)), trope, {})["tropes_with"]
    assert {t.key: t.avoided for t in marked} == {"main/snowday": ["Snow Day"], "main/rainyday": []}
    hidden = page_extras(Reader(avoid=("SnowDay",), avoid_hide=True), trope, {})["tropes_with"]
    assert [t.key for t in hidden] == ["main/rainyday"]


def test_work_page_shows_the_suggested_tropes_and_marks_avoided_ones(client, catalog):
    work = client.get("/Film/Puddles").content.decode()
    assert "Tropes works like this play" in work
    assert 'href="/Main/ForgottenUmbrella"' in work.split("Tropes works like this play")[1]
    client.cookies["tb_avoid"] = "ForgottenUmbrella"
    work = client.get("/Film/Puddles").content.decode()
    assert "you avoid it" in work.split("Tropes works like this play")[1]
