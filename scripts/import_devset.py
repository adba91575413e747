"""Copy a gathered development set into tests/fixtures/real/ and write its manifest.csv.

Usage: python scripts/import_devset.py SRC_DIR [--batch-split tune]

With --batch-split, every article of SRC_DIR goes to that split (a batch gathered only for tuning,
after the first holdout was fixed); without it the split comes from the title's hash.

SRC_DIR has articles/<slug>.txt, labels/<slug>.labels.json and manifest/<slug>.json (one per
article, written when the text was saved). Texts are copied byte for byte; the manifest's bytes and
sha256 are recomputed from the copy, so a transcription slip cannot hide behind a stale checksum.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sys
from pathlib import Path

DEST = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"
COLUMNS = [
    "title",
    "slug",
    "source_url",
    "bytes",
    "sha256",
    "licence",
    "attribution",
    "complete",
    "split",
    "labeller",
]


def split_of(title: str) -> str:
    """The split fixed from the title alone, before labelling (20% holdout would be % 5 == 0)."""
    h = int(hashlib.sha256(title.encode("utf-8")).hexdigest(), 16)
    return "holdout" if h % 5 in (0, 1) else "tune"


def main(src: Path, batch_split: str | None = None) -> int:
    manifest = DEST / "manifest.csv"
    rows = []
    if manifest.is_file():  # add to the set already there
        with open(manifest, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    known = {row["slug"] for row in rows}
    for meta_path in sorted((src / "manifest").glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        slug = meta["slug"]
        if slug in known:
            continue
        text = src / "articles" / f"{slug}.txt"
        labels = src / "labels" / f"{slug}.labels.json"
        if not (text.is_file() and labels.is_file()):
            print(f"skip {slug}: text or labels missing", file=sys.stderr)
            continue
        for sub, path in (("articles", text), ("labels", labels)):
            (DEST / sub).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DEST / sub / path.name)
        payload = text.read_bytes()
        row = {k: meta.get(k, "") for k in COLUMNS}
        row["bytes"] = len(payload)
        row["sha256"] = hashlib.sha256(payload).hexdigest()
        row["split"] = batch_split or split_of(meta["title"])
        row["complete"] = str(bool(meta.get("complete"))).lower()
        rows.append(row)
    rows.sort(key=lambda row: row["slug"])
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} articles → {DEST}")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    split = args[args.index("--batch-split") + 1] if "--batch-split" in args else None
    sys.exit(main(Path(args[0]), split))
