"""Resolving a vote mention to a resolution named elsewhere in the article or to a key
resolution of the same date and subject (step 7 of the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as _date
from typing import TYPE_CHECKING, Any

from .mentions import _Ctx
from .subjects import _content_stems
from .symbols import _session_years, find_resolutions
from .vocabulary import key_resolution_list

if TYPE_CHECKING:
    from ...text.article import Article, Sentence

# --- resolutions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    resolution: str
    date: _date | None
    years: tuple[int, int] | None
    stems: frozenset[str]
    sentence_index: int
    paragraph: tuple[int, int] | None


def _same_at(precision: str | None, a: _date, b: Any) -> bool:
    if precision == "day":
        return (a.year, a.month, a.day) == (b.year, b.month, b.day)
    if precision == "month":
        return (a.year, a.month) == (b.year, b.month)
    if precision == "year":
        return a.year == b.year
    if precision == "decade":
        return a.year // 10 == b.year // 10
    return False


def _date_relation(cand: _Candidate, when: Any, precision: str | None) -> str:
    """ "match", "conflict" or "unknown" between a candidate resolution and a mention's date."""
    if when is None or precision is None:
        return "unknown"
    if cand.date is not None:
        return "match" if _same_at(precision, cand.date, when) else "conflict"
    if cand.years is not None:
        lo, hi = cand.years
        if precision == "decade":
            ok = lo // 10 <= when.year // 10 <= hi // 10
        else:
            ok = lo <= when.year <= hi
        return "unknown" if ok else "conflict"
    return "unknown"


def _best_by_subject(cands: list, stems: frozenset[str], key) -> Any | None:
    """The one candidate sharing the most content stems with ``stems`` (at least one)."""
    scored = [(len(stems & key(c)), c) for c in cands]
    scored = [(s, c) for s, c in scored if s > 0]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    top = [c for s, c in scored if s == best]
    return top[0] if len(top) == 1 else None


def _paragraph_of(article: Article, offset: int) -> tuple[int, int] | None:
    for sec in article.sections:
        for a, b in (*sec.paragraphs, *sec.items):
            if a <= offset < b:
                return (a, b)
    return None


def _article_candidates(article: Article, ctx: _Ctx) -> list[_Candidate]:
    keyed = {k.resolution: k for k in key_resolution_list()}
    out: dict[str, _Candidate] = {}
    for s in article.sentences:
        found = find_resolutions(s.text)
        for symbol, _, _ in found:
            if symbol in out:
                continue
            k = keyed.get(symbol)
            if k is not None:
                stems = _content_stems(k.subject, ctx.ignore_stems)
            else:  # the sentence naming it says what it is about
                words = s.text
                for _, a, b in reversed(found):
                    words = words[:a] + " " + words[b:]
                stems = _content_stems(words, ctx.ignore_stems)
            out[symbol] = _Candidate(
                symbol,
                k.date if k else None,
                None if k else _session_years(symbol),
                stems,
                s.index,
                _paragraph_of(article, s.start),
            )
    return list(out.values())


def _link_in_article(
    row: dict, sentence: Sentence, cands: list[_Candidate], article: Article
) -> str | None:
    when, precision = row["_when"], row["precision"]
    stems: frozenset[str] = row["_stems"]
    scored = []
    for c in cands:
        relation = _date_relation(c, when, precision)
        if relation == "conflict":
            continue
        strong_date = relation == "match" and precision == "day"
        shared = len(stems & c.stems)
        if strong_date or shared:
            scored.append(((strong_date, shared), c))
    if not scored and when is None and not stems:
        # "Albania abstained." right after a sentence naming the resolution
        paragraph = _paragraph_of(article, sentence.start)
        near = [c for c in cands if c.paragraph == paragraph and c.sentence_index < sentence.index]
        return near[0].resolution if len(near) == 1 else None
    if not scored:
        return None
    best = max(score for score, _ in scored)
    top = [c for score, c in scored if score == best]
    return top[0].resolution if len(top) == 1 else None


def _link_by_date(row: dict) -> str | None:
    when, precision = row["_when"], row["precision"]
    if when is None or precision not in ("day", "month", "year"):
        return None
    same = [k for k in key_resolution_list() if _same_at(precision, k.date, when)]
    if not same:
        return None
    stems: frozenset[str] = row["_stems"]
    ignore = row["_ignore"]
    # the subject must match, whatever the precision: the Assembly holds many roll calls a day
    best = _best_by_subject(same, stems, lambda k: _content_stems(k.subject, ignore))
    return best.resolution if best else None
