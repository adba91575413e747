"""Benchmarks (``make bench`` / ``python -m relations_lib.bench``): medians and side-by-side ratios.

Writes ``benchmarks/results.json``. Timings are medians over repeated runs; ratios compare two
things measured in the same run, so machine speed cancels out. Nothing here is a pass/fail test:
targets are reported beside the measurements.

Targets (issue "Performance and scale"):
- ``import relations_lib`` ≤ 1.2 × ``import pandas``
- seed → events, vote mentions, unmatched ≤ 10 ms median, in-process
- ≥ 1,000 articles/s on one core; per-article cost at 10,000 within 1.2 × that at 100
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
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


def bench_throughput(sizes: tuple[int, ...] = (10, 100, 1000, 10000)) -> dict:
    """Articles per second, one core, in-process: parse + events + vote mentions + unmatched."""
    from .article import parse_article

    results = {}
    biggest = synthetic_corpus(max(sizes))
    for text in biggest[:20]:
        _all_frames(parse_article(text))  # warm-up
    for n in sizes:
        texts = biggest[:n]
        t0 = time.perf_counter()
        for i, text in enumerate(texts):
            _all_frames(parse_article(text, f"synthetic_{i}"))
        elapsed = time.perf_counter() - t0
        results[str(n)] = {
            "articles": n,
            "kbytes": round(sum(len(t.encode()) for t in texts) / 1024, 1),
            "seconds": elapsed,
            "articles_per_s": n / elapsed,
            "ms_per_article": elapsed / n * 1e3,
        }
    if "100" in results and str(max(sizes)) in results:
        results["per_article_ratio_largest_to_100"] = (
            results[str(max(sizes))]["ms_per_article"] / results["100"]["ms_per_article"]
        )
    results["target_articles_per_s"] = 1000
    results["target_ratio"] = 1.2
    return results


def _labelled_date_phrases() -> list[tuple[str, str]]:
    """(sentence, date_text) pairs from the hand-labelled expected tables of the test articles."""
    import pandas as pd

    folder = repo_root() / "tests" / "fixtures" / "articles"
    pairs = []
    for path in sorted(folder.glob("*.expected.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if {"sentence", "date_text"} <= set(frame.columns):
            pairs += list(zip(frame["sentence"], frame["date_text"], strict=True))
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
    tracemalloc.start()
    code = (
        "import resource, relations_lib as rl; "
        "t = [rl.roll_calls(), rl.votes(), rl.roll_call_issues()]; "
        "print(sum(int(f.memory_usage(deep=True).sum()) for f in t), "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    tracemalloc.stop()
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
