"""The query page, the avoid-list page, and avoid-list warnings and marks on reader pages."""

from __future__ import annotations

from urllib.parse import quote

import pytest

import tropebase.markup
from tropebase.web import find
from tropebase.wiki.hierarchy import Node
from tropebase.wiki.models import AvoidedTrope, Revision
from tropebase.wiki.store import save_page
from tropebase.wiki.visibility import Reader

from ..wiki.findkit import weather_wiki

pytestmark = pytest.mark.django_db


@pytest.fixture
def wiki(db):
    weather_wiki()


def test_query_page_lists_works_with_spoilers_left_out_until_asked(client, wiki):
    html = client.get("/_/query", {"q": "SadRain"}).content.decode()
    assert 'href="/Film/Storm"' in html and "never stops" not in html and "[spoiler]" in html
    shown = client.get("/_/query", {"q": "SadRain", "spoilers": "show"}).content.decode()
    assert "never stops" in shown


def test_filter_form_builds_the_query(client, wiki):
    response = client.get(
        "/_/query", {"include": "Forgotten Umbrella", "exclude": "RainyDay", "medium": "anime_manga"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'href="/Anime/Sunbeam"' in html and "/Film/Puddles" not in html
    assert "&#34;Forgotten Umbrella&#34; -RainyDay medium:anime_manga" in html  # the query it built


@pytest.mark.parametrize(
    "q", ["RainyDay -NoSuchTrope", "medium:", '"open', "+", "play:nope RainyDay", "x" * 3000]
)
def test_malformed_query_is_a_400_pointing_at_the_error(client, wiki, q):
    response = client.get("/_/query", {"q": q})
    assert response.status_code == 400
    assert "^" in response.content.decode()


def test_anonymous_avoid_list_in_a_cookie_warns_and_bypasses_the_shared_cache(client, wiki):
    assert "which you avoid" not in client.get("/Film/Storm").content.decode()  # now in the shared cache
    response = client.post("/_/avoid", {"names": "RainyDay\n"})
    assert response.status_code == 302 and client.cookies["tb_avoid"].value == "RainyDay"
    html = client.get("/Film/Storm").content.decode()
    assert "plays Rainy Day, which you avoid" in html
    assert html.index("which you avoid") < html.index("article-content")  # before the content
    assert html.count("never stops") == 1  # only in the page text behind the warning, not in it
    client.cookies.pop("tb_avoid")
    assert "which you avoid" not in client.get("/Film/Storm").content.decode()  # the shared copy is clean


def test_lists_of_works_mark_or_hide(client, wiki):
    client.cookies["tb_avoid"] = quote("Rainy Day")
    listing = client.get("/_/ns/Film").content.decode()
    assert listing.count('class="badge avoid"') == 3  # Puddles, Drizzle, Storm
    client.cookies["tb_avoid_hide"] = "1"
    hidden = client.get("/_/ns/Film").content.decode()
    assert "/Film/Puddles" not in hidden and "/Film/DryRun" in hidden and "3 works hidden" in hidden
    query = client.get("/_/query", {"q": "ForgottenUmbrella"}).content.decode()
    assert "/Film/Storm" not in query and "2 hidden by" in query


def test_search_results_mark_or_hide(client, wiki):
    client.cookies["tb_avoid"] = quote("Rainy Day")
    marked = client.get("/_/search", {"q": "film", "full": "1"}).content.decode()
    assert 'href="/Film/Puddles"' in marked and 'href="/Film/DryRun"' in marked
    assert marked.count("plays Rainy Day, which you avoid") == 3  # Puddles, Drizzle, Storm (SadRain)
    client.cookies["tb_avoid_hide"] = "1"
    hidden = client.get("/_/search", {"q": "film", "full": "1"}).content.decode()
    assert 'href="/Film/Puddles"' not in hidden and 'href="/Film/DryRun"' in hidden
    assert "3 works on this page hidden" in hidden


def test_index_trees_mark_or_hide_the_works_they_list(wiki):
    # index pages list Main pages (tropes, indexes); a tree entry that is a work is marked all the same
    def node(key, children=()):
        return Node(key, key, "/" + key, True, bool(children), list(children))

    tree = [node("main/weathertropes", [node("film/puddles"), node("film/dryrun")]), node("film/storm")]
    marked = find._avoid_in_tree(Reader(avoid=("RainyDay",)), tree)
    assert [n.avoided for n in marked[0].children] == [["Rainy Day"], []] and marked[1].avoided == [
        "Rainy Day"
    ]
    assert marked[0].avoided == []
    hidden = find._avoid_in_tree(Reader(avoid=("RainyDay",), avoid_hide=True), tree)
    assert [n.key for n in hidden] == ["main/weathertropes"]
    assert [n.key for n in hidden[0].children] == ["film/dryrun"]


def test_trope_page_marks_works_from_work_pages(client, wiki):
    client.cookies["tb_avoid"] = "SadRain"
    html = client.get("/Main/ForgottenUmbrella").content.decode()
    assert "plays Sad Rain, which you avoid" in html  # Storm, listed from its work page


WET_FEET = (
    "Feet get wet.\n----\n"
    "* ''Film/Puddles'': [[spoiler:the socks never dry]].\n"
    "** Also in the sequel, soaked again.\n"
    "* ''Film/DryRun'': dry feet, for once.\n"
    "* ''Film/Storm'': ankle deep.\n"
)


@pytest.fixture
def wet_feet(wiki):
    """A trope page whose own examples name works, two of which (Puddles, Storm) play Rainy Day."""
    save_page("Main/WetFeet", WET_FEET)


@pytest.fixture
def no_parsing(monkeypatch):
    """From here on, reading a page must not parse its markup."""

    def parse_blocks(text):
        raise AssertionError("a read parsed markup")

    monkeypatch.setattr(tropebase.markup, "parse_blocks", parse_blocks)


def _content(html: str) -> str:
    return html[html.index('<div class="article-content">') :]


def test_a_trope_pages_own_examples_are_marked_in_place(client, wet_feet, no_parsing):
    plain = client.get("/Main/WetFeet").content.decode()  # now in the shared cache
    assert "which you avoid" not in plain and plain.count("data-line=") == 4  # the nested one too
    client.cookies["tb_avoid"] = quote("Rainy Day")
    html = client.get("/Main/WetFeet").content.decode()
    content = _content(html)
    assert content.count('class="avoided"') == 2 and content.count("plays Rainy Day, which you avoid") == 2
    puddles = content[content.index('class="avoided"') : content.index("Film/DryRun")]
    assert "/Film/Puddles" in puddles and "sequel" in puddles  # marked, the nested line not again
    assert "Works listed here that play" not in html  # nothing left to name above the content
    assert html.count("the socks never dry") == 1  # the spoiler stays where it was, hidden as before
    client.cookies.pop("tb_avoid")
    assert client.get("/Main/WetFeet").content.decode() == plain  # the shared copy is clean


def test_a_reader_who_hides_gets_no_trace_of_those_examples(client, wet_feet, no_parsing):
    client.cookies["tb_avoid"] = quote("Rainy Day")
    client.cookies["tb_avoid_hide"] = "1"
    html = client.get("/Main/WetFeet").content.decode()
    assert "/Film/Puddles" not in html and "socks never dry" not in html and "sequel" not in html
    assert "/Film/Storm" not in html and "ankle deep" not in html and "/Film/DryRun" in html
    assert "2 examples on this page are hidden" in html
    assert _content(html).count("<li") == _content(html).count("</li>")


def test_an_older_revision_or_an_older_rendering_names_them_above_instead(client, wet_feet, request):
    save_page("Main/WetFeet", WET_FEET + "* ''Film/Drizzle'': drips.\n")
    request.getfixturevalue("no_parsing")
    client.cookies["tb_avoid"] = quote("Rainy Day")
    client.cookies["tb_avoid_hide"] = "1"
    old = client.get("/Main/WetFeet", {"rev": "1"}).content.decode()
    assert "Works listed here that play tropes you avoid" in old and "<em>Puddles</em>" in old
    Revision.objects.filter(page__key="main/wetfeet").update(html="<p>Rendered before items had lines.</p>")
    html = client.get("/Main/WetFeet").content.decode()
    assert "Works listed here that play tropes you avoid" in html and "<em>Drizzle</em>" in html


def test_signed_in_avoid_list_is_saved(editor_client, editor, wiki):
    editor_client.post("/_/avoid", {"names": "FU\nSnowDay", "hide": "1"})
    assert list(AvoidedTrope.objects.filter(user=editor).values_list("name", "key")) == [
        ("FU", "main/forgottenumbrella"), ("SnowDay", "main/snowday")
    ]  # fmt: skip
    assert "FU → Forgotten Umbrella" in editor_client.get("/_/avoid").content.decode()
    assert "plays Forgotten Umbrella, which you avoid" in editor_client.get("/Anime/Sunbeam").content.decode()
