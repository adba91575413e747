"""The ``relations`` command line."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ARTICLES_DIR, REPO, fixture_names
from pandas.testing import assert_frame_equal

import relations_lib as rl
from relations_lib import cli
from relations_lib.build import to_csv_bytes
from relations_lib.corpus import local as corpus

SEED = REPO / "seeds" / "albania_palestine_relations.txt"
LATIN1 = "= Chile-Norway relations =\n\nA café opened in 1990.\n".encode("latin-1")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def tables_of(path: Path) -> dict[str, pd.DataFrame]:
    a = rl.read_article(path)
    return {
        "events": rl.extract_events(a),
        "vote_mentions": rl.extract_vote_mentions(a),
        "unmatched": rl.unmatched(a),
    }


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        shutil.copy(path, d / path.name)
    (d / "latin1.txt").write_bytes(LATIN1)
    return d


# --- help -------------------------------------------------------------------------------------


def test_help_explains_every_option(capsys):
    code, out, _ = run(capsys, "--help")
    out = " ".join(out.split())  # argparse wraps to the terminal width
    assert code == 0
    for needle in ("parse", "--version", "--debug", "Exit status", "2 bad input"):
        assert needle in out
    code, out, _ = run(capsys, "parse", "--help")
    out = " ".join(out.split())
    assert code == 0
    for needle in (
        "ARTICLE.txt|DIR",
        "--out DIR",
        "--format",
        "csv",
        "parquet",
        "json",
        "pyarrow",
        "--debug",
        "atomically",
        "skipped",
    ):
        assert needle in out, needle


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"relations {rl.__version__}")


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys)
    assert code == 2 and "required" in err
    code, _, err = run(capsys, "parse", SEED, "--format", "xml")
    assert code == 2 and "invalid choice: 'xml'" in err


# --- one article --------------------------------------------------------------------------------


def test_summary_of_one_article(capsys, seed):
    code, out, err = run(capsys, "parse", SEED)
    assert code == 0, err
    t = tables_of(SEED)
    lines = out.splitlines()
    assert lines[0] == str(SEED)
    expected = {
        "title": "Albania–Palestine relations",
        "countries": "Albania (ALB), Palestine (PSE)",
        "sentences": str(len(seed.sentences)),
        "events": str(len(t["events"])),
        "vote mentions": str(len(t["vote_mentions"])),
        "unmatched": str(len(t["unmatched"])),
    }
    got = {line[2:16].strip(): line[17:] for line in lines[1:]}
    assert got == expected


def test_out_writes_the_three_tables_as_csv(capsys, tmp_path):
    out_dir = tmp_path / "new" / "out"
    code, out, err = run(capsys, "parse", SEED, "--out", out_dir)
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "events.csv",
        "unmatched.csv",
        "vote_mentions.csv",
    ]
    for name, frame in tables_of(SEED).items():
        assert (out_dir / f"{name}.csv").read_bytes() == to_csv_bytes(frame)
    assert "wrote 3 tables" in out


def test_json_format(capsys, tmp_path):
    code, _, err = run(capsys, "parse", SEED, "--out", tmp_path, "--format", "json")
    assert code == 0, err
    for name, frame in tables_of(SEED).items():
        records = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert len(records) == len(frame)
        if len(frame):
            assert list(records[0]) == list(frame.columns)
            assert records[0]["sentence"] == frame["sentence"].iloc[0]


def test_parquet_format_round_trips(capsys, tmp_path):
    code, _, err = run(capsys, "parse", SEED, "--out", tmp_path, "--format", "parquet")
    assert code == 0, err
    for name, frame in tables_of(SEED).items():
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert_frame_equal(back, frame, check_dtype=False, check_categorical=False)
        assert list(back.columns) == list(frame.columns)


def test_parquet_without_pyarrow_is_a_clear_error(capsys, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda n, *a: None if n == "pyarrow" else real(n, *a)
    )
    code, _, err = run(capsys, "parse", SEED, "--out", tmp_path / "o", "--format", "parquet")
    assert code == 2
    assert "pyarrow" in err and "pip install 'relations_lib[parquet]'" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (LATIN1, ":3: not UTF-8: byte 0xe9"),
        (b"", ": file is empty or holds only white space"),
        (b"no title here\n", ":1: no title line"),
        ("\ufeff= Xanadu relations =\n\nText.\n".encode(), ":1: title 'Xanadu relations'"),
    ],
    ids=["latin1", "empty", "no-title", "no-pair"],
)
def test_bad_article_is_file_line_message_and_exit_2(capsys, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = run(capsys, "parse", path, "--out", tmp_path / "out")
    assert code == 2
    assert err.startswith(f"{path}") and message in err
    assert len(err.strip().splitlines()) == 1, "one line, no traceback"
    assert not (tmp_path / "out").exists()


def test_missing_file_and_out_is_a_file(capsys, tmp_path):
    code, _, err = run(capsys, "parse", tmp_path / "nope.txt")
    assert (code, err.strip()) == (2, f"{tmp_path / 'nope.txt'}: file not found")
    target = tmp_path / "file"
    target.write_text("x")
    code, _, err = run(capsys, "parse", SEED, "--out", target)
    assert code == 2 and "--out must be a folder" in err
    assert target.read_text() == "x"


def test_unknown_country_is_a_warning_not_an_error(capsys, tmp_path):
    path = tmp_path / "atlantis.txt"
    path.write_text(
        "= Atlantis–Norway relations =\n\nNorway opened an embassy in Atlantis in 1990.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "parse", path)
    assert code == 0
    assert "Atlantis (UNK), Norway (NOR)" in out
    assert err.startswith("relations: warning: ") and "'Atlantis'" in err and "UNK" in err


# --- failures leave nothing half-written ----------------------------------------------------------


def boom(article):
    raise ZeroDivisionError("division by zero in the extractor")


def test_internal_error_is_one_line_and_exit_1(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "extract_tables", boom)
    code, _, err = run(capsys, "parse", SEED, "--out", tmp_path / "out")
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "internal error: ZeroDivisionError: division by zero" in err
    assert "please report" in err and "--debug" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    code, _, err = run(capsys, "--debug", "parse", SEED)
    assert code == 1 and "Traceback (most recent call last)" in err and "please report" in err
    code, _, err = run(capsys, "parse", SEED, "--debug")
    assert code == 1 and "Traceback (most recent call last)" in err


def test_nothing_is_written_until_every_table_is_ready(capsys, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "events.csv").write_bytes(b"old events\n")
    tables = tables_of(SEED)
    real = cli.serialise

    def fail_on_the_last(frame, fmt):
        if frame is tables["unmatched"]:
            raise RuntimeError("cannot serialise")
        return real(frame, fmt)

    monkeypatch.setattr(corpus, "extract_tables", lambda a: tables)
    monkeypatch.setattr(cli, "serialise", fail_on_the_last)
    code, _, err = run(capsys, "parse", SEED, "--out", out_dir)
    assert code == 1 and "internal error: RuntimeError: cannot serialise" in err
    assert (out_dir / "events.csv").read_bytes() == b"old events\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["events.csv"], "nothing else written"


def test_a_write_error_names_the_table_not_a_temporary_file(capsys, tmp_path, monkeypatch):
    from relations_lib import outputs

    real = outputs._write_file

    def refuse_unmatched(path, payload):
        if path.name == "unmatched.csv":
            raise PermissionError(13, "Permission denied", str(path))
        real(path, payload)

    monkeypatch.setattr(outputs, "_write_file", refuse_unmatched)
    out_dir = tmp_path / "ro"
    code, _, err = run(capsys, "parse", SEED, "--out", out_dir)
    assert code == 2
    assert err.strip() == (
        f"{out_dir / 'unmatched.csv'}: cannot write: permission denied; {out_dir} was left "
        "unchanged"
    )
    assert not out_dir.exists(), "the folder made for the failed run is removed again"


# --- corpus mode ----------------------------------------------------------------------------------


def test_folder_summary_skips_and_says_why(capsys, folder):
    code, out, err = run(capsys, "parse", folder)
    assert code == 0
    good = [folder / f"{n}.txt" for n in fixture_names()]
    for path in good:
        t = tables_of(path)
        n = (len(t["events"]), len(t["vote_mentions"]), len(t["unmatched"]))
        assert f"{n[0]:>7} {n[1]:>6} {n[2]:>9}  {path}" in out.splitlines()
    assert "latin1.txt" not in out.replace("skipped", "")
    assert f"{len(good)} articles processed, 1 skipped" in out
    assert f"skipped: {folder / 'latin1.txt'}:3: not UTF-8" in err
    assert f"skipped 1 of {len(good) + 1} articles: 1 ArticleFormatError" in err
    # progress: plain lines when stderr is not a terminal
    total = len(good) + 1
    lines = err.splitlines()
    assert sum(line.startswith("[") and f"/{total}] " in line for line in lines) == total
    assert any(line.endswith(f"/{total}] latin1.txt") for line in lines)
    assert "\r" not in err


def test_folder_out_streams_parts_then_writes_the_stacked_tables(capsys, folder, tmp_path):
    """A folder run streams parts (and a manifest), then switches in the stacked tables: those
    of the in-memory API, byte for byte."""
    from relations_lib.corpus.stream import read_run

    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "parse", folder, "--out", out_dir, "--jobs", "1")
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "errors.csv",
        "events.csv",
        "parts",
        "unmatched.csv",
        "vote_mentions.csv",
    ]
    expected = rl.extract_events_many(folder)
    for name, frame in expected.tables().items():
        assert (out_dir / f"{name}.csv").read_bytes() == to_csv_bytes(frame)
        assert_frame_equal(read_run(out_dir).tables()[name], frame)
    parts = sorted((out_dir / "parts").glob("part-*"))
    tables = ("errors", "events", "unmatched", "vote_mentions")
    assert parts and all(  # Parquet, and CSV since CSV tables were asked
        sorted(f.name for f in part.iterdir())
        == sorted(f"{t}.{x}" for t in tables for x in ("csv", "parquet"))
        for part in parts
    )
    errors = pd.concat(pd.read_parquet(part / "errors.parquet") for part in parts)
    assert list(errors["source"]) == [str(folder / "latin1.txt")]
    assert f"{expected.n_articles} articles processed, 1 skipped" in out
    assert f"wrote 4 tables to {out_dir}" in out and f"{len(parts)} parts in" in out
    assert f"skipped: {folder / 'latin1.txt'}:3: not UTF-8" in err
    assert "\r" not in err, "no progress bar when stderr is not a terminal"
    code, out, _ = run(capsys, "parse", folder, "--out", out_dir, "--jobs", "1")  # resumed
    n_files = len(list(folder.glob("*.txt")))
    assert code == 0 and f"0 articles processed, 0 skipped; {n_files} were done already" in out


def test_folder_out_parquet_and_json_tables(capsys, folder, tmp_path):
    expected = rl.extract_events_many(folder)
    code, _, err = run(capsys, "parse", folder, "--out", tmp_path / "pq", "--format", "parquet")
    assert code == 0, err
    for name, frame in expected.tables().items():
        back = pd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        assert_frame_equal(back, frame, check_dtype=False, check_categorical=False)
    code, _, err = run(
        capsys, "parse", folder, "--out", tmp_path / "js", "--format", "json", "--batch-size", "2"
    )
    assert code == 0, err
    for name, frame in expected.tables().items():
        records = json.loads((tmp_path / "js" / f"{name}.json").read_text(encoding="utf-8"))
        assert len(records) == len(frame)
        assert [r.get("article", r.get("source")) for r in records] == list(frame.iloc[:, 0])


def test_folder_run_progress_bar_on_a_terminal(folder, tmp_path, monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    for quiet, out_dir in ((False, tmp_path / "bar"), (True, tmp_path / "quiet")):
        err = Tty()
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        code = cli.main(["parse", str(folder), "--out", str(out_dir), "-j", "1", *["-q"] * quiet])
        assert code == 0, err.getvalue()
        total = len(list(folder.glob("*.txt")))
        # tqdm: "coding: 100%|…| 13/13 [00:01<00:00, 9.50article/s]" (elapsed<left, rate)
        bar = re.search(
            rf"{total}/{total} \[\d\d:\d\d<\d\d:\d\d, +[\d.]+article/s\]", err.getvalue()
        )
        assert bool(bar) is not quiet, err.getvalue()


def test_folder_run_options_only_for_a_folder_with_out(capsys, folder, tmp_path):
    code, _, err = run(capsys, "parse", SEED, "--jobs", "2")
    assert code == 2 and "--jobs: only for a folder run with --out" in err
    code, _, err = run(capsys, "parse", folder, "--batch-size", "3", "--fresh")
    assert code == 2 and "--batch-size, --fresh: only for a folder run with --out" in err
    code, _, err = run(capsys, "parse", folder, "--out", tmp_path / "o", "--jobs", "0")
    assert code == 2 and "must be at least 1" in err
    code, _, err = run(
        capsys, "parse", folder, "--out", tmp_path / "o", "-j", "2", "--scheduler", "tcp://x:1"
    )
    assert code == 2 and "choose one" in err
    assert not (tmp_path / "o").exists()


def test_folder_with_nothing_usable_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "parse", tmp_path)
    assert code == 2 and "no *.txt articles" in err
    (tmp_path / "a.txt").write_bytes(LATIN1)
    code, out, err = run(capsys, "parse", tmp_path)
    assert code == 2 and "0 articles processed, 1 skipped" in out


def test_progress_line_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    progress = cli.ProgressLine(stream)
    progress(1, 12, "/x/a_long_name.txt")
    progress(2, 12, "/x/b.txt")
    progress.close()
    text = stream.getvalue()
    first, second = "[ 1/12] a_long_name.txt", "[ 2/12] b.txt"
    # the shorter line is padded to wipe out the longer one; one newline at the end
    assert text == f"\r{first}\r{second}" + " " * (len(first) - len(second)) + "\n"


# --- as a program ---------------------------------------------------------------------------------


def test_python_dash_m_and_console_script(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(LATIN1)
    script = Path(sys.executable).with_name("relations")
    for argv in ([sys.executable, "-m", "relations_lib.cli"], [str(script)]):
        ok = subprocess.run([*argv, "parse", str(SEED)], capture_output=True, text=True)
        assert ok.returncode == 0, ok.stderr
        assert "Albania–Palestine relations" in ok.stdout
        fail = subprocess.run([*argv, "parse", str(bad)], capture_output=True, text=True)
        assert fail.returncode == 2
        assert fail.stderr.startswith(f"{bad}:3: not UTF-8")


def test_a_missing_or_empty_input_folder_is_named_once(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    for argv in (("parse", tmp_path / "empty"), ("parse", tmp_path / "empty", "--out", "o")):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        assert err.strip() == "empty: no *.txt articles in this folder"
    code, _, err = run(capsys, "parse", tmp_path / "nothing_here", "--out", "o")
    assert code == 2 and err.strip() == "nothing_here: file not found"
    assert not (tmp_path / "o").exists()


def test_a_folder_run_says_which_sub_folders_it_did_not_read(capsys, tmp_path, monkeypatch):
    """Folder mode is not recursive (as extract_events_many): the summary names what it left."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "in" / "empty_sub").mkdir()
    shutil.copy(ARTICLES_DIR / "chile_norway_relations.txt", tmp_path / "in" / "top.txt")
    shutil.copy(ARTICLES_DIR / "chile_norway_relations.txt", tmp_path / "in" / "sub" / "a.txt")
    shutil.copy(
        ARTICLES_DIR / "chile_norway_relations.txt", tmp_path / "in" / "sub" / "deeper" / "b.txt"
    )
    note = (
        "2 sub-folders with *.txt files not read (a folder run reads only the files directly "
        "in it; run each sub-folder into its own --out): in/sub, in/sub/deeper"
    )
    code, out, err = run(capsys, "parse", "in")
    assert code == 0 and note in err.splitlines()
    assert "1 articles processed" in out
    code, out, err = run(capsys, "parse", "in", "--out", "o")
    assert code == 0 and note in err.splitlines()
    assert "1 articles processed" in out
    for argv in (("parse", "in/sub/"), ("parse", "in/sub/", "--out", "o2")):
        (tmp_path / "in" / "sub" / "a.txt").rename(tmp_path / "in" / "sub" / "a.txt.bak")
        code, out, err = run(capsys, *argv)  # nothing directly in it: say where articles are
        assert (code, out) == (2, "")
        assert err.strip() == (
            "in/sub: no *.txt articles in this folder (1 sub-folder holds some, which a "
            "folder run does not read: give a sub-folder)"
        )
        (tmp_path / "in" / "sub" / "a.txt.bak").rename(tmp_path / "in" / "sub" / "a.txt")
    summary = rl.run_corpus("in", "o", jobs=1)
    assert summary.subfolders_not_read == ["in/sub", "in/sub/deeper"]
    assert summary.inputs == 1 == rl.extract_events_many("in").n_articles
