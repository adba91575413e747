"""The package's exceptions: every error a user can cause is a :class:`RelationsLibError`."""

from __future__ import annotations


class RelationsLibError(Exception):
    """Base class of every error relations_lib raises on purpose."""


class ArticleFormatError(RelationsLibError, ValueError):
    """An article cannot be read: not UTF-8, binary, empty, or without a title line.

    The message starts with ``source:line:`` (or ``source:`` when no line applies),
    the form compilers and editors understand.
    """

    def __init__(self, message: str, *, source: str = "<text>", line: int | None = None):
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class UnknownCountryError(RelationsLibError, LookupError):
    """A country name or code that matches no country; the message suggests close matches."""


class UnknownIssueError(RelationsLibError, ValueError):
    """An issue code that Voeten's roll-call issue tags do not use."""


class ReferenceDataError(RelationsLibError):
    """A vendored reference file (data/reference/) or dictionary is missing or malformed.

    Paths inside the working directory or the project are shown relative to it
    (``data/reference/phases.csv:3: …``), not as one machine's absolute path.
    """

    def __init__(self, message: str = "", *args: object):
        from .paths import shorten_paths

        super().__init__(shorten_paths(str(message)), *args)


class SchemaError(RelationsLibError):
    """A table does not match its documented schema (see relations_lib.schema)."""


class MissingDependencyError(RelationsLibError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""


class ArticleFileError(ArticleFormatError):
    """An article path that cannot be read as an article file: missing, a dangling symbolic
    link, a folder, not a regular file (a FIFO, a device, a socket), larger than the size
    limit, not readable (permission denied), or a name the system refuses (too long).

    A subclass of :class:`ArticleFormatError`, so code that skips unreadable articles skips
    these too.
    """


class ArticleTooLargeError(ArticleFileError):
    """An article file larger than the size limit (``max_bytes``); ``size`` and ``limit`` are
    in bytes (``size`` is at least ``limit + 1`` when the file grew while being read)."""

    def __init__(self, message: str, *, source: str, size: int, limit: int):
        self.size = size
        self.limit = limit
        super().__init__(message, source=source)


class OutputError(RelationsLibError):
    """A set of output tables could not be written (no space left, a read-only or
    unwritable folder, a name too long, …).

    The message names the table file and says what was left: the folder is unchanged when
    the failure came before the switch (``committed`` is False). ``path`` is the table (or
    folder) that failed, ``target`` the output folder.
    """

    def __init__(self, message: str, *, target: str, path: str | None = None, committed=False):
        self.target = target
        self.path = path
        self.committed = committed
        super().__init__(message)


class UnknownCountryWarning(UserWarning):
    """The title names a country that ISO 3166 and the actor dictionary do not know."""
