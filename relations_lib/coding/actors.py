"""Actor mentions: names in a sentence → CAMEO-style actor codes (ALBGOV, PSEREB, IGOUNO …).

The vocabulary is data: ``data/reference/actors.csv`` (name patterns → code, display name, type,
period of validity) and ``data/reference/country_words.csv`` (per country: names, adjectives,
plural demonyms, capitals). Extend either file to code another article; no code changes needed.

Pattern syntax (actors.csv ``pattern``)
---------------------------------------
* Words separated by spaces, matched token by token; accents never matter ("Brasilia" matches
  "Brasília"). A word written with a capital letter matches only that spelling ("US" is not
  "us"); a word written in lower case matches any case ("president" matches "President").
* ``(a|b c|)`` — alternatives, each a word sequence; an empty alternative makes the group optional.
* ``{country}``, ``{adj}``, ``{people}``, ``{capital}`` — any country's name, adjective, plural
  demonym or capital (the country registry, :mod:`relations_lib.countries`: country_words.csv
  and the registry's names). The matched country's CAMEO code (its ISO alpha-3 code) fills
  ``{iso}`` in ``code`` and its name ``{country}`` in ``name``.
* ``code``: a code, or a template: ``{iso}GOV``; ``{pair}`` / ``{pair}GOV`` for the article's two
  countries ("the two countries"); ``~GOV`` for a bare role whose country the context must supply
  ("Prime Minister Fatos Nano"); empty for a *stop phrase* that is not an actor ("UN member").
* ``valid_from`` / ``valid_to`` (ISO dates, inclusive): rows with the same pattern are tried in
  file order and the first whose period holds the event's date wins ("Arafat" is PSEREB before
  4 May 1994, PSEGOV after); a row without dates applies at any time.

Matching is longest-first, left to right; for one span, rows without placeholders win over
placeholder rows. A role followed by a personal name ("Finnish President Martti Ahtisaari")
becomes one mention; a known person's code wins over a role whose country is unknown.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, product

from ..countries import CountryWords as CountryWords  # re-exported: the registry's words
from ..countries import country_words
from ..errors import ReferenceDataError
from ..paths import reference_file

ACTORS_FILE = "actors.csv"
COUNTRY_WORDS_FILE = "country_words.csv"  # read by relations_lib.countries
PLACEHOLDERS = ("country", "adj", "people", "capital")
TYPES = (
    "country",
    "people",
    "adjective",
    "capital",
    "role",
    "person",
    "organisation",
    "movement",
    "igo",
    "region",
    "place",
    "pair",
    "pair_weak",
    "stop",
)
# Lower-case words that may sit inside a personal name ("Daniel arap Moi", "Lula da Silva").
NAME_PARTICLES = frozenset(
    [
        "al",
        "el",
        "bin",
        "ibn",
        "abu",
        "arap",
        "da",
        "de",
        "del",
        "della",
        "dos",
        "das",
        "di",
        "du",
        "van",
        "von",
        "der",
        "le",
        "la",
        "y",
        "bint",
        "ould",
    ]
)

# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(r"['’]s(?![^\W_])|[^\W_]+|[^\s]")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or a punctuation mark: ``text[start:end]``; ``key`` is folded and case-folded."""

    start: int
    end: int
    text: str
    exact: str  # accents removed, case kept: compared with capitalised pattern words
    key: str  # accents removed, case-folded

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def fold(text: str) -> str:
    """Drop accents: "Brasília" → "Brasilia"; the apostrophe ’ becomes '."""
    text = text.replace("’", "'")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets.

    >>> [t.text for t in tokenize("Albania's al-Wazir")]
    ['Albania', "'s", 'al', '-', 'Wazir']
    """
    end = len(text) if end is None else end
    if len(_FOLDED) > 200_000:  # words are a bounded vocabulary; this only bounds the worst case
        _FOLDED.clear()
    out = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group(0)
        folded = _FOLDED.get(word)
        if folded is None:
            exact = fold(word)
            folded = _FOLDED[word] = (exact, exact.casefold())
        # Token(...) of a frozen dataclass sets each field through object.__setattr__; setting
        # the slots directly builds the same object in half the time (tokens are the hot path)
        token = _new_object(Token)
        _set_start(token, m.start())
        _set_end(token, m.end())
        _set_text(token, word)
        _set_exact(token, folded[0])
        _set_key(token, folded[1])
        out.append(token)
    return out


_FOLDED: dict[str, tuple[str, str]] = {}  # word -> (exact, key)
_new_object = object.__new__
_set_start, _set_end, _set_text, _set_exact, _set_key = (
    Token.__dict__[name].__set__ for name in ("start", "end", "text", "exact", "key")
)


# --------------------------------------------------------------------------- dictionaries


@dataclass(frozen=True, slots=True)
class ActorRow:
    """One row of actors.csv."""

    line: int
    pattern: str
    code: str
    name: str
    type: str
    valid_from: _dt.date | None
    valid_to: _dt.date | None
    has_placeholder: bool

    def valid_on(self, day: _dt.date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


def _date_cell(value: str | None, path, line: int, column: str) -> _dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise ReferenceDataError(
            f"{path}:{line}: {column} {value!r} is not a YYYY-MM-DD date"
        ) from None


@lru_cache(maxsize=1)
def actor_rows() -> tuple[ActorRow, ...]:
    """The rows of actors.csv, checked."""
    path = reference_file(ACTORS_FILE)
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {"pattern", "code", "name", "type", "valid_from", "valid_to"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: header must have {', '.join(sorted(need))}")
        for row in reader:
            line = reader.line_num
            pattern = (row["pattern"] or "").strip()
            code = (row["code"] or "").strip()
            kind = (row["type"] or "").strip()
            if not pattern:
                raise ReferenceDataError(f"{path}:{line}: empty pattern")
            if kind not in TYPES:
                raise ReferenceDataError(f"{path}:{line}: unknown type {kind!r}")
            if (kind == "stop") != (code == ""):
                raise ReferenceDataError(f"{path}:{line}: only stop phrases have no code")
            if code and not re.fullmatch(r"(\{iso\}|\{pair\}|~|[A-Z]{3})[A-Z]*", code):
                raise ReferenceDataError(f"{path}:{line}: bad code {code!r}")
            holes = set(re.findall(r"\{(\w+)\}", pattern))
            if holes - set(PLACEHOLDERS):
                raise ReferenceDataError(f"{path}:{line}: unknown placeholder in {pattern!r}")
            if "{iso}" in code and not holes:
                raise ReferenceDataError(f"{path}:{line}: {{iso}} needs a placeholder")
            vf = _date_cell(row["valid_from"], path, line, "valid_from")
            vt = _date_cell(row["valid_to"], path, line, "valid_to")
            if vf and vt and vt < vf:
                raise ReferenceDataError(f"{path}:{line}: valid_to is before valid_from")
            try:
                _expand(pattern)
            except ValueError as exc:
                raise ReferenceDataError(f"{path}:{line}: {exc}") from None
            rows.append(
                ActorRow(
                    line, pattern, code, (row["name"] or "").strip(), kind, vf, vt, bool(holes)
                )
            )
    return tuple(rows)


# --------------------------------------------------------------------------- pattern trie

_GROUP = re.compile(r"\(([^()]*)\)|\{(\w+)\}|(\S+)")


def _expand(pattern: str) -> list[list[tuple[str, str]]]:
    """Pattern → word sequences; each word is ("w", text) or ("ph", placeholder name).

    >>> _expand("{adj} (president|prime minister)")
    [[('ph', 'adj'), ('w', 'president')], [('ph', 'adj'), ('w', 'prime'), ('w', 'minister')]]
    """
    items: list[list[list[tuple[str, str]]]] = []
    pos = 0
    for m in _GROUP.finditer(pattern):
        if pattern[pos : m.start()].strip():
            raise ValueError(f"cannot read {pattern!r}")
        pos = m.end()
        if m.group(1) is not None:
            alts = []
            for alt in m.group(1).split("|"):
                alts.append([("w", t.text) for t in tokenize(alt.strip())])
            items.append(alts)
        elif m.group(2) is not None:
            items.append([[("ph", m.group(2))]])
        else:
            if "(" in m.group(3) or ")" in m.group(3):
                raise ValueError(f"unbalanced parenthesis in {pattern!r}")
            items.append([[("w", t.text) for t in tokenize(m.group(3))]])
    seqs = [list(chain.from_iterable(combo)) for combo in product(*items)]
    if any(not s for s in seqs):
        raise ValueError(f"pattern {pattern!r} can match nothing")
    return seqs


class _Node:
    __slots__ = ("ci", "cs", "ends", "ph")

    def __init__(self) -> None:
        self.ci: dict[str, _Node] = {}  # case-insensitive edges (lower-case pattern words)
        self.cs: dict[str, _Node] = {}  # case-sensitive edges (capitalised pattern words)
        self.ph: dict[str, _Node] = {}  # placeholder edges
        self.ends: list = []


def _insert(root: _Node, words: list[tuple[str, str]], value) -> None:
    node = root
    for kind, text in words:
        if kind == "ph":
            node = node.ph.setdefault(text, _Node())
            continue
        word = fold(text)
        if word.lower() != word:
            node = node.cs.setdefault(word, _Node())
        else:
            node = node.ci.setdefault(word.casefold(), _Node())
    node.ends.append(value)


def _walk(
    node: _Node, tokens: list[Token], i: int, end: int, binding, out: list, memo: dict | None = None
) -> None:
    """Every way the trie matches ``tokens[i:]``: (end index, value, binding) into ``out``.

    ``memo`` caches the country phrases found at a position for one sentence.
    """
    for value in node.ends:
        out.append((i, value, binding))
    if i >= end:
        return
    tok = tokens[i]
    child = node.ci.get(tok.key)
    if child is not None:
        _walk(child, tokens, i + 1, end, binding, out, memo)
    child = node.cs.get(tok.exact)
    if child is not None:
        _walk(child, tokens, i + 1, end, binding, out, memo)
    if node.ph:
        tries = _country_tries()
        for name, child in node.ph.items():
            croot = tries[name]
            if tok.key not in croot.ci and tok.exact not in croot.cs:
                continue  # no country word starts here (the common case: fast)
            key = (name, i)
            if memo is not None and key in memo:
                found = memo[key]
            else:
                found = _longest_country(name, tokens, i, end)
                if memo is not None:
                    memo[key] = found
            for j, iso, _ in found:
                _walk(child, tokens, j, end, binding or iso, out, memo)


@lru_cache(maxsize=1)
def _country_tries() -> dict[str, _Node]:
    tries = {name: _Node() for name in PLACEHOLDERS}
    for code, cw in country_words().items():
        for name, words in (
            ("country", cw.names),
            ("adj", cw.adjectives),
            ("people", cw.people),
            ("capital", cw.capitals),
        ):
            for phrase in words:
                toks = tokenize(phrase)
                # proper names keep their capitals: "Chad" the country, not "chad"
                _insert(tries[name], [("w", t.text) for t in toks], code)
    return tries


def _longest_country(name: str, tokens: list[Token], i: int, end: int):
    out: list = []
    _walk(_country_tries()[name], tokens, i, end, None, out)
    best = max((j for j, _, _ in out), default=None)
    return [(j, iso, None) for j, iso, _ in out if j == best and j > i]


@lru_cache(maxsize=1)
def _actor_trie() -> _Node:
    root = _Node()
    for index, row in enumerate(actor_rows()):
        for seq in _expand(row.pattern):
            _insert(root, seq, index)
    return root


_STARTS: list = []  # [(trie root, country tries, (keys, exacts))]: where a match can start


def _start_words(root: _Node) -> tuple[frozenset[str], frozenset[str]]:
    """Token keys and exact spellings that can start a match of the trie ``root``: its own
    first words and those of the country tries behind its placeholders (the tests ``_walk``
    makes at the first token). Kept for the current trie only, so clearing ``_actor_trie``
    clears this too."""
    tries = _country_tries()
    if _STARTS and _STARTS[0][0] is root and _STARTS[0][1] is tries:
        return _STARTS[0][2]
    keys, exacts = set(root.ci), set(root.cs)
    for name in root.ph:
        keys.update(tries[name].ci)
        exacts.update(tries[name].cs)
    found = (frozenset(keys), frozenset(exacts))
    _STARTS[:] = [(root, tries, found)]
    return found


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    """An actor named in a sentence: tokens ``[i, j)``; characters ``[start, end)``.

    ``candidates`` are (row, iso) pairs for the same span, best first; the code is chosen by
    :meth:`resolve` once the event's date is known.
    """

    i: int
    j: int
    start: int
    end: int
    text: str
    candidates: tuple[tuple[ActorRow, str | None], ...]
    person: tuple[tuple[ActorRow, str | None], ...] = field(default=())

    @property
    def type(self) -> str:
        return self.candidates[0][0].type

    def resolve(self, day: _dt.date | None) -> tuple[str, str, str]:
        """(code, display name, type) valid on ``day``; ``~`` codes keep an unknown country."""
        for cands in (self.person, self.candidates):
            for row, iso in cands:
                if row.valid_on(day):
                    return _fill(row, iso, self.text)
        row, iso = (self.person or self.candidates)[0]
        return _fill(row, iso, self.text)


def _fill(row: ActorRow, iso: str | None, text: str) -> tuple[str, str, str]:
    code = row.code.replace("{iso}", iso or "")
    name = row.name
    if iso:
        name = name.replace("{country}", country_words()[iso].name)
    if (row.type == "role" and not row.has_placeholder) or (row.type == "role" and text != name):
        name = text  # a role keeps its own words: "Finnish President Martti Ahtisaari"
    return code, name, row.type


def find_mentions(tokens: list[Token], i0: int = 0, i1: int | None = None) -> list[Mention]:
    """Actor mentions in ``tokens[i0:i1]``, left to right, longest first, stop phrases dropped."""
    i1 = len(tokens) if i1 is None else i1
    rows = actor_rows()
    root = _actor_trie()
    keys, exacts = _start_words(root)
    raw: list[tuple[int, int, tuple]] = []
    memo: dict = {}
    i = i0
    while i < i1:
        tok = tokens[i]
        if tok.key not in keys and tok.exact not in exacts:
            i += 1  # no actor name starts with this word: _walk would find nothing
            continue
        out: list = []
        _walk(root, tokens, i, i1, None, out, memo)
        out = [o for o in out if o[0] > i]
        if not out:
            i += 1
            continue
        j = max(o[0] for o in out)
        best = [(rows[idx], iso) for end, idx, iso in out if end == j]
        # explicit names beat placeholder rows; otherwise file order
        best.sort(key=lambda c: (c[0].has_placeholder, c[0].line))
        best = list(dict.fromkeys(best))
        raw.append((i, j, tuple(best)))
        i = j
    mentions: list[Mention] = []
    for i, j, cands in raw:
        if cands[0][0].type == "stop":
            continue
        mentions.append(
            Mention(i, j, tokens[i].start, tokens[j - 1].end, _text(tokens, i, j), cands)
        )
    return _merge_names(tokens, mentions, i1)


def _text(tokens: list[Token], i: int, j: int) -> str:
    parts = [tokens[i].text]
    for k in range(i + 1, j):
        gap = tokens[k].start - tokens[k - 1].end
        parts.append((" " if gap else "") + tokens[k].text)
    return "".join(parts)


def _name_end(tokens: list[Token], k: int, i1: int, stop: set[int]) -> int:
    """End of a personal name starting at ``k`` (capitalised words, particles, hyphens)."""
    j = k
    while j < i1 and j not in stop:
        tok = tokens[j]
        if tok.is_capitalised and tok.is_word:
            j += 1
        elif tok.key in NAME_PARTICLES and j + 1 < i1 and j > k - 1:
            nxt = tokens[j + 1]
            if nxt.text == "-" or nxt.is_capitalised:
                j += 1
            else:
                break
        elif tok.text == "-" and j > k and j + 1 < i1 and tokens[j + 1].is_word:
            j += 1
        else:
            break
    # a name never ends on a particle or a hyphen
    while j > k and (tokens[j - 1].key in NAME_PARTICLES or tokens[j - 1].text == "-"):
        j -= 1
    return j


_NAME_PARTS = frozenset({"capital", "country", "place", "adjective", "people"})


def _merge_names(tokens: list[Token], mentions: list[Mention], i1: int) -> list[Mention]:
    """Join a role with the personal name after it: "Prime Minister" + "Fatos Nano"."""
    starts = {m.i: m for m in mentions}
    merged: list[Mention] = []
    skip: set[int] = set()
    for m in mentions:
        if m.i in skip:
            continue
        if m.type != "role":
            merged.append(m)
            continue
        k = m.j
        person = starts.get(k)
        if person is not None and person.type == "person":
            skip.add(person.i)
            code = m.candidates[0][0].code
            same = code.startswith("~") or _country_of(m) in {_country_of(person)}
            merged.append(
                Mention(
                    m.i,
                    person.j,
                    m.start,
                    person.end,
                    _text(tokens, m.i, person.j),
                    m.candidates,
                    person.candidates if same else (),
                )
            )
            continue
        # a personal name may contain a place name ("President Ricardo Lagos"): only actors
        # that are not places stop it
        stop = {i for i, x in starts.items() if x.type not in _NAME_PARTS}
        j = _name_end(tokens, k, i1, stop)
        if j > k and tokens[k].is_capitalised:
            skip.update(i for i in starts if k <= i < j)
            merged.append(
                Mention(m.i, j, m.start, tokens[j - 1].end, _text(tokens, m.i, j), m.candidates)
            )
        else:
            merged.append(m)
    return merged


def _country_of(m: Mention) -> str | None:
    row, iso = m.candidates[0]
    if iso:
        return iso
    return row.code[:3] if not row.code.startswith(("{", "~")) else None


def token_index(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset``."""
    return bisect_left([t.start for t in tokens], offset)
