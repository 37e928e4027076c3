"""The labelled normalization set: phrases with the claims they must give, scored per category.

Each file in tests/data/normalization/ holds cases (see docs/normalization.md for the conventions)::

    category: fractions          # default category of the file's cases
    published: 2022-01-12        # default publication date
    cases:
      - text: "The talks lasted five and a half hours."
        expect:
          - {kind: duration, text: "five and a half hours", value: 5.5, unit: hours, interval: "[5.5, 5.5]"}
      - text: "She was one of the first to speak."
        expect: []               # a negative case: no claim at all

Expected claim fields: ``kind`` (required), ``text``, ``value`` (number in the kind's canonical unit; for dates
and times the label), ``high`` (the upper stated value of a range or vague amount), ``qualifier`` (default
exact), ``unit``, ``interval`` (with the default slack: "(100000, 150000]"; for dates ISO days), ``confidence``
(default clear) and ``note`` (a word the note must contain; without it the claim must have no note). A case may
set ``published``, ``date_order`` and ``category``. A case is right when its claims (places left out unless one is
expected) pair one to one with the expected ones. The suite fails when any category is below 98% right.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factcheck.extract import claims_in_sentence
from factcheck.lines import LineIndex
from factcheck.models import Claim, ClaimKind, Sentence

DATA = Path(__file__).parent / "data" / "normalization"
THRESHOLD = 0.98
MINIMUM_CASES = 300


@dataclass(frozen=True)
class Case:
    file: str
    index: int
    category: str
    text: str
    published: dt.date | None
    date_order: str | None
    expect: tuple[dict[str, Any], ...]

    @property
    def id(self) -> str:
        return f"{self.file}#{self.index + 1}"


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(DATA.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, raw in enumerate(document["cases"]):
            unknown = set(raw) - {"text", "expect", "published", "date_order", "category"}
            assert not unknown, f"{path.name} case {i + 1}: unknown keys {sorted(unknown)}"
            cases.append(
                Case(
                    file=path.name,
                    index=i,
                    category=raw.get("category", document.get("category", path.stem)),
                    text=raw["text"],
                    published=raw.get("published", document.get("published")),
                    date_order=raw.get("date_order", document.get("date_order")),
                    expect=tuple(raw["expect"]),
                )
            )
    return cases


CASES = load_cases()


def extract(case: Case) -> list[Claim]:
    sentence = Sentence(source="t", text=case.text, start=0, end=len(case.text))
    options: dict[str, Any] = {"date_order": case.date_order} if case.date_order else {}
    return claims_in_sentence(sentence, case.published, LineIndex(case.text), **options)


def parse_interval(notation: str, kind: str) -> tuple[float | None, float | None, bool, bool]:
    m = re.fullmatch(r"\s*([\[(])\s*(.+?)\s*,\s+(.+?)\s*([\])])\s*", notation)
    assert m, f"bad interval notation {notation!r}"

    def bound(text: str) -> float | None:
        if text in ("-inf", "inf", "…", "-∞", "∞"):
            return None
        if kind == "date":
            return float(dt.date.fromisoformat(text).toordinal())
        return float(text.replace(",", "").replace("_", ""))

    return bound(m.group(2)), bound(m.group(3)), m.group(1) == "(", m.group(4) == ")"


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def mismatches(claim: Claim, expected: dict[str, Any]) -> list[str]:
    """What differs between a claim and an expected one (empty when it is the expected claim)."""
    out: list[str] = []
    kind = expected["kind"]
    if claim.kind.value != kind:
        return [f"kind {claim.kind.value} != {kind}"]
    if "text" in expected and claim.text != expected["text"]:
        out.append(f"text {claim.text!r} != {expected['text']!r}")
    if "value" in expected:
        want = expected["value"]
        if kind in ("date", "time", "place"):
            if claim.label != str(want):
                out.append(f"value {claim.label!r} != {want!r}")
        elif not close(claim.stated_low, float(want)):
            out.append(f"value {claim.stated_low} != {want}")
    if "high" in expected and not close(claim.stated_high, float(expected["high"])):
        out.append(f"high {claim.stated_high} != {expected['high']}")
    if claim.qualifier.value != expected.get("qualifier", "exact"):
        out.append(f"qualifier {claim.qualifier.value} != {expected.get('qualifier', 'exact')}")
    if "unit" in expected and claim.unit != expected["unit"]:
        out.append(f"unit {claim.unit!r} != {expected['unit']!r}")
    if "interval" in expected:
        if claim.interval is None:
            if expected["interval"] is not None:
                out.append(f"no interval, expected {expected['interval']}")
        elif expected["interval"] is None:
            out.append(f"interval {claim.interval.notation()} where none was expected")
        else:
            low, high, low_open, high_open = parse_interval(expected["interval"], kind)
            got = claim.interval
            same = close(got.low, low) and close(got.high, high)
            same = same and (got.low is None or got.low_open == low_open)
            same = same and (got.high is None or got.high_open == high_open)
            if not same:
                out.append(f"interval {got.notation()} != {expected['interval']}")
    if claim.confidence.value != expected.get("confidence", "clear"):
        out.append(f"confidence {claim.confidence.value} != {expected.get('confidence', 'clear')}")
    note = expected.get("note")
    if note is None and claim.note is not None:
        out.append(f"unexpected note {claim.note!r}")
    elif note is not None and (claim.note is None or note.lower() not in claim.note.lower()):
        out.append(f"note {claim.note!r} lacks {note!r}")
    return out


def judge_case(case: Case) -> list[str]:
    """Why the case is wrong (empty when right)."""
    claims = extract(case)
    if not any(e["kind"] == "place" for e in case.expect):
        claims = [c for c in claims if c.kind is not ClaimKind.PLACE]
    problems: list[str] = []
    remaining = list(claims)
    for expected in case.expect:
        scored = [(mismatches(c, expected), c) for c in remaining]
        exact = [c for diff, c in scored if not diff]
        if exact:
            remaining.remove(exact[0])
            continue
        same_kind = [(diff, c) for diff, c in scored if not diff[0].startswith("kind ")]
        if same_kind:
            diff, claim = min(same_kind, key=lambda item: len(item[0]))
            problems.append(f"{claim.text!r}: " + "; ".join(diff))
            remaining.remove(claim)
        else:
            problems.append(f"missing {expected}")
    problems.extend(f"unexpected {c.kind.value} claim {c.text!r}" for c in remaining)
    return problems


def score() -> tuple[dict[str, tuple[int, int]], list[str]]:
    per_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures: list[str] = []
    for case in CASES:
        problems = judge_case(case)
        tally = per_category[case.category]
        tally[1] += 1
        if problems:
            failures.append(f"[{case.category}] {case.id} {case.text!r}: " + " | ".join(problems))
        else:
            tally[0] += 1
    return {k: (v[0], v[1]) for k, v in sorted(per_category.items())}, failures


def accuracy_table(per_category: dict[str, tuple[int, int]]) -> str:
    lines = [f"{'category':<22} {'right':>5} {'cases':>5} {'accuracy':>8}"]
    total_right = total = 0
    for category, (right, count) in per_category.items():
        lines.append(f"{category:<22} {right:>5} {count:>5} {right / count:>8.1%}")
        total_right += right
        total += count
    lines.append(f"{'all':<22} {total_right:>5} {total:>5} {total_right / max(total, 1):>8.1%}")
    return "\n".join(lines)


def test_the_set_is_large_enough() -> None:
    assert len(CASES) >= MINIMUM_CASES
    negatives = [c for c in CASES if not c.expect]
    assert len(negatives) >= 30


def test_texts_are_unique() -> None:
    seen: dict[str, str] = {}
    for case in CASES:
        assert case.text not in seen, f"{case.id} repeats {seen[case.text]}"
        seen[case.text] = case.id


def test_accuracy_per_category(terminal_summary: list[tuple[str, str]]) -> None:
    per_category, failures = score()
    table = accuracy_table(per_category)
    terminal_summary.append(("normalization accuracy", table))
    below = [k for k, (right, count) in per_category.items() if right / count < THRESHOLD]
    assert not below, f"below {THRESHOLD:.0%}: {below}\n{table}\n" + "\n".join(failures)


if __name__ == "__main__":  # pragma: no cover - a quick look while writing readers: python tests/test_normalization.py
    results, wrong = score()
    print(accuracy_table(results))
    print("\n".join(wrong))
