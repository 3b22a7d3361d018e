"""The command line, through click's CliRunner with absolute paths; what it wrote is then
opened with the libraries (python-docx, openpyxl) and the messages are checked word for word."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from hongtou.cli import main
from hongtou.model import Light, Status, WhenKind

from tests.helpers import make_workbook, minimal_sheets

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = date(2022, 4, 20)
MANIFEST = ".hongtou.json"


@pytest.fixture(autouse=True)
def project_dir(monkeypatch):
    """The CLI looks for the project's templates in the checkout (see the test below)."""
    monkeypatch.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def build(data: Path, out: Path):
    return run("build", data, "-o", out, "--today", "2022-04-20")


def outputs(out: Path) -> dict[str, bytes]:
    """Every file a build left in `out` (relative path → bytes), the manifest aside."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def light(issue, meta, today=TODAY) -> Light:
    """红黄绿 from the model by the ledger's rule, counted here independently of hongtou."""
    if issue.status in (Status.DONE, Status.CLOSED, Status.ONGOING) \
            or issue.deadline.kind is WhenKind.ONGOING:
        return Light.GREEN
    due = meta.date if issue.deadline.kind is WhenKind.IMMEDIATE else issue.deadline.last
    days = (due - today).days
    return Light.RED if days < 0 else Light.YELLOW if days <= meta.warn_days else Light.GREEN


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """The example built once through the CLI: (result, out)."""
    out = tmp_path_factory.mktemp("cli") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
        result = build(DATA, out)
    assert result.exit_code == 0, result.output
    return result, out


@pytest.fixture
def bad_date_campaign(tmp_path) -> Path:
    sheets = minimal_sheets()
    sheets["问题清单"][1][7] = "2022-02-30"
    folder = tmp_path / "活动"
    make_workbook(folder / "活动.xlsx", sheets)
    return folder


BAD_DATE = ("输入有 1 处问题，未生成任何文件：\n"
            "  - 问题清单 第2行「整改时限」：不是有效日期：2月没有30日（填写的是「2022-02-30」）。"
            "请核对后改为实际存在的日期\n")


class DescribeBuild:
    def it_writes_every_document_and_reports_the_lights(self, first, example_campaign):
        result, out = first
        c = example_campaign
        files = outputs(out)
        late = {i.department for i in c.issues
                if light(i, c.meta) in (Light.RED, Light.YELLOW)}
        assert set(files) == {
            "通知.docx", "日程安排表.docx", "整改台账.docx", "整改台账.xlsx", "进展通报.docx",
            *(f"督办/{d}.docx" for d in late),
            *(f"分发/{d}.xlsx" for d in {i.department for i in c.issues})}
        lights = [light(i, c.meta) for i in c.issues]
        red, yellow, green = (lights.count(x) for x in (Light.RED, Light.YELLOW, Light.GREEN))
        assert (len(c.issues), red, yellow, green) == (36, 6, 5, 25)
        done = sum(i.status in (Status.DONE, Status.CLOSED) for i in c.issues)
        lines = result.stdout.splitlines()
        assert f"完成：{len(files)} 个文件在 {out}" in lines
        assert (f"整改台账：共 {len(c.issues)} 项，已完成 {done} 项；红 {red} 项（超期），"
                f"黄 {yellow} 项（7 日内到期），绿 {green} 项（统计截至 2022-04-20）") in lines
        assert result.stderr == ""

    def it_writes_documents_the_libraries_open(self, first, example_campaign):
        _, out = first
        notice = Document(out / "通知.docx")
        texts = [p.text for p in notice.paragraphs]
        assert texts[0] == example_campaign.meta.mark
        assert texts[1] == "六工党〔2022〕7号"
        ledger = Document(out / "整改台账.docx")
        assert len(ledger.tables[0].rows) == len(example_campaign.issues) + 1
        wb = openpyxl.load_workbook(out / "整改台账.xlsx")
        cells = {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                 for v in row if v is not None}
        assert all(i.description in cells for i in example_campaign.issues)

    def it_gives_the_same_bytes_every_time(self, first, tmp_path):
        _, out = first
        again = tmp_path / "again"
        assert build(DATA, again).exit_code == 0
        a, b = outputs(out), outputs(again)
        assert list(a) == list(b)
        assert [name for name in a if a[name] != b[name]] == []

    def it_reports_unchanged_files_on_a_second_run(self, first, tmp_path):
        _, out = first
        same = tmp_path / "same"
        shutil.copytree(out, same)
        before = outputs(same)
        result = build(DATA, same)
        assert result.exit_code == 0, result.output
        n = len(before)
        assert f"完成：{n} 个文件在 {same}（其中 {n} 个与上次相同）" in result.stdout.splitlines()
        assert outputs(same) == before
        assert not (same / "_备份").exists()

    def it_moves_a_file_the_user_edited_to_a_backup(self, first, tmp_path):
        _, out = first
        edited = tmp_path / "edited"
        shutil.copytree(out, edited)
        original = (edited / "通知.docx").read_bytes()
        with open(edited / "通知.docx", "ab") as fh:
            fh.write(b"edited by hand")
        result = build(DATA, edited)
        assert result.exit_code == 0, result.output
        (stamp,) = (edited / "_备份").iterdir()
        assert re.fullmatch(r"\d{8}-\d{6}", stamp.name)
        assert (stamp / "通知.docx").read_bytes() == original + b"edited by hand"
        assert (edited / "通知.docx").read_bytes() == original
        assert ("注意：通知.docx 曾被修改或不是本工具生成的，已移到 _备份/ 保存，未被覆盖"
                in result.stdout.splitlines())

    def it_refuses_to_overwrite_an_input(self, tmp_path):
        folder = tmp_path / "活动"
        shutil.copytree(DATA, folder)
        mine = folder / "通知.docx"
        mine.write_bytes(b"the office's own notice")
        before = outputs(folder)
        result = build(folder, folder)
        assert result.exit_code == 2
        assert f"输出文件 {mine} 就是输入文件，已停止以免覆盖。请换一个输出文件夹（-o）" in result.stderr
        assert outputs(folder) == before
        assert not (folder / MANIFEST).exists()

    def it_may_write_into_the_data_folder_again_and_again(self, tmp_path):
        folder = tmp_path / "活动"
        shutil.copytree(DATA, folder)
        assert build(folder, folder).exit_code == 0
        written = outputs(folder)
        result = build(folder, folder)   # its own outputs of last time are not inputs
        assert result.exit_code == 0, result.output
        n = len(written) - 2             # 活动.xlsx and 方案正文.txt are not outputs
        assert f"完成：{n} 个文件在 {folder}（其中 {n} 个与上次相同）" in result.stdout.splitlines()
        assert outputs(folder) == written

    def it_refuses_to_overwrite_the_workbook_it_reads(self, tmp_path):
        folder = tmp_path / "活动"
        folder.mkdir()
        book = folder / "整改台账.xlsx"
        shutil.copy(DATA / "活动.xlsx", book)
        shutil.copy(DATA / "方案正文.txt", folder)
        before = book.read_bytes()
        result = build(book, folder)
        assert result.exit_code == 2
        assert result.stderr == (f"输出文件 {book} 就是输入文件，已停止以免覆盖。"
                                 "请换一个输出文件夹（-o）\n")
        assert book.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["整改台账.xlsx", "方案正文.txt"]

    def it_lists_every_located_problem_and_writes_nothing(self, bad_date_campaign, tmp_path):
        out = tmp_path / "out"
        result = build(bad_date_campaign, out)
        assert result.exit_code == 2
        assert result.stderr == BAD_DATE
        assert not out.exists()

    def it_leaves_an_earlier_output_alone_when_the_input_is_bad(self, bad_date_campaign,
                                                                first, tmp_path):
        _, good = first
        out = tmp_path / "out"
        shutil.copytree(good, out)
        before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        result = build(bad_date_campaign, out)
        assert result.exit_code == 2
        assert {p.relative_to(out): p.read_bytes()
                for p in out.rglob("*") if p.is_file()} == before

    def it_leaves_the_previous_output_intact_when_writing_fails_midway(self, first, tmp_path,
                                                                        monkeypatch):
        import errno
        import os
        _, built = first
        out = tmp_path / "out"
        shutil.copytree(built, out)
        before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        real, calls = os.replace, []

        def replace(src, dst):
            calls.append(dst)
            if len(calls) == 15:        # well into the swap of the new files
                raise OSError(errno.EIO, "Input/output error")
            return real(src, dst)

        monkeypatch.setattr(os, "replace", replace)
        result = run("build", DATA, "-o", out, "--today", "2022-05-20")   # every file changes
        monkeypatch.undo()
        assert len(calls) > 15          # what was renamed before the failure was put back
        assert result.exit_code == 2
        assert result.stderr.endswith("系统报告写入出错（EIO）。请确认磁盘或网络共享仍然连接、有空间和写入权限后重试，"
                                      "或换一个输出文件夹（-o）。输出文件夹中原有的文件都未改动\n")
        assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before

    def it_rejects_a_day_that_does_not_exist(self, tmp_path):
        out = tmp_path / "out"
        result = run("build", DATA, "-o", out, "--today", "2022-13-01")
        assert result.exit_code == 2
        assert ("Invalid value for '--today': 「2022-13-01」不是日期，请写成 2022-03-20 的形式"
                in result.stderr)
        assert not out.exists()

    def it_names_a_missing_input(self, tmp_path):
        missing = tmp_path / "没有这个文件夹"
        result = run("build", missing, "-o", tmp_path / "out")
        assert result.exit_code == 2
        assert result.stderr == f"找不到输入「{missing}」：请给出活动文件夹或工作簿的路径\n"

    def it_builds_the_example_when_run_without_a_command(self, tmp_path, monkeypatch):
        shutil.copytree(DATA, tmp_path / "data")
        monkeypatch.chdir(tmp_path)
        result = run()
        assert result.exit_code == 0, result.output
        assert (tmp_path / "output" / "通知.docx").is_file()
        assert "统计截至 2022-04-20" in result.stdout   # 发文信息's 统计截至, not the clock


class DescribeDepartmentPacket:
    """`build --department`: one department's ledger, reminder and 分发 workbook, exactly as the
    full build makes them for that department."""

    @pytest.fixture(scope="class")
    @classmethod
    def packet(cls, tmp_path_factory):
        out = tmp_path_factory.mktemp("packet") / "out"
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
            result = run("build", DATA, "-o", out, "--today", "2022-04-20",
                         "--department", "办公室", "-d", " 财 务 部")
        assert result.exit_code == 0, result.output
        return result, out

    def it_writes_only_the_packets_of_the_named_departments(self, packet):
        _, out = packet
        assert sorted(outputs(out)) == [
            "办公室/分发表（办公室）.xlsx", "办公室/整改台账（办公室）.docx", "办公室/督办通知（办公室）.docx",
            "财务部/分发表（财务部）.xlsx", "财务部/整改台账（财务部）.docx", "财务部/督办通知（财务部）.docx"]

    def it_makes_the_same_reminder_and_workbook_as_the_full_build(self, packet, first):
        _, out = packet
        _, full = first
        for dept in ("办公室", "财务部"):
            assert (out / dept / f"督办通知（{dept}）.docx").read_bytes() == \
                (full / "督办" / f"{dept}.docx").read_bytes()
            assert (out / dept / f"分发表（{dept}）.xlsx").read_bytes() == \
                (full / "分发" / f"{dept}.xlsx").read_bytes()

    def it_puts_only_that_departments_rows_in_its_ledger(self, packet, example_campaign):
        _, out = packet
        doc = Document(out / "办公室" / "整改台账（办公室）.docx")
        (table,) = doc.tables
        mine = [i for i in example_campaign.issues if i.department == "办公室"]
        assert [r.cells[0].text for r in table.rows[1:]] == [str(i.seq) for i in mine]
        assert {r.cells[5].text for r in table.rows[1:]} == {"办公室"}
        assert any(p.text == f"{example_campaign.meta.campaign}问题整改台账（办公室）"
                   for p in doc.paragraphs)

    def it_lists_each_packet_in_the_summary(self, packet):
        result, _ = packet
        assert ("  办公室/：整改台账（办公室）.docx、督办通知（办公室）.docx、分发表（办公室）.xlsx\n"
                "  财务部/：整改台账（财务部）.docx、督办通知（财务部）.docx、分发表（财务部）.xlsx\n"
                in result.stdout)

    def it_counts_only_those_departments_in_the_summary(self, packet, example_campaign):
        result, _ = packet
        mine = [i for i in example_campaign.issues if i.department in ("办公室", "财务部")]
        lights = [light(i, example_campaign.meta) for i in mine]
        assert (f"整改台账：共 {len(mine)} 项，已完成 {sum(i.status.is_done for i in mine)} 项；"
                f"红 {lights.count(Light.RED)} 项（超期），黄 {lights.count(Light.YELLOW)} 项"
                in result.stdout)

    def it_names_an_unknown_department_lists_the_known_ones_and_writes_nothing(self, tmp_path,
                                                                             example_campaign):
        out = tmp_path / "out"
        result = run("build", DATA, "-o", out, "-d", "宣传部", "-d", "办公室")
        assert result.exit_code == 2
        known = "、".join(dict.fromkeys(i.department for i in example_campaign.issues))
        assert result.stderr == (
            "输入有 1 处问题，未生成任何文件：\n"
            f"  - --department：问题清单的责任部门中没有这个部门（填写的是「宣传部」）。可选的部门：{known}\n")
        assert not out.exists()


class DescribeInputsUntouched:
    def it_leaves_every_input_byte_identical_after_every_command(self, tmp_path):
        import hashlib
        data = tmp_path / "data"
        shutil.copytree(DATA, data)

        def hashes() -> dict[str, str]:
            return {p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                    for p in sorted(data.rglob("*")) if p.is_file()}

        before = hashes()
        out = tmp_path / "out"
        for args in (["check", data], ["build", data, "-o", out, "--today", "2022-04-20"],
                     ["build", data, "-o", out, "-d", "办公室"],
                     ["verify", out / "通知.docx"],
                     ["merge", data, out / "分发", "-o", tmp_path / "merged.xlsx"]):
            result = run(*args)
            assert result.exit_code in (0, 1), (args, result.output)
            assert hashes() == before, args


class DescribeCheck:
    def it_passes_the_example(self, example_campaign):
        c = example_campaign
        result = run("check", DATA)
        assert result.exit_code == 0
        assert result.stdout == (
            f"检查通过：领导小组 {len(c.members)} 人，人员 {len(c.persons)} 人，"
            f"阶段 {len(c.phases)} 个，工作安排 {len(c.tasks)} 项，问题清单 36 项。\n")

    def it_lists_the_problems_of_a_bad_workbook(self, bad_date_campaign):
        result = run("check", bad_date_campaign)
        assert result.exit_code == 2
        assert result.stderr == BAD_DATE


class DescribeHelp:
    @pytest.mark.parametrize("command", [[], ["build"], ["check"]])
    def it_explains_each_command_in_chinese_with_an_example(self, command):
        result = run(*command, "--help")
        assert result.exit_code == 0
        assert "示例：" in result.stdout
        assert "python pipeline.py" in result.stdout


def test_a_build_started_in_another_folder_finds_the_projects_templates(tmp_path):
    """README「模板」: the campaign's templates/, then the project's, then the built-in ones.
    The project's is the checkout's, wherever the command was started (it was the current
    folder, so a build started elsewhere silently fell back to the built-in templates)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", "from hongtou.cli import main; main()", "build", str(DATA),
         "-o", str(tmp_path / "out"), "--today", "2022-04-20", "--json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout)["templates"]["通知"] == str(ROOT / "templates" / "通知.docx")
