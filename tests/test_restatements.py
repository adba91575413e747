"""Restatements: the same fact stated twice is linked to its first statement."""

from __future__ import annotations

import pandas as pd
import pytest

import relations_lib as rl
from relations_lib.errors import SchemaError
from relations_lib.restatements import drop_restatements, find_restatements, with_restatements


def _events(*rows: dict) -> pd.DataFrame:
    """A small events table; each row gives what differs from a 1988 ALB→PSE recognition."""
    base = dict(
        source="a.txt",
        cameo_code="054",
        event_type="recognise",
        actor1="ALB",
        actor2="PSE",
        year=1988,
        month=None,
        day=None,
        precision="year",
        year_end=None,
        month_end=None,
        day_end=None,
        date_qualifier=None,
    )
    frame = pd.DataFrame([{**base, "event_id": f"a:{i}:1", **r} for i, r in enumerate(rows)])
    for col in ("year", "month", "day", "year_end", "month_end", "day_end"):
        frame[col] = frame[col].astype("Int64")
    return frame


def test_seed_recognition_in_lead_and_body_is_one_fact():
    events = rl.extract_events(rl.load_seed())
    assert events["restates"].dtype == "string"
    linked = events.loc[events["restates"].notna()]
    # exactly one restatement: the body's "recognized the Palestinian State in 1988"
    assert len(linked) == 1
    row = linked.iloc[0]
    assert row["section"] == "Recognition of Palestine"
    assert row["year"] == 1988 and row["cameo_code"] == "054"
    original = events.set_index("event_id").loc[row["restates"]]
    assert original["section"] == "Lead"
    assert original["date_text"] == "since 1988"
    assert original["year"] == 1988 and original["cameo_code"] == "054"
    # counted once
    kept = drop_restatements(events)
    assert len(kept) == len(events) - 1
    pairs = list(zip(kept["year"], kept["cameo_code"].fillna(""), strict=True))
    assert pairs.count((1988, "054")) == 1
    assert drop_restatements(events, restatements=True) is events


def test_coarser_precision_and_range_containment():
    ev = _events(
        {},  # 1988
        {"month": 11, "day": 15, "precision": "day"},  # 15 November 1988: inside 1988
        {"year": 1980, "precision": "decade"},  # the 1980s contain 1988 ...
        {"year": 1987, "year_end": 1989},  # 1987–1989 contains 1988
        {"year": 1989},  # another year: a new fact (though inside the restating 1980s)
    )
    got = find_restatements(ev)
    assert got.isna().tolist() == [True, False, False, False, True]
    assert set(got.dropna()) == {"a:0:1"}
    assert got.name == "restates"


def test_kind_and_actors_must_agree():
    ev = _events(
        {},
        {"cameo_code": "050", "event_type": "open embassy"},  # same root 05, other code
        {"actor1": "PSE", "actor2": "ALB"},  # recognition is one-way: reversed is another fact
        {"actor1": "ALBGOV"},  # country level: ALBGOV is Albania
        {"source": "b.txt"},  # another article
        {"cameo_code": None, "event_type": "other"},  # no kind: never a restatement
    )
    got = find_restatements(ev)
    assert got.isna().tolist() == [True, True, True, False, True, True]
    assert got.iloc[3] == "a:0:1"
    # at root level the embassy (050) is the recognition's kind (05)
    root = find_restatements(ev, level="root")
    assert root.iloc[1] == "a:0:1"


def test_symmetric_and_converse_codes():
    ev = _events(
        {"cameo_code": "057", "event_type": "sign agreement"},
        {"cameo_code": "057", "event_type": "sign agreement", "actor1": "PSE", "actor2": "ALB"},
        {"cameo_code": "042", "event_type": "visit", "year": 1996},
        # "Palestine hosted Albania in 1996" is Albania's 1996 visit
        {
            "cameo_code": "043",
            "event_type": "host visit",
            "year": 1996,
            "actor1": "PSE",
            "actor2": "ALB",
        },
        # "Albania hosted Palestine" is Palestine's visit: another fact
        {"cameo_code": "043", "event_type": "host visit", "year": 1996},
    )
    got = find_restatements(ev)
    assert got.isna().tolist() == [True, False, True, False, True]
    assert got.iloc[1] == "a:0:1" and got.iloc[3] == "a:2:1"


def test_moving_qualifiers_only_match_themselves():
    ev = _events(
        {},
        {"date_qualifier": "after"},  # after 1988 is not in 1988
        {"date_qualifier": "after"},  # but restates the same "after 1988"
        {"date_qualifier": "since"},  # since 1988: the act happened in 1988
    )
    got = find_restatements(ev)
    assert got.isna().tolist() == [True, True, False, False]
    assert got.iloc[2] == "a:1:1" and got.iloc[3] == "a:0:1"


def test_a_restatement_points_at_the_original():
    # 1988, then 15 Nov 1988 (restates 1988), then "November 1988" matches both: the original
    ev = _events(
        {},
        {"month": 11, "day": 15, "precision": "day"},
        {"month": 11, "precision": "month"},
    )
    got = find_restatements(ev)
    assert got.tolist()[1:] == ["a:0:1", "a:0:1"]


def test_bad_input_is_a_typed_error_or_no_match():
    with pytest.raises(SchemaError, match="event_id"):
        find_restatements(pd.DataFrame({"year": [1990]}))
    # an impossible hand-edited date compares with nothing instead of raising
    ev = _events({}, {"month": 2, "day": 30, "precision": "day"})
    assert find_restatements(ev).isna().all()
    empty = _events({}).iloc[:0]
    assert find_restatements(empty).empty


def test_with_restatements_places_the_column_and_leaves_input():
    ev = _events({}, {}).assign(plover="SUPPORT", after_col=1)
    out = with_restatements(ev)
    assert "restates" not in ev.columns
    cols = list(out.columns)
    assert cols.index("restates") == cols.index("plover") + 1
    assert out["restates"].tolist()[1] == "a:0:1"


def test_events_table_column_is_described_in_the_schema():
    from relations_lib.schema.events import EVENTS

    col = {c.name: c for c in EVENTS.columns}["restates"]
    assert col.dtype == "string" and col.nullable
    events = rl.extract_events(rl.load_seed())
    assert list(events.columns)[-1] == "restates"


def test_public_names():
    assert rl.find_restatements is find_restatements
    assert rl.drop_restatements is drop_restatements
    assert {"find_restatements", "drop_restatements"} <= set(dir(rl))
