"""Adult pages reach only readers who opted in: every URL of a site holding an adult page is walked by
an anonymous reader, a signed-in reader who never opted in, and one who did; only the last sees it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tropebase.web import urls
from tropebase.wiki.models import Page
from tropebase.wiki.store import save_page, set_rating

pytestmark = pytest.mark.django_db

SECRETS = ("Midnight Orchid", "zanzibarine")  # the adult page's title and a word only it writes
ADULT = """A trope for grown-ups only, marked by zanzibarine moments.
----
* ''Film/Puddles'': a zanzibarine scene in the rain.
* ''Film/DryRun'': the zanzibarine reprise.
"""


@pytest.fixture
def site(db):
    save_page(
        "Film/Puddles", "A film about rain.\n----\n* ForgottenUmbrella: left on the bus.", title="Puddles"
    )
    save_page("Film/DryRun", "A film without rain.", title="Dry Run")
    save_page("Main/ForgottenUmbrella", "An umbrella left behind. See also VelvetSecret.\n----\n"
              "* ''Film/Puddles'': on the bus.\n")  # fmt: skip
    save_page("Main/VelvetSecret", ADULT.replace("zanzibarine moments", "moments"), title="Midnight Orchid",
              rating="adult")  # fmt: skip
    writer = User.objects.create_user("writer", password="a long enough password")
    save_page("Main/VelvetSecret", ADULT, title="Midnight Orchid", rating="adult", author=writer)
    save_page("Main/SoftVelvet", "[[redirect:VelvetSecret]]", rating="adult")


def urls_to_walk() -> list[str]:
    pages = [p.url for p in Page.objects.all()] + ["/Main/VelvetSecrets", "/main/velvetsecret"]
    out = [
        "/",
        "/_/recent",
        "/_/ns/Main",
        "/_/ns/Film",
        "/_/login",
        "/_/signup",
        "/_/media",
        "/_/ns/Main?letter=M",
        "/_/search?q=zanzibar",
        "/_/search?q=midnight+orchid",
        "/_/search?q=velvet&full=1",
        "/_/search?q=softvelvet",
        "/_/avoid",
        "/_/query?q=VelvetSecret",
        "/_/query?q=SoftVelvet+play:any",
        "/_/query?q=medium:film+spoilers:show",
        "/_/query?q=ForgottenUmbrella+-VelvetSecret",
        "/_/user/writer",
        "/_/watchlist",
        "/VelvetSecret",
        "/SoftVelvet",
    ]  # no query spells a secret
    for url in pages:
        out += [
            url,
            f"{url}/edit",
            f"{url}/history",
            f"{url}/related",
            f"{url}/source",
            f"{url}?rev=1",
            f"{url}/diff?from=1&to=2",
            f"{url}/listing?medium=film",
        ]
        api = f"/api/v1/pages{url}"  # the JSON API: an anonymous caller (it reads no session)
        out += [api, f"{api}/history", f"{api}/relations", f"{api}/examples", f"{api}/revisions/1",
                f"{api}/diff?from=1&to=2"]  # fmt: skip
    out += [f"/api/v1/{listing}?limit=500" for listing in ("pages", "tropes", "works", "examples", "appearances",
                                                            "changes")]  # fmt: skip
    out += ["/_/account"]
    return out


def test_every_reader_page_pattern_is_walked():
    """The walk covers every URL pattern a reader can GET (the admin has its own staff login)."""
    walked = {"", "_/recent", "_/ns/<str:namespace>", "_/login", "_/signup", "_/media", "_/search", "_/avoid",
              "_/query", "<str:namespace>/<str:name>/listing", "<str:namespace>/<str:name>",
              "<str:namespace>/<str:name>/edit", "<str:namespace>/<str:name>/history",
              "<str:namespace>/<str:name>/related", "<str:namespace>/<str:name>/diff", "_/account",
              "<str:namespace>/<str:name>/source", "_/user/<str:username>", "_/watchlist", "<str:name>",
              "api/v1/", "^api(/|$)"}  # fmt: skip
    posted_only = {"_/logout", "_/adult", "<str:namespace>/<str:name>/revert", "<str:namespace>/<str:name>/hide",
                   "<str:namespace>/<str:name>/protect", "<str:namespace>/<str:name>/rate",
                   "<str:namespace>/<str:name>/move", "<str:namespace>/<str:name>/undo",
                   "<str:namespace>/<str:name>/watch",
                   "_/account/tokens/<int:token_id>/revoke"}  # fmt: skip
    patterns = {str(p.pattern) for p in urls.urlpatterns} - {"admin/", "_/random", "_/bench/static20k"}
    assert patterns == walked | posted_only


def seen(client: Client) -> dict[str, list[str]]:
    """Which secrets each walked URL showed (following redirects, as a browser does)."""
    found = {}
    for url in urls_to_walk():
        html = client.get(url, follow=True).content.decode()
        shown = [s for s in SECRETS if s in html]
        if shown:
            found[url] = shown
    for _ in range(20):  # a random page may be the adult one
        html = client.get("/_/random", follow=True).content.decode()
        if any(s in html for s in SECRETS):
            found["/_/random"] = [s for s in SECRETS if s in html]
    return found


def test_anonymous_reader_sees_nothing_of_the_adult_page(client, site):
    assert seen(client) == {}
    assert seen(client) == {}  # and not from the page cache either


def test_reader_avoiding_the_adult_trope_sees_nothing_of_it(client, site):
    client.cookies["tb_avoid"] = "SoftVelvet|VelvetSecret"
    assert seen(client) == {}
    assert "plays Velvet Secret, which you avoid" in client.get("/Film/Puddles").content.decode()


def test_signed_in_reader_who_did_not_opt_in_sees_nothing(editor_client, site):
    assert seen(editor_client) == {}


def test_opted_in_reader_sees_it(client, site):
    client.post("/_/adult", {"next": "/"})
    found = seen(client)
    for url in ("/Main/VelvetSecret", "/Main/VelvetSecret/diff?from=1&to=2",
                "/Main/VelvetSecret/history", "/Film/Puddles", "/Main/SoftVelvet", "/_/search?q=zanzibar",
                "/_/search?q=midnight+orchid", "/_/search?q=softvelvet", "/VelvetSecret", "/_/user/writer",
                "/Main/VelvetSecret/source"):  # fmt: skip
        assert url in found, url
    Client().get("/Film/Puddles")  # an anonymous copy in the shared cache is not served to opted-in readers
    assert "zanzibarine" in client.get("/Film/Puddles").content.decode()


def test_rating_a_page_adult_drops_every_cached_page_that_shows_it(client, moderator_client, db):
    save_page("Film/Puddles", "A film about rain.\n----\n* ForgottenUmbrella: a zanzibarine drizzle.",
              title="Midnight Orchid")  # fmt: skip
    save_page("Main/ForgottenUmbrella", "An umbrella left behind.\n----\n* ''Film/DryRun'': on the bus.\n")
    save_page("Main/RainyDay", "Rain all day. Compare ''Film/Puddles''.")
    assert "zanzibarine" in client.get("/Main/ForgottenUmbrella").content.decode()  # cached now
    assert ">Midnight Orchid</a>" in client.get("/Main/RainyDay").content.decode()
    assert moderator_client.post("/Film/Puddles/rate", {"rating": "adult"}).status_code == 302
    assert "zanzibarine" not in client.get("/Main/ForgottenUmbrella").content.decode()
    assert "Midnight Orchid" not in client.get("/Main/RainyDay").content.decode()  # its title was link text


def test_reimporting_unchanged_text_as_adult_drops_the_cached_page(client, db):
    save_page("Film/Puddles", "A film with a zanzibarine ending.", title="Puddles")
    assert "zanzibarine" in client.get("/Film/Puddles").content.decode()
    result = save_page("Film/Puddles", "A film with a zanzibarine ending.", title="Puddles", rating="adult")
    assert not result.changed
    assert "zanzibarine" not in client.get("/Film/Puddles").content.decode()


def test_set_rating_refuses_an_unknown_rating(site):
    with pytest.raises(ValueError, match="general or adult"):
        set_rating(Page.objects.get(key="film/puddles"), "mature")
