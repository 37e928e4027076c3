"""Intervals: what a hedged number allows ("more than 100,000" is (100000, ∞)), and how intervals meet."""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Qualifier(StrEnum):
    """How a number was hedged in the text; each maps to an interval shape."""

    EXACT = "exact"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"
    ALMOST = "almost"
    LESS_THAN = "less-than"
    UP_TO = "up-to"
    ABOUT = "about"
    RANGE = "range"


class Interval(BaseModel):
    """A set of values on the real line; ``None`` bounds are unbounded, open bounds exclude the endpoint."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    def contains(self, x: float) -> bool:
        below = self.low is not None and (x < self.low or (self.low_open and x == self.low))
        above = self.high is not None and (x > self.high or (self.high_open and x == self.high))
        return not (below or above)

    def is_empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        if self.low > self.high:
            return True
        return self.low == self.high and (self.low_open or self.high_open)

    def overlaps(self, other: Interval) -> bool:
        return not self.intersect(other).is_empty()

    def intersect(self, other: Interval) -> Interval:
        low, low_open = _tighter_low(self, other)
        high, high_open = _tighter_high(self, other)
        return Interval(low=low, high=high, low_open=low_open, high_open=high_open)

    def widen(self, relative: float = 0.0, absolute: float = 0.0) -> Interval:
        """Widen each finite bound outward by ``relative`` of its magnitude plus ``absolute``."""
        if relative == 0.0 and absolute == 0.0:
            return self
        low = None if self.low is None else self.low - abs(self.low) * relative - absolute
        high = None if self.high is None else self.high + abs(self.high) * relative + absolute
        return Interval(low=low, high=high, low_open=self.low_open, high_open=self.high_open)

    def notation(self) -> str:
        left = "(" if self.low is None or self.low_open else "["
        right = ")" if self.high is None or self.high_open else "]"
        low = "-inf" if self.low is None else format_number(self.low)
        high = "inf" if self.high is None else format_number(self.high)
        return f"{left}{low}, {high}{right}"


class Slack(BaseModel):
    """How far hedged and rounded numbers may stray from what was stated.

    Relative slack is a fraction of the stated number; for dates (``absolute=True``) slack is in days.
    ``reach`` is how far an open-ended hedge goes past its number: "more than 100,000" reaches 150,000 at 0.5
    (a writer with 175,000 in hand says "more than 150,000" or "nearly 200,000"), "less than 100,000" down to
    100,000 / 1.5. ``None`` leaves such hedges unbounded.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    approximate: float = Field(default=0.10, ge=0)
    near: float = Field(default=0.05, ge=0)
    rounding: float = Field(default=0.02, ge=0)
    reach: float | None = Field(default=0.5, gt=0)
    absolute: bool = False

    def amount(self, fraction: float, magnitude: float) -> float:
        return fraction if self.absolute else abs(magnitude) * fraction


DEFAULT_SLACK = Slack()
DATE_SLACK = Slack(approximate=3, near=3, rounding=0, reach=None, absolute=True)
# Clock times, in minutes: "about 5 p.m." is 4:45 to 5:15, "shortly after noon" up to an hour after.
TIME_SLACK = Slack(approximate=15, near=10, rounding=0, reach=60, absolute=True)


def interval_for(qualifier: Qualifier, low: float, high: float, slack: Slack = DEFAULT_SLACK) -> Interval:
    """The interval a stated value (``low``..``high``, equal for one number) allows under its qualifier.

    A bare number is exact here; rounding slack is applied when comparing (see :func:`compared`).
    """
    if qualifier is Qualifier.EXACT or qualifier is Qualifier.RANGE:
        return Interval(low=low, high=high)
    if qualifier is Qualifier.MORE_THAN:
        return Interval(low=high, high=_reach_up(high, slack), low_open=True)
    if qualifier is Qualifier.AT_LEAST:
        return Interval(low=low, high=_reach_up(low, slack))
    if qualifier is Qualifier.ALMOST:
        below = slack.amount(slack.near, low)
        # With no slack for "almost", the stated number is all that is left (an empty interval would agree with
        # nothing, not even the same words).
        return Interval(low=low - below, high=low, high_open=below > 0)
    if qualifier is Qualifier.LESS_THAN:
        return Interval(low=_reach_down(low, slack), high=low, high_open=True)
    if qualifier is Qualifier.UP_TO:
        return Interval(low=_reach_down(high, slack), high=high)
    if qualifier is Qualifier.ABOUT:
        return Interval(
            low=low - slack.amount(slack.approximate, low), high=high + slack.amount(slack.approximate, high)
        )
    raise ValueError(f"unknown qualifier {qualifier!r}")  # pragma: no cover - the enum is closed


def _reach_up(value: float, slack: Slack) -> float | None:
    """Where "more than ``value``" stops; unbounded without a reach, or from zero."""
    if slack.reach is None or value == 0:
        return None
    return value + slack.amount(slack.reach, value)


def _reach_down(value: float, slack: Slack) -> float | None:
    """Where "less than ``value``" stops: ``value`` is the reached end of what "more than" the result would say."""
    if slack.reach is None or value == 0:
        return None
    if slack.absolute:
        return value - slack.reach
    return value - abs(value) * slack.reach / (1 + slack.reach)


def compared(qualifier: Qualifier, low: float, high: float, slack: Slack = DEFAULT_SLACK) -> Interval:
    """The interval used when comparing: as :func:`interval_for`, with rounding slack around bare numbers."""
    interval = interval_for(qualifier, low, high, slack)
    if qualifier is Qualifier.EXACT and slack.rounding:
        if slack.absolute:
            return interval.widen(absolute=slack.rounding)
        return interval.widen(relative=slack.rounding)
    return interval


def _tighter_low(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.low is None:
        return b.low, b.low_open
    if b.low is None or a.low > b.low:
        return a.low, a.low_open
    if b.low > a.low:
        return b.low, b.low_open
    return a.low, a.low_open or b.low_open


def _tighter_high(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.high is None:
        return b.high, b.high_open
    if b.high is None or a.high < b.high:
        return a.high, a.high_open
    if b.high < a.high:
        return b.high, b.high_open
    return a.high, a.high_open or b.high_open


def format_number(x: float) -> str:
    """A number as an editor would write it: integers without a decimal point, thousands separated."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.2f}"


def json_number(x: float) -> int | float:
    """A number for JSON: an int when integral, so that 100000 never prints as 100000.0."""
    if float(x).is_integer() and abs(x) < 2**53:
        return int(x)
    return round(x, 6)
