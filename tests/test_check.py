"""`factcheck check`: new and edited articles against the rest of their story, in process and through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_cli import REPO, run

from factcheck.cache import ClaimCache
from factcheck.check import run_check
from factcheck.decisions import Decisions, fingerprint, load_decisions
from factcheck.models import CheckReport, FindingKind, Severity
from factcheck.rules.loader import RuleSet, load_rules

CORPUS = REPO / "corpus" / "geneva-2022"
RULES = load_rules(REPO / "rules")

AGREEING = """\
---
outlet: Daily Agreement
title: "Talks end without a breakthrough"
published: 2022-01-11
---
Talks end without a breakthrough

U.S. and Russian diplomats met for nearly eight hours in Geneva on Monday.

Russia has massed more than 100,000 troops near Ukraine's border.

The NATO-Russia Council meets in Brussels on Wednesday.
"""

# One finding per paragraph; each line number is where its claim stands.
CONTRADICTING = {
    "a five-hour meeting": (
        8,
        "geneva.meeting-duration",
        "The two delegations held a five-hour meeting at the U.S. mission in Geneva on Monday.",
    ),
    "175,000 troops": (10, "geneva.troops-at-border", "Russia has 175,000 troops massed along the border."),
    "Brussels on Tuesday": (
        12,
        "geneva.nato-russia-council-date",
        "Talks move to the NATO-Russia Council in Brussels on Tuesday.",
    ),
}

BLINKEN_QUOTE = "quote.antony-blinken.there-will-be-massive-consequences-for"


def article(body: str, outlet: str = "Daily Test", published: str = "2022-01-11") -> str:
    return f'---\noutlet: {outlet}\ntitle: "Geneva talks"\npublished: {published}\n---\nGeneva talks\n\n{body}'


def contradicting(*keys: str) -> str:
    """An article stating the chosen contradictions (all, in order, on lines 8, 10 and 12 when none is chosen)."""
    return article("\n\n".join(CONTRADICTING[key][2] for key in keys or tuple(CONTRADICTING)) + "\n")


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(CORPUS, folder)
    return folder


def check(paths: list[Path], corpus: Path | None, **kwargs: object) -> CheckReport:
    with ClaimCache(None) as cache:
        return run_check(paths, corpus, RULES, cache, **kwargs)  # type: ignore[arg-type]


# --- what counts as a finding ----------------------------------------------------------------------------------


def test_the_contradicting_article_puts_each_claim_on_its_own_line(tmp_path: Path, story: Path) -> None:
    new = tmp_path / "new.md"
    new.write_text(contradicting(), encoding="utf-8")
    text = new.read_text(encoding="utf-8").splitlines()
    result = check([new], story)
    found = {f.fact.id: f for f in result.findings}
    assert set(found) == {fact for _line, fact, _text in CONTRADICTING.values()}
    for key, (line, fact, _text) in CONTRADICTING.items():
        finding = found[fact]
        assert finding.kind is FindingKind.CONFLICT and finding.severity is Severity.ERROR
        assert finding.location.line == line and finding.location.path == str(new)
        words = text[line - 1][finding.location.column - 1 : finding.location.end_column - 1]
        assert words.split()[-1] in key.split()
    assert result.failing() == result.findings


def test_findings_quote_what_the_corpus_says_and_who_says_it(tmp_path: Path, story: Path) -> None:
    new = tmp_path / "new.md"
    new.write_text(contradicting("a five-hour meeting"), encoding="utf-8")
    (finding,) = check([new], story).findings
    assert '"five-hour" = 5 h' in finding.message
    assert "almost 8 h (Foreign Policy, USA TODAY)" in finding.message
    assert {c.outlet for c in finding.disagrees} == {"Foreign Policy", "USA TODAY", "The Washington Post"}
    assert all(c.location.path.startswith(str(story)) for c in finding.disagrees)
    assert finding.disagree_sources == 3 and finding.corpus_sources == 3  # the other two say nothing of it


def test_an_agreeing_article_has_no_conflict(tmp_path: Path, story: Path) -> None:
    new = tmp_path / "agree.md"
    new.write_text(AGREEING, encoding="utf-8")
    result = check([new], story)
    assert [f for f in result.findings if f.kind is FindingKind.CONFLICT] == []
    assert {c.fact.id for c in result.checks} >= {"geneva.meeting-duration", "geneva.troops-at-border"}
    assert result.failing() == ()


def test_siding_with_the_majority_of_a_fact_in_conflict_is_not_a_finding(tmp_path: Path, story: Path) -> None:
    # The meeting's length is in conflict in the corpus (seven hours against nearly eight); "eight hours" sides
    # with the majority.
    new = tmp_path / "new.md"
    new.write_text(article("The talks lasted eight hours in Geneva on Monday.\n"), encoding="utf-8")
    result = check([new], story)
    assert [f.fact.id for f in result.findings] == []


def test_the_first_to_state_a_fact_is_an_info_finding(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.md").write_text(article("Russia has massed more than 100,000 troops near the border.\n"), "utf-8")
    new = folder / "b.md"
    new.write_text(article("The delegations met for seven hours in Geneva.\n", outlet="B"), encoding="utf-8")
    result = check([new], None)
    (finding,) = result.findings
    assert finding.kind is FindingKind.FIRST and finding.severity is Severity.INFO
    assert finding.fact.id == "geneva.meeting-duration"
    assert result.failing() == ()
    assert check([new], None, fail_on=Severity.INFO).failing() == result.findings


def test_an_article_already_in_the_corpus_is_compared_with_the_others(story: Path) -> None:
    result = check([story / "the-week.md"], story)
    assert result.corpus_articles == 4
    facts = {f.fact.id for f in result.findings if f.kind is FindingKind.CONFLICT}
    # The Week's numbers, and its wording of Blinken's "massive consequences" quote.
    assert facts == {"geneva.talks-date", "geneva.troops-at-border", BLINKEN_QUOTE}
    # Editing the numbers to agree clears them; the quote is still worded differently.
    edited = (story / "the-week.md").read_text(encoding="utf-8")
    edited = edited.replace("begin Sunday", "begin Monday").replace("Almost 100,000", "More than 100,000")
    (story / "the-week.md").write_text(edited, encoding="utf-8")
    left = [f for f in check([story / "the-week.md"], story).findings if f.kind is FindingKind.CONFLICT]
    assert {f.fact.id for f in left} == {BLINKEN_QUOTE}


def test_an_article_contradicting_only_itself(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    new = folder / "a.md"
    new.write_text(article("The meeting lasted seven hours.\n\nThe meeting lasted three hours.\n"), "utf-8")
    result = check([new], None)
    assert {f.kind for f in result.findings} == {FindingKind.CONFLICT}
    assert len(result.findings) == 2
    assert "but also" in result.findings[0].message


def test_two_new_articles_are_compared_with_each_other_too(tmp_path: Path, story: Path) -> None:
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text(contradicting("a five-hour meeting"), encoding="utf-8")
    two.write_text(contradicting("a five-hour meeting").replace("Daily Test", "Other Daily"), encoding="utf-8")
    result = check([one, two], story)
    assert [(f.source, f.fact.id) for f in result.findings] == [
        ("one", "geneva.meeting-duration"),
        ("two", "geneva.meeting-duration"),
    ]


def test_a_bad_article_is_reported_and_the_others_still_checked(tmp_path: Path, story: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x00\x01binary")
    new = tmp_path / "new.md"
    new.write_text(contradicting("175,000 troops"), encoding="utf-8")
    result = check([bad, new], story)
    assert [e.path for e in result.errors] == [str(bad)]
    assert [f.fact.id for f in result.findings] == ["geneva.troops-at-border"]


def test_check_output_does_not_depend_on_the_order_of_the_articles(tmp_path: Path, story: Path) -> None:
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text(contradicting("a five-hour meeting"), encoding="utf-8")
    two.write_text(AGREEING, encoding="utf-8")
    assert check([one, two], story, full=True) == check([two, one], story, full=True)


# --- the baseline ----------------------------------------------------------------------------------------------


def test_baseline_silences_exactly_what_it_lists(tmp_path: Path, story: Path) -> None:
    out = tmp_path / "baseline.yaml"
    assert run("baseline", "create", story, "--output", out).code == 0
    baseline = load_decisions(out)
    week = story / "the-week.md"
    result = check([week], story, decisions=baseline)
    assert result.findings == () and {f.fact.id for f in result.baselined} == {
        "geneva.talks-date",
        "geneva.troops-at-border",
        BLINKEN_QUOTE,
    }
    # Take the talks-date entry out: that finding fails again, the other stays silenced.
    talks = next(f for f in result.baselined if f.fact.id == "geneva.talks-date")
    kept = [d for d in baseline.by_fingerprint.values() if d.fingerprint != talks.fingerprint]
    again = check([week], story, decisions=Decisions(kept))
    assert [f.fact.id for f in again.findings] == ["geneva.talks-date"]
    assert [f.fact.id for f in again.baselined] == ["geneva.troops-at-border", BLINKEN_QUOTE, BLINKEN_QUOTE]


def test_baseline_survives_edits_elsewhere_but_not_a_changed_value(tmp_path: Path, story: Path) -> None:
    out = tmp_path / "baseline.yaml"
    run("baseline", "create", story, "--output", out)
    baseline = load_decisions(out)
    week = story / "the-week.md"
    text = week.read_text(encoding="utf-8")
    head, body = text.split("---\n", 2)[1:]
    week.write_text(f"---\n{head}---\nA new first paragraph.\n\nAnother one.\n\n{body}", encoding="utf-8")
    assert check([week], story, decisions=baseline).findings == ()
    week.write_text(text.replace("Almost 100,000", "Nearly 90,000"), encoding="utf-8")
    assert [f.fact.id for f in check([week], story, decisions=baseline).findings] == ["geneva.troops-at-border"]


def test_a_new_contradiction_is_not_silenced_by_the_baseline(tmp_path: Path, story: Path) -> None:
    out = tmp_path / "baseline.yaml"
    run("baseline", "create", story, "--output", out)
    new = tmp_path / "new.md"
    new.write_text(contradicting(), encoding="utf-8")
    assert len(check([new], story, decisions=load_decisions(out)).findings) == 3


def test_fingerprints_ignore_spacing_but_not_values() -> None:
    a = fingerprint(FindingKind.CONFLICT, "f", "s", "almost 8 h")
    assert a == fingerprint(FindingKind.CONFLICT, "f", "s", "almost  8\nh")
    assert a != fingerprint(FindingKind.CONFLICT, "f", "s", "almost 7 h")
    assert a != fingerprint(FindingKind.FIRST, "f", "s", "almost 8 h")
    assert a != fingerprint(FindingKind.CONFLICT, "f", "t", "almost 8 h")


# --- through the command line ----------------------------------------------------------------------------------


def test_cli_agreeing_article_exits_0(tmp_path: Path, story: Path) -> None:
    new = tmp_path / "agree.md"
    new.write_text(AGREEING, encoding="utf-8")
    result = run("check", new, "--against", story)
    assert result.code == 0, result.stdout + result.stderr
    assert "The check passes" in result.stdout


@pytest.mark.parametrize("key", sorted(CONTRADICTING))
def test_cli_each_contradiction_exits_1_on_its_line(tmp_path: Path, story: Path, key: str) -> None:
    _line, fact, text = CONTRADICTING[key]
    new = tmp_path / "new.md"
    new.write_text(article(text + "\n"), encoding="utf-8")
    result = run("check", new, "--against", story, "--format", "json")
    assert result.code == 1, result.stderr
    findings = json.loads(result.stdout)["check"]["findings"]
    assert [(f["fact"], f["line"], f["severity"]) for f in findings] == [(fact, 8, "error")]
    github = run("check", new, "--against", story, "--format", "github")
    assert github.code == 1
    assert f"::error file={new},line=8," in github.stdout


def test_cli_fail_on_never_exits_0_with_findings(tmp_path: Path, story: Path) -> None:
    new = tmp_path / "new.md"
    new.write_text(contradicting(), encoding="utf-8")
    result = run("check", new, "--against", story, "--fail-on", "never")
    assert result.code == 0 and "3 errors" in result.stdout


def test_cli_baseline_create_then_check_passes(tmp_path: Path, story: Path) -> None:
    out = tmp_path / "reports" / "baseline.yaml"
    created = run("baseline", "create", story, "--output", out)
    assert created.code == 0 and out.is_file()
    assert "findings recorded" in created.stderr
    assert run("check", story / "the-week.md", "--against", story).code == 1
    assert run("check", story / "the-week.md", "--against", story, "--baseline", out).code == 0
    # Byte-identical when written again.
    first = out.read_bytes()
    run("baseline", "create", story, "--output", out)
    assert out.read_bytes() == first


def test_cli_json_output_is_byte_identical_run_to_run(tmp_path: Path, story: Path) -> None:
    new = tmp_path / "new.md"
    new.write_text(contradicting(), encoding="utf-8")
    first = run("check", new, "--against", story, "--format", "json")
    second = run("check", new, "--against", story, "--format", "json", "--no-cache")
    assert first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert document["schema"] == "factcheck.report/2"
    assert {f["id"] for f in document["facts"]} >= {"geneva.meeting-duration", "geneva.troops-at-border"}


def test_cli_bad_article_exits_2_and_still_reports_the_others(tmp_path: Path, story: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("", encoding="utf-8")
    new = tmp_path / "new.md"
    new.write_text(contradicting("175,000 troops"), encoding="utf-8")
    result = run("check", bad, new, "--against", story, "--format", "json")
    assert result.code == 2
    assert result.stderr.strip() == f"factcheck: {bad}:1: empty file: an article needs text"
    assert [f["fact"] for f in json.loads(result.stdout)["check"]["findings"]] == ["geneva.troops-at-border"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("schema: factcheck.decisions/1\ndecisions: [\n", 3, "invalid YAML"),
        ("schema: factcheck.decisions/1\ndecisions:\n  - fingerprint: abc\n", 3, "decisions[0].fingerprint"),
        ("schema: factcheck.decisions/1\nextra: 1\n", 2, "extra: unknown field"),
        ("- 1\n", 1, "a decision file is a mapping"),
    ],
)
def test_cli_bad_baseline_is_one_located_error(tmp_path: Path, story: Path, text: str, line: int, message: str) -> None:
    bad = tmp_path / "baseline.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run("check", story / "the-week.md", "--against", story, "--baseline", bad)
    assert result.code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"factcheck: {bad}:{line}") and message in first
    assert "Traceback" not in result.stderr


def test_cli_duplicate_fingerprint_in_baseline(tmp_path: Path, story: Path) -> None:
    out = tmp_path / "baseline.yaml"
    run("baseline", "create", story, "--output", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    start = next(i for i, s in enumerate(lines) if s.startswith("- fingerprint"))
    entry = [lines[start], *[s for s in lines[start + 1 :] if s.startswith("  ")][:4]]
    out.write_text("\n".join(lines + entry) + "\n", encoding="utf-8")
    result = run("check", story / "the-week.md", "--against", story, "--baseline", out)
    assert result.code == 2 and "duplicate of the entry on line" in result.stderr


def test_cli_refuses_a_cache_inside_the_corpus(story: Path) -> None:
    result = run("check", story / "the-week.md", "--cache-dir", story / ".cache")
    assert result.code == 2
    assert "must not be inside the corpus" in result.stderr and "Traceback" not in result.stderr
    assert not (story / ".cache").exists()


def test_cli_no_cache_writes_no_cache(tmp_path: Path, story: Path) -> None:
    cache = tmp_path / "cache"
    assert run("check", story / "the-week.md", "--cache-dir", cache, "--no-cache").code == 1
    assert not cache.exists()


def test_cli_summary_does_not_call_a_run_with_unreadable_files_a_pass(tmp_path: Path, story: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("no front matter\n", encoding="utf-8")
    result = run("check", bad, "--against", story)
    assert result.code == 2
    assert "The check fails: 1 file could not be read." in " ".join(result.stdout.split())
    assert "passes" not in result.stdout


def test_cli_a_missing_article_is_one_error_and_its_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "unrelated.md").write_text("not an article of any story\n", encoding="utf-8")
    missing = tmp_path / "missing.md"
    result = run("check", missing)
    assert result.code == 2
    assert result.stderr.splitlines() == [f"factcheck: {missing}:1: cannot read: No such file or directory"]


def test_cli_a_cache_folder_that_is_a_file_is_one_error(tmp_path: Path, story: Path) -> None:
    file = tmp_path / "cache"
    file.write_text("", encoding="utf-8")
    result = run("check", story / "the-week.md", "--cache-dir", file)
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"factcheck: {file}: not a folder: --cache-dir names the folder the claim cache is kept in"
    ]


# --- facts nobody wrote a rule for ---------------------------------------------------------------------------------

FIRE = REPO / "tests" / "data" / "stories" / "halden-warehouse-fire"


def test_a_check_finds_an_article_at_odds_with_the_story_on_a_fact_no_rule_declares(tmp_path: Path) -> None:
    """The fire's length, which no rule declares, is discovered across the story: an article saying four hours
    where the others say six is a conflict on it, one of the six-hour articles is not."""
    story = tmp_path / "fire"
    shutil.copytree(FIRE, story)
    with ClaimCache(tmp_path / "cache") as cache:
        outlier = run_check([story / "morning-courier.md"], None, RuleSet(), cache)
        majority = run_check([story / "national-press-wire.md"], None, RuleSet(), cache)
    [length] = [c for c in outlier.checks if c.fact.id.startswith("auto.duration.") and c.findings]
    [finding] = length.findings
    assert finding.kind is FindingKind.CONFLICT and "four-hour" in finding.message
    assert finding.text == "four-hour" and {c.value for c in finding.disagrees} == {"6 h"}
    assert not [c for c in majority.checks if c.fact.id == length.fact.id and c.findings]


def test_a_check_judges_only_the_grouped_facts_of_its_articles_and_finds_what_judging_all_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking an article groups every mention and figure of the story but reads and judges only the quote,
    person, organization and discovered facts with a claim of the article: the same outcome, and the same report
    of its facts, as judging them all."""
    import factcheck.check as check_module
    from factcheck.report_stream import discovered_in_store, grouped_in_store

    story = tmp_path / "fire"
    shutil.copytree(FIRE, story)

    def counted(judge: Any, judged: list[str], every: bool = False) -> Any:
        """``judge`` noting the facts it judges; with ``every``, left without ``about`` (every fact judged)."""

        def run(*args: object) -> object:
            for finding in judge(*(args[:3] if every else args)):
                judged.append(finding.fact.id)
                yield finding

        return run

    discovered = grouped = 0
    with ClaimCache(tmp_path / "cache") as cache:
        for path in sorted(story.glob("*.md")):
            judged: dict[str, list[str]] = {"restricted": [], "whole": []}
            with monkeypatch.context() as patch:
                patch.setattr(check_module, "discovered_in_store", counted(discovered_in_store, judged["restricted"]))
                patch.setattr(check_module, "grouped_in_store", counted(grouped_in_store, judged["restricted"]))
                restricted = run_check([path], None, RuleSet(), cache, full=True)
            with monkeypatch.context() as patch:
                patch.setattr(check_module, "discovered_in_store", counted(discovered_in_store, judged["whole"], True))
                patch.setattr(check_module, "grouped_in_store", counted(grouped_in_store, judged["whole"], True))
                whole = run_check([path], None, RuleSet(), cache, full=True)
            assert restricted == whole
            for prefixes in (("auto.",), ("person.", "quote.", "organization.")):
                fewer = [f for f in judged["restricted"] if f.startswith(prefixes)]
                every = [f for f in judged["whole"] if f.startswith(prefixes)]
                assert set(fewer) < set(every)  # the facts of other articles were left alone
            discovered += len([c for c in restricted.checks if c.fact.id.startswith("auto.")])
            grouped += len([c for c in restricted.checks if c.fact.id.startswith(("person.", "quote.", "org"))])
    assert discovered >= 10 and grouped >= 5
