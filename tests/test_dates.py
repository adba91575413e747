"""Tests for relations_lib.text.dates: date phrases, their fields, and what is not a date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relations_lib as rl
from relations_lib.errors import ReferenceDataError
from relations_lib.text import dates
from relations_lib.text.dates import PRECISIONS, QUALIFIERS, DatePhrase, find_dates

FIELDS = (
    "text",
    "year",
    "month",
    "day",
    "precision",
    "qualifier",
    "year_end",
    "month_end",
    "day_end",
    "precision_end",
    "is_event_date",
)


def P(
    text: str,
    year: int | None,
    month: int | None = None,
    day: int | None = None,
    precision: str = "year",
    qualifier: str = "",
    end: tuple | None = None,
    event: bool = True,
) -> tuple:
    """Expected phrase: ``end`` is ``(year_end, month_end, day_end, precision_end)``."""
    y2, m2, d2, p2 = end if end else (None, None, None, None)
    return (text, year, month, day, precision, qualifier, y2, m2, d2, p2, event)


def fields(p: DatePhrase) -> tuple:
    return tuple(getattr(p, f) for f in FIELDS)


# (sentence, expected phrases left to right)
CASES = [
    # full dates
    ("It was decided on 29 November 2012.", [P("29 November 2012", 2012, 11, 29, "day")]),
    ("Signed November 23, 1949 in Paris.", [P("November 23, 1949", 1949, 11, 23, "day")]),
    ("on the 4th of June, 1920", [P("4th of June, 1920", 1920, 6, 4, "day")]),
    (
        "in Sept. 1990 and Jan 1991",
        [P("Sept. 1990", 1990, 9, None, "month"), P("Jan 1991", 1991, 1, None, "month")],
    ),
    ("dated 2001-09-11 in the file", [P("2001-09-11", 2001, 9, 11, "day")]),
    ("In July 1970, Tirana received", [P("July 1970", 1970, 7, None, "month")]),
    ("in March of 1990", [P("March of 1990", 1990, 3, None, "month")]),
    ("the September 1972 attack", [P("September 1972", 1972, 9, None, "month")]),
    ("in mid-March 1990", [P("mid-March 1990", 1990, 3, None, "month", qualifier="mid")]),
    ("as of 2020, Albania", [P("as of 2020", 2020, qualifier="since")]),
    # day and month without a year
    ("Talks began on 2 March.", [P("2 March", None, 3, 2, "day")]),
    ("Talks began on March 2.", [P("March 2", None, 3, 2, "day")]),
    # years, with qualifiers
    ("relations in 1990.", [P("1990", 1990)]),
    ("a state since 1988.", [P("since 1988", 1988, qualifier="since")]),
    ("Ever since 1988 they", [P("Ever since 1988", 1988, qualifier="since")]),
    ("at the end of 1996.", [P("the end of 1996", 1996, qualifier="end of")]),
    ("by the end of 1996.", [P("by the end of 1996", 1996, qualifier="end of")]),
    ("in late 1956", [P("late 1956", 1956, qualifier="late")]),
    ("In mid-2013, Brazil", [P("mid-2013", 2013, qualifier="mid")]),
    ("post the 1973 war", [P("post the 1973", 1973, qualifier="after")]),
    ("following 1990 the", [P("following 1990", 1990, qualifier="after")]),
    ("prior to 1990", [P("prior to 1990", 1990, qualifier="before")]),
    ("founded before 1900,", [P("before 1900", 1900, qualifier="before")]),
    ("served till 1987", [P("till 1987", 1987, qualifier="until")]),
    ("up to 1987", [P("up to 1987", 1987, qualifier="until")]),
    ("c. 1920", [P("c. 1920", 1920, qualifier="around")]),
    ("circa 1920", [P("circa 1920", 1920, qualifier="around")]),
    ("by 1995 the", [P("by 1995", 1995, qualifier="by")]),
    ("from 1990 onwards", [P("from 1990 onwards", 1990, qualifier="since")]),
    # decades and centuries
    ("in the 1960s", [P("the 1960s", 1960, precision="decade")]),
    ("1990s", [P("1990s", 1990, precision="decade")]),
    ("the 1960's", [P("the 1960's", 1960, precision="decade")]),
    ("the '90s", [P("the '90s", 1990, precision="decade")]),
    ("in the 60s", [P("the 60s", 1960, precision="decade")]),
    ("in the mid-1980s.", [P("the mid-1980s", 1980, precision="decade", qualifier="mid")]),
    ("early 2000s", [P("early 2000s", 2000, precision="decade", qualifier="early")]),
    ("the late 1970s", [P("the late 1970s", 1970, precision="decade", qualifier="late")]),
    (
        "since the early 1990s",
        [P("since the early 1990s", 1990, precision="decade", qualifier="since")],
    ),
    # centuries are too coarse to date an event (is_event_date False, with the reason)
    (
        "in the 19th century",
        [P("the 19th century", 1800, end=(1899, None, None, "year"), event=False)],
    ),
    (
        "the nineteenth century",
        [P("the nineteenth century", 1800, end=(1899, None, None, "year"), event=False)],
    ),
    ("in the 1800s", [P("the 1800s", 1800, end=(1899, None, None, "year"), event=False)]),
    (
        "the mid-20th century",
        [
            P(
                "the mid-20th century",
                1900,
                qualifier="mid",
                end=(1999, None, None, "year"),
                event=False,
            )
        ],
    ),
    (
        "the 19th and 20th centuries",
        [P("the 19th and 20th centuries", 1800, end=(1999, None, None, "year"), event=False)],
    ),
    (
        "In the 1990s–2000s",
        [P("the 1990s–2000s", 1990, precision="decade", end=(2000, None, None, "decade"))],
    ),
    (
        "in the 1970s and '80s",
        [P("the 1970s and '80s", 1970, precision="decade", end=(1980, None, None, "decade"))],
    ),
    # halves and seasons become ranges
    (
        "the first half of the 1990s",
        [P("the first half of the 1990s", 1990, end=(1994, None, None, "year"))],
    ),
    (
        "in the second half of 1990",
        [P("the second half of 1990", 1990, 7, None, "month", end=(1990, 12, None, "month"))],
    ),
    (
        "in the spring of 1999",
        [P("the spring of 1999", 1999, 3, None, "month", end=(1999, 5, None, "month"))],
    ),
    (
        "in winter 1999/2000",
        [P("winter 1999/2000", 1999, 12, None, "month", end=(2000, 2, None, "month"))],
    ),
    (
        "In Spring 1999, talks",
        [P("Spring 1999", 1999, 3, None, "month", end=(1999, 5, None, "month"))],
    ),
    ("the Arab Spring of 2011", [P("2011", 2011)]),  # a name, not a season
    # ranges
    (
        "during the 1950s and 1960s",
        [
            P(
                "during the 1950s and 1960s",
                1950,
                precision="decade",
                qualifier="during",
                end=(1960, None, None, "decade"),
            )
        ],
    ),
    (
        "From 1944 until 1948 the",
        [P("From 1944 until 1948", 1944, qualifier="from", end=(1948, None, None, "year"))],
    ),
    ("In 1991–1995, Japan", [P("1991–1995", 1991, end=(1995, None, None, "year"))]),
    ("In 1991-1995, Japan", [P("1991-1995", 1991, end=(1995, None, None, "year"))]),
    ("In 1991 to 1995, Japan", [P("1991 to 1995", 1991, end=(1995, None, None, "year"))]),
    ("1991 through 1995", [P("1991 through 1995", 1991, end=(1995, None, None, "year"))]),
    ("In 1948–49 the", [P("1948–49", 1948, end=(1949, None, None, "year"))]),
    ("in 1999/2000", [P("1999/2000", 1999, end=(2000, None, None, "year"))]),
    ("in 2013/14", [P("2013/14", 2013, end=(2014, None, None, "year"))]),
    (
        "between 1950 and 1955",
        [P("between 1950 and 1955", 1950, qualifier="from", end=(1955, None, None, "year"))],
    ),
    (
        "1 January 2000 – 31 December 2001",
        [P("1 January 2000 – 31 December 2001", 2000, 1, 1, "day", end=(2001, 12, 31, "day"))],
    ),
    (
        "from 29 November – 2 December 2012",
        [
            P(
                "from 29 November – 2 December 2012",
                2012,
                11,
                29,
                "day",
                qualifier="from",
                end=(2012, 12, 2, "day"),
            )
        ],
    ),
    ("on 3–5 June 2001", [P("3–5 June 2001", 2001, 6, 3, "day", end=(2001, 6, 5, "day"))]),
    ("on June 3–5, 2001", [P("June 3–5, 2001", 2001, 6, 3, "day", end=(2001, 6, 5, "day"))]),
    (
        "in March–May 1999",
        [P("March–May 1999", 1999, 3, None, "month", end=(1999, 5, None, "month"))],
    ),
    (
        "from July 1990 to March 1991",
        [
            P(
                "from July 1990 to March 1991",
                1990,
                7,
                None,
                "month",
                qualifier="from",
                end=(1991, 3, None, "month"),
            )
        ],
    ),
    ("1990–present", [P("1990–present", 1990, qualifier="since")]),
    ("from 1990 to the present", [P("from 1990 to the present", 1990, qualifier="since")]),
    # "and" joins adjacent periods only
    ("In 2016 and 2017, the navy", [P("2016 and 2017", 2016, end=(2017, None, None, "year"))]),
    ("in 1990 and 1995", [P("1990", 1990), P("1995", 1995)]),
    (
        "the 1950s and 1970s",
        [P("the 1950s", 1950, precision="decade"), P("1970s", 1970, precision="decade")],
    ),
    ("in 1995 to 1991", [P("1995", 1995), P("1991", 1991)]),  # an end before its start
    ("from 1990 to the 1995 elections", [P("from 1990", 1990, qualifier="from"), P("1995", 1995)]),
    # a year that only names a thing
    ("the 1949 Armistice line", [P("1949", 1949, event=False)]),
    ("the 1951 Refugee Convention", [P("1951", 1951, event=False)]),
    ("the Treaty of 1926", [P("1926", 1926, event=False)]),
    ("the decree on emigration of 1974", [P("1974", 1974, event=False)]),
    ("a return to pre-1967 borders", [P("pre-1967", 1967, qualifier="before", event=False)]),
    ("the 1967 borders", [P("1967", 1967, event=False)]),
    ("the 1978 Camp David Accords", [P("1978", 1978, event=False)]),
    ("the Oslo Accords of 1993", [P("1993", 1993, event=False)]),
    ("the 1949 and 1967 borders", [P("1949", 1949, event=False), P("1967", 1967, event=False)]),
    ("In 1990 and 1995 laws were passed", [P("1990", 1990), P("1995", 1995)]),
    # ... but an event noun, a clause date or a gloss is an event date
    ("the 1973 war", [P("1973", 1973)]),
    ("the 1982 invasion", [P("1982", 1982)]),
    ("the war of 1948", [P("1948", 1948)]),
    ("In 1967 borders were redrawn", [P("1967", 1967)]),
    ("- Air services agreement (1997)", [P("1997", 1997)]),
    ("in 1990 people protested", [P("1990", 1990)]),
    # not dates at all
    ("resolution 67/19", []),
    ("3,000 refugees and 2.5 million dollars", []),
    ("Black September, a group close to Fatah", []),
    ("They may march to the capital; March went on.", []),
    ("Route 1990 and Security Council Resolution 1973 (2011)", [P("2011", 2011)]),
    ("see pp. 1990–1995 and p. 2004", []),
    ("Regulation 2016/679", []),
    ("1500 troops and 1990% growth", []),
    ("in his 60s", []),
    ("in 1200 BC", [P("1200 BC", -1200, event=False)]),  # BC: a negative year, never AD
    ("1,990 or 12.1990", []),
    ("out of 193 countries, 41 abstained", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_find_dates_table(sentence: str, expected: list[tuple]) -> None:
    found = find_dates(sentence)
    assert [fields(p) for p in found] == expected
    for p in found:
        assert sentence[p.start : p.end] == p.text


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("the 1949 Armistice line", 'names a line: "1949 Armistice line"'),
        ("the 1951 Refugee Convention", 'names a treaty: "1951 Refugee Convention"'),
        ("the Treaty of 1926", 'names a treaty: "Treaty of 1926"'),
        ("the decree on emigration of 1974", 'names a law: "decree on emigration of 1974"'),
    ],
)
def test_naming_reason(sentence: str, reason: str) -> None:
    (p,) = find_dates(sentence)
    assert not p.is_event_date
    assert p.reason == reason


def test_event_dates_have_no_reason() -> None:
    (p,) = find_dates("the 1973 war")
    assert p.is_event_date and p.reason == ""


@pytest.mark.parametrize(
    ("sentence", "date", "date_end"),
    [
        ("in 1990", dt.date(1990, 1, 1), dt.date(1990, 12, 31)),
        ("in February 2000", dt.date(2000, 2, 1), dt.date(2000, 2, 29)),
        ("on 29 November 2012", dt.date(2012, 11, 29), dt.date(2012, 11, 29)),
        ("the 1960s", dt.date(1960, 1, 1), dt.date(1969, 12, 31)),
        ("the 1950s and 1960s", dt.date(1950, 1, 1), dt.date(1969, 12, 31)),
        ("1991–1995", dt.date(1991, 1, 1), dt.date(1995, 12, 31)),
        ("the 19th century", dt.date(1800, 1, 1), dt.date(1899, 12, 31)),
        ("the winter of 1999", dt.date(1999, 12, 1), dt.date(2000, 2, 29)),
        ("2 March", None, None),
    ],
)
def test_date_properties(sentence: str, date: dt.date | None, date_end: dt.date | None) -> None:
    (p,) = find_dates(sentence)
    assert (p.date, p.date_end) == (date, date_end)


def test_offsets_are_absolute_and_bounded() -> None:
    text = "In 1990 they met. Since 1988 they talk. In 2015 again."
    second = text.index("Since")
    found = find_dates(text, second, text.index(" In 2015"))
    assert [(p.text, p.start) for p in found] == [("Since 1988", second)]
    assert all(text[p.start : p.end] == p.text for p in found)
    # a phrase never reaches outside the slice: "late" is cut off, so 1956 stands alone
    cut = "in late 1956"
    (p,) = find_dates(cut, cut.index("1956"))
    assert (p.text, p.qualifier) == ("1956", "")
    assert find_dates(cut, 0, cut.index("1956") + 2) == []


def test_negative_and_oversized_bounds_behave_like_slices() -> None:
    text = "since 1988"
    assert find_dates(text, -4) == find_dates(text, len(text) - 4)
    assert find_dates(text, 0, 10_000) == find_dates(text)


def test_public_exports() -> None:
    assert rl.find_dates is find_dates
    assert rl.DatePhrase is DatePhrase


# The seed, read by hand: every sentence with a date phrase, and the phrases in it.
SEED_DATES = {
    "Albania and Palestine established diplomatic relations in 1990.": [P("1990", 1990)],
    "Albania had already recognized Palestine as a state since 1988.": [
        P("since 1988", 1988, qualifier="since")
    ],
    "In July 1970, Tirana received": [P("July 1970", 1970, 7, None, "month")],
    "After it emerged that the September 1972 attack": [
        P("September 1972", 1972, 9, None, "month"),
        P("1971", 1971),
    ],
    "In 1971, eleven Palestinians": [P("1971", 1971)],
    "The PLO's pivot toward the Soviet Union": [P("post the 1973", 1973, qualifier="after")],
    "In spite of the PLO's support": [P("1982", 1982)],
    "In 1987, the onset of the First Intifada": [P("1987", 1987)],
    "After the proclamation of the Palestinian Independence": [P("1988", 1988), P("1989", 1989)],
    "With the opening of the Embassy": [P("the end of 1996", 1996, qualifier="end of")],
    "In March 1998, Prime Minister Fatos Nano": [P("March 1998", 1998, 3, None, "month")],
    "Albania was one of the 41 countries": [P("29 November 2012", 2012, 11, 29, "day")],
    "In 2015, Albania was one of the 119": [P("2015", 2015)],
}


def test_seed_date_phrases(seed) -> None:
    found: dict[str, list[tuple]] = {}
    for s in seed.sentences:
        phrases = find_dates(seed.text, s.start, s.end)
        keys = [k for k in SEED_DATES if s.text.startswith(k)]
        if phrases or keys:
            assert len(keys) == 1, f"unexpected dated sentence {s.index}: {s.text!r}"
            found[keys[0]] = [fields(p) for p in phrases]
        for p in phrases:
            assert seed.text[p.start : p.end] == p.text
            assert s.start <= p.start < p.end <= s.end
    assert found == SEED_DATES


def test_seed_whole_text_equals_per_sentence(seed) -> None:
    per_sentence = [p for s in seed.sentences for p in find_dates(seed.text, s.start, s.end)]
    assert find_dates(seed.text) == per_sentence


def test_vocabulary_errors_name_file_and_line(tmp_path) -> None:
    bad = tmp_path / "vocab.csv"
    bad.write_text("kind,phrase,value,note\nmonth,January,1,\nqualifier,since,since,\n")
    with pytest.raises(ReferenceDataError, match=r"vocab\.csv:3: unknown kind 'qualifier'"):
        dates._load_vocabulary(bad)
    bad.write_text("kind,phrase,value,note\nrelation,since,lately,\n")
    with pytest.raises(ReferenceDataError, match=r"vocab\.csv:2: unknown qualifier 'lately'"):
        dates._load_vocabulary(bad)
    bad.write_text("kind,phrase\nmonth,January\n")
    with pytest.raises(ReferenceDataError, match=r"vocab\.csv:1: header"):
        dates._load_vocabulary(bad)


def test_bundled_vocabulary_qualifiers_are_documented() -> None:
    vocab = dates._load_vocabulary()
    used = {v for k in ("relation", "part", "suffix") for v in vocab[k].values()}
    assert used - {"first half", "second half"} <= set(QUALIFIERS)


# ---- arbitrary text never breaks the invariants

_TOKENS = st.sampled_from(
    [
        "1990",
        "1991",
        "95",
        "2013",
        "1960s",
        "'90s",
        "60s",
        "19th",
        "twentieth",
        "century",
        "centuries",
        "29",
        "3",
        "31",
        "November",
        "March",
        "May",
        "Sept.",
        "Jan",
        "spring",
        "winter",
        "of",
        "the",
        "in",
        "since",
        "after",
        "post",
        "pre-",
        "mid-",
        "early",
        "late",
        "the end of",
        "first half of",
        "between",
        "and",
        "from",
        "to",
        "until",
        "–",
        "-",
        "/",
        ",",
        ".",
        "(",
        ")",
        "onwards",
        "present",
        "line",
        "Treaty",
        "Convention",
        "troops",
        "Resolution",
        "pp.",
        "c.",
        "BC",
        "%",
        "\n",
        " ",
        "  ",
        "\u00a0",
        "2,000",
        "2.5",
        "0",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(_TOKENS, max_size=40).map(" ".join),
    st.lists(_TOKENS, max_size=40).map("".join),
)


def _check_invariants(text: str, start: int, end: int | None) -> None:
    lo, hi, _ = slice(start, end).indices(len(text))
    found = find_dates(text, start, end)
    prev_end = lo
    for p in found:
        assert lo <= prev_end <= p.start < p.end <= hi
        assert text[p.start : p.end] == p.text
        assert p.precision in PRECISIONS
        assert p.qualifier == "" or p.qualifier in QUALIFIERS
        assert p.is_event_date == (p.reason == "")
        if p.date is not None:
            assert p.date <= p.date_end
        prev_end = p.end


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, data=st.data())
def test_find_dates_never_raises_and_spans_are_sane(text: str, data) -> None:
    start = data.draw(st.integers(-len(text) - 2, len(text) + 2))
    end = data.draw(st.one_of(st.none(), st.integers(-len(text) - 2, len(text) + 2)))
    _check_invariants(text, start, end)
    _check_invariants(text, 0, None)


# ---- date forms of issue 11: each kind with the value it must take


def one(sentence: str) -> DatePhrase:
    (p,) = find_dates(sentence)
    assert sentence[p.start : p.end] == p.text
    return p


@pytest.mark.parametrize(
    ("sentence", "text", "ymd"),
    [
        # dotted dates are European: day first
        ("On 17.12.1990 they met.", "17.12.1990", (1990, 12, 17)),
        ("On 1.2.1990 they met.", "1.2.1990", (1990, 2, 1)),
        # year first, with slashes or dots, and ISO
        ("On 2013/03/05 they met.", "2013/03/05", (2013, 3, 5)),
        ("On 2013.03.05 they met.", "2013.03.05", (2013, 3, 5)),
        ("On 1990-12-17 they met.", "1990-12-17", (1990, 12, 17)),
        # a slash date whose numbers tell the order: 17 cannot be a month
        ("On 17/12/1990 they met.", "17/12/1990", (1990, 12, 17)),
        ("On 12/17/1990 they met.", "12/17/1990", (1990, 12, 17)),
        ("On 05/05/2013 they met.", "05/05/2013", (2013, 5, 5)),  # both readings agree
    ],
)
def test_numeric_dates(sentence: str, text: str, ymd: tuple) -> None:
    p = one(sentence)
    assert (p.text, (p.year, p.month, p.day), p.precision) == (text, ymd, "day")
    assert p.is_event_date and p.date == dt.date(*ymd)


def test_ambiguous_slash_date_is_kept_as_its_year_with_the_reason() -> None:
    p = one("On 05/03/2013 they met.")
    assert (p.text, p.year, p.month, p.day, p.precision) == ("05/03/2013", 2013, None, None, "year")
    assert not p.is_event_date
    assert p.reason == (
        "ambiguous numeric date: 05/03/2013 is 5 March (day first) or May 3 (month first)"
    )


@pytest.mark.parametrize(
    "sentence",
    ["resolution 67/19", "Regulation 2016/679", "A/RES/67/19", "S/2013/12/5", "2.1.1990.5"],
)
def test_numbers_that_only_look_numeric_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "text", "days"),
    [
        ("On 4, 5 and 6 November 1998 they met.", "4, 5 and 6 November 1998", (4, 5, 6)),
        ("On 4 and 6 November 1998 they met.", "4 and 6 November 1998", (4, 6)),
        ("On November 4, 5 and 6, 1998 they met.", "November 4, 5 and 6, 1998", (4, 5, 6)),
        (
            "On the 4th, 5th, and 6th of November 1998",
            "4th, 5th, and 6th of November 1998",
            (4, 5, 6),
        ),
    ],
)
def test_day_lists_are_one_phrase_from_the_first_day_to_the_last(sentence, text, days) -> None:
    p = one(sentence)
    assert p.text == text and p.is_event_date
    assert (p.year, p.month, p.day, p.precision) == (1998, 11, days[0], "day")
    assert (p.year_end, p.month_end, p.day_end, p.precision_end) == (1998, 11, days[-1], "day")
    assert p.listed == tuple((1998, 11, d) for d in days)
    assert (p.date, p.date_end) == (dt.date(1998, 11, days[0]), dt.date(1998, 11, days[-1]))


def test_a_listed_day_without_year_borrows_the_next_dates_year() -> None:
    p = one("They met on 30 November and 1 December 1998.")
    assert p.text == "30 November and 1 December 1998"
    assert p.listed == ((1998, 11, 30), (1998, 12, 1))
    assert (p.date, p.date_end) == (dt.date(1998, 11, 30), dt.date(1998, 12, 1))


@pytest.mark.parametrize(
    ("sentence", "text", "months"),
    [
        ("In April and May 2019 they met.", "April and May 2019", (4, 5)),
        ("In April, May and June 2019 they met.", "April, May and June 2019", (4, 5, 6)),
        ("In April and June of 2019 they met.", "April and June of 2019", (4, 6)),
    ],
)
def test_month_lists_are_a_range_of_months(sentence, text, months) -> None:
    p = one(sentence)
    assert p.text == text and p.is_event_date
    assert (p.year, p.month, p.precision) == (2019, months[0], "month")
    assert (p.year_end, p.month_end, p.precision_end) == (2019, months[-1], "month")
    assert p.listed == tuple((2019, m, None) for m in months)


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        ("From 4 to 6 March 2013, Albania's minister visited.", "From 4 to 6 March 2013", "from"),
        ("He stayed from 4 until 6 March 2013.", "from 4 until 6 March 2013", "from"),
        ("He stayed March 4 to 6, 2013.", "March 4 to 6, 2013", ""),
        # "the" before the second day (it kept only "March 4th" with no year)
        ("He stayed from March 4th to the 6th, 2013.", "from March 4th to the 6th, 2013", "from"),
        ("He stayed from 4th to the 6th March 2013.", "from 4th to the 6th March 2013", "from"),
        ("between 4 and 6 March 2013", "between 4 and 6 March 2013", "from"),
    ],
)
def test_day_ranges_with_words_keep_the_event(sentence, text, qualifier) -> None:
    p = one(sentence)
    assert (p.text, p.qualifier, p.is_event_date) == (text, qualifier, True)
    assert (p.year, p.month, p.day, p.year_end, p.month_end, p.day_end) == (2013, 3, 4, 2013, 3, 6)
    assert p.listed == ()  # a span, not a list


def test_between_two_months_is_a_range() -> None:
    p = one("between March and May 1999")
    assert (p.text, p.qualifier) == ("between March and May 1999", "from")
    assert (p.month, p.month_end, p.listed) == (3, 5, ())


@pytest.mark.parametrize(
    "sentence",
    ["from spring 2000 to summer 2002", "from the spring of 2000 to the summer of 2002"],
)
def test_season_to_season_is_one_range(sentence) -> None:
    p = one(sentence)
    assert p.text == sentence and p.qualifier == "from"
    assert (p.year, p.month, p.precision) == (2000, 3, "month")
    assert (p.year_end, p.month_end, p.precision_end) == (2002, 8, "month")
    assert (p.date, p.date_end) == (dt.date(2000, 3, 1), dt.date(2002, 8, 31))


def test_year_to_season_is_one_range() -> None:
    p = one("from 2000 to winter 2002")
    assert (p.year, p.month, p.year_end, p.month_end) == (2000, None, 2003, 2)


@pytest.mark.parametrize(
    ("sentence", "text", "year", "qualifier"),
    [
        ("in the sixties", "the sixties", 1960, ""),
        ("in the Sixties", "the Sixties", 1960, ""),
        ("in the nineteen-sixties", "the nineteen-sixties", 1960, ""),
        ("in the nineteen sixties", "the nineteen sixties", 1960, ""),
        ("in the eighteen-nineties", "the eighteen-nineties", 1890, ""),
        ("in the early seventies", "the early seventies", 1970, "early"),
        ("in the '60s", "the '60s", 1960, ""),
    ],
)
def test_spelled_and_short_decades(sentence, text, year, qualifier) -> None:
    p = one(sentence)
    assert (p.text, p.year, p.precision, p.qualifier, p.is_event_date) == (
        text,
        year,
        "decade",
        qualifier,
        True,
    )


@pytest.mark.parametrize(
    "sentence", ["in his sixties", "a woman in her early seventies", "sixties"]
)
def test_a_spelled_decade_needs_the(sentence) -> None:
    assert find_dates(sentence) == []  # an age, not a decade


@pytest.mark.parametrize(
    ("sentence", "text", "year", "year_end"),
    [
        ("in the 8th century BC", "the 8th century BC", -800, -701),
        ("in the 2nd century BCE", "the 2nd century BCE", -200, -101),
        ("in the eighth century B.C.", "the eighth century B.C.", -800, -701),
        ("in the 1200s BC", "the 1200s BC", -1299, -1200),
        ("in 500 BC", "500 BC", -500, None),
        ("in 1200–1000 BC", "1200–1000 BC", -1200, -1000),
        ("from 1200 to 1000 BC", "from 1200 to 1000 BC", -1200, -1000),
    ],
)
def test_dates_before_the_common_era_are_negative_and_no_event(sentence, text, year, year_end):
    p = one(sentence)
    assert (p.text, p.year, p.year_end) == (text, year, year_end)
    assert not p.is_event_date and p.reason.startswith("before the common era")
    assert p.date is None and p.date_end is None  # never an AD date


def test_a_century_is_not_an_event_date() -> None:
    p = one("in the 20th century")
    assert (p.year, p.year_end, p.is_event_date) == (1900, 1999, False)
    assert p.reason == "a century is too coarse to date an event: 20th century"
    # its half neither; a decade still is
    assert not one("in the second half of the 19th century").is_event_date
    assert one("in the 1960s").is_event_date


@pytest.mark.parametrize(
    ("sentence", "text", "reason"),
    [
        (
            "From 29 February to 1 March 2013 they met.",
            "From 29 February to 1 March 2013",
            "invalid date: 29 February 2013 does not exist (2013 is not a leap year)",
        ),
        (
            "on 31 February 2000",
            "31 February 2000",
            "invalid date: 31 February 2000 does not exist",
        ),
        ("on 31.04.1990", "31.04.1990", "invalid date: 31 April 1990 does not exist"),
        ("on 30–31 April 1990", "30–31 April 1990", "invalid date: 31 April 1990 does not exist"),
        (
            "on 29, 30 and 31 February 2001",
            "29, 30 and 31 February 2001",
            "invalid date: 29 February 2001 does not exist (2001 is not a leap year)",
        ),
        (
            "on 12.17.1990",
            "12.17.1990",
            "invalid date: 12.17.1990 has no month 17 (dotted dates are day first)",
        ),
    ],
)
def test_impossible_days_are_reported_whole_and_never_raise(sentence, text, reason) -> None:
    p = one(sentence)
    assert (p.text, p.is_event_date, p.reason, p.valid) == (text, False, reason, False)
    assert p.date is None and p.date_end is None
    # a leap year's 29 February is fine
    assert one("From 29 February to 1 March 2012").date == dt.date(2012, 2, 29)


@pytest.mark.parametrize(
    ("sentence", "text", "event", "reason"),
    [
        (
            "recognised Palestine on the 4 June 1967 borders",
            "4 June 1967",
            False,
            'names a border: "4 June 1967 borders"',
        ),
        (
            "a state within the June 4, 1967 lines",
            "June 4, 1967",
            False,
            'names a line: "June 4, 1967 lines"',
        ),
        (
            "Lebanon signed the 17 May 1983 agreement",
            "17 May 1983",
            False,
            'names a treaty: "17 May 1983 agreement"',
        ),
        ("a state on 1967 borders", "1967", False, 'names a border: "1967 borders"'),
        # a date before an event noun dates the event (LABELS.md's year_in_name)
        ("The 1948 Tito–Stalin split isolated Albania", "1948", True, ""),
        ("the 5 June 1967 attack", "5 June 1967", True, ""),
        # a clause's date stays one
        ("On 4 June 1967 borders were closed", "4 June 1967", True, ""),
    ],
)
def test_a_full_date_inside_a_name_names_the_thing(sentence, text, event, reason) -> None:
    p = one(sentence)
    assert (p.text, p.is_event_date, p.reason) == (text, event, reason)


def test_long_runs_of_dates_and_spaces_stay_linear() -> None:
    import time

    for text in (
        "Albania met Palestine in 1990 and " * 20_000,
        "1, " * 50_000 + "x",
        "May, " * 40_000,
        "the sixties " * 20_000,
        "5" + " " * 200_000 + "November",
        "4, 5 and 6 November 1998; " * 10_000,
    ):
        t0 = time.perf_counter()
        found = find_dates(text)
        assert time.perf_counter() - t0 < 3.0, text[:20]
        assert all(text[p.start : p.end] == p.text for p in found)
