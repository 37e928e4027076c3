"""The command line at scale: ``factcheck report`` on growing corpora, on every core, cold and warm; start-up.

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--jobs N] [--keep DIR] [--skip-startup]
                               [--engine local|dask]

For each size N a synthetic corpus is written by ``benchmarks/synthetic.py`` (reused from ``--keep DIR/nN`` when
it is there), and the real command, ``factcheck report CORPUS --format json --output /dev/null --jobs N``, runs:

* cold: with an empty claim cache (every article read, extracted and matched, on ``--jobs`` worker processes);
* warm: again on the same cache (nothing to analyze: load the claims, judge every fact, render);

each in a child process (run by ``benchmarks/check.py``) whose peak resident memory is read by ``wait4``. The
real-news corpus (corpus/geneva-2022) runs the same way. "cache MB" is the size of the claim cache the runs leave.
Growth is the ratio of times from each size to the next, over the ratio of sizes (1.0: linear). Start-up:
``factcheck --version``, and ``factcheck check`` of one Geneva article against its warm cache, the median of five
runs each.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from check import run_command
from common import MB, aligned, parse_sizes
from synthetic import write_corpus

ROOT = Path(__file__).resolve().parent.parent
GENEVA = ROOT / "corpus" / "geneva-2022"


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.md"))


def measure(name: str, folder: Path, jobs: int, cache: Path, engine: list[str]) -> dict[str, float]:
    shutil.rmtree(cache, ignore_errors=True)
    args = ["report", str(folder), "--format", "json", "--output", os.devnull, "--jobs", str(jobs)]
    args += ["--cache-dir", str(cache), *engine]
    cold, warm = run_command(args), run_command(args)
    cached = sum(p.stat().st_size for p in cache.glob("claims.sqlite3*"))
    articles = sum(1 for _ in folder.rglob("*.md"))
    size = corpus_bytes(folder)
    print(f"  {name}: {articles} articles, cold {cold.seconds:.2f} s, warm {warm.seconds:.2f} s", file=sys.stderr)
    return {
        "articles": articles,
        "mb": size / MB,
        "cold": cold.seconds,
        "warm": warm.seconds,
        "cold_rss": cold.maxrss_bytes / MB,
        "warm_rss": warm.maxrss_bytes / MB,
        "cache_mb": cached / MB,
    }


def startup(cache: Path) -> tuple[float, float]:
    run_command(["report", str(GENEVA), "--format", "json", "--output", os.devnull, "--cache-dir", str(cache)])
    version = [run_command(["--version"]).seconds for _ in range(5)]
    check_args = ["check", str(GENEVA / "the-week.md"), "--format", "json", "--output", os.devnull]
    check = [run_command([*check_args, "--cache-dir", str(cache)]).seconds for _ in range(5)]
    return statistics.median(version), statistics.median(check)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1000,10000"))
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="default: every core")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep (and reuse) the corpora in DIR/nN")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="dask: a LocalCluster of --jobs single-threaded worker processes, started here",
    )
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        engine: list[str] = []
        if args.engine == "dask":
            from distributed import LocalCluster

            cluster = stack.enter_context(
                LocalCluster(n_workers=args.jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            )
            engine = ["--engine", "dask", "--scheduler", cluster.scheduler_address]
        run(args, engine)


def run(args: argparse.Namespace, engine: list[str]) -> None:
    work = Path(tempfile.mkdtemp(prefix="factcheck-scale-"))
    rows: list[tuple[str, dict[str, float]]] = []
    try:
        rows.append(("geneva-2022", measure("geneva-2022", GENEVA, args.jobs, work / "cache", engine)))
        for n in args.sizes:
            folder = (args.keep or work) / f"n{n}"
            if not (folder.is_dir() and sum(1 for _ in folder.glob("*.md")) == n):
                shutil.rmtree(folder, ignore_errors=True)
                write_corpus(folder, n)
            rows.append((f"synthetic {n:,}", measure(f"n{n}", folder, args.jobs, work / "cache", engine)))
            if args.keep is None:
                shutil.rmtree(folder, ignore_errors=True)
        version, check = (0.0, 0.0) if args.skip_startup else startup(work / "cache")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cores = os.cpu_count()
    print(f"factcheck report --format json, {args.engine} engine, {args.jobs} worker processes ({cores} cores)")
    table = []
    previous: dict[str, float] | None = None
    for name, r in rows:
        growth = ""
        if previous is not None and name.startswith("synthetic") and previous["articles"] > 10:
            ratio = r["articles"] / previous["articles"]
            growth = f"{(r['cold'] / previous['cold']) / ratio:.2f} / {(r['warm'] / previous['warm']) / ratio:.2f}"
        table.append(
            (
                name,
                f"{int(r['articles']):,}",
                f"{r['mb']:.1f}",
                f"{r['cold']:.2f}",
                f"{r['articles'] / r['cold']:.0f}",
                f"{r['mb'] / r['cold']:.2f}",
                f"{r['warm']:.2f}",
                f"{r['articles'] / r['warm']:.0f}",
                f"{max(r['cold_rss'], r['warm_rss']):.0f}",
                f"{r['cache_mb']:.1f}",
                growth,
            )
        )
        if name.startswith("synthetic"):
            previous = r
    columns = ("corpus", "articles", "MB", "cold s", "art/s", "MB/s", "warm s", "art/s", "peak MB", "cache MB")
    columns += ("growth c/w",)
    print("\n".join(aligned(columns, table)))
    if not args.skip_startup:
        print(f"start-up: factcheck --version {version * 1000:.0f} ms; check of one article (warm) {check:.2f} s")


if __name__ == "__main__":
    main()
