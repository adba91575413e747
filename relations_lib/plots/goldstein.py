"""Cooperation and conflict over time on the Goldstein scale: one bar per coded event and the
running sum of the scores.

>>> import relations_lib as rl
>>> ax = rl.plots.plot_goldstein(rl.extract_events(rl.load_seed()))
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .._args import AXES, BOOL, FRAME, TEXT, check, optional
from ..coding.restatements import drop_restatements
from .style import CONFLICT_COLOR, COOPERATION_COLOR, NEUTRAL_COLOR
from .timeline_data import _check_columns, _date_axis, _drawable, _restated_note, _title


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
    frame = kept.loc[_drawable(kept)].copy()
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
        span = max((stop.to_pydatetime() - start.to_pydatetime()).days, 365)  # > 292 years
        pad = span * 0.04  # days: a padded limit may lie before 1678, beyond datetime64[ns]
        xlim = (mdates.date2num(start) - pad, mdates.date2num(stop) + pad)
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
