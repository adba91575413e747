"""The sentences table: what :meth:`relations_lib.Article.sentences_frame` returns."""

from __future__ import annotations

from .columns import SENTENCE_END, SENTENCE_START, Column, Table

SEED_SOURCE = (
    '"Albania–Palestine relations", Wikipedia contributors, Wikipedia, The Free Encyclopedia, '
    "https://en.wikipedia.org/wiki/Albania%E2%80%93Palestine_relations (seeds/README.md)"
)
SEED_LICENCE = "CC BY-SA 4.0 (quotes the seed article's sentences)"

SENTENCES = Table(
    name="sentences",
    row="One row per sentence of an article (paragraph text and list items), in reading order.",
    columns=(
        Column("source", "string", "The article the sentence comes from (its file name)."),
        Column("section", "string", "Heading of the section holding the sentence ('Lead' first)."),
        Column(
            "sentence_index",
            "Int64",
            "Position of the sentence in the article, counted from 0.",
            minimum=0,
        ),
        Column(
            "kind",
            "string",
            "Whether the sentence is running text or part of a '- item' list entry.",
            categories=("paragraph", "list_item"),
        ),
        Column("line", "Int64", "Line of the article on which the sentence starts.", minimum=1),
        SENTENCE_START,
        SENTENCE_END,
        Column("sentence", "string", "The sentence as written, without surrounding white space."),
    ),
    sources=(SEED_SOURCE,),
    licence=SEED_LICENCE,
    file="sentences.csv",
    unique_key=("source", "sentence_index"),
)
