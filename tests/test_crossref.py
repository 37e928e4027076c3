"""Quotes, people and organizations across outlets: on the bundled story, and on small stories written here."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.crossref import BUCKETS, MentionRow, crossref_findings, grouped_facts
from factcheck.errors import InputError
from factcheck.models import Claim, ClaimKind, Finding, Reason, Report, Severity, Status, Verdict
from factcheck.pipeline import analyze_text, run_report
from factcheck.rules.loader import RuleSet, load_rules

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "geneva-2022"


@pytest.fixture(scope="module")
def report() -> Report:
    return run_report(CORPUS, load_rules(REPO / "rules"))


def fact(report: Report, fact_id: str) -> Finding:
    return next(f for f in report.findings if f.fact.id == fact_id)


# --- must show, on the bundled story --------------------------------------------------------------------------------


def test_sherman_open_door_quote_agrees_across_three_outlets(report: Report) -> None:
    found = fact(report, "quote.wendy-sherman.we-will-not-allow-anyone-to")
    assert found.status is Status.AGREE
    assert found.sources == ("security-management", "usa-today", "washington-post")
    assert {j.claim.speaker for j in found.claims} == {"Wendy Sherman"}


def test_kofman_quote_agrees_across_two_outlets(report: Report) -> None:
    found = next(f for f in report.findings if f.fact.id.startswith("quote.michael-kofman.ryabkov"))
    assert found.status is Status.AGREE
    assert found.sources == ("security-management", "washington-post")
    assert {j.claim.speaker for j in found.claims} == {"Michael Kofman"}


def test_blinken_massive_consequences_is_a_wording_conflict_shown_word_by_word(report: Report) -> None:
    found = fact(report, "quote.antony-blinken.there-will-be-massive-consequences-for")
    assert found.status is Status.CONFLICT and found.reason is Reason.WORDING
    assert found.sources == ("the-week", "usa-today", "washington-post")
    assert found.severity is Severity.WARNING
    words = {j.claim.source: j for j in found.claims if "massive consequences" in (j.claim.label or "")}
    [reference] = [j for j in found.claims if j.reference]
    assert reference.claim.source == "usa-today"  # no object: "if it renews its aggression, by which I mean …"
    week = words["the-week"].changes
    post = words["washington-post"].changes
    assert any(c.op == "replaced" and c.words.startswith("on Ukraine") for c in week)
    assert any(c.op == "replaced" and c.words.startswith("against Ukraine") for c in post)


def test_antony_blink_is_flagged_as_a_spelling_of_antony_blinken(report: Report) -> None:
    found = fact(report, "person.antony-blinken")
    assert found.status is Status.CONFLICT and found.reason is Reason.SPELLING
    assert found.outliers == ("usa-today",)
    [wrong] = [j for j in found.claims if j.verdict is Verdict.OUTLIER]
    assert wrong.claim.text == "Antony Blink"


def test_osce_variants_are_one_organization_and_the_dropped_and_is_flagged(report: Report) -> None:
    found = fact(report, "organization.osce")
    assert found.status is Status.CONFLICT and found.reason is Reason.SPELLING
    assert {j.claim.text for j in found.claims} == {
        "Organization for Security and Co-operation in Europe",
        "Organization for Security and Cooperation in Europe",
        "Organization for Security Cooperation in Europe",
    }
    assert found.outliers == ("usa-today",)


def test_every_compared_quote_has_a_speaker_and_none_comes_from_page_furniture(report: Report) -> None:
    quotes = [j.claim for f in report.findings if f.fact.kind is ClaimKind.QUOTE for j in f.claims]
    assert quotes and all(q.speaker for q in quotes)
    furniture = ("Skip to main content", "Advertisement", "Read more", "More:")
    assert not any(q.sentence.startswith(furniture) for q in quotes)


def test_numeric_conflicts_say_value(report: Report) -> None:
    for found in report.findings:
        if found.status is Status.CONFLICT and found.fact.kind not in BUCKETS:
            assert found.reason is Reason.VALUE
        if found.status is not Status.CONFLICT:
            assert found.reason is None


def test_titles_agree_across_country_forms(report: Report) -> None:
    found = fact(report, "person.sergei-ryabkov.title")
    assert found.status is Status.AGREE  # "Russian Deputy Foreign Minister", "Russia's deputy foreign minister"


# --- small stories written here ---------------------------------------------------------------------------------


def story(tmp_path: Path, articles: dict[str, str], rules: str | None = None) -> Report:
    folder = tmp_path / "story"
    folder.mkdir()
    for name, body in articles.items():
        text = f"---\noutlet: {name.title()}\npublished: 2024-03-05\n---\n{body}\n"
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    rule_dir = tmp_path / "rules"
    rule_dir.mkdir()
    if rules is not None:
        (rule_dir / "people.yaml").write_text(rules, encoding="utf-8")
    return run_report(folder, load_rules(rule_dir))


QUOTE = "We will rebuild every home that the river took from this town, and we will start this week"


def test_the_same_words_given_to_another_speaker_are_an_attribution_error(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": f'Mayor Dana Whitfield visited the shelter. "{QUOTE}," Whitfield said.',
            "beta": f'Governor Ellis Marr toured the town. "{QUOTE}," Marr told reporters.',
            "gamma": f'Mayor Dana Whitfield spoke on Monday. "{QUOTE}," she said.',
        },
    )
    [quote] = [f for f in found.findings if f.fact.kind is ClaimKind.QUOTE]
    assert quote.status is Status.CONFLICT and quote.reason is Reason.ATTRIBUTION
    assert quote.severity is Severity.ERROR
    assert quote.outliers == ("beta",) and quote.majority == ("alpha", "gamma")


def test_a_fragment_of_a_longer_quote_agrees_as_partial(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": f'Mayor Dana Whitfield visited the shelter. "{QUOTE}," Whitfield said.',
            "beta": 'Mayor Dana Whitfield said the town would "rebuild every home that the river took from this town."',
        },
    )
    [quote] = [f for f in found.findings if f.fact.kind is ClaimKind.QUOTE]
    assert quote.status is Status.AGREE
    assert [j.partial for j in quote.claims] == [False, True]


def test_quote_marks_and_case_are_no_difference(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": f"Mayor Dana Whitfield visited the shelter. “{QUOTE},” Whitfield said.",
            "beta": f'Mayor Dana Whitfield visited the shelter. "{QUOTE.upper()}," Whitfield said.',
        },
    )
    [quote] = [f for f in found.findings if f.fact.kind is ClaimKind.QUOTE]
    assert quote.status is Status.AGREE and quote.reason is None


def test_namesakes_sharing_a_surname_are_never_one_person(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": "President Joe Biden spoke. First lady Jill Biden visited a school.",
            "beta": "President Joe Biden spoke. First lady Jill Biden visited a school.",
        },
    )
    people = {f.fact.id: f for f in found.findings if f.fact.kind is ClaimKind.PERSON}
    assert "person.joe-biden" in people and "person.jill-biden" in people
    assert all(f.status is not Status.CONFLICT for f in people.values())


def test_middle_initials_and_transliterations_agree(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": "Deputy Foreign Minister Sergei A. Ryabkov met the delegation.",
            "beta": "Deputy Foreign Minister Sergey Ryabkov met the delegation.",
            "gamma": "Deputy Foreign Minister Sergei Ryabkov met the delegation.",
        },
    )
    [name] = [f for f in found.findings if f.fact.kind is ClaimKind.PERSON and not f.fact.id.endswith(".title")]
    assert name.status is Status.AGREE and len(name.sources) == 3


def test_a_different_title_for_the_same_person_is_a_title_conflict(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": "Deputy Foreign Minister Sergei Ryabkov met the delegation.",
            "beta": "Russian Deputy Foreign Minister Sergei Ryabkov met the delegation.",
            "gamma": "Foreign Minister Sergei Ryabkov met the delegation.",
        },
    )
    title = next(f for f in found.findings if f.fact.id.endswith(".title"))
    assert title.status is Status.CONFLICT and title.reason is Reason.TITLE
    assert title.outliers == ("gamma",)


PERSON_RULE = """rules:
  - id: people.dana-whitfield
    kind: person
    title: Dana Whitfield, mayor of Port Callow
    name: Dana Whitfield
    other_names: [Dana J. Whitfield]
    namesakes: [Dan Whitfield]
    severity: error
    examples:
      match:
        - text: "Mayor Dana Whitfield said the town would recover."
          value: Dana Whitfield
      no_match:
        - "Dan Whitfield, a fisherman, said the harbour was ruined."
"""


def test_a_declared_person_names_the_fact_and_its_spelling_wins(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": "Mayor Dana Whitfeld said the town would recover.",
            "beta": "Mayor Dana Whitfeld said the town would recover.",
            "gamma": "Mayor Dana Whitfield said the town would recover.",
        },
        rules=PERSON_RULE,
    )
    name = next(f for f in found.findings if f.fact.id == "people.dana-whitfield")
    assert name.status is Status.CONFLICT and name.reason is Reason.SPELLING
    assert name.severity is Severity.ERROR
    assert name.majority == ("gamma",) and name.outliers == ("alpha", "beta")


def test_a_declared_namesake_is_another_person(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": "Mayor Dana Whitfield said the town would recover. Dan Whitfield, a fisherman, disagreed.",
            "beta": "Mayor Dana Whitfield said the town would recover. Dan Whitfield, a fisherman, disagreed.",
        },
        rules=PERSON_RULE,
    )
    ids = {f.fact.id for f in found.findings if f.fact.kind is ClaimKind.PERSON}
    assert "people.dana-whitfield" in ids and "person.dan-whitfield" in ids


def test_organizations_written_the_house_way_agree(tmp_path: Path) -> None:
    found = story(
        tmp_path,
        {
            "alpha": "The Organisation for Security and Co-operation in Europe met in Vienna.",
            "beta": "The Organization for Security and Cooperation in Europe met in Vienna.",
        },
    )
    [org] = [f for f in found.findings if f.fact.kind is ClaimKind.ORGANIZATION]
    assert org.status is Status.AGREE


def test_settings_turn_quote_and_name_checks_off(tmp_path: Path) -> None:
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    (tmp_path / "rules" / "settings.yaml").write_text(
        "rules:\n  - id: t.settings\n    kind: settings\n    title: Checks off\n    quotes: {compare: false}\n"
        "    names: {compare: false}\n",
        encoding="utf-8",
    )
    found = run_report(CORPUS, load_rules(tmp_path / "rules"))
    assert all(f.fact.kind not in BUCKETS for f in found.findings)


def test_two_settings_rules_are_an_input_error(tmp_path: Path) -> None:
    text = "rules:\n  - id: t.settings{n}\n    kind: settings\n    title: S\n"
    (tmp_path / "a.yaml").write_text(text.format(n=1), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text.format(n=2), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rules(tmp_path)
    [problem] = caught.value.problems
    assert problem.path.endswith("b.yaml") and problem.line == 3 and "second settings rule" in problem.message


# --- properties -------------------------------------------------------------------------------------------------


def _claims(text: str, source: str) -> list[Claim]:
    analyzed = analyze_text(text, RuleSet(), None, name=source)
    return [m.claim for m in analyzed.matches if m.claim.kind in BUCKETS]


_SENTENCES = [
    f'Mayor Dana Whitfield visited the shelter. "{QUOTE}," Whitfield said.',
    f'Governor Ellis Marr toured the town. "{QUOTE}," Marr told reporters.',
    'Mayor Dana Whitfeld said the town would "rebuild every home that the river took from this town."',
    "The Organization for Security Cooperation in Europe met. Deputy Mayor Ann Price spoke.",
    "The Organization for Security and Co-operation in Europe met. Mayor Ann Price spoke.",
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(range(len(_SENTENCES))), min_size=2, max_size=6), st.randoms())
def test_findings_do_not_depend_on_the_order_claims_arrive_in(picks: list[int], shuffle: random.Random) -> None:
    claims = [c for n, i in enumerate(picks) for c in _claims(_SENTENCES[i], f"s{n}")]
    buckets: dict[str, list[Claim]] = {}
    for claim in claims:
        buckets.setdefault(BUCKETS[claim.kind], []).append(claim)
    before = crossref_findings(buckets, RuleSet())
    for bucket in buckets.values():
        shuffle.shuffle(bucket)
    assert crossref_findings(buckets, RuleSet()) == before


def _row(n: int, claim: Claim) -> MentionRow:
    return MentionRow(n, claim.source, claim.start, claim.end, claim.text, claim.label, claim.title, claim.speaker)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(range(len(_SENTENCES))), min_size=2, max_size=6), st.randoms())
def test_facts_grouped_from_stored_columns_are_those_grouped_from_the_claims(
    picks: list[int], shuffle: random.Random
) -> None:
    """What a big story's report groups (the few columns a store keeps of each mention, in any order), with
    each fact's claims read back by row, is what grouping the claims themselves finds."""
    picks = [0, 2, 3, 4, *picks]  # a quote, a misspelt name and organizations across outlets, and more
    claims = [c for n, i in enumerate(picks) for c in _claims(_SENTENCES[i], f"s{n}")]
    buckets: dict[str, list[Claim]] = {}
    rows: dict[str, list[MentionRow]] = {}
    for n, claim in enumerate(claims):
        buckets.setdefault(BUCKETS[claim.kind], []).append(claim)
        rows.setdefault(BUCKETS[claim.kind], []).append(_row(n, claim))
    for bucket in rows.values():
        shuffle.shuffle(bucket)
    from_rows = grouped_facts(rows, RuleSet())
    assert {f.info.kind for f in from_rows} == {ClaimKind.PERSON, ClaimKind.ORGANIZATION, ClaimKind.QUOTE}
    assert [f.finding([claims[m.row] for m in f.members]) for f in from_rows] == [
        f.finding(f.members) for f in grouped_facts(buckets, RuleSet())
    ]


def test_a_declared_persons_examples_run_with_the_rules(tmp_path: Path) -> None:
    from factcheck.rules.examples import run_examples

    (tmp_path / "people.yaml").write_text(PERSON_RULE, encoding="utf-8")
    results = run_examples(load_rules(tmp_path))
    assert [(r.rule_id, r.passed) for r in results] == [("people.dana-whitfield", True)] * 2
    broken = PERSON_RULE.replace("value: Dana Whitfield", "value: Dana Whitfeld")
    (tmp_path / "people.yaml").write_text(broken, encoding="utf-8")
    failed = [r for r in run_examples(load_rules(tmp_path)) if not r.passed]
    assert len(failed) == 1 and "expected 'Dana Whitfeld'" in failed[0].message
