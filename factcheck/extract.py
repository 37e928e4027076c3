"""Claims in sentences: quantities with their unit noun, money, durations, dates and places, normalized."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from factcheck.dates import DateHit, find_dates
from factcheck.intervals import DATE_SLACK, DEFAULT_SLACK, Qualifier, interval_for
from factcheck.lines import LineIndex
from factcheck.models import Article, Claim, ClaimKind, Sentence
from factcheck.numbers import DIGITS, NUMBER_WORDS, SCALE_ABBREVIATIONS, SCALES, parse_digits, parse_number_words

_QUALIFIER_PHRASES: dict[str, Qualifier] = {
    r"more\s+than": Qualifier.MORE_THAN,
    r"greater\s+than": Qualifier.MORE_THAN,
    r"over": Qualifier.MORE_THAN,
    r"upwards\s+of": Qualifier.MORE_THAN,
    r"in\s+excess\s+of": Qualifier.MORE_THAN,
    r"north\s+of": Qualifier.MORE_THAN,
    r"at\s+least": Qualifier.AT_LEAST,
    r"no\s+(?:fewer|less)\s+than": Qualifier.AT_LEAST,
    r"not\s+less\s+than": Qualifier.AT_LEAST,
    r"a\s+minimum\s+of": Qualifier.AT_LEAST,
    r"almost": Qualifier.ALMOST,
    r"nearly": Qualifier.ALMOST,
    r"close\s+to": Qualifier.ALMOST,
    r"just\s+(?:under|shy\s+of|short\s+of|below)": Qualifier.ALMOST,
    r"not\s+quite": Qualifier.ALMOST,
    r"(?:fewer|less)\s+than": Qualifier.LESS_THAN,
    r"under": Qualifier.LESS_THAN,
    r"below": Qualifier.LESS_THAN,
    r"as\s+(?:many|much)\s+as": Qualifier.UP_TO,
    r"up\s+to": Qualifier.UP_TO,
    r"at\s+most": Qualifier.UP_TO,
    r"no\s+more\s+than": Qualifier.UP_TO,
    r"a\s+maximum\s+of": Qualifier.UP_TO,
    r"about": Qualifier.ABOUT,
    r"around": Qualifier.ABOUT,
    r"roughly": Qualifier.ABOUT,
    r"some": Qualifier.ABOUT,
    r"approximately": Qualifier.ABOUT,
    r"approx\.": Qualifier.ABOUT,
    r"(?:an\s+)?estimated": Qualifier.ABOUT,
    r"circa": Qualifier.ABOUT,
    r"between": Qualifier.RANGE,
    r"from": Qualifier.RANGE,
}
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=[\s(—–\"“]))(?P<q>" + "|".join(f"(?:{p})" for p in _QUALIFIER_PHRASES) + r")\s+$",
    re.IGNORECASE,
)
_QUALIFIER_PATTERNS = [(re.compile(rf"(?:{p})$", re.IGNORECASE), q) for p, q in _QUALIFIER_PHRASES.items()]
_QUALIFIER_AFTER = re.compile(r"\s+or\s+(?P<q>more|so|fewer|less)\b", re.IGNORECASE)

_SCALE_AFTER = re.compile(
    r"\s*(?P<scale>thousand|million|billion|trillion)\b|(?P<abbr>bn|mn|mln|tn|[kmbt])\b", re.IGNORECASE
)
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_BEFORE = re.compile(r"(?P<sign>US\$|\$|€|£|¥)\s?$")
_CURRENCY_CODE_BEFORE = re.compile(r"\b(?P<code>USD|EUR|GBP|JPY|CHF)\s?$")
_CURRENCY_AFTER = re.compile(r"\s+(?P<code>USD|EUR|GBP|JPY|CHF|dollars|euros|pounds\s+sterling)\b")
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds sterling": "GBP"}

DURATION_HOURS = {
    "second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.485,
    "year": 8765.82, "decade": 87658.2,
}  # fmt: skip
_DURATION_COMPOUND = re.compile(r"-(?P<unit>second|minute|hour|day|week|month|year|decade)(?:-long)?\b(?!-old)")
_DURATION_NOUN = re.compile(r"\s+(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?![-‑]old)")
_RANGE_AFTER = re.compile(r"\s*(?P<sep>-|–|—|\bto\b|\band\b)\s*(?:US\$|\$|€|£)?\s?")
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s?cent\b)")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
_WORD = re.compile(r"\s+(?P<w>[A-Za-z][A-Za-z'’-]*)")

# Words that end the noun phrase after a number: the unit noun is found before them.
_STOP_WORDS = frozenset(
    """
    a an the of to in on at by for with from into onto over under near along around across about as than and or
    but nor so that which who whom whose this these those it its it's their they them he she his her we our you
    your i me my is are was were be been being have has had do does did will would could can may might should
    must shall not no more less than per each every all some any if when while where after before since until
    because though although says said say told last next ago
    """.split()
)
_PLACE_BEFORE_IN = re.compile(
    r"(?P<chain>(?:[A-Z][\w'’.-]*|of|for|and|the|in|on|de|du|des|la|le)(?:\s+(?:[A-Z][\w'’.-]*|of|for|and|the|in|on|de|du|des|la|le))*)\s+$"
)
_PLACE = re.compile(r"(?:\bin|^In)\s+(?P<name>(?:The\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)")
# Regions that end organization names ("Co-operation in Europe"); a city after a name is a place.
_REGIONS = frozenset(
    {
        "Europe",
        "Asia",
        "Africa",
        "America",
        "the Americas",
        "The Americas",
        "Latin America",
        "the Pacific",
        "The Pacific",
        "the Middle East",
        "The Middle East",
        "Eurasia",
    }
)
_NOT_PLACES = frozenset(
    """
    January February March April May June July August September October November December Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday English Russian French German Spanish Chinese Arabic I It He She They We
    """.split()
)


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float
    words: bool


def extract_article(article: Article, sentences: Iterable[Sentence]) -> list[Claim]:
    """Every claim in the article's sentences, in file order."""
    index = LineIndex(article.text)
    claims: list[Claim] = []
    for sentence in sentences:
        claims.extend(claims_in_sentence(sentence, article.published, index))
    return claims


def claims_in_sentence(sentence: Sentence, published: dt.date | None, index: LineIndex) -> list[Claim]:
    text = sentence.text
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def make(
        kind: ClaimKind,
        start: int,
        end: int,
        qualifier: Qualifier,
        low: float | None,
        high: float | None,
        unit: str | None,
        value_start: int | None = None,
        **extra: object,
    ) -> None:
        file_start = sentence.start + start
        interval = None
        if low is not None and high is not None:
            interval = interval_for(qualifier, low, high, DATE_SLACK if kind is ClaimKind.DATE else DEFAULT_SLACK)
        found.append(
            Claim(
                source=sentence.source,
                kind=kind,
                text=text[start:end],
                start=file_start,
                end=sentence.start + end,
                line=index.line(file_start),
                sentence=text,
                sentence_start=sentence.start,
                qualifier=qualifier,
                stated_low=low,
                stated_high=high,
                unit=unit,
                interval=interval,
                value_start=None if value_start is None else sentence.start + value_start,
                **extra,
            )
        )
        taken.append((start, end))

    for hit in find_dates(text, published):
        _add_date(make, hit)
    for number in _numbers(text, taken):
        _add_number(make, text, number, taken)
    for start, end, name in _places(text):
        if all(end <= s or start >= e for s, e in taken):
            make(ClaimKind.PLACE, start, end, Qualifier.EXACT, None, None, "place", label=name)
    found.sort(key=lambda c: (c.start, c.end))
    return found


def _add_date(make: _Maker, hit: DateHit) -> None:
    make(
        ClaimKind.DATE,
        hit.start,
        hit.end,
        hit.qualifier,
        float(hit.first.toordinal()),
        float(hit.last.toordinal()),
        "date",
        label=hit.label,
        resolution=hit.resolution,
        role=hit.role,
    )


class _Maker(Protocol):
    def __call__(
        self,
        kind: ClaimKind,
        start: int,
        end: int,
        qualifier: Qualifier,
        low: float | None,
        high: float | None,
        unit: str | None,
        value_start: int | None = None,
        **extra: object,
    ) -> None: ...


def _numbers(text: str, taken: list[tuple[int, int]]) -> list[_Number]:
    numbers: list[_Number] = []
    for m in DIGITS.finditer(text):
        if _ORDINAL_AFTER.match(text, m.end()) or text[m.end() : m.end() + 1] == ":":
            continue
        numbers.append(_Number(m.start(), m.end(), parse_digits(m.group(0)), words=False))
    for m in NUMBER_WORDS.finditer(text):
        value = parse_number_words(m.group(0))
        if value is not None:
            numbers.append(_Number(m.start(), m.end(), value, words=True))
    numbers.sort(key=lambda n: n.start)
    return [n for n in numbers if all(n.end <= s or n.start >= e for s, e in taken)]


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(not (end <= s or start >= e) for s, e in taken)


def _add_number(make: _Maker, text: str, number: _Number, taken: list[tuple[int, int]]) -> None:
    if _overlaps(number.start, number.end, taken):
        return  # the second number of a range already read
    start, end, value = number.start, number.end, number.value
    end, value = _apply_scale(text, end, value, money=_money_sign(text, start) is not None)
    currency = _money_sign(text, start)
    if currency is not None:
        start -= len(currency[1])
    qualifier, qual_start = _qualifier_before(text, start)
    high = value
    # A range: "between 90,000 and 100,000", "2 to 3 million", "10-15".
    range_match = _RANGE_AFTER.match(text, end)
    if range_match and qualifier in (Qualifier.RANGE, Qualifier.EXACT):
        second = _number_at(text, range_match.end())
        sep = range_match.group("sep")
        allowed = sep != "and" or qualifier is Qualifier.RANGE
        if second is not None and allowed and (not number.words or second.words or sep in ("to", "and")):
            second_end, second_value = _apply_scale(text, second.end, second.value, money=currency is not None)
            if second_end > second.end and second_value > second.value and end == number.end:
                value *= second_value / second.value  # "2 to 3 million": the scale is shared
            if second_value > value:
                high = second_value
                end = second_end
                qualifier = Qualifier.RANGE
                taken.append((second.start, second_end))
    if qualifier is Qualifier.RANGE and high == value:
        qualifier = Qualifier.EXACT  # "from 5 people" is not a range
        qual_start = None
    after = _QUALIFIER_AFTER.match(text, end)
    if after and qualifier is Qualifier.EXACT:
        word = after.group("q").lower()
        qualifier = {"more": Qualifier.AT_LEAST, "so": Qualifier.ABOUT}.get(word, Qualifier.UP_TO)
        end = after.end()
    span_start = qual_start if qual_start is not None else start

    if currency is None:
        code = _CURRENCY_AFTER.match(text, end)
        if code is not None:
            unit = code.group("code")
            make(
                ClaimKind.MONEY,
                span_start,
                code.end(),
                qualifier,
                value,
                high,
                _CURRENCY_WORDS.get(unit.lower(), unit.upper()),
                value_start=start,
            )
            return
    else:
        make(ClaimKind.MONEY, span_start, end, qualifier, value, high, currency[0], value_start=start)
        return
    duration = _DURATION_COMPOUND.match(text, end) or _DURATION_NOUN.match(text, end)
    if duration is not None:
        factor = DURATION_HOURS[duration.group("unit").lower().rstrip("s")]
        make(
            ClaimKind.DURATION,
            span_start,
            duration.end(),
            qualifier,
            value * factor,
            high * factor,
            "hours",
            value_start=start,
        )
        return
    percent = _PERCENT_AFTER.match(text, end)
    if percent is not None:
        make(ClaimKind.QUANTITY, span_start, percent.end(), qualifier, value, high, "percent", value_start=start)
        return
    if not number.words and 1800 <= value <= 2100 and "," not in text[number.start : number.end]:
        return  # a year that the date reader chose not to take ("the 2016 election" is read there)
    unit, unit_end = unit_noun(text, end)
    if unit is None and number.words:
        return  # "one of them": a number word alone is not a claim
    if text[end : end + 1] == "-" and unit is None:
        return
    make(ClaimKind.QUANTITY, span_start, unit_end if unit else end, qualifier, value, high, unit, value_start=start)


def _apply_scale(text: str, end: int, value: float, money: bool) -> tuple[int, float]:
    m = _SCALE_AFTER.match(text, end)
    if m is None:
        return end, value
    if m.group("scale"):
        return m.end(), value * SCALES[m.group("scale").lower()]
    abbr = m.group("abbr").lower()
    if money or abbr in ("bn", "mn", "mln", "tn"):
        return m.end(), value * SCALE_ABBREVIATIONS[abbr]
    return end, value


def _money_sign(text: str, start: int) -> tuple[str, str] | None:
    m = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
    if m is not None:
        return _CURRENCY_SIGNS[m.group("sign")], m.group(0)
    m = _CURRENCY_CODE_BEFORE.search(text, max(0, start - 5), start)
    if m is not None:
        return m.group("code"), m.group(0)
    return None


def _qualifier_before(text: str, start: int) -> tuple[Qualifier, int | None]:
    window_start = max(0, start - 40)
    m = _QUALIFIER_BEFORE.search(text, window_start, start)
    if m is None:
        return Qualifier.EXACT, None
    phrase = m.group("q")
    for pattern, qualifier in _QUALIFIER_PATTERNS:
        if pattern.fullmatch(phrase):
            return qualifier, m.start("q")
    return Qualifier.EXACT, None  # pragma: no cover - every phrase is in the table


def _number_at(text: str, position: int) -> _Number | None:
    m = DIGITS.match(text, position)
    if m is not None:
        return _Number(m.start(), m.end(), parse_digits(m.group(0)), words=False)
    m = NUMBER_WORDS.match(text, position)
    if m is not None:
        value = parse_number_words(m.group(0))
        if value is not None:
            return _Number(m.start(), m.end(), value, words=True)
    return None


def unit_noun(text: str, end: int) -> tuple[str | None, int]:
    """The noun a number counts ("100,000 Russian troops" -> "troops") and where it ends."""
    position = end
    compound = re.match(r"-(?P<w>[a-z]+)\b", text[end:])
    if compound is not None:
        return compound.group("w").lower(), end + compound.end()
    words: list[tuple[str, int]] = []
    for _ in range(3):
        m = _WORD.match(text, position)
        if m is None:
            break
        word = m.group("w")
        lower = word.lower()
        if lower in _STOP_WORDS:
            break
        if words and (lower.endswith("ed") or lower.endswith("ing")):
            break
        if words and word[0].isupper():
            break
        words.append((lower, m.end()))
        position = m.end()
        if text[position : position + 1] in ',.;:!?)—–"”':
            break
    if not words:
        return None, end
    for word, word_end in words:
        if _plural(word):
            return word, word_end
    return words[-1]


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def _places(text: str) -> list[tuple[int, int, str]]:
    """'in Brussels', 'in Eastern Europe': places after 'in', not the 'in' inside a name ('Cooperation in Europe')."""
    places: list[tuple[int, int, str]] = []
    for m in _PLACE.finditer(text):
        name = m.group("name").rstrip(".’'")
        if name.endswith(("'s", "’s")) or text[m.start("name") + len(name) : m.start("name") + len(name) + 2] in (
            "'s",
            "’s",
        ):
            continue
        if name in _NOT_PLACES or name.split()[0] in _NOT_PLACES:
            continue
        before = _PLACE_BEFORE_IN.search(text, max(0, m.start() - 120), m.start())
        if before is not None:
            chain = before.group("chain")
            capitalized_end = chain.split()[-1][0].isupper()
            at_sentence_start = before.start() == 0 and len(chain.split()) == 1
            internal = name in _REGIONS and " in " not in f" {chain} "
            if capitalized_end and not at_sentence_start and internal:
                continue  # the 'in' of a name: "Organization for Security and Co-operation in Europe"
        places.append((m.start(), m.start("name") + len(name), name))
    return places
