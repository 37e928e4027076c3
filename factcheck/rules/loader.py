"""Loading rule files: YAML parsed with positions, validated by pydantic, every error located in one pass."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factcheck.cues import Cue
from factcheck.errors import InputError, Problem
from factcheck.models import ClaimKind
from factcheck.rules.schema import (
    RULE_KINDS,
    BoilerplateRule,
    FactRule,
    OrganizationRule,
    PersonRule,
    RuleFile,
    SettingsRule,
)
from factcheck.segment import BoilerplatePattern
from factcheck.yamlfile import KeyPath, MarkedYaml, dotted, read_yaml_file

RULE_SUFFIXES = (".yaml", ".yml")
DEFAULT_SETTINGS = SettingsRule(id="factcheck.settings", title="Default settings", kind="settings")


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
    people: list[PersonRule] = field(default_factory=list)
    organizations: list[OrganizationRule] = field(default_factory=list)
    settings: SettingsRule = field(default_factory=lambda: DEFAULT_SETTINGS)

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


def _locate(loc: Sequence[str | int], marked: MarkedYaml, kind: str) -> tuple[KeyPath, tuple[int, int]]:
    """The data path pydantic's error location points at (tags of unions dropped), and its line and column."""
    path: list[str | int] = []
    current = marked.data
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
    if kind == "union_tag_invalid" and isinstance(current, dict) and "kind" in current:
        path.append("kind")
    return tuple(path), marked.line_of(tuple(path))


def _context(lines: list[str], line: int) -> tuple[str, ...]:
    first = max(1, line - 1)
    return tuple(f"{n:>4} | {lines[n - 1]}" for n in range(first, min(len(lines), line + 1) + 1))


@dataclass(frozen=True)
class ParsedRuleFile:
    """A validated rule file, with the position of every key for later, cross-file checks."""

    path: Path
    content: RuleFile
    marked: MarkedYaml
    raw: bytes


def parse_rule_file(path: Path) -> ParsedRuleFile:
    """One rule file, validated; raises InputError listing every problem found in it."""
    name = str(path)
    raw, marked = read_yaml_file(path)
    problems = list(marked.problems)
    if problems:
        raise InputError(problems)  # validating data with holes in it would only repeat these problems
    data = {} if marked.data is None else marked.data
    lines = raw.decode("utf-8").splitlines()
    if not isinstance(data, dict):
        raise InputError(Problem(name, "a rule file is a mapping with a 'rules:' list", line=1))
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            path_, (line, column) = _locate(err["loc"], marked, err["type"])
            message = _message(err)
            problems.append(Problem(name, f"{dotted(path_)}: {message}", line, column, _context(lines, line)))
        raise InputError(problems) from None
    if problems:
        raise InputError(problems)
    return ParsedRuleFile(path, parsed, marked, raw)


def _message(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "union_tag_invalid":
        tag = err.get("ctx", {}).get("tag", err["input"])
        return f"unknown rule kind {tag!r} (valid kinds: {', '.join(RULE_KINDS)})"
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
    parsed: list[ParsedRuleFile] = []
    for path in files:
        try:
            parsed.append(parse_rule_file(path))
        except InputError as exc:
            problems.extend(exc.problems)
    seen: dict[str, str] = {}
    settings_at: str | None = None
    for item in parsed:
        for index, rule in enumerate(item.content.rules):
            if isinstance(rule, SettingsRule):
                line, column = item.marked.line_of(("rules", index, "kind"))
                if settings_at is not None:
                    message = f"rules.{index}.kind: a second settings rule (the first is at {settings_at})"
                    problems.append(Problem(str(item.path), message, line, column))
                else:
                    settings_at = f"{item.path}:{line}"
            named: list[tuple[str, KeyPath]] = [(rule.id, ("rules", index, "id"))]
            named += [(alias, ("rules", index, "aliases", i)) for i, alias in enumerate(rule.aliases)]
            for rule_id, key_path in named:
                line, column = item.marked.line_of(key_path)
                if rule_id in seen:
                    message = f"{dotted(key_path)}: duplicate rule id {rule_id!r} (first defined in {seen[rule_id]})"
                    problems.append(Problem(str(item.path), message, line, column))
                else:
                    seen[rule_id] = f"{item.path}:{line}"
    if problems:
        raise InputError(problems)
    ruleset = RuleSet(files=[item.content for item in parsed])
    digest = hashlib.sha256()
    for item in parsed:
        digest.update(item.raw)
        for rule in item.content.rules:
            if isinstance(rule, BoilerplateRule):
                ruleset.boilerplate_rules.append(rule)
                ruleset.boilerplate.append(BoilerplatePattern(rule.id, re.compile(rule.pattern), rule.scope))
            elif isinstance(rule, PersonRule):
                ruleset.people.append(rule)
            elif isinstance(rule, OrganizationRule):
                ruleset.organizations.append(rule)
            elif isinstance(rule, SettingsRule):
                ruleset.settings = rule
            else:
                ruleset.facts.append(compile_fact(rule, str(item.path)))
    ruleset.facts.sort(key=lambda f: f.rule.id)
    ruleset.people.sort(key=lambda r: r.id)
    ruleset.organizations.sort(key=lambda r: r.id)
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
