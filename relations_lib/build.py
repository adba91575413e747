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

from .paths import data_dir

#: file name in data/ -> "module:function" returning the table (a DataFrame).
#: The schema of each table is ``relations_lib.schema.TABLES[<file stem>]``.
TABLES: dict[str, str] = {
    "sentences.csv": "relations_lib.build:seed_sentences",
    "events.csv": "relations_lib.build:seed_events",
    "unmatched.csv": "relations_lib.build:seed_unmatched",
    "vote_mentions.csv": "relations_lib.build:seed_vote_mentions",
    "albania_unga_record.csv": "relations_lib.build:albania_unga_record",
    "key_resolutions.csv": "relations_lib.build:key_resolutions",
    "phases.csv": "relations_lib.build:phases",
}


def seed_sentences() -> pd.DataFrame:
    """The seed's sentence table (one row per sentence, with offsets)."""
    from .article import load_seed

    return load_seed().sentences_frame()


def seed_events() -> pd.DataFrame:
    """The seed's events, with the phase of each event on the pair's tracks."""
    from .article import load_seed
    from .events import extract_events
    from .phases import assign_phases, pair_tracks

    seed = load_seed()
    return assign_phases(extract_events(seed), pair_tracks(seed.countries))


def seed_unmatched() -> pd.DataFrame:
    from .article import load_seed
    from .events import unmatched

    return unmatched(load_seed())


def seed_vote_mentions() -> pd.DataFrame:
    from .article import load_seed
    from .phases import assign_phases, pair_tracks
    from .vote_mentions import extract_vote_mentions

    seed = load_seed()
    return assign_phases(extract_vote_mentions(seed), pair_tracks(seed.countries))


def albania_unga_record() -> pd.DataFrame:
    """Albania's vote on every UNGA roll call 1946–2019 beside the Assembly's totals."""
    from .article import load_seed
    from .phases import assign_phases, pair_tracks
    from .unvotes import voting_record

    seed = load_seed()
    return assign_phases(voting_record(seed.countries[0]), pair_tracks(seed.countries))


def key_resolutions() -> pd.DataFrame:
    """The key resolutions with the seed's first country's vote (Albania's, from the cited
    pages), in the general columns ``country`` / ``country_vote`` / ``country_vote_source``."""
    from .article import load_seed
    from .unvotes import key_resolutions as _key

    return _key(country=load_seed().countries[0])


def phases() -> pd.DataFrame:
    from .phases import cold_war_phases

    return cold_war_phases()


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
