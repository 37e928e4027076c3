"""Measures after a number: lengths, masses, areas, volumes, speeds, temperatures and earthquake magnitudes.

A hand-written unit table (``pint`` would add ~0.15 s to import and ~0.2 s to build its registry, and the newsroom
spellings and context rules would still be ours). Every unit converts to its dimension's base,
``base = value * factor + offset``: length in metres, mass in kilograms, area in square metres, volume in litres,
speed in km/h, temperature in degrees Celsius (°F is affine), magnitude as stated. The conventions are in
docs/normalization.md, "Measures".

The reader is :func:`measure_after`, called by :mod:`factcheck.extract` for every number that is not money, a
duration or a percentage: a dictionary look-up of the word after the number, then one regular expression matched
there when that word may begin a unit.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from factcheck.intervals import Qualifier
from factcheck.models import Confidence
from factcheck.numbers import NUMBER_WORDS, SCALES, parse_digits, parse_number_words

DIMENSIONS = ("length", "mass", "area", "volume", "speed", "temperature", "magnitude")


@dataclass(frozen=True)
class Unit:
    """A unit of one dimension: ``base = value * factor + offset``."""

    name: str  # plural, as a note writes it: "miles", "°F"
    dimension: str
    factor: float
    offset: float = 0.0
    readings: tuple[float, ...] = ()  # other factors the word allows ("tons": short and long tons)

    def to_base(self, value: float) -> float:
        return value * self.factor + self.offset

    def from_base(self, base: float) -> float:
        return (base - self.offset) / self.factor

    @property
    def ambiguous(self) -> bool:
        return bool(self.readings)

    def joined(self, number: str) -> str:
        return f"{number}{self.name}" if self.name.startswith("°") else f"{number} {self.name}"


_SHORT_TON = 907.18474
_LONG_TON = 1016.0469088
UNITS: dict[str, Unit] = {
    # length: metres
    "kilometre": Unit("kilometres", "length", 1000.0),
    "metre": Unit("metres", "length", 1.0),
    "centimetre": Unit("centimetres", "length", 0.01),
    "millimetre": Unit("millimetres", "length", 0.001),
    "mile": Unit("miles", "length", 1609.344),
    "nautical mile": Unit("nautical miles", "length", 1852.0),
    "yard": Unit("yards", "length", 0.9144),
    "foot": Unit("feet", "length", 0.3048),
    "inch": Unit("inches", "length", 0.0254),
    # mass: kilograms
    "tonne": Unit("tonnes", "mass", 1000.0),
    "ton": Unit("tons", "mass", 1000.0, readings=(_SHORT_TON, _LONG_TON)),
    "short ton": Unit("short tons", "mass", _SHORT_TON),
    "long ton": Unit("long tons", "mass", _LONG_TON),
    "kilogram": Unit("kilograms", "mass", 1.0),
    "gram": Unit("grams", "mass", 0.001),
    "milligram": Unit("milligrams", "mass", 1e-6),
    "pound": Unit("pounds", "mass", 0.45359237),
    "ounce": Unit("ounces", "mass", 0.028349523125),
    "stone": Unit("stone", "mass", 6.35029318),
    # area: square metres
    "square kilometre": Unit("square kilometres", "area", 1e6),
    "square mile": Unit("square miles", "area", 2589988.110336),
    "square metre": Unit("square metres", "area", 1.0),
    "square foot": Unit("square feet", "area", 0.09290304),
    "hectare": Unit("hectares", "area", 1e4),
    "acre": Unit("acres", "area", 4046.8564224),
    # volume: litres
    "litre": Unit("litres", "volume", 1.0),
    "millilitre": Unit("millilitres", "volume", 0.001),
    "cubic metre": Unit("cubic metres", "volume", 1000.0),
    "cubic foot": Unit("cubic feet", "volume", 28.316846592),
    "gallon": Unit("gallons", "volume", 3.785411784),
    "imperial gallon": Unit("imperial gallons", "volume", 4.54609),
    "barrel": Unit("barrels", "volume", 158.987294928),
    # speed: km/h
    "km/h": Unit("km/h", "speed", 1.0),
    "mph": Unit("mph", "speed", 1.609344),
    "knot": Unit("knots", "speed", 1.852),
    "m/s": Unit("m/s", "speed", 3.6),
    # temperature: degrees Celsius
    "celsius": Unit("°C", "temperature", 1.0),
    "fahrenheit": Unit("°F", "temperature", 5 / 9, -160 / 9),
    # magnitude
    "magnitude": Unit("magnitude", "magnitude", 1.0),
}

# How each unit is written, by kind: "word" (any case), "abbr" (as listed; never after a number word: "five m"),
# "attached" (only right after the digits: "40C"), "metre-m" (see _unit_at), "inch-dot" ("in." before lower-case
# words only), "degrees" (bare, in weather copy only), "pound-word" (unless money), "quake" ("a 6.4 quake": the
# number is a magnitude). A space in a spelling matches any run of spaces.
SPELLINGS: list[tuple[str, str, tuple[str, ...]]] = [
    # speed
    ("km/h", "word", ("kilometres per hour", "kilometers per hour", "kilometre per hour", "kilometer per hour",
                      "kilometres an hour", "kilometers an hour")),
    ("km/h", "abbr", ("km per hour", "km an hour", "km/h", "km/hr", "km/hour", "kph", "kmh", "kmph", "KPH")),
    ("mph", "word", ("miles per hour", "miles an hour", "mile per hour", "mile an hour")),
    ("mph", "abbr", ("mph", "MPH", "mi/h")),
    ("knot", "word", ("knots", "knot")),
    ("knot", "abbr", ("kt", "kts")),
    ("m/s", "word", ("metres per second", "meters per second", "metre per second", "meter per second",
                     "metres a second", "meters a second")),
    ("m/s", "abbr", ("m/s",)),
    # area
    ("square kilometre", "word", ("square kilometres", "square kilometers", "square kilometre", "square kilometer")),
    ("square kilometre", "abbr", ("sq km", "sq. km", "sq.km", "sqkm", "km²", "km2")),
    ("square mile", "word", ("square miles", "square mile")),
    ("square mile", "abbr", ("sq mi", "sq. mi", "sq miles", "sq. miles", "mi²")),
    ("square metre", "word", ("square metres", "square meters", "square metre", "square meter")),
    ("square metre", "abbr", ("sq m", "sq. m", "sqm", "m²", "m2")),
    ("square foot", "word", ("square feet", "square foot")),
    ("square foot", "abbr", ("sq ft", "sq. ft", "sqft", "ft²")),
    ("hectare", "word", ("hectares", "hectare")),
    ("hectare", "abbr", ("ha",)),
    ("acre", "word", ("acres", "acre")),
    # volume
    ("cubic metre", "word", ("cubic metres", "cubic meters", "cubic metre", "cubic meter")),
    ("cubic metre", "abbr", ("m³", "m3", "cu m", "cu. m")),
    ("cubic foot", "word", ("cubic feet", "cubic foot")),
    ("cubic foot", "abbr", ("cu ft", "cu. ft", "ft³")),
    ("millilitre", "word", ("millilitres", "milliliters", "millilitre", "milliliter")),
    ("millilitre", "abbr", ("ml", "mL")),
    ("litre", "word", ("litres", "liters", "litre", "liter")),
    ("litre", "abbr", ("L", "l", "ltr", "ltrs")),
    ("imperial gallon", "word", ("imperial gallons", "imperial gallon")),
    ("gallon", "word", ("gallons", "gallon", "US gallons", "US gallon")),
    ("gallon", "abbr", ("gal",)),
    ("barrel", "word", ("barrels", "barrel")),
    ("barrel", "abbr", ("bbl", "bbls")),
    # length
    ("kilometre", "word", ("kilometres", "kilometers", "kilometre", "kilometer", "klicks", "klick")),
    ("kilometre", "abbr", ("km", "kms", "Km", "KM")),
    ("centimetre", "word", ("centimetres", "centimeters", "centimetre", "centimeter")),
    ("centimetre", "abbr", ("cm", "cms")),
    ("millimetre", "word", ("millimetres", "millimeters", "millimetre", "millimeter")),
    ("millimetre", "abbr", ("mm",)),
    ("nautical mile", "word", ("nautical miles", "nautical mile")),
    ("nautical mile", "abbr", ("nmi",)),
    ("metre", "word", ("metres", "meters", "metre", "meter")),
    ("metre", "metre-m", ("m",)),
    ("mile", "word", ("miles", "mile")),
    ("mile", "abbr", ("mi",)),
    ("yard", "word", ("yards", "yard")),
    ("yard", "abbr", ("yd", "yds")),
    ("foot", "word", ("feet", "foot")),
    ("foot", "abbr", ("ft",)),
    ("inch", "word", ("inches", "inch")),
    ("inch", "inch-dot", ("in.",)),
    # mass
    ("tonne", "word", ("tonnes", "tonne", "metric tons", "metric ton", "metric tonnes", "metric tonne")),
    ("tonne", "abbr", ("t",)),
    ("short ton", "word", ("short tons", "short ton")),
    ("long ton", "word", ("long tons", "long ton")),
    ("ton", "word", ("tons", "ton")),
    ("kilogram", "word", ("kilograms", "kilogram", "kilogrammes", "kilogramme", "kilos", "kilo")),
    ("kilogram", "abbr", ("kg", "kgs")),
    ("milligram", "word", ("milligrams", "milligram", "milligrammes", "milligramme")),
    ("milligram", "abbr", ("mg",)),
    ("gram", "word", ("grams", "gram", "grammes", "gramme")),
    ("gram", "abbr", ("g",)),
    ("pound", "pound-word", ("pounds", "pound")),
    ("pound", "abbr", ("lb", "lbs")),
    ("ounce", "word", ("ounces", "ounce")),
    ("ounce", "abbr", ("oz",)),
    ("stone", "word", ("stone",)),
    # temperature
    ("celsius", "word", ("degrees Celsius", "degree Celsius", "degrees centigrade", "degrees C", "Celsius",
                         "centigrade")),
    ("celsius", "abbr", ("°C", "° C", "ºC", "º C", "deg C", "deg. C")),
    ("celsius", "attached", ("C",)),
    ("fahrenheit", "word", ("degrees Fahrenheit", "degree Fahrenheit", "degrees F", "Fahrenheit")),
    ("fahrenheit", "abbr", ("°F", "° F", "ºF", "º F", "deg F", "deg. F")),
    ("fahrenheit", "attached", ("F",)),
    ("celsius", "degrees", ("degrees", "degree", "°", "º")),
    # magnitude
    ("magnitude", "word", ("magnitude", "on the Richter scale", "on the Richter")),
    ("magnitude", "quake", ("earthquake", "quake", "tremor", "aftershock")),
]  # fmt: skip
_CASELESS_KINDS = frozenset({"word", "pound-word", "degrees", "quake"})

_ADJECTIVES = r"(?:long|wide|high|tall|deep|thick|across)"
_INCH_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven"
# After a unit: not inside a word ("5 t-shirts", "5 g-force"); "5-mile-long", "5-foot-6", "six-foot-two" are fine.
_UNIT_END = rf"(?![\w²³])(?!-(?!{_ADJECTIVES}\b|\d|(?i:{_INCH_WORDS})\b))"
_SEPARATOR = r"(?P<sep>(?>\s*)(?:-(?>\s*))?)"
_TOKEN = re.compile(_SEPARATOR + r"(?P<t>[A-Za-z]+|[°º])")


def _alternative(spelling: str, kind: str) -> str:
    body = re.escape(spelling).replace(r"\ ", r"\s+")
    return f"(?i:{body})" if kind in _CASELESS_KINDS else body


def _alternation(entries: list[tuple[str, str, str]]) -> str:
    return "|".join(_alternative(spelling, kind) for _, kind, spelling in entries)


# Longest spellings first: alternatives are tried in order and the first that fits wins. Spellings that end in a
# letter must end a word ("5 t-shirts" has no unit); "in.", "°" need not. The end test is written once, and the
# unit is looked up from the matched text: a group or an end test in each of ~200 alternatives cost ~0.1 s to
# compile at start-up.
_FLAT = sorted(
    ((key, kind, spelling) for key, kind, spellings in SPELLINGS for spelling in spellings), key=lambda e: -len(e[2])
)
_OPEN_ENDED = [e for e in _FLAT if e[2].endswith((".", "°", "º"))]
_WORD_ENDED = [e for e in _FLAT if e not in _OPEN_ENDED]


@functools.cache
def _unit_after() -> re.Pattern[str]:
    """The unit after a number (compiled on first use: ~5 ms that start-up need not pay)."""
    return re.compile(f"{_SEPARATOR}(?P<u>(?:{_alternation(_WORD_ENDED)}){_UNIT_END}|(?:{_alternation(_OPEN_ENDED)}))")


_EXACT_SPELLING = {s: (UNITS[k], kind) for k, kind, s in _FLAT if kind not in _CASELESS_KINDS}
_CASELESS_SPELLING = {s.lower(): (UNITS[k], kind) for k, kind, s in _FLAT if kind in _CASELESS_KINDS}
# The first word of every spelling, lower-cased: a number followed by anything else has no unit (a fast refusal).
_FIRST_TOKENS = frozenset(m.group("t").lower() for _, _, spelling in _FLAT if (m := _TOKEN.match(spelling)))

_ADJECTIVE_AFTER = re.compile(rf"-{_ADJECTIVES}\b")
_COUNTED = frozenset({"people", "men", "women", "children", "staff", "police", "personnel", "cattle", "households"})
_NEXT_WORD = re.compile(r"\s*(?P<w>[A-Za-z]+)")
_RATE_AFTER = re.compile(  # "barrels a day", "tonnes per year", "bcm/yr", "litres daily"
    r"\s*(?:(?:a|an|per|each|every)\s+(?:day|week|month|year|hour|annum)\b|/\s?(?:day|d|yr|year|h)\b)"
    r"|\s+(?:a\s+)?(?:daily|annually|weekly)\b",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(r"\s+or\s+(?P<q>more|so|fewer|less)\b", re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s*(?P<sep>-|–|—|\bto\b|\band\b)\s*")
_RANGE_OPENER_BEFORE = re.compile(r"(?i:\b(?:between|from))\s+$")
_NUMBER = re.compile(
    r"(?P<digits>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?!\d)|(?P<words>" + NUMBER_WORDS.pattern + ")", re.IGNORECASE
)
_SCALE_WORD = re.compile(r"\s*(?P<s>thousand|million|billion)\b", re.IGNORECASE)
_BRACKET_OPEN = re.compile(
    r"\s*\(\s*(?:(?:about|around|roughly|some|approximately|approx\.|nearly|almost|more\s+than|over|under|less\s+than|"
    r"up\s+to|at\s+least|just\s+(?:over|under)|c\.|~)\s*)?",
    re.IGNORECASE,
)
_BRACKET_CLOSE = re.compile(r"\s*\)")
_MINUS_BEFORE = re.compile(r"(?:(?i:\bminus)\s*|−\s?|(?:^|(?<=\s))-)$")
_BELOW_ZERO = re.compile(r"\s+below\s+zero\b", re.IGNORECASE)
_MAGNITUDE_BEFORE = re.compile(
    r"(?i:(?:\bmagnitude(?:\s+of)?|\b(?:earth)?quakes?\s+(?:that\s+)?(?:measuring|measured|registering|of))\s*-?\s*)$"
)
_INCH_NUMBER = r"(?P<{}>\d{{1,2}}(?:\.\d+)?|(?i:" + _INCH_WORDS + r")(?![\w-]))"
_INCHES_AFTER = re.compile(  # "6 feet 2 inches", "6ft 2in.", "5-foot-6", "six feet two" (at a clause end)
    rf"\s*,?\s*(?:and\s+)?{_INCH_NUMBER.format('a')}\s*(?:(?i:inch(?:es)?)|in\.|\")"
    rf"|-{_INCH_NUMBER.format('b')}(?![\w-]|\.\d)"
    rf"|\s+{_INCH_NUMBER.format('c')}(?=\s*(?:[,;:)]|\.(?!\d)|$)|\s+(?i:tall|high)\b)"
)
_TEMPERATURE_CUE = re.compile(
    r"\b(?:temperatures?|heat(?:wave)?s?|hot(?:ter|test)?|cold(?:er|est)?|warm(?:er|est|ing)?|cool(?:er|est)?|"
    r"freez\w*|thermometers?|mercury|chill|frost|weather|forecast\w*|highs?\s+of|lows?\s+of)\b",
    re.IGNORECASE,
)
_NOT_TEMPERATURE_AFTER = re.compile(
    r"\s*(?:of|angles?|turns?|north|south|east|west|latitude|longitude|incline|slope|tilt|[NSEW])\b"
)
_MONEY_AFTER_POUNDS = re.compile(
    r"\s*(?:(?:a|per)\s+(?:week|month|year|head|ticket|person|night)\b|in\s+(?:damages|compensation|fines?|funding|aid|"
    r"tax)\b|sterling\b|worth\b|notes?\b|coins?\b)",
    re.IGNORECASE,
)
_PER_HOUR = re.compile(r"\s+(?:an|a|per)\s+hour\b", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"(?i:\b(?:his|her|their|its|my|your|our|both))\s+$")

_MAX_MAGNITUDE = 10.0
_BARE_DEGREES_FAHRENHEIT = (60.0, 140.0)  # bare "degrees" in weather copy above 60 is Fahrenheit (no air is 60°C)


@dataclass(frozen=True)
class MeasureHit:
    """A measure read after (or around) a number; ``low``/``high`` are in the dimension's base unit."""

    dimension: str
    start: int
    end: int
    low: float
    high: float
    qualifier: Qualifier
    confidence: Confidence = Confidence.CLEAR
    note: str | None = None

    def __post_init__(self) -> None:  # 1.8796, not 1.8796000000000002
        object.__setattr__(self, "low", float(f"{self.low:.12g}"))
        object.__setattr__(self, "high", float(f"{self.high:.12g}"))


@dataclass(frozen=True)
class _UnitMatch:
    unit: Unit
    kind: str
    end: int
    compound: bool  # "20-kilometre"
    ambiguous: bool


def measure_after(
    text: str,
    start: int,
    end: int,
    value: float,
    high: float,
    *,
    span_start: int | None = None,
    qualifier: Qualifier = Qualifier.EXACT,
    words: bool = False,
) -> MeasureHit | None:
    """The measure a number (``text[start:end]``, read as ``value``..``high``) states, or None.

    ``span_start`` is where the claim begins (the qualifier's first word); ``words`` tells a number written in
    words, which takes no abbreviated unit ("five m").
    """
    span_start = start if span_start is None else span_start
    window = text[max(0, span_start - 30) : span_start]
    if "agnitude" in window or "uake" in window:
        before = _MAGNITUDE_BEFORE.search(text, max(0, span_start - 40), span_start)
        if before is not None and high <= _MAX_MAGNITUDE:
            after = _unit_at(text, end, value, words, text[start:end])
            stop = end
            if after is not None and after.unit.dimension == "magnitude" and after.kind != "quake":
                stop = after.end
            begin = before.start() if before.group(0).lower().startswith("magnitude") else span_start
            return MeasureHit("magnitude", begin, stop, value, high, qualifier)
    found = _unit_at(text, end, value, words, text[start:end])
    if found is None:
        return _range_with_unit_after(text, start, end, value, span_start, qualifier, words)
    unit, stop = found.unit, found.end
    dimension = unit.dimension
    if dimension == "magnitude":
        if high > _MAX_MAGNITUDE:
            return None
        if found.kind == "quake":
            return MeasureHit("magnitude", span_start, end, value, high, qualifier)  # "a 6.4 quake"
        return MeasureHit("magnitude", span_start, stop, value, high, qualifier)
    if dimension in ("mass", "volume", "length") and _RATE_AFTER.match(text, stop):
        return None  # "1.2m barrels a day", "30 km a day": a rate, not an amount
    if found.kind == "pound-word" and _money_pounds(text, stop):
        return None
    if unit.name == "feet" and words and _POSSESSIVE_BEFORE.search(text, max(0, span_start - 8), span_start):
        return None  # "on his two feet"
    sign = 1.0
    value_start = start
    if dimension == "temperature":
        minus = _MINUS_BEFORE.search(text, max(0, start - 7), start)
        below = _BELOW_ZERO.match(text, stop)
        if minus is not None or below is not None:
            sign = -1.0
            if minus is not None:
                value_start = minus.start()
                span_start = min(span_start, value_start)
            if below is not None:
                stop = below.end()
    low, hi = sign * value, sign * high
    if unit.name == "feet":
        inches = _INCHES_AFTER.match(text, stop)
        if inches is not None:
            extra = _number_value(next(n for n in inches.groups() if n is not None))
            if extra is not None and extra < 12:
                low, hi = low + extra / 12, hi + extra / 12
                stop = inches.end()
    first_text = text[value_start : found.end] if not found.compound else unit.joined(text[value_start:end])
    if found.compound:
        adjective = _ADJECTIVE_AFTER.match(text, stop)
        if adjective is not None:
            stop = adjective.end()
    low_base, high_base = unit.to_base(low), unit.to_base(hi)
    # A range with the unit on both numbers: "5 km to 10 km", "between 5 km and 10 km".
    if value == high and qualifier in (Qualifier.EXACT, Qualifier.RANGE):
        second = _range_second(text, stop, span_start)
        if second is not None and second.unit.dimension == dimension and second.unit.to_base(second.low) > low_base:
            high_base, stop = second.unit.to_base(second.low), second.end
            hi = unit.from_base(high_base)
            qualifier = Qualifier.RANGE
            span_start = _range_opener(text, span_start)
    or_more = _QUALIFIER_AFTER.match(text, stop)
    if or_more is not None and qualifier is Qualifier.EXACT:
        word = or_more.group("q").lower()
        qualifier = {"more": Qualifier.AT_LEAST, "so": Qualifier.ABOUT}.get(word, Qualifier.UP_TO)
        stop = or_more.end()
    confidence = Confidence.AMBIGUOUS if found.ambiguous else Confidence.CLEAR
    note = None
    bracket = _bracket_at(text, stop, dimension)
    if bracket is not None:
        stop = bracket.end
        candidates = _readings(unit) if found.ambiguous else [unit]
        if found.kind == "degrees":  # bare "degrees": the brackets may say which scale
            candidates = [unit, UNITS["celsius" if unit is UNITS["fahrenheit"] else "fahrenheit"]]
        agreeing = [u for u in candidates if _agrees_with(u, low, hi, bracket)]
        if agreeing:
            chosen = agreeing[0]
            low_base, high_base = chosen.to_base(low), chosen.to_base(hi)
            if len(agreeing) == 1:
                confidence = Confidence.CLEAR  # "300 tons (272 tonnes)": the brackets say which ton
        else:
            note = _disagreement(first_text, unit.to_base(low), bracket.stated)
        per_hour = _PER_HOUR.match(text, stop) if dimension == "length" else None
        if per_hour is not None:  # "150 kilometers (93 miles) an hour": a speed, km/h from metres an hour
            dimension, low_base, high_base, stop = "speed", low_base / 1000, high_base / 1000, per_hour.end()
    return MeasureHit(dimension, span_start, stop, low_base, high_base, qualifier, confidence, note)


def _range_with_unit_after(
    text: str, start: int, end: int, value: float, span_start: int, qualifier: Qualifier, words: bool
) -> MeasureHit | None:
    """'5-10 km' when the range reader did not take it (a hyphen before digits): the unit comes after the second."""
    if qualifier not in (Qualifier.EXACT, Qualifier.RANGE) or text[end : end + 1] not in ("-", "–"):
        return None
    second = _range_second(text, end, span_start, words)
    if second is None or second.unit.dimension == "magnitude" or second.low <= value:
        return None
    unit = second.unit
    confidence = Confidence.AMBIGUOUS if second.ambiguous else Confidence.CLEAR
    span_start = _range_opener(text, span_start)
    return MeasureHit(
        unit.dimension,
        span_start,
        second.end,
        unit.to_base(value),
        unit.to_base(second.low),
        Qualifier.RANGE,
        confidence,
    )


def _range_opener(text: str, span_start: int) -> int:
    opener = _RANGE_OPENER_BEFORE.search(text, max(0, span_start - 10), span_start)
    return span_start if opener is None else opener.start()


def _unit_at(text: str, end: int, value: float, words: bool, number_text: str) -> _UnitMatch | None:
    token = _TOKEN.match(text, end)
    if token is None or token.group("t").lower() not in _FIRST_TOKENS:
        return None
    m = _unit_after().match(text, end)
    if m is None:
        return None
    written = " ".join(m.group("u").split())
    entry = _EXACT_SPELLING.get(written) or _CASELESS_SPELLING.get(written.lower())
    if entry is None:  # pragma: no cover - every alternative is in one of the tables
        return None
    unit, kind = entry
    sep = m.group("sep")
    stop = m.end()
    if words and kind in ("abbr", "attached", "metre-m", "inch-dot", "quake"):
        return None  # "five m", "two t": abbreviations follow digits
    if "\n" in sep or len(sep) > 3:
        return None
    ambiguous = unit.ambiguous
    if kind == "attached" and sep:
        return None  # "40C" yes, "40 C" no
    if kind == "metre-m" and not _ADJECTIVE_AFTER.match(text, stop):
        following = _NEXT_WORD.match(text, stop)
        if following is None and not sep:
            return None  # "1.5m." may be a million: not read
        if following is not None and (_plural(following.group("w")) or following.group("w").lower() in _COUNTED):
            return None  # "1.5m people": a million (read elsewhere)
    elif kind == "inch-dot" and not re.match(r"\s+[a-z(]|\s*[),;]", text[stop : stop + 3]):
        return None  # "in." needs lower-case words after it, not a sentence end
    elif kind == "degrees":
        if _NOT_TEMPERATURE_AFTER.match(text, stop) or not _TEMPERATURE_CUE.search(text):
            return None  # "30 degrees of separation", "a 180-degree turn"
        ambiguous = True
        if _BARE_DEGREES_FAHRENHEIT[0] < value <= _BARE_DEGREES_FAHRENHEIT[1]:
            unit = UNITS["fahrenheit"]
    elif kind == "quake" and "." not in number_text:
        return None  # "6 quake victims"; magnitudes are written with a decimal
    return _UnitMatch(unit, kind, stop, sep.strip() == "-", ambiguous)


def _plural(word: str) -> bool:
    lower = word.lower()
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def _money_pounds(text: str, stop: int) -> bool:
    """Whether "pounds" after a number is money by what follows it: "a 50-pound note", "500 pounds a week".

    The money reader runs first and takes "pounds" with money words before it ("fined 500 pounds"); what reaches
    this module is a mass unless the words after it are money's.
    """
    return _MONEY_AFTER_POUNDS.match(text, stop) is not None


def _number_value(written: str) -> float | None:
    written = written.replace("−", "-")
    if written.lstrip("-")[:1].isdigit():
        return parse_digits(written)
    return parse_number_words(written)


@dataclass(frozen=True)
class _Stated:
    """A number with its unit read here: a bracketed conversion, or the second number of a range."""

    low: float
    high: float
    low_text: str
    high_text: str
    unit: Unit
    ambiguous: bool
    end: int
    inner: str  # as written: "60 miles"


def _read_stated(text: str, position: int, allow_range: bool, words_allowed: bool = True) -> _Stated | None:
    """'90 miles', '3-6 miles', '1.2 million tonnes', '−4F', '44-ton' at ``position``."""
    begin = position
    negative = text[position : position + 1] in ("-", "−")
    if negative:
        position += 1
    first = _NUMBER.match(text, position)
    if first is None or (first.group("words") is not None and not words_allowed):
        return None
    low = _number_value(first.group(0))
    if low is None:
        return None
    low_text = high_text = first.group(0)
    high = low
    stop = first.end()
    if allow_range:
        sep = _RANGE_SEP.match(text, stop)
        second = None if sep is None else _NUMBER.match(text, sep.end())  # "(3 and 6 miles)" is a range too
        second_value = None if second is None else _number_value(second.group(0))
        if second is not None and second_value is not None and second_value > low:
            high, high_text, stop = second_value, second.group(0), second.end()
    scale = _SCALE_WORD.match(text, stop)
    if scale is not None:
        factor = SCALES[scale.group("s").lower()]
        low, high, stop = low * factor, high * factor, scale.end()
        low_text, high_text = f"{low_text} {scale.group('s')}", f"{high_text} {scale.group('s')}"
    found = _unit_at(text, stop, low, first.group("words") is not None, first.group(0))
    if found is None or found.unit.dimension == "magnitude":
        return None
    if negative:
        low, high = -low, -high
        low_text, high_text = f"-{low_text}", f"-{high_text}"
    end = found.end
    adjective = _ADJECTIVE_AFTER.match(text, end) if found.compound else None
    if adjective is not None:
        end = adjective.end()
    return _Stated(low, high, low_text, high_text, found.unit, found.ambiguous, end, text[begin:end])


def _range_second(text: str, stop: int, span_start: int, words_allowed: bool = True) -> _Stated | None:
    sep = _RANGE_SEP.match(text, stop)
    if sep is None:
        return None
    if sep.group("sep") == "and" and _RANGE_OPENER_BEFORE.search(text, max(0, span_start - 10), span_start) is None:
        return None  # "5 km and 10 km": "and" makes a range only after "between"
    return _read_stated(text, sep.end(), allow_range=False, words_allowed=words_allowed)


@dataclass(frozen=True)
class _Bracket:
    stated: _Stated
    end: int


def _bracket_at(text: str, stop: int, dimension: str) -> _Bracket | None:
    """A conversion in brackets right after a measure: '(90 miles)', '(44-ton)', '(3-6 miles)'."""
    opening = _BRACKET_OPEN.match(text, stop)
    if opening is None:
        return None
    stated = _read_stated(text, opening.end(), allow_range=True)
    if stated is None or stated.unit.dimension != dimension:
        return None
    closing = _BRACKET_CLOSE.match(text, stated.end)
    if closing is None:
        return None
    return _Bracket(stated, closing.end())


RELATIVE_SLACK = 0.02  # on top of the bracketed number's rounding
MAX_ROUNDING = 0.10  # a rounding step is never taken to be more than a tenth of the number
TEMPERATURE_SLACK = 1.0  # °C, on top of the bracketed number's rounding


def half_step(written: str, value: float) -> float:
    """Half the rounding step of a written number, in its own unit: '90' -> 5, '93' -> 0.5, '1.5' -> 0.05.

    Trailing zeros count as rounding ('90' may be 87 rounded to tens); '1.2 million' -> 50,000.
    """
    parts = written.replace(",", "").lstrip("-−").split()
    head = parts[0] if parts else ""
    scale = SCALES.get(parts[-1].lower(), 1.0) if len(parts) > 1 and head[:1].isdigit() else 1.0
    if "." in head:
        step = 10.0 ** -len(head.split(".")[1])
    else:
        whole = int(float(head)) if head[:1].isdigit() else int(abs(value)) if float(value).is_integer() else 0
        step = 1.0
        while whole and whole % 10 == 0:
            whole //= 10
            step *= 10
    return step * scale / 2


def agrees(first_base: float, second: float, second_text: str, unit: Unit) -> bool:
    """Whether ``second`` (written ``second_text``, in ``unit``) is a fair conversion of ``first_base``.

    Allowed: the bracketed number's rounding (at most a tenth of it) plus 2% (1 °C for temperatures).
    """
    second_base = unit.to_base(second)
    rounding = min(half_step(second_text, second), MAX_ROUNDING * abs(second))
    if unit.dimension == "temperature":
        allowed = rounding * unit.factor + TEMPERATURE_SLACK
    else:
        allowed = rounding * unit.factor + RELATIVE_SLACK * abs(second_base)
    return abs(first_base - second_base) <= allowed * (1 + 1e-9) + 1e-12


def _readings(unit: Unit) -> list[Unit]:
    """The units an ambiguous word may mean, the chosen one first: "tons" -> metric, short, long tons."""
    return [unit, *(Unit(unit.name, unit.dimension, factor, unit.offset) for factor in unit.readings)]


def _agrees_with(unit: Unit, low: float, high: float, bracket: _Bracket) -> bool:
    stated = bracket.stated
    seconds = _readings(stated.unit) if stated.ambiguous else [stated.unit]
    for second in seconds:
        if not agrees(unit.to_base(low), stated.low, stated.low_text, second):
            continue
        if stated.high == stated.low or agrees(unit.to_base(high), stated.high, stated.high_text, second):
            return True
    return False


def _disagreement(first_text: str, first_base: float, stated: _Stated) -> str:
    """'150 kilometers is about 93 miles, not 60 miles': the bracketed reading nearest the first figure."""
    seconds = _readings(stated.unit) if stated.ambiguous else [stated.unit]
    second = min(seconds, key=lambda u: abs(u.to_base(stated.low) - first_base))
    converted = _format(second.from_base(first_base), stated.low_text)
    return f"{first_text} is about {second.joined(converted)}, not {stated.inner}"


def _format(x: float, like: str) -> str:
    """``x`` with the precision of ``like`` (a number as written): 93.2 like '60' -> '93'."""
    number = like.split()[0].lstrip("-−")
    decimals = len(number.split(".")[1]) if "." in number else 0
    if x != 0:
        decimals = max(decimals, 1 - math.floor(math.log10(abs(x))))  # two significant digits at least: "1.5"
    return f"{x:,.{decimals}f}"
