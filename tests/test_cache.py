"""The claim cache: reused while article, rules and program are unchanged; rebuilt, never trusted, otherwise."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

import factcheck
from factcheck import cache as cache_module
from factcheck.cache import CACHE_FILE, ClaimCache, default_cache_dir, ruleset_key
from factcheck.pipeline import cached_report, run_report
from factcheck.rules.loader import load_rules

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "geneva-2022"
RULES = load_rules(REPO / "rules")


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(CORPUS, folder)
    return folder


def analyzed(folder: Path, story: Path, rules_dir: Path = REPO / "rules") -> int:
    """How many articles one report over ``story`` had to analyze with the cache in ``folder``."""
    with ClaimCache(folder) as cache:
        cached_report(story, load_rules(rules_dir), cache)
        return cache.analyzed


def age(path: Path, seconds: int = 60) -> None:
    """Date a file back, so that its size and time are trusted without hashing (as for files not just edited)."""
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - seconds * 1_000_000_000))


def test_a_cached_report_equals_a_fresh_one(tmp_path: Path, story: Path) -> None:
    fresh = run_report(story, RULES)
    with ClaimCache(tmp_path / "c") as cache:
        first = cached_report(story, RULES, cache)
    with ClaimCache(tmp_path / "c") as cache:
        again = cached_report(story, RULES, cache)
        assert cache.analyzed == 0
    assert first == fresh == again


def test_unchanged_articles_are_not_analyzed_again(tmp_path: Path, story: Path) -> None:
    assert analyzed(tmp_path / "c", story) == 5
    assert analyzed(tmp_path / "c", story) == 0


def test_old_unchanged_files_are_not_even_read(tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in story.iterdir():
        age(path)
    analyzed(tmp_path / "c", story)

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with ClaimCache(tmp_path / "c") as cache:
        cached_report(story, RULES, cache)
        assert cache.analyzed == 0


def test_a_changed_article_is_analyzed_again(tmp_path: Path, story: Path) -> None:
    analyzed(tmp_path / "c", story)
    week = story / "the-week.md"
    week.write_text(week.read_text(encoding="utf-8").replace("Almost 100,000", "Nearly 90,000"), encoding="utf-8")
    assert analyzed(tmp_path / "c", story) == 1
    with ClaimCache(tmp_path / "c") as cache:
        report = cached_report(story, RULES, cache)
    assert report == run_report(story, RULES)


def test_a_same_size_edit_within_the_same_second_is_seen(tmp_path: Path, story: Path) -> None:
    week = story / "the-week.md"
    os.utime(week)  # just written: its time is too close to when it is hashed to vouch for its content
    analyzed(tmp_path / "c", story)
    before = week.stat()
    week.write_text(week.read_text(encoding="utf-8").replace("Almost", "Around"), encoding="utf-8")
    os.utime(week, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time: only the hash tells
    assert week.stat().st_size == before.st_size
    assert analyzed(tmp_path / "c", story) == 1


def test_a_cache_built_by_other_rules_is_not_used(tmp_path: Path, story: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    assert analyzed(tmp_path / "c", story, rules) == 5
    text = (rules / "geneva-2022.yaml").read_text(encoding="utf-8")
    (rules / "geneva-2022.yaml").write_text(text + "\n# a new version of the rules\n", encoding="utf-8")
    assert ruleset_key(load_rules(rules)) != ruleset_key(RULES)
    assert analyzed(tmp_path / "c", story, rules) == 5


def test_a_cache_built_by_another_program_version_is_not_used(
    tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyzed(tmp_path / "c", story)
    monkeypatch.setattr(cache_module, "__version__", factcheck.__version__ + ".post1")
    assert analyzed(tmp_path / "c", story) == 5


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign-layout", "bad-claim-json"])
def test_a_damaged_cache_is_rebuilt(tmp_path: Path, story: Path, damage: str) -> None:
    folder = tmp_path / "c"
    analyzed(folder, story)
    file = folder / CACHE_FILE
    if damage == "garbage":
        file.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        file.write_bytes(file.read_bytes()[:1000])
    else:
        db = sqlite3.connect(file)
        if damage == "foreign-layout":
            db.execute("PRAGMA user_version = 99")
        else:
            db.execute("UPDATE claims SET claim = '{not json'")
        db.commit()
        db.close()
    with ClaimCache(folder) as cache:
        report = cached_report(story, RULES, cache)
        assert cache.analyzed == 5
    assert report == run_report(story, RULES)


def test_an_unreadable_article_is_a_problem_not_a_cache_entry(tmp_path: Path, story: Path) -> None:
    (story / "broken.md").write_bytes(b"\xff\xfe not utf-8")
    with ClaimCache(tmp_path / "c") as cache:
        entries, problems = cache.load(sorted(story.glob("*.md")), RULES)
    assert len(entries) == 5
    assert [p.path for p in problems] == [str(story / "broken.md")]


def test_the_memory_cache_writes_nothing(tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with ClaimCache(None) as cache:
        cached_report(story, RULES, cache)
        assert cache.path is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story"]


def test_the_cache_folder_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    assert default_cache_dir().name == "factcheck"


def test_a_run_cut_short_leaves_the_cache_usable(tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import pipeline

    calls = 0
    real = pipeline.analyze

    def interrupted(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyze", interrupted)
    with pytest.raises(KeyboardInterrupt), ClaimCache(tmp_path / "c") as cache:
        cached_report(story, RULES, cache)
    monkeypatch.setattr(pipeline, "analyze", real)
    with ClaimCache(tmp_path / "c") as cache:
        assert cached_report(story, RULES, cache) == run_report(story, RULES)


def test_a_busy_cache_is_an_input_error_and_is_left_alone(tmp_path: Path, story: Path) -> None:
    from factcheck.errors import InputError

    folder = tmp_path / "c"
    analyzed(folder, story)
    holder = sqlite3.connect(folder / CACHE_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(InputError, match="cannot use the claim cache: database is locked"):
            ClaimCache(folder, timeout=0.1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert analyzed(folder, story) == 0  # nothing was thrown away


def test_cli_without_a_usable_default_cache_goes_on_uncached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_cli import run

    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    unusable = blocked / "cache"  # no folder can be made under a file
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(unusable))
    result = run("report", "--format", "json")
    assert result.code == 1
    assert "going on without a cache" in result.stderr
    explicit = run("report", "--cache-dir", unusable)
    assert explicit.code == 2 and "cannot create the cache folder" in explicit.stderr
