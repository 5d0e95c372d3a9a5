"""The trope hierarchy: relations from page text and index pages, cycles, and index trees."""

from __future__ import annotations

import pytest

from tropebase.wiki import hierarchy
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


def test_the_graph_is_loaded_once_and_reloaded_after_an_edge_changes(db, django_assert_max_num_queries):
    save_page("Main/RainyDay", "It rains.")
    save_page("Main/SadRain", "Sad. Subtrope of RainyDay.")
    assert with_subtropes_cached({"main/rainyday"}) == {"main/rainyday", "main/sadrain"}
    version = hierarchy.current_version()
    with django_assert_max_num_queries(1):  # the version token only: the walk is in memory
        assert with_subtropes_cached({"main/sadrain"}) == {"main/sadrain"}
    save_page("Film/Puddles", "A film.\n----\n* RainyDay: it rains.\n", title="Puddles")
    assert hierarchy.current_version() == version  # a save stating no edge keeps the graph
    save_page("Main/SadRain", "Sad, and no longer under anything.")
    assert hierarchy.current_version() != version
    assert with_subtropes_cached({"main/rainyday"}) == {"main/rainyday"}


def test_a_name_gaining_its_page_reloads_the_graph(db):
    save_page("Main/Drizzle", "Light rain. Subtrope of {{Showers}}.")
    assert with_subtropes_cached({"main/showers"}) == {"main/showers", "main/drizzle"}
    # a page for the singular now takes the plural the relation named: the edge is the new page's
    save_page("Main/Shower", "Rain that stops soon.")
    assert "main/drizzle" in with_subtropes_cached({"main/shower"})
    save_page("Main/Spitting", "Barely rain. Subtrope of {{LR}}.")
    save_page("Main/LightRain", "The Light Rain (abbreviated as LR) is hardly any rain.")
    assert "main/spitting" in with_subtropes_cached({"main/lightrain"})


def test_another_process_sees_the_change(db):
    save_page("Main/RainyDay", "It rains.")
    assert with_subtropes_cached({"main/rainyday"}) == {"main/rainyday"}
    stale = hierarchy._GRAPH
    save_page("Main/SadRain", "Sad. Subtrope of RainyDay.")
    hierarchy._GRAPH = stale  # as another process that loaded the graph before the save still holds it
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
