"""The search box and browsing at size through Django's test client: search page, straight to an exact
name, Japanese names in URLs, pagination of indexes, recent changes, history, backlinks and listings,
the Media page, and a missing page that others list."""

from __future__ import annotations

import pytest

from tropebase.web import views
from tropebase.wiki import read
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 5 rows and cross-listings of 2, so a few saves make a long list."""
    monkeypatch.setattr(views, "PER_PAGE", 5)
    monkeypatch.setattr(views, "INDEX_PER_PAGE", 5)
    monkeypatch.setattr(read, "LISTED_PER_MEDIUM", 2)


@pytest.fixture
def wiki(db):
    save_page(
        "Main/ForgottenUmbrella",
        "A hero leaves an umbrella behind (abbreviated as FU).",
        title="Forgotten Umbrella",
    )
    save_page("Main/RainyDay", "It rains, and nobody brought an umbrella. <b>bold</b>", title="Rainy Day")
    save_page("Main/寝取られ", "恋愛 gone wrong, told in Japanese.", title="寝取られ")


def test_every_page_has_a_search_box(client, wiki):
    for url in ("/", "/Main/RainyDay", "/_/recent"):
        assert '<form class="search-box" method="get" action="/_/search"' in client.get(url).content.decode()


def test_search_lists_ranked_hits_with_marked_snippets(client, wiki):
    html = client.get("/_/search", {"q": "umbrel"}).content.decode()
    assert html.index("Forgotten Umbrella") < html.index("Rainy Day")
    assert "<mark>umbrella</mark>" in html and "<b>bold</b>" not in html


def test_an_exact_title_or_alias_goes_straight_to_its_page(client, wiki):
    for query in ("Forgotten Umbrella", "forgotten umbrella", "FU", "寝取られ"):
        response = client.get("/_/search", {"q": query})
        assert response.status_code == 302, query
    assert client.get("/_/search", {"q": "FU"})["Location"] == "/Main/ForgottenUmbrella"
    assert client.get("/_/search", {"q": "FU", "full": "1"}).status_code == 200


def test_japanese_names_keep_working(client, wiki):
    assert client.get("/Main/寝取られ").status_code == 200
    html = client.get("/_/search", {"q": "恋愛"}).content.decode()
    assert '<a href="/Main/寝取られ">寝取られ</a>' in html


def test_a_bad_page_number_is_not_an_error(client, wiki):
    for page in ("0", "x", "9" * 5000, "-1"):
        assert client.get("/_/search", {"q": "umbrella", "page": page, "full": "1"}).status_code == 200
        assert client.get("/_/ns/Main", {"page": page}).status_code == 200


def test_namespace_index_pages_and_letters(client, small_pages):
    for i in range(5):
        save_page(f"Film/Reel{i:03d}", "A film.", title=f"Reel {i:03d}")
    save_page("Film/Zoetrope", "A film.", title="Zoetrope")
    save_page("Film/NineLives", "A film.", title="9 Lives")
    first = client.get("/_/ns/Film").content.decode()
    assert "7 pages" in first and "Page 1 of 2" in first and "Reel 003" in first and "Reel 004" not in first
    second = client.get("/_/ns/Film", {"page": "2"}).content.decode()
    assert "Zoetrope" in second and "Reel 004" in second and "Reel 000" not in second
    z = client.get("/_/ns/Film", {"letter": "Z"}).content.decode()
    assert "Zoetrope" in z and "Reel 001" not in z
    assert "9 Lives" in client.get("/_/ns/Film", {"letter": "#"}).content.decode()


def test_recent_changes_and_history_are_paged(client, small_pages):
    for i in range(7):
        save_page("Main/Kettle", f"A kettle, take {i}.")
    recent = client.get("/_/recent").content.decode()  # not counted: a page, and whether more follow
    assert "Page 1<" in recent and 'rel="next"' in recent and "r3<" in recent and "r2<" not in recent
    older = client.get("/_/recent", {"page": "2"}).content.decode()
    assert "r2<" in older and "r1<" in older and 'rel="prev"' in older and 'rel="next"' not in older
    history = client.get("/Main/Kettle/history", {"page": "2"}).content.decode()
    assert "Page 2 of 2" in history and ">r1<" in history and ">r7<" not in history


def test_backlinks_are_paged(client, small_pages):
    for i in range(6):
        save_page(f"Main/Linker{i:03d}", "See ForgottenUmbrella.")
    html = client.get("/Main/ForgottenUmbrella/related").content.decode()
    assert "6 pages link here" in html and "Page 1 of 2" in html


def test_long_cross_listing_has_a_more_page(client, small_pages):
    for i in range(7):
        save_page(f"Film/Reel{i:03d}", "* ForgottenUmbrella: left on the tram.", title=f"Reel {i:03d}")
    save_page("Main/ForgottenUmbrella", "A hero leaves an umbrella behind.")
    page = client.get("/Main/ForgottenUmbrella").content.decode()
    assert '<a href="/Main/ForgottenUmbrella/listing?medium=film">… and 5 more</a>' in page
    more = client.get("/Main/ForgottenUmbrella/listing", {"medium": "film"}).content.decode()
    assert (
        "7 works list this" in more
        and "Reel 004" in more
        and "Reel 005" not in more
        and "Page 1 of 2" in more
    )


def test_a_missing_page_says_who_lists_it_and_offers_to_create_it(client, editor_client, db):
    for i in range(3):
        save_page(f"Film/Reel{i}", "* TeaKettleTrope: whistles.", title=f"Reel {i}")
    save_page("Main/Linker", "See TeaKettleTrope.")
    response = editor_client.get("/Main/TeaKettleTrope")
    html = response.content.decode()
    assert response.status_code == 404
    assert "3 works in Film list this trope" in html and "4 pages link here" in html
    assert 'href="/Main/TeaKettleTrope/edit"' in html
    listing = client.get("/Main/TeaKettleTrope/listing", {"medium": "film"}).content.decode()
    assert "Reel 2" in listing


def test_a_missing_page_counts_works_naming_it_by_any_spelling(client, db):
    save_page("Film/Reel0", "* TeaKettleTrope: whistles.", title="Reel 0")
    save_page("Film/Reel1", "* TeaKettleTropes: whistle twice.", title="Reel 1")
    save_page("Main/TKT", "[[redirect:TeaKettleTrope]]")
    save_page("Film/Reel2", "* TKT: a kettle again.", title="Reel 2")
    save_page("Film/Reel3", "* KettleDrum: boom.", title="Reel 3")
    html = client.get("/Main/TeaKettleTrope").content.decode()
    assert "3 works in Film list this trope" in html
    listing = client.get("/Main/TeaKettleTrope/listing", {"medium": "film"}).content.decode()
    assert all(f"Reel {i}" in listing for i in range(3)) and "Reel 3" not in listing
    save_page("Main/TeaKettleTropes", "A page of its own for the plural.")
    assert "2 works in Film list this trope" in client.get("/Main/TeaKettleTrope").content.decode()


def test_media_page_counts_namespaces(client, wiki):
    save_page("Film/Puddles", "A film.", title="Puddles")
    html = client.get("/_/media").content.decode()
    assert '<a href="/_/ns/Film">Film</a></td><td>1</td>' in html
    assert '<a href="/_/ns/Main">Main</a></td><td>3</td>' in html


def test_adult_pages_stay_out_of_search_until_opted_in(client, wiki):
    save_page("Main/SpicyUmbrella", "An umbrella for grown-ups.", title="Spicy Umbrella", rating="adult")
    assert "Spicy Umbrella" not in client.get("/_/search", {"q": "umbrella"}).content.decode()
    assert client.get("/_/search", {"q": "Spicy Umbrella"}).status_code == 200  # not a redirect to it
    client.post("/_/adult", {"next": "/"})
    assert "Spicy Umbrella" in client.get("/_/search", {"q": "umbrella"}).content.decode()
