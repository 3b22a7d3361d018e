"""One parser per sheet: a `Table` → model objects, every fault a located `Problem`.

Parsers never stop at a bad cell: they note the problem, leave that field `None` and go on,
so one run reports everything. Objects holding a `None` never leave the reader, because
`read_campaign` raises as soon as any problem was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from hongtou.model import (
    DocumentMeta, Issue, Member, Person, Phase, Problem, Status, Task, When, WhenKind,
)
from hongtou.read.headers import SHEETS, Header
from hongtou.read.tables import ERROR_VALUES, MAX_CELL_CHARS, Table, cell_fault
from hongtou.rules import RuleError
from hongtou.rules.dates import format_date, parse_when
from hongtou.rules.names import clean_name, clean_org, split_names
from hongtou.rules.numbering import detect_heading
from hongtou.rules.status import parse_status
from hongtou.rules.text import squash, unify

# A row whose first filled cell starts like this is a note under the table, not data.
NOTE_PREFIXES = ("填表人", "填报人", "审核人", "制表人", "统计人", "负责人：", "负责人:",
                 "填表日期", "填报日期", "制表日期", "审核：", "审核:", "备注：", "备注:",
                 "注：", "注:", "说明：", "说明:")
# init's example rows carry this 序号; a campaign still holding one is not filled in yet.
SAMPLE_MARK = "示例"
# A lone text at least this long, outside the required columns, is a note or a group title.
NOTE_MIN_LENGTH = 8

ROLE_ALIASES = {**{r: r for r in Member.ROLES}, "组员": "成员"}
_LIST_SEPARATORS = re.compile(r"[，,、；;\n]+")


_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def cell_text(value: object) -> str:
    """A cell as text: `13812345678.0` → `13812345678`, a date → `2022年3月31日`.

    Control characters (`_x0007_` in the file, pasted from other systems) are dropped: they
    are invisible, mean nothing in a document, and Word files cannot hold them.
    """
    if isinstance(value, str):
        if _INVISIBLE.search(value):
            value = _INVISIBLE.sub("", value)
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, datetime):
        if value.time() == time(0):
            return format_date(value.date())
        return f"{format_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, (int, time, timedelta)):
        return str(value)
    return "" if value is None else str(value).strip()


def whole(value: object) -> object:
    """calamine reads every number as float: 3 arrives as 3.0, which the date rules would take
    for a `3.0` typed as month.day. A whole number is passed on as an int."""
    if value.__class__ is float and value.is_integer():
        return int(value)
    return value


def too_long(sheet: str, row: int, column: str, value: str) -> Problem:
    return Problem(sheet, row, column, f"{value[:20]}…",
                   f"内容太长（{len(value)} 个字符，Excel 一个单元格最多 {MAX_CELL_CHARS} 个）",
                   "请精简内容，详细材料可另附")


def split_list(text: str) -> list[str]:
    """`市委办公室，市政府办公室、市纪委监委。` → three organs."""
    return [part.strip(" 。.\u3000") for part in _LIST_SEPARATORS.split(text)
            if part.strip(" 。.\u3000")]


# -- reading the cells of one row --------------------------------------------------------------


class Cells:
    """The row being read. Each accessor reports its own problem and then returns None/""."""

    def __init__(self, table: Table, header: Header, year: int | None,
                 problems: list[Problem]):
        self.sheet = table.name
        self.index = header.index
        self.label = header.label
        self.year = year
        self.problems = problems
        self.errors = table.errors
        self.r = 0
        self.cells: list = []
        self._status_cache: dict[str, Status | RuleError] = {}

    @property
    def number(self) -> int:
        return self.r + 1

    def problem(self, column: str, value: object, reason: str, hint: str = "") -> None:
        text = None if value is None else cell_text(value)
        self.problems.append(
            Problem(self.sheet, self.number, self.label.get(column, column), text, reason, hint))

    def raw(self, column: str) -> object:
        """The cell; "" when empty or the column is absent; None for an error value (reported,
        so callers must not report the cell again as empty)."""
        c = self.index.get(column)
        if c is None:
            return ""
        value = self.cells[c]
        if value == "":
            if self.errors and (self.r, c) in self.errors:
                self._error_value(column, self.errors[(self.r, c)])
                return None
            return ""
        if isinstance(value, str):
            if len(value) > MAX_CELL_CHARS:
                self.problems.append(too_long(self.sheet, self.number,
                                               self.label.get(column, column), value))
                return None
            value = value.strip()
            if value[:1] == "#" and value.upper() in ERROR_VALUES:
                self._error_value(column, value.upper())
                return None
        return value

    def _error_value(self, column: str, marker: str) -> None:
        value, reason, hint = cell_fault(marker)
        self.problem(column, value, reason, hint)

    def _missing(self, column: str) -> None:
        # a required column missing from the header is reported once, by find_header
        if column in self.index:
            self.problem(column, None, "未填写")

    def text(self, column: str, required: bool = False) -> str:
        value = self.raw(column)
        if value is None:
            return ""
        text = cell_text(value)
        if required and not text:
            self._missing(column)
        return text

    def name(self, column: str, required: bool = False) -> str:
        """Names as typed (may be several: `张三、李四`), without padding spaces."""
        text = self.text(column, required)
        return clean_name(text) if text else ""

    def org(self, column: str) -> str:
        """A department (required), in its one form (`clean_org`: `办 公 室` → `办公室`)."""
        return clean_org(self.text(column, required=True))

    def when(self, column: str, required: bool = False) -> When | None:
        value = self.raw(column)
        if value is None:
            return None
        if value == "":
            if required:
                self._missing(column)
            return None
        try:
            return parse_when(whole(value), self.year)
        except RuleError as err:
            self.problem(column, value, err.reason, err.hint)
            return None

    def day(self, column: str) -> date | None:
        """A single day (完成日期): a period such as `3月底` is not accepted."""
        when = self.when(column)
        if when is None:
            return None
        if when.kind is not WhenKind.DATE:
            self.problem(column, self.raw(column), "应填写具体日期", "如 2022-03-31 或 3月31日")
            return None
        return when.first

    def status(self, column: str) -> Status | None:
        """An empty status means not started; anything unknown is reported."""
        value = self.raw(column)
        if value is None:
            return None
        if value == "":
            return Status.NOT_STARTED
        key = value if isinstance(value, str) else cell_text(value)
        result = self._status_cache.get(key)
        if result is None:
            try:
                result = parse_status(key)
            except RuleError as err:
                result = err
            self._status_cache[key] = result
        if isinstance(result, RuleError):
            self.problem(column, value, result.reason, result.hint)
            return None
        return result


def data_rows(table: Table, header: Header, cells: Cells, sheet: str) -> Iterator[int]:
    """Move `cells` over each data row below the header; yields the Excel row number.

    Skipped: blank rows, rows holding only a 序号 (templates numbered in advance), notes
    under the table (`填表人：…`, `注：…`) and lone long texts outside the required columns
    (notes, group titles such as `一、思想作风方面`).
    """
    index = header.index
    seq = index.get("序号")
    required = {index[c.name] for c in SHEETS[sheet] if c.required and c.name in index}
    error_rows = {r for r, _ in table.errors} if table.errors else set()
    rows = table.rows
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        filled = [c for c, v in enumerate(row) if v != "" and (v.__class__ is not str
                                                               or not v.isspace())]
        if not filled or (seq is not None and filled == [seq]):
            if r not in error_rows:
                continue
        elif _is_note(row, filled, required):
            continue
        elif seq is not None and row[seq].__class__ is str and squash(row[seq]) == SAMPLE_MARK:
            cells.problems.append(Problem(table.name, r + 1, header.label.get("序号", "序号"),
                                          row[seq], "这是新建活动时的示例行",
                                          "请改成本次活动的内容（序号写数字），或删除这一行"))
            continue
        cells.r = r
        cells.cells = row
        yield r + 1


def _is_note(row: list, filled: list[int], required: set[int]) -> bool:
    first = row[filled[0]]
    if not isinstance(first, str):
        return False
    text = squash(first)
    if text.startswith(NOTE_PREFIXES):
        return True
    if len(filled) == 1 and filled[0] not in required:
        return len(text) >= NOTE_MIN_LENGTH or detect_heading(text)[0] > 0
    return False


@dataclass
class Sheet:
    """What a data-sheet parser found: the objects, and the user's names for messages."""

    name: str
    label: dict[str, str] = field(default_factory=dict)
    items: list = field(default_factory=list)

    def column(self, name: str) -> str:
        return self.label.get(name, name)


# -- 发文信息 ------------------------------------------------------------------------------------


def read_members(table: Table, header: Header, problems: list[Problem]) -> Sheet:
    """A blank 职务 continues the one above (rosters write 成员 once, then list the names)."""
    cells = Cells(table, header, None, problems)
    out = Sheet(table.name, header.label)
    role = typed = ""
    for row in data_rows(table, header, cells, "领导小组"):
        text = cells.text("职务")
        if text:
            typed, role = text, ROLE_ALIASES.get(squash(text), "")
            if not role:
                cells.problem("职务", text, f"职务应为{'、'.join(Member.ROLES)}之一")
        elif not typed:
            cells._missing("职务")
        name = cells.name("姓名", required=True)
        out.items.append(Member(role or typed, name, cells.text("单位及职务"), row))
    return out


def read_persons(table: Table, header: Header, problems: list[Problem]) -> Sheet:
    cells = Cells(table, header, None, problems)
    out = Sheet(table.name, header.label)
    for row in data_rows(table, header, cells, "人员"):
        out.items.append(Person(
            name=cells.name("姓名", required=True),
            department=cells.org("部门"),
            position=cells.text("职务"),
            phone=cells.text("联系电话"),
            row=row,
        ))
    return out


def read_phases(table: Table, header: Header, year: int | None,
                problems: list[Problem]) -> Sheet:
    cells = Cells(table, header, year, problems)
    out = Sheet(table.name, header.label)
    for row in data_rows(table, header, cells, "阶段安排"):
        phase = Phase(
            order=len(out.items) + 1,
            label=cells.text("阶段", required=True),
            name=cells.text("名称"),
            start=cells.when("开始日期", required=True),
            end=cells.when("结束日期", required=True),
            tasks=cells.text("主要任务"),
            output=cells.text("成果形式"),
            row=row,
        )
        if _reversed(phase.start, phase.end):
            cells.problem("结束日期", phase.end.text,
                          f"早于开始日期「{phase.start.text}」", "请核对这两个日期")
        out.items.append(phase)
    return out


def read_tasks(table: Table, header: Header, year: int | None,
               problems: list[Problem]) -> Sheet:
    cells = Cells(table, header, year, problems)
    out = Sheet(table.name, header.label)
    for row in data_rows(table, header, cells, "工作安排"):
        task = Task(
            phase=cells.text("阶段"),
            task=cells.text("工作任务", required=True),
            department=cells.org("责任部门"),
            owner=cells.name("责任人"),
            start=cells.when("开始日期"),
            due=cells.when("完成时限", required=True),
            output=cells.text("成果要求"),
            status=cells.status("状态"),
            row=row,
        )
        if _reversed(task.start, task.due):
            cells.problem("完成时限", task.due.text,
                          f"早于开始日期「{task.start.text}」", "请核对这两个日期")
        out.items.append(task)
    return out


def _reversed(start: When | None, end: When | None) -> bool:
    return (start is not None and end is not None and start.first is not None
            and end.last is not None and end.last < start.first)


def read_issues(table: Table, header: Header, year: int | None,
                problems: list[Problem]) -> Sheet:
    cells = Cells(table, header, year, problems)
    out = Sheet(table.name, header.label)
    seqs: list[int | None] = []
    for row in data_rows(table, header, cells, "问题清单"):
        seqs.append(_seq(cells))
        out.items.append(Issue(
            key="",
            seq=0,
            category=cells.text("问题类别"),
            description=cells.text("问题描述", required=True),
            measures=cells.text("整改措施"),
            leader=cells.name("责任领导"),
            department=cells.org("责任部门"),
            owner=cells.name("责任人", required=True),
            deadline=cells.when("整改时限", required=True),
            status=cells.status("整改状态"),
            progress=cells.text("进展情况"),
            done_date=cells.day("完成日期"),
            remark=cells.text("备注"),
            row=row,
        ))
    _number_issues(out, seqs, problems)
    return out


def _seq(cells: Cells) -> int | None:
    value = cells.raw("序号")
    if value is None:
        return 0
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and value > 0:
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    text = unify(cell_text(value)).replace(" ", "")
    if text.isdigit() and text.isascii() and int(text) > 0:
        return int(text)
    cells.problem("序号", value, "序号应为正整数", "如 1、2、3；序号用于合并各部门的反馈")
    return 0


def _number_issues(out: Sheet, seqs: list[int | None], problems: list[Problem]) -> None:
    """Key each issue: `Q` + 序号 when every row has one, else `Q` + position."""
    first_row: dict[int, int] = {}
    for issue, seq in zip(out.items, seqs):
        if not seq:
            continue
        if seq in first_row:
            problems.append(Problem(out.name, issue.row, out.column("序号"), str(seq),
                                    f"序号与第{first_row[seq]}行重复",
                                    "请给每个问题一个不同的序号（合并的序号单元格请拆分）"))
        else:
            first_row[seq] = issue.row
    use_seq = all(seqs)
    for i, (issue, seq) in enumerate(zip(out.items, seqs), start=1):
        issue.seq = seq if use_seq else i
        issue.key = f"Q{issue.seq:03d}"


# -- checks across sheets ----------------------------------------------------------------------


def cross_check(meta: DocumentMeta | None, members: Sheet | None, persons: Sheet | None,
                phases: Sheet | None, tasks: Sheet | None, issues: Sheet | None,
                problems: list[Problem]) -> None:
    """Names against 人员, 阶段 against 阶段安排, deadlines against the 成文日期."""
    if persons is not None and persons.items:
        people: dict[str, list[Person]] = {}
        for person in persons.items:
            people.setdefault(person.name, []).append(person)
        leaders = set(people) | ({m.name for m in members.items} if members else set())
        for sheet in (tasks, issues):
            if sheet is not None:
                _check_owners(sheet, people, persons.name, problems)
        if issues is not None:
            _check_leaders(issues, leaders, persons.name, problems)
    elif persons is not None:
        _check_no_persons(persons.name, (tasks, issues), problems)
    if tasks is not None and phases is not None and phases.items:
        _check_phases(tasks, phases, problems)
    if meta is not None:
        for sheet, column in ((tasks, "完成时限"), (issues, "整改时限")):
            if sheet is not None:
                _check_deadlines(sheet, column, meta.date, problems)


NO_PERSONS = "工作表中没有任何人员，{sheet} 第{row}行「{column}」等 {n} 处填写的责任人都无从核对"
NO_PERSONS_HINT = ("请在{persons}表中列出每位责任人的姓名和部门（表头下每人一行）；"
                   "不设责任人的，请把「责任人」列留空")


def _check_no_persons(persons_sheet: str, sheets: tuple[Sheet | None, ...],
                      problems: list[Problem]) -> None:
    """An empty 人员 sheet (blank, or its header only) while 责任人 are named: not one of them
    can be checked, so it is an error like a missing 人员 sheet, never a silent skip. With no
    责任人 named there is nothing to check, and an empty 人员 sheet is fine."""
    named = [(sheet, item) for sheet in sheets if sheet is not None
             for item in sheet.items if item.owner]
    if named:
        sheet, item = named[0]
        problems.append(Problem(persons_sheet, None, None, None, NO_PERSONS.format(
            sheet=sheet.name, row=item.row, column=sheet.column("责任人"), n=len(named)),
            NO_PERSONS_HINT.format(persons=persons_sheet)))


def _check_owners(sheet: Sheet, people: dict[str, list[Person]], persons_sheet: str,
                  problems: list[Problem]) -> None:
    """Each 责任人 is in 人员, and in (one of) the 责任部门."""
    column = sheet.column("责任人")
    dept_sets: dict[str, set[str]] = {}   # tens of thousands of rows, a few dozen distinct values
    name_lists: dict[str, list[str]] = {}
    for item in sheet.items:
        if not item.owner:
            continue
        department = item.department or ""
        departments = dept_sets.get(department)
        if departments is None:
            # several departments (办公室、财务部) or one whose name holds a separator
            departments = dept_sets[department] = {squash(d) for d in split_list(department)}
            if department:
                departments.add(squash(department))
        names = name_lists.get(item.owner)
        if names is None:
            names = name_lists[item.owner] = split_names(item.owner)
        for name in names:
            found = people.get(name)
            if found is None:
                problems.append(Problem(sheet.name, item.row, column, name,
                                        f"{persons_sheet}表中没有此人",
                                        f"请核对姓名，或在{persons_sheet}表中补上此人"))
            elif departments and not any(p.department in departments
                                         or squash(p.department) in departments for p in found):
                problems.append(Problem(
                    sheet.name, item.row, column, name,
                    f"此人在{persons_sheet}表中属于「{found[0].department}」，"
                    f"与责任部门「{item.department}」不一致",
                    f"请核对责任部门，或{persons_sheet}表中此人的部门"))


def _check_leaders(sheet: Sheet, leaders: set[str], persons_sheet: str,
                   problems: list[Problem]) -> None:
    column = sheet.column("责任领导")
    name_lists: dict[str, list[str]] = {}
    for issue in sheet.items:
        if not issue.leader:
            continue
        names = name_lists.get(issue.leader)
        if names is None:
            names = name_lists[issue.leader] = split_names(issue.leader)
        for name in names:
            if name not in leaders:
                problems.append(Problem(sheet.name, issue.row, column, name,
                                        f"{persons_sheet}表和领导小组中都没有此人",
                                        f"请核对姓名，或在{persons_sheet}表中补上此人"))


def _check_phases(tasks: Sheet, phases: Sheet, problems: list[Problem]) -> None:
    known = {squash(p.label) for p in phases.items} | {squash(p.name) for p in phases.items}
    known.discard("")
    listed = "、".join(p.label for p in phases.items if p.label)
    column = tasks.column("阶段")
    for task in tasks.items:
        if task.phase and squash(task.phase) not in known:
            problems.append(Problem(tasks.name, task.row, column, task.phase,
                                    f"{phases.name}表中没有这个阶段",
                                    f"应填写{phases.name}表中的阶段：{listed}（或阶段名称）"))


def _check_deadlines(sheet: Sheet, column: str, issued: date, problems: list[Problem]) -> None:
    """An unfinished item due before the notice was issued is a typo (often the year)."""
    label = sheet.column(column)
    for item in sheet.items:
        when = item.due if isinstance(item, Task) else item.deadline
        status = item.status
        if (when is None or when.last is None or status is None or status.is_done
                or status is Status.ONGOING or when.last >= issued):
            continue
        problems.append(Problem(sheet.name, item.row, label, when.text,
                                f"早于成文日期{format_date(issued)}，但尚未完成",
                                "请核对日期（年份是否写错）；已完成的请把状态改为已完成"))
