"""Where a run's work is done: analyzing articles, and judging each fact's claims.

Both are maps of a pure function over independent items, with results wanted in the order given (so that the
report does not depend on where it was computed):

- ``local`` (the default): articles on this machine's worker processes (``--jobs``, every core by default),
  facts judged in this process, or for a report of a big story on worker processes reading the claim store;
- ``dask``: both on an existing Dask cluster (``--engine dask --scheduler ADDRESS``); see
  :mod:`factcheck.dask_engine`. Workers need factcheck installed and the article files at the same paths.

The grouping of claims by fact happens before judging (a story's claims sorted by fact in the store), so an
engine only ever sees one fact's claims per task, never pairs across the corpus.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.compare import Context
    from factcheck.models import Claim, Finding, Review
    from factcheck.parallel import Analysis
    from factcheck.report_stream import StoryClaims, StoryStore, WrittenJob
    from factcheck.rules.loader import RuleSet

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class FactTask:
    """What judging one fact needs: its claims, by fact id. A rule's fact has one entry; the people and quote
    buckets are judged together (a quote's speaker is checked against the people named), so their task has an
    entry for each; organizations and unplaced figures have a task each."""

    groups: tuple[tuple[str, tuple[Claim, ...]], ...]

    @property
    def size(self) -> int:
        return sum(len(claims) for _, claims in self.groups)


@dataclass(frozen=True)
class FactJob:
    """Facts judged together, named (their claims are read where the job runs), and how many claims they have
    (the biggest jobs are started first); with ``kinds``, only the claims of these kinds (discovery groups the
    figures of each kind on their own, so a big story's are grouped on several workers at once)."""

    facts: tuple[str, ...]
    claims: int
    kinds: tuple[str, ...] = ()


def judge_task(task: FactTask, rules: RuleSet, context: Context) -> list[Finding]:
    """The findings of one task (what an engine's worker runs)."""
    from factcheck.pipeline import judge_groups

    return judge_groups(task.groups, rules, context)


class Engine(ABC):
    """Runs a run's two maps; a context manager (a cluster's client is closed on exit)."""

    name: str

    @abstractmethod
    def analyze(
        self,
        items: Sequence[tuple[str, str | None]],
        rules: RuleSet,
        advance: Callable[[], None] | None = None,
    ) -> Iterator[Analysis]:
        """Each (file name, digest the cache has for it) analyzed, in the order given; ``advance`` is called as
        each is done."""

    @abstractmethod
    def judge(self, tasks: Sequence[FactTask], rules: RuleSet, context: Context) -> list[Finding]:
        """The findings of every task, task by task in the order given."""

    def write_facts(
        self,
        jobs: Sequence[FactJob],
        story: StoryClaims,
        store: StoryStore,
        rules: RuleSet,
        context: Context,
        reviews: Mapping[str, Review],
    ) -> Iterator[tuple[int, WrittenJob]]:
        """A report's jobs judged and written (see :mod:`factcheck.report_stream`), by job index, in any order:
        by default each job's claims are read here (from ``store``) and judged by :meth:`judge`."""
        from factcheck.report_stream import run_on_engine

        return run_on_engine(self, jobs, store, rules, context, reviews)

    def close(self) -> None:  # noqa: B027 - most engines hold nothing to let go of
        """Let go of workers or connections."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalEngine(Engine):
    """This machine: ``jobs`` worker processes analyze articles (one process below a few dozen); facts are
    judged here, where the claims already are."""

    name = "local"

    def __init__(self, jobs: int = 1, parallel_claims: int | None = None) -> None:
        self.jobs = jobs
        self.parallel_claims = parallel_claims  # None: report_stream.PARALLEL_CLAIMS

    def analyze(
        self,
        items: Sequence[tuple[str, str | None]],
        rules: RuleSet,
        advance: Callable[[], None] | None = None,
    ) -> Iterator[Analysis]:
        from factcheck.parallel import analyze_files

        return analyze_files(items, rules, self.jobs, advance)

    def judge(self, tasks: Sequence[FactTask], rules: RuleSet, context: Context) -> list[Finding]:
        return [finding for task in tasks for finding in judge_task(task, rules, context)]

    def write_facts(
        self,
        jobs: Sequence[FactJob],
        story: StoryClaims,
        store: StoryStore,
        rules: RuleSet,
        context: Context,
        reviews: Mapping[str, Review],
    ) -> Iterator[tuple[int, WrittenJob]]:
        """Here, or on ``jobs`` worker processes reading the store themselves for a story of
        :data:`~factcheck.report_stream.PARALLEL_CLAIMS` claims or more in a cache file."""
        from factcheck.report_stream import PARALLEL_CLAIMS, run_here, run_on_workers

        workers = min(self.jobs, len(jobs))
        enough = PARALLEL_CLAIMS if self.parallel_claims is None else self.parallel_claims
        if workers > 1 and story.path is not None and sum(job.claims for job in jobs) >= enough:
            return run_on_workers(jobs, story, rules, context, reviews, workers)
        return enumerate(run_here(jobs, story, store, rules, context, reviews))


def open_engine(name: str, jobs: int, scheduler: str | None = None) -> Engine:
    """The engine a run asks for; ``scheduler`` is the address of a Dask cluster's scheduler."""
    if name == "local":
        return LocalEngine(jobs)
    if name == "dask":
        from factcheck.dask_engine import DaskEngine

        if scheduler is None:
            from factcheck.errors import InputError, Problem

            raise InputError(Problem("--engine dask", "needs --scheduler ADDRESS (the Dask scheduler to run on)"))
        return DaskEngine(scheduler)
    raise ValueError(f"unknown engine {name!r}")  # pragma: no cover - the command line offers only ENGINES
