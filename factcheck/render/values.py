"""Claim values as data (for JSON) and as words (for people), shared by every format."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factcheck.intervals import Interval, Qualifier, format_number, json_number
from factcheck.models import Claim, ClaimKind

_QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.ALMOST: "almost ",
    Qualifier.LESS_THAN: "less than ",
    Qualifier.UP_TO: "up to ",
    Qualifier.ABOUT: "about ",
    Qualifier.RANGE: "",
}


def iso_day(ordinal: float) -> str:
    return dt.date.fromordinal(int(ordinal)).isoformat()


def bound(claim: Claim, value: float | None) -> Any:
    """A bound as JSON: an ISO day for dates, a number otherwise, null when unbounded."""
    if value is None:
        return None
    if claim.kind is ClaimKind.DATE:
        return iso_day(value)
    return json_number(value)


def stated(claim: Claim) -> Any:
    """The stated value as JSON: a number, [low, high] for a range, an ISO date or period, or a place name."""
    if claim.kind in (ClaimKind.DATE, ClaimKind.PLACE):
        return claim.label
    if claim.stated_low is None or claim.stated_high is None:
        return None
    if claim.qualifier is Qualifier.RANGE:
        return [json_number(claim.stated_low), json_number(claim.stated_high)]
    return json_number(claim.stated_low)


def _amount(claim: Claim, value: float) -> str:
    if claim.kind is ClaimKind.MONEY:
        sign = {"USD": "$", "EUR": "€", "GBP": "£"}.get(claim.unit or "", "")
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(value) >= scale:
                return f"{sign}{format_number(round(value / scale, 3))} {word}" + ("" if sign else f" {claim.unit}")
        return f"{sign}{format_number(value)}" + ("" if sign else f" {claim.unit}")
    if claim.kind is ClaimKind.DURATION:
        if value < 1:
            return f"{format_number(round(value * 60, 2))} min"
        if value >= 48:
            return f"{format_number(round(value / 24, 2))} days"
        return f"{format_number(round(value, 2))} h"
    unit = f" {claim.unit}" if claim.unit else ""
    return f"{format_number(value)}{unit}"


def describe(claim: Claim) -> str:
    """The normalized value in words: 'more than 100,000 troops', '2022-01-12 (Wednesday)', 'almost 8 h'."""
    if claim.kind is ClaimKind.PLACE:
        return claim.label or claim.text
    if claim.kind is ClaimKind.DATE:
        label = claim.label or ""
        if claim.resolution == "day" and claim.stated_low is not None:
            label += f" ({dt.date.fromordinal(int(claim.stated_low)).strftime('%A')})"
        prefix = {
            Qualifier.AT_LEAST: "since ",
            Qualifier.MORE_THAN: "after ",
            Qualifier.LESS_THAN: "before ",
            Qualifier.UP_TO: "by ",
        }.get(claim.qualifier, "")
        return prefix + label
    if claim.stated_low is None or claim.stated_high is None:
        return claim.text
    if claim.qualifier is Qualifier.RANGE:
        return f"{_amount(claim, claim.stated_low)} to {_amount(claim, claim.stated_high)}"
    return _QUALIFIER_WORDS[claim.qualifier] + _amount(claim, claim.stated_low)


def interval_words(claim: Claim, interval: Interval | None) -> str:
    """The compared interval in the claim's own terms: '(100,000, ∞)', '[2022-01-12]'."""
    if interval is None:
        return ""
    if claim.kind is ClaimKind.DATE:
        low = "…" if interval.low is None else iso_day(interval.low)
        high = "…" if interval.high is None else iso_day(interval.high)
        if low == high:
            return low
        return f"{'(' if interval.low_open else '['}{low}, {high}{')' if interval.high_open else ']'}"
    low = "−∞" if interval.low is None else format_number(round(interval.low, 4))
    high = "∞" if interval.high is None else format_number(round(interval.high, 4))
    left = "(" if interval.low is None or interval.low_open else "["
    right = ")" if interval.high is None or interval.high_open else "]"
    return f"{left}{low}, {high}{right}"


def one_line(text: str) -> str:
    return " ".join(text.split())


def said(text: str, value: str) -> str:
    """A claim's words, and its value when the words alone do not say it: '"seven-hour" = 7 h'."""
    words = one_line(text)
    if words.casefold() == value.casefold():
        return f'"{value}"'
    return f'"{words}" = {value}'
