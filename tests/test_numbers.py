"""Numbers as newsrooms write them: number words, digits with separators, and what is not a number."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from factcheck.extract import claims_in_sentence
from factcheck.lines import LineIndex
from factcheck.models import Claim, ClaimKind, Sentence
from factcheck.numbers import (
    DIGITS,
    NUMBER_WORDS,
    find_numbers,
    number_at,
    parse_digits,
    parse_number,
    parse_number_words,
    scale_after,
    trailing_scale,
    words_of,
)

# --------------------------------------------------------------------------------------------------------------
# A small English speller for the round trip

_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    if ones == 0:
        return _TENS[tens]
    return _TENS[tens] + ("-" if hyphen else " ") + _ONES[ones]


def _below_thousand(n: int, use_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest, hyphen)
    words = f"{_ONES[hundreds]} hundred"
    if rest:
        words += (" and " if use_and else " ") + _below_hundred(rest, hyphen)
    return words


def spell(n: int, use_and: bool = False, hyphen: bool = True) -> str:
    """175000 -> 'one hundred seventy-five thousand' (British style with ``use_and``: 'two thousand and five')."""
    assert 0 <= n < 10**9
    if n == 0:
        return "zero"
    groups = [(1_000_000, "million"), (1_000, "thousand"), (1, "")]
    parts: list[str] = []
    rest = n
    for size, name in groups:
        count, rest = divmod(rest, size)
        if count == 0:
            continue
        words = _below_thousand(count, use_and, hyphen)
        if name:
            words += f" {name}"
        elif use_and and parts and count < 100:
            words = f"and {words}"
        parts.append(words)
    return " ".join(parts)


def test_speller() -> None:
    assert spell(175_000) == "one hundred seventy-five thousand"
    assert spell(175_000, use_and=True) == "one hundred and seventy-five thousand"
    assert spell(2022, use_and=True) == "two thousand and twenty-two"
    assert spell(100_000_005, use_and=True) == "one hundred million and five"
    assert spell(21, hyphen=False) == "twenty one"


# --------------------------------------------------------------------------------------------------------------
# Number words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("zero", 0),
        ("twelve", 12),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("ninety", 90),
        ("one hundred thousand", 100_000),
        ("one hundred and seventy-five thousand", 175_000),
        ("one hundred seventy-five thousand", 175_000),
        ("a million", 1_000_000),
        ("A Million", 1_000_000),
        ("a hundred", 100),
        ("a thousand", 1_000),
        ("two thousand and twenty-two", 2022),
        ("nineteen hundred", 1900),
        ("two billion", 2e9),
        ("three trillion", 3e12),
        ("one million two hundred thousand", 1_200_000),
        ("Seven", 7),
        ("  seven  ", 7),
        ("one hundred and five", 105),
    ],
)
def test_parse_number_words(text: str, value: float) -> None:
    assert parse_number_words(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "seven eight",
        "twenty thirty",
        "twenty twelve",
        "twenty zero",
        "five hundred hundred",
        "seven apples",
        "",
        "and",
        "troops",
    ],
)
def test_parse_number_words_refuses(text: str) -> None:
    assert parse_number_words(text) is None


@given(
    n=st.integers(min_value=0, max_value=999_999_999),
    use_and=st.booleans(),
    hyphen=st.booleans(),
)
@example(n=175_000, use_and=True, hyphen=True)
@example(n=2022, use_and=True, hyphen=True)
@example(n=999_999_999, use_and=False, hyphen=True)
@example(n=100_000_005, use_and=True, hyphen=False)
@example(n=0, use_and=False, hyphen=True)
def test_number_words_round_trip(n: int, use_and: bool, hyphen: bool) -> None:
    words = spell(n, use_and=use_and, hyphen=hyphen)
    assert parse_number_words(words) == n
    assert parse_number_words(words.upper()) == n
    assert parse_number(words) == n


@given(
    n=st.integers(min_value=0, max_value=999_999_999),
    use_and=st.booleans(),
    hyphen=st.booleans(),
)
def test_number_words_regex_takes_the_whole_spelling(n: int, use_and: bool, hyphen: bool) -> None:
    words = spell(n, use_and=use_and, hyphen=hyphen)
    found = [m.group(0) for m in NUMBER_WORDS.finditer(f"Officials said {words} troops were there.")]
    assert found == [words]


def test_number_words_regex_does_not_match_inside_words() -> None:
    assert NUMBER_WORDS.findall("Someone went often to Tennessee") == []
    text = "a million people and a dog"
    assert [text[n.start : n.end] for n in find_numbers(text)] == ["a million"]


# --------------------------------------------------------------------------------------------------------------
# Digits


@pytest.mark.parametrize(
    ("text", "value"),
    [("100,000", 100_000), ("2.5", 2.5), ("1,250.75", 1250.75), ("7", 7), ("0.5", 0.5), ("175000", 175_000)],
)
def test_parse_digits(text: str, value: float) -> None:
    assert parse_digits(text) == value
    assert parse_number(text) == value


def test_parse_number_refuses_garbage_digits() -> None:
    assert parse_number("1.2.3") is None


@given(st.integers(min_value=0, max_value=10**15))
def test_digits_with_separators_round_trip(n: int) -> None:
    text = f"{n:,}"
    assert parse_digits(text) == n
    assert DIGITS.fullmatch(text)
    assert [m.group(0) for m in DIGITS.finditer(f"Russia amassed {text} troops.")] == [text]


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_decimals_with_separators_round_trip(whole: int, cents: int) -> None:
    text = f"{whole:,}.{cents:02d}"
    assert parse_digits(text) == pytest.approx(whole + cents / 100)
    assert [m.group(0) for m in DIGITS.finditer(f"It cost ${text} in all.")] == [text]


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("Russia has amassed more than 100,000 troops.", ["100,000"]),
        ("Growth was 2.5 percent, or 1,250.75 in all.", ["2.5", "1,250.75"]),
        ("They met for 7 hours, from 9 to 4.", ["7", "9", "4"]),
        ("F-16 fighters", []),
        ("KC-130J tankers", []),
        ("since COVID-19 began", []),
        ("two F-16 jets and 40 others", ["40"]),
        ("the KC-130J and COVID-19 and 12 more", ["12"]),
    ],
)
def test_digits_in_sentences(sentence: str, numbers: list[str]) -> None:
    assert [m.group(0) for m in DIGITS.finditer(sentence)] == numbers


@given(
    prefix=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", min_size=1, max_size=5),
    number=st.integers(min_value=0, max_value=99_999),
    suffix=st.sampled_from(["", "J", "B3", "M"]),
)
@example(prefix="F", number=16, suffix="")
@example(prefix="KC", number=130, suffix="J")
@example(prefix="COVID", number=19, suffix="")
def test_digits_never_match_inside_codes(prefix: str, number: int, suffix: str) -> None:
    code = f"{prefix}-{number}{suffix}"
    assert DIGITS.search(f"The {code} was seen.") is None


# --------------------------------------------------------------------------------------------------------------
# Every supported style, rendered and read back (docs/normalization.md, "Numbers")

_SPACES = [" ", "\u00a0", "\u2009", "\u202f"]
_PUBLISHED = dt.date(2022, 1, 12)


def claims_of(text: str) -> list[Claim]:
    sentence = Sentence(source="t", text=text, start=0, end=len(text))
    return [c for c in claims_in_sentence(sentence, _PUBLISHED, LineIndex(text)) if c.kind is not ClaimKind.PLACE]


def _scaled(tenths: int, scale: str) -> tuple[str, float]:
    """'2.5' + scale for tenths=25: a number an editor abbreviates, and its exact value."""
    factor = {"k": 1e3, "m": 1e6, "bn": 1e9, "million": 1e6, "billion": 1e9, "thousand": 1e3}[scale]
    written = str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"
    return written, tenths * factor / 10


_STYLES = ["commas", "spaces", "words", "abbreviation", "mixed"]


@st.composite
def rendered_numbers(draw: st.DrawFn) -> tuple[str, float]:
    """A number written in one of the supported styles, with its value."""
    style = draw(st.sampled_from(_STYLES))
    if style == "commas":
        n = draw(st.integers(min_value=0, max_value=10**12))
        return f"{n:,}", float(n)
    if style == "spaces":
        n = draw(st.integers(min_value=0, max_value=10**12))
        return f"{n:,}".replace(",", draw(st.sampled_from(_SPACES))), float(n)
    if style == "words":
        n = draw(st.integers(min_value=0, max_value=999_999_999))
        return spell(n, use_and=draw(st.booleans()), hyphen=draw(st.booleans())), float(n)
    tenths = draw(st.integers(min_value=1, max_value=9999))
    if style == "abbreviation":
        scale = draw(st.sampled_from(["k", "m", "bn"]))
        written, value = _scaled(tenths, scale)
        return f"{written}{scale}", value
    scale = draw(st.sampled_from(["thousand", "million", "billion"]))
    written, value = _scaled(tenths, scale)
    return f"{written} {scale}", value


@given(rendered_numbers())
@example(("100 000", 100_000.0))
@example(("2.5m", 2_500_000.0))
@example(("3bn", 3e9))
@example(("2.5 million", 2_500_000.0))
@example(("one hundred and seventy-five thousand", 175_000.0))
def test_every_style_parses_back(rendered: tuple[str, float]) -> None:
    text, value = rendered
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@given(rendered_numbers())
@example(("1.5m", 1_500_000.0))
@example(("1 999", 1999.0))
@example(("2000", 2000.0))
def test_every_style_is_read_in_a_sentence(rendered: tuple[str, float]) -> None:
    text, value = rendered
    claims = claims_of(f"Officials counted {text} protesters in the square.")
    assert [c.text for c in claims] == [f"{text} protesters"]
    assert claims[0].stated_low == pytest.approx(value, rel=1e-12)
    assert claims[0].unit == "protesters"


_QUALIFIERS = ["", "more than ", "about ", "nearly ", "at least ", "up to ", "fewer than ", "some ", "almost "]
_UNITS = [" protesters", " hours", "%", " percent", " days", " million dollars"]


@given(
    qualifier=st.sampled_from(_QUALIFIERS),
    number=rendered_numbers(),
    unit=st.sampled_from(_UNITS),
    currency=st.booleans(),
)
@example(qualifier="about ", number=("2.5m", 2.5e6), unit=" protesters", currency=False)
@example(qualifier="", number=("three", 3.0), unit=" hours", currency=False)
@example(qualifier="up to ", number=("40", 40.0), unit="%", currency=True)
def test_normalizing_is_idempotent(qualifier: str, number: tuple[str, float], unit: str, currency: bool) -> None:
    """Extracting from a claim's own text gives the same kind, value, qualifier and unit."""
    written, _ = number
    sign = "$" if currency and unit in (" protesters", " million dollars") and written[:1].isdigit() else ""
    claims = claims_of(f"Officials said {qualifier}{sign}{written}{unit} were involved.")
    for claim in claims:
        if claim.kind not in (ClaimKind.QUANTITY, ClaimKind.MONEY, ClaimKind.DURATION):
            continue  # measures ("0.1m" before a singular noun is metres) have their own tests
        again = claims_of(claim.text)
        assert len(again) == 1, (claim.text, [c.text for c in again])
        (same,) = again
        assert (same.kind, same.text, same.qualifier, same.unit) == (
            claim.kind,
            claim.text,
            claim.qualifier,
            claim.unit,
        )
        assert same.stated_low == claim.stated_low and same.stated_high == claim.stated_high


# --------------------------------------------------------------------------------------------------------------
# The readers, one by one


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("100 000", 100_000),
        ("1\u00a0250\u202f000", 1_250_000),
        ("12\u2009500", 12_500),
        ("1 250.75", 1250.75),
        ("2.5bn", 2.5e9),
        ("20k", 20_000),
        ("1.2tn", 1.2e12),
        ("3mn", 3e6),
        ("two dozen", 24),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("one and a half million", 1_500_000),
        ("5½", 5.5),
        ("5 1/2", 5.5),
        ("5-1/2", 5.5),
        ("1 3/4", 1.75),
        ("five and a half", 5.5),
        ("a quarter of a million", 250_000),
        ("A Million", 1e6),
    ],
)
def test_parse_number_styles(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "1.2.3", "seven apples", "half", "a", "5 1/12/2022", "the first"])
def test_parse_number_refuses(text: str) -> None:
    assert parse_number(text) is None


def test_parse_digits_with_spaces() -> None:
    assert parse_digits("100 000") == 100_000
    assert parse_digits("3\u2009400\u2009000") == 3_400_000


def test_parse_number_words_dozen() -> None:
    assert parse_number_words("dozen") == 12
    assert parse_number_words("three dozen") == 36
    assert parse_number_words("a") is None


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("In 2021 100 people were hurt.", ["2021", "100"]),
        ("Police counted 100 000 marchers and 12 500 more.", ["100 000", "12 500"]),
        ("Call +41 22 917 12 34 or (202) 555-0143 or 202-555-0143.", []),
        ("The talks took 5-1/2 hours, or 5½, or five and a half.", ["5-1/2", "5½", "five and a half"]),
        ("It was the twenty-first round.", []),
        ("Half of the voters and a quarter of the budget.", []),
        ("half a million, half an hour, an hour and a half", ["half a million", "half an hour", "an hour and a half"]),
        ("three-quarters of an hour", ["three-quarters of an hour"]),
        ("a score of boats, scores of homes, the score", ["a score of", "scores of"]),
        ("five and seven", ["five", "seven"]),
        ("on 1/12/2022 and 24/7", []),
    ],
)
def test_find_numbers(sentence: str, numbers: list[str]) -> None:
    found = [sentence[n.start : n.end] for n in find_numbers(sentence)]
    assert [f for f in found if f in numbers] == numbers
    assert all(f in numbers or any(f in n for n in numbers) for f in found)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("dozens of", 24, 99),
        ("scores of", 40, 99),
        ("hundreds of", 200, 999),
        ("thousands of", 2_000, 9_999),
        ("tens of thousands of", 20_000, 99_999),
        ("hundreds of thousands of", 200_000, 999_999),
        ("millions of", 2_000_000, 999_999_999),
        ("tens of millions of", 20_000_000, 99_999_999),
        ("a couple of", 2, 3),
        ("a few", 2, 6),
        ("a handful of", 2, 6),
        ("several", 3, 9),
        ("several thousand", 3_000, 9_000),
        ("a few hundred", 200, 600),
        ("a few dozen", 24, 72),
        ("a couple of hundred", 200, 300),
        ("several hundred thousand", 300_000, 900_000),
    ],
)
def test_vague_amounts(text: str, low: float, high: float) -> None:
    number = next(n for n in find_numbers(f"{text} people") if n.vague)
    assert (number.value, number.high, number.start, number.end) == (low, high, 0, len(text))


@pytest.mark.parametrize("text", ["few people", "a couple from Ohio", "Hundreds were arrested", "test scores", "tens"])
def test_not_vague_amounts(text: str) -> None:
    assert not any(n.vague for n in find_numbers(text))


def test_number_at_reads_after_a_hyphen() -> None:
    text = "10-15"
    second = number_at(text, 3)
    assert second is not None and second.value == 15


def test_scale_after() -> None:
    assert scale_after("2.5 million", 3) == (11, 1e6, None)
    assert scale_after("2.5bn", 3) == (5, 1e9, "bn")
    assert scale_after("1.5M", 3) == (4, 1e6, "m")
    assert scale_after("1.5 m", 3) is None
    assert scale_after("5 people", 1) is None


def test_trailing_scale_and_words_of() -> None:
    assert trailing_scale("three dozen") == 12
    assert trailing_scale("seven hundred") == 100
    assert trailing_scale("seven") is None
    assert words_of("Twenty-five PEOPLE, 3 dogs") == frozenset({"twenty", "five", "people", "dogs"})
