"""UN votes that an article states: "Albania abstained in the vote on …", "Norway was one of the
138 countries that voted in favour of …", "41 countries, including Chile, abstained".

:func:`extract_vote_mentions` returns one row per country and vote a sentence states, with the
date, what was voted on, the counts the sentence gives and, where it can be told, the resolution.

How a sentence is read (a small, general grammar; the phrases live in
data/reference/vote_patterns.csv, not here):

1. *Vote phrases* (``kind=verb``) such as "voted in favour of", "voted against", "abstained",
   "did not vote" give the vote (yes, no, abstain, or "absent": present in the sentence but
   neither yes, no nor abstain). "vote"/"voting" used as a noun ("the voting for …"), and
   negated verbs ("did not abstain"), are not votes.
2. *The voter* is read leftwards from the phrase: a country or list of countries as subject
   ("Israel and the United States voted against"), "X was one of the N countries that …",
   "N countries, including X, …", "X, along with N other states, …", "X, which abstained …",
   "with X voting …", "X's vote in favour …", "the Norwegian delegation …" (an adjective, from
   data/reference/country_words.csv), "both countries …" (the article's two); or, after a
   count ("41 countries abstained, including X"), rightwards. A verb with no subject of its
   own after "and"/"but" ("Albania abstained in 2012 but voted in favour in 2015") shares the
   previous voter. Only names of countries are voters (the country registry's names, exactly:
   :func:`relations_lib.countries.resolve`): "the parliament voted", "it voted", "Albanians
   voted" yield nothing.
3. *UN context*: the sentence, the sentence before it in the same section, or the section
   heading must name the UN (``kind=context``: "United Nations", "UN", "General Assembly",
   "resolution", …), and the subject must not be a parliamentary or electoral matter
   (``kind=exclude``: "parliament", "referendum", "confidence", …).
4. *What was voted on* (``subject``) is the phrase after the vote phrase and its "in the vote
   on" (``kind=event_noun``), up to the end of the clause, without a trailing date.
5. *Counts*: "one of the N …" and "N countries, including X" count the voters of this vote;
   "along with N other …" counts N + 1; a tally ("by a vote of 138 to 9 with 41 abstentions",
   "138 in favour, 9 against and 41 abstentions", "(138–9–41)") gives the count of the option
   the country chose; "(out of 193)" or "of the 193 member states" is the membership
   (``stated_members``), not a vote count.
6. *Date*: the date phrase (``relations_lib.text.dates.find_dates``) inside the mention's clause,
   else one outside every mention's clause ("In 2015, …"), else the nearest in the sentence
   (coordinated votes share a date); a date that is part of what was voted on ("voted for the
   1947 partition plan"), a date without a year or before 1945 is not the vote's date.
7. *Resolution*, first rule that applies:
   ``named in sentence`` — a symbol in the mention's clause, or the only one in the sentence
   ("resolution 67/19", "A/RES/67/19", "ES-10/19", "3236 (XXIX)"); a clause naming several
   ("voted for resolutions 3236 and 3237") gives one row per resolution.
   ``named in article`` — a symbol named elsewhere in the article (the seed names 67/19 only in
   its "See also" list) whose date agrees with the mention's (same day when the mention gives a
   day; same month/year/decade at coarser precision, with a matching subject) or whose subject
   shares a content word with the mention's, without a conflicting date. The date and subject of
   a symbol come from the key-resolutions table when it lists it; otherwise its session gives
   its year span and the sentence naming it gives its subject. The best candidate (same day,
   then most shared words) must be unique. A mention with neither a date nor a subject ("X
   abstained.") takes the one resolution named earlier in its paragraph.
   ``date matches key resolution`` — data/reference/unga_key_resolutions.csv: the one key
   resolution adopted that day, month or year whose subject best matches the mention's (at
   least one shared content word, and a unique best). A date alone never links: a vote stated
   on the day a key resolution passed may be about another of that day's roll calls, so
   without a matching subject ``resolution`` is missing.

A "did not vote"/"was absent" mention is kept with ``vote`` missing and ``stated_count_of``
missing (its ``stated_count``, if any, counts the countries that did not vote): it is a
statement about a UN vote, but not a yes, no or abstention.

Not read (no row): inverted clauses ("Voting in favour were X and Y"), pronouns ("It voted
…"), passives ("… was supported by X"), "supported"/"opposed" without a vote phrase.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date as _date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .._arrays import categorical, date_array, int_array, string_array
from ..countries import Country, resolve
from ..errors import ReferenceDataError, UnknownCountryError
from ..paths import reference_file
from ..vocab import COUNT_OF_LEVELS, PRECISIONS, RESOLUTION_SOURCES, VOTE_LEVELS, vote_dtype

if TYPE_CHECKING:
    import pandas as pd

    from ..text.article import Article, Sentence
    from ..text.dates import DatePhrase

__all__ = [
    "COUNT_OF_LEVELS",
    "PATTERNS_FILE",
    "RESOLUTION_SOURCES",
    "VOTE_LEVELS",
    "KeyResolution",
    "count_of_dtype",
    "extract_vote_mentions",
    "find_resolutions",
    "key_resolution_list",
    "vote_dtype",
]

#: The phrase vocabulary (data/reference/).
PATTERNS_FILE = "vote_patterns.csv"
KEY_RESOLUTIONS_FILE = "unga_key_resolutions.csv"
_WINDOW = 240  # characters before a vote phrase searched for its voter
_FIRST_UN_YEAR = 1945  # an earlier date cannot be a UN vote's
_ABSENT = "absent"  # internal vote value of "did not vote"; a missing value in the table

#: Output columns, in order (relations_lib/schema/vote_mentions.py describes each).
COLUMNS: tuple[str, ...] = (
    "source",
    "section",
    "sentence",
    "start",
    "end",
    "date",
    "year",
    "date_text",
    "precision",
    "resolution",
    "resolution_source",
    "subject",
    "country",
    "country_code",
    "vote",
    "stated_count",
    "stated_count_of",
    "stated_members",
)


@lru_cache(maxsize=1)
def count_of_dtype() -> pd.CategoricalDtype:
    """The category of ``stated_count_of``: yes, abstain, no (voters of an option) or members."""
    import pandas as pd

    return pd.CategoricalDtype(list(COUNT_OF_LEVELS), ordered=False)


# --- reference data -------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyResolution:
    """A row of data/reference/unga_key_resolutions.csv (official tallies)."""

    resolution: str
    date: _date
    subject: str
    yes: int | None
    no: int | None
    abstain: int | None


@lru_cache(maxsize=1)
def key_resolution_list() -> tuple[KeyResolution, ...]:
    """The key resolutions, read with the csv module (no pandas): symbol, date, subject, tally.

    Raises ReferenceDataError naming the file and line of a malformed row.
    """
    path = reference_file(KEY_RESOLUTIONS_FILE)
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"resolution", "date", "subject", "yes", "no", "abstain"} - set(
            reader.fieldnames or ()
        )
        if missing:
            raise ReferenceDataError(f"{path}:1: missing column(s) {sorted(missing)}")
        for line, row in enumerate(reader, start=2):
            try:
                day = _date.fromisoformat(row["date"])
                tally = {k: int(row[k]) if row[k] else None for k in ("yes", "no", "abstain")}
            except (TypeError, ValueError) as exc:
                raise ReferenceDataError(f"{path}:{line}: {exc}") from None
            if not row["resolution"]:
                raise ReferenceDataError(f"{path}:{line}: empty resolution symbol")
            rows.append(KeyResolution(row["resolution"], day, row["subject"] or "", **tally))
    return tuple(rows)


_KINDS = (
    "verb",
    "nominal",
    "vote_noun",
    "count_noun",
    "member_noun",
    "event_noun",
    "agent_noun",
    "context",
    "exclude",
    "collective",
    "not_country",
)


@dataclass(frozen=True)
class _Vocab:
    verbs: tuple[tuple[str, str], ...]  # (regex, vote)
    nominals: tuple[tuple[str, str], ...]
    vote_nouns: tuple[tuple[str, str], ...]
    terms: dict[str, tuple[str, ...]]  # other kinds: regexes
    not_country: frozenset[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    path = reference_file(PATTERNS_FILE)
    by_kind: dict[str, list[tuple[str, str]]] = {k: [] for k in _KINDS}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or not {"kind", "pattern", "vote"} <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: expected columns kind, pattern, vote, note")
        for line, row in enumerate(reader, start=2):
            kind, pattern, vote = row["kind"].strip(), row["pattern"].strip(), row["vote"].strip()
            if kind not in by_kind:
                raise ReferenceDataError(f"{path}:{line}: unknown kind {kind!r}")
            if kind in ("verb", "nominal", "vote_noun") and vote not in (*VOTE_LEVELS, _ABSENT):
                raise ReferenceDataError(f"{path}:{line}: {kind} needs a vote, got {vote!r}")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ReferenceDataError(f"{path}:{line}: bad pattern {pattern!r}: {exc}") from None
            by_kind[kind].append((pattern, vote))
    for kind in ("verb", "count_noun", "event_noun", "context"):
        if not by_kind[kind]:
            raise ReferenceDataError(f"{path}: no {kind!r} rows")
    not_country = frozenset(w for p, _ in by_kind["not_country"] for w in p.lower().split("|") if w)
    return _Vocab(
        verbs=tuple(by_kind["verb"]),
        nominals=tuple(by_kind["nominal"]),
        vote_nouns=tuple(by_kind["vote_noun"]),
        terms={k: tuple(p for p, _ in v) for k, v in by_kind.items()},
        not_country=not_country,
    )


# --- numbers --------------------------------------------------------------------------------

_UNITS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_DIGIT_WORD = "|".join(_UNITS[1:10][::-1])
_WORD_NUM = (
    rf"(?:(?:one|a)\s+hundred(?:\s+and)?\s+)?(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{_DIGIT_WORD}))?"
    rf"|{_UNIT_RE})|(?:one|a)\s+hundred"
)
NUM = rf"(?:\d{{1,3}}|(?i:{_WORD_NUM}))(?![\w/])"


def _number(text: str) -> int:
    """``"119"`` → 119, ``"forty-one"`` → 41, ``"one hundred and nineteen"`` → 119."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    total = 0
    for word in re.split(r"[-\s]+", text):
        if word in ("and", ""):
            continue
        if word in ("hundred",):
            total = max(total, 1) * 100
        elif word == "a":
            total += 1
        elif word in _TENS:
            total += 20 + 10 * _TENS.index(word)
        else:
            total += _UNITS.index(word)
    return total


# --- the grammar, compiled once from the vocabulary -------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
_CAP = rf"[{_UPPER}][\w'’.\-]*"
# A proper-name phrase: capitalised words joined by lower-case particles ("Bosnia and
# Herzegovina", "Côte d'Ivoire", "the United States").
# "and" is left to the list (names containing it, "Bosnia and Herzegovina", are put together
# again by _resolve_and), so that a list has one reading and a failed match stays cheap.
_NP = rf"(?:[Tt]he\s+)?{_CAP}(?:\s+(?:(?:of|the|da|de|do|del|la|du|d['’])\s*)*{_CAP})*"
_LIST = rf"{_NP}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NP})*"
_ADV_WORDS = (
    r"also|then|again|too|later|subsequently|eventually|ultimately|instead|consistently|"
    r"nevertheless|however|likewise|similarly|once\s+again|in\s+turn|has|have|had|would|will|"
    r"did|does|do|could|chose\s+to|decided\s+to|opted\s+to|preferred\s+to|all|both|itself|"
    r"[a-z]+ly"
)
_ADVS = (
    r"(?:\s*,\s*(?:however|too|also|instead|though|nevertheless|in\s+turn|for\s+its\s+part|"
    r"for\s+their\s+part|in\s+contrast|by\s+contrast)\s*,)?"
    rf"(?:\s*,?\s+(?:in|on|during)\s+(?:[{_UPPER}][a-z]+\s+)?(?:\d{{1,2}}\s+)?"
    rf"(?:[{_UPPER}][a-z]+\s+)?\d{{4}}\s*,?)?"
    rf"(?:\s+(?:{_ADV_WORDS}))*\s*"
)
# a word between a number and the noun it counts ("119 UN-member countries"), never a number
# or a conjunction (so "while 35 countries" is not read as a count-less noun phrase)
_MODIFIER = r"(?!(?:while|whereas|and|but|or|including|with)\b|\d)[\w'’\-]+"
_INCLUDING = r"(?:including|among\s+them|among\s+which|amongst\s+them|such\s+as|notably)"
_COPULA = (
    r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|became|remains?|remained)"
    r"(?:\s+(?:also|again|once\s+again))?"
)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|this|these|those|whose|each|every|his|her|our|any|"
    r"no|first|second|final)\s+(?:[\w'’\-]+\s+){0,2}|['’]s\s+(?:\d{4}\s+)?|\b\d{1,3}\s+)\Z",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|n['’]t|no\s+longer|refused\s+to|declined\s+to|did\s+not|rather\s+than)"
    r"(?:\s+\w+)?\s*\Z",
    re.IGNORECASE,
)
_BOUNDARY_BEFORE = re.compile(
    r"(?:^|[,;:(\[—–]|\b(?:and|but|while|whereas|then|with|that|which|when|as|where|so|yet|"
    r"since|after|although|though|because|whom|\d{4}))\s*\Z",
    re.IGNORECASE,
)
_SIMPLE_OBJECT = re.compile(
    r"[\s,]*(on|over|regarding|concerning|from|to)\s+",
    re.IGNORECASE,
)
# where the vote took place, before what it was about: "abstained at the United Nations on …"
_VENUE = re.compile(
    r"[\s,]*(?:at|in)\s+(?:the\s+)?(?:UN|U\.N\.|United\s+Nations|UNGA|General\s+Assembly)"
    r"(?:\s+General\s+Assembly)?(?=[\s,.;]|\Z)"
)
_OUT_OF = re.compile(
    rf"\bout\s+of\s+(?:the\s+|a\s+total\s+of\s+)?(?P<n>{NUM})|"
    rf"(?<!one )\bof\s+(?:the|all)\s+(?P<m>{NUM})\s+(?:UN\s+|U\.N\.\s+|United\s+Nations\s+)?"
    rf"(?:member\s+(?:states|countries|nations)|members)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s.,;:!?]+\Z")
_DATE_PREPOSITION = re.compile(
    r"(?:,?\s+(?:on|in|at|during|of|from|since|by|around|about))?\s*\Z", re.IGNORECASE
)


@dataclass(frozen=True)
class _Grammar:
    verbs: re.Pattern
    verb_votes: tuple[str, ...]
    nominal: re.Pattern | None
    nominal_votes: tuple[str, ...]
    vote_noun_votes: tuple[str, ...]  # the vote of each ``n<i>`` group below
    relative: re.Pattern  # "X was one of the N countries that "
    including: re.Pattern  # "N countries, including X, "
    direct: re.Pattern  # "X ", "X, along with N other states, "
    possessive: re.Pattern  # "X's "
    count_subject: re.Pattern  # "N countries "
    including_after: re.Pattern  # ", including X"
    noun_member: re.Pattern  # "one of the 41 abstentions" …
    member_voters: re.Pattern  # … after "X was "
    after_count: re.Pattern  # ", along with N other …", ", one of N countries …"
    introducer: re.Pattern  # "in the vote on "
    cut: re.Pattern
    tallies: tuple[re.Pattern, ...]
    count_item: re.Pattern  # "41 abstentions"
    context: re.Pattern
    exclude: re.Pattern | None
    member_noun: re.Pattern
    not_country: frozenset[str]


def _alternation(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _case_aware(patterns: tuple[str, ...]) -> str:
    """Whole words; acronyms (no lower-case letter) match case-sensitively, other terms in
    any case: "UN" never matches "un" or the start of "UNICEF"."""
    parts = []
    for p in patterns:
        letters = re.sub(r"\\.|\(\?[:=!]|[^A-Za-z]", "", p)
        parts.append(f"(?:{p})" if letters and letters.isupper() else f"(?i:{p})")
    return rf"(?<!\w)(?:{'|'.join(parts)})(?![A-Za-z])"


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    v = _vocab()
    t = v.terms
    count_noun = _alternation(t["count_noun"])
    agent = _alternation(t["agent_noun"]) if t["agent_noun"] else r"(?!x)x"
    collective = f"(?i:{_alternation(t['collective'])})" if t["collective"] else r"(?!x)x"
    noun_phrase = (
        rf"(?:(?P<count>{NUM})\s+)?(?P<np>(?:{_MODIFIER}\s+){{0,3}}?)(?P<noun>{count_noun}|those)"
        r"(?P<paren>\s*\([^()]{0,60}\))?"
    )
    voters = (
        rf"(?:(?P<collective>{collective})|(?:[Tt]he\s+)?(?P<adj>[{_UPPER}][a-z]+)\s+(?:{agent})"
        rf"|(?P<voters>{_LIST})(?:['’]s\s+(?:{agent}))?)"
    )
    flags = re.IGNORECASE
    # the word-start test is shared by all alternatives, so it is written once, outside them:
    # the regex engine then rejects a position inside a word after one test instead of one per
    # pattern (5x faster on sentences; the matches are the same)
    verbs = re.compile(
        "(?<![\\w'’])(?:"
        + "|".join(f"(?P<v{i}>{p})(?![\\w'’])" for i, (p, _) in enumerate(v.verbs))
        + ")",
        flags,
    )
    nominal = (
        re.compile(
            "(?<![\\w'’])(?:"
            + "|".join(f"(?P<v{i}>{p})(?![\\w'’])" for i, (p, _) in enumerate(v.nominals))
            + ")",
            flags,
        )
        if v.nominals
        else None
    )
    vote_noun = "|".join(f"(?P<n{i}>{p})" for i, (p, _) in enumerate(v.vote_nouns))
    tally_no = r"(?:abstentions?|abstaining|abstained)"
    tallies = (
        re.compile(
            rf"\bby\s+(?:a\s+)?(?:recorded\s+)?(?:vote|margin|tally)\s+of\s+(?P<yes>{NUM})"
            rf"(?:\s+(?:votes\s+)?(?:in\s+favou?r|for))?\s*(?:to|against|[–-])\s*(?P<no>{NUM})"
            rf"(?:\s+against)?(?:\s*,?\s*(?:with|and)\s+(?P<abstain>{NUM})\s+{tally_no})?",
            flags,
        ),
        re.compile(
            rf"\bby\s+(?P<yes>{NUM})\s+votes?\s+(?:to|against)\s+(?P<no>{NUM})"
            rf"(?:\s*,?\s*(?:with|and)\s+(?P<abstain>{NUM})\s+{tally_no})?",
            flags,
        ),
        re.compile(
            r"\((?P<yes>\d{1,3})\s*[–-]\s*(?P<no>\d{1,3})\s*[–-]\s*(?P<abstain>\d{1,3})\)"
            r"|(?<![\w/–-])(?P<yes2>\d{1,3})\s*[–-]\s*(?P<no2>\d{1,3})\s*[–-]\s*"
            r"(?P<abstain2>\d{1,3})(?![\w/–-])"
        ),
    )
    exclude = _case_aware(t["exclude"]) if t["exclude"] else None
    event = _alternation(t["event_noun"])
    return _Grammar(
        verbs=verbs,
        verb_votes=tuple(vote for _, vote in v.verbs),
        nominal=nominal,
        nominal_votes=tuple(vote for _, vote in v.nominals),
        vote_noun_votes=tuple(vote for _, vote in v.vote_nouns),
        relative=re.compile(
            rf"{voters}(?:\s+{_COPULA}|\s*,)\s+(?:(?:one|part)\s+of|among|amongst)\s+"
            rf"(?:(?:the|only|just|a\s+group\s+of|a\s+minority\s+of|a\s+handful\s+of)\s+)*"
            rf"{noun_phrase}\s*,?\s+(?:that|which|who|to)(?:\s*,[^,]{{0,60}},)?"
            rf"(?:\s+(?:had|have|has|also|all|eventually|ultimately|finally|then))*\s*\Z",
        ),
        including=re.compile(rf"{noun_phrase}\s*,?\s+{_INCLUDING}\s+{voters}\s*,?{_ADVS}\Z"),
        direct=re.compile(
            rf"{voters}(?:\s*,?\s+(?:together|along)\s+with\s+(?P<others>{NUM})\s+other\s+"
            rf"(?:[\w'’\-]+\s+){{0,2}}?(?:{count_noun})(?:\s*\([^()]{{0,60}}\))?\s*,"
            rf"|\s*,\s+(?:one\s+of|among)\s+(?:the\s+)?(?P<acount>{NUM})\s+"
            rf"(?P<anoun>(?:[\w'’\-]+\s+){{0,2}}?(?:{count_noun}))(?:\s*\([^()]{{0,60}}\))?"
            r"(?:\s+(?:of|in|at)\s+[^,]{1,30}?)?\s*,)?"
            r"(?:\s*,\s*(?:which|who)\b)?"  # "Iceland, which abstained in …"
            rf"{_ADVS}\Z"
        ),
        possessive=re.compile(rf"(?P<voters>{_LIST})['’]s\s+(?:\d{{4}}\s+)?\Z"),
        count_subject=re.compile(
            rf"(?<![\w,])(?P<count>{NUM})(?:\s+(?P<np>(?:[\w'’\-]+\s+){{0,3}}?)"
            rf"(?P<noun>{count_noun}))?(?P<paren>\s*\([^()]{{0,60}}\))?{_ADVS}\Z",
            flags,
        ),
        including_after=re.compile(rf"\s*,?\s+{_INCLUDING}\s+(?P<voters>{_LIST})"),
        noun_member=re.compile(
            rf"(?<![\w'’])(?:one\s+of|among|amongst)\s+(?:the\s+)?(?:(?P<count>{NUM})\s+)?"
            rf"(?P<noun>{vote_noun})(?![\w'’])",
            flags,
        ),
        member_voters=re.compile(rf"(?P<voters>{_LIST})(?:\s+{_COPULA})?\s+\Z"),
        after_count=re.compile(
            rf",?\s*(?:(?P<with>(?:together|along)\s+with|as\s+did)\s+(?P<others>{NUM})\s+"
            rf"other(?:\s+[\w'’\-]+){{0,2}}?(?:\s+(?:{count_noun}))?"
            rf"|one\s+of\s+(?:the\s+|only\s+|just\s+)*(?P<count>{NUM})(?:\s+[\w'’\-]+){{0,2}}?"
            rf"\s+(?:{count_noun})(?:\s+(?:to\s+do\s+so|that\s+did\s+so|to\s+\w+))?)",
            flags,
        ),
        introducer=re.compile(
            r"\s*,?\s*(?:(?:in|on|from|during|at|for|over)\s+)?(?:the\s+|a\s+|an\s+|its\s+)?"
            r"(?:(?!resolution|which|that|after|and|but)[\w'’\-]+\s+){0,3}?"
            rf"(?:{event})s?(?:\s+(?:on|for|over|about|regarding|concerning|of|to))?"
            r"(?:\s+|(?=[,;.])|\Z)",
            flags,
        ),
        cut=re.compile(
            r";|:|\s[–—]\s|\s\((?!(?:ES-|S-)?[IVXLC]+\))|,\s+(?=(?:which|who|whose|while|whereas|but|although|though|"
            r"despite|after|before|as|since|when|following|including|along|together|with|one|"
            r"making|thereby|and|thus|in\s+line|where|among|amongst|even|joining|unlike|like|"
            r"such|notably|a\s+move|a\s+decision)\b|[a-z]+ing\b)|\s+(?=(?:while|whereas|but|although|"
            r"though|when|where|because|after|before|once|until|(?:that\s+|which\s+)?(?:was|were|"
            r"is|are|has\s+been|had\s+been|drew|caused|angered|surprised))\b)"
            r"|\s+(?=by\s+(?:a\s+)?(?:recorded\s+)?(?:vote|margin|tally|"
            rf"{NUM}\s+votes?)\b)|\s+(?=(?:together|along)\s+with\b)|\s+(?=as\s+did\b)",
            flags,
        ),
        tallies=tallies,
        count_item=re.compile(rf"(?<![\w/–-])(?P<count>{NUM})\s+(?:{vote_noun})(?![\w'’])", flags),
        context=re.compile(_case_aware(t["context"])),
        exclude=re.compile(exclude) if exclude else None,
        member_noun=re.compile(_alternation(t["member_noun"]) or r"(?!x)x", flags),
        not_country=v.not_country,
    )


# --- resolution symbols -------------------------------------------------------------------

_SYMBOL = (
    r"(?:A\s*/\s*RES\s*/\s*)?(?:ES-\d{1,2}/\d{1,3}|S-\d{1,2}/\d{1,3}|\d{1,2}/\d{1,3}[A-Z]?)"
    r"|\d{2,4}\s*[A-Z]?\s*\((?:ES-|S-)?[IVXLC]+\)"
)
_RESOLUTION_WORD = re.compile(
    rf"(?:(?P<sc>Security\s+Council|UNSC)\s+)?\b(?:resolutions?|res\.)\s+(?:no\.?\s*|number\s+)?"
    rf"(?P<list>(?:{_SYMBOL}|\d{{2,4}})(?:\s*(?:,|,?\s+and|,?\s+or)\s+(?:{_SYMBOL}|\d{{2,4}}))*)",
    re.IGNORECASE,
)
_BARE_SYMBOL = re.compile(
    r"(?<![\w/])(?:A\s*/\s*RES\s*/\s*(?:ES-\d{1,2}/\d{1,3}|\d{1,2}/\d{1,3}|\d{2,4}\s*"
    r"\((?:ES-|S-)?[IVXLC]+\))|ES-\d{1,2}/\d{1,3}|\d{2,4}\s*[A-Z]?\s*\((?:ES-|S-)?[IVXLC]+\))"
    r"(?![\w/])"
)
_ONE_SYMBOL = re.compile(rf"{_SYMBOL}|\d{{2,4}}", re.IGNORECASE)
# Cheap tests of what every match needs, so that most sentences skip the two searches above
# (keep them in step): _RESOLUTION_WORD needs the word "res…" in any case; _BARE_SYMBOL needs
# "/" (A/RES/…), "ES-" or "(" (3236 (XXIX)).
_RES = re.compile("res", re.IGNORECASE)


def _may_name_resolutions(text: str) -> tuple[bool, bool]:
    return bool(_RES.search(text)), "/" in text or "(" in text or "ES-" in text


def _key(symbol: str) -> str | None:
    from ..un.record import resolution_key

    return resolution_key(symbol)


@lru_cache(maxsize=1024)
def _canonical(symbol: str, security_council: bool = False) -> str:
    """``"A/RES/67/19"`` → ``"67/19"``; ``"3236"`` → ``"3236 (XXIX)"`` when the key table
    has exactly one such number; a key resolution's own spelling when the symbols agree."""
    symbol = re.sub(r"\s+", " ", symbol).strip()
    symbol = re.sub(r"^A\s*/\s*RES\s*/\s*", "", symbol, flags=re.IGNORECASE)
    if security_council:
        return f"S/RES/{symbol}"
    key = _key(symbol)
    for k in key_resolution_list():
        if key is not None and _key(k.resolution) == key:
            return k.resolution
    if symbol.isdigit():
        same = [k.resolution for k in key_resolution_list() if k.resolution.split(" ")[0] == symbol]
        if len(same) == 1:
            return same[0]
    return symbol


def find_resolutions(text: str) -> list[tuple[str, int, int]]:
    """Resolution symbols named in ``text``: ``(resolution, start, end)``, in order.

    ``resolution`` is canonical: the key-resolutions table's spelling when it lists the
    resolution, else the symbol without an ``A/RES/`` prefix (``S/RES/…`` after "Security
    Council"); a bare number only counts after the word "resolution".

    >>> [r for r, _, _ in find_resolutions("resolutions 3236 and A/RES/67/19")]
    ['3236 (XXIX)', '67/19']
    """
    found: dict[int, tuple[str, int, int]] = {}
    worded, bare = _may_name_resolutions(text)
    for m in _RESOLUTION_WORD.finditer(text) if worded else ():
        base = m.start("list")
        for s in _ONE_SYMBOL.finditer(m.group("list")):
            a, b = base + s.start(), base + s.end()
            found[a] = (_canonical(s.group(0), bool(m.group("sc"))), a, b)
    for m in _BARE_SYMBOL.finditer(text) if bare else ():
        if not any(a <= m.start() < b for _, a, b in found.values()):
            found[m.start()] = (_canonical(m.group(0)), m.start(), m.end())
    return [found[k] for k in sorted(found)]


def _session_years(resolution: str) -> tuple[int, int] | None:
    """Years a regular session's resolutions can carry: session N runs from September of
    1945 + N to September of 1946 + N. ``None`` for special and emergency sessions."""
    key = _key(resolution)
    if not key or not key[0].isdigit():
        return None
    session = int(key.split("/")[0])
    return 1945 + session, 1946 + session


# --- subjects ---------------------------------------------------------------------------------

# Words every UN vote shares: they say nothing about which resolution a mention is.
_STOP = frozenset(
    re.findall(
        r"\S+",
        """
        the of and for on in at to by with from its their a an as or that this these those which
        who united nations general assembly security council resolution resolutions vote votes
        voting voted state states member members country countries question un u.n issue
        issues
        """,
    )
)


def _stem(word: str) -> str:
    """A crude stem for comparing subjects: ``"flags"`` → ``"flag"``, ``"raising"`` → ``"rais"``."""
    for suffix in ("ings", "ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:6]


def _content_stems(text: str, ignore: frozenset[str]) -> frozenset[str]:
    words = re.findall(r"[^\W\d_][\w'’\-]*", text.lower())
    stems = set()
    for w in words:
        w = re.sub(r"['’]s$", "", w)
        if len(w) < 3 or w in _STOP:
            continue
        s = _stem(w)
        if any(s.startswith(i) or i.startswith(s) for i in ignore):
            continue
        stems.add(s)
    return frozenset(stems)


# --- dates --------------------------------------------------------------------------------------


def _sentence_dates(sentence: Sentence) -> list[DatePhrase]:
    """Date phrases of a sentence, offsets into the sentence (``dates.find_dates``)."""
    from ..text.dates import find_dates

    return find_dates(sentence.text)


# --- one sentence ---------------------------------------------------------------------------


@dataclass
class _Mention:
    """One vote phrase of a sentence and what is read around it (offsets in the sentence)."""

    verb_start: int
    verb_end: int
    vote: str  # yes / abstain / no / "absent"
    voters: list[Country] = field(default_factory=list)
    voter_start: int | None = None  # where the voter (or the count before the verb) starts
    count: int | None = None
    count_of: str | None = None  # "vote" (voters of this mention's option) or "members"
    subject: tuple[int, int] | None = None
    clause_end: int = 0  # where the next mention's clause starts


@dataclass(frozen=True)
class _Ctx:
    countries: tuple[Country, ...]
    ignore_stems: frozenset[str]


def _resolve_name(text: str, g: _Grammar) -> Country | None:
    name = re.sub(r"\s+", " ", text).strip()
    bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    if not bare or not bare[0].isupper():
        return None
    letters = re.sub(r"[^A-Za-z]", "", bare)
    if len(letters) <= 3 and not letters.isupper():
        return None  # "In", "It", "To" would be India, Italy, Tonga as ISO codes
    if " " not in bare and bare.lower() in g.not_country:
        return None
    for candidate in dict.fromkeys([bare, bare.rstrip(".")]):  # "… and Germany."
        country = _lookup(candidate)
        if country is not None:
            return country
    return None


@lru_cache(maxsize=2048)
def _lookup(name: str) -> Country | None:
    """A country by name as the registry knows it exactly ("UK", "America", "Soviet Union";
    no fuzzy matching: "In March Albania" is not a name), with ``name`` as written; None for
    a miss or a name several states bore ("Congo")."""
    try:
        country = resolve(name, fuzzy=False)
    except UnknownCountryError:
        return None
    return replace(country, name=name) if country.alpha3 else None


def _resolve_and(piece: str, g: _Grammar) -> list[Country] | None:
    """Names joined by "and", read with as few names as possible: "Trinidad and Tobago and
    Norway" → Trinidad and Tobago, Norway (not Trinidad, Tobago, Norway)."""
    parts = re.split(r"\s+and\s+", piece)
    best: list[list[Country] | None] = [[]] + [None] * len(parts)  # best[i]: parts[:i]
    for i in range(1, len(parts) + 1):
        for j in range(i):
            if best[j] is None:
                continue
            country = _resolve_name(" and ".join(parts[j:i]), g)
            if country is not None and (best[i] is None or len(best[j]) + 1 < len(best[i])):
                best[i] = [*best[j], country]
    return best[-1]


def _resolve_list(text: str, g: _Grammar) -> list[Country] | None:
    """The countries of a list "A, B and C"; ``None`` unless every name is a country.

    The first name may carry leading capitalised words that are not part of it ("In March
    Albania"): they are dropped one by one.
    """
    pieces = [re.sub(r"^and\s+", "", p.strip()) for p in re.split(r"\s*,\s*", text)]
    out: list[Country] = []
    for i, piece in enumerate(pieces):
        found = _resolve_and(piece, g)
        if found is None and i == 0:
            words = piece.split()
            for k in range(1, len(words)):
                found = _resolve_and(" ".join(words[k:]), g)
                if found is not None:
                    break
        if found is None:
            return None
        out.extend(found)
    seen: set[str | None] = set()
    unique = []
    for country in out:  # "Trinidad and Tobago" may also come as "Trinidad", "Tobago"
        if country.alpha3 not in seen:
            seen.add(country.alpha3)
            unique.append(country)
    return unique


@lru_cache(maxsize=1)
def _country_words() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """From the country registry's words (data/reference/country_words.csv): name → alpha-3,
    adjective → alpha-3 (adjectives shared by two countries left out), alpha-3 → name."""
    from ..countries import country_words

    names: dict[str, str] = {}
    adjectives: dict[str, str | None] = {}
    display: dict[str, str] = {}
    for code, cw in country_words().items():
        display[code] = cw.name
        for n in cw.names:
            names.setdefault(n.casefold(), code)
        for adj in cw.adjectives:
            key = adj.casefold()
            adjectives[key] = code if adjectives.get(key, code) == code else None
    return names, {k: v for k, v in adjectives.items() if v}, display


def _adjective_country(adj: str, ctx: _Ctx) -> Country | None:
    """The country an adjective names: "Norwegian" → Norway (the article's own spelling of
    the name when it is one of the article's two countries)."""
    _, adjectives, display = _country_words()
    code = adjectives.get(adj.casefold())
    if code is None:
        return None
    for country in ctx.countries:
        if country.alpha3 == code:
            return country
    return replace(resolve(code, scheme="cameo"), name=display[code])


def _voters_from(m: re.Match, ctx: _Ctx, g: _Grammar) -> list[Country] | None:
    groups = m.groupdict()
    if groups.get("collective"):
        return [c for c in ctx.countries if c.alpha3] or None
    if groups.get("adj"):
        found = _adjective_country(groups["adj"], ctx)
        return [found] if found else None
    if groups.get("voters"):
        return _resolve_list(groups["voters"], g)
    return None


def _starts(text: str) -> list[int]:
    """Offsets where a voter phrase could begin: a word start (capitalised or a number)."""
    return [m.start() for m in re.finditer(r"(?<![\w'’])\w", text)]


def _match_left(
    pattern: re.Pattern, text: str, lo: int, hi: int, ctx: _Ctx, g: _Grammar, need_voters: bool
) -> tuple[re.Match, list[Country] | None] | None:
    """Leftmost match of ``pattern`` in ``text[lo:hi]`` ending exactly at ``hi`` and starting at
    a clause boundary (so "voted for Palestine and Israel abstained" reads Israel alone)."""
    lo = max(lo, hi - _WINDOW)  # a voter phrase is short; this bounds the work per verb
    for pos in _starts(text[lo:hi]):
        pos += lo
        if not _BOUNDARY_BEFORE.search(text, max(0, pos - 40), pos):
            continue
        m = pattern.match(text, pos, hi)
        if not m:
            continue
        if not need_voters:
            return m, None
        voters = _voters_from(m, ctx, g)
        if voters:
            return m, voters
    return None


def _find_verbs(text: str, g: _Grammar) -> list[_Mention]:
    found: list[_Mention] = []
    for m in g.verbs.finditer(text):
        vote = g.verb_votes[int(m.lastgroup[1:])]
        word = m.group(0).lower()
        before = text[max(0, m.start() - _WINDOW) : m.start()]
        if vote != _ABSENT and _NEGATION_BEFORE.search(before):
            continue
        # "the voting for …", "a vote against …", "138 votes in favour" are nouns, unless a
        # possessive names the voter ("Albania's vote against …")
        noun = word.startswith("vot") and not word.startswith("voted")
        if (
            noun
            and _DETERMINER_BEFORE.search(before)
            and (word.startswith("voting") or not g.possessive.search(before))
        ):
            continue
        found.append(_Mention(m.start(), m.end(), vote))
    if g.nominal is not None:
        for m in g.nominal.finditer(text):
            if g.possessive.search(text, max(0, m.start() - _WINDOW), m.start()):
                vote = g.nominal_votes[int(m.lastgroup[1:])]
                found.append(_Mention(m.start(), m.end(), vote))
    found.sort(key=lambda x: x.verb_start)
    return found


def _find_voters(mentions: list[_Mention], text: str, ctx: _Ctx, g: _Grammar) -> None:
    prev_end = 0
    prev: _Mention | None = None
    for mn in mentions:
        lo, hi = prev_end, mn.verb_start
        word = text[mn.verb_start : mn.verb_end].lower()
        done = False
        possessive = g.possessive.search(text, max(0, hi - _WINDOW), hi)
        if not (word.startswith(("vote", "abstention")) and possessive):
            hit = _match_left(g.relative, text, lo, hi, ctx, g, True)
            if hit:
                m, voters = hit
                mn.voters, mn.voter_start = voters, m.start()
                if m.group("count"):
                    mn.count = _number(m.group("count"))
                    mn.count_of = "vote"
                done = True
            if not done:
                hit = _match_left(g.including, text, lo, hi, ctx, g, True)
                if hit:
                    m, voters = hit
                    mn.voters, mn.voter_start = voters, m.start()
                    if m.group("count"):
                        mn.count, mn.count_of = _number(m.group("count")), "vote"
                    done = True
            if not done:
                hit = _match_left(g.direct, text, lo, hi, ctx, g, True)
                if hit:
                    m, voters = hit
                    mn.voters, mn.voter_start = voters, m.start()
                    if m.group("others"):
                        mn.count, mn.count_of = _number(m.group("others")) + 1, "vote"
                    elif m.group("acount"):  # "X, one of the 193 member states, voted …"
                        mn.count = _number(m.group("acount"))
                        members = g.member_noun.search(m.group("anoun"))
                        mn.count_of = "members" if members else "vote"
                    done = True
        else:
            m = possessive
            voters = _resolve_list(m.group("voters"), g) if m else None
            if m and voters:
                mn.voters, mn.voter_start, done = voters, m.start(), True
        if not done:
            hit = _match_left(g.count_subject, text, lo, hi, ctx, g, False)
            if hit:
                m, _ = hit
                mn.count, mn.count_of = _number(m.group("count")), "vote"
                mn.voter_start = m.start()
                done = True  # voters, if any, follow the verb ("…, including X")
        between = text[max(lo, hi - _WINDOW) : hi]
        if not done and prev is not None and prev.voters and _is_ellipsis(between):
            mn.voters, mn.voter_start = list(prev.voters), None
        prev_end = mn.verb_end
        prev = mn


_ELLIPSIS = re.compile(
    r"^[^;]*?\b(?:and|but|yet|while|whereas|then)\b(?P<rest>[^;]*)\Z", re.IGNORECASE
)
_ELLIPSIS_REST = re.compile(
    rf"^(?:\s|,|\b(?:in|on|at|during|by|the|{_ADV_WORDS})\b|\d{{1,4}}|"
    rf"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    rf"December)\b)*\Z"
)


def _is_ellipsis(between: str) -> bool:
    """ "… abstained in 2012 but " → True: the next verb has no subject of its own."""
    m = _ELLIPSIS.match(between)
    return bool(m and _ELLIPSIS_REST.match(m.group("rest")))


_TRAILING_CONJ = re.compile(r"(?:^|[\s,]+)(?:and|but|or|while|whereas|then)[\s,]*\Z", re.I)
_LEADING_DATE_GAP = re.compile(r"[\s,]*(?:(?:in|on|at|during)\s+)?", re.IGNORECASE)


def _take_count(mn: _Mention, m: re.Match) -> None:
    """Record the count of an ``after_count`` match unless the mention has one already."""
    if mn.count is not None:
        return
    if m.group("others"):
        mn.count, mn.count_of = _number(m.group("others")) + 1, "vote"
    elif m.group("count"):
        mn.count, mn.count_of = _number(m.group("count")), "vote"


def _subjects(mentions: list[_Mention], text: str, dates: list[DatePhrase], g: _Grammar) -> None:
    """Set each mention's clause end and subject span (what was voted on)."""
    for i, mn in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        bound = len(text)
        if nxt is not None:
            bound = nxt.voter_start if nxt.voter_start is not None else nxt.verb_start
            bound = max(bound, mn.verb_end)
        mn.clause_end = bound
        start = mn.verb_end
        count = g.after_count.match(text, start, bound)  # ", along with 40 other states,"
        if count:
            _take_count(mn, count)
            start = count.end()
        moved = True
        while moved:  # skip "in 2012", "in the vote on", "on" in whatever order they come
            moved = False
            for d in dates:
                if d.start >= start and _LEADING_DATE_GAP.fullmatch(text, start, d.start):
                    start, moved = d.end, True
                    break
            intro = g.introducer.match(text, start, bound)
            venue = _VENUE.match(text, start, bound)
            simple = _SIMPLE_OBJECT.match(text, start, bound)
            if intro:
                start, moved = intro.end(), True
            elif venue:
                start, moved = venue.end(), True
            elif simple and (mn.vote in ("abstain", _ABSENT) or simple.group(1).lower() != "to"):
                start, moved = simple.end(), True
        cut = g.cut.search(text, start, bound)
        end = cut.start() if cut else bound
        if start > mn.verb_end and text[start:end].lstrip().startswith(","):
            end = start  # "which abstained in the 2012 vote, later …": nothing more was said
        if text[mn.verb_start : mn.verb_end].lower().split()[0].endswith("ing"):
            comma = text.find(",", start, end)  # "With X abstaining, the resolution passed"
            end = comma if comma >= 0 else end
        while True:  # a trailing date says when the vote was, not what it was about
            end = start + len(_TRAILING.sub("", text[start:end]))
            tail = [d for d in dates if start <= d.start < end <= d.end]
            if not tail:
                break
            end = start + len(_DATE_PREPOSITION.sub("", text[start : tail[-1].start]))
        head = text[start:end]
        while _TRAILING_CONJ.search(head):  # "With X voting in favour and Y abstaining"
            head = _TRAILING_CONJ.sub("", head)
        end = start + len(head)
        lead = len(head) - len(head.lstrip(" ,"))
        if head.strip(" ,"):
            mn.subject = (start + lead, end)


def _counts_after(mn: _Mention, text: str, g: _Grammar) -> None:
    """ ", one of 41 countries to do so", "as did 40 other states" later in the clause."""
    if mn.count is None:
        m = g.after_count.search(text, mn.verb_end, mn.clause_end)
        if m:
            _take_count(mn, m)


def _tally(text: str, g: _Grammar) -> dict[str, int]:
    """Counts per option a sentence states: "by a vote of 138 to 9 with 41 abstentions" →
    ``{"yes": 138, "no": 9, "abstain": 41}``; "with 41 abstentions" → ``{"abstain": 41}``."""
    tally: dict[str, int] = {}
    for pattern in g.tallies:
        for m in pattern.finditer(text):
            for option in VOTE_LEVELS:
                value = m.groupdict().get(option) or m.groupdict().get(f"{option}2")
                if value and option not in tally:
                    tally[option] = _number(value)
    for m in g.count_item.finditer(text):
        vote = next(
            g.vote_noun_votes[int(k[1:])]
            for k, val in m.groupdict().items()
            if k.startswith("n") and val is not None
        )
        if vote in VOTE_LEVELS and vote not in tally:
            tally[vote] = _number(m.group("count"))
    return tally


def _sentence_mentions(
    sentence: Sentence, dates: list[DatePhrase], ctx: _Ctx, g: _Grammar
) -> list[_Mention]:
    text = sentence.text
    mentions = _find_verbs(text, g)
    for m in g.noun_member.finditer(text):  # "X was one of the 41 abstentions"
        vote = next(
            g.vote_noun_votes[int(k[1:])]
            for k, val in m.groupdict().items()
            if k.startswith("n") and k[1:].isdigit() and val is not None
        )
        hit = _match_left(g.member_voters, text, 0, m.start(), ctx, g, True)
        if hit and not any(m.start() <= x.verb_start < m.end() for x in mentions):
            who, voters = hit
            mn = _Mention(m.start("noun"), m.end("noun"), vote, voters or [], who.start())
            if m.group("count"):
                mn.count, mn.count_of = _number(m.group("count")), "vote"
            mentions.append(mn)
    if not mentions:
        return []
    mentions.sort(key=lambda x: x.verb_start)
    # drop verbs swallowed by an earlier verb's "in the vote on …"
    kept: list[_Mention] = []
    for mn in mentions:
        if kept:
            intro = g.introducer.match(text, kept[-1].verb_end)
            if intro and mn.verb_start < intro.end():
                continue
        kept.append(mn)
    mentions = kept
    _find_voters(mentions, text, ctx, g)
    _subjects(mentions, text, dates, g)
    for mn in mentions:
        if not mn.voters and mn.count is not None:
            # "41 countries abstained in the vote, including Albania"
            after = g.including_after.search(text, mn.verb_end, mn.clause_end)
            if after is not None:
                voters = _resolve_list(after.group("voters"), g)
                if voters:
                    mn.voters = voters
        _counts_after(mn, text, g)
    return mentions


def _has_context(article: Article, sentence: Sentence, g: _Grammar) -> bool:
    if g.context.search(sentence.text) or g.context.search(sentence.section):
        return True
    i = sentence.index - 1
    if i >= 0:
        previous = article.sentences[i]
        if previous.section_index == sentence.section_index and g.context.search(previous.text):
            return True
    return False


# --- resolutions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    resolution: str
    date: _date | None
    years: tuple[int, int] | None
    stems: frozenset[str]
    sentence_index: int
    paragraph: tuple[int, int] | None


def _same_at(precision: str | None, a: _date, b: Any) -> bool:
    if precision == "day":
        return (a.year, a.month, a.day) == (b.year, b.month, b.day)
    if precision == "month":
        return (a.year, a.month) == (b.year, b.month)
    if precision == "year":
        return a.year == b.year
    if precision == "decade":
        return a.year // 10 == b.year // 10
    return False


def _date_relation(cand: _Candidate, when: Any, precision: str | None) -> str:
    """ "match", "conflict" or "unknown" between a candidate resolution and a mention's date."""
    if when is None or precision is None:
        return "unknown"
    if cand.date is not None:
        return "match" if _same_at(precision, cand.date, when) else "conflict"
    if cand.years is not None:
        lo, hi = cand.years
        if precision == "decade":
            ok = lo // 10 <= when.year // 10 <= hi // 10
        else:
            ok = lo <= when.year <= hi
        return "unknown" if ok else "conflict"
    return "unknown"


def _best_by_subject(cands: list, stems: frozenset[str], key) -> Any | None:
    """The one candidate sharing the most content stems with ``stems`` (at least one)."""
    scored = [(len(stems & key(c)), c) for c in cands]
    scored = [(s, c) for s, c in scored if s > 0]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    top = [c for s, c in scored if s == best]
    return top[0] if len(top) == 1 else None


def _paragraph_of(article: Article, offset: int) -> tuple[int, int] | None:
    for sec in article.sections:
        for a, b in (*sec.paragraphs, *sec.items):
            if a <= offset < b:
                return (a, b)
    return None


def _article_candidates(article: Article, ctx: _Ctx) -> list[_Candidate]:
    keyed = {k.resolution: k for k in key_resolution_list()}
    out: dict[str, _Candidate] = {}
    for s in article.sentences:
        found = find_resolutions(s.text)
        for symbol, _, _ in found:
            if symbol in out:
                continue
            k = keyed.get(symbol)
            if k is not None:
                stems = _content_stems(k.subject, ctx.ignore_stems)
            else:  # the sentence naming it says what it is about
                words = s.text
                for _, a, b in reversed(found):
                    words = words[:a] + " " + words[b:]
                stems = _content_stems(words, ctx.ignore_stems)
            out[symbol] = _Candidate(
                symbol,
                k.date if k else None,
                None if k else _session_years(symbol),
                stems,
                s.index,
                _paragraph_of(article, s.start),
            )
    return list(out.values())


def _link_in_article(
    row: dict, sentence: Sentence, cands: list[_Candidate], article: Article
) -> str | None:
    when, precision = row["_when"], row["precision"]
    stems: frozenset[str] = row["_stems"]
    scored = []
    for c in cands:
        relation = _date_relation(c, when, precision)
        if relation == "conflict":
            continue
        strong_date = relation == "match" and precision == "day"
        shared = len(stems & c.stems)
        if strong_date or shared:
            scored.append(((strong_date, shared), c))
    if not scored and when is None and not stems:
        # "Albania abstained." right after a sentence naming the resolution
        paragraph = _paragraph_of(article, sentence.start)
        near = [c for c in cands if c.paragraph == paragraph and c.sentence_index < sentence.index]
        return near[0].resolution if len(near) == 1 else None
    if not scored:
        return None
    best = max(score for score, _ in scored)
    top = [c for score, c in scored if score == best]
    return top[0].resolution if len(top) == 1 else None


def _link_by_date(row: dict) -> str | None:
    when, precision = row["_when"], row["precision"]
    if when is None or precision not in ("day", "month", "year"):
        return None
    same = [k for k in key_resolution_list() if _same_at(precision, k.date, when)]
    if not same:
        return None
    stems: frozenset[str] = row["_stems"]
    ignore = row["_ignore"]
    # the subject must match, whatever the precision: the Assembly holds many roll calls a day
    best = _best_by_subject(same, stems, lambda k: _content_stems(k.subject, ignore))
    return best.resolution if best else None


# --- the table ----------------------------------------------------------------------------------


def _ignore_stems(article: Article) -> frozenset[str]:
    """Stems of the article's two country names: every sentence is about them, so sharing
    "Palestine" says nothing about which resolution a mention is."""
    stems = set()
    for c in article.countries:
        for w in re.findall(r"\w+", c.name.lower()):
            if len(w) >= 4:
                stems.add(w[: max(4, len(w) - 2)][:6])
    return frozenset(stems)


def extract_vote_mentions(article: Article | str | os.PathLike) -> pd.DataFrame:
    """The UN votes an article states, one row per country, vote and resolution.

    Parameters
    ----------
    article : a parsed article (:func:`relations_lib.read_article`, :func:`load_seed`) or the
        path of an article file; anything else is an ArgumentTypeError (a TypeError).

    Returns
    -------
    pandas.DataFrame
        Columns, in order: ``source``, ``section``, ``sentence``, ``start``, ``end`` (Int64;
        ``article.text[start:end] == sentence``), ``date`` (datetime64[ns], first day of the
        period), ``year`` (Int64), ``date_text`` (the date phrase as written), ``precision``
        (category day/month/year/decade), ``resolution`` (string, e.g. "67/19"),
        ``resolution_source`` (category: named in sentence / named in article / date matches
        key resolution), ``subject`` (string: what was voted on, as written), ``country``
        (the country's name as written; the article's name for it when written as an
        adjective, "the Albanian delegation"), ``country_code`` (ISO alpha-3), ``vote``
        (ordered category yes < abstain < no; missing for "did not vote"), ``stated_count``
        (Int64), ``stated_count_of`` (category yes/abstain/no/members: what the count counts),
        ``stated_members`` (Int64: the UN membership the sentence gives, "(out of 193)").
        Missing values where the sentence does not say. Rows in reading order.

    Raises
    ------
    ArgumentTypeError
        ``article`` is neither an Article nor a path (also a TypeError).
    ArticleFormatError
        A path that is not a readable article (:class:`ArticleFileError` for the file).
    """
    import pandas as pd

    from ..text.article import as_article

    rows = _rows(as_article(article))
    if not rows:  # most articles state no vote: skip building eighteen empty columns
        return _empty_frame().copy()
    return _frame(rows, pd)


def _rows(article: Article) -> list[dict]:
    """The rows of :func:`extract_vote_mentions` as dicts (``COLUMNS`` keys, and private ``_``
    keys), in table order. Corpus engines stack the rows of many articles into one frame."""
    g = _grammar()
    ignore = _ignore_stems(article)
    ctx = _Ctx(tuple(article.countries), ignore)
    rows: list[dict] = []
    cands: list[_Candidate] | None = None
    for sentence in article.sentences:
        text = sentence.text
        if not (
            g.verbs.search(text)
            or g.noun_member.search(text)
            or (g.nominal is not None and g.nominal.search(text))
        ):
            continue  # the cheap test first: most sentences state no vote
        if not _has_context(article, sentence, g):
            continue
        dates = _sentence_dates(sentence)
        found = _sentence_mentions(sentence, dates, ctx, g)
        mentions = [mn for mn in found if mn.voters]
        if not mentions:
            continue
        text = sentence.text
        tally = _tally(text, g)
        for mn in found:  # "with 138 countries voting in favour": a count without a voter
            if not mn.voters and mn.count is not None and mn.vote in VOTE_LEVELS:
                tally.setdefault(mn.vote, mn.count)
        symbols = find_resolutions(text)
        spans = [
            (mn.voter_start if mn.voter_start is not None else mn.verb_start, mn.clause_end)
            for mn in mentions
        ]
        for i, mn in enumerate(mentions):
            subject = text[mn.subject[0] : mn.subject[1]] if mn.subject else None
            if subject and g.exclude is not None and g.exclude.search(subject):
                continue  # "voted for the bill in parliament": not a UN vote
            lo, hi = spans[i]
            when = _pick_date(i, mentions, spans, dates)
            vote = None if mn.vote == _ABSENT else mn.vote
            count, count_of = mn.count, None
            if count is not None:
                count_of = "members" if mn.count_of == "members" else vote
            elif vote is not None and vote in tally:
                count, count_of = tally[vote], vote
            members = _stated_members(text, lo, hi)
            if count_of == "members" and members is None:
                members = count
            stems = _content_stems(subject or "", ignore)
            for resolution in _named_resolutions(i, mentions, spans, symbols):
                for country in mn.voters:
                    rows.append(
                        {
                            "source": article.source,
                            "section": sentence.section,
                            "sentence": text,
                            "start": sentence.start,
                            "end": sentence.end,
                            "date": when.date if when else None,
                            "year": when.year if when else None,
                            "date_text": when.text if when else None,
                            "precision": when.precision if when else None,
                            "resolution": resolution,
                            "resolution_source": "named in sentence" if resolution else None,
                            "subject": subject,
                            "country": country.name,
                            "country_code": country.alpha3,
                            "vote": vote,
                            "stated_count": count,
                            "stated_count_of": count_of,
                            "stated_members": members,
                            "_when": when.date if when else None,
                            "_stems": stems,
                            "_ignore": ignore,
                            "_sentence": sentence,
                        }
                    )
    for row in rows:
        if row["resolution"] is not None:
            continue
        if cands is None:
            cands = _article_candidates(article, ctx)
        linked = _link_in_article(row, row["_sentence"], cands, article)
        if linked:
            row["resolution"], row["resolution_source"] = linked, "named in article"
            continue
        linked = _link_by_date(row)
        if linked:
            row["resolution"], row["resolution_source"] = linked, "date matches key resolution"
    return rows


@lru_cache(maxsize=1)
def _empty_frame() -> pd.DataFrame:
    import pandas as pd

    return _frame([], pd)


def _pick_date(
    i: int, mentions: list[_Mention], spans: list[tuple[int, int]], dates: list[DatePhrase]
) -> DatePhrase | None:
    """The date of mention ``i``: a date phrase in its clause but not inside what was voted on
    ("the 1947 partition plan"), else one outside every mention's clause ("In 2015, …"),
    else the nearest in the sentence (coordinated votes share a date). Event dates first;
    phrases without a year never date a vote."""
    mn = mentions[i]
    lo, hi = spans[i]
    dated = [d for d in dates if d.year is not None and d.year >= _FIRST_UN_YEAR]

    def in_subject(d: DatePhrase, x: _Mention) -> bool:
        return bool(x.subject and x.subject[0] <= d.start and d.end <= x.subject[1])

    inside = [d for d in dated if lo <= d.start and d.end <= hi and not in_subject(d, mn)]
    outside = [
        d
        for d in dated
        if not any(a <= d.start < b for a, b in spans)
        and not any(in_subject(d, x) for x in mentions)
    ]
    rest = [d for d in dated if not any(in_subject(d, x) for x in mentions)]
    pool = inside or outside or rest
    pool = [d for d in pool if d.is_event_date] or pool
    return min(pool, key=lambda d: abs(d.start - mn.verb_start)) if pool else None


def _named_resolutions(
    i: int,
    mentions: list[_Mention],
    spans: list[tuple[int, int]],
    symbols: list[tuple[str, int, int]],
) -> list[str | None]:
    """Resolutions named in mention ``i``'s clause, else the sentence's only one outside every
    clause; ``[None]`` when there is none (or several that cannot be told apart)."""
    lo, hi = spans[i]
    own = [r for r, a, _ in symbols if lo <= a < hi]
    if not own:
        free = [r for r, a, _ in symbols if not any(x <= a < y for x, y in spans)]
        own = free if len(set(free)) == 1 else []
    if not own and mentions[i].subject is None and len({r for r, _, _ in symbols}) == 1:
        # "X voted against resolution ES-10/19, while Y abstained": Y's clause names nothing
        own = [symbols[0][0]]
    return list(dict.fromkeys(own)) or [None]


def _stated_members(text: str, lo: int, hi: int) -> int | None:
    """The UN membership a clause (else the sentence) states: "(out of 193)", "of the 193
    member states" → 193."""
    for a, b in ((lo, hi), (0, len(text))):
        m = _OUT_OF.search(text, a, max(b, a))
        if m:
            return _number(m.group("n") or m.group("m"))
    return None


def _frame(rows: list[dict], pd: Any) -> pd.DataFrame:
    # Typed arrays straight from the row values (relations_lib._arrays: same dtypes, faster).
    def column(name: str) -> list:
        return [r[name] for r in rows]

    def strings(name: str):
        return string_array(column(name))

    def ints(name: str):
        return int_array(column(name))

    def categories(name: str, dtype: pd.CategoricalDtype):
        return categorical(column(name), dtype)

    return pd.DataFrame(
        {
            "source": strings("source"),
            "section": strings("section"),
            "sentence": strings("sentence"),
            "start": ints("start"),
            "end": ints("end"),
            "date": date_array(column("date")),
            "year": ints("year"),
            "date_text": strings("date_text"),
            "precision": categories("precision", _precision_dtype()),
            "resolution": strings("resolution"),
            "resolution_source": categories("resolution_source", _resolution_source_dtype()),
            "subject": strings("subject"),
            "country": strings("country"),
            "country_code": strings("country_code"),
            "vote": categories("vote", vote_dtype()),
            "stated_count": ints("stated_count"),
            "stated_count_of": categories("stated_count_of", count_of_dtype()),
            "stated_members": ints("stated_members"),
        }
    )


@lru_cache(maxsize=1)
def _precision_dtype() -> pd.CategoricalDtype:
    import pandas as pd

    return pd.CategoricalDtype(list(PRECISIONS), ordered=True)  # as in the events table


@lru_cache(maxsize=1)
def _resolution_source_dtype() -> pd.CategoricalDtype:
    import pandas as pd

    return pd.CategoricalDtype(list(RESOLUTION_SOURCES), ordered=False)
