"""Tests for relations_lib.plots.milestones: the returned Axes/Figure are inspected (markers,
legend, labels and their boxes, hover text, date formatter), on frames built here and on the
seed's real events."""

from __future__ import annotations

import html
import io
import itertools
import json
import sys
import types
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Annotation

import relations_lib as rl
from relations_lib.errors import SchemaError
from relations_lib.plots import milestones as ms
from relations_lib.plots import timeline, timeline_data, timeline_plotly

EVENT_COLUMNS = [
    "event_id", "source", "section", "sentence", "start", "end", "date_text", "year", "month",
    "day", "precision", "date", "date_qualifier", "year_end", "month_end", "day_end", "actor1",
    "actor2", "actor1_name", "actor2_name", "event_type", "cameo_code", "goldstein", "quad_class",
    "plover",
]  # fmt: skip

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert('x')</script>"


def make_events(rows: list[dict]) -> pd.DataFrame:
    """An events table with DESIGN.md's columns and dtypes from short row dicts.

    Each dict gives ``when`` ("1970", "1970-07", "2012-11-29" or "1960s"), ``actor1``/``actor2``
    codes, and optionally ``event_type``, ``cameo_code``, ``goldstein``, ``quad_class``,
    ``qualifier``, ``year_end``, ``sentence``, names.
    """
    records = []
    offset = 0
    for i, row in enumerate(rows):
        when = row["when"]
        if when.endswith("s"):
            year, month, day, precision = int(when[:4]), None, None, "decade"
        else:
            parts = [int(p) for p in when.split("-")]
            year = parts[0]
            month = parts[1] if len(parts) > 1 else None
            day = parts[2] if len(parts) > 2 else None
            precision = ("year", "month", "day")[len(parts) - 1]
        sentence = row.get("sentence", f"Sentence {i} about {row['actor1']} in {when}.")
        coded = row.get("event_type", "visit") != "other"
        records.append(
            {
                "event_id": f"test:{i}:0",
                "source": row.get("source", "test_relations"),
                "section": row.get("section", "History"),
                "sentence": sentence,
                "start": offset,
                "end": offset + len(sentence),
                "date_text": row.get("date_text", f"in {when}"),
                "year": year,
                "month": month,
                "day": day,
                "precision": precision,
                "date": pd.Timestamp(year, month or 1, day or 1),
                "date_qualifier": row.get("qualifier", ""),
                "year_end": row.get("year_end"),
                "month_end": None,
                "day_end": None,
                "actor1": row["actor1"],
                "actor2": row.get("actor2"),
                "actor1_name": row.get("actor1_name", row["actor1"].title()),
                "actor2_name": row.get("actor2_name", (row.get("actor2") or "").title() or None),
                "event_type": row.get("event_type", "visit"),
                "cameo_code": row.get("cameo_code", "042") if coded else None,
                "goldstein": row.get("goldstein", 1.9) if coded else None,
                "quad_class": row.get("quad_class", 1) if coded else None,
                "plover": row.get("plover", "CONSULT") if coded else None,
            }
        )
        offset += len(sentence) + 1
    frame = pd.DataFrame.from_records(records, columns=EVENT_COLUMNS)
    dtypes = {
        "event_id": "string", "source": "string", "section": "string", "sentence": "string",
        "start": "Int64", "end": "Int64", "date_text": "string", "year": "Int64",
        "month": "Int64", "day": "Int64", "date_qualifier": "string", "year_end": "Int64",
        "month_end": "Int64", "day_end": "Int64", "actor1": "string", "actor2": "string",
        "actor1_name": "string", "actor2_name": "string", "event_type": "string",
        "cameo_code": "string", "goldstein": "float64", "quad_class": "Int64", "plover": "string",
    }  # fmt: skip
    frame = frame.astype(dtypes)
    frame["precision"] = pd.Categorical(
        frame["precision"], categories=["day", "month", "year", "decade"]
    )
    frame["date"] = frame["date"].astype("datetime64[ns]")
    return frame


# A relations history of two invented countries, with every case the charts must handle:
# all four quad classes, uncoded events, a range, a decade, several events on one date,
# day/month/year precision and crowded years that force labels to stack.
MIXED_ROWS = [
    {"when": "1960s", "actor1": "AAAGOV", "actor2": "BBBGOV", "event_type": "trade",
     "cameo_code": "061", "goldstein": 6.4, "quad_class": 2},
    {"when": "1970-07", "actor1": "BBBREB", "actor2": "AAAGOV", "event_type": "visit",
     "cameo_code": "042", "goldstein": 1.9, "quad_class": 1},
    {"when": "1970-07", "actor1": "AAAGOV", "actor2": "BBBREB", "event_type": "host a visit",
     "cameo_code": "043", "goldstein": 2.8, "quad_class": 1},
    {"when": "1971", "actor1": "AAAGOV", "actor2": "BBBREB", "event_type": "military training",
     "cameo_code": "074", "goldstein": 8.3, "quad_class": 2, "year_end": 1973},
    {"when": "1971", "actor1": "AAAGOV", "actor2": "BBBREB", "event_type": "other"},
    {"when": "1972-09", "actor1": "AAAGOV", "actor2": "BBBREB", "event_type": "suspend aid",
     "cameo_code": "162", "goldstein": -5.6, "quad_class": 4},
    {"when": "1973", "actor1": "AAAGOV", "actor2": "BBBREB", "event_type": "expel",
     "cameo_code": "174", "goldstein": -7.0, "quad_class": 4},
    {"when": "1982", "actor1": "AAAGOV", "actor2": "BBBREB", "event_type": "criticize",
     "cameo_code": "111", "goldstein": -2.0, "quad_class": 3},
    {"when": "1987", "actor1": "AAAGOV", "actor2": "BBBREB", "event_type": "praise",
     "cameo_code": "051", "goldstein": 3.4, "quad_class": 1},
    {"when": "1988", "actor1": "AAAGOV", "actor2": "BBBGOV", "event_type": "recognize",
     "cameo_code": "054", "goldstein": 7.4, "quad_class": 1, "qualifier": "since"},
    {"when": "1988", "actor1": "AAAGOV", "actor2": "BBBGOV", "event_type": "recognize",
     "cameo_code": "054", "goldstein": 7.4, "quad_class": 1},
    {"when": "1989", "actor1": "BBBGOV", "actor2": "AAAGOV", "event_type": "open embassy",
     "cameo_code": "064", "goldstein": 7.4, "quad_class": 2},
    {"when": "1990", "actor1": "AAAGOV", "actor2": "BBBGOV", "event_type": "establish relations",
     "cameo_code": "064", "goldstein": 7.4, "quad_class": 2},
    {"when": "1996", "actor1": "BBBGOV", "actor2": "AAAGOV", "event_type": "visit",
     "cameo_code": "042", "goldstein": 1.9, "quad_class": 1, "qualifier": "end of"},
    {"when": "1998-03", "actor1": "AAAGOV", "actor2": "BBBGOV", "event_type": "visit",
     "cameo_code": "042", "goldstein": 1.9, "quad_class": 1},
    {"when": "2012-11-29", "actor1": "AAAGOV", "actor2": "IGOUNO", "event_type": "statement",
     "cameo_code": "010", "goldstein": 0.0, "quad_class": 1},
    {"when": "2015", "actor1": "AAAGOV", "actor2": "IGOUNO", "event_type": "other"},
]  # fmt: skip


@pytest.fixture
def mixed() -> pd.DataFrame:
    return make_events(MIXED_ROWS)


@pytest.fixture(scope="module")
def mixed_ax():
    """The timeline of MIXED_ROWS, drawn once for the tests that only inspect it."""
    ax = ms.plot_milestones(make_events(MIXED_ROWS))
    yield ax
    plt.close(ax.get_figure(root=True))


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the pyplot figures a test opened (module fixtures' figures stay open)."""
    before = set(plt.get_fignums())
    yield
    for num in set(plt.get_fignums()) - before:
        plt.close(num)


def marker_offsets(ax) -> dict[int, list[float]]:
    """x positions (date numbers) of the markers drawn for each quad class (0 = uncoded)."""
    out: dict[int, list[float]] = {k: [] for k in (0, 1, 2, 3, 4)}
    for coll in ax.collections:
        gid = coll.get_gid() or ""
        if gid.startswith("milestones:marker:"):
            out[int(gid.rsplit(":", 1)[1])].extend(coll.get_offsets()[:, 0].tolist())
    return out


def vote_markers(ax) -> list[str]:
    """The vote of each UN-vote marker drawn (gid ``milestones:vote:<vote>``)."""
    out = []
    for coll in ax.collections:
        gid = coll.get_gid() or ""
        if gid.startswith("milestones:vote:"):
            out += [gid.rsplit(":", 1)[1]] * len(coll.get_offsets())
    return out


def visible_labels(ax) -> list[Annotation]:
    return [t for t in ax.texts if isinstance(t, Annotation) and t.get_visible()]


def label_boxes(ax):
    ax.get_figure(root=True).canvas.draw()
    return [a.get_bbox_patch().get_window_extent() for a in visible_labels(ax)]


def assert_no_overlap(boxes) -> None:
    for a, b in itertools.combinations(boxes, 2):
        overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_w <= 0 or overlap_h <= 0, f"label boxes overlap: {a} and {b}"


def crowded_events(seed: int, n: int = 30) -> pd.DataFrame:
    """n events at random dates, most of them within a few years (labels must stack)."""
    rng = np.random.default_rng(seed)
    years = np.concatenate([rng.integers(1970, 1975, n - 5), rng.integers(1950, 2020, 5)])
    rows = []
    for i, year in enumerate(years):
        month = int(rng.integers(1, 13))
        quad = int(rng.integers(0, 5))
        rows.append(
            {
                "when": f"{year}-{month:02d}",
                "actor1": str(rng.choice(["AAAGOV", "BBBREB", "CCCGOV"])),
                "actor2": "DDDGOV",
                "event_type": f"kind {i}" if quad else "other",
                "cameo_code": "042",
                "goldstein": float(rng.uniform(-10, 10)),
                "quad_class": quad or 1,
            }
        )
    return make_events(rows)


# ---------------------------------------------------------------------------------- plot_milestones


def test_one_marker_per_event_coloured_by_quad_class(mixed, mixed_ax):
    ax = mixed_ax
    drawn = marker_offsets(ax)
    classes = mixed["quad_class"].fillna(0).astype(int)
    for key in (0, 1, 2, 3, 4):
        expected = sorted(mdates.date2num(mixed.loc[classes == key, "date"]))
        assert sorted(drawn[key]) == pytest.approx(expected), key
    assert sum(len(v) for v in drawn.values()) == len(mixed)
    for coll in ax.collections:
        gid = coll.get_gid() or ""
        if gid.startswith("milestones:marker:"):
            key = int(gid.rsplit(":", 1)[1])
            face = matplotlib.colors.to_hex(coll.get_facecolor()[0])
            assert face == ms.QUAD_CLASS_COLORS[key].lower()
    assert ms.QUAD_CLASS_COLORS[0] == "#999999"  # uncoded is grey


def test_events_sharing_a_date_are_stacked_not_hidden(mixed, mixed_ax):
    ax = mixed_ax
    fig = ax.get_figure(root=True)
    fig.canvas.draw()
    same_day = mixed["date"].duplicated(keep=False)
    assert same_day.sum() >= 4  # July 1970 twice, 1971 twice, 1988 twice
    positions = []
    for coll in ax.collections:
        if (coll.get_gid() or "").startswith("milestones:marker:"):
            trans = coll.get_offset_transform()
            positions.extend(map(tuple, np.round(trans.transform(coll.get_offsets()), 1)))
    assert len(positions) == len(mixed)
    assert len(set(positions)) == len(positions), "two markers drawn on the same spot"


def test_legend_names_the_four_quad_classes_and_uncoded_with_counts(mixed, mixed_ax):
    ax = mixed_ax
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    classes = mixed["quad_class"].fillna(0).astype(int)
    expected = [
        f"{name} ({int((classes == key).sum())})"
        for key, name in [
            (1, "Verbal cooperation"),
            (2, "Material cooperation"),
            (3, "Verbal conflict"),
            (4, "Material conflict"),
            (0, "uncoded"),
        ]
    ]
    assert labels == expected
    assert "(2)" in labels[-1]  # two "other" events in MIXED_ROWS


def test_ranges_run_from_start_to_end_of_period(mixed, mixed_ax):
    ax = mixed_ax
    lines = [ln for ln in ax.lines if ln.get_gid() == "milestones:range"]
    spans = sorted(tuple(np.round(ln.get_xdata(), 3)) for ln in lines)
    expected = []
    for _, row in mixed.iterrows():
        if pd.notna(row["year_end"]):
            end = pd.Timestamp(int(row["year_end"]), 12, 31)
        elif row["precision"] == "decade":
            end = pd.Timestamp(row["date"].year + 9, 12, 31)
        else:
            continue
        expected.append(tuple(np.round(mdates.date2num([row["date"], end]), 3)))
    assert spans == sorted(expected)
    assert len(spans) == 2  # 1971–1973 and the 1960s


def test_labels_do_not_overlap_and_stay_in_the_figure(mixed, mixed_ax):
    ax = mixed_ax
    labels = visible_labels(ax)
    assert len(labels) == 12  # max_labels; all fit in the figure it makes
    boxes = label_boxes(ax)
    assert_no_overlap(boxes)
    fig_box = ax.get_figure(root=True).bbox
    for box in boxes:
        assert fig_box.x0 <= box.x0 and box.x1 <= fig_box.x1
        assert fig_box.y0 <= box.y0 and box.y1 <= fig_box.y1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_crowded_labels_on_a_small_axes_neither_overlap_nor_leave_it(seed):
    events = crowded_events(seed)
    fig = plt.figure(figsize=(7, 3), layout="constrained")
    ax = ms.plot_milestones(events, ax=fig.add_subplot(), max_labels=20)
    labels = visible_labels(ax)
    assert 3 <= len(labels) <= 20
    boxes = label_boxes(ax)
    assert_no_overlap(boxes)
    for box in boxes:  # a given Axes limits the labels to its own height
        assert ax.bbox.y0 - 1 <= box.y0 and box.y1 <= ax.bbox.y1 + 1
    assert fig.get_size_inches().tolist() == [7, 3]  # a caller's figure is never resized


@pytest.mark.parametrize("seed", [3, 4])
def test_crowded_labels_in_own_figure_do_not_overlap(seed):
    events = crowded_events(seed, n=40)
    ax = ms.plot_milestones(events, max_labels=16)
    boxes = label_boxes(ax)
    assert len(boxes) >= 8
    assert_no_overlap(boxes)


def test_label_texts_name_date_event_type_and_actor(mixed):
    ax = ms.plot_milestones(mixed, max_labels=5)
    texts = [a.get_text() for a in visible_labels(ax)]
    assert len(texts) == 5
    # the most salient event (largest |Goldstein|) is always labelled
    top = mixed.loc[mixed["goldstein"].abs().idxmax()]
    assert any(
        str(top["year"]) in t and top["event_type"] in t and top["actor1_name"] in t for t in texts
    ), texts
    # labels are in date order and spread over the period: first and last fifth both labelled
    xs = [a.xy[0] for a in visible_labels(ax)]
    assert xs == sorted(xs)
    dates = mdates.date2num(mixed["date"])
    fifth = (dates.max() - dates.min()) / 5
    assert xs[0] < dates.min() + fifth and xs[-1] > dates.max() - fifth


def test_all_events_labelled_when_room_allows(mixed):
    ax = ms.plot_milestones(mixed, max_labels=len(mixed))
    texts = [a.get_text() for a in visible_labels(ax)]
    # one label per distinct text (two identical "1988 recognize" events share one)
    expected = {timeline_data._auto_label(r) for _, r in timeline_data._prepare(mixed).iterrows()}
    assert set(texts) == expected
    assert_no_overlap(label_boxes(ax))


def test_label_dates_follow_precision_qualifier_and_range(mixed):
    rows = mixed.set_index("event_type", drop=False)
    prepared = timeline_data._prepare(mixed)
    by_type = {r["event_type"]: timeline_data._format_date(r) for _, r in prepared.iterrows()}
    assert by_type["trade"] == "1960s"
    assert by_type["suspend aid"] == "Sep 1972"
    assert by_type["military training"] == "1971–1973"
    assert by_type["statement"] == "29 Nov 2012"
    assert by_type["praise"] == "1987"
    assert "end of 1996" in {timeline_data._format_date(r) for _, r in prepared.iterrows()}
    assert len(rows) == len(mixed)


def test_no_labels_and_column_labels(mixed):
    ax = ms.plot_milestones(mixed, label=None)
    assert visible_labels(ax) == []
    ax = ms.plot_milestones(mixed, label="event_id", max_labels=4)
    texts = [a.get_text() for a in visible_labels(ax)]
    assert len(texts) == 4
    assert set(texts) <= set(mixed["event_id"])
    with pytest.raises(SchemaError, match="label="):
        ms.plot_milestones(mixed, label="no such column")


def test_date_axis_is_concise_and_layout_constrained(mixed, mixed_ax):
    ax = mixed_ax
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    assert isinstance(ax.xaxis.get_major_locator(), mdates.AutoDateLocator)
    assert not ax.yaxis.get_visible()
    engine = ax.get_figure(root=True).get_layout_engine()
    assert isinstance(engine, matplotlib.layout_engine.ConstrainedLayoutEngine)
    lo, hi = ax.get_xlim()
    dates = mdates.date2num(mixed["date"])
    assert lo < dates.min() and hi > dates.max()


def test_phase_bands_are_drawn_without_widening_the_view(mixed):
    phases = rl.cold_war_phases()
    plain = ms.plot_milestones(mixed)
    banded = ms.plot_milestones(mixed, phases=phases, track="palestine")
    assert banded.get_xlim() == pytest.approx(plain.get_xlim())
    bands = [p for p in banded.patches if (p.get_gid() or "").startswith("phase:")]
    lo, hi = banded.get_xlim()
    palestine = phases[phases["track"] == "palestine"]
    visible = palestine[
        (mdates.date2num(palestine["start"]) < hi)
        & (mdates.date2num(palestine["end"].fillna(pd.Timestamp("2100-01-01"))) > lo)
    ]
    assert {p.get_gid() for p in bands} == {f"phase:{name}" for name in visible["phase"]}
    assert_no_overlap(label_boxes(banded))


def test_phase_bands_receive_the_track(mixed, monkeypatch):
    calls = []
    fake = types.ModuleType("relations_lib.plots.phases")
    fake.add_phase_bands = lambda ax, phases, *, track: calls.append((ax, phases, track))
    fake.add_phase_vrects = lambda fig, phases, *, track: calls.append((fig, phases, track))
    monkeypatch.setitem(sys.modules, "relations_lib.plots.phases", fake)
    monkeypatch.setattr(rl.plots, "phases", fake, raising=False)
    phases = pd.DataFrame({"phase": ["p"]})
    ax = ms.plot_milestones(mixed, phases=phases, track="global")
    gax = ms.plot_goldstein(mixed, phases=phases, track="global")
    fig = ms.milestones_figure(mixed, phases=phases, track="global")
    assert [(c[0], c[2]) for c in calls] == [(ax, "global"), (gax, "global"), (fig, "global")]
    assert all(c[1] is phases for c in calls)


def test_missing_columns_and_empty_tables(mixed):
    with pytest.raises(SchemaError, match="quad_class"):
        ms.plot_milestones(mixed.drop(columns="quad_class"))
    with pytest.raises(SchemaError, match="goldstein"):
        ms.plot_goldstein(mixed.drop(columns="goldstein"))
    empty = mixed.iloc[0:0]
    ax = ms.plot_milestones(empty)
    assert sum(len(v) for v in marker_offsets(ax).values()) == 0
    assert visible_labels(ax) == []
    gax = ms.plot_goldstein(empty)
    assert [p for p in gax.patches if p.get_gid() == "goldstein:bar"] == []
    fig = ms.milestones_figure(empty)
    assert sum(len(t.x) for t in fig.data if t.mode == "markers") == 0


# ---------------------------------------------------------------------------------- plot_goldstein


def test_goldstein_bars_per_coded_event_and_running_sum(mixed):
    ax = ms.plot_goldstein(mixed)
    bars = [p for p in ax.patches if p.get_gid() == "goldstein:bar"]
    coded = mixed.loc[mixed["goldstein"].notna()].sort_values("date", kind="stable")
    assert len(bars) == len(coded) == len(mixed) - 2
    assert sorted(b.get_height() for b in bars) == pytest.approx(sorted(coded["goldstein"]))
    for bar in bars:
        color = matplotlib.colors.to_hex(bar.get_facecolor())
        if bar.get_height() > 0:
            assert color == ms.COOPERATION_COLOR.lower()
        elif bar.get_height() < 0:
            assert color == ms.CONFLICT_COLOR.lower()
    # bars of one date stack: 1988 holds two recognitions of 7.4 each
    x1988 = mdates.date2num(pd.Timestamp("1988-01-01"))
    stacked = sorted(
        (b.get_y(), b.get_height()) for b in bars if abs(b.get_x() + b.get_width() / 2 - x1988) < 1
    )
    assert stacked == [(0.0, pytest.approx(7.4)), (pytest.approx(7.4), pytest.approx(7.4))]
    (line,) = [ln for a in ax.get_figure(root=True).axes for ln in a.lines
               if ln.get_gid() == "goldstein:cumulative"]  # fmt: skip
    assert line.get_ydata()[-1] == pytest.approx(coded["goldstein"].sum())
    assert list(line.get_ydata()[:-1]) == pytest.approx(list(coded["goldstein"].cumsum()))
    assert line.get_drawstyle() == "steps-post"


def test_goldstein_says_uncoded_events_are_left_out(mixed):
    ax = ms.plot_goldstein(mixed)
    uncoded = int(mixed["goldstein"].isna().sum())
    assert uncoded == 2
    assert f"{uncoded} uncoded events (no CAMEO code) not shown" in ax.get_title(loc="left")
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    coded_only = mixed.loc[mixed["goldstein"].notna()]
    assert "uncoded" not in ms.plot_goldstein(coded_only).get_title(loc="left")


def test_goldstein_zero_lines_align_and_neutral_events_show(mixed):
    ax = ms.plot_goldstein(mixed)
    twin = next(a for a in ax.get_figure(root=True).axes if a is not ax)
    lo, hi = ax.get_ylim()
    tlo, thi = twin.get_ylim()
    assert -lo / (hi - lo) == pytest.approx(-tlo / (thi - tlo))
    neutral = [c for c in ax.collections if c.get_gid() == "goldstein:neutral"]
    assert sum(len(c.get_offsets()) for c in neutral) == int((mixed["goldstein"] == 0).sum()) == 1


# ------------------------------------------------------------------------------ milestones_figure


def hostile_events() -> pd.DataFrame:
    rows = [dict(r) for r in MIXED_ROWS]
    rows[1]["sentence"] = f"The {XSS_IMG} delegation met {XSS_SCRIPT} & left %{{customdata[0]}}."
    rows[1]["actor1_name"] = "<b>Fatah</b>"
    rows[1]["date_text"] = "In <i>July</i> 1970"
    rows[2]["section"] = "<a href='javascript:alert(1)'>History</a>"
    return make_events(rows)


def test_plotly_one_point_per_event_by_quad_class(mixed):
    fig = ms.milestones_figure(mixed)
    markers = [t for t in fig.data if t.mode == "markers"]
    classes = mixed["quad_class"].fillna(0).astype(int)
    names = [t.name for t in markers]
    assert names == [
        f"{ms.QUAD_CLASS_NAMES[k]} ({int((classes == k).sum())})" for k in (1, 2, 3, 4, 0)
    ]
    assert sum(len(t.x) for t in markers) == len(mixed)
    assert [t.marker.color for t in markers] == [ms.QUAD_CLASS_COLORS[k] for k in (1, 2, 3, 4, 0)]
    ranges = [t for t in fig.data if t.mode == "lines"]
    assert len(ranges) == 2 and not any(t.showlegend for t in ranges)
    # one lane per acting party, named on the y axis
    assert set(fig.layout.yaxis.ticktext) == set(mixed["actor1_name"])


def test_plotly_hover_shows_date_as_written_actors_cameo_and_sentence(mixed):
    fig = ms.milestones_figure(mixed)
    cameo = timeline_plotly._cameo_table()
    hovered = {}
    for trace in fig.data:
        if trace.mode != "markers" or trace.customdata is None:
            continue
        assert trace.hovertemplate == timeline_plotly._HOVER
        for row in trace.customdata:
            hovered[row[10].replace("<br>", " ")] = row
    assert len(hovered) == len(mixed)
    for _, ev in mixed.iterrows():
        row = hovered[html.escape(ev["sentence"], quote=False)]
        assert row[0] == html.escape(ev["date_text"], quote=False)
        assert (row[1], row[2]) == (ev["actor1_name"], ev["actor1"])
        assert (row[3], row[4]) == (ev["actor2_name"], ev["actor2"])
        if pd.notna(ev["cameo_code"]):
            assert (row[6], row[7]) == (ev["cameo_code"], cameo[ev["cameo_code"]])
            assert row[8] == f"{ev['goldstein']:+.1f}"
        else:
            assert (row[6], row[8]) == ("–", "n/a")


def test_plotly_escapes_article_text():
    events = hostile_events()
    fig = ms.milestones_figure(events)
    payload = fig.to_json()
    for raw in (XSS_IMG, "<script>", "<b>Fatah", "<i>July", "<a href"):
        assert raw not in payload, raw
    assert html.escape(XSS_IMG, quote=False) in json.dumps(json.loads(payload))  # shown, as text
    customdata = [row for t in fig.data if t.customdata is not None for row in t.customdata]
    row = next(r for r in customdata if "onerror" in r[10])
    assert row[0] == "In &lt;i&gt;July&lt;/i&gt; 1970"
    assert row[1] == "&lt;b&gt;Fatah&lt;/b&gt;"
    assert "&lt;script&gt;" in row[10] and "&amp;" in row[10]
    assert "%{customdata[0]}" in row[10]  # stays text: plotly substitutes the template once
    # the only markup in the wrapped sentence is our own line breaks
    assert row[10].replace("<br>", "").count("<") == 0
    section = next(r for r in customdata if "javascript" in r[9])[9]
    assert section.startswith("&lt;a href='javascript")  # quotes stay: plotly shows entities raw
    assert "&lt;b&gt;Fatah&lt;/b&gt;" in fig.layout.yaxis.ticktext
    # the hover template is ours alone: article text never enters it
    assert {t.hovertemplate for t in fig.data if t.mode == "markers"} == {timeline_plotly._HOVER}


def test_plotly_phase_vrects(mixed):
    phases = rl.cold_war_phases()
    fig = ms.milestones_figure(mixed, phases=phases)
    assert len(fig.layout.shapes) >= 3
    assert fig.layout.xaxis.type == "date"


def test_plotly_lanes_group_actors_by_country():
    rows = [
        {"when": "1990", "actor1": "ALB", "actor1_name": "Albania", "actor2": "PSE"},
        {"when": "1991", "actor1": "ALBGOV", "actor1_name": "Fatos Nano", "actor2": "PSE"},
        {"when": "1992", "actor1": "PSEREB", "actor1_name": "Fatah", "actor2": "ALB"},
        {"when": "1993", "actor1": "IGOUNO", "actor1_name": "United Nations", "actor2": "ALB"},
    ]
    events = make_events(rows)
    events.loc[0, "actor2_name"] = "Palestine"
    fig = ms.milestones_figure(events)
    lanes = dict(zip(fig.layout.yaxis.ticktext, fig.layout.yaxis.tickvals, strict=True))
    # ALB and ALBGOV share Albania's lane; PSEREB goes to Palestine, named as the table names
    # the bare code PSE; IGOUNO is no country and keeps its own lane
    assert list(lanes) == ["Albania", "Palestine", "United Nations"]
    ys = sorted(y for t in fig.data if t.mode == "markers" for y in t.y)
    albania = lanes["Albania"]
    assert ys.count(albania) == 2  # two dates: no stacking offset
    assert ys.count(lanes["Palestine"]) == ys.count(lanes["United Nations"]) == 1


# ------------------------------------------------------------------------------------ the seed


@pytest.fixture(scope="module")
def every_seed_event() -> pd.DataFrame:
    return rl.extract_events(rl.load_seed())


@pytest.fixture(scope="module")
def seed_events(every_seed_event) -> pd.DataFrame:
    """The seed's events as the charts draw them by default: without restatements (the 1988
    recognition is stated in the lead and again in the body)."""
    kept = every_seed_event.loc[every_seed_event["restates"].isna()]
    assert len(kept) == len(every_seed_event) - 1
    return kept


@pytest.fixture(scope="module")
def seed_votes() -> pd.DataFrame:
    return rl.extract_vote_mentions(rl.load_seed())


def test_seed_timeline(every_seed_event, seed_events):
    ax = ms.plot_milestones(every_seed_event, phases=rl.cold_war_phases())
    drawn = marker_offsets(ax)
    assert sum(len(v) for v in drawn.values()) == len(seed_events)
    uncoded = int(seed_events["quad_class"].isna().sum())
    assert len(drawn[0]) == uncoded
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == f"uncoded ({uncoded})"
    labels = visible_labels(ax)
    assert len(labels) == min(12, len(seed_events.drop_duplicates(["date", "event_type"])))
    assert_no_overlap(label_boxes(ax))
    # every label names a year that one of the seed's events has
    years = set(seed_events["year"].astype(str))
    assert all(any(y in a.get_text() for y in years) for a in labels)


def test_seed_goldstein(every_seed_event, seed_events):
    ax = ms.plot_goldstein(every_seed_event)
    coded = seed_events["goldstein"].notna()
    bars = [p for p in ax.patches if p.get_gid() == "goldstein:bar"]
    assert len(bars) == int(coded.sum())
    (line,) = [ln for a in ax.get_figure(root=True).axes for ln in a.lines
               if ln.get_gid() == "goldstein:cumulative"]  # fmt: skip
    assert line.get_ydata()[-1] == pytest.approx(seed_events["goldstein"].sum())
    assert f"{int((~coded).sum())} uncoded" in ax.get_title(loc="left")
    assert "1 restatement of an earlier event left out" in ax.get_title(loc="left")
    every = ms.plot_goldstein(every_seed_event, restatements=True)
    bars = [p for p in every.patches if p.get_gid() == "goldstein:bar"]
    assert len(bars) == int(every_seed_event["goldstein"].notna().sum())
    assert "restatement" not in every.get_title(loc="left")


def test_seed_interactive(every_seed_event, seed_events):
    fig = ms.milestones_figure(every_seed_event, phases=rl.cold_war_phases())
    points = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.x) for t in points) == len(seed_events)
    sentences = {row[10].replace("<br>", " ") for t in points for row in t.customdata}
    assert sentences == {html.escape(s, quote=False) for s in seed_events["sentence"]}
    seed = rl.load_seed()
    assert set(fig.layout.yaxis.ticktext) >= {c.name for c in seed.countries}


def test_titles_come_from_the_articles_title_never_a_file_name(seed_events):
    seed = rl.load_seed()
    ax = ms.plot_milestones(seed_events, title=seed.title)
    assert ax.get_title(loc="left") == "Albania–Palestine relations: dated events"
    gax = ms.plot_goldstein(seed_events, title=seed.title)
    assert gax.get_title(loc="left").startswith(
        "Albania–Palestine relations: cooperation and conflict (Goldstein scale)"
    )
    fig = ms.milestones_figure(seed_events, title=seed.title)
    assert fig.layout.title.text == "Albania–Palestine relations: dated events"
    # without a title: no file name either
    for text in (
        ms.plot_milestones(seed_events).get_title(loc="left"),
        ms.milestones_figure(seed_events).layout.title.text,
    ):
        assert ".txt" not in text and seed.source not in text
        assert text == "Dated events in the article"


def test_labels_show_full_actor_names_never_codes(seed_events):
    """The PLO (PSEREB) is written out, wrapped, however long its name."""
    texts = [
        timeline_data._auto_label(row) for _, row in seed_events.assign(_end=pd.NaT).iterrows()
    ]
    joined = " ".join(" ".join(t.split()) for t in texts)
    for name in (
        seed_events["actor1_name"].dropna().tolist() + seed_events["actor2_name"].dropna().tolist()
    ):
        assert name in joined
    codes = set(seed_events["actor1"].dropna()) | set(seed_events["actor2"].dropna())
    long_codes = {c for c in codes if len(c) > 3}  # role codes such as PSEREB, ALBGOV
    assert long_codes and not any(code in joined for code in long_codes)
    assert all(len(line) <= timeline_data._LABEL_WIDTH for t in texts for line in t.split("\n")[1:])


def test_column_labels_that_are_all_empty_give_no_labels(mixed):
    mixed["note"] = pd.Series(pd.NA, index=mixed.index, dtype="string")
    ax = ms.plot_milestones(mixed, label="note")
    assert visible_labels(ax) == []
    assert sum(len(v) for v in marker_offsets(ax).values()) == len(mixed)


# ------------------------------------------------------------------ restatements and UN votes


def test_restatements_are_drawn_once_unless_asked(every_seed_event, seed_events):
    restated = every_seed_event.loc[every_seed_event["restates"].notna()]
    x = float(mdates.date2num(restated["date"].iloc[0]))
    ax = ms.plot_milestones(every_seed_event, label=None)
    drawn = [v for vs in marker_offsets(ax).values() for v in vs]
    assert len(drawn) == len(seed_events) and drawn.count(x) == 1
    ax = ms.plot_milestones(every_seed_event, label=None, restatements=True)
    drawn = [v for vs in marker_offsets(ax).values() for v in vs]
    assert len(drawn) == len(every_seed_event) and drawn.count(x) == 2
    fig = ms.milestones_figure(every_seed_event, restatements=True)
    assert sum(len(t.x) for t in fig.data if t.mode == "markers") == len(every_seed_event)


def test_seed_votes_are_their_own_markers_on_the_static_timeline(seed_events, seed_votes):
    ax = ms.plot_milestones(seed_events, votes=seed_votes, phases=rl.cold_war_phases())
    # the 2012 abstention and the 2015 yes, at their dates, beside the events
    offsets = {}
    for coll in ax.collections:
        gid = coll.get_gid() or ""
        if gid.startswith("milestones:vote:"):
            offsets[gid.rsplit(":", 1)[1]] = coll.get_offsets()[:, 0].tolist()
    assert offsets == {
        "abstain": [float(mdates.date2num(pd.Timestamp("2012-11-29")))],
        "yes": [float(mdates.date2num(pd.Timestamp("2015-01-01")))],
    }
    assert sum(len(v) for v in marker_offsets(ax).values()) == len(seed_events)
    # shape and colour per vote
    colls = {c.get_gid(): c for c in ax.collections}
    abstain = colls["milestones:vote:abstain"]
    assert matplotlib.colors.to_hex(abstain.get_facecolor()[0]) == ms.VOTE_COLORS["abstain"].lower()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "UN vote (yes / abstain / no)"
    # the abstention is labelled; labels still do not overlap
    texts = [a.get_text() for a in visible_labels(ax)]
    assert "29 Nov 2012\nUN vote: Albania abstains (67/19)" in texts
    assert_no_overlap(label_boxes(ax))


def test_votes_stack_above_events_of_the_same_date(seed_events, seed_votes):
    # the 2015 yes shares its date with the 2015 "vote in favour" event: stacked, not hidden
    ax = ms.plot_milestones(seed_events, votes=seed_votes, label=None)
    yes = next(c for c in ax.collections if c.get_gid() == "milestones:vote:yes")
    shift = yes.get_offset_transform().transform((0, 0))[1] - ax.transData.transform((0, 0))[1]
    assert shift == pytest.approx(timeline._STACK_PTS * ax.get_figure(root=True).dpi / 72.0)


def test_votes_without_date_or_yes_abstain_no_are_not_drawn(seed_events, seed_votes):
    votes = pd.concat([seed_votes, seed_votes.iloc[[0]], seed_votes.iloc[[1]]], ignore_index=True)
    votes.loc[2, "vote"] = pd.NA  # "did not vote"
    votes.loc[3, "date"] = pd.NaT
    ax = ms.plot_milestones(seed_events, votes=votes, label=None)
    assert sorted(vote_markers(ax)) == ["abstain", "yes"]
    # no vote drawn: no legend entry for votes
    ax = ms.plot_milestones(seed_events, votes=votes.iloc[[2, 3]], label=None)
    assert vote_markers(ax) == []
    assert "UN vote" not in " ".join(t.get_text() for t in ax.get_legend().get_texts())
    with pytest.raises(SchemaError, match="vote"):
        ms.plot_milestones(seed_events, votes=votes.drop(columns="vote"))
    # votes alone still make a timeline
    ax = ms.plot_milestones(seed_events.iloc[:0], votes=seed_votes)
    assert sorted(vote_markers(ax)) == ["abstain", "yes"]


def test_plotly_votes_trace_hover_and_lane(seed_events, seed_votes):
    fig = ms.milestones_figure(seed_events, votes=seed_votes)
    (trace,) = [t for t in fig.data if t.name == "UN vote (yes / abstain / no)"]
    assert trace is fig.data[-1] and trace.mode == "markers"
    assert trace.hovertemplate == timeline_plotly._VOTE_HOVER
    assert list(trace.marker.color) == [ms.VOTE_COLORS["abstain"], ms.VOTE_COLORS["yes"]]
    rows = {r[3]: r for r in trace.customdata}
    abstain = rows["abstain"]
    assert abstain[0] == "29 November 2012" and (abstain[1], abstain[2]) == ("Albania", "ALB")
    assert abstain[4] == "67/19"
    sentence = seed_votes.loc[seed_votes["vote"] == "abstain", "sentence"].iloc[0]
    assert abstain[7].replace("<br>", " ") == html.escape(sentence, quote=False)
    # in Albania's lane
    lanes = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert {lanes[round(y)] for y in trace.y} == {"Albania"}
    # the event markers are unchanged by the votes
    events_only = ms.milestones_figure(seed_events)
    assert sum(len(t.x) for t in fig.data if t.mode == "markers") == len(seed_events) + 2
    assert [t.name for t in fig.data][:-1] == [t.name for t in events_only.data]


def test_plotly_vote_hover_escapes_article_text(seed_events, seed_votes):
    votes = seed_votes.copy()
    votes["sentence"] = votes["sentence"].astype(object)
    votes.loc[0, "sentence"] = f"Albania {XSS_SCRIPT} abstained & {XSS_IMG} %{{customdata[1]}}."
    votes.loc[0, "subject"] = "<b>the application</b>"
    votes.loc[0, "country"] = "<i>Albania</i>"
    fig = ms.milestones_figure(seed_events, votes=votes)
    payload = fig.to_json()
    for raw in (XSS_IMG, "<script>", "<b>the", "<i>Albania"):
        assert raw not in payload, raw
    trace = fig.data[-1]
    row = next(r for r in trace.customdata if "onerror" in r[7])
    assert row[1] == "&lt;i&gt;Albania&lt;/i&gt;"
    assert row[5] == "&lt;b&gt;the application&lt;/b&gt;"
    assert "&lt;script&gt;" in row[7] and "&amp;" in row[7]
    assert row[7].replace("<br>", "").count("<") == 0
    assert trace.hovertemplate == timeline_plotly._VOTE_HOVER


# ------------------------------------------------- labels in the figure as saved, on real articles
REAL_ARTICLES = sorted((Path(__file__).parent / "fixtures" / "real" / "articles").glob("*.txt"))
#: (figure size in inches or None for the figure plot_milestones makes, dpi of the PNG): the
#: report's 150 dpi, and 72 dpi (a notebook's inline figures)
FINAL_SIZES = [(None, 150), ((8.0, 4.5), 150), ((14.0, 5.0), 72)]


@pytest.fixture(scope="module")
def real_timelines() -> list[tuple[str, pd.DataFrame, pd.DataFrame, str]]:
    """(title, events, vote mentions, first national track) of the seed, Cuba–Soviet Union
    (the article whose 1943 and 1959 boxes overlapped in the saved PNG) and every development
    article with at least 8 events."""
    from relations_lib.history.phases import pair_tracks

    out = []
    cuba = [p for p in REAL_ARTICLES if "cuba_soviet" in p.name]
    for path in [None, *cuba, *(p for p in REAL_ARTICLES if p not in cuba)]:
        article = rl.load_seed() if path is None else rl.read_article(path)
        events = rl.extract_events(article)
        if path is not None and len(events) < 8 and path not in cuba:
            continue
        track = pair_tracks(article.countries)[0]
        out.append((article.title, events, rl.extract_vote_mentions(article), track))
    assert len(out) >= 20
    return out


def saved_geometry(ax, dpi: float) -> dict:
    """What the PNG shows, read while ``savefig`` draws it (at its dpi, after the layout
    engine): label boxes, stem segments, marker centres, legend, phase names, Axes box."""
    fig = ax.get_figure(root=True)
    seen: dict = {}

    def grab(event) -> None:
        r = event.renderer
        seen["boxes"] = [a.get_bbox_patch().get_window_extent(r) for a in visible_labels(ax)]
        seen["texts"] = [a.get_text() for a in visible_labels(ax)]
        stems = [c for c in ax.collections if c.get_gid() == "milestones:stem"]
        seen["stems"] = [seg for c in stems for seg in c.get_segments()]
        seen["markers"] = [
            xy
            for c in ax.collections
            if (c.get_gid() or "").startswith(("milestones:marker:", "milestones:vote:"))
            for xy in c.get_offset_transform().transform(c.get_offsets())
        ]
        seen["legend"] = ax.get_legend().get_window_extent(r)
        seen["phases"] = [
            t.get_window_extent(r)
            for t in ax.texts
            if (t.get_gid() or "").startswith("phase-label:") and t.shown is not None
        ]
        seen["axes"] = ax.bbox.frozen()
        seen["px_per_pt"] = fig.dpi / 72.0

    cid = fig.canvas.mpl_connect("draw_event", grab)
    fig.savefig(io.BytesIO(), format="png", dpi=dpi)
    fig.canvas.mpl_disconnect(cid)
    return seen


def assert_labels_read_right(seen: dict, where: str) -> None:
    """No box overlaps another, a phase name, the legend, a marker or a stem, or leaves
    the Axes (half a pixel of rounding allowed)."""
    tol = 0.5

    def cross(a, b) -> bool:
        return min(a.x1, b.x1) - max(a.x0, b.x0) > tol and min(a.y1, b.y1) - max(a.y0, b.y0) > tol

    boxes, axes = seen["boxes"], seen["axes"]
    for a, b in itertools.combinations(boxes, 2):
        assert not cross(a, b), f"{where}: label boxes overlap: {a} and {b}"
    for box, text in zip(boxes, seen["texts"], strict=True):
        assert axes.x0 - tol <= box.x0 and box.x1 <= axes.x1 + tol, (where, text, "x", box, axes)
        assert axes.y0 - tol <= box.y0 and box.y1 <= axes.y1 + tol, (where, text, "y", box, axes)
        for other in [seen["legend"], *seen["phases"]]:
            assert not cross(box, other), (where, text, other)
        radius = 3.0 * seen["px_per_pt"]  # the markers are ~7 points wide
        for mx, my in seen["markers"]:
            inside_x = box.x0 + tol < mx + radius and mx - radius < box.x1 - tol
            inside_y = box.y0 + tol < my + radius and my - radius < box.y1 - tol
            assert not (inside_x and inside_y), (where, text, "covers a marker", (mx, my))
        for (sx, sy0), (_, sy1) in seen["stems"]:
            lo, hi = sorted((sy0, sy1))
            through = box.x0 + tol < sx < box.x1 - tol and min(hi, box.y1) - max(lo, box.y0) > tol
            assert not through, (where, text, "a stem runs through it", sx, lo, hi)


def test_labels_read_right_in_the_saved_png_of_real_articles(real_timelines):
    phases = rl.cold_war_phases()
    shown = total = 0
    for i, (title, events, votes, track) in enumerate(real_timelines):
        # the seed and Cuba–Soviet Union at every size, the others at one each, in turn
        for size, dpi in FINAL_SIZES if i < 2 else [FINAL_SIZES[i % len(FINAL_SIZES)]]:
            if size is None:
                ax = ms.plot_milestones(
                    events, phases=phases, track=track, title=title, votes=votes
                )
            else:
                fig = plt.figure(figsize=size, layout="constrained")
                ax = ms.plot_milestones(
                    events, ax=fig.add_subplot(), phases=phases, track=track, title=title,
                    votes=votes,
                )  # fmt: skip
            seen = saved_geometry(ax, dpi)
            assert_labels_read_right(seen, f"{title} {size} {dpi} dpi")
            shown += len(seen["boxes"])
            total += len([t for t in ax.texts if t.get_gid() == "milestones:label"])
            plt.close(ax.get_figure(root=True))
    # the checks are not met by leaving labels out: most of the chosen labels are shown
    assert shown >= 0.8 * total, (shown, total)


def test_cuba_soviet_union_1943_and_1959_labels_both_shown_apart(real_timelines):
    title, events, votes, track = next(t for t in real_timelines if "Soviet" in t[0])
    ax = ms.plot_milestones(events, phases=rl.cold_war_phases(), track=track, votes=votes)
    for dpi in (72, 100, 150, 200):
        seen = saved_geometry(ax, dpi)
        assert_labels_read_right(seen, f"{title} {dpi} dpi")
        years = [t.split("\n")[0] for t in seen["texts"]]
        assert "1943" in years and "1959" in years, (dpi, years)


def test_an_event_before_1678_is_named_in_the_legend_not_silently_lost():
    article = rl.parse_article(
        "= Bulgaria–Serbia relations =\n\n"
        "Bulgaria signed a treaty with Serbia in 1171. Bulgaria recognised Serbia in 1990.\n",
        source="t.txt",
    )
    events = rl.extract_events(article)
    assert events["date"].isna().sum() == 1  # 1171: no datetime64[ns]
    ax = ms.plot_milestones(events)
    title = ax.get_legend().get_title().get_text()
    assert "1 dated before 1678 not drawn" in title
    plt.close(ax.get_figure(root=True))
