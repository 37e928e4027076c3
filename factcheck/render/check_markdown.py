"""Markdown output of a check, compact enough for a pull-request comment: the summary, then one table row per
finding (severity, place, fact, what the article says, what the corpus says, its fingerprint and review), the
baseline and input errors."""

from __future__ import annotations

import re
from typing import TextIO

from factcheck.models import CheckFinding, CheckReport, FindingKind, Severity
from factcheck.render.check_terminal import summary
from factcheck.render.values import one_line, review_words, said

MARKERS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}
QUOTED = 3  # corpus claims quoted in a row; the rest are counted

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")


def cell(text: str) -> str:
    """Text for a table cell: on one line, with Markdown's special characters (the pipe above all) escaped."""
    return _SPECIAL.sub(r"\\\1", one_line(text).replace("&", "&amp;"))


def code(text: str, in_table: bool = True) -> str:
    """A code span; in a table cell the pipe is escaped (GitHub reads ``\\|`` in a table as ``|``, even in code)."""
    text = one_line(text)
    if in_table:
        text = text.replace("|", "\\|")
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def where(finding: CheckFinding) -> str:
    loc = finding.location
    return code(f"{loc.path}:{loc.line}:{loc.column}")


def corpus_says(finding: CheckFinding) -> str:
    if finding.kind is FindingKind.FIRST:
        return "no other article states it"
    parts = [f"{cell(c.outlet)}: {cell(said(c.text, c.value))}" for c in finding.disagrees[:QUOTED]]
    more = finding.disagree_count - min(len(finding.disagrees), QUOTED)
    if more > 0:
        parts.append(f"… and {more} more")
    return "<br>".join(parts)


def row(finding: CheckFinding, failing: set[str]) -> str:
    severity = MARKERS[finding.severity]
    if finding.fingerprint not in failing:
        severity += " (does not fail)"
    fact = f"{cell(finding.fact.title)} {code(finding.fact.id)}"
    says = cell(said(finding.text, finding.value))
    review = f"{code(finding.fingerprint)} {cell(review_words(finding.review))}"
    return f"| {severity} | {where(finding)} | {fact} | {says} | {corpus_says(finding)} | {review} |"


def render(result: CheckReport, out: TextIO) -> None:
    failing = {f.fingerprint for f in result.failing()}
    blocks = [f"#### factcheck: {cell(summary(result))}"]
    if result.findings:
        header = "| Severity | Where | Fact | This article | Corpus says | Finding |\n|---|---|---|---|---|---|\n"
        blocks.append(header + "\n".join(row(f, failing) for f in result.findings))
    if result.baselined:
        count = len(result.baselined)
        blocks.append(f"{count} finding{'s' if count != 1 else ''} in the baseline, not shown.")
    if result.errors:
        lines = ["**Input errors**", ""]
        for error in result.errors:
            place = f"{error.path}:{error.line}" if error.line is not None else error.path
            lines.append(f"- {code(place, in_table=False)}: {cell(error.message)}")
        blocks.append("\n".join(lines))
    out.write("\n\n".join(blocks) + "\n")
