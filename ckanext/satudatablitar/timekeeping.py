"""SOP time standards: counting elapsed days the way the SOP counts them, calendar or working days.

Working days skip Saturdays, Sundays and the configured public holidays. Day
boundaries are taken in the portal's display time zone (``ckan.display_timezone``),
so a step that ends the next local morning counts one day, wherever the server runs.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk

from ckanext.satudatablitar import config

CALENDAR = "calendar"
WORKING = "working"
_SECONDS_PER_DAY = 86400.0
# a moment as counting needs it: a POSIX timestamp (calendar) or a local date (working)
Point = float | datetime.date


def display_timezone() -> datetime.tzinfo:
    """The portal's time zone (``ckan.display_timezone``; ``server`` counts as UTC)."""
    zone_name = tk.config.get("ckan.display_timezone") or "UTC"
    return datetime.UTC if zone_name == "server" else ZoneInfo(zone_name)


@dataclass(frozen=True)
class WorkCalendar:
    counting: str
    holidays: tuple[datetime.date, ...]  # sorted, Monday to Friday only
    timezone: datetime.tzinfo

    def __post_init__(self) -> None:
        weekdays = tuple(sorted(day for day in set(self.holidays) if day.weekday() < 5))
        object.__setattr__(self, "holidays", weekdays)

    @classmethod
    def from_config(cls) -> WorkCalendar:
        return cls(config.day_counting(), tuple(config.holidays()), display_timezone())

    def elapsed(self, start: datetime.datetime, end: datetime.datetime) -> float:
        """Days from ``start`` to ``end``.

        Calendar counting gives exact fractional days. Working counting gives
        the number of working days from the local date of ``start`` up to,
        not including, the local date of ``end``: a step started on Friday and
        finished on Monday took one working day.
        """
        return self.between(self.point(start), self.point(end))

    def point(self, moment: datetime.datetime) -> Point:
        """What counting needs of a moment (compute once, compare many times)."""
        if self.counting == CALENDAR:
            return moment.timestamp()
        return self.point_date(moment)

    def due(self, entered: datetime.datetime, days: float) -> datetime.datetime:
        """The first moment at which a step entered at ``entered`` is over a standard of ``days``."""
        if self.counting == CALENDAR:
            return entered + datetime.timedelta(days=days)
        # overdue once more than `days` working days lie in [entered date, today): from the day
        # after the (floor(days) + 1)-th working day on or after the entered date
        day, count = self.point_date(entered), 0
        while True:
            if self._is_working(day):
                count += 1
                if count > days:
                    return self._midnight(day + datetime.timedelta(days=1))
            day += datetime.timedelta(days=1)

    def overdue_cutoff(self, now: datetime.datetime, days: float) -> datetime.datetime:
        """Steps entered before this moment are over a standard of ``days`` at ``now`` (for SQL filters)."""
        if self.counting == CALENDAR:
            return now - datetime.timedelta(days=days)
        day, count = self.point_date(now), 0
        while count <= days:
            day -= datetime.timedelta(days=1)
            if self._is_working(day):
                count += 1
        return self._midnight(day + datetime.timedelta(days=1))

    def _is_working(self, day: datetime.date) -> bool:
        if day.weekday() >= 5:
            return False
        index = bisect.bisect_left(self.holidays, day)
        return index == len(self.holidays) or self.holidays[index] != day

    def _midnight(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(), self.timezone)

    def point_date(self, moment: datetime.datetime) -> datetime.date:
        """The local date of a moment."""
        return moment.astimezone(self.timezone).date()

    def between(self, start: Point, end: Point) -> float:
        """Days between two points of :meth:`point`."""
        if isinstance(start, float) and isinstance(end, float):
            return max(end - start, 0.0) / _SECONDS_PER_DAY
        assert isinstance(start, datetime.date) and isinstance(end, datetime.date)
        return float(self._working_days_between(start, end))

    def days_between(self, first: datetime.date, last: datetime.date) -> int:
        """Days (calendar or working) from ``first`` to ``last``; negative when ``last`` is earlier."""
        if last < first:
            return -self.days_between(last, first)
        if self.counting == CALENDAR:
            return (last - first).days
        return self._working_days_between(first, last)

    def add_days(self, start: datetime.date, days: int) -> datetime.date:
        """The date ``days`` days (calendar or working) after ``start``."""
        if self.counting == CALENDAR:
            return start + datetime.timedelta(days=days)
        day = start
        remaining = days
        while remaining > 0:
            day += datetime.timedelta(days=1)
            if self._is_working(day):
                remaining -= 1
        return day

    def _working_days_between(self, first: datetime.date, last: datetime.date) -> int:
        """Working days ``d`` with ``first <= d < last``."""
        if last <= first:
            return 0
        days = (last - first).days
        weeks, rest = divmod(days, 7)
        count = weeks * 5
        weekday = first.weekday()
        for offset in range(rest):
            if (weekday + offset) % 7 < 5:
                count += 1
        # holidays on weekends are not counted twice: only weekday holidays are kept (from_config)
        return count - (bisect.bisect_left(self.holidays, last) - bisect.bisect_left(self.holidays, first))
