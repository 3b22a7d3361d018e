"""`init`: the new campaign folder is complete, readable and buildable as it stands, explains
itself (comments, drop-downs, 填写说明), never overwrites anything, and is the same bytes
every time. The files are opened with openpyxl/python-docx and checked cell by cell."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from hongtou.build import build
from hongtou.cli.init import init
from hongtou.init import BODY_NAME, WORKBOOK_NAME, init_campaign, make_campaign_files
from hongtou.model import Member, Status
from hongtou.read import read_campaign
from hongtou.read.headers import META_KEYS, META_SHEET, SHEETS

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2022, 4, 20)
STATUSES = '"未启动,整改中,已完成,已销号,长期坚持"'
ROLES = '"组长,副组长,成员,办公室主任,办公室副主任,办公室成员"'
GREY = "808080"


@click.group()
def cli() -> None:
    """Stand-in for hongtou.cli.main, which registers `init` with add_command."""


cli.add_command(init)


def run(*args):
    return CliRunner().invoke(cli, ["init", *map(str, args)])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "新活动"
    init_campaign(folder)
    return folder


@pytest.fixture(scope="module")
def wb(folder):
    return openpyxl.load_workbook(folder / WORKBOOK_NAME)


def letter(sheet: str, name: str) -> str:
    names = [c.name for c in SHEETS[sheet]]
    return openpyxl.utils.get_column_letter(names.index(name) + 1)


# -- the workbook ----------------------------------------------------------------------------


def test_every_sheet_with_the_canonical_headers(wb):
    assert wb.sheetnames == [META_SHEET, *SHEETS]
    for sheet, columns in SHEETS.items():
        ws = wb[sheet]
        assert [c.value for c in ws[1]] == [c.name for c in columns], sheet
        assert all(c.font.b for c in ws[1]), sheet
        assert ws.freeze_panes == "A2", sheet
        for col, column in enumerate(columns, 1):
            width = ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width
            assert width >= 6 and (width >= 30 or column.name not in ("问题描述", "整改措施"))


def test_meta_sheet_lists_every_key_with_an_explanation(wb):
    ws = wb[META_SHEET]
    assert [ws["A1"].value, ws["B1"].value] == ["项目", "内容"]
    assert ws.freeze_panes == "A2"
    keys = [ws.cell(r, 1).value for r in range(2, 2 + len(META_KEYS))]
    assert keys == [c.name for c in META_KEYS]
    for r, column in enumerate(META_KEYS, 2):
        key = ws.cell(r, 1)
        assert key.font.b == column.required, column.name
        assert key.comment.text.startswith(f"{column.name}：")
        if column.required:
            assert ws.cell(r, 2).value not in (None, ""), column.name
            assert "（必填）" in key.comment.text
    # the 填写说明 lines below the keys: one per key, never a bare key (the reader skips them)
    notes = {}
    for r in range(2 + len(META_KEYS), ws.max_row + 1):
        text = ws.cell(r, 1).value
        if text and "：" in text:
            name, _, note = text.partition("：")
            notes[name] = note
    assert set(c.name for c in META_KEYS) <= set(notes)
    assert "六工党〔2022〕7号" in notes["发文字号"] and "方括号也可" in notes["发文字号"]
    assert "2022年2月15日 或 2022-02-15" in notes["成文日期"]
    assert "默认 7" in notes["预警天数"]
    assert "默认 3" in notes["反馈时限"]
    # and the same explanation shows when the value cell is selected
    prompts = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert prompts["B4"].showInputMessage and prompts["B4"].type is None
    assert "方括号也可" in prompts["B4"].prompt


def test_drop_downs_for_roles_and_statuses(wb):
    expected = {("领导小组", "职务"): ROLES, ("工作安排", "状态"): STATUSES,
                ("问题清单", "整改状态"): STATUSES}
    found = {}
    for sheet in SHEETS:
        for dv in wb[sheet].data_validations.dataValidation:
            found[(sheet, str(dv.sqref))] = (dv.type, dv.formula1, dv.allow_blank)
    assert found == {(sheet, f"{letter(sheet, name)}2:{letter(sheet, name)}500"):
                     ("list", formula, True) for (sheet, name), formula in expected.items()}
    assert ROLES == '"' + ",".join(Member.ROLES) + '"'
    assert STATUSES == '"' + ",".join(s.value for s in Status) + '"'


def test_every_header_has_a_comment_on_its_forms(wb):
    for sheet, columns in SHEETS.items():
        ws = wb[sheet]
        for col, column in enumerate(columns, 1):
            comment = ws.cell(1, col).comment
            assert comment is not None and comment.author == "hongtou", (sheet, column.name)
            text = comment.text
            assert text.startswith(f"{column.name}：")
            assert ("（必填）" in text) == column.required, (sheet, column.name)
            if "日期" in column.name or "时限" in column.name:
                assert "2022-03-31" in text or "2022-03-28" in text, (sheet, column.name)
                assert "2022.3." in text
            if column.name in ("开始日期", "结束日期", "完成时限", "整改时限"):
                assert "3月底" in text and "年底前" in text
            if column.name in ("结束日期", "完成时限", "整改时限"):
                assert "长期坚持" in text and "立行立改" in text
            if column.name in ("姓名", "责任人", "责任领导"):
                assert "全角空格" in text
            if column.name in ("状态", "整改状态"):
                assert "未启动、整改中、已完成、已销号、长期坚持" in text
                assert "进行中" in text  # the synonyms the reader also takes
    assert "组长、副组长、成员" in wb["领导小组"]["B1"].comment.text


def test_one_grey_italic_example_row_per_list_sheet(wb):
    for sheet, columns in SHEETS.items():
        ws = wb[sheet]
        assert ws.max_row == 2, sheet
        filled = [c for c in ws[2] if c.value is not None]
        assert len(filled) >= len([c for c in columns if c.required]), sheet
        for cell in filled:
            assert cell.font.i and cell.font.color.rgb.endswith(GREY), (sheet, cell.coordinate)
    values = wb[META_SHEET]["B2"]
    assert values.value == "中共六安市总工会党组"
    assert values.font.i and values.font.color.rgb.endswith(GREY)


def test_no_formulas(folder, wb):
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
    with zipfile.ZipFile(folder / WORKBOOK_NAME) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 6
        assert not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n) for n in sheets)


# -- the plan text ---------------------------------------------------------------------------


def test_body_is_utf8_with_bom_and_has_the_usual_sections(folder):
    raw = (folder / BODY_NAME).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    lines = text.splitlines()
    for heading in ("一、指导思想", "二、目标任务", "三、阶段安排", "四、工作要求", "五、组织领导"):
        assert heading in lines
    assert lines.index("{{ 阶段安排 }}") > lines.index("三、阶段安排")
    assert lines.index("{{ 领导小组 }}") > lines.index("五、组织领导")
    subs = [line for line in lines if line.startswith("（一）") or line.startswith("（二）")]
    assert len(subs) == 2
    assert lines.index("四、工作要求") < lines.index(subs[0]) < lines.index("五、组织领导")
    assert sum("（在此写明" in line for line in lines) >= 5


# -- refused until filled in; valid once the samples are replaced ---------------------------


def prompt_lines() -> list[int]:
    lines = make_campaign_files()[BODY_NAME].decode("utf-8-sig").splitlines()
    return [n for n, line in enumerate(lines, 1) if "（在此写明" in line]


def test_the_untouched_folder_is_refused_naming_every_sample(folder, monkeypatch):
    """Issue 15.7: check (and build) refuse init's sample rows and prompts, each named."""
    from hongtou.cli import main

    monkeypatch.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
    checked = CliRunner().invoke(main, ["check", str(folder)])
    assert checked.exit_code == 2, checked.output
    lines = checked.stderr.splitlines()[1:]
    rows = [f"  - {sheet} 第2行「序号」：这是新建活动时的示例行（填写的是「示例」）。"
            "请改成本次活动的内容（序号写数字），或删除这一行" for sheet in SHEETS]
    assert lines[:len(rows)] == rows
    prompts = lines[len(rows):]
    assert len(prompts) == len(prompt_lines()) == 8
    for line, n in zip(prompts, prompt_lines()):
        assert line.startswith(f"  - {BODY_NAME} 第{n}行：还是新建活动时的提示文字（填写的是「（在此写明")
        assert line.endswith("。请改成本次活动的内容，或删除这一段")
    built = CliRunner().invoke(main, ["build", str(folder), "-o", str(folder / "输出")])
    assert (built.exit_code, built.stderr) == (2, checked.stderr)
    assert not (folder / "输出").exists()


def fill_in(folder: Path) -> Path:
    """What the secretary does: a number for each sample row, the prompts replaced."""
    book = openpyxl.load_workbook(folder / WORKBOOK_NAME)
    for sheet in SHEETS:
        book[sheet]["A2"] = 1
    book.save(folder / WORKBOOK_NAME)
    text = (folder / BODY_NAME).read_text("utf-8-sig").splitlines()
    text = [re.sub(r"（在此写明[^）]*）", "按照市委要求开展活动。", line) for line in text]
    (folder / BODY_NAME).write_text("\n".join(text), "utf-8")
    return folder


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "新活动"
    init_campaign(folder)
    return fill_in(folder)


def test_the_filled_in_folder_reads(filled):
    c = read_campaign(filled, need_body=True)
    assert c.meta.organ == "中共六安市总工会党组"
    assert c.meta.number == "六工党〔2022〕7号"
    assert c.meta.date == date(2022, 2, 15) and c.meta.as_of == TODAY
    # keys left blank stay blank: no explanation is taken for a value
    assert (c.meta.signer, c.meta.secret, c.meta.urgency, c.meta.note) == ("", "", "", "")
    assert c.meta.title == f"关于印发《{c.meta.plan_title}》的通知"
    assert (c.meta.warn_days, c.meta.feedback_days) == (7, 3)
    assert [m.role for m in c.members] == ["组长"]
    assert [(p.name, p.department) for p in c.persons] == [("张华", "办公室")]
    assert [p.label for p in c.phases] == ["第一阶段"]
    assert [t.status for t in c.tasks] == [Status.DONE]
    assert [(i.key, i.owner, i.status) for i in c.issues] == [("Q001", "张华", Status.IN_PROGRESS)]
    assert [b.placeholder for b in c.body if b.placeholder] == ["阶段安排", "领导小组"]
    assert [b.text for b in c.body if b.level == 1] == [
        "一、指导思想", "二、目标任务", "三、阶段安排", "四、工作要求", "五、组织领导"]
    assert sum(b.level == 2 for b in c.body) == 4


def test_the_filled_in_folder_builds(filled):
    out = filled / "输出"
    outputs, report = build(filled, out, TODAY)
    text = "\n".join(p.text for p in Document(out / "通知.docx").paragraphs)
    assert "中共六安市总工会党组" in text and "六工党〔2022〕7号" in text
    assert "成立“‘五问’六安——奋勇争先大讨论”活动领导小组" in text
    assert "陈立新任组长" in text
    assert "在此写明" not in text
    ledger = openpyxl.load_workbook(out / "整改台账.xlsx")["整改台账"]
    cells = [c.value for row in ledger.iter_rows() for c in row]
    assert "公文办理存在“中转站”思想，来文批转后不跟踪、不督办，个别事项办理超期" in cells
    assert (out / "督办" / "办公室.docx").is_file()  # the example issue is overdue on TODAY
    # a second build reads past what the first one wrote into the folder
    build(filled, out, TODAY)


def test_the_cli_builds_a_filled_in_folder(tmp_path, monkeypatch):
    from hongtou.cli import main

    monkeypatch.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
    folder = tmp_path / "活动"
    assert run(folder).exit_code == 0
    fill_in(folder)
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(folder / "输出")])
    assert result.exit_code == 0, result.output
    assert (folder / "输出" / "通知.docx").is_file()


# -- the command -----------------------------------------------------------------------------


def test_init_creates_parents_and_says_what_next(tmp_path):
    folder = tmp_path / "二〇二二" / "大讨论"
    result = run(folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted([WORKBOOK_NAME, BODY_NAME])
    assert result.output.startswith(f"已新建活动文件夹「{folder}」：\n"
                                    f"  {folder / WORKBOOK_NAME}\n  {folder / BODY_NAME}\n")
    assert "先用 Excel/WPS 打开 活动.xlsx 填写" in result.output
    assert f"python pipeline.py build {folder} -o {folder / '输出'}\n" in result.output


def test_a_path_with_a_space_is_quoted_in_the_next_command(tmp_path):
    folder = tmp_path / "我的 活动"
    result = run(folder)
    assert result.exit_code == 0
    assert f'python pipeline.py build "{folder}" -o "{folder / "输出"}"' in result.output


def test_an_empty_existing_folder_is_used(tmp_path):
    folder = tmp_path / "空"
    folder.mkdir()
    assert run(folder).exit_code == 0
    assert (folder / WORKBOOK_NAME).is_file()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_that_is_not_empty_is_left_alone(tmp_path):
    folder = tmp_path / "旧活动"
    folder.mkdir()
    (folder / "活动.xlsx").write_bytes(b"the user's own workbook")
    before = snapshot(folder)
    result = run(folder)
    assert result.exit_code == 2
    assert result.output == f"文件夹「{folder}」不是空的，为免覆盖已有文件，请换一个新文件夹名\n"
    assert snapshot(folder) == before


def test_a_folder_holding_only_a_folder_is_not_empty(tmp_path):
    folder = tmp_path / "旧活动"
    (folder / "子文件夹").mkdir(parents=True)
    result = run(folder)
    assert result.exit_code == 2
    assert list(folder.iterdir()) == [folder / "子文件夹"]


def test_a_file_in_the_way_is_refused(tmp_path):
    path = tmp_path / "活动"
    path.write_bytes(b"x")
    result = run(path)
    assert result.exit_code == 2
    assert "是一个文件，不是文件夹" in result.output
    assert path.read_bytes() == b"x"


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["init", "-h"])
    assert result.exit_code == 0
    assert "示例：" in result.output and "python pipeline.py init 我的活动" in result.output


# -- the same bytes every time ---------------------------------------------------------------


def test_two_inits_give_identical_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    init_campaign(a)
    init_campaign(b)
    assert snapshot(a) == snapshot(b) == make_campaign_files()
    with zipfile.ZipFile(a / WORKBOOK_NAME) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "2022-02-15T00:00:00Z" in core


def test_a_file_in_the_way_is_named_in_chinese(tmp_path):
    """Issue 15.9: was 「[Errno 20] Not a directory（请检查路径和文件夹权限）」."""
    (tmp_path / "活动").write_text("a file", "utf-8")
    folder = tmp_path / "活动" / "新活动"
    result = run(folder)
    assert result.exit_code == 2
    assert result.output == (f"无法写入 {folder}：「{tmp_path / '活动'}」是一个文件，不是文件夹。"
                             "请把这个文件移走或改名后重试，或换一个新文件夹名\n")
