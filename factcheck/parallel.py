"""Analyzing articles on every core: each article read, extracted and matched in a worker process, the results
handed back in the order the articles were given, so that the output is the same as one process gives."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.articles import check_file_name, decode, parse_article
from factcheck.errors import InputError, Problem
from factcheck.lines import LineIndex
from factcheck.models import Article, FactMatch, Source

if TYPE_CHECKING:
    from factcheck.rules.loader import RuleSet

# Below this many articles to analyze, one process does it: starting workers would cost more than it saves.
MIN_PARALLEL = 24
_CHUNK = 8  # articles a worker takes at a time: fewer round trips, still an even spread


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def show_progress() -> bool:
    """A progress bar only for a person at a terminal: never under CI, never when stderr is a file or pipe."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@dataclass(frozen=True)
class Analysis:
    """One article through reading, extraction and matching: its fact matches with their places in the file,
    what finding its wire copies needs, or the problems that stopped it. ``same`` when its bytes hash to
    ``digest`` as the cache already has them (nothing to redo)."""

    name: str
    digest: str | None = None
    same: bool = False
    source: Source | None = None
    matches: tuple[FactMatch, ...] = ()
    places: tuple[tuple[int, int, int, int], ...] = ()  # per match: line, column, end line, end column
    subjects: tuple[str | None, ...] = ()  # per match: what discovery reads of a figure no rule placed, or None
    credit: str | None = None
    fingerprint: bytes = b""
    problems: tuple[Problem, ...] = field(default_factory=tuple)


def analyze_file(name: str, known_digest: str | None, rules: RuleSet) -> Analysis:
    """Read, extract and match one article file (what a worker does)."""
    from factcheck.crossref import UNPLACED
    from factcheck.discover import subjects_of
    from factcheck.pipeline import analyze
    from factcheck.wires import body_fingerprint, wire_credit

    try:
        check_file_name(name)
        data = Path(name).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if known_digest == digest:
            return Analysis(name, digest, same=True)
        article: Article = parse_article(name, decode(Path(name), data))
    except IsADirectoryError:
        return Analysis(name, problems=(Problem(name, "is a directory, not an article file", line=1),))
    except OSError as exc:
        return Analysis(name, problems=(Problem(name, f"cannot read: {exc.strerror or exc}", line=1),))
    except InputError as exc:
        return Analysis(name, problems=tuple(exc.problems))
    matches = analyze(article, rules).matches
    unplaced = [m.claim for m in matches if m.fact_id == UNPLACED]
    read = iter(subjects_of(unplaced))
    subjects = tuple(next(read) if m.fact_id == UNPLACED else None for m in matches)
    index = LineIndex(article.text)
    places = tuple(
        (index.line(m.claim.start), index.column(m.claim.start), index.line(m.claim.end), index.column(m.claim.end))
        for m in matches
    )
    return Analysis(
        name,
        digest,
        source=Source.of(article),
        matches=matches,
        places=places,
        subjects=subjects,
        credit=wire_credit(article.body, article.byline),
        fingerprint=body_fingerprint(article.body),
    )


_WORKER_RULES: RuleSet | None = None


def _start_worker(rules: RuleSet) -> None:
    global _WORKER_RULES
    _WORKER_RULES = rules


def _in_worker(item: tuple[str, str | None]) -> Analysis:
    assert _WORKER_RULES is not None
    return analyze_file(item[0], item[1], _WORKER_RULES)


def analyze_files(
    items: Sequence[tuple[str, str | None]],
    rules: RuleSet,
    jobs: int = 1,
    advance: Callable[[], None] | None = None,
) -> Iterator[Analysis]:
    """Each (file name, digest the cache has for it) analyzed, in the order given: on ``jobs`` worker processes
    when there are enough files, else here. ``advance`` is called as each one is done (a progress bar)."""
    if jobs <= 1 or len(items) < MIN_PARALLEL:
        for name, digest in items:
            yield analyze_file(name, digest, rules)
            if advance is not None:
                advance()
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(rules,)) as pool:
        for done in pool.map(_in_worker, items, chunksize=_CHUNK):
            yield done
            if advance is not None:
                advance()
