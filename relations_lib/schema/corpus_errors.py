"""The errors table of corpus mode: the articles that could not be read, and why."""

from __future__ import annotations

from .columns import Column, Table

CORPUS_ERRORS = Table(
    name="corpus_errors",
    row="One row per article of a corpus that was skipped because it could not be processed.",
    columns=(
        Column("source", "string", "The article file (its path) or the name it was given."),
        Column(
            "line",
            "Int64",
            "Line of the file the error points at, when it points at one.",
            nullable=True,
            minimum=1,
        ),
        Column("error_type", "string", "Class of the error, e.g. 'ArticleFormatError'."),
        Column("error", "string", "The error message, starting with 'source:line:'."),
    ),
    unique_key=("source",),
)
