"""Rebuild the derived tables in data/ from seeds/ and data/reference/ (``make data``).

Deterministic and atomic as a set: every table is computed and validated against its schema
first, then the tables and data/README.md are written into a staging folder and switched in
together by :mod:`relations_lib.outputs` (journal, then renames), so an interrupted or failing
build leaves data/ as it was, and a killed one is completed or undone by the next. Only the
files named in :data:`TABLES` and README.md are ever written; data/reference/ and anything
else in data/ are never touched. Rebuilding twice gives byte-identical files and changes
nothing.

    python -m relations_lib.build [--out DIR] [--debug]

Exit status: 0 success, 2 a failure the message explains (no space left, a read-only data/,
a malformed reference file, a table that does not match its schema), 1 an internal error.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import pandas as pd

from .casestudies.albania_palestine import TABLES as TABLES  # the tables data/ holds
from .outputs import to_csv_bytes, write_atomic, write_set
from .paths import data_dir, display_path

__all__ = ["TABLES", "build", "build_tables", "main", "to_csv_bytes", "write_atomic"]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


def _resolve(spec: str) -> Callable[[], pd.DataFrame]:
    module, _, func = spec.partition(":")
    return getattr(import_module(module), func)


def build_tables(names: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Compute and validate every table (nothing is written)."""
    from .schema import validate_table

    frames = {}
    for name in names or list(TABLES):
        frame = _resolve(TABLES[name])()
        frames[name] = validate_table(Path(name).stem, frame)
    return frames


def build(out_dir: Path | None = None, *, log: Callable[[str], None] = print) -> list[Path]:
    """Rebuild data/ (or ``out_dir``); returns the paths that changed.

    Raises
    ------
    SchemaError
        A table does not match its description (nothing is written).
    OutputError
        The set could not be written (no space left, read-only folder); data/ is unchanged.
    """
    out_dir = Path(out_dir) if out_dir else data_dir()
    t0 = time.perf_counter()
    frames = build_tables()  # everything computed and validated before anything is written
    files = {name: to_csv_bytes(frame) for name, frame in frames.items()}
    readme = _data_readme()
    if readme is not None:
        files["README.md"] = readme.encode("utf-8")
    # family=None: nothing in data/ but these files is ever touched (data/reference/ above all)
    changed = write_set(out_dir, files)
    log(
        f"[data] {len(frames)} tables in {display_path(out_dir)} "
        f"({len(changed)} changed) in {time.perf_counter() - t0:.1f} s"
    )
    return changed


def _data_readme() -> str | None:
    from .schema import data_readme

    return data_readme()


def main(argv: list[str] | None = None) -> int:
    """``python -m relations_lib.build``: rebuild data/; returns the exit status."""
    from .errors import RelationsLibError

    parser = argparse.ArgumentParser(
        prog="python -m relations_lib.build",
        description="Rebuild the derived tables in data/ (what `make data` runs).",
    )
    parser.add_argument(
        "--out", metavar="DIR", type=Path, help="write into DIR instead of data/ (for checks)"
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of a bug")
    args = parser.parse_args(argv)
    try:
        build(args.out)
    except RelationsLibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # reading an input the library does not wrap (a bug, but plain)
        where = f"{display_path(exc.filename)}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: data/ is unchanged or complete", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__}: {exc}. This is a bug in relations_lib: "
            "please report it"
            + (" with the traceback above." if args.debug else " (rerun with --debug)."),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
