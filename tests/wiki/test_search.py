"""Search through the wiki layer, on whichever database the run uses (SQLite FTS5 / PostgreSQL tsvector
and pg_trgm): Japanese of 1, 2 and 4 characters, prefixes, substrings, ranking, adult pages, sync with
edits, redirects and rating changes, pagination, snippets."""

from __future__ import annotations

import pytest

from tropebase.wiki.models import Page, SearchEntry
from tropebase.wiki.search import exact_pages, index_missing, search
from tropebase.wiki.store import save_page, set_rating
from tropebase.wiki.visibility import Reader

pytestmark = pytest.mark.django_db

EVERYONE = Reader()
ADULT = Reader(show_adult=True)


def titles(query: str, reader: Reader = EVERYONE, **kw) -> list[str]:
    return [hit.page.title for hit in search(reader, query, **kw).hits]


@pytest.fixture
def wiki(db):
    save_page("Main/ForgottenUmbrella", "A hero leaves an umbrella behind (abbreviated as FU).\n"
              "* ''Film/Puddles'': the umbrella [[spoiler:was a time machine]].", title="Forgotten Umbrella")  # fmt: skip
    save_page("Main/RainyDay", "It rains, and nobody brought an umbrella.", title="Rainy Day")
    save_page("Main/Umbrella", "Not a trope, just the object.", title="Umbrella")
    save_page("Main/LoveTriangle", "恋愛の三角関係。Three people, one heart.", title="Love Triangle")
    save_page(
        "Main/StolenSweetheart",
        "寝取られない恋 is a love that stays. 恋 alone is love.",
        title="Stolen Sweetheart",
    )
    save_page("Main/Netorare", "寝取られ is the genre of stolen love.", title="Netorare")  # rated adult
    save_page("Film/Puddles", "A film where it rains.\n* RainyDay: all film long.", title="Puddles")


def test_japanese_of_four_characters_is_found_by_trigram(wiki):
    assert titles("寝取られ") == ["Stolen Sweetheart"]
    assert titles("寝取られ", ADULT) == ["Netorare", "Stolen Sweetheart"]


def test_japanese_of_two_characters_and_one(wiki):
    assert set(titles("恋愛")) == {"Love Triangle"}
    assert set(titles("恋")) == {"Love Triangle", "Stolen Sweetheart"}
    assert titles("三角") == ["Love Triangle"]
    assert titles("角関") == ["Love Triangle"]
    assert titles("愛恋") == []  # the pair must be adjacent in that order


def test_prefix_of_a_word(wiki):
    assert "Forgotten Umbrella" in titles("umbr")
    assert titles("forgot") == ["Forgotten Umbrella"]


def test_every_term_is_required(wiki):
    assert titles("umbrella rains") == ["Rainy Day"]
    assert titles("umbrella 恋愛") == []


def test_exact_title_first_then_titles_then_text(wiki):
    assert titles("umbrella") == ["Umbrella", "Forgotten Umbrella", "Rainy Day"]
    assert search(EVERYONE, "umbrella").hits[0].exact


def test_exact_alias_and_name(wiki):
    assert [p.title for p in exact_pages(EVERYONE, "FU")] == ["Forgotten Umbrella"]
    assert [p.title for p in exact_pages(EVERYONE, "forgotten umbrella")] == ["Forgotten Umbrella"]
    assert [p.title for p in exact_pages(EVERYONE, "Film/Puddles")] == ["Puddles"]
    assert titles("FU")[0] == "Forgotten Umbrella"


def test_substring_when_no_word_matches(wiki):
    results = search(EVERYONE, "mbrell")
    assert results.substring and {h.page.title for h in results.hits} >= {"Umbrella", "Forgotten Umbrella"}


def test_spoilers_are_neither_found_nor_shown(wiki):
    assert titles("machine") == []
    hit = search(EVERYONE, "forgotten").hits[0]
    assert "time machine" not in hit.snippet


def test_snippet_is_escaped_and_marked(db):
    save_page(
        "Main/AngleBrackets",
        "Writing <script>alert(1)</script> near the word needle.",
        title="Angle Brackets",
    )
    snippet = str(search(EVERYONE, "needle").hits[0].snippet)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>needle</mark>" in snippet


def test_adult_pages_only_for_readers_who_opted_in(wiki):
    save_page(
        "Main/SpicyUmbrella", "An umbrella for grown-ups only.", title="Spicy Umbrella", rating=Page.ADULT
    )
    assert "Spicy Umbrella" not in titles("umbrella")
    assert "Spicy Umbrella" in titles("umbrella", ADULT)
    assert exact_pages(EVERYONE, "Spicy Umbrella") == []
    assert search(EVERYONE, "spicy").total == 0


def test_rating_change_counts_at_once(wiki):
    page = Page.objects.get(key="main/rainyday")
    set_rating(page, Page.ADULT)
    assert "Rainy Day" not in titles("umbrella")
    set_rating(page, Page.GENERAL)
    assert "Rainy Day" in titles("umbrella")


def test_an_edit_is_searchable_at_once_and_old_words_are_gone(wiki):
    save_page("Main/RainyDay", "It snows instead; parasols everywhere.", title="Rainy Day")
    assert "Rainy Day" not in titles("umbrella")
    assert titles("parasols") == ["Rainy Day"]


def test_a_redirect_names_its_target_and_a_redirect_removed_does_not(wiki):
    save_page("Main/BrollyBlindness", "[[redirect:ForgottenUmbrella]]")
    assert titles("brolly") == ["Forgotten Umbrella"]
    assert [p.title for p in exact_pages(EVERYONE, "BrollyBlindness")] == ["Forgotten Umbrella"]
    save_page("Main/BrollyBlindness", "Now a page of its own about brollies.")
    assert "Forgotten Umbrella" not in titles("brolly")


def test_pagination_counts_everything_and_pages_do_not_overlap(db):
    for i in range(25):
        save_page(f"Main/Kettle{i:02d}", f"A kettle story number {i}.", title=f"Kettle {i:02d}")
    first, second = search(EVERYONE, "kettle", per_page=10), search(EVERYONE, "kettle", page=3, per_page=10)
    assert first.total == second.total == 25 and first.pages == 3
    assert len(first.hits) == 10 and len(second.hits) == 5
    every = [h.page.id for p in (1, 2, 3) for h in search(EVERYONE, "kettle", page=p, per_page=10).hits]
    assert len(set(every)) == 25
    assert search(EVERYONE, "kettle", page=9, per_page=10).total == 25


def test_pages_saved_before_search_get_their_entries(wiki):
    SearchEntry.objects.all().delete()
    assert titles("umbrella") == ["Umbrella"]  # the exact title is still known from the page itself
    assert index_missing() == 7
    assert titles("umbrella") == ["Umbrella", "Forgotten Umbrella", "Rainy Day"]
    assert index_missing() == 0


def test_quotes_and_examples_are_searched(db):
    save_page("Main/Foreshadowing", "->''A kettle on the mantelpiece must boil by act three.''\n\nEarly hints.\n"
              "* ''Film/TeaTime'': the samovar hisses early.", title="Foreshadowing")  # fmt: skip
    assert titles("mantelpiece") == ["Foreshadowing"]
    assert titles("samovar") == ["Foreshadowing"]
