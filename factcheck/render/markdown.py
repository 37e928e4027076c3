"""Markdown output: a summary, one table per fact (conflicts first) and one of the outlets."""

from __future__ import annotations

from typing import TextIO

from factcheck.models import Report, Status
from factcheck.render.values import (
    REASON_WORDS,
    claim_words,
    one_line,
    review_words,
    shown_value,
    status_lines,
    wording_lines,
)

_STATUS = {
    Status.CONFLICT: "❌ conflict",
    Status.PARTIES: "⚖️ parties differ",
    Status.UPDATED: "🔄 updated",
    Status.AGREE: "✅ agree",
    Status.SINGLE: "➖ single",
}


def cell(text: str) -> str:
    return one_line(text).replace("|", "\\|")


def render(report: Report, out: TextIO) -> None:
    outlets = {s.id: s.outlet for s in report.sources}
    counts = {status: sum(1 for f in report.findings if f.status is status) for status in Status}
    out.write(f"# Consistency report: {report.corpus}\n\n")
    out.write(
        f"{len(report.sources)} sources, {len(report.findings)} facts: "
        f"**{counts[Status.CONFLICT]} in conflict**, "
        + (f"{counts[Status.PARTIES]} differ by party, " if counts[Status.PARTIES] else "")
        + (f"{counts[Status.UPDATED]} updated, " if counts[Status.UPDATED] else "")
        + f"{counts[Status.AGREE]} agree, {counts[Status.SINGLE]} from a single source.\n\n"
    )
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line else error.path
        out.write(f"> **Input error** `{where}`: {error.message}\n\n")
    for finding in report.findings:
        fact = finding.fact
        out.write(f"## {_STATUS[finding.status]}: {cell(fact.title)}\n\n")
        out.write(f"`{fact.id}` · {fact.kind.value} · severity **{finding.severity.value}**")
        if fact.discovered:
            out.write(" · discovered (no rule)")
        if finding.status is Status.CONFLICT and finding.outliers and finding.majority:
            names = ", ".join(outlets.get(s, s) for s in finding.outliers)
            out.write(f" · outlier: {cell(names)}")
        if finding.reason is not None:
            out.write(f" · reason: **{finding.reason.value}** ({REASON_WORDS[finding.reason.value]})")
        out.write("\n\n| Outlet | Wording | Value | Line | Verdict |\n|---|---|---|---:|---|\n")
        for judged in finding.claims:
            claim = judged.claim
            out.write(
                f"| {cell(outlets.get(claim.source, claim.source))} | {cell(claim.text)} | {cell(shown_value(claim))} "
                f"| {claim.line} | {judged.verdict.value} |\n"
            )
        out.write("\n")
        status = status_lines(finding, outlets)
        if status:
            out.write("".join(f"- {cell(line)}\n" for line in status) + "\n")
        wording = wording_lines(finding, outlets)
        if wording:
            out.write(f"{cell(wording[0])}\n\n" + "".join(f"- {cell(line)}\n" for line in wording[1:]) + "\n")
        reviewable = [j for j in finding.claims if j.fingerprint is not None]
        for judged in reviewable:
            claim = judged.claim
            out.write(
                f"- Finding `{judged.fingerprint}` ({cell(outlets.get(claim.source, claim.source))}, "
                f"{cell(claim_words(claim))}): {cell(review_words(judged.review))}\n"
            )
        if reviewable:
            out.write("\n")
    out.write(
        "## Outlets\n\n| Outlet | Published | Agree | Conflict | Single | Updated | Wire copy of |\n"
        "|---|---|---:|---:|---:|---:|---|\n"
    )
    wires = {w.key: w.name for w in report.wires}
    for source in report.sources:
        published = source.published_at.isoformat(timespec="minutes") if source.published_at else None
        wire = wires.get(source.wire, "") if source.wire else ""
        out.write(
            f"| {cell(source.outlet)} | {published or source.published.isoformat()} | {source.agree} "
            f"| {source.conflict} | {source.single} | {source.updated} | {cell(wire)} |\n"
        )
    if report.wires:
        out.write("\n## Wire stories\n\nEach counts as one source in every majority.\n\n")
        for w in report.wires:
            how = "declared" if w.declared else f"same text, {w.similarity:.0%} shared"
            original = f"; original: {cell(outlets.get(w.original, w.original))}" if w.original else ""
            out.write(f"- **{cell(w.name)}** ({how}{original}): {cell(', '.join(w.outlets))}\n")
