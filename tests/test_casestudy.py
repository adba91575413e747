"""relations_lib.casestudy: an article as a study of its pair, and the report's figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from conftest import REPO
from matplotlib.figure import Figure

import relations_lib as rl
from relations_lib import casestudy

REAL = REPO / "tests/fixtures/real/articles"
SEED_FIGURES = {
    "milestones",
    "goldstein",
    "phases_timeline",
    "events_by_phase",
    "goldstein_by_phase",
    "key_resolutions",
    "yes_share",
    "agreement",
    "alignment_great_powers",
    "alignment_phase_heatmap",
    "alignment_breaks",
    "yes_share_by_phase",
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def seed_study() -> casestudy.Study:
    return casestudy.study()


def test_the_seed_is_the_default_study(seed_study):
    assert seed_study.title == "Albania–Palestine relations"
    assert seed_study.tracks == ["albania", "palestine", "global"]
    assert seed_study.national_tracks == ["albania", "palestine"]
    # Albania votes; Palestine, not a member, has no record
    assert list(seed_study.records) == ["Albania"]
    record = seed_study.record
    assert record.attrs["concerning"] == "Palestine"
    assert record["rcid"].tolist() == rl.voting_record("AL", issue="me")["rcid"].tolist()
    assert seed_study.key is not None and seed_study.key.attrs["country"] == "Albania"
    assert {"phase_albania", "phase_palestine", "phase_global", "date_anchor"} <= set(
        seed_study.events.columns
    )


def test_a_cold_war_pair(tmp_path):
    s = casestudy.study(REAL / "cuba_soviet_union_relations.txt")
    assert s.title == "Cuba–Soviet Union relations"
    assert s.tracks == ["cuba", "soviet_union", "global"]
    assert "Cuba" in s.records
    assert s.records["Cuba"].attrs["concerning"] == "Soviet Union"
    assert s.key is None  # not a pair about the Palestine question
    figures = casestudy.report_figures(s)
    assert "key_resolutions" not in figures
    assert all("Albania" not in caption for caption, _ in figures.values())
    assert "Cuba–Soviet Union relations" in figures["milestones"][0]


def test_a_palestine_pair():
    s = casestudy.study(REAL / "ireland_palestine_relations.txt")
    assert s.tracks == ["palestine", "global"]
    assert list(s.records) == ["Ireland"]
    assert s.key.attrs["country"] == "Ireland"
    assert s.national_tracks == ["palestine"]


def test_report_figures_of_the_seed(seed_study):
    figures = casestudy.report_figures(seed_study)
    assert set(figures) == SEED_FIGURES
    for name, (caption, build) in figures.items():
        assert caption.endswith("."), name
        fig = build()
        assert isinstance(fig, Figure), name
        assert plt.fignum_exists(fig.number) is False  # left pyplot: the report owns it
        assert fig.axes and all(ax.has_data() for ax in fig.axes), name
    assert "Albania–Palestine relations" in figures["milestones"][0]


def test_plots_do_not_read_articles():
    """Frames in, figures out: no chart module calls what loads or parses an article, nor
    imports the modules that do (its docstring examples may)."""
    import ast

    readers = {"load_seed", "read_article", "parse_article", "extract_events",
               "extract_vote_mentions", "read_corpus", "study", "report_figures"}  # fmt: skip
    for module in ("milestones", "timeline", "timeline_plotly", "timeline_data", "label_placement",
                   "goldstein", "phases", "votes", "alignment", "_labels"):  # fmt: skip
        tree = ast.parse((REPO / "relations_lib" / "plots" / f"{module}.py").read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                assert name not in readers, (module, name, node.lineno)
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[-1] not in {
                    "article",
                    "events",
                    "vote_mentions_reader",
                    "casestudy",
                    "corpus",
                }, (module, node.module)


@pytest.mark.parametrize("slug", ["cuba_soviet_union_relations", "ireland_palestine_relations"])
def test_no_chart_of_another_pair_says_albania(slug):
    """Every text drawn on every report figure of another article: titles, labels, legends,
    ticks, phase names. None names Albania (the seed's country), and each names the pair."""
    from matplotlib.text import Text

    s = casestudy.study(REAL / f"{slug}.txt")
    seen = []
    for name, (_, build) in casestudy.report_figures(s).items():
        fig = build()
        fig.canvas.draw()
        texts = [t.get_text() for t in fig.findobj(Text)]
        assert not [t for t in texts if "Albania" in t], name
        seen.extend(texts)
    first = s.countries[0].name
    assert any(first in t for t in seen)
    # and the interactive charts the notebooks show
    track = s.national_tracks[0]
    plotly = [rl.plots.milestones_figure(s.events, phases=s.phases, track=track, title=s.title)]
    if s.record is not None:
        plotly.append(rl.plots.yes_share_figure(s.record, mentions=s.mentions, phases=s.phases))
    for fig in plotly:
        layout = fig.layout.to_plotly_json()
        assert "Albania" not in str(layout)
        assert "Albania" not in " ".join(str(t.name) for t in fig.data)
