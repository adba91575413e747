"""Interactive event timeline (plotly): one point per event, one lane per acting party, and a
hover with the sentence, actors and CAMEO code. All article text is HTML-escaped.

>>> import relations_lib as rl
>>> fig = rl.plots.milestones_figure(rl.extract_events(rl.load_seed()))
"""

from __future__ import annotations

import datetime
import html
import textwrap
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .._args import BOOL, FRAME, TEXT, check, optional
from ..coding.restatements import drop_restatements
from .style import QUAD_CLASS_COLORS, QUAD_CLASS_NAMES
from .timeline_data import (
    _CLASS_ORDER,
    VOTE_COLORS,
    VOTE_LEGEND,
    _format_date,
    _prepare,
    _prepare_votes,
    _text,
    _title,
)

_PLOTLY_SYMBOLS: dict[int, str] = {
    1: "circle",
    2: "square",
    3: "triangle-up",
    4: "diamond",
    0: "circle-open",
}
_PLOTLY_VOTE_SYMBOLS: dict[str, str] = {"yes": "cross", "abstain": "hexagon", "no": "x"}


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
        # Python datetimes: a padded limit may lie before 1678, beyond datetime64[ns]
        start, stop = start.to_pydatetime(), stop.to_pydatetime()
        pad = datetime.timedelta(days=max((stop - start).days, 365) * 0.04)
        fig.update_xaxes(range=[start - pad, stop + pad])
    if phases is not None:
        from .phases import add_phase_vrects

        fig = add_phase_vrects(fig, phases, track=track) or fig
    return fig
