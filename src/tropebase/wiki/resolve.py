"""The one name resolver: any spelling of a page name leads to one page.

A name may be typed in a URL (`/Main/Chekhovs%20Gun`, `/main/chekhovsgun`), written in a link
(`ChekhovsGuns`, a plural), or be another name of a page (an alias from its description, or a redirect
page). Views, the store, link titles and importers all ask this module, so a page view and a save agree
on what a name means.

Order of the rules, first match wins:
1. the canonical key of the spelling (`Namespace/WikiWord`, compared without case) is a page;
2. it is another name of a page (alias or redirect, keyed with its namespace);
3. the singular of a plural name (`FetchQuests` → FetchQuest, `Heroes` → Hero, `Bullies` → Bully) is
   a page or another name of one;
4. for a name in Main (the namespace a bare name gets), an alias or redirect of that word in any
   namespace.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..markup.names import (
    NAMESPACES,
    SUBPAGE_NAMESPACES,
    canonical_namespace,
    normalise_target,
    split_target,
    to_wikiword,
)
from .models import Alias, KnownTitle, Page, PageCount
from .tablewrite import in_clause, objects_in, rows_in


@lru_cache(maxsize=1 << 17)
def canonical(target: str) -> str:
    """The canonical `Namespace/Name` a spelling means (`main/Chekhovs Gun` → `Main/ChekhovsGun`)."""
    return normalise_target(target)[0]


@lru_cache(maxsize=1 << 17)
def key_of(target: str) -> str:
    """The lookup key of any spelling of a target."""
    return canonical(target).lower()


def singular_keys(key: str) -> list[str]:
    """Keys of the singular forms a plural key may stand for, most likely first."""
    out = []
    if key.endswith("ies") and len(key) > 4:
        out.append(key[:-3] + "y")
    if key.endswith("es") and len(key) > 3:
        out.append(key[:-2])
    if key.endswith("s") and not key.endswith("ss") and len(key) > 2:
        out.append(key[:-1])
    return out


def plural_keys(key: str) -> list[str]:
    """Keys of the plural spellings that lead to the page with this key."""
    out = [key + "s", key + "es"]
    if key.endswith("y"):
        out.append(key[:-1] + "ies")
    return out


def names_of(page: Page) -> list[str]:
    """Every key that leads to `page`: its own, its aliases' and redirects', and their plurals.
    Examples and links stored under any of these are about this page."""
    keys = [page.key, *page.aliases.values_list("key", flat=True)]
    return list(dict.fromkeys(k for key in keys for k in (key, *plural_keys(key))))


#: values per IN (…) list: SQLite allows 250,000 bound variables a statement, and a page may link more
CHUNK = 5000


def chunked(values: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    """`values` in lists of at most `size`: one big page must not exceed a statement's variables."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _word(key: str) -> str:
    return split_target(key)[1]


def resolve(target: str) -> Page | None:
    """The page a name leads to (a redirect page is itself a page), or None."""
    return resolve_many([target]).get(key_of(target))


def resolve_many(
    targets: Iterable[str], *, follow_redirects: bool = False, memo: dict[str, Page | None] | None = None
) -> dict[str, Page]:
    """The page each target leads to, by the target's key; targets leading nowhere are left out.
    With `follow_redirects`, a redirect page gives way to the page it redirects to (what an example
    naming it is about). A constant number of queries however many targets (link titles of a big page);
    `memo` shares lookups between the calls of one save, while no page is created or renamed."""
    found = _resolve_many({key_of(t) for t in targets}, memo)
    if follow_redirects:
        hops = {p.redirect_to for p in found.values() if p.redirect_to}
        if hops:
            landed = _resolve_many({key_of(t) for t in hops}, memo)
            for key, page in found.items():
                if page.redirect_to and key_of(page.redirect_to) in landed:
                    found[key] = landed[key_of(page.redirect_to)]
    return found


def _resolve_many(wanted: set[str], memo: dict[str, Page | None] | None) -> dict[str, Page]:
    memo = {} if memo is None else memo
    asked = wanted - memo.keys()
    if asked:
        found: dict[str, Page] = {}
        _by_key(asked, found)
        bare = {key for key in asked - found.keys() if key.startswith("main/")}
        if bare:
            words = {_word(key): key for key in bare}
            for word, page in _alias_pages("word", words).items():
                found.setdefault(words[word], page)
        memo.update({key: found.get(key) for key in asked})
    return {key: memo[key] for key in wanted if memo[key] is not None}


def _by_key(wanted: set[str], found: dict[str, Page]) -> None:
    """Look each wanted key up as a page key, then as another name's key; then its singulars the same
    way. Two queries (per chunk) for all the keys and their singulars together."""
    candidates = {key: [key, *singular_keys(key)] for key in wanted}
    every = {s for options in candidates.values() for s in options}
    pages = {p.key: p for p in objects_in(Page, "key", every)}
    aliases = _alias_pages("key", every - pages.keys())
    for key, options in candidates.items():
        for option in options:
            page = pages.get(option) or aliases.get(option)
            if page is not None:
                found[key] = page
                break


def _alias_pages(column: str, values: Iterable[str]) -> dict[str, Page]:
    """The page each of these alias keys (or words) names; the oldest alias wins a name two share."""
    rows = sorted(rows_in(Alias, ["id", column, "page_id"], column, values))
    first: dict[str, int] = {}
    for _, value, page_id in rows:
        first.setdefault(value, page_id)
    pages = {p.id: p for p in objects_in(Page, "id", set(first.values()))}
    return {value: pages[page_id] for value, page_id in first.items()}


def known_titles(keys: Iterable[str]) -> dict[str, str]:
    """Titles a source showed for these keys (`KnownTitle`), for keys that lead to no page: one query
    a chunk. `keys` are lookup keys (`key_of`)."""
    return dict(rows_in(KnownTitle, ["key", "title"], "key", keys))


def alias_key(namespace: str, name: str) -> tuple[str, str]:
    """(key, word) of another name given in `namespace`: `Main`, `Netorare` → (`main/netorare`, `netorare`)."""
    word = to_wikiword(name).lower()
    return f"{namespace.lower()}/{word}", word


def url_target(namespace: str, name: str) -> str:
    """The canonical target a URL's two path segments spell (`main`, `Chekhovs Gun` → Main/ChekhovsGun).
    A name with no letters or digits is kept as typed, so it finds no page."""
    ns = canonical_namespace(namespace) or to_wikiword(namespace) or namespace
    return f"{ns}/{to_wikiword(name) or name}"


def namesake_keys(page: Page) -> list[str]:
    """Keys of the pages about the same subject as `page`: its subpages (`YMMV/Work`, `Trivia/Work`, …)
    and, for a subpage, the pages of that name in every namespace — looked up by key, never by
    comparing every page's name."""
    name = page.name.lower()
    if page.namespace in SUBPAGE_NAMESPACES:
        spaces = set(NAMESPACES) | set(PageCount.objects.values_list("namespace", flat=True).distinct())
    else:
        spaces = set(SUBPAGE_NAMESPACES)
    return sorted({f"{ns.lower()}/{name}" for ns in spaces} - {page.key})


def redirect_pages(keys: Iterable[str]) -> list[Page]:
    """The redirect pages pointing at any of these keys (`redirects_to` for a batch of new pages)."""
    keys = sorted(set(keys))
    found: dict[int, Page] = {}
    for chunk in chunked(keys):
        where, params = in_clause("target_key", chunk)
        for page in Page.objects.raw(
            "SELECT p.* FROM wiki_page p JOIN wiki_link ON wiki_link.page_id = p.id "
            f"WHERE wiki_link.{where} AND p.redirect_to <> ''",
            params,
        ):
            if key_of(page.redirect_to) in keys:
                found.setdefault(page.id, page)
    return sorted(found.values(), key=lambda p: p.id)


def redirects_to(key: str) -> list[str]:
    """Keys of the redirect pages pointing at `key`: found through their links (a redirect links its
    target), not by comparing every page's redirect."""
    pointing = Page.objects.filter(links__target_key=key).exclude(redirect_to="")
    return [k for k, to in pointing.values_list("key", "redirect_to") if key_of(to) == key]
