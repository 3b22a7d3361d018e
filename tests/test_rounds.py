"""Three rounds of the follow-up cycle, played as a secretary and the departments would:
build → the departments fill in their 分发 workbooks (edited with openpyxl, with every fault
merge must catch) → merge → build the next round from the same folder → … Every figure of
every output is checked against a recount written here from the master workbook alone (its
cells read with openpyxl, the README's rules applied by hand), not with hongtou's rules.
"""

from __future__ import annotations

import calendar
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from hongtou.cli import main

ROOT = Path(__file__).resolve().parents[1]
ISSUED = date(2022, 2, 15)   # the example's 成文日期: when 立行立改 falls due
WARN = 7                     # its 预警天数
STATUS = {"已完成": "已完成", "已整改": "已完成", "完成": "已完成", "已销号": "已销号",
          "整改中": "整改中", "正在整改": "整改中", "进行中": "整改中", "未启动": "未启动",
          "未开始": "未启动", "长期坚持": "长期坚持"}
DONE = ("已完成", "已销号")
ROUND1, ROUND2, ROUND3 = date(2022, 4, 20), date(2022, 4, 27), date(2022, 5, 6)


# -- the independent recount --------------------------------------------------------------



def said_late(red: int, soon: int, unit: str) -> str:
    """The counts as the 通报, ledger and 督办 word them: none left out, both none said so."""
    if red and soon:
        return f"已超期未完成{red}{unit}，{WARN}日内到期{soon}{unit}"
    if red or soon:
        return f"已超期未完成{red}{unit}" if red else f"{WARN}日内到期{soon}{unit}"
    return f"无超期和{WARN}日内到期的事项"

def due_day(value) -> date | None:
    """The day a 整改时限 cell falls due, as the README describes it (None: never)."""
    if isinstance(value, datetime):
        return value.date()
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{4})[.年](\d+)[.月](\d+)日?", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d+)月底", text):
        return date(2022, int(m[1]), calendar.monthrange(2022, int(m[1]))[1])
    return {"年底前": date(2022, 12, 31), "立行立改": ISSUED, "长期坚持": None}[text]


@dataclass
class Item:
    key: str
    row: int
    department: str
    category: str
    status: str
    done_date: object
    progress: object
    remark: object
    light: str = ""
    days: int | None = None


def recount(master: Path, day: date) -> list[Item]:
    """问题清单 of `master`, each issue's 状态灯 and 剩余天数 on `day`."""
    ws = openpyxl.load_workbook(master, data_only=True)["问题清单"]
    head = next(r for r in range(1, 6) if ws.cell(r, 1).value == "序号")
    col = {ws.cell(head, c).value: c for c in range(1, ws.max_column + 1)}
    items = []
    for r in range(head + 1, ws.max_row + 1):
        seq = ws.cell(r, col["序号"]).value
        if not isinstance(seq, int):
            continue
        get = lambda name: ws.cell(r, col[name]).value  # noqa: E731
        item = Item(f"Q{seq:03d}", r, get("责任部门"), get("问题类别"),
                    STATUS[str(get("整改状态")).strip()], get("完成日期"), get("进展情况"),
                    get("备注"))
        due = due_day(get("整改时限"))
        if item.status in (*DONE, "长期坚持") or due is None:
            item.light = "绿"
        else:
            item.days = (due - day).days
            item.light = "红" if item.days < 0 else "黄" if item.days <= WARN else "绿"
        items.append(item)
    return items


def groups(items: list[Item], key) -> dict[str, list]:
    """The 统计 row of each group: 问题总数 … 临期, 完成率."""
    out: dict[str, list] = {}
    for i in items:
        c = out.setdefault(key(i), [0] * 7)
        c[0] += 1
        c[1] += i.status in DONE
        c[2] += i.status == "整改中"
        c[3] += i.status == "未启动"
        c[4] += i.status == "长期坚持"
        c[5] += i.light == "红"
        c[6] += i.light == "黄" and i.status not in DONE
    return {k: [*v, v[1] / v[0]] for k, v in out.items()}


def by_key(items: list[Item]) -> dict[str, Item]:
    return {i.key: i for i in items}


# -- playing the rounds ----------------------------------------------------------------------


def cli(*args) -> "CliRunner.Result":
    return CliRunner().invoke(main, [str(a) for a in args])


def build(data: Path, out: Path, day: date) -> None:
    result = cli("build", data, "-o", out, "--today", day.isoformat(), "-q")
    assert result.exit_code == 0, result.output


class Return:
    """A 分发 workbook opened by a department, addressed by ID and column."""

    def __init__(self, path: Path):
        self.path, self.wb = path, openpyxl.load_workbook(path)
        self.ws = self.wb["整改台账"]
        self.col = {c.value: c.column for c in self.ws[3] if c.value}

    def ids(self) -> list[str]:
        return [self.ws.cell(r, self.col["ID"]).value for r in range(4, self.ws.max_row + 1)]

    def set(self, key: str, column: str, value) -> None:
        r = 4 + self.ids().index(key)
        self.ws.cell(r, self.col[column]).value = value

    def save(self, path: Path | None = None) -> Path:
        target = path or self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        self.wb.save(target)
        return target


def first(items: list[Item], department: str, test) -> Item:
    return next(i for i in items if i.department == department and test(i))


# -- checking every output ---------------------------------------------------------------------


def check_outputs(master: Path, out: Path, day: date, history: list[tuple[date, Path]]) -> None:
    """Every figure of the round's outputs against the recount of the master it was built
    from (and of the kept masters before it, for 较上期 and the trend)."""
    items = recount(master, day)
    keyed = by_key(items)
    depts, cats = groups(items, lambda i: i.department), groups(items, lambda i: i.category)
    red = [i for i in items if i.light == "红"]
    yellow = [i for i in items if i.light == "黄"]
    done = sum(i.status in DONE for i in items)

    # 整改台账.xlsx, as a reader that does not recalculate sees it
    wb = openpyxl.load_workbook(out / "整改台账.xlsx", data_only=True)
    ledger = wb["整改台账"]
    assert ledger["C2"].value == datetime.combine(day, datetime.min.time())
    head = [c.value for c in ledger[3]]
    rows = [dict(zip(head, r)) for r in ledger.iter_rows(4, ledger.max_row, values_only=True)]
    assert [r["ID"] for r in rows] == [i.key for i in items]
    for r in rows:
        i = keyed[r["ID"]]
        assert (r["整改状态"], r["状态灯"], r["剩余天数"] if r["剩余天数"] != "" else None) == \
            (i.status, i.light, i.days), r["ID"]
    stats = wb["统计"]
    assert stats["A2"].value == f"统计截至：{day.year}年{day.month}月{day.day}日"

    def table(header_row: int) -> tuple[dict, list, int]:
        got, r = {}, header_row + 1
        while stats.cell(r, 1).value != "合计":
            got[stats.cell(r, 1).value] = [stats.cell(r, c).value for c in range(2, 10)]
            r += 1
        return got, [stats.cell(r, c).value for c in range(2, 10)], r

    got, total, end = table(3)
    # (pytest ≥ 9.2 refuses approx of a dict of lists: approx each row)
    assert got == {k: pytest.approx(v) for k, v in depts.items()} and list(got) == list(depts)
    assert total == pytest.approx([*[sum(v[k] for v in depts.values()) for k in range(7)],
                                   done / len(items)])
    got, _, end = table(end + 2)
    assert got == {k: pytest.approx(v) for k, v in cats.items()}
    trend = [(stats.cell(r, 1).value, stats.cell(r, 2).value, stats.cell(r, 3).value,
              stats.cell(r, 4).value) for r in range(end + 3, stats.max_row + 1)]
    want = []
    for d, path in history:
        old = recount(path, d)
        n = sum(i.status in DONE for i in old)
        want.append((f"{d.month}月{d.day}日", len(old), n, n / len(old)))
    if history:  # no trend before there is a second round
        want.append((f"{day.month}月{day.day}日", len(items), done, done / len(items)))
    assert [t[:3] for t in trend] == [w[:3] for w in want]
    assert [t[3] for t in trend] == pytest.approx([w[3] for w in want])
    assert len(stats._charts) == (2 if history else 1)

    # 进展通报.docx
    report = Document(out / "进展通报.docx")
    texts = [p.text for p in report.paragraphs]
    assert (f"截至{day.month}月{day.day}日，共查摆问题{len(items)}个，已完成{done}个，"
            f"完成率{done / len(items) * 100:.1f}%；其中"
            f"{said_late(len(red), len(yellow), '个')}。") in texts
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in report.tables}
    dept_table = tables[("责任部门", "问题总数", "已完成", "整改中", "未启动", "长期坚持", "已超期",
                         "完成率")]
    for row in dept_table.rows[1:-1]:
        name, *figures = [c.text for c in row.cells]
        d = depts[name]
        assert figures == [str(x) for x in (*d[:6],)] + [f"{d[1] / d[0] * 100:.1f}%"], name
    overdue = tables[("序号", "责任部门", "问题描述", "整改时限", "超期天数")] if red else None
    if red:
        assert [r.cells[4].text for r in overdue.rows[1:]] == [f"{-i.days}天" for i in red]
    change_head = ("责任部门", "新增完成", "新增超期", "仍超期")
    if history:
        before_day, before_path = history[-1]
        before = by_key(recount(before_path, before_day))
        per: dict[str, list[int]] = {}
        for i in items:
            was = before.get(i.key)
            c = per.setdefault(i.department, [0, 0, 0])
            c[0] += i.status in DONE and not (was and was.status in DONE)
            c[1] += i.light == "红" and not (was and was.light == "红")
            c[2] += i.light == "红" and bool(was and was.light == "红")
        sums = [sum(v[k] for v in per.values()) for k in range(3)]
        assert (f"与上期（{before_day.month}月{before_day.day}日）相比，新增完成{sums[0]}项、"
                f"新增超期{sums[1]}项、仍超期{sums[2]}项；各部门情况如下：") in texts
        got = [[c.text for c in r.cells] for r in tables[change_head].rows[1:]]
        assert got == [[d, *map(str, v)] for d, v in per.items()] + [["合计", *map(str, sums)]]
    else:
        assert change_head not in tables and not any(t.startswith("与上期") for t in texts)

    # 督办/: one per department with late items, each with its counts
    late: dict[str, list[Item]] = {}
    for i in items:
        if i.light in ("红", "黄") and i.status not in DONE:
            late.setdefault(i.department, []).append(i)
    assert {p.stem for p in (out / "督办").glob("*.docx")} == set(late)
    for dept, mine in late.items():
        doc = " ".join(p.text for p in Document(out / "督办" / f"{dept}.docx").paragraphs)
        n_red = sum(i.light == "红" for i in mine)
        assert (f"你单位负责的{depts[dept][0]}项整改事项中，"
                f"{said_late(n_red, len(mine) - n_red, '项')}（详见下表）") in doc, dept

    # 整改台账.docx: the 状态 cell of every row
    (word,) = Document(out / "整改台账.docx").tables
    for row, i in zip(word.rows[1:], items, strict=True):
        want = {"红": f"红\n超期{-i.days}天" if i.days is not None else "红",
                "黄": "黄\n今日到期" if i.days == 0 else f"黄\n剩{i.days}天",
                "绿": "绿"}[i.light]
        # (the table may break a short cell at a natural point: 超期 / 5天)
        assert (row.cells[0].text, row.cells[-1].text.replace("\n", "")) == \
            (str(int(i.key[1:])), want.replace("\n", ""))

    # 分发/: each department's rows, and whose file it is
    for dept in depts:
        wb = openpyxl.load_workbook(out / "分发" / f"{dept}.xlsx")
        who = {r[0]: r[1] for r in wb["分发信息"].iter_rows(values_only=True)}
        assert who["责任部门"] == dept and who["统计截至"].date() == day
        assert who["活动标识"] == "六工党〔2022〕7号｜“‘五问’六安——奋勇争先大讨论”活动"
        assert Return(out / "分发" / f"{dept}.xlsx").ids() == \
            [i.key for i in items if i.department == dept]
        sent = list(wb["下发内容"].iter_rows(3, values_only=True))   # the rows as sent
        assert [(r[0], r[9]) for r in sent] == \
            [(i.key, i.status) for i in items if i.department == dept]
        assert who["下发行数"] == len(sent)


# -- the three rounds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """Plays the three rounds; yields what each step showed, for the tests below."""
    tmp = tmp_path_factory.mktemp("rounds")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    seen: dict[str, object] = {"tmp": tmp, "data": data}
    original = (data / "活动.xlsx").read_bytes()

    # -- round 1: build, and the returns come back with every fault
    build(data, tmp / "out1", ROUND1)
    seen["check1"] = lambda: check_outputs(data / "历史" / "活动（2022-04-20）.xlsx",
                                           tmp / "out1", ROUND1, [])
    items = recount(data / "活动.xlsx", ROUND1)
    split, back = tmp / "out1" / "分发", tmp / "交回1"
    office_red = first(items, "办公室", lambda i: i.light in ("红", "黄") and i.status not in DONE)
    office_undated = first(items, "办公室", lambda i: i.status not in DONE and i is not office_red)
    office_formula = first(items, "办公室", lambda i: i.progress and i.key not in
                           (office_red.key, office_undated.key))
    r = Return(split / "办公室.xlsx")
    r.set(office_red.key, "整改状态", "已完成")
    r.set(office_red.key, "完成日期", datetime(2022, 4, 22))
    r.set(office_undated.key, "整改状态", "已完成")                 # no 完成日期
    r.set(office_formula.key, "进展情况", "=J4")                    # a formula, no value
    r.save(back / "办公室.xlsx")
    finance = first(items, "财务部", lambda i: True)
    r = Return(split / "财务部.xlsx")
    r.set(finance.key, "进展情况", "已完成资金清查")
    r.save(back / "组织部.xlsx")                                    # named for another
    rights = [i for i in items if i.department == "权益保障部"]
    r = Return(split / "权益保障部.xlsx")
    r.set(rights[0].key, "整改状态", "已完成")
    r.ws.cell(r.ws.max_row + 1, r.col["ID"]).value = rights[0].key  # the same ID twice
    r.set(rights[1].key, "备注", "已上报市总")
    r.save(back / "权益保障部.xlsx")
    economy = first(items, "经济工作部", lambda i: True)
    r = Return(split / "经济工作部.xlsx")
    r.set(economy.key, "进展情况", "第一份的说法")
    r.save(back / "经济工作部.xlsx")
    r = Return(split / "经济工作部.xlsx")
    r.set(economy.key, "进展情况", "第二份的说法")
    r.save(back / "经济工作部（补）.xlsx")                           # two returns, one department
    women = first(items, "女职工部", lambda i: i.status not in DONE)
    r = Return(split / "女职工部.xlsx")
    r.set(women.key, "整改状态", "已完成")
    r.set(women.key, "完成日期", datetime(2022, 4, 24))
    r.save(back / "女职工部.et")                                    # WPS
    (back / "说明.txt").write_text("本周交回的分发表", encoding="utf-8")
    # a return of another campaign whose IDs are the same
    other = tmp / "另一次"
    shutil.copytree(ROOT / "data", other)
    wb = openpyxl.load_workbook(other / "活动.xlsx")
    wb["发文信息"]["B4"] = "六工党[2021]3号"
    wb.save(other / "活动.xlsx")
    build(other, tmp / "另一次输出", ROUND1)
    r = Return(tmp / "另一次输出" / "分发" / "机关党委.xlsx")
    party = first(items, "机关党委", lambda i: True)
    r.set(party.key, "完成日期", datetime(2022, 3, 28))
    r.save(back / "机关党委.xlsx")

    seen["refused"] = cli("merge", data, back, "--today", "2022-04-25")
    seen["after_refusal"] = (data / "活动.xlsx").read_bytes()
    (back / "机关党委.xlsx").unlink()
    seen["merge1"] = cli("merge", data, back, "--today", "2022-04-25")
    seen["faults"] = dict(office_red=office_red, office_undated=office_undated,
                          office_formula=office_formula, finance=finance, rights=rights,
                          economy=economy, women=women)
    seen["original"] = original
    seen["merged1"] = (data / "活动.xlsx").read_bytes()

    # -- round 2: the next round is a plain build of the same folder
    build(data, tmp / "out2", ROUND2)
    seen["check2"] = lambda: check_outputs(
        data / "历史" / "活动（2022-04-27）.xlsx", tmp / "out2", ROUND2,
        [(ROUND1, data / "历史" / "活动（2022-04-20）.xlsx")])
    items = recount(data / "活动.xlsx", ROUND2)
    split, back = tmp / "out2" / "分发", tmp / "交回2"
    r = Return(split / "办公室.xlsx")
    r.set(office_undated.key, "完成日期", datetime(2022, 4, 28))    # the date, late
    r.save(back / "办公室.xlsx")
    party = first(items, "机关党委", lambda i: i.status not in DONE)
    r = Return(split / "机关党委.xlsx")
    r.set(party.key, "整改状态", "已完成")
    r.set(party.key, "完成日期", "下周")                              # refused: flagged
    r.save(back / "机关党委.xlsx")
    org = [i for i in items if i.department == "组织部" and i.status not in DONE]
    r = Return(split / "组织部.xlsx")
    r.set(org[0].key, "整改状态", "已完成")
    r.set(org[0].key, "完成日期", datetime(2022, 5, 2))
    r.save(back / "组织部.xlsx")
    seen["merge2"] = cli("merge", data, back, "--today", "2022-05-04")
    seen["round2"] = dict(party=party, org=org[0])
    seen["history2"] = sorted(p.name for p in (data / "历史").iterdir())

    # -- round 3: the secretary edits the master after sending the 分发 files, in rows the
    # departments return untouched (texts only: the round's figures stay those it was built on)
    build(data, tmp / "out3", ROUND3)
    seen["check3"] = lambda: check_outputs(
        data / "历史" / "活动（2022-05-06）.xlsx", tmp / "out3", ROUND3,
        [(ROUND1, data / "历史" / "活动（2022-04-20）.xlsx"),
         (ROUND2, data / "历史" / "活动（2022-04-27）.xlsx")])
    items = recount(data / "活动.xlsx", ROUND3)
    split, back = tmp / "out3" / "分发", tmp / "交回3"
    office = [i for i in items if i.department == "办公室"]
    wb = openpyxl.load_workbook(data / "活动.xlsx")
    ws = wb["问题清单"]
    col = {c.value: c.column for c in ws[2]}
    ws.cell(office[0].row, col["进展情况"]).value = "秘书核实：督办台账每周更新"
    ws.cell(office[1].row, col["整改措施"]).value = "秘书改过的整改措施"
    wb.save(data / "活动.xlsx")
    r = Return(split / "办公室.xlsx")
    r.set(office[0].key, "备注", "部门补充的备注")     # the same row, another cell
    r.set(office[2].key, "进展情况", "部门填写的进展")
    r.save(back / "办公室.xlsx")
    seen["merge3"] = cli("merge", data, back, "--today", "2022-05-08")
    seen["round3"] = dict(office=office[:3])
    return seen


def it_checks_every_figure_of_the_first_round(rounds):
    rounds["check1"]()


def it_refuses_a_return_of_another_campaign_and_changes_nothing(rounds):
    result = rounds["refused"]
    assert result.exit_code == 2
    assert "机关党委.xlsx：是另一次活动的分发表（六工党〔2021〕3号" in result.output
    assert rounds["after_refusal"] == rounds["original"]


def it_merges_the_first_returns_reporting_every_fault(rounds):
    result, f, data = rounds["merge1"], rounds["faults"], rounds["data"]
    assert result.exit_code == 1, result.output
    out = result.output
    assert "财务部.xlsx" not in out and "组织部.xlsx 整改台账：文件名是「组织部」，表内却是「财务部」的分发表" in out
    assert f"ID「{f['rights'][0].key}」在此表中出现了2次" in out
    assert "经济工作部.xlsx 整改台账：与 经济工作部（补）.xlsx 都是「经济工作部」的分发表，两份都未合并" in out
    assert "「进展情况」：单元格是公式但没有计算结果，此格未合并，总表保持原样" in out
    assert "「完成日期」：整改状态是「已完成」，但没有完成日期" in out
    assert "  读取 女职工部.et（女职工部）" in out
    assert "说明.txt：不是工作簿，未读取" in out
    assert "  读取 经济工作部（补）.xlsx（经济工作部）：4 行" in out
    assert "未交回的部门（5 个）：组织部、职工服务中心、机关党委、法律工作部、宣传教育部" in out
    # the old master kept, byte for byte; the new one in its place
    assert (data / "历史" / "活动（2022-04-20）.xlsx").read_bytes() == rounds["original"]
    before = by_key(recount(data / "历史" / "活动（2022-04-20）.xlsx", ROUND1))
    now = by_key(recount(data / "历史" / "活动（2022-04-27）.xlsx", ROUND1))  # as merged
    changed = {k for k in now if (now[k].status, now[k].done_date, now[k].progress,
                                  now[k].remark) != (before[k].status, before[k].done_date,
                                                     before[k].progress, before[k].remark)}
    assert changed == {f["office_red"].key, f["office_undated"].key, f["finance"].key,
                       f["rights"][1].key, f["women"].key}
    assert now[f["office_red"].key].status == "已完成"
    assert now[f["office_red"].key].done_date == datetime(2022, 4, 22)
    assert now[f["office_formula"].key].progress == before[f["office_formula"].key].progress
    assert now[f["finance"].key].progress == "已完成资金清查"
    assert now[f["women"].key].done_date == datetime(2022, 4, 24)


def it_checks_every_figure_of_the_second_round_built_from_the_same_folder(rounds):
    rounds["check2"]()
    data = rounds["data"]
    assert sorted(p.name for p in data.iterdir()) == ["历史", "方案正文.txt", "活动.xlsx"]


def it_merges_the_second_returns_and_keeps_both_earlier_masters(rounds):
    result, data, r2 = rounds["merge2"], rounds["data"], rounds["round2"]
    assert result.exit_code == 1, result.output
    assert "机关党委.xlsx 整改台账 第4行「完成日期」：无法识别为日期（填写的是「下周」）" in result.output
    assert "整改状态是「已完成」，但没有完成日期" in result.output
    assert rounds["history2"] == ["活动（2022-04-20）.xlsx", "活动（2022-04-27）.xlsx"]
    assert (data / "历史" / "活动（2022-04-27）.xlsx").read_bytes() == rounds["merged1"]
    now = by_key(recount(data / "活动.xlsx", ROUND2))
    assert now[r2["party"].key].status == "已完成" and now[r2["party"].key].done_date is None
    assert now[r2["org"].key].done_date == datetime(2022, 5, 2)
    assert now[rounds["faults"]["office_undated"].key].done_date == datetime(2022, 4, 28)


def it_checks_every_figure_of_the_third_round_with_the_trend(rounds):
    rounds["check3"]()


def it_keeps_what_the_secretary_changed_after_sending_the_files(rounds):
    result, data, office = rounds["merge3"], rounds["data"], rounds["round3"]["office"]
    assert result.exit_code == 0, result.output
    assert "合并了 2 处修改：" in result.output and "注意：办公室.xlsx" not in result.output
    ws = openpyxl.load_workbook(data / "活动.xlsx")["问题清单"]
    col = {c.value: c.column for c in ws[2]}
    assert [ws.cell(office[0].row, col[c]).value for c in ("进展情况", "备注")] == \
        ["秘书核实：督办台账每周更新", "部门补充的备注"]
    assert ws.cell(office[1].row, col["整改措施"]).value == "秘书改过的整改措施"
    assert ws.cell(office[2].row, col["进展情况"]).value == "部门填写的进展"


def it_flags_the_undated_completion_in_check(rounds):
    result = cli("check", rounds["data"])
    assert result.exit_code == 0
    party = rounds["round2"]["party"]
    assert f"提醒：问题清单 第{party.row}行「完成日期」：整改状态是「已完成」，但没有完成日期，请补填" \
        in result.output


def it_takes_earlier_rounds_only_from_this_campaigns_masters(tmp_path):
    from hongtou.read import read_campaign
    from hongtou.rounds import earlier_rounds

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "历史").mkdir()
    shutil.copy(data / "活动.xlsx", data / "历史" / "活动（2022-04-13）.xlsx")
    shutil.copy(data / "活动.xlsx", data / "历史" / "活动（2022-04-13）_2.xlsx")  # a late merge
    shutil.copy(data / "活动.xlsx", data / "历史" / "活动（2022-04-20）.xlsx")    # not before
    other = openpyxl.load_workbook(data / "活动.xlsx")
    other["发文信息"]["B4"] = "六工党[2021]3号"
    other.save(data / "历史" / "活动（2022-04-06）.xlsx")                       # another campaign
    rounds = earlier_rounds(read_campaign(data), ROUND1)
    assert [r.day for r in rounds] == [date(2022, 4, 13)]
    assert (rounds[0].total, rounds[0].done) == (36, 12)


def it_says_when_the_day_of_a_round_is_not_after_the_last_kept_round(tmp_path):
    from hongtou.rounds import stale_day

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    master = data / "活动.xlsx"
    assert stale_day(master, ROUND1) is None          # no round kept yet
    (data / "历史").mkdir()
    shutil.copy(master, data / "历史" / "活动（2022-04-13）.xlsx")
    shutil.copy(master, data / "历史" / "活动（2022-04-20）.xlsx")
    assert stale_day(master, ROUND1) == (
        "统计截至 2022-04-20 不晚于上一轮（2022-04-20）：红黄绿和督办按这一天算，进展通报没有「较上期」；"
        "新一轮请写 --today 新的日期，或改「发文信息」的「统计截至」")
    assert stale_day(master, date(2022, 4, 19)) is not None  # before the last round, too
    assert stale_day(master, ROUND2) is None
    assert stale_day(master, None) is None and stale_day(None, ROUND1) is None


def it_warns_a_build_whose_day_is_not_after_the_last_kept_round(tmp_path):
    """A second round built without --today uses the 统计截至 the merge left unchanged: the build
    says that its 通报 has no 较上期, and what to do; a build on a later day says nothing."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "历史").mkdir()
    shutil.copy(data / "活动.xlsx", data / "历史" / "活动（2022-04-20）.xlsx")
    stale = cli("build", str(data), "-o", str(tmp_path / "o1"))
    assert stale.exit_code == 0, stale.output
    assert "注意：统计截至 2022-04-20 不晚于上一轮（2022-04-20）" in stale.output
    later = cli("build", str(data), "-o", str(tmp_path / "o2"), "--today", "2022-04-27")
    assert later.exit_code == 0 and "注意" not in later.output, later.output
