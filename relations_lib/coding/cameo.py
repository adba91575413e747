"""CAMEO event codes and the verb patterns that assign them.

Two data files drive this module:

* ``data/reference/cameo/CAMEO.plover_goldstein.tsv`` (vendored, see its README): every CAMEO
  1.1b3 code with its description, Goldstein weight, root code, GDELT quad class and PLOVER type;
* ``data/reference/verb_patterns.csv``: phrase patterns → CAMEO code (TABARI/PETRARCH style).

verb_patterns.csv
-----------------
Columns: ``pattern``, ``code`` (a CAMEO code as a string, "042"), ``label`` (the short
``event_type``), ``reciprocal`` (the code of the same happening seen from the other side: a
visit is 042 for the visitor and 043 for the host), ``kind``, ``actor1``, ``passive``,
``pair_default``, ``part``, ``note``.

``kind``
    ``event`` — a happening; ``refusal`` — a stated refusal: an event itself (12x, Reject), and
    the verb it governs ("refused to *endorse*") yields nothing; ``negation`` — a cue ("not",
    "never") that cancels the next verb within three words: that verb's date goes to
    ``rl.unmatched`` with reason "negated"; ``no_event`` — a verb that states no codeable event
    (an abstention in a vote): its date goes to ``rl.unmatched`` with ``label`` as the reason.
``actor1``
    ``before`` (default): actor1 is the subject, before the verb; ``after``: actor1 follows the
    pattern ("the visit *of X*", "met with approval *from X*", "underwent training *in X*").
``passive``
    empty: a passive verb ("was expelled by X") makes the "by" agent actor1 — or, for a row with a
    ``reciprocal`` code, keeps the subject as actor1 under the reciprocal code ("Y was visited by
    X": Y hosts, 043); ``active``: the row is never read as passive.
``pair_default``
    ``yes``: when only one side is named and it is one of the article's two countries, the other
    side is the other country (an "X–Y relations" article is about X and Y); ``no`` for violence
    and third-party acts.
``part``
    ``verb`` (default) or ``noun``: a noun pattern ("sanctions", "the opening of") right after
    another event's verb is that verb's object ("protested against the sanctions"), not an
    event of its own.

Pattern syntax
--------------
Items separated by spaces, matched against consecutive words (case and accents ignored):

* a word; ``stem*`` (any ending: ``recogni*``); ``[sz]`` a letter class; ``u?`` an optional
  letter (``favou?r``); ``a|b|c`` alternatives
  for one word; ``(two words|other words)`` alternatives of several words, which may be mixed
  with one-word ones: ``mission|office|(trade mission|liaison office)``;
* ``*`` alone skips 0–3 words within the clause (no punctuation); ``**`` skips 0–16 words of any
  kind (a hyphenated compound counts as one word);
* ``=`` before an item marks the verb itself (the *anchor*): actor1 is looked for before it and
  actor2 after it. Without ``=``, the anchor is the first item.

Priority: where matches overlap, the one with more literal words wins (``sign * agreement`` over
``sign``), then the shorter span, then the earlier row.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ReferenceDataError
from ..paths import reference_file
from .actors import Token

CAMEO_FILE = "cameo/CAMEO.plover_goldstein.tsv"
VERB_PATTERNS_FILE = "verb_patterns.csv"
KINDS = ("event", "refusal", "negation", "no_event")
#: Words a ``*`` gap may not cross.
_GAP_STOP = frozenset(',;:()[]"“”')


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with its weights (from CAMEO.plover_goldstein.tsv)."""

    code: str
    description: str
    goldstein: float
    root: str
    quad_class: int
    plover: str


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code → :class:`CameoCode`; codes keep their leading zero ("042")."""
    path = reference_file(CAMEO_FILE)
    table: dict[str, CameoCode] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        need = {
            "CAMEOEVENTCODE",
            "EVENTDESCRIPTION",
            "GOLDSTEINSCALE",
            "ROOTCODE",
            "QUADCLASS_GDELT",
            "PLOVER_EVENT",
        }
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: header must have {', '.join(sorted(need))}")
        for row in reader:
            code = row["CAMEOEVENTCODE"].strip()
            try:
                table[code] = CameoCode(
                    code,
                    row["EVENTDESCRIPTION"].strip(),
                    float(row["GOLDSTEINSCALE"]),
                    row["ROOTCODE"].strip(),
                    int(row["QUADCLASS_GDELT"]),
                    row["PLOVER_EVENT"].strip(),
                )
            except (TypeError, ValueError) as exc:
                raise ReferenceDataError(f"{path}:{reader.line_num}: {exc}") from None
    return table


def lookup(code: str) -> CameoCode:
    """The :class:`CameoCode` of ``code``; ReferenceDataError if CAMEO has no such code."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise ReferenceDataError(f"unknown CAMEO code {code!r}") from None


# --------------------------------------------------------------------------- verb patterns


@dataclass(frozen=True, slots=True)
class Item:
    """One pattern item: alternatives (each a tuple of word regexes), or a gap."""

    alts: tuple[tuple[re.Pattern, ...], ...]
    gap: int = 0  # 3 for "*", 16 for "**"
    single: re.Pattern | None = None  # every one-word alternative in one regex (speed)
    multi: tuple[tuple[re.Pattern, ...], ...] = ()  # the alternatives of several words
    loose: bool = False  # "**" may cross punctuation
    anchor: bool = False


@dataclass(frozen=True, slots=True)
class VerbRow:
    line: int
    pattern: str
    code: str
    label: str
    reciprocal: str
    kind: str
    actor1: str
    passive: str
    pair_default: bool
    noun: bool  # the pattern names the event by a noun ("the visit of", "sanctions")
    items: tuple[Item, ...]
    literals: int  # minimum number of literal words, for priority


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """A verb pattern found at tokens ``[i, j)``; ``anchor`` is the verb's token index."""

    i: int
    j: int
    anchor: int
    row: VerbRow
    literals: int


_ITEM = re.compile(r"(?:\([^()]*\)|[^\s|()]+)(?:\|(?:\([^()]*\)|[^\s|()]+))*")


def _word(spec: str) -> re.Pattern:
    """``recogni[sz]*`` → regex over a folded, case-folded token."""
    out = []
    k = 0
    while k < len(spec):
        ch = spec[k]
        if ch == "*":
            out.append(r"[\w'-]*")
        elif ch == "[":
            close = spec.index("]", k)
            out.append(spec[k : close + 1])
            k = close
        elif ch == "?" and out:
            out.append("?")
        else:
            out.append(re.escape(ch))
        k += 1
    return re.compile("".join(out))


def _split_words(text: str) -> list[str]:
    """Word specs of an alternative. Tokens split at hyphens, so "re-open*" is three specs:
    ``re``, ``-``, ``open*``."""
    words: list[str] = []
    for chunk in text.split():
        for n, part in enumerate(chunk.split("-")):
            if n:
                words.append("-")
            if part:
                words.append(part)
    return words


def parse_pattern(pattern: str) -> tuple[Item, ...]:
    """Parse a verb pattern into items (see the module docstring)."""
    items: list[Item] = []
    rest = pattern.strip()
    while rest:
        anchor = rest.startswith("=")
        if anchor:
            rest = rest[1:]
        if rest.startswith("**") and (len(rest) == 2 or rest[2].isspace()):
            items.append(Item((), gap=16, loose=True, anchor=anchor))
            rest = rest[2:].lstrip()
            continue
        if rest.startswith("*") and (len(rest) == 1 or rest[1].isspace()):
            items.append(Item((), gap=3, anchor=anchor))
            rest = rest[1:].lstrip()
            continue
        m = _ITEM.match(rest)
        if not m:
            raise ValueError(f"cannot read {rest!r}")
        alts: list[tuple[re.Pattern, ...]] = []
        for alt in _split_alternatives(m.group(0)):
            if alt.startswith("("):
                for sub in alt[1:-1].split("|"):
                    words = _split_words(sub)
                    if not words:
                        raise ValueError(f"empty alternative in {alt!r}")
                    alts.append(tuple(_word(w) for w in words))
            else:
                alts.append(tuple(_word(w) for w in _split_words(alt)))
        singles = [a[0].pattern for a in alts if len(a) == 1]
        single = re.compile("|".join(f"(?:{s})" for s in singles)) if singles else None
        multi = tuple(a for a in alts if len(a) > 1)
        items.append(Item(tuple(alts), anchor=anchor, single=single, multi=multi))
        rest = rest[m.end() :].lstrip()
    if not items or all(it.gap for it in items):
        raise ValueError("a pattern needs at least one word")
    if items[0].gap or items[-1].gap:
        raise ValueError("a pattern cannot start or end with a gap")
    if sum(it.anchor for it in items) > 1:
        raise ValueError("at most one '=' anchor")
    return tuple(items)


def _split_alternatives(item: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in item:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [a for a in out if a]


@lru_cache(maxsize=1)
def verb_rows() -> tuple[VerbRow, ...]:
    """The rows of verb_patterns.csv, parsed and checked (codes must exist in CAMEO)."""
    path = reference_file(VERB_PATTERNS_FILE)
    codes = cameo_codes()
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {
            "pattern",
            "code",
            "label",
            "reciprocal",
            "kind",
            "actor1",
            "passive",
            "pair_default",
        }
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: header must have {', '.join(sorted(need))}")
        for row in reader:
            line = reader.line_num
            kind = (row["kind"] or "event").strip()
            code = (row["code"] or "").strip()
            recip = (row["reciprocal"] or "").strip()
            if kind not in KINDS:
                raise ReferenceDataError(f"{path}:{line}: unknown kind {kind!r}")
            if kind in ("event", "refusal") and code not in codes:
                raise ReferenceDataError(f"{path}:{line}: {code!r} is not a CAMEO code")
            if kind in ("negation", "no_event") and code:
                raise ReferenceDataError(f"{path}:{line}: a {kind} row has no code")
            if recip and recip not in codes:
                raise ReferenceDataError(f"{path}:{line}: reciprocal {recip!r} is not a CAMEO code")
            actor1 = (row["actor1"] or "before").strip()
            if actor1 not in ("before", "after"):
                raise ReferenceDataError(f"{path}:{line}: actor1 must be before or after")
            passive = (row["passive"] or "").strip()
            if passive not in ("", "active"):
                raise ReferenceDataError(f"{path}:{line}: passive must be empty or 'active'")
            part = (row.get("part") or "verb").strip()
            if part not in ("verb", "noun"):
                raise ReferenceDataError(f"{path}:{line}: part must be verb or noun")
            default = (row["pair_default"] or "yes").strip()
            if default not in ("yes", "no"):
                raise ReferenceDataError(f"{path}:{line}: pair_default must be yes or no")
            try:
                items = parse_pattern(row["pattern"] or "")
            except (ValueError, re.error) as exc:
                raise ReferenceDataError(f"{path}:{line}: pattern: {exc}") from None
            literals = sum(min(len(a) for a in it.alts) for it in items if not it.gap)
            rows.append(
                VerbRow(
                    line,
                    row["pattern"].strip(),
                    code,
                    (row["label"] or "").strip(),
                    recip,
                    kind,
                    actor1,
                    passive,
                    default == "yes",
                    part == "noun",
                    items,
                    literals,
                )
            )
    return tuple(rows)


def _match_alt(alt: tuple[re.Pattern, ...], tokens: list[Token], i: int, end: int) -> int:
    if i + len(alt) > end:
        return -1
    for n, rx in enumerate(alt):
        if not rx.fullmatch(tokens[i + n].key):
            return -1
    return i + len(alt)


def _match(items, k: int, tokens, i: int, end: int, anchor: int, lits: int):
    """Shortest match of ``items[k:]`` at ``i``: (end, anchor, literal words) or None."""
    if k == len(items):
        return i, anchor, lits
    item = items[k]
    if item.gap:
        skip = words = 0
        while words <= item.gap and i + skip < end:
            if skip:
                prev = tokens[i + skip - 1].text
                if not item.loose and prev in _GAP_STOP:
                    break
                if prev != "-":  # "six-month" is one word
                    words += 1
                    if words > item.gap:
                        break
            found = _match(items, k + 1, tokens, i + skip, end, anchor, lits)
            if found:
                return found
            skip += 1
        return None
    if item.single is not None and i < end and item.single.fullmatch(tokens[i].key):
        found = _match(items, k + 1, tokens, i + 1, end, i if item.anchor else anchor, lits + 1)
        if found:
            return found
    for alt in item.multi:
        j = _match_alt(alt, tokens, i, end)
        if j >= 0:
            found = _match(
                items, k + 1, tokens, j, end, i if item.anchor else anchor, lits + len(alt)
            )
            if found:
                return found
    return None


class _Index(dict):
    """``_first_word_index()``'s table, plus ``starts``: token key → the rows whose first word
    matches that key, filled as keys are met (a bounded vocabulary; cleared with the index)."""

    starts: dict[str, tuple[VerbRow, ...]]


@lru_cache(maxsize=1)
def _first_word_index():
    """Rows by the first two letters their first word can start with ('' = try always)."""
    index = _Index()
    index.starts = {}
    for row in verb_rows():
        for alt in row.items[0].alts:
            prefix = re.match(r"[\w' -]*", alt[0].pattern.replace("\\", "")).group(0)
            key = prefix[:2] if len(prefix) >= 2 else ""
            bucket = index.setdefault(key, [])
            if row not in bucket:
                bucket.append(row)
    return index


def _starting_rows(index: _Index, key: str) -> tuple[VerbRow, ...]:
    """The rows that can match at a token with this key: its first item's one-word regex, or
    the first word of a several-word alternative, matches the key (``_match`` fails at once
    for any other row). Memoised per key, so a sentence costs one dict look-up per token."""
    rows = index.starts.get(key)
    if rows is None:
        always = index.get("", [])
        pool = (*index.get(key[:2], []), *always) if always else index.get(key[:2], [])
        rows = tuple(
            row
            for row in pool
            if (row.items[0].single is not None and row.items[0].single.fullmatch(key))
            or any(alt[0].fullmatch(key) for alt in row.items[0].multi)
        )
        index.starts[key] = rows
    return rows


@lru_cache(maxsize=1)
def _row_order() -> dict[int, int]:
    return {row.line: n for n, row in enumerate(verb_rows())}


def find_verbs(tokens: list[Token], i0: int = 0, i1: int | None = None) -> list[VerbMatch]:
    """Verb-pattern matches in ``tokens[i0:i1]``, overlaps resolved by priority, in order."""
    i1 = len(tokens) if i1 is None else i1
    index = _first_word_index()
    starts = index.starts
    found: list[VerbMatch] = []
    order = _row_order()
    for i in range(i0, i1):
        key = tokens[i].key
        if not key[:1].isalnum():
            continue
        rows = starts.get(key)
        if rows is None:
            rows = _starting_rows(index, key)
        for row in rows:
            m = _match(row.items, 0, tokens, i, i1, i, 0)
            if m:
                j, anchor, lits = m
                found.append(VerbMatch(i, j, anchor, row, lits))
    found.sort(key=lambda v: (-v.literals, v.j - v.i, order[v.row.line], v.i))
    taken: list[VerbMatch] = []
    used = [False] * (i1 - i0)
    for v in found:
        if any(used[k - i0] for k in range(v.i, v.j)):
            continue
        for k in range(v.i, v.j):
            used[k - i0] = True
        taken.append(v)
    taken.sort(key=lambda v: v.i)
    return taken


# --------------------------------------------------------------------------- verb lemmas

VERB_LEMMAS_FILE = "verb_lemmas.csv"


@dataclass(frozen=True, slots=True)
class LemmaRow:
    """One row of verb_lemmas.csv: a verb or noun lemma (with an optional object) → CAMEO.

    Read where no pattern of verb_patterns.csv names the predicate the parse found; the
    columns mean what they mean there (``actor1``, ``passive``, ``reciprocal``,
    ``pair_default``).
    """

    line: int
    lemma: str
    pos: str  # VERB, NOUN or ADJ
    objects: frozenset[
        str
    ]  # lemmas of the direct object (or of the particle's object); empty = any
    code: str
    label: str
    reciprocal: str
    actor1: str
    passive: str
    pair_default: bool


@lru_cache(maxsize=1)
def lemma_rows() -> dict[tuple[str, str], tuple[LemmaRow, ...]]:
    """(lemma, "VERB"/"NOUN") → its rows of verb_lemmas.csv, rows with an object first.

    Raises ReferenceDataError naming the file and line of a malformed row (unknown CAMEO code,
    bad part of speech or flag).
    """
    path = reference_file(VERB_LEMMAS_FILE)
    codes = cameo_codes()
    table: dict[tuple[str, str], list[LemmaRow]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {"lemma", "pos", "object", "code", "label", "reciprocal", "actor1", "passive"}
        if not reader.fieldnames or not need | {"pair_default", "source"} <= set(reader.fieldnames):
            raise ReferenceDataError(
                f"{path}:1: header must have {', '.join(sorted(need | {'pair_default', 'source'}))}"
            )
        for row in reader:
            line = reader.line_num
            lemma = (row["lemma"] or "").strip().lower()
            pos = (row["pos"] or "").strip()
            code = (row["code"] or "").strip()
            recip = (row["reciprocal"] or "").strip()
            if not lemma:
                raise ReferenceDataError(f"{path}:{line}: empty lemma")
            if pos not in ("VERB", "NOUN", "ADJ"):
                raise ReferenceDataError(f"{path}:{line}: pos must be VERB, NOUN or ADJ")
            if code not in codes:
                raise ReferenceDataError(f"{path}:{line}: {code!r} is not a CAMEO code")
            if recip and recip not in codes:
                raise ReferenceDataError(f"{path}:{line}: reciprocal {recip!r} is not a CAMEO code")
            actor1 = (row["actor1"] or "before").strip()
            passive = (row["passive"] or "").strip()
            default = (row["pair_default"] or "yes").strip()
            if actor1 not in ("before", "after") or passive not in ("", "active"):
                raise ReferenceDataError(f"{path}:{line}: bad actor1 or passive")
            if default not in ("yes", "no"):
                raise ReferenceDataError(f"{path}:{line}: pair_default must be yes or no")
            if not (row["source"] or "").strip():
                raise ReferenceDataError(f"{path}:{line}: every row cites its source")
            objects = frozenset(o.strip().lower() for o in (row["object"] or "").split("|"))
            table.setdefault((lemma, pos), []).append(
                LemmaRow(
                    line,
                    lemma,
                    pos,
                    objects - {""},
                    code,
                    (row["label"] or "").strip(),
                    recip,
                    actor1,
                    passive,
                    default == "yes",
                )
            )
    return {k: tuple(sorted(v, key=lambda r: (not r.objects, r.line))) for k, v in table.items()}


# --------------------------------------------------------------------------- threats

THREAT_CODES_FILE = "threat_codes.csv"


@lru_cache(maxsize=1)
def threat_codes() -> dict[str, tuple[str, str]]:
    """threat_codes.csv: the CAMEO code (or code prefix) of a threatened act → (the 13x code
    of threatening it, its label).

    CAMEO codes a threat by what is threatened (codebook 1.1b3, root 13): "threatened to
    invade" is 138, not the 190 of the invasion, which did not happen.

    Raises ReferenceDataError naming the file and line of a row whose codes CAMEO lacks, whose
    threat is not under root 13, or that cites no source.
    """
    path = reference_file(THREAT_CODES_FILE)
    codes = cameo_codes()
    table: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {"act", "threat", "label", "source"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: header must have {', '.join(sorted(need))}")
        for row in reader:
            line = reader.line_num
            act, threat = (row["act"] or "").strip(), (row["threat"] or "").strip()
            if act not in codes:
                raise ReferenceDataError(f"{path}:{line}: act {act!r} is not a CAMEO code")
            if threat not in codes or not threat.startswith("13"):
                raise ReferenceDataError(f"{path}:{line}: {threat!r} is no CAMEO threat (13x)")
            if not (row["source"] or "").strip():
                raise ReferenceDataError(f"{path}:{line}: every row cites its source")
            table[act] = (threat, (row["label"] or "").strip() or "threaten")
    return table


def threat_of(act: str) -> tuple[str, str] | None:
    """(13x code, label) of threatening the act coded ``act`` — the row of its longest code
    prefix in threat_codes.csv; None when no row covers it (a plain 130 then)."""
    table = threat_codes()
    for n in range(len(act), 1, -1):
        if act[:n] in table:
            return table[act[:n]]
    return None
