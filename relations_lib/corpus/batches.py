"""One batch of a corpus run: code its articles and write them as a part (used by the local
worker processes, the Dask cluster path and :mod:`relations_lib.corpus.stream`, which plans,
records and resumes the run). Below both the stream and the Dask engine, so neither imports the
other back."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RelationsLibError, RunError  # noqa: F401  (RunError: re-exported)
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
MANIFEST_KIND, MANIFEST_VERSION = "relations_lib corpus run", 1


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


def code_sources(
    sources: list[str], max_bytes: int | None = MAX_ARTICLE_BYTES
) -> tuple[dict[str, pd.DataFrame], list[dict], list]:
    """Code the articles at ``sources`` into one frame per table, in this process.

    Files are read as :func:`relations_lib.read_article` reads them (regular files only, at most
    ``max_bytes``; never blocking on a FIFO nor reading a device).

    Returns
    -------
    (tables, articles, failures)
        ``tables``: ``events``, ``vote_mentions``, ``unmatched`` (``article`` column first) and
        ``errors``, with the columns and dtypes of :func:`relations_lib.extract_events_many`'s
        tables; ``articles``: one ``{"source", "signature", "error"}`` dict per source, in order;
        ``failures``: the :class:`~relations_lib.corpus.ArticleFailure` of each bad file.

    Raises
    ------
    Exception
        Anything but a :class:`RelationsLibError` is a bug and propagates, with a note naming
        the article.
    """
    from ..text.article import read_article
    from .local import ArticleFailure, _errors_frame, _frame_of_rows, article_rows

    rows: dict[str, list[dict]] = {name: [] for name in TABLES[:3]}
    keys: dict[str, list[str]] = {name: [] for name in TABLES[:3]}
    failures: list[ArticleFailure] = []
    articles = []
    for source in sources:
        label = shown(source)  # the article's name in tables and messages
        signature = _signature(source)
        try:
            article = read_article(source, max_bytes=max_bytes)
        except RelationsLibError as exc:  # could not be read (article_rows reports the rest)
            result = ArticleFailure.from_exception(exc, label)
        except Exception as exc:
            exc.add_note(f"while reading the article {label}")
            raise
        else:
            result = article_rows(article)
        if isinstance(result, ArticleFailure):
            failures.append(result)
        else:
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

    Returns
    -------
    dict
        The part's metadata (plain values, cheap to send back): ``part``, ``folder`` (its name),
        ``articles`` (``[source, size, mtime_ns]`` each; size and time None when the file could
        not be stat'ed), ``coded``, ``skipped``, ``rows`` (per table), ``files`` (name → bytes),
        ``failures`` (``[source, line, error_type, error]`` each), ``seconds``, ``pid`` and
        ``peak_rss_mib`` of the worker.
    """
    t0 = time.perf_counter()
    warm_up()  # a no-op once the process is warm (a pool initializer or plugin did it)
    from ..outputs import _fsync_dir, _write_file, serialise

    tables, articles, failures = code_sources(list(sources), max_bytes)
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
        "failures": [[f.source, f.line, f.error_type, f.error] for f in failures],
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
