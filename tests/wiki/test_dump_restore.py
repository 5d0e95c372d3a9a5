"""Dump and restore: export → import into an empty site → export gives the same bytes, and the restored
site has the same rows, appearances and HTML as the one the saves made."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, User

from tropebase.cli import load_demo
from tropebase.ingest.load import load
from tropebase.web.access import MODERATORS
from tropebase.wiki import dump
from tropebase.wiki.imports import store_pages
from tropebase.wiki.models import Appearance, Example, Page, Profile, Revision
from tropebase.wiki.restore import RestoreRefused, read_dump, restore
from tropebase.wiki.store import save_page, set_hidden, set_protected

from ..conftest import SEED

pytestmark = pytest.mark.django_db


def dumped(with_accounts: bool = False) -> str:
    return "".join(dump.line(r) for r in dump.records(with_accounts))


def derived() -> dict:
    """What the write layer derives, without database ids."""
    return {
        "examples": sorted(
            Example.objects.values_list(
                "page__key", "position", "trope_key", "work_key", "play", "medium", "text", "depth"
            )
        ),
        "appearances": sorted(
            Appearance.objects.values_list(
                "work_key", "trope_key", "play", "statements", "adult_only", "spoiler"
            )
        ),
        "html": sorted(Page.objects.values_list("key", "current__html", "kind", "redirect_to")),
    }


def empty_the_site() -> None:
    Page.objects.all().delete()
    Appearance.objects.all().delete()
    User.objects.all().delete()


@pytest.fixture
def site(known_tropes):
    load_demo()
    list(store_pages(load(str(SEED), known=known_tropes)))
    editor = User.objects.create_user("editor", password="a long enough password")
    moderator = User.objects.create_user("mod", password="a long enough password")
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    Profile.objects.create(user=moderator, show_adult=True)
    gun = Page.objects.get(key="main/chekhovsgun")
    save_page(gun.target, gun.current.text + "\nA line that will be hidden.\n", author=editor, summary="hmm")
    save_page(gun.target, gun.current.text + "\nA better line.\n", author=moderator)
    set_hidden(gun.revisions.get(number=2), True)
    set_protected(gun, True)
    # the same text again under a new title: a revision restore must keep although its text repeats
    gun.refresh_from_db()
    save_page(gun.target, gun.current.text, title="Chekhov's Gun (Planted)", author=moderator, moderator=True)


def test_export_import_export_is_byte_identical(site):
    before, rows = dumped(), derived()
    empty_the_site()
    list(restore(read_dump(io.StringIO(before))))
    assert dumped() == before
    assert derived() == rows
    gun = Page.objects.get(key="main/chekhovsgun")
    assert gun.protected and gun.title == "Chekhov's Gun (Planted)" and gun.revisions.count() == 4
    assert gun.revisions.get(number=2).hidden and gun.revisions.get(number=2).author.username == "editor"
    assert Page.objects.get(key="literature/thevelvetledger").is_adult
    assert not User.objects.get(username="mod").has_usable_password()  # names only


def test_accounts_whole_with_with_accounts(site):
    before = dumped(with_accounts=True)
    hashes = dict(User.objects.values_list("username", "password"))
    empty_the_site()
    list(restore(read_dump(io.StringIO(before))))
    assert dict(User.objects.values_list("username", "password")) == hashes
    mod = User.objects.get(username="mod")
    assert mod.groups.filter(name=MODERATORS).exists() and Profile.objects.get(user=mod).show_adult
    assert dumped(with_accounts=True) == before
    assert "pbkdf2" not in dumped() and "md5" not in dumped()  # without the flag: names only


def test_times_are_the_original_ones(site):
    times = dict(Revision.objects.values_list("page__key", "created").filter(number=1))
    text = dumped()
    empty_the_site()
    list(restore(read_dump(io.StringIO(text))))
    assert dict(Revision.objects.values_list("page__key", "created").filter(number=1)) == times


def test_a_site_with_pages_is_refused_unless_merge(db):
    save_page("Main/OldTrope", "Here before.\n")
    text = dumped()
    Page.objects.all().delete()
    save_page("Main/NewTrope", "Here now.\n")
    with pytest.raises(RestoreRefused, match="already has pages"):
        list(restore(read_dump(io.StringIO(text))))
    save_page("Main/OldTrope", "Changed here.\n")
    restored = list(restore(read_dump(io.StringIO(text)), merge=True))
    assert restored == ["Main/OldTrope"]
    assert Page.objects.get(key="main/oldtrope").current.text == "Changed here.\n"  # left as it is


def test_not_a_dump_is_refused(db):
    with pytest.raises(RestoreRefused, match="not a tropebase dump"):
        list(restore(read_dump(io.StringIO('{"trope": "x"}\n'))))
