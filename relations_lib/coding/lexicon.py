"""Small word lists that steer the event coder, read from data/reference (see its README).

* ``modality.csv`` — words that make a predicate something that did not happen (negation,
  future, conditional, plans, "declined to", cancellations), verbs whose complement carries
  the event ("decided to open"), and adverbs of a past future ("would later visit");
* ``anaphora.csv`` — pronouns and nouns that refer back ("it", "the nation", "the regime");
* ``era_codes.csv`` — the code a country had at a date (Russia before 1992 is the Soviet
  Union, SUN; Serbia before 2003 Yugoslavia, YUG).
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ReferenceDataError
from ..paths import reference_file

MODALITY_FILE = "modality.csv"
ANAPHORA_FILE = "anaphora.csv"
ERA_CODES_FILE = "era_codes.csv"

POSITIONS = (
    "neg",  # a negating dependent of the predicate
    "det",  # a negative determiner on an argument ("no official attended")
    "aux",  # an auxiliary of mood or future ("will", "would")
    "mark",  # a subordinator of condition ("if")
    "governor",  # a verb whose complement did not (yet) happen ("planned to visit")
    "canceller",  # a verb that cancels its object or subject ("the visit was cancelled")
    "modifier",  # an adjective that makes a noun a plan ("the planned visit")
    "past_future",  # an adverb that makes "would" a past future ("would later visit")
    "transparent",  # a verb whose complement is the event ("decided to open")
)
REFERENTS = ("country", "person", "title", "title_gov")


def _rows(name: str, need: set[str]):
    path = reference_file(name)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: header must have {', '.join(sorted(need))}")
        for row in reader:
            yield path, reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


@dataclass(frozen=True, slots=True)
class Modality:
    """modality.csv as lookup tables: position → {word: reason}."""

    words: dict[str, dict[str, str]]

    def reason(self, position: str, word: str) -> str | None:
        """The reason ``word`` gives in ``position`` (None when it gives none)."""
        return self.words[position].get(word)

    def has(self, position: str, word: str) -> bool:
        return word in self.words[position]


@lru_cache(maxsize=1)
def modality() -> Modality:
    """modality.csv, checked: every position known, every no-event position with a reason."""
    words: dict[str, dict[str, str]] = {p: {} for p in POSITIONS}
    for path, line, row in _rows(MODALITY_FILE, {"word", "position", "reason"}):
        word, position, reason = row["word"].lower(), row["position"], row["reason"]
        if not word:
            raise ReferenceDataError(f"{path}:{line}: empty word")
        if position not in POSITIONS:
            raise ReferenceDataError(f"{path}:{line}: unknown position {position!r}")
        if position not in ("past_future", "transparent") and not reason:
            raise ReferenceDataError(f"{path}:{line}: a {position} word needs a reason")
        words[position][word] = reason
    return Modality(words)


@lru_cache(maxsize=1)
def anaphora() -> dict[str, str]:
    """Lower-case word → what it refers to: country, person, title or title_gov."""
    out = {}
    for path, line, row in _rows(ANAPHORA_FILE, {"phrase", "refers_to"}):
        if row["refers_to"] not in REFERENTS:
            raise ReferenceDataError(f"{path}:{line}: refers_to must be one of {REFERENTS}")
        if not row["phrase"]:
            raise ReferenceDataError(f"{path}:{line}: empty phrase")
        out[row["phrase"].lower()] = row["refers_to"]
    return out


def _day(value: str, path, line: int) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise ReferenceDataError(f"{path}:{line}: {value!r} is not a YYYY-MM-DD date") from None


@lru_cache(maxsize=1)
def era_codes() -> dict[str, tuple[tuple[str, _dt.date | None, _dt.date | None], ...]]:
    """alpha-3 → ((code, valid_from, valid_to), …): the code the country had in a period."""
    out: dict[str, list] = {}
    for path, line, row in _rows(ERA_CODES_FILE, {"alpha3", "code", "valid_from", "valid_to"}):
        a, code = row["alpha3"], row["code"]
        if not re.fullmatch(r"[A-Z]{3}", a) or not re.fullmatch(r"[A-Z]{3}", code):
            raise ReferenceDataError(f"{path}:{line}: codes must be three capital letters")
        vf, vt = _day(row["valid_from"], path, line), _day(row["valid_to"], path, line)
        if vf and vt and vt < vf:
            raise ReferenceDataError(f"{path}:{line}: valid_to is before valid_from")
        out.setdefault(a, []).append((code, vf, vt))
    return {k: tuple(v) for k, v in out.items()}


def era_code(code: str, day: _dt.date | None, last: _dt.date | None = None) -> str:
    """``code`` as it was from ``day`` to ``last`` (default: ``day``): its first three letters
    replaced by era_codes.csv's code when the whole period lies in one row's validity
    ("RUSGOV" in 1970 → "SUNGOV"; Russia "in 1991" stays RUS: the Union ended that year);
    unchanged without a date or a row."""
    if day is None or len(code) < 3:
        return code
    last = last or getattr(day, "last", None) or day
    for era, vf, vt in era_codes().get(code[:3], ()):
        if (vf is None or day >= vf) and (vt is None or last <= vt):
            return era + code[3:]
    return code
