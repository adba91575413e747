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
    """A country name or code that matches no country; the message suggests close matches."""


class UnknownIssueError(RelationsLibError, ValueError):
    """An issue code that Voeten's roll-call issue tags do not use."""


class ReferenceDataError(RelationsLibError):
    """A vendored reference file (data/reference/) or dictionary is missing or malformed."""


class SchemaError(RelationsLibError):
    """A table does not match its documented schema (see relations_lib.schema)."""


class MissingDependencyError(RelationsLibError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""


class UnknownCountryWarning(UserWarning):
    """The title names a country that ISO 3166 and the actor dictionary do not know."""
