"""Analyzing articles on every core: the same report, byte for byte, as one process gives; no progress bar
where nobody watches; a clear error for a bad --jobs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.parallel import MIN_PARALLEL, analyze_file, analyze_files, default_jobs
from factcheck.rules.loader import load_rules

REPO = Path(__file__).resolve().parent.parent
SCRIPT = str(Path(sys.executable).parent / "factcheck")


@pytest.fixture(scope="module")
def big_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every article this repository holds (the Geneva corpus and the written stories) as one folder: enough
    articles for the work to be spread over processes, plus a binary file that must be reported, not lost."""
    folder = tmp_path_factory.mktemp("big-story")
    sources = sorted([*(REPO / "corpus").rglob("*.md"), *(REPO / "tests" / "data" / "stories").rglob("*.md")])
    for path in sources:
        shutil.copy(path, folder / f"{path.parent.name}--{path.name}")
    (folder / "zz-broken.md").write_bytes(b"---\noutlet: X\n\x00\x01")
    assert len(sources) >= MIN_PARALLEL
    return folder


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *map(str, args)], capture_output=True, text=True, cwd=REPO, env=env, stdin=subprocess.DEVNULL
    )


def test_parallel_analysis_gives_the_serial_results_in_order(big_story: Path) -> None:
    rules = load_rules(REPO / "rules")
    items = [(str(p), None) for p in sorted(big_story.iterdir())]
    serial = [analyze_file(name, digest, rules) for name, digest in items]
    seen: list[int] = []
    parallel = list(analyze_files(items, rules, jobs=2, advance=lambda: seen.append(1)))
    assert parallel == serial
    assert len(seen) == len(items)
    assert [a.name for a in parallel] == [name for name, _ in items]
    assert parallel[-1].problems and "binary file" in parallel[-1].problems[0].message


@pytest.mark.parametrize("fmt", ["json", "markdown", "rich"])
def test_report_with_two_jobs_is_byte_identical_to_one(big_story: Path, tmp_path: Path, fmt: str) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.{fmt}"
        done = run("report", big_story, "--no-cache", "--jobs", jobs, "--format", fmt, "--output", out)
        assert done.returncode == 2, done.stderr  # the binary file is an input error; the others are reported
        assert "zz-broken.md" in done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"geneva.troops-at-border" in outputs[0]


def test_a_cache_filled_by_workers_gives_the_same_report(big_story: Path, tmp_path: Path) -> None:
    fresh = run("report", big_story, "--no-cache", "--jobs", "1", "--format", "json")
    filled = run("report", big_story, "--cache-dir", tmp_path / "cache", "--jobs", "2", "--format", "json")
    warm = run("report", big_story, "--cache-dir", tmp_path / "cache", "--jobs", "2", "--format", "json")
    assert fresh.stdout == filled.stdout == warm.stdout


def test_no_progress_bar_when_output_is_not_a_terminal_or_under_ci(big_story: Path, tmp_path: Path) -> None:
    for ci in ("", "true"):
        env = {**os.environ, "CI": ci}
        done = run("report", big_story, "--no-cache", "--jobs", "2", "--format", "json", env=env)
        assert done.stderr.count("\n") == 1 and "zz-broken.md" in done.stderr  # the input error, nothing else


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_bad_jobs_value_is_an_input_error(value: str) -> None:
    done = run("report", "corpus/geneva-2022", "--jobs", value)
    assert done.returncode == 2
    assert "--jobs" in done.stderr and "Traceback" not in done.stderr


def test_default_jobs_is_the_cores_this_process_may_use() -> None:
    assert 1 <= default_jobs() <= (os.cpu_count() or 1)
