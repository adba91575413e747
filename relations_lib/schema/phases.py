"""The phases table (``rl.cold_war_phases()``, data/phases.csv) and the phase columns that
``rl.assign_phases`` adds to the events, vote-mention and voting-record tables."""

from __future__ import annotations

from .columns import Column, Table

#: Tracks in their fixed order; repeated from data/reference/phases.csv (first appearance
#: order) because this module must import without pandas. tests/test_phases.py checks they agree.
TRACKS: tuple[str, ...] = (
    "albania",
    "palestine",
    "global",
    "soviet_union",
    "yugoslavia",
    "china",
    "cuba",
)
ACTORS: tuple[str, ...] = (
    "Albania",
    "the Palestinian movement",
    "the global Cold War",
    "the Soviet Union and Russia",
    "Yugoslavia",
    "China",
    "Cuba",
)

PHASES = Table(
    name="phases",
    row=(
        "One row per phase of one track: a period of the global Cold War or of a country's "
        "national track (Albania's alignment, the Palestinian movement, the Soviet Union and "
        "Russia, Yugoslavia, China, Cuba), with the sources of its boundary dates."
    ),
    columns=(
        Column(
            "track",
            "category",
            "Which sequence of phases the row belongs to; each track runs from 1944 without "
            "gaps or overlaps, to today or (Yugoslavia) to a closed last phase. "
            "data/reference/phase_tracks.csv names each track's countries.",
            categories=TRACKS,
            ordered=True,
        ),
        Column(
            "phase",
            "category",
            "Short name of the phase, unique across tracks; ordered chronologically within a "
            "track, tracks in the order of `track`.",
            ordered=True,
            unique=True,
        ),
        Column(
            "start",
            "datetime64[ns]",
            "First day of the phase (inclusive): the date of the event that opened it.",
        ),
        Column(
            "end",
            "datetime64[ns]",
            "First day of the next phase (exclusive); empty for the current, ongoing phase.",
            nullable=True,
        ),
        Column("actor", "category", "Whose phase it is.", categories=ACTORS),
        Column(
            "description",
            "string",
            "What the phase was, in one or two sentences, and which boundary was chosen where "
            "sources disagree.",
        ),
        Column(
            "source",
            "string",
            "Where each boundary date is stated: 'start YYYY-MM-DD: <addresses>' and "
            "'end YYYY-MM-DD: <addresses>', separated by ' | '.",
        ),
    ),
    sources=(
        "Compiled for relations_lib in data/reference/phases.csv; every boundary date cites "
        "the public pages or references that state it (column `source`).",
    ),
    licence="MIT (the compilation, like the code); the dates are facts from the cited sources",
    file="phases.csv",
    unique_key=("phase",),
)

#: Columns that ``rl.assign_phases`` adds (one pair per track, then the anchors read); other
#: tables' descriptions append these. ``<track>`` is a placeholder for each value of ``TRACKS``.
PHASE_COLUMNS: tuple[Column, ...] = (
    Column(
        "phase_<track>",
        "category",
        "Phase of the row's date on that track (the tracks of the pair and the global one; "
        "see phases.csv), after the sentence's anchors narrowed the date (`date_anchor`): "
        "for a month, year, decade or range that still straddles a boundary, the phase "
        "covering most of its days. Empty when the row has no date.",
        nullable=True,
        ordered=True,
        required=False,
    ),
    Column(
        "phase_<track>_uncertain",
        "boolean",
        "True when the row's period straddles a phase boundary of that track (or reaches "
        "beyond the track), so that `phase_<track>` is only the phase covering most of it.",
        nullable=True,
        required=False,
    ),
    Column(
        "date_anchor",
        "string",
        "The dated historical events (data/reference/historical_events.csv) that the "
        "sentence relates this row to and that narrowed its period before the phases were "
        "assigned, e.g. 'from First Intifada (1987-12-09 – 1993-09-13)' for \"the onset of "
        "the First Intifada\"; several joined by '; '. Empty when none did.",
        nullable=True,
        required=False,
    ),
)
