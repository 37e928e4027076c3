"""Claim extraction and normalization, case by case (cases in tests/data/extraction_cases.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.extract import claims_in_sentence, unit_noun
from factcheck.lines import LineIndex
from factcheck.models import Claim, Sentence

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "extraction_cases.yaml").read_text())


def extract(sentence: str, published: dt.date | None) -> list[Claim]:
    return claims_in_sentence(
        Sentence(source="t", text=sentence, start=0, end=len(sentence)), published, LineIndex(sentence)
    )


def value_of(claim: Claim) -> Any:
    if claim.kind.value in ("date", "place"):
        return claim.label
    return claim.stated_low


@pytest.mark.parametrize("case", CASES, ids=[c["sentence"][:50] for c in CASES])
def test_extraction_case(case: dict[str, Any]) -> None:
    claims = extract(case["sentence"], case.get("published"))
    by_text = {c.text: c for c in claims}
    for expected in case["claims"]:
        assert expected["text"] in by_text, f"{expected['text']!r} not found; got {sorted(by_text)}"
        claim = by_text[expected["text"]]
        assert claim.kind.value == expected["kind"]
        value = value_of(claim)
        if isinstance(expected["value"], (int, float)):
            assert value == pytest.approx(expected["value"])
        else:
            assert value == str(expected["value"])
        assert claim.qualifier.value == expected.get("qualifier", "exact")
        if "high" in expected:
            assert claim.stated_high == pytest.approx(expected["high"])
        if "unit" in expected:
            assert claim.unit == expected["unit"]
        if "role" in expected:
            assert claim.role.value == expected["role"]
    for text in case.get("absent", []):
        assert not any(text in c.text for c in claims), f"{text!r} must not be a claim: {[c.text for c in claims]}"


def test_offsets_point_into_the_text() -> None:
    text = "Intro line.\nRussia has amassed more than 100,000 troops."
    sentence = Sentence(source="t", text=text[12:], start=12, end=len(text))
    (claim,) = claims_in_sentence(sentence, None, LineIndex(text))
    assert text[claim.start : claim.end] == claim.text == "more than 100,000 troops"
    assert claim.line == 2
    assert claim.sentence_start == 12


def test_relative_dates_need_a_publication_date() -> None:
    claims = extract("They met on Monday, last month and on Jan. 12, 2022.", None)
    assert [c.text for c in claims] == ["Jan. 12, 2022"]


def test_claims_keep_stated_value_qualifier_and_interval() -> None:
    (claim,) = extract("Almost 100,000 troops massed.", None)
    assert claim.stated_low == claim.stated_high == 100000
    assert claim.interval is not None and claim.interval.high == 100000 and claim.interval.high_open


@pytest.mark.parametrize(
    ("tail", "unit"),
    [
        (" Russian troops have massed", "troops"),
        (" troops massed along the border", "troops"),
        (" draft treaties it released", "treaties"),
        (" of them", None),
        ("-member council", "member"),
        (".", None),
    ],
)
def test_unit_noun(tail: str, unit: str | None) -> None:
    assert unit_noun("100" + tail, 3)[0] == unit
