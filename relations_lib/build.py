"""Rebuild the derived tables in data/ from seeds/ and data/reference/ (``make data``).

Deterministic and atomic: every table is computed and validated against its schema first,
written to a temporary file beside its target and only then renamed over it, so an interrupted
or failing build leaves data/ as it was. Rebuilding twice gives byte-identical files.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import pandas as pd

from .casestudies.albania_palestine import TABLES as TABLES  # the tables data/ holds
from .paths import data_dir


def _resolve(spec: str) -> Callable[[], pd.DataFrame]:
    module, _, func = spec.partition(":")
    return getattr(import_module(module), func)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Serialise a table deterministically: fixed column order as given, ``\\n`` line endings,
    ISO dates, floats with up to 10 significant digits, empty string for missing values."""
    buf = io.StringIO()
    frame.to_csv(
        buf, index=False, lineterminator="\n", date_format="%Y-%m-%d", float_format="%.10g"
    )
    return buf.getvalue().encode("utf-8")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, payload: bytes) -> bool:
    """Write ``payload`` to ``path`` via a temporary file and rename; skip if unchanged.

    Returns True when the file changed.
    """
    if path.exists() and path.read_bytes() == payload:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode())  # mkstemp makes 0600 files; published data is 0644-ish
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def build_tables(names: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Compute and validate every table (nothing is written)."""
    from .schema import validate_table

    frames = {}
    for name in names or list(TABLES):
        frame = _resolve(TABLES[name])()
        frames[name] = validate_table(Path(name).stem, frame)
    return frames


def build(out_dir: Path | None = None, *, log: Callable[[str], None] = print) -> list[Path]:
    """Rebuild data/ (or ``out_dir``); returns the paths that changed."""
    out_dir = Path(out_dir) if out_dir else data_dir()
    t0 = time.perf_counter()
    frames = build_tables()  # everything computed and validated before anything is written
    payloads = {name: to_csv_bytes(frame) for name, frame in frames.items()}
    changed = []
    for name, payload in payloads.items():
        if write_atomic(out_dir / name, payload):
            changed.append(out_dir / name)
    readme = _data_readme()
    if readme is not None and write_atomic(out_dir / "README.md", readme.encode("utf-8")):
        changed.append(out_dir / "README.md")
    log(
        f"[data] {len(payloads)} tables in {out_dir} "
        f"({len(changed)} changed) in {time.perf_counter() - t0:.1f} s"
    )
    return changed


def _data_readme() -> str | None:
    from .schema import data_readme

    return data_readme()


def main(argv: list[str] | None = None) -> int:
    from .errors import RelationsLibError

    try:
        build()
    except RelationsLibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
