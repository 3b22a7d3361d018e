"""分发/<部门>.xlsx: each department's own rows of the ledger, to fill in and send back.

The sheet is the ledger's 整改台账 sheet (same columns, header on row 3, hidden ID column for
`merge`), with the instructions in row 2. Only 整改状态, 进展情况, 完成日期 and 备注 are
unlocked (and yellow); the sheet is protected *without* a password, so it guards against
slips, not against a determined user, and nobody is ever locked out of their own file. The
workbook's structure is locked too: `merge` finds the sheet by its name.

A hidden sheet 分发信息 says whose file it is: the campaign (`campaign_id`: 发文字号 and
活动名称), the department and the as-of day. `merge` refuses a file of another campaign and
takes the department from it, whatever the file is called. A second hidden sheet 下发内容
holds every row as it was sent (by ID, every column a department sees): `merge` compares a
returned cell with it to tell what the department changed from what it left alone, whatever
the secretary changed in the master since.

Everything but the sheet, the title and the defined names is the same in all thousand
workbooks, and is deflated once (`sheetxml.workbook_bytes`).
"""

from __future__ import annotations

from datetime import date

from hongtou.excel.common import DATE, NOTE, TEXT
from hongtou.excel.ledger import DERIVED, ISSUE_COLUMNS, issue_sheet, live
from hongtou.excel.sheetxml import Sheet, cells, workbook_bytes, xf
from hongtou.model import Assessment, Campaign, Issue
from hongtou.rounds import campaign_id

INSTRUCTIONS = ("请只填写黄色单元格（整改状态、进展情况、完成日期、备注），其他内容请勿改动。"
                "填好后交回办公室。")
INSTRUCTIONS_HEIGHT = 24  # merged cells are never auto-fitted; this stands out a little


IDENTITY_SHEET = "分发信息"
CAMPAIGN, DEPARTMENT, AS_OF, SENT_ROWS = "活动标识", "责任部门", "统计截至", "下发行数"
IDENTITY_NOTE = ("说明", "本表供合并时核对来源（哪次活动、哪个部门），请勿改动")

SNAPSHOT_SHEET = "下发内容"
SNAPSHOT_NOTE = "本表是下发时各行的内容，合并时据此判断交回的表改了哪些格，请勿改动"
# ID first, then every column the department sees (the formulas are not typed, so not kept)
SNAPSHOT_COLUMNS = tuple(sorted((c for c in ISSUE_COLUMNS if c.header not in DERIVED),
                                key=lambda c: c.header != "ID"))


def identity_rows(campaign: Campaign, department: str, today: date, sent: int) -> list[tuple]:
    """The 分发信息 sheet, row by row: (what, value); `sent`: the rows of 下发内容."""
    return [(CAMPAIGN, campaign_id(campaign.meta)), (DEPARTMENT, department), (AS_OF, today),
            (SENT_ROWS, sent), IDENTITY_NOTE]


def identity_sheet(campaign: Campaign, department: str, today: date, sent: int) -> Sheet:
    sheet = Sheet(IDENTITY_SHEET, state="hidden")
    for r, (what, value) in enumerate(identity_rows(campaign, department, today, sent), 1):
        sheet.row(r, cells(r, [what, value], [xf(TEXT), xf(DATE if r == 3 else TEXT)]))
    sheet.widths, sheet.hidden, sheet.last_col = [12, 60], [False, False], 2
    sheet.protected = True
    return sheet


def snapshot_sheet(ledger: Sheet) -> Sheet:
    """下发内容: the note, the header (row 2), then each row of the department's 整改台账
    sheet `ledger` as it was sent (its values, taken from it rather than worked out again)."""
    sheet = Sheet(SNAPSHOT_SHEET, state="hidden")
    sheet.row(1, cells(1, [SNAPSHOT_NOTE], [xf(TEXT)]))
    sheet.row(2, cells(2, [c.header for c in SNAPSHOT_COLUMNS], [xf(TEXT)] * len(SNAPSHOT_COLUMNS)))
    styles = [xf(c.style) for c in SNAPSHOT_COLUMNS]
    picked = [ISSUE_COLUMNS.index(c) for c in SNAPSHOT_COLUMNS]
    for r, values in enumerate(ledger.values, 3):
        sheet.row(r, cells(r, [values[c] for c in picked], styles))
    sheet.last_col = len(SNAPSHOT_COLUMNS)
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
    return workbook_bytes([sheet, identity_sheet(campaign, department, assessment.today,
                                                 len(issues)), snapshot_sheet(sheet)],
                          title, assessment.today, lock_structure=True, formulas=True)
