"""The inputs of bench/parse_adversarial.py, small: the parser survives each, renders safe HTML and
keeps the input's text. (Their timing is the bench's job; tests never time anything.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tropebase.markup import parse, to_html, to_text

from .html_safety import assert_safe

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from adversarial import ADVERSARIAL


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_input_parses_safely(name):
    text = ADVERSARIAL[name](60_000)
    doc = parse(text)
    assert_safe(to_html(doc))
    plain = to_text(doc)
    for word in ("a", "x", "deep", "step", "Word", "q"):
        if f"{word} " in text or f"{word}\n" in text:
            assert word in plain, f"{word!r} lost"
