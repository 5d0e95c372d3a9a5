"""What a newcomer reaches for in a browser: menus, reader toggles kept across pages, the night scheme
of their system, keyboard access, a phone-width home page, undo from the history, and axe-core finding
no serious accessibility problem on the main pages."""

from __future__ import annotations

import pytest

from tropebase.wiki.models import Page
from tropebase.wiki.store import save_page

from .axe import axe_source, serious_violations
from .people import UMBRELLA_TROPE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TROPE = UMBRELLA_TROPE


def spoiler_hidden(tab) -> bool:
    return tab.locator(".spoiler").first.evaluate(
        "e => getComputedStyle(e).color === getComputedStyle(e).backgroundColor"
    )


def test_menus_open_and_lead_to_the_lists(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    tab.goto("/")
    assert not tab.locator(".menu >> text=All media").is_visible()
    tab.click(".menu > summary:has-text('Media')")
    tab.click(".menu >> text=All media")
    tab.wait_for_url("**/_/media")
    tab.click(".menu > summary:has-text('Tropes')")
    tab.click(".menu >> text=All tropes")
    assert tab.locator("ul.index >> text=Forgotten Umbrella").is_visible()


def test_show_spoilers_and_night_mode_are_remembered(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    tab.goto("/Main/ForgottenUmbrella")
    tab.click(".folder-toggle-all")
    assert spoiler_hidden(tab)
    tab.click("button[data-toggle=spoilers]")
    assert not spoiler_hidden(tab)
    tab.click("button[data-toggle=night]")
    tab.goto("/Main/ForgottenUmbrella")  # another page load: the choices are kept
    tab.click(".folder-toggle-all")
    assert not spoiler_hidden(tab)
    assert tab.locator("button[data-toggle=night]").get_attribute("aria-pressed") == "true"
    assert tab.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(23, 22, 26)"


def test_the_system_dark_scheme_is_followed_until_the_reader_chooses(browser, live_server, csp_violations):
    context = browser.new_context(base_url=live_server.url, color_scheme="dark")
    try:
        tab = context.new_page()
        tab.goto("/")
        assert tab.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(23, 22, 26)"
        tab.click("button[data-toggle=night]")  # pressed already: the reader turns it off
        assert tab.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(251, 250, 247)"
    finally:
        context.close()


def test_keyboard_reaches_skip_link_folders_and_spoilers(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    tab.goto("/Main/ForgottenUmbrella")
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.className") == "skip-link"
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => location.hash") == "#content"
    tab.focus("summary.folderlabel")
    tab.keyboard.press("Enter")
    assert tab.locator("details.folder").evaluate("e => e.open")
    tab.focus(".spoiler")
    outline = tab.locator(".spoiler").evaluate("e => getComputedStyle(e).outlineStyle")
    tab.keyboard.press("Enter")
    assert "revealed" in tab.locator(".spoiler").get_attribute("class")
    tab.focus("summary.folderlabel")
    assert tab.locator("summary.folderlabel").evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert outline == "solid"


def test_home_page_is_one_column_on_a_phone(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto("/")
    columns = tab.locator(".columns").evaluate("e => getComputedStyle(e).gridTemplateColumns")
    assert len(columns.split()) == 1, columns
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_an_editor_undoes_a_change_from_the_history(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    save_page("Main/ForgottenUmbrella", TROPE.replace("A trope about umbrellas.", "Vandalised."), base=1)
    tab = new_tab()
    log_in(tab, "editor")
    tab.goto("/Main/ForgottenUmbrella/history")
    tab.fill("input[aria-label='Reason for undoing or reverting r2']", "vandalism")
    tab.click("tr:has-text('r2') >> button:has-text('Undo')")
    tab.wait_for_url("**/Main/ForgottenUmbrella")
    assert tab.locator(".article-content p").first.inner_text() == "A trope about umbrellas."
    assert Page.objects.get(key="main/forgottenumbrella").current.summary == "Undid revision 2: vandalism"


def test_main_pages_have_no_serious_accessibility_problems(new_tab):
    source = axe_source()
    save_page(
        "Film/Puddles", "A film about rain.\n----\n* ForgottenUmbrella: left on the bus.", title="Puddles"
    )
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    found = {}
    for url in ("/", "/Main/ForgottenUmbrella", "/Film/Puddles", "/Main/ForgottenUmbrella/history",
                "/_/recent", "/_/search?q=umbrella", "/_/media", "/ChekhovsGun"):  # fmt: skip
        tab.goto(url)
        found[url] = serious_violations(tab, source)
    log_in(tab, "editor")
    for url in ("/Main/ForgottenUmbrella/edit", "/Main/NewTrope/edit", "/Main/ForgottenUmbrella/history"):
        tab.goto(url)
        found[f"{url} (signed in)"] = serious_violations(tab, source)
    assert {url: v for url, v in found.items() if v} == {}
    # and the check does find what it must: an image without alternative text is critical
    tab.evaluate("() => document.body.append(Object.assign(document.createElement('img'), {src: '/x.png'}))")
    assert any(v.startswith("image-alt") for v in serious_violations(tab, source))


def test_preview_opens_its_folders(new_tab):
    save_page("Main/ForgottenUmbrella", TROPE)
    tab = new_tab()
    log_in(tab, "editor")
    tab.goto("/Main/ForgottenUmbrella/edit")
    tab.fill("textarea[name=text]", TROPE.replace("forgets it on the bus", "leaves it on the tram"))
    tab.click("button[name=preview]")
    assert tab.locator(".preview details.folder").evaluate("e => e.open")
    assert tab.locator(".preview .spoiler").inner_text() == "leaves it on the tram"
