"""Loading rule files: YAML parsed with positions, validated by pydantic, every error located in one pass."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from factcheck.cues import Cue
from factcheck.errors import InputError, Problem
from factcheck.models import ClaimKind
from factcheck.rules.schema import RULE_KINDS, BoilerplateRule, FactRule, RuleFile
from factcheck.segment import BoilerplatePattern

RULE_SUFFIXES = (".yaml", ".yml")
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class CompiledFact:
    """A fact rule with its cue phrases compiled once."""

    rule: FactRule
    cues: tuple[Cue, ...]
    requires: tuple[Cue, ...]
    excludes: tuple[Cue, ...]
    units: frozenset[str]
    path: str


@dataclass
class RuleSet:
    """Every rule loaded from a rules folder, indexed for matching."""

    facts: list[CompiledFact] = field(default_factory=list)
    boilerplate: list[BoilerplatePattern] = field(default_factory=list)
    boilerplate_rules: list[BoilerplateRule] = field(default_factory=list)
    files: list[RuleFile] = field(default_factory=list)
    digest: str = ""

    def facts_of_kind(self, kind: ClaimKind) -> list[CompiledFact]:
        return [f for f in self.facts if f.rule.kind == kind.value]

    def fact(self, fact_id: str) -> CompiledFact | None:
        for item in self.facts:
            if item.rule.id == fact_id or fact_id in item.rule.aliases:
                return item
        return None


def unit_key(word: str) -> str:
    """A unit noun reduced for comparison: 'troops' and 'troop', 'forces' and 'force', 'treaties' and 'treaty'."""
    word = word.lower().strip()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _compose(text: str, name: str) -> tuple[Any, dict[Path_, tuple[int, int]], list[Problem]]:
    """YAML to plain data, with the line and column of every key and item, and duplicate keys reported."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise InputError(Problem(name, f"invalid YAML: {problem}", line=line, column=column)) from None
    marks: dict[Path_, tuple[int, int]] = {}
    problems: list[Problem] = []
    constructor = yaml.SafeLoader("")

    def walk(current: yaml.Node, path: Path_) -> Any:
        marks[path] = (current.start_mark.line + 1, current.start_mark.column + 1)
        if isinstance(current, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in current.value:
                key = constructor.construct_object(key_node, deep=True)
                if key in result:
                    problems.append(
                        Problem(
                            name,
                            f"{_dotted((*path, key))}: duplicate key",
                            key_node.start_mark.line + 1,
                            key_node.start_mark.column + 1,
                        )
                    )
                result[key] = walk(value_node, (*path, key))
                marks[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return result
        if isinstance(current, yaml.SequenceNode):
            return [walk(item, (*path, i)) for i, item in enumerate(current.value)]
        return constructor.construct_object(current, deep=True)

    if node is None:
        return {}, marks, problems
    try:
        data = walk(node, ())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(Problem(name, f"invalid YAML: {getattr(exc, 'problem', exc)}", line=line)) from None
    return data, marks, problems


def _dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _locate(loc: Sequence[str | int], data: Any, marks: dict[Path_, tuple[int, int]]) -> tuple[Path_, tuple[int, int]]:
    """The data path pydantic's error location points at (tags of unions dropped), and its line and column."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            path.append(part)
            current = current[part]
        elif isinstance(part, str) and part in RULE_KINDS:
            continue  # the discriminator tag pydantic inserts for unions
        else:
            path.append(part)
            break
    key: Path_ = tuple(path)
    while key not in marks and key:
        key = key[:-1]
    return tuple(path), marks.get(key, (1, 1))


def _context(lines: list[str], line: int) -> tuple[str, ...]:
    first = max(1, line - 1)
    return tuple(f"{n:>4} | {lines[n - 1]}" for n in range(first, min(len(lines), line + 1) + 1))


def parse_rule_file(path: Path) -> RuleFile:
    """One rule file, validated; raises InputError listing every problem found in it."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem(name, "not valid UTF-8", line=line)) from None
    data, marks, problems = _compose(text, name)
    lines = text.splitlines()
    if not isinstance(data, dict):
        raise InputError(Problem(name, "a rule file is a mapping with a 'rules:' list", line=1))
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            path_, (line, column) = _locate(err["loc"], data, marks)
            message = _message(err)
            problems.append(Problem(name, f"{_dotted(path_)}: {message}", line, column, _context(lines, line)))
        raise InputError(problems) from None
    if problems:
        raise InputError(problems)
    return parsed


def _message(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "union_tag_invalid":
        return f"unknown rule kind {err['input']!r} (valid kinds: {', '.join(RULE_KINDS)})"
    if kind == "union_tag_not_found":
        return f"missing 'kind' (valid kinds: {', '.join(RULE_KINDS)})"
    if kind == "string_pattern_mismatch":
        return f"{err['input']!r} is not a dotted lower-case id such as 'story.fact-name'"
    message = str(err["msg"])
    return message.removeprefix("Value error, ")


def load_rules(folder: Path) -> RuleSet:
    """Every rule file in ``folder``, checked together (ids unique across files); InputError lists all problems."""
    name = str(folder)
    if not folder.exists():
        raise InputError(Problem(name, "no such rules folder"))
    files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.suffix in RULE_SUFFIXES)
    problems: list[Problem] = []
    parsed: list[tuple[Path, RuleFile]] = []
    for path in files:
        try:
            parsed.append((path, parse_rule_file(path)))
        except InputError as exc:
            problems.extend(exc.problems)
    seen: dict[str, str] = {}
    for path, rule_file in parsed:
        text_lines = path.read_text(encoding="utf-8").splitlines()
        for rule in rule_file.rules:
            for rule_id in (rule.id, *rule.aliases):
                line = _id_line(text_lines, rule_id)
                if rule_id in seen:
                    problems.append(
                        Problem(str(path), f"duplicate rule id {rule_id!r} (first defined in {seen[rule_id]})", line)
                    )
                else:
                    seen[rule_id] = f"{path}:{line}"
    if problems:
        raise InputError(problems)
    ruleset = RuleSet(files=[f for _, f in parsed])
    digest = hashlib.sha256()
    for path, rule_file in parsed:
        digest.update(path.read_bytes())
        for rule in rule_file.rules:
            if isinstance(rule, BoilerplateRule):
                ruleset.boilerplate_rules.append(rule)
                ruleset.boilerplate.append(BoilerplatePattern(rule.id, re.compile(rule.pattern), rule.scope))
            else:
                ruleset.facts.append(compile_fact(rule, str(path)))
    ruleset.facts.sort(key=lambda f: f.rule.id)
    ruleset.digest = digest.hexdigest()
    return ruleset


def compile_fact(rule: FactRule, path: str = "") -> CompiledFact:
    return CompiledFact(
        rule=rule,
        cues=tuple(Cue.compile(c, rule.fuzzy) for c in rule.cues),
        requires=tuple(Cue.compile(c, rule.fuzzy) for c in rule.require),
        excludes=tuple(Cue.compile(c, 0) for c in rule.exclude),
        units=frozenset(unit_key(u) for u in rule.units),
        path=path,
    )


def _id_line(lines: list[str], rule_id: str) -> int | None:
    pattern = re.compile(rf"^\s*(?:-\s+)?id:\s*['\"]?{re.escape(rule_id)}['\"]?\s*$")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return number
    for number, line in enumerate(lines, start=1):
        if rule_id in line:
            return number
    return None
