"""The alignment tables of :mod:`relations_lib.un.alignment`: agreement between states, positions
per session, and change points beside the sourced phase boundaries."""

from __future__ import annotations

from .columns import Column, Table
from .unvotes import VOETEN_LICENCE, VOETEN_SOURCE

#: The measures, declared here too because this module must import without pandas;
#: tests/test_alignment.py checks they equal relations_lib.un.alignment.MEASURES.
MEASURES: tuple[str, ...] = ("agreement", "s", "kappa")

_STATES = (
    "The data's names of the states whose votes count in the row, ';'-joined in date order "
    "(e.g. 'Taiwan;China' for China's seat in 1971); missing when no roll call is shared."
)

AGREEMENT = Table(
    name="agreement",
    row=(
        "One row per period (year, session, phase or span of years) and pair of states, or per "
        "pair of states in one session: how closely they voted on the roll calls both voted on."
    ),
    columns=(
        Column("country", "string", "The first state or seat, as resolve_state labels it."),
        Column(
            "partner",
            "string",
            "The second state or seat ('Assembly majority' for the majority vote).",
        ),
        Column(
            "session",
            "Int64",
            "General Assembly session (rows by session).",
            minimum=1,
            required=False,
        ),
        Column(
            "year",
            "Int64",
            "Calendar year of the votes (rows by year), or of the session's first roll call.",
            minimum=1946,
            unit="year",
            required=False,
        ),
        Column(
            "phase",
            "category",
            "Phase of the track, by the vote's date (rows by phase; chronological order).",
            ordered=True,
            required=False,
        ),
        Column(
            "period",
            "string",
            "Label of a span of years (rows of agreement_over).",
            required=False,
        ),
        Column(
            "first_year",
            "Int64",
            "First year of the span, included (agreement_over).",
            minimum=1946,
            required=False,
        ),
        Column(
            "last_year",
            "Int64",
            "Last year of the span, included (agreement_over).",
            minimum=1946,
            required=False,
        ),
        Column("start", "datetime64[ns]", "First day of the phase.", required=False),
        Column(
            "end",
            "datetime64[ns]",
            "Day after the phase (missing for the ongoing one).",
            nullable=True,
            required=False,
        ),
        Column("country_states", "string", _STATES, nullable=True),
        Column("partner_states", "string", _STATES, nullable=True),
        Column(
            "n_roll_calls",
            "Int64",
            "Roll calls held in the period among those the issue selects.",
            minimum=0,
            unit="roll calls",
        ),
        Column(
            "n_shared",
            "Int64",
            "Roll calls on which both cast a vote (yes, abstain or no); absences and "
            "non-membership are not votes.",
            minimum=0,
            unit="roll calls",
        ),
        Column(
            "measure",
            "category",
            "agreement (1 same vote, 0.5 one abstained, 0 yes against no), s (Signorino and "
            "Ritter's S, absolute distances, = 2·agreement − 1 on this scale) or kappa (Cohen's "
            "kappa with linear weights, after Häge 2011).",
            categories=MEASURES,
        ),
        Column(
            "value",
            "float64",
            "The measure over the shared roll calls; NaN when none is shared (and kappa when "
            "chance explains all agreement). agreement 0–1, s −1–1, kappa at most 1.",
            nullable=True,
            maximum=1,
        ),
    ),
    sources=(
        VOETEN_SOURCE,
        "C. S. Signorino and J. M. Ritter, 'Tau-b or Not Tau-b: Measuring the Similarity of "
        "Foreign Policy Positions', International Studies Quarterly 43 (1999) 115–144",
        "F. M. Häge, 'Choice or Circumstance? Adjusting Measures of Foreign Policy Similarity "
        "for Chance Agreement', Political Analysis 19(3) (2011) 287–305",
    ),
    licence=VOETEN_LICENCE,
)

SESSION_POSITIONS = Table(
    name="session_positions",
    row=(
        "One row per General Assembly session and state with enough votes: the state's position "
        "on the first principal component of that session's votes (not an ideal point)."
    ),
    columns=(
        Column("session", "Int64", "General Assembly session.", minimum=1),
        Column("year", "Int64", "Year of the session's first roll call.", minimum=1946),
        Column("country", "string", "The state (the data's name)."),
        Column(
            "position",
            "float64",
            "Score on the first principal component of the session's centred vote matrix (yes 1, "
            "abstain 0.5, no 0), standardised within the session; the United States positive. "
            "Comparable within a session only.",
        ),
        Column("n_votes", "Int64", "The state's votes in the session.", minimum=0, unit="votes"),
        Column("n_roll_calls", "Int64", "Roll calls in the session.", minimum=1, unit="roll calls"),
        Column(
            "explained",
            "float64",
            "Share of the centred matrix's variance on the first component (same for the "
            "session's rows).",
            minimum=0,
            maximum=1,
        ),
    ),
    sources=(VOETEN_SOURCE,),
    licence=VOETEN_LICENCE,
    unique_key=("session", "country"),
)

BREAKS = Table(
    name="breaks",
    row=(
        "One row per change point detected in one partner's yearly agreement series (ruptures, "
        "PELT, mean-shift model)."
    ),
    columns=(
        Column("partner", "string", "The partner whose series broke."),
        Column("year", "Int64", "First year of the new level.", minimum=1946, unit="year"),
        Column(
            "date",
            "datetime64[ns]",
            "1 January of that year: the break lies between the year before and this one.",
        ),
        Column("before", "float64", "Mean of the series over the segment before."),
        Column("after", "float64", "Mean of the series over the segment after."),
        Column("penalty", "float64", "The penalty PELT used (3·σ²·ln n unless given).", minimum=0),
        Column("n_years", "Int64", "Years in the series.", minimum=0, unit="years"),
    ),
    sources=(VOETEN_SOURCE, "ruptures (C. Truong, L. Oudre, N. Vayatis), PELT"),
    licence=VOETEN_LICENCE,
)

BREAK_COMPARISON = Table(
    name="break_comparison",
    row=(
        "One row per partner and sourced boundary (phase or seat change), or per detected break "
        "that matches none: the votes' change points beside the sourced dates."
    ),
    columns=(
        Column("partner", "string", "The partner."),
        Column(
            "boundary",
            "string",
            "'Phase before → phase after', or 'state → state (seat)'; missing for a break "
            "matched to no boundary.",
            nullable=True,
        ),
        Column(
            "boundary_kind",
            "category",
            "phase (data/reference/phases.csv) or seat "
            "(data/reference/countries/unvotes_series.csv).",
            categories=("phase", "seat"),
            nullable=True,
        ),
        Column("sourced_date", "datetime64[ns]", "The sourced date.", nullable=True),
        Column("detected_year", "Int64", "First year of the new level.", nullable=True),
        Column("detected_date", "datetime64[ns]", "1 January of that year.", nullable=True),
        Column(
            "gap_years",
            "float64",
            "Detected minus sourced, in years of 365.25 days (positive: the votes moved later).",
            nullable=True,
            unit="years",
        ),
        Column("before", "float64", "Level of the series before the break.", nullable=True),
        Column("after", "float64", "Level of the series after the break.", nullable=True),
        Column(
            "status",
            "category",
            "matched (a break within max_gap years), not detected, or not sourced.",
            categories=("matched", "not detected", "not sourced"),
        ),
    ),
    sources=(
        VOETEN_SOURCE,
        "data/reference/phases.csv",
        "data/reference/countries/unvotes_series.csv",
    ),
    licence=VOETEN_LICENCE,
)

VOTING_SPAN = Table(
    name="voting_span",
    row="One row per country asked about: whether and when it voted in the General Assembly.",
    columns=(
        Column("country", "string", "The country as given."),
        Column("state", "string", "The data's name(s) of its voting series.", nullable=True),
        Column("first_vote", "datetime64[ns]", "Date of its first recorded vote.", nullable=True),
        Column("last_vote", "datetime64[ns]", "Date of its last recorded vote.", nullable=True),
        Column("n_votes", "Int64", "Votes cast (0 when none).", minimum=0, unit="votes"),
        Column("note", "string", "Why there are no votes, when there are none.", nullable=True),
    ),
    sources=(VOETEN_SOURCE,),
    licence=VOETEN_LICENCE,
)
