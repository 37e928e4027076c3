"""Terminal output with rich: a summary, each fact as a table of outlets (conflicts first), then the outlets."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from factcheck.models import Claim, Finding, Report, Status, Verdict
from factcheck.render.values import (
    REASON_WORDS,
    claim_words,
    review_words,
    shown_value,
    status_lines,
    wording_lines,
)

THEME = Theme(
    {
        "factcheck.conflict": "bold red",
        "factcheck.agree": "green",
        "factcheck.single": "cyan",
        "factcheck.parties": "bold blue",
        "factcheck.updated": "bold cyan",
        "factcheck.superseded": "dim",
        "factcheck.majority": "green",
        "factcheck.outlier": "bold red",
        "factcheck.disputed": "bold magenta",
        "factcheck.source": "bold",
        "factcheck.claim": "bold yellow",
        "factcheck.fact": "bold",
        "factcheck.id": "dim",
        "factcheck.error": "bold red",
        "factcheck.muted": "dim",
    }
)
WIDTH = 100
_EXCERPT = 72


def console_for(out: TextIO, width: int | None = None) -> Console:
    """A console on ``out``: colours on a terminal, plain text in files and pipes; 100 columns unless told."""
    is_tty = out.isatty() if hasattr(out, "isatty") else False
    return Console(
        file=out,
        theme=THEME,
        width=width or (None if is_tty else WIDTH),
        no_color=not is_tty,
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )


def excerpt(claim: Claim, limit: int = _EXCERPT) -> Text:
    """The claim in its sentence, highlighted, trimmed around it to about ``limit`` characters."""
    sentence = claim.sentence
    start = claim.start - claim.sentence_start
    end = claim.end - claim.sentence_start
    before = " ".join(sentence[:start].split())
    after = " ".join(sentence[end:].split())
    middle = " ".join(sentence[start:end].split())
    room = max(0, limit - len(middle))
    keep_before = min(len(before), room // 2 + max(0, room // 2 - len(after)))
    keep_after = min(len(after), room - keep_before)
    text = Text()
    if keep_before < len(before):
        text.append("…" + before[len(before) - keep_before :].lstrip())
    else:
        text.append(before)
    if before:
        text.append(" ")
    text.append(middle, style="factcheck.claim")
    if after and after[0] not in ",.;:!?)”’\"'":
        text.append(" ")
    text.append(after[:keep_after] + ("…" if keep_after < len(after) else ""))
    return text


def _status_text(status: Status) -> Text:
    return Text(status.value.upper(), style=f"factcheck.{status.value}")


def _verdict_text(verdict: Verdict) -> Text:
    style = {
        "majority": "factcheck.majority",
        "outlier": "factcheck.outlier",
        "disputed": "factcheck.disputed",
        "superseded": "factcheck.superseded",
    }
    return Text(verdict.value, style=style.get(verdict.value, "factcheck.single"))


def fact_table(finding: Finding, outlets: dict[str, str]) -> Table:
    fact = finding.fact
    title = Text.assemble(
        _status_text(finding.status),
        "  ",
        (fact.title, "factcheck.fact"),
        "  ",
        (f"{fact.id} · {fact.kind.value} · {finding.severity.value}", "factcheck.id"),
        (" · discovered (no rule)" if fact.discovered else "", "factcheck.single"),
    )
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("Outlet", style="factcheck.source", ratio=2, overflow="fold")
    table.add_column("Line", justify="right", width=4)
    table.add_column("Wording", ratio=6, overflow="fold")
    table.add_column("Value", ratio=3, overflow="fold")
    table.add_column("Verdict", width=10)
    for judged in finding.claims:
        claim = judged.claim
        table.add_row(
            outlets.get(claim.source, claim.source),
            str(claim.line),
            excerpt(claim),
            shown_value(claim),
            _verdict_text(judged.verdict),
        )
    if finding.status is Status.CONFLICT:
        if finding.majority and finding.outliers:
            caption = (
                f"Outlier: {', '.join(outlets.get(s, s) for s in finding.outliers)} "
                f"against {', '.join(outlets.get(s, s) for s in finding.majority)}"
            )
        else:
            caption = "No majority: the outlets split evenly (or one outlet contradicts itself)"
        if finding.reason is not None:
            caption += f" · reason: {finding.reason.value} ({REASON_WORDS[finding.reason.value]})"
        caption += "".join(f"\n{line}" for line in [*wording_lines(finding, outlets), *status_lines(finding, outlets)])
        for judged in finding.claims:
            if judged.fingerprint is not None:
                claim = judged.claim
                caption += (
                    f"\nFinding {judged.fingerprint} ({outlets.get(claim.source, claim.source)}, "
                    f'"{claim_words(claim)}"): {review_words(judged.review)}'
                )
        table.caption = Text(caption)  # plain text: outlets' words may hold [brackets]
        table.caption_justify = "left"
        table.caption_style = "factcheck.conflict"
    elif finding.parties or finding.timeline:
        table.caption = Text("\n".join(status_lines(finding, outlets)))
        table.caption_justify = "left"
        table.caption_style = f"factcheck.{finding.status.value}"
    return table


def sources_table(report: Report) -> Table:
    table = Table(title="Outlets", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Outlet", style="factcheck.source")
    table.add_column("Published")
    table.add_column("Agree", justify="right", style="factcheck.agree")
    table.add_column("Conflict", justify="right", style="factcheck.conflict")
    table.add_column("Single", justify="right", style="factcheck.single")
    table.add_column("Updated", justify="right", style="factcheck.updated")
    table.add_column("Wire copy of", style="factcheck.muted", overflow="fold")
    table.add_column("File", style="factcheck.muted", overflow="fold")
    wires = {w.key: w.name for w in report.wires}
    for source in report.sources:
        published = source.published_at.isoformat(timespec="minutes") if source.published_at else None
        table.add_row(
            source.outlet,
            published or source.published.isoformat(),
            str(source.agree),
            str(source.conflict),
            str(source.single),
            str(source.updated),
            wires.get(source.wire, "") if source.wire else "",
            PurePosixPath(source.path).name,
        )
    return table


def wires_text(report: Report) -> Text:
    """The wire stories run under several mastheads: each counts as one source."""
    outlets = {s.id: s.outlet for s in report.sources}
    text = Text()
    for wire in report.wires:
        how = "declared" if wire.declared else f"same text, {wire.similarity:.0%} shared"
        original = f"; original: {outlets.get(wire.original, wire.original)}" if wire.original else ""
        text.append(f"Wire story {wire.name}", style="factcheck.fact")
        text.append(f" ({how}{original}) counts as one source: {', '.join(wire.outlets)}\n")
    return text


def summary(report: Report) -> Text:
    counts = {status: sum(1 for f in report.findings if f.status is status) for status in Status}
    parts: list[tuple[str, str]] = [(f"{counts[Status.CONFLICT]} in conflict", "factcheck.conflict")]
    if counts[Status.PARTIES]:
        parts.append((f"{counts[Status.PARTIES]} differ by party", "factcheck.parties"))
    if counts[Status.UPDATED]:
        parts.append((f"{counts[Status.UPDATED]} updated", "factcheck.updated"))
    parts.append((f"{counts[Status.AGREE]} agree", "factcheck.agree"))
    parts.append((f"{counts[Status.SINGLE]} single-source", "factcheck.single"))
    text = Text.assemble(
        ("factcheck ", "bold"),
        (report.corpus, "factcheck.source"),
        f" · {len(report.sources)} sources · {len(report.findings)} facts: ",
    )
    for k, part in enumerate(parts):
        text.append(", " if k else "")
        text.append(*part)
    return text


def render_to(report: Report, console: Console) -> None:
    outlets = {s.id: s.outlet for s in report.sources}
    console.print(summary(report))
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line else error.path
        console.print(Text.assemble(("input error ", "factcheck.error"), f"{where}: {error.message}"))
    console.print()
    for finding in report.findings:
        console.print(fact_table(finding, outlets))
        console.print()
    console.print(sources_table(report))
    if report.wires:
        console.print()
        console.print(wires_text(report), end="")


def render(report: Report, out: TextIO) -> None:
    render_to(report, console_for(out))
