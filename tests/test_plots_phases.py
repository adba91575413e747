"""relations_lib.plots.phases: phase bands, plotly rectangles, per-phase charts."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

import relations_lib as rl
from relations_lib.plots import phases as pp


@pytest.fixture(scope="module")
def phases() -> pd.DataFrame:
    return rl.cold_war_phases()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    """A small events table with the seed's dates and hand-given CAMEO quad classes."""
    rows = [
        ("1970-07-01", "month", 1, 1.9),
        ("1971-01-01", "year", 2, 6.0),
        ("1971-01-01", "year", 4, -9.0),
        ("1973-01-01", "year", 3, -2.0),
        ("1982-01-01", "year", 3, -4.0),
        ("1987-01-01", "year", 1, 3.4),
        ("1988-01-01", "year", 1, 3.5),
        ("1996-01-01", "year", 1, 1.9),
        ("2012-11-29", "day", None, None),
        (None, "year", 1, 1.0),
    ]
    frame = pd.DataFrame(rows, columns=["date", "precision", "quad_class", "goldstein"])
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["precision"] = pd.Categorical(frame["precision"], ["day", "month", "year", "decade"])
    frame["quad_class"] = frame["quad_class"].astype("Int64")
    frame["event_type"] = np.where(frame["quad_class"].isna(), "other", "coded")
    return frame


def _bands(ax):
    return [p for p in ax.patches if (p.get_gid() or "").startswith("phase:")]


def _span_x(patch) -> tuple[float, float]:
    """x extent of a band in data units (axvspan draws a Rectangle in blended coordinates)."""
    x0, width = patch.get_x(), patch.get_width()
    return float(min(x0, x0 + width)), float(max(x0, x0 + width))


# --------------------------------------------------------------------------- bands
def test_bands_on_a_date_axis_keep_view_and_data_limits(phases):
    fig, ax = plt.subplots(figsize=(10, 3), layout="constrained")
    dates = pd.to_datetime(["1965-03-01", "1995-06-01"])
    ax.plot(dates, [0, 1])
    xlim, datalim = ax.get_xlim(), ax.dataLim.frozen().get_points().copy()
    pp.add_phase_bands(ax, phases, track="albania")
    assert ax.get_xlim() == xlim
    np.testing.assert_allclose(ax.dataLim.get_points(), datalim)
    fig.canvas.draw()
    np.testing.assert_allclose(ax.get_xlim(), xlim)
    names = [p.get_gid() for p in _bands(ax)]
    # the view (1963–1997, with matplotlib's margins) shows three of Albania's phases
    assert names == [
        "phase:Chinese alliance",
        "phase:Self-reliance",
        "phase:Post-communist transition",
    ]
    lo, hi = xlim
    for patch in _bands(ax):
        x0, x1 = _span_x(patch)
        assert lo - 1e-9 <= x0 < x1 <= hi + 1e-9
        assert patch.get_zorder() == 0
    # an inner boundary sits on its date
    self_reliance = _bands(ax)[1]
    assert _span_x(self_reliance)[0] == pytest.approx(mdates.date2num(pd.Timestamp("1978-07-07")))
    assert _span_x(_bands(ax)[0])[0] == pytest.approx(lo)  # Chinese alliance, clipped
    shown = {t.get_gid(): t.shown for t in ax.texts}
    assert shown["phase-label:Chinese alliance"] == "Chinese alliance"
    assert shown["phase-label:Self-reliance"] == "Self-reliance"


def test_labels_that_do_not_fit_are_left_out(phases):
    fig, ax = plt.subplots(figsize=(6, 2), layout="constrained")
    ax.plot(pd.to_datetime(["1950-01-01", "2020-01-01"]), [0, 1])
    pp.add_phase_bands(ax, phases, track="palestine")
    fig.canvas.draw()
    shown = {t.get_gid().split(":", 1)[1]: t.shown for t in ax.texts}
    assert shown["First Intifada"] is None  # 11 months on a 70-year, 6-inch axis
    assert shown["UN status campaign"] is not None
    assert len(_bands(ax)) == 11  # every phase from 1950 on is shaded, labelled or not


def test_bands_follow_a_change_of_limits(phases):
    _fig, ax = plt.subplots(figsize=(8, 2), layout="constrained")
    ax.plot(pd.to_datetime(["1980-01-01", "2000-01-01"]), [0, 1])
    pp.add_phase_bands(ax, phases, track="global")
    before = [p.get_gid() for p in _bands(ax)]
    ax.set_xlim(pd.Timestamp("1950-01-01"), pd.Timestamp("2010-01-01"))
    after = [p.get_gid() for p in _bands(ax)]
    assert "phase:Early Cold War" not in before
    assert after == [
        "phase:Early Cold War",
        "phase:Détente",
        "phase:Late Cold War",
        "phase:End of the Cold War",
        "phase:Post-Cold War",
    ]
    assert _span_x(_bands(ax)[0])[0] == pytest.approx(mdates.date2num(pd.Timestamp("1950-01-01")))


def test_bands_on_a_year_axis(phases):
    _fig, ax = plt.subplots(figsize=(8, 2), layout="constrained")
    years = np.arange(1956, 2020)
    ax.bar(years, np.ones(len(years)))
    xlim = ax.get_xlim()
    pp.add_phase_bands(ax, phases, track="albania")  # auto: plain numbers within 1800–2200
    assert ax.get_xlim() == xlim
    chinese = next(p for p in _bands(ax) if p.get_gid() == "phase:Chinese alliance")
    x0, x1 = _span_x(chinese)
    assert x0 == pytest.approx(1961 + (pd.Timestamp("1961-12-11").day_of_year - 1) / 365)
    assert x1 == pytest.approx(1978 + (pd.Timestamp("1978-07-07").day_of_year - 1) / 365)
    # forcing the mode gives the same result; nonsense is refused
    _fig2, ax2 = plt.subplots()
    ax2.bar(years, np.ones(len(years)))
    pp.add_phase_bands(ax2, phases, track="albania", x="year")
    assert [p.get_gid() for p in _bands(ax2)] == [p.get_gid() for p in _bands(ax)]
    with pytest.raises(ValueError, match="x must be"):
        pp.add_phase_bands(ax2, phases, x="month")


def test_bands_without_labels(phases):
    _fig, ax = plt.subplots()
    ax.plot(pd.to_datetime(["1950-01-01", "2020-01-01"]), [0, 1])
    pp.add_phase_bands(ax, phases, labels=False, alpha=0.3)
    assert not ax.texts
    assert _bands(ax)[0].get_alpha() == pytest.approx(0.3)


# --------------------------------------------------------------------------- plotly
def test_vrects_clip_to_the_data_and_escape_text(phases):
    dates = pd.to_datetime(["1970-07-01", "2015-01-01"])
    fig = go.Figure(go.Scatter(x=dates, y=[1, 2], mode="markers"))
    hostile = phases.copy()
    hostile["description"] = hostile["description"].astype(str) + " <script>alert(1)</script>"
    hostile["description"] = hostile["description"].astype("string")
    pp.add_phase_vrects(fig, hostile, track="palestine")
    shapes = fig.layout.shapes
    assert [s.name for s in shapes] == [
        "phase:PLO in Jordan",
        "phase:PLO in Lebanon",
        "phase:Tunis exile",
        "phase:First Intifada",
        "phase:Declaration to Oslo",
        "phase:Oslo years",
        "phase:Second Intifada",
        "phase:Fatah–Hamas divide",
        "phase:UN status campaign",
    ]
    assert shapes[0].x0 == "1970-07-01T00:00:00"  # clipped to the data
    assert shapes[-1].x1 == "2015-01-01T00:00:00"  # the ongoing phase ends with the data
    assert all(s.layer == "below" for s in shapes)
    texts = [a.text for a in fig.layout.annotations]
    assert "PLO in Lebanon" in texts and "First Intifada" not in texts  # too narrow to label
    for annotation in fig.layout.annotations:
        assert "<script>" not in annotation.hovertext
        assert "&lt;script&gt;" in annotation.hovertext


def test_vrects_on_a_year_axis_and_in_a_subplot(phases):
    fig = make_subplots(rows=2, cols=1)
    fig.add_trace(go.Bar(x=list(range(1956, 2020)), y=[1] * 64), row=1, col=1)
    fig.add_trace(go.Scatter(x=pd.to_datetime(["1980-01-01", "2000-01-01"]), y=[0, 1]), 2, 1)
    pp.add_phase_vrects(fig, phases, track="albania", row=1, col=1)
    pp.add_phase_vrects(fig, phases, track="global", row=2, col=1)
    top = [s for s in fig.layout.shapes if s.xref == "x"]
    bottom = [s for s in fig.layout.shapes if s.xref == "x2"]
    assert top[0].x0 == 1956.0 and top[-1].x1 == 2019.0
    assert [s.name for s in bottom] == [
        "phase:Late Cold War",
        "phase:End of the Cold War",
        "phase:Post-Cold War",
    ]


def test_vrects_on_an_empty_figure_do_nothing(phases):
    fig = go.Figure()
    assert pp.add_phase_vrects(fig, phases) is fig
    assert not fig.layout.shapes


# --------------------------------------------------------------------------- per phase
def test_events_per_phase_counts(events, phases):
    table = pp.events_per_phase(events, phases, track="palestine")
    assert table.index.tolist()[0] == "Before the PLO"
    assert table["n"].sum() == events["date"].notna().sum()  # every dated event, once
    assert table.loc["PLO in Jordan", "n"] == 3  # July 1970 and the two 1971 events
    assert table.loc["PLO in Jordan", "uncertain"] == 2  # 1971 straddles July 1971
    assert table.loc["PLO in Jordan", "Material conflict"] == 1
    assert table.loc["UN status campaign", "uncoded"] == 1
    assert table.loc["Second Intifada", "n"] == 0


def test_plot_events_by_phase(events, phases):
    ax = pp.plot_events_by_phase(events, phases, track="palestine")
    assert [c.get_label() for c in ax.containers] == [
        "Verbal cooperation",
        "Material cooperation",
        "Verbal conflict",
        "Material conflict",
        "uncoded",
    ]
    total = sum(bar.get_width() for c in ax.containers for bar in c)
    assert total == events["date"].notna().sum()
    assert ax.get_yticklabels()[0].get_text() == "Before the PLO"
    assert "1 without a date" in ax.get_title(loc="left")
    ax.figure.savefig(io.BytesIO(), format="png")


def test_plot_goldstein_by_phase(events, phases):
    table = pp.goldstein_per_phase(events, phases, track="palestine")
    assert table.loc["PLO in Jordan", "mean"] == pytest.approx((1.9 + 6.0 - 9.0) / 3)
    assert table.loc["PLO in Jordan", "n"] == 3
    assert table.loc["Oslo years", "mean"] == pytest.approx(1.9)  # 1996 is coded
    assert table.loc["UN status campaign", "n"] == 0  # the 2012 event is uncoded
    ax = pp.plot_goldstein_by_phase(events, phases, track="palestine")
    bars = ax.containers[0]
    assert len(bars) == int((table["n"] > 0).sum())
    assert sorted(b.get_width() for b in bars) == pytest.approx(
        sorted(table["mean"].dropna().tolist())
    )
    assert "1 uncoded event left out" in ax.get_title(loc="left")
    ax.figure.savefig(io.BytesIO(), format="png")


def test_yes_share_per_phase_on_a_hand_built_record(phases):
    record = pd.DataFrame(
        {
            "date": pd.to_datetime(["1947-11-06", "1970-01-10", "1970-02-10", "1975-05-05"]),
            "yes_share": [0.5, 0.8, 0.6, 0.9],
            "country_vote": pd.Categorical(
                [None, "yes", "abstain", "yes"], categories=["yes", "abstain", "no"], ordered=True
            ),
        }
    )
    table = pp.yes_share_per_phase(record, phases)
    assert table.index.tolist() == ["Yugoslav tutelage", "Chinese alliance"]
    assert table.loc["Chinese alliance", "roll_calls"] == 3
    assert table.loc["Chinese alliance", "country_yes_share"] == pytest.approx(2 / 3)
    assert table.loc["Chinese alliance", "assembly_yes_share"] == pytest.approx(0.7667, abs=1e-4)
    assert np.isnan(table.loc["Yugoslav tutelage", "country_yes_share"])
    assert np.isnan(table.loc["Yugoslav tutelage", "assembly_yes_share"])
    assert table.loc["Yugoslav tutelage", "assembly_yes_share_all"] == 0.5


def test_yes_share_per_phase_on_the_real_record(phases):
    """Against a plain loop over the real Palestine-related record."""
    record = rl.voting_record("AL", issue="me")
    table = pp.yes_share_per_phase(record, phases)
    alb = phases[phases["track"] == "albania"]
    for phase in alb.itertuples():
        end = phase.end if pd.notna(phase.end) else pd.Timestamp.max
        rows = record[(record["date"] >= phase.start) & (record["date"] < end)]
        if rows.empty:
            assert str(phase.phase) not in table.index
            continue
        votes = [str(v) for v in rows["country_vote"] if pd.notna(v)]
        got = table.loc[str(phase.phase)]
        assert got["roll_calls"] == len(rows)
        assert got["voted"] == len(votes)
        if votes:
            assert got["country_yes_share"] == pytest.approx(votes.count("yes") / len(votes))
    assert table["roll_calls"].sum() == len(record)
    ax = pp.plot_yes_share_by_phase(record, phases)
    assert ax.containers[0].get_label().startswith("Albania")
    assert len(ax.containers[0]) == len(table)
    ax.figure.savefig(io.BytesIO(), format="png")


# --------------------------------------------------------------------------- timeline, report
def test_phase_timeline(phases):
    ax = pp.plot_phase_timeline(phases, until=pd.Timestamp("2026-01-01"))
    assert [c.get_label() for c in ax.collections] == ["albania", "palestine", "global"]
    assert sum(len(c.get_paths()) for c in ax.collections) == len(phases)
    ax.figure.canvas.draw()
    shown = {t.get_gid().split(":", 1)[1]: t.shown for t in ax.texts}
    assert set(shown) == set(phases["phase"].astype(str))
    assert shown["Early Cold War"] == "Early Cold War"
    assert sum(v is not None for v in shown.values()) >= len(phases) - 3


def test_report_figures_are_declared():
    assert set(pp.REPORT_FIGURES) == {
        "phases_timeline",
        "events_by_phase",
        "goldstein_by_phase",
        "yes_share_by_phase",
    }
    for caption, build in pp.REPORT_FIGURES.values():
        assert caption and callable(build)
    fig = pp.REPORT_FIGURES["phases_timeline"][1]()
    assert isinstance(fig, matplotlib.figure.Figure)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_charts_of_the_seed_events(seed, phases):
    every = rl.extract_events(seed)
    # the 1988 recognition is stated twice (lead and body): counted once by default
    events = every.loc[every["restates"].isna()]
    assert len(events) == len(every) - 1
    table = pp.events_per_phase(every, phases, track="albania")
    assert table["n"].sum() == events["date"].notna().sum() == len(events)
    all_rows = pp.events_per_phase(every, phases, track="albania", restatements=True)
    assert all_rows["n"].sum() == len(every)
    # the seed's 1970s events fall in the Chinese alliance, its 1980s ones in self-reliance
    in_1970s = events["date"].dt.year.between(1970, 1977).sum()
    assert table.loc["Chinese alliance", "n"] == in_1970s
    ax = pp.plot_events_by_phase(every, phases, track="albania")
    assert sum(bar.get_width() for c in ax.containers for bar in c) == len(events)
    gold = pp.goldstein_per_phase(every, phases, track="palestine")
    coded = events["goldstein"].notna()
    assert gold["n"].sum() == coded.sum()
    gold_all = pp.goldstein_per_phase(every, phases, track="palestine", restatements=True)
    assert gold_all["n"].sum() == every["goldstein"].notna().sum() == coded.sum() + 1
    assert gold["mean"].mul(gold["n"]).sum() == pytest.approx(events.loc[coded, "goldstein"].sum())


@pytest.mark.parametrize("name", ["events_by_phase", "goldstein_by_phase", "yes_share_by_phase"])
def test_report_figures_build(name):
    fig = pp.REPORT_FIGURES[name][1]()
    assert isinstance(fig, matplotlib.figure.Figure)
    assert fig.axes and all(ax.has_data() for ax in fig.axes)
