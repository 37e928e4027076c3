"""Markdown output: a summary, one table per fact (conflicts first) and one of the outlets."""

from __future__ import annotations

from typing import TextIO

from factcheck.models import Report, Status
from factcheck.render.values import claim_words, one_line, review_words, shown_value, wording_lines

_STATUS = {Status.CONFLICT: "❌ conflict", Status.AGREE: "✅ agree", Status.SINGLE: "➖ single"}


def cell(text: str) -> str:
    return one_line(text).replace("|", "\\|")


def render(report: Report, out: TextIO) -> None:
    outlets = {s.id: s.outlet for s in report.sources}
    counts = {status: sum(1 for f in report.findings if f.status is status) for status in Status}
    out.write(f"# Consistency report: {report.corpus}\n\n")
    out.write(
        f"{len(report.sources)} sources, {len(report.findings)} facts: "
        f"**{counts[Status.CONFLICT]} in conflict**, {counts[Status.AGREE]} agree, "
        f"{counts[Status.SINGLE]} from a single source.\n\n"
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
            out.write(f" · reason: **{finding.reason.value}**")
        out.write("\n\n| Outlet | Wording | Value | Line | Verdict |\n|---|---|---|---:|---|\n")
        for judged in finding.claims:
            claim = judged.claim
            out.write(
                f"| {cell(outlets.get(claim.source, claim.source))} | {cell(claim.text)} | {cell(shown_value(claim))} "
                f"| {claim.line} | {judged.verdict.value} |\n"
            )
        out.write("\n")
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
    out.write("## Outlets\n\n| Outlet | Published | Agree | Conflict | Single |\n|---|---|---:|---:|---:|\n")
    for source in report.sources:
        out.write(
            f"| {cell(source.outlet)} | {source.published.isoformat()} | {source.agree} | {source.conflict} "
            f"| {source.single} |\n"
        )
