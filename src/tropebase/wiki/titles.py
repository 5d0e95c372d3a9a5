"""Which link targets exist, and with what title: what the renderer needs for titles and red links."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..markup.names import split_target, to_wikiword
from .models import Alias, Page


class Titles(Mapping[str, str]):
    """Title by target, compared without case; targets missing from it are red links."""

    def __init__(self, by_key: dict[str, str]) -> None:
        self.by_key = by_key

    def __getitem__(self, target: str) -> str:
        return self.by_key[target.lower()]

    def __contains__(self, target: object) -> bool:
        return isinstance(target, str) and target.lower() in self.by_key

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_key)

    def __len__(self) -> int:
        return len(self.by_key)


def titles_for(targets: Iterable[str]) -> Titles:
    """Titles of the existing pages among `targets`; an alias counts as its page."""
    keys = {t.lower() for t in targets}
    found = dict(Page.objects.filter(key__in=keys).values_list("key", "title"))
    missing = {key: to_wikiword(split_target(key)[1]).lower() for key in keys - found.keys()}
    if missing:
        by_alias = dict(Alias.objects.filter(key__in=set(missing.values())).values_list("key", "page__title"))
        for key, alias in missing.items():
            if alias in by_alias:
                found[key] = by_alias[alias]
    return Titles(found)


def resolve(target: str) -> Page | None:
    """The page a target names, directly or through an alias."""
    page = Page.objects.filter(key=target.lower()).first()
    if page is not None:
        return page
    alias = (
        Alias.objects.filter(key=to_wikiword(split_target(target)[1]).lower()).select_related("page").first()
    )
    return alias.page if alias else None
