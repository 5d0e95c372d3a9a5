"""Titles for names given only as WikiWords: from records with labels, from free text, from the split."""

from __future__ import annotations

import json

from tropebase.ingest.titlebook import find_phrases, read_title_book
from tropebase.ingest.tropelists import convert_lists
from tropebase.markup.names import title_from_name


def test_split_after_a_number_starts_a_subtitle():
    assert title_from_name("TheUmbrellaThief4TheReturn", work=True) == "The Umbrella Thief 4 The Return"
    assert title_from_name("TheUmbrellaThief4TheReturn") == "The Umbrella Thief 4The Return"  # link text
    assert title_from_name("Room101", work=True) == "Room 101"
    assert title_from_name("TropesAToD", work=True) == "Tropes A to D"


def test_phrases_spelling_a_name_in_title_case():
    texts = [
        "Every kitchen has a Grandma's Teapot. The Grandma's teapot is not one.",
        "She said: Wait for It, Buddy. Then A Cat's Nap, and a cat's nap.",
        "Broken across a sentence: Grandma. Teapot is not a phrase.",
    ]
    wanted = {"grandmasteapot", "waitforitbuddy", "acatsnap", "grandmateapot"}
    assert find_phrases(texts, wanted) == {
        "grandmasteapot": "Grandma's Teapot",
        "waitforitbuddy": "Wait for It, Buddy",
        "acatsnap": "A Cat's Nap",
    }


def test_trope_list_takes_titles_from_the_book(tmp_path):
    records = tmp_path / "examples.jsonl"
    records.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"work_id": "Film/ADogsPicnic", "work_label": "Film: A Dog's Picnic", "example": "x"},
                {"work_id": "Film/Umbrellas2TheDrizzle", "work_label": "Film: Umbrellas 2: The Drizzle"},
                {"trope_key": "grandmasteapot", "laconic": "Everyone knows Grandma's Teapot is full."},
            ]
        ),
        encoding="utf-8",
    )
    book = read_title_book([records])
    lists = {
        "ADogsPicnic": ["GrandmasTeapot"],
        "Umbrellas2TheDrizzle": ["WetSocks"],
        "PlainFilm": ["WetSocks"],
    }
    titles = {c.report.page: c.report.title for c in convert_lists(lists, "Film", "f.json", book)}
    assert titles == {
        "Film/ADogsPicnic": "A Dog's Picnic",
        "Film/Umbrellas2TheDrizzle": "Umbrellas 2: The Drizzle",
        "Film/PlainFilm": "Plain Film",
    }
    first = next(iter(convert_lists(lists, "Film", "f.json", book)))
    assert first.report.titles == {"Main/GrandmasTeapot": "Grandma's Teapot"}


def test_without_a_book_a_title_written_in_the_list_is_kept():
    lists = {"A Dog's Picnic": ["WetSocks"], "Umbrellas2TheDrizzle": ["WetSocks"]}
    titles = [c.report.title for c in convert_lists(lists, "Film", "f.json")]
    assert titles == ["A Dog's Picnic", "Umbrellas 2 The Drizzle"]
