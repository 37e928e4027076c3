"""What the report must show on the bundled Geneva corpus (the acceptance cases), through the pipeline."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.models import Finding, Report, Status, Verdict
from factcheck.pipeline import analyze_text, fails, run_report
from factcheck.rules.loader import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(ROOT / "rules")


@pytest.fixture(scope="module")
def report(rules: RuleSet) -> Iterator[Report]:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        yield run_report(Path("corpus/geneva-2022"), rules)
    finally:
        os.chdir(previous)


def fact(report: Report, fact_id: str) -> Finding:
    for finding in report.findings:
        if finding.fact.id == fact_id:
            return finding
    raise AssertionError(f"no finding for {fact_id}; facts: {[f.fact.id for f in report.findings]}")


def verdicts(finding: Finding) -> dict[str, set[tuple[str, str]]]:
    result: dict[str, set[tuple[str, str]]] = {}
    for judged in finding.claims:
        result.setdefault(judged.claim.source, set()).add((judged.claim.text, judged.verdict.value))
    return result


def test_meeting_length_conflict(report: Report) -> None:
    finding = fact(report, "geneva.meeting-duration")
    assert finding.status is Status.CONFLICT
    assert finding.outliers == ("washington-post",)
    assert finding.majority == ("foreign-policy", "usa-today")
    by_source = verdicts(finding)
    assert by_source["washington-post"] == {("seven-hour", "outlier")}
    assert ("nearly eight-hour", "majority") in by_source["usa-today"]
    assert ("eight hours", "majority") in by_source["usa-today"]  # the headline
    assert by_source["foreign-policy"] == {("nearly eight-hour", "majority")}


def test_troops_at_the_border_conflict(report: Report) -> None:
    finding = fact(report, "geneva.troops-at-border")
    assert finding.status is Status.CONFLICT
    assert finding.outliers == ("the-week",)
    assert finding.majority == ("foreign-policy", "usa-today", "washington-post")
    week = [j for j in finding.claims if j.claim.source == "the-week"]
    assert [j.claim.qualifier.value for j in week] == ["almost"]
    assert all(j.claim.stated_low == 100000 for j in finding.claims)


def test_offensive_estimate_is_its_own_fact(report: Report) -> None:
    finding = fact(report, "geneva.offensive-estimate")
    assert finding.status is Status.SINGLE
    assert finding.sources == ("washington-post",)
    assert {j.claim.stated_low for j in finding.claims} == {175000}
    border = fact(report, "geneva.troops-at-border")
    assert all(j.claim.stated_low != 175000 for j in border.claims)


def test_talks_start_conflict(report: Report) -> None:
    finding = fact(report, "geneva.talks-date")
    assert finding.status is Status.CONFLICT
    assert finding.outliers == ("the-week",)
    assert {j.claim.label for j in finding.claims if j.claim.source == "the-week"} == {"2022-01-09"}
    assert {j.claim.label for j in finding.claims if j.claim.source != "the-week"} == {"2022-01-10"}


@pytest.mark.parametrize(
    ("date_fact", "city_fact", "day", "city", "sources"),
    [
        (
            "geneva.nato-russia-council-date",
            "geneva.nato-russia-council-city",
            "2022-01-12",
            "Brussels",
            {"foreign-policy", "security-management", "usa-today", "washington-post"},
        ),
        (
            "geneva.osce-date",
            "geneva.osce-city",
            "2022-01-13",
            "Vienna",
            {"security-management", "usa-today", "washington-post"},
        ),
    ],
)
def test_follow_up_meetings_agree(
    report: Report, date_fact: str, city_fact: str, day: str, city: str, sources: set[str]
) -> None:
    dates = fact(report, date_fact)
    assert dates.status is Status.AGREE
    assert {j.claim.label for j in dates.claims} == {day}
    assert set(dates.sources) == sources
    cities = fact(report, city_fact)
    assert cities.status is Status.AGREE
    assert {j.claim.label for j in cities.claims} == {city}


def test_draft_treaties_agree(report: Report) -> None:
    finding = fact(report, "geneva.draft-treaties-date")
    assert finding.status is Status.AGREE
    assert {(j.claim.source, j.claim.text) for j in finding.claims} == {
        ("foreign-policy", "December 2021"),
        ("washington-post", "last month"),
        ("the-week", "last month"),
    }
    assert {j.claim.label for j in finding.claims} == {"2021-12"}


def test_single_source_facts(report: Report) -> None:
    expected = {
        "geneva.us-aid-last-year": ("usa-today", 400_000_000),
        "geneva.us-aid-since-2014": ("usa-today", 2_500_000_000),
        "geneva.kazakhstan-paratroopers": ("washington-post", 2000),
        "geneva.inf-treaty-exit": ("usa-today", None),
        "geneva.nato-membership-promise": ("usa-today", None),
    }
    for fact_id, (source, value) in expected.items():
        finding = fact(report, fact_id)
        assert finding.status is Status.SINGLE, fact_id
        assert finding.sources == (source,)
        if value is not None:
            assert finding.claims[0].claim.stated_low == value
    crimea = fact(report, "geneva.crimea-annexation-year")
    assert crimea.status is Status.AGREE
    assert {j.claim.label for j in crimea.claims} == {"2014"}


def test_no_claim_from_page_furniture(report: Report) -> None:
    texts = {j.claim.sentence for f in report.findings for j in f.claims}
    assert not any("June 22, 2022" in t or "Subscribe" in t or "More:" in t for t in texts)


def test_conflict_verdicts_are_majority_and_outlier_or_disputed(report: Report) -> None:
    for finding in report.findings:
        kinds = {j.verdict for j in finding.claims}
        if finding.status is Status.CONFLICT and finding.majority:
            assert kinds <= {Verdict.MAJORITY, Verdict.OUTLIER}
        elif finding.status is Status.CONFLICT:  # no majority: every claim is disputed
            assert kinds == {Verdict.DISPUTED}
        elif finding.status is Status.AGREE:
            assert kinds == {Verdict.MAJORITY}
        else:
            assert kinds == {Verdict.SINGLE}


def test_findings_are_ordered_conflicts_first(report: Report) -> None:
    ranks = [f.status.rank for f in report.findings]
    assert ranks == sorted(ranks)


def test_fail_on_threshold(report: Report) -> None:
    from factcheck.models import Severity

    assert fails(report, Severity.ERROR)
    assert fails(report, Severity.INFO)
    assert not fails(report, None)


def test_another_outlets_wording_lands_on_the_same_facts(rules: RuleSet) -> None:
    text = (
        "Russia has stationed roughly 100,000 soldiers near its frontier with Ukraine.\n\n"
        "The delegations met for more than seven hours at the U.S. mission in Geneva on Monday.\n\n"
        "The allies will gather at the NATO-Russia Council in Brussels on Wednesday.\n"
    )
    analyzed = analyze_text(text, rules, dt.date(2022, 1, 11))
    landed = {m.fact_id: m.claim for m in analyzed.matches}
    assert landed["geneva.troops-at-border"].stated_low == 100000
    assert landed["geneva.meeting-duration"].qualifier.value == "more-than"
    assert landed["geneva.talks-date"].label == "2022-01-10"
    assert landed["geneva.nato-russia-council-date"].label == "2022-01-12"
    assert landed["geneva.nato-russia-council-city"].label == "Brussels"


def test_another_outlets_article_adds_no_false_conflict(rules: RuleSet, tmp_path: Path) -> None:
    """A wire report in other words, with background figures (U.S. and Ukrainian troops, a phone call)."""
    import shutil

    for path in (ROOT / "corpus" / "geneva-2022").glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(ROOT / "tests" / "data" / "other-outlet" / "wire-report.md", tmp_path / "wire-report.md")
    before = run_report(ROOT / "corpus" / "geneva-2022", rules)
    after = run_report(tmp_path, rules)
    statuses = {f.fact.id: f.status for f in before.findings}
    for finding in after.findings:
        wire = [j for j in finding.claims if j.claim.source == "wire-report"]
        assert all(j.verdict is not Verdict.OUTLIER for j in wire), finding.fact.id
        if finding.fact.id in statuses and statuses[finding.fact.id] is not Status.SINGLE:
            assert finding.status is statuses[finding.fact.id], finding.fact.id
    landed = {f.fact.id for f in after.findings if any(j.claim.source == "wire-report" for j in f.claims)}
    assert {
        "geneva.meeting-duration",
        "geneva.talks-date",
        "geneva.troops-at-border",
        "geneva.nato-russia-council-date",
        "geneva.osce-city",
        "geneva.us-aid-since-2014",
    } <= landed
    assert "geneva.offensive-estimate" not in landed  # "an estimated 100,000" is no estimate of an offensive
