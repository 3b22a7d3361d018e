"""整改台账.xlsx: the rectification ledger, its statistics and the work schedule, as of one day.

Values, not formulas. 状态灯 and 剩余天数 are written as they stood on `assessment.today`,
the day the ledger reports on: a TODAY() formula would make the file say something different
each day it is opened, disagree with 整改台账.docx built from the same data, and break
byte-identical builds. The colours are conditional formatting keyed on the 状态灯 *text*, so
they follow the value when rows are sorted, filtered or retyped.

The 统计 figures are values too. openpyxl cannot store a formula's cached result, so a COUNTIFS
would read as empty or 0 in anything that does not recalculate (pandas, file previewers, phone
apps). Each figure is defined once in `_stat_columns`; a formula variant belongs there.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Iterable, Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hongtou.model import Assessment, Campaign, DeptStats, Issue, When, WhenKind
from hongtou.rules.dates import format_date
from hongtou.excel.style import (
    CENTER, DATE, NUMBER, PERCENT, SUBTITLE, TEXT, TITLE, Column, add_light_colours,
    add_status_choices, emphasise_row, new_workbook, set_print, text_width, workbook_bytes,
    write_table, write_title,
)

LEDGER_SHEET, STATS_SHEET, TASKS_SHEET = "整改台账", "统计", "工作安排"
HEADER_ROW = 3  # every table sheet: title, subtitle (or instructions), header
TITLE_HEIGHT = 32


def when_value(when: When | None):
    """A single day as a real date (sorts and filters as one); wording such as 3月下旬,
    长期坚持 or 立行立改 as the text typed."""
    if when is None:
        return None
    return when.last if when.kind is WhenKind.DATE else when.text


ISSUE_COLUMNS: tuple[Column, ...] = (
    # At most ~215 width units (~1,570 px): "one page wide" prints A4 landscape at about 2/3.
    Column("序号", lambda i, s: i.seq, 6, NUMBER, fit=True, min_width=4),
    Column("问题类别", lambda i, s: i.category, 12, CENTER, fit=True),
    Column("问题描述", lambda i, s: i.description, 34),
    Column("整改措施", lambda i, s: i.measures, 34),
    Column("责任领导", lambda i, s: i.leader, 10, CENTER, fit=True),
    Column("责任部门", lambda i, s: i.department, 14, CENTER, fit=True),
    Column("责任人", lambda i, s: i.owner, 10, CENTER, fit=True),
    Column("整改时限", lambda i, s: when_value(i.deadline), 15, DATE),
    Column("整改状态", lambda i, s: i.status.value, 10, CENTER, editable=True),
    Column("进展情况", lambda i, s: i.progress, 30, editable=True),
    Column("完成日期", lambda i, s: i.done_date, 15, DATE, editable=True),
    Column("备注", lambda i, s: i.remark, 12, editable=True),
    Column("状态灯", lambda i, s: s.light.value, 7, CENTER),
    Column("剩余天数", lambda i, s: s.days_left, 7, NUMBER),  # empty when done or ongoing
    Column("ID", lambda i, s: i.key, 12, TEXT, hidden=True),  # Issue.key, for merge-back
)

TASK_COLUMNS: tuple[Column, ...] = (
    Column("阶段", lambda t, s: t.phase, 14, CENTER, fit=True),
    Column("工作任务", lambda t, s: t.task, 40),
    Column("责任部门", lambda t, s: t.department, 18, CENTER, fit=True),
    Column("责任人", lambda t, s: t.owner, 12, CENTER, fit=True),
    Column("开始日期", lambda t, s: when_value(t.start), 16, DATE),
    Column("完成时限", lambda t, s: when_value(t.due), 16, DATE),
    Column("成果要求", lambda t, s: t.output, 30),
    Column("状态", lambda t, s: t.status.value, 10, CENTER),
    Column("状态灯", lambda t, s: s.light.value, 8, CENTER),
)


def column_letter(columns: Sequence[Column], header: str) -> str:
    return get_column_letter([c.header for c in columns].index(header) + 1)


def ledger_workbook(campaign: Campaign, assessment: Assessment) -> bytes:
    """整改台账.xlsx with sheets 整改台账, 统计 and 工作安排."""
    title = f"{campaign.meta.campaign}问题整改台账"
    wb = new_workbook(title)
    as_of = "统计截至：" + format_date(assessment.today)
    write_issue_sheet(wb.create_sheet(LEDGER_SHEET), title, as_of, SUBTITLE,
                      campaign.issues, assessment)
    _write_stats_sheet(wb.create_sheet(STATS_SHEET), f"{campaign.meta.campaign}问题整改情况统计",
                       as_of, assessment)
    _write_tasks_sheet(wb.create_sheet(TASKS_SHEET), f"{campaign.meta.campaign}工作安排", as_of,
                       campaign, assessment)
    return workbook_bytes(wb, assessment.today)


def write_issue_sheet(ws: Worksheet, title: str, note: str, note_style: str,
                      issues: Iterable[Issue], assessment: Assessment,
                      editable: bool = False) -> int:
    """The 整改台账 table: title, a note line, header on row 3, one row per issue.

    Shared by the master ledger and the department copies (`editable`: the columns a
    department fills in are unlocked and yellow). Returns the last row."""
    items = ((issue, assessment.issue_states[issue.key]) for issue in issues)
    last = _write_table_sheet(ws, title, note, note_style, ISSUE_COLUMNS, items, editable)
    if last > HEADER_ROW:
        status = column_letter(ISSUE_COLUMNS, "整改状态")
        add_status_choices(ws, f"{status}{HEADER_ROW + 1}:{status}{last}")
    return last


def _write_table_sheet(ws: Worksheet, title: str, note: str, note_style: str,
                       columns: Sequence[Column], items, editable: bool = False) -> int:
    """Title and note rows merged over the visible columns, the table, then the frozen and
    filtered header, 状态灯 colours and print setup every table sheet has."""
    visible = sum(not c.hidden for c in columns)
    write_title(ws, 1, title, TITLE, visible, TITLE_HEIGHT)
    write_title(ws, 2, note, note_style, visible)
    last = write_table(ws, columns, items, HEADER_ROW, editable)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1).coordinate
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last}"
    if last > HEADER_ROW:
        light = column_letter(columns, "状态灯")
        add_light_colours(ws, f"{light}{HEADER_ROW + 1}:{light}{last}")
    set_print(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    return last


def _write_tasks_sheet(ws: Worksheet, title: str, note: str, campaign: Campaign,
                       assessment: Assessment) -> None:
    items = zip(campaign.tasks, assessment.task_states, strict=True)
    _write_table_sheet(ws, title, note, SUBTITLE, TASK_COLUMNS, items)


# -- 统计 ------------------------------------------------------------------------------------


def _stat_columns(group: str, width: float) -> tuple[Column, ...]:
    """One row of figures per DeptStats; `group` names the first column (责任部门/问题类别),
    which both tables share and so is as wide as the longer of them needs."""
    return (
        Column(group, lambda s: s.department, width, TEXT),
        Column("问题总数", lambda s: s.total, 10, NUMBER),
        Column("已完成", lambda s: s.done, 10, NUMBER),
        Column("整改中", lambda s: s.in_progress, 10, NUMBER),
        Column("未启动", lambda s: s.not_started, 10, NUMBER),
        Column("长期坚持", lambda s: s.ongoing, 10, NUMBER),
        Column("已超期", lambda s: s.overdue, 10, NUMBER),
        Column("临期", lambda s: s.due_soon, 10, NUMBER),
        Column("完成率", lambda s: s.rate, 10, PERCENT),
    )


def _total(stats: Iterable[DeptStats]) -> DeptStats:
    """The 合计 row: every count summed (its rate is then done/total overall)."""
    result = DeptStats("合计")
    counts = [f.name for f in fields(DeptStats) if f.name != "department"]
    for row in stats:
        for name in counts:
            setattr(result, name, getattr(result, name) + getattr(row, name))
    return result


def _write_stats_sheet(ws: Worksheet, title: str, note: str, assessment: Assessment) -> None:
    """Per 责任部门, then per 问题类别 below it, each with a 合计 row; a bar chart of the
    departments' completion rates to the right."""
    groups = [s.department for s in (*assessment.departments, *assessment.categories)]
    width = min(30, max(map(text_width, ["责任部门", *groups])) + 2)
    by_department = _stat_columns("责任部门", width)
    visible = len(by_department)
    write_title(ws, 1, title, TITLE, visible, TITLE_HEIGHT)
    write_title(ws, 2, note, SUBTITLE, visible)
    last = _write_stats_table(ws, by_department, assessment.departments, HEADER_ROW)
    _write_stats_table(ws, _stat_columns("问题类别", width), assessment.categories, last + 2)
    set_print(ws)  # two tables and a chart: nothing to repeat
    if assessment.departments:
        rate = [c.header for c in by_department].index("完成率") + 1
        ws.add_chart(_rate_chart(ws, rate, len(assessment.departments)),
                     f"{get_column_letter(visible + 2)}{HEADER_ROW}")


def _write_stats_table(ws: Worksheet, columns, stats: list[DeptStats], header_row: int) -> int:
    """The table with its 合计 row (emphasised); returns the 合计 row."""
    last = write_table(ws, columns, [(s,) for s in [*stats, _total(stats)]], header_row)
    emphasise_row(ws, last, len(columns))
    return last


def _rate_chart(ws: Worksheet, rate_col: int, departments: int) -> BarChart:
    """Horizontal bars, departments top to bottom in table order, rates as percentages."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = "各部门整改完成率"
    chart.legend = None
    first, last = HEADER_ROW + 1, HEADER_ROW + departments
    chart.add_data(Reference(ws, min_col=rate_col, min_row=HEADER_ROW, max_row=last),
                   titles_from_data=True)
    names = Reference(ws, min_col=1, min_row=first, max_row=last)
    chart.series[0].cat = AxDataSource(strRef=StrRef(f=str(names)))  # text, not numbers
    chart.x_axis.scaling.orientation = "maxMin"  # first department at the top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.y_axis.majorGridlines = None
    chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                     showLegendKey=False, showPercent=False)
    chart.dataLabels.numFmt = "0.0%"
    chart.width = 16  # cm
    chart.height = max(7.5, 0.8 * departments + 3)
    return chart
