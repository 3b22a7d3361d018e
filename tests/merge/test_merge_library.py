"""merge_returns: every returned value is applied or reported, and nothing else in the master
changes. The master is a copy of data/; the returns are its real 分发 workbooks, edited with
openpyxl the way a department would (right and wrong)."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime

import openpyxl
import pytest

from hongtou.merge import LOG_SHEET, merge_returns
from hongtou.model import InputError
from hongtou.read import read_campaign

from tests.helpers import make_ods, minimal_sheets

from merge_samples import MERGE_DAY, Return, cells, digests, example, sheet_layout

STATUS_HINT = ("可填写：未启动（未开始）、整改中（进行中、正在整改）、已完成（已整改、完成）、"
               "已销号、长期坚持（持续整改）")
DONE_DATE_HINT = "完成日期请写具体日期，如 2022-03-31、2022年3月31日、3月31日"


@pytest.fixture
def case(tmp_path):
    data, returns = example(tmp_path)
    return tmp_path, data, returns


def master_path(data):
    return data / "活动.xlsx"


def issues_ws(blob: bytes):
    return openpyxl.load_workbook(io.BytesIO(blob))["问题清单"]


def assert_only(master, blob: bytes, applied: dict[str, object]) -> None:
    """Every cell of every sheet of the new master equals the old one, except the `applied`
    cells of 问题清单 (coordinate → new value); 合并记录 is the only new sheet."""
    old, new = cells(master), cells(blob)
    added = {k for k in new if k[0] == LOG_SHEET}
    assert {k for k in new if k not in added} >= set(old)
    for key, before in old.items():
        after = new[key]
        sheet, coord = key
        if sheet == "问题清单" and coord in applied:
            assert after[0] == applied[coord], coord
            assert after[2:] == before[2:], coord  # font, fill, border … kept
        else:
            assert after == before, key
    extra = {k for k in new if k not in old and k not in added}
    assert all(new[k][0] is None for k in extra), extra
    assert sheet_layout(master) == {k: v for k, v in sheet_layout(blob).items() if k != LOG_SHEET}
    wb_old = openpyxl.load_workbook(master)
    wb_new = openpyxl.load_workbook(io.BytesIO(blob))
    assert wb_new.sheetnames == [*wb_old.sheetnames, LOG_SHEET]


class DescribeCleanReturns:
    @pytest.fixture
    def merged(self, case):
        tmp, data, returns = case
        with Return(returns["办公室"]) as r:
            r.set("Q014", "整改状态", "已完成")
            r.set("Q014", "完成日期", datetime(2022, 4, 21))
            r.set("Q014", "进展情况", "预案库已建成并印发")
            r.set("Q027", "整改状态", "进行中")      # the same status in other words: no change
            r.set("Q027", "备注", "5月上旬提交报告")
        with Return(returns["财务部"]) as r:
            r.set("Q013", "整改状态", " 正在整改 ")
            r.set("Q013", "进展情况", "已制定工作方案")
            r.set("Q022", "完成日期", "2022.4.22")
            r.set("Q022", "整改状态", "完成")
        before = digests(data, tmp / "分发")
        result = merge_returns(data, [returns["办公室"], returns["财务部"], returns["组织部"]],
                               MERGE_DAY)
        return tmp, data, returns, before, result

    def it_applies_every_change(self, merged):
        *_, result = merged
        got = [(c.file, c.row, c.key, c.master_row, c.column, c.old, c.new)
               for c in result.changes]
        assert got == [
            ("财务部.xlsx", 4, "Q013", 15, "整改状态", "未启动", "整改中"),
            ("财务部.xlsx", 4, "Q013", 15, "进展情况", "", "已制定工作方案"),
            ("办公室.xlsx", 5, "Q014", 16, "整改状态", "进行中", "已完成"),
            ("办公室.xlsx", 5, "Q014", 16, "进展情况", "预案库框架已拟定", "预案库已建成并印发"),
            ("办公室.xlsx", 5, "Q014", 16, "完成日期", "", "2022年4月21日"),
            ("财务部.xlsx", 5, "Q022", 24, "整改状态", "整改中", "已完成"),
            ("财务部.xlsx", 5, "Q022", 24, "完成日期", "", "2022年4月22日"),
            ("办公室.xlsx", 6, "Q027", 29, "备注", "", "5月上旬提交报告"),
        ]
        assert result.conflicts == [] and result.added_rows == []
        assert result.exit_code == 0

    def it_changes_nothing_else(self, merged):
        _, data, _, _, result = merged
        assert_only(master_path(data), result.workbook_bytes, {
            "I15": "整改中", "J15": "已制定工作方案",
            "I16": "已完成", "J16": "预案库已建成并印发", "K16": datetime(2022, 4, 21),
            "I24": "已完成", "K24": datetime(2022, 4, 22),
            "L29": "5月上旬提交报告",
        })

    def it_writes_dates_as_dates_in_the_columns_format(self, merged):
        _, data, _, _, result = merged
        ws = issues_ws(result.workbook_bytes)
        old = openpyxl.load_workbook(master_path(data))["问题清单"]
        assert ws["K16"].is_date and ws["K16"].number_format == old["K3"].number_format

    def it_writes_a_master_the_reader_accepts(self, merged, tmp_path):
        *_, result = merged
        path = tmp_path / "新总表.xlsx"
        path.write_bytes(result.workbook_bytes)
        issues = {i.key: i for i in read_campaign(path).issues}
        assert issues["Q014"].status.value == "已完成"
        assert issues["Q014"].done_date == date(2022, 4, 21)
        assert issues["Q013"].progress == "已制定工作方案"

    def it_logs_every_change_in_a_new_sheet(self, merged):
        *_, result = merged
        ws = openpyxl.load_workbook(io.BytesIO(result.workbook_bytes))[LOG_SHEET]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        assert rows[0] == ["合并日期", "交回文件", "交回行号", "问题ID", "总表行号", "列",
                           "原内容", "新内容", "结果"]
        assert rows[1] == ["2022-04-25", "财务部.xlsx", 4, "Q013", 15, "整改状态", "未启动",
                           "整改中", "已合并"]
        assert len(rows) == 1 + len(result.changes)

    def it_leaves_the_input_files_byte_identical(self, merged):
        tmp, data, _, before, _ = merged
        assert digests(data, tmp / "分发") == before

    def it_is_a_no_op_to_merge_the_same_returns_into_the_new_master(self, merged):
        tmp, data, returns, _, result = merged
        new_master = tmp / "新" / "活动.xlsx"
        new_master.parent.mkdir()
        new_master.write_bytes(result.workbook_bytes)
        again = merge_returns(new_master, [returns["办公室"], returns["财务部"]], MERGE_DAY)
        assert again.changes == [] and again.conflicts == [] and again.exit_code == 0

    def it_gives_the_same_changes_when_merged_twice_from_the_old_master(self, merged):
        _, data, returns, _, result = merged
        again = merge_returns(data, [returns["办公室"], returns["财务部"], returns["组织部"]],
                              MERGE_DAY)
        assert again.changes == result.changes

    def it_changes_nothing_for_untouched_returns(self, case):
        _, data, returns = case
        result = merge_returns(data, list(returns.values()), MERGE_DAY)
        assert result.changes == [] and result.conflicts == [] and result.added_rows == []


class DescribeMistakes:
    """One return with a mistake of every kind; everything right in it is still applied."""

    @pytest.fixture
    def merged(self, case):
        tmp, data, returns = case
        with Return(returns["办公室"]) as r:
            r.set("Q001", "问题描述", "公文办理不及时")                      # protected
            r.set("Q014", "整改状态", "快好了")                             # invalid status
            r.set("Q014", "进展情况", "预案库已建成")                        # still applied
            r.set("Q027", "完成日期", "2022-02-30")                         # impossible date
            r.set("Q028", "完成日期", "3月底")                              # not a day
            r.set("Q029", "ID", "Q013")                                    # 财务部's row
            added = r.append({"问题描述": "新发现：档案室消防器材过期", "整改状态": "整改中"})
        with Return(returns["组织部"]) as r:
            r.set("Q004", "ID", "Q999")                                    # unknown ID
            r.set("Q011", "进展情况", "目标任务已下达")
            r.set("Q011", "ID", None)                                      # ID deleted
            r.set("Q023", "进展情况", "已部署")                             # applied
        result = merge_returns(data, [returns["办公室"], returns["组织部"]], MERGE_DAY)
        return data, result, added

    def messages(self, result):
        return {c.kind: c.message() for c in result.conflicts}

    def it_reports_a_changed_protected_column(self, merged):
        _, result, _ = merged
        assert self.messages(result)["protected"] == (
            "办公室.xlsx 整改台账 第4行「问题描述」：这一列不能在分发表中修改，交回的与总表不一致"
            "（填写的是「公文办理不及时」）。总表中是「公文办理存在“中转站”思想，来文批转后不跟踪、"
            "不督办，个别事项办理超期」。此格未合并，如确需修改，请直接改总表")

    def it_reports_an_invalid_status_with_the_accepted_words(self, merged):
        _, result, _ = merged
        (msg,) = [c.message() for c in result.conflicts if c.column == "整改状态"]
        assert msg == ("办公室.xlsx 整改台账 第5行「整改状态」：不是可识别的状态（填写的是「快好了」）。"
                       + STATUS_HINT)

    def it_reports_invalid_completion_dates_with_the_accepted_forms(self, merged):
        _, result, _ = merged
        msgs = [c.message() for c in result.conflicts if c.column == "完成日期"]
        assert msgs == [
            "办公室.xlsx 整改台账 第6行「完成日期」：不是有效日期：2月没有30日（填写的是「2022-02-30」）。"
            "请核对后改为实际存在的日期；" + DONE_DATE_HINT,
            "办公室.xlsx 整改台账 第7行「完成日期」：应填写具体日期（填写的是「3月底」）。"
            + DONE_DATE_HINT,
        ]

    def it_refuses_another_departments_row(self, merged):
        _, result, _ = merged
        assert self.messages(result)["foreign_id"] == (
            "办公室.xlsx 整改台账 第8行「ID」：ID「Q013」是「财务部」的问题（总表第15行），"
            "不属于「办公室」，此行未合并。请核实是否填错了表；应由该部门在自己的分发表中填写")

    def it_refuses_an_unknown_id(self, merged):
        _, result, _ = merged
        assert self.messages(result)["unknown_id"] == (
            "组织部.xlsx 整改台账 第4行「ID」：总表中没有 ID 为「Q999」的问题，此行未合并。"
            "ID 由本工具生成（隐藏的 ID 列），请勿改动；请用下发的分发表重新填写后交回")

    def it_reports_a_row_whose_id_was_deleted(self, merged):
        _, result, _ = merged
        assert self.messages(result)["missing_id"] == (
            "组织部.xlsx 整改台账 第5行「ID」：此行的 ID 被删除了（看来是总表第13行、序号11的问题），"
            "此行未合并。请用下发的分发表重新填写后交回，或直接在总表中修改")

    def it_reports_added_rows(self, merged):
        _, result, added = merged
        assert [a.message() for a in result.added_rows] == [
            f"办公室.xlsx 整改台账 第{added}行：新增的行未合并，请在总表中补充"
            "（问题描述「新发现：档案室消防器材过期」）"]

    def it_lists_each_mistake_once(self, merged):
        _, result, _ = merged
        assert sorted(c.kind for c in result.conflicts) == sorted(
            ["protected", "invalid", "invalid", "invalid", "foreign_id", "unknown_id",
             "missing_id"])
        assert result.exit_code == 1

    def it_applies_the_rest_and_nothing_else(self, merged):
        data, result, _ = merged
        assert [(c.key, c.column, c.new) for c in result.changes] == [
            ("Q014", "进展情况", "预案库已建成"), ("Q023", "进展情况", "已部署")]
        assert_only(master_path(data), result.workbook_bytes,
                    {"J16": "预案库已建成", "J25": "已部署"})

    def it_logs_what_was_not_merged(self, merged):
        _, result, _ = merged
        ws = openpyxl.load_workbook(io.BytesIO(result.workbook_bytes))[LOG_SHEET]
        results = [row[8].value for row in ws.iter_rows(min_row=2)]
        assert results[:2] == ["已合并", "已合并"]
        assert results[2:] == ["未合并：" + c.message() for c in result.conflicts] + \
            [a.message() for a in result.added_rows]

    def it_does_not_also_report_rows_refused_for_their_id_as_missing(self, merged):
        _, result, _ = merged
        assert result.missing_rows == []


class DescribeDeletedRows:
    """A department deletes a row of its 分发表: reported, the master row stays as it is."""

    @pytest.fixture
    def merged(self, case):
        tmp, data, returns = case
        with Return(returns["组织部"]) as r:
            r.delete("Q011")
            r.set("Q023", "进展情况", "已部署")
        return data, merge_returns(data, [returns["组织部"]], MERGE_DAY)

    def it_reports_the_missing_row_with_its_master_row(self, merged):
        _, result = merged
        assert [m.message() for m in result.missing_rows] == [
            "组织部.xlsx 整改台账：交回的表中没有这个问题（总表第13行，序号11，问题描述"
            "「年度目标定“触手可及”的标准，全省工会系统综合考核排名居中游」）。可能是这一行被删除了，或是分发之后"
            "总表新加的；总表中这一行保持原样"]
        assert result.exit_code == 1 and result.conflicts == [] and result.added_rows == []

    def it_still_applies_the_other_rows_and_nothing_else(self, merged):
        data, result = merged
        assert [(c.key, c.new) for c in result.changes] == [("Q023", "已部署")]
        assert_only(master_path(data), result.workbook_bytes, {"J25": "已部署"})

    def it_logs_the_missing_row(self, merged):
        _, result = merged
        ws = openpyxl.load_workbook(io.BytesIO(result.workbook_bytes))[LOG_SHEET]
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
        assert rows[-1][1] == "组织部.xlsx" and rows[-1][4] == 13
        assert rows[-1][8] == result.missing_rows[0].message()


class DescribeDeterminism:
    def it_writes_the_same_bytes_for_the_same_merge_at_another_time(self, case):
        import time
        _, data, returns = case
        with Return(returns["办公室"]) as r:
            r.set("Q014", "进展情况", "预案库已建成")
        first = merge_returns(data, [returns["办公室"]], MERGE_DAY).workbook_bytes
        time.sleep(1.1)     # openpyxl would stamp the clock's second into docProps
        second = merge_returns(data, [returns["办公室"]], MERGE_DAY).workbook_bytes
        assert first == second

    def it_keeps_the_masters_creation_time_and_dates_the_change(self, case):
        _, data, returns = case
        with Return(returns["办公室"]) as r:
            r.set("Q014", "进展情况", "预案库已建成")
        blob = merge_returns(data, [returns["办公室"]], MERGE_DAY).workbook_bytes
        old = openpyxl.load_workbook(master_path(data)).properties
        new = openpyxl.load_workbook(io.BytesIO(blob)).properties
        assert new.created == old.created
        assert new.modified == datetime(2022, 4, 25)


class DescribeTwoReturnsOfOneDepartment:
    @pytest.fixture
    def second(self, case):
        tmp, data, returns = case
        copy = tmp / "第二次" / "办公室.xlsx"
        copy.parent.mkdir()
        shutil.copy(returns["办公室"], copy)
        return data, returns["办公室"], copy

    def it_merges_neither_and_says_why(self, second):
        data, first, copy = second
        with Return(first) as r:
            r.set("Q014", "进展情况", "预案库已建成")
            r.set("Q014", "备注", "同一内容")
        with Return(copy) as r:
            r.set("Q014", "进展情况", "预案库正在建设")
            r.set("Q027", "整改状态", "已完成")     # made in only one of them: not merged either
        result = merge_returns(data, [first, copy], MERGE_DAY)
        assert [c.message() for c in result.conflicts] == [
            f"{first} 整改台账：与 {copy} 都是「办公室」的分发表，两份都未合并。"
            "请确认以哪一份为准，只交回那一份后重新合并",
            f"{copy} 整改台账：与 {first} 都是「办公室」的分发表，两份都未合并。"
            "请确认以哪一份为准，只交回那一份后重新合并",
        ]
        assert result.changes == [] and result.missing_rows == [] and result.exit_code == 1


class DescribeUserMaster:
    def it_finds_renamed_columns_below_extra_title_rows(self, case):
        _, data, returns = case
        master = master_path(data)
        wb = openpyxl.load_workbook(master)
        ws = wb["问题清单"]
        ws.insert_rows(1)
        ws["A1"] = "附件2"
        ws["I3"], ws["J3"], ws["K3"] = "完成情况", "整改进展", "销号日期"
        # insert_rows does not move merged ranges: put them back where they belong
        for rng in list(ws.merged_cells.ranges):
            ws.merged_cells.remove(rng)
        ws.merge_cells("A2:L2")
        ws.merge_cells("A41:L41")
        wb.save(master)
        with Return(returns["办公室"]) as r:
            r.set("Q014", "整改状态", "已完成")
            r.set("Q014", "进展情况", "已建成")
            r.set("Q014", "完成日期", "4月21日")
        result = merge_returns(data, [returns["办公室"]], MERGE_DAY)
        assert [(c.master_row, c.column, c.new) for c in result.changes] == [
            (17, "完成情况", "已完成"), (17, "整改进展", "已建成"), (17, "销号日期", "2022年4月21日")]
        assert_only(master, result.workbook_bytes,
                    {"I17": "已完成", "J17": "已建成", "K17": datetime(2022, 4, 21)})

    def it_refuses_to_write_into_a_cell_merged_with_other_rows(self, case):
        _, data, returns = case
        master = master_path(data)
        wb = openpyxl.load_workbook(master)
        wb["问题清单"].merge_cells("L29:L31")  # 备注 of Q027..Q029 merged
        wb.save(master)
        with Return(returns["办公室"]) as r:
            r.set("Q027", "备注", "需延期")
        result = merge_returns(data, [returns["办公室"]], MERGE_DAY)
        assert result.changes == []
        assert [c.message() for c in result.conflicts] == [
            "办公室.xlsx 整改台账 第6行「备注」：总表问题清单第29行的这一格与其他行合并在一起，此格未合并"
            "（填写的是「需延期」）。请先在总表中取消合并单元格，再重新合并"]

    def it_needs_an_xlsx_master(self, tmp_path):
        master = make_ods(tmp_path / "台账.ods", minimal_sheets())
        with pytest.raises(InputError) as err:
            merge_returns(master, [], MERGE_DAY)
        assert [p.message() for p in err.value.problems] == [
            "台账.ods：合并需要 .xlsx 格式的总表（一个工作簿）。请用 Excel/WPS 打开总表，另存为 .xlsx 后再合并"]


class DescribeUnreadableReturns:
    def it_reports_every_unreadable_file_at_once(self, case, tmp_path):
        _, data, returns = case
        garbage = tmp_path / "乱码.xlsx"
        garbage.write_bytes(b"not a workbook")
        other = tmp_path / "别的表.xlsx"
        wb = openpyxl.Workbook()
        wb.active.title = "Sheet1"
        wb.save(other)
        no_id = tmp_path / "无ID.xlsx"
        wb = openpyxl.load_workbook(returns["办公室"])
        wb["整改台账"].delete_cols(15)
        wb.save(no_id)
        with pytest.raises(InputError) as err:
            merge_returns(data, [garbage, other, no_id, tmp_path / "不存在.xlsx"], MERGE_DAY)
        assert [p.message() for p in err.value.problems] == [
            "乱码.xlsx：文件不是有效的 Excel 工作簿。请用 Excel/WPS 打开后另存为 .xlsx",
            "别的表.xlsx：找不到工作表「整改台账」。请交回下发的分发表（分发/<部门>.xlsx），不要改动工作表名称",
            "无ID.xlsx：「整改台账」中找不到 ID 列。ID 列（隐藏列）是合并的依据；请交回下发的分发表，不要删除列",
            "不存在.xlsx：找不到交回的文件。请检查路径是否写对",
        ]
