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
    UnknownTrackError,
    assign_phases,
    phase_dtype,
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


@pytest.mark.parametrize("track", TRACKS)
def test_each_track_is_complete_without_gaps_or_overlaps(phases, track):
    rows = phases[phases["track"] == track].sort_values("start")
    starts, ends = rows["start"].tolist(), rows["end"].tolist()
    assert starts[0].year == 1944  # from 1944 (or Albania's liberation in 1944) …
    assert pd.isna(ends[-1])  # … to today
    assert all(pd.notna(e) for e in ends[:-1])
    for end, next_start in zip(ends[:-1], starts[1:], strict=True):
        assert end == next_start
    assert (rows["end"].dropna() > rows["start"].iloc[:-1].to_numpy()).all()
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


def test_month_year_and_decade_that_straddle_take_the_earliest_phase(phases):
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
        "Yugoslav tutelage",
        "Soviet alignment",
        "Soviet alignment",
        "Soviet alignment",
        "Soviet alignment",
        "Self-reliance",
        "Self-reliance",
    ]
    assert out["phase_uncertain"].tolist() == [True, False, True, True, False, False, True]


def test_ranges_take_their_end_into_account():
    frame = _frame([("1987-01-01", "year", 1993), ("1970-07-01", "month", 1970, 8)])
    out = rl.assign_phase(frame, "palestine")
    assert out["phase"].astype(str).tolist() == ["Tunis exile", "PLO in Jordan"]
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
    out = rl.assign_phase(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert out["phase"].dtype == phase_dtype("albania", phases)
    assert out["phase_uncertain"].dtype == "boolean"


def test_without_precision_every_row_is_a_day():
    record = pd.DataFrame({"date": pd.to_datetime(["1990-12-10", "1990-12-11"])})
    out = rl.assign_phase(record)
    assert out["phase"].astype(str).tolist() == ["Self-reliance", "Post-communist transition"]
    assert not out["phase_uncertain"].any()


def test_bad_input_is_a_typed_error():
    with pytest.raises(SchemaError, match="'date'"):
        rl.assign_phase(pd.DataFrame({"year": [1990]}))
    with pytest.raises(SchemaError, match="century"):
        rl.assign_phase(_frame([("1900-01-01", "year")]).assign(precision=["century"]))
    with pytest.raises(UnknownTrackError):
        rl.assign_phase(_frame([("1990-01-01", "year")]), track="moon")


def test_assign_phases_adds_a_pair_per_track(phases):
    out = assign_phases(_frame([("1971-01-01", "year")]))
    added = [c for c in out.columns if c.startswith("phase_")]
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
        assert out[f"phase_{track}"].notna().all()
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
    assert str(out["phase"].iloc[0]) == "Chinese alliance"
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


#: The phases of each dated event of the seed, written by hand from the table's boundaries:
#: date phrase (``date_text``) -> (albania, palestine, global); "*" marks an uncertain phase
#: (the month or year straddles a boundary, and the phase of its earliest day is given).
SEED_EVENTS = {
    "1990": ("Self-reliance*", "Declaration to Oslo", "End of the Cold War"),
    "since 1988": ("Self-reliance", "First Intifada*", "Late Cold War"),
    "July 1970": ("Chinese alliance", "PLO in Jordan", "Détente"),
    "September 1972": ("Chinese alliance", "PLO in Lebanon", "Détente"),
    "1971": ("Chinese alliance", "PLO in Jordan*", "Détente"),  # twice in the seed
    "post the 1973": ("Chinese alliance", "PLO in Lebanon", "Détente"),
    "1982": ("Self-reliance", "PLO in Lebanon*", "Late Cold War"),
    "1987": ("Self-reliance", "Tunis exile*", "Late Cold War"),
    "1988": ("Self-reliance", "First Intifada*", "Late Cold War"),
    "1989": ("Self-reliance", "Declaration to Oslo", "Late Cold War*"),
    "the end of 1996": ("Post-communist transition", "Oslo years", "Post-Cold War"),
    "March 1998": ("Post-communist transition", "Oslo years", "Post-Cold War"),
    "2015": ("NATO member", "UN status campaign", "Post-Cold War"),
}


def test_seed_events_get_the_hand_written_phases(seed):
    """rl.extract_events(seed), matched to the hand-written phases by date phrase."""
    events = rl.extract_events(seed)
    out = assign_phases(events)
    assert set(out["date_text"]) == set(SEED_EVENTS)
    assert len(out) == 14  # "1971" dates two events
    for _, row in out.iterrows():
        expected = SEED_EVENTS[row["date_text"]]
        assert row["date_text"] in seed.text
        for track, want in zip(TRACKS, expected, strict=True):
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
