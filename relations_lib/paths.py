"""Where things are. The one module that knows the project's and the package's paths.

From a repository checkout the seed and reference data are read from ``seeds/`` and
``data/reference/``; from an installed wheel they are read from the copies bundled under
``relations_lib/_bundled/`` (see ``[tool.hatch.build.targets.wheel.force-include]``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = PACKAGE_DIR / "_bundled"
_REPO = PACKAGE_DIR.parent

#: Name of the seed article file.
SEED_NAME = "albania_palestine_relations.txt"


def _first_existing(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[0]


def repo_root() -> Path:
    """The repository checkout this package was imported from (meaningful only in a checkout)."""
    return _REPO


def seeds_dir() -> Path:
    """Folder holding the seed article(s)."""
    return _first_existing(_BUNDLED / "seeds", _REPO / "seeds")


def seed_path() -> Path:
    """Path of the bundled seed article."""
    return seeds_dir() / SEED_NAME


def reference_dir() -> Path:
    """Folder of vendored reference data and dictionaries (data/reference/ in the repo)."""
    return _first_existing(_BUNDLED / "reference", _REPO / "data" / "reference")


def reference_file(name: str) -> Path:
    """A file in the reference folder; raises ReferenceDataError when it is missing."""
    from .errors import ReferenceDataError

    path = reference_dir() / name
    if not path.exists():
        raise ReferenceDataError(f"{path}: reference file is missing")
    return path


def data_dir() -> Path:
    """Folder of the derived tables (data/ in the repo)."""
    return _REPO / "data"


def notebooks_dir() -> Path:
    return _REPO / "notebooks"


def reports_dir() -> Path:
    return _REPO / "reports"
