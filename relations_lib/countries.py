"""The country registry: names and codes of states across time, in one place.

Every part of relations_lib that meets a country — article titles, actor words, the votes an
article states, the UN voting record — resolves it here, with :func:`resolve`:

>>> resolve("Soviet Union").id, resolve("Soviet Union").end
('SUN', datetime.date(1991, 12, 24))
>>> resolve("Yemen", on=datetime.date(1995, 1, 1)).id
'YEM'

What is a state here
--------------------
One :class:`Country` per state, keyed by ``id``: the ISO 3166-1 alpha-3 code for a current
state, the ISO 3166-3 code for a former one (SUN, YUG, CSK, DDR, YMD), and a short key where
ISO gave two states the same code (``FRG``, the Federal Republic before 3 October 1990, coded
DE/DEU like the united Germany; ``YAR``, the Yemen Arab Republic, coded YE/YEM; ``FRY``, the
Federal Republic of Yugoslavia, coded YU/YUG like the SFRY). ``start`` and ``end`` bound its
period (``end`` is the first day it no longer existed, the day its successor began);
``predecessors`` and ``successors`` name the states before and after it
(data/reference/countries/successions.csv). ``code`` is the CAMEO actor country code: the
ISO 3166-1 alpha-3 code the state held (CAMEO codebook 1.1b3, ch. 3), so FRG events are DEU.

Where the facts come from
-------------------------
* ``countrycode`` (the Python port of the R package ``countrycode`` that UN-voting research
  uses): English, ISO and UN (M49) names, ISO 3166-1 alpha-2/alpha-3/numeric codes, Correlates
  of War numbers and letters, and its regular expressions for names. It was chosen over
  ``country_converter`` because it holds COW codes and the former states (Czechoslovakia, the
  GDR, Yugoslavia, both Yemens, Zanzibar) and runs with pandas 3; ``country_converter`` 1.3.2
  has neither COW codes nor Yugoslavia and raises TypeError on ``coco.convert("Soviet Union")``
  under pandas 3 (Namibia's "NA" is read as a missing value).
* data/reference/countries/ (each file's source in data/reference/README.md): the COW state
  system membership list (periods), ISO 3166-3 (former codes), ``states.csv`` (the states
  countrycode folds into another — the USSR into Russia, the Federal Republic into Germany —
  and dates it lacks), ``successions.csv`` (who followed whom, when), ``names.csv`` (names
  that meant different states at different times, with their periods), and
  data/reference/country_words.csv (names in prose, adjectives, demonyms, capitals).

How a name resolves
-------------------
Exact names first (accents, case, a leading "the" and invisible characters ignored), then
codes (ISO alpha-2/alpha-3, ISO 3166-3; numbers only with ``scheme=``), then countrycode's
regular expressions (``fuzzy=True``). A name several states bore is settled by the date
(``on=``): among the states whose name-period holds that day; failing that, by the state the
name means without a date (``primary`` in names.csv: "Yugoslavia" is the SFRY, "Germany" the
united Germany). Otherwise :class:`~relations_lib.errors.AmbiguousCountryError` lists the
candidates with their periods ("Korea", "Congo", "Yemen" in 1975). An unknown name raises
:class:`~relations_lib.errors.UnknownCountryError` with the registry's names closest in
spelling (``difflib``). Lookups are cached.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ._args import BOOL, COUNTRIES, COUNTRY, check, one_of, optional
from .errors import (
    AmbiguousCountryError,
    ArgumentTypeError,
    ArgumentValueError,
    ArticleFormatError,
    ReferenceDataError,
    UnknownCountryError,
    UnknownCountryWarning,
)
from .paths import reference_file
from .refdata import iso_date, read_rows

__all__ = [
    "SCHEMES",
    "Country",
    "CountryWords",
    "all_countries",
    "countries_from_title",
    "country_words",
    "lookup_country",
    "lookup_many",
    "resolve",
    "resolve_country",
    "successor_chain",
    "un_seats",
    "unvotes_series",
]

STATES_FILE = "countries/states.csv"
SUCCESSIONS_FILE = "countries/successions.csv"
NAMES_FILE = "countries/names.csv"
COW_FILE = "countries/cow_states.csv"
ISO3166_3_FILE = "countries/iso3166_3.csv"
WORDS_FILE = "country_words.csv"
#: Voeten's voting series that are not one state throughout, and the seats several states held.
SERIES_FILE = "countries/unvotes_series.csv"

#: Code schemes :func:`resolve` accepts as ``scheme=``.
SCHEMES = ("id", "alpha2", "alpha3", "iso3166_3", "numeric", "cow", "cow_alpha", "cameo")
_SCHEME = optional(one_of(*SCHEMES))  # built once: resolve is called per name
#: Succession kinds after which the successor holds the predecessor's UN seat (the series that
#: ``voting_record(..., successors=True)`` follows).
SEAT_KINDS = frozenset({"continuation", "merger", "rename", "seat"})
_KINDS = frozenset({*SEAT_KINDS, "dissolution", "secession", "absorption"})

# country_words() leaves out states that ended before this (the German and Italian states of
# the 19th century that countrycode lists): "Saxony" in an article is a region, not a state.
_PROSE_FROM = _dt.date(1945, 1, 1)
# COW codes a state's membership to the end of its coding window, not to its end.
_COW_OPEN_END = _dt.date(2016, 12, 31)


# --------------------------------------------------------------------------- the state


@dataclass(frozen=True, slots=True)
class Country:
    """A state, as the registry knows it, under the name it was given by.

    ``name`` is the name as written where the country was found (an article title's "São
    Tomé and Príncipe", a vote mention's "the United States" → "United States") or the
    registry's short name; ``short_name`` is always the registry's. A country the registry
    does not know (an unknown title name) has ``id`` None and ``code`` "UNK".
    """

    name: str
    alpha3: str | None = None
    alpha2: str | None = None
    id: str | None = None
    short_name: str | None = None
    official_name: str | None = None
    un_name: str | None = None
    numeric: str | None = None
    iso3166_3: str | None = None
    cow: int | None = None
    cow_alpha: str | None = None
    start: _dt.date | None = None
    end: _dt.date | None = None
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    names: tuple[str, ...] = field(default=(), repr=False)
    adjectives: tuple[str, ...] = field(default=(), repr=False)
    people: tuple[str, ...] = field(default=(), repr=False)
    capitals: tuple[str, ...] = field(default=(), repr=False)

    @property
    def code(self) -> str:
        """The CAMEO actor country code (the ISO alpha-3 code it held), or ``UNK``."""
        return self.alpha3 or self.id or "UNK"

    @property
    def cameo(self) -> str | None:
        """The CAMEO actor country code, ``None`` for an unknown country."""
        return self.alpha3 or self.id

    @property
    def period(self) -> str:
        """``"1922-12-30 – 1991-12-24"`` (end exclusive; open-ended states end in "–")."""
        start = self.start.isoformat() if self.start else "?"
        return f"{start} – {self.end.isoformat() if self.end else ''}".rstrip()

    def exists_on(self, day: _dt.date) -> bool:
        """Whether the state existed on ``day`` (``start <= day < end``)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class CountryWords:
    """The words naming one CAMEO country code (country_words.csv, merged by code)."""

    alpha3: str
    name: str  # display name
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    """One name or code pointing at a state, maybe only for a period."""

    state: str
    valid_from: _dt.date | None
    valid_to: _dt.date | None
    primary: bool
    kind: str  # "name", "adjective", "code"

    def covers(self, day: _dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


# --------------------------------------------------------------------------- text


_INVISIBLE = {ord(c): None for c in "\u00ad\u061c\u180e\ufeff"}


def _strip_invisible(text: str) -> str:
    """Drop format characters (zero-width spaces and joiners, LRM/RLM, bidi marks, BOM)."""
    text = text.translate(_INVISIBLE)
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _fold(text: str) -> str:
    """Accents dropped and case folded: "São Tomé" → "sao tome"; ’ → '."""
    text = text.replace("’", "'").replace("‘", "'")
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return text.casefold()


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", _strip_invisible(text)).strip(" \t\"'“”‘’")
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def _key(text: str) -> str:
    return _fold(_clean(text))


# --------------------------------------------------------------------------- loading


def _date(value: str | None, path: Any, line: int, column: str) -> _dt.date | None:
    value = (value or "").strip()
    return iso_date(value, path, line, column) if value else None


def _rows(name: str, need: set[str]) -> list[tuple[int, dict[str, str]]]:
    return read_rows(reference_file(name), sorted(need), name)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


@dataclass
class _Registry:
    states: dict[str, Country]
    names: dict[str, list[_Entry]]  # folded name -> entries
    codes: dict[str, dict[str, list[_Entry]]]  # scheme -> code (upper) -> entries
    spellings: dict[str, str]  # folded name -> a spelling to suggest
    patterns: tuple[tuple[str, str], ...]  # countrycode's name patterns, in its order
    successions: list[tuple[str, str, _dt.date, str]]  # predecessor, successor, date, kind


def _cow_periods() -> dict[int, tuple[_dt.date, _dt.date | None]]:
    """COW code -> (first start, last end exclusive or None while a member in 2016)."""
    out: dict[int, tuple[_dt.date, _dt.date | None]] = {}
    for line, row in _rows(COW_FILE, {"ccode", "styear", "stmonth", "stday", "endyear"}):
        try:
            code = int(row["ccode"])
            start = _dt.date(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
            end = _dt.date(int(row["endyear"]), int(row["endmonth"]), int(row["endday"]))
        except ValueError as exc:
            raise ReferenceDataError(f"{reference_file(COW_FILE)}:{line}: {exc}") from None
        open_end = None if end == _COW_OPEN_END else end + _dt.timedelta(days=1)
        first = out.get(code, (start, open_end))[0]
        out[code] = (min(first, start), open_end)
    return out


def _codelist() -> list[dict[str, Any]]:
    """countrycode's table, one dict per row (only the columns the registry reads)."""
    import countrycode

    table = countrycode.codelist
    if table is None:  # pragma: no cover - countrycode failed to load its own data
        raise ReferenceDataError("countrycode's codelist could not be loaded")
    cols = (
        "country.name.en",
        "country.name.en.regex",
        "iso2c",
        "iso3c",
        "iso3n",
        "un.name.en",
        "iso.name.en",
        "cow.name",
        "cown",
        "cowc",
        "cldr.short.en",
    )
    n = len(table["country.name.en"])
    return [{c: table[c][i] for c in cols} for i in range(n)]


@lru_cache(maxsize=1)
def _registry() -> _Registry:
    states_path = reference_file(STATES_FILE)
    overrides: dict[str, tuple[int, dict[str, str]]] = {}
    by_cc_name: dict[str, str] = {}
    need = {"id", "countrycode", "name", "official_name", "un_name", "alpha2", "alpha3"}
    for line, row in _rows(STATES_FILE, need | {"numeric", "iso3166_3", "cow", "start", "end"}):
        if not row["id"] or row["id"] in overrides:
            raise ReferenceDataError(f"{states_path}:{line}: empty or repeated id {row['id']!r}")
        overrides[row["id"]] = (line, row)
        if row["countrycode"]:
            by_cc_name[row["countrycode"]] = row["id"]
    cow = _cow_periods()
    words = _words_rows()

    raw: dict[str, dict[str, Any]] = {}
    patterns: list[tuple[str, str]] = []
    generic_names: dict[str, list[tuple[str, str]]] = {}  # folded -> [(state, spelling)]

    def add_name(name: str | None, state: str) -> None:
        if name:
            generic_names.setdefault(_key(name), []).append((state, name))

    for cc in _codelist():
        name_en = cc["country.name.en"]
        sid = by_cc_name.get(name_en) or cc["iso3c"] or cc["cowc"]
        if not sid:
            continue  # "Unknown", "Stateless", regions without any code
        if sid in raw:
            raise ReferenceDataError(f"countrycode rows {name_en!r} and another share id {sid}")
        numeric = f"{int(cc['iso3n']):03d}" if cc["iso3n"] is not None else None
        raw[sid] = {
            "short_name": cc["cldr.short.en"] or name_en,
            "official_name": cc["iso.name.en"],
            "un_name": cc["un.name.en"],
            "alpha2": cc["iso2c"],
            "alpha3": cc["iso3c"],
            "numeric": numeric,
            "cow": int(cc["cown"]) if cc["cown"] is not None else None,
            "cow_alpha": cc["cowc"],
        }
        for n in (name_en, cc["un.name.en"], cc["iso.name.en"], cc["cow.name"]):
            add_name(n, sid)
        if cc["country.name.en.regex"]:
            patterns.append((cc["country.name.en.regex"], sid))

    iso3 = {row["alpha3"]: row for _, row in _rows(ISO3166_3_FILE, {"alpha4", "alpha3"})}
    for sid, (line, row) in overrides.items():
        rec = raw.setdefault(sid, {})
        for col, key in (
            ("name", "short_name"),
            ("official_name", "official_name"),
            ("un_name", "un_name"),
            ("alpha2", "alpha2"),
            ("alpha3", "alpha3"),
            ("numeric", "numeric"),
            ("iso3166_3", "iso3166_3"),
        ):
            if row[col]:
                rec[key] = row[col]
        if row["cow"]:
            rec["cow"] = int(row["cow"])
        rec["start"] = _date(row["start"], states_path, line, "start")
        rec["end"] = _date(row["end"], states_path, line, "end")
        if row["iso3166_3"] and not any(r["alpha4"] == row["iso3166_3"] for r in iso3.values()):
            raise ReferenceDataError(f"{states_path}:{line}: {row['iso3166_3']} is not ISO 3166-3")
        for n in (row["name"], row["official_name"]):
            add_name(n, sid)

    for rec in raw.values():
        if "start" not in rec and rec.get("cow") in cow:
            rec["start"], rec["end"] = cow[rec["cow"]]

    # successions
    succ_path = reference_file(SUCCESSIONS_FILE)
    successions: list[tuple[str, str, _dt.date, str]] = []
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for line, row in _rows(SUCCESSIONS_FILE, {"predecessor", "successor", "date", "kind"}):
        a, b, kind = row["predecessor"], row["successor"], row["kind"]
        if a not in raw or b not in raw:
            raise ReferenceDataError(
                f"{succ_path}:{line}: unknown state {a if a not in raw else b}"
            )
        if kind not in _KINDS:
            raise ReferenceDataError(f"{succ_path}:{line}: unknown kind {kind!r}")
        day = _date(row["date"], succ_path, line, "date")
        if day is None:
            raise ReferenceDataError(f"{succ_path}:{line}: a succession needs a date")
        successions.append((a, b, day, kind))
        succs.setdefault(a, []).append(b)
        preds.setdefault(b, []).append(a)

    # words (country_words.csv): names in prose, adjectives, demonyms, capitals
    word_map: dict[str, dict[str, tuple[str, ...]]] = {}
    for sid, cols in words.items():
        if sid not in raw:
            path = reference_file(WORDS_FILE)
            raise ReferenceDataError(f"{path}: state {sid!r} is not in the registry")
        word_map[sid] = cols
        for n in cols["names"]:
            add_name(n, sid)

    states: dict[str, Country] = {}
    for sid, rec in raw.items():
        w = word_map.get(sid, {})
        display = (w.get("names") or (None,))[0] or rec.get("short_name") or sid
        names = tuple(
            dict.fromkeys(
                n
                for n in (
                    display,
                    rec.get("short_name"),
                    rec.get("official_name"),
                    rec.get("un_name"),
                    *w.get("names", ()),
                )
                if n
            )
        )
        states[sid] = Country(
            name=display,
            alpha3=rec.get("alpha3") or None,
            alpha2=rec.get("alpha2") or None,
            id=sid,
            short_name=display,
            official_name=rec.get("official_name") or None,
            un_name=rec.get("un_name") or None,
            numeric=rec.get("numeric") or None,
            iso3166_3=rec.get("iso3166_3") or None,
            cow=rec.get("cow"),
            cow_alpha=rec.get("cow_alpha") or None,
            start=rec.get("start"),
            end=rec.get("end"),
            predecessors=tuple(preds.get(sid, ())),
            successors=tuple(succs.get(sid, ())),
            names=names,
            adjectives=w.get("adjectives", ()),
            people=w.get("people", ()),
            capitals=w.get("capitals", ()),
        )

    # the name index: names.csv decides every name it lists; other names point at the
    # states that bear them (one state: unambiguous; several: ambiguous without a date)
    spellings: dict[str, str] = {}
    names_idx: dict[str, list[_Entry]] = {}
    names_path = reference_file(NAMES_FILE)
    for line, row in _rows(NAMES_FILE, {"name", "state", "valid_from", "valid_to", "primary"}):
        if row["state"] not in states:
            raise ReferenceDataError(f"{names_path}:{line}: unknown state {row['state']!r}")
        key = _key(row["name"])
        entry = _Entry(
            row["state"],
            _date(row["valid_from"], names_path, line, "valid_from"),
            _date(row["valid_to"], names_path, line, "valid_to"),
            row["primary"] == "yes",
            "name",
        )
        names_idx.setdefault(key, []).append(entry)
        spellings.setdefault(key, row["name"])
    curated = set(names_idx)
    for key, pairs in generic_names.items():
        if key in curated:
            continue
        for sid in dict.fromkeys(s for s, _ in pairs):
            st = states[sid]
            names_idx.setdefault(key, []).append(_Entry(sid, st.start, st.end, False, "name"))
        spellings.setdefault(key, pairs[0][1])
    # adjectives resolve only where a caller allows them (titles: "Chilean–Norwegian")
    for sid, st in states.items():
        for adj in st.adjectives:
            key = "adj:" + _key(adj)
            names_idx.setdefault(key, []).append(_Entry(sid, None, None, False, "adjective"))

    codes = _code_index(states)
    return _Registry(states, names_idx, codes, spellings, tuple(patterns), successions)


@lru_cache(maxsize=1)
def _regexes() -> tuple[tuple[re.Pattern, str], ...]:
    """countrycode's name patterns, compiled on first use (only fuzzy lookups need them)."""
    return tuple((re.compile(p, re.IGNORECASE), sid) for p, sid in _registry().patterns)


def _words_rows() -> dict[str, dict[str, tuple[str, ...]]]:
    path = reference_file(WORDS_FILE)
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    need = {"state", "names", "adjectives", "people", "capitals", "source"}
    for line, row in _rows(WORDS_FILE, need):
        sid = row["state"]
        if not re.fullmatch(r"[A-Z]{3}", sid):
            raise ReferenceDataError(f"{path}:{line}: bad state {sid!r}")
        if sid in out:
            raise ReferenceDataError(f"{path}:{line}: {sid} appears twice")
        if not row["source"]:
            raise ReferenceDataError(f"{path}:{line}: no source")
        adjectives = _split(row["adjectives"])
        people = _split(row["people"])
        # Regular plural demonyms are derived: Albanian → Albanians, Israeli → Israelis.
        derived = tuple(a + "s" for a in adjectives if a.endswith(("an", "i")))
        out[sid] = {
            "names": _split(row["names"]),
            "adjectives": adjectives,
            "people": tuple(dict.fromkeys(people + derived)),
            "capitals": _split(row["capitals"]),
        }
    return out


def _code_index(states: dict[str, Country]) -> dict[str, dict[str, list[_Entry]]]:
    """Every scheme's code -> the states that held it, each for its own period.

    Where several states held one code (DE/DEU: the Federal Republic, then the united
    Germany; 365: the USSR, then Russia), the one still existing is what the code means
    without a date, else the earliest (YU: the SFRY; CS: Czechoslovakia, as in Voeten's data).
    """
    index: dict[str, dict[str, list[_Entry]]] = {s: {} for s in SCHEMES}
    for sid, st in states.items():
        values = {
            "id": sid,
            "alpha2": st.alpha2,
            "alpha3": st.alpha3,
            "iso3166_3": st.iso3166_3,
            "numeric": st.numeric,
            "cow": str(st.cow) if st.cow is not None else None,
            "cow_alpha": st.cow_alpha,
            "cameo": st.cameo,
        }
        for scheme, value in values.items():
            if value:
                index[scheme].setdefault(value.upper(), []).append(
                    _Entry(sid, st.start, st.end, False, "code")
                )
    for table in index.values():
        for code, entries in table.items():
            if len({e.state for e in entries}) < 2:
                continue
            current = [e for e in entries if states[e.state].end is None]
            chosen = current[0] if len(current) == 1 else None
            if chosen is None and not current:
                chosen = min(entries, key=lambda e: states[e.state].start or _dt.date.min)
            table[code] = [replace(e, primary=e is chosen) for e in entries]
    return index


# --------------------------------------------------------------------------- resolving


def _as_date(on: Any) -> _dt.date | None:
    if on is None:
        return None
    if isinstance(on, _dt.datetime):
        return on.date()
    if isinstance(on, _dt.date):
        return on
    to_pydatetime = getattr(on, "to_pydatetime", None)  # pandas.Timestamp
    if to_pydatetime is not None:
        try:
            return to_pydatetime().date()
        except ValueError:  # NaT
            return None
    if isinstance(on, str):
        return _dt.date.fromisoformat(on[:10])
    accepts = "a date (datetime.date, pandas.Timestamp or ISO str)"
    got = type(on).__name__
    raise ArgumentTypeError(
        f"on must be {accepts}, got {got}", parameter="on", accepts=accepts, got=got
    )


def _choose(reg: _Registry, query: str, entries: list[_Entry], on: _dt.date | None) -> Country:
    states = list(dict.fromkeys(e.state for e in entries))
    if len(states) > 1 and on is not None:
        covering = [e for e in entries if e.covers(on)]
        if covering:  # a date outside every period settles nothing
            entries = covering
            states = list(dict.fromkeys(e.state for e in entries))
    if len(states) > 1:  # what the name means without (or despite) a date
        primary = list(dict.fromkeys(e.state for e in entries if e.primary))
        if len(primary) == 1:
            states = primary
    if len(states) == 1:
        return reg.states[states[0]]
    cands = tuple(reg.states[s] for s in states)
    listed = "; ".join(f"{c.short_name} ({c.id}, {c.period})" for c in cands)
    when = f" on {on.isoformat()}" if on else ""
    raise AmbiguousCountryError(
        f"{query!r} names more than one state{when}: {listed}; give a date (on=) or a fuller name",
        query=query,
        candidates=cands,
    )


def _suggest(reg: _Registry, query: str) -> tuple[str, ...]:
    keys = [k for k in reg.spellings if not k.startswith("adj:")]
    close = difflib.get_close_matches(_key(query), keys, n=3, cutoff=0.6)
    return tuple(dict.fromkeys(reg.spellings[k] for k in close))


# No country's name is longer than 60 characters ("United Kingdom of Great Britain and Northern
# Ireland" has 52): longer text is not looked up, matched or compared for suggestions, which
# keeps a hostile title (thousands of hyphens) linear.
_MAX_NAME = 100


def _resolve_cached(
    text: str, on: _dt.date | None, scheme: str | None, fuzzy: bool, adjectives: bool
) -> Country:
    found = _lookup_cached(text, on, scheme, fuzzy, adjectives)
    if isinstance(found, UnknownCountryError):
        raise found.with_traceback(None)
    return found


@lru_cache(maxsize=8192)
def _lookup_cached(
    text: str, on: _dt.date | None, scheme: str | None, fuzzy: bool, adjectives: bool
) -> Country | UnknownCountryError:
    """resolve's work; misses are cached too (as the error to raise)."""
    try:
        return _lookup(text, on, scheme, fuzzy, adjectives)
    except UnknownCountryError as exc:
        return exc


def _lookup(
    text: str, on: _dt.date | None, scheme: str | None, fuzzy: bool, adjectives: bool
) -> Country:
    reg = _registry()
    query = _clean(text)
    if not query:
        raise UnknownCountryError(f"empty country name {text!r}", query=text)
    if len(query) > _MAX_NAME:
        raise UnknownCountryError(
            f"unknown country {text[:40]!r}… ({len(query)} characters: no country's name is "
            "that long)",
            query=text,
        )
    if scheme is not None:
        code = query.upper()
        if code.isdigit():  # "8", 8 and "008" are Albania's numeric code; "0365" is COW 365
            code = f"{int(code):03d}" if scheme == "numeric" else str(int(code))
        entries = reg.codes[scheme].get(code)
        if not entries:
            raise UnknownCountryError(f"{text!r} is not a {scheme} code", query=text)
        return _choose(reg, text, entries, on)
    if query.isdigit():
        raise UnknownCountryError(
            f"{text!r}: a number needs scheme='cow' (Correlates of War) or scheme='numeric' "
            "(ISO 3166-1 / UN M49)",
            query=text,
        )
    key = _fold(query)
    entries = reg.names.get(key)
    if entries is None and adjectives:
        entries = reg.names.get("adj:" + key)
    if entries is None and re.fullmatch(r"[A-Za-z]{2,4}", query):
        code = query.upper()
        schemes = {2: ("alpha2",), 3: ("alpha3", "cameo"), 4: ("iso3166_3",)}[len(code)]
        found = [e for s in schemes for e in reg.codes[s].get(code, [])]
        entries = list({e.state: e for e in found}.values()) if found else None
        if entries is None and code in reg.states:  # the registry's own keys: FRG, YAR, FRY
            entries = reg.codes["id"][code]
    if entries is None and fuzzy and len(query) >= 4:
        for pattern, sid in _regexes():
            if pattern.search(query):
                entries = [_Entry(sid, None, None, False, "regex")]
                break
    if entries is None:
        suggestions = _suggest(reg, query)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        raise UnknownCountryError(
            f"unknown country {text!r}{hint}", query=text, suggestions=suggestions
        )
    return _choose(reg, text, entries, on)


def resolve(
    name_or_code: str | int | Country,
    *,
    on: _dt.date | str | None = None,
    scheme: str | None = None,
    fuzzy: bool = True,
    adjectives: bool = False,
) -> Country:
    """The state a name or code means (on a date, where one is known).

    Parameters
    ----------
    name_or_code
        A name in any of its forms ("Iran (Islamic Republic of)", "the United States",
        "Zaire", "West Germany"), an ISO 3166-1 alpha-2/alpha-3 or ISO 3166-3 code ("SUN",
        "SUHH"), a number with ``scheme`` ("cow": 365; "numeric": 643), or a
        :class:`Country` (returned as the registry's record of that state).
    on
        The day the name was used (a ``datetime.date``, ``pandas.Timestamp`` or ISO string):
        settles names and codes several states bore ("Congo" in 1980 is the Republic of the
        Congo; "Yemen" in 1995 the united Yemen; "365" in 1980 the USSR).
    scheme
        Read ``name_or_code`` as a code of one scheme only: one of :data:`SCHEMES`.
    fuzzy
        Try countrycode's regular expressions when no name or code matches exactly
        ("Republic of Korea (South)"). Dictionaries that must match exactly pass False.
    adjectives
        Also accept an adjective ("Chilean"), as in "Chilean–Norwegian relations".

    Returns
    -------
    Country
        The registry's record (``name`` is its short name).

    Raises
    ------
    AmbiguousCountryError
        The name meant several states and the date (or its absence) does not tell which:
        the message lists them with their periods ("Korea", "Congo", "Yemen" in 1975).
    UnknownCountryError
        No state has that name or code; the message suggests the registry's names closest in
        spelling.
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "resolve_country",
        name_or_code=(name_or_code, COUNTRY),
        scheme=(scheme, _SCHEME),
        fuzzy=(fuzzy, BOOL),
        adjectives=(adjectives, BOOL),
    )
    if isinstance(name_or_code, Country):
        if name_or_code.id is None:
            raise UnknownCountryError(
                f"unknown country {name_or_code.name!r}", query=name_or_code.name
            )
        return _registry().states[name_or_code.id]
    return _resolve_cached(str(name_or_code), _as_date(on), scheme, fuzzy, adjectives)


#: :func:`resolve`, as the package exports it (``rl.resolve_country``).
resolve_country = resolve


def lookup_country(name: str, *, on: _dt.date | str | None = None) -> Country:
    """:func:`resolve` under its former name; returns the state with ``name`` as written.

    >>> lookup_country("the United States").alpha3
    'USA'

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownCountryError, AmbiguousCountryError
        As :func:`resolve`.
    """
    check("lookup_country", name=(name, COUNTRY))
    found = resolve(name, on=on)
    written = _clean(name)
    return found if written == found.name else replace(found, name=written)


def lookup_many(
    names: Iterable[str | Country],
    *,
    on: _dt.date | str | Sequence[Any] | None = None,
    errors: str = "raise",
) -> list[Country | None]:
    """:func:`resolve` for many names, with one date for all or one date each.

    Parameters
    ----------
    names
        Names or codes.
    on
        A date for every name, or a sequence of dates (or None) as long as ``names``.
    errors
        ``"raise"`` (the first unknown or ambiguous name raises) or ``"none"`` (``None``
        in its place).

    Returns
    -------
    list of Country or None
        In the order of ``names``.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownCountryError, AmbiguousCountryError
        As :func:`resolve`, when ``errors="raise"``.
    """
    check("lookup_many", names=(names, COUNTRIES), errors=(errors, one_of("raise", "none")))
    names = list(names)
    if on is None or isinstance(on, str | _dt.date) or hasattr(on, "to_pydatetime"):
        days = [on] * len(names)
    else:
        days = list(on)
        if len(days) != len(names):
            raise ArgumentValueError(f"on has {len(days)} dates for {len(names)} names")
    out: list[Country | None] = []
    for name, day in zip(names, days, strict=True):
        try:
            out.append(resolve(name, on=day))
        except UnknownCountryError:
            if errors == "raise":
                raise
            out.append(None)
    return out


def all_countries() -> list[Country]:
    """Every state in the registry, current and former, by ``id``."""
    reg = _registry()
    return [reg.states[k] for k in sorted(reg.states)]


def successor_chain(country: str | Country) -> list[tuple[Country, _dt.date | None]]:
    """The states that held a state's UN seat after it, each with the day it took it over.

    Follows successions that carry the seat (continuation, merger, rename, China's seat):
    the USSR → Russia (1991-12-24); the Federal Republic → Germany (1990-10-03); the Yemen
    Arab Republic → Yemen (1990-05-22); Taiwan (the Republic of China) → the People's
    Republic (1971-10-25); the FRY → Serbia and Montenegro → Serbia. Czechoslovakia's chain
    ends with it: the Czech Republic and Slovakia were admitted as new members.

    Returns
    -------
    list of (Country, date or None)
        The state itself first (date None), then each successor with its first day.
    """
    reg = _registry()
    state = resolve(country)
    chain: list[tuple[Country, _dt.date | None]] = [(state, None)]
    seen = {state.id}
    while True:
        nxt = [(b, d) for a, b, d, k in reg.successions if a == chain[-1][0].id and k in SEAT_KINDS]
        if len(nxt) != 1 or nxt[0][0] in seen:
            return chain
        sid, day = nxt[0]
        seen.add(sid)
        chain.append((reg.states[sid], day))


@dataclass(frozen=True, slots=True)
class SeriesStretch:
    """One stretch of a voting series of Voeten's data that is one registry state.

    ``country`` is the series' name in data/reference/unvotes/un_votes.csv.gz, ``state`` the
    registry id its votes stand for from ``start`` (inclusive; None: the series' start) to
    ``end`` (exclusive; None: open); ``seats`` the seats (a seat name first, then its aliases)
    this stretch belongs to; ``source`` the citation of its dates.
    """

    country: str
    state: str
    start: _dt.date | None
    end: _dt.date | None
    seats: tuple[tuple[str, ...], ...]
    source: str


@lru_cache(maxsize=1)
def unvotes_series() -> tuple[SeriesStretch, ...]:
    """The voting series of Voeten's data that are not one state throughout, by stretch.

    Read from data/reference/countries/unvotes_series.csv, the one table of the UN voting
    series and seats: Russia is the USSR to 24 December 1991; Yugoslavia the SFRY, FRY,
    Serbia and Montenegro and Serbia; the Federal Republic of Germany and the Yemen Arab
    Republic the united states after unification; Taiwan holds China's seat to 25 October 1971
    and China after. Every other series is one state, placed from its name
    (``relations_lib.un``).

    Returns
    -------
    tuple of SeriesStretch
        In file order; a series' stretches are in date order, without gaps or overlaps.

    Raises
    ------
    ReferenceDataError
        Naming the file and line: a missing column, an unknown state, an unreadable date, an
        empty source, or stretches of one series that overlap or leave a gap.
    """
    reg = _registry()
    path = reference_file(SERIES_FILE)
    out: list[SeriesStretch] = []
    last: dict[str, tuple[int, _dt.date | None]] = {}
    need = {"country", "state", "valid_from", "valid_to", "seats", "source"}
    for line, row in _rows(SERIES_FILE, need):
        if not row["country"] or not row["source"]:
            raise ReferenceDataError(f"{path}:{line}: empty country or source")
        if row["state"] not in reg.states:
            raise ReferenceDataError(f"{path}:{line}: unknown state {row['state']!r}")
        start = _date(row["valid_from"], path, line, "valid_from")
        end = _date(row["valid_to"], path, line, "valid_to")
        if start is not None and end is not None and end <= start:
            raise ReferenceDataError(f"{path}:{line}: valid_to is not after valid_from")
        if row["country"] in last:  # the next stretch begins where the last one ended
            prev_line, prev_end = last[row["country"]]
            if prev_end is None or start != prev_end:
                raise ReferenceDataError(
                    f"{path}:{line}: {row['country']!r} must start where line {prev_line} ends"
                )
        last[row["country"]] = (line, end)
        seats = tuple(_split(cell) for cell in row["seats"].split(";") if cell.strip())
        out.append(SeriesStretch(row["country"], row["state"], start, end, seats, row["source"]))
    return tuple(out)


def un_seats() -> dict[str, tuple[tuple[str, ...], tuple[SeriesStretch, ...]]]:
    """The seats of data/reference/countries/unvotes_series.csv: a series of General Assembly
    votes that several states cast in turn ("China's seat": Taiwan, then China), or a state's
    stretch of a series filed under another name ("Soviet Union": Russia to 1991-12-24).

    Returns
    -------
    dict
        Seat name → (its aliases, its stretches in date order).
    """
    aliases: dict[str, dict[str, None]] = {}
    stretches: dict[str, list[SeriesStretch]] = {}
    for stretch in unvotes_series():
        for name, *alias in stretch.seats:
            aliases.setdefault(name, {}).update(dict.fromkeys(alias))
            stretches.setdefault(name, []).append(stretch)
    return {
        name: (
            tuple(aliases[name]),
            tuple(sorted(rows, key=lambda s: s.start or _dt.date.min)),
        )
        for name, rows in stretches.items()
    }


@lru_cache(maxsize=1)
def country_words() -> dict[str, CountryWords]:
    """CAMEO country code → the words naming it (names, adjectives, demonyms, capitals).

    States sharing a code (FRG and DEU, YAR and YEM, YUG and FRY) share one entry; its display
    name is that of the state the code means without a date. Read from
    data/reference/country_words.csv and the registry's names.
    """
    reg = _registry()
    table: dict[str, CountryWords] = {}
    order = sorted(reg.states.values(), key=lambda c: (c.end is not None, c.start or _dt.date.min))
    for st in order:  # current states first: they give the display name
        if st.end is not None and st.end < _PROSE_FROM:
            continue  # Bavaria, Parma, Austria-Hungary: not actors of these articles' times
        code = st.code
        names = tuple(dict.fromkeys(n for n in st.names if "," not in n and "(" not in n))
        prev = table.get(code)
        if prev is None:
            table[code] = CountryWords(code, st.name, names, st.adjectives, st.people, st.capitals)
            continue
        table[code] = CountryWords(
            code,
            prev.name,
            tuple(dict.fromkeys(prev.names + names)),
            tuple(dict.fromkeys(prev.adjectives + st.adjectives)),
            tuple(dict.fromkeys(prev.people + st.people)),
            tuple(dict.fromkeys(prev.capitals + st.capitals)),
        )
    primary_by_code = {}
    for table_code in list(table):
        entries = reg.codes["cameo"].get(table_code, [])
        prim = [e.state for e in entries if e.primary] or [e.state for e in entries]
        if prim:
            primary_by_code[table_code] = reg.states[prim[0]].name
    return {
        code: replace(cw, name=primary_by_code.get(code, cw.name)) for code, cw in table.items()
    }


# --------------------------------------------------------------------------- titles


_TITLE = re.compile(
    r"^(?:relations\s+between\s+)?(?P<pair>.+?)(?:\s+(?:foreign\s+)?relations)?\s*$",
    re.IGNORECASE,
)
# "… relations (1920–present)": a trailing qualifier that names a period, not a country
_PERIOD_QUALIFIER = re.compile(r"(relations)\s*\([^()]*\d[^()]*\)\s*$", re.IGNORECASE)
_DASHES = ("–", "—", "−")


def _title_country(name: str, source: str) -> Country | None:
    """A title's country (as written, or the short name for an adjective); None if unknown."""
    written = _clean(name)
    try:  # exact names only: countrycode's patterns would read "New Mexico" as Mexico
        found = resolve(written, adjectives=True, fuzzy=False)
    except AmbiguousCountryError as exc:
        warnings.warn(
            f"{source}: title names {_short(written, 80)}, which is ambiguous ({exc}); "
            "its code is UNK",
            UnknownCountryWarning,
            stacklevel=4,
        )
        return None
    except UnknownCountryError as exc:
        hint = (
            f" (did you mean {', '.join(map(repr, exc.suggestions))}?)" if exc.suggestions else ""
        )
        warnings.warn(
            f"{source}: title names {_short(written, 80)}, which is not a country the "
            f"registry knows{hint}; its code is UNK",
            UnknownCountryWarning,
            stacklevel=4,
        )
        return None
    is_adjective = _fold(written) not in _registry().names
    if is_adjective and found.alpha2 and written.casefold() == found.alpha2.casefold():
        # a two-letter code matched case-blind ("Mu" → MU, Mauritius, "Nu" → NU, Niue):
        # titles name countries, so a bare alpha-2 code is no name
        warnings.warn(
            f"{source}: title names {_short(written, 80)}, which is not a country the "
            "registry knows (only a two-letter country code); its code is UNK",
            UnknownCountryWarning,
            stacklevel=4,
        )
        return None
    return found if is_adjective or written == found.name else replace(found, name=written)


def _known(name: str) -> bool:
    if len(name) > _MAX_NAME:
        return False
    try:
        resolve(name, adjectives=True, fuzzy=False)
    except UnknownCountryError:
        return False
    return True


def countries_from_title(title: str, source: str = "<text>") -> tuple[Country, Country] | None:
    """The two countries an "A–B relations" title names, or ``None`` when it names no pair.

    Separators: en dash, em dash, minus, hyphen (tried at every hyphen, so
    "Guinea-Bissau–Portugal" and "Guinea-Bissau-Portugal" both work) or " and ". Adjectives
    resolve ("Chilean–Norwegian relations"); invisible characters (zero-width spaces,
    right-to-left marks) are ignored; a trailing period ("… relations (1920–present)") is
    dropped. A name the registry does not know (or cannot tell apart: "Korea") warns
    :class:`~relations_lib.errors.UnknownCountryWarning` and is coded UNK.

    Raises
    ------
    ArticleFormatError
        The title names three or more countries ("Chile–Norway–Sweden relations") or the same
        country twice ("Chile–Chile relations"); the message names the title.

    >>> [c.alpha3 for c in countries_from_title("Albania–Palestine relations")]
    ['ALB', 'PSE']
    """
    text = re.sub(r"\s+", " ", _strip_invisible(title)).strip()
    text = _PERIOD_QUALIFIER.sub(r"\1", text)
    m = _TITLE.match(text)
    if not m or not re.search(r"relations", text, re.IGNORECASE):
        return None
    parts = _split_pair(m.group("pair"), title, source)
    if parts is None:
        return None
    left, right = parts
    if not _clean(left) or not _clean(right) or re.fullmatch(r"(?i)relations", _clean(right)):
        return None  # "–relations": a separator with nothing on one side names no pair
    pair = []
    for side in (left, right):
        found = _title_country(side, source)
        pair.append(found if found is not None else Country(_clean(side)))
    a, b = pair
    if a.id is not None and a.id == b.id:
        raise ArticleFormatError(
            f"title {_short(title)} names the same country twice ({a.short_name}); "
            "expected two countries as 'A–B relations'",
            source=source,
        )
    return a, b


def _short(title: str, limit: int = 120) -> str:
    """``repr`` of a title, cut to ``limit`` characters (a hostile title can be megabytes)."""
    return repr(title) if len(title) <= limit else repr(title[:limit]) + f"… ({len(title)} chars)"


def _three(title: str, names: list[str], source: str) -> ArticleFormatError:
    listed = ", ".join(repr(_clean(n)[:40]) for n in names[:5]) + (", …" if len(names) > 5 else "")
    return ArticleFormatError(
        f"title {_short(title)} names {len(names)} countries ({listed}); "
        "expected two as 'A–B relations'",
        source=source,
    )


def _split_pair(pair: str, title: str, source: str) -> tuple[str, str] | None:
    """Split "A–B" into its two names; three names or more raise ArticleFormatError."""
    for sep in _DASHES:
        if sep in pair:
            names = [p for p in re.split("|".join(_DASHES), pair)]
            if len(names) > 2:
                raise _three(title, names, source)
            return names[0], names[1]
    m_and = re.match(r"^(.+?)\s+and\s+(.+)$", pair, re.IGNORECASE)
    if m_and:
        left, right = m_and[1], m_and[2]
        pieces = [p for side in (left, right) for p in side.split(",") if p.strip()]
        if len(pieces) > 2 and all(_known(p) for p in pieces):
            raise _three(title, pieces, source)
        return left, right
    hyphens = [i for i, ch in enumerate(pair) if ch == "-"]
    if not hyphens:
        return None
    pieces = pair.split("-")
    if len(pieces) > 2 and all(_known(p) for p in pieces):
        raise _three(title, pieces, source)
    # Prefer the split at which both halves are known countries.
    for i in hyphens:
        left, right = pair[:i], pair[i + 1 :]
        if _known(left) and _known(right):
            return left, right
    i = hyphens[len(hyphens) // 2]
    return pair[:i], pair[i + 1 :]
