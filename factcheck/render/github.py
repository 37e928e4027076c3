"""GitHub Actions output of a check: one workflow command per finding, which GitHub shows as an annotation.

Each finding becomes ``::error``, ``::warning`` or ``::notice`` (for severity error, warning and info) with the
file, line and columns of the claim; each input error an ``::error`` on its file and line. A last plain line
gives the summary. GitHub drops an annotation whose ``col``/``endColumn`` span several lines, so a claim that
wraps onto another line is annotated by its lines alone.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TextIO

from factcheck.models import CheckFinding, CheckReport, Severity
from factcheck.render.check_terminal import summary
from factcheck.render.values import review_words

_PLAIN = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
_ESCAPED = re.compile("|".join(_PLAIN))
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message, escaped the way the Actions runner reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property's value: the message escapes, and ``:`` and ``,`` that would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def unescape(text: str) -> str:
    """What the runner makes of an escaped message or property value (the inverse of both escapes)."""
    return _ESCAPED.sub(lambda m: _PLAIN[m.group(0)], text)


def command(name: str, properties: list[tuple[str, str]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def finding_command(finding: CheckFinding) -> str:
    loc = finding.location
    properties = [("file", _path(loc.path)), ("line", str(loc.line))]
    if loc.end_line == loc.line:
        properties.append(("col", str(loc.column)))
    properties.append(("endLine", str(loc.end_line)))
    if loc.end_line == loc.line:
        properties.append(("endColumn", str(max(loc.end_column, loc.column))))
    properties.append(("title", f"factcheck {finding.fact.id} ({finding.severity.value})"))
    message = f"{finding.message} [finding {finding.fingerprint}: {review_words(finding.review)}]"
    return command(COMMANDS[finding.severity], properties, message)


def render(result: CheckReport, out: TextIO) -> None:
    for finding in result.findings:
        out.write(finding_command(finding) + "\n")
    for error in result.errors:
        properties = [("file", _path(error.path))]
        if error.line is not None:
            properties.append(("line", str(error.line)))
        out.write(command("error", properties, error.message) + "\n")
    out.write(summary(result) + "\n")


def _path(path: str) -> str:
    return PurePath(path).as_posix()
