"""Every rule's own examples, one test per rule; a rule without examples fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.rules.examples import run_examples
from factcheck.rules.loader import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[1]
RULES = load_rules(ROOT / "rules")
RESULTS = run_examples(RULES)
RULE_IDS = sorted({r.rule_id for r in RESULTS})


def test_every_rule_is_exercised() -> None:
    ids = {f.rule.id for f in RULES.facts} | {r.id for r in RULES.boilerplate_rules}
    assert set(RULE_IDS) == ids


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_examples(rule_id: str) -> None:
    results = [r for r in RESULTS if r.rule_id == rule_id]
    failures = [f"{r.text!r}: {r.message}" for r in results if not r.passed]
    assert not failures, "\n".join(failures)
    assert any("matches" in r.message for r in results), "the rule needs at least one example it must match"


def _ruleset(tmp_path: Path, body: str) -> RuleSet:
    (tmp_path / "r.yaml").write_text(body, encoding="utf-8")
    return load_rules(tmp_path)


def test_rule_without_examples_fails(tmp_path: Path) -> None:
    rules = _ruleset(
        tmp_path,
        "rules:\n  - id: test.bare\n    kind: quantity\n    title: Bare\n    cues: [troops]\n",
    )
    (result,) = run_examples(rules)
    assert not result.passed
    assert "no examples" in result.message


def test_wrong_expected_value_fails(tmp_path: Path) -> None:
    rules = _ruleset(
        tmp_path,
        """rules:
  - id: test.troops
    kind: quantity
    title: Troops
    units: [troops]
    cues: [border]
    examples:
      match:
        - {text: "Russia has 90,000 troops at the border.", value: 100000}
        - {text: "Russia has more than 90,000 troops at the border.", value: 90000, qualifier: about}
      no_match: ["Russia has 90,000 troops at the border."]
""",
    )
    results = run_examples(rules)
    assert [r.passed for r in results] == [False, False, False]
    assert "expected 100000" in results[0].message
    assert "qualifier 'more-than'" in results[1].message
    assert "must not" in results[2].message


def test_boilerplate_examples_check_scope(tmp_path: Path) -> None:
    rules = _ruleset(
        tmp_path,
        """rules:
  - id: test.more-from
    kind: boilerplate
    title: More from
    pattern: '^More from'
    scope: rest
    examples:
      match: [{text: "More from Foreign Policy", value: paragraph}]
      no_match: ["More from the talks"]
""",
    )
    results = run_examples(rules)
    assert [r.passed for r in results] == [False, False]
