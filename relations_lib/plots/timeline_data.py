"""The events and UN votes as the event timelines draw them: dated rows in date order with their
quad class, range end and stack position, the short date and text of each label, which events
get a label, and the chart titles. Shared by :mod:`.timeline` (static), :mod:`.timeline_plotly`
(interactive) and :mod:`.goldstein`; nothing here draws.

Input is the events table of :func:`relations_lib.extract_events` (columns as in DESIGN.md).
Events without a CAMEO code (``event_type == "other"``: NA ``cameo_code``/``goldstein``/
``quad_class``) are class 0, "uncoded".
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..errors import SchemaError

QUAD_CLASS_MARKERS: dict[int, str] = {1: "o", 2: "s", 3: "^", 4: "D", 0: "o"}
_CLASS_ORDER = (1, 2, 3, 4, 0)
#: UN votes the article states (rl.extract_vote_mentions): CAMEO codes no abstention, so they
#: are drawn as their own markers. Okabe–Ito colours the quad classes do not use, and a shape
#: per vote (a plus for yes, a cross for no), so they stay apart in greyscale too.
VOTE_LEVELS: tuple[str, ...] = ("yes", "abstain", "no")
VOTE_COLORS: dict[str, str] = {"yes": "#009E73", "abstain": "#F0E442", "no": "#CC79A7"}
VOTE_MARKERS: dict[str, str] = {"yes": "P", "abstain": "h", "no": "X"}
VOTE_LEGEND = "UN vote (yes / abstain / no)"
_VOTE_VERBS = {"yes": "votes yes", "abstain": "abstains", "no": "votes no"}

_REQUIRED = ("date", "quad_class")
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "decade": 0}


def _check_columns(events: pd.DataFrame, required: Sequence[str]) -> None:
    missing = [c for c in required if c not in events.columns]
    if missing:
        raise SchemaError(f"events table lacks column(s) {', '.join(missing)}")


#: Whole years datetime64[ns] can hold (pandas' Timestamp.min/max lie inside 1677 and 2262).
_NS_YEARS = (pd.Timestamp.min.year + 1, pd.Timestamp.max.year - 1)


def _period_end(frame: pd.DataFrame) -> pd.Series:
    """Last day of each range's end period (NaT when the row is not a range).

    ``year_end=1973`` → 1973-12-31; with ``month_end=3`` → 1973-03-31; a decade without an
    explicit end ("the 1960s") spans to the last day of the decade.
    """
    out = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")

    def col(name: str) -> pd.Series:
        if name in frame.columns:
            return pd.to_numeric(frame[name], errors="coerce").astype("Int64")
        return pd.Series(pd.NA, index=frame.index, dtype="Int64")

    y_end, m_end, d_end = col("year_end"), col("month_end"), col("day_end")
    precision = frame["precision"].astype("string") if "precision" in frame else None
    for i in frame.index:
        y = y_end[i]
        if pd.isna(y) and precision is not None and precision[i] == "decade":
            start = frame.at[i, "date"]
            if pd.notna(start):
                out[i] = pd.Timestamp(start.year // 10 * 10 + 9, 12, 31)
            continue
        if pd.isna(y):
            continue
        if not _NS_YEARS[0] <= int(y) <= _NS_YEARS[1]:
            continue  # before 1678 or after 2261: no datetime64[ns], so no range line
        m, d = m_end[i], d_end[i]
        if pd.notna(m) and pd.notna(d):
            out[i] = pd.Timestamp(int(y), int(m), int(d))
        elif pd.notna(m):
            out[i] = pd.Timestamp(int(y), int(m), 1) + pd.offsets.MonthEnd(0)
        else:
            out[i] = pd.Timestamp(int(y), 12, 31)
    return out


def _drawable(events: pd.DataFrame) -> pd.Series:
    """Rows the date axis can show: a date, and a ``year`` (when the table has one) that
    datetime64[ns] can hold — a year before 1678 (a medieval treaty) has no such date, and
    its ``date`` is then not its year."""
    keep = events["date"].notna()
    if "year" in events.columns:
        year = pd.to_numeric(events["year"], errors="coerce")
        keep &= year.isna() | year.between(*_NS_YEARS)
    return keep


def _prepare(events: pd.DataFrame) -> pd.DataFrame:
    """Events with a date, sorted by date, plus helper columns.

    Adds ``_class`` (quad class 1–4, 0 = uncoded), ``_end`` (end of a range or NaT) and
    ``_stack`` (0, 1, 2 … among events sharing the same date, in table order).
    """
    _check_columns(events, _REQUIRED)
    frame = events.loc[_drawable(events)].copy()
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame = frame.sort_values("date", kind="stable")
    quad = pd.to_numeric(frame["quad_class"], errors="coerce").astype("Int64")
    frame["_class"] = quad.where(quad.isin([1, 2, 3, 4]), 0).fillna(0).astype(int)
    end = _period_end(frame)
    frame["_end"] = end.where(end > frame["date"])
    frame["_stack"] = frame.groupby("date", sort=False).cumcount()
    return frame


def _prepare_votes(votes: pd.DataFrame | None, frame: pd.DataFrame) -> pd.DataFrame:
    """The vote mentions to draw: those with a date and a yes, abstain or no vote, by date.

    Adds ``_vote`` (the vote as text), ``_end`` (NaT: a vote is a day, month or year) and
    ``_stack``, which continues the stack of the events of ``frame`` on the same date, so that
    a vote and an event of one date are stacked, not drawn over each other. "Did not vote"
    mentions (vote missing) are not drawn.
    """
    if votes is None:
        return pd.DataFrame(columns=["date", "_vote", "_end", "_stack"])
    _check_columns(votes, ("date", "vote"))
    v = votes.loc[votes["date"].notna() & votes["vote"].notna()].copy()
    v["date"] = pd.to_datetime(v["date"]).astype("datetime64[ns]")
    v["_vote"] = v["vote"].astype("string").astype(object)
    v = v.loc[v["_vote"].isin(VOTE_LEVELS)].sort_values("date", kind="stable")
    v["_end"] = pd.Series(pd.NaT, index=v.index, dtype="datetime64[ns]")
    below = v["date"].map(frame.groupby("date").size()) if not frame.empty else None
    below = below.fillna(0).astype(int) if below is not None else 0
    v["_stack"] = below + v.groupby("date", sort=False).cumcount()
    return v


def _vote_label(row: pd.Series) -> str:
    """Two-line label: ``"29 Nov 2012\nUN vote: Albania abstains (67/19)"``."""
    country = _text(row.get("country")) or _text(row.get("country_code")) or "a country"
    text = f"UN vote: {country} {_VOTE_VERBS.get(row['_vote'], row['_vote'])}"
    resolution = _text(row.get("resolution"))
    return f"{_format_date(row)}\n{text}" + (f" ({resolution})" if resolution else "")


def _restated_note(n: int) -> str:
    return f"{n} restatement{'s' if n != 1 else ''} of an earlier event left out"


def _text(value: Any) -> str:
    """A cell as text; missing → ""."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _format_date(row: pd.Series) -> str:
    """Short date for a label, at the row's precision: "1970s", "1988", "Jul 1970", "29 Nov 2012",
    with its qualifier ("end of 1996") and range end ("1971–1973")."""
    date = row["date"]
    precision = _text(row.get("precision")) or "day"
    if precision == "decade":
        text = f"{date.year // 10 * 10}s"
    elif precision == "year":
        text = f"{date.year}"
    elif precision == "month":
        text = date.strftime("%b %Y")
    else:
        text = f"{date.day} {date.strftime('%b %Y')}"
    end = row.get("_end")
    if pd.notna(row.get("year_end")) and pd.notna(end) and end.year != date.year:
        text = f"{text}–{end.year}"
    qualifier = _text(row.get("date_qualifier"))
    return f"{qualifier} {text}" if qualifier else text


#: Characters per line of an event label before its text wraps (names are wrapped, never cut
#: down to a code).
_LABEL_WIDTH = 44


def _actor_name(row: pd.Series, which: str) -> str:
    """The actor's full display name; its code only when the table has no name for it."""
    name, code = _text(row.get(f"{which}_name")), _text(row.get(which))
    return name or code


def _auto_label(row: pd.Series) -> str:
    """Label: ``"Jul 1970\\nhost visit: Government of Albania → Fatah"``; a long line wraps at
    spaces onto more lines, so that full actor names fit."""
    what = _text(row.get("event_type")) or "event"
    a1, a2 = _actor_name(row, "actor1"), _actor_name(row, "actor2")
    who = f"{a1} → {a2}" if a1 and a2 else a1 or a2
    second = f"{what}: {who}" if who else what
    wrapped = textwrap.fill(second, _LABEL_WIDTH, break_long_words=False, break_on_hyphens=False)
    return f"{_format_date(row)}\n{wrapped}"


def _label_candidates(frame: pd.DataFrame, label: str | None) -> pd.DataFrame:
    """Label candidates of the events: ``abs`` (|Goldstein|, −1 when uncoded), ``prec`` (rank
    of the date's precision), ``date`` and ``text``."""
    if label == "auto":
        texts = frame.apply(_auto_label, axis=1) if not frame.empty else pd.Series(dtype=object)
    elif label in frame.columns:
        texts = frame[label].map(_text)
    else:
        raise SchemaError(f"label={label!r}: not 'auto', None or a column of the events table")
    gold = (
        pd.to_numeric(frame["goldstein"], errors="coerce")
        if "goldstein" in frame
        else pd.Series(np.nan, index=frame.index)
    )
    precision = (
        frame["precision"].astype("string").map(_PRECISION_RANK).fillna(0)
        if "precision" in frame
        else pd.Series(0, index=frame.index)
    )
    return pd.DataFrame(
        {"abs": gold.abs().fillna(-1.0), "prec": precision, "date": frame["date"], "text": texts}
    )


def _vote_candidates(votes: pd.DataFrame) -> pd.DataFrame:
    """Label candidates of the votes: salience 0 (above uncoded events, below any coded event
    with a nonzero score), text from :func:`_vote_label`."""
    if votes.empty:
        return pd.DataFrame(columns=["abs", "prec", "date", "text"])
    precision = (
        votes["precision"].astype("string").map(_PRECISION_RANK).fillna(0)
        if "precision" in votes
        else pd.Series(0, index=votes.index)
    )
    return pd.DataFrame(
        {
            "abs": 0.0,
            "prec": precision,
            "date": votes["date"],
            "text": votes.apply(_vote_label, axis=1),
        }
    )


def _label_texts(
    frame: pd.DataFrame, label: str | None, max_labels: int, votes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The labels to draw: columns ``date`` and ``text``, in date order.

    Salience: largest |Goldstein| first (then UN votes, then uncoded events), then the most
    precise date, then the earliest; one label per identical text. To cover the whole period,
    the most salient event of each of ``max_labels`` equal time bins is taken first, the
    remaining slots by salience. Votes are labelled only with ``label="auto"``.
    """
    empty = pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "text": pd.Series(dtype=str)})
    if label is None or label == "none" or max_labels <= 0:
        return empty
    parts = [_label_candidates(frame, label)]
    if label == "auto" and votes is not None and not votes.empty:
        parts.append(_vote_candidates(votes))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return empty
    rank = pd.concat(parts, ignore_index=True)
    rank = rank.loc[rank["text"] != ""].drop_duplicates("text")
    if rank.empty:
        return empty
    rank = rank.sort_values(["abs", "prec", "date"], ascending=[False, False, True], kind="stable")
    # spread the labels over time: the best event of each of max_labels equal time bins first,
    # then the best of the rest
    # days since the first, counted in whole days: nanoseconds overflow past 292 years
    days = rank["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    days = days - days.min()
    bins = np.minimum(days * max_labels // max(int(days.max()) + 1, 1), max_labels - 1)
    first = ~pd.Series(bins, index=rank.index).duplicated()
    ordered = pd.concat([rank.loc[first], rank.loc[~first]])
    chosen = ordered.head(max_labels).sort_values("date", kind="stable")
    return chosen[["date", "text"]]


def _title(title: str | None, what: str) -> str:
    """``"Albania–Palestine relations: dated events"`` — the article's title, never a file
    name; ``what`` alone ("Dated events in the article") when no title is given."""
    if title is None or not str(title).strip():
        return what[0].upper() + what[1:] + " in the article"
    return f"{str(title).strip()}: {what}"


def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
