"""Rebuilding a wiki from a dump (`wiki.dump`): a write module beside `wiki.store`, and built on it.

Every revision is saved again through the write layer, in its page's order, so the rows, appearances
and HTML are exactly what saves make; then the revision gets back its original time and hidden flag,
and the page its protection. Pages with one revision (most of a catalog) are saved in batches through
`wiki.bulk`; a page with a history is restored alone, in its own transaction, by `store.save_page`. Known
titles come before the pages in a dump, so the pages render with them; watchlists come after.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.dateparse import parse_datetime

from . import avoid, watch
from .bulk import Incoming, save_pages
from .dump import FORMAT, MODERATORS, READS, VERSION
from .models import KnownTitle, Page, Profile
from .resolve import chunked
from .store import rerender, restamp, restamp_many, save_page, set_protected
from .tablewrite import rows_in

#: what a dump's lines may be, after its header
RECORD_TYPES = ("account", "title", "page", "watchlist")


class RestoreRefused(ValueError):
    """The dump cannot be restored here; the message says why."""


@dataclass(slots=True)
class RestoreTally:
    accounts: int = 0
    pages: int = 0
    revisions: int = 0
    titles: int = 0
    skipped: list[str] = field(default_factory=list)  # pages already on the site (--merge)


def site_is_empty() -> bool:
    return not Page.objects.exists()


def read_dump(lines: Iterable[str]) -> Iterator[dict]:
    """The records of a dump, its header checked; RestoreRefused on a line that is not one."""
    for number, text in enumerate(lines, 1):
        try:
            record = json.loads(text)
        except ValueError as exc:
            raise RestoreRefused(f"line {number} is not JSON ({exc})") from None
        if number == 1:
            if not isinstance(record, dict) or record.get("format") != FORMAT:
                raise RestoreRefused("this is not a tropebase dump (its first line has no \"format\": "
                                     f"\"{FORMAT}\")")  # fmt: skip
            if record.get("version") not in READS:
                raise RestoreRefused(
                    f"dump version {record.get('version')} is not one this tropebase reads (up to {VERSION})"
                )
            continue
        if not isinstance(record, dict) or record.get("type") not in RECORD_TYPES:
            raise RestoreRefused(f"line {number} is not an account, a title, a page or a watchlist")
        yield record


def restore(
    records: Iterable[dict], *, merge: bool = False, tally: RestoreTally | None = None
) -> Iterator[str]:
    """Restore the records; yields each page's target when done. Refuses a site that has pages unless
    `merge`: then pages the site already has are left as they are (listed in the tally)."""
    tally = tally if tally is not None else RestoreTally()
    if not merge and not site_is_empty():
        raise RestoreRefused("the site already has pages; restore into an empty site, or pass --merge to "
                             "add only the pages it does not have")  # fmt: skip
    users: dict[str, object] = {}
    restored: set[str] = set()  # accounts made by this restore: an account already here is left as it is
    titles: list[dict] = []
    single: list[dict] = []  # pages of one revision, waiting for their batch
    for record in records:
        if record["type"] == "title":
            titles.append(record)
            if len(titles) == TITLES_AT_ONCE:
                tally.titles += restore_titles(titles)
                titles = []
            continue
        if titles:
            tally.titles += restore_titles(titles)
            titles = []
        if record["type"] == "account":
            made = tally.accounts
            users[record["name"]] = restore_account(record, users, tally)
            if tally.accounts > made:
                restored.add(record["name"])
            continue
        if record["type"] == "watchlist":
            yield from restore_batch(single, users, tally)
            single = []
            if record["account"] in restored:
                restore_watchlist(record, users[record["account"]])
            continue
        if len(record["revisions"]) == 1:  # most pages: restored in batches (`wiki.bulk`)
            single.append(record)
            if len(single) == BATCH:
                yield from restore_batch(single, users, tally)
                single = []
            continue
        yield from restore_batch(single, users, tally)  # before this page: ids keep the dump's order
        single = []
        if Page.objects.filter(key=record["target"].lower()).exists():
            tally.skipped.append(record["target"])
        else:
            restore_page(record, users, tally)
        yield record["target"]
    yield from restore_batch(single, users, tally)
    if titles:
        tally.titles += restore_titles(titles)


def restore_account(record: dict, users: dict, tally: RestoreTally):
    """The account `record` names: an existing one is kept as it is; a new one gets the dumped password
    hash and flags, or no usable password when the dump holds names only."""
    model = get_user_model()
    user = model.objects.filter(username=record["name"]).first()
    if user is not None:
        return user
    user = model(username=record["name"], email=record.get("email", ""),
                 is_active=record.get("active", True), is_staff=record.get("staff", False),
                 is_superuser=record.get("superuser", False))  # fmt: skip
    if record.get("password"):
        user.password = record["password"]
    else:
        user.set_unusable_password()
    user.save()
    if record.get("joined"):
        model.objects.filter(id=user.id).update(date_joined=parse_datetime(record["joined"]))
    if record.get("moderator"):
        user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    if record.get("show_adult"):
        Profile.objects.create(user=user, show_adult=True)
    if record.get("avoid") or record.get("avoid_hide"):
        avoid.save_list(user, record.get("avoid", []), bool(record.get("avoid_hide")))
    tally.accounts += 1
    return user


def _author(name: str | None, users: dict):
    if name is None:
        return None
    if name not in users:  # a dump written by hand may name authors it does not list
        users[name] = restore_account({"name": name}, users, RestoreTally())
    return users[name]


def restore_page(record: dict, users: dict, tally: RestoreTally) -> None:
    """Save every revision of the page again, in order, then give back times, hidden flags and
    protection. One transaction: a page is restored whole or not at all."""
    with transaction.atomic():
        page = None
        for revision in record["revisions"]:
            result = save_page(record["target"], revision["text"], author=_author(revision.get("author"), users),
                               summary=revision.get("summary", ""), title=record["title"],
                               rating=record["rating"], moderator=True, force=True)  # fmt: skip
            page = result.page
            restamp(result.revision, parse_datetime(revision["created"]), bool(revision.get("hidden")))
            tally.revisions += 1
        if page is not None and record.get("protected"):
            set_protected(page, True)
    tally.pages += 1


def restore_batch(records: list[dict], users: dict, tally: RestoreTally) -> Iterator[str]:
    """Pages of one revision each, saved in batches through the write layer's batched path, then given
    back their times, hidden flags and protection; yields each page's target."""
    if not records:
        return
    have = {key for (key,) in rows_in(Page, ["key"], "key", [r["target"].lower() for r in records])}
    todo = []
    for record in records:
        if record["target"].lower() in have:
            tally.skipped.append(record["target"])
        else:
            todo.append(record)
    pages = [
        Incoming(r["target"], r["revisions"][0]["text"], r["title"], r["rating"], r["revisions"][0].get("summary", ""),
                 author=_author(r["revisions"][0].get("author"), users))
        for r in todo
    ]  # fmt: skip
    for outcome in save_pages(pages, batch_size=max(1, len(pages))):
        if outcome.status == "failed":
            raise RestoreRefused(f"{outcome.target}: {outcome.error}")
    saved = dict(rows_in(Page, ["key", "current_id"], "key", [r["target"].lower() for r in todo]))
    restamp_many([(saved[r["target"].lower()], parse_datetime(r["revisions"][0]["created"]),
                   bool(r["revisions"][0].get("hidden"))) for r in todo])  # fmt: skip
    for record in todo:
        if record.get("protected"):
            set_protected(Page.objects.get(key=record["target"].lower()), True)
    tally.pages += len(todo)
    tally.revisions += len(todo)
    for record in records:
        yield record["target"]


#: pages restored in one batch
BATCH = 500

#: known titles written in one go
TITLES_AT_ONCE = 500


def restore_titles(records: list[dict]) -> int:
    """Known titles (`KnownTitle`) exactly as the dump holds them; a key the site has a title for
    already keeps it. Pages here that link to a title added are rendered again (none in an empty site:
    titles come before pages). Returns how many were added."""
    wanted = {record["key"]: record for record in records}
    with transaction.atomic():
        have: set[str] = set()
        for chunk in chunked(wanted):
            have |= set(KnownTitle.objects.filter(key__in=chunk).values_list("key", flat=True))
        new = [KnownTitle(key=key, title=r["title"], source=r.get("source", "")) for key, r in wanted.items()
               if key not in have]  # fmt: skip
        KnownTitle.objects.bulk_create(new, batch_size=TITLES_AT_ONCE)
        linking: set[int] = set()
        for chunk in chunked([t.key for t in new]):
            linking |= set(Page.objects.filter(links__target_key__in=chunk).values_list("id", flat=True))
        rerender(linking)
    return len(new)


def restore_watchlist(record: dict, user) -> None:
    """An account's watchlist: the pages it names that the site has."""
    keys = [target.lower() for target in record["pages"]]
    for chunk in chunked(keys):
        for page in Page.objects.filter(key__in=chunk).exclude(current=None):
            watch.watch(user, page)
