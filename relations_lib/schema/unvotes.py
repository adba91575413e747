"""The UN General Assembly tables: roll calls, votes, issues (Voeten's data, as vendored), the
voting record built from them (``make data`` writes Albania's as albania_unga_record.csv) and the
key resolutions (key_resolutions.csv). Returned by :mod:`relations_lib.un.record`."""

from __future__ import annotations

from ..vocab import VOTE_LEVELS as VOTE_CATEGORIES  # declared once, there
from .columns import Column, Table

#: Voeten's issue codes (un_roll_call_issues.csv short_name).
ISSUE_CODES: tuple[str, ...] = ("co", "di", "ec", "hr", "me", "nu")

VOETEN_SOURCE = (
    "Erik Voeten, United Nations General Assembly Voting Data, Harvard Dataverse "
    "hdl:1902.1/12379 (CC0), as tidied by the unvotes R package (David Robinson, MIT; built "
    "March 2021); vendored in data/reference/unvotes/"
)
KEY_SOURCE = (
    "data/reference/unga_key_resolutions.csv: official tallies and the votes of the countries "
    "it lists (Albania's), each row naming the page it was read from (tally_source, "
    "<country>_vote_source)"
)
VOETEN_LICENCE = "CC0 1.0 (Voeten's data); the unvotes package code is MIT"

_RCID = "Voeten's roll-call id, the key shared by roll calls, votes and issues."


def _count(name: str, what: str, nullable: bool = False) -> Column:
    return Column(name, "Int64", what, nullable=nullable, minimum=0, unit="votes")


ROLL_CALLS = Table(
    name="roll_calls",
    row="One row per recorded plenary roll call of the UN General Assembly, 1946 – January 2020.",
    columns=(
        Column("rcid", "Int32", _RCID, unique=True, minimum=1),
        Column("session", "Int64", "General Assembly session (1 = 1946).", minimum=1),
        Column(
            "importantvote",
            "boolean",
            "One of the votes the US State Department reported as important (from 1983).",
            nullable=True,
        ),
        Column(
            "date",
            "datetime64[ns]",
            "Date of the vote. Before about 1990 the day of the month is unreliable (all "
            "days are 12 or less); year and month hold.",
        ),
        Column(
            "unres",
            "string",
            "Voeten's resolution code, e.g. 'R/29/3236', 'A/RES/ES-10/19'.",
            nullable=True,
        ),
        Column("amend", "boolean", "A vote on an amendment.", nullable=True),
        Column("para", "boolean", "A vote on a paragraph.", nullable=True),
        Column("short", "string", "Short description.", nullable=True),
        Column("descr", "string", "Longer description.", nullable=True),
    ),
    sources=(VOETEN_SOURCE,),
    licence=VOETEN_LICENCE,
    unique_key=("rcid",),
)

VOTES = Table(
    name="votes",
    row=(
        "One row per member's vote on a roll call; absent members and non-members have no row "
        "(870,109 rows)."
    ),
    columns=(
        Column("rcid", "Int32", _RCID, minimum=1),
        Column("country", "category", "The country's name in the data (former states included)."),
        Column(
            "country_code",
            "category",
            "ISO 3166-1 alpha-2 code ('NA' is Namibia); missing for the Federal Republic of "
            "Germany, the Yemen Arab Republic and Zanzibar.",
            nullable=True,
        ),
        Column(
            "vote",
            "category",
            "How the country voted.",
            categories=VOTE_CATEGORIES,
            ordered=True,
        ),
    ),
    sources=(VOETEN_SOURCE,),
    licence=VOETEN_LICENCE,
    unique_key=("rcid", "country"),
)

ROLL_CALL_ISSUES = Table(
    name="roll_call_issues",
    row="One row per issue tag of a roll call (a roll call may carry several tags, or none).",
    columns=(
        Column("rcid", "Int32", _RCID, minimum=1),
        Column(
            "short_name",
            "category",
            "Issue code: me Palestinian conflict, nu nuclear weapons, di arms control and "
            "disarmament, hr human rights, co colonialism, ec economic development.",
            categories=ISSUE_CODES,
        ),
        Column("issue", "category", "The issue's name."),
    ),
    sources=(VOETEN_SOURCE,),
    licence=VOETEN_LICENCE,
    unique_key=("rcid", "short_name"),
)

_OFFICIAL = "Official tally ({}) of a key resolution (key_resolutions); missing for other votes."

VOTING_RECORD = Table(
    name="voting_record",
    row=(
        "One row per UN General Assembly roll call (1946 – January 2020): the Assembly's totals "
        "beside one country's vote (Albania's in albania_unga_record.csv)."
    ),
    columns=(
        Column("rcid", "Int32", _RCID, unique=True, minimum=1),
        Column(
            "date",
            "datetime64[ns]",
            "Date of the vote (day of month unreliable before about 1990).",
        ),
        Column("year", "Int64", "Year of the vote.", minimum=1946, unit="year"),
        Column("session", "Int64", "General Assembly session.", minimum=1),
        Column(
            "resolution",
            "string",
            "Resolution symbol as the UN writes it ('3236 (XXIX)', '67/19', 'ES-10/19'); "
            "missing before the 18th session (1963), where Voeten's codes are not resolution "
            "numbers, and where the data has no code.",
            nullable=True,
        ),
        Column("unres", "string", "Voeten's resolution code, e.g. 'R/29/3236'.", nullable=True),
        Column("short", "string", "Short description of the roll call.", nullable=True),
        Column(
            "issue",
            "string",
            "Voeten's issue codes, alphabetical, joined by ';' (e.g. 'hr;me'; me = Palestinian "
            "conflict); missing when the roll call carries no tag.",
            nullable=True,
        ),
        Column("importantvote", "boolean", "Reported as important by the US.", nullable=True),
        Column("amend", "boolean", "A vote on an amendment.", nullable=True),
        Column("para", "boolean", "A vote on a paragraph.", nullable=True),
        _count("yes", "Members voting yes (in the data)."),
        _count("abstain", "Members abstaining (in the data)."),
        _count("no", "Members voting no (in the data)."),
        _count("n_voting", "Members voting: yes + abstain + no. Absent members are not counted."),
        Column(
            "yes_share",
            "float64",
            "yes / n_voting.",
            nullable=True,
            minimum=0,
            maximum=1,
        ),
        Column(
            "majority_vote",
            "category",
            "The option most members voting chose; missing on a tie.",
            nullable=True,
            categories=VOTE_CATEGORIES,
            ordered=True,
        ),
        Column(
            "country",
            "string",
            "The data's name of the series the vote is filed under (Voeten files the USSR's "
            "votes under 'Russia' and the FRY's and Serbia's under 'Yugoslavia').",
        ),
        Column(
            "country_code",
            "string",
            "The series' ISO 3166-1 alpha-2 code in the data; missing for the Federal Republic "
            "of Germany, the Yemen Arab Republic and Zanzibar.",
            nullable=True,
        ),
        Column(
            "state",
            "string",
            "The country registry's id (relations_lib.countries) of the state whose seat the "
            "row follows on that date: 'SUN' to 23 December 1991 and 'RUS' from 24 December "
            "1991 in voting_record('Soviet Union', successors=True); one id throughout "
            "otherwise ('ALB' in albania_unga_record.csv).",
        ),
        Column(
            "is_member",
            "boolean",
            "The roll call falls between the country's first and last recorded vote (the data "
            "has no admission dates; Albania was admitted on 14 December 1955 and first voted "
            "in November 1956).",
        ),
        Column(
            "country_vote",
            "category",
            "The country's vote; missing when it was absent or not (yet) a member.",
            nullable=True,
            categories=VOTE_CATEGORIES,
            ordered=True,
        ),
        Column(
            "agrees_with_majority",
            "boolean",
            "country_vote equals majority_vote; missing when the country did not vote.",
            nullable=True,
        ),
        _count("official_yes", _OFFICIAL.format("yes"), nullable=True),
        _count("official_no", _OFFICIAL.format("no"), nullable=True),
        _count("official_abstain", _OFFICIAL.format("abstain"), nullable=True),
        Column(
            "is_key_resolution",
            "boolean",
            "The roll call adopted one of the key resolutions (key_resolutions.csv).",
        ),
        Column(
            "concerns",
            "string",
            "Only in rl.unvotes.record_concerning(country, other): why the roll call concerns "
            "the other country — 'issue me' (an issue tag of data/reference/country_issues.csv), "
            "'key resolution', 'names Cuba' (its description names the country or its people) — "
            "joined by '; '.",
            required=False,
        ),
        # Added by relations_lib.history.phases.assign_phases (make data does), one pair per track.
        Column(
            "phase_<track>",
            "category",
            "Phase of the roll call's date on that track of the phases table.",
            nullable=True,
            ordered=True,
            required=False,
        ),
        Column(
            "phase_<track>_uncertain",
            "boolean",
            "The date could fall in more than one phase (see phases).",
            nullable=True,
            required=False,
        ),
    ),
    sources=(VOETEN_SOURCE, KEY_SOURCE),
    licence=VOETEN_LICENCE,
    file="albania_unga_record.csv",
    unique_key=("rcid",),
)

_VOETEN_COUNT = "Members voting {} on the resolution in Voeten's data; missing after January 2020."

KEY_RESOLUTIONS = Table(
    name="key_resolutions",
    row=(
        "One row per key Palestine-related General Assembly resolution (1974–2024): the official "
        "tally and one country's vote (Albania's in key_resolutions.csv), with their sources, "
        "beside Voeten's counts."
    ),
    columns=(
        Column(
            "resolution",
            "string",
            "Symbol as the UN writes it: '3236 (XXIX)', '67/19', 'ES-10/19'.",
            unique=True,
        ),
        Column("date", "datetime64[ns]", "Date of adoption (official record)."),
        Column("year", "Int64", "Year of adoption.", minimum=1946, unit="year"),
        Column("subject", "string", "What the resolution is about."),
        _count("official_yes", "Official tally: in favour."),
        _count("official_no", "Official tally: against."),
        _count("official_abstain", "Official tally: abstentions."),
        Column("tally_source", "string", "Page the official tally was read from."),
        Column(
            "country",
            "string",
            "The country whose votes the table gives (the voting data's name); empty when "
            "rl.key_resolutions() is asked for none.",
            nullable=True,
        ),
        Column(
            "country_vote",
            "category",
            "The country's vote: read from the page in country_vote_source where "
            "data/reference/unga_key_resolutions.csv lists the country's votes, else its vote "
            "in Voeten's data (missing after January 2020, or when it did not vote).",
            nullable=True,
            categories=VOTE_CATEGORIES,
            ordered=True,
        ),
        Column(
            "country_vote_source",
            "string",
            "Where the country's vote was read: a page, or 'Voeten UNGA voting data (rcid N)'.",
            nullable=True,
        ),
        Column(
            "note",
            "string",
            "Where a figure was not confirmed by a second source, or differs elsewhere.",
            nullable=True,
        ),
        Column(
            "rcid",
            "Int32",
            "Voeten's roll call adopting the resolution; missing after January 2020.",
            nullable=True,
            minimum=1,
        ),
        Column(
            "voeten_date",
            "datetime64[ns]",
            "Date of that roll call in Voeten's data (day unreliable before about 1990).",
            nullable=True,
        ),
        _count("voeten_yes", _VOETEN_COUNT.format("yes"), nullable=True),
        _count("voeten_no", _VOETEN_COUNT.format("no"), nullable=True),
        _count("voeten_abstain", _VOETEN_COUNT.format("abstain"), nullable=True),
        Column(
            "voeten_country_vote",
            "category",
            "The country's vote in Voeten's data.",
            nullable=True,
            categories=VOTE_CATEGORIES,
            ordered=True,
        ),
        Column(
            "tally_differs",
            "boolean",
            "The official and Voeten tallies differ (neither is overwritten); missing where "
            "Voeten has no roll call.",
            nullable=True,
        ),
    ),
    sources=(KEY_SOURCE, VOETEN_SOURCE),
    licence=("Facts (vote counts) cited from the sources named in each row; Voeten's data CC0 1.0"),
    file="key_resolutions.csv",
    unique_key=("resolution",),
)
