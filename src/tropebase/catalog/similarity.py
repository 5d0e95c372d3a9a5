"""Works like this, and tropes that go with this: scores from who-plays-what, free of any database.

* Works like this: the tropes two works share, each weighted by its squared rarity (inverse document
  frequency; the commonest tropes left out), divided by the work's trope count to the power 0.45 and
  the other work's to 0.55 (an asymmetric cosine: a work with a thousand tropes does not resemble
  everything, and a small work that is nearly all inside this one counts for much).
* Tropes for a work (what works like this play): its 300 nearest works vote for the tropes it lacks,
  each with its similarity to the power 1.5, and a trope's share of the votes is divided by its number
  of works to the power 0.25 — the nearest works count for more than the three-hundredth, and a rare
  trope that the near works agree on beats one that every work plays.
* Tropes that go together: lift, P(A and B) / (P(A) P(B)), among tropes sharing enough works.

The algorithms read through a `Source` — the wiki's appearances (`wiki.similar`) or plain mappings
(`MemorySource`, for the recommendations bench and tests) — so the bench measures what pages show.
The constants were chosen on the films corpus (docs/benchmarks.md, "Works like this").
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

#: tropes played by more than this share of all works are not used to find neighbours
COMMON = 0.2
#: nearest works that vote for a work's tropes
NEIGHBOURS = 300
#: exponent of a shared trope's idf in a similarity
RARITY = 2.0
#: exponent of the other work's trope count in the similarity's denominator (this work's: 1 - SIZE)
SIZE = 0.55
#: a neighbour's vote: its similarity to this power
VOTE = 1.5
#: a trope's votes are divided by its number of works to this power
POPULAR = 0.25


class Source(Protocol):
    """Who plays what, as the scoring reads it: only plays that mean presence, only what the reader may
    see. Every method answers for the keys it is given; a key nothing plays may be left out."""

    def works(self) -> int:
        """How many works play at least one trope (what rarity is measured against)."""
        ...

    def counts(self, tropes: Iterable[str]) -> Mapping[str, int]:
        """trope → how many works play it (may lag the other answers a little)."""
        ...

    def postings(self, tropes: Iterable[str], skip: str) -> Mapping[str, list[str]]:
        """trope → the works playing it, `skip` left out."""
        ...

    def sizes(self, works: Iterable[str]) -> Mapping[str, int]:
        """work → how many tropes it plays (may lag the other answers a little)."""
        ...

    def tropes_of(self, works: Iterable[str]) -> Mapping[str, list[str]]:
        """work → the tropes it plays."""
        ...


class MemorySource:
    """A `Source` over a mapping work → tropes (the bench's films, a test's catalog)."""

    def __init__(self, tropes_of: Mapping[str, Iterable[str]]):
        self._tropes = {w: sorted(set(ts)) for w, ts in tropes_of.items() if ts}
        self._postings: dict[str, list[str]] = defaultdict(list)
        for work, tropes in self._tropes.items():
            for trope in tropes:
                self._postings[trope].append(work)

    def works(self) -> int:
        return len(self._tropes)

    def counts(self, tropes: Iterable[str]) -> dict[str, int]:
        return {t: len(self._postings[t]) for t in tropes if t in self._postings}

    def postings(self, tropes: Iterable[str], skip: str) -> dict[str, list[str]]:
        return {t: [w for w in self._postings[t] if w != skip] for t in tropes if t in self._postings}

    def sizes(self, works: Iterable[str]) -> dict[str, int]:
        return {w: len(self._tropes[w]) for w in works if w in self._tropes}

    def tropes_of(self, works: Iterable[str]) -> dict[str, list[str]]:
        return {w: self._tropes[w] for w in works if w in self._tropes}


@dataclass(slots=True)
class Neighbours:
    """A work's nearest works, best first: (work, similarity), how many tropes each shares, and the
    work's own tropes."""

    ranked: list[tuple[str, float]]
    shared: dict[str, int]
    own: frozenset[str]


def idf(df: int, n: int) -> float:
    return math.log((n + 1) / (df + 1)) + 1e-9


def raw_scores(
    own: Iterable[str], postings: Mapping[str, Iterable[str]], df: Mapping[str, int], n: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Each work sharing a trope with `own` → (summed rarity of the shared tropes, how many shared).
    `postings` maps a trope to the other works playing it, `df` to how many of the `n` works do."""
    scores: dict[str, float] = defaultdict(float)
    shared: dict[str, int] = defaultdict(int)
    for trope in own:
        weight = idf(df.get(trope, 0), n) ** RARITY
        for work in postings.get(trope, ()):
            scores[work] += weight
            shared[work] += 1
    return scores, shared


def rank_neighbours(
    scores: Mapping[str, float], sizes: Mapping[str, int], own_size: int, k: int = 10
) -> list[tuple[str, float]]:
    """The `k` best works by raw score divided by this work's trope count to 1 - SIZE and the other's to
    SIZE (an asymmetric cosine: a work with a thousand tropes does not resemble everything)."""
    own = max(1, own_size) ** (1 - SIZE)
    ranked = ((w, s / (own * max(1, sizes.get(w, 1)) ** SIZE)) for w, s in scores.items())
    return heapq.nsmallest(k, ranked, key=lambda ws: (-ws[1], ws[0]))


def neighbours(work: str, source: Source, *, k: int = NEIGHBOURS) -> Neighbours:
    """The `k` works most like `work` (the tropes it plays, as `source` has them), best first."""
    own = frozenset(source.tropes_of([work]).get(work, ()))
    n = source.works()
    if not own or n < 2:
        return Neighbours([], {}, own)
    df = source.counts(own)
    used = sorted(t for t in own if df.get(t, 0) <= max(3, COMMON * n))
    postings = source.postings(used, work)
    # remembered counts may lag the postings a little (a site keeps them a few minutes): never below them
    df = {t: max(df.get(t, 0), len(postings.get(t, ())) + 1) for t in used}
    scores, shared = raw_scores(used, postings, df, n)
    sizes = source.sizes(scores)
    sizes = {w: max(sizes.get(w, 0), shared[w]) for w in scores}  # the same for the sizes
    ranked = rank_neighbours(scores, sizes, len(own), k=k)
    return Neighbours(ranked, {w: shared[w] for w, _ in ranked}, own)


def suggest_tropes(found: Neighbours, source: Source, k: int = 10) -> list[tuple[str, float, int]]:
    """Tropes the neighbours play that the work does not: (trope, score, neighbours playing it), best
    first. Score: the share of the neighbours' votes (similarity to VOTE) for the trope, divided by its
    number of works to POPULAR."""
    weights = {w: s**VOTE for w, s in found.ranked if s > 0}
    total = sum(weights.values())
    votes: dict[str, float] = defaultdict(float)
    voters: dict[str, int] = defaultdict(int)
    for work, tropes in source.tropes_of(weights).items():
        for trope in tropes:
            if trope not in found.own:
                votes[trope] += weights[work] / total
                voters[trope] += 1
    df = source.counts(votes)
    scores = {t: v / max(df.get(t, 0), voters[t]) ** POPULAR for t, v in votes.items()}
    best = heapq.nsmallest(k, scores, key=lambda t: (-scores[t], t))
    return [(t, scores[t], voters[t]) for t in best]


def lift(co: Mapping[str, int], df: Mapping[str, int], df_a: int, n: int, *, min_co: int = 3, k: int = 10):
    """Tropes that go with one played by `df_a` works: (trope, lift, shared works), best first. `co`
    maps each other trope to the works playing both."""
    out = [(t, n * c / (df_a * df[t]), c) for t, c in co.items() if c >= min_co and df.get(t)]
    return sorted(out, key=lambda x: (-x[1], -x[2], x[0]))[:k]
