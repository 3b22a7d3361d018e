"""整改状态 words and the 红黄绿 deadline status of issues and tasks against a given day."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from datetime import date

from hongtou.model import (
    Assessment,
    Campaign,
    DeptStats,
    Issue,
    ItemState,
    Light,
    Status,
    When,
    WhenKind,
)
from hongtou.rules import RuleError
from hongtou.rules.text import squash

_WORDS = {
    "未启动": Status.NOT_STARTED,
    "未开始": Status.NOT_STARTED,
    "整改中": Status.IN_PROGRESS,
    "进行中": Status.IN_PROGRESS,
    "正在整改": Status.IN_PROGRESS,
    "已完成": Status.DONE,
    "已整改": Status.DONE,
    "完成": Status.DONE,
    "已销号": Status.CLOSED,
    "长期坚持": Status.ONGOING,
    "持续整改": Status.ONGOING,
}
HINT = "可填写：未启动（未开始）、整改中（进行中、正在整改）、已完成（已整改、完成）、已销号、长期坚持（持续整改）"


def parse_status(s: object) -> Status:
    """A status word as offices type it → `Status`; spaces and full-width letters ignored."""
    if s is None:
        raise RuleError("未填写状态", HINT)
    if not isinstance(s, str):
        raise RuleError("不是可识别的状态", HINT)
    key = squash(s)
    if not key:
        raise RuleError("未填写状态", HINT)
    status = _WORDS.get(key)
    if status is None:
        raise RuleError("不是可识别的状态", HINT)
    return status


def item_state(
    deadline: When, status: Status, today: date, warn_days: int, issued: date
) -> ItemState:
    """红黄绿 of one item. Done items and ongoing ones (by status or by deadline) are green
    with no days left to count; 立行立改 falls due on the day the notice is issued."""
    if status.is_done or status is Status.ONGOING or deadline.kind is WhenKind.ONGOING:
        return ItemState(Light.GREEN, None, False)
    due = due_date(deadline, issued)
    if due is None:  # not produced by parse_when; nothing to measure against
        return ItemState(Light.GREEN, None, False)
    days_left = (due - today).days
    if days_left < 0:
        return ItemState(Light.RED, days_left, True)
    return ItemState(Light.YELLOW if days_left <= warn_days else Light.GREEN, days_left, False)


def due_date(deadline: When, issued: date) -> date | None:
    """The day an item falls due: a period's last day, the 成文日期 for 立行立改, None for
    长期坚持 (never late). The Excel ledger's formulas compute the same (`excel.ledger`)."""
    if deadline.kind is WhenKind.ONGOING:
        return None
    return issued if deadline.kind is WhenKind.IMMEDIATE else deadline.last


DONE_WITHOUT_DATE = "整改状态是「{status}」，但没有完成日期"


def done_without_date(issues: Iterable[Issue]) -> list[Issue]:
    """Issues marked 已完成/已销号 whose 完成日期 is empty: `check` and `merge` flag them."""
    return [i for i in issues if i.status.is_done and i.done_date is None]


def department_stats(issues: Iterable[Issue], states: Mapping[str, ItemState]) -> list[DeptStats]:
    """Counts per 责任部门, in the order departments first appear. `states` is by Issue.key."""
    return _group(issues, states, lambda issue: issue.department)


def category_stats(issues: Iterable[Issue], states: Mapping[str, ItemState]) -> list[DeptStats]:
    """Counts per 问题类别 (held in `DeptStats.department`), in first-appearance order."""
    return _group(issues, states, lambda issue: issue.category)


def stats_total(stats: Iterable[DeptStats]) -> DeptStats:
    """The 合计 row: every count summed (its rate is then done/total overall)."""
    result = DeptStats("合计")
    counts = [f.name for f in fields(DeptStats) if f.name != "department"]
    for row in stats:
        for name in counts:
            setattr(result, name, getattr(result, name) + getattr(row, name))
    return result


def assess(campaign: Campaign, today: date) -> Assessment:
    """The campaign judged against `today`: every issue's and task's state, and the counts."""
    meta = campaign.meta
    issues = {i.key: item_state(i.deadline, i.status, today, meta.warn_days, meta.date)
              for i in campaign.issues}
    tasks = [item_state(t.due, t.status, today, meta.warn_days, meta.date)
             for t in campaign.tasks]
    return Assessment(
        today=today,
        issue_states=issues,
        task_states=tasks,
        departments=department_stats(campaign.issues, issues),
        categories=category_stats(campaign.issues, issues),
    )


def _group(
    issues: Iterable[Issue], states: Mapping[str, ItemState], key: Callable[[Issue], str]
) -> list[DeptStats]:
    groups: dict[str, DeptStats] = {}
    for issue in issues:
        name = key(issue)
        stats = groups.get(name)
        if stats is None:
            stats = groups[name] = DeptStats(name)
        stats.total += 1
        if issue.status.is_done:
            stats.done += 1
        elif issue.status is Status.IN_PROGRESS:
            stats.in_progress += 1
        elif issue.status is Status.NOT_STARTED:
            stats.not_started += 1
        else:
            stats.ongoing += 1
        light = states[issue.key].light
        if light is Light.RED:
            stats.overdue += 1
        elif light is Light.YELLOW and not issue.status.is_done:
            stats.due_soon += 1
    return list(groups.values())
