"""Writing tables: serialised safely, and switched in as a set, never half.

Used by ``make data`` (relations_lib.build) and by ``relations parse … --out DIR``; made to be
reused by writers that stream a corpus (:meth:`SetWriter.stream`).

Serialising
-----------
:func:`serialise` turns a table into the bytes of a CSV, JSON or Parquet file. In CSV only,
a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so that a spreadsheet shows it as text instead of running it as a formula
(:func:`neutralise_formulas`; the rule of OWASP's "CSV Injection" page,
https://owasp.org/www-community/attacks/CSV_Injection, also CWE-1236). Numbers are numbers
and keep their sign (a Goldstein score of -9 stays ``-9``); JSON and Parquet keep the exact
text.

Switching a set of files in
---------------------------
A run writes several tables that belong together (events, vote mentions, unmatched,
errors). Renaming them one by one is atomic per file only: a run killed between two renames
leaves new tables beside old ones. :class:`SetWriter` makes the set switch as one step:

1. take an exclusive lock on the target folder (``flock``), so two runs do not interleave;
2. finish or discard what a killed run left (:func:`recover`, below);
3. write every new file into a staging folder *inside* the target, named
   ``.relations-staging-<pid>-<random>/`` (same file system, so renames never copy), and
   ``fsync`` each file and the folder;
4. **commit**: write the journal ``JOURNAL.json`` into the staging folder (the list of files to
   move in and of stale files to remove), ``fsync`` it, and rename it into place: one atomic
   rename decides that the new set wins;
5. roll forward: rename each staged file over its target, remove the stale ones, ``fsync``
   the folder, then delete the journal and the staging folder.

A run that fails or is killed before step 4 leaves the old set exactly as it was (the next
run, or :func:`recover`, deletes its staging folder). One killed during step 5 leaves a
committed journal, and the next run (or :func:`recover`) completes the renames before
anything else: so after recovery the folder holds the complete old set or the complete new
set, never a mix. Between the commit and the end of step 5 (a few renames, microseconds) a
reader that opens the files directly can still meet a mix; only a run killed in that window
prolongs it until the next run.

Only the files the set names are touched: other files in the target folder (data/reference/,
data/README.md's neighbours, a user's own files) are never moved or removed. Stale files are
removed only among the names the caller declares the set's *family* (the CLI declares every
table name in every format, so that ``--out`` holds exactly the last run's tables).

A file whose bytes are already those of the new set is not rewritten (``make data`` twice
changes nothing, not even a modification time).
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import OutputError
from .paths import display_path

try:  # POSIX; without it runs are not serialised (each set still switches atomically)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    import pandas as pd

#: The file formats of :func:`serialise`.
FORMATS: tuple[str, ...] = ("csv", "parquet", "json")

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection):
#: equals, plus, minus, at, tab (0x09), carriage return (0x0D).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: Prefix of staging folders inside a target folder (hidden, and never a table's name).
STAGING_PREFIX = ".relations-staging-"
#: The commit record inside a staging folder.
JOURNAL = "JOURNAL.json"

# leftovers of the one-file-at-a-time writer (tempfile.mkstemp(prefix=".<name>.", suffix=".tmp"))
_OLD_TEMP = re.compile(r"^\.(?P<name>[^/\\]+)\.[A-Za-z0-9_]{8}\.tmp$")


# --- serialising ------------------------------------------------------------------------------


def _starts_with_trigger(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _neutralised_column(column: pd.Series) -> pd.Series | None:
    """The column with formula-leading text cells prefixed by ``'``; None when none is."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = list(column.cat.categories)
        if not any(_starts_with_trigger(c) for c in categories):
            return None
        renamed = ["'" + c if _starts_with_trigger(c) else c for c in categories]
        if len(set(renamed)) == len(renamed):
            return column.cat.rename_categories(renamed)
        column = column.astype(object)  # "'=x" already a category too: labels suffice
    if isinstance(column.dtype, pd.StringDtype):
        mask = column.str.startswith(FORMULA_TRIGGERS).fillna(False).astype(bool)
        return column.mask(mask, "'" + column) if mask.any() else None
    if column.dtype == object:
        values = column.tolist()
        if not any(_starts_with_trigger(v) for v in values):
            return None
        fixed = ["'" + v if _starts_with_trigger(v) else v for v in values]
        return pd.Series(fixed, index=column.index, dtype=object, name=column.name)
    return None  # numbers, dates, booleans: a spreadsheet reads them as values


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that a spreadsheet would run as a formula made inert.

    A text cell (string, object or category column) that starts with one of
    :data:`FORMULA_TRIGGERS` (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading
    apostrophe, which spreadsheets read as "this cell is text": ``=HYPERLINK("…")`` becomes
    ``'=HYPERLINK("…")``. The rule is OWASP's (https://owasp.org/www-community/attacks/CSV_Injection;
    also CWE-1236). Number, date and boolean columns are left alone, so ``-9`` stays a number.

    Returns
    -------
    pandas.DataFrame
        A copy when a cell changed (same columns and dtypes), else ``frame`` itself.
    """
    changed: dict[int, pd.Series] = {}
    for position in range(frame.shape[1]):
        fixed = _neutralised_column(frame.iloc[:, position])
        if fixed is not None:
            changed[position] = fixed
    if not changed:
        return frame
    out = frame.copy()
    for position, column in changed.items():
        out.isetitem(position, column)
    return out


def to_csv_bytes(frame: pd.DataFrame, *, neutralise: bool = True, header: bool = True) -> bytes:
    """Serialise a table as CSV, deterministically.

    Fixed column order as given, ``\\n`` line endings, ISO dates, floats with up to 10
    significant digits, empty string for missing values, UTF-8. With ``neutralise`` (the
    default) formula-leading text cells get a leading apostrophe (:func:`neutralise_formulas`).
    ``header=False`` leaves the header row out: a writer that streams a table in pieces
    writes the first piece with it and the others without.
    """
    if neutralise:
        frame = neutralise_formulas(frame)
    buf = io.StringIO()
    frame.to_csv(
        buf,
        index=False,
        header=header,
        lineterminator="\n",
        date_format="%Y-%m-%d",
        float_format="%.10g",
    )
    # backslashreplace: text that is not valid Unicode (a lone surrogate) is refused when an
    # article is read; should one slip through, it is written as \\udXXX, not a crash
    return buf.getvalue().encode("utf-8", errors="backslashreplace")


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    """A table as a JSON list of records (ISO dates, exact text, UTF-8)."""
    text = frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=1)
    return (text + "\n").encode("utf-8", errors="backslashreplace")


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """A table as Parquet bytes (needs pyarrow: ``pip install 'relations_lib[parquet]'``)."""
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def serialise(frame: pd.DataFrame, fmt: str) -> bytes:
    """A table as the bytes of a file in ``fmt``: ``csv``, ``parquet`` or ``json``.

    Raises
    ------
    ValueError
        For another format (the message lists the formats).
    """
    if fmt == "csv":
        return to_csv_bytes(frame)
    if fmt == "json":
        return to_json_bytes(frame)
    if fmt == "parquet":
        return to_parquet_bytes(frame)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


# --- file system helpers ----------------------------------------------------------------------


def _fsync_dir(path: Path) -> None:
    """Make the renames and creations inside a folder durable."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot fsync a folder; renames still hold
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _write_file(path: Path, payload: bytes) -> None:
    """Create ``path`` (it must not exist), write, fsync. Mode 0666 less the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _same_bytes(path: Path, payload: bytes) -> bool:
    try:
        if not path.is_file() or path.stat().st_size != len(payload):
            return False
        return path.read_bytes() == payload
    except OSError:
        return False


def _same_files(a: Path, b: Path) -> bool:
    import filecmp

    try:
        return b.is_file() and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def _plain_name(name: str) -> bool:
    """A file name the writer may create or remove: no folder part, not hidden, not odd."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and not name.startswith(".")
        and os.sep not in name
        and (os.altsep is None or os.altsep not in name)
        and "\x00" not in name
    )


def _reason(exc: OSError) -> str:
    """ "no space left on device", "read-only file system", "permission denied", …"""
    return exc.strerror.lower() if exc.strerror else str(exc)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on a folder (released on exit, or when the process dies)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError as exc:  # a file system without locks (some network ones)
                if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                    raise
        yield
    finally:
        os.close(fd)


# --- recovery ---------------------------------------------------------------------------------


def _read_journal(staging: Path) -> tuple[list[str], list[str]] | None:
    """The committed journal of a staging folder, or None when it was never committed."""
    try:
        record = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    move, remove = record.get("move"), record.get("remove")
    if not (isinstance(move, list) and isinstance(remove, list)):
        return None
    if not all(_plain_name(n) for n in [*move, *remove]):
        return None  # never act on a name outside the folder
    return move, remove


def _roll_forward(target: Path, staging: Path, move: list[str], remove: list[str]) -> None:
    """Complete a committed switch. Idempotent: safe to redo after any interruption."""
    for name in move:
        source = staging / name
        if source.exists():
            os.replace(source, target / name)
    for name in remove:
        with contextlib.suppress(FileNotFoundError):
            (target / name).unlink()
    _fsync_dir(target)
    with contextlib.suppress(FileNotFoundError):
        (staging / JOURNAL).unlink()
    shutil.rmtree(staging, ignore_errors=True)
    _fsync_dir(target)


def _recover_locked(target: Path) -> list[str]:
    done = []
    try:
        entries = list(os.scandir(target))
    except FileNotFoundError:
        return done
    for entry in entries:
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
            staging = Path(entry.path)
            journal = _read_journal(staging)
            if journal is not None:
                _roll_forward(target, staging, *journal)
                done.append(f"completed the switch {entry.name} left by an interrupted run")
            else:
                shutil.rmtree(staging, ignore_errors=True)
                done.append(f"removed {entry.name}, left by an interrupted run")
        elif _OLD_TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
            done.append(f"removed {entry.name}, left by an interrupted run")
    if done:
        _fsync_dir(target)
    return done


def recover(target: str | os.PathLike) -> list[str]:
    """Finish or discard what an interrupted run left in ``target``; what was done, in words.

    A staging folder with a committed journal is rolled forward (the new set is put in
    place); one without is deleted (the old set stays). Temporary files of the older
    one-file-at-a-time writer (``.<name>.XXXXXXXX.tmp``) are deleted. Every
    :class:`SetWriter` does this first; call it before reading a folder that a killed run
    may have been writing, to see a complete set.
    """
    folder = Path(target)
    if not folder.is_dir():
        return []
    with _locked(folder):
        return _recover_locked(folder)


# --- the writer -------------------------------------------------------------------------------


class SetWriter:
    """Write a set of files into a folder and switch them in together (see the module doc).

    >>> with SetWriter("out", family={"a.csv", "b.csv"}) as w:   # doctest: +SKIP
    ...     w.add("a.csv", b"x\\n1\\n")
    ...     with w.stream("b.csv") as fh:
    ...         fh.write(b"y\\n2\\n")
    >>> w.changed                                                 # doctest: +SKIP

    Leaving the ``with`` block normally commits; an exception aborts, leaving the folder as it
    was (the exception propagates; OSErrors become :class:`OutputError`).

    Parameters
    ----------
    target : the folder (created, with missing parents, if needed; removed again when the
        run fails and it was created for it).
    family : names that belong to this kind of set. Those present in the folder but not in
        the new set are removed in the same switch. ``None``: remove nothing.
    skip_unchanged : leave files whose bytes are already the new ones untouched.
    """

    def __init__(
        self,
        target: str | os.PathLike,
        *,
        family: Iterable[str] | None = None,
        skip_unchanged: bool = True,
    ) -> None:
        self.target = Path(target)
        self.family = frozenset(family) if family is not None else frozenset()
        self.skip_unchanged = skip_unchanged
        #: paths changed by the commit (written or removed), set by :meth:`commit`.
        self.changed: list[Path] = []
        self._names: dict[str, bool] = {}  # name in the new set -> staged (False: unchanged)
        self._staging: Path | None = None
        self._created: list[Path] = []
        self._lock: contextlib.ExitStack | None = None
        self._state = "new"

    # -- errors ---------------------------------------------------------------------------

    def _error(self, exc: OSError, name: str | None, *, committed: bool = False) -> OutputError:
        where = display_path(self.target / name if name else self.target)
        folder = display_path(self.target)
        if committed:
            tail = (
                "the new set is committed but not all in place: the next run (or "
                f"relations_lib.outputs.recover({folder!r})) completes it"
            )
        else:
            tail = f"{folder} was left unchanged"
        return OutputError(
            f"{where}: cannot write: {_reason(exc)}; {tail}",
            target=folder,
            path=where,
            committed=committed,
        )

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> SetWriter:
        self.open()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()

    def open(self) -> None:
        """Create the folder if needed, lock it, and recover what a killed run left."""
        if self._state != "new":
            raise RuntimeError("this SetWriter was already opened")
        self._state = "open"
        try:
            if self.target.exists() and not self.target.is_dir():
                raise OutputError(
                    f"{display_path(self.target)}: not a folder (tables are written into a folder)",
                    target=display_path(self.target),
                )
            self._make_target()
            self._lock = contextlib.ExitStack()
            self._lock.enter_context(_locked(self.target))
            _recover_locked(self.target)
        except OSError as exc:
            self.abort()
            raise self._error(exc, None) from None
        except BaseException:
            self.abort()
            raise

    def _make_target(self) -> None:
        missing = []
        folder = self.target
        while not folder.exists():
            missing.append(folder)
            if folder.parent == folder:
                break
            folder = folder.parent
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:  # made meanwhile by someone else: not ours to remove
                continue
            self._created.append(folder)

    def _ensure_staging(self) -> Path:
        if self._staging is None:
            staging = self.target / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(3)}"
            staging.mkdir(mode=0o700)
            self._staging = staging
        return self._staging

    def _staging_or_raise(self) -> Path:
        """The staging folder; failing to make it is the folder's error, not a table's."""
        try:
            return self._ensure_staging()
        except OSError as exc:
            self.abort()
            raise self._error(exc, None) from None

    def _check(self, name: str) -> None:
        if self._state != "open":
            raise RuntimeError(f"cannot add {name!r}: the writer is {self._state}")
        if not _plain_name(name):
            raise ValueError(f"{name!r} is not a plain file name (no folders, not hidden)")
        if name in self._names:
            raise ValueError(f"{name!r} is already in this set")

    # -- adding files -----------------------------------------------------------------------

    def add(self, name: str, payload: bytes) -> None:
        """Stage one file of the new set (written and fsynced now, switched in at commit)."""
        self._check(name)
        if self.skip_unchanged and _same_bytes(self.target / name, payload):
            self._names[name] = False
            return
        staging = self._staging_or_raise()
        try:
            _write_file(staging / name, payload)
        except OSError as exc:
            self.abort()
            raise self._error(exc, name) from None
        self._names[name] = True

    @contextlib.contextmanager
    def stream(self, name: str) -> Iterator[BinaryIO]:
        """Stage one file written piece by piece: ``with w.stream("events.csv") as fh: …``.

        For writers that do not hold a whole table in memory (a corpus streamed article by
        article). The file is fsynced when the block ends; at commit it is compared with the
        file in place and left out of the switch when equal.
        """
        self._check(name)
        path = self._staging_or_raise() / name
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:
            self.abort()
            raise self._error(exc, name) from None
        self._names[name] = True
        handle = os.fdopen(fd, "wb")
        try:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        except OSError as exc:
            handle.close()
            self.abort()
            raise self._error(exc, name) from None
        except BaseException:
            handle.close()
            self.abort()
            raise
        handle.close()

    # -- switching --------------------------------------------------------------------------

    def commit(self) -> list[Path]:
        """Switch the staged set in (see the module doc); returns the paths that changed."""
        if self._state != "open":
            raise RuntimeError(f"cannot commit: the writer is {self._state}")
        move = []
        try:
            for name, staged in self._names.items():
                if not staged:
                    continue
                assert self._staging is not None
                if self.skip_unchanged and _same_files(self._staging / name, self.target / name):
                    (self._staging / name).unlink()
                    continue
                move.append(name)
            remove = sorted(
                name
                for name in self.family - set(self._names)
                if os.path.lexists(self.target / name)
            )
            if not move and not remove:
                self._finish()
                return []
            staging = self._ensure_staging()
            _fsync_dir(staging)
            record = json.dumps({"move": move, "remove": remove}, indent=1).encode("utf-8")
            _write_file(staging / (JOURNAL + ".tmp"), record)
            os.replace(staging / (JOURNAL + ".tmp"), staging / JOURNAL)
            _fsync_dir(staging)  # the commit point: from here the new set wins
        except OSError as exc:
            self.abort()
            raise self._error(exc, None) from None
        except BaseException:
            self.abort()
            raise
        try:
            _roll_forward(self.target, staging, move, remove)
        except OSError as exc:
            self._staging = None  # keep the committed staging folder for recovery
            self._finish()
            raise self._error(exc, None, committed=True) from None
        self._staging = None
        self.changed = [self.target / n for n in [*move, *remove]]
        self._finish()
        return self.changed

    def abort(self) -> None:
        """Drop everything staged; the folder keeps its old set. Safe to call twice."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        for folder in reversed(self._created):  # folders this run made, if still empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._created = []
        self._state = "aborted"
        self._release()

    def _finish(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        self._created = []
        self._state = "committed"
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def write_set(
    target: str | os.PathLike,
    files: Mapping[str, bytes],
    *,
    family: Iterable[str] | None = None,
    skip_unchanged: bool = True,
) -> list[Path]:
    """Write ``files`` (name → bytes) into ``target`` and switch them in as one set.

    See :class:`SetWriter` for ``family`` and ``skip_unchanged``, and the module doc for the
    guarantees.

    Returns
    -------
    list[pathlib.Path]
        The paths that changed (written, or removed as stale), in order.

    Raises
    ------
    OutputError
        The set could not be written (no space left, read-only or unwritable folder, a
        name too long); the message names the table and says the folder is unchanged.
    """
    writer = SetWriter(target, family=family, skip_unchanged=skip_unchanged)
    with writer:
        for name, payload in files.items():
            writer.add(name, payload)
    return writer.changed


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    target: str | os.PathLike,
    fmt: str = "csv",
    *,
    family: Iterable[str] | None = None,
) -> list[Path]:
    """Serialise every table (``name`` → ``target/name.fmt``) and switch them in as one set.

    Everything is serialised before anything is written, so a table that fails to serialise
    leaves ``target`` untouched. ``family``: as for :class:`SetWriter`.

    Returns
    -------
    list[pathlib.Path]
        The files of the set, in the order of ``tables`` (written or already identical).
    """
    payloads = {f"{name}.{fmt}": serialise(frame, fmt) for name, frame in tables.items()}
    write_set(target, payloads, family=family)
    return [Path(target) / name for name in payloads]


# --- one file ---------------------------------------------------------------------------------


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: str | os.PathLike, payload: bytes) -> bool:
    """Write one file via a temporary file beside it and a rename; skip it if unchanged.

    For files that stand alone (report pages); a set of tables that belong together goes
    through :func:`write_set`. Returns True when the file changed.
    """
    path = Path(path)
    if _same_bytes(path, payload):
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
