"""Discovery through the report, and from discovery to rules with `factcheck rules suggest`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.crossref import UNPLACED
from factcheck.discover import conflicts, discover
from factcheck.models import ClaimKind, Report, Status
from factcheck.pipeline import analyze, read_corpus, run_report
from factcheck.rules.loader import RuleSet, load_rules

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "geneva-2022"
STORIES = sorted(p for p in (REPO / "tests" / "data" / "stories").iterdir() if (p / "answers.yaml").exists())
SCRIPT = str(Path(sys.executable).parent / "factcheck")


@pytest.fixture(scope="module")
def empty_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("no-rules")


def discovered(report: Report) -> list:  # type: ignore[type-arg]
    return [f for f in report.findings if f.fact.discovered]


def test_with_no_rules_the_meeting_length_conflict_is_found(empty_rules: Path) -> None:
    report = run_report(CORPUS, load_rules(empty_rules))
    meeting = [
        f
        for f in discovered(report)
        if f.fact.kind is ClaimKind.DURATION and any(j.claim.text == "seven-hour" for j in f.claims)
    ]
    assert len(meeting) == 1 and meeting[0].status is Status.CONFLICT
    assert meeting[0].fact.id.startswith("auto.duration.")
    words = {j.claim.text for j in meeting[0].claims}
    assert "seven-hour" in words and "nearly eight-hour" in words


def test_with_no_rules_the_offensive_estimate_stays_apart_from_the_troops_at_the_border(empty_rules: Path) -> None:
    report = run_report(CORPUS, load_rules(empty_rules))
    for finding in discovered(report):
        values = {j.claim.stated_low for j in finding.claims}
        assert not (175_000.0 in values and 100_000.0 in values), finding.fact.id


def test_claims_a_rule_placed_are_not_grouped_again() -> None:
    report = run_report(CORPUS, load_rules(REPO / "rules"))
    ruled = {(j.claim.source, j.claim.start) for f in report.findings if not f.fact.discovered for j in f.claims}
    for finding in discovered(report):
        assert not {(j.claim.source, j.claim.start) for j in finding.claims} & ruled


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_the_report_shows_what_discovery_finds(story: Path, empty_rules: Path) -> None:
    rules = load_rules(empty_rules)
    report = run_report(story, rules)
    articles, _ = read_corpus(story)
    unplaced = [m.claim for a in articles for m in analyze(a, rules).matches if m.fact_id == UNPLACED]
    expected = {c.id: conflicts(c) for c in discover(unplaced)}
    shown = {f.fact.id: f.status is Status.CONFLICT for f in discovered(report)}
    assert shown == expected and any(shown.values())
    assert all(f.severity.value == "warning" for f in discovered(report))


def test_discovery_can_be_turned_off(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text(
        "rules:\n  - id: t.settings\n    kind: settings\n    title: No discovery\n    discovery: {enabled: false}\n",
        encoding="utf-8",
    )
    assert discovered(run_report(STORIES[0], load_rules(tmp_path))) == []


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=REPO)


def test_json_marks_discovered_facts(empty_rules: Path) -> None:
    done = run("report", STORIES[0], "--rules", empty_rules, "--format", "json")
    facts = json.loads(done.stdout)["facts"]
    assert any(f["discovered"] and f["id"].startswith("auto.") for f in facts)
    assert all(not f["discovered"] for f in facts if not f["id"].startswith("auto."))


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_suggested_rules_pass_their_own_examples_and_find_the_same_conflicts(
    story: Path, empty_rules: Path, tmp_path: Path
) -> None:
    out = tmp_path / "suggested.yaml"
    done = run("rules", "suggest", story, "--rules", empty_rules, "--output", out)
    assert done.returncode == 0, done.stderr
    assert "rules with" in done.stderr
    tested = run("rules", "test", "--rules", out)
    assert tested.returncode == 0, tested.stdout
    suggested = load_rules(out)
    assert suggested.facts and all(f.rule.id.startswith("auto.") for f in suggested.facts)
    before = {f.fact.id for f in discovered(run_report(story, RuleSet())) if f.status is Status.CONFLICT}
    after = run_report(story, suggested)
    ruled = {
        f.fact.id
        for f in after.findings
        if f.fact.id.startswith("auto.") and not f.fact.discovered and f.status is Status.CONFLICT
    }
    assert ruled and ruled <= before


def test_suggest_writes_to_stdout_and_names_a_missing_folder(empty_rules: Path) -> None:
    done = run("rules", "suggest", STORIES[0], "--rules", empty_rules)
    assert done.returncode == 0 and done.stdout.startswith("# Rules suggested by")
    missing = run("rules", "suggest", REPO / "no-such-story", "--rules", empty_rules)
    assert missing.returncode == 2 and "no-such-story" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_quote_and_name_conflicts_with_no_rules_are_ones_an_editor_marked(story: Path, empty_rules: Path) -> None:
    """Quotes, people and organizations take part with no rules; every conflict they raise is one of the answers."""
    import yaml

    answers = yaml.safe_load((story / "answers.yaml").read_text(encoding="utf-8"))
    marked = [a for a in answers["conflicts"] if a["kind"] in ("quote", "person", "organization")]
    report = run_report(story, load_rules(empty_rules))
    kinds = (ClaimKind.QUOTE, ClaimKind.PERSON, ClaimKind.ORGANIZATION)
    for finding in report.findings:
        if finding.fact.kind in kinds and finding.status is Status.CONFLICT:
            assert any(
                a["kind"] == finding.fact.kind.value and set(finding.outliers) <= set(a["wrong"]) for a in marked
            ), finding.fact.id
