"""Restatements: an event an article states again ("recognized Palestine in 1988" in the lead
and again in the body) is one fact, not two.

:func:`find_restatements` gives each event the ``event_id`` of the earlier event it restates
(NA for an original); :func:`drop_restatements` keeps the originals, which is what charts and
counts use by default (their ``restatements=False`` parameter).

Two events state the same fact when all of these hold:

1. **Same article** (``source``), when the frame has that column.
2. **Same kind**: the same CAMEO code (``level="code"``, the default) or the same CAMEO root
   (``level="root"``: the first two digits), or the same ``event_type`` label. Events without a
   code (``event_type`` "other") say no kind, so they never restate anything. Of a *converse*
   pair the higher code is first turned into the lower one with the actors swapped: "A hosted
   B" (043) is "B visited A" (042).
3. **Same actors at country level** (the first three letters of ``actor1``/``actor2``: ALBGOV →
   ALB, IGOUNO → IGO; a missing actor counts as a value of its own), in the same order — or in
   either order when both events' codes are *symmetric* (a meeting, a signed agreement,
   establishing relations). Which codes are symmetric or converse is data:
   ``data/reference/cameo_symmetry.csv``.
4. **Compatible dates**: the period one names lies inside the other's (both start and end),
   which for calendar periods is "equal at the coarser precision of the two" (1988 and
   15 November 1988; the 1980s and 1988) and for ranges "one inside the other's range". A
   qualifier that moves the event off its period (after, before, until, by) only matches the
   same qualifier on the same period; the others (since, early, late, end of, …) keep the event
   inside its period.

An event restates the *earliest* earlier original (table order) it matches: restatements are
not matched against, so that "the 1980s" restating 1988 cannot make 1989 a restatement of 1988,
and dropping restatements keeps one row per fact.

Why the default is the CAMEO code and not its root: the root 05 holds recognition (054), an
embassy opened (050) and an agreement signed (057), which an article often states for the same
pair in the same year as distinct facts; ``level="root"`` is there for coarser work.

Cost: events are grouped by article, kind and actor pair before pairs are compared, so the
work is linear in the table plus quadratic only within a group of same-kind, same-pair events.
"""

from __future__ import annotations

import calendar
import csv
import datetime as _dt
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from .._args import BOOL, FRAME, check, one_of
from ..errors import ReferenceDataError, SchemaError
from ..paths import reference_file

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SYMMETRY_FILE", "drop_restatements", "find_restatements", "with_restatements"]

SYMMETRY_FILE = "cameo_symmetry.csv"
#: Qualifiers that put the event outside the period written ("after 1990").
_MOVING = frozenset(("after", "before", "until", "by"))
_REQUIRED = ("event_id", "year", "actor1", "actor2")
_OTHER = "other"


@dataclass(frozen=True)
class _Symmetry:
    symmetric: frozenset[tuple[str, str]]  # (code, event_type or "")
    converse: dict[str, str]  # code -> partner code


@lru_cache(maxsize=1)
def _symmetry() -> _Symmetry:
    """The rows of data/reference/cameo_symmetry.csv; ReferenceDataError names a bad line."""
    path = reference_file(SYMMETRY_FILE)
    symmetric: set[tuple[str, str]] = set()
    converse: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {"code", "event_type", "relation", "partner"}
        if reader.fieldnames is None or not need <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: header must have {', '.join(sorted(need))}")
        for row in reader:
            code = (row["code"] or "").strip()
            relation = (row["relation"] or "").strip()
            partner = (row["partner"] or "").strip()
            if not code.isdigit():
                raise ReferenceDataError(f"{path}:{reader.line_num}: code {code!r} is not CAMEO")
            if relation == "symmetric" and not partner:
                symmetric.add((code, (row["event_type"] or "").strip()))
            elif relation == "converse" and partner.isdigit():
                converse[code] = partner
            else:
                raise ReferenceDataError(
                    f"{path}:{reader.line_num}: relation must be 'symmetric' (no partner) or "
                    f"'converse' with a partner code, got {relation!r}, {partner!r}"
                )
    return _Symmetry(frozenset(symmetric), converse)


def _text(value: object) -> str:
    import pandas as pd

    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _int(value: object) -> int | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def _country(code: str) -> str:
    """Country level of an actor code: ALBGOV → ALB, IGOUNO → IGO; a short code as is."""
    return code[:3]


def _last_day(year: int, month: int | None, day: int | None, precision: str) -> _dt.date:
    if precision == "decade" and month is None:
        return _dt.date(year // 10 * 10 + 9, 12, 31)
    if month is None:
        return _dt.date(year, 12, 31)
    if day is None:
        return _dt.date(year, month, calendar.monthrange(year, month)[1])
    return _dt.date(year, month, day)


def _period(row: dict) -> tuple[_dt.date, _dt.date] | None:
    """First and last day of the period an event's date names; None when it has no year or
    the values do not make a date (a table edited by hand)."""
    year = _int(row.get("year"))
    if year is None:
        return None
    month, day = _int(row.get("month")), _int(row.get("day"))
    precision = _text(row.get("precision")) or ("day" if day else "month" if month else "year")
    try:
        start = _dt.date(year // 10 * 10 if precision == "decade" else year, month or 1, day or 1)
        y2 = _int(row.get("year_end"))
        if y2 is not None:
            m2, d2 = _int(row.get("month_end")), _int(row.get("day_end"))
            p2 = "day" if d2 else "month" if m2 else "year"
            end = _last_day(y2, m2, d2, p2)
        else:
            end = _last_day(year, month, day, precision)
    except ValueError:
        return None
    return (start, end) if start <= end else None


@dataclass(frozen=True)
class _Event:
    pos: int
    event_id: str
    kind: tuple[str, ...]  # the keys it can match on: ("code:042", "type:visit")
    actors: tuple[str, str]
    symmetric: bool
    period: tuple[_dt.date, _dt.date]
    qualifier: str


def _event(pos: int, row: dict, level: str) -> _Event | None:
    """An event as compared here; None when it can restate nothing (no kind, no date)."""
    sym = _symmetry()
    code = _text(row.get("cameo_code"))
    event_type = _text(row.get("event_type"))
    a1, a2 = _country(_text(row.get("actor1"))), _country(_text(row.get("actor2")))
    symmetric = bool(code) and ((code, "") in sym.symmetric or (code, event_type) in sym.symmetric)
    if sym.converse.get(code, code) < code:  # "A hosted B" (043) is "B visited A" (042)
        code, a1, a2 = sym.converse[code], a2, a1
        event_type = ""  # the label names the other side's act
    kind = []
    if code:
        kind.append("code:" + (code[:2] if level == "root" else code[:3]))
    if event_type and event_type != _OTHER:
        kind.append("type:" + event_type)
    period = _period(row)
    if not kind or period is None or not (a1 or a2):
        return None
    return _Event(
        pos,
        _text(row.get("event_id")),
        tuple(kind),
        (a1, a2),
        symmetric,
        period,
        _text(row.get("date_qualifier")),
    )


def _same_actors(a: _Event, b: _Event) -> bool:
    if a.actors == b.actors:
        return True
    return a.symmetric and b.symmetric and a.actors == b.actors[::-1]


def _compatible(a: _Event, b: _Event) -> bool:
    if a.qualifier in _MOVING or b.qualifier in _MOVING:
        return a.qualifier == b.qualifier and a.period == b.period
    (s1, e1), (s2, e2) = a.period, b.period
    return (s1 <= s2 and e2 <= e1) or (s2 <= s1 and e1 <= e2)


def find_restatements(
    events: pd.DataFrame, *, level: Literal["code", "root"] = "code"
) -> pd.Series:
    """For each event, the ``event_id`` of the earlier event it states again, else NA.

    A pure function of the table: nothing is read but ``events`` and the symmetry data.

    Parameters
    ----------
    events
        An events table (:func:`relations_lib.extract_events`, or many articles stacked). Needs
        ``event_id``, ``year``, ``actor1``, ``actor2``; uses ``source``, ``cameo_code``,
        ``event_type``, ``month``, ``day``, ``precision``, ``year_end``, ``month_end``,
        ``day_end`` and ``date_qualifier`` when present. Rows are compared in table order.
    level
        ``"code"`` (default): same kind means the same CAMEO code (its first three digits);
        ``"root"``: the same CAMEO root (two digits). The same ``event_type`` label (other
        than "other") is the same kind at either level.

    Returns
    -------
    pandas.Series
        Named ``restates``, dtype ``string``, on ``events.index``: the ``event_id`` of the
        original (never itself a restatement) that the row states again, NA for an original.
        The rules are in the module docstring.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    SchemaError
        When a required column is missing.
    ReferenceDataError
        When data/reference/cameo_symmetry.csv is missing or malformed.

    Sources
    -------
    The kind, actor and date rules follow the ``duplicate_of`` rule of the project's
    labelling guide (same fact: same kind and actors, compatible date); which CAMEO codes are
    symmetric is the project's reading of the CAMEO 1.1b3 codebook (cameo_symmetry.csv).
    """
    check("find_restatements", events=(events, FRAME), level=(level, one_of("code", "root")))
    import pandas as pd

    missing = [c for c in _REQUIRED if c not in events.columns]
    if missing:
        raise SchemaError(f"events table lacks column(s) {', '.join(missing)}")
    out: list[str | None] = [None] * len(events)
    # candidates grouped by (source, kind key, unordered country pair): only those can match
    groups: dict[Hashable, list[_Event]] = {}
    has_source = "source" in events.columns
    for pos, row in enumerate(events.to_dict("records")):
        ev = _event(pos, row, level)
        if ev is None:
            continue
        source = _text(row.get("source")) if has_source else ""
        pair = tuple(sorted(ev.actors))
        keys = [(source, k, pair) for k in ev.kind]
        match: _Event | None = None
        for key in keys:
            for earlier in groups.get(key, ()):
                if match is not None and earlier.pos >= match.pos:
                    break  # each group is in table order: nothing earlier is left here
                if _same_actors(earlier, ev) and _compatible(earlier, ev):
                    match = earlier
                    break
        if match is not None:
            out[pos] = match.event_id
            continue  # only originals are matched against: "the 1980s" restating 1988 must
            # not make 1989 a restatement of 1988
        for key in keys:
            groups.setdefault(key, []).append(ev)
    return pd.Series(out, index=events.index, dtype="string", name="restates")


def with_restatements(
    events: pd.DataFrame, *, level: Literal["code", "root"] = "code"
) -> pd.DataFrame:
    """``events`` with its ``restates`` column (re)computed by :func:`find_restatements`
    (placed after ``plover`` when the table has one, else last). A new frame; the input is
    not changed."""
    frame = events.drop(columns="restates", errors="ignore")
    restates = find_restatements(frame, level=level)
    cols = list(frame.columns)
    at = cols.index("plover") + 1 if "plover" in cols else len(cols)
    frame.insert(at, "restates", restates)  # drop() gave a new frame: the input is untouched
    return frame


def drop_restatements(events: pd.DataFrame, restatements: bool = False) -> pd.DataFrame:
    """The events charts and counts use: without the rows that restate an earlier event.

    Parameters
    ----------
    events
        An events table. Without a ``restates`` column (a table built by hand or by an older
        version) nothing is known to be restated and the table is returned unchanged; call
        :func:`with_restatements` first to compute the column.
    restatements
        True keeps every row (the table is returned as given).

    Returns
    -------
    pandas.DataFrame
        The rows whose ``restates`` is NA, in their order, with their index.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("drop_restatements", events=(events, FRAME), restatements=(restatements, BOOL))
    if restatements or "restates" not in events.columns:
        return events
    return events.loc[events["restates"].isna().to_numpy()]
