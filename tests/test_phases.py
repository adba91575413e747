"""relations_lib.history.phases: the phases table (data/reference/phases.csv) and phase
assignment."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import relations_lib as rl
from relations_lib.errors import ReferenceDataError, RelationsLibError, SchemaError
from relations_lib.history.phases import (
    COLUMNS,
    GLOBAL_TRACK,
    UnknownTrackError,
    assign_phases,
    pair_tracks,
    phase_dtype,
    phase_tracks,
    resolve_track,
    track_of,
    track_title,
    tracks,
)
from relations_lib.paths import reference_file
from relations_lib.schema import validate_table
from relations_lib.schema.phases import ACTORS, TRACKS


@pytest.fixture(scope="module")
def phases() -> pd.DataFrame:
    return rl.cold_war_phases()


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """(date, precision[, year_end[, month_end]]) tuples -> a minimal events-like table."""
    cols = ["date", "precision", "year_end", "month_end"]
    padded = [tuple(r) + (None,) * (4 - len(r)) for r in rows]
    frame = pd.DataFrame(padded, columns=cols)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["precision"] = pd.Categorical(
        frame["precision"], categories=["day", "month", "year", "decade"]
    )
    frame["year_end"] = frame["year_end"].astype("Int64")
    frame["month_end"] = frame["month_end"].astype("Int64")
    return frame


# --------------------------------------------------------------------------- the table
def test_dtypes_and_order(phases):
    assert list(phases.columns) == list(COLUMNS)
    assert phases["start"].dtype == "datetime64[ns]"
    assert phases["end"].dtype == "datetime64[ns]"
    assert phases["track"].dtype == pd.CategoricalDtype(list(TRACKS), ordered=True)
    assert phases["actor"].dtype.name == "category"
    assert set(phases["actor"].cat.categories) == set(ACTORS)
    assert phases["phase"].dtype.ordered
    assert phases["description"].dtype == "string"
    assert phases["source"].dtype == "string"
    # the phase category is chronological within a track, tracks in their fixed order
    order = list(phases["phase"].cat.categories)
    expected = phases.sort_values(["track", "start"])["phase"].astype(str).tolist()
    assert order == expected
    assert phases["phase"].is_unique


def test_schema_module_agrees_with_the_file(phases):
    assert tracks(phases) == list(TRACKS)
    validate_table("phases", phases)


#: Tracks whose last phase is closed: the state ended (Montenegro's independence, 2006).
CLOSED_TRACKS = {"yugoslavia": pd.Timestamp("2006-06-03")}


@pytest.mark.parametrize("track", TRACKS)
def test_each_track_is_complete_without_gaps_or_overlaps(phases, track):
    rows = phases[phases["track"] == track].sort_values("start")
    starts, ends = rows["start"].tolist(), rows["end"].tolist()
    assert starts[0].year == 1944  # from 1944 (or Albania's liberation in 1944) …
    if track in CLOSED_TRACKS:
        assert ends[-1] == CLOSED_TRACKS[track]  # … to the end of the state
    else:
        assert pd.isna(ends[-1])  # … to today
    assert all(pd.notna(e) for e in ends[:-1])
    for end, next_start in zip(ends[:-1], starts[1:], strict=True):
        assert end == next_start
    assert (rows["end"] > rows["start"]).where(rows["end"].notna(), True).all()
    assert len(rows) >= 5


def test_one_actor_per_track(phases):
    assert phases.groupby("track", observed=True)["actor"].nunique().eq(1).all()


def test_every_boundary_has_a_source(phases):
    """Each boundary date is named in `source` and followed by a public address."""
    segment = re.compile(r"(start|end) (\d{4}-\d{2}-\d{2}): (.*?)(?= \| (?:start|end) |$)")
    for track in TRACKS:
        rows = phases[phases["track"] == track].sort_values("start").reset_index(drop=True)
        for i, row in rows.iterrows():
            cited = {(kind, day): refs for kind, day, refs in segment.findall(row["source"])}
            needed = []
            if i > 0:
                needed.append(("start", f"{row['start']:%Y-%m-%d}"))
            if pd.notna(row["end"]):
                needed.append(("end", f"{row['end']:%Y-%m-%d}"))
            for key in needed:
                assert key in cited, f"{row['phase']}: no source for {key}"
                assert re.search(r"https?://\S+", cited[key]), f"{row['phase']} {key}: {cited}"


def test_the_named_break_dates(phases):
    """The boundaries the project chose (and explains in `description`)."""
    start = dict(zip(phases["phase"].astype(str), phases["start"], strict=True))
    assert start["Soviet alignment"] == pd.Timestamp("1948-06-28")  # Cominform resolution
    assert start["Chinese alliance"].strftime("%Y-%m") == "1961-12"  # Soviet break
    assert start["Self-reliance"] == pd.Timestamp("1978-07-07")  # China's note
    assert start["Shuqeiri's PLO"] == pd.Timestamp("1964-05-28")
    assert start["First Intifada"] == pd.Timestamp("1987-12-09")
    assert start["Declaration to Oslo"] == pd.Timestamp("1988-11-15")
    assert start["Oslo years"] == pd.Timestamp("1993-09-13")
    assert start["Second Intifada"] == pd.Timestamp("2000-09-28")
    assert start["UN status campaign"] == pd.Timestamp("2011-09-23")
    assert start["End of the Cold War"] == pd.Timestamp("1989-11-09")
    assert start["Post-Cold War"] == pd.Timestamp("1991-12-26")


def test_returns_a_copy(phases):
    first = rl.cold_war_phases()
    first.loc[0, "description"] = "changed"
    assert rl.cold_war_phases().loc[0, "description"] != "changed"


def test_phase_dtype(phases):
    dtype = phase_dtype("palestine", phases)
    assert dtype.ordered
    assert list(dtype.categories)[:2] == ["Before the PLO", "Shuqeiri's PLO"]
    with pytest.raises(UnknownTrackError, match="albania, palestine, global"):
        phase_dtype("mars", phases)
    assert issubclass(UnknownTrackError, RelationsLibError)


# --------------------------------------------------------------------------- broken files
def _write(tmp_path: Path, rows: list[list[str]], header=COLUMNS) -> Path:
    path = tmp_path / "phases.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _row(track, phase, start, end, source=None):
    source = source or (
        f"start {start}: https://example.org/{phase}"
        + (f" | end {end}: https://example.org/{phase}-end" if end else "")
    )
    return [track, phase, start, end, "Someone", f"{phase}.", source]


def test_a_valid_small_file_loads(tmp_path):
    path = _write(
        tmp_path,
        [_row("t", "A", "1944-01-01", "1950-01-01"), _row("t", "B", "1950-01-01", "")],
    )
    frame = rl.cold_war_phases(path)
    assert frame["phase"].astype(str).tolist() == ["A", "B"]


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        (  # a gap
            [_row("t", "A", "1944-01-01", "1950-01-01"), _row("t", "B", "1950-02-01", "")],
            3,
            "gap from 1950-01-01 to 1950-02-01",
        ),
        (  # an overlap
            [_row("t", "A", "1944-01-01", "1950-01-01"), _row("t", "B", "1949-06-01", "")],
            3,
            "before 'A' \\(line 2\\) ends",
        ),
        (  # an open-ended phase that is not the last
            [_row("t", "A", "1944-01-01", ""), _row("t", "B", "1950-01-01", "")],
            3,
            "has no end",
        ),
        (  # a boundary without a source
            [
                _row("t", "A", "1944-01-01", "1950-01-01", "start 1944-01-01: https://x.org"),
                _row("t", "B", "1950-01-01", ""),
            ],
            2,
            "does not cite the boundary 1950-01-01",
        ),
        ([_row("t", "A", "1944-13-01", "")], 2, "not an ISO date"),
        ([_row("t", "A", "1950-01-01", "1944-01-01")], 2, "on or before it starts"),
        (
            [_row("t", "A", "1944-01-01", "1950-01-01"), _row("u", "A", "1950-01-01", "")],
            3,
            "repeats line 2",
        ),
    ],
)
def test_broken_files_name_file_and_line(tmp_path, rows, line, message):
    path = _write(tmp_path, rows)
    with pytest.raises(ReferenceDataError, match=rf"phases\.csv:{line}: .*{message}"):
        rl.cold_war_phases(path)


def test_missing_column(tmp_path):
    path = _write(tmp_path, [["t", "A", "1944-01-01"]], header=("track", "phase", "start"))
    with pytest.raises(ReferenceDataError, match=r"phases\.csv:1: missing column"):
        rl.cold_war_phases(path)


def test_missing_file(tmp_path):
    with pytest.raises(ReferenceDataError, match="cannot read"):
        rl.cold_war_phases(tmp_path / "nope.csv")


# --------------------------------------------------------------------------- assigning
def test_boundary_days_start_inclusive(phases):
    """On every boundary of every track: the day itself is in the new phase."""
    for track in TRACKS:
        rows = phases[phases["track"] == track].sort_values("start")
        for prev, cur in zip(rows.iloc[:-1].itertuples(), rows.iloc[1:].itertuples(), strict=True):
            day = cur.start
            frame = _frame([(day, "day"), (day - pd.Timedelta(days=1), "day")])
            out = rl.assign_phase(frame, track)
            assert out["phase"].astype(str).tolist() == [str(cur.phase), str(prev.phase)]
            assert not out["phase_uncertain"].any()


def test_month_year_and_decade_that_straddle_take_the_phase_covering_most_of_them(phases):
    frame = _frame(
        [
            ("1948-06-01", "month"),  # Cominform resolution on 28 June
            ("1948-07-01", "month"),
            ("1961-01-01", "year"),  # the Soviet break in December 1961
            ("1960-01-01", "decade"),  # the 1960s: Soviet alignment, then China
            ("1950-01-01", "decade"),  # the 1950s: wholly Soviet alignment
            ("1980-01-01", "decade"),  # the 1980s end before pluralism (December 1990)
            ("1990-01-01", "decade"),
        ]
    )
    out = rl.assign_phase(frame, "albania")
    assert out["phase"].astype(str).tolist() == [
        "Yugoslav tutelage",  # 27 of June's 30 days
        "Soviet alignment",
        "Soviet alignment",  # to 10 December 1961
        "Chinese alliance",  # 1962-69 outweigh 1960-61
        "Soviet alignment",
        "Self-reliance",
        "Post-communist transition",  # 1991-99 outweigh 1990
    ]
    assert out["phase_uncertain"].tolist() == [True, False, True, True, False, False, True]


def test_a_straddling_year_is_not_put_in_its_earliest_phase():
    """1964: the PLO was founded on 28 May, so 217 of the year's days are in Shuqeiri's PLO."""
    out = rl.assign_phase(_frame([("1964-01-01", "year"), ("1988-01-01", "year")]), "palestine")
    assert out["phase"].astype(str).tolist() == ["Shuqeiri's PLO", "First Intifada"]
    assert out["phase_uncertain"].tolist() == [True, True]
    days_before = (pd.Timestamp("1964-05-28") - pd.Timestamp("1964-01-01")).days
    assert days_before < 366 / 2


def test_ranges_take_their_end_into_account():
    frame = _frame([("1987-01-01", "year", 1993), ("1970-07-01", "month", 1970, 8)])
    out = rl.assign_phase(frame, "palestine")
    # 1987-1993: most of it between the declaration (Nov 1988) and Oslo (Sep 1993)
    assert out["phase"].astype(str).tolist() == ["Declaration to Oslo", "PLO in Jordan"]
    assert out["phase_uncertain"].tolist() == [True, False]


def test_a_period_reaching_into_the_table_gets_its_first_phase_uncertain():
    frame = _frame([("1940-01-01", "decade"), ("1930-01-01", "decade")])
    out = rl.assign_phase(frame, "albania")
    assert str(out["phase"].iloc[0]) == "Yugoslav tutelage"
    assert out["phase_uncertain"].iloc[0]
    assert pd.isna(out["phase"].iloc[1])  # the 1930s end before the table starts
    assert pd.isna(out["phase_uncertain"].iloc[1])


def test_rows_without_a_date_get_na():
    frame = _frame([(None, "year"), ("2015-01-01", "year")])
    out = rl.assign_phase(frame, "palestine")
    assert pd.isna(out["phase"].iloc[0]) and pd.isna(out["phase_uncertain"].iloc[0])
    assert out["phase_uncertain"].dtype == "boolean"
    assert str(out["phase"].iloc[1]) == "UN status campaign"


def test_input_is_left_unchanged_and_dtypes_are_real(phases):
    frame = _frame([("1970-07-01", "month")])
    before = frame.copy()
    out = rl.assign_phase(frame, "albania")
    pd.testing.assert_frame_equal(frame, before)
    assert out["phase"].dtype == phase_dtype("albania", phases)
    assert out["phase_uncertain"].dtype == "boolean"


def test_without_precision_every_row_is_a_day():
    record = pd.DataFrame({"date": pd.to_datetime(["1990-12-10", "1990-12-11"])})
    out = rl.assign_phase(record, "albania")
    assert out["phase"].astype(str).tolist() == ["Self-reliance", "Post-communist transition"]
    assert not out["phase_uncertain"].any()


def test_bad_input_is_a_typed_error():
    with pytest.raises(SchemaError, match="'date'"):
        rl.assign_phase(pd.DataFrame({"year": [1990]}), "global")
    with pytest.raises(SchemaError, match="century"):
        rl.assign_phase(_frame([("1900-01-01", "year")]).assign(precision=["century"]), "global")
    with pytest.raises(UnknownTrackError):
        rl.assign_phase(_frame([("1990-01-01", "year")]), track="moon")


def test_assign_phases_adds_a_pair_per_track(phases):
    out = assign_phases(_frame([("1971-01-01", "year")]), ["albania", "palestine", "global"])
    added = [c for c in out.columns if c.startswith("phase_")]
    assert "date_anchor" not in out.columns  # no sentence column: no anchors looked for
    assert added == [
        "phase_albania",
        "phase_albania_uncertain",
        "phase_palestine",
        "phase_palestine_uncertain",
        "phase_global",
        "phase_global_uncertain",
    ]
    assert out.loc[0, "phase_palestine"] == "PLO in Jordan"  # July 1971: to Lebanon
    assert bool(out.loc[0, "phase_palestine_uncertain"])
    assert out.loc[0, "phase_global"] == "Détente"
    assert out["phase_global"].dtype == phase_dtype("global", phases)
    every = assign_phases(_frame([("1971-01-01", "year")]))  # tracks=None: every track
    assert [c for c in every.columns if c.startswith("phase_") and "_uncertain" not in c] == [
        f"phase_{t}" for t in TRACKS
    ]
    assert every.loc[0, "phase_china"] == "Split with Moscow"
    assert every.loc[0, "phase_cuba"] == "Alliance with Moscow"


def test_vectorised_on_a_large_table():
    rng = np.random.default_rng(7)
    n = 200_000
    days = rng.integers(-9000, 20000, n).astype("timedelta64[D]")
    frame = pd.DataFrame(
        {
            "date": (np.datetime64("1970-01-01") + days).astype("datetime64[ns]"),
            "precision": rng.choice(["day", "month", "year", "decade"], n),
        }
    )
    t0 = time.perf_counter()
    out = assign_phases(frame)
    elapsed = time.perf_counter() - t0
    assert out["phase_albania"].notna().mean() > 0.9
    assert elapsed < 5  # a per-row loop over 200,000 rows × 3 tracks takes far longer


def test_the_real_voting_record_gets_a_phase_on_every_row():
    record = rl.voting_record("AL")
    out = assign_phases(record)
    assert len(out) == len(record) > 6000
    for track in TRACKS:
        open_rows = out["date"] < CLOSED_TRACKS.get(track, pd.Timestamp.max)
        assert out.loc[open_rows, f"phase_{track}"].notna().all()
        assert out.loc[~open_rows, f"phase_{track}"].isna().all()  # after the track ends
        assert not out[f"phase_{track}_uncertain"].any()  # roll calls are single days
    # the first roll calls (1946) fall in the Yugoslav period; Albania joined the UN in 1955
    first = out.sort_values("date").iloc[0]
    assert first["phase_albania"] == "Yugoslav tutelage"


# --------------------------------------------------------------------------- the seed's cues
def test_seed_state_name_falls_in_the_communist_phases(seed, phases):
    """'People's Socialist Republic of Albania' was the state's name from the constitution of
    28 December 1976 to the renaming of 29 April 1991: our phases put it in the Chinese
    alliance, self-reliance, and — for the four months between the end of one-party rule
    (11 December 1990) and the renaming — the start of the transition."""
    assert "People's Socialist Republic of Albania" in seed.text
    name = pd.DataFrame(
        {
            "date": pd.to_datetime(["1976-12-28"]),
            "precision": ["day"],
            "year_end": [1991],
            "month_end": [4],
            "day_end": [29],
        }
    )
    out = rl.assign_phase(name, "albania")
    assert str(out["phase"].iloc[0]) == "Self-reliance"  # 12 of its 14 years
    assert bool(out["phase_uncertain"].iloc[0])
    alb = phases[phases["track"] == "albania"]
    first, last = pd.Timestamp("1976-12-28"), pd.Timestamp("1991-04-29")
    covered = alb[(alb["start"] <= last) & (alb["end"].isna() | (alb["end"] > first))]
    assert covered["phase"].astype(str).tolist() == [
        "Chinese alliance",
        "Self-reliance",
        "Post-communist transition",
    ]
    transition_start = covered["start"].iloc[-1]
    share = (last - transition_start) / (last - first)
    assert share < 0.05  # the name outlived one-party rule by about 4.5 months of 14 years


def test_seed_post_1973_war_is_the_plo_in_lebanon(seed):
    assert "post the 1973 war" in seed.text
    out = rl.assign_phase(_frame([("1973-01-01", "year")]), "palestine")
    assert str(out["phase"].iloc[0]) == "PLO in Lebanon"
    assert not out["phase_uncertain"].iloc[0]


def test_seed_1982_invasion_ends_the_lebanon_phase(seed, phases):
    assert "in 1982 after the Israeli invasion of Lebanon" in seed.text
    lebanon = phases[phases["phase"] == "PLO in Lebanon"].iloc[0]
    assert lebanon["end"].year == 1982
    out = rl.assign_phase(_frame([("1982-01-01", "year")]), "palestine")
    assert str(out["phase"].iloc[0]) == "PLO in Lebanon"
    assert bool(out["phase_uncertain"].iloc[0])  # 1982 straddles the move to Tunis


def test_seed_first_intifada_1987(seed, phases):
    assert "In 1987, the onset of the First Intifada" in seed.text
    intifada = phases[phases["phase"] == "First Intifada"].iloc[0]
    assert intifada["start"].year == 1987
    out = rl.assign_phase(_frame([("1987-01-01", "year"), ("1987-12-31", "day")]), "palestine")
    assert out["phase"].astype(str).tolist() == ["Tunis exile", "First Intifada"]
    assert out["phase_uncertain"].tolist() == [True, False]


#: The phases of each dated event of the seed, written by hand from the table's boundaries and
#: the sentences' anchors: date phrase (``date_text``) -> (albania, palestine, global); "*"
#: marks an uncertain phase (the period still straddles a boundary, and the phase covering
#: most of it is given).
SEED_EVENTS = {
    "1990": ("Self-reliance*", "Declaration to Oslo", "End of the Cold War"),
    "since 1988": ("Self-reliance", "First Intifada*", "Late Cold War"),
    "July 1970": ("Chinese alliance", "PLO in Jordan", "Détente"),
    "September 1972": ("Chinese alliance", "PLO in Lebanon", "Détente"),
    "1971": ("Chinese alliance", "PLO in Jordan*", "Détente"),  # twice in the seed
    "post the 1973": ("Chinese alliance", "PLO in Lebanon", "Détente"),
    # "after the Israeli invasion of Lebanon" (6 June 1982): 124 of the 209 days left are
    # after the PLO left Beirut (30 August)
    "1982": ("Self-reliance", "Tunis exile*", "Late Cold War"),
    "1987": ("Self-reliance", "First Intifada", "Late Cold War"),  # "the onset of …"
    "1988": ("Self-reliance", "Declaration to Oslo", "Late Cold War"),  # "After the proclamation"
    "1989": ("Self-reliance", "Declaration to Oslo", "Late Cold War*"),
    "the end of 1996": ("Post-communist transition", "Oslo years", "Post-Cold War"),
    "March 1998": ("Post-communist transition", "Oslo years", "Post-Cold War"),
    "2015": ("NATO member", "UN status campaign", "Post-Cold War"),
}


def test_seed_events_get_the_hand_written_phases(seed):
    """rl.extract_events(seed), matched to the hand-written phases by date phrase."""
    events = rl.extract_events(seed)
    out = assign_phases(events, pair_tracks(seed.countries))
    assert set(out["date_text"]) == set(SEED_EVENTS)
    assert len(out) == 14  # "1971" dates two events
    for _, row in out.iterrows():
        expected = SEED_EVENTS[row["date_text"]]
        assert row["date_text"] in seed.text
        for track, want in zip(("albania", "palestine", "global"), expected, strict=True):
            name, uncertain = want.rstrip("*"), want.endswith("*")
            assert row[f"phase_{track}"] == name, (row["date_text"], track)
            assert bool(row[f"phase_{track}_uncertain"]) is uncertain, (row["date_text"], track)
    # assign_phase (one track) agrees with assign_phases
    one = rl.assign_phase(events, "palestine")
    assert one["phase"].astype(str).tolist() == out["phase_palestine"].astype(str).tolist()


def test_seed_vote_mentions(seed):
    mentions = rl.extract_vote_mentions(seed)
    out = rl.assign_phase(mentions, "palestine")
    assert out["phase"].astype(str).tolist() == ["UN status campaign"] * len(mentions)
    assert len(mentions) == 2


def test_bundled_file_is_the_one_read():
    assert reference_file("phases.csv").name == "phases.csv"


# --------------------------------------------------------------------------- anchors
def _with_sentence(rows: list[tuple]) -> pd.DataFrame:
    """(date, precision, sentence) tuples -> an events-like table with a sentence column."""
    frame = _frame([r[:2] for r in rows])
    frame["sentence"] = pd.array([r[2] for r in rows], dtype="string")
    return frame


def test_seed_1987_approval_of_the_first_intifada_takes_the_intifada(seed):
    """The seed's first case: the onset of the First Intifada (9 December 1987) anchors the
    approval; without the anchor the year would fall mostly in the Tunis exile."""
    sentence = next(s.text for s in seed.sentences if "onset of the First Intifada" in s.text)
    frame = _with_sentence([("1987-01-01", "year", sentence)])
    out = rl.assign_phase(frame, "palestine")
    assert str(out["phase"].iloc[0]) == "First Intifada"
    assert not out["phase_uncertain"].iloc[0]
    assert out["date_anchor"].iloc[0] == "from First Intifada (1987-12-09 – 1993-09-13)"
    bare = rl.assign_phase(frame, "palestine", anchors=False)
    assert str(bare["phase"].iloc[0]) == "Tunis exile" and bool(bare["phase_uncertain"].iloc[0])
    assert "date_anchor" not in bare.columns


def test_seed_1988_recognition_after_the_proclamation_takes_the_declaration_phase(seed):
    """The seed's second case: "After the proclamation of the Palestinian Independence, Albania
    officially recognized the Palestinian State in 1988" falls after 15 November 1988."""
    sentence = next(s.text for s in seed.sentences if "After the proclamation" in s.text)
    out = rl.assign_phase(_with_sentence([("1988-01-01", "year", sentence)]), "palestine")
    assert str(out["phase"].iloc[0]) == "Declaration to Oslo"
    assert not out["phase_uncertain"].iloc[0]
    assert out["date_anchor"].iloc[0].startswith("after Palestinian Declaration of Independence")


@pytest.mark.parametrize(
    ("sentence", "date", "precision", "track", "phase", "uncertain"),
    [
        # after the Six-Day War (5-10 June 1967): the rest of 1967 is wholly in Shuqeiri's PLO
        (
            "Relations were cut after the Six-Day War in 1967.",
            "1967-01-01",
            "year",
            "palestine",
            "Shuqeiri's PLO",
            False,
        ),
        # during Black September (from 6 September 1970): the PLO in Jordan
        (
            "During Black September, in 1970, Tirana sent aid.",
            "1970-01-01",
            "year",
            "palestine",
            "PLO in Jordan",
            False,
        ),
        # before the fall of the Berlin Wall (9 November 1989): the Late Cold War
        (
            "Before the fall of the Berlin Wall in 1989 they met twice.",
            "1989-01-01",
            "year",
            "global",
            "Late Cold War",
            False,
        ),
        # an anchor outside the period does not move it: 1971 still straddles July 1971
        (
            "After the Six-Day War they met again in 1971.",
            "1971-01-01",
            "year",
            "palestine",
            "PLO in Jordan",
            True,
        ),
        # a name without a cue is no anchor
        (
            "The First Intifada was praised in Tirana in 1987.",
            "1987-01-01",
            "year",
            "palestine",
            "Tunis exile",
            True,
        ),
    ],
)
def test_anchor_kinds(sentence, date, precision, track, phase, uncertain):
    out = rl.assign_phase(_with_sentence([(date, precision, sentence)]), track)
    assert str(out["phase"].iloc[0]) == phase
    assert bool(out["phase_uncertain"].iloc[0]) is uncertain


def test_anchors_are_recorded_once_for_every_track(seed):
    events = rl.extract_events(seed)
    out = assign_phases(events, pair_tracks(seed.countries))
    anchored = out.loc[out["date_anchor"].notna(), "date_text"].tolist()
    assert anchored == ["September 1972", "post the 1973", "1982", "1987", "1988"]
    assert out["date_anchor"].dtype == "string"
    assert list(out.columns[-1:]) == ["date_anchor"]


# --------------------------------------------------------------------------- tracks
def test_tracks_table_names_each_tracks_countries(phases):
    table = phase_tracks()
    assert table["track"].tolist() == list(TRACKS)
    assert table.dtypes.eq("string").all()
    assert track_title("albania") == "Albania's alignment"
    assert track_title("global") == "the global Cold War"
    names = ("Albania", "PS", "USSR", "Russia", "Yugoslavia", "CN", "CUB")
    assert [track_of(c) for c in names] == [
        "albania",
        "palestine",
        "soviet_union",
        "soviet_union",
        "yugoslavia",
        "china",
        "cuba",
    ]
    assert track_of("Ireland") is None


def test_a_pairs_tracks_come_from_its_two_countries():
    assert pair_tracks(rl.lookup_country(n) for n in ("Cuba", "Soviet Union")) == [
        "cuba",
        "soviet_union",
        GLOBAL_TRACK,
    ]
    assert pair_tracks(["Ireland", "Palestine"]) == ["palestine", GLOBAL_TRACK]
    assert pair_tracks(["Ireland", "Norway"]) == [GLOBAL_TRACK]


def test_a_country_names_its_track(phases):
    frame = _frame([("1962-10-01", "month"), ("1962-11-01", "month")])
    by_country = rl.assign_phase(frame, "Cuba")
    by_track = rl.assign_phase(frame, "cuba")
    pd.testing.assert_frame_equal(by_country, by_track)
    # the missile crisis ended on 28 October 1962
    assert by_track["phase"].astype(str).tolist() == ["Turn to Moscow", "Independent line"]
    assert resolve_track(rl.lookup_country("Soviet Union"), phases) == "soviet_union"
    with pytest.raises(UnknownTrackError, match="Ireland"):
        rl.assign_phase(frame, "Ireland")


def test_assign_phase_has_no_default_track():
    with pytest.raises(TypeError):
        rl.assign_phase(_frame([("1990-01-01", "year")]))  # type: ignore[call-arg]
