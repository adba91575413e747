"""Reading a CSV of data/reference/ with its checks, in one place.

The loaders of the reference tables (the phase tracks, the gazetteer of historical events, the
country registry, the vote-mention vocabulary) all need the same first pass: read the file as
UTF-8, check that the header has the columns the loader uses, strip every cell, refuse a row
with more cells than the header, an empty required cell or a repeated key, and turn an ISO date
into a :class:`datetime.date` — each problem a :class:`~relations_lib.errors.ReferenceDataError`
naming the file and line. What is particular to a table (a track's contiguous phases, a regular
expression that must compile) stays with its loader.

Written with the ``csv`` module rather than a pandera schema: the messages must name the line
of the file, which ``csv.DictReader.line_num`` gives even for a quoted cell that spans lines
(a frame's index does not), and the vote-mention vocabulary and the registry are read without
importing pandas.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from .errors import ReferenceDataError

__all__ = ["iso_date", "read_rows"]


def read_rows(
    path: str | Path,
    columns: Iterable[str],
    what: str,
    *,
    required: Iterable[str] = (),
    key: str | None = None,
    min_rows: int = 0,
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a reference CSV, checked, as ``(line, {column: stripped cell})``.

    Parameters
    ----------
    path
        The file (UTF-8, with a header line).
    columns
        The columns the caller reads: each must be in the header. Other columns are kept.
    what
        What the table holds, for messages ("phases table", "historical events").
    required
        Columns whose cell must not be empty.
    key
        A column whose values must not repeat.
    min_rows
        Fewest data rows the table must have (1: it must not be empty).

    Returns
    -------
    list of (int, dict)
        The line each row starts on (1 is the header; a blank line before a row counts as
        its first) and its cells, stripped; a missing cell is ``""``.

    Raises
    ------
    ReferenceDataError
        ``"<file>: cannot read the <what> (…)"``, ``"<file>:1: missing column(s) a, b"``,
        ``"<file>:<line>: too many cells"``, ``"<file>:<line>: empty 'col'"``,
        ``"<file>:<line>: <key> 'x' repeats line <n>"``, ``"<file>: the <what> has no rows"``.
    """
    path = Path(path)
    columns = tuple(columns)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"{path}: cannot read the {what} ({exc})") from exc
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise ReferenceDataError(f"{path}:1: missing column(s) {', '.join(missing)}")
    rows: list[tuple[int, dict[str, str]]] = []
    seen: dict[str, int] = {}
    line = reader.line_num + 1  # where the next row starts (a quoted cell may span lines)
    for raw in reader:
        if None in raw:  # more cells than the header has: a comma too many, a lost quote
            raise ReferenceDataError(f"{path}:{line}: too many cells")
        row = {c: (raw.get(c) or "").strip() for c in header}
        for col in required:
            if not row[col]:
                raise ReferenceDataError(f"{path}:{line}: empty {col!r}")
        if key is not None:
            if row[key] in seen:
                raise ReferenceDataError(
                    f"{path}:{line}: {key} {row[key]!r} repeats line {seen[row[key]]}"
                )
            seen[row[key]] = line
        rows.append((line, row))
        line = reader.line_num + 1
    if len(rows) < min_rows:
        raise ReferenceDataError(f"{path}: the {what} has no rows")
    return rows


def iso_date(value: str, path: str | Path, line: int, column: str) -> dt.date:
    """``"1948-06-28"`` → ``date(1948, 6, 28)``; anything else (``"1948-6-28"``, ``"1948"``) is a
    :class:`~relations_lib.errors.ReferenceDataError` naming the file, line and column."""
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReferenceDataError(
            f"{path}:{line}: {column} {value!r} is not an ISO date (YYYY-MM-DD)"
        ) from None
