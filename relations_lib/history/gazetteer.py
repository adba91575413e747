"""Dated historical events that a sentence may use as its own time anchor.

"After the Six-Day War", "the onset of the First Intifada", "post the 1973 war": a sentence
often dates what it tells by a well-known event rather than (or beside) a calendar date. Two
small sourced tables in data/reference/ let :func:`find_anchors` read such anchors:

* ``historical_events.csv`` — one row per event: its name, first and last day, the phrases that
  name it (regular expressions, ``|``-separated) and the pages that state its dates;
* ``anchor_cues.csv`` — the words that relate a sentence's event to a named one, each with its
  relation: ``after`` (on or after the named event's last day), ``from`` (on or after its first
  day: "the onset of"), ``before`` (before its first day), ``during`` (between its first and
  last day) and ``until`` (on or before its first day).

A cue binds to the first event name that follows it in the same clause, within
:data:`WINDOW_WORDS` words ("After it emerged that the September 1972 attack at the Munich
Olympics …"); a name in ``tight_names`` (one that also names something else, such as "Black
September", also the militant group) binds only right after its cue. A name without a cue is no
anchor: the sentence may merely mention the event.

:func:`relations_lib.phases.assign_phase` narrows each dated row's period with the anchors of
its sentence (:func:`narrow`), so that "In 1987, the onset of the First Intifada …" falls in the
First Intifada, not in the phase the year 1987 began in.

>>> [a.event for a in find_anchors("Relations cooled after the Six-Day War.")]
['Six-Day War']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .._args import DATE, PATH, TEXT, Accepts, check, iterable_of, optional
from ..errors import ReferenceDataError
from ..paths import reference_file
from ..refdata import iso_date, read_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CUES_FILE",
    "EVENTS_FILE",
    "RELATIONS",
    "WINDOW_WORDS",
    "Anchor",
    "find_anchors",
    "historical_events",
    "narrow",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


#: The gazetteer of dated events (data/reference/).
EVENTS_FILE = "historical_events.csv"
#: The cue words and their relations (data/reference/).
CUES_FILE = "anchor_cues.csv"
#: How a cue relates the sentence's event to the named one.
RELATIONS: tuple[str, ...] = ("after", "from", "before", "during", "until")
#: Words a cue may stand before the name it binds to ("after it emerged that the … attack").
WINDOW_WORDS = 8

_EVENT_COLUMNS = ("event", "start", "end", "names", "tight_names", "source", "note")
_CUE_COLUMNS = ("cue", "relation", "note")
# a clause boundary between a cue and a name unbinds them
_CLAUSE_BREAK = re.compile(r"[,;:.()\[\]!?]|\s[–—]\s")


@dataclass(frozen=True)
class _Event:
    event: str
    start: dt.date
    end: dt.date | None
    names: re.Pattern
    tight: re.Pattern | None


@dataclass(frozen=True)
class Anchor:
    """One anchor found in a text: a cue bound to the name of a dated event.

    ``lower`` / ``upper`` are the first / last possible day of the sentence's event that the
    anchor implies (``None`` where it sets no bound); ``start`` and ``end`` are the offsets of
    the cue's start and the name's end in the text.
    """

    event: str
    relation: str
    event_start: dt.date
    event_end: dt.date | None
    lower: dt.date | None
    upper: dt.date | None
    text: str
    start: int
    end: int

    def describe(self) -> str:
        """``"after Six-Day War (1967-06-05 – 1967-06-10)"``: the relation, event and its dates."""
        span = self.event_start.isoformat()
        if self.event_end is not None and self.event_end != self.event_start:
            span += f" – {self.event_end.isoformat()}"
        return f"{self.relation} {self.event} ({span})"


# --------------------------------------------------------------------------- the tables
def _pattern(text: str, path: Path, line: int) -> re.Pattern | None:
    if not text:
        return None
    try:
        return re.compile(rf"(?<![\w-])(?:{text})(?![\w-])")
    except re.error as exc:
        raise ReferenceDataError(f"{path}:{line}: bad name pattern {text!r} ({exc})") from None


@lru_cache(maxsize=4)
def _events(file: str) -> tuple[_Event, ...]:
    path = Path(file)
    out = []
    rows = read_rows(
        path,
        _EVENT_COLUMNS,
        "historical events table",
        required=("event", "start", "names", "source"),
        key="event",
        min_rows=1,
    )
    for line, row in rows:
        if not re.search(r"https?://\S+", row["source"]):
            raise ReferenceDataError(f"{path}:{line}: source of {row['event']!r} has no address")
        start = iso_date(row["start"], path, line, "start")
        end = iso_date(row["end"], path, line, "end") if row["end"] else None
        if end is not None and end < start:
            raise ReferenceDataError(f"{path}:{line}: {row['event']!r} ends before it starts")
        names = _pattern(row["names"], path, line)
        tight = _pattern(row["tight_names"], path, line)
        out.append(_Event(row["event"], start, end, names, tight))
    return tuple(out)


@lru_cache(maxsize=4)
def _cues(file: str) -> tuple[tuple[re.Pattern, str], ...]:
    path = Path(file)
    out = []
    for line, row in read_rows(path, _CUE_COLUMNS, "anchor cues"):
        if row["relation"] not in RELATIONS:
            raise ReferenceDataError(
                f"{path}:{line}: relation {row['relation']!r} is not one of {list(RELATIONS)}"
            )
        if not row["cue"]:
            raise ReferenceDataError(f"{path}:{line}: empty 'cue'")
        try:
            pattern = re.compile(rf"(?<![\w-])(?:{row['cue']})(?![\w])", re.IGNORECASE)
        except re.error as exc:
            raise ReferenceDataError(f"{path}:{line}: bad cue {row['cue']!r} ({exc})") from None
        out.append((pattern, row["relation"]))
    return tuple(out)


def historical_events(path: str | Path | None = None) -> pd.DataFrame:
    """The gazetteer of dated historical events, validated.

    Parameters
    ----------
    path
        A CSV to read instead of the bundled ``data/reference/historical_events.csv``.

    Returns
    -------
    DataFrame
        One row per event, in file order. Columns ``event`` (string), ``start`` and ``end``
        (datetime64[ns]; ``end`` NaT for a one-day event), ``names`` and ``tight_names``
        (string: the regular expressions that name it), ``source`` (string: the addresses that
        state its dates) and ``note`` (string).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    ReferenceDataError
        A missing column, an empty field, a date that is not ISO, an event that ends before it
        starts or repeats, a pattern that does not compile, a source without an address; the
        message names the file and line.
    """
    check("historical_events", path=(path, optional(PATH)))
    import pandas as pd

    file = Path(path) if path is not None else reference_file(EVENTS_FILE)
    _events(str(file.resolve()))  # validates
    rows = [row for _, row in read_rows(file, _EVENT_COLUMNS, "historical events table")]
    frame = pd.DataFrame(rows, columns=list(_EVENT_COLUMNS))
    for col in ("start", "end"):
        frame[col] = pd.to_datetime(frame[col].replace("", None)).astype("datetime64[ns]")
    for col in ("event", "names", "tight_names", "source", "note"):
        frame[col] = frame[col].astype("string")
    return frame


# --------------------------------------------------------------------------- finding anchors
def _bounds(event: _Event, relation: str) -> tuple[dt.date | None, dt.date | None]:
    last = event.end or event.start
    if relation == "after":
        return last, None
    if relation == "from":
        return event.start, None
    if relation == "before":
        return None, event.start - dt.timedelta(days=1)
    if relation == "until":
        return None, event.start
    return event.start, last  # during


def find_anchors(
    text: str, *, events_path: str | Path | None = None, cues_path: str | Path | None = None
) -> list[Anchor]:
    """The anchors of a sentence: each cue bound to the dated event it introduces.

    A cue binds to the first event name that starts after it within :data:`WINDOW_WORDS` words
    and without a clause boundary (comma, semicolon, colon, full stop, bracket, dash) between
    them; a name listed in ``tight_names`` only when nothing but "the" separates it from the
    cue. Each name is bound at most once, to its nearest cue.

    Parameters
    ----------
    text
        A sentence.
    events_path, cues_path
        Tables to read instead of the bundled ones.

    Returns
    -------
    list of Anchor
        In the order of the cues in ``text``.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "find_anchors",
        text=(text, TEXT),
        events_path=(events_path, optional(PATH)),
        cues_path=(cues_path, optional(PATH)),
    )
    events = _events(str(Path(events_path or reference_file(EVENTS_FILE)).resolve()))
    cues = _cues(str(Path(cues_path or reference_file(CUES_FILE)).resolve()))
    names: list[tuple[int, int, _Event, bool]] = []
    for event in events:
        for pattern, tight in ((event.names, False), (event.tight, True)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                names.append((m.start(), m.end(), event, tight))
    if not names:
        return []  # the cheap case: most sentences name no event of the gazetteer
    # where names overlap ("1973 war" inside "the 1973 war"), keep the longest
    names.sort(key=lambda n: (n[0], -(n[1] - n[0])))
    kept: list[tuple[int, int, _Event, bool]] = []
    for item in names:
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    found: list[tuple[int, int, str]] = []
    for pattern, relation in cues:
        found.extend((m.start(), m.end(), relation) for m in pattern.finditer(text))
    # a longer cue wins over one inside it ("the onset of" over "of"-less forms)
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    cue_list: list[tuple[int, int, str]] = []
    for cue in found:
        if cue_list and cue[0] < cue_list[-1][1]:
            continue
        cue_list.append(cue)

    anchors: list[Anchor] = []
    bound: set[int] = set()
    for c_start, c_end, relation in cue_list:
        for i, (n_start, n_end, event, tight) in enumerate(kept):
            if n_start < c_end or i in bound:
                continue
            between = text[c_end:n_start]
            if _CLAUSE_BREAK.search(between):
                break
            words = between.split()
            if tight and [w.lower() for w in words] not in ([], ["the"]):
                continue
            if len(words) > WINDOW_WORDS:
                break
            # a nearer cue between this one and the name takes the name
            if any(c_end <= s < n_start for s, _, _ in cue_list):
                break
            lower, upper = _bounds(event, relation)
            anchors.append(
                Anchor(
                    event.event,
                    relation,
                    event.start,
                    event.end,
                    lower,
                    upper,
                    text[c_start:n_end],
                    c_start,
                    n_end,
                )
            )
            bound.add(i)
            break
    return anchors


def narrow(
    anchors: list[Anchor], earliest: dt.date, latest: dt.date
) -> tuple[dt.date, dt.date, list[Anchor]]:
    """Narrow a period (first and last possible day) with the anchors that fall inside it.

    An anchor narrows the period only when its bound lies strictly inside it: "after the
    Six-Day War" moves the start of "1967" to 10 June 1967 but leaves "1971" alone (the
    sentence's other dates may be what the anchor is about). Anchors that would empty the
    period are ignored.

    Returns
    -------
    tuple
        ``(earliest, latest, used)``: the narrowed period and the anchors that narrowed it.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "narrow",
        anchors=(
            anchors,
            iterable_of(
                Accepts("an Anchor", lambda a: isinstance(a, Anchor)),
                "a list of Anchor (find_anchors)",
            ),
        ),
        earliest=(earliest, DATE),
        latest=(latest, DATE),
    )
    used = []
    for anchor in anchors:
        lo, hi = earliest, latest
        if anchor.lower is not None and earliest < anchor.lower <= latest:
            lo = anchor.lower
        if anchor.upper is not None and earliest <= anchor.upper < latest:
            hi = anchor.upper
        if (lo, hi) != (earliest, latest) and lo <= hi:
            earliest, latest = lo, hi
            used.append(anchor)
    return earliest, latest, used
