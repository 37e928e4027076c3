"""Who says a figure, and when: parties, evolving facts and wire copies on stories written for these tests.

Each story of tests/data/stories with an ``expected.yaml`` is reported with its own ``rules.yaml``; the expected
file says, per fact, the status, the reason, which sources are wrong, each party's sources, the timeline and
who each claim is attributed to. The bundled Geneva corpus is checked for the attributions its articles make.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.attribution import same_party
from factcheck.compare import unnamed_party
from factcheck.models import Finding, Reason, Report, Status, Verdict
from factcheck.pipeline import run_report
from factcheck.rules.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "data" / "stories"
JUDGED = sorted(p.parent.name for p in STORIES.glob("*/expected.yaml"))


@functools.cache
def story(name: str) -> tuple[Report, dict[str, Any]]:
    folder = STORIES / name
    report = run_report(folder, load_rules(folder / "rules.yaml"))
    return report, yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))


def expected_facts() -> list[tuple[str, str]]:
    out = []
    for name in JUDGED:
        for fact in yaml.safe_load((STORIES / name / "expected.yaml").read_text(encoding="utf-8"))["facts"]:
            out.append((name, fact["fact"]))
    return out


def finding(report: Report, fact_id: str) -> Finding:
    return next(f for f in report.findings if f.fact.id == fact_id)


def test_the_stories_are_there() -> None:
    assert JUDGED == ["flood-toll", "quake-parties", "rail-wire"]


@pytest.mark.parametrize(("name", "fact_id"), expected_facts())
def test_fact_comes_out_as_expected(name: str, fact_id: str) -> None:
    report, expected = story(name)
    want = next(f for f in expected["facts"] if f["fact"] == fact_id)
    found = finding(report, fact_id)
    assert found.status is Status(want["status"])
    assert (found.reason.value if found.reason else None) == want["reason"]

    def sources(verdicts: set[Verdict], reasons: set[Reason | None]) -> set[str]:
        return {j.claim.source for j in found.claims if j.verdict in verdicts and j.reason in reasons}

    assert sources({Verdict.OUTLIER}, {Reason.VALUE, Reason.COPY}) == set(want["outliers"])
    assert sources({Verdict.OUTLIER}, {Reason.DECREASE}) == set(want.get("decrease", []))
    assert sources({Verdict.DISPUTED}, {Reason.VALUE}) == set(want.get("disputed", []))
    if "parties" in want:
        assert len(found.parties) == len(want["parties"])
        for party in want["parties"]:
            match = [p for p in found.parties if p.party is not None and same_party(p.party, party["party"])]
            assert len(match) == 1, (party, found.parties)
            assert set(match[0].sources) == set(party["sources"])
    else:
        assert found.parties == ()
    if "timeline" in want:
        got = [(t.at, t.change, set(t.sources)) for t in found.timeline]
        assert got == [(t["at"], t["change"], set(t["sources"])) for t in want["timeline"]]
    claims = {(j.claim.source, j.claim.text): j.claim for j in found.claims}
    for claim in want["claims"]:
        key = (claim["source"], claim["text"])
        got_claim = next((c for (s, text), c in claims.items() if s == key[0] and key[1] in text), None)
        assert got_claim is not None, (key, sorted(claims))
        party = claim["attributed_to"]
        if party is None:
            assert got_claim.attributed_to is None, key
        else:
            assert got_claim.attributed_to is not None and same_party(got_claim.attributed_to, party), (
                key,
                got_claim.attributed_to,
            )


def test_wire_copies_are_one_source() -> None:
    report, expected = story("rail-wire")
    assert [(w.name, set(w.members), w.original) for w in report.wires] == [
        (w["name"], set(w["members"]), w["original"]) for w in expected["wires"]
    ]
    wire = report.wires[0]
    assert {s.id: s.wire for s in report.sources if s.wire} == dict.fromkeys(wire.members, wire.key)
    # Three mastheads of the wire against two outlets of their own: the wire is one source, and loses.
    passengers = finding(report, "rail.passengers")
    assert set(passengers.majority) == {"kessel-valley-times", "rail-business-weekly"}


def test_no_story_without_a_wire_has_one() -> None:
    for name in ("flood-toll", "quake-parties"):
        assert story(name)[0].wires == ()


# --- the bundled Geneva corpus --------------------------------------------------------------------------------


@functools.cache
def geneva() -> Report:
    return run_report(ROOT / "corpus" / "geneva-2022", load_rules(ROOT / "rules"))


def test_geneva_175000_is_us_intelligences_figure() -> None:
    claims = [j.claim for f in geneva().findings for j in f.claims if "175,000" in j.claim.text]
    assert claims
    for claim in claims:
        assert claim.attributed_to is not None and same_party(claim.attributed_to, "U.S. intelligence"), claim


def test_geneva_more_than_100000_is_the_outlets_own() -> None:
    claims = [j.claim for f in geneva().findings for j in f.claims if j.claim.text.startswith("more than 100,000")]
    assert len({c.source for c in claims}) >= 3
    for claim in claims:
        party = claim.attributed_to
        # The outlets' own figure, or officials' relayed with no name ("Western officials", "Washington and Kyiv").
        assert party is None or unnamed_party(party) or party == "Washington and Kyiv", claim
