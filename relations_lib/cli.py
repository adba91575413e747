"""The ``relations`` command: extract the tables of one article or of a folder of articles,
or score them against hand labels.

    relations parse ARTICLE.txt                 # a short summary
    relations parse ARTICLE.txt --out out/      # out/events.csv, vote_mentions.csv, unmatched.csv
    relations parse articles/ --out out/ --format parquet
    relations evaluate articles/ labels/ --out accuracy.json   # recall, precision, kind, actors …

Exit status: 0 on success; 2 for bad input (an unreadable article, a bad option — the message
says ``file:line: what``); 1 for an internal error (a bug: rerun with ``--debug`` for the
traceback, and please report it). Also runs as ``python -m relations_lib.cli``.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .errors import RelationsLibError, UsageError, shorten_paths
from .outputs import FORMATS
from .paths import shown
from .text.inputs import MAX_ARTICLE_BYTES

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "OUTPUT_FAMILY",
    "PROG",
    "ProgressLine",
    "build_parser",
    "cmd_evaluate",
    "cmd_parse",
    "format_scores",
    "main",
    "parse_size",
    "serialise",
    "write_tables",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


PROG = "relations"

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


# --- the parser ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Turn 'X–Y relations' encyclopedia articles (plain text) into tidy tables of dated "
            "diplomatic events and the UN votes they state."
        ),
        epilog=(
            "Exit status: 0 success, 1 internal error (a bug; please report it), "
            "2 bad input or usage. Run 'relations parse --help' or 'relations evaluate --help' "
            "for a command."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback of an internal error"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parse = commands.add_parser(
        "parse",
        help="extract events, vote mentions and unmatched date phrases from articles",
        description=(
            "Extract the events, vote-mention and unmatched tables of an article, or of every "
            "*.txt article in a folder (corpus mode). Without --out, print a summary: title, "
            "countries and the number of sentences, events, vote mentions and unmatched date "
            "phrases."
        ),
        epilog=(
            "Files written with --out for one article: events, vote_mentions, unmatched. They "
            "are written only after every table is computed, then switched in atomically as a "
            "set: DIR holds the old tables or the new ones, never a mix, and a failed run (no "
            "space left, a read-only folder) leaves DIR unchanged. DIR then holds exactly this "
            "run's tables: tables of an earlier run that this one does not write (an "
            "errors.csv, another format) are removed; other files in DIR are never touched. "
            "For a folder, --out streams: the articles are coded in batches (on --jobs worker "
            "processes, or a Dask cluster with --scheduler) and each batch is written as soon "
            "as it is done as a part, DIR/parts/part-NNNNNN/ holding events, vote_mentions, "
            "unmatched (each with an 'article' column first) and errors (the articles skipped "
            "and why, and the warnings of coded articles: severity 'warning'); "
            "DIR/parts/manifest.jsonl names the complete parts. An interrupted run "
            "(Ctrl-C, a kill) leaves only complete parts: rerun the same command to resume. "
            "Read the tables with relations_lib.read_run(DIR). In CSV, text cells starting "
            "with = + - @ "
            "(or a tab or carriage return) get a leading ' so that spreadsheets do not run them "
            "as formulas (JSON and Parquet keep the exact text). In corpus mode unreadable "
            "articles are skipped and reported; the exit status is 2 only when no article "
            "could be processed."
        ),
    )
    parse.add_argument(
        "path",
        metavar="ARTICLE.txt|DIR",
        type=Path,
        help="an article in the plain-text form (UTF-8), or a folder of *.txt articles",
    )
    parse.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="write the tables into DIR (created if missing) instead of printing a summary",
    )
    parse.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="file format for --out: csv (the default for one article), parquet (needs pyarrow: "
        "pip install 'relations_lib[parquet]') or json (one list of records per table). A "
        "folder run always writes Parquet parts; csv or json adds that format beside them",
    )
    _add_corpus_options(parse)
    parse.add_argument(
        "--max-bytes",
        metavar="SIZE",
        type=parse_size,
        default=MAX_ARTICLE_BYTES,
        help="size limit of one article file: bytes, or with a unit (500k, 20M, 1G: powers of "
        "1024), or 'none'; default 10M. A larger file is refused (skipped in a folder run)",
    )
    parse.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,  # keep a --debug given before the command
        help="show the full traceback of an internal error",
    )
    parse.set_defaults(run=cmd_parse)
    _add_evaluate(commands)
    return parser


def _add_evaluate(commands) -> None:
    evaluate = commands.add_parser(
        "evaluate",
        help="score the events against hand-labelled articles (recall, precision, kind, actors)",
        description=(
            "Score the library's events on articles labelled by hand (one <slug>.labels.json "
            "per <slug>.txt, in the format of the labelling guide, docs/LABELS.md): recall, "
            "precision, exact date, date precision, CAMEO root agreement with the labelled "
            "kind, actor agreement and whole events, per article and overall, beside a trivial "
            "baseline (the first title country named in the sentence acts on the other; the "
            "most frequent kind). Prints a table; --out writes the scores as JSON."
        ),
        epilog=(
            "With --manifest (a CSV with the columns slug and split, like a development set's "
            "manifest.csv) each split is scored apart, tune first and holdout next; the "
            "baseline's kind then comes from the tune split, and the holdout split is reported "
            "as a whole (no per-article rows), so that it steers no rule. Articles without "
            "labels and labels without an article are left out with a warning. Exit status 2 "
            "for a malformed labels file (the message names the file and the field)."
        ),
    )
    evaluate.add_argument(
        "articles",
        metavar="ARTICLES",
        type=Path,
        help="a folder of <slug>.txt articles, or one article",
    )
    evaluate.add_argument(
        "labels",
        metavar="LABELS",
        type=Path,
        help="a folder of <slug>.labels.json files, or one labels file",
    )
    evaluate.add_argument(
        "--out", metavar="FILE.json", type=Path, help="write the scores to this JSON file"
    )
    evaluate.add_argument(
        "--manifest",
        metavar="FILE.csv",
        type=Path,
        help="score each split of this manifest (columns slug, split) apart",
    )
    evaluate.add_argument(
        "--detail",
        metavar="FILE.csv",
        type=Path,
        help="also write the detail table (one row per label and per unmatched prediction)",
    )
    evaluate.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the full traceback of an internal error",
    )
    evaluate.set_defaults(run=cmd_evaluate)


# --- output ---------------------------------------------------------------------------------

#: Every file name ``--out`` may hold: each table in each format. A run removes the ones it
#: does not write (a stale errors.csv, another format's files) in the same switch.
OUTPUT_FAMILY: frozenset[str] = frozenset(
    f"{table}.{fmt}"
    for table in ("events", "vote_mentions", "unmatched", "errors")
    for fmt in FORMATS
)

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int | None:
    """``--max-bytes``: ``"20M"`` → 20971520; ``"none"`` → None (no limit)."""
    import re

    value = text.strip().lower()
    if value == "none":
        return None
    match = re.fullmatch(r"(\d+)\s*([kmg]?)(?:i?b)?", value)
    if not match or int(match.group(1)) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size: give bytes (1048576), a number with a unit "
            "(500k, 20M, 1G) or 'none'"
        )
    return int(match.group(1)) * _UNITS[match.group(2)]


def _require_pyarrow() -> None:
    import importlib.util

    try:
        found = importlib.util.find_spec("pyarrow") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise UsageError(
            "--format parquet needs the optional package pyarrow: "
            "pip install 'relations_lib[parquet]' (or use --format csv or json)"
        )


def serialise(frame: pd.DataFrame, fmt: str) -> bytes:
    """A table as the bytes of a file in ``fmt`` (csv, parquet or json); see
    :func:`relations_lib.outputs.serialise` (CSV cells are neutralised against formulas)."""
    from .outputs import serialise as _serialise

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        _require_pyarrow()
    return _serialise(frame, fmt)


def _is_file(path: Path) -> bool:
    """An existing non-folder (False when it cannot be looked at: writing then says why)."""
    import stat

    try:
        return not stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def write_tables(tables: dict[str, pd.DataFrame], out: Path, fmt: str) -> list[Path]:
    """Serialise every table first, then switch them into ``out`` as one set; the paths.

    ``out`` then holds exactly these tables among :data:`OUTPUT_FAMILY` (see
    :mod:`relations_lib.outputs`). Raises :class:`UsageError` when ``out`` is a file and
    :class:`~relations_lib.errors.OutputError` when the set cannot be written (``out``
    unchanged).
    """
    from .outputs import write_set

    if _is_file(out):
        raise UsageError(f"{shown(out)}: --out must be a folder, and this is a file")
    # serialised here (not by outputs.write_tables) so that --format parquet without pyarrow
    # is a usage error
    payloads = {f"{name}.{fmt}": serialise(frame, fmt) for name, frame in tables.items()}
    write_set(out, payloads, family=OUTPUT_FAMILY)
    return [out / name for name in payloads]


# --- progress ------------------------------------------------------------------------------


class ProgressLine:
    """Progress on stderr: one line rewritten with ``\\r`` on a terminal, plain lines otherwise."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.width = 0

    def __call__(self, done: int, total: int, source: str) -> None:
        text = f"[{done:>{len(str(total))}}/{total}] {shown(os.path.basename(source))}"
        if self.tty:
            pad = " " * max(0, self.width - len(text))
            self.stream.write(f"\r{text}{pad}")
            self.width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.width:
            self.stream.write("\n")
            self.stream.flush()


# --- the parse command ------------------------------------------------------------------------


def _summary_one(article, tables: dict[str, pd.DataFrame], out: TextIO) -> None:
    countries = ", ".join(f"{c.name} ({c.code})" for c in article.countries)
    rows = [
        ("title", article.title),
        ("countries", countries),
        ("sentences", len(article.sentences)),
        ("events", len(tables["events"])),
        ("vote mentions", len(tables["vote_mentions"])),
        ("unmatched", len(tables["unmatched"])),
    ]
    print(shown(article.source), file=out)
    for label, value in rows:
        print(f"  {label:<14} {value}", file=out)


def _parse_one(path: Path, args: argparse.Namespace, out: TextIO) -> int:
    from .corpus.local import extract_tables
    from .text.article import read_article

    if args.out is not None:
        _refuse_corpus_run_folder(args.out)
    article = read_article(path, max_bytes=args.max_bytes)
    tables = extract_tables(article)  # everything computed before anything is written
    if args.out is None:
        _summary_one(article, tables, out)
        return EXIT_OK
    _report_written(write_tables(tables, args.out, args.format), args.out, out)
    return EXIT_OK


def _refuse_corpus_run_folder(out: Path) -> None:
    """One article's tables must not go into a folder that holds a corpus run: they would
    replace the run's stacked tables and sit beside its parts, which ``read_run`` would still
    read (two contradicting sets in one folder)."""
    from .corpus.stream import MANIFEST, PARTS

    manifest = out / PARTS / MANIFEST
    try:
        found = manifest.is_file()
    except OSError:  # a name too long, a folder we may not search: the writer reports it
        return
    if found:
        raise UsageError(
            f"{shown(out)}: holds a corpus run ({shown(manifest)}); one article's tables "
            "written there would sit beside the run's parts, which no longer match them: "
            "choose another --out, or remove the folder first"
        )


def _report_written(written: list[Path], folder: Path, out: TextIO) -> None:
    names = ", ".join(p.name for p in written)
    print(f"wrote {len(written)} tables to {shown(folder)}: {names}", file=out)


def _report_unread(subfolders: list[str], err: TextIO) -> None:
    """Say which sub-folders holding ``*.txt`` files a (non-recursive) folder run left out."""
    if not subfolders:
        return
    n = len(subfolders)
    listed = ", ".join(subfolders[:5]) + (f", … ({n - 5} more)" if n > 5 else "")
    print(
        f"{n} sub-folder{'s' if n != 1 else ''} with *.txt files not read (a folder run reads "
        f"only the files directly in it; run each sub-folder into its own --out): {listed}",
        file=err,
    )


def _parse_many(folder: Path, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``relations parse DIR`` without --out: a summary line per article (a run with --out
    streams: :func:`_parse_stream`)."""
    from .corpus.local import _expand, _source_of, extract_events_many

    files = _expand(folder)  # a folder that may not be listed: ArticleFileError, exit 2
    if not files:
        raise UsageError(f"{shown(folder)}: no *.txt articles in this folder")
    progress = ProgressLine(err)
    try:
        tables = extract_events_many(files, progress=progress, max_bytes=args.max_bytes)
    finally:
        progress.close()
    for row in tables.errors.itertuples(index=False):
        print(f"skipped: {row.error}", file=err)
    counts = {
        name: getattr(tables, name).groupby("article", sort=False).size()
        for name in ("events", "vote_mentions", "unmatched")
    }
    print(f"{'events':>7} {'votes':>6} {'unmatched':>9}  article", file=out)
    skipped = set(tables.errors["source"])
    for path in files:
        source = _source_of(path)
        if source in skipped:
            continue
        n = [int(counts[name].get(source, 0)) for name in counts]
        print(f"{n[0]:>7} {n[1]:>6} {n[2]:>9}  {source}", file=out)
    total = {name: int(c.sum()) for name, c in counts.items()}
    print(
        f"{tables.n_articles} articles processed, {tables.n_skipped} skipped; "
        f"{total['events']} events, {total['vote_mentions']} vote mentions, "
        f"{total['unmatched']} unmatched",
        file=out,
    )
    from .text.inputs import unread_subfolders

    _report_unread([shown(p) for p in unread_subfolders(folder)], err)
    if tables.n_skipped:
        reasons = tables.errors["error_type"].value_counts()
        why = ", ".join(f"{n} {kind}" for kind, n in reasons.items())
        print(f"skipped {tables.n_skipped} of {len(files)} articles: {why}", file=err)
    return EXIT_OK if tables.n_articles else EXIT_BAD_INPUT


def cmd_parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .text.inputs import is_folder

    if args.out is not None and args.format == "parquet":
        _require_pyarrow()
    if is_folder(args.path) and args.out is not None:
        return _parse_stream(args.path, args, out, err)
    _no_corpus_options(args)
    if args.format is None:
        args.format = "csv"
    if is_folder(args.path):
        return _parse_many(args.path, args, out, err)
    return _parse_one(args.path, args, out)


# --- the evaluate command ---------------------------------------------------------------------

#: Rows of the printed score table: (label, library rate, baseline rate beside it or None).
_SCORE_ROWS: tuple[tuple[str, str | None, str | None], ...] = (
    ("recall", "recall", None),
    ("precision", "precision", None),
    ("exact date (of found)", "date_exact_rate", None),
    ("date precision (of found)", "date_precision_rate", None),
    ("CAMEO root ~ kind (of found)", "kind_rate", "baseline_kind_found_rate"),
    ("actors (of found)", "actors_rate", "baseline_actors_found_rate"),
    ("whole (of required)", "whole_rate", "baseline_whole_rate"),
    ("actors (of every required label)", None, "baseline_actors_rate"),
)
_COUNT_ROWS: tuple[tuple[str, str], ...] = (
    ("articles", "articles"),
    ("required labels", "required"),
    ("found", "found"),
    ("event rows", "predicted"),
    ("false positives", "false_positives"),
)


def _rate(value) -> str:
    import pandas as pd

    return "—" if pd.isna(value) else f"{value:.3f}"  # pd.NA has no truth value


def format_scores(results: dict) -> str:
    """The printed table: one library/baseline column pair per split (or one for all)."""
    names = list(results)
    width = 32
    head = f"{'':<{width}}" + "".join(f"{n:>20}" for n in names)
    sub = f"{'':<{width}}" + "".join(f"{'library':>11}{'baseline':>9}" for _ in names)
    lines = [head, sub]
    overall = {n: results[n].overall.iloc[0] for n in names}
    for label, column in _COUNT_ROWS:
        lines.append(
            f"{label:<{width}}" + "".join(f"{int(overall[n][column]):>11}{'':>9}" for n in names)
        )
    for label, column, baseline in _SCORE_ROWS:
        cells = "".join(
            f"{_rate(overall[n][column]) if column else '':>11}"
            + f"{_rate(overall[n][baseline]) if baseline else '':>9}"
            for n in names
        )
        lines.append(f"{label:<{width}}{cells}")
    kinds = ", ".join(f"{n}: {results[n].baseline_kind}" for n in names)
    lines += [
        "",
        f"baseline: the first title country named in the sentence acts on the other; "
        f"kind = the most frequent labelled kind ({kinds})",
        "",
        "errors by kind:",
    ]
    for n in names:
        errors = results[n].errors
        counts = ", ".join(f"{row.error} {row.n}" for row in errors.itertuples(index=False))
        lines.append(f"  {n}: {counts}")
    return "\n".join(lines)


def _per_article(result, out: TextIO) -> None:
    cols = ("required", "found", "recall", "precision", "kind_rate", "actors_rate", "whole_rate")
    print(f"{'article':<40}" + "".join(f"{c.replace('_rate', ''):>10}" for c in cols), file=out)
    for row in result.articles.to_dict("records"):
        cells = "".join(
            f"{row[c]:>10}" if c in ("required", "found") else f"{_rate(row[c]):>10}" for c in cols
        )
        print(f"{row['article'][:39]:<40}{cells}", file=out)


def cmd_evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json

    from . import evaluation
    from .build import to_csv_bytes, write_atomic

    for path in (args.out, args.detail):
        if path is not None and path.is_dir():
            raise UsageError(f"{path}: give a file name, and this is a folder")
    header = {
        "about": (
            "Events scored against hand labels by relations_lib.evaluation (the rules of the "
            "labelling guide, docs/LABELS.md: 'Scoring'); rates are micro-averaged over events."
        ),
        "library_version": __version__,
        "baseline": (
            "the first title country named in the sentence acts on the other title country; "
            "kind: the most frequent kind of the required labels"
        ),
    }
    if args.manifest is not None:
        splits = evaluation.read_manifest(args.manifest)
        results = evaluation.evaluate_splits(args.articles, args.labels, splits)
        header["baseline"] += " of the tune split" if "tune" in results else ""
        payload = {**header, "splits": {}}
        for name, result in results.items():
            scores = result.to_dict()
            if name == "holdout":
                scores.pop("articles")  # the held-out part is reported as a whole
            payload["splits"][name] = scores
    else:
        results = {"all": evaluation.evaluate(args.articles, args.labels)}
        payload = {**header, **results["all"].to_dict()}
    if args.manifest is None:
        _per_article(results["all"], out)
        print(file=out)
    elif "tune" in results:
        print("tune split, per article:", file=out)
        _per_article(results["tune"], out)
        print(file=out)
    print(format_scores(results), file=out)
    written = []
    try:
        if args.out is not None:
            text = json.dumps(payload, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
            write_atomic(args.out, text.encode("utf-8"))
            written.append(args.out)
        if args.detail is not None:
            import pandas as pd

            frames = []
            for name, result in results.items():
                frame = result.detail.copy()
                frame.insert(0, "split", name)
                frames.append(frame)
            write_atomic(args.detail, to_csv_bytes(pd.concat(frames, ignore_index=True)))
            written.append(args.detail)
    except OSError as exc:
        raise UsageError(
            f"{exc.filename or args.out}: cannot write: {exc.strerror or exc}"
        ) from None
    if written:
        print("wrote " + ", ".join(str(p) for p in written), file=out)
    return EXIT_OK


# --- a folder run with --out: streaming, parallel, resumable (relations_lib.corpus.stream) ---

#: Options that only a folder run with --out takes: name -> default.
_CORPUS_OPTIONS = {
    "jobs": None,
    "batch_size": None,
    "scheduler": None,
    "fresh": False,
    "timeout": None,
}


def parse_timeout(text: str) -> float:
    """``--timeout``: seconds (a number above 0) or 'none' (no limit: ``math.inf`` here)."""
    import math

    if text.strip().lower() == "none":
        return math.inf
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected seconds (e.g. 600 or 2.5) or 'none', got {text!r}"
        ) from None
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(
            f"must be more than 0 seconds, got {text!r} (use 'none' for no limit)"
        )
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _add_corpus_options(parse: argparse.ArgumentParser) -> None:
    group = parse.add_argument_group(
        "folder runs (a folder with --out)",
        "Articles are coded in batches; each batch is written as a part when done, so memory "
        "stays flat whatever the corpus size, and a rerun resumes an interrupted run.",
    )
    group.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=_positive,
        help="worker processes (default: every core); each loads the language model once",
    )
    group.add_argument(
        "--batch-size",
        metavar="N",
        type=_positive,
        help="articles per part (default 100; fewer for a small folder, so every worker works)",
    )
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the batches on a Dask cluster, e.g. tcp://HOST:8786 (needs "
        "relations_lib[dask]; the workers must see the folder and --out at the same paths)",
    )
    group.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=parse_timeout,
        help="time limit to code one article (default 600; 'none' for no limit): a slower "
        "article is skipped with an ArticleTimeoutError row in errors ('timed out after N s') "
        "and the run goes on; a rerun with a longer limit codes such articles again",
    )
    group.add_argument(
        "--fresh",
        action="store_true",
        help="discard a previous run in --out (its manifest and parts only) and start over",
    )
    group.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress bar (there is none either when stderr is not a terminal)",
    )


def _no_corpus_options(args: argparse.Namespace) -> None:
    given = [name for name, default in _CORPUS_OPTIONS.items() if getattr(args, name) != default]
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        raise UsageError(f"{flags}: only for a folder run with --out")


def _parse_stream(folder: Path, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``relations parse DIR --out OUT``: a streaming run
    (:func:`relations_lib.corpus.stream.run_corpus`)."""
    import math
    import signal
    import threading

    from .corpus.limits import DEFAULT_TIMEOUT
    from .corpus.stream import run_corpus
    from .text.inputs import input_articles

    if args.jobs is not None and args.scheduler is not None:
        raise UsageError("--jobs and --scheduler: choose one (a cluster sets its own workers)")
    # a folder that may not be listed or holds no article (the message counts the sub-folders
    # that hold some): ArticleFileError, exit 2
    input_articles(folder)
    tty = bool(getattr(err, "isatty", lambda: False)())

    def terminate(signum, frame):  # `kill` stops the run as Ctrl-C does: workers first
        raise KeyboardInterrupt

    # only the main thread may set a handler (the CLI may be run from a thread, as in tests)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, terminate) if main else None
    fmt = args.format or "csv"
    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    try:
        summary = run_corpus(
            folder,
            args.out,
            jobs=args.jobs,
            batch_size=args.batch_size,
            formats=() if fmt == "parquet" else (fmt,),  # the parts get the asked format too
            tables=fmt,
            timeout=None if math.isinf(timeout) else timeout,
            scheduler=args.scheduler,
            progress=tty and not args.quiet,
            fresh=args.fresh,
            max_bytes=args.max_bytes,
        )
    except KeyboardInterrupt:
        print(
            f"{PROG}: interrupted; the complete parts are in {shown(args.out / 'parts')}: "
            "rerun the same command to resume",
            file=err,
        )
        return EXIT_INTERRUPTED
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    for failure in summary.failures:
        print(f"skipped: {failure[3]}", file=err)
    resumed = f"; {summary.already_done} were done already" if summary.already_done else ""
    rows = summary.rows
    earlier = summary.parts_total > summary.parts  # a resumed run: say what the run holds too
    print(
        f"{'this run: ' if earlier else ''}"
        f"{summary.coded} articles processed, {summary.skipped} skipped{resumed}; "
        f"{rows['events']} events, {rows['vote_mentions']} vote mentions, "
        f"{rows['unmatched']} unmatched",
        file=out,
    )
    if earlier:
        total = summary.rows_total
        print(
            f"run total in {shown(args.out)}: {summary.coded_total} articles processed, "
            f"{summary.skipped_total} skipped; {total['events']} events, "
            f"{total['vote_mentions']} vote mentions, {total['unmatched']} unmatched",
            file=out,
        )
    if summary.tables:
        _report_written(summary.tables, args.out, out)
        print(
            f"{summary.parts} parts coded in {summary.seconds:.1f} s by {summary.workers} "
            f"worker{'s' if summary.workers != 1 else ''}; {summary.parts_total} parts in "
            f"{shown(args.out / 'parts')}",
            file=out,
        )
    elif not summary.coded_total:  # every article failed: the folder is as it was
        print(
            f"nothing written: no article could be processed ({shown(args.out)} unchanged)",
            file=err,
        )
    _report_unread(summary.subfolders_not_read, err)
    if summary.warned_total:  # the warnings are rows of the errors table, not printed
        where = shown(args.out / f"errors.{fmt}") if summary.tables else shown(args.out / "parts")
        print(
            f"{summary.warned_total} article{'s' if summary.warned_total != 1 else ''} with "
            f"warnings; see {where} (rows of severity 'warning')",
            file=err,
        )
    if summary.failures:
        kinds: dict[str, int] = {}
        for failure in summary.failures:
            kinds[failure[2]] = kinds.get(failure[2], 0) + 1
        why = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
        print(f"skipped {summary.skipped} of {summary.inputs} articles: {why}", file=err)
    return EXIT_OK if summary.coded_total else EXIT_BAD_INPUT


# --- entry point -----------------------------------------------------------------------------


def _printable(text: str) -> str:
    """Text a UTF-8 stream can take: a lone surrogate left in a message becomes ``\\udcxx``."""
    return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


def _located(exc: BaseException, args: argparse.Namespace | None) -> str:
    """``file:line: message``; errors that do not name their file get the input path."""
    message = str(exc)
    path = getattr(args, "path", None)
    if path is None:
        return message
    shown_path = shown(path)
    from .errors import OutputError

    if getattr(exc, "source", None) or isinstance(exc, OutputError):
        return message
    if message.startswith((shown_path, shorten_paths(shown_path))):  # named once, not twice
        return message
    return f"{shown_path}: {message}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    out, err = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or argparse's usage error (status 2)
        return int(exc.code or 0)

    def show_warning(message, category, filename, lineno, file=None, line=None):
        print(f"{PROG}: warning: {message}", file=err)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = show_warning
            return args.run(args, out, err)
    except RelationsLibError as exc:
        print(_printable(_located(exc, args)), file=err)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=err)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if args.debug:
            traceback.print_exc(file=err)
        notes = "; ".join(getattr(exc, "__notes__", []))
        where = f" ({notes})" if notes else ""
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {_printable(str(exc))}{where}. "
            "This is a bug in relations_lib: please report it, with the input file"
            + (
                " and the traceback above."
                if args.debug
                else " (rerun with --debug to see the traceback)."
            ),
            file=err,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
