"""Streaming corpus runs: articles in, coded in batches, each batch written as a *part* when done.

    relations parse articles/ --out out/ --jobs 4            # the command line
    >>> import relations_lib as rl
    >>> summary = rl.run_corpus("articles/", "out/", jobs=4)  # doctest: +SKIP
    >>> tables = rl.read_run("out/")                          # doctest: +SKIP

Memory is bounded by the batch size, not by the corpus: a worker holds one batch's articles and
rows at a time, writes them, and returns only the part's metadata (a small dict), never frames;
the tables are stacked at the end by streaming one part at a time.

What a run leaves in ``out/``::

    parts/manifest.jsonl        a header line (what was run), then one line per complete part
    parts/part-000007/          events.parquet, vote_mentions.parquet, unmatched.parquet,
                                errors.parquet (and .csv / .json beside them when asked)
    parts/.staging/             parts being written (hidden; removed on exit, or by the next
                                run after a kill; never read)
    events.csv, vote_mentions.csv, unmatched.csv, errors.csv
                                the stacked tables (``tables=`` format), written when every
                                article is done and switched in as one set
                                (:class:`relations_lib.outputs.SetWriter`)

A part is written in full under ``.staging/``, then moved into ``parts/`` with one directory
rename, and only then is its line appended to the manifest (flushed to disk). So a Ctrl-C or a
``kill -9`` at any moment leaves complete parts plus a manifest naming them; a part folder that
the manifest does not name (killed between the rename and the append) is removed by the next run,
which codes its articles again. A rerun with the same inputs skips every article the manifest
records (coded or reported as an error), codes again those whose file changed size or
modification time since, or that timed out under a shorter limit than the rerun's (with the
rest of their part), and codes the others: nothing is duplicated or lost. Two runs into one
folder at once are refused (an advisory lock).

Rows come out in the order of the articles' file paths (as bytes: the order
:func:`relations_lib.extract_events_many` gives a folder) and, within an article, in the
single-article tables' order, whichever engine wrote the parts and however often the run
was resumed.

Bad files (unreadable, binary, not UTF-8, no title, not a regular file such as a FIFO or a link
to a device, larger than ``max_bytes``, deleted mid-run) and articles that take longer than
``timeout`` to code are rows of the ``errors`` table (``source``, ``line``, ``error_type``,
``error``, ``severity`` "error") and never stop the run; the warnings an article raises are rows
of severity "warning" (the article is coded). Other exceptions are
bugs: they stop the run (complete parts stay, so the rerun after a fix resumes).

Engines: ``jobs=1`` codes in this process; ``jobs=N`` uses a group of N worker processes
(:class:`_WorkerGroup`): one host, spawned, loads the language model and dictionaries once
(:func:`warm_up`), freezes them (``gc.freeze()``) and forks the N - 1 others, so that all share
those pages and no idle template process is left (elsewhere than on Linux, a
spawned process pool whose workers each warm up); ``scheduler=
"tcp://HOST:PORT"`` sends the same batches to a Dask cluster as a graph whose tasks write the
parts (:func:`relations_lib.dask_engine.code_batches_on_cluster`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._args import (
    BOOL,
    CALLABLE,
    MAX_BYTES,
    PATH,
    RUN_INPUTS,
    SCHEDULER,
    TIMEOUT,
    at_least,
    check,
    either,
    iterable_of,
    one_of,
    optional,
)
from ..errors import ArgumentTypeError, MissingDependencyError
from ..paths import shown
from ..text.inputs import (
    MAX_ARTICLE_BYTES,
    check_max_bytes,
    input_articles,
    is_folder,
    unread_subfolders,
)
from .limits import DEFAULT_TIMEOUT, check_timeout

if TYPE_CHECKING:
    import pandas as pd

    from .local import CorpusTables

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "FORMATS",
    "MANIFEST",
    "PARTS",
    "RunError",
    "RunSettingsError",
    "RunSummary",
    "code_batch",
    "code_sources",
    "default_jobs",
    "iter_parts",
    "read_run",
    "run_corpus",
    "run_digest",
    "tables_digest",
    "warm_up",
    "write_stacked",
]

from .batches import (
    DEFAULT_BATCH_SIZE,
    FORMATS,
    MANIFEST,
    MANIFEST_KIND,
    MANIFEST_VERSION,
    PARTS,
    STAGING,
    TABLES,
    RunError,
    RunSettingsError,
    _empty_tables,
    _signature,
    article_key,
    code_batch,
    code_sources,
    peak_rss_mib,
    warm_up,
)


def _worker_init(coordinator: int) -> None:
    """Initializer of the process pool's workers (``coordinator``: the pid of the process that
    runs the pool), where there is no worker group (not Linux)."""
    import signal

    # Ctrl-C reaches the whole process group: the coordinator alone decides (it stops us)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with(coordinator)
    warm_up()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _exit_with(*pids: int, stop: threading.Event | None = None) -> threading.Thread:
    """End this worker when one of ``pids`` (the coordinating process; for a forked member,
    the host too) dies (``kill -9``, a crash). Nothing else would: a worker waits on its task
    queue, whose write end the workers hold too. ``stop`` ends the watch instead."""

    ended = stop or threading.Event()

    def watch() -> None:
        while not ended.wait(0.2):
            if not all(_alive(pid) for pid in pids):
                os._exit(1)

    thread = threading.Thread(target=watch, name="relations-coordinator-watch", daemon=True)
    thread.start()
    return thread


def default_jobs() -> int:
    """The cores this process may use (its CPU affinity where the OS tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _mp_context():
    """``spawn``: a fresh interpreter (the worker group's host, or the pool's workers where
    there is no worker group: not Linux); never a fork of the coordinator, whose state is
    the caller's."""
    import multiprocessing as mp

    return mp.get_context("spawn")


Batch = tuple[int, list[str]]

#: Whether ``jobs > 1`` runs a :class:`_WorkerGroup` (its host forks the other workers): on
#: Linux. Elsewhere a pool of spawned workers, each warming up: macOS system libraries may
#: start threads that a fork does not carry over (why Python made ``spawn`` its default there),
#: and Windows has no ``os.fork``.
_FORK_GROUP = sys.platform.startswith("linux") and hasattr(os, "fork")

#: Worker processes import the script that started them (``spawn``): a script that calls
#: run_corpus at its top level runs it again in every worker.
_MAIN_GUARD = (
    "worker processes import the script that calls run_corpus (jobs > 1): put the call under "
    '`if __name__ == "__main__":` in a script (not needed in a notebook or at the prompt)'
)


def _in_worker_bootstrap() -> bool:
    """Whether the call comes from a script that a multiprocessing child is importing (it
    runs as ``__mp_main__`` there), not from the process that started the run."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals.get("__name__") == "__mp_main__":
            return True
        frame = frame.f_back
    return False


def _code_here(batches: list[Batch], staging: str, *settings: Any) -> Iterator[dict]:
    warm_up()
    for part, sources in batches:
        yield code_batch(part, sources, staging, *settings)


def _code_in_group(batches: list[Batch], staging: str, *settings: Any, jobs: int) -> Iterator[dict]:
    """The batches on a :class:`_WorkerGroup` of ``jobs`` processes, at most ``2 * jobs`` in
    flight (so that the task queue, too, is bounded); metadata in completion order."""
    group = _WorkerGroup(jobs)
    finished = False
    try:
        pending = iter(batches)
        in_flight = 0
        for part, sources in pending:
            group.submit(code_batch, part, sources, staging, *settings)
            in_flight += 1
            if in_flight >= 2 * jobs:
                break
        while in_flight:
            meta = group.result()  # a bug in a member is raised here, with its traceback
            in_flight -= 1
            yield meta
            nxt = next(pending, None)
            if nxt is not None:
                group.submit(code_batch, *nxt, staging, *settings)
                in_flight += 1
        group.close()
        finished = True
    finally:
        if not finished:  # interrupted, a bug or a dead member: stop every member now
            group.terminate()


def _code_in_pool(batches: list[Batch], staging: str, *settings: Any, jobs: int) -> Iterator[dict]:
    """The batches on a process pool of ``jobs`` spawned workers (where there is no
    worker group: not Linux), at most ``2 * jobs`` in flight; metadata in completion order."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(
        jobs, mp_context=_mp_context(), initializer=_worker_init, initargs=(os.getpid(),)
    )
    pending = iter(batches)
    running: set = set()
    finished = False
    try:
        for part, sources in pending:
            running.add(pool.submit(code_batch, part, sources, staging, *settings))
            if len(running) >= 2 * jobs:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    meta = future.result()  # a bug in a worker is raised here, with its traceback
                except BrokenProcessPool as exc:
                    exc.add_note(_MAIN_GUARD)
                    raise
                yield meta
                nxt = next(pending, None)
                if nxt is not None:
                    running.add(pool.submit(code_batch, *nxt, staging, *settings))
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted or a bug: stop now, do not wait for the batches in flight
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                with contextlib.suppress(Exception):
                    process.terminate()


# --- the worker group (POSIX) -------------------------------------------------------------------


class _RemoteTraceback(Exception):
    """The traceback of an exception raised in a member (its ``__cause__``), as
    concurrent.futures shows a worker's."""

    def __init__(self, tb: str) -> None:
        super().__init__(tb)
        self.tb = tb

    def __str__(self) -> str:
        return self.tb


class _WorkerGroup:
    """``jobs`` worker processes in which the first is the template of the others.

    The coordinator (this process) spawns one *host* (:func:`_group_host`), which loads what
    coding needs (:func:`warm_up`), freezes it (``gc.freeze()``: its objects move to the
    collector's permanent generation, which later collections never walk, so they do not
    write to, and copy, the pages shared after a fork) and then forks ``jobs - 1``
    *siblings* before it starts any thread. Every member then takes tasks ``(tag, fn,
    args)`` from one queue and puts ``fn(*args)``, or the exception it raised with its
    formatted traceback, on a result pipe. A fork server would have kept the warm template
    as an idle process of its own, whose copy of the pages that every worker writes to
    (reference counts, the interpreter's specialised bytecode) is pure waste: measured at
    ~40 MiB of PSS on the tree of a two-worker run. The pattern is the one the Python
    documentation gives for ``gc.freeze`` (https://docs.python.org/3/library/gc.html).

    A member that dies (killed, a crash, a script without the ``__main__`` guard, so that the
    host cannot start) is a :class:`RunError` in :meth:`result`, raised within a fraction of
    a second (the members' liveness is polled while waiting); :meth:`terminate` stops every
    member (Ctrl-C, a bug); every member ends itself when the coordinator dies (``kill -9``)
    and a sibling when the host does (:func:`_exit_with`).
    """

    def __init__(self, jobs: int) -> None:
        import queue

        ctx = _mp_context()
        self.jobs = jobs
        self.tasks = ctx.Queue()  # a feeder thread: submit never blocks on a full pipe
        reader, writer = ctx.Pipe(duplex=False)
        self.inbox: queue.Queue = queue.Queue()  # messages, as the reader thread receives them
        # the members' lock on the pipe: kept, since its semaphore goes with the last reference
        # here, and the spawned host opens it by name after start() has dropped its arguments
        self.lock = ctx.Lock()
        self.host = ctx.Process(
            target=_group_host,
            args=(jobs, os.getpid(), self.tasks, writer, self.lock),
            name="relations-worker-host",
            daemon=True,  # multiprocessing ends it when this process exits
        )
        self.siblings: list[int] = []
        self.tags = 0
        self.ended = False  # closed or terminated: the ids may belong to other processes now
        try:
            with _sigint_ignored():  # inherited through exec: the host never sees Ctrl-C
                self.host.start()
            # the members hold the write end now; with ours closed, the reader sees the end
            # of the pipe once every member is gone (even one killed mid-message)
            writer.close()
            threading.Thread(
                target=_read_results,
                args=(reader, self.inbox),
                name="relations-results",
                daemon=True,
            ).start()
            kind, _, value = self._receive(starting=True)
            if kind == "error":  # the warm-up failed: its exception, with its traceback
                _raise_remote(*value)
            self.siblings = list(value)
        except BaseException:
            self.terminate()
            raise

    @property
    def members(self) -> list[int]:
        """The members' process ids, the host's first."""
        return [self.host.pid, *self.siblings]

    def submit(self, fn: Callable, *args: Any) -> int:
        """Queue ``fn(*args)`` for a member (``fn`` a module-level function); its tag."""
        self.tags += 1
        self.tasks.put((self.tags, fn, args))
        return self.tags

    def result(self) -> Any:
        """The next value a member returned, in completion order; an exception it raised is
        raised here, its ``__cause__`` the member's traceback."""
        kind, _, value = self._receive()
        if kind == "error":
            _raise_remote(*value)
        return value

    def _receive(self, starting: bool = False) -> tuple[str, int | None, Any]:
        import pickle
        import queue

        while True:
            try:
                message = self.inbox.get(timeout=0.2)
            except queue.Empty:
                self._check(starting)
                continue
            if message is None:  # every member closed the pipe: they are exiting
                self.host.join(timeout=5)
                self._check(starting)
                raise RunError("the worker processes ended while the run was coding")
            # a dead member is reported at once, not only when the others fall silent
            self._check(starting)
            try:
                return pickle.loads(message)
            except Exception as exc:  # an exception that cannot be rebuilt here
                return "error", None, (RunError(f"a worker's message is unreadable: {exc}"), "")

    def _check(self, starting: bool) -> None:
        """Raise a RunError when a member is gone."""
        if starting and self.host.exitcode is not None:
            code = self.host.exitcode
            error = RunError(
                f"the worker processes could not start: process {self.host.pid} "
                + (
                    f"exited ({_how(code)}) before it was ready; its error is printed above"
                    if code > 0
                    else f"was {_how(code)} before it was ready"
                )
            )
            if code > 0:  # an error while starting: most often a script without the guard
                error.add_note(_MAIN_GUARD)
            raise error
        dead = [pid for pid in self.members if not _alive(pid)]
        if dead:
            how = f" ({_how(self.host.exitcode)})" if dead == [self.host.pid] else ""
            raise RunError(
                f"worker process {', '.join(map(str, dead))} died{how} while the run was "
                "coding (killed, or out of memory?); the complete parts stay: rerun the same "
                "command to resume"
            )

    def close(self) -> None:
        """End every member once the tasks are done (a ``None`` task each)."""
        for _ in range(self.jobs):
            self.tasks.put(None)
        self.host.join(timeout=60)  # the host waits for its siblings
        if self.host.exitcode is None:
            self.terminate()
            return
        self.ended = True
        self.tasks.close()
        self.tasks.join_thread()

    def terminate(self) -> None:
        """Stop every member now (the siblings first: while the host lives, their ids are
        its children's and cannot be reused), then wait for them to be gone."""
        import signal

        if self.ended:
            return
        self.ended = True
        for pid in self.siblings:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        if self.host.pid is not None:
            with contextlib.suppress(Exception):
                self.host.terminate()
            self.host.join(timeout=10)
            if self.host.exitcode is None:
                self.host.kill()
                self.host.join(timeout=10)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in self.siblings) and time.monotonic() < deadline:
            time.sleep(0.02)
        self.tasks.cancel_join_thread()  # tasks nobody will read: do not wait to flush them
        self.tasks.close()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored in this process for the block (when this is the main thread: only it
    may set handlers); a process started meanwhile keeps it ignored through ``exec``, and
    Python then installs no KeyboardInterrupt handler in it."""
    import signal

    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous is None:
        yield  # not ours to change (another thread, a handler installed outside Python)
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _raise_remote(exc: BaseException, tb: str) -> None:
    """Raise a member's exception here, its traceback as the ``__cause__``."""
    exc.__cause__ = _RemoteTraceback(tb)
    raise exc


def _how(exitcode: int | None) -> str:
    """How a process ended, from its exit code."""
    import signal

    if exitcode is None:
        return "still running"
    if exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-exitcode).name}"
        return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


def _read_results(reader: Any, inbox: Any) -> None:
    """The coordinator's reader thread: each message's bytes into ``inbox`` (unpickled by the
    waiting thread), then ``None`` at the end of the pipe. A thread, so that the waiting
    thread can poll the members' liveness even while a message is half-written."""
    try:
        while True:
            inbox.put(reader.recv_bytes())
    except (EOFError, OSError):
        pass
    finally:
        inbox.put(None)
        reader.close()


def _group_host(jobs: int, coordinator: int, tasks: Any, results: Any, lock: Any) -> None:
    """The first member of a :class:`_WorkerGroup` (run in a spawned process): warm up,
    freeze, fork the siblings, report them, and serve tasks like them."""
    import gc
    import signal

    # Ctrl-C reaches the whole process group: the coordinator alone decides (it stops us)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stop = threading.Event()
    watch = _exit_with(coordinator, stop=stop)  # while warming up; ended before forking
    try:
        warm_up()
    except BaseException as exc:
        _send(results, lock, "error", None, (exc, _formatted(exc)))
        return
    finally:
        stop.set()
        watch.join()
    gc.collect()
    gc.freeze()
    host = os.getpid()
    siblings = []
    for _ in range(jobs - 1):
        pid = os.fork()  # no thread runs in this process now: the child gets a sane copy
        if pid == 0:
            code = 1
            try:
                _serve(tasks, results, lock, coordinator, host)
                code = 0
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                # never return into the host's multiprocessing bootstrap (its cleanup, its exit)
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
        siblings.append(pid)
    _send(results, lock, "members", None, siblings)
    _serve(tasks, results, lock, coordinator)
    for pid in siblings:  # reap them: the coordinator waits for the host alone
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _serve(tasks: Any, results: Any, lock: Any, *watched: int) -> None:
    """A member's loop: watch ``watched`` (:func:`_exit_with`), then take tasks until a
    ``None``, putting each result (or the exception and its traceback) on ``results``."""
    _exit_with(*watched)
    while True:
        task = tasks.get()
        if task is None:
            return
        tag, fn, args = task
        try:
            try:
                value = fn(*args)
            except BaseException as exc:  # a bug (or a value that cannot be pickled)
                _send(results, lock, "error", tag, (exc, _formatted(exc)))
            else:
                _send(results, lock, "done", tag, value)
        except (BrokenPipeError, ConnectionResetError):
            os._exit(1)  # the coordinator is gone (killed): nobody to tell, end quietly


def _formatted(exc: BaseException) -> str:
    import traceback

    return '\n"""\n' + "".join(traceback.format_exception(exc)) + '"""'


def _send(results: Any, lock: Any, kind: str, tag: int | None, value: Any) -> None:
    """Pickle first (a failure leaves the pipe untouched), then write under the lock (the
    members share the pipe)."""
    import pickle

    try:
        payload = pickle.dumps((kind, tag, value))
    except Exception as exc:  # an exception that cannot be pickled: its text
        if kind != "error":
            raise
        original, tb = value
        payload = pickle.dumps(
            (kind, tag, (RuntimeError(f"{type(original).__name__}: {original} ({exc})"), tb))
        )
    with lock:
        results.send_bytes(payload)


# --- the parts folder ---------------------------------------------------------------------------


@dataclass
class _Part:
    meta: dict  # the manifest line

    @property
    def number(self) -> int:
        return int(self.meta["part"])


@dataclass
class _Folder:
    """The parts folder of a run (``out/parts``): its manifest and complete parts, locked."""

    path: Path
    header: dict
    parts: list[_Part] = field(default_factory=list)
    given: Any = None  # the input as this invocation wrote it (the header keeps the first's)
    created: bool = False
    lock_fd: int | None = None

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, out: Path, header: dict, *, fresh: bool) -> _Folder:
        if out.exists() and not out.is_dir():
            raise RunError(f"{shown(out)}: the output must be a folder, and this is a file")
        path = out / PARTS
        created = not path.exists()
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RunError(f"{shown(path)}: cannot create the folder: {exc.strerror}") from None
        folder = cls(path, header, created=created)
        folder._lock()
        try:
            if fresh:
                folder._remove_run()
            folder._load()
            folder._clean()
        except BaseException:
            folder.close()
            raise
        return folder

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # not a POSIX system: runs are not serialised
            return
        fd = os.open(self.path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise RunError(
                f"{shown(self.path.parent)}: another corpus run is writing into this folder; "
                "wait for it to end, or choose another --out"
            ) from None
        self.lock_fd = fd

    def close(self) -> None:
        if self.lock_fd is not None:
            os.close(self.lock_fd)  # releases the lock
            self.lock_fd = None

    def _remove_run(self) -> None:
        """Remove a previous run (manifest, parts, staging); the lock stays on the folder."""
        for child in self.path.iterdir():
            if child.name in (MANIFEST, STAGING) or child.name.startswith("part-"):
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)

    def _load(self) -> None:
        manifest = self.path / MANIFEST
        if not manifest.exists():
            _append(manifest, self.header)
            return
        header, parts, torn = _parse_manifest(manifest)
        differs = [k for k in _SETTINGS if not _same(k, header.get(k), self.header.get(k))]
        if differs:
            what = "; ".join(
                f"{_SETTING_NAMES.get(k, k)} {header.get(k)!r}, now {self.header.get(k)!r}"
                for k in differs
            )
            raise RunSettingsError(
                f"{shown(self.path.parent)}: holds a run with other settings ({what}). Rerun "
                "with the same input and options to resume, pass --fresh (fresh=True) to start "
                "over, or choose another --out",
                settings=tuple(differs),
            )
        self.given = self.header.get("input")  # as this invocation wrote it
        self.header = {**header, "id_root": header.get("id_root", self.header.get("id_root"))}
        self.parts = [_Part(r) for r in parts]
        if torn:  # the last append was cut short (a full disk): forget it, its part is redone
            self._rewrite()

    def _rewrite(self) -> None:
        from ..outputs import write_atomic

        lines = [self.header, *(p.meta for p in self.parts)]
        write_atomic(self.path / MANIFEST, b"".join(_line(r) for r in lines))

    def _clean(self) -> None:
        """Remove what a killed run left: staging, part folders the manifest does not name, and
        parts whose files are not all there as the manifest records them."""
        shutil.rmtree(self.path / STAGING, ignore_errors=True)
        listed = {p.meta["folder"] for p in self.parts}
        for child in self.path.iterdir():
            if child.name.startswith("part-") and child.name not in listed:
                shutil.rmtree(child, ignore_errors=True)
        broken = [p for p in self.parts if not self._intact(p)]
        if broken:
            self._drop(broken)

    def _intact(self, part: _Part) -> bool:
        folder = self.path / part.meta["folder"]
        for name, size in part.meta["files"].items():
            try:
                if (folder / name).stat().st_size != size:
                    return False
            except OSError:
                return False
        return True

    def _drop(self, parts: list[_Part]) -> None:
        """Forget parts (their articles will be coded again) and remove their folders."""
        gone = {id(p) for p in parts}
        self.parts = [p for p in self.parts if id(p) not in gone]
        self._rewrite()  # first forget, then remove: a kill in between leaves an orphan folder
        for part in parts:
            shutil.rmtree(self.path / part.meta["folder"], ignore_errors=True)

    # -- running -------------------------------------------------------------------------------

    def todo(self, sources: list[str], timeout: float | None = None) -> list[str]:
        """The sources no complete part holds, after dropping the parts that hold a file that
        changed (size or modification time) or disappeared since it was coded, and the parts
        with an article that timed out under a shorter limit than ``timeout``."""
        now = self._where(None)
        stale = []
        for part in self.parts:
            if part.meta.get("timed_out") and _longer(timeout, part.meta.get("timeout")):
                stale.append(part)  # given more time, its slow articles may now finish
                continue
            then = self._where(part)
            for source, size, mtime in part.meta["articles"]:
                if _signature(then.real(source)) != (None if size is None else [size, mtime]):
                    stale.append(part)
                    break
        if stale:
            self._drop(stale)
        done = {self._where(p).real(a[0]) for p in self.parts for a in p.meta["articles"]}
        return [s for s in sources if now.real(s) not in done]

    def _where(self, part: _Part | None) -> _Where:
        """How ``part`` (None: this invocation) wrote its article paths: the input folder as
        the invocation that coded it wrote it (recorded in the part when it differs from the
        header's)."""
        if part is None:
            return _Where(self.given if self.given is not None else self.header.get("input"))
        return _Where(part.meta.get("input", self.header.get("input")))

    def add_formats(self, formats: tuple[str, ...]) -> int:
        """Give every complete part the files of ``formats`` it lacks (a rerun asking another
        --format), written from its Parquet files; returns how many parts changed. Each file
        is written whole (a temporary name, then a rename) before the manifest names it."""
        from ..outputs import serialise, write_atomic

        changed = 0
        meta = None
        for part in self.parts:
            files = part.meta["files"]
            missing = [(t, f) for t in TABLES for f in formats if f"{t}.{f}" not in files]
            if not missing:
                continue
            import pandas as pd

            meta = meta or _empty_tables()
            folder = self.path / part.meta["folder"]
            for table, fmt in missing:
                frame = _cast(pd.read_parquet(folder / f"{table}.parquet"), meta[table])
                payload = serialise(frame, fmt)
                write_atomic(folder / f"{table}.{fmt}", payload)
                files[f"{table}.{fmt}"] = len(payload)
            changed += 1
        wanted = list(dict.fromkeys([*self.header.get("formats", []), *formats]))
        if changed or wanted != self.header.get("formats"):
            self.header["formats"] = wanted
            self._rewrite()
        return changed

    def mark(self, *, inputs: int, finished: bool) -> None:
        """Record in the header how many articles this invocation was given and whether it
        coded them all (``read_run`` warns about a run that did not finish)."""
        if self.header.get("inputs") != inputs or self.header.get("finished") != finished:
            self.header["inputs"] = inputs
            self.header["finished"] = finished
            self._rewrite()

    def next_part(self) -> int:
        numbers = [p.number for p in self.parts]
        for child in self.path.iterdir():  # and any folder a straggler may still move in
            with contextlib.suppress(ValueError):
                numbers.append(int(child.name.removeprefix("part-")))
        return max(numbers, default=-1) + 1

    def new_staging(self) -> Path:
        staging = self.path / STAGING / f"run-{uuid.uuid4().hex[:12]}"
        staging.mkdir(parents=True)
        return staging

    def publish(self, meta: dict, staging: Path) -> None:
        """Move a written part into place (one rename), then record it in the manifest."""
        from ..outputs import _fsync_dir

        os.rename(staging / meta["folder"], self.path / meta["folder"])
        _fsync_dir(self.path)
        record = {k: meta[k] for k in _RECORDED}
        if self.given is not None and self.given != self.header.get("input"):
            record["input"] = self.given  # the folder written another way: see _where
        _append(self.path / MANIFEST, record)
        self.parts.append(_Part(record))

    def remove_if_empty_run(self) -> bool:
        """Remove the parts folder when this run made it and no article could be coded (a
        failed run leaves the output folder as it found it)."""
        if self.created and not any(p.meta["coded"] for p in self.parts):
            shutil.rmtree(self.path, ignore_errors=True)
            return True
        return False


#: Header fields that must match for a run to resume. Not the formats (a rerun asking others
#: adds them to the parts written: :meth:`_Folder.add_formats`), nor the time limit (parts
#: with an article that hit a shorter one are coded again: :meth:`_Folder.todo`).
_SETTINGS = ("kind", "version", "library", "input", "max_bytes")
#: How a setting is named in messages.
_SETTING_NAMES = {
    "kind": "manifest kind",
    "version": "manifest version",
    "library": "relations_lib version",
    "input": "input",
    "max_bytes": "--max-bytes (max_bytes)",
}
#: Fields of a part's metadata kept in the manifest.
_RECORDED = (
    "part",
    "folder",
    "articles",
    "coded",
    "skipped",
    "rows",
    "files",
    "warned",
    "timed_out",
    "timeout",
)


def _same(setting: str, then: Any, now: Any) -> bool:
    """Whether a header setting of the run on disk matches this invocation's. An input folder
    is the same folder however it is written ("in/sub" from /tmp/x, "/tmp/x/in/sub" from /):
    compared by its resolved path (the written form is kept for messages)."""
    folders = isinstance(then, dict) and isinstance(now, dict)
    if setting == "input" and folders and "resolved" in then and "resolved" in now:
        return then["resolved"] == now["resolved"]
    return then == now


@dataclass
class _Where:
    """Maps an article path as one invocation wrote it (relative to its working directory, or
    absolute) to the file it names, through the input folder's written and resolved forms, so
    that a rerun from another directory recognises the articles already coded."""

    given: Any

    def real(self, source: str) -> str:
        if not (isinstance(self.given, dict) and "resolved" in self.given):
            return source  # files and lists of files are compared as written
        inside = os.path.relpath(source, self.given["folder"])
        return os.path.normpath(os.path.join(self.given["resolved"], inside))


def _longer(now: float | None, then: float | None) -> bool:
    """Whether the time limit ``now`` gives an article more time than ``then`` (None: none)."""
    if then is None:
        return False
    return now is None or now > then


def _line(record: dict) -> bytes:
    # ensure_ascii: a non-UTF-8 file name (lone surrogates) round-trips as \udcXX escapes
    return (json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def _append(path: Path, record: dict) -> None:
    """Append one line and flush it to disk (one write: a kill leaves it whole or absent)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        os.write(fd, _line(record))
        os.fsync(fd)
    finally:
        os.close(fd)


def _parse_manifest(path: Path) -> tuple[dict, list[dict], bool]:
    """The header and part records of a manifest, and whether its last line was torn (written
    only in part: no newline at its end), which is then ignored."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RunError(
            f"{shown(path.parent.parent)}: no corpus run here (no {PARTS}/{MANIFEST})"
        ) from None
    *lines, tail = raw.split(b"\n")
    records = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except ValueError:
            raise RunError(
                f"{shown(path)}:{i + 1}: not a manifest line; choose another --out, or pass "
                "--fresh to start over"
            ) from None
    if not records or not isinstance(records[0], dict) or records[0].get("kind") != MANIFEST_KIND:
        raise RunError(f"{shown(path)}: not a relations_lib corpus manifest; choose another --out")
    parts = [r for r in records[1:] if isinstance(r, dict) and "part" in r]
    return records[0], parts, bool(tail.strip())


# --- planning -----------------------------------------------------------------------------------


def _order(source: str) -> bytes:
    """Sort key of an article: its path as bytes (``list_articles`` sorts a folder so)."""
    return os.fsencode(source)


def _list_sources(inputs: str | os.PathLike | Iterable[str | os.PathLike]) -> tuple[list[str], Any]:
    """The article files, sorted by path (a folder: its ``*.txt`` files, as
    ``extract_events_many`` lists them; one path; or a list of paths, repeats dropped), and
    what the manifest records as the input."""
    if isinstance(inputs, str | os.PathLike):
        # a folder that may not be listed or holds no article, or nothing at the path:
        # ArticleFileError (input_articles), before anything is written
        sources = [os.fspath(p) for p in input_articles(inputs)]
        if is_folder(inputs):
            path = Path(inputs)
            return sources, {"folder": os.fspath(path), "resolved": os.fspath(path.resolve())}
        return sources, None
    if isinstance(inputs, Iterable):
        out = []
        for item in inputs:
            if not isinstance(item, str | os.PathLike):
                raise ArgumentTypeError(
                    f"run_corpus reads article files: expected paths, got {type(item).__name__}",
                    parameter="inputs",
                )
            out.append(os.fspath(item))
        return sorted(set(out), key=_order), None
    raise ArgumentTypeError(
        f"run_corpus takes a folder, a path or a list of paths, not {type(inputs).__name__}"
    )


def _plan(sources: list[str], todo: list[str], size: int, first: int) -> list[Batch]:
    """Batches of at most ``size`` sources to code, each a run of *consecutive* sources (none
    done in between): parts then cover disjoint ranges of the sorted sources, so stacking them
    in order needs one part in memory at a time, even after a resumed run."""
    waiting = set(todo)
    batches: list[Batch] = []
    current: list[str] = []
    for source in sources:
        if source in waiting:
            current.append(source)
            if len(current) < size:
                continue
        if current:
            batches.append((first + len(batches), current))
            current = []
    if current:
        batches.append((first + len(batches), current))
    return batches


def _batch_size(n: int, workers: int, batch_size: int | None) -> int:
    if batch_size is not None:
        return batch_size
    # a few batches per worker, so a slow batch does not leave the others idle at the end
    return max(1, min(DEFAULT_BATCH_SIZE, -(-n // (4 * workers))))


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    wanted = ["parquet", *formats]
    unknown = sorted(set(wanted) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; formats: {', '.join(FORMATS)}")
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        raise MissingDependencyError(
            "a corpus run writes Parquet parts, which needs pyarrow: "
            "pip install 'relations_lib[parquet]'"
        )
    return tuple(dict.fromkeys(wanted))


# --- the run ------------------------------------------------------------------------------------


@dataclass
class RunSummary:
    """What :func:`run_corpus` did.

    Two kinds of counts: what *this invocation* did (``coded``, ``skipped``, ``warned``,
    ``timed_out``, ``parts``, ``rows``, ``failures``), and the totals of the *run* in ``out``
    over every complete part, whichever invocation wrote it (``coded_total``,
    ``skipped_total``, ``warned_total``, ``parts_total``, ``rows_total``): after a resumed run,
    the totals are what :func:`read_run` reads.

    ``out``: the output folder; ``inputs``: articles given; ``already_done``: of those, articles
    that complete parts already held (a resumed run); ``coded`` / ``skipped``: articles coded /
    reported as errors by this invocation; ``warned``: of the articles it coded, those that
    raised warnings (``errors`` rows of severity "warning"); ``timed_out``: of those skipped,
    the ones that took longer than the time limit; ``parts``: parts written by this invocation;
    ``rows``: rows it wrote, per table (``errors``: its error and warning rows);
    ``failures``: ``(source, line, error_type, error)`` of its skipped articles, in source
    order (not the order the workers happened to finish in);
    ``*_total``: the same counts over the whole run; ``tables``: the stacked table files
    written (empty when not asked, or when no article could be coded); ``seconds``;
    ``peak_rss_mib`` (this process) and ``worker_peak_rss_mib`` (the largest worker process;
    this process's when it coded); ``workers``: how many processes (or cluster threads) coded;
    ``subfolders_not_read``: the sub-folders of an input folder that hold ``*.txt`` files,
    which a folder run does not read (it is not recursive; paths as shown in messages).
    """

    out: Path
    inputs: int
    already_done: int
    coded: int = 0
    skipped: int = 0
    warned: int = 0
    timed_out: int = 0
    parts: int = 0
    parts_total: int = 0
    coded_total: int = 0
    skipped_total: int = 0
    warned_total: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    rows_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    failures: list[tuple] = field(default_factory=list)
    tables: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mib: float | None = None
    worker_peak_rss_mib: float | None = None
    workers: int = 1
    subfolders_not_read: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The summary as plain JSON-able values."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["out"] = str(self.out)
        d["tables"] = [str(t) for t in self.tables]
        d["failures"] = [list(f) for f in self.failures]
        return d


Progress = Callable[[int, int], None]


def run_corpus(
    inputs: str | os.PathLike | Iterable[str | os.PathLike],
    out: str | os.PathLike,
    *,
    jobs: int | None = None,
    batch_size: int | None = None,
    formats: Iterable[str] = (),
    tables: str | None = None,
    scheduler: Any = None,
    progress: bool | Progress | None = None,
    fresh: bool = False,
    max_bytes: int | None = MAX_ARTICLE_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> RunSummary:
    """Code many article files into ``out``, one part per batch, resuming what a run left.

    Parameters
    ----------
    inputs : a folder (its ``*.txt`` files), an article file, or a list of files.
    out : the output folder (created if missing); see the module docstring for its layout.
    jobs : worker processes; default every core this process may use (:func:`default_jobs`).
        ``1`` codes in this process. A script that runs with more than one needs the usual
        ``if __name__ == "__main__":`` guard (the workers import it, as in any multiprocessing).
    batch_size : articles per part; default :data:`DEFAULT_BATCH_SIZE`, fewer when the corpus
        is small (at least four batches per worker). Memory grows with it, not with the corpus.
    formats : ``"csv"`` and/or ``"json"`` part files to write beside the Parquet ones (CSV
        parts are written anyway when ``tables="csv"``).
    tables : ``"csv"``, ``"parquet"`` or ``"json"``: when every article is done, also write the
        stacked tables ``out/events.<fmt>`` … ``out/errors.<fmt>``, switched in as one set
        (:func:`write_stacked`); None (default): only the parts.
    scheduler : a Dask scheduler address (``"tcp://HOST:8786"``) or a ``distributed.Client``:
        the batches run on that cluster (needs ``relations_lib[dask]``; the workers must see the
        input and output folders at the same paths). ``jobs`` is then ignored.
    progress : True for a progress bar on stderr (articles, rate, time left), or a function
        called as ``progress(done, total)`` after each part.
    fresh : remove a previous run in ``out`` (its parts and manifest; nothing else) first.
    max_bytes : size limit of one article file in bytes (default 10 MiB; ``None``: no limit);
        a larger file is an ``ArticleTooLargeError`` row of ``errors``.
    timeout : seconds one article may take to be read and coded (default
        :data:`~relations_lib.corpus.limits.DEFAULT_TIMEOUT`, 600; ``None``: no limit),
        enforced inside the worker that codes it, with every engine
        (:func:`relations_lib.corpus.limits.call_with_limit`): a slower article is an
        ``ArticleTimeoutError`` row of ``errors`` ("timed out after N s") and the run goes on.
        A rerun with a longer limit (or None) codes such articles again; otherwise the limit
        may change between runs.

    Article ids: ``event_id`` (and ``restates``) name the article by its path relative to the
    input root, ``/``-separated, without its suffix (:func:`relations_lib.corpus.batches.
    article_key`): unique across the run even when two folders hold files of the same name,
    and the same for every engine and however the run was resumed. The root is the input
    folder (for a file or a list of files: their common folder), recorded in the manifest's
    header as ``id_root`` when the run starts and kept by every rerun. In a flat folder this is
    the file's stem: the ids of :func:`relations_lib.extract_events`.

    Warnings an article raises while it is coded (an ``UnknownCountryWarning`` for a title
    country the registry does not know) are ``errors`` rows of severity ``"warning"``, not
    printed; ``RunSummary.warned`` counts the articles.

    Formats: a rerun that asks for ``formats`` the parts lack resumes and adds those files to
    every complete part (from its Parquet files), so every part has every asked format.

    In CSV files (parts and tables), text cells that a spreadsheet would run as a formula are
    neutralised (:func:`relations_lib.outputs.neutralise_formulas`); Parquet and JSON keep the
    exact text.

    Returns
    -------
    RunSummary
        Counts, timings and memory of the run. Read the tables with :func:`read_run`.

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    RunError
        ``out`` is a file or is being written by another run; or run_corpus was called by a
        worker process importing the script that started the run (a script must call it
        under ``if __name__ == "__main__":``); or a worker process died during the run
        (killed, out of memory, or it could not start: the message says which; the
        complete parts stay, a rerun resumes).
    RunSettingsError
        ``out`` holds a run of another input, size limit or library version (resume with the
        same settings, or pass ``fresh=True``, or choose another ``out``); a
        :class:`RunError`. Two input files would get the same article id (``a.txt`` and
        ``a.md`` in one folder): rename one.
    ArticleFileError
        ``inputs`` is a folder that cannot be listed or holds no ``*.txt`` article, or a
        single path with nothing there (naming it; files missing inside a folder or a list
        are rows of ``errors``).
    OutputError
        The stacked tables could not be written (``out`` keeps its earlier ones).
    MissingDependencyError
        pyarrow (or, for ``scheduler``, dask.distributed) is not installed.
    KeyboardInterrupt
        Passed on after the workers are stopped; the complete parts stay, a rerun resumes.
    """
    check(
        "run_corpus",
        inputs=(inputs, RUN_INPUTS),
        out=(out, PATH),
        jobs=(jobs, optional(at_least(1))),
        batch_size=(batch_size, optional(at_least(1))),
        formats=(formats, iterable_of(one_of(*FORMATS), "an iterable of formats")),
        tables=(tables, optional(one_of(*FORMATS))),
        scheduler=(scheduler, SCHEDULER),
        progress=(progress, optional(either(BOOL, CALLABLE))),
        fresh=(fresh, BOOL),
        max_bytes=(max_bytes, MAX_BYTES),
        timeout=(timeout, TIMEOUT),
    )
    from .. import __version__

    if _in_worker_bootstrap():  # else: "another run is writing" and a broken pool
        raise RunError(f"run_corpus() called while a worker process starts: {_MAIN_GUARD}")
    t0 = time.perf_counter()
    formats = _formats(formats)
    check_max_bytes(max_bytes)
    check_timeout(timeout)
    if tables is not None and tables not in FORMATS:
        raise ValueError(f"unknown tables format {tables!r}; formats: {', '.join(FORMATS)}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if batch_size is not None and batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    sources, given = _list_sources(inputs)
    header = {
        "kind": MANIFEST_KIND,
        "version": MANIFEST_VERSION,
        "library": __version__,
        "input": given,
        "formats": list(formats),
        "max_bytes": max_bytes,
        "tables": list(TABLES),
        "id_root": _id_root(inputs, sources),
    }
    # CSV tables are stacked from CSV parts, which the workers serialise in parallel (not a
    # setting: a later run asking other tables may resume this one)
    part_formats = (*formats, "csv") if tables == "csv" and "csv" not in formats else formats
    out = Path(out)
    with contextlib.ExitStack() as stack:
        client = None
        if scheduler is not None:
            from .dask_engine import cluster_workers, code_batches_on_cluster, connect

            client = connect(scheduler)
            if client is not scheduler:  # ours: closed at the end
                stack.callback(client.close)
        _check_keys(sources, header["id_root"])  # before anything is written
        folder = _Folder.open(out, header, fresh=fresh)
        stack.callback(folder.close)
        root = folder.header["id_root"]  # the one the run started with
        settings = (part_formats, max_bytes, root, timeout)
        todo = folder.todo(sources, timeout)
        folder.add_formats(formats)
        folder.mark(inputs=len(sources), finished=not todo)
        summary = RunSummary(out=out, inputs=len(sources), already_done=len(sources) - len(todo))
        if isinstance(given, dict):  # a folder: say what a non-recursive run leaves out
            summary.subfolders_not_read = [shown(p) for p in unread_subfolders(inputs)]
        workers = cluster_workers(client) if client is not None else (jobs or default_jobs())
        workers = max(1, min(workers, len(todo)))
        summary.workers = workers
        size = _batch_size(len(todo), workers, batch_size)
        batches = _plan(sources, todo, size, folder.next_part())
        if client is None:  # no process without a batch to code (a large --batch-size)
            workers = summary.workers = max(1, min(workers, len(batches)))
        bar = _Bar(progress, len(sources), summary.already_done)
        stack.callback(bar.close)
        staging = folder.new_staging()
        stack.callback(_remove_staging, staging)
        if not batches:
            results: Iterator[dict] = _nothing()
        elif client is not None:
            results = code_batches_on_cluster(client, batches, str(staging), *settings)
        elif workers == 1:
            results = _code_here(batches, str(staging), *settings)
        else:
            engine = _code_in_group if _FORK_GROUP else _code_in_pool
            results = engine(batches, str(staging), *settings, jobs=workers)
        with contextlib.closing(results):  # an interrupt or a bug stops the workers first
            for meta in results:
                folder.publish(meta, staging)
                _add(summary, meta)
                bar(summary.already_done + summary.coded + summary.skipped, len(sources))
        bar.close()
        _remove_staging(staging)
        folder.mark(inputs=len(sources), finished=True)  # every article is in a part
        _totals(summary, [p.meta for p in folder.parts])
        if not folder.remove_if_empty_run() and tables is not None and summary.coded_total:
            summary.tables = write_stacked(out, tables)
    summary.failures.sort(key=lambda f: (str(f[0]), str(f[2]), str(f[3])))
    summary.seconds = time.perf_counter() - t0
    summary.peak_rss_mib = peak_rss_mib()
    if summary.worker_peak_rss_mib is None:
        summary.worker_peak_rss_mib = summary.peak_rss_mib
    return summary


def _totals(summary: RunSummary, parts: list[dict]) -> None:
    """The run's totals over its complete parts (every invocation's)."""
    summary.parts_total = len(parts)
    summary.coded_total = sum(p["coded"] for p in parts)
    summary.skipped_total = sum(p["skipped"] for p in parts)
    summary.warned_total = sum(len(p.get("warned", ())) for p in parts)
    summary.rows_total = {t: sum(p["rows"].get(t, 0) for p in parts) for t in TABLES}


def _id_root(inputs: Any, sources: list[str]) -> str | None:
    """The folder article ids are relative to: the input folder, or the common folder of the
    input files (absolute; None when there are none)."""
    if isinstance(inputs, str | os.PathLike) and is_folder(inputs):
        return os.path.abspath(inputs)
    if not sources:
        return None
    return os.path.commonpath([os.path.dirname(os.path.abspath(s)) for s in sources])


def _check_keys(sources: list[str], root: str | None) -> None:
    """Two inputs must not get the same article id (``a.txt`` and ``a.md`` side by side). Two
    paths collide when they are in the same folder and differ only by their suffix, whatever
    the root: checked before the run's root is read from a manifest."""
    seen: dict[str, str] = {}
    for source in sources:
        key = article_key(source, root)
        if key in seen:
            raise RunSettingsError(
                f"{shown(seen[key])} and {shown(source)} would both be named {key!r} in "
                "event_id values (a path without its suffix): rename one, or run them into "
                "separate --out folders",
                settings=("input",),
            )
        seen[key] = source


def _remove_staging(staging: Path) -> None:
    """Remove the staging folder, with whatever killed runs left there (this run holds the
    lock: no other run is writing)."""
    shutil.rmtree(staging.parent, ignore_errors=True)


def _nothing() -> Iterator[dict]:
    yield from ()


def _add(summary: RunSummary, meta: dict) -> None:
    summary.parts += 1
    summary.coded += meta["coded"]
    summary.skipped += meta["skipped"]
    for table, n in meta["rows"].items():
        summary.rows[table] = summary.rows.get(table, 0) + n
    summary.failures += [tuple(f) for f in meta["failures"]]
    summary.warned += len(meta.get("warned", ()))
    summary.timed_out += len(meta.get("timed_out", ()))
    if meta.get("pid") != os.getpid() and meta.get("peak_rss_mib") is not None:
        summary.worker_peak_rss_mib = max(summary.worker_peak_rss_mib or 0, meta["peak_rss_mib"])


class _Bar:
    """tqdm on stderr, or a callback, or nothing."""

    def __init__(self, progress: bool | Progress | None, total: int, initial: int) -> None:
        self.tqdm = None
        self.callback = progress if callable(progress) else None
        if progress is True:
            from tqdm import tqdm

            self.tqdm = tqdm(
                total=total,
                initial=initial,
                unit="article",
                file=sys.stderr,
                dynamic_ncols=True,
                smoothing=0.1,
                desc="coding",
            )

    def __call__(self, done: int, total: int) -> None:
        if self.tqdm is not None:
            self.tqdm.update(done - self.tqdm.n)
        if self.callback is not None:
            self.callback(done, total)

    def close(self) -> None:
        if self.tqdm is not None:
            self.tqdm.close()
            self.tqdm = None


# --- reading a run back -------------------------------------------------------------------------


def _manifest(out: str | os.PathLike) -> tuple[dict, list[dict]]:
    """The header and the complete parts of the run in ``out``."""
    header, parts, _ = _parse_manifest(Path(out) / PARTS / MANIFEST)
    return header, parts


def read_manifest_counts(out: str | os.PathLike) -> tuple[int, int]:
    """(articles coded, articles skipped) over the complete parts of the run in ``out``."""
    _, parts = _manifest(out)
    return sum(p["coded"] for p in parts), sum(p["skipped"] for p in parts)


def _cast(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``meta``'s columns and dtypes (Parquet keeps the values; dtypes such as
    ordered categories or the string flavour are restored here)."""
    frame = frame[list(meta.columns)]
    for column, dtype in meta.dtypes.items():
        if frame[column].dtype != dtype:
            frame[column] = frame[column].astype(dtype)
    return frame


def _real_order(record: dict, header: dict | None) -> list[bytes]:
    """Sort keys of a part's articles by the file each names: the same whichever way the
    invocation that coded it wrote the input folder (:class:`_Where`)."""
    where = _Where(record.get("input", (header or {}).get("input")))
    return [_order(where.real(a[0])) for a in record["articles"]]


def _clusters(parts: list[dict], header: dict | None = None) -> list[list[dict]]:
    """The parts in article order, grouped where their ranges of articles overlap (only when
    files were added between runs; otherwise each part is its own group)."""
    ranged = []
    for record in parts:
        keys = _real_order(record, header)
        if keys:
            ranged.append((min(keys), max(keys), record))
    ranged.sort(key=lambda r: (r[0], r[1]))
    groups: list[list[dict]] = []
    high = None
    for low, top, record in ranged:
        if groups and high is not None and low <= high:
            groups[-1].append(record)
            high = max(high, top)
        else:
            groups.append([record])
            high = top
    return groups


def iter_parts(
    out: str | os.PathLike, tables: Iterable[str] = TABLES
) -> Iterator[tuple[list[dict], dict[str, pd.DataFrame]]]:
    """The complete parts of a run, in article order, a group at a time (memory bounded by one
    part, or by the parts whose articles interleave, when files were added between runs).

    Yields
    ------
    (list[dict], dict[str, pandas.DataFrame])
        The group's manifest records (``part``, ``folder``, ``articles``, ``coded``,
        ``skipped``, ``rows``, ``files``) and its tables (``tables``, default all four), with
        the columns and dtypes of :func:`relations_lib.extract_events_many`'s tables and rows
        in article order.
    """

    meta = _empty_tables()
    header, parts = _manifest(out)
    for group in _clusters(parts, header):
        yield group, {name: _group_frame(out, group, name, meta[name], header) for name in tables}


def _in_order(group: list[dict]) -> bool:
    """One part whose batch was in article order (the usual case): its rows are in order."""
    keys = [_order(a[0]) for a in group[0]["articles"]]
    return len(group) == 1 and keys == sorted(keys)


def _group_frame(
    out: str | os.PathLike,
    group: list[dict],
    name: str,
    meta: pd.DataFrame,
    header: dict | None = None,
) -> pd.DataFrame:
    """One table of a group of parts, typed as ``meta``, its rows in article order."""
    import pandas as pd

    pieces = [
        _cast(pd.read_parquet(Path(out) / PARTS / r["folder"] / f"{name}.parquet"), meta)
        for r in group
    ]
    frame = pieces[0] if len(pieces) == 1 else pd.concat(pieces, ignore_index=True)
    if not _in_order(group):  # a stable sort by article keeps each article's rows in order
        rank = {
            shown(a[0]): key
            for record in group
            for a, key in zip(record["articles"], _real_order(record, header), strict=True)
        }
        key = frame["source" if name == "errors" else "article"].tolist()
        order = sorted(range(len(frame)), key=lambda i: rank.get(key[i], b""))
        frame = frame.iloc[order].reset_index(drop=True)
    return _cast(frame, meta)


def read_run(out: str | os.PathLike) -> CorpusTables:
    """The tables of a run's complete parts, stacked, in article order.

    Rows are ordered by article file path (as :func:`relations_lib.extract_events_many` orders
    a folder) and, within an article, as the single-article tables order them, whichever engine
    wrote the parts and however often the run was resumed: for a folder, the result equals
    ``extract_events_many(folder)``.

    Returns
    -------
    CorpusTables
        ``events``, ``vote_mentions``, ``unmatched`` (``article`` column first), ``errors``
        (``source``, ``line``, ``error_type``, ``error``, ``severity``: skipped articles and
        warnings), ``n_articles`` (coded), ``n_skipped``, ``complete`` (bool: False when
        the run did not finish).

    Raises
    ------
    ArgumentTypeError, ArgumentValueError
        An argument of a type or value the function does not take (the message names it
        and what it accepts; also a TypeError / ValueError).
    RunError
        ``out`` holds no run.

    Warns
    -----
    IncompleteRunWarning
        The run did not finish (interrupted, killed, stopped by a bug): the tables hold only
        the articles of its complete parts. The message says how many of the run's inputs
        are coded and to rerun the same command to resume; ``complete`` is False on what is
        returned. (Runs written before the manifest recorded this are taken as complete.)
    """
    check("read_run", out=(out, PATH))
    import warnings

    import pandas as pd

    from ..errors import IncompleteRunWarning
    from .local import CorpusTables

    header, records = _manifest(out)
    complete = header.get("finished", True) is not False
    if not complete:
        done = len({a[0] for r in records for a in r["articles"]})
        inputs = int(header.get("inputs") or 0)
        given = header.get("input")
        what = shown(given["folder"]) if isinstance(given, dict) else "INPUTS"
        warnings.warn(
            IncompleteRunWarning(
                f"{shown(Path(out))}: the corpus run did not finish: {done} of its {inputs} "
                f"inputs are coded; these tables hold only those. Rerun the same command to "
                f"resume (relations parse {what} --out {shown(Path(out))}, or "
                f"rl.run_corpus(...) with the same inputs)",
                done=done,
                inputs=inputs,
            ),
            stacklevel=2,
        )
    meta = _empty_tables()
    pieces: dict[str, list[pd.DataFrame]] = {name: [meta[name]] for name in TABLES}
    coded = skipped = 0
    for group, frames in iter_parts(out):
        coded += sum(r["coded"] for r in group)
        skipped += sum(r["skipped"] for r in group)
        for name, frame in frames.items():
            pieces[name].append(frame)
    stacked = {
        name: _cast(pd.concat(frames, ignore_index=True), meta[name])
        if len(frames) > 1
        else meta[name]
        for name, frames in pieces.items()
    }
    return CorpusTables(**stacked, n_articles=coded, n_skipped=skipped, complete=complete)


def write_stacked(out: str | os.PathLike, fmt: str = "csv") -> list[Path]:
    """Write the stacked tables of the run in ``out`` as ``out/<table>.<fmt>``, as one set.

    The files are streamed a part (group) at a time, so memory stays bounded by a part (CSV
    parts, which a run asked for CSV tables writes, are copied as they are); they
    are switched in together by :class:`relations_lib.outputs.SetWriter` (the folder holds
    the old set or the new one, never a mix), and the tables of another format that an
    earlier run left are removed in the same switch. CSV cells a spreadsheet would run as
    a formula are neutralised; Parquet and JSON keep the exact text. The rows are those of
    :func:`read_run`, in the same order.

    Returns
    -------
    list[pathlib.Path]
        The files written, in table order.

    Raises
    ------
    OutputError
        A file could not be written (``out`` keeps its earlier tables).
    """
    from ..outputs import FORMATS as OUTPUT_FORMATS
    from ..outputs import SetWriter

    meta = _empty_tables()
    family = {f"{name}.{f}" for name in TABLES for f in OUTPUT_FORMATS}
    writer = SetWriter(out, family=family)
    with writer:
        handles = {}
        with contextlib.ExitStack() as files:
            for name in TABLES:
                handles[name] = _StackedFile(
                    files.enter_context(writer.stream(f"{name}.{fmt}")), fmt
                )
            header, parts = _manifest(out)
            for group in _clusters(parts, header):
                for name in TABLES:
                    csv_part = f"{name}.csv"
                    if fmt == "csv" and _in_order(group) and csv_part in group[0]["files"]:
                        # the part's own CSV (made by the same serialiser), header cut off:
                        # bytes copied, not parsed and written again
                        body = (Path(out) / PARTS / group[0]["folder"] / csv_part).read_bytes()
                        handles[name].write_csv_body(body.split(b"\n", 1)[1], meta[name])
                    else:
                        handles[name].write(_group_frame(out, group, name, meta[name], header))
            for name in TABLES:
                handles[name].close(meta[name])
    return [Path(out) / f"{name}.{fmt}" for name in TABLES]


class _StackedFile:
    """One stacked table written piece by piece: CSV (the header once), Parquet (a row group
    per piece, one schema) or JSON (one list of records)."""

    def __init__(self, fh, fmt: str) -> None:
        self.fh, self.fmt = fh, fmt
        self.pieces = 0
        self.parquet = None

    def write(self, frame: pd.DataFrame) -> None:
        from ..outputs import to_csv_bytes, to_json_bytes

        if self.fmt == "csv":
            self.fh.write(to_csv_bytes(frame, header=self.pieces == 0))
        elif self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self.parquet is None:
                self.parquet = pq.ParquetWriter(self.fh, table.schema)
            self.parquet.write_table(table)
        else:
            if not len(frame):
                return
            body = to_json_bytes(frame).strip()[1:-1].strip()  # the records, without [ ]
            self.fh.write((b"[\n " if self.pieces == 0 else b",\n ") + body)
        self.pieces += 1

    def write_csv_body(self, body: bytes, empty: pd.DataFrame) -> None:
        """CSV rows without their header (the header comes from ``empty`` the first time)."""
        from ..outputs import to_csv_bytes

        if self.pieces == 0:
            self.fh.write(to_csv_bytes(empty))
        self.fh.write(body)
        self.pieces += 1

    def close(self, empty: pd.DataFrame) -> None:
        if self.fmt == "csv":
            if self.pieces == 0:
                self.write(empty)  # the header
        elif self.fmt == "parquet":
            if self.parquet is None:
                self.write(empty)
            self.parquet.close()
        else:
            self.fh.write(b"[]\n" if self.pieces == 0 else b"\n]\n")


def tables_digest(tables: dict[str, pd.DataFrame]) -> str:
    """A SHA-256 of tables that ignores row order and part layout: every value as text, the rows
    sorted. Two runs with the same rows have the same digest (the engines are compared so)."""
    h = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        text = frame.astype("string").fillna("\x00<NA>")
        rows = sorted(zip(*(text[c].tolist() for c in text.columns), strict=True))
        h.update(json.dumps([name, list(frame.columns)]).encode())
        for row in rows:
            h.update(json.dumps(row, ensure_ascii=True).encode())
            h.update(b"\n")
    return h.hexdigest()


def run_digest(out: str | os.PathLike) -> str:
    """:func:`tables_digest` of the tables :func:`read_run` reads from ``out``."""
    return tables_digest(read_run(out).tables())
