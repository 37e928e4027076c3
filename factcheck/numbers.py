"""Numbers as newsrooms write them: digits with separators, abbreviated scales, number words, fractions and vague
amounts ("dozens of", "several thousand"). See docs/normalization.md for the conventions.

:func:`find_numbers` finds every number in a sentence, anchored on digits or number words; the extractor then reads
the words around each one (qualifier, scale, currency, unit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
# Abbreviations that can mean nothing but a scale; "k", "m", "b" and "t" need money or a counted noun nearby
# ("1.5m people" is a million, "1.5m tall" is metres).
UNAMBIGUOUS_ABBREVIATIONS = frozenset({"mn", "mln", "bn", "tn"})
VULGAR_FRACTIONS = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5, "⅘": 4 / 5,
    "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
}  # fmt: skip
# Lengths of time a fraction can be of ("half an hour", "a quarter of an hour").
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")

# Vague amounts (docs/normalization.md, "Vague amounts"): the range each phrase stands for, before any scale.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    "couple": (2, 3),
    "few": (2, 6),
    "handful": (2, 6),
    "several": (3, 9),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 999_999_999),
    "billions": (2_000_000_000, 999_999_999_999),
}
# "tens of thousands" is [20·S, 100·S − 1], "hundreds of millions" [200·S, 1000·S − 1].
_OF_SCALE = {"tens": (20, 100), "hundreds": (200, 1000)}
_PLURAL_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_SMALL_SCALES = {"dozen": 12.0, "hundred": 100.0, **SCALES}

_WORD_ALTERNATION = "|".join(sorted([*UNITS, *TENS, "hundred", "dozen", *SCALES], key=len, reverse=True))
_NUMBER_WORD = rf"(?:{_WORD_ALTERNATION})"
# A run of number words: "one hundred and seventy-five thousand", "seven", "two dozen". "a" before a scale
# ("a million", "a dozen") is read by looking left from the run.
NUMBER_WORDS = re.compile(
    rf"\b{_NUMBER_WORD}(?:(?:\s+and\s+|\s+|-)(?={_NUMBER_WORD}\b){_NUMBER_WORD})*\b",
    re.IGNORECASE,
)
_SPACES = "\u0020\u00a0\u2009\u202f"  # space, no-break space, thin space, narrow no-break space
# Letters that may be glued to a number: scale abbreviations ("2.5bn") and unit symbols ("1.5m", "10km") that a
# reader may take; a glued suffix no reader takes leaves no claim. Vulgar fractions ("5½") are read here.
GLUED_SUFFIXES = (
    "k", "K", "m", "M", "mn", "mln", "bn", "b", "B", "tn", "t", "T", "km", "cm", "mm", "kg", "g", "mg", "lb", "lbs",
    "oz", "ft", "mi", "mph", "kph", "kmh", "ha", "l", "L", "ml", "sq",
)  # fmt: skip
_SUFFIX = "|".join(sorted(GLUED_SUFFIXES, key=len, reverse=True))
_VULGAR = "".join(VULGAR_FRACTIONS)
# Digits: "100,000", "100 000" (3-digit groups after 1–3 digits, not followed by more digits: a phone number or
# a year before a count is not one number), "2.5", "1,250.75"; not part of a word or code ("F-16", "COVID-19").
_DIGITS_BODY = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![{_SPACES}]?\d)|\d+)(?:\.\d+)?"
    rf"(?![.,]\d)(?!(?!(?:{_SUFFIX})\b|[{_VULGAR}])\w)"
)
DIGITS = re.compile(r"(?<![\w.,/:-])(?<![A-Za-z]-)" + _DIGITS_BODY)
_DIGITS_AT = re.compile(_DIGITS_BODY)  # the second number of a range, after "-" ("10-15")
# "5 1/2", "5-1/2", "5½": a fraction after a whole number.
_FRACTION_AFTER = re.compile(
    rf"[{_SPACES}-](?P<num>[1-9])[/⁄](?P<den>[2-9]|1[0-6])(?![\d/⁄])|(?P<vulgar>[{_VULGAR}])(?![\d/⁄])"
)
_TOKEN = re.compile(r"[A-Za-z]+")
_SLASH_AFTER = re.compile(r"[/⁄]\d")
_AND_FRACTION = re.compile(r"[\s-]+and[\s-]+an?[\s-]+(?P<f>half|quarter)\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[^\w-]))(?P<a>an?)\s+$", re.IGNORECASE)
# Hyphenated ordinals: "twenty-first"; "-second" is left to durations ("a thirty-second advert").
_ORDINAL_WORD_AFTER = re.compile(r"-(?:first|third|fourth|fifth|sixth|seventh|eighth|ninth)\b", re.IGNORECASE)
# Fractions and vague amounts are anchored on their one required word, then read left and right.
_OTHER_NUMBERS = re.compile(
    r"\b(?:(?P<half>half)|(?P<quarter>quarters?)|(?P<score>score)"
    r"|(?P<vague>several|few|couple|handful|dozens|scores|hundreds|thousands|millions|billions|tens))\b",
    re.IGNORECASE,
)
_LONE_VULGAR = re.compile(rf"(?<!\d)[{_VULGAR}]")
# Sentences are tokenized once (:func:`words_of`); the word patterns run only where one of their words occurs.
_ALPHA = re.compile(r"[a-z]+")
_NUMBER_ANCHORS = frozenset([*UNITS, *TENS, "hundred", "dozen", *SCALES])
_OTHER_ANCHORS = frozenset(
    "half quarter quarters score several few couple handful dozens scores hundreds thousands millions billions "
    "tens".split()
)
_TIME_UNIT = "|".join(TIME_UNITS)
_UNIT_AND_A = re.compile(
    rf"(?:^|(?<=[^\w-]))(?P<n>an?|one)[\s-]+(?P<unit>{_TIME_UNIT})[\s-]+and[\s-]+a[\s-]+$", re.IGNORECASE
)
_AND_A_BEFORE = re.compile(r"\band[\s-]+a[\s-]+$", re.IGNORECASE)
_HALF_A = re.compile(
    rf"\s+an?\s+(?:(?P<scale>dozen|hundred|thousand|million|billion|trillion)|(?P<unit>{_TIME_UNIT}))\b",
    re.IGNORECASE,
)
_UNIT_NEXT = re.compile(rf"[\s-](?={_TIME_UNIT}s?\b)", re.IGNORECASE)
_QUARTER_COUNT_BEFORE = re.compile(r"(?:^|(?<=[^\w-]))(?P<n>an?|one|two|three|[123])[\s-]+$", re.IGNORECASE)
_QUARTER_OF = re.compile(
    rf"\s+of\s+(?:an?\s+)?(?:(?P<unit>{_TIME_UNIT})|(?P<scale>million|billion|trillion))\b"
    r"|\s+(?P<scale2>million|billion|trillion)\b",
    re.IGNORECASE,
)
_VAGUE_SCALE_AFTER = re.compile(
    r"(?:\s+of)?[\s-]+(?P<s1>hundred|thousand|million|billion|dozen)\b(?:\s+(?P<s2>thousand|million|billion)\b)?",
    re.IGNORECASE,
)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_OF_PLURAL_SCALE = re.compile(r"\s+of\s+(?P<s>thousands|millions|billions)\b", re.IGNORECASE)
# Phone numbers: "+41 22 917 12 34", "(202) 555-0143", "202-555-0143".
_PHONE = re.compile(
    rf"\+\d{{1,3}}(?:[{_SPACES}.-]\(?\d{{1,4}}\)?){{2,6}}"
    rf"|\(\d{{3}}\)[{_SPACES}]?\d{{3}}[-.{_SPACES}]\d{{4}}\b"
    r"|(?<![\w-])\d{3}[-.]\d{3}[-.]\d{4}\b"
)
_SCALE_AFTER = re.compile(
    r"[\s-]*(?P<scale>(?i:thousand|million|billion|trillion))\b|(?P<abbr>bn|mn|mln|tn|[kKmMbBtT])\b"
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a sentence: its span, value (a vague amount's low end, with ``high``), and how it was
    written. ``scaled``: a scale is already part of the span ("half a million", "several thousand");
    ``unit``: a length of time is part of it ("an hour and a half", "half an hour": value 1.5 or 0.5 of it)."""

    start: int
    end: int
    value: float
    words: bool
    high: float | None = None
    vague: bool = False
    scaled: bool = False
    unit: str | None = None


def parse_digits(text: str) -> float:
    """'100,000' -> 100000.0; '100 000' -> 100000.0; '2.5' -> 2.5."""
    return float(re.sub(rf"[,{_SPACES}]", "", text))


def parse_number_words(text: str) -> float | None:
    """'one hundred and seventy-five thousand' -> 175000.0; None when the words are not one number."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    if words[0] in ("a", "an"):
        if len(words) == 1:
            return None
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
        elif word == "dozen":
            current = (current or 1) * 12
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


def words_of(text: str) -> frozenset[str]:
    """The lower-case words of ``text`` ("twenty-five" gives "twenty" and "five"), to skip patterns quickly."""
    return frozenset(_ALPHA.findall(text.lower()))


def find_numbers(text: str, words: frozenset[str] | None = None) -> list[Number]:
    """Every number in ``text``, in order of its start (spans may overlap: the extractor keeps the first it uses).

    ``words`` is :func:`words_of` the text, when the caller has it already."""
    if words is None:
        words = words_of(text)
    numbers: list[Number] = []
    phones = [(m.start(), m.end()) for m in _PHONE.finditer(text)] if _maybe_phone(text) else []
    for m in DIGITS.finditer(text):
        if text[m.end() : m.end() + 1] == ":" or _SLASH_AFTER.match(text, m.end()):
            continue  # a clock time ("5:47") or part of a date or fraction ("1/12/2022", "3/4"): read elsewhere
        if phones and any(s <= m.start() < e for s, e in phones):
            continue
        numbers.append(_digits_number(text, m))
    if not _NUMBER_ANCHORS.isdisjoint(words):
        for m in NUMBER_WORDS.finditer(text):
            number = _words_number(text, m)
            if number is not None:
                numbers.append(number)
            else:  # "five and seven", "seven eight": more than one number in the run
                numbers.extend(_split_run(text, m))
    if not _OTHER_ANCHORS.isdisjoint(words):
        for m in _OTHER_NUMBERS.finditer(text):
            number = _other_number(text, m)
            if number is not None:
                numbers.append(number)
    if not text.isascii():
        for m in _LONE_VULGAR.finditer(text):
            numbers.append(Number(m.start(), m.end(), VULGAR_FRACTIONS[m.group(0)], words=False))
    numbers.sort(key=lambda n: (n.start, -n.end))
    return numbers


def number_at(text: str, position: int) -> Number | None:
    """The number (digits or words) that starts exactly at ``position``: the second number of a range."""
    m = _DIGITS_AT.match(text, position)
    if m is not None:
        return _digits_number(text, m)
    m = NUMBER_WORDS.match(text, position)
    if m is not None:
        return _words_number(text, m)
    return None


def scale_after(text: str, end: int) -> tuple[int, float, str | None] | None:
    """A scale after a number: (end, factor, abbreviation or None for a word) for " million", "bn", "m"."""
    m = _SCALE_AFTER.match(text, end)
    if m is None:
        return None
    if m.group("scale"):
        return m.end(), SCALES[m.group("scale").lower()], None
    abbr = m.group("abbr")
    return m.end(), SCALE_ABBREVIATIONS[abbr.lower()], abbr.lower()


def parse_number(text: str) -> float | None:
    """A number written in any supported style, alone: "100,000", "100 000", "2.5m", "3bn", "2.5 million",
    "one hundred and seventy-five thousand", "half a million", "5½"; None when ``text`` is not one number."""
    stripped = text.strip()
    if not stripped:
        return None
    number = number_at(stripped, 0)
    if number is None:
        numbers = [n for n in find_numbers(stripped) if n.start == 0 and not n.vague and n.unit is None]
        number = max(numbers, key=lambda n: n.end) if numbers else None
    if number is None:
        return None
    value, end = number.value, number.end
    if not number.scaled:
        scale = scale_after(stripped, end)
        if scale is not None:
            end, factor, _ = scale
            value *= factor
    return value if end == len(stripped) else None


def _maybe_phone(text: str) -> bool:
    return "+" in text or "(" in text or text.count("-") >= 2 or text.count(".") >= 3


def _digits_number(text: str, m: re.Match[str]) -> Number:
    value = parse_digits(m.group(0))
    end = m.end()
    if "." not in m.group(0):
        fraction = _FRACTION_AFTER.match(text, end)
        if fraction is not None:
            if fraction.group("vulgar"):
                value += VULGAR_FRACTIONS[fraction.group("vulgar")]
                end = fraction.end()
            elif int(fraction.group("num")) < int(fraction.group("den")):
                value += int(fraction.group("num")) / int(fraction.group("den"))
                end = fraction.end()
        and_fraction = _AND_FRACTION.match(text, end)
        if and_fraction is not None:
            value += 0.5 if and_fraction.group("f").lower() == "half" else 0.25
            end = and_fraction.end()
    return Number(m.start(), end, value, words=False)


def _words_number(text: str, m: re.Match[str]) -> Number | None:
    value = parse_number_words(m.group(0))
    if value is None or _ORDINAL_WORD_AFTER.match(text, m.end()):
        return None
    start, end = m.start(), m.end()
    first = m.group(0).split(None, 1)[0].split("-", 1)[0].lower()
    if first in _SMALL_SCALES:
        article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
        if article is not None:
            start = article.start("a")
    and_fraction = _AND_FRACTION.match(text, end)
    if and_fraction is not None:
        value += 0.5 if and_fraction.group("f").lower() == "half" else 0.25
        end = and_fraction.end()
    return Number(start, end, value, words=True)


def _split_run(text: str, m: re.Match[str]) -> list[Number]:
    """The numbers in a run of number words that is not one number, longest first from the left."""
    tokens = [t for t in _TOKEN.finditer(text, m.start(), m.end()) if t.group(0).lower() != "and"]
    found: list[Number] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens) - 1, i - 1, -1):
            piece = NUMBER_WORDS.fullmatch(text, tokens[i].start(), tokens[j].end())
            number = _words_number(text, piece) if piece is not None else None
            if number is not None:
                found.append(number)
                i = j + 1
                break
        else:
            i += 1
    return found


def trailing_scale(written: str) -> float | None:
    """The scale a run of number words ends with ("three dozen" -> 12, "seven million" -> 1e6), if any."""
    last = re.split(r"[\s-]+", written.strip())[-1].lower()
    return _SMALL_SCALES.get(last)


def _other_number(text: str, m: re.Match[str]) -> Number | None:
    if m.group("half"):
        return _half(text, m)
    if m.group("quarter"):
        return _quarter(text, m)
    if m.group("score"):
        # "a score of" is 20; "scores of" is vague, and "score" alone is a result.
        article = _ARTICLE_BEFORE.search(text, max(0, m.start() - 4), m.start())
        of = _OF_AFTER.match(text, m.end())
        if article is None or article.group("a").lower() != "a" or of is None:
            return None
        return Number(article.start("a"), of.end(), 20.0, words=True, scaled=True)
    return _vague(text, m)


def _half(text: str, m: re.Match[str]) -> Number | None:
    start, end = m.start(), m.end()
    left = text[max(0, start - 30) : start]
    before = _UNIT_AND_A.search(left)
    if before is not None:  # "an hour and a half"
        return Number(start - len(left) + before.start("n"), end, 1.5, words=True, unit=before.group("unit").lower())
    if _AND_A_BEFORE.search(left):
        return None  # "five and a half": read with the number before it
    after = _HALF_A.match(text, end)
    if after is not None:
        if after.group("scale"):  # "half a million", "half a dozen"
            return Number(start, after.end(), 0.5 * _SMALL_SCALES[after.group("scale").lower()], True, scaled=True)
        return Number(start, after.end(), 0.5, words=True, unit=after.group("unit").lower())  # "half an hour"
    if _UNIT_NEXT.match(text, end):
        return Number(start, end, 0.5, words=True)  # "a half-hour meeting", "half a day" is above
    return None


def _quarter(text: str, m: re.Match[str]) -> Number | None:
    start, end = m.start(), m.end()
    count = _QUARTER_COUNT_BEFORE.search(text, max(0, start - 8), start)
    if count is None:
        return None  # "the first quarter", "headquarters"
    n = count.group("n").lower()
    quarters = 1 if n in ("a", "an", "one", "1") else {"two": 2, "three": 3, "2": 2, "3": 3}[n]
    if (quarters == 1) != (m.group("quarter").lower() == "quarter"):
        return None
    value = quarters / 4
    start = count.start("n")
    after = _QUARTER_OF.match(text, end)
    if after is not None:
        scale = after.group("scale") or after.group("scale2")
        if scale:  # "a quarter of a million"
            return Number(start, after.end(), value * SCALES[scale.lower()], words=True, scaled=True)
        return Number(start, after.end(), value, words=True, unit=after.group("unit").lower())
    if _UNIT_NEXT.match(text, end):
        return Number(start, end, value, words=True)  # "a quarter-hour"
    return None  # "a quarter of the budget": a share, not an amount


def _vague(text: str, m: re.Match[str]) -> Number | None:
    word = m.group("vague").lower()
    start, end = m.start(), m.end()
    if word in ("few", "couple", "handful"):
        article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
        if article is None or article.group("a").lower() != "a":
            return None  # "few people" says how few, not how many
        start = article.start("a")
    if word in ("few", "couple", "handful", "several"):
        low, high = VAGUE_AMOUNTS[word]
        scale = _VAGUE_SCALE_AFTER.match(text, end) if word != "handful" else None
        if scale is not None:
            factor = _SMALL_SCALES[scale.group("s1").lower()]
            if scale.group("s2"):
                factor *= SCALES[scale.group("s2").lower()]
            low, high, end = low * factor, high * factor, scale.end()
        of = _OF_AFTER.match(text, end)
        if of is not None:
            end = of.end()
        elif word in ("couple", "handful") and scale is None:
            return None  # "a couple" of people is two of them, "a handful" a person
        return Number(start, end, low, words=True, high=high, vague=True, scaled=True)
    of_scale = _OF_PLURAL_SCALE.match(text, end)
    if word in _OF_SCALE and of_scale is not None:  # "tens of thousands", "hundreds of millions"
        factor = _PLURAL_SCALES[of_scale.group("s").lower()]
        first, past = _OF_SCALE[word]
        low, high, end = first * factor, past * factor - 1, of_scale.end()
    elif word == "tens":
        return None
    else:
        low, high = VAGUE_AMOUNTS[word]
    of = _OF_AFTER.match(text, end)
    if of is None:
        return None  # "hundreds were arrested": no counted noun; "test scores"
    return Number(start, of.end(), low, words=True, high=high, vague=True, scaled=True)
