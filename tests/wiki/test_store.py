"""save_page: revisions, facts, merges refused on a stale base, redirects and aliases."""

from __future__ import annotations

import pytest

from tropebase.wiki.models import Alias, Example, Link, Page, Revision
from tropebase.wiki.resolve import resolve
from tropebase.wiki.store import ProtectedPage, StaleBase, save_page

pytestmark = pytest.mark.django_db

TROPE = """A trope about umbrellas.
----
!!Examples:
[[folder:Film]]
* ''Film/Puddles'': the hero [[spoiler:forgets it]] on the bus.
** The sequel does it again.
* {{Averted}} in ''Film/DryRun''.
[[/folder]]
"""


def test_first_save_creates_page_revision_and_facts():
    result = save_page("Main/ForgottenUmbrella", TROPE, summary="new")
    page = result.page
    assert result.created and result.changed
    assert (page.key, page.title, page.kind, page.current.number) == (
        "main/forgottenumbrella", "Forgotten Umbrella", "trope", 1,
    )  # fmt: skip
    rows = list(Example.objects.filter(page=page).order_by("position"))
    assert [(e.work_key, e.medium, e.depth, e.play) for e in rows] == [
        ("film/puddles", "film", 1, "straight"),
        ("film/puddles", "film", 2, "straight"),
        ("film/dryrun", "film", 1, "averted"),
    ]
    assert rows[1].parent_id == rows[0].id
    assert rows[0].spoilers == ["forgets it"]
    assert set(Link.objects.filter(page=page).values_list("target_key", flat=True)) == {
        "film/puddles", "film/dryrun", "main/averted",
    }  # fmt: skip
    assert "Averted</a> in" in page.current.html  # it says how it plays: no badge to repeat it
    assert 'class="play play-averted"' not in page.current.html


def test_same_text_makes_no_revision_and_new_text_replaces_facts():
    save_page("Main/ForgottenUmbrella", TROPE)
    again = save_page("Main/ForgottenUmbrella", TROPE)
    assert not again.changed and Revision.objects.count() == 1
    save_page("Main/ForgottenUmbrella", TROPE.replace("** The sequel does it again.\n", ""))
    page = Page.objects.get(key="main/forgottenumbrella")
    assert page.current.number == 2 and page.current.parent.number == 1
    assert Example.objects.filter(page=page).count() == 2


def test_stale_base_is_refused_and_nothing_is_written():
    save_page("Main/ForgottenUmbrella", TROPE)
    save_page("Main/ForgottenUmbrella", TROPE + "\nMore.", base=1)
    with pytest.raises(StaleBase) as stale:
        save_page("Main/ForgottenUmbrella", TROPE + "\nOther.", base=1)
    assert stale.value.current.number == 2
    assert Revision.objects.count() == 2


def test_protected_page_needs_a_moderator():
    page = save_page("Main/ForgottenUmbrella", TROPE).page
    Page.objects.filter(id=page.id).update(protected=True)
    with pytest.raises(ProtectedPage):
        save_page("Main/ForgottenUmbrella", "vandalised")
    assert save_page("Main/ForgottenUmbrella", "fixed", moderator=True).changed


def test_example_work_is_found_by_title_and_shows_on_both_pages():
    save_page("Film/Puddles", "A film about rain.", title="Puddles")
    save_page("Main/Drizzle", "A trope.\n----\n* ''Puddles'': it drizzles.")
    (row,) = Example.objects.filter(trope_key="main/drizzle")
    assert row.work_key == "film/puddles"


def test_redirect_page_makes_an_alias_and_aliases_resolve():
    save_page("Main/ForgottenUmbrella", "The Forgotten Umbrella (abbreviated as FU) is a trope.")
    save_page("Main/BrollyBlindness", "[[redirect:ForgottenUmbrella]]")
    assert resolve("Main/BrollyBlindness").key == "main/brollyblindness"  # the redirect page itself
    assert Page.objects.get(key="main/brollyblindness").redirect_to == "Main/ForgottenUmbrella"
    assert resolve("Main/FU").key == "main/forgottenumbrella"
    assert set(Alias.objects.values_list("key", flat=True)) >= {"main/fu", "main/brollyblindness"}


def test_creating_a_page_turns_red_links_blue():
    linking = save_page("Main/Drizzle", "See ForgottenUmbrella.").page
    assert "createlink" in linking.current.html
    save_page("Main/ForgottenUmbrella", "A trope.")
    revision = Revision.objects.get(id=linking.current_id)
    assert "createlink" not in revision.html  # rendered again in the write path, not on the next read


def test_adult_markers_rate_a_new_page_adult():
    assert save_page("Main/Spicy", "A kind of {{Hentai}}.").page.content_rating == "adult"
    assert save_page("Main/Mild", "A kind of ChekhovsGun.").page.content_rating == "general"


@pytest.mark.django_db
def test_a_new_title_is_shown_by_the_pages_linking_there():
    """Found by the dump round trip: a restored site showed the new title, the saved one the old."""
    save_page("Main/LampLighter", "A lamp lighter.\n")
    save_page("Main/NightWatch", "Compare LampLighter.\n")
    save_page("Main/LampLighter", "A lamp lighter.\n", title="The Lamp Lighter")
    assert ">The Lamp Lighter</a>" in Page.objects.get(key="main/nightwatch").current.html
