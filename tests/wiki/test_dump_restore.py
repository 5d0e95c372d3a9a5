"""Dump and restore: export → import into an empty site → export gives the same bytes, and the restored
site has the same rows, appearances and HTML as the one the saves made."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import Group, User

from tropebase.cli import load_demo
from tropebase.ingest.load import load
from tropebase.web.access import MODERATORS
from tropebase.wiki import dump
from tropebase.wiki.avoid import save_list, saved_list
from tropebase.wiki.imports import store_pages
from tropebase.wiki.models import ApiToken, Appearance, Example, KnownTitle, Page, Profile, Revision, Watch
from tropebase.wiki.restore import RestoreRefused, read_dump, restore
from tropebase.wiki.store import remember_titles, save_page, set_hidden, set_protected
from tropebase.wiki.tokens import create_token
from tropebase.wiki.watch import watch

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
    KnownTitle.objects.all().delete()


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
    # titles a source showed for pages not written yet: red links read them
    remember_titles({"Main/GrandmasTeapot": "Grandma's Teapot", "Main/WetSocks": "Wetsocks"}, "tea.html")
    remember_titles({"Film/TheKettleWhistles": "The Kettle Whistles!"}, "kettle.html")
    save_page("Main/TeaTime", "Tea.\n----\n* GrandmasTeapot, WetSocks and Film/TheKettleWhistles.\n")
    # what readers chose: avoid lists, watchlists; and a token, which no dump holds
    save_list(editor, ["RedHerring", "Love Triangle"], hide=True)
    save_list(moderator, ["TheCameo"], hide=False)
    watch(editor, gun)
    watch(editor, Page.objects.get(key="main/teatime"))
    create_token(editor, "laptop")


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


def test_known_titles_are_dumped_and_restored(site):
    titles = sorted(KnownTitle.objects.values_list("key", "title", "source"))
    assert len(titles) == 3
    html = Page.objects.get(key="main/teatime").current.html
    assert ">Grandma's Teapot</a>" in html and ">Wetsocks</a>" in html
    before = dumped()
    assert (
        '{"type":"title","key":"main/grandmasteapot","title":"Grandma\'s Teapot","source":"tea.html"}'
        in before
    )
    empty_the_site()
    list(restore(read_dump(io.StringIO(before))))
    assert sorted(KnownTitle.objects.values_list("key", "title", "source")) == titles  # verbatim
    assert Page.objects.get(key="main/teatime").current.html == html
    assert dumped() == before


def test_merge_adds_missing_known_titles_and_renders_the_pages_linking_them(site):
    text = dumped()
    KnownTitle.objects.filter(key="main/grandmasteapot").delete()
    KnownTitle.objects.filter(key="main/wetsocks").update(title="Wet Socks", source="elsewhere")
    save_page("Main/TeaTime", "Tea.\n----\n* GrandmasTeapot, WetSocks and Film/TheKettleWhistles.\n\nMore.\n")
    list(restore(read_dump(io.StringIO(text)), merge=True))
    assert KnownTitle.objects.get(key="main/wetsocks").title == "Wet Socks"  # kept as it is here
    assert KnownTitle.objects.get(key="main/grandmasteapot").source == "tea.html"
    assert ">Grandma's Teapot</a>" in Page.objects.get(key="main/teatime").current.html


def test_readers_choices_come_with_accounts_and_tokens_never(site):
    plain = dumped()
    assert "watchlist" not in {json.loads(line).get("type") for line in plain.splitlines()}
    assert '"avoid"' not in plain and "laptop" not in plain
    before = dumped(with_accounts=True)
    assert "laptop" not in before and ApiToken.objects.get().prefix not in before
    chosen = {u.username: saved_list(u) for u in User.objects.all()}
    assert chosen["editor"] == (("RedHerring", "Love Triangle"), True)
    empty_the_site()
    list(restore(read_dump(io.StringIO(before))))
    assert {u.username: saved_list(u) for u in User.objects.all()} == chosen
    editor = User.objects.get(username="editor")
    watched = Watch.objects.filter(user=editor).values_list("page__key", flat=True)
    assert sorted(watched) == ["main/chekhovsgun", "main/teatime"]
    assert not ApiToken.objects.exists()
    assert dumped(with_accounts=True) == before


def test_a_version_1_dump_still_restores(db):
    old = (
        '{"format":"tropebase-dump","version":1}\n{"type":"account","name":"ann"}\n'
        '{"type":"page","target":"Main/OldTrope","title":"Old Trope","rating":"general","protected":false,'
        '"revisions":[{"number":1,"created":"2020-01-02T03:04:05+00:00","author":"ann","summary":"",'
        '"hidden":false,"text":"Here before.\\n"}]}\n'
    )
    assert list(restore(read_dump(io.StringIO(old)))) == ["Main/OldTrope"]
    assert Page.objects.get(key="main/oldtrope").current.author.username == "ann"


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
