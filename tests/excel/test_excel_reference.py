"""The fast workbooks (SpreadsheetML written as text) against the reference build with plain
openpyxl (`hongtou.excel.reference`): both opened with openpyxl, every cell and every sheet
property compared, on the sample and on a campaign full of awkward text."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from excel_samples import many, sample
from hongtou.excel import department_workbooks, ledger_workbook, reference

AWKWARD = {
    "Q1": {"description": "=1+1", "remark": "-已完成", "progress": "@张三",
           "measures": "a < b & c > d \"引号\" 'single'"},
    "Q2": {"description": "  前后有空格  ", "remark": "第一行\x0b第二行\r\n第三行",
           "owner": "王五、赵六"},
    "Q3": {"description": "控制\x01字符\x1f", "progress": "+5%",
           "measures": "很长的整改措施，" * 40},
    "Q4": {"category": "", "leader": "", "owner": ""},
    "Q5": {"done_date": date(2022, 3, 1), "remark": "\t制表"},
}


def cell_facts(c) -> tuple:
    colour = (c.fill.fgColor.rgb or "")[-6:] if c.fill.fill_type else ""
    return (c.value, c.data_type, c.number_format, c.font.name, c.font.sz, bool(c.font.b),
            (c.font.color.rgb or "")[-6:] if c.font.color is not None and
            isinstance(c.font.color.rgb, str) else "",
            c.fill.fill_type, colour,
            tuple(getattr(getattr(c.border, e), "style", None)
                  for e in ("left", "right", "top", "bottom")),
            c.alignment.horizontal, c.alignment.vertical, bool(c.alignment.wrap_text),
            c.protection.locked, bool(c.quotePrefix), c.style)


def sheet_facts(ws) -> dict:
    dims = {k: (round(d.width, 2), bool(d.hidden)) for k, d in ws.column_dimensions.items()
            if d.customWidth or d.hidden}
    rules = [(str(cf.sqref), [(r.type, r.operator, r.formula, r.dxf.fill.fgColor.rgb[-6:],
                               r.dxf.font.color.rgb[-6:]) for r in cf.rules])
             for cf in ws.conditional_formatting]
    validations = [(str(v.sqref), v.type, v.formula1, v.allow_blank, v.showErrorMessage,
                    v.errorTitle, v.error, v.showInputMessage, v.promptTitle, v.prompt)
                   for v in ws.data_validations.dataValidation]
    p = ws.protection
    charts = [(c.tagname, [(s.val.numRef.f, s.cat.strRef.f if s.cat.strRef else None)
                           for s in c.series], c.x_axis.scaling.orientation)
              for c in ws._charts]
    return {
        "size": (ws.max_row, ws.max_column),
        "columns": dims,
        "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "print_titles": ws.print_title_rows,
        "page": (ws.page_setup.orientation, str(ws.page_setup.paperSize),
                 ws.page_setup.fitToWidth, ws.page_setup.fitToHeight,
                 ws.sheet_properties.pageSetUpPr.fitToPage, ws.print_options.horizontalCentered,
                 ws.page_margins.left, ws.page_margins.top, ws.oddFooter.center.text),
        "protection": (p.sheet, p.password, p.formatColumns, p.formatRows, p.autoFilter,
                       p.selectLockedCells, p.selectUnlockedCells, p.formatCells, p.sort),
        "rules": rules,
        "validations": validations,
        "charts": charts,
    }


def assert_same_workbook(fast: bytes, slow: bytes) -> None:
    a, b = (openpyxl.load_workbook(io.BytesIO(x)) for x in (fast, slow))
    assert a.sheetnames == b.sheetnames
    assert (a.properties.title, a.properties.creator, a.properties.created) == \
        (b.properties.title, b.properties.creator, b.properties.created)
    assert bool(a.security and a.security.lockStructure) == \
        bool(b.security and b.security.lockStructure)
    for name in a.sheetnames:
        wa, wb_ = a[name], b[name]
        assert sheet_facts(wa) == sheet_facts(wb_), name
        for ra, rb in zip(wa.iter_rows(), wb_.iter_rows(), strict=True):
            for ca, cb in zip(ra, rb, strict=True):
                assert cell_facts(ca) == cell_facts(cb), (name, ca.coordinate)


@pytest.mark.parametrize("overrides", [{}, AWKWARD], ids=["sample", "awkward"])
def it_writes_the_ledger_the_reference_writes(overrides):
    c, a = sample(**overrides)
    assert_same_workbook(ledger_workbook(c, a), reference.ledger_workbook(c, a))


@pytest.mark.parametrize("overrides", [{}, AWKWARD], ids=["sample", "awkward"])
def it_writes_the_department_copies_the_reference_writes(overrides):
    c, a = sample(**overrides)
    fast, slow = department_workbooks(c, a), reference.department_workbooks(c, a)
    assert list(fast) == list(slow)
    for department in fast:
        assert_same_workbook(fast[department], slow[department])


def it_agrees_on_a_larger_campaign():
    c, a = many(300)
    assert_same_workbook(ledger_workbook(c, a), reference.ledger_workbook(c, a))
    fast, slow = department_workbooks(c, a), reference.department_workbooks(c, a)
    assert_same_workbook(fast["部门03"], slow["部门03"])


def it_handles_a_campaign_without_issues_like_the_reference():
    c, a = sample()
    c.issues, a.issue_states, a.departments, a.categories = [], {}, [], []
    assert_same_workbook(ledger_workbook(c, a), reference.ledger_workbook(c, a))
