"""The CI and pull-request formats of ``factcheck check``: GitHub annotations, SARIF, JUnit XML and Markdown."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.cache import ClaimCache
from factcheck.check import run_check
from factcheck.decisions import Decision, Decisions
from factcheck.models import CheckReport, FindingKind, Severity
from factcheck.render import CHECK_FORMATS, check_markdown, github, junit, sarif
from factcheck.rules.loader import RuleSet, load_rules

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "geneva-2022"
SARIF_SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

FRONT = '---\noutlet: {outlet}\ntitle: "{title}"\npublished: 2022-01-11\n---\n{title}\n\n'
# Line 8 puts non-ASCII before the claim: a flag (two code points), curly quotes, an em dash, accents.
NEW_ARTICLE = FRONT.format(outlet="Daily Test", title="Talks end in Geneva") + (
    "U.S. and Russian diplomats — “réunis à Genève” 🇨🇭 — held a five-hour meeting in Geneva.\n"
    "\n"
    "Russia has 175,000 troops massed along the border with Ukraine, officials said.\n"
    "\n"
    "Diplomats meet again at the NATO-Russia Council in Brussels on Tuesday.\n"
)
# (fact, line, claim text) of the three findings against NEW_ARTICLE
EXPECTED = [
    ("geneva.meeting-duration", 8, "five-hour"),
    ("geneva.troops-at-border", 10, "175,000 troops"),
    ("geneva.nato-russia-council-date", 12, "Tuesday"),
]
AID_ARTICLE = FRONT.format(outlet="Aid Weekly", title="Aid") + (
    "Last year, the U.S. sent $900 million in military aid to Ukraine.\n"
)
WRAPPED_ARTICLE = FRONT.format(outlet="Wrap Daily", title="Wrapped") + (
    "Russia has 175,000\ntroops massed along the border with Ukraine, officials said.\n"
)
BROKEN_ARTICLE = "---\noutlet: Broken\npublished: not-a-date\n---\nText.\n"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rules(REPO / "rules")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a copy of the story (``story``), a one-article story (``small``) and articles to check."""
    base = tmp_path_factory.mktemp("check-formats")
    shutil.copytree(CORPUS, base / "story")
    (base / "small").mkdir()
    shutil.copy(CORPUS / "the-week.md", base / "small" / "the-week.md")
    shutil.copytree(CORPUS, base / "broken")
    (base / "broken" / "broken.md").write_text(BROKEN_ARTICLE, encoding="utf-8")
    for name, text in [("new.md", NEW_ARTICLE), ("aid.md", AID_ARTICLE), ("wrapped.md", WRAPPED_ARTICLE)]:
        (base / name).write_text(text, encoding="utf-8")
    return base


@pytest.fixture(scope="module")
def check(workdir: Path, rules: RuleSet) -> Callable[..., CheckReport]:
    """Run a check from inside ``workdir`` with relative paths, as CI does from a checkout."""

    def run(
        article: str = "new.md",
        corpus: str = "story",
        fail_on: Severity | None = Severity.ERROR,
        decisions: Decisions | None = None,
    ) -> CheckReport:
        cwd = os.getcwd()
        os.chdir(workdir)
        try:
            return run_check([Path(article)], Path(corpus), rules, ClaimCache(None), decisions, fail_on)
        finally:
            os.chdir(cwd)

    return run


@pytest.fixture(scope="module")
def result(check: Callable[..., CheckReport]) -> CheckReport:
    return check()


@pytest.fixture(scope="module")
def baselined(check: Callable[..., CheckReport], result: CheckReport) -> CheckReport:
    """The same check with the troops finding in the baseline."""
    troops = next(f for f in result.findings if f.fact.id == "geneva.troops-at-border")
    decision = Decision(
        fingerprint=troops.fingerprint,
        fact=troops.fact.id,
        source=troops.source,
        finding=troops.kind,
        value=troops.value,
    )
    return check(decisions=Decisions([decision]))


def render(renderer: Callable[[CheckReport, TextIO], None], report: CheckReport) -> str:
    out = io.StringIO()
    renderer(report, out)
    return out.getvalue()


def columns(fact: str) -> tuple[int, int, int]:
    """(line, column, end column) of a finding's claim in NEW_ARTICLE, columns in code points, end exclusive."""
    _, line, text = next(e for e in EXPECTED if e[0] == fact)
    start = NEW_ARTICLE.splitlines()[line - 1].index(text) + 1
    return line, start, start + len(text)


def test_the_new_article_has_three_error_findings_where_expected(result: CheckReport) -> None:
    assert result.errors == ()
    assert sorted(f.fact.id for f in result.findings) == sorted(e[0] for e in EXPECTED)
    for finding in result.findings:
        line, column, end = columns(finding.fact.id)
        loc = finding.location
        assert (loc.path, loc.line, loc.column, loc.end_line, loc.end_column) == ("new.md", line, column, line, end)
        assert finding.severity is Severity.ERROR
    assert len(result.failing()) == 3
    # The flag before "five-hour" is two code points (and four UTF-16 units): columns count code points.
    assert columns("geneva.meeting-duration")[1] == 60


def test_every_format_is_registered() -> None:
    for name in ("github", "sarif", "junit", "markdown"):
        assert name in CHECK_FORMATS


@pytest.mark.parametrize("name", ["github", "sarif", "junit", "markdown", "json", "rich"])
def test_rendering_is_deterministic(
    name: str, check: Callable[..., CheckReport], result: CheckReport, baselined: CheckReport
) -> None:
    renderer = CHECK_FORMATS[name]
    assert render(renderer, result) == render(renderer, result)
    assert render(renderer, check()) == render(renderer, result)  # a fresh run of the same input
    assert render(renderer, baselined) == render(renderer, baselined)
    with_errors = check(corpus="broken")
    assert render(renderer, with_errors) == render(renderer, with_errors)


# GitHub workflow commands


def test_github_puts_each_finding_on_its_line_and_columns(result: CheckReport) -> None:
    lines = render(github.render, result).splitlines()
    assert len(lines) == len(result.findings) + 1  # and the summary
    for text, finding in zip(lines, result.findings, strict=False):
        line, column, end = columns(finding.fact.id)
        expected = (
            f"::error file=new.md,line={line},col={column},endLine={line},endColumn={end},"
            f"title=factcheck {finding.fact.id} (error)::"
            f"{github.escape_data(f'{finding.message} [finding {finding.fingerprint}: unreviewed]')}"
        )
        assert text == expected
    assert lines[-1].startswith("Checked 1 article (5 facts) against 5 others: 3 errors")
    assert not lines[-1].startswith("::")


def test_github_command_per_severity(check: Callable[..., CheckReport]) -> None:
    warning = check(article="aid.md")
    [finding] = warning.findings
    assert finding.severity is Severity.WARNING
    assert render(github.render, warning).startswith("::warning file=aid.md,line=8,col=26,")
    notes = check(corpus="small")
    firsts = [f for f in notes.findings if f.kind is FindingKind.FIRST]
    assert firsts
    text = render(github.render, notes)
    for first in firsts:
        assert f"::notice file=new.md,line={first.location.line},col={first.location.column}," in text
        assert f"title=factcheck {first.fact.id} (info)::" in text


def test_github_escapes_properties_and_message(result: CheckReport) -> None:
    finding = result.findings[0]
    odd = finding.model_copy(
        update={
            "message": "100% sure: yes,\r\nreally",
            "location": finding.location.model_copy(update={"path": "dir,x/a:b%.md"}),
        }
    )
    line = github.finding_command(odd)
    assert line.startswith("::error file=dir%2Cx/a%3Ab%25.md,line=8,")
    assert line.endswith(f"::100%25 sure: yes,%0D%0Areally [finding {finding.fingerprint}: unreviewed]")
    assert "\n" not in line and "\r" not in line


def test_github_claim_across_lines_has_no_columns(check: Callable[..., CheckReport]) -> None:
    wrapped = check(article="wrapped.md")
    [finding] = wrapped.findings
    assert (finding.location.line, finding.location.end_line) == (8, 9)
    line = render(github.render, wrapped).splitlines()[0]
    # The runner drops an annotation whose col/endColumn span lines.
    assert line.startswith("::error file=wrapped.md,line=8,endLine=9,title=factcheck geneva.troops-at-border")
    assert "col=" not in line.split("::")[1] and "endColumn=" not in line


def test_github_input_errors(check: Callable[..., CheckReport]) -> None:
    with_errors = check(corpus="broken")
    [error] = with_errors.errors
    text = render(github.render, with_errors)
    assert f"::error file=broken/broken.md,line=3::{github.escape_data(error.message)}\n" in text


@given(st.text())
def test_github_escapes_round_trip(text: str) -> None:
    prop = github.escape_property(text)
    data = github.escape_data(text)
    assert github.unescape(prop) == text
    assert github.unescape(data) == text
    assert not set(prop) & set(":,\r\n")
    assert not set(data) & set("\r\n")


# SARIF


def validate(document: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)


def test_sarif_is_valid_and_locates_each_finding(result: CheckReport, workdir: Path) -> None:
    text = render(sarif.render, result)
    assert text.endswith("}\n")
    document = json.loads(text)
    validate(document)
    assert document["version"] == "2.1.0"
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    [run] = document["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == sorted({c.fact.id for c in result.checks})
    severity = {c.fact.id: c.fact.severity.value for c in result.checks}
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == [severity[i] for i in rule_ids]
    assert len(run["results"]) == 3
    for item, finding in zip(run["results"], result.findings, strict=True):
        assert item["ruleId"] == finding.fact.id
        assert driver["rules"][item["ruleIndex"]]["id"] == item["ruleId"]
        assert item["level"] == "error"
        assert item["properties"]["severity"] == "error"
        assert item["properties"]["kind"] == "conflict"
        assert item["partialFingerprints"] == {"factcheck/v1": f"{finding.fingerprint}:1"}
        assert item["message"]["text"].startswith(finding.message)
        [location] = item["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "new.md"
        line, column, end = columns(finding.fact.id)
        assert physical["region"] == {"startLine": line, "startColumn": column, "endLine": line, "endColumn": end}
        related = item["relatedLocations"]
        assert len(related) == len(finding.disagrees) > 0
        assert [r["id"] for r in related] == list(range(1, len(related) + 1))
        for entry, claim in zip(related, finding.disagrees, strict=True):
            uri = entry["physicalLocation"]["artifactLocation"]["uri"]
            assert uri.startswith("story/")
            assert (workdir / uri).is_file()
            assert entry["physicalLocation"]["region"]["startLine"] == claim.location.line
            assert entry["message"]["text"].startswith(f"{claim.outlet}: ")
        assert "suppressions" not in item


def test_sarif_levels_follow_the_finding(check: Callable[..., CheckReport]) -> None:
    notes = check(corpus="small")
    document = json.loads(render(sarif.render, notes))
    validate(document)
    [run] = document["runs"]
    levels = {(r["ruleId"], r["properties"]["kind"]): r["level"] for r in run["results"]}
    assert levels[("geneva.meeting-duration", "first")] == "note"
    assert levels[("geneva.troops-at-border", "conflict")] == "error"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    # a "first to state" result keeps its fact's rule, whose default level is the fact's
    assert rules["geneva.meeting-duration"]["defaultConfiguration"]["level"] == "error"
    warning = json.loads(render(sarif.render, check(article="aid.md")))
    validate(warning)
    assert [r["level"] for r in warning["runs"][0]["results"]] == ["warning"]


def test_sarif_baselined_findings_are_suppressed(baselined: CheckReport) -> None:
    document = json.loads(render(sarif.render, baselined))
    validate(document)
    results = document["runs"][0]["results"]
    assert len(results) == 3
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["geneva.troops-at-border"]
    assert suppressed[0]["suppressions"] == [{"kind": "external", "justification": "in the baseline"}]
    assert suppressed[0]["properties"]["fails"] is False


def test_sarif_input_errors_are_notifications(check: Callable[..., CheckReport]) -> None:
    with_errors = check(corpus="broken")
    document = json.loads(render(sarif.render, with_errors))
    validate(document)
    [invocation] = document["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == with_errors.errors[0].message
    physical = note["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "broken/broken.md"}, "region": {"startLine": 3}}


def test_sarif_uris() -> None:
    assert sarif.artifact_uri("corpus/geneva 2022/a#b.md") == "corpus/geneva%202022/a%23b.md"
    assert sarif.artifact_uri("c:d.md") == "c%3Ad.md"  # not a URI scheme
    uri = sarif.artifact_uri("/tmp/x y/é.md")
    assert uri.startswith("file:///")
    assert unquote(urlparse(uri).path) == "/tmp/x y/é.md"
    assert sarif.rule_name("geneva.nato-russia-council-date") == "GenevaNatoRussiaCouncilDate"


# JUnit XML


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def cases(root: ET.Element) -> list[ET.Element]:
    return [c for s in root.iter("testsuite") if s.get("name") != junit.INPUT_ERRORS for c in s.iter("testcase")]


def test_junit_one_case_per_fact_and_a_failure_per_failing_finding(result: CheckReport) -> None:
    root = parse(render(junit.render, result))
    assert root.tag == "testsuites"
    assert root.get("name") == "factcheck"
    assert [s.get("name") for s in root.iter("testsuite")] == ["new.md"]
    assert len(cases(root)) == len(result.checks) == int(root.get("tests", ""))
    failures = list(root.iter("failure"))
    assert len(failures) == len(result.failing()) == int(root.get("failures", "")) == 3
    assert root.get("errors") == "0"
    by_name = {c.get("name"): c for c in cases(root)}
    for finding in result.findings:
        case = by_name[f"{finding.fact.id}: {finding.fact.title}"]
        assert case.get("classname") == "new.md"
        failure = case.find("failure")
        assert failure is not None
        assert failure.get("type") == "error"
        assert failure.get("message") == finding.message
        line, column, _ = columns(finding.fact.id)
        body = failure.text or ""
        assert f"new.md:{line}:{column} error {finding.fact.id}" in body
        for claim in finding.disagrees:
            assert f"{claim.location.path}:{claim.location.line}:{claim.location.column}" in body
    passing = [c for c in cases(root) if c.find("failure") is None]
    assert len(passing) == len(result.checks) - 3
    assert all(c.find("system-out") is None for c in passing)


def test_junit_findings_below_the_threshold_pass(check: Callable[..., CheckReport]) -> None:
    never = check(fail_on=None)
    root = parse(render(junit.render, never))
    assert list(root.iter("failure")) == []
    assert root.get("failures") == "0"
    outs = [o.text or "" for o in root.iter("system-out")]
    assert len(outs) == 3
    assert all("does not fail the run" in o for o in outs)
    warning = check(article="aid.md")
    root = parse(render(junit.render, warning))
    assert list(root.iter("failure")) == []
    [out] = root.iter("system-out")
    assert "warning geneva.us-aid-last-year" in (out.text or "")
    failing = parse(render(junit.render, check(article="aid.md", fail_on=Severity.WARNING)))
    [failure] = failing.iter("failure")
    assert failure.get("type") == "warning"


def test_junit_baselined_findings_pass_with_a_mention(baselined: CheckReport) -> None:
    root = parse(render(junit.render, baselined))
    assert len(list(root.iter("failure"))) == 2
    case = next(c for c in cases(root) if (c.get("name") or "").startswith("geneva.troops-at-border:"))
    assert case.find("failure") is None
    out = case.find("system-out")
    assert out is not None and "in the baseline" in (out.text or "")


def test_junit_input_errors(check: Callable[..., CheckReport]) -> None:
    with_errors = check(corpus="broken")
    root = parse(render(junit.render, with_errors))
    assert root.get("errors") == "1"
    suite = next(s for s in root.iter("testsuite") if s.get("name") == junit.INPUT_ERRORS)
    [case] = suite.iter("testcase")
    assert case.get("name") == "broken/broken.md:3"
    error = case.find("error")
    assert error is not None and error.get("message") == with_errors.errors[0].message
    assert int(root.get("tests", "")) == len(with_errors.checks) + 1


def test_junit_strips_characters_xml_cannot_hold(result: CheckReport) -> None:
    finding = result.findings[0]
    odd = finding.model_copy(update={"message": "bell\x07 & <tag> \"q\" 'a'"})
    check = result.checks[0].model_copy(update={"findings": (odd,)})
    report = result.model_copy(update={"checks": (check,)})
    root = parse(render(junit.render, report))
    [failure] = root.iter("failure")
    assert failure.get("message") == "bell\ufffd & <tag> \"q\" 'a'"


# Markdown

ROW_SPLIT = re.compile(r"(?<!\\)\|")


def table_rows(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Severity")]
    return [[cell.strip() for cell in ROW_SPLIT.split(row)[1:-1]] for row in rows]


def test_markdown_row_per_finding(result: CheckReport) -> None:
    text = render(check_markdown.render, result)
    first = text.splitlines()[0]
    assert first.startswith("#### factcheck: Checked 1 article (5 facts) against 5 others: 3 errors")
    assert "| Severity | Where | Fact | This article | Corpus says | Finding |" in text
    rows = table_rows(text)
    assert len(rows) == len(result.findings)
    for cells, finding in zip(rows, result.findings, strict=True):
        assert len(cells) == 6
        assert cells[5] == f"`{finding.fingerprint}` unreviewed"
        line, column, _ = columns(finding.fact.id)
        assert cells[0] == "❌ error"
        assert cells[1] == f"`new.md:{line}:{column}`"
        assert f"`{finding.fact.id}`" in cells[2]
        assert finding.disagrees[0].outlet in cells[4]
    assert text.endswith("|\n")


def test_markdown_escapes_pipes_and_lists_baseline_and_errors(
    result: CheckReport, baselined: CheckReport, check: Callable[..., CheckReport]
) -> None:
    finding = result.findings[0]
    odd = finding.model_copy(update={"text": "five|hour", "fact": finding.fact.model_copy(update={"title": "a|b"})})
    row = check_markdown.row(odd, set())
    [cells] = table_rows(row)
    assert len(cells) == 6
    assert cells[0] == "❌ error (does not fail)"
    assert "a\\|b" in cells[2] and "five\\|hour" in cells[3]
    assert check_markdown.cell("<b>*x*</b> $5 `c`") == "\\<b\\>\\*x\\*\\</b\\> \\$5 \\`c\\`"
    text = render(check_markdown.render, baselined)
    assert len(table_rows(text)) == 2
    assert "1 finding in the baseline, not shown." in text
    with_errors = check(corpus="broken")
    text = render(check_markdown.render, with_errors)
    assert "**Input errors**" in text
    assert "- `broken/broken.md:3`: malformed front matter" in text


def test_markdown_first_to_state(check: Callable[..., CheckReport]) -> None:
    notes = check(corpus="small")
    rows = table_rows(render(check_markdown.render, notes))
    firsts = [r for r in rows if r[0].startswith("ℹ️ info")]
    assert firsts and all(r[4] == "no other article states it" for r in firsts)
