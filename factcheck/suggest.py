"""From discovery to rules: a rule file for the facts discovery found, ready for an editor to rename and tighten.

Each discovered fact becomes a fact rule of its kind: its id and title from its key terms, its key terms as cues,
the units its claims were stated in, and as examples the sentences whose claims it grouped, with the value each
states. The rules are then run on their own examples together with the rules already in force; an example the
rule does not reproduce is left out, and a rule left with no example is dropped, so the file passes
``factcheck rules test`` as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factcheck.articles import read_article
from factcheck.crossref import UNPLACED
from factcheck.discover import CandidateFact, discover
from factcheck.errors import InputError, Problem
from factcheck.intervals import Qualifier
from factcheck.models import Claim, ClaimKind
from factcheck.pipeline import analyze, analyze_text, corpus_paths
from factcheck.rules.examples import run_examples
from factcheck.rules.loader import RuleSet, compile_fact
from factcheck.rules.schema import FactRule, RuleFile
from factcheck.segment import normalize_space

_UNIT_KINDS = (ClaimKind.QUANTITY, ClaimKind.MONEY, ClaimKind.MEASURE, ClaimKind.TIME)
_ROUNDS = 3  # dropping a rule changes which facts compete for a claim: check the examples again, a few times


@dataclass(frozen=True)
class Suggestion:
    """The rule file's text, and what went into it."""

    text: str
    rules: int
    examples: int
    dropped: tuple[str, ...]  # discovered facts no rule could be written for (no example reproduced)
    problems: tuple[Problem, ...]


def suggest_rules(corpus_dir: Path, rules: RuleSet) -> Suggestion:
    """A rule file for the facts discovery finds in the corpus, beside the rules already in force."""
    published: dict[str, dt.date | None] = {}
    unplaced: list[Claim] = []
    problems: list[Problem] = []
    for path in corpus_paths(corpus_dir):
        try:
            article = read_article(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        published[article.id] = article.published
        unplaced.extend(m.claim for m in analyze(article, rules).matches if m.fact_id == UNPLACED)
    taken = {f.rule.id for f in rules.facts}
    candidates = [c for c in discover(unplaced) if c.id not in taken]
    drafts = [_draft(c, published) for c in candidates]
    kept, dropped = _keep_reproduced(drafts, rules)
    _tighten(kept, rules)
    kept, more = _keep_reproduced(kept, rules)
    dropped += more
    return Suggestion(
        text=_yaml(kept, corpus_dir),
        rules=len(kept),
        examples=sum(len(r["examples"]["match"]) for r in kept),
        dropped=tuple(sorted(dropped)),
        problems=tuple(problems),
    )


def _draft(candidate: CandidateFact, published: dict[str, dt.date | None]) -> dict[str, Any]:
    """A rule for one discovered fact, as the data of a rule file."""
    cues = [t for t in candidate.key_terms if t != candidate.unit] or list(candidate.key_terms)
    rule: dict[str, Any] = {
        "id": candidate.id,
        "kind": candidate.kind.value,
        "title": candidate.title.capitalize(),
        "description": f"Discovered in {len(candidate.sources)} outlets' articles; rename and tighten before use.",
        "severity": "warning",
        "cues": sorted(set(cues)),
        "window": 12,
    }
    if candidate.kind in _UNIT_KINDS:
        units = sorted({c.unit for c in candidate.claims if c.unit})
        if units:
            rule["units"] = units
        if candidate.kind is ClaimKind.QUANTITY and any(c.unit is None for c in candidate.claims):
            rule["allow_unitless"] = True
    seen: set[str] = set()
    examples = []
    for claim in candidate.claims:
        text = normalize_space(claim.sentence)
        if text in seen:
            continue
        seen.add(text)
        examples.append(_example(claim, text, published.get(claim.source)))
    rule["examples"] = {"match": examples, "no_match": []}
    return rule


def _example(claim: Claim, text: str, published: dt.date | None) -> dict[str, Any]:
    example: dict[str, Any] = {"text": text}
    if claim.kind in (ClaimKind.DATE, ClaimKind.TIME):
        example["value"] = claim.label
    else:
        example["value"] = claim.stated_low
        if claim.qualifier is Qualifier.RANGE:
            example["high"] = claim.stated_high
    if claim.qualifier is not Qualifier.EXACT and claim.kind not in (ClaimKind.DATE, ClaimKind.TIME):
        example["qualifier"] = claim.qualifier.value
    if published is not None:
        example["published"] = published
    return example


def _keep_reproduced(drafts: list[dict[str, Any]], rules: RuleSet) -> tuple[list[dict[str, Any]], list[str]]:
    """The drafts with only the examples they reproduce, among the rules in force; drafts with none dropped."""
    dropped: list[str] = []
    for _ in range(_ROUNDS):
        ruleset = _with(rules, drafts)
        failed = {(r.rule_id, r.text) for r in run_examples(ruleset) if not r.passed}
        changed = False
        kept = []
        for draft in drafts:
            matches = draft["examples"]["match"]
            passing = [e for e in matches if (draft["id"], e["text"]) not in failed]
            if len(passing) != len(matches):
                changed = True
            if not passing:
                dropped.append(draft["id"])
                continue
            draft["examples"]["match"] = passing
            kept.append(draft)
        drafts = kept
        if not changed:
            break
    return drafts, dropped


def _tighten(drafts: list[dict[str, Any]], rules: RuleSet) -> None:
    """Each rule's window cut to what its examples need (their farthest cue, and two words): a discovered fact's
    key terms are common words, and a wide window would take look-alike claims too."""
    ruleset = _with(rules, drafts)
    for draft in drafts:
        farthest = 0.0
        for example in draft["examples"]["match"]:
            analyzed = analyze_text(example["text"], ruleset, example.get("published"))
            found = [m.distance for m in analyzed.matches if m.fact_id == draft["id"]]
            farthest = max([farthest, *found])
        draft["window"] = min(12, int(farthest) + 2)


def _with(rules: RuleSet, drafts: Sequence[dict[str, Any]]) -> RuleSet:
    """The rules in force and the drafts, as one rule set (the drafts validated as a rule file is)."""
    parsed = RuleFile.model_validate({"rules": list(drafts)})
    facts = [compile_fact(rule) for rule in parsed.rules if isinstance(rule, FactRule)]
    return RuleSet(
        facts=sorted([*rules.facts, *facts], key=lambda f: f.rule.id),
        boilerplate=list(rules.boilerplate),
        boilerplate_rules=list(rules.boilerplate_rules),
        files=[*rules.files, parsed],
        digest=rules.digest,
        people=list(rules.people),
        organizations=list(rules.organizations),
        settings=rules.settings,
    )


class _Dumper(yaml.SafeDumper):
    """Plain YAML: a value repeated (one article's date in two examples) is written again, not as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml(drafts: Sequence[dict[str, Any]], corpus_dir: Path) -> str:
    header = (
        f"# Rules suggested by `factcheck rules suggest {corpus_dir.as_posix()}` for facts no rule declared.\n"
        "# Each groups claims several outlets made about one thing; rename the ids and titles, tighten the cues\n"
        "# (add `exclude:` for look-alike facts) and check with `factcheck rules test` before relying on them.\n"
    )
    body = yaml.dump({"rules": list(drafts)}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body
