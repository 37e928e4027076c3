"""Render the terminal report of the bundled corpus to docs/report.svg (the picture in the README).

python docs/screenshot.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from rich.console import Console

    from factcheck.pipeline import run_report
    from factcheck.render.terminal import THEME, WIDTH, render_to
    from factcheck.rules.loader import load_rules

    report = run_report(Path("corpus/geneva-2022"), load_rules(Path("rules")))
    report = report.model_copy(update={"findings": report.findings[:4]})
    console = Console(record=True, width=WIDTH, theme=THEME, file=io.StringIO(), force_terminal=True)
    render_to(report, console)
    console.save_svg(str(ROOT / "docs" / "report.svg"), title="factcheck report")
    print("wrote docs/report.svg")


if __name__ == "__main__":
    main()
