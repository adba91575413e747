"""Reading article files and folders safely: regular files only, a size limit, any file name.

What can be handed to the library as "an article file" is not always one. A FIFO named
``x.txt`` blocks a plain ``open()`` until something writes to it; a link to ``/dev/zero``
reads until memory runs out; a dangling link, a folder the user may not list, a name longer
than the system allows, a name whose bytes are not UTF-8 — each must end in a typed error that
names the file (:class:`~relations_lib.errors.ArticleFileError`), and in a folder run must skip
that one file, never end the run.

So a file is checked with ``stat`` before it is opened, opened with ``O_NONBLOCK`` (a FIFO
that slipped in between cannot block the open), checked again with ``fstat`` on the open
descriptor (the thing actually read), and read up to ``max_bytes + 1`` bytes at most.

>>> from relations_lib.text.inputs import read_article_bytes, MAX_ARTICLE_BYTES
>>> MAX_ARTICLE_BYTES
10485760
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import ArgumentTypeError, ArgumentValueError, ArticleFileError, ArticleTooLargeError
from ..paths import shown

#: Default size limit of one article file, in bytes (10 MiB). The longest Wikipedia articles
#: are well under 1 MB of text, so a larger file is almost surely not an article; the limit
#: bounds the memory and time one file can take. Raise it with ``max_bytes=`` (or the
#: command line's ``--max-bytes``); ``None`` means no limit.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

#: How an article file's name ends (a folder run reads the files with this suffix).
ARTICLE_SUFFIX = ".txt"

_CHUNK = 1 << 20

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def check_max_bytes(max_bytes: int | None) -> int | None:
    """``max_bytes`` if it is a limit (a positive int) or None; else a TypeError/ValueError."""
    if max_bytes is None:
        return None
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise ArgumentTypeError(
            f"max_bytes must be an int (bytes) or None, got {type(max_bytes).__name__}"
        )
    if max_bytes < 1:
        raise ArgumentValueError(f"max_bytes must be at least 1, got {max_bytes}")
    return max_bytes


def _os_error(exc: OSError, path: str | os.PathLike, source: str) -> ArticleFileError:
    """The typed error for an OSError met while opening or reading an article file."""
    code = exc.errno
    if code == errno.ENOENT:
        if os.path.islink(path):
            target = shown(os.readlink(path))
            return ArticleFileError(
                f"dangling symbolic link: it points to {target}, which does not exist",
                source=source,
            )
        return ArticleFileError("file not found", source=source)
    if code in (errno.EACCES, errno.EPERM):
        return ArticleFileError(
            "permission denied: the file (or a folder above it) may not be read", source=source
        )
    if code == errno.ENAMETOOLONG:
        return ArticleFileError(
            f"file name too long for this system (a name may have at most {_name_max(path)} bytes)",
            source=source,
        )
    if code == errno.ELOOP:
        return ArticleFileError("too many levels of symbolic links (a link loop)", source=source)
    if code == errno.ENOTDIR:
        return ArticleFileError("a part of this path is a file, not a folder", source=source)
    if code == errno.EISDIR:
        return ArticleFileError("is a directory, not an article file", source=source)
    reason = exc.strerror or str(exc)
    return ArticleFileError(f"cannot read the file: {reason}", source=source)


def _name_max(path: str | os.PathLike) -> int:
    try:
        return os.pathconf(os.path.dirname(os.fspath(path)) or ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def read_article_bytes(
    path: str | os.PathLike, *, max_bytes: int | None = MAX_ARTICLE_BYTES
) -> bytes:
    """The bytes of an article file, if it is a regular file of at most ``max_bytes``.

    Parameters
    ----------
    path : the file; a symbolic link is followed (its target must be a regular file).
    max_bytes : the size limit in bytes (default :data:`MAX_ARTICLE_BYTES`, 10 MiB);
        ``None`` for no limit.

    Returns
    -------
    bytes
        The file's content. Reading is bounded: at most ``max_bytes + 1`` bytes are read,
        so a file that grows while being read cannot exhaust memory either.

    Raises
    ------
    ArticleFileError
        The file is missing, a dangling link, a folder, a FIFO, a device or a socket, not
        readable, or its name is too long; the message starts with the path (as given,
        printable: see :func:`relations_lib.paths.shown`).
    ArticleTooLargeError
        The file is larger than ``max_bytes``; the message gives both sizes and how to raise
        the limit.
    """
    limit = check_max_bytes(max_bytes)
    source = shown(path)
    try:
        info = os.stat(path)  # follows links: the target must be a regular file
    except OSError as exc:
        raise _os_error(exc, path, source) from None
    except ValueError as exc:  # an embedded NUL in the name
        raise ArticleFileError(f"not a usable file name ({exc})", source=source) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleFileError("is a directory, not an article file", source=source)
    if not stat.S_ISREG(info.st_mode):
        raise ArticleFileError(
            f"{_kind(info.st_mode)}, not a regular file: articles are read from regular files only",
            source=source,
        )
    _check_size(info.st_size, limit, source)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_error(exc, path, source) from None
    try:
        info = os.fstat(fd)  # what was opened, should the path have changed since the stat
        if not stat.S_ISREG(info.st_mode):
            raise ArticleFileError(
                f"{_kind(info.st_mode)}, not a regular file: articles are read from regular "
                "files only",
                source=source,
            )
        _check_size(info.st_size, limit, source)
        return _read_bounded(fd, limit, source)
    except OSError as exc:
        raise _os_error(exc, path, source) from None
    finally:
        os.close(fd)


def _check_size(size: int, limit: int | None, source: str) -> None:
    if limit is not None and size > limit:
        raise ArticleTooLargeError(
            f"file is {_megabytes(size)}, larger than the limit of {_megabytes(limit)} for one "
            "article (raise it with max_bytes=… or relations parse --max-bytes …)",
            source=source,
            size=size,
            limit=limit,
        )


def _read_bounded(fd: int, limit: int | None, source: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        want = _CHUNK if limit is None else min(_CHUNK, limit + 1 - total)
        chunk = os.read(fd, want) if want > 0 else b""
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if limit is not None and total > limit:
            _check_size(total, limit, source)  # the file grew while being read
    return b"".join(chunks)


# --- folders --------------------------------------------------------------------------------


def is_folder(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a folder; False (never an exception) when it cannot be looked at,
    so that reading it then gives the typed error saying why."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def list_articles(folder: str | os.PathLike) -> list[Path]:
    """The ``*.txt`` entries of a folder (not recursive, hidden names skipped), sorted by name.

    Every entry whose name ends in ``.txt`` is listed, whatever it is (a FIFO, a link, a
    folder): reading it then says why it is not an article, so it is reported, not silently
    dropped. Names that are not UTF-8 are kept as Python keeps them (PEP 383) and shown with
    ``\\xNN`` escapes in messages.

    Raises
    ------
    ArticleFileError
        The folder cannot be listed (permission denied, missing, not a folder), naming it.
    """
    source = shown(folder)
    try:
        with os.scandir(folder) as entries:
            names = [
                e.name
                for e in entries
                if e.name.endswith(ARTICLE_SUFFIX) and not e.name.startswith(".")
            ]
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise ArticleFileError(
                "permission denied: this folder may not be listed", source=source
            ) from None
        raise _os_error(exc, folder, source) from None
    base = Path(folder)
    return [base / name for name in sorted(names, key=os.fsencode)]


def unread_subfolders(folder: str | os.PathLike) -> list[Path]:
    """The sub-folders of ``folder`` (at any depth, hidden ones and folders named ``*.txt``
    left out) that hold ``*.txt`` files, which folder mode does not read: a folder run reads
    the articles directly in the folder, as :func:`list_articles` lists them. Sorted by path;
    empty when the folder cannot be walked."""
    found = []
    for top, dirs, files in os.walk(folder, onerror=lambda exc: None):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not d.endswith(ARTICLE_SUFFIX)
        )
        if Path(top) != Path(folder) and any(
            f.endswith(ARTICLE_SUFFIX) and not f.startswith(".") for f in files
        ):
            found.append(Path(top))
    return sorted(found, key=os.fsencode)


def input_articles(path: str | os.PathLike) -> list[Path]:
    """The article files one input path stands for: a folder's ``*.txt`` files
    (:func:`list_articles`), or the path itself.

    Raises
    ------
    ArticleFileError
        Nothing is at ``path`` (a misspelt folder would otherwise give empty tables and one
        "file not found" row), or the folder holds no ``*.txt`` article (the message says how
        many of its sub-folders hold some, which folder mode does not read), or it cannot be
        listed. Files missing *inside* a folder or a list stay rows of ``errors``.
    """
    if is_folder(path):
        listed = list_articles(path)
        if not listed:
            deeper = unread_subfolders(path)
            more = (
                f" ({len(deeper)} sub-folder{' holds' if len(deeper) == 1 else 's hold'} some, "
                "which a folder run does not read: give a sub-folder)"
                if deeper
                else ""
            )
            raise ArticleFileError(f"no *.txt articles in this folder{more}", source=shown(path))
        return listed
    if not os.path.lexists(path):
        raise ArticleFileError("no such file or folder", source=shown(path))
    return [Path(path)]
