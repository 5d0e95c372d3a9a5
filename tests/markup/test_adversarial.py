"""The inputs of bench/parse_adversarial.py, small: the parser survives each, renders safe HTML and
keeps the input's text. (Their timing is the bench's job; tests never time anything.)"""

from __future__ import annotations

import re
import sys
from collections import Counter
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
    # every letter typed outside a directive's name is still there (a WikiWord shows as its title:
    # the same letters, spaced, small words in lower case)
    typed = Counter(re.sub(r"\[\[(?:spoiler|note|folder)", "", text).lower())
    shown = Counter(to_text(doc).lower())
    lost = {c: n - shown[c] for c, n in typed.items() if c.isalpha() and shown[c] < n}
    assert not lost
