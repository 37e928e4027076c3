"""Terminal output of ``factcheck extract``: every claim with its normalized value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.table import Table

from factcheck.models import Claim
from factcheck.render.terminal import console_for, excerpt
from factcheck.render.values import describe


def render_claims_table(claims: Sequence[Claim], out: TextIO) -> None:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("Source", style="factcheck.source", ratio=2, overflow="fold")
    table.add_column("Line", justify="right", width=4)
    table.add_column("Kind", width=8)
    table.add_column("Claim in its sentence", ratio=6, overflow="fold")
    table.add_column("Value", ratio=3, overflow="fold")
    for claim in sorted(claims, key=lambda c: (c.source, c.start, c.end)):
        value = describe(claim) + (" (said)" if claim.role.value == "statement" else "")
        table.add_row(claim.source, str(claim.line), claim.kind.value, excerpt(claim, 70), value)
    console = console_for(out)
    console.print(table)
    console.print(f"{len(claims)} claims")
