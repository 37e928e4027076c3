"""``--engine dask``: a Dask cluster gives the report the local engine gives, byte for byte.

A local cluster of two worker processes (started here, in the test process) stands in for a real one; the runs go
through the installed ``factcheck`` console script. Skipped (with the reason) when dask is not installed, except
in CI (``CI=true``), where that fails: CI must run these. ``dask[distributed]`` is in the test extra.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import factcheck
from factcheck.crossref import is_bucket
from factcheck.engine import LocalEngine
from factcheck.errors import InputError
from factcheck.parallel import MIN_PARALLEL, analyze_file
from factcheck.pipeline import fact_tasks, story_context, wire_article
from factcheck.rules.loader import load_rules
from factcheck.wires import wire_groups

IN_CI = os.environ.get("CI", "").lower() == "true"
try:
    from distributed import LocalCluster
except ImportError:  # pragma: no cover - the test extra installs dask
    if IN_CI:
        pytest.fail("dask is not installed: CI must run the dask engine's tests (pip install -e '.[test]')")
    pytest.skip("dask is not installed (pip install -e '.[test]')", allow_module_level=True)

from factcheck.dask_engine import DaskEngine, task_batches  # noqa: E402 - only once dask is known to be there

REPO = Path(__file__).resolve().parent.parent
GENEVA = REPO / "corpus" / "geneva-2022"
STORIES = sorted(p.parent for p in (REPO / "tests" / "data" / "stories").glob("*/rules.yaml"))
UNREACHABLE = "tcp://127.0.0.1:1"  # nothing listens on port 1
# Without a dashboard the scheduler still serves its health page, on port 8787 unless told: any free port instead,
# so that clusters (these tests', another run's) do not compete for it.
NO_FIXED_PORT = {"dashboard_address": ":0"}


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local Dask cluster: two worker processes, one thread each."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, scheduler_kwargs=NO_FIXED_PORT
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module", autouse=True)
def unreachable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[subprocess.Popen[str]]:
    """A report run on a scheduler nobody listens at. It tries for the engine's whole connect timeout (10 s), so it
    is started before the first test and waits while the others run; its test reads how it ended."""
    tmp = tmp_path_factory.mktemp("unreachable")
    args = ["report", "corpus/geneva-2022", "--no-cache", "--engine", "dask", "--scheduler", UNREACHABLE]
    with subprocess.Popen(
        [_script(), *args],
        cwd=REPO,
        env=_env(tmp),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        yield process
        if process.poll() is None:
            process.kill()


@pytest.fixture
def engine(scheduler: str) -> Iterator[DaskEngine]:
    with DaskEngine(scheduler) as opened:
        assert isinstance(opened, DaskEngine)
        yield opened


def _script() -> str:
    beside = Path(sys.executable).parent / "factcheck"
    found = str(beside) if beside.is_file() else shutil.which("factcheck")
    assert found is not None, "the factcheck console script is not installed"
    return found


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FORCE_COLOR", "PYTHON"))}
    env["FACTCHECK_DECISIONS"] = str(tmp / "decisions.sqlite")
    env["FACTCHECK_CACHE_DIR"] = str(tmp / "cache")
    return env


def _run(tmp: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_script(), *map(str, args)],
        cwd=REPO,
        env=_env(tmp),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _same(local: subprocess.CompletedProcess[str], dask: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in local.stderr + dask.stderr, dask.stderr
    assert dask.returncode == local.returncode, dask.stderr
    assert dask.stdout == local.stdout
    assert dask.stdout.startswith("{")


def _article(outlet: str, published: str, body: str) -> str:
    return f'---\noutlet: {outlet}\ntitle: "Geneva talks"\npublished: {published}\n---\nGeneva talks\n\n{body}'


@pytest.fixture(scope="module")
def big_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixty articles written from the Geneva corpus's (each outlet its own, the troop figure varied), an empty one
    first and a binary one last: enough that the local engine spreads them over processes and the dask engine
    over several batches."""
    folder = tmp_path_factory.mktemp("big-story")
    bodies = [p.read_text(encoding="utf-8").split("---\n", 2)[2] for p in sorted(GENEVA.glob("*.md"))]
    figures = ["100,000", "more than 100,000", "almost 100,000", "130,000", "100,000", "90,000"]
    for i in range(60):
        body = bodies[i % len(bodies)].replace("100,000", figures[i % len(figures)])
        text = _article(f"Outlet {i:02d}", f"2022-01-{8 + i % 4:02d}", body)
        (folder / f"outlet-{i:02d}.md").write_text(text, encoding="utf-8")
    (folder / "aa-empty.md").write_text("", encoding="utf-8")
    (folder / "zz-broken.md").write_bytes(b"---\noutlet: X\n\x00\x01")
    assert len(list(folder.iterdir())) > 2 * MIN_PARALLEL
    return folder


# --- through the command line -------------------------------------------------------------------------------


def test_geneva_report_is_byte_identical_without_and_with_a_cache(scheduler: str, tmp_path: Path) -> None:
    args = ("report", "corpus/geneva-2022", "--format", "json")
    local = _run(tmp_path, *args, "--no-cache", "--engine", "local")
    assert local.returncode == 1  # the bundled story has conflicts
    on_cluster = ("--engine", "dask", "--scheduler", scheduler)
    uncached = _run(tmp_path, *args, "--no-cache", *on_cluster)
    _same(local, uncached)
    assert uncached.stderr == ""
    cold = _run(tmp_path, *args, "--cache-dir", tmp_path / "dask-cache", *on_cluster)
    warm = _run(tmp_path, *args, "--cache-dir", tmp_path / "dask-cache", *on_cluster)
    _same(local, cold)
    _same(local, warm)


@pytest.mark.parametrize("story", STORIES, ids=[p.name for p in STORIES])
def test_each_story_with_its_rules_is_byte_identical(scheduler: str, tmp_path: Path, story: Path) -> None:
    args = ("report", story, "--rules", story / "rules.yaml", "--format", "json", "--no-cache")
    local = _run(tmp_path, *args)
    dask = _run(tmp_path, *args, "--engine", "dask", "--scheduler", scheduler)
    _same(local, dask)


def test_the_story_list_is_not_empty() -> None:
    assert len(STORIES) >= 3


def test_a_big_story_with_bad_articles_is_byte_identical(scheduler: str, big_story: Path, tmp_path: Path) -> None:
    args = ("report", big_story, "--format", "json")
    local = _run(tmp_path, *args, "--no-cache", "--jobs", "2")
    on_cluster = ("--cache-dir", tmp_path / "cache", "--engine", "dask", "--scheduler", scheduler)
    dask = _run(tmp_path, *args, *on_cluster)
    _same(local, dask)
    assert local.returncode == 2  # the bad articles are input errors; the others are reported
    for done in (local, dask):
        assert "aa-empty.md" in done.stderr and "zz-broken.md" in done.stderr
    assert dask.stderr == local.stderr
    assert '"geneva.troops-at-border"' in dask.stdout

    # The cache filled on the cluster, used again with some articles touched: their digests go along, and the
    # workers find them unchanged.
    for name in ("outlet-00.md", "outlet-31.md", "outlet-59.md"):
        os.utime(big_story / name)
    _same(local, _run(tmp_path, *args, *on_cluster))


def test_check_against_the_story_is_the_same(scheduler: str, tmp_path: Path) -> None:
    new = tmp_path / "new.md"
    new.write_text(_article("Daily Test", "2022-01-11", "Russia has 175,000 troops massed along the border.\n"))
    args = ("check", new, "--against", "corpus/geneva-2022", "--format", "json")
    local = _run(tmp_path, *args, "--cache-dir", tmp_path / "local-cache")
    dask = _run(tmp_path, *args, "--cache-dir", tmp_path / "dask-cache", "--engine", "dask", "--scheduler", scheduler)
    _same(local, dask)
    assert local.returncode == 1 and '"geneva.troops-at-border"' in dask.stdout


def test_an_unreachable_scheduler_is_one_line_and_exit_2(unreachable: subprocess.Popen[str]) -> None:
    stdout, stderr = unreachable.communicate(timeout=120)
    assert unreachable.returncode == 2
    assert stdout == ""
    assert re.fullmatch(rf"factcheck: --scheduler: cannot reach the Dask scheduler at {UNREACHABLE}: .+\n", stderr)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--scheduler", UNREACHABLE), "--scheduler is for --engine dask"),
        (("--engine", "local", "--scheduler", UNREACHABLE), "--scheduler is for --engine dask"),
        (("--engine", "dask"), "--engine dask: needs --scheduler"),
    ],
)
def test_scheduler_and_engine_go_together(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    done = _run(tmp_path, "report", "corpus/geneva-2022", "--no-cache", *args)
    assert done.returncode == 2
    assert said in done.stderr and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


# --- the engine itself --------------------------------------------------------------------------------------


def test_opening_an_unreachable_scheduler_is_an_input_error() -> None:
    with pytest.raises(InputError) as raised:
        DaskEngine(UNREACHABLE, timeout=0.5)
    (problem,) = raised.value.problems
    assert problem.path == "--scheduler"
    assert problem.message.startswith(f"cannot reach the Dask scheduler at {UNREACHABLE}: ")
    assert "\n" not in problem.message


def test_a_cluster_without_workers_is_an_input_error() -> None:
    with (
        LocalCluster(n_workers=0, processes=False, dashboard_address=None, scheduler_kwargs=NO_FIXED_PORT) as empty,
        pytest.raises(InputError) as raised,
    ):
        DaskEngine(empty.scheduler_address, timeout=0.5)
    (problem,) = raised.value.problems
    assert problem.path == "--scheduler" and "has no workers" in problem.message


def test_workers_running_another_factcheck_are_an_input_error(scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(factcheck, "__version__", "0.0.0-elsewhere")
    with pytest.raises(InputError) as raised:
        DaskEngine(scheduler)
    (problem,) = raised.value.problems
    assert problem.message.startswith("the Dask workers must run factcheck 0.0.0-elsewhere, as here: ")
    assert problem.message.count(" has ") == 2  # both workers named


def test_analysis_comes_back_in_the_order_given(engine: DaskEngine, tmp_path: Path) -> None:
    """Articles of very different sizes, one per cluster task: they finish out of order, come back in order."""
    bodies = [p.read_text(encoding="utf-8").split("---\n", 2)[2] for p in sorted(GENEVA.glob("*.md"))]
    items: list[tuple[str, str | None]] = []
    for i in range(12):
        repeat = 40 if i % 4 == 0 else 1  # every fourth article forty times the others' text
        path = tmp_path / f"a{i:02d}.md"
        path.write_text(_article(f"Outlet {i}", "2022-01-10", bodies[i % len(bodies)] * repeat), encoding="utf-8")
        items.append((str(path), None))
    (tmp_path / "bad.md").write_text("", encoding="utf-8")
    items.insert(5, (str(tmp_path / "bad.md"), None))
    rules = load_rules(REPO / "rules")
    engine.articles_per_task = 1
    advanced: list[int] = []
    got = list(engine.analyze(items, rules, lambda: advanced.append(1)))
    assert [a.name for a in got] == [name for name, _ in items]
    assert got == [analyze_file(name, digest, rules) for name, digest in items]
    assert len(advanced) == len(items)
    assert got[5].problems and "empty file" in got[5].problems[0].message

    # With the digest the cache has, an unchanged article is not analyzed again.
    known = [(name, analysis.digest) for (name, _), analysis in zip(items, got, strict=True)]
    again = list(engine.analyze(known, rules))
    assert [a.same for a in again] == [a.digest is not None for a in got]


def test_relative_names_are_read_where_this_process_stands(
    engine: DaskEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers started elsewhere: the engine sends absolute paths and gives results back by the run's names."""
    shutil.copy(GENEVA / "the-week.md", tmp_path / "the-week.md")
    (tmp_path / "broken.md").write_bytes(b"\x00")
    monkeypatch.chdir(tmp_path)
    items: list[tuple[str, str | None]] = [("the-week.md", None), ("broken.md", None), ("missing.md", None)]
    rules = load_rules(REPO / "rules")
    got = list(engine.analyze(items, rules))
    assert got == [analyze_file(name, digest, rules) for name, digest in items]
    assert got[0].source is not None and got[0].source.path == "the-week.md" and got[0].matches
    assert [p.path for a in got[1:] for p in a.problems] == ["broken.md", "missing.md"]


def test_stopping_early_leaves_the_engine_usable(engine: DaskEngine) -> None:
    rules = load_rules(REPO / "rules")
    items: list[tuple[str, str | None]] = [(str(p), None) for p in sorted(GENEVA.glob("*.md"))] * 8
    engine.articles_per_task = 2
    results = engine.analyze(items, rules)
    first = next(results)
    results.close()  # what an error in the reader does: the tasks still queued are cancelled
    assert first.name == items[0][0]
    assert [a.name for a in engine.analyze(items[:3], rules)] == [name for name, _ in items[:3]]
    assert list(engine.analyze([], rules)) == []


def test_judging_on_the_cluster_gives_the_local_findings(engine: DaskEngine) -> None:
    rules = load_rules(REPO / "rules")
    analyses = [analyze_file(str(p), None, rules) for p in sorted(GENEVA.glob("*.md"))]
    sources = [a.source for a in analyses if a.source is not None]
    copies = [wire_article(a.source, a.credit, a.fingerprint) for a in analyses if a.source is not None]
    context, _wires = story_context(sources, wire_groups(copies))
    tasks = fact_tasks(m for a in analyses for m in a.matches)
    assert len(tasks) > 3
    expected = LocalEngine().judge(tasks, rules, context)
    assert engine.judge(tasks, rules, context) == expected
    engine.claims_per_task = 2  # more cluster tasks, each of fewer facts
    assert engine.judge(tasks, rules, context) == expected
    assert engine.judge([], rules, context) == []


def test_task_batches_keep_the_order_and_put_the_buckets_alone() -> None:
    rules = load_rules(REPO / "rules")
    analyses = [analyze_file(str(p), None, rules) for p in sorted(GENEVA.glob("*.md"))]
    tasks = fact_tasks(m for a in analyses for m in a.matches)
    for claims in (1, 3, 10, 10_000):
        batches = task_batches(tasks, claims)
        assert [t for batch in batches for t in batch] == tasks
        buckets = [t for t in tasks if any(is_bucket(fact) for fact, _ in t.groups)]
        assert batches[: len(buckets)] == [[t] for t in buckets]  # first, each alone
        assert len(buckets) == 3  # people with quotes, organizations, unplaced figures
        for batch in batches:
            assert len(batch) == 1 or sum(t.size for t in batch) <= claims


class _FailedFuture:
    """What a cluster hands back for a task that could not be run."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def result(self) -> object:
        raise self.error


def test_a_cluster_failing_under_the_run_is_one_line(engine: DaskEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    rules = load_rules(REPO / "rules")
    article = str(GENEVA / "the-week.md")
    worker = type("Worker", (), {"address": "tcp://127.0.0.1:40000"})()
    killed = KilledWorker("analyze-batch", worker, allowed_failures=3)
    monkeypatch.setattr(engine.client, "submit", lambda *args, **kwargs: _FailedFuture(killed))
    with pytest.raises(InputError) as raised:
        list(engine.analyze([(article, None)], rules))
    (problem,) = raised.value.problems
    assert problem.path == "--scheduler"
    assert problem.message.startswith(f"the Dask cluster at {engine.scheduler} failed during the run: ")
    assert "\n" not in problem.message
    monkeypatch.undo()

    def dropped(*args: object, **kwargs: object) -> object:
        raise CommClosedError("connection to the scheduler closed")

    monkeypatch.setattr(engine.client, "gather", dropped)
    tasks = fact_tasks(analyze_file(article, None, rules).matches)
    with pytest.raises(InputError, match="failed during the run: connection to the scheduler closed"):
        engine.judge(tasks, rules, story_context([], [])[0])


def test_a_bug_on_a_worker_is_not_hidden(engine: DaskEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error of factcheck's own code is raised whole: it is a bug to see, not a cluster to blame."""
    rules = load_rules(REPO / "rules")
    monkeypatch.setattr(engine.client, "submit", lambda *args, **kwargs: _FailedFuture(ValueError("a bug")))
    with pytest.raises(ValueError, match="a bug"):
        list(engine.analyze([(str(GENEVA / "the-week.md"), None)], rules))
