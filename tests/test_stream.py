"""Streaming corpus runs: parts, manifest, resume, worker processes, bad files, interrupts."""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from conftest import ARTICLES_DIR, REPO, fixture_names
from pandas.testing import assert_frame_equal

import relations_lib as rl
from relations_lib.bench import synthetic_corpus
from relations_lib.corpus import stream
from relations_lib.corpus.stream import MANIFEST, PARTS, RunError, read_run, run_corpus, run_digest
from relations_lib.outputs import to_csv_bytes
from relations_lib.schema import TABLES, keyed_by_article, validate_table

pytest.importorskip("pyarrow", reason="parts are Parquet files")

LATIN1 = "= Chile-Norway relations =\n\nThey signed a café treaty in 1990.\n".encode("latin-1")
NAMES = ("events", "vote_mentions", "unmatched", "errors")
N_SYNTHETIC = 40  # articles of the synthetic corpus; 41 files with its bad one
N_FILES = N_SYNTHETIC + 1


BAD_MESSAGES = {
    "bad_latin1.txt": ":3: not UTF-8: byte 0xe9",
    "bad_binary.txt": ":2: binary content",
    "bad_empty.txt": ": file is empty",
    "bad_dir.txt": ": is a directory, not an article file",
    "bad_fifo.txt": ": a FIFO (named pipe), not a regular file",
    "bad_zero.txt": ": a character device, not a regular file",
    "bad_dangling.txt": ": dangling symbolic link",
    "bad_name_\\xff.txt": ":3: not UTF-8",
}


def _bad_files(folder: Path) -> None:
    """Bad files of every kind a folder may hold (BAD_MESSAGES: what their errors say)."""
    (folder / "bad_latin1.txt").write_bytes(LATIN1)
    (folder / "bad_binary.txt").write_bytes(b"= A-B relations =\n\x00\x01\x02\xff\xfe")
    (folder / "bad_empty.txt").write_bytes(b"")
    (folder / "bad_dir.txt").mkdir()
    os.mkfifo(folder / "bad_fifo.txt")  # reading it would block forever
    os.symlink("/dev/zero", folder / "bad_zero.txt")  # reading it would never end
    os.symlink(folder / "nowhere", folder / "bad_dangling.txt")
    name = os.fsdecode(b"bad_name_\xff.txt")  # a file name that is not UTF-8
    (folder / name).write_bytes(LATIN1)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """The test articles and one bad file of every kind."""
    d = tmp_path / "articles"
    d.mkdir()
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        shutil.copy(path, d / path.name)
    _bad_files(d)
    return d


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """N_SYNTHETIC synthetic articles of 2–5 KB and a bad one."""
    d = tmp_path_factory.mktemp("synthetic")
    for i, text in enumerate(synthetic_corpus(N_SYNTHETIC, seed=11)):
        (d / f"article_{i:03d}.txt").write_text(text, encoding="utf-8")
    (d / "bad_latin1.txt").write_bytes(LATIN1)
    return d


@pytest.fixture(scope="module")
def clean(synthetic, tmp_path_factory) -> Path:
    """One clean, uninterrupted run over ``synthetic``, in this process."""
    out = tmp_path_factory.mktemp("clean") / "out"
    run_corpus(synthetic, out, jobs=1, batch_size=7)
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, str]:
    """12 synthetic articles and a bad one, for runs in a child process; and the output folder
    of one clean run over them."""
    d = tmp_path_factory.mktemp("small")
    for i, text in enumerate(synthetic_corpus(12, seed=5)):
        (d / f"article_{i:03d}.txt").write_text(text, encoding="utf-8")
    (d / "bad_latin1.txt").write_bytes(LATIN1)
    out = tmp_path_factory.mktemp("small_clean") / "out"
    run_corpus(d, out, jobs=1, tables="csv")
    return d, out


def manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / PARTS / MANIFEST).read_text().splitlines()]


def sources_in_parts(out: Path) -> list[str]:
    return sorted(a[0] for r in manifest(out)[1:] for a in r["articles"])


def assert_only_complete_parts(out: Path) -> None:
    """What a stopped run may leave: the manifest and the parts it names, nothing else."""
    parts = [r["folder"] for r in manifest(out)[1:]]
    assert sorted(p.name for p in (out / PARTS).iterdir()) == sorted([MANIFEST, *parts])


# --- a run ---------------------------------------------------------------------------------------


def test_a_run_gives_the_tables_of_extract_events_many(folder, tmp_path):
    out = tmp_path / "out"
    summary = run_corpus(folder, out, jobs=1, batch_size=4)
    expected = rl.extract_events_many(folder)
    got = read_run(out)
    for name in NAMES:
        assert_frame_equal(got.tables()[name], expected.tables()[name])
    for name in ("events", "vote_mentions", "unmatched"):
        validate_table(keyed_by_article(TABLES[name]), got.tables()[name])
    validate_table("corpus_errors", got.errors)
    n_good, n_bad = len(fixture_names()), 8
    assert (got.n_articles, got.n_skipped) == (n_good, n_bad)
    assert (summary.coded, summary.skipped, summary.already_done) == (n_good, n_bad, 0)
    assert summary.parts == summary.parts_total == -(-(n_good + n_bad) // 4)
    assert summary.rows == {name: len(got.tables()[name]) for name in NAMES}
    assert_only_complete_parts(out)
    # every source is in exactly one part, and each part holds at most a batch
    records = manifest(out)[1:]
    assert all(len(r["articles"]) <= 4 for r in records)
    listed = sorted(os.fspath(p) for p in folder.iterdir() if p.name.endswith(".txt"))
    assert sources_in_parts(out) == listed


def test_bad_files_are_error_rows_and_never_stop_the_run(folder, tmp_path):
    summary = run_corpus(folder, tmp_path / "out", jobs=1)
    errors = read_run(tmp_path / "out").errors
    messages = {Path(s).name: e for s, e in zip(errors["source"], errors["error"], strict=True)}
    wanted = BAD_MESSAGES
    assert sorted(messages) == sorted(wanted)
    for name, needle in wanted.items():
        source = errors.loc[errors["source"].str.endswith(name), "source"].iloc[0]
        assert messages[name].startswith(source + needle.split(":")[0] + ":"), messages[name]
        assert needle in messages[name], messages[name]
    assert list(errors["line"].dropna()) == [2, 3, 3]  # binary, latin1, non-UTF-8 name
    assert summary.coded == len(fixture_names())


def test_an_unreadable_and_a_vanishing_file(folder, tmp_path, monkeypatch):
    """Permission denied (the tests may run as root, who may read anything: the refusal is
    simulated at os.open) and a file deleted after the folder was listed."""
    unreadable = os.fspath(folder / "chile_norway_relations.txt")
    doomed = folder / "sweden_iran_relations.txt"
    real_open = os.open

    def refusing_open(path, flags, *args):
        if os.fspath(path) == unreadable:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(stream.os, "open", refusing_open)
    calls = []

    def delete_after_the_first_part(done, total):
        calls.append(done)
        if len(calls) == 1:
            doomed.unlink()

    run_corpus(folder, tmp_path / "out", jobs=1, batch_size=3, progress=delete_after_the_first_part)
    errors = read_run(tmp_path / "out").errors.set_index("source")["error"]
    assert errors[unreadable] == (
        f"{unreadable}: permission denied: the file (or a folder above it) may not be read"
    )
    assert errors[os.fspath(doomed)] == f"{doomed}: file not found"


# --- worker processes --------------------------------------------------------------------------


def test_worker_processes_write_the_same_rows(synthetic, clean, tmp_path, published_parts):
    published = published_parts
    summary = run_corpus(synthetic, tmp_path / "out", jobs=2, batch_size=5)
    assert run_digest(tmp_path / "out") == run_digest(clean)
    for name in NAMES:  # and read back, in the same order
        assert_frame_equal(
            read_run(tmp_path / "out").tables()[name], read_run(clean).tables()[name]
        )
    # two worker processes coded and wrote the parts; only plain metadata came back
    pids = {meta["pid"] for meta in published}
    assert len(pids) == 2 and os.getpid() not in pids
    assert summary.workers == 2 and summary.worker_peak_rss_mib > 0
    for meta in published:
        assert json.loads(json.dumps(meta)) == meta
    assert len(published) == summary.parts == -(-N_FILES // 5)


#: What a member answers about itself: its pid, its parent's, how many objects are frozen in
#: its collector's permanent generation, whether it is warm; after half a second, so that
#: two probes sent together are taken by two members.
_PROBE = (
    "(__import__('time').sleep(0.5), __import__('os').getpid(), __import__('os').getppid(), "
    "__import__('gc').get_freeze_count(), "
    "__import__('relations_lib.corpus.batches', fromlist=['_WARM'])._WARM)[1:]"
)


@pytest.mark.skipif(not stream._FORK_GROUP, reason="the worker group runs on Linux")
def test_siblings_fork_from_a_warm_host_whose_objects_are_frozen():
    """The group's host, spawned by this process, loads the model and dictionaries once and
    freezes them (``gc.freeze``) before it forks its siblings: a member's garbage collections
    then never write to the pages it shares with the others (the copy-on-write the
    stream_memory benchmark measures), and no idle template process is left beside them."""
    group = stream._WorkerGroup(3)
    try:
        host, *siblings = group.members
        assert len(siblings) == 2 and host not in siblings
        answers: dict[int, tuple] = {}
        deadline = time.monotonic() + 60
        while set(answers) != set(group.members):  # until every member has answered
            assert time.monotonic() < deadline, answers
            for _ in group.members:
                group.submit(eval, _PROBE)
            for _ in group.members:
                pid, *rest = group.result()
                answers[pid] = tuple(rest)
        group.close()
    except BaseException:
        group.terminate()
        raise
    # the host is this process's child, the siblings the host's: no fork server in between
    assert answers[host][0] == os.getpid()
    assert {answers[pid][0] for pid in siblings} == {host}
    for pid, (_, frozen, warm) in answers.items():
        # the seed article coded in the host before the fork: spaCy's pipeline and the
        # coding tables are loaded, and frozen, in every member
        assert warm is True, pid
        assert frozen > 50_000, (pid, frozen)
    assert not any(stream._alive(pid) for pid in group.members)  # all ended


@pytest.mark.skipif(not stream._FORK_GROUP, reason="the worker group runs on Linux")
def test_a_bug_in_a_member_is_raised_with_its_traceback():
    group = stream._WorkerGroup(2)
    try:
        group.submit(eval, "1 / 0")
        with pytest.raises(ZeroDivisionError) as info:
            group.result()
        # the member's own traceback is the cause, as concurrent.futures gives it
        assert "ZeroDivisionError: division by zero" in str(info.value.__cause__)
        assert type(info.value.__cause__).__name__ == "_RemoteTraceback"
        group.submit(eval, "6 * 7")  # the member goes on serving
        assert group.result() == 42
        group.close()
    finally:
        group.terminate()
    assert not any(stream._alive(pid) for pid in group.members)


def test_the_process_pool_of_other_platforms_writes_the_same_rows(
    synthetic, clean, tmp_path, monkeypatch, published_parts
):
    """Elsewhere than on Linux ``jobs > 1`` runs a pool of spawned workers that each warm up:
    the same rows, written by two processes other than this one."""
    monkeypatch.setattr(stream, "_FORK_GROUP", False)
    published = published_parts
    summary = run_corpus(synthetic, tmp_path / "out", jobs=2, batch_size=5)
    assert run_digest(tmp_path / "out") == run_digest(clean)
    pids = {meta["pid"] for meta in published}
    assert len(pids) == 2 and os.getpid() not in pids and summary.workers == 2


def test_no_more_workers_than_batches(synthetic, clean, tmp_path):
    """A batch larger than the folder is one batch: one process codes it (no idle workers
    forked for nothing), and the rows are the same."""
    summary = run_corpus(synthetic, tmp_path / "out", jobs=4, batch_size=1000)
    assert summary.workers == 1 and summary.parts == 1
    assert run_digest(tmp_path / "out") == run_digest(clean)


def test_digest_ignores_row_order_but_not_values(clean):
    tables = read_run(clean).tables()
    shuffled = {n: f.sample(frac=1, random_state=1) for n, f in tables.items()}
    assert stream.tables_digest(shuffled) == stream.tables_digest(tables)
    changed = dict(tables)
    changed["events"] = tables["events"].assign(goldstein=tables["events"]["goldstein"] + 1)
    assert stream.tables_digest(changed) != stream.tables_digest(tables)


# --- stopping and resuming ---------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_run_resumes_with_nothing_duplicated_or_lost(
    synthetic, clean, tmp_path, jobs
):
    out = tmp_path / "out"

    def interrupt_after_two_parts(done, total):
        if done >= 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_corpus(synthetic, out, jobs=jobs, batch_size=5, progress=interrupt_after_two_parts)
    assert len(manifest(out)) == 1 + 2
    assert_only_complete_parts(out)  # the staging folder went with the interrupted run
    summary = run_corpus(synthetic, out, jobs=jobs, batch_size=5)
    assert summary.already_done == 10 and summary.coded + summary.skipped == N_FILES - 10
    assert sources_in_parts(out) == sorted(os.fspath(p) for p in synthetic.glob("*.txt"))
    assert run_digest(out) == run_digest(clean)
    again = run_corpus(synthetic, out, jobs=jobs)  # nothing left to do
    assert (again.already_done, again.parts) == (N_FILES, 0)


def test_leftovers_of_a_killed_run_are_cleaned(synthetic, clean, tmp_path):
    out = tmp_path / "out"

    def stop(done, total):
        if done >= 14:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_corpus(synthetic, out, jobs=1, batch_size=7, progress=stop)
    # what a kill -9 can leave: a staging folder, a part folder moved in but not yet recorded,
    # and an append cut short by a full disk
    (out / PARTS / ".staging" / "run-dead" / "part-000009").mkdir(parents=True)
    (out / PARTS / ".staging" / "run-dead" / "part-000009" / "events.parquet").write_bytes(b"PAR1")
    shutil.copytree(out / PARTS / "part-000000", out / PARTS / "part-000002")
    with open(out / PARTS / MANIFEST, "ab") as fh:
        fh.write(b'{"part":2,"folder":"part-0000')
    summary = run_corpus(synthetic, out, jobs=1, batch_size=7)
    assert summary.already_done == 14
    assert_only_complete_parts(out)
    assert all(line.endswith("}") for line in (out / PARTS / MANIFEST).read_text().splitlines())
    assert run_digest(out) == run_digest(clean)


def test_a_part_whose_files_are_damaged_is_coded_again(synthetic, clean, tmp_path):
    out = tmp_path / "out"
    run_corpus(synthetic, out, jobs=1, batch_size=7)
    victim = out / PARTS / "part-000003" / "events.parquet"
    victim.write_bytes(victim.read_bytes()[:100])  # truncated
    summary = run_corpus(synthetic, out, jobs=1, batch_size=7)
    assert (summary.already_done, summary.coded + summary.skipped) == (N_FILES - 7, 7)
    assert run_digest(out) == run_digest(clean)


def test_a_changed_or_deleted_file_is_coded_again(folder, tmp_path):
    out = tmp_path / "out"
    run_corpus(folder, out, jobs=1, batch_size=4)
    changed = folder / "kenya_turkey_relations.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nIn 2030 they signed a treaty.\n")
    (folder / "iceland_japan_relations.txt").unlink()
    summary = run_corpus(folder, out, jobs=1, batch_size=4)
    assert 0 < summary.coded + summary.skipped <= 8  # at most the two parts that held them
    expected = rl.extract_events_many(folder)
    for name in NAMES:
        assert_frame_equal(read_run(out).tables()[name], expected.tables()[name])


def test_files_added_between_runs_are_coded_and_kept_in_article_order(folder, tmp_path):
    out = tmp_path / "out"
    run_corpus(folder, out, jobs=1, batch_size=3, tables="csv")
    # new files whose names fall inside ranges that parts already cover
    shutil.copy(folder / "chile_norway_relations.txt", folder / "chile_norway_relations_2.txt")
    shutil.copy(folder / "kenya_turkey_relations.txt", folder / "d_new.txt")
    summary = run_corpus(folder, out, jobs=1, batch_size=3, tables="csv")
    assert (summary.coded, summary.skipped) == (2, 0)
    expected = rl.extract_events_many(folder)
    for name in NAMES:
        assert_frame_equal(read_run(out).tables()[name], expected.tables()[name])
        assert (out / f"{name}.csv").read_bytes() == to_csv_bytes(expected.tables()[name])


def test_a_bug_stops_the_run_names_the_article_and_a_rerun_resumes(
    synthetic, clean, tmp_path, monkeypatch
):
    from relations_lib.coding import events

    real = events._event_rows

    def broken(article):
        if article.source.endswith("article_013.txt"):
            raise ZeroDivisionError("a bug")
        return real(article)

    monkeypatch.setattr(events, "_event_rows", broken)
    out = tmp_path / "out"
    with pytest.raises(ZeroDivisionError) as info:
        run_corpus(synthetic, out, jobs=1, batch_size=5)
    assert any("article_013.txt" in note for note in info.value.__notes__)
    assert len(manifest(out)) == 1 + 2  # the parts before the bug's batch
    assert_only_complete_parts(out)
    monkeypatch.setattr(events, "_event_rows", real)  # the bug fixed
    assert run_corpus(synthetic, out, jobs=1, batch_size=5).already_done == 10
    assert run_digest(out) == run_digest(clean)


def test_settings_must_match_to_resume(synthetic, tmp_path):
    out = tmp_path / "out"
    run_corpus(synthetic, out, jobs=1)
    with pytest.raises(RunError, match=r"other settings \(--max-bytes \(max_bytes\) 10485760, now"):
        run_corpus(synthetic, out, jobs=1, max_bytes=2000)
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_bytes(LATIN1)
    with pytest.raises(RunError, match=r"other settings \(input .*--fresh"):
        run_corpus(other, out, jobs=1)
    (out / "notes.txt").write_text("mine")  # --fresh removes the run, nothing else
    summary = run_corpus(synthetic, out, jobs=1, formats=["csv"], fresh=True)
    assert summary.already_done == 0
    assert (out / "notes.txt").read_text() == "mine"
    assert all((p / "events.csv").exists() for p in (out / PARTS).glob("part-*"))


def test_one_run_at_a_time(synthetic, tmp_path):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    (out / PARTS).mkdir()
    fd = os.open(out / PARTS, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a running run holds it
    try:
        with pytest.raises(RunError, match="another corpus run is writing into this folder"):
            run_corpus(synthetic, out, jobs=1)
    finally:
        os.close(fd)
    assert run_corpus(synthetic, out, jobs=1).coded == N_SYNTHETIC


def test_out_must_be_a_folder_and_a_manifest_must_be_ours(synthetic, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(RunError, match="must be a folder"):
        run_corpus(synthetic, tmp_path / "file")
    (tmp_path / "o" / PARTS).mkdir(parents=True)
    (tmp_path / "o" / PARTS / MANIFEST).write_text('{"something": "else"}\n')
    with pytest.raises(RunError, match="not a relations_lib corpus manifest"):
        run_corpus(synthetic, tmp_path / "o")
    with pytest.raises(
        rl.ArgumentTypeError,
        match=r"inputs must be .* a list of article files, got list of 1 "
        r"holding Article at \[0\]",
    ):
        run_corpus([rl.load_seed()], tmp_path / "p")


def test_progress_bar_shows_rate_and_time_left(synthetic, tmp_path, capsys):
    run_corpus(synthetic, tmp_path / "out", jobs=1, batch_size=20, progress=True)
    err = capsys.readouterr().err
    # tqdm: "coding: 100%|…| 41/41 [00:01<00:00, 45.20article/s]": elapsed<left, rate
    done = rf"{N_FILES}/{N_FILES}"
    assert re.search(rf"coding: +100%.* {done} \[\d\d:\d\d<\d\d:\d\d, +[\d.]+article/s\]", err), err


def test_memory_is_bounded_by_the_batch(synthetic, tmp_path, monkeypatch):
    """The coordinator never holds a table: workers return metadata, and a worker holds one
    batch of rows at a time (each code_sources call sees at most batch_size articles)."""
    from relations_lib.corpus import batches  # code_batch calls it there

    seen = []
    real = batches.code_sources

    def spy(sources, *settings):
        seen.append(len(sources))
        return real(sources, *settings)

    monkeypatch.setattr(batches, "code_sources", spy)
    run_corpus(synthetic, tmp_path / "out", jobs=1, batch_size=6)
    assert max(seen) == 6 and sum(seen) == N_FILES


# --- the command line, killed ------------------------------------------------------------------


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "relations_lib.cli", "parse", *args]


#: Set in the environment of the runs these tests start: their worker processes inherit it,
#: which tells them from other runs on the machine.
_MARK = ("RELATIONS_TEST_RUN", f"{os.getpid()}-{time.time_ns()}")


def _env() -> dict:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        _MARK[0]: _MARK[1],
    }


def test_ctrl_c_stops_the_workers_and_leaves_complete_parts(small, tmp_path):
    folder, clean = small
    out = tmp_path / "out"
    since = time.time()
    args, proc = _two_parts_into(folder, out)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"interrupted; the complete parts are in" in err and b"Traceback" not in err
    assert_only_complete_parts(out)
    assert_no_worker_left(since)
    _resumes_to_the_clean_output(args, out, clean)


def _two_parts_into(folder: Path, out: Path) -> tuple[list[str], subprocess.Popen]:
    """``relations parse folder --out out -j 2 --batch-size 1`` started, once two parts are
    done: its command line and process."""
    args = _cli(str(folder), "--out", str(out), "-j", "2", "--batch-size", "1")
    proc = subprocess.Popen(args, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _parts_done(out) < 2:  # the workers are coding
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    return args, proc


def _resumes_to_the_clean_output(args: list[str], out: Path, clean: Path) -> None:
    """The same command again resumes the interrupted run to the clean run's tables."""
    done = subprocess.run(args, env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "were done already" in done.stdout
    assert run_digest(out) == run_digest(clean)
    for name in NAMES:  # the stacked tables, byte for byte
        assert (out / f"{name}.csv").read_bytes() == (clean / f"{name}.csv").read_bytes()


@pytest.mark.skipif(not stream._FORK_GROUP, reason="the worker group runs on Linux")
def test_a_member_killed_mid_run_stops_the_run_and_a_rerun_resumes(small, tmp_path):
    """A sibling killed (-9) while the run codes: the run stops with an error naming it,
    promptly (it does not wait forever for the sibling's batch), its other members end, only
    complete parts stay, and a rerun resumes to the clean output."""
    import psutil

    folder, clean = small
    out = tmp_path / "out"
    since = time.time()
    args, proc = _two_parts_into(folder, out)
    coordinator = psutil.Process(proc.pid)
    hosts = [p for p in coordinator.children() if "spawn_main" in " ".join(p.cmdline())]
    assert len(hosts) == 1, coordinator.children()
    siblings = hosts[0].children()  # the host forked them
    assert len(siblings) == 1
    victim = siblings[0].pid
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - killed_at < 10  # promptly, not when the run would have ended
    assert proc.returncode == 2, err
    assert f"worker process {victim} died".encode() in err, err
    assert b"Traceback" not in err
    assert_only_complete_parts(out)
    assert_no_worker_left(since)
    assert 2 <= _parts_done(out) < len(list(folder.glob("*.txt")))
    _resumes_to_the_clean_output(args, out, clean)


def assert_no_worker_left(since: float, within_s: float = 10) -> None:
    """No process of a run these tests started since ``since`` (a worker, the group's host or
    multiprocessing's resource tracker) outlives it, even when its coordinator was killed
    with -9."""
    import psutil

    def ours() -> list:
        found = []
        for proc in psutil.process_iter(["cmdline", "create_time", "status"]):
            cmdline = " ".join(proc.info["cmdline"] or [])
            if (
                "multiprocessing" not in cmdline
                or proc.info["create_time"] < since
                or proc.info["status"] == psutil.STATUS_ZOMBIE
            ):
                continue
            with contextlib.suppress(psutil.Error):
                if proc.environ().get(_MARK[0]) == _MARK[1]:
                    found.append(proc)
        return found

    deadline = time.monotonic() + within_s
    while ours() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not ours(), [p.pid for p in ours()]


def _parts_done(out: Path) -> int:
    try:
        return len(manifest(out)) - 1
    except (FileNotFoundError, json.JSONDecodeError):  # not there yet, or a line half-written
        return 0


def _kill_and_resume(
    folder: Path, out: Path, kills: int, jobs: int, batch_size: int, budget_s: float
) -> tuple[int, int]:
    """Start the run and kill -9 it at a random moment, ``kills`` times, checking each time
    that the manifest names only complete parts; then let it finish. The moments: a third of
    the kills after a random 0.1–1.5 s (often while starting up), the others once one to three
    more parts are done, plus a random 0–50 ms (while coding and writing, whatever the
    machine's load). Returns how many runs were killed (a run may end first), and how many
    kills left some parts written but not all."""
    rng = random.Random(20261204)
    since = time.time()
    args = _cli(str(folder), "--out", str(out), "-j", str(jobs), "--batch-size", str(batch_size))
    total = len(list(folder.glob("*.txt")))
    start = time.monotonic()
    killed = midway = 0
    for _ in range(kills):
        before = _parts_done(out)
        proc = subprocess.Popen(args, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if rng.random() < 1 / 3:
            time.sleep(rng.uniform(0.1, 1.5))
        else:
            wanted = before + rng.randint(1, 3)
            while _parts_done(out) < wanted and proc.poll() is None:
                assert time.monotonic() - start < budget_s, "the kill loop overran its budget"
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.05))
        if proc.poll() is None:
            proc.kill()
            killed += 1
        proc.wait()
        assert time.monotonic() - start < budget_s, "the kill loop overran its time budget"
        if (out / PARTS / MANIFEST).exists():  # whatever the moment, only complete parts
            records = manifest(out)[1:]
            for record in records:
                part = out / PARTS / record["folder"]
                assert {p.name: p.stat().st_size for p in part.iterdir()} == record["files"]
            midway += 0 < sum(len(r["articles"]) for r in records) < total
    done = subprocess.run(args, env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert_no_worker_left(since)
    return killed, midway


def test_killed_runs_resume_to_the_clean_output(small, tmp_path):
    folder, clean = small
    out = tmp_path / "out"
    killed, midway = _kill_and_resume(folder, out, kills=3, jobs=1, batch_size=1, budget_s=40)
    assert killed >= 2 and midway >= 1, (killed, midway)
    assert_only_complete_parts(out)
    assert sources_in_parts(out) == sorted(os.fspath(p) for p in folder.glob("*.txt"))
    assert run_digest(out) == run_digest(clean)
    for name in NAMES:  # the stacked tables, byte for byte: the same rows in the same order
        assert (out / f"{name}.csv").read_bytes() == (clean / f"{name}.csv").read_bytes()


@pytest.mark.slow
def test_killed_ten_times_with_workers_resumes_to_the_clean_output(tmp_path):
    """The issue's check: two workers, killed (-9) at random moments 10 times, then resumed to
    the end: the rows of one clean run, nothing duplicated or lost."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, text in enumerate(synthetic_corpus(240, seed=3)):  # enough work for 10 kills
        (folder / f"article_{i:03d}.txt").write_text(text, encoding="utf-8")
    clean = tmp_path / "clean"
    run_corpus(folder, clean, jobs=1, tables="csv")
    out = tmp_path / "out"
    killed, midway = _kill_and_resume(folder, out, kills=10, jobs=2, batch_size=2, budget_s=180)
    assert killed == 10 and midway >= 6, (killed, midway)
    assert_only_complete_parts(out)
    assert sources_in_parts(out) == sorted(os.fspath(p) for p in folder.glob("*.txt"))
    assert run_digest(out) == run_digest(clean)
    for name in NAMES:  # the stacked tables, byte for byte: the same rows in the same order
        assert (out / f"{name}.csv").read_bytes() == (clean / f"{name}.csv").read_bytes()


def test_read_run_of_a_folder_without_a_run(tmp_path):
    with pytest.raises(RunError, match="no corpus run here"):
        read_run(tmp_path)


@pytest.mark.parametrize("first_relative", [True, False])
def test_a_rerun_resumes_however_the_input_folder_is_written(
    synthetic, tmp_path, monkeypatch, first_relative
):
    """The same folder written relative to one working directory, then absolute from another
    (and the other way round), is the same input: the rerun resumes, coding nothing twice."""
    shutil.copytree(synthetic, tmp_path / "in" / "sub")
    absolute = tmp_path / "in" / "sub"
    forms = [("in/sub", tmp_path), (os.fspath(absolute), Path("/"))]
    if not first_relative:
        forms.reverse()
    (first, first_cwd), (second, second_cwd) = forms

    def stop(done, total):
        if done >= 10:
            raise KeyboardInterrupt

    monkeypatch.chdir(first_cwd)
    with pytest.raises(KeyboardInterrupt):
        run_corpus(first, tmp_path / "out", jobs=1, batch_size=5, progress=stop)
    monkeypatch.chdir(second_cwd)
    summary = run_corpus(second, tmp_path / "out", jobs=1, batch_size=5)
    assert summary.already_done == 10
    assert summary.coded + summary.skipped == N_FILES - 10
    # every article once, whichever form coded it (relative paths were written from tmp_path)
    real = sorted(
        os.path.normpath(os.path.join(tmp_path, a[0]))
        for r in manifest(tmp_path / "out")[1:]
        for a in r["articles"]
    )
    assert real == sorted(os.fspath(p) for p in absolute.glob("*.txt"))
    header = manifest(tmp_path / "out")[0]
    assert header["input"] == {"folder": first, "resolved": os.fspath(absolute.resolve())}
    assert run_corpus(second, tmp_path / "out", jobs=1).already_done == N_FILES
    # rows in the order of the files, as from one uninterrupted run (only the written form
    # of the paths in article / source differs)
    expected = rl.extract_events_many(absolute).tables()
    got = read_run(tmp_path / "out").tables()
    for name in NAMES:
        key = "source" if name == "errors" else "article"
        assert [os.path.normpath(os.path.join(tmp_path, p)) for p in got[name][key]] == list(
            expected[name][key]
        )
        columns = [c for c in expected[name].columns if c not in ("article", "source", "error")]
        assert_frame_equal(got[name][columns], expected[name][columns])


def test_read_run_of_an_interrupted_run_says_it_is_incomplete(synthetic, clean, tmp_path):
    out = tmp_path / "out"

    def stop(done, total):
        if done >= 14:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_corpus(synthetic, out, jobs=1, batch_size=7, progress=stop)
    coded = len(sources_in_parts(out))
    assert coded == 14
    with pytest.warns(rl.IncompleteRunWarning) as caught:
        partial = read_run(out)
    warning = caught[0].message
    assert (warning.done, warning.inputs) == (coded, N_FILES)
    assert f"{coded} of its {N_FILES} inputs are coded" in str(warning)
    assert "Rerun the same command" in str(warning) and "--out" in str(warning)
    assert partial.complete is False
    assert partial.n_articles + partial.n_skipped == coded
    assert set(partial.events["article"]) < set(read_run(clean).events["article"])
    # resumed to the end: complete, no warning, the clean run's tables
    run_corpus(synthetic, out, jobs=1, batch_size=7)
    with warnings.catch_warnings():
        warnings.simplefilter("error", rl.IncompleteRunWarning)
        whole = read_run(out)
    assert whole.complete is True and read_run(clean).complete is True
    assert whole.n_articles + whole.n_skipped == N_FILES
    assert run_digest(out) == run_digest(clean)
    assert issubclass(rl.IncompleteRunWarning, UserWarning)
    assert rl.IncompleteRunWarning is rl.errors.IncompleteRunWarning


def test_a_missing_input_or_an_empty_folder_stops_the_run_before_it_starts(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(rl.ArticleFileError, match="nothing_here: no such file or folder"):
        run_corpus(tmp_path / "nothing_here", out, jobs=1)
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "empty" / "sub" / "a.txt").write_bytes(LATIN1)
    with pytest.raises(rl.ArticleFileError) as err:
        run_corpus(tmp_path / "empty", out, jobs=1)
    assert err.value.source.endswith("empty")
    assert "no *.txt articles in this folder (1 sub-folder holds some" in str(err.value)
    assert not out.exists()  # nothing written
    # a file missing from a list is an errors row, and the run goes on
    summary = run_corpus([tmp_path / "empty" / "sub" / "a.txt", tmp_path / "gone.txt"], out)
    assert summary.skipped == 2 and "file not found" in summary.failures[-1][3]


def test_a_script_without_the_main_guard_is_told_to_add_it(tmp_path):
    """Worker processes import the script that started them: an unguarded run_corpus call in
    it used to fail as "another corpus run is writing into this folder" plus a broken pool.
    The README's guarded example runs."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("chile_norway_relations.txt", "kenya_turkey_relations.txt"):
        shutil.copy(ARTICLES_DIR / name, articles / name)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    guarded = re.search(
        r"```python\n(\s*import relations_lib as rl\n\n\s*if __name__.*?)```", readme, re.S
    )
    assert guarded and "run_corpus(" in guarded.group(1)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    unguarded = 'import relations_lib as rl\nrl.run_corpus("articles/", "out/", jobs=2)\n'
    (tmp_path / "bad.py").write_text(unguarded)
    bad = subprocess.run(
        [sys.executable, "bad.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert bad.returncode != 0
    assert "another corpus run is writing" not in bad.stderr
    assert 'put the call under `if __name__ == "__main__":`' in bad.stderr
    assert "RunError: run_corpus() called while a worker process starts" in bad.stderr
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    script = "\n".join(line.removeprefix("  ") for line in guarded.group(1).splitlines())
    (tmp_path / "good.py").write_text(script.replace("jobs=4", "jobs=2") + "\n")
    good = subprocess.run(
        [sys.executable, "good.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert good.returncode == 0, good.stderr
    assert read_run(tmp_path / "out").n_articles == 2
