"""Response headers: the Content-Security-Policy, and what TROPEBASE_HTTPS turns on."""

from __future__ import annotations

import pytest

from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    directives = [d.split() for d in response["Content-Security-Policy"].split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


@pytest.mark.parametrize("path", ["/", "/Main/ForgottenUmbrella", "/_/login", "/admin/login/"])
def test_every_page_has_a_policy_without_inline_script(client, path):
    save_page("Main/ForgottenUmbrella", "Someone forgets an umbrella.")
    csp = policy(client.get(path))
    assert csp["script-src"] == ["'self'"] and csp["default-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["base-uri"] == ["'none'"]


def test_cached_pages_carry_the_policy_too(client):
    save_page("Main/ForgottenUmbrella", "Someone forgets an umbrella.")
    client.get("/Main/ForgottenUmbrella")
    assert "script-src 'self'" in client.get("/Main/ForgottenUmbrella")["Content-Security-Policy"]


def test_https_site_sends_secure_cookies_and_hsts(client, editor, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = 31536000, True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/_/login")["Location"] == "https://testserver/_/login"
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    login = client.get("/_/login", **https)
    assert login["Strict-Transport-Security"].startswith("max-age=31536000")
    assert login.cookies["csrftoken"]["secure"]
    token = login.cookies["csrftoken"].value
    response = client.post("/_/login", {"username": "editor", "password": "a long enough password",
                                        "csrfmiddlewaretoken": token}, **https)  # fmt: skip
    assert response.status_code == 302 and response.cookies["sessionid"]["secure"]
