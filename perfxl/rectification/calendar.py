"""Working days for rectification deadlines: weekends off, plus the rule pack's holiday lists.

Statutory holidays and 调休 are decided each year by the State Council's notice on holiday
arrangements (国务院办公厅关于部分节假日安排的通知), so they are rule-pack lists, not computed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    holidays: frozenset[date] = frozenset()  # days off that fall on weekdays
    workdays: frozenset[date] = frozenset()  # weekend days that are working days (调休)

    def is_working(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: date, days: int) -> date:
        """The `days`-th working day after `start` (the day of issue itself does not count)."""
        day = start
        left = days
        while left > 0:
            day += timedelta(days=1)
            if self.is_working(day):
                left -= 1
        return day

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
        if end < start:
            return -self.between(end, start)
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_working(start + timedelta(days=n)))


def parse_days(values: Iterable[object], key: str) -> frozenset[date]:
    """Dates from a rule-pack list ("YYYY-MM-DD" text or TOML dates); ValueError names the key."""
    out = set()
    for value in values:
        if isinstance(value, date):
            out.add(value)
            continue
        try:
            out.add(date.fromisoformat(str(value)))
        except ValueError:
            raise ValueError(f"配置项 {key} 中的 {value!r} 不是日期，应写作 \"2026-10-01\"") from None
    return frozenset(out)
