"""The JSON report written fact by fact from the claim store: byte for byte the report rendered whole — in this
process or on worker processes reading the store, spilled to disk or not, with editors' reviews, with a bad
article — and the same verdict for the run's exit status."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from factcheck import cache as cache_module
from factcheck import report_stream
from factcheck.articles import read_article
from factcheck.cache import ClaimCache
from factcheck.compare import Context
from factcheck.engine import FactJob, LocalEngine
from factcheck.errors import InputError
from factcheck.models import Report, Review, ReviewDecision, Severity
from factcheck.pipeline import analyze, cached_report, fact_jobs, fact_tasks, failing_severity, fails, run_report
from factcheck.render import json_format
from factcheck.report_stream import StoryStore, WrittenJob, WrittenReport, write_json_report
from factcheck.reviews import reviewed
from factcheck.rules.loader import RuleSet, load_rules

REPO = Path(__file__).resolve().parent.parent
GENEVA = REPO / "corpus" / "geneva-2022"
STORIES = sorted(p.parent for p in (REPO / "tests" / "data" / "stories").glob("*/rules.yaml"))
CASES = [(GENEVA, REPO / "rules"), *((story, story / "rules.yaml") for story in STORIES)]
IDS = [corpus.name for corpus, _ in CASES]


def whole(corpus: Path, rules: RuleSet, cache: ClaimCache, reviews: Mapping[str, Review]) -> tuple[bytes, Report]:
    report = reviewed(cached_report(corpus, rules, cache), reviews)
    out = io.StringIO()
    json_format.render(report, out)
    return out.getvalue().encode("utf-8"), report


def streamed(
    corpus: Path, rules: RuleSet, cache: ClaimCache, reviews: Mapping[str, Review]
) -> tuple[bytes, WrittenReport]:
    pieces: list[bytes] = []
    written = write_json_report(corpus, rules, cache, reviews, pieces.append)
    return b"".join(pieces), written


def assert_same(written: WrittenReport, report: Report) -> None:
    assert written.errors == report.errors
    failing = [severity for f in report.findings if (severity := failing_severity(f)) is not None]
    assert sorted(s.rank for s in written.failing) == sorted(s.rank for s in failing)
    for threshold in (None, *Severity):
        assert written.fails(threshold) == fails(report, threshold)


@pytest.fixture
def spills(monkeypatch: pytest.MonkeyPatch) -> list[report_stream._Spill]:
    """The spills the report is written through."""
    made: list[report_stream._Spill] = []
    spill = report_stream._Spill

    def kept() -> report_stream._Spill:
        made.append(spill())
        return made[-1]

    monkeypatch.setattr(report_stream, "_Spill", kept)
    return made


@pytest.fixture
def on_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times jobs were handed to worker processes."""
    calls: list[int] = []
    run = report_stream.run_on_workers

    def counted(*args: object, **kwargs: object) -> Iterator[tuple[int, WrittenJob]]:
        calls.append(1)
        return run(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report_stream, "run_on_workers", counted)
    return calls


@pytest.mark.parametrize(("corpus", "rules_path"), CASES, ids=IDS)
def test_written_fact_by_fact_is_the_report_rendered_whole(corpus: Path, rules_path: Path, tmp_path: Path) -> None:
    rules = load_rules(rules_path)
    with ClaimCache(tmp_path / "cache") as cache:
        expected, report = whole(corpus, rules, cache, {})
        got, written = streamed(corpus, rules, cache, {})
    assert got == expected
    assert_same(written, report)


@pytest.mark.parametrize(("corpus", "rules_path"), CASES[:3], ids=IDS[:3])
def test_worker_processes_reading_the_store_write_the_same_report(
    corpus: Path, rules_path: Path, tmp_path: Path, on_workers: list[int], spills: list[report_stream._Spill]
) -> None:
    rules = load_rules(rules_path)
    with ClaimCache(tmp_path / "cache", engine=LocalEngine(2, parallel_claims=0)) as cache:
        expected, report = whole(corpus, rules, cache, {})
        got, written = streamed(corpus, rules, cache, {})
    assert on_workers == [1]
    assert got == expected
    assert_same(written, report)
    (spill,) = spills  # the findings' bytes came from the workers' own files, gone with the run
    assert spill.index and all(entry[3] for entry in spill.index)
    assert not Path(spill.folder).exists()


def _into_file(corpus: Path, rules: RuleSet, cache: ClaimCache, path: Path) -> bytes:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("")  # text written before the bytes: flushed first
        write_json_report(corpus, rules, cache, {}, json_format.byte_sink(handle))
    return path.read_bytes()


@pytest.mark.parametrize("workers", [1, 2])
def test_findings_are_kept_compressed_and_read_back_whole_into_a_file(
    workers: int, tmp_path: Path, spills: list[report_stream._Spill]
) -> None:
    rules = load_rules(REPO / "rules")
    with ClaimCache(tmp_path / "cache", engine=LocalEngine(workers, parallel_claims=0)) as cache:
        expected, _ = whole(GENEVA, rules, cache, {})
        got = _into_file(GENEVA, rules, cache, tmp_path / "report.json")
    assert got == expected
    entries = spills[-1].index
    assert len(entries) >= 10 and all(entry[3] for entry in entries)  # every finding from a job's file
    kept, made = sum(entry[5] for entry in entries), sum(entry[6] for entry in entries)
    facts = got[got.index(b'"facts": [') : got.index(b'\n  ],\n  "errors"')]
    assert made == len(facts) - len(b'"facts": [') - len(b"\n    ") - len(b",\n    ") * (len(entries) - 1)
    assert kept < made / 3  # a JSON report's findings are much alike


def _damaged(monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytearray], None]) -> None:
    """The jobs' files damaged once every job is done, before the report reads them back."""
    fragments = report_stream._Spill.fragments

    def after_damage(self: report_stream._Spill) -> Iterator[Iterator[bytes]]:
        for name in {entry[3] for entry in self.index if entry[3]}:
            data = bytearray(Path(name).read_bytes())
            damage(data)
            Path(name).write_bytes(bytes(data))
        return fragments(self)

    monkeypatch.setattr(report_stream._Spill, "fragments", after_damage)


def _cut(data: bytearray) -> None:
    del data[len(data) - 20 :]


def _flipped(data: bytearray) -> None:
    data[len(data) // 2] ^= 0x10


@pytest.mark.parametrize("damage", [_cut, _flipped], ids=["cut-short", "a-flipped-bit"])
def test_a_damaged_findings_file_is_an_error_not_a_wrong_report(
    damage: Callable[[bytearray], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = load_rules(REPO / "rules")
    _damaged(monkeypatch, damage)
    with ClaimCache(tmp_path / "cache") as cache, pytest.raises(InputError) as caught:
        streamed(GENEVA, rules, cache, {})
    (problem,) = caught.value.problems
    assert problem.path.startswith(tempfile.gettempdir()) and "a finding's bytes" in problem.message


def test_findings_sent_into_a_pipe_arrive_whole(tmp_path: Path) -> None:
    rules = load_rules(REPO / "rules")
    with ClaimCache(tmp_path / "cache") as cache:
        expected, _ = whole(GENEVA, rules, cache, {})
        reading, writing = os.pipe()
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.extend(iter(lambda: os.read(reading, 1 << 16), b"")))
        reader.start()
        with os.fdopen(writing, "w", encoding="utf-8") as handle:
            write_json_report(GENEVA, rules, cache, {}, json_format.byte_sink(handle))
        reader.join()
        os.close(reading)
    assert b"".join(received) == expected


def test_small_stories_and_caches_in_memory_are_judged_here(tmp_path: Path, on_workers: list[int]) -> None:
    rules = load_rules(REPO / "rules")
    with ClaimCache(tmp_path / "cache", engine=LocalEngine(2)) as cache:  # 5 articles: far below the threshold
        got, _ = streamed(GENEVA, rules, cache, {})
    with ClaimCache(None, engine=LocalEngine(2, parallel_claims=0)) as cache:  # no file for workers to open
        expected, _ = whole(GENEVA, rules, cache, {})
        again, _ = streamed(GENEVA, rules, cache, {})
    assert on_workers == []
    assert got == expected == again


def test_reviews_are_set_and_settle_the_run_as_in_the_whole_report(tmp_path: Path) -> None:
    rules = load_rules(REPO / "rules")
    with ClaimCache(tmp_path / "cache") as cache:
        _, plain = whole(GENEVA, rules, cache, {})
        marked = [j.fingerprint for f in plain.findings for j in f.claims if j.fingerprint is not None]
        assert marked, "the Geneva story has conflicts to review"
        at = dt.datetime(2022, 1, 12, 9, 30, tzinfo=dt.UTC)
        dismissed = {
            key: Review(fingerprint=key, decision=ReviewDecision.NOT_A_CONFLICT, editor="desk", at=at, note="same")
            for key in marked
        }
        for reviews in ({marked[0]: dismissed[marked[0]]}, dismissed):
            expected, report = whole(GENEVA, rules, cache, reviews)
            got, written = streamed(GENEVA, rules, cache, reviews)
            assert got == expected
            assert b'"decision": "not-a-conflict"' in got
            assert_same(written, report)
        assert not written.fails(Severity.INFO)  # every conflict settled
        assert streamed(GENEVA, rules, cache, {})[1].fails(Severity.ERROR)


def test_findings_a_cluster_sends_back_are_spilled_to_a_temporary_file_and_come_back_in_report_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spills: list[report_stream._Spill]
) -> None:
    rules = load_rules(REPO / "rules")
    monkeypatch.setattr(report_stream, "SPILL_BYTES", 1)
    with ClaimCache(tmp_path / "cache", engine=_Cluster()) as cache:
        expected, _ = whole(GENEVA, rules, cache, {})
        got, _ = streamed(GENEVA, rules, cache, {})
    assert got == expected
    (spill,) = spills
    assert spill.file._rolled  # type: ignore[attr-defined]  # on disk, not in memory
    assert not any(entry[3] for entry in spill.index)  # sent back as bytes, written to the spill's own file


@pytest.mark.parametrize(("corpus", "rules_path"), CASES, ids=IDS)
def test_quote_person_and_organization_facts_written_a_few_claims_at_a_time_are_the_same_report(
    corpus: Path, rules_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spills: list[report_stream._Spill]
) -> None:
    """A cross-outlet fact's claims read, reviewed and written a part at a time (two here, thousands in a big
    story) make the same bytes, counts and verdict as the fact written whole; the findings' bytes go straight
    to a file, never held in memory, and are copied into the report a few at a time."""
    rules = load_rules(rules_path)
    monkeypatch.setattr(report_stream, "PART_CLAIMS", 2)
    monkeypatch.setattr(report_stream, "COPY_BYTES", 7)
    reviews: dict[str, Review] = {}
    with ClaimCache(tmp_path / "cache") as cache:
        _, report = whole(corpus, rules, cache, {})
        for finding in report.findings:  # half the conflicts settled by an editor, to count them as the report does
            for judged in finding.claims[::2]:
                if judged.fingerprint is not None:
                    reviews[judged.fingerprint] = Review(
                        fingerprint=judged.fingerprint,
                        decision=ReviewDecision.NOT_A_CONFLICT,
                        editor="ed",
                        at=dt.datetime(2022, 1, 11, tzinfo=dt.UTC),
                    )
        expected, report = whole(corpus, rules, cache, reviews)
        got, written = streamed(corpus, rules, cache, reviews)
    assert got == expected
    assert_same(written, report)
    assert all(entry[3] for entry in spills[-1].index)
    parted = [f for f in report.findings if len(f.claims) > 2 and f.fact.kind.value in ("quote", "person")]
    assert parted or corpus != GENEVA  # the bundled story has people and quotes named by three outlets or more


def test_a_finding_made_in_pieces_is_the_finding_made_whole() -> None:
    report = run_report(GENEVA, load_rules(REPO / "rules"))
    for finding in report.findings:
        for size in (1, 2, 3, len(finding.claims)):
            parts = [finding.claims[i : i + size] for i in range(0, len(finding.claims), size)]
            assert b"".join(json_format.finding_pieces(finding, parts)) == json_format.finding_bytes(finding)
        bare = finding.model_copy(update={"claims": ()})
        assert b"".join(json_format.finding_pieces(finding, [])) == json_format.finding_bytes(bare)


def test_a_bad_article_is_an_error_and_the_others_are_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "story"
    shutil.copytree(GENEVA, corpus)
    (corpus / "broken.md").write_bytes(b"---\noutlet: X\n\x00\x01")
    (corpus / "empty.md").write_text("", encoding="utf-8")
    rules = load_rules(REPO / "rules")
    with ClaimCache(tmp_path / "cache") as cache:
        expected, report = whole(corpus, rules, cache, {})
        got, written = streamed(corpus, rules, cache, {})
    assert got == expected
    assert [e.path.rsplit("/", 1)[-1] for e in written.errors] == ["broken.md", "empty.md"]
    assert_same(written, report)
    assert len(report.sources) == 5


class _Cluster(LocalEngine):
    """An engine that judges claims sent to it (as a cluster does), a few jobs at a time."""

    def write_facts(
        self,
        jobs: Sequence[FactJob],
        story: report_stream.StoryClaims,
        store: StoryStore,
        rules: RuleSet,
        context: Context,
        reviews: Mapping[str, Review],
    ) -> Iterator[tuple[int, WrittenJob]]:
        return report_stream.run_on_engine(self, jobs, store, rules, context, reviews, claims_per_window=40)


def test_engines_judging_claims_sent_to_them_write_the_same_report(tmp_path: Path) -> None:
    rules = load_rules(REPO / "rules")
    with ClaimCache(tmp_path / "cache", engine=_Cluster()) as cache:
        expected, _ = whole(GENEVA, rules, cache, {})
        got, _ = streamed(GENEVA, rules, cache, {})
    assert got == expected


def test_jobs_are_the_facts_grouped_as_judging_groups_them() -> None:
    rules = load_rules(REPO / "rules")
    matches = [m for path in sorted(GENEVA.glob("*.md")) for m in analyze(read_article(path), rules).matches]
    sizes = Counter(m.fact_id for m in matches)
    jobs = fact_jobs(sorted(sizes.items(), key=lambda item: item[1]))  # in any order
    tasks = fact_tasks(matches)
    assert [job.facts for job in jobs] == [tuple(fact for fact, _ in task.groups) for task in tasks]
    assert [job.claims for job in jobs] == [task.size for task in tasks]
    assert jobs[0].facts == ("factcheck.people", "factcheck.quotes")  # a quote's speaker is one of the people
    assert fact_jobs([]) == []


def test_figures_no_rule_placed_are_a_job_per_kind() -> None:
    sizes = [("a.rule", 3), ("factcheck.people", 4), ("factcheck.unplaced", 10)]
    jobs = fact_jobs(sizes, [("date", 4), ("quantity", 6)])
    assert [(job.facts, job.claims, job.kinds) for job in jobs] == [
        (("factcheck.people",), 4, ()),
        (("factcheck.unplaced",), 4, ("date",)),
        (("factcheck.unplaced",), 6, ("quantity",)),
        (("a.rule",), 3, ()),
    ]
    assert [job.kinds for job in fact_jobs(sizes, [("date", 10)])] == [(), (), ()]  # one kind: one job


@pytest.mark.parametrize(
    ("few", "beside"),
    [(0, False), (0, True), (10_000, True)],
    ids=["all-the-cache-holds", "story-table", "named-articles"],
)
def test_a_storys_sizes_are_its_facts_and_its_figures_kinds_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, few: int, beside: bool
) -> None:
    """Counted over the whole cache when it holds only the story, else over the story's articles (named, or
    joined with them): another story's claims in the cache are never counted."""
    monkeypatch.setattr(cache_module, "_FEW_ARTICLES", few)  # the ways of reading a story's articles
    rules = load_rules(REPO / "rules")
    with ClaimCache(tmp_path / "cache") as cache:
        if beside:
            other, _ = cache.load(sorted(STORIES[0].glob("*.md")), rules)
            assert other and list(cache.matches(e.key for e in other))
        entries, _ = cache.load(sorted(GENEVA.glob("*.md")), rules)
        matches = list(cache.matches(e.key for e in entries))
        facts, kinds = cache.story_sizes([e.key for e in entries], "factcheck.unplaced")
    assert facts == sorted(Counter(m.fact_id for m in matches).items())
    unplaced = Counter(m.claim.kind.value for m in matches if m.fact_id == "factcheck.unplaced")
    assert kinds == sorted(unplaced.items()) and len(kinds) > 1  # the bundled story's discovery is split


def _killed(job: FactJob) -> WrittenJob:
    os._exit(9)  # what the kernel's out-of-memory killer leaves of a worker


def test_a_worker_killed_under_a_run_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spills: list[report_stream._Spill]
) -> None:
    rules = load_rules(REPO / "rules")
    monkeypatch.setattr(report_stream, "_in_worker", _killed)
    with (
        ClaimCache(tmp_path / "cache", engine=LocalEngine(2, parallel_claims=0)) as cache,
        pytest.raises(InputError) as caught,
    ):
        streamed(GENEVA, rules, cache, {})
    (problem,) = caught.value.problems
    assert problem.path == "--jobs"
    assert "was killed, most likely out of memory; fewer --jobs" in problem.message
    assert not Path(spills[0].folder).exists()  # the workers' files went with the run


@pytest.mark.parametrize("workers", [1, 2])
def test_temporary_files_that_cannot_be_written_are_one_clear_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    workers: int,
    on_workers: list[int],
) -> None:
    """A full disk under the findings' temporary files, here or in a worker: one line naming the file, exit 2,
    and the folder gone."""
    from factcheck import cli

    made: list[str] = []
    mkdtemp = tempfile.mkdtemp

    def kept(*args: object, **kwargs: object) -> str:
        made.append(mkdtemp(dir=tmp_path))
        return made[-1]

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device", f"{made[-1]}/tmpx.json")

    monkeypatch.setattr(tempfile, "mkdtemp", kept)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    engine = LocalEngine(workers, parallel_claims=0)
    monkeypatch.setattr("factcheck.engine.open_engine", lambda *args: engine)
    code = cli.main(["report", str(GENEVA), "--format", "json", "--cache-dir", str(tmp_path / "cache")])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    message = "cannot write the report's temporary files: No space left on device (TMPDIR sets where they go)"
    assert err == [f"factcheck: {made[-1]}/tmpx.json: {message}"]
    assert not Path(made[-1]).exists()
    assert len(on_workers) == workers - 1  # with two, the error came from a worker process
