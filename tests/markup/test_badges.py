"""Play badges are shown once: not when the example's own words already say how it plays."""

from __future__ import annotations

from tropebase.markup import parse, to_html
from tropebase.markup.render_html import says_play


def test_a_badge_is_left_out_when_the_text_names_the_play():
    html = to_html(parse("* Subverted in the sequel.\n* {{Downplayed}}: a little."), None,
                   {1: "subverted", 2: "downplayed"})  # fmt: skip
    assert 'class="play' not in html
    assert html.count("Subverted") == 1 and html.count(">Downplayed<") == 1


def test_a_badge_is_shown_when_the_text_does_not_say_it():
    html = to_html(parse("* Played for laughs in the finale."), None, {1: "downplayed"})
    assert '<span class="play play-downplayed">downplayed</span> Played for laughs' in html


def test_other_forms_of_the_play_word_count():
    assert says_play("averted", "An aversion: nobody forgets anything.")
    assert says_play("zigzagged", "Zig-zagged throughout the series.")
    assert not says_play("averted", "The hero forgets it on the bus.")
