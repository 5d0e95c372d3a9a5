"""What a person does in a browser: read the seed page, fold and unfold, reveal spoilers, edit with
preview, and edit at the same time as someone else without losing either text."""

from __future__ import annotations

import pytest

from tropebase.ingest.plaintext import convert
from tropebase.wiki.imports import known_page_names
from tropebase.wiki.models import Page
from tropebase.wiki.store import save_page

from ..conftest import SEED
from .people import UMBRELLA_TROPE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TROPE = (
    UMBRELLA_TROPE
    + """[[folder:Literature]]
* ''The Damp'': it rains for a whole chapter.
[[/folder]]
"""
)


def both_editing(new_tab):
    """Alice and Bob, each in their own browser, open the same page's edit form."""
    save_page("Main/ForgottenUmbrella", TROPE)
    first, second = new_tab(), new_tab()
    log_in(first, "alice")
    log_in(second, "bob")
    for tab in (first, second):
        tab.goto("/Main/ForgottenUmbrella/edit")
    return first, second


def test_imported_seed_page_behind_the_adult_interstitial(new_tab):
    converted = convert(SEED.read_text(encoding="utf-8"), str(SEED), known_page_names())
    save_page(converted.report.page, converted.markup, title=converted.report.title)
    tab = new_tab()
    tab.goto("/Main/NTR")
    assert "I am an adult" in tab.content()
    assert "/Main/NetorareGenre" in tab.url
    tab.click("text=I am an adult")
    assert tab.locator("h1.entry-title").inner_text() == "Netorare Genre"
    assert tab.locator("details.folder").count() == 9
    assert tab.locator("summary.folderlabel").first.inner_text() == "Anime and Manga"
    assert "aka: NTR" not in tab.content()  # "Also known as" names it already
    assert "NTR" in tab.locator(".aliases").inner_text()


def test_folders_open_and_close(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    tab.goto("/Main/ForgottenUmbrella")
    folders = tab.locator("details.folder")
    assert folders.evaluate_all("els => els.map(e => e.open)") == [False, False]
    tab.click(".folder-toggle-all")
    assert folders.evaluate_all("els => els.map(e => e.open)") == [True, True]
    tab.click(".folder-toggle-all")
    assert folders.evaluate_all("els => els.map(e => e.open)") == [False, False]
    tab.click("summary:has-text('Literature')")
    assert folders.evaluate_all("els => els.map(e => e.open)") == [False, True]


def test_spoiler_is_hidden_until_clicked(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    tab.goto("/Main/ForgottenUmbrella")
    tab.click(".folder-toggle-all")
    spoiler = tab.locator(".spoiler").first

    def colours():
        return spoiler.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")

    color, background = colours()
    assert color == background  # text painted in its background's colour: unreadable
    spoiler.click()
    color, background = colours()
    assert color != background


def test_anonymous_reader_is_asked_to_log_in_to_edit(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    tab.goto("/Main/ForgottenUmbrella")
    tab.click("nav.actions >> text=Edit")
    assert "/_/login?next=" in tab.url
    assert tab.locator("h1").inner_text() == "Log in"


def test_edit_with_preview_and_save(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    log_in(tab, "editor")
    tab.goto("/Main/ForgottenUmbrella/edit")
    tab.fill(
        "textarea[name=text]",
        TROPE.replace("A trope about umbrellas.", "A trope about '''lost''' umbrellas."),
    )
    tab.click("button[name=preview]")
    assert tab.locator(".preview strong").inner_text() == "lost"
    tab.fill("input[name=summary]", "sharper wording")
    tab.click("button[name=save]")
    tab.wait_for_url("**/Main/ForgottenUmbrella")
    assert tab.locator(".article-content strong").inner_text() == "lost"
    assert Page.objects.get(key="main/forgottenumbrella").current.summary == "sharper wording"


def test_two_editors_at_once_lose_nothing(new_tab):
    first, second = both_editing(new_tab)
    first.fill("textarea[name=text]", TROPE.replace("A trope about umbrellas.", "Alice's opening line."))
    first.click("button[name=save]")
    first.wait_for_url("**/Main/ForgottenUmbrella")
    second.fill("textarea[name=text]", TROPE.replace("A trope about umbrellas.", "Bob's opening line."))
    second.click("button[name=save]")
    assert "Someone saved this page while you were editing" in second.content()
    merged = second.locator("textarea[name=text]").input_value()
    assert "Alice's opening line." in merged and "Bob's opening line." in merged
    assert "Bob's opening line." in second.locator("pre.yours").inner_text()
    # Bob keeps both lines and saves; the page now holds everyone's text.
    resolved = "\n".join(
        line for line in merged.split("\n") if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))
    )
    second.fill("textarea[name=text]", resolved)
    second.click("button[name=save]")
    second.wait_for_url("**/Main/ForgottenUmbrella")
    text = Page.objects.get(key="main/forgottenumbrella").current.text
    assert "Alice's opening line." in text and "Bob's opening line." in text


def test_two_editors_on_different_lines_merge_silently(new_tab):
    first, second = both_editing(new_tab)
    first.fill(
        "textarea[name=text]", TROPE.replace("it rains for a whole chapter", "it rains for two chapters")
    )
    first.click("button[name=save]")
    first.wait_for_url("**/Main/ForgottenUmbrella")
    second.fill("textarea[name=text]", TROPE.replace("A trope about umbrellas.", "A trope about brollies."))
    second.click("button[name=save]")
    second.wait_for_url("**/Main/ForgottenUmbrella")
    assert "Merged with the changes saved since you began" in second.content()
    text = Page.objects.get(key="main/forgottenumbrella").current.text
    assert "two chapters" in text and "brollies" in text
