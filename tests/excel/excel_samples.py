"""Hand-built campaigns and assessments for the Excel tests, independent of hongtou.rules
(imported by the tests, which pytest runs with their folder on sys.path)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hongtou.model import (
    Assessment, Campaign, DeptStats, DocumentMeta, Issue, ItemState, Light, Status, Task, When,
    WhenKind,
)

TODAY = date(2022, 4, 20)


def day(d: date) -> When:
    return When(WhenKind.DATE, d, d, f"{d.month}月{d.day}日")


ONGOING = When(WhenKind.ONGOING, None, None, "长期坚持")
LATE_APRIL = When(WhenKind.PERIOD, date(2022, 4, 21), date(2022, 4, 30), "4月下旬")
IMMEDIATE = When(WhenKind.IMMEDIATE, None, None, "立行立改")

# key, 部门, 类别, 状态, 时限, 灯, 剩余天数, 完成日期
ROWS = [
    ("Q1", "办公室", "作风建设", Status.NOT_STARTED, day(date(2022, 3, 31)), Light.RED, -20, None),
    ("Q2", "办公室", "制度建设", Status.DONE, day(date(2022, 3, 31)), Light.GREEN, None,
     date(2022, 3, 28)),
    ("Q3", "财务科", "作风建设", Status.IN_PROGRESS, LATE_APRIL, Light.YELLOW, 10, None),
    ("Q4", "财务科", "作风建设", Status.ONGOING, ONGOING, Light.GREEN, None, None),
    ("Q5", "办公室", "制度建设", Status.CLOSED, IMMEDIATE, Light.GREEN, None, date(2022, 3, 1)),
    ("Q6", "业务科", "作风建设", Status.IN_PROGRESS, day(date(2022, 6, 30)), Light.GREEN, 71, None),
    ("Q7", "财务科", "制度建设", Status.NOT_STARTED, day(date(2022, 4, 15)), Light.RED, -5, None),
]


def make_issue(n: int, key: str, department: str, category: str, status: Status,
               deadline: When, done: date | None = None) -> Issue:
    return Issue(
        key=key, seq=n, category=category,
        description=f"第{n}个问题：学习教育不够深入，存在以会代学的情况。",
        measures="制定学习计划，每月开展一次集中学习。", leader="张　华", department=department,
        owner="李四", deadline=deadline, status=status, progress="已制定方案" if n % 2 else "",
        done_date=done, remark="", row=n + 2)


def make_meta(campaign: str = "作风建设大讨论活动") -> DocumentMeta:
    return DocumentMeta(
        organ="中共某某市总工会党组", mark="中共某某市总工会党组文件", number="某工党〔2022〕7号",
        campaign=campaign, plan_title="作风建设大讨论活动实施方案", title="关于印发的通知",
        addressee="各科室", date=date(2022, 3, 1), as_of=TODAY, warn_days=10)


def make_tasks() -> list[Task]:
    return [
        Task("第一阶段", "召开动员大会", "办公室", "王五", day(date(2022, 3, 1)),
             day(date(2022, 3, 10)), "会议纪要", Status.DONE),
        Task("第二阶段", "查摆问题", "各科室", "赵六", None, LATE_APRIL, "问题清单",
             Status.IN_PROGRESS),
        Task("第三阶段", "建立长效机制", "办公室", "王五", day(date(2022, 5, 1)), ONGOING,
             "制度汇编", Status.NOT_STARTED),
    ]


def group_stats(issues: list[Issue], states: dict[str, ItemState], key) -> list[DeptStats]:
    """A deliberately plain recount, so the tests do not lean on hongtou.rules."""
    out: dict[str, DeptStats] = {}
    for issue in issues:
        s = out.setdefault(key(issue), DeptStats(key(issue)))
        s.total += 1
        s.done += issue.status in (Status.DONE, Status.CLOSED)
        s.in_progress += issue.status is Status.IN_PROGRESS
        s.not_started += issue.status is Status.NOT_STARTED
        s.ongoing += issue.status is Status.ONGOING
        s.overdue += states[issue.key].light is Light.RED
        s.due_soon += (states[issue.key].light is Light.YELLOW
                       and issue.status not in (Status.DONE, Status.CLOSED))
    return list(out.values())


def make_assessment(issues: list[Issue], states: dict[str, ItemState],
                    tasks: list[Task] = ()) -> Assessment:
    task_states = [ItemState(Light.GREEN, None, False) if t.status is Status.DONE
                   else ItemState(Light.YELLOW, 5, False) for t in tasks]
    return Assessment(TODAY, states, task_states,
                      group_stats(issues, states, lambda i: i.department),
                      group_stats(issues, states, lambda i: i.category))


def sample(**overrides) -> tuple[Campaign, Assessment]:
    """The seven ROWS; `overrides` maps a key to Issue fields to replace."""
    issues, states = [], {}
    for n, (key, dept, cat, status, when, light, days, done) in enumerate(ROWS, 1):
        issue = make_issue(n, key, dept, cat, status, when, done)
        issues.append(replace(issue, **overrides.get(key, {})))
        states[key] = ItemState(light, days, light is Light.RED)
    tasks = make_tasks()
    campaign = Campaign(meta=make_meta(), tasks=tasks, issues=issues)
    return campaign, make_assessment(issues, states, tasks)


def many(n: int) -> tuple[Campaign, Assessment]:
    """`n` issues over 20 departments, for size and speed."""
    issues, states = [], {}
    for i in range(1, n + 1):
        key, dept, cat, status, when, light, days, done = ROWS[i % len(ROWS)]
        issues.append(make_issue(i, f"K{i}", f"部门{i % 20:02d}", cat, status, when, done))
        states[f"K{i}"] = ItemState(light, days, light is Light.RED)
    return Campaign(meta=make_meta(), issues=issues), make_assessment(issues, states)
