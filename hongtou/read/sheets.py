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
from pathlib import Path

from hongtou.model import (
    DocumentMeta, Issue, Member, Person, Phase, Problem, Status, Task, When, WhenKind,
)
from hongtou.read.headers import (
    HEADER_SCAN_ROWS, META_KEYS, META_LOOKUP, SHEETS, Header, header_key,
)
from hongtou.read.tables import ERROR_VALUES, MAX_CELL_CHARS, Table, cell_fault
from hongtou.rules import RuleError
from hongtou.rules.dates import format_date, parse_when
from hongtou.rules.names import clean_name, clean_org, split_names
from hongtou.rules.numbering import detect_heading
from hongtou.rules.status import parse_status
from hongtou.rules.text import squash, unify
from hongtou.rules.wenhao import normalize_wenhao

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
_DAYS = re.compile(r"(\d+)(?:个)?(?:工作日|天|日)?")
MAX_DAYS = 365  # 预警天数, 反馈时限: more is a typo (and would make the working-day count crawl)


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


def _whole(value: object) -> object:
    """calamine reads every number as float: 3 arrives as 3.0, which the date rules would take
    for a `3.0` typed as month.day. A whole number is passed on as an int."""
    if value.__class__ is float and value.is_integer():
        return int(value)
    return value


def _too_long(sheet: str, row: int, column: str, value: str) -> Problem:
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
                self.problems.append(_too_long(self.sheet, self.number,
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
            return parse_when(_whole(value), self.year)
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


def read_meta(table: Table, problems: list[Problem],
              folder: Path | None = None) -> tuple[DocumentMeta | None, int | None]:
    """发文信息 as key/value rows; unknown keys (and a header row such as 项目/内容) are ignored.
    `folder`: where the campaign's files are (a 印章图片 is named relative to it).

    Returns the meta (None if any of it is wrong) and the campaign year (the 成文日期's year,
    when that much could be read), which completes dates such as `3月底` in the other sheets.
    """
    sheet = table.name
    required = "、".join(c.name for c in META_KEYS if c.required)
    across = _meta_across(table)
    if across is not None:
        row, keys = across
        problems.append(Problem(sheet, row, None, None, f"一行中有多个项目名：{'、'.join(keys)}",
                                "发文信息请竖着填写：每行第一列写项目名（如 发文机关），第二列写内容"))
        return None, None
    found = _meta_values(table, problems)
    if not found:
        problems.append(Problem(sheet, None, None, None, "工作表中没有任何发文信息",
                                f"请每行第一列写项目名、第二列写内容，至少填写：{required}"))
        return None, None
    n_before = len(problems)

    def problem(key: str, reason: str, hint: str = "", value: object = None) -> None:
        row = found[key][0] if key in found else None
        text = None if value is None else cell_text(value)
        problems.append(Problem(sheet, row, key, text, reason, hint))

    def text(key: str) -> str:
        return cell_text(found[key][1]) if key in found else ""  # cell_text(None) == ""

    for column in META_KEYS:
        if column.required and not text(column.name):
            if column.name in found and found[column.name][1] is None:
                continue
            if column.name in found:
                problem(column.name, "未填写")
            else:
                problem(column.name, "缺少这一项",
                        f"请在第一列写「{column.name}」，第二列写内容")

    def day(key: str, year: int | None) -> date | None:
        if not text(key):
            return None
        value = found[key][1]
        try:
            when = parse_when(_whole(value), year)
        except RuleError as err:
            problem(key, err.reason, err.hint, value)
            return None
        if when.kind is not WhenKind.DATE:
            problem(key, "应填写具体日期", "如 2022年2月15日", value)
            return None
        return when.first

    def days(key: str, default: int) -> int:
        raw = text(key)
        if not raw:
            return default
        compact = unify(raw).replace(" ", "")
        if compact.startswith("-") and _DAYS.fullmatch(compact[1:]):
            problem(key, "天数不能是负数", f"请填写0至{MAX_DAYS}之间的整数，如 {default}",
                    found[key][1])
            return default
        m = _DAYS.fullmatch(compact)
        if m is None:
            problem(key, "应填写天数", f"如 {default}", found[key][1])
            return default
        if int(m[1]) > MAX_DAYS:
            problem(key, f"天数太大（最多 {MAX_DAYS} 天）", f"请填写0至{MAX_DAYS}之间的整数，如 {default}",
                    found[key][1])
            return default
        return int(m[1])

    def wenhao(key: str) -> str:
        if not text(key):
            return ""
        try:
            return normalize_wenhao(text(key))
        except RuleError as err:
            problem(key, err.reason, err.hint, found[key][1])
            return ""

    def yes_no(key: str) -> bool:
        raw = unify(text(key)).replace(" ", "").lower()
        if raw in YES:
            return True
        if raw not in NO:
            problem(key, "应填写「是」或「否」", "填「是」时落款按加盖印章排；不盖章留空或填「否」",
                    found[key][1])
        return False

    def seal_images(names: list[str], organs: int) -> list[bytes]:
        """The seal PNGs, read and checked; a located problem for each one that is not."""
        if len(names) > organs:
            problem("印章图片", f"印章图片比发文机关多：{len(names)}个图片，{organs}个机关",
                    "按发文机关顺序，每个机关一个印章图片", found["印章图片"][1])
            return []
        out = []
        for name in names:
            path = (folder or Path(".")) / name
            try:
                data = path.read_bytes()
            except OSError:
                problem("印章图片", f"找不到印章图片「{name}」",
                        "请把透明背景的 PNG 图片放在活动表格所在的文件夹，并写对文件名",
                        found["印章图片"][1])
                continue
            fault = png_fault(data)
            if fault:
                problem("印章图片", f"「{name}」{fault}",
                        "请提供透明背景的 PNG 图片（如用 Photoshop、WPS 图片导出为 PNG）",
                        found["印章图片"][1])
                continue
            out.append(data)
        return out

    number, report_number = wenhao("发文字号"), wenhao("通报字号")
    if number and number == report_number:
        problem("通报字号", "与发文字号相同", "进展通报是另一份公文，要用自己的字号，如 "
                + _next_number(number), found["通报字号"][1])
    issued = day("成文日期", None)
    year = issued.year if issued else None
    print_date = day("印发日期", year)
    as_of = day("统计截至", year)
    for key, when in (("印发日期", print_date), ("统计截至", as_of)):
        if issued is not None and when is not None and when < issued:
            problem(key, f"早于成文日期{format_date(issued)}",
                    f"{key}应在成文日期当天或之后，请核对（年份是否写错）", found[key][1])
    warn_days, feedback_days = days("预警天数", 7), days("反馈时限", 3)
    organ, plan_title = text("发文机关"), text("方案标题")
    mark = text("发文机关标志") or f"{organ}文件"
    # the lead organ may be listed again among the joint ones: it is already first
    joint = [j for j in split_list(text("联合发文机关"))
             if j not in (organ, mark, mark.removesuffix("文件"))]
    # imported here: hongtou.layout loads python-docx, which reading a workbook never needs
    from hongtou.layout.gbt9704 import JOINT_MAX_ORGANS
    if len(joint) + 1 > JOINT_MAX_ORGANS:
        problem("联合发文机关", f"联合发文机关太多：连同主办机关共{len(joint) + 1}个",
                f"红头上最多排{JOINT_MAX_ORGANS}个机关（主办机关＋{JOINT_MAX_ORGANS - 1}个联合发文机关）；"
                "机关更多时请只列主要的几个，或改用各机关分别发文", found["联合发文机关"][1])
    sealed = yes_no("加盖印章")
    seals = seal_images(split_list(text("印章图片")), len(joint) + 1)
    if len(problems) > n_before or issued is None:
        return None, year

    return DocumentMeta(
        organ=organ,
        mark=mark,
        number=number,
        campaign=text("活动名称") or plan_title,
        plan_title=plan_title,
        title=text("标题") or f"关于印发《{plan_title}》的通知",
        addressee=text("主送机关").rstrip("：:").strip(),
        date=issued,
        signer=text("签发人"),
        copy_no=text("份号"),
        secret=text("密级"),
        secret_term=text("保密期限"),
        urgency=text("紧急程度"),
        note=text("附注"),
        cc=split_list(text("抄送机关")),
        printer=text("印发机关") or organ,
        print_date=print_date or issued,
        warn_days=warn_days,
        feedback_days=feedback_days,
        as_of=as_of,
        report_number=report_number,
        joint_marks=joint,
        report_organ=text("通报机关") or organ,
        sealed=bool(sealed or seals),
        seals=seals,
    ), year


YES = {"是", "盖", "盖章", "加盖", "加盖印章", "y", "yes", "true", "1", "√", "✓"}
NO = {"", "否", "不", "不盖", "不盖章", "n", "no", "false", "0", "×"}
_PNG = b"\x89PNG\r\n\x1a\n"


def png_fault(data: bytes) -> str:
    """What keeps `data` from being a seal image — not a PNG, unreadable, no transparency —
    or "" when it will do."""
    import struct
    import zlib

    if not data.startswith(_PNG) or data[12:16] != b"IHDR" or len(data) < 33:
        return "不是 PNG 图片"
    width, height, _, colour = struct.unpack(">IIBB", data[16:26])
    if not width or not height or zlib.crc32(data[12:29]) != struct.unpack(">I", data[29:33])[0]:
        return "已损坏，无法读取"
    if colour not in (4, 6) and b"tRNS" not in data:
        return "不是透明背景的（没有透明通道），盖在文字上会遮住署名和日期"
    return ""


def _next_number(number: str) -> str:
    """六工党〔2022〕7号 → 六工党〔2022〕8号: an example of a different 字号."""
    m = re.search(r"(\d+)号$", number)
    return number[:m.start()] + f"{int(m[1]) + 1}号" if m else number


def _meta_values(table: Table, problems: list[Problem]) -> dict[str, tuple[int, object]]:
    """Canonical key → (Excel row, value cell). The key is the first filled cell of a row
    (after a 序号, if any); the value is the first filled cell to its right."""
    found: dict[str, tuple[int, object]] = {}
    content = _meta_content_column(table)
    for r, row in enumerate(table.rows):
        key_at = _meta_key(row)
        if key_at is None:
            continue
        c, column = key_at
        value, vc = "", None
        if content is not None and content > c:
            # a 项目 | 内容 | 说明 sheet: only 内容 holds values, an empty one stays empty
            if content < len(row):
                value, vc = row[content], content
        else:
            for j in range(c + 1, len(row)):
                if row[j] != "" or (table.errors and (r, j) in table.errors):
                    value, vc = row[j], j
                    break
        if vc is not None:
            err = table.error_at(r, vc)
            if err:
                shown, reason, hint = cell_fault(err)
                problems.append(Problem(table.name, r + 1, column.name, shown, reason, hint))
                value = None  # reported: not "未填写" as well
            elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                problems.append(_too_long(table.name, r + 1, column.name, value))
                value = None
        if column.name in found:
            problems.append(Problem(table.name, r + 1, column.name, cell_text(value),
                                    f"重复填写（第{found[column.name][0]}行已填写）",
                                    "请删除其中一行"))
            continue
        found[column.name] = (r + 1, value)
    return found


_CONTENT_HEADERS = {"内容", "值", "填写内容", "具体内容"}


def _meta_content_column(table: Table) -> int | None:
    """The column headed 内容 (or 值) in a 发文信息 sheet that has a header row, so that a
    further 说明 column is never read as a value."""
    for row in table.rows[:HEADER_SCAN_ROWS]:
        for j, cell in enumerate(row):
            if isinstance(cell, str) and squash(cell) in _CONTENT_HEADERS:
                return j
    return None


def _meta_across(table: Table) -> tuple[int, list[str]] | None:
    """The first row naming several 发文信息 keys (发文机关 | 发文字号 | …: written across as a
    table, or two key/value pairs side by side) with the keys as typed. Only the first key of
    a row is read, so the others would be lost. None when the sheet is key/value as it should be."""
    for r, row in enumerate(table.rows):
        keys = [str(cell).strip() for cell in row
                if isinstance(cell, str) and header_key(cell) in META_LOOKUP]
        if len(keys) >= 2:
            return r + 1, keys
    return None


def _meta_key(row: list):
    for c, cell in enumerate(row):
        if cell == "":
            continue
        if isinstance(cell, (int, float)):  # a 序号 column before the key
            continue
        column = META_LOOKUP.get(header_key(cell))
        return None if column is None else (c, column)
    return None


# -- 领导小组 · 人员 · 阶段安排 · 工作安排 · 问题清单 ------------------------------------------------


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
    if tasks is not None and phases is not None and phases.items:
        _check_phases(tasks, phases, problems)
    if meta is not None:
        for sheet, column in ((tasks, "完成时限"), (issues, "整改时限")):
            if sheet is not None:
                _check_deadlines(sheet, column, meta.date, problems)


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
