"""Dated diplomatic events of an article: ``rl.extract_events`` and ``rl.unmatched``.

How a sentence is coded (TABARI/PETRARCH in spirit, on a dependency parse):

1. Its date phrases come from :func:`relations_lib.text.dates.find_dates`; sentences without one are
   not events and are not parsed. A date that only names a thing ("the 1992 Abuja Convention")
   goes to ``unmatched`` with the reason dates.py gives.
2. The sentence is parsed (:mod:`relations_lib.coding.syntax`, spaCy's small English
   pipeline). Verb patterns (data/reference/verb_patterns.csv, :mod:`relations_lib.coding.cameo`)
   and, where no pattern names a word, the verb and noun lemmas of
   data/reference/verb_lemmas.csv mark the words that name an event (*triggers*); actor
   mentions come from data/reference/actors.csv (:mod:`relations_lib.coding.actors`).
3. Each date is given the predicate that governs it: climbing from the date's words to the
   verb of their clause. A date inside a noun that names an event ("the establishment of
   relations in 1991", "a visit in 1999") dates that noun, unless the noun is the object of an
   event verb ("condemned the invasion of Lebanon in 1982" is a condemnation). A date inside a
   fronted adverbial ("After the Six-Day War in June 1967, A broke off relations …", "After it
   emerged that the September 1972 attack …, Albania suspended …", "In spite of …") dates the
   main clause's event. A clause whose verb names no event hands the date to its complement
   ("decided to open", "was the first country to recognise") or, from a complement or
   adverbial clause, to the clause above it. A refusal ("refused to endorse") is the event, not
   the verb it governs.
4. What did not happen is no event: a negated predicate ("did not", "never", "no official
   attended"), a future or conditional one ("will open", "would have", "if"), a plan ("planned
   to visit"), "declined to", "failed to", "denied that", a cancelled event ("the visit was
   cancelled") — the words are data/reference/modality.csv. The date goes to ``unmatched`` with
   the reason ("negated: not recognise", "planned: planned visit", …). A stated refusal
   ("refused to endorse", "chose not to extend") *is* an event, coded 12x (Reject). So is a
   threat, coded 13x by what it threatens (data/reference/threat_codes.csv: "threatened to
   invade" is 138, "threatened sanctions" 1312); the threatened act is not coded. "neither …
   nor", on the verbs or on an argument, negates like "not".
5. Actors: actor1 is the subject, actor2 the object or the object of a preposition (with, to,
   toward, against, on, for, between, in …); a passive's "by" agent acts; a passive without one
   has the other side act, except for verbs that create something (``passive`` = active: "the
   embassy was opened"), whose subject acts. Nouns take their possessor or "by"/"of" phrase.
   Coordinated actors give one event each ("A, B and C recognised D"); a joint subject with no
   object ("A and B established relations") is the pair. A name the dictionary lacks is looked
   up as a country, then among the office-holders the article names ("Cuban leader Fidel
   Castro" → Castro is CUB); pronouns and "the nation"/"the country" refer back
   (data/reference/anaphora.csv); codes follow the era (data/reference/era_codes.csv: Russia
   in 1970 is SUN). Last, an empty side of a dyadic verb is the article's other country;
   anything still unknown keeps its name with code UNK. Two exceptions name no such default:
   a yes/no vote on a resolution acts on the UN (IGOUNO) unless the resolution's phrase names
   the other title country (an abstention has no CAMEO code: ``unmatched``; all votes are
   also rows of the vote mentions table), and the host of a meeting ("hosted a summit") has no
   guest unless the sentence names one.
6. A date whose predicate names no event is an event of type ``other`` (no CAMEO code) when its
   clause names an actor; a clause whose only verb is "to be" or a verb of state states a
   condition and goes to ``unmatched``, as does a clause that names no actor.

Nothing read is dropped silently: every date phrase in a sentence or a heading is either the
``date_text`` of one or more event rows (one per coordinated actor) or a row of ``unmatched``.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .._arrays import categorical, date_array, float_array, int_array, string_array
from ..schema.events import EVENTS, PLOVER_EVENTS, PRECISIONS, QUALIFIERS, UNMATCHED
from ..text.dates import DatePhrase, find_dates
from . import syntax as sx
from .actors import Mention, country_words, find_mentions, tokenize
from .cameo import LemmaRow, VerbRow, find_verbs, lemma_rows, lookup, threat_of
from .lexicon import anaphora, era_code, modality
from .restatements import with_restatements

if TYPE_CHECKING:
    import pandas as pd

    from ..text.article import Article, Sentence

__all__ = ["extract_events", "unmatched"]

#: Columns of the two tables, in order, from their descriptions (relations_lib/schema/events.py);
#: the phase columns there are added later by rl.assign_phases.
EVENT_COLUMNS = tuple(c.name for c in EVENTS.columns if c.required)
UNMATCHED_COLUMNS = tuple(UNMATCHED.column_names)
OTHER = "other"
#: pair_default of verbs that are not dyadic (violence): an empty side is filled only from a
#: named title country, and two unknown names are kept as written
_ONE_SIDE = "one side"
#: At most this many events from one date phrase (coordinated actors on both sides).
MAX_EVENTS_PER_DATE = 8

# Grammar words (closed classes; they drive no CAMEO coding by themselves).
# Words that open a fronted adverbial whose dates belong to the main clause's event.
_FRONTED = frozenset(
    [
        "after",
        "following",
        "before",
        "during",
        "since",
        "upon",
        "amid",
        "amidst",
        "despite",
        "notwithstanding",
        "when",
        "once",
        "although",
        "though",
    ]
)
# subordinators of a clause whose date bounds the main clause's happening
_AFTER_MARKS = frozenset(["after", "following", "since", "once"])
# "in spite of", "in the wake of", "in the aftermath of", "on the eve of": the noun decides
_FRONTED_NOUNS = frozenset(["spite", "wake", "aftermath", "eve", "run", "course", "light"])
# "against the backdrop of", "in the context of", "in the midst of": the noun's "of" phrase
# is a circumstance of the clause's event, never its complement
# ("in the wake of the war", a fronted adverbial of _FRONTED_NOUNS, is read by _fronted_main)
_CIRCUMSTANCE_NOUNS = frozenset(["backdrop", "background", "context", "shadow", "midst", "climate"])
# prepositions whose object is the other side of an event, in order of preference
_TARGET_PREPS = (
    "",  # a dative noun ("gave Albania aid")
    "with",
    "to",
    "toward",
    "towards",
    "against",
    "on",
    "for",
    "between",
    "into",
    "at",
    "in",
    "of",
    "from",
)
# prepositions whose object acts in a row with actor1 = after ("the visit of X", "aid from X")
_SOURCE_PREPS = ("by", "from", "of", "in")
# prepositions of place: their object is another side only when it names a known actor
# objects of idioms whose subject is the event: "took place", "took effect"
_LIGHT_OBJECTS = frozenset(["place", "effect", "force", "shape"])
_LOCATIVE = frozenset(["in", "at", "into", "on", "from", "near", "across"])
# children searched for the actor a phrase names: "the embassy of X", "Cuba's ambassador"
_NAME_DEPS = frozenset(["compound", "poss", "amod", "nmod", "appos", "pobj", "flat", "npadvmod"])
_NAME_PREPS = frozenset(["of", "from"])
# clauses searched below a predicate that names no event ("decided to open", "the first to")
_COMPLEMENT_DEPS = frozenset(
    ["xcomp", "ccomp", "attr", "oprd", "acl", "relcl", "dobj", "acomp", "advcl"]
)
# clauses climbed out of when theirs names no event
_CLIMB_DEPS = frozenset(["xcomp", "ccomp", "advcl", "pcomp", "acl", "csubj", "csubjpass"])
_RELATIVE = frozenset(["that", "which", "who", "whom", "whose"])
# nouns that stand for an actor named elsewhere ("one of the countries that voted")
_GENERIC = frozenset(["country", "state", "nation", "member", "one", "government", "party"])
_SUBJECTISH = frozenset(["nsubj", "nsubjpass"])
_ROLE_NAMES = {"GOV": "Government of {}", "MIL": "Military of {}"}
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")", "]", "…", ":")


# --------------------------------------------------------------------------- public API


def extract_events(article: Article | str | os.PathLike) -> pd.DataFrame:
    """The dated events an article states, one row per event.

    Parameters
    ----------
    article
        A parsed article (:func:`relations_lib.read_article`, :func:`~relations_lib.parse_article`)
        or the path of an article file (read with :func:`relations_lib.read_article`).

    Returns
    -------
    DataFrame with columns, in order: ``event_id`` (``<source stem>:<sentence index>:<n>``;
    a corpus run names the article by its path relative to the input root instead, see
    :func:`relations_lib.corpus.stream.run_corpus`),
    ``source``, ``section``, ``sentence`` (text), ``start``, ``end`` (Int64 offsets of the
    sentence: ``article.text[start:end] == sentence``), ``date_text`` (the date phrase as
    written), ``year``, ``month``, ``day`` (Int64), ``precision`` (category day < month < year <
    decade), ``date`` (datetime64[ns], first day of the period), ``date_qualifier`` (category:
    since, after, before, until, early, mid, late, end of, beginning of, by, around, during,
    from; NA when the date has none), ``year_end``, ``month_end``, ``day_end`` (Int64, ranges
    only), ``actor1``, ``actor2`` (CAMEO-style codes, e.g. ALBGOV, PSEREB, UNK for a name no
    dictionary knows; NA when the text names none), ``actor1_name``, ``actor2_name``,
    ``event_type`` (short label, "other" when nothing names the event), ``cameo_code``
    (string, e.g. "042"; NA for "other"), ``goldstein`` (float64, −10..10), ``quad_class``
    (Int64, 1–4), ``plover`` (category), ``restates`` (string: the ``event_id`` of an earlier
    row stating the same fact again, see :mod:`relations_lib.coding.restatements`; NA
    otherwise). Rows are ordered by sentence, then by the date's position; a date with
    coordinated actors gives one row per actor.

    Raises
    ------
    ArgumentTypeError
        ``article`` is neither an Article nor a path (also a TypeError).
    ArticleFormatError
        A path that is not a readable article (:class:`ArticleFileError` for the file).
    MissingDependencyError
        spaCy's English pipeline is not installed
        (see :func:`relations_lib.coding.syntax.pipeline`).
    ReferenceDataError
        A dictionary under data/reference is malformed (file and line named).

    Sources: the dictionaries under data/reference (verb_patterns.csv, verb_lemmas.csv with
    their CAMEO 1.1b3 codebook entries, actors.csv, country_words.csv, modality.csv,
    anaphora.csv, era_codes.csv) and spaCy's en_core_web_sm 3.8 parse.
    """
    from ..text.article import as_article  # an Article, or the path of an article file

    return _events_frame(_event_rows(as_article(article)))


def unmatched(article: Article | str | os.PathLike) -> pd.DataFrame:
    """Every date phrase read that yielded no event, with the reason.

    Returns
    -------
    DataFrame with columns ``source``, ``section``, ``sentence`` (the sentence's text, or the
    heading's), ``start``, ``end`` (Int64 offsets of that sentence or heading), ``date_text``,
    ``date_start``, ``date_end`` (Int64 offsets of the date phrase), ``reason`` (string: the
    date names a thing, "negated: …", "future: …", "conditional: …", "planned: …",
    "declined: …", "cancelled: …", "no actor named …", "heading", "states a condition", a
    no-event verb such as an abstention). One row per date phrase, in text order.

    Raises
    ------
    ArgumentTypeError, ArticleFormatError, MissingDependencyError, ReferenceDataError
        As :func:`extract_events`.
    """
    from ..text.article import as_article  # an Article, or the path of an article file

    return _unmatched_frame(_unmatched_rows(as_article(article)))


# --------------------------------------------------------------------------- coding


def _event_rows(article: Article) -> list[dict]:
    """The article's events as row dicts (``EVENT_COLUMNS`` keys, and private ``_`` keys), in
    table order. Corpus engines stack the rows of many articles and build one frame."""
    events, _ = _coded(article)
    return sorted(events, key=lambda r: (r["start"], r["_date_start"], r["_n"]))


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


Actor = tuple[str, str]  # (code, display name)


@dataclass
class _Context:
    """What the coder knows about the whole article."""

    article: Article
    pair: tuple[str, ...]  # the article's two country codes (known ones)
    pair_names: dict[str, str]
    stem: str
    _mentions: dict[int, list[tuple[Mention, bool]]] = field(default_factory=dict)
    _persons: dict[str, str] | None = None
    cut: int = -1  # index of a last sentence the text stops inside, else -1

    def mentions_of(self, index: int) -> list[tuple[Mention, bool]]:
        """Mentions of sentence ``index`` with a flag: does a preposition govern it?"""
        found = self._mentions.get(index)
        if found is None:
            s = self.article.sentences[index]
            tokens = tokenize(self.article.text, s.start, s.end)
            found = [
                (m, m.i > 0 and tokens[m.i - 1].key in _PREPOSITION_WORDS)
                for m in find_mentions(tokens)
            ]
            self._mentions[index] = found
        return found

    def persons(self) -> dict[str, str]:
        """Personal name (full, and last word) → code, from every "role + name" mention of
        the article whose role names a country ("Cuban leader Fidel Castro" → CUBGOV)."""
        if self._persons is None:
            table: dict[str, str] = {}
            for n in range(len(self.article.sentences)):
                for m, _ in self.mentions_of(n):
                    code = m.resolve(None)[0]
                    if m.type not in ("role", "person") or code.startswith(("~", "{")):
                        continue
                    words = m.text.split()
                    name = []
                    for w in reversed(words):
                        if not w[:1].isupper() or w.casefold() in _ROLE_WORDS:
                            break
                        name.insert(0, w)
                    if name:
                        table.setdefault(" ".join(name), code)
                        table.setdefault(name[-1], code)
            self._persons = table
        return self._persons


_PREPOSITION_WORDS = frozenset(
    "in at to from of with by for on into onto toward towards against between among about "  # noqa: SIM905
    "over through across under via within without during after before since".split()
)
# words of offices that start a "role + name" mention; a personal name starts after them
_ROLE_WORDS = frozenset(
    "president vice prime minister premier king queen emperor leader chancellor secretary "  # noqa: SIM905
    "foreign ambassador envoy general marshal colonel chairman first head state government "
    "deputy crown prince defence defense".split()
)


def _code_article(article: Article) -> tuple[list[dict], list[dict]]:
    text = article.text
    pair = tuple(c.alpha3 for c in article.countries if c.alpha3)
    names = {c.alpha3: c.name for c in article.countries if c.alpha3}
    ctx = _Context(article, pair, names, Path(article.source).stem)
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
    todo: list[tuple[Sentence, list[DatePhrase]]] = []
    for sentence in article.sentences:
        dates = find_dates(text, sentence.start, sentence.end)
        if not dates:
            continue
        if all(_uncodable(d) is not None for d in dates):
            # nothing here can be an event: list the dates, parse nothing
            for d in dates:
                misses.append(_miss_in(ctx, sentence, d, _uncodable(d)))
            continue
        todo.append((sentence, dates))
    # a stored copy cut mid-sentence ("In 2013, a North"): its last sentence has no end
    last = article.sentences[-1] if article.sentences else None
    ctx.cut = (
        last.index
        if last is not None
        and not text[last.start : last.end].rstrip().endswith(_SENTENCE_ENDS)
        and not text[last.end :].strip()
        else -1
    )
    trees = sx.parse_spans(text, [(s.start, s.end) for s, _ in todo])
    for (sentence, dates), chunks in zip(todo, trees, strict=True):
        _code_sentence(ctx, sentence, dates, chunks, events, misses)
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


def _miss_in(ctx, s: Sentence, d: DatePhrase, reason: str) -> dict:
    return _miss(ctx, s.section, s.text, s.start, s.end, d, reason)


def _uncodable(d: DatePhrase) -> str | None:
    """Why a date can date no event, whatever its sentence says; None when it may."""
    if not d.is_event_date:
        return d.reason or "not an event date"
    if d.year is None:
        return "no year: the date cannot be placed in time"
    if not _YEARS[0] <= d.year <= _YEARS[1] or (
        d.year_end is not None and not _YEARS[0] <= d.year_end <= _YEARS[1]
    ):
        return f"year out of range: the events table holds the years {_YEARS[0]}–{_YEARS[1]}"
    return None


#: The years the events table holds (its schema's range for ``year`` and ``year_end``).
_YEARS = next((c.minimum, c.maximum) for c in EVENTS.columns if c.name == "year")


# --------------------------------------------------------------------------- one parse


@dataclass(frozen=True, slots=True)
class _Trigger:
    """Words that name an event, at the token the parse treats as its predicate."""

    code: str
    label: str
    reciprocal: str
    kind: str  # event, refusal, no_event (cameo.KINDS less negation)
    actor1: str  # before / after
    passive: str  # "" / active
    pair_default: bool
    words: frozenset[int]  # tree tokens of the pattern (never actors themselves)


def _from_row(row: VerbRow | LemmaRow, words: frozenset[int]) -> _Trigger:
    kind = getattr(row, "kind", "event")
    return _Trigger(
        row.code,
        row.label,
        row.reciprocal,
        kind,
        row.actor1,
        row.passive,
        row.pair_default,
        words,
    )


class _Parse:
    """One parsed chunk of a sentence with its mentions and triggers mapped onto its tokens."""

    def __init__(self, ctx: _Context, s: Sentence, tree: sx.Tree, tokens, mentions, verbs):
        self.ctx, self.s, self.tree = ctx, s, tree
        n = len(tree)
        self.mentions: list[Mention] = []
        self.ment = [-1] * n
        lo, hi = (tree.start[0], tree.end[-1]) if n else (0, 0)
        for m in mentions:
            if m.start < lo or m.end > hi:
                continue
            a, b = tree.tokens_in(m.start, m.end)
            if a >= b:
                continue
            self.mentions.append(m)
            for i in range(a, b):
                if self.ment[i] < 0:
                    self.ment[i] = len(self.mentions) - 1
        self.trig: dict[int, _Trigger] = {}
        self.cover: dict[int, _Trigger] = {}
        self.neg_cues: set[int] = set()
        names = [(m.start, m.end) for m in self.mentions if m.type not in ("pair_weak", "stop")]
        for v in verbs:
            start, end = tokens[v.i].start, tokens[v.j - 1].end
            if start < lo or end > hi:
                continue
            if any(a <= start and end <= b for a, b in names):
                continue  # "Council for Mutual Economic Assistance" names no aid
            a, b = tree.tokens_in(start, end)
            if a >= b:
                continue
            if v.row.kind == "negation":
                self.neg_cues.update(range(a, b))
                continue
            anchor = tree.token_at(tokens[v.anchor].start)
            if anchor < 0:
                continue
            if tree.pos[anchor] not in ("VERB", "AUX"):
                # a pattern that names the event by a noun phrase ("development cooperation",
                # "joint military exercises"): the parse knows it by the phrase's head
                anchor = sx.span_head(tree, a, b)
            t = _from_row(v.row, frozenset(range(a, b)))
            self.trig.setdefault(anchor, t)
            for i in range(a, b):
                self.cover.setdefault(i, t)
        self._lemma_trig: dict[int, _Trigger | None] = {}
        self.date_words: set[int] = set()

    # -- triggers

    def trigger(self, i: int) -> _Trigger | None:
        """The event named at token ``i``: a verb pattern anchored there, else its lemma."""
        t = self.trig.get(i)
        if t is not None:
            return t
        if i in self.cover:
            return None  # a word of another pattern ("relations" in "established relations")
        if i in self._lemma_trig:
            return self._lemma_trig[i]
        if self.ment[i] >= 0 and self.mentions[self.ment[i]].type not in ("pair_weak", "role"):
            self._lemma_trig[i] = None  # a word of a name ("Council for … Assistance")
            return None
        tree = self.tree
        pos = tree.pos[i]
        # an adjective names a state reached ("relations became strained")
        part = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}.get(pos, "")
        found = None
        table = lemma_rows()
        keys = [f"{tree.lemma[i]} {tree.lower[c]}" for c in tree.child(i, "prt")]
        rows = [r for k in [*keys, tree.lemma[i]] for r in table.get((k, part), ())] if part else []
        objects = self._objects(i) if any(r.objects for r in rows) else set()
        for row in rows:
            if row.objects and not (objects & row.objects or ("*" in row.objects and objects)):
                continue
            # the object the row names is a word of the event, not an actor, and its phrases
            # are the verb's ("used force against X", "imposed sanctions on X")
            own = {
                c
                for c in tree.children[i]
                if tree.dep[c] == "dobj" and {tree.lemma[c], tree.lower[c]} & row.objects
            }
            found = _from_row(row, frozenset([i, *own]))
            break
        self._lemma_trig[i] = found
        return found

    def _objects(self, i: int) -> set[str]:
        tree = self.tree
        out = set()
        for c in tree.children[i]:
            if tree.dep[c] in ("dobj", "nsubjpass", "attr", "oprd"):
                out.update(tree.lemma[k] for k in sx.conjuncts(tree, c))
                out.update(tree.lower[k] for k in sx.conjuncts(tree, c))
        if sx.is_passive(tree, i) and tree.dep[i] == "acl":
            out.add(tree.lemma[tree.head[i]])  # "an embassy opened in 1990"
        if not out and tree.pos[i] == "VERB":
            # an intransitive verb's common-noun subject is its only argument: "war broke
            # out", "relations declined" (a named war, "World War II broke out", is background);
            # a conjoined verb shares its first conjunct's ("ties were discussed and were
            # re-initiated")
            subj = _subject_of(self, i) if tree.dep[i] == "conj" else None
            own = [c for c in tree.children[i] if tree.dep[c] in ("nsubj", "nsubjpass")]
            for c in own or ([subj] if subj is not None else []):
                if tree.dep[c] in ("nsubj", "nsubjpass") and tree.pos[c] == "NOUN":
                    out.update(tree.lemma[k] for k in sx.conjuncts(tree, c))
                    out.update(tree.lower[k] for k in sx.conjuncts(tree, c))
            # what it turned into: "the dispute escalated into war", "erupted into conflict"
            for w, o in sx.prep_objects(tree, i):
                if w == "into" and tree.pos[o] == "NOUN":
                    out.update((tree.lemma[o], tree.lower[o]))
        return out

    def text(self, i: int, j: int | None = None) -> str:
        """Article text from token ``i`` to token ``j`` (inclusive; ``i`` alone by default)."""
        j = i if j is None else j
        a, b = min(i, j), max(i, j)
        return self.ctx.article.text[self.tree.start[a] : self.tree.end[b]]


def _code_sentence(ctx: _Context, s: Sentence, dates, chunks, events, misses) -> None:
    text = ctx.article.text
    tokens = tokenize(text, s.start, s.end)
    spans = [(d.start, d.end) for d in dates]
    mentions = [
        m for m in find_mentions(tokens) if not any(a < m.end and m.start < b for a, b in spans)
    ]
    verbs = [
        v
        for v in find_verbs(tokens)
        if not any(a < tokens[v.j - 1].end and tokens[v.i].start < b for a, b in spans)
    ]
    parses = [_Parse(ctx, s, tree, tokens, mentions, verbs) for tree in chunks if len(tree)]
    for p in parses:  # a date's words never name an actor
        for a, b in spans:
            lo, hi = p.tree.tokens_in(a, b)
            p.date_words.update(range(lo, hi))
    n_event = 0
    for d in dates:
        reason = _uncodable(d)
        if reason is not None:
            misses.append(_miss_in(ctx, s, d, reason))
            continue
        p = next((p for p in parses if p.tree.start[0] <= d.start < p.tree.end[-1] + 1), None)
        a, b = p.tree.tokens_in(d.start, d.end) if p is not None else (0, 0)
        if p is None or a >= b:
            misses.append(_miss_in(ctx, s, d, "the parser gave the date no words"))
            continue
        outcome = _code_date(p, a, b, d)
        if isinstance(outcome, str):
            misses.append(_miss_in(ctx, s, d, outcome))
            continue
        for a1, a2, label, code in outcome:
            n_event += 1
            events.append(_event_row(ctx, s, d, n_event, a1, a2, label, code))


def _code_date(p: _Parse, a: int, b: int, d: DatePhrase):
    """The events a date phrase (tokens ``[a, b)``) dates, or the reason it dates none."""
    tree = p.tree
    h = sx.span_head(tree, a, b)
    pred, clause = _predicate(p, h, set(range(a, b)))
    if p.s.index == p.ctx.cut:
        why = _cut_reason(p, pred if pred is not None else clause)
        if why:
            return why
    trig = p.trigger(pred) if pred is not None else None
    if trig is not None:
        pred, trig = _refusal_above(p, pred, trig)
        pred, trig = _threat(p, pred, trig)
        why = _no_event_reason(p, pred, clause)
        if why and why[1] != clause and _inside_content_clause(tree, why[1], clause):
            # "held the belief that Mexico should seize Cuba": the belief is dated, not the seizure
            trig = None
        elif why:
            return why[0]
    if trig is not None:
        if trig.kind == "no_event":
            return f"{trig.label}: {p.text(min(trig.words), max(trig.words))}"
        day = _period(d)
        sources, targets, recip = _participants(p, pred, trig, day)
        code = trig.reciprocal if recip and trig.reciprocal else trig.code
        vote = _resolution_target(p, pred, trig, sources, day)
        if vote is not None:
            # a vote on a resolution acts on the body that votes on it, never on the title
            # pair by default: no pair fallback
            pairs = _pairs(p.ctx, sources, vote, False, day)
            if not pairs:
                return f"no actor named for '{p.text(pred)}'"
            return [(a1, a2, trig.label, code) for a1, a2 in dict.fromkeys(pairs)]
        if _hosts_meeting(p, pred, trig) and not targets:
            # "Chile hosted a summit": the host of a meeting names no visitor, and the article's
            # other country is no better guess than any other guest
            pairs = _pairs(p.ctx, sources, targets, False, day)
            if not pairs:
                return f"no actor named for '{p.text(pred)}'"
            return [(a1, a2, trig.label, code) for a1, a2 in dict.fromkeys(pairs)]
        # violence (pair_default no) still takes the other title country for an empty side when
        # the named side is one of them ("Turkey intervened in 1974"), never for two unknowns
        pairs = _pairs(p.ctx, sources, targets, trig.pair_default or _ONE_SIDE, day)
        if not pairs:
            return f"no actor named for '{p.text(pred)}'"
        pairs = [_title_fallback(p, a1, a2, day) for a1, a2 in pairs]
        return [(a1, a2, trig.label, code) for a1, a2 in dict.fromkeys(pairs)]
    # no word names the event: an event of type "other" between the actors its clause names
    # (the article's two countries when it names none)
    if p.s.index == p.ctx.cut and tree.pos[clause] not in ("VERB", "AUX"):
        return "cut: the text stops inside this sentence before it says what happened"
    why = _no_event_reason(p, clause, clause)
    if why:
        return why[0]
    day = _period(d)
    sources, targets, _ = _participants(p, clause, None, day)
    pairs = _pairs(p.ctx, sources, targets, "other", day)
    if not pairs:
        return "no actor named"
    a1, a2 = _mention_order(p, *pairs[0], day)
    return [(a1, a2, OTHER, None)]


def _hosts_meeting(p: _Parse, pred: int, trig: _Trigger) -> bool:
    """``pred`` hosts a meeting: an active "host a visit" (043) verb whose direct object is a
    noun that names a meeting itself (verb_lemmas.csv codes it 04x: summit, meeting, talks)."""
    tree = p.tree
    if trig.code != "043" or sx.is_passive(tree, pred):
        return False
    for c in tree.child(pred, "dobj"):
        if p.ment[c] >= 0 and p.mentions[p.ment[c]].type not in ("pair_weak", "role"):
            continue  # a named guest
        t = p.trigger(c)
        if t is not None and t.code.startswith("04"):
            return True
    return False


#: The UN as the other side of a vote on a resolution (data/reference/actors.csv: "United Nations").
_UN = ("IGOUNO", "United Nations")


def _resolution_target(p: _Parse, pred: int, trig: _Trigger, sources, day) -> _Found | None:
    """The other side of a yes/no vote on a resolution, or None when ``pred`` is no such vote.

    A vote ("voted for / against / in favour of a resolution …") is an act toward the UN body
    that votes, not toward the article's other country: the target is the UN (IGOUNO), unless
    the resolution's own phrase names the other title country ("voted for a resolution
    condemning Peru" → PER). A resolution that concerns a third country is still a UN vote
    (its subject is in the vote mentions table). Abstentions have no CAMEO code and go to
    ``unmatched`` (verb_patterns.csv row ``abstain*``); every kind of vote is also a row of the
    vote mentions table (:func:`relations_lib.extract_vote_mentions`).
    """
    tree = p.tree
    if not any(tree.lemma[k] == "vote" for k in trig.words | {pred}):
        return None
    res = None
    for k in sx.subtree(tree, pred):
        if tree.lemma[k] != "resolution" and tree.lower[k] != "resolutions":
            continue
        # the resolution is the vote's own argument: no other verb between them, save a
        # complement ("voted to adopt the resolution")
        h = k
        while h != pred and tree.head[h] != h:
            if tree.pos[h] in ("VERB", "AUX") and tree.dep[h] != "xcomp" and h != k:
                break
            h = tree.head[h]
        if h == pred:
            res = k
            break
    if res is None:
        return None
    mine = {a[0][:3] for a in sources}
    title = {era_code(c, day)[:3] for c in p.ctx.pair}
    for k in sx.subtree(tree, res):
        if p.ment[k] < 0 or k in p.date_words:
            continue
        for a in _actors(p, k, day, side=2, exclude=mine):
            if a[0][:3] in title and a[0][:3] not in mine:
                return _Found([a])
    return _Found([_UN])


def _cut_reason(p: _Parse, pred: int) -> str | None:
    """Why a date in the sentence a stored copy stops inside dates nothing, or None: the
    text stops at the word that names the event ("… the minister visited", "the dynasty was
    overthrow"), so what it did to whom is cut off (docs/LABELS.md: no event is invented from
    the cut fragment)."""
    tree = p.tree
    words = [k for k in range(len(tree.text)) if tree.text[k][:1].isalnum()]
    text = p.ctx.article.text
    if not words or text[tree.end[words[-1]] :].strip():
        return None  # not the chunk the text stops in
    last = words[-1]
    if pred == last or (tree.head[last] == pred and tree.dep[last] in ("acomp", "xcomp")):
        return "cut: the text stops at the word that names the event"
    return None


def _title_fallback(p: _Parse, a1, a2, day):
    """A half-read pair — one side empty or unknown, the other not a title country — in a
    sentence that names a title country: the parse has missed who acted on whom, and the
    article's own pair, in the sentence's order, is the better guess."""

    def known(a):
        return a is not None and not a[0].startswith(("UNK", "~"))

    if known(a1) and known(a2):
        return a1, a2
    ctx = p.ctx
    if len(ctx.pair) != 2:
        return a1, a2
    title = {era_code(c, day)[:3] for c in ctx.pair}
    if any(known(a) and a[0][:3] in title for a in (a1, a2)):
        return a1, a2
    named = False
    for m in p.mentions:
        if m.type in ("pair", "pair_weak", "stop"):
            continue
        code = m.resolve(day)[0]
        if not code.startswith(("~", "UNK")) and era_code(code[:3], day)[:3] in title:
            named = True
            break
    if not named:
        return a1, a2
    x1, x2 = ((era_code(c, day), ctx.pair_names[c]) for c in ctx.pair)
    return _mention_order(p, x1, x2, day)


def _mention_order(p: _Parse, a1, a2, day):
    """An event no word names between the two title countries: with no verb to give roles,
    a locative or a default says nothing of who acted. A title country named as an active
    subject (or its modifier: "Cuban teachers were …") or as the agent of a passive acts; failing
    that, the country the sentence names first (as the trivial reading would have it)."""
    if not a1 or not a2:
        return a1, a2
    title = {era_code(c, day)[:3] for c in p.ctx.pair}
    if {a1[0][:3], a2[0][:3]} != title or len(title) != 2:
        return a1, a2
    tree = p.tree
    first: dict[str, int] = {}
    acting: set[str] = set()
    for m in p.mentions:
        if m.type in ("pair", "pair_weak", "stop"):
            continue
        code = m.resolve(day)[0]
        if code.startswith(("~", "UNK")):
            continue
        code = era_code(code[:3], day)[:3]
        if code not in title:
            continue
        first.setdefault(code, m.start)
        a, b = tree.tokens_in(m.start, m.end)
        if not 0 <= a < b <= len(tree):
            continue
        k = sx.span_head(tree, a, b)
        # the role of the mention, or of the noun it modifies ("Cuban teachers")
        dep = tree.dep[tree.head[k]] if tree.dep[k] in ("amod", "compound", "poss") else tree.dep[k]
        if _opposed(tree, k):
            acting.update(title - {code})  # "anti-Ottoman unrest": the other side acts
        elif dep == "nsubj" or (dep == "pobj" and tree.dep[tree.head[k]] == "agent"):
            acting.add(code)  # an active subject, or a passive's agent, acts
        elif dep == "nsubjpass":
            acting.update(title - {code})  # "Palestinians were admitted": the other one acts
    if len(acting) == 1:
        return (a1, a2) if a1[0][:3] in acting else (a2, a1)
    if not acting and len(first) == 2 and first[a2[0][:3]] < first[a1[0][:3]]:
        return a2, a1
    return a1, a2


class _Period(_dt.date):
    """The first day of a date phrase's period that knows the last (``last``): an era code
    holds only when the whole period lies in its era (lexicon.era_code)."""

    last: _dt.date | None = None


def _period(d: DatePhrase) -> _Period:
    first = d.date
    out = _Period(first.year, first.month, first.day)
    out.last = d.date_end
    return out


def _inside_content_clause(tree: sx.Tree, pred: int, clause: int) -> bool:
    """``pred`` lies in a content, relative or adverbial clause below ``clause``."""
    k = pred
    while k != clause and tree.head[k] != k:
        if tree.dep[k] in ("ccomp", "acl", "relcl", "advcl"):
            return True
        k = tree.head[k]
    return False


# --------------------------------------------------------------------------- which predicate


def _predicate(p: _Parse, h: int, date_tokens: set[int]) -> tuple[int | None, int]:
    """(token naming the date's event or None, head of the date's clause)."""
    tree = p.tree
    for t in sorted(date_tokens):
        for c in tree.children[t]:
            if (
                c not in date_tokens
                and tree.dep[c] in ("relcl", "advcl")
                and any(tree.lower[w] == "when" for w in tree.child(c, "advmod"))
                and _own_trigger(p, c) is not None
            ):
                # "… dates back to 1922, when Portugal recognised Albania": the "when" clause
                # says what happened at the date
                return _own_trigger(p, c), c
    noun = _second_date_noun(p, h, date_tokens)
    if noun is not None:
        return noun, tree.head[tree.head[h]]
    k, noun, listed = h, None, False
    while not sx.is_verbal(tree, k) and tree.head[k] != k:
        child, k = k, tree.head[k]
        # an item of a list ("the 1963 Sand War, …, the closing of the border in 1994") is
        # no part of the noun before it
        listed = listed or (tree.dep[child] == "conj" and not sx.is_verbal(tree, k))
        if (
            noun is None
            and not listed
            and not sx.is_verbal(tree, k)
            and p.trigger(k)
            and k not in date_tokens
        ):
            noun = k
    clause = k
    if (
        clause in date_tokens
        and tree.dep[clause] in ("advcl", "prep")
        and sx.is_verbal(tree, tree.head[clause])
    ):
        # the date phrase holds its own participle ("Starting from the early 1990s, A …"):
        # it dates the clause it opens
        clause = tree.head[clause]
    if clause in date_tokens or not sx.is_verbal(tree, clause):
        clause = _fragment_clause(tree, clause, date_tokens)
    if noun is None and _own_trigger(p, clause) is not None:
        return _own_trigger(p, clause), clause
    main = _fronted_main(p, h)
    if main is not None:
        found = _trigger_below(p, main)
        if found is not None:
            return found, clause
    if noun is not None and not (p.trigger(clause) and _argument_of(tree, noun, clause)):
        return noun, clause
    found = _trigger_below(p, clause)
    if found is not None:
        return found, clause
    c = clause
    while tree.dep[c] in _CLIMB_DEPS and tree.head[c] != c:
        c = sx.clause_of(tree, tree.head[c])
        if _own_trigger(p, c) is not None:
            return _own_trigger(p, c), clause
    if tree.dep[clause] == "advcl" and tree.head[clause] != clause:
        marks = {tree.lower[m] for m in tree.child(clause, "mark", "advmod")}
        if marks & _AFTER_MARKS and sx.is_verbal(tree, tree.head[clause]):
            # "relations revived soon after Ukraine gained independence in 1991": neither
            # clause names an event; the sentence is about the main clause, which the date
            # bounds (as a fronted "After …, A did X" is)
            return None, sx.clause_of(tree, tree.head[clause])
    return None, clause


_YEAR_WORD = re.compile(r"[12][0-9]{3}s?")


def _second_date_noun(p: _Parse, h: int, date_tokens: set[int]) -> int | None:
    """The event noun just before a date phrase that the parser hung on a verb already dated
    by another phrase: "In 2000, X apologised for the shelling of Y in 1991" — one clause has
    one date, so "in 1991" dates the shelling; None otherwise."""
    tree = p.tree
    prep = tree.head[h]
    if tree.dep[h] != "pobj" or prep == h or tree.dep[prep] != "prep":
        return None
    verb = tree.head[prep]
    if prep <= verb or not sx.is_verbal(tree, verb) or min(date_tokens) > prep + 1:
        return None  # only a phrase after the verb can follow the verb's noun
    dated = any(
        c != prep
        and tree.dep[c] == "prep"
        and any(_YEAR_WORD.fullmatch(tree.text[o]) for o in sx.subtree(tree, c))
        for c in tree.children[verb]
    )
    if not dated:
        return None
    k = prep - 1
    seen = 0
    while k != verb and tree.head[k] != k and seen < 12:
        if tree.pos[k] == "NOUN" and p.trigger(k) is not None:
            return k
        if tree.dep[k] not in ("pobj", "prep", "compound", "amod", "det", "punct"):
            return None
        k, seen = tree.head[k], seen + 1
    return None


def _fragment_clause(tree: sx.Tree, root: int, date_tokens: set[int]) -> int:
    """The clause of a date that heads a verbless fragment ("1976: Fidel Castro visited
    Luanda."): the first verb hung on it, else the fragment itself."""
    for k in sx.subtree(tree, root):
        if k not in date_tokens and tree.pos[k] == "VERB" and sx.is_verbal(tree, k):
            return k
    if tree.head[root] == root and all(
        k in date_tokens or tree.pos[k] == "PUNCT" or k == root for k in sx.subtree(tree, root)
    ):
        # the parser made the date a sentence of its own: the next one says what happened
        for k in range(max(sx.subtree(tree, root)) + 1, len(tree)):
            if tree.head[k] == k:
                return k if sx.is_verbal(tree, k) else root
    return root


def _fronted_main(p: _Parse, h: int) -> int | None:
    """The main clause of a fronted adverbial holding token ``h`` ("After …, A did X")."""
    tree = p.tree
    k = h
    for _ in range(len(tree)):
        head = tree.head[k]
        if head == k:
            return None
        if sx.is_verbal(tree, head) and k < head and tree.dep[k] in ("prep", "advcl"):
            word = tree.lower[k]
            if tree.dep[k] == "advcl":
                marks = [tree.lower[c] for c in tree.child(k, "mark", "advmod")]
                intro = any(m in _FRONTED for m in marks)
            else:
                objs = tree.child(k, "pobj")
                intro = word in _FRONTED or (
                    word in ("in", "on") and any(tree.lemma[o] in _FRONTED_NOUNS for o in objs)
                )
            if intro and _comma_between(p, k, head):
                return head
        k = head
    return None


def _comma_between(p: _Parse, k: int, head: int) -> bool:
    """A comma closes the fronted phrase ``k`` before its head: "After X, A did Y"."""
    tree = p.tree
    last = max(sx.subtree(tree, k))
    return any(tree.text[i] == "," for i in range(last + 1, head + 1)) or (
        last + 1 < len(tree) and tree.text[last + 1] == ","
    )


def _argument_of(tree: sx.Tree, noun: int, verb: int) -> bool:
    """``noun`` is the object of ``verb`` (directly, or of one of its prepositions)."""
    k = noun
    for _ in range(4):
        head = tree.head[k]
        if head == k:
            return False
        if head == verb:
            return tree.dep[k] in ("dobj", "nsubjpass", "attr", "oprd", "dative", "prep", "agent")
        if tree.dep[k] not in ("pobj", "prep", "conj", "compound"):
            return False
        k = head
    return False


def _own_trigger(p: _Parse, clause: int) -> int | None:
    """The token naming the event of ``clause``: the clause's head, or the complement of a
    verb whose complement is the event (modality.csv ``transparent``: "helped intercept",
    "decided to open"); None when neither names one."""
    tree = p.tree
    if modality().has("transparent", tree.lemma[clause]):
        for x in tree.child(clause, "xcomp", "ccomp"):
            if p.trigger(x) is not None:
                return x
    return clause if p.trigger(clause) is not None else None


def _trigger_below(p: _Parse, clause: int) -> int | None:
    """``clause`` when it names an event, else the first complement below it that does
    ("decided to open", "was the first country to recognise", "made an apology")."""
    tree = p.tree
    own = _own_trigger(p, clause)
    if own is not None:
        return own
    if all(tree.lemma[o] in _LIGHT_OBJECTS for o in tree.child(clause, "dobj")):
        # "The earliest visit … was in 1931", "a Friendship Agreement took effect", "a state of
        # war existed": the subject of a verb with no object names the event
        for c in sx.subjects(tree, clause):
            for n in [c] + [
                o
                for x in tree.child(c, "prep")
                if tree.lower[x] == "of"
                for o in tree.child(x, "pobj")
            ]:
                if tree.pos[n] in ("NOUN", "PROPN") and p.trigger(n):
                    return n
    frontier, seen = [clause], {clause}
    for _ in range(5):
        nxt = []
        for k in frontier:
            for c in tree.children[k]:
                if c in seen:
                    continue
                seen.add(c)
                dep = tree.dep[c]
                if dep == "advcl" and tree.child(c, "mark"):
                    continue  # "until the treaty was signed": another event's clause
                if dep == "prep" and (
                    tree.lower[c] in _FRONTED
                    or tree.lower[c] == "with"
                    or any(tree.lemma[o] in _CIRCUMSTANCE_NOUNS for o in tree.child(c, "pobj"))
                ):
                    # "ceased following the bombardment", "was admitted with Mexico's
                    # support", "against the backdrop of the war": circumstances, not
                    # complements
                    continue
                if dep in _COMPLEMENT_DEPS or (
                    dep in ("prep", "agent") and tree.dep[k] not in ("prep", "agent")
                ):
                    if dep != "prep" and p.trigger(c):
                        return c
                    nxt.append(c)
                elif dep == "pobj" and tree.dep[k] in ("prep", "agent"):
                    if p.trigger(c) and tree.pos[c] in ("NOUN", "PROPN"):
                        return c
                    nxt.append(c)
        frontier = nxt
    return None


def _refusal_above(p: _Parse, pred: int, trig: _Trigger) -> tuple[int, _Trigger]:
    """A refusal governing the predicate is the event: "refused to endorse" is 120."""
    tree = p.tree
    k = pred
    while tree.dep[k] in ("xcomp", "ccomp") and tree.head[k] != k:
        k = tree.head[k]
        t = p.trigger(k)
        if t is not None and t.kind == "refusal":
            return k, t
    return pred, trig


#: CAMEO 130, "Threaten, not specified below": what is threatened says which 13x it is.
_THREAT = "130"


def _threat(p: _Parse, pred: int, trig: _Trigger) -> tuple[int, _Trigger]:
    """A threat is the event, coded by what it threatens (CAMEO 1.1b3 root 13,
    data/reference/threat_codes.csv): "threatened to invade" is 138 at "threatened" — the
    invasion, an irrealis, did not happen — and "threatened Y with sanctions" is 1312."""
    tree = p.tree
    k = pred
    while tree.dep[k] == "xcomp" and tree.head[k] != k:  # the date sits on the threatened act
        k = tree.head[k]
        t = p.trigger(k)
        if t is not None:
            return (k, _as_threat(t, trig)) if t.code == _THREAT else (pred, trig)
    if trig.code != _THREAT or not sx.is_verbal(tree, pred):
        return pred, trig
    acts = [x for x in tree.child(pred, "xcomp") if p.trigger(x) is not None]
    acts += [
        o
        for o in tree.child(pred, "dobj")
        + [o for w, o in sx.prep_objects(tree, pred) if w == "with"]
        if tree.pos[o] == "NOUN" and p.trigger(o) is not None
    ]
    return (pred, _as_threat(trig, p.trigger(acts[0]))) if acts else (pred, trig)


def _as_threat(threat: _Trigger, act: _Trigger | None) -> _Trigger:
    found = threat_of(act.code) if act is not None else None
    if found is None:
        return threat
    code, label = found
    return replace(threat, code=code, label=label, reciprocal="", words=threat.words | act.words)


# --------------------------------------------------------------------------- what did not happen


def _no_event_reason(p: _Parse, pred: int, clause: int) -> tuple[str, int] | None:
    """Why the predicate states something that did not happen, and the word that says so
    (None when it happened)."""
    tree, mod = p.tree, modality()
    group = [pred]
    if not sx.is_verbal(tree, pred):
        head = tree.head[pred]
        # "the visit was cancelled", "no visit took place", "signed the planned agreement"
        k = pred
        while tree.dep[k] in ("pobj", "prep") and tree.head[k] != k:
            k = tree.head[k]
        if tree.dep[k] in ("dobj", "nsubj", "nsubjpass", "attr", "prep", "pobj"):
            head = tree.head[k]
            if head != k:
                group.append(head)
    k = group[-1]
    via_and: set[int] = set()  # members reached through "and": their negation is their own
    while tree.dep[k] in ("xcomp", "ccomp", "conj") and tree.head[k] != k:
        up = tree.head[k]
        if tree.dep[k] == "conj" and not sx.is_verbal(tree, up):
            break
        if tree.dep[k] == "conj" and sx.subjects(tree, k):  # a conjunct with its own subject
            break
        if tree.dep[k] == "conj" and not any(
            tree.lower[c] in ("or", "nor") for c in tree.child(up, "cc")
        ):
            via_and.add(up)
        k = up
        group.append(k)
    if clause not in group and clause in sx.ancestors(tree, pred):
        group.append(clause)
    for n, k in enumerate(group):
        words = tree.children[k]
        for c in words:
            low, dep = tree.lower[c], tree.dep[c]
            if (
                (dep == "neg" or c in p.neg_cues or (dep == "advmod" and mod.has("neg", low)))
                and (mod.has("neg", low) or dep == "neg" or c in p.neg_cues)
                # "did not recognise X and condemned Y": the condemnation happened
                and k not in via_and
            ):
                if c + 1 < len(tree) and tree.lower[c + 1] in ("until", "only", "just"):
                    continue  # "not until 1990", "not only"
                return f"{mod.reason('neg', low) or 'negated'}: {p.text(c, k)}", k
            if dep in ("aux", "auxpass") and mod.has("aux", tree.lemma[c] or low):
                word = tree.lemma[c] if mod.has("aux", tree.lemma[c]) else low
                if any(mod.has("past_future", tree.lower[x]) for x in words):
                    continue  # "would later visit": a past future
                return f"{mod.reason('aux', word)}: {p.text(c, k)}", k
            if dep == "mark" and mod.has("mark", low):
                return f"{mod.reason('mark', low)}: {p.text(c)}", k
            if dep in ("amod", "compound") and k == pred and mod.has("modifier", low):
                return f"{mod.reason('modifier', low)}: {p.text(c, k)}", k
        if n and mod.has("governor", tree.lemma[k]):
            return f"{mod.reason('governor', tree.lemma[k])}: {p.text(k, group[n - 1])}", k
        if n and _cancels(p, k):
            return f"{mod.reason('canceller', _cancel_word(p, k))}: {p.text(k)}", k
        for c in words:  # "no Albanian official attended", "no agreement was signed"
            if tree.dep[c] in ("nsubj", "nsubjpass", "dobj") or (c == k and n == 0):
                if c != k and tree.pos[c] in ("NOUN", "PRON") and mod.has("det", tree.lower[c]):
                    # the argument is the negative word itself: "none of the ministers"
                    return f"{mod.reason('det', tree.lower[c])}: {p.text(c, k)}", k
                for x in tree.children[c]:
                    # "neither A nor B opened …", "recognised neither A nor B": the
                    # correlative negates every conjunct, so the predicate
                    if tree.dep[x] in ("det", "preconj") and mod.has("det", tree.lower[x]):
                        return f"{mod.reason('det', tree.lower[x])}: {p.text(x, c)}", k
        if not sx.is_verbal(tree, k):
            for x in tree.children[k]:
                if tree.dep[x] == "det" and mod.has("det", tree.lower[x]):
                    return f"{mod.reason('det', tree.lower[x])}: {p.text(x, k)}", k
    # "planned to visit in 2014, but the trip was cancelled": a cancelling clause beside it
    top = group[-1]
    for c in tree.children[top]:
        if tree.dep[c] == "conj" and _cancels(p, c):
            return f"{mod.reason('canceller', _cancel_word(p, c))}: {p.text(c)}", c
    return None


def _cancel_word(p: _Parse, k: int) -> str:
    tree = p.tree
    lemma = tree.lemma[k]
    prt = [tree.lower[c] for c in tree.child(k, "prt")]
    return (
        f"{lemma} {prt[0]}" if prt and modality().has("canceller", f"{lemma} {prt[0]}") else lemma
    )


def _cancels(p: _Parse, k: int) -> bool:
    return modality().has("canceller", _cancel_word(p, k))


# --------------------------------------------------------------------------- who did it to whom


class _Found(list):
    """Actors found for one argument; ``joint`` when one phrase names both sides ("the two
    countries", "relations between A and B")."""

    joint: bool = False


def _participants(p: _Parse, pred: int, trig: _Trigger | None, day):
    """(sources, targets, reciprocal?) of a predicate: lists of actors, in text order."""
    tree = p.tree
    verbal = sx.is_verbal(tree, pred) or tree.pos[pred] == "VERB"
    words = trig.words if trig else frozenset()
    # "in the wake of the Greek war": a circumstance names no side of the event
    preps = [
        (w, o) for w, o in sx.prep_objects(tree, pred) if tree.lemma[o] not in _CIRCUMSTANCE_NOUNS
    ]
    objects = [
        c
        for c in tree.children[pred]
        if tree.dep[c] in ("dobj", "attr", "oprd")
        # a name the small parser hung as an adverb ("visited Luanda" read as advmod)
        or (tree.dep[c] in ("advmod", "npadvmod") and tree.pos[c] == "PROPN")
    ]
    # the pattern's own nouns are no actors, but their phrases may name them:
    # "established relations with B", "opened an embassy in Tirana", "sent aid to Cuba"
    for o in list(objects):
        m = p.mentions[p.ment[o]] if p.ment[o] >= 0 else None
        # "relations", and a bare office among the pattern's words ("recalled its ambassador
        # to Kenya"), name no actor: the phrases after them may
        weak = m is not None and (
            m.type == "pair_weak" or (o in words and m.candidates[0][0].code.startswith("~"))
        )
        named = m is not None and not weak
        if weak or (not named and o in words):
            objects.remove(o)
            preps += sx.prep_objects(tree, o)
            # "cancelled debts owed by several African states"
            preps += [
                ("by", x)
                for c in tree.child(o, "acl")
                for x in tree.child(c, "agent")
                for x in tree.child(x, "pobj")
            ]
            objects += [c for c in tree.children[o] if tree.dep[c] in ("poss",)]
        elif not named and tree.pos[o] == "NOUN" and p.trigger(o) is not None:
            # another event as the object ("condemned the Israeli invasion of Lebanon"): its
            # author is the other side, else the phrases after it
            owner = [
                c
                for c in tree.children[o]
                if tree.dep[c] in ("poss", "amod", "compound", "nmod") and p.ment[c] >= 0
            ]
            objects[objects.index(o) : objects.index(o) + 1] = owner
            preps += sx.prep_objects(tree, o)
    # a pattern's own noun inside a phrase names no actor, but its phrases may: "massed
    # troops along its border with Lebanon"
    preps += [x for w, o in list(preps) if o in words for x in sx.prep_objects(tree, o)]
    if trig is not None and (trig.kind == "refusal" or trig.code.startswith("13")):
        # "refused to endorse the PLO", "threatened to invade Y": the refused or threatened
        # act's object is the other side
        for x in tree.child(pred, "xcomp"):
            objects += tree.child(x, "dobj", "dative")
            preps += sx.prep_objects(tree, x)
    after = trig is not None and trig.actor1 == "after"
    recip = False
    # "met with approval from X": the prepositional phrases of a prepositional object
    inner = [x for _, o in preps for x in sx.prep_objects(tree, o)]
    if not verbal:
        return (*_noun_participants(p, pred, trig, preps, day), False)
    subj = _subject_of(p, pred)
    passive = sx.is_passive(tree, pred) and (trig is None or trig.passive != "active")
    agents = [o for w, o in preps if w == "by"] if sx.is_passive(tree, pred) else []
    if not agents and sx.is_passive(tree, pred) and trig is not None and trig.code[:2] == "01":
        # "it was announced from Ramallah / from the Palestinian side": who spoke
        agents = [o for w, o in preps if w == "from" and _actors(p, o, day)][:1]
    rest = [(w, o) for w, o in preps if o not in agents]
    if after and not passive:
        sources = _Found()
        for o in [o for w, o in rest + inner if w in _SOURCE_PREPS] + objects:
            sources = _actors(p, o, day)
            if sources:
                break
        targets = _actors(p, subj, day)
        return sources, targets, recip
    if passive:
        subjects = _actors(p, subj, day)
        if agents:
            if trig is not None and trig.reciprocal:
                return subjects, _actors(p, agents[0], day), True
            return _actors(p, agents[0], day), subjects, False
        known = [a for a in subjects if a[0] != "UNK"]
        if known and subj is not None and p.ment[subj] < 0 and tree.pos[subj] == "NOUN":
            # the subject is a thing its modifier owns ("Angolan oil shipments were
            # suspended"): the owner acted on the other side
            return known, [], False
        if known:
            return [], subjects, False
        # "Vyborg was transferred to Finland": the recipient, when the subject names no actor
        order = {w: n for n, w in enumerate(_TARGET_PREPS)}
        to = [o for w, o in sorted(rest, key=lambda x: order.get(x[0], 99)) if w in ("to", "with")]
        return [], _actors(p, to[0], day) if to else subjects, False
    sources = _actors(p, subj, day) if subj is not None else _Found()
    if agents and not sources:
        sources = _actors(p, agents[0], day)
    between = [o for w, o in rest if w == "between"]
    if subj is not None and tree.pos[subj] == "NOUN":
        between += [o for w, o in sx.prep_objects(tree, subj) if w == "between"]
    if between and not sources:
        # "fighting erupted between X and Y", "the dispute between X and Y escalated": the
        # subject names no side, the phrase both
        both = _actors(p, between[0], day)
        if len(both) >= 2:
            return both[:1], both[1:], recip
    targets = _first_target(p, objects, rest, sources, day)
    if not targets:
        # "sent troops to fight against X", "sent aid to help X": a purpose infinitive names
        # the other side when the verb's own phrases name none
        for c in tree.children[pred]:
            if tree.dep[c] == "advcl" and any(tree.lower[a] == "to" for a in tree.child(c, "aux")):
                targets = _first_target(
                    p, tree.child(c, "dobj", "dative"), sx.prep_objects(tree, c), sources, day
                )
                if targets:
                    break
    return sources, targets, recip


def _noun_participants(p: _Parse, pred: int, trig: _Trigger | None, preps, day):
    """Actors of an event named by a noun: its possessor or "by"/"of" phrase acts."""
    tree = p.tree
    after = trig is not None and trig.actor1 == "after"
    sources: list = _Found()
    for c in tree.children[pred]:
        if tree.dep[c] == "poss" or (
            tree.dep[c] in ("amod", "compound", "nmod")
            and p.ment[c] >= 0
            and c not in (trig.words if trig else ())
        ):
            sources = _actors(p, c, day)
            if sources:
                break
    rest = list(preps)
    struck = _passive_agent_of(p, pred)
    if struck is not None:
        # "Y was hit by sanctions from X": the noun is the agent of a passive verb that names
        # no event of its own; the noun's origin acts, and the verb's subject is acted on
        if not sources:
            for w, o in preps:
                if w in ("from", "by", "of"):
                    sources = _actors(p, o, day)
                    if sources:
                        break
        targets = _actors(p, struck, day, side=2, exclude={a[0][:3] for a in sources})
        if targets:
            return sources, targets
    if not sources:
        for w, o in preps:
            if w == "by" or (after and w in ("of", "from")):
                sources = _actors(p, o, day)
                rest.remove((w, o))
                break
    between = [o for w, o in rest if w == "between"]
    if between and not sources:
        both = _actors(p, between[0], day)
        if len(both) >= 2:
            return both[:1], both[1:]
    if not sources:
        # the subject of the verb whose object the noun is: "made an apology", "held talks",
        # "was among the guests"
        k, verb = pred, None
        while tree.head[k] != k:
            if sx.is_verbal(tree, tree.head[k]):
                verb = tree.head[k]
                break
            if tree.dep[k] not in ("pobj", "prep"):
                break
            k = tree.head[k]
        if (
            verb is not None
            and tree.dep[k] in ("dobj", "attr", "oprd", "prep", "pobj")
            # only a verb that names no event of its own lends its subject ("made an
            # apology"); "condemned the 2010 attack" does not make Nigeria the attacker
            and p.trigger(verb) is None
        ):
            subj = _subject_of(p, verb)
            if subj is not None:
                sources = _actors(p, subj, day)
            rest = rest + [(w, o) for w, o in sx.prep_objects(tree, verb) if o != k]
    targets = _first_target(p, [], rest, sources, day)
    return sources, targets


def _passive_agent_of(p: _Parse, noun: int) -> int | None:
    """The subject of the passive verb whose "by" agent is ``noun`` ("Y was hit by sanctions"),
    when that verb names no event itself; None otherwise."""
    tree = p.tree
    by = tree.head[noun]
    if tree.dep[noun] != "pobj" or tree.dep[by] != "agent" or tree.head[by] == by:
        return None
    verb = tree.head[by]
    if p.trigger(verb) is not None or not sx.is_passive(tree, verb):
        return None
    subj = [c for c in tree.children[verb] if tree.dep[c] == "nsubjpass"]
    return subj[0] if subj else None


def _first_target(p: _Parse, objects, preps, sources, day) -> _Found:
    """The first object or prepositional object that names an actor other than the source
    (objects first, then prepositions in the order of _TARGET_PREPS)."""
    mine = {a[0][:3] for a in sources}
    order = {w: n for n, w in enumerate(_TARGET_PREPS)}
    cands = [(None, o) for o in objects] + sorted(
        ((w, o) for w, o in preps if w in order), key=lambda x: order[x[0]]
    )
    for w, c in cands:
        found = _actors(p, c, day, side=2, exclude=mine)
        keep = [a for a in found if a[0][:3] not in mine or a[0] == "UNK"]
        if w in _LOCATIVE:  # "… in New York City": a place names no other side
            keep = [a for a in keep if a[0] != "UNK"]
        if keep:
            out = _Found(keep)
            out.joint = found.joint
            if len(keep) == 1 and len(keep[0][0]) == 3:
                # a more specific actor of the same country later on wins: "visited Gaza City
                # for a meeting with Palestinian Authority President Yasser Arafat"
                later = cands[cands.index((w, c)) + 1 :]
                later += [x for _, c2 in later for x in sx.prep_objects(p.tree, c2)]
                for w2, c2 in later:
                    if w2 in _LOCATIVE:
                        continue
                    for a in _actors(p, c2, day, side=2):
                        if a[0][:3] == keep[0][0] and len(a[0]) > 3:
                            out[0] = a
                            return out
            return out
    return _Found()


def _subject_of(p: _Parse, pred: int) -> int | None:
    """The subject of a predicate, read through control, coordination and relative clauses."""
    tree = p.tree
    k = pred
    for _ in range(6):
        subj = sx.subjects(tree, k)
        if subj:
            s = subj[0]
            # a relative pronoun ("the countries that voted") is read by _actor
            return s
        dep, head = tree.dep[k], tree.head[k]
        if head == k:
            return None
        if dep == "relcl" or (dep == "acl" and tree.tag[k] == "VBG"):
            return head  # "the first country to recognise", "countries voting for"
        if dep == "acl":
            return None  # "an agreement signed in 2005": the noun is the object
        if dep in ("xcomp", "conj", "advcl", "ccomp"):
            if dep == "ccomp" and not sx.is_verbal(tree, head):
                return None
            k = head
            continue
        if dep == "pcomp":  # "by boycotting the Olympics": the subject of the verb above
            k = sx.clause_of(tree, tree.head[head]) if tree.head[head] != head else head
            continue
        return None
    return None


def _actors(p: _Parse, tok: int | None, day, side: int = 1, exclude=frozenset()) -> _Found:
    """The actors a phrase names: its head and the phrases coordinated with it."""
    out = _Found()
    if tok is None:
        return out
    tree = p.tree
    seen_codes = set()
    for k in sx.conjuncts(tree, tok):
        found = _actor(p, k, day, side, exclude=exclude)
        if found is None:
            continue
        if isinstance(found, _Found):  # "the two countries": both
            out.joint = True
            items = list(found)
        else:
            items = [found]
        for a in items:
            # one actor per country: "Hamas leader and Palestinian Prime Minister X" is one
            key = a[0] if a[0] == "UNK" else a[0][:3]
            if key not in seen_codes:
                seen_codes.add(key)
                out.append(a)
    if len(out) > 1 and not out.joint:
        # a region beside states is no actor of its own ("the Latin America, the Caribbean
        # and the European Union Summit")
        named = [a for a in out if not _is_region(a[0])]
        if named:
            out[:] = named
    return out


def _opposed(tree: sx.Tree, k: int) -> bool:
    """Token ``k`` follows "anti-" ("anti-Ottoman", "anti-Israeli"): it names the side opposed."""
    return k >= 2 and tree.lower[k - 1] == "-" and tree.lower[k - 2] == "anti"


def _is_region(code: str) -> bool:
    """A CAMEO region code (AFR, EEU, LAM …): neither a country, an IGO nor UNK."""
    return code[:3] not in country_words() and not code.startswith(("IGO", "UNK"))


def _actor(p: _Parse, tok: int, day, side: int = 1, depth: int = 0, exclude=frozenset()):
    """The actor named by the phrase headed by ``tok`` (an actor, a _Found pair, or None)."""
    tree = p.tree
    if tok in p.date_words or tree.pos[tok] == "NUM":
        return None
    m = p.ment[tok]
    if m >= 0:
        if p.mentions[m].type == "region":
            # "West African migrants, most of them Ghanaians": a country beside a region wins
            for c in tree.child(tok, "appos"):
                for k in sx.subtree(tree, c):
                    if p.ment[k] >= 0 and p.mentions[p.ment[k]].type in ("country", "people"):
                        return _from_mention(p, p.mentions[p.ment[k]], day, side)
        return _from_mention(p, p.mentions[m], day, side)
    kind = anaphora().get(tree.lower[tok])
    if kind in ("country", "person") and tree.pos[tok] == "PRON":
        return _pronoun(p, tok, kind, day)
    if kind in ("title", "title_gov") and any(
        tree.lower[c] in ("the", "this", "that") for c in tree.child(tok, "det")
    ):
        return _title_anaphor(p, tok, kind, day)
    if tree.lower[tok] in _RELATIVE and tree.tag[tok].startswith("W") and depth < 2:
        # a relative pronoun stands for the noun its clause modifies (or, when the parser
        # missed the relative clause, for the nearest noun before it)
        for anc in sx.ancestors(tree, tok):
            if tree.dep[anc] == "relcl":
                head = tree.head[anc]
                if head in p.date_words or tree.pos[head] == "NUM":
                    # "opened a legation in Santiago in 1924, which was upgraded": the parser
                    # hung the clause on the date; the antecedent is the nearest object
                    head = next(
                        (
                            k
                            for k in range(head - 1, -1, -1)
                            if tree.dep[k] in ("dobj", "nsubj", "nsubjpass", "attr")
                        ),
                        head,
                    )
                return _actor(p, head, day, side, depth + 1)
        depth_brackets = 0
        for k in range(tok - 1, -1, -1):
            if tree.text[k] in ")]":
                depth_brackets += 1
            elif tree.text[k] in "([":
                depth_brackets -= 1
            elif depth_brackets == 0 and tree.pos[k] in ("NOUN", "PROPN"):
                return _actor(p, k, day, side, depth + 1)
    if tree.lemma[tok] in _GENERIC and depth < 2:
        # "X was one of the Arab League countries that …": the copula's subject, not the
        # noun's modifiers
        found = _copula_subject(p, tok, day, side, depth)
        if found is not None:
            return found
    # a name further down the phrase: "the Embassy of X", "a delegation headed by X"
    # (a region, "West African migrants", only when no country is named: "…, most of them
    # Ghanaians"; a country in ``exclude`` only when no other is)
    frontier, weak = [tok], None
    for _ in range(6):
        nxt = []
        for k in frontier:
            for c in tree.children[k]:
                dep = tree.dep[c]
                if dep == "prep" and tree.lower[c] in _NAME_PREPS:
                    nxt.append(c)
                elif dep == "acl":
                    nxt += [x for x in tree.children[c] if tree.dep[x] == "agent"]
                elif dep == "agent" or dep in _NAME_DEPS:
                    if p.ment[c] >= 0 and _opposed(tree, c):
                        continue  # "anti-Ottoman unrest": the Ottomans are opposed, not acting
                    if p.ment[c] >= 0:
                        m = p.mentions[p.ment[c]]
                        found = _from_mention(p, m, day, side)
                        if m.type == "region" or (
                            found and not isinstance(found, _Found) and found[0][:3] in exclude
                        ):
                            weak = weak or found
                            nxt.append(c)
                            continue
                        return found
                    low = tree.lower[c]
                    if tree.pos[c] == "PRON" and anaphora().get(low) in ("country", "person"):
                        found = _pronoun(p, c, anaphora()[low], day)
                        if found is not None:
                            return found
                    nxt.append(c)
        frontier = nxt
    if weak is not None:
        return weak
    if tree.pos[tok] == "PROPN":
        return _name_actor(p, tok, day)
    head = tree.head[tok]
    if tree.dep[tok] == "dobj" and depth < 2:
        # what a diplomatic act makes or sends is its subject's: "Norway opened a legation
        # …, which was upgraded" — the legation is Norway's
        t = p.trigger(head)
        if t is not None and t.pair_default:  # not for violence: an attacked ship is not ours
            subj = _subject_of(p, head)
            if subj is not None and subj != tok:
                return _actor(p, subj, day, side, depth + 1)
    return _copula_subject(p, tok, day, side, depth) if depth < 2 else None


def _copula_subject(p: _Parse, tok: int, day, side: int, depth: int):
    """ "X was the first country to …", "X was one of the countries that …": the actor of the
    copula's subject when ``tok`` is (in) its complement."""
    tree = p.tree
    k = tok
    for _ in range(3):
        dep, head = tree.dep[k], tree.head[k]
        if dep == "attr":
            subj = sx.subjects(tree, head)
            return _actor(p, subj[0], day, side, depth + 1) if subj else None
        if dep not in ("pobj", "prep") or head == k:
            return None
        k = head
    return None


def _name_actor(p: _Parse, tok: int, day):
    """A proper name the dictionaries lack: a country, an office-holder the article names, or
    ("UNK", name)."""
    tree = p.tree
    parts = [
        c
        for c in tree.children[tok]
        if tree.dep[c] in ("compound", "flat") and tree.pos[c] == "PROPN"
    ]
    lo = min([tok, *parts])
    name = p.text(lo, tok)
    code = _country_code(name)
    if code:
        code = era_code(code, day)
        return code, country_words()[code].name if code in country_words() else name
    persons = p.ctx.persons()
    found = persons.get(name) or persons.get(tree.text[tok])
    if found:
        return era_code(found, day), name
    return "UNK", name


def _country_code(name: str) -> str | None:
    """ISO alpha-3 code of a country name, or None. The one place the coder asks the country
    registry (relations_lib.countries.lookup_country), so that it can be swapped."""
    from ..countries import lookup_country
    from ..errors import UnknownCountryError

    if len(name) < 3 or not name[:1].isupper():
        return None
    if len(name) == 3 and not name.isupper():
        # no English country name has three letters: a three-letter name is an ISO code only
        # when written as one ("PAN"); "Pan-Arabism" split by the parser leaves "Pan"
        return None
    try:
        return lookup_country(name).alpha3
    except UnknownCountryError:
        return None


def _pronoun(p: _Parse, tok: int, kind: str, day):
    """The actor a pronoun refers to: the nearest fitting mention before it (a subject first)
    in its sentence, else the subject-like mention of the sentences before."""
    tree = p.tree
    before = [
        (n, m) for n, m in enumerate(p.mentions) if m.end <= tree.start[tok] and _fits(m, kind)
    ]
    if before:
        subjects = [
            (n, m)
            for n, m in before
            if any(tree.dep[i] in _SUBJECTISH for i in range(*tree.tokens_in(m.start, m.end)))
        ]
        pick = (subjects or before)[-1][1]
        return _from_mention(p, pick, day, 1)
    for m in _earlier_mentions(p, kind):
        return _from_mention(p, m, day, 1)
    return None


def _fits(m: Mention, kind: str) -> bool:
    t = m.type
    if kind == "person":
        return t in ("person", "role")
    return t in ("country", "people", "capital", "organisation", "igo", "adjective")


def _earlier_mentions(p: _Parse, kind: str, limit: int = 3):
    """Mentions of the sentences before, nearest sentence first; in each, non-prepositional
    ones first (a sentence's subject is the likeliest antecedent)."""
    ctx, s = p.ctx, p.s
    for n in range(s.index - 1, max(-1, s.index - 1 - limit), -1):
        prev = ctx.article.sentences[n]
        if prev.section != s.section:
            break
        found = [(m, prep) for m, prep in ctx.mentions_of(n) if _fits(m, kind)]
        for m, _ in sorted(found, key=lambda x: (x[1], x[0].i)):
            yield m


def _title_anaphor(p: _Parse, tok: int, kind: str, day):
    """ "the nation", "the country", "the regime": the article's country named last before."""
    ctx = p.ctx
    if not ctx.pair:
        return None
    suffix = "GOV" if kind == "title_gov" else ""
    tree = p.tree
    pair = {era_code(c, day): ctx.pair_names[c] for c in ctx.pair}

    def pick(mentions):
        for m in reversed(mentions):
            code = era_code(m.resolve(day)[0], day)[:3]
            if code in pair:
                return code + suffix, pair[code]
        return None

    found = pick([m for m in p.mentions if m.end <= tree.start[tok]])
    if found:
        return found
    s = p.s
    for n in range(s.index - 1, max(-1, s.index - 4), -1):
        found = pick([m for m, _ in ctx.mentions_of(n)])
        if found:
            return found
    return None


def _from_mention(p: _Parse, m: Mention, day, side: int):
    """(code, name) of a mention on one side of an event; a _Found pair for "the two
    countries"; None when no code can be given."""
    ctx = p.ctx
    code, name, kind = m.resolve(day)
    if kind in ("pair", "pair_weak"):
        suffix = code.removeprefix("{pair}")
        if len(ctx.pair) < 2:
            return None
        both = _Found(
            (era_code(c + suffix, day), _role_name(suffix, ctx.pair_names[c])) for c in ctx.pair
        )
        both.joint = True
        return both
    if kind == "capital" and side == 2:  # a capital that does not act is a place
        return era_code(code[:3], day), country_words()[code[:3]].name
    if code.startswith("~"):
        # a bare office: the person's country if the article names it elsewhere
        words = m.text.split()
        persons = ctx.persons()
        for n in range(len(words)):
            found = persons.get(" ".join(words[n:]))
            if found and n:
                return era_code(found, day), name
        return code, name
    return era_code(code, day), name


def _role_name(suffix: str, country: str) -> str:
    return _ROLE_NAMES.get(suffix, "{} " + suffix).format(country) if suffix else country


def _pairs(ctx: _Context, sources, targets, pair_default, day) -> list[tuple[Actor, Actor]]:
    """(actor1, actor2) of each event: one per coordinated actor; a joint subject with no
    object is the pair; empty sides filled by :func:`_defaults`."""
    joint_targets = getattr(targets, "joint", False)
    sources, targets = list(sources), list(targets)
    if len(sources) >= 2:
        # a joint subject acts together on a known other side, else on each other
        mine = {a[0][:3] for a in sources}
        targets = [t for t in targets if t[0] != "UNK" and t[0][:3] not in mine]
        if not targets:
            sources, targets = sources[:1], sources[1:2]
    elif len(targets) >= 2 and not sources and joint_targets:
        sources, targets = targets[:1], targets[1:2]
    elif (
        len(targets) >= 2
        and all(a[0] == "UNK" for a in sources)
        and {t[0][:3] for t in targets[:2]} == {era_code(c, day)[:3] for c in ctx.pair}
    ):
        # an unknown source ("X underlined the importance of relations with B for his
        # country") beside both title countries: filling the source from each target in turn
        # would code the act twice, once each way; the first named acts on the second
        sources, targets = targets[:1], targets[1:2]
    out = []
    for a1 in sources or [None]:
        for a2 in targets or [None]:
            if a1 and a2 and a1[0] == a2[0]:
                a2 = None
            x1, x2 = _defaults(ctx, a1, a2, pair_default, day)
            if x1 is None and x2 is None:
                continue
            if (x1, x2) not in out:
                out.append((x1, x2))
            if len(out) >= MAX_EVENTS_PER_DATE:
                return out
    return out


def _defaults(ctx: _Context, a1, a2, pair_default, day):
    """Fill a bare role's country and, for dyadic verbs, the missing member of the pair
    (``pair_default``: True for dyadic verbs, "other" for events no word names and
    ``_ONE_SIDE`` for violence — filled only when the named side is one of the article's
    countries). Codes follow the era (Russia's
    side in 1970 is SUN). An unknown name (UNK) gives way to the article's other country;
    where none can be given it stays."""
    pair = [era_code(c, day) for c in ctx.pair]
    names = dict(zip(pair, (ctx.pair_names[c] for c in ctx.pair), strict=True))

    def country(a):
        return a[0][:3] if a and not a[0].startswith(("~", "UNK")) else None

    def other_of(c):
        rest = [x for x in pair if x != c]
        return rest[0] if c in pair and rest else None

    for side in (0, 1):
        a = (a1, a2)[side]
        b = (a2, a1)[side]
        if a and a[0].startswith("~"):
            home = other_of(country(b))
            a = (home + a[0][1:], a[1]) if home else None  # the name stays as written
            a1, a2 = (a, a2) if side == 0 else (a1, a)
    unknown = [a1 if a1 and a1[0] == "UNK" else None, a2 if a2 and a2[0] == "UNK" else None]
    a1 = None if unknown[0] else a1
    a2 = None if unknown[1] else a2
    if not a1 and not a2 and not any(unknown) and len(pair) == 2:
        # nothing named at all: the article's pair, as the trivial reading would have it
        a1, a2 = (pair[0], names[pair[0]]), (pair[1], names[pair[1]])
    if pair_default:
        if (
            not a1
            and not a2
            and len(pair) == 2
            and not (pair_default == _ONE_SIDE and any(unknown))
        ):
            a1, a2 = (pair[0], names[pair[0]]), (pair[1], names[pair[1]])
        elif a1 and not a2 and other_of(country(a1)):
            c = other_of(country(a1))
            a2 = (c, names[c])
        elif a2 and not a1 and other_of(country(a2)):
            c = other_of(country(a2))
            a1 = (c, names[c])
    return a1 or unknown[0], a2 or unknown[1]


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
        _n=n,
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
        values = [r.get(col) for r in rows]  # "restates" is filled by with_restatements
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
    return with_restatements(pd.DataFrame(data))  # columns in EVENT_COLUMNS order


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
