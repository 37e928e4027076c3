"""What the benchmark scripts share: sizes on the command line, peak RSS in bytes, aligned tables.

Nothing here imports factcheck, so a worker interpreter can import it without skewing the import time it measures.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

MB = 1024 * 1024


def parse_sizes(text: str) -> list[int]:
    """``--sizes 1000,10000``: positive article counts, comma-separated (``10_000`` allowed)."""
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of article counts") from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("sizes are positive article counts, such as 1000,10000")
    return sizes


def megabytes(value: float | None) -> str:
    """Bytes as megabytes for a table, "-" when not measured."""
    return "-" if value is None else f"{value / MB:,.1f}"


def maxrss_bytes(ru_maxrss: int) -> int:
    """``ru_maxrss`` in bytes (Linux reports KiB, macOS bytes)."""
    return int(ru_maxrss) * (1 if sys.platform == "darwin" else 1024)


def aligned(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A plain-text table: a header, a rule, and the rows, each column right-aligned to its widest cell."""
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)) for row in rows]
    return lines
