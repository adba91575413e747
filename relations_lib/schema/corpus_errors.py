"""The errors table of corpus mode: the articles that could not be read, and why; in a corpus
run (``run_corpus``, ``relations parse DIR --out``) also the warnings an article raised while it
was coded."""

from __future__ import annotations

from .columns import Column, Table

CORPUS_ERRORS = Table(
    name="corpus_errors",
    row="One row per article of a corpus that was skipped because it could not be processed "
    "(severity 'error'); in a corpus run also one row per warning an article raised while it "
    "was coded (severity 'warning': the article's tables are there, e.g. with UNK for a title "
    "country the registry does not know).",
    columns=(
        Column("source", "string", "The article file (its path) or the name it was given."),
        Column(
            "line",
            "Int64",
            "Line of the file the error points at, when it points at one.",
            nullable=True,
            minimum=1,
        ),
        Column(
            "error_type",
            "string",
            "Class of the error or warning, e.g. 'ArticleFormatError', 'ArticleTimeoutError' "
            "(the article took longer than the run's --timeout), 'UnknownCountryWarning'.",
        ),
        Column(
            "error",
            "string",
            "The message, starting with 'source:line:' for an error ('source:' when it "
            "points at no line) and with 'source:' for a warning.",
        ),
        Column(
            "severity",
            "category",
            "'error': the article was skipped (its tables are empty); 'warning': the article "
            "was coded and this is a warning raised meanwhile (collected in a corpus run "
            "instead of printed; a single-article call warns as usual).",
            categories=("error", "warning"),
        ),
    ),
    unique_key=("source", "error_type", "error"),
)
