"""Pages, revisions and the facts of each page's current revision.

A page is identified by `key` — `namespace/name` in lower case — because TV Tropes names compare
without case. Revisions are never changed once written, except to hide one from readers. Facts rows
(examples, relations, aliases, links, footnotes, quotes) belong to the page whose text states them and
are replaced as a whole by `save_page()`; nothing else writes them.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models


def page_key(target: str) -> str:
    """The lookup key of `Namespace/Name`."""
    return target.lower()


def text_digest(text: str) -> str:
    """What `Revision.digest` holds for a text: an import compares it, not the text."""
    return hashlib.sha256(text.encode()).hexdigest()


class Page(models.Model):
    GENERAL, ADULT = "general", "adult"
    RATINGS = [(GENERAL, "General audience"), (ADULT, "Adult")]

    key = models.CharField(max_length=300, unique=True)
    namespace = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, default="other")
    content_rating = models.CharField(max_length=10, choices=RATINGS, default=GENERAL)
    redirect_to = models.CharField(max_length=300, blank=True, default="")
    protected = models.BooleanField(default=False, help_text="Only moderators may edit")
    current = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)
    initial = models.CharField(
        max_length=1, default="#", help_text="A–Z: the letter the title is listed under; # for the rest"
    )
    counted = models.CharField(
        max_length=140,
        blank=True,
        default="",
        help_text="The PageCount this page is counted in (wiki.counts)",
    )

    class Meta:
        indexes = [
            models.Index(fields=["namespace", "initial", "title"]),
            models.Index(fields=["namespace", "kind", "initial", "title"]),
            models.Index(fields=["kind", "title"]),
            # the few adult pages, for the counts that leave them out (`wiki.counts`)
            models.Index(
                fields=["content_rating"], condition=models.Q(content_rating="adult"), name="adult_pages"
            ),
        ]

    def __str__(self) -> str:
        return self.target

    @property
    def target(self) -> str:
        return f"{self.namespace}/{self.name}"

    @property
    def url(self) -> str:
        return f"/{self.namespace}/{self.name}"

    @property
    def is_adult(self) -> bool:
        return self.content_rating == self.ADULT


class Revision(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    summary = models.CharField(max_length=500, blank=True, default="")
    size = models.PositiveIntegerField(default=0)
    hidden = models.BooleanField(default=False, help_text="Hidden from readers by a moderator")
    html = models.TextField(
        blank=True, default="", help_text="Rendered HTML, kept current by the write layer"
    )
    facts = models.JSONField(
        null=True, blank=True, help_text="The compiled facts of this text (`tropebase check --format json`)"
    )
    digest = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text="SHA-256 of the text: an import skips unchanged pages",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="revision_number_per_page")]
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.page} r{self.number}"


class Alias(models.Model):
    """Another name that finds a page: from its description, or a redirect page that points at it.

    `key` is the name as a page key, with the namespace it is given in (`main/ntr` for a trope's alias,
    `film/foo` for the redirect page Film/Foo), so links and examples naming it are found under the same
    key as a page's; `word` is the bare lower-case WikiWord, for a bare name typed in any namespace.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, db_index=True)
    word = models.CharField(max_length=300, db_index=True, default="")
    source = models.CharField(max_length=20, default="description")  # description, redirect


class Relation(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20)
    target_key = models.CharField(max_length=300, db_index=True)
    target = models.CharField(max_length=300)


class Link(models.Model):
    """A link from a page's text to a target, whether that page exists or not (wicks, red links)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="links")
    target_key = models.CharField(max_length=300, db_index=True)


class Example(models.Model):
    """One example: a work playing a trope, stated on `page` (a trope page or a work page).

    `trope` and `work_target` are the pages as the text names them; `trope_key` and `work_key` are the
    keys of the pages those names lead to (through aliases, redirects and plurals), or of the names
    themselves while no page exists. A work named only by its title gets a target made from the title.
    The id is stable: a save keeps each example's id while its text is unchanged.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="examples")
    position = models.PositiveIntegerField()
    trope_key = models.CharField(max_length=300, blank=True, default="")
    trope = models.CharField(max_length=300, blank=True, default="")
    trope_named = models.CharField(max_length=300, blank=True, default="", db_index=True)
    work_key = models.CharField(max_length=300, blank=True, default="")
    work_target = models.CharField(max_length=300, blank=True, default="")
    work_named = models.CharField(max_length=300, blank=True, default="", db_index=True)
    work_title = models.CharField(max_length=300, blank=True, default="")
    medium = models.CharField(max_length=40, blank=True, default="")
    section = models.CharField(max_length=300, blank=True, default="")
    depth = models.PositiveSmallIntegerField(default=1)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    play = models.CharField(max_length=20, default="straight")
    uncertain = models.BooleanField(default=False)
    text = models.TextField()
    spoilers = models.JSONField(default=list)
    line = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["page_id", "position"]
        # a trope's or a work's cross-listing, one medium at a time, in the order it is shown: read
        # through the index up to the rows shown, never sorted whole (they also serve key lookups)
        indexes = [
            models.Index(fields=["trope_key", "medium", "trope", "work_title", "page", "position"]),
            models.Index(fields=["work_key", "medium", "trope", "work_title", "page", "position"]),
        ]


class Appearance(models.Model):
    """One work playing one trope, whichever pages state it (the trope's page, the work's, or both).

    Kept by the write layer from the example rows with this (work_key, trope_key): `play` sums up how
    the statements say it is played, `spoiler` whether every statement holds a spoiler, `adult_only`
    whether every statement is on an adult page. The statements are the examples with the same keys.
    """

    work_key = models.CharField(max_length=300)
    trope_key = models.CharField(max_length=300)
    work_title = models.CharField(max_length=300, blank=True, default="")
    trope = models.CharField(max_length=300, blank=True, default="")
    play = models.CharField(max_length=20, default="straight")
    plays = models.JSONField(default=list)  # every play type stated, most stated first
    medium = models.CharField(max_length=40, blank=True, default="")
    spoiler = models.BooleanField(default=False)
    adult_only = models.BooleanField(default=False)
    statements = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work_key", "trope_key"], name="appearance_per_pair")]
        indexes = [models.Index(fields=["trope_key", "work_key"])]


class Tally(models.Model):
    """What other pages say about a page, counted by the write layer (`wiki.counts`) so that a read
    never counts rows: the pages linking to it (its "wicks") and, for a trope or work page, the examples
    other pages state about it that its cross-listing lists, by medium. Each number twice: for readers
    who see adult pages, and for those who see general pages only."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="tally")
    wicks = models.PositiveIntegerField(default=0)
    wicks_general = models.PositiveIntegerField(default=0)
    listed = models.JSONField(default=dict)  # medium → [examples, examples on general pages]


class PageCount(models.Model):
    """How many listed pages (not redirects, with a text) one namespace holds of one kind under one
    initial letter, adult ones apart: the home page's totals, the Media page and a namespace index's
    count, added up from a few rows. Kept by `wiki.counts`, which moves a page between these rows when
    what it is counted as changes (`Page.counted`)."""

    namespace = models.CharField(max_length=100)
    kind = models.CharField(max_length=20)
    initial = models.CharField(max_length=1)
    adult = models.BooleanField(default=False)
    pages = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["namespace", "kind", "initial", "adult"], name="one_count_per_bucket"
            )
        ]


class Footnote(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="footnotes")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=200, blank=True, default="")
    text = models.TextField()
    line = models.PositiveIntegerField(default=0)
    example = models.ForeignKey(Example, null=True, blank=True, on_delete=models.SET_NULL)


class Quote(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    source = models.CharField(max_length=500, blank=True, default="")
    section = models.CharField(max_length=300, blank=True, default="")
    line = models.PositiveIntegerField(default=0)


class Profile(models.Model):
    """What a signed-in reader chose: adult material shown or not; works playing avoided tropes hidden
    (or only marked)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    show_adult = models.BooleanField(default=False)
    avoid_hide = models.BooleanField(default=False)


class AvoidedTrope(models.Model):
    """A trope a signed-in reader avoids (see `wiki.avoid`): the name as they gave it, and the key it
    resolved to then (the name is resolved again on use, so a later alias or page still finds it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="avoided")
    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="avoided_once_per_reader")]


class SearchEntry(models.Model):
    """What search reads of one page: its title, other names and visible text (spoilers left out), kept
    by the write layer (`wiki.search.index`). The full-text indexes over it are the database's own —
    FTS5 tables on SQLite, tsvector and pg_trgm indexes on PostgreSQL — made by migration 0004."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="search_entry")
    title = models.CharField(max_length=300)
    word = models.CharField(
        max_length=300, db_index=True, default="", help_text="The title as a lower-case WikiWord"
    )
    names = models.TextField(blank=True, default="", help_text="The page's name and its aliases")
    body = models.TextField(blank=True, default="", help_text="Description, quotes and examples as text")
    grams = models.TextField(
        blank=True,
        default="",
        help_text="Japanese/Chinese/Korean characters and pairs, for 1–2 character queries",
    )


class ApiToken(models.Model):
    """A personal token for the JSON API, made and revoked by its owner on the account page.

    Only the SHA-256 digest of the token is kept: a token is 256 random bits, so a fast hash is as safe
    as a slow one, and a lookup by digest is one indexed query per API request. `prefix` (the token's
    first characters) lets the owner tell their tokens apart without the token being stored.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.name} ({self.prefix}…)"


class KnownTitle(models.Model):
    """The title a source showed for a link target that may have no page yet ("Chekhov's Gun" for
    Main/ChekhovsGun, learned from a saved TV Tropes page): link text for a page that does not exist
    shows it rather than the split name. A page that exists shows its own title. Written only by
    `store.remember_titles`, and by `restore.restore_titles` as a dump holds them."""

    key = models.CharField(max_length=300, unique=True)  # the target's key, as `resolve.key_of` gives it
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=300, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"


class Watch(models.Model):
    """A page a user watches: its changes are listed on their watchlist (`/_/watchlist`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="watchers")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="watch_once_per_page")]


class PendingRender(models.Model):
    """A page whose stored HTML shows a link that changed colour or title since it was rendered: a bulk
    import records it in its batch's transaction and renders it again once the import is done (and
    every start finishes what an interrupted import left), so a page linked from many batches is
    rendered once, not once per batch — and never during a reader's request."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
