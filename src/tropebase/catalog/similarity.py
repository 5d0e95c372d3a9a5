"""Works like this, and tropes that go with this: scores from who-plays-what, free of any database.

* Work similarity: the tropes two works share, each weighted by its rarity (inverse document
  frequency, squared as in a cosine of tf-idf vectors; the commonest tropes left out), divided by the
  square roots of both works' trope counts, so a work with a thousand tropes does not resemble
  everything.
* Trope suggestions for a work: the tropes of its most similar works, weighted by similarity squared,
  with popularity as a small prior.
* Tropes that go together: lift, P(A and B) / (P(A) P(B)), among tropes sharing enough works.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping


def idf(df: int, n: int) -> float:
    return math.log((n + 1) / (df + 1)) + 1e-9


def raw_scores(
    own: Iterable[str],
    postings: Mapping[str, Iterable[str]],
    df: Mapping[str, int],
    n: int,
    *,
    common: float = 1.0,
    skip: Iterable[str] = (),
) -> tuple[dict[str, float], dict[str, int]]:
    """Each work sharing a trope with `own` → (summed squared rarity of the shared tropes, how many
    shared). `postings` maps a trope to the works playing it; tropes played by more than `common` of
    the `n` works are left out (they say little and have the longest postings)."""
    scores: dict[str, float] = defaultdict(float)
    shared: dict[str, int] = defaultdict(int)
    for trope in own:
        count = df.get(trope, 0)
        if count > max(3, common * n):
            continue
        weight = idf(count, n) ** 2
        for work in postings.get(trope, ()):
            scores[work] += weight
            shared[work] += 1
    for work in skip:
        scores.pop(work, None)
    return scores, shared


def shortlist(scores: Mapping[str, float], size: int) -> list[str]:
    """The works with the best raw scores: only these are normalised (bounded work per page)."""
    return sorted(scores, key=lambda w: (-scores[w], w))[:size]


def rank_neighbours(
    scores: Mapping[str, float], sizes: Mapping[str, int], own_size: int, k: int = 10
) -> list[tuple[str, float]]:
    """The `k` best works by raw score divided by the square roots of both works' trope counts (a
    cosine over trope counts: a work with a thousand tropes does not resemble everything)."""
    ranked = ((w, s / math.sqrt(max(1, own_size) * max(1, sizes.get(w, 1)))) for w, s in scores.items())
    return sorted(ranked, key=lambda ws: (-ws[1], ws[0]))[:k]


def suggest_tropes(
    neighbours: list[tuple[str, float]],
    tropes_of: Mapping[str, Iterable[str]],
    own: set[str],
    k: int = 10,
    *,
    power: float = 2.0,
    popular: Mapping[str, float] | None = None,
    prior: float = 0.0,
) -> list[str]:
    """Tropes the neighbours play that the work does not: the share of the neighbours' weight (each
    neighbour's similarity to `power`: the closest count for much more than the thirtieth) that plays
    each, plus `prior` times its share of all works (`popular`: trope → share) — popularity breaks the
    ties of the neighbours' few votes."""
    votes: Counter[str] = Counter()
    for work, score in neighbours:
        for trope in tropes_of.get(work, ()):
            if trope not in own:
                votes[trope] += score**power
    total = sum(score**power for _, score in neighbours) or 1.0
    ranked = {t: v / total for t, v in votes.items()}
    for trope, share in (popular or {}).items():
        if trope not in own:
            ranked[trope] = ranked.get(trope, 0.0) + prior * share
    return [t for t, _ in sorted(ranked.items(), key=lambda tv: (-tv[1], tv[0]))[:k]]


def lift(co: Mapping[str, int], df: Mapping[str, int], df_a: int, n: int, *, min_co: int = 3, k: int = 10):
    """Tropes that go with one played by `df_a` works: (trope, lift, shared works), best first. `co`
    maps each other trope to the works playing both."""
    out = [(t, n * c / (df_a * df[t]), c) for t, c in co.items() if c >= min_co and df.get(t)]
    return sorted(out, key=lambda x: (-x[1], -x[2], x[0]))[:k]
