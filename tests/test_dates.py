"""Date resolution against the publication date: weekdays by tense, years for month-day dates, periods."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.dates import WEEKDAYS, find_dates, nearest_year
from factcheck.models import ClaimRole

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
DAY_NAMES = sorted(WEEKDAYS, key=WEEKDAYS.get)  # type: ignore[arg-type]


def only(sentence: str, published: dt.date | None) -> tuple[dt.date, dt.date, str]:
    hits = find_dates(sentence, published)
    assert len(hits) == 1, hits
    return hits[0].first, hits[0].last, hits[0].label


@given(DATES, st.sampled_from(DAY_NAMES))
def test_past_weekday_is_the_latest_on_or_before_publication(published: dt.date, day: str) -> None:
    first, last, _ = only(f"The talks ended on {day.title()}.", published)
    assert first == last
    assert first.weekday() == WEEKDAYS[day]
    assert 0 <= (published - first).days <= 6


@given(DATES, st.sampled_from(DAY_NAMES))
def test_future_weekday_is_the_next_on_or_after_publication(published: dt.date, day: str) -> None:
    first, _, _ = only(f"The allies will meet on {day.title()}.", published)
    assert first.weekday() == WEEKDAYS[day]
    assert 0 <= (first - published).days <= 6


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks move to the OSCE in Vienna on Thursday.",
        "The council reconvenes Thursday in Vienna.",
        "The delegations head to Vienna on Thursday.",
        "Negotiations resume on Thursday.",
    ],
)
def test_a_schedule_in_the_present_tense_looks_forward(sentence: str) -> None:
    first, _, _ = only(sentence, dt.date(2022, 1, 11))
    assert first == dt.date(2022, 1, 13)


@given(DATES, st.sampled_from(DAY_NAMES))
def test_last_and_next_weekday_never_fall_on_publication(published: dt.date, day: str) -> None:
    last, _, _ = only(f"They met last {day.title()}.", published)
    following, _, _ = only(f"They meet next {day.title()}.", published)
    assert 1 <= (published - last).days <= 7
    assert 1 <= (following - published).days <= 7


@given(DATES, st.integers(1, 12), st.integers(1, 28))
def test_month_day_resolves_to_the_nearest_year(published: dt.date, month: int, day: int) -> None:
    resolved = nearest_year(month, day, published)
    assert resolved is not None
    assert (resolved.month, resolved.day) == (month, day)
    assert abs((resolved - published).days) <= 184


@given(DATES)
def test_last_month_is_the_whole_previous_month(published: dt.date) -> None:
    first, last, label = only("Russia published them last month.", published)
    assert first.day == 1 and (last + dt.timedelta(days=1)).day == 1
    assert first <= published.replace(day=1) - dt.timedelta(days=1) <= last
    assert label == f"{first.year:04d}-{first.month:02d}"


@pytest.mark.parametrize(
    ("sentence", "published", "label"),
    [
        ("During a Dec. 7 call, Biden warned Putin.", dt.date(2022, 1, 9), "2021-12-07"),
        ("They meet on Jan. 12.", dt.date(2022, 1, 9), "2022-01-12"),
        ("It was signed on 12 January 2022.", None, "2022-01-12"),
        ("It was signed on January 12th, 2022.", None, "2022-01-12"),
        ("The treaties came in December 2021.", None, "2021-12"),
        ("Crimea was annexed in 2014.", None, "2014"),
        ("Talks are set to begin Sunday in Geneva.", dt.date(2022, 1, 9), "2022-01-09"),
        ("The talks are scheduled for Wednesday.", dt.date(2022, 1, 10), "2022-01-12"),
        ("Unrest broke out last week.", dt.date(2022, 1, 10), "2022-W01"),
        ("Talks were held this week.", dt.date(2022, 1, 13), "2022-W02"),
        ("The deal was struck yesterday.", dt.date(2022, 1, 13), "2022-01-12"),
    ],
)
def test_date_labels(sentence: str, published: dt.date | None, label: str) -> None:
    assert only(sentence, published)[2] == label


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Blinken said Sunday that he did not expect progress.", ClaimRole.STATEMENT),
        ("Speaking Sunday, he described the talks.", ClaimRole.STATEMENT),
        ("Sherman told reporters on Monday the talks were useful.", ClaimRole.STATEMENT),
        ("Sherman said Monday's meeting was useful.", ClaimRole.EVENT),
        ("Talks began Monday in Geneva.", ClaimRole.EVENT),
    ],
)
def test_statement_days_are_told_apart(sentence: str, role: ClaimRole) -> None:
    (hit,) = find_dates(sentence, dt.date(2022, 1, 10))
    assert hit.role is role


def test_show_titles_are_not_dates() -> None:
    assert find_dates('Blinken said on ABC\'s "This Week" that talks go on.', dt.date(2022, 1, 10)) == []
