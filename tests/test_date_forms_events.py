"""The date forms of issue 11 through the whole pipeline: each dates the event it should (or is
an unmatched row with its reason), and none makes anything raise, in one article or a folder."""

from __future__ import annotations

import pandas as pd
import pytest

import relations_lib as rl

TITLE = "= Albania–Palestine relations =\n\n"


def coded(sentence: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    article = rl.parse_article(TITLE + sentence + "\n", source="forms.txt")
    return rl.extract_events(article), rl.unmatched(article)


def ends(row) -> tuple:
    return tuple(
        None if pd.isna(row[c]) else int(row[c]) for c in ("year_end", "month_end", "day_end")
    )


@pytest.mark.parametrize(
    ("sentence", "date_text", "start", "end"),
    [
        ("On 17.12.1990 Albania recognised Palestine.", "17.12.1990", (1990, 12, 17), (None,) * 3),
        ("On 2013/03/05 Albania recognised Palestine.", "2013/03/05", (2013, 3, 5), (None,) * 3),
        (
            "On 4, 5 and 6 November 1998 the Palestinian president visited Albania.",
            "4, 5 and 6 November 1998",
            (1998, 11, 4),
            (1998, 11, 6),
        ),
        (
            "In April and May 2019 Albania and Palestine negotiated an agreement.",
            "April and May 2019",
            (2019, 4, None),
            (2019, 5, None),
        ),
        (
            "From 4 to 6 March 2013, Albania's foreign minister visited Palestine.",
            "From 4 to 6 March 2013",
            (2013, 3, 4),
            (2013, 3, 6),
        ),
        (
            "From spring 2000 to summer 2002 Albania provided aid to Palestine.",
            "From spring 2000 to summer 2002",
            (2000, 3, None),
            (2002, 8, None),
        ),
        (
            "In the sixties Albania praised the Palestinian fighters.",
            "the sixties",
            (1960, None, None),
            (None,) * 3,
        ),
    ],
)
def test_each_form_dates_one_event(sentence, date_text, start, end):
    events, misses = coded(sentence)
    assert len(events) == 1, misses
    row = events.iloc[0]
    assert row["date_text"] == date_text
    got = tuple(None if pd.isna(row[c]) else int(row[c]) for c in ("year", "month", "day"))
    assert got == start and ends(row) == end
    assert misses.empty


@pytest.mark.parametrize(
    ("sentence", "date_text", "reason"),
    [
        (
            "From 29 February to 1 March 2013 Albania hosted Palestinian officials.",
            "From 29 February to 1 March 2013",
            "invalid date: 29 February 2013 does not exist (2013 is not a leap year)",
        ),
        (
            "In the 8th century BC Illyrians lived in Albania.",
            "the 8th century BC",
            "before the common era: 8th century BC (years BC are kept as negative years and "
            "date no event)",
        ),
        (
            "In 500 BC Illyrian tribes traded with Palestine.",
            "500 BC",
            "before the common era: 500 BC (years BC are kept as negative years and date no event)",
        ),
        (
            "In the 20th century Albania recognised many states.",
            "the 20th century",
            "a century is too coarse to date an event: 20th century",
        ),
        (
            "Albania recognised Palestine on the 4 June 1967 borders.",
            "4 June 1967",
            'names a border: "4 June 1967 borders"',
        ),
        (
            "Albania welcomed the 17 May 1983 agreement.",
            "17 May 1983",
            'names a treaty: "17 May 1983 agreement"',
        ),
        (
            "On 05/03/2013 Albania recognised Palestine.",
            "05/03/2013",
            "ambiguous numeric date: 05/03/2013 is 5 March (day first) or May 3 (month first)",
        ),
    ],
)
def test_dates_that_date_no_event_are_unmatched_with_their_reason(sentence, date_text, reason):
    events, misses = coded(sentence)
    assert events.empty
    assert misses[["date_text", "reason"]].values.tolist() == [[date_text, reason]]


def test_no_bc_or_century_event_is_dated_ad():
    events, _ = coded(
        "In the 2nd century BCE and the 1200s BC, and in the 19th century, Albania and "
        "Palestine traded."
    )
    assert events.empty


def test_a_year_in_an_event_name_still_dates_it():
    events, misses = coded("The 1948 Tito–Stalin split isolated Albania from Palestine.")
    assert events["date_text"].tolist() == ["1948"] and misses.empty


def test_leap_day_article_in_a_folder_run_writes_everything(tmp_path):
    (tmp_path / "albania_palestine_relations.txt").write_text(rl.load_seed().text, encoding="utf-8")
    (tmp_path / "albania_israel_relations.txt").write_text(
        "= Albania–Israel relations =\n\nFrom 29 February to 1 March 2013 Albania hosted an "
        "Israeli delegation. In 1991 Albania and Israel established diplomatic relations.\n",
        encoding="utf-8",
    )
    tables = rl.extract_events_many(tmp_path).tables()
    events, misses = tables["events"], tables["unmatched"]
    assert set(events["source"].map(lambda s: s.rsplit("/", 1)[-1])) == {
        "albania_palestine_relations.txt",
        "albania_israel_relations.txt",
    }
    israel = events[events["source"].str.endswith("albania_israel_relations.txt")]
    assert israel["date_text"].tolist() == ["1991"]
    leap = misses[misses["date_text"] == "From 29 February to 1 March 2013"]
    assert leap["reason"].str.startswith("invalid date").tolist() == [True]
    assert tables["errors"].empty  # no article failed


def test_cli_folder_run_with_a_leap_day_article(tmp_path):
    from relations_lib.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "albania_israel_relations.txt").write_text(
        "= Albania–Israel relations =\n\nFrom 29 February to 1 March 2013 Albania hosted an "
        "Israeli delegation.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["parse", str(folder), "--out", str(out)]) == 0
    unmatched = pd.read_csv(out / "unmatched.csv")
    assert unmatched["reason"].str.startswith("invalid date").tolist() == [True]
