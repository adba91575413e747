"""Corpus mode: many articles read and extracted, bad ones reported and skipped."""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from conftest import ARTICLES_DIR, fixture_names
from pandas.testing import assert_frame_equal

import relations_lib as rl
from relations_lib.corpus import local as corpus
from relations_lib.corpus.local import ArticleFailure, process_article
from relations_lib.errors import ReferenceDataError
from relations_lib.schema import TABLES, keyed_by_article, validate_table

LATIN1 = "= Chile-Norway relations =\n\nThey signed a café treaty in 1990.\n".encode("latin-1")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """Every test article, plus three bad files and a file that is not *.txt."""
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes(LATIN1)
    (tmp_path / "no_title.txt").write_text("Just a paragraph, no title.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    return tmp_path


BAD = ["empty.txt", "latin1.txt", "no_title.txt"]


def test_read_corpus_reads_the_good_and_reports_the_bad(folder):
    c = rl.read_corpus(folder)
    assert [Path(s).name for s in c.sources] == [f"{n}.txt" for n in fixture_names()]
    assert len(c) == len(fixture_names())
    assert all(isinstance(a, rl.Article) for a in c)
    validate_table("corpus_errors", c.errors)
    assert [Path(s).name for s in c.errors["source"]] == BAD
    by_name = {Path(r.source).name: r for r in c.errors.itertuples(index=False)}
    assert "empty" in by_name["empty.txt"].error
    assert pd.isna(by_name["empty.txt"].line)
    assert "not UTF-8" in by_name["latin1.txt"].error and by_name["latin1.txt"].line == 3
    assert by_name["no_title.txt"].line == 1
    for row in c.errors.itertuples(index=False):
        assert row.error.startswith(f"{row.source}:")
        assert row.error_type == "ArticleFormatError"


def test_read_corpus_takes_paths_and_a_missing_file(folder, tmp_path):
    paths = [folder / "chile_norway_relations.txt", tmp_path / "missing.txt"]
    c = rl.read_corpus(paths)
    assert [Path(s).name for s in c.sources] == ["chile_norway_relations.txt"]
    assert list(c.errors["error"]) == [f"{tmp_path / 'missing.txt'}: file not found"]
    assert len(rl.read_corpus(folder / "chile_norway_relations.txt")) == 1
    empty = rl.read_corpus([])
    assert len(empty) == 0 and len(empty.errors) == 0
    validate_table("corpus_errors", empty.errors)


def per_article(path: Path, name: str, fn) -> pd.DataFrame:
    frame = fn(rl.read_article(path))
    return frame.assign(article=str(path))[["article", *frame.columns]]


@pytest.mark.parametrize(
    ("name", "fn"),
    [
        ("events", lambda a: rl.extract_events(a)),
        ("vote_mentions", lambda a: rl.extract_vote_mentions(a)),
        ("unmatched", lambda a: rl.unmatched(a)),
    ],
)
def test_extract_events_many_stacks_each_article(folder, name, fn):
    tables = rl.extract_events_many(folder)
    assert tables.n_articles == len(fixture_names())
    assert tables.n_skipped == len(BAD)
    frame = getattr(tables, name)
    assert frame.columns[0] == "article"
    validate_table(keyed_by_article(TABLES[name]), frame)
    paths = sorted(folder.glob("*.txt"))
    good = [p for p in paths if p.name not in BAD]
    expected = pd.concat([per_article(p, name, fn) for p in good], ignore_index=True)
    expected["article"] = expected["article"].astype("string")
    assert_frame_equal(frame, expected)


def test_inputs_list_articles_and_corpus(folder):
    articles = [rl.read_article(folder / f"{n}.txt") for n in fixture_names()[:2]]
    from_articles = rl.extract_events_many(articles)
    from_paths = rl.extract_events_many([folder / f"{n}.txt" for n in fixture_names()[:2]])
    assert_frame_equal(from_articles.events, from_paths.events)
    assert from_articles.n_articles == 2 and from_articles.n_skipped == 0
    # a Corpus keeps the read errors it met
    c = rl.read_corpus(folder)
    tables = rl.extract_events_many(c)
    assert tables.n_articles == len(c) and tables.n_skipped == len(BAD)
    assert_frame_equal(tables.errors, c.errors)
    assert_frame_equal(tables.events, rl.extract_events_many(folder).events)


def test_unknown_engine_lists_the_engines(folder):
    assert "local" in corpus.ENGINES
    engines = ", ".join(repr(e) for e in sorted(corpus.ENGINES))
    with pytest.raises(
        rl.ArgumentValueError, match=re.escape(f"engine must be one of {engines}, got str 'spark'")
    ):
        rl.extract_events_many(folder, engine="spark")


def test_progress_reports_every_article(folder):
    calls = []
    rl.extract_events_many(folder, progress=lambda *a: calls.append(a))
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    assert calls == [(i, len(paths), p) for i, p in enumerate(paths, start=1)]


def test_engine_hook_gives_the_same_tables(folder, monkeypatch):
    """An engine is any function mapping process_article over the inputs, in order."""

    def threads(items, progress):
        with ThreadPoolExecutor(max_workers=2) as pool:
            return list(pool.map(process_article, items))

    monkeypatch.setitem(corpus.ENGINES, "threads", threads)
    local = rl.extract_events_many(folder)
    other = rl.extract_events_many(folder, engine="threads")
    for name in ("events", "vote_mentions", "unmatched", "errors"):
        assert_frame_equal(getattr(local, name), getattr(other, name))


def test_process_article_is_pure(folder):
    bad = process_article(folder / "latin1.txt")
    assert isinstance(bad, ArticleFailure)
    assert bad.error_type == "ArticleFormatError" and bad.line == 3
    good = process_article(folder / "chile_norway_relations.txt")
    assert set(good) == {"events", "vote_mentions", "unmatched"}
    same = rl.read_article(folder / "chile_norway_relations.txt")
    assert_frame_equal(good["events"], rl.extract_events(same))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(f"{n}.txt" for n in fixture_names()), *BAD, "notes.md"]
    ), "processing wrote something"


def test_library_errors_skip_and_bugs_propagate(folder, monkeypatch):
    def broken(article):
        if "chile" in article.source:
            raise ReferenceDataError("vocabulary.csv:3: malformed row")
        if "iceland" in article.source:
            raise ZeroDivisionError("a bug")
        return {
            "events": pd.DataFrame(),
            "vote_mentions": pd.DataFrame(),
            "unmatched": pd.DataFrame(),
        }

    monkeypatch.setattr(corpus, "extract_tables", broken)
    failure = process_article(folder / "chile_norway_relations.txt")
    assert failure.error_type == "ReferenceDataError"
    assert (
        failure.error == f"{folder / 'chile_norway_relations.txt'}: vocabulary.csv:3: malformed row"
    )
    with pytest.raises(ZeroDivisionError) as info:
        process_article(folder / "iceland_japan_relations.txt")
    assert any("iceland_japan_relations.txt" in note for note in info.value.__notes__)


def test_a_missing_input_or_an_empty_folder_is_an_error_naming_it(tmp_path, monkeypatch):
    """The one path given (not a file inside it) must be there and hold articles."""
    monkeypatch.chdir(tmp_path)
    for call in (rl.extract_events_many, rl.read_corpus):
        with pytest.raises(rl.ArticleFileError) as err:
            call(tmp_path / "nothing_here")
        assert str(err.value) == "nothing_here: no such file or folder"
        assert err.value.source.endswith("nothing_here")
        (tmp_path / "empty").mkdir(exist_ok=True)
        with pytest.raises(rl.ArticleFileError, match=r"^empty: no \*\.txt articles in this"):
            call("empty")
    # a missing file inside a list stays a row of errors
    inside = rl.extract_events_many([tmp_path / "nothing_here.txt"])
    assert list(inside.errors["error"]) == ["nothing_here.txt: file not found"]


def test_empty_corpus_gives_empty_valid_tables(tmp_path):
    tables = rl.extract_events_many([])
    assert (tables.n_articles, tables.n_skipped) == (0, 0)
    for name in ("events", "vote_mentions", "unmatched"):
        frame = getattr(tables, name)
        assert len(frame) == 0
        validate_table(keyed_by_article(TABLES[name]), frame)
    validate_table("corpus_errors", tables.errors)
    only_bad = rl.extract_events_many([tmp_path / "nothing.txt"])
    assert (only_bad.n_articles, only_bad.n_skipped) == (0, 1)
    validate_table(keyed_by_article(TABLES["events"]), only_bad.events)


def test_categories_survive_stacking(folder):
    events = rl.extract_events_many(folder).events
    single = rl.extract_events(rl.read_article(folder / "chile_norway_relations.txt"))
    for column in single.columns:
        if isinstance(single[column].dtype, pd.CategoricalDtype):
            assert isinstance(events[column].dtype, pd.CategoricalDtype), column


def test_stacking_unions_differing_categories():
    a = pd.DataFrame({"x": pd.Categorical(["p"], categories=["p"], ordered=True)})
    b = pd.DataFrame({"x": pd.Categorical(["q"], categories=["q"], ordered=True)})
    out = corpus._stack("events", [("a.txt", a), ("b.txt", b)])
    assert list(out.columns) == ["article", "x"]
    assert list(out["article"]) == ["a.txt", "b.txt"]
    assert out["x"].dtype == pd.CategoricalDtype(["p", "q"], ordered=True)
    assert list(out["x"]) == ["p", "q"]
