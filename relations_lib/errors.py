"""The package's exceptions: every error a user can cause is a :class:`RelationsLibError`.

Every class the package raises on purpose is defined here and listed in ``__all__`` (and
exported as ``rl.<Name>``)::

    RelationsLibError                       base of them all
    ├── ArgumentError                       a public function called with an argument it does
    │   │                                   not accept (the message names the function, the
    │   │                                   parameter, what it accepts and what it got)
    │   ├── ArgumentTypeError (TypeError)   wrong type: None, a list for a str, "no" for a bool
    │   └── ArgumentValueError (ValueError) right type, value out of range or not a choice
    │       ├── UnknownIssueError           an issue code Voeten's data does not use
    │       ├── UnknownMeasureError         a measure or grouping agreement() does not know
    │       └── UnknownTrackError           a phase track the phases table does not have
    ├── ArticleFormatError (ValueError)     an article that cannot be read
    │   └── ArticleFileError                its file: missing, a folder, a FIFO, unreadable
    │       └── ArticleTooLargeError        larger than max_bytes
    ├── ArticleTimeoutError                 an article of a corpus run over its time limit
    ├── LabelFormatError (ValueError)       a labels file that breaks the labelling rules
    ├── UnknownCountryError (LookupError)   a country name or code no state has
    │   └── AmbiguousCountryError           one that means several states
    ├── ReferenceDataError                  a vendored reference file missing or malformed
    ├── SchemaError                         a table that does not match its schema
    ├── MissingDependencyError (ImportError) an optional dependency not installed
    ├── OutputError                         output tables that could not be written
    ├── RunError                            a corpus run that cannot start, go on or be read
    │   └── RunSettingsError                a rerun with other settings than the run's
    ├── UsageError                          a bad command line (exit status 2)
    └── ReportError                         reports that cannot be written
        └── NotebookExecutionError          a notebook cell that failed

    UnknownCountryWarning (a UserWarning)   a title country the registry does not know
    IncompleteRunWarning (a UserWarning)    read_run() of a corpus run that did not finish

Wrong arguments follow Python's convention (a wrong type is a ``TypeError``, a wrong value a
``ValueError``) *and* the package's: ``except TypeError``, ``except ValueError`` and
``except rl.RelationsLibError`` all catch them. The checks live in one place,
:mod:`relations_lib._args`, called at the top of each public function.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "AmbiguousCountryError",
    "ArgumentError",
    "ArgumentTypeError",
    "ArgumentValueError",
    "ArticleFileError",
    "ArticleFormatError",
    "ArticleTimeoutError",
    "ArticleTooLargeError",
    "IncompleteRunWarning",
    "LabelFormatError",
    "MissingDependencyError",
    "NotebookExecutionError",
    "OutputError",
    "ReferenceDataError",
    "RelationsLibError",
    "ReportError",
    "RunError",
    "RunSettingsError",
    "SchemaError",
    "UnknownCountryError",
    "UnknownCountryWarning",
    "UnknownIssueError",
    "UnknownMeasureError",
    "UnknownTrackError",
    "UsageError",
]


class RelationsLibError(Exception):
    """Base class of every error relations_lib raises on purpose.

    Paths in the message inside the working directory or the project are shown relative to
    it, not as one machine's absolute path (:func:`shorten_paths`).
    """

    def __init__(self, *args: object):
        super().__init__(*(shorten_paths(a) if isinstance(a, str) else a for a in args))


class ArgumentError(RelationsLibError):
    """A public function was called with an argument it does not accept.

    The message reads ``function(): parameter must be <what it accepts>, got <what it got>``;
    the parts are kept as ``function``, ``parameter``, ``accepts`` and ``got`` (the type name,
    and a short repr for small values). Raised as :class:`ArgumentTypeError` or
    :class:`ArgumentValueError`, never as this class itself.
    """

    def __init__(
        self,
        message: str,
        *,
        function: str | None = None,
        parameter: str | None = None,
        accepts: str | None = None,
        got: str | None = None,
    ):
        super().__init__(message)
        self.function = function
        self.parameter = parameter
        self.accepts = accepts
        self.got = got


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument of the wrong type: None where a value is needed, a list for a str, a str
    for a bool or an int, an int for a name. Also a :class:`TypeError`."""


class ArgumentValueError(ArgumentError, ValueError):
    """An argument of the right type but a value the function does not take: a number out of
    range, a word that is not one of the choices. Also a :class:`ValueError`."""


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


class UnknownIssueError(ArgumentValueError):
    """An issue code that Voeten's roll-call issue tags do not use."""


class UnknownMeasureError(ArgumentValueError):
    """A measure or grouping that :func:`relations_lib.agreement` does not know; the message
    lists them."""


class UnknownTrackError(ArgumentValueError):
    """A track name the phases table does not have; the message lists the tracks it has."""


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


class RunError(RelationsLibError):
    """A corpus run cannot start: the output folder is in use or holds a run with other
    settings, or a folder holds no run to read; or a worker process of a run died (killed,
    out of memory). The message names the folder or the process and what to do."""


class RunSettingsError(RunError):
    """The output folder holds a run made with other settings (input, ``--max-bytes``, the
    library or manifest version), which a rerun cannot resume without mixing parts made two
    ways. ``settings`` names them; the message says what to do (``--fresh``, another
    ``--out``, or the same settings)."""

    def __init__(self, message: str, *, settings: tuple[str, ...] = ()):
        self.settings = settings
        super().__init__(message)


class UsageError(RelationsLibError):
    """A bad command line or output location (exit status 2)."""


class ReportError(RelationsLibError):
    """The reports cannot be written (a bad figure, a report that would need the network…)."""


class NotebookExecutionError(ReportError):
    """A notebook cell failed. The message names the notebook, the cell, its source and the error.

    Attributes: ``notebook`` (path), ``cell_number`` (1-based position among all cells, as in
    the notebook file), ``source`` (the cell's code), ``ename``, ``evalue``, ``traceback``
    (plain text, colours removed).
    """

    def __init__(
        self,
        notebook: str | os.PathLike,
        cell_number: int | None,
        source: str,
        ename: str,
        evalue: str,
        traceback: str = "",
    ):
        self.notebook = Path(notebook)
        self.cell_number = cell_number
        self.source = source
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback
        where = f"cell {cell_number}" if cell_number is not None else "kernel"
        lines = [f"{_cwd_relative(self.notebook)}: {where} failed: {ename}: {evalue}".rstrip(": ")]
        if source:
            excerpt = source.splitlines()
            lines += ["", *(f"    | {line}" for line in excerpt[:12])]
            if len(excerpt) > 12:
                lines.append(f"    | … ({len(excerpt) - 12} more lines)")
        if traceback:
            lines += ["", *traceback.rstrip().splitlines()[-25:]]
        super().__init__("\n".join(lines))


def _cwd_relative(path: str | os.PathLike) -> str:
    """``path`` relative to the working directory when it is below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


class IncompleteRunWarning(UserWarning):
    """:func:`relations_lib.read_run` read a corpus run that did not finish (interrupted, killed,
    stopped by a bug): its tables hold only the articles of its complete parts. The message
    names the folder, how many of the run's inputs are coded and how to resume (rerun the same
    command); the tables it returns have ``complete`` False. ``done`` and ``inputs`` are the
    counts (articles coded or reported as errors; articles the last invocation was given)."""

    def __init__(self, message: str, *, done: int = 0, inputs: int = 0):
        self.done = done
        self.inputs = inputs
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
