"""The public API as a contract: every public function, called with a wrongly typed or
out-of-range argument, raises one of the package's own errors that names the parameter and
what it accepts — never a bare traceback from deep inside pandas or numpy. Also: every error
class the package raises is in ``relations_lib.errors.__all__``; ``dir()`` of each public
namespace is its public API; a Study's repr is short.

The table ``WRONG`` has one row per wrong call; ``test_every_public_function_is_in_the_table``
keeps it complete: a public function added without a row fails it.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import REPO

import relations_lib as rl
from relations_lib import errors

SEED = REPO / "seeds" / "albania_palestine_relations.txt"
MISSING = "no/such/article.txt"
PACKAGE = Path(rl.__file__).resolve().parent

#: The namespaces whose functions the table covers (rl itself, then its data sub-namespaces).
NAMESPACES = {
    "": rl,
    "alignment.": rl.alignment,
    "casestudy.": rl.casestudy,
    "gazetteer.": rl.gazetteer,
    "unvotes.": rl.unvotes,
    "phases.": rl.phases,
    "plots.": rl.plots,
}
#: Functions without a row, and why.
NOT_IN_TABLE = {
    "load_seed": "takes no argument",
    "roll_calls": "takes no argument",
    "votes": "takes no argument",
    "roll_call_issues": "takes no argument",
    "unvotes.resolution_key": "takes any object by design (None for what is no symbol)",
    "unvotes.resolution_symbol": "takes any object by design (None for what is no symbol)",
}

T, V = rl.ArgumentTypeError, rl.ArgumentValueError


@dataclass(frozen=True)
class Wrong:
    """One wrong call: ``call(ctx)`` must raise ``error`` whose message contains ``names``
    (by default ``"<parameter> must be"``); for an ArgumentError, ``parameter`` is its
    ``.parameter`` (None: the error does not set it)."""

    function: str
    parameter: str | None
    call: Callable[[SimpleNamespace], object]
    error: type[Exception] = T
    names: str | None = None

    @property
    def id(self) -> str:
        return f"{self.function}-{self.parameter}-{self.error.__name__}"


WRONG: list[Wrong] = [
    # reading articles
    Wrong("read_article", "path", lambda c: rl.read_article(None)),
    Wrong("read_article", "path", lambda c: rl.read_article([str(SEED)])),
    Wrong("read_article", "path", lambda c: rl.read_article(MISSING), rl.ArticleFileError, MISSING),
    Wrong("read_article", "max_bytes", lambda c: rl.read_article(SEED, max_bytes="10M")),
    Wrong("read_article", "max_bytes", lambda c: rl.read_article(SEED, max_bytes=0), V),
    Wrong("parse_article", "text", lambda c: rl.parse_article(5)),
    Wrong("parse_article", "text", lambda c: rl.parse_article(None)),
    Wrong("parse_article", "text", lambda c: rl.parse_article(b"= A-B relations =\n")),
    Wrong("parse_article", "source", lambda c: rl.parse_article("A–B relations\n", source=5)),
    Wrong("resolve_country", "name_or_code", lambda c: rl.resolve_country(None)),
    Wrong("resolve_country", "name_or_code", lambda c: rl.resolve_country(["AL"])),
    Wrong("resolve_country", "fuzzy", lambda c: rl.resolve_country("AL", fuzzy="no")),
    Wrong("resolve_country", "adjectives", lambda c: rl.resolve_country("AL", adjectives=1)),
    Wrong("resolve_country", "scheme", lambda c: rl.resolve_country("AL", scheme="iso"), V),
    Wrong("resolve_country", "on", lambda c: rl.resolve_country("AL", on=1990), T, "on must be"),
    Wrong("lookup_country", "name", lambda c: rl.lookup_country(None)),
    Wrong("lookup_many", "names", lambda c: rl.lookup_many("Albania")),
    Wrong("lookup_many", "errors", lambda c: rl.lookup_many(["Albania"], errors="ignore"), V),
    Wrong("find_dates", "text", lambda c: rl.find_dates(None)),
    Wrong("find_dates", "text", lambda c: rl.find_dates(["in 1990"])),
    Wrong("find_dates", "start", lambda c: rl.find_dates("in 1990", start="0")),
    Wrong("find_dates", "end", lambda c: rl.find_dates("in 1990", end=2.5)),
    # coding
    Wrong("extract_events", "article", lambda c: rl.extract_events(None), T, "expected an Article"),
    Wrong("extract_events", "article", lambda c: rl.extract_events(42), T, "got int"),
    Wrong(
        "extract_events", None, lambda c: rl.extract_events(MISSING), rl.ArticleFileError, MISSING
    ),
    Wrong("unmatched", "article", lambda c: rl.unmatched([str(SEED)]), T, "got list"),
    Wrong("extract_vote_mentions", "article", lambda c: rl.extract_vote_mentions(b"x"), T, "bytes"),
    Wrong("find_restatements", "events", lambda c: rl.find_restatements(None)),
    Wrong("find_restatements", "events", lambda c: rl.find_restatements(["e1"])),
    Wrong("find_restatements", "level", lambda c: rl.find_restatements(c.events, level="x"), V),
    Wrong("drop_restatements", "events", lambda c: rl.drop_restatements(None)),
    Wrong("drop_restatements", "restatements", lambda c: rl.drop_restatements(c.events, "no")),
    # votes
    Wrong("voting_record", "country", lambda c: rl.voting_record(None)),
    Wrong("voting_record", "country", lambda c: rl.voting_record(["Albania"])),
    Wrong("voting_record", "issue", lambda c: rl.voting_record("Albania", issue=5)),
    Wrong("voting_record", "issue", lambda c: rl.voting_record("Albania", issue=["me", 5])),
    Wrong("voting_record", "successors", lambda c: rl.voting_record("Albania", successors="no")),
    Wrong(
        "voting_record",
        None,
        lambda c: rl.voting_record("Albania", issue="zz"),
        rl.UnknownIssueError,
        "unknown issue code(s) ['zz']",
    ),
    Wrong("record_concerning", "country", lambda c: rl.record_concerning(None, "Cuba")),
    Wrong("record_concerning", "other", lambda c: rl.record_concerning("Cuba", ["USSR"])),
    Wrong("key_resolutions", "country", lambda c: rl.key_resolutions(["AL"])),
    Wrong("record_by_decade", "record", lambda c: rl.record_by_decade(None)),
    Wrong("record_by_decade", "record", lambda c: rl.record_by_decade(c.events), V, "missing:"),
    Wrong("yearly_summary", "record", lambda c: rl.yearly_summary("AL")),
    Wrong("compare_vote_mentions", "mentions", lambda c: rl.compare_vote_mentions(None)),
    Wrong("compare_vote_mentions", "mentions", lambda c: rl.compare_vote_mentions(c.events), V),
    Wrong("unvotes.issues_concerning", "country", lambda c: rl.unvotes.issues_concerning(None)),
    # alignment
    Wrong("agreement", "a", lambda c: rl.agreement(None, "US")),
    Wrong("agreement", "b", lambda c: rl.agreement("AL", 2.5)),
    Wrong("agreement", "by", lambda c: rl.agreement("AL", "US", by=1)),
    Wrong(
        "agreement",
        None,
        lambda c: rl.agreement("AL", "US", by="decade"),
        rl.UnknownMeasureError,
        "by='decade'",
    ),
    Wrong(
        "agreement",
        None,
        lambda c: rl.agreement("AL", "US", measure="x"),
        rl.UnknownMeasureError,
        "unknown measure 'x'",
    ),
    Wrong("agreement", "issue", lambda c: rl.agreement("AL", "US", issue=5)),
    Wrong("agreement", "phases", lambda c: rl.agreement("AL", "US", phases="global")),
    Wrong("agreement", "track", lambda c: rl.agreement("AL", "US", by="phase", track=5)),
    Wrong("agreement_with_majority", "country", lambda c: rl.agreement_with_majority(None)),
    Wrong("agreement_over", "periods", lambda c: rl.agreement_over("AL", "US", None)),
    Wrong("agreement_over", "periods", lambda c: rl.agreement_over("AL", "US", {"a": "1990"})),
    Wrong("pairwise_agreement", "session", lambda c: rl.pairwise_agreement("30")),
    Wrong("pairwise_agreement", "session", lambda c: rl.pairwise_agreement(0), V),
    Wrong("session_positions", "sessions", lambda c: rl.session_positions("30")),
    Wrong("session_positions", "sessions", lambda c: rl.session_positions([30, "31"]), T, "at [1]"),
    Wrong("session_positions", "min_votes", lambda c: rl.session_positions(30, min_votes="10")),
    Wrong("detect_breaks", "yearly", lambda c: rl.detect_breaks(None)),
    Wrong("detect_breaks", "min_size", lambda c: rl.detect_breaks(c.events, min_size="3")),
    Wrong("detect_breaks", "penalty", lambda c: rl.detect_breaks(c.events, penalty=-1.0), V),
    Wrong("compare_breaks", "detected", lambda c: rl.compare_breaks(None)),
    Wrong("compare_breaks", "max_gap", lambda c: rl.compare_breaks(c.events, max_gap="3")),
    Wrong("voting_span", "countries", lambda c: rl.voting_span("AL")),
    Wrong("voting_span", "countries", lambda c: rl.voting_span(None)),
    Wrong("alignment.resolve_state", "country", lambda c: rl.alignment.resolve_state(None)),
    # phases
    Wrong("cold_war_phases", "path", lambda c: rl.cold_war_phases(1948)),
    Wrong("cold_war_phases", "path", lambda c: rl.cold_war_phases(["phases.csv"])),
    Wrong("cold_war_phases", None, lambda c: rl.cold_war_phases("albania"), V, "track name"),
    Wrong(
        "cold_war_phases",
        None,
        lambda c: rl.cold_war_phases(MISSING),
        rl.ReferenceDataError,
        MISSING,
    ),
    Wrong("assign_phase", "frame", lambda c: rl.assign_phase(["1990"], "global")),
    Wrong("assign_phase", "track", lambda c: rl.assign_phase(c.events, 2.5)),
    Wrong("assign_phase", "anchors", lambda c: rl.assign_phase(c.events, "global", anchors="no")),
    Wrong(
        "assign_phase",
        None,
        lambda c: rl.assign_phase(c.events, "nowhere"),
        rl.UnknownTrackError,
        "unknown track 'nowhere'",
    ),
    Wrong("assign_phases", "frame", lambda c: rl.assign_phases(None)),
    Wrong("assign_phases", "tracks", lambda c: rl.assign_phases(c.events, "albania")),
    Wrong("assign_phases", "phases", lambda c: rl.assign_phases(c.events, phases="x")),
    Wrong("pair_tracks", "countries", lambda c: rl.pair_tracks(None)),
    Wrong("pair_tracks", "countries", lambda c: rl.pair_tracks("AL")),
    Wrong("phases.phase_dtype", "track", lambda c: rl.phases.phase_dtype(5)),
    Wrong("phases.phase_tracks", "path", lambda c: rl.phases.phase_tracks(5)),
    Wrong("phases.track_of", "country", lambda c: rl.phases.track_of(None)),
    Wrong("phases.track_title", "track", lambda c: rl.phases.track_title(None)),
    Wrong("phases.resolve_track", "track", lambda c: rl.phases.resolve_track(None)),
    Wrong("phases.tracks", "phases", lambda c: rl.phases.tracks("global")),
    Wrong("gazetteer.historical_events", "path", lambda c: rl.gazetteer.historical_events(5)),
    Wrong("gazetteer.find_anchors", "text", lambda c: rl.gazetteer.find_anchors(None)),
    Wrong("gazetteer.narrow", "anchors", lambda c: rl.gazetteer.narrow(None, c.day, c.day)),
    Wrong("gazetteer.narrow", "earliest", lambda c: rl.gazetteer.narrow([], "1990", c.day)),
    # many articles
    Wrong("read_corpus", "paths_or_dir", lambda c: rl.read_corpus(None)),
    Wrong("read_corpus", "max_bytes", lambda c: rl.read_corpus(SEED, max_bytes="1")),
    Wrong("extract_events_many", "paths_or_dir_or_articles", lambda c: rl.extract_events_many(5)),
    Wrong("extract_events_many", "engine", lambda c: rl.extract_events_many(SEED, engine="x"), V),
    Wrong("extract_events_many", "progress", lambda c: rl.extract_events_many(SEED, progress=1)),
    Wrong("run_corpus", "inputs", lambda c: rl.run_corpus(None, c.out)),
    Wrong("run_corpus", "inputs", lambda c: rl.run_corpus([c.seed], c.out), T, "Article at [0]"),
    Wrong(
        "run_corpus",
        "inputs",
        lambda c: rl.run_corpus(iter([c.seed]), c.out),
        T,
        "expected paths, got Article",
    ),  # a generator is not looked into by the check: the function itself names the item
    Wrong("run_corpus", "out", lambda c: rl.run_corpus(SEED, None)),
    Wrong("run_corpus", "jobs", lambda c: rl.run_corpus(SEED, c.out, jobs="2")),
    Wrong("run_corpus", "jobs", lambda c: rl.run_corpus(SEED, c.out, jobs=0), V),
    Wrong("run_corpus", "batch_size", lambda c: rl.run_corpus(SEED, c.out, batch_size=0), V),
    Wrong("run_corpus", "timeout", lambda c: rl.run_corpus(SEED, c.out, timeout="1")),
    Wrong("run_corpus", "timeout", lambda c: rl.run_corpus(SEED, c.out, timeout=0), V),
    Wrong("run_corpus", "formats", lambda c: rl.run_corpus(SEED, c.out, formats="csv")),
    Wrong("run_corpus", "formats", lambda c: rl.run_corpus(SEED, c.out, formats=["xml"]), V),
    Wrong("run_corpus", "tables", lambda c: rl.run_corpus(SEED, c.out, tables="xml"), V),
    Wrong("run_corpus", "progress", lambda c: rl.run_corpus(SEED, c.out, progress="yes")),
    Wrong("run_corpus", "fresh", lambda c: rl.run_corpus(SEED, c.out, fresh="no")),
    Wrong("run_corpus", "scheduler", lambda c: rl.run_corpus(SEED, c.out, scheduler=8786)),
    Wrong("read_run", "out", lambda c: rl.read_run(None)),
    Wrong("read_run", None, lambda c: rl.read_run(MISSING), rl.RunError, MISSING),
    # scoring
    Wrong("evaluate", "articles", lambda c: rl.evaluate(None, None)),
    Wrong("evaluate", "labels", lambda c: rl.evaluate(SEED, None)),
    Wrong("evaluate", "extractor", lambda c: rl.evaluate(SEED, SEED, extractor=5)),
    Wrong("evaluate", "baseline_kind", lambda c: rl.evaluate(SEED, SEED, baseline_kind="x"), V),
    Wrong("read_labels", "path", lambda c: rl.read_labels(None)),
    Wrong("read_labels", None, lambda c: rl.read_labels(MISSING), rl.LabelFormatError, MISSING),
    # the case study
    Wrong("casestudy.load", "article", lambda c: rl.casestudy.load(5)),
    Wrong("casestudy.study", "article", lambda c: rl.casestudy.study([str(SEED)])),
    Wrong("casestudy.report_figures", "article", lambda c: rl.casestudy.report_figures(5)),
    # charts
    Wrong("plots.plot_milestones", "events", lambda c: rl.plots.plot_milestones(None)),
    Wrong(
        "plots.plot_milestones",
        "max_labels",
        lambda c: rl.plots.plot_milestones(c.events, max_labels="3"),
    ),
    Wrong("plots.milestones_figure", "events", lambda c: rl.plots.milestones_figure("events")),
    Wrong("plots.plot_goldstein", "events", lambda c: rl.plots.plot_goldstein(None)),
    Wrong("plots.plot_goldstein", "ax", lambda c: rl.plots.plot_goldstein(c.events, ax=1)),
    Wrong("plots.plot_key_resolutions", "key", lambda c: rl.plots.plot_key_resolutions(None)),
    Wrong("plots.plot_yes_share", "record", lambda c: rl.plots.plot_yes_share("AL")),
    Wrong("plots.plot_agreement", "record", lambda c: rl.plots.plot_agreement(None)),
    Wrong("plots.yes_share_figure", "record", lambda c: rl.plots.yes_share_figure(None)),
    Wrong("plots.add_phase_bands", "ax", lambda c: rl.plots.add_phase_bands(None, c.phases)),
    Wrong(
        "plots.add_phase_bands",
        "alpha",
        lambda c: rl.plots.add_phase_bands(c.ax, c.phases, alpha=2),
        V,
    ),
    Wrong(
        "plots.add_phase_bands",
        "x",
        lambda c: rl.plots.add_phase_bands(c.ax, c.phases, x="month"),
        V,
    ),
    Wrong("plots.add_phase_vrects", "fig", lambda c: rl.plots.add_phase_vrects(None, c.phases)),
    Wrong(
        "plots.plot_events_by_phase",
        "restatements",
        lambda c: rl.plots.plot_events_by_phase(c.events, c.phases, restatements="no"),
    ),
    Wrong(
        "plots.plot_goldstein_by_phase",
        "events",
        lambda c: rl.plots.plot_goldstein_by_phase(None, c.phases),
    ),
    Wrong(
        "plots.plot_yes_share_by_phase",
        "track",
        lambda c: rl.plots.plot_yes_share_by_phase(c.events, c.phases, track=5),
    ),
    Wrong("plots.plot_phase_timeline", "phases", lambda c: rl.plots.plot_phase_timeline(None)),
    Wrong(
        "plots.plot_phase_timeline",
        "tracks",
        lambda c: rl.plots.plot_phase_timeline(c.phases, tracks="albania"),
    ),
    Wrong("plots.plot_agreement_by_year", "yearly", lambda c: rl.plots.plot_agreement_by_year(5)),
    Wrong("plots.agreement_figure", "yearly", lambda c: rl.plots.agreement_figure(None)),
    Wrong("plots.plot_phase_heatmap", "by_phase", lambda c: rl.plots.plot_phase_heatmap(None)),
    Wrong("plots.plot_breaks", "comparison", lambda c: rl.plots.plot_breaks(c.events, None)),
]


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    seed = rl.load_seed()
    fig, ax = plt.subplots()
    yield SimpleNamespace(
        seed=seed,
        events=rl.extract_events(seed),
        phases=rl.cold_war_phases(),
        ax=ax,
        day=dt.date(1990, 1, 1),
        out=tmp_path_factory.mktemp("run") / "out",
    )
    plt.close(fig)


def _short(function: str) -> str:
    return function.rsplit(".", 1)[-1]


@pytest.mark.parametrize("wrong", WRONG, ids=[w.id for w in WRONG])
def test_a_wrong_argument_is_a_typed_error_naming_it(wrong, ctx):
    with pytest.raises(wrong.error) as info:
        wrong.call(ctx)
    error = info.value
    assert type(error).__module__ == "relations_lib.errors", type(error)
    assert isinstance(error, rl.RelationsLibError)
    message = str(error)
    names = wrong.names or f"{wrong.parameter} must be"
    assert names in message, message
    # raised by the library itself, not by pandas, numpy or Python deep inside
    last = Path(traceback.extract_tb(error.__traceback__)[-1].filename).resolve()
    assert last.is_relative_to(PACKAGE), f"raised in {last}"
    if isinstance(error, rl.ArgumentError):
        # Python's convention too: a wrong type is a TypeError, a wrong value a ValueError
        assert isinstance(error, TypeError if isinstance(error, T) else ValueError)
        assert error.parameter == wrong.parameter
        if error.function is not None:
            assert error.function == _short(wrong.function)
            assert message.startswith(f"{error.function}(): {wrong.parameter} must be ")
        if error.accepts is not None:
            assert error.accepts in message and error.got in message


def _public_functions() -> dict[object, str]:
    """Every public function of the covered namespaces -> its first public name."""
    found: dict[object, str] = {}
    for prefix, namespace in NAMESPACES.items():
        for name in namespace.__all__:
            value = getattr(namespace, name)
            if inspect.isfunction(value) and value not in found:
                found[value] = prefix + name
    return found


def test_every_public_function_is_in_the_table():
    functions = _public_functions()
    assert len(functions) >= 70  # rl, alignment, casestudy, gazetteer, unvotes, phases, plots
    by_name = {name: f for f, name in functions.items()}
    tested = set()
    for wrong in WRONG:
        prefix, _, name = wrong.function.rpartition(".")
        namespace = NAMESPACES[f"{prefix}." if prefix else ""]
        tested.add(getattr(namespace, name))
    untested = sorted(name for f, name in functions.items() if f not in tested)
    assert untested == sorted(NOT_IN_TABLE), "add rows to WRONG (or a reason to NOT_IN_TABLE)"
    for name in NOT_IN_TABLE:
        assert name in by_name


def test_every_error_the_package_raises_is_exported_and_documented():
    raised: set[str] = set()  # names after `raise` anywhere in the package
    defined: dict[str, str] = {}  # exception classes defined anywhere in the package
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and node.exc is not None:
                target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                if isinstance(target, ast.Name):
                    raised.add(target.id)
            if isinstance(node, ast.ClassDef):
                defined[node.name] = str(path.relative_to(PACKAGE))
    ours = {
        name for name in errors.__all__ if issubclass(getattr(errors, name), rl.RelationsLibError)
    }
    own_raised = {n for n in raised if n in defined}
    own_errors = {n for n in own_raised if n.endswith("Error")}
    assert own_errors <= ours, f"raised but not in relations_lib.errors: {own_errors - ours}"
    for name in errors.__all__:  # defined in errors.py, exported by rl, documented
        assert defined[name] == "errors.py", name
        assert getattr(rl, name) is getattr(errors, name)
        assert name in errors.__doc__, name
    assert sorted(rl._ERROR_NAMES) == sorted(errors.__all__)
    assert set(errors.__all__) <= set(rl.__all__)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "rl.ArgumentError" in readme and "relations_lib/errors.py" in readme


def test_unknown_names_are_argument_value_errors():
    for cls in (rl.UnknownIssueError, rl.UnknownMeasureError, rl.UnknownTrackError):
        assert issubclass(cls, rl.ArgumentValueError) and issubclass(cls, ValueError)
    # where they were defined before, they are still importable
    from relations_lib.corpus.stream import RunError
    from relations_lib.history.phases import UnknownTrackError
    from relations_lib.un.alignment import UnknownMeasureError

    assert (RunError, UnknownTrackError, UnknownMeasureError) == (
        rl.RunError,
        rl.UnknownTrackError,
        rl.UnknownMeasureError,
    )


@pytest.mark.parametrize(
    "name",
    [
        "",
        *[n.rstrip(".") for n in NAMESPACES if n],
        "schema",
        "build",
        "report",
        "cli",
        "bench",
        "paths",
    ],
)
def test_dir_of_a_public_namespace_is_its_public_api(name):
    namespace = getattr(rl, name) if name else rl
    shown = dir(namespace)
    assert shown == sorted(namespace.__all__)
    for public in namespace.__all__:
        assert hasattr(namespace, public), f"{name}.{public}"
    assert not [n for n in shown if n.startswith("_") and n != "__version__"]
    for internal in ("annotations", "importlib", "pd", "np", "Path", "TYPE_CHECKING"):
        assert internal not in shown


def test_dir_hides_what_it_showed_before():
    assert "importlib" not in dir(rl.plots) and "_EXPORTS" not in dir(rl.plots)
    assert "UnknownCountryError" not in dir(rl.casestudy)  # an import
    assert "_closed" not in dir(rl.casestudy)  # a helper
    assert {"Study", "study", "load", "report_figures"} == set(dir(rl.casestudy))


def test_study_repr_is_short_and_counts_rows():
    s = rl.casestudy.study()
    text = repr(s)
    assert len(text) < 400 and "\n" not in text
    assert text.startswith("<Study 'Albania–Palestine relations': Albania – Palestine; ")
    assert "source 'albania_palestine_relations.txt'" in text
    record = s.records["Albania"]
    assert f"events={len(s.events)}" in text and f"mentions={len(s.mentions)}" in text
    assert f"records['Albania']={len(record)}" in text and f"key={len(s.key)}" in text
    assert f"phases={len(s.phases)}" in text
    assert str(s.tracks) in text
