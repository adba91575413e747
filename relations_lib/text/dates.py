"""Date phrases in English prose: ``find_dates(text)`` → a list of :class:`DatePhrase`.

The words that drive the rules (month names, seasons, qualifiers, range words, naming nouns,
count nouns, identifier prefixes, spelled ordinals and decades, era markers) live in
``data/reference/date_vocabulary.csv``; this module holds only the grammar. Everything is
compiled once, at import; no dateparser.

Forms and precision
-------------------
* ``29 November 2012``, ``29th of Nov. 2012``, ``November 29, 2012``, ``2012-11-29`` → day.
* Numeric dates → day: ``17.12.1990`` (dotted: day first, the European order; ``12.17.1990``
  is an invalid date), ``2013/03/05`` and ``2013.03.05`` (year first: year, month, day),
  ``2012-11-29`` (ISO). A slash date with the year last is read in the order its numbers allow:
  ``17/12/1990`` (17 is no month: day first), ``12/17/1990`` (month first), ``05/05/2013``
  (both readings agree); when both readings exist (``05/03/2013``: 5 March or May 3) the phrase
  keeps only its year (precision year) and is no event date, with reason "ambiguous numeric
  date: …" — guessing would misdate half of them.
* ``2 March``, ``March 2`` → day with ``year`` None (so ``date`` is None).
* ``July 1970``, ``March of 1990``, ``Sept. 1990`` → month.
* ``1990`` → year. A bare year has four digits, 1000–2100; a year inside a full date too (so
  ``March 2, 100 soldiers`` is not the year 100).
* ``the 1960s``, ``1960's``, ``the '60s``, ``the 60s`` → decade; a two-digit decade needs an
  apostrophe or a preceding "the"/part word (``in his 60s`` is an age); '00s–'20s are 2000s.
  Spelled decades need "the" (``in his sixties`` is an age): ``the sixties`` → 1960s (read in
  the 20th century, as the vocabulary says), ``the nineteen-sixties``, ``the eighteen nineties``.
* Centuries have no precision of their own in the contract, so a century is a *range of years*:
  ``the 19th century``, ``the nineteenth century`` → 1800–1899; ``the 19th and 20th centuries``
  → 1800–1999; ``the 1800s`` (``X00s`` before 2000) → 1800–1899, while ``the 2000s`` is a decade.
  A century (or half of one) is too coarse to date an event: ``is_event_date`` is False with
  reason "a century is too coarse to date an event: …".
* Dates before the common era (``BC``, ``BCE``, ``B.C.``: the ``era_excluded`` words) are
  read so that they never become AD dates: years BC are *negative* (``500 BC`` → -500; ``the
  8th century BC`` → -800 to -701; ``the 1200s BC`` → -1299 to -1200; ``1200–1000 BC`` and
  ``from 1200 to 1000 BC`` → -1200 to -1000), ``date``/``date_end`` are None, and
  ``is_event_date`` is False with reason "before the common era: …" (such dates are before
  1800, optional in the labelling guide). ``AD``/``CE`` markers are not read.
* Lists are one phrase, a range from the first listed date to the last, with the dates in
  ``DatePhrase.listed``: ``4, 5 and 6 November 1998`` and ``November 4, 5 and 6, 1998`` (days;
  ``listed`` = three days), ``4 and 6 November 1998`` (4–6 November, ``listed`` two days: the
  range is the period the list spans, not a claim about the 5th), ``30 November and 1 December
  1998`` (a day without a year listed with a full date), ``April and May 2019``, ``April, May
  and June 2019`` (months). After ``between`` two items are a range's bounds (``listed`` empty).
* A date that does not exist (``31 February 2000``, ``From 29 February to 1 March 2013`` in a
  year that is no leap year, ``31.04.1990``) is one phrase with ``valid`` False, ``date`` and
  ``date_end`` None and reason "invalid date: 29 February 2013 does not exist (2013 is not a
  leap year)": reported, never raised, and never cut down to a shorter date.
* A season before a year is a *range of months* (northern meteorological seasons):
  ``the spring of 1999`` → March–May 1999; winter is December Y – February Y+1, so
  ``winter 1999/2000`` is one season.
* Halves are ranges too: ``the first half of the 1990s`` → 1990–1994 (year), ``the second half
  of 1990`` → July–December 1990 (month), a century's half → 50 years.

``DatePhrase.date`` is the first day of the period; ``date_end`` the last day of the end period
of a range, else of the period itself (``1990`` → 1990-12-31, ``the 1960s`` → 1969-12-31);
both are None when the date cannot be placed (no year, BC, invalid).

Ranges
------
``year_end``/``month_end``/``day_end``/``precision_end`` are set for ranges: two dates joined by
a dash (``1991–1995``, ``1991-95``, ``1 January 2000 – 31 December 2001``); by ``to``,
``through``, ``until``, ``till``, ``up to`` (``from 1944 until 1948``); by ``and`` only after
``between`` or between *adjacent* years or decades (``2016 and 2017``, ``the 1950s and 1960s``:
the range covers exactly what was said), while ``1990 and 1995`` or ``the 1950s and 1970s``
are two phrases (a range would invent the years between); by a slash only for consecutive
years (``1999/2000``, ``2013/14``); compact forms ``3–5 June 2001``, ``June 3–5, 2001``,
``March–May 1999``; days joined by a range word (``From 4 to 6 March 2013``, ``March 4 to 6,
2013``, ``between 4 and 6 March 2013``); seasons (``from spring 2000 to summer 2002`` → March
2000 – August 2002, one range; ``from 2000 to winter 2002``). A start without a year borrows the
end's (``29 November – 2 December 2012``). An end before its start makes two phrases.
``1990–present`` and ``from 1990 to the present`` are open: qualifier ``since``, no end.
``between March and May 1999`` is March–May. Not handled: ``the late 1940s and early 1950s``
(two phrases).

Qualifiers
----------
``qualifier`` is ``""`` or one of :data:`QUALIFIERS`. Read backwards from the date: an optional
*relation* (since, after/post/following, before/prior to/pre-, until/till/up to, by,
around/about/c./circa, during/throughout, from/between), ``the``, an optional *part* (early, mid,
late, the end of, by the end of, the beginning of, the first half of, …), ``the``, and before a
year an optional season. Each is normalised by the vocabulary and is part of the phrase's
text; bare prepositions (in, on, at, of) are not, and a lone ``the`` only belongs to decades,
centuries and seasons (``the 1960s`` but ``the 1973 war`` → ``1973``). The longest phrase wins
(``by the end of 1996`` → end of); with both a relation and a part, the relation wins (``since
the early 1990s`` → since). A following ``onwards``/``and later`` means since, ``or earlier``
until. ``between`` gives ``from``: both bound a closed range.

Not dates (never returned)
--------------------------
Identifiers and quantities: a number after an identifier word (``Resolution 1973``,
``Route 1990``, ``pp. 1990–95``), slashed numbers (``resolution 67/19``, ``2016/679``),
``3,000``, ``2.5``, ``1990%``, a number before a count noun (``1500 troops``) unless a date word
precedes it (``in 1990 people…``); a month word without a day or year (``Black September``),
and lower-case month words (``may``, ``march``), since month names must be capitalised.

A year that only names a thing (``is_event_date=False``)
--------------------------------------------------------
A date that modifies a *naming noun* (line, border, law, act, decree, constitution, charter,
treaty, convention, agreement, accord, declaration, resolution, plan, map, …: the
``naming_noun`` rows of the vocabulary) names the thing and does not date an event:

* forward: ``the 1949 Armistice line``, ``the 1951 Refugee Convention``, ``pre-1967 borders``,
  ``the 1949 and 1967 borders``: the date, up to four capitalised words, then the noun;
* backward: ``the Treaty of 1926``, ``the decree on emigration of 1974``: ``of`` + date, with
  the noun among the four words before ``of`` in the same clause.

A full date names a thing the same way: ``the 4 June 1967 borders``, ``the June 4, 1967
lines``, ``the 17 May 1983 agreement`` → ``is_event_date`` False ("names a border: …").

The forward rule is skipped when the date follows an adverbial word (``In 1967 borders were
redrawn`` dates the clause) or a relation (``since 1990``), but not a hyphenated one
(``pre-1967``), nor a word that dates a clause only with a day (``day_only_adverbial``: ``on 4
June 1967 borders were closed`` dates the clause, ``a state on 1967 borders`` names them); a
date joined to the previous one by and/or takes its role (``in 1990 and 1995 laws…``). A date
before any other noun dates something that happened and is an event date (``the 1973 war``,
``the September 1972 attack``, ``the 1948 Tito–Stalin split``: the labelling guide's
year_in_name), as is a year in parentheses after a noun (``Air services agreement (1997)``: a
gloss saying when the thing was made).

Speed: the core regex runs only where a date can start (a digit, a quote, a capitalised month
name, the words before "century", a spelled decade); qualifiers are matched on the reversed text
before the date, anchored, so no regex searches a window. :func:`find_dates` is O(n) in the
length of the text searched: each candidate is matched once, anchored; lists are at most 31
items; no pattern holds two white-space quantifiers side by side (which would try every split
of a long run of spaces); the reversed prefix window is bounded (88 characters) and the naming
rules look at most five words ahead or 80 characters back. ``bench.py linearity`` checks it by
doubling dates per sentence and runs of spaces.
"""

from __future__ import annotations

import calendar
import csv
import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .._args import INT, TEXT, check, optional
from ..errors import ReferenceDataError
from ..paths import reference_file
from ..vocab import PRECISIONS as PRECISIONS  # declared in vocab, below the schema
from ..vocab import QUALIFIERS as QUALIFIERS

VOCABULARY_FILE = "date_vocabulary.csv"
_KINDS = (
    "month",
    "month_abbr",
    "season",
    "relation",
    "part",
    "suffix",
    "range_dash",
    "range_word",
    "present",
    "ordinal",
    "adverbial",
    "naming_noun",
    "count_noun",
    "number_prefix",
    "era_excluded",
    "decade_word",
    "century_word",
    "day_only_adverbial",
)
_HALVES = ("first half", "second half")  # part values turned into ranges, never qualifiers


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A date phrase found in a text; ``source_text[start:end] == text``.

    ``year_end`` … ``precision_end`` are set for ranges only. ``is_event_date`` is False when the
    date only names a thing (a border line, a treaty's title); ``reason`` then says why.
    """

    text: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    precision: str
    qualifier: str
    year_end: int | None
    month_end: int | None
    day_end: int | None
    precision_end: str | None
    is_event_date: bool
    reason: str
    #: The dates a list names, each ``(year, month, day)`` at the phrase's precision, in order
    #: ("4, 5 and 6 November 1998" → three days, "April and May 2019" → two months); empty
    #: when the phrase is not a list. The phrase's range runs from the first to the last.
    listed: tuple[tuple[int | None, int | None, int | None], ...] = ()
    #: False when the date as written does not exist ("29 February 2013", "31.04.1990"):
    #: ``reason`` then starts with "invalid date", and :attr:`date`, :attr:`date_end` are None.
    valid: bool = True

    @property
    def date(self) -> _dt.date | None:
        """First day of the period (the 1960s → 1960-01-01); None when the year is unknown,
        before the common era (a negative year) or the written date does not exist
        ("29 February 2013", reported with reason "invalid date …")."""
        if self.year is None or self.year < 1 or not self.valid:
            return None
        try:
            return _dt.date(self.year, self.month or 1, self.day or 1)
        except ValueError:
            return None

    @property
    def date_end(self) -> _dt.date | None:
        """Last day of the end period for a range, else of the period itself; None when
        :attr:`date` is None.

        ``1990`` → 1990-12-31, ``the 1960s`` → 1969-12-31, ``1991–1995`` → 1995-12-31.
        """
        if self.date is None:
            return None
        try:
            if self.year_end is not None:
                return _last_day(self.year_end, self.month_end, self.day_end, self.precision_end)
            return _last_day(self.year, self.month, self.day, self.precision)  # type: ignore[arg-type]
        except ValueError:
            return None


def _last_day(year: int, month: int | None, day: int | None, precision: str | None) -> _dt.date:
    if precision == "decade":
        return _dt.date(year + 9, 12, 31)
    if month is None:
        return _dt.date(year, 12, 31)
    if day is None:
        return _dt.date(year, month, calendar.monthrange(year, month)[1])
    return _dt.date(year, month, day)


# --------------------------------------------------------------------------- vocabulary


def _load_vocabulary(path: Path | None = None) -> dict[str, dict[str, str]]:
    """``{kind: {phrase: value}}`` from data/reference/date_vocabulary.csv (order kept).

    Raises ReferenceDataError naming the file and line of a malformed row.
    """
    path = reference_file(VOCABULARY_FILE) if path is None else path
    vocab: dict[str, dict[str, str]] = {kind: {} for kind in _KINDS}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or not {"kind", "phrase", "value"} <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: header must have kind, phrase, value")
        for row in reader:
            kind, phrase = (row["kind"] or "").strip(), (row["phrase"] or "").strip()
            if kind not in vocab:
                raise ReferenceDataError(f"{path}:{reader.line_num}: unknown kind {kind!r}")
            if not phrase:
                raise ReferenceDataError(f"{path}:{reader.line_num}: empty phrase")
            value = (row["value"] or "").strip()
            if (
                kind in ("month", "month_abbr", "ordinal", "decade_word", "century_word")
                and not value.isdigit()
            ):
                raise ReferenceDataError(f"{path}:{reader.line_num}: {kind} needs a number")
            if kind in ("relation", "part", "suffix") and value not in (*QUALIFIERS, *_HALVES):
                raise ReferenceDataError(
                    f"{path}:{reader.line_num}: unknown qualifier {value!r} for {phrase!r}"
                )
            if kind == "season" and not re.fullmatch(r"\d{1,2}-\d{1,2}", value):
                raise ReferenceDataError(f"{path}:{reader.line_num}: season needs 'M-M'")
            vocab[kind][phrase] = value
    for kind in ("month", "relation", "part", "range_dash", "naming_noun", "era_excluded"):
        if not vocab[kind]:
            raise ReferenceDataError(f"{path}: no {kind!r} rows")
    return vocab


_VOCAB = _load_vocabulary()


def _alts(phrases, *, words: bool = True) -> str:
    """Regex alternation, longest first; spaces match any run of same-line whitespace."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        pat = r"[^\S\n]+".join(re.escape(w) for w in phrase.split())
        # a phrase ending in a letter must end at a word boundary ("c." may touch the year)
        if words and phrase[-1].isalnum():
            pat += r"(?![\w])"
        parts.append(pat)
    return "(?:" + "|".join(parts) + ")"


_MONTHS = {k: int(v) for k, v in _VOCAB["month"].items()}
_MONTHS.update({k: int(v) for k, v in _VOCAB["month_abbr"].items()})
_MONTHS_FOLD = {k.casefold(): v for k, v in _MONTHS.items()}
_SEASONS = {k.casefold(): tuple(int(x) for x in v.split("-")) for k, v in _VOCAB["season"].items()}
_ORDINALS = {k.casefold(): int(v) for k, v in _VOCAB["ordinal"].items()}
_RELATIONS = {k.casefold(): v for k, v in _VOCAB["relation"].items()}
_PARTS = {k.casefold(): v for k, v in _VOCAB["part"].items()}
_SUFFIXES = {k.casefold(): v for k, v in _VOCAB["suffix"].items()}
_RANGE_WORDS = {k.casefold(): v for k, v in _VOCAB["range_word"].items()}
_ADVERBIAL = frozenset(k.casefold() for k in _VOCAB["adverbial"])
_NAMING = {k.casefold(): v for k, v in _VOCAB["naming_noun"].items()}
_COUNT = frozenset(k.casefold() for k in _VOCAB["count_noun"])
_NUMBER_PREFIX = frozenset(k.casefold() for k in _VOCAB["number_prefix"])
_DECADE_WORDS = {k.casefold(): int(v) for k, v in _VOCAB["decade_word"].items()}
_CENTURY_WORDS = {k.casefold(): int(v) for k, v in _VOCAB["century_word"].items()}
_DAY_ONLY_ADVERBIAL = frozenset(k.casefold() for k in _VOCAB["day_only_adverbial"])

# --------------------------------------------------------------------------- grammar

_WS = r"[^\S\n]+"  # whitespace within a line (incl. no-break space), never a newline
_WS0 = r"[^\S\n]*"
_DASH = "(?:" + "|".join(re.escape(d) for d in _VOCAB["range_dash"]) + ")"
_MONTH = (
    "(?:"
    + _alts(_VOCAB["month"], words=False)
    + "|"
    + _alts(_VOCAB["month_abbr"], words=False)
    + r"\.?)(?!\w)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_ERA_BC = _alts(_VOCAB["era_excluded"], words=False)
_NUM_END = r"(?![\w%]|[.,][0-9]|" + _WS0 + _ERA_BC + r"(?!\w))"
# four digits even in a full date, so that "March 2, 100 soldiers" is not the year 100
_YEAR_FULL = r"[12][0-9]{3}" + _NUM_END
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|2100)" + _NUM_END  # a bare year: 1000–2100
_ORD = (
    r"(?:(?:[1-9]|1[0-9]|2[01])(?:st|nd|rd|th)|(?i:"
    + _alts(_VOCAB["ordinal"], words=False)
    + r"))(?![\w])"
)
_COMMA = r",?"
# a number must not continue another number ("2.1990", "3,1990"), an identifier or an amount
_B = r"(?<![\w/$€£¥#])(?<![0-9][.,])"
_ORDINAL_INITIALS = "".join(
    sorted({c for w in _VOCAB["ordinal"] for c in (w[0].lower(), w[0].upper())})
)

_MONTH_RANGE_WORD = _alts(w for w, v in _VOCAB["range_word"].items() if v == "any")
_LIST_WORD = "(?:" + _alts(w for w, v in _VOCAB["range_word"].items() if v == "paired") + "|&)"
# a day, or a month, that a list names ("4, 5 and 6 November", "April, May and June"); at most
# a month's worth of items, so that a long run of numbers is not rescanned from every digit
# (the white space before the list word is one quantifier, or one on each side of a comma:
# two quantifiers side by side would try every split of a long run of spaces)
_LIST_SEP = rf"(?:{_WS0},{_WS}|{_WS}){_LIST_WORD}{_WS}"
_MORE_DAYS = rf"(?:{_WS0},{_WS0}{_DAY}){{0,30}}{_LIST_SEP}"
_MORE_MONTHS = rf"(?:{_WS0},{_WS0}{_MONTH}){{0,11}}{_LIST_SEP}"
# "2 to 4", "2nd to the 4th": a range word may put "the" before the second day
_DAY_RANGE = rf"(?:{_WS0}{_DASH}{_WS0}|{_WS}{_MONTH_RANGE_WORD}{_WS}(?:the{_WS})?)"
# numeric dates: a day or month of one or two digits (1–31), a four-digit year
_N2 = "(?:0?[1-9]|[12][0-9]|3[01])"
_N_END = r"(?![\w/]|[.,][0-9])"
_DECADE_WORD = _alts(_VOCAB["decade_word"], words=False)
_CENTURY_WORD = _alts(_VOCAB["century_word"], words=False)
_DECADE_INITIALS = "".join(
    sorted({c for w in _VOCAB["decade_word"] for c in (w[0].lower(), w[0].upper())})
)

# Every alternative starts at a word start; the lookaheads dispatch on the first character and
# the day and month that several forms begin with are matched once, so that most candidate
# positions fail after a test or two. The named group that closes last says which form matched.
_ATOM = re.compile(
    rf"""
    (?<!\w)
    (?:(?=[0-9])
        (?:(?P<NDMY>{_B}(?P<nd_a>{_N2})(?P<nd_s>[./])(?P<nd_b>{_N2})(?P=nd_s)
            (?P<nd_y>1[0-9]{{3}}|20[0-9]{{2}}){_N_END})
        | (?P<NYMD>{_B}(?P<ny_y>1[0-9]{{3}}|20[0-9]{{2}})(?P<ny_s>[./])(?P<ny_m>0?[1-9]|1[0-2])
            (?P=ny_s)(?P<ny_d>{_N2}){_N_END})
        | (?P<ISO>(?<![.,/-])(?P<iso_y>1[0-9]{{3}}|20[0-9]{{2}})-(?P<iso_m>0[1-9]|1[0-2])
            -(?P<iso_d>0[1-9]|[12][0-9]|3[01])(?![\w-]))
        | {_B}(?P<d1>{_DAY})
            (?:(?P<DR>{_DAY_RANGE}(?P<dr_d2>{_DAY}){_WS}(?:of{_WS})?
                (?P<dr_m>{_MONTH})(?:{_COMMA}{_WS}(?P<dr_y>{_YEAR_FULL}))?)
            | (?P<DL>{_MORE_DAYS}{_DAY}{_WS}(?:of{_WS})?(?P<dl_m>{_MONTH})
                (?:{_COMMA}{_WS}(?P<dl_y>{_YEAR_FULL}))?)
            | {_WS}(?:of{_WS})?(?P<dmy_m>{_MONTH})
                (?:(?P<DMY>{_COMMA}{_WS}(?P<dmy_y>{_YEAR_FULL}))|(?P<DM>))))
    | (?=[A-Z])(?P<mon>{_MONTH})
        (?:(?P<MDR>{_WS}(?P<mdr_d1>{_DAY}){_DAY_RANGE}(?P<mdr_d2>{_DAY}){_COMMA}{_WS}
            (?P<mdr_y>{_YEAR_FULL}))
        | (?P<MDL>{_WS}{_DAY}{_MORE_DAYS}{_DAY}{_COMMA}{_WS}(?P<mdl_y>{_YEAR_FULL}))
        | (?P<MDY>{_WS}(?P<mdy_d>{_DAY}){_COMMA}{_WS}(?P<mdy_y>{_YEAR_FULL}))
        | (?P<MR>(?:{_WS0}{_DASH}{_WS0}|{_WS}{_MONTH_RANGE_WORD}{_WS})(?P<mr_m2>{_MONTH})
            {_COMMA}{_WS}(?:of{_WS})?(?P<mr_y>{_YEAR}))
        | (?P<ML>{_MORE_MONTHS}{_MONTH}{_COMMA}{_WS}(?:of{_WS})?(?P<ml_y>{_YEAR}))
        | (?P<MY>{_COMMA}{_WS}(?:of{_WS})?(?P<my_y>{_YEAR}))
        | (?P<MD>{_WS}(?P<md_d>{_DAY})(?![.,][0-9])))
    | (?=[0-9{_ORDINAL_INITIALS}])
        (?P<CE>(?P<ce_n1>{_ORD})
            (?:(?:{_WS0}{_DASH}{_WS0}|{_WS}(?i:and|to|through|until){_WS}(?:(?i:the){_WS})?)
            (?P<ce_n2>{_ORD}))?(?:{_WS}|-)(?i:centur(?:y|ies))(?!\w)
            (?P<ce_bc>{_WS}{_ERA_BC}(?!\w))?)
    | (?=[{_DECADE_INITIALS}])
        (?P<SPD>(?:(?P<spd_c>(?i:{_CENTURY_WORD}))(?:-|{_WS}))?(?P<spd_w>(?i:{_DECADE_WORD}))
            (?!\w))
    | (?=[0-9'’‘])
        (?:(?P<BCY>{_B}(?:(?P<bc_y1>[1-9][0-9]{{0,3}}){_WS0}{_DASH}{_WS0})?
            (?P<bc_y>[1-9][0-9]{{0,3}}){_WS0}{_ERA_BC}(?!\w))
        | (?P<DE>{_B}(?<!['’‘])(?P<de_y>1[0-9]{{2}}0|20[0-9]0)['’]?s
            (?:(?P<de_bc>{_WS}{_ERA_BC}(?!\w))|(?!\w)))
        | (?P<SD>{_B}(?P<sd_q>['’‘])?(?P<sd_y>[0-9]0)['’]?s(?!\w))
        | (?P<YR>{_B}(?P<yr_y>{_YEAR}))))
    """,
    re.VERBOSE,
)
# a season and its year as the end of a range ("from spring 2000 to summer 2002")
_SEASON_YEAR = re.compile(
    rf"(?P<season>{_alts(_VOCAB['season'])})(?:{_WS}of)?{_WS}"
    rf"(?P<y>1[0-9]{{3}}|20[0-9]{{2}}|2100)(?![\w%]|[.,][0-9])",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"[0-9]+")
_MONTH_WORDS = re.compile(_MONTH)
# a century word right before a spelled decade ("nineteen-" in "the nineteen-sixties")
_CENTURY_BEFORE = re.compile(rf"(?i:{_CENTURY_WORD})(?:-|{_WS})\Z")
_DECADE_WORD_RE = re.compile(rf"(?<!\w)(?i:{_DECADE_WORD})(?!\w)")


def _ralts(phrases) -> str:
    """Alternation of the phrases written backwards ("prior to" → "ot roirp"), longest first."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        parts.append(_WS.join(re.escape(w[::-1]) for w in reversed(phrase.split())))
    return "(?:" + "|".join(parts) + ")"


# What precedes a date — [relation] [the] [part] [the] [season [of]] — is matched on the
# reversed text before it, anchored at the date: one position to try instead of a search.
# "since the early 1990s" → reversed window " ylrae eht ecnis…" → the2, part, the1, rel.
_SEP_R = rf"(?:{_WS0}-{_WS0}|{_WS})"  # between a qualifier and what follows: space or hyphen
_RPREFIX_TAIL = rf"""
    (?:{_WS}(?P<the2>eht)(?![\w.]))?
    (?:{_SEP_R}(?P<part>{_ralts(_VOCAB["part"])})(?![\w.]))?
    (?:{_WS}(?P<the1>eht)(?![\w.]))?
    (?:(?:{_SEP_R}|(?=\.))(?P<rel>{_ralts(_VOCAB["relation"])})(?![\w.]))?
    """
_RPREFIX = re.compile(r"(?P<season>)" + _RPREFIX_TAIL, re.VERBOSE | re.IGNORECASE)
# a season ("the spring of 1999") only before a year
_RPREFIX_SEASON = re.compile(
    rf"(?:(?:{_WS}fo)?{_WS}(?P<season>{_ralts(_VOCAB['season'])})(?![\w.]))?" + _RPREFIX_TAIL,
    re.VERBOSE | re.IGNORECASE,
)
_RPREV_WORD = re.compile(rf"{_WS0}(?P<w>\.?[\w#]+)(?![\w.#])")
_PREFIX_WINDOW = 64  # longer than any [relation] the [part] the
_PREV_WINDOW = 24

_CONNECTOR = re.compile(
    rf"""(?:{_WS0}(?P<dash>{_DASH}){_WS0}
         |(?P<slash>/)
         |{_WS}(?P<word>{_alts(_VOCAB["range_word"])}){_WS})
        (?:(?P<the>the){_WS})?""",
    re.VERBOSE | re.IGNORECASE,
)
_PRESENT = re.compile(_alts(_VOCAB["present"]), re.IGNORECASE)
_SHORT_YEAR = re.compile(r"(?P<yy>[0-9]{2})(?![\w%]|[.,/][0-9])")
_SLASH_YEAR = re.compile(r"(?P<y>[0-9]{4}|[0-9]{2})(?![\w%]|[.,/][0-9])")
_SUFFIX = re.compile(_WS + "(?P<suf>" + _alts(_VOCAB["suffix"]) + ")", re.IGNORECASE)
_NEXT_WORD = re.compile(_WS + r"(?P<w>[^\W\d_][\w'’]*(?:[-–][\w'’]+)*)")
_WORDS = re.compile(r"[^\W\d_][\w'’]*")
_COORDINATION = re.compile(rf"{_WS}(?i:and|or){_WS}")
# words a naming noun may be separated from its date by: "the 1949 and 1967 borders"
_NAME_GAP = re.compile(rf"{_WS}(?i:and|or){_WS}(?:1[0-9]{{3}}|20[0-9]{{2}})(?![\w%])")
_CLAUSE_BREAK = re.compile(r"[.;:,()\[\]\"“”!?\n]")


class _Atom(NamedTuple):
    """A date without its qualifiers, as the master regex found it."""

    kind: str  # "day", "month", "year", "decade", "short_decade", "century", "half"
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    precision: str
    year_end: int | None = None
    month_end: int | None = None
    day_end: int | None = None
    precision_end: str | None = None
    problem: str = ""  # why the date cannot date an event whatever its context ("invalid date")
    listed: tuple[tuple[int | None, int | None, int | None], ...] = ()


def _valid_day(year: int | None, month: int, day: int) -> bool:
    # unknown year: allow 29 February
    days = calendar.monthrange(year if year else 2000, month)[1]
    return 1 <= day <= days


def _int(s: str) -> int:
    """ "19th" → 19, "1990" → 1990 (the regex guarantees ASCII digits)."""
    return int(s.rstrip("stndrh"))


def _month(s: str) -> int:
    return _MONTHS_FOLD[s.rstrip(".").casefold()]


def _ordinal(s: str) -> int:
    s = s.casefold()
    return _ORDINALS[s] if s in _ORDINALS else _int(s)


def _invalid(year: int | None, month: int, day: int) -> str:
    """The reason a written day does not exist: "invalid date: 29 February 2013 does not
    exist (2013 is not a leap year)"."""
    name = calendar.month_name[month] if 1 <= month <= 12 else f"month {month}"
    written = f"{day} {name}" + (f" {year}" if year is not None else "")
    leap = f" ({year} is not a leap year)" if month == 2 and day == 29 and year is not None else ""
    return f"invalid date: {written} does not exist{leap}"


def _day_atom(s: int, e: int, y: int | None, mo: int, days: list[int], listed: bool) -> _Atom:
    """A day, a range of days or a list of days of one month; a day that does not exist
    makes the atom's ``problem``."""
    problem = next((_invalid(y, mo, d) for d in days if not _valid_day(y, mo, d)), "")
    first, last = min(days), max(days)
    items = tuple((y, mo, d) for d in days) if listed else ()
    if last == first:
        return _Atom("day", s, e, y, mo, first, "day", problem=problem, listed=items)
    return _Atom("day", s, e, y, mo, first, "day", y, mo, last, "day", problem, items)


def _numeric(g, kind: str, s: int, e: int) -> _Atom:
    """17.12.1990 (day first), 1990/12/17 and 1990.12.17 (year first), and 17/12/1990 or
    12/17/1990, whose order the numbers must tell: a slash date both of whose readings exist
    ("05/03/2013": 5 March or May 3) is kept as a year with the reason why."""
    if kind == "NYMD":
        y, mo, d = int(g("ny_y")), int(g("ny_m")), int(g("ny_d"))
        return _day_atom(s, e, y, mo, [d], False)
    y, first, second = int(g("nd_y")), int(g("nd_a")), int(g("nd_b"))
    if g("nd_s") == ".":  # dotted dates are European: day first
        if second > 12:
            return _Atom(
                "day",
                s,
                e,
                y,
                None,
                None,
                "year",
                problem=(
                    f"invalid date: {g('NDMY')} has no month {second} (dotted dates are day first)"
                ),
            )
        return _day_atom(s, e, y, second, [first], False)
    if first > 12 and second > 12:
        return _Atom(
            "day",
            s,
            e,
            y,
            None,
            None,
            "year",
            problem=(f"invalid date: {g('NDMY')} names no month"),
        )
    if first > 12 or first == second:
        return _day_atom(s, e, y, second, [first], False)
    if second > 12:
        return _day_atom(s, e, y, first, [second], False)
    return _Atom(
        "day",
        s,
        e,
        y,
        None,
        None,
        "year",
        problem=(
            f"ambiguous numeric date: {g('NDMY')} is {first} {calendar.month_name[second]} "
            f"(day first) or {calendar.month_name[first]} {second} (month first)"
        ),
    )


def _atom(m: re.Match) -> _Atom | None:
    """Build an :class:`_Atom` from a match of ``_ATOM``; None when the text only looks like a
    date (a range that ends before it starts). Days that do not exist give an atom whose
    ``problem`` says so ("31 February 2000"), so that the whole phrase is reported."""
    g = m.group
    kind = m.lastgroup
    s, e = m.span()
    if kind in ("NDMY", "NYMD"):
        return _numeric(g, kind, s, e)
    if kind in ("DR", "MDR"):
        if kind == "DR":
            y = _int(g("dr_y")) if g("dr_y") else None
            mo, d1, d2 = _month(g("dr_m")), _int(g("d1")), _int(g("dr_d2"))
        else:
            y, mo, d1, d2 = _int(g("mdr_y")), _month(g("mon")), _int(g("mdr_d1")), _int(g("mdr_d2"))
        if d1 >= d2:
            return None
        return _day_atom(s, e, y, mo, [d1, d2], False)
    if kind in ("DL", "MDL"):
        text = m.group()
        if kind == "DL":
            y = _int(g("dl_y")) if g("dl_y") else None
            mo = _month(g("dl_m"))
            head = text[: m.start("dl_m") - s]
        else:
            y, mo = _int(g("mdl_y")), _month(g("mon"))
            head = text[m.end("mon") - s : m.start("mdl_y") - s]
        days = [int(x) for x in _DIGITS.findall(head)]
        if len(set(days)) != len(days):
            return None
        return _day_atom(s, e, y, mo, days, True)
    if kind in ("DMY", "MDY", "ISO", "DM", "MD"):
        if kind == "DMY":
            y, mo, d = _int(g("dmy_y")), _month(g("dmy_m")), _int(g("d1"))
        elif kind == "MDY":
            y, mo, d = _int(g("mdy_y")), _month(g("mon")), _int(g("mdy_d"))
        elif kind == "ISO":
            y, mo, d = int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))
        elif kind == "DM":
            y, mo, d = None, _month(g("dmy_m")), _int(g("d1"))
        else:
            y, mo, d = None, _month(g("mon")), _int(g("md_d"))
        return _day_atom(s, e, y, mo, [d], False)
    if kind == "MR":
        y, m1, m2 = _int(g("mr_y")), _month(g("mon")), _month(g("mr_m2"))
        if m1 >= m2:
            return None
        return _Atom("month", s, e, y, m1, None, "month", y, m2, None, "month")
    if kind == "ML":
        y = _int(g("ml_y"))
        months = [_month(x) for x in _MONTH_WORDS.findall(m.group(), 0, m.start("ml_y") - s)]
        if len(set(months)) != len(months):
            return None
        items = tuple((y, mo, None) for mo in months)
        m1, m2 = min(months), max(months)
        return _Atom("month", s, e, y, m1, None, "month", y, m2, None, "month", listed=items)
    if kind == "MY":
        return _Atom("month", s, e, _int(g("my_y")), _month(g("mon")), None, "month")
    if kind == "CE":
        n1 = _ordinal(g("ce_n1"))
        n2 = _ordinal(g("ce_n2")) if g("ce_n2") else n1
        if g("ce_bc"):  # the 8th century BC: 800–701 BC; BC centuries count down
            if n1 < n2:
                return None
            return _Atom(
                "bc_period",
                s,
                e,
                -100 * n1,
                None,
                None,
                "year",
                -100 * (n2 - 1) - 1,
                None,
                None,
                "year",
            )
        if n2 < n1:
            return None
        first = max(1, (n1 - 1) * 100)  # there is no year 0
        return _Atom(
            "century", s, e, first, None, None, "year", (n2 - 1) * 100 + 99, None, None, "year"
        )
    if kind == "BCY":  # 500 BC; 1200–1000 BC. Years BC are negative: -500 is 500 BC
        y = _int(g("bc_y"))
        y1 = _int(g("bc_y1")) if g("bc_y1") else None
        if y1 is None:
            return _Atom("bc", s, e, -y, None, None, "year")
        if y1 <= y:  # BC years count down: 1200–1000 BC
            return None
        return _Atom("bc", s, e, -y1, None, None, "year", -y, None, None, "year")
    if kind == "DE":
        y = _int(g("de_y"))
        century = y % 100 == 0 and y < 2000  # "the 1800s" is a century
        if g("de_bc"):  # the 1200s BC: 1299–1200 BC; the 1960s BC: 1969–1960 BC
            last = 99 if century else 9
            return _Atom("bc_period", s, e, -(y + last), None, None, "year", -y, None, None, "year")
        if century:
            return _Atom("century", s, e, y, None, None, "year", y + 99, None, None, "year")
        return _Atom("decade", s, e, y, None, None, "decade")
    if kind == "SPD":  # the sixties, the nineteen-sixties
        y = _DECADE_WORDS[_fold_ws(g("spd_w"))]
        if g("spd_c"):
            y = _CENTURY_WORDS[_fold_ws(g("spd_c"))] + y % 100
        return _Atom("spelled_decade", s, e, y, None, None, "decade")
    if kind == "SD":
        yy = _int(g("sd_y"))
        # two-digit decades: '00s–'20s are this century, the rest the last one
        y = (2000 if yy <= 20 else 1900) + yy
        return _Atom("short_decade" if not g("sd_q") else "decade", s, e, y, None, None, "decade")
    if kind == "YR":
        return _Atom("year", s, e, _int(g("yr_y")), None, None, "year")
    raise AssertionError(kind)  # pragma: no cover - every alternative is handled above


def _start_key(a: _Atom) -> tuple[int, int, int]:
    return (a.year or 0, a.month or 1, a.day or 1)


def _end_key(a: _Atom) -> tuple[int, int, int]:
    if a.year_end is not None:
        return (a.year_end, a.month_end or 12, a.day_end or 31)
    y = a.year or 0
    if a.precision == "decade":
        return (y + 9, 12, 31)
    return (y, a.month or 12, a.day or 31)


def _merge_range(a: _Atom, b: _Atom, listed: bool = False) -> _Atom | None:
    """``a`` to ``b`` as one range, or None when ``b`` starts before ``a`` or years are missing.

    ``listed``: the two were joined by "and" ("30 November and 1 December 1998"), a list of
    two dates rather than a span.
    """
    if a.year is None and b.year is not None:
        # "29 November – 2 December 2012": the start borrows the end's year
        year = b.year if (a.month or 0) <= (b.month or 0) else b.year - 1
        a = a._replace(year=year)
        if a.month and a.day and not a.problem and not _valid_day(year, a.month, a.day):
            a = a._replace(problem=_invalid(year, a.month, a.day))  # 29 February 2013
    if (a.year is None) != (b.year is None):
        return None
    if a.year is not None and _start_key(b) < _start_key(a):
        return None
    if a.year is None and ((b.month or 0), (b.day or 0)) <= ((a.month or 0), (a.day or 0)):
        return None
    if b.year_end is not None:  # the end is itself a range (a century, 3–5 June): take its end
        y2, m2, d2, p2 = b.year_end, b.month_end, b.day_end, b.precision_end
    else:
        y2, m2, d2, p2 = b.year, b.month, b.day, b.precision
    if _end_key(a) >= (y2 or 0, m2 or 12, d2 or 31) and a.year is not None:
        return None
    items = ((a.year, a.month, a.day), (b.year, b.month, b.day)) if listed else ()
    return a._replace(
        end=b.end,
        year_end=y2,
        month_end=m2,
        day_end=d2,
        precision_end=p2,
        problem=a.problem or b.problem,
        listed=items,
    )


def _halve(a: _Atom, which: str) -> _Atom:
    """First or second half of an atom's period, as a range (precision unchanged where sensible)."""
    first = which == "first half"
    if a.kind == "decade" and a.year is not None:
        y = a.year if first else a.year + 5
        return a._replace(
            kind="half", year=y, precision="year", year_end=y + 4, precision_end="year"
        )
    if a.kind == "century" and a.year is not None and a.year_end is not None:
        if a.year_end - a.year > 99:  # "the 19th and 20th centuries": no single half
            return a
        base = a.year - a.year % 100
        y = max(1, base) if first else base + 50
        return a._replace(kind="half", year=y, year_end=base + (49 if first else 99))
    if a.kind == "year" and a.year is not None:
        m = 1 if first else 7
        return a._replace(
            kind="half",
            month=m,
            precision="month",
            year_end=a.year,
            month_end=m + 5,
            precision_end="month",
        )
    return a


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_."


# Where a date's core can start: a digit, a quote ('90s) or a capitalised month name, plus the
# ordinal words before "century" (found with str.find). Matching _ATOM only there is several
# times faster than searching with it: a pattern that starts with a character class lets the
# regex engine skip the other characters in C.
_INITIALS = "0-9" + "".join(sorted({w[0] for w in _MONTHS}))
# the lookbehind (after the class, so the fast skip stays) drops digits and capitals inside
# a word or number: "2012" gives one candidate, not four
_CANDIDATE = re.compile(f"[{_INITIALS}'’‘](?<!\\w[{_INITIALS}])")
_CENTURY_SPELLINGS = ("centur", "Centur", "CENTUR")
_CENTURY_REACH = 48  # "the nineteenth and twentieth centuries": where the ordinal may start


def _candidates(text: str, start: int, end: int) -> list[int]:
    """Sorted offsets in ``text[start:end]`` where a date phrase's core may begin."""
    cands = [m.start() for m in _CANDIDATE.finditer(text, start, end)]
    extra: list[int] = []
    for word in _CENTURY_SPELLINGS:
        covered = start  # windows do not overlap: at most one extra offset per character
        i = text.find(word, start, end)
        while i >= 0:
            extra.extend(range(max(covered, i - _CENTURY_REACH), i))
            covered = i
            i = text.find(word, i + 1, end)
    for m in _DECADE_WORD_RE.finditer(text, start, end):  # "the sixties", "nineteen-sixties"
        extra.append(m.start())
        before = _CENTURY_BEFORE.search(text, max(start, m.start() - 24), m.start())
        if before is not None:
            extra.append(before.start())
    if extra:
        cands = sorted(set(cands).union(extra))
    return cands


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DatePhrase]:
    """Every date phrase in ``text[start:end]``, left to right, non-overlapping.

    Parameters
    ----------
    text
        The text to search. Offsets in the result index this string.
    start, end
        The slice of ``text`` to search (as in ``text[start:end]``); a phrase never extends
        outside it.

    Returns
    -------
    list of DatePhrase
        ``text[p.start:p.end] == p.text`` for each ``p``; see the module docstring for forms,
        qualifiers and the ``is_event_date`` rule. Never raises on any text: a date that does
        not exist is a phrase with ``valid`` False and its reason.

    Cost: O(len(text[start:end])) — see "Speed" in the module docstring.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "find_dates",
        text=(text, TEXT),
        start=(start, INT),
        end=(end, optional(INT)),
    )
    start, end, _ = slice(start, end).indices(len(text))
    found: list[DatePhrase] = []
    pos = start
    last_end = start  # a prefix may not reach into the previous phrase
    last_adverbial = False
    for cand in _candidates(text, start, end):
        if cand < pos:
            continue
        m = _ATOM.match(text, cand, end)
        if m is None:
            continue
        atom = _atom(m)
        if atom is None:  # only looks like a date ("6–4 June 2001"): try a shorter reading
            continue
        # "in 2013 and 2014 laws…", "the 1949 and 1967 borders": a date joined to the previous
        # one by and/or shares its role
        coordinated = bool(found) and _COORDINATION.fullmatch(text, last_end, atom.start)
        phrase = _phrase(
            text, atom, max(last_end, start), end, last_adverbial if coordinated else None
        )
        if phrase is None:
            pos = m.end()
            continue
        if isinstance(phrase, int):  # not a date; skip what it covered
            pos = phrase
            continue
        phrase, last_adverbial = phrase
        found.append(phrase)
        pos = last_end = phrase.end
    return found


class _Prefix(NamedTuple):
    """What precedes a date's core: normalised qualifiers, where the phrase starts, the word
    before the phrase."""

    rel: str
    part: str
    season: str
    rel_hyphen: bool  # "pre-1967": attributive, not adverbial
    start: int
    prev_word: str
    the: bool = False  # "the" is part of the phrase ("the 1960s", "the early sixties")


def _prefix(text: str, a: _Atom, lo: int, seasons: bool) -> _Prefix:
    """Read [relation] [the] [part] [the] [season [of]] backwards from ``a.start``, not before
    ``lo``."""
    win_lo = max(lo, a.start - _PREFIX_WINDOW - _PREV_WINDOW)
    rwin = text[win_lo : a.start][::-1]
    pm = (_RPREFIX_SEASON if seasons else _RPREFIX).match(rwin)
    rel = part = season = ""
    rel_hyphen = has_the = False
    p_start = a.start
    if pm.end():
        if pm.group("rel"):
            rel = _RELATIONS.get(_fold_ws(pm.group("rel")[::-1]), "")
            rel_hyphen = "-" in rwin[: pm.start("rel")]
        if pm.group("part"):
            part = _PARTS.get(_fold_ws(pm.group("part")[::-1]), "")
        if pm.group("season"):
            season = pm.group("season")[::-1]
            before = _RPREV_WORD.match(rwin, pm.end("season"))
            word = before.group("w")[::-1] if before else ""
            # "the Arab Spring of 2011", "the Prague Spring": a name, not a season (but
            # "In Spring 1999" is a season: "in" is an adverbial word)
            if season[0].isupper() and word[:1].isupper() and word.casefold() not in _ADVERBIAL:
                return _prefix(text, a, lo, False)
            season = season.casefold()
        the = pm.group("the1") or pm.group("the2")
        # "the" belongs to a decade, century or season phrase, not to a year ("the 1973 war")
        keeps_the = season or a.kind in (
            "decade",
            "short_decade",
            "century",
            "spelled_decade",
            "bc_period",
        )
        if rel or part or season or (the and keeps_the):
            p_start = a.start - pm.end()
            has_the = bool(the and keeps_the)
        if p_start == win_lo > lo and _word_char(text[win_lo - 1]):
            rel = part = season = ""  # the window cut a word: no qualifier we can trust
            has_the = False
            p_start = a.start
    prev = _RPREV_WORD.match(rwin, a.start - p_start)
    prev_word = prev.group("w")[::-1].casefold() if prev else ""
    return _Prefix(rel, part, season, rel_hyphen, p_start, prev_word, has_the)


def _with_season(a: _Atom, season: str) -> _Atom:
    """A year read with the season before it: the spring of 1999 → March–May 1999; winter is
    December Y – February Y+1."""
    m1, m2 = _SEASONS[season]
    y_end = a.year + 1 if m2 < m1 else a.year  # type: ignore[operator]
    return a._replace(
        month=m1, precision="month", year_end=y_end, month_end=m2, precision_end="month"
    )


def _phrase(
    text: str, a: _Atom, lo: int, hi: int, adverbial: bool | None
) -> tuple[DatePhrase, bool] | int | None:
    """Grow an atom into a phrase; an int is the end of a non-date to skip, None: not a date.

    ``adverbial`` is the role inherited from a coordinated date, None to decide here; the
    phrase comes back with the role it was given.
    """
    # ---- qualifiers before
    pre = _prefix(text, a, lo, a.kind == "year")
    if a.kind == "short_decade":
        # '60s needs an apostrophe (handled as "decade"); a bare 60s needs "the" or a part word
        if pre.start == a.start and not pre.part:
            return None
        a = a._replace(kind="decade")
    if a.kind == "spelled_decade":
        # "the sixties", "the early nineteen-sixties"; "in his sixties" is an age
        if not pre.the:
            return a.end
        a = a._replace(kind="decade")
    coarse = a.kind == "century"  # a century dates no event (halves of it neither)
    if a.kind == "bc_period":  # the 8th century BC, the 1200s BC: "the" was read; now a BC date
        a = a._replace(kind="bc")

    # ---- range
    is_open = False
    season_done = False
    c = _CONNECTOR.match(text, a.end, hi)
    if c is not None:
        end_season = None if c.group("slash") else _SEASON_YEAR.match(text, c.end(), hi)
        if end_season is not None and a.kind == "year" and a.year_end is None:
            # "from spring 2000 to summer 2002": one range, March 2000 – August 2002
            y = int(end_season.group("y"))
            b = _with_season(
                _Atom("year", end_season.start(), end_season.end(), y, None, None, "year"),
                end_season.group("season").casefold(),
            )
            start = _with_season(a, pre.season) if pre.season else a
            merged_season = _merge_range(start, b)
            if merged_season is not None:
                a, season_done = merged_season, True
        if not season_done:
            merged = _range_end(text, a, c, pre.rel, hi)
            if merged == "present":
                is_open = True
                a = a._replace(end=_PRESENT.match(text, c.end(), hi).end())  # type: ignore[union-attr]
            elif merged is not None:
                a = merged  # type: ignore[assignment]
    if a.kind == "year" and a.year_end is None and c is not None and c.group("slash"):
        return a.end  # "2016/679": an identifier, not a year
    if pre.season and not season_done:
        y_end = a.year + 1 if _SEASONS[pre.season][1] < _SEASONS[pre.season][0] else a.year  # type: ignore[operator]
        if a.year_end is None or (a.year_end == y_end and a.precision_end == "year"):
            # the spring of 1999 → March–May 1999; winter 1999/2000 → Dec 1999–Feb 2000
            a = _with_season(a, pre.season)
        else:  # "spring 1999–2003" is a span of years: the season is not part of the date
            pre = _prefix(text, a, lo, False)
    rel, part, prev_word, p_start = pre.rel, pre.part, pre.prev_word, pre.start

    # ---- identifiers and quantities are not dates
    if a.kind == "year":
        if prev_word in _NUMBER_PREFIX and not rel and not part:
            return a.end
        nxt = _NEXT_WORD.match(text, a.end, hi)
        if (
            nxt is not None
            and nxt.group("w").casefold() in _COUNT
            and not rel
            and not part
            and prev_word not in _ADVERBIAL
        ):
            return a.end
        if a.start > lo and text[a.start - 1] in "-–" and text[a.start - 2 : a.start - 1].isdigit():
            return a.end  # the tail of a number like 4000-1990 that did not form a range

    # ---- halves become ranges
    if part in _HALVES:
        halved = _halve(a, part) if a.year_end is None or a.kind == "century" else a
        if halved is a:  # no sensible half: keep it as early/late
            part = "early" if part == "first half" else "late"
        a, part = halved, ("" if halved is not a else part)

    # "between 4 and 6 March": two bounds of a range, not a list
    if rel == "from" and len(a.listed) == 2:
        a = a._replace(listed=())

    # ---- qualifiers after
    qualifier = "since" if is_open else (rel or part)
    p_end = a.end
    sm = _SUFFIX.match(text, p_end, hi)
    if sm is not None:
        qualifier = _SUFFIXES[_fold_ws(sm.group("suf"))]
        p_end = sm.end()

    # ---- can the date date an event? does it only name a thing?
    reason = a.problem
    if not reason and a.kind == "bc":
        reason = (
            f"before the common era: {text[a.start : a.end]} (years BC are kept as negative "
            "years and date no event)"
        )
    if not reason and coarse:
        reason = f"a century is too coarse to date an event: {text[a.start : a.end]}"
    # "in 1967 borders", "since 1990 law…" date the clause; "pre-1967 borders" does not, nor
    # does "on 1967 borders" ("on" dates a clause only with a day)
    if adverbial is None:
        adverbial = not pre.rel_hyphen and (
            bool(rel)
            or (
                prev_word in _ADVERBIAL
                and not (prev_word in _DAY_ONLY_ADVERBIAL and a.precision != "day")
            )
        )
    if not reason and not adverbial:
        reason = _names_forward(text, p_start, p_end, hi)
    if not reason and prev_word == "of" and not rel and not part:
        reason = _names_backward(text, text[p_start:p_end], lo, p_start)

    if is_open:
        y2 = m2 = d2 = p2 = None
    else:
        y2, m2, d2, p2 = a.year_end, a.month_end, a.day_end, a.precision_end
    phrase = DatePhrase(
        text=text[p_start:p_end],
        start=p_start,
        end=p_end,
        year=a.year,
        month=a.month,
        day=a.day,
        precision=a.precision,
        qualifier=qualifier,
        year_end=y2,
        month_end=m2,
        day_end=d2,
        precision_end=p2,
        is_event_date=not reason,
        reason=reason,
        listed=a.listed,
        valid=not a.problem.startswith("invalid date"),
    )
    return phrase, adverbial


def _range_end(text: str, a: _Atom, c: re.Match, rel: str, hi: int) -> _Atom | str | None:
    """The range ``a`` + connector ``c`` + what follows, "present", or None."""
    after = c.end()
    if c.group("slash"):
        # 1999/2000, 2013/14: consecutive years only (a school or fiscal year)
        if a.kind != "year" or a.year_end is not None:
            return None
        sy = _SLASH_YEAR.match(text, after, hi)
        if sy is None or a.year is None:
            return None
        y2, end = int(sy.group("y")), sy.end()
        if y2 < 100:
            y2 += a.year // 100 * 100 + (100 if y2 < a.year % 100 else 0)  # 1999/00
        if a.year is None or y2 != a.year + 1:
            return None
        return a._replace(end=end, year_end=y2, precision_end="year")
    word = _fold_ws(c.group("word")) if c.group("word") else ""
    if not c.group("the") and (c.group("dash") or word in ("to", "until", "till", "up to")):
        if _PRESENT.match(text, after, hi) and a.year is not None and a.year_end is None:
            return "present"
    elif c.group("the") and word and _PRESENT.match(text, after, hi) and a.year is not None:
        return "present"
    # "and" joins a range only after "between", or between adjacent periods of one kind
    # ("2016 and 2017", "the 1950s and 1960s"): the range then covers exactly what was said,
    # while "1990 and 1995" as a range would invent 1991–1994
    paired = bool(word) and _RANGE_WORDS.get(word) == "paired" and rel != "from"
    day_list = paired and a.kind == "day" and a.year is None and a.year_end is None
    if paired and not day_list and a.kind not in ("year", "decade", "century", "short_decade"):
        return None
    mm = _ATOM.match(text, after, hi)
    b = _atom(mm) if mm is not None else None
    if day_list:
        # "30 November and 1 December 1998": a day without a year, listed with a full date
        if b is None or b.kind != "day" or b.year is None or b.year_end is not None:
            return None
        return _merge_range(a, b, listed=True)
    if b is None and a.kind == "year" and c.group("dash") and a.year is not None:
        sy = _SHORT_YEAR.match(text, after, hi)  # 1991–95
        if sy is not None:
            y2 = a.year // 100 * 100 + int(sy.group("yy"))
            if y2 <= a.year:  # 1998–02; but 1990-12 is not 1990–2012
                y2 = y2 + 100 if y2 + 100 - a.year <= 10 else a.year
            b = (
                None
                if y2 <= a.year
                else _Atom("year", sy.start(), sy.end(), y2, None, None, "year")
            )
    if b is None:
        return None
    if b.kind == "bc" or a.kind == "bc":
        # "from 1200 to 1000 BC": the era written at the end holds for the start
        if a.kind == "year" and b.kind == "bc" and a.year_end is None and b.year_end is None:
            a = a._replace(kind="bc", year=-a.year)  # type: ignore[operator]
        if a.kind != "bc" or b.kind != "bc" or paired:
            return None
    if c.group("the") and b.kind not in ("decade", "short_decade", "century", "spelled_decade"):
        return None  # "from 1990 to the 1995 elections": "the" starts a noun phrase
    if b.kind == "short_decade":
        if not c.group("the") and a.kind not in ("decade", "short_decade"):
            return None
        b = b._replace(kind="decade")
    if b.kind == "spelled_decade":
        if not c.group("the"):
            return None
        b = b._replace(kind="decade")
    if paired and (b.kind != a.kind or b.year != _last_year(a) + 1):
        return None
    return _merge_range(a, b)


def _last_year(a: _Atom) -> int:
    """Last year an atom covers: 1959 for the 1950s, 1899 for the 19th century."""
    if a.year_end is not None:
        return a.year_end
    return (a.year or 0) + (9 if a.precision == "decade" else 0)


def _fold_ws(s: str) -> str:
    return " ".join(s.split()).casefold()


def _names_forward(text: str, start: int, pos: int, hi: int) -> str:
    """'names a line: "1949 Armistice line"' when up to four capitalised words then a naming
    noun follow the date ``text[start:pos]``; else ""."""
    p = pos
    for _ in range(5):
        gap = _NAME_GAP.match(text, p, hi)
        if gap is not None:
            p = gap.end()
        w = _NEXT_WORD.match(text, p, hi)
        if w is None:
            return ""
        word = w.group("w")
        kind = _NAMING.get(word.casefold().removesuffix("'s").removesuffix("’s"))
        if kind is not None:
            return f'names a {kind}: "{text[start : w.end()]}"'
        if not word[0].isupper():
            return ""
        p = w.end()
    return ""


def _names_backward(text: str, phrase: str, lo: int, pos: int) -> str:
    """'names a treaty: "Treaty of 1926"' when a naming noun is among the four words before
    ``of`` (``pos`` is the date's start); else ""."""
    win_lo = max(lo, pos - 80)
    window = text[win_lo:pos]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    if breaks:  # look only within the clause
        win_lo += breaks[-1]
        window = text[win_lo:pos]
    words = list(_WORDS.finditer(window))
    if not words or words[-1].group().casefold() != "of":
        return ""
    for w in reversed(words[-5:-1]):
        kind = _NAMING.get(w.group().casefold())
        if kind is not None:
            snippet = text[win_lo + w.start() : pos] + phrase
            return f'names a {kind}: "{snippet}"'
    return ""
