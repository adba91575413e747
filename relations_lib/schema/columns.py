"""The vocabulary of the column dictionary: one :class:`Table` per published table.

Each table's description lives in its own module beside this one (``schema/events.py`` …) and
is collected in ``relations_lib.schema.TABLES``. From that one description come the pandera
schemas (validation in tests and at build time) and data/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """One column: name, pandas dtype, meaning, and what values are allowed.

    dtype: a pandas dtype string ("Int64", "float64", "string", "category", "boolean",
        "datetime64[ns]", "object").
    categories: allowed values for a category (``ordered`` when their order means something).
    minimum / maximum: inclusive range for numbers.
    nullable: whether missing values are allowed.
    unit: unit of measure where one applies ("year", "characters", "votes", …).
    """

    name: str
    dtype: str
    description: str
    nullable: bool = False
    categories: tuple[str, ...] | None = None
    ordered: bool = False
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None
    unique: bool = False
    required: bool = True  # False for columns added later, e.g. phase columns by assign_phases


@dataclass(frozen=True)
class Table:
    """A published table: what one row is, its columns in order, and where it comes from."""

    name: str
    row: str  # "One row per …"
    columns: tuple[Column, ...]
    sources: tuple[str, ...] = ()
    licence: str = ""
    file: str | None = None  # file name in data/ when `make data` writes it
    unique_key: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


#: The offsets every sentence-level table carries, so that ``article.text[start:end]`` is the
#: sentence: one definition, the same name and meaning everywhere.
SENTENCE_START = Column(
    "start",
    "Int64",
    "Offset of the sentence's first character in the article text.",
    minimum=0,
    unit="characters",
)
SENTENCE_END = Column(
    "end",
    "Int64",
    "Offset just past the sentence's last character: article.text[start:end] == sentence.",
    minimum=1,
    unit="characters",
)
