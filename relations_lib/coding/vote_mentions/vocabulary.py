"""The vote-mention vocabulary and the key resolutions, as read from data/reference/
(``vote_patterns.csv``, ``unga_key_resolutions.csv``), with the csv module (no pandas)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache

from ...errors import ReferenceDataError
from ...paths import reference_file
from ...refdata import iso_date, read_rows
from ...vocab import VOTE_LEVELS

#: The phrase vocabulary (data/reference/).
PATTERNS_FILE = "vote_patterns.csv"
KEY_RESOLUTIONS_FILE = "unga_key_resolutions.csv"
_ABSENT = "absent"  # internal vote value of "did not vote"; a missing value in the table


# --- reference data -------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyResolution:
    """A row of data/reference/unga_key_resolutions.csv (official tallies)."""

    resolution: str
    date: _date
    subject: str
    yes: int | None
    no: int | None
    abstain: int | None


@lru_cache(maxsize=1)
def key_resolution_list() -> tuple[KeyResolution, ...]:
    """The key resolutions, read with the csv module (no pandas): symbol, date, subject, tally.

    Raises ReferenceDataError naming the file and line of a malformed row.
    """
    path = reference_file(KEY_RESOLUTIONS_FILE)
    rows = []
    columns = ("resolution", "date", "subject", "yes", "no", "abstain")
    for line, row in read_rows(path, columns, "key resolutions", required=("resolution",)):
        try:
            tally = {k: int(row[k]) if row[k] else None for k in ("yes", "no", "abstain")}
        except ValueError as exc:
            raise ReferenceDataError(f"{path}:{line}: {exc}") from None
        day = iso_date(row["date"], path, line, "date")
        rows.append(KeyResolution(row["resolution"], day, row["subject"], **tally))
    return tuple(rows)


_KINDS = (
    "verb",
    "nominal",
    "vote_noun",
    "count_noun",
    "member_noun",
    "event_noun",
    "agent_noun",
    "context",
    "exclude",
    "collective",
    "not_country",
)


@dataclass(frozen=True)
class _Vocab:
    verbs: tuple[tuple[str, str], ...]  # (regex, vote)
    nominals: tuple[tuple[str, str], ...]
    vote_nouns: tuple[tuple[str, str], ...]
    terms: dict[str, tuple[str, ...]]  # other kinds: regexes
    not_country: frozenset[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    path = reference_file(PATTERNS_FILE)
    by_kind: dict[str, list[tuple[str, str]]] = {k: [] for k in _KINDS}
    for line, row in read_rows(path, ("kind", "pattern", "vote"), "vote patterns"):
        kind, pattern, vote = row["kind"], row["pattern"], row["vote"]
        if kind not in by_kind:
            raise ReferenceDataError(f"{path}:{line}: unknown kind {kind!r}")
        if kind in ("verb", "nominal", "vote_noun") and vote not in (*VOTE_LEVELS, _ABSENT):
            raise ReferenceDataError(f"{path}:{line}: {kind} needs a vote, got {vote!r}")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ReferenceDataError(f"{path}:{line}: bad pattern {pattern!r}: {exc}") from None
        by_kind[kind].append((pattern, vote))
    for kind in ("verb", "count_noun", "event_noun", "context"):
        if not by_kind[kind]:
            raise ReferenceDataError(f"{path}: no {kind!r} rows")
    not_country = frozenset(w for p, _ in by_kind["not_country"] for w in p.lower().split("|") if w)
    return _Vocab(
        verbs=tuple(by_kind["verb"]),
        nominals=tuple(by_kind["nominal"]),
        vote_nouns=tuple(by_kind["vote_noun"]),
        terms={k: tuple(p for p, _ in v) for k, v in by_kind.items()},
        not_country=not_country,
    )
