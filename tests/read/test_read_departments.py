"""Issue 15.6: one department, one name. 「办 公 室」, 「办公室 」 and 「办　公　室」 are 办公室
everywhere: the 责任人 check, the grouping, the 分发 file names, the 督办 letters and the rows of
统计 (the outputs are opened and counted)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from hongtou.build import build
from hongtou.read import read_campaign
from hongtou.rules.names import clean_org
from tests.helpers import make_workbook, minimal_sheets

TODAY = date(2022, 4, 20)


def spelled_apart(tmp_path: Path) -> Path:
    sheets = minimal_sheets()
    sheets["人员"][3][1] = "办　公　室"          # 张三's department, padded with U+3000
    late = sheets["问题清单"][1]                  # Q001 办公室 张三, due 2022-03-31: red
    sheets["问题清单"].append([3, *late[1:5], "办 公 室", "张三", "2022-04-01", "整改中",
                              None, None, None])
    sheets["问题清单"].append([4, *late[1:5], "办公室 ", "张三", "2022-04-02", "整改中",
                              None, None, None])
    sheets["工作安排"][1][2] = "办 公室"
    return make_workbook(tmp_path / "活动" / "活动.xlsx", sheets).parent


def test_the_spellings_are_one_department_when_read(tmp_path):
    c = read_campaign(spelled_apart(tmp_path))
    assert [i.department for i in c.issues] == ["办公室", "组织部", "办公室", "办公室"]
    assert {p.department for p in c.persons} == {"党组", "办公室", "组织部"}
    assert c.tasks[0].department == "办公室"


def test_the_outputs_hold_one_department(tmp_path):
    out = tmp_path / "out"
    build(spelled_apart(tmp_path), out, TODAY)
    assert sorted(p.name for p in (out / "分发").iterdir()) == ["办公室.xlsx", "组织部.xlsx"]
    assert sorted(p.name for p in (out / "督办").iterdir()) == ["办公室.docx"]
    split = openpyxl.load_workbook(out / "分发" / "办公室.xlsx").worksheets[0]
    assert sum(1 for row in split.iter_rows(values_only=True)
               if row and row[0] in (1, 3, 4, "1", "3", "4")) == 3
    stats = openpyxl.load_workbook(out / "整改台账.xlsx")["统计"]
    names = []
    for row in stats.iter_rows(min_row=4, values_only=True):
        if row[0] in (None, "合计"):
            break                                   # the department table ends at 合计
        names.append(row[0])
    assert names == ["办公室", "组织部"]


def test_clean_org():
    assert [clean_org(s) for s in ("办 公 室", "办公室 ", "办　公　室", "\u200b办公室", "IT 部",
                                   "Dept  of IT", "职工服务中心（帮扶中心）")] == [
        "办公室", "办公室", "办公室", "办公室", "IT部", "Dept of IT", "职工服务中心（帮扶中心）"]
