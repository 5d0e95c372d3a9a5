"""Which pages are adult material: a page that links an adult genre or index is rated adult when it
is created. Moderators can change a page's rating afterwards; the rating then sticks."""

from __future__ import annotations

from .facts import PageFacts

#: Pages whose mention marks a page as adult material.
ADULT_MARKERS: frozenset[str] = frozenset(
    t.lower()
    for t in (
        "Main/Hentai",
        "Main/Porn",
        "Main/PornWithPlot",
        "Main/PornWithoutPlot",
        "Main/Eroge",
        "Main/Guro",
        "Main/Lolicon",
        "Main/Shotacon",
        "Main/NetorareGenre",
        "Main/Netorare",
        "Main/RapeAsDrama",
        "Main/AdultContent",
        "Main/SexSells",
    )
)


def suggest_rating(facts: PageFacts) -> str:
    """ "adult" when the page links to adult material markers or is itself one, else "general"."""
    keys = {t.lower() for t in facts.links} | {facts.page.lower()}
    return "adult" if keys & ADULT_MARKERS else "general"
