"""Bad input gets a 4xx and a message, never a 500, on SQLite and PostgreSQL alike: revision numbers
that are not whole or too big, NUL bytes anywhere in a request, names longer than the columns, forms
not in UTF-8, bodies over the size limit."""

from __future__ import annotations

import pytest
from django.test import Client

from tropebase.wiki.models import Page, Revision
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(db):
    save_page("Main/ForgottenUmbrella", "The umbrella is forgotten.")
    return save_page("Main/ForgottenUmbrella", "The umbrella is forgotten again.").page


@pytest.fixture
def lenient():
    """A client that returns a 500 instead of raising it, so the test can assert on it."""
    return Client(raise_request_exception=False)


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("rev", ["abc", "1.5", "-1", "", " 1", "١", "0x1"])
def test_a_revision_that_is_not_a_whole_number_is_a_bad_request(lenient, page, rev):
    response = lenient.get("/Main/ForgottenUmbrella", {"rev": rev})
    assert response.status_code == 400
    assert "&#39;rev&#39; must be a revision number (a whole number)" in text(response)


@pytest.mark.parametrize("rev", ["3", "99999999999999999999", "2147483648", "0" * 30 + "7", "9" * 5000])
def test_a_revision_no_page_has_is_not_found(lenient, page, rev):
    response = lenient.get("/Main/ForgottenUmbrella", {"rev": rev})
    assert response.status_code == 404
    assert "There is no revision" in text(response) or "Forgotten Umbrella has no revision" in text(response)


def test_an_old_revision_by_number(client, page):
    assert "forgotten.</p>" in text(client.get("/Main/ForgottenUmbrella", {"rev": "01"}))


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"from": "99999999999999999999", "to": "1"}, 404, "There is no revision 99999999999999999999."),
        ({"from": "1", "to": "5"}, 404, "Forgotten Umbrella has no revision 5."),
        ({"from": "abc", "to": "1"}, 400, "&#39;from&#39; must be a revision number"),
        ({"from": "1"}, 400, "&#39;to&#39; must be a revision number (a whole number); it was nothing."),
    ],
)
def test_diff_of_revisions_that_cannot_be(lenient, page, query, status, message):
    response = lenient.get("/Main/ForgottenUmbrella/diff", query)
    assert response.status_code == status and message in text(response)


@pytest.mark.parametrize(("number", "status"), [("abc", 400), ("1.5", 400), ("99999999999999999999", 404)])
@pytest.mark.parametrize("action", ["revert", "hide"])
def test_moderators_posting_odd_revision_numbers(moderator, page, action, number, status):
    client = Client(raise_request_exception=False)
    client.force_login(moderator)
    assert client.post(f"/Main/ForgottenUmbrella/{action}", {"number": number}).status_code == status
    assert Revision.objects.count() == 2 and not Revision.objects.filter(hidden=True).exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/Main/Forgotten%00Umbrella", "The address holds a NUL byte"),
        ("/_/ns/Fi%00lm", "The address holds a NUL byte"),
        ("/Main/Forgotten%00Umbrella/history", "The address holds a NUL byte"),
        ("/Main/ForgottenUmbrella?rev=%00", "The query string holds a NUL byte"),
        ("/Main/ForgottenUmbrella?from=Main/A%00", "The query string holds a NUL byte"),
        ("/_/login?next=%00", "The query string holds a NUL byte"),
    ],
)
def test_a_nul_byte_in_the_address_is_a_bad_request(lenient, page, url, message):
    response = lenient.get(url)
    assert response.status_code == 400 and message in text(response)


@pytest.mark.parametrize(
    "body",
    ["text=a%00b&base=2", "text=ok&summary=%00&base=2", "te%00xt=ok&base=2", "text=ok&base=2%00"],
)
def test_a_nul_byte_in_a_form_field_is_a_bad_request(editor, page, body):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.post(
        "/Main/ForgottenUmbrella/edit", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400 and "holds a NUL byte" in text(response)
    multipart = client.post("/Main/ForgottenUmbrella/edit", {"text": "a\x00b", "base": "2"})
    assert multipart.status_code == 400
    assert Revision.objects.count() == 2


def test_a_nul_byte_in_a_cookie_is_a_bad_request(lenient, page):
    # a quoted cookie's octal escape: Django reads a NUL
    response = lenient.get("/Main/ForgottenUmbrella", HTTP_COOKIE='sessionid="\\000"')
    assert response.status_code == 400 and "A cookie holds a NUL byte" in text(response)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (f"/Main/{'A' * 201}/edit", "The page name is 201 characters long; at most 200 are allowed."),
        (f"/{'N' * 101}/Thing/edit", "The page namespace is 101 characters long; at most 100 are allowed."),
        (
            f"/{'N' * 100}/{'T' * 200}/edit",
            "The page address is 301 characters long; at most 300 are allowed.",
        ),
    ],
)
def test_a_name_longer_than_its_column_is_refused_on_every_database(editor, path, message):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.post(path, {"text": "A trope with a long name.", "base": 0})
    assert response.status_code == 400 and message in text(response)
    assert not Page.objects.exists()


def test_the_longest_name_that_fits_is_saved(editor_client):
    response = editor_client.post(f"/Main/{'Ab' * 100}/edit", {"text": "A trope.", "base": 0})
    assert response.status_code == 302 and Page.objects.get().name == "Ab" * 100


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "windows-1252", "bogus", "utf8"])
def test_a_form_in_another_charset_is_a_bad_request(lenient, page, charset):
    body = "username=café&password=x".encode("latin-1")
    response = lenient.generic("POST", "/_/login", body,
                               content_type=f"application/x-www-form-urlencoded; charset={charset}")  # fmt: skip
    assert response.status_code == 400
    assert f"The request declares charset={charset}; tropebase reads UTF-8 only." in text(response)


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_utf8_declared_is_read(editor, page, charset):
    client = Client()
    client.force_login(editor)
    body = "text=Caf%C3%A9+umbrella.&base=2"
    response = client.post("/Main/ForgottenUmbrella/edit", body,
                           content_type=f"application/x-www-form-urlencoded; charset={charset}")  # fmt: skip
    assert response.status_code == 302
    assert Page.objects.get().current.text == "Café umbrella."


def test_a_form_field_that_is_not_utf8_is_a_bad_request(lenient, page):
    response = lenient.post(
        "/_/login", b"username=caf%E9&password=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "Form field 1 is not UTF-8 text" in text(response)


def test_a_body_over_the_limit_is_refused_with_413(lenient, page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = "text=" + "a" * 2000 + "&base=2"
    response = lenient.post(
        "/Main/ForgottenUmbrella/edit", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413 and "larger than the 1000 bytes" in text(response)


def test_not_found_says_why(lenient, page):
    response = lenient.get("/Main/ForgottenUmbrella/diff", {"from": "1", "to": "9"})
    assert response.status_code == 404
    assert '<p class="error">Forgotten Umbrella has no revision 9.</p>' in text(response)
