"""The search entries, and each database's own full-text indexes over them.

SQLite: two FTS5 tables reading the entries (external content), kept by triggers — words (unicode61, with
prefix indexes) and trigram (substrings, Japanese of 3+ characters). PostgreSQL: a weighted tsvector and
a tsvector of the CJK characters and pairs (both generated columns, GIN-indexed) and a pg_trgm index.
The SQL is written out here, not imported, so this migration stays what it was when it ran.
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    """CREATE VIRTUAL TABLE search_words USING fts5(title, names, body, grams, content='wiki_searchentry',
       content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE VIRTUAL TABLE search_trigram USING fts5(title, names, body, content='wiki_searchentry',
       content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON wiki_searchentry BEGIN
       INSERT INTO search_words(rowid, title, names, body, grams) VALUES (new.id, new.title, new.names, new.body, new.grams);
       INSERT INTO search_trigram(rowid, title, names, body) VALUES (new.id, new.title, new.names, new.body);
       END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON wiki_searchentry BEGIN
       INSERT INTO search_words(search_words, rowid, title, names, body, grams)
         VALUES ('delete', old.id, old.title, old.names, old.body, old.grams);
       INSERT INTO search_trigram(search_trigram, rowid, title, names, body)
         VALUES ('delete', old.id, old.title, old.names, old.body);
       END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON wiki_searchentry BEGIN
       INSERT INTO search_words(search_words, rowid, title, names, body, grams)
         VALUES ('delete', old.id, old.title, old.names, old.body, old.grams);
       INSERT INTO search_trigram(search_trigram, rowid, title, names, body)
         VALUES ('delete', old.id, old.title, old.names, old.body);
       INSERT INTO search_words(rowid, title, names, body, grams) VALUES (new.id, new.title, new.names, new.body, new.grams);
       INSERT INTO search_trigram(rowid, title, names, body) VALUES (new.id, new.title, new.names, new.body);
       END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TABLE IF EXISTS search_words",
    "DROP TABLE IF EXISTS search_trigram",
]
#: a tsvector holds at most 1 MB: the words of a page's first 400,000 characters are indexed
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE wiki_searchentry ADD COLUMN words tsvector GENERATED ALWAYS AS (
       setweight(to_tsvector('simple'::regconfig, title), 'A')
       || setweight(to_tsvector('simple'::regconfig, names), 'B')
       || setweight(to_tsvector('simple'::regconfig, left(body, 400000)), 'D')) STORED""",
    """ALTER TABLE wiki_searchentry ADD COLUMN gram_set tsvector GENERATED ALWAYS AS (
       array_to_tsvector(string_to_array(grams, ' '))) STORED""",
    "CREATE INDEX search_words_gin ON wiki_searchentry USING gin (words)",
    "CREATE INDEX search_grams_gin ON wiki_searchentry USING gin (gram_set)",
    """CREATE INDEX search_trgm_gin ON wiki_searchentry
       USING gin ((title || ' ' || names || ' ' || body) gin_trgm_ops)""",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_trgm_gin",
    "ALTER TABLE wiki_searchentry DROP COLUMN IF EXISTS gram_set",
    "ALTER TABLE wiki_searchentry DROP COLUMN IF EXISTS words",
]


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def create_indexes(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRES})


def drop_indexes(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("wiki", "0003_facts_whole_and_appearances"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                (
                    "word",
                    models.CharField(
                        db_index=True,
                        default="",
                        help_text="The title as a lower-case WikiWord",
                        max_length=300,
                    ),
                ),
                (
                    "names",
                    models.TextField(blank=True, default="", help_text="The page's name and its aliases"),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True, default="", help_text="Description, quotes and examples as text"
                    ),
                ),
                (
                    "grams",
                    models.TextField(
                        blank=True,
                        default="",
                        help_text="Japanese/Chinese/Korean characters and pairs, for 1–2 character queries",
                    ),
                ),
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entry",
                        to="wiki.page",
                    ),
                ),
            ],
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
