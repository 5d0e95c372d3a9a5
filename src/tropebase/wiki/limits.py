"""What a page may be called and hold, so that SQLite and PostgreSQL store the same pages.

PostgreSQL refuses a value longer than its column and text with a NUL byte; SQLite stores both
without a word. The rules are checked here, before anything is written, so both databases refuse the
same pages with the same message (`check_page`), and what a page's text states is cut to fit the
facts tables (`fit_facts`) rather than failing the save.
"""

from __future__ import annotations

from django.conf import settings

from ..catalog.facts import PageFacts
from ..markup.names import split_target, title_from_name
from .models import Alias, Example, Footnote, Link, Page, Quote, Relation


def _width(model, field: str) -> int:
    return model._meta.get_field(field).max_length


KEY, NAMESPACE, NAME, TITLE = (_width(Page, f) for f in ("key", "namespace", "name", "title"))
REDIRECT = _width(Page, "redirect_to")


class PageRefused(ValueError):
    """The page cannot be saved as given; the message says why, for the person who gave it."""


class NameTooLong(PageRefused):
    """A page's namespace, name, key or title is longer than its column."""

    def __init__(self, field: str, value: str, limit: int) -> None:
        super().__init__(f"The page {field} is {len(value)} characters long; at most {limit} are allowed.")
        self.field, self.limit = field, limit


class PageTooLarge(PageRefused):
    """The text is over the page size limit (settings.PAGE_MAX_BYTES)."""

    def __init__(self, size: int) -> None:
        limit = settings.PAGE_MAX_BYTES
        super().__init__(
            f"The page text is {size:,} bytes; a page may hold at most {limit:,} bytes "
            f"({limit / 1_000_000:g} MB). Split it into subpages."
        )


def check_size(text: str) -> None:
    """Refuse text over the page size limit: the bound that keeps every save's time bounded."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > settings.PAGE_MAX_BYTES:
        raise PageTooLarge(size)


def check_target(target: str, title: str | None = None) -> None:
    """Refuse a normalised `Namespace/Name` (and its title: given, or made from the name) that does not
    fit the page's columns."""
    namespace, name = split_target(target)
    if not namespace or not name:
        raise PageRefused(
            f"{target!r} is not a page name: a page needs a namespace and a name (Main/ChekhovsGun)."
        )
    shown = title or title_from_name(name)
    for field, value, limit in (("namespace", namespace, NAMESPACE), ("name", name, NAME),
                                ("address", target, KEY), ("title", shown, TITLE)):  # fmt: skip
        if len(value) > limit:
            raise NameTooLong(field, value, limit)


def check_text(text: str, what: str = "text") -> None:
    """Refuse text PostgreSQL cannot store: a NUL byte, or a lone surrogate (not Unicode text)."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise PageRefused(f"The page {what} holds a NUL byte (line {line}); text cannot contain one.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise PageRefused(f"The page {what} is not Unicode text (at character {exc.start}).") from None


def check_page(target: str, text: str, title: str | None = None) -> None:
    """Everything save_page must refuse before it writes: see check_target and check_text."""
    check_target(target, title)
    check_text(text)
    if title:
        check_text(title, "title")


def fit_facts(facts: PageFacts) -> None:
    """Make what a page states fit the facts tables, in place. A target longer than any page key
    cannot name a page, so links, relations and aliases to it are dropped and examples lose the key;
    labels and titles shown as text are shortened. The page's text keeps everything as written."""
    if facts.redirect and len(facts.redirect) > REDIRECT:
        raise NameTooLong("redirect target", facts.redirect, REDIRECT)
    facts.links = [t for t in facts.links if len(t) <= _width(Link, "target_key")]
    facts.relations = [r for r in facts.relations if len(r.target) <= _width(Relation, "target")]
    facts.aliases = [a for a in facts.aliases if len(a) <= _width(Alias, "name")]
    for section in facts.sections:
        section.label = _cut(section.label, _width(Example, "section"))
    for quote in facts.quotes:
        quote.source = _cut(quote.source, _width(Quote, "source"))
    for example in facts.examples:
        if example.trope and len(example.trope) > _width(Example, "trope"):
            example.trope = None
        if example.work_page and len(example.work_page) > _width(Example, "work_key"):
            example.work_page = None
        example.work = _cut(example.work, _width(Example, "work_title"))
    for footnote in facts.footnotes:
        footnote.label = _cut(footnote.label, _width(Footnote, "label"))


def _cut(text: str | None, limit: int) -> str | None:
    return text if text is None or len(text) <= limit else text[: limit - 1] + "…"
