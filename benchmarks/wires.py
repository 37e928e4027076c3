"""Finding wire copies (factcheck/wires.py) on synthetic articles: fingerprints, credits, groups; time and memory.

    .venv/bin/python benchmarks/wires.py [--articles 10000] [--seed 0] [--repeat 1] [--no-trace]

The N articles are generated in memory, deterministically for a seed: bodies of 150–900 words (about 4 KB with
the footer) drawn from a vocabulary of 20,000 invented words with news-like (Zipf) frequencies, in paragraphs; 16
outlets, each closing every article with its own 30–60-word footer (boilerplate: at 10,000 articles each footer is
in about 625 of them, more than the 5% limit). One article in 50 is a wire original (with a dateline such as
"WASHINGTON (AP) —"), copied 1–5 times under other mastheads: trimmed, with a new first paragraph, with figures
changed, or all three, some with the dateline, some with a "By AP" line.

Each stage is timed ``--repeat`` times (the fastest kept) over all N articles:

* fingerprint: ``body_fingerprint`` of every body;
* credit: ``wire_credit`` of every body;
* groups: ``wire_groups`` of the N ``WireArticle``, then checked against the planted copies (printed: groups
  found, planted, found exactly);

then, unless ``--no-trace``, the fingerprint and group stages once more under ``tracemalloc`` for the peak of
Python allocations of each (tracing slows Python down, so it never overlaps a timed run); ``ru_maxrss`` is the
whole process's peak, the generated corpus included.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from common import MB, aligned, maxrss_bytes, megabytes, parse_sizes  # noqa: E402

from factcheck.wires import WireArticle, body_fingerprint, wire_credit, wire_groups  # noqa: E402

T = TypeVar("T")
OUTLETS = 16
VOCABULARY = 20_000
WIRES = ("AP", "Reuters", "AFP", "Kyodo", "dpa", "Xinhua")
PLACES = ("WASHINGTON", "LONDON", "TOKYO", "PARIS", "BERLIN", "BEIJING", "KYIV", "NEW DELHI", "SEOUL", "MADRID")


@dataclass(frozen=True)
class Corpus:
    """Synthetic articles and the wire groups planted in them."""

    ids: list[str]
    outlets: list[str]
    orders: list[str]
    bodies: list[str]
    planted: set[tuple[str, ...]]

    @property
    def chars(self) -> int:
        return sum(len(b) for b in self.bodies)


@dataclass(frozen=True)
class Result:
    """The figures of one corpus size."""

    articles: int
    chars: int
    fingerprint_seconds: float
    credit_seconds: float
    groups_seconds: float
    fingerprint_peak: int | None
    groups_peak: int | None
    found: int
    planted: int
    exact: int
    credited: int
    fingerprint_bytes: int


def _words(rng: random.Random, vocabulary: Sequence[str], weights: Sequence[float], n: int) -> list[str]:
    words = rng.choices(vocabulary, cum_weights=weights, k=n)
    for k in range(0, n, rng.randint(9, 16)):  # a figure now and then
        words[k] = str(rng.randint(2, 250_000))
    return words


def _paragraphs(words: list[str], rng: random.Random) -> str:
    out: list[str] = []
    k = 0
    while k < len(words):
        size = rng.randint(25, 70)
        sentence = " ".join(words[k : k + size])
        out.append(sentence[:1].upper() + sentence[1:] + ".")
        k += size
    return "\n\n".join(out)


def _copy(rng: random.Random, words: list[str], fresh: Callable[[int], list[str]]) -> list[str]:
    kind = rng.randrange(4)
    copied = list(words)
    if kind in (0, 3):  # trimmed: the last 15–40% dropped
        copied = copied[: int(len(copied) * rng.uniform(0.6, 0.85))]
    if kind in (2, 3):  # figures changed
        for k in rng.sample(range(len(copied)), min(3, len(copied))):
            copied[k] = str(rng.randint(2, 250_000))
    if kind in (1, 3):  # a new first paragraph
        copied = fresh(rng.randint(30, 80)) + copied
    return copied


def make_corpus(n: int, seed: int) -> Corpus:
    """N articles: one in 50 a wire original with 1–5 copies, the others each an outlet's own story."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = sorted({"".join(rng.choices(letters, k=rng.randint(2, 11))) for _ in range(VOCABULARY)})
    rng.shuffle(vocabulary)
    weights = list(_cumulative(1 / (rank + 10) for rank in range(len(vocabulary))))
    outlets = [f"Outlet {k:02d}" for k in range(OUTLETS)]
    footers = {o: " ".join(_words(rng, vocabulary, weights, rng.randint(30, 60))) for o in outlets}

    def fresh(size: int) -> list[str]:
        return _words(rng, vocabulary, weights, size)

    ids: list[str] = []
    outlet_of: list[str] = []
    orders: list[str] = []
    bodies: list[str] = []
    planted: set[tuple[str, ...]] = set()

    def add(words: list[str], outlet: str, head: str = "") -> str:
        ident = f"a{len(ids):06d}"
        ids.append(ident)
        outlet_of.append(outlet)
        orders.append(f"2031-05-{1 + rng.randrange(28):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}")
        bodies.append(head + _paragraphs(words, rng) + "\n\n" + footers[outlet])
        return ident

    while len(ids) < n:
        words = fresh(rng.randint(150, 900))
        if rng.random() >= 0.02 or n - len(ids) < 6:
            add(words, rng.choice(outlets))
            continue
        wire = rng.choice(WIRES)
        dateline = f"{rng.choice(PLACES)} ({wire}) — "
        group = [add(words, rng.choice(outlets), dateline)]
        for _ in range(rng.randint(1, 5)):
            head = rng.choice((dateline, "", f"By {wire}\n\n"))
            group.append(add(_copy(rng, words, fresh), rng.choice(outlets), head))
        planted.add(tuple(sorted(group)))
    return Corpus(ids=ids, outlets=outlet_of, orders=orders, bodies=bodies, planted=planted)


def _cumulative(values: Iterable[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``repeat`` runs (seconds) and that run's result."""
    best: tuple[float, T] | None = None
    for _ in range(repeat):
        start = time.perf_counter()
        value = run()
        seconds = time.perf_counter() - start
        if best is None or seconds < best[0]:
            best = (seconds, value)
    assert best is not None
    return best


def traced(run: Callable[[], T]) -> tuple[int, T]:
    """The tracemalloc peak (bytes) of one run, and its result."""
    tracemalloc.start()
    try:
        value = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, value


def measure(corpus: Corpus, repeat: int, trace: bool) -> Result:
    bodies = corpus.bodies
    fp_seconds, prints = best_of(repeat, lambda: [body_fingerprint(b) for b in bodies])
    credit_seconds, credits = best_of(repeat, lambda: [wire_credit(b) for b in bodies])
    articles = [
        WireArticle(id=i, outlet=o, order=t, declared=None, credit=c, fingerprint=f)
        for i, o, t, c, f in zip(corpus.ids, corpus.outlets, corpus.orders, credits, prints, strict=True)
    ]
    groups_seconds, groups = best_of(repeat, lambda: wire_groups(articles))
    fp_peak = groups_peak = None
    if trace:
        fp_peak, _ = traced(lambda: [body_fingerprint(b) for b in bodies])
        groups_peak, _ = traced(lambda: wire_groups(articles))
    found = {g.members for g in groups}
    return Result(
        articles=len(bodies),
        chars=corpus.chars,
        fingerprint_seconds=fp_seconds,
        credit_seconds=credit_seconds,
        groups_seconds=groups_seconds,
        fingerprint_peak=fp_peak,
        groups_peak=groups_peak,
        found=len(found),
        planted=len(corpus.planted),
        exact=len(found & corpus.planted),
        credited=sum(c is not None for c in credits),
        fingerprint_bytes=sum(len(f) for f in prints),
    )


def table(results: Sequence[Result]) -> list[str]:
    columns = (
        "N",
        "MB",
        "fingerprint s",
        "art/s",
        "MB/s",
        "credit s",
        "art/s",
        "groups s",
        "art/s",
        "tracemalloc MB (fp / groups)",
        "fingerprints MB",
        "groups found / planted / exact",
        "credited",
    )
    rows = []
    for r in results:
        mb = r.chars / MB
        rows.append(
            (
                f"{r.articles:,}",
                f"{mb:,.1f}",
                f"{r.fingerprint_seconds:,.2f}",
                f"{r.articles / r.fingerprint_seconds:,.0f}",
                f"{mb / r.fingerprint_seconds:,.2f}",
                f"{r.credit_seconds:,.2f}",
                f"{r.articles / r.credit_seconds:,.0f}",
                f"{r.groups_seconds:,.2f}",
                f"{r.articles / r.groups_seconds:,.0f}",
                f"{megabytes(r.fingerprint_peak)} / {megabytes(r.groups_peak)}",
                f"{megabytes(r.fingerprint_bytes)}",
                f"{r.found:,} / {r.planted:,} / {r.exact:,}",
                f"{r.credited:,}",
            )
        )
    return aligned(columns, rows)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmarks/wires.py", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles",
        type=parse_sizes,
        default=[10_000],
        metavar="N[,N...]",
        help="synthetic articles (default: 10000; several sizes comma-separated)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic articles (default: 0)")
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="R", help="time each stage R times and keep the fastest (default: 1)"
    )
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")
    from run import header

    for line in header():
        print(line, flush=True)
    print(f"synthetic articles, seed {args.seed}; best of {args.repeat} run(s) per stage", flush=True)
    results: list[Result] = []
    for n in args.articles:
        start = time.perf_counter()
        corpus = make_corpus(n, args.seed)
        print(
            f"  N={n:,}: {corpus.chars / MB:,.1f} MB of text generated in {time.perf_counter() - start:.1f} s; "
            "measuring…",
            flush=True,
        )
        result = measure(corpus, args.repeat, trace=not args.no_trace)
        results.append(result)
        print(
            f"  N={n:,}: fingerprints {result.fingerprint_seconds:,.2f} s, credits {result.credit_seconds:,.2f} s, "
            f"groups {result.groups_seconds:,.2f} s ({result.exact:,} of {result.planted:,} planted groups exact)",
            flush=True,
        )
    print()
    for line in table(results):
        print(line)
    print()
    print(f"maxrss {megabytes(maxrss_bytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))} MB (corpus included)")
    return 0 if all(r.exact == r.planted == r.found for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
