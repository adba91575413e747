"""Re-execute the stored notebooks in place, top to bottom, each in a fresh kernel.

Maintainer tool (not part of `make report`, which never touches notebooks/): run it after a change
to the library that changes what a notebook shows, then commit the notebooks with their outputs.
    .venv/bin/python scripts/refresh_notebooks.py [notebooks/NN_name.ipynb ...]
Timing metadata is not recorded, so a re-run with unchanged results leaves the files unchanged.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def refresh(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        t0 = time.perf_counter()
        refresh(path)
        print(f"[refresh] {path.name} {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
