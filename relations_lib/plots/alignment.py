"""Charts of alignment at the UN: agreement with partners per year, per phase, and its breaks.

Frames in, figures out; nothing here loads data (the report builders at the bottom do, for the
report only):

* :func:`plot_agreement_by_year` / :func:`agreement_figure` — one line per partner (matplotlib /
  interactive plotly), phase bands behind, and below it the number of roll calls each line
  rests on; years resting on fewer than ``min_shared`` roll calls are hollow and unjoined;
* :func:`plot_phase_heatmap` — phase × partner, the measure in each cell with its count;
* :func:`plot_breaks` — each partner's series, the change points found in it and the sourced
  boundaries, one panel per partner.

Inputs are frames of :mod:`relations_lib.un.alignment`
(:func:`~relations_lib.un.alignment.agreement` concatenated over partners,
:func:`~relations_lib.un.alignment.compare_breaks`).

>>> import pandas as pd, relations_lib as rl
>>> yearly = pd.concat([rl.agreement("AL", p) for p in ("United States", "USSR/Russia")])
>>> ax = rl.plots.plot_agreement_by_year(yearly, phases=rl.cold_war_phases())
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.lines import Line2D

from .._args import AXES, FRAME, TEXT, at_least, check, iterable_of, optional
from ..errors import SchemaError
from ..un.alignment import MIN_SHARED

#: Okabe–Ito colours for partners, in order of appearance (safe for common colour-vision
#: deficiencies); the Assembly majority is grey.
PARTNER_COLORS = ("#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000")
MAJORITY_COLOR = "#777777"
SOURCED_COLOR = "#222222"

#: Axis titles that name the measure.
MEASURE_TITLES = {
    "agreement": "agreement (same vote 1, one abstained 0.5, yes vs no 0)",
    "s": "Signorino–Ritter S (−1 opposite … 1 identical)",
    "kappa": "Cohen's kappa, linear weights (0 = chance, 1 = identical)",
}
_MEASURE_SHORT = {"agreement": "agreement", "s": "S", "kappa": "kappa"}


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"{what} lacks column(s) {', '.join(missing)}")


def _measure(frame: pd.DataFrame) -> str:
    measures = sorted({str(m) for m in frame["measure"].dropna()})
    if len(measures) > 1:
        raise SchemaError(f"one measure per chart, not {measures}")
    return measures[0] if measures else "agreement"


def _partners(frame: pd.DataFrame) -> list[str]:
    return [str(p) for p in pd.unique(frame["partner"])]


def partner_colors(partners: Sequence[str]) -> dict[str, str]:
    """A colour per partner, in order; ``"Assembly majority"`` is always grey."""
    from ..un.alignment import MAJORITY

    colors, k = {}, 0
    for p in partners:
        if p == MAJORITY:
            colors[p] = MAJORITY_COLOR
        else:
            colors[p] = PARTNER_COLORS[k % len(PARTNER_COLORS)]
            k += 1
    return colors


def _country(frame: pd.DataFrame) -> str:
    names = [str(c) for c in pd.unique(frame["country"].dropna())] if "country" in frame else []
    return " / ".join(names) or "the country"


def yearly_points(yearly: pd.DataFrame, min_shared: int = MIN_SHARED) -> pd.DataFrame:
    """What :func:`plot_agreement_by_year` draws: one row per partner and calendar year from
    the partner's first to last year with a value (years without roll calls included, so that
    lines break there).

    Columns: ``partner``, ``year``, ``date`` (1 July), ``value``, ``n_shared`` (0 where none),
    ``few`` (bool: a value resting on fewer than ``min_shared`` roll calls), ``line`` (the
    value where not few, else NaN: what the line joins), ``partner_states``.
    """
    _require(yearly, ("partner", "year", "n_shared", "value", "measure"), "agreement by year")
    parts = []
    for partner in _partners(yearly):
        mine = yearly[yearly["partner"] == partner].sort_values("year")
        valued = mine.loc[mine["value"].notna(), "year"]
        if valued.empty:
            continue
        years = pd.RangeIndex(int(valued.min()), int(valued.max()) + 1, name="year")
        full = mine.set_index(mine["year"].astype(int)).reindex(years)
        few = full["value"].notna() & (full["n_shared"].fillna(0) < min_shared)
        parts.append(
            pd.DataFrame(
                {
                    "partner": partner,
                    "year": years.to_numpy(),
                    "date": pd.to_datetime({"year": years.to_numpy(), "month": 7, "day": 1}),
                    "value": full["value"].astype(float).to_numpy(),
                    "n_shared": full["n_shared"].fillna(0).astype(int).to_numpy(),
                    "few": few.to_numpy(dtype=bool),
                    "line": full["value"].where(~few).astype(float).to_numpy(),
                    "partner_states": full.get(
                        "partner_states", pd.Series(pd.NA, index=full.index)
                    ).to_numpy(),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["partner", "year", "date", "value", "n_shared", "few", "line"])
    return pd.concat(parts, ignore_index=True)


def seat_changes(yearly: pd.DataFrame) -> list[tuple[str, int, str]]:
    """(partner, year, "Taiwan → China") where the states whose votes stand for a partner change
    from one year to the next, read from ``partner_states`` (China's seat in 1971)."""
    if "partner_states" not in yearly.columns:
        return []
    out = []
    for partner in _partners(yearly):
        mine = yearly[(yearly["partner"] == partner) & yearly["partner_states"].notna()]
        previous: list[str] = []
        for year, states in zip(mine["year"], mine["partner_states"].astype(str), strict=True):
            names = states.split(";")
            if previous and names != previous:
                new = [n for n in names if n not in previous] or names
                out.append((partner, int(year), f"{previous[-1]} → {new[-1]}"))
            previous = [names[-1]]
    return out


def _phase_track(track: str | None, phases: pd.DataFrame, frame: pd.DataFrame) -> str:
    """The track to shade: ``track`` (a track or a country), else the national track of the
    frame's country where it has one, else the global Cold War."""
    from .phases import _track

    country = str(frame["country"].iloc[0]) if len(frame) else None
    holder = pd.DataFrame()
    holder.attrs["country"] = country
    return _track(track, phases, holder)


def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=5, maxticks=14)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _y_limits(measure: str) -> tuple[float, float]:
    return (-0.04, 1.12) if measure == "agreement" else (-1.04, 1.2)


# --------------------------------------------------------------------------------------------
# agreement per year (matplotlib)
# --------------------------------------------------------------------------------------------
def plot_agreement_by_year(
    yearly: pd.DataFrame,
    *,
    ax: Axes | None = None,
    counts_ax: Axes | None = None,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
    min_shared: int = MIN_SHARED,
) -> Axes:
    """One line per partner: the measure per year, phase bands behind, counts below.

    Parameters
    ----------
    yearly
        :func:`relations_lib.agreement` by year, one partner or several concatenated (one
        measure).
    ax, counts_ax
        Axes for the measure and for the counts of shared roll calls. By default a new figure
        with both, the counts under the measure on the same years; with ``ax`` given and no
        ``counts_ax``, no counts panel is drawn.
    phases, track
        Shade ``track``'s phases (:func:`relations_lib.plots.phases.add_phase_bands`).
    min_shared
        Years resting on fewer shared roll calls are drawn as hollow markers and not joined.

    Returns
    -------
    matplotlib.axes.Axes
        The measure's Axes: a line per partner (gid ``"agreement:<partner>"``, NaN where a year
        rests on few roll calls), hollow markers (gid ``"agreement-few:<partner>"``); on the
        counts Axes (``ax.counts_ax``), a step line per partner (gid ``"shared:<partner>"``)
        and the ``min_shared`` threshold (gid ``"shared:threshold"``).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_agreement_by_year",
        yearly=(yearly, FRAME),
        ax=(ax, AXES),
        counts_ax=(counts_ax, AXES),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        min_shared=(min_shared, at_least(0)),
    )
    points = yearly_points(yearly, min_shared)
    measure = _measure(yearly)
    if ax is None:
        _, (ax, counts_ax) = plt.subplots(
            2,
            1,
            figsize=(11, 6.4),
            sharex=True,
            height_ratios=(3, 1.1),
            layout="constrained",
        )
    colors = partner_colors(_partners(yearly))
    for partner, part in points.groupby("partner", sort=False):
        color = colors[str(partner)]
        ax.plot(
            part["date"],
            part["line"],
            color=color,
            lw=1.8,
            marker="o",
            markersize=3.2,
            label=str(partner),
            gid=f"agreement:{partner}",
        )
        few = part[part["few"]]
        ax.plot(
            few["date"],
            few["value"],
            ls="none",
            marker="o",
            markersize=5,
            markerfacecolor="white",
            markeredgecolor=color,
            gid=f"agreement-few:{partner}",
        )
        if counts_ax is not None:
            counts_ax.step(
                part["date"],
                part["n_shared"],
                where="mid",
                color=color,
                lw=1.2,
                gid=f"shared:{partner}",
            )
    for k, (partner, year, label) in enumerate(seat_changes(yearly)):
        when = pd.Timestamp(int(year), 7, 1)
        ax.axvline(when, color=colors[partner], lw=1.0, ls=":", gid=f"seat:{partner}")
        ax.annotate(
            f"{partner}: {label}",
            (mdates.date2num(when), 0.14 + 0.06 * k),
            xycoords=("data", "axes fraction"),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=7.5,
            color=colors[partner],
        )
    if len(points):
        lo = pd.Timestamp(int(points["year"].min()), 1, 1)
        hi = pd.Timestamp(int(points["year"].max()) + 1, 1, 1)
    else:
        lo, hi = pd.Timestamp(1946, 1, 1), pd.Timestamp(2021, 1, 1)
    if phases is not None:
        from .phases import add_phase_bands

        add_phase_bands(ax, phases, track=_phase_track(track, phases, yearly), x="date")
    ax.set_xlim(lo, hi)
    ax.set_ylim(*_y_limits(measure))
    if measure != "agreement":
        ax.axhline(0, color="0.6", lw=0.8, zorder=1)
    _date_axis(ax)
    ax.set_ylabel(MEASURE_TITLES[measure])
    ax.set_title(
        f"{_country(yearly)}'s {_MEASURE_SHORT[measure]} with each partner per year, "
        "UN General Assembly roll calls both voted on"
    )
    handles, labels = ax.get_legend_handles_labels()
    handles.append(
        Line2D([], [], ls="none", marker="o", markerfacecolor="white", markeredgecolor="0.3")
    )
    labels.append(f"fewer than {min_shared} shared roll calls")
    ax.legend(handles, labels, frameon=False, fontsize=8, loc="lower left", ncols=4)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if counts_ax is not None:
        counts_ax.axhline(min_shared, color="0.5", lw=0.8, ls="--", gid="shared:threshold")
        counts_ax.set_ylabel("roll calls\nboth voted on", fontsize=8)
        counts_ax.set_ylim(bottom=0)
        counts_ax.set_xlim(lo, hi)
        _date_axis(counts_ax)
        for side in ("top", "right"):
            counts_ax.spines[side].set_visible(False)
    ax.counts_ax = counts_ax  # type: ignore[attr-defined]
    return ax


# --------------------------------------------------------------------------------------------
# agreement per year (plotly)
# --------------------------------------------------------------------------------------------
def agreement_figure(
    yearly: pd.DataFrame,
    *,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
    min_shared: int = MIN_SHARED,
) -> go.Figure:
    """Interactive version of :func:`plot_agreement_by_year`: hovering over a year gives the
    value, the roll calls both voted on and which states' votes count (China's seat: Taiwan or
    China). Every text from the data is HTML-escaped.

    Returns
    -------
    plotly.graph_objects.Figure
        Two rows: per partner a trace ``<partner>`` (the measure; markers hollow for few roll
        calls, lines joining the others) in row 1 and ``<partner>: roll calls`` in row 2.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "agreement_figure",
        yearly=(yearly, FRAME),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        min_shared=(min_shared, at_least(0)),
    )
    from plotly.subplots import make_subplots

    points = yearly_points(yearly, min_shared)
    measure = _measure(yearly)
    colors = partner_colors(_partners(yearly))
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.74, 0.26], vertical_spacing=0.04
    )
    for partner, part in points.groupby("partner", sort=False):
        name = html.escape(str(partner), quote=False)
        color = colors[str(partner)]
        states = [
            html.escape(str(s), quote=False) if not pd.isna(s) else "–"
            for s in part["partner_states"]
        ]
        text = [
            f"<b>{name}</b> {int(y)}: {v:.2f} over {int(n)} roll calls both voted on"
            f"{' (few)' if f else ''}<br>votes of: {s}"
            if not np.isnan(v)
            else f"<b>{name}</b> {int(y)}: no shared roll call"
            for y, v, n, f, s in zip(
                part["year"], part["value"], part["n_shared"], part["few"], states, strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["line"].where(~part["few"], part["value"]),
                name=name,
                mode="lines+markers",
                line={"color": color, "width": 2},
                marker={
                    "size": [8 if f else 5 for f in part["few"]],
                    "color": ["white" if f else color for f in part["few"]],
                    "line": {"color": color, "width": 1.5},
                },
                text=text,
                hovertemplate="%{text}<extra></extra>",
                connectgaps=False,
            ),
            row=1,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["n_shared"],
                name=f"{name}: roll calls",
                mode="lines",
                line={"color": color, "width": 1.2, "shape": "hvh"},
                showlegend=False,
                hovertemplate=f"{name} %{{x|%Y}}: %{{y}} roll calls both voted on<extra></extra>",
            ),
            row=2,
            col=1,
        )
    fig.add_hline(y=min_shared, line={"color": "#888888", "dash": "dash", "width": 1}, row=2, col=1)
    if phases is not None:
        from .phases import add_phase_vrects

        track = _phase_track(track, phases, yearly)
        fig = add_phase_vrects(fig, phases, track=track, row=1, col=1) or fig
    lo, hi = _y_limits(measure)
    fig.update_yaxes(title_text=MEASURE_TITLES[measure], range=[lo, hi], row=1, col=1)
    fig.update_yaxes(title_text="roll calls both voted on", rangemode="tozero", row=2, col=1)
    fig.update_layout(
        title=html.escape(
            f"{_country(yearly)}'s {_MEASURE_SHORT[measure]} with each partner per year",
            quote=False,
        ),
        template="plotly_white",
        hovermode="closest",
        legend={"orientation": "h", "y": -0.1},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        height=560,
    )
    return fig


# --------------------------------------------------------------------------------------------
# phase × partner
# --------------------------------------------------------------------------------------------
def phase_grid(by_phase: pd.DataFrame) -> pd.DataFrame:
    """What :func:`plot_phase_heatmap` draws: one row per phase (chronological), one column per
    partner (in order of appearance), values of the measure; ``attrs["n_shared"]`` holds the
    counts in the same shape."""
    _require(by_phase, ("phase", "partner", "value", "n_shared", "measure"), "agreement by phase")
    phases = (
        [str(p) for p in by_phase["phase"].cat.categories]
        if isinstance(by_phase["phase"].dtype, pd.CategoricalDtype)
        else [str(p) for p in pd.unique(by_phase["phase"])]
    )
    partners = _partners(by_phase)
    key = by_phase.assign(
        phase=by_phase["phase"].astype(str), partner=by_phase["partner"].astype(str)
    )
    values = key.pivot_table(
        index="phase", columns="partner", values="value", aggfunc="first", dropna=False
    )
    counts = key.pivot_table(
        index="phase", columns="partner", values="n_shared", aggfunc="first", dropna=False
    )
    values = values.reindex(index=phases, columns=partners).astype(float)
    counts = counts.reindex(index=phases, columns=partners).fillna(0).astype(int)
    values.attrs["n_shared"] = counts
    if "partner_states" in key.columns:
        states = key.pivot_table(
            index="phase",
            columns="partner",
            values="partner_states",
            aggfunc="first",
            dropna=False,
        )
        values.attrs["partner_states"] = states.reindex(index=phases, columns=partners)
    return values


def plot_phase_heatmap(
    by_phase: pd.DataFrame, *, ax: Axes | None = None, min_shared: int = MIN_SHARED
) -> Axes:
    """Phase × partner heat map of one measure, each cell labelled with its value and count.

    Parameters
    ----------
    by_phase
        :func:`relations_lib.agreement` by phase, several partners concatenated.

    Returns
    -------
    matplotlib.axes.Axes
        An image (gid ``"phase-heatmap"``) with a colour bar titled by the measure; cells with
        no shared roll call are left blank and say so; cells with fewer than ``min_shared``
        are labelled in italics.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_phase_heatmap",
        by_phase=(by_phase, FRAME),
        ax=(ax, AXES),
        min_shared=(min_shared, at_least(0)),
    )
    grid = phase_grid(by_phase)
    counts = grid.attrs["n_shared"]
    measure = _measure(by_phase)
    if ax is None:
        _, ax = plt.subplots(
            figsize=(2.0 + 1.9 * grid.shape[1], 1.0 + 0.62 * grid.shape[0]), layout="constrained"
        )
    if measure == "agreement":
        cmap, norm = plt.get_cmap("viridis"), plt.Normalize(0, 1)
    else:
        cmap, norm = plt.get_cmap("RdBu"), TwoSlopeNorm(0, -1, 1)
    image = ax.imshow(np.ma.masked_invalid(grid.to_numpy()), cmap=cmap, norm=norm, aspect="auto")
    image.set_gid("phase-heatmap")
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            value, n = grid.iat[i, j], int(counts.iat[i, j])
            if np.isnan(value):
                text, color = "no shared\nroll call", "0.4"
            else:
                text = f"{value:.2f}\nn={n}"
                states = grid.attrs.get("partner_states")
                cell = states.iat[i, j] if states is not None else None
                if isinstance(cell, str) and ";" in cell:  # a seat held by two states
                    text += "\n(" + cell.replace(";", " + ") + ")"
                rgba = cmap(norm(value))
                color = (
                    "white"
                    if (0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]) < 0.5
                    else "black"
                )
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=8,
                color=color,
                style="italic" if 0 < n < min_shared else "normal",
            )
    ax.set_xticks(range(grid.shape[1]), [str(c) for c in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [str(r) for r in grid.index])
    ax.set_xlabel("partner")
    ax.set_ylabel("phase (data/reference/phases.csv)")
    ax.set_title(
        f"{_country(by_phase)}: {_MEASURE_SHORT[measure]} by phase and partner", fontsize=10
    )
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.9)
    bar.set_label(MEASURE_TITLES[measure], fontsize=8)
    return ax


# --------------------------------------------------------------------------------------------
# breaks
# --------------------------------------------------------------------------------------------
def plot_breaks(
    yearly: pd.DataFrame,
    comparison: pd.DataFrame,
    *,
    axes: Sequence[Axes] | None = None,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
    min_shared: int = MIN_SHARED,
) -> list[Axes]:
    """Each partner's yearly series with the breaks found in it and the sourced boundaries.

    Parameters
    ----------
    yearly
        :func:`relations_lib.agreement` by year for the partners (one measure).
    comparison
        :func:`relations_lib.compare_breaks` for the same partners.
    axes
        One Axes per partner (default: a new figure, one panel per partner, sharing x).

    Returns
    -------
    list of matplotlib.axes.Axes
        Per partner: the series (gid ``"series:<partner>"``, years on fewer than
        ``min_shared`` shared roll calls left out, as the detection left them out), the level of
        each segment between detected breaks (gid ``"level:<partner>"``), a solid vertical line
        per detected break (gid ``"detected:<partner>:<year>"``) and a dashed one per sourced
        boundary (gid ``"sourced:<partner>:<boundary>"``), the gap written beside matched pairs.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_breaks",
        yearly=(yearly, FRAME),
        comparison=(comparison, FRAME),
        axes=(axes, optional(iterable_of(AXES, "a sequence of matplotlib Axes"))),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        min_shared=(min_shared, at_least(0)),
    )
    _require(
        comparison,
        ("partner", "boundary", "sourced_date", "detected_date", "status"),
        "break comparison",
    )
    points = yearly_points(yearly, min_shared)
    measure = _measure(yearly)
    partners = _partners(yearly)
    colors = partner_colors(partners)
    if axes is None:
        _, made = plt.subplots(
            len(partners),
            1,
            figsize=(11, 2.5 * len(partners) + 0.8),
            sharex=True,
            layout="constrained",
            squeeze=False,
        )
        axes = list(made[:, 0])
    axes = list(axes)
    lo = pd.Timestamp(int(points["year"].min()), 1, 1) if len(points) else pd.Timestamp(1946, 1, 1)
    hi = (
        pd.Timestamp(int(points["year"].max()) + 1, 1, 1)
        if len(points)
        else pd.Timestamp(2021, 1, 1)
    )
    for ax, partner in zip(axes, partners, strict=False):
        color = colors[partner]
        part = points[points["partner"] == partner]
        ax.plot(
            part["date"],
            part["line"],
            color=color,
            lw=1.4,
            marker="o",
            markersize=2.8,
            gid=f"series:{partner}",
        )
        mine = comparison[comparison["partner"] == partner]
        detected = mine[mine["detected_date"].notna()].sort_values("detected_date")
        # levels between breaks: "before" of the first, then each break's "after"
        edges = [lo, *detected["detected_date"], hi]
        levels = [*detected["before"].iloc[:1], *detected["after"]] if len(detected) else []
        if not levels:
            kept = part["line"].dropna()
            levels = [float(kept.mean())] if len(kept) else []
        for k, level in enumerate(levels):
            ax.hlines(
                level, edges[k], edges[k + 1], color=color, lw=3, alpha=0.35, gid=f"level:{partner}"
            )
        for _, row in detected.iterrows():
            ax.axvline(
                row["detected_date"],
                color=color,
                lw=1.6,
                gid=f"detected:{partner}:{int(row['detected_year'])}",
            )
        sourced = mine[mine["sourced_date"].notna()]
        for _, row in sourced.iterrows():
            dotted = str(row.get("boundary_kind", "phase")) == "seat"
            ax.axvline(
                row["sourced_date"],
                color=SOURCED_COLOR,
                lw=1.0,
                ls=":" if dotted else "--",
                gid=f"sourced:{partner}:{row['boundary']}",
            )
            if row["status"] == "matched":
                gap = row["gap_years"]
                ax.annotate(
                    f"{gap:+.1f} y",
                    (mdates.date2num(row["sourced_date"]), 1.0),
                    xycoords=("data", "axes fraction"),
                    xytext=(3, -10),
                    textcoords="offset points",
                    fontsize=7.5,
                    color=SOURCED_COLOR,
                )
            elif row["status"] == "not detected":
                ax.annotate(
                    "not detected",
                    (mdates.date2num(row["sourced_date"]), 0.0),
                    xycoords=("data", "axes fraction"),
                    xytext=(3, 3),
                    textcoords="offset points",
                    fontsize=7,
                    color="0.35",
                    rotation=90,
                )
        if phases is not None:
            from .phases import add_phase_bands

            add_phase_bands(
                ax,
                phases,
                track=_phase_track(track, phases, yearly),
                x="date",
                labels=ax is axes[0],
            )
        ax.set_xlim(lo, hi)
        ax.set_ylim(*_y_limits(measure))
        ax.set_ylabel(f"{_MEASURE_SHORT[measure]}\nwith {partner}", fontsize=8)
        _date_axis(ax)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    handles = [
        Line2D([], [], color="0.3", lw=1.6, label="break found in the votes (ruptures, PELT)"),
        Line2D([], [], color=SOURCED_COLOR, lw=1.0, ls="--", label="sourced phase boundary"),
        Line2D([], [], color=SOURCED_COLOR, lw=1.0, ls=":", label="seat changes hands"),
        Line2D([], [], color="0.3", lw=3, alpha=0.35, label="level between breaks"),
    ]
    axes[-1].legend(
        handles=handles,
        frameon=False,
        fontsize=7.5,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncols=4,
    )
    name = MEASURE_TITLES[measure].split(" (")[0].replace(", linear weights", "")
    axes[0].set_title(
        f"{_country(yearly)}: breaks in the yearly {name} with each partner, beside the sourced "
        "boundaries (gap = found − sourced)",
        fontsize=10,
    )
    return axes
