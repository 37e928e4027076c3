"""Decisions on findings, by fingerprint: the baseline CI reads, and the store editors' reviews add to.

A finding's fingerprint is a hash of what it says, not where: the fact, the source, the kind of finding and the
claim's normalized value. Editing unrelated text (moving the claim to another line) keeps it; changing the value
makes it a new finding. A decision file is YAML, one entry per fingerprint, sorted, so that it diffs well.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError

from factcheck.errors import InputError, Problem
from factcheck.models import FindingKind, Record, Report, Review, ReviewDecision, Status, Verdict
from factcheck.output import atomic_write_text
from factcheck.render.values import describe
from factcheck.yamlfile import dotted, read_yaml_file

DECISIONS_SCHEMA = "factcheck.decisions/1"


class DecisionKind(StrEnum):
    """What was decided about a finding. All but ``confirmed-error`` keep it from failing a run again."""

    ACCEPTED = "accepted"  # known, and accepted as it stands (what `baseline create` records)
    FALSE_ALARM = "false-alarm"  # the outlets do not disagree
    DIFFERENT_FACTS = "different-facts"  # the claims are about different things; the rule should separate them
    CONFIRMED_ERROR = "confirmed-error"  # an outlet is wrong: it keeps failing until the article is fixed

    @property
    def silences(self) -> bool:
        return self is not DecisionKind.CONFIRMED_ERROR


class Decision(Record):
    fingerprint: str = Field(pattern=r"^[0-9a-f]{32}$")
    fact: str
    source: str
    finding: FindingKind
    value: str
    decision: DecisionKind = DecisionKind.ACCEPTED
    note: str | None = None


class DecisionFile(Record):
    schema_: Literal["factcheck.decisions/1"] = Field(alias="schema")
    decisions: tuple[Decision, ...] = ()


def fingerprint(kind: FindingKind, fact: str, source: str, value: str) -> str:
    """A finding's identity across edits: fact, source, kind and the claim's value in normalized words."""
    key = "\0".join(("factcheck-finding/1", kind.value, fact, source, " ".join(value.split())))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def baseline_of(report: Report) -> list[Decision]:
    """A decision ``accepted`` for every current finding: each claim of a conflict that is not with the majority,
    and the first claim of each source on a fact only it states (what ``check`` would report of each article)."""
    out: dict[str, Decision] = {}
    for finding in report.findings:
        fact = finding.fact.id
        if finding.status is Status.CONFLICT:
            claims = [j.claim for j in finding.claims if j.verdict in (Verdict.OUTLIER, Verdict.DISPUTED)]
            kind = FindingKind.CONFLICT
        elif finding.status is Status.SINGLE:
            claims = [min((j.claim for j in finding.claims), key=lambda c: (c.start, c.end))]
            kind = FindingKind.FIRST
        else:
            continue
        for claim in claims:
            value = describe(claim)
            key = fingerprint(kind, fact, claim.source, value)
            out[key] = Decision(fingerprint=key, fact=fact, source=claim.source, finding=kind, value=value)
    return list(out.values())


class Decisions:
    """Decisions by fingerprint: a baseline file's, and editors' reviews (a review overrides the baseline)."""

    def __init__(self, decisions: Iterable[Decision] = (), reviews: Mapping[str, Review] | None = None) -> None:
        self.by_fingerprint: dict[str, Decision] = {d.fingerprint: d for d in decisions}
        self.reviews: dict[str, Review] = dict(reviews or {})

    def silences(self, fingerprint_: str) -> bool:
        review = self.reviews.get(fingerprint_)
        if review is not None:
            return review.decision is not ReviewDecision.CONFIRMED
        decision = self.by_fingerprint.get(fingerprint_)
        return decision is not None and decision.decision.silences

    def review(self, fingerprint_: str) -> Review | None:
        return self.reviews.get(fingerprint_)

    def __len__(self) -> int:
        return len(self.by_fingerprint.keys() | self.reviews.keys())


def load_decisions(path: Path) -> Decisions:
    """A decision file, validated; every problem located by line."""
    name = str(path)
    _raw, marked = read_yaml_file(path)
    if marked.problems:
        raise InputError(marked.problems)
    if not isinstance(marked.data, dict):
        raise InputError(Problem(name, f"a decision file is a mapping with 'schema: {DECISIONS_SCHEMA}'", line=1))
    try:
        parsed = DecisionFile.model_validate(marked.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line, column = marked.line_of(loc)
            message = "unknown field" if err["type"] == "extra_forbidden" else str(err["msg"])
            problems.append(Problem(name, f"{dotted(loc)}: {message}", line, column))
        raise InputError(problems) from None
    seen: dict[str, int] = {}
    problems = []
    for index, decision in enumerate(parsed.decisions):
        line, column = marked.line_of(("decisions", index, "fingerprint"))
        if decision.fingerprint in seen:
            message = f"decisions[{index}].fingerprint: duplicate of the entry on line {seen[decision.fingerprint]}"
            problems.append(Problem(name, message, line, column))
        seen.setdefault(decision.fingerprint, line)
    if problems:
        raise InputError(problems)
    return Decisions(parsed.decisions)


def decisions_text(decisions: Iterable[Decision]) -> str:
    """A decision file's text: entries sorted by fact, source and fingerprint, byte-identical run to run."""
    ordered = sorted(decisions, key=lambda d: (d.fact, d.source, d.fingerprint))
    entries: list[dict[str, Any]] = []
    for decision in ordered:
        entry = decision.model_dump(mode="json", exclude_none=True)
        entries.append({key: entry[key] for key in Decision.model_fields if key in entry})
    header = (
        "# factcheck decisions: findings listed here by fingerprint do not fail `factcheck check` again\n"
        "# (decision: accepted | false-alarm | different-facts; confirmed-error keeps failing).\n"
    )
    body = yaml.dump(
        {"schema": DECISIONS_SCHEMA, "decisions": entries},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )
    return header + body


class _Dumper(yaml.SafeDumper):
    """Safe YAML, with strings holding Unicode line breaks double-quoted (PyYAML loses them when single-quoted)."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if any(ch in value for ch in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)


def write_decisions(path: Path, decisions: Iterable[Decision]) -> None:
    atomic_write_text(path, decisions_text(decisions))
