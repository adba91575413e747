"""relations_lib.un.alignment and its charts: the measures against hand computations on real roll
calls, edge cases, seats, positions, breaks, and what the charts draw.

The hand computations use the seven roll calls of 1951 (votes read from the vendored data in
``test_the_1951_votes_are_as_written_below``, so a change in the data fails loudly there first).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import relations_lib as rl
from relations_lib.errors import SchemaError, UnknownCountryError
from relations_lib.plots import alignment as plots
from relations_lib.schema import validate_table
from relations_lib.schema.alignment import MEASURES as SCHEMA_MEASURES
from relations_lib.un import alignment as al

# The 1951 roll calls in date order (rcid 292 of 5 December follows 293–295 of 4 December).
RCIDS_1951 = [289, 290, 291, 293, 294, 295, 292]
US_1951 = ["yes", "no", "yes", "yes", "yes", "yes", "yes"]
YU_1951 = ["abstain", "yes", "yes", "no", "no", "abstain", "yes"]
RU_1951 = ["no", "yes", None, "no", "no", "no", "no"]  # absent on 291


@pytest.fixture(scope="module")
def albania_yearly() -> dict[str, pd.DataFrame]:
    return {
        m: pd.concat([al.agreement("AL", p, measure=m) for p in al.GREAT_POWERS])
        for m in ("agreement", "kappa")
    }


def _votes_1951(country: str) -> list[str | None]:
    v = rl.votes()
    mine = v[v["country"] == country].set_index("rcid")["vote"]
    return [None if r not in mine.index else str(mine[r]) for r in RCIDS_1951]


def _row(frame: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy()
    assert mask.sum() == 1, where
    return frame[mask].iloc[0]


def test_the_1951_votes_are_as_written_below():
    rc = rl.roll_calls()
    assert rc.loc[rc["date"].dt.year == 1951, "rcid"].tolist() == RCIDS_1951
    assert _votes_1951("United States") == US_1951
    assert _votes_1951("Yugoslavia") == YU_1951
    assert _votes_1951("Russia") == RU_1951


@pytest.mark.parametrize(
    ("partner", "measure", "n", "expected"),
    [
        # United States v. Yugoslavia, 1951. Codes yes 0, abstain 1, no 2:
        #   US 0 2 0 0 0 0 0 / YU 1 0 0 2 2 1 0 → d = 1 2 0 2 2 1 0, sum 8, n 7.
        #   agreement = 1 − (8/7)/2 = 3/7;  S = 1 − 2·8/(7·2) = −1/7.
        #   kappa: p_US = (6/7, 0, 1/7), p_YU = (3/7, 2/7, 2/7);
        #   D_e = 6/7·(2/7·1 + 2/7·2) + 1/7·(3/7·2 + 2/7·1) = 36/49 + 8/49 = 44/49,
        #   D_o = 8/7 = 56/49 → kappa = 1 − 56/44 = −3/11.
        ("Yugoslavia", "agreement", 7, 3 / 7),
        ("Yugoslavia", "s", 7, -1 / 7),
        ("Yugoslavia", "kappa", 7, -3 / 11),
        # United States v. USSR (Russia in the data), 1951: the USSR was absent on rcid 291,
        # so 6 shared roll calls, opposite on every one (d = 2 each).
        #   agreement 0, S −1; p_US = (5/6, 0, 1/6), p_RU = (1/6, 0, 5/6):
        #   D_e = 5/6·5/6·2 + 1/6·1/6·2 = 52/36, D_o = 2 = 72/36 → kappa = 1 − 72/52 = −5/13.
        ("Soviet Union", "agreement", 6, 0.0),
        ("Soviet Union", "s", 6, -1.0),
        ("Soviet Union", "kappa", 6, -5 / 13),
    ],
)
def test_measures_against_hand_computation(partner, measure, n, expected):
    out = al.agreement("United States", partner, measure=measure)
    row = _row(out, year=1951)
    assert row["n_shared"] == n
    assert row["n_roll_calls"] == 7
    assert row["value"] == pytest.approx(expected)
    assert row["measure"] == measure


def test_s_is_a_linear_transform_of_agreement_on_this_scale():
    a = al.agreement("AL", "US", measure="agreement")["value"]
    s = al.agreement("AL", "US", measure="s")["value"]
    both = a.notna()
    assert both.sum() > 50
    np.testing.assert_allclose(s[both], 2 * a[both] - 1)


def test_private_kernel_hand_cases():
    # yes yes no abstain / yes no no yes → d = 0 2 0 1: agreement 1 − (3/4)/2 = 0.625
    n, value = al._grouped_measure(
        np.array([0, 0, 2, 1]), np.array([0, 2, 2, 0]), np.zeros(4, int), 1, "agreement"
    )
    assert n.tolist() == [4] and value.tolist() == [0.625]
    # kappa: p_a = (1/2, 1/4, 1/4), p_b = (1/2, 0, 1/2); D_e = 1/2·(1/2·2) + 1/4·(1/2·1 +
    # 1/2·1) + 1/4·(1/2·2) = 1, D_o = 3/4 → kappa = 1/4
    _, kappa = al._grouped_measure(
        np.array([0, 0, 2, 1]), np.array([0, 2, 2, 0]), np.zeros(4, int), 1, "kappa"
    )
    assert kappa.tolist() == [pytest.approx(0.25)]
    # both always yes: agreement 1, kappa undefined (chance explains everything)
    _, same = al._grouped_measure(np.zeros(3, int), np.zeros(3, int), np.zeros(3, int), 1, "kappa")
    assert np.isnan(same[0])


def test_no_shared_votes_is_na_with_count_zero():
    # Albania first voted in November 1956: nothing shared with anyone in 1951
    out = al.agreement("Albania", "United States")
    row = _row(out, year=1951)
    assert row["n_shared"] == 0 and pd.isna(row["value"])
    assert pd.isna(row["country_states"]) and pd.isna(row["partner_states"])
    # the phase before Albania's admission: a row, NA, 0
    phases = al.agreement("Albania", "United States", by="phase")
    first = phases.iloc[0]
    assert first["phase"] == "Yugoslav tutelage" and first["n_shared"] == 0
    assert pd.isna(first["value"])


def test_rows_are_in_a_stated_order_and_validate():
    for by, key in (("year", "year"), ("session", "session")):
        out = al.agreement("AL", "US", by=by, measure="kappa")
        assert out[key].is_monotonic_increasing and out[key].is_unique
        validate_table("agreement", out)
    years = al.agreement("AL", "US")["year"].tolist()
    assert 1964 not in years  # no roll call that year (the 19th session's crisis)
    assert years[0] == 1946 and years[-1] == 2020
    by_phase = al.agreement("AL", "US", by="phase")
    assert by_phase["phase"].tolist() == list(by_phase["phase"].cat.categories)
    assert by_phase["start"].is_monotonic_increasing
    validate_table("agreement", by_phase)
    # the shared counts of the phases add up to those of the years (every vote has a phase)
    assert by_phase["n_shared"].sum() == al.agreement("AL", "US")["n_shared"].sum()
    assert list(SCHEMA_MEASURES) == list(al.MEASURES)


def test_chinas_seat_is_resolved_by_date():
    out = al.agreement("Albania", "China's seat")
    assert _row(out, year=1970)["partner_states"] == "Taiwan"
    assert _row(out, year=1971)["partner_states"] == "Taiwan;China"
    assert _row(out, year=1972)["partner_states"] == "China"
    # 1971: the shared roll calls are Albania's with Taiwan before 25 October plus those with
    # China after, counted here from the votes table
    v = rl.votes().merge(rl.roll_calls()[["rcid", "date"]], on="rcid")
    v = v[v["date"].dt.year == 1971]
    albania = set(v.loc[v["country"] == "Albania", "rcid"])
    cut = pd.Timestamp("1971-10-25")
    roc = set(v.loc[(v["country"] == "Taiwan") & (v["date"] < cut), "rcid"])
    prc = set(v.loc[(v["country"] == "China") & (v["date"] >= cut), "rcid"])
    assert _row(out, year=1971)["n_shared"] == len(albania & (roc | prc))
    # "China" alone is the People's Republic: no shared votes before November 1971
    prc_only = al.agreement("Albania", "China")
    assert _row(prc_only, year=1970)["n_shared"] == 0


def test_states_resolve_and_palestine_has_no_votes(seed):
    assert al.resolve_state("AL").label == "Albania"
    assert al.resolve_state(seed.countries[0]).label == "Albania"
    assert al.resolve_state("USSR").segments[0][0] == "Russia"
    assert al.resolve_state("majority").is_majority
    with pytest.raises(UnknownCountryError):
        al.agreement("Albania", seed.countries[1])  # Palestine: an observer, never a voter
    span = al.voting_span(seed.countries)
    assert span["n_votes"].tolist()[1] == 0 and span["state"].isna().tolist() == [False, True]
    assert span.loc[0, "first_vote"] == pd.Timestamp("1956-11-01")
    validate_table("voting_span", span)


def test_unknown_measure_and_grouping_are_typed():
    with pytest.raises(al.UnknownMeasureError, match="agreement"):
        al.agreement("AL", "US", measure="tau-b")
    with pytest.raises(al.UnknownMeasureError, match="session"):
        al.agreement("AL", "US", by="decade")


def test_majority_against_the_voting_record():
    # an independent path: the voting record's majority_vote, scored with pandas
    record = rl.voting_record("AL", issue="me")
    score = {"yes": 0, "abstain": 1, "no": 2}
    both = record["country_vote"].notna() & record["majority_vote"].notna()
    d = (
        record.loc[both, "country_vote"].astype(str).map(score)
        - record.loc[both, "majority_vote"].astype(str).map(score)
    ).abs()
    expected = (1 - d / 2).groupby(record.loc[both, "year"]).agg(["mean", "size"])
    out = al.agreement_with_majority("AL", issue="me").set_index("year")
    for year, row in expected.iterrows():
        assert out.loc[year, "n_shared"] == row["size"]
        assert out.loc[year, "value"] == pytest.approx(row["mean"])
    assert set(out["partner"]) == {al.MAJORITY}


def test_pairwise_agrees_with_the_pair_function():
    pairs = al.pairwise_agreement(6, measure="kappa")  # the sixth session: 1951–52
    validate_table("agreement", pairs)
    assert (pairs["country"] < pairs["partner"]).all()
    keys = list(zip(pairs["country"], pairs["partner"], strict=True))
    assert keys == sorted(keys)
    for a, b in (("Russia", "United States"), ("United States", "Yugoslavia")):
        a, b = sorted((a, b))
        # pairwise_agreement names the data's series ("Russia" holds the USSR's votes); the
        # registry's "Russia" starts on 24 December 1991, so ask for the whole series by its seat
        series = {"Russia": "USSR/Russia"}
        one = _row(
            al.agreement(series.get(a, a), series.get(b, b), by="session", measure="kappa"),
            session=6,
        )
        mine = _row(pairs, country=a, partner=b)
        assert mine["n_shared"] == one["n_shared"]
        assert mine["value"] == pytest.approx(one["value"])
    n = pairs["country"].nunique() + 1
    assert len(pairs) == n * (n - 1) // 2


def test_session_positions():
    pos = al.session_positions([6, 45])
    validate_table("session_positions", pos)
    assert pos["session"].unique().tolist() == [6, 45]
    for _, part in pos.groupby("session"):
        us = part.loc[part["country"] == "United States", "position"].iloc[0]
        assert us > 0  # the stated sign rule
        assert part["position"].mean() == pytest.approx(0, abs=1e-9)
        assert part["position"].std(ddof=0) == pytest.approx(1)
        assert (part["n_votes"] >= 10).all()
    six = pos[pos["session"] == 6].set_index("country")["position"]
    assert six["Russia"] < 0 < six["United Kingdom"]


def test_breaks_on_a_made_series():
    # 1950–1969: level 0.2 for ten years, 0.8 for ten; one break, at 1960
    years = np.arange(1950, 1970)
    values = np.where(years < 1960, 0.2, 0.8) + np.tile([0.01, -0.01], 10)
    yearly = pd.DataFrame(
        {"partner": "X", "year": years, "n_shared": 50, "value": values, "measure": "agreement"}
    )
    found = al.detect_breaks(yearly)
    validate_table("breaks", found)
    assert found["year"].tolist() == [1960]
    assert found.loc[0, "before"] == pytest.approx(0.2) and found.loc[0, "after"] == pytest.approx(
        0.8
    )
    # years on few roll calls are left out: a lone spike on 3 roll calls moves nothing
    spiked = yearly.copy()
    spiked.loc[5, ["value", "n_shared"]] = [0.9, 3]
    assert al.detect_breaks(spiked)["year"].tolist() == [1960]
    phases = pd.DataFrame(
        {
            "track": pd.Categorical(["t", "t", "t"], ordered=True),
            "phase": pd.Categorical(["A", "B", "C"], categories=["A", "B", "C"], ordered=True),
            "start": pd.to_datetime(["1940-01-01", "1959-07-02", "1965-01-01"]),
            "end": pd.to_datetime(["1959-07-02", "1965-01-01", None]),
        }
    )
    comparison = al.compare_breaks(found, phases, track="t", yearly=yearly)
    validate_table("break_comparison", comparison)
    a_b = _row(comparison, boundary="A → B")
    assert a_b["status"] == "matched" and a_b["detected_year"] == 1960
    # 1960-01-01 minus 1959-07-02: 183 days
    assert a_b["gap_years"] == pytest.approx(183 / 365.25)
    assert _row(comparison, boundary="B → C")["status"] == "not detected"


def test_albanias_breaks_with_the_prc_and_the_seat_change(albania_yearly):
    yearly = albania_yearly["kappa"]
    comparison = al.compare_breaks(al.detect_breaks(yearly), yearly=yearly)
    validate_table("break_comparison", comparison)
    china = comparison[comparison["partner"] == "China's seat"]
    aid_cut = _row(china, boundary="Chinese alliance → Self-reliance")
    assert aid_cut["status"] == "matched" and aid_cut["detected_year"] == 1979
    assert aid_cut["before"] > 0.8 and aid_cut["after"] < 0.1
    seat = _row(china, boundary_kind="seat")
    assert seat["boundary"] == "Taiwan → China (seat)" and seat["status"] == "matched"
    partners = comparison["partner"].tolist()
    assert partners == sorted(partners, key=list(al.GREAT_POWERS).index)


def test_yearly_chart_draws_the_frame(albania_yearly):
    yearly = albania_yearly["agreement"]
    ax = plots.plot_agreement_by_year(yearly, phases=rl.cold_war_phases())
    points = plots.yearly_points(yearly)
    for partner in al.GREAT_POWERS:
        line = next(x for x in ax.lines if x.get_gid() == f"agreement:{partner}")
        mine = points[points["partner"] == partner]
        np.testing.assert_allclose(line.get_ydata(), mine["line"].to_numpy(), equal_nan=True)
        few = next(x for x in ax.lines if x.get_gid() == f"agreement-few:{partner}")
        expected_few = yearly[
            (yearly["partner"] == partner) & yearly["value"].notna() & (yearly["n_shared"] < 10)
        ]
        assert len(few.get_ydata()) == len(expected_few)
        counts = next(x for x in ax.counts_ax.lines if x.get_gid() == f"shared:{partner}")
        assert (
            counts.get_ydata().sum()
            == yearly.loc[
                (yearly["partner"] == partner) & (yearly["year"] >= mine["year"].min()), "n_shared"
            ].sum()
        )
    assert "agreement" in ax.get_ylabel()
    assert plots.seat_changes(yearly) == [("China's seat", 1971, "Taiwan → China")]
    assert any(p.get_gid() == "phase:Chinese alliance" for p in ax.patches)
    plt.close(ax.figure)


def test_interactive_chart(albania_yearly):
    yearly = albania_yearly["kappa"]
    fig = plots.agreement_figure(yearly, phases=rl.cold_war_phases())
    names = [t.name for t in fig.data]
    assert names[:2] == ["United States", "United States: roll calls"]
    us = fig.data[0]
    points = plots.yearly_points(yearly)
    assert len(us.y) == (points["partner"] == "United States").sum()
    assert "kappa" in fig.layout.yaxis.title.text
    assert any("votes of: Taiwan;China" in t for t in fig.data[4].text)


def test_heatmap_and_breaks_charts(albania_yearly):
    by_phase = pd.concat(
        [al.agreement("AL", p, by="phase", measure="kappa") for p in al.GREAT_POWERS]
    )
    grid = plots.phase_grid(by_phase)
    assert list(grid.columns) == list(al.GREAT_POWERS)
    assert grid.index[0] == "Yugoslav tutelage" and np.isnan(grid.iloc[0]).all()
    expected = _row(by_phase, phase="Soviet alignment", partner="USSR/Russia")
    assert grid.loc["Soviet alignment", "USSR/Russia"] == expected["value"]
    ax = plots.plot_phase_heatmap(by_phase)
    texts = [t.get_text() for t in ax.texts]
    assert f"{expected['value']:.2f}\nn={expected['n_shared']}" in texts
    assert any("(Taiwan + China)" in t for t in texts)  # the Chinese alliance spans the seat
    plt.close(ax.figure)

    yearly = albania_yearly["kappa"]
    comparison = al.compare_breaks(al.detect_breaks(yearly), yearly=yearly)
    axes = plots.plot_breaks(yearly, comparison, phases=rl.cold_war_phases())
    assert len(axes) == 3
    china = axes[2]
    gids = {line.get_gid() for line in china.lines}
    assert "detected:China's seat:1979" in gids
    assert "sourced:China's seat:Chinese alliance → Self-reliance" in gids
    plt.close(axes[0].figure)
    with pytest.raises(SchemaError):
        plots.plot_breaks(yearly, comparison.drop(columns="status"))


def test_agreement_over_pools_the_roll_calls_of_the_years():
    periods = {"1955–1960": (1955, 1960), "1962–1977": (1962, 1977)}
    pooled = al.agreement_over("AL", "Soviet Union", periods)
    validate_table("agreement", pooled)
    assert pooled["period"].tolist() == list(periods)
    yearly = al.agreement("AL", "Soviet Union")
    for (first, last), row in zip(periods.values(), pooled.itertuples(), strict=True):
        years = yearly[(yearly["year"] >= first) & (yearly["year"] <= last)]
        assert row.n_shared == years["n_shared"].sum()
        assert row.n_roll_calls == years["n_roll_calls"].sum()
        shared = years[years["n_shared"] > 0]
        # the pooled share is the yearly shares weighted by their shared roll calls
        weighted = (shared["value"] * shared["n_shared"]).sum() / shared["n_shared"].sum()
        assert row.value == pytest.approx(weighted)
