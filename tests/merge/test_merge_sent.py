"""The secretary edits the master after the 分发 workbooks went out; the departments return
their files with those rows untouched. Every 分发 workbook carries its rows as sent (hidden
sheet 下发内容), so merge tells what the department changed from what it left alone: the
secretary's edits survive, the department's land, and only a cell both changed differently is
a conflict. A return without that sheet (made by an older hongtou) is merged as before; one
whose sheet was tampered with is merged against the history instead, and the report says so.
"""

from __future__ import annotations

import io
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from hongtou.cli import main
from hongtou.merge import merge_returns

from merge_samples import MERGE_DAY, Return, example
from tests.docs.schema import docx_errors

BUILD_DAY = "2022-04-20"
# 问题清单 of data/活动.xlsx: header on row 2, Q00n on row n + 2
ROW = {"Q001": 3, "Q014": 16, "Q027": 29, "Q028": 30, "Q013": 15}
COL = {"整改措施": 4, "整改时限": 8, "整改状态": 9, "进展情况": 10, "完成日期": 11, "备注": 12}
MEASURE = "建立公文办理督办台账，实行办结销号，每周一通报、每月一考评"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def edit_master(data: Path, edits: dict[tuple[str, str], object]) -> None:
    """The secretary edits 活动.xlsx in Excel (here: openpyxl)."""
    wb = openpyxl.load_workbook(data / "活动.xlsx")
    ws = wb["问题清单"]
    for (key, column), value in edits.items():
        ws.cell(ROW[key], COL[column]).value = value
    wb.save(data / "活动.xlsx")


def master(data: Path, key: str, column: str):
    ws = openpyxl.load_workbook(data / "活动.xlsx")["问题清单"]
    return ws.cell(ROW[key], COL[column]).value


SECRETARY = {("Q014", "整改状态"): "已完成", ("Q014", "完成日期"): datetime(2022, 4, 19),
             ("Q027", "整改时限"): datetime(2022, 5, 15), ("Q001", "整改措施"): MEASURE}


@pytest.fixture
def built(tmp_path):
    """data/ copied and built on 2022-04-20: output/分发/<部门>.xlsx as the departments get them."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", data)
    result = cli("build", data, "-o", tmp_path / "out", "--today", BUILD_DAY, "-q")
    assert result.exit_code in (0, 1), result.output
    return data, tmp_path / "out" / "分发"


def it_writes_every_row_as_sent_in_a_hidden_sheet(built):
    _, folder = built
    wb = openpyxl.load_workbook(folder / "办公室.xlsx")
    assert wb.sheetnames == ["整改台账", "分发信息", "下发内容"]
    sent = wb["下发内容"]
    assert sent.sheet_state == "hidden" and sent.protection.sheet
    assert [c.value for c in sent[2]] == [
        "ID", "序号", "问题类别", "问题描述", "整改措施", "责任领导", "责任部门", "责任人",
        "整改时限", "整改状态", "进展情况", "完成日期", "备注"]
    rows = {r[0]: r for r in sent.iter_rows(min_row=3, values_only=True)}
    assert list(rows) == ["Q001", "Q014", "Q027", "Q028", "Q029"]
    assert rows["Q014"][8:11] == (datetime(2022, 4, 22), "整改中", "预案库框架已拟定")
    info = dict(wb["分发信息"].iter_rows(values_only=True))
    assert info["下发行数"] == 5
    assert docx_errors((folder / "办公室.xlsx").read_bytes()) == []   # ECMA-376 schemas


def it_keeps_the_secretarys_edits_and_merges_the_departments(built):
    data, folder = built
    edit_master(data, SECRETARY)
    with Return(folder / "办公室.xlsx") as r:        # other cells of the same rows, other rows
        r.set("Q014", "备注", "已报分管领导")
        r.set("Q027", "进展情况", "课题已分解到人，已完成初稿")
        r.set("Q001", "备注", "长效机制")
        r.set("Q028", "进展情况", "发文审核办法已印发")
    with Return(folder / "财务部.xlsx") as r:
        r.set("Q013", "进展情况", "已制定工作方案")
    result = cli("merge", data, folder / "办公室.xlsx", folder / "财务部.xlsx",
                 "--today", MERGE_DAY.isoformat(), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["not_merged"] == [] and report["notes"] == []
    assert {(c["master_row"], c["column"], c["new"]) for c in report["changes"]} == {
        (16, "备注", "已报分管领导"), (29, "进展情况", "课题已分解到人，已完成初稿"),
        (3, "备注", "长效机制"), (30, "进展情况", "发文审核办法已印发"),
        (15, "进展情况", "已制定工作方案")}
    assert master(data, "Q014", "整改状态") == "已完成"             # the secretary's, kept
    assert master(data, "Q014", "完成日期") == datetime(2022, 4, 19)
    assert master(data, "Q027", "整改时限") == datetime(2022, 5, 15)
    assert master(data, "Q001", "整改措施") == MEASURE
    assert master(data, "Q014", "备注") == "已报分管领导"           # the department's, merged
    assert master(data, "Q028", "进展情况") == "发文审核办法已印发"


def it_reports_a_cell_both_changed_differently(built):
    data, folder = built
    edit_master(data, {("Q014", "进展情况"): "预案库已建成", ("Q027", "整改时限"): "5月中旬",
                       ("Q028", "备注"): "已印发"})
    with Return(folder / "办公室.xlsx") as r:
        r.set("Q014", "进展情况", "预案库已报审")              # both changed it: conflict
        r.set("Q027", "整改时限", datetime(2022, 5, 31))      # a protected cell, both changed
        r.set("Q028", "备注", "已印发")                       # both changed it alike: nothing
        r.set("Q029", "备注", "季度通报")
    result = merge_returns(data, [folder / "办公室.xlsx"], MERGE_DAY)
    assert [(c.kind, c.row, c.column) for c in result.conflicts] == [
        ("changed_since", 5, "进展情况"), ("protected", 6, "整改时限")]
    assert "总表此格在下发后已改为「预案库已建成」，与交回的内容不同，此格未合并（填写的是「预案库已报审」）" \
        in result.problems()[0]
    assert [(c.key, c.name, c.new) for c in result.changes] == [("Q029", "备注", "季度通报")]
    assert result.notes == []


def it_does_not_call_a_protected_cell_left_as_sent_a_conflict(built):
    data, folder = built
    edit_master(data, {("Q027", "整改时限"): "5月底", ("Q001", "整改措施"): MEASURE})
    result = merge_returns(data, [folder / "办公室.xlsx"], MERGE_DAY)   # returned as sent
    assert result.conflicts == [] and result.changes == [] and result.exit_code == 0


def without_snapshot(path: Path) -> None:
    """The file as an older hongtou wrote it: no 下发内容, no 下发行数."""
    wb = openpyxl.load_workbook(path)
    if "下发内容" in wb.sheetnames:
        del wb["下发内容"]
    info = wb["分发信息"]
    for cell in info["A"]:
        if cell.value == "下发行数":
            info.delete_rows(cell.row)
    wb.save(path)


def it_merges_an_older_return_without_the_sheet_as_before(built):
    """No history and no 下发内容: the current master is taken as what was sent, as before —
    the status the department left as sent reads as its change."""
    data, folder = built
    edit_master(data, SECRETARY)
    without_snapshot(folder / "办公室.xlsx")
    with Return(folder / "办公室.xlsx") as r:
        r.set("Q014", "备注", "已报分管领导")
    result = merge_returns(data, [folder / "办公室.xlsx"], MERGE_DAY)
    assert {(c.key, c.name, c.new) for c in result.changes} == {
        ("Q014", "整改状态", "整改中"), ("Q014", "完成日期", ""), ("Q014", "备注", "已报分管领导")}
    assert [(c.kind, c.column) for c in result.conflicts] == [
        ("protected", "整改措施"), ("protected", "整改时限")]
    assert getattr(result, "notes", []) == []   # nothing to say (getattr: passes on old code too)


# -- a department that edits the hidden sheet -------------------------------------------------


def edit_snapshot(path: Path, edit) -> None:
    wb = openpyxl.load_workbook(path)
    edit(wb["下发内容"], wb["分发信息"])
    wb.save(path)


def sent_row(ws, key: str) -> int:
    return next(c.row for c in ws["A"] if c.value == key)


@pytest.fixture
def returned(tmp_path):
    """The secretary marked Q014 已完成 after the split; 办公室 returns Q014 untouched and one
    change elsewhere."""
    data, returns = example(tmp_path)
    edit_master(data, {("Q014", "整改状态"): "已完成", ("Q014", "完成日期"): datetime(2022, 4, 19)})
    with Return(returns["办公室"]) as r:
        r.set("Q027", "备注", "5月上旬提交报告")
    return data, returns["办公室"]


UNUSABLE = ("办公室.xlsx：隐藏的工作表「下发内容」无法使用（{why}），不能据此分辨交回时改了哪些格，"
            "已改为与当前总表比对；分发之后总表中改过的格，可能被交回的原内容改回，请核对本次合并的修改")


def it_ignores_rows_of_the_sheet_for_ids_its_file_does_not_hold(returned):
    data, path = returned

    def edit(ws, info):   # claims Q002 (权益保障部) and Q013 (财务部) were sent as 已完成
        ws.append(["Q002", 2, None, None, None, None, "权益保障部", None, None, "已完成", "乱写"])
        ws.append(["Q013", 13, None, None, None, None, "财务部", None, None, "已完成", "乱写"])
        info.cell(next(c.row for c in info["A"] if c.value == "下发行数"), 2).value = 7
    edit_snapshot(path, edit)
    with Return(path) as r:
        r.append({"ID": "Q002", "整改状态": "整改中"})          # another department's row
    result = merge_returns(data, [path], MERGE_DAY)
    assert [(c.key, c.name, c.new) for c in result.changes] == [("Q027", "备注", "5月上旬提交报告")]
    assert [c.kind for c in result.conflicts] == ["foreign_id"]
    assert result.notes == []
    assert master(data, "Q014", "整改状态") == "已完成"


@pytest.mark.parametrize("edit, why", [
    (lambda ws, info: setattr(ws.cell(sent_row(ws, "Q014"), 10), "value", "乱写"),
     "第4行「整改状态」的内容无法识别"),
    (lambda ws, info: setattr(ws.cell(sent_row(ws, "Q027"), 1), "value", "Q014"),
     "第5行的 ID 与前面的行重复"),
    (lambda ws, info: ws.delete_rows(sent_row(ws, "Q029")),
     "有 4 行，与「分发信息」中的下发行数（5）不符"),
    (lambda ws, info: ws.delete_cols(10), "缺少「整改状态」列"),
    (lambda ws, info: ws.parent.remove(ws), "找不到这张工作表"),
    (lambda ws, info: ws.parent.create_sheet("下发 内容"),
     "有两张同名的工作表（「下发内容」和「下发 内容」）"),
])
def it_merges_against_the_history_when_the_sheet_was_tampered_with_and_says_so(
        returned, edit, why):
    data, path = returned
    edit_snapshot(path, edit)
    result = merge_returns(data, [path], MERGE_DAY)
    note = UNUSABLE.format(why=why)
    assert result.notes == [note]
    assert f"注意：{note}" in result.summary()
    log = openpyxl.load_workbook(io.BytesIO(result.workbook_bytes))["合并记录"]
    assert f"注意：{note}" in [row[-1] for row in log.iter_rows(values_only=True)]
    # no history: merged as before (the current master taken as what was sent)
    assert ("Q014", "整改状态", "整改中") in {(c.key, c.name, c.new) for c in result.changes}


def it_names_the_rows_the_sheet_lacks(returned):
    data, path = returned
    edit_snapshot(path, lambda ws, info: setattr(ws.cell(sent_row(ws, "Q014"), 1), "value",
                                                 "Q099"))
    result = merge_returns(data, [path], MERGE_DAY)
    assert result.notes == [
        "办公室.xlsx：隐藏的工作表「下发内容」中没有 Q014 的行，这几行已改为与当前总表比对；"
        "分发之后总表中改过的格，可能被交回的原内容改回，请核对本次合并的修改"]


def it_prints_the_note_on_the_command_line_even_when_quiet(returned, tmp_path):
    data, path = returned
    edit_snapshot(path, lambda ws, info: ws.parent.remove(ws))
    line = "注意：" + UNUSABLE.format(why="找不到这张工作表")
    result = cli("merge", data, path, "--today", MERGE_DAY.isoformat(), "-o", tmp_path / "a.xlsx")
    assert line in result.stdout.splitlines()
    quiet = cli("merge", data, path, "--today", MERGE_DAY.isoformat(), "-o", tmp_path / "b.xlsx",
                "-q")
    assert quiet.stdout == "" and line in quiet.stderr.splitlines()


def it_takes_the_kept_master_when_the_sheet_cannot_be_used(returned, tmp_path):
    """After a merge, the master kept in 历史/ for the file's round is the base, as for an
    older return: the secretary's 已完成 survives even without 下发内容."""
    data, path = returned
    kept = data / "历史" / "活动（2022-04-20）.xlsx"
    kept.parent.mkdir()
    wb = openpyxl.load_workbook(data / "活动.xlsx")
    wb["问题清单"].cell(ROW["Q014"], COL["整改状态"]).value = "进行中"   # as it was sent
    wb["问题清单"].cell(ROW["Q014"], COL["完成日期"]).value = None
    wb.save(kept)
    edit_snapshot(path, lambda ws, info: ws.parent.remove(ws))
    result = merge_returns(data, [path], date(2022, 4, 25))
    assert result.notes == [UNUSABLE.format(why="找不到这张工作表").split("已改为")[0]
                            + "已改为与历史/活动（2022-04-20）.xlsx比对"]
    assert [(c.key, c.name, c.new) for c in result.changes] == [("Q027", "备注", "5月上旬提交报告")]
