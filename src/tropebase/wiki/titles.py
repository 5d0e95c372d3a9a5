"""Which link targets exist, and with what title: what the renderer needs for titles and red links."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..markup.names import split_target, title_from_name
from .resolve import key_of, known_titles, resolve_many


class Titles(Mapping[str, str]):
    """Title by target, compared without case; targets missing from it are red links.

    `known` holds titles a source showed for targets that have no page (`KnownTitle`): they are not
    in the mapping (their links stay red) but `get` gives them, so a red link reads "Chekhov's Gun"."""

    def __init__(self, by_key: dict[str, str], known: dict[str, str] | None = None) -> None:
        self.by_key = by_key
        self.known = known or {}

    def get(self, target: str, default: str | None = None) -> str | None:  # type: ignore[override]
        key = key_of(target)
        return self.by_key.get(key) or self.known.get(key) or default

    def __getitem__(self, target: str) -> str:
        return self.by_key[key_of(target)]

    def __contains__(self, target: object) -> bool:
        return isinstance(target, str) and key_of(target) in self.by_key

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_key)

    def __len__(self) -> int:
        return len(self.by_key)


def titles_for(targets: Iterable[str], memo: dict | None = None) -> Titles:
    """Titles of the pages `targets` lead to (through aliases, redirects and plurals too).

    An adult page's title is not shown in other pages' link text, which every reader sees: its link
    gets the title its name spells instead."""
    targets = list(targets)
    found = resolve_many(targets, memo=memo)
    return Titles(
        {
            key: title_from_name(split_target(page.target)[1]) if page.is_adult else page.title
            for key, page in found.items()
        },
        known_titles({key_of(t) for t in targets} - found.keys()),
    )
