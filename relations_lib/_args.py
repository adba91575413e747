"""What public functions accept: one check per argument, called at the top of each function.

A wrong argument raises :class:`~relations_lib.errors.ArgumentTypeError` (also a
``TypeError``) or :class:`~relations_lib.errors.ArgumentValueError` (also a ``ValueError``)
whose message names the function, the parameter, what it accepts and what it got, instead of a
traceback from deep inside pandas or numpy::

    >>> check("voting_record", successors=("no", BOOL))
    Traceback (most recent call last):
    ...
    relations_lib.errors.ArgumentTypeError: voting_record(): successors must be True or False, ...

Each public function calls :func:`check` once, with ``name=(value, spec)`` pairs; a spec is a
:class:`Accepts` (the constants and builders below). Only the type, and values that are cheap
to check without the data (a range, a fixed set of words), are checked here: whether a country
or a track exists is the business of the function (UnknownCountryError, UnknownTrackError).

Pure functions of their arguments; nothing here imports pandas or numpy (a frame is recognised
by its class, from the module pandas already loaded when a frame exists).
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import ArgumentTypeError, ArgumentValueError

__all__ = [
    "ARTICLE",
    "ARTICLES",
    "ARTICLE_PATH",
    "ARTICLE_TEXT",
    "AX",
    "AXES",
    "BOOL",
    "CALLABLE",
    "COUNTRIES",
    "COUNTRY",
    "DATE",
    "FRAME",
    "INT",
    "ISSUES",
    "LABELS",
    "MAX_BYTES",
    "MENTIONS",
    "NUMBER",
    "PATH",
    "PERIODS",
    "PHASES_PATH",
    "PLOTLY_FIGURE",
    "RECORD",
    "RUN_INPUTS",
    "SCHEDULER",
    "SESSION",
    "SESSIONS",
    "SHARE",
    "SOURCE",
    "STATE",
    "STATES",
    "TEXT",
    "TRACK",
    "TRACKS",
    "Accepts",
    "at_least",
    "check",
    "either",
    "frame",
    "instance_of",
    "iterable_of",
    "one_of",
    "optional",
]


@dataclass(frozen=True)
class Accepts:
    """What a parameter accepts.

    ``what`` completes "x must be …"; ``fits`` says whether a value has an accepted type
    (else an :class:`ArgumentTypeError`); ``valid``, when given, whether a value of that type
    is in range (else an :class:`ArgumentValueError`, with ``why`` in place of ``what``, if
    given).
    """

    what: str
    fits: Callable[[object], bool]
    valid: Callable[[object], bool] | None = None
    why: Callable[[object], str] | None = None
    #: for a collection: what each item must be (the message then names the first wrong one)
    item: Accepts | None = None


def check(function: str, /, **arguments: tuple[object, Accepts]) -> None:
    """Raise for the first argument its spec does not accept; return None when all fit.

    ``check("voting_record", issue=(issue, ISSUES), successors=(successors, BOOL))``.

    Raises
    ------
    ArgumentTypeError
        A value of a type the parameter does not accept.
    ArgumentValueError
        A value of the right type out of range or not one of the choices.
    """
    for name, (value, spec) in arguments.items():
        if not spec.fits(value):
            raise _error(ArgumentTypeError, function, name, spec.what, value, spec.item)
        if spec.valid is not None and not spec.valid(value):
            what = spec.why(value) if spec.why is not None else spec.what
            raise _error(ArgumentValueError, function, name, what, value)


def _error(
    cls: type, function: str, name: str, what: str, value: object, item: Accepts | None = None
) -> Exception:
    got = describe(value)
    if item is not None and isinstance(value, list | tuple | set | frozenset):
        wrong = next(((i, x) for i, x in enumerate(value) if not item.fits(x)), None)
        if wrong is not None:
            got += f" holding {describe(wrong[1])} at [{wrong[0]}]"
    return cls(
        f"{function}(): {name} must be {what}, got {got}",
        function=function,
        parameter=name,
        accepts=what,
        got=got,
    )


def describe(value: object) -> str:
    """``value``'s type and, for a small scalar, its repr: "str 'no'", "NoneType", "list of 3"."""
    kind = type(value).__name__
    if value is None:
        return "None"
    if isinstance(value, str | bytes | numbers.Number):
        shown = repr(value)
        return f"{kind} {shown if len(shown) <= 40 else shown[:37] + '…'}"
    if isinstance(value, list | tuple | set | frozenset | dict):
        return f"{kind} of {len(value)}"
    if _is_frame(value):
        return f"a DataFrame with columns {list(value.columns)[:6]}"  # type: ignore[attr-defined]
    return kind


# --------------------------------------------------------------------------- type tests
def _is_bool(value: object) -> bool:
    # numpy's bool_ is not a bool subclass; a frame cell gives one
    return isinstance(value, bool) or _instance(value, "numpy", "bool_")


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not _is_bool(value)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not _is_bool(value)


def _is_frame(value: object) -> bool:
    pandas = sys.modules.get("pandas")  # no frame can exist before pandas is imported
    return pandas is not None and isinstance(value, pandas.DataFrame)


def _is_path(value: object) -> bool:
    return isinstance(value, str | os.PathLike)


def _instance(value: object, module: str, name: str) -> bool:
    """``isinstance(value, module.name)`` without importing ``module`` (this module sits below
    every other layer): no instance can exist before its class's module is imported."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(value, getattr(loaded, name))


def _is_country(value: object) -> bool:
    return (
        isinstance(value, str)
        or _is_int(value)
        or _instance(value, "relations_lib.countries", "Country")
    )


def _is_state(value: object) -> bool:
    return _is_country(value) or _instance(value, "relations_lib.un.alignment", "VotingSeries")


def _is_article(value: object) -> bool:
    return _is_path(value) or _instance(value, "relations_lib.text.article", "Article")


def _many(value: object) -> bool:
    """An iterable of several items, not a str or bytes (which iterate over characters)."""
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | dict)


# --------------------------------------------------------------------------- specs
TEXT = Accepts("a str", lambda v: isinstance(v, str))
#: An article's text: bytes get a hint (decode them, or read the file with read_article).
ARTICLE_TEXT = Accepts(
    "a str (the article's decoded text; for bytes or a file use relations_lib.read_article)",
    lambda v: isinstance(v, str),
)
BOOL = Accepts("True or False", _is_bool)
INT = Accepts("an int", _is_int)
NUMBER = Accepts(
    "a number (not NaN)",
    _is_number,
    valid=lambda v: not math.isnan(v),  # type: ignore[arg-type]  (inf is a valid bound)
)
PATH = Accepts("a path (str or os.PathLike)", _is_path)
CALLABLE = Accepts("a function (callable)", callable)
DATE = Accepts("a datetime.date", lambda v: isinstance(v, dt.date))
PERIODS = Accepts(
    "a dict of period name -> (first year, last year), ints",
    lambda v: (
        isinstance(v, dict)
        and all(
            isinstance(p, tuple | list) and len(p) == 2 and all(_is_int(y) for y in p)
            for p in v.values()
        )
    ),
)
FRAME = Accepts("a pandas DataFrame", _is_frame)
COUNTRY = Accepts("a country name or code (str or int) or a Country", _is_country)
STATE = Accepts(
    "a country name or code (str or int), a Country, or a VotingSeries "
    "(rl.alignment.resolve_state)",
    _is_state,
)
TRACK = Accepts("a track name (str, see rl.phases.tracks()) or a Country", _is_country)
#: what the functions over many articles take: a folder or file, an Article, or many of them
ARTICLES = Accepts(
    "an article path or folder (str or os.PathLike), an Article, or an iterable of them",
    lambda v: _is_article(v) or _many(v),
)
LABELS = Accepts(
    "a labels file or folder (str or os.PathLike), ArticleLabels (rl.read_labels), or an "
    "iterable of them",
    lambda v: _is_path(v) or _many(v) or _instance(v, "relations_lib.evaluation", "ArticleLabels"),
)
ARTICLE = Accepts(
    "an Article (rl.read_article, rl.parse_article, rl.load_seed) or the path of an article "
    "file (str or os.PathLike)",
    _is_article,
)
ISSUES = Accepts(
    "None, an issue code (str: 'me', 'nu', 'di', 'hr', 'co', 'ec') or an iterable of them",
    lambda v: v is None or isinstance(v, str) or (_many(v) and all(isinstance(x, str) for x in v)),  # type: ignore[union-attr]
)


def optional(spec: Accepts) -> Accepts:
    """``spec`` or None."""
    return Accepts(
        f"None or {spec.what}",
        lambda v: v is None or spec.fits(v),
        valid=None if spec.valid is None else (lambda v: v is None or spec.valid(v)),  # type: ignore[misc]
        why=None if spec.why is None else (lambda v: f"None or {spec.why(v)}"),  # type: ignore[misc]
        item=spec.item,
    )


def at_least(minimum: float, spec: Accepts = INT) -> Accepts:
    """A number of ``spec``'s type that is at least ``minimum``."""
    inner = spec.valid

    def valid(v: object) -> bool:
        return (inner is None or inner(v)) and v >= minimum  # type: ignore[operator]

    return Accepts(
        f"{spec.what} ≥ {minimum}", spec.fits, valid=valid, why=lambda v: f"{spec.what} ≥ {minimum}"
    )


def one_of(*choices: str) -> Accepts:
    """One of the words ``choices`` (a str of another value is an ArgumentValueError)."""
    listed = ", ".join(repr(c) for c in choices)
    return Accepts(f"one of {listed}", lambda v: isinstance(v, str), valid=lambda v: v in choices)


def iterable_of(spec: Accepts, what: str) -> Accepts:
    """A list, tuple or other iterable (not a str) of values ``spec`` accepts.

    Only lists, tuples, sets and frozensets are looked into (a generator would be used up).
    """

    def looked_into(v: object) -> bool:
        return isinstance(v, list | tuple | set | frozenset)

    def fits(v: object) -> bool:
        return _many(v) and (not looked_into(v) or all(spec.fits(x) for x in v))  # type: ignore[union-attr]

    def valid(v: object) -> bool:
        inner = spec.valid
        return inner is None or not looked_into(v) or all(inner(x) for x in v)  # type: ignore[union-attr]

    return Accepts(what, fits, valid=valid if spec.valid is not None else None, item=spec)


def either(*specs: Accepts, what: str | None = None) -> Accepts:
    """A value one of ``specs`` accepts (checked against the first whose type fits)."""

    def first(v: object) -> Accepts | None:
        return next((s for s in specs if s.fits(v)), None)

    def valid(v: object) -> bool:
        spec = first(v)
        return spec is None or spec.valid is None or spec.valid(v)

    return Accepts(
        what or " or ".join(s.what for s in specs),
        lambda v: first(v) is not None,
        valid=valid,
        item=next((s.item for s in specs if s.item is not None), None),
    )


def instance_of(cls: type, what: str) -> Accepts:
    """An instance of ``cls`` (for a class defined above this module's layer)."""
    return Accepts(what, lambda v: isinstance(v, cls))


def frame(*columns: str, what: str = "a pandas DataFrame") -> Accepts:
    """A DataFrame holding ``columns`` (a frame without one is an ArgumentValueError)."""
    needed = ", ".join(columns)
    return Accepts(
        what,
        _is_frame,
        valid=lambda v: all(c in v.columns for c in columns),  # type: ignore[attr-defined]
        why=lambda v: (
            f"{what} with column(s) {needed}; missing: "
            + ", ".join(c for c in columns if c not in v.columns)
        ),  # type: ignore[attr-defined]
    )


# --------------------------------------------------------------------------- shared specs
#: a table of votes as :func:`relations_lib.voting_record` returns it
RECORD = frame(
    "year",
    "country_vote",
    "is_member",
    "agrees_with_majority",
    "yes_share",
    what="a voting record (rl.voting_record, rl.record_concerning)",
)
#: the vote mentions of an article, as :func:`relations_lib.extract_vote_mentions` returns them
MENTIONS = frame(
    "resolution",
    "date",
    "country",
    "country_code",
    "vote",
    "stated_count",
    "stated_count_of",
    what="vote mentions (rl.extract_vote_mentions)",
)
SESSION = at_least(1)
SESSIONS = optional(either(SESSION, iterable_of(SESSION, "an iterable of sessions (int)")))
STATES = iterable_of(STATE, "an iterable of countries (names, codes or Country), not one str")
COUNTRIES = iterable_of(COUNTRY, "an iterable of countries (names, codes or Country), not one str")
TRACKS = optional(iterable_of(TRACK, "an iterable of tracks (names or Country), not one str"))
MAX_BYTES = optional(at_least(1, Accepts("an int (bytes)", _is_int)))
TIMEOUT = optional(
    Accepts("a number of seconds above 0 (None: no limit)", _is_number, valid=lambda v: v > 0)  # type: ignore[operator]
)
PHASES_PATH = optional(Accepts("the path of a phases CSV file (str or os.PathLike)", _is_path))
#: what a streamed corpus run reads: a folder, a file, or a list of files
RUN_INPUTS = either(
    PATH,
    iterable_of(PATH, "a list of article files (str or os.PathLike)"),
    what="a folder or article file (str or os.PathLike), or a list of article files",
)
ARTICLE_PATH = Accepts("the path of an article file (str or os.PathLike)", _is_path)
SOURCE = Accepts(
    "a name for messages (str, bytes or os.PathLike)",
    lambda v: isinstance(v, str | bytes | os.PathLike),
)
AX = Accepts("a matplotlib Axes", lambda v: _instance(v, "matplotlib.axes", "Axes"))
AXES = optional(AX)
PLOTLY_FIGURE = Accepts(
    "a plotly Figure (go.Figure)", lambda v: _instance(v, "plotly.graph_objects", "Figure")
)
SHARE = Accepts("a number from 0 to 1", _is_number, valid=lambda v: 0 <= v <= 1)  # type: ignore[operator]
#: a Dask scheduler: its address, or a distributed.Client
SCHEDULER = optional(
    either(
        TEXT,
        Accepts("a distributed.Client", lambda v: _instance(v, "distributed", "Client")),
        what="a scheduler address (str, 'tcp://HOST:8786') or a distributed.Client",
    )
)
