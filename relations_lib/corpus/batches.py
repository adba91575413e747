"""One batch of a corpus run: code its articles and write them as a part (used by the local
worker processes, the Dask cluster path and :mod:`relations_lib.corpus.stream`, which plans,
records and resumes the run). Below both the stream and the Dask engine, so neither imports the
other back."""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import RelationsLibError, RunError, RunSettingsError  # noqa: F401  (re-exported)
from ..paths import shown
from ..text.inputs import MAX_ARTICLE_BYTES

if TYPE_CHECKING:
    import pandas as pd


#: Articles per part unless told otherwise (fewer when the corpus is small, to use every worker).
DEFAULT_BATCH_SIZE = 100
#: The tables of every part, in this order (schemas in relations_lib.schema: the corpus tables).
TABLES: tuple[str, ...] = ("events", "vote_mentions", "unmatched", "errors")
#: Part file formats: parquet is always written (resuming and reading use it).
FORMATS: tuple[str, ...] = ("parquet", "csv", "json")
#: The folder (inside the output folder) holding the manifest and the parts.
PARTS = "parts"
MANIFEST = "manifest.jsonl"
STAGING = ".staging"
#: Written in the manifest's header; a manifest of another kind or version is not resumed.
#: Version 2: ids named relative to the input root, an errors ``severity`` column, time limits.
MANIFEST_KIND, MANIFEST_VERSION = "relations_lib corpus run", 2


# --- reading one input ---------------------------------------------------------------------


def _signature(path: str) -> list[int] | None:
    """``[size, mtime_ns]`` of the file now (None when it cannot be stat'ed). Taken *before*
    the file is read: a file changed while being read then looks changed to the next run."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return [info.st_size, info.st_mtime_ns]


# --- one batch -> one part (what a worker runs) ------------------------------------------------


def _empty_tables() -> dict[str, pd.DataFrame]:
    """Empty frames with each table's columns and dtypes."""
    from .local import _errors_frame, _frame_of_rows

    frames = {name: _frame_of_rows(name, [], []) for name in TABLES[:3]}
    return {**frames, "errors": _errors_frame([])}


def article_key(source: str, root: str | None) -> str:
    """The article's name in its ``event_id`` values in a corpus run: the path of ``source``
    relative to ``root`` (the run's input folder, or the common folder of its files), ``/``
    between folders, without the file's suffix. In a flat folder that is the file's stem,
    which :func:`relations_lib.extract_events` uses for one article: ids do not change.

    >>> article_key("in/a/Chile–Peru relations.txt", "in")
    'a/Chile–Peru relations'
    >>> article_key("in/Chile–Peru relations.txt", None)
    'Chile–Peru relations'
    """
    if root is None:
        return shown(Path(source).stem)
    relative = Path(os.path.relpath(os.path.abspath(source), root))
    return shown((relative.parent / relative.stem).as_posix().removeprefix("./"))


def _keyed(rows: list[dict], key: str) -> list[dict]:
    """Event rows with ``key`` as the article part of their ``event_id`` (``key:s:n``)."""
    for row in rows:
        sentence, n = row["event_id"].rsplit(":", 2)[1:]
        row["event_id"] = f"{key}:{sentence}:{n}"
    return rows


def _title_line(text: str) -> int:
    """Line of the title: the first line that is not blank (as the article reader finds it)."""
    return text.count("\n", 0, len(text) - len(text.lstrip())) + 1


def _code_one(
    source: str, label: str, max_bytes: int | None, timeout: float | None
) -> tuple[dict | Any, list]:
    """Read and code one article within the time limit, collecting its warnings.

    Returns ``(article_rows result or ArticleFailure, [ArticleFailure of each warning])``.
    """
    from ..errors import ArticleTimeoutError, UnknownCountryWarning
    from ..text.article import read_article
    from .limits import call_with_limit, collect_warnings
    from .local import ArticleFailure, article_rows

    def code() -> tuple[Any, int | None]:
        try:
            article = read_article(source, max_bytes=max_bytes)
        except RelationsLibError as exc:  # could not be read (article_rows reports the rest)
            return ArticleFailure.from_exception(exc, label), None
        except Exception as exc:
            exc.add_note(f"while reading the article {label}")
            raise
        return article_rows(article), _title_line(article.text)

    (outcome, timed_out), caught = collect_warnings(lambda: call_with_limit(code, timeout))
    if timed_out:
        error = ArticleTimeoutError(
            f"{label}: timed out after {timeout:g} s (the run's --timeout); the article was "
            "skipped, the run went on",
            source=label,
            seconds=timeout,
        )
        return ArticleFailure.from_exception(error, label), []
    result, title_line = outcome
    seen: dict[tuple[str, str], ArticleFailure] = {}
    for w in caught:
        if not _about_the_article(w):
            # not the article's (a ResourceWarning of a socket another part of the process
            # left to the garbage collector, a dependency's deprecation): passed on as usual
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
            continue
        message = str(w.message)
        line = getattr(w.message, "line", None)
        if line is None and issubclass(w.category, UnknownCountryWarning):
            line = title_line  # the title named the country
        located = message if message.startswith(f"{label}:") else f"{label}: {message}"
        seen.setdefault(
            (w.category.__name__, located),
            ArticleFailure(label, line, w.category.__name__, located, "warning"),
        )
    return result, list(seen.values())


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _about_the_article(w: warnings.WarningMessage) -> bool:
    """Whether a warning caught while one article was coded is about that article: one of the
    library's own warning classes, or a warning the library's code raised (not a
    ResourceWarning, which the garbage collector raises wherever it happens to run)."""
    if w.category.__module__.split(".")[0] == "relations_lib":
        return True
    if issubclass(w.category, ResourceWarning):
        return False
    return os.path.abspath(w.filename).startswith(_PACKAGE_DIR + os.sep)


def code_sources(
    sources: list[str],
    max_bytes: int | None = MAX_ARTICLE_BYTES,
    root: str | None = None,
    timeout: float | None = None,
) -> tuple[dict[str, pd.DataFrame], list[dict], list]:
    """Code the articles at ``sources`` into one frame per table, in this process.

    Files are read as :func:`relations_lib.read_article` reads them (regular files only, at most
    ``max_bytes``; never blocking on a FIFO nor reading a device). ``root``: the folder the
    articles' ``event_id`` values are named relative to (:func:`article_key`; None: the file
    stem, as for one article). ``timeout``: seconds one article may take to read and code
    (None: no limit); a slower article is an ``ArticleTimeoutError`` row of ``errors``
    (:func:`relations_lib.corpus.limits.call_with_limit`). Warnings an article raises are
    ``errors`` rows of severity "warning", not printed.

    Returns
    -------
    (tables, articles, failures)
        ``tables``: ``events``, ``vote_mentions``, ``unmatched`` (``article`` column first) and
        ``errors``, with the columns and dtypes of :func:`relations_lib.extract_events_many`'s
        tables (``errors``: each article's error or warnings, in article order);
        ``articles``: one ``{"source", "signature", "error"}`` dict per source, in order;
        ``failures``: the :class:`~relations_lib.corpus.ArticleFailure` of each bad file and
        of each warning (``severity``).

    Raises
    ------
    Exception
        Anything but a :class:`RelationsLibError` is a bug and propagates, with a note naming
        the article.
    """
    from .local import ArticleFailure, _errors_frame, _frame_of_rows

    rows: dict[str, list[dict]] = {name: [] for name in TABLES[:3]}
    keys: dict[str, list[str]] = {name: [] for name in TABLES[:3]}
    failures: list[ArticleFailure] = []
    articles = []
    for source in sources:
        label = shown(source)  # the article's name in tables and messages
        signature = _signature(source)
        result, warned = _code_one(source, label, max_bytes, timeout)
        if isinstance(result, ArticleFailure):
            failures.append(result)
        else:
            failures += warned
            result["events"] = _keyed(result["events"], article_key(source, root))
            for name, table_rows in result.items():
                rows[name] += table_rows
                keys[name] += [label] * len(table_rows)
        articles.append(
            {"source": source, "signature": signature, "error": isinstance(result, ArticleFailure)}
        )
    tables = {name: _frame_of_rows(name, rows[name], keys[name]) for name in TABLES[:3]}
    tables["errors"] = _errors_frame(failures)
    return tables, articles, failures


def code_batch(
    part: int,
    sources: list[str],
    staging: str,
    formats: tuple[str, ...],
    max_bytes: int | None = MAX_ARTICLE_BYTES,
    root: str | None = None,
    timeout: float | None = None,
) -> dict:
    """Code one batch and write it as the part folder ``staging/part-NNNNNN``; what a worker runs.

    Parameters
    ----------
    part : the part's number (unique in the output folder).
    sources : the article files of the batch.
    staging : the run's staging folder (on the file system of the output folder).
    formats : file formats to write; ``parquet`` first. Written with
        :func:`relations_lib.outputs.serialise`: CSV cells a spreadsheet would run as a
        formula are neutralised, Parquet and JSON keep the exact text.
    max_bytes : size limit of one article file (``None``: no limit).
    root : the folder ``event_id`` values name articles relative to (:func:`article_key`).
    timeout : seconds one article may take (None: no limit); see :func:`code_sources`.

    Returns
    -------
    dict
        The part's metadata (plain values, cheap to send back): ``part``, ``folder`` (its name),
        ``articles`` (``[source, size, mtime_ns]`` each; size and time None when the file could
        not be stat'ed), ``coded``, ``skipped``, ``rows`` (per table), ``files`` (name → bytes),
        ``failures`` (``[source, line, error_type, error]`` of each article skipped),
        ``warned`` (sources of the articles with warnings), ``timed_out`` (sources of the
        articles that took longer than ``timeout``), ``timeout``, ``seconds``, ``pid`` and
        ``peak_rss_mib`` of the worker.
    """
    t0 = time.perf_counter()
    warm_up()  # a no-op once the process is warm (a pool initializer or plugin did it)
    from ..outputs import _fsync_dir, _write_file, serialise

    tables, articles, failures = code_sources(list(sources), max_bytes, root, timeout)
    name = f"part-{part:06d}"
    folder = Path(staging) / name
    # not parents=True: a worker outliving a killed run finds its staging folder removed by
    # the next run, and stops here instead of making it again
    folder.mkdir()
    files = {}
    for table, frame in tables.items():
        for fmt in formats:
            payload = serialise(frame, fmt)
            # written and fsynced before the folder is moved into parts/: the manifest never
            # names data still in flight
            _write_file(folder / f"{table}.{fmt}", payload)
            files[f"{table}.{fmt}"] = len(payload)
    _fsync_dir(folder)
    return {
        "part": part,
        "folder": name,
        "articles": [[a["source"], *(a["signature"] or [None, None])] for a in articles],
        "coded": sum(not a["error"] for a in articles),
        "skipped": sum(a["error"] for a in articles),
        "rows": {table: len(frame) for table, frame in tables.items()},
        "files": files,
        "failures": [
            [f.source, f.line, f.error_type, f.error] for f in failures if f.severity == "error"
        ],
        "warned": sorted({f.source for f in failures if f.severity == "warning"}),
        "timed_out": [f.source for f in failures if f.error_type == "ArticleTimeoutError"],
        "timeout": timeout,
        "seconds": time.perf_counter() - t0,
        "pid": os.getpid(),
        "peak_rss_mib": peak_rss_mib(),
    }


def peak_rss_mib() -> float | None:
    """This process's peak resident memory in MiB (VmHWM on Linux; ru_maxrss elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024
    except ImportError:
        return None


# --- worker processes -------------------------------------------------------------------------


_WARM = False


def warm_up() -> None:
    """Load everything coding needs (dictionaries, patterns, the language model) once per process.

    It codes the bundled seed article, so whatever the extractors load lazily is loaded here,
    before the first batch: a worker pool's initializer and the Dask worker plugin call it.
    """
    global _WARM
    if _WARM:
        return
    from ..text.article import load_seed
    from .local import article_rows

    article_rows(load_seed())
    _WARM = True
