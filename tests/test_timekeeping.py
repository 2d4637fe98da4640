"""Day counting against hand-computed cases (weekends, holidays, time zones)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from ckanext.satudatablitar.timekeeping import WorkCalendar

WIB = ZoneInfo("Asia/Jakarta")
# 2026-08-17 (Monday) is Independence Day; 2026-08-14 is a Friday
HOLIDAYS = (datetime.date(2026, 8, 17),)


def at(day: int, hour: int, month: int = 8) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=WIB)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(10, 9), at(10, 16), 0),  # same working day
        (at(10, 9), at(11, 8), 1),  # Monday to Tuesday
        (at(14, 15), at(15, 9), 1),  # Friday to Saturday: only Friday counts
        (at(14, 15), at(18, 9), 1),  # Friday to Tuesday over the weekend and the holiday
        (at(14, 15), at(17, 9), 1),  # Friday to the holiday Monday
        (at(10, 9), at(24, 9), 9),  # two weeks less one holiday
        (at(15, 9), at(16, 9), 0),  # Saturday to Sunday
        (at(18, 9), at(10, 9), 0),  # backwards in time
    ],
)
def test_working_days(start, end, expected):
    calendar = WorkCalendar("working", HOLIDAYS, WIB)
    assert calendar.elapsed(start, end) == expected


def test_working_day_boundaries_follow_the_portal_time_zone():
    calendar = WorkCalendar("working", (), WIB)
    # 16:30 UTC Monday is 23:30 WIB Monday; 17:30 UTC is 00:30 WIB Tuesday
    monday_evening = datetime.datetime(2026, 8, 10, 16, 30, tzinfo=datetime.UTC)
    tuesday_early = datetime.datetime(2026, 8, 10, 17, 30, tzinfo=datetime.UTC)
    assert calendar.elapsed(monday_evening, tuesday_early) == 1
    assert WorkCalendar("working", (), datetime.UTC).elapsed(monday_evening, tuesday_early) == 0


def test_calendar_days_are_exact_fractions():
    calendar = WorkCalendar("calendar", HOLIDAYS, WIB)
    assert calendar.elapsed(at(14, 12), at(17, 0)) == 2.5
    assert calendar.elapsed(at(17, 0), at(14, 12)) == 0


@pytest.mark.parametrize(
    ("counting", "start", "days", "expected"),
    [
        ("working", datetime.date(2026, 8, 13), 2, datetime.date(2026, 8, 18)),  # Thu + 2: Fri, (holiday) Tue
        ("working", datetime.date(2026, 8, 13), 0, datetime.date(2026, 8, 13)),
        ("calendar", datetime.date(2026, 8, 13), 35, datetime.date(2026, 9, 17)),
    ],
)
def test_add_days(counting, start, days, expected):
    assert WorkCalendar(counting, HOLIDAYS, WIB).add_days(start, days) == expected


def test_days_between_dates_is_signed():
    calendar = WorkCalendar("working", HOLIDAYS, WIB)
    assert calendar.days_between(datetime.date(2026, 8, 14), datetime.date(2026, 8, 19)) == 2
    assert calendar.days_between(datetime.date(2026, 8, 19), datetime.date(2026, 8, 14)) == -2


@pytest.mark.parametrize(
    ("entered", "days", "first_overdue"),
    [
        (at(10, 9), 1, at(12, 0)),  # Monday: Monday and Tuesday count, overdue from Wednesday 00:00
        (at(14, 15), 1, at(19, 0)),  # Friday: Friday, (weekend, holiday) Tuesday: overdue Wednesday
        (at(15, 9), 1, at(20, 0)),  # Saturday: Tuesday 18th and Wednesday 19th count, overdue Thursday
        (at(10, 9), 10, at(26, 0)),  # the 11th working day from the 10th (skipping the 17th) is the 25th
    ],
)
def test_due_is_the_first_overdue_moment(entered, days, first_overdue):
    calendar = WorkCalendar("working", HOLIDAYS, WIB)
    due = calendar.due(entered, days)
    assert due == first_overdue
    just_before = due - datetime.timedelta(minutes=1)
    assert calendar.elapsed(entered, just_before) <= days < calendar.elapsed(entered, due)
    # the SQL cutoff agrees: at `due` the step is overdue, a minute before it is not
    assert entered < calendar.overdue_cutoff(due, days)
    assert not entered < calendar.overdue_cutoff(just_before, days)


def test_calendar_due_and_cutoff_are_exact():
    calendar = WorkCalendar("calendar", HOLIDAYS, WIB)
    assert calendar.due(at(14, 15), 1.5) == at(16, 3)
    assert calendar.overdue_cutoff(at(16, 3), 1.5) == at(14, 15)
