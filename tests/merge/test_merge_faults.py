"""merge cannot go wrong: a return of another campaign, a file renamed to another department,
the same ID twice, two returns of one department, a formula without a value, a WPS .et file,
a file that is no workbook, 已完成 without 完成日期 — each is refused or reported, and the
master changes only where a return of its own campaign says so."""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime

import click
import openpyxl
import pytest
from click.testing import CliRunner

from hongtou.cli.merge import merge
from hongtou.merge import merge_returns
from hongtou.model import InputError

from merge_samples import MERGE_DAY, Return, digests, example, split


@pytest.fixture
def case(tmp_path):
    data, returns = example(tmp_path)
    return tmp_path, data, returns


def progress(blob_or_path, row: int):
    src = io.BytesIO(blob_or_path) if isinstance(blob_or_path, bytes) else blob_or_path
    return openpyxl.load_workbook(src)["问题清单"].cell(row, 10).value


def run(*args):
    @click.group()
    def cli() -> None:
        """Stand-in for hongtou.cli.main."""
    cli.add_command(merge)
    return CliRunner().invoke(cli, ["merge", *map(str, args)])


def other_campaign(tmp_path) -> dict:
    """The 分发 workbooks of another campaign whose issue IDs are the same (Q001 …)."""
    other = tmp_path / "另一次"
    example_data = tmp_path / "data"
    shutil.copytree(example_data, other)
    wb = openpyxl.load_workbook(other / "活动.xlsx")
    wb["发文信息"]["B4"] = "六工党[2021]3号"
    wb.save(other / "活动.xlsx")
    return split(other, tmp_path / "另一次分发")


class DescribeAnotherCampaign:
    def it_refuses_the_file_naming_it_and_changes_nothing(self, case, tmp_path):
        tmp, data, returns = case
        foreign = other_campaign(tmp_path)["办公室"]
        with Return(foreign) as r:
            r.set("Q001", "完成日期", datetime(2022, 3, 20))
        with Return(returns["财务部"]) as r:
            r.set("Q013", "进展情况", "已制定工作方案")
        before = digests(data)
        with pytest.raises(InputError) as err:
            merge_returns(data, [returns["财务部"], foreign], MERGE_DAY)
        assert [p.message() for p in err.value.problems] == [
            "办公室.xlsx：是另一次活动的分发表（六工党〔2021〕3号｜“‘五问’六安——奋勇争先大讨论”活动），"
            "本次活动是「六工党〔2022〕7号｜“‘五问’六安——奋勇争先大讨论”活动」，未合并。"
            "请只交回本次活动下发的分发表；本次合并没有改动任何内容"]
        result = run(data, returns["财务部"], foreign, "--today", "2022-04-25")
        assert result.exit_code == 2 and "办公室.xlsx：是另一次活动的分发表" in result.output
        assert digests(data) == before and not (data / "历史").exists()

    def it_refuses_a_file_that_does_not_say_whose_it_is(self, case):
        _, data, returns = case
        wb = openpyxl.load_workbook(returns["办公室"])
        del wb["分发信息"]
        wb.save(returns["办公室"])
        with pytest.raises(InputError) as err:
            merge_returns(data, [returns["办公室"]], MERGE_DAY)
        (problem,) = err.value.problems
        assert problem.message().startswith("办公室.xlsx：没有「分发信息」")


class DescribeWhoReturnedWhat:
    def it_reports_a_file_named_for_another_department_and_merges_it_as_its_own(self, case):
        tmp, data, returns = case
        renamed = tmp / "交回" / "财务部.xlsx"
        renamed.parent.mkdir()
        shutil.copy(returns["办公室"], renamed)
        with Return(renamed) as r:
            r.set("Q014", "进展情况", "预案库已建成")
        result = merge_returns(data, [renamed], MERGE_DAY)
        assert [c.message() for c in result.conflicts] == [
            "财务部.xlsx 整改台账：文件名是「财务部」，表内却是「办公室」的分发表，已按「办公室」合并。"
            "请核实是否交错了文件；如无误，请把文件改名为本部门的名称"]
        assert [(c.key, c.new) for c in result.changes] == [("Q014", "预案库已建成")]
        assert "财务部" in result.silent and "办公室" not in result.silent

    def it_lists_the_departments_that_returned_nothing(self, case):
        _, data, returns = case
        result = merge_returns(data, [returns["办公室"], returns["财务部"]], MERGE_DAY)
        assert result.silent == ["权益保障部", "经济工作部", "组织部", "职工服务中心", "机关党委",
                                 "法律工作部", "宣传教育部", "女职工部"]
        assert result.summary()[-1] == ("未交回的部门（8 个）：权益保障部、经济工作部、组织部、"
                                        "职工服务中心、机关党委、法律工作部、宣传教育部、女职工部")

    def it_merges_neither_row_of_an_id_given_twice(self, case):
        _, data, returns = case
        with Return(returns["办公室"]) as r:
            r.set("Q014", "进展情况", "预案库已建成")
            row = r.append({"ID": "Q014", "整改状态": "已完成", "进展情况": "另一种说法"})
            r.set("Q027", "备注", "5月上旬提交报告")
        result = merge_returns(data, [returns["办公室"]], MERGE_DAY)
        assert [c.message() for c in result.conflicts] == [
            f"办公室.xlsx 整改台账 第5行「ID」：ID「Q014」在此表中出现了2次（第5行、第{row}行），"
            "这几行都未合并。请删去重复的行，只保留一行后重新交回",
            f"办公室.xlsx 整改台账 第{row}行「ID」：ID「Q014」在此表中出现了2次（第5行、第{row}行），"
            "这几行都未合并。请删去重复的行，只保留一行后重新交回"]
        assert [(c.key, c.name) for c in result.changes] == [("Q027", "备注")]


class DescribeCellsThatLie:
    def it_keeps_the_masters_value_for_a_formula_without_a_cached_value(self, case):
        _, data, returns = case
        kept = progress(data / "活动.xlsx", 16)
        assert kept
        with Return(returns["办公室"]) as r:
            r.set("Q014", "进展情况", "=J6")      # openpyxl stores no value for it
        result = merge_returns(data, [returns["办公室"]], MERGE_DAY)
        assert [c.message() for c in result.conflicts] == [
            "办公室.xlsx 整改台账 第5行「进展情况」：单元格是公式但没有计算结果，此格未合并，总表保持原样"
            "（填写的是「=J6」）。请在 Excel 中打开并保存一次，或改为直接填写内容"]
        assert result.changes == []
        assert progress(result.workbook_bytes, 16) == kept

    def it_flags_done_without_a_completion_date(self, case):
        _, data, returns = case
        with Return(returns["办公室"]) as r:
            r.set("Q014", "整改状态", "已完成")            # no date at all
            r.set("Q027", "整改状态", "已完成")
            r.set("Q027", "完成日期", "下周")              # a date that is refused
        result = merge_returns(data, [returns["办公室"]], MERGE_DAY)
        flagged = [(c.kind, c.row) for c in result.conflicts]
        assert ("done_without_date", 5) in flagged and ("done_without_date", 6) in flagged
        assert ("invalid", 6) in flagged
        assert "办公室.xlsx 整改台账 第5行「完成日期」：整改状态是「已完成」，但没有完成日期。" \
            "请补填完成日期（具体日期，如 2022-04-18）后交回，或直接改总表" in result.problems()
        assert {(c.key, c.new) for c in result.changes} == {("Q014", "已完成"), ("Q027", "已完成")}


    def it_refuses_a_completion_date_after_the_merge_day(self, case):
        _, data, returns = case
        with Return(returns["财务部"]) as r:
            r.set("Q022", "整改状态", "已完成")
            r.set("Q022", "完成日期", datetime(2022, 5, 30))   # MERGE_DAY is 2022-04-25
            r.set("Q013", "完成日期", datetime(2022, 4, 25))   # the merge day itself is fine
        result = merge_returns(data, [returns["财务部"]], MERGE_DAY)
        assert "财务部.xlsx 整改台账 第5行「完成日期」：完成日期晚于合并日期（2022年4月25日），还没到，" \
            "未合并（填写的是「2022年5月30日」）。请核对年份、月份是否写错；计划完成的日子请写在" \
            "「进展情况」里；完成日期请写具体日期，如 2022-03-31、2022年3月31日、3月31日" \
            in result.problems()
        assert ("done_without_date", 5) in [(c.kind, c.row) for c in result.conflicts]
        assert {(c.key, c.name, c.new) for c in result.changes} == {
            ("Q022", "整改状态", "已完成"), ("Q013", "完成日期", "2022年4月25日")}


class DescribeALateReturnOfAnEarlierRound:
    """A department fills in the 分发 workbook of an earlier round after the master moved on:
    what it left as sent never reverts the master, what it changed is merged, and a cell
    changed on both sides is reported."""

    def it_merges_only_what_the_department_changed(self, case, tmp_path):
        _, data, returns = case
        late = tmp_path / "迟交" / "办公室.xlsx"
        late.parent.mkdir()
        shutil.copy(returns["办公室"], late)               # the 分发 file as sent out
        with Return(returns["办公室"]) as r:
            r.set("Q014", "整改状态", "已完成")
            r.set("Q014", "完成日期", datetime(2022, 4, 21))
            r.set("Q027", "进展情况", "课题已结题")
        assert run(data, returns["办公室"], "--today", "2022-04-25").exit_code == 0
        with Return(late) as r:                             # the old file, filled in late
            r.set("Q001", "备注", "迟交补充")
            r.set("Q027", "进展情况", "课题已分解到人，正在调研")
        result = merge_returns(data, [late], date(2022, 4, 28))
        assert {(c.key, c.name, c.new) for c in result.changes} == {("Q001", "备注", "迟交补充")}
        assert result.problems() == [
            "办公室.xlsx 整改台账 第6行「进展情况」：总表此格在下发后已改为「课题已结题」，与交回的内容"
            "不同，此格未合并（填写的是「课题已分解到人，正在调研」）。请核实以哪一个为准后直接改总表"]


class DescribeFilesInAReturnsFolder:
    def it_reads_a_wps_et_file_and_lists_what_it_cannot_read(self, case, tmp_path):
        tmp, data, returns = case
        folder = tmp / "交回"
        folder.mkdir()
        with Return(returns["办公室"]) as r:
            r.set("Q014", "进展情况", "预案库已建成")
        shutil.copy(returns["办公室"], folder / "办公室.et")   # WPS keeps the content
        (folder / "财务部.et").write_bytes(b"\x00" * 64)          # one it cannot read
        (folder / "说明.txt").write_text("本周交回两份")
        result = run(data, folder, "--today", "2022-04-25")
        assert result.exit_code == 1, result.output
        assert "  读取 办公室.et（办公室）：5 行" in result.output
        assert "  - 财务部.et：WPS 表格文件（.et）无法读取：无法识别的文件内容。" \
            "请用 WPS 打开后另存为 .xlsx 再合并；此文件未合并" in result.output
        assert "  - 说明.txt：不是工作簿，未读取。交回的分发表应为 .xlsx 文件" in result.output
        assert progress(data / "活动.xlsx", 16) == "预案库已建成"


def it_has_check_flag_done_without_a_completion_date(case):
    from hongtou.cli import main

    _, data, _ = case
    wb = openpyxl.load_workbook(data / "活动.xlsx")
    wb["问题清单"]["K3"] = None          # Q001 已完成, its date cleared
    wb.save(data / "活动.xlsx")
    result = CliRunner().invoke(main, ["check", str(data)])
    assert result.exit_code == 0
    assert result.stderr == "提醒：问题清单 第3行「完成日期」：整改状态是「已完成」，但没有完成日期，请补填\n"
