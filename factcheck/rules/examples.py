"""Running every rule's own examples: sentences it must place on its fact (with their value), and must not."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from factcheck.crossref import names_declared
from factcheck.models import Claim, ClaimKind
from factcheck.pipeline import analyze_text
from factcheck.rules.loader import RuleSet
from factcheck.rules.schema import BoilerplateRule, FactRule, MatchExample, NamedRule, PersonRule
from factcheck.segment import normalize_space


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    text: str
    passed: bool
    message: str


def run_examples(rules: RuleSet) -> list[ExampleResult]:
    """Every example of every rule, in rule-id order; a rule without examples fails."""
    results: list[ExampleResult] = []
    published_by_rule: dict[str, dt.date | None] = {}
    for rule_file in rules.files:
        for any_rule in rule_file.rules:
            published_by_rule[any_rule.id] = rule_file.published
    all_rules: list[FactRule | BoilerplateRule | NamedRule] = [f.rule for f in rules.facts]
    all_rules += [*rules.boilerplate_rules, *rules.people, *rules.organizations]
    for rule in sorted(all_rules, key=lambda r: r.id):
        if not rule.examples.match and not rule.examples.no_match:
            results.append(
                ExampleResult(rule.id, "", False, "has no examples: add examples.match and examples.no_match")
            )
            continue
        if not rule.examples.match:
            results.append(ExampleResult(rule.id, "", False, "has no examples.match: add a sentence it must match"))
        if isinstance(rule, BoilerplateRule):
            results.extend(_boilerplate_examples(rule))
        elif isinstance(rule, NamedRule):
            results.extend(_named_examples(rule, rules, published_by_rule.get(rule.id)))
        else:
            results.extend(_fact_examples(rule, rules, published_by_rule.get(rule.id)))
    return results


def _boilerplate_examples(rule: BoilerplateRule) -> list[ExampleResult]:
    pattern = re.compile(rule.pattern)
    results = []
    for example in rule.examples.match:
        text = normalize_space(example.text)
        if not pattern.search(text):
            results.append(ExampleResult(rule.id, example.text, False, "pattern does not match"))
        elif str(example.value) != rule.scope:
            results.append(
                ExampleResult(
                    rule.id, example.text, False, f"scope is {rule.scope!r}, example expects {example.value!r}"
                )
            )
        else:
            results.append(ExampleResult(rule.id, example.text, True, "matches"))
    for text in rule.examples.no_match:
        matched = pattern.search(normalize_space(text)) is not None
        results.append(
            ExampleResult(rule.id, text, not matched, "matches, but must not" if matched else "no match, as expected")
        )
    return results


def _fact_examples(rule: FactRule, rules: RuleSet, published: dt.date | None) -> list[ExampleResult]:
    results = []
    for example in rule.examples.match:
        claims = _claims_on(rule.id, example.text, rules, example.published or published)
        if not claims:
            results.append(ExampleResult(rule.id, example.text, False, "no claim of this sentence lands on the fact"))
            continue
        problem = _value_problem(claims[0], example)
        results.append(ExampleResult(rule.id, example.text, problem is None, problem or f"matches: {claims[0].text!r}"))
    for text in rule.examples.no_match:
        claims = _claims_on(rule.id, text, rules, published)
        message = f"{claims[0].text!r} lands on the fact, but must not" if claims else "no match, as expected"
        results.append(ExampleResult(rule.id, text, not claims, message))
    return results


def _named_examples(rule: NamedRule, rules: RuleSet, published: dt.date | None) -> list[ExampleResult]:
    """A person's or organization's examples: sentences that name it (as ``value``, if given), and that do not."""
    kind = ClaimKind.PERSON if isinstance(rule, PersonRule) else ClaimKind.ORGANIZATION
    settings = rules.settings.names

    def named(text: str, when: dt.date | None) -> list[Claim]:
        claims = [c for c in analyze_text(text, rules, when).claims if c.kind is kind]
        return [c for c in claims if names_declared(c.text, rule, settings)]

    results = []
    for example in rule.examples.match:
        found = named(example.text, example.published or published)
        if not found:
            results.append(ExampleResult(rule.id, example.text, False, f"names no {kind.value} this rule declares"))
            continue
        written = " ".join(found[0].text.split())
        if isinstance(example.value, str) and written.casefold() != example.value.casefold():
            message = f"read the name as {written!r}, expected {example.value!r}"
            results.append(ExampleResult(rule.id, example.text, False, message))
        else:
            results.append(ExampleResult(rule.id, example.text, True, f"names it: {written!r}"))
    for text in rule.examples.no_match:
        found = named(text, published)
        message = f"{found[0].text!r} is taken for it, but must not be" if found else "not taken for it, as expected"
        results.append(ExampleResult(rule.id, text, not found, message))
    return results


def _claims_on(rule_id: str, text: str, rules: RuleSet, published: dt.date | None) -> list[Claim]:
    analyzed = analyze_text(text, rules, published)
    return [m.claim for m in analyzed.matches if m.fact_id == rule_id]


def _value_problem(claim: Claim, example: MatchExample) -> str | None:
    expected = example.value
    if isinstance(expected, dt.date):
        expected = expected.isoformat()
    if isinstance(expected, str):
        actual = claim.label or ""
        if actual.casefold() != expected.casefold():
            return f"read {claim.text!r} as {actual!r}, expected {expected!r}"
    else:
        if claim.stated_low is None or not math.isclose(claim.stated_low, float(expected), rel_tol=1e-9):
            return f"read {claim.text!r} as {claim.stated_low!r}, expected {expected!r}"
    if example.high is not None and (claim.stated_high is None or not math.isclose(claim.stated_high, example.high)):
        return f"read the upper value of {claim.text!r} as {claim.stated_high!r}, expected {example.high!r}"
    if example.qualifier is not None and claim.qualifier is not example.qualifier:
        return f"read {claim.text!r} with qualifier {claim.qualifier.value!r}, expected {example.qualifier.value!r}"
    return None
