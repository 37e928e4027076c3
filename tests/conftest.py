"""Shared test setup: no test reads or writes the user's real claim cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    yield folder


_SUMMARIES = pytest.StashKey[list[tuple[str, str]]]()


@pytest.fixture
def terminal_summary(request: pytest.FixtureRequest) -> list[tuple[str, str]]:
    """A list a test appends (title, text) to: printed after the run, e.g. the normalization accuracy table."""
    return request.config.stash.setdefault(_SUMMARIES, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    for title, text in config.stash.get(_SUMMARIES, []):
        terminalreporter.section(title)
        terminalreporter.write_line(text)
