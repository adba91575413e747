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

from .._args import ARTICLES, CALLABLE, MAX_BYTES, check, one_of, optional
from .._arrays import string_array
from ..errors import ArgumentValueError, ArticleFileError, RelationsLibError
from ..paths import shown
from ..text.article import Article, as_article
from ..text.inputs import MAX_ARTICLE_BYTES, check_max_bytes, input_articles

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
    """Why an article was skipped (``severity`` "error"), or a warning it raised while it was
    coded (``severity`` "warning", corpus runs only). ``line`` is None when the message points
    at no line."""

    source: str
    line: int | None
    error_type: str
    error: str
    severity: str = "error"

    @classmethod
    def from_exception(cls, exc: RelationsLibError, source: str) -> ArticleFailure:
        return cls(
            source=getattr(exc, "source", None) or source,
            line=getattr(exc, "line", None),
            error_type=type(exc).__name__,
            error=_located(str(exc), source),
        )


def _located(message: str, source: str) -> str:
    """Messages start with ``source:`` (ArticleFormatError's already do, with the path as
    :func:`relations_lib.errors.shorten_paths` writes it: not named twice)."""
    from ..errors import shorten_paths

    if message.startswith((f"{source}:", f"{shorten_paths(source)}:")):
        return message
    return f"{source}: {message}"


def _source_of(item: ArticleInput) -> str:
    """The name an input goes by in tables and messages (printable: see paths.shown)."""
    if isinstance(item, Article):
        return item.source
    if isinstance(item, str | bytes | os.PathLike):
        return shown(item)
    return repr(item)


def _read(item: ArticleInput, max_bytes: int | None = MAX_ARTICLE_BYTES) -> Article:
    """An Article from an input; anything but an Article or a path is a skipped article."""
    try:
        return as_article(item, max_bytes=max_bytes)
    except TypeError as exc:
        # in a corpus, a wrong item is reported like an unreadable file, not fatal
        raise ArticleFileError(str(exc), source=_source_of(item)) from None


def extract_tables(article: Article) -> dict[str, pd.DataFrame]:
    """The tables of one parsed article; raises what the extractors raise.

    Returns
    -------
    dict[str, pandas.DataFrame]
        ``{"events": …, "vote_mentions": …, "unmatched": …}`` as returned by
        :func:`relations_lib.extract_events`, :func:`relations_lib.extract_vote_mentions` and
        :func:`relations_lib.unmatched`.
    """
    from ..coding.events import extract_events, unmatched
    from ..coding.vote_mentions import extract_vote_mentions

    return {
        "events": extract_events(article),
        "vote_mentions": extract_vote_mentions(article),
        "unmatched": unmatched(article),
    }


def process_article(
    item: ArticleInput, *, max_bytes: int | None = MAX_ARTICLE_BYTES
) -> dict[str, pd.DataFrame] | ArticleFailure:
    """Read one article (unless already parsed) and extract its tables. Pure: no output.

    ``max_bytes`` is the size limit of an article file (:func:`relations_lib.read_article`).

    Returns
    -------
    dict[str, pandas.DataFrame] | ArticleFailure
        The tables of :func:`extract_tables`; or, when the article is unusable (any
        :class:`RelationsLibError`), an :class:`ArticleFailure` saying why.
        Other exceptions are bugs: they propagate, with a note naming the article.
    """
    source = _source_of(item)
    try:
        return extract_tables(_read(item, max_bytes))
    except RelationsLibError as exc:
        return ArticleFailure.from_exception(exc, source)
    except Exception as exc:
        exc.add_note(f"while processing the article {source}")
        raise


# --- engines -----------------------------------------------------------------------------

Result = Union[dict[str, "pd.DataFrame"], ArticleFailure]  # noqa: UP007
#: ``engine(items, progress, max_bytes=…)``: results of :func:`process_article`, input order.
Engine = Callable[..., Iterable[Result]]


def _run_local(
    items: Sequence[ArticleInput],
    progress: Progress | None,
    *,
    max_bytes: int | None = MAX_ARTICLE_BYTES,
) -> Iterator[Result]:
    """Process the articles one after another in this process, in input order."""
    for done, item in enumerate(items, start=1):
        result = process_article(item, max_bytes=max_bytes)
        if progress is not None:
            progress(done, len(items), _source_of(item))
        yield result


def _run_engine(
    run: Engine, items: list[ArticleInput], progress: Progress | None, max_bytes: int | None
) -> Iterable[Result]:
    """Call an engine; ``max_bytes`` goes to engines that take it (those written before the
    size limit existed take ``(items, progress)`` and read with the default limit)."""
    import inspect

    try:
        takes_limit = "max_bytes" in inspect.signature(run).parameters
    except (TypeError, ValueError):  # a callable without a signature
        takes_limit = False
    if takes_limit:
        return run(items, progress, max_bytes=max_bytes)
    if max_bytes != MAX_ARTICLE_BYTES:
        raise ArgumentValueError(
            f"this engine ({getattr(run, '__name__', run)!r}) takes no max_bytes; "
            "add a max_bytes keyword to it (see corpus._run_local)"
        )
    return run(items, progress)


#: Engine name -> function mapping :func:`process_article` over the inputs, in input order.
#: "dask": a dask bag over the inputs (relations_lib.corpus.dask_engine; needs relations_lib[dask]).
ENGINES: dict[str, Engine] = {"local": _run_local}  # "dask": registered by relations_lib.corpus


# --- reading a corpus ---------------------------------------------------------------------


def _expand(paths_or_dir: ArticleInput | Iterable[ArticleInput]) -> list[ArticleInput]:
    """A folder → its ``*.txt`` files (sorted, not recursive); a path → itself; or a list.

    A folder that cannot be listed or holds no article, and a single path with nothing
    there, raise :class:`ArticleFileError` (:func:`relations_lib.text.inputs.input_articles`);
    a path that exists but cannot be read is kept, so that reading it reports why.
    """
    if isinstance(paths_or_dir, Article):
        return [paths_or_dir]
    if isinstance(paths_or_dir, str | os.PathLike):
        # nothing there, or a folder without articles: ArticleFileError, not an empty result
        return list(input_articles(Path(paths_or_dir)))
    if isinstance(paths_or_dir, Corpus):
        return list(paths_or_dir.articles)
    return [item for item in paths_or_dir]


def _errors_frame(failures: Iterable[ArticleFailure]) -> pd.DataFrame:
    """One row per failure: source, line, error_type, error, severity (schema/corpus_errors.py)."""
    import pandas as pd

    from ..schema import empty_frame

    empty = empty_frame("corpus_errors")
    rows = [(f.source, f.line, f.error_type, f.error, f.severity) for f in failures]
    if not rows:
        return empty
    frame = pd.DataFrame(rows, columns=list(empty.columns))
    return frame.astype(empty.dtypes.to_dict())


@dataclass(frozen=True)
class Corpus:
    """Articles read from many files, and the files that could not be read.

    ``errors`` has one row per skipped file: ``source``, ``line`` (Int64, may be missing),
    ``error_type``, ``error`` (the message, starting with ``source:line:``), ``severity``
    ("error").
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


def read_corpus(
    paths_or_dir: ArticleInput | Iterable[ArticleInput],
    *,
    max_bytes: int | None = MAX_ARTICLE_BYTES,
) -> Corpus:
    """Read every article of a folder (its ``*.txt`` files) or of a list of paths.

    ``max_bytes`` is the size limit of one article file (:func:`relations_lib.read_article`).

    Returns
    -------
    Corpus
        ``articles`` (parsed, in path order) and ``errors`` (one row per file skipped, with
        ``source``, ``line``, ``error_type``, ``error``, ``severity``).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("read_corpus", paths_or_dir=(paths_or_dir, ARTICLES), max_bytes=(max_bytes, MAX_BYTES))
    check_max_bytes(max_bytes)
    articles, failures = [], []
    for item in _expand(paths_or_dir):
        try:
            articles.append(_read(item, max_bytes))
        except RelationsLibError as exc:
            failures.append(ArticleFailure.from_exception(exc, _source_of(item)))
    return Corpus(tuple(articles), _errors_frame(failures))


# --- extracting from a corpus ------------------------------------------------------------


@dataclass(frozen=True)
class CorpusTables:
    """The tables of every article of a corpus, stacked.

    ``events``, ``vote_mentions``, ``unmatched``: the single-article tables with an
    ``article`` key column first (the article's source). ``errors``: one row per article
    skipped (``source``, ``line``, ``error_type``, ``error``, ``severity``; in a corpus run also
    the warnings of coded articles, severity "warning"). ``n_articles``: articles whose
    tables are here; ``n_skipped``: articles skipped. ``complete``: False when
    :func:`relations_lib.read_run` read a run that did not finish.
    """

    events: pd.DataFrame
    vote_mentions: pd.DataFrame
    unmatched: pd.DataFrame
    errors: pd.DataFrame
    n_articles: int
    n_skipped: int
    #: False when :func:`relations_lib.read_run` read a run that did not finish (only the
    #: articles of its complete parts are here; an ``IncompleteRunWarning`` says so).
    complete: bool = True

    def tables(self) -> dict[str, pd.DataFrame]:
        """``{"events": …, "vote_mentions": …, "unmatched": …, "errors": …}``."""
        return {name: getattr(self, name) for name in (*TABLE_NAMES, "errors")}


def _stack(name: str, parts: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """Stack one table's frames with an ``article`` column first, keeping categories."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    from ..schema import TABLES, empty_frame, keyed_by_article

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
    max_bytes: int | None = MAX_ARTICLE_BYTES,
) -> CorpusTables:
    """Extract events, vote mentions and unmatched date phrases from many articles.

    Parameters
    ----------
    paths_or_dir_or_articles : a folder (the ``*.txt`` files directly in it, not those of its
        sub-folders, as :func:`relations_lib.run_corpus` reads a folder), a path, a list of
        paths or Articles, or a :class:`Corpus` (whose read errors are carried over).
    engine : how :func:`process_article` is mapped over the articles; one of :data:`ENGINES`.
    progress : called as ``progress(done, total, source)`` after each article.
    max_bytes : size limit of one article file in bytes (default 10 MiB; ``None``: no limit);
        a larger file is skipped with an ``ArticleTooLargeError`` row in ``errors``.

    Returns
    -------
    CorpusTables
        ``events``, ``vote_mentions``, ``unmatched`` (each with an ``article`` column first),
        ``errors`` (articles skipped and why), ``n_articles``, ``n_skipped``.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    ArticleFileError
        For a folder that cannot be listed (permission denied) or holds no ``*.txt`` article,
        and for a single path with nothing there, naming it (files missing inside a folder or
        a list are rows of ``errors``).
    """
    check(
        "extract_events_many",
        paths_or_dir_or_articles=(paths_or_dir_or_articles, ARTICLES),
        engine=(engine, one_of(*sorted(ENGINES))),
        progress=(progress, optional(CALLABLE)),
        max_bytes=(max_bytes, MAX_BYTES),
    )
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; engines: {', '.join(sorted(ENGINES))}")
    check_max_bytes(max_bytes)
    if ENGINES[engine] is _run_local:
        # the same rows, built as one frame per table from every article's rows rather than
        # three frames per article stacked: an article costs the same however many there are

        return stack_tables(paths_or_dir_or_articles, progress=progress, max_bytes=max_bytes)
    items = _expand(paths_or_dir_or_articles)
    failures: list[ArticleFailure] = []
    if isinstance(paths_or_dir_or_articles, Corpus):
        import pandas as pd

        prior = paths_or_dir_or_articles.errors
        failures += [
            ArticleFailure(
                r.source,
                None if pd.isna(r.line) else int(r.line),
                r.error_type,
                r.error,
                r.severity,
            )
            for r in prior.itertuples(index=False)
        ]
    parts: dict[str, list[tuple[str, pd.DataFrame]]] = {name: [] for name in TABLE_NAMES}
    n_articles = 0
    results = _run_engine(ENGINES[engine], items, progress, max_bytes)
    for item, result in zip(items, results, strict=True):
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


#: The tables of a corpus run, in this order (the last, errors, is built apart).
_RUN_TABLES: tuple[str, ...] = ("events", "vote_mentions", "unmatched", "errors")


# --- one article, as rows ----------------------------------------------------------------


def article_rows(
    item: ArticleInput, max_bytes: int | None = MAX_ARTICLE_BYTES
) -> dict[str, list[dict]] | ArticleFailure:
    """Read one article (unless already parsed) and extract its tables as row dicts. Pure.

    The counterpart of :func:`relations_lib.corpus.local.process_article` for building one frame
    from many articles: same errors, rows instead of frames. ``max_bytes``: the size limit of
    an article file.

    Returns
    -------
    dict[str, list[dict]] | ArticleFailure
        ``{"events": …, "vote_mentions": …, "unmatched": …}``, each a list of row dicts in table
        order (the keys of the table's columns, plus private ``_`` keys); or, when the article
        is unusable (any :class:`RelationsLibError`), an ``ArticleFailure`` saying why. Other
        exceptions are bugs: they propagate, with a note naming the article.
    """
    from ..coding import events, vote_mentions

    source = _source_of(item)
    try:
        article = _read(item, max_bytes)
        return {
            "events": events._event_rows(article),
            "vote_mentions": vote_mentions._rows(article),
            "unmatched": events._unmatched_rows(article),
        }
    except RelationsLibError as exc:
        return ArticleFailure.from_exception(exc, source)
    except Exception as exc:
        exc.add_note(f"while processing the article {source}")
        raise


def _frame_of_rows(name: str, rows: list[dict], articles: list[str]) -> pd.DataFrame:
    """One table from the rows of many articles, with the ``article`` column first."""
    import pandas as pd

    from ..coding import events, vote_mentions

    if name == "events":
        frame = events._events_frame(rows)
    elif name == "unmatched":
        frame = events._unmatched_frame(rows)
    else:
        frame = vote_mentions._frame(rows, pd) if rows else vote_mentions._empty_frame().copy()
    frame.insert(0, "article", string_array(articles))
    return frame


def stack_tables(
    paths_or_dir_or_articles: ArticleInput | Iterable[ArticleInput] | Corpus,
    *,
    progress: Progress | None = None,
    max_bytes: int | None = MAX_ARTICLE_BYTES,
) -> CorpusTables:
    """The tables of many articles, built in this process from rows: one frame per table.

    Same inputs and same result as ``extract_events_many(…, engine="local")`` (a folder, paths,
    Articles or a :class:`~relations_lib.corpus.local.Corpus`, whose read errors are kept), which
    runs it: it builds three DataFrames in all rather than three per article, so an article
    costs the same however many there are. ``progress(done, total, source)`` is called after
    each article; ``max_bytes`` is the size limit of an article file.

    Returns
    -------
    CorpusTables
        ``events``, ``vote_mentions``, ``unmatched`` (each with an ``article`` column first),
        ``errors`` (articles skipped and why), ``n_articles``, ``n_skipped``.
    """

    failures = (
        _prior_failures(paths_or_dir_or_articles)
        if isinstance(paths_or_dir_or_articles, Corpus)
        else []
    )
    rows: dict[str, list[dict]] = {name: [] for name in _RUN_TABLES[:3]}
    keys: dict[str, list[str]] = {name: [] for name in _RUN_TABLES[:3]}
    n_articles = 0
    items = _expand(paths_or_dir_or_articles)
    for done, item in enumerate(items, start=1):
        result = article_rows(item, max_bytes)
        source = _source_of(item)
        if progress is not None:
            progress(done, len(items), source)
        if not isinstance(result, dict):
            failures.append(result)
            continue
        n_articles += 1
        for name, table_rows in result.items():
            rows[name] += table_rows
            keys[name] += [source] * len(table_rows)
    return CorpusTables(
        **{name: _frame_of_rows(name, rows[name], keys[name]) for name in _RUN_TABLES[:3]},
        errors=_errors_frame(failures),
        n_articles=n_articles,
        n_skipped=len(failures),
    )


def _prior_failures(corpus: Corpus) -> list[ArticleFailure]:
    """The read errors a Corpus carries, as failures (as extract_events_many keeps them)."""
    import pandas as pd

    return [
        ArticleFailure(
            r.source, None if pd.isna(r.line) else int(r.line), r.error_type, r.error, r.severity
        )
        for r in corpus.errors.itertuples(index=False)
    ]
