"""CAMEO tables (vendored) and the verb patterns that assign codes
(relations_lib/coding/cameo.py)."""

import csv

import pytest

from relations_lib.coding import cameo
from relations_lib.coding.actors import tokenize
from relations_lib.errors import ReferenceDataError
from relations_lib.paths import reference_dir

CAMEO_DIR = reference_dir() / "cameo"


def _tsv(name):
    with (CAMEO_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_vendored_tables_agree_with_each_other():
    codes = {r["CAMEOEVENTCODE"]: r["EVENTDESCRIPTION"] for r in _tsv("CAMEO.eventcodes.tsv")}
    weights = {
        r["CAMEOEVENTCODE"]: float(r["GOLDSTEINSCALE"]) for r in _tsv("CAMEO.goldsteinscale.tsv")
    }
    table = cameo.cameo_codes()
    assert len(table) == len(codes) == len(weights) == 311
    for code, entry in table.items():
        assert entry.description == codes[code]
        assert entry.goldstein == weights[code]
        assert -10 <= entry.goldstein <= 10
        assert entry.root == code[:2]
        assert entry.quad_class in (1, 2, 3, 4)


def test_known_codes():
    visit = cameo.lookup("042")
    assert (visit.description, visit.goldstein, visit.quad_class, visit.plover) == (
        "Make a visit",
        1.9,
        1,
        "CONSULT",
    )
    assert cameo.lookup("054").description == "Grant diplomatic recognition"
    assert cameo.lookup("180").quad_class == 4
    with pytest.raises(ReferenceDataError, match="unknown CAMEO code '999'"):
        cameo.lookup("999")


def test_every_verb_pattern_uses_real_codes():
    rows = cameo.verb_rows()
    assert len(rows) > 100
    table = cameo.cameo_codes()
    for row in rows:
        if row.kind in ("event", "refusal"):
            assert row.code in table, row
            assert row.label, row
        else:
            assert row.code == "", row
        if row.reciprocal:
            assert row.reciprocal in table, row
    # the reciprocal pair of the brief: a visit is 042 for the visitor, 043 for the host
    visit = next(r for r in rows if r.pattern.startswith("visit|visits"))
    assert (visit.code, visit.reciprocal) == ("042", "043")
    host = next(r for r in rows if r.pattern.startswith("host|"))
    assert (host.code, host.reciprocal) == ("043", "042")


def _codes(text):
    return [
        (v.row.code or v.row.kind, text[t[v.i].start : t[v.j - 1].end])
        for t in [tokenize(text)]
        for v in cameo.find_verbs(t)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They established diplomatic relations.", [("054", "established diplomatic relations")]),
        ("Albania recognised Palestine.", [("054", "recognised")]),
        ("Norway opened a legation in Santiago.", [("050", "opened a legation")]),
        ("The two sides signed a trade agreement.", [("057", "signed a trade agreement")]),
        ("He paid a state visit to Hanoi.", [("042", "paid a state visit")]),
        ("Tirana received a Fatah delegation.", [("043", "received a Fatah delegation")]),
        (
            "Norway received several hundred Chilean refugees.",
            [("075", "received several hundred Chilean refugees")],
        ),
        (
            "Albania suspended ongoing military training.",
            [("1622", "suspended ongoing military training")],
        ),
        ("Greece recalled its ambassador.", [("161", "recalled its ambassador")]),
        ("They condemned it.", [("111", "condemned")]),
        ("Albania refused to endorse them.", [("120", "refused to"), ("051", "endorse")]),
        ("Finland did not recognise it.", [("negation", "not"), ("054", "recognise")]),
        ("Albania abstained in the vote.", [("no_event", "abstained")]),
        # a hyphenated compound is one word inside a gap
        ("thirty had undergone a six-month training", [("072", "undergone a six-month training")]),
        # "agreement" alone is not "agree"; "hostile" is not "host"
        ("They met in a hostile mood.", [("040", "met")]),
        ("They voted in favor of the motion.", [("051", "voted in favor")]),
        ("They voted in favour of the motion.", [("051", "voted in favour")]),
    ],
)
def test_find_verbs(text, expected):
    assert _codes(text) == expected


def test_more_literal_words_win():
    # "sign * agreement" (2 literal words) beats "agreement" and "sign" alone
    assert _codes("They signed an agreement.") == [("057", "signed an agreement")]


def test_pattern_syntax_errors():
    with pytest.raises(ValueError, match="gap"):
        cameo.parse_pattern("* visit")
    with pytest.raises(ValueError, match="anchor"):
        cameo.parse_pattern("=a =b")
    items = cameo.parse_pattern("embass* ** =opened")
    assert [it.gap for it in items] == [0, 16, 0]
    assert [it.anchor for it in items] == [False, False, True]


def test_bad_verb_file_names_file_and_line(tmp_path, monkeypatch):
    import shutil

    from relations_lib import paths

    shutil.copytree(reference_dir(), tmp_path / "ref")
    bad = tmp_path / "ref" / "verb_patterns.csv"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "visit*,999,bad code,,event,before,,yes,verb,")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path / "ref")
    for fn in (cameo.verb_rows, cameo.cameo_codes, cameo._first_word_index, cameo._row_order):
        fn.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match=r"verb_patterns\.csv:4: '999' is not a CAMEO"):
            cameo.verb_rows()
    finally:
        for fn in (cameo.verb_rows, cameo.cameo_codes, cameo._first_word_index, cameo._row_order):
            fn.cache_clear()


def test_threats_are_coded_by_what_they_threaten():
    """threat_codes.csv follows CAMEO 1.1b3: each threatened act maps to a 13x code whose
    Goldstein weight is a threat's (between 130's −4.4 and the hostile −7.0), the longest code
    prefix wins, and an act no row covers stays a plain 130."""
    table = cameo.cameo_codes()
    for act, (threat, label) in cameo.threat_codes().items():
        assert act in table and table[threat].root == "13", (act, threat)
        assert -7.0 <= table[threat].goldstein <= -4.4
        assert label.startswith("threaten")
    assert cameo.threat_of("190")[0] == "138"  # Threaten to use military force
    assert cameo.threat_of("192")[0] == "1382"  # occupation, more specific than 19 → 138
    assert cameo.threat_of("163")[0] == "1312"  # boycott, embargo or sanction
    assert cameo.threat_of("161")[0] == "1313"  # reduce or break relations
    assert table["138"].description == "Threaten to use military force, not specified below"
    assert cameo.threat_of("042") is None  # "threatened to visit": no 13x names it


def test_bad_threat_file_names_file_and_line(tmp_path, monkeypatch):
    import shutil

    from relations_lib import paths

    shutil.copytree(reference_dir(), tmp_path / "ref")
    bad = tmp_path / "ref" / "threat_codes.csv"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "190,190,threaten force,a violent act is no threat")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path / "ref")
    cameo.threat_codes.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match=r"threat_codes\.csv:3: '190' is no CAMEO"):
            cameo.threat_codes()
    finally:
        cameo.threat_codes.cache_clear()
