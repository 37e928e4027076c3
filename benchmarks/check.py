"""How long ``factcheck check`` takes on one new article against a synthetic corpus, cold and warm cache.

    python benchmarks/check.py [--sizes 1000,10000] [--repeat 3] [--keep DIR]

For each size N the corpus is written by ``benchmarks/synthetic.py`` (with ``run.py``'s ``prepare``: into a
temporary folder, or DIR/nN with ``--keep``, reused when it matches), and a new article stating a few facts (the
length of the Geneva meeting, the troops at the border, the day of the NATO–Russia Council) is written into a
folder of its own. Then, with a claim cache of its own for this size (``--cache-dir``, empty at first):

* cold: ``factcheck check NEW --against CORPUS`` once, which analyzes every corpus article into the cache;
* warm: the same command again, best of ``--repeat``;
* start-up: ``factcheck --version``, best of ``--repeat``: the interpreter and the command line alone;
* in process: ``run_check`` with the warm cache, best of ``--repeat``, in a fresh interpreter, split into listing
  the corpus folder, ``ClaimCache.load`` (a stat and a lookup per file), reading the claims of the new article's
  facts from SQLite, and the comparison itself; plus loading the rules and rendering;
* touched: every corpus file given a new modification time (as a fresh ``git checkout`` in CI does), then the
  command again: each file is read and hashed once more, but none is analyzed again; best of ``--repeat``.

The command lines run as subprocesses, start-up included; their peak RSS is ``ru_maxrss`` from ``wait4``. The
in-process figures come from a fresh interpreter that imports factcheck itself (its import time is printed).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from common import MB, aligned, maxrss_bytes, parse_sizes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RULES = ROOT / "rules"
DEFAULT_SIZES = (1000, 10000)
CACHE_FILE = "claims.sqlite3"
T = TypeVar("T")

NEW_ARTICLE = """\
---
outlet: "The Benchmark Courier"
title: "U.S. and Russia end Geneva talks without a breakthrough"
published: 2022-01-11
---

Deputy Secretary of State Wendy Sherman said Monday’s nearly eight-hour meeting wasn’t a negotiation.

Russia has amassed about 100,000 troops along the border with Ukraine, according to Western officials.

Sherman will brief allies before a special meeting of the NATO-Russia Council in Brussels on Thursday.

Officials on both sides described the talks as frank, and agreed to keep talking.
"""


@dataclass(frozen=True)
class Run:
    """One run of the command line."""

    seconds: float
    exit_code: int
    maxrss_bytes: int


@dataclass(frozen=True)
class SizeResult:
    articles: int
    corpus_bytes: int
    cold: Run
    warm: Run
    startup: Run
    touched: Run
    cache_bytes: int
    inproc: dict[str, Any]


# --- The worker: run_check in process, with the warm cache ----------------------------------------------------------


class _Clock:
    """Seconds spent in the wrapped calls, by name."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def wrap(self, name: str, function: Callable[..., T]) -> Callable[..., T]:
        def timed(*args: Any, **kwargs: Any) -> T:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[name] = self.spent.get(name, 0.0) + time.perf_counter() - start

        return timed


def run_inprocess(new: Path, corpus: Path, rules_dir: Path, cache_dir: Path, fmt: str, repeat: int) -> dict[str, Any]:
    """``run_check`` of ``new`` against ``corpus`` with the claim cache in ``cache_dir``, ``repeat`` times; the
    fastest run's parts (seconds), with the rules' loading time and this process's peak RSS."""
    start = time.perf_counter()
    import factcheck.check
    from factcheck.cache import ClaimCache
    from factcheck.check import run_check
    from factcheck.render import CHECK_FORMATS
    from factcheck.rules.loader import load_rules

    imports = time.perf_counter() - start
    start = time.perf_counter()
    rules = load_rules(rules_dir)
    rules_seconds = time.perf_counter() - start
    listing = factcheck.check.corpus_paths  # type: ignore[attr-defined]
    runs: list[dict[str, Any]] = []
    for _ in range(repeat):
        clock = _Clock()
        factcheck.check.corpus_paths = clock.wrap("list", listing)  # type: ignore[attr-defined]
        try:
            start = time.perf_counter()
            cache = ClaimCache(cache_dir)
            opened = time.perf_counter()
            cache.load = clock.wrap("load", cache.load)  # type: ignore[method-assign]
            cache.facts_of = clock.wrap("reads", cache.facts_of)  # type: ignore[method-assign]
            cache.rows = clock.wrap("reads", cache.rows)  # type: ignore[method-assign]
            result = run_check([new], corpus, rules, cache, full=fmt == "json")
            checked = time.perf_counter()
            buffer = io.StringIO()
            CHECK_FORMATS[fmt](result, buffer)
            rendered = time.perf_counter()
            analyzed = cache.analyzed
            cache.close()
        finally:
            factcheck.check.corpus_paths = listing  # type: ignore[attr-defined]
        spent = clock.spent
        total = checked - opened
        runs.append(
            {
                "open": opened - start,
                "list": spent.get("list", 0.0),
                "load": spent.get("load", 0.0),
                "reads": spent.get("reads", 0.0),
                "compare": total - sum(spent.values()),
                "run_check": total,
                "render": rendered - checked,
                "analyzed": analyzed,
                "corpus_articles": result.corpus_articles,
                "facts": len(result.checks),
                "findings": len(result.findings),
            }
        )
    best = min(runs, key=lambda r: float(r["run_check"]))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        **best,
        "imports": imports,
        "rules": rules_seconds,
        "maxrss_bytes": maxrss_bytes(usage.ru_maxrss),
    }


# --- The driver -----------------------------------------------------------------------------------------------------


def run_command(arguments: Sequence[str]) -> Run:
    """The installed ``factcheck`` with these arguments, timed from outside; exit 0 or 1 (findings) expected."""
    from run import factcheck_command

    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*factcheck_command(), *arguments], stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace")
    if code not in (0, 1):
        sys.stderr.write(message)
        raise SystemExit(f"factcheck {' '.join(arguments)} failed with exit code {code}")
    return Run(seconds=seconds, exit_code=code, maxrss_bytes=maxrss_bytes(usage.ru_maxrss))


def best(runs: Sequence[Run]) -> Run:
    return min(runs, key=lambda r: r.seconds)


def settle(paths: Sequence[Path]) -> None:
    """Wait until the newest of these files is more than 2 s old: the cache re-reads a file modified so close to
    when it was hashed (its same-second guard), which would make the first warm run pay for the corpus having just
    been written."""
    newest = max(p.stat().st_mtime for p in paths)
    delay = newest + 2.2 - time.time()
    if delay > 0:
        time.sleep(delay)


def touch(paths: Sequence[Path], round_: int) -> None:
    """Give every file a modification time it never had (an hour ago, plus ``round_`` microseconds), as a fresh
    checkout does; old enough that the cache's same-second guard does not apply."""
    stamp = time.time_ns() - 3600 * 10**9 + round_ * 1000
    for path in paths:
        os.utime(path, ns=(stamp, stamp))


def cache_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob(f"{CACHE_FILE}*") if p.is_file())


def run_worker(new: Path, corpus: Path, rules: Path, cache_dir: Path, fmt: str, repeat: int) -> dict[str, Any]:
    script = str(Path(__file__).resolve())
    command = [sys.executable, script, "--worker", str(new), "--against", str(corpus), "--cache-dir", str(cache_dir)]
    command += ["--rules", str(rules), "--format", fmt, "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"in-process worker failed with exit code {done.returncode}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def measure(corpus: Path, corpus_bytes: int, n: int, scratch: Path, rules: Path, fmt: str, repeat: int) -> SizeResult:
    new_folder = scratch / f"new-n{n}"
    new_folder.mkdir(parents=True, exist_ok=True)
    new = new_folder / "benchmark-courier.md"
    new.write_text(NEW_ARTICLE, encoding="utf-8")
    cache_dir = scratch / f"cache-n{n}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    corpus_files = sorted(corpus.glob("*.md"))
    settle([*corpus_files, new])

    check = ["check", str(new), "--against", str(corpus), "--rules", str(rules), "--cache-dir", str(cache_dir)]
    check += ["--format", fmt]
    cold = run_command(check)
    print(f"  N={n:,}: cold {cold.seconds:,.2f} s (exit {cold.exit_code}); warm runs…", flush=True)
    warm = best([run_command(check) for _ in range(repeat)])
    startup = best([run_command(["--version"]) for _ in range(repeat)])
    inproc = run_worker(new, corpus, rules, cache_dir, fmt, repeat)
    if inproc["analyzed"]:
        print(f"  warning: the in-process run analyzed {inproc['analyzed']} articles: the cache was not warm")
    size = cache_size(cache_dir)
    touched_runs = []
    for round_ in range(repeat):
        touch(corpus_files, round_)
        touched_runs.append(run_command(check))
    return SizeResult(
        articles=n,
        corpus_bytes=corpus_bytes,
        cold=cold,
        warm=warm,
        startup=startup,
        touched=best(touched_runs),
        cache_bytes=size,
        inproc=inproc,
    )


def table(results: Sequence[SizeResult]) -> list[str]:
    columns = (
        "N",
        "corpus MB",
        "cold s",
        "warm s",
        "start-up s",
        "warm-start s",
        "rules ms",
        "list s",
        "load s",
        "reads s",
        "compare s",
        "run_check s",
        "render ms",
        "touched s",
        "cache MB",
        "RSS MB cold/warm/in-proc",
    )
    rows: list[tuple[str, ...]] = []
    for r in results:
        p = r.inproc
        rows.append(
            (
                f"{r.articles:,}",
                f"{r.corpus_bytes / MB:,.1f}",
                f"{r.cold.seconds:,.2f}",
                f"{r.warm.seconds:,.3f}",
                f"{r.startup.seconds:,.3f}",
                f"{r.warm.seconds - r.startup.seconds:,.3f}",
                f"{p['rules'] * 1000:,.0f}",
                f"{p['list']:,.3f}",
                f"{p['load']:,.3f}",
                f"{p['reads']:,.3f}",
                f"{p['compare']:,.3f}",
                f"{p['run_check']:,.3f}",
                f"{p['render'] * 1000:,.1f}",
                f"{r.touched.seconds:,.2f}",
                f"{r.cache_bytes / MB:,.1f}",
                f"{r.cold.maxrss_bytes / MB:,.0f} / {r.warm.maxrss_bytes / MB:,.0f} / {p['maxrss_bytes'] / MB:,.0f}",
            )
        )
    return aligned(columns, rows)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmarks/check.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        metavar="N,N,...",
        help="corpus sizes in articles (default: 1000,10000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, metavar="R", help="warm runs to keep the fastest of (default: 3)"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write the corpora to DIR/nN and keep them, as run.py --keep does (reused when size and seed match)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus (default: 0)")
    parser.add_argument("--rules", type=Path, default=DEFAULT_RULES, metavar="DIR", help="(default: rules/)")
    parser.add_argument(
        "--format",
        default="rich",
        help="output format of the timed checks, written to /dev/null (default: rich)",
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--against", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")
    rules = args.rules.resolve()
    if args.worker is not None:
        answer = run_inprocess(args.worker, args.against, rules, args.cache_dir, args.format, args.repeat)
        print(json.dumps(answer))
        return 0

    # run.py imports factcheck: only here, so that the worker's interpreter measures the imports itself.
    from run import header, prepare, revision

    started = revision()
    for line in header():
        print(line, flush=True)
    print(f"corpus: synthetic, seed {args.seed}; rules: {rules}; format {args.format}; best of {args.repeat}")
    scratch = Path(tempfile.mkdtemp(prefix="factcheck-check-bench-"))
    base = args.keep.resolve() if args.keep is not None else scratch
    results: list[SizeResult] = []
    try:
        for n in args.sizes:
            folder = base / f"n{n}"
            written, seconds, reused = prepare(folder, n, args.seed)
            how = "reused" if reused else f"written in {seconds:.1f} s"
            print(f"  N={n:,}: corpus {written / MB:,.1f} MB in {folder} ({how}); cold run…", flush=True)
            results.append(measure(folder, written, n, scratch, rules, args.format, args.repeat))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print()
    for line in table(results):
        print(line)
    print()
    for r in results:
        p = r.inproc
        print(
            f"N={r.articles:,}: exit {r.warm.exit_code}, {p['facts']} facts checked, {p['findings']} findings, "
            f"{p['corpus_articles']:,} corpus articles; in process: imports {p['imports'] * 1000:,.0f} ms, "
            f"cache open {p['open'] * 1000:,.1f} ms; cold {r.articles / r.cold.seconds:,.0f} articles/s"
        )
    if revision() != started:
        print(f"warning: the code changed during the run ({started} at the start, {revision()} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
