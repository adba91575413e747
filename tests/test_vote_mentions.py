"""UN votes stated in an article: rl.extract_vote_mentions and its helpers.

Expected values are read off the sentences by hand; only offsets and section names (which the
article parser owns) are looked up in the parsed article.
"""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from conftest import REPO, fixture_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import relations_lib as rl
from relations_lib.coding import vote_mentions as vm
from relations_lib.errors import ReferenceDataError
from relations_lib.schema import validate_table
from relations_lib.schema import vote_mentions as schema_vm

NA = None
COLUMNS = [
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
]
VOTE = pd.CategoricalDtype(["yes", "abstain", "no"], ordered=True)
COUNT_OF = pd.CategoricalDtype(["yes", "abstain", "no", "members"])
PRECISION = pd.CategoricalDtype(["day", "month", "year", "decade"], ordered=True)  # as in events
LINKED = pd.CategoricalDtype(
    ["named in sentence", "named in article", "date matches key resolution"]
)


def frame(rows: list[dict]) -> pd.DataFrame:
    """An expected table, with the contract's dtypes spelt out here (not borrowed from the
    module under test)."""

    def col(name):
        return [r[name] for r in rows]

    return pd.DataFrame(
        {
            "source": pd.array(col("source"), dtype="string"),
            "section": pd.array(col("section"), dtype="string"),
            "sentence": pd.array(col("sentence"), dtype="string"),
            "start": pd.array(col("start"), dtype="Int64"),
            "end": pd.array(col("end"), dtype="Int64"),
            "date": pd.Series(pd.to_datetime(col("date")), dtype="datetime64[ns]"),
            "year": pd.array(col("year"), dtype="Int64"),
            "date_text": pd.array(col("date_text"), dtype="string"),
            "precision": pd.Series(col("precision"), dtype=PRECISION),
            "resolution": pd.array(col("resolution"), dtype="string"),
            "resolution_source": pd.Series(col("resolution_source"), dtype=LINKED),
            "subject": pd.array(col("subject"), dtype="string"),
            "country": pd.array(col("country"), dtype="string"),
            "country_code": pd.array(col("country_code"), dtype="string"),
            "vote": pd.Series(col("vote"), dtype=VOTE),
            "stated_count": pd.array(col("stated_count"), dtype="Int64"),
            "stated_count_of": pd.Series(col("stated_count_of"), dtype=COUNT_OF),
            "stated_members": pd.array(col("stated_members"), dtype="Int64"),
        }
    )


def sentence_of(article: rl.Article, prefix: str) -> rl.Sentence:
    found = [s for s in article.sentences if s.text.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} sentences start with {prefix!r}"
    return found[0]


# (sentence starts with, country, code, vote, date, date_text, precision, resolution,
#  resolution_source, subject, stated_count, stated_count_of, stated_members)
Row = tuple


def expected(article: rl.Article, rows: list[Row]) -> pd.DataFrame:
    out = []
    for prefix, country, code, vote, date, date_text, precision, res, linked, *rest in rows:
        subject, count, count_of, members = rest
        s = sentence_of(article, prefix)
        out.append(
            {
                "source": article.source,
                "section": s.section,
                "sentence": s.text,
                "start": s.start,
                "end": s.end,
                "date": date,
                "year": int(date[:4]) if date else None,
                "date_text": date_text,
                "precision": precision,
                "resolution": res,
                "resolution_source": linked,
                "subject": subject,
                "country": country,
                "country_code": code,
                "vote": vote,
                "stated_count": count,
                "stated_count_of": count_of,
                "stated_members": members,
            }
        )
    return frame(out)


# --- the seed ----------------------------------------------------------------------------


def test_seed_states_two_votes(seed):
    first = (
        "Albania was one of the 41 countries that abstained in the voting for the application "
        "of Palestine for non-member observer state of the United Nations on 29 November 2012."
    )
    second = (
        "In 2015, Albania was one of the 119 UN-member countries (out of 193) that voted in "
        "favor of raising the Palestinian flag at the UN."
    )
    base = {
        "source": "albania_palestine_relations.txt",
        "section": "Recognition of Palestine",
        "country": "Albania",
        "country_code": "ALB",
    }
    want = frame(
        [
            {
                **base,
                "sentence": first,
                "start": seed.text.index(first),
                "end": seed.text.index(first) + len(first),
                "date": "2012-11-29",
                "year": 2012,
                "date_text": "29 November 2012",
                "precision": "day",
                "resolution": "67/19",  # named only in the See also list
                "resolution_source": "named in article",
                "subject": "the application of Palestine for non-member observer state of the "
                "United Nations",
                "vote": "abstain",
                "stated_count": 41,
                "stated_count_of": "abstain",
                "stated_members": None,
            },
            {
                **base,
                "sentence": second,
                "start": seed.text.index(second),
                "end": seed.text.index(second) + len(second),
                "date": "2015-01-01",
                "year": 2015,
                "date_text": "2015",
                "precision": "year",
                "resolution": "69/320",  # the one 2015 key resolution about flags
                "resolution_source": "date matches key resolution",
                "subject": "raising the Palestinian flag at the UN",
                "vote": "yes",
                "stated_count": 119,
                "stated_count_of": "yes",
                "stated_members": 193,  # the membership, not a vote total
            },
        ]
    )
    assert_frame_equal(rl.extract_vote_mentions(seed), want)


# --- the test articles ---------------------------------------------------------------------

GHANA_IRELAND: list[Row] = [
    ("Ireland voted in favour", "Ireland", "IRL", "yes", "2012-11-29", "29 November 2012",
     "day", "67/19", "named in sentence", "resolution 67/19", NA, NA, NA),
    # Ghana's clause names nothing: it shares the sentence's one resolution and its date
    ("Ireland voted in favour", "Ghana", "GHA", "abstain", "2012-11-29", "29 November 2012",
     "day", "67/19", "named in sentence", NA, NA, NA, NA),
    # no date, no subject words: the resolution named in the sentence before, same paragraph
    ("Nigeria was one of the 138", "Nigeria", "NGA", "yes", NA, NA, NA, "67/19",
     "named in article", "the resolution", 138, "yes", NA),
    ("Both countries voted", "Ghana", "GHA", "yes", "2017-12-01", "December 2017", "month",
     "ES-10/19", "named in sentence", "resolution ES-10/19", NA, NA, NA),
    ("Both countries voted", "Ireland", "IRL", "yes", "2017-12-01", "December 2017", "month",
     "ES-10/19", "named in sentence", "resolution ES-10/19", NA, NA, NA),
    # count after the verb; month + "flag" → the one September 2015 key resolution
    ("Ghana voted for the flag", "Ghana", "GHA", "yes", "2015-09-01", "September 2015",
     "month", "69/320", "date matches key resolution", "the flag resolution", 119, "yes", NA),
    # count before the verb, the voter after it ("…, including Ghana")
    ("Twenty-three countries", "Ghana", "GHA", "abstain", "2023-12-01", "December 2023",
     "month", "ES-10/22", "date matches key resolution", "a humanitarian ceasefire", 23,
     "abstain", NA),
    # absent: neither yes, no nor abstain
    ("Ghana was absent", "Ghana", "GHA", NA, NA, NA, NA, "3379 (XXX)", "named in sentence",
     "resolution 3379 (XXX)", NA, NA, NA),
    # a tally gives the count of the option the country chose
    ("Resolution ES-10/23 was adopted", "Ireland", "IRL", "yes", NA, NA, NA, "ES-10/23",
     "named in sentence", NA, 143, "yes", NA),
    ("The United States voted against", "United States", "USA", "no", "1988-01-01", "1988",
     "year", "43/177", "named in sentence", "resolution 43/177", NA, NA, NA),
    ("Ghana's abstention", "Ghana", "GHA", "abstain", "2023-10-01", "October 2023", "month",
     "ES-10/21", "named in sentence", "resolution ES-10/21", NA, NA, NA),
]  # fmt: skip

CUBA_MALTA: list[Row] = [
    # 2012 alone matches 67/19's year, but without a subject a year is not enough
    ("Malta abstained in 2012", "Malta", "MLT", "abstain", "2012-01-01", "2012", "year", NA,
     NA, NA, NA, NA, NA),
    # the second verb has no subject of its own: Malta again
    ("Malta abstained in 2012", "Malta", "MLT", "yes", "2015-01-01", "2015", "year",
     "69/320", "date matches key resolution", "the flag resolution", NA, NA, NA),
    # the See also list names 67/19, adopted that very day
    ("Cuba voted yes", "Cuba", "CUB", "yes", "2012-11-29", "29 November 2012", "day", "67/19",
     "named in article", "the status resolution", NA, NA, NA),
    # no date: linked by subject words to the article's 67/19 (not 3237, which shares fewer)
    ("Malta, along with 40", "Malta", "MLT", "abstain", NA, NA, NA, "67/19",
     "named in article", "Palestine's status as a non-member observer state", 41, "abstain",
     NA),
    # "did not vote": the count counts non-voters, so it counts no option; "the resolution"
    # on the day ES-10/23 passed says nothing of its subject, so the day alone does not link
    ("Malta was one of the 12", "Malta", "MLT", NA, "2024-05-10", "10 May 2024", "day",
     NA, NA, "the resolution", 12, NA, NA),
    ("Cuba voted for resolutions", "Cuba", "CUB", "yes", "1974-11-22", "22 November 1974",
     "day", "3236 (XXIX)", "named in sentence", "resolutions 3236 (XXIX) and 3237 (XXIX)", NA,
     NA, NA),
    ("Cuba voted for resolutions", "Cuba", "CUB", "yes", "1974-11-22", "22 November 1974",
     "day", "3237 (XXIX)", "named in sentence", "resolutions 3236 (XXIX) and 3237 (XXIX)", NA,
     NA, NA),
    ("Cuba and Malta were among", "Cuba", "CUB", "yes", "2023-12-01", "December 2023", "month",
     "ES-10/22", "date matches key resolution", "a humanitarian ceasefire in Gaza", 153, "yes",
     NA),
    ("Cuba and Malta were among", "Malta", "MLT", "yes", "2023-12-01", "December 2023",
     "month", "ES-10/22", "date matches key resolution", "a humanitarian ceasefire in Gaza",
     153, "yes", NA),
    # participles and an "(A–B–C)" tally; American spelling
    ("With Cuba voting in favor", "Cuba", "CUB", "yes", NA, NA, NA, NA, NA, NA, 138, "yes",
     NA),
    ("With Cuba voting in favor", "Malta", "MLT", "abstain", NA, NA, NA, NA, NA, NA, 41,
     "abstain", NA),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "rows"),
    [("votes_ghana_ireland_relations", GHANA_IRELAND), ("votes_cuba_malta_relations", CUBA_MALTA)],
)
def test_test_articles(article, name, rows):
    a = article(name)
    assert_frame_equal(rl.extract_vote_mentions(a), expected(a, rows))


# --- one sentence at a time ----------------------------------------------------------------

UN_ARTICLE = "= Chile–Norway relations =\n\n==United Nations==\n{}\n"


def mentions(sentence: str, template: str = UN_ARTICLE) -> pd.DataFrame:
    return rl.extract_vote_mentions(rl.parse_article(template.format(sentence), source="t.txt"))


def brief(df: pd.DataFrame) -> list[tuple]:
    """(code, vote, stated_count, stated_count_of, stated_members, subject), missing → None."""
    cols = ["country_code", "vote", "stated_count", "stated_count_of", "stated_members"]
    out = []
    for row in df[[*cols, "subject"]].astype(object).itertuples(index=False):
        out.append(tuple(None if pd.isna(v) else v for v in row))
    return out


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Chile voted in favor of the draft resolution.",
         [("CHL", "yes", None, None, None, "the draft resolution")]),
        ("Israel and the United States voted against the resolution, while Chile abstained.",
         [("ISR", "no", None, None, None, "the resolution"),
          ("USA", "no", None, None, None, "the resolution"),
          ("CHL", "abstain", None, None, None, None)]),
        ("138 countries, including Norway, voted for the resolution.",
         [("NOR", "yes", 138, "yes", None, "the resolution")]),
        ("In 2012, 41 countries abstained in the UN vote, including Chile and Germany.",
         [("CHL", "abstain", 41, "abstain", None, None),
          ("DEU", "abstain", 41, "abstain", None, None)]),
        ("Norway, along with 40 other countries, abstained on the draft resolution in the "
         "General Assembly.",
         [("NOR", "abstain", 41, "abstain", None,
           "the draft resolution in the General Assembly")]),
        ("Norway abstained, one of 41 countries to do so, in the General Assembly vote in 2012.",
         [("NOR", "abstain", 41, "abstain", None, None)]),
        ("The resolution was adopted by a vote of 138 to 9 with 41 abstentions; Norway voted "
         "in favour.",
         [("NOR", "yes", 138, "yes", None, None)]),
        ("Chile voted against it; the resolution passed by 138 votes to 9, with 41 abstentions "
         "at the UN.",
         [("CHL", "no", 9, "no", None, "it")]),
        ("Chile was one of only nine countries to vote against the UN resolution.",
         [("CHL", "no", 9, "no", None, "the UN resolution")]),
        ("Chile, together with 118 other UN members (out of 193), voted for the flag "
         "resolution in 2015.",
         [("CHL", "yes", 119, "yes", 193, "the flag resolution")]),
        ("Chile, one of the 193 member states of the UN, voted in favour of resolution "
         "ES-10/23.",
         [("CHL", "yes", 193, "members", 193, "resolution ES-10/23")]),
        ("Of the 193 member states, 138 voted in favour, including Norway.",
         [("NOR", "yes", 138, "yes", 193, None)]),
        ("Chile did not vote on resolution 3379 in 1975.",
         [("CHL", None, None, None, None, "resolution 3379")]),
        ("The Norwegian delegation abstained in the UN vote on 10 September 2015.",
         [("NOR", "abstain", None, None, None, None)]),
        ("Trinidad and Tobago and Norway voted in favour of the UN resolution.",
         [("TTO", "yes", None, None, None, "the UN resolution"),
          ("NOR", "yes", None, None, None, "the UN resolution")]),
        ("Iceland, which abstained in the 2012 vote, later recognised Palestine.",
         [("ISL", "abstain", None, None, None, None)]),
        ("Chile was one of the 41 abstentions when resolution 67/19 was adopted.",
         [("CHL", "abstain", 41, "abstain", None, None)]),
        ("The General Assembly voted 138 in favour to 9 against, with Chile and Norway among "
         "the 41 abstentions.",
         [("CHL", "abstain", 41, "abstain", None, None),
          ("NOR", "abstain", 41, "abstain", None, None)]),
        ("Forty-one countries, among them Chile, abstained in the General Assembly vote on 29 "
         "November 2012.",
         [("CHL", "abstain", 41, "abstain", None, None)]),
        ("On 29 November 2012, Chile voted in favor of the United Nations General Assembly "
         "resolution 67/19, upgrading Palestine to non-member observer state status.",
         [("CHL", "yes", None, None, None,
           "the United Nations General Assembly resolution 67/19")]),
        ("Vietnam abstained from voting on the UN resolution condemning Russia's annexation of "
         "Crimea.",
         [("VNM", "abstain", None, None, None,
           "the UN resolution condemning Russia's annexation of Crimea")]),
        ("Eritrea, Syria, North Korea, Belarus and Russia voted against the resolution.",
         [(code, "no", None, None, None, "the resolution")
          for code in ("ERI", "SYR", "PRK", "BLR", "RUS")]),
        ("India abstained from the vote at the UN, as did 34 other countries.",
         [("IND", "abstain", 35, "abstain", None, None)]),
        ("Norway cast an affirmative vote on the UN resolution in 2012.",
         [("NOR", "yes", None, None, None, "the UN resolution")]),
        ("Chile voted yes on resolution ES-10/19.",
         [("CHL", "yes", None, None, None, "resolution ES-10/19")]),
    ],
)  # fmt: skip
def test_one_sentence(sentence, want):
    assert brief(mentions(sentence)) == want


@pytest.mark.parametrize(
    ("sentence", "date_text", "precision", "resolution", "linked"),
    [
        ("Norway voted in favour of resolution 67/19 on 29 November 2012.",
         "29 November 2012", "day", "67/19", "named in sentence"),
        # the day 69/320 passed, but no subject: the day alone does not link
        ("The Norwegian delegation abstained in the UN vote on 10 September 2015.",
         "10 September 2015", "day", None, None),
        ("The Norwegian delegation abstained on raising the flags at the UN on 10 September "
         "2015.", "10 September 2015", "day", "69/320", "date matches key resolution"),
        # the day 67/19 passed, but another subject: no link
        ("Norway voted for a UN resolution on nuclear disarmament on 29 November 2012.",
         "29 November 2012", "day", None, None),
        # a day with two key resolutions and no subject to choose between them
        ("Norway abstained in the UN vote on 22 November 1974.",
         "22 November 1974", "day", None, None),
        ("Norway abstained on the PLO's observer status at the UN on 22 November 1974.",
         "22 November 1974", "day", "3237 (XXIX)", "date matches key resolution"),
        ("Chile voted for resolutions 3236 and 3237 in November 1974.",
         "November 1974", "month", "3236 (XXIX)", "named in sentence"),
        ("Chile voted against A/RES/ES-10/19 at the UN.", None, None, "ES-10/19",
         "named in sentence"),
        ("In December 2023, Chile voted for a humanitarian ceasefire in Gaza at the UN.",
         "December 2023", "month", "ES-10/22", "date matches key resolution"),
        # 2023 has two key resolutions about Gaza: "Gaza" alone cannot choose
        ("In 2023, Chile voted for a UN resolution on Gaza.", "2023", "year", None, None),
        ("Chile voted in favour of UN resolution 181 in 1947.", "1947", "year", "181",
         "named in sentence"),
        ("Norway voted for Security Council resolution 242 at the UN in 1967.", "1967", "year",
         "S/RES/242", "named in sentence"),
        # "the 1947 partition plan" is what was voted on, not when
        ("In 1977 Chile voted for a UN resolution on the 1947 partition plan.", "1977", "year",
         None, None),
    ],
)  # fmt: skip
def test_dates_and_resolutions(sentence, date_text, precision, resolution, linked):
    df = mentions(sentence)
    assert len(df) >= 1
    row = df.iloc[0]
    assert (None if pd.isna(row["date_text"]) else row["date_text"]) == date_text
    assert (None if pd.isna(row["precision"]) else row["precision"]) == precision
    assert (None if pd.isna(row["resolution"]) else row["resolution"]) == resolution
    assert (None if pd.isna(row["resolution_source"]) else row["resolution_source"]) == linked


@pytest.mark.parametrize(("year", "resolution"), [(1947, "181 (II)"), (1975, None)])
def test_resolution_named_elsewhere_outside_the_key_table(year, resolution):
    """Not a key resolution: its session (II: 1947–48) gives its years, the sentence naming it
    its subject; a vote dated outside the session is not linked to it."""
    text = (
        "Resolution 181 (II) recommended the partition of Palestine. "
        f"Later, Norway voted for the partition plan at the UN in {year}."
    )
    df = mentions(text)
    assert len(df) == 1
    got = df.loc[0, "resolution"]
    assert (None if pd.isna(got) else got) == resolution
    if resolution:
        assert df.loc[0, "resolution_source"] == "named in article"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Norwegian parliament held a vote of confidence in 2012.",
        "The UN vote of confidence in the mission was held in 2012.",
        "The Norwegian parliament voted in favour of recognising Palestine, ahead of any UN "
        "resolution.",
        "Albanians voted for the Democratic Party in the elections, while the UN observed.",
        "Norwegians voted against EU membership in the referendum, while the UN looked on.",
        "Chile voted against its own constitution in a referendum monitored by the UN.",
        "Norway voted for the first time in the UN Human Rights Council.",
        "The UN General Assembly voted in favour of the resolution by 138 votes to 9, with 41 "
        "abstentions.",
        "Norway did not vote against the UN resolution.",
        "Chile and Norway never voted against the UN resolution.",
        "Chile refused to vote for the UN resolution.",
        "A vote for the resolution in the UN was a vote for peace, the Chilean minister said.",
        "Norway supported the UN resolution.",
        "Chile voted with Norway on most UN resolutions.",
        "The resolution on Palestine was voted on at the UN.",
        "Norway votes in the UN are coordinated with the Nordic countries.",
        "A majority of 138 UN members voted in favour.",
        "Chile hosted a UN conference on voting rights.",
        "The Republic voted against the UN resolution.",
    ],
)
def test_not_a_vote(sentence):
    df = mentions(sentence)
    assert df.empty, brief(df)
    assert list(df.columns) == COLUMNS


def test_un_context_is_required():
    sentence = "Norway voted against the proposal."
    assert brief(mentions(sentence)) == [("NOR", "no", None, None, None, "the proposal")]
    trade = "= Chile–Norway relations =\n\n==Trade==\n{}\n"
    assert mentions(sentence, trade).empty
    # … and the sentence before, in the same section, can give it
    before = "= Chile–Norway relations =\n\n==Trade==\nA UN resolution was tabled. {}\n"
    assert len(mentions(sentence, before)) == 1


# --- the table -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["seed", *fixture_names()])
def test_every_row_points_at_its_sentence(article, name):
    a = article(name)
    df = rl.extract_vote_mentions(a)
    validate_table("vote_mentions", df)
    for row in df.itertuples(index=False):
        assert a.text[row.start : row.end] == row.sentence
        assert row.source == a.source
    assert not df.duplicated().any()


def test_dtypes(seed):
    df = rl.extract_vote_mentions(seed)
    assert list(df.columns) == COLUMNS
    assert df["vote"].dtype == VOTE and df["vote"].cat.ordered
    assert df["stated_count_of"].dtype == COUNT_OF
    assert df["precision"].dtype == PRECISION
    assert df["resolution_source"].dtype == LINKED
    assert str(df["date"].dtype) == "datetime64[ns]"
    for col in ("start", "end", "year", "stated_count", "stated_members"):
        assert isinstance(df[col].dtype, pd.Int64Dtype), col
    for col in ("source", "section", "sentence", "resolution", "subject", "country"):
        assert isinstance(df[col].dtype, pd.StringDtype), col


def test_empty_table_keeps_its_dtypes(article):
    df = rl.extract_vote_mentions(article("chile_norway_relations"))
    assert df.empty
    assert list(df.columns) == COLUMNS
    assert df["vote"].dtype == VOTE
    validate_table("vote_mentions", df)


def test_vote_levels_are_declared_once():
    assert vm.VOTE_LEVELS == ("yes", "abstain", "no")
    dtype = vm.vote_dtype()
    assert list(dtype.categories) == ["yes", "abstain", "no"] and dtype.ordered
    assert vm.vote_dtype() is dtype  # one object, shared by every table
    # the schema repeats them (it must import without the parser); they must agree
    assert schema_vm.VOTE_LEVELS == vm.VOTE_LEVELS
    assert schema_vm.COUNT_OF_LEVELS == vm.COUNT_OF_LEVELS
    assert schema_vm.RESOLUTION_SOURCES == vm.RESOLUTION_SOURCES
    from relations_lib.text.dates import PRECISIONS

    assert schema_vm.PRECISIONS == PRECISIONS


def test_importing_the_module_is_cheap():
    code = "import sys, relations_lib.coding.vote_mentions; print('pandas' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "False"


# --- helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("See also United Nations General Assembly resolution 67/19", [("67/19", "67/19")]),
        ("resolutions 3236 and A/RES/67/19",
         [("3236 (XXIX)", "3236"), ("67/19", "A/RES/67/19")]),
        ("A/RES/ES-10/19 and ES-10/23", [("ES-10/19", "A/RES/ES-10/19"), ("ES-10/23", "ES-10/23")]),
        ("resolution 3379 (XXX), which", [("3379 (XXX)", "3379 (XXX)")]),
        ("Security Council resolution 242", [("S/RES/242", "242")]),
        ("in 1974 and 2012, 67/19 of them", []),  # numbers without "resolution" are not
    ],
)  # fmt: skip
def test_find_resolutions(text, want):
    """(canonical symbol, the text it was read from)."""
    assert [(r, text[a:b]) for r, a, b in vm.find_resolutions(text)] == want


@pytest.mark.parametrize(
    ("text", "n"),
    [("41", 41), ("nine", 9), ("forty-one", 41), ("Twenty three", 23),
     ("one hundred and nineteen", 119), ("a hundred", 100)],
)  # fmt: skip
def test_number_words(text, n):
    assert vm._number(text) == n


def test_key_resolutions_are_read():
    keys = {k.resolution: k for k in vm.key_resolution_list()}
    assert keys["67/19"].date.isoformat() == "2012-11-29"
    assert (keys["67/19"].yes, keys["67/19"].no, keys["67/19"].abstain) == (138, 9, 41)
    assert keys["69/320"].date.year == 2015


@pytest.fixture
def patterns_file(tmp_path, monkeypatch):
    """Point the vocabulary reader at a copy of vote_patterns.csv that a test may break."""
    from relations_lib.coding.vote_mentions import vocabulary
    from relations_lib.paths import reference_file

    original = reference_file(vm.PATTERNS_FILE).read_text(encoding="utf-8")
    path = tmp_path / vm.PATTERNS_FILE

    def fake(name):
        return path if name == vm.PATTERNS_FILE else reference_file(name)

    monkeypatch.setattr(vocabulary, "reference_file", fake)
    vm._vocab.cache_clear()
    vm._grammar.cache_clear()
    yield path, original
    vm._vocab.cache_clear()
    vm._grammar.cache_clear()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("verb,voted\\s+(,yes,", r"bad pattern"),
        ("verb,voted\\s+maybe,perhaps,", r"verb needs a vote"),
        ("adverb,quickly,,", r"unknown kind 'adverb'"),
    ],
)
def test_bad_pattern_file_names_file_and_line(patterns_file, line, message):
    path, original = patterns_file
    lines = original.splitlines()
    lines.insert(3, line)  # becomes line 4 of the file
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=rf"vote_patterns\.csv:4: {message}"):
        mentions("Norway voted against the UN resolution.")


def test_the_vocabulary_drives_the_parser(patterns_file):
    path, original = patterns_file
    sentence = "Norway endorsed the UN resolution."
    path.write_text(original, encoding="utf-8")
    assert mentions(sentence).empty
    path.write_text(original + "verb,endorsed,yes,test row\n", encoding="utf-8")
    vm._vocab.cache_clear()
    vm._grammar.cache_clear()
    assert brief(mentions(sentence)) == [("NOR", "yes", None, None, None, "the UN resolution")]


# --- robustness ----------------------------------------------------------------------------

FRAGMENTS = [
    "Norway", "Chile", "the United States", "Trinidad and Tobago", "Israel", "both countries",
    "the Norwegian delegation", "voted", "voted in favour of", "voted in favor of",
    "voted against", "voted for", "abstained", "abstaining", "did not vote", "voting",
    "the vote on", "was one of the", "were among the", "41", "forty-one", "138", "(out of 193)",
    "countries", "member states", "that", "including", "along with 40 other states", ",", ";",
    "and", "but", "while", "resolution 67/19", "A/RES/ES-10/19", "3236 (XXIX)", "at the UN",
    "in the General Assembly", "on 29 November 2012", "in 2015", "in December 2017",
    "by a vote of 138 to 9 with 41 abstentions", "abstentions", "the resolution", "Palestine's",
    "'s", "not", "(", ")", "the", "of", "—",
]  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30))
def test_any_sentence_gives_a_valid_table(words):
    sentence = " ".join(words) + "."
    a = rl.parse_article(UN_ARTICLE.format(sentence), source="fuzz.txt")
    df = rl.extract_vote_mentions(a)
    validate_table("vote_mentions", df)
    for row in df.itertuples(index=False):
        assert a.text[row.start : row.end] == row.sentence
        assert pd.notna(row.country_code)
        for quoted in (row.subject, row.date_text):
            assert pd.isna(quoted) or quoted in row.sentence
        if pd.notna(row.stated_count_of) and row.stated_count_of != "members":
            assert row.stated_count_of == row.vote
