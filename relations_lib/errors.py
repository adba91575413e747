"""The package's exceptions: every error a user can cause is a :class:`RelationsLibError`."""

from __future__ import annotations

import os
from pathlib import Path


class RelationsLibError(Exception):
    """Base class of every error relations_lib raises on purpose.

    Paths in the message inside the working directory or the project are shown relative to
    it, not as one machine's absolute path (:func:`shorten_paths`).
    """

    def __init__(self, *args: object):
        super().__init__(*(shorten_paths(a) if isinstance(a, str) else a for a in args))


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


class LabelFormatError(RelationsLibError, ValueError):
    """A labels file (or a label-set manifest) cannot be read: bad JSON, or a field that breaks
    the labelling rules.

    The message starts with ``source:line:`` for JSON syntax errors and names the field
    (``events[3].kind``) for the others; ``field`` holds that path.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str = "<labels>",
        line: int | None = None,
        field: str | None = None,
    ):
        self.source = source
        self.line = line
        self.field = field
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        what = f"{field}: " if field else ""
        super().__init__(f"{where}: {what}{message}")


class UnknownCountryError(RelationsLibError, LookupError):
    """A country name or code that matches no country; the message suggests close matches.

    ``query`` is what was looked up and ``suggestions`` the registry's names closest in
    spelling (possibly empty).
    """

    def __init__(self, message: str, *, query: object = None, suggestions: tuple[str, ...] = ()):
        super().__init__(message)
        self.query = query
        self.suggestions = tuple(suggestions)


class AmbiguousCountryError(UnknownCountryError):
    """A name or code that meant several states ("Korea", "Congo", "Yemen" before 1990).

    ``candidates`` holds the :class:`relations_lib.countries.Country` objects it may mean; the
    message lists them with their periods. A date (``on=``) or a fuller name resolves it. A
    subclass of :class:`UnknownCountryError`, so code that treats an unresolvable name as
    unknown treats an ambiguous one the same way.
    """

    def __init__(self, message: str, *, query: object = None, candidates: tuple = ()):
        super().__init__(message, query=query)
        self.candidates = tuple(candidates)


class UnknownIssueError(RelationsLibError, ValueError):
    """An issue code that Voeten's roll-call issue tags do not use."""


class ReferenceDataError(RelationsLibError):
    """A vendored reference file (data/reference/) or dictionary is missing or malformed.

    Paths inside the working directory or the project are shown relative to it
    (``data/reference/phases.csv:3: …``), not as one machine's absolute path.
    """

    def __init__(self, message: str = "", *args: object):
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


class ArticleTimeoutError(RelationsLibError):
    """Coding one article of a corpus run took longer than the run's per-article time limit
    (``timeout``, ``--timeout``); the article is an errors row and the run goes on. ``seconds``
    is the limit."""

    def __init__(self, message: str, *, source: str, seconds: float):
        self.source = source
        self.line = None
        self.seconds = seconds
        super().__init__(message)


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
    """The title names a country that the country registry does not know (or cannot tell
    apart without a date: "Korea"); its code is UNK."""


# Paths in messages: relative to the working directory or the project, not one machine's
# absolute path. Here, below every layer, so that errors can use it (paths re-exports it).
_REPO = Path(__file__).resolve().parent.parent


def shorten_paths(message: str) -> str:
    """``message`` with the absolute paths of the working directory and the project written
    relative to them (see :func:`display_path`); other text is left as it is."""
    for base in _bases():
        if base != os.sep:
            message = message.replace(base + os.sep, "")
    return message


def _bases() -> list[str]:
    """The folders paths are shown relative to: the working directory, then the project."""
    try:
        cwd = [os.getcwd()]
    except OSError:  # the working directory was removed
        cwd = []
    return [*cwd, os.fspath(_REPO)]
