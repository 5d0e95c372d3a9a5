"""Works like this, and tropes that go with this: scores from who-plays-what, free of any database.

* Work similarity: the tropes two works share, each weighted by its rarity (inverse document
  frequency, squared as in a cosine of tf-idf vectors), divided by the square roots of both works'
  weights, so a work with a thousand tropes does not resemble everything.
* Trope suggestions for a work: the tropes of its most similar works, weighted by similarity.
* Tropes that go together: lift, P(A and B) / (P(A) P(B)), among tropes sharing enough works.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping


def idf(df: int, n: int) -> float:
    return math.log((n + 1) / (df + 1)) + 1e-9


def norm(tropes: Iterable[str], df: Mapping[str, int], n: int) -> float:
    return math.sqrt(sum(idf(df.get(t, 0), n) ** 2 for t in tropes)) or 1.0


def similar_works(
    own: set[str],
    postings: Mapping[str, Iterable[str]],
    df: Mapping[str, int],
    n: int,
    norms: Mapping[str, float],
    *,
    skip: Iterable[str] = (),
    k: int = 10,
) -> list[tuple[str, float]]:
    """The `k` works most like one with tropes `own`: `postings` maps a trope to the works playing it,
    `norms` a work to its `norm`."""
    scores: dict[str, float] = defaultdict(float)
    for trope in own:
        weight = idf(df.get(trope, 0), n) ** 2
        for work in postings.get(trope, ()):
            scores[work] += weight
    for work in skip:
        scores.pop(work, None)
    own_norm = norm(own, df, n)
    ranked = ((w, s / (own_norm * norms.get(w, 1.0))) for w, s in scores.items())
    return sorted(ranked, key=lambda ws: (-ws[1], ws[0]))[:k]


def suggest_tropes(
    neighbours: list[tuple[str, float]], tropes_of: Mapping[str, Iterable[str]], own: set[str], k: int = 10
) -> list[str]:
    """Tropes the neighbours play that the work does not, by summed similarity."""
    votes: Counter[str] = Counter()
    for work, score in neighbours:
        for trope in tropes_of.get(work, ()):
            if trope not in own:
                votes[trope] += score
    return [t for t, _ in sorted(votes.items(), key=lambda tv: (-tv[1], tv[0]))[:k]]


def lift(co: Mapping[str, int], df: Mapping[str, int], df_a: int, n: int, *, min_co: int = 3, k: int = 10):
    """Tropes that go with one played by `df_a` works: (trope, lift, shared works), best first. `co`
    maps each other trope to the works playing both."""
    out = [(t, n * c / (df_a * df[t]), c) for t, c in co.items() if c >= min_co and df.get(t)]
    return sorted(out, key=lambda x: (-x[1], -x[2], x[0]))[:k]
