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
