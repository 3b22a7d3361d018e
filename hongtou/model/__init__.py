"""The campaign as plain data: what the readers produce and every later stage consumes.

Nothing here does I/O or knows about Word or Excel. Dates are `datetime.date`; a value typed
by a person keeps the text as typed next to what it means (`When.text`), because official
wording ("2月中旬至3月下旬", "长期坚持") must be reproduced, not re-derived.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


# -- problems: errors are values until the edge -------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One located fault in the input. `row` is the row number as Excel shows it (1-based).

    `column` is the header as the user typed it (or the key, for 发文信息). `hint` says how
    to fix it ("改为 2022-03-31 或 3月31日"). Wording of the whole line is done once, in
    `message()`, so every reader reports in the same voice.
    """

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    reason: str
    hint: str = ""

    def message(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += f" 第{self.row}行"
        if self.column:
            where += f"「{self.column}」"
        text = f"{where}：{self.reason}"
        if self.value not in (None, ""):
            text += f"（填写的是「{self.value}」）"
        if self.hint:
            text += f"。{self.hint}"
        return text


class InputError(Exception):
    """Raised at the edge of the library with every problem found; the CLI exits 2."""

    def __init__(self, problems: list[Problem]):
        problems = _in_sheet_order(problems)
        super().__init__("\n".join(p.message() for p in problems))
        self.problems = problems


def _in_sheet_order(problems: list[Problem]) -> list[Problem]:
    """The problems as a secretary goes through the workbook: those of no sheet first, then
    sheet by sheet (in the order the checks met them), row by row — a check that compares two
    sheets reported row 5 after row 6 of 问题清单. Problems of one row keep their order."""
    sheets: dict[str | None, int] = {None: -1}
    for p in problems:
        sheets.setdefault(p.sheet, len(sheets))
    return sorted(problems, key=lambda p: (sheets[p.sheet], p.row if p.row is not None else -1))


# -- dates as people write them ------------------------------------------------------------


class WhenKind(enum.Enum):
    DATE = "date"            # 2022-03-31, 2022年3月31日, Excel serial
    PERIOD = "period"        # 3月底, 3月下旬, 年底前: a span with a last day
    ONGOING = "ongoing"      # 长期坚持: never late
    IMMEDIATE = "immediate"  # 立行立改: due at once (the 成文日期)


@dataclass(frozen=True)
class When:
    """A date or period as typed. `first`/`last` bound it (equal for a single day);
    both are None for ONGOING. `text` is the official wording to print ("3月31日",
    "3月下旬", "长期坚持")."""

    kind: WhenKind
    first: date | None
    last: date | None
    text: str

    @property
    def is_ongoing(self) -> bool:
        return self.kind is WhenKind.ONGOING


# -- statuses ------------------------------------------------------------------------------


class Status(enum.Enum):
    NOT_STARTED = "未启动"
    IN_PROGRESS = "整改中"
    DONE = "已完成"
    CLOSED = "已销号"
    ONGOING = "长期坚持"

    @property
    def is_done(self) -> bool:
        return self in (Status.DONE, Status.CLOSED)


class Light(enum.Enum):
    """红黄绿 deadline status."""

    RED = "红"
    YELLOW = "黄"
    GREEN = "绿"


# -- the campaign's facts ------------------------------------------------------------------


@dataclass
class DocumentMeta:
    """发文信息: the header facts of the notice and defaults for the other documents."""

    organ: str                      # 发文机关 (署名), e.g. 中共六安市总工会党组
    mark: str                       # 发文机关标志, e.g. 中共六安市总工会党组文件
    number: str                     # 发文字号, normalised: 六工党〔2022〕7号
    campaign: str                   # 活动名称
    plan_title: str                 # 方案标题 (the plan's own title)
    title: str                      # 标题 of the notice; default 关于印发《方案标题》的通知
    addressee: str                  # 主送机关 (without the final ：)
    date: date                      # 成文日期
    signer: str = ""                # 签发人 (upward documents only)
    copy_no: str = ""               # 份号
    secret: str = ""                # 密级 (机密★1年 is secret + term)
    secret_term: str = ""           # 保密期限
    urgency: str = ""               # 紧急程度
    note: str = ""                  # 附注
    cc: list[str] = field(default_factory=list)  # 抄送机关
    printer: str = ""               # 印发机关 (default: organ's office)
    print_date: date | None = None  # 印发日期 (default: 成文日期)
    warn_days: int = 7              # 预警天数
    feedback_days: int = 3          # 反馈时限, working days
    as_of: date | None = None       # 统计截至
    joint_marks: list[str] = field(default_factory=list)  # extra organs of a joint issue
    report_number: str = ""         # 通报字号: the 进展通报's own 发文字号, normalised
    report_organ: str = ""          # 通报机关: the organ that issues and signs the 通报
    sealed: bool = False            # 加盖印章: the 署名 laid out for seals (§7.3.5.1)
    seals: list[bytes] = field(default_factory=list)  # 印章图片: PNG of each organ's seal

    @property
    def organs(self) -> list[str]:
        """Every issuing organ, the lead first (a joint issue's names, without 文件)."""
        return [self.organ, *(j.removesuffix("文件") for j in self.joint_marks)]


@dataclass
class Member:
    """领导小组 member. `role` is one of ROLES."""

    role: str
    name: str
    title: str  # 单位及职务
    row: int = 0

    ROLES = ("组长", "副组长", "成员", "办公室主任", "办公室副主任", "办公室成员")


@dataclass
class Person:
    name: str
    department: str
    position: str = ""
    phone: str = ""
    row: int = 0


@dataclass
class Phase:
    order: int          # 1-based
    label: str          # 阶段 as typed (第一阶段)
    name: str           # 名称 (学习讨论阶段)
    start: When
    end: When
    tasks: str = ""     # 主要任务
    output: str = ""    # 成果形式
    row: int = 0


@dataclass
class Task:
    phase: str
    task: str
    department: str
    owner: str
    start: When | None
    due: When
    output: str = ""
    status: Status = Status.NOT_STARTED
    row: int = 0


@dataclass
class Issue:
    """问题清单 row. `key` is the stable ID used to merge department returns."""

    key: str
    seq: int
    category: str
    description: str
    measures: str
    leader: str
    department: str
    owner: str
    deadline: When
    status: Status
    progress: str = ""
    done_date: date | None = None
    remark: str = ""
    row: int = 0


@dataclass
class BodyPara:
    """One paragraph of the plan text. `level` 0 = 正文, 1 = 一、 2 = （一） 3 = 1. 4 = （1）.
    A paragraph that is only a placeholder (`{{ 阶段安排 }}`) has `placeholder` set."""

    text: str
    level: int = 0
    placeholder: str = ""
    line: int = 0


@dataclass
class Campaign:
    meta: DocumentMeta
    members: list[Member] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    body: list[BodyPara] = field(default_factory=list)
    source: str = ""  # the workbook path, for messages


# -- derived state (rules output) ----------------------------------------------------------


@dataclass(frozen=True)
class ItemState:
    """红黄绿 of one issue or task against a given day."""

    light: Light
    days_left: int | None  # None when ongoing; negative when overdue
    overdue: bool


@dataclass
class DeptStats:
    department: str
    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    ongoing: int = 0
    overdue: int = 0
    due_soon: int = 0

    @property
    def rate(self) -> float:
        """Completion rate: done / total (0 when empty)."""
        return self.done / self.total if self.total else 0.0


@dataclass
class Assessment:
    """The campaign judged against one day: what every ledger, reminder and report shows."""

    today: date
    issue_states: dict[str, ItemState]        # by Issue.key
    task_states: list[ItemState]              # parallel to Campaign.tasks
    departments: list[DeptStats]              # by 责任部门, first-appearance order
    categories: list[DeptStats]               # by 问题类别 (DeptStats.department = category)

    def count(self, light: Light) -> int:
        return sum(1 for s in self.issue_states.values() if s.light is light)
