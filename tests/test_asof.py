"""The time a figure is stated to hold: "as of 7 p.m.", "by Thursday morning", "at last count", "<time> figures"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.asof import DAY_PARTS, as_of
from factcheck.dates import WEEKDAYS

WED = dt.date(2024, 4, 3)  # a Wednesday
SAT = dt.date(2024, 11, 9)  # a Saturday, four days after an election
MANILA = dt.timezone(dt.timedelta(hours=8))
NEW_YORK = dt.timezone(dt.timedelta(hours=-4))
AT_1930_MANILA = dt.datetime(2024, 4, 3, 19, 30, tzinfo=MANILA)  # 2024-04-03T19:30+08:00
AT_0800_MANILA = dt.datetime(2024, 4, 3, 8, 0, tzinfo=MANILA)
AT_0700_NAIVE = dt.datetime(2024, 4, 3, 7, 0)
AT_2215_NEW_YORK = dt.datetime(2024, 11, 9, 22, 15, tzinfo=NEW_YORK)

Case = tuple[str, str, dt.date | None, dt.datetime | None, str | None]

CASES: list[Case] = [
    # clock times: a.m./p.m., 24-hour, words; on the publication day
    ("As of 7 p.m., 12 people had died in the Harlow Mills fire.", "12", WED, None, "2024-04-03T19:00"),
    ("As of 7 p.m., 12 people had died and 30 were injured.", "30", WED, None, "2024-04-03T19:00"),
    ("As of 7 p.m., 12 people had died and 30 were injured.", "12", WED, AT_1930_MANILA, "2024-04-03T19:00+08:00"),
    ("As at 6pm, 17 fire crews were still at the Dunmore warehouse.", "17", WED, None, "2024-04-03T18:00"),
    ("As of 10:45 a.m., 212 homes in Corvale were without power.", "212", WED, None, "2024-04-03T10:45"),
    ("As of 17:30, the Ostrava river gauge read 6.2 metres.", "6.2", WED, None, "2024-04-03T17:30"),
    ("The toll from the Velmora earthquake had risen to 14 by 6 p.m.", "14", WED, None, "2024-04-03T18:00"),
    ("As of noon, 4 bodies had been recovered from the Penhallow mine.", "4", WED, None, "2024-04-03T12:00"),
    ("Rescuers had pulled 31 survivors from the rubble as of 9 in the morning.", "31", WED, None, "2024-04-03T09:00"),
    ("As of about 7 p.m., 12 people were unaccounted for.", "12", WED, None, "2024-04-03T19:00"),
    # stated zones, "local time" and a bracketed conversion
    (
        "As of 7 p.m. ET, 1,204 ballots were uncounted in Harlan.",
        "1,204",
        SAT,
        None,
        "2024-11-09T19:00-05:00",
    ),
    ("As of 0800 GMT, 56 flights out of Brindle had been cancelled.", "56", WED, None, "2024-04-03T08:00+00:00"),
    ("As of 10:30 Moscow time, 7 people were dead.", "7", WED, None, "2024-04-03T10:30+03:00"),
    ("As of 6 p.m. EDT on Tuesday, 310 people were in shelters.", "310", WED, None, "2024-04-02T18:00-04:00"),
    ("As at 6pm local time, 3 climbers were missing on Mount Arrel.", "3", WED, AT_1930_MANILA, "2024-04-03T18:00"),
    ("By 9 a.m. (0100 GMT), 40 people had been evacuated from Tanbar.", "40", WED, None, "2024-04-03T09:00+08:00"),
    (
        "As of 7 p.m. local time (2300 GMT), 12 people had died in the Sorrel Bay floods.",
        "12",
        WED,
        None,
        "2024-04-03T19:00-04:00",
    ),
    # parts of the day
    ("By Thursday morning the toll had risen to 14.", "14", WED, None, "2024-03-28T09:00"),
    ("At last count on Tuesday evening, 30 were missing.", "30", WED, None, "2024-04-02T19:00"),
    ("By late Wednesday, 5 homes in Quarrington had burned down.", "5", WED, None, "2024-04-03T22:00"),
    ("By early Thursday, 9 people had died of cholera in Ebbsfleet.", "9", WED, None, "2024-03-28T06:00"),
    ("By midday Friday, 5 villages were cut off by the floodwater.", "5", WED, None, "2024-03-29T12:00"),
    ("By late Tuesday night, 9 aftershocks had been recorded.", "9", WED, None, "2024-04-02T23:00"),
    ("By late afternoon, 80 people had been evacuated from Glenmire.", "80", WED, None, "2024-04-03T17:00"),
    ("Up to Tuesday evening, 40 people had been evacuated.", "40", WED, None, "2024-04-02T19:00"),
    ("By the evening, 9 people had died.", "9", WED, AT_1930_MANILA, "2024-04-03T19:00+08:00"),
    # weekdays, relative days and dates
    ("12 people were confirmed dead as of Wednesday.", "12", WED, None, "2024-04-03"),
    ("As of Monday, 212 cases of measles had been confirmed in Pellham.", "212", WED, None, "2024-04-01"),
    ("As of Thursday, 75 cases had been confirmed in the outbreak.", "75", WED, None, "2024-03-28"),
    ("As of Friday, 48 precincts had reported.", "48", SAT, None, "2024-11-08"),
    ("As of yesterday, 8 people had died in the Lorne Valley floods.", "8", WED, None, "2024-04-02"),
    ("As of today, 19 schools in Brackwater remain closed.", "19", WED, None, "2024-04-03"),
    ("As of last night, 8 people had died.", "8", WED, None, "2024-04-02T22:00"),
    ("As of this morning, 61 patients were in hospital.", "61", WED, AT_1930_MANILA, "2024-04-03T09:00+08:00"),
    ("By yesterday afternoon, 23 aftershocks had shaken Velmora.", "23", WED, None, "2024-04-02T15:00"),
    ("As of April 3, 8 people had died.", "8", WED, None, "2024-04-03"),
    ("As of March 30, 2024, 1,450 cases had been reported.", "1,450", WED, None, "2024-03-30"),
    ("By 8 p.m. on Tuesday, 7 people were dead.", "7", WED, None, "2024-04-02T20:00"),
    ("By Tuesday at 8 p.m., 7 people were dead.", "7", WED, None, "2024-04-02T20:00"),
    ("Tuesday evening figures showed 40 people in shelters.", "40", WED, None, "2024-04-02T19:00"),
    ("The 6 p.m. tally put the count at 4,512 votes for Ms Dorrel.", "4,512", SAT, None, "2024-11-09T18:00"),
    ("Without a publication date, as of Tuesday 3 were missing.", "3", None, None, None),
    ("As of Tuesday, 3 were missing.", "3", None, AT_1930_MANILA, "2024-04-02"),
    # the day before when the time would fall after publication
    ("As of 9 p.m., 12 people had died.", "12", WED, AT_1930_MANILA, "2024-04-02T21:00+08:00"),
    ("As of 7 p.m., 15 people had died.", "15", WED, AT_1930_MANILA, "2024-04-03T19:00+08:00"),
    ("As of 9 a.m., 26 people were missing.", "26", WED, AT_0800_MANILA, "2024-04-02T09:00+08:00"),
    ("As of 10 p.m., 26 people were missing.", "26", WED, AT_0700_NAIVE, "2024-04-02T22:00"),
    ("As of 7 p.m. ET, 12 people had died.", "12", WED, AT_1930_MANILA, "2024-04-02T19:00-04:00"),
    (
        "As of 11 p.m., 88% of the vote had been counted.",
        "88%",
        SAT,
        AT_2215_NEW_YORK,
        "2024-11-08T23:00-04:00",
    ),
    ("As of midnight, 8 people had died.", "8", WED, AT_1930_MANILA, "2024-04-03T00:00+08:00"),
    ("By midnight, 8 people had died.", "8", WED, AT_1930_MANILA, "2024-04-03T00:00+08:00"),
    ("By midnight on Tuesday, 8 people had died.", "8", WED, None, "2024-04-03T00:00"),
    ("As of press time, 7 were dead.", "7", WED, AT_1930_MANILA, "2024-04-03T19:30+08:00"),
    # scope: the clause the phrase qualifies
    ("As of 7 p.m., 12 people had died; 3 others were missing.", "3", WED, None, None),
    ("As of 7 p.m., 12 people had died, but 3 others were found alive.", "3", WED, None, None),
    ("3 people died in the blaze, and by Thursday 12 had been hospitalised.", "3", WED, None, None),
    ("3 people died in the blaze, and by Thursday 12 had been hospitalised.", "12", WED, None, "2024-03-28"),
    ("Officials said 12 people, as of Tuesday, remained missing.", "12", WED, None, "2024-04-02"),
    ("Officials said that as of 7 p.m. 16 people had died.", "16", WED, None, "2024-04-03T19:00"),
    (
        "Polls closed at 8 p.m. and by 11 p.m. 64% of ballots were counted.",
        "64%",
        SAT,
        None,
        "2024-11-09T23:00",
    ),
    ("12 had died and 30 were injured by Thursday.", "12", WED, None, "2024-03-28"),
    ("Five homes flooded on Monday and 3 people had died by Wednesday.", "Five", WED, None, None),
    ("Five homes flooded on Monday and 3 people had died by Wednesday.", "3", WED, None, "2024-04-03"),
    ("There were 12 deaths as of 7 p.m. Tuesday, up from 9 on Monday.", "12", WED, None, "2024-04-02T19:00"),
    ("There were 12 deaths as of 7 p.m. Tuesday, up from 9 on Monday.", "9", WED, None, None),
    ("The toll, 12 as of Wednesday, rose to 14 by Thursday evening.", "12", WED, None, "2024-04-03"),
    ("The toll, 12 as of Wednesday, rose to 14 by Thursday evening.", "14", WED, None, "2024-03-28T19:00"),
    ("A 5.9-magnitude quake struck at 3:12 a.m.; by noon, 41 people had died.", "5.9", WED, None, None),
    ("A 5.9-magnitude quake struck at 3:12 a.m.; by noon, 41 people had died.", "41", WED, None, "2024-04-03T12:00"),
    (
        "With 92% of precincts reporting as of 11 p.m., it was too close to call.",
        "92%",
        SAT,
        None,
        "2024-11-09T23:00",
    ),
    # not an as-of time: event times, deadlines, "by" with the figure itself
    ("The fire broke out at 10 p.m. and 3 people died.", "3", WED, None, None),
    ("The quake struck at 3:12 a.m. on Tuesday and killed 41 people.", "41", WED, None, None),
    ("The fire was contained by 6 p.m. and 3 people died.", "3", WED, None, None),
    ("All 300 residents of Dunmore must leave by Friday.", "300", WED, None, None),
    ("Officials expect 40 people to be evacuated by Friday.", "40", WED, None, None),
    ("The remaining 3,000 ballots will be counted by Friday.", "3,000", SAT, None, None),
    ("As of Friday, 200 residents will be allowed to return to Tanbar.", "200", WED, None, None),
    ("The incumbent led by 12 votes.", "12", SAT, None, None),
    ("Cases in Ebbsfleet rose by 30% last week.", "30%", WED, None, None),
    ("12 people were killed by Tuesday's landslide.", "12", WED, None, None),
    ("At last count, 30 were missing.", "30", WED, None, None),
    ("Up to 40 people were evacuated from Glenmire.", "40", WED, None, None),
    ("As of April 2024, 9 people had died.", "9", WED, None, None),
    ("As of last week, 9 people had died.", "9", WED, None, None),
    ("By 2030, 12,000 homes are to be rebuilt.", "12,000", WED, None, None),
    ("As of 7 p.m., 15 people had died.", "7", WED, None, None),  # the time itself is no figure of its own
]


def _span(sentence: str, figure: str) -> tuple[int, int]:
    found = [m.span() for m in re.finditer(rf"(?<![\w.,]){re.escape(figure)}(?![\w]|[.,]\d)", sentence)]
    assert len(found) == 1, (sentence, figure, found)
    return found[0]


@pytest.mark.parametrize(("sentence", "figure", "published", "published_at", "expected"), CASES)
def test_as_of(
    sentence: str, figure: str, published: dt.date | None, published_at: dt.datetime | None, expected: str | None
) -> None:
    start, end = _span(sentence, figure)
    assert as_of(sentence, start, end, published, published_at) == expected


def test_a_case_count_worth_the_name() -> None:
    assert len(CASES) >= 50
    assert sum(expected is None for *_, expected in CASES) >= 15


def test_day_parts_are_ordered() -> None:
    for parts in DAY_PARTS.values():
        assert parts["morning"] < parts["afternoon"] < parts["evening"] <= parts["night"]
    for part, minutes in DAY_PARTS[""].items():
        assert DAY_PARTS["early"][part] <= minutes <= DAY_PARTS["late"][part]


def test_a_span_outside_the_sentence_has_no_time() -> None:
    assert as_of("As of 7 p.m., 12 people had died.", 30, 40, WED) is None
    assert as_of("As of 7 p.m., 12 people had died.", 5, 5, WED) is None


DAY_NAMES = sorted(WEEKDAYS, key=WEEKDAYS.__getitem__)


@given(st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 31)), st.sampled_from(DAY_NAMES))
def test_a_weekday_is_within_the_week_up_to_publication(published: dt.date, day: str) -> None:
    sentence = f"As of {day.title()}, 12 people had died."
    start = sentence.index("12")
    text = as_of(sentence, start, start + 2, published)
    assert text is not None
    date = dt.date.fromisoformat(text)
    assert 0 <= (published - date).days <= 6
    assert date.weekday() == WEEKDAYS[day]
