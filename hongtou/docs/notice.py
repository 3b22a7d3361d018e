"""通知.docx: the red-header notice that issues the plan, the plan itself, its attachments
(领导小组名单, 阶段安排表) and the 版记 on the last page."""

from __future__ import annotations

import re

from ..layout import gbt9704 as g
from ..layout import styles as st
from ..layout import zones
from ..layout.ooxml import Block, TableColumn, para, ppr, run, table
from ..model import Assessment, Campaign
from ..rules.dates import format_date, span_text
from ..rules.numbering import cn_number
from .common import head_of, record_of, roster_lines, roster_paras, roster_prose, signature_of
from .skeletons import NOTICE
from .template import MEDIA, TemplateSet

# Facts a sentence of the plan may quote inline: 「本次{{ 活动名称 }}分三个阶段」.
_INLINE = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def attachment_names(c: Campaign) -> list[str]:
    names = []
    if c.members:
        names.append(f"{c.meta.campaign}领导小组成员名单")
    if c.phases:
        names.append(f"{c.meta.campaign}阶段安排表")
    return names


def phase_paragraphs(c: Campaign) -> list[tuple[int, str]]:
    """{{ 阶段安排 }} in the plan: one paragraph a phase, in seed 000's words."""
    out = []
    for p in c.phases:
        label = p.label if p.label.startswith("第") else f"第{cn_number(p.order)}阶段"
        when = span_text(p.start, p.end)
        text = f"{label}为{p.name}（{when}）。" if p.name else f"{label}（{when}）。"
        if p.tasks:
            text += p.tasks.rstrip("。") + "。"
        if p.output:
            text += f"成果形式：{p.output.rstrip('。')}。"
        out.append((0, text))
    return out


def task_paragraphs(c: Campaign) -> list[tuple[int, str]]:
    out = []
    for i, t in enumerate(c.tasks, 1):
        text = f"{i}. {t.task.rstrip('。')}。责任部门：{t.department}"
        if t.owner:
            text += f"（{t.owner}）"
        text += f"；完成时限：{t.due.text}。"
        out.append((0, text))
    return out


def plan_paragraphs(c: Campaign) -> list[tuple[int, str]]:
    """The plan's text with placeholders expanded and inline facts filled in."""
    facts = inline_facts(c)
    out: list[tuple[int, str]] = []
    for bp in c.body:
        if bp.placeholder == "阶段安排":
            out.extend(phase_paragraphs(c))
        elif bp.placeholder == "领导小组":
            out.append((0, roster_prose(c)))
        elif bp.placeholder == "工作安排":
            out.extend(task_paragraphs(c))
        else:
            out.append((bp.level, _INLINE.sub(lambda m: facts.get(m.group(1), m.group(0)),
                                              bp.text)))
    return out


def inline_facts(c: Campaign) -> dict[str, str]:
    m = c.meta
    return {"活动名称": m.campaign, "方案标题": m.plan_title, "发文机关": m.organ,
            "发文字号": m.number, "成文日期": format_date(m.date), "主送机关": m.addressee}


def roster_block(c: Campaign) -> Block:
    """附件 1: the leading group, label once per role, wrapped lines aligned after it."""
    out = [roster_paras(roster_lines(c.members))]
    if any(m.role.startswith("办公室") for m in c.members):
        office = [m for m in c.members if m.role == "办公室主任"]
        if office:
            out.append(para(run(f"领导小组下设办公室，{office[0].name}同志兼任办公室主任。"),
                            ppr(st.BODY, before=g.LINE_PITCH)))
    return Block("".join(out))


PHASE_COLUMNS = [   # widths from the content (`layout.columns`)
    TableColumn("阶段"), TableColumn("名称"), TableColumn("时间"), TableColumn("主要任务", align="left"),
    TableColumn("成果形式", align="left"),
]


def phase_table(c: Campaign) -> Block:
    rows = [[p.label or f"第{cn_number(p.order)}阶段", p.name, span_text(p.start, p.end),
             p.tasks, p.output] for p in c.phases]
    return Block(table(PHASE_COLUMNS, rows, header_style=st.TABLE_HEAD,
                       cell_style=st.TABLE_TEXT))


def context(c: Campaign) -> dict:
    m = c.meta
    names = attachment_names(c)
    plan = zones.title(m.plan_title, gap_lines=0, new_page=True) + zones.body(
        plan_paragraphs(c))
    attachments = []
    blocks = []
    if c.members:
        blocks.append(roster_block(c))
    if c.phases:
        blocks.append(phase_table(c))
    for i, (name, content) in enumerate(zip(names, blocks), 1):
        attachments.append(zones.attachment_page(i if len(names) > 1 else None, name, content))
    signature, seals = signature_of(m, m.date)
    return {
        MEDIA: seals,
        "版头": zones.header_zone(head_of(m)),
        "标题": zones.title_run(m.title),
        "主送机关": m.addressee,
        "方案标题": m.plan_title,
        "发文机关": m.organ,
        "成文日期": format_date(m.date),
        "活动名称": m.campaign,
        "附件说明": zones.attachment_note(names),
        "落款": signature,
        "附注": zones.note(m.note),
        "方案": Block(plan),
        "附件": Block("".join(attachments)),
        "版记": record_of(m),
    }


def render(c: Campaign, a: Assessment, templates: TemplateSet) -> bytes:
    return templates.get(NOTICE).render(context(c))
