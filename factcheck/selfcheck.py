"""Claims at odds with themselves: a weekday that is not its date's, a bracketed conversion that does not convert.

The extractor notes such a claim (``Claim.note``); matching places it on a built-in fact of its kind,
``factcheck.self-contradiction.<kind>``, which needs no rule and no other outlet: every such claim is a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from factcheck.models import (
    Claim,
    ClaimKind,
    FactInfo,
    FactMatch,
    Finding,
    JudgedClaim,
    Reason,
    Severity,
    Status,
    Verdict,
)

PREFIX = "factcheck.self-contradiction"
SEVERITY = Severity.WARNING
_KINDS = {f"{PREFIX}.{kind.value}": kind for kind in ClaimKind}


def fact_id(kind: ClaimKind) -> str:
    return f"{PREFIX}.{kind.value}"


def is_self_fact(fact: str) -> bool:
    return fact in _KINDS


def fact_info(fact: str) -> FactInfo:
    kind = _KINDS[fact]
    return FactInfo(
        id=fact,
        title=f"A {kind.value} claim at odds with itself",
        kind=kind,
        severity=SEVERITY,
        description="The claim contradicts itself (a weekday that is not its date's, a conversion that does not "
        "convert); each is a finding whatever other outlets say.",
    )


def self_matches(claims: Iterable[Claim]) -> list[FactMatch]:
    """A built-in fact match for every claim the extractor noted as contradicting itself."""
    return [FactMatch(fact_id=fact_id(c.kind), claim=c, distance=0.0) for c in claims if c.note is not None]


def self_finding(fact: str, claims: Sequence[Claim]) -> Finding:
    """Every noted claim is an outlier of its own: there is no majority to side with."""
    ordered = sorted(claims, key=lambda c: (c.source, c.start, c.end))
    return Finding(
        fact=fact_info(fact),
        status=Status.CONFLICT,
        severity=SEVERITY,
        claims=tuple(JudgedClaim(claim=c, compared=c.interval, verdict=Verdict.OUTLIER) for c in ordered),
        majority=(),
        outliers=tuple(sorted({c.source for c in ordered})),
        reason=Reason.VALUE,
    )
