"""Claims at odds with themselves: placed on a built-in fact of their kind, each one a finding."""

from __future__ import annotations

from pathlib import Path

from factcheck.match import match_claims
from factcheck.models import Claim, ClaimKind, Severity, Status, Verdict
from factcheck.pipeline import findings
from factcheck.rules.loader import load_rules
from factcheck.selfcheck import fact_id, fact_info, is_self_fact, self_matches

RULES = load_rules(Path(__file__).parent.parent / "rules")


def dated(source: str, note: str | None, start: int = 0) -> Claim:
    text = "Friday, Jan. 12, 2022"
    return Claim(
        source=source,
        kind=ClaimKind.DATE,
        text=text,
        start=start,
        end=start + len(text),
        line=1,
        sentence=f"The vote was on {text}.",
        sentence_start=start,
        qualifier="exact",
        stated_low=738167.0,
        stated_high=738167.0,
        unit="date",
        label="2022-01-12",
        resolution="day",
        note=note,
    )


def test_only_noted_claims_are_placed_on_the_built_in_fact() -> None:
    noted = dated("a", "says Friday, but 2022-01-12 is a Wednesday")
    matches = self_matches([noted, dated("b", None)])
    assert [(m.fact_id, m.claim.source) for m in matches] == [("factcheck.self-contradiction.date", "a")]
    assert is_self_fact(matches[0].fact_id)
    assert not is_self_fact("geneva.meeting-day")


def test_matching_adds_the_built_in_fact_beside_the_rules() -> None:
    matches = match_claims([dated("a", "says Friday, but 2022-01-12 is a Wednesday")], RULES)
    assert fact_id(ClaimKind.DATE) in {m.fact_id for m in matches}


def test_each_noted_claim_is_an_outlier_at_warning_severity() -> None:
    claims = [dated("b", "a note", start=10), dated("a", "a note")]
    (finding,) = findings(self_matches(claims), RULES)
    assert finding.fact == fact_info("factcheck.self-contradiction.date")
    assert finding.status is Status.CONFLICT
    assert finding.severity is Severity.WARNING
    assert [j.claim.source for j in finding.claims] == ["a", "b"]
    assert all(j.verdict is Verdict.OUTLIER for j in finding.claims)
    assert finding.outliers == ("a", "b") and finding.majority == ()


def test_the_built_in_facts_ids_are_valid_rule_ids() -> None:
    import re

    from factcheck.rules.schema import RULE_ID

    for kind in ClaimKind:
        assert re.fullmatch(RULE_ID, fact_id(kind))


def test_a_wrong_weekday_is_a_finding_of_report_and_check(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    story = tmp_path / "story"
    story.mkdir()
    header = "---\noutlet: {outlet}\npublished: 2022-01-13\n---\n"
    (story / "a.md").write_text(header.format(outlet="A") + "The council voted on Friday, Jan. 12, 2022, to go on.\n")
    (story / "b.md").write_text(header.format(outlet="B") + "The council met in Vienna on Wednesday.\n")
    env = {**os.environ}
    command = [sys.executable, "-m", "factcheck"]
    report = subprocess.run(
        [*command, "report", str(story), "--format", "json", "--decisions", str(tmp_path / "d.sqlite")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    facts = {f["id"]: f for f in json.loads(report.stdout)["facts"]}
    finding = facts["factcheck.self-contradiction.date"]
    assert finding["status"] == "conflict" and finding["severity"] == "warning"
    (claim,) = finding["claims"]
    assert claim["text"] == "Friday, Jan. 12, 2022" and "Wednesday" in claim["note"]
    assert claim["fingerprint"] is not None
    checked = subprocess.run(
        [*command, "check", str(story / "a.md"), "--format", "json", "--fail-on", "warning"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert checked.returncode == 1
    findings = json.loads(checked.stdout)["check"]["findings"]
    assert any(f["fact"] == "factcheck.self-contradiction.date" and "Wednesday" in f["message"] for f in findings)
