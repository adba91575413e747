import itertools

import pytest

from relations_lib.text.sentences import MAX_SENTENCE_CHARS, split_sentences


def sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    for a, b in spans:
        assert text[a:b] == text[a:b].strip()
    return [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Albania joined in 1955. It voted.", ["Albania joined in 1955.", "It voted."]),
        (
            "The U.S. Senate met. Dr. Smith spoke, e.g. on trade. It ended.",
            ["The U.S. Senate met.", "Dr. Smith spoke, e.g. on trade.", "It ended."],
        ),
        (
            "J. F. Kennedy visited in 1963. Crowds came.",
            ["J. F. Kennedy visited in 1963.", "Crowds came."],
        ),
        # the numeral of "World War I" ends a sentence; an initial does not
        (
            "Trade stopped during World War I. In 1920 it resumed.",
            ["Trade stopped during World War I.", "In 1920 it resumed."],
        ),
        (
            "Trade reached 2.5 million euros. It fell.",
            ["Trade reached 2.5 million euros.", "It fell."],
        ),
        (
            'He said "we will come." Then he left.',
            ['He said "we will come."', "Then he left."],
        ),
        (
            "They met (see the note. It was long.) and agreed. Next year they met again.",
            ["They met (see the note. It was long.) and agreed.", "Next year they met again."],
        ),
        ("Relations improved. In March 19", ["Relations improved.", "In March 19"]),
        ("Is it? Yes! Fine…  Done", ["Is it?", "Yes!", "Fine…", "Done"]),
        ("a lower-case start. still one sentence.", ["a lower-case start. still one sentence."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_offsets_are_absolute_inside_a_window():
    text = "xx Albania voted. Palestine won. yy"
    spans = split_sentences(text, 3, 32)
    assert [text[a:b] for a, b in spans] == ["Albania voted.", "Palestine won."]


def test_circa_does_not_end_a_sentence():
    text = "Relations have existed since c. 1929. They grew."
    assert sentences(text) == ["Relations have existed since c. 1929.", "They grew."]


# ------------------------------------------------------------------ footnote markers


@pytest.mark.parametrize(
    "marker", ["[5][6]", "[5]", "[a]", "[note 1]", "[citation needed]", "[5]:12–14", '"[5]']
)
def test_footnote_markers_close_the_sentence_and_stay_in_it(marker):
    first = f"Albania did not recognise the government in 1990.{marker}"
    text = f"{first} In 1998 Albania sent a delegation."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [first, "In 1998 Albania sent a delegation."]
    # exact offsets: the marker ends the first span, the second starts at "In"
    assert spans[0] == (0, len(first))
    assert spans[1][0] == text.index("In 1998")


def test_markers_inside_a_sentence_or_before_lower_case_do_not_split():
    text = "Albania[3] voted.[4] and then it left. It came back."
    assert sentences(text) == ["Albania[3] voted.[4] and then it left.", "It came back."]
    # a marker before the full stop was always fine
    assert sentences("It was 1990[5]. In 1998 B.") == ["It was 1990[5].", "In 1998 B."]
    # an abbreviation keeps its meaning when a marker follows it ("no." is number)
    assert sentences('He said "no."[5] Then he left.') == ['He said "no."[5] Then he left.']
    # an over-long bracket is no marker
    long = "[" + "x" * 60 + "]"
    assert sentences(f"It was 1990.{long} In 1998 B.") == [f"It was 1990.{long} In 1998 B."]


def test_seed_like_marker_sentence_reaches_the_article():
    import relations_lib as rl

    text = (
        "= Albania–Palestine relations =\n\nAlbania did not open an embassy in 1990.[5][6] "
        "In 1998 Albania opened an embassy in Palestine.\n"
    )
    article = rl.parse_article(text)
    assert [s.text for s in article.sentences] == [
        "Albania did not open an embassy in 1990.[5][6]",
        "In 1998 Albania opened an embassy in Palestine.",
    ]
    # the 1998 sentence no longer inherits the 1990 negation
    events = rl.extract_events(article)
    assert events["year"].tolist() == [1998]
    assert rl.unmatched(article)["reason"].str.startswith("negated").tolist() == [True]


# ------------------------------------------------------------------ linear time


def test_long_runs_of_punctuation_are_linear():
    # each of these took seconds (quadratic) before a punctuation run was tried only at its
    # start; a few milliseconds now
    import time

    for text in ("a" + "." * 200_000 + "b", "a" + "?!" * 100_000 + "b", "a." + "]" * 200_000):
        t0 = time.perf_counter()
        spans = split_sentences(text)
        assert time.perf_counter() - t0 < 2.0
        assert spans and spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
    many = "Albania met Palestine in 1990 and " * 20_000 + "left."
    spans = split_sentences(many)  # one run with no sentence end: cut at spaces, in order
    assert spans[0][0] == 0 and spans[-1][1] == len(many)
    assert all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
    assert all(many[b] == " " for _, b in spans[:-1])  # each piece ends before a space
    assert all(a1 <= b0 for (_, a1), (b0, _) in itertools.pairwise(spans))
