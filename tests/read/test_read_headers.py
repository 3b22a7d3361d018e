"""The synonym table and header-row detection."""

import pytest

from hongtou.read.headers import META_KEYS, SHEETS, find_header, header_key


@pytest.mark.parametrize("sheet", [*SHEETS, "发文信息"])
def it_gives_each_name_one_meaning_per_sheet(sheet):
    columns = META_KEYS if sheet == "发文信息" else SHEETS[sheet]
    keys = [header_key(name) for column in columns for name in column.names]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("typed, key", [
    ("整改时限", "整改时限"),
    ("* 整改时限（必填）", "整改时限"),
    ("整改\n时限(格式：2022-03-31)", "整改时限"),
    ("责任人：", "责任人"),
    ("序　号", "序号"),
    (3.0, ""),
])
def it_reduces_a_header_cell_to_its_key(typed, key):
    assert header_key(typed) == key


class DescribeFindHeader:
    def it_picks_the_row_naming_most_columns(self):
        rows = [["人员名单"], ["姓名：张三"], ["姓名", "部门", "电话"], ["王明", "党组", ""]]
        problems = []
        header = find_header("人员", "人员", rows, problems)
        assert (header.row, header.index, problems) == (
            2, {"姓名": 0, "部门": 1, "联系电话": 2}, [])
        assert header.label["联系电话"] == "电话"

    def it_prefers_the_canonical_name_to_a_synonym(self):
        rows = [["电话", "姓名", "部门", "联系电话"]]
        header = find_header("人员", "人员", rows, [])
        assert header.index["联系电话"] == 3

    def it_reports_each_missing_required_column(self):
        problems = []
        find_header("工作安排", "工作安排", [[], ["阶段", "工作任务"]], problems)
        assert [p.message() for p in problems] == [
            "工作安排 第2行「责任部门」：表头中缺少这一列。可用的列名：责任部门、责任单位、责任科室、牵头部门、牵头单位",
            "工作安排 第2行「完成时限」：表头中缺少这一列。可用的列名：完成时限、完成时间、截止时间、截止日期、时限要求",
        ]
