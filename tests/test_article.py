import re
import subprocess
import sys
import warnings
import zipfile

import pytest
from conftest import REPO, fixture_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relations_lib as rl
from relations_lib.errors import ArticleFormatError, RelationsLibError


def assert_exact_offsets(article: rl.Article) -> None:
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text


def test_seed_structure(seed):
    assert seed.title == "Albania–Palestine relations"
    assert [(c.name, c.alpha3) for c in seed.countries] == [
        ("Albania", "ALB"),
        ("Palestine", "PSE"),
    ]
    assert seed.infobox == {"Filetype": "svg", "Map": "ألبانيا-فلسطين.svg"}
    assert [(s.title, s.level) for s in seed.sections] == [
        ("Lead", 1),
        ("History", 2),
        ("Recognition of Palestine", 2),
        ("See also", 2),
    ]
    assert seed.list_items[-1] == "United Nations General Assembly resolution 67/19"
    assert len(seed.list_items) == 4
    assert_exact_offsets(seed)


def test_seed_sentences(seed):
    texts = [s.text for s in seed.sentences]
    # 28 prose sentences (counted by hand) + 4 See also items.
    assert len(texts) == 32
    assert texts[0] == "Albania and Palestine established diplomatic relations in 1990."
    assert texts[27].startswith(
        "In 2015, Albania was one of the 119 UN-member countries (out of 193)"
    )
    assert texts[27].endswith("raising the Palestinian flag at the UN.")
    # The quotation with a comma inside the quotes stays inside its sentence.
    assert any('"terrorist attitudes,"' in t for t in texts)
    assert {s.section for s in seed.sentences if s.kind == "list_item"} == {"See also"}
    assert seed.sentences[7].line == 12 and seed.sentences[7].section == "History"


def test_seed_source_is_the_file_name(seed):
    assert seed.source == "albania_palestine_relations.txt"


@pytest.mark.parametrize("name", fixture_names())
def test_every_fixture_parses_with_exact_offsets(article, name):
    a = article(name)
    assert len(a.countries) == 2
    assert a.sentences
    assert_exact_offsets(a)


def test_article_without_infobox(article):
    a = article("chile_norway_relations")
    assert a.infobox == {}
    assert [c.alpha3 for c in a.countries] == ["CHL", "NOR"]
    assert (
        a.sentences[0].text == "Chile and Norway established diplomatic relations on 4 June 1920."
    )


def test_spaced_headings_subsections_and_list_items(article):
    a = article("iceland_japan_relations")
    assert [(s.title, s.level, s.parent) for s in a.sections] == [
        ("Lead", 1, None),
        ("Diplomatic missions", 2, "Lead"),
        ("Honorary consulates", 3, "Diplomatic missions"),
        ("Trade", 2, "Lead"),
        ("Agreements", 3, "Trade"),
        ("See also", 2, "Lead"),
    ]
    assert a.infobox["Japan"] == "Embassy of Japan, Reykjavík"
    assert "A whaling dispute arose in the mid-1980s." in a.list_items
    # Heading lines without blank lines around them are headings, not sentences.
    assert not any("==" in s.text for s in a.sentences)
    texts = [s.text for s in a.sentences]
    assert (
        "Iceland maintains honorary consuls in several Japanese cities (e.g. Osaka and Sapporo)."
        in texts
    )
    assert "Dr. H. K. Jónsson, the first honorary consul, served until 1987." in texts


def test_truncated_article_keeps_its_last_fragment(article):
    a = article("finland_vietnam_relations")
    assert a.sentences[-1].text == "In March 19"
    assert a.countries[1].alpha3 == "VNM"  # hyphen in the title


def test_non_ascii_names(article):
    a = article("portugal_sao_tome_relations")
    assert [c.alpha3 for c in a.countries] == ["PRT", "STP"]
    assert a.countries[1].name == "São Tomé and Príncipe"
    assert any("António Costa" in s.text for s in a.sentences)


def test_bom_and_crlf_are_accepted(tmp_path, seed):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + seed.text.replace("\n", "\r\n").encode("utf-8"))
    a = rl.read_article(path)
    assert not a.text.startswith("\ufeff")
    assert [s.text for s in a.sentences] == [s.text for s in seed.sentences]
    assert_exact_offsets(a)
    assert a.sentences[7].line == seed.sentences[7].line


def test_lone_cr_line_endings(seed):
    a = rl.parse_article(seed.text.replace("\n", "\r"), source="cr.txt")
    assert [s.text for s in a.sentences] == [s.text for s in seed.sentences]
    assert_exact_offsets(a)


@pytest.mark.parametrize(
    ("payload", "message", "line"),
    [
        (b"", "empty", None),
        (b"  \n\t\n  ", "empty", None),
        (b"= A\xe9roport relations =\n", "not UTF-8", 1),
        ("= Albania–Palestine relations =\n".encode("utf-16"), "UTF-16", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", None),
        (b"Albania is a country.\nIt has mountains.\n", "no title line", 1),
        (b"\n\n==History==\ntext\n", "no title line", 3),
        (b"= Albania =\n\nText.\n", "does not name two countries", 1),
        ("= –relations =\n\nText.\n".encode(), "does not name two countries", 1),
        ("= Albania–Palestine relations =\n".encode("utf-16-be"), "UTF-16", None),
        ("= Albania–Palestine relations =\n".encode("utf-32"), "UTF-32", None),
    ],
)
def test_bad_input_raises_typed_error_naming_the_file(tmp_path, payload, message, line):
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)
    with pytest.raises(ArticleFormatError, match=message) as info:
        rl.read_article(path)
    assert isinstance(info.value, RelationsLibError)
    assert str(path) in str(info.value)
    if line is not None:
        assert info.value.line == line
        assert f"{path}:{line}:" in str(info.value)


def test_many_headings_parse_in_linear_time():
    """The parent of each heading comes from a stack, not a rescan of earlier sections."""
    body = "".join(
        f"=={i}==\n===Sub {i}===\nAlbania voted in {1950 + i % 70}.\n" for i in range(3000)
    )
    a = rl.parse_article("= Albania–Palestine relations =\n" + body, source="many.txt")
    assert len(a.sections) == 6001
    assert a.sections[-1].parent == "2999" and a.sections[-2].parent == "Lead"


def test_missing_file(tmp_path):
    with pytest.raises(ArticleFormatError, match="file not found"):
        rl.read_article(tmp_path / "nope.txt")


def test_parse_article_rejects_what_is_not_text_as_a_wrong_argument_type():
    """As the README promises for wrong argument types: ArgumentTypeError (a TypeError)."""
    for wrong, got in ((b"= A-B relations =", "bytes"), (None, "None"), (3, "int")):
        with pytest.raises(rl.ArgumentTypeError) as err:
            rl.parse_article(wrong)  # type: ignore[arg-type]
        assert isinstance(err.value, TypeError) and not isinstance(err.value, ArticleFormatError)
        assert (err.value.function, err.value.parameter) == ("parse_article", "text")
        assert str(err.value).startswith("parse_article(): text must be a str")
        assert got in str(err.value)
    assert "read_article" in str(err.value)


def _check_parse(text: str) -> None:
    try:
        a = rl.parse_article(text, source="fuzz.txt")
    except ArticleFormatError as exc:
        assert exc.source == "fuzz.txt"
        return
    assert_exact_offsets(a)
    for s in a.sentences:
        assert 0 <= s.start < s.end <= len(a.text)


@pytest.mark.filterwarnings("ignore::relations_lib.errors.UnknownCountryWarning")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_parse_article_on_arbitrary_text(text):
    _check_parse(text)


@pytest.mark.filterwarnings("ignore::relations_lib.errors.UnknownCountryWarning")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=4670), st.integers(0, 40), st.text(max_size=8)
        ),
        max_size=6,
    )
)
def test_parse_article_on_mutated_seed(edits):
    text = rl.load_seed().text
    for pos, length, insert in edits:
        pos = min(pos, len(text))
        text = text[:pos] + insert + text[pos + length :]
    _check_parse(text)


def test_load_seed_from_a_built_wheel(tmp_path):
    """The wheel bundles the seed: load_seed() works with only the wheel on sys.path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("relations_lib-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    assert "relations_lib/_bundled/seeds/albania_palestine_relations.txt" in names
    code = (
        "import relations_lib as rl; a = rl.load_seed(); "
        "print(a.title, [c.alpha3 for c in a.countries])"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); {code}",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.stdout.strip() == "Albania–Palestine relations ['ALB', 'PSE']"


# ------------------------------------------------------------------ lines with long space runs

# The regexes that once classified lines (cubic or quadratic on long space runs); the
# replacements must read every line the same way.
_OLD_TITLE = re.compile(r"^=\s*([^=].*?)\s*=$")
_OLD_HEADING = re.compile(r"^(={2,})\s*(.*?)\s*(=*)\s*$")
_OLD_ITEM = re.compile(r"^(\s*[-*•]\s+)(.*?)\s*$")
_line_text = st.text(alphabet=st.sampled_from("=-*• \t\u00a0ab:"), max_size=14)


@settings(max_examples=400, deadline=None)
@given(_line_text)
def test_line_classifiers_read_lines_as_the_old_patterns_did(line):
    from relations_lib.text.article import _heading_of, _item_of, _title_of

    stripped = line.strip()
    old = _OLD_HEADING.match(stripped)
    assert _heading_of(stripped) == (old.groups() if old else None)
    old = _OLD_ITEM.match(line)
    assert _item_of(line) == (old.groups() if old else None)
    old = _OLD_TITLE.match(stripped)
    # the old pattern could take a space for the title's first character ("= = x =" →
    # "= x"): such a line is now no title line; any other title is read alike
    if old and old.group(1).strip() and not old.group(1).strip().startswith("="):
        assert _title_of(stripped) == old.group(1).strip()
    elif not old:
        assert _title_of(stripped) is None


@pytest.mark.parametrize(
    ("line", "check"),
    [
        ("== a" + " " * 100_000 + "b", lambda a: a.sections[-1].title.endswith("b")),
        ("== a" + " " * 100_000 + "==", lambda a: a.sections[-1].title == "a"),
        ("- a" + " " * 100_000 + "b", lambda a: a.list_items[-1].endswith("b")),
        ("a" + "\u00a0" * 100_000 + "b.", lambda a: a.sentences[-1].text.endswith("b.")),
    ],
)
def test_lines_with_long_space_runs_parse_in_linear_time(line, check):
    # a heading with 2,000 spaces took 17 s, 5,000 spaces 227 s (a backtracking regex)
    import time

    text = "= Albania–Palestine relations =\n\n" + line + "\n"
    t0 = time.perf_counter()
    article = rl.parse_article(text)
    assert time.perf_counter() - t0 < 2.0
    assert check(article)
    assert_exact_offsets(article)


def test_title_line_with_long_space_run_is_a_typed_error_at_once():
    import time

    t0 = time.perf_counter()
    with pytest.raises(ArticleFormatError, match="no title line"):
        rl.parse_article("= Albania" + " " * 100_000 + "x\n", source="long.txt")
    with pytest.raises(ArticleFormatError, match="does not name two countries"):
        rl.parse_article("= Albania" + " " * 100_000 + "x =\n", source="long.txt")
    assert time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize(
    "title_line",
    [
        "= Chile–Peru relations",
        "=Chile–Peru relations",
        "== Chile–Peru relations",
        "= Chile–Peru relations =",
    ],
)
def test_a_title_line_without_its_closing_marker_is_tolerated(title_line):
    """The "=" marks are markup: never part of a country's name (no "= Chile", UNK)."""
    body = "\n\nIn 1990 Chile and Peru signed a trade agreement in Lima.\n"
    closed = rl.parse_article("= Chile–Peru relations =" + body, source="t.txt")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no UnknownCountryWarning
        article = rl.parse_article(title_line + body, source="t.txt")
    assert article.title == "Chile–Peru relations"
    assert [c.alpha3 for c in article.countries] == ["CHL", "PER"]
    assert [c.name for c in article.countries] == [c.name for c in closed.countries]
    assert article.paragraphs == closed.paragraphs and article.paragraphs
    assert len(rl.extract_events(article)) == len(rl.extract_events(closed))
    # a line of "=" marks alone is still no title, named with its line
    with pytest.raises(ArticleFormatError, match=r"^t\.txt:1: no title line"):
        rl.parse_article("=" + body, source="t.txt")
