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

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # reading articles
    "Article": "article",
    "Section": "article",
    "Sentence": "article",
    "read_article": "article",
    "parse_article": "article",
    "load_seed": "article",
    "Country": "countries",
    "lookup_country": "countries",
    # dates and events
    "DatePhrase": "dates",
    "find_dates": "dates",
    "extract_events": "events",
    "unmatched": "events",
    # votes
    "extract_vote_mentions": "vote_mentions",
    "roll_calls": "unvotes",
    "votes": "unvotes",
    "roll_call_issues": "unvotes",
    "voting_record": "unvotes",
    "key_resolutions": "unvotes",
    "record_by_decade": "unvotes",
    "yearly_summary": "unvotes",
    "compare_vote_mentions": "unvotes",
    # phases
    "cold_war_phases": "phases",
    "assign_phase": "phases",
    "assign_phases": "phases",
    # many articles
    "read_corpus": "corpus",
    "extract_events_many": "corpus",
    "run_corpus": "stream",
    "read_run": "stream",
    # errors
    "RelationsLibError": "errors",
    "ArticleFormatError": "errors",
    "UnknownCountryError": "errors",
    "ReferenceDataError": "errors",
    "SchemaError": "errors",
    "UnknownIssueError": "errors",
    "MissingDependencyError": "errors",
    "ArticleFileError": "errors",
    "ArticleTooLargeError": "errors",
    "OutputError": "errors",
}
_SUBMODULES = {"plots", "schema", "build", "report", "cli", "bench", "paths"}

__all__ = sorted([*_EXPORTS, *_SUBMODULES, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'relations_lib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
