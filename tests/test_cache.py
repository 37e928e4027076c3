"""The claim cache: reused while article, rules and program are unchanged; rebuilt, never trusted, otherwise."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

import factcheck
from factcheck import cache as cache_module
from factcheck.cache import CACHE_FILE, ClaimCache, CorpusEntry, default_cache_dir, ruleset_key
from factcheck.models import Claim, Source
from factcheck.packed import _codecs as packed_codecs
from factcheck.packed import pack, unpack
from factcheck.pipeline import cached_report, corpus_paths, run_report, wire_article
from factcheck.render.json_format import claim_members
from factcheck.report_stream import write_json_report
from factcheck.rules.loader import load_rules
from factcheck.wires import WireArticle, WireGroup, body_fingerprint, wire_groups

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
    with contextlib.closing(sqlite3.connect(tmp_path / "c" / CACHE_FILE)) as db:  # the old claims gone whole
        assert (
            db.execute("SELECT count(*) FROM claims").fetchone()
            == db.execute("SELECT count(*) FROM whole_claims JOIN claims USING (id)").fetchone()
            == db.execute("SELECT count(*) FROM whole_claims").fetchone()
        )


def test_each_claim_is_kept_with_its_fields_as_the_report_writes_them(tmp_path: Path, story: Path) -> None:
    analyzed(tmp_path / "c", story)
    with contextlib.closing(sqlite3.connect(tmp_path / "c" / CACHE_FILE)) as db:
        kept = db.execute("SELECT packed FROM whole_claims").fetchall()
    assert len(kept) > 100
    for (blob,) in kept:
        claim, shown = unpack(blob)
        assert shown == claim_members(Claim.model_validate_json(claim))
    size = sum(len(blob) for (blob,) in kept)
    assert size * 3 < sum(len(b"".join(unpack(blob))) for (blob,) in kept)  # packed, not merely kept


@pytest.mark.parametrize("damage", ["not-bytes", "not-packed", "no-fields", "claim-missing"])
def test_a_json_report_from_a_damaged_cache_rebuilds_it(tmp_path: Path, story: Path, damage: str) -> None:
    folder = tmp_path / "c"
    expected = json_report(folder, story)
    with contextlib.closing(sqlite3.connect(folder / CACHE_FILE)) as db:
        if damage == "not-bytes":
            db.execute("UPDATE whole_claims SET packed = 'text'")
        elif damage == "not-packed":
            db.execute("UPDATE whole_claims SET packed = randomblob(40) WHERE id % 7 = 3")
        elif damage == "no-fields":  # packed right, but not what the cache packs
            db.execute("UPDATE whole_claims SET packed = ? WHERE id % 7 = 3", (packed_codecs().packer.compress(b"{}"),))
        else:
            db.execute("DELETE FROM whole_claims WHERE id IN (SELECT id FROM whole_claims LIMIT 3)")
        db.commit()
    with ClaimCache(folder) as cache:
        pieces: list[bytes] = []
        write_json_report(story, RULES, cache, {}, pieces.append)
        assert cache.rebuilt and cache.analyzed == 5
    assert b"".join(pieces) == expected


def json_report(folder: Path, story: Path) -> bytes:
    pieces: list[bytes] = []
    with ClaimCache(folder) as cache:
        write_json_report(story, RULES, cache, {}, pieces.append)
    return b"".join(pieces)


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
            db.execute("UPDATE whole_claims SET packed = ?", (pack(b"{not json", b'"source": "x"'),))
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


# --- wire groups kept for the next run over the same articles ------------------------------------------------------

WIRE_BODY = (
    "Negotiators from both countries met for more than seven hours in a lakeside villa on Monday, and both "
    "delegations left without an agreement on the troops massed along the border, officials said after the talks. "
    "The deputy ministers agreed to keep talking, and a second round is planned in Brussels later this week."
)


def wire_entry(
    id: str, outlet: str, when: str, declared: str | None, credit: str | None, body: str, key: int = 0
) -> CorpusEntry:
    """An article as the cache's load gives it, just analyzed (its fingerprint held)."""
    published_at = dt.datetime.fromisoformat(when) if "T" in when else None
    source = Source(
        id=id,
        outlet=outlet,
        published=dt.date.fromisoformat(when[:10]),
        path=f"{id}.md",
        published_at=published_at,
        wire=declared,
    )
    digest = hashlib.sha256(body.encode()).hexdigest()  # stands for the SHA-256 of the file
    return CorpusEntry(key, source.path, (), credit, digest, body_fingerprint(body), source)


OWN_BODY = "An outlet's own reporting, in words no other outlet used for the same meeting today."


def wire_copies() -> list[CorpusEntry]:
    """Two copies of one wire story, a declared wire's own article, and an outlet's own story."""
    return [
        wire_entry("a-post", "Post", "2022-01-10", None, "AP", WIRE_BODY),
        wire_entry("b-times", "Times", "2022-01-10T12:00", None, None, WIRE_BODY),
        wire_entry("c-ap", "AP", "2022-01-10T09:00", "AP", "AP", WIRE_BODY),
        wire_entry("d-herald", "Herald", "2022-01-11", None, None, OWN_BODY),
    ]


def found_afresh(entries: Sequence[CorpusEntry]) -> list[WireGroup]:
    """The wire groups of these articles found afresh."""
    return wire_groups([wire_article(e.source, e.credit, e.fingerprint or b"") for e in entries])


def counting_groups(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the cache found wire groups afresh (a list holding the count)."""
    calls = [0]
    found = cache_module.wire_groups

    def counted(copies: Sequence[WireArticle]) -> list[WireGroup]:
        calls[0] += 1
        return found(copies)

    monkeypatch.setattr(cache_module, "wire_groups", counted)
    return calls


def test_wire_groups_are_kept_for_the_same_articles_in_any_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_groups(monkeypatch)
    copies = wire_copies()
    expected = found_afresh(copies)
    assert expected and expected[0].members == ("a-post", "b-times", "c-ap")  # the example has a group to keep
    with ClaimCache(tmp_path / "c") as cache:
        assert cache.wire_groups(copies) == expected
    with ClaimCache(tmp_path / "c") as cache:  # another run: read back, not found again
        assert cache.wire_groups(list(reversed(copies))) == expected
    assert calls[0] == 1


@pytest.mark.parametrize(
    "change",
    [
        {"body": "A different body for the outlet's story, shorter and all its own."},
        {"outlet": "Herald Tribune"},
        {"when": "2022-01-12"},
        {"declared": "Reuters"},
        {"credit": "Reuters"},
        {"id": "d-herald-2"},
    ],
)
def test_any_change_to_what_grouping_reads_finds_them_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, str]
) -> None:
    calls = counting_groups(monkeypatch)
    copies = wire_copies()
    herald = {"id": "d-herald", "outlet": "Herald", "when": "2022-01-11", "declared": None, "credit": None}
    changed = [*copies[:3], wire_entry(**{**herald, "body": OWN_BODY, **change})]  # type: ignore[arg-type]
    with ClaimCache(tmp_path / "c") as cache:
        cache.wire_groups(copies)
        assert cache.wire_groups(changed) == found_afresh(changed)
        assert cache.wire_groups(copies) == found_afresh(copies)  # the first set is still kept
    assert calls[0] == 2


def test_kept_wire_groups_that_do_not_read_back_are_found_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_groups(monkeypatch)
    copies = wire_copies()
    with ClaimCache(tmp_path / "c") as cache:
        cache.wire_groups(copies)
    for damage in (b"not json", b'[{"name": "AP"}]', b'{"name": 1}', "a text, not bytes"):
        db = sqlite3.connect(tmp_path / "c" / CACHE_FILE)
        with db:
            db.execute("UPDATE wire_groups SET groups=?", (damage,))
        db.close()
        with ClaimCache(tmp_path / "c") as cache:
            assert cache.wire_groups(copies) == found_afresh(copies)
            assert not cache.rebuilt
        with ClaimCache(tmp_path / "c") as cache:  # found afresh and kept again
            assert cache.wire_groups(copies) == found_afresh(copies)
    assert calls[0] == 5


def test_only_the_most_recently_used_sets_of_articles_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "WIRE_STORIES", 2)
    calls = counting_groups(monkeypatch)
    copies = wire_copies()
    stories = [copies, copies[:3], copies[1:]]
    with ClaimCache(tmp_path / "c") as cache:
        cache.wire_groups(stories[0])
        cache.wire_groups(stories[1])
        cache.wire_groups(stories[0])  # used again: the second is now the least recently used
        cache.wire_groups(stories[2])  # a third set lets the second go
        assert cache._db.execute("SELECT count(*) FROM wire_groups").fetchone() == (2,)
        assert calls[0] == 3
        cache.wire_groups(stories[0])
        assert calls[0] == 3
        cache.wire_groups(stories[1])
        assert calls[0] == 4


def test_a_cache_that_cannot_be_written_still_finds_wire_groups(tmp_path: Path) -> None:
    copies = wire_copies()
    with ClaimCache(tmp_path / "c") as cache:
        cache._db.execute("PRAGMA query_only = ON")  # as a read-only file would be
        assert cache.wire_groups(copies) == found_afresh(copies)
        assert cache._db.execute("SELECT count(*) FROM wire_groups").fetchone() == (0,)
        assert not cache._db.in_transaction


def test_a_cache_another_run_is_writing_to_does_not_hold_wire_groups_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setattr(cache_module, "BRIEF_WAIT", 0.05)
    copies = wire_copies()
    with ClaimCache(tmp_path / "c", timeout=60) as cache:
        holder = sqlite3.connect(tmp_path / "c" / CACHE_FILE, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another run's write: reading goes on, writing waits
        try:
            started = time.monotonic()
            assert cache.wire_groups(copies) == found_afresh(copies)
            assert time.monotonic() - started < 30  # not the cache's 60 s wait for its own writes
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert cache._db.execute("PRAGMA busy_timeout").fetchone() == (60_000,)
        assert cache._db.execute("SELECT count(*) FROM wire_groups").fetchone() == (0,)
        cache.wire_groups(copies)  # free again: kept
        assert cache._db.execute("SELECT count(*) FROM wire_groups").fetchone() == (1,)


def wire_story(folder: Path) -> Path:
    """The bundled story with three outlets' copies of one wire story added."""
    for n, outlet in enumerate(("Post", "Times", "Herald")):
        text = f"---\noutlet: {outlet}\ntitle: Talks end\npublished: 2022-01-1{n}\n---\n{WIRE_BODY}\n"
        (folder / f"wire-{outlet.lower()}.md").write_text(text, encoding="utf-8")
    return folder


def counting_copies_made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the cache made the wire articles finding groups needs, reading back the fingerprints it
    does not hold (a list holding the count)."""
    calls = [0]
    found = ClaimCache._wire_copies

    def counted(self: ClaimCache, entries: Sequence[CorpusEntry]) -> list[WireArticle]:
        calls[0] += 1
        return found(self, entries)

    monkeypatch.setattr(ClaimCache, "_wire_copies", counted)
    return calls


def test_a_story_read_again_keeps_its_wire_groups_without_reading_fingerprints(
    tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wire_story(story)
    expected = run_report(story, RULES)
    assert [w.members for w in expected.wires] == [("wire-herald", "wire-post", "wire-times")]
    groups, made = counting_groups(monkeypatch), counting_copies_made(monkeypatch)
    with ClaimCache(tmp_path / "c") as cache:
        assert cached_report(story, RULES, cache) == expected  # analyzed: fingerprints held, none read
    with ClaimCache(tmp_path / "c") as cache:
        entries, _ = cache.load(corpus_paths(story), RULES)
        assert all(e.fingerprint is None for e in entries)  # a warm load holds none (270 MB at 100,000)
        assert cached_report(story, RULES, cache) == expected
    assert groups[0] == 1
    assert made[0] == 1  # the first run only


def test_wire_groups_let_go_are_found_again_from_the_fingerprints_kept(
    tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wire_story(story)
    expected = run_report(story, RULES)
    with ClaimCache(tmp_path / "c") as cache:
        cached_report(story, RULES, cache)
        cache._db.execute("DELETE FROM wire_groups")
    groups = counting_groups(monkeypatch)
    with ClaimCache(tmp_path / "c") as cache:
        assert cached_report(story, RULES, cache) == expected
        assert cache.analyzed == 0
    assert groups[0] == 1


def test_a_changed_article_finds_the_wire_groups_afresh(
    tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wire_story(story)
    with ClaimCache(tmp_path / "c") as cache:
        cached_report(story, RULES, cache)
    groups = counting_groups(monkeypatch)
    herald = story / "wire-herald.md"
    herald.write_text(herald.read_text(encoding="utf-8").replace("lakeside villa", "villa by the lake"), "utf-8")
    with ClaimCache(tmp_path / "c") as cache:
        assert cached_report(story, RULES, cache) == run_report(story, RULES)
    assert groups[0] == 1


def test_a_missing_fingerprint_is_damage_the_cache_is_rebuilt_for(tmp_path: Path, story: Path) -> None:
    wire_story(story)
    with ClaimCache(tmp_path / "c") as cache:
        cached_report(story, RULES, cache)
        cache._db.execute("DELETE FROM wire_groups")
    with ClaimCache(tmp_path / "c") as cache:
        entries, _ = cache.load(corpus_paths(story), RULES)
        gone = replace_key(entries[0], 10**9)
        with pytest.raises(sqlite3.DatabaseError, match="fingerprint"):
            cache.wire_groups([gone, *entries[1:]])


def replace_key(entry: CorpusEntry, key: int) -> CorpusEntry:
    return CorpusEntry(key, entry.path, (entry.source.outlet, None, None, None), entry.credit, entry.digest)
