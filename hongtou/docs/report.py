"""进展通报.docx: a red-header 通报 on how the rectification stands on the assessment day —
the overall figures, a table and a bar chart per 责任部门, the overdue items, the
requirements for the next step, the 落款 and the 版记.

The 通报 is issued under one organ, 发文信息's 通报机关 (by default the 发文机关): its mark
(the 发文机关标志 when it is the 发文机关, else 「通报机关＋文件」), its 字号 and its 署名
agree. The plan's 发文字号 belongs to the notice, not to this 通报: the 文号 line is left out
(the red line then sits 4 mm under the mark) unless there is a 通报字号. The completion-rate chart is a table, not a
picture; `hongtou.docs.chart.bar_chart` says why.

Page breaks in the tables (issue 12, as a reviewer of the pages wants them): a table starts
where it stands when its header and two lines of rows fit there — two one-line rows, or one
of two lines (`gbt9704.TABLE_HOLD_LINES`) — else it goes over with the sentence or heading
that introduces it: never a sentence or a header alone at a page foot, nor a one-line last
row (the 合计) alone under the repeated header.
"""

from __future__ import annotations

from dataclasses import replace

from ..layout import gbt9704 as g
from ..layout import styles as st
from ..layout import zones
from ..layout import columns
from ..layout.ooxml import Block, TableColumn, fit_label, table
from ..model import Assessment, Campaign, DeptStats, Issue, Light
from ..rules.dates import format_md
from ..rules.status import stats_total
from ..rounds import changes, earlier_rounds
from .chart import Bar, bar_chart
from .common import head_of, late_counts, record_of, signature_of
from .skeletons import REPORT
from .template import MEDIA, TemplateSet

# Widths from the content (`layout.columns`), sharing the portrait block (156 mm).
DEPT_COLUMNS = [
    TableColumn("责任部门"), TableColumn("问题总数"), TableColumn("已完成"), TableColumn("整改中"),
    TableColumn("未启动"), TableColumn("长期坚持"), TableColumn("已超期"), TableColumn("完成率"),
]
OVERDUE_COLUMNS = [
    TableColumn("序号"), TableColumn("责任部门"), TableColumn("问题描述", align="left"), TableColumn("整改时限"),
    TableColumn("超期天数"),
]
CHANGE_COLUMNS = [  # 较上期, per department: widths from the content
    TableColumn("责任部门"), TableColumn("新增完成"), TableColumn("新增超期"), TableColumn("仍超期"),
]
CHART_LABEL = TableColumn("责任部门")  # as wide as the longest department's name
CHART_VALUE = TableColumn("完成率", g.Mm(22))
CHART_AXIS_LEAST = g.Mm(80)       # the bars keep at least this much of the block


def percent(part: int, whole: int) -> str:
    """`63.9%`: one decimal, 0.0% when there is nothing to count."""
    return f"{part / whole * 100:.1f}%" if whole else "0.0%"


def dept_row(d: DeptStats) -> list[str]:
    return [d.department, str(d.total), str(d.done), str(d.in_progress), str(d.not_started),
            str(d.ongoing), str(d.overdue), percent(d.done, d.total)]


def overdue_items(c: Campaign, a: Assessment) -> list[Issue]:
    """The red items (past their deadline, not done), in ledger order."""
    return [i for i in c.issues if a.issue_states[i.key].light is Light.RED]


def overdue_block(c: Campaign, a: Assessment) -> Block:
    items = overdue_items(c, a)
    if not items:
        return zones.body_text("截至统计日，没有超期未完成的整改事项。")
    rows = [[str(n), i.department, i.description, i.deadline.text,
             f"{-a.issue_states[i.key].days_left}天"] for n, i in enumerate(items, 1)]
    return Block(table(OVERDUE_COLUMNS, rows, header_style=st.TABLE_HEAD,
                       cell_style=st.TABLE_TEXT, hold=g.TABLE_HOLD_LINES))


def since_last_round(c: Campaign, a: Assessment) -> Block:
    """较上期: when a master of an earlier round is kept (历史/), what changed since the latest
    — issues newly done, newly overdue, still overdue — in a sentence and per department."""
    rounds = earlier_rounds(c, a.today)
    if not rounds:
        return Block("")
    before = rounds[-1]
    rows = changes(c, a, before)
    total = rows[-1]
    sentence = zones.body_text(
        f"与上期（{format_md(before.day, c.meta.date.year)}）相比，新增完成{total.newly_done}项、"
        f"新增超期{total.newly_overdue}项、仍超期{total.still_overdue}项；各部门情况如下：",
        keep_next=True)  # with its table
    cells = [[r.department, str(r.newly_done), str(r.newly_overdue), str(r.still_overdue)]
             for r in rows]
    return Block(sentence + table(CHANGE_COLUMNS, cells, header_style=st.TABLE_HEAD,
                                  cell_style=st.TABLE_TEXT, hold=g.TABLE_HOLD_LINES))


def chart(departments: list[DeptStats]) -> Block:
    names = [d.department for d in departments]
    label = fit_label(CHART_LABEL, names, g.Length(g.BLOCK_WIDTH - CHART_VALUE.width
                                                   - CHART_AXIS_LEAST))
    bars = [Bar(columns.lines(d.department, g.twips(label.width) / 20 - columns.PADDING),
                d.rate, percent(d.done, d.total)) for d in departments]
    axis = g.Length(g.BLOCK_WIDTH - label.width - CHART_VALUE.width)
    return Block(bar_chart(bars, label=label, axis=axis, value=CHART_VALUE,
                           header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT,
                           heads=("责任部门", "完成情况", "完成率")))


def context(c: Campaign, a: Assessment, number: str | None = None) -> dict:
    """`number` is the 通报's own 发文字号: by default 发文信息's 通报字号, which may be empty
    (see the module docstring)."""
    m = c.meta
    number = m.report_number if number is None else number
    whole = stats_total(a.departments)
    rows = [dept_row(d) for d in a.departments] + [dept_row(whole)]
    organ = m.report_organ or m.organ
    mark = m.mark if organ == m.organ else f"{organ}文件"
    # one organ: no joint marks; the lead organ's seal only if it is that organ
    own = replace(m, organ=organ, mark=mark, joint_marks=[])
    signature, seals = signature_of(own, a.today, seals=m.seals[:1] if organ == m.organ else [])
    return {
        MEDIA: seals,
        "版头": zones.header_zone(head_of(own, number=number)),
        "标题": zones.title_run(f"关于{m.campaign}问题整改进展情况的通报"),
        "主送机关": m.addressee,
        "活动名称": m.campaign,
        "统计截至": format_md(a.today, m.date.year),
        "问题总数": str(whole.total),
        "已完成数": str(whole.done),
        "完成率": percent(whole.done, whole.total),
        "超期数": str(a.count(Light.RED)),
        "临期数": str(a.count(Light.YELLOW)),
        "预警天数": str(m.warn_days),
        "超期情况": late_counts(a.count(Light.RED), a.count(Light.YELLOW), m.warn_days, "个"),
        "较上期": since_last_round(c, a),
        "部门统计表": Block(table(DEPT_COLUMNS, rows, header_style=st.TABLE_HEAD,
                                 cell_style=st.TABLE_TEXT, hold=g.TABLE_HOLD_LINES)),
        "完成率图": chart(a.departments),
        "超期事项": overdue_block(c, a),
        "落款": signature,
        # printed the day it is signed: the plan's 印发日期 belongs to the notice
        "版记": record_of(replace(m, print_date=a.today)),
    }


def render(c: Campaign, a: Assessment, templates: TemplateSet) -> bytes:
    return templates.get(REPORT).render(context(c, a))
