"""`merge` on the command line: exit codes, where the new master goes, what is printed, and
that no input is ever written."""

from __future__ import annotations

from datetime import datetime

import click
import openpyxl
import pytest
from click.testing import CliRunner

from hongtou.cli.merge import merge

from merge_samples import Return, digests, example
from tests.helpers import make_ods, minimal_sheets


@click.group()
def cli() -> None:
    """Stand-in for hongtou.cli.main, which registers `merge` with add_command."""


cli.add_command(merge)


def run(*args):
    return CliRunner().invoke(cli, ["merge", *map(str, args)])


@pytest.fixture
def case(tmp_path):
    data, returns = example(tmp_path)
    with Return(returns["办公室"]) as r:
        r.set("Q014", "整改状态", "已完成")
        r.set("Q014", "完成日期", datetime(2022, 4, 21))
    return tmp_path, data, returns


OUT_NAME = "活动（合并2022-04-25）.xlsx"


NOT_RETURNED = "未交回的部门（8 个）：权益保障部、经济工作部、组织部、职工服务中心、机关党委、法律工作部、宣传教育部、女职工部"
HISTORY = "历史/活动（2022-04-20）.xlsx"   # the 分发 workbooks were made on 2022-04-20


def it_replaces_the_master_keeping_the_old_one_in_history_and_exits_0(case):
    tmp, data, returns = case
    before = digests(data, tmp / "分发")
    original = (data / "活动.xlsx").read_bytes()
    result = run(data, returns["办公室"], returns["财务部"],
                 "--today", "2022-04-25")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"读取 {data} 和 2 份交回的分发表 …",
        "  读取 办公室.xlsx（办公室）：5 行",
        "  读取 财务部.xlsx（财务部）：3 行",
        "合并了 2 处修改：",
        "  办公室.xlsx 第5行 → 总表第16行「整改状态」：「进行中」→「已完成」",
        "  办公室.xlsx 第5行 → 总表第16行「完成日期」：「」→「2022年4月21日」",
        NOT_RETURNED,
        f"原总表已存入：{data / HISTORY}",
        f"已更新总表：{data / '活动.xlsx'}（修改记录见工作表「合并记录」）",
        f"下一轮直接生成，写上这一轮的日期：python pipeline.py build {data} -o 输出"
        " --today 2022-04-25",
        # the master's 统计截至 is the round just kept: a build without --today repeats it
        "注意：下一轮不写 --today 时，统计截至 2022-04-20 不晚于上一轮（2022-04-20）：红黄绿和督办按"
        "这一天算，进展通报没有「较上期」；新一轮请写 --today 新的日期，或改「发文信息」的「统计截至」",
    ]
    assert (data / HISTORY).read_bytes() == original
    ws = openpyxl.load_workbook(data / "活动.xlsx")["问题清单"]
    assert ws["I16"].value == "已完成"
    after = digests(data, tmp / "分发")
    assert after.pop(data / HISTORY) and after.pop(data / "活动.xlsx") != \
        before.pop(data / "活动.xlsx")
    assert after == before  # 方案正文 and the returns untouched
    assert not (data / "合并结果").exists()


def it_never_loses_an_earlier_master(case):
    _, data, returns = case
    original = (data / "活动.xlsx").read_bytes()
    run(data, returns["办公室"], "--today", "2022-04-25")
    first = (data / "活动.xlsx").read_bytes()
    with Return(returns["财务部"]) as r:
        r.set("Q013", "进展情况", "已补交")
    result = run(data, returns["财务部"], "--today", "2022-04-26")  # a late return
    assert result.exit_code == 0, result.output
    assert (data / HISTORY).read_bytes() == original
    assert (data / "历史" / "活动（2022-04-20）_2.xlsx").read_bytes() == first
    ws = openpyxl.load_workbook(data / "活动.xlsx")["问题清单"]
    assert ws["I16"].value == "已完成" and ws["J15"].value == "已补交"


def it_says_nothing_of_the_as_of_day_when_the_secretary_moved_it_on(case):
    _, data, returns = case
    book = openpyxl.load_workbook(data / "活动.xlsx")
    info = book["发文信息"]
    row = next(r for r in range(1, info.max_row + 1) if info.cell(r, 1).value == "统计截至")
    info.cell(row, 2).value = datetime(2022, 4, 27)  # the next round's day, typed before merging
    book.save(data / "活动.xlsx")
    result = run(data, returns["办公室"], "--today", "2022-04-25")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith("--today 2022-04-25")
    assert "注意" not in result.output


def it_does_nothing_when_the_master_already_has_the_returns(case):
    _, data, returns = case
    run(data, returns["办公室"], "--today", "2022-04-25")
    result = run(data, returns["办公室"], "--today", "2022-04-25")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-3:] == [
        "没有需要合并的修改（0 处）", NOT_RETURNED.replace("8 个", "9 个") + "、财务部",
        "没有修改，未生成新文件。"]
    assert sorted(p.name for p in (data / "历史").iterdir()) == ["活动（2022-04-20）.xlsx"]


def it_lists_what_was_not_merged_writes_the_rest_and_exits_1(case):
    _, data, returns = case
    with Return(returns["财务部"]) as r:
        r.set("Q013", "整改状态", "快好了")
        added = r.append({"问题描述": "新问题"})
    with Return(returns["办公室"]) as r:
        r.delete("Q001")
    result = run(data, returns["办公室"], returns["财务部"], "--today", "2022-04-25")
    assert result.exit_code == 1
    assert "有 3 处未合并：" in result.output
    assert "  - 办公室.xlsx 整改台账：交回的表中没有这个问题（总表第3行，序号1，" in result.output
    assert "  - 财务部.xlsx 整改台账 第4行「整改状态」：不是可识别的状态（填写的是「快好了」）。" in result.output
    assert (f"  - 财务部.xlsx 整改台账 第{added}行：新增的行未合并，请在总表中补充（问题描述「新问题」）"
            in result.output)
    ws = openpyxl.load_workbook(data / "活动.xlsx")["问题清单"]
    assert ws["I16"].value == "已完成" and ws["I15"].value == "未启动"


def it_takes_a_folder_of_returns_and_an_output_folder(case, tmp_path):
    _, data, returns = case
    (tmp_path / "分发" / "~$办公室.xlsx").write_bytes(b"lock file")
    result = run(data, tmp_path / "分发", "-o", tmp_path, "--today", "2022-04-25")
    assert result.exit_code == 0, result.output
    assert "读取 " + str(data) + " 和 10 份交回的分发表 …" in result.output
    assert (tmp_path / OUT_NAME).is_file()


def it_writes_the_file_named_with_o(case, tmp_path):
    _, data, returns = case
    result = run(data, returns["办公室"], "-o", tmp_path / "新总表.xlsx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "新总表.xlsx").is_file()


def it_refuses_to_write_over_an_input(case):
    _, data, returns = case
    before = digests(data)
    for target in (data / "活动.xlsx", returns["办公室"]):
        result = run(data, returns["办公室"], "-o", target)
        assert result.exit_code == 2
        assert f"输出文件 {target} 就是输入文件，已停止以免覆盖。请换一个文件名（-o）" in result.output
    assert digests(data) == before


def it_exits_2_on_an_unreadable_return(case, tmp_path):
    _, data, returns = case
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"")
    result = run(data, returns["办公室"], bad)
    assert result.exit_code == 2
    assert result.output.splitlines()[-2:] == [
        "输入有 1 处问题，未合并：",
        "  - 坏.xlsx：文件是空的（0 字节）。文件可能没有保存成功，请找回原文件，或在 Excel/WPS 中重新保存"]
    assert not (data / "合并结果").exists()


def it_exits_2_for_a_master_that_is_not_xlsx(tmp_path):
    master = make_ods(tmp_path / "台账.ods", minimal_sheets())
    ret = tmp_path / "x.xlsx"
    openpyxl.Workbook().save(ret)
    result = run(master, ret)
    assert result.exit_code == 2
    assert "台账.ods：合并需要 .xlsx 格式的总表（一个工作簿）。请用 Excel/WPS 打开总表，另存为 .xlsx 后再合并" \
        in result.output


def it_exits_2_for_missing_data(tmp_path):
    result = run(tmp_path / "没有", tmp_path / "x.xlsx")
    assert result.exit_code == 2
    assert "找不到输入" in result.output


def it_explains_itself_with_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "把各部门交回的分发表合并进总表的问题清单" in result.output
    assert "python pipeline.py merge data 交回/办公室.xlsx 交回/财务部.xlsx" in result.output


def it_reports_a_merge_as_json_and_says_nothing_when_quiet(case):
    import json

    tmp, data, returns = case
    result = run(data, returns["办公室"], "--today", "2022-04-25", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)               # nothing but the JSON on stdout
    out = data / "活动.xlsx"
    assert report["ok"] is True and report["out"] == str(out)
    assert report["history"] == str(data / HISTORY) and (data / HISTORY).is_file()
    assert report["returns"] == [{"file": "办公室.xlsx", "department": "办公室", "rows": 5}]
    assert [(c["master_row"], c["column"], c["old"], c["new"]) for c in report["changes"]] == [
        (16, "整改状态", "进行中", "已完成"), (16, "完成日期", "", "2022年4月21日")]
    assert report["not_merged"] == []
    again = run(data, returns["办公室"], "--today", "2022-04-26", "--quiet")
    assert again.exit_code == 0 and again.output == ""
    missing = run(tmp / "无", returns["办公室"], "--json")
    assert missing.exit_code == 2
    assert json.loads(missing.stdout)["problems"][0].startswith("找不到输入")
