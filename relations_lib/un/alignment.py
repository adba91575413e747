"""How closely states vote together in the UN General Assembly, and when that changed.

* :func:`agreement` — one measure of voting similarity between two states (or one state and
  the Assembly's majority, :func:`agreement_with_majority`), by year, session or phase;
  :func:`agreement_over` pools it over spans of years;
* :func:`pairwise_agreement` — the same for every pair of states voting in one session;
* :func:`session_positions` — a one-dimensional position of every state in each session (the
  first principal component of the session's votes: see its docstring for what it is not);
* :func:`detect_breaks` and :func:`compare_breaks` — change points in a yearly agreement series
  (``ruptures``) set beside the sourced phase boundaries of :func:`relations_lib.cold_war_phases`;
* :func:`voting_span` — which of some countries cast votes at all, and when.

Which roll calls count
----------------------
A roll call counts for a pair when **both** cast a vote on it: yes, abstain or no. Absences and
non-membership are not votes (Voeten's data has no row for them: codes 8 and 9 of the original
data), so they are left out rather than counted as disagreement; a roll call on which the
Assembly has no majority (a tie) is left out of :func:`agreement_with_majority`. Every row
carries ``n_shared``, the number of roll calls it rests on; a row with none has ``value`` NaN.

The measures
------------
Votes are placed on Voeten's three-point scale, yes = 1, abstain = 2, no = 3 (Strezhnev and
Voeten's codebook), so the distance between two votes is ``d = |x - y|`` in {0, 1, 2}, and the
largest possible distance is ``d_max = 2``. Over the ``n`` shared roll calls of a period:

``agreement``
    ``1 - mean(d) / 2``: a roll call counts 1 when both cast the same vote, 0.5 when one
    abstained and the other did not, 0 when one voted yes and the other no — the convention of
    the dyadic agreement scores distributed with the data (Bailey, Strezhnev and Voeten 2017)
    and of Voeten's earlier agreement indices.
``s``
    Signorino and Ritter's S, unweighted, with absolute distances normalised by the largest
    possible distance: ``S = 1 - 2 * sum(d) / (n * d_max)`` (Signorino and Ritter 1999,
    "Tau-b or Not Tau-b", *International Studies Quarterly* 43:115–144). It runs from -1 to 1;
    on a three-point scale with absolute distances it equals ``2 * agreement - 1``, so it
    orders pairs exactly as ``agreement`` does.
``kappa``
    Cohen's kappa with linear (absolute-distance) weights, as Häge (2011, "Choice or
    Circumstance? Adjusting Measures of Foreign Policy Similarity for Chance Agreement",
    *Political Analysis* 19(3):287–305) proposes for foreign-policy similarity:
    ``kappa = 1 - D_o / D_e`` with ``D_o = mean(d)`` and ``D_e = sum_ij p_a(i) p_b(j) |i - j|``,
    where ``p_a``, ``p_b`` are each state's own shares of yes / abstain / no over the same
    shared roll calls. It corrects agreement for what two states voting at random with their
    own habits would reach; it is NaN when ``D_e = 0`` (both cast one and the same option on
    every shared roll call, so chance explains everything).

Sources (checked in November 2026): Signorino and Ritter's article,
https://pdfkul.com/signorchpcorel-ventura-school-of-arts-and-sciences_59e7fc281723dda39d4861ea.html;
Häge's abstract, https://www.frankhaege.eu/publication/hage-2011-choice/; S with absolute
distances and an explicit range, https://svmiller.com/fpsim/reference/srs.html; the vote codes,
Strezhnev and Voeten's codebook, https://it.scribd.com/document/264524279/Codebook-pdf. The
half-agreement weight of an abstention is the convention of the agreement scores distributed
with Voeten's data; no page stating it could be opened here, so treat that attribution as ours.

States
------
Names are turned into voting series by :func:`resolve_state` only (the country registry can
take its place). A *seat* held by several states in turn is a series of stretches:
``"China's seat"`` is the Republic of China ("Taiwan" in the data) until 25 October 1971 and the
People's Republic ("China") after; ``"Soviet Union"`` is the data's "Russia" series until
24 December 1991; ``"USSR/Russia"`` is that series whole (the registry's table of voting series,
data/reference/countries/unvotes_series.csv).
"China" alone is the People's Republic, which votes only from November 1971.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from .._args import (
    FRAME,
    ISSUES,
    NUMBER,
    PERIODS,
    SESSION,
    SESSIONS,
    STATE,
    STATES,
    TEXT,
    at_least,
    check,
    optional,
)
from ..countries import SERIES_FILE, Country, un_seats
from ..errors import (
    ReferenceDataError,
    RelationsLibError,
    SchemaError,
    UnknownCountryError,
    UnknownMeasureError,
)
from ..paths import reference_file

__all__ = [
    "MAJORITY",
    "MEASURES",
    "SEATS_FILE",
    "VotingSeries",
    "agreement",
    "agreement_over",
    "agreement_with_majority",
    "compare_breaks",
    "detect_breaks",
    "pairwise_agreement",
    "resolve_state",
    "session_positions",
    "voting_span",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


#: The measures :func:`agreement` computes (see the module docstring for the formulas).
MEASURES: tuple[str, ...] = ("agreement", "s", "kappa")
#: How :func:`agreement` groups roll calls.
BY: tuple[str, ...] = ("year", "session", "phase")
#: The name of the Assembly's majority as a partner.
MAJORITY = "Assembly majority"
#: Seats held by more than one state: the registry's table of the data's voting series.
SEATS_FILE = SERIES_FILE
#: Fewest shared roll calls for a year to count in :func:`detect_breaks` (and, in the charts,
#: to be drawn as a full point rather than marked as resting on few roll calls).
MIN_SHARED = 10

Measure = Literal["agreement", "s", "kappa"]
By = Literal["year", "session", "phase"]

_D_MAX = 2.0  # largest distance on the three-point scale yes(0) … no(2)
_MAJORITY_NAMES = {"majority", "assembly majority", "the assembly majority", "assembly"}


# --------------------------------------------------------------------------- states


@dataclass(frozen=True)
class VotingSeries:
    """A voting series: the data's states whose votes stand for one name, each for a stretch.

    ``segments`` holds ``(country, start, end)`` with ``country`` a name of Voeten's data,
    ``start`` inclusive and ``end`` exclusive (``None``: open). ``label`` is what output rows
    call the series.
    """

    label: str
    segments: tuple[tuple[str, pd.Timestamp | None, pd.Timestamp | None], ...]
    is_majority: bool = False


@lru_cache(maxsize=1)
def _seats() -> dict[str, VotingSeries]:
    """casefolded seat name or alias → its series (the registry's table of voting series,
    data/reference/countries/unvotes_series.csv)."""
    out: dict[str, VotingSeries] = {}
    for seat, (aliases, stretches) in un_seats().items():
        segments: list[tuple[str, pd.Timestamp | None, pd.Timestamp | None]] = []
        for st in stretches:
            start = None if st.start is None else pd.Timestamp(st.start)
            end = None if st.end is None else pd.Timestamp(st.end)
            if segments and segments[-1][0] == st.country and segments[-1][2] == start:
                # one series under two states (the USSR, then Russia) is one segment: the
                # votes are the same name's, and no seat passes to another series there
                segments[-1] = (st.country, segments[-1][1], end)
            else:
                segments.append((st.country, start, end))
        series = VotingSeries(seat, tuple(segments))
        for name in (seat, *aliases):
            out[name.casefold()] = series
    return out


#: The great powers the alignment charts compare a country with: the United States, the USSR's and
#: then Russia's seat, and China's seat (the Republic of China to 25 October 1971, the People's
#: Republic after; data/reference/countries/unvotes_series.csv).
GREAT_POWERS = ("United States", "USSR/Russia", "China's seat")


def default_track(country: str | None) -> str:
    """The phase track a country's measures use when none is given: its national track
    (data/reference/phase_tracks.csv), else the global Cold War track."""
    from ..history.phases import GLOBAL_TRACK, track_of

    if country is None:
        return GLOBAL_TRACK
    try:
        return track_of(country) or GLOBAL_TRACK
    except RelationsLibError:  # a seat name such as "USSR/Russia" is no registry name
        return GLOBAL_TRACK


def resolve_state(country: str | Country | VotingSeries) -> VotingSeries:
    """The voting series a name stands for: the one place where alignment resolves states.

    Order: a :class:`VotingSeries` as given; ``"majority"`` / ``"Assembly majority"`` → the
    Assembly's majority vote; a seat of data/reference/countries/unvotes_series.csv
    (``"China's seat"``, ``"Soviet Union"``, ``"USSR/Russia"`` and their aliases); otherwise
    the voting record's state the country registry resolves the name to
    (:func:`relations_lib.countries.resolve`), over the stretches of the data's series that
    are that state (Russia's series before 24 December 1991 is the Soviet Union's).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownCountryError
        When the name is none of these, or names a state without votes (Palestine, a
        non-member observer State, has none).
    """
    check("resolve_state", country=(country, STATE))
    if isinstance(country, VotingSeries):
        return country
    if isinstance(country, Country):
        country = country.alpha2 or country.alpha3 or country.name
    query = str(country).strip()
    if query.casefold() in _MAJORITY_NAMES:
        return VotingSeries(MAJORITY, (), is_majority=True)
    seat = _seats().get(query.casefold())
    if seat is not None:
        return seat
    from .record import _series_periods, _state_of

    state = _state_of(query)  # the country registry: names, codes, former states
    segments = tuple(
        (name, None if lo is None else pd.Timestamp(lo), None if hi is None else pd.Timestamp(hi))
        for name, periods in _series_periods().items()
        for state_id, lo, hi in periods
        if state_id == state.id
    )
    if not segments:
        raise UnknownCountryError(f"{state.name} has no votes in the UN voting data")
    return VotingSeries(state.name, segments)


# --------------------------------------------------------------------------- the vote matrix


@dataclass(frozen=True)
class _Votes:
    """Every vote as a dense matrix: states × roll calls (in roll_calls order), -1 = no vote."""

    names: tuple[str, ...]
    index: dict[str, int]
    codes: np.ndarray  # int8 [n_states, n_roll_calls]: 0 yes, 1 abstain, 2 no, -1 none
    rcid: np.ndarray
    date: np.ndarray  # datetime64[ns]
    year: np.ndarray
    session: np.ndarray


@lru_cache(maxsize=1)
def _majority() -> np.ndarray:
    """The Assembly's majority vote per roll call (roll_calls order), -1 on a tie."""
    from .record import _record_base

    base = _record_base()  # same order as roll_calls
    if not np.array_equal(base["rcid"].to_numpy(dtype="int64"), _votes().rcid):  # pragma: no cover
        raise SchemaError("voting record and roll calls are not in the same order")
    return base["majority_vote"].cat.codes.to_numpy(dtype="int8")


@lru_cache(maxsize=1)
def _votes() -> _Votes:
    from .record import _load_roll_calls, _load_votes

    rc = _load_roll_calls()  # date, then rcid
    v = _load_votes()
    rcid = rc["rcid"].to_numpy(dtype="int64")
    column = np.full(int(rcid.max()) + 1, -1, dtype="int64")
    column[rcid] = np.arange(len(rcid))
    names = tuple(str(c) for c in v["country"].cat.categories)
    codes = np.full((len(names), len(rcid)), -1, dtype="int8")
    codes[v["country"].cat.codes.to_numpy(), column[v["rcid"].to_numpy(dtype="int64")]] = v[
        "vote"
    ].cat.codes.to_numpy(dtype="int8")
    date = rc["date"].to_numpy(dtype="datetime64[ns]")
    return _Votes(
        names=names,
        index={n: i for i, n in enumerate(names)},
        codes=codes,
        rcid=rcid,
        date=date,
        year=rc["date"].dt.year.to_numpy(dtype="int64"),
        session=rc["session"].to_numpy(dtype="int64"),
    )


def _segment_mask(
    date: np.ndarray, start: pd.Timestamp | None, end: pd.Timestamp | None
) -> np.ndarray:
    mask = np.ones(len(date), dtype=bool)
    if start is not None:
        mask &= date >= np.datetime64(start, "ns")
    if end is not None:
        mask &= date < np.datetime64(end, "ns")
    return mask


def _series_codes(series: VotingSeries) -> tuple[np.ndarray, np.ndarray]:
    """(vote codes per roll call, index of the segment that cast each one; -1 where none)."""
    data = _votes()
    if series.is_majority:
        codes = _majority().copy()
        return codes, np.where(codes >= 0, 0, -1)
    codes = np.full(len(data.rcid), -1, dtype="int8")
    which = np.full(len(data.rcid), -1, dtype="int64")
    for k, (name, start, end) in enumerate(series.segments):
        if name not in data.index:
            raise ReferenceDataError(
                f"{reference_file(SEATS_FILE)}: {name!r} has no votes in Voeten's data"
            )
        mask = _segment_mask(data.date, start, end)
        row = data.codes[data.index[name]]
        codes[mask] = row[mask]
        which[mask & (row >= 0)] = k
    return codes, which


def _issue_mask(issue: str | Iterable[str] | None) -> np.ndarray:
    """Roll calls selected by ``issue``, as :func:`relations_lib.voting_record` selects them."""
    from .record import KEY_RESOLUTIONS_ISSUE, _issue_set, _record_base

    wanted = _issue_set(issue)
    if wanted is None:  # every roll call: no need to build the voting record's base
        return np.ones(len(_votes().rcid), dtype=bool)
    base = _record_base()
    tags = base["issue"].fillna("").str.split(";")
    mask = np.array([bool(wanted & set(t)) for t in tags], dtype=bool)
    if KEY_RESOLUTIONS_ISSUE in wanted:
        mask |= base["is_key_resolution"].fillna(False).to_numpy(dtype=bool)
    return mask


# --------------------------------------------------------------------------- the measures


def _check_measure(measure: str) -> None:
    if measure not in MEASURES:
        raise UnknownMeasureError(f"unknown measure {measure!r}; choose one of {list(MEASURES)}")


def _grouped_measure(
    x: np.ndarray, y: np.ndarray, group: np.ndarray, n_groups: int, measure: str
) -> tuple[np.ndarray, np.ndarray]:
    """(shared roll calls, measure) per group; ``x``, ``y`` are vote codes of the shared roll
    calls (0 yes, 1 abstain, 2 no) and ``group`` their group (0 … n_groups - 1).

    >>> _grouped_measure(np.array([0, 0, 2, 1]), np.array([0, 2, 2, 0]), np.zeros(4, int), 1,
    ...                  "agreement")
    (array([4]), array([0.625]))
    """
    x, y, group = x.astype("int64"), y.astype("int64"), group.astype("int64")
    n = np.bincount(group, minlength=n_groups).astype("int64")
    d = np.abs(x.astype("int64") - y.astype("int64")).astype(float)
    mean_d = np.bincount(group, weights=d, minlength=n_groups) / np.where(n > 0, n, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        if measure == "agreement":
            value = 1.0 - mean_d / _D_MAX
        elif measure == "s":
            value = 1.0 - 2.0 * mean_d / _D_MAX
        else:  # kappa: expected distance from each side's own vote shares
            px = np.bincount(group * 3 + x, minlength=n_groups * 3).reshape(n_groups, 3)
            py = np.bincount(group * 3 + y, minlength=n_groups * 3).reshape(n_groups, 3)
            px = px / np.where(n > 0, n, 1)[:, None]
            py = py / np.where(n > 0, n, 1)[:, None]
            dist = np.abs(np.subtract.outer(np.arange(3), np.arange(3))).astype(float)
            expected = np.einsum("gi,ij,gj->g", px, dist, py)
            value = np.where(
                expected > 0, 1.0 - mean_d / np.where(expected > 0, expected, 1), np.nan
            )
    return n, np.where(n > 0, value, np.nan)


def _groups(by: str, phases: pd.DataFrame | None, track: str) -> tuple[np.ndarray, pd.DataFrame]:
    """(group of every roll call, -1 for none; one row per group with its key columns)."""
    data = _votes()
    if by == "year":
        keys, group = np.unique(data.year, return_inverse=True)
        return group, pd.DataFrame({"year": pd.array(keys, dtype="Int64")})
    if by == "session":
        keys, group = np.unique(data.session, return_inverse=True)
        first_year = pd.Series(data.year).groupby(data.session).min()
        return group, pd.DataFrame(
            {
                "session": pd.array(keys, dtype="Int64"),
                "year": pd.array(first_year.loc[keys].to_numpy(), dtype="Int64"),
            }
        )
    from ..history.phases import _track_rows, assign_phase, cold_war_phases

    table = cold_war_phases() if phases is None else phases
    rows = _track_rows(table, track)
    located = assign_phase(pd.DataFrame({"date": data.date}), track, phases=table)
    group = located["phase"].cat.codes.to_numpy(dtype="int64")
    frame = pd.DataFrame(
        {
            "phase": pd.Categorical(
                rows["phase"].astype(str), categories=list(rows["phase"].astype(str)), ordered=True
            ),
            "start": rows["start"].to_numpy(dtype="datetime64[ns]"),
            "end": rows["end"].to_numpy(dtype="datetime64[ns]"),
        }
    )
    return group, frame


def _states_per_group(
    series: VotingSeries, which: np.ndarray, shared: np.ndarray, group: np.ndarray, n_groups: int
) -> list[object]:
    """Per group: the data's names of the series' states that cast its shared votes, in order."""
    if series.is_majority:
        return [MAJORITY if k else pd.NA for k in np.bincount(group[shared], minlength=n_groups)]
    out: list[list[str]] = [[] for _ in range(n_groups)]
    for k, (name, _, _) in enumerate(series.segments):
        hit = np.bincount(group[shared & (which == k)], minlength=n_groups)
        for g in np.flatnonzero(hit):
            if name not in out[g]:
                out[g].append(name)
    return [";".join(names) if names else pd.NA for names in out]


def agreement(
    a: str | Country | VotingSeries,
    b: str | Country | VotingSeries,
    by: By = "year",
    issue: str | Iterable[str] | None = None,
    measure: Measure = "agreement",
    *,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
) -> pd.DataFrame:
    """How closely ``a`` and ``b`` voted, per year, session or phase.

    Only roll calls on which both cast a vote (yes, abstain or no) count: absences and
    non-membership are not votes. The formulas and their sources are in the docstring of
    :mod:`relations_lib.un.alignment`.

    Parameters
    ----------
    a, b
        A state or seat (see :func:`resolve_state`): ``"AL"``, ``"Albania"``,
        ``"United States"``, ``"China's seat"``, ``"Soviet Union"``, ``"USSR/Russia"``,
        ``"majority"`` (the Assembly's majority vote), or ``article.countries[0]``.
    by
        ``"year"`` (calendar year of the vote), ``"session"`` (General Assembly session) or
        ``"phase"`` (the phases of ``track`` in ``phases``, by the vote's date).
    issue
        ``None`` for every roll call, or Voeten issue code(s) as for
        :func:`relations_lib.voting_record` (``"me"`` adds the untagged key resolutions).
    measure
        ``"agreement"`` (share, 0–1), ``"s"`` (Signorino and Ritter's S, -1–1) or ``"kappa"``
        (Cohen's kappa, linear weights, ≤ 1).
    phases, track
        The phases table (default :func:`relations_lib.cold_war_phases`) and track, for
        ``by="phase"`` (default track: the national track of ``a``, else the global one).

    Returns
    -------
    pandas.DataFrame
        One row per year (every year with roll calls of any issue, 1946–2020; 1964 had none), per
        session, or per phase of the track (all of them), in chronological order. Columns:
        ``country``, ``partner`` (string: the labels of ``a`` and ``b``); then ``year`` (Int64), or
        ``session`` and ``year`` (Int64, the year of the session's first roll call), or ``phase``
        (ordered category), ``start`` and ``end`` (datetime64[ns]); then ``country_states`` and
        ``partner_states`` (string: the data's names of the states whose votes count in the row,
        ``;``-joined in date order, e.g. "Taiwan;China" for China's seat in 1971; missing when no
        roll call is shared), ``n_roll_calls`` (Int64, roll calls held in the period among those
        ``issue`` selects), ``n_shared`` (Int64, those both voted on), ``measure`` (category) and
        ``value`` (float64; NaN when ``n_shared`` is 0, and for kappa when chance explains all
        agreement).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownCountryError
        A name that has no votes (Palestine is not a member: it has none).
    UnknownMeasureError
        ``measure`` or ``by`` is not one of those above.
    UnknownIssueError
        ``issue`` is not a Voeten issue code.
    """
    check(
        "agreement",
        a=(a, STATE),
        b=(b, STATE),
        by=(by, TEXT),
        issue=(issue, ISSUES),
        measure=(measure, TEXT),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
    )
    _check_measure(measure)
    if by not in BY:
        raise UnknownMeasureError(f"unknown grouping by={by!r}; choose one of {list(BY)}")
    sa, sb = resolve_state(a), resolve_state(b)
    xa, wa = _series_codes(sa)
    xb, wb = _series_codes(sb)
    selected = _issue_mask(issue)
    group, frame = _groups(by, phases, track if track is not None else default_track(sa.label))
    n_groups = len(frame)
    in_group = selected & (group >= 0)
    shared = in_group & (xa >= 0) & (xb >= 0)
    n, value = _grouped_measure(xa[shared], xb[shared], group[shared], n_groups, measure)
    held = np.bincount(group[in_group], minlength=n_groups)
    out = pd.DataFrame(
        {
            "country": pd.array([sa.label] * n_groups, dtype="string"),
            "partner": pd.array([sb.label] * n_groups, dtype="string"),
        }
    )
    for column in frame.columns:
        out[column] = frame[column].reset_index(drop=True)
    out["country_states"] = pd.array(
        _states_per_group(sa, wa, shared, group, n_groups), dtype="string"
    )
    out["partner_states"] = pd.array(
        _states_per_group(sb, wb, shared, group, n_groups), dtype="string"
    )
    out["n_roll_calls"] = pd.array(held, dtype="Int64")
    out["n_shared"] = pd.array(n, dtype="Int64")
    out["measure"] = pd.Categorical([measure] * n_groups, categories=list(MEASURES))
    out["value"] = value.astype("float64")
    out = out.reset_index(drop=True)
    out.attrs = {"measure": measure, "by": by, "issue": sorted(_issue_codes(issue))}
    return out


def agreement_over(
    a: str | Country | VotingSeries,
    b: str | Country | VotingSeries,
    periods: dict[str, tuple[int, int]],
    issue: str | Iterable[str] | None = None,
    measure: Measure = "agreement",
) -> pd.DataFrame:
    """The measure pooled over all roll calls of each span of years (not a mean of yearly
    values: a year with many shared roll calls weighs more).

    Parameters
    ----------
    periods
        Label → (first year, last year), both included, e.g.
        ``{"1955–1960": (1955, 1960), "1962–1977": (1962, 1977)}``.

    Returns
    -------
    pandas.DataFrame
        One row per period, in the order given. Columns as :func:`agreement`, with ``period``
        (string, the label), ``first_year`` and ``last_year`` (Int64) in place of the period
        key.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "agreement_over",
        a=(a, STATE),
        b=(b, STATE),
        periods=(periods, PERIODS),
        issue=(issue, ISSUES),
        measure=(measure, TEXT),
    )
    _check_measure(measure)
    sa, sb = resolve_state(a), resolve_state(b)
    xa, wa = _series_codes(sa)
    xb, wb = _series_codes(sb)
    data = _votes()
    selected = _issue_mask(issue)
    rows = []
    for label, (first, last) in periods.items():
        inside = selected & (data.year >= int(first)) & (data.year <= int(last))
        shared = inside & (xa >= 0) & (xb >= 0)
        zeros = np.zeros(int(shared.sum()), dtype="int64")
        n, value = _grouped_measure(xa[shared], xb[shared], zeros, 1, measure)
        group = np.where(shared, 0, -1)
        rows.append(
            {
                "country": sa.label,
                "partner": sb.label,
                "period": label,
                "first_year": int(first),
                "last_year": int(last),
                "country_states": _states_per_group(sa, wa, shared, group, 1)[0],
                "partner_states": _states_per_group(sb, wb, shared, group, 1)[0],
                "n_roll_calls": int(inside.sum()),
                "n_shared": int(n[0]),
                "value": float(value[0]),
            }
        )
    frame = pd.DataFrame(rows)
    out = pd.DataFrame(
        {
            "country": pd.array(frame["country"], dtype="string"),
            "partner": pd.array(frame["partner"], dtype="string"),
            "period": pd.array(frame["period"], dtype="string"),
            "first_year": pd.array(frame["first_year"], dtype="Int64"),
            "last_year": pd.array(frame["last_year"], dtype="Int64"),
            "country_states": pd.array(frame["country_states"], dtype="string"),
            "partner_states": pd.array(frame["partner_states"], dtype="string"),
            "n_roll_calls": pd.array(frame["n_roll_calls"], dtype="Int64"),
            "n_shared": pd.array(frame["n_shared"], dtype="Int64"),
            "measure": pd.Categorical([measure] * len(frame), categories=list(MEASURES)),
            "value": frame["value"].astype("float64"),
        }
    )
    out.attrs = {"measure": measure, "by": "period", "issue": sorted(_issue_codes(issue))}
    return out


def _issue_codes(issue: str | Iterable[str] | None) -> set[str]:
    if issue is None:
        return set()
    return {issue} if isinstance(issue, str) else set(issue)


def agreement_with_majority(
    country: str | Country | VotingSeries,
    by: By = "year",
    issue: str | Iterable[str] | None = None,
    measure: Measure = "agreement",
    *,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
) -> pd.DataFrame:
    """How closely ``country`` voted with the Assembly's majority (the option most members
    voting chose; roll calls with a tie are left out). Same columns as :func:`agreement`, with
    ``partner`` = ``"Assembly majority"``.

    With ``measure="agreement"`` this is not the voting record's ``agrees_with_majority`` share:
    an abstention against a yes majority counts 0.5 here, 0 there.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "agreement_with_majority",
        country=(country, STATE),
        by=(by, TEXT),
        issue=(issue, ISSUES),
        measure=(measure, TEXT),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
    )
    return agreement(country, MAJORITY, by, issue, measure, phases=phases, track=track)


def pairwise_agreement(
    session: int, issue: str | Iterable[str] | None = None, measure: Measure = "agreement"
) -> pd.DataFrame:
    """The measure for every pair of states that voted in one session.

    States are the data's (one name each: no seats here). Computed for all pairs at once from
    one-hot vote matrices: for states ``a``, ``b``, the shared roll calls are
    ``M_a · M_b``, the summed distance ``sum_ij |i - j| O_i[a] · O_j[b]``, where ``M`` marks a
    vote and ``O_i`` a vote for option ``i``.

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair of states with at least one vote in the session, ``country``
        before ``partner`` alphabetically, rows sorted by ``country`` then ``partner``. Columns
        as :func:`agreement` with ``session`` and ``year``: ``country``, ``partner``,
        ``session``, ``year``, ``country_states``, ``partner_states``, ``n_roll_calls``,
        ``n_shared``, ``measure``, ``value``.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    RelationsLibError
        A session without roll calls (it names the sessions that have them).
    """
    check(
        "pairwise_agreement",
        session=(session, SESSION),
        issue=(issue, ISSUES),
        measure=(measure, TEXT),
    )
    _check_measure(measure)
    data = _votes()
    columns = np.flatnonzero((data.session == int(session)) & _issue_mask(issue))
    if len(columns) == 0 and not (data.session == int(session)).any():
        raise RelationsLibError(
            f"session {session} has no roll calls in Voeten's data (sessions "
            f"{int(data.session.min())}–{int(data.session.max())})"
        )
    block = data.codes[:, columns]
    voters = np.flatnonzero((block >= 0).any(axis=1))
    block = block[voters]
    names = np.array(data.names, dtype=object)[voters]
    order = np.argsort(names.astype(str), kind="stable")
    block, names = block[order], names[order]
    onehot = np.stack([(block == i).astype("float64") for i in range(3)])  # [3, states, calls]
    voted = onehot.sum(axis=0)
    n = voted @ voted.T
    dist = np.abs(np.subtract.outer(np.arange(3), np.arange(3))).astype(float)
    total_d = sum(
        dist[i, j] * (onehot[i] @ onehot[j].T) for i in range(3) for j in range(3) if i != j
    )
    safe_n = np.where(n > 0, n, 1)
    mean_d = total_d / safe_n
    with np.errstate(invalid="ignore", divide="ignore"):
        if measure == "agreement":
            value = 1.0 - mean_d / _D_MAX
        elif measure == "s":
            value = 1.0 - 2.0 * mean_d / _D_MAX
        else:
            # c[i][a, b]: roll calls shared by a and b on which a voted i
            c = [onehot[i] @ voted.T for i in range(3)]
            expected = sum(
                dist[i, j] * c[i] * c[j].T for i in range(3) for j in range(3) if i != j
            ) / (safe_n**2)
            value = np.where(
                expected > 0, 1.0 - mean_d / np.where(expected > 0, expected, 1), np.nan
            )
    value = np.where(n > 0, value, np.nan)
    ia, ib = np.triu_indices(len(names), k=1)
    year = int(data.year[columns].min()) if len(columns) else pd.NA
    has = n[ia, ib] > 0
    out = pd.DataFrame(
        {
            "country": pd.array(names[ia], dtype="string"),
            "partner": pd.array(names[ib], dtype="string"),
            "session": pd.array(np.full(len(ia), int(session)), dtype="Int64"),
            "year": pd.array([year] * len(ia), dtype="Int64"),
            "country_states": pd.array(np.where(has, names[ia], None), dtype="string"),
            "partner_states": pd.array(np.where(has, names[ib], None), dtype="string"),
            "n_roll_calls": pd.array(np.full(len(ia), len(columns)), dtype="Int64"),
            "n_shared": pd.array(n[ia, ib].astype("int64"), dtype="Int64"),
            "measure": pd.Categorical([measure] * len(ia), categories=list(MEASURES)),
            "value": value[ia, ib].astype("float64"),
        }
    )
    out.attrs = {"measure": measure, "by": "session", "issue": sorted(_issue_codes(issue))}
    return out


# --------------------------------------------------------------------------- positions


def session_positions(
    sessions: int | Sequence[int] | None = None,
    issue: str | Iterable[str] | None = None,
    *,
    min_votes: int = 10,
    anchor: str = "United States",
) -> pd.DataFrame:
    """A one-dimensional position of every state in each session: the first principal component
    of the session's vote matrix.

    What it is: for one session, the states × roll calls matrix of votes scored yes = 1,
    abstain = 0.5, no = 0 (the agreement scale); each roll call is centred on its mean over the
    states that voted, a missing vote is set to that mean (0 after centring), and the states'
    scores on the first right-singular direction of the matrix (numpy's SVD) are the positions,
    standardised to mean 0 and standard deviation 1 within the session. The sign is fixed so
    that ``anchor`` (default the United States) is positive, so that higher reads as closer to
    the US, the orientation of Bailey, Strezhnev and Voeten's ideal points.

    What it is not: it is **not** Bailey, Strezhnev and Voeten's (2017) ideal points, which come
    from a dynamic ordinal spatial model with resolutions bridged across sessions. Positions here
    are comparable within a session only (each session is scaled on its own, on whatever divides
    that session's agenda), carry no uncertainty, and treat missing votes as average ones. States
    with fewer than ``min_votes`` votes in a session get no position. Why not a package: none
    on PyPI estimates UN ideal points (a search of its package list in November 2026 found
    questionnaire and parliament tools only); a general IRT package such as ``mirt`` (graded
    response models) was considered, but fitted session by session it would share the limits
    above (no bridging across sessions), so the library keeps this transparent estimator.

    Returns
    -------
    pandas.DataFrame
        One row per session and state with at least ``min_votes`` votes, sorted by session then
        state. Columns: ``session``, ``year`` (Int64, the year of the session's first roll
        call), ``country`` (string, the data's name), ``position`` (float64), ``n_votes``
        (Int64, the state's votes in the session), ``n_roll_calls`` (Int64, roll calls in the
        session), ``explained`` (float64, share of the centred matrix's variance on the first
        component, the same on every row of a session).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "session_positions",
        sessions=(sessions, SESSIONS),
        issue=(issue, ISSUES),
        min_votes=(min_votes, at_least(0)),
        anchor=(anchor, STATE),
    )
    data = _votes()
    selected = _issue_mask(issue)
    wanted = (
        np.unique(data.session)
        if sessions is None
        else np.atleast_1d(np.asarray(sessions, dtype="int64"))
    )
    score = np.array([1.0, 0.5, 0.0])
    parts = []
    for session in wanted:
        columns = np.flatnonzero((data.session == session) & selected)
        if len(columns) == 0:
            continue
        block = data.codes[:, columns]
        n_votes = (block >= 0).sum(axis=1)
        rows = np.flatnonzero(n_votes >= min_votes)
        if len(rows) < 3:
            continue
        block = block[rows]
        x = np.where(block >= 0, score[np.clip(block, 0, 2)], np.nan)
        x = x - np.nanmean(x, axis=0, keepdims=True)
        x = np.nan_to_num(x, nan=0.0)
        u, s, _ = np.linalg.svd(x, full_matrices=False)
        position = u[:, 0] * s[0]
        total = float((s**2).sum())
        explained = float(s[0] ** 2 / total) if total > 0 else np.nan
        sd = position.std()
        position = (position - position.mean()) / (sd if sd > 0 else 1.0)
        names = np.array(data.names, dtype=object)[rows]
        at = np.flatnonzero(names == anchor)
        if len(at) and position[at[0]] < 0:
            position = -position
        parts.append(
            pd.DataFrame(
                {
                    "session": pd.array(np.full(len(rows), int(session)), dtype="Int64"),
                    "year": pd.array(
                        np.full(len(rows), int(data.year[columns].min())), dtype="Int64"
                    ),
                    "country": pd.array(names, dtype="string"),
                    "position": position.astype("float64"),
                    "n_votes": pd.array(n_votes[rows], dtype="Int64"),
                    "n_roll_calls": pd.array(np.full(len(rows), len(columns)), dtype="Int64"),
                    "explained": np.full(len(rows), explained, dtype="float64"),
                }
            )
        )
    if not parts:
        from ..schema import empty_frame

        return empty_frame("session_positions")
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["session", "country"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- breaks


def _robust_sigma(values: np.ndarray) -> float:
    """Noise scale of a series from its first differences: 1.4826 · median(|Δy|) / √2.

    A level shift moves one difference only, so the median ignores it; the differences of
    independent noise have mean 0 (hence no centring) and √2 times its spread."""
    diff = np.diff(values)
    if len(diff) == 0:
        return 0.0
    return float(1.4826 * np.median(np.abs(diff)) / np.sqrt(2.0))


def detect_breaks(
    yearly: pd.DataFrame,
    *,
    min_shared: int = MIN_SHARED,
    min_size: int = 3,
    penalty: float | None = None,
) -> pd.DataFrame:
    """Change points in each partner's yearly series (``ruptures``: PELT, mean-shift model).

    The model: the series is piecewise constant plus noise, fitted by least squares
    (``ruptures.Pelt(model="l2")``), each segment at least ``min_size`` years. The penalty for
    each added break is, unless given, ``3 · σ² · ln n`` with ``σ`` the noise scale estimated
    robustly from year-to-year differences (1.4826 · median(|Δy|) / √2) and ``n`` the number of
    years — a BIC-type penalty (``σ² ln n`` per parameter; a break adds a location and a
    level, and a little more guards against a lone outlying year). Why these: the question is
    whether the level of agreement shifted, so a mean-shift model; PELT finds the exact optimum
    for a penalty, so the number of breaks is not fixed in advance; a penalty that scales with
    the series' own noise lets the same rule serve a noisy and a steady partner.

    Years with fewer than ``min_shared`` shared roll calls are left out (their value rests on
    too few votes), as are years without a value.

    Parameters
    ----------
    yearly
        :func:`agreement` by year, for one partner or several concatenated (``partner``,
        ``year``, ``n_shared``, ``value``).

    Returns
    -------
    pandas.DataFrame
        One row per detected break, by ``partner`` (in order of first appearance) then date.
        Columns: ``partner`` (string), ``year`` (Int64, the first year of the new level),
        ``date`` (datetime64[ns], 1 January of that year: the break lies between the last year
        before and that one), ``before`` and ``after`` (float64, the series' mean over the
        segments on either side), ``penalty`` (float64, the penalty used), ``n_years`` (Int64,
        years in the series).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "detect_breaks",
        yearly=(yearly, FRAME),
        min_shared=(min_shared, at_least(0)),
        min_size=(min_size, at_least(1)),
        penalty=(penalty, optional(at_least(0, NUMBER))),
    )
    import ruptures as rpt

    missing = [c for c in ("partner", "year", "n_shared", "value") if c not in yearly.columns]
    if missing:
        raise SchemaError(f"detect_breaks needs column(s) {', '.join(missing)} (agreement by year)")
    rows = []
    for partner in pd.unique(yearly["partner"]):
        part = yearly[
            (yearly["partner"] == partner)
            & (yearly["n_shared"].fillna(0) >= min_shared)
            & yearly["value"].notna()
        ].sort_values("year")
        values = part["value"].to_numpy(dtype=float)
        years = part["year"].to_numpy(dtype="int64")
        n = len(values)
        pen = penalty
        if pen is None:
            sigma = _robust_sigma(values)
            pen = 3.0 * max(sigma, 1e-3) ** 2 * np.log(max(n, 2))
        if n < 2 * min_size:
            continue
        ends = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(values).predict(pen=pen)
        bounds = [0, *ends]
        for k in range(1, len(bounds) - 1):
            i = bounds[k]
            rows.append(
                {
                    "partner": str(partner),
                    "year": int(years[i]),
                    "before": float(values[bounds[k - 1] : i].mean()),
                    "after": float(values[i : bounds[k + 1]].mean()),
                    "penalty": float(pen),
                    "n_years": n,
                }
            )
    out = pd.DataFrame(rows, columns=["partner", "year", "before", "after", "penalty", "n_years"])
    result = pd.DataFrame(
        {
            "partner": pd.array(out["partner"], dtype="string"),
            "year": pd.array(out["year"], dtype="Int64"),
            "date": pd.to_datetime(
                {"year": out["year"].astype("int64"), "month": 1, "day": 1}
            ).astype("datetime64[ns]")
            if len(out)
            else pd.Series([], dtype="datetime64[ns]"),
            "before": out["before"].astype("float64"),
            "after": out["after"].astype("float64"),
            "penalty": out["penalty"].astype("float64"),
            "n_years": pd.array(out["n_years"], dtype="Int64"),
        }
    )
    return result.reset_index(drop=True)


def compare_breaks(
    detected: pd.DataFrame,
    phases: pd.DataFrame | None = None,
    track: str | None = None,
    *,
    yearly: pd.DataFrame | None = None,
    max_gap: float = 3.0,
) -> pd.DataFrame:
    """Detected breaks beside the sourced phase boundaries of ``track``.

    Each sourced boundary — a date where one phase of ``track`` ends and the next begins, and, for a
    seat, the date it passed to another state (China's seat on 25 October 1971) — is matched, for
    every partner, to the nearest detected break of that partner within ``max_gap`` years; a
    boundary with none is "not detected", a detected break matched to no boundary is "not sourced".
    Boundaries outside a partner's series (given ``yearly``: before its first or after its last year
    with a value) are left out for that partner.

    Returns
    -------
    pandas.DataFrame
        One row per partner and boundary or unmatched break, by partner (in order of first
        appearance in ``detected``, then ``yearly``) then date. Columns: ``partner`` (string),
        ``boundary`` (string, "Soviet alignment → Chinese alliance", "Taiwan → China (seat)";
        missing for an unmatched break), ``boundary_kind`` (category: phase, seat),
        ``sourced_date`` (datetime64[ns]), ``detected_year`` (Int64), ``detected_date``
        (datetime64[ns]), ``gap_years`` (float64: detected minus sourced, in years of 365.25
        days; positive = the votes moved later than the sourced date), ``before``, ``after``
        (float64, the series' level either side of the detected break), ``status`` (category:
        matched, not detected, not sourced).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "compare_breaks",
        detected=(detected, FRAME),
        phases=(phases, optional(FRAME)),
        track=(track, optional(TEXT)),
        yearly=(yearly, optional(FRAME)),
        max_gap=(max_gap, at_least(0, NUMBER)),
    )
    from ..history.phases import _track_rows, cold_war_phases

    table = cold_war_phases() if phases is None else phases
    if track is None:  # the national track of the yearly series' country, else the global one
        country = None if yearly is None or not len(yearly) else str(yearly["country"].iloc[0])
        track = default_track(country)
    rows = _track_rows(table, track)
    phase_boundaries = [
        (f"{a} → {b}", pd.Timestamp(start), "phase")
        for a, b, start in zip(
            rows["phase"].astype(str).iloc[:-1],
            rows["phase"].astype(str).iloc[1:],
            rows["start"].iloc[1:],
            strict=True,
        )
    ]
    partners = list(pd.unique(detected["partner"].astype(str)))
    spans: dict[str, tuple[int, int]] = {}
    if yearly is not None:
        for p in pd.unique(yearly["partner"].astype(str)):
            years = yearly.loc[(yearly["partner"] == p) & yearly["value"].notna(), "year"]
            if len(years):
                spans[p] = (int(years.min()), int(years.max()))
            if p not in partners:
                partners.append(p)
    out = []
    for partner in partners:
        mine = detected[detected["partner"] == partner].sort_values("date")
        used: set[int] = set()
        boundaries = sorted(phase_boundaries + _seat_changes(partner), key=lambda b: b[1])
        for name, when, kind in boundaries:
            span = spans.get(partner)
            if span is not None and not (span[0] < when.year + 1 and when.year <= span[1]):
                continue
            gaps = (mine["date"] - when).dt.days / 365.25
            best = None
            if len(mine):
                idx = int(np.argmin(np.abs(gaps.to_numpy())))
                if abs(gaps.iloc[idx]) <= max_gap and mine.index[idx] not in used:
                    best = idx
            if best is None:
                out.append(
                    (
                        partner,
                        name,
                        kind,
                        when,
                        pd.NA,
                        pd.NaT,
                        np.nan,
                        np.nan,
                        np.nan,
                        "not detected",
                    )
                )
                continue
            row = mine.iloc[best]
            used.add(mine.index[best])
            out.append(
                (
                    partner,
                    name,
                    kind,
                    when,
                    int(row["year"]),
                    row["date"],
                    float(gaps.iloc[best]),
                    float(row["before"]),
                    float(row["after"]),
                    "matched",
                )
            )
        for index, row in mine.iterrows():
            if index not in used:
                out.append(
                    (
                        partner,
                        pd.NA,
                        pd.NA,
                        pd.NaT,
                        int(row["year"]),
                        row["date"],
                        np.nan,
                        float(row["before"]),
                        float(row["after"]),
                        "not sourced",
                    )
                )
    columns = [
        "partner",
        "boundary",
        "boundary_kind",
        "sourced_date",
        "detected_year",
        "detected_date",
        "gap_years",
        "before",
        "after",
        "status",
    ]
    frame = pd.DataFrame(out, columns=columns)
    result = pd.DataFrame(
        {
            "partner": pd.array(frame["partner"], dtype="string"),
            "boundary": pd.array(frame["boundary"], dtype="string"),
            "boundary_kind": pd.Categorical(frame["boundary_kind"], categories=["phase", "seat"]),
            "sourced_date": pd.to_datetime(frame["sourced_date"]).astype("datetime64[ns]"),
            "detected_year": pd.array(frame["detected_year"], dtype="Int64"),
            "detected_date": pd.to_datetime(frame["detected_date"]).astype("datetime64[ns]"),
            "gap_years": frame["gap_years"].astype("float64"),
            "before": frame["before"].astype("float64"),
            "after": frame["after"].astype("float64"),
            "status": pd.Categorical(
                frame["status"], categories=["matched", "not detected", "not sourced"]
            ),
        }
    )
    order = result["sourced_date"].fillna(result["detected_date"])
    result["_p"] = result["partner"].map({p: i for i, p in enumerate(partners)})
    result["_d"] = order
    result = result.sort_values(["_p", "_d"], kind="stable").drop(columns=["_p", "_d"])
    return result.reset_index(drop=True)


def _seat_changes(partner: str) -> list[tuple[str, pd.Timestamp, str]]:
    """Where a partner's seat passes from one state to another (China's seat, 25 Oct 1971)."""
    try:
        series = resolve_state(partner)
    except RelationsLibError:
        return []
    changes = []
    for (a, _, _), (b, start, _) in zip(series.segments, series.segments[1:], strict=False):
        if a != b and start is not None:
            changes.append((f"{a} → {b} (seat)", pd.Timestamp(start), "seat"))
    return changes


# --------------------------------------------------------------------------- who voted


def voting_span(countries: Iterable[str | Country]) -> pd.DataFrame:
    """Which of ``countries`` cast votes in the General Assembly, and over which dates.

    Returns
    -------
    pandas.DataFrame
        One row per country given, in the order given. Columns: ``country`` (string, as given
        or the Country's name), ``state`` (string, the data's name; missing when it has no
        votes), ``first_vote``, ``last_vote`` (datetime64[ns]), ``n_votes`` (Int64, 0 when
        none), ``note`` (string: "no votes in Voeten's data" when there are none — Palestine,
        a non-member observer State, has none).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("voting_span", countries=(countries, STATES))
    data = _votes()
    rows = []
    for country in countries:
        shown = country.name if isinstance(country, Country) else str(country)
        try:
            series = resolve_state(country)
        except UnknownCountryError:
            # not the error's text: it names a file path, which differs between checkouts
            rows.append((shown, pd.NA, pd.NaT, pd.NaT, 0, "no votes in Voeten's data"))
            continue
        codes, _ = _series_codes(series)
        voted = codes >= 0
        rows.append(
            (
                shown,
                ";".join(s[0] for s in series.segments) or series.label,
                data.date[voted].min() if voted.any() else pd.NaT,
                data.date[voted].max() if voted.any() else pd.NaT,
                int(voted.sum()),
                pd.NA,
            )
        )
    frame = pd.DataFrame(
        rows, columns=["country", "state", "first_vote", "last_vote", "n_votes", "note"]
    )
    return pd.DataFrame(
        {
            "country": pd.array(frame["country"], dtype="string"),
            "state": pd.array(frame["state"], dtype="string"),
            "first_vote": pd.to_datetime(frame["first_vote"]).astype("datetime64[ns]"),
            "last_vote": pd.to_datetime(frame["last_vote"]).astype("datetime64[ns]"),
            "n_votes": pd.array(frame["n_votes"], dtype="Int64"),
            "note": pd.array(frame["note"], dtype="string"),
        }
    )
