"""A story's JSON report written fact by fact from the claim store, never held whole.

The story's claims stay in the claim cache. The store's SQL engine groups them by fact (one ``GROUP BY`` over
the story's articles), and each *job* — one rule's fact, or one group of cross-outlet buckets (people with
their quotes, organizations, figures no rule placed of one kind) — reads only its own facts' claims, judges them,
sets the editors' reviews and writes each finding's bytes, compressed, to a temporary file (cross-outlet facts are
grouped from the few columns the store keeps of their claims, and only then is each fact's claims read whole; a
quote's, person's or organization's :data:`PART_CLAIMS` at a time). A claim is written from its fields as
analysis kept them in the store, with what judging says of it. What a job hands back of a finding is where its
bytes are, where it sorts and whether it fails the run, and of the job its claims' verdicts counted per source;
once every job is done the report is written in order: sources with their counts, the findings read back from
the files in report order, the errors.

So memory is that of the largest fact, not of the story. On a big story with ``--jobs`` above one, jobs run on
worker processes that open the store themselves and write to files of their own: no claims and no findings
travel between processes. (A cluster engine sends findings' bytes back: they wait in a spill file, in memory up
to :data:`SPILL_BYTES`.)
The bytes are those :func:`factcheck.render.json_format.render` writes for the whole report (tested).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

import zstandard

from factcheck.cache import read_claims_at, read_figures, read_matches, read_members_at, read_mentions
from factcheck.collecting import collecting_later
from factcheck.crossref import (
    AS_WRITTEN,
    UNPLACED,
    GroupedFact,
    MentionRow,
    discovered_finding,
    grouped_facts,
    is_bucket,
)
from factcheck.decisions import fingerprint
from factcheck.discover import Figure, discover_figures
from factcheck.engine import FactJob
from factcheck.errors import InputError, Problem
from factcheck.models import Claim, ClaimKind, Finding, FindingKind, Report, ReportError, Review, Severity, Status
from factcheck.pipeline import (
    VerdictCounts,
    corpus_paths,
    count_verdict,
    count_verdicts,
    fact_jobs,
    failing_severity,
    judge_groups,
    report_errors,
    source_summaries,
    story_context,
)
from factcheck.render.json_format import (
    ShownClaims,
    finding_bytes,
    finding_pieces_listed,
    item_of_members,
)
from factcheck.render.values import describe_mention
from factcheck.reviews import is_open, is_reviewed, reviewed_finding

if TYPE_CHECKING:
    from factcheck.cache import ClaimCache
    from factcheck.compare import Context
    from factcheck.engine import Engine
    from factcheck.rules.loader import RuleSet

# Below this many claims in a story, its jobs run in this process: starting workers would cost more than it saves.
PARALLEL_CLAIMS = 20_000
SPILL_BYTES = 64 * 1024 * 1024  # findings' bytes a cluster sends back kept in memory up to this, then in a file
COPY_BYTES = 8 * 1024 * 1024  # a finding's bytes are copied into the report this many at a time
# Findings' bytes in the jobs' files are compressed, each finding a frame of its own: at this level a big story's
# report (JSON, its claims alike) is a twentieth of its size, made at 1.7 GB/s and read back at as much. Unpacked,
# the files of a 100,000-article story (4 GB) would take the memory the system keeps the claim cache's pages in,
# and be read back from the disk.
FRAGMENT_LEVEL = 1
PART_CLAIMS = 5_000  # a quote, person or organization fact's claims are read, reviewed and written this many at a time


class StoryStore:
    """A story's claims in the claim cache's database (the articles ``keys``), read a fact at a time."""

    def __init__(self, db: sqlite3.Connection, keys: frozenset[int]) -> None:
        self.db = db
        self.keys = keys

    def claims(self, fact: str, shown: ShownClaims | None = None, kinds: Sequence[str] = ()) -> list[Claim]:
        """A fact's claims (of these kinds, if given), in store order (with ``shown``, each kept there with its
        fields as written)."""
        return [match.claim for match in read_matches(self.db, self.keys, fact, shown, kinds)]

    def figures(self, fact: str, kinds: Sequence[str] = ()) -> tuple[list[int], list[Figure], list[str]]:
        """A bucket's figures (of these kinds, if given) with their rows and subjects, for discovery (see
        :func:`cache.read_figures`)."""
        return read_figures(self.db, self.keys, fact, kinds)

    def mentions(self, fact: str) -> list[MentionRow]:
        """A bucket's quotes, people or organizations as columns (see :func:`cache.read_mentions`)."""
        return read_mentions(self.db, self.keys, fact)

    def claims_at(self, rows: Sequence[int], shown: ShownClaims | None = None) -> list[Claim]:
        """The claims of these rows, in that order (with ``shown``, each kept there with its fields as written)."""
        return read_claims_at(self.db, rows, shown)

    def members_at(self, rows: Sequence[int]) -> list[bytes]:
        """The fields of the claims of these rows as the report writes them, in that order, unparsed."""
        return read_members_at(self.db, rows)


@dataclass(frozen=True)
class StoryClaims:
    """Where a story's claims are: the claim cache's file (None: a cache in this process's memory) and the
    keys of the story's articles in it; and the folder where its jobs write the findings' bytes."""

    path: str | None
    keys: frozenset[int]
    spill: str


@dataclass(frozen=True)
class Spilled:
    """Where a job wrote a finding's bytes: its file, the offset and length of their compressed frame in it, and
    their own length."""

    file: str
    offset: int
    length: int
    size: int


@dataclass(frozen=True)
class WrittenFact:
    """A judged fact as the report needs it: its place in the report (status, severity, id), its bytes in the
    document and, if it is a conflict that still fails runs, its severity."""

    order: tuple[int, int, str]
    fragment: bytes | Spilled
    failing: Severity | None


@dataclass(frozen=True)
class WrittenJob:
    """A job's written facts, and its claims' verdicts counted per source over all of them (agree, conflict,
    single, updated): one count a source per job, not per fact, is what goes back from a worker. The counts are
    whole once ``facts`` has been taken (a job run in this process writes its facts as they are taken)."""

    facts: Iterable[WrittenFact]
    counts: VerdictCounts


@dataclass(frozen=True)
class WrittenReport:
    """What is left of a report once written: its errors, and the severities of the conflicts that fail runs."""

    errors: tuple[ReportError, ...]
    failing: tuple[Severity, ...]

    def fails(self, threshold: Severity | None) -> bool:
        return threshold is not None and any(s.rank >= threshold.rank for s in self.failing)


def written_fact(
    finding: Finding, reviews: Mapping[str, Review], counts: VerdictCounts, shown: ShownClaims | None = None
) -> WrittenFact:
    """A finding with its reviews set, turned into what the report keeps of it (its claims written from
    ``shown`` where it has them); its claims' verdicts are added to ``counts``."""
    finding = reviewed_finding(finding, reviews)
    count_verdicts(finding, counts)
    return WrittenFact(
        order=(finding.status.rank, -finding.severity.rank, finding.fact.id),
        fragment=finding_bytes(finding, shown),
        failing=failing_severity(finding),
    )


class FragmentFile:
    """A file findings' bytes are written to as each finding is judged, each one compressed in a frame of its own
    (see :data:`FRAGMENT_LEVEL`); ``name`` is how the report finds them."""

    def __init__(self, file: IO[bytes], name: str) -> None:
        self.file = file
        self.name = name
        self._compressor = zstandard.ZstdCompressor(level=FRAGMENT_LEVEL, write_checksum=True)

    def write(self, pieces: Iterable[bytes]) -> Spilled:
        offset = self.file.tell()
        frame = self._compressor.compressobj()
        size = 0
        for piece in pieces:
            size += len(piece)
            packed = frame.compress(piece)
            if packed:
                self.file.write(packed)
        self.file.write(frame.flush())
        return Spilled(self.name, offset, self.file.tell() - offset, size)


def write_job(
    job: FactJob,
    store: StoryStore,
    rules: RuleSet,
    context: Context,
    reviews: Mapping[str, Review],
    out: FragmentFile,
    counts: VerdictCounts,
) -> Iterator[WrittenFact]:
    """One job: its facts' claims read, judged, reviewed and written to ``out``, a finding at a time; their
    verdicts added to ``counts``."""
    with collecting_later():
        if all(is_bucket(fact) for fact in job.facts) and job.facts != (UNPLACED,):  # people, quotes, organizations
            for fact in grouped_facts_in_store(store, job.facts, rules):
                yield written_in_parts(fact, store, reviews, out, counts)
            return
        findings: Iterable[Finding]
        shown = ShownClaims()  # the claims read, with their fields as the report writes them
        if job.facts == (UNPLACED,):  # grouped from the store's columns, each candidate's claims read in turn
            findings = discovered_in_store(store, rules, context, shown=shown, kinds=job.kinds)
        else:
            claims = tuple((fact, tuple(store.claims(fact, shown, job.kinds))) for fact in job.facts)
            findings = judge_groups(claims, rules, context)
        for finding in findings:
            written = written_fact(finding, reviews, counts, shown)
            assert isinstance(written.fragment, bytes)
            yield replace(written, fragment=out.write((written.fragment,)))


def written_in_parts(
    fact: GroupedFact[MentionRow],
    store: StoryStore,
    reviews: Mapping[str, Review],
    out: FragmentFile,
    counts: VerdictCounts,
) -> WrittenFact:
    """A quote, person or organization fact's finding written to ``out`` with its claims read, reviewed and
    written :data:`PART_CLAIMS` at a time: the bytes, counts and verdict of :func:`written_fact`, never all its
    claims held (a story's most quoted passage may have hundreds of thousands). No claim is parsed: each one is
    written from the fields analysis kept of it in the store with what judging says of it, and one that editors
    review is known by its fingerprint made from its mention's columns (as :func:`reviewed_finding` makes it
    from the claim)."""
    head = fact.head()
    # Its claims are all of its kind: a bucket holds the claims of one kind (crossref.bucket_of).
    kind, status, fact_id = head.fact.kind, head.status, head.fact.id
    quote = kind is ClaimKind.QUOTE
    members, verdicts, wordings = fact.members, fact.judged.verdicts, fact.wordings
    marked = still_open = False  # a claim marked for review; one of those still failing runs (as failing_severity)

    def parts() -> Iterator[bytes]:
        nonlocal marked, still_open
        for start in range(0, len(members), PART_CLAIMS):
            at = range(start, min(start + PART_CLAIMS, len(members)))
            items = []
            for i, kept in zip(at, store.members_at([members[i].row for i in at]), strict=True):
                member, verdict = members[i], verdicts[i]
                count_verdict(member.source, verdict, counts)
                key = review = None
                if is_reviewed(status, verdict):
                    value = describe_mention(kind, member.text, member.label, member.title, member.speaker)
                    key = fingerprint(FindingKind.CONFLICT, fact_id, member.source, value)
                    review = reviews.get(key)
                    marked = True
                    still_open = still_open or is_open(review)
                w = wordings[i] if wordings is not None else AS_WRITTEN
                items.append(
                    item_of_members(kept, verdict, quote, None, None, w.reference, w.partial, w.changes, key, review)
                )
            yield b",".join(items)

    place = out.write(finding_pieces_listed(head, parts()))
    return WrittenFact(
        order=(head.status.rank, -head.severity.rank, head.fact.id),
        fragment=place,
        failing=head.severity if head.status is Status.CONFLICT and (not marked or still_open) else None,
    )


def grouped_facts_in_store(
    store: StoryStore, buckets: Sequence[str], rules: RuleSet, about: AbstractSet[str] | None = None
) -> Iterator[GroupedFact[MentionRow]]:
    """The quote, person and organization facts of these buckets of a story, grouped and judged from the store's
    columns; with ``about``, only the facts with a claim of one of these sources (what a check of their articles
    needs)."""
    grouped = grouped_facts({bucket: store.mentions(bucket) for bucket in buckets}, rules)
    if about is not None:
        grouped = [fact for fact in grouped if any(m.source in about for m in fact.members)]
    grouped.reverse()
    while grouped:  # each fact let go once written: what is held is the mentions of the facts still to come
        yield grouped.pop()


def grouped_in_store(
    store: StoryStore, buckets: Sequence[str], rules: RuleSet, about: AbstractSet[str] | None = None
) -> Iterator[Finding]:
    """The findings of :func:`grouped_facts_in_store`, each fact's claims read in turn."""
    for fact in grouped_facts_in_store(store, buckets, rules, about):
        yield fact.finding(store.claims_at([m.row for m in fact.members]))


def discovered_in_store(
    store: StoryStore,
    rules: RuleSet,
    context: Context,
    about: AbstractSet[str] | None = None,
    shown: ShownClaims | None = None,
    kinds: Sequence[str] = (),
) -> Iterator[Finding]:
    """The facts discovered among a story's figures no rule placed, grouped from the store's columns, each
    candidate's claims then read and judged in turn; with ``about``, only the candidates with a claim of one of
    these sources are read and judged (what a check of their articles needs). With ``shown``, each candidate's
    claims are kept there with their fields as the report writes them, until the next candidate's are read. With
    ``kinds``, only the figures of these kinds are grouped (each kind is grouped apart from the others)."""
    settings = rules.settings.discovery
    if not settings.enabled:
        return
    rows, figures, subjects = store.figures(UNPLACED, kinds)
    candidates = discover_figures(figures, subjects)
    if about is not None:
        candidates = [c for c in candidates if any(figures[i].source in about for i in c.members)]
    del figures, subjects
    for candidate in candidates:
        if shown is not None:
            shown.clear()
        claims = store.claims_at([rows[i] for i in candidate.members], shown)
        yield discovered_finding(candidate.with_claims(claims), settings, context)


# --- running the jobs ---------------------------------------------------------------------------------------------


def run_here(
    jobs: Sequence[FactJob],
    story: StoryClaims,
    store: StoryStore,
    rules: RuleSet,
    context: Context,
    reviews: Mapping[str, Review],
) -> Iterator[WrittenJob]:
    """Each job in this process, in the order given (each one's findings to be taken before the next job's),
    the findings' bytes written to a file in ``story.spill``."""
    with tempfile.NamedTemporaryFile(dir=story.spill, suffix=".json", delete=False) as file:
        out = FragmentFile(file, file.name)
        for job in jobs:
            counts: VerdictCounts = {}
            yield WrittenJob(write_job(job, store, rules, context, reviews, out, counts), counts)
            file.flush()


def run_on_workers(
    jobs: Sequence[FactJob],
    story: StoryClaims,
    rules: RuleSet,
    context: Context,
    reviews: Mapping[str, Review],
    workers: int,
) -> Iterator[tuple[int, WrittenJob]]:
    """Each job (by its index) on ``workers`` processes that read the store themselves, biggest first, as they
    are done; each process writes the findings' bytes to a file of its own in ``story.spill`` and hands back
    where they are."""
    assert story.path is not None
    biggest_first = sorted(range(len(jobs)), key=lambda i: (-jobs[i].claims, i))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(story, rules, context, dict(reviews))
    ) as pool:
        futures = {pool.submit(_in_worker, jobs[i]): i for i in biggest_first}
        for future in as_completed(futures):
            index = futures.pop(future)  # a done job's results let go once taken, not kept till the last is done
            try:
                written = future.result()
            except BrokenProcessPool:
                job = jobs[index]
                message = (
                    f"a worker process judging {', '.join(job.facts)} ({job.claims:,} claims) was killed, most likely"
                    " out of memory; fewer --jobs leave each more of it"
                )
                raise InputError(Problem("--jobs", message)) from None
            yield index, written


def run_on_engine(
    engine: Engine,
    jobs: Sequence[FactJob],
    store: StoryStore,
    rules: RuleSet,
    context: Context,
    reviews: Mapping[str, Review],
    claims_per_window: int = 100_000,
) -> Iterator[tuple[int, WrittenJob]]:
    """Jobs judged by ``engine`` (a cluster), their claims read here and sent with them, a window of jobs of up
    to ``claims_per_window`` claims at a time; each window's findings come back under its first job's index, in
    the order of its jobs (so they sort in the report as the local engine's do)."""
    from factcheck.engine import FactTask

    start = 0
    while start < len(jobs):
        end, filled = start, 0
        while end < len(jobs) and (end == start or filled + jobs[end].claims <= claims_per_window):
            filled += jobs[end].claims
            end += 1
        tasks = [
            FactTask(tuple((fact, tuple(store.claims(fact, kinds=job.kinds))) for fact in job.facts))
            for job in jobs[start:end]
        ]
        counts: VerdictCounts = {}
        with collecting_later():
            written = [written_fact(finding, reviews, counts) for finding in engine.judge(tasks, rules, context)]
        del tasks
        yield start, WrittenJob(written, counts)
        start = end


_WORKER: tuple[StoryStore, RuleSet, Context, Mapping[str, Review], str] | None = None
_WORKER_FILE: FragmentFile | None = None


def _start_worker(story: StoryClaims, rules: RuleSet, context: Context, reviews: Mapping[str, Review]) -> None:
    global _WORKER
    assert story.path is not None
    db = sqlite3.connect(Path(story.path).resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    _WORKER = (StoryStore(db, story.keys), rules, context, reviews, story.spill)


def _in_worker(job: FactJob) -> WrittenJob:
    """A job's findings written to this process's file: what goes back is where each one is, not its bytes. (The
    file is made with the first job, so that a folder it cannot be made in is the job's error, not a broken pool.)"""
    global _WORKER_FILE
    assert _WORKER is not None
    store, rules, context, reviews, folder = _WORKER
    if _WORKER_FILE is None:
        file = tempfile.NamedTemporaryFile(dir=folder, suffix=".json", delete=False)  # noqa: SIM115 - the process's
        _WORKER_FILE = FragmentFile(file, file.name)
    counts: VerdictCounts = {}
    written = list(write_job(job, store, rules, context, reviews, _WORKER_FILE, counts))
    _WORKER_FILE.file.flush()
    return WrittenJob(written, counts)


# --- the report ---------------------------------------------------------------------------------------------------


class _Spill:
    """Findings' bytes in arrival order, and where each one sorts in the report: jobs write theirs to files in its
    ``folder`` (compressed, see :class:`FragmentFile`); those a cluster sends back go to a file of its own, as they
    are (in memory up to :data:`SPILL_BYTES`)."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPILL_BYTES)  # noqa: SIM115 - closed by close()
        self.folder = tempfile.mkdtemp(prefix="factcheck-")
        # order, job, n, file ("" for this spill's own), offset, length in the file, length of the finding's bytes
        self.index: list[tuple[tuple[int, int, str], int, int, str, int, int, int]] = []
        self.counts: VerdictCounts = {}
        self.failing: list[Severity] = []
        self._end = 0
        self._opened: dict[str, IO[bytes]] = {"": self.file}
        self._decompressor = zstandard.ZstdDecompressor()

    def add(self, job: int, written: WrittenJob) -> None:
        for n, fact in enumerate(written.facts):
            if isinstance(fact.fragment, bytes):
                self.file.write(fact.fragment)
                size = len(fact.fragment)
                self.index.append((fact.order, job, n, "", self._end, size, size))
                self._end += size
            else:
                place = fact.fragment
                self.index.append((fact.order, job, n, place.file, place.offset, place.length, place.size))
            if fact.failing is not None:
                self.failing.append(fact.failing)
        for source, row in written.counts.items():  # whole now that the facts are taken
            total = self.counts.get(source)
            if total is None:
                self.counts[source] = row.copy()
            else:
                for column, value in enumerate(row):
                    total[column] += value

    def fragments(self) -> Iterator[Iterator[bytes]]:
        """The findings' bytes in report order, each in pieces of up to :data:`COPY_BYTES` (to be taken in turn:
        the findings of one file are read from one handle)."""
        for _, _, _, name, offset, length, size in sorted(self.index):
            file = self._opened.get(name)
            if file is None:
                file = self._opened[name] = open(name, "rb")  # noqa: SIM115 - closed by close()
            yield self._unpacked(file, offset, length, size) if name else self._pieces(file, offset, length)

    def _unpacked(self, file: IO[bytes], offset: int, length: int, size: int) -> Iterator[bytes]:
        """A finding's ``size`` bytes from the compressed frame of ``length`` bytes at ``offset`` of a job's file."""
        file.seek(offset)
        frame = cast(IO[bytes], _Frame(file, length))  # all the decompressor calls is read()
        reader = self._decompressor.stream_reader(frame, closefd=False)
        made = 0
        try:
            while piece := reader.read(min(COPY_BYTES, size - made + 1)):
                made += len(piece)
                if made > size:
                    break
                yield piece
        except zstandard.ZstdError as exc:
            raise InputError(Problem(file.name, f"a finding's bytes cannot be read back ({exc})")) from None
        if made != size:
            raise InputError(Problem(file.name, "a finding's bytes read back are not those written"))

    @staticmethod
    def _pieces(file: IO[bytes], offset: int, length: int) -> Iterator[bytes]:
        file.seek(offset)
        while length > 0:
            piece = file.read(min(length, COPY_BYTES))
            if not piece:
                raise OSError(f"{getattr(file, 'name', 'the spill')} ends before a finding's bytes do")
            length -= len(piece)
            yield piece

    def close(self) -> None:
        for file in self._opened.values():
            file.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class _Frame:
    """The ``length`` bytes of a compressed frame in a file, read from where the file stands (the frame's start):
    what its decompressor reads, so that it never reads on into the next finding's."""

    def __init__(self, file: IO[bytes], length: int) -> None:
        self._file = file
        self._left = length

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > self._left:
            size = self._left
        data = self._file.read(size)
        self._left -= len(data)
        return data


def write_json_report(
    corpus_dir: Path,
    rules: RuleSet,
    cache: ClaimCache,
    reviews: Mapping[str, Review],
    write: Callable[[bytes], object],
    paths: Sequence[Path] | None = None,
) -> WrittenReport:
    """The JSON report of a story folder (what ``report --format json`` writes), written through ``write`` fact
    by fact; unreadable articles are its errors. The same bytes as rendering the report built whole. ``paths``:
    the folder's articles, if already listed."""
    from factcheck.render.json_format import dump_pieces, report_head_tail

    if paths is None:
        paths = corpus_paths(corpus_dir)
    try:
        report, spill = cache.retrying(lambda: _judge_story(corpus_dir, paths, rules, cache, reviews))
    except OSError as exc:  # the findings wait in temporary files: a full disk, a folder that cannot be written
        where = exc.filename if isinstance(exc.filename, str) else tempfile.gettempdir()
        message = f"cannot write the report's temporary files: {exc.strerror or exc} (TMPDIR sets where they go)"
        raise InputError(Problem(where, message)) from None
    try:
        head, tail = report_head_tail(report)
        for piece in dump_pieces(head, "facts", spill.fragments(), tail):
            write(piece)
        return WrittenReport(errors=report.errors, failing=tuple(spill.failing))
    finally:
        spill.close()


def _judge_story(
    corpus_dir: Path, paths: Sequence[Path], rules: RuleSet, cache: ClaimCache, reviews: Mapping[str, Review]
) -> tuple[Report, _Spill]:
    """Every fact of the story judged into a spill; the report without its findings (its sources counted)."""
    entries, problems = cache.load(paths, rules)
    with collecting_later():
        sources = [e.source for e in entries]
        context, wires = story_context(sources, cache.wire_groups(entries))
    keys = frozenset(e.key for e in entries)
    jobs = fact_jobs(*cache.story_sizes(keys, UNPLACED))
    spill = _Spill()
    story = StoryClaims(None if cache.path is None else str(cache.path), keys, spill.folder)
    try:
        for job, written in cache.engine.write_facts(jobs, story, cache.reader(keys), rules, context, reviews):
            spill.add(job, written)
    except BaseException:
        spill.close()
        raise
    errors = report_errors(problems)
    report = Report(
        corpus=corpus_dir.as_posix(),
        sources=tuple(source_summaries(sources, spill.counts, wires)),
        findings=(),
        errors=errors,
        wires=tuple(wires),
    )
    return report, spill
