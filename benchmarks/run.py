"""Throughput and memory of factcheck on synthetic corpora of growing size.

    python benchmarks/run.py [--sizes 100,1000,10000] [--keep DIR] [--repeat R] [--json FILE]

For each size N the corpus is written by ``benchmarks/synthetic.py`` (into a temporary folder, or DIR/nN with
``--keep``), then each stage is measured in a fresh Python process, so that ``ru_maxrss`` is its peak alone:

* extract: ``pipeline.read_corpus`` and ``pipeline.claims_of`` for every article (read, segment, extract);
* report: ``pipeline.run_report`` (the above, plus matching claims to facts and judging each fact) and rendering
  the report as JSON into a ``StringIO``;
* memory: ``ru_maxrss`` of the process that timed the stage, and the ``tracemalloc`` peak of the stage run once
  more in a process of its own (tracing slows Python down, so it never overlaps a timed run).

The rules are loaded once per process from ``rules/``. Finally the real command line, ``factcheck report CORPUS
--format json --output /dev/null``, is timed once on the largest corpus, interpreter start-up included.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import synthetic
from common import MB, aligned, maxrss_bytes, megabytes, parse_sizes
from synthetic import write_corpus

from factcheck import __version__
from factcheck.pipeline import claims_of, read_corpus, run_report
from factcheck.render.json_format import render
from factcheck.rules.loader import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RULES = ROOT / "rules"
DEFAULT_SIZES = (100, 1000, 10000)
MARKER = ".benchmark.json"  # in a kept corpus folder: the size, seed and generator it was written with


@dataclass(frozen=True)
class SizeResult:
    """The figures of one corpus size."""

    articles: int
    corpus_bytes: int
    rules_seconds: float
    extract_seconds: float
    report_seconds: float
    render_seconds: float
    claims: int
    matches: int
    facts: int
    json_chars: int
    extract_maxrss_bytes: int
    report_maxrss_bytes: int
    extract_peak_bytes: int | None
    report_peak_bytes: int | None


@dataclass(frozen=True)
class CliResult:
    """One run of the installed command line."""

    articles: int
    command: str
    seconds: float
    exit_code: int
    maxrss_bytes: int


# --- The worker: one size, in its own process ----------------------------------------------------------------------


def _extract(corpus: Path, rules: RuleSet) -> tuple[int, int]:
    """Read, segment and extract every article; returns the article and claim counts (the claims are all kept
    until the end, as a caller collecting them would)."""
    articles, problems = read_corpus(corpus)
    if problems:
        raise SystemExit(f"unreadable synthetic articles: {problems[:3]}")
    claims = [claim for article in articles for claim in claims_of(article, rules)]
    return len(articles), len(claims)


def _report(corpus: Path, rules: RuleSet) -> tuple[float, float, int, int, int]:
    """The full report and its JSON; returns (run_report seconds, render seconds, matches, facts, JSON characters).

    The JSON is measured with ``tell()``, which copies nothing, so the traced peak is the report's own."""
    start = time.perf_counter()
    report = run_report(corpus, rules)
    middle = time.perf_counter()
    buffer = io.StringIO()
    render(report, buffer)
    end = time.perf_counter()
    matches = sum(len(f.claims) for f in report.findings)
    return middle - start, end - middle, matches, len(report.findings), buffer.tell()


STAGES = ("extract", "report", "trace-extract", "trace-report")


def run_stage(corpus: Path, rules_dir: Path, stage: str, repeat: int) -> dict[str, Any]:
    """One stage in this (fresh) process: timed ``repeat`` times, keeping the fastest, then this process's
    ru_maxrss; or, for ``trace-…``, run once under tracemalloc for its peak. The rules are loaded first, outside
    the measurement."""
    start = time.perf_counter()
    rules = load_rules(rules_dir)
    rules_seconds = time.perf_counter() - start
    if stage.startswith("trace-"):
        tracemalloc.start()
        if stage == "trace-extract":
            _extract(corpus, rules)
        else:
            _report(corpus, rules)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"peak_bytes": peak}
    if stage == "extract":
        times: list[float] = []
        articles = claims = 0
        for _ in range(repeat):
            start = time.perf_counter()
            articles, claims = _extract(corpus, rules)
            times.append(time.perf_counter() - start)
        return {
            "articles": articles,
            "claims": claims,
            "seconds": min(times),
            "rules_seconds": rules_seconds,
            "maxrss_bytes": maxrss_bytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        }
    runs = [_report(corpus, rules) for _ in range(repeat)]
    report_seconds, render_seconds, matches, facts, json_chars = min(runs, key=lambda r: r[0] + r[1])
    return {
        "seconds": report_seconds + render_seconds,
        "render_seconds": render_seconds,
        "matches": matches,
        "facts": facts,
        "json_chars": json_chars,
        "maxrss_bytes": maxrss_bytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
    }


# --- The driver ----------------------------------------------------------------------------------------------------


def prepare(folder: Path, n: int, seed: int) -> tuple[int, float, bool]:
    """The corpus of size ``n`` in ``folder``: (bytes, seconds to write, reused). A kept folder written for the
    same size and seed by the same ``synthetic.py`` is reused as it is; otherwise its articles are replaced."""
    marker = folder / MARKER
    generator = hashlib.sha256(Path(synthetic.__file__).read_bytes()).hexdigest()[:16]
    wanted: dict[str, object] = {"articles": n, "seed": seed, "generator": generator}
    if marker.is_file():
        try:
            recorded = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            recorded = None
        if isinstance(recorded, dict) and {k: recorded.get(k) for k in wanted} == wanted:
            return int(recorded["bytes"]), 0.0, True
    if folder.exists():
        for stale in folder.glob("*.md"):
            stale.unlink()
    start = time.perf_counter()
    written = write_corpus(folder, n, seed)
    seconds = time.perf_counter() - start
    marker.write_text(json.dumps({**wanted, "bytes": written}) + "\n", encoding="utf-8")
    return written, seconds, False


def run_worker(corpus: Path, rules: Path, stage: str, repeat: int) -> dict[str, Any]:
    """One stage of one size in a fresh interpreter; its JSON answer."""
    script = str(Path(__file__).resolve())
    command = [sys.executable, script, "--worker", str(corpus), "--stage", stage, "--rules", str(rules)]
    command += ["--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{stage} worker for {corpus} failed with exit code {done.returncode}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def measure(corpus: Path, corpus_bytes: int, rules: Path, repeat: int, trace: bool) -> SizeResult:
    """Each stage in a process of its own: extract, report, and (with ``trace``) each again under tracemalloc."""
    extract = run_worker(corpus, rules, "extract", repeat)
    report = run_worker(corpus, rules, "report", repeat)
    peaks: dict[str, int | None] = {"trace-extract": None, "trace-report": None}
    if trace:
        for stage in peaks:
            peaks[stage] = int(run_worker(corpus, rules, stage, 1)["peak_bytes"])
    return SizeResult(
        articles=int(extract["articles"]),
        corpus_bytes=corpus_bytes,
        rules_seconds=float(extract["rules_seconds"]),
        extract_seconds=float(extract["seconds"]),
        report_seconds=float(report["seconds"]),
        render_seconds=float(report["render_seconds"]),
        claims=int(extract["claims"]),
        matches=int(report["matches"]),
        facts=int(report["facts"]),
        json_chars=int(report["json_chars"]),
        extract_maxrss_bytes=int(extract["maxrss_bytes"]),
        report_maxrss_bytes=int(report["maxrss_bytes"]),
        extract_peak_bytes=peaks["trace-extract"],
        report_peak_bytes=peaks["trace-report"],
    )


def factcheck_command() -> list[str]:
    installed = Path(sys.executable).parent / "factcheck"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "factcheck"]


def run_cli(corpus: Path, rules: Path, articles: int) -> CliResult:
    """``factcheck report CORPUS --format json --output /dev/null``, timed from outside, start-up included.

    Safe since factcheck writes into devices and pipes directly (commit 35cd2cc); before that, ``--output``
    always renamed a temporary file over its target, which as root replaced /dev/null with a regular file.
    """
    arguments = ["report", str(corpus), "--rules", str(rules), "--format", "json", "--output", os.devnull]
    shown = " ".join(["factcheck", *arguments])
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*factcheck_command(), *arguments], stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace")
    if process.returncode not in (0, 1):  # 1: facts in conflict, which a synthetic corpus has
        sys.stderr.write(message)
        raise SystemExit(f"{shown} failed with exit code {process.returncode}")
    return CliResult(
        articles=articles,
        command=shown,
        seconds=seconds,
        exit_code=process.returncode,
        maxrss_bytes=maxrss_bytes(usage.ru_maxrss),
    )


def revision() -> str:
    """The commit of the code measured, and whether factcheck/ or rules/ differ from it."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "factcheck", "rules"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"commit {commit}" + (" + uncommitted changes in factcheck/ or rules/" if changed else "")


def header() -> list[str]:
    return [
        f"factcheck {__version__} ({revision()}) benchmark — {platform.python_implementation()} "
        f"{platform.python_version()}, os.cpu_count() = {os.cpu_count()}, {platform.system()} {platform.machine()}",
        f"processor: {_cpu_model()}",
    ]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def table(results: Sequence[SizeResult]) -> list[str]:
    columns = (
        "N",
        "MB",
        "extract s",
        "art/s",
        "MB/s",
        "report s",
        "art/s",
        "MB/s",
        "claims",
        "matched",
        "json Mchar",
        "tracemalloc MB (ex / rep)",
        "maxrss MB (ex / rep)",
    )
    rows: list[tuple[str, ...]] = []
    for r in results:
        mb = r.corpus_bytes / MB
        rows.append(
            (
                f"{r.articles:,}",
                f"{mb:,.1f}",
                f"{r.extract_seconds:,.2f}",
                f"{r.articles / r.extract_seconds:,.0f}",
                f"{mb / r.extract_seconds:,.2f}",
                f"{r.report_seconds:,.2f}",
                f"{r.articles / r.report_seconds:,.0f}",
                f"{mb / r.report_seconds:,.2f}",
                f"{r.claims:,}",
                f"{r.matches:,}",
                f"{r.json_chars / 1e6:,.1f}",
                f"{megabytes(r.extract_peak_bytes)} / {megabytes(r.report_peak_bytes)}",
                f"{megabytes(r.extract_maxrss_bytes)} / {megabytes(r.report_maxrss_bytes)}",
            )
        )
    return aligned(columns, rows)


def markdown_table(results: Sequence[SizeResult]) -> list[str]:
    lines = [
        "| N | MB | extract s | extract art/s | extract MB/s | report s | report art/s | report MB/s | "
        "claims | matched | tracemalloc peak MB (extract / report) | ru_maxrss MB (extract / report) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        mb = r.corpus_bytes / MB
        lines.append(
            f"| {r.articles:,} | {mb:,.1f} | {r.extract_seconds:,.2f} | {r.articles / r.extract_seconds:,.0f} | "
            f"{mb / r.extract_seconds:,.2f} | {r.report_seconds:,.2f} | {r.articles / r.report_seconds:,.0f} | "
            f"{mb / r.report_seconds:,.2f} | {r.claims:,} | {r.matches:,} | "
            f"{megabytes(r.extract_peak_bytes)} / {megabytes(r.report_peak_bytes)} | "
            f"{megabytes(r.extract_maxrss_bytes)} / {megabytes(r.report_maxrss_bytes)} |"
        )
    return lines


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        metavar="N,N,...",
        help="corpus sizes in articles (default: 100,1000,10000)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write the corpora to DIR/nN and keep them (reused when size and seed match)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus (default: 0)")
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="R", help="time each stage R times and keep the fastest (default: 1)"
    )
    parser.add_argument(
        "--rules",
        type=Path,
        default=DEFAULT_RULES,
        metavar="DIR",
        help="rules folder (default: the repository's rules/)",
    )
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--no-cli", action="store_true", help="skip timing the factcheck command line")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stage", choices=STAGES, default="report", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")
    rules = args.rules.resolve()
    if args.worker is not None:
        print(json.dumps(run_stage(args.worker.resolve(), rules, args.stage, args.repeat)))
        return 0

    started = revision()
    for line in header():
        print(line, flush=True)
    print(f"corpus: synthetic, seed {args.seed}; rules: {rules}; best of {args.repeat} run(s) per stage", flush=True)
    scratch = None if args.keep is not None else Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    base = args.keep.resolve() if args.keep is not None else scratch
    assert base is not None
    results: list[SizeResult] = []
    cli: list[CliResult] = []
    try:
        for n in args.sizes:
            folder = base / f"n{n}"
            written, seconds, reused = prepare(folder, n, args.seed)
            how = "reused" if reused else f"written in {seconds:.1f} s"
            print(f"  N={n:,}: corpus {written / MB:,.1f} MB in {folder} ({how}); measuring…", flush=True)
            result = measure(folder, written, rules, args.repeat, trace=not args.no_trace)
            results.append(result)
            print(f"  N={n:,}: {progress(result)}", flush=True)
            save(args.json, args.seed, args.repeat, results, cli)
        if not args.no_cli:
            largest = max(args.sizes)
            folder = base / f"n{largest}"
            print(f"  N={largest:,}: timing the factcheck command line…", flush=True)
            cli.append(run_cli(folder, rules, largest))
            save(args.json, args.seed, args.repeat, results, cli)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    print()
    for line in table(results):
        print(line)
    print()
    print(
        "rules loaded in "
        + ", ".join(f"{r.rules_seconds * 1000:.0f} ms" for r in results)
        + "; JSON rendering took "
        + ", ".join(f"{r.render_seconds:.2f} s" for r in results)
        + " of the report time"
    )
    for run in cli:
        print(
            f"end to end (N={run.articles:,}): {run.command}: {run.seconds:.2f} s wall, "
            f"{run.articles / run.seconds:,.0f} articles/s, maxrss {megabytes(run.maxrss_bytes)} MB, "
            f"exit {run.exit_code}"
        )
    if revision() != started:
        print(f"warning: the code changed during the run ({started} at the start, {revision()} at the end)")
    return 0


def progress(r: SizeResult) -> str:
    return (
        f"extract {r.extract_seconds:,.2f} s ({r.articles / r.extract_seconds:,.0f} articles/s), "
        f"report {r.report_seconds:,.2f} s ({r.articles / r.report_seconds:,.0f} articles/s), "
        f"tracemalloc peak {megabytes(r.extract_peak_bytes)} / {megabytes(r.report_peak_bytes)} MB, "
        f"maxrss {megabytes(r.extract_maxrss_bytes)} / {megabytes(r.report_maxrss_bytes)} MB"
    )


def save(path: Path | None, seed: int, repeat: int, results: Sequence[SizeResult], cli: Sequence[CliResult]) -> None:
    """The figures so far, as JSON (rewritten after every size, so a long run leaves what it measured)."""
    if path is None:
        return
    document = {
        "header": header(),
        "seed": seed,
        "repeat": repeat,
        "sizes": [asdict(r) for r in results],
        "cli": [asdict(c) for c in cli],
        "markdown": markdown_table(results),
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
