"""First use: what a new user meets — `make lab`, `make test-fast`, the set-up's messages, the
types public functions accept, what ``dir()`` shows, and messages without machine paths."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO
from pandas.testing import assert_frame_equal

import relations_lib as rl
from relations_lib.errors import ReferenceDataError

SEED = REPO / "seeds" / "albania_palestine_relations.txt"
# Never let make rebuild the shared .venv: treat its stamp as up to date (make -o).
MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed"]


# --- make lab -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str, token: str | None) -> int:
    headers = {"Authorization": f"token {token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0  # not listening yet


def _commands_in_group(group: int) -> list[str]:
    """The command lines of the processes of a process group (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            pgrp = int(stat.rsplit(")", 1)[1].split()[2])
            if pgrp == group:
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, ValueError, IndexError):
            continue
    return found


@pytest.mark.parametrize("given", [True, False], ids=["TOKEN-given", "token-generated"])
def test_make_lab_takes_port_and_token_and_binds_localhost(tmp_path, given):
    port = _free_port()
    token = "first-use-test-token" if given else None
    home = tmp_path / "jupyter"
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    env.pop("JUPYTER_TOKEN", None)
    args = [*MAKE, "lab", f"PORT={port}", "LAB_ARGS=--no-browser"]
    if token:
        args.append(f"TOKEN={token}")
    log = tmp_path / "lab.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 120
        first = ""
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"make lab exited:\n{log.read_text()}"
            first = log.read_text().split("\n", 1)[0]
            if first.startswith("[lab]") and _status(
                f"http://127.0.0.1:{port}/api/status", "x"
            ) in (200, 403):
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"make lab did not start in 120 s:\n{log.read_text()}")
        url = rf"http://127\.0\.0\.1:{port}/lab\?token=(\S+)"
        printed = re.fullmatch(rf"\[lab\] JupyterLab on {url} \(Ctrl-C to stop\)", first)
        assert printed, first
        if token:
            assert printed.group(1) == token
        else:
            assert len(printed.group(1)) >= 24  # generated
        api = f"http://127.0.0.1:{port}/api/status"
        assert _status(api, printed.group(1)) == 200
        assert _status(api, None) == 403 and _status(api, "wrong") == 403
        # the token reaches jupyter through its environment: `ps` does not show it
        servers = [c for c in _commands_in_group(proc.pid) if "jupyter" in c]
        assert servers and not [c for c in servers if printed.group(1) in c]
        if os.geteuid() == 0:
            assert all("--allow-root" in c for c in servers)
        # bound to the loopback address only
        addresses = {
            info[4][0]
            for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
            if not info[4][0].startswith("127.")
        }
        for address in addresses:
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((address, port)) != 0, f"also listening on {address}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # make, its shell and jupyter: the group we started
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_make_lab_adds_allow_root_only_for_root():
    recipe = subprocess.run(
        [*MAKE, "-n", "lab", "TOKEN=t"], cwd=REPO, capture_output=True, text=True
    ).stdout
    assert 'if [ "$(id -u)" = 0 ]; then root=--allow-root; fi' in recipe
    assert "JUPYTER_TOKEN=" in recipe and "--ServerApp.ip=127.0.0.1" in recipe


# --- make test-fast -------------------------------------------------------------------------------


def test_make_test_fast_keeps_slow_tests_out():
    recipe = subprocess.run(
        [*MAKE, "-n", "test-fast"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert '-m "not browser and not slow"' in recipe


def test_make_test_runs_the_slow_tests_too():
    # the kill-ten-times check is a slow test: `make test` (what CI runs) must not
    # deselect it, neither on its command line nor through pytest's addopts
    recipe = subprocess.run(
        [*MAKE, "-n", "test"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert "pytest tests" in recipe and "not slow" not in recipe
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    addopts = next(line for line in pyproject.splitlines() if line.startswith("addopts"))
    assert "slow" not in addopts


# --- set-up ---------------------------------------------------------------------------------------

FAKE_PYTHON = """#!/usr/bin/env bash
# stands in for python3: makes a venv whose pip only logs what it was asked
case "$*" in
  "-m venv --help"|"-c import ensurepip") exit 0 ;;
  "--version") echo "Python 3.11.0" ;;
  "-m venv "*)
    mkdir -p "$3/bin"
    printf '#!/usr/bin/env bash\\necho "pip $*" >> "%s"\\n' "$PIP_LOG" > "$3/bin/pip"
    chmod +x "$3/bin/pip" ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac
"""


def test_set_up_says_what_it_is_doing(tmp_path):
    fake = tmp_path / "python3"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "bootstrap.sh")],
        cwd=REPO,
        env={
            **os.environ,
            "PYTHON": str(fake),
            "VENV": str(venv),
            "PIP_LOG": str(tmp_path / "log"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    steps = [line for line in lines if re.match(r"\[setup\] \d/4 ", line)]
    assert [s[8:11] for s in steps] == ["1/4", "2/4", "3/4", "4/4"]
    n_locked = sum(
        1 for line in (REPO / "requirements.lock").read_text().splitlines() if "==" in line
    )
    assert f"installing {n_locked} packages pinned in requirements.lock" in steps[1]
    assert sum("(took " in line for line in lines) == 4
    assert re.fullmatch(r"\[setup\] done in \d+ s: .* is ready", lines[-1])
    assert "about a minute" not in (REPO / "scripts" / "bootstrap.sh").read_text()
    pip_calls = (tmp_path / "log").read_text().splitlines()
    assert len(pip_calls) == 4 and (venv / ".installed").exists()


# --- what public functions accept ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["extract_events", "unmatched", "extract_vote_mentions"])
def test_functions_taking_an_article_take_a_path_too(name, seed):
    function = getattr(rl, name)
    from_article = function(seed)
    for path in (str(SEED), SEED):
        from_path = function(path)
        # the same table; only the source differs (the path given, not the seed's file name)
        assert_frame_equal(from_path.drop(columns="source"), from_article.drop(columns="source"))
        assert set(from_path["source"]) == ({str(path)} if len(from_path) else set())


@pytest.mark.parametrize("name", ["extract_events", "unmatched", "extract_vote_mentions"])
@pytest.mark.parametrize(
    "value", [42, None, b"x.txt", ["x.txt"]], ids=["int", "None", "bytes", "list"]
)
def test_other_types_are_a_type_error_saying_what_is_expected(name, value):
    with pytest.raises(TypeError) as info:
        getattr(rl, name)(value)
    message = str(info.value)
    assert "expected an Article" in message and "path of an article file" in message
    assert type(value).__name__ in message


def test_text_instead_of_a_path_is_a_type_error_pointing_to_parse_article():
    with pytest.raises(TypeError, match=r"got text .*parse_article\(text\)"):
        rl.extract_events(SEED.read_text(encoding="utf-8"))


def test_cold_war_phases_says_what_its_argument_is():
    with pytest.raises(ValueError) as info:
        rl.cold_war_phases("albania")
    assert "'albania' is a track name" in str(info.value)
    assert "table[table['track'] == 'albania']" in str(info.value)
    with pytest.raises(ValueError, match="neither an existing file nor a track name"):
        rl.cold_war_phases("atlantis")
    with pytest.raises(TypeError, match=r"path of a phases CSV file .* got int"):
        rl.cold_war_phases(1948)
    table = rl.cold_war_phases()
    assert "albania" in set(table["track"])


def test_dir_lists_lazily_loaded_names():
    names = dir(rl.plots)
    for public in ("plot_milestones", "milestones_figure", "plot_yes_share", "add_phase_bands"):
        assert public in names
    assert {"extract_events", "read_article", "cold_war_phases"} <= set(dir(rl))


# --- no machine paths in messages ----------------------------------------------------------------


def test_reference_errors_name_project_paths_not_machine_paths(tmp_path, monkeypatch):
    from relations_lib.paths import reference_file

    for cwd in (REPO, tmp_path):  # inside the project, and elsewhere
        monkeypatch.chdir(cwd)
        with pytest.raises(ReferenceDataError) as info:
            reference_file("nope.csv")
        assert str(info.value) == "data/reference/nope.csv: reference file is missing"
    monkeypatch.chdir(REPO)
    bad = REPO / "data" / "reference" / "phases.csv"
    assert str(bad.resolve()) not in _phases_error(tmp_path)


def _phases_error(tmp_path: Path) -> str:
    broken = tmp_path / "phases.csv"
    broken.write_text("track,phase\nx,y\n", encoding="utf-8")
    os.chdir(tmp_path)
    try:
        with pytest.raises(ReferenceDataError) as info:
            rl.cold_war_phases("phases.csv")
    finally:
        os.chdir(REPO)
    message = str(info.value)
    assert message.startswith("phases.csv:1: missing column(s)"), message
    return message


def test_make_data_log_names_data_not_a_machine_path(tmp_path, monkeypatch):
    from relations_lib import build

    lines: list[str] = []
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out"
    build.build(target, log=lines.append)
    assert lines[0].startswith("[data] 7 tables in out (8 changed)")
