"""The vote-mentions table: what :func:`relations_lib.extract_vote_mentions` returns
(data/vote_mentions.csv holds the seed's, with the phase columns of ``rl.assign_phases``)."""

from __future__ import annotations

# The vocabularies are declared once, beside the code that produces them.
from ..vocab import COUNT_OF_LEVELS, PRECISIONS, RESOLUTION_SOURCES, VOTE_LEVELS
from .columns import SENTENCE_END, SENTENCE_START, Column, Table
from .phases import PHASE_COLUMNS
from .sentences import SEED_LICENCE, SEED_SOURCE

VOTE_MENTIONS = Table(
    name="vote_mentions",
    row=(
        "One row per UN vote a sentence of the article states: one country's vote "
        "(on one resolution, when the sentence names several), in reading order."
    ),
    columns=(
        Column("source", "string", "The article the sentence comes from (its file name)."),
        Column("section", "string", "Heading of the section holding the sentence ('Lead' first)."),
        Column("sentence", "string", "The sentence stating the vote, as written."),
        SENTENCE_START,
        SENTENCE_END,
        Column(
            "date",
            "datetime64[ns]",
            "When the vote took place, as the sentence dates it: the first day of the period "
            "(2015 → 2015-01-01). Empty when the sentence gives no date with a year.",
            nullable=True,
        ),
        Column(
            "year",
            "Int64",
            "Year of `date`.",
            nullable=True,
            minimum=1945,
            maximum=2100,
            unit="year",
        ),
        Column(
            "date_text",
            "string",
            "The date phrase as written ('29 November 2012', '2015').",
            nullable=True,
        ),
        Column(
            "precision",
            "category",
            "How precise the date phrase is.",
            nullable=True,
            categories=PRECISIONS,
            ordered=True,
        ),
        Column(
            "resolution",
            "string",
            "The General Assembly resolution voted on ('67/19', '3236 (XXIX)', 'ES-10/19'; "
            "'S/RES/…' for the Security Council), spelt as in the key-resolutions table when it "
            "lists it. Empty when neither the article nor the date identifies it.",
            nullable=True,
        ),
        Column(
            "resolution_source",
            "category",
            "How `resolution` was identified: the sentence names it; the article names it "
            "elsewhere and its date or subject agrees with the mention's; or the mention's date "
            "(and, for a month or a year, its subject) matches one key resolution "
            "(data/reference/unga_key_resolutions.csv). Empty when `resolution` is.",
            nullable=True,
            categories=RESOLUTION_SOURCES,
        ),
        Column(
            "subject",
            "string",
            "What was voted on, as written: the phrase after 'voted in favour of', 'voted "
            "against', 'abstained in the vote on' …, without a trailing date. Empty when the "
            "sentence does not say ('X abstained').",
            nullable=True,
        ),
        Column(
            "country",
            "string",
            "The voting country's name as written ('the United States' → 'United States'); the "
            "article's name for it when written as an adjective ('the Albanian delegation').",
        ),
        Column("country_code", "string", "ISO 3166-1 alpha-3 code of `country`."),
        Column(
            "vote",
            "category",
            "The country's vote. Empty for 'did not vote' / 'was absent from the vote', which "
            "is neither yes, no nor an abstention.",
            nullable=True,
            categories=VOTE_LEVELS,
            ordered=True,
        ),
        Column(
            "stated_count",
            "Int64",
            "A count the sentence gives with the vote: 'one of the 41 countries that "
            "abstained' → 41; 'along with 40 other countries' → 41; a tally ('by 138 votes to "
            "9 with 41 abstentions') gives the count of the country's option. For a 'did not "
            "vote' row, the number of countries that did not vote.",
            nullable=True,
            minimum=0,
            unit="countries",
        ),
        Column(
            "stated_count_of",
            "category",
            "What `stated_count` counts: the voters of an option, or 'members' when the number "
            "is the UN's membership ('X, one of the 193 member states, …'). Empty when there "
            "is no count or the row is a 'did not vote'.",
            nullable=True,
            categories=COUNT_OF_LEVELS,
        ),
        Column(
            "stated_members",
            "Int64",
            "The UN membership the sentence states ('(out of 193)', 'of the 193 member "
            "states'): the denominator, not a vote total.",
            nullable=True,
            minimum=1,
            unit="countries",
        ),
        *PHASE_COLUMNS,
    ),
    sources=(SEED_SOURCE, "data/reference/unga_key_resolutions.csv (official tallies)"),
    licence=SEED_LICENCE,
    file="vote_mentions.csv",
)
