"""How fast the UNGA voting data loads, and how much memory it takes.

    .venv/bin/python benchmarks/bench_unvotes.py [--repeat 5] [--json out.json]

Cold: a fresh interpreter per run (nothing cached, files read and parsed), timed inside it so
interpreter start-up is excluded; ``import pandas`` is timed separately; CPU time is reported
beside wall time because the wall time grows when other processes share the cores. Cached: in this
process, after a first call (lru_cache; each call still returns a copy). Memory: the frames'
``memory_usage(deep=True)``, tracemalloc's peak while loading, and the process's peak RSS.
Targets (task brief): cold load ≤ 1 s, cached near-instant, loaded tables < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_COLD = """
import json, resource, time
t0 = time.perf_counter()
import pandas
t1 = time.perf_counter()
c1 = time.process_time()
import relations_lib as rl
t2 = time.perf_counter()
tables = (rl.roll_calls(), rl.votes(), rl.roll_call_issues())
t3 = time.perf_counter()
record = rl.voting_record("AL", issue="me")
t4 = time.perf_counter()
key = rl.key_resolutions()
t5 = time.perf_counter()
c5 = time.process_time()
print(json.dumps({
    "cpu_total_after_pandas_s": c5 - c1,
    "import_pandas_s": t1 - t0,
    "import_relations_lib_s": t2 - t1,
    "load_three_tables_s": t3 - t2,
    "voting_record_me_s": t4 - t3,
    "key_resolutions_s": t5 - t4,
    "total_after_pandas_s": t5 - t1,
    "frames_bytes": int(sum(t.memory_usage(deep=True).sum() for t in tables)),
    "record_bytes": int(record.memory_usage(deep=True).sum()),
    "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
"""

_TRACE = """
import json, tracemalloc
import pandas, relations_lib as rl
tracemalloc.start()
rl.roll_calls(); rl.votes(); rl.roll_call_issues(); rl.voting_record("AL", issue="me")
current, peak = tracemalloc.get_traced_memory()
print(json.dumps({"tracemalloc_current_bytes": current, "tracemalloc_peak_bytes": peak}))
"""

_BASELINE = """
import json, resource
import pandas, relations_lib
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _fresh(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=REPO
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median_s(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(repeat: int = 5) -> dict:
    """Every measurement, as a flat dict of numbers (seconds, bytes, kilobytes)."""
    runs = [_fresh(_COLD) for _ in range(repeat)]
    cold = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    trace = _fresh(_TRACE)
    baseline = _fresh(_BASELINE)

    sys.path.insert(0, str(REPO))
    import relations_lib as rl

    rl.voting_record("AL", issue="me")  # warm every cache
    rl.key_resolutions()
    cached = {
        "cached_roll_calls_s": _median_s(rl.roll_calls, 20),
        "cached_votes_s": _median_s(rl.votes, 20),
        "cached_voting_record_me_s": _median_s(lambda: rl.voting_record("AL", issue="me"), 20),
        "cached_voting_record_all_s": _median_s(lambda: rl.voting_record("AL"), 20),
    }
    return {
        "repeat": repeat,
        **{f"cold_{k}": v for k, v in cold.items()},
        **cached,
        **trace,
        "maxrss_pandas_and_relations_lib_only_kb": baseline["maxrss_kb"],
        "targets": {"cold_load_s": 1.0, "memory_bytes": 300e6},
    }


def _report(m: dict) -> str:
    mb = 1e6
    lines = [
        f"cold, fresh interpreter (median of {m['repeat']}):",
        f"  import pandas                      {m['cold_import_pandas_s']:.3f} s",
        f"  import relations_lib               {m['cold_import_relations_lib_s']:.3f} s",
        f"  roll_calls + votes + issues        {m['cold_load_three_tables_s']:.3f} s",
        f"  voting_record('AL', issue='me')    {m['cold_voting_record_me_s']:.3f} s",
        f"  key_resolutions()                  {m['cold_key_resolutions_s']:.3f} s",
        f"  all of it, after pandas            {m['cold_total_after_pandas_s']:.3f} s"
        "   (target ≤ 1 s)",
        f"  the same, CPU time                 {m['cold_cpu_total_after_pandas_s']:.3f} s"
        "   (wall time above suffers when other processes share the cores)",
        "cached, in process (median of 20, each call returns a copy):",
        f"  roll_calls()                       {m['cached_roll_calls_s'] * 1e3:.2f} ms",
        f"  votes()                            {m['cached_votes_s'] * 1e3:.2f} ms",
        f"  voting_record('AL', issue='me')    {m['cached_voting_record_me_s'] * 1e3:.2f} ms",
        f"  voting_record('AL')                {m['cached_voting_record_all_s'] * 1e3:.2f} ms",
        "memory:",
        f"  three tables, deep                 {m['cold_frames_bytes'] / mb:.1f} MB"
        "   (target < 300 MB)",
        f"  voting_record('AL', issue='me')    {m['cold_record_bytes'] / mb:.2f} MB",
        f"  tracemalloc peak while loading     {m['tracemalloc_peak_bytes'] / mb:.1f} MB"
        f" (still held: {m['tracemalloc_current_bytes'] / mb:.1f} MB)",
        f"  peak RSS after loading             {m['cold_maxrss_kb'] / 1e3:.0f} MB"
        f" (pandas + relations_lib only: {m['maxrss_pandas_and_relations_lib_only_kb'] / 1e3:.0f}"
        " MB)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh interpreters for cold runs")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)
    m = measure(args.repeat)
    print(_report(m))
    if args.json:
        args.json.write_text(json.dumps(m, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
