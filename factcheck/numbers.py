"""Numbers as newsrooms write them: digits with separators, scale words, number words and compounds."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALE_ABBREVIATIONS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "t": 1e12}

_WORD_ALTERNATION = "|".join(sorted([*UNITS, *TENS, "hundred", *SCALES], key=len, reverse=True))
_NUMBER_WORD = rf"(?:{_WORD_ALTERNATION})"
# A run of number words: "one hundred and seventy-five thousand", "seven", "a million".
NUMBER_WORDS = re.compile(
    rf"\b(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion)\b))?{_NUMBER_WORD}"
    rf"(?:(?:\s+and\s+|\s+|-)(?={_NUMBER_WORD}\b){_NUMBER_WORD})*\b",
    re.IGNORECASE,
)
# Digits: "100,000", "2.5", "1,250.75"; not part of a word or code ("F-16", "KC-130J", "COVID-19").
DIGITS = re.compile(r"(?<![\w.,/:-])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|[.,]\d)")


def parse_digits(text: str) -> float:
    """'100,000' -> 100000.0; '2.5' -> 2.5."""
    return float(text.replace(",", ""))


def parse_number_words(text: str) -> float | None:
    """'one hundred and seventy-five thousand' -> 175000.0; None when the words are not one number."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    if words[0] in ("a", "an"):
        words[0] = "one"
    total = 0.0
    current = 0.0
    seen_any = False
    last_small: str | None = None  # "units" or "tens" of the last small word, to refuse "seven eight"
    for word in words:
        if word in UNITS:
            if last_small == "units" or (last_small == "tens" and UNITS[word] >= 10):
                return None
            if last_small == "tens" and UNITS[word] == 0:
                return None
            current += UNITS[word]
            last_small = "units"
        elif word in TENS:
            if last_small is not None:
                return None
            current += TENS[word]
            last_small = "tens"
        elif word == "hundred":
            if current == 0:
                current = 1
            if current >= 100:
                return None
            current *= 100
            last_small = None
        elif word in SCALES:
            if current == 0:
                current = 1
            total += current * SCALES[word]
            current = 0
            last_small = None
        else:
            return None
        seen_any = True
    return total + current if seen_any else None


def parse_number(text: str) -> float | None:
    """A number written in digits or words."""
    stripped = text.strip()
    if stripped and stripped[0].isdigit():
        try:
            return parse_digits(stripped)
        except ValueError:
            return None
    return parse_number_words(stripped)
