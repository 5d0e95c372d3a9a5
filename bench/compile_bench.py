"""Import speed: convert + parse + compile the saved HTML corpus and the films trope lists.

Run: python bench/compile_bench.py [--corpus ../shared/corpus]
Prints pages/s and examples/s for each set, measured in this one run. Goal: the 11,846 films
(566k examples) in under 20 s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tropebase.catalog import compile_page
from tropebase.ingest.tropelists import read_tropelists
from tropebase.ingest.tvt_html import read_tvt_html
from tropebase.markup import parse
from tropebase.sources import InputError


def run(converted) -> tuple[int, int, float]:
    pages = examples = 0
    t0 = time.perf_counter()
    for page in converted:
        facts = compile_page(parse(page.markup), page.report.page, title=page.report.title)
        pages += 1
        examples += len(facts.examples)
    return pages, examples, time.perf_counter() - t0


def html_pages(folder: Path):
    for path in sorted(folder.glob("*/*.html")):
        try:
            yield read_tvt_html(path)
        except InputError:
            continue  # search results, history and index pages are not articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    args = ap.parse_args()
    sets = {
        "saved HTML pages": lambda: html_pages(args.corpus / "html"),
        "films trope lists": lambda: read_tropelists(
            args.corpus / "films-tropes/films_tropes_20190501.json.bz2", "Film"
        ),
    }
    for name, make in sets.items():
        t0 = time.perf_counter()
        pages, examples, _ = run(make())
        total = time.perf_counter() - t0
        print(f"{name:18} {pages:6} pages {examples:8} examples in {total:6.2f} s: "
              f"{pages / total:8.0f} pages/s {examples / total:9.0f} examples/s")  # fmt: skip


if __name__ == "__main__":
    main()
