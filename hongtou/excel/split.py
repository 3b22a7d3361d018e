"""分发/<部门>.xlsx: each department's own rows of the ledger, to fill in and send back.

The sheet is the ledger's 整改台账 sheet (same columns, header on row 3, hidden ID column for
`merge`), with the instructions in row 2. Only 整改状态, 进展情况, 完成日期 and 备注 are
unlocked (and yellow); the sheet is protected *without* a password, so it guards against
slips, not against a determined user, and nobody is ever locked out of their own file. The
workbook's structure is locked too: `merge` finds the sheet by its name.

A hidden sheet 分发信息 says whose file it is: the campaign (`campaign_id`: 发文字号 and
活动名称), the department and the as-of day. `merge` refuses a file of another campaign and
takes the department from it, whatever the file is called.

Everything but the sheet, the title and the defined names is the same in all thousand
workbooks, and is deflated once (`sheetxml.workbook_bytes`).
"""

from __future__ import annotations

from datetime import date

from hongtou.excel.common import DATE, NOTE, TEXT
from hongtou.excel.ledger import ISSUE_COLUMNS, issue_sheet, live
from hongtou.excel.sheetxml import Sheet, cells, workbook_bytes, xf
from hongtou.model import Assessment, Campaign, Issue
from hongtou.rounds import campaign_id

INSTRUCTIONS = ("请只填写黄色单元格（整改状态、进展情况、完成日期、备注），其他内容请勿改动。"
                "填好后交回办公室。")
INSTRUCTIONS_HEIGHT = 24  # merged cells are never auto-fitted; this stands out a little


IDENTITY_SHEET = "分发信息"
CAMPAIGN, DEPARTMENT, AS_OF = "活动标识", "责任部门", "统计截至"
IDENTITY_NOTE = ("说明", "本表供合并时核对来源（哪次活动、哪个部门），请勿改动")


def identity_rows(campaign: Campaign, department: str, today: date) -> list[tuple]:
    """The 分发信息 sheet, row by row: (what, value)."""
    return [(CAMPAIGN, campaign_id(campaign.meta)), (DEPARTMENT, department), (AS_OF, today),
            IDENTITY_NOTE]


def identity_sheet(campaign: Campaign, department: str, today: date) -> Sheet:
    sheet = Sheet(IDENTITY_SHEET, state="hidden")
    for r, (what, value) in enumerate(identity_rows(campaign, department, today), 1):
        sheet.row(r, cells(r, [what, value], [xf(TEXT), xf(DATE if r == 3 else TEXT)]))
    sheet.widths, sheet.hidden, sheet.last_col = [12, 60], [False, False], 2
    sheet.protected = True
    return sheet


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
    return workbook_bytes([sheet, identity_sheet(campaign, department, assessment.today)],
                          title, assessment.today, lock_structure=True, formulas=True)
