"""Finding the vote mentions of one sentence: vote phrases, their voters, what was voted on
and the counts stated (steps 1–5 of the package docstring)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ...countries import Country, resolve
from ...errors import UnknownCountryError
from ...vocab import VOTE_LEVELS
from .grammar import (
    _ADV_WORDS,
    _BOUNDARY_BEFORE,
    _DATE_PREPOSITION,
    _DETERMINER_BEFORE,
    _NEGATION_BEFORE,
    _SIMPLE_OBJECT,
    _TRAILING,
    _VENUE,
    _Grammar,
    _number,
)
from .vocabulary import _ABSENT

if TYPE_CHECKING:
    from ...text.article import Article, Sentence
    from ...text.dates import DatePhrase

_WINDOW = 240  # characters before a vote phrase searched for its voter


# --- dates --------------------------------------------------------------------------------------


def _sentence_dates(sentence: Sentence) -> list[DatePhrase]:
    """Date phrases of a sentence, offsets into the sentence (``dates.find_dates``)."""
    from ...text.dates import find_dates

    return find_dates(sentence.text)


# --- one sentence ---------------------------------------------------------------------------


@dataclass
class _Mention:
    """One vote phrase of a sentence and what is read around it (offsets in the sentence)."""

    verb_start: int
    verb_end: int
    vote: str  # yes / abstain / no / "absent"
    voters: list[Country] = field(default_factory=list)
    voter_start: int | None = None  # where the voter (or the count before the verb) starts
    count: int | None = None
    count_of: str | None = None  # "vote" (voters of this mention's option) or "members"
    subject: tuple[int, int] | None = None
    clause_end: int = 0  # where the next mention's clause starts


@dataclass(frozen=True)
class _Ctx:
    countries: tuple[Country, ...]
    ignore_stems: frozenset[str]


def _resolve_name(text: str, g: _Grammar) -> Country | None:
    name = re.sub(r"\s+", " ", text).strip()
    bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    if not bare or not bare[0].isupper():
        return None
    letters = re.sub(r"[^A-Za-z]", "", bare)
    if len(letters) <= 3 and not letters.isupper():
        return None  # "In", "It", "To" would be India, Italy, Tonga as ISO codes
    if " " not in bare and bare.lower() in g.not_country:
        return None
    for candidate in dict.fromkeys([bare, bare.rstrip(".")]):  # "… and Germany."
        country = _lookup(candidate)
        if country is not None:
            return country
    return None


@lru_cache(maxsize=2048)
def _lookup(name: str) -> Country | None:
    """A country by name as the registry knows it exactly ("UK", "America", "Soviet Union";
    no fuzzy matching: "In March Albania" is not a name), with ``name`` as written; None for
    a miss or a name several states bore ("Congo")."""
    try:
        country = resolve(name, fuzzy=False)
    except UnknownCountryError:
        return None
    return replace(country, name=name) if country.alpha3 else None


def _resolve_and(piece: str, g: _Grammar) -> list[Country] | None:
    """Names joined by "and", read with as few names as possible: "Trinidad and Tobago and
    Norway" → Trinidad and Tobago, Norway (not Trinidad, Tobago, Norway)."""
    parts = re.split(r"\s+and\s+", piece)
    best: list[list[Country] | None] = [[]] + [None] * len(parts)  # best[i]: parts[:i]
    for i in range(1, len(parts) + 1):
        for j in range(i):
            if best[j] is None:
                continue
            country = _resolve_name(" and ".join(parts[j:i]), g)
            if country is not None and (best[i] is None or len(best[j]) + 1 < len(best[i])):
                best[i] = [*best[j], country]
    return best[-1]


def _resolve_list(text: str, g: _Grammar) -> list[Country] | None:
    """The countries of a list "A, B and C"; ``None`` unless every name is a country.

    The first name may carry leading capitalised words that are not part of it ("In March
    Albania"): they are dropped one by one.
    """
    pieces = [re.sub(r"^and\s+", "", p.strip()) for p in re.split(r"\s*,\s*", text)]
    out: list[Country] = []
    for i, piece in enumerate(pieces):
        found = _resolve_and(piece, g)
        if found is None and i == 0:
            words = piece.split()
            for k in range(1, len(words)):
                found = _resolve_and(" ".join(words[k:]), g)
                if found is not None:
                    break
        if found is None:
            return None
        out.extend(found)
    seen: set[str | None] = set()
    unique = []
    for country in out:  # "Trinidad and Tobago" may also come as "Trinidad", "Tobago"
        if country.alpha3 not in seen:
            seen.add(country.alpha3)
            unique.append(country)
    return unique


@lru_cache(maxsize=1)
def _country_words() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """From the country registry's words (data/reference/country_words.csv): name → alpha-3,
    adjective → alpha-3 (adjectives shared by two countries left out), alpha-3 → name."""
    from ...countries import country_words

    names: dict[str, str] = {}
    adjectives: dict[str, str | None] = {}
    display: dict[str, str] = {}
    for code, cw in country_words().items():
        display[code] = cw.name
        for n in cw.names:
            names.setdefault(n.casefold(), code)
        for adj in cw.adjectives:
            key = adj.casefold()
            adjectives[key] = code if adjectives.get(key, code) == code else None
    return names, {k: v for k, v in adjectives.items() if v}, display


def _adjective_country(adj: str, ctx: _Ctx) -> Country | None:
    """The country an adjective names: "Norwegian" → Norway (the article's own spelling of
    the name when it is one of the article's two countries)."""
    _, adjectives, display = _country_words()
    code = adjectives.get(adj.casefold())
    if code is None:
        return None
    for country in ctx.countries:
        if country.alpha3 == code:
            return country
    return replace(resolve(code, scheme="cameo"), name=display[code])


def _voters_from(m: re.Match, ctx: _Ctx, g: _Grammar) -> list[Country] | None:
    groups = m.groupdict()
    if groups.get("collective"):
        return [c for c in ctx.countries if c.alpha3] or None
    if groups.get("adj"):
        found = _adjective_country(groups["adj"], ctx)
        return [found] if found else None
    if groups.get("voters"):
        return _resolve_list(groups["voters"], g)
    return None


def _starts(text: str) -> list[int]:
    """Offsets where a voter phrase could begin: a word start (capitalised or a number)."""
    return [m.start() for m in re.finditer(r"(?<![\w'’])\w", text)]


def _match_left(
    pattern: re.Pattern, text: str, lo: int, hi: int, ctx: _Ctx, g: _Grammar, need_voters: bool
) -> tuple[re.Match, list[Country] | None] | None:
    """Leftmost match of ``pattern`` in ``text[lo:hi]`` ending exactly at ``hi`` and starting at
    a clause boundary (so "voted for Palestine and Israel abstained" reads Israel alone)."""
    lo = max(lo, hi - _WINDOW)  # a voter phrase is short; this bounds the work per verb
    for pos in _starts(text[lo:hi]):
        pos += lo
        if not _BOUNDARY_BEFORE.search(text, max(0, pos - 40), pos):
            continue
        m = pattern.match(text, pos, hi)
        if not m:
            continue
        if not need_voters:
            return m, None
        voters = _voters_from(m, ctx, g)
        if voters:
            return m, voters
    return None


def _find_verbs(text: str, g: _Grammar) -> list[_Mention]:
    found: list[_Mention] = []
    for m in g.verbs.finditer(text):
        vote = g.verb_votes[int(m.lastgroup[1:])]
        word = m.group(0).lower()
        before = text[max(0, m.start() - _WINDOW) : m.start()]
        if vote != _ABSENT and _NEGATION_BEFORE.search(before):
            continue
        # "the voting for …", "a vote against …", "138 votes in favour" are nouns, unless a
        # possessive names the voter ("Albania's vote against …")
        noun = word.startswith("vot") and not word.startswith("voted")
        if (
            noun
            and _DETERMINER_BEFORE.search(before)
            and (word.startswith("voting") or not g.possessive.search(before))
        ):
            continue
        found.append(_Mention(m.start(), m.end(), vote))
    if g.nominal is not None:
        for m in g.nominal.finditer(text):
            if g.possessive.search(text, max(0, m.start() - _WINDOW), m.start()):
                vote = g.nominal_votes[int(m.lastgroup[1:])]
                found.append(_Mention(m.start(), m.end(), vote))
    found.sort(key=lambda x: x.verb_start)
    return found


def _find_voters(mentions: list[_Mention], text: str, ctx: _Ctx, g: _Grammar) -> None:
    prev_end = 0
    prev: _Mention | None = None
    for mn in mentions:
        lo, hi = prev_end, mn.verb_start
        word = text[mn.verb_start : mn.verb_end].lower()
        done = False
        possessive = g.possessive.search(text, max(0, hi - _WINDOW), hi)
        if not (word.startswith(("vote", "abstention")) and possessive):
            hit = _match_left(g.relative, text, lo, hi, ctx, g, True)
            if hit:
                m, voters = hit
                mn.voters, mn.voter_start = voters, m.start()
                if m.group("count"):
                    mn.count = _number(m.group("count"))
                    mn.count_of = "vote"
                done = True
            if not done:
                hit = _match_left(g.including, text, lo, hi, ctx, g, True)
                if hit:
                    m, voters = hit
                    mn.voters, mn.voter_start = voters, m.start()
                    if m.group("count"):
                        mn.count, mn.count_of = _number(m.group("count")), "vote"
                    done = True
            if not done:
                hit = _match_left(g.direct, text, lo, hi, ctx, g, True)
                if hit:
                    m, voters = hit
                    mn.voters, mn.voter_start = voters, m.start()
                    if m.group("others"):
                        mn.count, mn.count_of = _number(m.group("others")) + 1, "vote"
                    elif m.group("acount"):  # "X, one of the 193 member states, voted …"
                        mn.count = _number(m.group("acount"))
                        members = g.member_noun.search(m.group("anoun"))
                        mn.count_of = "members" if members else "vote"
                    done = True
        else:
            m = possessive
            voters = _resolve_list(m.group("voters"), g) if m else None
            if m and voters:
                mn.voters, mn.voter_start, done = voters, m.start(), True
        if not done:
            hit = _match_left(g.count_subject, text, lo, hi, ctx, g, False)
            if hit:
                m, _ = hit
                mn.count, mn.count_of = _number(m.group("count")), "vote"
                mn.voter_start = m.start()
                done = True  # voters, if any, follow the verb ("…, including X")
        between = text[max(lo, hi - _WINDOW) : hi]
        if not done and prev is not None and prev.voters and _is_ellipsis(between):
            mn.voters, mn.voter_start = list(prev.voters), None
        prev_end = mn.verb_end
        prev = mn


_ELLIPSIS = re.compile(
    r"^[^;]*?\b(?:and|but|yet|while|whereas|then)\b(?P<rest>[^;]*)\Z", re.IGNORECASE
)
_ELLIPSIS_REST = re.compile(
    rf"^(?:\s|,|\b(?:in|on|at|during|by|the|{_ADV_WORDS})\b|\d{{1,4}}|"
    rf"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    rf"December)\b)*\Z"
)


def _is_ellipsis(between: str) -> bool:
    """ "… abstained in 2012 but " → True: the next verb has no subject of its own."""
    m = _ELLIPSIS.match(between)
    return bool(m and _ELLIPSIS_REST.match(m.group("rest")))


_TRAILING_CONJ = re.compile(r"(?:^|[\s,]+)(?:and|but|or|while|whereas|then)[\s,]*\Z", re.I)
_LEADING_DATE_GAP = re.compile(r"[\s,]*(?:(?:in|on|at|during)\s+)?", re.IGNORECASE)


def _take_count(mn: _Mention, m: re.Match) -> None:
    """Record the count of an ``after_count`` match unless the mention has one already."""
    if mn.count is not None:
        return
    if m.group("others"):
        mn.count, mn.count_of = _number(m.group("others")) + 1, "vote"
    elif m.group("count"):
        mn.count, mn.count_of = _number(m.group("count")), "vote"


def _subjects(mentions: list[_Mention], text: str, dates: list[DatePhrase], g: _Grammar) -> None:
    """Set each mention's clause end and subject span (what was voted on)."""
    for i, mn in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        bound = len(text)
        if nxt is not None:
            bound = nxt.voter_start if nxt.voter_start is not None else nxt.verb_start
            bound = max(bound, mn.verb_end)
        mn.clause_end = bound
        start = mn.verb_end
        count = g.after_count.match(text, start, bound)  # ", along with 40 other states,"
        if count:
            _take_count(mn, count)
            start = count.end()
        moved = True
        while moved:  # skip "in 2012", "in the vote on", "on" in whatever order they come
            moved = False
            for d in dates:
                if d.start >= start and _LEADING_DATE_GAP.fullmatch(text, start, d.start):
                    start, moved = d.end, True
                    break
            intro = g.introducer.match(text, start, bound)
            venue = _VENUE.match(text, start, bound)
            simple = _SIMPLE_OBJECT.match(text, start, bound)
            if intro:
                start, moved = intro.end(), True
            elif venue:
                start, moved = venue.end(), True
            elif simple and (mn.vote in ("abstain", _ABSENT) or simple.group(1).lower() != "to"):
                start, moved = simple.end(), True
        cut = g.cut.search(text, start, bound)
        end = cut.start() if cut else bound
        if start > mn.verb_end and text[start:end].lstrip().startswith(","):
            end = start  # "which abstained in the 2012 vote, later …": nothing more was said
        if text[mn.verb_start : mn.verb_end].lower().split()[0].endswith("ing"):
            comma = text.find(",", start, end)  # "With X abstaining, the resolution passed"
            end = comma if comma >= 0 else end
        while True:  # a trailing date says when the vote was, not what it was about
            end = start + len(_TRAILING.sub("", text[start:end]))
            tail = [d for d in dates if start <= d.start < end <= d.end]
            if not tail:
                break
            end = start + len(_DATE_PREPOSITION.sub("", text[start : tail[-1].start]))
        head = text[start:end]
        while _TRAILING_CONJ.search(head):  # "With X voting in favour and Y abstaining"
            head = _TRAILING_CONJ.sub("", head)
        end = start + len(head)
        lead = len(head) - len(head.lstrip(" ,"))
        if head.strip(" ,"):
            mn.subject = (start + lead, end)


def _counts_after(mn: _Mention, text: str, g: _Grammar) -> None:
    """ ", one of 41 countries to do so", "as did 40 other states" later in the clause."""
    if mn.count is None:
        m = g.after_count.search(text, mn.verb_end, mn.clause_end)
        if m:
            _take_count(mn, m)


def _tally(text: str, g: _Grammar) -> dict[str, int]:
    """Counts per option a sentence states: "by a vote of 138 to 9 with 41 abstentions" →
    ``{"yes": 138, "no": 9, "abstain": 41}``; "with 41 abstentions" → ``{"abstain": 41}``."""
    tally: dict[str, int] = {}
    for pattern in g.tallies:
        for m in pattern.finditer(text):
            for option in VOTE_LEVELS:
                value = m.groupdict().get(option) or m.groupdict().get(f"{option}2")
                if value and option not in tally:
                    tally[option] = _number(value)
    for m in g.count_item.finditer(text):
        vote = next(
            g.vote_noun_votes[int(k[1:])]
            for k, val in m.groupdict().items()
            if k.startswith("n") and val is not None
        )
        if vote in VOTE_LEVELS and vote not in tally:
            tally[vote] = _number(m.group("count"))
    return tally


def _sentence_mentions(
    sentence: Sentence, dates: list[DatePhrase], ctx: _Ctx, g: _Grammar
) -> list[_Mention]:
    text = sentence.text
    mentions = _find_verbs(text, g)
    for m in g.noun_member.finditer(text):  # "X was one of the 41 abstentions"
        vote = next(
            g.vote_noun_votes[int(k[1:])]
            for k, val in m.groupdict().items()
            if k.startswith("n") and k[1:].isdigit() and val is not None
        )
        hit = _match_left(g.member_voters, text, 0, m.start(), ctx, g, True)
        if hit and not any(m.start() <= x.verb_start < m.end() for x in mentions):
            who, voters = hit
            mn = _Mention(m.start("noun"), m.end("noun"), vote, voters or [], who.start())
            if m.group("count"):
                mn.count, mn.count_of = _number(m.group("count")), "vote"
            mentions.append(mn)
    if not mentions:
        return []
    mentions.sort(key=lambda x: x.verb_start)
    # drop verbs swallowed by an earlier verb's "in the vote on …"
    kept: list[_Mention] = []
    for mn in mentions:
        if kept:
            intro = g.introducer.match(text, kept[-1].verb_end)
            if intro and mn.verb_start < intro.end():
                continue
        kept.append(mn)
    mentions = kept
    _find_voters(mentions, text, ctx, g)
    _subjects(mentions, text, dates, g)
    for mn in mentions:
        if not mn.voters and mn.count is not None:
            # "41 countries abstained in the vote, including Albania"
            after = g.including_after.search(text, mn.verb_end, mn.clause_end)
            if after is not None:
                voters = _resolve_list(after.group("voters"), g)
                if voters:
                    mn.voters = voters
        _counts_after(mn, text, g)
    return mentions


def _has_context(article: Article, sentence: Sentence, g: _Grammar) -> bool:
    if g.context.search(sentence.text) or g.context.search(sentence.section):
        return True
    i = sentence.index - 1
    if i >= 0:
        previous = article.sentences[i]
        if previous.section_index == sentence.section_index and g.context.search(previous.text):
            return True
    return False
