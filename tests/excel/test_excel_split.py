"""分发/<部门>.xlsx: each department gets its own rows, and can change only its four columns."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest

from excel_samples import ROWS, many, sample
from hongtou.excel import department_workbooks

EDITABLE = {"整改状态", "进展情况", "完成日期", "备注"}
INSTRUCTIONS = "请只填写黄色单元格（整改状态、进展情况、完成日期、备注），其他内容请勿改动。填好后交回办公室。"


@pytest.fixture(scope="module")
def books():
    return department_workbooks(*sample())


def sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))["整改台账"]


@pytest.fixture(scope="module")
def office(books):
    return sheet(books["办公室"])


class DescribeDepartmentWorkbooks:
    def it_makes_one_workbook_per_department_keyed_by_its_name(self, books):
        assert list(books) == ["办公室", "财务科", "业务科"]

    def it_gives_each_department_only_its_own_rows(self, books):
        for department, data in books.items():
            ws = sheet(data)
            ids = [c.value for (c,) in ws.iter_rows(4, ws.max_row, 15, 15)]
            assert ids == [r[0] for r in ROWS if r[1] == department]

    def it_keeps_the_department_name_exactly(self):
        campaign, assessment = sample(Q6={"department": " 业务科（二） "})
        assert " 业务科（二） " in department_workbooks(campaign, assessment)

    def it_puts_the_instructions_above_the_ledger_header(self, office):
        assert office["A1"].value == "作风建设大讨论活动问题整改台账（办公室）"
        assert office["A2"].value == INSTRUCTIONS
        assert [c.value for c in office[3]][:3] == ["序号", "问题类别", "问题描述"]
        assert office["O3"].value == "ID"
        assert office.column_dimensions["O"].hidden

    def it_unlocks_and_yellows_only_the_four_columns(self, office):
        header = [c.value for c in office[3]]
        for row in office.iter_rows(4, office.max_row):
            for name, cell in zip(header, row):
                if name in EDITABLE:
                    assert not cell.protection.locked, (name, cell.coordinate)
                    assert cell.fill.fgColor.rgb.endswith("FFF2CC")
                else:
                    assert cell.protection.locked, (name, cell.coordinate)
                    assert not (cell.fill.fgColor.rgb or "").endswith("FFF2CC")
        assert office["A1"].protection.locked and office["A3"].protection.locked

    def it_protects_the_sheet_without_a_password(self, office):
        p = office.protection
        assert p.sheet and not p.password
        assert not p.selectLockedCells and not p.selectUnlockedCells  # selecting allowed
        assert not p.formatColumns and not p.formatRows and not p.autoFilter

    def it_keeps_the_sheet_name_fixed(self, books):
        wb = openpyxl.load_workbook(io.BytesIO(books["办公室"]))
        assert wb.sheetnames == ["整改台账", "分发信息", "下发内容"]
        assert wb.security.lockStructure and not wb.security.workbookPassword

    def it_says_whose_file_it_is_on_a_hidden_sheet(self, books):
        wb = openpyxl.load_workbook(io.BytesIO(books["财务科"]))
        who = wb["分发信息"]
        assert who.sheet_state == "hidden" and who.protection.sheet
        assert [tuple(r) for r in who.iter_rows(1, 3, 1, 2, values_only=True)] == [
            ("活动标识", "某工党〔2022〕7号｜作风建设大讨论活动"), ("责任部门", "财务科"),
            ("统计截至", datetime(2022, 4, 20))]

    def it_offers_the_status_drop_down_and_freezes_the_header(self, office):
        (dv,) = office.data_validations.dataValidation
        assert str(dv.sqref) == f"I4:I{office.max_row}"
        assert dv.formula1 == '"未启动,整改中,已完成,已销号,长期坚持"'
        assert office.freeze_panes == "A4"

    def it_formats_the_completion_date_as_a_date_even_when_empty(self, office):
        assert office["K4"].value is None
        assert office["K4"].number_format == 'yyyy"年"m"月"d"日"'

    def it_is_deterministic(self, books):
        assert department_workbooks(*sample()) == books


def it_splits_a_large_ledger_without_losing_a_row():
    campaign, assessment = many(2000)
    books = department_workbooks(campaign, assessment)
    assert len(books) == 20
    ids = []
    for department, data in books.items():
        ws = sheet(data)
        assert {c.value for (c,) in ws.iter_rows(4, ws.max_row, 6, 6)} == {department}
        ids += [c.value for (c,) in ws.iter_rows(4, ws.max_row, 15, 15)]
    assert sorted(ids) == sorted(i.key for i in campaign.issues)
