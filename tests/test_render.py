"""Every format renders the one report model: terminal at a fixed width, Markdown, JSON."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.intervals import Interval
from factcheck.models import Claim, ClaimKind, JudgedClaim, Reason, Report, Review, ReviewDecision, Verdict, WordChange
from factcheck.pipeline import run_report
from factcheck.render import REPORT_FORMATS
from factcheck.render.terminal import console_for, render_to
from factcheck.rules.loader import load_rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        yield run_report(Path("corpus/geneva-2022"), load_rules(Path("rules")))
    finally:
        os.chdir(previous)


def rendered(report: Report, name: str) -> str:
    buffer = io.StringIO()
    REPORT_FORMATS[name](report, buffer)
    return buffer.getvalue()


def test_terminal_fits_100_columns_and_leads_with_conflicts(report: Report) -> None:
    text = rendered(report, "rich")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "\x1b[" not in text  # no colour codes in files and pipes
    first_fact = next(line for line in lines if line.startswith(("CONFLICT", "AGREE", "SINGLE")))
    assert first_fact.startswith("CONFLICT")
    assert "Outlier: The Washington Post against Foreign Policy, USA TODAY" in text
    assert "Outlets" in text


def test_terminal_highlights_the_claim_with_named_styles(report: Report) -> None:
    buffer = io.StringIO()
    console = console_for(buffer, width=100)
    console.force_terminal = True
    console.no_color = False
    console.record = True
    render_to(report, console)
    svg_free = console.export_text(styles=True)
    assert "\x1b[1;33m" in svg_free or "\x1b[33;1m" in svg_free  # factcheck.claim: bold yellow


def test_markdown_tables(report: Report) -> None:
    text = rendered(report, "markdown")
    assert text.startswith("# Consistency report: corpus/geneva-2022")
    assert "| The Washington Post | seven-hour | 7 h | 18 | outlier |" in text
    assert "| The Week | Almost 100,000 Russian troops | almost 100,000 troops | 10 | outlier |" in text


def test_json_follows_the_documented_schema(report: Report) -> None:
    document = json.loads(rendered(report, "json"))
    assert list(document) == ["schema", "corpus", "sources", "wires", "facts", "errors"]
    assert document["schema"] == "factcheck.report/2"
    assert document["wires"] == []
    source = document["sources"][0]
    assert list(source) == ["id", "outlet", "published", "published_at", "path", "wire", "counts"]
    assert list(source["counts"]) == ["agree", "conflict", "single", "updated"]
    fact = document["facts"][0]
    for key in ("id", "title", "kind", "status", "severity", "parties", "timeline", "claims"):
        assert key in fact
    claim = fact["claims"][0]
    for key in (
        "source",
        "text",
        "sentence",
        "line",
        "start",
        "end",
        "value",
        "qualifier",
        "low",
        "high",
        "unit",
        "verdict",
        "reason",
        "attributed_to",
        "as_of",
    ):
        assert key in claim
    estimate = next(f for f in document["facts"] if f["id"] == "geneva.offensive-estimate")
    assert {c["attributed_to"] for c in estimate["claims"]} == {"U.S. intelligence"}
    dates = next(f for f in document["facts"] if f["id"] == "geneva.talks-date")
    assert {c["value"] for c in dates["claims"]} == {"2022-01-09", "2022-01-10"}
    assert all(c["low"] == c["value"] for c in dates["claims"])
    troops = next(f for f in document["facts"] if f["id"] == "geneva.troops-at-border")
    more_than = next(c for c in troops["claims"] if c["qualifier"] == "more-than")
    assert (more_than["value"], more_than["low"], more_than["high"]) == (100000, 100000, 150000)


def test_claim_offsets_point_at_the_claim_text(report: Report) -> None:
    document = json.loads(rendered(report, "json"))
    paths = {s["id"]: ROOT / s["path"] for s in document["sources"]}
    for fact in document["facts"]:
        for claim in fact["claims"]:
            text = paths[claim["source"]].read_text(encoding="utf-8")
            assert text[claim["start"] : claim["end"]] == claim["text"]
            assert text.count("\n", 0, claim["start"]) + 1 == claim["line"]


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    # Below 1e-4 both write an exponent, the standard library as "1e-06", orjson as "1e-6": the same number.
    | st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False).filter(
        lambda x: x == 0 or abs(x) >= 1e-4
    )
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(document=st.dictionaries(st.text(max_size=8), _JSON_VALUES, max_size=5))
def test_json_documents_are_written_as_the_standard_library_writes_them(document: dict[str, object]) -> None:
    from factcheck.render.json_format import dump

    out = io.StringIO()
    dump(document, out)
    assert out.getvalue() == json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


@given(
    head=st.dictionaries(st.text(max_size=8), _JSON_VALUES, max_size=3),
    items=st.lists(_JSON_VALUES, max_size=5),
    tail=st.dictionaries(st.text(max_size=8), _JSON_VALUES, max_size=2),
)
def test_a_document_written_piece_by_piece_is_the_document_written_whole(
    head: dict[str, object], items: list[object], tail: dict[str, object]
) -> None:
    from factcheck.render.json_format import dump, dump_streamed

    key = "facts"
    head.pop(key, None)
    tail = {k: v for k, v in tail.items() if k != key and k not in head}
    whole = io.StringIO()
    dump(head | {key: items} | tail, whole)
    assert b"".join(dump_streamed(head, key, iter(items), tail)).decode("utf-8") == whole.getvalue()


def test_a_report_written_to_a_file_is_the_report_written_to_a_string(report: Report, tmp_path: Path) -> None:
    from factcheck.render.json_format import render

    path = tmp_path / "report.json"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("")  # text written before the bytes keeps its place
        render(report, handle)
    assert path.read_text(encoding="utf-8") == rendered(report, "json")


# --- a judged claim's bytes from what analysis kept of its claim -------------------------------------------------


@functools.cache
def corpus_claims() -> list[Claim]:
    """Every judged claim of the bundled story: dates, times, durations, figures, quotes, people, organizations."""
    found = run_report(ROOT / "corpus" / "geneva-2022", load_rules(ROOT / "rules"))
    return sorted({j.claim for f in found.findings for j in f.claims}, key=lambda c: (c.source, c.start, c.kind))


@given(data=st.data())
def test_a_judged_claim_written_from_its_kept_fields_is_the_claim_written_whole(data: st.DataObject) -> None:
    from factcheck.render.json_format import (
        claim_members,
        item_bytes,
        item_of_members,
        judged_claim_bytes,
        judged_fields,
    )

    claim = data.draw(st.sampled_from(corpus_claims()))
    own, compared = claim.interval, None
    if own is not None and data.draw(st.booleans()):  # compared as it was, or wider (as a fact's rule may widen it)
        wider = data.draw(st.tuples(st.integers(0, 90), st.integers(0, 90), st.booleans(), st.booleans()))
        compared = Interval(
            low=None if own.low is None else own.low - wider[0],
            high=None if own.high is None else own.high + wider[1],
            low_open=wider[2],
            high_open=wider[3],
        )
    review = data.draw(
        st.none()
        | st.builds(
            Review,
            fingerprint=st.just("0" * 32),
            decision=st.sampled_from(ReviewDecision),
            editor=st.text(max_size=5),
            at=st.just(dt.datetime(2022, 1, 11, 9, 30, tzinfo=dt.UTC)),
            note=st.none() | st.text(max_size=5),
        )
    )
    judged = JudgedClaim(
        claim=claim,
        compared=compared,
        verdict=data.draw(st.sampled_from(Verdict)),
        fingerprint=None if review is None else review.fingerprint,
        review=review,
        reason=data.draw(st.none() | st.sampled_from(Reason)),
        reference=data.draw(st.booleans()),
        partial=data.draw(st.booleans()),
        changes=data.draw(st.lists(st.builds(WordChange, op=st.just("added"), words=st.text(max_size=5)), max_size=2)),
    )
    # as a claim stands in its finding's list in the report: the finding an item of the report's facts
    whole = item_bytes({"claims": [judged_fields(judged)]})
    kept = judged_claim_bytes(judged, claim_members(claim))
    assert whole == b'{\n      "claims": [' + kept + b"\n      ]\n    }"
    assert judged_claim_bytes(judged) == kept  # with nothing kept, the claim's fields are made afresh
    if compared is None:  # a mention's: written from the kept fields and its judgement, no claim at hand
        plain = item_of_members(
            claim_members(claim),
            judged.verdict,
            claim.kind is ClaimKind.QUOTE,
            reason=judged.reason,
            reference=judged.reference,
            partial=judged.partial,
            changes=judged.changes,
            fingerprint=judged.fingerprint,
            review=judged.review,
        )
        assert plain == kept


def test_claims_are_known_by_identity_not_by_equality() -> None:
    from factcheck.render.json_format import ShownClaims

    claim = corpus_claims()[0]
    shown = ShownClaims()
    shown.add(claim, b"kept")
    assert shown.members(claim) == b"kept"
    same = claim.model_copy()
    assert same == claim and shown.members(same) is None  # an equal claim made anew is written afresh
    shown.clear()
    assert shown.members(claim) is None
