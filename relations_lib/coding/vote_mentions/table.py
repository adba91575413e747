"""The vote-mentions table: one row per country, vote and resolution an article states
(dates, counts and resolutions chosen per mention; typed columns)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..._arrays import categorical, date_array, int_array, string_array
from ...vocab import COUNT_OF_LEVELS, PRECISIONS, RESOLUTION_SOURCES, VOTE_LEVELS, vote_dtype
from .grammar import _OUT_OF, _grammar, _number
from .linking import _article_candidates, _Candidate, _link_by_date, _link_in_article
from .mentions import _Ctx, _has_context, _Mention, _sentence_dates, _sentence_mentions, _tally
from .subjects import _content_stems
from .symbols import find_resolutions
from .vocabulary import _ABSENT

if TYPE_CHECKING:
    import pandas as pd

    from ...text.article import Article
    from ...text.dates import DatePhrase

_FIRST_UN_YEAR = 1945  # an earlier date cannot be a UN vote's

#: Output columns, in order (relations_lib/schema/vote_mentions.py describes each).
COLUMNS: tuple[str, ...] = (
    "source",
    "section",
    "sentence",
    "start",
    "end",
    "date",
    "year",
    "date_text",
    "precision",
    "resolution",
    "resolution_source",
    "subject",
    "country",
    "country_code",
    "vote",
    "stated_count",
    "stated_count_of",
    "stated_members",
)


@lru_cache(maxsize=1)
def count_of_dtype() -> pd.CategoricalDtype:
    """The category of ``stated_count_of``: yes, abstain, no (voters of an option) or members."""
    import pandas as pd

    return pd.CategoricalDtype(list(COUNT_OF_LEVELS), ordered=False)


# --- the table ----------------------------------------------------------------------------------


def _ignore_stems(article: Article) -> frozenset[str]:
    """Stems of the article's two country names: every sentence is about them, so sharing
    "Palestine" says nothing about which resolution a mention is."""
    stems = set()
    for c in article.countries:
        for w in re.findall(r"\w+", c.name.lower()):
            if len(w) >= 4:
                stems.add(w[: max(4, len(w) - 2)][:6])
    return frozenset(stems)


def extract_vote_mentions(article: Article | str | os.PathLike) -> pd.DataFrame:
    """The UN votes an article states, one row per country, vote and resolution.

    Parameters
    ----------
    article : a parsed article (:func:`relations_lib.read_article`, :func:`load_seed`) or the
        path of an article file; anything else is an ArgumentTypeError (a TypeError).

    Returns
    -------
    pandas.DataFrame
        Columns, in order: ``source``, ``section``, ``sentence``, ``start``, ``end`` (Int64;
        ``article.text[start:end] == sentence``), ``date`` (datetime64[ns], first day of the
        period), ``year`` (Int64), ``date_text`` (the date phrase as written), ``precision``
        (category day/month/year/decade), ``resolution`` (string, e.g. "67/19"),
        ``resolution_source`` (category: named in sentence / named in article / date matches
        key resolution), ``subject`` (string: what was voted on, as written), ``country``
        (the country's name as written; the article's name for it when written as an
        adjective, "the Albanian delegation"), ``country_code`` (ISO alpha-3), ``vote``
        (ordered category yes < abstain < no; missing for "did not vote"), ``stated_count``
        (Int64), ``stated_count_of`` (category yes/abstain/no/members: what the count counts),
        ``stated_members`` (Int64: the UN membership the sentence gives, "(out of 193)").
        Missing values where the sentence does not say. Rows in reading order.

    Raises
    ------
    ArgumentTypeError
        ``article`` is neither an Article nor a path (also a TypeError).
    ArticleFormatError
        A path that is not a readable article (:class:`ArticleFileError` for the file).
    """
    import pandas as pd

    from ...text.article import as_article

    rows = _rows(as_article(article))
    if not rows:  # most articles state no vote: skip building eighteen empty columns
        return _empty_frame().copy()
    return _frame(rows, pd)


def _rows(article: Article) -> list[dict]:
    """The rows of :func:`extract_vote_mentions` as dicts (``COLUMNS`` keys, and private ``_``
    keys), in table order. Corpus engines stack the rows of many articles into one frame."""
    g = _grammar()
    ignore = _ignore_stems(article)
    ctx = _Ctx(tuple(article.countries), ignore)
    rows: list[dict] = []
    cands: list[_Candidate] | None = None
    for sentence in article.sentences:
        text = sentence.text
        if not (
            g.verbs.search(text)
            or g.noun_member.search(text)
            or (g.nominal is not None and g.nominal.search(text))
        ):
            continue  # the cheap test first: most sentences state no vote
        if not _has_context(article, sentence, g):
            continue
        dates = _sentence_dates(sentence)
        found = _sentence_mentions(sentence, dates, ctx, g)
        mentions = [mn for mn in found if mn.voters]
        if not mentions:
            continue
        text = sentence.text
        tally = _tally(text, g)
        for mn in found:  # "with 138 countries voting in favour": a count without a voter
            if not mn.voters and mn.count is not None and mn.vote in VOTE_LEVELS:
                tally.setdefault(mn.vote, mn.count)
        symbols = find_resolutions(text)
        spans = [
            (mn.voter_start if mn.voter_start is not None else mn.verb_start, mn.clause_end)
            for mn in mentions
        ]
        for i, mn in enumerate(mentions):
            subject = text[mn.subject[0] : mn.subject[1]] if mn.subject else None
            if subject and g.exclude is not None and g.exclude.search(subject):
                continue  # "voted for the bill in parliament": not a UN vote
            lo, hi = spans[i]
            when = _pick_date(i, mentions, spans, dates)
            vote = None if mn.vote == _ABSENT else mn.vote
            count, count_of = mn.count, None
            if count is not None:
                count_of = "members" if mn.count_of == "members" else vote
            elif vote is not None and vote in tally:
                count, count_of = tally[vote], vote
            members = _stated_members(text, lo, hi)
            if count_of == "members" and members is None:
                members = count
            stems = _content_stems(subject or "", ignore)
            for resolution in _named_resolutions(i, mentions, spans, symbols):
                for country in mn.voters:
                    rows.append(
                        {
                            "source": article.source,
                            "section": sentence.section,
                            "sentence": text,
                            "start": sentence.start,
                            "end": sentence.end,
                            "date": when.date if when else None,
                            "year": when.year if when else None,
                            "date_text": when.text if when else None,
                            "precision": when.precision if when else None,
                            "resolution": resolution,
                            "resolution_source": "named in sentence" if resolution else None,
                            "subject": subject,
                            "country": country.name,
                            "country_code": country.alpha3,
                            "vote": vote,
                            "stated_count": count,
                            "stated_count_of": count_of,
                            "stated_members": members,
                            "_when": when.date if when else None,
                            "_stems": stems,
                            "_ignore": ignore,
                            "_sentence": sentence,
                        }
                    )
    for row in rows:
        if row["resolution"] is not None:
            continue
        if cands is None:
            cands = _article_candidates(article, ctx)
        linked = _link_in_article(row, row["_sentence"], cands, article)
        if linked:
            row["resolution"], row["resolution_source"] = linked, "named in article"
            continue
        linked = _link_by_date(row)
        if linked:
            row["resolution"], row["resolution_source"] = linked, "date matches key resolution"
    return rows


@lru_cache(maxsize=1)
def _empty_frame() -> pd.DataFrame:
    import pandas as pd

    return _frame([], pd)


def _pick_date(
    i: int, mentions: list[_Mention], spans: list[tuple[int, int]], dates: list[DatePhrase]
) -> DatePhrase | None:
    """The date of mention ``i``: a date phrase in its clause but not inside what was voted on
    ("the 1947 partition plan"), else one outside every mention's clause ("In 2015, …"),
    else the nearest in the sentence (coordinated votes share a date). Event dates first;
    phrases without a year never date a vote."""
    mn = mentions[i]
    lo, hi = spans[i]
    dated = [d for d in dates if d.year is not None and d.year >= _FIRST_UN_YEAR]

    def in_subject(d: DatePhrase, x: _Mention) -> bool:
        return bool(x.subject and x.subject[0] <= d.start and d.end <= x.subject[1])

    inside = [d for d in dated if lo <= d.start and d.end <= hi and not in_subject(d, mn)]
    outside = [
        d
        for d in dated
        if not any(a <= d.start < b for a, b in spans)
        and not any(in_subject(d, x) for x in mentions)
    ]
    rest = [d for d in dated if not any(in_subject(d, x) for x in mentions)]
    pool = inside or outside or rest
    pool = [d for d in pool if d.is_event_date] or pool
    return min(pool, key=lambda d: abs(d.start - mn.verb_start)) if pool else None


def _named_resolutions(
    i: int,
    mentions: list[_Mention],
    spans: list[tuple[int, int]],
    symbols: list[tuple[str, int, int]],
) -> list[str | None]:
    """Resolutions named in mention ``i``'s clause, else the sentence's only one outside every
    clause; ``[None]`` when there is none (or several that cannot be told apart)."""
    lo, hi = spans[i]
    own = [r for r, a, _ in symbols if lo <= a < hi]
    if not own:
        free = [r for r, a, _ in symbols if not any(x <= a < y for x, y in spans)]
        own = free if len(set(free)) == 1 else []
    if not own and mentions[i].subject is None and len({r for r, _, _ in symbols}) == 1:
        # "X voted against resolution ES-10/19, while Y abstained": Y's clause names nothing
        own = [symbols[0][0]]
    return list(dict.fromkeys(own)) or [None]


def _stated_members(text: str, lo: int, hi: int) -> int | None:
    """The UN membership a clause (else the sentence) states: "(out of 193)", "of the 193
    member states" → 193."""
    for a, b in ((lo, hi), (0, len(text))):
        m = _OUT_OF.search(text, a, max(b, a))
        if m:
            return _number(m.group("n") or m.group("m"))
    return None


def _frame(rows: list[dict], pd: Any) -> pd.DataFrame:
    # Typed arrays straight from the row values (relations_lib._arrays: same dtypes, faster).
    def column(name: str) -> list:
        return [r[name] for r in rows]

    def strings(name: str):
        return string_array(column(name))

    def ints(name: str):
        return int_array(column(name))

    def categories(name: str, dtype: pd.CategoricalDtype):
        return categorical(column(name), dtype)

    return pd.DataFrame(
        {
            "source": strings("source"),
            "section": strings("section"),
            "sentence": strings("sentence"),
            "start": ints("start"),
            "end": ints("end"),
            "date": date_array(column("date")),
            "year": ints("year"),
            "date_text": strings("date_text"),
            "precision": categories("precision", _precision_dtype()),
            "resolution": strings("resolution"),
            "resolution_source": categories("resolution_source", _resolution_source_dtype()),
            "subject": strings("subject"),
            "country": strings("country"),
            "country_code": strings("country_code"),
            "vote": categories("vote", vote_dtype()),
            "stated_count": ints("stated_count"),
            "stated_count_of": categories("stated_count_of", count_of_dtype()),
            "stated_members": ints("stated_members"),
        }
    )


@lru_cache(maxsize=1)
def _precision_dtype() -> pd.CategoricalDtype:
    import pandas as pd

    return pd.CategoricalDtype(list(PRECISIONS), ordered=True)  # as in the events table


@lru_cache(maxsize=1)
def _resolution_source_dtype() -> pd.CategoricalDtype:
    import pandas as pd

    return pd.CategoricalDtype(list(RESOLUTION_SOURCES), ordered=False)
