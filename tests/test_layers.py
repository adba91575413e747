"""The layout of the package: import-linter's contracts (pyproject.toml [tool.importlinter]) hold.

The contracts are the layer order of the pipeline (a module imports only from layers below its
own), "general code never imports a case study", and no import cycle between sibling modules.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import relations_lib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(relations_lib.__file__).resolve().parent


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def _layered_modules() -> set[str]:
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    return {name.strip() for layer in layers["layers"] for name in layer.split("|")}


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail(f"lint-imports not found beside {sys.executable}: pip install import-linter")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in result.stdout, result.stdout


def test_every_module_is_in_a_layer():
    """A module left out of the layers contract would escape it: each top-level module or
    subpackage of relations_lib is named in one layer."""
    found = {
        f"relations_lib.{p.stem if p.is_file() else p.name}"
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.name != "__init__.py")
        or (p.is_dir() and (p / "__init__.py").exists())
    }
    assert found - _layered_modules() == set()
    assert _layered_modules() - found == set()  # no stale name in the contract either


def test_the_case_study_is_what_build_writes():
    """build.py writes the tables the seed's case study registers (the registry lives there)."""
    from relations_lib import build
    from relations_lib.casestudies import albania_palestine

    assert build.TABLES is albania_palestine.TABLES
    specs = {spec.partition(":")[0] for spec in build.TABLES.values()}
    assert specs == {"relations_lib.casestudies.albania_palestine"}
