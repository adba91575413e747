"""Static event timeline (matplotlib): one marker per dated event on a row, coloured and shaped
by CAMEO quad class, UN votes as their own markers, and the most salient events labelled in
rows above and below without overlapping (:mod:`.label_placement`).

>>> import relations_lib as rl
>>> events = rl.extract_events(rl.load_seed())
>>> ax = rl.plots.plot_milestones(events, phases=rl.cold_war_phases())
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.transforms import IdentityTransform, offset_copy

from .._args import AXES, BOOL, FRAME, TEXT, at_least, check, optional
from ..coding.restatements import drop_restatements
from .label_placement import (
    EDGE_PAD_PTS,
    GAP_PTS,
    LABEL_BOX,
    LABEL_BOX_PAD,
    LABEL_FONTSIZE,
    LABEL_LINESPACING,
    TimelineLabels,
    extent_pts,
    figure_renderer,
    label_sizes,
    place_labels,
)
from .style import QUAD_CLASS_COLORS, QUAD_CLASS_NAMES
from .timeline_data import (
    _CLASS_ORDER,
    QUAD_CLASS_MARKERS,
    VOTE_COLORS,
    VOTE_LEGEND,
    VOTE_LEVELS,
    VOTE_MARKERS,
    _date_axis,
    _drawable,
    _label_texts,
    _prepare,
    _prepare_votes,
    _title,
)

# Geometry of the static timeline, in points.
_STACK_PTS = 9.0  # vertical spacing of markers that share a date
_FIRST_LEVEL_PTS = 14.0  # gap between the marker row and the nearest label
_MAX_LEVELS_OWN = 6  # label rows per side when plot_milestones makes its own figure


def _set_vertical_room(ax: Axes, up_pts: float, down_pts: float) -> None:
    """Choose y-limits (in points about the marker row at y=0) so that ``up_pts`` fit above the
    row and ``down_pts`` below; spare room is split evenly. Markers and labels are offset from
    the row in points, so only where the row sits matters."""
    height = ax.bbox.height * 72.0 / ax.get_figure(root=True).dpi
    spare = max(0.0, height - up_pts - down_pts) / 2
    ax.set_ylim(-(down_pts + spare), up_pts + spare)


def _phase_label_room(ax: Axes, renderer) -> float:
    """Points from the Axes' top down to the lowest phase name shown (0 without any)."""
    lowest = ax.bbox.y1
    for text in ax.texts:
        if (text.get_gid() or "").startswith("phase-label:") and getattr(text, "shown", 1):
            lowest = min(lowest, text.get_window_extent(renderer).y0)
    return (ax.bbox.y1 - lowest) * 72.0 / ax.get_figure(root=True).dpi


def _set_date_limits(ax: Axes, frame: pd.DataFrame, votes: pd.DataFrame | None = None) -> None:
    if votes is not None and not votes.empty:
        frame = pd.concat([frame[["date", "_end"]], votes[["date", "_end"]]], ignore_index=True)
    start = frame["date"].min()
    stop = max(frame["date"].max(), frame["_end"].max()) if frame["_end"].notna().any() else None
    stop = stop if stop is not None and pd.notna(stop) else frame["date"].max()
    # in date numbers (days): a padded limit may lie before 1678, beyond datetime64[ns]
    lo, hi = mdates.date2num(start), mdates.date2num(stop)
    pad = max(hi - lo, 365) * 0.04
    ax.set_xlim(lo - pad, hi + pad)


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


def _legend_above(ax: Axes, handles: list, *, title: str, note: str = "") -> None:
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
            title="CAMEO quad class (events)" + (f"; {note}" if note else ""),
            title_fontsize=8,
            alignment="left",
        )
        # measured before layout: the Axes' provisional width is at most its final one here
        if legend.get_window_extent(figure_renderer(fig)).width <= ax.bbox.width:
            break
    height_pts = legend.get_window_extent(figure_renderer(fig)).height * 72.0 / fig.dpi
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
    shown_events = drop_restatements(events, restatements)
    frame = _prepare(shown_events)
    # rows with a year the date axis cannot hold (before 1678) are named, not silently lost
    off_axis = 0
    if "year" in shown_events.columns:
        off_axis = int((shown_events["year"].notna() & ~_drawable(shown_events)).sum())
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
    note = f"{off_axis} dated before 1678 not drawn (see the year column)" if off_axis else ""
    _legend_above(ax, handles, title=_title(title, "dated events"), note=note)

    # labels: rows are planned here, with the layout as it is now, to size our own figure and
    # to set where the marker row sits; TimelineLabels places them again when the figure is
    # drawn, after the layout engine has run and with the renderer (dpi) that draws them
    chosen = _label_texts(frame, label, max_labels, vote_frame)
    texts = list(chosen["text"])
    xs = [float(x) for x in mdates.date2num(chosen["date"])] if texts else []
    stacks = [int(f["_stack"].max()) for f in (frame, vote_frame) if not f.empty]
    max_stack = max(stacks, default=0)
    base_up = _FIRST_LEVEL_PTS + max_stack * _STACK_PTS

    def plan() -> tuple[list, float, float, float]:
        renderer = figure_renderer(fig)
        px_per_pt = fig.dpi / 72.0
        height_pts = ax.bbox.height / px_per_pt
        top = _phase_label_room(ax, renderer) + GAP_PTS if phases is not None else 0.0
        budget = None if own else max(0.0, (height_pts - top) / 2 - EDGE_PAD_PTS) * px_per_pt
        sizes = label_sizes(fig, texts, renderer)
        placements = place_labels(
            ax,
            xs,
            sizes,
            max_levels=_MAX_LEVELS_OWN if own else 100,
            budget_up_px=budget,
            budget_down_px=budget,
            base_up_pts=base_up,
            base_down_pts=_FIRST_LEVEL_PTS,
        )
        up, down = extent_pts(placements, sizes, fig.dpi)
        up = max(up, base_up) + EDGE_PAD_PTS + top
        down = max(down, _FIRST_LEVEL_PTS) + EDGE_PAD_PTS
        return placements, up, down, height_pts

    _settle(fig, ax)  # positions and budgets depend on the layout
    placements, up, down, height_pts = plan()
    for _ in range(3):
        if not own or abs(up + down - height_pts) <= 1.0:
            break
        # fit our own figure to what the labels need (taller or shorter, never tiny); the
        # layout gives the Axes only part of a change of height, hence a few rounds. The
        # width, hence every label's x, stays: re-plan only if the layout moved sideways
        width, fig_height = fig.get_size_inches()
        before = (ax.bbox.x0, ax.bbox.x1)
        fig.set_size_inches(width, max(2.6, fig_height + (up + down - height_pts) / 72.0))
        fig.draw_without_rendering()
        if not np.allclose(before, (ax.bbox.x0, ax.bbox.x1), atol=0.5):
            placements, up, down, height_pts = plan()
        else:
            height_pts = ax.bbox.height * 72.0 / fig.dpi
        if fig.get_size_inches()[1] <= 2.6:
            break
    pad_pts = LABEL_BOX_PAD * LABEL_FONTSIZE
    annotations = []
    for text, x, place in zip(texts, xs, placements, strict=True):
        sign, off_pts, ha = place if place is not None else (1, 0.0, "center")
        dx = {"right": -pad_pts, "center": 0.0, "left": pad_pts}[ha]
        ann = ax.annotate(
            text,
            xy=(x, 0.0),
            xytext=(dx, sign * off_pts),
            textcoords="offset points",
            ha=ha,
            va="bottom" if sign > 0 else "top",
            fontsize=LABEL_FONTSIZE,
            linespacing=LABEL_LINESPACING,
            bbox=LABEL_BOX,
            zorder=4,
            annotation_clip=False,
            visible=place is not None,
            gid="milestones:label",
        )
        ann.set_in_layout(False)  # placement is ours; constrained layout must not chase it
        annotations.append(ann)
    if annotations:
        # the stems, in display pixels, set at each draw by TimelineLabels
        stems = LineCollection(
            [], colors="0.55", linewidths=0.6, transform=IdentityTransform(), zorder=3.95
        )
        stems.set_gid("milestones:stem")
        stems.set_in_layout(False)
        ax.add_collection(stems, autolim=False)
        ax.add_artist(
            TimelineLabels(
                ax, annotations, xs, stems, base_up_pts=base_up, base_down_pts=_FIRST_LEVEL_PTS
            )
        )
    _set_vertical_room(ax, up, down)
    return ax
