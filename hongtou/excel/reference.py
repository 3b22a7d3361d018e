"""The reference build of hongtou's workbooks with plain openpyxl (cell objects, named styles,
openpyxl's writer): slow, but written with the library everyone knows.

`ledger.ledger_workbook` and `split.department_workbooks` write the same workbooks as
SpreadsheetML text, ~20× faster. This module is what they are checked against: the tests
open both with openpyxl and compare every cell (value, number format, font, fill, border,
alignment, protection) and every sheet property, and `bench/run.py` times its reference
build with it. openpyxl cannot store a formula's cached value, so here the 统计 formulas
carry none (a reader that does not recalculate sees them empty); the formulas are the same.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet

from hongtou.excel.common import NOTE, SUBTITLE, TITLE, SheetColumn
from hongtou.excel.ledger import (
    AS_OF_CELL, FIGURES, HEADER_ROW, ISSUE_COLUMNS, LEDGER_SHEET, STATS_SHEET, TASK_COLUMNS,
    TASKS_SHEET, TITLE_HEIGHT, TREND, Live, _stat_columns, as_of_note, as_of_row, column_letter,
    live, rate_chart, stat_rows, stats_layout, trend_chart, trend_columns, trend_row, trend_rows,
)
from hongtou.rounds import Round, earlier_rounds
from hongtou.excel.sheetxml import Chart, Formula
from hongtou.excel.common import DATE, FORMULA_LEADS, TEXT, cell_value
from hongtou.excel.split import (
    IDENTITY_SHEET, INSTRUCTIONS, INSTRUCTIONS_HEIGHT, SNAPSHOT_COLUMNS, SNAPSHOT_NOTE,
    SNAPSHOT_SHEET, identity_rows, issues_by_department,
)
from hongtou.excel.style import (
    add_light_colours, add_status_choices, emphasise_row, new_workbook, openpyxl_bytes,
    set_print, write_table, write_title,
)
from hongtou.model import Assessment, Campaign, Issue


def ledger_workbook(campaign: Campaign, assessment: Assessment) -> bytes:
    """整改台账.xlsx with sheets 整改台账, 统计 and 工作安排."""
    title = f"{campaign.meta.campaign}问题整改台账"
    wb = new_workbook(title)
    note = "=" + as_of_note(assessment.today).expr
    write_issue_sheet(wb.create_sheet(LEDGER_SHEET), title, None, SUBTITLE,
                      campaign.issues, assessment, live(ISSUE_COLUMNS, campaign, as_of="$C$2"))
    _write_stats_sheet(wb.create_sheet(STATS_SHEET), f"{campaign.meta.campaign}问题整改情况统计",
                       note, assessment, HEADER_ROW + len(campaign.issues),
                       earlier_rounds(campaign, assessment.today))
    formulas = live(TASK_COLUMNS, campaign, as_of=AS_OF_CELL)
    items = ((t, formulas.cells(t.due, s))
             for t, s in zip(campaign.tasks, assessment.task_states, strict=True))
    _write_table_sheet(wb.create_sheet(TASKS_SHEET), f"{campaign.meta.campaign}工作安排", note,
                       SUBTITLE, TASK_COLUMNS, items)
    return openpyxl_bytes(wb, assessment.today)


def department_workbooks(campaign: Campaign, assessment: Assessment) -> dict[str, bytes]:
    return {department: _department_workbook(campaign, assessment, department, issues)
            for department, issues in issues_by_department(campaign).items()}


def _department_workbook(campaign: Campaign, assessment: Assessment, department: str,
                         issues: list[Issue]) -> bytes:
    title = f"{campaign.meta.campaign}问题整改台账（{department}）"
    wb = new_workbook(title)
    ws = wb.create_sheet(LEDGER_SHEET)
    write_issue_sheet(ws, title, INSTRUCTIONS, NOTE, issues, assessment,
                      live(ISSUE_COLUMNS, campaign, today=assessment.today), editable=True)
    ws.row_dimensions[2].height = INSTRUCTIONS_HEIGHT
    # Protected without a password. Selecting, filtering and resizing stay allowed (in
    # openpyxl's SheetProtection, False means "not protected", i.e. allowed).
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    wb.security = WorkbookProtection(lockStructure=True)  # `merge` finds the sheet by name
    who = wb.create_sheet(IDENTITY_SHEET)
    for r, (what, value) in enumerate(identity_rows(campaign, department, assessment.today,
                                                    len(issues)), 1):
        who.cell(r, 1, what).style = TEXT
        who.cell(r, 2, value).style = DATE if r == 3 else TEXT
    who.column_dimensions["A"].width, who.column_dimensions["B"].width = 12, 60
    sent = wb.create_sheet(SNAPSHOT_SHEET)
    sent.cell(1, 1, SNAPSHOT_NOTE).style = TEXT
    for c, column in enumerate(SNAPSHOT_COLUMNS, 1):
        sent.cell(2, c, column.header).style = TEXT
    for r, issue in enumerate(issues, 3):
        for c, column in enumerate(SNAPSHOT_COLUMNS, 1):
            value = cell_value(column.value(issue, None))
            cell = sent.cell(r, c, value)
            cell.style = column.style
            if isinstance(value, str) and value[:1] in FORMULA_LEADS:
                cell.data_type, cell.quotePrefix = "s", True
    for ws in (who, sent):
        ws.sheet_state = "hidden"
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = False
        ws.protection.autoFilter = False
        set_print(ws)
    return openpyxl_bytes(wb, assessment.today)


def write_issue_sheet(ws: Worksheet, title: str, note: str | None, note_style: str,
                      issues: Iterable[Issue], assessment: Assessment, formulas: Live,
                      editable: bool = False) -> int:
    items = ((issue, formulas.cells(issue.deadline, assessment.issue_states[issue.key]))
             for issue in issues)
    last = _write_table_sheet(ws, title, note, note_style, ISSUE_COLUMNS, items, editable,
                              assessment.today)
    if last > HEADER_ROW:
        status = column_letter(ISSUE_COLUMNS, "整改状态")
        add_status_choices(ws, f"{status}{HEADER_ROW + 1}:{status}{last}")
    return last


def _write_table_sheet(ws: Worksheet, title: str, note: str | None, note_style: str,
                       columns: Sequence[SheetColumn], items, editable: bool = False,
                       as_of: date | None = None) -> int:
    visible = sum(not c.hidden for c in columns)
    write_title(ws, 1, title, TITLE, visible, TITLE_HEIGHT)
    if note is None:  # the 统计截至 row the formulas read
        values, styles, merges = as_of_row(as_of, visible)
        for col, (value, style) in enumerate(zip(values, styles), 1):
            cell = ws.cell(2, col, value)
            cell.style = style
        for ref in merges:
            ws.merge_cells(ref)
    else:
        write_title(ws, 2, note, note_style, visible)
    last = write_table(ws, columns, items, HEADER_ROW, editable)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1).coordinate
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last}"
    if last > HEADER_ROW:
        light = column_letter(columns, "状态灯")
        add_light_colours(ws, f"{light}{HEADER_ROW + 1}:{light}{last}")
    set_print(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    return last


def _write_stats_sheet(ws: Worksheet, title: str, note: str, assessment: Assessment,
                       issue_last: int, rounds: Sequence[Round] = ()) -> None:
    width, second = stats_layout(assessment)
    visible = len(FIGURES) + 2
    write_title(ws, 1, title, TITLE, visible, TITLE_HEIGHT)
    write_title(ws, 2, note, SUBTITLE, visible)
    for group, stats, header in (("责任部门", assessment.departments, HEADER_ROW),
                                 ("问题类别", assessment.categories, second)):
        rows = stat_rows(stats, header, group, issue_last)
        plain = [[v.value if isinstance(v, Formula) else v for v in row] for row in rows]
        last = write_table(ws, _stat_columns(group, width), [(row,) for row in plain], header)
        emphasise_row(ws, last, visible)
        for r, row in enumerate(rows, header + 1):
            for c, value in enumerate(row, 1):
                if isinstance(value, Formula):
                    ws.cell(r, c).value = "=" + value.expr
    set_print(ws)  # two tables and a chart: nothing to repeat
    if assessment.departments:
        ws.add_chart(_rate_chart(ws, rate_chart(len(assessment.departments))),
                     f"{get_column_letter(visible + 2)}{HEADER_ROW}")
    if rounds:
        third = trend_row(assessment)
        rows = trend_rows(rounds, assessment, third)
        write_table(ws, trend_columns(width), [(row,) for row in rows], third)
        ws.add_chart(_rate_chart(ws, trend_chart(third, len(rows))),
                     f"{get_column_letter(len(TREND) + 2)}{third}")


def _rate_chart(ws: Worksheet, spec: Chart) -> BarChart:
    """openpyxl's chart for what `ledger` describes in `spec` (title, ranges, size, bars)."""
    chart = BarChart()
    chart.type = "col" if spec.columns else "bar"
    chart.style = 10
    chart.title = spec.title
    chart.legend = None
    head, values = spec.series_name.split("!")[1], spec.values.split("!")[1]
    col = column_index_from_string(head.split("$")[1])
    header, last = int(head.split("$")[2]), int(values.split("$")[-1])
    chart.add_data(Reference(ws, min_col=col, min_row=header, max_row=last),
                   titles_from_data=True)
    names = Reference(ws, min_col=1, min_row=header + 1, max_row=last)
    chart.series[0].cat = AxDataSource(strRef=StrRef(f=str(names)))  # text, not numbers
    # first department at the top; rounds left to right
    chart.x_axis.scaling.orientation = "minMax" if spec.columns else "maxMin"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.y_axis.majorGridlines = None
    chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                     showLegendKey=False, showPercent=False)
    chart.dataLabels.numFmt = "0.0%"
    chart.width = spec.width_cm
    chart.height = spec.height_cm
    return chart
