"""The grammar of vote sentences, compiled once from the vocabulary: numbers in words and
digits, names and lists of names, and the phrase regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .vocabulary import _vocab

# --- numbers --------------------------------------------------------------------------------

_UNITS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_DIGIT_WORD = "|".join(_UNITS[1:10][::-1])
_WORD_NUM = (
    rf"(?:(?:one|a)\s+hundred(?:\s+and)?\s+)?(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{_DIGIT_WORD}))?"
    rf"|{_UNIT_RE})|(?:one|a)\s+hundred"
)
NUM = rf"(?:\d{{1,3}}|(?i:{_WORD_NUM}))(?![\w/])"


def _number(text: str) -> int:
    """``"119"`` → 119, ``"forty-one"`` → 41, ``"one hundred and nineteen"`` → 119."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    total = 0
    for word in re.split(r"[-\s]+", text):
        if word in ("and", ""):
            continue
        if word in ("hundred",):
            total = max(total, 1) * 100
        elif word == "a":
            total += 1
        elif word in _TENS:
            total += 20 + 10 * _TENS.index(word)
        else:
            total += _UNITS.index(word)
    return total


# --- the grammar, compiled once from the vocabulary -------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
_CAP = rf"[{_UPPER}][\w'’.\-]*"
# A proper-name phrase: capitalised words joined by lower-case particles ("Bosnia and
# Herzegovina", "Côte d'Ivoire", "the United States").
# "and" is left to the list (names containing it, "Bosnia and Herzegovina", are put together
# again by _resolve_and), so that a list has one reading and a failed match stays cheap.
_NP = rf"(?:[Tt]he\s+)?{_CAP}(?:\s+(?:(?:of|the|da|de|do|del|la|du|d['’])\s*)*{_CAP})*"
_LIST = rf"{_NP}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NP})*"
_ADV_WORDS = (
    r"also|then|again|too|later|subsequently|eventually|ultimately|instead|consistently|"
    r"nevertheless|however|likewise|similarly|once\s+again|in\s+turn|has|have|had|would|will|"
    r"did|does|do|could|chose\s+to|decided\s+to|opted\s+to|preferred\s+to|all|both|itself|"
    r"[a-z]+ly"
)
_ADVS = (
    r"(?:\s*,\s*(?:however|too|also|instead|though|nevertheless|in\s+turn|for\s+its\s+part|"
    r"for\s+their\s+part|in\s+contrast|by\s+contrast)\s*,)?"
    rf"(?:\s*,?\s+(?:in|on|during)\s+(?:[{_UPPER}][a-z]+\s+)?(?:\d{{1,2}}\s+)?"
    rf"(?:[{_UPPER}][a-z]+\s+)?\d{{4}}\s*,?)?"
    rf"(?:\s+(?:{_ADV_WORDS}))*\s*"
)
# a word between a number and the noun it counts ("119 UN-member countries"), never a number
# or a conjunction (so "while 35 countries" is not read as a count-less noun phrase)
_MODIFIER = r"(?!(?:while|whereas|and|but|or|including|with)\b|\d)[\w'’\-]+"
_INCLUDING = r"(?:including|among\s+them|among\s+which|amongst\s+them|such\s+as|notably)"
_COPULA = (
    r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|became|remains?|remained)"
    r"(?:\s+(?:also|again|once\s+again))?"
)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|this|these|those|whose|each|every|his|her|our|any|"
    r"no|first|second|final)\s+(?:[\w'’\-]+\s+){0,2}|['’]s\s+(?:\d{4}\s+)?|\b\d{1,3}\s+)\Z",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|n['’]t|no\s+longer|refused\s+to|declined\s+to|did\s+not|rather\s+than)"
    r"(?:\s+\w+)?\s*\Z",
    re.IGNORECASE,
)
_BOUNDARY_BEFORE = re.compile(
    r"(?:^|[,;:(\[—–]|\b(?:and|but|while|whereas|then|with|that|which|when|as|where|so|yet|"
    r"since|after|although|though|because|whom|\d{4}))\s*\Z",
    re.IGNORECASE,
)
_SIMPLE_OBJECT = re.compile(
    r"[\s,]*(on|over|regarding|concerning|from|to)\s+",
    re.IGNORECASE,
)
# where the vote took place, before what it was about: "abstained at the United Nations on …"
_VENUE = re.compile(
    r"[\s,]*(?:at|in)\s+(?:the\s+)?(?:UN|U\.N\.|United\s+Nations|UNGA|General\s+Assembly)"
    r"(?:\s+General\s+Assembly)?(?=[\s,.;]|\Z)"
)
_OUT_OF = re.compile(
    rf"\bout\s+of\s+(?:the\s+|a\s+total\s+of\s+)?(?P<n>{NUM})|"
    rf"(?<!one )\bof\s+(?:the|all)\s+(?P<m>{NUM})\s+(?:UN\s+|U\.N\.\s+|United\s+Nations\s+)?"
    rf"(?:member\s+(?:states|countries|nations)|members)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s.,;:!?]+\Z")
_DATE_PREPOSITION = re.compile(
    r"(?:,?\s+(?:on|in|at|during|of|from|since|by|around|about))?\s*\Z", re.IGNORECASE
)


@dataclass(frozen=True)
class _Grammar:
    verbs: re.Pattern
    verb_votes: tuple[str, ...]
    nominal: re.Pattern | None
    nominal_votes: tuple[str, ...]
    vote_noun_votes: tuple[str, ...]  # the vote of each ``n<i>`` group below
    relative: re.Pattern  # "X was one of the N countries that "
    including: re.Pattern  # "N countries, including X, "
    direct: re.Pattern  # "X ", "X, along with N other states, "
    possessive: re.Pattern  # "X's "
    count_subject: re.Pattern  # "N countries "
    including_after: re.Pattern  # ", including X"
    noun_member: re.Pattern  # "one of the 41 abstentions" …
    member_voters: re.Pattern  # … after "X was "
    after_count: re.Pattern  # ", along with N other …", ", one of N countries …"
    introducer: re.Pattern  # "in the vote on "
    cut: re.Pattern
    tallies: tuple[re.Pattern, ...]
    count_item: re.Pattern  # "41 abstentions"
    context: re.Pattern
    exclude: re.Pattern | None
    member_noun: re.Pattern
    not_country: frozenset[str]


def _alternation(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _case_aware(patterns: tuple[str, ...]) -> str:
    """Whole words; acronyms (no lower-case letter) match case-sensitively, other terms in
    any case: "UN" never matches "un" or the start of "UNICEF"."""
    parts = []
    for p in patterns:
        letters = re.sub(r"\\.|\(\?[:=!]|[^A-Za-z]", "", p)
        parts.append(f"(?:{p})" if letters and letters.isupper() else f"(?i:{p})")
    return rf"(?<!\w)(?:{'|'.join(parts)})(?![A-Za-z])"


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    v = _vocab()
    t = v.terms
    count_noun = _alternation(t["count_noun"])
    agent = _alternation(t["agent_noun"]) if t["agent_noun"] else r"(?!x)x"
    collective = f"(?i:{_alternation(t['collective'])})" if t["collective"] else r"(?!x)x"
    noun_phrase = (
        rf"(?:(?P<count>{NUM})\s+)?(?P<np>(?:{_MODIFIER}\s+){{0,3}}?)(?P<noun>{count_noun}|those)"
        r"(?P<paren>\s*\([^()]{0,60}\))?"
    )
    voters = (
        rf"(?:(?P<collective>{collective})|(?:[Tt]he\s+)?(?P<adj>[{_UPPER}][a-z]+)\s+(?:{agent})"
        rf"|(?P<voters>{_LIST})(?:['’]s\s+(?:{agent}))?)"
    )
    flags = re.IGNORECASE
    # the word-start test is shared by all alternatives, so it is written once, outside them:
    # the regex engine then rejects a position inside a word after one test instead of one per
    # pattern (5x faster on sentences; the matches are the same)
    verbs = re.compile(
        "(?<![\\w'’])(?:"
        + "|".join(f"(?P<v{i}>{p})(?![\\w'’])" for i, (p, _) in enumerate(v.verbs))
        + ")",
        flags,
    )
    nominal = (
        re.compile(
            "(?<![\\w'’])(?:"
            + "|".join(f"(?P<v{i}>{p})(?![\\w'’])" for i, (p, _) in enumerate(v.nominals))
            + ")",
            flags,
        )
        if v.nominals
        else None
    )
    vote_noun = "|".join(f"(?P<n{i}>{p})" for i, (p, _) in enumerate(v.vote_nouns))
    tally_no = r"(?:abstentions?|abstaining|abstained)"
    tallies = (
        re.compile(
            rf"\bby\s+(?:a\s+)?(?:recorded\s+)?(?:vote|margin|tally)\s+of\s+(?P<yes>{NUM})"
            rf"(?:\s+(?:votes\s+)?(?:in\s+favou?r|for))?\s*(?:to|against|[–-])\s*(?P<no>{NUM})"
            rf"(?:\s+against)?(?:\s*,?\s*(?:with|and)\s+(?P<abstain>{NUM})\s+{tally_no})?",
            flags,
        ),
        re.compile(
            rf"\bby\s+(?P<yes>{NUM})\s+votes?\s+(?:to|against)\s+(?P<no>{NUM})"
            rf"(?:\s*,?\s*(?:with|and)\s+(?P<abstain>{NUM})\s+{tally_no})?",
            flags,
        ),
        re.compile(
            r"\((?P<yes>\d{1,3})\s*[–-]\s*(?P<no>\d{1,3})\s*[–-]\s*(?P<abstain>\d{1,3})\)"
            r"|(?<![\w/–-])(?P<yes2>\d{1,3})\s*[–-]\s*(?P<no2>\d{1,3})\s*[–-]\s*"
            r"(?P<abstain2>\d{1,3})(?![\w/–-])"
        ),
    )
    exclude = _case_aware(t["exclude"]) if t["exclude"] else None
    event = _alternation(t["event_noun"])
    return _Grammar(
        verbs=verbs,
        verb_votes=tuple(vote for _, vote in v.verbs),
        nominal=nominal,
        nominal_votes=tuple(vote for _, vote in v.nominals),
        vote_noun_votes=tuple(vote for _, vote in v.vote_nouns),
        relative=re.compile(
            rf"{voters}(?:\s+{_COPULA}|\s*,)\s+(?:(?:one|part)\s+of|among|amongst)\s+"
            rf"(?:(?:the|only|just|a\s+group\s+of|a\s+minority\s+of|a\s+handful\s+of)\s+)*"
            rf"{noun_phrase}\s*,?\s+(?:that|which|who|to)(?:\s*,[^,]{{0,60}},)?"
            rf"(?:\s+(?:had|have|has|also|all|eventually|ultimately|finally|then))*\s*\Z",
        ),
        including=re.compile(rf"{noun_phrase}\s*,?\s+{_INCLUDING}\s+{voters}\s*,?{_ADVS}\Z"),
        direct=re.compile(
            rf"{voters}(?:\s*,?\s+(?:together|along)\s+with\s+(?P<others>{NUM})\s+other\s+"
            rf"(?:[\w'’\-]+\s+){{0,2}}?(?:{count_noun})(?:\s*\([^()]{{0,60}}\))?\s*,"
            rf"|\s*,\s+(?:one\s+of|among)\s+(?:the\s+)?(?P<acount>{NUM})\s+"
            rf"(?P<anoun>(?:[\w'’\-]+\s+){{0,2}}?(?:{count_noun}))(?:\s*\([^()]{{0,60}}\))?"
            r"(?:\s+(?:of|in|at)\s+[^,]{1,30}?)?\s*,)?"
            r"(?:\s*,\s*(?:which|who)\b)?"  # "Iceland, which abstained in …"
            rf"{_ADVS}\Z"
        ),
        possessive=re.compile(rf"(?P<voters>{_LIST})['’]s\s+(?:\d{{4}}\s+)?\Z"),
        count_subject=re.compile(
            rf"(?<![\w,])(?P<count>{NUM})(?:\s+(?P<np>(?:[\w'’\-]+\s+){{0,3}}?)"
            rf"(?P<noun>{count_noun}))?(?P<paren>\s*\([^()]{{0,60}}\))?{_ADVS}\Z",
            flags,
        ),
        including_after=re.compile(rf"\s*,?\s+{_INCLUDING}\s+(?P<voters>{_LIST})"),
        noun_member=re.compile(
            rf"(?<![\w'’])(?:one\s+of|among|amongst)\s+(?:the\s+)?(?:(?P<count>{NUM})\s+)?"
            rf"(?P<noun>{vote_noun})(?![\w'’])",
            flags,
        ),
        member_voters=re.compile(rf"(?P<voters>{_LIST})(?:\s+{_COPULA})?\s+\Z"),
        after_count=re.compile(
            rf",?\s*(?:(?P<with>(?:together|along)\s+with|as\s+did)\s+(?P<others>{NUM})\s+"
            rf"other(?:\s+[\w'’\-]+){{0,2}}?(?:\s+(?:{count_noun}))?"
            rf"|one\s+of\s+(?:the\s+|only\s+|just\s+)*(?P<count>{NUM})(?:\s+[\w'’\-]+){{0,2}}?"
            rf"\s+(?:{count_noun})(?:\s+(?:to\s+do\s+so|that\s+did\s+so|to\s+\w+))?)",
            flags,
        ),
        introducer=re.compile(
            r"\s*,?\s*(?:(?:in|on|from|during|at|for|over)\s+)?(?:the\s+|a\s+|an\s+|its\s+)?"
            r"(?:(?!resolution|which|that|after|and|but)[\w'’\-]+\s+){0,3}?"
            rf"(?:{event})s?(?:\s+(?:on|for|over|about|regarding|concerning|of|to))?"
            r"(?:\s+|(?=[,;.])|\Z)",
            flags,
        ),
        cut=re.compile(
            r";|:|\s[–—]\s|\s\((?!(?:ES-|S-)?[IVXLC]+\))|,\s+(?=(?:which|who|whose|while|whereas|but|although|though|"
            r"despite|after|before|as|since|when|following|including|along|together|with|one|"
            r"making|thereby|and|thus|in\s+line|where|among|amongst|even|joining|unlike|like|"
            r"such|notably|a\s+move|a\s+decision)\b|[a-z]+ing\b)|\s+(?=(?:while|whereas|but|although|"
            r"though|when|where|because|after|before|once|until|(?:that\s+|which\s+)?(?:was|were|"
            r"is|are|has\s+been|had\s+been|drew|caused|angered|surprised))\b)"
            r"|\s+(?=by\s+(?:a\s+)?(?:recorded\s+)?(?:vote|margin|tally|"
            rf"{NUM}\s+votes?)\b)|\s+(?=(?:together|along)\s+with\b)|\s+(?=as\s+did\b)",
            flags,
        ),
        tallies=tallies,
        count_item=re.compile(rf"(?<![\w/–-])(?P<count>{NUM})\s+(?:{vote_noun})(?![\w'’])", flags),
        context=re.compile(_case_aware(t["context"])),
        exclude=re.compile(exclude) if exclude else None,
        member_noun=re.compile(_alternation(t["member_noun"]) or r"(?!x)x", flags),
        not_country=v.not_country,
    )
