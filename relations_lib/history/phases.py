"""Cold War phases: named periods on several tracks, and the phase of every dated row.

The periods live in ``data/reference/phases.csv`` (one row per phase; see its README section
for provenance). Each *track* is a sequence of phases without gaps or overlaps: the global Cold
War, and a national track for each country that has one as data (Albania's alignment, the
Palestinian movement, the Soviet Union and Russia, Yugoslavia, China, Cuba).
``data/reference/phase_tracks.csv`` names each track's countries, so that a pair of countries
gets its tracks from the data (:func:`pair_tracks`): the national track of each country that
has one, then the global track. A phase starts on its ``start`` day (inclusive) and ends the
day before its ``end`` (exclusive, = the next phase's start); the current phase has no end, and
a track may stop with a closed last phase (Yugoslavia in 2006).

A dated row gets the phase that covers most of its period (:func:`assign_phase`); when the
period straddles a boundary the row is flagged ``phase_uncertain``. Before that, the anchors of
the row's sentence ("after the Six-Day War", "the onset of the First Intifada": see
:mod:`relations_lib.gazetteer`) narrow its period.

>>> import relations_lib as rl
>>> phases = rl.cold_war_phases()
>>> events = rl.assign_phase(rl.extract_events(rl.load_seed()), track="palestine")
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .._args import (
    BOOL,
    COUNTRIES,
    COUNTRY,
    FRAME,
    PATH,
    PHASES_PATH,
    TEXT,
    TRACK,
    TRACKS,
    check,
    optional,
)
from ..countries import Country
from ..errors import (
    ArgumentValueError,
    ReferenceDataError,
    RelationsLibError,
    SchemaError,
    UnknownTrackError,
)
from ..paths import reference_file
from ..refdata import iso_date, read_rows
from ..text.dates import PRECISIONS

__all__ = [
    "COLUMNS",
    "GLOBAL_TRACK",
    "PHASES_FILE",
    "TRACKS_FILE",
    "assign_phase",
    "assign_phases",
    "cold_war_phases",
    "pair_tracks",
    "phase_dtype",
    "phase_tracks",
    "resolve_track",
    "track_of",
    "track_title",
    "tracks",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


#: File name of the phases table in data/reference/.
PHASES_FILE = "phases.csv"
#: File name of the tracks table (title and countries of each track) in data/reference/.
TRACKS_FILE = "phase_tracks.csv"
#: Columns of the phases table, in order.
COLUMNS = ("track", "phase", "start", "end", "actor", "description", "source")
#: The track every pair of countries gets, whatever its countries.
GLOBAL_TRACK = "global"

_REQUIRED = ("track", "phase", "start", "actor", "description", "source")
_TRACK_COLUMNS = ("track", "title", "countries", "note")


# --------------------------------------------------------------------------- loading
def cold_war_phases(path: str | Path | None = None) -> pd.DataFrame:
    """The phases table, validated: one row per phase of one track.

    Parameters
    ----------
    path
        A phases CSV to read instead of the bundled ``data/reference/phases.csv``; not a track
        name (for one track: ``table[table["track"] == "albania"]``).

    Returns
    -------
    DataFrame
        Columns ``track`` (ordered category, tracks in the order they first appear in the
        file: albania, palestine, global, soviet_union, yugoslavia, china, cuba), ``phase``
        (ordered category: chronological within a track, tracks in that order), ``start`` and
        ``end`` (datetime64[ns]; ``end`` is NaT for the ongoing phase), ``actor`` (category:
        whose phase it is), ``description`` and ``source`` (string). Sorted by track then
        start.

    Raises
    ------
    ReferenceDataError
        If the file is missing or malformed, a date is not ISO, a phase name repeats, a track
        has a gap or an overlap, or a boundary date is not cited in ``source``; the message
        names the file and line.
    ArgumentTypeError
        ``path`` is not a str or os.PathLike (or None); also a TypeError.
    ArgumentValueError
        ``path`` is a track name rather than a file (the message says how to select a track);
        also a ValueError.
    """
    check("cold_war_phases", path=(path, PHASES_PATH))
    if path is None:
        return _load(str(reference_file(PHASES_FILE).resolve())).copy()
    file = Path(path)
    if isinstance(path, str) and not file.suffix and not file.exists():
        known = tracks()
        if path in known:
            raise ArgumentValueError(
                f"cold_war_phases(path) takes the path of a phases CSV file; {path!r} is a "
                "track name. For one track's phases: table = cold_war_phases(); "
                f"table[table['track'] == {path!r}]"
            )
        raise ArgumentValueError(
            f"cold_war_phases(path) takes the path of a phases CSV file; {path!r} is neither "
            f"an existing file nor a track name (tracks: {', '.join(known)})"
        )
    return _load(str(file.resolve())).copy()


def phase_dtype(
    track: str | None = None, phases: pd.DataFrame | None = None
) -> pd.CategoricalDtype:
    """The ordered category of phase names of one track (or of all tracks when ``None``).

    >>> phase_dtype("global").categories[0]
    'Wartime alliance'

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("phase_dtype", track=(track, optional(TEXT)), phases=(phases, optional(FRAME)))
    table = cold_war_phases() if phases is None else phases
    if track is not None:
        table = _track_rows(table, track)
    return pd.CategoricalDtype(list(table["phase"].astype(str)), ordered=True)


def tracks(phases: pd.DataFrame | None = None) -> list[str]:
    """Track names in their fixed order: ``["albania", "palestine", "global", …]``.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("tracks", phases=(phases, optional(FRAME)))
    table = cold_war_phases() if phases is None else phases
    return [str(t) for t in table["track"].cat.categories]


@lru_cache(maxsize=8)
def _load(file: str) -> pd.DataFrame:
    rows = _read_rows(Path(file))
    return _to_frame(rows)


def _read_rows(path: Path) -> list[dict]:
    """Parse and check the CSV; every problem is reported as ``file:line: what``."""
    rows: list[dict] = []
    table = read_rows(path, COLUMNS, "phases table", required=_REQUIRED, key="phase", min_rows=1)
    for line, cells in table:
        row: dict = {c: cells[c] for c in COLUMNS}
        row["start"] = iso_date(row["start"], path, line, "start")
        row["end"] = iso_date(row["end"], path, line, "end") if row["end"] else None
        if row["end"] is not None and row["end"] <= row["start"]:
            raise ReferenceDataError(
                f"{path}:{line}: phase {row['phase']!r} ends ({row['end']}) "
                f"on or before it starts ({row['start']})"
            )
        row["line"] = line
        rows.append(row)
    _check_tracks(rows, path)
    return rows


def _check_tracks(rows: list[dict], path: Path) -> None:
    """Within each track: contiguous phases, only the last open-ended, every boundary cited."""
    by_track: dict[str, list[dict]] = {}
    for row in rows:
        by_track.setdefault(row["track"], []).append(row)
    for track, items in by_track.items():
        items.sort(key=lambda r: r["start"])
        for prev, cur in itertools.pairwise(items):
            where = f"{path}:{cur['line']}"
            if prev["end"] is None:
                raise ReferenceDataError(
                    f"{where}: track {track!r}: phase {prev['phase']!r} (line {prev['line']}) "
                    f"has no end but {cur['phase']!r} starts after it on {cur['start']}"
                )
            if prev["end"] < cur["start"]:
                raise ReferenceDataError(
                    f"{where}: track {track!r}: gap from {prev['end']} to {cur['start']} between "
                    f"{prev['phase']!r} (line {prev['line']}) and {cur['phase']!r}"
                )
            if prev["end"] > cur["start"]:
                raise ReferenceDataError(
                    f"{where}: track {track!r}: {cur['phase']!r} starts on {cur['start']}, "
                    f"before {prev['phase']!r} (line {prev['line']}) ends on {prev['end']}"
                )
        # every boundary (a date where one phase ends and the next begins, or a closed end)
        # must be cited in the source of the rows it bounds
        for i, row in enumerate(items):
            dates = [row["end"]] if row["end"] is not None else []
            if i > 0:
                dates.append(row["start"])
            for day in dates:
                if day.isoformat() not in row["source"]:
                    raise ReferenceDataError(
                        f"{path}:{row['line']}: source of {row['phase']!r} does not cite the "
                        f"boundary {day.isoformat()} (write 'start {day}: <address>' or "
                        f"'end {day}: <address>')"
                    )


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    track_order = list(dict.fromkeys(r["track"] for r in rows))
    ordered = sorted(rows, key=lambda r: (track_order.index(r["track"]), r["start"]))
    frame = pd.DataFrame(
        {
            "track": pd.Categorical(
                [r["track"] for r in ordered], categories=track_order, ordered=True
            ),
            "phase": pd.Categorical(
                [r["phase"] for r in ordered],
                categories=[r["phase"] for r in ordered],
                ordered=True,
            ),
            "start": pd.to_datetime([r["start"] for r in ordered]).astype("datetime64[ns]"),
            "end": pd.to_datetime([r["end"] for r in ordered]).astype("datetime64[ns]"),
            "actor": pd.Categorical(
                [r["actor"] for r in ordered],
                categories=list(dict.fromkeys(r["actor"] for r in ordered)),
            ),
            "description": pd.array([r["description"] for r in ordered], dtype="string"),
            "source": pd.array([r["source"] for r in ordered], dtype="string"),
        },
        columns=list(COLUMNS),
    )
    return frame


def _track_rows(phases: pd.DataFrame, track: str) -> pd.DataFrame:
    known = [str(t) for t in phases["track"].cat.categories]
    if track not in known:
        raise UnknownTrackError(f"unknown track {track!r}; the phases table has {', '.join(known)}")
    return phases[phases["track"] == track].sort_values("start").reset_index(drop=True)


# --------------------------------------------------------------------------- tracks
def phase_tracks(path: str | Path | None = None) -> pd.DataFrame:
    """The tracks table: each track's title and the countries it is the national track of.

    Parameters
    ----------
    path
        A CSV to read instead of the bundled ``data/reference/phase_tracks.csv``.

    Returns
    -------
    DataFrame
        One row per track, in file order: ``track`` (string), ``title`` (string: how charts name
        the track, "Albania's alignment"), ``countries`` (string: ISO 3166 alpha-3 codes joined
        by ";", empty for the global track), ``note`` (string).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    ReferenceDataError
        A missing column, an empty track or title, a track that repeats or a country listed
        for two tracks; the message names the file and line.
    """
    check("phase_tracks", path=(path, optional(PATH)))
    file = Path(path) if path is not None else reference_file(TRACKS_FILE)
    return _load_tracks(str(file.resolve())).copy()


@lru_cache(maxsize=4)
def _load_tracks(file: str) -> pd.DataFrame:
    path = Path(file)
    rows, owner = [], {}
    table = read_rows(
        path, _TRACK_COLUMNS, "tracks table", required=("track", "title"), key="track"
    )
    for line, cells in table:
        row = {c: cells[c] for c in _TRACK_COLUMNS}
        for code in filter(None, (c.strip() for c in row["countries"].split(";"))):
            if code in owner:
                raise ReferenceDataError(
                    f"{path}:{line}: {code} already has the track {owner[code]!r}"
                )
            owner[code] = row["track"]
        rows.append(row)
    return pd.DataFrame(rows, columns=list(_TRACK_COLUMNS)).astype("string")


def _country_tracks() -> dict[str, str]:
    """ISO alpha-3 code -> its national track."""
    table = _load_tracks(str(reference_file(TRACKS_FILE).resolve()))
    return {
        code.strip(): str(track)
        for track, codes in zip(table["track"], table["countries"].fillna(""), strict=True)
        for code in str(codes).split(";")
        if code.strip()
    }


def _alpha3(country: Country | str) -> str | None:
    if isinstance(country, Country):
        return country.alpha3
    from ..countries import lookup_country

    try:
        return lookup_country(str(country)).alpha3
    except RelationsLibError:
        return None


def track_of(country: Country | str) -> str | None:
    """The national track of a country (a :class:`~relations_lib.countries.Country`, a name or
    an ISO code), or ``None`` when it has none.

    >>> track_of("Soviet Union"), track_of("Ireland")
    ('soviet_union', None)

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("track_of", country=(country, COUNTRY))
    code = _alpha3(country)
    return _country_tracks().get(code) if code else None


def pair_tracks(countries: Iterable[Country | str]) -> list[str]:
    """The tracks of a pair (or any group) of countries: each country's national track, in
    the order given, where it has one, then the global track.

    >>> pair_tracks(["Albania", "Palestine"]), pair_tracks(["Ireland", "Palestine"])
    (['albania', 'palestine', 'global'], ['palestine', 'global'])

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("pair_tracks", countries=(countries, COUNTRIES))
    out = [t for t in (track_of(c) for c in countries) if t is not None]
    return list(dict.fromkeys([*out, GLOBAL_TRACK]))


def track_title(track: str) -> str:
    """How charts name a track: ``"albania"`` -> ``"Albania's alignment"`` (the track's name
    itself when the tracks table does not list it).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check("track_title", track=(track, TEXT))
    table = _load_tracks(str(reference_file(TRACKS_FILE).resolve()))
    titles = dict(zip(table["track"].astype(str), table["title"].astype(str), strict=True))
    return titles.get(track, track)


def resolve_track(track: str | Country, phases: pd.DataFrame | None = None) -> str:
    """A track name, or the national track of a country given by name, code or
    :class:`~relations_lib.countries.Country`.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownTrackError
        Neither a track of the phases table nor a country with a national track.
    """
    check("resolve_track", track=(track, TRACK), phases=(phases, optional(FRAME)))
    table = cold_war_phases() if phases is None else phases
    known = [str(t) for t in table["track"].cat.categories]
    if isinstance(track, str) and track in known:
        return track
    found = track_of(track)
    if found is not None and found in known:
        return found
    name = track.name if isinstance(track, Country) else track
    raise UnknownTrackError(
        f"unknown track {name!r}: not a track of the phases table ({', '.join(known)}) nor a "
        f"country with a national track in {reference_file(TRACKS_FILE)}"
    )


# --------------------------------------------------------------------------- assigning
def assign_phase(
    frame: pd.DataFrame,
    track: str | Country,
    *,
    phases: pd.DataFrame | None = None,
    anchors: bool = True,
) -> pd.DataFrame:
    """A copy of ``frame`` with the phase of each row on one track.

    Works on any table with a ``date`` column (datetime64, the first day of the period): the
    events table (``precision`` day/month/year/decade and, for ranges, ``year_end`` /
    ``month_end`` / ``day_end``), the vote mentions (``date``, ``precision``) and the voting
    record (``date`` only: each roll call is a day).

    When the table has a ``sentence`` column, the sentence's anchors narrow the period first
    (:func:`relations_lib.gazetteer.find_anchors`, :func:`relations_lib.gazetteer.narrow`):
    "In 1987, the onset of the First Intifada …" covers 9–31 December 1987, "After the
    proclamation of the Palestinian Independence, Albania recognized … in 1988" 15 November –
    31 December 1988.

    A row whose (narrowed) period straddles a boundary gets the phase that covers **most of
    its days** (on an exact tie, the earlier) and ``phase_uncertain=True``: it is never put in
    its earliest phase by default, and the flag says the phase is a best guess. A period that
    reaches beyond the track (before its first phase, after a closed last one) is uncertain
    too. Rows without a date, or wholly outside the track, get NA in both columns.

    Parameters
    ----------
    frame
        The table to annotate (left unchanged).
    track
        A track of the phases table (``"albania"``, ``"palestine"``, ``"global"``,
        ``"soviet_union"`` …) or a country with a national track (a
        :class:`~relations_lib.countries.Country`, a name or an ISO code: ``"Cuba"``, ``"CU"``).
    phases
        A phases table like :func:`cold_war_phases` returns (default: the bundled one).
    anchors
        Whether to narrow periods with the anchors of a ``sentence`` column.

    Returns
    -------
    DataFrame
        ``frame``'s columns plus ``phase`` (ordered category of that track's phases, in
        chronological order), ``phase_uncertain`` (nullable boolean) and, when ``frame`` has a
        ``sentence`` column and ``anchors`` is true, ``date_anchor`` (string: the anchors that
        narrowed the period, e.g. "from First Intifada (1987-12-09 – 1993-09-13)"; NA when
        none did).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    UnknownTrackError
        ``track`` is neither a track nor a country with one.
    SchemaError
        ``frame`` has no ``date`` column or an unknown ``precision``.
    """
    check(
        "assign_phase",
        frame=(frame, FRAME),
        track=(track, TRACK),
        phases=(phases, optional(FRAME)),
        anchors=(anchors, BOOL),
    )
    table = cold_war_phases() if phases is None else phases
    name = resolve_track(track, table)
    out = frame.copy()
    earliest, latest = _period_bounds(frame)
    described = None
    if anchors and "sentence" in frame.columns:
        earliest, latest, described = _apply_anchors(frame, earliest, latest)
    phase, uncertain = _locate(earliest, latest, _track_rows(table, name))
    out["phase"] = phase
    out["phase_uncertain"] = uncertain
    if described is not None:
        out["date_anchor"] = described
    return out


def assign_phases(
    frame: pd.DataFrame,
    tracks: Iterable[str | Country] | None = None,
    *,
    phases: pd.DataFrame | None = None,
    anchors: bool = True,
) -> pd.DataFrame:
    """A copy of ``frame`` with the phase of each row on several tracks.

    Parameters
    ----------
    frame
        The table to annotate (left unchanged); see :func:`assign_phase`.
    tracks
        The tracks (or countries) to use, in order, e.g. ``pair_tracks(article.countries)``;
        ``None`` for every track of the phases table.
    phases, anchors
        As for :func:`assign_phase`.

    Returns
    -------
    DataFrame
        ``frame``'s columns plus, for each track in order, ``phase_<track>`` (ordered category)
        and ``phase_<track>_uncertain`` (nullable boolean), then ``date_anchor`` (string) when
        anchors were read — see :func:`assign_phase`.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    """
    check(
        "assign_phases",
        frame=(frame, FRAME),
        tracks=(tracks, TRACKS),
        phases=(phases, optional(FRAME)),
        anchors=(anchors, BOOL),
    )
    table = cold_war_phases() if phases is None else phases
    names = [str(t) for t in table["track"].cat.categories] if tracks is None else tracks
    names = list(dict.fromkeys(resolve_track(t, table) for t in names))
    out = frame.copy()
    earliest, latest = _period_bounds(frame)
    described = None
    if anchors and "sentence" in frame.columns:
        earliest, latest, described = _apply_anchors(frame, earliest, latest)
    for track in names:
        phase, uncertain = _locate(earliest, latest, _track_rows(table, track))
        out[f"phase_{track}"] = phase
        out[f"phase_{track}_uncertain"] = uncertain
    if described is not None:
        out["date_anchor"] = described
    return out


def _apply_anchors(
    frame: pd.DataFrame, earliest: np.ndarray, latest: np.ndarray
) -> tuple[np.ndarray, np.ndarray, pd.arrays.StringArray]:
    """Narrow each row's period with its sentence's anchors; also describe the anchors used."""
    from .gazetteer import find_anchors, narrow

    earliest, latest = earliest.copy(), latest.copy()
    described: list[object] = [pd.NA] * len(frame)
    sentences = frame["sentence"].astype("string")
    found = {s: find_anchors(s) for s in sentences.dropna().unique()}
    for i, sentence in enumerate(sentences):
        if pd.isna(sentence) or not found[sentence] or np.isnat(earliest[i]):
            continue
        lo = pd.Timestamp(earliest[i]).date()
        hi = pd.Timestamp(latest[i]).date()
        lo, hi, used = narrow(found[sentence], lo, hi)
        if used:
            earliest[i] = np.datetime64(lo, "ns")
            latest[i] = np.datetime64(hi, "ns")
            described[i] = "; ".join(a.describe() for a in used)
    return earliest, latest, pd.array(described, dtype="string")


def _period_bounds(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last possible day of each row's period, as datetime64[ns] arrays (NaT if none).

    e.g. date 1971-01-01 with precision "year" -> (1971-01-01, 1971-12-31);
    a range 1987 … year_end 1993 -> (1987-01-01, 1993-12-31).
    """
    if "date" not in frame.columns:
        raise SchemaError("assign_phase needs a 'date' column (the first day of each period)")
    date = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    date = pd.Series(date.to_numpy(), index=frame.index)
    n = len(frame)
    if "precision" in frame.columns:
        precision = frame["precision"].astype("string").str.strip().str.lower()
        unknown = precision.notna() & ~precision.isin(PRECISIONS)
        if unknown.any():
            bad = sorted(set(precision[unknown]))
            raise SchemaError(f"unknown precision {bad}; expected one of {list(PRECISIONS)}")
        precision = precision.fillna("day").to_numpy(dtype=object)
    else:
        precision = np.full(n, "day", dtype=object)

    latest = _period_end(date, precision)

    # ranges: the end date from year_end/month_end/day_end at its own granularity
    if "year_end" in frame.columns:
        y_end = pd.to_numeric(frame["year_end"], errors="coerce").astype("Float64")
        m_end = _optional_numeric(frame, "month_end")
        d_end = _optional_numeric(frame, "day_end")
        # "March–May 1998" may carry month_end without year_end: same year as the start
        y_end = y_end.where(y_end.notna() | (m_end.isna() & d_end.isna()), date.dt.year)
        has_range = y_end.notna().to_numpy()
        if has_range.any():
            parts = pd.DataFrame(
                {
                    "year": y_end.fillna(1970),
                    "month": m_end.fillna(1),
                    "day": d_end.fillna(1),
                }
            ).astype("int64")
            end_first = pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")
            end_first = pd.Series(end_first.to_numpy(), index=frame.index)
            granularity = np.where(
                d_end.notna(),
                "day",
                np.where(m_end.notna(), "month", np.where(precision == "decade", "decade", "year")),
            )
            range_latest = _period_end(end_first, granularity.astype(object))
            range_latest = np.where(has_range, range_latest, np.datetime64("NaT", "ns"))
            latest = np.where(
                has_range & ~np.isnat(range_latest) & (range_latest > latest),
                range_latest,
                latest,
            )
    earliest = date.to_numpy(dtype="datetime64[ns]")
    latest = np.where(np.isnat(earliest), np.datetime64("NaT", "ns"), latest)
    return earliest, latest.astype("datetime64[ns]")


def _optional_numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(pd.NA, index=frame.index, dtype="Float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("Float64")


def _period_end(first: pd.Series, granularity: np.ndarray) -> np.ndarray:
    """Last day of the month / year / decade starting at ``first`` (the day itself for "day")."""
    values = first.to_numpy(dtype="datetime64[ns]")
    out = values.copy()
    valid = ~np.isnat(values)
    month_start = values.astype("datetime64[M]")
    year = values.astype("datetime64[Y]")
    day = np.timedelta64(1, "D")
    is_month = valid & (granularity == "month")
    is_year = valid & (granularity == "year")
    is_decade = valid & (granularity == "decade")
    out[is_month] = ((month_start + 1).astype("datetime64[D]") - day)[is_month]
    out[is_year] = ((year + 1).astype("datetime64[D]") - day)[is_year]
    decade_start = year - (year.astype("int64") + 1970) % 10  # years since epoch → calendar decade
    out[is_decade] = ((decade_start + 10).astype("datetime64[D]") - day)[is_decade]
    return out.astype("datetime64[ns]")


def _locate(
    earliest: np.ndarray, latest: np.ndarray, track_phases: pd.DataFrame
) -> tuple[pd.Categorical, pd.arrays.BooleanArray]:
    """Vectorised lookup of each period's phase: the phase covering most of its days.

    The overlap in days of each period with each phase is one (rows × phases) array: a track
    has a handful of phases, so this stays cheap on hundreds of thousands of rows.
    """
    starts = track_phases["start"].to_numpy(dtype="datetime64[ns]")
    ends = track_phases["end"].to_numpy(dtype="datetime64[ns]")
    dtype = pd.CategoricalDtype(list(track_phases["phase"].astype(str)), ordered=True)
    valid = ~np.isnat(earliest) & ~np.isnat(latest)

    def days(values: np.ndarray) -> np.ndarray:
        # days since 1970 as integers (NaT rows become 0: they are masked below)
        safe = np.where(np.isnat(values), np.datetime64(0, "ns"), values)
        return safe.astype("datetime64[D]").astype("int64")

    first, last, s_day = days(earliest), days(latest), days(starts)
    e_day = np.where(np.isnat(ends), np.iinfo(np.int64).max // 4, days(ends))  # end exclusive
    lo = np.maximum(first[:, None], s_day[None, :])
    hi = np.minimum(last[:, None] + 1, e_day[None, :])
    overlap = np.clip(hi - lo, 0, None)
    overlap[~valid] = 0
    best = overlap.argmax(axis=1)  # the first on a tie: the earlier phase
    covered = overlap.sum(axis=1)
    located = covered > 0
    spread = (overlap > 0).sum(axis=1) > 1
    outside = covered < (last - first + 1)  # part of the period lies beyond the track
    codes = np.where(located, best, -1)
    uncertain = pd.array(np.where(located, spread | outside, False), dtype="boolean")
    uncertain[~located] = pd.NA
    phase = pd.Categorical.from_codes(codes, dtype=dtype)
    return phase, uncertain
