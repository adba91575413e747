"""The dask engine: same rows as the local engine, same error report, Parquet that round-trips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import relations_lib as rl
from relations_lib.bench import synthetic_corpus
from relations_lib.corpus import dask_engine
from relations_lib.corpus import local as corpus
from relations_lib.corpus.dask_engine import MissingDependencyError
from relations_lib.schema import TABLES, keyed_by_article, validate_table

dask = pytest.importorskip("dask", reason="the dask engine needs relations_lib[dask]")

N_GOOD = 60
LATIN1 = "= Chile-Norway relations =\n\nThey signed a café treaty in 1990.\n".encode("latin-1")
BAD = {"bad_latin1.txt": 3, "bad_no_title.txt": 1}  # file -> line the error points at
NAMES = ("events", "vote_mentions", "unmatched", "errors")
# what identifies a row of each table (sorting by it makes order irrelevant)
ROW_KEY = {
    "events": ["article", "event_id"],
    "vote_mentions": ["article", "start", "country_code", "resolution"],
    "unmatched": ["article", "start", "date_start"],
    "errors": ["source"],
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """60 synthetic articles of 2–5 KB (bench.synthetic_corpus) and two bad files."""
    path = tmp_path_factory.mktemp("corpus")
    for i, text in enumerate(synthetic_corpus(N_GOOD, seed=7)):
        (path / f"article_{i:03d}.txt").write_text(text, encoding="utf-8")
    (path / "bad_latin1.txt").write_bytes(LATIN1)
    (path / "bad_no_title.txt").write_text("Just a paragraph, no title.\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local(folder) -> corpus.CorpusTables:
    return rl.extract_events_many(folder)


@pytest.fixture()
def threads():
    with dask.config.set(scheduler="threads"):
        yield


def _sorted(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame.sort_values(ROW_KEY[name], kind="stable").reset_index(drop=True)


def assert_same_tables(got: dict[str, pd.DataFrame], want: corpus.CorpusTables) -> None:
    for name in NAMES:
        assert_frame_equal(_sorted(got[name], name), _sorted(getattr(want, name), name))
        # and in the same order: the engines keep the input order
        assert_frame_equal(got[name], getattr(want, name))


def test_the_corpus_is_big_enough_to_mean_something(local):
    assert local.n_articles == N_GOOD and local.n_skipped == len(BAD)
    assert len(local.events) > 20 * N_GOOD
    assert local.vote_mentions["article"].nunique() > 10
    assert len(local.unmatched) > N_GOOD


def test_dask_engine_gives_the_local_rows_and_errors(folder, local, threads):
    got = rl.extract_events_many(folder, engine="dask")
    assert (got.n_articles, got.n_skipped) == (local.n_articles, local.n_skipped)
    assert_same_tables(got.tables(), local)
    by_file = {Path(r.source).name: r for r in got.errors.itertuples(index=False)}
    assert {name: by_file[name].line for name in BAD} == BAD
    assert all(r.error_type == "ArticleFormatError" for r in by_file.values())
    for name in ("events", "vote_mentions", "unmatched"):
        validate_table(keyed_by_article(TABLES[name]), got.tables()[name])
    validate_table("corpus_errors", got.errors)


def test_dask_engine_is_registered_and_reports_progress(folder, threads):
    assert corpus.ENGINES["dask"] is dask_engine.run_dask
    calls = []
    rl.extract_events_many(folder, engine="dask", progress=lambda *a: calls.append(a))
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    assert [done for done, _, _ in calls] == list(range(1, len(paths) + 1))
    assert {total for _, total, _ in calls} == {len(paths)}
    assert sorted(source for _, _, source in calls) == paths


def test_progress_partitions_match_the_bag(folder, threads):
    """Partition p of from_sequence(partition_size=k) is items[p*k:(p+1)*k]: what the
    progress reporter assumes."""
    import dask.bag as db

    items = sorted(folder.glob("*.txt"))
    size = dask_engine._partition_size(len(items), 7)
    parts = db.from_sequence(items, partition_size=size).to_delayed()
    got = [list(p.compute()) for p in parts]
    assert got == [items[i : i + size] for i in range(0, len(items), size)]


def test_stack_tables_builds_the_same_tables_from_rows(folder, local):
    got = dask_engine.stack_tables(folder)
    assert (got.n_articles, got.n_skipped) == (local.n_articles, local.n_skipped)
    assert_same_tables(got.tables(), local)
    # a Corpus keeps its read errors, first, as extract_events_many does
    c = rl.read_corpus(folder)
    assert_same_tables(dask_engine.stack_tables(c).tables(), rl.extract_events_many(c))


def test_to_dask_is_lazy_partitioned_and_the_same(folder, local, threads):
    import dask.dataframe as dd

    frames = dask_engine.to_dask(folder, npartitions=5)
    assert set(frames) == set(NAMES)
    assert all(isinstance(f, dd.DataFrame) for f in frames.values())
    assert {f.npartitions for f in frames.values()} == {5}
    for name, frame in frames.items():  # the lazy frames declare the real columns and dtypes
        assert list(frame.dtypes.items()) == list(getattr(local, name).dtypes.items())
    assert_same_tables(dask_engine.compute(frames), local)


def test_partitioned_parquet_round_trips(folder, local, tmp_path, threads):
    paths = dask_engine.to_parquet(folder, tmp_path / "out", npartitions=4)
    assert paths == {name: tmp_path / "out" / name for name in NAMES}
    for path in paths.values():
        assert sorted(p.name for p in path.glob("*.parquet")) == [
            f"part.{i}.parquet" for i in range(4)
        ]
    back = dask_engine.read_parquet(tmp_path / "out")
    assert_same_tables(back, local)
    with pytest.raises(FileExistsError, match=r"events: already holds files"):  # not silently …
        dask_engine.to_parquet(folder, tmp_path / "out", npartitions=4)
    dask_engine.to_parquet(folder, tmp_path / "out", npartitions=2, overwrite=True)  # … unless
    assert len(list(paths["events"].glob("*.parquet"))) == 2
    assert_same_tables(dask_engine.read_parquet(tmp_path / "out"), local)


def test_bugs_propagate_with_the_article_named(folder, monkeypatch, threads):
    real = corpus.extract_tables

    def broken(article):
        if article.source.endswith("article_005.txt"):
            raise ZeroDivisionError("a bug")
        return real(article)

    monkeypatch.setattr(corpus, "extract_tables", broken)
    with pytest.raises(ZeroDivisionError) as info:
        rl.extract_events_many(folder, engine="dask")
    assert any("article_005.txt" in note for note in info.value.__notes__)


def test_empty_inputs(tmp_path, threads):
    assert dask_engine.run_dask([], None) == []
    # an empty list gives empty tables; an empty folder is an error (nothing to read there)
    for engine in ("local", "dask"):
        with pytest.raises(rl.ArticleFileError, match="no \\*\\.txt articles in this folder"):
            rl.extract_events_many(tmp_path, engine=engine)
    local = rl.extract_events_many([])
    tables = rl.extract_events_many([], engine="dask")
    assert (tables.n_articles, tables.n_skipped) == (0, 0)
    assert_same_tables(tables.tables(), local)
    assert_same_tables(dask_engine.stack_tables([]).tables(), local)
    frames = dask_engine.compute(dask_engine.to_dask([]))
    assert_same_tables(frames, local)
    for name in ("events", "vote_mentions", "unmatched"):
        assert len(frames[name]) == 0
        validate_table(keyed_by_article(TABLES[name]), frames[name])


def test_missing_dask_names_the_extra(folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)  # "import dask" now fails
    with pytest.raises(MissingDependencyError, match=r"pip install 'relations_lib\[dask\]'"):
        rl.extract_events_many(folder, engine="dask")
    with pytest.raises(ImportError):  # it is an ImportError too
        dask_engine.to_dask(folder)
    assert issubclass(MissingDependencyError, rl.RelationsLibError)


def test_importing_the_library_does_not_import_dask():
    code = (
        "import sys, relations_lib as rl; rl.extract_events_many; "
        "import relations_lib.corpus.dask_engine; print('dask' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the cluster path of a streaming run: a two-worker LocalCluster on 127.0.0.1 ------------


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes (one thread each) and a scheduler, on this machine's loopback."""
    import logging

    distributed = pytest.importorskip("distributed", reason="needs relations_lib[dask]")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as running:
        yield running


def test_cluster_run_writes_the_rows_of_a_local_run(
    folder, local, cluster, tmp_path, published_parts
):
    from relations_lib.corpus import stream

    published = published_parts
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    on_cluster = stream.run_corpus(folder, tmp_path / "cluster", scheduler=address, batch_size=7)
    here = stream.run_corpus(folder, tmp_path / "here", jobs=1, batch_size=5)
    assert stream.run_digest(tmp_path / "cluster") == stream.run_digest(tmp_path / "here")
    got = stream.read_run(tmp_path / "cluster")
    for name in NAMES:  # and, read back, exactly the in-memory tables
        assert_frame_equal(got.tables()[name], getattr(local, name))
    assert (on_cluster.coded, on_cluster.skipped) == (here.coded, here.skipped) == (N_GOOD, 2)
    # the two workers coded and wrote the parts; this process only moved them into place
    cluster_parts = published[: on_cluster.parts]
    assert len({m["pid"] for m in cluster_parts}) == 2
    assert os.getpid() not in {m["pid"] for m in cluster_parts}
    assert on_cluster.workers == 2


def test_cluster_workers_load_the_model_once(cluster):
    from distributed import Client

    from relations_lib.corpus import dask_engine, stream

    with Client(cluster.scheduler_address, set_as_default=False) as client:
        client.register_plugin(dask_engine._warm_up_plugin())
        warm = client.run(lambda: __import__("relations_lib.corpus.batches").corpus.batches._WARM)
    assert list(warm.values()) == [True, True]
    assert stream.warm_up.__module__ == "relations_lib.corpus.batches"


def test_cli_scheduler_option(folder, local, cluster, tmp_path, capsys):
    from relations_lib import cli
    from relations_lib.build import to_csv_bytes

    out = tmp_path / "out"
    code = cli.main(
        ["parse", str(folder), "--out", str(out), "--scheduler", cluster.scheduler_address]
    )
    _, err = capsys.readouterr()
    assert code == 0, err
    for name in NAMES:
        assert (out / f"{name}.csv").read_bytes() == to_csv_bytes(getattr(local, name))


def test_cluster_run_ids_warnings_and_time_limit_match_a_local_run(cluster, tmp_path):
    """Files of the same name in two folders, a title country nobody knows and an article
    too slow for the limit: the cluster (tasks in worker threads) writes the local rows."""
    from test_corpus_runs import LIMIT, _copy, _slow_article, _unknown_title
    from test_corpus_runs import NAMES as REAL_NAMES

    from relations_lib.corpus import stream

    root = tmp_path / "in"
    files = [*_copy(REAL_NAMES, root), *_copy(REAL_NAMES[:2], root / "sub")]
    files += [_slow_article(root / "sub"), _unknown_title(root)]
    on_cluster = stream.run_corpus(
        files, tmp_path / "cluster", scheduler=cluster.scheduler_address, timeout=LIMIT
    )
    here = stream.run_corpus(files, tmp_path / "here", jobs=1, timeout=LIMIT)
    assert stream.run_digest(tmp_path / "cluster") == stream.run_digest(tmp_path / "here")
    assert (
        (on_cluster.coded, on_cluster.timed_out, on_cluster.warned)
        == ((here.coded, here.timed_out, here.warned))
        == (len(files) - 1, 1, 1)
    )
    tables = stream.read_run(tmp_path / "cluster")
    assert tables.events["event_id"].is_unique
    assert tables.events["event_id"].str.startswith("sub/").sum() > 0
    assert tables.errors[["source", "error_type", "severity"]].values.tolist() == [
        [str(root / "sub" / "slow.txt"), "ArticleTimeoutError", "error"],  # in article order
        [str(root / "zz_unknown.txt"), "UnknownCountryWarning", "warning"],
    ]


def test_an_unreachable_scheduler_is_named(folder, tmp_path, monkeypatch):
    import socket

    from relations_lib.corpus.stream import RunError, run_corpus

    pytest.importorskip("distributed", reason="needs relations_lib[dask]")
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(
        RunError, match=rf"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"
    ):
        run_corpus(folder, tmp_path / "out", scheduler=f"tcp://127.0.0.1:{port}")
    assert not (tmp_path / "out").exists()
