"""分发/<部门>.xlsx: each department's own rows of the ledger, to fill in and send back.

The sheet is the ledger's 整改台账 sheet (same columns, header on row 3, hidden ID column for
`merge`), with the instructions in row 2. Only 整改状态, 进展情况, 完成日期 and 备注 are
unlocked (and yellow); the sheet is protected *without* a password, so it guards against
slips, not against a determined user, and nobody is ever locked out of their own file. The
workbook's structure is locked too: `merge` finds the sheet by its name.

Everything but the sheet, the title and the defined names is the same in all thousand
workbooks, and is deflated once (`sheetxml.workbook_bytes`).
"""

from __future__ import annotations

from hongtou.excel.common import NOTE
from hongtou.excel.ledger import ISSUE_COLUMNS, issue_sheet, live
from hongtou.excel.sheetxml import workbook_bytes
from hongtou.model import Assessment, Campaign, Issue

INSTRUCTIONS = ("请只填写黄色单元格（整改状态、进展情况、完成日期、备注），其他内容请勿改动。"
                "填好后交回办公室。")
INSTRUCTIONS_HEIGHT = 24  # merged cells are never auto-fitted; this stands out a little


def issues_by_department(campaign: Campaign) -> dict[str, list[Issue]]:
    """责任部门 (exactly as in the data) → its issues, in the order departments first appear."""
    groups: dict[str, list[Issue]] = {}
    for issue in campaign.issues:
        groups.setdefault(issue.department, []).append(issue)
    return groups


def department_workbooks(campaign: Campaign, assessment: Assessment) -> dict[str, bytes]:
    """One workbook per 责任部门 (keyed by the name exactly as in the data), in the order the
    departments first appear."""
    return {department: department_workbook(campaign, assessment, department, issues)
            for department, issues in issues_by_department(campaign).items()}


def department_workbook(campaign: Campaign, assessment: Assessment, department: str,
                        issues: list[Issue]) -> bytes:
    title = f"{campaign.meta.campaign}问题整改台账（{department}）"
    sheet = issue_sheet(title, INSTRUCTIONS, NOTE, issues, assessment,
                        live(ISSUE_COLUMNS, campaign, today=assessment.today), editable=True,
                        note_height=INSTRUCTIONS_HEIGHT)
    sheet.protected = True
    return workbook_bytes([sheet], title, assessment.today, lock_structure=True, formulas=True)
