"""Decision files: fingerprints, reading with located errors, writing sorted and byte-identical."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.decisions import (
    Decision,
    DecisionKind,
    Decisions,
    baseline_of,
    decisions_text,
    fingerprint,
    load_decisions,
    write_decisions,
)
from factcheck.errors import InputError
from factcheck.models import FindingKind
from factcheck.pipeline import run_report
from factcheck.rules.loader import load_rules

REPO = Path(__file__).resolve().parent.parent


def decision(value: str = "7 h", kind: DecisionKind = DecisionKind.ACCEPTED, note: str | None = None) -> Decision:
    key = fingerprint(FindingKind.CONFLICT, "geneva.meeting-duration", "washington-post", value)
    return Decision(
        fingerprint=key,
        fact="geneva.meeting-duration",
        source="washington-post",
        finding=FindingKind.CONFLICT,
        value=value,
        decision=kind,
        note=note,
    )


def test_every_decision_but_confirmed_error_silences() -> None:
    for kind in DecisionKind:
        d = decision(kind=kind)
        assert Decisions([d]).silences(d.fingerprint) is (kind is not DecisionKind.CONFIRMED_ERROR)
    assert not Decisions().silences(decision().fingerprint)


def test_the_baseline_of_the_bundled_story() -> None:
    report = run_report(REPO / "corpus" / "geneva-2022", load_rules(REPO / "rules"))
    entries = baseline_of(report)
    conflicts = {(d.fact, d.source, d.value) for d in entries if d.finding is FindingKind.CONFLICT}
    assert {c for c in conflicts if c[0].startswith("geneva.")} == {
        ("geneva.meeting-duration", "washington-post", "7 h"),
        ("geneva.talks-date", "the-week", "2022-01-09 (Sunday)"),
        ("geneva.troops-at-border", "the-week", "almost 100,000 troops"),
    }
    blinken = "quote.antony-blinken.there-will-be-massive-consequences-for"
    assert {(fact, source) for fact, source, _ in conflicts if not fact.startswith("geneva.")} == {
        ("organization.osce", "usa-today"),
        ("person.antony-blinken", "usa-today"),
        (blinken, "the-week"),
        (blinken, "usa-today"),
        (blinken, "washington-post"),
    }
    singles = [d for d in entries if d.finding is FindingKind.FIRST]
    assert len(singles) == sum(1 for f in report.findings if f.status.value == "single")
    assert all(d.decision is DecisionKind.ACCEPTED for d in entries)


def test_written_decisions_read_back(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    entries = [decision("7 h", note="checked with the desk"), decision("6 h", DecisionKind.CONFIRMED_ERROR)]
    write_decisions(path, entries)
    loaded = load_decisions(path)
    assert sorted(loaded.by_fingerprint.values(), key=lambda d: d.value) == sorted(entries, key=lambda d: d.value)
    assert decisions_text(reversed(entries)) == path.read_text(encoding="utf-8")


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=30), st.none() | st.text(max_size=60), st.sampled_from(DecisionKind)),
        max_size=8,
        unique_by=lambda t: " ".join(t[0].split()),
    )
)
def test_any_decisions_round_trip(
    tmp_path_factory: pytest.TempPathFactory, items: list[tuple[str, str | None, DecisionKind]]
) -> None:
    entries = [decision(value, kind, note) for value, note, kind in items]
    path = tmp_path_factory.mktemp("d") / "d.yaml"
    write_decisions(path, entries)
    assert load_decisions(path).by_fingerprint == {d.fingerprint: d for d in entries}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("schema: factcheck.decisions/2\n", 1, "schema"),
        ("schema: factcheck.decisions/1\ndecisions:\n  - fingerprint: XYZ\n", 3, "fingerprint"),
        ("schema: factcheck.decisions/1\ndecisions:\n  - {}\n", 3, "decisions[0]"),
        (
            "schema: factcheck.decisions/1\ndecisions:\n  - fingerprint: 0123456789abcdef0123456789abcdef\n"
            "    fact: f\n    source: s\n    finding: conflict\n    value: v\n    decision: maybe\n",
            8,
            "decision",
        ),
        (b"\xff\xfe".decode("latin-1"), 1, ""),
    ],
)
def test_bad_decision_files_are_located(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8" if text.isascii() else "latin-1")
    with pytest.raises(InputError) as info:
        load_decisions(path)
    problem = info.value.problems[0]
    assert problem.path == str(path) and problem.line == line and fragment in problem.message


def test_a_missing_decision_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_decisions(tmp_path / "nowhere.yaml")
