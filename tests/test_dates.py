"""Date resolution against the publication date: weekdays by tense, years for month-day dates, periods."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.dates import WEEKDAYS, find_dates, nearest_year
from factcheck.models import ClaimRole, Confidence

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


# --- every style reads back --------------------------------------------------------------------------------------

AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
FULL_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
WEEKDAY_TITLES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


STYLES: dict[str, tuple[str | None, object]] = {
    "ap": (None, lambda d: f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}"),
    "full": (None, lambda d: f"{FULL_MONTHS[d.month - 1]} {d.day}, {d.year}"),
    "ordinal": (None, lambda d: f"{FULL_MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}"),
    "day-month": (None, lambda d: f"{d.day} {FULL_MONTHS[d.month - 1]} {d.year}"),
    "of": (None, lambda d: f"the {ordinal(d.day)} of {FULL_MONTHS[d.month - 1]} {d.year}"),
    "iso": (None, lambda d: d.isoformat()),
    "weekday": (None, lambda d: f"{WEEKDAY_TITLES[d.weekday()]}, {AP_MONTHS[d.month - 1]} {d.day}, {d.year}"),
    "slash-month-first": ("month-first", lambda d: f"{d.month}/{d.day}/{d.year}"),
    "slash-day-first": ("day-first", lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}"),
    "two-digit-year": ("month-first", lambda d: f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"),
    "dotted": (None, lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}"),
}


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2060, 12, 31)), st.sampled_from(sorted(STYLES)))
def test_a_date_in_any_style_reads_back(date: dt.date, style: str) -> None:
    order, render = STYLES[style]
    published = date + dt.timedelta(days=40) if style == "two-digit-year" else None
    text = render(date)  # type: ignore[operator]
    hits = find_dates(f"The accord was signed on {text} in the capital.", published, date_order=order)  # type: ignore[arg-type]
    assert [(h.label, h.confidence, h.note) for h in hits] == [(date.isoformat(), Confidence.CLEAR, None)], text


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)), st.integers(0, 6))
def test_a_weekday_note_appears_iff_the_weekday_is_wrong(date: dt.date, weekday: int) -> None:
    text = f"{WEEKDAY_TITLES[weekday]}, {AP_MONTHS[date.month - 1]} {date.day}, {date.year}"
    (hit,) = find_dates(f"The vote was held on {text}.", None)
    assert hit.first == date
    if weekday == date.weekday():
        assert hit.note is None
    else:
        assert (
            hit.note == f"says {WEEKDAY_TITLES[weekday]}, but {date.isoformat()} is a {WEEKDAY_TITLES[date.weekday()]}"
        )


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_an_undeclared_order_is_ambiguous_when_both_readings_are_dates(date: dt.date) -> None:
    text = f"The memo of {date.month}/{date.day}/{date.year} was leaked."
    (hit,) = find_dates(text, None)
    both = date.day <= 12 and date.day != date.month
    assert hit.first == date
    assert hit.confidence is (Confidence.AMBIGUOUS if both else Confidence.CLEAR)
    (declared,) = find_dates(text, None, date_order="month-first")
    assert (declared.first, declared.confidence) == (date, Confidence.CLEAR)


@pytest.mark.parametrize("text", ["13/13/2022", "9/11", "24/7", "50/50", "2022-13-45", "31.02.2021"])
def test_date_shaped_words_that_are_no_date_are_blocked(text: str) -> None:
    blocked: list[tuple[int, int]] = []
    sentence = f"The file said {text} again."
    assert find_dates(sentence, dt.date(2022, 1, 12), blocked=blocked) == []
    assert [sentence[s:e] for s, e in blocked] == [text]


@pytest.mark.parametrize("text", ["1/2", "3/4", "5 1/2"])
def test_fractions_are_left_to_the_number_reader(text: str) -> None:
    blocked: list[tuple[int, int]] = []
    assert find_dates(f"It took {text} of the budget.", dt.date(2022, 1, 12), blocked=blocked) == []
    assert blocked == []


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        ("Talks run Jan. 4-6 in Vienna.", ["2022-01-04/2022-01-06"]),
        ("Talks run from Dec. 30 to Jan. 2.", ["2021-12-30/2022-01-02"]),
        ("The vote was moved from Jan. 4 to Jan. 6.", ["2022-01-04", "2022-01-06"]),
        ("They meet Jan. 20 and 21 in Vienna.", ["2022-01-20", "2022-01-21"]),
        ("Prices rose earlier this month.", ["2022-01-01/2022-01-12"]),
        ("A ruling is due later this year.", ["2022-01-12/2022-12-31"]),
        ("Crowds gathered last weekend.", ["2022-01-08/2022-01-09"]),
        ("The dig ran between 2015 and 2018.", ["2015/2018"]),
    ],
)
def test_ranges_and_spans(sentence: str, labels: list[str]) -> None:
    assert [h.label for h in find_dates(sentence, dt.date(2022, 1, 12))] == labels


@pytest.mark.parametrize(
    ("sentence", "confidence"),
    [
        ("The board meets next Friday.", Confidence.AMBIGUOUS),  # Jan. 14 or Jan. 21
        ("The board meets next Monday.", Confidence.CLEAR),
        ("The board met last Tuesday.", Confidence.AMBIGUOUS),  # Jan. 11 or Jan. 4
        ("The board met last Friday.", Confidence.CLEAR),
        ("Rail strike on Thursday", Confidence.AMBIGUOUS),  # no tense to go by
        ("The ruble fell on Thursday.", Confidence.CLEAR),
    ],
)
def test_weekdays_that_may_be_another_day_are_ambiguous(sentence: str, confidence: Confidence) -> None:
    (hit,) = find_dates(sentence, dt.date(2022, 1, 12))
    assert hit.confidence is confidence
