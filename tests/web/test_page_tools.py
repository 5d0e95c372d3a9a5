"""What a reader and an editor reach for on a page: source, history with size changes and diff links,
undo and revert with a reason, user pages, the watchlist, subpage tabs, names without a namespace,
templates and a preview that matches the saved page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tropebase.wiki.models import Page, Revision, Watch
from tropebase.wiki.store import save_page, set_protected

pytestmark = pytest.mark.django_db

TEXT = "\n".join(f"Line {i} of the page." for i in range(1, 9))
TROPE = """A trope about umbrellas.
----
[[folder:Film]]
* ''Film/Puddles'': the hero [[spoiler:forgets it]] on the bus.
* ''Film/DryRun'': played for laughs, see RainyDay.
[[/folder]]
"""


@pytest.fixture
def page(db):
    return save_page("Main/ForgottenUmbrella", TEXT).page


def test_source_is_the_current_markup_as_plain_text(client, page):
    response = client.get("/Main/ForgottenUmbrella/source")
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == TEXT
    assert client.get("/Main/NoSuchPage/source").status_code == 404


def test_source_of_an_adult_page_needs_the_opt_in(client, db):
    save_page("Main/VelvetSecret", "zanzibarine text", rating="adult")
    assert "zanzibarine" not in client.get("/Main/VelvetSecret/source").content.decode()
    client.post("/_/adult", {"next": "/"})
    assert client.get("/Main/VelvetSecret/source").content.decode() == "zanzibarine text"


def test_history_shows_size_change_and_a_diff_link_per_row(client, page):
    save_page("Main/ForgottenUmbrella", TEXT + "\nA ninth line.", base=1)
    save_page("Main/ForgottenUmbrella", "Short.", base=2)
    html = client.get("/Main/ForgottenUmbrella/history").content.decode()
    assert f">+{len(TEXT.encode())}<" in html  # the first revision: its whole size
    assert ">+14<" in html and f">-{len((TEXT + chr(10) + 'A ninth line.').encode()) - 6}<" in html
    assert 'href="/Main/ForgottenUmbrella/diff?from=2&amp;to=3"' in html
    assert 'aria-label="Compare from r3"' in html
    assert "Undo" not in html  # not signed in


def test_an_editor_undoes_one_change_and_keeps_the_later_ones(editor_client, page):
    save_page("Main/ForgottenUmbrella", TEXT.replace("Line 2 ", "Vandal 2 "), base=1)
    save_page(
        "Main/ForgottenUmbrella", TEXT.replace("Line 2 ", "Vandal 2 ").replace("Line 7", "Line seven"), base=2
    )
    response = editor_client.post("/Main/ForgottenUmbrella/undo", {"number": 2, "reason": "  nonsense  "})
    assert response.status_code == 302
    current = Page.objects.get(id=page.id).current
    assert "Vandal" not in current.text and "Line seven" in current.text
    assert current.summary == "Undid revision 2: nonsense" and current.author.username == "editor"


def test_an_undo_that_collides_with_later_changes_is_refused_and_said(editor_client, page):
    save_page("Main/ForgottenUmbrella", TEXT.replace("Line 2 ", "Vandal 2 "), base=1)
    save_page("Main/ForgottenUmbrella", TEXT.replace("Line 2 ", "Mended 2 "), base=2)
    response = editor_client.post("/Main/ForgottenUmbrella/undo", {"number": 2}, follow=True)
    assert "Later revisions changed the lines revision 2 changed" in response.content.decode()
    assert Page.objects.get(id=page.id).current.number == 3


def test_an_editor_reverts_with_a_reason_but_not_a_protected_page(editor_client, moderator, page):
    save_page("Main/ForgottenUmbrella", "vandalised", base=1)
    assert (
        editor_client.post("/Main/ForgottenUmbrella/revert", {"number": 1, "reason": "spam"}).status_code
        == 302
    )
    current = Page.objects.get(id=page.id).current
    assert current.text == TEXT and current.summary == "Reverted to revision 1: spam"
    set_protected(page, True)
    assert editor_client.post("/Main/ForgottenUmbrella/revert", {"number": 2}).status_code == 403
    assert editor_client.post("/Main/ForgottenUmbrella/undo", {"number": 3}).status_code == 403
    assert Client().post("/Main/ForgottenUmbrella/undo", {"number": 3}).status_code == 403
    assert "Undo" not in editor_client.get("/Main/ForgottenUmbrella/history").content.decode()
    moderator_client = Client()
    moderator_client.force_login(moderator)
    assert moderator_client.post("/Main/ForgottenUmbrella/revert", {"number": 2}).status_code == 302


def test_user_page_lists_contributions(client, editor, page):
    save_page("Main/ForgottenUmbrella", TEXT + "\nMore.", base=1, author=editor, summary="added more")
    html = client.get("/_/user/editor").content.decode()
    assert "added more" in html and 'href="/Main/ForgottenUmbrella?rev=2"' in html and ">+6<" in html
    assert client.get("/_/user/nobody").status_code == 404


def test_watchlist_shows_changes_to_watched_pages(editor_client, editor, page):
    save_page("Main/RainyDay", "Rain all day.")
    assert editor_client.get("/_/watchlist").status_code == 200
    editor_client.post("/Main/ForgottenUmbrella/watch", {"watch": "1"})
    assert Watch.objects.filter(user=editor).count() == 1
    assert "Unwatch" in editor_client.get("/Main/ForgottenUmbrella").content.decode()
    save_page("Main/ForgottenUmbrella", TEXT + "\nMore.", base=1, summary="a watched change")
    save_page("Main/RainyDay", "Rain all week.", summary="an unwatched change")
    html = editor_client.get("/_/watchlist").content.decode()
    assert "a watched change" in html and "an unwatched change" not in html
    editor_client.post("/Main/ForgottenUmbrella/watch", {"watch": "0"})
    assert not Watch.objects.filter(user=editor).exists()
    assert Client().get("/_/watchlist")["Location"].startswith("/_/login")


def test_subpage_tabs_link_a_work_and_its_subpages(client, db):
    save_page("Film/Puddles", "A film about rain.", title="Puddles")
    assert "subpages" not in client.get("/Film/Puddles").content.decode()
    save_page("YMMV/Puddles", "* The ending divides viewers.")
    save_page("Trivia/Puddles", "* Shot in a week of real rain.")
    html = client.get("/Film/Puddles").content.decode()  # the cached copy was dropped by the new subpages
    tabs = re.search(r'<nav class="subpages".*?</nav>', html).group(0)
    assert '<span aria-current="page">Main</span>' in tabs
    assert 'href="/Trivia/Puddles">Trivia<' in tabs and 'href="/YMMV/Puddles">YMMV<' in tabs
    assert 'href="/Film/Puddles">Main<' in client.get("/YMMV/Puddles").content.decode()


def test_split_pages_a_page_lists_are_tabs_too(client, db):
    revision = save_page("Film/Puddles", "A film about rain.", title="Puddles").revision
    # the facts of a page listing its split pages (`* Puddles/TropesAToL`) name them under "subpages"
    facts = {**revision.facts, "subpages": ["Puddles/TropesAToL", "Puddles/TropesMToZ"]}
    Revision.objects.filter(id=revision.id).update(facts=facts)
    assert "subpages" not in client.get("/Film/Puddles").content.decode()  # none of them exists yet
    save_page("Puddles/TropesAToL", "* ChekhovsGun: the umbrella.")
    tabs = re.search(
        r'<nav class="subpages".*?</nav>', client.get("/Film/Puddles?x=1").content.decode()
    ).group(0)
    assert 'href="/Puddles/TropesAToL">Tropes A to L<' in tabs and "TropesMToZ" not in tabs


def test_a_name_without_namespace_leads_to_its_page_or_suggests(client, page):
    save_page("Main/RainyDay", "Rain all day, umbrellas everywhere.")
    assert client.get("/ForgottenUmbrella")["Location"] == "/Main/ForgottenUmbrella"
    assert client.get("/forgotten%20umbrella")["Location"] == "/Main/ForgottenUmbrella"
    missing = client.get("/Umbrellas")
    assert missing.status_code == 404
    html = missing.content.decode()
    assert '<header class="site">' in html and "Did you mean" in html and 'href="/Main/RainyDay"' in html
    assert client.get("/admin")["Location"] == "/admin/"


def test_create_form_offers_templates_and_a_labelled_editor(editor_client, db):
    html = editor_client.get("/Main/DrippingCoat/edit").content.decode()
    assert 'href="?template=trope"' in html and 'href="?template=work"' in html
    assert '<label for="edit-text">' in html and 'class="cheatsheet"' in html
    trope = editor_client.get("/Main/DrippingCoat/edit?template=trope").content.decode()
    assert "!!Examples:" in trope and "how the film plays Dripping Coat" in trope
    work = editor_client.get("/Film/SoggyShoes/edit?template=work").content.decode()
    assert "!!Tropes used in &#39;&#39;Soggy Shoes&#39;&#39;:" in work


def test_preview_is_the_html_the_page_is_saved_with(editor_client, db):
    save_page("Film/Puddles", "A film.", title="Puddles")
    text = TROPE + "* ''Film/Puddles'': Subverted, the umbrella stays home.\n"
    response = editor_client.post("/Main/ForgottenUmbrella/edit", {"text": text, "base": 0, "preview": "1"})
    preview = re.search(r'<section class="preview".*?<div class="article-content">(.*?)</div></section>',
                        response.content.decode(), re.S).group(1)  # fmt: skip
    editor_client.post("/Main/ForgottenUmbrella/edit", {"text": text, "base": 0, "save": "1"})
    saved = Page.objects.get(key="main/forgottenumbrella").current.html
    assert preview == saved
    assert 'class="twikilink createlink" href="/Main/RainyDay"' in preview  # red link
    assert '<a class="twikilink" href="/Film/Puddles">Puddles</a>' in preview


def test_header_menus_and_aka_shown_once(client, db):
    save_page("Main/ForgottenUmbrella", "The Forgotten Umbrella (abbreviated as FU) is a trope.")
    html = client.get("/Main/ForgottenUmbrella?from=Main/FU").content.decode()
    assert "Also known as: FU" in html and "aka: FU" not in html
    for menu in ("Tropes", "Media", "Indexes", "Recent"):
        assert f"<summary>{menu}</summary>" in html
    assert 'href="/_/ns/Main?kind=index"' in html and 'class="skip-link" href="#content"' in html


def test_index_pages_are_listed_by_kind(client, db):
    save_page("Main/UmbrellaTropes", "Tropes about umbrellas.\n[[index]]\n* ForgottenUmbrella\n[[/index]]")
    save_page("Main/RainyDay", "Rain all day.")
    assert Page.objects.get(key="main/umbrellatropes").kind == "index"
    html = client.get("/_/ns/Main?kind=index").content.decode()
    assert "Umbrella Tropes" in html and "Rainy Day" not in html
