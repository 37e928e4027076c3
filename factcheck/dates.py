"""Dates in a sentence, resolved against the article's publication date ("on Wednesday", "last month", "1/12/2022").

Every reader is anchored on a month or weekday name, a digit or a relative word; see docs/normalization.md
("Dates and times") for the conventions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from factcheck.intervals import Qualifier
from factcheck.models import ClaimRole, Confidence

DateOrder = Literal["day-first", "month-first"]
DATE_ORDERS: tuple[DateOrder, ...] = ("day-first", "month-first")

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A month name ends where the word ends: "Jun" is not the start of "Junior", nor "Mar" of "Marines".
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?!\w)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_APOS = r"['’]"
# The second day of a range is a day, not the start of a number, a time or a percentage ("Jan. 4 to 6 p.m.").
_DAY2_END = r"\b(?![-–/.:,]?\d|\s*(?:%|per\s?cent\b|[ap]\.?\s?m\b|thousand\b|million\b|billion\b|hundred\b))"
_RANGE_TO = r"(?:\s*[-–]\s*|\s+(?:to|through|until|till)\s+)"

# Each pattern opens with a look-ahead at its first character: the engine then skips to the places it can match.
_MONTH_DAY = re.compile(
    rf"(?=[JFMASOND])\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b"
    rf"(?:(?P<to>{_RANGE_TO}|\s+and\s+)(?:(?P<month2>{_MONTH})\s+)?(?P<day2>{_DAY}){_DAY2_END})?"
    rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
)
_DAY_MONTH = re.compile(
    rf"(?=\d)\b(?:(?P<day0>{_DAY})(?P<to>\s*[-–]\s*|\s+to\s+))?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})"
    rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
)
_MONTH_YEAR = re.compile(rf"(?=[JFMASOND])\b(?P<month>{_MONTH})\s+(?:of\s+)?(?P<year>{_YEAR})\b")
_MONTH_ALONE = re.compile(
    rf"\b(?P<lead>in|since|by|until|till|during|before|after|from|through|of|early|late|mid-|last|next|this|a|the)"
    rf"\s*(?P<month>{_MONTH})(?![\w.]*\s+\d)\b"
)
# ISO "2022-01-12"; "1/12/2022", "01/12/22", "12.01.2022", "01-12-2022" read by the article's day/month order.
_DIGIT_DATE = re.compile(
    rf"(?=\d)(?<![\w./:,$€£-])(?:(?P<iso_year>{_YEAR})-(?P<iso_month>\d\d)-(?P<iso_day>\d\d)(?![\w/]|[-.]\d)"
    r"|(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d\d)(?![\w/%]|[.,:-]\d))"
)
# Two numbers with a slash: a fraction ("1/2", "3/4") or a name ("9/11", "24/7", "50/50").
_SLASH_PAIR = re.compile(r"(?=\d)(?<![\w./:,$€£-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.,:]\d)")
_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 16, 32, 64})
_MIXED_NUMBER_BEFORE = re.compile(r"\d[ -]$")
_WEEKDAY_RE = re.compile(rf"(?=[MTWFS])\b(?P<weekday>{_WEEKDAY})(?P<poss>{_APOS}s)?\b")
_WEEKDAY_REL = re.compile(r"\b(?P<rel>last|next|this|on|by|until|since|from)\s+$", re.IGNORECASE)
# "Friday, Jan. 14", "Friday 14 January", "Friday, the 14th of January": a weekday stated with its date.
_WEEKDAY_BEFORE = re.compile(rf"\b(?P<weekday>{_WEEKDAY}),?\s+(?:the\s+)?$")
_RELATIVE = re.compile(
    r"(?=[tTyYlLnNpPeE])\b(?:(?P<word>today|yesterday|tomorrow|tonight)"
    r"|(?P<rel>(?:earlier|later)\s+this|last|this|next|past)\s+"
    r"(?P<period>week(?:end)?|month|year|morning|afternoon|evening|night))\b",
    re.IGNORECASE,
)
_YEAR_ALONE = re.compile(
    rf"(?=[12])(?<![\w$€£.,/-])(?P<year>{_YEAR})(?:(?P<decade>{_APOS}?s)\b|(?![\w]|[.,/]\d|\s*%|\s?(?:GMT|UTC)\b))"
)
_YEAR_LEAD = re.compile(r"\b(?P<lead>in|since|by|until|till|before|after|from|of|during|through)\s+$", re.IGNORECASE)
_YEAR_RANGE = re.compile(
    rf"\s*(?:[-–]|\bto\b|\buntil\b|\bthrough\b|\band\b)\s*(?P<year2>{_YEAR}|\d\d)\b(?![-.,/]\d|\s*%)"
)
# After the second day of "Jan. 20 and 21": the end of the phrase, not a counted noun ("Jan. 20 and 21 people").
_LISTED_DAY_END = re.compile(
    r"(?:,?\s+(?:1[89]|20)\d\d)?(?:\s*(?:[,.;:)—–]|$)|\s+(?:in|at|on|for|to|when|as|and|with|after|before"
    r"|during|while|but|or|respectively)\b|\s+[A-Z])"
)
_FROM_BEFORE = re.compile(r"\b[Ff]rom\s+$")
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
# "The meeting was moved from Jan. 4 to Jan. 6": two dates, not a range.
_RESCHEDULED = re.compile(
    r"\b(?:mov|postpon|delay|push|pushed|brought|bring|reschedul|chang|shift|advanc|put\s+back|put\s+off)\w*"
    r"(?:\s+[\w'’]+){0,4}\s+from\s+$",
    re.IGNORECASE,
)

# Tense markers near a weekday: the nearest decides whether "Wednesday" is past or coming.
_FUTURE = re.compile(
    rf"\b(?:will|shall|won{_APOS}t|(?:is|are|was|were)\s+(?:due|set|scheduled|slated|expected|planned|going)\s+to"
    r"|scheduled|slated|upcoming|expected|plans?\s+to|next|ahead\s+of|begins|starts|meets|opens"
    # present tense of a schedule: "talks move to Brussels on Wednesday", "the council reconvenes Friday"
    r"|moves?|heads?|shifts?|resumes?|reconvenes?|continues?|follows?|convenes?)\b"
    rf"|{_APOS}ll\b",
    re.IGNORECASE,
)
# Past-tense words: these, and any word of five letters or more ending in "-ed" (a token test is cheaper than one
# regular expression with every word in it).
_PAST_WORDS = frozenset(
    """
    said says told was were had did ended met held began started took came went spoke left made gave
    fell rose won lost struck sank fought ran flew drew grew threw broke wrote sold bought brought thought
    caught sent spent built kept felt led fled paid laid rode stood sat swore froze chose woke became forgot
    got overtook shook saw knew blew found heard meant slept sought stuck swung hung rang sang sprang drank
    shrank spun dug tore wore stole hid bit slid dove drove arose ate bled swept wept dealt
    """.split()
)
_WORD_TOKEN = re.compile(r"[A-Za-z]+")
_PAST_OR_PRESENT = re.compile(r"\b(?:hit|cut|put|shut|quit|let|cost|spread|burst|read|beat|bet|hurt|split|upset)\b")
_FUTURE_ED = frozenset({"scheduled", "expected", "planned", "slated", "anticipated", "proposed"})
# "said Sunday", "told reporters on Thursday", "Speaking Sunday": the day of a statement, not of the event.
_STATEMENT_LEAD = re.compile(
    r"\b(?i:said|says|told|tells|speaking|spoke|reported|wrote|announced|stated|added|tweeted|posted|warned"
    r"|insisted|argued|noted|explained|asked|declared|predicted|acknowledged)"
    r"(?:\s+(?:reporters|journalists|the\s+press|a\s+briefing|a\s+press\s+conference|in\s+an?\s+\w+|on|at|in|to"
    r"|a|an|the|press|news|conference|briefing|interview|\w+['’]s|[A-Z][\w.-]*|[\"“][^\"”]{1,40}[\"”]))*"
    r"\s+(?:on\s+)?$"
)


@dataclass(frozen=True)
class DateHit:
    """A date expression found in a sentence, with local offsets and its resolved first and last day.

    ``note`` says what is wrong within the words themselves (a weekday that is not the date's); ``confidence`` is
    ``ambiguous`` when the words allow another date (an undeclared day/month order, "next Friday" early in a week).
    """

    start: int
    end: int
    first: dt.date
    last: dt.date
    resolution: str
    qualifier: Qualifier = Qualifier.EXACT
    role: ClaimRole = ClaimRole.EVENT
    confidence: Confidence = Confidence.CLEAR
    note: str | None = None

    @property
    def label(self) -> str:
        if self.resolution == "day":
            return self.first.isoformat()
        if self.resolution == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        if self.resolution == "year":
            if self.first.year != self.last.year:
                return f"{self.first.year:04d}/{self.last.year:04d}"
            return f"{self.first.year:04d}"
        if self.resolution == "week":
            year, week, _ = self.first.isocalendar()
            return f"{year:04d}-W{week:02d}"
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def nearest_year(month: int, day: int, published: dt.date, weekday: int | None = None) -> dt.date | None:
    """The date with this month and day closest to the publication date ("Dec. 7" in Jan. 2022 -> 2021-12-07).

    With a stated ``weekday``, a date within 200 days that falls on it is preferred to a nearer one that does
    not ("Tuesday, Jan. 3" read on 2022-07-03 is 2023-01-03).
    """
    candidates: list[dt.date] = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    candidates.sort(key=lambda d: abs((d - published).days))
    if weekday is not None:
        for candidate in candidates:
            if candidate.weekday() == weekday and abs((candidate - published).days) <= 200:
                return candidate
    return candidates[0]


def weekday_note(stated: int, date: dt.date) -> str | None:
    """The note of a date stated with a weekday that is not its own, or None when they agree."""
    if date.weekday() == stated:
        return None
    return f"says {WEEKDAY_NAMES[stated]}, but {date.isoformat()} is a {WEEKDAY_NAMES[date.weekday()]}"


def two_digit_year(yy: int, published: dt.date | None) -> int:
    """'22' -> 2022: the century that puts the year at most ten years after the publication date."""
    reference = published.year if published is not None else 2000
    year = reference - reference % 100 + yy
    if year > reference + 10:
        year -= 100
    elif year <= reference - 90:
        year += 100
    return year


def read_numeric(
    a: int, b: int, year: int, separator: str, date_order: DateOrder | None, weekday: int | None = None
) -> tuple[dt.date, Confidence] | None:
    """A numeric date's day: dotted dates are day-first; others follow ``date_order`` (month-first by default).

    Without a declared order, two valid readings that differ are ``ambiguous`` unless a stated weekday picks one.
    A reading the declared order forbids is taken when it is the only valid one, as ``ambiguous``.
    """
    month_first = _date_or_none(year, a, b)
    day_first = _date_or_none(year, b, a)
    order: DateOrder = "day-first" if separator == "." else (date_order or "month-first")
    declared = separator == "." or date_order is not None
    preferred, other = (day_first, month_first) if order == "day-first" else (month_first, day_first)
    if preferred is None:
        if other is None:
            return None
        return other, Confidence.AMBIGUOUS if declared else Confidence.CLEAR
    if other is None or other == preferred or declared:
        return preferred, Confidence.CLEAR
    if weekday is not None and (preferred.weekday() == weekday) != (other.weekday() == weekday):
        return (preferred if preferred.weekday() == weekday else other), Confidence.CLEAR
    return preferred, Confidence.AMBIGUOUS


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(
    sentence: str,
    published: dt.date | None,
    *,
    date_order: DateOrder | None = None,
    blocked: list[tuple[int, int]] | None = None,
) -> list[DateHit]:
    """Every date expression in the sentence; relative ones are left out when there is no publication date.

    ``date_order`` is the article's declared order of numeric dates. Date-shaped words that are no date
    ("13/13/2022", "9/11", "24/7") are added to ``blocked``, when given, so that no number is read in them.
    """
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(hit: DateHit) -> None:
        hits.append(hit)
        taken.append((hit.start, hit.end))

    def block(start: int, end: int) -> None:
        taken.append((start, end))
        if blocked is not None:
            blocked.append((start, end))

    for m in _DIGIT_DATE.finditer(sentence):
        if not m.group("iso_year"):
            _numeric(sentence, m, published, date_order, add, block)
            continue
        date = _date_or_none(int(m.group("iso_year")), int(m.group("iso_month")), int(m.group("iso_day")))
        if date is None:
            block(m.start(), m.end())
        else:
            add(_day_hit(sentence, m.start(), m.end(), date, date))
    if "/" in sentence:
        for m in _SLASH_PAIR.finditer(sentence):
            a, b = int(m.group("a")), int(m.group("b"))
            mixed = _MIXED_NUMBER_BEFORE.search(sentence, max(0, m.start() - 2), m.start())
            if not ((a < b and b in _FRACTION_DENOMINATORS) or mixed) and free(m.start(), m.end()):
                block(m.start(), m.end())
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        position = 0
        while (found := pattern.search(sentence, position)) is not None:
            position = found.end()
            if not free(found.start(), found.end()) or _is_may_verb(found.group("month"), sentence, found.start()):
                continue
            for hit in _month_day(sentence, found, published):
                add(hit)
                position = max(hit.end, found.start() + 1)
    for m in _MONTH_YEAR.finditer(sentence):
        if free(m.start(), m.end()):
            first, last = month_span(int(m.group("year")), month_number(m.group("month")))
            add(DateHit(m.start(), m.end(), first, last, "month"))
    if published is not None:
        for m in _MONTH_ALONE.finditer(sentence):
            start = m.start("month")
            if not free(start, m.end()) or _is_may_verb(m.group("month"), sentence, start, strict=True):
                continue
            month = month_number(m.group("month"))
            lead = m.group("lead").lower()
            year = _month_year(month, lead, published, sentence)
            first, last = month_span(year, month)
            span_start = m.start() if lead in ("last", "next", "this") else start
            add(DateHit(span_start, m.end(), first, last, "month"))
        for m in _WEEKDAY_RE.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            lead = _WEEKDAY_REL.search(sentence, max(0, m.start() - 7), m.start())
            rel = lead.group("rel").lower() if lead else ""
            date, confidence = _resolve_weekday(
                WEEKDAYS[m.group("weekday").lower()], rel, sentence, m.start(), published
            )
            start = lead.start() if lead and rel in ("last", "next", "this") else m.start()
            role = ClaimRole.EVENT if m.group("poss") else _role(sentence, start)
            add(DateHit(start, m.end(), date, date, "day", role=role, confidence=confidence))
        for m in _RELATIVE.finditer(sentence):
            if not free(m.start(), m.end()) or _title_cased_name(sentence, m):
                continue
            relative = _relative(m, published)
            if relative is not None:
                add(relative)
    for m in _YEAR_ALONE.finditer(sentence):
        if m.group("decade"):
            decade = int(m.group("year"))
            if decade % 10 == 0 and free(m.start(), m.end()):  # "the 1990s"
                add(DateHit(m.start(), m.end(), dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "year"))
            continue
        if free(m.start(), m.end()) and not _counts_something(sentence, m.end()):
            hit = _year(sentence, m)
            if free(hit.start, hit.end):
                add(hit)
    hits.sort(key=lambda h: h.start)
    return hits


def _day_hit(
    sentence: str,
    start: int,
    end: int,
    first: dt.date,
    last: dt.date,
    *,
    qualifier: Qualifier = Qualifier.EXACT,
    confidence: Confidence = Confidence.CLEAR,
) -> DateHit:
    """A day (or days) hit, widened to a weekday stated before it ("Friday, Jan. 14") and noted when the weekday
    is not the (first) day's."""
    note = None
    weekday = _WEEKDAY_BEFORE.search(sentence, max(0, start - 16), start)
    if weekday is not None:
        start = weekday.start()
        note = weekday_note(WEEKDAYS[weekday.group("weekday").lower()], first)
    lead = _FROM_BEFORE.search(sentence, max(0, start - 5), start) if qualifier is Qualifier.RANGE else None
    if lead is not None:
        start = lead.start()  # "from Dec. 30 to Jan. 3", as "from 2011 to 2017"
    resolution = "day" if first == last else "range"
    return DateHit(
        start,
        end,
        first,
        last,
        resolution,
        qualifier=qualifier,
        role=_role(sentence, start),
        confidence=confidence,
        note=note,
    )


def _stated_weekday(sentence: str, start: int) -> int | None:
    m = _WEEKDAY_BEFORE.search(sentence, max(0, start - 16), start)
    return WEEKDAYS[m.group("weekday").lower()] if m else None


def _numeric(
    sentence: str,
    m: re.Match[str],
    published: dt.date | None,
    date_order: DateOrder | None,
    add: Callable[[DateHit], None],
    block: Callable[[int, int], None],
) -> None:
    separator, year_text = m.group("sep"), m.group("year")
    if len(year_text) == 2 and (separator == "-" or (separator == "." and len(m.group("a") + m.group("b")) < 4)):
        return  # "3-4-22", "2.10.15": a score or a version number, not a date
    year = int(year_text) if len(year_text) == 4 else two_digit_year(int(year_text), published)
    read = read_numeric(
        int(m.group("a")), int(m.group("b")), year, separator, date_order, _stated_weekday(sentence, m.start())
    )
    if read is None:
        block(m.start(), m.end())
        return
    date, confidence = read
    add(_day_hit(sentence, m.start(), m.end(), date, date, confidence=confidence))


def _month_day(sentence: str, m: re.Match[str], published: dt.date | None) -> list[DateHit]:
    """'Jan. 12', '12 January 2022', 'Friday, Jan. 14', 'January 4-6', '4-6 January', 'Jan. 30 to Feb. 2';
    'Jan. 20 and 21' is two days."""
    groups = m.groupdict()
    month, day = month_number(groups["month"]), _day_number(groups["day"])
    year = int(groups["year"]) if groups.get("year") else None
    weekday = _stated_weekday(sentence, m.start())
    if groups.get("day2"):
        month2 = month_number(groups["month2"]) if groups.get("month2") else month
        day2 = _day_number(groups["day2"])
        connector = groups["to"].strip()
        if connector == "and":
            first = _resolve_day(month, day, year, published, weekday)
            second = _resolve_day(month2, day2, year, published, None)
            if first is not None and second is not None and _LISTED_DAY_END.match(sentence, m.end("day2")):
                return [
                    _day_hit(sentence, m.start(), m.end("day"), first, first),
                    _day_hit(
                        sentence,
                        m.start("day2") if not groups["month2"] else m.start("month2"),
                        m.end(),
                        second,
                        second,
                    ),
                ]
        else:
            moved = connector in ("to", "until", "till") and _RESCHEDULED.search(
                sentence, max(0, m.start() - 60), m.start()
            )
            if not moved:
                span = _day_span((month, day), (month2, day2), year, published)
                if span is not None:
                    return [_day_hit(sentence, m.start(), m.end(), *span, qualifier=Qualifier.RANGE)]
        # Two dates after all ("moved from Jan. 4 to Jan. 6", "Jan. 30 to 2"): the first alone.
        date = _resolve_day(month, day, None, published, weekday)
        return [] if date is None else [_day_hit(sentence, m.start(), m.end("day"), date, date)]
    if groups.get("day0"):
        span = _day_span((month, _day_number(groups["day0"])), (month, day), year, published)
        if span is None:
            return []
        return [_day_hit(sentence, m.start(), m.end(), *span, qualifier=Qualifier.RANGE)]
    date = _resolve_day(month, day, year, published, weekday)
    return [] if date is None else [_day_hit(sentence, m.start(), m.end(), date, date)]


def _resolve_day(
    month: int, day: int, year: int | None, published: dt.date | None, weekday: int | None
) -> dt.date | None:
    if year is not None:
        return _date_or_none(year, month, day)
    if published is None:
        return None
    return nearest_year(month, day, published, weekday)


def _day_span(
    start: tuple[int, int], end: tuple[int, int], year: int | None, published: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a range of days; a stated year is the last day's ("Dec. 30 to Jan. 2, 2022")."""
    if year is not None:
        last = _date_or_none(year, *end)
        first = _date_or_none(year if start <= end else year - 1, *start)
    else:
        if published is None:
            return None
        first = nearest_year(*start, published)
        if first is None:
            return None
        last = _date_or_none(first.year if start <= end else first.year + 1, *end)
    if first is None or last is None or not first < last or (last - first).days > 62:
        return None
    return first, last


def _day_number(token: str) -> int:
    return int(token.rstrip("stndrh"))


def _year(sentence: str, m: re.Match[str]) -> DateHit:
    """'in 2014', 'since 2014' (at least), 'by 2030' (up to); 'between 2014 and 2016', '2014-15' (a range)."""
    year = int(m.group("year"))
    lead = _YEAR_LEAD.search(sentence, max(0, m.start() - 12), m.start())
    lead_word = lead.group("lead").lower() if lead else ""
    after = _YEAR_RANGE.match(sentence, m.end())
    if after is not None:
        second = after.group("year2")
        year2 = int(second) if len(second) == 4 else year - year % 100 + int(second)
        if year2 < year and len(second) == 2:
            year2 += 100
        connector = sentence[m.end() : after.start("year2")].strip().lower()
        between = _BETWEEN_BEFORE.search(sentence, max(0, m.start() - 9), m.start())
        joined = (
            connector in ("-", "–")
            or (connector == "and" and between is not None and between.group(0).lower().startswith("between"))
            or (connector in ("to", "until", "through") and lead_word == "from")
        )
        if joined and year < year2 <= year + 100:
            start = m.start()
            if connector == "and" and between is not None:
                start = between.start()
            elif connector not in ("-", "–") and lead is not None:
                start = lead.start("lead")
            last = dt.date(year2, 12, 31)
            return DateHit(start, after.end(), dt.date(year, 1, 1), last, "year", qualifier=Qualifier.RANGE)
    qualifier = _year_qualifier(lead_word)
    return DateHit(m.start(), m.end(), dt.date(year, 1, 1), dt.date(year, 12, 31), "year", qualifier=qualifier)


def _is_may_verb(token: str, sentence: str, start: int, strict: bool = False) -> bool:
    """'May' and 'March' are also words; read them as months only in date-like company."""
    word = token.lower().rstrip(".")
    if word not in ("may", "march", "mar"):
        return False
    if not token[0].isupper():
        return True
    if strict:
        before = sentence[max(0, start - 12) : start].lower()
        return not re.search(r"\b(?:in|since|by|until|during|early|late|last|next|this|mid-)\s*$", before)
    return False


def _month_year(month: int, lead: str, published: dt.date, sentence: str) -> int:
    if lead == "last":
        return published.year if month < published.month else published.year - 1
    if lead == "next":
        return published.year if month > published.month else published.year + 1
    if lead == "this":
        return published.year
    # A month without a year: the nearest one, looking back unless the sentence speaks of the future.
    future = _tense(sentence, sentence.lower().find(calendar.month_name[month].lower())) == "future"
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _resolve_weekday(
    weekday: int, rel: str, sentence: str, position: int, published: dt.date
) -> tuple[dt.date, Confidence]:
    """The day a weekday names, and whether another was as likely.

    "next Friday" said on a Wednesday may be the Friday two days on or the one after; "last Monday" said on a
    Friday may be four days back or eleven: both read the nearest and are ``ambiguous``. A weekday with no tense
    anywhere in the sentence is read as past and is ``ambiguous`` too.
    """
    delta_back = (published.weekday() - weekday) % 7
    delta_forward = (weekday - published.weekday()) % 7
    if rel == "last":
        back = delta_back or 7
        same_week = back < 7 and weekday < published.weekday()
        return published - dt.timedelta(days=back), Confidence.AMBIGUOUS if same_week else Confidence.CLEAR
    if rel == "next":
        forward = delta_forward or 7
        same_week = forward < 7 and weekday > published.weekday()
        return published + dt.timedelta(days=forward), Confidence.AMBIGUOUS if same_week else Confidence.CLEAR
    if rel == "this":
        # "this Friday": the one in the publication's week, looking forward when it is later in the week.
        if delta_forward <= 3:
            return published + dt.timedelta(days=delta_forward), Confidence.CLEAR
        return published - dt.timedelta(days=delta_back), Confidence.CLEAR
    if rel == "since":
        return published - dt.timedelta(days=delta_back), Confidence.CLEAR
    tense = _tense(sentence, position)
    if tense == "future":
        return published + dt.timedelta(days=delta_forward), Confidence.CLEAR
    # A verb that is past or present alike ("the quake hit on Tuesday") gives no tense, but a reading as past.
    unsure = tense == "none" and delta_back and not _PAST_OR_PRESENT.search(sentence)
    confidence = Confidence.AMBIGUOUS if unsure else Confidence.CLEAR
    return published - dt.timedelta(days=delta_back), confidence


def _tense(sentence: str, position: int) -> str:
    """'future' or 'past', from the tense marker nearest to ``position``; 'none' when there is none."""
    best: tuple[int, str] | None = None
    for start, end, marker_tense in _tense_markers(sentence):
        distance = position - end if end <= position else start - position
        if distance < 0:
            continue
        # A marker before the date governs it more often than one after: weigh those after a little more.
        weight = distance if end <= position else distance + 8
        if best is None or weight < best[0] or (weight == best[0] and marker_tense == "future"):
            best = (weight, marker_tense)
    return best[1] if best else "none"


@functools.lru_cache(maxsize=64)
def _tense_markers(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Where the sentence's tense markers stand, and the tense of each ("expected" is future)."""
    markers = [(m.start(), m.end(), "future") for m in _FUTURE.finditer(sentence)]
    for m in _WORD_TOKEN.finditer(sentence):
        word = m.group(0).lower()
        if word in _PAST_WORDS or (len(word) >= 5 and word.endswith("ed")):
            markers.append((m.start(), m.end(), "future" if word in _FUTURE_ED else "past"))
    return tuple(markers)


def _role(sentence: str, start: int) -> ClaimRole:
    before = sentence[max(0, start - 80) : start]
    return ClaimRole.STATEMENT if _STATEMENT_LEAD.search(before) else ClaimRole.EVENT


def _title_cased_name(sentence: str, m: re.Match[str]) -> bool:
    """'This Week' in a show's name is not a date: relative words count in lower case or at a sentence start."""
    text = m.group(0)
    if text == text.lower():
        return False
    return m.start() != 0 or text.split()[-1][0].isupper()


def _relative(m: re.Match[str], published: dt.date) -> DateHit | None:
    word = (m.group("word") or "").lower()
    if word:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        day = published + dt.timedelta(days=offset)
        return DateHit(m.start(), m.end(), day, day, "day")
    rel = " ".join(m.group("rel").lower().split())
    period = m.group("period").lower()
    if period in ("morning", "afternoon", "evening", "night"):
        # "this morning", "earlier this evening" are today; "last night" is yesterday; "next morning" is told
        # from the story's own day, not the publication's, and is left alone.
        if rel in ("this", "earlier this", "later this"):
            return DateHit(m.start(), m.end(), published, published, "day")
        if rel == "last" and period in ("night", "evening"):
            day = published - dt.timedelta(days=1)
            return DateHit(m.start(), m.end(), day, day, "day")
        return None
    step = {"last": -1, "past": -1, "this": 0, "earlier this": 0, "later this": 0, "next": 1}[rel]
    if period == "weekend":
        saturday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=5, weeks=step)
        return DateHit(m.start(), m.end(), saturday, saturday + dt.timedelta(days=1), "weekend")
    if period == "week":
        first = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        last = first + dt.timedelta(days=6)
        resolution = "week"
    elif period == "month":
        month_index = published.year * 12 + published.month - 1 + step
        first, last = month_span(month_index // 12, month_index % 12 + 1)
        resolution = "month"
    else:
        year = published.year + step
        first, last, resolution = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    # "earlier this month": from its first day up to the publication; "later this year": from it to the end.
    if rel == "earlier this":
        return DateHit(m.start(), m.end(), first, published, "span")
    if rel == "later this":
        return DateHit(m.start(), m.end(), published, last, "span")
    return DateHit(m.start(), m.end(), first, last, resolution)


def _counts_something(sentence: str, end: int) -> bool:
    """'1900 troops' counts troops; '2016 presidential election' names a year."""
    m = re.match(r"\s+([a-z]+)\b", sentence[end : end + 30])
    if m is None:
        return False
    word = m.group(1)
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in ("was", "has", "as", "its")


def _year_qualifier(lead: str) -> Qualifier:
    return {
        "since": Qualifier.AT_LEAST,
        "from": Qualifier.AT_LEAST,
        "after": Qualifier.MORE_THAN,
        "before": Qualifier.LESS_THAN,
        "until": Qualifier.UP_TO,
        "till": Qualifier.UP_TO,
        "by": Qualifier.UP_TO,
    }.get(lead, Qualifier.EXACT)
