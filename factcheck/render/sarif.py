"""SARIF 2.1.0 output of a check, for code scanning (GitHub, GitLab, Azure DevOps) and SARIF viewers.

One run; its rules are the facts the checked articles state (one reporting descriptor per fact, its level from
the fact's severity). Each finding is a result on its fact's rule, at the level of its own severity (a "first to
state" finding is a ``note``), located by line and column in Unicode code points, with the disagreeing corpus
claims as related locations and the finding's fingerprint as a partial fingerprint. Findings in the baseline are
results too, suppressed. Input errors are tool execution notifications.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from factcheck import __version__
from factcheck.models import CheckFinding, CheckReport, CorpusClaim, FactInfo, Location, Severity
from factcheck.render.values import review_words, said

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "factcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A path as a SARIF artifact URI: a relative path stays relative (``/``-separated), an absolute one is a
    ``file:`` URI; characters a URI cannot hold are percent-encoded."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/!$&'()*+,;=@-._~")


def rule_name(fact_id: str) -> str:
    """A fact id in PascalCase: ``geneva.meeting-duration`` → ``GenevaMeetingDuration``."""
    words = "".join(c if c.isalnum() else " " for c in fact_id).split()
    return "".join(w[:1].upper() + w[1:] for w in words)


def descriptor(fact: FactInfo) -> dict[str, Any]:
    help_text = (
        f"{fact.title}. The check reports an article's claim on this fact when it is at odds with what the other "
        "articles of the story say (or, as a note, when no other article states the fact yet)."
    )
    return {
        "id": fact.id,
        "name": rule_name(fact.id),
        "shortDescription": {"text": fact.title},
        "fullDescription": {"text": fact.description or fact.title},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[fact.severity]},
        "properties": {"kind": fact.kind.value, "severity": fact.severity.value},
    }


def region(loc: Location) -> dict[str, int]:
    return {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
    }


def physical_location(loc: Location) -> dict[str, Any]:
    return {"artifactLocation": {"uri": artifact_uri(loc.path)}, "region": region(loc)}


def related(index: int, claim: CorpusClaim) -> dict[str, Any]:
    return {
        "id": index,
        "physicalLocation": physical_location(claim.location),
        "message": {"text": f"{claim.outlet}: {said(claim.text, claim.value)}"},
    }


def result_of(finding: CheckFinding, rule_index: dict[str, int], failing: set[str], baselined: bool) -> dict[str, Any]:
    message = finding.message
    more = finding.disagree_count - len(finding.disagrees)
    if more > 0:
        message += f" ({len(finding.disagrees)} of {finding.disagree_count} disagreeing claims shown)"
    result: dict[str, Any] = {
        "ruleId": finding.fact.id,
        "ruleIndex": rule_index[finding.fact.id],
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical_location(finding.location)}],
    }
    if finding.disagrees:
        result["relatedLocations"] = [related(i, c) for i, c in enumerate(finding.disagrees, start=1)]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if baselined:
        justification = "in the baseline" if finding.review is None else review_words(finding.review)
        result["suppressions"] = [{"kind": "external", "justification": justification}]
    result["properties"] = {
        "severity": finding.severity.value,
        "fact": finding.fact.id,
        "kind": finding.kind.value,
        "outlet": finding.outlet,
        "value": finding.value,
        "fails": not baselined and finding.fingerprint in failing,
        "disagreeCount": finding.disagree_count,
        "disagreeSources": finding.disagree_sources,
        "corpusSources": finding.corpus_sources,
        "review": review_words(finding.review),
    }
    return result


def notification(path: str, line: int | None, message: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if line is not None:
        physical["region"] = {"startLine": line}
    return {"level": "error", "message": {"text": message}, "locations": [{"physicalLocation": physical}]}


def sarif_document(result: CheckReport) -> dict[str, Any]:
    facts: dict[str, FactInfo] = {}
    for check in result.checks:
        facts.setdefault(check.fact.id, check.fact)
    for finding in (*result.findings, *result.baselined):
        facts.setdefault(finding.fact.id, finding.fact)
    rules = [descriptor(facts[fact_id]) for fact_id in sorted(facts)]
    rule_index = {fact_id: i for i, fact_id in enumerate(sorted(facts))}
    failing = {f.fingerprint for f in result.failing()}
    results = [result_of(f, rule_index, failing, baselined=False) for f in result.findings]
    results += [result_of(f, rule_index, failing, baselined=True) for f in result.baselined]
    # Code scanning merges results that share a fingerprint: number repeats of one value in one article apart.
    seen: dict[str, int] = {}
    for item in results:
        key = item["partialFingerprints"][FINGERPRINT_KEY]
        seen[key] = seen.get(key, 0) + 1
        item["partialFingerprints"][FINGERPRINT_KEY] = f"{key}:{seen[key]}"
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if result.errors:
        invocation["toolExecutionNotifications"] = [notification(e.path, e.line, e.message) for e in result.errors]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "factcheck",
                "version": __version__,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "corpus": result.corpus,
            "corpusArticles": result.corpus_articles,
            "articles": [s.path for s in result.articles],
            "failOn": result.fail_on.value if result.fail_on else "never",
            "fails": bool(failing),
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(result: CheckReport, out: TextIO) -> None:
    json.dump(sarif_document(result), out, indent=2, ensure_ascii=False)
    out.write("\n")
