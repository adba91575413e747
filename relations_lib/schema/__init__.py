"""The data contract: every published table's column dictionary, and what is made from it.

Each table is described once, as a :class:`~relations_lib.schema.columns.Table` in its own
module beside this one (``sentences.py``, ``events.py``, ``vote_mentions.py``, ``unvotes.py``,
``alignment.py``, ``phases.py``, ``corpus_errors.py``, ``evaluation.py``). This module collects
them and derives:

* :func:`to_pandera` — a pandera ``DataFrameSchema`` (dtypes, nulls, allowed values, ranges,
  uniqueness, the exact column set and order);
* :func:`validate_table` — validation that raises :class:`~relations_lib.errors.SchemaError`
  listing every failure; used by ``make data`` and by the tests over every public frame;
* :func:`data_readme` — the text of data/README.md, the data dictionary.

>>> from relations_lib.schema import TABLES, FILES
>>> FILES["sentences"] is TABLES["sentences"]
True

pandas and pandera are imported inside the functions that need them, so importing this module
stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import SchemaError
from .columns import Column, Table

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

__all__ = [
    "FILES",
    "TABLES",
    "Column",
    "Table",
    "conforms",
    "data_readme",
    "empty_frame",
    "keyed_by_article",
    "misordered_columns",
    "table_for",
    "to_pandera",
    "validate_table",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


#: The modules holding the descriptions, in the order the data dictionary lists them.
TABLE_MODULES: tuple[str, ...] = (
    "sentences",
    "events",
    "vote_mentions",
    "unvotes",
    "alignment",
    "phases",
    "corpus_errors",
    "evaluation",
)

#: File stem in data/ -> name of the table describing it. ``make data`` writes exactly these
#: files (relations_lib.build.TABLES) and validates ``data/<stem>.csv`` with ``FILES[stem]``.
FILE_STEMS: dict[str, str] = {
    "sentences": "sentences",
    "events": "events",
    "unmatched": "unmatched",
    "vote_mentions": "vote_mentions",
    "albania_unga_record": "voting_record",
    "key_resolutions": "key_resolutions",
    "phases": "phases",
}


def _collect() -> tuple[dict[str, Table], dict[str, str]]:
    """Every module-level Table of the description modules, keyed by ``Table.name``."""
    tables: dict[str, Table] = {}
    modules: dict[str, str] = {}
    for short in TABLE_MODULES:
        module = import_module(f"{__name__}.{short}")
        for value in vars(module).values():
            if not isinstance(value, Table) or any(value is t for t in tables.values()):
                continue
            if value.name in tables:
                raise SchemaError(
                    f"table {value.name!r} is described twice: in {modules[value.name]} "
                    f"and in {module.__name__}"
                )
            tables[value.name] = value
            modules[value.name] = module.__name__
    return tables, modules


#: Table name -> its description.
TABLES: dict[str, Table]
#: Table name -> the module that describes it.
TABLE_SOURCES: dict[str, str]
TABLES, TABLE_SOURCES = _collect()

#: File stem in data/ -> the description of that file.
FILES: dict[str, Table] = {stem: TABLES[name] for stem, name in FILE_STEMS.items()}


def table_for(name: str | Table) -> Table:
    """The description of a table, by table name or by data/ file stem (or a Table itself)."""
    if isinstance(name, Table):
        return name
    if name in TABLES:
        return TABLES[name]
    if name in FILES:
        return FILES[name]
    known = sorted({*TABLES, *FILES})
    raise SchemaError(f"no table described as {name!r}; known tables: {', '.join(known)}")


def keyed_by_article(table: Table) -> Table:
    """``table`` with an ``article`` key column first: its rows, gathered from many articles.

    This is the shape of the tables ``relations_lib.extract_events_many`` returns.
    """
    article = Column("article", "string", "The article the row comes from (its path).")
    key = ("article", *table.unique_key) if table.unique_key else ()
    return replace(
        table,
        name=f"{table.name}_many",
        row=f"{table.row.rstrip('.')}, for every article of a corpus.",
        columns=(article, *table.columns),
        file=None,
        unique_key=key,
    )


def empty_frame(table: str | Table) -> pd.DataFrame:
    """A frame with no rows and the table's columns and dtypes (placeholder and optional
    columns — those other functions add, such as ``assign_phases``'s — omitted).

    What a function returns when there is nothing to report, so that empty results still
    concatenate and validate.
    """
    import pandas as pd

    table = table_for(table)
    data = {}
    for column in table.columns:
        if _PLACEHOLDER.search(column.name) or not column.required:
            continue
        dtype = _pandas_dtype(column)
        if column.dtype == "category" and column.categories is None:
            dtype = pd.CategoricalDtype([], ordered=column.ordered)
        data[column.name] = pd.Series([], dtype=object if dtype is None else dtype)
    return pd.DataFrame(data)


# --- pandera -----------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"<[^<>]+>")


def _name_pattern(name: str) -> str:
    """``"phase_<track>"`` → ``"phase_[A-Za-z0-9_]+"`` (the regex of a family of columns)."""
    parts = _PLACEHOLDER.split(name)
    return r"[A-Za-z0-9_]+".join(re.escape(p) for p in parts)


def _literal_length(name: str) -> int:
    return len(_PLACEHOLDER.sub("", name))


def _column_key(column: Column, table: Table) -> tuple[str, bool]:
    """The pandera key of a column: its name, or an anchored regex for a placeholder name.

    A family such as ``phase_<track>`` must not also claim the columns of a more specific
    family (``phase_<track>_uncertain``), or each would be checked against both dtypes; so a
    pattern excludes the patterns with more literal characters.
    """
    if not _PLACEHOLDER.search(column.name):
        return column.name, False
    more_specific = [
        _name_pattern(c.name)
        for c in table.columns
        if c is not column
        and _PLACEHOLDER.search(c.name)
        and _literal_length(c.name) > _literal_length(column.name)
    ]
    guard = f"(?!(?:{'|'.join(more_specific)})$)" if more_specific else ""
    return f"^{guard}{_name_pattern(column.name)}$", True


def _pandas_dtype(column: Column):
    import pandas as pd

    if column.dtype == "category" and column.categories is not None:
        return pd.CategoricalDtype(list(column.categories), ordered=column.ordered)
    if column.dtype == "object":
        return None  # anything goes
    return column.dtype


_NULLABLE_INT = re.compile(r"U?Int(8|16|32|64)")
#: The messages of the checks below, which pandera reports as the check's name.
_STRICT_DTYPE_ERRORS: set[str] = set()


def _dtype_check(fn, name: str, error: str):
    import pandera.pandas as pa

    _STRICT_DTYPE_ERRORS.add(error)
    return pa.Check(fn, name=name, error=error)


def _strict_dtype_checks(column: Column) -> list:
    """What pandera's dtype check lets through and the contract does not.

    pandera accepts object for "string", int64 for "Int64", and any categorical for a
    "category" that lists no categories; the contract wants the real dtype, and an ordered
    category where ``ordered`` is set.
    """
    import pandas as pd

    dtype = column.dtype
    if dtype == "string":
        return [
            _dtype_check(
                lambda s: isinstance(s.dtype, pd.StringDtype),
                name="string_dtype",
                error="expected a pandas string dtype ('string' or 'str'), not object",
            )
        ]
    if _NULLABLE_INT.fullmatch(dtype):
        return [
            _dtype_check(
                lambda s: str(s.dtype) == dtype,
                name=f"{dtype}_dtype",
                error=f"expected the nullable {dtype} dtype",
            )
        ]
    if dtype.startswith("datetime64"):
        return [
            _dtype_check(
                lambda s: pd.api.types.is_datetime64_dtype(s.dtype),
                name="datetime64_dtype",
                error="expected a time-zone-naive datetime64 dtype",
            )
        ]
    if dtype == "category" and column.categories is None:
        return [
            _dtype_check(
                lambda s: (
                    isinstance(s.dtype, pd.CategoricalDtype) and s.cat.ordered == column.ordered
                ),
                name="category_order",
                error=f"expected {'an ordered' if column.ordered else 'an unordered'} category",
            )
        ]
    return []


def _checks(column: Column) -> list:
    import pandera.pandas as pa

    checks = _strict_dtype_checks(column)
    if column.categories is not None and column.dtype != "category":
        checks.append(pa.Check.isin(list(column.categories)))
    lo, hi = column.minimum, column.maximum
    if lo is not None and hi is not None:
        checks.append(pa.Check.in_range(lo, hi))
    elif lo is not None:
        checks.append(pa.Check.ge(lo))
    elif hi is not None:
        checks.append(pa.Check.le(hi))
    return checks


@dataclass(frozen=True)
class _Layout:
    """Where each column of a table may stand: fixed names, and placeholder families."""

    fixed: dict[str, tuple[Column, int]]  # name -> (column, place)
    families: tuple[tuple[re.Pattern[str], Column, int], ...]  # (regex, column, place)

    def match(self, name: str) -> list[tuple[Column, int]]:
        """The descriptions a frame column answers to (more than one is an error)."""
        found = [(c, p) for pattern, c, p in self.families if pattern.match(str(name))]
        if name in self.fixed:
            found.insert(0, self.fixed[name])
        return found


@lru_cache(maxsize=64)
def _layout(table: Table) -> _Layout:
    fixed: dict[str, tuple[Column, int]] = {}
    families: list[tuple[re.Pattern[str], Column, int]] = []
    place = -1
    previous_family = False
    for column in table.columns:
        key, regex = _column_key(column, table)
        if not (regex and previous_family):  # adjacent families share one place
            place += 1
        if regex:
            families.append((re.compile(key), column, place))
        else:
            fixed[key] = (column, place)
        previous_family = regex
    return _Layout(fixed, tuple(families))


def misordered_columns(table: Table, names: list[str]) -> list[str]:
    """The columns of ``names`` that come before a column the description puts ahead of them.

    Columns of one placeholder family, and of adjacent families (``phase_<track>``,
    ``phase_<track>_uncertain``), share one place, so they may interleave:
    ``phase_a, phase_a_uncertain, phase_b, phase_b_uncertain`` is in order.
    Unknown columns are ignored here (strictness reports them).

    >>> misordered_columns(TABLES["sentences"], ["source", "line", "section"])
    ['section']
    """
    layout = _layout(table)
    out, highest = [], -1
    for name in names:
        found = layout.match(name)
        if not found:
            continue
        place = found[0][1]
        if place < highest:
            out.append(name)
        highest = max(highest, place)
    return out


@lru_cache(maxsize=64)
def to_pandera(table: Table) -> pa.DataFrameSchema:
    """The pandera schema of a table description.

    Per column: dtype (an ordered/unordered ``CategoricalDtype`` with exactly the declared
    categories for ``category`` columns that list them), ``nullable``, ``isin`` for the allowed
    values of other columns, ``in_range`` / ``ge`` / ``le`` for ``minimum`` / ``maximum``,
    ``unique``, ``required``. Columns named with a placeholder (``phase_<track>``) match a
    family of columns by regex. The frame must have exactly these columns, in this order
    (``strict``, and :func:`misordered_columns` empty); ``unique_key`` columns must be unique
    together.

    Returns
    -------
    pandera.pandas.DataFrameSchema
    """
    import pandera.pandas as pa

    columns = {}
    for column in table.columns:
        key, regex = _column_key(column, table)
        columns[key] = pa.Column(
            _pandas_dtype(column),
            checks=_checks(column),
            nullable=column.nullable,
            unique=column.unique,
            required=column.required and not regex,
            regex=regex,
            description=column.description,
            title=column.name,
        )
    return pa.DataFrameSchema(
        columns,
        checks=[
            pa.Check(
                lambda df: not misordered_columns(table, list(df.columns)),
                name="column_order",
            )
        ],
        strict=True,
        unique=list(table.unique_key) or None,
        name=table.name,
        description=table.row,
    )


def _dtype_conforms(column: Column, dtype) -> bool:
    """The dtype is exactly what the column declares (stricter than pandera, never looser)."""
    import numpy as np
    import pandas as pd

    declared = column.dtype
    if declared == "object":
        return True
    if declared == "string":
        return isinstance(dtype, pd.StringDtype)
    if _NULLABLE_INT.fullmatch(declared):
        return str(dtype) == declared
    if declared == "float64":
        return dtype == np.float64
    if declared == "boolean":
        return isinstance(dtype, pd.BooleanDtype)
    if declared == "datetime64[ns]":
        return dtype == np.dtype("datetime64[ns]") or dtype == np.dtype("datetime64[us]")
    if declared == "category":
        if not isinstance(dtype, pd.CategoricalDtype) or dtype.ordered != column.ordered:
            return False
        return column.categories is None or list(dtype.categories) == list(column.categories)
    return False


def conforms(table: Table, frame: pd.DataFrame) -> bool:
    """A quick yes to "does ``frame`` match ``table``?", in plain pandas.

    pandera costs several milliseconds per column, whatever the frame's size; this check costs
    a fraction of that. It is never looser than :func:`to_pandera` (tests/test_schema.py holds
    it to that): when it says no, :func:`validate_table` asks pandera, which is the authority
    and explains the failures.
    """
    import numpy as np
    import pandas as pd

    names = list(frame.columns)
    if len(set(names)) != len(names):
        return False
    layout = _layout(table)
    matched: dict[str, Column] = {}
    for name in names:
        found = layout.match(name)
        if len(found) != 1:
            return False
        matched[name] = found[0][0]
    if any(c.required and name not in matched for name, (c, _) in layout.fixed.items()):
        return False
    if misordered_columns(table, names):
        return False
    dtypes = frame.dtypes.to_list()  # one call: frame[name] per column is the slow part
    if not all(_dtype_conforms(matched[n], d) for n, d in zip(names, dtypes, strict=True)):
        return False
    if len(frame) == 0:
        return True
    for position, name in enumerate(names):
        column = matched[name]
        constrained = column.categories is not None and column.dtype != "category"
        bounded = column.minimum is not None or column.maximum is not None
        if column.nullable and not (constrained or bounded or column.unique):
            continue
        values = frame.iloc[:, position].array
        missing = np.asarray(values.isna(), dtype=bool)
        if missing.any():
            if not column.nullable or column.unique:
                return False
            values = values[~missing]
        if constrained and not set(values.tolist()) <= set(column.categories):
            return False
        if bounded:
            numbers = np.asarray(values.to_numpy(dtype="float64"))
            if column.minimum is not None and not (numbers >= column.minimum).all():
                return False
            if column.maximum is not None and not (numbers <= column.maximum).all():
                return False
        if column.unique and len(set(values.tolist())) != len(values):
            return False
    if not table.unique_key:
        return True
    columns = [frame[c].tolist() for c in table.unique_key]
    if any(v is None or v is pd.NA or v != v for col in columns for v in col):
        return False  # missing key values: let pandera judge
    return len(set(zip(*columns, strict=True))) == len(frame)


def validate_table(name: str | Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Check ``frame`` against the description of table ``name`` (table name or file stem).

    A quick check in plain pandas (:func:`conforms`) accepts a matching frame; otherwise the
    pandera schema runs every check (lazy mode) and decides, so that all failures are reported.

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself, unchanged, when it matches.

    Raises
    ------
    SchemaError
        Naming the table and the module describing it, and listing each failure: the column,
        the check, how many values fail and the first few with their row labels.
    """
    import pandas as pd

    table = table_for(name)
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(f"table {table.name!r}: expected a DataFrame, got {type(frame).__name__}")
    if conforms(table, frame):
        return frame
    import pandera.errors as pe  # only now: importing pandera takes about half a second

    try:
        to_pandera(table).validate(frame, lazy=True)
        return frame
    except pe.SchemaErrors as exc:
        failures = exc.failure_cases
    except pe.SchemaError as exc:  # some failures are raised eagerly even in lazy mode
        raise SchemaError(f"{_header(table, frame, 1)}\n  - {exc}") from None
    lines = _describe_failures(table, failures, frame)
    raise SchemaError("\n".join([_header(table, frame, len(lines)), *lines])) from None


def _header(table: Table, frame: pd.DataFrame, n: int) -> str:
    where = TABLE_SOURCES.get(table.name, "a Table built at run time")
    return (
        f"table {table.name!r} ({len(frame)} rows) does not match its description "
        f"in {where}: {n} failure{'s' if n != 1 else ''}"
    )


_FRAME_CHECKS = {
    "column_in_schema": "columns not in the description",
    "column_in_dataframe": "columns missing from the frame",
}


def _describe_failures(
    table: Table, failures: pd.DataFrame, frame: pd.DataFrame, shown: int = 5
) -> list[str]:
    """One readable line per failed check, e.g. ``- column 'line': ge(1): 1 value: 0 (row 3)``."""
    import pandas as pd

    def examples(group: pd.DataFrame) -> str:
        cases = []
        for case, index in zip(group["failure_case"], group["index"], strict=True):
            cases.append(f"{case!r}" + ("" if pd.isna(index) else f" (row {index})"))
        more = f" … and {len(cases) - shown} more" if len(cases) > shown else ""
        return ", ".join(cases[:shown]) + more

    lines = []
    failures = failures.astype(object).reset_index(drop=True)
    frame_level = failures["schema_context"].eq("DataFrameSchema")
    if "column_order" in set(failures["check"]):
        late = misordered_columns(table, list(frame.columns))
        lines.append(f"  - columns out of the described order: {', '.join(map(repr, late))}")
        failures = failures[failures["check"].ne("column_order")]
        frame_level = frame_level[failures.index]
    for check, group in failures[frame_level].groupby("check", sort=False):
        if check in _FRAME_CHECKS:
            names = ", ".join(repr(c) for c in group["failure_case"])
            lines.append(f"  - {_FRAME_CHECKS[check]}: {names}")
        elif check == "multiple_fields_uniqueness":
            if not set(table.unique_key) <= set(frame.columns):
                continue  # a key column is missing (reported above): uniqueness means nothing
            key = ", ".join(dict.fromkeys(group["column"]))
            rows = sorted({int(i) for i in group["index"] if not pd.isna(i)})
            lines.append(f"  - key ({key}) not unique: repeated at rows {rows[: shown * 2]}")
        else:
            lines.append(f"  - {check}: {examples(group)}")
    column_level = failures[~frame_level]
    # when pandera's own dtype check fails, the stricter dtype checks only repeat it
    wrong_dtype = set(
        column_level.loc[column_level["check"].astype(str).str.startswith("dtype("), "column"]
    )
    for (column, check), group in column_level.groupby(["column", "check"], sort=False):
        check = str(check)
        if column in wrong_dtype and check in _STRICT_DTYPE_ERRORS:
            continue
        if group["index"].isna().all() and column in frame.columns:
            # a check over the whole column (dtype): the values say nothing, the dtype does
            lines.append(f"  - column {column!r}: {check} (dtype is {frame[column].dtype})")
            continue
        n = len(group)
        lines.append(
            f"  - column {column!r}: {check}: {n} failing value{'s' if n != 1 else ''}: "
            f"{examples(group)}"
        )
    return lines


# --- the data dictionary -----------------------------------------------------------------

#: Sources and licences of everything data/ is made from (beyond what each table lists).
GENERAL_SOURCES: tuple[tuple[str, str], ...] = (
    (
        'The seed article: "Albania–Palestine relations", by Wikipedia contributors, *Wikipedia, '
        "The Free Encyclopedia*, <https://en.wikipedia.org/wiki/Albania%E2%80%93Palestine_relations>"
        " (see seeds/README.md). Tables quoting its sentences (sentences, events, unmatched, "
        "vote_mentions) are shared under the same licence.",
        "[CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)",
    ),
    (
        "United Nations General Assembly voting data: Erik Voeten, *United Nations General "
        "Assembly Voting Data*, Harvard Dataverse, hdl:1902.1/12379, as tidied by the unvotes R "
        "package (vendored in data/reference/unvotes/). Cite Voeten (2013), *Data and Analyses "
        "of Voting in the United Nations General Assembly*, in B. Reinalda (ed.), Routledge "
        "Handbook of International Organization, and Bailey, Strezhnev & Voeten (2017), "
        "*Estimating Dynamic State Preferences from United Nations Voting Data*, Journal of "
        "Conflict Resolution 61(2): 430–456.",
        "[CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/)",
    ),
    (
        "CAMEO event and actor codes, Goldstein weights and GDELT quad classes: the GDELT "
        "Project's lookup tables (vendored in data/reference/cameo/), from the CAMEO codebook "
        "1.1b3 (Schrodt, Gerner & Yilmaz, *Conflict and Mediation Event Observations (CAMEO) "
        "Codebook*, 2012) and Goldstein, *A Conflict-Cooperation Scale for WEIS Events Data*, "
        "Journal of Conflict Resolution 36(2), 1992.",
        "free and open as GDELT describes its data; credit the GDELT Project and the CAMEO and "
        "Goldstein authors (data/reference/README.md)",
    ),
    (
        "PLOVER event categories: the CAMEO-to-PLOVER crosswalk of the Political Language "
        "Ontology for Verifiable Event Records project, <https://github.com/openeventdata/PLOVER> "
        "(the `plover` column of events).",
        "[CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)",
    ),
)


def _cell(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).replace("|", "\\|").strip()


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _allowed(column: Column) -> str:
    parts = []
    if column.categories is not None:
        sep = " < " if column.ordered else ", "
        parts.append(sep.join(f"`{c}`" for c in column.categories))
    lo, hi = column.minimum, column.maximum
    if lo is not None and hi is not None:
        parts.append(f"{_number(lo)} to {_number(hi)}")
    elif lo is not None:
        parts.append(f"≥ {_number(lo)}")
    elif hi is not None:
        parts.append(f"≤ {_number(hi)}")
    if column.unique:
        parts.append("unique")
    if not column.required:
        parts.append("optional column")
    return "; ".join(parts)


def _dtype_text(column: Column) -> str:
    if column.dtype == "category" and column.ordered:
        return "category (ordered)"
    return column.dtype


def _table_section(table: Table, heading: str) -> list[str]:
    out = [heading, "", table.row, ""]
    if table.unique_key:
        together = " (unique together)" if len(table.unique_key) > 1 else " (unique)"
        out += [f"Key: {', '.join(f'`{c}`' for c in table.unique_key)}{together}.", ""]
    if any(_PLACEHOLDER.search(c.name) for c in table.columns):
        out += [
            "A name such as `phase_<track>` stands for one column per value (e.g. one per "
            "phase track), present when the table has been given those columns.",
            "",
        ]
    out += [
        "| column | dtype | nullable | allowed values / range | unit | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for c in table.columns:
        out.append(
            f"| `{c.name}` | {_dtype_text(c)} | {'yes' if c.nullable else 'no'} | "
            f"{_cell(_allowed(c))} | {_cell(c.unit or '')} | {_cell(c.description)} |"
        )
    out.append("")
    if table.sources:
        out += ["Sources:", "", *(f"- {_cell(s)}" for s in table.sources), ""]
    if table.licence:
        out += [f"Licence: {_cell(table.licence)}", ""]
    return out


def data_readme() -> str:
    """The text of data/README.md, generated from the table descriptions.

    For every CSV that ``make data`` writes: what one row is, the column table (name, dtype,
    nullable, allowed values or range, unit, meaning), sources and licence; then the tables
    the library returns without writing them, the sources and licences of everything, and
    how to rebuild. Deterministic: the same descriptions give the same bytes.
    """
    out = [
        "# Data dictionary",
        "",
        "<!-- Generated by relations_lib.schema.data_readme() from the table descriptions in "
        "relations_lib/schema/. Do not edit: run `make data`. -->",
        "",
        "The derived tables of relations_lib, rebuilt from `seeds/` and `data/reference/` by one "
        "command. Every table is validated against the description below before anything is "
        "written, and a test fails when these files differ from a fresh rebuild or when this "
        "page is out of date.",
        "",
        "CSV conventions: UTF-8, comma-separated, one header row, `\\n` line endings, ISO dates "
        "(`YYYY-MM-DD`), an empty field is a missing value, floats with up to 10 significant "
        "digits. Categories are written as their labels.",
        "",
        "Text cells that a spreadsheet would run as a formula are made inert: in every CSV the "
        "library writes (here, and `relations parse --out`), a text cell starting with `=`, "
        "`+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe (`'`), which "
        'spreadsheets read as "this cell is text" (the rule of OWASP\'s [CSV '
        "Injection](https://owasp.org/www-community/attacks/CSV_Injection) page; CWE-1236). "
        "Number columns keep their sign (a Goldstein score of `-9` is a number). Strip one "
        "leading `'` from such a cell to get the article's exact text, or read the JSON or "
        "Parquet output (`relations parse --format json|parquet`), which keeps it unchanged.",
        "",
        "## Files",
        "",
        "| file | one row is | described in |",
        "|---|---|---|",
    ]
    for stem, table in FILES.items():
        module = TABLE_SOURCES[table.name].replace(".", "/") + ".py"
        out.append(f"| [`{stem}.csv`](#{stem}csv) | {_cell(table.row)} | `{module}` |")
    out.append("")
    for stem, table in FILES.items():
        out += _table_section(table, f"## {stem}.csv")
    in_files = {id(t) for t in FILES.values()}
    others = [t for t in TABLES.values() if id(t) not in in_files]
    if others:
        out += [
            "## Tables the library returns (not written to data/)",
            "",
            "Described here because notebooks and users meet them as DataFrames.",
            "",
        ]
        for table in others:
            out += _table_section(table, f"### `{table.name}`")
    out += ["## Sources and licences", ""]
    for what, licence in GENERAL_SOURCES:
        out.append(f"- {what} Licence: {licence}.")
    named = list(dict.fromkeys(s for t in TABLES.values() for s in t.sources))
    if named:
        out += ["", "Sources named by the tables above:", ""]
        out += [f"- {_cell(s)}" for s in named]
    out += [
        "",
        "## How to rebuild",
        "",
        "```",
        "make data                         # or: .venv/bin/python -m relations_lib.build",
        "```",
        "",
        "The build computes and validates every table first, then writes the tables and this "
        "page into a staging folder and switches them in together (relations_lib/outputs.py): "
        "data/ holds the old set or the new one, never a mix; a failed build (no space left, "
        "a read-only folder) changes nothing, and what a killed one left is completed or "
        "removed by the next. Only these files are written (data/reference/ is never "
        "touched); unchanged files are left alone and a second build changes nothing. "
        "`tests/test_data.py` proves the committed files equal a fresh rebuild.",
        "",
    ]
    return "\n".join(out)
