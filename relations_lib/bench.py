"""Benchmarks (``make bench`` / ``python -m relations_lib.bench``): medians and side-by-side ratios.

Writes ``benchmarks/results.json``. Timings are medians over repeated runs; ratios compare two
things measured in the same run, so machine speed cancels out. Nothing here is a pass/fail test:
targets are reported beside the measurements.

Targets (issue "Performance and scale"):
- ``import relations_lib`` ≤ 1.2 × ``import pandas``
- every stage linear: time × ~2 (not × 4) when its input doubles (``linearity``)
- seed → events, vote mentions, unmatched ≤ 10 ms median, in-process (before event coding ran
  on a parse; issue 11's target with the parse is 150 ms warm, ``coding``)
- event coding's own work ≤ 1.5 × spaCy's parse of the same sentences (``coding``)
- ≥ 1,000 articles/s on one core; per-article cost at 10,000 within 1.2 × that at 100
- alignment: one pair over all years ≤ 1 s cold; all member pairs of one session ≤ 2 s

``python -m relations_lib.bench dask`` compares the dask engine with the local one (it spawns
worker processes, so this module keeps its ``if __name__ == "__main__":`` guard).
``stream_memory`` and ``stream_throughput`` measure ``relations parse DIR --out OUT`` (streaming
runs: memory at 1,000 and 10,000 articles; one worker process against two and against a
two-worker Dask LocalCluster).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .paths import repo_root

__all__ = [
    "BENCHES",
    "PREVIOUS_RULES_COMMIT",
    "bench_alignment",
    "bench_coding",
    "bench_dask",
    "bench_dateparser_peer",
    "bench_import",
    "bench_linearity",
    "bench_notebooks",
    "bench_seed",
    "bench_stream_memory",
    "bench_stream_throughput",
    "bench_throughput",
    "bench_voting_record",
    "fixture_texts",
    "linearity_cases",
    "machine_parallelism",
    "main",
    "synthetic_corpus",
]


def __dir__() -> list[str]:
    # dir() and completion show the public names only, not imports and helpers
    return __all__


def _median_time(fn: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def _subprocess_time(code: str) -> float:
    """Wall time of a fresh interpreter running ``code`` (measured inside, excluding start-up)."""
    prog = f"import time; t0 = time.perf_counter(); {code}; print(time.perf_counter() - t0)"
    out = subprocess.run(
        [sys.executable, "-c", prog], check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def bench_import(repeat: int = 15) -> dict:
    """``import relations_lib`` against ``import pandas``, interleaved fresh interpreters."""
    rl, pd = [], []
    for _ in range(repeat):
        pd.append(_subprocess_time("import pandas"))
        rl.append(_subprocess_time("import relations_lib"))
    rl_full = [_subprocess_time("import relations_lib as rl; rl.extract_events") for _ in range(5)]
    return {
        "import_pandas_s": statistics.median(pd),
        "import_relations_lib_s": statistics.median(rl),
        "ratio_relations_lib_to_pandas": statistics.median(rl) / statistics.median(pd),
        "import_relations_lib_and_events_module_s": statistics.median(rl_full),
        "target_ratio": 1.2,
    }


def _all_frames(article) -> None:
    from .coding.events import extract_events, unmatched
    from .coding.vote_mentions import extract_vote_mentions

    extract_events(article)
    extract_vote_mentions(article)
    unmatched(article)


def bench_seed(repeat: int = 50) -> dict:
    """Seed text → Article → events, vote mentions and unmatched, in-process (warm)."""
    from .text.article import load_seed, parse_article

    text = load_seed().text
    _all_frames(parse_article(text))  # warm caches (dictionaries, compiled patterns)
    parse_med, _ = _median_time(lambda: parse_article(text, "seed"), repeat)
    total_med, _ = _median_time(lambda: _all_frames(parse_article(text, "seed")), repeat)
    return {
        "parse_median_ms": parse_med * 1e3,
        "seed_to_all_frames_median_ms": total_med * 1e3,
        "target_ms": 150.0,  # 10 ms before events were coded on a parse (issue 11: 150 ms)
    }


def fixture_texts() -> list[str]:
    """The seed and the synthetic test articles (from a repository checkout)."""
    from .text.article import load_seed

    texts = [load_seed().text]
    folder = repo_root() / "tests" / "fixtures" / "articles"
    texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


def synthetic_corpus(n: int, seed: int = 0) -> list[str]:
    """``n`` articles of 2–5 KB made by recombining the fixture articles' sections.

    Each article keeps a real title (so the countries resolve) and draws paragraphs from all
    fixtures, so the texts vary while staying in the plain-text form.
    """
    from .text.article import parse_article

    rng = random.Random(seed)
    parsed = [parse_article(t, "fixture") for t in fixture_texts()]
    titles = [a.title for a in parsed]
    paragraphs = [p for a in parsed for p in a.paragraphs]
    headings = [s.title for a in parsed for s in a.sections if s.level >= 2]
    corpus = []
    for _ in range(n):
        target = rng.randint(2000, 5000)
        parts = [f"= {rng.choice(titles)} =", ""]
        size = 0
        while size < target:
            if rng.random() < 0.3:
                parts += [f"=={rng.choice(headings)}==", ""]
            para = rng.choice(paragraphs)
            parts += [para, ""]
            size += len(para) + 1
        corpus.append("\n".join(parts))
    return corpus


def _corpus_path(texts: list[str]) -> None:
    """Parse every text, then build one frame per table for all of them (dask_engine's path)."""
    from .corpus.dask_engine import stack_tables
    from .text.article import parse_article

    stack_tables([parse_article(text, f"synthetic_{i}") for i, text in enumerate(texts)])


def _api_path(texts: list[str]) -> None:
    """Parse every text and build its three frames (the public per-article functions)."""
    from .text.article import parse_article

    for i, text in enumerate(texts):
        _all_frames(parse_article(text, f"synthetic_{i}"))


def bench_throughput(sizes: tuple[int, ...] = (10, 100, 1000, 10000)) -> dict:
    """Articles per second, one core, in-process: parse + events + vote mentions + unmatched.

    Two paths: ``api`` builds each article's three frames (``extract_events`` …); ``corpus``
    builds one frame per table for the whole corpus from the articles' rows
    (:func:`relations_lib.corpus.dask_engine.stack_tables`, what ``to_dask`` partitions run). CPU
    time is reported beside wall time: on a shared machine wall time includes waiting.
    """
    from .text.article import parse_article

    results: dict = {}
    biggest = synthetic_corpus(max(sizes))
    for text in biggest[:20]:
        _all_frames(parse_article(text))  # warm-up
    for path, run in (("api", _api_path), ("corpus", _corpus_path)):
        out: dict = {}
        for n in sizes:
            texts = biggest[:n]
            w0, c0 = time.perf_counter(), time.process_time()
            run(texts)
            elapsed, cpu = time.perf_counter() - w0, time.process_time() - c0
            out[str(n)] = {
                "articles": n,
                "kbytes": round(sum(len(t.encode()) for t in texts) / 1024, 1),
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "articles_per_s": n / elapsed,
                "ms_per_article": elapsed / n * 1e3,
                "cpu_ms_per_article": cpu / n * 1e3,
                "load_average_1min": _load(),
            }
        if "100" in out and str(max(sizes)) in out:
            big, small = out[str(max(sizes))], out["100"]
            out["per_article_ratio_largest_to_100"] = (
                big["ms_per_article"] / small["ms_per_article"]
            )
            out["cpu_per_article_ratio_largest_to_100"] = (
                big["cpu_ms_per_article"] / small["cpu_ms_per_article"]
            )
        results[path] = out
    results["target_articles_per_s"] = 1000
    results["target_ratio"] = 1.2
    return results


def _load() -> float | None:
    """The 1-minute load average (other processes share the cores), where the OS tells it."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def bench_dask(n: int = 400, repeat: int = 1) -> dict:
    """The dask engine against the local one on ``n`` synthetic article files (written to a
    temporary folder): wall and CPU time of this process, and whether the tables agree."""
    import tempfile

    try:
        import dask
    except ImportError:
        return {"skipped": "dask not installed (pip install relations_lib[dask])"}
    from pandas.testing import assert_frame_equal

    from .corpus.dask_engine import compute, stack_tables, to_dask
    from .corpus.local import extract_events_many

    results: dict = {"articles": n, "cores": os.cpu_count(), "load_average_1min": _load()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, text in enumerate(synthetic_corpus(n, seed=1)):
            (folder / f"synthetic_{i:05d}.txt").write_text(text, encoding="utf-8")
        extract_events_many(sorted(folder.glob("*.txt"))[:10])  # warm-up
        runs: dict[str, Callable[[], object]] = {
            "local_engine": lambda: extract_events_many(folder).tables(),
            "stack_tables": lambda: stack_tables(folder).tables(),
        }
        for scheduler in ("threads", "processes"):

            def engine(scheduler=scheduler):
                with dask.config.set(scheduler=scheduler):
                    return extract_events_many(folder, engine="dask").tables()

            def frames(scheduler=scheduler):
                with dask.config.set(scheduler=scheduler):
                    return compute(to_dask(folder))

            runs[f"dask_engine_{scheduler}"] = engine
            runs[f"to_dask_{scheduler}"] = frames
        reference = None
        for name, run in runs.items():
            walls, cpus = [], []
            for _ in range(repeat):
                w0, c0 = time.perf_counter(), time.process_time()
                tables = run()
                walls.append(time.perf_counter() - w0)
                cpus.append(time.process_time() - c0)
            if reference is None:
                reference = tables
            for table in reference:
                assert_frame_equal(tables[table], reference[table])  # every path, same rows
            wall = statistics.median(walls)
            results[name] = {
                "seconds": wall,
                "cpu_seconds_this_process": statistics.median(cpus),
                "articles_per_s": n / wall,
                "speedup_vs_local": None,
            }
        base = results["local_engine"]["seconds"]
        for name in runs:
            results[name]["speedup_vs_local"] = base / results[name]["seconds"]
    results["same_tables"] = True
    return results


# --- streaming corpus runs (relations_lib.corpus.stream) ------------------------------------

#: Runs the command line in a child process and prints its run's summary (JSON) last.
_CLI_CHILD = r"""
import json, sys
from relations_lib import cli
from relations_lib.corpus import stream
done = []
real = stream.run_corpus
def spy(*args, **kwargs):
    summary = real(*args, **kwargs)
    done.append(summary)
    return summary
stream.run_corpus = spy  # cli imports run_corpus when it runs
code = cli.main(sys.argv[1:])
result = done[0].as_dict() if done else {}
result["exit"] = code
print(json.dumps(result))
"""


def _write_corpus(folder: Path, n: int, seed: int = 1) -> Path:
    """``n`` synthetic article files (:func:`synthetic_corpus`) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(synthetic_corpus(n, seed=seed)):
        (folder / f"synthetic_{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def _run_cli(*args: str, interval: float = 0.25) -> dict:
    """``relations parse …`` in a child process: its run summary (with the peak memory of the
    command's process and of its largest worker), wall time, CPU time of the whole process tree,
    and the tree's peak total memory, sampled every ``interval`` seconds (psutil): the sum of
    resident sets (counts shared pages once per process) and of proportional sets (PSS: shared
    pages split between the processes sharing them, the honest total)."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _CLI_CHILD, "parse", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    root = psutil.Process(proc.pid)
    peak_rss = peak_pss = 0
    cpu: dict[int, float] = {}  # pid -> CPU seconds last seen (workers are not all waited for)
    while proc.poll() is None:
        rss = pss = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        for member in tree:
            try:
                with member.oneshot():
                    info = member.memory_full_info()
                    times = member.cpu_times()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
            cpu[member.pid] = times.user + times.system
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(interval)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"relations parse {' '.join(args)} failed: {err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(
        wall_seconds=wall,
        # the command and its worker processes, as last sampled (a lower bound)
        cpu_seconds_tree=sum(cpu.values()),
        tree_peak_rss_mib=peak_rss / 2**20,
        tree_peak_pss_mib=peak_pss / 2**20,
        load_average_1min=_load(),
    )
    return result


_KEEP = (
    "inputs",
    "coded",
    "skipped",
    "parts",
    "workers",
    "seconds",
    "wall_seconds",
    "cpu_seconds_tree",
    "peak_rss_mib",
    "worker_peak_rss_mib",
    "tree_peak_rss_mib",
    "tree_peak_pss_mib",
    "load_average_1min",
)


def bench_stream_memory(sizes: tuple[int, ...] = (1000, 10000), repeat: int = 3) -> dict:
    """Peak memory of ``relations parse DIR --out OUT`` with default settings (every core,
    batches of 100, stacked CSV tables) at each corpus size, and the ratio largest/smallest.

    Targets (issue "Many articles"): peak at 10,000 articles ≤ 1.2 × that at 1,000, and under
    400 MiB. Reported per process (the command; its largest worker) and for the whole process
    tree (sum of RSS, and of PSS, which counts pages shared after the fork once).

    Each size is run ``repeat`` times: the memory of one run moves by ±15 MiB with the
    moments the sampler catches, so each figure is the median of the runs, and the runs'
    tree PSS values are kept (``tree_peak_pss_mib_all``).
    """
    import tempfile

    results: dict = {"cores": os.cpu_count(), "load_average_1min_before": _load()}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _write_corpus(Path(tmp) / "corpus", max(sizes))
        files = sorted(corpus.glob("*.txt"))
        for n in sizes:
            folder = Path(tmp) / f"in_{n}"
            folder.mkdir()
            for path in files[:n]:
                os.link(path, folder / path.name)
            runs = []
            for i in range(repeat):
                out = Path(tmp) / f"out_{n}_{i}"
                runs.append(_run_cli(str(folder), "--out", str(out), "--quiet"))
                shutil.rmtree(out)
            median = {
                k: statistics.median(r[k] for r in runs)
                if isinstance(runs[0][k], float)
                else runs[0][k]
                for k in _KEEP
            }
            results[str(n)] = median | {
                "ms_per_article": median["seconds"] / n * 1e3,
                "runs": repeat,
                "tree_peak_pss_mib_all": [r["tree_peak_pss_mib"] for r in runs],
            }
    small, big = results[str(min(sizes))], results[str(max(sizes))]
    for key in ("peak_rss_mib", "worker_peak_rss_mib", "tree_peak_rss_mib", "tree_peak_pss_mib"):
        results[f"ratio_{key}"] = big[key] / small[key]
    results["target_ratio"] = 1.2
    results["target_mib"] = 400
    return results


def _spin(n: int) -> float:
    """CPU-bound pure Python (a loop of multiplications); its seconds."""
    t0 = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t0


def machine_parallelism(n: int = 20_000_000, repeat: int = 3) -> dict:
    """The speed-up two processes get over one on pure Python work, on this machine now: the
    ceiling for any two-process ratio measured beside it (other processes share the cores)."""
    from concurrent.futures import ProcessPoolExecutor

    ratios = []
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [1000, 1000]))  # started
        for _ in range(repeat):
            t0 = time.perf_counter()
            _spin(n)
            one = time.perf_counter() - t0
            t0 = time.perf_counter()
            list(pool.map(_spin, [n, n]))
            ratios.append(2 * one / (time.perf_counter() - t0))
    return {"speedup_2_processes_pure_python": statistics.median(ratios), "all": ratios}


def bench_stream_throughput(n: int = 1000, repeat: int = 3) -> dict:
    """Articles per second of ``relations parse DIR --out OUT`` with one worker process, with
    two, and on a two-worker Dask LocalCluster (one thread each, started beforehand, as a user's
    cluster would be), medians of ``repeat`` interleaved runs; and whether every engine wrote
    the same rows (the digest of the sorted tables).

    Targets: two processes ≥ 1.6 × the throughput of one; the LocalCluster ≥ 1.3 × one. On a
    shared machine the ceiling is what two processes of pure Python get over one, measured
    before and after (:func:`machine_parallelism`).
    """
    import logging
    import tempfile

    from .corpus.stream import run_digest, tables_digest

    results: dict = {"articles": n, "cores": os.cpu_count(), "load_average_1min_before": _load()}
    results["machine_before"] = machine_parallelism()
    runs: dict[str, list[dict]] = {"jobs_1": [], "jobs_2": [], "local_cluster_2": []}
    digests: dict[str, set[str]] = {name: set() for name in runs}
    with tempfile.TemporaryDirectory() as tmp:
        folder = _write_corpus(Path(tmp) / "corpus", n, seed=2)
        cluster = None
        try:
            from distributed import LocalCluster

            cluster = LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        except ImportError:
            runs.pop("local_cluster_2")
        try:
            options = {"jobs_1": ["-j", "1"], "jobs_2": ["-j", "2"]}
            if cluster is not None:
                options["local_cluster_2"] = ["--scheduler", cluster.scheduler_address]
            for r in range(repeat):
                for name, extra in options.items():
                    out = Path(tmp) / f"{name}_{r}"
                    run = _run_cli(str(folder), "--out", str(out), "--quiet", *extra)
                    runs[name].append(run)
                    digests[name].add(run_digest(out))
                    shutil.rmtree(out)
        finally:
            if cluster is not None:
                cluster.close()
        from .corpus.dask_engine import stack_tables

        reference = tables_digest(stack_tables(folder).tables())
    for name, done in runs.items():
        seconds = statistics.median(r["seconds"] for r in done)
        results[name] = {
            "seconds_median": seconds,
            "seconds_all": [r["seconds"] for r in done],
            "articles_per_s": n / seconds,
            "cpu_seconds_tree_median": statistics.median(r["cpu_seconds_tree"] for r in done),
            "worker_peak_rss_mib": max(r["worker_peak_rss_mib"] or 0 for r in done),
            "load_average_1min": [r["load_average_1min"] for r in done],
        }
    base = results["jobs_1"]["seconds_median"]
    results["throughput_ratio_2_processes_to_1"] = base / results["jobs_2"]["seconds_median"]
    if "local_cluster_2" in runs:
        results["throughput_ratio_local_cluster_to_1_process"] = (
            base / results["local_cluster_2"]["seconds_median"]
        )
    results["machine_after"] = machine_parallelism()
    results["same_rows_every_engine"] = all(d == {reference} for d in digests.values())
    results["digest"] = reference
    results["targets"] = {"2_processes": 1.6, "local_cluster": 1.3}
    return results


def _labelled_date_phrases() -> list[tuple[str, str]]:
    """(sentence, date_text) pairs from the hand-labelled expected tables of the test articles.

    The tables' ``sentence`` column is the sentence's index in its article
    (tests/fixtures/articles/README.md): the article is parsed to get the sentence's text.
    """
    import pandas as pd

    from .text.article import load_seed, read_article

    folder = repo_root() / "tests" / "fixtures" / "articles"
    pairs = []
    for path in sorted(folder.glob("*.expected.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if not {"sentence", "date_text"} <= set(frame.columns):
            continue
        stem = path.name.removesuffix(".expected.csv")
        article = load_seed() if stem == "seed" else read_article(folder / f"{stem}.txt")
        texts = [s.text for s in article.sentences]
        pairs += [
            (texts[int(index)], date_text)
            for index, date_text in zip(frame["sentence"], frame["date_text"], strict=True)
        ]
    return pairs


def bench_dateparser_peer(repeat: int = 3) -> dict:
    """relations_lib.find_dates against dateparser.search.search_dates on the labelled sentences."""
    from .text.dates import find_dates

    pairs = _labelled_date_phrases()
    if not pairs:
        return {"skipped": "no labelled date phrases found (run from a repository checkout)"}
    try:
        from dateparser.search import search_dates
    except ImportError:
        return {"skipped": "dateparser not installed (pip install relations_lib[bench])"}
    sentences = sorted({s for s, _ in pairs})

    def ours():
        return {s: [p.text for p in find_dates(s)] for s in sentences}

    def theirs():
        out = {}
        for s in sentences:
            found = search_dates(s, languages=["en"]) or []
            out[s] = [text for text, _ in found]
        return out

    ours_found, theirs_found = ours(), theirs()
    t_ours, _ = _median_time(ours, repeat)
    t_theirs, _ = _median_time(theirs, repeat)

    def hits(found: dict[str, list[str]]) -> int:
        # A labelled phrase counts as found when a found phrase overlaps it textually.
        n = 0
        for sentence, label in pairs:
            if any(label in f or (f and f in label) for f in found.get(sentence, [])):
                n += 1
        return n

    return {
        "sentences": len(sentences),
        "labelled_phrases": len(pairs),
        "relations_lib_found": hits(ours_found),
        "dateparser_found": hits(theirs_found),
        "relations_lib_s": t_ours,
        "dateparser_s": t_theirs,
        "speed_ratio_dateparser_to_relations_lib": t_theirs / t_ours if t_ours else None,
    }


def bench_voting_record(repeat: int = 5) -> dict:
    """voting_record() cold (fresh interpreter, from the vendored files) and cached; memory.

    ``cold_with_pandas_median_s`` is the target of issue 12: a process that has pandas loaded
    already (a notebook) asks for a former state's series across its successions, so the
    country registry (countrycode's table, the vendored country files) is built in it too.
    """
    cold = [
        _subprocess_time("import relations_lib as rl; rl.voting_record('AL', issue='me')")
        for _ in range(repeat)
    ]
    prelude = "import pandas; "
    cold_pandas = []
    for _ in range(repeat):
        prog = (
            f"{prelude}import time; t0 = time.perf_counter(); import relations_lib as rl; "
            "rl.voting_record('Soviet Union', issue='ME', successors=True); "
            "print(time.perf_counter() - t0)"
        )
        out = subprocess.run(
            [sys.executable, "-c", prog], check=True, capture_output=True, text=True
        ).stdout
        cold_pandas.append(float(out.strip().splitlines()[-1]))
    from . import countries
    from .un import record as unvotes

    unvotes.voting_record("AL", issue="me")
    cached, _ = _median_time(lambda: unvotes.voting_record("AL", issue="me"), 20)
    countries.resolve("Soviet Union")
    lookup, _ = _median_time(lambda: countries.resolve("Soviet Union", on="1980-01-01"), 200)
    # Peak RSS of the loading process: VmHWM belongs to the new address space, whereas
    # ru_maxrss survives exec on Linux and would report this (parent) process's peak.
    code = (
        "import resource, relations_lib as rl; "
        "t = [rl.roll_calls(), rl.votes(), rl.roll_call_issues()]; "
        "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')] "
        "if __import__('os').path.exists('/proc/self/status') else []; "
        "print(sum(int(f.memory_usage(deep=True).sum()) for f in t), "
        "hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    frame_bytes, maxrss_kb = (int(x) for x in out.stdout.split())
    return {
        "cold_median_s": statistics.median(cold),
        "cold_with_pandas_median_s": statistics.median(cold_pandas),
        "cached_median_ms": cached * 1e3,
        "cached_country_lookup_us": lookup * 1e6,
        "tables_memory_mb": frame_bytes / 2**20,
        "process_peak_rss_mb": maxrss_kb / 1024,
        "target_cold_s": 1.0,
        "target_memory_mb": 300,
    }


def bench_alignment(repeat: int = 5) -> dict:
    """Alignment measures: one pair over every year, cold (a fresh interpreter: loading the
    vendored votes included) and warm; every pair of one session (warm), for each measure."""
    cold = [
        _subprocess_time(
            "import relations_lib as rl; rl.agreement('AL', 'USSR/Russia', measure='kappa')"
        )
        for _ in range(repeat)
    ]
    from .un import alignment

    alignment.agreement("AL", "US")  # warm the caches
    pair, _ = _median_time(lambda: alignment.agreement("AL", "China's seat", measure="kappa"), 20)
    sessions = {}
    for session in (30, 60):
        for measure in ("agreement", "kappa"):
            t, _ = _median_time(
                lambda s=session, m=measure: alignment.pairwise_agreement(s, measure=m), 5
            )
            sessions[f"session_{session}_{measure}_s"] = t
    rows = len(alignment.pairwise_agreement(60))
    positions, _ = _median_time(lambda: alignment.session_positions(), 3)
    return {
        "pair_all_years_cold_median_s": statistics.median(cold),
        "pair_all_years_warm_median_ms": pair * 1e3,
        **sessions,
        "session_60_pairs": rows,
        "positions_all_sessions_s": positions,
        "target_pair_cold_s": 1.0,
        "target_all_pairs_one_session_s": 2.0,
    }


def bench_notebooks() -> dict:
    """Wall time of executing every notebook (fresh kernel each), without writing anything."""
    import nbformat
    from nbclient import NotebookClient

    results = {}
    for path in sorted((repo_root() / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        t0 = time.perf_counter()
        NotebookClient(
            nb, timeout=600, resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        results[path.name] = time.perf_counter() - t0
    results["total_s"] = sum(results.values())
    return results


#: The last commit whose event coder was the word-distance rules (before the parse-based one).
PREVIOUS_RULES_COMMIT = "66c3ccf"

_PREVIOUS_RULES_TIMER = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
import relations_lib as rl
from relations_lib import events
texts = json.load(open(sys.argv[2], encoding="utf-8"))
arts = [rl.parse_article(t, f"a{i}.txt") for i, t in enumerate(texts)]
for a in arts:
    rl.extract_events(a)
best = []
for a in arts:
    times = []
    for _ in range(int(sys.argv[3])):
        events._CACHE.clear()
        t0 = time.perf_counter()
        rl.extract_events(a)
        times.append(time.perf_counter() - t0)
    best.append(statistics.median(times))
print(json.dumps(best))
"""


def _previous_rules_times(texts: list[str], repeat: int) -> list[float] | None:
    """Per-article time of the previous coder (``PREVIOUS_RULES_COMMIT``), exported from git
    into a temporary folder and run in a fresh interpreter; None without git history."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        try:
            archive = subprocess.run(
                [
                    "git",
                    "-C",
                    str(repo_root()),
                    "archive",
                    PREVIOUS_RULES_COMMIT,
                    "relations_lib",
                    "data/reference",
                ],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        except (OSError, subprocess.CalledProcessError):
            return None
        data = Path(tmp) / "texts.json"
        data.write_text(json.dumps(texts), encoding="utf-8")
        out = subprocess.run(
            [sys.executable, "-c", _PREVIOUS_RULES_TIMER, tmp, str(data), str(repeat)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_coding(repeat: int = 5) -> dict:
    """Event coding on the parse, per article: the whole coder against spaCy's own parse of
    the same sentences (the dated ones, batched as the coder does), and against the previous
    rules; and the seed → events, vote mentions and unmatched, warm.

    Articles: the seed and the synthetic fixtures (real articles are not in the package).
    ``coding_overhead`` is the coder's time minus the parse's, ``overhead_to_parse`` its ratio
    to the parse (goal ≤ 1.5); times are medians of ``repeat`` runs per article, summed.
    """
    from .coding import events, syntax
    from .text.article import parse_article
    from .text.dates import find_dates

    texts = fixture_texts()
    articles = [parse_article(t, f"a{i}.txt") for i, t in enumerate(texts)]
    for a in articles:
        _all_frames(a)  # warm: dictionaries, the pipeline
    spans = [
        [(s.start, s.end) for s in a.sentences if find_dates(a.text, s.start, s.end)]
        for a in articles
    ]
    parse, coding = [], []
    for a, sp in zip(articles, spans, strict=True):
        parse.append(_median_time(lambda a=a, sp=sp: syntax.parse_spans(a.text, sp), repeat)[0])
        coding.append(_median_time(lambda a=a: events._code_article(a), repeat)[0])
    previous = _previous_rules_times(texts, repeat)
    n_sentences = sum(len(sp) for sp in spans)
    seed_text = texts[0]
    seed_med, _ = _median_time(lambda: _all_frames(parse_article(seed_text, "seed")), 20)
    c0 = time.process_time()
    for _ in range(10):
        _all_frames(parse_article(seed_text, "seed"))
    seed_cpu = (time.process_time() - c0) / 10
    out = {
        "articles": len(articles),
        "dated_sentences_parsed": n_sentences,
        "pipeline": syntax.pipeline_name(),
        "parse_ms_per_article": sum(parse) / len(articles) * 1e3,
        "coding_ms_per_article": sum(coding) / len(articles) * 1e3,
        "coding_overhead_ms_per_article": (sum(coding) - sum(parse)) / len(articles) * 1e3,
        "overhead_to_parse": (sum(coding) - sum(parse)) / sum(parse),
        "target_overhead_to_parse": 1.5,
        "seed_to_all_frames_median_ms": seed_med * 1e3,
        "seed_to_all_frames_cpu_ms": seed_cpu * 1e3,
        "target_seed_ms": 150.0,
        "load_average_1min": _load(),
    }
    if previous is not None:
        out["previous_rules_commit"] = PREVIOUS_RULES_COMMIT
        out["previous_rules_ms_per_article"] = sum(previous) / len(articles) * 1e3
        out["coding_to_previous_rules"] = sum(coding) / sum(previous)
    return out


def _best_time(fn: Callable[[], object], repeat: int) -> float:
    """Shortest of ``repeat`` runs: on a shared machine the minimum is the least disturbed."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _parse_quietly(text: str) -> None:
    from .errors import ArticleFormatError
    from .text.article import parse_article

    # a title line that names no countries raises: the time to find that out is measured
    with contextlib.suppress(ArticleFormatError):
        parse_article(text, "bench")


def _seed_copies(n: int) -> str:
    """The seed article with its body (everything after the title line) repeated n times."""
    from .text.article import load_seed

    seed = load_seed().text
    return seed + "\n" + seed.split("\n", 1)[1] * (n - 1)


#: name -> (input of size n, what is timed on it, base n, what n counts)
LinearityCase = tuple[Callable[[int], str], Callable[[str], object], int, str]


def linearity_cases() -> dict[str, LinearityCase]:
    """The doubling cases, each timed at n and 2n by :func:`bench_linearity`.

    A linear stage takes about twice as long at 2n, a quadratic one four times (issue 16:
    "A met B in 1990 and " × 300 once took 12 s, a heading with 2,000 spaces 17 s).
    """
    from .coding.events import extract_events
    from .text.article import parse_article
    from .text.dates import find_dates
    from .text.sentences import split_sentences

    title = "= Albania–Palestine relations =\n\n"

    def dates(n: int) -> str:  # one sentence of n dated clauses
        return "Albania met Palestine in 1990 and " * n

    def events_of(text: str) -> object:
        return extract_events(parse_article(text))

    return {
        "dates_per_sentence:find_dates": (dates, find_dates, 10_000, "dates"),
        "dates_per_sentence:split_sentences": (dates, split_sentences, 100_000, "dates"),
        "dates_per_sentence:parse_article": (
            lambda n: title + dates(n),
            parse_article,
            100_000,
            "dates",
        ),
        # events.py's coding (being rebuilt on a dependency parse) is measured apart: its
        # actor search compares every verb with every mention of the sentence
        "dates_per_sentence:extract_events": (lambda n: title + dates(n), events_of, 60, "dates"),
        "heading_length:parse_article": (
            lambda n: title + "== a" + " " * n + "b\n\nA text.\n",
            _parse_quietly,
            1_000_000,
            "spaces",
        ),
        "title_length:parse_article": (
            lambda n: "= Albania" + " " * n + "–Palestine relations =\n\nA text.\n",
            _parse_quietly,
            1_000_000,
            "spaces",
        ),
        "list_item_length:parse_article": (
            lambda n: title + "- a" + " " * n + "b\n",
            _parse_quietly,
            1_000_000,
            "spaces",
        ),
        "spaces_in_a_sentence:find_dates": (
            lambda n: ("5" + " " * 50 + "x ") * (n // 50),
            find_dates,
            1_000_000,
            "spaces",
        ),
        "run_of_dots:split_sentences": (
            lambda n: "a" + "." * n + "b",
            split_sentences,
            1_000_000,
            "dots",
        ),
        "article_length:parse_article": (_seed_copies, parse_article, 100, "copies of the seed"),
        "article_length:extract_events": (_seed_copies, events_of, 40, "copies of the seed"),
    }


def _cpu_and_wall(fn: Callable[[], object]) -> tuple[float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c0, time.perf_counter() - w0


def bench_linearity(repeat: int = 5, names: list[str] | None = None) -> dict:
    """Each stage at n and 2n (dates per sentence, heading/title/item length, spaces and dots
    in a sentence, article length): the time ratio, ~2 for a linear stage, ~4 for a quadratic
    one.

    Inputs are built before the clock starts; n and 2n are timed in turn ``repeat`` times and
    the best of each kept. The ratio is of CPU time (this process's), which other processes on
    a shared machine disturb less than wall time; wall times are reported beside it. Inputs of
    megabytes add page faults to the CPU time, so a linear stage may show up to ~2.5; a
    quadratic one shows 4 or more.
    """
    results: dict = {}
    for name, (make, run, n, unit) in linearity_cases().items():
        if names and name not in names:
            continue
        small_text, large_text = make(n), make(2 * n)
        run(small_text)  # warm-up: compiled patterns, dictionaries
        small, large = [], []
        for _ in range(repeat):  # in turn, so that a busy moment of the machine hits both
            small.append(_cpu_and_wall(functools.partial(run, small_text)))
            large.append(_cpu_and_wall(functools.partial(run, large_text)))
        cpu_n, cpu_2n = min(c for c, _ in small), min(c for c, _ in large)
        results[name] = {
            "n": n,
            "unit": unit,
            "cpu_seconds_n": cpu_n,
            "cpu_seconds_2n": cpu_2n,
            "wall_seconds_n": min(w for _, w in small),
            "wall_seconds_2n": min(w for _, w in large),
            "ratio": cpu_2n / cpu_n if cpu_n > 0 else None,
        }
        del small_text, large_text  # before the next case's inputs: big strings fragment memory
        gc.collect()
    results["target_ratio"] = 2.0
    results["load_average_1min"] = _load()
    return results


BENCHES: dict[str, Callable[[], dict]] = {
    "linearity": bench_linearity,
    "import": bench_import,
    "seed": bench_seed,
    "throughput": bench_throughput,
    "dateparser_peer": bench_dateparser_peer,
    "voting_record": bench_voting_record,
    "alignment": bench_alignment,
    "notebooks": bench_notebooks,
    "dask": bench_dask,
    "coding": bench_coding,
    "stream_memory": bench_stream_memory,
    "stream_throughput": bench_stream_throughput,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m relations_lib.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "names", nargs="*", help=f"benchmarks to run (default: all): {', '.join(BENCHES)}"
    )
    parser.add_argument("--out", type=Path, default=repo_root() / "benchmarks" / "results.json")
    args = parser.parse_args(argv)
    names = args.names or list(BENCHES)
    unknown = sorted(set(names) - set(BENCHES))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {list(BENCHES)}")
    results: dict = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_1min": _load(),
        }
    }
    if args.out.exists():
        previous = json.loads(args.out.read_text(encoding="utf-8"))
        results = {**previous, **results}
    for name in names:
        t0 = time.perf_counter()
        results[name] = BENCHES[name]()
        print(f"[bench] {name} ({time.perf_counter() - t0:.1f} s)")
        print(json.dumps(results[name], indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"[bench] wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
