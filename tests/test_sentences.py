import pytest

from relations_lib.text.sentences import split_sentences


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
