"""relations_lib: diplomatic events and UN votes from "X–Y relations" articles, as tidy tables.

>>> import relations_lib as rl
>>> article = rl.load_seed()
>>> events = rl.extract_events(article)

Names are imported lazily (PEP 562) so that ``import relations_lib`` stays cheap: pandas,
matplotlib and plotly load only when a function that needs them is called.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# relations_lib.errors.__all__, written out so that ``import relations_lib`` imports nothing
# (tests/test_api.py checks the two lists are the same)
_ERROR_NAMES = (
    "AmbiguousCountryError",
    "ArgumentError",
    "ArgumentTypeError",
    "ArgumentValueError",
    "ArticleFileError",
    "ArticleFormatError",
    "ArticleTimeoutError",
    "ArticleTooLargeError",
    "IncompleteRunWarning",
    "LabelFormatError",
    "MissingDependencyError",
    "NotebookExecutionError",
    "OutputError",
    "ReferenceDataError",
    "RelationsLibError",
    "ReportError",
    "RunError",
    "RunSettingsError",
    "SchemaError",
    "UnknownCountryError",
    "UnknownCountryWarning",
    "UnknownIssueError",
    "UnknownMeasureError",
    "UnknownTrackError",
    "UsageError",
)

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # reading articles
    "Article": "text.article",
    "Section": "text.article",
    "Sentence": "text.article",
    "read_article": "text.article",
    "parse_article": "text.article",
    "load_seed": "text.article",
    "Country": "countries",
    "resolve_country": "countries",
    "lookup_country": "countries",
    "lookup_many": "countries",
    # dates and events
    "DatePhrase": "text.dates",
    "find_dates": "text.dates",
    "extract_events": "coding.events",
    "unmatched": "coding.events",
    "find_restatements": "coding.restatements",
    "drop_restatements": "coding.restatements",
    # votes
    "extract_vote_mentions": "coding.vote_mentions",
    "roll_calls": "un.record",
    "votes": "un.record",
    "roll_call_issues": "un.record",
    "voting_record": "un.record",
    "record_concerning": "un.record",
    "key_resolutions": "un.record",
    "record_by_decade": "un.record",
    "yearly_summary": "un.record",
    "compare_vote_mentions": "un.record",
    # alignment
    "agreement": "un.alignment",
    "agreement_with_majority": "un.alignment",
    "agreement_over": "un.alignment",
    "pairwise_agreement": "un.alignment",
    "session_positions": "un.alignment",
    "detect_breaks": "un.alignment",
    "compare_breaks": "un.alignment",
    "voting_span": "un.alignment",
    # phases
    "cold_war_phases": "history.phases",
    "assign_phase": "history.phases",
    "assign_phases": "history.phases",
    "pair_tracks": "history.phases",
    # many articles
    "read_corpus": "corpus.local",
    "extract_events_many": "corpus.local",
    "run_corpus": "corpus.stream",
    "read_run": "corpus.stream",
    # scoring against hand labels
    "evaluate": "evaluation",
    "read_labels": "evaluation",
    "Evaluation": "evaluation",
    # errors (every class relations_lib.errors lists in __all__)
    **{name: "errors" for name in _ERROR_NAMES},
}
# public submodule name -> its module (``rl.alignment`` is the UN alignment measures)
_SUBMODULES: dict[str, str] = {
    "plots": "plots",
    "schema": "schema",
    "build": "build",
    "report": "report",
    "cli": "cli",
    "bench": "bench",
    "paths": "paths",
    "alignment": "un.alignment",
    "casestudy": "casestudies.study",
    "gazetteer": "history.gazetteer",
    "unvotes": "un.record",
    "phases": "history.phases",
}

__all__ = sorted([*_EXPORTS, *_SUBMODULES, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{_SUBMODULES[name]}", __name__)
    raise AttributeError(f"module 'relations_lib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
