"""Measures: the unit table, conversions to each dimension's base, and conversions in brackets."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import claims_in_sentence
from factcheck.intervals import Qualifier
from factcheck.lines import LineIndex
from factcheck.measures import DIMENSIONS, SPELLINGS, UNITS, MeasureHit, Unit, agrees, half_step, measure_after
from factcheck.models import Claim, ClaimKind, Confidence, Sentence

# Spellings that read in any sentence after digits (the others need a context: tested below).
_PLAIN_KINDS = ("word", "abbr", "metre-m", "pound-word", "attached")
PLAIN = [
    (key, kind, spelling)
    for key, kind, spellings in SPELLINGS
    for spelling in spellings
    if kind in _PLAIN_KINDS and UNITS[key].dimension != "magnitude"
]


def written(number: str, spelling: str, kind: str) -> str:
    return f"{number}{spelling}" if kind == "attached" else f"{number} {spelling}"


def hit_in(text: str, number: str) -> MeasureHit | None:
    start = text.index(number)
    value = float(number.replace(",", ""))
    return measure_after(text, start, start + len(number), value, value)


def claims(text: str) -> list[Claim]:
    sentence = Sentence(source="t", text=text, start=0, end=len(text))
    return [c for c in claims_in_sentence(sentence, None, LineIndex(text)) if c.kind is not ClaimKind.PLACE]


def test_every_unit_is_of_a_known_dimension_and_every_spelling_of_a_known_unit() -> None:
    assert {u.dimension for u in UNITS.values()} == set(DIMENSIONS)
    assert {key for key, _, _ in SPELLINGS} == set(UNITS)


@given(st.sampled_from(sorted(UNITS)), st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_to_base_and_back_is_the_identity(key: str, value: float) -> None:
    unit = UNITS[key]
    assert math.isclose(unit.from_base(unit.to_base(value)), value, rel_tol=1e-9, abs_tol=1e-6)


@given(st.sampled_from(PLAIN), st.integers(min_value=1, max_value=9999), st.sampled_from(["", ".5", ".25"]))
@settings(max_examples=300)
def test_any_spelling_reads_the_same_base_value(entry: tuple[str, str, str], whole: int, fraction: str) -> None:
    key, kind, spelling = entry
    number = f"{whole}{fraction}"
    text = f"Officials said it was {written(number, spelling, kind)} in all."
    hit = hit_in(text, number)
    assert hit is not None, text
    expected = UNITS[key].to_base(float(number))
    assert hit.dimension == UNITS[key].dimension
    assert math.isclose(hit.low, expected, rel_tol=1e-9), (text, hit)
    assert hit.end == text.index(" in all.")


GLUED_LETTERS_THE_NUMBER_READER_REFUSES = ("C", "F")  # "40C", "104F": factcheck/numbers.py GLUED_SUFFIXES


@pytest.mark.parametrize(
    ("key", "kind", "spelling"),
    [
        pytest.param(*entry, marks=pytest.mark.xfail(strict=True, reason="'12C' is not a number to numbers.DIGITS"))
        if entry[2] in GLUED_LETTERS_THE_NUMBER_READER_REFUSES
        else entry
        for entry in PLAIN
    ],
)
def test_any_spelling_reads_the_same_in_the_extractor(key: str, kind: str, spelling: str) -> None:
    text = f"Officials said it was {written('12', spelling, kind)} in all."
    found = claims(text)
    assert [c.kind for c in found] == [ClaimKind.MEASURE], (text, found)
    assert found[0].unit == UNITS[key].dimension
    assert found[0].stated_low is not None
    assert math.isclose(found[0].stated_low, UNITS[key].to_base(12), rel_tol=1e-9)


def _conversion(value: int, first: Unit, second: Unit) -> str:
    """``value`` in ``second``, written to three significant digits: 150 km -> '93.2'."""
    converted = second.from_base(first.to_base(value))
    decimals = max(0, 2 - math.floor(math.log10(abs(converted)))) if converted else 0
    return f"{converted:.{decimals}f}"


PAIRS = [
    (a, b)
    for a in PLAIN
    for b in PLAIN
    if UNITS[a[0]].dimension == UNITS[b[0]].dimension and not UNITS[a[0]].ambiguous and not UNITS[b[0]].ambiguous
]


@given(st.sampled_from(PAIRS), st.integers(min_value=1, max_value=20000))
@settings(max_examples=500)
def test_an_exact_conversion_in_brackets_never_gets_a_note(
    pair: tuple[tuple[str, str, str], tuple[str, str, str]], value: int
) -> None:
    (first_key, kind1, spelling1), (second_key, kind2, spelling2) = pair
    converted = _conversion(value, UNITS[first_key], UNITS[second_key])
    if float(converted) <= 0:
        return  # a temperature conversion below zero is written "minus", not tested here
    text = f"It was {written(str(value), spelling1, kind1)} ({written(converted, spelling2, kind2)}) in all."
    hit = hit_in(text, str(value))
    assert hit is not None, text
    assert hit.note is None, (text, hit.note)
    assert hit.end == text.index(" in all."), text


@pytest.mark.parametrize(
    ("text", "number", "dimension", "low", "high"),
    [
        ("a magnitude-7.1 quake", "7.1", "magnitude", 7.1, 7.1),  # (the extractor's number reader skips "-7.1")
        ("temperatures of 40C", "40", "temperature", 40, 40),
        ("a high of 104F", "104", "temperature", 40, 40),
        ("a 2.4m-high wave", "2.4", "length", 2.4, 2.4),
        ("a 6ft 2in. forward", "6", "length", 1.8796, 1.8796),
        ("a six-foot-two guard", "six", "length", 1.8796, 1.8796),
        ("5km-10km of road", "5", "length", 5000, 10000),
        ("10-15C tomorrow", "10", "temperature", 10, 15),
        ("waves of 3m and more", "3", "length", 3, 3),
        ("a 300-ton (272-tonne) crane", "300", "mass", 272155.422, 272155.422),
    ],
)
def test_measure_after_reads(text: str, number: str, dimension: str, low: float, high: float) -> None:
    start = text.index(number)
    value = 6.0 if number == "six" else float(number)
    hit = measure_after(text, start, start + len(number), value, value, words=number == "six")
    assert hit is not None
    assert (hit.dimension, hit.low, hit.high) == (dimension, pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "text",
    [
        "30 degrees of separation",  # no weather: an angle or an idiom
        "a 180 degree turn in the weather",  # an angle even in weather copy
        "There were 5 in.",  # "in." at a sentence end is the word "in"
        "1.5m people",  # a million, read by the scale reader
        "Roughly 1.5m.",  # a million or metres: not read
        "2 t-shirts",
        "12 stones",  # rocks: the unit is "stone"
        "a 12 quake zone",  # magnitudes are written with a decimal
        "1.2 barrels a day",  # a rate
        "magnitude 25 events",  # no magnitude above 10
        "a 50-pound note",
    ],
)
def test_measure_after_refuses(text: str) -> None:
    number = text.split()[0] if text[0].isdigit() else next(w for w in text.split() if w[0].isdigit())
    number = number.rstrip(".")
    start = text.index(number)
    value = float(number.rstrip("m").split("-")[0])
    assert measure_after(text, start, start + len(number), value, value) is None


def test_a_conversion_that_disagrees_gets_a_note() -> None:
    text = "about 150 kilometers (60 miles) inland"
    hit = measure_after(text, 6, 9, 150, 150, span_start=0, qualifier=Qualifier.ABOUT)
    assert hit is not None
    assert hit.note == "150 kilometers is about 93 miles, not 60 miles"
    assert text[hit.start : hit.end] == "about 150 kilometers (60 miles)"
    assert hit.low == 150000


def test_a_temperature_conversion_is_compared_in_degrees() -> None:
    hit = hit_in("It was 35 °C (110 °F) there.", "35")
    assert hit is not None
    assert hit.note == "35 °C is about 95°F, not 110 °F"
    assert hit_in("It was 0 °C (32 °F) there.", "0") is not None
    hit = hit_in("It was 0 °C (32 °F) there.", "0")
    assert hit is not None and hit.note is None


def test_tons_are_ambiguous_until_brackets_say_which() -> None:
    alone = hit_in("a 40 tons truck", "40")
    assert alone is not None and alone.confidence is Confidence.AMBIGUOUS and alone.low == 40000
    short = hit_in("a 300 tons (272 tonnes) crane", "300")
    assert short is not None and short.confidence is Confidence.CLEAR and short.note is None
    assert short.low == pytest.approx(300 * 907.18474)
    metric = hit_in("a 40 tonnes (44 tons) truck", "40")
    assert metric is not None and metric.note is None and metric.low == 40000


def test_bare_degrees_in_weather_copy_are_ambiguous() -> None:
    celsius = hit_in("Temperatures reached 38 degrees.", "38")
    fahrenheit = hit_in("Temperatures reached 100 degrees.", "100")
    assert celsius is not None and celsius.low == 38 and celsius.confidence is Confidence.AMBIGUOUS
    assert fahrenheit is not None and fahrenheit.low == pytest.approx(37.7777777778)


def test_half_step() -> None:
    assert half_step("90", 90) == 5
    assert half_step("93", 93) == 0.5
    assert half_step("1.5", 1.5) == pytest.approx(0.05)
    assert half_step("1.2 million", 1.2e6) == pytest.approx(50000)
    assert half_step("ninety", 90) == 5


def test_agrees_allows_rounding_and_two_percent() -> None:
    miles = UNITS["mile"]
    assert agrees(150000, 93, "93", miles)
    assert agrees(150000, 90, "90", miles)  # 90 may be 93 rounded to tens
    assert not agrees(150000, 60, "60", miles)
    assert not agrees(2_000_000, 1000, "1,000", miles)  # rounding is never taken as more than a tenth
