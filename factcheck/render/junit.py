"""JUnit XML output of a check, for CI test reports (GitLab, Jenkins, Azure DevOps, test-report actions).

One test suite per checked article, one test case per fact it states (``FactCheck``). A test case fails when it
has a finding at or above ``--fail-on``: one ``<failure>`` whose ``type`` is the severity and whose text lists
each failing finding with its place and the corpus claims it disagrees with. Findings below the threshold, and
findings in the baseline, are listed in the case's ``<system-out>``; the case passes. Input errors form a last
suite, "input errors", of one erroring case each. No timestamps or timings: the same input gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TextIO

from factcheck.models import CheckFinding, CheckReport, FactCheck, ReportError
from factcheck.render.values import said

INPUT_ERRORS = "input errors"

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def finding_text(finding: CheckFinding) -> str:
    """A finding in plain lines: where, what the article says, what the corpus says."""
    loc = finding.location
    lines = [
        f"{loc.path}:{loc.line}:{loc.column} {finding.severity.value} {finding.fact.id} ({finding.kind.value})",
        finding.message,
    ]
    if finding.disagrees:
        lines.append("Corpus claims it disagrees with:")
        for claim in finding.disagrees:
            where = claim.location
            lines.append(
                f"  {claim.outlet}: {said(claim.text, claim.value)}  ({where.path}:{where.line}:{where.column})"
            )
        more = finding.disagree_count - len(finding.disagrees)
        if more > 0:
            lines.append(f"  … and {more} more claims")
    lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _testcase(suite: ET.Element, check: FactCheck, failing: set[str]) -> bool:
    """Add the test case of ``check`` to ``suite``; whether it fails."""
    case = ET.SubElement(
        suite, "testcase", {"classname": xml_text(check.path), "name": xml_text(f"{check.fact.id}: {check.fact.title}")}
    )
    fails = [f for f in check.findings if f.fingerprint in failing]
    passes = [f for f in check.findings if f.fingerprint not in failing]
    if fails:
        worst = max(fails, key=lambda f: f.severity.rank)
        message = fails[0].message if len(fails) == 1 else f"{len(fails)} findings: {fails[0].message} …"
        failure = ET.SubElement(case, "failure", {"type": worst.severity.value, "message": xml_text(message)})
        failure.text = xml_text("\n\n".join(finding_text(f) for f in fails))
    out: list[str] = []
    out.extend(f"{finding_text(f)}\n(below --fail-on: does not fail the run)" for f in passes)
    out.extend(f"{finding_text(f)}\n(in the baseline: does not fail the run)" for f in check.baselined)
    if out:
        ET.SubElement(case, "system-out").text = xml_text("\n\n".join(out))
    return bool(fails)


def _suite(parent: ET.Element, name: str, tests: int, failures: int, errors: int) -> ET.Element:
    return ET.SubElement(
        parent,
        "testsuite",
        {
            "name": xml_text(name),
            "tests": str(tests),
            "failures": str(failures),
            "errors": str(errors),
            "skipped": "0",
        },
    )


def _error_cases(suite: ET.Element, errors: Iterable[ReportError]) -> None:
    for error in errors:
        where = f"{error.path}:{error.line}" if error.line is not None else error.path
        case = ET.SubElement(suite, "testcase", {"classname": INPUT_ERRORS, "name": xml_text(where)})
        ET.SubElement(case, "error", {"type": "input", "message": xml_text(error.message)}).text = xml_text(
            f"{where}: {error.message}"
        )


def junit_tree(result: CheckReport) -> ET.Element:
    failing = {f.fingerprint for f in result.failing()}
    by_path: dict[str, list[FactCheck]] = {s.path: [] for s in result.articles}
    for check in result.checks:
        by_path.setdefault(check.path, []).append(check)
    failed_cases = sum(1 for c in result.checks if any(f.fingerprint in failing for f in c.findings))
    root = ET.Element(
        "testsuites",
        {
            "name": "factcheck",
            "tests": str(len(result.checks) + len(result.errors)),
            "failures": str(failed_cases),
            "errors": str(len(result.errors)),
        },
    )
    for path, checks in by_path.items():
        failures = sum(1 for c in checks if any(f.fingerprint in failing for f in c.findings))
        suite = _suite(root, path, len(checks), failures, 0)
        for check in checks:
            _testcase(suite, check, failing)
    if result.errors:
        suite = _suite(root, INPUT_ERRORS, len(result.errors), 0, len(result.errors))
        _error_cases(suite, result.errors)
    return root


def render(result: CheckReport, out: TextIO) -> None:
    root = junit_tree(result)
    ET.indent(root, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
