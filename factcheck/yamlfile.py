"""YAML to plain data with the line and column of every key and item; every failure a located problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import InputError, Problem

KeyPath = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it (marks are kept either way): an order of magnitude faster.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class MarkedYaml:
    """Parsed YAML: the data, where each key path stands (1-based line, column), and what went wrong."""

    data: Any
    marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: KeyPath) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        key = path
        while key not in self.marks and key:
            key = key[:-1]
        return self.marks.get(key, (1, 1))


def dotted(path: Sequence[str | int]) -> str:
    """A key path as a reader writes it: ``rules[3].cues[0]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def read_utf8(path: Path) -> tuple[bytes, str]:
    """A file's bytes and text; a file that cannot be read or is not UTF-8 is a located problem."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}", line=1)) from None
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(name, "not valid UTF-8", line=raw[: exc.start].count(b"\n") + 1)) from None


def read_yaml_file(path: Path) -> tuple[bytes, MarkedYaml]:
    """A YAML file's bytes and its marked parse (see :func:`read_utf8` for unreadable files)."""
    raw, text = read_utf8(path)
    return raw, load_marked(text, str(path))


def load_marked(text: str, name: str, first_line: int = 1) -> MarkedYaml:
    """Parse ``text`` (which starts at line ``first_line`` of file ``name``).

    Syntax errors raise nothing: they come back as problems, with ``data`` None. So do values that are valid
    YAML but not usable data (a date that is no calendar day, a list used as a key, an alias that contains
    itself), each at its own line.
    """
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 + offset if mark is not None else first_line
        column = mark.column + 1 if mark is not None else None
        return MarkedYaml(None, problems=[Problem(name, f"invalid YAML: {problem}", line, column)])
    result = MarkedYaml(None)
    if node is None:
        return result
    constructor = yaml.SafeLoader("")

    def where(current: yaml.Node) -> tuple[int, int]:
        return current.start_mark.line + 1 + offset, current.start_mark.column + 1

    def fail(current: yaml.Node, path: KeyPath, message: str) -> None:
        line, column = where(current)
        result.problems.append(Problem(name, f"{dotted(path)}: {message}", line, column))

    def scalar(current: yaml.Node, path: KeyPath) -> Any:
        try:
            return constructor.construct_object(current, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            fail(current, path, f"not a valid value ({exc})")
            return None

    def walk(current: yaml.Node, path: KeyPath, active: frozenset[int]) -> Any:
        if id(current) in active:
            fail(current, path, "an alias that contains itself")
            return None
        result.marks[path] = where(current)
        if isinstance(current, yaml.MappingNode):
            inner = active | {id(current)}
            mapping: dict[Any, Any] = {}
            for key_node, value_node in current.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    fail(key_node, path, "a key must be a plain name, not a list or mapping")
                    continue
                key = scalar(key_node, path)
                if key in mapping:
                    fail(key_node, (*path, key), "duplicate key")
                mapping[key] = walk(value_node, (*path, key), inner)
                result.marks[(*path, key)] = where(key_node)
            return mapping
        if isinstance(current, yaml.SequenceNode):
            inner = active | {id(current)}
            return [walk(item, (*path, i), inner) for i, item in enumerate(current.value)]
        return scalar(current, path)

    result.data = walk(node, (), frozenset())
    return result
