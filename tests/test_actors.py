"""Actor mentions → CAMEO-style codes (relations_lib/coding/actors.py,
data/reference/actors.csv)."""

import datetime as dt

import pytest

from relations_lib.coding import actors
from relations_lib.errors import ReferenceDataError
from relations_lib.paths import reference_dir


def mentions(text, day=None):
    toks = actors.tokenize(text)
    return [(m.text, m.resolve(day)[0]) for m in actors.find_mentions(toks)]


def test_tokenize_keeps_offsets_and_splits_possessives():
    text = "Albania's al-Wazir visited Brasília."
    toks = actors.tokenize(text)
    assert [t.text for t in toks] == [
        "Albania",
        "'s",
        "al",
        "-",
        "Wazir",
        "visited",
        "Brasília",
        ".",
    ]
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert toks[6].key == "brasilia" and toks[6].exact == "Brasilia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Albania and Palestine", [("Albania", "ALB"), ("Palestine", "PSE")]),
        ("the Palestinian State", [("Palestinian State", "PSE")]),
        ("Albanian authorities", [("Albanian authorities", "ALBGOV")]),
        (
            "Kenya's Foreign Minister Amina Mohamed",
            [("Kenya's Foreign Minister Amina Mohamed", "KENGOV")],
        ),
        ("the University of Tirana", [("University of Tirana", "ALBEDU")]),
        ("Palestinian fighters", [("Palestinian fighters", "PSEREB")]),
        ("Chilean refugees", [("Chilean refugees", "CHLREF")]),
        ("Turkish Airlines", [("Turkish Airlines", "TURBUS")]),
        ("the United Nations", [("United Nations", "IGOUNO")]),
        ("the two countries", [("the two countries", "{pair}")]),
        ("Soviet Union and the USSR", [("Soviet Union", "SUN"), ("the USSR", "SUN")]),
        # accents never matter; capitalised dictionary words keep their case
        ("Brasilia and Reykjavik", [("Brasilia", "BRAGOV"), ("Reykjavik", "ISLGOV")]),
        ("the US and us", [("the US", "USA")]),
        # stop phrases are not actors
        ("119 UN-member countries paid in US dollars", []),
        # a role followed by a name is one mention; the name may contain a city
        ("the Chilean President Ricardo Lagos", [("Chilean President Ricardo Lagos", "CHLGOV")]),
    ],
)
def test_mentions(text, expected):
    assert mentions(text) == expected


def test_codes_depend_on_the_date():
    text = "Yasser Arafat met the PLO"
    assert mentions(text, dt.date(1990, 1, 1)) == [("Yasser Arafat", "PSEREB"), ("PLO", "PSEREB")]
    assert mentions(text, dt.date(1996, 12, 1)) == [("Yasser Arafat", "PSEGOV"), ("PLO", "PSEGOV")]
    # Fatos Nano was prime minister in 1998, in opposition in 1995
    assert mentions("Prime Minister Fatos Nano", dt.date(1998, 3, 1)) == [
        ("Prime Minister Fatos Nano", "ALBGOV")
    ]
    assert mentions("Fatos Nano", dt.date(1995, 1, 1)) == [("Fatos Nano", "ALBOPP")]
    # the State of Palestine's missions were the PLO's until the Palestinian Authority existed
    embassy = "Embassy of the State of Palestine"
    assert mentions(embassy, dt.date(1989, 1, 1)) == [(embassy, "PSEREB")]
    assert mentions(embassy, dt.date(2000, 1, 1)) == [(embassy, "PSEGOV")]


def test_bare_role_has_no_country():
    (m,) = actors.find_mentions(actors.tokenize("President Ernesto Geisel"))
    assert m.resolve(None)[0] == "~GOV"
    assert m.text == "President Ernesto Geisel"


def test_country_words_cover_iso_and_former_states():
    words = actors.country_words()
    assert {"ALB", "PSE", "SUN", "YUG", "XKX"} <= set(words)
    assert "Albanians" in words["ALB"].people  # derived from the adjective
    assert "Tirana" in words["ALB"].capitals
    assert words["PSE"].name == "Palestine"
    assert "Bermuda" in words["BMU"].names  # from countrycode, through the registry


def test_every_actor_row_is_valid():
    rows = actors.actor_rows()
    assert len(rows) > 80
    for row in rows:
        assert row.type in actors.TYPES
        assert (row.code == "") == (row.type == "stop")


def test_bad_actor_file_names_file_and_line(tmp_path, monkeypatch):
    import shutil

    from relations_lib import paths

    shutil.copytree(reference_dir(), tmp_path / "ref")
    bad = tmp_path / "ref" / "actors.csv"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "Fatah,PSEREB,Fatah,organisation,1990-01-01,1980-01-01,")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path / "ref")
    actors.actor_rows.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match=r"actors\.csv:3: valid_to is before"):
            actors.actor_rows()
    finally:
        actors.actor_rows.cache_clear()
