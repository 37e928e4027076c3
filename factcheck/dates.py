"""Dates in a sentence, resolved against the article's publication date ("on Wednesday", "last month")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from factcheck.intervals import Qualifier
from factcheck.models import ClaimRole

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_APOS = r"['’]"

_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>{_DAY})\b(?:,?\s+(?P<year>{_YEAR})\b)?")
_DAY_MONTH = re.compile(rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR})\b)?")
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\s+(?:of\s+)?(?P<year>{_YEAR})\b")
_MONTH_ALONE = re.compile(
    rf"\b(?P<lead>in|since|by|until|till|during|before|after|from|through|of|early|late|mid-|last|next|this|a|the)"
    rf"\s*(?P<month>{_MONTH})(?![\w.]*\s+\d)\b"
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<rel>last|next|this|on|by|until|since|from)\s+)?(?P<weekday>{_WEEKDAY})(?P<poss>{_APOS}s)?\b"
)
_RELATIVE = re.compile(
    r"\b(?:(?P<word>today|yesterday|tomorrow|tonight)"
    r"|(?P<rel>(?:earlier|later)\s+this|last|this|next|past)\s+(?P<period>week|month|year))\b",
    re.IGNORECASE,
)
_YEAR_ALONE = re.compile(rf"(?<![\w$€£.,-])(?P<year>{_YEAR})(?![\w]|[.,]\d|\s*%)")
_YEAR_LEAD = re.compile(r"\b(?P<lead>in|since|by|until|till|before|after|from|of|during|through)\s+$", re.IGNORECASE)

# Tense markers near a weekday: the nearest decides whether "Wednesday" is past or coming.
_FUTURE = re.compile(
    rf"\b(?:will|shall|won{_APOS}t|(?:is|are|was|were)\s+(?:due|set|scheduled|slated|expected|planned|going)\s+to"
    r"|scheduled|slated|upcoming|expected|plans?\s+to|next|ahead\s+of|begins|starts|meets|opens"
    # present tense of a schedule: "talks move to Brussels on Wednesday", "the council reconvenes Friday"
    r"|moves?|heads?|shifts?|resumes?|reconvenes?|continues?|follows?|convenes?)\b"
    rf"|{_APOS}ll\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:said|says|told|was|were|had|did|ended|met|held|began|started|took|came|went|spoke|left|made|gave"
    r"|\w{3,}ed)\b",
    re.IGNORECASE,
)
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
    """A date expression found in a sentence, with local offsets and its resolved first and last day."""

    start: int
    end: int
    first: dt.date
    last: dt.date
    resolution: str
    qualifier: Qualifier = Qualifier.EXACT
    role: ClaimRole = ClaimRole.EVENT

    @property
    def label(self) -> str:
        if self.resolution == "day":
            return self.first.isoformat()
        if self.resolution == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        if self.resolution == "year":
            return f"{self.first.year:04d}"
        if self.resolution == "week":
            year, week, _ = self.first.isocalendar()
            return f"{year:04d}-W{week:02d}"
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def nearest_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """The date with this month and day closest to the publication date ("Dec. 7" in Jan. 2022 -> 2021-12-07)."""
    best: dt.date | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


def find_dates(sentence: str, published: dt.date | None) -> list[DateHit]:
    """Every date expression in the sentence; relative ones are left out when there is no publication date."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(hit: DateHit) -> None:
        hits.append(hit)
        taken.append((hit.start, hit.end))

    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()) or _is_may_verb(m.group("month"), sentence, m.start()):
                continue
            month = month_number(m.group("month"))
            day = int(re.sub(r"\D", "", m.group("day")))
            if m.group("year"):
                try:
                    date = dt.date(int(m.group("year")), month, day)
                except ValueError:
                    continue
            elif published is not None:
                found = nearest_year(month, day, published)
                if found is None:
                    continue
                date = found
            else:
                continue
            add(DateHit(m.start(), m.end(), date, date, "day", role=_role(sentence, m.start())))
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
            if not free(m.start("weekday"), m.end()):
                continue
            rel = (m.group("rel") or "").lower()
            date = _resolve_weekday(WEEKDAYS[m.group("weekday").lower()], rel, sentence, m.start("weekday"), published)
            start = m.start() if rel in ("last", "next", "this") else m.start("weekday")
            role = ClaimRole.EVENT if m.group("poss") else _role(sentence, m.start())
            add(DateHit(start, m.end(), date, date, "day", role=role))
        for m in _RELATIVE.finditer(sentence):
            if not free(m.start(), m.end()) or _title_cased_name(sentence, m):
                continue
            hit = _relative(m, published)
            if hit is not None:
                add(hit)
    for m in _YEAR_ALONE.finditer(sentence):
        if not free(m.start(), m.end()) or _counts_something(sentence, m.end()):
            continue
        year = int(m.group("year"))
        lead = _YEAR_LEAD.search(sentence, max(0, m.start() - 12), m.start())
        qualifier = _year_qualifier(lead.group("lead").lower() if lead else "")
        start = m.start()
        add(DateHit(start, m.end(), dt.date(year, 1, 1), dt.date(year, 12, 31), "year", qualifier=qualifier))
    hits.sort(key=lambda h: h.start)
    return hits


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


def _resolve_weekday(weekday: int, rel: str, sentence: str, position: int, published: dt.date) -> dt.date:
    delta_back = (published.weekday() - weekday) % 7
    delta_forward = (weekday - published.weekday()) % 7
    if rel == "last":
        return published - dt.timedelta(days=delta_back or 7)
    if rel == "next":
        return published + dt.timedelta(days=delta_forward or 7)
    if rel == "this":
        # "this Friday": the one in the publication's week, looking forward when it is later in the week.
        return (
            published + dt.timedelta(days=delta_forward)
            if delta_forward <= 3
            else published - dt.timedelta(days=delta_back)
        )
    if rel == "since":
        return published - dt.timedelta(days=delta_back)
    if _tense(sentence, position) == "future":
        return published + dt.timedelta(days=delta_forward)
    return published - dt.timedelta(days=delta_back)


def _tense(sentence: str, position: int) -> str:
    """'future' or 'past', from the tense marker nearest to ``position`` (past when there is none)."""
    best: tuple[int, str] | None = None
    for pattern, tense in ((_FUTURE, "future"), (_PAST, "past")):
        for m in pattern.finditer(sentence):
            word = m.group(0).lower()
            marker_tense = "future" if word in _FUTURE_ED else tense
            distance = position - m.end() if m.end() <= position else m.start() - position
            if distance < 0:
                continue
            # A marker before the date governs it more often than one after: weigh those after a little more.
            weight = distance if m.end() <= position else distance + 8
            if best is None or weight < best[0] or (weight == best[0] and marker_tense == "future"):
                best = (weight, marker_tense)
    return best[1] if best else "past"


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
    step = {"last": -1, "past": -1, "this": 0, "earlier this": 0, "later this": 0, "next": 1}[rel]
    if period == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return DateHit(m.start(), m.end(), monday, monday + dt.timedelta(days=6), "week")
    if period == "month":
        month_index = published.year * 12 + published.month - 1 + step
        first, last = month_span(month_index // 12, month_index % 12 + 1)
        return DateHit(m.start(), m.end(), first, last, "month")
    year = published.year + step
    return DateHit(m.start(), m.end(), dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


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
