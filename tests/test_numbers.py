"""Numbers as newsrooms write them: number words, digits with separators, and what is not a number."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from factcheck.numbers import DIGITS, NUMBER_WORDS, parse_digits, parse_number, parse_number_words

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
    assert [m.group(0) for m in NUMBER_WORDS.finditer("a million people and a dog")] == ["a million"]


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
