"""Reading article files safely (relations_lib.text.inputs): only regular files, a size limit,
file names that are not UTF-8, folders that may not be listed — typed errors naming the file,
never a hang, and in a folder run one bad name never ends the run."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ARTICLES_DIR, REPO, bound_by_permissions

import relations_lib as rl
from relations_lib import cli
from relations_lib.errors import ArticleFileError, ArticleFormatError, ArticleTooLargeError
from relations_lib.text.inputs import MAX_ARTICLE_BYTES, read_article_bytes

CHILE = ARTICLES_DIR / "chile_norway_relations.txt"
SMALL = "= Chile–Norway relations =\n\nChile and Norway established relations in 1920.\n"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def finishes(call, seconds: float = 20.0):
    """Run ``call`` in a thread; fail (instead of hanging the suite) if it blocks."""
    box: dict = {}

    def target():
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the test below
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still blocked after {seconds} s"
    if "error" in box:
        raise box["error"]
    return box.get("value")


# --- not a regular file ---------------------------------------------------------------------------


def test_a_fifo_named_txt_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe_relations.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleFileError, match=r"a FIFO \(named pipe\), not a regular file"):
        finishes(lambda: rl.read_article(fifo))


def test_a_link_to_dev_zero_is_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(ArticleFileError) as info:
        finishes(lambda: rl.read_article(link))
    assert str(info.value) == f"{link}: a character device, not a regular file: articles are " + (
        "read from regular files only"
    )


def test_a_dangling_link_says_so(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    with pytest.raises(ArticleFileError) as info:
        rl.read_article(link)
    assert str(info.value) == (
        f"{link}: dangling symbolic link: it points to {tmp_path / 'deleted.txt'}, "
        "which does not exist"
    )
    assert isinstance(info.value, ArticleFormatError)  # folder runs skip it like the others


def test_a_link_to_an_article_is_read(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(CHILE)
    assert rl.read_article(link).title == rl.read_article(CHILE).title


def test_a_folder_run_reports_each_odd_entry_and_goes_on(capsys, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(CHILE, folder / "chile.txt")
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "dangling.txt").symlink_to(folder / "nothing")
    (folder / "sub.txt").mkdir()
    code, out, err = finishes(lambda: run(capsys, "parse", folder, "--out", tmp_path / "out"))
    assert code == 0, err
    assert "1 articles processed, 4 skipped" in out
    for name, why in [
        ("fifo.txt", "a FIFO (named pipe), not a regular file"),
        ("zero.txt", "a character device, not a regular file"),
        ("dangling.txt", "dangling symbolic link"),
        ("sub.txt", "is a directory"),
    ]:
        assert f"skipped: {folder / name}: {why}" in err


# --- the size limit -----------------------------------------------------------------------------


def test_the_default_limit_is_10_mib_and_names_the_file(tmp_path):
    assert MAX_ARTICLE_BYTES == 10 * 1024 * 1024
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.write(SMALL.encode())
        fh.truncate(MAX_ARTICLE_BYTES + 1)
    with pytest.raises(ArticleTooLargeError) as info:
        rl.read_article(big)
    assert (info.value.size, info.value.limit) == (MAX_ARTICLE_BYTES + 1, MAX_ARTICLE_BYTES)
    assert str(info.value).startswith(f"{big}: file is 10.0 MiB, larger than the limit of 10.0 MiB")
    assert "max_bytes" in str(info.value) and "--max-bytes" in str(info.value)
    at_limit = tmp_path / "limit.txt"
    at_limit.write_bytes(SMALL.encode())
    assert read_article_bytes(at_limit, max_bytes=len(SMALL.encode())) == SMALL.encode()


def test_the_limit_is_a_parameter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SMALL, encoding="utf-8")
    size = len(SMALL.encode())
    with pytest.raises(ArticleTooLargeError, match=f"file is {size} bytes, larger than the limit"):
        rl.read_article(path, max_bytes=size - 1)
    assert rl.read_article(path, max_bytes=None).title == "Chile–Norway relations"
    tables = rl.extract_events_many([path, CHILE], max_bytes=size - 1)
    assert list(tables.errors["error_type"]) == ["ArticleTooLargeError"] * 2
    assert tables.n_articles == 0
    for bad in (0, -5):
        with pytest.raises(
            rl.ArgumentValueError, match=r"max_bytes must be None or an int \(bytes\) ≥ 1, got int"
        ):
            rl.read_article(path, max_bytes=bad)
    with pytest.raises(
        rl.ArgumentTypeError, match=r"max_bytes must be None or an int \(bytes\) ≥ 1, got str"
    ):
        rl.read_article(path, max_bytes="10M")


def test_the_cli_option(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SMALL, encoding="utf-8")
    code, _, err = run(capsys, "parse", path, "--max-bytes", "10")
    assert code == 2 and err.startswith(f"{path}: file is ")
    assert run(capsys, "parse", path, "--max-bytes", "1k")[0] == 0
    assert run(capsys, "parse", path, "--max-bytes", "none")[0] == 0
    code, _, err = run(capsys, "parse", path, "--max-bytes", "lots")
    assert code == 2 and "'lots' is not a size" in err
    assert cli.parse_size("20M") == 20 * 1024 * 1024 and cli.parse_size("3KiB") == 3072


# --- what the bytes are --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"\x00" + SMALL.encode(), b"\x00\x00" + SMALL.encode(), SMALL.encode() + b"\x00"],
    ids=["nul-first", "two-nuls-first", "nul-last"],
)
def test_a_nul_byte_is_binary_not_utf16(tmp_path, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleFormatError) as info:
        rl.read_article(path)
    assert "binary content" in str(info.value) and "UTF-16" not in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_still_recognised(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(SMALL.encode(encoding))
    with pytest.raises(ArticleFormatError, match="looks like UTF-16"):
        rl.read_article(path)


def test_a_lone_surrogate_is_refused_with_its_line(tmp_path):
    text = SMALL + "Norway opened an embassy \ud800 in 1965.\n"
    with pytest.raises(ArticleFormatError) as info:
        rl.parse_article(text, source="x.txt")
    assert str(info.value).startswith("x.txt:4: lone surrogate U+D800")
    # a source name holding surrogates (a file name decoded with surrogateescape) is made
    # printable, so every table of it can be written as UTF-8
    article = rl.parse_article(SMALL, source=os.fsdecode(b"caf\xe9.txt"))
    assert article.source == "caf\\xe9.txt"
    tables = rl.extract_events_many([article])
    written = cli.write_tables(tables.tables(), tmp_path / "out", "csv")
    assert "caf\\xe9.txt" in (tmp_path / "out" / "events.csv").read_text(encoding="utf-8")
    assert len(written) == 4


# --- file names that are not UTF-8 ---------------------------------------------------------------


def test_a_name_that_is_not_utf8_never_ends_a_folder_run(capsys, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9_relations.txt"
    with open(raw, "wb") as fh:
        fh.write(CHILE.read_bytes())
    bad = os.fsencode(folder) + b"/\xff\xfe.txt"
    with open(bad, "wb") as fh:
        fh.write(b"\xff\xfe")  # and not an article either
    shutil.copy(ARTICLES_DIR / "cuba_angola_relations.txt", folder / "cuba.txt")
    out = tmp_path / "out"
    code, text, err = run(capsys, "parse", folder, "--out", out)
    assert code == 0, err
    assert "2 articles processed, 1 skipped" in text
    assert f"skipped: {folder}/\\xff\\xfe.txt: not UTF-8" in err
    events = (out / "events.csv").read_text(encoding="utf-8")
    assert f"{folder}/caf\\xe9_relations.txt" in events
    code, text, err = run(capsys, "parse", folder)  # the summary prints the names too
    assert code == 0 and f"{folder}/caf\\xe9_relations.txt" in text
    code, text, err = run(capsys, "parse", os.fsdecode(raw))
    assert code == 0 and text.splitlines()[0] == f"{folder}/caf\\xe9_relations.txt"


def test_a_name_with_a_line_break_stays_on_one_line(capsys, tmp_path):
    path = tmp_path / "two\nlines\x1b[31m.txt"
    path.write_bytes(b"\xff")
    code, _, err = run(capsys, "parse", path)
    assert code == 2
    assert err.strip() == f"{tmp_path}/two\\x0alines\\x1b[31m.txt:1: not UTF-8: byte 0xff " + (
        "at offset 0 cannot be decoded (the file may be Latin-1 or another legacy encoding; "
        "re-save it as UTF-8)"
    )


# --- names and folders the system refuses --------------------------------------------------------


def test_a_300_character_name_is_exit_2(capsys, tmp_path):
    name = "a" * 296 + ".txt"
    code, _, err = run(capsys, "parse", tmp_path / name)
    assert code == 2
    assert err.strip() == f"{tmp_path / name}: file name too long for this system (a name may " + (
        "have at most 255 bytes)"
    )
    code, _, err = run(capsys, "parse", CHILE, "--out", tmp_path / name)
    assert code == 2 and "cannot write: file name too long" in err


def run_bound_by_permissions(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    """``relations …`` in a process that permission bits bind (see above)."""
    return subprocess.run(
        [sys.executable, "-m", "relations_lib.cli", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=bound_by_permissions,
        timeout=300,
    )


def test_an_unreadable_folder_is_permission_denied(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(CHILE, locked / "chile.txt")
    locked.chmod(0o311)  # may be entered, not listed
    try:
        done = run_bound_by_permissions("parse", "locked", cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip() == "locked: permission denied: this folder may not be listed"
        # the file inside may still be read when named
        done = run_bound_by_permissions("parse", "locked/chile.txt", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    finally:
        locked.chmod(0o755)


def test_a_file_or_out_below_an_unsearchable_folder_is_exit_2(tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir()
    shutil.copy(CHILE, closed / "chile.txt")
    shutil.copy(CHILE, tmp_path / "chile.txt")
    closed.chmod(0o600)  # may be listed, not entered
    try:
        done = run_bound_by_permissions("parse", "closed/chile.txt", cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip() == (
            "closed/chile.txt: permission denied: the file (or a folder above it) may not be read"
        )
        done = run_bound_by_permissions("parse", "chile.txt", "--out", "closed/out", cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip() == (
            "closed/out: cannot write: permission denied; closed/out was left unchanged"
        )
        assert stat.S_IMODE(closed.stat().st_mode) == 0o600
    finally:
        closed.chmod(0o755)
    assert sorted(p.name for p in closed.iterdir()) == ["chile.txt"]


def test_paths_are_shown_as_given(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bad.txt").write_bytes(b"\xff")
    code, _, err = run(capsys, "parse", "bad.txt")
    assert code == 2 and err.startswith("bad.txt:1: not UTF-8")
    code, _, err = run(capsys, "parse", "missing/x.txt")
    assert (code, err.strip()) == (2, "missing/x.txt: file not found")
