"""Split a block of text into sentences, keeping exact character offsets.

Hand-written rather than taken from NLTK/pysbd: those either need model downloads or do not
guarantee offsets into the original string; this splitter returns ``(start, end)`` pairs such
that ``text[start:end]`` is the sentence, stripped of surrounding white space.

>>> split_sentences("Dr. J. F. Kennedy came in 1961. He left.")
[(0, 31), (32, 40)]
"""

from __future__ import annotations

import re

# Words that end with a period without ending the sentence (compared lower-cased, without the
# final period). Titles, months, Latin abbreviations and common organisational abbreviations.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt maj capt cmdr adm sgt gov pres sen rep hon rev
    fr messrs mme mlle amb sec min dept univ inst assn bros co corp inc ltd no nos vol vols pp
    p ed eds fig figs art arts ch sect approx ca cf vs etc al e.g i.e viz u.s u.k u.n u.s.s.r
    jan feb mar apr jun jul aug sep sept oct nov dec est c fl r b d
    """.split()  # noqa: SIM905 - a word list reads better than a list literal
)

_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
# A footnote marker as encyclopedia text keeps it: "[5]", "[a]", "[note 1]", "[citation
# needed]", with an optional page reference "[5]:12–14". Bounded length: a bracket that runs on
# is not a marker.
_MARKER = r"\[[^\[\]\n]{1,40}\](?::[0-9]+(?:[–-][0-9]+)?)?"
_CLOSE = "[" + re.escape(_CLOSERS) + "]*"
# A candidate boundary: a run of terminal punctuation (starting where the run starts, so that a
# long run of dots is tried once, not once per dot), optional closing quotes/brackets and
# footnote markers ("1990.[5][6] In 1998"), then white space.
_BOUNDARY = re.compile(
    r"(?<![.!?…])(?P<punct>[.!?…]+)" + _CLOSE + "(?:" + _MARKER + _CLOSE + r")*(?=\s)"
)
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``text[dot]`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 20), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isalpha() and word.isupper():
        # an initial ("J. F. Kennedy"), but not the numeral of "World War I."
        return not (word in "IVX" and text[max(0, dot - 5) : dot - 1] == "War ")
    if word.lower() in ABBREVIATIONS:
        return True
    # Dotted acronyms such as "U.S." or "U.S.S.R." (single letters joined by periods).
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


def _next_starts_sentence(text: str, pos: int, end: int) -> bool:
    """Does a sentence plausibly start at the first non-space character at or after ``pos``?"""
    while pos < end and text[pos].isspace():
        pos += 1
    if pos >= end:
        return True
    ch = text[pos]
    while ch in _OPENERS and pos + 1 < end:
        pos += 1
        ch = text[pos]
    return ch.isupper() or ch.isdigit() or (not ch.isalpha() and not ch.islower())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, as absolute ``(start, end)`` offsets.

    Rules: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets
    and footnote markers such as ``[5]``, ``[a]``, ``[note 1]``, ``[citation needed]``, which
    stay in the sentence they close) followed by white space and a capital, a digit or an
    opening quote; not after an abbreviation, an initial, or inside parentheses. Text without
    final punctuation (an excerpt cut off mid-sentence) still yields its last sentence.

    A span longer than :data:`MAX_SENTENCE_CHARS` is cut at white space into pieces of at most
    that length.

    Cost: O(n) in the length n of ``text[start:end]``: one left-to-right scan for candidate
    boundaries (a run of punctuation is tried once, at its start; markers are at most 40
    characters), and per candidate a bounded look back (20 characters) and a look ahead that
    stops at the next non-space character.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sent_start = start
    depth = 0
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        # Track parenthesis depth between the previous candidate and this one.
        segment = text[pos : m.start()]
        depth = max(0, depth + segment.count("(") - segment.count(")"))
        closing = m.group(0)
        depth = max(0, depth - closing.count(")"))
        pos = m.start()
        if depth > 0:
            continue
        last = m.end("punct") - 1
        if text[last] == "." and _is_abbreviation(text, last):
            # An abbreviation ends the sentence only if the next word is clearly a new one
            # after a lower-case word such as "etc." — we stay conservative and keep going.
            continue
        if not _next_starts_sentence(text, m.end(), end):
            continue
        spans.append((sent_start, m.end()))
        sent_start = m.end()
    spans.append((sent_start, end))
    spans = [piece for a, b in spans for piece in _capped(text, a, b)]
    return [s for s in (_strip(text, a, b) for a, b in spans) if s is not None]


#: The longest span kept as one sentence. Real encyclopedia sentences stay far below it (the
#: longest of the 69 development-set articles and the seed has 859 characters); a longer run
#: without a sentence end (a list pasted as one line, a hostile file) is cut into pieces at the
#: last white space before the limit. Every event row repeats its sentence, so without a cap one
#: long line with many dates would cost memory in the product of the two (a 188 KB line with
#: 4,000 dates took 2 GB).
MAX_SENTENCE_CHARS = 1500


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` cut into pieces of at most :data:`MAX_SENTENCE_CHARS` characters."""
    return cut_span(text, start, end, MAX_SENTENCE_CHARS)


def cut_span(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most ``limit`` characters, each ending after a
    clause mark ("; ", ", ") or else white space in its last fifth, where there is one (a piece
    with none is cut where it must be). Linear in the span; shared by the sentence splitter and
    the parser's chunks (:mod:`relations_lib.coding.syntax`)."""
    out = []
    while end - start > limit:
        cut = start + limit
        for marks in ("; ", ", ", " "):
            k = text.rfind(marks, start + limit * 4 // 5, cut)
            if k > start:
                cut = k + len(marks)
                break
        out.append((start, cut))
        start = cut
    if end > start:
        out.append((start, end))
    return out


def _strip(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None
