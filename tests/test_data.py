"""data/ is what ``make data`` builds: byte for byte, with an up-to-date data dictionary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO

from relations_lib import build, schema
from relations_lib.casestudies import albania_palestine as study  # builds the tables of data/
from relations_lib.errors import SchemaError

DATA = REPO / "data"
FILES = sorted([*build.TABLES, "README.md"])


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, by name (sub-folders included)."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("data")
    changed = build.build(out, log=lambda _: None)
    return out, changed


def test_build_writes_every_table_and_the_readme(rebuilt):
    out, changed = rebuilt
    assert sorted(p.name for p in out.iterdir()) == FILES
    assert sorted(p.name for p in changed) == FILES


@pytest.mark.parametrize("name", FILES)
def test_committed_data_equals_a_fresh_rebuild(rebuilt, name):
    out, _ = rebuilt
    committed = DATA / name
    assert committed.exists(), f"data/{name} is missing: run `make data`"
    assert committed.read_bytes() == (out / name).read_bytes(), (
        f"data/{name} differs from a fresh rebuild: run `make data` (and record any column "
        "change in CHANGELOG.md)"
    )


def test_no_stray_files_in_data():
    present = sorted(p.name for p in DATA.iterdir() if p.is_file())
    assert present == FILES


def test_readme_is_current():
    assert (DATA / "README.md").read_text(encoding="utf-8") == schema.data_readme(), (
        "data/README.md is stale: run `make data`"
    )


def test_csv_headers_follow_the_descriptions(rebuilt):
    out, _ = rebuilt
    for name in build.TABLES:
        table = schema.FILES[Path(name).stem]
        header = (out / name).read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        # optional columns (required=False: record_concerning's `concerns`) may be absent
        fixed = [
            c.name for c in table.columns if "<" not in c.name and (c.required or c.name in header)
        ]
        assert [c for c in header if c in fixed] == fixed, name
        assert schema.misordered_columns(table, header) == []


def test_second_build_changes_nothing(rebuilt, tmp_path):
    out, _ = rebuilt
    target = tmp_path / "data"
    shutil.copytree(out, target)
    before = snapshot(target)
    assert build.build(target, log=lambda _: None) == []
    assert snapshot(target) == before


def boom() -> pd.DataFrame:
    raise RuntimeError("a table computation failed")


_SEED_SENTENCES = study.seed_sentences  # the real one, before any monkeypatching


def bad_sentences() -> pd.DataFrame:
    return _SEED_SENTENCES().drop(columns="line")


@pytest.mark.parametrize(
    ("builder", "replacement", "error"),
    [
        ("seed_events", boom, RuntimeError),
        ("phases", boom, RuntimeError),
        ("seed_sentences", bad_sentences, SchemaError),
    ],
    ids=["events-raises", "last-table-raises", "sentences-invalid"],
)
def test_a_failing_table_leaves_the_target_untouched(
    rebuilt, tmp_path, monkeypatch, builder, replacement, error
):
    out, _ = rebuilt
    target = tmp_path / "data"
    shutil.copytree(out, target)
    (target / "events.csv").write_bytes(b"an older events table\n")  # would be rewritten
    (target / "README.md").unlink()  # would be written
    before = snapshot(target)
    monkeypatch.setattr(study, builder, replacement)
    with pytest.raises(error):
        build.build(target, log=lambda _: None)
    assert snapshot(target) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(error):
        build.build(empty, log=lambda _: None)
    assert list(empty.iterdir()) == []


def test_schema_error_names_the_table(monkeypatch, tmp_path):
    monkeypatch.setattr(study, "seed_sentences", bad_sentences)
    with pytest.raises(SchemaError, match=r"table 'sentences'.*\n.*missing from the frame: 'line'"):
        build.build(tmp_path, log=lambda _: None)


def test_changelog_names_every_table_and_column():
    """The CHANGELOG rule: a table's columns change only with an entry naming them."""
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in text and "## [0.1.0]" in text
    for name, table in schema.TABLES.items():
        entries = [line for line in text.splitlines() if f"`{name}`" in line]
        assert entries, f"CHANGELOG.md never names the table {name!r}"
        named = " ".join(entries)
        missing = [c.name for c in table.columns if f"`{c.name}`" not in named]
        assert not missing, f"CHANGELOG.md: no entry for {name} columns {missing}"
