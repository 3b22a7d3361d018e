"""Status words, 红黄绿 and the per-department counts."""

from __future__ import annotations

from datetime import date

import pytest

from hongtou.model import (
    Campaign, DeptStats, DocumentMeta, Issue, ItemState, Light, Status, Task, When, WhenKind,
)
from hongtou.rules import RuleError
from hongtou.rules.dates import parse_when
from hongtou.rules.status import (
    HINT, assess, category_stats, department_stats, item_state, parse_status,
)

S = Status


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("未启动", S.NOT_STARTED), ("未开始", S.NOT_STARTED),
        ("整改中", S.IN_PROGRESS), ("进行中", S.IN_PROGRESS), ("正在整改", S.IN_PROGRESS),
        ("已完成", S.DONE), ("已整改", S.DONE), ("完成", S.DONE),
        ("已销号", S.CLOSED),
        ("长期坚持", S.ONGOING), ("持续整改", S.ONGOING),
        (" 已完成 ", S.DONE), ("已\u3000完成", S.DONE), ("整改中\n", S.IN_PROGRESS),
    ],
)
def test_parse_status(typed, status):
    assert parse_status(typed) is status


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("", "未填写状态"), (" ", "未填写状态"), (None, "未填写状态"), ("已完成了", "不是可识别的状态"),
     ("OK", "不是可识别的状态"), (1, "不是可识别的状态")],
)
def test_parse_status_refuses(typed, reason):
    with pytest.raises(RuleError) as caught:
        parse_status(typed)
    assert (caught.value.reason, caught.value.hint) == (reason, HINT)


def test_the_hint_names_every_accepted_word():
    from hongtou.rules.status import _WORDS
    assert all(word in HINT for word in _WORDS)


TODAY = date(2022, 3, 20)
ISSUED = date(2022, 2, 15)


def due(text: str) -> When:
    return parse_when(text, 2022)


@pytest.mark.parametrize(
    ("deadline", "status", "state"),
    [
        (due("3月19日"), S.IN_PROGRESS, ItemState(Light.RED, -1, True)),
        (due("3月1日"), S.NOT_STARTED, ItemState(Light.RED, -19, True)),
        (due("3月20日"), S.IN_PROGRESS, ItemState(Light.YELLOW, 0, False)),
        (due("3月27日"), S.IN_PROGRESS, ItemState(Light.YELLOW, 7, False)),
        (due("3月28日"), S.IN_PROGRESS, ItemState(Light.GREEN, 8, False)),
        (due("3月下旬"), S.IN_PROGRESS, ItemState(Light.GREEN, 11, False)),  # due 3月31日
        (due("3月中旬"), S.NOT_STARTED, ItemState(Light.YELLOW, 0, False)),  # due 3月20日
        (due("3月上旬"), S.NOT_STARTED, ItemState(Light.RED, -10, True)),
        (due("3月1日"), S.DONE, ItemState(Light.GREEN, None, False)),
        (due("3月1日"), S.CLOSED, ItemState(Light.GREEN, None, False)),
        (due("3月1日"), S.ONGOING, ItemState(Light.GREEN, None, False)),
        (due("长期坚持"), S.NOT_STARTED, ItemState(Light.GREEN, None, False)),
        (due("立行立改"), S.IN_PROGRESS, ItemState(Light.RED, -33, True)),  # due when issued
    ],
)
def test_item_state(deadline, status, state):
    assert item_state(deadline, status, TODAY, 7, ISSUED) == state


def test_immediate_is_yellow_on_the_day_of_issue():
    assert item_state(due("立行立改"), S.NOT_STARTED, ISSUED, 7, ISSUED) == ItemState(
        Light.YELLOW, 0, False)


def issue(key, dept, cat, deadline, status) -> Issue:
    return Issue(key=key, seq=int(key), category=cat, description="", measures="", leader="",
                 department=dept, owner="", deadline=due(deadline), status=status)


ISSUES = [
    issue("1", "办公室", "作风", "3月1日", S.IN_PROGRESS),     # red
    issue("2", "财务部", "纪律", "3月25日", S.NOT_STARTED),    # yellow
    issue("3", "办公室", "纪律", "3月1日", S.DONE),            # green, done
    issue("4", "办公室", "作风", "长期坚持", S.ONGOING),        # green, ongoing
    issue("5", "财务部", "作风", "年底前", S.CLOSED),           # green, done
    issue("6", "组织部", "作风", "12月31日", S.NOT_STARTED),    # green
]


def meta() -> DocumentMeta:
    return DocumentMeta(organ="中共六安市总工会党组", mark="中共六安市总工会党组文件",
                        number="六工党〔2022〕7号", campaign="", plan_title="", title="",
                        addressee="", date=ISSUED, warn_days=7)


def test_assess():
    task = Task(phase="第一阶段", task="学习", department="办公室", owner="", start=None,
                due=due("3月15日"), status=S.IN_PROGRESS)
    done_task = Task(phase="第一阶段", task="总结", department="办公室", owner="", start=None,
                     due=due("3月15日"), status=S.DONE)
    a = assess(Campaign(meta=meta(), issues=ISSUES, tasks=[task, done_task]), TODAY)
    assert a.today == TODAY
    assert {k: s.light for k, s in a.issue_states.items()} == {
        "1": Light.RED, "2": Light.YELLOW, "3": Light.GREEN, "4": Light.GREEN,
        "5": Light.GREEN, "6": Light.GREEN}
    assert a.task_states == [ItemState(Light.RED, -5, True), ItemState(Light.GREEN, None, False)]
    assert (a.count(Light.RED), a.count(Light.YELLOW), a.count(Light.GREEN)) == (1, 1, 4)
    assert a.departments == department_stats(ISSUES, a.issue_states)
    assert a.categories == category_stats(ISSUES, a.issue_states)


def test_department_stats_in_first_appearance_order():
    states = assess(Campaign(meta=meta(), issues=ISSUES), TODAY).issue_states
    assert department_stats(ISSUES, states) == [
        DeptStats("办公室", total=3, done=1, in_progress=1, ongoing=1, overdue=1),
        DeptStats("财务部", total=2, done=1, not_started=1, due_soon=1),
        DeptStats("组织部", total=1, not_started=1),
    ]
    assert department_stats(ISSUES, states)[0].rate == pytest.approx(1 / 3)


def test_category_stats():
    states = assess(Campaign(meta=meta(), issues=ISSUES), TODAY).issue_states
    assert category_stats(ISSUES, states) == [
        DeptStats("作风", total=4, done=1, in_progress=1, not_started=1, ongoing=1, overdue=1),
        DeptStats("纪律", total=2, done=1, not_started=1, due_soon=1),
    ]


def test_empty_campaign():
    a = assess(Campaign(meta=meta()), TODAY)
    assert (a.issue_states, a.task_states, a.departments, a.categories) == ({}, [], [], [])
