"""The ``dask`` engine: articles analyzed and facts judged on an existing Dask cluster.

``factcheck --engine dask --scheduler tcp://host:8786`` connects to the cluster's scheduler; what runs on the
workers is what :class:`~factcheck.engine.LocalEngine` runs here (:func:`factcheck.parallel.analyze_file` and
:func:`factcheck.engine.judge_task`), so the report is the same byte for byte. The workers need factcheck
installed (the same version) and the article files at the same absolute paths, a shared file system say: each
article is sent as its absolute path and its results are given back under the name the run knows it by.

Dask is imported only when the engine is opened, so that runs on the local engine never pay for it.
"""

from __future__ import annotations

import dataclasses
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck.engine import Engine, FactTask, judge_task
from factcheck.errors import InputError, Problem

if TYPE_CHECKING:
    from distributed import Client, Future

    from factcheck.compare import Context
    from factcheck.models import Finding
    from factcheck.parallel import Analysis
    from factcheck.rules.loader import RuleSet

ARTICLES_PER_TASK = 8  # articles one cluster task analyzes: fewer round trips, still an even spread
TASKS_PER_THREAD = 4  # analysis tasks in flight per worker thread: workers kept busy, results held bounded
CLAIMS_PER_TASK = 512  # rule facts judged together in one cluster task, up to this many claims in all

T = TypeVar("T")
_Item = tuple[str, str, str | None]  # name as the run knows it, absolute path, digest the cache has


def _unreachable(scheduler: str, reason: str) -> InputError:
    return InputError(Problem("--scheduler", f"cannot reach the Dask scheduler at {scheduler}: {reason}"))


def _one_line(exc: BaseException) -> str:
    try:
        text = " ".join(str(exc).split())
    except Exception:  # some of distributed's errors cannot always say themselves
        text = ""
    return text or type(exc).__name__


class DaskEngine(Engine):
    """A Dask cluster, by its scheduler's address: a client connected while the engine is open."""

    name = "dask"
    articles_per_task = ARTICLES_PER_TASK
    claims_per_task = CLAIMS_PER_TASK

    def __init__(self, scheduler: str, timeout: float = 10.0) -> None:
        self.scheduler = scheduler
        try:
            from distributed import Client
        except ImportError:
            raise _unreachable(scheduler, "Dask is not installed here (pip install 'factcheck[dask]')") from None
        try:
            self.client: Client = Client(scheduler, timeout=timeout, set_as_default=False)
        except Exception as exc:  # unreachable, refused, a malformed address: all one line for the person
            raise _unreachable(scheduler, _one_line(exc)) from None
        try:
            self._check_workers(timeout)
        except BaseException:
            self.close()
            raise

    def _check_workers(self, timeout: float) -> None:
        """Refuse a cluster without workers (tasks would wait forever) or whose workers run another factcheck
        (or none): the report must be the one this machine would make."""
        from factcheck import __version__ as mine

        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except Exception:
            raise InputError(
                Problem("--scheduler", f"the Dask scheduler at {self.scheduler} has no workers (after {timeout:g} s)")
            ) from None
        try:
            theirs: dict[str, str] = self.client.run(_worker_version)
        except Exception as exc:
            message = f"the Dask workers of {self.scheduler} cannot run factcheck: {_one_line(exc)}"
            raise InputError(Problem("--scheduler", f"{message} (pip install 'factcheck[dask]' on each)")) from None
        other = sorted(f"{worker} has {found}" for worker, found in theirs.items() if found != mine)
        if other:
            message = f"the Dask workers must run factcheck {mine}, as here: {', '.join(other)}"
            raise InputError(Problem("--scheduler", message))

    def _threads(self) -> int:
        nthreads: dict[str, int] = self.client.nthreads()
        return max(1, sum(nthreads.values()))

    def _scatter(self, value: object) -> Future[Any]:
        """``value`` on every worker, once (in a list: a list or mapping would be scattered item by item)."""
        futures: list[Future[Any]] = self.client.scatter([value], broadcast=True, hash=False)
        return futures[0]

    def analyze(
        self,
        items: Sequence[tuple[str, str | None]],
        rules: RuleSet,
        advance: Callable[[], None] | None = None,
    ) -> Iterator[Analysis]:
        if not items:
            return
        size = max(1, self.articles_per_task)
        batches = (
            [(name, os.path.abspath(name), digest) for name, digest in items[start : start + size]]
            for start in range(0, len(items), size)
        )
        scattered = self._scatter(rules)
        window: deque[Future[list[Analysis]]] = deque()
        try:
            # A bounded window of tasks in flight, taken back in the order they were given: results wait here
            # only as long as an earlier batch is still running, so memory does not grow with the corpus.
            for batch in islice(batches, TASKS_PER_THREAD * self._threads()):
                window.append(self.client.submit(_analyze_batch, batch, scattered, pure=False))
            while window:
                done = self._result(window.popleft())
                for batch in islice(batches, 1):
                    window.append(self.client.submit(_analyze_batch, batch, scattered, pure=False))
                for analysis in done:
                    yield analysis
                    if advance is not None:
                        advance()
        finally:
            if window:  # left early (an error, or the reader stopped): nothing more to do on the cluster
                self.client.cancel(list(window))
            scattered.release()

    def judge(self, tasks: Sequence[FactTask], rules: RuleSet, context: Context) -> list[Finding]:
        if not tasks:
            return []
        scattered_rules = self._scatter(rules)
        scattered_context = self._scatter(context)
        futures = [
            self.client.submit(_judge_batch, batch, scattered_rules, scattered_context, pure=False)
            for batch in task_batches(tasks, self.claims_per_task)
        ]
        try:
            judged: list[list[Finding]] = self._failing_cluster(lambda: self.client.gather(futures))
        except BaseException:
            self.client.cancel(futures)
            raise
        finally:
            scattered_rules.release()
            scattered_context.release()
        return [finding for findings in judged for finding in findings]

    def _result(self, future: Future[list[Analysis]]) -> list[Analysis]:
        return self._failing_cluster(future.result)

    def _failing_cluster(self, wait: Callable[[], T]) -> T:
        """What ``wait`` gives; a cluster that fails under the run (a worker killed, the scheduler gone, a
        connection dropped) is one line naming the scheduler, not a traceback. An error of factcheck's own code
        on a worker is raised as it is: that is a bug to see whole."""
        from distributed import KilledWorker
        from distributed.client import FutureCancelledError

        try:
            return wait()
        except (KilledWorker, FutureCancelledError, OSError, TimeoutError) as exc:
            message = f"the Dask cluster at {self.scheduler} failed during the run: {_one_line(exc)}"
            raise InputError(Problem("--scheduler", message)) from None

    def close(self) -> None:
        client: Client | None = getattr(self, "client", None)
        if client is not None:
            client.close()


def task_batches(tasks: Sequence[FactTask], claims: int) -> list[list[FactTask]]:
    """Tasks in their order, cut into cluster tasks: the tasks of the cross-outlet buckets (the most work) alone,
    and so is a fact with ``claims`` claims or more; the other facts together, consecutive, up to ``claims``
    claims a cluster task."""
    from factcheck.crossref import is_bucket

    batches: list[list[FactTask]] = []
    current: list[FactTask] = []
    filled = 0
    for task in tasks:
        alone = task.size >= claims or any(is_bucket(fact_id) for fact_id, _ in task.groups)
        if current and (alone or filled + task.size > claims):
            batches.append(current)
            current, filled = [], 0
        if alone:
            batches.append([task])
            continue
        current.append(task)
        filled += task.size
    if current:
        batches.append(current)
    return batches


# --- what the workers run -----------------------------------------------------------------------------------------


def _worker_version() -> str:
    """The factcheck a worker runs (unpickling this function fails where there is none)."""
    from factcheck import __version__

    return __version__


def _analyze_batch(batch: Sequence[_Item], rules: RuleSet) -> list[Analysis]:
    """Each article of ``batch`` analyzed (read by its absolute path, named as the run names it)."""
    from factcheck.parallel import analyze_file

    return [_named(analyze_file(path, digest, rules), path, name) for name, path, digest in batch]


def _named(analysis: Analysis, path: str, name: str) -> Analysis:
    """``analysis`` of the file at ``path`` as it would be of the same file read as ``name``."""
    if path == name:
        return analysis
    source = None if analysis.source is None else analysis.source.model_copy(update={"path": name})
    problems = tuple(dataclasses.replace(p, path=name) if p.path == path else p for p in analysis.problems)
    return dataclasses.replace(analysis, name=name, source=source, problems=problems)


def _judge_batch(tasks: Sequence[FactTask], rules: RuleSet, context: Context) -> list[Finding]:
    return [finding for task in tasks for finding in judge_task(task, rules, context)]
