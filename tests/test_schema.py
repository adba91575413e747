"""The column dictionary: its collection, the pandera schemas made from it, and every public
frame checked against its own description."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, fixture_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relations_lib as rl
from relations_lib import schema
from relations_lib.errors import SchemaError
from relations_lib.schema import TABLES, Column, Table, to_pandera, validate_table

EXPECTED_TABLES = {
    "sentences",
    "events",
    "unmatched",
    "vote_mentions",
    "roll_calls",
    "votes",
    "roll_call_issues",
    "voting_record",
    "key_resolutions",
    "phases",
    "corpus_errors",
}
DTYPES = re.compile(
    r"string|Int(8|16|32|64)|UInt(8|16|32|64)|float64|boolean|category|datetime64\[ns\]|object"
)


# --- the collection ------------------------------------------------------------------------


def test_every_table_is_described():
    assert set(TABLES) >= EXPECTED_TABLES, f"missing: {EXPECTED_TABLES - set(TABLES)}"


def test_every_file_that_make_data_writes_has_a_description():
    from relations_lib.build import TABLES as BUILT

    stems = [Path(name).stem for name in BUILT]
    assert sorted(schema.FILE_STEMS) == sorted(stems)
    assert sorted(schema.FILES) == sorted(stems), "a file's table is not described yet"
    # A Table that names its file is the one validating that file.
    for table in TABLES.values():
        if table.file:
            assert schema.FILES[Path(table.file).stem] is table
    assert schema.FILES["albania_unga_record"] is TABLES["voting_record"]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_description_is_complete(name):
    table = TABLES[name]
    assert table.name == name
    assert table.row.startswith("One row per "), table.row
    names = table.column_names
    assert len(names) == len(set(names)), "a column is described twice"
    assert set(table.unique_key) <= set(names)
    for column in table.columns:
        assert DTYPES.fullmatch(column.dtype), f"{column.name}: dtype {column.dtype!r}"
        assert len(column.description) > 10, f"{column.name} has no real description"
        if column.ordered:
            assert column.dtype == "category", f"{column.name}: ordered but not a category"
        if column.minimum is not None and column.maximum is not None:
            assert column.minimum <= column.maximum
        assert not (column.unique and column.nullable and column.required is False)


def test_lookup_by_table_name_or_file_stem():
    assert schema.table_for("voting_record") is schema.table_for("albania_unga_record")
    with pytest.raises(
        SchemaError, match=r"no table described as 'nope'.*known tables: .*sentences"
    ):
        schema.table_for("nope")


def test_importing_the_schema_stays_cheap():
    code = (
        "import sys, relations_lib.schema as s; assert s.TABLES; "
        "print(sorted(m for m in ('pandas', 'pandera') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"


# --- to_pandera on a small table -----------------------------------------------------------

TOY = Table(
    name="toy",
    row="One row per toy.",
    columns=(
        Column("name", "string", "The toy's name.", unique=True),
        Column("n", "Int64", "How many.", minimum=0, maximum=10, nullable=True),
        Column("vote", "category", "A vote.", categories=("yes", "abstain", "no"), ordered=True),
        Column("kind", "string", "Kind of toy.", categories=("ball", "doll")),
        Column("when", "datetime64[ns]", "When it was made.", nullable=True),
        Column(
            "phase_<track>",
            "category",
            "Phase on a track.",
            nullable=True,
            ordered=True,
            required=False,
        ),
        Column(
            "phase_<track>_uncertain", "boolean", "Uncertain phase.", nullable=True, required=False
        ),
        Column("score", "float64", "A score.", minimum=-1.0, required=False),
    ),
    unique_key=("name", "vote"),
)
VOTES = pd.CategoricalDtype(["yes", "abstain", "no"], ordered=True)


def toy(**overrides) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "name": pd.array(["a", "b"], dtype="string"),
            "n": pd.array([1, None], dtype="Int64"),
            "vote": pd.Series(["yes", "no"], dtype=VOTES),
            "kind": pd.array(["ball", "doll"], dtype="string"),
            "when": pd.to_datetime(["1990-01-01", None]),
        }
    )
    return frame.assign(**overrides)


def failure(frame: pd.DataFrame, table: Table = TOY) -> str:
    """The SchemaError message; the quick check must have said no as well."""
    assert not schema.conforms(table, frame)
    with pytest.raises(SchemaError) as info:
        validate_table(table, frame)
    return str(info.value)


def check(name: str | Table, frame: pd.DataFrame) -> None:
    """Valid, and valid by the quick check too (else every validation pays for pandera)."""
    assert validate_table(name, frame) is frame
    assert schema.conforms(schema.table_for(name), frame), f"{name}: pandera-only pass"


def test_valid_frame_comes_back_unchanged():
    frame = toy()
    assert validate_table(TOY, frame) is frame
    assert schema.conforms(TOY, frame)
    to_pandera(TOY).validate(frame)


def test_schema_is_strict_and_ordered():
    sch = to_pandera(TOY)
    assert sch.strict is True
    assert "toy" in failure(toy(extra=1)) and "columns not in the description: 'extra'" in failure(
        toy(extra=1)
    )
    assert "columns missing from the frame: 'kind'" in failure(toy().drop(columns="kind"))
    swapped = toy()[["n", "name", "vote", "kind", "when"]]
    assert "columns out of the described order: 'name'" in failure(swapped)


def test_optional_columns_and_placeholder_families():
    cat = pd.Categorical(["p1", None], categories=["p1", "p2"], ordered=True)
    flag = pd.array([True, None], dtype="boolean")
    # families may interleave, and several members may be present
    frame = toy(
        phase_albania=cat,
        phase_albania_uncertain=flag,
        phase_global=cat,
        phase_global_uncertain=flag,
        score=[0.5, -1.0],
    )
    check(TOY, frame)
    # a member of the _uncertain family is checked as boolean, not as the phase category
    bad = toy(phase_albania=cat, phase_albania_uncertain=cat)
    assert "column 'phase_albania_uncertain': dtype('boolean')" in failure(bad)
    # an ordered family must hold ordered categories
    unordered = toy(phase_albania=pd.Categorical(["p1", "p2"]))
    assert "expected an ordered category" in failure(unordered)
    # an optional column after the families still keeps its place
    assert "out of the described order: 'phase_x'" in failure(toy(score=[0.0, 1.0], phase_x=cat))


def test_misordered_columns():
    assert schema.misordered_columns(TOY, ["name", "n", "vote"]) == []
    assert schema.misordered_columns(TOY, ["n", "name"]) == ["name"]
    assert schema.misordered_columns(TOY, ["name", "phase_a", "phase_a_uncertain", "phase_b"]) == []
    assert schema.misordered_columns(TOY, ["name", "score", "phase_a"]) == ["phase_a"]


@pytest.mark.parametrize(
    ("column", "values", "expected"),
    [
        ("n", pd.array([11, 0], dtype="Int64"), "in_range(0, 10): 1 failing value: 11 (row 0)"),
        (
            "n",
            pd.Series([1, 2], dtype="int64"),
            "expected the nullable Int64 dtype (dtype is int64)",
        ),
        ("name", pd.Series(["a", "b"], dtype=object), "expected a pandas string dtype"),
        ("name", pd.array(["a", None], dtype="string"), "column 'name': not_nullable"),
        ("name", pd.array(["a", "a"], dtype="string"), "column 'name': field_uniqueness"),
        ("kind", pd.array(["ball", "kite"], dtype="string"), "'kite' (row 1)"),
        ("vote", pd.Categorical(["yes", "no"], categories=["yes", "no"], ordered=True), "vote"),
        ("vote", pd.Categorical(["yes", "no"], categories=["yes", "abstain", "no"]), "vote"),
        ("vote", pd.array(["yes", "no"], dtype="string"), "column 'vote'"),
        ("when", pd.array(["1990-01-01", None], dtype="string"), "column 'when'"),
    ],
)
def test_each_check_fails_readably(column, values, expected):
    message = failure(toy(**{column: values}))
    assert message.startswith("table 'toy' (2 rows) does not match its description")
    assert expected in message


def test_unique_key_and_every_failure_listed():
    frame = toy(
        name=pd.array(["a", "a"], dtype="string"), vote=pd.Series(["no", "no"], dtype=VOTES)
    )
    frame.loc[1, "n"] = 99
    message = failure(frame)
    assert "key (name, vote) not unique: repeated at rows [0, 1]" in message
    assert "in_range(0, 10): 1 failing value: 99 (row 1)" in message
    assert message.splitlines()[0].endswith("3 failures")


def test_many_failures_are_summarised():
    n = pd.array(list(range(20, 40)), dtype="Int64")
    frame = pd.concat([toy()] * 10, ignore_index=True).assign(
        n=n, name=pd.array([str(i) for i in range(20)], dtype="string")
    )
    assert (
        "20 failing values: 20 (row 0), 21 (row 1), 22 (row 2), 23 (row 3), 24 (row 4) "
        "… and 15 more" in failure(frame)
    )


def test_not_a_frame():
    with pytest.raises(SchemaError, match="expected a DataFrame, got list"):
        validate_table("sentences", [1, 2])


@pytest.mark.parametrize("name", sorted(TABLES))
def test_empty_frame_matches_its_description(name):
    frame = schema.empty_frame(name)
    assert len(frame) == 0
    check(name, frame)


def test_keyed_by_article():
    many = schema.keyed_by_article(TABLES["sentences"])
    assert many.column_names == ["article", *TABLES["sentences"].column_names]
    assert many.unique_key == ("article", "source", "sentence_index")
    assert many.file is None


# --- every public frame against its own description ----------------------------------------


@pytest.mark.parametrize("name", ["seed", *fixture_names()])
def test_sentences_frames(article, name):
    frame = article(name).sentences_frame()
    check("sentences", frame)
    a = article(name)
    for row in frame.itertuples(index=False):
        assert a.text[row.start : row.end] == row.sentence


@pytest.mark.parametrize("name", ["seed", *fixture_names()])
def test_article_tables(article, name):
    a = article(name)
    check("events", rl.extract_events(a))
    check("vote_mentions", rl.extract_vote_mentions(a))
    check("unmatched", rl.unmatched(a))


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("roll_calls", lambda: rl.roll_calls()),
        ("votes", lambda: rl.votes()),
        ("roll_call_issues", lambda: rl.roll_call_issues()),
        ("voting_record", lambda: rl.voting_record("AL")),
        ("voting_record", lambda: rl.voting_record(country="US", issue="me")),
        ("key_resolutions", lambda: rl.key_resolutions("AL")),
        ("key_resolutions", lambda: rl.key_resolutions("US")),
        ("key_resolutions", lambda: rl.key_resolutions()),
        ("voting_record", lambda: rl.unvotes.record_concerning("CU", "Soviet Union")),
        ("phases", lambda: rl.cold_war_phases()),
    ],
    ids=[
        "roll_calls",
        "votes",
        "issues",
        "record_AL",
        "record_US_me",
        "key_AL",
        "key_US",
        "key_none",
        "record_CU_on_SUN",
        "phases",
    ],
)
def test_library_tables(name, call):
    frame = call()
    assert len(frame) > 0
    check(name, frame)


def test_tables_with_phases_match_their_description(seed):
    from relations_lib.history.phases import assign_phases

    events = assign_phases(rl.extract_events(seed))
    assert any(c.startswith("phase_") for c in events.columns)
    check("events", events)
    check("vote_mentions", assign_phases(rl.extract_vote_mentions(seed)))
    check("voting_record", assign_phases(rl.voting_record("AL")))


# --- the data dictionary --------------------------------------------------------------------


def test_data_readme_documents_every_file_and_column():
    text = schema.data_readme()
    assert text == schema.data_readme(), "not deterministic"
    assert text.endswith("\n") and "\r" not in text
    for stem, table in schema.FILES.items():
        assert f"## {stem}.csv" in text
        assert table.row in text
        for column in table.columns:
            assert f"| `{column.name}` | " in text
    for table in TABLES.values():
        assert table.row in text
    for needle in (
        "CC BY-SA 4.0",
        "CC0",
        "Voeten",
        "Bailey, Strezhnev",
        "CAMEO",
        "GDELT",
        "PLOVER",
        "make data",
    ):
        assert needle in text, needle
    for source in TABLES["phases"].sources:
        assert source in text


def test_data_readme_column_rows():
    text = schema.data_readme()
    assert "| `start` | Int64 | no | ≥ 0 | characters | " in text
    assert "| `kind` | string | no | `paragraph`, `list_item` |" in text
    vote = next(c for c in TABLES["voting_record"].columns if c.name == "country_vote")
    assert (
        "| `country_vote` | category (ordered) | yes | "
        + " < ".join(f"`{c}`" for c in vote.categories)
        in text
    )


# --- the quick check is never looser than pandera ------------------------------------------------

NAMES = ["name", "n", "vote", "kind", "when", "phase_a", "phase_a_uncertain", "score", "extra"]


@st.composite
def toy_like(draw) -> pd.DataFrame:
    """Frames near TOY: any column order and subset, dtypes and values that may or may not fit."""
    rows = draw(st.integers(0, 4))
    columns = draw(st.lists(st.sampled_from(NAMES), unique=True, min_size=0, max_size=9))
    if draw(st.booleans()):
        columns = [n for n in NAMES if n in columns]  # often in order, so values get checked
    data = {}
    for name in columns:
        kind = draw(
            st.sampled_from(
                [
                    "string",
                    "object",
                    "Int64",
                    "int64",
                    "float64",
                    "category",
                    "ordered",
                    "boolean",
                    "datetime",
                ]
            )
        )
        pool = {
            "string": st.sampled_from(["a", "b", "ball", "doll", "yes", None]),
            "object": st.sampled_from(["a", "ball", 1, None]),
            "Int64": st.sampled_from([0, 1, 10, 11, -1, None]),
            "int64": st.sampled_from([0, 1, 10, 11]),
            "float64": st.sampled_from([0.5, -1.0, -2.0, float("nan")]),
            "category": st.sampled_from(["yes", "abstain", "no", "p1", None]),
            "ordered": st.sampled_from(["yes", "abstain", "no", "p1", None]),
            "boolean": st.sampled_from([True, False, None]),
            "datetime": st.sampled_from(["1990-01-01", "2000-05-05", None]),
        }[kind]
        values = draw(st.lists(pool, min_size=rows, max_size=rows))
        if kind == "category":
            series = pd.Series(values, dtype="category")
        elif kind == "ordered":
            cats = draw(st.sampled_from([["yes", "abstain", "no"], ["p1"], ["yes", "no"]]))
            values = [v if v in cats else None for v in values]
            series = pd.Series(pd.Categorical(values, categories=cats, ordered=True))
        elif kind == "datetime":
            series = pd.Series(pd.to_datetime(values))
        elif kind in ("object", "int64", "float64"):
            series = pd.Series(values, dtype=kind if kind != "object" else object)
        else:
            series = pd.Series(pd.array(values, dtype=kind))
        data[name] = series
    return pd.DataFrame(data, index=range(rows))


@st.composite
def nearly_toy(draw) -> pd.DataFrame:
    """A valid TOY frame (with or without its optional columns), then maybe one change."""
    frame = toy()
    if draw(st.booleans()):
        cat = pd.Categorical(["p1", None], categories=["p1", "p2"], ordered=True)
        frame = frame.assign(phase_a=cat, phase_a_uncertain=pd.array([True, None], "boolean"))
    if draw(st.booleans()):
        frame = frame.assign(score=draw(st.sampled_from([[0.5, -1.0], [0.0, float("nan")]])))
    name = draw(st.sampled_from(list(frame.columns)))
    change = draw(st.sampled_from(["none", "swap", "drop", "null", "dtype", "dup"]))
    if change == "swap":
        cols = list(frame.columns)
        i = cols.index(name)
        cols[i], cols[i - 1] = cols[i - 1], cols[i]
        frame = frame[cols]
    elif change == "drop":
        frame = frame.drop(columns=name)
    elif change == "null":
        frame.loc[0, name] = None
    elif change == "dtype":
        frame[name] = frame[name].astype(object)
    elif change == "dup":
        frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    return frame


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=st.one_of(toy_like(), nearly_toy()))
def test_quick_check_never_accepts_what_pandera_rejects(frame):
    import pandera.errors as pe

    if schema.conforms(TOY, frame):
        try:
            to_pandera(TOY).validate(frame, lazy=True)
        except pe.SchemaErrors as exc:  # pragma: no cover - the failure is the point
            pytest.fail(f"quick check passed a frame pandera rejects:\n{exc.failure_cases}")
