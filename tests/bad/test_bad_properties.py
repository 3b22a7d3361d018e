"""Any one value in any one cell of 问题清单 or 工作安排 is either read or reported as located
problems naming a sheet; never any other exception (a traceback is a bug)."""

from __future__ import annotations


import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from hongtou.model import InputError
from hongtou.read import read_campaign
from hongtou.read.headers import SHEET_NAMES
from tests.helpers import ISSUE_HEADER, TASK_HEADER, make_workbook, minimal_sheets

WORDS = ["", " ", "　", "2022-02-30", "下周", "3月底", "年底前", "长期坚持", "立行立改", "已完成",
         "整改中", "#N/A", "#REF!", "=A1", "=1/0", '="3月1日"', "张三", "张　三、李华", "孙七",
         "办公室", "组织部", "第一阶段", "第四阶段", "序号", "责任人", "整改时限", "1", "-1", "0",
         "3.10", "2022.3.31", "二〇二二年三月三十一日", "3月1日至3月31日", "一、思想方面",
         "填表人：张三", "\x07", "a\x00b", "\ud800", "𠀀", "\u202e", "x" * 40000]


def _escape(text: str) -> str:
    """openpyxl refuses control characters; Excel writes them as _xHHHH_, which calamine reads
    back as the character."""
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


values = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.text(max_size=30),
    st.integers(min_value=-(2 ** 62), max_value=2 ** 62),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.times(),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3000)),
)

WIDTH = {"问题清单": len(ISSUE_HEADER) + 2, "工作安排": len(TASK_HEADER) + 2}


def read_with(sheet: str, changes: dict[tuple[int, int], object]) -> None:
    """Put each value at its (row, column) of `sheet` in the minimal campaign, and read it."""
    sheets = minimal_sheets()
    rows = sheets[sheet]
    for (row, column), value in changes.items():
        if isinstance(value, str):
            value = _escape(value).replace("\ud800", "_xD800_")
        while len(rows) <= row:
            rows.append([])
        while len(rows[row]) <= column:
            rows[row].append(None)
        rows[row][column] = value
    with tempfile.TemporaryDirectory() as tmp:
        path = make_workbook(Path(tmp) / "活动.xlsx", sheets)
        try:
            read_campaign(path)
        except InputError as exc:
            assert exc.problems
            for p in exc.problems:
                assert p.sheet in SHEET_NAMES, p
                assert isinstance(p.message(), str)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=st.sampled_from(sorted(WIDTH)), data=st.data(), value=values)
def test_any_value_in_any_cell_reads_or_is_located(sheet, data, value):
    row = data.draw(st.integers(min_value=0, max_value=len(minimal_sheets()[sheet]) + 1),
                    label="row")
    column = data.draw(st.integers(min_value=0, max_value=WIDTH[sheet] - 1), label="column")
    read_with(sheet, {(row, column): value})


@settings(max_examples=40, deadline=None)
@given(sheet=st.sampled_from(sorted(WIDTH)), data=st.data(),
       values=st.lists(values, min_size=1, max_size=6))
def test_a_row_of_any_values_reads_or_is_located(sheet, data, values):
    """A whole row of odd values (more than one fault in a row)."""
    row = data.draw(st.integers(min_value=1, max_value=len(minimal_sheets()[sheet])), label="row")
    read_with(sheet, {(row, column * 2 % WIDTH[sheet]): value
                      for column, value in enumerate(values)})
