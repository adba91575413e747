"""Dated diplomatic events of an article: ``rl.extract_events`` and ``rl.unmatched``.

How a sentence is coded (PETRARCH/TABARI in spirit, shallow and dictionary-driven):

1. Its date phrases come from :func:`relations_lib.dates.find_dates`; sentences without one are
   not events. A date that only names a thing ("the 1992 Abuja Convention") goes to
   ``unmatched`` with the reason dates.py gives.
2. Verb patterns (data/reference/verb_patterns.csv, see :mod:`relations_lib.cameo`) and actor
   mentions (data/reference/actors.csv, see :mod:`relations_lib.actors`) are found in it.
3. Each date is attached to at most one verb and each verb to at most one date, nearest first:
   a date that opens its clause ("In July 1970, Tirana received …") looks right, any other date
   ("… recognized the State in 1988") looks left; commas, "and", subordinators (which, after, …)
   and semicolons between them make a pair less likely. A date coordinated with an attached one
   ("in 1959 and again in 1970") repeats its verb.
4. The verb's actors: actor1 is the subject before it, actor2 the first actor after it (or the
   reverse for patterns whose ``actor1`` column says ``after``: "the visit *of X*"); passives
   ("was welcomed by X") and joint subjects ("Albania and Palestine established …") are read
   as such. When only one side is named and it is one of the article's two countries, the other
   side is the other country (verb patterns with ``pair_default`` yes). Codes of persons and
   organisations depend on the event's date (Arafat is PSEREB before May 1994, PSEGOV after).
5. A date with no verb left is an event of type ``other`` (no CAMEO code) when its clause names
   an actor and states a happening: the sentence says that something happened, but no pattern
   says what. A clause whose only verb is "to be" or a verb of state ("remained", "lived")
   states a condition and goes to ``unmatched``, as does a clause that names no actor.

Negation: "did not send", "never visited" produce no event; their date goes to ``unmatched`` with
reason ``negated: …``. A stated refusal ("refused to endorse", "chose not to extend") *is* an
event, coded 120 (Reject) — the refused verb is not coded: refusing is a dated act, not doing
something is not.

Nothing read is dropped silently: every date phrase in a sentence or a heading is either the
``date_text`` of exactly one event row or a row of ``unmatched``.
"""

from __future__ import annotations

import os
import threading
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from ._arrays import categorical, date_array, float_array, int_array, string_array
from .actors import Mention, Token, country_words, find_mentions, tokenize
from .cameo import VerbMatch, find_verbs, lookup
from .dates import DatePhrase, find_dates
from .schema.events import EVENTS, PLOVER_EVENTS, PRECISIONS, QUALIFIERS, UNMATCHED

if TYPE_CHECKING:
    import pandas as pd

    from .article import Article, Sentence

__all__ = ["extract_events", "unmatched"]

#: Columns of the two tables, in order, from their descriptions (relations_lib/schema/events.py);
#: the phase columns there are added later by rl.assign_phases.
EVENT_COLUMNS = tuple(c.name for c in EVENTS.columns if c.required)
UNMATCHED_COLUMNS = tuple(UNMATCHED.column_names)
OTHER = "other"

# Grammar words (not vocabulary: they drive no coding decision by themselves).
_HARD = frozenset(";:")
_BRACKETS = frozenset("()[]")
_SUBORDINATORS = frozenset(
    [
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "while",
        "whereas",
        "although",
        "though",
        "because",
        "but",
        "after",
        "before",
        "until",
        "following",
        "despite",
    ]
)
_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "to",
        "from",
        "of",
        "with",
        "by",
        "for",
        "on",
        "into",
        "onto",
        "toward",
        "towards",
        "against",
        "between",
        "among",
        "about",
        "over",
        "through",
        "across",
        "under",
        "via",
        "within",
        "without",
    ]
)
_LEAD_IN = frozenset(
    ["in", "on", "at", "during", "by", "from", "since", "the", "of", "around", "about"]
)
_BE = frozenset(["was", "were", "is", "are", "been", "being", "be"])
# verbs of state: a clause whose only verb is one of these states a condition, not a happening
_STATE = frozenset(
    [
        "remain",
        "remains",
        "remained",
        "stay",
        "stays",
        "stayed",
        "live",
        "lives",
        "lived",
        "reside",
        "resides",
        "resided",
    ]
)
_IRREGULAR = frozenset(
    [
        "done",
        "gone",
        "made",
        "held",
        "built",
        "sent",
        "met",
        "left",
        "paid",
        "sold",
        "bought",
        "brought",
        "fought",
        "found",
        "won",
        "lost",
        "set",
        "put",
        "cut",
        "shut",
        "hit",
        "led",
        "read",
        "said",
        "told",
        "kept",
        "spent",
        "dealt",
        "meant",
        "struck",
        "hung",
        "run",
        "begun",
    ]
)
_ADVERB = frozenset(
    ["then", "also", "later", "again", "first", "formally", "officially", "subsequently", "jointly"]
)
_ROLE_NAMES = {"GOV": "Government of {}", "MIL": "Military of {}"}
_JOINT = frozenset(["and", "–", "-", "/", "—"])  # "Albania and Palestine", "Swedish–Iranian"
_COORDINATION = frozenset(
    [",", "and", "or", "again", "also", "later", "then", "in", "on", "as", "well", "during", "the"]
)


# --------------------------------------------------------------------------- public API


def extract_events(article: Article | str | os.PathLike) -> pd.DataFrame:
    """The dated events an article states, one row per event.

    Returns
    -------
    DataFrame with columns, in order: ``event_id`` (``<source stem>:<sentence index>:<n>``),
    ``source``, ``section``, ``sentence`` (text), ``start``, ``end`` (Int64 offsets of the
    sentence: ``article.text[start:end] == sentence``), ``date_text`` (the date phrase as
    written), ``year``, ``month``, ``day`` (Int64), ``precision`` (category day < month < year <
    decade), ``date`` (datetime64[ns], first day of the period), ``date_qualifier`` (category:
    since, after, before, until, early, mid, late, end of, beginning of, by, around, during,
    from; NA when the date has none), ``year_end``, ``month_end``, ``day_end`` (Int64, ranges
    only), ``actor1``, ``actor2`` (CAMEO-style codes, e.g. ALBGOV, PSEREB; NA when the text names
    none), ``actor1_name``, ``actor2_name``, ``event_type`` (short label, "other" when no verb
    pattern applies), ``cameo_code`` (string, e.g. "042"; NA for "other"), ``goldstein``
    (float64, −10..10), ``quad_class`` (Int64, 1–4), ``plover`` (category).
    Rows are ordered by sentence, then by the date's position.
    """
    from .article import as_article  # an Article, or the path of an article file

    return _events_frame(_event_rows(as_article(article)))


def unmatched(article: Article | str | os.PathLike) -> pd.DataFrame:
    """Every date phrase read that yielded no event, with the reason.

    Returns
    -------
    DataFrame with columns ``source``, ``section``, ``sentence`` (the sentence's text, or the
    heading's), ``start``, ``end`` (Int64 offsets of that sentence or heading), ``date_text``,
    ``date_start``, ``date_end`` (Int64 offsets of the date phrase), ``reason`` (string: the
    date names a thing, "negated: …", "no actor named …", "heading", a no-event verb such as an
    abstention). One row per date phrase, in text order.
    """
    from .article import as_article  # an Article, or the path of an article file

    return _unmatched_frame(_unmatched_rows(as_article(article)))


# --------------------------------------------------------------------------- coding


def _event_rows(article: Article) -> list[dict]:
    """The article's events as row dicts (``EVENT_COLUMNS`` keys, and private ``_`` keys), in
    table order. Corpus engines stack the rows of many articles and build one frame."""
    events, _ = _coded(article)
    return sorted(events, key=lambda r: (r["start"], r["_date_start"]))


def _unmatched_rows(article: Article) -> list[dict]:
    """The article's unmatched date phrases as row dicts (``UNMATCHED_COLUMNS``), in order."""
    return _coded(article)[1]


_CACHE: dict[int, tuple[Article, tuple[list, list]]] = {}
_CACHE_LOCK = threading.Lock()


def _coded(article: Article) -> tuple[list[dict], list[dict]]:
    """Code the article once; both public functions read the result (kept for 8 articles)."""
    hit = _CACHE.get(id(article))
    if hit is not None and hit[0] is article:
        return hit[1]
    result = _code_article(article)
    with _CACHE_LOCK:  # corpus engines may code articles in threads (dask's threaded scheduler)
        if len(_CACHE) >= 8:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[id(article)] = (article, result)
    return result


@dataclass
class _Context:
    article: Article
    tokens: list[Token]
    starts: list[int]
    pair: tuple[str, ...]  # the article's two country codes (known ones)
    pair_names: dict[str, str]
    stem: str


def _code_article(article: Article) -> tuple[list[dict], list[dict]]:
    text = article.text
    pair = tuple(c.alpha3 for c in article.countries if c.alpha3)
    names = {c.alpha3: c.name for c in article.countries if c.alpha3}
    # tokens are made per dated sentence (most sentences have no date: no work for them)
    ctx = _Context(article, [], [], pair, names, Path(article.source).stem)
    events: list[dict] = []
    misses: list[dict] = []
    for sec in article.sections:
        if sec.level > 1:  # a heading's dates are read too, and listed
            title_start = text.find(sec.title, sec.start)
            if title_start >= 0:
                title_end = title_start + len(sec.title)
                for d in find_dates(text, title_start, title_end):
                    misses.append(
                        _miss(
                            ctx,
                            sec.title,
                            sec.title,
                            title_start,
                            title_end,
                            d,
                            "heading: a section title dates no event",
                        )
                    )
    for sentence in article.sentences:
        dates = find_dates(text, sentence.start, sentence.end)
        if dates:
            _code_sentence(ctx, sentence, dates, events, misses)
    misses.sort(key=lambda r: (r["start"], r["date_start"]))
    return events, misses


def _miss(ctx, section, sentence_text, start, end, d: DatePhrase, reason: str) -> dict:
    return dict(
        source=ctx.article.source,
        section=section,
        sentence=sentence_text,
        start=start,
        end=end,
        date_text=d.text,
        date_start=d.start,
        date_end=d.end,
        reason=reason,
    )


def _tok(ctx: _Context, offset: int) -> int:
    return bisect_left(ctx.starts, offset)


def _uncodable(d: DatePhrase) -> str | None:
    """Why a date can date no event, whatever its sentence says; None when it may."""
    if not d.is_event_date:
        return d.reason or "not an event date"
    if d.year is None:
        return "no year: the date cannot be placed in time"
    return None


def _code_sentence(ctx: _Context, s: Sentence, dates: list[DatePhrase], events, misses) -> None:
    if all(_uncodable(d) is not None for d in dates):
        # nothing here can be an event: list the dates, skip tokens, actors and verbs
        for d in dates:
            misses.append(_miss(ctx, s.section, s.text, s.start, s.end, d, _uncodable(d)))
        return
    tokens = ctx.tokens = tokenize(ctx.article.text, s.start, s.end)
    ctx.starts = [t.start for t in tokens]
    i0, i1 = 0, len(tokens)
    spans = [(_tok(ctx, d.start), _tok(ctx, d.end)) for d in dates]
    in_date = set()
    for a, b in spans:
        in_date.update(range(a, b))
    mentions = [
        m for m in find_mentions(tokens, i0, i1) if not any(k in in_date for k in range(m.i, m.j))
    ]
    verbs = [
        v for v in find_verbs(tokens, i0, i1) if not any(k in in_date for k in range(v.i, v.j))
    ]
    # "relations" inside "established diplomatic relations" is the verb's, not an actor
    mentions = [
        m for m in mentions if not (m.type == "pair_weak" and any(v.i <= m.i < v.j for v in verbs))
    ]

    negated: dict[int, str] = {}  # verb index -> the negating words
    governed: set[int] = set()
    for n, v in enumerate(verbs):
        if v.row.kind not in ("negation", "refusal"):
            continue
        for m, u in enumerate(verbs[n + 1 :], start=n + 1):
            if u.row.kind == "negation":
                continue
            words = [t for t in tokens[v.j : u.i] if t.text != "-"]
            if len(words) > 3 or any(
                t.text in _HARD or t.text == "," or t.key in _SUBORDINATORS for t in words
            ):
                break
            if v.row.kind == "negation":
                negated[m] = _span_text(ctx, v.i, u.j)
            elif u.row.kind != "refusal":
                governed.add(m)
            break
    # a noun right after another verb is its object, not an event of its own:
    # "protested against the Indian sanctions", "condemned the attack"
    for n, v in enumerate(verbs):
        if n == 0 or not v.row.noun:
            continue
        prev = verbs[n - 1]
        if prev.row.kind not in ("event", "refusal"):
            continue
        words = [t for t in tokens[prev.j : v.i] if t.text != "-"]
        if len(words) <= 4 and not any(
            t.text in _HARD or t.text == "," or t.key in _SUBORDINATORS for t in words
        ):
            governed.add(n)
    candidates = [
        (n, v)
        for n, v in enumerate(verbs)
        if v.row.kind in ("event", "refusal", "no_event") and n not in governed
    ]

    # --- attach dates to verbs, nearest first
    listed = _listed(tokens, mentions)
    named = {k for m in mentions for k in range(m.i + 1, m.j)}  # a name counts as one word
    costs = _SpanCosts(tokens, listed, named)
    scored = []
    for k, (d, (da, db)) in enumerate(zip(dates, spans, strict=True)):
        if not d.is_event_date:
            continue
        initial = _clause_initial(tokens, i0, da, db)
        for n, v in candidates:
            scored.append((costs.distance(da, db, v, initial), k, n))
    scored.sort()
    verb_of: dict[int, int] = {}
    date_of: dict[int, int] = {}
    for score, k, n in scored:
        if score > 30 or k in verb_of or n in date_of:
            continue
        verb_of[k] = n
        date_of[n] = k
    # a date coordinated with an attached one repeats its verb ("in 1959 and again in 1970")
    for k, d in enumerate(dates):
        if k in verb_of or not d.is_event_date:
            continue
        for k2 in (k - 1, k + 1):
            if k2 in verb_of and _coordinated(tokens, spans, k, k2):
                verb_of[k] = verb_of[k2]
                break

    n_event = 0
    for k, d in enumerate(dates):
        reason = _uncodable(d)
        if reason is not None:
            misses.append(_miss(ctx, s.section, s.text, s.start, s.end, d, reason))
            continue
        day = d.date
        if k in verb_of:
            n = verb_of[k]
            v = verbs[n]
            if n in negated:
                misses.append(
                    _miss(ctx, s.section, s.text, s.start, s.end, d, f"negated: {negated[n]}")
                )
                continue
            if v.row.kind == "no_event":
                misses.append(
                    _miss(
                        ctx,
                        s.section,
                        s.text,
                        s.start,
                        s.end,
                        d,
                        f"{v.row.label}: {_span_text(ctx, v.i, v.j)}",
                    )
                )
                continue
            sides = _verb_actors(ctx, v, mentions, i0, i1, day)
            code = v.row.code
            if sides is not None and sides[2]:
                code = v.row.reciprocal
            a1, a2 = (sides[0], sides[1]) if sides else (None, None)
            a1, a2 = _defaults(ctx, a1, a2, "both" if v.row.pair_default else False)
            label = v.row.label
        else:
            lo, hi = _date_clause(tokens, spans[k], i0, i1)
            if _states_condition(tokens, lo, hi, in_date):
                misses.append(
                    _miss(
                        ctx,
                        s.section,
                        s.text,
                        s.start,
                        s.end,
                        d,
                        "states a condition, not an event",
                    )
                )
                continue
            local = [m for m in mentions if lo <= m.i and m.j <= hi]
            a1, a2 = _other_actors(ctx, local, spans[k], i0, i1, day)
            a1, a2 = _defaults(ctx, a1, a2, True)
            code, label, v = None, OTHER, None
        if a1 is None and a2 is None:
            what = f" for '{_span_text(ctx, v.i, v.j)}'" if v is not None else ""
            misses.append(_miss(ctx, s.section, s.text, s.start, s.end, d, f"no actor named{what}"))
            continue
        n_event += 1
        events.append(_event_row(ctx, s, d, n_event, a1, a2, label, code))


def _span_text(ctx: _Context, i: int, j: int) -> str:
    return ctx.article.text[ctx.tokens[i].start : ctx.tokens[j - 1].end]


def _date_clause(tokens: list[Token], span, i0: int, i1: int) -> tuple[int, int]:
    """Token range of the clause a date sits in; a clause-opening date ("In 1971, …") takes
    the clause after it."""

    def is_boundary(t: Token) -> bool:
        return t.text in ",;:" or t.key in _SUBORDINATORS

    lo = span[0]
    while lo > i0 and not is_boundary(tokens[lo - 1]):
        lo -= 1
    hi = span[1]
    while hi < i1 and not is_boundary(tokens[hi]):
        hi += 1
    if all(t.key in _LEAD_IN for t in tokens[lo : span[0]]) and hi - span[1] == 0 and hi < i1:
        hi += 1
        while hi < i1 and not is_boundary(tokens[hi]):
            hi += 1
    return lo, hi


def _states_condition(tokens: list[Token], lo: int, hi: int, in_date: set[int]) -> bool:
    """True for "Japan was Iceland's largest market" ('to be' not followed by a participle) and
    for verbs of state ("relations remained close", "Gandhi lived in South Africa")."""
    for k in range(lo, hi):
        if k in in_date:
            continue
        if tokens[k].key in _STATE:
            return True
        if tokens[k].key not in _BE:
            continue
        n = k + 1
        while n < hi and (tokens[n].key in _ADVERB or tokens[n].key.endswith("ly")):
            n += 1
        word = tokens[n].text if n < hi else ""
        participle = word.islower() and (word.endswith(("ed", "en", "wn")) or word in _IRREGULAR)
        return not participle
    return False


def _clause_initial(tokens: list[Token], i0: int, da: int, db: int) -> bool:
    """Does the date open its clause ("In July 1970, …", "… and in 1989 the Embassy …")?"""
    k = da - 1
    while k >= i0 and tokens[k].key in _LEAD_IN:
        k -= 1
    return (
        k < i0
        or tokens[k].text in _HARD
        or tokens[k].text == ","
        or tokens[k].key in ("and", "but", "then")
    )


def _between(tokens: list[Token], a: int, b: int, listed: frozenset[int] = frozenset()) -> int:
    """Penalty for the clause boundaries among tokens[a:b]; ``listed`` are the indices of
    commas and "and"s joining a list of actors ("Angola, Cuba and South Africa"), which are
    no boundary."""
    pen = 0
    for k in range(a, b):
        t = tokens[k]
        if t.text in _HARD:
            pen += 20
        elif t.text in _BRACKETS:
            pen += 2
        elif k in listed:
            continue
        elif t.key in _SUBORDINATORS:
            pen += 6
        elif t.text == ",":
            nxt = tokens[k + 1].key if k + 1 < b else ""
            pen += 12 if nxt in ("and", "but", "while") else 3  # ", and": a new clause
        elif t.key == "and":
            pen += 3
    return pen


def _listed(tokens: list[Token], mentions: list[Mention]) -> frozenset[int]:
    """Token indices of the commas and "and"s that join actor mentions into a list."""
    out = set()
    for m1, m2 in pairwise(mentions):
        gap = range(m1.j, m2.i)
        if 0 < len(gap) <= 2 and all(tokens[k].text == "," or tokens[k].key == "and" for k in gap):
            out.update(gap)
    return frozenset(out)


class _SpanCosts:
    """Prefix sums over one sentence's tokens, so that a date–verb distance costs O(1) per
    (date, verb) pair instead of O(length): a sentence listing thousands of dates stays linear.
    Same result as summing the penalties of :func:`_between` token by token."""

    __slots__ = ("_comma_next", "_gap", "_pen", "_punct")

    def __init__(self, tokens: list[Token], listed: frozenset[int], named: set[int]):
        n = len(tokens)
        pen, gap, punct = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
        comma_next = [False] * n  # a comma whose 12-point ", and" penalty needs its next token
        for k, t in enumerate(tokens):
            p = 0
            if t.text in _HARD:
                p = 20
            elif t.text in _BRACKETS:
                p = 2
            elif k in listed:
                p = 0
            elif t.key in _SUBORDINATORS:
                p = 6
            elif t.text == ",":
                nxt = tokens[k + 1].key if k + 1 < n else ""
                comma_next[k] = nxt in ("and", "but", "while")
                p = 12 if comma_next[k] else 3
            elif t.key == "and":
                p = 3
            pen[k + 1] = pen[k] + p
            gap[k + 1] = gap[k] + (k not in named)
            punct[k + 1] = punct[k] + (t.text in ",;:")
        self._pen, self._gap, self._punct, self._comma_next = pen, gap, punct, comma_next

    def between(self, a: int, b: int) -> int:
        """``_between(tokens, a, b, listed)``."""
        if b <= a:
            return 0
        total = self._pen[b] - self._pen[a]
        if self._comma_next[b - 1]:
            total -= 9  # the token after the range is not looked at: ", and" counts 3 there
        return total

    def distance(self, da: int, db: int, v: VerbMatch, initial: bool) -> int:
        """How unlikely it is that a date dates a verb (tokens inside actor names count once)."""
        if v.j <= da:  # verb on the left
            gap = self._gap[da] - self._gap[v.j]
            return gap + self.between(v.j, da) + (8 if initial else 0)
        if v.i >= db:  # verb on the right
            gap = self._gap[v.i] - self._gap[db]
            if not initial and self._punct[v.i] - self._punct[db] > 0:
                return 999  # "… , founded before 1900, were restored …": another clause
            return gap + self.between(db, v.i) + (0 if initial else 6)
        return 0


def _coordinated(tokens: list[Token], spans, k: int, k2: int) -> bool:
    a, b = (spans[k2][1], spans[k][0]) if k2 < k else (spans[k][1], spans[k2][0])
    words = tokens[a:b]
    return (
        bool(words)
        and any(t.key in ("and", "or", ",") for t in words)
        and all(t.key in _COORDINATION for t in words)
    )


# --------------------------------------------------------------------------- actors


def _is_passive(tokens: list[Token], i0: int, anchor: int) -> bool:
    k = anchor - 1
    while k >= i0 and (tokens[k].key in _ADVERB or tokens[k].key.endswith("ly")):
        k -= 1
    return k >= i0 and tokens[k].key in _BE


def _left_score(tokens, m: Mention, anchor: int, i0: int) -> float:
    end = min(m.j, anchor)
    score = (anchor - end) + _between(tokens, end, anchor)
    if m.i > i0 and tokens[m.i - 1].key in _PREPOSITIONS:
        score += 6
    if end < len(tokens) and tokens[end].text in ("'s", "’s") and anchor - end <= 2:
        score -= 2  # "the PLO's support"
    return score + _type_penalty(m)


def _right_score(tokens, m: Mention, start: int) -> float:
    return max(0, m.i - start) + _between(tokens, start, m.i) + _type_penalty(m)


def _type_penalty(m: Mention) -> int:
    return {"pair_weak": 12, "place": 3, "region": 2, "adjective": 2}.get(m.type, 0)


def _resolve(ctx: _Context, m: Mention | None, day, side: int, other: str | None = None):
    """(code, name) of a mention on one side of an event; None when no code can be given."""
    if m is None:
        return None
    code, name, kind = m.resolve(day)
    if kind in ("pair", "pair_weak"):
        suffix = code.removeprefix("{pair}")
        choices = [c for c in ctx.pair if not other or c != other[:3]]
        if not choices:
            return None
        pick = choices[0] if side == 1 or len(choices) == 1 else choices[-1]
        name = ctx.pair_names[pick]
        return pick + suffix, _ROLE_NAMES.get(suffix, "{} " + suffix).format(
            name
        ) if suffix else name
    if kind == "capital" and side == 2:  # a capital that does not act is a place
        return code[:3], country_words()[code[:3]].name
    return code, name


def _verb_actors(ctx: _Context, v: VerbMatch, mentions: list[Mention], i0: int, i1: int, day):
    """(actor1, actor2, reciprocal?) for a verb, from the mentions around it."""
    tokens = ctx.tokens
    anchor = v.anchor
    # before the verb (a mention may start inside the pattern: "the Embassy of X … opened")
    left = [m for m in mentions if m.i < anchor and not (v.i <= m.i and m.j > anchor)]
    # after it; a bare role among the verb's own words is no target ("recalled its ambassador")
    right = [
        m
        for m in mentions
        if m.i > anchor and not (m.j <= v.j and m.candidates[0][0].code.startswith("~"))
    ]
    subj = min(left, key=lambda m: (_left_score(tokens, m, anchor, i0), -m.i), default=None)
    joint = None
    if subj is not None:
        # a list of subjects ("Albania and Palestine", "Angola, Cuba and South Africa"):
        # actor1 is the first, actor2 the second
        chain = [subj]
        while True:
            head = chain[0]
            prev = [
                m
                for m in left
                if 0 < head.i - m.j <= 2
                and all(
                    tokens[k].key in _JOINT or tokens[k].text == "," for k in range(m.j, head.i)
                )
            ]
            # the last join must be "and" or a dash: "After X, Albania …" is no list
            if len(chain) == 1:
                prev = [m for m in prev if any(tokens[k].key in _JOINT for k in range(m.j, head.i))]
            if not prev:
                break
            chain.insert(0, prev[-1])
        if len(chain) >= 2:
            joint, subj = chain[0], chain[1]
    passive = (
        v.row.passive != "active" and v.row.actor1 == "before" and _is_passive(tokens, i0, anchor)
    )
    agent = None
    if passive:
        for m in right:
            if (
                m.i > 0
                and tokens[m.i - 1].key in ("by", "from")
                and not _between(tokens, v.j, m.i) >= 20
            ):
                agent = m
                break
    recip = False
    if subj is None and not passive and v.row.actor1 == "before":
        for m in right:  # "the attack … was enacted by Black September"
            if m.i > 0 and tokens[m.i - 1].key == "by":
                subj, agent = m, m
                break

    def best_right(exclude: tuple | None):
        # a target sits in the verb's clause: not past a comma, "and", or a subordinator
        pool = [m for m in right if m is not agent and not _between(tokens, v.j, m.i)]
        if exclude:
            pool = [
                m
                for m in pool
                if _resolve(ctx, m, day, 2) and _resolve(ctx, m, day, 2)[0] != exclude[0]
            ]
        if not pool:
            return None
        top = min(pool, key=lambda m: (_right_score(tokens, m, v.j), m.i))
        # a more specific actor of the same country later in the clause wins: "visited Gaza
        # City for a meeting with Palestinian Authority President Yasser Arafat"
        top_code = _resolve(ctx, top, day, 2)
        if top_code and top.type in ("place", "capital", "country", "adjective"):
            for m in pool:
                if m.i > top.i and not _between(tokens, top.j, m.i):
                    code = _resolve(ctx, m, day, 2)
                    if code and code[0][:3] == top_code[0][:3] and len(code[0]) > 3:
                        return m
        return top

    if v.row.actor1 == "after":
        first = None
        for m in right:
            if m.i > 0 and tokens[m.i - 1].key in ("by", "from", "of", "in"):
                first = m
                break
        first = first or best_right(None)
        a1 = _resolve(ctx, first, day, 1)
        if a1 and subj is not None:
            foreign = [
                m
                for m in left
                if (_resolve(ctx, m, day, 2, a1[0]) or ("",))[0][:3] not in ("", a1[0][:3])
            ]
            if foreign:
                subj = min(foreign, key=lambda m: (_left_score(tokens, m, anchor, i0), -m.i))
        a2 = _resolve(ctx, subj, day, 2, a1[0] if a1 else None)
        if a2 and a1 and a2[0] == a1[0]:
            others = [m for m in left if m is not subj]
            alt = min(others, key=lambda m: _left_score(tokens, m, anchor, i0), default=None)
            a2 = _resolve(ctx, alt, day, 2)
            if a2 and a2[0] == a1[0]:
                a2 = None
        return a1, a2, recip
    if passive:
        if v.row.reciprocal:
            recip = True
            a1 = _resolve(ctx, subj, day, 1)
            a2 = _resolve(ctx, agent, day, 2) if agent else None
            if a2 is None:
                a2 = _resolve(ctx, best_right(a1), day, 2, a1[0] if a1 else None)
            return a1, a2, recip
        a1 = _resolve(ctx, agent, day, 1)
        a2 = _resolve(ctx, subj, day, 2, a1[0] if a1 else None)
        return a1, a2, recip
    if joint is not None and joint.type != "pair_weak":
        a1 = _resolve(ctx, joint, day, 1)
        a2 = _resolve(ctx, subj, day, 2, a1[0] if a1 else None)
        return a1, a2, recip
    a1 = _resolve(ctx, subj, day, 1)
    if subj is not None and subj.type in ("pair", "pair_weak") and a1:
        a2 = _resolve(ctx, subj, day, 2, a1[0])
        if a2 and a2[0][:3] != a1[0][:3]:
            return a1, a2, recip
    target = best_right(a1)
    a2 = _resolve(ctx, target, day, 2, a1[0] if a1 else None)
    if a1 and a2 and a1[0] == a2[0]:
        a2 = None
    return a1, a2, recip


def _other_actors(ctx: _Context, mentions: list[Mention], span, i0: int, i1: int, day):
    """Actors of an 'other' event: the sentence's first non-prepositional mention, then the
    next mention with another code."""
    tokens = ctx.tokens
    pool = sorted(mentions, key=lambda m: (m.type == "pair_weak", m.i))
    subj = None
    for m in pool:
        if not (m.i > i0 and tokens[m.i - 1].key in _PREPOSITIONS):
            subj = m
            break
    subj = subj or (pool[0] if pool else None)
    a1 = _resolve(ctx, subj, day, 1)
    a2 = None
    for m in pool:
        if m is subj:
            continue
        cand = _resolve(ctx, m, day, 2, a1[0] if a1 else None)
        if cand and (not a1 or cand[0] != a1[0]):
            a2 = cand
            break
    return a1, a2


def _defaults(ctx: _Context, a1, a2, pair_default: bool | str):
    """Fill a bare role's country and, for dyadic verbs, the missing member of the pair
    (``pair_default="both"``: both members when neither side is named)."""

    def country(a):
        return a[0][:3] if a and not a[0].startswith("~") else None

    def other_of(c):
        rest = [p for p in ctx.pair if p != c]
        return rest[0] if c in ctx.pair and rest else None

    for side in (0, 1):
        a = (a1, a2)[side]
        b = (a2, a1)[side]
        if a and a[0].startswith("~"):
            home = other_of(country(b))
            a = (home + a[0][1:], a[1]) if home else None  # the name stays as written
            a1, a2 = (a, a2) if side == 0 else (a1, a)
    if pair_default:
        if not a1 and not a2 and len(ctx.pair) == 2 and pair_default == "both":
            a1 = (ctx.pair[0], ctx.pair_names[ctx.pair[0]])
            a2 = (ctx.pair[1], ctx.pair_names[ctx.pair[1]])
        elif a1 and not a2 and other_of(country(a1)):
            c = other_of(country(a1))
            a2 = (c, ctx.pair_names[c])
        elif a2 and not a1 and other_of(country(a2)):
            c = other_of(country(a2))
            a1 = (c, ctx.pair_names[c])
    return a1, a2


# --------------------------------------------------------------------------- frames


def _event_row(ctx, s, d: DatePhrase, n: int, a1, a2, label: str, code: str | None) -> dict:
    cameo = lookup(code) if code else None
    return dict(
        event_id=f"{ctx.stem}:{s.index}:{n}",
        source=ctx.article.source,
        section=s.section,
        sentence=s.text,
        start=s.start,
        end=s.end,
        date_text=d.text,
        year=d.year,
        month=d.month,
        day=d.day,
        precision=d.precision,
        date=d.date,
        date_qualifier=d.qualifier or None,
        year_end=d.year_end,
        month_end=d.month_end,
        day_end=d.day_end,
        actor1=a1[0] if a1 else None,
        actor2=a2[0] if a2 else None,
        actor1_name=a1[1] if a1 else None,
        actor2_name=a2[1] if a2 else None,
        event_type=label,
        cameo_code=code,
        goldstein=cameo.goldstein if cameo else None,
        quad_class=cameo.quad_class if cameo else None,
        plover=cameo.plover if cameo else None,
        _date_start=d.start,
    )


@lru_cache(maxsize=1)
def _dtypes():
    import pandas as pd

    return (
        pd.CategoricalDtype(PRECISIONS, ordered=True),
        pd.CategoricalDtype(QUALIFIERS),
        pd.CategoricalDtype(PLOVER_EVENTS),
    )


def _events_frame(rows: list[dict]) -> pd.DataFrame:
    """The events table of row dicts already in table order (see :func:`_event_rows`)."""
    import pandas as pd

    precision, qualifier, plover = _dtypes()
    data: dict = {}
    for col in EVENT_COLUMNS:
        values = [r[col] for r in rows]
        if col in _INT_COLUMNS:
            data[col] = int_array(values)
        elif col == "precision":
            data[col] = categorical(values, precision)
        elif col == "date_qualifier":
            data[col] = categorical(values, qualifier)
        elif col == "plover":
            data[col] = categorical(values, plover)
        elif col == "date":
            data[col] = date_array(values)
        elif col == "goldstein":
            data[col] = float_array(values)
        else:
            data[col] = string_array(values)
    return pd.DataFrame(data)  # columns in EVENT_COLUMNS order (``columns=`` would reindex)


_INT_COLUMNS = frozenset(
    ("start", "end", "year", "month", "day", "year_end", "month_end", "day_end", "quad_class")
)


def _unmatched_frame(rows: list[dict]) -> pd.DataFrame:
    import pandas as pd

    data = {}
    for col in UNMATCHED_COLUMNS:
        values = [r[col] for r in rows]
        if col in ("start", "end", "date_start", "date_end"):
            data[col] = int_array(values)
        else:
            data[col] = string_array(values)
    return pd.DataFrame(data)
