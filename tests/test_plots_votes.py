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
    return rl.key_resolutions(country="AL")


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
    # stacking order yes | no | abstain: the order of the tally written beside each bar
    i = key.index[key["resolution"] == "67/19"][0]
    assert containers["no"][i].get_x() == 138
    assert containers["abstain"][i].get_x() == 138 + 9
    assert [c.get_label() for c in ax.containers] == ["yes", "no", "abstain"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[i].startswith("67/19 (2012)")
    assert all(f"({y})" in lab for y, lab in zip(key["year"], labels, strict=True))
    # every subject is shown whole (wrapped over lines, never cut)
    for subject, label in zip(key["subject"], labels, strict=True):
        shown = " ".join(label.split("\n")[1:])
        assert shown == " ".join(str(subject).split())
        assert "…" not in label
    assert ax.get_figure(root=True).get_layout_engine().__class__.__name__ == (
        "ConstrainedLayoutEngine"
    )


def test_key_resolutions_marks_the_countrys_vote(key):
    ax = pv.plot_key_resolutions(key)
    marks = [p for p in ax.patches if p.get_gid() == "key_resolutions:country"]
    assert len(marks) == len(key) == 12
    i = key.index[key["resolution"] == "67/19"][0]
    mark = min(marks, key=lambda p: abs(p.get_y() + p.get_height() / 2 - i))
    assert (mark.get_x(), mark.get_width()) == (138 + 9, 41)  # the abstain segment
    texts = [t.get_text() for t in ax.texts]
    assert "138–9–41 · Albania: abstain" in texts
    assert "119–8–45 · Albania: yes · Voeten 119–8–44" in texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["yes", "no", "abstain", "Albania's vote"]


def test_key_resolutions_for_another_country():
    """Ireland's votes (Voeten's data): outlined where it voted, "n/a" after 2020."""
    key = rl.key_resolutions(country="Ireland")
    ax = pv.plot_key_resolutions(key)
    marks = [p for p in ax.patches if p.get_gid() == "key_resolutions:country"]
    assert len(marks) == int(key["country_vote"].notna().sum()) == 8
    texts = [t.get_text() for t in ax.texts]
    assert "138–9–41 · Ireland: yes" in texts
    assert any(t.endswith("Ireland: n/a") for t in texts)
    assert "Ireland's vote" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert not any("Albania" in t for t in texts)


def test_key_resolutions_given_axes_and_no_country(key):
    _, ax = plt.subplots()
    assert pv.plot_key_resolutions(key, ax=ax) is ax
    assert len([p for p in ax.patches if p.get_gid() == "key_resolutions:country"]) == len(key)
    bare = pv.plot_key_resolutions(rl.key_resolutions())
    assert not [p for p in bare.patches if p.get_gid() == "key_resolutions:country"]
    assert [t.get_text() for t in bare.get_legend().get_texts()] == ["yes", "no", "abstain"]


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
    assert "Albania" in ax.get_title() and "Palestinian conflict" in ax.get_title()
    assert ax.get_ylabel() == "share of votes cast that were yes"


def test_years_with_few_roll_calls_show_their_count(record):
    """1956: one Palestine-related roll call; its 100 % is labelled n=1."""
    yearly = yearly_summary(record).set_index("year")
    few = yearly[(yearly["roll_calls"] < pv.FEW_ROLL_CALLS) & yearly["votes_cast"].gt(0)]
    assert 1956 in few.index and yearly.loc[1956, "roll_calls"] == 1
    for plot, gid, column in (
        (pv.plot_yes_share, "yes_share:few", "country_yes_share"),
        (pv.plot_agreement, "agreement:few", "agreement"),
    ):
        ax = plot(record)
        notes = {
            mdates.num2date(t.xy[0]).year: t.get_text() for t in ax.texts if t.get_gid() == gid
        }
        expected = {
            int(y): f"n={int(n)}"
            for y, n, v in zip(few.index, few["roll_calls"], few[column], strict=True)
            if pd.notna(v)
        }
        assert notes == expected
    fig = pv.yes_share_figure(record)
    (trace,) = [t for t in fig.data if t.name == "roll calls (few)"]
    assert list(trace.text) == [
        f"n={int(n)}" for n in few.loc[few["country_yes_share"].notna(), "roll_calls"]
    ]


def test_share_axes_name_their_measure(record):
    assert pv.plot_agreement(record).get_ylabel() == (
        "share of votes with the majority (line)\nshare of roll calls missed (bars)"
    )
    fig = pv.yes_share_figure(record)
    assert fig.layout.yaxis.title.text == "share of votes cast that were yes"


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
    assert all(t.get_gid() == "yes_share:few" for t in ax.texts)  # no vote labels


def test_yes_share_phase_bands(record):
    phases = rl.cold_war_phases()
    ax = pv.plot_yes_share(record, phases=phases)
    bands = [p for p in ax.patches if str(p.get_gid()).startswith("phase:")]
    assert bands
    # the record's country has a national track: its phases are the ones shaded
    albania = set(phases.loc[phases["track"] == "albania", "phase"].astype(str))
    assert {str(b.get_gid()).split(":", 1)[1] for b in bands} <= albania
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


def test_another_countrys_chart_gets_its_own_phases_and_name():
    """Greece has no national track: the global one, and its name everywhere."""
    greece = rl.voting_record("GR", issue="me")
    phases = rl.cold_war_phases()
    ax = pv.plot_yes_share(greece, phases=phases)
    bands = {
        str(p.get_gid()).split(":", 1)[1]
        for p in ax.patches
        if str(p.get_gid()).startswith("phase:")
    }
    assert bands <= set(phases.loc[phases["track"] == "global", "phase"].astype(str))
    assert "Greece" in ax.get_title()
    cuba = rl.unvotes.record_concerning("CU", "Soviet Union")
    ax = pv.plot_agreement(cuba, phases=phases)
    bands = {
        str(p.get_gid()).split(":", 1)[1]
        for p in ax.patches
        if str(p.get_gid()).startswith("phase:")
    }
    assert bands <= set(phases.loc[phases["track"] == "cuba", "phase"].astype(str))
    assert ax.get_title() == (
        "Cuba's agreement with the General Assembly majority, roll calls concerning Soviet Union"
    )


# --- (d) plotly -------------------------------------------------------------------------------


def test_yes_share_figure(record, mentions):
    fig = pv.yes_share_figure(record, mentions=mentions, phases=rl.cold_war_phases())
    assert isinstance(fig, go.Figure)
    assert [t.name for t in fig.data] == [
        "Assembly",
        "Albania",
        "roll calls (few)",
        "stated in the article",
    ]
    albania = fig.data[1]
    years = pd.DatetimeIndex(albania.x).year
    i = list(years).index(2012)
    text = albania.text[i]
    assert text.startswith("<b>2012</b>: Albania voted yes")
    assert text.split("<br>")[1] == "67/19 — PALESTINE QUESTION: abstain"  # key resolution first
    assert fig.layout.shapes  # phase rectangles
    assert list(fig.data[3].text) == ["67/19, 29 Nov 2012: abstain", "2015: yes"]


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


def test_yes_share_draws_only_the_records_own_stated_votes():
    # The article states both countries' votes; Chile's chart must not show Peru's.
    article = rl.parse_article(
        "= Chile–Peru relations =\n\n"
        "On 10 November 1975, Chile abstained on resolution 3379, "
        "and Peru voted in favour of it.\n",
        source="t.txt",
    )
    mentions = rl.extract_vote_mentions(article)
    assert set(mentions["country_code"]) == {"CHL", "PER"}
    ax = pv.plot_yes_share(rl.voting_record("CL"), mentions=mentions)
    stars = [c for c in ax.collections if c.get_gid() == "yes_share:mentions"]
    assert len(stars) == 1 and len(stars[0].get_offsets()) == 1
    assert stars[0].get_offsets()[0][1] == 0.0  # Chile's abstention, not Peru's yes
