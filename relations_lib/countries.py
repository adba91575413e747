"""Country names to ISO 3166 codes (pycountry), and the countries named by an article title."""

from __future__ import annotations

import csv
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from .errors import UnknownCountryError, UnknownCountryWarning
from .paths import reference_file


@dataclass(frozen=True, slots=True)
class Country:
    """A country as named in an article, with its ISO 3166-1 alpha-3 code.

    ``alpha3`` is ``None`` when neither pycountry nor data/reference/country_aliases.csv
    knows the name (a warning says so); such an article still parses.
    """

    name: str
    alpha3: str | None
    alpha2: str | None = None

    @property
    def code(self) -> str:
        """CAMEO-style country code: the alpha-3 code, or ``UNK`` when unknown."""
        return self.alpha3 or "UNK"


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    with reference_file("country_aliases.csv").open(encoding="utf-8", newline="") as fh:
        return {row["name"].casefold(): row["alpha3"] for row in csv.DictReader(fh)}


def _alpha2(alpha3: str) -> str | None:
    import pycountry

    rec = pycountry.countries.get(alpha_3=alpha3)
    return rec.alpha_2 if rec else None


def _fold(name: str) -> str:
    """Drop accents: "São Tomé and Príncipe" → "Sao Tome and Principe" (ISO's spelling)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" \t\"'“”‘’")
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def lookup_country(name: str) -> Country:
    """Resolve a country name or ISO code to a :class:`Country`.

    Order: the alias file (for names pycountry lacks or would fuzzy-match wrongly), an exact
    pycountry lookup (names, official and common names, alpha-2/3 codes), a pycountry fuzzy
    search accepted only when the query is a word of the match's name ("Palestine" →
    "Palestine, State of"), then ISO 3166-3 former countries. Raises UnknownCountryError.
    """
    found = _lookup_cached(name)
    if found is None:
        raise UnknownCountryError(f"unknown country {name!r}")
    return found


@lru_cache(maxsize=4096)
def _lookup_cached(name: str) -> Country | None:
    """lookup_country's work; misses are cached too (pycountry's fuzzy search is slow)."""
    import pycountry

    query = _clean(name)
    if not query:
        return None
    alias = _aliases().get(query.casefold())
    if alias:
        return Country(query, alias, _alpha2(alias))
    for candidate in dict.fromkeys([query, _fold(query)]):
        try:
            rec = pycountry.countries.lookup(candidate)
            return Country(query, rec.alpha_3, rec.alpha_2)
        except LookupError:
            pass
    if len(query) >= 4:
        try:
            matches = pycountry.countries.search_fuzzy(query)
        except LookupError:
            matches = []
        word = re.compile(
            r"\b" + re.escape(query), re.IGNORECASE
        )  # "Russia" in "Russian Federation"
        for rec in matches[:1]:
            names = [getattr(rec, a, "") or "" for a in ("name", "official_name", "common_name")]
            if any(word.search(n) for n in names):
                return Country(query, rec.alpha_3, rec.alpha_2)
    try:
        rec = pycountry.historic_countries.lookup(query)
        return Country(query, rec.alpha_3, None)
    except LookupError:
        return None


_TITLE = re.compile(
    r"^(?:relations\s+between\s+)?(?P<pair>.+?)(?:\s+(?:foreign\s+)?relations)?\s*$",
    re.IGNORECASE,
)


def _resolve_or_unknown(name: str, source: str) -> Country:
    try:
        return lookup_country(name)
    except UnknownCountryError:
        warnings.warn(
            f"{source}: title names {name!r}, which is not an ISO 3166 country; its code is UNK",
            UnknownCountryWarning,
            stacklevel=3,
        )
        return Country(_clean(name), None, None)


def countries_from_title(title: str, source: str = "<text>") -> tuple[Country, Country] | None:
    """The two countries an "A–B relations" title names, or ``None`` when it names no pair.

    Separators: en dash, em dash, hyphen (tried at every hyphen, so "Guinea-Bissau–Portugal"
    and "Guinea-Bissau-Portugal" both work) or " and ".

    >>> [c.alpha3 for c in countries_from_title("Albania–Palestine relations")]
    ['ALB', 'PSE']
    """
    m = _TITLE.match(title.strip())
    if not m or not re.search(r"relations", title, re.IGNORECASE):
        return None
    pair = m.group("pair")
    pairs = _split_pair(pair)
    if pairs is None:
        return None
    left, right, both_known = pairs
    if not _clean(left) or not _clean(right) or re.fullmatch(r"(?i)relations", _clean(right)):
        return None  # "–relations": a separator with nothing on one side names no pair
    if both_known:
        return lookup_country(left), lookup_country(right)
    return _resolve_or_unknown(left, source), _resolve_or_unknown(right, source)


def _split_pair(pair: str) -> tuple[str, str, bool] | None:
    """Split "A–B" into its two names; the flag says both are known countries (hyphen case)."""
    for sep in ("–", "—", "−"):
        if sep in pair:
            left, _, right = pair.partition(sep)
            return left, right, False
    m_and = re.match(r"^(.+?)\s+and\s+(.+)$", pair, re.IGNORECASE)
    if m_and:
        return m_and[1], m_and[2], False
    hyphens = [i for i, ch in enumerate(pair) if ch == "-"]
    if not hyphens:
        return None
    # Prefer the split at which both halves are known countries.
    for i in hyphens:
        left, right = pair[:i], pair[i + 1 :]
        if _lookup_cached(left) is not None and _lookup_cached(right) is not None:
            return left, right, True
    i = hyphens[len(hyphens) // 2]
    return pair[:i], pair[i + 1 :], False
