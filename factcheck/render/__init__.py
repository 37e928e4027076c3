"""Output formats: each a module with ``render(report, out)``, registered in one table that ``--format`` reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from factcheck.models import Report
from factcheck.render import json_format, markdown, terminal

Renderer = Callable[[Report, TextIO], None]

REPORT_FORMATS: dict[str, Renderer] = {
    "rich": terminal.render,
    "json": json_format.render,
    "markdown": markdown.render,
}
