"""When a claim holds: its "as of" time, else its article's publication time or day, as a span of UTC minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
DAY = 1440


@dataclass(frozen=True, order=True)
class Moment:
    """A span of UTC minutes since 1970: one minute for a stated time, a whole day for a date alone.

    A time with no offset is read as UTC; so is a date alone, from midnight to midnight.
    """

    start: int
    end: int
    label: str  # as stated, ISO 8601

    @property
    def precise(self) -> bool:
        return self.end - self.start <= 1

    @property
    def day(self) -> str:
        """The day as stated (a time's local day, whatever its offset)."""
        return self.label[:10]


def moment_of(text: str | None) -> Moment | None:
    """The span of an ISO 8601 date (``2024-04-03``) or time (``2024-04-03T19:30+08:00``); None if unreadable."""
    if not text:
        return None
    try:
        if len(text) <= 10:
            day = dt.date.fromisoformat(text)
            start = _minutes(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
            return Moment(start, start + DAY, text)
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    start = _minutes(when)
    return Moment(start, start + 1, text)


def _minutes(when: dt.datetime) -> int:
    return int((when - _EPOCH).total_seconds() // 60)
