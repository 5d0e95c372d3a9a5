"""Shaping facts for the page views: cross-listed examples with their spoilers still hidden."""

from __future__ import annotations

from html import escape

from markupsafe import Markup


def without_lead(text: str, lead: str) -> str:
    """The example's text after a leading "Lead:" (the work on a trope page, the trope on a work page),
    which the listing already shows."""
    if lead and text.startswith(lead):
        rest = text[len(lead) :].lstrip()
        if rest.startswith(":"):
            return rest[1:].lstrip()
    return text


def example_html(text: str, spoilers: list[str]) -> Markup:
    """An example's plain text as HTML, its spoiler passages wrapped so they stay hidden until asked."""
    return _spoilers_as(
        text, spoilers, lambda spoiler: f'<span class="spoiler" tabindex="0">{escape(spoiler)}</span>'
    )


def masked_html(text: str, spoilers: list[str]) -> Markup:
    """An example's plain text as HTML with its spoiler passages left out (not merely hidden by CSS):
    for lists where the reader has not asked for spoilers."""
    return _spoilers_as(text, spoilers, lambda _: '<span class="spoiler-masked">[spoiler]</span>')


def _spoilers_as(text: str, spoilers: list[str], shown) -> Markup:
    """The text escaped, each of its spoiler passages (in order) replaced by `shown(passage)`."""
    out: list[str] = []
    pos = 0
    for spoiler in spoilers:
        i = text.find(spoiler, pos) if spoiler else -1
        if i < 0:
            continue
        out.append(escape(text[pos:i]))
        out.append(shown(spoiler))
        pos = i + len(spoiler)
    out.append(escape(text[pos:]))
    return Markup("".join(out))
