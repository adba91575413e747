"""The tables of ``rl.evaluate`` (relations_lib/evaluation.py): the detail of every label and
prediction, the scores of each article, the overall scores, and the errors counted by kind."""

from __future__ import annotations

# The vocabularies are declared once, beside the code that produces them.
from ..vocab import ERROR_KINDS, KINDS, OUTCOMES, PRECISIONS, PREDICTION_TABLES, ROLES
from .columns import Column, Table

SOURCES = (
    "Hand labels in the format of the project's labelling guide (docs/LABELS.md): one "
    "<slug>.labels.json per article, scored by its rules ('Scoring'); kind → CAMEO roots in "
    "data/reference/label_kinds.csv",
)

_BOOL = "boolean"


def _flag(name: str, meaning: str) -> Column:
    return Column(
        name,
        _BOOL,
        meaning + " Empty unless the row is a label matched by a prediction.",
        nullable=True,
    )


def _code(name: str, meaning: str) -> Column:
    return Column(name, "string", meaning, nullable=True)


EVALUATION_DETAIL = Table(
    name="evaluation_detail",
    row=(
        "One row per labelled event (with the prediction matched to it, if any) and one per "
        "prediction that matched no label: how each counts, and its error."
    ),
    columns=(
        Column("article", "string", "The article's slug (<slug>.txt, <slug>.labels.json)."),
        Column(
            "label_index",
            "Int64",
            "Position of the labelled event in the labels file's `events`; empty for a "
            "prediction that matched no label.",
            nullable=True,
            minimum=0,
        ),
        Column(
            "event_id",
            "string",
            "The prediction's event_id ('<slug>:vote:<n>' for the n-th vote mention); empty "
            "for a label nothing matched.",
            nullable=True,
        ),
        Column(
            "prediction_table",
            "category",
            "Where the prediction comes from: the events table, or the vote mentions (which can "
            "only find labels of kind un_vote).",
            nullable=True,
            categories=PREDICTION_TABLES,
        ),
        Column(
            "role",
            "category",
            "What the label is to the scores: required (counts for recall); optional (said so, "
            "or third-party background: kind other, not bilateral; counts neither way); "
            "duplicate (restates an earlier label: dropping or linking it is no error). Empty "
            "for an unmatched prediction.",
            nullable=True,
            categories=ROLES,
        ),
        Column(
            "outcome",
            "category",
            "How the row counts: found / missed (a required label, for recall), spurious (a "
            "prediction against precision: matching nothing, or an unlinked duplicate), neutral "
            "(neither way).",
            categories=OUTCOMES,
        ),
        Column(
            "error",
            "category",
            "The row's first error, in this order: missed, spurious, unlinked_duplicate, "
            "wrong_kind, wrong_actors, wrong_date, wrong_precision. Empty when right or neutral.",
            nullable=True,
            categories=ERROR_KINDS,
        ),
        _code(
            "sentence_start", "The label's sentence_start (first 40 characters of its sentence)."
        ),
        Column(
            "sentence_in_article",
            _BOOL,
            "True when a sentence of the article, as the library splits it, starts with the "
            "label's sentence_start (false: the split differs, or the label mistypes it). Empty "
            "for an unmatched prediction.",
            nullable=True,
        ),
        _code("sentence", "The prediction's sentence, as written."),
        Column("year", "Int64", "The label's year.", nullable=True, unit="year"),
        Column("month", "Int64", "The label's month.", nullable=True, minimum=1, maximum=12),
        Column("day", "Int64", "The label's day.", nullable=True, minimum=1, maximum=31),
        Column(
            "date_precision",
            "category",
            "The label's date precision.",
            nullable=True,
            categories=PRECISIONS,
            ordered=True,
        ),
        Column(
            "kind", "category", "The label's kind (LABELS.md).", nullable=True, categories=KINDS
        ),
        _code("alt_kinds", "The label's alternative kinds, separated by '|'."),
        _code("source_actor", "The label's source actor (ISO alpha-3, SUN, YUG, IGO …)."),
        _code("target_actor", "The label's target actor."),
        _code(
            "alt_actors", "The label's alternative readings as 'SOURCE>TARGET', separated by '|'."
        ),
        Column("year_predicted", "Int64", "The prediction's year.", nullable=True, unit="year"),
        Column(
            "month_predicted",
            "Int64",
            "The prediction's month.",
            nullable=True,
            minimum=1,
            maximum=12,
        ),
        Column(
            "day_predicted", "Int64", "The prediction's day.", nullable=True, minimum=1, maximum=31
        ),
        Column(
            "date_precision_predicted",
            "category",
            "The prediction's date precision.",
            nullable=True,
            categories=PRECISIONS,
            ordered=True,
        ),
        _code("cameo_code", "The prediction's CAMEO code (its first two digits are the root)."),
        _code(
            "source_predicted",
            "Country level (first three letters) of the prediction's source: actor1, or actor2 "
            "for CAMEO 043 'host a visit' (the labels code the visitor); a vote mention's "
            "country.",
        ),
        _code(
            "target_predicted",
            "Country level of the prediction's target (IGO for a vote mention).",
        ),
        _flag("date_exact", "Month and day equal the label's (both missing counts as equal)."),
        _flag("date_precision_ok", "The date precision equals the label's."),
        _flag(
            "kind_ok",
            "The CAMEO root is one the label's kind or an alternative kind accepts "
            "(label_kinds.csv); for a vote mention, the label is a UN vote.",
        ),
        _flag(
            "actors_ok",
            "source_predicted/target_predicted equal the label's actors or an alternative "
            "pair (either order for symmetric kinds).",
        ),
        _flag("whole", "kind_ok and actors_ok."),
        _code(
            "baseline_source",
            "The trivial baseline's source: the first title country named in the label's "
            "sentence (required labels only).",
        ),
        _code("baseline_target", "The trivial baseline's target: the other title country."),
        Column(
            "baseline_kind",
            "category",
            "The trivial baseline's kind: the most frequent kind of the required labels.",
            nullable=True,
            categories=KINDS,
        ),
        Column(
            "baseline_kind_ok",
            _BOOL,
            "baseline_kind is the label's kind or an alternative kind (any, for kind other).",
            nullable=True,
        ),
        Column(
            "baseline_actors_ok",
            _BOOL,
            "The baseline's actors agree with the label's, by the rule of actors_ok.",
            nullable=True,
        ),
        Column("baseline_whole", _BOOL, "baseline_kind_ok and baseline_actors_ok.", nullable=True),
    ),
    sources=SOURCES,
)


def _count(name: str, meaning: str) -> Column:
    return Column(name, "Int64", meaning, minimum=0, unit="events")


def _rate(name: str, meaning: str) -> Column:
    return Column(
        name,
        "float64",
        meaning + " Empty when the denominator is 0.",
        nullable=True,
        minimum=0,
        maximum=1,
    )


_SCORES = (
    _count("labels", "Labelled events (every role)."),
    _count("required", "Required labels: the denominator of recall and whole_rate."),
    _count("optional", "Optional labels (said so, or third-party background)."),
    _count("duplicates", "Labels that restate an earlier one (duplicate_of)."),
    _count("predicted", "Rows of the events table."),
    _count(
        "scored_predictions",
        "Predictions that count for precision: true_positives + false_positives.",
    ),
    _count("found", "Required labels matched by a prediction (an event or a vote mention)."),
    _count("missed", "Required labels matched by none."),
    _count("true_positives", "Event rows matched to a required label."),
    _count(
        "false_positives",
        "Event rows matching no label, and unlinked restatements of a labelled duplicate.",
    ),
    _rate("recall", "found / required."),
    _rate("precision", "true_positives / scored_predictions."),
    _count("date_exact", "Found events whose month and day equal the label's."),
    _rate("date_exact_rate", "date_exact / found."),
    _count("date_precision_ok", "Found events with the label's date precision."),
    _rate("date_precision_rate", "date_precision_ok / found."),
    _count("kind_ok", "Found events whose CAMEO root fits the labelled kind (or an alt kind)."),
    _rate("kind_rate", "kind_ok / found."),
    _count("actors_ok", "Found events with the labelled actors (or an alternative reading)."),
    _rate("actors_rate", "actors_ok / found."),
    _count("whole", "Found events with the right kind and the right actors."),
    _rate("whole_rate", "whole / required: the labelled events that come out whole."),
    _count("baseline_kind_ok", "Required labels whose kind the trivial baseline gets right."),
    _rate("baseline_kind_rate", "baseline_kind_ok / required."),
    _count("baseline_actors_ok", "Required labels whose actors the trivial baseline gets right."),
    _rate("baseline_actors_rate", "baseline_actors_ok / required."),
    _count("baseline_whole", "Required labels the baseline gets whole (kind and actors)."),
    _rate("baseline_whole_rate", "baseline_whole / required (compare whole_rate)."),
    _count("baseline_kind_ok_found", "baseline_kind_ok among the found events."),
    _rate("baseline_kind_found_rate", "baseline_kind_ok_found / found (compare kind_rate)."),
    _count("baseline_actors_ok_found", "baseline_actors_ok among the found events."),
    _rate("baseline_actors_found_rate", "baseline_actors_ok_found / found (compare actors_rate)."),
)

EVALUATION_ARTICLES = Table(
    name="evaluation_articles",
    row="One row per labelled article scored: counts and rates of its events.",
    columns=(
        Column("article", "string", "The article's slug.", unique=True),
        Column("title", "string", "The title, as the labels file gives it."),
        *_SCORES,
    ),
    sources=SOURCES,
    unique_key=("article",),
)

EVALUATION_OVERALL = Table(
    name="evaluation_overall",
    row=(
        "One row per evaluation: the per-article counts summed, and rates computed from the "
        "sums (micro-averaged over events)."
    ),
    columns=(Column("articles", "Int64", "Articles scored.", minimum=0), *_SCORES),
    sources=SOURCES,
)

EVALUATION_ERRORS = Table(
    name="evaluation_errors",
    row="One row per error kind: how many events of an evaluation show it.",
    columns=(
        Column(
            "error",
            "category",
            "The error kind; a found event with a wrong kind and wrong actors counts in both.",
            categories=ERROR_KINDS,
            unique=True,
        ),
        Column("n", "Int64", "How many events show it.", minimum=0, unit="events"),
    ),
    sources=SOURCES,
)
