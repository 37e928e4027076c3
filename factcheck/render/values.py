"""Claim values as data (for JSON) and as words (for people), shared by every format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from factcheck.intervals import Interval, Qualifier, format_number, json_number
from factcheck.models import Claim, ClaimKind, Confidence, Finding, Review, WordChange

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


def clock(minutes: float) -> str:
    """Minutes after midnight as 'HH:MM' (a bound past midnight wraps round the clock)."""
    whole = round(minutes)
    if whole != 1440:  # 24:00 is the midnight that closes a day ("just before midnight")
        whole %= 1440
    return f"{whole // 60:02d}:{whole % 60:02d}"


def bound(claim: Claim, value: float | None) -> Any:
    """A bound as JSON: an ISO day for dates, 'HH:MM' for times, a number otherwise, null when unbounded."""
    if value is None:
        return None
    if claim.kind is ClaimKind.DATE:
        return iso_day(value)
    if claim.kind is ClaimKind.TIME:
        return clock(value)
    return json_number(value)


_NAMED = (ClaimKind.QUOTE, ClaimKind.PERSON, ClaimKind.ORGANIZATION)


def stated(claim: Claim) -> Any:
    """The stated value as JSON: a number, [low, high] for a range, an ISO date or period, a place name, or the
    words of a quote, a person's or an organization's name."""
    if claim.kind in (ClaimKind.DATE, ClaimKind.TIME, ClaimKind.PLACE):
        return claim.label
    if claim.kind is ClaimKind.QUOTE:
        return one_line(claim.label or claim.text)
    if claim.kind in _NAMED:
        return one_line(claim.text)
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
    if claim.kind is ClaimKind.MEASURE:
        return measure_words(value, claim.unit or "")
    if claim.kind is ClaimKind.TIME:
        return f"{clock(value)} {claim.unit}" if claim.unit else clock(value)
    unit = f" {claim.unit}" if claim.unit else ""
    return f"{format_number(value)}{unit}"


# A measure in the unit an editor reads it in: its dimension's base, or a larger unit past a threshold.
_DISPLAY_UNITS: dict[str, tuple[tuple[float, float, str], ...]] = {
    "length": ((1000.0, 1000.0, "km"), (1.0, 1.0, "m"), (0.0, 0.01, "cm")),
    "mass": ((1000.0, 1000.0, "t"), (0.0, 1.0, "kg")),
    "area": ((1e6, 1e6, "km²"), (0.0, 1.0, "m²")),
    "volume": ((0.0, 1.0, "L"),),
    "speed": ((0.0, 1.0, "km/h"),),
    "temperature": ((float("-inf"), 1.0, "°C"),),
}


def measure_words(value: float, dimension: str) -> str:
    """'150 km', '2,000 t', '7.1 magnitude'."""
    if dimension == "magnitude":
        return f"magnitude {format_number(round(value, 2))}"
    for threshold, factor, symbol in _DISPLAY_UNITS.get(dimension, ()):
        if abs(value) >= threshold:
            return f"{format_number(round(value / factor, 3))} {symbol}"
    return f"{format_number(round(value, 3))} {dimension}".rstrip()


MENTIONS = frozenset((ClaimKind.QUOTE, ClaimKind.PERSON, ClaimKind.ORGANIZATION))  # described from a few strings


def describe_mention(kind: ClaimKind, text: str, label: str | None, title: str | None, speaker: str | None) -> str:
    """:func:`describe` of a quote, person or organization claim, from the fields it reads of one (those the
    claim store keeps in columns)."""
    if kind is ClaimKind.QUOTE:
        return f"{speaker or 'unattributed'}: “{one_line(label or text)}”"
    if kind is ClaimKind.PERSON:
        return one_line(text) + (f" ({one_line(title)})" if title else "")
    return one_line(text)


def describe(claim: Claim) -> str:
    """The normalized value in words: 'more than 100,000 troops', '2022-01-12 (Wednesday)', 'almost 8 h'.

    A quote is its speaker and words, a person the name and title as given, an organization its name.
    """
    if claim.kind in MENTIONS:
        return describe_mention(claim.kind, claim.text, claim.label, claim.title, claim.speaker)
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
    if claim.kind is ClaimKind.TIME:
        return _QUALIFIER_WORDS[claim.qualifier] + (claim.label or claim.text)
    if claim.stated_low is None or claim.stated_high is None:
        return claim.text
    if claim.qualifier is Qualifier.RANGE:
        words = f"{_amount(claim, claim.stated_low)} to {_amount(claim, claim.stated_high)}"
    else:
        words = _QUALIFIER_WORDS[claim.qualifier] + _amount(claim, claim.stated_low)
    if claim.confidence is not Confidence.CLEAR:
        words += f" ({claim.confidence.value})"
    return words


def shown_value(claim: Claim) -> str:
    """The value as a table shows it beside the claim's words: a quote's speaker (and where it was said), since its
    words are already in the wording column; otherwise the normalized value, with the party the outlet cites for
    it and the time it is said to hold."""
    if claim.kind is ClaimKind.QUOTE:
        speaker = claim.speaker or "unattributed"
        return f"{speaker} ({claim.venue})" if claim.venue else speaker
    return describe(claim) + source_words(claim)


def source_words(claim: Claim) -> str:
    """' · per U.S. intelligence · as of 2024-04-03T18:00': who the outlet says gives the figure, and when it
    holds; empty for the outlet's own figure of no stated time."""
    words = f" · per {claim.attributed_to}" if claim.attributed_to else ""
    return words + (f" · as of {claim.as_of}" if claim.as_of else "")


def party_name(party: str | None) -> str:
    return party if party is not None else "the outlets themselves"


def status_lines(finding: Finding, outlets: dict[str, str]) -> list[str]:
    """What a fact's status rests on, beyond its claims: each party's figure when the parties differ, and an
    evolving fact's timeline."""
    lines: list[str] = []

    def names(sources: Sequence[str]) -> str:
        return ", ".join(outlets.get(s, s) for s in sources)

    if finding.parties:
        shown = [p for p in finding.parties]
        versus = " vs ".join(party_name(p.party) for p in shown)
        lines.append(f"Parties differ ({versus}): a disagreement between the parties, not the outlets")
        for party in shown:
            lines.append(f"  {party_name(party.party)}: {party.value} (cited by {names(party.sources)})")
    if finding.timeline:
        lines.append("Timeline:")
        for entry in finding.timeline:
            whose = f" [{party_name(entry.party)}]" if finding.parties else ""
            lines.append(f"  {entry.at}{whose}: {entry.value} ({names(entry.sources)}) — {_CHANGE_WORDS[entry.change]}")
    return lines


_CHANGE_WORDS = {
    "first": "first report",
    "same": "unchanged",
    "updated": "updated",
    "decrease": "LOWER than an earlier report of a figure that can only grow",
    "disputed": "reports of the same time disagree",
}

REASON_WORDS = {
    "value": "different values",
    "wording": "a quote in different words",
    "attribution": "the same words given to different speakers",
    "spelling": "a name spelt differently",
    "title": "a different title",
    "copy": "a wire copy changed the wire's figure",
    "decrease": "a later report gives less of a figure that can only grow",
    "citation": "an outlet's own figure contradicts the party it cites",
}


def claim_words(claim: Claim) -> str:
    """The claim's own words on one line: a quote's quoted words alone, without its attribution."""
    return one_line(claim.label or claim.text) if claim.kind is ClaimKind.QUOTE else one_line(claim.text)


def interval_words(claim: Claim, interval: Interval | None) -> str:
    """The compared interval in the claim's own terms: '(100,000, ∞)', '[2022-01-12]', '[16:45, 17:15]'."""
    if interval is None:
        return ""
    if claim.kind is ClaimKind.DATE or claim.kind is ClaimKind.TIME:
        show = iso_day if claim.kind is ClaimKind.DATE else clock
        low = "…" if interval.low is None else show(interval.low)
        high = "…" if interval.high is None else show(interval.high)
        if low == high:
            return low
        return f"{'(' if interval.low_open else '['}{low}, {high}{')' if interval.high_open else ']'}"
    low = "−∞" if interval.low is None else format_number(round(interval.low, 4))
    high = "∞" if interval.high is None else format_number(round(interval.high, 4))
    left = "(" if interval.low is None or interval.low_open else "["
    right = ")" if interval.high is None or interval.high_open else "]"
    return f"{left}{low}, {high}{right}"


def review_words(review: Review | None) -> str:
    """An editor's decision in words: 'unreviewed', 'confirmed by Jane Doe, 2022-01-11 (wrong: the-week): …'."""
    if review is None:
        return "unreviewed"
    words = f"{review.decision.value} by {review.editor}, {review.at.date().isoformat()}"
    if review.wrong:
        words += f" (wrong: {review.wrong})"
    if review.note:
        words += f": {one_line(review.note)}"
    return words


def changes_words(changes: Sequence[WordChange], context: int = 4) -> str:
    """A quote against the reference quote, word by word: '…its aggression [against Ukraine → on Ukraine]'.

    ``[reference → this]`` is a different wording, ``[+words]`` words only this quote has, ``[−words]`` words of
    the reference it does not have; shared stretches are cut to ``context`` words either side.
    """
    parts: list[str] = []
    last = len(changes) - 1
    for i, change in enumerate(changes):
        if change.op == "same":
            words = change.words.split()
            if len(words) > 2 * context:
                head = " ".join(words[:context]) if i > 0 else ""
                tail = " ".join(words[-context:]) if i < last else ""
                if i == 0:
                    parts.append("… " + " ".join(words[-context:]))
                elif i == last:
                    parts.append(" ".join(words[:context]) + " …")
                else:
                    parts.append(f"{head} … {tail}")
            else:
                parts.append(change.words)
        elif change.op == "replaced":
            parts.append(f"[{change.reference} → {change.words}]")
        elif change.op == "added":
            parts.append(f"[+{change.words}]")
        else:
            parts.append(f"[−{change.reference}]")
    return " ".join(parts)


def wording_lines(finding: Finding, outlets: dict[str, str]) -> list[str]:
    """A quote fact's wording, word by word against its reference quote: one line per quote that differs."""
    reference = next((j for j in finding.claims if j.reference), None)
    if reference is None:
        return []
    lines = []
    for judged in finding.claims:
        if judged.changes:
            who = outlets.get(judged.claim.source, judged.claim.source)
            lines.append(f"{who} (line {judged.claim.line}): {changes_words(judged.changes)}")
    if lines:
        who = outlets.get(reference.claim.source, reference.claim.source)
        lines.insert(0, f"Against {who} (line {reference.claim.line}), [its words → these]:")
    return lines


def one_line(text: str) -> str:
    return " ".join(text.split())


def said(text: str, value: str) -> str:
    """A claim's words, and its value when the words alone do not say it: '"seven-hour" = 7 h'."""
    words = one_line(text)
    if words.casefold() == value.casefold():
        return f'"{value}"'
    return f'"{words}" = {value}'
