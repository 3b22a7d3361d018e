"""分发/<部门>.xlsx: each department's own rows of the ledger, to fill in and send back.

The sheet is the ledger's 整改台账 sheet (same columns, header on row 3, hidden ID column for
`merge`), with the instructions in row 2. Only 整改状态, 进展情况, 完成日期 and 备注 are
unlocked (and yellow); the sheet is protected *without* a password, so it guards against
slips, not against a determined user, and nobody is ever locked out of their own file.
"""

from __future__ import annotations

from openpyxl.workbook.protection import WorkbookProtection

from hongtou.model import Assessment, Campaign, Issue
from hongtou.excel.ledger import LEDGER_SHEET, write_issue_sheet
from hongtou.excel.style import NOTE, new_workbook, workbook_bytes

INSTRUCTIONS = ("请只填写黄色单元格（整改状态、进展情况、完成日期、备注），其他内容请勿改动。"
                "填好后交回办公室。")
INSTRUCTIONS_HEIGHT = 24  # merged cells are never auto-fitted; this stands out a little


def department_workbooks(campaign: Campaign, assessment: Assessment) -> dict[str, bytes]:
    """One workbook per 责任部门 (keyed by the name exactly as in the data), in the order the
    departments first appear."""
    groups: dict[str, list[Issue]] = {}
    for issue in campaign.issues:
        groups.setdefault(issue.department, []).append(issue)
    return {department: _department_workbook(campaign, assessment, department, issues)
            for department, issues in groups.items()}


def _department_workbook(campaign: Campaign, assessment: Assessment, department: str,
                         issues: list[Issue]) -> bytes:
    title = f"{campaign.meta.campaign}问题整改台账（{department}）"
    wb = new_workbook(title)
    ws = wb.create_sheet(LEDGER_SHEET)
    write_issue_sheet(ws, title, INSTRUCTIONS, NOTE, issues, assessment, editable=True)
    ws.row_dimensions[2].height = INSTRUCTIONS_HEIGHT
    # Protected without a password. Selecting, filtering and resizing stay allowed (in
    # openpyxl's SheetProtection, False means "not protected", i.e. allowed).
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    wb.security = WorkbookProtection(lockStructure=True)  # `merge` finds the sheet by name
    return workbook_bytes(wb, assessment.today)
