"""Intervals for hedged numbers: shapes per qualifier, slack, and how intervals meet."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from factcheck.intervals import (
    DATE_SLACK,
    DEFAULT_SLACK,
    Interval,
    Qualifier,
    Slack,
    compared,
    format_number,
    interval_for,
    json_number,
)

N = 100_000.0

# --------------------------------------------------------------------------------------------------------------
# Strategies and helpers


def _bound() -> st.SearchStrategy[float | None]:
    # Small integers make equal endpoints (and so open/closed subtleties) common; wide floats cover the rest.
    return st.one_of(
        st.none(),
        st.integers(min_value=-10, max_value=10).map(float),
        st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    )


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    return Interval(
        low=draw(_bound()), high=draw(_bound()), low_open=draw(st.booleans()), high_open=draw(st.booleans())
    )


@st.composite
def non_empty_intervals(draw: st.DrawFn) -> Interval:
    low = draw(_bound())
    high = draw(_bound())
    if low is not None and high is not None and low > high:
        low, high = high, low
    low_open = draw(st.booleans())
    high_open = draw(st.booleans())
    if low is not None and low == high:
        low_open = high_open = False
    return Interval(low=low, high=high, low_open=low_open, high_open=high_open)


def canonical(interval: Interval) -> tuple[object, ...]:
    """What an interval means: an open flag on an unbounded side says nothing, and all empty sets are alike."""
    if interval.is_empty():
        return ("empty",)
    return (
        interval.low,
        interval.high,
        interval.low_open and interval.low is not None,
        interval.high_open and interval.high is not None,
    )


def probes(*items: Interval) -> list[float]:
    """Points that witness any non-empty intersection of the given intervals: endpoints, midpoints, beyond."""
    ends = sorted({b for i in items for b in (i.low, i.high) if b is not None})
    points = [0.0, *ends]
    points += [(a + b) / 2 for a, b in itertools.pairwise(ends)]
    if ends:
        points += [ends[0] - 1.0, ends[-1] + 1.0]
    return points


# --------------------------------------------------------------------------------------------------------------
# interval_for: one shape per qualifier


def test_more_than_is_open_at_its_number_and_reaches_half_again() -> None:
    interval = interval_for(Qualifier.MORE_THAN, N, N)
    assert interval == Interval(low=N, high=150_000, low_open=True)
    assert not interval.contains(N)
    assert interval.contains(N + 1)
    assert interval.contains(150_000)
    assert not interval.contains(175_000)
    assert not interval.contains(N - 1)


def test_more_than_without_reach_is_unbounded() -> None:
    interval = interval_for(Qualifier.MORE_THAN, N, N, Slack(reach=None))
    assert interval == Interval(low=N, high=None, low_open=True)
    assert interval.contains(1e12)


def test_more_than_zero_is_unbounded() -> None:
    assert interval_for(Qualifier.MORE_THAN, 0, 0).high is None
    assert interval_for(Qualifier.LESS_THAN, 0, 0).low is None


def test_at_least_is_closed_at_its_number() -> None:
    interval = interval_for(Qualifier.AT_LEAST, N, N)
    assert interval == Interval(low=N, high=150_000)
    assert interval.contains(N)
    assert not interval.contains(1e12)
    assert not interval.contains(N - 0.5)


def test_dates_keep_open_hedges_unbounded() -> None:
    assert interval_for(Qualifier.MORE_THAN, 738_000, 738_000, DATE_SLACK).high is None


def test_almost_is_just_below_with_high_open() -> None:
    interval = interval_for(Qualifier.ALMOST, N, N)
    assert interval.low == pytest.approx(N - DEFAULT_SLACK.near * N)
    assert interval.high == N
    assert interval.high_open and not interval.low_open
    assert not interval.contains(N)
    assert interval.contains(N - 1)
    assert interval.contains(95_000)
    assert not interval.contains(94_999)


def test_almost_uses_the_near_fraction_of_the_slack() -> None:
    interval = interval_for(Qualifier.ALMOST, 8, 8, Slack(near=0.25))
    assert interval == Interval(low=6.0, high=8.0, high_open=True)


def test_up_to_is_closed_at_its_number_and_reaches_down() -> None:
    interval = interval_for(Qualifier.UP_TO, 150_000, 150_000)
    assert interval == Interval(low=N, high=150_000)
    assert interval.contains(150_000)
    assert not interval.contains(-1e12)
    assert not interval.contains(150_000.5)


def test_less_than_is_open_at_its_number() -> None:
    interval = interval_for(Qualifier.LESS_THAN, N, N)
    assert interval.high == N and interval.high_open
    assert interval.low == pytest.approx(N / 1.5)
    assert not interval.contains(N)
    assert interval.contains(N - 0.001)
    assert not interval.contains(50_000)


def test_less_than_reaches_down_to_what_more_than_reaches_up_from() -> None:
    more = interval_for(Qualifier.MORE_THAN, 60_000, 60_000)
    less = interval_for(Qualifier.LESS_THAN, more.high or 0, more.high or 0)
    assert less.low == pytest.approx(60_000)


def test_about_is_symmetric_with_approximate_slack() -> None:
    interval = interval_for(Qualifier.ABOUT, N, N)
    a = DEFAULT_SLACK.approximate
    assert interval.low == pytest.approx(N - a * N)
    assert interval.high == pytest.approx(N + a * N)
    assert not interval.low_open and not interval.high_open
    assert interval.contains(90_000) and interval.contains(110_000)
    assert not interval.contains(89_999) and not interval.contains(110_001)


def test_about_honours_a_custom_approximate_fraction() -> None:
    interval = interval_for(Qualifier.ABOUT, 200, 200, Slack(approximate=0.5))
    assert interval == Interval(low=100.0, high=300.0)


def test_range_is_closed_between_the_stated_ends() -> None:
    interval = interval_for(Qualifier.RANGE, 60_000, 80_000)
    assert interval == Interval(low=60_000, high=80_000)


def test_exact_is_a_point() -> None:
    interval = interval_for(Qualifier.EXACT, N, N)
    assert interval == Interval(low=N, high=N)
    assert interval.contains(N)
    assert not interval.contains(N + 1)


def test_every_qualifier_has_a_shape() -> None:
    for qualifier in Qualifier:
        interval = interval_for(qualifier, 10.0, 10.0)
        assert not interval.is_empty()
        assert interval.contains(10.0) or qualifier in (Qualifier.MORE_THAN, Qualifier.ALMOST, Qualifier.LESS_THAN)


def test_negative_numbers_keep_slack_outward() -> None:
    interval = interval_for(Qualifier.ABOUT, -100, -100)
    assert interval.low == pytest.approx(-110) and interval.high == pytest.approx(-90)
    assert not interval.is_empty()


@given(
    low=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    width=st.floats(min_value=0, max_value=1e9, allow_nan=False),
)
def test_range_is_never_averaged(low: float, width: float) -> None:
    high = low + width
    interval = interval_for(Qualifier.RANGE, low, high)
    assert interval.low == low
    assert interval.high == high
    assert not interval.low_open and not interval.high_open
    assert compared(Qualifier.RANGE, low, high) == interval


# --------------------------------------------------------------------------------------------------------------
# compared: rounding slack only around exact numbers


def test_compared_widens_a_bare_number_by_rounding() -> None:
    interval = compared(Qualifier.EXACT, N, N)
    assert interval.low == pytest.approx(N * (1 - DEFAULT_SLACK.rounding))
    assert interval.high == pytest.approx(N * (1 + DEFAULT_SLACK.rounding))
    assert not interval.low_open and not interval.high_open


@pytest.mark.parametrize("qualifier", [q for q in Qualifier if q is not Qualifier.EXACT])
def test_compared_leaves_hedged_numbers_alone(qualifier: Qualifier) -> None:
    slack = Slack(rounding=0.3)
    low, high = (60.0, 80.0) if qualifier is Qualifier.RANGE else (70.0, 70.0)
    assert compared(qualifier, low, high, slack) == interval_for(qualifier, low, high, slack)


def test_compared_without_rounding_is_the_point() -> None:
    slack = Slack(rounding=0)
    assert compared(Qualifier.EXACT, 7, 7, slack) == Interval(low=7, high=7)


@given(
    value=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    rounding=st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_compared_exact_contains_the_stated_value(value: float, rounding: float) -> None:
    interval = compared(Qualifier.EXACT, value, value, Slack(rounding=rounding))
    assert interval.contains(value)
    assert interval_for(Qualifier.EXACT, value, value).contains(value)


# --------------------------------------------------------------------------------------------------------------
# Dates: absolute slack is in days, whatever the magnitude of the ordinal


@given(day=st.integers(min_value=1, max_value=3_000_000))
def test_date_slack_is_in_days(day: int) -> None:
    d = float(day)
    assert interval_for(Qualifier.ABOUT, d, d, DATE_SLACK) == Interval(low=d - 3, high=d + 3)
    assert interval_for(Qualifier.ALMOST, d, d, DATE_SLACK) == Interval(low=d - 3, high=d, high_open=True)
    # Dates carry no rounding slack by default: a bare day is that day.
    assert compared(Qualifier.EXACT, d, d, DATE_SLACK) == Interval(low=d, high=d)
    one_day = Slack(approximate=3, near=3, rounding=1, absolute=True)
    assert compared(Qualifier.EXACT, d, d, one_day) == Interval(low=d - 1, high=d + 1)


def test_date_week_is_not_widened_relative_to_the_ordinal() -> None:
    monday = 738_165.0  # 2022-01-10 as a proleptic ordinal
    week = interval_for(Qualifier.ABOUT, monday, monday + 6, DATE_SLACK)
    assert week == Interval(low=monday - 3, high=monday + 9)
    assert not week.contains(monday - 4)


def test_slack_amount() -> None:
    assert Slack().amount(0.1, -50) == pytest.approx(5)
    assert Slack(absolute=True).amount(2, 738_000) == 2


# --------------------------------------------------------------------------------------------------------------
# The Geneva cases


def test_geneva_more_than_and_almost_100000_do_not_overlap() -> None:
    more = compared(Qualifier.MORE_THAN, N, N)
    almost = compared(Qualifier.ALMOST, N, N)
    assert not more.overlaps(almost)
    assert not almost.overlaps(more)


def test_geneva_bare_100000_overlaps_both_hedges() -> None:
    bare = compared(Qualifier.EXACT, N, N)
    assert bare.overlaps(compared(Qualifier.MORE_THAN, N, N))
    assert bare.overlaps(compared(Qualifier.ALMOST, N, N))
    assert bare.overlaps(compared(Qualifier.ABOUT, N, N))


def test_geneva_seven_hours_against_nearly_eight() -> None:
    slack = Slack(rounding=0.05, near=0.05)
    seven = compared(Qualifier.EXACT, 7, 7, slack)
    nearly_eight = compared(Qualifier.ALMOST, 8, 8, slack)
    eight = compared(Qualifier.EXACT, 8, 8, slack)
    more_than_seven = compared(Qualifier.MORE_THAN, 7, 7, slack)
    assert not seven.overlaps(nearly_eight)
    assert eight.overlaps(nearly_eight)
    assert more_than_seven.overlaps(nearly_eight)
    assert not seven.overlaps(eight)


# --------------------------------------------------------------------------------------------------------------
# Interval algebra


def test_contains_respects_open_bounds() -> None:
    interval = Interval(low=1, high=2, low_open=True, high_open=False)
    assert not interval.contains(1)
    assert interval.contains(1.5)
    assert interval.contains(2)
    assert not interval.contains(2.0001)


def test_is_empty() -> None:
    assert Interval(low=2, high=1).is_empty()
    assert Interval(low=1, high=1, high_open=True).is_empty()
    assert Interval(low=1, high=1, low_open=True).is_empty()
    assert not Interval(low=1, high=1).is_empty()
    assert not Interval(low=None, high=None).is_empty()
    assert not Interval(low=5, high=None, low_open=True).is_empty()


def test_touching_intervals() -> None:
    closed = Interval(low=0, high=5)
    assert closed.overlaps(Interval(low=5, high=9))
    assert not closed.overlaps(Interval(low=5, high=9, low_open=True))
    assert not Interval(low=0, high=5, high_open=True).overlaps(Interval(low=5, high=9))
    assert closed.intersect(Interval(low=5, high=9)) == Interval(low=5, high=5)


def test_notation() -> None:
    assert compared(Qualifier.MORE_THAN, N, N).notation() == "(100,000, 150,000]"
    assert compared(Qualifier.MORE_THAN, N, N, Slack(reach=None)).notation() == "(100,000, inf)"
    assert compared(Qualifier.ALMOST, N, N).notation() == "[95,000, 100,000)"
    assert compared(Qualifier.UP_TO, 7, 7, Slack(reach=None)).notation() == "(-inf, 7]"
    assert Interval(low=2.5, high=3).notation() == "[2.5, 3]"


@given(intervals(), intervals())
def test_overlaps_is_symmetric(a: Interval, b: Interval) -> None:
    assert a.overlaps(b) == b.overlaps(a)


@given(intervals(), intervals())
def test_intersect_is_commutative(a: Interval, b: Interval) -> None:
    assert canonical(a.intersect(b)) == canonical(b.intersect(a))


@given(intervals(), intervals())
def test_intersect_is_idempotent(a: Interval, b: Interval) -> None:
    assert canonical(a.intersect(a)) == canonical(a)
    both = a.intersect(b)
    assert canonical(both.intersect(b)) == canonical(both)
    assert canonical(both.intersect(a)) == canonical(both)


@given(intervals(), intervals(), intervals())
def test_intersect_is_associative(a: Interval, b: Interval, c: Interval) -> None:
    assert canonical(a.intersect(b).intersect(c)) == canonical(a.intersect(b.intersect(c)))


@given(intervals())
def test_an_interval_overlaps_itself_unless_empty(a: Interval) -> None:
    assert a.overlaps(a) == (not a.is_empty())


@given(non_empty_intervals())
def test_a_non_empty_interval_overlaps_itself(a: Interval) -> None:
    assert a.overlaps(a)


@given(intervals(), intervals())
def test_intersection_holds_exactly_the_common_points(a: Interval, b: Interval) -> None:
    both = a.intersect(b)
    for x in probes(a, b):
        assert both.contains(x) == (a.contains(x) and b.contains(x)), x


@given(intervals(), intervals())
def test_overlaps_agrees_with_a_common_point(a: Interval, b: Interval) -> None:
    witnessed = any(a.contains(x) and b.contains(x) for x in probes(a, b))
    assert a.overlaps(b) == witnessed


@given(
    p=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    x=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
)
def test_contains_of_a_point_interval(p: float, x: float) -> None:
    point = Interval(low=p, high=p)
    assert point.contains(p)
    assert point.contains(x) == (x == p)
    assert not point.is_empty()


@given(
    a=non_empty_intervals(),
    relative=st.floats(min_value=0, max_value=2, allow_nan=False),
    absolute=st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_widen_never_shrinks(a: Interval, relative: float, absolute: float) -> None:
    wide = a.widen(relative=relative, absolute=absolute)
    for x in probes(a):
        if a.contains(x):
            assert wide.contains(x), x
    if a.low is not None:
        assert wide.low is not None and wide.low <= a.low
    else:
        assert wide.low is None
    if a.high is not None:
        assert wide.high is not None and wide.high >= a.high
    else:
        assert wide.high is None


def test_widen_by_nothing_is_the_same_interval() -> None:
    a = Interval(low=1, high=2, low_open=True)
    assert a.widen() is a


def test_widen_relative_and_absolute() -> None:
    a = Interval(low=-100, high=100)
    assert a.widen(relative=0.1) == Interval(low=-110, high=110)
    assert a.widen(absolute=3) == Interval(low=-103, high=103)


def test_intervals_are_frozen() -> None:
    a = Interval(low=1, high=2)
    with pytest.raises(ValidationError):
        a.low = 0  # type: ignore[misc]


# --------------------------------------------------------------------------------------------------------------
# Numbers for people and for JSON


def test_format_number() -> None:
    assert format_number(100000.0) == "100,000"
    assert format_number(2.5) == "2.5"
    assert format_number(7.0) == "7"
    assert format_number(1250.75) == "1,250.75"
    assert format_number(math.inf) == "inf"
    assert format_number(-math.inf) == "-inf"
    assert format_number(-3.0) == "-3"


def test_json_number() -> None:
    value = json_number(100000.0)
    assert value == 100000 and type(value) is int
    half = json_number(2.5)
    assert half == 2.5 and type(half) is float
    assert type(json_number(0.0)) is int


@given(st.integers(min_value=-(2**52), max_value=2**52))
def test_json_number_integral_floats_are_ints(n: int) -> None:
    value = json_number(float(n))
    assert type(value) is int and value == n


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_number_integral_has_no_decimal_point(n: int) -> None:
    text = format_number(float(n))
    assert "." not in text
    assert int(text.replace(",", "")) == n
