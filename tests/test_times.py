"""Clock times: every style reads back to the minutes it was written from; zones convert to UTC and back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.intervals import Qualifier
from factcheck.models import Confidence
from factcheck.times import DATED_ZONES, FIXED_ZONES, NAMED_ZONES, find_times, from_utc, to_utc

MINUTES = st.integers(0, 1439)
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
ZONES = st.sampled_from(sorted([*FIXED_ZONES, *DATED_ZONES, *NAMED_ZONES]))


def twelve_hour(minutes: int, meridiem: str, separator: str = ":") -> str:
    hour, minute = divmod(minutes, 60)
    return f"{hour % 12 or 12}{separator}{minute:02d}{meridiem if hour < 12 else meridiem.replace('a', 'p')}"


def only(sentence: str, published: dt.date | None = dt.date(2022, 1, 12)):  # type: ignore[no-untyped-def]
    hits = find_times(sentence, published)
    assert len(hits) == 1, (sentence, hits)
    return hits[0]


@given(MINUTES)
def test_a_time_with_a_m_or_p_m_reads_back(minutes: int) -> None:
    hit = only(f"The convoy left at {twelve_hour(minutes, ' a.m.')} and did not return.")
    assert (hit.low, hit.high, hit.unit, hit.confidence) == (minutes, minutes, "local", Confidence.CLEAR)


@given(MINUTES)
def test_a_dotted_time_with_pm_reads_back(minutes: int) -> None:
    hit = only(f"The convoy left at {twelve_hour(minutes, 'am', separator='.')}, witnesses said.")
    assert hit.low == minutes


@given(MINUTES)
def test_a_24_hour_time_reads_back(minutes: int) -> None:
    hour, minute = divmod(minutes, 60)
    hit = only(f"The convoy left at {hour:02d}:{minute:02d} on the dot.")
    assert hit.low == minutes
    assert hit.label == f"{hour:02d}:{minute:02d} local"
    # "09:30" and "17:47" say which half of the day; "10:30" may be 22:30 in a 12-hour newsroom.
    assert hit.confidence is (Confidence.AMBIGUOUS if 10 <= hour <= 12 else Confidence.CLEAR)


@given(MINUTES, ZONES, st.one_of(st.none(), DATES))
def test_converting_to_utc_and_back_is_the_identity(minutes: int, zone: str, on: dt.date | None) -> None:
    assert from_utc(to_utc(minutes, zone, on), zone, on) == minutes
    assert 0 <= to_utc(minutes, zone, on) < 1440


@given(MINUTES, st.sampled_from(sorted(FIXED_ZONES)))
def test_a_stated_zone_converts_the_time_to_utc(minutes: int, zone: str) -> None:
    hit = only(f"The strike came at {twelve_hour(minutes, ' a.m.')} {zone}, officials said.")
    assert hit.unit == "UTC"
    assert hit.low == to_utc(minutes, zone, dt.date(2022, 1, 12))


@pytest.mark.parametrize(
    ("published", "utc"),
    [(dt.date(2022, 1, 12), "02:00 UTC"), (dt.date(2022, 7, 12), "01:00 UTC")],
)
def test_daylight_saving_follows_the_publication_date(published: dt.date, utc: str) -> None:
    assert only("The address is at 9 p.m. ET.", published).label == utc


@pytest.mark.parametrize(
    ("sentence", "label", "qualifier"),
    [
        ("It happened shortly after noon.", "12:00 local", Qualifier.MORE_THAN),
        ("Leave before 9 a.m. at the latest.", "09:00 local", Qualifier.LESS_THAN),
        ("Results come by 6 p.m. tonight.", "18:00 local", Qualifier.UP_TO),
        ("Crews arrived around 5 p.m. Moscow time.", "14:00 UTC", Qualifier.ABOUT),
        ("The count ended just before midnight.", "24:00 local", Qualifier.LESS_THAN),
        ("Polls are open from 7 a.m. to 8 p.m. local time.", "07:00/20:00 local", Qualifier.RANGE),
        ("Trading halted between 11 and 1 p.m.", "11:00/13:00 local", Qualifier.RANGE),
    ],
)
def test_hedges_and_ranges(sentence: str, label: str, qualifier: Qualifier) -> None:
    hit = only(sentence)
    assert (hit.label, hit.qualifier) == (label, qualifier)


@pytest.mark.parametrize(
    "sentence",
    [
        "The PM spoke to the press.",
        "The hosts won 1:0 at home.",
        "The visitors held a 21:17 lead.",
        "The judge ordered 1500 hours of community service.",
        "Afternoon sessions were cancelled.",
        "She starred in High Noon and Midnight Express.",
        "The price rose to $5.46 pm share.",
    ],
)
def test_not_times(sentence: str) -> None:
    assert find_times(sentence, dt.date(2022, 1, 12)) == []


def test_a_time_without_a_m_or_p_m_up_to_12_59_is_ambiguous() -> None:
    assert only("The meeting began at 9:30.").confidence is Confidence.AMBIGUOUS
    assert only("The meeting began at 9:30 in the evening.").label == "21:30 local"
    assert only("The meeting began at 9:30 GMT.").confidence is Confidence.CLEAR


def test_a_zone_with_daylight_saving_and_no_publication_date_is_ambiguous() -> None:
    hit = only("The address is at 9 p.m. ET.", None)
    assert (hit.label, hit.confidence) == ("02:00 UTC", Confidence.AMBIGUOUS)
    assert only("The address is at 9 p.m. EST.", None).confidence is Confidence.CLEAR
