"""Shared fixtures. Every test reads articles through ``article`` / ``fixture_path`` below."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import relations_lib as rl

TESTS_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = TESTS_DIR / "fixtures" / "articles"
REPO = TESTS_DIR.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def bound_by_permissions() -> None:
    """``preexec_fn`` for a child process that permission bits bind, even when run as root:
    drop the capabilities that let root ignore them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)
    from the child's bounding set, so a folder's mode binds it as it binds the folder's owner.
    Without this, an unreadable or read-only folder could not be tested as root."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for cap in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def fixture_names() -> list[str]:
    """Stems of the test articles in tests/fixtures/articles/."""
    return sorted(p.stem for p in ARTICLES_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def fixture_path():
    """``fixture_path("chile_norway_relations")`` → path of that test article."""

    def _path(name: str) -> Path:
        path = ARTICLES_DIR / f"{name}.txt"
        assert path.exists(), f"no test article {path}"
        return path

    return _path


@pytest.fixture(scope="session")
def article(fixture_path):
    """``article("seed")`` → the bundled seed; ``article(name)`` → a parsed test article."""
    cache: dict[str, rl.Article] = {}

    def _article(name: str) -> rl.Article:
        if name not in cache:
            cache[name] = rl.load_seed() if name == "seed" else rl.read_article(fixture_path(name))
        return cache[name]

    return _article


@pytest.fixture(scope="session")
def seed(article) -> rl.Article:
    return article("seed")


@pytest.fixture
def published_parts(monkeypatch) -> list[dict]:
    """The metadata of every part a corpus run publishes, in order (a spy on the parts
    folder's publish: what the workers sent back, as plain values)."""
    from relations_lib.corpus import stream

    published: list[dict] = []
    real = stream._Folder.publish

    def spy(self, meta, staging):
        published.append(meta)
        return real(self, meta, staging)

    monkeypatch.setattr(stream._Folder, "publish", spy)
    return published
