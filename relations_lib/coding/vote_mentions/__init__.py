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

The package, one job per module: ``vocabulary`` (data/reference/vote_patterns.csv and the key
resolutions), ``grammar`` (numbers and the phrase regexes compiled from the vocabulary),
``symbols`` (resolution symbols in a text), ``subjects`` (content-word stems of what was voted
on), ``mentions`` (finding one sentence's mentions: steps 1–5), ``linking`` (step 7: a mention to
a resolution named in the article or a key resolution) and ``table`` (the typed table, dates
and counts per mention). How a mention compares with the voting record is
:func:`relations_lib.un.record.compare_vote_mentions`' job.
"""

from __future__ import annotations

from ...vocab import COUNT_OF_LEVELS, RESOLUTION_SOURCES, VOTE_LEVELS, vote_dtype
from ...vocab import PRECISIONS as PRECISIONS
from .grammar import _grammar as _grammar
from .grammar import _number as _number
from .symbols import find_resolutions
from .table import COLUMNS as COLUMNS
from .table import _empty_frame as _empty_frame
from .table import _frame as _frame
from .table import _rows as _rows
from .table import count_of_dtype, extract_vote_mentions
from .vocabulary import KEY_RESOLUTIONS_FILE as KEY_RESOLUTIONS_FILE
from .vocabulary import PATTERNS_FILE, KeyResolution, key_resolution_list
from .vocabulary import _vocab as _vocab

# Re-exported for the corpus engines (``_rows``, ``_frame``, ``_empty_frame``: rows of many
# articles stacked into one frame) and the tests (``_grammar``, ``_vocab``, ``_number``).
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
