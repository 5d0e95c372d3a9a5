"""Shared test settings: where the shared corpus lives (beside the checkout, in CI too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "seed" / "000_c6e4ab0f9e8c430f.txt"


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert CORPUS.is_dir(), f"the shared corpus is expected at {CORPUS}"
    return CORPUS


@pytest.fixture(scope="session")
def known_tropes(corpus) -> frozenset[str]:
    """Lower-case WikiWords of ~30k trope names: what a full catalog knows when a page is imported."""
    with open(corpus / "laconic" / "trope_laconic.jsonl", encoding="utf-8") as f:
        return frozenset(json.loads(line)["trope_key"] for line in f)
