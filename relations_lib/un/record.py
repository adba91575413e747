"""The UN General Assembly voting record (Voeten's data, vendored in data/reference/unvotes/).

Three tidy tables that share ``rcid``, as in the ``unvotes`` R package:

* :func:`roll_calls` — one row per recorded plenary roll call;
* :func:`votes` — one row per member's vote on a roll call (absent members have no row);
* :func:`roll_call_issues` — one row per issue tag of a roll call;

and what is built from them: :func:`voting_record` (one row per roll call: the Assembly's
totals beside one country's vote), :func:`key_resolutions` (official tallies of key Palestine
resolutions beside Voeten's), :func:`record_by_decade` and :func:`yearly_summary`.

The files are read once per process (``functools.lru_cache``); every public function returns a
fresh copy, so a caller may modify what it gets without touching the cache.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import countries as _countries
from .._args import BOOL, COUNTRY, ISSUES, MENTIONS, RECORD, check, optional
from ..countries import Country
from ..errors import (
    AmbiguousCountryError,
    ReferenceDataError,
    RelationsLibError,
    UnknownCountryError,
    UnknownIssueError,
)
from ..paths import reference_file
from ..vocab import VOTE_LEVELS, vote_dtype

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "KEY_RESOLUTIONS_FILE",
    "UNVOTES_DIR",
    "UnknownIssueError",
    "compare_vote_mentions",
    "issues_concerning",
    "key_resolutions",
    "record_by_decade",
    "record_concerning",
    "resolution_key",
    "resolution_symbol",
    "roll_call_issues",
    "roll_calls",
    "votes",
    "voting_record",
    "yearly_summary",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


#: Folder of the vendored Voeten/unvotes files, relative to data/reference/.
UNVOTES_DIR = "unvotes"
_VOTES_FILE = f"{UNVOTES_DIR}/un_votes.csv.gz"
_ROLL_CALLS_FILE = f"{UNVOTES_DIR}/un_roll_calls.csv.gz"
_ISSUES_FILE = f"{UNVOTES_DIR}/un_roll_call_issues.csv"
#: Official tallies of key Palestine-related resolutions (data/reference/).
KEY_RESOLUTIONS_FILE = "unga_key_resolutions.csv"
#: Which of Voeten's issue tags concern which country (data/reference/).
COUNTRY_ISSUES_FILE = "country_issues.csv"
#: The issue those key resolutions belong to: ``issue="me"`` also selects them by symbol,
#: because Voeten's ``me`` tag misses some of them (69/320, 3379 (XXX), 46/86).
KEY_RESOLUTIONS_ISSUE = "me"

# Namibia's ISO code is "NA": only an empty field is a missing value in these files.
_CSV_NA = {"keep_default_na": False, "na_values": [""]}


# --- resolution symbols ---------------------------------------------------------------------

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _to_roman(n: int) -> str:
    """``29`` → ``"XXIX"``."""
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _from_roman(text: str) -> int | None:
    """``"XXIX"`` → ``29``; ``None`` when ``text`` is not a canonical Roman numeral."""
    text = text.upper()
    if not text or not re.fullmatch(r"[MDCLXVI]+", text):
        return None
    total, rest = 0, text
    for value, letters in _ROMAN:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters) :]
    return total if not rest and _to_roman(total) == text else None


# Until the 30th regular session (1975), the 7th special and the 5th emergency special session
# (1967) resolutions were numbered in one running series, written "3236 (XXIX)"; afterwards
# per session, written "31/6", "S-8/1", "ES-6/2".
_LAST_RUNNING_SERIES = {"": 30, "S-": 7, "ES-": 5}

# "A/RES/ES-10/19", "R/29/3236", "67/19", "32/105 M", "R/42/70/A", "R/33/116A/I", "R/34/233/XII"
_NEW_STYLE = re.compile(
    r"^(?:A\s*/\s*RES\s*/\s*|R\s*/\s*)?(?P<kind>ES-|S-)?(?P<session>\d{1,3})\s*/\s*"
    r"(?P<number>\d{1,4})(?P<letter>[A-Z]{1,2})?(?:\s+(?P<spaced>[A-Z]{1,2}))?"
    r"(?:\s*/\s*(?P<tail>[A-Z]+))?$",
    re.IGNORECASE,
)
# "3236 (XXIX)", "A/RES/3236(XXIX)", "3151 G (XXVIII)", "1875 (S-IV)", "997 (ES-I)"
_OLD_STYLE = re.compile(
    r"^(?:A\s*/\s*RES\s*/\s*)?(?P<number>\d{1,4})\s*(?P<letter>[A-Z]{1,2})?\s*"
    r"\(\s*(?P<kind>ES-|S-)?(?P<roman>[IVXLC]+)\s*\)\s*(?P<letter2>[A-Z]{1,2})?$",
    re.IGNORECASE,
)
# After a slash, I/V/X-only tokens are sections ("/XII"), other short tokens are parts ("/A").
_SECTION = re.compile(r"[IVX]+")
_PREFIX = re.compile(r"^(?:UNGA|GA|General Assembly)?\s*(?:resolution|res\.)\s+", re.IGNORECASE)


def resolution_key(symbol: object) -> str | None:
    """A canonical key for a General Assembly resolution symbol, whatever its spelling.

    The key is ``"<session>/<number><part>"`` with an arabic session number, prefixed ``ES-`` or
    ``S-`` for (emergency) special sessions; ``part`` is an upper-case letter or two, then
    ``/`` and a Roman-numbered section if any. Voeten's ``unres`` ("R/29/3236",
    "A/RES/ES-10/19"), the official old style ("3236 (XXIX)") and the modern style ("67/19")
    give the same key, so they can be joined.

    >>> [resolution_key(s) for s in ("R/29/3236", "3236 (XXIX)", "A/RES/ES-10/19", "32/105 M")]
    ['29/3236', '29/3236', 'ES-10/19', '32/105M']

    Returns ``None`` for anything that is not a resolution symbol: missing values, a bare
    number, Voeten's "ESS/5/70" and "SS/1/59" codes (they number documents, not resolutions).
    """
    if not isinstance(symbol, str):
        return None
    text = _PREFIX.sub("", re.sub(r"\s+", " ", symbol).strip())
    m = _NEW_STYLE.match(text)
    if m:
        session = int(m["session"])
        if session < 1 or (m["letter"] and m["spaced"]):
            return None
        part = (m["letter"] or m["spaced"] or "").upper()
        section = ""
        tail = (m["tail"] or "").upper()
        if tail and _SECTION.fullmatch(tail):
            section = f"/{tail}"
        elif tail and not part and len(tail) <= 2:
            part = tail
        elif tail:
            return None
        return f"{(m['kind'] or '').upper()}{session}/{int(m['number'])}{part}{section}"
    m = _OLD_STYLE.match(text)
    if m:
        session = _from_roman(m["roman"])
        if session is None or (m["letter"] and m["letter2"]):
            return None
        letter = (m["letter"] or m["letter2"] or "").upper()
        return f"{(m['kind'] or '').upper()}{session}/{int(m['number'])}{letter}"
    return None


_KEY = re.compile(
    r"^(?P<kind>ES-|S-)?(?P<session>\d+)/(?P<number>\d+)(?P<part>[A-Z]*)(?P<sec>/.+)?$"
)


def resolution_symbol(symbol: object) -> str | None:
    """The symbol as the UN writes it: ``"R/29/3236"`` → ``"3236 (XXIX)"``, ``"R/67/19"`` →
    ``"67/19"``, ``"A/RES/ES-10/19"`` → ``"ES-10/19"``, ``"R/32/105M"`` → ``"32/105 M"``.

    Accepts any spelling :func:`resolution_key` reads; returns ``None`` for the others.
    """
    key = resolution_key(symbol)
    return None if key is None else _symbol_of_key(key)


def _symbol_of_key(key: str) -> str:
    """``"29/3236"`` → ``"3236 (XXIX)"`` (``key`` as :func:`resolution_key` makes it)."""
    m = _KEY.match(key)
    if m is None:  # pragma: no cover - resolution_key only makes keys of this shape
        raise ValueError(f"not a resolution key: {key!r}")
    kind, session, number = m["kind"] or "", int(m["session"]), m["number"]
    part = f" {m['part']}" if m["part"] else ""
    sec = m["sec"] or ""
    if session <= _LAST_RUNNING_SERIES[kind]:
        return f"{number}{part} ({kind}{_to_roman(session)}){sec}"
    return f"{kind}{session}/{number}{part}{sec}"


# Voeten's unres numbers are resolution numbers only from the 18th session (1963) on: before
# that they fall outside each session's range (e.g. "R/10/9" for a 1955 vote on China's seat,
# when session X's resolutions were numbered 907-1008). Measured per session in the data.
_FIRST_SESSION_WITH_RESOLUTION_NUMBERS = 18


# --- loading ---------------------------------------------------------------------------------


def _require_columns(frame: pd.DataFrame, needed: Iterable[str], name: str) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        path = reference_file(name)
        raise ReferenceDataError(f"{path}: missing column(s) {', '.join(missing)}")


def _bool_flag(series: pd.Series) -> pd.Series:
    """0/1 floats with gaps → nullable boolean (``1.0`` → True, ``NaN`` → <NA>)."""
    return series.astype("Float64").astype("boolean")


@lru_cache(maxsize=1)
def _load_roll_calls() -> pd.DataFrame:
    import pandas as pd

    path = reference_file(_ROLL_CALLS_FILE)
    frame = pd.read_csv(
        path,
        dtype={"rcid": "int32", "session": "int64", "unres": "string", "short": "string"},
        **_CSV_NA,
    )
    cols = ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"]
    _require_columns(frame, cols, _ROLL_CALLS_FILE)
    try:
        date = pd.to_datetime(frame["date"], format="%Y-%m-%d").astype("datetime64[ns]")
    except ValueError as exc:
        raise ReferenceDataError(f"{path}: unreadable date: {exc}") from None
    out = pd.DataFrame(
        {
            "rcid": frame["rcid"].astype("Int32"),
            "session": frame["session"].astype("Int64"),
            "importantvote": _bool_flag(frame["importantvote"]),
            "date": date,
            "unres": frame["unres"].astype("string"),
            "amend": _bool_flag(frame["amend"]),
            "para": _bool_flag(frame["para"]),
            "short": frame["short"].astype("string"),
            "descr": frame["descr"].astype("string"),
        }
    )
    if out["rcid"].duplicated().any():
        raise ReferenceDataError(f"{path}: rcid is not unique")
    # Chronological, as a reader expects: rcid order is not date order (the emergency special
    # sessions' rcids start at 9001, so a 1967 vote would follow one of 2016).
    return out.sort_values(["date", "rcid"], kind="stable").reset_index(drop=True)


def _roll_call_rank() -> pd.Series:
    """rcid → its place in :func:`roll_calls`' order (date, then rcid)."""
    import pandas as pd

    rc = _load_roll_calls()
    return pd.Series(range(len(rc)), index=rc["rcid"].to_numpy(dtype="int64"))


@lru_cache(maxsize=1)
def _load_votes() -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    path = reference_file(_VOTES_FILE)
    frame = pd.read_csv(
        path,
        dtype={"rcid": "int32", "country": "category", "country_code": "category"},
        **_CSV_NA,
    )
    _require_columns(frame, ["rcid", "country", "country_code", "vote"], _VOTES_FILE)
    vote = frame["vote"].astype("category")
    unknown = sorted(set(vote.cat.categories) - set(VOTE_LEVELS))
    if unknown:
        raise ReferenceDataError(f"{path}: unknown vote value(s) {unknown}")
    frame["vote"] = vote.astype(vote_dtype())
    # Roll calls in date order (then rcid), countries alphabetically within a roll call.
    rank = frame["rcid"].map(_roll_call_rank()).to_numpy()
    order = np.lexsort((frame["country"].cat.codes.to_numpy(), rank))
    frame = frame.iloc[order].reset_index(drop=True)
    frame["rcid"] = frame["rcid"].astype("Int32")
    return frame


@lru_cache(maxsize=1)
def _load_issues() -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(
        reference_file(_ISSUES_FILE),
        dtype={"rcid": "int32", "short_name": "category", "issue": "category"},
        **_CSV_NA,
    )
    _require_columns(frame, ["rcid", "short_name", "issue"], _ISSUES_FILE)
    # Roll calls in date order (then rcid), issue codes alphabetically within a roll call.
    frame["_rank"] = frame["rcid"].map(_roll_call_rank())
    frame = frame.sort_values(["_rank", "short_name"], kind="stable").drop(columns="_rank")
    frame = frame.reset_index(drop=True)
    frame["rcid"] = frame["rcid"].astype("Int32")
    return frame


def roll_calls() -> pd.DataFrame:
    """Every recorded plenary roll call of the General Assembly, 1946 – January 2020.

    Returns
    -------
    pandas.DataFrame
        One row per roll call (6,203), in date order, then by ``rcid`` on the same day (rcid
        order alone is not chronological). Columns: ``rcid`` (Int32, the key shared with
        :func:`votes` and :func:`roll_call_issues`), ``session`` (Int64), ``importantvote``
        (boolean: one of the votes the US State Department called important), ``date``
        (datetime64[ns]; the day of month is unreliable before about 1990), ``unres`` (string,
        Voeten's resolution code such as "R/29/3236"), ``amend`` and ``para`` (boolean: a vote
        on an amendment / on a paragraph), ``short`` and ``descr`` (string descriptions).
    """
    return _load_roll_calls().copy(deep=True)


def votes() -> pd.DataFrame:
    """Every member's vote on every roll call (absent members and non-members have no row).

    Returns
    -------
    pandas.DataFrame
        One row per country and roll call (870,109), roll calls in :func:`roll_calls` order (date,
        then rcid), countries alphabetically within one. Columns: ``rcid`` (Int32), ``country``
        (category, the data's country name), ``country_code`` (category, ISO 3166-1 alpha-2; missing
        for the Federal Republic of Germany, the Yemen Arab Republic and Zanzibar), ``vote``
        (ordered category yes < abstain < no, from :func:`relations_lib.vocab.vote_dtype`).
    """
    return _load_votes().copy(deep=True)


def roll_call_issues() -> pd.DataFrame:
    """Voeten's issue tags of the roll calls (a roll call may carry several or none).

    Returns
    -------
    pandas.DataFrame
        One row per roll call and issue (5,745), roll calls in :func:`roll_calls` order (date,
        then rcid), issue codes alphabetically within one. Columns: ``rcid`` (Int32), ``short_name``
        (category: ``me`` Palestinian conflict, ``nu`` nuclear weapons, ``di`` arms control,
        ``hr`` human rights, ``co`` colonialism, ``ec`` economic development), ``issue``
        (category, the issue's name).
    """
    return _load_issues().copy(deep=True)


# --- the key resolutions ----------------------------------------------------------------------


#: A column of the key-resolutions file holding one country's sourced vote: ``<who>_vote``
#: beside ``<who>_vote_source``, ``<who>`` a country name in lower case ("united_states").
_SOURCED_VOTE = re.compile(r"^(?P<who>[a-z][a-z_]*)_vote$")


@lru_cache(maxsize=1)
def _load_key_resolutions() -> pd.DataFrame:
    """The key resolutions with their official tallies (the sourced country votes apart:
    :func:`_sourced_key_votes`)."""
    import pandas as pd

    path = reference_file(KEY_RESOLUTIONS_FILE)
    frame = pd.read_csv(path, dtype="string", **_CSV_NA)
    cols = ["resolution", "date", "subject", "yes", "no", "abstain", "tally_source", "note"]
    _require_columns(frame, cols, KEY_RESOLUTIONS_FILE)
    keys = frame["resolution"].map(resolution_key)
    for i, (symbol, key) in enumerate(zip(frame["resolution"], keys, strict=True)):
        if key is None:  # line i + 2: the header is line 1
            raise ReferenceDataError(f"{path}:{i + 2}: unreadable resolution symbol {symbol!r}")
    try:
        tallies = {c: pd.to_numeric(frame[c]).astype("Int64") for c in ("yes", "no", "abstain")}
        date = pd.to_datetime(frame["date"], format="%Y-%m-%d").astype("datetime64[ns]")
    except ValueError as exc:
        raise ReferenceDataError(f"{path}: {exc}") from None
    return pd.DataFrame(
        {
            "resolution": frame["resolution"],
            "resolution_key": keys.astype("string"),
            "date": date,
            "subject": frame["subject"],
            "official_yes": tallies["yes"],
            "official_no": tallies["no"],
            "official_abstain": tallies["abstain"],
            "tally_source": frame["tally_source"],
            "note": frame["note"],
        }
    )


@lru_cache(maxsize=1)
def _sourced_key_votes() -> dict[str, pd.DataFrame]:
    """The data's country name -> that country's sourced votes on the key resolutions: a frame
    with ``resolution_key``, ``vote`` (ordered category) and ``source`` (string).

    The file holds one pair of columns per country whose votes were read from cited pages
    (``<who>_vote``, ``<who>_vote_source``); ``<who>`` is resolved like any country name.
    """
    import pandas as pd

    path = reference_file(KEY_RESOLUTIONS_FILE)
    frame = pd.read_csv(path, dtype="string", **_CSV_NA)
    keys = frame["resolution"].map(resolution_key).astype("string")
    out: dict[str, pd.DataFrame] = {}
    for column in frame.columns:
        m = _SOURCED_VOTE.match(column)
        if m is None:
            continue
        if f"{column}_source" not in frame.columns:
            raise ReferenceDataError(f"{path}:1: column {column!r} has no {column}_source")
        bad = sorted(set(frame[column].dropna()) - set(VOTE_LEVELS))
        if bad:
            raise ReferenceDataError(f"{path}: unknown {column} value(s) {bad}")
        try:
            state = _state_of(m["who"].replace("_", " ")).id
        except UnknownCountryError as exc:
            raise ReferenceDataError(f"{path}:1: column {column!r}: {exc}") from None
        out[state] = pd.DataFrame(
            {
                "resolution_key": keys,
                "vote": frame[column].astype(vote_dtype()),
                "source": frame[f"{column}_source"].astype("string"),
            }
        )
    return out


def _whole_votes(frame: pd.DataFrame) -> pd.Series:
    """Roll calls on a whole draft (not on an amendment or a paragraph)."""
    return ~(frame["amend"].fillna(False) | frame["para"].fillna(False))


def _rcids_of(keys: Iterable[str]) -> pd.DataFrame:
    """resolution_key → rcid of Voeten's roll call adopting that resolution (keys it lacks
    are left out).

    Where Voeten holds several roll calls for one symbol, the vote on the whole draft is
    preferred to votes on amendments and paragraphs, and the last of those (the final vote).
    """
    import pandas as pd

    rc = _roll_calls_with_symbols()
    matched = rc[rc["resolution_key"].isin(list(keys))].assign(whole=_whole_votes)
    matched = matched.sort_values(["resolution_key", "whole", "rcid"])
    last = matched.groupby("resolution_key", sort=False).tail(1)
    return pd.DataFrame({"resolution_key": last["resolution_key"], "rcid": last["rcid"]})


@lru_cache(maxsize=1)
def _key_rcids() -> pd.DataFrame:
    """resolution_key → rcid for the key resolutions."""
    return _rcids_of(_load_key_resolutions()["resolution_key"])


@lru_cache(maxsize=1)
def _roll_calls_with_symbols() -> pd.DataFrame:
    """roll_calls plus ``resolution_key`` and ``resolution`` (UN style) where Voeten's code is a
    resolution number (from the 18th session on)."""
    import pandas as pd

    rc = _load_roll_calls()
    numbered = rc["session"] >= _FIRST_SESSION_WITH_RESOLUTION_NUMBERS
    keys = {u: resolution_key(u) for u in rc["unres"].dropna().unique()}
    symbols = {k: _symbol_of_key(k) for k in keys.values() if k is not None}
    key = [
        keys.get(u) if ok and not pd.isna(u) else None
        for u, ok in zip(rc["unres"], numbered, strict=True)
    ]
    out = rc.copy()
    out["resolution_key"] = pd.array(key, dtype="string")
    out["resolution"] = pd.array([symbols.get(k) for k in key], dtype="string")
    return out


@lru_cache(maxsize=1)
def _totals() -> pd.DataFrame:
    """yes / abstain / no counts of members voting, per rcid (Int64)."""
    import numpy as np
    import pandas as pd

    v = _load_votes()
    # bincount over (rcid, vote level) pairs (rcids are small positive integers): far faster
    # than a groupby on 870k rows
    rcid = v["rcid"].to_numpy(dtype="int64")
    level = v["vote"].cat.codes.to_numpy(dtype="int64")  # never -1: checked when loading
    n = len(VOTE_LEVELS)
    counts = np.bincount(rcid * n + level, minlength=(int(rcid.max()) + 1) * n).reshape(-1, n)
    rcids = np.flatnonzero(counts.sum(axis=1))
    counts = counts[rcids]
    out = pd.DataFrame({"rcid": pd.array(rcids, dtype="Int32")})
    for i, name in enumerate(VOTE_LEVELS):
        out[name] = pd.array(counts[:, i], dtype="Int64")
    return out


def key_resolutions(country: str | Country | None = None) -> pd.DataFrame:
    """Official tallies of twelve key Palestine-related resolutions, with Voeten's beside them
    and one country's vote on each.

    The official figures come from data/reference/unga_key_resolutions.csv, each with the page
    it was read from; Voeten's totals are counted from :func:`votes`. Neither is overwritten by
    the other: where they differ, ``tally_differs`` says so. The country's vote is the one read
    from a cited page where the file has that country's votes (it has Albania's), else its vote
    in Voeten's data (none after January 2020).

    Parameters
    ----------
    country
        Whose votes to add: a code ("AL", "ALB"), a name or a
        :class:`~relations_lib.countries.Country`; ``None`` leaves the country columns empty.

    Returns
    -------
    pandas.DataFrame
        One row per resolution, in date order. Columns: ``resolution`` (string, as the UN writes
        it: "3236 (XXIX)", "67/19", "ES-10/19"), ``date`` (datetime64[ns], date of adoption),
        ``year`` (Int64), ``subject`` (string), ``official_yes``, ``official_no``,
        ``official_abstain`` (Int64), ``tally_source`` (string URL), ``country`` (string, the
        data's name of the country), ``country_vote`` (ordered category), ``country_vote_source``
        (string: the page, or "Voeten UNGA voting data (rcid N)"), ``note`` (string, may be
        missing), ``rcid`` (Int32, Voeten's roll call; missing after January 2020),
        ``voeten_date`` (datetime64[ns]), ``voeten_yes``, ``voeten_no``, ``voeten_abstain``
        (Int64, members voting in Voeten's data), ``voeten_country_vote`` (ordered category),
        ``tally_differs`` (boolean: the official and Voeten tallies differ; missing where
        Voeten has no roll call). ``attrs["country"]`` is the country's name (or None).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownCountryError
        ``country`` has no votes in the data (Palestine, a non-member, for one).
    """
    check("key_resolutions", country=(country, optional(COUNTRY)))
    import pandas as pd

    key = _load_key_resolutions().merge(_key_rcids(), on="resolution_key", how="left")
    key["rcid"] = key["rcid"].astype("Int32")
    rc = _load_roll_calls()[["rcid", "date"]].rename(columns={"date": "voeten_date"})
    totals = _totals().rename(columns={c: f"voeten_{c}" for c in VOTE_LEVELS})
    out = key.merge(rc, on="rcid", how="left").merge(totals, on="rcid", how="left")
    name = None
    if country is not None:
        state = _state_of(country)  # the country registry: the state, whatever its name
        name = state.name
        v = _load_votes()
        mine = v.loc[(_vote_states() == state.id).to_numpy(), ["rcid", "vote"]]
        if mine.empty:
            raise UnknownCountryError(f"{name} has no votes in the UN voting data")
        out = out.merge(mine.rename(columns={"vote": "voeten_country_vote"}), on="rcid", how="left")
        sourced = _sourced_key_votes().get(state.id)
        if sourced is not None:
            out = out.merge(
                sourced.rename(columns={"vote": "country_vote", "source": "country_vote_source"}),
                on="resolution_key",
                how="left",
            )
        else:  # Voeten's vote, where the data has one
            out["country_vote"] = out["voeten_country_vote"]
            rcid = out["rcid"].astype("string")
            out["country_vote_source"] = ("Voeten UNGA voting data (rcid " + rcid + ")").where(
                out["voeten_country_vote"].notna(), pd.NA
            )
    else:
        out["voeten_country_vote"] = pd.NA
        out["country_vote"] = pd.NA
        out["country_vote_source"] = pd.NA
    out["country"] = pd.Series(name, index=out.index, dtype="string")
    differs = (
        (out["official_yes"] != out["voeten_yes"])
        | (out["official_no"] != out["voeten_no"])
        | (out["official_abstain"] != out["voeten_abstain"])
    )
    out["tally_differs"] = differs.astype("boolean").where(out["rcid"].notna(), pd.NA)
    out["year"] = out["date"].dt.year.astype("Int64")
    for c in ("voeten_yes", "voeten_no", "voeten_abstain"):
        out[c] = out[c].astype("Int64")
    for c in ("country_vote", "voeten_country_vote"):
        out[c] = out[c].astype(vote_dtype())
    out["country_vote_source"] = out["country_vote_source"].astype("string")
    out = out.sort_values(["date", "resolution"], kind="stable").reset_index(drop=True)
    out = out[list(KEY_RESOLUTION_COLUMNS)]
    out.attrs = {"country": name}
    return out


#: Columns of :func:`key_resolutions`, in order.
KEY_RESOLUTION_COLUMNS = (
    "resolution",
    "date",
    "year",
    "subject",
    "official_yes",
    "official_no",
    "official_abstain",
    "tally_source",
    "country",
    "country_vote",
    "country_vote_source",
    "note",
    "rcid",
    "voeten_date",
    "voeten_yes",
    "voeten_no",
    "voeten_abstain",
    "voeten_country_vote",
    "tally_differs",
)


def _tally(yes: object, no: object, abstain: object) -> object:
    """``(138, 9, 41)`` → ``"138–9–41"`` (yes–no–abstain, as the UN reports it); NA if any is."""
    import pandas as pd

    if any(pd.isna(x) for x in (yes, no, abstain)):
        return pd.NA
    return f"{int(yes)}–{int(no)}–{int(abstain)}"


def compare_vote_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """The votes an article states beside the official tallies and Voeten's record.

    Parameters
    ----------
    mentions
        :func:`relations_lib.extract_vote_mentions` output (uses ``resolution``, ``date``,
        ``country``, ``country_code``, ``vote``, ``stated_count``, ``stated_count_of``).

    Returns
    -------
    pandas.DataFrame
        One row per mention, in its order. Columns: ``resolution`` (string), ``date``
        (datetime64[ns], as the article dates the vote), ``country`` (string), ``stated_vote``
        (ordered category), ``stated_count`` (Int64) and ``stated_count_of`` (string: which
        option the count is of), ``official_tally`` (string "yes–no–abstain", from
        :func:`key_resolutions`; missing for other resolutions), ``official_count`` (Int64: the
        official count of the option ``stated_count`` refers to), ``count_matches`` (boolean),
        ``tally_source`` (string), ``rcid`` (Int32, Voeten's roll call), ``voeten_tally``
        (string, members voting), ``recorded_vote`` (ordered category: the country's vote in
        Voeten's data; missing when it has none), ``vote_matches`` (boolean: the stated vote
        is the recorded one; missing without a recorded vote).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("compare_vote_mentions", mentions=(mentions, MENTIONS))
    import pandas as pd

    m = mentions.reset_index(drop=True)
    n = len(m)

    def col(name: str) -> pd.Series:
        return m[name] if name in m.columns else pd.Series(pd.NA, index=m.index, dtype=object)

    # Missing values become None here, once: a cell of a string or category column is pd.NA
    # when missing, and pd.NA has no truth value ("boolean value of NA is ambiguous").
    keys = [resolution_key(r) for r in col("resolution").astype(object)]  # None when missing
    key = _load_key_resolutions().set_index("resolution_key")
    rcids = _rcids_of({k for k in keys if k is not None}).set_index("resolution_key")["rcid"]
    rcid = pd.array([pd.NA if k is None else rcids.get(k, pd.NA) for k in keys], dtype="Int32")
    from ..countries import resolve

    totals = _totals().merge(_load_roll_calls()[["rcid", "date"]], on="rcid").set_index("rcid")
    v = _load_votes()
    states = _vote_states()
    out = pd.DataFrame(
        {
            "resolution": col("resolution").astype("string"),
            "date": pd.to_datetime(col("date")).astype("datetime64[ns]"),
            "country": col("country").astype("string"),
            "stated_vote": col("vote").astype(vote_dtype()),
            "stated_count": pd.to_numeric(col("stated_count")).astype("Int64"),
            "stated_count_of": col("stated_count_of").astype("string"),
        }
    )
    official_tally, official_count, source, voeten_tally, recorded = [], [], [], [], []
    stated_of = [None if pd.isna(x) else str(x) for x in out["stated_count_of"].astype(object)]
    codes = [x if isinstance(x, str) and x else None for x in col("country_code").astype(object)]
    countries = [x if isinstance(x, str) and x else None for x in col("country").astype(object)]
    for i in range(n):
        k = keys[i]
        row = key.loc[k] if k is not None and k in key.index else None
        official_tally.append(
            _tally(row["official_yes"], row["official_no"], row["official_abstain"])
            if row is not None
            else pd.NA
        )
        of = stated_of[i]
        official_count.append(
            row[f"official_{of}"] if row is not None and of in VOTE_LEVELS else pd.NA
        )
        source.append(row["tally_source"] if row is not None else pd.NA)
        r = rcid[i]
        if pd.isna(r) or r not in totals.index:
            voeten_tally.append(pd.NA)
            recorded.append(pd.NA)
            continue
        t = totals.loc[r]
        voeten_tally.append(_tally(t["yes"], t["no"], t["abstain"]))
        query = codes[i] or countries[i]
        try:  # the state on the roll call's day: "SUN" and "Russia" both find the USSR in 1980
            state = resolve(query, on=t["date"]).id if query is not None else None
        except UnknownCountryError:  # e.g. Palestine: no votes in the data
            state = None
        vote = v.loc[(v["rcid"] == r) & (states == state), "vote"] if state is not None else ()
        recorded.append(vote.iloc[0] if len(vote) else pd.NA)
    out["official_tally"] = pd.array(official_tally, dtype="string")
    out["official_count"] = pd.array(official_count, dtype="Int64")
    out["count_matches"] = (out["stated_count"] == out["official_count"]).astype("boolean")
    out["tally_source"] = pd.array(source, dtype="string")
    out["rcid"] = rcid
    out["voeten_tally"] = pd.array(voeten_tally, dtype="string")
    out["recorded_vote"] = pd.Series(recorded, index=out.index, dtype=object).astype(vote_dtype())
    stated = out["stated_vote"].astype(object)
    matches = stated == out["recorded_vote"].astype(object)
    out["vote_matches"] = matches.astype("boolean").where(
        out["recorded_vote"].notna() & out["stated_vote"].notna(), pd.NA
    )
    return out


# --- countries and issues -----------------------------------------------------------------------

#: The data's series that are not one state throughout, and the seats (data/reference/countries/).
SERIES_FILE = _countries.SERIES_FILE


@lru_cache(maxsize=1)
def _series_periods() -> dict[str, list[tuple[str, object, object]]]:
    """The data's country name → [(registry state, from, to)], from the registry's table of
    the series that changed state (Russia: the USSR to 1991-12-24) and its names for the others.
    """
    from ..countries import resolve

    path = reference_file(SERIES_FILE)
    special: dict[str, list[tuple[str, object, object]]] = {}
    for stretch in _countries.unvotes_series():
        special.setdefault(stretch.country, []).append((stretch.state, stretch.start, stretch.end))
    v = _load_votes()
    pairs = v[["country", "country_code"]].drop_duplicates("country")
    out: dict[str, list[tuple[str, object, object]]] = {}
    for name, code in zip(pairs["country"].astype(str), pairs["country_code"], strict=True):
        if name in special:
            out[name] = special[name]
            continue
        try:
            state = resolve(name).id
        except RelationsLibError:
            try:  # the data's own spelling failing, its ISO alpha-2 code
                state = resolve(str(code), scheme="alpha2").id
            except RelationsLibError:
                raise ReferenceDataError(
                    f"{reference_file(_VOTES_FILE)}: the registry cannot place the data's "
                    f"country {name!r}; add it to {path}"
                ) from None
        out[name] = [(state, None, None)]
    return out


@lru_cache(maxsize=1)
def _vote_states() -> pd.Series:
    """The registry state of every row of the votes (Russia's votes before 24 December 1991
    are the USSR's), aligned with :func:`_load_votes`; a (rcid, state) pair occurs once."""
    import numpy as np
    import pandas as pd

    v = _load_votes()
    rc = _load_roll_calls()
    dates = np.full(int(rc["rcid"].max()) + 1, np.datetime64("NaT"), dtype="datetime64[ns]")
    dates[rc["rcid"].to_numpy(dtype="int64")] = rc["date"].to_numpy()
    day = dates[v["rcid"].to_numpy(dtype="int64")]
    codes = v["country"].cat.codes.to_numpy()
    periods = _series_periods()
    categories = [str(c) for c in v["country"].cat.categories]
    # one state per series: a lookup by category code; the few split series by date
    simple = np.array(
        [periods[c][0][0] if len(periods[c]) == 1 else None for c in categories], dtype=object
    )
    out = simple[codes]
    for i, name in enumerate(categories):
        if len(periods[name]) == 1:
            continue
        rows = np.flatnonzero(codes == i)
        for state, lo, hi in periods[name]:
            sel = np.ones(len(rows), dtype=bool)
            if lo is not None:
                sel &= day[rows] >= np.datetime64(lo, "ns")
            if hi is not None:
                sel &= day[rows] < np.datetime64(hi, "ns")
            out[rows[sel]] = state
    states = pd.Series(out, index=v.index, dtype="category")
    if states.isna().any():
        raise ReferenceDataError(f"{reference_file(SERIES_FILE)}: some votes fall in no period")
    # two series giving one state two votes on one roll call would double-count it
    owners: dict[str, set[str]] = {}
    for name in categories:
        for state, _, _ in periods[name]:
            owners.setdefault(state, set()).add(name)
    shared = [s for s, names in owners.items() if len(names) > 1]
    if shared:
        sel = states.isin(shared).to_numpy()
        both = pd.DataFrame({"r": v["rcid"].to_numpy()[sel], "s": out[sel]})
        if both.duplicated().any():
            raise ReferenceDataError(
                f"{reference_file(SERIES_FILE)}: two series give one state two votes on a roll call"
            )
    return states


def _state_of(country: str | Country) -> Country:
    """The registry state a voting_record argument names (UnknownCountryError otherwise)."""
    from ..countries import NAMES_FILE, resolve

    try:
        return resolve(country)
    except AmbiguousCountryError:
        raise
    except UnknownCountryError as exc:  # say where the name was looked for
        raise UnknownCountryError(
            f"{exc} (country registry: {reference_file(NAMES_FILE).parent})",
            query=exc.query,
            suggestions=exc.suggestions,
        ) from None


@lru_cache(maxsize=1)
def _issue_codes() -> pd.Series:
    """rcid → issue codes joined with ';' in alphabetical order ("hr;me")."""
    import pandas as pd

    issues = _load_issues()
    by_rcid: dict[int, list[str]] = {}
    for rcid, code in zip(issues["rcid"], issues["short_name"].astype(str), strict=True):
        by_rcid.setdefault(int(rcid), []).append(code)
    return pd.Series({r: ";".join(sorted(c)) for r, c in sorted(by_rcid.items())}, dtype="string")


def _issue_set(issue: str | Iterable[str] | None) -> frozenset[str] | None:
    if issue is None:
        return None
    wanted = {issue} if isinstance(issue, str) else set(issue)
    wanted = {w.strip().lower() if isinstance(w, str) else w for w in wanted}  # "ME" is "me"
    known = {str(c) for c in _load_issues()["short_name"].cat.categories}
    unknown = sorted(wanted - known)
    if unknown:
        raise UnknownIssueError(
            f"unknown issue code(s) {unknown}; the roll-call issue tags are {sorted(known)} "
            f"({reference_file(_ISSUES_FILE)})"
        )
    return frozenset(wanted)


# --- the voting record ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _record_base() -> pd.DataFrame:
    """Every roll call with its totals, issues and any key resolution's official tally."""
    import numpy as np
    import pandas as pd

    rc = _roll_calls_with_symbols()
    base = rc.merge(_totals(), on="rcid", how="left")
    for c in VOTE_LEVELS:
        base[c] = base[c].fillna(0).astype("Int64")
    base["n_voting"] = (base["yes"] + base["abstain"] + base["no"]).astype("Int64")
    share = base["yes"].astype("float64") / base["n_voting"].astype("float64").replace(0, np.nan)
    base["yes_share"] = share.astype("float64")
    # The Assembly's majority: the option most members voting chose; none on a tie.
    counts = base[list(VOTE_LEVELS)].to_numpy(dtype="int64")
    top = counts.max(axis=1, keepdims=True)
    unique_top = (counts == top).sum(axis=1) == 1
    majority = np.array(VOTE_LEVELS, dtype=object)[counts.argmax(axis=1)]
    majority = np.where(unique_top & (top[:, 0] > 0), majority, None)
    base["majority_vote"] = pd.Series(majority, index=base.index).astype(vote_dtype())
    base["issue"] = base["rcid"].map(_issue_codes()).astype("string")
    base["year"] = base["date"].dt.year.astype("Int64")
    key = _load_key_resolutions().merge(_key_rcids(), on="resolution_key", how="inner")
    key = key[["rcid", "official_yes", "official_no", "official_abstain"]]
    base = base.merge(key, on="rcid", how="left")
    base["is_key_resolution"] = base["rcid"].isin(key["rcid"]).astype("boolean")
    return base.sort_values(["date", "rcid"], kind="stable").reset_index(drop=True)


#: Columns of :func:`voting_record`, in order.
RECORD_COLUMNS = (
    "rcid",
    "date",
    "year",
    "session",
    "resolution",
    "unres",
    "short",
    "issue",
    "importantvote",
    "amend",
    "para",
    "yes",
    "abstain",
    "no",
    "n_voting",
    "yes_share",
    "majority_vote",
    "country",
    "country_code",
    "state",
    "is_member",
    "country_vote",
    "agrees_with_majority",
    "official_yes",
    "official_no",
    "official_abstain",
    "is_key_resolution",
)


def _most_common(values: pd.Series) -> object:
    """The most common value (the first on a tie); None when all are missing."""
    counts = values.dropna().value_counts(sort=True)
    return counts.index[0] if len(counts) else None


@lru_cache(maxsize=32)
def _voting_record(state_id: str, issues: frozenset[str] | None, successors: bool) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from ..countries import resolve, successor_chain

    state = resolve(state_id)
    chain = successor_chain(state) if successors else [(state, None)]
    ids = [c.id for c, _ in chain]
    base = _record_base()
    v = _load_votes()
    vs = _vote_states()
    mask = vs.isin(ids).to_numpy()
    if not mask.any():
        raise UnknownCountryError(
            f"{state.short_name!r} ({state.id}, {state.period}) has no votes in the UN General "
            f"Assembly data ({reference_file(_VOTES_FILE)})",
            query=state_id,
        )
    mine = pd.DataFrame(
        {
            "rcid": v["rcid"][mask],
            "country_vote": v["vote"][mask],
            "_country": v["country"][mask].astype(str),
            "_code": v["country_code"][mask].astype(object),
            "_state": vs[mask].astype(str),
        }
    )
    rec = base.merge(mine, on="rcid", how="left")
    rec["country_vote"] = rec["country_vote"].astype(vote_dtype())
    # Which state's seat each roll call follows: the chain member whose period holds its date
    # (before the first successor, the state asked for).
    starts = np.array([np.datetime64(d, "ns") for _, d in chain[1:]], dtype="datetime64[ns]")
    which = np.searchsorted(starts, rec["date"].to_numpy(), side="right")
    rec["state"] = pd.array(np.array(ids, dtype=object)[which], dtype="string")
    voted_state = rec["_state"].notna()
    if (rec.loc[voted_state, "_state"] != rec.loc[voted_state, "state"].astype(str)).any():
        raise ReferenceDataError(  # pragma: no cover - the succession dates and series agree
            f"{reference_file(SERIES_FILE)}: a vote falls outside its state's period"
        )
    # The data's name and code for each state: from its votes (the most common series).
    main = mine.groupby("_state")[["_country", "_code"]].agg(_most_common)
    fill_name = rec["state"].astype(str).map(main["_country"]) if len(main) else None
    fill_code = rec["state"].astype(str).map(main["_code"]) if len(main) else None
    rec["country"] = rec["_country"].fillna(fill_name).astype("string")
    rec["country_code"] = rec["_code"].fillna(fill_code).astype("string")
    # Membership is not in the data: the span from the first to the last recorded vote stands
    # for it (Albania: admitted 14 December 1955, first vote in November 1956).
    voted = rec.loc[rec["country_vote"].notna(), "date"]
    rec["is_member"] = rec["date"].between(voted.min(), voted.max()).astype("boolean")
    agree = rec["country_vote"].astype(object) == rec["majority_vote"].astype(object)
    rec["agrees_with_majority"] = agree.astype("boolean").where(
        rec["country_vote"].notna() & rec["majority_vote"].notna(), pd.NA
    )
    if issues is not None:
        tagged = rec["issue"].fillna("").str.split(";").map(lambda codes: bool(issues & set(codes)))
        selected = tagged.astype(bool)
        if KEY_RESOLUTIONS_ISSUE in issues:
            selected |= rec["is_key_resolution"].fillna(False).astype(bool)
        rec = rec[selected]
    rec = rec.reset_index(drop=True)[list(RECORD_COLUMNS)]
    first = main["_country"].get(state.id) if len(main) else None
    rec.attrs = {
        "country": first or state.short_name,
        "country_code": main["_code"].get(state.id) if len(main) else None,
        "state": state.id,
        "states": {c.id: f"{c.short_name} ({c.period})" for c, _ in chain},
        "predecessors": list(state.predecessors),
        "successors": list(state.successors),
        "issue": sorted(issues or []),
    }
    return rec


def voting_record(
    country: str | Country,
    issue: str | Iterable[str] | None = None,
    *,
    successors: bool = False,
) -> pd.DataFrame:
    """One state's vote on every General Assembly roll call, beside the Assembly's totals.

    Parameters
    ----------
    country
        Any name or code the country registry (:func:`relations_lib.countries.resolve`)
        knows: "Albania", "AL", "ALB", the UN's "Iran (Islamic Republic of)", former states
        ("Soviet Union", "SUN", "Zaire", "West Germany", "DDR", "CSK", "YUG", "Republic of
        China"), or a :class:`~relations_lib.countries.Country` (``article.countries[0]``).
        A state is a state: "Russia" starts on 24 December 1991, the Soviet Union ends there;
        "Germany" starts on 3 October 1990 (the Federal Republic's votes before are "West
        Germany"'s); "Serbia" is the data's Yugoslavia series from 3 June 2006.
    issue
        ``None`` for every roll call, or one issue code (or several) of
        :func:`roll_call_issues`, in any case ("me", "ME"): ``"me"`` selects the roll calls
        tagged as about the Palestinian conflict *and* the key resolutions of
        :func:`key_resolutions` that Voeten left untagged (69/320, 3379 (XXX), 46/86).
    successors
        Continue the series with the states that held the seat after it
        (:func:`relations_lib.countries.successor_chain`): the USSR, then Russia; the Federal
        Republic, then Germany; the Yemen Arab Republic, then Yemen; the Republic of China,
        then the People's Republic; the SFRY, then the FRY, Serbia and Montenegro and Serbia.
        Czechoslovakia's series ends with it (its successors were admitted as new members).

    Returns
    -------
    pandas.DataFrame
        One row per roll call, in date order, then by ``rcid`` on the same day (as
        :func:`roll_calls`). Columns: ``rcid`` (Int32), ``date``
        (datetime64[ns]), ``year``, ``session`` (Int64), ``resolution`` (string, as the UN writes
        it, e.g. "3236 (XXIX)", "67/19"; missing before the 18th session, when Voeten's codes
        are not resolution numbers), ``unres`` (string, Voeten's code), ``short`` (string),
        ``issue`` (string, issue codes joined by ";", e.g. "hr;me"; missing when untagged),
        ``importantvote``, ``amend``, ``para`` (boolean), ``yes``, ``abstain``, ``no``,
        ``n_voting`` (Int64 counts of members voting), ``yes_share`` (float64, yes / n_voting),
        ``majority_vote`` (ordered category: the option most members voting chose; missing
        on a tie), ``country``, ``country_code`` (string: the data's name and ISO alpha-2 code
        of the series the vote is filed under), ``state`` (string: the registry id of the state
        whose seat the row follows — "SUN" before 24 December 1991 and "RUS" after, with
        ``successors=True``), ``is_member`` (boolean: between the first and last recorded vote),
        ``country_vote`` (ordered category yes < abstain < no; missing when absent or not a
        member), ``agrees_with_majority`` (boolean; missing when the country did not vote),
        ``official_yes``, ``official_no``, ``official_abstain`` (Int64, only for key
        resolutions), ``is_key_resolution`` (boolean). ``attrs`` holds the data's ``country``
        name and ``country_code``, the registry ``state``, ``states`` (id → name and period),
        ``predecessors``, ``successors`` and the ``issue`` list.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownCountryError
        When the registry does not know ``country`` (the message suggests close names) or the
        state has no votes in the data (Palestine, a non-member).
    AmbiguousCountryError
        When ``country`` names several states ("Korea", "Congo").
    UnknownIssueError
        When ``issue`` is not one of the data's issue codes.
    """
    check(
        "voting_record",
        country=(country, COUNTRY),
        issue=(issue, ISSUES),
        successors=(successors, BOOL),
    )
    state = _state_of(country)
    record = _voting_record(state.id, _issue_set(issue), bool(successors))
    out = record.copy(deep=True)
    out.attrs = {
        k: (list(val) if isinstance(val, list) else dict(val) if isinstance(val, dict) else val)
        for k, val in record.attrs.items()
    }
    return out


@lru_cache(maxsize=1)
def _country_issues() -> dict[str, frozenset[str]]:
    """alpha-3 -> Voeten's issue codes that concern that country (country_issues.csv)."""
    from ..refdata import read_rows

    path = reference_file(COUNTRY_ISSUES_FILE)
    known = {str(c) for c in _load_issues()["short_name"].cat.categories}
    out: dict[str, set[str]] = {}
    for line, row in read_rows(path, ("alpha3", "issue"), "country issues"):
        if row["issue"] not in known:
            raise ReferenceDataError(
                f"{path}:{line}: unknown issue code {row['issue']!r}; "
                f"the roll-call issue tags are {sorted(known)}"
            )
        out.setdefault(row["alpha3"], set()).add(row["issue"])
    return {k: frozenset(v) for k, v in out.items()}


def _alpha3_of(country: str | Country) -> str | None:
    if isinstance(country, Country):
        return country.alpha3
    from ..countries import lookup_country

    try:
        return lookup_country(str(country)).alpha3
    except RelationsLibError:
        return None


def issues_concerning(country: str | Country) -> list[str]:
    """Voeten's issue codes whose roll calls all concern ``country`` (country_issues.csv):
    ``["me"]`` for Palestine and Israel, none for most countries.

    >>> issues_concerning("Palestine"), issues_concerning("Cuba")
    (['me'], [])

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("issues_concerning", country=(country, COUNTRY))
    code = _alpha3_of(country)
    return sorted(_country_issues().get(code or "", frozenset()))


def _words_pattern(country: str | Country) -> re.Pattern | None:
    """A case-sensitive regex of the words that name a country or its people: its names,
    adjectives and demonyms (data/reference/country_words.csv, via ``actors.country_words``)."""
    from ..countries import country_words

    code = _alpha3_of(country)
    words = country_words().get(code or "")
    if words is None:
        return None
    terms = sorted({*words.names, *words.adjectives, *words.people}, key=len, reverse=True)
    terms = [t for t in terms if t]
    if not terms:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])")


def record_concerning(country: str | Country, other: str | Country) -> pd.DataFrame:
    """One country's record on the roll calls that concern another country.

    A roll call concerns ``other`` when Voeten tagged it with an issue that concerns that
    country (:func:`issues_concerning`: ``me``, the Palestinian conflict, for Palestine and
    Israel — together with the key resolutions the tag misses, as in ``voting_record(...,
    issue="me")``), or when its short or long description names the country or its people
    ("Cuba", "Cuban", "Cubans"; "Soviet Union", "USSR", "Soviet"; from
    data/reference/country_words.csv, case-sensitive, whole words). For Albania and Palestine
    this is exactly ``voting_record("AL", issue="me")``: every roll call whose description
    names Palestine or the Palestinians carries the ``me`` tag.

    Parameters
    ----------
    country
        Whose votes: as for :func:`voting_record`.
    other
        The country the roll calls concern: a name, an ISO code or a
        :class:`~relations_lib.countries.Country` (it need not have votes itself: Palestine).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`voting_record` plus ``concerns`` (string: why the roll call was
        selected — "issue me", "key resolution", "names Cuba" — joined by "; "); one row per
        selected roll call, in :func:`voting_record`'s order. ``attrs`` holds ``country``,
        ``country_code``, ``issue`` (the issue codes used) and ``concerning`` (``other``'s
        name).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownCountryError
        ``country`` has no votes in the data, or the registry knows no state by ``other``
        (a misspelling, a number without a scheme); the message suggests close names.
    AmbiguousCountryError
        When ``country`` or ``other`` names several states ("Korea", "Congo").
    """
    check("record_concerning", country=(country, COUNTRY), other=(other, COUNTRY))
    import numpy as np
    import pandas as pd

    record = voting_record(country)
    # ``other`` goes through the registry like ``country``: a misspelt name ("Sovet Union")
    # or a bare number must not select nothing and look like a country no roll call concerns.
    other = _state_of(other)
    issues = issues_concerning(other)
    other_name = other.name
    reasons = pd.DataFrame(index=record.index)
    codes = record["issue"].fillna("").str.split(";")
    for issue in issues:
        reasons[f"issue {issue}"] = codes.map(lambda c, i=issue: i in c).astype(bool)
    if KEY_RESOLUTIONS_ISSUE in issues:
        reasons["key resolution"] = record["is_key_resolution"].fillna(False).astype(bool)
    pattern = _words_pattern(other)
    if pattern is not None:
        descr = _load_roll_calls().set_index("rcid")["descr"]
        text = record["short"].fillna("") + " " + record["rcid"].map(descr).fillna("")
        reasons[f"names {other_name}"] = text.str.contains(pattern, regex=True).astype(bool)
    flags = reasons.to_numpy(dtype=bool) if reasons.shape[1] else np.zeros((len(record), 0))
    selected = flags.any(axis=1) if flags.shape[1] else np.zeros(len(record), dtype=bool)
    why = [
        "; ".join(name for name, hit in zip(reasons.columns, row, strict=True) if hit)
        for row in flags[selected]
    ]
    out = record[selected].reset_index(drop=True)
    out["concerns"] = pd.array(why, dtype="string")
    out.attrs = dict(record.attrs, issue=issues, concerning=other_name)
    return out


# --- summaries ------------------------------------------------------------------------------------


def record_by_decade(record: pd.DataFrame) -> pd.DataFrame:
    """How a country voted, decade by decade.

    Parameters
    ----------
    record
        A :func:`voting_record` (any country, any issue selection).

    Returns
    -------
    pandas.DataFrame
        One row per decade with roll calls in ``record``, in decade order. Columns:
        ``decade`` (Int64, e.g. 1950), ``roll_calls`` (Int64, roll calls held), ``yes``,
        ``abstain``, ``no`` (Int64, the country's votes), ``absent`` (Int64, roll calls while a
        member without a recorded vote), ``not_member`` (Int64, roll calls before the country's
        first or after its last recorded vote), ``yes_share`` (float64, share of the country's votes
        that were yes), ``assembly_yes_share`` (float64, mean share of yes among members voting, per
        roll call), ``agreement`` (float64, share of the country's votes that matched the majority).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("record_by_decade", record=(record, RECORD))
    import pandas as pd

    decade = (record["year"] // 10 * 10).astype("Int64")
    vote = record["country_vote"]
    member = record["is_member"].fillna(False).astype(bool)
    parts = pd.DataFrame(
        {
            "decade": decade,
            "roll_calls": 1,
            **{level: (vote == level).fillna(False).astype("int64") for level in VOTE_LEVELS},
            "absent": (member & vote.isna()).astype("int64"),
            "not_member": (~member & vote.isna()).astype("int64"),
            "agree": record["agrees_with_majority"].fillna(False).astype("int64"),
            "yes_share_rc": record["yes_share"],
        }
    )
    g = parts.groupby("decade", sort=True)
    out = g[["roll_calls", *VOTE_LEVELS, "absent", "not_member"]].sum().astype("Int64")
    cast = (out["yes"] + out["abstain"] + out["no"]).astype("float64")
    nan = float("nan")
    out["yes_share"] = (out["yes"].astype("float64") / cast.replace(0, nan)).astype("float64")
    out["assembly_yes_share"] = g["yes_share_rc"].mean().astype("float64")
    agree = g["agree"].sum().astype("float64")
    out["agreement"] = (agree / cast.replace(0, nan)).astype("float64")
    return out.reset_index()


def yearly_summary(record: pd.DataFrame) -> pd.DataFrame:
    """The country's yes-share and agreement with the majority, year by year.

    Parameters
    ----------
    record
        A :func:`voting_record`.

    Returns
    -------
    pandas.DataFrame
        One row per year with roll calls in ``record``, in year order. Columns: ``year`` (Int64),
        ``date`` (datetime64[ns], 1 July of the year: where a yearly value is drawn on a date axis),
        ``roll_calls`` (Int64), ``votes_cast`` (Int64, the country's votes), ``country_yes``
        (Int64), ``country_yes_share`` (float64, yes / votes cast; NaN when it cast none),
        ``assembly_yes_share`` (float64, mean over roll calls of yes / members voting),
        ``agreement`` (float64, share of the country's votes matching the majority).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("yearly_summary", record=(record, RECORD))
    import pandas as pd

    vote = record["country_vote"]
    parts = pd.DataFrame(
        {
            "year": record["year"].astype("Int64"),
            "cast": vote.notna().astype("int64"),
            "yes": (vote == "yes").fillna(False).astype("int64"),
            "agree": record["agrees_with_majority"].fillna(False).astype("int64"),
            "yes_share": record["yes_share"],
        }
    )
    g = parts.groupby("year", sort=True)
    out = pd.DataFrame(
        {
            "roll_calls": g.size().astype("Int64"),
            "votes_cast": g["cast"].sum().astype("Int64"),
            "country_yes": g["yes"].sum().astype("Int64"),
        }
    )
    cast = out["votes_cast"].astype("float64").replace(0, float("nan"))
    out["country_yes_share"] = (out["country_yes"].astype("float64") / cast).astype("float64")
    out["assembly_yes_share"] = g["yes_share"].mean().astype("float64")
    out["agreement"] = (g["agree"].sum().astype("float64") / cast).astype("float64")
    out = out.reset_index()
    out.insert(1, "date", pd.to_datetime({"year": out["year"], "month": 7, "day": 1}))
    out["date"] = out["date"].astype("datetime64[ns]")
    return out
