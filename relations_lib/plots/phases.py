"""Phase charts: shaded phase bands behind any time axis, and summaries per phase.

``phases`` is the table of :func:`relations_lib.cold_war_phases` (columns track, phase, start,
end, actor, description, source); ``track`` picks one of its tracks ("global", "palestine",
"cuba", …) or names a country with a national track; without one, charts use the global Cold
War track (the vote charts: the record's own country's track, where it has one).

>>> import relations_lib as rl
>>> phases = rl.cold_war_phases()
>>> ax = rl.plots.plot_events_by_phase(rl.extract_events(rl.load_seed()), phases)
"""

from __future__ import annotations

import html
import textwrap
from typing import Any, Literal

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import PercentFormatter

from .._args import (
    AX,
    AXES,
    BOOL,
    FRAME,
    PLOTLY_FIGURE,
    SHARE,
    TEXT,
    at_least,
    check,
    iterable_of,
    one_of,
    optional,
)
from ..coding.restatements import drop_restatements
from ..errors import SchemaError
from ..history.phases import GLOBAL_TRACK, _track_rows, assign_phase, resolve_track, track_of
from ._labels import record_country, record_subject
from .style import (
    CONFLICT_COLOR,
    COOPERATION_COLOR,
    NEUTRAL_COLOR,
    QUAD_CLASS_COLORS,
    QUAD_CLASS_NAMES,
)

#: Two neutral tones that alternate from one phase to the next, so that bands do not compete
#: with the data's colours.
BAND_COLORS = ("#6f6f6f", "#c9b27c")
#: The country's bars and the Assembly's (Okabe–Ito vermillion-free pair: blue and grey).
COUNTRY_COLOR = "#0072B2"
ASSEMBLY_COLOR = "#999999"
_CLASS_ORDER = (1, 2, 3, 4, 0)
_LABEL_FONTSIZE = 7.0
_LABEL_PAD_PTS = 2.0
_BAR_HEIGHT = 0.76  # of a track's row in the timeline

XMode = Literal["auto", "date", "year"]


def _track(track: str | None, phases: pd.DataFrame, record: pd.DataFrame | None = None) -> str:
    """The track to draw: ``track`` (a track or a country), else the national track of the
    record's country where it has one, else the global Cold War."""
    if track is not None:
        return resolve_track(track, phases)
    if record is not None:
        country = record.attrs.get("country_code") or record.attrs.get("country")
        if country:
            found = track_of(str(country))
            if found is not None and found in set(phases["track"].astype(str)):
                return found
    return GLOBAL_TRACK


def _track_title(track: str) -> str:
    """The track's title from data/reference/phase_tracks.csv ("the global Cold War")."""
    from ..history.phases import track_title

    return track_title(track)


# --------------------------------------------------------------------------------------------
# phase bands (matplotlib)
# --------------------------------------------------------------------------------------------
def _axis_mode(ax: Axes, x: XMode) -> Literal["date", "year"]:
    """Whether the x axis holds matplotlib date numbers or plain (fractional) years."""
    if x in ("date", "year"):
        return x
    if x != "auto":
        raise ValueError(f"x must be 'auto', 'date' or 'year', not {x!r}")
    converter = ax.xaxis.get_converter()
    if isinstance(converter, mdates.DateConverter | mdates._SwitchableDateConverter):
        return "date"
    if isinstance(ax.xaxis.get_major_formatter(), mdates.DateFormatter | mdates.AutoDateFormatter):
        return "date"
    if isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter):
        return "date"
    lo, hi = sorted(ax.get_xlim())
    # a numeric axis whose view lies within 1800–2200 holds years (bar per year, say)
    if lo >= 1800 and hi <= 2200:
        return "year"
    return "date"


def _to_x(dates: pd.Series | pd.DatetimeIndex, mode: str) -> np.ndarray:
    """Dates as x values: matplotlib date numbers, or fractional years (1990-07-02 → ~1990.5)."""
    stamps = pd.DatetimeIndex(pd.to_datetime(dates)).astype("datetime64[ns]")
    if mode == "date":
        return np.asarray(mdates.date2num(stamps.to_pydatetime()), dtype=float)
    start = pd.to_datetime({"year": stamps.year, "month": 1, "day": 1})
    days = np.where(stamps.is_leap_year, 366.0, 365.0)
    frac = (stamps - pd.DatetimeIndex(start)).days.to_numpy() / days
    return stamps.year.to_numpy(dtype=float) + frac


def _two_lines(name: str) -> str | None:
    """'Post-communist transition' -> 'Post-communist\ntransition' (split nearest the middle)."""
    words = name.split()
    if len(words) < 2:
        return None
    cut = min(
        range(1, len(words)),
        key=lambda k: abs(len(" ".join(words[:k])) - len(" ".join(words[k:]))),
    )
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


class _FittingLabel(Text):
    """A phase name that, when drawn, takes the first of its layouts that fits its span.

    The choice is made at draw time, with the real renderer and after the figure's layout
    engine has run, so it holds whatever the final size of the Axes. When no layout fits,
    nothing is drawn (``shown`` is then None).
    """

    def __init__(self, x0, x1, layouts, *, max_height=None, pad_pts=_LABEL_PAD_PTS, **kwargs):
        text, rotation = layouts[0]
        super().__init__(x=(x0 + x1) / 2, text=text, rotation=rotation, **kwargs)
        self._span = (x0, x1)
        self._layouts = layouts
        self._max_height = max_height  # data units of the y axis, or None
        self._pad_pts = pad_pts
        self.shown: str | None = None
        self.set_in_layout(False)

    def draw(self, renderer) -> None:
        self.shown = None
        if not self.get_visible() or self.axes is None:
            return
        ax = self.axes
        x0, x1 = (ax.transData.transform((x, 0))[0] for x in self._span)
        pad = self._pad_pts * renderer.points_to_pixels(1.0)
        room_w = abs(x1 - x0) - 2 * pad
        room_h = None
        if self._max_height is not None:
            y0, y1 = (ax.transData.transform((0, y))[1] for y in (0, self._max_height))
            room_h = abs(y1 - y0) - 2 * pad
        for text, rotation in self._layouts:
            # set the private fields: public setters would mark the figure stale mid-draw
            self._text, self._rotation = text, rotation
            box = self.get_window_extent(renderer)
            if box.width <= room_w and (room_h is None or box.height <= room_h):
                self.shown = text
                super().draw(renderer)
                return
        self._text, self._rotation = self._layouts[0]


class _PhaseBands:
    """The bands and labels of one track on one Axes, re-clipped when the x-limits change."""

    def __init__(self, ax, rows, mode, labels, alpha):
        self.ax, self.rows, self.mode = ax, rows, mode
        self.labels, self.alpha = labels, alpha
        self.artists: list = []
        self.busy = False
        self.view: tuple[float, float] | None = None
        starts = _to_x(rows["start"], mode)
        ends = rows["end"]
        self.starts = starts
        self.ends = np.where(
            ends.isna().to_numpy(), np.inf, _to_x(ends.fillna(rows["start"]), mode)
        )

    def draw(self, *_: Any) -> None:
        if self.busy:
            return
        ax = self.ax
        lo, hi = sorted(ax.get_xlim())
        if self.view is not None and np.allclose(self.view, (lo, hi)):
            return  # autoscaling at draw time re-sets the same limits: nothing to redo
        self.busy = True
        try:
            for artist in self.artists:
                artist.remove()
            self.artists = []
            self.view = (lo, hi)
            datalim = ax.dataLim.frozen()
            ignore = ax.ignore_existing_data_limits
            auto = ax.get_autoscalex_on()
            for i, (phase, x0, x1) in enumerate(
                zip(self.rows["phase"].astype(str), self.starts, self.ends, strict=True)
            ):
                a, b = max(x0, lo), min(x1, hi)
                if b <= a:
                    continue
                span = ax.axvspan(
                    a,
                    b,
                    color=BAND_COLORS[i % 2],
                    alpha=self.alpha if i % 2 == 0 else self.alpha * 0.8,
                    lw=0,
                    zorder=0,
                    label=f"_phase:{phase}",
                )
                span.set_gid(f"phase:{phase}")
                self.artists.append(span)
                if self.labels:
                    self.artists.append(self._label(phase, a, b))
            # the bands are decoration: they must not widen the view or the data limits
            ax.dataLim.set(datalim)
            ax.ignore_existing_data_limits = ignore
            ax.set_autoscalex_on(auto)
        finally:
            self.busy = False

    def _label(self, phase: str, a: float, b: float) -> Text:
        layouts = [(phase, 0.0)]
        if (two := _two_lines(phase)) is not None:
            layouts.append((two, 0.0))
        label = _FittingLabel(
            a,
            b,
            layouts,
            y=1 - 0.01,
            transform=self.ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=_LABEL_FONTSIZE,
            color="#333333",
            clip_on=True,
            zorder=1,
            linespacing=1.0,
            gid=f"phase-label:{phase}",
        )
        self.ax.add_artist(label)
        return label


def add_phase_bands(
    ax: Axes,
    phases: pd.DataFrame,
    *,
    track: str | None = None,
    labels: bool = True,
    alpha: float = 0.12,
    x: XMode = "auto",
) -> Axes:
    """Shade the phases of one track behind whatever ``ax`` shows, labelled at the top.

    One band (``axvspan``, zorder 0) per phase that is visible in the current x-limits, clipped
    to them, in two alternating neutral tones; the phase name is written at the top of its band
    when it fits (on one or two lines), else left out. Bands and labels are redrawn when the
    x-limits change. The data limits, the view and the autoscale setting are left as they were.

    Parameters
    ----------
    ax
        The Axes to shade. Its x axis holds dates (matplotlib date numbers) or years.
    phases
        The phases table (:func:`relations_lib.cold_war_phases`).
    track
        Which track's phases to draw: a track or a country with a national track (default the
        global Cold War).
    labels
        Whether to write the phase names.
    alpha
        Opacity of the darker bands (the lighter ones use 0.8 of it).
    x
        ``"date"`` (date numbers), ``"year"`` (plain numbers such as 1990 or 1990.5) or
        ``"auto"``: a date axis if ``ax`` uses a date converter or formatter, else years when
        the view lies within 1800–2200.

    Returns
    -------
    Axes
        ``ax``; the bands are ``ax.patches`` with gid ``"phase:<name>"``, the labels texts with
        gid ``"phase-label:<name>"``.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "add_phase_bands",
        ax=(ax, AX),
        phases=(phases, FRAME),
        track=(track, optional(TEXT)),
        labels=(labels, BOOL),
        alpha=(alpha, SHARE),
        x=(x, one_of("auto", "date", "year")),
    )
    rows = _track_rows(phases, _track(track, phases))
    bands = _PhaseBands(ax, rows, _axis_mode(ax, x), labels, alpha)
    bands.draw()
    ax.callbacks.connect("xlim_changed", bands.draw)
    # keep a reference: the callback registry holds only weak references to bound methods
    ax.__dict__.setdefault("_relations_phase_bands", []).append(bands)
    return ax


# --------------------------------------------------------------------------------------------
# phase rectangles (plotly)
# --------------------------------------------------------------------------------------------
def _trace_x_values(fig: go.Figure, xaxis: str | None) -> list:
    values: list = []
    for trace in fig.data:
        x = getattr(trace, "x", None)
        if x is None:
            continue
        if xaxis is not None and (getattr(trace, "xaxis", None) or "x") != xaxis:
            continue
        values.extend(v for v in x if v is not None)
    return values


def _plotly_extent(fig: go.Figure, row: int | None, col: int | None):
    """(mode, lo, hi) of the x axis the rectangles go on: from its fixed range, else its data."""
    xaxis_name, layout_axis = None, fig.layout.xaxis
    if row is not None or col is not None:
        sub = fig.get_subplot(row or 1, col or 1)
        layout_axis = sub.xaxis
        xaxis_name = layout_axis.plotly_name.replace("axis", "")
    values = list(layout_axis.range) if layout_axis.range else _trace_x_values(fig, xaxis_name)
    if not values:
        return "date", None, None
    numeric = all(isinstance(v, int | float | np.integer | np.floating) for v in values)
    if numeric and min(values) >= 1800 and max(values) <= 2200:
        return "year", float(min(values)), float(max(values))
    stamps = pd.to_datetime(pd.Series(values), errors="coerce").dropna()
    if stamps.empty:
        return "date", None, None
    return "date", stamps.min(), stamps.max()


#: Width a plotly figure is assumed to have when its layout sets none (plotly's default).
PLOTLY_DEFAULT_WIDTH = 700
#: Font size of the phase names on plotly figures, and the width of one character at that size
#: (an upper estimate for the default sans-serif font: digits and lower case are narrower).
PLOTLY_LABEL_SIZE = 9
PLOTLY_CHAR_PX = 5.6
_PLOTLY_PAD_PX = 6.0


def _plotly_plot_width(fig: go.Figure) -> float:
    """Width in pixels of the plotting area: the figure's width minus its side margins."""
    layout = fig.layout
    width = layout.width or PLOTLY_DEFAULT_WIDTH
    left = layout.margin.l if layout.margin.l is not None else 80
    right = layout.margin.r if layout.margin.r is not None else 80
    return max(float(width) - float(left) - float(right), 1.0)


def plotly_phase_label(phase: str, span_px: float) -> str | None:
    """The text of a phase's name that fits a band ``span_px`` wide: on one line, else on two
    lines split near the middle (``<br>``), else ``None``. The text is HTML-escaped."""
    layouts = [phase]
    if (two := _two_lines(phase)) is not None:
        layouts.append(two)
    for text in layouts:
        longest = max(len(line) for line in text.split("\n"))
        if longest * PLOTLY_CHAR_PX + _PLOTLY_PAD_PX <= span_px:
            return "<br>".join(html.escape(line, quote=False) for line in text.split("\n"))
    return None


def add_phase_vrects(
    fig: go.Figure,
    phases: pd.DataFrame,
    *,
    track: str | None = None,
    row: int | None = None,
    col: int | None = None,
) -> go.Figure:
    """Shade the phases of one track behind a plotly figure, with their names at the top.

    The rectangles are clipped to the x axis's fixed range if it has one, else to the extent of
    its traces' x values (so they never widen the autorange); the ongoing phase ends there.
    Every phase whose band is wide enough for its name (on one line, or on two) gets an
    annotation centred on the visible part of its band — so always inside the axis range —
    showing the name and, on hover, its dates and description (escaped). The width is judged
    for the figure's ``layout.width`` (plotly's default 700 px when unset) and margins. Call it
    after adding the traces.

    Parameters
    ----------
    track
        A track or a country with a national track (default the global Cold War).
    row, col
        The subplot to shade, for figures made with ``make_subplots``.

    Returns
    -------
    go.Figure
        ``fig``, with one ``layout.shapes`` rectangle (name ``"phase:<name>"``) per visible phase
        and one annotation (name ``"phase-label:<name>"``) per phase whose name fits.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "add_phase_vrects",
        fig=(fig, PLOTLY_FIGURE),
        phases=(phases, FRAME),
        track=(track, optional(TEXT)),
        row=(row, optional(at_least(1))),
        col=(col, optional(at_least(1))),
    )
    rows = _track_rows(phases, _track(track, phases))
    mode, lo, hi = _plotly_extent(fig, row, col)
    if lo is None:
        return fig
    starts = rows["start"]
    ends = rows["end"]
    if mode == "year":
        xs, xe = _to_x(starts, "year"), _to_x(ends.fillna(starts), "year")
        xe = np.where(ends.isna().to_numpy(), np.inf, xe)
    else:
        xs, xe = starts.to_numpy(), ends.fillna(pd.Timestamp.max).to_numpy()
        lo, hi = np.datetime64(lo, "ns"), np.datetime64(hi, "ns")
    total = (hi - lo) if mode == "year" else (hi - lo) / np.timedelta64(1, "D")
    plot_px = _plotly_plot_width(fig)
    for i, (phase, a, b, start, end, description) in enumerate(
        zip(
            rows["phase"].astype(str),
            xs,
            xe,
            starts,
            ends,
            rows["description"].astype(str),
            strict=True,
        )
    ):
        a, b = max(a, lo), min(b, hi)
        if not b > a:
            continue
        width = (b - a) if mode == "year" else (b - a) / np.timedelta64(1, "D")
        span_px = plot_px * float(width) / float(total) if total > 0 else 0.0
        when = f"{start:%d %b %Y} – " + ("today" if pd.isna(end) else f"{end:%d %b %Y}")
        hover = "<br>".join(
            [f"<b>{html.escape(phase, quote=False)}</b> ({when})"]
            + [html.escape(line, quote=False) for line in textwrap.wrap(description, 70)]
        )
        if mode == "year":
            x0, x1, middle = float(a), float(b), float(a + (b - a) / 2)
        else:
            x0, x1 = pd.Timestamp(a).isoformat(), pd.Timestamp(b).isoformat()
            middle = pd.Timestamp(a + (b - a) / 2).isoformat()
        options: dict[str, Any] = {}
        if row is not None or col is not None:
            options.update(row=row or 1, col=col or 1)
        fig.add_vrect(
            x0=x0,
            x1=x1,
            fillcolor=BAND_COLORS[i % 2],
            opacity=0.15 if i % 2 == 0 else 0.12,
            layer="below",
            line_width=0,
            name=f"phase:{phase}",
            **options,
        )
        text = plotly_phase_label(phase, span_px)
        if text is not None:
            fig.add_annotation(
                x=middle,
                y=1,
                yref="y domain",
                yanchor="top",
                xanchor="center",
                text=text,
                hovertext=hover,
                font={"size": PLOTLY_LABEL_SIZE, "color": "#333333"},
                showarrow=False,
                name=f"phase-label:{phase}",
                **options,
            )
    return fig


# --------------------------------------------------------------------------------------------
# summaries per phase
# --------------------------------------------------------------------------------------------
def _check(frame: pd.DataFrame, required: tuple[str, ...], what: str) -> None:
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SchemaError(f"{what} lacks column(s) {', '.join(missing)}")


def _phase_axis(ax: Axes, names: list[str]) -> None:
    """Phases down the y axis, the earliest at the top."""
    labels = ["\n".join(textwrap.fill(part, 28) for part in n.split("\n")) for n in names]
    ax.set_yticks(range(len(names)), labels, fontsize=8.5)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)


def _new_axes(ax: Axes | None, n_rows: int) -> Axes:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=(7.5, 1.4 + 0.55 * n_rows), layout="constrained")
    return ax


def _quad_key(events: pd.DataFrame) -> pd.Series:
    """Quad class 1–4, or 0 ("uncoded") when the event has no CAMEO code."""
    quad = pd.to_numeric(events.get("quad_class"), errors="coerce").astype("Int64")
    return quad.where(quad.isin([1, 2, 3, 4]), 0).fillna(0).astype(int)


def events_per_phase(
    events: pd.DataFrame,
    phases: pd.DataFrame,
    *,
    track: str | None = None,
    restatements: bool = False,
) -> pd.DataFrame:
    """Count the events of each phase of one track by CAMEO quad class.

    Parameters
    ----------
    restatements
        False (default): events that restate an earlier one (``restates`` not NA, see
        :mod:`relations_lib.coding.restatements`) are not counted, so a fact stated twice
        counts once; True counts every row.

    Returns
    -------
    DataFrame
        One row per phase of the track (all of them, chronological; ``phase`` the index):
        columns ``Verbal cooperation``, ``Material cooperation``, ``Verbal conflict``,
        ``Material conflict``, ``uncoded`` (event counts), ``n`` (their sum) and ``uncertain``
        (how many of them still straddle a boundary after their sentence's anchors: their
        phase is the one covering most of their period).
    """
    _check(events, ("date", "quad_class"), "events table")
    events = drop_restatements(events, restatements)
    tagged = assign_phase(events, _track(track, phases), phases=phases)
    tagged["_class"] = _quad_key(tagged)
    dated = tagged[tagged["phase"].notna()]
    counts = pd.crosstab(dated["phase"], dated["_class"], dropna=False)
    counts = counts.reindex(index=tagged["phase"].cat.categories, columns=_CLASS_ORDER)
    counts = counts.fillna(0).astype(int)
    counts.columns = [QUAD_CLASS_NAMES[k] for k in _CLASS_ORDER]
    counts["n"] = counts.sum(axis=1)
    uncertain = dated.groupby("phase", observed=False)["phase_uncertain"].sum()
    counts["uncertain"] = uncertain.reindex(counts.index).fillna(0).astype(int)
    counts.index = pd.CategoricalIndex(
        counts.index, categories=tagged["phase"].cat.categories, ordered=True, name="phase"
    )
    return counts


def plot_events_by_phase(
    events: pd.DataFrame,
    phases: pd.DataFrame,
    *,
    track: str | None = None,
    ax: Axes | None = None,
    restatements: bool = False,
) -> Axes:
    """How many of the article's events fall in each phase, stacked by CAMEO quad class.

    Horizontal stacked bars, one per phase of the track (earliest at the top, empty phases
    kept so gaps show), in the quad-class colours of the milestone charts (grey = uncoded,
    i.e. ``event_type`` "other"). Events whose period still straddles a boundary (after their
    sentence's anchors) are drawn as uncertain: a hatched, paler segment of their class, in the
    phase covering most of their period. Each bar ends with its total and "(k uncertain)".

    Parameters
    ----------
    restatements
        False (default): events that restate an earlier one (``restates`` not NA, see
        :mod:`relations_lib.coding.restatements`) are not counted, so a fact stated twice
        counts once; True counts every row.

    Returns
    -------
    Axes
        With one bar container per quad class (labels = the class names) for the events whose
        phase is certain, and one hatched container per quad class (gid
        ``"events_by_phase:uncertain"``, no legend label) for the uncertain ones.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_events_by_phase",
        events=(events, FRAME),
        phases=(phases, FRAME),
        track=(track, optional(TEXT)),
        ax=(ax, AXES),
        restatements=(restatements, BOOL),
    )
    track = _track(track, phases)
    events = drop_restatements(events, restatements)
    table = events_per_phase(events, phases, track=track, restatements=True)
    names = [str(p) for p in table.index]
    ax = _new_axes(ax, len(names))
    tagged = assign_phase(events, track, phases=phases)
    tagged = tagged[tagged["phase"].notna()].assign(_class=_quad_key)
    unsure = tagged[tagged["phase_uncertain"].fillna(False).astype(bool)]
    unsure_counts = pd.crosstab(unsure["phase"], unsure["_class"], dropna=False)
    unsure_counts = unsure_counts.reindex(index=table.index, columns=_CLASS_ORDER).fillna(0)
    left = np.zeros(len(table))
    y = np.arange(len(table))
    for key in _CLASS_ORDER:
        name = QUAD_CLASS_NAMES[key]
        doubtful = unsure_counts[key].to_numpy(dtype=float)
        sure = table[name].to_numpy(dtype=float) - doubtful
        ax.barh(
            y,
            sure,
            left=left,
            color=QUAD_CLASS_COLORS[key],
            label=name,
            height=0.6,
            edgecolor="white",
            linewidth=0.5,
        )
        left += sure
        bars = ax.barh(
            y,
            doubtful,
            left=left,
            color=QUAD_CLASS_COLORS[key],
            alpha=0.45,
            hatch="////",
            height=0.6,
            edgecolor="white",
            linewidth=0.5,
        )
        for bar in bars:
            bar.set_gid("events_by_phase:uncertain")
        left += doubtful
    for i, (n, k) in enumerate(zip(table["n"], table["uncertain"], strict=True)):
        note = f"{n}" + (f" ({k} uncertain)" if k else "")
        ax.annotate(
            note,
            (left[i], i),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color="#333333" if n else NEUTRAL_COLOR,
        )
    _phase_axis(ax, names)
    ax.set_xlim(0, max(1, left.max()) * 1.3)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("events stated in the article")
    undated = int(pd.to_datetime(events["date"]).isna().sum())
    title = f"Events per phase of {_track_title(track)}"
    if undated:
        title += f"\n({undated} without a date left out)"
    ax.set_title(title, fontsize=10, loc="left")
    handles = [Patch(color=QUAD_CLASS_COLORS[k], label=QUAD_CLASS_NAMES[k]) for k in _CLASS_ORDER]
    if int(table["uncertain"].sum()):
        handles.append(
            Patch(
                facecolor="#bbbbbb",
                hatch="////",
                edgecolor="white",
                label="uncertain: straddles a boundary",
            )
        )
    # below the Axes, so that it hides no bar
    ax.legend(
        handles=handles,
        fontsize=7.5,
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncols=3,
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def goldstein_per_phase(
    events: pd.DataFrame,
    phases: pd.DataFrame,
    *,
    track: str | None = None,
    restatements: bool = False,
) -> pd.DataFrame:
    """Mean Goldstein score of the coded events of each phase of one track.

    Parameters
    ----------
    restatements
        False (default): events that restate an earlier one (``restates`` not NA, see
        :mod:`relations_lib.coding.restatements`) are not counted, so a fact stated twice
        counts once; True counts every row.

    Returns
    -------
    DataFrame
        One row per phase (index ``phase``, all phases of the track): ``mean`` (float, NaN
        when no coded event), ``n`` (coded events), ``minimum``, ``maximum``.
    """
    _check(events, ("date", "goldstein"), "events table")
    events = drop_restatements(events, restatements)
    tagged = assign_phase(events, _track(track, phases), phases=phases)
    tagged["goldstein"] = pd.to_numeric(tagged["goldstein"], errors="coerce").astype(float)
    coded = tagged[tagged["phase"].notna() & tagged["goldstein"].notna()]
    grouped = coded.groupby("phase", observed=False)["goldstein"]
    table = pd.DataFrame(
        {
            "mean": grouped.mean(),
            "n": grouped.count().astype(int),
            "minimum": grouped.min(),
            "maximum": grouped.max(),
        }
    )
    return table.reindex(tagged["phase"].cat.categories).rename_axis("phase")


def plot_goldstein_by_phase(
    events: pd.DataFrame,
    phases: pd.DataFrame,
    *,
    track: str | None = None,
    ax: Axes | None = None,
    restatements: bool = False,
) -> Axes:
    """Mean Goldstein score per phase (bar, blue = cooperative, vermillion = conflictual), each
    coded event as a dot, and ``n`` coded events at the right; uncoded events are left out.
    An event whose period straddles a boundary is drawn as uncertain: a hollow dot.

    Parameters
    ----------
    restatements
        False (default): events that restate an earlier one (``restates`` not NA, see
        :mod:`relations_lib.coding.restatements`) are not counted, so a fact stated twice
        counts once; True counts every row.

    Returns
    -------
    Axes
        One bar per phase with coded events (``ax.patches``), a scatter of the events (gid
        ``"goldstein_by_phase:events"``; hollow markers are the uncertain ones).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_goldstein_by_phase",
        events=(events, FRAME),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        ax=(ax, AXES),
        restatements=(restatements, BOOL),
    )
    track = _track(track, phases)
    events = drop_restatements(events, restatements)
    table = goldstein_per_phase(events, phases, track=track, restatements=True)
    names = [str(p) for p in table.index]
    ax = _new_axes(ax, len(names))
    y = np.arange(len(table))
    means = table["mean"].to_numpy(dtype=float)
    has = ~np.isnan(means)
    colors = np.where(means > 0, COOPERATION_COLOR, np.where(means < 0, CONFLICT_COLOR, "#999"))
    ax.barh(y[has], means[has], color=colors[has], height=0.55, alpha=0.85, label="phase mean")
    # every coded event, spread a little vertically so ties stay visible (deterministic)
    tagged = assign_phase(events, track, phases=phases)
    scores = pd.to_numeric(tagged["goldstein"], errors="coerce")
    coded = tagged.assign(goldstein=scores)[tagged["phase"].notna() & scores.notna()]
    if not coded.empty:
        pos = coded["phase"].cat.codes.to_numpy()
        rank = coded.groupby("phase", observed=True).cumcount().to_numpy()
        offset = ((rank % 5) - 2) * 0.07
        doubtful = coded["phase_uncertain"].fillna(False).to_numpy(dtype=bool)
        ax.scatter(
            coded["goldstein"],
            pos + offset,
            s=16,
            facecolors=np.where(doubtful, "none", "#222222"),
            edgecolors="#222222",
            zorder=3,
            label="one event",
            linewidths=np.where(doubtful, 0.9, 0.0),
            gid="goldstein_by_phase:events",
        )
    ax.axvline(0, color="#555555", lw=0.8)
    for i, (n, mean) in enumerate(zip(table["n"].fillna(0).astype(int), means, strict=True)):
        if n and not np.isnan(mean):
            value = "0.0" if abs(mean) < 0.05 else f"{mean:+.1f}"
            ax.annotate(
                value,
                (mean, i),
                xytext=(4 if mean >= 0 else -4, 9),
                textcoords="offset points",
                ha="left" if mean >= 0 else "right",
                va="center",
                fontsize=7.5,
                color="#333333",
            )
    counts = table["n"].fillna(0).astype(int)
    _phase_axis(ax, [f"{name}\nn={n}" for name, n in zip(names, counts, strict=True)])
    ax.set_xlim(-10.5, 10.5)
    ax.set_xlabel("Goldstein score (−10 conflict … +10 cooperation)")
    uncoded = int((tagged["phase"].notna() & scores.isna()).sum())
    title = f"Goldstein score per phase of {_track_title(track)}"
    if uncoded:
        title += f"\n({uncoded} uncoded event{'s' if uncoded != 1 else ''} left out)"
    ax.set_title(title, fontsize=10, loc="left")
    handles = [
        Patch(color=COOPERATION_COLOR, alpha=0.85, label="phase mean > 0"),
        Patch(color=CONFLICT_COLOR, alpha=0.85, label="phase mean < 0"),
        Line2D([], [], ls="", marker="o", ms=4, color="#222222", label="one event"),
    ]
    if not coded.empty and coded["phase_uncertain"].fillna(False).any():
        handles.append(
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                ms=4,
                markerfacecolor="none",
                color="#222222",
                label="uncertain: straddles a boundary",
            )
        )
    ax.legend(handles=handles, fontsize=7.5, frameon=False, loc="lower left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def yes_share_per_phase(
    record: pd.DataFrame, phases: pd.DataFrame, *, track: str | None = None
) -> pd.DataFrame:
    """The record's country's yes-share per phase beside the Assembly's.

    Parameters
    ----------
    record
        ``rl.voting_record(...)``: one row per roll call with ``date``, ``yes_share`` (share of
        the members voting that voted yes) and ``country_vote`` (yes/abstain/no, NA when the
        country cast no vote).
    track
        A track or a country; default the national track of the record's country, else the
        global Cold War.

    Returns
    -------
    DataFrame
        One row per phase that has roll calls (index ``phase``): ``roll_calls``, ``voted``
        (roll calls where the country voted), ``country_yes_share`` (yes votes / votes cast),
        ``assembly_yes_share`` (mean ``yes_share`` over the roll calls the country voted in:
        like for like; NaN if none) and ``assembly_yes_share_all`` (over all of them).
    """
    _check(record, ("date", "yes_share", "country_vote"), "voting record")
    track = _track(track, phases, record)
    tagged = assign_phase(record[["date", "yes_share", "country_vote"]], track, phases=phases)
    tagged = tagged[tagged["phase"].notna()]
    vote = tagged["country_vote"].astype("string")
    voted = vote.notna()
    share = pd.to_numeric(tagged["yes_share"], errors="coerce").astype(float)
    tagged = tagged.assign(
        _voted=voted.astype(int),
        _yes=(vote == "yes").fillna(False).astype(int),
        _share=share,
        # the Assembly on the same roll calls as the country, for a like-for-like comparison
        _share_voted=share.where(voted.to_numpy()),
    )
    grouped = tagged.groupby("phase", observed=True)
    table = pd.DataFrame(
        {
            "roll_calls": grouped.size(),
            "voted": grouped["_voted"].sum(),
            "yes": grouped["_yes"].sum(),
            "assembly_yes_share": grouped["_share_voted"].mean(),
            "assembly_yes_share_all": grouped["_share"].mean(),
        }
    )
    table["country_yes_share"] = (table["yes"] / table["voted"]).where(table["voted"] > 0)
    columns = [
        "roll_calls",
        "voted",
        "country_yes_share",
        "assembly_yes_share",
        "assembly_yes_share_all",
    ]
    return table[columns].rename_axis("phase")


def plot_yes_share_by_phase(
    record: pd.DataFrame,
    phases: pd.DataFrame,
    *,
    track: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The record's country's yes-share on its roll calls per phase, against the Assembly's.

    Per phase (of ``track``; default the national track of the record's country, else the
    global Cold War): the share of the country's votes cast that were "yes" (blue) and the
    Assembly's mean share of members voting yes on the same roll calls (grey); each phase is
    labelled with its number of roll calls and of those the country voted in. Only phases with
    roll calls are shown.

    Returns
    -------
    Axes
        Two bar containers (labels starting with the country's name and "General Assembly").

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_yes_share_by_phase",
        record=(record, FRAME),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        ax=(ax, AXES),
    )
    track = _track(track, phases, record)
    name = record_country(record)
    table = yes_share_per_phase(record, phases, track=track)
    names = [str(p) for p in table.index]
    ax = _new_axes(ax, len(names))
    y = np.arange(len(table))
    h = 0.38
    country = table["country_yes_share"].to_numpy(dtype=float)
    assembly = table["assembly_yes_share"].to_numpy(dtype=float)
    ax.barh(y - h / 2, country, height=h, color=COUNTRY_COLOR, label=f"{name}: yes / votes cast")
    ax.barh(
        y + h / 2,
        assembly,
        height=h,
        color=ASSEMBLY_COLOR,
        label="General Assembly: mean yes-share on the same roll calls",
    )
    for i, (c, a) in enumerate(zip(country, assembly, strict=True)):
        if np.isnan(c):
            ax.annotate(
                f"no vote by {name}",
                (0, i),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=7.5,
                color=NEUTRAL_COLOR,
            )
            continue
        for value, offset in ((c, -h / 2), (a, h / 2)):
            ax.annotate(
                f"{value:.0%}",
                (value, i + offset),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color="#333333",
            )
    labels = [
        f"{name}\n{n} roll calls, voted in {v}"
        for name, n, v in zip(names, table["roll_calls"], table["voted"], strict=True)
    ]
    _phase_axis(ax, labels)
    ax.set_xlim(0, 1.08)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("share of votes cast that were yes")
    ax.set_title(
        textwrap.fill(
            f"Yes votes per phase of {_track_title(track)}: {name} and the Assembly, "
            f"{record_subject(record)}",
            70,
        ),
        fontsize=10,
        loc="left",
    )
    ax.legend(fontsize=7.5, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.12), ncols=1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


# --------------------------------------------------------------------------------------------
# the phases themselves
# --------------------------------------------------------------------------------------------
def plot_phase_timeline(
    phases: pd.DataFrame,
    *,
    tracks: list[str] | None = None,
    ax: Axes | None = None,
    until: pd.Timestamp | None = None,
) -> Axes:
    """The phases of several tracks as rows of labelled bars on one date axis.

    Parameters
    ----------
    tracks
        The tracks to draw, top to bottom (e.g. ``pair_tracks(article.countries)``); default
        every track of ``phases``.
    until
        Where the ongoing phases stop (default: 1 January of next year).

    Returns
    -------
    Axes
        One ``broken_barh`` collection per track (label = track), phase names inside the bars
        when they fit.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_phase_timeline",
        phases=(phases, FRAME),
        tracks=(tracks, optional(iterable_of(TEXT, "a list of track names"))),
        ax=(ax, AXES),
    )
    track_names = (
        [str(t) for t in phases["track"].cat.categories] if tracks is None else list(tracks)
    )
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 1.1 + 0.75 * len(track_names)), layout="constrained")
    today = pd.Timestamp.today()
    until = pd.Timestamp(until) if until is not None else pd.Timestamp(today.year + 1, 1, 1)
    for row, track in enumerate(track_names):
        rows = _track_rows(phases, track)
        x0 = mdates.date2num(rows["start"].dt.to_pydatetime())
        x1 = mdates.date2num(rows["end"].fillna(until).dt.to_pydatetime())
        spans = list(zip(x0, x1 - x0, strict=True))
        colors = [BAND_COLORS[i % 2] for i in range(len(rows))]
        ax.broken_barh(
            spans, (row - _BAR_HEIGHT / 2, _BAR_HEIGHT), facecolors=colors, alpha=0.55, label=track
        )
        for name, a, b in zip(rows["phase"].astype(str), x0, x1, strict=True):
            _bar_label(ax, name, a, b, row)
    ax.set_yticks(
        range(len(track_names)), [textwrap.fill(_track_title(t), 16) for t in track_names]
    )
    ax.set_ylim(len(track_names) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.xaxis_date()
    locator = mdates.YearLocator(5)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlim(mdates.date2num(phases["start"].min()), mdates.date2num(until))
    title = "Phases: " + ", ".join(_track_title(t) for t in track_names)
    ax.set_title(textwrap.fill(title, 120), loc="left")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return ax


def _bar_label(ax: Axes, name: str, a: float, b: float, row: int) -> None:
    """The phase name inside its bar: one line, two lines, or turned 90° when the bar is narrow."""
    layouts = [(name, 0.0)]
    two = _two_lines(name)
    if two is not None:
        layouts.append((two, 0.0))
    layouts.append((name, 90.0))
    if two is not None:
        layouts.append((two, 90.0))
    label = _FittingLabel(
        a,
        b,
        layouts,
        y=row,
        max_height=_BAR_HEIGHT,
        pad_pts=1.0,
        ha="center",
        va="center",
        rotation_mode="anchor",
        fontsize=7.5,
        linespacing=1.0,
        color="#222222",
        clip_on=True,
        gid=f"phase-label:{name}",
    )
    ax.add_artist(label)
