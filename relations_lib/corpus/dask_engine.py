"""Many articles with dask: ``extract_events_many(..., engine="dask")``, dask DataFrames, Parquet.

Needs the optional extra: ``pip install 'relations_lib[dask]'`` (dask is imported only when one
of these functions runs, so ``import relations_lib`` never pays for it).

>>> import relations_lib as rl
>>> tables = rl.extract_events_many("articles/", engine="dask")     # doctest: +SKIP
>>> from relations_lib.corpus.dask_engine import to_dask, to_parquet
>>> frames = to_dask("articles/")                                   # doctest: +SKIP
>>> frames["events"].groupby("article").size().compute()            # doctest: +SKIP
>>> to_parquet("articles/", "out/")                                 # doctest: +SKIP

Three ways in, one result:

* :func:`run_dask` is the engine registered in :data:`relations_lib.corpus.local.ENGINES`: a dask
  bag over the inputs mapping the pure per-article function
  :func:`relations_lib.corpus.local.process_article`, results back in input order.
* :func:`to_dask` gives one lazy dask DataFrame per table (``events``, ``vote_mentions``,
  ``unmatched``, ``errors``), one partition per bag partition; :func:`to_parquet` writes them as
  partitioned Parquet (``out/events/part.0.parquet`` …) and :func:`read_parquet` reads them back.
* :func:`stack_tables` is what each partition runs, in this process: articles → rows → one
  frame per table (building a DataFrame per article costs more than extracting it).

All three give the rows ``extract_events_many(..., engine="local")`` gives, in the same order
(tests/test_dask_engine.py checks it).

Schedulers: whatever dask is configured with (``dask.config.set(scheduler="processes")``, a
``dask.distributed`` client); when nothing is configured the engine uses threads, as dask
DataFrames do. The work is pure Python, so threads share one core: they keep memory and
start-up low and need no ``if __name__ == "__main__":`` guard, while processes (or a cluster)
run articles in parallel but pickle every result back and start each worker cold (~1–2 s).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependencyError
from ..text.inputs import MAX_ARTICLE_BYTES
from .local import _frame_of_rows, _prior_failures, article_rows, stack_tables  # noqa: F401

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

    from .local import ArticleInput, Progress, Result

__all__ = [
    "DASK_EXTRA",
    "MissingDependencyError",
    "article_rows",
    "cluster_workers",
    "code_batches_on_cluster",
    "compute",
    "connect",
    "read_parquet",
    "run_dask",
    "stack_tables",
    "to_dask",
    "to_parquet",
]

#: The optional dependency group that brings dask (pyproject.toml).
DASK_EXTRA = "relations_lib[dask]"
#: The tables of a corpus, in the order they are written.
TABLES: tuple[str, ...] = ("events", "vote_mentions", "unmatched", "errors")


def _dask():
    """Import dask (bag and dataframe) or say which extra to install."""
    try:
        import dask
        import dask.bag
        import dask.dataframe  # needs pandas and pyarrow: the extra brings them
    except ImportError as exc:
        raise MissingDependencyError(
            f"the dask engine needs dask[dataframe], which is not installed ({exc}); "
            f"install the extra: pip install '{DASK_EXTRA}'"
        ) from exc
    return dask


def _partition(items: list[ArticleInput]) -> dict[str, pd.DataFrame]:
    """What one dask partition computes: its articles' tables (see :func:`stack_tables`)."""
    return stack_tables(list(items)).tables()


# --- the engine ----------------------------------------------------------------------------


def _partition_size(n: int, npartitions: int | None) -> int:
    """Articles per bag partition: by default a few partitions per core, enough to balance the
    load and few enough to stay cheap. ``from_sequence(partition_size=k)`` cuts runs of exactly
    ``k`` items (the last one shorter), so partition ``p`` holds items ``[p*k, (p+1)*k)``."""
    wanted = npartitions if npartitions is not None else 4 * (os.cpu_count() or 1)
    wanted = max(1, min(n, wanted))
    return max(1, -(-n // wanted))


def run_dask(
    items: Sequence[ArticleInput],
    progress: Progress | None = None,
    *,
    npartitions: int | None = None,
    max_bytes: int | None = MAX_ARTICLE_BYTES,
) -> list[Result]:
    """The ``"dask"`` engine: a dask bag over the inputs mapping ``process_article``.

    Parameters
    ----------
    items : paths or Articles (what :func:`relations_lib.corpus.local._expand` gives).
    progress : called as ``progress(done, total, source)`` for each article as its partition
        finishes (in completion order; with a distributed client, after the computation).
    npartitions : bag partitions; default a few per core.
    max_bytes : size limit of one article file (default
        :data:`relations_lib.text.inputs.MAX_ARTICLE_BYTES`; ``None``: no limit).

    The scheduler is dask's configured one, threads when none is (see the module docstring).

    Returns
    -------
    list
        One result per input, in input order: the tables of
        :func:`relations_lib.corpus.local.process_article` or an ``ArticleFailure``.
    """
    dask = _dask()
    import dask.bag as db

    from .local import _source_of, process_article

    items = list(items)
    if not items:
        return []
    size = _partition_size(len(items), npartitions)
    mapped = db.from_sequence(items, partition_size=size).map(process_article, max_bytes=max_bytes)
    report = _Reporter(progress, [_source_of(item) for item in items], size, mapped)
    with report.callback():
        results = mapped.compute(scheduler=dask.config.get("scheduler", None) or "threads")
    report.rest()
    return list(results)


class _Reporter:
    """Calls ``progress`` for the articles of each bag partition as it finishes."""

    def __init__(self, progress: Progress | None, sources: list[str], size: int, bag) -> None:
        self.progress = progress
        self.sources = sources
        self.name = bag.name  # the bag's output tasks are keyed (name, partition)
        self.done = 0
        self.reported: set[int] = set()
        self.bounds = [(i, min(i + size, len(sources))) for i in range(0, len(sources), size)]
        if len(self.bounds) != bag.npartitions:  # not cut as expected: report at the end only
            self.name = None

    def callback(self):
        from contextlib import nullcontext

        from dask.callbacks import Callback

        if self.progress is None:
            return nullcontext()
        return Callback(posttask=self._posttask)

    def _posttask(self, key, result, dsk, state, worker_id) -> None:
        if isinstance(key, tuple) and len(key) == 2 and key[0] == self.name:
            self._report(key[1])

    def _report(self, part: int) -> None:
        if part in self.reported or part >= len(self.bounds) or self.progress is None:
            return
        self.reported.add(part)
        lo, hi = self.bounds[part]
        for source in self.sources[lo:hi]:
            self.done += 1
            self.progress(self.done, len(self.sources), source)

    def rest(self) -> None:
        """Partitions no callback saw (a distributed scheduler runs none): report them now."""
        for part in range(len(self.bounds)):
            self._report(part)


# --- dask DataFrames and Parquet -----------------------------------------------------------


def _meta() -> dict[str, pd.DataFrame]:
    """Empty frames with each table's columns and dtypes (what an article-less partition gives)."""
    return _partition([])


def to_dask(
    paths_or_dir_or_articles: ArticleInput | Iterable[ArticleInput],
    *,
    npartitions: int | None = None,
) -> dict[str, dd.DataFrame]:
    """Lazy tables of many articles: one dask DataFrame per table.

    Takes what ``extract_events_many`` takes (a folder, paths, Articles or a Corpus, whose read
    errors head the ``errors`` table). A dask bag over the inputs; each partition runs
    :func:`stack_tables` on its articles. Compute
    the frames together (``dask.compute(*frames.values())``) so that each partition's articles
    are read once for all tables.

    Returns
    -------
    dict[str, dask.dataframe.DataFrame]
        ``events``, ``vote_mentions``, ``unmatched`` (``article`` column first) and ``errors``
        (one row per article skipped), with the columns and dtypes of
        ``extract_events_many``'s tables; divisions unknown, each partition indexed from 0.
    """
    _dask()
    import dask.bag as db
    import dask.dataframe as dd
    from dask import delayed

    from .local import Corpus, _errors_frame, _expand

    items = _expand(paths_or_dir_or_articles)
    meta = _meta()
    if not items:
        return {name: dd.from_pandas(frame, npartitions=1) for name, frame in meta.items()}
    bag = db.from_sequence(items, partition_size=_partition_size(len(items), npartitions))
    parts = [delayed(_partition, pure=True)(part) for part in bag.to_delayed()]
    pieces = {name: [delayed(_get, pure=True)(part, name) for part in parts] for name in TABLES}
    if isinstance(paths_or_dir_or_articles, Corpus):  # its read errors come first, as in local
        prior = _errors_frame(_prior_failures(paths_or_dir_or_articles))
        pieces["errors"].insert(0, delayed(prior))
    return {
        name: dd.from_delayed(pieces[name], meta=meta[name], verify_meta=False) for name in TABLES
    }


def _get(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return tables[name]


def to_parquet(
    paths_or_dir_or_articles: ArticleInput | Iterable[ArticleInput],
    out_dir: str | os.PathLike,
    *,
    npartitions: int | None = None,
    overwrite: bool = False,
) -> dict[str, Path]:
    """Write the tables of many articles as partitioned Parquet: ``out_dir/<table>/part.N.parquet``.

    Parameters
    ----------
    paths_or_dir_or_articles : a folder (its ``*.txt`` files), paths or Articles.
    out_dir : the folder to write; each table gets a sub-folder.
    npartitions : bag partitions (one Parquet file per table and partition).
    overwrite : replace existing table folders. Otherwise a table folder that holds files is an
        error (dask would overwrite ``part.0`` … and leave stale parts of an earlier run).

    Returns
    -------
    dict[str, pathlib.Path]
        Table name → its folder. :func:`read_parquet` reads them back.

    Raises
    ------
    FileExistsError
        When a table folder already holds files and ``overwrite`` is False.
    """
    import dask

    out = Path(out_dir)
    paths = {name: out / name for name in TABLES}
    if not overwrite:
        for path in paths.values():
            if path.is_dir() and any(path.iterdir()):
                raise FileExistsError(f"{path}: already holds files; pass overwrite=True")
    frames = to_dask(paths_or_dir_or_articles, npartitions=npartitions)
    writes = [
        frame.to_parquet(paths[name], write_index=False, overwrite=overwrite, compute=False)
        for name, frame in frames.items()
    ]
    dask.compute(*writes)  # together: each partition's articles are processed once
    return paths


def read_parquet(out_dir: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Read back what :func:`to_parquet` wrote, as pandas frames with the tables' dtypes.

    Returns
    -------
    dict[str, pandas.DataFrame]
        ``events``, ``vote_mentions``, ``unmatched``, ``errors``: the partitions in order,
        indexed 0…n-1, with the dtypes ``extract_events_many`` gives (the pandas metadata in
        the files restores them; a column that comes back otherwise is cast to them).
    """
    _dask()
    import dask.dataframe as dd

    meta = _meta()
    out = {}
    for name in TABLES:
        with warnings.catch_warnings():
            # dask's own reader calls reset_index(inplace=True), deprecated in pandas 3.1
            warnings.filterwarnings("ignore", message="The inplace keyword")
            frame = dd.read_parquet(Path(out_dir) / name).compute().reset_index(drop=True)
        out[name] = _as_meta(frame[list(meta[name].columns)], meta[name])
    return out


def _as_meta(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``meta``'s dtypes (values unchanged)."""
    for column, dtype in meta.dtypes.items():
        if frame[column].dtype != dtype:
            frame[column] = frame[column].astype(dtype)
    return frame


def compute(frames: dict[str, dd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Compute the frames of :func:`to_dask` together, each indexed 0…n-1."""
    import dask

    done = dask.compute(*frames.values())
    return {name: frame.reset_index(drop=True) for name, frame in zip(frames, done, strict=True)}


# --- the cluster path of a streaming run (relations_lib.corpus.stream) -----------------------


#: How long :func:`connect` tries to reach a scheduler before giving up.
CONNECT_TIMEOUT = "20s"


def connect(scheduler: Any) -> Any:
    """A ``distributed.Client`` for ``scheduler``: a client (returned as is) or an address.

    Raises
    ------
    MissingDependencyError
        dask.distributed is not installed (``pip install 'relations_lib[dask]'``).
    RunError
        Nothing answers at the address (the message names it).
    """
    from .batches import RunError

    try:
        from distributed import Client
    except ImportError as exc:
        raise MissingDependencyError(
            f"running on a Dask cluster needs dask.distributed, which is not installed ({exc}); "
            f"install the extra: pip install '{DASK_EXTRA}'"
        ) from exc
    if isinstance(scheduler, Client):
        return scheduler
    if not isinstance(scheduler, str):
        raise TypeError(
            f"scheduler: expected an address such as 'tcp://HOST:8786' or a distributed.Client, "
            f"got {type(scheduler).__name__}"
        )
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise RunError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def cluster_workers(client: Any) -> int:
    """Threads across the cluster's workers (how many batches run at once)."""
    return max(1, sum(client.nthreads().values()))


def _warm_up_plugin() -> Any:
    """A worker plugin that loads the language model once in every worker, as the local pool's
    initializer does (workers that join later get it too)."""
    from distributed import WorkerPlugin

    class WarmUp(WorkerPlugin):
        name = "relations_lib-warm-up"

        def setup(self, worker) -> None:
            from relations_lib.corpus.batches import warm_up  # absolute: the class is sent by value

            warm_up()

    return WarmUp()


def code_batches_on_cluster(
    client: Any, batches: list[tuple[int, list[str]]], staging: str, *settings: Any
) -> Iterator[dict]:
    """Run :func:`relations_lib.corpus.stream.code_batch` on each batch as a task of a Dask graph.

    Each task writes its part into ``staging`` (which the workers must see at that path: a
    shared file system) and returns only the part's metadata; the caller moves the part into
    place and records it, as parts come back. ``settings``: code_batch's arguments after
    ``staging`` (formats, max_bytes).

    Yields
    ------
    dict
        Each part's metadata, in completion order.
    """
    from dask import delayed
    from distributed import as_completed

    from .batches import code_batch

    client.register_plugin(_warm_up_plugin())
    run = Path(staging).name  # unique per run: task keys never collide with an earlier run's
    tasks = [
        delayed(code_batch, pure=False)(
            part, sources, staging, *settings, dask_key_name=f"relations-{run}-part-{part}"
        )
        for part, sources in batches
    ]
    futures = client.compute(tasks)
    finished = False
    try:
        for future in as_completed(futures, loop=client.loop):
            meta = future.result()  # a bug in a task is raised here, with its traceback
            future.release()
            yield meta
        finished = True
    finally:
        if not finished:  # interrupted or a bug: nothing more is wanted from the cluster
            client.cancel(futures)
