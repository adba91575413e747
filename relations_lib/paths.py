"""Where things are. The one module that knows the project's and the package's paths.

From a repository checkout the seed and reference data are read from ``seeds/`` and
``data/reference/``; from an installed wheel they are read from the copies bundled under
``relations_lib/_bundled/`` (see ``[tool.hatch.build.targets.wheel.force-include]``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import _bases, shorten_paths

__all__ = [
    "PACKAGE_DIR",
    "SEED_NAME",
    "data_dir",
    "display_path",
    "notebooks_dir",
    "reference_dir",
    "reference_file",
    "repo_root",
    "reports_dir",
    "seed_path",
    "seeds_dir",
    "shorten_paths",
    "shown",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


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
        raise ReferenceDataError(f"{display_path(path)}: reference file is missing")
    return path


def data_dir() -> Path:
    """Folder of the derived tables (data/ in the repo)."""
    return _REPO / "data"


def notebooks_dir() -> Path:
    return _REPO / "notebooks"


def reports_dir() -> Path:
    return _REPO / "reports"


# --- showing paths to people ------------------------------------------------------------------


def shown(path: str | bytes | os.PathLike) -> str:
    """A path (or any text) as given, printable on one line of a UTF-8 terminal or file.

    Bytes of a file name that are not UTF-8 (kept by Python as lone surrogates, PEP 383)
    become ``\\xNN``, other lone surrogates ``\\uXXXX``, and control characters (a line
    break or an escape sequence inside a name) ``\\xNN``: such text could not be written to
    a UTF-8 file, or would break a message in two or recolour the terminal.

    >>> shown(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    text = os.fsdecode(path)
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _NEEDS_ESCAPE.sub(_escape, text)


_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code >= 0xD800:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def display_path(path: str | bytes | os.PathLike) -> str:
    """A path for a message: relative to the working directory when it is inside it, else
    relative to the project (the repository checkout, or the folder holding the installed
    package) when it is inside that, else as given; always printable (see :func:`shown`).

    Messages then name ``data/reference/phases.csv``, not the absolute path of one machine.
    """
    text = os.fsdecode(path)
    if os.path.isabs(text):
        for base in _bases():
            try:
                relative = os.path.relpath(text, base)
            except ValueError:  # another drive (Windows)
                continue
            if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
                return shown(relative)
    return shown(text)
