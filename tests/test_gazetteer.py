"""relations_lib.history.gazetteer: dated historical events that anchor a sentence's date."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from relations_lib.errors import ReferenceDataError
from relations_lib.history.gazetteer import (
    RELATIONS,
    WINDOW_WORDS,
    find_anchors,
    historical_events,
    narrow,
)

D = dt.date


def test_the_gazetteer_loads_with_real_dtypes_and_a_source_per_event():
    events = historical_events()
    assert events["start"].dtype == "datetime64[ns]" and events["end"].dtype == "datetime64[ns]"
    assert events["event"].is_unique
    assert (events["end"].isna() | (events["end"] >= events["start"])).all()
    for source in events["source"]:
        assert re.search(r"https?://\S+", source)
    # the events the issue names are all there, with their dates
    start = dict(zip(events["event"], events["start"], strict=True))
    assert start["Six-Day War"] == pd.Timestamp("1967-06-05")
    assert start["Yom Kippur War"] == pd.Timestamp("1973-10-06")
    assert start["Munich massacre"] == pd.Timestamp("1972-09-05")
    assert start["Black September in Jordan"] == pd.Timestamp("1970-09-06")
    assert start["First Intifada"] == pd.Timestamp("1987-12-09")
    assert start["Palestinian Declaration of Independence"] == pd.Timestamp("1988-11-15")
    assert start["Oslo I Accord"] == pd.Timestamp("1993-09-13")
    assert start["Sino-Albanian split"] == pd.Timestamp("1978-07-07")
    assert start["Soviet–Albanian split"] == pd.Timestamp("1961-12-11")
    assert start["Tito–Stalin split"] == pd.Timestamp("1948-06-28")
    assert start["fall of the Berlin Wall"] == pd.Timestamp("1989-11-09")
    assert start["dissolution of the Soviet Union"] == pd.Timestamp("1991-12-26")


def test_gazetteer_dates_agree_with_the_phase_boundaries_they_share():
    """An event used as a phase boundary has the same date in both tables."""
    import relations_lib as rl

    phases = rl.cold_war_phases()
    boundaries = set(phases["start"]) | set(phases["end"].dropna())
    events = historical_events()
    shared = {
        "Tito–Stalin split",
        "Soviet–Albanian split",
        "Sino-Albanian split",
        "Palestinian Declaration of Independence",
        "fall of the Berlin Wall",
        "dissolution of the Soviet Union",
        "Oslo I Accord",
        "First Intifada",
        "Second Intifada",
        "Cuban Revolution",
        "death of Stalin",
        "death of Tito",
    }
    for _, row in events[events["event"].isin(shared)].iterrows():
        assert row["start"] in boundaries, row["event"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Relations cooled after the Six-Day War.", [("Six-Day War", "after")]),
        ("The PLO's pivot post the 1973 war.", [("Yom Kippur War", "after")]),
        (
            "In 1987, the onset of the First Intifada was met with approval.",
            [("First Intifada", "from")],
        ),
        (
            "After it emerged that the September 1972 attack at the Munich Olympics was enacted",
            [("Munich massacre", "after")],
        ),
        ("Talks stalled before the Oslo Accords.", [("Oslo I Accord", "before")]),
        ("Aid continued during the Cuban missile crisis.", [("Cuban Missile Crisis", "during")]),
        (
            "Trade grew until the end of the Soviet Union in 1991.",
            [("dissolution of the Soviet Union", "until")],
        ),
        (
            "After Black September the PLO moved to Lebanon.",
            [("Black September in Jordan", "after")],
        ),
        # "Black September" also names the group: only right after a cue
        ("It was enacted by Black September, a group close to Fatah.", []),
        ("After the visit, Black September struck.", []),
        # no cue, no anchor; a clause boundary unbinds a cue
        ("The Six-Day War changed everything.", []),
        ("After that, the Six-Day War changed everything.", []),
        # the nearest cue takes the name
        ("He left after meeting them during the Six-Day War.", [("Six-Day War", "during")]),
    ],
)
def test_find_anchors(text, expected):
    assert [(a.event, a.relation) for a in find_anchors(text)] == expected


def test_an_anchor_describes_itself_and_its_bounds():
    (a,) = find_anchors("Relations cooled after the Six-Day War.")
    assert a.describe() == "after Six-Day War (1967-06-05 – 1967-06-10)"
    assert (a.lower, a.upper) == (D(1967, 6, 10), None)
    assert a.text == "after the Six-Day War"
    (b,) = find_anchors("They met before the Six-Day War.")
    assert (b.lower, b.upper) == (None, D(1967, 6, 4))
    (c,) = find_anchors("They met during the Six-Day War.")
    assert (c.lower, c.upper) == (D(1967, 6, 5), D(1967, 6, 10))
    assert set(RELATIONS) == {"after", "from", "before", "during", "until"}


def test_the_window_limits_how_far_a_cue_reaches():
    near = "after " + " ".join(["w"] * (WINDOW_WORDS - 1)) + " the Six-Day War"  # 8 words
    far = "after " + " ".join(["w"] * WINDOW_WORDS) + " the Six-Day War"  # 9 words
    assert len(find_anchors(near)) == 1
    assert find_anchors(far) == []


def test_narrow_only_moves_bounds_inside_the_period():
    (a,) = find_anchors("after the Six-Day War")
    assert narrow([a], D(1967, 1, 1), D(1967, 12, 31)) == (D(1967, 6, 10), D(1967, 12, 31), [a])
    assert narrow([a], D(1971, 1, 1), D(1971, 12, 31)) == (D(1971, 1, 1), D(1971, 12, 31), [])
    assert narrow([a], D(1960, 1, 1), D(1960, 12, 31))[2] == []  # would empty the period


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "events.csv"
    cols = ["event", "start", "end", "names", "tight_names", "source", "note"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, cols, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in cols})
    return path


_OK = {"event": "E", "start": "1990-01-01", "names": "E war", "source": "https://x.org"}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({**_OK, "start": "1990-13-01"}, "not an ISO date"),
        ({**_OK, "end": "1989-01-01"}, "ends before it starts"),
        ({**_OK, "names": "E (war"}, "bad name pattern"),
        ({**_OK, "source": "a book"}, "has no address"),
        ({**_OK, "names": ""}, "empty 'names'"),
    ],
)
def test_broken_gazetteers_name_file_and_line(tmp_path, row, message):
    path = _write(tmp_path, [row])
    with pytest.raises(ReferenceDataError, match=rf"events\.csv:2: .*{message}"):
        historical_events(path)


def test_a_custom_gazetteer_is_read(tmp_path):
    path = _write(tmp_path, [{**_OK, "names": "Great Flood"}])
    assert historical_events(path)["event"].tolist() == ["E"]
    (a,) = find_anchors("after the Great Flood", events_path=path)
    assert a.event == "E"
