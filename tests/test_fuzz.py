"""Fuzzing the whole pipeline: whatever the input, the result is valid frames with exact offsets
or one of the package's typed errors. Never another exception, never an invalid frame.

The default suite runs 2,100 examples; ``pytest -m slow tests/test_fuzz.py`` runs the same
properties with many more (``RELATIONS_FUZZ_EXAMPLES``, 20,000 by default).
"""

from __future__ import annotations

import os
import warnings

import pytest
from conftest import ARTICLES_DIR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import SEED_TEXT, check_pipeline

import relations_lib as rl
from relations_lib.errors import RelationsLibError, UnknownCountryWarning
from relations_lib.text.article import decode_article_bytes

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
