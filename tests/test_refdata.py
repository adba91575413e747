"""The shared reader of data/reference CSVs: every problem names the file and line."""

from __future__ import annotations

import datetime as dt

import pytest

from relations_lib.errors import ReferenceDataError
from relations_lib.paths import reference_file
from relations_lib.refdata import iso_date, read_rows


def _write(tmp_path, text):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_are_stripped_and_numbered_by_their_first_line(tmp_path):
    path = _write(tmp_path, 'a,b,c\n x ,"two\nlines",\ny,z,extra\n')
    rows = read_rows(path, ("a", "b"), "test table", required=("a",), key="a")
    assert rows == [
        (2, {"a": "x", "b": "two\nlines", "c": ""}),
        (4, {"a": "y", "b": "z", "c": "extra"}),
    ]


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("a,b\n1,2\n", {"columns": ("a", "c")}, r"t\.csv:1: missing column\(s\) c"),
        ("a,b\n1,2,3\n", {}, r"t\.csv:2: too many cells"),
        ("a,b\n1,2\n,3\n", {"required": ("a",)}, r"t\.csv:3: empty 'a'"),
        ("a,b\n1,2\n3,4\n1,5\n", {"key": "a"}, r"t\.csv:4: a '1' repeats line 2"),
        ("a,b\n", {"min_rows": 1}, r"t\.csv: the test table has no rows"),
    ],
)
def test_bad_files_name_file_and_line(tmp_path, text, kwargs, message):
    path = _write(tmp_path, text)
    kwargs = {"columns": ("a", "b"), **kwargs}
    with pytest.raises(ReferenceDataError, match=message):
        read_rows(path, what="test table", **kwargs)


def test_an_unreadable_file_is_a_reference_error(tmp_path):
    with pytest.raises(ReferenceDataError, match=r"cannot read the test table"):
        read_rows(tmp_path / "missing.csv", ("a",), "test table")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("a\nS\xe3o Tom\xe9\n".encode("latin-1"))
    with pytest.raises(ReferenceDataError, match=r"cannot read the test table"):
        read_rows(bad, ("a",), "test table")


def test_iso_dates():
    assert iso_date("1948-06-28", "f.csv", 3, "start") == dt.date(1948, 6, 28)
    for bad in ("1948-6-28", "1948", "28/06/1948", "1948-02-30"):
        with pytest.raises(ReferenceDataError, match=rf"f\.csv:3: start '{bad}' is not an ISO"):
            iso_date(bad, "f.csv", 3, "start")


def test_the_vendored_tables_read_with_their_keys():
    phases = read_rows(reference_file("phases.csv"), ("track", "phase"), "phases", key="phase")
    events = read_rows(
        reference_file("historical_events.csv"), ("event", "source"), "events", key="event"
    )
    assert len(phases) == 50 and len(events) == 20
    assert all(row["source"] for _, row in events)
