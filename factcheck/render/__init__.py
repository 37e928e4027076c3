"""Output formats: each a module with ``render(report, out)``, registered in tables that ``--format`` reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from factcheck.models import CheckReport, Report
from factcheck.render import check_formats, html, json_format, markdown, terminal

Renderer = Callable[[Report, TextIO], None]
CheckRenderer = Callable[[CheckReport, TextIO], None]

REPORT_FORMATS: dict[str, Renderer] = {
    "rich": terminal.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "html": html.render,
}

CHECK_FORMATS: dict[str, CheckRenderer] = check_formats.FORMATS
