"""Benchmarks (``make bench`` / ``python -m relations_lib.bench``): medians and side-by-side ratios.

Writes ``benchmarks/results.json``. Timings are medians over repeated runs; ratios compare two
things measured in the same run, so machine speed cancels out. Nothing here is a pass/fail test:
targets are reported beside the measurements.

Targets (issue "Performance and scale"):
- ``import relations_lib`` ≤ 1.2 × ``import pandas``
- seed → events, vote mentions, unmatched ≤ 10 ms median, in-process
- ≥ 1,000 articles/s on one core; per-article cost at 10,000 within 1.2 × that at 100

``python -m relations_lib.bench dask`` compares the dask engine with the local one (it spawns
worker processes, so this module keeps its ``if __name__ == "__main__":`` guard).
``stream_memory`` and ``stream_throughput`` measure ``relations parse DIR --out OUT`` (streaming
runs: memory at 1,000 and 10,000 articles; one worker process against two and against a
two-worker Dask LocalCluster).
"""

from __future__ import annotations

import argparse
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
    from .events import extract_events, unmatched
    from .vote_mentions import extract_vote_mentions

    extract_events(article)
    extract_vote_mentions(article)
    unmatched(article)


def bench_seed(repeat: int = 50) -> dict:
    """Seed text → Article → events, vote mentions and unmatched, in-process (warm)."""
    from .article import load_seed, parse_article

    text = load_seed().text
    _all_frames(parse_article(text))  # warm caches (dictionaries, compiled patterns)
    parse_med, _ = _median_time(lambda: parse_article(text, "seed"), repeat)
    total_med, _ = _median_time(lambda: _all_frames(parse_article(text, "seed")), repeat)
    return {
        "parse_median_ms": parse_med * 1e3,
        "seed_to_all_frames_median_ms": total_med * 1e3,
        "target_ms": 10.0,
    }


def fixture_texts() -> list[str]:
    """The seed and the synthetic test articles (from a repository checkout)."""
    from .article import load_seed

    texts = [load_seed().text]
    folder = repo_root() / "tests" / "fixtures" / "articles"
    texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


def synthetic_corpus(n: int, seed: int = 0) -> list[str]:
    """``n`` articles of 2–5 KB made by recombining the fixture articles' sections.

    Each article keeps a real title (so the countries resolve) and draws paragraphs from all
    fixtures, so the texts vary while staying in the plain-text form.
    """
    from .article import parse_article

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
    from .article import parse_article
    from .dask_engine import stack_tables

    stack_tables([parse_article(text, f"synthetic_{i}") for i, text in enumerate(texts)])


def _api_path(texts: list[str]) -> None:
    """Parse every text and build its three frames (the public per-article functions)."""
    from .article import parse_article

    for i, text in enumerate(texts):
        _all_frames(parse_article(text, f"synthetic_{i}"))


def bench_throughput(sizes: tuple[int, ...] = (10, 100, 1000, 10000)) -> dict:
    """Articles per second, one core, in-process: parse + events + vote mentions + unmatched.

    Two paths: ``api`` builds each article's three frames (``extract_events`` …); ``corpus``
    builds one frame per table for the whole corpus from the articles' rows
    (:func:`relations_lib.dask_engine.stack_tables`, what ``to_dask`` partitions run). CPU
    time is reported beside wall time: on a shared machine wall time includes waiting.
    """
    from .article import parse_article

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

    from .corpus import extract_events_many
    from .dask_engine import compute, stack_tables, to_dask

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


# --- streaming corpus runs (relations_lib.stream) --------------------------------------------

#: Runs the command line in a child process and prints its run's summary (JSON) last.
_CLI_CHILD = r"""
import json, sys
from relations_lib import cli, stream
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
        # the command, its fork server and workers, as last sampled (a lower bound)
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


def bench_stream_memory(sizes: tuple[int, ...] = (1000, 10000)) -> dict:
    """Peak memory of ``relations parse DIR --out OUT`` with default settings (every core,
    batches of 100, stacked CSV tables) at each corpus size, and the ratio largest/smallest.

    Targets (issue "Many articles"): peak at 10,000 articles ≤ 1.2 × that at 1,000, and under
    400 MiB. Reported per process (the command; its largest worker) and for the whole process
    tree (sum of RSS, and of PSS, which counts pages shared after the fork once).
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
            run = _run_cli(str(folder), "--out", str(Path(tmp) / f"out_{n}"), "--quiet")
            results[str(n)] = {k: run[k] for k in _KEEP} | {
                "ms_per_article": run["seconds"] / n * 1e3,
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


def bench_stream_throughput(n: int = 2000, repeat: int = 3) -> dict:
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

    from .stream import run_digest, tables_digest

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
        from .dask_engine import stack_tables

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

    from .article import load_seed, read_article

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
    from .dates import find_dates

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
    """voting_record() cold (fresh interpreter, from the vendored files) and cached; memory."""
    cold = [
        _subprocess_time("import relations_lib as rl; rl.voting_record('AL', issue='me')")
        for _ in range(repeat)
    ]
    from . import unvotes

    unvotes.voting_record("AL", issue="me")
    cached, _ = _median_time(lambda: unvotes.voting_record("AL", issue="me"), 20)
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
        "cached_median_ms": cached * 1e3,
        "tables_memory_mb": frame_bytes / 2**20,
        "process_peak_rss_mb": maxrss_kb / 1024,
        "target_cold_s": 1.0,
        "target_memory_mb": 300,
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


BENCHES: dict[str, Callable[[], dict]] = {
    "import": bench_import,
    "seed": bench_seed,
    "throughput": bench_throughput,
    "dateparser_peer": bench_dateparser_peer,
    "voting_record": bench_voting_record,
    "notebooks": bench_notebooks,
    "dask": bench_dask,
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
