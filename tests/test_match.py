"""Placing claims on facts: cues, windows, exclusions, competition between facts, one claim per fact per sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factcheck.crossref import is_bucket
from factcheck.pipeline import analyze_text
from factcheck.rules.loader import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[1]
GENEVA = load_rules(ROOT / "rules")


def landed(text: str, rules: RuleSet = GENEVA, published: dt.date = dt.date(2022, 1, 10)) -> dict[str, str]:
    """The claims rules placed (not the buckets of claims grouped across outlets later)."""
    return {m.fact_id: m.claim.text for m in analyze_text(text, rules, published).matches if not is_bucket(m.fact_id)}


def rules_from(tmp_path: Path, body: str) -> RuleSet:
    (tmp_path / "r.yaml").write_text(body, encoding="utf-8")
    return load_rules(tmp_path)


def test_two_facts_in_one_sentence_stay_apart() -> None:
    found = landed(
        "U.S. diplomats will discuss Ukraine at a special meeting of the NATO-Russia Council in Brussels on "
        "Wednesday and a session of the Organization for Security and Cooperation in Europe in Vienna on Thursday."
    )
    assert found["geneva.nato-russia-council-date"] == "Wednesday"
    assert found["geneva.nato-russia-council-city"] == "in Brussels"
    assert found["geneva.osce-date"] == "Thursday"
    assert found["geneva.osce-city"] == "in Vienna"


def test_a_clause_break_keeps_a_date_with_its_own_clause() -> None:
    found = landed(
        "On Wednesday, Russian authorities will meet with NATO representatives in Brussels, and on Thursday "
        "they will meet with the Organization for Security and Co-operation in Europe.",
        published=dt.date(2022, 1, 11),
    )
    assert found["geneva.nato-russia-council-date"] == "Wednesday"
    assert found["geneva.osce-date"] == "Thursday"


def test_the_nearest_fact_takes_a_contested_claim() -> None:
    found = landed(
        "Russia has amassed more than 100,000 troops near the border, and U.S. intelligence says an offensive "
        "could include as many as 175,000 troops."
    )
    assert found["geneva.troops-at-border"] == "more than 100,000 troops"
    assert found["geneva.offensive-estimate"] == "as many as 175,000 troops"


def test_window_unit_exclusion_and_require(tmp_path: Path) -> None:
    rules = rules_from(
        tmp_path,
        """rules:
  - id: t.count
    kind: quantity
    title: Count
    units: [people]
    cues: [injured]
    require: [storm]
    exclude: [last year]
    window: 5
""",
    )
    assert landed("The storm injured 12 people.", rules) == {"t.count": "12 people"}
    assert landed("The storm injured 12 cows.", rules) == {}  # unit
    assert landed("12 people were injured.", rules) == {}  # require
    assert landed("The storm injured 12 people, as many as last year.", rules) == {}  # exclusion
    far = "The storm injured, in a long and winding list of places across the region, 12 people."
    assert landed(far, rules) == {}  # window


def test_statement_days_stay_off_event_facts() -> None:
    assert "geneva.talks-date" not in landed("Blinken said Sunday that he does not expect the talks to succeed.")
