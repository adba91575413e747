"""The code, tests, scripts and notebooks stay `ruff check` and `ruff format --check` clean."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

RUFF = Path(sys.prefix) / "bin" / "ruff"


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_is_clean(command):
    ruff = str(RUFF) if RUFF.exists() else shutil.which("ruff")
    assert ruff, "ruff is not installed (it is in the test extra)"
    result = subprocess.run([ruff, *command, "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
