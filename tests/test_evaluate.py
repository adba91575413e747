"""The scorer of relations_lib.evaluation on tiny hand-made cases (every expected number worked
out by hand from the rules of LABELS.md), the seed's labels against the library as a smoke
test, the command line, and malformed labels. No test asserts an accuracy threshold: accuracy
belongs in benchmarks/accuracy.json (``make evaluate``)."""

from __future__ import annotations

import copy
import json
import shutil

import pandas as pd
import pytest
from conftest import REPO

import relations_lib as rl
from relations_lib import cli, evaluation
from relations_lib.errors import LabelFormatError, SchemaError
from relations_lib.evaluation import parse_labels, score_article, summarise
from relations_lib.schema import validate_table

SEED = REPO / "seeds" / "albania_palestine_relations.txt"
SEED_LABELS = REPO / "tests" / "fixtures" / "labels" / "albania_palestine_relations.labels.json"

TEXT = """= Albania–Palestine relations =

Albania and Palestine established relations in 1990. Albania recognized Palestine in 1988 and \
Palestine opened an embassy in Tirana in 1989.
In March 1998, Prime Minister Fatos Nano visited Gaza.
In 2012, Albania abstained in the vote on Palestine's status at the United Nations.
In 1960, the United States and Brazil signed a treaty.

==Timeline==
- 2001: Palestine opened a consulate in Durrës.
"""
S_1990 = "Albania and Palestine established relations in 1990."
S_1988 = "Albania recognized Palestine in 1988 and Palestine opened an embassy in Tirana in 1989."
S_1998 = "In March 1998, Prime Minister Fatos Nano visited Gaza."
S_2012 = "In 2012, Albania abstained in the vote on Palestine's status at the United Nations."
S_1960 = "In 1960, the United States and Brazil signed a treaty."
S_2001 = "2001: Palestine opened a consulate in Durrës."


@pytest.fixture(scope="module")
def tiny() -> rl.Article:
    return rl.parse_article(TEXT, "tiny.txt")


def label(sentence: str, year: int, kind: str, source="ALB", target="PSE", **extra) -> dict:
    return {
        "year": year,
        "month": extra.pop("month", None),
        "day": extra.pop("day", None),
        "precision": extra.pop("precision", "year"),
        "kind": kind,
        "source_actor": source,
        "target_actor": target,
        "bilateral": extra.pop("bilateral", True),
        "sentence_start": sentence[:40],
        **extra,
    }


def labels_of(*events: dict) -> evaluation.ArticleLabels:
    data = {"title": "Albania–Palestine relations", "countries": ["Albania", "Palestine"]}
    return parse_labels({**data, "events": list(events)}, "tiny.labels.json")


def predicted(*rows: dict) -> pd.DataFrame:
    """An events table with the columns the scorer reads (one dict per event)."""
    base = {
        "month": None,
        "day": None,
        "precision": "year",
        "actor1": "ALB",
        "actor2": "PSE",
        "cameo_code": None,
    }
    columns = ["event_id", "sentence", "year", *base]
    out = [{"event_id": f"tiny:{n}", **base, **row} for n, row in enumerate(rows, start=1)]
    frame = pd.DataFrame(
        out, columns=[*columns, *(["restates"] if any("restates" in r for r in rows) else [])]
    )
    for column in ("year", "month", "day"):
        frame[column] = frame[column].astype("Int64")
    return frame


def score(article, labels, events, votes=None, **kw):
    detail = score_article(article, labels, events, votes, **kw)
    validate_table("evaluation_detail", detail)
    articles, overall = summarise(detail)
    validate_table("evaluation_articles", articles)
    validate_table("evaluation_overall", overall)
    return detail, overall.iloc[0]


def errors_of(detail) -> dict[str, int]:
    counts = evaluation.error_counts(detail)
    validate_table("evaluation_errors", counts)
    return {str(e): int(n) for e, n in zip(counts["error"], counts["n"], strict=True) if n}


# --- matching ------------------------------------------------------------------------------


def test_one_to_one_two_predictions_for_one_label(tiny):
    labels = labels_of(label(S_1990, 1990, "establish_relations"))
    events = predicted(
        {"sentence": S_1990, "year": 1990, "cameo_code": "054"},
        {"sentence": S_1990, "year": 1990, "cameo_code": "051"},
    )
    detail, o = score(tiny, labels, events)
    # one label found; the second prediction matches nothing else: spurious
    assert (o["required"], o["found"], o["missed"]) == (1, 1, 0)
    assert (o["true_positives"], o["false_positives"], o["predicted"]) == (1, 1, 2)
    assert o["recall"] == 1.0 and o["precision"] == 0.5
    assert len(detail) == 2  # the label with its match, and the unmatched prediction
    assert detail.loc[0, "event_id"] == "tiny:1"  # the 054 agrees with the kind: preferred
    assert errors_of(detail) == {"spurious": 1}


def test_one_to_one_two_labels_for_one_prediction(tiny):
    labels = labels_of(
        label(S_1988, 1988, "recognition"),
        label(S_1988, 1988, "visit"),
    )
    events = predicted({"sentence": S_1988, "year": 1988, "cameo_code": "042"})
    detail, o = score(tiny, labels, events)
    assert (o["found"], o["missed"], o["recall"], o["precision"]) == (1, 1, 0.5, 1.0)
    # both labels could take it; 042 (make a visit) agrees with the visit: that one gets it
    assert list(detail["outcome"]) == ["missed", "found"]


def test_matching_is_optimal_not_greedy(tiny):
    # L0 has no month, L1 has May. P0 (May) fits both, P1 (July) fits L0 only. Greedy in label
    # order (L0-P0) finds one; the optimal matching (L0-P1, L1-P0) finds both.
    labels = labels_of(
        label(S_1998, 1998, "visit"),
        label(S_1998, 1998, "visit", month=5, precision="month"),
    )
    events = predicted(
        {"sentence": S_1998, "year": 1998, "month": 5, "precision": "month"},
        {"sentence": S_1998, "year": 1998, "month": 7, "precision": "month"},
    )
    detail, o = score(tiny, labels, events)
    assert (o["found"], o["false_positives"]) == (2, 0)
    assert list(detail["event_id"]) == ["tiny:2", "tiny:1"]


def test_other_sentence_or_year_is_not_found(tiny):
    labels = labels_of(label(S_1990, 1990, "establish_relations"))
    events = predicted(
        {"sentence": S_1988, "year": 1990},  # right year, other sentence
        {"sentence": S_1990, "year": 1991},  # right sentence, other year
    )
    detail, o = score(tiny, labels, events)
    assert (o["found"], o["missed"], o["false_positives"]) == (0, 1, 2)
    assert o["recall"] == 0.0 and o["precision"] == 0.0
    assert errors_of(detail) == {"missed": 1, "spurious": 2}


def test_month_mismatch_is_not_found_but_a_missing_month_is(tiny):
    labels = labels_of(label(S_1998, 1998, "visit", month=3, precision="month"))
    other_month = predicted(
        {"sentence": S_1998, "year": 1998, "month": 4, "precision": "month", "cameo_code": "042"}
    )
    _, o = score(tiny, labels, other_month)
    assert (o["found"], o["missed"], o["false_positives"]) == (0, 1, 1)

    no_month = predicted({"sentence": S_1998, "year": 1998, "cameo_code": "042"})
    detail, o = score(tiny, labels, no_month)
    assert (o["found"], o["date_exact"], o["date_precision_ok"]) == (1, 0, 0)
    assert (o["date_exact_rate"], o["date_precision_rate"]) == (0.0, 0.0)
    assert (o["kind_ok"], o["actors_ok"], o["whole"]) == (1, 1, 1)  # whole ignores the date
    assert detail.loc[0, "error"] == "wrong_date"
    assert errors_of(detail) == {"wrong_date": 1, "wrong_precision": 1}


def test_exact_date_needs_the_day_too(tiny):
    labels = labels_of(label(S_1998, 1998, "visit", month=3, day=5, precision="day"))
    events = predicted(
        {"sentence": S_1998, "year": 1998, "month": 3, "precision": "month", "cameo_code": "042"}
    )
    _, o = score(tiny, labels, events)
    assert (o["found"], o["date_exact"], o["date_precision_ok"]) == (1, 0, 0)


def test_list_item_sentence_start(tiny):
    # the label's sentence_start is taken after "- "; a prediction's sentence may carry it
    for start in ("2001: Palestine opened a consulate", "- 2001: Palestine opened a consulate"):
        labels = labels_of(label(start, 2001, "embassy", "PSE", "ALB"))
        for sentence in (S_2001, "- " + S_2001):
            events = predicted(
                {"sentence": sentence, "year": 2001, "actor1": "PSE", "actor2": "ALB"}
            )
            detail, o = score(tiny, labels, events)
            assert (o["found"], o["actors_ok"]) == (1, 1), (start, sentence)
            assert bool(detail.loc[0, "sentence_in_article"]) is True


def test_white_space_is_compared_collapsed(tiny):
    labels = labels_of(label("Albania  and Palestine\nestablished", 1990, "establish_relations"))
    events = predicted({"sentence": S_1990, "year": 1990, "cameo_code": "054"})
    _, o = score(tiny, labels, events)
    assert o["found"] == 1


def test_label_sentence_not_in_article_is_flagged(tiny):
    labels = labels_of(label("A sentence the article does not have", 1990, "visit"))
    detail, o = score(tiny, labels, predicted())
    assert o["missed"] == 1
    assert bool(detail.loc[0, "sentence_in_article"]) is False


# --- roles ---------------------------------------------------------------------------------


def test_optional_labels_count_neither_way(tiny):
    labels = labels_of(
        label(S_1990, 1990, "establish_relations"),
        label(S_1988, 1988, "recognition", optional=True),  # matched: neutral
        label(S_1998, 1998, "visit", optional=True),  # unmatched: not a miss
    )
    events = predicted(
        {"sentence": S_1990, "year": 1990, "cameo_code": "054"},
        {"sentence": S_1988, "year": 1988, "cameo_code": "054"},
    )
    detail, o = score(tiny, labels, events)
    assert (o["labels"], o["required"], o["optional"]) == (3, 1, 2)
    assert (o["found"], o["missed"], o["recall"]) == (1, 0, 1.0)
    # precision: 1 right of 1 counted; the prediction of the optional label counts neither way
    assert (o["predicted"], o["scored_predictions"], o["precision"]) == (2, 1, 1.0)
    assert list(detail["outcome"]) == ["found", "neutral", "neutral"]
    assert errors_of(detail) == {}


def test_third_party_background_is_optional(tiny):
    background = label(S_1960, 1960, "other", "USA", "BRA", bilateral=False)
    bilateral_other = label(S_1990, 1990, "other")  # bilateral "other" stays required
    labels = labels_of(background, bilateral_other)
    assert [e.role for e in labels.events] == ["optional", "required"]
    _, left_out = score(tiny, labels, predicted())
    assert (left_out["required"], left_out["missed"]) == (1, 1)
    coded = predicted({"sentence": S_1960, "year": 1960, "actor1": "USA", "actor2": "BRA"})
    _, o = score(tiny, labels, coded)
    assert (o["false_positives"], o["scored_predictions"]) == (0, 0)


def test_duplicate_dropped_linked_or_unlinked(tiny):
    original = label(S_1988, 1988, "recognition")
    repeat = label(S_1990, 1990, "recognition", duplicate_of=0)
    labels = labels_of(original, repeat)
    first = {"sentence": S_1988, "year": 1988, "cameo_code": "054"}

    _, dropped = score(tiny, labels, predicted(first))
    assert (dropped["required"], dropped["duplicates"], dropped["found"]) == (1, 1, 1)
    assert (dropped["recall"], dropped["precision"], dropped["false_positives"]) == (1.0, 1.0, 0)

    second = {"sentence": S_1990, "year": 1990, "cameo_code": "054"}
    detail, unlinked = score(tiny, labels, predicted(first, {**second, "restates": None}))
    assert (unlinked["false_positives"], unlinked["precision"]) == (1, 0.5)
    assert detail.loc[1, "error"] == "unlinked_duplicate"
    assert errors_of(detail) == {"unlinked_duplicate": 1}

    detail, linked = score(tiny, labels, predicted(first, {**second, "restates": "tiny:1"}))
    assert (linked["false_positives"], linked["precision"]) == (0, 1.0)
    assert detail.loc[1, "outcome"] == "neutral"

    # a link to an event other than the one found for the original is no link
    wrong = predicted(first, {**second, "restates": "tiny:9"})
    _, o = score(tiny, labels, wrong)
    assert o["false_positives"] == 1


# --- kinds and actors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "alt_kinds", "code", "ok"),
    [
        ("visit", [], "042", True),
        ("visit", [], "050", False),
        ("visit", ["embassy"], "050", True),  # embassy accepts root 05
        ("recognition", [], "054", True),
        ("military", [], "190", True),
        ("reduce_relations", [], "161", True),
        ("statement", [], "161", False),
        ("statement", [], None, False),  # no code agrees with no listed kind
        ("other", [], None, True),  # other: any root, or none
        ("other", [], "190", True),
        ("un_vote", [], "051", False),  # CAMEO has no vote code
    ],
)
def test_cameo_root_against_kind_and_alt_kinds(tiny, kind, alt_kinds, code, ok):
    labels = labels_of(label(S_1990, 1990, kind, alt_kinds=alt_kinds))
    detail, o = score(
        tiny, labels, predicted({"sentence": S_1990, "year": 1990, "cameo_code": code})
    )
    assert o["found"] == 1
    assert o["kind_ok"] == int(ok) and o["whole"] == int(ok)
    assert (detail.loc[0, "error"] == "wrong_kind") is (not ok)


@pytest.mark.parametrize(
    ("kind", "actor1", "actor2", "code", "ok"),
    [
        ("visit", "PSEREB", "ALBGOV", "042", True),  # country level: first three letters
        ("visit", "ALB", "PSE", "042", True),  # the alternative reading
        ("visit", "ALBGOV", "PSEREB", "043", True),  # 043: Albania hosts, so PSE visits ALB
        ("visit", "USA", "PSE", "043", False),  # the United States hosts PSE
        ("visit", "PSE", "USA", "042", False),
        ("visit", "PSE", None, "042", False),
    ],
)
def test_alt_actors_and_the_043_reversal(tiny, kind, actor1, actor2, code, ok):
    labels = labels_of(
        label(S_1998, 1998, kind, "PSE", "ALB", alt_actors=[["ALB", "PSE"]]),
    )
    events = predicted(
        {"sentence": S_1998, "year": 1998, "actor1": actor1, "actor2": actor2, "cameo_code": code}
    )
    _, o = score(tiny, labels, events)
    assert (o["found"], o["actors_ok"]) == (1, int(ok))


def test_host_a_visit_is_read_from_the_visitor(tiny):
    labels = labels_of(label(S_1998, 1998, "visit", "ALB", "PSE"))  # no alternative reading
    hosted = predicted(
        {
            "sentence": S_1998,
            "year": 1998,
            "actor1": "PSEGOV",
            "actor2": "ALBGOV",
            "cameo_code": "043",
        }
    )
    detail, o = score(tiny, labels, hosted)
    assert o["actors_ok"] == 1
    assert (detail.loc[0, "source_predicted"], detail.loc[0, "target_predicted"]) == ("ALB", "PSE")


@pytest.mark.parametrize(
    ("kind", "ok"),
    [("establish_relations", True), ("agreement", True), ("recognition", False), ("visit", False)],
)
def test_symmetric_kinds_accept_either_order(tiny, kind, ok):
    labels = labels_of(label(S_1990, 1990, kind, "ALB", "PSE"))
    events = predicted({"sentence": S_1990, "year": 1990, "actor1": "PSE", "actor2": "ALB"})
    _, o = score(tiny, labels, events)
    assert o["actors_ok"] == int(ok)


def test_rates_are_shares_of_found_and_of_required(tiny):
    labels = labels_of(
        label(S_1990, 1990, "establish_relations"),
        label(S_1988, 1988, "recognition"),
        label(S_1988, 1989, "embassy", "PSE", "ALB"),
        label(S_1998, 1998, "visit", month=3, precision="month"),
    )
    events = predicted(
        {"sentence": S_1990, "year": 1990, "cameo_code": "054"},  # whole
        {"sentence": S_1988, "year": 1988, "cameo_code": "190"},  # wrong kind
        {"sentence": S_1988, "year": 1989, "cameo_code": "053"},  # wrong actors (ALB→PSE)
    )
    _, o = score(tiny, labels, events)
    assert (o["required"], o["found"]) == (4, 3)
    assert o["recall"] == 3 / 4
    assert o["kind_rate"] == 2 / 3 and o["actors_rate"] == 2 / 3  # of the found
    assert o["whole"] == 1 and o["whole_rate"] == 1 / 4  # of the required


# --- UN votes ---------------------------------------------------------------------------------


def votes_frame(sentence: str, year: int, country="ALB") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sentence": [sentence],
            "year": pd.array([year], dtype="Int64"),
            "date": pd.to_datetime([f"{year}-01-01"]),
            "precision": ["year"],
            "country_code": [country],
        }
    )


def test_a_vote_mention_finds_a_vote_label(tiny):
    labels = labels_of(label(S_2012, 2012, "un_vote", "ALB", "IGO"))
    also_event = predicted({"sentence": S_2012, "year": 2012, "cameo_code": "051"})
    detail, o = score(tiny, labels, also_event, votes_frame(S_2012, 2012))
    assert (o["found"], o["kind_ok"], o["actors_ok"], o["whole"]) == (1, 1, 1, 1)
    assert detail.loc[0, "prediction_table"] == "vote_mentions"
    # the event row left in the vote's sentence counts neither way
    assert (o["true_positives"], o["false_positives"], o["scored_predictions"]) == (0, 0, 0)
    assert list(detail["outcome"]) == ["found", "neutral"]

    # without the vote mention, the event row finds the label, with no kind that fits
    detail, o = score(tiny, labels, also_event)
    assert (o["found"], o["kind_ok"], o["true_positives"]) == (1, 0, 1)


def test_vote_mentions_find_only_vote_labels(tiny):
    labels = labels_of(label(S_2012, 2012, "statement"))
    detail, o = score(tiny, labels, predicted(), votes_frame(S_2012, 2012))
    assert (o["found"], o["missed"], o["false_positives"]) == (0, 1, 0)
    assert list(detail["outcome"]) == ["missed", "neutral"]


# --- the baseline -------------------------------------------------------------------------------


def test_baseline_first_title_country_named_acts_on_the_other(tiny):
    labels = labels_of(
        label(S_1990, 1990, "establish_relations"),  # Albania first: ALB→PSE, right
        label(S_2001, 2001, "embassy", "PSE", "ALB"),  # Palestine first: PSE→ALB, right
        label(S_1998, 1998, "visit", "ALB", "PSE"),  # Gaza is no title-country word: ALB→PSE
        label(S_2012, 2012, "visit", "PSE", "ALB"),  # Albania first: ALB→PSE, wrong
    )
    detail, o = score(tiny, labels, predicted())
    pairs = list(zip(detail["baseline_source"], detail["baseline_target"], strict=True))
    assert pairs == [("ALB", "PSE"), ("PSE", "ALB"), ("ALB", "PSE"), ("ALB", "PSE")]
    assert list(detail["baseline_kind"]) == ["visit"] * 4  # the most frequent kind
    assert (o["baseline_actors_ok"], o["baseline_kind_ok"], o["baseline_whole"]) == (3, 2, 1)
    assert o["baseline_actors_rate"] == 3 / 4
    assert o["found"] == 0 and pd.isna(o["baseline_actors_found_rate"])


def test_baseline_kind_can_be_given(tiny):
    labels = labels_of(label(S_1990, 1990, "establish_relations"))
    detail, _ = score(tiny, labels, predicted(), baseline_kind="establish_relations")
    assert bool(detail.loc[0, "baseline_kind_ok"]) is True


def test_most_frequent_kind_ties_go_to_the_guide_order():
    labels = labels_of(
        label(S_1998, 1998, "visit"),
        label(S_1988, 1988, "recognition"),
        label(S_1990, 1990, "other", optional=True),
        label(S_1960, 1960, "other", optional=True),
    )
    assert evaluation.most_frequent_kind([labels]) == "recognition"  # optional ones ignored


# --- the seed: the library against its labels (a smoke test, no threshold) ------------------


@pytest.fixture(scope="module")
def seed_result() -> evaluation.Evaluation:
    return rl.evaluate(SEED, SEED_LABELS)


def test_seed_smoke(seed_result):
    result = seed_result
    raw = json.loads(SEED_LABELS.read_text(encoding="utf-8"))["events"]
    seed = rl.load_seed()
    events, votes = rl.extract_events(seed), rl.extract_vote_mentions(seed)
    for name, frame in (
        ("evaluation_detail", result.detail),
        ("evaluation_articles", result.articles),
        ("evaluation_overall", result.overall),
        ("evaluation_errors", result.errors),
    ):
        validate_table(name, frame)
    detail = result.detail
    # one row per label, and every prediction appears exactly once (matched or not)
    assert detail["label_index"].dropna().astype(int).tolist() == list(range(len(raw)))
    ids = detail["event_id"].dropna().tolist()
    vote_ids = [f"albania_palestine_relations:vote:{n}" for n in range(1, len(votes) + 1)]
    assert sorted(ids) == sorted([*events["event_id"], *vote_ids])
    matched = int((detail["label_index"].notna() & detail["event_id"].notna()).sum())
    assert len(detail) == len(raw) + len(events) + len(votes) - matched
    o = result.overall.iloc[0]
    required = sum(1 for e in raw if not e.get("optional") and e.get("duplicate_of") is None)
    assert o["required"] == required
    assert 0 <= o["found"] <= required and o["recall"] == o["found"] / required
    assert 0.0 <= o["recall"] <= 1.0 and 0.0 <= o["precision"] <= 1.0
    assert o["predicted"] == len(events)
    assert o["found"] == (detail["outcome"] == "found").sum()
    for rate, (num, den) in evaluation.RATES.items():
        if o[den]:
            assert o[rate] == pytest.approx(o[num] / o[den]), rate
    assert result.articles["article"].tolist() == ["albania_palestine_relations"]
    assert result.errors["n"].sum() >= (detail["error"].notna()).sum()


def test_seed_json_summary(seed_result):
    summary = seed_result.to_dict()
    json.dumps(summary)  # JSON-ready
    assert summary["overall"]["required"] == int(seed_result.overall.loc[0, "required"])
    assert set(summary["errors"]) == set(evaluation.ERROR_KINDS)


# --- the API: pairing and extractors ------------------------------------------------------------


def test_folders_pair_by_slug(tmp_path):
    articles, labels = tmp_path / "articles", tmp_path / "labels"
    articles.mkdir()
    labels.mkdir()
    shutil.copy(SEED, articles / "a.txt")
    shutil.copy(SEED, articles / "b.txt")  # no labels: left out, with a warning
    shutil.copy(SEED_LABELS, labels / "a.labels.json")
    with pytest.warns(UserWarning, match="b.txt: no labels"):
        result = rl.evaluate(articles, labels)
    assert result.articles["article"].tolist() == ["a"]
    assert len(result.skipped) == 1


def test_no_pair_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(LabelFormatError, match="no article has labels"):
        rl.evaluate(tmp_path, tmp_path)


def test_extractor_returning_a_frame(tiny):
    labels = labels_of(label(S_1990, 1990, "establish_relations"))
    events = predicted({"sentence": S_1990, "year": 1990, "cameo_code": "054"})
    result = rl.evaluate([tiny], [labels], extractor=lambda article: events)
    assert result.overall.loc[0, "whole"] == 1


def test_extractor_missing_columns_is_a_schema_error(tiny):
    labels = labels_of(label(S_1990, 1990, "establish_relations"))
    bad = pd.DataFrame({"sentence": [S_1990], "year": [1990]})
    with pytest.raises(SchemaError, match="lacks the columns event_id"):
        rl.evaluate([tiny], [labels], extractor=lambda article: bad)


def test_an_extractor_failure_scores_the_article_empty(tiny):
    labels = labels_of(label(S_1990, 1990, "establish_relations"), label(S_1998, 1998, "visit"))

    def crash(article):
        raise ValueError("day is out of range for month")

    with pytest.warns(UserWarning, match="extraction failed .ValueError: day is out of range"):
        result = rl.evaluate([tiny], [labels], extractor=crash)
    o = result.overall.iloc[0]
    assert (o["required"], o["found"], o["missed"], o["predicted"]) == (2, 0, 2, 0)
    assert o["recall"] == 0.0 and pd.isna(o["precision"])
    assert len(result.failed) == 1 and result.to_dict()["failed"] == list(result.failed)


def test_rl_evaluate_stays_the_function():
    import importlib

    importlib.import_module("relations_lib.evaluation")
    assert callable(rl.evaluate) and rl.evaluate is evaluation.evaluate


def test_splits_are_scored_apart(tmp_path):
    articles, labels = tmp_path / "articles", tmp_path / "labels"
    articles.mkdir()
    labels.mkdir()
    for slug in ("a", "b", "c"):
        shutil.copy(SEED, articles / f"{slug}.txt")
        shutil.copy(SEED_LABELS, labels / f"{slug}.labels.json")
    splits = {"a": "holdout", "b": "tune", "c": "tune"}
    results = evaluation.evaluate_splits(articles, labels, splits)
    assert list(results) == ["tune", "holdout"]
    assert results["tune"].articles["article"].tolist() == ["b", "c"]
    one = results["holdout"].overall.iloc[0]
    two = results["tune"].overall.iloc[0]
    assert two["required"] == 2 * one["required"] and two["found"] == 2 * one["found"]


# --- malformed labels → a typed error naming the file and the field ---------------------------


def _seed_labels() -> dict:
    return json.loads(SEED_LABELS.read_text(encoding="utf-8"))


def _edit(path: str, value):
    def apply(data: dict) -> dict:
        data = copy.deepcopy(data)
        *parents, last = path
        target = data
        for key in parents:
            target = target[key]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
        return data

    return apply


_DELETE = object()


@pytest.mark.parametrize(
    ("edit", "field", "message"),
    [
        (_edit(["events"], _DELETE), "events", "missing"),
        (_edit(["title"], 3), "title", "expected a string, got a number"),
        (_edit(["events", 2, "kind"], "vist"), "events[2].kind", "'vist' is not a kind"),
        (_edit(["events", 0, "alt_kinds"], ["treaty"]), "events[0].alt_kinds[0]", "not a kind"),
        (_edit(["events", 1, "year"], "1988"), "events[1].year", "expected an integer"),
        (_edit(["events", 1, "year"], True), "events[1].year", "got a boolean"),
        (_edit(["events", 2, "month"], 13), "events[2].month", "not a month"),
        (_edit(["events", 0, "day"], 5), "events[0].day", "a day needs a month"),
        (_edit(["events", 0, "precision"], "century"), "events[0].precision", "not one of"),
        (_edit(["events", 0, "source_actor"], "alb"), "events[0].source_actor", "three-letter"),
        (_edit(["events", 0, "target_actor"], _DELETE), "events[0].target_actor", "missing"),
        (_edit(["events", 2, "alt_actors"], [["ALB"]]), "events[2].alt_actors[0]", "pair"),
        (_edit(["events", 9, "duplicate_of"], 12), "events[9].duplicate_of", "earlier event"),
        (_edit(["events", 0, "sentence_start"], "  "), "events[0].sentence_start", "empty"),
        (_edit(["events", 3], "an event"), "events[3]", "expected an object, got a string"),
    ],
)
def test_malformed_labels(tmp_path, edit, field, message):
    path = tmp_path / "x.labels.json"
    path.write_text(json.dumps(edit(_seed_labels())), encoding="utf-8")
    with pytest.raises(LabelFormatError) as info:
        evaluation.read_labels(path)
    error = info.value
    assert error.source == str(path) and error.field == field
    assert str(error).startswith(f"{path}: {field}: ") and message in str(error)


def test_labels_not_json_name_the_line(tmp_path):
    path = tmp_path / "x.labels.json"
    path.write_text('{\n "title": "A–B relations",\n "events": [,]\n}\n', encoding="utf-8")
    with pytest.raises(LabelFormatError, match=r"x.labels.json:3: not valid JSON") as info:
        evaluation.read_labels(path)
    assert info.value.line == 3


def test_labels_not_utf8_or_missing(tmp_path):
    path = tmp_path / "x.labels.json"
    path.write_bytes(b'{"title": "caf\xe9"}')
    with pytest.raises(LabelFormatError, match="not UTF-8"):
        evaluation.read_labels(path)
    with pytest.raises(LabelFormatError, match="cannot read"):
        evaluation.read_labels(tmp_path / "nope.labels.json")


def test_label_kinds_file_holds_the_guide_table():
    """data/reference/label_kinds.csv says what LABELS.md's "Kind → acceptable CAMEO roots" says."""
    guide = {
        "visit": "04",
        "recognition": "05",
        "establish_relations": "05 03 06",
        "embassy": "05 04 06",
        "agreement": "03 05 06",
        "military": "06 07 15 16 18 19",
        "reduce_relations": "12 13 16",
        "expulsion": "16 17",
        "statement": "01 02 05 11 12",
    }
    rules = evaluation.label_kinds()
    assert tuple(rules) == evaluation.KINDS
    for kind, roots in guide.items():
        assert rules[kind].roots == frozenset(roots.split()), kind
    assert rules["other"].roots is None and rules["un_vote"].roots == frozenset()
    assert {k for k, r in rules.items() if r.symmetric} == {"establish_relations", "agreement"}


# --- the command line ---------------------------------------------------------------------------


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_evaluate_writes_json(capsys, tmp_path, seed_result):
    out_file = tmp_path / "accuracy.json"
    detail_file = tmp_path / "detail.csv"
    code, out, err = run(
        capsys, "evaluate", SEED, SEED_LABELS, "--out", out_file, "--detail", detail_file
    )
    assert code == 0, err
    assert "recall" in out and "baseline" in out and "wrong_actors" in out
    data = json.loads(out_file.read_text(encoding="utf-8"))
    o = seed_result.overall.iloc[0]
    assert data["overall"]["found"] == int(o["found"])
    assert data["overall"]["recall"] == round(float(o["recall"]), 4)
    assert data["articles"][0]["article"] == "albania_palestine_relations"
    detail = pd.read_csv(detail_file)
    assert len(detail) == len(seed_result.detail) and detail.columns[0] == "split"


def test_cli_evaluate_with_a_manifest(capsys, tmp_path):
    articles, labels = tmp_path / "articles", tmp_path / "labels"
    articles.mkdir()
    labels.mkdir()
    for slug in ("a", "b"):
        shutil.copy(SEED, articles / f"{slug}.txt")
        shutil.copy(SEED_LABELS, labels / f"{slug}.labels.json")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("title,slug,split\nA–B relations,a,tune\nC–D relations,b,holdout\n")
    out_file = tmp_path / "accuracy.json"
    code, out, err = run(
        capsys, "evaluate", articles, labels, "--manifest", manifest, "--out", out_file
    )
    assert code == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert list(data["splits"]) == ["tune", "holdout"]
    assert "articles" in data["splits"]["tune"] and "articles" not in data["splits"]["holdout"]
    assert data["splits"]["tune"]["overall"] == data["splits"]["holdout"]["overall"]
    assert "tune" in out and "holdout" in out


def test_cli_malformed_labels_exit_2(capsys, tmp_path):
    bad = tmp_path / "x.labels.json"
    bad.write_text(json.dumps(_edit(["events", 2, "kind"], "vist")(_seed_labels())))
    code, _, err = run(capsys, "evaluate", SEED, bad)
    assert code == 2
    assert f"{bad}: events[2].kind: 'vist' is not a kind" in err
    assert "Traceback" not in err


def test_cli_bad_manifest_exit_2(capsys, tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("title,slug\nA–B relations,a\n")
    code, _, err = run(capsys, "evaluate", SEED, SEED_LABELS, "--manifest", manifest)
    assert code == 2 and f"{manifest}:1: a manifest needs the columns slug and split" in err
