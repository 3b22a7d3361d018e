"""红黄绿 end to end: one small campaign built with `--today` before, on and after its
deadlines, and what every output says of each item — the Excel ledger's 状态灯 and 剩余天数,
the Word ledger's shaded 状态 cell, and which departments get a 督办通知.

The expectations are written out by hand from the rule in DESIGN.md (red: past the deadline
and not done; yellow: due within 预警天数 = 7 days, the deadline day included; green:
otherwise, and always when done, 长期坚持, or the deadline is 长期坚持), not computed by hongtou.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from hongtou.cli import main

from tests.helpers import make_workbook, minimal_sheets

ROOT = Path(__file__).resolve().parent.parent
DAYS = ("2022-02-15", "2022-03-20", "2022-03-23", "2022-03-24", "2022-03-31", "2022-04-01")

# 序号 → (部门, 整改时限, 整改状态, [(灯, 剩余天数) on each of DAYS])
G, Y, R = "绿", "黄", "红"
ITEMS = {
    1: ("办公室", "2022-03-31", "整改中",
        [(G, 44), (G, 11), (G, 8), (Y, 7), (Y, 0), (R, -1)]),
    2: ("组织部", "长期坚持", "长期坚持", [(G, None)] * 6),
    # 立行立改 is due on the 成文日期 (2022-02-15): yellow that day, red from the next
    3: ("组织部", "立行立改", "整改中",
        [(Y, 0), (R, -33), (R, -36), (R, -37), (R, -44), (R, -45)]),
    # 3月中旬 is due on 3月20日
    4: ("办公室", "3月中旬", "未启动",
        [(G, 33), (Y, 0), (R, -3), (R, -4), (R, -11), (R, -12)]),
    # done: green whatever the day, no days left
    5: ("办公室", "2022-03-31", "已完成", [(G, None)] * 6),
    # the deadline is 长期坚持 though the status is not
    6: ("办公室", "长期坚持", "整改中", [(G, None)] * 6),
}
OWNERS = {"办公室": "张三", "组织部": "赵六"}


@pytest.fixture(scope="module")
def campaign(tmp_path_factory) -> Path:
    sheets = minimal_sheets()
    header = sheets["问题清单"][0]
    sheets["问题清单"] = [header] + [
        [n, "作风建设", f"问题{n}", f"措施{n}", "李华", dept, OWNERS[dept], deadline, status,
         None, "2022-03-28" if status == "已完成" else None, None]
        for n, (dept, deadline, status, _) in ITEMS.items()]
    return make_workbook(tmp_path_factory.mktemp("lights") / "活动.xlsx", sheets)


@pytest.fixture(scope="module", params=range(len(DAYS)), ids=DAYS)
def built(request, campaign, tmp_path_factory):
    day = request.param
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
        result = CliRunner().invoke(main, ["build", str(campaign), "-o", str(out),
                                           "--today", DAYS[day], "-q"])
    assert result.exit_code == 0, result.output
    return day, out


def expected(day: int) -> dict[int, tuple[str, int | None]]:
    return {n: lights[day] for n, (_, _, _, lights) in ITEMS.items()}


def test_the_excel_ledger_says_the_light_and_the_days_left(built):
    day, out = built
    ws = openpyxl.load_workbook(out / "整改台账.xlsx", data_only=True)["整改台账"]  # cached
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r and r[0] == "序号")
    col = {name: i for i, name in enumerate(rows[head])}
    got = {r[col["序号"]]: (r[col["状态灯"]], r[col["剩余天数"]])
           for r in rows[head + 1:] if isinstance(r[col["序号"]], int)}
    assert got == expected(day)


LIGHT_FILL = {R: "FFC7CE", Y: "FFEB9C", G: "C6EFCE"}


def test_the_word_ledger_shades_and_words_the_state_cell(built):
    day, out = built
    (table,) = Document(out / "整改台账.docx").tables
    got = {}
    for row in table.rows[1:]:
        cell = row.cells[-1]
        shd = cell._tc.xpath("./w:tcPr/w:shd/@w:fill")
        got[int(row.cells[0].text)] = (cell.text, shd[0] if shd else None)
    want = {}
    for n, (light, left) in expected(day).items():
        text = {R: f"红\n超期{-left}天" if left is not None else "红",
                Y: "黄\n今日到期" if left == 0 else f"黄\n剩{left}天", G: "绿"}[light]
        want[n] = (text, LIGHT_FILL[light])
    assert got == want


def test_only_departments_with_red_or_yellow_items_get_a_reminder(built):
    day, out = built
    late = {ITEMS[n][0] for n, (light, _) in expected(day).items() if light in (R, Y)}
    folder = out / "督办"
    got = {p.stem for p in folder.glob("*.docx")} if folder.is_dir() else set()
    assert got == late


@pytest.mark.parametrize(("today", "feedback"), [
    ("2022-09-29", "2022年10月9日"),    # Thu + 3 working days: Fri 30, (国庆), make-up Sat 8, Sun 9
    ("2022-09-30", "2022年10月10日"),   # Fri + 3: make-up Sat 8, make-up Sun 9, Mon 10
    ("2022-10-01", "2022年10月10日"),   # from inside the holiday
])
def test_the_reminder_counts_feedback_days_in_chinese_working_days(campaign, tmp_path, today,
                                                                     feedback):
    out = tmp_path / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
        result = CliRunner().invoke(main, ["build", str(campaign), "-o", str(out),
                                           "--today", today, "-q"])
    assert result.exit_code == 0, result.output
    text = "".join(p.text for p in Document(out / "督办" / "办公室.docx").paragraphs)
    assert f"于{feedback}前将整改进展" in text
