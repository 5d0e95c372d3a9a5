"""Reader pages through Django's test client: trope and work pages, aliases, red links, wicks,
adult opt-in, indexes."""

from __future__ import annotations

import pytest

from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db

TROPE = """The Forgotten Umbrella (abbreviated as FU) is a trope. See also {{Rainy Day}}.
----
!!Examples:
[[foldercontrol]]
[[folder:Film]]
* ''Film/Puddles'': the hero [[spoiler:forgets it on the bus]].
* Defied in ''Film/DryRun''.
[[/folder]]
"""


@pytest.fixture
def wiki(db):
    save_page("Film/Puddles", "A film about rain.\n----\n* RainyDay: it rains throughout.", title="Puddles")
    save_page("Film/DryRun", "A film without rain.", title="Dry Run")
    save_page("Main/ForgottenUmbrella", TROPE)
    save_page("Main/BrollyBlindness", "[[redirect:ForgottenUmbrella]]")


def test_trope_page(client, wiki):
    html = client.get("/Main/ForgottenUmbrella").content.decode()
    assert '<h1 class="entry-title">Forgotten Umbrella</h1>' in html
    assert '<details class="folder"><summary class="folderlabel">Film</summary>' in html
    assert '<span class="spoiler" tabindex="0">forgets it on the bus</span>' in html
    assert "Defied in" in html and 'class="play play-defied"' not in html  # the badge would say it twice
    assert '<a class="twikilink" href="/Film/Puddles">Puddles</a>' in html
    assert '<a class="twikilink createlink" href="/Main/RainyDay">Rainy Day</a>' in html
    assert "Also known as: FU" in html


def test_work_page_lists_examples_from_trope_pages(client, wiki):
    html = client.get("/Film/Puddles").content.decode()
    assert "Tropes from trope pages" in html
    assert '<a class="twikilink" href="/Main/ForgottenUmbrella">Forgotten Umbrella</a>' in html
    assert 'the hero <span class="spoiler" tabindex="0">forgets it on the bus</span>' in html


def test_example_written_on_a_work_page_shows_on_the_trope_page(client, wiki):
    save_page("Main/RainyDay", "It rains.")
    html = client.get("/Main/RainyDay").content.decode()
    assert "Examples from work pages" in html
    assert "it rains throughout." in html and '<a class="twikilink" href="/Film/Puddles">Puddles</a>' in html


def test_alias_and_redirect_lead_to_the_page_with_aka(client, wiki):
    for alias in ("/Main/FU", "/Main/BrollyBlindness", "/main/fu"):
        response = client.get(alias)
        assert response.status_code == 302
        assert response["Location"].startswith("/Main/ForgottenUmbrella?from=")
    html = client.get("/Main/ForgottenUmbrella?from=Main/BrollyBlindness").content.decode()
    assert "aka: BrollyBlindness" in html


def test_missing_page_is_404_with_a_way_to_create_it(client, editor_client, wiki):
    assert client.get("/Main/NoSuchTrope").status_code == 404
    html = editor_client.get("/Main/NoSuchTrope").content.decode()
    assert 'href="/Main/NoSuchTrope/edit"' in html


def test_wicks_and_related(client, wiki):
    save_page("Main/RainyDay", "Compare ForgottenUmbrella and FU.")
    assert "Related (1)" in client.get("/Main/ForgottenUmbrella").content.decode()
    assert "Rainy Day" in client.get("/Main/ForgottenUmbrella/related").content.decode()


def test_adult_page_needs_opt_in_and_stays_out_of_listings(client, wiki):
    save_page("Main/Spicy", "Pages about {{Hentai}}.")
    page = client.get("/Main/Spicy")
    assert "I am an adult" in page.content.decode() and "Pages about" not in page.content.decode()
    assert "Spicy" not in client.get("/_/recent").content.decode()
    assert "Spicy" not in client.get("/_/ns/Main").content.decode()
    opted = client.post("/_/adult", {"next": "/Main/Spicy"})
    assert opted["Location"] == "/Main/Spicy"
    assert "Pages about" in client.get("/Main/Spicy").content.decode()
    assert "Spicy" in client.get("/_/recent").content.decode()


def test_opt_in_keeps_next_on_this_site(client, wiki):
    assert client.post("/_/adult", {"next": "https://elsewhere.example/"})["Location"] == "/"


def test_home_recent_random_and_index(client, wiki):
    home = client.get("/").content.decode()
    assert "Forgotten Umbrella" in home
    assert "1 tropes · 2 works" in home  # the redirect page is not a trope
    assert client.get("/_/recent").status_code == 200
    assert client.get("/_/random")["Location"].startswith("/")
    assert "Puddles" in client.get("/_/ns/Film").content.decode()


def test_history_and_diff(client, wiki):
    save_page("Film/DryRun", "A film without rain.\nIt is very dry.")
    history = client.get("/Film/DryRun/history").content.decode()
    assert "r2" in history and "r1" in history
    diff = client.get("/Film/DryRun/diff?from=1&to=2").content.decode()
    assert "<ins>It is very dry.</ins>" in diff
    assert client.get("/Film/DryRun/diff?from=1&to=9").status_code == 404
    old = client.get("/Film/DryRun?rev=1").content.decode()
    assert "not the current one" in old and "very dry" not in old


def test_cached_pages_are_dropped_when_what_they_show_changes(client, wiki):
    save_page("Main/RainyDay", "It rains.")
    assert "it rains throughout." in client.get("/Main/RainyDay").content.decode()  # now cached
    save_page("Film/Puddles", "A film about rain.\n----\n* RainyDay: it drizzles all week.")
    html = client.get("/Main/RainyDay").content.decode()
    assert "it drizzles all week." in html and "it rains throughout." not in html
    assert "Forgotten Umbrella" in client.get("/Film/Puddles").content.decode()
    save_page("Main/ForgottenUmbrella", "Nothing about films any more.")
    assert "Forgotten Umbrella" not in client.get("/Film/Puddles").content.decode()


def test_signed_in_readers_never_get_the_anonymous_copy(client, editor, wiki):
    client.get("/Main/ForgottenUmbrella")  # cached for anonymous readers
    client.force_login(editor)
    assert "editor" in client.get("/Main/ForgottenUmbrella").content.decode()


def test_related_tropes_box(client, db):
    save_page("Main/MurphysLaw", "Whatever can go wrong will.")
    save_page(
        "Main/ForgottenUmbrella",
        "A subtrope of MurphysLaw. Compare RainyDay. The opposite is {{Umbrella Hoarder}}.",
    )
    html = client.get("/Main/ForgottenUmbrella").content.decode()
    box = html[html.index('<aside class="relations">') :]
    assert '<dt>Supertrope</dt><dd><a class="twikilink" href="/Main/MurphysLaw">Murphys Law</a></dd>' in box
    assert '<dt>Compare</dt><dd><a class="twikilink" href="/Main/RainyDay">Rainy Day</a></dd>' in box
