"""Many articles at once: read a folder of "X–Y relations" articles, extract every table.

A bad article (not UTF-8, no title, …) is reported and skipped, never fatal:

>>> import relations_lib as rl
>>> tables = rl.extract_events_many("articles/")          # doctest: +SKIP
>>> tables.events.groupby("article").size()                # doctest: +SKIP
>>> tables.errors                                          # doctest: +SKIP

The work on one article is the pure function :func:`process_article` (a path or an Article in,
tables or an :class:`ArticleFailure` out). An *engine* maps it over the inputs: ``"local"``
runs it in this process; another engine (a dask bag over the files, say) is added by writing a
function with the signature of :func:`_run_local` and registering it in :data:`ENGINES`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

from .article import Article
from .dask_engine import run_dask as _run_dask  # imports dask only when it runs
from .errors import ArticleFormatError, RelationsLibError

if TYPE_CHECKING:
    import pandas as pd

#: What a corpus can be made of: article files, or articles already parsed.
ArticleInput = Union[str, os.PathLike, Article]  # noqa: UP007 (a runtime alias)
#: ``progress(done, total, source)``, called after each article.
Progress = Callable[[int, int, str], None]

#: The tables extracted from each article, in this order (schema names in relations_lib.schema).
TABLE_NAMES: tuple[str, ...] = ("events", "vote_mentions", "unmatched")


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    """Why an article was skipped. ``line`` is None when the error points at no line."""

    source: str
    line: int | None
    error_type: str
    error: str

    @classmethod
    def from_exception(cls, exc: RelationsLibError, source: str) -> ArticleFailure:
        return cls(
            source=getattr(exc, "source", None) or source,
            line=getattr(exc, "line", None),
            error_type=type(exc).__name__,
            error=_located(str(exc), source),
        )


def _located(message: str, source: str) -> str:
    """Messages start with ``source:`` (ArticleFormatError's already do)."""
    return message if message.startswith(f"{source}:") else f"{source}: {message}"


def _source_of(item: ArticleInput) -> str:
    """The article's name in tables: its source, or its path (a file name that is not UTF-8
    shown with ``\\xNN`` escapes, which every table and file format can hold)."""
    from .stream import _label

    return item.source if isinstance(item, Article) else _label(os.fspath(item))


def _read(item: ArticleInput) -> Article:
    if isinstance(item, Article):
        return item
    if not isinstance(item, str | os.PathLike):
        raise ArticleFormatError(
            f"expected a path or an Article, got {type(item).__name__}", source=repr(item)
        )
    from .stream import read_regular  # refuses FIFOs and devices, which would hang or never end

    return read_regular(os.fspath(item))[0]


def extract_tables(article: Article) -> dict[str, pd.DataFrame]:
    """The tables of one parsed article; raises what the extractors raise.

    Returns
    -------
    dict[str, pandas.DataFrame]
        ``{"events": …, "vote_mentions": …, "unmatched": …}`` as returned by
        :func:`relations_lib.extract_events`, :func:`relations_lib.extract_vote_mentions` and
        :func:`relations_lib.unmatched`.
    """
    from .events import extract_events, unmatched
    from .vote_mentions import extract_vote_mentions

    return {
        "events": extract_events(article),
        "vote_mentions": extract_vote_mentions(article),
        "unmatched": unmatched(article),
    }


def process_article(item: ArticleInput) -> dict[str, pd.DataFrame] | ArticleFailure:
    """Read one article (unless already parsed) and extract its tables. Pure: no output.

    Returns
    -------
    dict[str, pandas.DataFrame] | ArticleFailure
        The tables of :func:`extract_tables`; or, when the article is unusable (any
        :class:`RelationsLibError`), an :class:`ArticleFailure` saying why.
        Other exceptions are bugs: they propagate, with a note naming the article.
    """
    source = _source_of(item)
    try:
        return extract_tables(_read(item))
    except RelationsLibError as exc:
        return ArticleFailure.from_exception(exc, source)
    except Exception as exc:
        exc.add_note(f"while processing the article {source}")
        raise


# --- engines -----------------------------------------------------------------------------

Result = Union[dict[str, "pd.DataFrame"], ArticleFailure]  # noqa: UP007
Engine = Callable[[Sequence[ArticleInput], "Progress | None"], Iterable[Result]]


def _run_local(items: Sequence[ArticleInput], progress: Progress | None) -> Iterator[Result]:
    """Process the articles one after another in this process, in input order."""
    for done, item in enumerate(items, start=1):
        result = process_article(item)
        if progress is not None:
            progress(done, len(items), _source_of(item))
        yield result


#: Engine name -> function mapping :func:`process_article` over the inputs, in input order.
#: "dask": a dask bag over the inputs (relations_lib.dask_engine; needs relations_lib[dask]).
ENGINES: dict[str, Engine] = {"local": _run_local, "dask": _run_dask}


# --- reading a corpus ---------------------------------------------------------------------


def _expand(paths_or_dir: ArticleInput | Iterable[ArticleInput]) -> list[ArticleInput]:
    """A folder → its ``*.txt`` files (sorted, not recursive); a path → itself; or a list."""
    if isinstance(paths_or_dir, Article):
        return [paths_or_dir]
    if isinstance(paths_or_dir, str | os.PathLike):
        path = Path(paths_or_dir)
        if path.is_dir():
            return sorted(path.glob("*.txt"))
        return [path]
    if isinstance(paths_or_dir, Corpus):
        return list(paths_or_dir.articles)
    return [item for item in paths_or_dir]


def _errors_frame(failures: Iterable[ArticleFailure]) -> pd.DataFrame:
    """One row per failure: source, line, error_type, error (see schema/corpus_errors.py)."""
    import pandas as pd

    from .schema import empty_frame

    empty = empty_frame("corpus_errors")
    rows = [(f.source, f.line, f.error_type, f.error) for f in failures]
    if not rows:
        return empty
    frame = pd.DataFrame(rows, columns=list(empty.columns))
    return frame.astype(empty.dtypes.to_dict())


@dataclass(frozen=True)
class Corpus:
    """Articles read from many files, and the files that could not be read.

    ``errors`` has one row per skipped file: ``source``, ``line`` (Int64, may be missing),
    ``error_type``, ``error`` (the message, starting with ``source:line:``).
    """

    articles: tuple[Article, ...]
    errors: pd.DataFrame

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    @property
    def sources(self) -> list[str]:
        return [a.source for a in self.articles]


def read_corpus(paths_or_dir: ArticleInput | Iterable[ArticleInput]) -> Corpus:
    """Read every article of a folder (its ``*.txt`` files) or of a list of paths.

    Returns
    -------
    Corpus
        ``articles`` (parsed, in path order) and ``errors`` (one row per file skipped, with
        ``source``, ``line``, ``error_type``, ``error``).
    """
    articles, failures = [], []
    for item in _expand(paths_or_dir):
        try:
            articles.append(_read(item))
        except RelationsLibError as exc:
            failures.append(ArticleFailure.from_exception(exc, _source_of(item)))
    return Corpus(tuple(articles), _errors_frame(failures))


# --- extracting from a corpus ------------------------------------------------------------


@dataclass(frozen=True)
class CorpusTables:
    """The tables of every article of a corpus, stacked.

    ``events``, ``vote_mentions``, ``unmatched``: the single-article tables with an
    ``article`` key column first (the article's source). ``errors``: one row per article
    skipped (``source``, ``line``, ``error_type``, ``error``). ``n_articles``: articles whose
    tables are here; ``n_skipped``: articles skipped.
    """

    events: pd.DataFrame
    vote_mentions: pd.DataFrame
    unmatched: pd.DataFrame
    errors: pd.DataFrame
    n_articles: int
    n_skipped: int

    def tables(self) -> dict[str, pd.DataFrame]:
        """``{"events": …, "vote_mentions": …, "unmatched": …, "errors": …}``."""
        return {name: getattr(self, name) for name in (*TABLE_NAMES, "errors")}


def _stack(name: str, parts: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """Stack one table's frames with an ``article`` column first, keeping categories."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    from .schema import TABLES, empty_frame, keyed_by_article

    frames = [frame.assign(article=source) for source, frame in parts]
    if not frames:
        base = keyed_by_article(TABLES[name]) if name in TABLES else None
        return empty_frame(base) if base is not None else pd.DataFrame({"article": []})
    out = pd.concat(frames, ignore_index=True)
    for column in frames[0].columns:
        first = frames[0][column]
        # concat turns categories into object when articles saw different category sets
        if isinstance(first.dtype, pd.CategoricalDtype) and not isinstance(
            out[column].dtype, pd.CategoricalDtype
        ):
            ordered = first.cat.ordered
            union = union_categoricals([f[column] for f in frames], ignore_order=ordered)
            out[column] = pd.Categorical(out[column], categories=union.categories, ordered=ordered)
    out["article"] = out["article"].astype("string")
    return out[["article", *[c for c in out.columns if c != "article"]]]


def extract_events_many(
    paths_or_dir_or_articles: ArticleInput | Iterable[ArticleInput] | Corpus,
    *,
    engine: str = "local",
    progress: Progress | None = None,
) -> CorpusTables:
    """Extract events, vote mentions and unmatched date phrases from many articles.

    Parameters
    ----------
    paths_or_dir_or_articles : a folder (its ``*.txt`` files), a path, a list of paths or
        Articles, or a :class:`Corpus` (whose read errors are carried over).
    engine : how :func:`process_article` is mapped over the articles; one of :data:`ENGINES`.
    progress : called as ``progress(done, total, source)`` after each article.

    Returns
    -------
    CorpusTables
        ``events``, ``vote_mentions``, ``unmatched`` (each with an ``article`` column first),
        ``errors`` (articles skipped and why), ``n_articles``, ``n_skipped``.

    Raises
    ------
    ValueError
        For an unknown ``engine`` (the message lists the engines).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; engines: {', '.join(sorted(ENGINES))}")
    items = _expand(paths_or_dir_or_articles)
    failures: list[ArticleFailure] = []
    if isinstance(paths_or_dir_or_articles, Corpus):
        import pandas as pd

        prior = paths_or_dir_or_articles.errors
        failures += [
            ArticleFailure(
                r.source, None if pd.isna(r.line) else int(r.line), r.error_type, r.error
            )
            for r in prior.itertuples(index=False)
        ]
    parts: dict[str, list[tuple[str, pd.DataFrame]]] = {name: [] for name in TABLE_NAMES}
    n_articles = 0
    for item, result in zip(items, ENGINES[engine](items, progress), strict=True):
        if isinstance(result, ArticleFailure):
            failures.append(result)
            continue
        n_articles += 1
        for name in TABLE_NAMES:
            parts[name].append((_source_of(item), result[name]))
    return CorpusTables(
        **{name: _stack(name, parts[name]) for name in TABLE_NAMES},
        errors=_errors_frame(failures),
        n_articles=n_articles,
        n_skipped=len(failures),
    )
