"""The time a figure is stated to hold in its sentence: "As of 7 p.m., 12 people had died" -> "2024-04-03T19:00".

Parts of the day are read as these clock times (minutes of the stated day):

=====================  =====  ==========================  =====
early <day>            06:00  late <day>                  22:00
early morning          06:00  morning                     09:00
late morning           11:00  midday, noon                12:00
early afternoon        13:00  afternoon                   15:00
late afternoon         17:00  early evening               18:00
evening                19:00  late evening                21:00
night, tonight         22:00  late night                  23:00
midnight               00:00  by/before/until midnight    24:00 (00:00 of the next day)
=====================  =====  ==========================  =====

"last night" is yesterday at 22:00, "last evening" yesterday at 19:00, "this morning" today at 09:00. A clock time
always wins over a part of the day said with it ("7 p.m. Tuesday evening" is 19:00).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from factcheck.dates import WEEKDAYS, DateHit, find_dates
from factcheck.intervals import Qualifier
from factcheck.times import DATED_ZONES, FIXED_ZONES, NAMED_ZONES, TimeHit, find_times, zone_offset

__all__ = ["DAY_PARTS", "as_of"]

MINUTES_PER_DAY = 1440

# Parts of the day in minutes after midnight, by modifier ("" / "early" / "late"); see the module docstring.
DAY_PARTS: dict[str, dict[str, int]] = {
    "": {"morning": 540, "afternoon": 900, "evening": 1140, "night": 1320},
    "early": {"morning": 360, "afternoon": 780, "evening": 1080, "night": 1320},
    "late": {"morning": 660, "afternoon": 1020, "evening": 1260, "night": 1380},
}
_EARLY_DAY = 360
_LATE_DAY = 1320

# The fast exit: a sentence without one of these words states no as-of time.
_KEYWORD = re.compile(r"\b(?:as\s+(?:of|at)|by|last\s+count|up\s+to|figures?|tally|count)\b", re.IGNORECASE)

# The words that open an as-of phrase, right before its time or day ("as of", "by", "at last count on").
_LEAD = re.compile(
    r"\b(?P<kw>as\s+(?:of|at)|by|up\s+to|at\s+last\s+count)(?:\s*,)?\s+"
    r"(?:(?:about|around|approximately|roughly|on|at|in|the)\s+)*$",
    re.IGNORECASE,
)
_LEAD_REACH = 60
# "<time> figures": a time or day naming a count ("Tuesday evening figures", "the 6 p.m. tally").
_FIGURES_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:official|provisional|latest|updated)\s+)?(?:figures?|tally|count)\b", re.IGNORECASE
)
# "as of press time": the publication time itself.
_PRESS_TIME = re.compile(r"\b(?:as\s+(?:of|at))\s+(?:press\s+time|(?:this\s+|the\s+time\s+of\s+)?writing)\b", re.I)

# Words between the parts of one time expression: "7 p.m. on Tuesday", "Tuesday at 7 p.m.", "the evening of April 3".
_JOIN = re.compile(r"\s*(?:(?:on|at|of|in|the)\s+)*", re.IGNORECASE)
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")
_PART_WORD = re.compile(
    r"\b(?:(?P<mod>early|late)[\s-]+)?(?P<part>morning|afternoon|evening|night)\b(?![-'’]\w)", re.IGNORECASE
)
_MOD_WORD = re.compile(r"\b(?P<mod>early|late)(?:\s+on)?\b", re.IGNORECASE)
_RELATIVE_PART = re.compile(r"(?P<part>morning|afternoon|evening|night)$", re.IGNORECASE)
_BARE_WEEKDAY = re.compile(r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?")
_ZONE_TAIL = re.compile(
    r"(?:\s?(?P<abbr>"
    + "|".join(sorted({*FIXED_ZONES, *DATED_ZONES}, key=len, reverse=True))
    + r")(?:(?P<sign>[+−-])(?P<offset>1[0-4]|0?\d)(?::?(?P<offset_minutes>[0-5]\d))?)?"
    r"|\s+(?P<named>(?:[A-Z][\w'’.]*\s+){1,3})[Tt]ime)$"
)

# Clauses: a figure after "; " or ", but" is qualified by no as-of phrase before it, one before it by none after.
_STRONG = re.compile(r";|,\s*(?:but|while|whereas|although|though|yet)\b|\s+but\s+", re.IGNORECASE)
_NUMBER_WORD = (
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?)\b)"
)
# Between a figure and a phrase after it: a new clause ("3 died, and by Thursday ..."); "12 dead and 30 hurt" is one.
_WEAK = re.compile(
    rf",?\s+and\s+(?!{_NUMBER_WORD})|,\s*(?:and|which|who|where)\b|\s+(?:when|whereupon)\s+", re.IGNORECASE
)
# The rest of a figure's own clause ends at a comma or "and".
_TAIL_END = re.compile(r",|\s+and\s+|\s+(?:when|after|before|because)\s+", re.IGNORECASE)
# Words before a phrase that let it lead its clause ("said that as of Tuesday, ...").
_LEADING_WORD = re.compile(r"(?:^|[,(:“\"‘'—–]|\b(?:and|that|but|said|says|so|then|meanwhile))$", re.IGNORECASE)
# A deadline or plan, not a figure that holds: "must leave by Friday", "will be counted by Friday".
_FUTURE = re.compile(
    r"\b(?:will|shall|must|should|won['’]t|going\s+to|expect(?:s|ed)?|set\s+to|scheduled|plans?\s+to|aims?\s+to"
    r"|hopes?\s+to|needs?\s+to|ha(?:ve|s)\s+to|(?:is|are)\s+to|deadline|ordered\s+to|told\s+to)\b|['’]ll\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Piece:
    """One word group of a time expression: a day, a clock time, a part of the day or an "early"/"late"."""

    start: int
    end: int
    kind: str  # "day", "time", "part", "mod" or "bad" (a date that is no single day, a range of times)
    day: dt.date | None = None
    minutes: int | None = None  # on the stated clock
    zone: str | int | None = None  # the stated zone: an IANA name or a fixed offset in minutes east of UTC
    utc_minutes: int | None = None  # the time in UTC, when a zone is stated
    local_time: bool = False  # "6 p.m. local time": the event's clock, whose offset is not known
    part: str | None = None
    mod: str | None = None
    possessive: bool = False


@dataclass
class _Chunk:
    """Adjacent pieces read as one time expression."""

    pieces: list[_Piece]
    end: int
    offset: int | None = None  # from a conversion in brackets: "9 a.m. (0100 GMT)"
    extra: list[_Piece] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0].start


@dataclass(frozen=True)
class _Phrase:
    """An as-of phrase: where it stands, whether it leads its clause, and the time it states."""

    start: int
    end: int
    keyword: str
    chunk: _Chunk | None  # None for "as of press time"
    leading: bool


def as_of(
    sentence: str, start: int, end: int, published: dt.date | None, published_at: dt.datetime | None = None
) -> str | None:
    """The time the figure at sentence[start:end] is stated to hold, as ISO 8601 text, or None when the sentence
    states none for it.

    "YYYY-MM-DD" when only a day is stated (or implied: "as of Thursday"), "YYYY-MM-DDTHH:MM" when a clock time or a
    part of the day is stated, with the UTC offset appended ("+08:00") when it is known: a zone stated in the
    sentence, else the offset of `published_at` when that is timezone-aware. A clock time with no day stated is on the
    publication day — unless that would put it after `published_at` (then the day before). Weekdays resolve to the
    most recent such day on or before the publication date (news reports past figures); "yesterday"/"today"/"this
    morning"/"last night" resolve against the publication date.

    "6 p.m. local time" is the event's own clock: it gets no offset unless a bracketed conversion gives one ("9 a.m.
    (0100 GMT)" is +08:00). Without `published` the day comes from `published_at`; with neither, only dates with a
    year are read. "as of press time" is `published_at` itself.
    """
    if not 0 <= start < end <= len(sentence) or _KEYWORD.search(sentence) is None:
        return None
    if published is None and published_at is not None:
        published = published_at.date()
    found, event_times = _phrases(sentence, published)
    phrases = [p for p in found if p.end <= start or p.start >= end]
    if not phrases:
        return None
    phrase = _governing(sentence, phrases, event_times, start, end)
    if phrase is None or _future(sentence, phrase, start, end):
        return None
    if phrase.chunk is None:
        return _press_time(published, published_at)
    return _resolve(phrase.chunk, published, published_at)


@functools.lru_cache(maxsize=256)
def _phrases(sentence: str, published: dt.date | None) -> tuple[tuple[_Phrase, ...], tuple[tuple[int, int], ...]]:
    """Every as-of phrase in the sentence, and where its other time expressions (times of events) stand."""
    segments = _segments(sentence)
    found: list[_Phrase] = []
    event_times: list[tuple[int, int]] = []
    for chunk in _chunks(sentence, published):
        if all(p.kind == "mod" for p in chunk.pieces):
            continue
        event_times.append((chunk.start, chunk.end))
        if any(p.kind == "bad" for p in chunk.pieces):
            continue
        lead = _LEAD.search(sentence, max(0, chunk.start - _LEAD_REACH), chunk.start)
        figures = _FIGURES_AFTER.match(sentence, chunk.end)
        if lead is not None:
            keyword = " ".join(lead.group("kw").lower().split())
            if keyword == "by" and chunk.pieces[-1].possessive and figures is None:
                continue  # "killed by Tuesday's quake": the agent, not a time
            phrase_start, phrase_end = lead.start(), figures.end() if figures is not None else chunk.end
        elif figures is not None:
            keyword = "figures"
            phrase_start, phrase_end = chunk.start, figures.end()
        else:
            continue
        leading = keyword == "figures" or _leads(sentence, segments, phrase_start)
        found.append(_Phrase(phrase_start, phrase_end, keyword, chunk, leading))
        event_times.pop()
    for m in _PRESS_TIME.finditer(sentence):
        found.append(_Phrase(m.start(), m.end(), "press time", None, _leads(sentence, segments, m.start())))
    return tuple(found), tuple(event_times)


def _leads(sentence: str, segments: list[tuple[int, int]], position: int) -> bool:
    segment_start = _segment(segments, position)[0]
    before = sentence[segment_start:position].rstrip()
    return _LEADING_WORD.search(before) is not None


def _segments(sentence: str) -> list[tuple[int, int]]:
    """The sentence cut at strong clause boundaries ("; ", ", but")."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for m in _STRONG.finditer(sentence):
        bounds.append((position, m.start()))
        position = m.end()
    bounds.append((position, len(sentence)))
    return bounds


def _segment(segments: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for bound in segments:
        if bound[0] <= position <= bound[1]:
            return bound
    return segments[-1]


def _governing(
    sentence: str, phrases: list[_Phrase], event_times: tuple[tuple[int, int], ...], start: int, end: int
) -> _Phrase | None:
    """The phrase that qualifies the figure: the nearest one in its clause that leads it or follows the figure.

    A phrase after the figure does not reach back over another clause or over the time of an event ("5 homes burned
    on Monday and 3 people had died by Wednesday": Wednesday is not the 5's).
    """
    segments = _segments(sentence)
    segment = _segment(segments, start)
    best: tuple[int, _Phrase] | None = None
    for phrase in phrases:
        if _segment(segments, phrase.start) != segment:
            continue
        if phrase.end <= start:
            if not phrase.leading:
                continue
            distance = start - phrase.end
        else:
            if _new_clause(sentence, end, phrase.start) or any(end <= s and e <= phrase.start for s, e in event_times):
                continue
            distance = phrase.start - end
        if best is None or distance < best[0]:
            best = (distance, phrase)
    return best[1] if best else None


def _new_clause(sentence: str, figure_end: int, phrase_start: int) -> bool:
    """Whether a clause opens between a figure and a phrase after it."""
    window = sentence[figure_end : phrase_start + 24]
    m = _WEAK.search(window)
    return m is not None and m.start() < phrase_start - figure_end


def _future(sentence: str, phrase: _Phrase, start: int, end: int) -> bool:
    """Whether the figure's clause speaks of a deadline or a plan rather than a figure that holds."""
    segment_start, segment_end = _segment(_segments(sentence), start)
    head = segment_start
    for m in _TAIL_END.finditer(sentence, segment_start, start):
        head = m.end()
    tail = _TAIL_END.search(sentence, end, segment_end)
    tail_end = tail.start() if tail is not None else segment_end
    low, high = min(phrase.start, head), max(phrase.end, tail_end)
    return _FUTURE.search(sentence[low:high]) is not None


def _chunks(sentence: str, published: dt.date | None) -> list[_Chunk]:
    """The sentence's time expressions: runs of day, time and part-of-day pieces joined by "on", "at", "of"."""
    pieces = _pieces(sentence, published)
    chunks: list[_Chunk] = []
    i = 0
    while i < len(pieces):
        chunk = _Chunk([pieces[i]], pieces[i].end)
        i += 1
        while i < len(pieces):
            piece = pieces[i]
            gap = sentence[chunk.end : piece.start]
            times = [p for p in chunk.pieces if p.kind == "time"]
            if (
                piece.kind == "time"
                and piece.zone is not None
                and len(times) == 1
                and times[0].zone is None
                and times[0].minutes is not None
                and piece.utc_minutes is not None
                and _PAREN_OPEN.fullmatch(gap)
                and (close := _PAREN_CLOSE.match(sentence, piece.end)) is not None
            ):
                # "by 9 a.m. (0100 GMT)": the bracketed time in a known zone gives the stated clock's offset
                offset = (times[0].minutes - piece.utc_minutes) % MINUTES_PER_DAY
                chunk.offset = offset - MINUTES_PER_DAY if offset > 14 * 60 else offset
                chunk.extra.append(piece)
                chunk.end = close.end()
                i += 1
                continue
            if not _JOIN.fullmatch(gap):
                break
            chunk.pieces.append(piece)
            chunk.end = piece.end
            i += 1
        chunks.append(chunk)
    return chunks


def _pieces(sentence: str, published: dt.date | None) -> list[_Piece]:
    pieces = [_time_piece(sentence, hit, published) for hit in find_times(sentence, published)]
    for date_hit in find_dates(sentence, published):
        if _free(pieces, date_hit.start, date_hit.end):
            pieces.append(_date_piece(sentence, date_hit, published))
    for m in _PART_WORD.finditer(sentence):
        if _free(pieces, m.start(), m.end()):
            mod = (m.group("mod") or "").lower() or None
            pieces.append(_Piece(m.start(), m.end(), "part", part=m.group("part").lower(), mod=mod))
    for m in _MOD_WORD.finditer(sentence):
        if _free(pieces, m.start(), m.end()):
            pieces.append(_Piece(m.start(), m.end(), "mod", mod=m.group("mod").lower()))
    pieces.sort(key=lambda p: p.start)
    return pieces


def _free(pieces: list[_Piece], start: int, end: int) -> bool:
    return all(end <= p.start or start >= p.end for p in pieces)


def _time_piece(sentence: str, hit: TimeHit, published: dt.date | None) -> _Piece:
    start = hit.value_start if hit.value_start is not None else hit.start
    if hit.low != hit.high or hit.qualifier is Qualifier.RANGE:
        return _Piece(start, hit.end, "bad")
    text = sentence[start : hit.end]
    closing = "midnight" in text.lower() and hit.qualifier in (Qualifier.UP_TO, Qualifier.LESS_THAN)
    if hit.unit != "UTC":
        minutes = MINUTES_PER_DAY if closing else hit.low
        local_time = text.lower().endswith("local time")
        return _Piece(start, hit.end, "time", minutes=minutes, local_time=local_time)
    zone = _zone(text)
    if zone is None:
        return _Piece(start, hit.end, "bad")
    minutes = MINUTES_PER_DAY if closing else (hit.low + _offset(zone, published)) % MINUTES_PER_DAY
    return _Piece(start, hit.end, "time", minutes=minutes, zone=zone, utc_minutes=hit.low)


def _zone(text: str) -> str | int | None:
    """The zone stated at the end of a time's text, as an IANA name or a fixed offset (minutes east of UTC)."""
    m = _ZONE_TAIL.search(text)
    if m is None:
        return None
    abbr = m.group("abbr")
    if abbr:
        if abbr in DATED_ZONES:
            return DATED_ZONES[abbr]
        offset = FIXED_ZONES[abbr]
        if m.group("sign"):
            sign = 1 if m.group("sign") == "+" else -1
            offset += sign * (int(m.group("offset")) * 60 + int(m.group("offset_minutes") or 0))
        return offset
    return NAMED_ZONES.get(" ".join(m.group("named").lower().split()))


def _offset(zone: str | int, on: dt.date | None) -> int:
    return zone if isinstance(zone, int) else zone_offset(zone, on)[0]


def _date_piece(sentence: str, hit: DateHit, published: dt.date | None) -> _Piece:
    text = sentence[hit.start : hit.end]
    possessive = text.endswith(("'s", "’s"))
    if hit.resolution != "day" or hit.first != hit.last:
        return _Piece(hit.start, hit.end, "bad")
    day = hit.first
    weekday = _BARE_WEEKDAY.fullmatch(text)
    if weekday is not None and published is not None:
        # A bare weekday: the most recent one on or before the publication date, whatever the tense.
        day = published - dt.timedelta(days=(published.weekday() - WEEKDAYS[weekday.group("weekday").lower()]) % 7)
    part = _RELATIVE_PART.search(text)
    if part is None and text.lower() == "tonight":
        return _Piece(hit.start, hit.end, "day", day=day, part="night")
    return _Piece(
        hit.start, hit.end, "day", day=day, part=part.group("part").lower() if part else None, possessive=possessive
    )


def _resolve(chunk: _Chunk, published: dt.date | None, published_at: dt.datetime | None) -> str | None:
    days = [p.day for p in chunk.pieces if p.day is not None]
    times = [p for p in chunk.pieces if p.kind == "time"]
    parts = [p for p in chunk.pieces if p.part is not None]
    mods = [p.mod for p in chunk.pieces if p.kind == "mod" and p.mod]
    mod = mods[0] if mods else ""
    day = days[0] if days else None
    minutes: int | None = None
    zone: str | int | None = None
    local_time = False
    if times:
        minutes, zone, local_time = times[0].minutes, times[0].zone, times[0].local_time
    elif parts:
        part = parts[0]
        minutes = DAY_PARTS[part.mod or mod][part.part or ""]
    elif mod and day is not None:
        minutes = _EARLY_DAY if mod == "early" else _LATE_DAY
    if minutes is None:
        return day.isoformat() if day is not None else None
    stated_day = day is not None
    if day is None:
        if published is None:
            return None
        day = published
    if minutes == MINUTES_PER_DAY:
        day, minutes = day + dt.timedelta(days=1), 0
    offset = _final_offset(chunk, zone, local_time, day, published_at)
    moment = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60))
    if not stated_day and published_at is not None and _later(moment, offset, published_at):
        moment -= dt.timedelta(days=1)
        if isinstance(zone, str):
            offset = _offset(zone, moment.date())
    return moment.strftime("%Y-%m-%dT%H:%M") + (_offset_text(offset) if offset is not None else "")


def _final_offset(
    chunk: _Chunk, zone: str | int | None, local_time: bool, day: dt.date, published_at: dt.datetime | None
) -> int | None:
    """The stated zone's offset on the day, a bracketed conversion's, or the publication's (not for "local time")."""
    if zone is not None:
        return _offset(zone, day)
    if chunk.offset is not None:
        return chunk.offset
    if local_time or published_at is None:
        return None
    published_offset = published_at.utcoffset()
    return None if published_offset is None else int(published_offset.total_seconds() // 60)


def _later(moment: dt.datetime, offset: int | None, published_at: dt.datetime) -> bool:
    if offset is not None and published_at.utcoffset() is not None:
        return moment.replace(tzinfo=dt.timezone(dt.timedelta(minutes=offset))) > published_at
    return moment > published_at.replace(tzinfo=None)


def _offset_text(offset: int) -> str:
    sign = "+" if offset >= 0 else "-"
    return f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def _press_time(published: dt.date | None, published_at: dt.datetime | None) -> str | None:
    """'as of press time': the publication's own time, or its day."""
    if published_at is not None:
        offset = published_at.utcoffset()
        text = published_at.strftime("%Y-%m-%dT%H:%M")
        return text + (_offset_text(int(offset.total_seconds() // 60)) if offset is not None else "")
    return published.isoformat() if published is not None else None
