"""整改台账.xlsx: the rectification ledger, its statistics and the work schedule, as of one day.

The ledger is live. 状态灯 and 剩余天数 are formulas of 整改状态, 整改时限 and the 统计截至
cell (row 2 of the 整改台账 sheet, a real date the secretary may change to re-date the whole
workbook), through a hidden 到期日 column: a date typed in 整改时限 counts as itself, the
wording hongtou read (3月下旬, 年底前) as the last day it stands for, 立行立改 as the 成文日期,
年底前 and N月底 typed later as the last day they name, anything else (长期坚持) as never due —
the rules of `rules.status.item_state`, in IF, OR, ISNUMBER, DATE, IFERROR, RIGHT, LEFT, LEN
and VALUE only, which Excel, WPS and LibreOffice all share. No TODAY(): the file says
the same thing every day it is opened, agrees with 整改台账.docx built from the same data, and
builds byte-identically. Each formula is stored with the value it computes on
`assessment.today`. The colours are conditional formatting keyed on the 状态灯 *text*, so
they follow the formula. The department copies (`split`) carry the same formulas with the
as-of day written into them (their row 2 holds the instructions).

The 统计 figures are COUNTIFS formulas over the 整改台账 sheet, each stored with the value it
computes (`sheetxml.Formula`): Excel and LibreOffice recalculate them when a department's
status is changed in the sheet, and anything that does not recalculate (pandas, previewers,
phone apps) still reads the right numbers. A group whose name COUNTIFS would not match
exactly (wildcards `* ? ~`, a leading `< > =`, something that reads as a number or date, two
names differing only in letter case, more than 200 characters) gets its figures as values.

The sheets are written as SpreadsheetML text (`sheetxml`); `excel/reference.py` builds the
same workbook with openpyxl, for the tests and the benchmark to compare with.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Iterable, Sequence

from hongtou.excel.common import (
    CENTER, DATE, EDITABLE, NUMBER, PERCENT, SUBTITLE, TEXT, TITLE, SheetColumn, clean_text,
    text_width,
)
from hongtou.excel.sheetxml import (
    ROW_MARK as ROW, Chart, Formula, Sheet, cells, letter, workbook_bytes, xf,
)
from hongtou.model import (
    Assessment, Campaign, DeptStats, Issue, ItemState, Light, Status, When, WhenKind,
)
from hongtou.rules.dates import format_date
from hongtou.rounds import Round, earlier_rounds
from hongtou.rules.status import due_date, stats_total

LEDGER_SHEET, STATS_SHEET, TASKS_SHEET = "整改台账", "统计", "工作安排"
HEADER_ROW = 3  # every table sheet: title, subtitle (or instructions), header
TITLE_HEIGHT = 32


def when_value(when: When | None):
    """A single day as a real date (sorts and filters as one); wording such as 3月下旬,
    长期坚持 or 立行立改 as the text typed."""
    if when is None:
        return None
    return when.last if when.kind is WhenKind.DATE else when.text


ISSUE_COLUMNS: tuple[SheetColumn, ...] = (
    # At most ~215 width units (~1,570 px): "one page wide" prints A4 landscape at about 2/3.
    SheetColumn("序号", lambda i, s: i.seq, 6, NUMBER, fit=True, min_width=4),
    SheetColumn("问题类别", lambda i, s: i.category, 12, CENTER, fit=True),
    SheetColumn("问题描述", lambda i, s: i.description, 34),
    SheetColumn("整改措施", lambda i, s: i.measures, 34),
    SheetColumn("责任领导", lambda i, s: i.leader, 10, CENTER, fit=True),
    SheetColumn("责任部门", lambda i, s: i.department, 14, CENTER, fit=True),
    SheetColumn("责任人", lambda i, s: i.owner, 10, CENTER, fit=True),
    SheetColumn("整改时限", lambda i, s: when_value(i.deadline), 15, DATE),
    SheetColumn("整改状态", lambda i, s: i.status.value, 10, CENTER, editable=True),
    SheetColumn("进展情况", lambda i, s: i.progress, 30, editable=True),
    SheetColumn("完成日期", lambda i, s: i.done_date, 15, DATE, editable=True),
    SheetColumn("备注", lambda i, s: i.remark, 12, editable=True),
    SheetColumn("状态灯", lambda i, s: s.light, 7, CENTER),        # `LiveCells` formulas
    SheetColumn("剩余天数", lambda i, s: s.days, 7, NUMBER),       # "" when done or ongoing
    SheetColumn("ID", lambda i, s: i.key, 12, TEXT, hidden=True),  # Issue.key, for merge-back
    SheetColumn("到期日", lambda i, s: s.due, 15, DATE, hidden=True),
)

TASK_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("阶段", lambda t, s: t.phase, 14, CENTER, fit=True),
    SheetColumn("工作任务", lambda t, s: t.task, 40),
    SheetColumn("责任部门", lambda t, s: t.department, 18, CENTER, fit=True),
    SheetColumn("责任人", lambda t, s: t.owner, 12, CENTER, fit=True),
    SheetColumn("开始日期", lambda t, s: when_value(t.start), 16, DATE),
    SheetColumn("完成时限", lambda t, s: when_value(t.due), 16, DATE),
    SheetColumn("成果要求", lambda t, s: t.output, 30),
    SheetColumn("状态", lambda t, s: t.status.value, 10, CENTER),
    SheetColumn("状态灯", lambda t, s: s.light, 8, CENTER),
    SheetColumn("到期日", lambda t, s: s.due, 15, DATE, hidden=True),
)
DERIVED = ("状态灯", "剩余天数", "到期日")  # formulas, never typed


# -- the live columns ---------------------------------------------------------------------

AS_OF_LABEL = "统计截至："
AS_OF_HINT = "（改这个日期，红黄绿、剩余天数和统计即按新日期重算）"
AS_OF_ROW, AS_OF_COL = 2, 3          # C2 of 整改台账: the day everything is judged against
AS_OF_CELL = f"'{LEDGER_SHEET}'!${letter(AS_OF_COL)}${AS_OF_ROW}"
_MAX_LITERAL = 255  # Excel's limit for a text constant in a formula


def _date(d: date) -> str:
    return f"DATE({d.year},{d.month},{d.day})"


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@dataclass(frozen=True)
class LiveCells:
    """The derived cells of one row: its 到期日, 状态灯 and 剩余天数, as formulas."""

    due: Formula
    light: Formula
    days: Formula


class Live:
    """How one sheet computes its 状态灯: the formulas over its deadline and status columns,
    judged against `as_of` (a cell reference or a DATE constant), with 立行立改 due on the
    成文日期 `issued` and 黄 within `warn_days`. The 状态灯 and 剩余天数 formulas are the same
    on every row (the row number is `ROW_MARK`), so they are written once; a 到期日 formula
    once per wording."""

    def __init__(self, columns: Sequence[SheetColumn], deadline: str, status: str, as_of: str,
                 issued: date, warn_days: int):
        self.issued = issued
        h, i, p = (column_letter(columns, name) + ROW for name in (deadline, status, "到期日"))
        self.deadline = h
        settled = (f'OR({i}="{Status.DONE.value}",{i}="{Status.CLOSED.value}",'
                   f'{i}="{Status.ONGOING.value}",{p}="")')
        a = as_of
        self.light = (f'IF({settled},"{Light.GREEN.value}",IF({p}<{a},"{Light.RED.value}",'
                      f'IF({p}-{a}<={warn_days},"{Light.YELLOW.value}","{Light.GREEN.value}")))')
        self.days = f'IF({settled},"",{p}-{a})'
        # the wording hongtou read stands for its last day; typed later: 立行立改 for the
        # 成文日期, 年底前 and N月底 for the last day (of the campaign's year), else never due
        y = issued.year
        self.immediate = (f'IF({h}="立行立改",{_date(issued)},IF({h}="年底前",DATE({y},12,31),'
                          f'IFERROR(IF(RIGHT({h},2)="月底",DATE({y},VALUE(LEFT({h},LEN({h})-2))'
                          f'+1,0),""),"")))')
        self.due: dict[tuple, str] = {}

    def _due(self, wording, due: date | None) -> str:
        key = (wording, due)
        expr = self.due.get(key)
        if expr is None:
            h, expr = self.deadline, self.immediate
            if isinstance(wording, str) and due is not None and wording != "立行立改":
                text = clean_text(wording)
                expr = (f"IF({h}={_text(text)},{_date(due)},{expr})"
                        if len(text) <= _MAX_LITERAL else _date(due))
            expr = self.due[key] = f"IF(ISNUMBER({h}),{h},{expr})"
        return expr

    def cells(self, deadline: When | None, state: ItemState) -> LiveCells:
        due = None if deadline is None else due_date(deadline, self.issued)
        wording = None if deadline is None else when_value(deadline)
        return LiveCells(Formula(self._due(wording, due), "" if due is None else due),
                         Formula(self.light, state.light.value),
                         Formula(self.days, "" if state.days_left is None else state.days_left))


def live(columns: Sequence[SheetColumn], campaign: Campaign, as_of: str | None = None,
         today: date | None = None) -> Live:
    """The 整改台账 (ISSUE_COLUMNS) or 工作安排 (TASK_COLUMNS) formulas, judged against the
    cell `as_of`, or against the constant day `today`."""
    deadline, status = ("整改时限", "整改状态") if columns is ISSUE_COLUMNS else ("完成时限", "状态")
    return Live(columns, deadline, status, as_of or _date(today), campaign.meta.date,
                campaign.meta.warn_days)


def column_letter(columns: Sequence[SheetColumn], header: str) -> str:
    return letter([c.header for c in columns].index(header) + 1)


def as_of_note(today: date) -> Formula:
    """Row 2 of 统计 and 工作安排: 「统计截至：2022年4月20日」 read from the 整改台账 sheet."""
    a = AS_OF_CELL
    return Formula(f'"{AS_OF_LABEL}"&YEAR({a})&"年"&MONTH({a})&"月"&DAY({a})&"日"',
                   AS_OF_LABEL + format_date(today))


def ledger_workbook(campaign: Campaign, assessment: Assessment) -> bytes:
    """整改台账.xlsx with sheets 整改台账, 统计 and 工作安排."""
    title = f"{campaign.meta.campaign}问题整改台账"
    note = as_of_note(assessment.today)
    issues = issue_sheet(title, None, SUBTITLE, campaign.issues, assessment,
                         live(ISSUE_COLUMNS, campaign, as_of=f"${letter(AS_OF_COL)}${AS_OF_ROW}"))
    stats = _stats_sheet(f"{campaign.meta.campaign}问题整改情况统计", note, assessment,
                         issues.last_row, earlier_rounds(campaign, assessment.today))
    tasks_live = live(TASK_COLUMNS, campaign, as_of=AS_OF_CELL)
    tasks = _table_sheet(TASKS_SHEET, f"{campaign.meta.campaign}工作安排", note, SUBTITLE,
                         TASK_COLUMNS, ((t, tasks_live.cells(t.due, s)) for t, s in
                                        zip(campaign.tasks, assessment.task_states, strict=True)))
    return workbook_bytes([issues, stats, tasks], title, assessment.today, formulas=True)


def issue_sheet(title: str, note: str | None, note_style: str, issues: Iterable[Issue],
                assessment: Assessment, formulas: Live, editable: bool = False,
                note_height: float | None = None) -> Sheet:
    """The 整改台账 sheet: title, a note line, header on row 3, one row per issue.

    Shared by the master ledger (`note` None: row 2 holds the 统计截至 date the formulas
    read) and the department copies (`editable`: the columns a department fills in are
    unlocked and yellow)."""
    items = ((issue, formulas.cells(issue.deadline, assessment.issue_states[issue.key]))
             for issue in issues)
    sheet = _table_sheet(LEDGER_SHEET, title, note, note_style, ISSUE_COLUMNS, items, editable,
                         note_height, as_of=assessment.today)
    if sheet.last_row > HEADER_ROW:
        status = column_letter(ISSUE_COLUMNS, "整改状态")
        sheet.choices_ref = f"{status}{HEADER_ROW + 1}:{status}{sheet.last_row}"
    return sheet


def as_of_row(today: date, visible: int) -> tuple[list, list[str], list[str]]:
    """Row 2 of the 整改台账 sheet: its values from column A, their styles, and the merged
    ranges — 「统计截至：」 over A:B, the date in C (yellow: it may be changed), a hint after."""
    values = [AS_OF_LABEL, None, today, AS_OF_HINT]
    styles = [SUBTITLE, SUBTITLE, DATE + EDITABLE, SUBTITLE]
    merges = [f"A{AS_OF_ROW}:B{AS_OF_ROW}", f"D{AS_OF_ROW}:{letter(visible)}{AS_OF_ROW}"]
    return values, styles, merges


def _table_sheet(name: str, title: str, note: str | Formula | None, note_style: str,
                 columns: Sequence[SheetColumn], items, editable: bool = False,
                 note_height: float | None = None, as_of: date | None = None) -> Sheet:
    """Title and note rows merged over the visible columns (`note` None: the 统计截至 row
    for the day `as_of`), the table, then the frozen and filtered header, 状态灯 colours and
    print setup every table sheet has."""
    visible = sum(not c.hidden for c in columns)
    sheet = Sheet(name)
    sheet.title(1, title, TITLE, visible, TITLE_HEIGHT)
    if note is None:
        values, styles, merges = as_of_row(as_of, visible)
        sheet.row(AS_OF_ROW, cells(AS_OF_ROW, values, list(map(xf, styles))), note_height)
        sheet.merges.extend(merges)
    else:
        sheet.title(2, note, note_style, visible, note_height)
    last = sheet.table(columns, items, HEADER_ROW, editable)
    sheet.frozen_rows = HEADER_ROW
    sheet.filter_ref = f"A{HEADER_ROW}:{letter(len(columns))}{last}"
    if last > HEADER_ROW:
        light = column_letter(columns, "状态灯")
        sheet.light_ref = f"{light}{HEADER_ROW + 1}:{light}{last}"
    sheet.title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    return sheet


# -- 统计 ------------------------------------------------------------------------------------

FIGURES = ("问题总数", "已完成", "整改中", "未启动", "长期坚持", "已超期", "临期")


def _figures(s: DeptStats) -> list[int]:
    return [s.total, s.done, s.in_progress, s.not_started, s.ongoing, s.overdue, s.due_soon]


def _stat_columns(group: str, width: float) -> tuple[SheetColumn, ...]:
    """Columns over prepared rows (`stat_rows`); `group` names the first column
    (责任部门/问题类别), which both tables share and so is as wide as the longer needs."""
    return (SheetColumn(group, itemgetter(0), width, TEXT),
            *(SheetColumn(h, itemgetter(i), 10, NUMBER) for i, h in enumerate(FIGURES, 1)),
            SheetColumn("完成率", itemgetter(len(FIGURES) + 1), 10, PERCENT))


def _criteria(group: str, name: str, status: str, light: str) -> dict[str, str]:
    """Each figure's formula for one group: COUNTIFS over the ledger's columns."""
    def n(*more: str) -> str:
        return f"COUNTIFS({group},{name}{''.join(',' + m for m in more)})"

    def q(s: Status | Light, op: str = "") -> str:
        return f'"{op}{s.value}"'

    return {
        "问题总数": n(),
        "已完成": n(status, q(Status.DONE)) + "+" + n(status, q(Status.CLOSED)),
        "整改中": n(status, q(Status.IN_PROGRESS)),
        "未启动": n(status, q(Status.NOT_STARTED)),
        "长期坚持": n(status, q(Status.ONGOING)),
        "已超期": n(light, q(Light.RED)),
        "临期": n(light, q(Light.YELLOW), status, q(Status.DONE, "<>"), status,
                q(Status.CLOSED, "<>")),
    }


_NOT_A_NAME = re.compile(r"[\s\d.,:/+\-%$()年月日eE]*|true|false", re.IGNORECASE)


def countable(names: Sequence[str]) -> list[bool]:
    """For each group name as written in the sheet: does COUNTIFS with it as the criterion
    count exactly the rows holding it? (No wildcard or comparison characters, nothing that
    reads as a number, date or truth value, no other name equal to it ignoring case.)"""
    folded = Counter(n.casefold() for n in names)
    return [bool(n) and len(n) <= 200 and not any(c in n for c in "*?~")
            and n[0] not in "<>=" and not _NOT_A_NAME.fullmatch(n) and folded[n.casefold()] == 1
            for n in names]


def stat_rows(stats: list[DeptStats], header_row: int, group_header: str,
              issue_last: int) -> list[list]:
    """The rows of one 统计 table (its groups, then 合计): the group's name, then each
    figure as a `Formula` over the 整改台账 sheet with its value, or the value alone."""
    names = [clean_text(s.department) for s in stats]
    ok = countable(names) if issue_last > HEADER_ROW else [False] * len(stats)
    sheet = "'" + LEDGER_SHEET + "'!"

    def rng(header: str) -> str:
        col = column_letter(ISSUE_COLUMNS, header)
        return f"{sheet}${col}${HEADER_ROW + 1}:${col}${issue_last}"

    group, status, light = rng(group_header), rng("整改状态"), rng("状态灯")
    done, total = letter(3), letter(2)
    rows = []
    for r, (s, name, exact) in enumerate(zip(stats, names, ok), header_row + 1):
        values = _figures(s)
        if exact:
            formulas = _criteria(group, f"$A{r}", status, light)
            values = [Formula(formulas[h], v) for h, v in zip(FIGURES, values)]
        rate = Formula(f"IF({total}{r}=0,0,{done}{r}/{total}{r})", s.rate)
        rows.append([name, *values, rate])
    r = header_row + len(stats) + 1
    everything = stats_total(stats)
    sums = _figures(everything)
    if stats:
        sums = [Formula(f"SUM({letter(c)}{header_row + 1}:{letter(c)}{r - 1})", v)
                for c, v in enumerate(sums, 2)]
    rate = Formula(f"IF({total}{r}=0,0,{done}{r}/{total}{r})", everything.rate)
    return [*rows, ["合计", *sums, rate]]


def stats_layout(assessment: Assessment) -> tuple[float, int]:
    """The width of the group column and the header row of the second (问题类别) table."""
    groups = [s.department for s in (*assessment.departments, *assessment.categories)]
    width = min(30, max(map(text_width, ["责任部门", *groups])) + 2)
    return width, HEADER_ROW + len(assessment.departments) + 1 + 2


def _stats_sheet(title: str, note: Formula, assessment: Assessment, issue_last: int,
                 rounds: Sequence[Round] = ()) -> Sheet:
    """Per 责任部门, then per 问题类别 below it, each with a 合计 row; a bar chart of the
    departments' completion rates to the right."""
    width, second = stats_layout(assessment)
    sheet = Sheet(STATS_SHEET)
    visible = len(FIGURES) + 2
    sheet.title(1, title, TITLE, visible, TITLE_HEIGHT)
    sheet.title(2, note, SUBTITLE, visible)
    for group, stats, header in (("责任部门", assessment.departments, HEADER_ROW),
                                 ("问题类别", assessment.categories, second)):
        rows = stat_rows(stats, header, group, issue_last)
        sheet.table(_stat_columns(group, width), [(row,) for row in rows], header, total=True)
    if assessment.departments:
        sheet.charts.append(rate_chart(len(assessment.departments)))
    if rounds:
        third = trend_row(assessment)
        widths, hidden = sheet.widths, sheet.hidden  # the trend's 4 columns keep theirs
        rows = trend_rows(rounds, assessment, third)
        sheet.table(trend_columns(width), [(row,) for row in rows], third)
        sheet.widths, sheet.hidden = widths, hidden
        sheet.charts.append(trend_chart(third, len(rows)))
    return sheet


# -- 完成率 by round ---------------------------------------------------------------------------

TREND = ("统计截至", "问题总数", "已完成", "完成率")


def trend_row(assessment: Assessment) -> int:
    """The header row of the trend table, below the 问题类别 table."""
    return stats_layout(assessment)[1] + len(assessment.categories) + 1 + 2


def trend_columns(width: float) -> tuple[SheetColumn, ...]:
    return (SheetColumn(TREND[0], itemgetter(0), width, CENTER),
            SheetColumn(TREND[1], itemgetter(1), 10, NUMBER),
            SheetColumn(TREND[2], itemgetter(2), 10, NUMBER),
            SheetColumn(TREND[3], itemgetter(3), 10, PERCENT))


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def trend_rows(rounds: Sequence[Round], assessment: Assessment, header_row: int) -> list[list]:
    """One row per earlier round (its day, figures as they stood), then this round, whose
    figures are the 合计 of the 责任部门 table and whose day is the 统计截至 cell — so the
    last bar follows an edit of the ledger like every other figure."""
    rows: list[list] = [[_md(r.day), r.total, r.done, r.rate] for r in rounds]
    total = stats_total(assessment.departments)
    sums = HEADER_ROW + len(assessment.departments) + 1
    r = header_row + len(rows) + 1
    a = AS_OF_CELL
    rows.append([Formula(f'MONTH({a})&"月"&DAY({a})&"日"', _md(assessment.today)),
                 Formula(f"B{sums}", total.total), Formula(f"C{sums}", total.done),
                 Formula(f"IF(B{r}=0,0,C{r}/B{r})", total.rate)])
    return rows


def trend_chart(header_row: int, n: int) -> Chart:
    """Upright bars, rounds left to right."""
    first, last = header_row + 1, header_row + n
    rate = letter(len(TREND))
    sheet = "'" + STATS_SHEET + "'!"
    return Chart(title="整改完成率（按轮次）", series_name=f"{sheet}${rate}${header_row}",
                 names=f"{sheet}$A${first}:$A${last}", values=f"{sheet}${rate}${first}:${rate}${last}",
                 anchor_col=len(TREND) + 1, anchor_row=header_row - 1, width_cm=max(10, 2.2 * n + 4),
                 height_cm=7.5, columns=True)


def rate_chart(departments: int) -> Chart:
    """Horizontal bars, departments top to bottom in table order, rates as percentages."""
    first, last = HEADER_ROW + 1, HEADER_ROW + departments
    rate = letter(len(FIGURES) + 2)
    sheet = "'" + STATS_SHEET + "'!"
    return Chart(title="各部门整改完成率", series_name=f"{sheet}${rate}${HEADER_ROW}",
                 names=f"{sheet}$A${first}:$A${last}", values=f"{sheet}${rate}${first}:${rate}${last}",
                 anchor_col=len(FIGURES) + 3, anchor_row=HEADER_ROW - 1, width_cm=16,
                 height_cm=max(7.5, 0.8 * departments + 3))
