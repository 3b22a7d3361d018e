"""The fast workbooks (SpreadsheetML written as text) against the reference build with plain
openpyxl (`hongtou.excel.reference`): both opened with openpyxl, every cell and every sheet
property compared, on the sample and on a campaign full of awkward text."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from excel_samples import many, sample
from hongtou.excel import department_workbooks, ledger_workbook, reference
from hongtou.read import read_campaign
from hongtou.rules.status import assess
from tests.compare import assert_same_workbook

AWKWARD = {
    "Q1": {"description": "=1+1", "remark": "-已完成", "progress": "@张三",
           "measures": "a < b & c > d \"引号\" 'single'"},
    "Q2": {"description": "  前后有空格  ", "remark": "第一行\x0b第二行\r\n第三行",
           "owner": "王五、赵六"},
    "Q3": {"description": "控制\x01字符\x1f", "progress": "+5%",
           "measures": "很长的整改措施，" * 40},
    "Q4": {"category": "", "leader": "", "owner": ""},
    "Q5": {"done_date": date(2022, 3, 1), "remark": "\t制表"},
}


@pytest.mark.parametrize("overrides", [{}, AWKWARD], ids=["sample", "awkward"])
def it_writes_the_ledger_the_reference_writes(overrides):
    c, a = sample(**overrides)
    assert_same_workbook(ledger_workbook(c, a), reference.ledger_workbook(c, a))


@pytest.mark.parametrize("overrides", [{}, AWKWARD], ids=["sample", "awkward"])
def it_writes_the_department_copies_the_reference_writes(overrides):
    c, a = sample(**overrides)
    fast, slow = department_workbooks(c, a), reference.department_workbooks(c, a)
    assert list(fast) == list(slow)
    for department in fast:
        assert_same_workbook(fast[department], slow[department])


def it_agrees_on_a_larger_campaign():
    c, a = many(300)
    assert_same_workbook(ledger_workbook(c, a), reference.ledger_workbook(c, a))
    fast, slow = department_workbooks(c, a), reference.department_workbooks(c, a)
    assert_same_workbook(fast["部门03"], slow["部门03"])


def it_handles_a_campaign_without_issues_like_the_reference():
    c, a = sample()
    c.issues, a.issue_states, a.departments, a.categories = [], {}, [], []
    assert_same_workbook(ledger_workbook(c, a), reference.ledger_workbook(c, a))


def it_agrees_on_the_trend_of_a_campaign_with_earlier_rounds(tmp_path):
    """With masters kept in 历史/, 统计 gains the trend table and its chart: the same both ways."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", data)
    (data / "历史").mkdir()
    for day in ("2022-04-06", "2022-04-13"):
        shutil.copy(data / "活动.xlsx", data / "历史" / f"活动（{day}）.xlsx")
    c = read_campaign(data)
    a = assess(c, date(2022, 4, 20))
    fast = ledger_workbook(c, a)
    assert_same_workbook(fast, reference.ledger_workbook(c, a))
    stats = openpyxl.load_workbook(io.BytesIO(fast), data_only=True)["统计"]
    trend = [r for r in stats.iter_rows(values_only=True) if r[0] in ("4月6日", "4月13日", "4月20日")]
    assert [r[0] for r in trend] == ["4月6日", "4月13日", "4月20日"]
    assert len(stats._charts) == 2
