"""督办/<部门>.docx: a red-header reminder to each department that has overdue items or items
due within 预警天数, with the feedback date counted in working days."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..layout import gbt9704 as g
from ..layout import styles as st
from ..layout import zones
from ..layout.ooxml import Block, TableColumn, para, ppr, run, table
from ..model import Assessment, Campaign, Issue, Light
from ..rules.dates import format_date
from ..rules.names import pad_name
from ..rules.workdays import add_working_days
from .common import late_counts
from .ledger import LIGHT_FILL, light_text
from .skeletons import REMINDER
from .template import TemplateSet

COLUMNS = [   # widths from the content (`layout.columns`)
    TableColumn("序号"), TableColumn("问题描述", align="left"), TableColumn("责任人"), TableColumn("整改时限"),
    TableColumn("整改状态"), TableColumn("状态"),
]


def late_items(c: Campaign, a: Assessment) -> dict[str, list[Issue]]:
    """Department → its red and yellow items not yet done, departments in ledger order."""
    out: dict[str, list[Issue]] = {}
    for i in c.issues:
        state = a.issue_states[i.key]
        if not i.status.is_done and state.light in (Light.RED, Light.YELLOW):
            out.setdefault(i.department, []).append(i)
    return out


def office_contact(c: Campaign) -> str:
    """联系人 line: the office director of the leading group, with their phone from 人员."""
    phones = {p.name: p.phone for p in c.persons}
    for role in ("办公室主任", "办公室副主任", "办公室成员"):
        for m in c.members:
            if m.role == role:
                phone = phones.get(m.name, "")
                return f"联系人：{m.name}" + (f"，联系电话：{phone}" if phone else "")  # in a sentence: no padding
    return ""


@dataclass(frozen=True)
class Shared:
    """What every department's reminder has in common, computed once per run."""

    sender: str
    contact: Block
    signature: Block
    totals: dict[str, int]
    feedback: str


def shared(c: Campaign, a: Assessment) -> Shared:
    m = c.meta
    sender = m.printer or m.organ
    contact = office_contact(c)
    return Shared(
        sender=sender,
        contact=Block(para(run(contact), ppr(st.BODY, before=g.LINE_PITCH, keep_next=True))
                      if contact else ""),  # never leave the 署名 alone on a page
        signature=zones.signature(sender, format_date(a.today)),
        totals=Counter(i.department for i in c.issues),
        feedback=format_date(add_working_days(a.today, m.feedback_days)),
    )


def context(c: Campaign, a: Assessment, department: str, items: list[Issue],
            common: Shared | None = None) -> dict:
    m = c.meta
    common = common or shared(c, a)
    rows = []
    for n, i in enumerate(items, 1):
        st_ = a.issue_states[i.key]
        owners = "、".join(pad_name(x) for x in i.owner.split("、")) if i.owner else ""
        rows.append([str(n), i.description, owners, i.deadline.text, i.status.value,
                     (light_text(st_), LIGHT_FILL[st_.light])])
    red = sum(1 for i in items if a.issue_states[i.key].light is Light.RED)
    return {
        "发信机关": common.sender,
        "标题": zones.title_run("关于加快推进问题整改工作的督办通知"),
        "主送": department,
        "活动名称": m.campaign,
        "统计截至": format_date(a.today),
        "事项总数": str(common.totals[department]),
        "超期数": str(red),
        "临期数": str(len(items) - red),
        "预警天数": str(m.warn_days),
        "超期情况": late_counts(red, len(items) - red, m.warn_days, "项"),
        "反馈日期": common.feedback,
        "反馈单位": "领导小组办公室",
        "督办表": Block(table(COLUMNS, rows, header_style=st.TABLE_HEAD,
                             cell_style=st.TABLE_TEXT)),
        "联系人": common.contact,
        "落款": common.signature,
    }


def render(c: Campaign, a: Assessment, templates: TemplateSet) -> dict[str, bytes]:
    tpl = templates.get(REMINDER)
    common = shared(c, a)
    return {dept: tpl.render(context(c, a, dept, items, common))
            for dept, items in late_items(c, a).items()}
