"""Recall@10 of "works like this" trope suggestions against a popularity baseline, on the films corpus.

For 1,000 films (fixed seed) with at least 10 tropes, hide 20% of each film's tropes, suggest 10 from
the rest (the tropes of its 80 most similar films, `catalog.similarity` as `wiki.similar` uses it), and count the hidden tropes
found, divided by min(10, hidden). The baseline suggests the 10 most-played tropes the film lacks.
Similarity uses every other film whole (the held-out film's hidden tropes are removed from the index).

    python bench/recs_bench.py [--films 1000] [--neighbours 80] [--common 0.2] [--power 2] [--prior 0.05]
"""

from __future__ import annotations

import argparse
import bz2
import json
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from tropebase.catalog.similarity import rank_neighbours, raw_scores, shortlist, suggest_tropes

CORPUS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "corpus"
    / "films-tropes"
    / "films_tropes_20190501.json.bz2"
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--films", type=int, default=1000)
    ap.add_argument("--neighbours", type=int, default=80)
    ap.add_argument("--common", type=float, default=0.2, help="leave out tropes played by more of the works")
    ap.add_argument("--power", type=float, default=2.0, help="a neighbour's vote: similarity to this power")
    ap.add_argument(
        "--shortlist", type=int, default=1000, help="raw scores normalised (wiki.similar.SHORTLIST)"
    )
    ap.add_argument("--prior", type=float, default=0.05, help="weight of a trope's popularity in suggestions")
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    with bz2.open(CORPUS) as f:
        data = json.loads(f.read())
    tropes_of = {film.lower(): {t.lower() for t in tropes} for film, tropes in data.items()}
    n = len(tropes_of)
    df = Counter(t for ts in tropes_of.values() for t in ts)
    postings: dict[str, list[str]] = defaultdict(list)
    for film, ts in tropes_of.items():
        for t in ts:
            postings[t].append(film)
    sizes = {f: len(ts) for f, ts in tropes_of.items()}
    popular = [t for t, _ in df.most_common(200)]
    shares = {t: c / n for t, c in df.most_common(300)}
    rng = random.Random(args.seed)
    films = rng.sample(sorted(f for f, ts in tropes_of.items() if len(ts) >= 10), args.films)
    ours = base = 0.0
    started = time.perf_counter()
    for film in films:
        ts = sorted(tropes_of[film])
        hidden = set(rng.sample(ts, max(1, len(ts) // 5)))
        shown = set(ts) - hidden
        scores, _ = raw_scores(shown, postings, df, n, common=args.common, skip=[film])
        top = {w: scores[w] for w in shortlist(scores, args.shortlist)}
        neighbours = rank_neighbours(top, sizes, len(shown), k=args.neighbours)
        suggested = suggest_tropes(
            neighbours, tropes_of, shown, power=args.power, popular=shares, prior=args.prior
        )
        baseline = [t for t in popular if t not in shown][:10]
        want = min(10, len(hidden))
        ours += len(hidden & set(suggested)) / want
        base += len(hidden & set(baseline)) / want
    elapsed = time.perf_counter() - started
    print(f"films {args.films}, neighbours {args.neighbours}, common {args.common}, power {args.power}, prior {args.prior}, shortlist {args.shortlist}: recall@10 works-like-this {ours / args.films:.3f}, "
          f"popularity {base / args.films:.3f}, ratio {ours / max(base, 1e-9):.2f}x; "
          f"{1000 * elapsed / args.films:.1f} ms a film")  # fmt: skip


if __name__ == "__main__":
    main()
