"""How a very large article scales: time and peak memory at 2, 5, 10 and 20 MB.

    .venv/bin/python benchmarks/bench_large.py              # all sizes, both shapes
    .venv/bin/python benchmarks/bench_large.py --sizes 2 5  # fewer

Each size runs in a fresh interpreter, so that its peak resident memory (``ru_maxrss``) is its
own. The article is the seed's body repeated until it reaches the size, in two shapes:
``sections`` (the body with its own headings, and a ``==Part i==`` heading before every copy:
about five sections per 4.6 kB, 20,000 at 20 MB) and ``paragraphs`` (the body's prose without
its headings, one heading every 200 copies: few, huge sections). Stages: decode + parse
(``rl.parse_article``), ``rl.extract_events``, ``rl.extract_vote_mentions``, ``rl.unmatched``.

Linearity ratio = (seconds per MB at the largest size) / (seconds per MB at the smallest);
1.0 is perfectly linear, 10 at 10× the size would be quadratic. Not a test: it prints a table
and writes benchmarks/bench_large.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES_MB = (2, 5, 10, 20)
SHAPES = ("sections", "paragraphs")

CHILD = r"""
import json, resource, sys, time
import relations_lib as rl
from relations_lib.paths import seed_path

size, shape = int(sys.argv[1]) * 1_000_000, sys.argv[2]
seed = seed_path().read_text(encoding="utf-8")
head, _, body = seed.partition("\n\n")
if shape == "paragraphs":  # the body's prose only: no headings of its own
    body = "\n".join(ln for ln in body.splitlines() if not ln.startswith("="))
parts, n, i = [head, "\n\n"], len(head.encode()) + 2, 0
while n < size:
    heading = f"==Part {i}==\n" if shape == "sections" or i % 200 == 0 else ""
    chunk = heading + body + "\n\n"
    parts.append(chunk)
    n += len(chunk.encode())
    i += 1
data = "".join(parts).encode("utf-8")
base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out = {"bytes": len(data)}
t0 = time.perf_counter()
article = rl.parse_article(data.decode("utf-8"), source="large.txt")
out["parse_s"] = time.perf_counter() - t0
out["sentences"] = len(article.sentences)
out["sections"] = len(article.sections)
for name in ("extract_events", "extract_vote_mentions", "unmatched"):
    t0 = time.perf_counter()
    try:
        frame = getattr(rl, name)(article)
    except (ImportError, AttributeError) as exc:  # a module not written yet
        out[name + "_s"], out[name + "_rows"] = None, repr(exc)
        continue
    out[name + "_s"] = time.perf_counter() - t0
    out[name + "_rows"] = len(frame)
# ru_maxrss is in KiB on Linux
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["rss_before_mb"] = base_rss / 1024
print(json.dumps(out))
"""

STAGES = ("parse_s", "extract_events_s", "extract_vote_mentions_s", "unmatched_s")


def run_one(size_mb: int, shape: str, timeout: float) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(size_mb), shape],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=HERE.parent,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def total_s(row: dict) -> float | None:
    times = [row.get(s) for s in STAGES]
    return None if any(t is None for t in times) else sum(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES_MB), help="MB")
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    args = parser.parse_args(argv)

    results: dict[str, list[dict]] = {}
    for shape in args.shapes:
        rows = []
        for size in args.sizes:
            row = {"size_mb": size, **run_one(size, shape, args.timeout)}
            rows.append(row)
            stages = "  ".join(
                f"{s[:-2]} {row[s]:.2f}s" if isinstance(row.get(s), float) else f"{s[:-2]} n/a"
                for s in STAGES
            )
            print(
                f"{shape:<10} {size:>3} MB  {stages}  peak {row.get('peak_rss_mb', 0):.0f} MB"
                + (f"  ERROR {row['error']}" if "error" in row else ""),
                flush=True,
            )
        results[shape] = rows
        ok = [r for r in rows if "error" not in r]
        if len(ok) >= 2:
            small, large = ok[0], ok[-1]
            for key in ("parse_s", "total"):
                a = small.get(key) if key != "total" else total_s(small)
                b = large.get(key) if key != "total" else total_s(large)
                if a and b:
                    ratio = (b / large["size_mb"]) / (a / small["size_mb"])
                    small[f"linearity_{key}"] = ratio
                    print(
                        f"{shape:<10} linearity ({key}, {small['size_mb']}→{large['size_mb']} MB):"
                        f" {ratio:.2f}"
                    )
            mem = (large["peak_rss_mb"] - large["rss_before_mb"]) / (large["bytes"] / 1e6)
            print(f"{shape:<10} memory beyond start-up at {large['size_mb']} MB: {mem:.1f}× input")
    payload = {"python": platform.python_version(), "machine": platform.machine(), **results}
    (HERE / "bench_large.json").write_text(json.dumps(payload, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
