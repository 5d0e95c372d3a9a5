"""Works like this and tropes that go with this: rarity, presence plays, adult pages, avoid lists."""

from __future__ import annotations

import pytest

from tropebase.web.find import page_extras
from tropebase.wiki.models import Page
from tropebase.wiki.similar import tropes_with, works_like
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
