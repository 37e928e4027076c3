"""Terminal output of a check: each finding with its place, what the article says and what the corpus says."""

from __future__ import annotations

from typing import TextIO

from rich.text import Text

from factcheck.models import CheckFinding, CheckReport, Severity
from factcheck.render.terminal import console_for
from factcheck.render.values import review_words, said

_SEVERITY_STYLE = {Severity.ERROR: "factcheck.error", Severity.WARNING: "factcheck.disputed", Severity.INFO: "cyan"}


def where(finding: CheckFinding) -> str:
    loc = finding.location
    return f"{loc.path}:{loc.line}:{loc.column}"


def render(result: CheckReport, out: TextIO) -> None:
    console = console_for(out)
    failing = {f.fingerprint for f in result.failing()}
    for finding in result.findings:
        line = Text.assemble(
            (where(finding), "factcheck.source"),
            " ",
            (finding.severity.value, _SEVERITY_STYLE[finding.severity]),
            " ",
            (finding.fact.id, "factcheck.id"),
            "" if finding.fingerprint in failing else " (does not fail the run)",
        )
        console.print(line)
        console.print(Text(f"  {finding.message}"))
        console.print(Text(f"  finding {finding.fingerprint}: {review_words(finding.review)}", style="factcheck.muted"))
        for claim in finding.disagrees:
            loc = claim.location
            console.print(
                Text.assemble(
                    "    ",
                    (claim.outlet, "factcheck.source"),
                    f" {said(claim.text, claim.value)}  ",
                    (f"{loc.path}:{loc.line}", "factcheck.muted"),
                )
            )
        more = finding.disagree_count - len(finding.disagrees)
        if more > 0:
            console.print(Text(f"    … and {more} more claims", style="factcheck.muted"))
    for error in result.errors:
        where_ = f"{error.path}:{error.line}" if error.line else error.path
        console.print(Text.assemble(("input error ", "factcheck.error"), f"{where_}: {error.message}"))
    console.print(Text(summary(result), style="factcheck.fact"))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary(result: CheckReport) -> str:
    """One line: what was checked against what, and what came of it."""
    counts = {s: sum(1 for f in result.findings if f.severity is s) for s in Severity}
    articles = f"{len(result.articles)} article{'s' if len(result.articles) != 1 else ''}"
    facts = f"{len(result.checks)} fact{'s' if len(result.checks) != 1 else ''}"
    tally = ", ".join(
        _count(counts[severity], noun)
        for severity, noun in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note"))
    )
    text = f"Checked {articles} ({facts}) against {result.corpus_articles} others: {tally}"
    if result.baselined:
        text += f"; {len(result.baselined)} in the baseline"
    threshold = result.fail_on.value if result.fail_on else "never"
    if result.errors:
        return f"{text}. The check fails: {_count(len(result.errors), 'file')} could not be read."
    verdict = "fails" if result.failing() else "passes"
    return f"{text}. The check {verdict} (--fail-on {threshold})."
