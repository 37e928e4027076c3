"""Comparing the claims of one fact across sources: agree, conflict (majority and outliers) or single."""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from rapidfuzz import fuzz

from factcheck.intervals import DEFAULT_SLACK, Interval, Qualifier, Slack, compared
from factcheck.models import Claim, Confidence, FactInfo, Finding, JudgedClaim, Reason, Severity, Status, Verdict


@dataclass(frozen=True)
class Policy:
    """How one fact's claims are compared: interval overlap with slack, exact values, or the same text."""

    method: str = "overlap"
    slack: Slack = DEFAULT_SLACK
    similarity: int = 90


class Comparable(Protocol):
    """What comparing needs of a claim: whose it is, where, and its stated value (a Claim, or a cached row)."""

    @property
    def source(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def qualifier(self) -> Qualifier: ...
    @property
    def stated_low(self) -> float | None: ...
    @property
    def stated_high(self) -> float | None: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str | None: ...
    @property
    def confidence(self) -> Confidence: ...


C = TypeVar("C", bound=Comparable)


def compared_interval(claim: Comparable, policy: Policy) -> Interval | None:
    if claim.stated_low is None or claim.stated_high is None:
        return None
    slack = policy.slack
    if policy.method == "exact":
        slack = slack.model_copy(update={"rounding": 0.0})
    return compared(claim.qualifier, claim.stated_low, claim.stated_high, slack)


@dataclass(frozen=True)
class Assessment(Generic[C]):
    """One fact's claims compared: in a stable order, each with its compared interval (or text key) and verdict."""

    claims: tuple[C, ...]
    intervals: tuple[Interval | None, ...]
    keys: tuple[str | None, ...]
    verdicts: tuple[Verdict, ...]
    status: Status
    majority: tuple[str, ...]
    outliers: tuple[str, ...]

    def agree(self, i: int, j: int) -> bool:
        """Whether claims ``i`` and ``j`` could both hold: their intervals meet, or their texts are one value.

        A claim with no value ("a lengthy meeting") contradicts nothing.
        """
        if self.keys[i] is not None or self.keys[j] is not None:
            return self.keys[i] == self.keys[j]
        a, b = self.intervals[i], self.intervals[j]
        return a is None or b is None or a.overlaps(b)


def assess(claims: Sequence[C], policy: Policy) -> Assessment[C]:
    """Compare one fact's claims. Sources, not claims, are counted: an outlet saying a thing twice counts once."""
    ordered = sorted(claims, key=lambda c: (c.source, c.start, c.end))
    keys: list[str | None]
    if policy.method == "same-text":
        text_keys = _text_groups(ordered, policy.similarity)
        keys = list(text_keys)
        intervals: list[Interval | None] = [None] * len(ordered)
        support = _best_group(ordered, [{k} for k in text_keys])
    else:
        keys = [None] * len(ordered)
        # Outlets repeat each other: compute each distinct stated value's interval once.
        memo: dict[tuple[Qualifier, float | None, float | None], Interval | None] = {}
        intervals = []
        for claim in ordered:
            value = (claim.qualifier, claim.stated_low, claim.stated_high)
            if value not in memo:
                memo[value] = compared_interval(claim, policy)
            intervals.append(memo[value])
        support = _best_point(ordered, intervals)
    holds, tie = support
    sources = sorted({c.source for c in ordered})
    single = len(sources) == 1
    consistent = all(holds)
    if consistent:
        status = Status.SINGLE if single else Status.AGREE
        verdicts = [Verdict.SINGLE if single else Verdict.MAJORITY] * len(ordered)
        majority = tuple(sources) if not single else ()
        outliers: tuple[str, ...] = ()
    elif single or tie:
        status = Status.CONFLICT
        verdicts = [Verdict.DISPUTED] * len(ordered)
        majority, outliers = (), tuple(sources)
    else:
        status = Status.CONFLICT
        verdicts = [Verdict.MAJORITY if h else Verdict.OUTLIER for h in holds]
        majority = tuple(sorted({c.source for c, h in zip(ordered, holds, strict=True) if h}))
        outliers = tuple(sorted({c.source for c, h in zip(ordered, holds, strict=True) if not h}))
    return Assessment(
        claims=tuple(ordered),
        intervals=tuple(intervals),
        keys=tuple(keys),
        verdicts=tuple(verdicts),
        status=status,
        majority=majority,
        outliers=outliers,
    )


def judge(fact: FactInfo, claims: Sequence[Claim], policy: Policy) -> Finding:
    """The finding for one fact: its claims assessed, as the report shows them."""
    found = assess(claims, policy)
    judged = tuple(
        JudgedClaim(claim=c, compared=i, verdict=v)
        for c, i, v in zip(found.claims, found.intervals, found.verdicts, strict=True)
    )
    return Finding(
        fact=fact,
        status=found.status,
        severity=conflict_severity(fact.severity, found, policy),
        claims=judged,
        majority=found.majority,
        outliers=found.outliers,
        reason=Reason.VALUE if found.status is Status.CONFLICT else None,
    )


def conflict_severity(severity: Severity, found: Assessment[C], policy: Policy) -> Severity:
    """The fact's severity, at most a warning when the conflict holds only because of vague claims."""
    if severity is not Severity.ERROR or found.status is not Status.CONFLICT:
        return severity
    clear = [c for c in found.claims if c.confidence is not Confidence.VAGUE]
    if len(clear) == len(found.claims):
        return severity
    return severity if assess(clear, policy).status is Status.CONFLICT else Severity.WARNING


def capped(severity: Severity, vague: bool) -> Severity:
    """A finding that rests on vague claims alone is at most a warning."""
    return Severity.WARNING if vague and severity is Severity.ERROR else severity


def _best_point(claims: Sequence[Comparable], intervals: Sequence[Interval | None]) -> tuple[list[bool], bool]:
    """Which claims hold at the value most sources allow, and whether another value ties with it.

    A sweep over candidate points (every endpoint, and just below and above it): O(n log n) in the claims.
    """
    probes: set[tuple[float, int]] = set()
    for interval in intervals:
        if interval is None:
            continue
        for bound in (interval.low, interval.high):
            if bound is not None:
                probes.update({(bound, -1), (bound, 0), (bound, 1)})
    if not probes:
        probes.add((0.0, 0))
    points = sorted(probes)
    memo: dict[int, tuple[int, int]] = {}  # claims sharing a value share its interval object
    ranges: list[tuple[int, int] | None] = []
    for interval in intervals:
        if interval is None:
            ranges.append(None)
            continue
        key = id(interval)
        if key not in memo:
            memo[key] = _probe_range(points, interval)
        ranges.append(memo[key])
    source_ranges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for claim, r in zip(claims, ranges, strict=True):
        if r is not None and r[0] <= r[1]:
            source_ranges[claim.source].append(r)
    n = len(points)
    by_sources = _coverage(n, ((1, _union(rs)) for rs in source_ranges.values()))
    by_claims = _coverage(n, ((1, [r]) for r in ranges if r is not None and r[0] <= r[1]))
    best = max(range(n), key=lambda i: (by_sources[i], by_claims[i], -i))
    # A claim with no value ("a lengthy meeting") holds wherever the others do.
    holds = [r is None or r[0] <= best <= r[1] for r in ranges]
    # Another value that as many sources allow, held by a different set of sources, is a tie: no majority.
    signature = _coverage(n, ((_source_weight(source), _union(rs)) for source, rs in source_ranges.items()))
    tie = any(by_sources[i] == by_sources[best] and signature[i] != signature[best] for i in range(n))
    return holds, tie and not all(holds)


@functools.lru_cache(maxsize=65536)
def _source_weight(source: str) -> int:
    """A fixed 64-bit weight per source: sums of weights over a probe tell sets of sources apart."""
    return int.from_bytes(hashlib.blake2b(source.encode(), digest_size=8).digest(), "big")


def _probe_range(points: list[tuple[float, int]], interval: Interval) -> tuple[int, int]:
    """The first and last probe index inside the interval (first > last when none is)."""
    first = 0 if interval.low is None else bisect_left(points, (interval.low, 1 if interval.low_open else 0))
    if interval.high is None:
        last = len(points) - 1
    else:
        last = bisect_left(points, (interval.high, 0 if interval.high_open else 1)) - 1
    return first, last


def _union(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _coverage(n: int, groups: Iterable[tuple[int, list[tuple[int, int]]]]) -> list[int]:
    """Per probe, the summed weight of the groups whose ranges cover it (a difference array: O(n + ranges))."""
    diff = [0] * (n + 1)
    for weight, ranges in groups:
        for start, end in ranges:
            diff[start] += weight
            diff[end + 1] -= weight
    out: list[int] = []
    running = 0
    for i in range(n):
        running += diff[i]
        out.append(running)
    return out


def normalize_text(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = " ".join(plain.replace("-", " ").split())
    return plain.removeprefix("the ")


def _text_groups(claims: Sequence[Comparable], similarity: int) -> list[str]:
    """Each claim's group key: the first (in sorted order) normalized value it is similar enough to."""
    normalized = {raw: normalize_text(raw) for raw in {c.label or c.text for c in claims}}
    representatives: list[str] = []
    for value in sorted(set(normalized.values())):
        if not any(fuzz.ratio(value, rep) >= similarity for rep in representatives):
            representatives.append(value)
    group = {
        value: next(rep for rep in representatives if rep == value or fuzz.ratio(value, rep) >= similarity)
        for value in set(normalized.values())
    }
    return [group[normalized[c.label or c.text]] for c in claims]


def _best_group(claims: Sequence[Comparable], groups: Sequence[set[str]]) -> tuple[list[bool], bool]:
    sources_for: dict[str, set[str]] = defaultdict(set)
    claims_for: dict[str, int] = defaultdict(int)
    for claim, group in zip(claims, groups, strict=True):
        for key in group:
            sources_for[key].add(claim.source)
            claims_for[key] += 1
    ranked = sorted(sources_for, key=lambda k: (-len(sources_for[k]), -claims_for[k], k))
    best = ranked[0]
    holds = [best in group for group in groups]
    tie = len(ranked) > 1 and len(sources_for[ranked[1]]) == len(sources_for[best]) and not all(holds)
    return holds, tie
