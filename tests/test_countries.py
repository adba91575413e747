import pytest

from relations_lib.countries import countries_from_title, lookup_country
from relations_lib.errors import UnknownCountryError, UnknownCountryWarning


@pytest.mark.parametrize(
    ("name", "alpha3"),
    [
        ("Albania", "ALB"),
        ("Palestine", "PSE"),  # pycountry: "Palestine, State of"
        ("the United States", "USA"),
        ("Russia", "RUS"),
        ("São Tomé and Príncipe", "STP"),
        ("Kosovo", "XKX"),  # alias file: pycountry's fuzzy search would say Serbia
        ("Soviet Union", "SUN"),
        ("Turkey", "TUR"),
        ("AL", "ALB"),
        ("PSE", "PSE"),
    ],
)
def test_lookup_country(name, alpha3):
    assert lookup_country(name).alpha3 == alpha3


def test_unknown_country_raises():
    with pytest.raises(UnknownCountryError, match="Atlantis"):
        lookup_country("Atlantis")


@pytest.mark.parametrize(
    ("title", "codes"),
    [
        ("Albania–Palestine relations", ("ALB", "PSE")),
        ("Albania-Palestine relations", ("ALB", "PSE")),
        ("Albania and Palestine relations", ("ALB", "PSE")),
        ("Relations between Albania and Palestine", ("ALB", "PSE")),
        ("Guinea-Bissau–Portugal relations", ("GNB", "PRT")),
        ("Guinea-Bissau-Portugal relations", ("GNB", "PRT")),
        ("Portugal–São Tomé and Príncipe relations", ("PRT", "STP")),
        ("Holy See–Palestine relations", ("VAT", "PSE")),
    ],
)
def test_countries_from_title(title, codes):
    assert tuple(c.alpha3 for c in countries_from_title(title)) == codes


def test_title_without_relations_names_no_pair():
    assert countries_from_title("Albania") is None


def test_unknown_country_in_title_warns_and_codes_unk():
    with pytest.warns(UnknownCountryWarning, match="Atlantis"):
        pair = countries_from_title("Albania–Atlantis relations")
    assert [c.code for c in pair] == ["ALB", "UNK"]
    assert pair[1].alpha3 is None
