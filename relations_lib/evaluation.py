"""Score extracted events against hand labels: recall, precision, dates, CAMEO roots, actors.

The rules are those of the project's labelling guide (docs/LABELS.md, "Scoring"), implemented
exactly; where the guide leaves a choice open, the choice is stated here and in
data/reference/label_kinds.csv.

>>> import relations_lib as rl
>>> result = rl.evaluate("articles/", "labels/")           # doctest: +SKIP
>>> result.overall[["recall", "precision", "whole_rate"]]  # doctest: +SKIP
>>> result.errors                                         # doctest: +SKIP

**Found.** A labelled event is found when a predicted event lies in the same sentence (the
prediction's sentence, after a list item's ``- ``, starts with the label's ``sentence_start``;
white space is compared collapsed) with the same year, and the same month where both have one.
Matching is one-to-one and optimal (:func:`scipy.optimize.linear_sum_assignment` per article):
first as many required labels as possible, then as many labels of any role, then the best
agreement (whole, then kind and actors, then exact date, then date precision). Ties go to the
earlier label and the earlier prediction (the solver is deterministic on the same matrix).

**Roles.** A label is *optional* when it says so (``optional``), when it has no year (the
text gives none, so the same-year rule cannot match it), or when it is third-party
background (kind ``other`` with ``bilateral`` false); a *duplicate* when it has
``duplicate_of``; otherwise *required*. Recall counts required labels only. Precision counts
the events table's predictions: those matching a required label are right, those matching
nothing are spurious, those matching an optional label count neither way. A duplicate that the
coder drops (no match) or links (the matching prediction's ``restates`` names the event matched
to the label it repeats, or the original is not matched by an event) is not penalised; a
duplicate coded again without a link is a false positive (``unlinked_duplicate``): charts
would count the fact twice.

**UN votes.** CAMEO has no code for a vote, so the library states votes in the vote-mentions
table (:func:`relations_lib.extract_vote_mentions`). A label of kind ``un_vote`` can be found
by a vote mention (right kind; actors: the voting country acts on ``IGO``) or by an event row
(found, but no CAMEO root agrees with ``un_vote``). Vote mentions count neither way for
precision, and an event row left over in the sentence of a vote label that a vote mention
found counts neither way either (the fact is labelled and found).

**On found events** (required labels matched): ``date_exact`` — month and day equal (both
missing counts as equal); ``date_precision_ok`` — the precision (day, month, year, decade) is
equal; ``kind_ok`` — the CAMEO root (first two digits of ``cameo_code``) is one the label's
kind or an alternative kind accepts (table in data/reference/label_kinds.csv; kind ``other``
accepts any root and no code, ``un_vote`` none); ``actors_ok`` — the country level (first
three letters) of ``actor1``/``actor2`` equals ``source_actor``/``target_actor`` or an
``alt_actors`` pair, actors reversed for CAMEO 043 ("host a visit" names the host first, the
labels the visitor) and either order for the symmetric kinds ``establish_relations`` and
``agreement``; ``whole`` — kind and actors both right. Rates of date, precision, kind and
actors are shares of the found events; ``whole_rate`` is a share of the required labels (the
labelled events that come out whole).

**Baseline.** Beside the library, a trivial coder is scored on every required label: the
first title country named in the label's sentence (by name, adjective, people or capital, from
data/reference/country_words.csv) acts on the other title country (the first title country
when neither is named); its kind is the most frequent kind of the required labels scored (or
the ``baseline_kind`` given). Its kind agrees when it is the label's kind, an alternative
kind, or the label's kind is ``other``.

Functions here are pure: they read labels and articles and return frames. Writing files is
left to the command line (``relations evaluate``).
"""

from __future__ import annotations

import csv
import json
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from ._args import ARTICLES, CALLABLE, LABELS, PATH, check, one_of, optional
from .errors import LabelFormatError, ReferenceDataError, SchemaError
from .paths import reference_file
from .text.article import Article, read_article
from .vocab import ERROR_KINDS, KINDS, PRECISIONS
from .vocab import OUTCOMES as OUTCOMES  # re-exported: declared in vocab, below the schema
from .vocab import PREDICTION_TABLES as PREDICTION_TABLES
from .vocab import ROLES as ROLES

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ArticleLabels",
    "Evaluation",
    "LabelledEvent",
    "error_counts",
    "evaluate",
    "evaluate_splits",
    "label_kinds",
    "most_frequent_kind",
    "parse_labels",
    "read_labels",
    "read_manifest",
    "score_article",
    "summarise",
]

LABEL_KINDS_FILE = "label_kinds.csv"
#: A labels file is ``<slug>.labels.json`` beside (or apart from) the article ``<slug>.txt``.
LABELS_SUFFIX = ".labels.json"

#: CAMEO 043 "host a visit": actor1 is the host, the labels code the visitor as source.
_REVERSED_CODES: tuple[str, ...] = ("043",)
#: The columns an extractor's events table must have.
_EVENT_COLUMNS = (
    "event_id",
    "sentence",
    "year",
    "month",
    "day",
    "precision",
    "actor1",
    "actor2",
    "cameo_code",
)
_VOTE_COLUMNS = ("sentence", "year", "date", "precision", "country_code")

Extractor = Callable[[Article], Union["pd.DataFrame", Mapping[str, "pd.DataFrame"]]]
PathLike = Union[str, os.PathLike]  # noqa: UP007


# --- the kinds ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KindRule:
    """What a labelled kind accepts: CAMEO roots (``None``: any root, or no code) and symmetry."""

    kind: str
    roots: frozenset[str] | None
    symmetric: bool


@lru_cache(maxsize=1)
def label_kinds() -> dict[str, KindRule]:
    """Kind → :class:`KindRule`, read from data/reference/label_kinds.csv.

    ``cameo_roots`` is a space-separated list of two-digit CAMEO roots, empty for none and
    ``*`` for any root (or no code); ``symmetric`` is ``true`` when either actor order counts.

    Raises
    ------
    ReferenceDataError
        When the file does not list exactly the kinds of :data:`KINDS`, or a cell is malformed
        (the message names the file and line).
    """
    path = reference_file(LABEL_KINDS_FILE)
    rules: dict[str, KindRule] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {"kind", "cameo_roots", "symmetric"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise ReferenceDataError(f"{path}:1: header must have {', '.join(sorted(need))}")
        for row in reader:
            where = f"{path}:{reader.line_num}"
            kind = (row["kind"] or "").strip()
            cell = (row["cameo_roots"] or "").strip()
            roots = None if cell == "*" else frozenset(cell.split())
            if roots is not None and not all(re.fullmatch(r"\d\d", r) for r in roots):
                raise ReferenceDataError(f"{where}: cameo_roots {cell!r} are not two-digit roots")
            symmetric = (row["symmetric"] or "").strip().lower()
            if symmetric not in {"true", "false"}:
                raise ReferenceDataError(f"{where}: symmetric must be true or false")
            if kind in rules:
                raise ReferenceDataError(f"{where}: kind {kind!r} appears twice")
            rules[kind] = KindRule(kind, roots, symmetric == "true")
    if tuple(rules) != KINDS:
        raise ReferenceDataError(
            f"{path}: kinds must be, in order, {', '.join(KINDS)}; found {', '.join(rules)}"
        )
    return rules


# --- labels ----------------------------------------------------------------------------------

Pair = tuple[str | None, str | None]


@dataclass(frozen=True, slots=True)
class LabelledEvent:
    """One labelled event of a labels file (fields as in LABELS.md; ``index`` is its place)."""

    index: int
    year: int | None
    month: int | None
    day: int | None
    precision: str
    kind: str
    alt_kinds: tuple[str, ...]
    source_actor: str | None
    target_actor: str | None
    alt_actors: tuple[Pair, ...]
    bilateral: bool
    optional: bool
    duplicate_of: int | None
    sentence_start: str
    date_text: str | None = None

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kind and the alternative kinds."""
        return (self.kind, *self.alt_kinds)

    @property
    def role(self) -> str:
        """``optional`` (said so, or third-party background), ``duplicate`` or ``required``."""
        if self.optional or (self.kind == "other" and not self.bilateral) or self.year is None:
            # no year ("in April" with the year only implied): the year rule cannot match it
            return "optional"
        if self.duplicate_of is not None:
            return "duplicate"
        return "required"


@dataclass(frozen=True, slots=True)
class ArticleLabels:
    """The hand labels of one article: its title, countries and labelled events."""

    source: str
    title: str
    countries: tuple[str, ...]
    events: tuple[LabelledEvent, ...]
    complete: bool | None = None
    source_url: str | None = None

    @property
    def slug(self) -> str:
        """The file name without ``.labels.json`` (the article is ``<slug>.txt``)."""
        return _label_slug(Path(self.source))


def _label_slug(path: Path) -> str:
    name = path.name
    for suffix in (LABELS_SUFFIX, ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


class _Fields:
    """Reads the fields of one JSON object, raising LabelFormatError that names the field."""

    def __init__(self, obj: Any, source: str, path: str):
        self.source, self.path = source, path
        if not isinstance(obj, dict):
            self.fail(None, f"expected an object, got {_json_type(obj)}")
        self.obj = obj

    def fail(self, key: str | None, message: str):
        field = self.path if key is None else (f"{self.path}.{key}" if self.path else key)
        raise LabelFormatError(message, source=self.source, field=field or None)

    def get(self, key: str, types: tuple[type, ...], *, required: bool, default: Any = None):
        if key not in self.obj:
            if required:
                self.fail(key, "missing")
            return default
        value = self.obj[key]
        if value is None and not required:
            return default
        if isinstance(value, bool) and bool not in types:  # JSON true is not a number
            self.fail(key, f"expected {_names(types)}, got a boolean")
        if not isinstance(value, types):
            self.fail(key, f"expected {_names(types)}, got {_json_type(value)}")
        return value

    def nullable(self, key: str, types: tuple[type, ...]):
        """A key that must be present (LABELS.md: "null where there is none")."""
        if key not in self.obj:
            self.fail(key, "missing (write null where there is none)")
        value = self.obj[key]
        if value is None:
            return None
        return self.get(key, types, required=True)


def _json_type(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _names(types: tuple[type, ...]) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    return " or ".join(names.get(t, "an integer" if t is int else t.__name__) for t in types)


_ACTOR = re.compile(r"[A-Z]{3}")


def _actor(fields: _Fields, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ACTOR.fullmatch(value):
        fields.fail(key, f"{value!r} is not a three-letter country code (ISO alpha-3, IGO …)")
    return value


def _event(obj: Any, index: int, source: str) -> LabelledEvent:
    f = _Fields(obj, source, f"events[{index}]")
    year = f.nullable("year", (int,))  # null where the text has none (LABELS.md)
    month = f.nullable("month", (int,)) if "month" in f.obj else None
    day = f.nullable("day", (int,)) if "day" in f.obj else None
    if month is not None and not 1 <= month <= 12:
        f.fail("month", f"{month} is not a month (1–12)")
    if day is not None and not 1 <= day <= 31:
        f.fail("day", f"{day} is not a day of the month (1–31)")
    if day is not None and month is None:
        f.fail("day", "a day needs a month")
    precision = f.get("precision", (str,), required=True)
    if precision not in PRECISIONS:
        f.fail("precision", f"{precision!r} is not one of {', '.join(PRECISIONS)}")
    kind = f.get("kind", (str,), required=True)
    if kind not in KINDS:
        f.fail("kind", f"{kind!r} is not a kind; known kinds: {', '.join(KINDS)}")
    alt_kinds = f.get("alt_kinds", (list,), required=False, default=[])
    for i, alt in enumerate(alt_kinds):
        if alt not in KINDS:
            f.fail(f"alt_kinds[{i}]", f"{alt!r} is not a kind; known kinds: {', '.join(KINDS)}")
    source_actor = _actor(f, "source_actor", f.nullable("source_actor", (str,)))
    target_actor = _actor(f, "target_actor", f.nullable("target_actor", (str,)))
    pairs: list[Pair] = []
    for i, pair in enumerate(f.get("alt_actors", (list,), required=False, default=[])):
        key = f"alt_actors[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            f.fail(key, "expected a [source, target] pair")
        pairs.append((_actor(f, key, pair[0]), _actor(f, key, pair[1])))
    bilateral = f.get("bilateral", (bool,), required=False, default=True)
    optional = f.get("optional", (bool,), required=False, default=False)
    duplicate_of = f.get("duplicate_of", (int,), required=False)
    if duplicate_of is not None and not 0 <= duplicate_of < index:
        f.fail("duplicate_of", f"{duplicate_of} is not the index of an earlier event")
    sentence_start = f.get("sentence_start", (str,), required=True)
    key = _normalise(sentence_start)
    if not key:
        f.fail("sentence_start", "empty")
    date_text = f.get("date_text", (str,), required=False)
    return LabelledEvent(
        index=index,
        year=year,
        month=month,
        day=day,
        precision=precision,
        kind=kind,
        alt_kinds=tuple(alt_kinds),
        source_actor=source_actor,
        target_actor=target_actor,
        alt_actors=tuple(pairs),
        bilateral=bilateral,
        optional=optional,
        duplicate_of=duplicate_of,
        sentence_start=sentence_start,
        date_text=date_text,
    )


def parse_labels(data: Mapping[str, Any] | str, source: str = "<labels>") -> ArticleLabels:
    """Check and read the labels of one article, given as JSON text or as the decoded object.

    Parameters
    ----------
    data : the JSON text of a labels file, or the object it decodes to.
    source : the name used in error messages (the file path).

    Returns
    -------
    ArticleLabels

    Raises
    ------
    LabelFormatError
        Invalid JSON (the message gives ``source:line``), or a field missing or breaking the
        rules of LABELS.md (the message names the field, e.g. ``events[3].kind``).
    """
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise LabelFormatError(
                f"not valid JSON: {exc.msg} (column {exc.colno})", source=source, line=exc.lineno
            ) from None
    top = _Fields(data, source, "")
    title = top.get("title", (str,), required=True)
    countries = top.get("countries", (list,), required=False, default=[])
    if countries and (len(countries) != 2 or not all(isinstance(c, str) for c in countries)):
        top.fail("countries", "expected the two countries of the title, as strings")
    complete = top.get("complete", (bool,), required=False)
    source_url = top.get("source_url", (str,), required=False)
    raw_events = top.get("events", (list,), required=True)
    events = tuple(_event(obj, i, source) for i, obj in enumerate(raw_events))
    return ArticleLabels(
        source=source,
        title=title,
        countries=tuple(countries),
        events=events,
        complete=complete,
        source_url=source_url,
    )


def read_labels(path: PathLike) -> ArticleLabels:
    """Read and check a labels file (``<slug>.labels.json``, the format of LABELS.md).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    LabelFormatError
        The file is missing, unreadable, not UTF-8, not JSON, or a field is malformed; the
        message names the file, and the line or the field.
    """
    check("read_labels", path=(path, PATH))
    source = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LabelFormatError(f"cannot read: {exc.strerror or exc}", source=source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LabelFormatError("not UTF-8 text", source=source, line=line) from None
    return parse_labels(text, source)


def most_frequent_kind(labels: Iterable[ArticleLabels]) -> str:
    """The most frequent kind among the required labels (ties: the kind listed first in LABELS.md).

    Returns ``"other"`` when there is no required label.
    """
    counts = Counter(e.kind for a in labels for e in a.events if e.role == "required")
    if not counts:
        return "other"
    return max(KINDS, key=lambda k: (counts.get(k, 0), -KINDS.index(k)))


# --- predictions -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Prediction:
    event_id: str
    table: str
    sentence: str  # as written
    key: str  # normalised, list marker dropped
    year: int | None
    month: int | None
    day: int | None
    precision: str | None
    cameo_code: str | None
    source: str | None  # country level, reversed for CAMEO 043
    target: str | None
    restates: str | None


def _normalise(text: str) -> str:
    """Collapsed white space, without a list item's leading ``- ``."""
    text = " ".join(str(text).split())
    return text[2:] if text.startswith("- ") else text


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _opt(value: Any) -> Any:
    return None if _missing(value) else value


def _opt_int(value: Any) -> int | None:
    return None if _missing(value) else int(value)


def _country(code: Any) -> str | None:
    """Country level of a CAMEO actor code: its first three letters (PSEREB → PSE)."""
    code = _opt(code)
    return str(code)[:3] if code else None


def _check_columns(frame: Any, need: tuple[str, ...], what: str) -> None:
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(f"the extractor's {what} must be a DataFrame, got {type(frame).__name__}")
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise SchemaError(f"the extractor's {what} table lacks the columns {', '.join(missing)}")


def _event_predictions(events: pd.DataFrame) -> list[_Prediction]:
    _check_columns(events, _EVENT_COLUMNS, "events")
    has_restates = "restates" in events.columns
    out = []
    for row in events.to_dict("records"):
        code = _opt(row["cameo_code"])
        code = str(code) if code is not None else None
        a1, a2 = _country(row["actor1"]), _country(row["actor2"])
        if code is not None and code.startswith(_REVERSED_CODES):
            a1, a2 = a2, a1
        out.append(
            _Prediction(
                event_id=str(row["event_id"]),
                table="events",
                sentence=str(row["sentence"]),
                key=_normalise(row["sentence"]),
                year=_opt_int(row["year"]),
                month=_opt_int(row["month"]),
                day=_opt_int(row["day"]),
                precision=_opt(row["precision"]),
                cameo_code=code,
                source=a1,
                target=a2,
                restates=_opt(row["restates"]) if has_restates else None,
            )
        )
    return out


def _vote_predictions(votes: pd.DataFrame | None, slug: str) -> list[_Prediction]:
    if votes is None:
        return []
    _check_columns(votes, _VOTE_COLUMNS, "vote_mentions")
    out = []
    for n, row in enumerate(votes.to_dict("records"), start=1):
        precision = _opt(row["precision"])
        date = _opt(row["date"])
        month = date.month if date is not None and precision in ("day", "month") else None
        day = date.day if date is not None and precision == "day" else None
        out.append(
            _Prediction(
                event_id=f"{slug}:vote:{n}",
                table="vote_mentions",
                sentence=str(row["sentence"]),
                key=_normalise(row["sentence"]),
                year=_opt_int(row["year"]),
                month=month,
                day=day,
                precision=precision,
                cameo_code=None,
                source=_country(row["country_code"]),
                target="IGO",  # a vote in the General Assembly: the country acts on the UN
                restates=None,
            )
        )
    return out


# --- agreement -------------------------------------------------------------------------------


def _eligible(label: LabelledEvent, pred: _Prediction) -> bool:
    """Same sentence, same year, same month where both have one (vote mentions: vote labels)."""
    if pred.table == "vote_mentions" and "un_vote" not in label.kinds:
        return False
    if pred.year != label.year:
        return False
    if label.month is not None and pred.month is not None and label.month != pred.month:
        return False
    return pred.key.startswith(_normalise(label.sentence_start))


def _kind_ok(label: LabelledEvent, pred: _Prediction) -> bool:
    if pred.table == "vote_mentions":
        return "un_vote" in label.kinds
    rules = label_kinds()
    root = pred.cameo_code[:2] if pred.cameo_code else None
    for kind in label.kinds:
        roots = rules[kind].roots
        if roots is None or (root is not None and root in roots):
            return True
    return False


def _actors_ok(label: LabelledEvent, source: str | None, target: str | None) -> bool:
    pairs = [(label.source_actor, label.target_actor), *label.alt_actors]
    if label_kinds()[label.kind].symmetric:
        pairs += [(t, s) for s, t in pairs]
    return (source, target) in pairs


def _flags(label: LabelledEvent, pred: _Prediction) -> dict[str, bool]:
    kind = _kind_ok(label, pred)
    actors = _actors_ok(label, pred.source, pred.target)
    return {
        "date_exact": label.month == pred.month and label.day == pred.day,
        "date_precision_ok": label.precision == pred.precision,
        "kind_ok": kind,
        "actors_ok": actors,
        "whole": kind and actors,
    }


_QUALITY_MAX = 27


def _quality(f: dict[str, bool]) -> int:
    return (
        16 * f["whole"]
        + 3 * f["kind_ok"]
        + 3 * f["actors_ok"]
        + 2 * f["date_exact"]
        + 3 * f["date_precision_ok"]
    )


def _assign(labels: tuple[LabelledEvent, ...], preds: list[_Prediction]) -> dict[int, int]:
    """Label index → prediction position: the optimal one-to-one matching (see module doc)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not labels or not preds:
        return {}
    n = max(len(labels), len(preds)) + 1
    any_match = (_QUALITY_MAX + 1) * n  # outweighs every quality bonus together
    required = (any_match + _QUALITY_MAX + 1) * n  # outweighs every other match together
    weight = np.zeros((len(labels), len(preds)))
    for i, label in enumerate(labels):
        for j, pred in enumerate(preds):
            if _eligible(label, pred):
                bonus = required if label.role == "required" else 0
                weight[i, j] = bonus + any_match + _quality(_flags(label, pred))
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return {int(i): int(j) for i, j in zip(rows, cols, strict=True) if weight[i, j] > 0}


# --- the baseline ------------------------------------------------------------------------------


def _country_pattern(name: str, code: str) -> re.Pattern[str]:
    from .coding.actors import country_words

    words = {name}
    cw = country_words().get(code)
    if cw is not None:
        words.update((*cw.names, *cw.adjectives, *cw.people, *cw.capitals))
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _label_sentence(article: Article, label: LabelledEvent) -> str | None:
    """The article's sentence that the label points at (the first one starting with it)."""
    key = _normalise(label.sentence_start)
    for s in article.sentences:
        if _normalise(s.text).startswith(key):
            return s.text
    return None


def _baseline_actors(article: Article, sentence: str) -> tuple[str, str] | None:
    countries = article.countries
    if len(countries) != 2:
        return None
    first, second = countries
    places = []
    for country, other in ((first, second), (second, first)):
        m = _country_pattern(country.name, country.code).search(sentence)
        if m:
            places.append((m.start(), country.code, other.code))
    if not places:
        return first.code, second.code
    _, source, target = min(places)
    return source, target


# --- scoring one article -------------------------------------------------------------------


def _label_fields(label: LabelledEvent) -> dict[str, Any]:
    return {
        "label_index": label.index,
        "role": label.role,
        "sentence_start": label.sentence_start,
        "year": label.year,
        "month": label.month,
        "day": label.day,
        "date_precision": label.precision,
        "kind": label.kind,
        "alt_kinds": "|".join(label.alt_kinds) or None,
        "source_actor": label.source_actor,
        "target_actor": label.target_actor,
        "alt_actors": "|".join(f"{s or ''}>{t or ''}" for s, t in label.alt_actors) or None,
    }


def _pred_fields(pred: _Prediction) -> dict[str, Any]:
    return {
        "event_id": pred.event_id,
        "prediction_table": pred.table,
        "sentence": pred.sentence,
        "year_predicted": pred.year,
        "month_predicted": pred.month,
        "day_predicted": pred.day,
        "date_precision_predicted": pred.precision,
        "cameo_code": pred.cameo_code,
        "source_predicted": pred.source,
        "target_predicted": pred.target,
    }


def _first_error(flags: dict[str, bool]) -> str | None:
    for error, flag in (
        ("wrong_kind", "kind_ok"),
        ("wrong_actors", "actors_ok"),
        ("wrong_date", "date_exact"),
        ("wrong_precision", "date_precision_ok"),
    ):
        if not flags[flag]:
            return error
    return None


def _linked(label, pred, labels, assignment, preds) -> bool:
    """The prediction of a duplicate label names the event matched to the label it repeats."""
    if pred.restates is None:
        return False
    originals = []
    index = label.duplicate_of
    while index is not None:  # a duplicate of a duplicate repeats the first one too
        originals.append(index)
        index = labels[index].duplicate_of
    matched = [
        preds[assignment[i]].event_id
        for i in originals
        if i in assignment and preds[assignment[i]].table == "events"
    ]
    return not matched or pred.restates in matched


def score_article(
    article: Article,
    labels: ArticleLabels,
    events: pd.DataFrame,
    vote_mentions: pd.DataFrame | None = None,
    *,
    baseline_kind: str | None = None,
    name: str | None = None,
) -> pd.DataFrame:
    """Match one article's predicted events to its labels: the detail frame of that article.

    Parameters
    ----------
    article : the parsed article (its sentences and title countries feed the baseline).
    labels : its labels (:func:`read_labels`).
    events : the predicted events, with at least the columns ``event_id``, ``sentence``,
        ``year``, ``month``, ``day``, ``precision``, ``actor1``, ``actor2``, ``cameo_code``
        (the events table of :func:`relations_lib.extract_events`); a ``restates`` column, when
        present, links a restatement to the event it repeats.
    vote_mentions : the vote mentions (:func:`relations_lib.extract_vote_mentions`), which can
        find labels of kind ``un_vote``; None for none.
    baseline_kind : the kind the trivial baseline gives every event (default: the most frequent
        kind of this article's required labels).
    name : the ``article`` value of the rows (default: the labels' slug).

    Returns
    -------
    pandas.DataFrame
        The ``evaluation_detail`` table (relations_lib/schema/evaluation.py): one row per label
        (with its match, if any) and one per prediction that matched no label; ``outcome``
        (found, missed, spurious, neutral) says how the row counts and ``error`` names its first
        error. Rows are in label order, then unmatched predictions in table order.

    Raises
    ------
    SchemaError
        When ``events`` or ``vote_mentions`` lacks a needed column.
    """
    name = name or labels.slug
    preds = _event_predictions(events) + _vote_predictions(vote_mentions, name)
    kind = baseline_kind or most_frequent_kind([labels])
    assignment = _assign(labels.events, preds)
    matched_preds = set(assignment.values())
    keys = {_normalise(s.text) for s in article.sentences}
    # Vote labels that a vote mention found: an event row left in their sentence is no error.
    found_votes = [labels.events[i] for i, j in assignment.items() if preds[j].table != "events"]
    rows = []
    for label in labels.events:
        row = {"article": name, **_label_fields(label)}
        key = _normalise(label.sentence_start)
        row["sentence_in_article"] = any(k.startswith(key) for k in keys)
        j = assignment.get(label.index)
        if j is None:
            row["outcome"] = "missed" if label.role == "required" else "neutral"
            row["error"] = "missed" if label.role == "required" else None
        else:
            pred = preds[j]
            flags = _flags(label, pred)
            row.update(_pred_fields(pred), **flags)
            if label.role == "required":
                row["outcome"], row["error"] = "found", _first_error(flags)
            elif (
                label.role == "duplicate"
                and pred.table == "events"
                and not _linked(label, pred, labels.events, assignment, preds)
            ):
                row["outcome"], row["error"] = "spurious", "unlinked_duplicate"
            else:
                row["outcome"], row["error"] = "neutral", None
        if label.role == "required":
            sentence = _label_sentence(article, label) or label.sentence_start
            actors = _baseline_actors(article, sentence)
            source, target = actors if actors else (None, None)
            kind_ok = kind in label.kinds or "other" in label.kinds
            actors_ok = _actors_ok(label, source, target)
            row.update(
                baseline_source=source,
                baseline_target=target,
                baseline_kind=kind,
                baseline_kind_ok=kind_ok,
                baseline_actors_ok=actors_ok,
                baseline_whole=kind_ok and actors_ok,
            )
        rows.append(row)
    for j, pred in enumerate(preds):
        if j in matched_preds:
            continue
        row = {"article": name, **_pred_fields(pred)}
        if pred.table == "vote_mentions" or any(_eligible(v, pred) for v in found_votes):
            row["outcome"], row["error"] = "neutral", None
        else:
            row["outcome"], row["error"] = "spurious", "spurious"
        rows.append(row)
    return _detail_frame(rows)


def _detail_frame(rows: list[dict]) -> pd.DataFrame:
    import pandas as pd

    from .schema import empty_frame

    empty = empty_frame("evaluation_detail")
    if not rows:
        return empty
    frame = pd.DataFrame(rows).reindex(columns=list(empty.columns))
    for column, dtype in empty.dtypes.items():
        values = frame[column]
        if isinstance(dtype, pd.CategoricalDtype):
            frame[column] = pd.Categorical(
                values.where(values.notna(), None), dtype=dtype
            )  # None, not NaN, so that an empty category stays missing
        elif str(dtype) == "boolean":
            frame[column] = values.astype("boolean")
        else:
            frame[column] = values.astype(dtype)
    return frame


# --- summaries ---------------------------------------------------------------------------------

#: Count column → (the detail rows it counts, as a boolean Series of the detail frame).
_COUNTS: tuple[str, ...] = (
    "labels",
    "required",
    "optional",
    "duplicates",
    "predicted",
    "found",
    "missed",
    "true_positives",
    "false_positives",
    "date_exact",
    "date_precision_ok",
    "kind_ok",
    "actors_ok",
    "whole",
    "baseline_kind_ok",
    "baseline_actors_ok",
    "baseline_whole",
    "baseline_kind_ok_found",
    "baseline_actors_ok_found",
)
#: Rate column → (numerator, denominator) among the counts.
RATES: dict[str, tuple[str, str]] = {
    "recall": ("found", "required"),
    "precision": ("true_positives", "scored_predictions"),
    "date_exact_rate": ("date_exact", "found"),
    "date_precision_rate": ("date_precision_ok", "found"),
    "kind_rate": ("kind_ok", "found"),
    "actors_rate": ("actors_ok", "found"),
    "whole_rate": ("whole", "required"),
    "baseline_kind_rate": ("baseline_kind_ok", "required"),
    "baseline_actors_rate": ("baseline_actors_ok", "required"),
    "baseline_whole_rate": ("baseline_whole", "required"),
    "baseline_kind_found_rate": ("baseline_kind_ok_found", "found"),
    "baseline_actors_found_rate": ("baseline_actors_ok_found", "found"),
}


def _counts(detail: pd.DataFrame) -> pd.DataFrame:
    """The count columns of each article (one row per value of ``article``)."""
    import pandas as pd

    is_label = detail["label_index"].notna()
    role = detail["role"].astype("string")
    found = (detail["outcome"] == "found").fillna(False).astype(bool)
    events_row = (detail["prediction_table"] == "events").fillna(False).astype(bool)

    def flag(column: str) -> pd.Series:
        return detail[column].fillna(False).astype(bool)

    parts = {
        "labels": is_label,
        "required": (role == "required").fillna(False),
        "optional": (role == "optional").fillna(False),
        "duplicates": (role == "duplicate").fillna(False),
        "predicted": events_row,
        "found": found,
        "missed": detail["outcome"] == "missed",
        "true_positives": found & events_row,
        "false_positives": detail["outcome"] == "spurious",
        "date_exact": found & flag("date_exact"),
        "date_precision_ok": found & flag("date_precision_ok"),
        "kind_ok": found & flag("kind_ok"),
        "actors_ok": found & flag("actors_ok"),
        "whole": found & flag("whole"),
        "baseline_kind_ok": flag("baseline_kind_ok"),
        "baseline_actors_ok": flag("baseline_actors_ok"),
        "baseline_whole": flag("baseline_whole"),
        "baseline_kind_ok_found": found & flag("baseline_kind_ok"),
        "baseline_actors_ok_found": found & flag("baseline_actors_ok"),
    }
    frame = pd.DataFrame({k: v.astype(bool) for k, v in parts.items()})
    frame.insert(0, "article", detail["article"].astype(str))
    return frame.groupby("article", sort=False).sum()


def _with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    import numpy as np

    counts = counts.copy()
    counts["scored_predictions"] = counts["true_positives"] + counts["false_positives"]
    for rate, (num, den) in RATES.items():
        n, d = counts[num].astype(float), counts[den].astype(float)
        counts[rate] = np.where(d > 0, n / d.where(d > 0, 1), np.nan)
    return counts


def summarise(
    detail: pd.DataFrame, titles: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-article and overall scores from a detail frame (micro-averaged over events).

    Parameters
    ----------
    detail : an ``evaluation_detail`` frame (:func:`score_article`, or several concatenated).
    titles : article → title, for the ``title`` column (default: the article name).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The ``evaluation_articles`` table (one row per article, in order of appearance) and the
        ``evaluation_overall`` table (one row: the counts summed over the articles, the rates
        computed from those sums). Counts are Int64, rates float64 (NaN when the denominator is
        zero). See relations_lib/schema/evaluation.py for every column.
    """
    import pandas as pd

    from .schema import empty_frame

    per_article = _with_rates(_counts(detail)) if len(detail) else None
    articles_empty = empty_frame("evaluation_articles")
    overall_empty = empty_frame("evaluation_overall")
    if per_article is None:
        articles = articles_empty
        totals = {c: 0 for c in _COUNTS}
        overall = _with_rates(pd.DataFrame([totals]))
        overall.insert(0, "articles", 0)
    else:
        articles = per_article.reset_index()
        names = articles["article"]
        articles.insert(1, "title", [(titles or {}).get(a, a) for a in names])
        sums = per_article[list(_COUNTS)].sum().to_frame().T
        overall = _with_rates(sums)
        overall.insert(0, "articles", len(per_article))
    articles = articles.reindex(columns=list(articles_empty.columns)).astype(
        articles_empty.dtypes.to_dict()
    )
    overall = (
        overall.reindex(columns=list(overall_empty.columns))
        .astype(overall_empty.dtypes.to_dict())
        .reset_index(drop=True)
    )
    return articles, overall


def error_counts(detail: pd.DataFrame) -> pd.DataFrame:
    """How many events show each error kind (a found event can show several).

    Returns
    -------
    pandas.DataFrame
        The ``evaluation_errors`` table: ``error`` (category, every kind of :data:`ERROR_KINDS`
        in that order, zeros included) and ``n`` (Int64). ``missed``, ``spurious`` and
        ``unlinked_duplicate`` count rows of that outcome; ``wrong_kind``, ``wrong_actors``,
        ``wrong_date`` and ``wrong_precision`` count found events whose flag is false.
    """
    import pandas as pd

    found = (detail["outcome"] == "found").fillna(False).astype(bool)

    def wrong(column: str) -> int:
        return int((found & ~detail[column].fillna(True).astype(bool)).sum())

    n = {
        "missed": int((detail["outcome"] == "missed").sum()),
        "spurious": int((detail["error"] == "spurious").fillna(False).sum()),
        "unlinked_duplicate": int((detail["error"] == "unlinked_duplicate").fillna(False).sum()),
        "wrong_kind": wrong("kind_ok"),
        "wrong_actors": wrong("actors_ok"),
        "wrong_date": wrong("date_exact"),
        "wrong_precision": wrong("date_precision_ok"),
    }
    return pd.DataFrame(
        {
            "error": pd.Categorical(list(n), categories=list(ERROR_KINDS)),
            "n": pd.array(list(n.values()), dtype="Int64"),
        }
    )


# --- many articles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """The scores of a set of labelled articles.

    Attributes
    ----------
    articles : the ``evaluation_articles`` table, one row per article scored.
    overall : the ``evaluation_overall`` table, one row (micro-averaged over events).
    detail : the ``evaluation_detail`` table, one row per label and per unmatched prediction.
    baseline_kind : the kind the trivial baseline gave every event.
    skipped : files left out because they had no partner (an article without labels, labels
        without an article), with the reason.
    failed : articles on which the extractor raised, with the error; each is scored with no
        predictions (its labels count as missed).
    """

    articles: pd.DataFrame
    overall: pd.DataFrame
    detail: pd.DataFrame
    baseline_kind: str
    skipped: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()

    @property
    def errors(self) -> pd.DataFrame:
        """The ``evaluation_errors`` table of :attr:`detail` (:func:`error_counts`)."""
        return error_counts(self.detail)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: overall scores, per-article scores, error counts.

        Missing rates (no denominator) become ``None``; counts are ints, rates floats rounded
        to four decimals.
        """
        return {
            "baseline_kind": self.baseline_kind,
            "overall": _records(self.overall)[0],
            "errors": {str(r["error"]): r["n"] for r in _records(self.errors)},
            "articles": _records(self.articles),
            "skipped": list(self.skipped),
            "failed": list(self.failed),
        }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    import math

    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if _missing(value):
                value = None
            elif isinstance(value, float):
                value = None if math.isnan(value) else round(value, 4)
            elif hasattr(value, "item"):
                value = value.item()  # numpy scalar → Python
            clean[str(key)] = value
        out.append(clean)
    return out


ArticleSource = Union[PathLike, Article]  # noqa: UP007
LabelSource = Union[PathLike, ArticleLabels]  # noqa: UP007


def _article_slug(item: ArticleSource) -> str:
    source = item.source if isinstance(item, Article) else os.fspath(item)
    name = Path(source).name
    return name[:-4] if name.endswith(".txt") else Path(source).stem


def _expand(items: Any, pattern: str) -> list:
    if isinstance(items, Article | ArticleLabels):
        return [items]
    if isinstance(items, str | os.PathLike):
        path = Path(items)
        if path.is_dir():
            return sorted(path.glob(pattern))
        if not path.exists():
            raise LabelFormatError("no such file or folder", source=os.fspath(path))
        return [path]
    return list(items)


def _single(items: Any) -> bool:
    return isinstance(items, Article | ArticleLabels) or (
        isinstance(items, str | os.PathLike) and not Path(items).is_dir()
    )


def pair_inputs(
    articles: ArticleSource | Iterable[ArticleSource], labels: LabelSource | Iterable[LabelSource]
) -> tuple[list[tuple[str, ArticleSource, ArticleLabels]], list[str]]:
    """Pair articles with their labels by slug (``<slug>.txt`` ↔ ``<slug>.labels.json``).

    A folder stands for its ``*.txt`` articles or its ``*.labels.json`` files; one article file
    and one labels file are paired whatever their names. Labels are read (and checked) here.

    Returns
    -------
    (list of (slug, article, labels), list of str)
        The pairs in slug order, and a message for each file left without a partner.

    Raises
    ------
    LabelFormatError
        A labels file is malformed, a path does not exist, or no article has labels.
    """
    if _single(articles) and _single(labels):
        article_items, label_items = _expand(articles, "*.txt"), _expand(labels, "*.json")
        label = label_items[0]
        read = label if isinstance(label, ArticleLabels) else read_labels(label)
        return [(_article_slug(article_items[0]), article_items[0], read)], []
    article_items = _expand(articles, "*.txt")
    label_items = _expand(labels, f"*{LABELS_SUFFIX}")
    by_slug: dict[str, ArticleLabels] = {}
    for item in label_items:
        read = item if isinstance(item, ArticleLabels) else read_labels(item)
        by_slug[read.slug] = read
    pairs, skipped = [], []
    seen = set()
    for item in article_items:
        slug = _article_slug(item)
        if slug in by_slug:
            pairs.append((slug, item, by_slug[slug]))
            seen.add(slug)
        else:
            skipped.append(f"{_source(item)}: no labels ({slug}{LABELS_SUFFIX})")
    for slug, read in by_slug.items():
        if slug not in seen:
            skipped.append(f"{read.source}: no article ({slug}.txt)")
    if not pairs:
        where = labels if isinstance(labels, str | os.PathLike) else "<labels>"
        raise LabelFormatError(
            "no article has labels here: articles <slug>.txt pair with <slug>.labels.json",
            source=os.fspath(where),
        )
    pairs.sort(key=lambda p: p[0])
    return pairs, skipped


def _source(item: ArticleSource) -> str:
    return item.source if isinstance(item, Article) else os.fspath(item)


def _library_tables(article: Article) -> dict[str, pd.DataFrame]:
    from .coding.events import extract_events
    from .coding.vote_mentions import extract_vote_mentions

    return {"events": extract_events(article), "vote_mentions": extract_vote_mentions(article)}


def _predict(extractor: Extractor | None, article: Article):
    tables = (extractor or _library_tables)(article)
    if isinstance(tables, Mapping):
        if "events" not in tables:
            raise SchemaError("the extractor returned no 'events' table")
        return tables["events"], tables.get("vote_mentions")
    return tables, None


def _evaluate_pairs(
    pairs: list[tuple[str, ArticleSource, ArticleLabels]],
    *,
    extractor: Extractor | None,
    baseline_kind: str | None,
    skipped: list[str],
) -> Evaluation:
    import pandas as pd

    kind = baseline_kind or most_frequent_kind(p[2] for p in pairs)
    if kind not in KINDS:
        raise LabelFormatError(f"baseline kind {kind!r} is not one of {', '.join(KINDS)}")
    details, failed = [], []
    for slug, item, labels in pairs:
        article = item if isinstance(item, Article) else read_article(item)
        if labels.title and labels.title != article.title:
            warnings.warn(
                f"{labels.source}: title {labels.title!r} differs from the article's "
                f"{article.title!r}",
                stacklevel=3,
            )
        try:
            events, votes = _predict(extractor, article)
        except SchemaError:
            raise  # the extractor's tables are malformed: nothing to score
        except Exception as exc:
            # An article the coder cannot process yields nothing for its user: score it so
            # (every label missed) rather than losing the whole run, and say so.
            message = (
                f"{_source(item)}: extraction failed ({type(exc).__name__}: {exc}); "
                "scored with no predictions"
            )
            warnings.warn(message, stacklevel=3)
            failed.append(message)
            events, votes = pd.DataFrame(columns=list(_EVENT_COLUMNS)), None
        details.append(score_article(article, labels, events, votes, baseline_kind=kind, name=slug))
    detail = pd.concat(details, ignore_index=True) if details else _detail_frame([])
    titles = {slug: labels.title for slug, _, labels in pairs}
    articles, overall = summarise(detail, titles)
    return Evaluation(articles, overall, detail, kind, tuple(skipped), tuple(failed))


def evaluate(
    articles: ArticleSource | Iterable[ArticleSource],
    labels: LabelSource | Iterable[LabelSource],
    *,
    extractor: Extractor | None = None,
    baseline_kind: str | None = None,
) -> Evaluation:
    """Score the library (or another extractor) on hand-labelled articles.

    Parameters
    ----------
    articles : a folder of ``<slug>.txt`` articles, one article file, or a list of paths (or
        parsed :class:`~relations_lib.Article` objects).
    labels : a folder of ``<slug>.labels.json`` files (format of LABELS.md), one labels file,
        or a list of paths (or :class:`ArticleLabels`). Pairs are matched by slug; one article
        and one labels file are paired whatever their names. Files without a partner are left
        out, with a warning, and listed in ``Evaluation.skipped``.
    extractor : a function Article → events frame, or → ``{"events": frame,
        "vote_mentions": frame}``. Default: :func:`relations_lib.extract_events` and
        :func:`relations_lib.extract_vote_mentions`.
    baseline_kind : the kind of the trivial baseline (default: the most frequent kind of the
        required labels scored).

    Returns
    -------
    Evaluation
        ``articles`` (per-article counts and rates), ``overall`` (one row, micro-averaged),
        ``detail`` (one row per label and per unmatched prediction, with its error), ``errors``
        (counts by error kind); the scoring rules are in this module's docstring. Columns:
        relations_lib/schema/evaluation.py.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    LabelFormatError
        A labels file is malformed (the message names the file and field), a path is missing,
        or no article has labels.
    ArticleFormatError
        An article cannot be read.
    SchemaError
        The extractor's tables lack a needed column. Any other error of the extractor on an
        article is reported (a warning, and ``Evaluation.failed``) and the article is scored
        with no predictions.
    """
    check(
        "evaluate",
        articles=(articles, ARTICLES),
        labels=(labels, LABELS),
        extractor=(extractor, optional(CALLABLE)),
        baseline_kind=(baseline_kind, optional(one_of(*KINDS))),
    )
    pairs, skipped = pair_inputs(articles, labels)
    for message in skipped:
        warnings.warn(f"left out: {message}", stacklevel=2)
    return _evaluate_pairs(pairs, extractor=extractor, baseline_kind=baseline_kind, skipped=skipped)


# --- splits (a development set's manifest) -------------------------------------------------------

#: Splits in the order they are reported; others follow in alphabetical order.
SPLIT_ORDER: tuple[str, ...] = ("tune", "holdout")


def read_manifest(path: PathLike) -> dict[str, str]:
    """Slug → split, from a development set's manifest.csv (columns ``slug`` and ``split``).

    Raises
    ------
    LabelFormatError
        The file is missing, lacks a column, or a row has an empty or repeated slug or an
        empty split (the message names the file and line).
    """
    source = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelFormatError(f"cannot read the manifest: {exc}", source=source) from None
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not {"slug", "split"} <= set(reader.fieldnames):
        raise LabelFormatError("a manifest needs the columns slug and split", source=source, line=1)
    splits: dict[str, str] = {}
    for row in reader:
        slug, split = (row["slug"] or "").strip(), (row["split"] or "").strip()
        if not slug or not split:
            raise LabelFormatError("empty slug or split", source=source, line=reader.line_num)
        if slug in splits:
            raise LabelFormatError(f"slug {slug!r} twice", source=source, line=reader.line_num)
        splits[slug] = split
    return splits


def evaluate_splits(
    articles: ArticleSource | Iterable[ArticleSource],
    labels: LabelSource | Iterable[LabelSource],
    splits: Mapping[str, str],
    *,
    extractor: Extractor | None = None,
) -> dict[str, Evaluation]:
    """Score each split of a development set apart (tune and holdout reported separately).

    Parameters
    ----------
    articles, labels, extractor : as for :func:`evaluate`.
    splits : slug → split name (:func:`read_manifest`). Paired articles the mapping does not
        name are left out (listed in every split's ``skipped``).

    Returns
    -------
    dict[str, Evaluation]
        Split → its evaluation, ``tune`` first, then ``holdout``, then any other split. The
        baseline kind is the most frequent kind of the ``tune`` split's required labels when
        there is one (so the held-out labels choose nothing), else of each split's own.
    """
    pairs, skipped = pair_inputs(articles, labels)
    grouped: dict[str, list] = {}
    for pair in pairs:
        split = splits.get(pair[0])
        if split is None:
            skipped.append(f"{_source(pair[1])}: not in the manifest")
            continue
        grouped.setdefault(split, []).append(pair)
    for message in skipped:
        warnings.warn(f"left out: {message}", stacklevel=2)
    order = [s for s in SPLIT_ORDER if s in grouped] + sorted(set(grouped) - set(SPLIT_ORDER))
    tune_kind = most_frequent_kind(p[2] for p in grouped["tune"]) if "tune" in grouped else None
    return {
        split: _evaluate_pairs(
            grouped[split], extractor=extractor, baseline_kind=tune_kind, skipped=skipped
        )
        for split in order
    }
