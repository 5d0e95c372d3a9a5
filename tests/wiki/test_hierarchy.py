"""The trope hierarchy: relations from page text and index pages, cycles, and index trees."""

from __future__ import annotations

import pytest

from tropebase.wiki.hierarchy import subtropes_of, supertropes_of, tree, with_subtropes_cached
from tropebase.wiki.models import Page
from tropebase.wiki.store import save_page

from .findkit import weather_wiki

pytestmark = pytest.mark.django_db


@pytest.fixture
def wiki(db):
    weather_wiki()


def test_subtropes_from_text_and_indexes_with_a_cycle(wiki):
    assert subtropes_of({"main/rainyday"}) == {"main/sadrain"}
    assert subtropes_of({"main/skytropes"}, transitive=False) == {"main/weathertropes", "main/rainbow"}
    assert subtropes_of({"main/skytropes"}) == {
        "main/weathertropes", "main/rainbow", "main/rainyday", "main/sadrain", "main/snowday", "main/skytropes"
    }  # fmt: skip
    assert supertropes_of({"main/sadrain"}) == {"main/rainyday", "main/weathertropes", "main/skytropes"}


def test_supertrope_named_by_an_alias_or_plural(db):
    save_page("Main/ForgottenUmbrella", "The Forgotten Umbrella (abbreviated as FU) is a trope.")
    save_page("Main/LeftOnTheBus", "Left on a bus. Subtrope of {{FU}}.")
    save_page("Main/LeftOnTheTrain", "Left on a train. Subtrope of ForgottenUmbrellas.")
    save_page("Main/UmbrellaTropes", "[[index]]\n* ForgottenUmbrella\n[[/index]]")
    assert subtropes_of({"main/forgottenumbrella"}) == {"main/leftonthebus", "main/leftonthetrain"}
    assert "main/leftonthebus" in with_subtropes_cached({"main/umbrellatropes"})


def test_the_cached_closure_follows_saves(db):
    save_page("Main/RainyDay", "It rains.")
    assert with_subtropes_cached({"main/rainyday"}) == {"main/rainyday"}
    save_page("Main/SadRain", "Sad. Subtrope of RainyDay.")
    assert with_subtropes_cached({"main/rainyday"}) == {"main/rainyday", "main/sadrain"}


def test_index_tree_expands_sub_indexes_once(wiki):
    nodes = tree(Page.objects.get(key="main/skytropes"), depth=3)
    assert [n.key for n in nodes] == ["main/weathertropes", "main/rainbow"]
    weather = nodes[0]
    assert weather.is_index and [n.key for n in weather.children] == [
        "main/rainyday",
        "main/snowday",
        "main/skytropes",
    ]
    assert weather.children[2].repeated and not weather.children[2].children  # the cycle is not expanded
    assert not nodes[1].exists and nodes[1].title == "Rainbow"


def test_index_page_renders_its_tree(client, wiki):
    html = client.get("/Main/SkyTropes").content.decode()
    assert 'class="index-tree"' in html and 'href="/Main/RainyDay"' in html and "Snow Day" in html
