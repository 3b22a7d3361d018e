"""Working days by the official holiday calendar."""

from __future__ import annotations

from datetime import date, datetime

import chinese_calendar
import pytest

from hongtou.rules.workdays import add_working_days, is_working_day


def test_the_calendar_has_the_2022_national_day_make_up_days():
    # 国务院办公厅 2021 notice: 10月1日至7日放假，10月8日（周六）、9日（周日）上班
    assert [chinese_calendar.is_workday(date(2022, 10, d)) for d in (1, 7, 8, 9, 10)] == [
        False, False, True, True, True]


@pytest.mark.parametrize(
    ("start", "n", "result"),
    [
        (date(2022, 9, 30), 1, date(2022, 10, 8)),   # over 国庆 onto the make-up Saturday
        (date(2022, 9, 30), 2, date(2022, 10, 9)),   # make-up Sunday
        (date(2022, 9, 30), 3, date(2022, 10, 10)),
        (date(2022, 10, 3), 1, date(2022, 10, 8)),   # from inside the holiday
        (date(2022, 3, 4), 1, date(2022, 3, 7)),     # Friday → Monday
        (date(2022, 3, 4), 3, date(2022, 3, 9)),
        (date(2022, 3, 5), 1, date(2022, 3, 7)),     # from a Saturday
        (date(2022, 3, 7), 0, date(2022, 3, 7)),
        (date(2022, 10, 8), -1, date(2022, 9, 30)),  # backwards over the holiday
        (datetime(2022, 3, 4, 9, 0), 1, date(2022, 3, 7)),
        (date(2040, 1, 6), 1, date(2040, 1, 9)),     # beyond the calendar: Mon–Fri
        (date(2040, 1, 1), 5, date(2040, 1, 6)),     # 2040-01-01 is a Sunday
    ],
)
def test_add_working_days(start, n, result):
    assert add_working_days(start, n) == result


@pytest.mark.parametrize(
    ("d", "working"),
    [(date(2022, 10, 1), False), (date(2022, 10, 8), True), (date(2022, 3, 5), False),
     (date(2040, 1, 2), True), (date(2040, 1, 7), False)],
)
def test_is_working_day(d, working):
    assert is_working_day(d) is working
