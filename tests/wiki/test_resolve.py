"""The one name resolver: every spelling of a name reaches one page, in views, saves and link titles."""

from __future__ import annotations

import pytest

from tropebase.wiki.models import Page
from tropebase.wiki.resolve import resolve, singular_keys
from tropebase.wiki.store import save_page
from tropebase.wiki.titles import titles_for

pytestmark = pytest.mark.django_db

GUN = "A gun shown early goes off later.\n----\n* ''Film/DryRun'': the umbrella stand holds one."


@pytest.fixture
def gun(db):
    return save_page("Main/ChekhovsGun", GUN, title="Chekhov's Gun").page


@pytest.mark.parametrize(
    "url", ["/Main/ChekhovsGun", "/Main/Chekhovs%20Gun", "/main/chekhovsgun", "/Main/ChekhovsGuns",
            "/Main/Chekhovs-Gun", "/MAIN/chekhovs_gun"],
)  # fmt: skip
def test_every_spelling_reaches_the_page(client, gun, url):
    html = client.get(url, follow=True).content.decode()
    assert '<h1 class="entry-title">Chekhov' in html and "A gun shown early" in html


def test_plurals_lead_to_their_singular():
    assert singular_keys("main/fetchquests") == ["main/fetchquest"]
    assert singular_keys("main/heroes")[:2] == ["main/hero", "main/heroe"]
    assert singular_keys("main/bullies")[0] == "main/bully"
    assert singular_keys("main/princess") == []
    save_page("Main/FetchQuest", "Go and get it.")
    save_page("Main/Bully", "A mean one.")
    assert resolve("Main/FetchQuests").key == "main/fetchquest"
    assert resolve("Main/Bullies").key == "main/bully"
    assert resolve("Main/FetchQuestz") is None


def test_link_titles_follow_plurals_and_redirects(gun):
    save_page("Film/Bar", "A film.", title="The Bar")
    save_page("Film/Foo", "[[redirect:Film/Bar]]")
    titles = titles_for(["Main/ChekhovsGuns", "Film/Foo", "Main/NoSuchPage"])
    assert titles["Main/ChekhovsGuns"] == "Chekhov's Gun"
    assert titles["Film/Foo"] == "Foo"  # a redirect page is a page: the link is blue, named as written
    assert "Main/NoSuchPage" not in titles


def test_example_naming_a_redirected_work_shows_on_the_work(client):
    save_page("Film/Bar", "A film about a bar.", title="The Bar")
    save_page("Film/Foo", "[[redirect:Film/Bar]]")
    save_page("Main/LastCall", "Closing time.\n----\n* ''Film/Foo'': the lights flicker twice.")
    html = client.get("/Film/Bar").content.decode()
    assert "the lights flicker twice." in html


def test_redirect_written_before_its_target_becomes_an_alias(client):
    save_page("Film/Foo", "[[redirect:Film/Bar]]")
    save_page("Main/LastCall", "Closing time.\n----\n* ''Film/Foo'': the lights flicker twice.")
    save_page("Film/Bar", "A film about a bar.", title="The Bar")
    assert resolve("Main/Foo").key == "film/bar"  # a bare name finds a redirect in any namespace
    assert "the lights flicker twice." in client.get("/Film/Bar").content.decode()


def test_a_redirect_that_stops_redirecting_is_no_longer_an_alias():
    save_page("Film/Bar", "A film.")
    save_page("Film/Foo", "[[redirect:Film/Bar]]")
    save_page("Film/Foo", "A film of its own now.")
    assert resolve("Film/Foo").key == "film/foo" and not Page.objects.get(key="film/bar").aliases.exists()
