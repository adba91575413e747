"""Event timelines: when the article's dated events happened, what kind they were (CAMEO quad
class) and how cooperative or conflictual they were (Goldstein scale).

Input is the events table of :func:`relations_lib.extract_events` (columns as in DESIGN.md).
Events without a CAMEO code (``event_type == "other"``: NA ``cameo_code``/``goldstein``/
``quad_class``) are drawn in grey as "uncoded" and left out of every Goldstein sum.

>>> import relations_lib as rl
>>> events = rl.extract_events(rl.load_seed())
>>> ax = rl.plots.plot_milestones(events, phases=rl.cold_war_phases())
"""

from __future__ import annotations

import html
import itertools
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy

from .._args import AXES, BOOL, FRAME, TEXT, at_least, check, optional
from ..coding.restatements import drop_restatements
from ..errors import SchemaError
from .style import (  # declared there: phases.py draws them too, without importing this module
    CONFLICT_COLOR,
    COOPERATION_COLOR,
    NEUTRAL_COLOR,
    QUAD_CLASS_COLORS,
    QUAD_CLASS_NAMES,
)

QUAD_CLASS_MARKERS: dict[int, str] = {1: "o", 2: "s", 3: "^", 4: "D", 0: "o"}
_PLOTLY_SYMBOLS: dict[int, str] = {
    1: "circle",
    2: "square",
    3: "triangle-up",
    4: "diamond",
    0: "circle-open",
}
_CLASS_ORDER = (1, 2, 3, 4, 0)
#: UN votes the article states (rl.extract_vote_mentions): CAMEO codes no abstention, so they
#: are drawn as their own markers. Okabe–Ito colours the quad classes do not use, and a shape
#: per vote (a plus for yes, a cross for no), so they stay apart in greyscale too.
VOTE_LEVELS: tuple[str, ...] = ("yes", "abstain", "no")
VOTE_COLORS: dict[str, str] = {"yes": "#009E73", "abstain": "#F0E442", "no": "#CC79A7"}
VOTE_MARKERS: dict[str, str] = {"yes": "P", "abstain": "h", "no": "X"}
_PLOTLY_VOTE_SYMBOLS: dict[str, str] = {"yes": "cross", "abstain": "hexagon", "no": "x"}
VOTE_LEGEND = "UN vote (yes / abstain / no)"
_VOTE_VERBS = {"yes": "votes yes", "abstain": "abstains", "no": "votes no"}

_REQUIRED = ("date", "quad_class")
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "decade": 0}

# Geometry of the static timeline, in points.
_STACK_PTS = 9.0  # vertical spacing of markers that share a date
_FIRST_LEVEL_PTS = 14.0  # gap between the marker row and the nearest label
_LEVEL_GAP_PTS = 3.0  # gap between two label rows
_EDGE_PAD_PTS = 6.0  # room kept between the outermost label and the axes edge
_PHASE_LABEL_PTS = 16.0  # room kept at the top for add_phase_bands' labels
_LABEL_FONTSIZE = 7.5
_LABEL_BOX_PAD = 0.25  # of the font size
_MAX_LEVELS_OWN = 6  # label rows per side when plot_milestones makes its own figure


# --------------------------------------------------------------------------------------------
# preparing the events
# --------------------------------------------------------------------------------------------
def _check_columns(events: pd.DataFrame, required: Sequence[str]) -> None:
    missing = [c for c in required if c not in events.columns]
    if missing:
        raise SchemaError(f"events table lacks column(s) {', '.join(missing)}")


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
        m, d = m_end[i], d_end[i]
        if pd.notna(m) and pd.notna(d):
            out[i] = pd.Timestamp(int(y), int(m), int(d))
        elif pd.notna(m):
            out[i] = pd.Timestamp(int(y), int(m), 1) + pd.offsets.MonthEnd(0)
        else:
            out[i] = pd.Timestamp(int(y), 12, 31)
    return out


def _prepare(events: pd.DataFrame) -> pd.DataFrame:
    """Events with a date, sorted by date, plus helper columns.

    Adds ``_class`` (quad class 1–4, 0 = uncoded), ``_end`` (end of a range or NaT) and
    ``_stack`` (0, 1, 2 … among events sharing the same date, in table order).
    """
    _check_columns(events, _REQUIRED)
    frame = events.loc[events["date"].notna()].copy()
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
    days = (rank["date"] - rank["date"].min()).dt.days.to_numpy()
    bins = np.minimum(days * max_labels // max(int(days.max()) + 1, 1), max_labels - 1)
    first = ~pd.Series(bins, index=rank.index).duplicated()
    ordered = pd.concat([rank.loc[first], rank.loc[~first]])
    chosen = ordered.head(max_labels).sort_values("date", kind="stable")
    return chosen[["date", "text"]]


# --------------------------------------------------------------------------------------------
# label placement (static timeline)
# --------------------------------------------------------------------------------------------
_LABEL_BOX = {"boxstyle": f"round,pad={_LABEL_BOX_PAD}", "fc": "white", "ec": "0.8", "lw": 0.5}


def _renderer(fig: Figure) -> Any:
    """The figure's renderer, for measuring text before anything is drawn."""
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else fig._get_renderer()


def _label_sizes(ax: Axes, texts: Sequence[str]) -> list[tuple[float, float]]:
    """Width and height in display pixels of each label's box (text + padding)."""
    fig = ax.get_figure(root=True)
    renderer = _renderer(fig)
    pad_px = 2 * _LABEL_BOX_PAD * _LABEL_FONTSIZE * fig.dpi / 72.0
    sizes = []
    for text in texts:
        probe = ax.text(0.0, 0.0, text, fontsize=_LABEL_FONTSIZE, linespacing=1.15)
        box = probe.get_window_extent(renderer)
        sizes.append((box.width + pad_px, box.height + pad_px))
        probe.remove()
    return sizes


def _overlaps(a: tuple[float, ...], b: tuple[float, ...], gap: float) -> bool:
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    return ax0 < bx1 + gap and bx0 < ax1 + gap and ay0 < by1 + gap and by0 < ay1 + gap


def _place_labels(
    ax: Axes,
    xs: Sequence[float],
    sizes: Sequence[tuple[float, float]],
    *,
    max_levels: int,
    budget_px: float | None,
    base_up_pts: float,
    base_down_pts: float,
) -> list[tuple[int, float, str] | None]:
    """Rows for the labels, so that no two label boxes overlap and no stem crosses a box.

    Greedy: each label takes the nearest free row (at most ``max_levels`` per side, and within
    ``budget_px`` of the marker row when given), trying first the side opposite to the previous
    label (the familiar alternating timeline); in a row it tries its box beside its stem, then
    centred on it. Pure geometry in display pixels of the current layout.

    Returns, per label, ``(side, offset in points of the box's near edge's text anchor,
    horizontal alignment)`` with side +1 above / −1 below, or None when it fits nowhere.
    """
    fig = ax.get_figure(root=True)
    px_per_pt = fig.dpi / 72.0
    pad_px = _LABEL_BOX_PAD * _LABEL_FONTSIZE * px_per_pt
    gap = 2.0 * px_per_pt
    if not sizes:
        return []
    row_h = max(h for _, h in sizes) + _LEVEL_GAP_PTS * px_per_pt
    left, right = ax.bbox.x0, ax.bbox.x1
    placed: list[tuple[float, float, float, float]] = []
    stems: list[tuple[float, float, float]] = []  # x, y low, y high (marker row at y = 0)
    prev_sign = -1
    xps = [ax.transData.transform((x, 0.0))[0] for x in xs]
    # Labels whose box cannot sit left of their stem (near the left edge) go right of it and
    # are placed first, right to left; the others left of their stem, left to right. Either
    # way a box lies over the stems of labels placed before it, never over those still to come,
    # so crowded years climb like stairs instead of blocking each other.
    near_left = [i for i, (xp, (w, _)) in enumerate(zip(xps, sizes, strict=True)) if xp - w < left]
    order = near_left[::-1] + [i for i in range(len(xps)) if i not in set(near_left)]
    out: dict[int, tuple[int, float, str] | None] = {}
    for n, i in enumerate(order):
        xp, (w, h) = xps[i], sizes[i]
        spans = [("right", xp - w, xp), ("center", xp - w / 2, xp + w / 2), ("left", xp, xp + w)]
        if i in near_left:
            spans.reverse()
        spans = [s for s in spans if s[1] >= left - gap and s[2] <= right + gap] or [
            min(spans, key=lambda s: max(left - s[1], s[2] - right))
        ]
        # a box over a waiting label's anchor would block that label's stem: avoid such boxes
        # unless nothing else fits (labels of the same date share the stem, so they do not count)
        waiting = [xps[j] for j in order[n + 1 :] if abs(xps[j] - xp) > gap]
        clear = [s for s in spans if not any(s[1] - gap <= fx <= s[2] + gap for fx in waiting)]
        choice = None
        for options in (clear, spans):
            for level, sign in itertools.product(range(max_levels), (-prev_sign, prev_sign)):
                base_pts = base_up_pts if sign > 0 else base_down_pts
                near = base_pts * px_per_pt + level * row_h  # distance of the box's near edge
                if budget_px is not None and near + h > budget_px:
                    continue
                y0, y1 = (near, near + h) if sign > 0 else (-near - h, -near)
                stem = (xp, 0.0, y0) if sign > 0 else (xp, y1, 0.0)
                for ha, x0, x1 in options:
                    box = (x0, y0, x1, y1)
                    if any(_overlaps(box, other, gap) for other in placed):
                        continue
                    if any(
                        x0 - gap <= sx <= x1 + gap and lo < y1 and hi > y0 for sx, lo, hi in stems
                    ):
                        continue  # an earlier stem would run through this box
                    if any(
                        b[0] - gap <= xp <= b[2] + gap and stem[1] < b[3] and stem[2] > b[1]
                        for b in placed
                    ):
                        continue  # this stem would run through an earlier box
                    choice = (sign, (near + pad_px) / px_per_pt, ha, box, stem)
                    break
                if choice is not None:
                    break
            if choice is not None:
                break
        if choice is None:
            out[i] = None
            continue
        sign, off_pts, ha, box, stem = choice
        prev_sign = sign
        placed.append(box)
        stems.append(stem)
        out[i] = (sign, off_pts, ha)
    return [out[i] for i in range(len(xps))]


def _extent_pts(
    placements: Sequence[tuple[int, float, str] | None], sizes: Sequence[tuple[float, float]], dpi
) -> tuple[float, float]:
    """Points used above and below the marker row by the placed labels."""
    px_per_pt = dpi / 72.0
    pad = _LABEL_BOX_PAD * _LABEL_FONTSIZE
    up = down = 0.0
    for place, (_, h) in zip(placements, sizes, strict=True):
        if place is None:
            continue
        sign, off_pts, _ = place
        reach = off_pts - pad + h / px_per_pt
        if sign > 0:
            up = max(up, reach)
        else:
            down = max(down, reach)
    return up, down


def _set_vertical_room(ax: Axes, up_pts: float, down_pts: float) -> None:
    """Choose y-limits (in points about the marker row at y=0) so that ``up_pts`` fit above the
    row and ``down_pts`` below; spare room is split evenly. Markers and labels are offset from
    the row in points, so only where the row sits matters."""
    height = ax.bbox.height * 72.0 / ax.get_figure(root=True).dpi
    spare = max(0.0, height - up_pts - down_pts) / 2
    ax.set_ylim(-(down_pts + spare), up_pts + spare)


# --------------------------------------------------------------------------------------------
# static timeline
# --------------------------------------------------------------------------------------------
def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _set_date_limits(ax: Axes, frame: pd.DataFrame, votes: pd.DataFrame | None = None) -> None:
    if votes is not None and not votes.empty:
        frame = pd.concat([frame[["date", "_end"]], votes[["date", "_end"]]], ignore_index=True)
    start = frame["date"].min()
    stop = max(frame["date"].max(), frame["_end"].max()) if frame["_end"].notna().any() else None
    stop = stop if stop is not None and pd.notna(stop) else frame["date"].max()
    span = max((stop - start).days, 365)
    pad = pd.Timedelta(days=span * 0.04)
    ax.set_xlim(mdates.date2num(start - pad), mdates.date2num(stop + pad))


def _title(title: str | None, what: str) -> str:
    """``"Albania–Palestine relations: dated events"`` — the article's title, never a file
    name; ``what`` alone ("Dated events in the article") when no title is given."""
    if title is None or not str(title).strip():
        return what[0].upper() + what[1:] + " in the article"
    return f"{str(title).strip()}: {what}"


def _vote_handle() -> tuple[Line2D, ...]:
    """Legend handle of the UN votes: the three vote markers side by side."""
    return tuple(
        Line2D(
            [],
            [],
            ls="",
            marker=VOTE_MARKERS[v],
            markersize=7,
            color=VOTE_COLORS[v],
            markeredgecolor="0.25",
            markeredgewidth=0.6,
        )
        for v in VOTE_LEVELS
    )


def _legend_above(ax: Axes, handles: list, *, title: str) -> None:
    """Legend in rows just above the Axes (as many columns as fit its width), title above it.

    A handle may be a ``(label, tuple of artists)`` pair (the UN votes' three markers).
    A legend wider than its Axes would make constrained layout shrink the Axes on every draw,
    so the columns are reduced until it fits.
    """
    fig = ax.get_figure(root=True)
    has_votes = any(isinstance(h, tuple) for h in handles)
    labels = [
        h[0] if isinstance(h, tuple) and isinstance(h[0], str) else h.get_label() for h in handles
    ]
    handles = [h[1] if isinstance(h, tuple) and isinstance(h[0], str) else h for h in handles]
    for ncols in (5, 3, 2, 1):
        legend = ax.legend(
            handles,
            labels,
            handler_map={tuple: HandlerTuple(ndivide=None, pad=0.4)},
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=ncols,
            frameon=False,
            fontsize=8,
            handletextpad=0.2 if not has_votes else 0.4,
            handlelength=2.0 if not has_votes else 3.4,  # room for the three vote markers
            columnspacing=1.2,
            borderaxespad=0.2,
            title="CAMEO quad class (events)",
            title_fontsize=8,
            alignment="left",
        )
        # measured before layout: the Axes' provisional width is at most its final one here
        if legend.get_window_extent(_renderer(fig)).width <= ax.bbox.width:
            break
    height_pts = legend.get_window_extent(_renderer(fig)).height * 72.0 / fig.dpi
    ax.set_title(title, loc="left", pad=height_pts + 6.0)


def _settle(fig: Figure, ax: Axes) -> None:
    """Run the layout until the Axes stops moving (constrained layout may need two passes)."""
    for _ in range(4):
        before = ax.bbox.bounds
        fig.draw_without_rendering()
        if np.allclose(before, ax.bbox.bounds, atol=0.5):
            break


def plot_milestones(
    events: pd.DataFrame,
    *,
    ax: Axes | None = None,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
    label: str | None = "auto",
    max_labels: int = 12,
    title: str | None = None,
    votes: pd.DataFrame | None = None,
    restatements: bool = False,
) -> Axes:
    """Static timeline of the article's dated events.

    One marker per event at its ``date`` (events sharing a date are stacked upwards), coloured
    and shaped by CAMEO quad class — grey for uncoded events; ranges (``year_end`` …, and decades)
    as a line from the start to the end of the period; the most salient events labelled with
    their date, event type and actors, in rows above and below the markers so that no labels
    overlap (a label that fits in no row is left out).

    Parameters
    ----------
    events
        Events table (:func:`relations_lib.extract_events`); needs ``date`` and ``quad_class``,
        and uses ``precision``, ``date_qualifier``, ``year_end``/``month_end``/``day_end``,
        ``actor1``/``actor2`` (+ ``_name``), ``event_type``, ``goldstein`` and ``source`` when
        present. Rows without a date are not drawn.
    ax
        Axes to draw on; by default a new constrained-layout figure 11 inches wide whose height
        is fitted to the label rows. On a given Axes (never resized), labels are limited to its
        height.
    phases
        Phases table (:func:`relations_lib.cold_war_phases`): shaded bands of ``track``'s phases
        behind the events (:func:`relations_lib.plots.phases.add_phase_bands`).
    track
        Which phase track to shade: a track name ("palestine", "global", …) or a country with a
        national track; default the global Cold War.
    label
        ``"auto"`` (date, event type, actors), the name of a column holding each label's text,
        or None for no labels.
    max_labels
        At most this many labels, the events with the largest |Goldstein| first.
    title
        The article's title ("Albania–Palestine relations"), shown in the chart's title; without
        it the chart says "the article".
    votes
        The article's UN vote mentions (:func:`relations_lib.extract_vote_mentions`; needs
        ``date`` and ``vote``, uses ``country``, ``resolution``, ``precision``): each dated
        yes, abstain or no is drawn on the marker row as its own marker (green plus for yes,
        yellow hexagon for abstain, purple cross for no; one legend entry "UN vote (yes /
        abstain / no)") and may be labelled ("29 Nov 2012 / UN vote: Albania abstains
        (67/19)"). CAMEO has no code for an abstention, so the events table cannot show it.
        "Did not vote" mentions are not drawn.
    restatements
        False (default): events that restate an earlier one (``restates`` not NA, see
        :mod:`relations_lib.coding.restatements`) are left out, so a fact stated twice is
        drawn once; True draws every row.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes. Marker collections have gid ``"milestones:marker:<class>"`` (class 1–4, 0 =
        uncoded) and ``"milestones:vote:<yes|abstain|no>"``, range lines
        ``"milestones:range"``, labels are the Axes' visible ``Annotation`` texts; the legend
        names the quad classes with their counts, and the UN votes when any is drawn.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_milestones",
        events=(events, FRAME),
        ax=(ax, AXES),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        label=(label, optional(TEXT)),
        max_labels=(max_labels, at_least(0)),
        title=(title, optional(TEXT)),
        votes=(votes, optional(FRAME)),
        restatements=(restatements, BOOL),
    )
    frame = _prepare(drop_restatements(events, restatements))
    vote_frame = _prepare_votes(votes, frame)
    own = ax is None
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4.8), layout="constrained")
    fig = ax.get_figure(root=True)

    # markers and ranges; a marker stacked k-th on its date is moved k*_STACK_PTS up (points,
    # so the stacking survives any y-limits)
    for key in _CLASS_ORDER:
        sub = frame.loc[frame["_class"] == key]
        color = QUAD_CLASS_COLORS[key]
        for k, level in sub.groupby("_stack", sort=True):
            trans = offset_copy(ax.transData, fig=fig, y=k * _STACK_PTS, units="points")
            for _, row in level.loc[level["_end"].notna()].iterrows():
                ax.plot(
                    mdates.date2num([row["date"], row["_end"]]),
                    [0.0, 0.0],
                    transform=trans,
                    color=color,
                    lw=3,
                    alpha=0.55,
                    solid_capstyle="round",
                    zorder=2,
                    gid="milestones:range",
                )
            ax.scatter(
                mdates.date2num(level["date"]),
                np.zeros(len(level)),
                transform=trans,
                marker=QUAD_CLASS_MARKERS[key],
                s=42,
                color=color,
                edgecolors="0.25" if key == 0 else "white",
                linewidths=0.6,
                zorder=3,
                gid=f"milestones:marker:{key}",
            )
    for vote in VOTE_LEVELS:
        sub = vote_frame.loc[vote_frame["_vote"] == vote]
        for k, level in sub.groupby("_stack", sort=True):
            trans = offset_copy(ax.transData, fig=fig, y=k * _STACK_PTS, units="points")
            ax.scatter(
                mdates.date2num(level["date"]),
                np.zeros(len(level)),
                transform=trans,
                marker=VOTE_MARKERS[vote],
                s=58,
                color=VOTE_COLORS[vote],
                edgecolors="0.25",
                linewidths=0.6,
                zorder=3,
                gid=f"milestones:vote:{vote}",
            )
    ax.axhline(0.0, color="0.4", lw=0.8, zorder=1)

    if frame.empty and vote_frame.empty:
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center", va="center")
    else:
        _set_date_limits(ax, frame if not frame.empty else vote_frame, vote_frame)
    _date_axis(ax)  # before the bands: add_phase_bands recognises a date axis by its formatter
    if phases is not None:
        from .phases import add_phase_bands  # lazily: written alongside, imports this package

        add_phase_bands(ax, phases, track=track)
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)

    counts = frame["_class"].value_counts()
    handles = [
        Line2D(
            [],
            [],
            ls="",
            marker=QUAD_CLASS_MARKERS[key],
            markersize=7,
            color=QUAD_CLASS_COLORS[key],
            markeredgecolor="0.25" if key == 0 else "white",
            label=f"{QUAD_CLASS_NAMES[key]} ({int(counts.get(key, 0))})",
        )
        for key in _CLASS_ORDER
    ]
    if not vote_frame.empty:
        handles.append((VOTE_LEGEND, _vote_handle()))
    _legend_above(ax, handles, title=_title(title, "dated events"))

    # labels: measure their boxes, choose rows (refitting our own figure's height to them),
    # then draw them as annotations whose stems run straight down/up to the marker row
    chosen = _label_texts(frame, label, max_labels, vote_frame)
    texts = list(chosen["text"])
    xs = [float(x) for x in mdates.date2num(chosen["date"])] if texts else []
    sizes = _label_sizes(ax, texts)
    stacks = [int(f["_stack"].max()) for f in (frame, vote_frame) if not f.empty]
    max_stack = max(stacks, default=0)
    base_up = _FIRST_LEVEL_PTS + max_stack * _STACK_PTS
    top_reserve = _PHASE_LABEL_PTS if phases is not None else 0.0

    def place() -> tuple[list[tuple[int, float, str] | None], float, float, float]:
        px_per_pt = fig.dpi / 72.0
        height_pts = ax.bbox.height / px_per_pt
        budget = None if own else max(0.0, (height_pts - top_reserve) / 2 - _EDGE_PAD_PTS)
        placements = _place_labels(
            ax,
            xs,
            sizes,
            max_levels=_MAX_LEVELS_OWN if own else 100,
            budget_px=None if budget is None else budget * px_per_pt,
            base_up_pts=base_up,
            base_down_pts=_FIRST_LEVEL_PTS,
        )
        up, down = _extent_pts(placements, sizes, fig.dpi)
        up = max(up, base_up) + _EDGE_PAD_PTS + top_reserve
        down = max(down, _FIRST_LEVEL_PTS) + _EDGE_PAD_PTS
        return placements, up, down, height_pts

    _settle(fig, ax)  # positions and budgets depend on the layout
    placements, up, down, height_pts = place()
    if own and abs(up + down - height_pts) > 2.0:
        # fit our own figure to what the labels need (taller or shorter, never tiny); the
        # width, hence every label's x, stays: re-place only if the layout moved sideways
        width, fig_height = fig.get_size_inches()
        before = (ax.bbox.x0, ax.bbox.x1)
        fig.set_size_inches(width, max(2.6, fig_height + (up + down - height_pts) / 72.0))
        fig.draw_without_rendering()
        if not np.allclose(before, (ax.bbox.x0, ax.bbox.x1), atol=0.5):
            placements, up, down, height_pts = place()
    pad_pts = _LABEL_BOX_PAD * _LABEL_FONTSIZE
    for text, x, place in zip(texts, xs, placements, strict=True):
        if place is None:
            continue  # no free row: left out rather than overlapping
        sign, off_pts, ha = place
        dx = {"right": -pad_pts, "center": 0.0, "left": pad_pts}[ha]
        relpos = ({"right": 1.0, "center": 0.5, "left": 0.0}[ha], 0.0 if sign > 0 else 1.0)
        ann = ax.annotate(
            text,
            xy=(x, 0.0),
            xytext=(dx, sign * off_pts),
            textcoords="offset points",
            ha=ha,
            va="bottom" if sign > 0 else "top",
            fontsize=_LABEL_FONTSIZE,
            linespacing=1.15,
            bbox=_LABEL_BOX,
            arrowprops={
                "arrowstyle": "-",
                "color": "0.55",
                "lw": 0.6,
                "shrinkA": 0,
                "shrinkB": 4,
                "relpos": relpos,
            },
            zorder=4,
            annotation_clip=False,
            gid="milestones:label",
        )
        ann.set_in_layout(False)  # placement is ours; constrained layout must not chase it
    _set_vertical_room(ax, up, down)
    return ax


# --------------------------------------------------------------------------------------------
# Goldstein chart
# --------------------------------------------------------------------------------------------
def plot_goldstein(
    events: pd.DataFrame,
    *,
    ax: Axes | None = None,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
    title: str | None = None,
    restatements: bool = False,
) -> Axes:
    """Cooperation and conflict over time on the Goldstein scale (−10 conflict … +10 cooperation).

    Each coded event is a bar at its date, blue when cooperative (> 0), vermillion when
    conflictual (< 0), grey when neutral; events sharing a date are stacked. The black step line
    (right axis, zero aligned with the left) is the running sum of the scores in date order.
    Uncoded events (no CAMEO code) are left out; the title says how many.

    Parameters
    ----------
    events
        Events table; needs ``date`` and ``goldstein``.
    ax
        Axes to draw on; by default a new constrained-layout figure.
    phases, track
        Shade ``track``'s phases behind the bars (see :func:`plot_milestones`).
    title
        The article's title (see :func:`plot_milestones`).
    restatements
        False (default): events that restate an earlier one (``restates`` not NA) are left
        out of the bars and the running sum, so a fact stated twice counts once; the title
        says how many. True keeps every row.

    Returns
    -------
    matplotlib.axes.Axes
        The left Axes (one bar patch per coded event, gid ``"goldstein:bar"``). The running sum
        is the Line2D with gid ``"goldstein:cumulative"`` on its twin Axes.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_goldstein",
        events=(events, FRAME),
        ax=(ax, AXES),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        title=(title, optional(TEXT)),
        restatements=(restatements, BOOL),
    )
    _check_columns(events, ("date", "goldstein"))
    kept = drop_restatements(events, restatements)
    n_restated = len(events) - len(kept)
    frame = kept.loc[kept["date"].notna()].copy()
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["goldstein"] = pd.to_numeric(frame["goldstein"], errors="coerce").astype("float64")
    frame = frame.sort_values("date", kind="stable")
    coded = frame.loc[frame["goldstein"].notna()].copy()
    n_uncoded = len(frame) - len(coded)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4.6), layout="constrained")

    x = mdates.date2num(coded["date"]) if len(coded) else np.array([])
    if len(frame):
        start, stop = frame["date"].min(), frame["date"].max()
        span = max((stop - start).days, 365)
        pad = pd.Timedelta(days=span * 0.04)
        xlim = (mdates.date2num(start - pad), mdates.date2num(stop + pad))
        width = span / 110
    else:
        xlim, width = None, 100.0
    # events sharing a date stack: positives upwards from 0, negatives downwards
    values = coded["goldstein"].to_numpy()
    date_key = coded["date"].to_numpy()
    bottoms = np.zeros(len(coded))
    for d in np.unique(date_key):
        idx = np.flatnonzero(date_key == d)
        for sign in (1.0, -1.0):
            same = idx[np.sign(values[idx]) == sign]
            bottoms[same] = np.concatenate([[0.0], np.cumsum(values[same])[:-1]])
    colors = np.where(
        values > 0, COOPERATION_COLOR, np.where(values < 0, CONFLICT_COLOR, NEUTRAL_COLOR)
    )
    bars = ax.bar(
        x, values, width=width, bottom=bottoms, color=colors, edgecolor="white", lw=0.5, zorder=3
    )
    for bar in bars:
        bar.set_gid("goldstein:bar")
    ax.axhline(0.0, color="0.3", lw=0.8, zorder=2)
    zero = values == 0
    if zero.any():  # a neutral score has no bar height: show it as a dot on the zero line
        ax.scatter(
            x[zero],
            np.zeros(zero.sum()),
            s=18,
            color=NEUTRAL_COLOR,
            zorder=4,
            edgecolors="0.3",
            linewidths=0.5,
            gid="goldstein:neutral",
        )
    ax.set_ylabel("Goldstein score per event")

    twin = ax.twinx()
    cumulative = np.cumsum(values)
    if len(coded):
        cx = np.append(x, xlim[1]) if xlim else x
        cy = np.append(cumulative, cumulative[-1])
        twin.plot(cx, cy, drawstyle="steps-post", color="black", lw=1.6, gid="goldstein:cumulative")
    # zero on both axes at the same height; each axis spans its own data (not mirrored)
    tops = np.concatenate([bottoms + values, bottoms, [0.0]])
    hi, lo = max(float(tops.max()), 1.0), min(float(tops.min()), 0.0)
    hi, lo = max(hi, -0.15 * lo), min(lo, -0.15 * hi)  # always a little room on both sides
    c_hi, c_lo = float(np.max(cumulative, initial=0.0)), float(np.min(cumulative, initial=0.0))
    scale = max(c_hi / hi, c_lo / lo, 0.1)
    head = 1.3 if phases is not None else 1.12  # room at the top for the phase names
    ax.set_ylim(lo * 1.12, hi * head)
    twin.set_ylim(lo * scale * 1.12, hi * scale * head)
    twin.set_ylabel("running sum")
    twin.spines["top"].set_visible(False)
    ax.spines["top"].set_visible(False)

    if xlim:
        ax.set_xlim(xlim)
    _date_axis(ax)
    if phases is not None:
        from .phases import add_phase_bands

        add_phase_bands(ax, phases, track=track)

    handles = [
        Patch(color=COOPERATION_COLOR, label="cooperation (> 0)"),
        Patch(color=CONFLICT_COLOR, label="conflict (< 0)"),
        Line2D([], [], color="black", lw=1.6, drawstyle="steps-post", label="running sum (right)"),
    ]
    if zero.any():
        handles.insert(
            2, Line2D([], [], ls="", marker="o", color=NEUTRAL_COLOR, label="neutral (0)")
        )
    twin.legend(
        handles=handles,
        loc="lower right",
        bbox_to_anchor=(1.0, 1.01),
        ncols=2,
        fontsize=8,
        frameon=False,
        borderaxespad=0.0,
    )
    noun = "event" if n_uncoded == 1 else "events"
    note = (
        f"{len(coded)} coded events; {n_uncoded} uncoded {noun} (no CAMEO code) not shown"
        if n_uncoded
        else f"{len(coded)} coded events"
    )
    if n_restated:  # its own line: the legend sits to the right of the title
        note += f"\n{_restated_note(n_restated)}"
    ax.set_title(
        f"{_title(title, 'cooperation and conflict (Goldstein scale)')}\n{note}", loc="left"
    )
    return ax


# --------------------------------------------------------------------------------------------
# interactive timeline (plotly)
# --------------------------------------------------------------------------------------------
def _esc(value: Any) -> str:
    """Article text made inert for plotly's HTML-like labels: ``"<b>"`` → ``"&lt;b&gt;"``."""
    return html.escape(_text(value), quote=False)


def _esc_wrapped(value: Any, width: int = 80) -> str:
    """Escape and wrap long text at spaces; the only markup added is our own ``<br>``."""
    # break at spaces only, so that joining the lines with spaces gives the text back
    lines = textwrap.wrap(
        _text(value), width=width, break_on_hyphens=False, break_long_words=False
    ) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _cameo_table() -> dict[str, str]:
    """CAMEO code → name (``"042"`` → ``"Make a visit"``), from the vendored CAMEO table."""
    from ..coding.cameo import cameo_codes

    return {code: entry.description for code, entry in cameo_codes().items()}


def _cameo_names(frame: pd.DataFrame) -> pd.Series:
    """CAMEO name of each row's code (``"042"`` → ``"Make a visit"``): a ``cameo_name`` column
    if the table has one, else the vendored CAMEO table; uncoded rows get their ``event_type``."""
    if "cameo_name" in frame.columns:
        return frame["cameo_name"].map(_text)
    event_type = frame["event_type"].map(_text) if "event_type" in frame else ""
    if "cameo_code" not in frame.columns:
        return pd.Series(event_type, index=frame.index, dtype="object")
    codes = frame["cameo_code"].map(_text)
    names = _cameo_table() if (codes != "").any() else {}
    return pd.Series(
        [names.get(c, "") or e for c, e in zip(codes, event_type, strict=True)], index=frame.index
    )


_HOVER = (
    "<b>%{customdata[0]}</b><br>"
    "%{customdata[1]} (%{customdata[2]}) → %{customdata[3]} (%{customdata[4]})<br>"
    "%{customdata[5]}: CAMEO %{customdata[6]} %{customdata[7]}<br>"
    "Goldstein %{customdata[8]} · section %{customdata[9]}<br>"
    "<i>%{customdata[10]}</i>"
    "<extra>%{fullData.name}</extra>"
)


def _lane_namer(frame: pd.DataFrame) -> Callable[[str, str], str]:
    """A function (actor code, name) → lane: the country of the code's first three letters
    when they are an ISO country code (ALBGOV, ALB → "Albania"), else the name, else the code.

    A country lane is named after the actor whose code is that bare country code in the table
    (the article's own wording), else after the country registry; other lanes after the
    actor's name.
    """
    from ..countries import country_words  # only here: not needed for the static charts

    known: dict[str, str] = {}
    for side in ("actor1", "actor2"):
        if side in frame and f"{side}_name" in frame:
            for code, name in zip(
                frame[side].map(_text), frame[f"{side}_name"].map(_text), strict=True
            ):
                if code and name:
                    known.setdefault(code, name)

    def country(prefix: str) -> str | None:
        if prefix in known:
            return known[prefix]
        found = country_words().get(prefix)
        return found.name if found else None

    def lane(code: str, name: str) -> str:
        prefix = code[:3]
        place = (
            country(prefix) if len(code) >= 3 and prefix.isalpha() and prefix.isupper() else None
        )
        return place or name or code or "unknown actor"

    return lane


def _lanes(frame: pd.DataFrame) -> pd.Series:
    """Lane of each event: the country of its ``actor1`` (see :func:`_lane_namer`)."""
    codes = frame["actor1"].map(_text) if "actor1" in frame else pd.Series("", index=frame.index)
    names = (
        frame["actor1_name"].map(_text)
        if "actor1_name" in frame
        else pd.Series("", index=frame.index)
    )
    lane = _lane_namer(frame)
    lanes = [lane(code, name) for code, name in zip(codes, names, strict=True)]
    return pd.Series(lanes, index=frame.index, dtype="object")


_VOTE_HOVER = (
    "<b>%{customdata[0]}</b><br>"
    "UN vote: %{customdata[1]} (%{customdata[2]}) — %{customdata[3]}<br>"
    "resolution %{customdata[4]}: %{customdata[5]}<br>"
    "section %{customdata[6]}<br>"
    "<i>%{customdata[7]}</i>"
    "<extra>%{fullData.name}</extra>"
)


def _vote_custom(votes: pd.DataFrame) -> pd.DataFrame:
    """Hover fields of the vote markers, every piece of article text HTML-escaped."""

    def column(name: str) -> pd.Series:
        return votes[name] if name in votes.columns else pd.Series("", index=votes.index)

    written = column("date_text").map(_esc)
    custom = pd.DataFrame(
        {
            "date_text": [
                text or _esc(_format_date(row))
                for text, (_, row) in zip(written, votes.iterrows(), strict=True)
            ],
            "country": column("country").map(_esc),
            "code": column("country_code").map(_esc),
            "vote": votes["_vote"].map(_esc),
            "resolution": column("resolution").map(_esc),
            "subject": column("subject").map(_esc_wrapped),
            "section": column("section").map(_esc),
            "sentence": column("sentence").map(_esc_wrapped),
        },
        index=votes.index,
    )
    return custom.replace("", "–")


def milestones_figure(
    events: pd.DataFrame,
    *,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
    title: str | None = None,
    votes: pd.DataFrame | None = None,
    restatements: bool = False,
) -> go.Figure:
    """Interactive timeline: one point per event, one lane per acting party (``actor1``).

    Colour and symbol give the quad class (legend entries toggle a class; uncoded events are
    grey open circles); ranges are lines from start to end. Hovering shows the date as written,
    both actors (name and code), the event type, CAMEO code and name, the Goldstein score, the
    section and the sentence. All article text is HTML-escaped before it reaches the figure and
    only enters through ``customdata``/``ticktext``, so markup in an article shows as text.

    Parameters
    ----------
    events
        Events table (:func:`relations_lib.extract_events`).
    phases, track
        Shade ``track``'s phases (:func:`relations_lib.plots.phases.add_phase_vrects`; default
        the global Cold War).
    title
        The article's title (see :func:`plot_milestones`).
    votes
        The article's UN vote mentions (:func:`relations_lib.extract_vote_mentions`): each
        dated yes, abstain or no is a point in its country's lane (green cross, yellow hexagon,
        purple x), in one trace named "UN vote (yes / abstain / no)"; hovering shows the date
        as written, the country, the vote, the resolution and subject, the section and the
        sentence, escaped like the events' hovers.
    restatements
        False (default): events that restate an earlier one (``restates`` not NA) are left
        out; True draws every row.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces named ``"<quad class name> (<count>)"`` (markers, in order 1–4 then uncoded),
        unnamed range lines (``showlegend=False``) and, when votes are drawn, the trace
        ``"UN vote (yes / abstain / no)"`` last.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "milestones_figure",
        events=(events, FRAME),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        title=(title, optional(TEXT)),
        votes=(votes, optional(FRAME)),
        restatements=(restatements, BOOL),
    )
    frame = _prepare(drop_restatements(events, restatements))
    vote_frame = _prepare_votes(votes, frame)
    lane_key = _lanes(frame)
    if not vote_frame.empty:  # a vote sits in its country's lane
        namer = _lane_namer(frame)
        vote_frame["_lane"] = [
            namer(_text(code), _text(name))
            for code, name in zip(
                vote_frame.get("country_code", pd.Series("", index=vote_frame.index)),
                vote_frame.get("country", pd.Series("", index=vote_frame.index)),
                strict=True,
            )
        ]
    lanes = list(dict.fromkeys(lane_key))  # first appearance in date order, top to bottom
    if not vote_frame.empty:
        lanes += [lane for lane in dict.fromkeys(vote_frame["_lane"]) if lane not in lanes]
    lane_y = {name: len(lanes) - 1 - i for i, name in enumerate(lanes)}
    frame["_lane"] = lane_key
    frame["_y"] = frame["_lane"].map(lane_y).astype(float)
    frame["_y"] += 0.18 * frame.groupby(["_lane", "date"], sort=False).cumcount()

    def column(name: str) -> pd.Series:
        return frame[name] if name in frame.columns else pd.Series("", index=frame.index)

    gold = pd.to_numeric(column("goldstein"), errors="coerce")
    written = column("date_text").map(_esc)
    custom = pd.DataFrame(
        {
            # the date as written; our own short date when the table has none
            "date_text": [
                text or _esc(_format_date(row))
                for text, (_, row) in zip(written, frame.iterrows(), strict=True)
            ],
            "a1": column("actor1_name").map(_esc),
            "c1": column("actor1").map(_esc),
            "a2": column("actor2_name").map(_esc),
            "c2": column("actor2").map(_esc),
            "type": column("event_type").map(_esc),
            "code": column("cameo_code").map(_esc),
            "cameo": _cameo_names(frame).map(_esc),
            "gold": gold.map(lambda g: "n/a" if pd.isna(g) else f"{g:+.1f}"),
            "section": column("section").map(_esc),
            "sentence": column("sentence").map(_esc_wrapped),
        },
        index=frame.index,
    )
    custom = custom.replace("", "–")

    fig = go.Figure()
    counts = frame["_class"].value_counts()
    for key in _CLASS_ORDER:
        sub = frame.loc[frame["_class"] == key]
        color = QUAD_CLASS_COLORS[key]
        for _, row in sub.loc[sub["_end"].notna()].iterrows():
            fig.add_trace(
                go.Scatter(
                    x=[row["date"], row["_end"]],
                    y=[row["_y"], row["_y"]],
                    mode="lines",
                    line={"color": color, "width": 5},
                    opacity=0.5,
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=str(key),
                )
            )
        fig.add_trace(
            go.Scatter(
                x=sub["date"],
                y=sub["_y"],
                mode="markers",
                name=f"{QUAD_CLASS_NAMES[key]} ({int(counts.get(key, 0))})",
                legendgroup=str(key),
                marker={
                    "color": color,
                    "symbol": _PLOTLY_SYMBOLS[key],
                    "size": 12,
                    "line": {"color": "#404040" if key == 0 else "white", "width": 1},
                },
                customdata=custom.loc[sub.index].to_numpy(),
                hovertemplate=_HOVER,
            )
        )

    if not vote_frame.empty:
        # after the events of the same lane and date
        below = frame.groupby(["_lane", "date"]).size()
        start = [
            int(below.get((lane, date), 0))
            for lane, date in zip(vote_frame["_lane"], vote_frame["date"], strict=True)
        ]
        rank = vote_frame.groupby(["_lane", "date"], sort=False).cumcount()
        vote_frame["_y"] = vote_frame["_lane"].map(lane_y).astype(float) + 0.18 * (
            np.asarray(start) + rank.to_numpy()
        )
        fig.add_trace(
            go.Scatter(
                x=vote_frame["date"],
                y=vote_frame["_y"],
                mode="markers",
                name=VOTE_LEGEND,
                legendgroup="un_votes",
                marker={
                    "color": [VOTE_COLORS[v] for v in vote_frame["_vote"]],
                    "symbol": [_PLOTLY_VOTE_SYMBOLS[v] for v in vote_frame["_vote"]],
                    "size": 13,
                    "line": {"color": "#404040", "width": 1},
                },
                customdata=_vote_custom(vote_frame).to_numpy(),
                hovertemplate=_VOTE_HOVER,
            )
        )

    fig.update_layout(
        title={"text": _esc(_title(title, "dated events"))},
        template="plotly_white",
        height=300 + 45 * max(len(lanes), 1),
        hovermode="closest",
        legend={"title": {"text": "CAMEO quad class"}},
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
    )
    fig.update_yaxes(
        tickvals=list(lane_y.values()),
        ticktext=[_esc(name) for name in lane_y],
        range=[-0.6, len(lanes) - 0.4 + 0.18],
        showgrid=True,
        zeroline=False,
        title={"text": "acting party"},
    )
    fig.update_xaxes(type="date", title={"text": "date"})
    spans = (
        pd.concat(
            [f[["date", "_end"]] for f in (frame, vote_frame) if not f.empty], ignore_index=True
        )
        if not (frame.empty and vote_frame.empty)
        else frame
    )
    if not spans.empty:
        start = spans["date"].min()
        stop = max(
            spans["date"].max(), spans["_end"].max() if spans["_end"].notna().any() else start
        )
        pad = pd.Timedelta(days=max((stop - start).days, 365) * 0.04)
        fig.update_xaxes(range=[start - pad, stop + pad])
    if phases is not None:
        from .phases import add_phase_vrects

        fig = add_phase_vrects(fig, phases, track=track) or fig
    return fig
