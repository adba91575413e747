"""Fuzzing the whole pipeline: whatever the input, the result is valid frames with exact offsets
or one of the package's typed errors. Never another exception, never an invalid frame.

The default suite runs 2,100 examples, plus 140 of long runs of white space and of date phrases
(issue 16: every stage linear); ``pytest -m slow tests/test_fuzz.py`` runs the same properties
with many more (``RELATIONS_FUZZ_EXAMPLES``, 20,000 by default).
"""

from __future__ import annotations

import os
import warnings
from datetime import timedelta

import pytest
from conftest import ARTICLES_DIR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import SEED_TEXT, check_pipeline

import relations_lib as rl
from relations_lib.article import decode_article_bytes
from relations_lib.errors import RelationsLibError, UnknownCountryWarning

SOURCE = "fuzz.txt"
TITLE = "= Chile–Norway relations =\n\n"
SMALL_ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES_DIR.glob("*.txt"))]
SLOW_EXAMPLES = int(os.environ.get("RELATIONS_FUZZ_EXAMPLES", "20000"))

# Text the parser treats specially, mixed into the random text so that it meets them often.
PIECES = [
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "==History==\n",
    "===Sub===\n",
    "== X =\n",
    "=",
    "- ",
    "* ",
    "Infobox\n",
    "- Map: x.svg\n",
    ". ",
    "? ",
    "! ",
    "Dr. ",
    "U.S. ",
    "(",
    ")",
    '"',
    "“",
    "”",
    "1990",
    "in 1990",
    "March 1970",
    "4 June 1920",
    "the 1960s",
    "1991–1995",
    "since 2004",
    "early 1990s",
    "19th century",
    "resolution 67/19",
    "ES-10/19",
    "voted in favour of",
    "abstained",
    "United Nations",
    "General Assembly",
    "Chile",
    "Norway",
    "Albania",
    "established diplomatic relations",
    "visited",
    "signed an agreement",
    "recognized",
    "\ufeff",
    "\u200f",
    "\u200e",
    "\x07",
    "\t",
    "\u00a0",
    "ألبانيا",
    "١٩٩٠",
    "é",
    "ß",
]


def run(text: str) -> None:
    """The property: a typed error naming the source, or valid frames with exact offsets."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownCountryWarning)
        try:
            article = rl.parse_article(text, source=SOURCE)
        except RelationsLibError as exc:
            assert str(exc).startswith(SOURCE), str(exc)
            return
        check_pipeline(article)


def run_bytes(data: bytes) -> None:
    try:
        text = decode_article_bytes(data, SOURCE)
    except RelationsLibError as exc:
        assert str(exc).startswith(SOURCE), str(exc)
        return
    run(text)


# --- strategies ----------------------------------------------------------------------------------

pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)
titled = st.builds(lambda body: TITLE + body, pieces)


@st.composite
def mutated(draw, texts: list[str]) -> str:
    """An article with a few deletions, insertions, line-ending changes and duplications."""
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "newlines", "duplicate"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 300)))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.one_of(st.text(min_size=1, max_size=20), pieces)) + text[i:]
        elif op == "newlines":
            new = draw(st.sampled_from(["\r\n", "\r", "\n\n", "\n\n\n", " ", "\u2028", ""]))
            text = text[:i] + text[i:j].replace("\n", new) + text[j:]
        else:
            text = text[:j] + text[i:j] + text[j:]
    return text


def fuzz(n: int):
    return settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Long runs (issue 16): a line with a long run of white space, and a sentence that is a long run
# of date phrases. Every stage must stay linear: the stage-level properties run with a deadline
# far above what a linear stage needs (milliseconds) and far below what a quadratic one took on
# such input (a heading with 2,000 spaces once took 17 s, 10 KB of dates in a sentence 12 s).

WHITE = [" ", "\t", "\u00a0", "\u2003", "\u3000", " \t"]
LINE_HEADS = ["== a", "=== a", "==", "= Chile", "- a", "* a", "-", "a", "Chile met Norway in", "5",
              "1990", "(", "4 June", "the", "Dr."]  # fmt: skip
LINE_TAILS = ["b", "==", "=", "", "relations =", "–Norway relations =", "November 1990.", "BC",
              "and 6 May 1990", ". In 1998 b.", "...", "century", "sixties"]  # fmt: skip
DATE_PIECES = ["in 1990 and ", "4, 5 and 6 November 1998, ", "17.12.1990 ", "1990–1995, ",
               "the 1960s and ", "the sixties, ", "May 1990 ", "from 4 to 6 March 2013 and ",
               "'60s ", "1990/91 ", "500 BC ", "29 February ", "2013/03/05 ", "05/03/2013 ",
               "April and May 2019, ", "the 8th century BC ", "1990.[5] ", "1, ", "May, ", " ",
               "from spring 2000 to summer 2002, ", "the 19th century ", "4 and "]  # fmt: skip


@st.composite
def long_space_line(draw, longest: int) -> str:
    """A title, heading, list item or paragraph line with a long run of white space."""
    run = draw(st.sampled_from(WHITE)) * draw(st.integers(500, longest))
    return draw(st.sampled_from(LINE_HEADS)) + run + draw(st.sampled_from(LINE_TAILS))


@st.composite
def date_run(draw, most: int) -> str:
    """One sentence made of a few date pieces repeated up to ``most`` times."""
    pieces = draw(st.lists(st.sampled_from(DATE_PIECES), min_size=1, max_size=5))
    return "Chile met Norway " + "".join(pieces) * draw(st.integers(1, most)) + "."


def staged(text: str) -> None:
    """The stages that must be linear, each checked for exact offsets."""
    from relations_lib.dates import find_dates
    from relations_lib.sentences import split_sentences

    for a, b in split_sentences(text):
        assert text[a:b] == text[a:b].strip() and a < b
    for p in find_dates(text):
        assert text[p.start : p.end] == p.text
        assert p.date is None or p.date <= p.date_end
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownCountryWarning)
        try:
            article = rl.parse_article(text, source=SOURCE)
        except RelationsLibError as exc:
            assert str(exc).startswith(SOURCE), str(exc)
            return
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def linear(n: int):
    """Few examples of long input, with a deadline (5 s) that only a superlinear stage misses."""
    return settings(
        max_examples=n,
        deadline=timedelta(seconds=5),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@linear(40)
@given(line=long_space_line(100_000), where=st.sampled_from(["title", "body", "alone"]))
def test_long_white_space_runs_stay_linear(line, where):
    text = {"title": line + "\n\nA text.\n", "body": TITLE + line + "\n", "alone": line}[where]
    staged(text)


@linear(40)
@given(sentence=date_run(1_500))
def test_long_date_runs_stay_linear(sentence):
    staged(TITLE + sentence + "\n")


@fuzz(60)
@given(text=st.one_of(long_space_line(5_000), date_run(12)).map(lambda t: TITLE + t + "\n"))
def test_long_runs_through_the_whole_pipeline(text):
    run(text)


# --- default suite: 2,100 examples -------------------------------------------------------------


@fuzz(600)
@given(text=st.text())
def test_arbitrary_text(text):
    run(text)


@fuzz(500)
@given(text=st.one_of(titled, pieces))
def test_article_shaped_text(text):
    run(text)


@fuzz(300)
@given(data=st.one_of(st.binary(max_size=400), titled.map(lambda t: t.encode("utf-8"))))
def test_arbitrary_bytes(data):
    run_bytes(data)


@fuzz(450)
@given(text=mutated(SMALL_ARTICLES))
def test_mutated_test_articles(text):
    run(text)


@fuzz(250)
@given(text=mutated([SEED_TEXT]))
def test_mutated_seed(text):
    run(text)


# --- the slow variant ----------------------------------------------------------------------------


@pytest.mark.slow
@fuzz(SLOW_EXAMPLES)
@given(
    text=st.one_of(
        st.text(), titled, mutated(SMALL_ARTICLES), mutated([SEED_TEXT]), mutated([SEED_TEXT])
    )
)
def test_many_more_examples(text):
    run(text)
