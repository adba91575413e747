"""Charts of the UN General Assembly voting record.

* :func:`plot_key_resolutions` — official tallies of the key Palestine resolutions, with one
  country's vote marked on each bar;
* :func:`plot_yes_share` / :func:`yes_share_figure` — a country's yes-share per year beside the
  Assembly's (matplotlib / interactive plotly), with the votes an article states;
* :func:`plot_agreement` — how often the country voted with the Assembly's majority.

Inputs are the tables of :mod:`relations_lib.un.record` (``key_resolutions``, ``voting_record``)
and, for the stated votes, :func:`relations_lib.extract_vote_mentions`.

>>> import relations_lib as rl
>>> record = rl.unvotes.record_concerning("AL", "Palestine")
>>> ax = rl.plots.plot_yes_share(record, mentions=rl.extract_vote_mentions(rl.load_seed()))
"""

from __future__ import annotations

import html
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import PercentFormatter

from .._args import AXES, FRAME, TEXT, check, optional
from ..errors import SchemaError
from ..un.record import yearly_summary
from ._labels import record_country, record_subject

#: Okabe–Ito colours (safe for the common colour-vision deficiencies), one per vote level.
VOTE_COLORS: dict[str, str] = {"yes": "#009E73", "abstain": "#BBBBBB", "no": "#D55E00"}
COUNTRY_COLOR = "#0072B2"
ASSEMBLY_COLOR = "#555555"
ABSENT_COLOR = "#E69F00"
MENTION_COLOR = "#CC79A7"
#: A single vote's yes-share: where a stated vote is drawn on the yes-share axis.
_VOTE_SHARE = {"yes": 1.0, "abstain": 0.0, "no": 0.0}
_HOVER_ROLL_CALLS = 12  # roll calls listed in a hover box before "… and n more"
#: A year with fewer roll calls than this gets its count written beside its point: a share of
#: one or two votes is 0 %, 50 % or 100 % and says little.
FEW_ROLL_CALLS = 5
#: The order of the segments of the key-resolution bars, and of their tally: the UN's
#: yes–no–abstain.
TALLY_ORDER: tuple[str, ...] = ("yes", "no", "abstain")


def _require(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"{what} lacks column(s) {', '.join(missing)}")


def _country_name(record: pd.DataFrame) -> str:
    return record_country(record)


def _subject(record: pd.DataFrame) -> str:
    return record_subject(record)


def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _member_years(record: pd.DataFrame) -> pd.DataFrame:
    """The yearly summary from the first year the country was a member (cast a vote), one row
    per calendar year (years without roll calls have NaN shares)."""
    _require(
        record,
        ("year", "country_vote", "yes_share", "agrees_with_majority", "is_member"),
        "voting record",
    )
    yearly = yearly_summary(record)
    member_years = record.loc[record["is_member"].fillna(False).astype(bool), "year"]
    if member_years.empty:
        return yearly.iloc[0:0]
    yearly = yearly[yearly["year"] >= member_years.min()]
    # every year, so that a year without roll calls breaks the lines instead of bridging them
    years = pd.RangeIndex(int(yearly["year"].min()), int(yearly["year"].max()) + 1, name="year")
    full = yearly.set_index("year").reindex(years).reset_index()
    full["year"] = full["year"].astype("Int64")
    full["date"] = pd.to_datetime({"year": full["year"], "month": 7, "day": 1}).astype(
        "datetime64[ns]"
    )
    for c in ("roll_calls", "votes_cast", "country_yes"):
        full[c] = full[c].fillna(0).astype("Int64")
    return full


def _record_states(record: pd.DataFrame) -> set[str]:
    """ISO alpha-3 codes of the state(s) a voting record is of (``state``: the USSR and Russia
    for a record that follows the seat)."""
    if "state" in record.columns:
        return set(record["state"].dropna().astype(str))
    return set()


def _stated_votes(mentions: pd.DataFrame | None, states: set[str] | None = None) -> pd.DataFrame:
    """Rows of the vote mentions with a date and a vote; ``_y`` is the vote's yes-share. With
    ``states``, only the votes of those states (``country_code``): the article may state the
    other country's votes too, which are not this record's."""
    if mentions is None or len(mentions) == 0:
        return pd.DataFrame(columns=["date", "vote", "resolution", "_y", "_label"])
    _require(mentions, ("date", "vote"), "vote mentions")
    keep = mentions["date"].notna() & mentions["vote"].notna()
    if states and "country_code" in mentions.columns:
        keep &= mentions["country_code"].astype("string").isin(states).fillna(False)
    m = mentions.loc[keep].copy()
    m["date"] = pd.to_datetime(m["date"])
    m["_y"] = m["vote"].astype(str).map(_VOTE_SHARE).astype(float)
    resolution = m["resolution"] if "resolution" in m.columns else pd.Series(pd.NA, index=m.index)
    precision = m["precision"] if "precision" in m.columns else pd.Series("day", index=m.index)
    m["_label"] = [
        f"{'' if pd.isna(r) else f'{r}, '}{_format_date(d, p)}: {v}"
        for r, d, p, v in zip(resolution, m["date"], precision, m["vote"].astype(str), strict=True)
    ]
    return m.sort_values("date").reset_index(drop=True)


def _format_date(date: pd.Timestamp, precision: object) -> str:
    """``2012-11-29`` at day precision → "29 Nov 2012"; at year precision → "2012"."""
    precision = "day" if pd.isna(precision) else str(precision)
    if precision == "year":
        return f"{date.year}"
    if precision == "decade":
        return f"{date.year // 10 * 10}s"
    if precision == "month":
        return f"{date:%b %Y}"
    return f"{date.day} {date:%b %Y}"


def _finish_legend(ax: Axes, **kwargs) -> None:
    ax.legend(frameon=False, fontsize=8, **kwargs)


def _legend_below(ax: Axes) -> None:
    """Legend under the x axis, so it hides no data (constrained layout makes room)."""
    _finish_legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=3)


# --------------------------------------------------------------------------------------------
# (a) the key resolutions
# --------------------------------------------------------------------------------------------
def _wrap(text: object, width: int = 52) -> str:
    """The whole text, wrapped at spaces onto as many lines as it needs (never cut)."""
    text = "" if pd.isna(text) else str(text)
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


def plot_key_resolutions(key: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Official tallies of the key resolutions as stacked bars, one country's vote marked on each.

    Parameters
    ----------
    key
        :func:`relations_lib.key_resolutions` (``country=...`` for the country's votes); needs
        ``resolution``, ``year``, ``subject``, ``official_yes``/``official_no``/
        ``official_abstain``, and uses ``country``/``country_vote`` (the outlined segment),
        ``voeten_*`` and ``tally_differs`` (to note where Voeten's counts differ).
    ax
        Axes to draw on; by default a new constrained-layout figure, as tall as the wrapped
        subjects need.

    Returns
    -------
    matplotlib.axes.Axes
        One horizontal bar per resolution (oldest at the top), segments in the order of the UN's
        tally, yes | no | abstain (bar containers labelled with the level), so that the numbers
        written on the right ("138–9–41") read in the order of the segments; the segment of the
        country's vote outlined in black (Rectangles with gid ``"key_resolutions:country"``);
        on the right the tally, the country's vote in words and Voeten's tally where it
        differs. Each subject is shown whole, wrapped.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("plot_key_resolutions", key=(key, FRAME), ax=(ax, AXES))
    _require(
        key,
        ("resolution", "year", "subject", "official_yes", "official_abstain", "official_no"),
        "key resolutions table",
    )
    vote = (
        key["country_vote"].astype(object)
        if "country_vote" in key.columns
        else pd.Series(pd.NA, index=key.index, dtype=object)
    )
    country = None
    if "country" in key.columns and key["country"].notna().any():
        country = str(key["country"].dropna().iloc[0])
    labels = [
        f"{r} ({int(yr)})\n{_wrap(s)}"
        for r, yr, s in zip(key["resolution"], key["year"], key["subject"], strict=True)
    ]
    lines = sum(label.count("\n") + 1 for label in labels)
    if ax is None:
        height = max(0.42 * len(key), 0.16 * lines) + 1.8
        _, ax = plt.subplots(figsize=(11, height), layout="constrained")
    y = np.arange(len(key))
    counts = {
        level: key[f"official_{level}"].astype("Float64").fillna(0).to_numpy(dtype=float)
        for level in TALLY_ORDER
    }
    left = np.zeros(len(key))
    starts = {}
    for level in TALLY_ORDER:
        starts[level] = left.copy()
        bars = ax.barh(
            y,
            counts[level],
            left=left,
            color=VOTE_COLORS[level],
            edgecolor="white",
            linewidth=0.6,
            height=0.72,
            label=level,
        )
        for rect, n in zip(bars, counts[level], strict=True):
            if n >= 9:  # a count fits inside a segment this wide
                ax.text(
                    rect.get_x() + rect.get_width() / 2,
                    rect.get_y() + rect.get_height() / 2,
                    f"{int(n)}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="black" if level == "abstain" else "white",
                )
        left = left + counts[level]

    for i, v in enumerate(vote):
        if isinstance(v, str) and v in counts and counts[v][i] > 0:
            ax.add_patch(
                Rectangle(
                    (starts[v][i], y[i] - 0.36),
                    counts[v][i],
                    0.72,
                    fill=False,
                    edgecolor="black",
                    linewidth=2.0,
                    zorder=4,
                    gid="key_resolutions:country",
                )
            )
    total = left.max() if len(left) else 1.0
    for i, row in enumerate(key.itertuples(index=False)):
        tally = "–".join(
            str(int(getattr(row, f"official_{c}")))
            if not pd.isna(getattr(row, f"official_{c}"))
            else "?"
            for c in TALLY_ORDER
        )
        note = tally
        if country is not None:
            v = vote.iloc[i]
            note += f" · {country}: {v if isinstance(v, str) else 'n/a'}"
        differs = getattr(row, "tally_differs", pd.NA)
        if not pd.isna(differs) and bool(differs):
            voeten = "–".join(str(int(getattr(row, f"voeten_{c}"))) for c in TALLY_ORDER)
            note += f" · Voeten {voeten}"
        ax.text(left[i] + total * 0.012, y[i], note, va="center", fontsize=7.5, color="0.2")

    ax.set_yticks(y, labels, fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlim(0, total * 1.55)  # room for the notes on the right
    ax.set_xlabel("member states voting (official tally, segments and numbers: yes – no – abstain)")
    ax.set_title("Key General Assembly resolutions on Palestine: official tallies", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=VOTE_COLORS[level], label=level) for level in TALLY_ORDER]
    if country is not None and vote.notna().any():
        handles.append(
            Patch(fill=False, edgecolor="black", linewidth=2.0, label=f"{country}'s vote")
        )
    _finish_legend(ax, handles=handles, loc="lower right", ncols=4)
    return ax


# --------------------------------------------------------------------------------------------
# (b) yes-share per year
# --------------------------------------------------------------------------------------------
def plot_yes_share(
    record: pd.DataFrame,
    *,
    ax: Axes | None = None,
    mentions: pd.DataFrame | None = None,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
) -> Axes:
    """The country's yes-share per year beside the Assembly's mean yes-share.

    Parameters
    ----------
    record
        :func:`relations_lib.voting_record` (e.g. ``issue="me"`` for Palestine-related roll
        calls). Years before the country's first vote are left out.
    ax
        Axes to draw on; by default a new constrained-layout figure.
    mentions
        :func:`relations_lib.extract_vote_mentions` output: each stated vote with a date is
        drawn as a star at its date, at that single vote's yes-share (yes = 100 %, abstain or
        no = 0 %) and labelled with resolution, date and vote. Only the votes of the
        record's state(s) (``country_code`` among the record's ``state``) are drawn: the
        article may state the other country's votes too.
    phases, track
        Shade ``track``'s phases (:func:`relations_lib.plots.phases.add_phase_bands`); default
        the national track of the record's country, else the global Cold War.

    Returns
    -------
    matplotlib.axes.Axes
        Lines with gid ``"yes_share:country"`` and ``"yes_share:assembly"`` (one point per year;
        a gap where the country cast no vote), stars ``"yes_share:mentions"``; a year with
        fewer than :data:`FEW_ROLL_CALLS` roll calls has its count written beside the country's
        point ("n=2", texts with gid ``"yes_share:few"``).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_yes_share",
        record=(record, FRAME),
        ax=(ax, AXES),
        mentions=(mentions, optional(FRAME)),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
    )
    yearly = _member_years(record)
    name = _country_name(record)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4.6), layout="constrained")
    ax.plot(
        yearly["date"],
        yearly["assembly_yes_share"],
        color=ASSEMBLY_COLOR,
        lw=1.4,
        ls="--",
        marker=".",
        markersize=3,
        label="Assembly: mean share of members voting yes",
        gid="yes_share:assembly",
    )
    ax.plot(
        yearly["date"],
        yearly["country_yes_share"],
        color=COUNTRY_COLOR,
        lw=1.8,
        marker="o",
        markersize=3.2,
        label=f"{name}: share of its votes that were yes",
        gid="yes_share:country",
    )
    stated = _stated_votes(mentions, _record_states(record))
    if len(stated):
        ax.scatter(
            stated["date"],
            stated["_y"],
            marker="*",
            s=170,
            color=MENTION_COLOR,
            edgecolors="black",
            linewidths=0.6,
            zorder=5,
            label="vote stated in the article (yes = 100 %, abstain/no = 0 %)",
            gid="yes_share:mentions",
        )
        for _, row in stated.iterrows():
            low = row["_y"] < 0.5
            ax.annotate(
                row["_label"],
                (mdates.date2num(row["date"]), row["_y"]),
                xytext=(-8, 10 if low else -12),
                textcoords="offset points",
                ha="right",
                va="bottom" if low else "top",
                fontsize=7.5,
                color="0.15",
            )
    _annotate_few(ax, yearly, "country_yes_share", "yes_share:few")
    _decorate_share_axes(ax, yearly, phases, track, record)
    ax.set_ylabel("share of votes cast that were yes")
    ax.set_title(f"{name} and the General Assembly: yes-share per year, {_subject(record)}")
    _legend_below(ax)
    return ax


def _annotate_few(ax: Axes, yearly: pd.DataFrame, column: str, gid: str) -> None:
    """Write the number of roll calls beside each point of a year that has few of them."""
    few = yearly[(yearly["roll_calls"] > 0) & (yearly["roll_calls"] < FEW_ROLL_CALLS)]
    few = few[few[column].notna()]
    previous: tuple[int, float, int] | None = None  # year, value, side of the last label
    for _, row in few.iterrows():
        year, value = int(row["year"]), float(row[column])
        side = 1 if value < 0.9 else -1  # above the point, or below it near 100 %
        if previous is not None and year - previous[0] <= 2 and abs(value - previous[1]) < 0.1:
            side = -previous[2]  # neighbours at the same height: alternate
        previous = (year, value, side)
        ax.annotate(
            f"n={int(row['roll_calls'])}",
            (mdates.date2num(row["date"]), value),
            xytext=(4, 2 * side),
            textcoords="offset points",
            ha="left",
            va="bottom" if side > 0 else "top",
            fontsize=6.5,
            color="0.25",
            gid=gid,
        )


def _decorate_share_axes(
    ax: Axes,
    yearly: pd.DataFrame,
    phases: pd.DataFrame | None,
    track: str | None,
    record: pd.DataFrame,
) -> None:
    if len(yearly):
        lo = pd.Timestamp(int(yearly["year"].min()), 1, 1)
        hi = pd.Timestamp(int(yearly["year"].max()) + 1, 1, 1)
    else:
        lo, hi = pd.Timestamp(1946, 1, 1), pd.Timestamp(2020, 1, 1)
    if phases is not None:
        from .phases import _track, add_phase_bands  # lazily: pulls in the phase tables

        add_phase_bands(ax, phases, track=_track(track, phases, record))
    ax.set_xlim(lo, hi)  # the bands must not widen the view
    ax.set_ylim(-0.04, 1.12)  # headroom for phase labels
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    _date_axis(ax)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# --------------------------------------------------------------------------------------------
# (c) agreement with the majority
# --------------------------------------------------------------------------------------------
def plot_agreement(
    record: pd.DataFrame,
    *,
    ax: Axes | None = None,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
) -> Axes:
    """How often the country voted with the Assembly's majority, per year.

    Parameters
    ----------
    record
        :func:`relations_lib.voting_record`; years before the country's first vote are left out.
    ax
        Axes to draw on; by default a new constrained-layout figure.
    phases, track
        Shade ``track``'s phases (:func:`relations_lib.plots.phases.add_phase_bands`); default
        as in :func:`plot_yes_share`.

    Returns
    -------
    matplotlib.axes.Axes
        A line (gid ``"agreement:country"``): share of the country's votes equal to the majority
        vote; bars (gid ``"agreement:absent"``): share of the year's roll calls on which the
        country, a member, cast no vote; "n=…" beside the points of years with fewer than
        :data:`FEW_ROLL_CALLS` roll calls (gid ``"agreement:few"``).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "plot_agreement",
        record=(record, FRAME),
        ax=(ax, AXES),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
    )
    yearly = _member_years(record)
    name = _country_name(record)
    member = record["is_member"].fillna(False).astype(bool)
    absent = (member & record["country_vote"].isna()).groupby(record["year"]).mean()
    absent = yearly["year"].map(absent).astype(float)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4.2), layout="constrained")
    bars = ax.bar(
        yearly["date"],
        absent,
        width=300,
        color=ABSENT_COLOR,
        alpha=0.45,
        label=f"roll calls {name} missed (share)",
    )
    for rect in bars:
        rect.set_gid("agreement:absent")
    ax.plot(
        yearly["date"],
        yearly["agreement"],
        color=COUNTRY_COLOR,
        lw=1.8,
        marker="o",
        markersize=3.2,
        label=f"{name}'s votes matching the majority (share)",
        gid="agreement:country",
    )
    _annotate_few(ax, yearly, "agreement", "agreement:few")
    _decorate_share_axes(ax, yearly, phases, track, record)
    ax.set_ylabel("share of votes with the majority (line)\nshare of roll calls missed (bars)")
    ax.set_title(f"{name}'s agreement with the General Assembly majority, {_subject(record)}")
    _legend_below(ax)
    return ax


# --------------------------------------------------------------------------------------------
# (d) interactive yes-share
# --------------------------------------------------------------------------------------------
def _esc(value: object) -> str:
    return "" if value is None or pd.isna(value) else html.escape(str(value), quote=False)


def _hover_lists(record: pd.DataFrame, years: pd.Series) -> list[str]:
    """Per year: the roll calls (resolution, short description, the country's vote), escaped;
    key resolutions first, then in ``record`` order."""
    label = record["resolution"].astype(object).where(record["resolution"].notna(), None)
    label = label.fillna(record["unres"].astype(object)).fillna("roll call")
    key = record.get("is_key_resolution", pd.Series(False, index=record.index))
    lines = pd.DataFrame(
        {
            "year": record["year"],
            "_key_first": ~key.fillna(False).astype(bool),  # key resolutions head the list
            "line": [
                f"{_esc(r)} — {_esc(s) or 'no description'}: "
                f"{_esc(v) if not pd.isna(v) else 'no vote'}"
                for r, s, v in zip(label, record["short"], record["country_vote"], strict=True)
            ],
        }
    )
    lines = lines.sort_values(["year", "_key_first"], kind="stable")
    by_year = lines.groupby("year")["line"].apply(list)
    out = []
    for year in years:
        items = by_year.get(year, [])
        shown = items[:_HOVER_ROLL_CALLS]
        more = len(items) - len(shown)
        out.append("<br>".join(shown) + (f"<br>… and {more} more" if more > 0 else ""))
    return out


def yes_share_figure(
    record: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
) -> go.Figure:
    """Interactive version of :func:`plot_yes_share`.

    Hovering over a year of the country's line names that year's roll calls (resolution, short
    description, the country's vote; the first twelve); over a star, the stated vote. Every
    text from the data is HTML-escaped.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces ``"Assembly"``, the country's name, ``"roll calls (few)"`` (the count written
        beside the points of years with fewer than :data:`FEW_ROLL_CALLS` roll calls) and
        ``"stated in the article"`` (when ``mentions`` has dated votes).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "yes_share_figure",
        record=(record, FRAME),
        mentions=(mentions, optional(FRAME)),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
    )
    yearly = _member_years(record)
    name = _country_name(record)
    hover = _hover_lists(record, yearly["year"])
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=yearly["date"],
            y=yearly["assembly_yes_share"],
            name="Assembly",
            mode="lines+markers",
            line={"color": ASSEMBLY_COLOR, "dash": "dash", "width": 1.5},
            marker={"size": 3},
            customdata=np.column_stack([yearly["year"].astype(int), yearly["roll_calls"]]),
            hovertemplate=(
                "%{customdata[0]}: members voting yes, mean %{y:.0%} "
                "over %{customdata[1]} roll calls<extra>Assembly</extra>"
            ),
        )
    )
    text = [
        f"<b>{int(y)}</b>: {_esc(name)} voted yes {int(n)} of {int(c)} times<br>{h}"
        for y, n, c, h in zip(
            yearly["year"], yearly["country_yes"], yearly["votes_cast"], hover, strict=True
        )
    ]
    fig.add_trace(
        go.Scatter(
            x=yearly["date"],
            y=yearly["country_yes_share"],
            name=_esc(name),
            mode="lines+markers",
            line={"color": COUNTRY_COLOR, "width": 2},
            marker={"size": 5},
            text=text,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    few = yearly[
        (yearly["roll_calls"] > 0)
        & (yearly["roll_calls"] < FEW_ROLL_CALLS)
        & yearly["country_yes_share"].notna()
    ]
    if len(few):
        fig.add_trace(
            go.Scatter(
                x=few["date"],
                y=few["country_yes_share"],
                name="roll calls (few)",
                mode="text",
                text=[f"n={int(n)}" for n in few["roll_calls"]],
                textposition=[
                    "top center" if v < 0.9 else "bottom center" for v in few["country_yes_share"]
                ],
                textfont={"size": 9, "color": "#444444"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    stated = _stated_votes(mentions, _record_states(record))
    if len(stated):
        fig.add_trace(
            go.Scatter(
                x=stated["date"],
                y=stated["_y"],
                name="stated in the article",
                mode="markers",
                marker={
                    "symbol": "star",
                    "size": 15,
                    "color": MENTION_COLOR,
                    "line": {"color": "black", "width": 1},
                },
                text=[_esc(t) for t in stated["_label"]],
                hovertemplate="%{text}<extra>stated in the article</extra>",
            )
        )
    fig.update_layout(
        title=f"{_esc(name)} and the General Assembly: yes-share per year, {_subject(record)}",
        yaxis={
            "title": "share of votes cast that were yes",
            "tickformat": ".0%",
            "range": [-0.04, 1.1],
        },
        xaxis={"title": None},
        hovermode="closest",
        template="plotly_white",
        legend={"orientation": "h", "y": -0.12},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
    )
    if phases is not None:  # after the layout, whose margins decide which names fit
        from .phases import _track, add_phase_vrects

        fig = add_phase_vrects(fig, phases, track=_track(track, phases, record)) or fig
    return fig
