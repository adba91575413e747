"""The events table (rl.extract_events) and the unmatched table (rl.unmatched).

Expected tables were written by hand from reading each article (tests/fixtures/articles/
*.expected.csv; a "?" cell is not checked, an empty one means NA). The seed's is asserted
exactly; over all fixtures, recall and precision of dated events are computed and asserted.
The HOLDOUT articles and their tables were written before the dictionaries and never used to tune
them: their scores are reported separately.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from conftest import ARTICLES_DIR, fixture_names

import relations_lib as rl
from relations_lib.coding import events as events_module
from relations_lib.coding.cameo import lookup
from relations_lib.schema import validate_table
from relations_lib.schema.events import EVENTS, UNMATCHED

#: The columns extract_events returns (the phase columns are added later by rl.assign_phases).
COLUMNS = [c.name for c in EVENTS.columns if c.required]
HOLDOUT = ("brazil_nigeria_relations", "hungary_mongolia_relations", "kenya_turkey_relations")
EXPECTED = ["seed"] + [n for n in fixture_names() if (ARTICLES_DIR / f"{n}.expected.csv").exists()]


def expected_rows(name: str) -> list[dict]:
    with (ARTICLES_DIR / f"{name}.expected.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def predicted_rows(article: rl.Article) -> list[dict]:
    index = {s.start: s.index for s in article.sentences}
    frame = rl.extract_events(article)
    out = []
    for r in frame.itertuples():
        out.append(
            dict(
                sentence=index[r.start],
                date_text=r.date_text,
                code="" if pd.isna(r.cameo_code) else r.cameo_code,
                actor1="" if pd.isna(r.actor1) else r.actor1,
                actor2="" if pd.isna(r.actor2) else r.actor2,
            )
        )
    return out


def match(article: rl.Article, expected: list[dict], predicted: list[dict]):
    """Pair expected and predicted events: same sentence, overlapping date phrases."""
    texts = {s.index: s.text for s in article.sentences}

    def span(sentence: int, date_text: str):
        k = texts[sentence].find(date_text)
        return (k, k + len(date_text)) if k >= 0 else None

    used, pairs = set(), []
    for e in expected:
        si = int(e["sentence"])
        es = span(si, e["date_text"])
        assert es is not None, f"expected date {e['date_text']!r} is not in sentence {si}"
        for n, p in enumerate(predicted):
            ps = span(p["sentence"], p["date_text"]) if p["sentence"] == si else None
            if n not in used and ps and es[0] < ps[1] and ps[0] < es[1]:
                used.add(n)
                pairs.append((e, p))
                break
    return pairs


def scores(names) -> dict[str, float]:
    n_exp = n_pred = n_match = n_root = n_actor = n_actor_ok = 0
    for name in names:
        article = (
            rl.load_seed() if name == "seed" else rl.read_article(ARTICLES_DIR / f"{name}.txt")
        )
        exp, pred = expected_rows(name), predicted_rows(article)
        pairs = match(article, exp, pred)
        n_exp, n_pred, n_match = n_exp + len(exp), n_pred + len(pred), n_match + len(pairs)
        for e, p in pairs:
            n_root += (e["cameo_code"][:2] or "other") == (p["code"][:2] or "other")
            for side in ("actor1", "actor2"):
                if e[side] != "?":
                    n_actor += 1
                    n_actor_ok += e[side] == p[side]
    return dict(
        expected=n_exp,
        predicted=n_pred,
        recall=n_match / n_exp,
        precision=n_match / n_pred,
        root=n_root / n_match,
        actors=n_actor_ok / n_actor,
    )


# --------------------------------------------------------------------------- the seed


def test_seed_matches_the_hand_written_table_exactly(seed):
    frame = rl.extract_events(seed)
    index = {s.start: s.index for s in seed.sentences}
    got = pd.DataFrame(
        {
            "sentence": frame["start"].map(index).astype("Int64"),
            "date_text": frame["date_text"],
            "year": frame["year"],
            "month": frame["month"],
            "day": frame["day"],
            "precision": frame["precision"].astype("string"),
            "qualifier": frame["date_qualifier"].astype("string"),
            "year_end": frame["year_end"],
            "actor1": frame["actor1"],
            "actor2": frame["actor2"],
            "cameo_code": frame["cameo_code"],
        }
    )
    want = pd.read_csv(
        ARTICLES_DIR / "seed.expected.csv",
        dtype={
            "cameo_code": "string",
            "date_text": "string",
            "precision": "string",
            "qualifier": "string",
            "actor1": "string",
            "actor2": "string",
        },
        keep_default_na=False,
        na_values={"cameo_code": [""], "qualifier": [""], "actor1": [""], "actor2": [""]},
    ).drop(columns="note")
    for col in ("sentence", "year", "month", "day", "year_end"):
        want[col] = pd.to_numeric(want[col].replace("", None)).astype("Int64")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)


def test_seed_event_details(seed):
    frame = rl.extract_events(seed).set_index("date_text")
    visit = frame.loc["the end of 1996"]
    assert visit["actor1_name"] == "Yasser Arafat" and visit["actor2_name"] == "Albania"
    assert (visit["cameo_code"], visit["goldstein"], visit["quad_class"], visit["plover"]) == (
        "042",
        1.9,
        1,
        "CONSULT",
    )
    assert visit["date"] == pd.Timestamp("1996-01-01")
    assert visit["event_id"] == "albania_palestine_relations:24:1"
    # the 1998 visit's Arafat is the Palestinian Authority's (PSEGOV), the 1970 delegation Fatah's
    assert frame.loc["March 1998", "actor2"] == "PSEGOV"
    assert frame.loc["July 1970", "actor2"] == "PSEREB"
    # "other" events have no code and no weights
    other = frame[frame["event_type"] == "other"]
    assert len(other) == 2
    assert other["cameo_code"].isna().all() and other["goldstein"].isna().all()
    assert other["quad_class"].isna().all() and other["plover"].isna().all()


def test_seed_unmatched(seed):
    frame = rl.unmatched(seed)
    assert frame["date_text"].tolist() == ["29 November 2012"]
    assert frame["reason"].iloc[0].startswith("abstention in a vote")
    row = frame.iloc[0]
    assert seed.text[row["start"] : row["end"]] == row["sentence"]
    assert seed.text[row["date_start"] : row["date_end"]] == row["date_text"]


# --------------------------------------------------------------------------- generality


def test_recall_and_precision_over_all_fixtures():
    s = scores(EXPECTED)
    print(f"\nall fixtures: {s}")
    assert s["expected"] >= 150
    assert s["recall"] >= 0.9
    assert s["precision"] >= 0.9
    assert s["root"] >= 0.8


def test_recall_and_precision_on_the_holdout():
    """Reported, not tuned: the articles were labelled before the dictionaries were written."""
    s = scores(HOLDOUT)
    print(f"\nholdout: {s}")
    assert s["expected"] >= 50
    assert s["recall"] >= HOLDOUT_FLOOR["recall"]
    assert s["precision"] >= HOLDOUT_FLOOR["precision"]


#: The holdout's scores when first measured, after tuning on the other fixtures only (56
#: expected events: recall 53/56 = 0.946, precision 53/55 = 0.964, CAMEO root agreement 0.925):
#: the test guards against falling below them.
HOLDOUT_FLOOR = {"recall": 0.94, "precision": 0.96}


@pytest.mark.parametrize("name", EXPECTED)
def test_every_expected_table_is_well_formed(article, name):
    a = article(name)
    texts = {s.index: s.text for s in a.sentences}
    for row in expected_rows(name):
        assert row["date_text"] in texts[int(row["sentence"])], row
        assert row["cameo_code"] == "" or lookup(row["cameo_code"]), row


# --------------------------------------------------------------------------- the contract


ALL = ["seed", *fixture_names()]


@pytest.mark.parametrize("name", ALL)
def test_columns_dtypes_and_offsets(article, name):
    a = article(name)
    frame = rl.extract_events(a)
    assert list(frame.columns) == COLUMNS
    for column in EVENTS.columns[: len(COLUMNS)]:
        assert str(frame[column.name].dtype) == column.dtype, column.name
    validate_table("events", frame)
    validate_table("unmatched", rl.unmatched(a))
    for r in frame.itertuples():
        assert a.text[r.start : r.end] == r.sentence
        assert r.date_text in r.sentence
    assert frame["event_id"].is_unique
    assert list(rl.unmatched(a).columns) == UNMATCHED.column_names


@pytest.mark.parametrize("name", ALL)
def test_nothing_read_is_dropped(article, name):
    """Every date phrase of every sentence and heading is an event's or an unmatched row's."""
    a = article(name)
    frame, misses = rl.extract_events(a), rl.unmatched(a)
    found: Counter = Counter()
    for s in a.sentences:
        for d in rl.find_dates(a.text, s.start, s.end):
            found[(s.start, d.text)] += 1
    for sec in a.sections[1:]:
        start = a.text.find(sec.title, sec.start)
        for d in rl.find_dates(a.text, start, start + len(sec.title)):
            found[(start, d.text)] += 1
    events = Counter(zip(frame["start"].tolist(), frame["date_text"].tolist(), strict=True))
    missed = Counter(zip(misses["start"].tolist(), misses["date_text"].tolist(), strict=True))
    assert set(events) | set(missed) == set(found)
    for key, n in found.items():
        # a phrase dates one event per coordinated actor, or is one unmatched row
        assert missed[key] + min(events[key], n - missed[key]) == n, key
        if events[key] > n - missed[key]:
            pairs = frame[(frame["start"] == key[0]) & (frame["date_text"] == key[1])]
            assert len(pairs[["actor1", "actor2"]].drop_duplicates()) == len(pairs), key
    for r in misses.itertuples():
        assert a.text[r.start : r.end] == r.sentence
        assert a.text[r.date_start : r.date_end] == r.date_text
        assert r.reason


def test_order_and_determinism(seed):
    first = rl.extract_events(seed)
    again = rl.extract_events(rl.load_seed())  # a new Article: computed afresh
    pd.testing.assert_frame_equal(first, again)
    keys = list(zip(first["start"], first["date_text"].map(lambda t: 0), strict=True))
    assert keys == sorted(keys)


def _one(text: str) -> rl.Article:
    return rl.parse_article("= Albania–Palestine relations =\n\n" + text, source="t.txt")


@pytest.mark.parametrize(
    ("sentence", "code", "actor1", "actor2"),
    [
        ("Albania and Palestine established diplomatic relations in 1990.", "054", "ALB", "PSE"),
        # a clause-opening date looks right, a later one looks left
        ("In July 1970, Tirana received a Fatah delegation.", "043", "ALBGOV", "PSEREB"),
        ("Albania recognized the Palestinian State in 1988.", "054", "ALB", "PSE"),
        # passive with an agent: the agent acts
        ("In 1975 Palestinian students were expelled by Albania.", "174", "ALB", "PSEEDU"),
        # reciprocal pair: the host keeps actor1 with 043
        ("In 1996 Albania was visited by Yasser Arafat.", "043", "ALB", "PSEGOV"),
        # "the visit of X": X made the visit
        ("Relations improved after the visit of Yasser Arafat in 1996.", "042", "PSEGOV", "ALB"),
        # a stated refusal is coded 120, the refused verb is not
        ("In 1982 Albania refused to endorse the PLO.", "120", "ALB", "PSEREB"),
        ("In 1982 Albania chose not to extend its support to the PLO.", "120", "ALB", "PSEREB"),
        # only one side named: the article's other country is the other side
        ("Albania opened an embassy in 2010.", "050", "ALB", "PSE"),
        # a third-party event keeps its own actors
        ("Israel invaded Lebanon in 1982.", "190", "ISR", "LBN"),
        ("In 1990 Albania condemned the Israeli invasion of Lebanon.", "111", "ALB", "ISR"),
        # a threat is the event, coded by what it threatens (CAMEO 13x): the threatened act,
        # an irrealis, is not coded as if it happened
        ("Albania threatened to invade Palestine in 1980.", "138", "ALB", "PSE"),
        ("In 1977 Albania threatened to attack the Palestinians.", "138", "ALB", "PSE"),
        ("In 1981 Albania threatened to use force against Palestine.", "138", "ALB", "PSE"),
        ("Albania threatened Palestine with sanctions in 1990.", "1312", "ALB", "PSE"),
        ("In 1985 Albania threatened to break off relations with Palestine.", "1313", "ALB", "PSE"),
        ("In 1986 Albania threatened Palestine.", "130", "ALB", "PSE"),
        # a passive whose agent is the event noun: the noun's origin acts on the subject
        ("Palestine was hit by sanctions from Israel in 1990.", "163", "ISR", "PSE"),
        ("In 1991 Lebanon was struck by Israeli sanctions.", "163", "ISR", "LBN"),
        ("In 1992 Lebanon was sanctioned by Israel.", "163", "ISR", "LBN"),
        # a date phrase that holds its own participle dates the clause it opens
        ("Starting from the mid-1990s, the two states conducted long talks.", "040", "ALB", "PSE"),
        # "against the backdrop of" an event is a circumstance, not the clause's event
        (
            "In 1990, against the backdrop of the Israeli invasion of Lebanon, Albania handed "
            "the archive to Palestine.",
            None,
            "ALB",
            "PSE",
        ),
        # "anti-X" names the side opposed: the other side acts
        ("In 1992 anti-Palestinian riots broke out.", None, "ALB", "PSE"),
        # a passive statement "from" a side: that side spoke
        (
            "In 1995 it was announced from the Palestinian side that the mission in Tirana "
            "would be upgraded.",
            "010",
            "PSE",
            "ALB",
        ),
        # force that was used is violence, not a threat
        ("In 1982 Israel used military force against Lebanon.", "190", "ISR", "LBN"),
        # a dated happening without a pattern is "other"; a passive without an agent has the
        # other side act: Albania admits the Palestinians (issue 11)
        (
            "In 1971, eleven Palestinians were admitted to the University of Tirana.",
            None,
            "ALB",
            "PSE",
        ),
        # a dated state is an event too (LABELS.md: every year is an event or a named
        # non-event); its actors are those its clause names
        ("In 1991–1995, Albania was Palestine's largest market.", None, "ALB", "PSE"),
        # a clause that names no actor is the article's pair
        ("Trade grew sharply in the early 1980s.", None, "ALB", "PSE"),
        # a three-letter word is a country code only in capitals: the "Pan" of "Pan-Arabism"
        # is no Panama (it coded PAN)
        ("Pan-Arabism spread to Palestine in the 1960s.", None, "ALB", "PSE"),
        # "together with X" is a co-actor, not the other side (it coded the NATO allies)
        (
            "In 1999 Albania sent peacekeeping troops to Palestine together with other NATO "
            "members.",
            "074",
            "ALB",
            "PSE",
        ),
        # a purpose infinitive names the other side when the verb names none (it fell back to
        # the title pair)
        # (troops sent against a side are a show of force, 154, not peacekeeping, 074)
        ("In 1948 Palestine sent troops to fight against Israel.", "154", "PSE", "ISR"),
        ("In 1948 Palestine sent troops to help Lebanon.", "074", "PSE", "LBN"),
        # troops sent to a border or deployed against a country: a show of force (CAMEO 154),
        # not protection (074; it coded 074, +8.5); troops sent to help stay 074
        ("In 1998, Albania reportedly sent troops to the Palestinian border.", "154", "ALB", "PSE"),
        ("In 2000, Israel deployed troops against Lebanon.", "154", "ISR", "LBN"),
        ("In 2002, Israel massed tanks along its border with Lebanon.", "154", "ISR", "LBN"),
        (
            "In 2001, Albania sent peacekeepers to Palestine at the request of its government.",
            "074",
            "ALB",
            "PSE",
        ),
        # an intransitive verb's common-noun subject is what its row's object names: a war
        # that broke out is fighting, between the sides its "between" phrase names; relations
        # that declined are reduced; a named war stays background
        ("A war broke out between Israel and Lebanon in 1950.", "190", "ISR", "LBN"),
        ("Relations between the two countries declined in 1990.", "160", "ALB", "PSE"),
        ("World War II broke out in 1939.", None, "ALB", "PSE"),
        # what a clause turned "into" is its row's object too; the subject's "between" phrase
        # names both sides
        (
            "In 1990 the border dispute between Israel and Lebanon escalated into war.",
            "190",
            "ISR",
            "LBN",
        ),
        # "renewed ties", "ties were (re-)initiated": relations established again; a conjoined
        # verb shares its first conjunct's passive subject
        ("In 1992 Albania renewed its ties with Palestine.", "054", "ALB", "PSE"),
        ("Diplomatic ties were re-initiated in 1992.", "054", "ALB", "PSE"),
        # neither clause names an event: the main clause, which a postposed "after" clause's
        # date bounds, gives the actors (it coded Palestine → Israel)
        (
            "Albania–Palestine trade grew quickly soon after Palestine gained independence from "
            "Israel in 1990.",
            None,
            "ALB",
            "PSE",
        ),
        # Serbia and Montenegro continued Yugoslavia's seat: YUG, as LABELS.md codes it
        ("In 2004 Albania signed an accord with Serbia and Montenegro.", "057", "ALB", "YUG"),
        # a vote on a resolution acts on the UN, not on the article's other country (it fell
        # back to the title pair); only a resolution that names that country targets it
        ("In 1975, Albania voted against resolution 3379.", "120", "ALB", "IGOUNO"),
        (
            "In 1980, Albania voted in favour of a resolution condemning apartheid in South "
            "Africa.",
            "051",
            "ALB",
            "IGOUNO",
        ),
        ("In 1990, Palestine voted for a resolution on Antarctica.", "051", "PSE", "IGOUNO"),
        ("In 1991, Albania voted for a resolution condemning Palestine.", "051", "ALB", "PSE"),
    ],
)
def test_coding_rules(sentence, code, actor1, actor2):
    frame = rl.extract_events(_one(sentence))
    assert len(frame) == 1, frame
    row = frame.iloc[0]
    assert (None if pd.isna(row["cameo_code"]) else row["cameo_code"]) == code
    assert (row["actor1"], row["actor2"]) == (actor1, actor2)
    assert row["event_type"] == ("other" if code is None else row["event_type"])


def test_a_hosted_meeting_names_no_guest_by_default():
    # "hosted a summit" names the host only: no visitor is invented from the title pair (it
    # coded ALB hosting PSE); a guest the sentence names is still the other side
    frame = rl.extract_events(_one("In 1992, Albania hosted a summit."))
    assert frame["cameo_code"].tolist() == ["043"]
    assert frame["actor1"].tolist() == ["ALB"]
    assert frame["actor2"].isna().tolist() == [True]
    frame = rl.extract_events(_one("In 1994, Albania hosted a summit with Palestine."))
    assert frame[["cameo_code", "actor1", "actor2"]].values.tolist() == [["043", "ALB", "PSE"]]
    frame = rl.extract_events(_one("In 1996, Albania hosted Yasser Arafat."))
    assert frame[["cameo_code", "actor1", "actor2"]].values.tolist() == [["043", "ALB", "PSEGOV"]]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Albania did not recognise Palestine in 1980.", "negated: not recognise"),
        ("Albania never visited Palestine in 1975.", "negated: never visited"),
        # "neither … nor" negates like "did not": on the verbs, the subject or the object
        ("Albania neither signed nor ratified the accord in 1977.", "negated: neither signed"),
        ("Neither country recognised the other until 1990.", "negated: Neither country"),
        ("In 1986 neither Albania nor Palestine opened a mission.", "negated: neither Albania"),
        ("Albania received neither Arafat nor Abbas in 1993.", "negated: neither Arafat"),
        ("None of the Albanian ministers went to Gaza in 1999.", "negated: None of the"),
        ("Albania abstained in the vote in 2012.", "abstention in a vote"),
        # an abstention on a resolution has no CAMEO code either, whatever it concerns
        ("In 1991, Albania abstained on a resolution on Iraq.", "abstention in a vote"),
        # "almost" / "nearly": the act did not happen (it coded 190 war)
        ("In 1997, Albania almost declared war on Palestine.", "near miss: almost declared"),
        ("In 1996, Albania nearly broke off relations with Palestine.", "near miss: nearly broke"),
        ("Albania never ratified the 1992 Tirana Convention.", "names"),
        ("Albania recognised Palestine on 2 March.", "no year"),
    ],
)
def test_no_event_and_why(sentence, reason):
    article = _one(sentence)
    assert rl.extract_events(article).empty
    misses = rl.unmatched(article)
    assert len(misses) == 1
    assert misses["reason"].iloc[0].startswith(reason), misses["reason"].iloc[0]


@pytest.mark.parametrize(
    "text",
    [
        "Albania recognised Palestine in 1988. In 1990, the Albanian minister visited",
        "Albania recognised Palestine in 1988. In 1990, the Albanian government was overthrow",
    ],
)
def test_a_text_cut_at_the_word_that_names_the_event_dates_nothing(text):
    # a stored copy that stops at the event's word: whom it touched is cut off
    article = _one(text)
    assert rl.extract_events(article)["date_text"].tolist() == ["1988"]
    assert rl.unmatched(article)["reason"].tolist() == [
        "cut: the text stops at the word that names the event"
    ]
    # the same words with an end are an event
    assert len(rl.extract_events(_one(text + " Tirana."))) == 2


def test_no_actor_named_when_the_article_names_no_pair():
    """Only an article whose title names no known pair can leave a clause with no actor."""
    with pytest.warns(UserWarning):
        article = rl.parse_article(
            "= Albania–Atlantis relations =\n\nTrade grew sharply in the early 1980s.\n",
            source="t.txt",
        )
    assert rl.extract_events(article).empty
    assert rl.unmatched(article)["reason"].tolist() == ["no actor named"]


def test_negation_never_produces_the_positive_event():
    article = _one(
        "Albania did not recognise Palestine in 1980. Albania refused to endorse the PLO in "
        "1982. Palestine never visited Albania in 1983. Albania chose not to extend its support "
        "in 1984."
    )
    frame = rl.extract_events(article)
    assert frame["cameo_code"].tolist() == ["120", "120"]  # the two refusals
    assert not frame["cameo_code"].isin(["054", "051", "042"]).any()
    assert rl.unmatched(article)["reason"].str.startswith("negated").sum() == 2


def test_coordinated_dates_repeat_the_verb_and_two_verbs_take_two_dates():
    frame = rl.extract_events(
        _one(
            "Yasser Arafat visited Tirana in 1990 and again in 1996. Albania recognized the "
            "State in 1988 and in 1989 the Embassy of the State of Palestine was opened in Albania."
        )
    )
    assert frame[["date_text", "cameo_code", "actor1"]].values.tolist() == [
        ["1990", "042", "PSEREB"],  # Arafat led the PLO in 1990
        ["1996", "042", "PSEGOV"],  # and the Palestinian Authority in 1996
        ["1988", "054", "ALB"],
        ["1989", "050", "PSEREB"],  # the State of Palestine's embassy, before the PA: PLO
    ]


def test_heading_dates_are_listed():
    article = rl.parse_article(
        "= Albania–Palestine relations =\n\n== 1990s ==\nAlbania recognized Palestine in 1988.\n",
        source="h.txt",
    )
    misses = rl.unmatched(article)
    assert misses["reason"].tolist() == ["heading: a section title dates no event"]
    assert misses["date_text"].tolist() == ["1990s"]
    assert len(rl.extract_events(article)) == 1


def test_article_without_dates_gives_empty_typed_frames():
    article = _one("Albania and Palestine are friends.")
    frame = rl.extract_events(article)
    assert frame.empty and list(frame.columns) == COLUMNS
    validate_table("events", frame)
    validate_table("unmatched", rl.unmatched(article))


def test_user_extends_the_dictionaries_without_code(tmp_path, monkeypatch):
    """A new verb pattern in a copied data/reference/ codes a sentence the shipped one cannot."""
    import shutil

    from relations_lib import paths
    from relations_lib.coding import actors, cameo

    sentence = "In 1999 Albania feted Palestine."
    assert rl.extract_events(_one(sentence))["event_type"].tolist() == ["other"]
    shutil.copytree(paths.reference_dir(), tmp_path / "ref")
    with (tmp_path / "ref" / "verb_patterns.csv").open("a", encoding="utf-8") as fh:
        fh.write("feted,051,praise or endorse,,event,before,,yes,verb,a user's row\n")
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path / "ref")
    caches = (
        cameo.verb_rows,
        cameo._first_word_index,
        cameo._row_order,
        cameo.cameo_codes,
        actors.actor_rows,
        actors._actor_trie,
    )
    for fn in caches:
        fn.cache_clear()
    try:
        frame = rl.extract_events(_one(sentence))
        assert frame["cameo_code"].tolist() == ["051"]
    finally:
        for fn in caches:
            fn.cache_clear()


def test_speed_of_the_seed(seed):
    rl.extract_events(seed)  # warm: dictionaries loaded
    best = float("inf")
    for _ in range(7):
        events_module._CACHE.clear()
        t0 = time.perf_counter()
        rl.extract_events(seed)
        best = min(best, time.perf_counter() - t0)
    print(f"\nseed → events, best of 7: {best * 1000:.1f} ms")
    # coding on a parse: the target for all the seed's tables is 150 ms warm (issue 11); the
    # parse of the dated sentences is most of it (relations_lib.bench "coding")
    assert best < 0.15


def test_module_exports_only_the_two_functions():
    assert events_module.__all__ == ["extract_events", "unmatched"]
    assert Path(events_module.__file__).name == "events.py"


def test_a_date_before_1677_keeps_its_year_and_gets_no_wrapped_date():
    # datetime64[ns] ends at 1677-09-22: numpy's cast from days wrapped 1171 onto 1755-07-21.
    article = rl.parse_article(
        "= Bulgaria–Serbia relations =\n\n"
        "Bulgaria signed a treaty with Serbia in 1171. Bulgaria recognised Serbia in 1990.\n",
        source="t.txt",
    )
    events = rl.extract_events(article)
    old, new = events.set_index("year").loc[1171], events.set_index("year").loc[1990]
    assert pd.isna(old["date"])
    assert new["date"] == pd.Timestamp("1990-01-01")
    assert str(events["date"].dtype) == "datetime64[ns]"
