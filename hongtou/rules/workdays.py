"""Working days by the official calendar: weekends and public holidays off, 调休 Saturdays on."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar

_DAY = timedelta(days=1)


def is_working_day(d: date) -> bool:
    """chinese_calendar knows each year's 国务院 holiday notice; for years it has no notice
    for (it raises NotImplementedError) fall back to Monday–Friday."""
    try:
        return chinese_calendar.is_workday(d)
    except NotImplementedError:
        return d.weekday() < 5


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (before it when n is negative; `start` for 0).

    `start` itself never counts: a 3-working-day feedback term set on a Friday ends on
    Wednesday.
    """
    if isinstance(start, datetime):
        start = start.date()
    step = _DAY if n >= 0 else -_DAY
    d = start
    for _ in range(abs(n)):
        d += step
        while not is_working_day(d):
            d += step
    return d
