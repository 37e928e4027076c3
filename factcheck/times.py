"""Clock times in a sentence: "5:47 p.m.", "5.46pm", "17:47", "0800 GMT", "noon", "10 a.m. Moscow time".

A time is read as minutes after midnight. A stated zone that is known converts it to UTC (daylight saving from the
publication date: the zone's offset at noon that day); otherwise it stays on the local clock. See
docs/normalization.md ("Dates and times").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from factcheck.intervals import Qualifier
from factcheck.models import Confidence

MINUTES_PER_DAY = 1440

# Zone abbreviations: a fixed offset in minutes east of UTC, or an IANA zone whose offset follows the date.
# CST (US Central or China) and IST (India, Ireland or Israel) are read as the first and marked ambiguous.
FIXED_ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "IST": 330, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "AEST": 600, "AEDT": 660,
    "WAT": 60, "CAT": 120, "EAT": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420,
    "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "NZST": 720, "NZDT": 780,
}  # fmt: skip
AMBIGUOUS_ZONES = frozenset({"CST", "IST"})
DATED_ZONES: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
}  # fmt: skip
# "<name> time": regions, countries with one zone, and cities by their IANA zone.
NAMED_ZONES: dict[str, str | int] = {
    "eastern": "America/New_York", "central": "America/Chicago", "mountain": "America/Denver",
    "pacific": "America/Los_Angeles", "eastern standard": -300, "eastern daylight": -240,
    "central standard": -360, "central daylight": -300, "mountain standard": -420, "mountain daylight": -360,
    "pacific standard": -480, "pacific daylight": -420, "greenwich mean": 0, "coordinated universal": 0,
    "universal": 0, "british summer": 60, "central european": "Europe/Paris", "central european summer": 120,
    "central european standard": 60, "eastern european": "Europe/Athens", "moscow standard": 180,
    "british": "Europe/London", "uk": "Europe/London", "irish": "Europe/Dublin", "french": "Europe/Paris",
    "german": "Europe/Berlin", "swiss": "Europe/Zurich", "italian": "Europe/Rome", "spanish": "Europe/Madrid",
    "ukrainian": "Europe/Kiev", "ukraine": "Europe/Kiev", "israel": "Asia/Jerusalem", "israeli": "Asia/Jerusalem",
    "japan": "Asia/Tokyo", "japanese": "Asia/Tokyo", "india": "Asia/Kolkata", "indian": "Asia/Kolkata",
    "china": "Asia/Shanghai", "chinese": "Asia/Shanghai", "turkish": "Europe/Istanbul", "turkey": "Europe/Istanbul",
    "iran": "Asia/Tehran", "iranian": "Asia/Tehran", "egypt": "Africa/Cairo", "egyptian": "Africa/Cairo",
    "greek": "Europe/Athens", "polish": "Europe/Warsaw", "korean": "Asia/Seoul", "taiwan": "Asia/Taipei",
    "london": "Europe/London", "dublin": "Europe/Dublin", "lisbon": "Europe/Lisbon", "paris": "Europe/Paris",
    "brussels": "Europe/Brussels", "amsterdam": "Europe/Amsterdam", "the hague": "Europe/Amsterdam",
    "berlin": "Europe/Berlin", "frankfurt": "Europe/Berlin", "munich": "Europe/Berlin", "bonn": "Europe/Berlin",
    "geneva": "Europe/Zurich", "zurich": "Europe/Zurich", "bern": "Europe/Zurich", "vienna": "Europe/Vienna",
    "rome": "Europe/Rome", "milan": "Europe/Rome", "madrid": "Europe/Madrid", "barcelona": "Europe/Madrid",
    "stockholm": "Europe/Stockholm", "oslo": "Europe/Oslo", "copenhagen": "Europe/Copenhagen",
    "helsinki": "Europe/Helsinki", "warsaw": "Europe/Warsaw", "prague": "Europe/Prague",
    "budapest": "Europe/Budapest", "bucharest": "Europe/Bucharest", "sofia": "Europe/Sofia",
    "athens": "Europe/Athens", "istanbul": "Europe/Istanbul", "ankara": "Europe/Istanbul", "kyiv": "Europe/Kiev",
    "kiev": "Europe/Kiev", "kharkiv": "Europe/Kiev", "odesa": "Europe/Kiev", "odessa": "Europe/Kiev",
    "lviv": "Europe/Kiev", "moscow": "Europe/Moscow", "st. petersburg": "Europe/Moscow",
    "minsk": "Europe/Minsk", "riga": "Europe/Riga", "vilnius": "Europe/Vilnius", "tallinn": "Europe/Tallinn",
    "belgrade": "Europe/Belgrade", "zagreb": "Europe/Zagreb", "luxembourg": "Europe/Luxembourg",
    "reykjavik": "Atlantic/Reykjavik", "edinburgh": "Europe/London", "jerusalem": "Asia/Jerusalem",
    "tel aviv": "Asia/Jerusalem", "gaza": "Asia/Gaza", "beirut": "Asia/Beirut", "damascus": "Asia/Damascus",
    "baghdad": "Asia/Baghdad", "tehran": "Asia/Tehran", "riyadh": "Asia/Riyadh", "dubai": "Asia/Dubai",
    "abu dhabi": "Asia/Dubai", "doha": "Asia/Qatar", "kabul": "Asia/Kabul", "karachi": "Asia/Karachi",
    "islamabad": "Asia/Karachi", "new delhi": "Asia/Kolkata", "delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
    "dhaka": "Asia/Dhaka", "kathmandu": "Asia/Kathmandu", "bangkok": "Asia/Bangkok", "hanoi": "Asia/Bangkok",
    "jakarta": "Asia/Jakarta", "singapore": "Asia/Singapore", "kuala lumpur": "Asia/Kuala_Lumpur",
    "manila": "Asia/Manila", "hong kong": "Asia/Hong_Kong", "beijing": "Asia/Shanghai",
    "shanghai": "Asia/Shanghai", "taipei": "Asia/Taipei", "seoul": "Asia/Seoul", "pyongyang": "Asia/Pyongyang",
    "tokyo": "Asia/Tokyo", "yangon": "Asia/Yangon", "cairo": "Africa/Cairo", "lagos": "Africa/Lagos",
    "nairobi": "Africa/Nairobi", "johannesburg": "Africa/Johannesburg", "addis ababa": "Africa/Addis_Ababa",
    "khartoum": "Africa/Khartoum", "kinshasa": "Africa/Kinshasa", "algiers": "Africa/Algiers",
    "casablanca": "Africa/Casablanca", "tunis": "Africa/Tunis", "tripoli": "Africa/Tripoli", "accra": "Africa/Accra",
    "dakar": "Africa/Dakar", "washington": "America/New_York", "new york": "America/New_York",
    "boston": "America/New_York", "miami": "America/New_York", "atlanta": "America/New_York",
    "chicago": "America/Chicago", "houston": "America/Chicago", "dallas": "America/Chicago",
    "denver": "America/Denver", "phoenix": "America/Phoenix", "los angeles": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles", "toronto": "America/Toronto",
    "ottawa": "America/Toronto", "montreal": "America/Toronto", "vancouver": "America/Vancouver",
    "mexico city": "America/Mexico_City", "havana": "America/Havana", "caracas": "America/Caracas",
    "bogota": "America/Bogota", "lima": "America/Lima", "santiago": "America/Santiago",
    "buenos aires": "America/Argentina/Buenos_Aires", "sao paulo": "America/Sao_Paulo",
    "são paulo": "America/Sao_Paulo", "brasilia": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo",
    "anchorage": "America/Anchorage", "honolulu": "Pacific/Honolulu", "sydney": "Australia/Sydney",
    "canberra": "Australia/Sydney", "melbourne": "Australia/Melbourne", "brisbane": "Australia/Brisbane",
    "perth": "Australia/Perth", "auckland": "Pacific/Auckland", "wellington": "Pacific/Auckland",
}  # fmt: skip

# "p.m." keeps its closing dot; "pm." leaves the full stop to the sentence.
_MERIDIEM = r"(?P<mer>[AaPp])(?:\.\s?[Mm]\b\.?|[Mm]\b)"
_HOUR_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}  # fmt: skip
# A time is not the tail of a number, a code or a price ("F-16", "$5.46", "1.5:30").
_BEFORE_CLOCK = r"(?<![\w.,:/$€£¥])(?<![A-Za-z]-)"
_HOUR_WORD = r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_DAYPART_AHEAD = r"(?=\s+in\s+the\s+(?:morning|afternoon|evening)\b|\s+at\s+night\b)"
# Times in digits; the leading look-ahead lets the engine skip to digits.
_CLOCK_DIGITS = re.compile(
    rf"(?=\d){_BEFORE_CLOCK}(?:"
    rf"(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s?{_MERIDIEM}"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![:\d]|\.\d)"
    r"|(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)(?=\s?(?:GMT|UTC|Z\b|hrs\b|hours\b|local\s+time\b))"
    r"|(?P<oh>1[0-2]|0?[1-9])\s+o['’]clock\b"
    # "3 in the morning", "10 at night": an hour whose half of the day is said in words
    rf"|(?P<hd>1[0-2]|0?[1-9]){_DAYPART_AHEAD}"
    r")"
)
# Times in words, looked for only when a cheap test finds one of their words (see _has_clock_words).
_CLOCK_WORDS = re.compile(
    rf"{_BEFORE_CLOCK}(?:"
    r"(?:12\s+)?(?P<word>(?i:noon|midday|midnight))\b"
    rf"|(?P<oh>{_HOUR_WORD})\s+o['’]clock\b"
    rf"|(?P<hd>{_HOUR_WORD}){_DAYPART_AHEAD}"
    r")"
)
_ZONE_AFTER = re.compile(
    r"\s?(?P<abbr>UTC|GMT|Z|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|CET|CEST|WET|WEST|BST|MSK|EET|EEST|IST"
    r"|JST|KST|HKT|SGT|AEST|AEDT|WAT|CAT|EAT|AKST|AKDT|HST|NZST|NZDT)"
    r"(?:(?P<sign>[+−-])(?P<offset>1[0-4]|0?\d)(?::?(?P<offset_minutes>[0-5]\d))?)?\b(?![-'’])"
    r"|\s+(?P<local>local\s+time)\b"
    r"|\s+(?P<named>(?:[A-Z][\w'’.]*\s+){1,3})[Tt]ime\b"
)
_DAYPART_AFTER = re.compile(r"\s+(?:in\s+the\s+(?P<part>morning|afternoon|evening)|at\s+(?P<night>night))\b")
# "6:45 tomorrow morning", "9:15 Sunday evening": the half of the day, said with a date that is a claim of its own.
_DAYPART_NEAR = re.compile(
    r"\s+(?:tomorrow|yesterday|this|that|[A-Z][a-z]+day)\s+(?:(?P<part>morning|afternoon|evening)|(?P<night>night))\b"
)
_MERIDIEM_AFTER = re.compile(rf"\s?{_MERIDIEM}")
_HOURS_WORD_AFTER = re.compile(r"\s?(?:hrs|hours)\b")
_AT_BEFORE = re.compile(r"\b(?:at|by|until|before|after|from|around|about)\s+$", re.IGNORECASE)
# "a 21:17 win": a score, not a time.
_SCORE_AFTER = re.compile(r"\s+(?:win|victory|defeat|loss|draw|lead|scoreline|thrashing|triumph|result)\b")
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|(?<=[\s(—–\"“]))(?P<q>(?:just|shortly|soon|right|sometime|some\s+time|a\s+little|not\s+long|moments)"
    r"\s+(?:after|before)|after|before|by|until|till|since|no\s+later\s+than|no\s+earlier\s+than|about|around"
    r"|approximately|roughly|circa|almost|nearly|close\s+to|between|from)\s+$",
    re.IGNORECASE,
)
_RANGE_BETWEEN = re.compile(r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)\s*")
# A bare hour before a range's second time takes its half of the day: "between 9 and 11 a.m.", "9-11 a.m.".
_BARE_HOUR_BEFORE = re.compile(
    r"(?<![\w.,:/$€£¥-])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<sep>-|–|\bto\b|\band\b)\s*$"
)


@dataclass(frozen=True)
class TimeHit:
    """A clock time found in a sentence, with local offsets: minutes after midnight on the ``unit``'s clock.

    ``low`` and ``high`` are equal except for a range ("between 9 and 11 a.m."). ``value_start`` is where the
    time begins after any qualifier words ("shortly after |noon").
    """

    start: int
    end: int
    low: int
    high: int
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    confidence: Confidence = Confidence.CLEAR
    note: str | None = None
    value_start: int | None = None

    @property
    def label(self) -> str:
        if self.low == self.high:
            return f"{clock(self.low)} {self.unit}"
        return f"{clock(self.low)}/{clock(self.high)} {self.unit}"


@dataclass(frozen=True)
class _Reading:
    """A clock time as written, before hedges and zones are applied."""

    start: int
    end: int
    minutes: int
    confident: bool  # the half of the day is stated (or needs no stating: "17:47", "09:30", "noon")
    midnight: bool = False
    high: int | None = None


def clock(minutes: int) -> str:
    """'HH:MM'; 1440 (midnight closing a day: "by midnight") is '24:00'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def find_times(sentence: str, published: dt.date | None) -> list[TimeHit]:
    """Every clock time in the sentence, hedged, and converted to UTC when its zone is stated and known."""
    matches = list(_CLOCK_DIGITS.finditer(sentence))
    if _has_clock_words(sentence):
        matches = sorted([*matches, *_CLOCK_WORDS.finditer(sentence)], key=lambda m: m.start())
    readings = [r for m in matches if (r := _reading(sentence, m)) is not None]
    hits: list[TimeHit] = []
    i = 0
    while i < len(readings):
        reading = readings[i]
        following = readings[i + 1] if i + 1 < len(readings) else None
        joined = _joined(sentence, reading, following)
        if joined is not None:
            hits.append(_hit(sentence, joined, published))
            i += 2
            continue
        hits.append(_hit(sentence, _with_bare_hour(sentence, reading) or reading, published))
        i += 1
    return hits


def _has_clock_words(sentence: str) -> bool:
    return (
        "oon" in sentence
        or "idnight" in sentence
        or "idday" in sentence
        or "clock" in sentence
        or " the morning" in sentence
        or " the afternoon" in sentence
        or " the evening" in sentence
        or " at night" in sentence
        or "NOON" in sentence
        or "MID" in sentence
    )


def _reading(sentence: str, m: re.Match[str]) -> _Reading | None:
    groups: dict[str, str] = dict.fromkeys(("h12", "m12", "mer", "h24", "m24", "hhmm", "oh", "hd", "word"), "")
    groups.update(m.groupdict(default=""))
    end = m.end()
    if groups["h12"]:
        hour = int(groups["h12"]) % 12 + (12 if groups["mer"] in "Pp" else 0)
        return _Reading(m.start(), end, hour * 60 + int(groups["m12"] or 0), True)
    if groups["word"]:
        word = groups["word"]
        if word[0].isupper() and m.start() != 0 and not word.isupper():
            return None  # "Midnight Express", "High Noon": a name
        midnight = word.lower() == "midnight"
        return _Reading(m.start(), end, 0 if midnight else 720, True, midnight=midnight)
    if groups["hhmm"]:
        digits = groups["hhmm"]
        hours_word = _HOURS_WORD_AFTER.match(sentence, end)
        if hours_word is not None:
            at = _AT_BEFORE.search(sentence, max(0, m.start() - 8), m.start())
            if digits[0] != "0" and at is None:
                return None  # "1500 hours of community service"
            end = hours_word.end()
        return _Reading(m.start(), end, int(digits[:2]) * 60 + int(digits[2:]), True)
    if groups["h24"]:
        if _SCORE_AFTER.match(sentence, end):
            return None
        hour, minute = int(groups["h24"]), int(groups["m24"])
        if (hours_word := _HOURS_WORD_AFTER.match(sentence, end)) is not None:
            end = hours_word.end()
        confident = hour == 0 or hour > 12 or groups["h24"].startswith("0")
        return _unsure(sentence, m.start(), end, hour, minute, confident)
    word = groups["oh"] or groups["hd"]
    hour = int(word) if word.isdigit() else _HOUR_WORDS[word.lower()]
    if groups["hd"] and not word.isdigit() and _AT_BEFORE.search(sentence, max(0, m.start() - 8), m.start()) is None:
        return None  # "three in the morning raid": a count, unless a time word leads it ("at three in the morning")
    meridiem = _MERIDIEM_AFTER.match(sentence, end)
    if meridiem is not None:
        hour = hour % 12 + (12 if meridiem.group("mer") in "Pp" else 0)
        return _Reading(m.start(), meridiem.end(), hour * 60, True)
    return _unsure(sentence, m.start(), end, hour, 0, False)


def _unsure(sentence: str, start: int, end: int, hour: int, minute: int, confident: bool) -> _Reading:
    """An hour without a.m. or p.m.: words after it may say the half of the day ("in the morning", "tomorrow
    evening"); without them a time up to 12:59 is read as written and is not sure."""
    if not confident and hour <= 12:
        daypart = _DAYPART_AFTER.match(sentence, end)
        if daypart is not None:
            return _Reading(start, daypart.end(), _apply_daypart(hour, daypart) * 60 + minute, True)
        near = _DAYPART_NEAR.match(sentence, end)
        if near is not None:
            return _Reading(start, end, _apply_daypart(hour, near) * 60 + minute, True)
    return _Reading(start, end, hour * 60 + minute, confident)


def _apply_daypart(hour: int, daypart: re.Match[str]) -> int:
    if daypart.group("part") == "morning":
        return hour % 12
    if daypart.group("night") and (hour == 12 or hour < 6):
        return hour % 12  # "two at night" is 2 a.m.; "12 at night" midnight
    return hour % 12 + 12


def _joined(sentence: str, first: _Reading, second: _Reading | None) -> _Reading | None:
    """Two times joined into a range: "9 a.m. to 5 p.m.", "between 10:30 a.m. and noon"."""
    if second is None or second.minutes <= first.minutes:
        return None
    between = _RANGE_BETWEEN.fullmatch(sentence, first.end, second.start)
    if between is None or not _range_lead_ok(sentence, first.start, between):
        return None
    return _Reading(first.start, second.end, first.minutes, first.confident and second.confident, high=second.minutes)


def _with_bare_hour(sentence: str, second: _Reading) -> _Reading | None:
    """A bare hour before a time with a.m./p.m. taken in as a range's start: "9-11 a.m.", "between 11 and 1 p.m."."""
    bare = _BARE_HOUR_BEFORE.search(sentence, max(0, second.start - 14), second.start)
    if bare is None or not _range_lead_ok(sentence, bare.start(), bare):
        return None
    word_before = re.search(r"([A-Za-z]+)\.?\s+$", sentence[max(0, bare.start() - 12) : bare.start()])
    if word_before is not None and word_before.group(1)[0].isupper() and word_before.group(1) not in _RANGE_LEADS:
        return None  # "Jan. 4 to 6 p.m.", "Page 9 to 11 a.m.": the number belongs to the word before it
    half = second.minutes // 720 * 720
    low = int(bare.group("h")) % 12 * 60 + int(bare.group("m") or 0) + half
    if low >= second.minutes:
        low -= 720  # "11 to 1 p.m.": the first hour is in the morning
    if low < 0:
        return None
    return _Reading(bare.start(), second.end, low, second.confident, high=second.minutes)


_RANGE_LEADS = frozenset({"Between", "From", "At", "By", "Until", "About", "Around"})


def _range_lead_ok(sentence: str, start: int, between: re.Match[str]) -> bool:
    """'and' joins a range only after 'between'."""
    if "and" not in between.group(0):
        return True
    return re.search(r"\bbetween\s+$", sentence[max(0, start - 9) : start], re.IGNORECASE) is not None


def _hit(sentence: str, reading: _Reading, published: dt.date | None) -> TimeHit:
    start, end = reading.start, reading.end
    low = reading.minutes
    high = reading.high if reading.high is not None else reading.minutes
    confidence = Confidence.CLEAR if reading.confident else Confidence.AMBIGUOUS
    qualifier = Qualifier.EXACT
    value_start = start
    lead = _QUALIFIER_BEFORE.search(sentence, max(0, start - 24), start)
    if lead is not None:
        word = " ".join(lead.group("q").lower().split())
        if reading.high is not None:
            if word in ("between", "from"):
                start = lead.start("q")
            qualifier = Qualifier.RANGE
        elif word not in ("between", "from"):
            qualifier = _qualifier(word)
            start = lead.start("q")
    elif reading.high is not None:
        qualifier = Qualifier.RANGE
    # "before midnight", "by midnight": the midnight that closes the day.
    if reading.midnight and qualifier in (Qualifier.LESS_THAN, Qualifier.UP_TO, Qualifier.ALMOST):
        low = high = MINUTES_PER_DAY
    unit = "local"
    zone = _ZONE_AFTER.match(sentence, end)
    if zone is not None:
        offset, zone_confidence = _zone_offset(zone, published)
        if offset is not None:
            end = zone.end()
            if zone.group("local") is None:
                unit = "UTC"
                low, high = _shift(low, -offset), _shift(high, -offset)
                if _twenty_four_hour(zone):
                    confidence = Confidence.CLEAR  # "9:30 GMT", "10:00 CET": a zone that keeps a 24-hour clock
            if zone_confidence is Confidence.AMBIGUOUS:
                confidence = Confidence.AMBIGUOUS
    return TimeHit(start, end, low, high, unit, qualifier, confidence, None, value_start)


def _twenty_four_hour(zone: re.Match[str]) -> bool:
    """Whether times in the zone are written on the 24-hour clock: UTC, and zones outside North America."""
    abbr = zone.group("abbr")
    if abbr:
        return abbr not in _TWELVE_HOUR_ABBREVIATIONS
    known = NAMED_ZONES.get(" ".join(zone.group("named").lower().split()))
    return isinstance(known, str) and not known.startswith(("America/", "Pacific/Honolulu"))


_TWELVE_HOUR_ABBREVIATIONS = frozenset(
    {"ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "AKDT", "HST", "IST"}
)


def _qualifier(word: str) -> Qualifier:
    if word.endswith("after") or word == "no earlier than":
        return Qualifier.MORE_THAN if word != "no earlier than" else Qualifier.AT_LEAST
    if word.endswith("before"):
        return Qualifier.LESS_THAN
    if word == "since":
        return Qualifier.AT_LEAST
    if word in ("by", "until", "till", "no later than"):
        return Qualifier.UP_TO
    if word in ("almost", "nearly", "close to"):
        return Qualifier.ALMOST
    return Qualifier.ABOUT


def _shift(minutes: int, by: int) -> int:
    """Minutes moved round the clock; a closing midnight (1440) stays closing."""
    shifted = (minutes + by) % MINUTES_PER_DAY
    return MINUTES_PER_DAY if shifted == 0 and minutes == MINUTES_PER_DAY else shifted


def _zone_offset(zone: re.Match[str], published: dt.date | None) -> tuple[int | None, Confidence]:
    """The zone's offset east of UTC in minutes (0 for 'local time'), None when the zone is not known."""
    if zone.group("local"):
        return 0, Confidence.CLEAR
    abbr = zone.group("abbr")
    if abbr:
        if abbr in DATED_ZONES:
            return zone_offset(DATED_ZONES[abbr], published)
        offset = FIXED_ZONES[abbr]
        if zone.group("sign"):
            sign = 1 if zone.group("sign") == "+" else -1
            offset += sign * (int(zone.group("offset")) * 60 + int(zone.group("offset_minutes") or 0))
        return offset, Confidence.AMBIGUOUS if abbr in AMBIGUOUS_ZONES else Confidence.CLEAR
    name = " ".join(zone.group("named").lower().split())
    known = NAMED_ZONES.get(name)
    if known is None:
        return None, Confidence.CLEAR
    if isinstance(known, int):
        return known, Confidence.CLEAR
    return zone_offset(known, published)


@functools.lru_cache(maxsize=4096)
def zone_offset(zone: str, on: dt.date | None) -> tuple[int, Confidence]:
    """A zone's offset east of UTC in minutes at noon on ``on``; without a date its standard time, ambiguous when
    the zone keeps daylight saving."""
    info = ZoneInfo(zone)
    if on is not None:
        return _offset_at(info, on), Confidence.CLEAR
    winter, summer = _offset_at(info, dt.date(2022, 1, 15)), _offset_at(info, dt.date(2022, 7, 15))
    return min(winter, summer), Confidence.CLEAR if winter == summer else Confidence.AMBIGUOUS


def _offset_at(info: ZoneInfo, on: dt.date) -> int:
    offset = dt.datetime(on.year, on.month, on.day, 12, tzinfo=info).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def to_utc(minutes: int, zone: str, on: dt.date | None) -> int:
    """A time on a zone's clock (an abbreviation, a '<name> time' name or an IANA zone) as minutes UTC."""
    return _shift(minutes, -_named_offset(zone, on))


def from_utc(minutes: int, zone: str, on: dt.date | None) -> int:
    """Minutes UTC on a zone's clock: the inverse of :func:`to_utc`."""
    return _shift(minutes, _named_offset(zone, on))


def _named_offset(zone: str, on: dt.date | None) -> int:
    if zone in FIXED_ZONES:
        return FIXED_ZONES[zone]
    known = DATED_ZONES.get(zone) or NAMED_ZONES.get(zone.lower(), zone)
    if isinstance(known, int):
        return known
    return zone_offset(known, on)[0]
