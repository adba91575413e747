"""The country registry: names and codes of states across time (relations_lib.countries)."""

import csv
import datetime as dt
import itertools
import shutil
import warnings
from pathlib import Path

import pytest

from relations_lib import countries
from relations_lib.countries import (
    Country,
    countries_from_title,
    country_words,
    lookup_country,
    lookup_many,
    resolve,
    successor_chain,
)
from relations_lib.errors import (
    AmbiguousCountryError,
    ArticleFormatError,
    ReferenceDataError,
    UnknownCountryError,
    UnknownCountryWarning,
)

D = dt.date
OPEN = None  # a state that still exists

# (name or code, keyword arguments, registry id, start, end (exclusive))
# Current states' start is the first day of their COW state-system membership.
TABLE = [
    # the examples of issue 12
    ("Soviet Union", {}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    ("Zaire", {}, "COD", D(1960, 6, 30), OPEN),
    ("Serbia", {}, "SRB", D(2006, 6, 3), OPEN),
    ("Iran (Islamic Republic of)", {}, "IRN", D(1855, 1, 1), OPEN),
    ("Republic of Korea", {}, "KOR", D(1949, 6, 29), OPEN),
    ("Republic of China", {}, "TWN", D(1912, 1, 1), OPEN),
    ("West Germany", {}, "FRG", D(1949, 5, 23), D(1990, 10, 3)),
    ("Germany", {}, "DEU", D(1990, 10, 3), OPEN),
    ("SUN", {}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    ("DDR", {}, "DDR", D(1949, 10, 7), D(1990, 10, 3)),
    ("CSK", {}, "CSK", D(1918, 10, 28), D(1993, 1, 1)),
    ("YUG", {}, "YUG", D(1918, 12, 1), D(1992, 4, 27)),
    # current names, short and official
    ("Albania", {}, "ALB", D(1914, 1, 1), OPEN),
    ("the United States", {}, "USA", D(1816, 1, 1), OPEN),
    ("United States of America", {}, "USA", D(1816, 1, 1), OPEN),
    ("America", {}, "USA", D(1816, 1, 1), OPEN),
    ("UK", {}, "GBR", D(1816, 1, 1), OPEN),
    ("Great Britain", {}, "GBR", D(1816, 1, 1), OPEN),
    ("Russia", {}, "RUS", D(1991, 12, 24), OPEN),
    ("Russian Federation", {}, "RUS", D(1991, 12, 24), OPEN),
    ("Czech Republic", {}, "CZE", D(1993, 1, 1), OPEN),
    ("Czechia", {}, "CZE", D(1993, 1, 1), OPEN),
    ("Slovakia", {}, "SVK", D(1993, 1, 1), OPEN),
    ("Yemen", {}, "YEM", D(1990, 5, 22), OPEN),
    ("China", {}, "CHN", D(1949, 10, 1), OPEN),
    ("People's Republic of China", {}, "CHN", D(1949, 10, 1), OPEN),
    ("Taiwan", {}, "TWN", D(1912, 1, 1), OPEN),
    ("North Korea", {}, "PRK", D(1948, 9, 9), OPEN),
    ("Myanmar", {}, "MMR", D(1948, 1, 4), OPEN),
    ("Palestine", {}, "PSE", None, OPEN),
    ("Kosovo", {}, "XKX", D(2008, 2, 17), OPEN),
    ("Holy See", {}, "VAT", D(1929, 2, 11), OPEN),
    ("São Tomé and Príncipe", {}, "STP", D(1975, 7, 12), OPEN),
    ("Sao Tome and Principe", {}, "STP", D(1975, 7, 12), OPEN),
    ("Côte d’Ivoire", {}, "CIV", D(1960, 8, 7), OPEN),
    ("Ivory Coast", {}, "CIV", D(1960, 8, 7), OPEN),
    ("Turkey", {}, "TUR", D(1816, 1, 1), OPEN),
    ("Türkiye", {}, "TUR", D(1816, 1, 1), OPEN),
    ("Montenegro", {}, "MNE", D(2006, 6, 3), OPEN),
    ("Eswatini", {}, "SWZ", D(1968, 9, 6), OPEN),
    ("North Macedonia", {}, "MKD", D(1993, 4, 8), OPEN),
    # UN style (M49) names
    ("Republic of Moldova", {}, "MDA", D(1991, 12, 26), OPEN),
    ("Syrian Arab Republic", {}, "SYR", D(1946, 4, 17), OPEN),
    ("Bolivia (Plurinational State of)", {}, "BOL", D(1848, 1, 1), OPEN),
    ("Venezuela (Bolivarian Republic of)", {}, "VEN", D(1841, 1, 1), OPEN),
    ("United Republic of Tanzania", {}, "TZA", D(1961, 12, 9), OPEN),
    ("Lao People's Democratic Republic", {}, "LAO", D(1953, 10, 23), OPEN),
    ("Viet Nam", {}, "VNM", D(1954, 7, 21), OPEN),
    ("Democratic People's Republic of Korea", {}, "PRK", D(1948, 9, 9), OPEN),
    ("Micronesia (Federated States of)", {}, "FSM", D(1991, 9, 17), OPEN),
    ("State of Palestine", {}, "PSE", None, OPEN),
    # former states and former names
    ("USSR", {}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    ("Union of Soviet Socialist Republics", {}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    ("Yugoslavia", {}, "YUG", D(1918, 12, 1), D(1992, 4, 27)),
    ("Federal Republic of Yugoslavia", {}, "FRY", D(1992, 4, 27), D(2003, 2, 4)),
    ("Serbia and Montenegro", {}, "SCG", D(2003, 2, 4), D(2006, 6, 3)),
    ("Czechoslovakia", {}, "CSK", D(1918, 10, 28), D(1993, 1, 1)),
    ("East Germany", {}, "DDR", D(1949, 10, 7), D(1990, 10, 3)),
    ("German Democratic Republic", {}, "DDR", D(1949, 10, 7), D(1990, 10, 3)),
    ("North Yemen", {}, "YAR", D(1926, 9, 2), D(1990, 5, 22)),
    ("Yemen Arab Republic", {}, "YAR", D(1926, 9, 2), D(1990, 5, 22)),
    ("South Yemen", {}, "YMD", D(1967, 11, 30), D(1990, 5, 22)),
    ("People's Democratic Republic of Yemen", {}, "YMD", D(1967, 11, 30), D(1990, 5, 22)),
    ("Burma", {}, "MMR", D(1948, 1, 4), OPEN),
    ("Dahomey", {}, "BEN", D(1960, 8, 1), OPEN),
    ("Upper Volta", {}, "BFA", D(1960, 8, 5), OPEN),
    ("Ceylon", {}, "LKA", D(1948, 2, 4), OPEN),
    ("Swaziland", {}, "SWZ", D(1968, 9, 6), OPEN),
    ("Zanzibar", {}, "ZAN", D(1963, 12, 19), D(1964, 4, 27)),
    ("South Vietnam", {}, "RVN", D(1954, 6, 4), D(1975, 5, 1)),
    # ISO 3166-1 codes, ISO 3166-3 former codes, CAMEO codes
    ("AL", {}, "ALB", D(1914, 1, 1), OPEN),
    ("al", {}, "ALB", D(1914, 1, 1), OPEN),
    ("ALB", {}, "ALB", D(1914, 1, 1), OPEN),
    ("PSE", {}, "PSE", None, OPEN),
    ("NA", {}, "NAM", D(1990, 3, 21), OPEN),
    ("SU", {}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    ("SUHH", {}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    ("DD", {}, "DDR", D(1949, 10, 7), D(1990, 10, 3)),
    ("DDDE", {}, "DDR", D(1949, 10, 7), D(1990, 10, 3)),
    ("CSHH", {}, "CSK", D(1918, 10, 28), D(1993, 1, 1)),
    ("YUCS", {}, "YUG", D(1918, 12, 1), D(1992, 4, 27)),
    ("CSXX", {}, "SCG", D(2003, 2, 4), D(2006, 6, 3)),
    ("YMD", {}, "YMD", D(1967, 11, 30), D(1990, 5, 22)),
    ("YDYE", {}, "YMD", D(1967, 11, 30), D(1990, 5, 22)),
    ("XKX", {}, "XKX", D(2008, 2, 17), OPEN),
    ("FRG", {}, "FRG", D(1949, 5, 23), D(1990, 10, 3)),
    ("DEU", {}, "DEU", D(1990, 10, 3), OPEN),
    ("DEU", {"on": "1980-06-01"}, "FRG", D(1949, 5, 23), D(1990, 10, 3)),
    ("YEM", {"on": D(1975, 1, 1)}, "YAR", D(1926, 9, 2), D(1990, 5, 22)),
    ("SCG", {"scheme": "cameo"}, "SCG", D(2003, 2, 4), D(2006, 6, 3)),
    ("CS", {}, "CSK", D(1918, 10, 28), D(1993, 1, 1)),
    ("CS", {"on": D(2004, 1, 1)}, "SCG", D(2003, 2, 4), D(2006, 6, 3)),
    ("YU", {"on": D(1995, 1, 1)}, "FRY", D(1992, 4, 27), D(2003, 2, 4)),
    # Correlates of War numbers (Voeten's ccode) and letters; UN M49 / ISO numeric
    (365, {"scheme": "cow", "on": D(1980, 1, 1)}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    ("365", {"scheme": "cow", "on": D(2000, 1, 1)}, "RUS", D(1991, 12, 24), OPEN),
    (345, {"scheme": "cow", "on": D(1970, 1, 1)}, "YUG", D(1918, 12, 1), D(1992, 4, 27)),
    (345, {"scheme": "cow", "on": D(2010, 1, 1)}, "SRB", D(2006, 6, 3), OPEN),
    (260, {"scheme": "cow"}, "FRG", D(1949, 5, 23), D(1990, 10, 3)),
    (265, {"scheme": "cow"}, "DDR", D(1949, 10, 7), D(1990, 10, 3)),
    (315, {"scheme": "cow"}, "CSK", D(1918, 10, 28), D(1993, 1, 1)),
    (678, {"scheme": "cow"}, "YAR", D(1926, 9, 2), D(1990, 5, 22)),
    (680, {"scheme": "cow"}, "YMD", D(1967, 11, 30), D(1990, 5, 22)),
    (713, {"scheme": "cow"}, "TWN", D(1912, 1, 1), OPEN),
    (339, {"scheme": "cow"}, "ALB", D(1914, 1, 1), OPEN),
    ("ROK", {"scheme": "cow_alpha"}, "KOR", D(1949, 6, 29), OPEN),
    ("GMY", {"scheme": "cow_alpha"}, "DEU", D(1990, 10, 3), OPEN),
    ("643", {"scheme": "numeric"}, "RUS", D(1991, 12, 24), OPEN),
    (8, {"scheme": "numeric"}, "ALB", D(1914, 1, 1), OPEN),
    ("810", {"scheme": "numeric"}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    # names settled by the date
    ("Congo", {"on": D(1980, 1, 1)}, "COG", D(1960, 8, 15), OPEN),
    ("Yemen", {"on": D(1995, 1, 1)}, "YEM", D(1990, 5, 22), OPEN),
    ("Germany", {"on": D(1975, 1, 1)}, "FRG", D(1949, 5, 23), D(1990, 10, 3)),
    ("Germany", {"on": "2001-09-11"}, "DEU", D(1990, 10, 3), OPEN),
    ("Yugoslavia", {"on": D(1995, 1, 1)}, "FRY", D(1992, 4, 27), D(2003, 2, 4)),
    ("China", {"on": D(1940, 1, 1)}, "TWN", D(1912, 1, 1), OPEN),
    ("Soviet Union", {"on": D(2005, 1, 1)}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    # misspelt, odd spacing, countrycode's patterns
    (" albania ", {}, "ALB", D(1914, 1, 1), OPEN),
    ("ALBANIA", {}, "ALB", D(1914, 1, 1), OPEN),
    ("Sao Tome & Principe", {}, "STP", D(1975, 7, 12), OPEN),
    ("Korea, Republic of", {}, "KOR", D(1949, 6, 29), OPEN),
    ("Republic of Korea (South Korea)", {}, "KOR", D(1949, 6, 29), OPEN),
    ("Untied Kingdom of Great Britain", {}, "GBR", D(1816, 1, 1), OPEN),
    ("Chilean", {"adjectives": True}, "CHL", D(1839, 1, 1), OPEN),
    ("Norwegian", {"adjectives": True}, "NOR", D(1905, 6, 7), OPEN),
    ("Soviet", {"adjectives": True}, "SUN", D(1922, 12, 30), D(1991, 12, 24)),
    ("West German", {"adjectives": True}, "FRG", D(1949, 5, 23), D(1990, 10, 3)),
]


def test_the_table_has_at_least_80_names_and_codes():
    assert len(TABLE) >= 80


@pytest.mark.parametrize(("query", "kwargs", "state", "start", "end"), TABLE)
def test_resolves_to_the_right_state_and_period(query, kwargs, state, start, end):
    found = resolve(query, **kwargs)
    assert (found.id, found.start, found.end) == (state, start, end)


@pytest.mark.parametrize(
    ("query", "on", "candidates"),
    [
        ("Korea", None, {"KOR", "PRK"}),
        ("Korea", D(1975, 1, 1), {"KOR", "PRK"}),
        ("Congo", None, {"COG", "COD"}),
        ("Congo", D(1965, 1, 1), {"COG", "COD"}),
        ("Congo", D(2005, 1, 1), {"COG", "COD"}),
        ("Yemen", D(1975, 1, 1), {"YAR", "YMD"}),
        ("Yemen", D(1990, 5, 21), {"YAR", "YMD"}),
    ],
)
def test_ambiguous_names_list_candidates_with_periods(query, on, candidates):
    with pytest.raises(AmbiguousCountryError) as info:
        resolve(query, on=on)
    err = info.value
    assert {c.id for c in err.candidates} == candidates
    assert isinstance(err, UnknownCountryError)  # callers that skip unknowns skip these too
    for c in err.candidates:  # each candidate with its period
        assert f"{c.id}, {c.start.isoformat()} –" in str(err)


def test_yemen_on_unification_day_is_the_united_yemen():
    assert resolve("Yemen", on=D(1990, 5, 22)).id == "YEM"


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [("Albanai", "Albania"), ("Yugoslavija", "Yugoslavia"), ("Norwey", "Norway")],
)
def test_unknown_names_suggest_the_registrys_names(query, suggestion):
    with pytest.raises(UnknownCountryError) as info:
        resolve(query)
    assert not isinstance(info.value, AmbiguousCountryError)
    assert suggestion in info.value.suggestions
    assert f"did you mean '{suggestion}'" in str(info.value)


def test_unknown_without_a_close_name_suggests_nothing():
    with pytest.raises(UnknownCountryError) as info:
        resolve("Qqxzzk")
    assert info.value.suggestions == ()
    assert "did you mean" not in str(info.value)


def test_a_bare_number_needs_a_scheme():
    with pytest.raises(UnknownCountryError, match="scheme="):
        resolve("365")


def test_bad_arguments_are_typed():
    with pytest.raises(ValueError, match="scheme"):
        resolve("AL", scheme="fips")
    with pytest.raises(TypeError, match="str or int"):
        resolve(3.5)


def test_codes_and_periods_of_a_former_state():
    sun = resolve("Soviet Union")
    assert (sun.alpha2, sun.alpha3, sun.numeric, sun.iso3166_3, sun.cow) == (
        "SU",
        "SUN",
        "810",
        "SUHH",
        365,
    )
    assert sun.code == sun.cameo == "SUN"
    assert sun.un_name == "Union of Soviet Socialist Republics"
    assert sun.successors[0] == "RUS" and "UKR" in sun.successors
    assert resolve("Russia").predecessors == ("SUN",)
    assert sun.exists_on(D(1991, 12, 23)) and not sun.exists_on(D(1991, 12, 24))


def test_states_that_share_an_iso_code_share_the_cameo_code():
    # ISO 3166-1 kept DE/DEU and YE/YEM for the united states: CAMEO codes them alike
    assert resolve("West Germany").code == resolve("Germany").code == "DEU"
    assert resolve("North Yemen").code == resolve("Yemen").code == "YEM"
    assert resolve("Federal Republic of Yugoslavia").code == "YUG"
    assert resolve("Iran").un_name == "Iran (Islamic Republic of)"


@pytest.mark.parametrize(
    ("query", "chain"),
    [
        ("Soviet Union", [("SUN", None), ("RUS", D(1991, 12, 24))]),
        ("West Germany", [("FRG", None), ("DEU", D(1990, 10, 3))]),
        ("East Germany", [("DDR", None)]),  # absorbed: its seat ended
        ("Czechoslovakia", [("CSK", None)]),  # two new members, neither continues it
        ("North Yemen", [("YAR", None), ("YEM", D(1990, 5, 22))]),
        ("South Yemen", [("YMD", None), ("YEM", D(1990, 5, 22))]),
        ("Republic of China", [("TWN", None), ("CHN", D(1971, 10, 25))]),
        (
            "Yugoslavia",
            [
                ("YUG", None),
                ("FRY", D(1992, 4, 27)),
                ("SCG", D(2003, 2, 4)),
                ("SRB", D(2006, 6, 3)),
            ],
        ),
    ],
)
def test_successor_chain_follows_the_seat(query, chain):
    assert [(c.id, day) for c, day in successor_chain(query)] == chain


def test_lookup_many_with_one_date_each():
    found = lookup_many(
        ["Congo", "Yemen", "Atlantis", "Germany"],
        on=[D(1980, 1, 1), D(1995, 1, 1), None, D(1975, 1, 1)],
        errors="none",
    )
    assert [c.id if c else None for c in found] == ["COG", "YEM", None, "FRG"]
    with pytest.raises(UnknownCountryError):
        lookup_many(["Albania", "Atlantis"])
    with pytest.raises(ValueError, match="2 dates for 1 names"):
        lookup_many(["Albania"], on=[None, None])


def test_lookups_are_cached():
    countries._lookup_cached.cache_clear()
    resolve("Soviet Union")
    resolve("Soviet Union")
    for _ in range(2):  # misses too
        with pytest.raises(UnknownCountryError):
            resolve("Atlantis")
    assert countries._lookup_cached.cache_info().hits == 2


def test_a_long_hyphenated_title_stays_fast():
    import time

    for word, expect in (("Chile", ArticleFormatError), ("Xq", UnknownCountryWarning)):
        title = "-".join([word] * 2500) + " relations"
        t0 = time.perf_counter()
        if expect is ArticleFormatError:
            with pytest.raises(ArticleFormatError, match="names 2500 countries") as info:
                countries_from_title(title)
            assert len(str(info.value)) < 400  # the message does not repeat the title
        else:
            with pytest.warns(UnknownCountryWarning):
                countries_from_title(title)
        assert time.perf_counter() - t0 < 2.0
    with pytest.raises(UnknownCountryError, match="no country's name is that long"):
        resolve("x" * 500)


def test_lookup_country_keeps_the_name_as_written():
    found = lookup_country("the United States")
    assert (found.name, found.short_name, found.alpha3) == ("United States", "United States", "USA")


def test_country_words_are_keyed_by_cameo_code():
    words = country_words()
    assert {"ALB", "PSE", "SUN", "YUG", "XKX", "DEU", "DDR"} <= set(words)
    assert "FRG" not in words  # the Federal Republic's words are DEU's (its CAMEO code)
    assert {"Bonn", "Berlin"} <= set(words["DEU"].capitals)
    assert words["DEU"].name == "Germany"
    assert words["YEM"].name == "Yemen"
    assert "Albanians" in words["ALB"].people


def test_every_state_has_a_source_row_or_a_countrycode_row():
    ids = {c.id for c in countries.all_countries()}
    assert {"SUN", "FRG", "FRY", "SCG", "YAR", "YMD", "ZAN"} <= ids
    assert len(ids) > 250


# --------------------------------------------------------------------------- titles (issue 16)


@pytest.mark.parametrize(
    ("title", "codes", "names"),
    [
        ("Albania–Palestine relations", ("ALB", "PSE"), ("Albania", "Palestine")),
        ("Albania-Palestine relations", ("ALB", "PSE"), ("Albania", "Palestine")),
        ("Albania and Palestine relations", ("ALB", "PSE"), ("Albania", "Palestine")),
        ("Relations between Albania and Palestine", ("ALB", "PSE"), ("Albania", "Palestine")),
        ("Guinea-Bissau–Portugal relations", ("GNB", "PRT"), ("Guinea-Bissau", "Portugal")),
        ("Guinea-Bissau-Portugal relations", ("GNB", "PRT"), ("Guinea-Bissau", "Portugal")),
        (
            "Portugal–São Tomé and Príncipe relations",
            ("PRT", "STP"),
            ("Portugal", "São Tomé and Príncipe"),
        ),
        ("Holy See–Palestine relations", ("VAT", "PSE"), ("Holy See", "Palestine")),
        ("Chilean–Norwegian relations", ("CHL", "NOR"), ("Chile", "Norway")),
        ("Chile\u200b–Norway relations", ("CHL", "NOR"), ("Chile", "Norway")),
        ("Chile\u200f–\u200eNorway relations", ("CHL", "NOR"), ("Chile", "Norway")),
        ("Chile –\u2060 Norway relations", ("CHL", "NOR"), ("Chile", "Norway")),
        ("Chile–Norway relations (1920–present)", ("CHL", "NOR"), ("Chile", "Norway")),
        ("Albania–Soviet Union relations", ("ALB", "SUN"), ("Albania", "Soviet Union")),
        ("Albania–West Germany relations", ("ALB", "DEU"), ("Albania", "West Germany")),
        ("Republic of Korea–Japan relations", ("KOR", "JPN"), ("Republic of Korea", "Japan")),
    ],
)
def test_countries_from_title(title, codes, names):
    pair = countries_from_title(title)
    assert tuple(c.code for c in pair) == codes
    assert tuple(c.name for c in pair) == names


def test_title_keeps_the_state_of_west_germany():
    _, west = countries_from_title("Albania–West Germany relations")
    assert west.id == "FRG"


def test_title_without_relations_names_no_pair():
    assert countries_from_title("Albania") is None


@pytest.mark.parametrize(
    "title",
    [
        "Chile–Norway–Sweden relations",
        "Chile—Norway—Sweden relations",
        "Chile-Norway-Sweden relations",
        "Relations between Chile, Norway and Sweden",
    ],
)
def test_three_countries_in_a_title_are_an_error(title):
    with pytest.raises(ArticleFormatError, match="names 3 countries") as info:
        countries_from_title(title, source="x.txt")
    assert repr(title) in str(info.value) and str(info.value).startswith("x.txt:")


@pytest.mark.parametrize(
    "title", ["Chile–Chile relations", "Chile–Chilean relations", "USSR–Soviet Union relations"]
)
def test_one_country_twice_is_an_error(title):
    with pytest.raises(ArticleFormatError, match="same country twice") as info:
        countries_from_title(title)
    assert repr(title) in str(info.value)


def test_unknown_country_in_title_warns_and_codes_unk():
    with pytest.warns(UnknownCountryWarning, match="Atlantis"):
        pair = countries_from_title("Albania–Atlantis relations")
    assert [c.code for c in pair] == ["ALB", "UNK"]
    assert pair[1].alpha3 is None and pair[1].id is None


def test_ambiguous_country_in_title_warns_and_codes_unk():
    with pytest.warns(UnknownCountryWarning, match="ambiguous.*KOR.*PRK"):
        pair = countries_from_title("Korea–Japan relations")
    assert [c.code for c in pair] == ["UNK", "JPN"]


def test_known_titles_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        countries_from_title("Chilean–Norwegian relations")


def test_country_passes_through_resolve():
    albania = resolve("Albania")
    assert resolve(albania) is albania
    with pytest.raises(UnknownCountryError):
        resolve(Country("Atlantis"))


# --------------------------------------------------------------------------- reference data


def _broken_reference(tmp_path, monkeypatch, name, edit):
    from relations_lib import paths

    shutil.copytree(paths.reference_dir(), tmp_path / "ref")
    target = tmp_path / "ref" / name
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path / "ref")
    countries._registry.cache_clear()
    countries._lookup_cached.cache_clear()
    return target


@pytest.fixture
def fresh_registry():
    yield
    countries._registry.cache_clear()
    countries._lookup_cached.cache_clear()
    countries.country_words.cache_clear()


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        (
            "countries/successions.csv",
            lambda t: t + "SUN,XXX,1991-12-26,dissolution,test\n",
            r"successions.csv:\d+: unknown state XXX",
        ),
        (
            "countries/successions.csv",
            lambda t: t + "SUN,RUS,1991-13-26,continuation,test\n",
            r"successions.csv:\d+: date '1991-13-26' is not an ISO date \(YYYY-MM-DD\)",
        ),
        (
            "countries/names.csv",
            lambda t: t + "Atlantis,ATL,,,,test\n",
            r"names.csv:\d+: unknown state 'ATL'",
        ),
        (
            "countries/names.csv",
            lambda t: t + "Atlantis,ALB,,,,test,extra\n",
            r"names.csv:\d+: too many cells",
        ),
        (
            "country_words.csv",
            lambda t: t.replace(
                "ALB,Albania,Albanian,Albanians,Tirana,countryinfo 1.0.1,",
                "ALB,Albania,Albanian,Albanians,Tirana,,",
            ),
            r"country_words.csv:\d+: no source",
        ),
    ],
)
def test_bad_reference_rows_name_file_and_line(
    tmp_path, monkeypatch, fresh_registry, name, edit, message
):
    _broken_reference(tmp_path, monkeypatch, name, edit)
    with pytest.raises(ReferenceDataError, match=message):
        resolve("Albania")


# --------------------------------------------------------------------------- UN voting series


def test_the_voting_series_table_holds_the_seats_and_the_split_series():
    table = countries.unvotes_series()
    russia = [(s.state, s.start, s.end) for s in table if s.country == "Russia"]
    assert russia == [
        ("SUN", None, dt.date(1991, 12, 24)),
        ("RUS", dt.date(1991, 12, 24), None),
    ]
    seats = countries.un_seats()
    aliases, stretches = seats["China's seat"]
    assert "Chinese seat" in aliases
    assert [(s.country, s.state, s.end or s.start) for s in stretches] == [
        ("Taiwan", "TWN", dt.date(1971, 10, 25)),
        ("China", "CHN", dt.date(1971, 10, 25)),
    ]
    assert [s.state for s in seats["USSR/Russia"][1]] == ["SUN", "RUS"]
    assert [s.state for s in seats["Soviet Union"][1]] == ["SUN"]


def test_every_change_of_state_in_a_series_is_a_succession_on_the_same_day():
    path = Path(countries.reference_file(countries.SUCCESSIONS_FILE))
    with path.open(encoding="utf-8", newline="") as fh:
        successions = {
            (row["predecessor"], row["successor"]): dt.date.fromisoformat(row["date"])
            for row in csv.DictReader(fh)
        }
    table = countries.unvotes_series()
    changes = [
        (a.state, b.state, b.start) for a, b in itertools.pairwise(table) if a.country == b.country
    ]
    # Russia, Yugoslavia ×3, the Federal Republic, the Yemen Arab Republic
    assert len(changes) == 6
    for before, after, day in changes:
        assert successions[(before, after)] == day
    # the seat that passes between two series: China's, on resolution 2758 (XXVI)'s day
    taiwan, china = countries.un_seats()["China's seat"][1]
    assert taiwan.end == china.start == successions[("TWN", "CHN")]
    assert all(s.source for s in table)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t + "Atlantis,ATL,,,,test,\n",
            r"unvotes_series.csv:\d+: unknown state 'ATL'",
        ),
        (
            lambda t: t.replace("Russia,RUS,1991-12-24,", "Russia,RUS,1991-12-25,"),
            r"unvotes_series.csv:3: 'Russia' must start where line 2 ends",
        ),
        (
            lambda t: t + "Albania,ALB,,,,,\n",
            r"unvotes_series.csv:\d+: empty country or source",
        ),
    ],
)
def test_bad_voting_series_rows_name_file_and_line(
    tmp_path, monkeypatch, fresh_registry, edit, message
):
    _broken_reference(tmp_path, monkeypatch, "countries/unvotes_series.csv", edit)
    countries.unvotes_series.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match=message):
            countries.unvotes_series()
    finally:
        countries.unvotes_series.cache_clear()
