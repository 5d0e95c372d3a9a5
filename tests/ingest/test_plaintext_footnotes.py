"""A footnote whose marker was lost in the plain-text copy is kept as a plain note, never as a bare
number at the end of the page."""

from __future__ import annotations

from tropebase.ingest.plaintext import convert
from tropebase.markup import parse, to_html

from ..conftest import SEED


def test_a_footnote_without_its_marker_is_a_plain_note_at_the_end():
    converted = convert(SEED.read_text(encoding="utf-8"), str(SEED), set())
    html = to_html(parse(converted.markup))
    end = html[html.rindex("<h2>Notes</h2>") :]
    assert "Diablerie causes vampires" in end
    assert 'class="notelabel"' not in end
