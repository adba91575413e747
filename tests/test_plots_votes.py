"""relations_lib.plots.votes: the charts inspected through the objects they return."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import relations_lib as rl
from relations_lib.coding.vote_mentions import vote_dtype
from relations_lib.errors import SchemaError
from relations_lib.plots import votes as pv
from relations_lib.un.record import yearly_summary


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def record() -> pd.DataFrame:
    return rl.voting_record("AL", issue="me")


@pytest.fixture(scope="module")
def key() -> pd.DataFrame:
    return rl.key_resolutions()


@pytest.fixture(scope="module")
def mentions() -> pd.DataFrame:
    """Two stated votes in the shape of extract_vote_mentions (independent of its progress)."""
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2012-11-29", "2015-01-01"]).astype("datetime64[ns]"),
            "year": pd.array([2012, 2015], dtype="Int64"),
            "precision": ["day", "year"],
            "resolution": pd.array(["67/19", pd.NA], dtype="string"),
            "vote": pd.Series(["abstain", "yes"], dtype=vote_dtype()),
        }
    )


def _line(ax: Axes, gid: str):
    found = [line for line in ax.get_lines() if line.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


# --- (a) key resolutions -------------------------------------------------------------------


def test_key_resolutions_bars(key):
    ax = pv.plot_key_resolutions(key)
    assert isinstance(ax, Axes)
    containers = {c.get_label(): c for c in ax.containers}
    assert set(containers) == {"yes", "abstain", "no"}
    assert [round(p.get_width()) for p in containers["yes"]] == key["official_yes"].tolist()
    assert [round(p.get_width()) for p in containers["no"]] == key["official_no"].tolist()
    # stacking order yes | abstain | no
    i = key.index[key["resolution"] == "67/19"][0]
    assert containers["abstain"][i].get_x() == 138
    assert containers["no"][i].get_x() == 138 + 41
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[i].startswith("67/19 (2012)")
    assert all(f"({y})" in lab for y, lab in zip(key["year"], labels, strict=True))
    assert ax.get_figure(root=True).get_layout_engine().__class__.__name__ == (
        "ConstrainedLayoutEngine"
    )


def test_key_resolutions_marks_albanias_vote(key):
    ax = pv.plot_key_resolutions(key)
    marks = [p for p in ax.patches if p.get_gid() == "key_resolutions:albania"]
    assert len(marks) == len(key) == 12
    i = key.index[key["resolution"] == "67/19"][0]
    mark = min(marks, key=lambda p: abs(p.get_y() + p.get_height() / 2 - i))
    assert (mark.get_x(), mark.get_width()) == (138, 41)  # the abstain segment
    texts = [t.get_text() for t in ax.texts]
    assert "138–9–41 · Albania: abstain" in texts
    assert "119–8–45 · Albania: yes · Voeten 119–8–44" in texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["yes", "abstain", "no", "Albania's vote"]


def test_key_resolutions_default_and_given_axes(key):
    _, ax = plt.subplots()
    assert pv.plot_key_resolutions(ax=ax) is ax
    assert len([p for p in ax.patches if p.get_gid() == "key_resolutions:albania"]) == len(key)


def test_key_resolutions_needs_its_columns(key):
    with pytest.raises(SchemaError, match="official_yes"):
        pv.plot_key_resolutions(key.drop(columns="official_yes"))


# --- (b) yes-share ----------------------------------------------------------------------------


def test_yes_share_lines_are_the_yearly_summary(record):
    ax = pv.plot_yes_share(record)
    country = _line(ax, "yes_share:country")
    assembly = _line(ax, "yes_share:assembly")
    yearly = yearly_summary(record).set_index("year")
    years = pd.DatetimeIndex(country.get_xdata()).year
    assert years.min() == 1956 and years.max() == 2019
    ys = pd.Series(np.asarray(country.get_ydata(), dtype=float), index=years)
    for year in (1975, 1991, 2005, 2012):
        assert ys[year] == pytest.approx(yearly.loc[year, "country_yes_share"])
    ya = pd.Series(np.asarray(assembly.get_ydata(), dtype=float), index=years)
    assert ya[2012] == pytest.approx(yearly.loc[2012, "assembly_yes_share"])
    # a year without Palestine-related roll calls breaks the line
    assert 1960 not in yearly.index and np.isnan(ys[1960])
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    assert "Albania" in ax.get_title() and "Palestine-related" in ax.get_title()


def test_yes_share_marks_stated_votes(record, mentions):
    ax = pv.plot_yes_share(record, mentions=mentions)
    stars = [c for c in ax.collections if c.get_gid() == "yes_share:mentions"]
    assert len(stars) == 1
    offsets = stars[0].get_offsets()
    assert len(offsets) == 2
    assert sorted(np.asarray(offsets)[:, 1].tolist()) == [0.0, 1.0]  # abstain → 0, yes → 1
    texts = [t.get_text() for t in ax.texts]
    assert "67/19, 29 Nov 2012: abstain" in texts
    assert "2015: yes" in texts


def test_yes_share_without_mentions_has_no_stars(record):
    empty = pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]"), "vote": []})
    ax = pv.plot_yes_share(record, mentions=empty)
    assert not [c for c in ax.collections if c.get_gid() == "yes_share:mentions"]
    assert not ax.texts


def test_yes_share_phase_bands(record):
    phases = rl.cold_war_phases()
    ax = pv.plot_yes_share(record, phases=phases)
    bands = [p for p in ax.patches if str(p.get_gid()).startswith("phase:")]
    assert bands
    lo, hi = ax.get_xlim()
    assert mdates.num2date(lo).year == 1956 and mdates.num2date(hi).year == 2020


def test_yes_share_real_mentions(record, seed):
    mentions = rl.extract_vote_mentions(seed)
    ax = pv.plot_yes_share(record, mentions=mentions)
    dated = mentions["date"].notna() & mentions["vote"].notna()
    stars = [c for c in ax.collections if c.get_gid() == "yes_share:mentions"]
    assert sum(len(s.get_offsets()) for s in stars) == int(dated.sum())


# --- (c) agreement ----------------------------------------------------------------------------


def test_agreement(record):
    ax = pv.plot_agreement(record)
    line = _line(ax, "agreement:country")
    years = pd.DatetimeIndex(line.get_xdata()).year
    values = pd.Series(np.asarray(line.get_ydata(), dtype=float), index=years)
    rows = record[record["year"] == 2012]
    voted = rows["agrees_with_majority"].dropna()
    assert values[2012] == pytest.approx(voted.astype(bool).mean())
    bars = [p for p in ax.patches if p.get_gid() == "agreement:absent"]
    assert len(bars) == len(years)
    absent_2001 = record[record["year"] == 2001]
    expected = (absent_2001["is_member"] & absent_2001["country_vote"].isna()).mean()
    bar = bars[list(years).index(2001)]
    assert bar.get_height() == pytest.approx(expected)
    assert expected > 0.5  # Albania missed most of 2001's Palestine votes


# --- (d) plotly -------------------------------------------------------------------------------


def test_yes_share_figure(record, mentions):
    fig = pv.yes_share_figure(record, mentions=mentions, phases=rl.cold_war_phases())
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == ["Assembly", "Albania", "stated in the article"]
    albania = fig.data[1]
    years = pd.DatetimeIndex(albania.x).year
    i = list(years).index(2012)
    text = albania.text[i]
    assert text.startswith("<b>2012</b>: Albania voted yes")
    assert text.split("<br>")[1] == "67/19 — PALESTINE QUESTION: abstain"  # key resolution first
    assert fig.layout.shapes  # phase rectangles
    assert list(fig.data[2].text) == ["67/19, 29 Nov 2012: abstain", "2015: yes"]


def test_yes_share_figure_escapes_text(record):
    hostile = record.copy()
    i = hostile.index[hostile["resolution"] == "67/19"][0]
    hostile.loc[i, "short"] = "<script>alert(1)</script> & co"
    fig = pv.yes_share_figure(hostile)
    joined = "".join(t for t in fig.data[1].text if t)
    assert "<script>" not in joined
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in joined


def test_yes_share_figure_needs_a_record():
    with pytest.raises(SchemaError, match="voting record"):
        pv.yes_share_figure(pd.DataFrame({"year": [2000]}))


# --- report figures ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["key_resolutions", "yes_share", "agreement"])
def test_report_figures(name):
    caption, build = rl.plots.report_figures()[name]
    assert caption.endswith(".")
    fig = build()
    assert isinstance(fig, Figure)
    assert fig.axes
