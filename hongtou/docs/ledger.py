"""整改台账.docx: the rectification ledger for filing, landscape, header row on every page,
each item's 红黄绿 status shaded."""

from __future__ import annotations

from ..layout import gbt9704 as g
from ..layout import styles as st
from ..layout.ooxml import Block, TableColumn, table
from ..model import Assessment, Campaign, Issue, ItemState, Light
from ..rules.dates import format_date
from ..rules.names import pad_name
from .common import late_counts
from .skeletons import LEDGER
from .template import TemplateSet

# Shading of the 状态 cell; the same hues as the Excel ledger (light, so text stays legible
# on a black-and-white printer).
LIGHT_FILL = {Light.RED: "FFC7CE", Light.YELLOW: "FFEB9C", Light.GREEN: "C6EFCE"}

# Widths from the content (`layout.columns`), sharing the landscape block (225 mm wide).
COLUMNS = [
    TableColumn("序号"), TableColumn("问题类别"), TableColumn("问题描述", align="left"),
    TableColumn("整改措施", align="left"), TableColumn("责任领导"), TableColumn("责任部门"), TableColumn("责任人"),
    TableColumn("整改时限"), TableColumn("整改状态"), TableColumn("状态"),
]


def light_text(state: ItemState) -> str:
    if state.light is Light.RED:
        return f"红\n超期{-state.days_left}天" if state.days_left is not None else "红"
    if state.light is Light.YELLOW:
        return "黄\n今日到期" if state.days_left == 0 else f"黄\n剩{state.days_left}天"
    return "绿"


def issue_row(i: Issue, state: ItemState) -> list:
    return [str(i.seq), i.category, i.description, i.measures, pad_name(i.leader),
            i.department, "、".join(pad_name(n) for n in i.owner.split("、")) if i.owner else "",
            i.deadline.text, i.status.value, (light_text(state), LIGHT_FILL[state.light])]


def summary(c: Campaign, a: Assessment) -> str:
    total = len(c.issues)
    done = sum(1 for i in c.issues if i.status.is_done)
    rate = f"{done / total * 100:.1f}%" if total else "0%"
    return (f"共查摆问题{total}个，已完成{done}个，完成率{rate}；其中"
            f"{late_counts(a.count(Light.RED), a.count(Light.YELLOW), c.meta.warn_days, '个')}。")


def context(c: Campaign, a: Assessment, department: str | None = None) -> dict:
    """`department`: the ledger is one department's (its name follows the title)."""
    rows = [issue_row(i, a.issue_states[i.key]) for i in c.issues]
    return {
        "表题": f"{c.meta.campaign}问题整改台账" + (f"（{department}）" if department else ""),
        "统计截至": format_date(a.today),
        "概况": summary(c, a),
        "台账表": Block(table(COLUMNS, rows, header_style=st.TABLE_HEAD,
                             cell_style=st.TABLE_TEXT, total=g.LANDSCAPE_BLOCK_WIDTH)),
        "活动名称": c.meta.campaign,
    }


def render(c: Campaign, a: Assessment, templates: TemplateSet,
           department: str | None = None) -> bytes:
    return templates.get(LEDGER).render(context(c, a, department))

