"""Unit tests of factcheck.rules.loader: rule files validated, every problem located, all of them in one pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.errors import InputError, Problem
from factcheck.models import ClaimKind
from factcheck.rules.loader import RuleSet, compile_fact, load_rules, parse_rule_file, unit_key
from factcheck.rules.schema import RULE_KINDS, BoilerplateRule, FactRule

REPO = Path(__file__).resolve().parent.parent
BUNDLED_RULES = REPO / "rules"

BOILERPLATE = """\
rules:
  - id: test.skip-link
    kind: boilerplate
    title: Skip links
    pattern: '^Skip to content$'
    examples:
      match: [{text: "Skip to content", value: paragraph}]
      no_match: ["Skip this."]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of_file(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        parse_rule_file(path)
    return info.value.problems


def problems_of_folder(folder: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_rules(folder)
    return info.value.problems


def boilerplate(rule_id: str, pattern: str = "x", extra: str = "") -> str:
    return f"  - id: {rule_id}\n    kind: boilerplate\n    title: T\n    pattern: '{pattern}'\n{extra}"


def aliased(rule_id: str, alias: str) -> str:
    """A boilerplate rule whose alias sits on the line after its id."""
    return f"  - id: {rule_id}\n    aliases: [{alias}]\n    kind: boilerplate\n    title: T\n    pattern: 'x'\n"


# --- the bundled rules ---------------------------------------------------------------------------------------


def test_bundled_rules_load() -> None:
    rules = load_rules(BUNDLED_RULES)
    fact_ids = [f.rule.id for f in rules.facts]
    assert fact_ids == sorted(fact_ids)
    assert "geneva.troops-at-border" in fact_ids
    assert len(rules.files) == 2
    assert {r.id for r in rules.boilerplate_rules} >= {"furniture.skip-link", "furniture.paywall"}
    assert len(rules.boilerplate) == len(rules.boilerplate_rules)
    assert all(isinstance(f.rule, FactRule) for f in rules.facts)
    assert re.fullmatch(r"[0-9a-f]{64}", rules.digest)


def test_bundled_rules_digest_is_stable() -> None:
    assert load_rules(BUNDLED_RULES).digest == load_rules(BUNDLED_RULES).digest


def test_ruleset_lookups() -> None:
    rules = load_rules(BUNDLED_RULES)
    troops = rules.fact("geneva.troops-at-border")
    assert troops is not None
    assert troops.rule.kind == "quantity"
    assert "troop" in troops.units
    assert troops.path.endswith("geneva-2022.yaml")
    assert rules.fact("no.such-fact") is None
    quantities = rules.facts_of_kind(ClaimKind.QUANTITY)
    assert troops in quantities
    assert all(f.rule.kind == "quantity" for f in quantities)


def test_paywall_boilerplate_is_compiled_with_its_scope() -> None:
    rules = load_rules(BUNDLED_RULES)
    paywall = next(p for p in rules.boilerplate if p.rule_id == "furniture.paywall")
    assert paywall.scope == "rest"
    assert paywall.pattern.search("To continue reading this article...")


def test_load_rules_accepts_a_single_file(tmp_path: Path) -> None:
    path = write(tmp_path, "one.yaml", BOILERPLATE)
    rules = load_rules(path)
    assert [r.id for r in rules.boilerplate_rules] == ["test.skip-link"]


def test_load_rules_reads_yaml_and_yml_in_subfolders_and_ignores_other_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "rules:\n" + boilerplate("test.a"))
    write(tmp_path, "sub/b.yml", "rules:\n" + boilerplate("test.b"))
    write(tmp_path, "README.md", "rules: [this is not a rule file")
    rules = load_rules(tmp_path)
    assert sorted(r.id for r in rules.boilerplate_rules) == ["test.a", "test.b"]


def test_empty_rule_file_has_no_rules(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.yaml", "# nothing yet\n")
    assert parse_rule_file(path).content.rules == []


def test_empty_folder_gives_an_empty_ruleset(tmp_path: Path) -> None:
    rules = load_rules(tmp_path)
    assert isinstance(rules, RuleSet)
    assert rules.facts == [] and rules.boilerplate == []


def test_missing_folder(tmp_path: Path) -> None:
    problems = problems_of_folder(tmp_path / "nope")
    assert len(problems) == 1
    assert problems[0].path == str(tmp_path / "nope")
    assert "no such rules folder" in problems[0].message


def test_parse_rule_file_reads_fact_and_boilerplate_rules(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.yaml",
        """\
published: 2022-01-10
rules:
  - id: test.troops
    aliases: [test.soldiers]
    kind: quantity
    title: Troops
    severity: error
    units: [troops]
    cues: [border*]
"""
        + boilerplate("test.furniture", "^More:", "    scope: rest\n"),
    )
    parsed = parse_rule_file(path).content
    assert str(parsed.published) == "2022-01-10"
    fact, furniture = parsed.rules
    assert isinstance(fact, FactRule)
    assert fact.severity.value == "error"
    assert fact.aliases == ["test.soldiers"]
    assert isinstance(furniture, BoilerplateRule)
    assert furniture.scope == "rest"
    rules = load_rules(path)
    assert rules.fact("test.soldiers") is rules.fact("test.troops")


# --- problems located, all of them in one pass ----------------------------------------------------------------

THREE_PROBLEMS = """\
rules:
  - id: test.skip
    kind: boilerplate
    title: Skip
    pattern: '^Skip ('
  - id: test.other
    kind: quantity
    title: Other
    cues: [border]
    colour: red
  - id: Not_An_Id
    kind: boilerplate
    title: Bad id
    pattern: 'x'
"""


def test_three_problems_in_one_file_are_reported_together(tmp_path: Path) -> None:
    path = write(tmp_path, "three.yaml", THREE_PROBLEMS)
    problems = problems_of_file(path)
    assert [(p.line, p.column) for p in problems] == [(5, 5), (10, 5), (11, 5)]
    assert all(p.path == str(path) for p in problems)
    messages = [p.message for p in problems]
    assert messages[0].startswith("rules[0].pattern: invalid regular expression")
    assert messages[1] == "rules[1].colour: unknown field"
    assert messages[2].startswith("rules[2].id: 'Not_An_Id' is not a dotted lower-case id")
    # each problem shows the lines around it
    assert any("pattern: '^Skip ('" in line for line in problems[0].context)
    assert any("colour: red" in line for line in problems[1].context)


def test_load_rules_collects_problems_of_every_file(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", THREE_PROBLEMS)
    write(tmp_path, "b.yaml", "rules:\n  - id: test.b\n    kind: boilerplate\n    title: B\n    pattern: '['\n")
    problems = problems_of_folder(tmp_path)
    assert [(Path(p.path).name, p.line) for p in problems] == [
        ("a.yaml", 5),
        ("a.yaml", 10),
        ("a.yaml", 11),
        ("b.yaml", 5),
    ]


def test_bad_regex_in_boilerplate_pattern(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", "rules:\n" + boilerplate("test.ok") + boilerplate("test.bad", "(?P<x"))
    (problem,) = problems_of_file(path)
    assert problem.line == 9
    assert problem.message.startswith("rules[1].pattern: invalid regular expression")


def test_unknown_field_nested_in_a_rule(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.yaml",
        """\
rules:
  - id: test.troops
    kind: quantity
    title: Troops
    cues: [border]
    compare:
      method: overlap
      slak: {rounding: 0.1}
""",
    )
    (problem,) = problems_of_file(path)
    assert (problem.line, problem.column) == (8, 7)
    assert problem.message == "rules[0].compare.slak: unknown field"


def test_unknown_top_level_field(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", "rules: []\nversion: 2\n")
    (problem,) = problems_of_file(path)
    assert problem.line == 2
    assert problem.message == "version: unknown field"


def test_bad_list_item_names_its_index(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.yaml",
        """\
rules:
  - id: test.troops
    kind: quantity
    title: Troops
    cues:
      - border
      - ""
""",
    )
    (problem,) = problems_of_file(path)
    assert problem.line == 7
    assert problem.message.startswith("rules[0].cues[1]:")


def test_unknown_kind_lists_the_valid_kinds_and_names_the_kind(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.yaml",
        """\
rules:
  - id: test.weird
    kind: banana
    title: Weird
    description: A rather long description that has no place in a one-line error message.
""",
    )
    (problem,) = problems_of_file(path)
    assert (problem.message.startswith("rules[0]: ") and problem.line == 2) or (
        problem.message.startswith("rules[0].kind: ") and problem.line == 3
    ), problem
    assert "unknown rule kind 'banana'" in problem.message
    assert "description" not in problem.message  # the kind, not the whole rule mapping
    assert f"(valid kinds: {', '.join(RULE_KINDS)})" in problem.message


def test_missing_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", "rules:\n  - id: test.no-kind\n    title: T\n")
    (problem,) = problems_of_file(path)
    assert problem.line == 2
    assert "missing 'kind'" in problem.message
    assert "boilerplate" in problem.message


def test_rule_level_consistency_error_names_the_rule(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "r.yaml",
        """\
rules:
  - id: test.ok
    kind: quantity
    title: Ok
    cues: [border]
  - id: test.when
    kind: quantity
    title: When
    cues: [border]
    resolution: day
""",
    )
    (problem,) = problems_of_file(path)
    assert problem.line == 6
    assert problem.message == "rules[1]: 'resolution' applies to date facts only"


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", "rules:\n  - id: test.x\n    title: a: b\n")
    (problem,) = problems_of_file(path)
    assert (problem.line, problem.column) == (3, 13)
    assert problem.message.startswith("invalid YAML:")


def test_duplicate_key_in_a_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", "rules:\n" + boilerplate("test.a") + "    title: Again\n")
    (problem,) = problems_of_file(path)
    assert (problem.line, problem.column) == (6, 5)
    assert problem.message == "rules[0].title: duplicate key"


def test_rule_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "r.yaml", "- id: test.a\n")
    (problem,) = problems_of_file(path)
    assert problem.line == 1
    assert "mapping" in problem.message


def test_rule_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"rules:\n  - id: test.a\n    title: Caf\xe9\n")
    (problem,) = problems_of_file(path)
    assert problem.line == 3
    assert "UTF-8" in problem.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("published: 2022-13-45\nrules: []\n", 1),
        ("published: 2022-02-30\nrules: []\n", 1),
        ("rules:\n" + boilerplate("test.a", extra="    examples:\n      match: [{text: a, value: 2022-02-30}]\n"), 7),
    ],
    ids=["month-13", "february-30", "example-value"],
)
def test_date_that_is_no_calendar_day_is_a_located_problem(tmp_path: Path, text: str, line: int) -> None:
    # YAML's timestamp resolver raises ValueError for these; it must come out as an InputError, not a crash.
    path = write(tmp_path, "r.yaml", text)
    (problem,) = problems_of_file(path)
    assert problem.path == str(path)
    assert problem.line == line


@pytest.mark.parametrize(
    "text",
    [
        "rules:\n  - ? [a, b]\n    : c\n",  # a sequence as a mapping key
        "rules: []\n? {a: 1}\n: x\n",  # a mapping as a mapping key
        "rules: &loop [*loop]\n",  # an alias that contains itself
    ],
    ids=["sequence-key", "mapping-key", "recursive-alias"],
)
def test_unusable_yaml_structure_is_a_problem_not_a_crash(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "r.yaml", text)
    problems = problems_of_file(path)
    assert problems
    assert all(p.path == str(path) and p.line is not None for p in problems)


# --- ids and aliases unique across files ----------------------------------------------------------------------


def test_duplicate_id_across_two_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", "rules:\n" + boilerplate("test.one"))
    second = write(tmp_path, "b.yaml", "rules:\n" + boilerplate("test.two") + boilerplate("test.one"))
    (problem,) = problems_of_folder(tmp_path)
    assert problem.path == str(second)
    assert problem.line == 6
    assert "duplicate rule id 'test.one'" in problem.message
    assert f"{first}:2" in problem.message


def test_duplicate_id_within_one_file_points_at_the_second_definition(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "rules:\n" + boilerplate("test.one") + boilerplate("test.one"))
    (problem,) = problems_of_folder(tmp_path)
    assert problem.path == str(path)
    assert problem.line == 6
    assert f"first defined in {path}:2" in problem.message


def test_alias_colliding_with_an_id_in_another_file(tmp_path: Path) -> None:
    # a.yaml: test.one-more (line 2), then test.two with alias test.one (line 7); b.yaml defines test.one (line 6)
    first = write(tmp_path, "a.yaml", "rules:\n" + boilerplate("test.one-more") + aliased("test.two", "test.one"))
    second = write(tmp_path, "b.yaml", "rules:\n" + boilerplate("test.three") + boilerplate("test.one"))
    (problem,) = problems_of_folder(tmp_path)
    assert problem.path == str(second)
    assert problem.line == 6
    assert "duplicate rule id 'test.one'" in problem.message
    assert f"first defined in {first}:7" in problem.message


def test_alias_colliding_with_an_id_in_the_same_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "rules:\n" + aliased("test.a", "test.b") + boilerplate("test.b"))
    (problem,) = problems_of_folder(tmp_path)
    assert problem.line == 7
    assert "duplicate rule id 'test.b'" in problem.message
    assert f"first defined in {path}:3" in problem.message


def test_two_rules_sharing_an_alias(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "rules:\n" + aliased("test.a", "test.shared"))
    second = write(tmp_path, "b.yaml", "rules:\n" + aliased("test.b", "test.shared"))
    (problem,) = problems_of_folder(tmp_path)
    assert problem.path == str(second)
    assert problem.line == 3
    assert "duplicate rule id 'test.shared'" in problem.message


def test_duplicates_and_file_problems_are_reported_together(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "rules:\n" + boilerplate("test.one"))
    write(tmp_path, "b.yaml", "rules:\n" + boilerplate("test.one"))
    write(tmp_path, "c.yaml", "rules:\n" + boilerplate("test.c", "("))
    problems = problems_of_folder(tmp_path)
    assert sorted((Path(p.path).name, p.line) for p in problems) == [("b.yaml", 2), ("c.yaml", 5)]


# --- unit nouns ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("troops", "troop"),
        ("troop", "troop"),
        ("Troops ", "troop"),
        ("forces", "force"),
        ("soldiers", "soldier"),
        ("treaties", "treaty"),
        ("matches", "match"),
        ("dishes", "dish"),
        ("glasses", "glass"),
        ("boxes", "box"),
        ("press", "press"),
        ("personnel", "personnel"),
        ("men", "men"),
        ("gas", "gas"),
        ("ties", "tie"),
        ("military personnel", "military personnel"),
        ("armored vehicles", "armored vehicle"),
    ],
)
def test_unit_key(word: str, key: str) -> None:
    assert unit_key(word) == key


@pytest.mark.parametrize("pair", [("troops", "troop"), ("Forces", "force"), ("treaties", "treaty")])
def test_unit_key_makes_singular_and_plural_equal(pair: tuple[str, str]) -> None:
    assert unit_key(pair[0]) == unit_key(pair[1])


def test_compiled_fact_units_are_unit_keys() -> None:
    rule = FactRule.model_validate(
        {
            "id": "test.troops",
            "kind": "quantity",
            "title": "Troops",
            "cues": ["border*"],
            "units": ["Troops", "soldiers", "military personnel"],
        }
    )
    compiled = compile_fact(rule, "x.yaml")
    assert compiled.units == frozenset({"troop", "soldier", "military personnel"})
    assert compiled.path == "x.yaml"
    assert [c.phrase for c in compiled.cues] == ["border*"]


# --- slack settings -------------------------------------------------------------------------------------------


def fact_rule(slack: dict[str, object], kind: str = "quantity") -> FactRule:
    return FactRule.model_validate(
        {"id": "t.fact", "kind": kind, "title": "T", "cues": ["troops"], "compare": {"slack": slack}}
    )


def test_reach_defaults_to_half_again_for_numbers_and_none_for_dates() -> None:
    assert fact_rule({}).slack().reach == 0.5
    assert fact_rule({}, kind="date").slack().reach is None


def test_reach_and_unbounded_override_the_default() -> None:
    assert fact_rule({"reach": 1.0}).slack().reach == 1.0
    assert fact_rule({"unbounded": True}).slack().reach is None


def test_reach_must_be_positive() -> None:
    with pytest.raises(ValueError, match="reach"):
        fact_rule({"reach": 0})
