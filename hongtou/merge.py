"""Merge-back: the 分发/<部门>.xlsx workbooks the departments filled in → a NEW master workbook.

Rows are matched by the hidden ID column (Issue.key). Only the four columns a department may
fill in (整改状态, 进展情况, 完成日期, 备注) are carried over; every other returned value is
compared with the master as it stands now. A cell is judged against what was sent (the hidden
下发内容 sheet of the 分发 workbook; for a file made before it existed, or one whose sheet
cannot be trusted, the master kept in 历史/ for its round): left as sent, it is not the
department's, whatever the master says now; changed where the master changed too, and
differently, it is a conflict. Each returned value ends up in exactly one place:
applied (a `Change`), refused (a `Conflict`, located in the returned file: file, row, column),
or, for a row the department added, reported as an `AddedRow`; a master row of the department
that its returned file no longer holds (deleted, or added to the master after the split) is
reported as a `MissingRow` and left as it is. 状态灯, 剩余天数 and 到期日 are formulas
(`excel.ledger.DERIVED`), so they are neither merged nor compared.

The master is the user's own workbook: it is opened with openpyxl (styles, merged cells,
title rows kept), only the changed cells of 问题清单 are written, a 合并记录 sheet logs what
was merged and what was not, and the result is returned as bytes. Nothing here writes a file.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from hongtou.excel.ledger import DERIVED, ISSUE_COLUMNS, LEDGER_SHEET  # DERIVED: formulas
from hongtou.excel.common import DATE_FORMAT, FORMULA_LEADS, clean_text
from hongtou.excel.split import (
    AS_OF, CAMPAIGN, DEPARTMENT, IDENTITY_SHEET, SENT_ROWS, SNAPSHOT_COLUMNS, SNAPSHOT_SHEET,
    campaign_id,
)
from hongtou.excel.style import openpyxl_bytes
from hongtou.model import Campaign, InputError, Issue, Problem, Status, WhenKind
from hongtou.read import read_campaign
from hongtou.rounds import HISTORY_FOLDER, history_files
from hongtou.read.headers import HEADER_SCAN_ROWS, find_header, header_key
from hongtou.read.sheets import NOTE_PREFIXES, cell_text
from hongtou.read.tables import Table, cell_fault, load_workbook
from hongtou.rules import RuleError
from hongtou.rules.dates import HINT as DATES_HINT, parse_when
from hongtou.rules.status import DONE_WITHOUT_DATE, parse_status
from hongtou.rules.text import squash

ISSUES_SHEET = "问题清单"
LOG_SHEET = "合并记录"
OUT_FOLDER = "合并结果"
ID = "ID"
EDITABLE = ("整改状态", "进展情况", "完成日期", "备注")   # what a department fills in
MASTER_SUFFIXES = (".xlsx", ".xlsm")
RETURN_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".et")  # .et: WPS, read by its content

ADDED = "新增的行未合并，请在总表中补充"
MISSING = "交回的表中没有这个问题"
MISSING_HINT = "可能是这一行被删除了，或是分发之后总表新加的；总表中这一行保持原样"
ROW_SKIPPED = "此行未合并"
FIX_IN_MASTER = "如确需修改，请直接改总表"
PROTECTED = "这一列不能在分发表中修改，交回的与总表不一致"
DONE_DATE_MISSING = "请补填完成日期（具体日期，如 2022-04-18）后交回，或直接改总表"
DONE_DATE_HINT = "完成日期请写具体日期，如 2022-03-31、2022年3月31日、3月31日"
DONE_DATE_AHEAD = "完成日期晚于合并日期（{day}），还没到，未合并"
DONE_DATE_AHEAD_HINT = "请核对年份、月份是否写错；计划完成的日子请写在「进展情况」里"
REUSE_RETURN = "ID 由本工具生成（隐藏的 ID 列），请勿改动；请用下发的分发表重新填写后交回"

_COLUMNS = {c.header: c for c in ISSUE_COLUMNS}
_MERGE_STAMP = re.compile(r"（合并\d{4}-\d{2}-\d{2}）(?:_\d+)?$")


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One master cell changed: from which returned file and row, to what."""

    file: str          # the returned file, as named in messages
    row: int           # its row in the returned sheet (as Excel shows it)
    key: str           # Issue.key
    master_row: int    # the row in the master's 问题清单
    column: str        # the master's header as the user typed it
    name: str          # its canonical name (整改状态, 进展情况, 完成日期, 备注)
    old: str           # the cell as it read before (text)
    new: str           # the cell as written (text)
    value: Any = field(default=None, compare=False, repr=False)  # what is written


@dataclass(frozen=True)
class Conflict(Problem):
    """A returned value that was not merged. `kind` is for programs (tests, statistics):
    protected · unknown_id · foreign_id · disagree · invalid · missing_id · no_column · merged_cell
    · duplicate_id · duplicate_return · misnamed · formula · done_without_date · not_read.
    `row` is None for a whole file. The rest are `Problem`'s fields, located in the
    returned `file` (`sheet` is its sheet)."""

    kind: str = field(kw_only=True)
    file: str = field(kw_only=True)

    def message(self) -> str:
        return Problem(f"{self.file} {self.sheet}".rstrip(), self.row, self.column, self.value,
                       self.reason, self.hint).message()


@dataclass(frozen=True)
class AddedRow:
    """A row a department added (no ID): reported, never merged."""

    file: str
    sheet: str
    row: int
    description: str

    def message(self) -> str:
        text = f"{self.file} {self.sheet} 第{self.row}行：{ADDED}"
        if self.description:
            text += f"（问题描述「{_short(self.description)}」）"
        return text


@dataclass(frozen=True)
class MissingRow:
    """A master issue of the returned file's department that the file does not hold: reported,
    the master row is left as it is."""

    file: str
    sheet: str
    master_row: int
    seq: int | None
    description: str

    def message(self) -> str:
        seq = "" if self.seq is None else f"序号{self.seq}，"
        return (f"{self.file} {self.sheet}：{MISSING}（总表第{self.master_row}行，{seq}"
                f"问题描述「{_short(self.description)}」）。{MISSING_HINT}")


@dataclass
class ReturnInfo:
    file: str
    department: str | None
    rows: int


@dataclass
class MergeResult:
    master: Path                      # the master workbook that was read (never written)
    changes: list[Change]
    conflicts: list[Conflict]
    added_rows: list[AddedRow]
    returns: list[ReturnInfo]
    workbook_bytes: bytes             # the new master (with the 合并记录 sheet)
    missing_rows: list[MissingRow] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)  # departments that returned nothing
    round_day: date | None = None     # the latest 统计截至 of the returns: the round merged
    as_of: date | None = None         # the master's own 统计截至 (发文信息), which merge keeps
    notes: list[str] = field(default_factory=list)   # warnings: merged, but worth a look

    @property
    def exit_code(self) -> int:
        """0 when every returned value was applied (or already in the master), else 1."""
        return 1 if self.conflicts or self.added_rows or self.missing_rows else 0

    def summary(self) -> list[str]:
        lines = []
        for info in self.returns:
            who = f"（{info.department}）" if info.department else ""
            lines.append(f"  读取 {info.file}{who}：{info.rows} 行")
        lines += [f"注意：{note}" for note in self.notes]
        if self.changes:
            lines.append(f"合并了 {len(self.changes)} 处修改：")
            for c in self.changes:
                lines.append(f"  {c.file} 第{c.row}行 → 总表第{c.master_row}行「{c.column}」："
                             f"「{_short(c.old)}」→「{_short(c.new)}」")
        else:
            lines.append("没有需要合并的修改（0 处）")
        if self.silent:
            lines.append(f"未交回的部门（{len(self.silent)} 个）：" + "、".join(self.silent))
        return lines

    def problems(self) -> list[str]:
        """Every conflict, added row and missing row, worded for the user."""
        return [c.message() for c in self.conflicts] + [a.message() for a in self.added_rows] \
            + [m.message() for m in self.missing_rows]


# -- the entry point -----------------------------------------------------------------------


def merge_returns(data: Path, returned: list[Path], today: date,
                  others: list[Path] = ()) -> MergeResult:
    """Merge `returned` department workbooks into the master of `data` (a campaign folder or
    the master workbook); `others` (files of a returns folder that are no workbook) are listed
    as not read. Raises InputError when the master or a returned file cannot be read
    (or the master is not .xlsx). Writes nothing."""
    data = Path(data)
    campaign = read_campaign(data)
    master = Path(campaign.source)
    if not master.is_file() or master.suffix.lower() not in MASTER_SUFFIXES:
        raise InputError([Problem(master.name or str(master), None, None, None,
                                  "合并需要 .xlsx 格式的总表（一个工作簿）",
                                  "请用 Excel/WPS 打开总表，另存为 .xlsx 后再合并")])
    wb = _open_master(master)
    ws, columns, labels = _master_sheet(wb, master)
    year = campaign.meta.date.year
    returns, not_read = _read_returns(returned)
    _check_campaign(returns, campaign_id(campaign.meta))

    merger = _Merger(campaign, year, columns, labels, today, master)
    for ret, department, ok in merger.departments_of(returns):
        merger.read_return(ret, department, ok)
    changes = merger.resolve(ws)
    merger.check_done_dates(changes)
    for change in changes:
        _write_cell(ws, change.master_row, columns[change.name], change.value)
    not_read += [(p.name, NOT_A_RETURN) for p in others]  # nothing is skipped silently
    for label, why in not_read:
        merger.conflicts.append(Conflict("", None, None, None, why, kind="not_read", file=label))
    _write_log(wb, today, changes, merger.conflicts, merger.added, merger.missing, merger.notes)
    silent = [d for d in dict.fromkeys(i.department for i in campaign.issues)
              if squash(d) not in merger.returned]
    days = [_day(ret.identity.get(squash(AS_OF))) for ret in returns]
    return MergeResult(master, changes, merger.conflicts, merger.added, merger.infos,
                       openpyxl_bytes(wb, today, keep_created=True), merger.missing, silent,
                       max(filter(None, days), default=None), campaign.meta.as_of,
                       [text for _, text in merger.notes])


SNAPSHOT_UNUSABLE = ("{file}：隐藏的工作表「{sheet}」无法使用（{why}），不能据此分辨交回时改了"
                     "哪些格，已改为与{base}比对")
SNAPSHOT_LACKS = ("{file}：隐藏的工作表「{sheet}」中没有 {keys} 的行，这几行已改为与{base}比对")
SNAPSHOT_RISK = "；分发之后总表中改过的格，可能被交回的原内容改回，请核对本次合并的修改"


def _as_sent(issue: Issue) -> dict[str, tuple[Any, Any]]:
    """An issue of a kept master as a row of 下发内容 reads: column → (cell, model value)."""
    return {c.header: (c.value(issue, None), _editable_value(issue, c.header)
                       if c.header in EDITABLE else c.value(issue, None))
            for c in SNAPSHOT_COLUMNS if c.header != ID}


def _editable_value(issue: Issue, name: str) -> Any:
    return {"整改状态": issue.status, "进展情况": issue.progress,
            "完成日期": issue.done_date, "备注": issue.remark}[name]


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


OTHER_CAMPAIGN = "是另一次活动的分发表（{theirs}），本次活动是「{ours}」，未合并"
OTHER_CAMPAIGN_HINT = "请只交回本次活动下发的分发表；本次合并没有改动任何内容"
NO_IDENTITY = "没有「分发信息」（不是本工具为这次活动下发的分发表，或是旧版本生成的），未合并"
NO_IDENTITY_HINT = "请用本次活动下发的分发表（分发/<部门>.xlsx）填写后交回；本次合并没有改动任何内容"


def _check_campaign(returns: list["_Return"], ours: str) -> None:
    """Every return must carry this campaign's identity, else nothing is merged (exit 2): a
    master changes only from returns of its own campaign."""
    problems = []
    for ret in returns:
        theirs = cell_text(ret.identity.get(squash(CAMPAIGN), ""))
        if not theirs:
            problems.append(Problem(ret.label, None, None, None, NO_IDENTITY, NO_IDENTITY_HINT))
        elif squash(theirs) != squash(ours):
            problems.append(Problem(ret.label, None, None, None,
                                    OTHER_CAMPAIGN.format(theirs=theirs, ours=ours),
                                    OTHER_CAMPAIGN_HINT))
    if problems:
        raise InputError(problems)


def history_path(master: Path, day: date) -> Path:
    """Where the master is kept when a merge replaces it: `历史/<master>（YYYY-MM-DD）.xlsx`
    beside it, dated by the round it served (the day its 分发 workbooks were made), numbered
    (_2, _3 …) so that no earlier master is ever overwritten."""
    folder = master.parent / HISTORY_FOLDER
    base = f"{master.stem}（{day.isoformat()}）"
    path, n = folder / f"{base}{master.suffix}", 2
    while path.exists():
        path, n = folder / f"{base}_{n}{master.suffix}", n + 1
    return path


def default_output(data: Path, master: Path, today: date, taken: list[Path] = (),
                   into: Path | None = None) -> Path:
    """`<DATA folder>/合并结果/<master>（合并YYYY-MM-DD）.xlsx` (or that name in folder `into`),
    numbered (_2, _3 …) so that no existing file and no input is ever overwritten."""
    data = Path(data)
    folder = data if data.is_dir() else data.parent
    if folder.name != OUT_FOLDER:
        folder = folder / OUT_FOLDER
    if into is not None:
        folder = Path(into)
    stem = _MERGE_STAMP.sub("", master.stem) or master.stem
    base = f"{stem}（合并{today.isoformat()}）"
    avoid = {p.resolve() for p in taken}
    path, n = folder / f"{base}.xlsx", 2
    while path.exists() or path.resolve() in avoid:
        path, n = folder / f"{base}_{n}.xlsx", n + 1
    return path


# -- the master ----------------------------------------------------------------------------


def _open_master(path: Path) -> Workbook:
    try:
        return openpyxl.load_workbook(path, rich_text=True,
                                      keep_vba=path.suffix.lower() == ".xlsm")
    except Exception:  # read_campaign could read it, so this is rare (odd parts openpyxl refuses)
        raise InputError([Problem(path.name, None, None, None, "总表无法用于合并（打开失败）",
                                  "请用 Excel/WPS 打开总表，另存为新的 .xlsx 后再合并")]) from None


def _master_sheet(wb: Workbook, path: Path) -> tuple[Worksheet, dict[str, int], dict[str, str]]:
    """问题清单 and where its columns are: canonical name → 1-based column, and → the label."""
    sheets = {squash(name): name for name in wb.sheetnames}
    name = sheets.get(squash(ISSUES_SHEET))
    problems: list[Problem] = []
    if name is None:
        problems.append(Problem(path.name, None, None, None, "总表中没有问题清单工作表"))
        raise InputError(problems)
    ws = wb[name]
    rows = [["" if v is None else v for v in row]
            for row in ws.iter_rows(1, min(ws.max_row, HEADER_SCAN_ROWS), values_only=True)]
    header = find_header(ISSUES_SHEET, ws.title, rows, problems)
    if header is None:
        raise InputError(problems)
    return ws, {k: c + 1 for k, c in header.index.items()}, dict(header.label)


def _write_cell(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row, col)
    if isinstance(value, date):
        if cell.number_format == "General":
            cell.number_format = _date_format(ws, col)
        cell.value = datetime.combine(value, time())
        return
    if isinstance(value, str):
        value = clean_text(value) or None
    cell.value = value
    if isinstance(value, str) and value[:1] in FORMULA_LEADS:
        cell.data_type = "s"      # text to show, not a formula to run
        cell.quotePrefix = True


def _date_format(ws: Worksheet, col: int) -> str:
    """The date format the column already uses, else 2022年3月31日."""
    for (cell,) in ws.iter_rows(min_col=col, max_col=col):
        if isinstance(cell.value, (date, datetime)) and cell.number_format != "General":
            return cell.number_format
    return DATE_FORMAT


# -- the returned workbooks ----------------------------------------------------------------


@dataclass
class _Return:
    """One returned file as read: its label for messages, its 整改台账 sheet and header, and
    what its 分发信息 sheet says (campaign, department), if it has one; its 下发内容 sheet
    (the rows as sent), or why that sheet could not be read."""

    label: str
    path: Path
    table: Table
    header: tuple[int, dict[str, int]]
    identity: dict[str, Any]
    snapshot: Table | None = None
    snapshot_fault: str = ""


def _read_returns(paths: list[Path]) -> tuple[list[_Return], list[tuple[str, str]]]:
    """Each returned file's 整改台账 sheet, labelled by file name (by path when names repeat),
    and the .et files that could not be read (label, why). Every unreadable file of another
    kind is reported at once (InputError)."""
    problems: list[Problem] = []
    names = Counter(Path(p).name for p in paths)
    out, not_read = [], []
    for path in map(Path, paths):
        label = path.name if names[path.name] == 1 else str(path)
        if not path.is_file():
            problems.append(Problem(label, None, None, None, "找不到交回的文件",
                                    "请检查路径是否写对"))
            continue
        if path.suffix.lower() not in RETURN_SUFFIXES:
            problems.append(Problem(label, None, None, None,
                                    f"不支持的文件类型 {path.suffix or '（无扩展名）'}",
                                    "请交回下发的分发表（.xlsx）"))
            continue
        found: list[Problem] = []
        book = _load_return(path, found)
        # 下发内容 unreadable: merged against the history instead (said in the report)
        fault = next((p.reason for p in found if squash(p.sheet) == squash(SNAPSHOT_SHEET)), "")
        found = [p for p in found if squash(p.sheet) != squash(SNAPSHOT_SHEET)]
        if path.suffix.lower() == ".et" and (found or book is None):
            not_read.append((label, "WPS 表格文件（.et）无法读取：" + (
                found[0].reason if found else NOT_READ_ET) + "。" + NOT_READ_ET_HINT))
            continue
        if found or book is None:
            problems.extend(Problem(label, p.row, p.column, p.value, p.reason, p.hint)
                            for p in found)
            continue
        table = book.table(LEDGER_SHEET)
        if table is None:
            problems.append(Problem(label, None, None, None,
                                    f"找不到工作表「{LEDGER_SHEET}」",
                                    "请交回下发的分发表（分发/<部门>.xlsx），不要改动工作表名称"))
            continue
        header = _return_header(table)
        if header is None:
            problems.append(Problem(label, None, None, None,
                                    f"「{table.name}」中找不到 ID 列",
                                    "ID 列（隐藏列）是合并的依据；请交回下发的分发表，不要删除列"))
            continue
        who = book.table(IDENTITY_SHEET)
        identity = {squash(cell_text(row[0])): row[1] for row in (who.rows if who else ())
                    if len(row) > 1 and cell_text(row[0])}
        out.append(_Return(label, path, table, header, identity, book.table(SNAPSHOT_SHEET),
                           fault))
    if problems:
        raise InputError(problems)
    return out, not_read


NOT_A_RETURN = "不是工作簿，未读取。交回的分发表应为 .xlsx 文件"
NOT_READ_ET = "无法识别的文件内容"
NOT_READ_ET_HINT = "请用 WPS 打开后另存为 .xlsx 再合并；此文件未合并"


_RETURN_SHEETS = (LEDGER_SHEET, IDENTITY_SHEET, SNAPSHOT_SHEET)


def _load_return(path: Path, found: list[Problem]):
    """The workbook's 整改台账, 分发信息 and 下发内容 sheets. A WPS .et file is read by its content
    (WPS saves it as an .xls- or .xlsx-like file), through a copy with that suffix."""
    if path.suffix.lower() != ".et":
        return load_workbook(path, _RETURN_SHEETS, found)
    with path.open("rb") as f:
        head = f.read(8)
    suffix = {b"PK\x03\x04": ".xlsx", b"\xd0\xcf\x11\xe0": ".xls"}.get(head[:4])
    if suffix is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / (path.stem + suffix)
        shutil.copyfile(path, copy)
        return load_workbook(copy, _RETURN_SHEETS, found)


def _return_header(table: Table) -> tuple[int, dict[str, int]] | None:
    """(0-based header row, ledger header → 0-based column) of a returned sheet."""
    known = {header_key(c.header): c.header for c in ISSUE_COLUMNS}
    for r, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        index: dict[str, int] = {}
        for c, cell in enumerate(row):
            name = known.get(header_key(cell))
            if name and name not in index:
                index[name] = c
        if ID in index:
            return r, index
    return None


def _title(table: Table) -> str:
    for row in table.rows[:2]:
        for cell in row:
            if isinstance(cell, str) and cell.strip():
                return cell.strip()
    return ""


_TITLE_DEPARTMENT = re.compile(r"台账（(.+)）$")


class _Merger:
    """Collects, per returned row, what it proposes and what is wrong with it; then decides."""

    def __init__(self, campaign: Campaign, year: int, columns: dict[str, int],
                 labels: dict[str, str], today: date, master: Path | None = None):
        self.campaign = campaign
        self.year = year
        self.today = today      # the merge day: no 完成日期 lies after it
        self.history = history_files(master) if master else {}
        # the rows of the return being read as they were sent out: key → column → (the cell
        # as sent, its model value); a key it lacks is merged against the master as it is now
        self.sent: dict[str, dict[str, tuple[Any, Any]]] = {}
        self._sent_cache: dict[Path, dict[str, dict[str, tuple[Any, Any]]]] = {}
        self.notes: list[tuple[str, str]] = []   # (file, text): merged, but worth a look
        self.columns = columns
        self.labels = labels
        self.issues = {issue.key: issue for issue in campaign.issues}
        self.departments = {squash(i.department): i.department for i in campaign.issues}
        self.by_department: dict[str, list[Issue]] = {}   # squashed 责任部门 → its issues
        for issue in campaign.issues:
            self.by_department.setdefault(squash(issue.department), []).append(issue)
        self.conflicts: list[Conflict] = []
        self.added: list[AddedRow] = []
        self.missing: list[MissingRow] = []
        self.infos: list[ReturnInfo] = []
        # (key, column) → [(file, sheet, row, value, text)], in the order read
        self.proposals: dict[tuple[str, str], list[tuple[str, str, int, Any, str]]] = {}
        self.returned: set[str] = set()          # squashed departments that returned a file
        self.seen: dict[str, tuple[str, str, int]] = {}   # key → (file, sheet, row) it came in

    # -- one returned file --

    def departments_of(self, returns: list["_Return"]) -> list[tuple["_Return", str | None, bool]]:
        """Each return with its department (from 分发信息, else its title or rows). Two returns
        of one department are both refused (neither is merged); a file whose name names another
        department is reported and merged as the department it holds."""
        pairs = [(ret, self._department(ret)) for ret in returns]
        by_department: dict[str, list[str]] = {}
        for ret, department in pairs:
            if department is not None:
                by_department.setdefault(squash(department), []).append(ret.label)
                self.returned.add(squash(department))
        out = []
        for ret, department in pairs:
            others = [f for f in by_department.get(squash(department or ""), ()) if f != ret.label]
            if others:
                self._conflict("duplicate_return", ret.label, ret.table.name, None, None, None,
                               f"与 {'、'.join(others)} 都是「{department}」的分发表，"
                               "两份都未合并", "请确认以哪一份为准，只交回那一份后重新合并")
                out.append((ret, department, False))
                continue
            named = self._named_department(ret.path.stem)
            if department is not None and named is not None and named != squash(department):
                self._conflict("misnamed", ret.label, ret.table.name, None, None, None,
                               f"文件名是「{self.departments[named]}」，表内却是「{department}」"
                               f"的分发表，已按「{department}」合并",
                               "请核实是否交错了文件；如无误，请把文件改名为本部门的名称")
            out.append((ret, department, True))
        return out

    def _named_department(self, stem: str) -> str | None:
        """The department a file name names (the longest master department it contains)."""
        name = squash(stem)
        found = [d for d in self.departments if d and d in name]
        return max(found, key=len) if found else None

    def read_return(self, ret: "_Return", department: str | None, merge: bool = True) -> None:
        """Read one return's rows (`merge` False: only count them, the file is refused)."""
        file, table = ret.label, ret.table
        header_row, index = ret.header
        rows = [(r, row) for r, row in enumerate(table.rows) if r > header_row
                and not _blank(row) and not _note(row)]
        self.infos.append(ReturnInfo(file, department, len(rows)))
        if not merge:
            return
        keys = {_key(row[index[ID]]) for _, row in rows}
        self.sent = self._sent_rows(ret, department, keys)
        twice = Counter(_key(row[index[ID]]) for _, row in rows)
        for r, row in rows:
            key = _key(row[index[ID]])
            if key and twice[key] > 1:
                lines = "、".join(f"第{q + 1}行" for q, other in rows
                                 if _key(other[index[ID]]) == key)
                self._conflict("duplicate_id", file, table.name, r + 1, ID, None,
                               f"ID「{cell_text(row[index[ID]])}」在此表中出现了{twice[key]}次"
                               f"（{lines}），这几行都未合并",
                               "请删去重复的行，只保留一行后重新交回")
                continue
            self._read_row(file, table, r, row, index, department, keys)
        if department is None:
            return
        # A row refused for its ID (unknown, another department's) still stands for the
        # master issue it describes: that one was reported already, not deleted.
        col = index.get("问题描述")
        refused = set()
        for _, row in rows:
            issue = self.issues.get(_key(row[index[ID]]))
            if col is not None and col < len(row) and (
                    issue is None or squash(issue.department) != squash(department)):
                refused.add(squash(cell_text(row[col])))
        for issue in self.by_department.get(squash(department), ()):
            if issue.key not in keys and squash(issue.description) not in refused:
                self.missing.append(MissingRow(file, table.name, issue.row, issue.seq,
                                               issue.description))

    def _sent_rows(self, ret: "_Return", department: str | None,
                   keys: set[str]) -> dict[str, dict[str, tuple[Any, Any]]]:
        """The rows of `ret` as they were sent out: its 下发内容 sheet; else (a return made
        before 分发 workbooks carried one, or a sheet that cannot be trusted, which is said) the
        master kept in 历史/ for its round, else {}. Rows of the sheet for IDs the return does
        not hold as this department's are never looked at."""
        kept, history = self._sent_history(_day(ret.identity.get(squash(AS_OF))))
        base = f"{HISTORY_FOLDER}/{kept.name}" if kept else "当前总表"
        risk = "" if kept else SNAPSHOT_RISK
        if ret.snapshot is None and not ret.snapshot_fault \
                and squash(SENT_ROWS) not in ret.identity:
            return history   # made before 分发 workbooks carried what was sent
        try:
            if ret.snapshot_fault or ret.snapshot is None:
                raise RuleError(ret.snapshot_fault or "找不到这张工作表")
            sent = self._snapshot(ret.snapshot, ret.identity.get(squash(SENT_ROWS)))
        except RuleError as err:
            self.notes.append((ret.label, SNAPSHOT_UNUSABLE.format(
                file=ret.label, sheet=SNAPSHOT_SHEET, why=err.reason, base=base) + risk))
            return history
        own = sorted(k for k in keys if k in self.issues and k not in sent and (
            department is None or squash(self.issues[k].department) == squash(department)))
        if own:
            self.notes.append((ret.label, SNAPSHOT_LACKS.format(
                file=ret.label, sheet=SNAPSHOT_SHEET, keys="、".join(own), base=base) + risk))
            sent.update((k, history[k]) for k in own if k in history)
        return sent

    def _snapshot(self, table: Table, rows: Any) -> dict[str, dict[str, tuple[Any, Any]]]:
        """下发内容 read: key → column → (the cell as sent, its model value). RuleError (its
        reason worded for the report) when anything in it is not as hongtou wrote it."""
        header = _return_header(table)
        if header is None:
            raise RuleError("找不到 ID 列")
        head, index = header
        lacking = [c.header for c in SNAPSHOT_COLUMNS if c.header not in index]
        if lacking:
            raise RuleError(f"缺少「{'、'.join(lacking)}」列")
        out: dict[str, dict[str, tuple[Any, Any]]] = {}
        for r in range(head + 1, len(table.rows)):
            row = table.rows[r]
            if _blank(row):
                continue
            key = _key(row[index[ID]]) if index[ID] < len(row) else ""
            if not key or key in out:
                raise RuleError(f"第{r + 1}行的 ID " + ("是空的" if not key else "与前面的行重复"))
            values = {}
            for name, c in index.items():
                if name == ID or name in DERIVED:
                    continue
                raw = row[c] if c < len(row) else ""
                parsed = raw
                try:
                    if c < len(row) and table.error_at(r, c):
                        raise RuleError("")
                    if name in EDITABLE:
                        parsed = self._parse(name, raw, ahead=False)[0]
                except RuleError:
                    raise RuleError(f"第{r + 1}行「{name}」的内容无法识别") from None
                values[name] = (raw, parsed)
            out[key] = values
        if _norm(rows) != len(out):
            raise RuleError(f"有 {len(out)} 行，与「{IDENTITY_SHEET}」中的{SENT_ROWS}"
                            f"（{cell_text(rows) or '空'}）不符")
        return out

    def _sent_history(self, day: date | None) -> tuple[Path | None,
                                                        dict[str, dict[str, tuple[Any, Any]]]]:
        """The issues as a 分发 workbook of round `day` was sent out: the master kept for the
        first round on or after `day` (it was in force when that round was built) and its rows
        as `_snapshot` gives them; (None, {}) when the current master is it (no merge since)
        or it cannot be read."""
        kept = [path for d, path in self.history.items() if day and d >= day]
        if not kept:
            return None, {}
        if kept[0] not in self._sent_cache:
            try:
                issues = read_campaign(kept[0]).issues
            except InputError:
                issues = []
            self._sent_cache[kept[0]] = {i.key: _as_sent(i) for i in issues}
        return kept[0], self._sent_cache[kept[0]]

    def _department(self, ret: "_Return") -> str | None:
        """The returned file's department: from its 分发信息, else its title row, else the most
        common 责任部门 of its rows (as long as it is one of the master's departments)."""
        table, (header_row, index) = ret.table, ret.header
        named = squash(cell_text(ret.identity.get(squash(DEPARTMENT), "")))
        if named in self.departments:
            return self.departments[named]
        m = _TITLE_DEPARTMENT.search(_title(table))
        if m and squash(m[1]) in self.departments:
            return self.departments[squash(m[1])]
        col = index.get("责任部门")
        if col is None:
            return None
        seen = Counter(squash(cell_text(row[col])) for row in table.rows[header_row + 1:]
                       if col < len(row))
        for name, _ in seen.most_common():
            if name in self.departments:
                return self.departments[name]
        return None

    def _conflict(self, kind: str, file: str, sheet: str, row: int, column: str | None,
                  value: Any, reason: str, hint: str = "") -> None:
        text = None if value is None else cell_text(value)
        self.conflicts.append(Conflict(sheet, row, column, text, reason, hint, kind=kind, file=file))

    def _read_row(self, file: str, table: Table, r: int, row: list, index: dict[str, int],
                  department: str | None, keys: set[str]) -> None:
        sheet, n = table.name, r + 1

        def cell(name: str) -> Any:
            c = index.get(name)
            return row[c] if c is not None and c < len(row) else ""

        key = _key(cell(ID))
        if not key:
            self._no_id(file, sheet, n, cell, department, keys)
            return
        issue = self.issues.get(key)
        if issue is None:
            self._conflict("unknown_id", file, sheet, n, ID, None,
                           f"总表中没有 ID 为「{cell_text(cell(ID))}」的问题，{ROW_SKIPPED}",
                           REUSE_RETURN)
            return
        if department is not None and squash(issue.department) != squash(department):
            self._conflict("foreign_id", file, sheet, n, ID, None,
                           f"ID「{key}」是「{issue.department}」的问题（总表第{issue.row}行），"
                           f"不属于「{department}」，{ROW_SKIPPED}",
                           "请核实是否填错了表；应由该部门在自己的分发表中填写")
            return
        sent = self.sent.get(issue.key, {})
        for name in index:
            if name in (ID, *DERIVED, *EDITABLE):
                continue
            if name in sent and _same(sent[name][0], cell(name), self.year):
                continue   # left as sent: whatever the master says now is not the department's
            expected = _COLUMNS[name].value(issue, None)
            if not _same(expected, cell(name), self.year):
                self._conflict("protected", file, sheet, n, name, cell(name),
                               PROTECTED,
                               f"总表中是「{_short(cell_text(expected), 60) or '空'}」。"
                               f"此格未合并，{FIX_IN_MASTER}")
        self.seen[issue.key] = (file, sheet, n)
        for name in EDITABLE:
            if name not in index:
                continue
            c = index[name]
            fault = table.error_at(r, c) if c < len(row) else None
            if fault:  # a formula without a value reads as "": never let it erase the master
                shown, reason, hint = cell_fault(fault)
                self._conflict("formula", file, sheet, n, name, shown,
                               f"{reason}，此格未合并，总表保持原样", hint)
                continue
            self._editable(file, sheet, n, issue, name, cell(name), sent.get(name))

    def _no_id(self, file: str, sheet: str, n: int, cell, department: str | None,
               keys: set[str]) -> None:
        """A row without an ID: one whose ID was deleted (it matches a master issue of this
        department that is otherwise missing from the file), or a row the department added."""
        seq = _norm(cell("序号"))
        description = squash(cell_text(cell("问题描述")))
        for issue in self.campaign.issues:
            if issue.key in keys:
                continue
            if department is not None and squash(issue.department) != squash(department):
                continue
            if (description and squash(issue.description) == description) or \
                    (not description and seq != "" and seq == issue.seq):
                keys.add(issue.key)   # found (its ID deleted): not also a missing row
                self._conflict("missing_id", file, sheet, n, ID, None,
                               f"此行的 ID 被删除了（看来是总表第{issue.row}行、序号{issue.seq}的问题），"
                               + ROW_SKIPPED,
                               "请用下发的分发表重新填写后交回，或直接在总表中修改")
                return
        self.added.append(AddedRow(file, sheet, n, cell_text(cell("问题描述"))))

    def _editable(self, file: str, sheet: str, n: int, issue: Issue, name: str,
                  value: Any, sent: tuple[Any, Any] | None) -> None:
        """One editable cell; `sent`: (the cell as it was sent, its model value), if known."""
        if sent is not None and _same(sent[0], value, self.year):
            return   # left as sent: nothing to merge, whatever the master says now
        try:
            new, text = self._parse(name, value)
        except RuleError as err:
            hint = err.hint
            if name == "完成日期":
                hint = DONE_DATE_HINT if err.hint in ("", DATES_HINT, DONE_DATE_HINT) \
                    else f"{err.hint}；{DONE_DATE_HINT}"
            self._conflict("invalid", file, sheet, n, name, value, err.reason, hint)
            return
        old = _editable_value(issue, name)
        if new == old:
            return
        if sent is not None and new == sent[1]:
            return   # left as it was sent (a late return of an earlier round): nothing to merge
        if sent is not None and old != sent[1]:
            self._conflict("changed_since", file, sheet, n, name, value,
                           f"总表此格在下发后已改为「{_short(cell_text(_value_key(old)))}」，"
                           "与交回的内容不同，此格未合并",
                           "请核实以哪一个为准后直接改总表")
            return
        if name not in self.columns:
            self._conflict("no_column", file, sheet, n, name, value,
                           f"总表的{ISSUES_SHEET}中没有「{name}」列，此格未合并",
                           f"请在总表中加上「{name}」列后重新合并")
            return
        self.proposals.setdefault((issue.key, name), []).append((file, sheet, n, new, text))

    def _parse(self, name: str, value: Any, ahead: bool = True) -> tuple[Any, str]:
        """(model value, text written) of an editable cell; RuleError when unacceptable
        (`ahead` False: a 完成日期 after the merge day is taken too)."""
        if name == "整改状态":
            status = parse_status(value if isinstance(value, str) else cell_text(value))
            return status, status.value
        if name == "完成日期":
            if cell_text(value) == "":
                return None, ""
            when = parse_when(value, self.year)
            if when.kind is not WhenKind.DATE:
                raise RuleError("应填写具体日期", DONE_DATE_HINT)
            if ahead and when.first > self.today:
                raise RuleError(DONE_DATE_AHEAD.format(day=cell_text(self.today)),
                                DONE_DATE_AHEAD_HINT)
            return when.first, cell_text(when.first)
        text = cell_text(value)
        return text, text

    def check_done_dates(self, changes: list[Change]) -> None:
        """A returned issue that ends up 已完成/已销号 with no 完成日期 (none given, or the one
        given refused) is flagged; what was merged stays merged."""
        final: dict[str, dict[str, Any]] = {}
        for c in changes:
            final.setdefault(c.key, {})[c.name] = c.value
        for key, (file, sheet, n) in self.seen.items():
            issue = self.issues[key]
            now = final.get(key, {})
            status = now.get("整改状态", issue.status.value)
            done = now.get("完成日期", issue.done_date)
            if parse_status(status).is_done and not done:
                self._conflict("done_without_date", file, sheet, n, "完成日期", None,
                               DONE_WITHOUT_DATE.format(status=status), DONE_DATE_MISSING)

    # -- deciding --

    def resolve(self, ws: Worksheet) -> list[Change]:
        """One change per master cell that every return proposing it agrees on; cells proposed
        differently, or that the master cannot take, become conflicts."""
        changes = []
        for (key, name), proposals in self.proposals.items():
            issue = self.issues[key]
            distinct = {_value_key(p[3]) for p in proposals}
            if len(distinct) > 1:
                for p in proposals:
                    others = "；".join(f"{q[0]} 第{q[2]}行填写的是「{_short(q[4]) or '空'}」"
                                      for q in proposals if _value_key(q[3]) != _value_key(p[3]))
                    self._conflict("disagree", p[0], p[1], p[2], name, p[4],
                                   f"与另一份交回的内容不同（{others}），此格未合并",
                                   "请核实以哪一份为准后直接改总表，或只交回其中一份")
                continue
            file, sheet, n, new, text = proposals[0]
            target = ws.cell(issue.row, self.columns[name])
            if _merged_over_rows(ws, target):
                self._conflict("merged_cell", file, sheet, n, name, text,
                               f"总表{ws.title}第{issue.row}行的这一格与其他行合并在一起，此格未合并",
                               "请先在总表中取消合并单元格，再重新合并")
                continue
            old = cell_text(_plain(target.value))
            if isinstance(new, Status):
                value = new.value
            else:
                value = new
            changes.append(Change(file, n, key, issue.row, self.labels.get(name, name), name,
                                  old, text, value))
        changes.sort(key=lambda c: (c.master_row, self.columns[c.name]))
        return changes


# -- the log sheet -------------------------------------------------------------------------

LOG_COLUMNS = (("合并日期", 14), ("交回文件", 22), ("交回行号", 9), ("问题ID", 9),
               ("总表行号", 9), ("列", 10), ("原内容", 30), ("新内容", 30), ("结果", 60))
_BOLD = Font(bold=True)
_GREY = PatternFill(fill_type="solid", start_color="D9D9D9", end_color="D9D9D9")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _write_log(wb: Workbook, today: date, changes: list[Change], conflicts: list[Conflict],
               added: list[AddedRow], missing: list[MissingRow],
               notes: list[tuple[str, str]] = ()) -> None:
    """Append this merge to the 合并记录 sheet (created at the end of the workbook if new), so
    merging a merged master again keeps the history."""
    ws = wb[LOG_SHEET] if LOG_SHEET in wb.sheetnames else None
    if ws is None:
        ws = wb.create_sheet(LOG_SHEET)
        for col, (name, width) in enumerate(LOG_COLUMNS, 1):
            cell = ws.cell(1, col, name)
            cell.font, cell.fill = _BOLD, _GREY
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = "A2"
    stamp = today.isoformat()
    rows = [(stamp, c.file, c.row, c.key, c.master_row, c.column, c.old, c.new, "已合并")
            for c in changes]
    rows += [(stamp, c.file, c.row, None, None, c.column, None, c.value, "未合并：" + c.message())
             for c in conflicts]
    rows += [(stamp, a.file, a.row, None, None, None, None, None, a.message()) for a in added]
    rows += [(stamp, m.file, None, None, m.master_row, None, None, None, m.message())
             for m in missing]
    rows += [(stamp, file, None, None, None, None, None, None, "注意：" + text)
             for file, text in notes]
    if not rows:
        rows = [(stamp, None, None, None, None, None, None, None, "没有需要合并的修改")]
    for values in rows:
        ws.append([clean_text(v) if isinstance(v, str) else v for v in values])
        for cell in ws[ws.max_row]:
            cell.alignment = _WRAP
            if isinstance(cell.value, str) and cell.value[:1] in FORMULA_LEADS:
                cell.data_type = "s"


# -- small helpers -------------------------------------------------------------------------


def _key(value: Any) -> str:
    return squash(cell_text(value)).upper()


def _blank(row: list) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _note(row: list) -> bool:
    first = next((v for v in row if not (v is None or (isinstance(v, str) and not v.strip()))),
                 None)
    return isinstance(first, str) and squash(first).startswith(NOTE_PREFIXES)


def _norm(v: Any) -> Any:
    """A cell value for comparison: dates as dates, whole numbers as ints, text squashed."""
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date() if v.time() == time(0) else v
    if isinstance(v, date):
        return v
    if isinstance(v, bool):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, (int, float)):
        return v
    text = squash(cell_text(v))
    if text.isdigit() and text.isascii():
        return int(text)
    return text


def _same(expected: Any, got: Any, year: int) -> bool:
    a, b = _norm(expected), _norm(got)
    if a == b:
        return True
    if a == "" or b == "":
        return False
    try:  # a date the department's program re-typed (2022/3/31 for 3月31日)
        wa, wb = parse_when(expected, year), parse_when(got, year)
    except RuleError:
        return False
    return (wa.kind, wa.first, wa.last) == (wb.kind, wb.first, wb.last)


def _value_key(v: Any) -> Any:
    return v.value if isinstance(v, Status) else v


def _plain(v: Any) -> Any:
    return str(v) if v is not None and not isinstance(v, (str, int, float, date)) else v


def _merged_over_rows(ws: Worksheet, cell) -> bool:
    if isinstance(cell, MergedCell):
        return True
    for rng in ws.merged_cells.ranges:
        if cell.coordinate in rng and rng.max_row > rng.min_row:
            return True
    return False


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
