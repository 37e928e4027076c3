"""Claim extraction and normalization, case by case (cases in tests/data/extraction_cases.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.extract import claims_in_sentence, unit_noun
from factcheck.lines import LineIndex
from factcheck.models import Claim, Confidence, Sentence

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
        if expected["value"] is None:
            assert value is None and claim.interval is None
        elif isinstance(expected["value"], (int, float)):
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
        ("-member council", "members"),
        ("-story tower", "stories"),
        ("-nation assembly", "nations"),
        ("-year-old man", "years old"),
        ("-off payment", None),
        ("-sided contest", None),
        (" died in the crash", None),
        (" armed men attacked", "men"),
        (" police officers", "officers"),
        (".", None),
    ],
)
def test_unit_noun(tail: str, unit: str | None) -> None:
    assert unit_noun("100" + tail, 3)[0] == unit


def test_claims_carry_their_confidence() -> None:
    claims = extract("Dozens of protesters gathered after a lengthy meeting, and 12 were arrested.", None)
    by_text = {c.text: c for c in claims}
    assert by_text["Dozens of protesters"].confidence is Confidence.VAGUE
    assert by_text["Dozens of protesters"].qualifier.value == "range"
    assert by_text["lengthy"].confidence is Confidence.VAGUE and by_text["lengthy"].interval is None
    assert by_text["12"].confidence is Confidence.CLEAR


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("It raised $1.5m for the clinic.", "$1.5m", 1_500_000),
        ("About 1.5m people live there.", "About 1.5m people", 1_500_000),
        ("Exports reached 2m euros.", "2m euros", 2_000_000),
        ("The petition has 20k signatures.", "20k signatures", 20_000),
    ],
)
def test_m_is_a_million_with_money_or_a_counted_noun(sentence: str, text: str, value: float) -> None:
    claims = {c.text: c for c in extract(sentence, None)}
    assert claims[text].stated_low == pytest.approx(value)


def test_m_alone_is_left_to_the_measures() -> None:
    claims = extract("The wall is 1.5m tall.", None)
    assert all(c.kind.value != "quantity" and c.stated_low != 1_500_000 for c in claims)


@pytest.mark.parametrize(
    "sentence",
    [
        "One day, the border will reopen.",
        "At one point the crowd surged.",
        "The hosts won 3-1 at home.",
        "Only one in five voters trusts parliament.",
        "The motel is on Route 66.",
        "Windows 11 will be installed on the laptops.",
        "The Three Gorges Dam holds back the river.",
    ],
)
def test_idioms_scores_ratios_and_names_are_no_claims(sentence: str) -> None:
    assert [c.text for c in extract(sentence, None) if c.kind.value != "place"] == []


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Fighting went on for days.", 48, 336),
        ("The day-long summit ended.", 4, 24),
        ("Weeks-long strikes hit the ports.", 336, 1344),
    ],
)
def test_vague_lengths(sentence: str, low: float, high: float) -> None:
    (claim,) = [c for c in extract(sentence, None) if c.kind.value == "duration"]
    assert (claim.stated_low, claim.stated_high, claim.confidence) == (low, high, Confidence.VAGUE)
