"""The formats of ``factcheck check``: for people (rich, markdown) and for CI (github, sarif, junit, json)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from factcheck.models import CheckReport
from factcheck.render import check_markdown, check_terminal, github, json_format, junit, sarif

FORMATS: dict[str, Callable[[CheckReport, TextIO], None]] = {
    "rich": check_terminal.render,
    "json": json_format.render_check,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "markdown": check_markdown.render,
}
