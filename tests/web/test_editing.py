"""Editing through the web: login required, preview, save, merges and conflicts, moderation, CSRF,
accounts and the login attempt limit."""

from __future__ import annotations

import html as html_module
import re

import pytest
from django.core.cache import caches
from django.test import Client

from tropebase.wiki.models import Page, Revision
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db

TEXT = "\n".join(f"Line {i} of the page." for i in range(1, 9))


@pytest.fixture
def page(db):
    return save_page("Main/ForgottenUmbrella", TEXT).page


def post_edit(client, text, base, **extra):
    return client.post("/Main/ForgottenUmbrella/edit", {"text": text, "base": base, "summary": "s", **extra})


def test_anonymous_reader_is_sent_to_log_in(client, page):
    response = client.get("/Main/ForgottenUmbrella/edit")
    assert response.status_code == 302 and response["Location"].startswith("/_/login?next=")
    assert client.post("/Main/ForgottenUmbrella/edit", {"text": "x", "base": 1}).status_code == 302
    assert Revision.objects.count() == 1


def test_edit_form_preview_and_save(editor_client, page):
    form = editor_client.get("/Main/ForgottenUmbrella/edit").content.decode()
    assert 'name="base" value="1"' in form and "Line 8 of the page." in form
    preview = editor_client.post(
        "/Main/ForgottenUmbrella/edit", {"text": "''Rain''", "base": 1, "preview": "1"}
    )
    assert "<em>Rain</em>" in preview.content.decode() and Revision.objects.count() == 1
    saved = post_edit(editor_client, TEXT + "\nLine 9.", 1, save="1")
    assert saved.status_code == 302 and saved["Location"] == "/Main/ForgottenUmbrella"
    current = Page.objects.get(key="main/forgottenumbrella").current
    assert current.number == 2 and current.author.username == "editor" and current.text.endswith("Line 9.")


def test_new_page_from_the_edit_form(editor_client):
    assert post_edit(editor_client, "A brand new trope.", 0).status_code == 302
    assert Page.objects.get(key="main/forgottenumbrella").current.text == "A brand new trope."


def test_edits_to_different_lines_merge(editor_client, page):
    save_page("Main/ForgottenUmbrella", TEXT.replace("Line 2 of", "Line two of"), base=1)  # someone else
    response = post_edit(editor_client, TEXT.replace("Line 7 of", "Line seven of"), 1)
    assert response.status_code == 302
    text = Page.objects.get(key="main/forgottenumbrella").current.text
    assert "Line two of" in text and "Line seven of" in text


def test_overlapping_edits_show_the_conflict_and_lose_nothing(editor_client, page):
    save_page("Main/ForgottenUmbrella", TEXT.replace("Line 4 of", "Their line 4 of"), base=1)
    response = post_edit(editor_client, TEXT.replace("Line 4 of", "My line 4 of"), 1)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone saved this page while you were editing" in html
    assert "My line 4 of" in html and "Their line 4 of" in html
    assert 'name="base" value="2"' in html
    assert Page.objects.get(key="main/forgottenumbrella").current.number == 2


def test_protected_page(editor_client, page):
    Page.objects.filter(id=page.id).update(protected=True)
    assert post_edit(editor_client, "vandal", 1).status_code == 403
    assert Page.objects.get(id=page.id).current.number == 1


def test_moderator_protects_reverts_and_hides(editor_client, moderator, page):
    save_page("Main/ForgottenUmbrella", "vandalised", base=1)
    mod = Client()
    mod.force_login(moderator)
    assert Client().post("/Main/ForgottenUmbrella/revert", {"number": 1}).status_code == 403  # editors may
    assert mod.post("/Main/ForgottenUmbrella/revert", {"number": 1}).status_code == 302
    page.refresh_from_db()
    assert page.current.number == 3 and page.current.text == TEXT
    assert mod.post("/Main/ForgottenUmbrella/hide", {"number": 2}).status_code == 302
    assert Revision.objects.get(page=page, number=2).hidden
    assert "vandalised" not in Client().get("/Main/ForgottenUmbrella/history").content.decode()
    assert Client().get("/Main/ForgottenUmbrella?rev=2").status_code == 404
    mod.post("/Main/ForgottenUmbrella/protect", {"protected": "1"})
    assert Page.objects.get(id=page.id).protected
    assert mod.get("/Main/ForgottenUmbrella/revert").status_code == 405


def test_forms_need_the_csrf_token(editor, page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post("/Main/ForgottenUmbrella/edit", {"text": "x", "base": 1}).status_code == 403
    assert client.post("/_/adult", {}).status_code == 403
    assert Page.objects.get(id=page.id).current.number == 1


def test_signup_login_logout(client):
    response = client.post("/_/signup", {"username": "newcomer", "password1": "rain on the window 42",
                                          "password2": "rain on the window 42"})  # fmt: skip
    assert response.status_code == 302
    assert client.get("/Main/Anything/edit").status_code == 200
    assert client.get("/_/logout").status_code == 405
    client.post("/_/logout")
    assert client.get("/Main/Anything/edit").status_code == 302
    assert (
        client.post("/_/login", {"username": "newcomer", "password": "rain on the window 42"}).status_code
        == 302
    )


def test_login_attempts_are_limited(client, editor):
    caches["limits"].clear()
    for _ in range(5):
        assert client.post("/_/login", {"username": "editor", "password": "wrong"}).status_code == 400
    blocked = client.post("/_/login", {"username": "editor", "password": "a long enough password"})
    assert blocked.status_code == 429 and "Too many failed attempts" in blocked.content.decode()
    caches["limits"].clear()
    assert (
        client.post("/_/login", {"username": "editor", "password": "a long enough password"}).status_code
        == 302
    )


def test_browser_line_endings_do_not_turn_a_merge_into_a_conflict(editor_client, page):
    save_page("Main/ForgottenUmbrella", TEXT.replace("Line 2 of", "Line two of"), base=1)
    mine = TEXT.replace("Line 7 of", "Line seven of").replace("\n", "\r\n")  # as a browser sends it
    assert post_edit(editor_client, mine, 1).status_code == 302
    text = Page.objects.get(key="main/forgottenumbrella").current.text
    assert "\r" not in text and "Line two of" in text and "Line seven of" in text


def test_a_save_that_still_holds_conflict_markers_is_refused(editor_client, page):
    save_page("Main/ForgottenUmbrella", TEXT.replace("Line 4 of", "Their line 4 of"), base=1)
    conflict = post_edit(editor_client, TEXT.replace("Line 4 of", "My line 4 of"), 1)
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "<ins>Their line 4 of the page.</ins>" in html  # their change, as a diff
    marked = html_module.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1))
    assert "<<<<<<< your edit" in marked
    again = post_edit(editor_client, marked, 2)  # Save pressed again without resolving
    assert again.status_code == 409 and "still holds conflict markers" in again.content.decode()
    assert "&lt;&lt;&lt;&lt;&lt;&lt;&lt; your edit" in again.content.decode()  # the text is kept
    assert Page.objects.get(key="main/forgottenumbrella").current.number == 2
    resolved = marked.replace("<<<<<<< your edit\n", "").replace("=======\nTheir line 4 of the page.\n", "")
    resolved = resolved.replace(">>>>>>> the other edit\n", "")
    assert post_edit(editor_client, resolved, 2).status_code == 302
    assert "My line 4 of" in Page.objects.get(key="main/forgottenumbrella").current.text


def test_text_over_the_page_limit_is_refused_with_the_limit_named_and_kept(editor_client, page, settings):
    settings.PAGE_MAX_BYTES = 1000
    big = "* " + "umbrella " * 200
    response = post_edit(editor_client, big, 1)
    html = response.content.decode()
    assert response.status_code == 413 and "a page may hold at most 1,000 bytes" in html
    assert "umbrella umbrella" in html  # the text is given back in the edit box
    assert Page.objects.get(key="main/forgottenumbrella").current.number == 1


def test_a_megabyte_of_markup_reaches_the_form_not_a_bare_bad_request(editor_client, page):
    big = "*" * 1_000_000  # URL-encoded, three times its size: over Django's default body limit
    response = post_edit(editor_client, big, 1, preview="1")
    assert response.status_code == 200 and "Preview" in response.content.decode()


def test_an_edit_from_a_revision_the_page_never_had_is_refused(editor_client, page):
    response = post_edit(editor_client, TEXT + "\nMore.", 99999999999999999999)
    assert response.status_code == 400 and "does not have" in response.content.decode()
    assert Page.objects.get(key="main/forgottenumbrella").current.number == 1
